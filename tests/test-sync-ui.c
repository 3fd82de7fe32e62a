/* test-sync-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Sync preferences page and the header-bar indicator in each state;
 * screenshots sync-preferences.png and sync-indicator.png in
 * G_TEST_BUILDDIR.
 */

#include "config.h"

#include <adwaita.h>

#include "rd-store.h"
#include "rd-sync-command.h"
#include "rd-sync-indicator.h"
#include "rd-sync-preferences.h"
#include "rd-sync-service.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-window.h"

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
  for (int i = 0; i < 200 && rd_sync_service_get_state (service) != RD_SYNC_STATE_ERROR; i++)
    rd_test_spin_for (20);
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
  rd_test_spin_for (300);
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
  g_test_add_func ("/sync-ui/indicator", test_indicator);

  return g_test_run ();
}
