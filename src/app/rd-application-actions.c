/* rd-application-actions.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-application-private.h"
#include "rd-preferences-window.h"

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Closing the windows lets them save pending edits and their size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);

  g_application_quit (app);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Renewal Desk developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", PACKAGE_NAME,
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Renewal Desk developers"),
                        "developers", developers,
                        "copyright", "© 2026 The Renewal Desk developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Keep an account portfolio's renewals from slipping: "
                                      "contracts, stakeholders and renewal dates in one place."),
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
open_reminder_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  _rd_application_open_reminder (RD_APPLICATION (user_data), g_variant_get_string (parameter, NULL));
}

static void
show_reminders_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  _rd_application_show_reminders (RD_APPLICATION (user_data));
}

/* The notification buttons: they work without opening the window. */
static void
snooze_reminder_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  _rd_application_reminder_action (RD_APPLICATION (user_data), "snooze-reminder",
                                   g_variant_get_string (parameter, NULL));
}

static void
reminder_done_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  _rd_application_reminder_action (RD_APPLICATION (user_data), "reminder-done",
                                   g_variant_get_string (parameter, NULL));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RdApplication *self = RD_APPLICATION (user_data);
  RdPreferencesWindow *window;

  window = rd_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                      self->context);

  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "open-reminder", open_reminder_action, "s" },
  { "preferences", preferences_action },
  { "quit", quit_action },
  { "reminder-done", reminder_done_action, "s" },
  { "show-reminders", show_reminders_action },
  { "snooze-reminder", snooze_reminder_action, "s" },
};

void
_rd_application_actions_init (RdApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  /* What GtkApplication sets when it finds gtk/help-overlay.ui itself. */
  static const char *help_overlay_accels[] = { "<Control>question", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_overlay_accels);
}
