/* rd-account-overview-section.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account-overview.h"
#include "rd-account-pane.h"
#include "rd-account.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_OVERVIEW_SECTION (rd_account_overview_section_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountOverviewSection, rd_account_overview_section, RD, ACCOUNT_OVERVIEW_SECTION, RdAccountPane)

/*
 * The Overview section of the account page: the fold advice banner, the
 * RdAccountOverview (where the renewal stands, what to do today) and the
 * Renewal group (reopen a lost account and what its loss taught, the
 * three options, the levers offered, close as lost).
 *
 * It loads the account's renewal context (delays, plans, steps, bridges,
 * losses) once per change and says through "plan-found" which plan is the
 * newest and which open delay a new plan starts from, for the Plan &
 * Bridges section.  The page's account.* actions run the functions below.
 */
void     rd_account_overview_section_set_account      (RdAccountOverviewSection *self,
                                                       RdAccount                *account,
                                                       gboolean                  is_new);
/* The same account, changed elsewhere (a bridge, closing, sync). */
void     rd_account_overview_section_update_account   (RdAccountOverviewSection *self,
                                                       RdAccount                *account);
void     rd_account_overview_section_set_delays       (RdAccountOverviewSection *self,
                                                       GListModel               *delays);
/* Loads the renewal context again; with @reminders_only just the reminders. */
void     rd_account_overview_section_reload           (RdAccountOverviewSection *self,
                                                       gboolean                  reminders_only);
gboolean rd_account_overview_section_focus_action     (RdAccountOverviewSection *self);

void     rd_account_overview_section_dismiss_fold     (RdAccountOverviewSection *self);
void     rd_account_overview_section_close_lost       (RdAccountOverviewSection *self);
void     rd_account_overview_section_reopen           (RdAccountOverviewSection *self);
void     rd_account_overview_section_three_options    (RdAccountOverviewSection *self);
void     rd_account_overview_section_toggle_lever     (RdAccountOverviewSection *self,
                                                       const char               *lever);

/* For tests: the close-as-lost dialog, while it is open. */
GtkWindow *_rd_account_overview_section_get_close_dialog (RdAccountOverviewSection *self);

G_END_DECLS
