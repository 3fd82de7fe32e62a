/* test-reminders-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-reminder-dialog.h"
#include "rd-reminder-refresh.h"
#include "rd-reminder-row.h"
#include "rd-sample.h"
#include "rd-reminders-view.h"
#include "rd-text-cell.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-window.h"

/* The Reminders page in a window on a temporary database, with "now"
 * injected: the sections, the badge count, Done and Snooze; selecting
 * several, Mark Done and Undo; the scroll position; the weekly update
 * listed once; the New Reminder dialog. */

#define TIMEOUT_MS 20000
#define NOW "2026-03-04T10:00:00Z"   /* a Wednesday */

static char *tmpdir;
static char *db_path;
static RdStore *store;
static RdContext *context;
static GtkWindow *window;
static RdRemindersView *view;
static char *ids[6];
static char *extra[30];

static gboolean
view_loaded (gpointer data)
{
  return rd_reminders_view_get_loaded (view);
}

static gboolean
n_open_is (gpointer data)
{
  return rd_reminders_view_get_n_open (view) == GPOINTER_TO_UINT (data);
}

static gboolean
n_urgent_is (gpointer data)
{
  return rd_reminders_view_get_n_urgent (view) == GPOINTER_TO_UINT (data);
}

static gboolean
window_width_is (gpointer data)
{
  /* The default size counts the client-side shadow, the width does not. */
  return ABS (gtk_widget_get_width (GTK_WIDGET (window)) - GPOINTER_TO_INT (data)) <= 16;
}

/* A shown window keeps its size without a window manager: show it again. */
static void
resize_window (int width,
               int height)
{
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  if (!rd_test_spin_until (window_width_is, GINT_TO_POINTER (width), TIMEOUT_MS))
    g_error ("the window is %d px wide, not %d", gtk_widget_get_width (GTK_WIDGET (window)), width);
}

static JsonObject *
stored (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc_id = rd_document_make_id ("reminder", id);
  JsonObject *doc = rd_store_get_document (store, doc_id, &error);

  g_assert_no_error (error);
  return doc;
}

static gboolean
is_done (const char *id)
{
  g_autoptr(JsonObject) doc = stored (id);

  return json_object_get_string_member_with_default (doc, "done_at", NULL) != NULL;
}

static void
mark_done_in_store (char **which,
                    guint  n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (list, which[i]);
  g_ptr_array_add (list, NULL);
  rd_reminders_edit (store, RD_REMINDER_EDIT_DONE, (const char * const *) list->pdata, now,
                     &error);
  g_assert_no_error (error);
}

static gboolean
snoozed (gpointer data)
{
  g_autoptr(JsonObject) doc = stored (data);

  return json_object_get_string_member_with_default (doc, "snoozed_until", NULL) != NULL;
}

static void
seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = json_object_new ();
  static const struct { const char *title; const char *due; gboolean account; } rows[] = {
    { "Reconnect with Nordlicht Energie AG", "2026-03-01T09:00:00Z", TRUE },
    { "Nordlicht Energie AG: their decision is due", "2026-03-03T09:00:00Z", TRUE },
    { "Send the weekly team update", "2026-03-04T09:00:00Z", FALSE },
    { "Plan check-in with Nordlicht Energie AG", "2026-03-04T15:00:00Z", TRUE },
    { "Nordlicht Energie AG: send the signed order form", "2026-03-06T09:00:00Z", TRUE },
    { "Start the renewal conversation with Nordlicht Energie AG", "2026-04-20T09:00:00Z", TRUE },
  };

  json_object_set_string_member (account, "_id", "account:" ACCOUNT_UUID);
  json_object_set_string_member (account, "type", "account");
  json_object_set_string_member (account, "name", "Nordlicht Energie AG");
  json_object_set_string_member (account, "currency", "EUR");
  g_assert_true (rd_store_put_document (store, account, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GDateTime) due = g_date_time_new_from_iso8601 (rows[i].due, NULL);

      ids[i] = rd_reminders_add_manual (store, rows[i].account ? ACCOUNT_UUID : NULL,
                                        rows[i].title, due, &error);
      g_assert_no_error (error);
    }
}

/* Whether @widget or a widget under it holds a tooltip text. */
static gboolean
holds_tooltip_text (GtkWidget *widget)
{
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (holds_tooltip_text (child))
      return TRUE;

  return FALSE;
}

/* A reminder row and its buttons give their tooltips when asked, and hold
 * no tooltip text: in GTK 4.8 setting one asks the X server where the
 * pointer is, a round trip for each of hundreds of rows. */
static void
assert_tooltips_on_demand (GtkWidget *row)
{
  static const char * const buttons[] = { "open", "snooze", "done" };
  GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean answered = FALSE;

  g_assert_false (holds_tooltip_text (row));
  g_signal_emit_by_name (row, "query-tooltip", 1, 1, FALSE, tooltip, &answered);
  g_assert_true (answered);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = rd_test_find_named (row, buttons[i]);

      answered = FALSE;
      g_assert_true (gtk_widget_get_has_tooltip (button));
      g_signal_emit_by_name (button, "query-tooltip", 1, 1, FALSE, tooltip, &answered);
      g_assert_true (answered);
    }
  g_object_unref (tooltip);
}

static void
test_sections (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  g_autoptr(RdClock) clock = rd_clock_new_fake (now);

  seed ();
  /* "Now" is the context's clock. */
  context = rd_context_new (clock);
  rd_context_set_store (context, store);
  rd_reminders_view_set_context (view, context);
  g_assert_true (rd_test_spin_until (view_loaded, NULL, TIMEOUT_MS));
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (6), TIMEOUT_MS));

  /* Overdue: two; today: two (one already past 09:00). */
  g_assert_cmpuint (rd_reminders_view_get_n_urgent (view), ==, 4);
  g_assert_nonnull (rd_test_find_named (GTK_WIDGET (view), ids[0]));
  g_assert_nonnull (rd_test_find_named (rd_test_find_named (GTK_WIDGET (view), ids[0]), "open"));
  /* No account, nothing to open. */
  g_assert_null (rd_test_find_named (rd_test_find_named (GTK_WIDGET (view), ids[2]), "open"));
  /* The title names the account: the subtitle says only when. */
  g_assert_cmpstr (rd_reminder_row_get_subtitle (RD_REMINDER_ROW (rd_test_find_named (GTK_WIDGET (view), ids[0]))),
                   ==, "3 days overdue");
  assert_tooltips_on_demand (rd_test_find_named (GTK_WIDGET (view), ids[0]));

  rd_test_save_screenshot (GTK_WIDGET (window), "reminders-view.png", FALSE);
}

static void
test_done (void)
{
  g_autoptr(JsonObject) doc = NULL;
  GtkWidget *row = rd_test_find_named (GTK_WIDGET (view), ids[0]);
  GtkWidget *done = rd_test_find_named (row, "done");

  g_assert_nonnull (done);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (done)), ==, "reminders.done");
  gtk_widget_activate_action (GTK_WIDGET (view), "reminders.done", "s", ids[0]);
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (5), TIMEOUT_MS));
  g_assert_cmpuint (rd_reminders_view_get_n_urgent (view), ==, 3);

  doc = stored (ids[0]);
  g_assert_nonnull (json_object_get_string_member_with_default (doc, "done_at", NULL));
  g_assert_null (rd_test_find_named (GTK_WIDGET (view), ids[0]));
}

static void
test_snooze (void)
{
  g_autoptr(JsonObject) hour = NULL;
  g_autoptr(JsonObject) picked = NULL;

  /* For an hour: out of Overdue, into Today. */
  gtk_widget_activate_action (GTK_WIDGET (view), "reminders.snooze", "(ss)", ids[1], "hour");
  g_assert_true (rd_test_spin_until (snoozed, ids[1], TIMEOUT_MS));
  rd_test_spin_for (300);
  g_assert_cmpuint (rd_reminders_view_get_n_urgent (view), ==, 3);
  hour = stored (ids[1]);
  g_assert_cmpstr (json_object_get_string_member_with_default (hour, "snoozed_until", NULL), ==,
                   "2026-03-04T11:00:00Z");

  /* A picked date: next Monday, at nine. */
  gtk_widget_activate_action (GTK_WIDGET (view), "reminders.snooze-until", "(ss)", ids[3],
                              "2026-03-09");
  g_assert_true (rd_test_spin_until (n_urgent_is, GUINT_TO_POINTER (2), TIMEOUT_MS));
  picked = stored (ids[3]);
  g_assert_cmpstr (json_object_get_string_member_with_default (picked, "snoozed_until", NULL), ==,
                   "2026-03-09T09:00:00Z");
  rd_test_save_screenshot (GTK_WIDGET (window), "reminders-snoozed.png", FALSE);
}


/* Two checked by activating their rows (what Space and Enter do), Mark
 * Done writes both, Undo takes it back. */
static void
test_select_done_undo (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const int widths[] = { 1280, 400 };
  GtkWidget *row1 = rd_test_find_named (GTK_WIDGET (view), ids[1]);
  GtkWidget *row2 = rd_test_find_named (GTK_WIDGET (view), ids[2]);
  GtkWidget *check1 = rd_test_find_named (row1, "check");

  g_assert_false (gtk_widget_get_visible (check1));
  g_assert_true (gtk_widget_get_visible (rd_test_find_named (row1, "actions")));
  gtk_widget_activate_action (GTK_WIDGET (view), "reminders.select", NULL);
  g_assert_true (gtk_widget_get_visible (check1));
  g_assert_false (gtk_widget_get_visible (rd_test_find_named (row1, "actions")));

  gtk_widget_activate (row1);
  gtk_widget_activate (row2);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check1)));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (rd_test_find_named (row2, "check"))));

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autofree char *light = g_strdup_printf ("reminders-selection-%d-light.png", widths[w]);
      g_autofree char *dark = g_strdup_printf ("reminders-selection-%d-dark.png", widths[w]);

      resize_window (widths[w], 760);
      rd_test_save_screenshot (GTK_WIDGET (window), light, FALSE);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      rd_test_save_screenshot (GTK_WIDGET (window), dark, FALSE);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    }
  resize_window (820, 760);

  /* Select All, then one unticked again. */
  gtk_widget_activate_action (GTK_WIDGET (view), "reminders.select-all", NULL);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (rd_test_find_named (rd_test_find_named (GTK_WIDGET (view), ids[5]), "check"))));
  gtk_widget_activate_action (GTK_WIDGET (view), "reminders.leave-selection", NULL);
  g_assert_false (gtk_widget_get_visible (check1));
  gtk_widget_activate_action (GTK_WIDGET (view), "reminders.select", NULL);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check1)));
  gtk_widget_activate (row1);
  gtk_widget_activate (row2);

  gtk_widget_activate_action (GTK_WIDGET (view), "reminders.mark-done", NULL);
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (3), TIMEOUT_MS));
  g_assert_true (is_done (ids[1]));
  g_assert_true (is_done (ids[2]));
  g_assert_false (is_done (ids[3]));
  /* Out of selection mode once done. */
  g_assert_false (gtk_widget_get_visible (rd_test_find_named (rd_test_find_named (GTK_WIDGET (view), ids[3]), "check")));
  rd_test_save_screenshot (GTK_WIDGET (window), "reminders-marked-done.png", FALSE);

  gtk_widget_activate_action (GTK_WIDGET (view), "reminders.undo", NULL);
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (5), TIMEOUT_MS));
  g_assert_false (is_done (ids[1]));
  g_assert_false (is_done (ids[2]));
  g_assert_nonnull (rd_test_find_named (GTK_WIDGET (view), ids[1]));
}

/* Done on a row far down the page leaves the page where it was. */
static void
test_scroll_kept (void)
{
  g_autoptr(GError) error = NULL;
  GtkScrolledWindow *scrolled;
  GtkAdjustment *vadjustment;
  GtkWidget *done;
  double value;

  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2026-05-01T09:00:00Z", NULL);
      g_autoptr(GDateTime) due = g_date_time_add_days (start, i);
      g_autofree char *title = g_strdup_printf ("Later reminder %u", i);

      extra[i] = rd_reminders_add_manual (store, NULL, title, due, &error);
      g_assert_no_error (error);
    }
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (35), TIMEOUT_MS));
  rd_test_spin_for (300);

  scrolled = GTK_SCROLLED_WINDOW (rd_test_find_named (GTK_WIDGET (view), "scrolled"));
  vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >,
                     gtk_adjustment_get_page_size (vadjustment) * 2);
  /* As a click does: the button has the focus, then goes with its row. */
  done = rd_test_find_named (rd_test_find_named (GTK_WIDGET (view), extra[20]), "done");
  gtk_widget_grab_focus (done);
  rd_test_spin_for (500);
  value = gtk_adjustment_get_value (vadjustment);
  g_assert_cmpfloat (value, >, 0);
  gtk_widget_activate (done);
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (34), TIMEOUT_MS));
  rd_test_spin_for (500);
  g_assert_true (is_done (extra[20]));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadjustment), value, 1.0);
  /* The focus went to the row that took its place. */
  g_assert_true (gtk_widget_has_focus (rd_test_find_named (GTK_WIDGET (view), extra[21])));

  mark_done_in_store (extra, G_N_ELEMENTS (extra));
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (5), TIMEOUT_MS));
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);

  for (guint i = 1; i < G_N_ELEMENTS (ids); i++)
    {
      rd_reminders_edit (store, RD_REMINDER_EDIT_DONE, (const char *[]) { ids[i], NULL }, now,
                         &error);
      g_assert_no_error (error);
    }
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (0), TIMEOUT_MS));
  g_assert_cmpuint (rd_reminders_view_get_n_urgent (view), ==, 0);
  rd_test_save_screenshot (GTK_WIDGET (window), "reminders-empty.png", FALSE);
}


static RdReminderDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (RD_IS_REMINDER_DIALOG (toplevel))
        return RD_REMINDER_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
account_selected (gpointer data)
{
  return g_strcmp0 (rd_reminder_dialog_get_account_id (data), ACCOUNT_UUID) == 0;
}

static gboolean
manual_with_title (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = rd_reminders_list_open (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < open->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (open, i),
                                                                "title", NULL), data) == 0)
      return TRUE;
  return FALSE;
}

/* Opened for an account, the dialog selects it; the day comes from the
 * calendar, shown as the region writes it, the time from the spin buttons. */
static void
test_new_reminder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 3, 10, 0, 0, 0);
  g_autofree char *tomorrow = rd_date_format ("2026-03-05");
  g_autofree char *picked = rd_date_format ("2026-03-10");
  g_autofree char *id = NULL;
  JsonObject *added = NULL;
  RdReminderDialog *dialog;
  GtkWidget *date;

  rd_reminders_view_new_reminder (view, ACCOUNT_UUID);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (rd_test_spin_until (account_selected, dialog, TIMEOUT_MS));

  date = rd_test_find_named (GTK_WIDGET (dialog), "date");
  g_assert_true (GTK_IS_MENU_BUTTON (date));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (date)), ==, tomorrow);
  g_assert_true (GTK_IS_SPIN_BUTTON (rd_test_find_named (GTK_WIDGET (dialog), "hour")));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));

  gtk_editable_set_text (GTK_EDITABLE (rd_test_find_named (GTK_WIDGET (dialog), "title")), "Call the CFO");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  gtk_calendar_select_day (GTK_CALENDAR (rd_test_find_named (GTK_WIDGET (dialog), "calendar")), day);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (date)), ==, picked);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (rd_test_find_named (GTK_WIDGET (dialog), "hour")), 14);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (rd_test_find_named (GTK_WIDGET (dialog), "minute")), 30);
  rd_test_save_screenshot (GTK_WIDGET (dialog), "reminders-new-dialog.png", TRUE);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (rd_test_spin_until (manual_with_title, "Call the CFO", TIMEOUT_MS));

  open = rd_reminders_list_open (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < open->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (open, i),
                                                                "title", NULL), "Call the CFO") == 0)
      added = g_ptr_array_index (open, i);
  g_assert_nonnull (added);
  g_assert_cmpstr (json_object_get_string_member_with_default (added, "due_at", NULL), ==,
                   "2026-03-10T14:30:00Z");
  g_assert_cmpstr (json_object_get_string_member_with_default (added, "account_id", NULL), ==,
                   ACCOUNT_UUID);
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (1), TIMEOUT_MS));

  id = g_strdup (rd_reminder_get_uuid (added));
  mark_done_in_store (&id, 1);
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (0), TIMEOUT_MS));
}

static guint
count_weekly (GPtrArray *reminders)
{
  guint n = 0;

  for (guint i = 0; i < reminders->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (reminders, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "kind", NULL),
                     "weekly_update") == 0 &&
          json_object_get_string_member_with_default (doc, "done_at", NULL) == NULL)
        n++;
    }

  return n;
}

/* One weekly update is open at a time.  Next week's, stored open as an
 * earlier version made it, stays stored but is listed once. */
static void
test_weekly_once (void)
{
  g_autoptr(GError) error = NULL;
  /* Derived on Monday before the update was due: this week's only. */
  g_autoptr(GDateTime) monday = g_date_time_new_from_iso8601 ("2026-03-02T08:00:00Z", NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(JsonObject) next = json_object_new ();
  g_autofree char *next_uuid = rd_reminder_make_id ("weekly_update", "", "2026-03-09");
  g_autofree char *next_id = rd_document_make_id ("reminder", next_uuid);
  RdReminderPrefs prefs;

  rd_reminder_prefs_init (&prefs);
  g_assert_true (rd_reminders_refresh (store, &prefs, utc, monday, &error));
  g_assert_no_error (error);
  open = rd_reminders_list_open (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_weekly (open), ==, 1);
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (1), TIMEOUT_MS));

  json_object_set_string_member (next, "_id", next_id);
  json_object_set_string_member (next, "type", "reminder");
  json_object_set_string_member (next, "kind", "weekly_update");
  json_object_set_string_member (next, "source_id", "2026-03-09");
  json_object_set_string_member (next, "due_at", "2026-03-09T09:00:00Z");
  json_object_set_string_member (next, "title", "Send the weekly team update");
  g_assert_true (rd_store_put_document (store, next, &error));
  g_assert_no_error (error);
  g_assert_true (rd_reminders_refresh (store, &prefs, utc, monday, &error));
  g_assert_no_error (error);
  all = rd_store_list_documents (store, "reminder", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_weekly (all), ==, 2);

  g_clear_pointer (&open, g_ptr_array_unref);
  open = rd_reminders_list_open (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_weekly (open), ==, 1);
  rd_test_spin_for (300);
  g_assert_cmpuint (rd_reminders_view_get_n_open (view), ==, 1);
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = RD_IS_REMINDER_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);

  return n;
}

/* The text of the first label (or text cell) under @widget that says @part. */
static const char *
find_label_text (GtkWidget  *widget,
                 const char *part)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text;

      if (GTK_IS_LABEL (child))
        text = gtk_label_get_text (GTK_LABEL (child));
      else if (RD_IS_TEXT_CELL (child))
        text = rd_text_cell_get_text (RD_TEXT_CELL (child));
      else
        text = NULL;
      if (text != NULL && strstr (text, part) != NULL)
        return text;
      if ((text = find_label_text (child, part)) != NULL)
        return text;
    }

  return NULL;
}

/* The first visible button under @widget labelled @label, or NULL. */
static GtkWidget *
find_visible_button (GtkWidget  *widget,
                     const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_visible_button (child, label)) != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  RdStore *store;
  guint    n;   /* the open reminders the store lists */
} ListedCheck;

static gboolean
page_lists (gpointer data)
{
  ListedCheck *check = data;
  GtkWidget *more;

  if (rd_reminders_view_get_n_open (view) != check->n)
    return FALSE;
  /* A section lists its first 50: list them all. */
  if ((more = find_visible_button (GTK_WIDGET (view), "Show More")) != NULL)
    {
      g_signal_emit_by_name (more, "clicked");
      return FALSE;
    }
  return count_rows (GTK_WIDGET (view)) == check->n;
}

/* The sample book, derived as the app does on @now: the header counts
 * what the page lists, row for row, and what the store hands out. */
static void
assert_page_counts_sample (RdStore   *sample,
                           RdClock   *clock,
                           GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *expected = NULL;
  ListedCheck check = { sample, 0 };
  RdReminderPrefs prefs;
  guint n_weekly = 0;

  rd_reminder_prefs_init (&prefs);
  rd_clock_set_fake_now (clock, now);
  g_assert_true (rd_store_refresh_derived_if_stale (sample, &error));
  g_assert_no_error (error);
  g_assert_true (rd_reminders_refresh (sample, &prefs, utc, now, &error));
  g_assert_no_error (error);
  open = rd_reminders_list_open (sample, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < open->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (open, i),
                                                                "kind", NULL), "weekly_update") == 0)
      n_weekly++;
  g_assert_cmpuint (n_weekly, ==, 1);

  check.n = open->len;
  rd_reminders_view_reload (view);
  if (!rd_test_spin_until (page_lists, &check, TIMEOUT_MS))
    g_error ("the page counts %u and lists %u rows of %u open reminders",
             rd_reminders_view_get_n_open (view), count_rows (GTK_WIDGET (view)), check.n);
  expected = g_strdup_printf ("%u open reminders", check.n);
  g_assert_true (g_str_has_prefix (find_label_text (GTK_WIDGET (view), "open reminder"), expected));
}

/* The sample book on its first day, a week on and the day after: the
 * header and the rows agree, with one weekly update. */
static void
test_sample_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) sample = rd_store_new (path, NULL, &error);
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2026-12-05T13:00:00Z", NULL);
  g_autoptr(RdClock) clock = rd_clock_new_fake (start);
  g_autoptr(RdContext) sample_context = rd_context_new (clock);
  static const int days[] = { 0, 8, 9 };
  GDate today;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 5, G_DATE_DECEMBER, 2026);
  rd_store_set_today (sample, &today);
  g_assert_true (rd_store_fill_sample (sample, 40, RD_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  rd_context_set_store (sample_context, sample);
  rd_reminders_view_set_context (view, sample_context);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, days[i]);
      GDate day = today;

      g_test_message ("day %+d", days[i]);
      g_date_add_days (&day, days[i]);
      rd_store_set_today (sample, &day);
      assert_page_counts_sample (sample, clock, now);
    }
  rd_test_save_screenshot (GTK_WIDGET (window), "reminders-sample.png", FALSE);

  rd_reminders_view_set_context (view, NULL);
  g_clear_object (&sample);
  rd_test_remove_tree (dir);
}

static gboolean
n_rows_is (gpointer data)
{
  return count_rows (GTK_WIDGET (view)) == GPOINTER_TO_UINT (data);
}

/* A section lists its first 50 and tells how many more there are; Show
 * More lists 50 more, until all are listed, and builds only those: the
 * rows already listed stay. */
static void
test_show_more (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) many = rd_store_new (path, NULL, &error);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  g_autoptr(RdClock) clock = rd_clock_new_fake (now);
  g_autoptr(RdContext) many_context = rd_context_new (clock);
  GtkWidget *more;
  GtkWidget *first;

  g_assert_no_error (error);
  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(GDateTime) due = g_date_time_add_minutes (now, 60 * 24 * 30 + (int) i);
      g_autofree char *title = g_strdup_printf ("Follow up %u", i);
      g_autofree char *id = rd_reminders_add_manual (many, NULL, title, due, &error);

      g_assert_no_error (error);
    }
  rd_context_set_store (many_context, many);
  rd_reminders_view_set_context (view, many_context);
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (120), TIMEOUT_MS));
  g_assert_true (rd_test_spin_until (n_rows_is, GUINT_TO_POINTER (50), TIMEOUT_MS));
  g_assert_nonnull (find_label_text (GTK_WIDGET (view), "And 70 more, further out"));
  /* The earliest are listed. */
  g_assert_nonnull (find_label_text (GTK_WIDGET (view), "Follow up 49"));
  g_assert_null (find_label_text (GTK_WIDGET (view), "Follow up 50"));

  first = rd_test_find_of_type (GTK_WIDGET (view), RD_TYPE_REMINDER_ROW);
  g_assert_nonnull (first);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);

  more = find_visible_button (GTK_WIDGET (view), "Show More");
  g_assert_nonnull (more);
  g_signal_emit_by_name (more, "clicked");
  g_assert_true (rd_test_spin_until (n_rows_is, GUINT_TO_POINTER (100), TIMEOUT_MS));
  g_assert_true (rd_test_find_of_type (GTK_WIDGET (view), RD_TYPE_REMINDER_ROW) == first);
  g_object_remove_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_assert_nonnull (find_label_text (GTK_WIDGET (view), "And 20 more, further out"));

  g_signal_emit_by_name (more, "clicked");
  g_assert_true (rd_test_spin_until (n_rows_is, GUINT_TO_POINTER (120), TIMEOUT_MS));
  g_assert_null (find_label_text (GTK_WIDGET (view), "more, further out"));
  g_assert_null (find_visible_button (GTK_WIDGET (view), "Show More"));

  rd_reminders_view_set_context (view, NULL);
  g_clear_object (&many);
  rd_test_remove_tree (dir);
}

static GtkSpinner *
find_spinner (GtkWidget *widget)
{
  if (GTK_IS_SPINNER (widget))
    return GTK_SPINNER (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinner *spinner = find_spinner (child);

      if (spinner != NULL)
        return spinner;
    }
  return NULL;
}

/* A page still loading, behind another page of the window's stack: its
 * spinner would animate its style there too, and every frame of that
 * restyled and laid out the whole window (search keystrokes waited for
 * those frames).  It spins only while shown. */
static void
test_spinner_only_while_shown (void)
{
  GtkWindow *other = GTK_WINDOW (gtk_window_new ());
  GtkStack *stack = GTK_STACK (gtk_stack_new ());
  GtkWidget *front = gtk_label_new ("In front");
  GtkWidget *loading = g_object_new (RD_TYPE_REMINDERS_VIEW, NULL);
  GtkSpinner *spinner;

  gtk_stack_add_named (stack, front, "front");
  gtk_stack_add_named (stack, loading, "reminders");
  gtk_window_set_child (other, GTK_WIDGET (stack));
  gtk_window_present (other);
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, front, TIMEOUT_MS));

  /* No context: it stays on its loading page. */
  spinner = find_spinner (loading);
  g_assert_nonnull (spinner);
  g_assert_false (gtk_spinner_get_spinning (spinner));

  gtk_stack_set_visible_child (stack, loading);
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, spinner, TIMEOUT_MS));
  g_assert_true (gtk_spinner_get_spinning (spinner));

  gtk_stack_set_visible_child (stack, front);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (spinner)));
  g_assert_false (gtk_spinner_get_spinning (spinner));

  gtk_window_destroy (other);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GtkWidget *header;
  GtkWidget *box;
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  db_path = rd_test_make_tmp_db (&tmpdir);

  rd_test_ui_init ();

  store = rd_store_new (db_path, NULL, &error);
  g_assert_no_error (error);

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 820, 760);
  view = g_object_new (RD_TYPE_REMINDERS_VIEW, "vexpand", TRUE, NULL);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Reminders", NULL));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (window);

  g_test_add_func ("/reminders-ui/sections", test_sections);
  g_test_add_func ("/reminders-ui/done", test_done);
  g_test_add_func ("/reminders-ui/snooze", test_snooze);
  g_test_add_func ("/reminders-ui/select-done-undo", test_select_done_undo);
  g_test_add_func ("/reminders-ui/scroll-kept", test_scroll_kept);
  g_test_add_func ("/reminders-ui/empty", test_empty);
  g_test_add_func ("/reminders-ui/new-reminder", test_new_reminder);
  g_test_add_func ("/reminders-ui/weekly-once", test_weekly_once);
  g_test_add_func ("/reminders-ui/sample-counts", test_sample_counts);
  g_test_add_func ("/reminders-ui/spinner-only-while-shown", test_spinner_only_while_shown);
  g_test_add_func ("/reminders-ui/show-more", test_show_more);

  ret = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&context);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    g_free (extra[i]);
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (db_path);

  return ret;
}
