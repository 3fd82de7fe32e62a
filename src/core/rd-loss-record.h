/* rd-loss-record.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"

G_BEGIN_DECLS

/*
 * Why an account did not renew and when to try again, the "loss" document
 * (see rd_lifecycle_close_as_lost()).
 */

#define RD_TYPE_LOSS_RECORD (rd_loss_record_get_type ())

G_DECLARE_FINAL_TYPE (RdLossRecord, rd_loss_record, RD, LOSS_RECORD, RdRecord)

/* The loss of @losses (RdLossRecord) that is still open, not reopened
 * (rd_lifecycle_open_loss()); NULL if none. */
RdLossRecord *rd_loss_record_find_open         (GPtrArray    *losses);

const char   *rd_loss_record_get_account_id    (RdLossRecord *self);
/* An RdLossReason, or -1 when missing. */
int           rd_loss_record_get_reason        (RdLossRecord *self);
void          rd_loss_record_set_reason        (RdLossRecord *self,
                                                int           reason);
const char   *rd_loss_record_get_competitor    (RdLossRecord *self);
void          rd_loss_record_set_competitor    (RdLossRecord *self,
                                                const char   *competitor);
const char   *rd_loss_record_get_details       (RdLossRecord *self);
void          rd_loss_record_set_details       (RdLossRecord *self,
                                                const char   *details);
const char   *rd_loss_record_get_retrospective (RdLossRecord *self);
void          rd_loss_record_set_retrospective (RdLossRecord *self,
                                                const char   *retrospective);
/* "YYYY-MM-DD", or NULL. */
const char   *rd_loss_record_get_closed_on     (RdLossRecord *self);
void          rd_loss_record_set_closed_on     (RdLossRecord *self,
                                                const char   *closed_on);
const char   *rd_loss_record_get_reengage_on   (RdLossRecord *self);
void          rd_loss_record_set_reengage_on   (RdLossRecord *self,
                                                const char   *reengage_on);
const char   *rd_loss_record_get_reopened_on   (RdLossRecord *self);
void          rd_loss_record_set_reopened_on   (RdLossRecord *self,
                                                const char   *reopened_on);

G_END_DECLS
