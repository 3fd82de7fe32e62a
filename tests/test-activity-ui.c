/* test-activity-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-activity-dialog.h"
#include "rd-activity-log.h"
#include "rd-activity-record.h"
#include "rd-context.h"
#include "rd-contact.h"
#include "rd-document.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"

/* The activity log on a temporary database, with "today" injected: log an
 * entry with the dialog (who, what, their answer) and tick a commitment
 * off as kept; cancel changes nothing; edit; remove; one delay's view. */

#define TIMEOUT_MS 20000
#define NOW "2026-03-04T10:00:00Z"

static char *tmpdir;
static RdStore *store;
static RdContext *context;
static GtkWindow *window;
static RdActivityLog *log_view;
static RdAccount *account;
static RdContact *contact;
static RdDelay *delay;

static RdActivityDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) win = g_list_model_get_item (toplevels, i);

      if (RD_IS_ACTIVITY_DIALOG (win) && gtk_widget_get_visible (GTK_WIDGET (win)))
        return RD_ACTIVITY_DIALOG (win);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* As a click does: the response button itself, which closes the dialog. */
static void
click (RdActivityDialog *dialog,
       const char       *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static GPtrArray *
stored_activities (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *docs = rd_store_list_documents (store, "activity", "account_id",
                                             rd_account_get_id (account), &error);

  g_assert_no_error (error);
  return docs;
}

static gboolean
n_stored_is (gpointer data)
{
  g_autoptr(GPtrArray) docs = stored_activities ();

  return docs->len == GPOINTER_TO_UINT (data);
}

static gboolean
n_shown_is (gpointer data)
{
  return g_list_model_get_n_items (rd_activity_log_get_model (log_view)) == GPOINTER_TO_UINT (data);
}

static RdActivityDialog *
open_log_dialog (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (log_view), "activity.log", NULL));
  g_assert_true (rd_test_spin_until (dialog_shown, NULL, TIMEOUT_MS));
  return find_dialog ();
}

static gboolean
delay_kept (gpointer data)
{
  g_autoptr(RdDelay) stored = rd_store_get_delay (store, rd_delay_get_id (delay), NULL);

  return stored != NULL &&
         g_strcmp0 (rd_delay_get_commitment_kept (stored, RD_COMMITMENT_INFO_BY), data) == 0;
}

static void
test_log (void)
{
  RdActivityDialog *dialog = open_log_dialog ();
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *date = NULL;
  JsonObject *doc;
  GtkWidget *with;

  /* Today is proposed; nothing said yet means nothing to log. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  date = rd_activity_dialog_dup_date (dialog);
  g_assert_cmpstr (date, ==, "2026-03-04");

  gtk_editable_set_text (GTK_EDITABLE (rd_test_find_named (GTK_WIDGET (dialog), "summary")),
                         "Walked Lena through the renewal options");
  gtk_editable_set_text (GTK_EDITABLE (rd_test_find_named (GTK_WIDGET (dialog), "their-response")),
                         "Finance sends the numbers on Friday");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  with = rd_test_find_named (GTK_WIDGET (dialog), "contact");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (with), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rd_test_find_named (GTK_WIDGET (dialog), "kind")), RD_ACTIVITY_MEETING);

  /* The open delay's commitment, ticked off as kept today. */
  g_assert_true (rd_activity_dialog_get_kept (dialog, RD_COMMITMENT_INFO_BY) == FALSE);
  {
    GtkWidget *check = rd_test_find_named (GTK_WIDGET (dialog), "kept-info_by");

    g_assert_nonnull (check);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  }

  click (dialog, "_Log");
  g_assert_true (rd_test_spin_until (dialog_gone, NULL, TIMEOUT_MS));
  g_assert_true (rd_test_spin_until (n_stored_is, GUINT_TO_POINTER (1), TIMEOUT_MS));
  g_assert_true (n_shown_is (GUINT_TO_POINTER (1)));
  g_assert_true (rd_test_spin_until (delay_kept, (gpointer) "2026-03-04", TIMEOUT_MS));

  docs = stored_activities ();
  doc = g_ptr_array_index (docs, 0);
  g_assert_cmpstr (rd_document_get_string (doc, "on"), ==, "2026-03-04");
  g_assert_cmpstr (rd_document_get_string (doc, "kind"), ==, "meeting");
  g_assert_cmpstr (rd_document_get_string (doc, "contact_id"), ==, rd_contact_get_id (contact));
  g_assert_cmpstr (rd_document_get_string (doc, "delay_id"), ==, rd_delay_get_id (delay));
  g_assert_cmpstr (rd_document_get_string (doc, "summary"), ==, "Walked Lena through the renewal options");
  g_assert_cmpstr (rd_document_get_string (doc, "their_response"), ==, "Finance sends the numbers on Friday");
  g_assert_true (rd_document_validate (doc, NULL));

  rd_test_save_screenshot (GTK_WIDGET (window), "activity-log.png", TRUE);
}

/* Closing without saving (Cancel, or the window closed: Escape's path)
 * writes nothing. */
static void
test_cancel (void)
{
  RdActivityDialog *dialog = open_log_dialog ();

  gtk_editable_set_text (GTK_EDITABLE (rd_test_find_named (GTK_WIDGET (dialog), "summary")), "Never mind");
  click (dialog, "_Cancel");
  g_assert_true (rd_test_spin_until (dialog_gone, NULL, TIMEOUT_MS));

  dialog = open_log_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (rd_test_find_named (GTK_WIDGET (dialog), "summary")), "Nor this");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (rd_test_spin_until (dialog_gone, NULL, TIMEOUT_MS));

  rd_test_spin_for (200);
  g_test_message ("shown %u", g_list_model_get_n_items (rd_activity_log_get_model (log_view)));
  g_assert_true (n_stored_is (GUINT_TO_POINTER (1)));
  g_assert_true (n_shown_is (GUINT_TO_POINTER (1)));
}

static void
test_edit_and_remove (void)
{
  g_autoptr(RdActivityRecord) first = g_list_model_get_item (rd_activity_log_get_model (log_view), 0);
  g_autofree char *doc_id = g_strdup (rd_record_get_doc_id (RD_RECORD (first)));
  g_autoptr(GPtrArray) docs = NULL;
  RdActivityDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (log_view), "activity.edit", "s", doc_id));
  g_assert_true (rd_test_spin_until (dialog_shown, NULL, TIMEOUT_MS));
  dialog = find_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rd_test_find_named (GTK_WIDGET (dialog), "summary"))), ==,
                   "Walked Lena through the renewal options");
  gtk_editable_set_text (GTK_EDITABLE (rd_test_find_named (GTK_WIDGET (dialog), "their-response")),
                         "Finance sends the numbers on Monday");
  click (dialog, "_Save");
  g_assert_true (rd_test_spin_until (dialog_gone, NULL, TIMEOUT_MS));
  rd_test_spin_for (300);
  docs = stored_activities ();
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpstr (rd_document_get_string (g_ptr_array_index (docs, 0), "their_response"), ==,
                   "Finance sends the numbers on Monday");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (log_view), "activity.delete", "s", doc_id));
  g_assert_true (n_shown_is (GUINT_TO_POINTER (0)));
  g_assert_true (rd_test_spin_until (n_stored_is, GUINT_TO_POINTER (0), TIMEOUT_MS));
}

/* The delay editor's view: only that delay's entries. */
static void
test_delay_only (void)
{
  g_autoptr(RdActivityRecord) other = rd_activity_record_new (rd_account_get_id (account), "2026-03-01",
                                                              RD_ACTIVITY_EMAIL);
  g_autoptr(RdActivityRecord) mine = rd_activity_record_new (rd_account_get_id (account), "2026-02-27",
                                                             RD_ACTIVITY_CALL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();

  rd_activity_record_set_summary (other, "Quarterly check-in mail");
  rd_activity_record_set_summary (mine, "Called about the delay");
  rd_activity_record_set_delay_id (mine, rd_delay_get_id (delay));
  g_ptr_array_add (docs, rd_record_get_document (RD_RECORD (other)));
  g_ptr_array_add (docs, rd_record_get_document (RD_RECORD (mine)));
  g_assert_true (rd_store_put_documents (store, docs, &error));
  g_assert_no_error (error);

  rd_activity_log_reload (log_view);
  g_assert_true (rd_test_spin_until (n_shown_is, GUINT_TO_POINTER (2), TIMEOUT_MS));
  rd_activity_log_set_delay_only (log_view, rd_delay_get_id (delay));
  g_assert_true (rd_test_spin_until (n_shown_is, GUINT_TO_POINTER (1), TIMEOUT_MS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(RdClock) clock = NULL;
  g_autoptr(RdDelay) saved = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
  g_autofree char *db_path = NULL;
  GtkWidget *overlay;
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  rd_test_ui_init ();

  db_path = rd_test_make_tmp_db (&tmpdir);
  store = rd_store_new (db_path, NULL, &error);
  g_assert_no_error (error);
  now = g_date_time_new_from_iso8601 (NOW, NULL);
  clock = rd_clock_new_fake (now);
  context = rd_context_new (clock);
  rd_context_set_store (context, store);

  account = rd_account_new ();
  rd_account_set_name (account, "Nordlicht Logistik GmbH");
  rd_account_set_currency (account, "EUR");
  g_assert_true (rd_store_save_account (store, account, &error));
  contact = rd_contact_new (rd_account_get_id (account));
  rd_contact_set_name (contact, "Lena Müller");
  g_assert_true (rd_store_save_contact (store, contact, &error));
  delay = rd_delay_new (rd_account_get_id (account));
  rd_delay_set_communicated_on (delay, "2026-02-26");
  rd_delay_set_commitment (delay, RD_COMMITMENT_INFO_BY, "2026-03-06");
  saved = rd_store_save_delay (store, delay, &error);
  g_assert_no_error (error);
  g_set_object (&delay, saved);
  g_ptr_array_add (contacts, contact);

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 720, 560);
  log_view = g_object_new (RD_TYPE_ACTIVITY_LOG, "margin-top", 24, "margin-start", 24,
                           "margin-end", 24, NULL);
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (log_view));
  adw_window_set_content (ADW_WINDOW (window), overlay);
  rd_account_pane_set_context (RD_ACCOUNT_PANE (log_view), context);
  rd_activity_log_set_contacts (log_view, contacts);
  rd_activity_log_set_open_delay (log_view, delay);
  rd_activity_log_set_account (log_view, rd_account_get_id (account));
  gtk_window_present (window);

  g_test_add_func ("/activity-ui/log", test_log);
  g_test_add_func ("/activity-ui/cancel", test_cancel);
  g_test_add_func ("/activity-ui/edit-and-remove", test_edit_and_remove);
  g_test_add_func ("/activity-ui/delay-only", test_delay_only);

  ret = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&context);
  g_clear_object (&store);
  g_clear_object (&account);
  g_clear_object (&contact);
  g_clear_object (&delay);
  rd_test_remove_tree (tmpdir);

  return ret;
}
