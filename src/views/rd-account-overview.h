/* rd-account-overview.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account-pane.h"
#include "rd-account.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_OVERVIEW (rd_account_overview_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountOverview, rd_account_overview, RD, ACCOUNT_OVERVIEW, RdAccountPane)

/*
 * The first section of the account page: where the renewal stands (the
 * deadline, stage, risk, the open delay with its class and reasons, the
 * commitments, the next reminder) and what to do today, with buttons for
 * the page's and window's actions that do it.  It reads the delays the
 * page lists ("delays") and classifies the open one with the same
 * classifier the delay editor uses.
 */
RdAccount  *rd_account_overview_get_account     (RdAccountOverview *self);
void        rd_account_overview_set_account     (RdAccountOverview *self,
                                                 RdAccount         *account);
GListModel *rd_account_overview_get_delays      (RdAccountOverview *self);
void        rd_account_overview_set_delays      (RdAccountOverview *self,
                                                 GListModel        *delays);
/* Reads the open delay's context and the reminders again. */
void        rd_account_overview_reload          (RdAccountOverview *self);
/* Focuses the action the overview recommends; FALSE when none can take focus. */
gboolean    rd_account_overview_focus_action    (RdAccountOverview *self);

/* For tests: the class shown for the open delay (-1 for none), the
 * recommendation's title, and how often it was read again. */
int         _rd_account_overview_get_open_class (RdAccountOverview *self);
const char *_rd_account_overview_get_advice     (RdAccountOverview *self);
guint       _rd_account_overview_get_n_reloads  (RdAccountOverview *self);

G_END_DECLS
