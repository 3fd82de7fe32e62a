/* rd-account-delays.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account-pane.h"
#include "rd-account.h"
#include "rd-delay.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_DELAYS (rd_account_delays_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountDelays, rd_account_delays, RD, ACCOUNT_DELAYS, RdAccountPane)

/*
 * The Delays section of the account page: the delay log, one RdDelayRow
 * each, and the timeline of their date commitments up to the deadline.
 * Both show one list model ("delays", oldest first), which the overview
 * reads too.  Rows run "account.open-delay" and "account.delete-delay";
 * the page routes the latter back to rd_account_delays_delete_delay(),
 * which offers Undo in a toast.
 */
/* The account whose delays show; with @load FALSE (a new account) none. */
void        rd_account_delays_set_account  (RdAccountDelays *self,
                                            RdAccount       *account,
                                            gboolean         load);
/* The same account, changed (its contract end is the timeline's deadline). */
void        rd_account_delays_update_account (RdAccountDelays *self,
                                              RdAccount       *account);
void        rd_account_delays_reload       (RdAccountDelays *self);
/* Of RdDelay, oldest first. */
GListModel *rd_account_delays_get_delays   (RdAccountDelays *self);
/* The listed delay with @id, or NULL. */
RdDelay    *rd_account_delays_find_delay   (RdAccountDelays *self,
                                            const char      *id);
void        rd_account_delays_delete_delay (RdAccountDelays *self,
                                            const char      *id);

G_END_DECLS
