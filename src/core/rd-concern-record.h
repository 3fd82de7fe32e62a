/* rd-concern-record.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"

G_BEGIN_DECLS

/*
 * Something the customer wants fixed, the "concern" document: priority
 * 1 is the most important, must-fix versus nice-to-fix, and whether fixing
 * it would change the renewal decision.
 */

#define RD_TYPE_CONCERN_RECORD (rd_concern_record_get_type ())

G_DECLARE_FINAL_TYPE (RdConcernRecord, rd_concern_record, RD, CONCERN_RECORD, RdRecord)

/* A new concern, neither must-fix nor changing the decision. */
RdConcernRecord *rd_concern_record_new                  (const char      *account_id,
                                                         const char      *title,
                                                         gint64           priority);

const char      *rd_concern_record_get_account_id       (RdConcernRecord *self);
const char      *rd_concern_record_get_title            (RdConcernRecord *self);
void             rd_concern_record_set_title            (RdConcernRecord *self,
                                                         const char      *title);
/* 1 first; G_MAXINT (after every ranked one) when missing. */
gint64           rd_concern_record_get_priority         (RdConcernRecord *self);
void             rd_concern_record_set_priority         (RdConcernRecord *self,
                                                         gint64           priority);
gboolean         rd_concern_record_get_must_fix         (RdConcernRecord *self);
void             rd_concern_record_set_must_fix         (RdConcernRecord *self,
                                                         gboolean         must_fix);
gboolean         rd_concern_record_get_changes_decision (RdConcernRecord *self);
void             rd_concern_record_set_changes_decision (RdConcernRecord *self,
                                                         gboolean         changes_decision);

G_END_DECLS
