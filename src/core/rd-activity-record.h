/* rd-activity-record.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"

G_BEGIN_DECLS

/*
 * One dated entry of an account's activity log: a call, a mail, a meeting
 * or a note, what we did and how the customer answered, optionally tied to
 * a delay and to the stakeholder spoken to.
 */

#define RD_TYPE_ACTIVITY_RECORD (rd_activity_record_get_type ())

G_DECLARE_FINAL_TYPE (RdActivityRecord, rd_activity_record, RD, ACTIVITY_RECORD, RdRecord)

/* A new entry of @kind on @on ("YYYY-MM-DD") for @account_id. */
RdActivityRecord *rd_activity_record_new (const char     *account_id,
                                          const char     *on,
                                          RdActivityKind  kind);
/* Newest first: by day, then by creation (the ids of the same day keep
 * the order they were listed in). */
void              rd_activity_record_sort_newest_first (GPtrArray *activities);


const char  *rd_activity_record_get_account_id     (RdActivityRecord *self);
/* The delay this entry belongs to, or NULL. */
const char  *rd_activity_record_get_delay_id       (RdActivityRecord *self);
void         rd_activity_record_set_delay_id       (RdActivityRecord *self,
                                                    const char       *delay_id);
/* Who we spoke to, or NULL. */
const char  *rd_activity_record_get_contact_id     (RdActivityRecord *self);
void         rd_activity_record_set_contact_id     (RdActivityRecord *self,
                                                    const char       *contact_id);
/* "YYYY-MM-DD". */
const char  *rd_activity_record_get_on             (RdActivityRecord *self);
void         rd_activity_record_set_on             (RdActivityRecord *self,
                                                    const char       *on);
/* An RdActivityKind, or -1 when missing. */
int          rd_activity_record_get_kind           (RdActivityRecord *self);
void         rd_activity_record_set_kind           (RdActivityRecord *self,
                                                    int kind);
/* What we did or said. */
const char  *rd_activity_record_get_summary        (RdActivityRecord *self);
void         rd_activity_record_set_summary        (RdActivityRecord *self,
                                                    const char       *summary);
/* What the customer answered. */
const char  *rd_activity_record_get_their_response (RdActivityRecord *self);
void         rd_activity_record_set_their_response (RdActivityRecord *self,
                                                    const char       *their_response);

G_END_DECLS
