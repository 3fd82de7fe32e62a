/* rd-reminder-dialog.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * "New Reminder": what, for which account, and when, with the day picked
 * on a calendar and the time on two spin buttons.  The "add" response is
 * only enabled while there is something to remind of.  The dialog writes
 * nothing: its caller reads the answer on "add".
 */

#define RD_TYPE_REMINDER_DIALOG (rd_reminder_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdReminderDialog, rd_reminder_dialog, RD, REMINDER_DIALOG, AdwMessageDialog)

/* @account_id (a bare uuid, or NULL) is selected once the accounts are
 * given; @due (local) is the day and time first shown. */
RdReminderDialog *rd_reminder_dialog_new            (GtkWindow        *parent,
                                                     const char       *account_id,
                                                     GDateTime        *due);
/* The accounts to choose from: a GPtrArray of RdAccount. */
void              rd_reminder_dialog_set_accounts   (RdReminderDialog *self,
                                                     GPtrArray        *accounts);
/* The selected account's bare uuid, or NULL for "No account". */
const char       *rd_reminder_dialog_get_account_id (RdReminderDialog *self);
/* What to remind of, without surrounding space. */
char             *rd_reminder_dialog_dup_title      (RdReminderDialog *self);
/* The chosen day and time, in local time. */
GDateTime        *rd_reminder_dialog_dup_due        (RdReminderDialog *self);
/* The chosen day, as "YYYY-MM-DD". */
char             *rd_reminder_dialog_dup_date       (RdReminderDialog *self);

G_END_DECLS
