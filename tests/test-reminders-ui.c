/* test-reminders-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-document.h"
#include "rd-reminder-refresh.h"
#include "rd-reminders-view.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-window.h"

/* The Reminders page in a window on a temporary database, with "now"
 * injected: the sections, the badge count, Done and Snooze. */

#define TIMEOUT_MS 20000
#define NOW "2026-03-04T10:00:00Z"   /* a Wednesday */

static char *tmpdir;
static char *db_path;
static RdStore *store;
static RdContext *context;
static GtkWindow *window;
static RdRemindersView *view;
static char *ids[6];

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

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
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
  g_assert_nonnull (find_named (GTK_WIDGET (view), ids[0]));
  g_assert_nonnull (find_named (find_named (GTK_WIDGET (view), ids[0]), "open"));
  /* No account, nothing to open. */
  g_assert_null (find_named (find_named (GTK_WIDGET (view), ids[2]), "open"));

  rd_test_save_screenshot (GTK_WIDGET (window), "reminders-view.png", FALSE);
}

static void
test_done (void)
{
  g_autoptr(JsonObject) doc = NULL;
  GtkWidget *row = find_named (GTK_WIDGET (view), ids[0]);
  GtkWidget *done = find_named (row, "done");

  g_assert_nonnull (done);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (done)), ==, "reminders.done");
  gtk_widget_activate_action (GTK_WIDGET (view), "reminders.done", "s", ids[0]);
  g_assert_true (rd_test_spin_until (n_open_is, GUINT_TO_POINTER (5), TIMEOUT_MS));
  g_assert_cmpuint (rd_reminders_view_get_n_urgent (view), ==, 3);

  doc = stored (ids[0]);
  g_assert_nonnull (json_object_get_string_member_with_default (doc, "done_at", NULL));
  g_assert_null (find_named (GTK_WIDGET (view), ids[0]));
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
  g_test_add_func ("/reminders-ui/empty", test_empty);

  ret = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&context);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (db_path);

  return ret;
}
