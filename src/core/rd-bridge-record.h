/* rd-bridge-record.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"
#include "rd-pricing.h"

G_BEGIN_DECLS

/*
 * A bridge offered to keep the customer while they decide (an extension,
 * month-to-month, a paid pilot, a grace period), the "bridge" document.
 */

#define RD_TYPE_BRIDGE_RECORD (rd_bridge_record_get_type ())

G_DECLARE_FINAL_TYPE (RdBridgeRecord, rd_bridge_record, RD, BRIDGE_RECORD, RdRecord)

/* A proposed bridge of @quote's kind and price (rd_bridge_new_document()). */
RdBridgeRecord *rd_bridge_record_new_proposal    (const char          *account_id,
                                                  const RdBridgeQuote *quote,
                                                  const char          *today);
/* The day it got its status: proposed_on, accepted_on or declined_on. */
const char     *rd_bridge_record_get_status_on   (RdBridgeRecord      *self);

const char     *rd_bridge_record_get_account_id  (RdBridgeRecord      *self);
/* An RdBridgeKind, or -1 when missing. */
int             rd_bridge_record_get_kind        (RdBridgeRecord      *self);
void            rd_bridge_record_set_kind        (RdBridgeRecord      *self,
                                                  int                  kind);
/* RD_BRIDGE_STATUS_PROPOSED when missing. */
RdBridgeStatus  rd_bridge_record_get_status      (RdBridgeRecord      *self);
void            rd_bridge_record_set_status      (RdBridgeRecord      *self,
                                                  RdBridgeStatus       status);
/* In the account's currency, minor units. */
gint64          rd_bridge_record_get_price_minor (RdBridgeRecord      *self);
void            rd_bridge_record_set_price_minor (RdBridgeRecord      *self,
                                                  gint64               price_minor);
const char     *rd_bridge_record_get_starts_on   (RdBridgeRecord      *self);
void            rd_bridge_record_set_starts_on   (RdBridgeRecord      *self,
                                                  const char          *starts_on);
const char     *rd_bridge_record_get_ends_on     (RdBridgeRecord      *self);
void            rd_bridge_record_set_ends_on     (RdBridgeRecord      *self,
                                                  const char          *ends_on);
const char     *rd_bridge_record_get_proposed_on (RdBridgeRecord      *self);
void            rd_bridge_record_set_proposed_on (RdBridgeRecord      *self,
                                                  const char          *proposed_on);
const char     *rd_bridge_record_get_accepted_on (RdBridgeRecord      *self);
void            rd_bridge_record_set_accepted_on (RdBridgeRecord      *self,
                                                  const char          *accepted_on);
const char     *rd_bridge_record_get_declined_on (RdBridgeRecord      *self);
void            rd_bridge_record_set_declined_on (RdBridgeRecord      *self,
                                                  const char          *declined_on);

G_END_DECLS
