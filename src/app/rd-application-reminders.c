/* rd-application-reminders.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "rd-application-private.h"
#include "rd-reminder-refresh.h"
#include "rd-window.h"

static void
read_prefs (RdApplication   *self,
            RdReminderPrefs *prefs)
{
  rd_reminder_prefs_load_settings (prefs, rd_context_get_settings (self->context));
}

static void
update_background (RdApplication *self)
{
  GSettings *settings = rd_context_get_settings (self->context);
  gboolean on = settings != NULL && g_settings_get_boolean (settings, "run-in-background");

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RD_IS_WINDOW (l->data))
      gtk_window_set_hide_on_close (GTK_WINDOW (l->data), on);

  if (on && !self->background_held)
    {
      self->background_held = TRUE;
      g_application_hold (G_APPLICATION (self));
    }
  else if (!on && self->background_held)
    {
      self->background_held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

static void
on_background_requested_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(RdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error))
    g_warning ("The background portal did not allow running in the background: %s",
               error->message);
}

/* In a sandbox (Flatpak) running in the background and starting at login
 * go through the Background portal, which asks the user once; outside,
 * an XDG autostart entry does it (_rd_application_set_autostart ()). */
static void
request_background (RdApplication *self,
                    gboolean       enabled)
{
  g_autoptr(XdpPortal) portal = xdp_portal_new ();
  g_autoptr(GPtrArray) commandline = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *reason = g_strdup (_("Renewal Desk delivers renewal reminders while its window is closed."));
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  XdpParent *parent = window != NULL ? xdp_parent_new_gtk (window) : NULL;

  g_ptr_array_add (commandline, g_strdup ("renewal-desk"));
  g_ptr_array_add (commandline, g_strdup ("--background"));
  xdp_portal_request_background (portal, parent, reason, commandline,
                                 XDP_BACKGROUND_FLAG_ACTIVATABLE |
                                 (enabled ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE),
                                 self->cancellable, on_background_requested_cb, g_object_ref (self));
  g_clear_pointer (&parent, xdp_parent_free);
}

static void
on_settings_changed_cb (RdApplication *self,
                        const char    *key,
                        GSettings     *settings)
{
  g_assert (RD_IS_APPLICATION (self));

  if (g_str_equal (key, "run-in-background"))
    {
      g_autoptr(GError) error = NULL;

      update_background (self);
      if (xdp_portal_running_under_sandbox ())
        request_background (self, g_settings_get_boolean (settings, key));
      else if (!_rd_application_set_autostart (g_settings_get_boolean (settings, key), &error))
        g_warning ("Could not update the autostart entry: %s", error->message);
    }
  else if (self->scheduler != NULL && g_str_equal (key, "notify-reminders"))
    rd_reminder_scheduler_set_enabled (self->scheduler, g_settings_get_boolean (settings, key));
  else if (self->scheduler != NULL)
    {
      RdReminderPrefs prefs;

      read_prefs (self, &prefs);
      rd_reminder_scheduler_set_prefs (self->scheduler, &prefs);
    }
}

/* The window let the store go: its file turned out damaged after the first
 * frame (rd_store_new_check_later_async ()).  The scheduler lets it go too,
 * so that it is closed before the file can be moved aside. */
static void
on_context_store_changed_cb (RdApplication *self,
                             GParamSpec    *pspec,
                             RdContext     *context)
{
  g_assert (RD_IS_APPLICATION (self));

  if (rd_context_get_store (context) == NULL && self->scheduler != NULL)
    {
      g_message ("No reminders: the database is damaged");
      g_clear_object (&self->scheduler);
      self->store_failed = TRUE;
    }
}

static gboolean
start_scheduler_cb (gpointer data)
{
  RdApplication *self = data;

  /* Deriving reads every account: not at the same time as the portfolio
   * reads its own copy of them (both would be in memory at once). */
  if (self->loading_window != NULL &&
      !rd_window_get_book_complete (RD_WINDOW (self->loading_window)))
    return G_SOURCE_CONTINUE;

  g_clear_weak_pointer (&self->loading_window);
  if (self->scheduler != NULL)
    rd_reminder_scheduler_start (self->scheduler);

  return G_SOURCE_REMOVE;
}

static void
on_window_ready_cb (RdApplication *self,
                    RdWindow      *window)
{
  g_assert (RD_IS_APPLICATION (self));

  g_set_weak_pointer (&self->loading_window, GTK_WINDOW (window));
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT_IDLE, 2, start_scheduler_cb,
                              g_object_ref (self), g_object_unref);
}

static void
store_pages_checked_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(RdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rd_store_check_pages_finish (RD_STORE (object), result, &error))
    {
      if (self->scheduler != NULL)
        rd_reminder_scheduler_start (self->scheduler);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A window opened later opens the file itself, and reports on it. */
  g_message ("No reminders: %s", error->message);
  g_clear_object (&self->scheduler);
  self->store_failed = TRUE;
  if (rd_context_get_store (self->context) == RD_STORE (object))
    rd_context_set_store (self->context, NULL);
}

/* Without a window nobody has checked the file's pages yet (see
 * _rd_application_reminders_startup ()): deriving writes. */
static void
start_scheduler_after_check (RdApplication *self)
{
  rd_store_check_pages_async (rd_context_get_store (self->context), self->cancellable,
                              store_pages_checked_cb, g_object_ref (self));
}

static void
run_reminder_action (RdApplication *self,
                     const char    *action,
                     const char    *id)
{
  if (g_str_equal (action, "reminder-done"))
    rd_reminder_scheduler_done (self->scheduler, id);
  else
    rd_reminder_scheduler_snooze (self->scheduler, id, G_TIME_SPAN_HOUR);
}

/* The actions that arrived before the store was open; each held the
 * application until now. */
static void
run_pending_actions (RdApplication *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending_actions);

  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      GVariant *item = g_ptr_array_index (pending, i);
      const char *action, *id;

      g_variant_get (item, "(&s&s)", &action, &id);
      if (self->scheduler != NULL)
        run_reminder_action (self, action, id);
      g_application_release (G_APPLICATION (self));
    }
}

static void
store_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  RdReminderPrefs prefs;

  /* Whatever happens, the window (if one is waiting) is presented below
   * before the hold taken while opening is let go. */
  store = rd_store_new_finish (result, &error);
  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          run_pending_actions (self);
          g_application_release (G_APPLICATION (self));
          return;
        }

      /* The window says what is wrong and offers a way out. */
      g_message ("No reminders: %s", error->message);
      self->store_failed = TRUE;
    }
  else
    {
      GSettings *settings = rd_context_get_settings (self->context);

      rd_context_set_store (self->context, store);
      g_signal_connect_object (self->context, "notify::store",
                               G_CALLBACK (on_context_store_changed_cb), self, G_CONNECT_SWAPPED);
      read_prefs (self, &prefs);
      self->scheduler = rd_reminder_scheduler_new (G_APPLICATION (self), store,
                                                   rd_context_get_clock (self->context));
      rd_reminder_scheduler_set_prefs (self->scheduler, &prefs);
      rd_reminder_scheduler_set_enabled (self->scheduler,
                                         settings == NULL ||
                                         g_settings_get_boolean (settings, "notify-reminders"));
    }

  run_pending_actions (self);

  if (self->present_pending)
    _rd_application_present_window (self);

  if (self->scheduler != NULL)
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      /* Deriving reads the whole book: let the window paint its first
       * screen and load the portfolio first.  Without a window (in the
       * background) there is nothing to wait for. */
      if (window != NULL)
        g_signal_connect_object (window, "ready", G_CALLBACK (on_window_ready_cb), self,
                                 G_CONNECT_SWAPPED);
      else
        start_scheduler_after_check (self);
    }

  g_application_release (G_APPLICATION (self));
}

static GtkWindow *
ensure_window (RdApplication *self)
{
  g_application_activate (G_APPLICATION (self));

  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

void
_rd_application_reminders_startup (RdApplication *self)
{
  g_autofree char *default_path = NULL;
  const char *path;
  GSettings *settings;

  /* The one context of this process: the window gets it too. */
  self->context = rd_context_new (NULL);
  settings = rd_context_get_settings (self->context);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb),
                             self, G_CONNECT_SWAPPED);

  self->cancellable = g_cancellable_new ();
  update_background (self);

  if (self->db_path == NULL)
    default_path = rd_store_default_path ();
  /* Opening is asynchronous: without a hold the application would have no
   * window yet and quit as soon as activate returned.  A window reads every
   * page of the file (to report damage) after its first frame, which needs
   * none of that; without one (in the background, or started for a
   * notification's button) the open reads them. */
  g_application_hold (G_APPLICATION (self));
  path = self->db_path ? self->db_path : default_path;
  if (self->background || (g_application_get_flags (G_APPLICATION (self)) & G_APPLICATION_IS_SERVICE))
    rd_store_new_async (path, self->cancellable, store_ready_cb, g_object_ref (self));
  else
    rd_store_new_check_later_async (path, self->cancellable, store_ready_cb, g_object_ref (self));
}

void
_rd_application_reminders_shutdown (RdApplication *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->pending_actions, g_ptr_array_unref);
  g_clear_weak_pointer (&self->loading_window);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
}

void
_rd_application_reminders_track (RdApplication *self,
                                 GtkWindow     *window)
{
  GSettings *settings = rd_context_get_settings (self->context);

  gtk_window_set_hide_on_close (window, settings != NULL &&
                                        g_settings_get_boolean (settings, "run-in-background"));
}

void
_rd_application_open_reminder (RdApplication *self,
                               const char    *id)
{
  GPtrArray *open = self->scheduler ? rd_reminder_scheduler_get_open (self->scheduler) : NULL;
  const char *account_id = NULL;
  GtkWindow *window;

  for (guint i = 0; open != NULL && i < open->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (open, i);

      if (g_strcmp0 (rd_reminder_get_uuid (reminder), id) == 0)
        account_id = json_object_get_string_member_with_default (reminder, "account_id", NULL);
    }

  window = ensure_window (self);
  if (window == NULL)
    return;

  if (account_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "window.open-account", "s", account_id);
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "window.show-reminders", NULL);
}

void
_rd_application_reminder_action (RdApplication *self,
                                 const char    *action,
                                 const char    *id)
{
  g_assert (RD_IS_APPLICATION (self));

  if (self->scheduler != NULL)
    {
      run_reminder_action (self, action, id);
      return;
    }
  if (self->store_failed)
    return;

  /* Started by D-Bus for this very action: the store is still opening. */
  if (self->pending_actions == NULL)
    self->pending_actions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_ptr_array_add (self->pending_actions, g_variant_ref_sink (g_variant_new ("(ss)", action, id)));
  g_application_hold (G_APPLICATION (self));
}

void
_rd_application_show_reminders (RdApplication *self)
{
  GtkWindow *window = ensure_window (self);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "window.show-reminders", NULL);
}

gboolean
_rd_application_set_autostart (gboolean   enabled,
                               GError   **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autofree char *path = g_build_filename (dir, APP_ID ".desktop", NULL);
  g_autofree char *contents = NULL;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s: %s", path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  contents = g_strdup_printf ("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=%s\n"
                              "Comment=%s\n"
                              "Exec=renewal-desk --background\n"
                              "Icon=%s\n"
                              "Terminal=false\n"
                              "NoDisplay=true\n"
                              "X-GNOME-Autostart-enabled=true\n",
                              _("Renewal Desk"),
                              _("Delivers renewal reminders in the background"),
                              APP_ID);

  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
