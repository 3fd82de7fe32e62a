/* rd-reminder-record.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"

G_BEGIN_DECLS

/*
 * A reminder, the "reminder" document: derived from a delay, plan, bridge
 * or loss (@source_id), or written by hand ("manual").  Reminders are
 * derived and marked done or snoozed by rd-reminders.h; this is how a view
 * reads them.
 */

#define RD_TYPE_REMINDER_RECORD (rd_reminder_record_get_type ())

G_DECLARE_FINAL_TYPE (RdReminderRecord, rd_reminder_record, RD, REMINDER_RECORD, RdRecord)

/* When it is due: snoozed_until when snoozed, else due_at; NULL when
 * neither is a valid instant.  (transfer full) */
GDateTime     *rd_reminder_record_get_effective_due (RdReminderRecord *self);
/* The translated label of its kind: "Reconnect", "Plan step", … */
const char    *rd_reminder_record_get_kind_label    (RdReminderRecord *self);

/* The account's bare UUID, or NULL. */
const char    *rd_reminder_record_get_account_id    (RdReminderRecord *self);
RdReminderKind rd_reminder_record_get_kind          (RdReminderRecord *self);
const char    *rd_reminder_record_get_source_id     (RdReminderRecord *self);
/* UTC ISO 8601 instants, or NULL. */
const char    *rd_reminder_record_get_due_at        (RdReminderRecord *self);
void           rd_reminder_record_set_due_at        (RdReminderRecord *self,
                                                     const char       *due_at);
const char    *rd_reminder_record_get_title         (RdReminderRecord *self);
void           rd_reminder_record_set_title         (RdReminderRecord *self,
                                                     const char       *title);
const char    *rd_reminder_record_get_done_at       (RdReminderRecord *self);
void           rd_reminder_record_set_done_at       (RdReminderRecord *self,
                                                     const char       *done_at);
const char    *rd_reminder_record_get_snoozed_until (RdReminderRecord *self);
void           rd_reminder_record_set_snoozed_until (RdReminderRecord *self,
                                                     const char       *snoozed_until);
const char    *rd_reminder_record_get_notified_at   (RdReminderRecord *self);
void           rd_reminder_record_set_notified_at   (RdReminderRecord *self,
                                                     const char       *notified_at);
/* Not part of the contract: the account's name, added when the open
 * reminders are listed (rd_reminders_list_open()). */
const char    *rd_reminder_record_get_account_name  (RdReminderRecord *self);

G_END_DECLS
