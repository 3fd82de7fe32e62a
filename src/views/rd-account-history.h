/* rd-account-history.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account-pane.h"
#include "rd-activity-log.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_HISTORY (rd_account_history_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountHistory, rd_account_history, RD, ACCOUNT_HISTORY, RdAccountPane)

/*
 * The History section of the account page: the account's timeline of
 * changes, newest first, one RdHistoryRow each, bound to a list model.
 *
 * This is also where the account's activity log (the dated calls, emails
 * and meetings, the "activity" documents) is meant to show: a group of its
 * own above the changes, with its own model and row class, loaded with
 * the changes in rd_account_history_reload().
 */
/* The account whose history shows; NULL (or a new account) shows none. */
void rd_account_history_set_account_id (RdAccountHistory *self,
                                        const char       *account_id);
void rd_account_history_reload         (RdAccountHistory *self);
/* The account's dated activity log, above the changes. */
RdActivityLog *rd_account_history_get_activity_log (RdAccountHistory *self);

G_END_DECLS
