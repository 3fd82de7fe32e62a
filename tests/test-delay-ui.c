/* test-delay-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "rd-account-page-private.h"
#include "rd-activity-dialog.h"
#include "rd-delay-editor-private.h"
#include "rd-delay-timeline.h"
#include "rd-format.h"
#include "rd-store.h"
#include "rd-test-locale.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-window-private.h"

/* The cases run in order against one window on one temporary database:
 * open an account, log a delay through the editor while watching the live
 * class, save, find it in the store, the timeline and the history. */

#define TIMEOUT_MS 20000

static char *tmpdir;
static char *db_path;
static RdWindow *window;
static char *account_id;
static guint delays_before;

static GPtrArray *
stored_delays (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_test_open_store (db_path);
  GPtrArray *delays = rd_store_list_delays (store, account_id, &error);

  g_assert_no_error (error);
  return delays;
}

static RdAccountPage *
page (void)
{
  return _rd_window_get_account_page (window);
}

static gboolean
stack_shows (gpointer data)
{
  return rd_test_window_shows (window, data);
}

static gboolean
editor_ready (gpointer data)
{
  RdDelayEditor *editor = _rd_account_page_get_editor (page ());

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor)) &&
         _rd_delay_editor_has_context (editor);
}

static gboolean
editor_gone (gpointer data)
{
  return _rd_account_page_get_editor (page ()) == NULL;
}

static const char *
chip_text (RdDelayEditor *editor)
{
  return gtk_label_get_text (GTK_LABEL (_rd_delay_editor_get_child (editor, "class_chip")));
}

static gboolean
has_rows (gpointer data)
{
  GtkWidget *list = data;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      return TRUE;
  return FALSE;
}

static const char * const sections[] = { "said", "signals", "commitments", "questions" };

static const char *
visible_section (RdDelayEditor *editor)
{
  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (_rd_delay_editor_get_child (editor, "stack")));
}

/* The scrolled window of the section shown. */
static GtkAdjustment *
section_adjustment (RdDelayEditor *editor)
{
  GtkWidget *stack = _rd_delay_editor_get_child (editor, "stack");
  GtkWidget *page = adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (page); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));
  g_assert_not_reached ();
}

/* Each section, a screen at a time, for looking at. */
static void
save_scrolled (RdDelayEditor *editor,
               const char    *prefix)
{
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      GtkAdjustment *adj;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-section", "s", sections[s]));
      adj = section_adjustment (editor);
      for (guint part = 1; part <= 4; part++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s-%u.png", prefix, sections[s], part);
          double value = (part - 1) * (gtk_adjustment_get_page_size (adj) - 60);

          if (part > 1 && value >= gtk_adjustment_get_upper (adj) - 10)
            break;
          gtk_adjustment_set_value (adj, value);
          rd_test_save_screenshot (GTK_WIDGET (editor), name, TRUE);
        }
      gtk_adjustment_set_value (adj, 0);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-section", "s", "said"));
}

/* Mapped, and wholly inside the editor and inside the part of any scrolled
 * window around it that shows. */
static void
assert_in_view (RdDelayEditor *editor,
                const char    *name)
{
  GtkWidget *widget = _rd_delay_editor_get_child (editor, name);
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_test_message ("%s in view?", name);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_cmpint (gtk_widget_get_height (widget), >, 0);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (editor), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (editor)));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (editor)));
  if (scroller != NULL)
    {
      g_assert_true (gtk_widget_compute_bounds (widget, scroller, &bounds));
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));
    }
}

/* In every section, at its top and scrolled to its end, the class, the
 * score and the reasons stay where they can be read. */
static void
assert_class_stays (RdDelayEditor *editor)
{
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      GtkAdjustment *adj;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-section", "s", sections[s]));
      g_assert_cmpstr (visible_section (editor), ==, sections[s]);
      rd_test_spin_for (100);
      adj = section_adjustment (editor);
      for (guint end = 0; end < 2; end++)
        {
          gtk_adjustment_set_value (adj, end ? gtk_adjustment_get_upper (adj) : 0);
          rd_test_spin_for (100);
          assert_in_view (editor, "class_chip");
          assert_in_view (editor, "score_label");
          assert_in_view (editor, "reasons_label");
        }
    }
}

/* Cases ------------------------------------------------------------------ */

static void
test_open_account (void)
{
  g_autoptr(RdStore) store = rd_test_open_store (db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) delays = NULL;
  RdAccount *account = NULL;

  g_assert_true (rd_store_fill_sample (store, 12, 7, &error));
  g_assert_no_error (error);
  accounts = rd_store_list_accounts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, >, 0);

  /* One with a contract end, so the deadline shows. */
  for (guint i = 0; i < accounts->len && account == NULL; i++)
    if (rd_account_get_deadline (g_ptr_array_index (accounts, i)) != NULL)
      account = g_ptr_array_index (accounts, i);
  g_assert_nonnull (account);
  account_id = g_strdup (rd_account_get_id (account));
  g_clear_object (&store);
  delays = stored_delays ();
  delays_before = delays->len;

  rd_test_present_window (&window, db_path, 1200, 800);
  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "portfolio", TIMEOUT_MS));

  _rd_window_show_account (window, account, FALSE);
  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "account", TIMEOUT_MS));
  /* The stakeholders, for "who said it". */
  g_assert_true (rd_test_spin_until (has_rows, _rd_account_page_get_child (page (), "contacts_list"),
                                     TIMEOUT_MS));
  g_assert_cmpstr (rd_account_page_get_title (page ()), ==, rd_account_get_name (account));
}

static void
test_live_class (void)
{
  RdDelayEditor *editor;
  GtkWidget *reasons;
  const char *text;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.log-delay", NULL));
  g_assert_true (rd_test_spin_until (editor_ready, NULL, TIMEOUT_MS));
  editor = _rd_account_page_get_editor (page ());
  g_assert_true (rd_delay_editor_get_is_new (editor));

  /* Budget timing with a good signal and nothing bad: paperwork. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_rd_delay_editor_get_cause_check (editor, RD_CAUSE_BUDGET)), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_rd_delay_editor_get_signal_check (editor, RD_SIGNAL_SPECIFIC_EXPLANATION)), TRUE);
  g_assert_cmpstr (chip_text (editor), ==, "Administrative");
  g_assert_true (gtk_widget_has_css_class (_rd_delay_editor_get_child (editor, "class_chip"), "administrative"));

  /* Known to be evaluating alternatives: risk, whatever else was said. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_rd_delay_editor_get_signal_check (editor, RD_SIGNAL_EVALUATING_ALTERNATIVES)), TRUE);
  g_assert_cmpstr (chip_text (editor), ==, "Risk");
  g_assert_true (gtk_widget_has_css_class (_rd_delay_editor_get_child (editor, "class_chip"), "risk"));
  reasons = _rd_delay_editor_get_child (editor, "reasons_label");
  text = gtk_label_get_text (GTK_LABEL (reasons));
  g_assert_true (g_str_has_prefix (text, "risk"));
  g_assert_nonnull (strstr (text, "evaluating alternatives"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (_rd_delay_editor_get_child (editor, "response_title_label"))),
                   !=, "");

  gtk_editable_set_text (GTK_EDITABLE (_rd_delay_editor_get_child (editor, "stated_reason_row")),
                         "Procurement is swamped until the new quarter");

  /* Dates: one already missed, one ahead, one past the contract end. */
  {
    RdDelay *working = rd_delay_editor_get_delay (editor);
    g_autoptr(RdStore) store = rd_test_open_store (db_path);
    g_autoptr(RdAccount) account = rd_store_get_account (store, account_id, NULL);
    GDate date;
    g_autofree char *missed = NULL, *ahead = NULL, *late = NULL;

    rd_date_today (&date);
    g_date_subtract_days (&date, 3);
    missed = rd_date_to_string (&date);
    g_date_add_days (&date, 17);
    ahead = rd_date_to_string (&date);
    g_assert_true (rd_date_parse (rd_account_get_deadline (account), &date));
    g_date_add_days (&date, 10);
    late = rd_date_to_string (&date);

    gtk_editable_set_text (GTK_EDITABLE (_rd_delay_editor_get_child (editor, "info_by_row")), missed);
    gtk_editable_set_text (GTK_EDITABLE (_rd_delay_editor_get_child (editor, "reconnect_row")), ahead);
    gtk_editable_set_text (GTK_EDITABLE (_rd_delay_editor_get_child (editor, "decision_row")), late);
    g_assert_cmpstr (rd_delay_get_commitment (working, RD_COMMITMENT_DECISION_BY), ==, late);
    g_assert_true (gtk_widget_get_visible (_rd_delay_editor_get_child (editor, "commitments_warning_label")));
    g_assert_false (gtk_widget_get_visible (_rd_delay_editor_get_child (editor, "info_by_error_row")));
  }

  /* A second voice: the economic buyer has gone quiet. */
  {
    GtkWidget *statements = _rd_delay_editor_get_child (editor, "statements_list");

    g_signal_emit_by_name (_rd_delay_editor_get_child (editor, "add_statement_button"), "clicked");
    g_assert_true (gtk_widget_get_visible (_rd_delay_editor_get_child (editor, "statement_form")));
    gtk_editable_set_text (GTK_EDITABLE (_rd_delay_editor_get_child (editor, "statement_said_row")),
                           "Has not replied since the proposal");
    g_signal_emit_by_name (_rd_delay_editor_get_child (editor, "statement_add_button"), "clicked");
    g_assert_false (gtk_widget_get_visible (_rd_delay_editor_get_child (editor, "statement_form")));
    g_assert_true (has_rows (statements));
    g_assert_cmpuint (rd_delay_get_statements (rd_delay_editor_get_delay (editor))->len, ==, 1);
    g_assert_cmpstr (chip_text (editor), ==, "Risk");
  }

  rd_test_save_screenshot (GTK_WIDGET (editor), "delay-editor.png", TRUE);

  /* The whole form, a section and a screen at a time, for looking at. */
  save_scrolled (editor, "delay-editor");
}

static gboolean
delays_grew (gpointer data)
{
  g_autoptr(GPtrArray) delays = stored_delays ();

  return delays->len > delays_before;
}

static gboolean
timeline_has (gpointer data)
{
  RdDelayTimeline *timeline = RD_DELAY_TIMELINE (_rd_account_page_get_child (page (), "timeline"));
  graphene_point_t centre;

  return rd_delay_timeline_get_marker (timeline, GPOINTER_TO_UINT (data), &centre);
}

static gboolean
history_says (gpointer data)
{
  GtkWidget *list = _rd_account_page_get_child (page (), "history_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) &&
        strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), data) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_save (void)
{
  RdDelayEditor *editor = _rd_account_page_get_editor (page ());
  RdDelayTimeline *timeline = RD_DELAY_TIMELINE (_rd_account_page_get_child (page (), "timeline"));
  g_autoptr(GPtrArray) delays = NULL;
  RdDelay *logged = NULL;
  graphene_point_t centre;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (rd_test_spin_until (editor_gone, NULL, TIMEOUT_MS));
  g_assert_true (rd_test_spin_until (delays_grew, NULL, TIMEOUT_MS));

  delays = stored_delays ();
  g_assert_cmpuint (delays->len, ==, delays_before + 1);
  for (guint i = 0; i < delays->len; i++)
    if (g_strcmp0 (rd_delay_get_stated_reason (g_ptr_array_index (delays, i)),
                   "Procurement is swamped until the new quarter") == 0)
      logged = g_ptr_array_index (delays, i);
  g_assert_nonnull (logged);
  g_assert_cmpint (rd_delay_get_classification (logged), ==, RD_CLASS_RISK);
  g_assert_cmpint (rd_delay_get_cause (logged), ==, RD_CAUSE_BUDGET);
  g_assert_true (rd_delay_get_signals (logged) & RD_SIGNAL_BIT (RD_SIGNAL_EVALUATING_ALTERNATIVES));

  /* The page follows the store: a marker, and the history says so. */
  g_assert_true (rd_test_spin_until (timeline_has, GUINT_TO_POINTER (delays->len - 1), TIMEOUT_MS));
  g_assert_true (rd_delay_timeline_get_marker (timeline, delays->len - 1, &centre));
  g_assert_true (rd_delay_timeline_get_delay_at (timeline, centre.x, centre.y) != NULL);
  g_assert_cmpstr (rd_delay_get_id (rd_delay_timeline_get_delay_at (timeline, centre.x, centre.y)),
                   ==, rd_delay_get_id (logged));
  g_assert_true (rd_test_spin_until (history_says, (gpointer) "logged", TIMEOUT_MS));
}

static GtkWindow *
activity_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) win = g_list_model_get_item (toplevels, i);

      if (RD_IS_ACTIVITY_DIALOG (win) && gtk_widget_get_visible (GTK_WIDGET (win)))
        return GTK_WINDOW (win);
    }
  return NULL;
}

static gboolean
activity_dialog_shown (gpointer data)
{
  return activity_dialog () != NULL;
}

static gboolean
activity_dialog_gone (gpointer data)
{
  return activity_dialog () == NULL;
}

static void
test_open_from_timeline (void)
{
  RdDelayTimeline *timeline = RD_DELAY_TIMELINE (_rd_account_page_get_child (page (), "timeline"));
  g_autoptr(GPtrArray) delays = stored_delays ();
  RdDelay *delay;
  RdDelayEditor *editor;
  graphene_point_t centre;

  g_assert_true (rd_delay_timeline_get_marker (timeline, delays->len - 1, &centre));
  delay = rd_delay_timeline_get_delay_at (timeline, centre.x, centre.y);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "account.open-delay", "s",
                                             rd_delay_get_id (delay)));
  g_assert_true (rd_test_spin_until (editor_ready, NULL, TIMEOUT_MS));
  editor = _rd_account_page_get_editor (page ());
  g_assert_false (rd_delay_editor_get_is_new (editor));
  g_assert_cmpstr (rd_delay_get_id (rd_delay_editor_get_delay (editor)), ==, rd_delay_get_id (delay));
  g_assert_cmpstr (chip_text (editor), ==, "Risk");
  g_assert_true (gtk_widget_get_visible (_rd_delay_editor_get_child (editor, "status_group")));

  /* Dates show the region's way, not as stored. */
  {
    g_autofree char *shown = rd_date_format (rd_delay_get_communicated_on (delay));

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_rd_delay_editor_get_child (editor, "communicated_row"))),
                     ==, shown);
  }

  /* What we did and how they answered: this delay's activity log, with
   * logging on, in the Commitments section. */
  {
    GtkWidget *log = _rd_delay_editor_get_child (editor, "activity_log");

    g_assert_true (gtk_widget_get_visible (log));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-section", "s",
                                               "commitments"));
    g_assert_true (rd_test_spin_until (rd_test_widget_mapped, log, TIMEOUT_MS));
    g_assert_true (gtk_widget_activate_action (log, "activity.log", NULL));
    g_assert_true (rd_test_spin_until (activity_dialog_shown, NULL, TIMEOUT_MS));
    rd_test_save_screenshot (GTK_WIDGET (activity_dialog ()), "delay-editor-log-activity.png", TRUE);
    gtk_window_close (GTK_WINDOW (activity_dialog ()));
    g_assert_true (rd_test_spin_until (activity_dialog_gone, NULL, TIMEOUT_MS));
    rd_test_save_screenshot (GTK_WIDGET (editor), "delay-editor-commitments.png", TRUE);
  }

  /* Unchanged: Escape closes without asking. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.escape", NULL));
  g_assert_true (rd_test_spin_until (editor_gone, NULL, TIMEOUT_MS));
}

static void
test_invalid_date (void)
{
  RdDelayEditor *editor;
  GtkWidget *row, *label, *info_row, *error_row;
  g_autofree char *communicated = NULL;
  g_autoptr(GPtrArray) before = stored_delays ();
  g_autoptr(GPtrArray) after = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.log-delay", NULL));
  g_assert_true (rd_test_spin_until (editor_ready, NULL, TIMEOUT_MS));
  editor = _rd_account_page_get_editor (page ());

  row = _rd_delay_editor_get_child (editor, "communicated_row");
  label = _rd_delay_editor_get_child (editor, "when_error_label");
  communicated = g_strdup (rd_delay_get_communicated_on (rd_delay_editor_get_delay (editor)));
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-02-30");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
  /* The working copy keeps the last valid day. */
  g_assert_cmpstr (rd_delay_get_communicated_on (rd_delay_editor_get_delay (editor)), ==, communicated);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-section", "s", "commitments"));
  info_row = _rd_delay_editor_get_child (editor, "info_by_row");
  error_row = _rd_delay_editor_get_child (editor, "info_by_error_row");
  gtk_editable_set_text (GTK_EDITABLE (info_row), "someday");
  g_assert_true (gtk_widget_has_css_class (info_row, "error"));
  g_assert_true (gtk_widget_get_visible (_rd_delay_editor_get_child (editor, "info_by_error_label")));
  g_assert_null (rd_delay_get_commitment (rd_delay_editor_get_delay (editor), RD_COMMITMENT_INFO_BY));
  /* The message sits right under its field, in the same list. */
  g_assert_true (gtk_widget_get_visible (error_row));
  g_assert_true (gtk_widget_get_parent (error_row) == gtk_widget_get_parent (info_row));
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (error_row)), ==,
                   gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (info_row)) + 1);
  /* The section that holds it says so. */
  g_assert_true (adw_view_stack_page_get_needs_attention (
    adw_view_stack_get_page (ADW_VIEW_STACK (_rd_delay_editor_get_child (editor, "stack")),
                             _rd_delay_editor_get_child (editor, "commitments_page"))));
  rd_test_save_screenshot (GTK_WIDGET (editor), "delay-editor-invalid-commitment.png", TRUE);

  /* Escape in the field puts back what was there; the editor stays. */
  g_assert_true (gtk_widget_grab_focus (info_row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.escape", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (info_row)), ==, "");
  g_assert_false (gtk_widget_has_css_class (info_row, "error"));
  g_assert_false (gtk_widget_get_visible (error_row));
  g_assert_true (_rd_account_page_get_editor (page ()) == editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-section", "s", "said"));

  /* Overriding without a note is refused too. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (_rd_delay_editor_get_child (editor, "override_row")), 3);
  g_assert_true (gtk_widget_get_visible (_rd_delay_editor_get_child (editor, "override_error_label")));
  g_assert_true (gtk_widget_get_visible (_rd_delay_editor_get_child (editor, "override_label")));

  /* Save is disabled, and even asking for it writes nothing. */
  g_assert_false (gtk_widget_is_sensitive (_rd_delay_editor_get_child (editor, "save_button")));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rd_test_spin_for (400);
  g_assert_nonnull (_rd_account_page_get_editor (page ()));
  after = stored_delays ();
  g_assert_cmpuint (after->len, ==, before->len);

  rd_test_save_screenshot (GTK_WIDGET (editor), "delay-editor-invalid.png", TRUE);

  /* Correcting the text clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-02-27");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_false (gtk_widget_get_visible (label));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (rd_test_spin_until (editor_gone, NULL, TIMEOUT_MS));
}

static gboolean
editor_settled (gpointer data)
{
  RdDelayEditor *editor = data;

  return gtk_widget_get_mapped (GTK_WIDGET (editor)) && _rd_delay_editor_has_context (editor);
}

static gboolean
layout_is (RdDelayEditor *editor,
           const char    *layout)
{
  return gtk_widget_has_css_class (_rd_delay_editor_get_child (editor, "classification_pane"), layout);
}

static gboolean
editor_layout_is (gpointer data)
{
  RdDelayEditor *editor = g_object_get_data (G_OBJECT (window), "rd-test-editor");

  return layout_is (editor, data);
}

/* An editor of our own, at a size of our choosing, on the same account. */
static RdDelayEditor *
open_editor (int         width,
             int         height,
             const char *layout)
{
  g_autoptr(RdStore) store = rd_test_open_store (db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) account = rd_store_get_account (store, account_id, &error);
  g_autoptr(GPtrArray) contacts = NULL;
  RdDelayEditor *editor;

  g_assert_no_error (error);
  contacts = rd_store_list_contacts (store, account_id, &error);
  g_assert_no_error (error);
  editor = rd_delay_editor_new (GTK_WINDOW (window), store, account, contacts, NULL);
  gtk_window_set_default_size (GTK_WINDOW (editor), width, height);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (rd_test_spin_until (editor_settled, editor, TIMEOUT_MS));
  g_object_set_data (G_OBJECT (window), "rd-test-editor", editor);
  g_assert_true (rd_test_spin_until (editor_layout_is, (gpointer) layout, TIMEOUT_MS));
  g_object_set_data (G_OBJECT (window), "rd-test-editor", NULL);
  return editor;
}

/* Opening the editor lays out the section shown, not the text of all four;
 * the window keeps its size from section to section all the same. */
static void
test_lays_out_shown_section (void)
{
  RdDelayEditor *editor;
  AdwViewStack *stack;
  int width, height;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.log-delay", NULL));
  g_assert_true (rd_test_spin_until (editor_ready, NULL, TIMEOUT_MS));
  editor = _rd_account_page_get_editor (page ());
  stack = ADW_VIEW_STACK (_rd_delay_editor_get_child (editor, "stack"));
  g_assert_false (adw_view_stack_get_hhomogeneous (stack));
  g_assert_false (adw_view_stack_get_vhomogeneous (stack));

  rd_test_spin_for (100);
  width = gtk_widget_get_width (GTK_WIDGET (editor));
  height = gtk_widget_get_height (GTK_WIDGET (editor));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-section", "s",
                                                 sections[i]));
      rd_test_spin_for (50);
      g_assert_cmpstr (visible_section (editor), ==, sections[i]);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (editor)), ==, width);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (editor)), ==, height);
    }

  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (rd_test_spin_until (editor_gone, NULL, TIMEOUT_MS));
}

static void
test_class_in_view (void)
{
  RdDelayEditor *editor;
  GtkWidget *revealer;

  /* As the account page opens it: wide, the class in a pane beside. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.log-delay", NULL));
  g_assert_true (rd_test_spin_until (editor_ready, NULL, TIMEOUT_MS));
  editor = _rd_account_page_get_editor (page ());
  g_object_set_data (G_OBJECT (window), "rd-test-editor", editor);
  g_assert_true (rd_test_spin_until (editor_layout_is, (gpointer) "side", TIMEOUT_MS));
  g_object_set_data (G_OBJECT (window), "rd-test-editor", NULL);
  g_assert_cmpstr (visible_section (editor), ==, "said");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_rd_delay_editor_get_signal_check (editor, RD_SIGNAL_RADIO_SILENCE)), TRUE);
  assert_class_stays (editor);
  g_assert_true (gtk_widget_get_child_visible (_rd_delay_editor_get_child (editor, "details_revealer")));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (_rd_delay_editor_get_child (editor, "details_revealer"))));

  /* Ctrl+PgDn and Ctrl+PgUp go round the sections; Save works from each. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-section", "s", "questions"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.next-section", NULL));
  g_assert_cmpstr (visible_section (editor), ==, "said");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.previous-section", NULL));
  g_assert_cmpstr (visible_section (editor), ==, "questions");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.previous-section", NULL));
  g_assert_cmpstr (visible_section (editor), ==, "commitments");
  g_assert_true (gtk_widget_get_mapped (_rd_delay_editor_get_child (editor, "save_button")));
  g_assert_true (gtk_widget_is_sensitive (_rd_delay_editor_get_child (editor, "save_button")));

  /* Changed: Escape asks before it throws the work away, as before. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.escape", NULL));
  rd_test_spin_for (200);
  g_assert_true (_rd_account_page_get_editor (page ()) == editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (rd_test_spin_until (editor_gone, NULL, TIMEOUT_MS));

  /* 400 px: a compact bar on top that stays while the section scrolls. */
  editor = open_editor (400, 720, "compact");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_rd_delay_editor_get_signal_check (editor, RD_SIGNAL_RADIO_SILENCE)), TRUE);
  revealer = _rd_delay_editor_get_child (editor, "details_revealer");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (editor)), <=, 420);
  assert_class_stays (editor);
  /* It expands to the response, and still stays. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (_rd_delay_editor_get_child (editor, "details_button")), TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  assert_class_stays (editor);
  g_assert_true (gtk_widget_get_mapped (_rd_delay_editor_get_child (editor, "save_button")));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_locale_dates (void)
{
  g_autofree char *time_locale = g_strdup (setlocale (LC_TIME, NULL));
  g_autoptr(GPtrArray) delays = NULL;
  RdDelayEditor *editor;
  GtkWidget *reconnect;
  RdDelay *logged = NULL;
  g_autofree char *today = NULL;
  GDate date;
  const char *reason = "Legal reads the new terms first";

  g_assert_nonnull (setlocale (LC_TIME, "de_DE.UTF-8"));
  rd_date_today (&date);
  today = rd_date_to_string (&date);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.log-delay", NULL));
  g_assert_true (rd_test_spin_until (editor_ready, NULL, TIMEOUT_MS));
  editor = _rd_account_page_get_editor (page ());

  /* Today, shown the German way: 05.03.2026. */
  {
    g_autofree char *shown = rd_date_format (today);

    g_assert_nonnull (strchr (shown, '.'));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_rd_delay_editor_get_child (editor, "communicated_row"))),
                     ==, shown);
  }

  gtk_editable_set_text (GTK_EDITABLE (_rd_delay_editor_get_child (editor, "stated_reason_row")), reason);
  reconnect = _rd_delay_editor_get_child (editor, "reconnect_row");
  gtk_editable_set_text (GTK_EDITABLE (reconnect), "05.03.2031");
  g_assert_false (gtk_widget_has_css_class (reconnect, "error"));
  g_assert_false (gtk_widget_get_visible (_rd_delay_editor_get_child (editor, "reconnect_error_row")));
  g_assert_cmpstr (rd_delay_get_commitment (rd_delay_editor_get_delay (editor), RD_COMMITMENT_RECONNECT_ON),
                   ==, "2031-03-05");
  /* ISO still works. */
  gtk_editable_set_text (GTK_EDITABLE (_rd_delay_editor_get_child (editor, "decision_row")), "2031-04-30");
  g_assert_cmpstr (rd_delay_get_commitment (rd_delay_editor_get_delay (editor), RD_COMMITMENT_DECISION_BY),
                   ==, "2031-04-30");
  rd_test_save_screenshot (GTK_WIDGET (editor), "delay-editor-de.png", TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (rd_test_spin_until (editor_gone, NULL, TIMEOUT_MS));
  setlocale (LC_TIME, time_locale);

  delays = stored_delays ();
  for (guint i = 0; i < delays->len; i++)
    if (g_strcmp0 (rd_delay_get_stated_reason (g_ptr_array_index (delays, i)), reason) == 0)
      logged = g_ptr_array_index (delays, i);
  g_assert_nonnull (logged);
  g_assert_cmpstr (rd_delay_get_communicated_on (logged), ==, today);
  g_assert_cmpstr (rd_delay_get_commitment (logged, RD_COMMITMENT_RECONNECT_ON), ==, "2031-03-05");
  g_assert_cmpstr (rd_delay_get_commitment (logged, RD_COMMITMENT_DECISION_BY), ==, "2031-04-30");
}

/* The editor at 1280 and 400 px, light and dark, for looking at. */
static void
test_editor_screenshots (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  struct { int width, height; const char *layout, *name; } sizes[] = {
    { 1280, 800, "side", "1280" },
    { 400, 760, "compact", "400" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint dark = 0; dark < 2; dark++)
      {
        RdDelayEditor *editor;
        g_autofree char *name = NULL;

        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
        editor = open_editor (sizes[i].width, sizes[i].height, sizes[i].layout);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (_rd_delay_editor_get_cause_check (editor, RD_CAUSE_STAKEHOLDERS)), TRUE);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (_rd_delay_editor_get_signal_check (editor, RD_SIGNAL_VAGUE)), TRUE);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (_rd_delay_editor_get_signal_check (editor, RD_SIGNAL_NO_TIMELINE)), TRUE);
        name = g_strdup_printf ("delay-editor-%s-%s.png", sizes[i].name, dark ? "dark" : "light");
        rd_test_save_screenshot (GTK_WIDGET (editor), name, TRUE);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-section", "s", "signals"));
        g_clear_pointer (&name, g_free);
        name = g_strdup_printf ("delay-editor-%s-%s-signals.png", sizes[i].name, dark ? "dark" : "light");
        rd_test_save_screenshot (GTK_WIDGET (editor), name, TRUE);
        if (g_str_equal (sizes[i].layout, "compact"))
          {
            gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (_rd_delay_editor_get_child (editor, "details_button")), TRUE);
            g_clear_pointer (&name, g_free);
            name = g_strdup_printf ("delay-editor-%s-%s-expanded.png", sizes[i].name, dark ? "dark" : "light");
            rd_test_save_screenshot (GTK_WIDGET (editor), name, TRUE);
          }
        if (i == 0 && !dark)
          save_scrolled (editor, "delay-editor-1280");
        gtk_window_destroy (GTK_WINDOW (editor));
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_screenshots (void)
{
  GtkWidget *timeline = _rd_account_page_get_child (page (), "timeline");
  GtkWidget *card = gtk_widget_get_parent (timeline);
  GtkWidget *group = gtk_widget_get_ancestor (timeline, ADW_TYPE_PREFERENCES_GROUP);
  AdwStyleManager *style = adw_style_manager_get_default ();
  RdDelayTimeline *narrow;
  GtkWidget *small_window, *box;
  g_autoptr(GListStore) model = g_list_store_new (RD_TYPE_DELAY);
  g_autoptr(GPtrArray) delays = stored_delays ();
  g_autoptr(RdStore) store = rd_test_open_store (db_path);
  g_autoptr(RdAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  /* The timeline lives in the page's Delays section. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.show-section", "s", "delays"));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, timeline, TIMEOUT_MS));
  gtk_widget_grab_focus (timeline);
  rd_test_save_screenshot (card, "timeline-light.png", TRUE);
  rd_test_save_screenshot (group, "delays-light.png", TRUE);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  rd_test_save_screenshot (card, "timeline-dark.png", TRUE);
  rd_test_save_screenshot (group, "delays-dark.png", TRUE);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* The same timeline at 360 px, the narrowest the window gets. */
  account = rd_store_get_account (store, account_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < delays->len; i++)
    g_list_store_append (model, g_ptr_array_index (delays, i));
  narrow = RD_DELAY_TIMELINE (rd_delay_timeline_new ());
  rd_delay_timeline_set_account (narrow, account);
  rd_delay_timeline_set_delays (narrow, G_LIST_MODEL (model));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "timeline-card");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (narrow));
  small_window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (small_window), box);
  gtk_window_set_decorated (GTK_WINDOW (small_window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (small_window), 360, -1);
  gtk_window_present (GTK_WINDOW (small_window));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, small_window, TIMEOUT_MS));
  rd_test_save_screenshot (small_window, "timeline-360.png", TRUE);
  g_assert_cmpint (gtk_widget_get_width (small_window), <=, 380);
  gtk_window_destroy (GTK_WINDOW (small_window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;
  char *locales;

  g_test_init (&argc, &argv, NULL);

  /* de_DE for the dates typed the region's way, before any setlocale(). */
  locales = rd_test_locales_prepare ((const char * const[]) { "de_DE", NULL });

  db_path = rd_test_make_window_db ("rd-test-delay-ui-XXXXXX", &tmpdir);

  rd_test_ui_init ();

  g_test_add_func ("/delay-ui/open-account", test_open_account);
  g_test_add_func ("/delay-ui/live-class", test_live_class);
  g_test_add_func ("/delay-ui/save-marker-history", test_save);
  g_test_add_func ("/delay-ui/open-from-timeline", test_open_from_timeline);
  g_test_add_func ("/delay-ui/invalid-date-saves-nothing", test_invalid_date);
  g_test_add_func ("/delay-ui/class-stays-in-view", test_class_in_view);
  g_test_add_func ("/delay-ui/lays-out-shown-section", test_lays_out_shown_section);
  g_test_add_func ("/delay-ui/locale-dates-stored-as-iso", test_locale_dates);
  g_test_add_func ("/delay-ui/editor-screenshots", test_editor_screenshots);
  g_test_add_func ("/delay-ui/screenshots", test_screenshots);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_free (account_id);

  rd_test_remove_tree (tmpdir);
  rd_test_locales_remove (locales);
  g_free (db_path);
  g_free (tmpdir);

  return ret;
}
