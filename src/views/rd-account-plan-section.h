/* rd-account-plan-section.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account-pane.h"
#include "rd-account.h"
#include "rd-enums.h"
#include "rd-plan-record.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_PLAN_SECTION (rd_account_plan_section_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountPlanSection, rd_account_plan_section, RD, ACCOUNT_PLAN_SECTION, RdAccountPane)

/*
 * The Plan & Bridges section of the account page: the customer's concerns
 * (RdConcernList), the newest recovery plan (RdPlanView) and the bridge
 * options (RdBridgeCalculator).  The page loads the account's plans and
 * delays and says which plan is the newest and which open delay a new
 * plan would start from; "account.start-plan" starts one.
 */
/* The account shown; with @is_new (not stored yet) nothing of it shows. */
void       rd_account_plan_section_set_account     (RdAccountPlanSection *self,
                                                    RdAccount            *account,
                                                    gboolean              is_new);
/* The same account, changed (a bridge may have moved its end). */
void       rd_account_plan_section_update_account  (RdAccountPlanSection *self,
                                                    RdAccount            *account);
/* The newest plan (or NULL), and the latest open delay and its cause,
 * which a new plan starts from (NULL: none open). */
void       rd_account_plan_section_show_plan       (RdAccountPlanSection *self,
                                                    RdPlanRecord         *plan,
                                                    const char           *delay_id,
                                                    RdCause               cause);
/* Starts a plan from the template for the latest open delay's cause. */
void       rd_account_plan_section_start_plan      (RdAccountPlanSection *self,
                                                    const char           *today);
void       rd_account_plan_section_reload_bridges  (RdAccountPlanSection *self);
void       rd_account_plan_section_reload_concerns (RdAccountPlanSection *self);
void       rd_account_plan_section_reload_plan     (RdAccountPlanSection *self);
/* The bridge options, for "account.show-section('bridges')" to scroll to. */
GtkWidget *rd_account_plan_section_get_bridges     (RdAccountPlanSection *self);

G_END_DECLS
