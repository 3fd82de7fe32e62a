/* rd-reminders-view.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

/*
 * The Reminders page: the open reminders in four sections (Overdue, Today,
 * This Week, Later), each with Done, Snooze and Open Account; an empty
 * state; and "New Reminder…" for a manual one.  "n-urgent" (overdue plus
 * today) drives the sidebar badge.
 */

#define RD_TYPE_REMINDERS_VIEW (rd_reminders_view_get_type ())

G_DECLARE_FINAL_TYPE (RdRemindersView, rd_reminders_view, RD, REMINDERS_VIEW, AdwBin)

/* "context": the store to show and the clock that says what is due. */
RdContext  *rd_reminders_view_get_context  (RdRemindersView *self);
void        rd_reminders_view_set_context  (RdRemindersView *self,
                                            RdContext       *context);
guint       rd_reminders_view_get_n_urgent (RdRemindersView *self);
guint       rd_reminders_view_get_n_open   (RdRemindersView *self);
gboolean    rd_reminders_view_get_loaded   (RdRemindersView *self);
void        rd_reminders_view_reload       (RdRemindersView *self);
/* Opens the "New Reminder" dialog, with @account_id preselected (or NULL). */
void        rd_reminders_view_new_reminder (RdRemindersView *self,
                                            const char      *account_id);
/* File → Export Reminders…: asks for a file, writes iCalendar, toasts. */
void        rd_reminders_view_export       (RdRemindersView *self);

G_END_DECLS
