/* rd-bridge-calculator.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-account-pane.h"
#include "rd-concessions.h"

G_BEGIN_DECLS

#define RD_TYPE_BRIDGE_CALCULATOR (rd_bridge_calculator_get_type ())

G_DECLARE_FINAL_TYPE (RdBridgeCalculator, rd_bridge_calculator, RD, BRIDGE_CALCULATOR, RdAccountPane)

/*
 * Prices every bridge option from the account's contract (rd-pricing.h)
 * with the premium, pilot reduction and fee adjustable, and records them:
 * "bridge.propose" (i: RdBridgeKind), "bridge.accept" and "bridge.decline"
 * (s: the bridge's _id), "bridge.keep" (s: an accepted bridge that
 * overlaps others, which are withdrawn).  Accepting a bridge writes the
 * bridge and the account's effective end in one transaction; an overlapping
 * acceptance is refused.  Below the options, the concession ledger.
 * The pane's "context" gives the store and the pricing settings.
 */
/* Shows @account (not copied: the page's copy, refreshed by the page). */
void       rd_bridge_calculator_set_account (RdBridgeCalculator *self,
                                             RdAccount          *account);
/* Reloads the recorded bridges. */
void       rd_bridge_calculator_reload      (RdBridgeCalculator *self);

/* For tests: the recorded bridges (RdBridgeRecord), and the price shown for @kind. */
GPtrArray  *_rd_bridge_calculator_get_bridges (RdBridgeCalculator *self);
const char *_rd_bridge_calculator_get_price   (RdBridgeCalculator *self,
                                               int                 kind);
/* For tests: the concession ledger shown, and the early-renewal row's subtitle. */
RdConcessionLedger *_rd_bridge_calculator_dup_ledger (RdBridgeCalculator *self);
const char *_rd_bridge_calculator_get_early   (RdBridgeCalculator *self);

G_END_DECLS
