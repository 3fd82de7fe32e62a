/* rd-application-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-application.h"
#include "rd-context.h"
#include "rd-reminder-scheduler.h"

G_BEGIN_DECLS

struct _RdApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  guint           background : 1;
  guint           held : 1;

  /* The store (shared by the scheduler and the window), the clock, the
   * settings and the sync service: created at startup, handed to the
   * window.  Reminders and running in the background:
   * rd-application-reminders.c */
  RdContext           *context;
  RdReminderScheduler *scheduler;
  GCancellable        *cancellable;
  guint                store_failed : 1;
  guint                present_pending : 1;
  guint                background_held : 1;
  /* Done and Snooze from a notification that started the process (through
   * D-Bus) before the store was open: "(ss)" action and reminder id. */
  GPtrArray           *pending_actions;
  /* The window whose portfolio is still reading the book: the scheduler
   * waits for it (a weak pointer). */
  GtkWindow           *loading_window;
};

void       _rd_application_actions_init        (RdApplication *self);
void       _rd_application_present_window      (RdApplication *self);

void       _rd_application_reminders_startup   (RdApplication *self);
void       _rd_application_reminders_shutdown  (RdApplication *self);
/* Hide on close when running in the background. */
void       _rd_application_reminders_track     (RdApplication *self,
                                                GtkWindow     *window);
void       _rd_application_open_reminder       (RdApplication *self,
                                                const char    *id);
void       _rd_application_show_reminders      (RdApplication *self);
/* "reminder-done" or "snooze-reminder" for @id: now, or once the store is open. */
void       _rd_application_reminder_action     (RdApplication *self,
                                                const char    *action,
                                                const char    *id);
/* $XDG_CONFIG_HOME/autostart/<app id>.desktop, written or removed. */
gboolean   _rd_application_set_autostart       (gboolean       enabled,
                                                GError       **error);

G_END_DECLS
