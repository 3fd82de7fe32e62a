/* rd-reminder-row.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-reminder-record.h"

G_BEGIN_DECLS

#define RD_TYPE_REMINDER_ROW (rd_reminder_row_get_type ())

G_DECLARE_FINAL_TYPE (RdReminderRow, rd_reminder_row, RD, REMINDER_ROW, GtkListBoxRow)

/*
 * A reminder on the Reminders page: what, for whom and when (relative to
 * the moment the list was built; the tooltip gives the absolute time).
 * Its buttons activate reminders.open with the account's id,
 * reminders.snooze or reminders.snooze-until with the reminder's id and
 * when, and reminders.done with the reminder's id.  In selection mode it
 * shows a check instead, and is activatable: its list's "row-activated"
 * should toggle the check (rd_reminder_row_toggle ()).  The row is named
 * after the reminder's id; its title and subtitle are its accessible
 * name and description.
 */
GtkWidget        *rd_reminder_row_new                (RdReminderRecord *reminder,
                                                      GDateTime        *now);
/* Counts its "when" from @now again (a row kept across a reload). */
void              rd_reminder_row_set_now            (RdReminderRow    *self,
                                                      GDateTime        *now);
RdReminderRecord *rd_reminder_row_get_reminder       (RdReminderRow    *self);
gboolean          rd_reminder_row_get_selection_mode (RdReminderRow    *self);
void              rd_reminder_row_set_selection_mode (RdReminderRow    *self,
                                                      gboolean          selection_mode);
gboolean          rd_reminder_row_get_selected       (RdReminderRow    *self);
void              rd_reminder_row_set_selected       (RdReminderRow    *self,
                                                      gboolean          selected);
/* In selection mode, ticks the check or clears it; otherwise nothing. */
void              rd_reminder_row_toggle             (RdReminderRow    *self);
const char       *rd_reminder_row_get_subtitle       (RdReminderRow    *self);

G_END_DECLS
