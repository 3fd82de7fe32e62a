/* test-window.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include <adwaita.h>

#include <glib/gi18n.h>
#include <locale.h>

#include "rd-account-overview.h"
#include "rd-account-page-private.h"
#include "rd-bridge-calculator.h"
#include "rd-concern-list.h"
#include "rd-code-picker.h"
#include "rd-contact-dialog.h"
#include "rd-delay-editor.h"
#include "rd-format.h"
#include "rd-plan-view.h"
#include "rd-portfolio-view-private.h"
#include "rd-preferences-window.h"
#include "rd-sample.h"
#include "rd-search-text.h"
#include "rd-store.h"
#include "rd-text-cell.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-window-private.h"

/* The compiled locales for the de_DE case: the ui tests are built from
 * rd-test-ui.c and rd-test-util.c only (tests/meson.build). */
#include "rd-test-locale.h"

/* The cases run in order against one window on one temporary database,
 * the way a user would go: empty window, sample, search, open, edit. */

#define TIMEOUT_MS 20000

static char *tmpdir;
static char *db_path;
static RdWindow *window;
static char *edited_id;
static char *original_end;

static gboolean
stack_shows (gpointer data)
{
  return rd_test_window_shows (window, data);
}

static gboolean
portfolio_filled (gpointer data)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);

  /* Every row announced: the list grows a few rows a frame. */
  return rd_portfolio_view_get_n_accounts (view) >= RD_SAMPLE_DEFAULT_SIZE &&
         !_rd_portfolio_view_is_growing (view) &&
         stack_shows ("portfolio");
}

static RdAccount *
read_account (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (db_path, NULL, &error);
  RdAccount *account;

  g_assert_no_error (error);
  account = rd_store_get_account (store, id, &error);
  g_assert_no_error (error);
  return account;
}

static char *
xdotool (const char *arguments)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", arguments);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_command_line_sync (command, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_strstrip (g_steal_pointer (&out));
}

/* Presses @keys (xdotool's names, e.g. "alt+Left") in this process's
 * window, through XTEST as a person would: the key goes through every
 * widget between the focus and the window.  FALSE without xdotool. */
static gboolean
press_keys (const char *keys)
{
  g_autofree char *search = g_strdup_printf ("search --onlyvisible --pid %d --name 'Renewal Desk'",
                                             (int) getpid ());
  g_autofree char *ids = NULL;
  g_autofree char *focus = NULL;
  g_autofree char *key = NULL;
  g_autofree char *done = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *program = g_find_program_in_path ("xdotool");

  if (program == NULL || g_strcmp0 (g_getenv ("GDK_BACKEND"), "x11") != 0)
    return FALSE;

  rd_test_spin_for (100);
  ids = xdotool (search);
  g_assert_nonnull (ids);
  lines = g_strsplit (ids, "\n", -1);
  focus = g_strdup_printf ("windowfocus --sync %s", lines[0]);
  done = xdotool (focus);
  g_assert_nonnull (done);
  /* Let the window take the focus before the key comes. */
  rd_test_spin_for (100);
  key = g_strdup_printf ("key --clearmodifiers %s", keys);
  g_clear_pointer (&done, g_free);
  done = xdotool (key);
  g_assert_nonnull (done);
  return TRUE;
}

/* Cases ------------------------------------------------------------------ */

static void
test_empty_state (void)
{
  GtkWidget *button;

  rd_test_present_window (&window, db_path, 1200, 760);

  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "empty", TIMEOUT_MS));
  /* Its picture is named only as it is shown. */
  g_assert_cmpstr (adw_status_page_get_icon_name (_rd_window_get_empty_page (window)), ==,
                   "x-office-spreadsheet-symbolic");
  /* The window opened the database itself, into its context. */
  g_assert_nonnull (_rd_window_get_store (window));
  g_assert_true (rd_context_get_store (rd_window_get_context (window)) ==
                 _rd_window_get_store (window));
  button = _rd_window_get_sample_button (window);
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, button, TIMEOUT_MS));
  g_assert_true (gtk_widget_is_sensitive (button));
}

static void
test_sample (void)
{
  GtkWidget *button = _rd_window_get_sample_button (window);

  g_assert_true (gtk_widget_activate (button));
  g_assert_true (rd_test_spin_until (portfolio_filled, NULL, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (_rd_portfolio_view_get_model (_rd_window_get_portfolio_view (window))),
                    ==, RD_SAMPLE_DEFAULT_SIZE);

  rd_test_save_screenshot (GTK_WIDGET (window), "portfolio.png", FALSE);
}

static gboolean
stack_has_page (gpointer data)
{
  return gtk_stack_get_child_by_name (_rd_window_get_content_stack (window), data) != NULL;
}

/* Pages and windows off the first frame are built when first needed. */
static void
test_hidden_pages_on_use (void)
{
  GtkApplicationWindow *app_window = GTK_APPLICATION_WINDOW (window);
  GtkShortcutsWindow *overlay;

  /* The reminders page after the first frame, for the sidebar's badge. */
  g_assert_true (rd_test_spin_until (stack_has_page, (gpointer) "reminders", TIMEOUT_MS));
  /* No account opened yet: no account page. */
  g_assert_false (stack_has_page ((gpointer) "account"));

  g_assert_null (gtk_application_window_get_help_overlay (app_window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (app_window);
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
  /* Asked again, the same one shows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (app_window) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
}

typedef struct
{
  GListModel *model;
  guint       below;
} Narrowed;

static gboolean
model_narrowed (gpointer data)
{
  Narrowed *n = data;

  return g_list_model_get_n_items (n->model) < n->below;
}

static gboolean
model_has (gpointer data)
{
  Narrowed *n = data;

  return g_list_model_get_n_items (n->model) == n->below;
}

static void
test_search (void)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);
  GListModel *model = _rd_portfolio_view_get_model (view);
  GtkSearchEntry *entry = _rd_portfolio_view_get_search_entry (view);
  RdAccount *first = _rd_portfolio_view_get_account (view, 0);
  g_autofree char *needle = g_utf8_substring (rd_account_get_name (first), 0, 6);
  guint total = g_list_model_get_n_items (model);
  Narrowed narrowed = { model, total };

  /* Typed into the entry: the filter follows after the search delay. */
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), needle);
  g_assert_true (rd_test_spin_until (model_narrowed, &narrowed, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      RdAccount *match = _rd_portfolio_view_get_account (view, i);
      g_autofree char *folded = rd_search_text_fold (needle, -1);
      g_autofree char *key = rd_search_text_fold (rd_account_get_search_key (match), -1);

      g_assert_nonnull (strstr (key, folded));
    }

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (rd_test_spin_until (model_has, &narrowed, TIMEOUT_MS));
}

/* The widget the pointer finds in the middle of the list's area. */
static GtkWidget *
pick_list_area (RdPortfolioView *view)
{
  GtkWidget *area = gtk_widget_get_parent (_rd_portfolio_view_get_no_results_page (view));

  return gtk_widget_pick (area, gtk_widget_get_width (area) / 2.0,
                          gtk_widget_get_height (area) / 2.0, GTK_PICK_DEFAULT);
}

static gboolean
within (GtkWidget *widget,
        GtkWidget *ancestor)
{
  return widget != NULL && (widget == ancestor || gtk_widget_is_ancestor (widget, ancestor));
}

static gboolean
no_results_shown (gpointer data)
{
  RdPortfolioView *view = data;
  GtkWidget *page = _rd_portfolio_view_get_no_results_page (view);

  return gtk_widget_get_mapped (page) && within (pick_list_area (view), page);
}

static gboolean
list_shown (gpointer data)
{
  RdPortfolioView *view = data;

  return within (pick_list_area (view), GTK_WIDGET (_rd_portfolio_view_get_column_view (view)));
}

/* A search that matches nothing shows the "no results" page in the list's
 * place, with the focus out of the list, and clearing it brings the list
 * back whole; the page never shows with matches. */
static void
test_search_no_results (void)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);
  GListModel *model = _rd_portfolio_view_get_model (view);
  GtkSearchEntry *entry = _rd_portfolio_view_get_search_entry (view);
  GtkWidget *column_view = GTK_WIDGET (_rd_portfolio_view_get_column_view (view));
  GtkWidget *page = _rd_portfolio_view_get_no_results_page (view);
  guint total = g_list_model_get_n_items (model);
  Narrowed narrowed = { model, total };
  GtkWidget *focus;

  g_assert_true (rd_test_spin_until (list_shown, view, TIMEOUT_MS));
  g_assert_false (no_results_shown (view));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==,
                   _("No Matching Accounts"));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), ==,
                   _("Try a different search or clear the filters."));

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (gtk_widget_grab_focus (column_view));
      gtk_editable_set_text (GTK_EDITABLE (entry), "zzqqx no such account");
      g_assert_true (rd_test_spin_until (no_results_shown, view, TIMEOUT_MS));
      g_assert_false (list_shown (view));
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_true (within (focus, GTK_WIDGET (entry)));

      /* Still nothing, then a match: the page stays, then gives way. */
      gtk_editable_set_text (GTK_EDITABLE (entry), "zzqqx no such accoun");
      g_assert_true (rd_test_spin_until (no_results_shown, view, TIMEOUT_MS));
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      g_assert_true (rd_test_spin_until (list_shown, view, TIMEOUT_MS));
      g_assert_false (no_results_shown (view));
      g_assert_true (rd_test_spin_until (model_has, &narrowed, TIMEOUT_MS));
    }
}

/* Typed without accents, in another case: "kovacs" finds "Kovács" (the
 * sample's Hungarian owner), and nothing that does not fold to it. */
static void
test_search_accents (void)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);
  GListModel *model = _rd_portfolio_view_get_model (view);
  GtkSearchEntry *entry = _rd_portfolio_view_get_search_entry (view);
  Narrowed narrowed = { model, g_list_model_get_n_items (model) };
  gboolean accented = FALSE;

  gtk_editable_set_text (GTK_EDITABLE (entry), "KOVACS");
  g_assert_true (rd_test_spin_until (model_narrowed, &narrowed, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      RdAccount *match = _rd_portfolio_view_get_account (view, i);
      g_autofree char *key = rd_search_text_fold (rd_account_get_search_key (match), -1);

      g_assert_nonnull (strstr (key, "kovacs"));
      /* The key is folded; the account keeps its accents. */
      accented |= strstr (rd_account_get_owner (match) ? rd_account_get_owner (match) : "",
                          "Kovács") != NULL ||
                  strstr (rd_account_get_name (match), "Kovács") != NULL;
    }
  g_assert_true (accented);
  rd_test_save_screenshot (GTK_WIDGET (window), "portfolio-search-accents.png", FALSE);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (rd_test_spin_until (model_has, &narrowed, TIMEOUT_MS));
}

/* The column headers' sort arrows: in GTK 4.8 a GtkColumnViewTitle is a
 * "button" with a label and a "sort-indicator" that shows an arrow when
 * it has the class "ascending" or "descending". */
static void
count_sort_arrows (GtkWidget *widget,
                   guint     *n,
                   char     **which)
{
  if (g_strcmp0 (gtk_widget_get_css_name (widget), "sort-indicator") == 0 &&
      gtk_widget_get_visible (widget) &&
      (gtk_widget_has_css_class (widget, "ascending") ||
       gtk_widget_has_css_class (widget, "descending")))
    {
      GtkWidget *label = gtk_widget_get_prev_sibling (widget);

      (*n)++;
      g_free (*which);
      *which = g_strdup (GTK_IS_LABEL (label) ? gtk_label_get_text (GTK_LABEL (label)) : "?");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_sort_arrows (child, n, which);
}

static void
assert_one_sort_arrow (RdPortfolioView *view,
                       const char      *title)
{
  GtkColumnView *column_view = _rd_portfolio_view_get_column_view (view);
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (column_view));
  g_autofree char *which = NULL;
  guint n = 0;

  rd_test_spin_for (50);
  count_sort_arrows (header, &n, &which);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (which, ==, title);
}

static void
test_sort_arrows (void)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);

  assert_one_sort_arrow (view, _("Renewal"));

  /* This quarter sorts by risk, the whole book by deadline again: the
   * header that sorted before loses its arrow each time. */
  rd_portfolio_view_set_scope (view, RD_PORTFOLIO_SCOPE_QUARTER);
  assert_one_sort_arrow (view, _("Risk"));
  rd_test_save_screenshot (GTK_WIDGET (window), "portfolio-sort-arrow.png", FALSE);
  rd_portfolio_view_set_scope (view, RD_PORTFOLIO_SCOPE_ALL);
  assert_one_sort_arrow (view, _("Renewal"));
  rd_portfolio_view_set_scope (view, RD_PORTFOLIO_SCOPE_QUARTER);
  rd_portfolio_view_set_scope (view, RD_PORTFOLIO_SCOPE_ALL);
  assert_one_sort_arrow (view, _("Renewal"));
}

/* The text cells of the list, past the header. */
static void
collect_cell_labels (GtkWidget *widget,
                     GPtrArray *labels)
{
  if (RD_IS_TEXT_CELL (widget) && gtk_widget_get_has_tooltip (widget) &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_VIEW) != NULL)
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cell_labels (child, labels);
}

static gboolean
ask_tooltip (GtkWidget *widget)
{
  g_autoptr(GObject) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (widget, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

/* A cell cut short ("Meridian Manufact…") has a tooltip; a whole one none. */
static void
test_cell_tooltips (void)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n_cut = 0, n_whole = 0;

  collect_cell_labels (GTK_WIDGET (_rd_portfolio_view_get_column_view (view)), labels);
  g_assert_cmpuint (labels->len, >, 0);

  for (guint i = 0; i < labels->len; i++)
    {
      RdTextCell *label = g_ptr_array_index (labels, i);
      gboolean cut;

      if (!gtk_widget_get_mapped (GTK_WIDGET (label)) || *rd_text_cell_get_text (label) == '\0')
        continue;
      cut = rd_text_cell_is_ellipsized (label);
      /* The days cells always show their date; the others only when cut. */
      if (cut)
        {
          g_assert_true (ask_tooltip (GTK_WIDGET (label)));
          n_cut++;
        }
      else if (rd_text_cell_get_xalign (label) == 0.0f && !ask_tooltip (GTK_WIDGET (label)))
        {
          n_whole++;
        }
    }

  g_assert_cmpuint (n_cut, >, 0);
  g_assert_cmpuint (n_whole, >, 0);
}

/* The chips of the list (risk and delay), each in its box. */
static void
collect_chips (GtkWidget *widget,
               GPtrArray *chips)
{
  if (RD_IS_TEXT_CELL (widget) && gtk_widget_has_css_class (widget, "chip") &&
      gtk_widget_get_mapped (widget) && *rd_text_cell_get_text (RD_TEXT_CELL (widget)) != '\0')
    g_ptr_array_add (chips, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_chips (child, chips);
}

/* Each chip is as wide as its word, at the start of its cell: the left
 * edge, or the right one from right to left. */
static void
assert_chips_at_start (RdPortfolioView *view,
                       gboolean         rtl)
{
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();

  collect_chips (GTK_WIDGET (_rd_portfolio_view_get_column_view (view)), chips);
  g_assert_cmpuint (chips->len, >, 0);
  for (guint i = 0; i < chips->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (chips, i);
      GtkWidget *box = gtk_widget_get_parent (chip);
      RdTextCell *cell = RD_TEXT_CELL (chip);
      graphene_rect_t bounds;
      int padding;

      g_assert_true (gtk_widget_compute_bounds (chip, box, &bounds));
      gtk_widget_measure (chip, GTK_ORIENTATION_HORIZONTAL, -1, &padding, NULL, NULL, NULL);
      g_assert_cmpint ((int) bounds.size.width, ==, padding + rd_text_cell_get_min_text_width (cell));
      /* At the start edge; a cell too narrow for its chip and text runs
       * over the right edge in either direction, as GtkBox did. */
      if (rtl)
        g_assert_cmpint ((int) (bounds.origin.x + bounds.size.width), >=, gtk_widget_get_width (box));
      else
        g_assert_cmpint ((int) bounds.origin.x, ==, 0);
      /* Centred in the row. */
      g_assert_cmpint ((int) bounds.origin.y, ==, (gtk_widget_get_height (box) - (int) bounds.size.height) / 2);
    }
}

/* Right to left, the chips start at the right; the list reads as before
 * when the direction comes back. */
static void
test_cells_right_to_left (void)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);

  rd_portfolio_view_set_search_text (view, "");
  rd_test_spin_for (200);
  assert_chips_at_start (view, FALSE);

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  rd_test_spin_for (200);
  rd_test_save_screenshot (GTK_WIDGET (window), "portfolio-rtl.png", FALSE);
  assert_chips_at_start (view, TRUE);

  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  rd_test_spin_for (200);
  assert_chips_at_start (view, FALSE);
}

static int n_measured;

static void
counting_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  n_measured++;
  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size,
                      minimum, natural, NULL, NULL);
}

static void
whole_allocate (GtkWidget *widget,
                int        width,
                int        height,
                int        baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, -1, NULL);
}

static int
cell_height (GtkWidget *cell)
{
  int height;

  gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  return height;
}

/* A new text redraws a text cell and never makes GTK measure its parent
 * again (a GtkLabel does: in GTK 4.8 a resize measures the whole window
 * again, for each cell of each row on every keystroke); a bigger font
 * does. */
static void
test_text_cell_redraws_only (void)
{
  GtkWidget *test_window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *cell = rd_text_cell_new ();
  int height;

  gtk_widget_set_layout_manager (box, gtk_custom_layout_new (NULL, counting_measure, whole_allocate));
  gtk_box_append (GTK_BOX (box), cell);
  gtk_window_set_child (GTK_WINDOW (test_window), box);
  gtk_window_set_default_size (GTK_WINDOW (test_window), 120, 40);
  rd_text_cell_set_text (RD_TEXT_CELL (cell), "Meridian");
  gtk_window_present (GTK_WINDOW (test_window));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, cell, TIMEOUT_MS));
  rd_test_spin_for (100);
  height = cell_height (cell);
  g_assert_cmpint (height, >, 0);
  g_assert_false (rd_text_cell_is_ellipsized (RD_TEXT_CELL (cell)));

  n_measured = 0;
  rd_text_cell_set_text (RD_TEXT_CELL (cell), "Meridian Manufacturing Group Holdings");
  rd_test_spin_for (100);
  rd_text_cell_set_text (RD_TEXT_CELL (cell), "青葉メディア株式会社");
  rd_test_spin_for (100);
  rd_text_cell_set_text (RD_TEXT_CELL (cell), "");
  rd_test_spin_for (100);
  rd_text_cell_set_text (RD_TEXT_CELL (cell), "Meridian Manufacturing Group Holdings");
  rd_test_spin_for (100);
  g_assert_cmpint (n_measured, ==, 0);
  g_assert_cmpint (cell_height (cell), ==, height);
  g_assert_cmpstr (rd_text_cell_get_text (RD_TEXT_CELL (cell)), ==,
                   "Meridian Manufacturing Group Holdings");
  /* 120 pixels: cut short, and it knows (for its tooltip). */
  g_assert_true (rd_text_cell_is_ellipsized (RD_TEXT_CELL (cell)));

  /* A larger font: a new height, and the parent asked again. */
  gtk_widget_add_css_class (cell, "title-1");
  rd_test_spin_for (100);
  g_assert_cmpint (n_measured, >, 0);
  g_assert_cmpint (cell_height (cell), >, height);

  gtk_window_destroy (GTK_WINDOW (test_window));
}

/* A style change that only changes colours (hover, selection, a row's
 * classes) keeps a text cell's size; one that changes its font gives it
 * the new font's line height and text width at once. */
static void
test_text_cell_style_changes (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();
  GtkWidget *test_window = gtk_window_new ();
  GtkWidget *cell = rd_text_cell_new ();
  RdTextCell *text_cell = RD_TEXT_CELL (cell);
  int width, height;

  gtk_css_provider_load_from_data (css, ".rd-test-red { color: red; } "
                                        ".rd-test-big { font-size: 30px; }", -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  rd_text_cell_set_ellipsize (text_cell, PANGO_ELLIPSIZE_NONE);
  rd_text_cell_set_text (text_cell, "Meridian");
  gtk_window_set_child (GTK_WINDOW (test_window), cell);
  gtk_window_set_default_size (GTK_WINDOW (test_window), 300, 60);
  gtk_window_present (GTK_WINDOW (test_window));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, cell, TIMEOUT_MS));
  rd_test_spin_for (100);
  width = rd_text_cell_get_min_text_width (text_cell);
  height = cell_height (cell);
  g_assert_cmpint (width, >, 0);

  gtk_widget_add_css_class (cell, "rd-test-red");
  rd_test_spin_for (100);
  g_assert_cmpint (rd_text_cell_get_min_text_width (text_cell), ==, width);
  g_assert_cmpint (cell_height (cell), ==, height);

  gtk_widget_add_css_class (cell, "rd-test-big");
  rd_test_spin_for (100);
  g_assert_cmpint (rd_text_cell_get_min_text_width (text_cell), >, width);
  g_assert_cmpint (cell_height (cell), >, height);

  gtk_widget_remove_css_class (cell, "rd-test-big");
  rd_test_spin_for (100);
  g_assert_cmpint (rd_text_cell_get_min_text_width (text_cell), ==, width);
  g_assert_cmpint (cell_height (cell), ==, height);

  gtk_window_destroy (GTK_WINDOW (test_window));
  gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (css));
}

/* Width of @text in @cell, as the list would measure it. */
static int
text_width (RdTextCell *cell,
            const char *text)
{
  rd_text_cell_set_text (cell, text);
  return rd_text_cell_get_min_text_width (cell);
}

/* The "numeric" style class gives a text cell tabular figures, as it
 * gives a GtkLabel (GTK 4.8 does not pass the CSS's font features to a
 * widget's own layouts): in Cantarell "1111" is then as wide as "0000".
 * Taking the class away gives the proportional figures back. */
static void
test_text_cell_numeric (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();
  GtkWidget *test_window = gtk_window_new ();
  GtkWidget *cell = rd_text_cell_new ();
  RdTextCell *text_cell = RD_TEXT_CELL (cell);

  gtk_css_provider_load_from_data (css, ".rd-test-cantarell { font-family: Cantarell; font-size: 15px; }", -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_add_css_class (cell, "rd-test-cantarell");
  rd_text_cell_set_ellipsize (text_cell, PANGO_ELLIPSIZE_NONE);
  gtk_window_set_child (GTK_WINDOW (test_window), cell);
  gtk_window_present (GTK_WINDOW (test_window));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, cell, TIMEOUT_MS));

  g_assert_cmpint (text_width (text_cell, "1111"), <, text_width (text_cell, "0000"));

  gtk_widget_add_css_class (cell, "numeric");
  rd_test_spin_for (100);
  g_assert_cmpint (text_width (text_cell, "1111"), ==, text_width (text_cell, "0000"));

  gtk_widget_remove_css_class (cell, "numeric");
  rd_test_spin_for (100);
  g_assert_cmpint (text_width (text_cell, "1111"), <, text_width (text_cell, "0000"));

  gtk_window_destroy (GTK_WINDOW (test_window));
  gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (css));
}

static GtkWidget *
new_shared_cell (GtkWidget  *box,
                 const char *text)
{
  GtkWidget *cell = rd_text_cell_new ();

  rd_text_cell_set_shares_layouts (RD_TEXT_CELL (cell), TRUE);
  rd_text_cell_set_ellipsize (RD_TEXT_CELL (cell), PANGO_ELLIPSIZE_NONE);
  rd_text_cell_set_text (RD_TEXT_CELL (cell), text);
  gtk_box_append (GTK_BOX (box), cell);
  return cell;
}

/* Cells that share layouts take one layout for one text in one font, and
 * another for another font or text; a cell given a new text or font
 * leaves the layout the others draw as it was. */
static void
test_text_cell_shared_layouts (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();
  GtkWidget *test_window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  RdTextCell *a = RD_TEXT_CELL (new_shared_cell (box, "Defending"));
  RdTextCell *b = RD_TEXT_CELL (new_shared_cell (box, "Defending"));
  RdTextCell *big = RD_TEXT_CELL (new_shared_cell (box, "Defending"));
  PangoLayout *layout;
  int width;

  gtk_css_provider_load_from_data (css, ".rd-test-big { font-size: 30px; }", -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_add_css_class (GTK_WIDGET (big), "rd-test-big");
  gtk_window_set_child (GTK_WINDOW (test_window), box);
  gtk_window_present (GTK_WINDOW (test_window));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, big, TIMEOUT_MS));
  rd_test_spin_for (100);

  layout = _rd_text_cell_get_layout (a);
  width = rd_text_cell_get_min_text_width (a);
  g_assert_true (_rd_text_cell_get_layout (b) == layout);
  g_assert_true (_rd_text_cell_get_layout (big) != layout);
  g_assert_cmpint (rd_text_cell_get_min_text_width (big), >, width);

  rd_text_cell_set_text (b, "Maturing");
  g_assert_true (_rd_text_cell_get_layout (b) != layout);
  g_assert_cmpstr (pango_layout_get_text (_rd_text_cell_get_layout (b)), ==, "Maturing");
  g_assert_cmpstr (pango_layout_get_text (layout), ==, "Defending");
  g_assert_cmpint (rd_text_cell_get_min_text_width (a), ==, width);

  /* The font of the cell that made the layout: the others keep theirs. */
  gtk_widget_add_css_class (GTK_WIDGET (a), "rd-test-big");
  rd_text_cell_set_text (b, "Defending");
  rd_test_spin_for (100);
  g_assert_cmpint (rd_text_cell_get_min_text_width (b), ==, width);
  g_assert_cmpint (rd_text_cell_get_min_text_width (a), ==, rd_text_cell_get_min_text_width (big));

  gtk_window_destroy (GTK_WINDOW (test_window));
  gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (css));
}

/* Large text (text-scaling-factor 1.5 is a gtk-xft-dpi of 1.5 × 96):
 * the text cell grows as a GtkLabel beside it does, and its row is laid
 * out again for it, without a new text. */
static void
test_text_cell_large_text (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  GtkWidget *test_window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cell = rd_text_cell_new ();
  GtkWidget *label = gtk_label_new ("Meridian Manufacturing");
  int dpi, height;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  rd_text_cell_set_text (RD_TEXT_CELL (cell), "Meridian Manufacturing");
  gtk_box_append (GTK_BOX (box), cell);
  gtk_box_append (GTK_BOX (box), label);
  gtk_window_set_child (GTK_WINDOW (test_window), box);
  gtk_window_set_default_size (GTK_WINDOW (test_window), 300, 100);
  gtk_window_present (GTK_WINDOW (test_window));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, cell, TIMEOUT_MS));
  rd_test_spin_for (100);
  height = gtk_widget_get_height (cell);
  g_assert_cmpint (height, ==, gtk_widget_get_height (label));

  g_object_set (settings, "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);
  rd_test_spin_for (200);
  g_assert_cmpint (gtk_widget_get_height (cell), >, height);
  g_assert_cmpint (gtk_widget_get_height (cell), ==, gtk_widget_get_height (label));
  g_assert_false (rd_text_cell_is_ellipsized (RD_TEXT_CELL (cell)));

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  rd_test_spin_for (200);
  g_assert_cmpint (gtk_widget_get_height (cell), ==, height);

  gtk_window_destroy (GTK_WINDOW (test_window));
}

static void
test_open_account (void)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);
  GListModel *model = _rd_portfolio_view_get_model (view);
  RdAccountPage *page = _rd_window_get_account_page (window);
  g_autoptr(RdAccount) account = g_object_ref (_rd_portfolio_view_get_account (view, 2));
  GtkWidget *name_row;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 2, TRUE);
  g_assert_true (rd_portfolio_view_get_selected (view) == account);
  g_signal_emit_by_name (_rd_portfolio_view_get_column_view (view), "activate", 2);

  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "account", TIMEOUT_MS));
  g_assert_cmpstr (rd_account_page_get_title (page), ==, rd_account_get_name (account));
  name_row = _rd_account_page_get_child (page, "name_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, rd_account_get_name (account));

  edited_id = g_strdup (rd_account_get_id (account));
  original_end = g_strdup (rd_account_get_contract_end (account));

  rd_test_save_screenshot (GTK_WIDGET (window), "account-page.png", FALSE);
}

/* The account page's sections ------------------------------------------- */

static const char * const sections[] = {
  "overview", "details", "delays", "plan", "stakeholders", "history",
};

static const char *
visible_section (RdAccountPage *page)
{
  GtkWidget *stack = _rd_account_page_get_child (page, "view_stack");

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

static GtkWidget *
section_scroller (RdAccountPage *page,
                  const char    *name)
{
  GtkWidget *stack = _rd_account_page_get_child (page, "view_stack");

  return adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), name);
}

/* The section switcher the page shows at this width. */
static GtkWidget *
find_switcher (GtkWidget *widget)
{
  if (ADW_IS_VIEW_SWITCHER (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_switcher (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_toggles (GtkWidget *widget,
                 GPtrArray *out)
{
  if (GTK_IS_TOGGLE_BUTTON (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_toggles (child, out);
}

static gboolean
section_is (gpointer data)
{
  return g_strcmp0 (visible_section (_rd_window_get_account_page (window)), data) == 0;
}

static gboolean
overview_has_open_risk (gpointer data)
{
  return _rd_account_overview_get_open_class (data) == RD_CLASS_RISK;
}

static void
save_sections (RdAccountPage *page,
               int            width,
               const char    *scheme)
{
  GtkWidget *stack = _rd_account_page_get_child (page, "view_stack");

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *name = g_strdup_printf ("account-%s-%d-%s.png", sections[i], width, scheme);

      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), sections[i]);
      rd_test_save_screenshot (GTK_WIDGET (window), name, FALSE);
    }

  /* The rest of the overview, below the fold. */
  {
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (section_scroller (page, "overview"));
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);
    g_autofree char *name = g_strdup_printf ("account-overview-end-%d-%s.png", width, scheme);

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "overview");
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    rd_test_save_screenshot (GTK_WIDGET (window), name, FALSE);
    gtk_adjustment_set_value (adj, 0);
  }
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "overview");
}

static gboolean
window_width_is (gpointer data)
{
  /* Within the screen: the 1280 px display leaves a little less. */
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         ABS (gtk_widget_get_width (GTK_WIDGET (window)) - GPOINTER_TO_INT (data)) <= 16;
}

/* A shown window keeps its size without a window manager: show it again. */
static void
resize_window (int width,
               int height)
{
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  if (!rd_test_spin_until (window_width_is, GINT_TO_POINTER (width), TIMEOUT_MS))
    g_error ("the window is %d px wide, not %d", gtk_widget_get_width (GTK_WIDGET (window)), width);
}

static void
save_all_sections (RdAccountPage *page)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const int widths[] = { 1280, 400 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      resize_window (widths[w], 800);
      save_sections (page, widths[w], "light");
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      save_sections (page, widths[w], "dark");
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    }
  resize_window (1200, 760);
}

/* An account opens on its overview, nothing selected and no field focused;
 * the overview shows the open delay's class and what to do; the switcher
 * reaches every section. */
static void
test_account_overview (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);
  RdAccountOverview *overview = RD_ACCOUNT_OVERVIEW (_rd_account_page_get_child (page, "overview"));
  GtkWidget *name_row = _rd_account_page_get_child (page, "name_row");
  GtkWidget *switcher = find_switcher (GTK_WIDGET (page));
  GtkWidget *focus;
  g_autoptr(RdDelay) delay = NULL;
  g_autoptr(RdDelay) saved = NULL;
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  GDate date;
  int start, end;

  g_assert_cmpstr (visible_section (page), ==, "overview");
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, overview, TIMEOUT_MS));
  /* The focus is on the action the overview recommends. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_false (GTK_IS_EDITABLE (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (overview)));
  g_assert_true (gtk_widget_has_css_class (focus, "suggested-action"));
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (name_row), &start, &end));

  /* A shopping delay: a risk, and a save. */
  rd_date_today (&date);
  today = rd_date_to_string (&date);
  delay = rd_delay_new (edited_id);
  rd_delay_set_communicated_on (delay, today);
  rd_delay_set_cause (delay, RD_CAUSE_SHOPPING);
  rd_delay_set_signal (delay, RD_SIGNAL_EVALUATING_ALTERNATIVES, TRUE);
  rd_delay_set_stated_reason (delay, "We are looking at other vendors");
  saved = rd_store_save_delay (_rd_window_get_store (window), delay, &error);
  g_assert_no_error (error);
  g_assert_true (rd_test_spin_until (overview_has_open_risk, overview, TIMEOUT_MS));
  g_assert_cmpstr (_rd_account_overview_get_advice (overview), ==, rd_class_response_title (RD_CLASS_RISK));

  /* The switcher's buttons take focus and show their section. */
  g_assert_nonnull (switcher);
  collect_toggles (switcher, toggles);
  g_assert_cmpuint (toggles->len, ==, G_N_ELEMENTS (sections));
  for (guint i = 0; i < toggles->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (toggles, i);
      GtkWidget *scroller;

      g_assert_true (gtk_widget_get_focusable (button));
      /* A button's activation is a short press: it clicks when that ends. */
      g_assert_true (gtk_widget_activate (button));
      g_assert_true (rd_test_spin_until (section_is, (gpointer) sections[i], TIMEOUT_MS));
      /* The focus left the hidden section for the switcher, not a field. */
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_false (GTK_IS_EDITABLE (focus));
      g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (name_row), &start, &end));
      scroller = section_scroller (page, sections[i]);
      g_assert_true (rd_test_spin_until (rd_test_widget_mapped, scroller, TIMEOUT_MS));
    }

  /* Alt+1… and the overview's buttons go through the same action; the
   * focus goes to the switcher, not into the section's first field. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "account.show-section", "s", "overview"));
  g_assert_true (rd_account_overview_focus_action (overview));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "account.show-section", "s", "details"));
  g_assert_cmpstr (visible_section (page), ==, "details");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, switcher));
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (name_row), &start, &end));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "account.show-section", "s", "bridges"));
  g_assert_cmpstr (visible_section (page), ==, "plan");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "account.show-section", "s", "overview"));

  save_all_sections (page);
}

/* A write that moves thousands of reminders says so once for each (a
 * refresh on a book of 100,000 accounts): the open account reads its
 * overview once after the burst, not once for every reminder. */
typedef struct
{
  RdAccountOverview *overview;
  guint              before;
} ReloadWait;

static gboolean
overview_reloaded (gpointer data)
{
  ReloadWait *wait = data;

  return _rd_account_overview_get_n_reloads (wait->overview) != wait->before;
}

static void
test_change_burst_reads_once (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);
  ReloadWait wait = {
    .overview = RD_ACCOUNT_OVERVIEW (_rd_account_page_get_child (page, "overview")),
  };
  RdStore *store = _rd_window_get_store (window);

  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, wait.overview, TIMEOUT_MS));
  wait.before = _rd_account_overview_get_n_reloads (wait.overview);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_signal_emit_by_name (store, "changed", "reminder", uuid);
    }
  g_assert_true (rd_test_spin_until (overview_reloaded, &wait, TIMEOUT_MS));
  g_assert_cmpuint (_rd_account_overview_get_n_reloads (wait.overview) - wait.before, ==, 1);
}

/* The page measures the section it shows, not all six: on a large book,
 * measuring every section's labels kept the window from drawing for half
 * a second when an account first opened. */
static void
test_hidden_sections_not_measured (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);
  GtkWidget *history = section_scroller (page, "history");
  int min_width, min_height;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "account.show-section", "s", "overview"));
  g_assert_cmpstr (visible_section (page), ==, "overview");
  gtk_widget_set_size_request (history, 5000, 5000);
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  gtk_widget_set_size_request (history, -1, -1);
  g_assert_cmpint (min_width, <, 5000);
  g_assert_cmpint (min_height, <, 5000);
}

/* The stakeholder dialog, closed every way a person closes it. */

static GtkWindow *
find_contact_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (RD_IS_CONTACT_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
contact_dialog_shown (gpointer data)
{
  GtkWindow *dialog = find_contact_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
contact_dialog_gone (gpointer data)
{
  return find_contact_dialog () == NULL;
}

/* The first button under @widget whose label or tooltip is @text. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_BUTTON (widget) &&
      (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0 ||
       g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
dialog_child (GtkWindow  *dialog,
              const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), RD_TYPE_CONTACT_DIALOG, name));
}

static GtkWindow *
open_add_stakeholder (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);

  GtkWidget *add = find_button (GTK_WIDGET (page), _("Add Stakeholder"));

  g_assert_nonnull (add);
  g_assert_true (gtk_widget_activate (add));
  g_assert_true (rd_test_spin_until (contact_dialog_shown, NULL, TIMEOUT_MS));
  return find_contact_dialog ();
}

static void
type_name (GtkWindow  *dialog,
           const char *name)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "name_row")), name);
}

static gboolean
has_contact (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (db_path, NULL, &error);
  g_autoptr(GPtrArray) contacts = rd_store_list_contacts (store, edited_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    if (g_strcmp0 (rd_contact_get_name (g_ptr_array_index (contacts, i)), data) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_keys_go_back (void)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);
  RdAccountPage *page = _rd_window_get_account_page (window);
  const char * const keys[] = { "Escape", "alt+Left" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_test_message ("%s", keys[i]);
      g_signal_emit_by_name (_rd_portfolio_view_get_column_view (view), "activate", 2);
      g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "account", TIMEOUT_MS));
      /* From the page's first field, where a person starts editing. */
      gtk_widget_activate_action (GTK_WIDGET (page), "account.show-section", "s", "details");
      g_assert_true (rd_test_spin_until (widget_mapped, _rd_account_page_get_child (page, "name_row"),
                                         TIMEOUT_MS));
      gtk_widget_grab_focus (_rd_account_page_get_child (page, "name_row"));

      if (!press_keys (keys[i]))
        {
          g_test_skip ("xdotool on an X display is needed to press keys");
          _rd_window_show_portfolio (window);
          return;
        }
      g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "portfolio", TIMEOUT_MS));
    }

  /* Back where it was, for the cases after this one. */
  g_signal_emit_by_name (_rd_portfolio_view_get_column_view (view), "activate", 2);
  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "account", TIMEOUT_MS));
}

static RdDelayEditor *
find_delay_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (RD_IS_DELAY_EDITOR (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return RD_DELAY_EDITOR (toplevel);
    }
  return NULL;
}

static gboolean
delay_editor_shown (gpointer data)
{
  return find_delay_editor () != NULL;
}

static gboolean
delay_editor_gone (gpointer data)
{
  return !delay_editor_shown (NULL);
}

/* Ctrl+L on a row of the list opens that account's delay editor. */
static void
test_log_delay_from_list (void)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);
  GListModel *model = _rd_portfolio_view_get_model (view);
  RdAccount *account;
  RdDelayEditor *editor;

  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "portfolio", TIMEOUT_MS));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 1, TRUE);
  account = rd_portfolio_view_get_selected (view);
  g_assert_nonnull (account);
  rd_portfolio_view_focus_list (view);

  if (!press_keys ("ctrl+l"))
    {
      g_test_skip ("xdotool on an X display is needed to press keys");
      return;
    }
  g_assert_true (rd_test_spin_until (delay_editor_shown, NULL, TIMEOUT_MS));
  editor = find_delay_editor ();
  g_assert_true (rd_delay_editor_get_is_new (editor));
  g_assert_cmpstr (rd_delay_get_account_id (rd_delay_editor_get_delay (editor)), ==,
                   rd_account_get_id (account));
  /* Still the list behind it. */
  g_assert_true (stack_shows ((gpointer) "portfolio"));
  rd_test_save_screenshot (GTK_WIDGET (editor), "portfolio-log-delay.png", TRUE);

  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (rd_test_spin_until (delay_editor_gone, NULL, TIMEOUT_MS));
}

static void
test_contact_dialog_closes (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);
  GtkWindow *dialog;
  GtkWidget *edit;

  /* Enter in the name: the default response, Save. */
  dialog = open_add_stakeholder ();
  type_name (dialog, "Ana Kovács");
  /* What the Enter key binding of the entry's text does. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (dialog_child (dialog, "name_row"))), "activate");
  g_assert_true (rd_test_spin_until (contact_dialog_gone, NULL, TIMEOUT_MS));
  g_assert_true (rd_test_spin_until (has_contact, (gpointer) "Ana Kovács", TIMEOUT_MS));

  /* The Save button. */
  dialog = open_add_stakeholder ();
  type_name (dialog, "Ben Ortiz");
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (dialog), "_Save")));
  g_assert_true (rd_test_spin_until (contact_dialog_gone, NULL, TIMEOUT_MS));
  g_assert_true (rd_test_spin_until (has_contact, (gpointer) "Ben Ortiz", TIMEOUT_MS));

  /* Cancel, and Escape (which closes the window): nothing is saved. */
  dialog = open_add_stakeholder ();
  type_name (dialog, "Cleo Cancelled");
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (dialog), "_Cancel")));
  g_assert_true (rd_test_spin_until (contact_dialog_gone, NULL, TIMEOUT_MS));

  dialog = open_add_stakeholder ();
  type_name (dialog, "Emil Escaped");
  gtk_window_close (dialog);
  g_assert_true (rd_test_spin_until (contact_dialog_gone, NULL, TIMEOUT_MS));
  rd_test_spin_for (300);
  g_assert_false (has_contact ((gpointer) "Cleo Cancelled"));
  g_assert_false (has_contact ((gpointer) "Emil Escaped"));

  /* The pencil on a stakeholder row opens it for editing; Cancel keeps it. */
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped,
                                     _rd_account_page_get_child (page, "contacts_list"), TIMEOUT_MS));
  edit = find_button (_rd_account_page_get_child (page, "contacts_list"), _("Edit Stakeholder"));
  g_assert_nonnull (edit);
  g_assert_true (gtk_widget_activate (edit));
  g_assert_true (rd_test_spin_until (contact_dialog_shown, NULL, TIMEOUT_MS));
  dialog = find_contact_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "name_row"))), !=, "");
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (dialog), "_Cancel")));
  g_assert_true (rd_test_spin_until (contact_dialog_gone, NULL, TIMEOUT_MS));

  /* Edit → Save renames it. */
  g_assert_true (gtk_widget_activate (find_button (_rd_account_page_get_child (page, "contacts_list"),
                                                   _("Edit Stakeholder"))));
  g_assert_true (rd_test_spin_until (contact_dialog_shown, NULL, TIMEOUT_MS));
  dialog = find_contact_dialog ();
  type_name (dialog, "Ana Kovács-Szabó");
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (dialog), "_Save")));
  g_assert_true (rd_test_spin_until (has_contact, (gpointer) "Ana Kovács-Szabó", TIMEOUT_MS));
}

static gboolean
owner_saved (gpointer data)
{
  g_autoptr(RdAccount) account = read_account (edited_id);

  return g_strcmp0 (rd_account_get_owner (account), data) == 0;
}

/* Runs the shortcut for @keyval+@mods that a shortcut controller on
 * @widget holds, as the key press would: FALSE when it let it pass. */
static gboolean
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget, NULL);
        }
    }
  g_assert_not_reached ();
}

/* The message row right below @row in its list, if shown. */
static GtkWidget *
error_below (GtkWidget *row)
{
  GtkWidget *next = gtk_widget_get_next_sibling (row);

  g_assert_true (GTK_IS_LIST_BOX_ROW (next));
  g_assert_true (GTK_IS_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (next))));
  return next;
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
toast_shows (gpointer data)
{
  return find_label (GTK_WIDGET (window), data);
}

static void
show_details (RdAccountPage *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "account.show-section", "s", "details"));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, _rd_account_page_get_child (page, "owner_row"),
                                     TIMEOUT_MS));
}

/* Typed, then focus moves on: saved, as Enter saves. */
static void
test_edit_field (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);
  GtkWidget *owner_row = _rd_account_page_get_child (page, "owner_row");
  GtkWidget *name_row = _rd_account_page_get_child (page, "name_row");
  g_autoptr(RdAccount) before = read_account (edited_id);
  g_autoptr(RdAccount) after = NULL;

  show_details (page);
  g_assert_true (gtk_widget_grab_focus (owner_row));
  gtk_editable_set_text (GTK_EDITABLE (owner_row), "Zoë Test-Owner");
  g_assert_true (gtk_widget_grab_focus (name_row));

  g_assert_false (gtk_widget_has_css_class (owner_row, "error"));
  g_assert_true (rd_test_spin_until (owner_saved, (gpointer) "Zoë Test-Owner", TIMEOUT_MS));

  /* Nothing is written when focus passes an unchanged field. */
  g_clear_object (&before);
  before = read_account (edited_id);
  g_assert_true (gtk_widget_grab_focus (owner_row));
  g_assert_true (gtk_widget_grab_focus (name_row));
  _rd_account_page_apply_row (page, ADW_ENTRY_ROW (owner_row));
  rd_test_spin_for (300);
  after = read_account (edited_id);
  g_assert_cmpstr (rd_account_get_updated_at (after), ==, rd_account_get_updated_at (before));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
country_saved (gpointer data)
{
  g_autoptr(RdAccount) account = read_account (edited_id);

  return g_strcmp0 (rd_account_get_country (account), data) == 0;
}

/* The country is also chosen by name: the picker on its row names the
 * stored code and a choice is saved. */
static void
test_country_picker (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);
  GtkWidget *country_row = _rd_account_page_get_child (page, "country_row");
  GtkWidget *picker = find_descendant (country_row, RD_TYPE_CODE_PICKER);
  g_autoptr(RdAccount) account = read_account (edited_id);
  g_auto(GStrv) shown = NULL;

  show_details (page);
  g_assert_nonnull (picker);
  if (rd_account_get_country (account) != NULL)
    g_assert_cmpstr (rd_code_picker_get_code (RD_CODE_PICKER (picker)), ==,
                     rd_account_get_country (account));
  rd_code_picker_search (RD_CODE_PICKER (picker), "hungary");
  shown = rd_code_picker_dup_shown (RD_CODE_PICKER (picker));
  g_assert_cmpstrv (shown, ((const char * const []) { "HU", NULL }));
  g_signal_emit_by_name (picker, "picked", "HU");
  g_assert_true (rd_test_spin_until (country_saved, (gpointer) "HU", TIMEOUT_MS));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (country_row)), ==, "HU");
}

/* Ctrl+Z puts the last saved change back, with a toast, even from inside
 * the entry (whose own undo would blank it). */
static void
test_undo_field (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);
  GtkWidget *owner_row = _rd_account_page_get_child (page, "owner_row");
  g_autoptr(RdAccount) before = read_account (edited_id);
  g_autofree char *old_owner = g_strdup (rd_account_get_owner (before));
  g_autofree char *message = g_strdup_printf (_("%s changed back to %s"), _("Owner"), old_owner);

  g_assert_true (gtk_widget_grab_focus (owner_row));
  gtk_editable_set_text (GTK_EDITABLE (owner_row), "Undo Me");
  _rd_account_page_apply_row (page, ADW_ENTRY_ROW (owner_row));
  g_assert_true (rd_test_spin_until (owner_saved, (gpointer) "Undo Me", TIMEOUT_MS));

  g_assert_true (press_shortcut (GTK_WIDGET (page), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner_row)), ==, old_owner);
  g_assert_true (rd_test_spin_until (owner_saved, old_owner, TIMEOUT_MS));
  g_assert_true (rd_test_spin_until (toast_shows, message, TIMEOUT_MS));
  rd_test_save_screenshot (GTK_WIDGET (window), "account-page-undo.png", FALSE);

  /* Typing not saved yet: Ctrl+Z takes it back first, and stores nothing. */
  gtk_editable_set_text (GTK_EDITABLE (owner_row), "Half-typ");
  g_assert_true (press_shortcut (GTK_WIDGET (page), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner_row)), ==, old_owner);
}

static void
test_invalid_date (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);
  GtkWidget *end_row = _rd_account_page_get_child (page, "end_row");
  GtkWidget *name_row = _rd_account_page_get_child (page, "name_row");
  GtkWidget *error_row = error_below (end_row);
  GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));
  g_autofree char *shown = rd_date_format (original_end);
  g_autoptr(RdAccount) stored = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_row)), ==, shown);
  g_assert_false (gtk_widget_get_visible (error_row));

  /* Refused when focus leaves: the message right below the field. */
  g_assert_true (gtk_widget_grab_focus (end_row));
  gtk_editable_set_text (GTK_EDITABLE (end_row), "2026-02-30");
  g_assert_true (gtk_widget_grab_focus (name_row));

  g_assert_true (gtk_widget_has_css_class (end_row, "error"));
  g_assert_true (gtk_widget_get_visible (error_row));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
  /* What the user typed stays for correcting. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_row)), ==, "2026-02-30");

  rd_test_save_screenshot (GTK_WIDGET (window), "account-page-invalid-date.png", FALSE);

  /* Nothing was written, now or later. */
  rd_test_spin_for (300);
  stored = read_account (edited_id);
  g_assert_cmpstr (rd_account_get_contract_end (stored), ==, original_end);

  /* Escape: the stored value back, the error gone. */
  g_assert_true (gtk_widget_grab_focus (end_row));
  g_assert_true (press_shortcut (end_row, GDK_KEY_Escape, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_row)), ==, shown);
  g_assert_false (gtk_widget_has_css_class (end_row, "error"));
  g_assert_false (gtk_widget_get_visible (error_row));
  /* In an unchanged field Escape goes on to the window. */
  g_assert_false (press_shortcut (end_row, GDK_KEY_Escape, 0));

  /* Correcting the text clears the error too. */
  gtk_editable_set_text (GTK_EDITABLE (end_row), "2026-02-30");
  _rd_account_page_apply_row (page, ADW_ENTRY_ROW (end_row));
  g_assert_true (gtk_widget_has_css_class (end_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (end_row), shown);
  g_assert_false (gtk_widget_has_css_class (end_row, "error"));
  g_assert_false (gtk_widget_get_visible (error_row));
}

static gboolean
value_saved (gpointer data)
{
  g_autoptr(RdAccount) account = read_account (edited_id);

  return rd_account_get_annual_value_minor (account) == *(gint64 *) data;
}

static gboolean
end_saved (gpointer data)
{
  g_autoptr(RdAccount) account = read_account (edited_id);

  return g_strcmp0 (rd_account_get_contract_end (account), data) == 0;
}

/* In Germany: dates and amounts shown and typed the German way, stored
 * as ISO dates and minor units. */
static void
test_locale_fields (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);
  GtkWidget *end_row = _rd_account_page_get_child (page, "end_row");
  GtkWidget *value_row = _rd_account_page_get_child (page, "value_row");
  g_autoptr(RdAccount) account = read_account (edited_id);
  g_autofree char *time_locale = g_strdup (setlocale (LC_TIME, NULL));
  g_autofree char *numeric_locale = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *monetary_locale = g_strdup (setlocale (LC_MONETARY, NULL));
  gint64 value = 123456;

  g_assert_nonnull (setlocale (LC_TIME, "de_DE.UTF-8"));
  g_assert_nonnull (setlocale (LC_NUMERIC, "de_DE.UTF-8"));
  g_assert_nonnull (setlocale (LC_MONETARY, "de_DE.UTF-8"));

  rd_account_set_contract_end (account, "2026-12-31");
  rd_account_set_currency (account, "EUR");
  rd_account_page_set_account (page, account, FALSE);
  show_details (page);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_row)), ==, "31.12.2026");
  _rd_account_page_apply_row (page, ADW_ENTRY_ROW (end_row));
  gtk_editable_set_text (GTK_EDITABLE (end_row), "30.11.2026");
  _rd_account_page_apply_row (page, ADW_ENTRY_ROW (end_row));
  g_assert_true (rd_test_spin_until (end_saved, (gpointer) "2026-11-30", TIMEOUT_MS));

  gtk_editable_set_text (GTK_EDITABLE (value_row), "1.234,56");
  _rd_account_page_apply_row (page, ADW_ENTRY_ROW (value_row));
  g_assert_false (gtk_widget_has_css_class (value_row, "error"));
  g_assert_true (rd_test_spin_until (value_saved, &value, TIMEOUT_MS));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value_row)), ==, "1.234,56");
  rd_test_save_screenshot (GTK_WIDGET (window), "account-page-de.png", FALSE);

  /* Back to the term the other cases expect. */
  gtk_editable_set_text (GTK_EDITABLE (end_row), original_end);
  _rd_account_page_apply_row (page, ADW_ENTRY_ROW (end_row));
  g_assert_true (rd_test_spin_until (end_saved, original_end, TIMEOUT_MS));

  setlocale (LC_TIME, time_locale);
  setlocale (LC_NUMERIC, numeric_locale);
  setlocale (LC_MONETARY, monetary_locale);
}

static gboolean
goals_saved (gpointer data)
{
  g_autoptr(RdAccount) account = read_account (edited_id);

  return g_strcmp0 (rd_account_get_goals (account), data) == 0;
}

#define GOALS "Cut onboarding time in half.\nOne renewal forecast for all regions."
#define CHURN_REASON "New owner standardises on a rival suite."

static gboolean
churn_reason_saved (gpointer data)
{
  g_autoptr(RdAccount) account = read_account (edited_id);

  return rd_account_get_status (account) == RD_STATUS_EXPECTED_CHURN
         && g_strcmp0 (rd_account_get_churn_reason (account), data) == 0;
}

static void
test_value_delivered (void)
{
  RdAccountPage *page = _rd_window_get_account_page (window);
  GtkWidget *goals_view = _rd_account_page_get_child (page, "goals_view");
  GtkWidget *label = _rd_account_page_get_child (page, "goals_error_label");
  GtkWidget *status_row = _rd_account_page_get_child (page, "status_row");
  GtkWidget *churn_row = _rd_account_page_get_child (page, "churn_reason_row");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (goals_view));
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (section_scroller (page, "details"));
  GtkWidget *group = gtk_widget_get_ancestor (goals_view, ADW_TYPE_PREFERENCES_GROUP);
  g_autofree char *too_long = g_strnfill (20001, 'x');
  g_autoptr(RdAccount) stored = NULL;
  graphene_rect_t bounds;

  /* Saved when focus leaves; flushing is the same path. */
  gtk_text_buffer_set_text (buffer, GOALS, -1);
  rd_account_page_flush (page);
  g_assert_false (gtk_widget_has_css_class (goals_view, "error"));
  g_assert_true (rd_test_spin_until (goals_saved, (gpointer) GOALS, TIMEOUT_MS));

  /* Over the long text limit: an inline error, the text kept, nothing written. */
  gtk_text_buffer_set_text (buffer, too_long, -1);
  rd_account_page_flush (page);
  g_assert_true (gtk_widget_has_css_class (goals_view, "error"));
  g_assert_true (gtk_widget_get_visible (label));
  rd_test_spin_for (300);
  stored = read_account (edited_id);
  g_assert_cmpstr (rd_account_get_goals (stored), ==, GOALS);
  gtk_text_buffer_set_text (buffer, GOALS, -1);
  g_assert_false (gtk_widget_has_css_class (goals_view, "error"));
  g_assert_false (gtk_widget_get_visible (label));

  /* The churn reason is only asked for when churn is expected. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (status_row)), !=,
                    RD_STATUS_EXPECTED_CHURN);
  g_assert_false (gtk_widget_get_visible (churn_row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (status_row), RD_STATUS_EXPECTED_CHURN);
  g_assert_true (gtk_widget_get_visible (churn_row));
  gtk_editable_set_text (GTK_EDITABLE (churn_row), CHURN_REASON);
  _rd_account_page_apply_row (page, ADW_ENTRY_ROW (churn_row));
  g_assert_true (rd_test_spin_until (churn_reason_saved, (gpointer) CHURN_REASON, TIMEOUT_MS));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "account.show-section", "s", "details"));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, group, TIMEOUT_MS));
  g_assert_true (gtk_widget_compute_bounds (group, gtk_scrolled_window_get_child (scrolled), &bounds));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), bounds.origin.y - 24);
  rd_test_save_screenshot (GTK_WIDGET (window), "account-page-value-delivered.png", FALSE);
}

static gboolean
window_gone (gpointer data)
{
  return window == NULL;
}

static void
test_reopen (void)
{
  g_autoptr(RdAccount) account = NULL;

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (rd_test_spin_until (window_gone, NULL, TIMEOUT_MS));

  account = read_account (edited_id);
  g_assert_cmpstr (rd_account_get_owner (account), ==, "Zoë Test-Owner");
  g_assert_cmpstr (rd_account_get_contract_end (account), ==, original_end);
  g_assert_cmpstr (rd_account_get_goals (account), ==, GOALS);
  g_assert_cmpstr (rd_account_get_churn_reason (account), ==, CHURN_REASON);
}

static gboolean
context_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The application's context, with its store already open: the window uses
 * that store and hands the context to every view and dialog. */

/* Opening the preferences lays out the page shown, not the text of all
 * five (the pages' stack is homogeneous in libadwaita); the window keeps
 * its size from page to page all the same. */
static void
assert_preferences_lay_out_shown_page (RdPreferencesWindow *preferences)
{
  AdwPreferencesWindow *prefs = ADW_PREFERENCES_WINDOW (preferences);
  AdwPreferencesPage *first = adw_preferences_window_get_visible_page (prefs);
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (first));
  int width, height;

  g_assert_true (ADW_IS_VIEW_STACK (stack));
  g_assert_false (adw_view_stack_get_hhomogeneous (ADW_VIEW_STACK (stack)));
  g_assert_false (adw_view_stack_get_vhomogeneous (ADW_VIEW_STACK (stack)));

  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, first, TIMEOUT_MS));
  rd_test_spin_for (100);
  width = gtk_widget_get_width (GTK_WIDGET (preferences));
  height = gtk_widget_get_height (GTK_WIDGET (preferences));
  for (GtkWidget *child = gtk_widget_get_first_child (stack); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      adw_preferences_window_set_visible_page (prefs, ADW_PREFERENCES_PAGE (child));
      g_assert_true (rd_test_spin_until (rd_test_widget_mapped, child, TIMEOUT_MS));
      rd_test_spin_for (50);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (preferences)), ==, width);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (preferences)), ==, height);
    }
}
/* Whether a mapped text cell under @widget says @text. */
static gboolean
shows_cell_text (GtkWidget  *widget,
                 const char *text)
{
  if (RD_IS_TEXT_CELL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (rd_text_cell_get_text (RD_TEXT_CELL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_cell_text (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
portfolio_complete (gpointer data)
{
  return rd_portfolio_view_get_complete (_rd_window_get_portfolio_view (window));
}

static gboolean
portfolio_shows_text (gpointer text)
{
  return shows_cell_text (GTK_WIDGET (_rd_window_get_portfolio_view (window)), text);
}

/* The first listed account with a renewal ahead, and what the list says of
 * it on @day ("in 3 days"). */
static char *
renewal_text_on (RdPortfolioView *view,
                 const char      *day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, day);
  for (guint i = 0; i < rd_portfolio_view_get_n_visible (view); i++)
    {
      RdAccount *account = _rd_portfolio_view_get_account (view, i);
      int days = rd_account_get_days_to_renewal (account, &date);

      if (rd_account_get_status (account) != RD_STATUS_LOST && days != G_MININT && days > 2)
        return rd_date_format_relative (days);
    }
  g_assert_not_reached ();
}

static void
test_context (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-03-04T10:00:00Z", NULL);
  g_autoptr(RdClock) clock = rd_clock_new_fake (now);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (db_path, NULL, &error);
  RdContext *context;
  RdContext *property = NULL;
  RdAccountPage *page;
  RdPreferencesWindow *preferences;
  GtkWidget *plan_view, *concern_list, *bridge_calculator;
  gpointer weak;

  g_assert_no_error (error);
  context = rd_context_new (clock);
  rd_context_set_store (context, store);
  g_assert_true (rd_context_get_clock (context) == clock);
  g_assert_nonnull (rd_context_get_settings (context));

  window = rd_window_new (NULL, context, db_path);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "portfolio", TIMEOUT_MS));

  /* The list counts the days by the context's clock, and past midnight
   * from the new day, whether or not a record changed. */
  {
    RdPortfolioView *view = _rd_window_get_portfolio_view (window);
    g_autoptr(GDateTime) next_day = g_date_time_new_from_iso8601 ("2026-03-05T00:00:30Z", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_true (rd_test_spin_until (portfolio_complete, NULL, TIMEOUT_MS));
    before = renewal_text_on (view, "2026-03-04");
    after = renewal_text_on (view, "2026-03-05");
    g_assert_cmpstr (before, !=, after);
    g_assert_true (rd_test_spin_until (portfolio_shows_text, before, TIMEOUT_MS));
    rd_clock_set_fake_now (clock, next_day);
    rd_clock_tick (clock);
    g_assert_true (rd_test_spin_until (portfolio_shows_text, after, TIMEOUT_MS));
  }

  g_assert_true (rd_window_get_context (window) == context);
  g_object_get (window, "context", &property, NULL);
  g_assert_true (property == context);
  g_clear_object (&property);
  /* Its store, not one of the window's own. */
  g_assert_true (_rd_window_get_store (window) == store);

  page = _rd_window_get_account_page (window);
  g_assert_true (rd_account_page_get_context (page) == context);
  g_assert_true (rd_portfolio_view_get_context (_rd_window_get_portfolio_view (window)) == context);
  g_assert_true (rd_reminders_view_get_context (_rd_window_get_reminders_view (window)) == context);
  plan_view = _rd_account_page_get_child (page, "plan_view");
  concern_list = _rd_account_page_get_child (page, "concern_list");
  bridge_calculator = _rd_account_page_get_child (page, "bridge_calculator");
  g_assert_true (RD_IS_PLAN_VIEW (plan_view));
  g_assert_true (RD_IS_CONCERN_LIST (concern_list));
  g_assert_true (RD_IS_BRIDGE_CALCULATOR (bridge_calculator));
  g_assert_true (rd_account_pane_get_context (RD_ACCOUNT_PANE (plan_view)) == context);
  g_assert_true (rd_account_pane_get_context (RD_ACCOUNT_PANE (concern_list)) == context);
  g_assert_true (rd_account_pane_get_context (RD_ACCOUNT_PANE (bridge_calculator)) == context);
  /* The sync indicator asked for the store's sync service. */
  g_assert_nonnull (rd_context_get_sync_service (context));
  g_assert_true (rd_sync_service_get_store (rd_context_get_sync_service (context)) == store);

  preferences = rd_preferences_window_new (GTK_WINDOW (window), context);
  g_object_get (preferences, "context", &property, NULL);
  g_assert_true (property == context);
  g_clear_object (&property);
  assert_preferences_lay_out_shown_page (preferences);
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* The window and its views let go of the context with the window. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (rd_test_spin_until (window_gone, NULL, TIMEOUT_MS));
  weak = context;
  g_object_add_weak_pointer (G_OBJECT (context), &weak);
  g_object_unref (context);
  g_assert_true (rd_test_spin_until (context_gone, &weak, TIMEOUT_MS));
}

/* A store of @path whose "event" table (not read until an account's history
 * is shown) has a page of garbage: the header and the schema read fine,
 * PRAGMA quick_check does not. */
static void
damage_event_table (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (path, NULL, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  rd_test_damage_root_page (path, "event");
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(RdStore **) user_data = rd_store_new_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
on_ready_cb (RdWindow *ready_window,
             gpointer  data)
{
  *(gboolean *) data = TRUE;
}

static gpointer
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (item)), heading) == 0)
        return item;
    }
  return NULL;
}

static gboolean
damage_reported (gpointer data)
{
  *(gpointer *) data = find_dialog ("Database Cannot Be Read");
  return *(gpointer *) data != NULL;
}

static gboolean
moved_aside_in (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (data, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renewal-desk.db.corrupt-"))
      return TRUE;
  return FALSE;
}

/* A store opened with rd_store_new_check_later_async () (as the application
 * opens it for a window) on a damaged file: the window paints the portfolio
 * first, then reads every page and reports the damage as a failed open
 * would, after every user of the store let it go; moving it aside starts a
 * fresh database. */
static void
test_damage_reported_after_first_frame (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rd-test-window-damaged-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "renewal-desk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(RdContext) context = rd_context_new (NULL);
  RdStore *store = NULL;
  RdStore *refused;
  gpointer weak_store;
  AdwMessageDialog *dialog = NULL;
  gboolean ready = FALSE;

  damage_event_table (path);
  before = rd_test_read_bytes (path);

  /* Opened at once, the check refuses it and leaves it as it was. */
  refused = rd_store_new (path, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  rd_store_new_check_later_async (path, NULL, store_opened_cb, &store);
  g_assert_true (rd_test_spin_until (is_set, &store, TIMEOUT_MS));
  g_assert_false (rd_store_check_pages (store, NULL, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  rd_context_set_store (context, store);
  weak_store = store;
  g_object_add_weak_pointer (G_OBJECT (store), &weak_store);
  g_object_unref (store);

  window = rd_window_new (NULL, context, path);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_signal_connect (window, "ready", G_CALLBACK (on_ready_cb), &ready);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (rd_test_spin_until (damage_reported, &dialog, TIMEOUT_MS));
  /* The first frame came first. */
  g_assert_true (ready);
  g_assert_true (stack_shows ("loading"));
  g_assert_null (rd_context_get_store (context));
  g_assert_true (rd_test_spin_until (context_gone, &weak_store, TIMEOUT_MS));
  after = rd_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));

  adw_message_dialog_response (dialog, "move");
  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "empty", TIMEOUT_MS));
  g_assert_true (moved_aside_in (dir));
  g_assert_nonnull (rd_context_get_store (context));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (rd_test_spin_until (window_gone, NULL, TIMEOUT_MS));
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;
  char *locales;

  g_test_init (&argc, &argv, NULL);

  locales = rd_test_locales_prepare ((const char * const[]) { "de_DE", NULL });

  db_path = rd_test_make_window_db ("rd-test-window-XXXXXX", &tmpdir);

  rd_test_ui_init ();

  g_test_add_func ("/window/empty-state", test_empty_state);
  g_test_add_func ("/window/sample-fills-list", test_sample);
  g_test_add_func ("/window/hidden-pages-on-first-use", test_hidden_pages_on_use);
  g_test_add_func ("/window/search-narrows", test_search);
  g_test_add_func ("/window/search-ignores-accents", test_search_accents);
  g_test_add_func ("/window/search-no-results-page", test_search_no_results);
  g_test_add_func ("/window/one-sort-arrow", test_sort_arrows);
  g_test_add_func ("/window/cut-cells-have-tooltips", test_cell_tooltips);
  g_test_add_func ("/window/cells-right-to-left", test_cells_right_to_left);
  g_test_add_func ("/window/text-cell-redraws-only", test_text_cell_redraws_only);
  g_test_add_func ("/window/text-cell-large-text", test_text_cell_large_text);
  g_test_add_func ("/window/text-cell-style-changes", test_text_cell_style_changes);
  g_test_add_func ("/window/text-cell-numeric", test_text_cell_numeric);
  g_test_add_func ("/window/text-cell-shared-layouts", test_text_cell_shared_layouts);
  g_test_add_func ("/window/ctrl-l-on-a-row-logs-a-delay", test_log_delay_from_list);
  g_test_add_func ("/window/open-account-page", test_open_account);
  g_test_add_func ("/window/account-overview", test_account_overview);
  g_test_add_func ("/window/change-burst-reads-once", test_change_burst_reads_once);
  g_test_add_func ("/window/hidden-sections-not-measured", test_hidden_sections_not_measured);
  g_test_add_func ("/window/escape-and-alt-left-go-back", test_keys_go_back);
  g_test_add_func ("/window/stakeholder-dialog-closes", test_contact_dialog_closes);
  g_test_add_func ("/window/edit-persists", test_edit_field);
  g_test_add_func ("/window/country-picker", test_country_picker);
  g_test_add_func ("/window/undo-field", test_undo_field);
  g_test_add_func ("/window/invalid-date-inline-error", test_invalid_date);
  g_test_add_func ("/window/locale-fields", test_locale_fields);
  g_test_add_func ("/window/value-delivered-persists", test_value_delivered);
  g_test_add_func ("/window/reopen-store", test_reopen);
  g_test_add_func ("/window/context", test_context);
  g_test_add_func ("/window/damage-reported-after-first-frame",
                   test_damage_reported_after_first_frame);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_free (edited_id);
  g_free (original_end);

  rd_test_remove_tree (tmpdir);
  rd_test_locales_remove (locales);
  g_free (db_path);
  g_free (tmpdir);

  return ret;
}
