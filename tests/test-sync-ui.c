/* test-sync-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Sync preferences page and the header-bar indicator in each state;
 * screenshots sync-preferences.png, sync-refused.png and sync-indicator.png
 * in G_TEST_BUILDDIR.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <libsoup/soup.h>

#include "rd-store.h"
#include "rd-sync-command.h"
#include "rd-sync-indicator.h"
#include "rd-sync-preferences.h"
#include "rd-sync-service.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-window.h"

static gboolean
service_in_error (gpointer data)
{
  return rd_sync_service_get_state (data) == RD_SYNC_STATE_ERROR;
}

static gboolean
popover_shown (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (data));

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static void
test_preferences (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (path, NULL, &error);
  g_autoptr(RdContext) context = rd_context_new (NULL);
  RdSyncService *service;
  GtkWidget *window;
  GtkWidget *page;

  g_assert_no_error (error);
  /* A server that refuses unencrypted passwords: the page shows why. */
  g_assert_true (rd_store_set_setting (store, RD_SYNC_SETTING_URL,
                                       "http://couch.example.com/renewals", NULL));
  g_assert_true (rd_store_set_setting (store, RD_SYNC_SETTING_USER, "ann", NULL));
  rd_context_set_store (context, store);
  service = rd_context_get_sync_service (context);
  rd_sync_service_set_session_password (service, "not-shown");
  rd_sync_service_reload (service);

  window = adw_preferences_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 900);
  page = rd_sync_preferences_new (service);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  rd_test_spin_until (service_in_error, service, 4000);
  g_assert_cmpint (rd_sync_service_get_state (service), ==, RD_SYNC_STATE_ERROR);
  g_assert_nonnull (rd_sync_service_get_last_error (service));
  g_assert_null (strstr (rd_sync_service_get_last_error (service), "not-shown"));

  rd_test_save_screenshot (window, "sync-preferences.png", TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_spin_for (100);
  g_clear_object (&context);
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* A server holding a newer version of one of our accounts that fails
 * validation (an empty name): the page lists it under the state, one row a
 * record, with the reason.  Served from this thread's main context. */

typedef struct
{
  char *id;
  char *invalid;       /* the server's version of account @id */
} Refusing;

static void
on_refusing_request_cb (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  Refusing *r = user_data;
  char *text;

  if (g_str_has_suffix (path, "/_bulk_docs"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autofree char *request = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_autoptr(JsonNode) root = json_from_string (request, NULL);
      JsonArray *docs = json_object_get_array_member (json_node_get_object (root), "docs");
      GString *answer = g_string_new ("[");

      for (guint i = 0; i < json_array_get_length (docs); i++)
        {
          const char *id = json_object_get_string_member (json_array_get_object_element (docs, i),
                                                          "_id");

          if (g_str_equal (id, r->id))
            g_string_append_printf (answer, "%s{\"id\": \"%s\", \"error\": \"conflict\", "
                                    "\"reason\": \"Document update conflict.\"}",
                                    i > 0 ? ", " : "", id);
          else
            g_string_append_printf (answer, "%s{\"id\": \"%s\", \"rev\": \"1-ok\", \"ok\": true}",
                                    i > 0 ? ", " : "", id);
        }
      g_string_append (answer, "]");
      soup_server_message_set_status (msg, 201, NULL);
      text = g_string_free (answer, FALSE);
    }
  else if (g_str_has_suffix (path, "/_all_docs"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      text = g_strdup_printf ("{\"rows\": [{\"id\": \"%s\", \"key\": \"%s\", "
                              "\"value\": {\"rev\": \"2-bad\"}, \"doc\": %s}]}",
                              r->id, r->id, r->invalid);
    }
  else if (g_str_has_suffix (path, "/_changes"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      text = g_strdup ("{\"results\": [], \"last_seq\": \"0\", \"pending\": 0}");
    }
  else
    {
      soup_server_message_set_status (msg, 200, NULL);
      text = g_strdup ("{\"db_name\": \"db\"}");
    }
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
collect_refused_rows (GtkWidget *widget,
                      GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_has_css_class (widget, "refused"))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_refused_rows (child, rows);
}

static gboolean
service_refuses (gpointer data)
{
  RdSyncService *service = data;

  return rd_sync_service_get_state (service) == RD_SYNC_STATE_UP_TO_DATE &&
         rd_sync_service_get_refused (service) != NULL;
}

static void
test_preferences_refused (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (path, NULL, &error);
  g_autoptr(RdContext) context = rd_context_new (NULL);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoslist(GUri) uris = NULL;
  g_autofree char *url = NULL;
  Refusing refusing = { NULL, NULL };
  RdSyncService *service;
  GtkWidget *window;
  GtkWidget *page;

  g_assert_no_error (error);
  g_assert_true (rd_store_fill_sample (store, 2, 7, NULL));
  accounts = rd_store_list_documents (store, "account", NULL, NULL, NULL);
  {
    g_autoptr(JsonObject) doc = NULL;
    g_autoptr(JsonNode) node = NULL;

    refusing.id = g_strdup (json_object_get_string_member (g_ptr_array_index (accounts, 0), "_id"));
    doc = rd_store_get_document (store, refusing.id, NULL);
    json_object_set_string_member (doc, "_rev", "2-bad");
    json_object_set_string_member (doc, "name", "");
    json_object_set_string_member (doc, "updated_at", "2099-01-01T00:00:00Z");
    node = json_node_init_object (json_node_alloc (), doc);
    refusing.invalid = json_to_string (node, FALSE);
  }

  soup_server_add_handler (server, NULL, on_refusing_request_cb, &refusing, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/db", g_uri_get_port (uris->data));

  g_assert_true (rd_store_set_setting (store, RD_SYNC_SETTING_URL, url, NULL));
  g_assert_true (rd_store_set_setting (store, RD_SYNC_SETTING_USER, "ann", NULL));
  rd_context_set_store (context, store);
  service = rd_context_get_sync_service (context);

  window = adw_preferences_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 900);
  page = rd_sync_preferences_new (service);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));

  /* Nothing refused yet: no row. */
  collect_refused_rows (page, rows);
  g_assert_cmpuint (rows->len, ==, 0);

  rd_sync_service_set_session_password (service, "Pa55-w0rd");
  rd_sync_service_reload (service);
  if (!rd_test_spin_until (service_refuses, service, 30000))
    g_error ("no refused record after 30 s: state %d (%s)", rd_sync_service_get_state (service),
             rd_sync_service_get_last_error (service));

  collect_refused_rows (page, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  {
    GtkWidget *row = g_ptr_array_index (rows, 0);
    const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

    g_test_message ("%s", title);
    g_assert_cmpstr (title, ==, rd_sync_service_get_refused (service));
    g_assert_nonnull (strstr (title, refusing.id));
    g_assert_true (rd_test_widget_mapped (row));
    g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  }
  rd_test_save_screenshot (window, "sync-refused.png", TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_spin_for (100);
  g_clear_object (&context);
  g_clear_object (&store);
  soup_server_disconnect (server);
  g_free (refusing.id);
  g_free (refusing.invalid);
  rd_test_remove_tree (dir);
}

static void
test_indicator (void)
{
  struct {
    RdSyncState state;
    double progress;
    const char *description;
    const char *reason;
  } states[] = {
    { RD_SYNC_STATE_UP_TO_DATE, 1.0, "Up to date, last synced at 14:02", "pulled 3, pushed 1" },
    { RD_SYNC_STATE_SYNCING, 0.4, "Syncing… 40 %", NULL },
    { RD_SYNC_STATE_OFFLINE, 0.0, "Offline, retrying at 14:05",
      "Cannot reach https://couch.example.com/renewals: Connection refused" },
    { RD_SYNC_STATE_ERROR, 0.0, "Wrong user name or password for https://couch.example.com/renewals",
      "Wrong user name or password for https://couch.example.com/renewals" },
  };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *last = NULL;
  GtkWidget *hidden = rd_sync_indicator_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 420, -1);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      GtkWidget *header = adw_header_bar_new ();
      GtkWidget *indicator = rd_sync_indicator_new ();

      adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), gtk_label_new (states[i].description));
      adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
      adw_header_bar_pack_end (ADW_HEADER_BAR (header), indicator);
      _rd_sync_indicator_show (RD_SYNC_INDICATOR (indicator), states[i].state, states[i].progress,
                               states[i].description, states[i].reason);
      g_assert_true (gtk_widget_get_visible (indicator));
      gtk_box_append (GTK_BOX (box), header);
      last = indicator;
    }
  /* Not configured: hidden. */
  _rd_sync_indicator_show (RD_SYNC_INDICATOR (hidden), RD_SYNC_STATE_DISABLED, 0, "", NULL);
  g_assert_false (gtk_widget_get_visible (hidden));
  g_object_ref_sink (hidden);
  g_object_unref (hidden);

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  rd_test_save_screenshot (window, "sync-indicator.png", TRUE);

  /* The error's popover: the reason and Retry. */
  gtk_widget_activate (gtk_widget_get_first_child (last));
  g_assert_true (rd_test_spin_until (popover_shown, gtk_widget_get_first_child (last), 5000));
  {
    GtkWidget *button = gtk_widget_get_first_child (last);
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
    rd_test_save_screenshot (GTK_WIDGET (popover), "sync-indicator-popover.png", TRUE);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  rd_views_init ();

  g_test_add_func ("/sync-ui/preferences", test_preferences);
  g_test_add_func ("/sync-ui/preferences/refused", test_preferences_refused);
  g_test_add_func ("/sync-ui/indicator", test_indicator);

  return g_test_run ();
}
