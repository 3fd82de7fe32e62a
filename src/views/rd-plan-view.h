/* rd-plan-view.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-account-pane.h"
#include "rd-plan-record.h"

G_BEGIN_DECLS

#define RD_TYPE_PLAN_VIEW (rd_plan_view_get_type ())

G_DECLARE_FINAL_TYPE (RdPlanView, rd_plan_view, RD, PLAN_VIEW, RdAccountPane)

/*
 * One conditional recovery plan: its condition (timeframe, check-in
 * frequency, what counts as progress, the customer's answer), its status
 * with progress, and its steps in three columns (48 hours, 30 days,
 * 60–90 days) with owner, due date, done toggle and the concern each one
 * addresses.  Every edit is written with rd_records_save_async().
 * Actions: "plan.set-status" (s: status id), "plan.toggle-step" (s: step
 * _id), "plan.edit-step" (s), "plan.add-step" (s: horizon id).
 */
/* Shows @plan (copied); NULL clears the view. */
void          rd_plan_view_set_plan    (RdPlanView   *self,
                                        RdPlanRecord *plan);
RdPlanRecord *rd_plan_view_get_plan    (RdPlanView   *self);
/* Reloads the steps and the account's concerns. */
void          rd_plan_view_reload      (RdPlanView   *self);

/* For tests: the steps shown (RdPlanStepRecord). */
GPtrArray    *_rd_plan_view_get_steps  (RdPlanView   *self);

G_END_DECLS
