/* rd-plan-record.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"
#include "rd-plan-step-record.h"

G_BEGIN_DECLS

/*
 * A conditional recovery plan (domain.md §4), the "plan" document: its
 * condition (timeframe, check-in frequency, what counts as progress, the
 * customer's answer) and its status.  The rules are those of rd-plan.h.
 */

#define RD_TYPE_PLAN_RECORD (rd_plan_record_get_type ())

G_DECLARE_FINAL_TYPE (RdPlanRecord, rd_plan_record, RD, PLAN_RECORD, RdRecord)

/* A new draft plan (rd_plan_new_document()); @delay_id may be NULL. */
RdPlanRecord     *rd_plan_record_new                   (const char      *account_id,
                                                        const char      *delay_id,
                                                        const char      *started_on);
/* A draft plan for a delay of @cause with its template steps, each due on
 * its horizon's default date (rd_plan_new_from_template()): the plan, then
 * its RdPlanStepRecords. */
GPtrArray        *rd_plan_record_new_from_template     (const char      *account_id,
                                                        const char      *delay_id,
                                                        RdCause          cause,
                                                        const char      *started_on,
                                                        const char      *owner);
/* A new step of this plan on @horizon, due on the horizon's default date
 * from the plan's start. */
RdPlanStepRecord *rd_plan_record_new_step              (RdPlanRecord    *self,
                                                        RdHorizon        horizon,
                                                        const char      *title);
/* rd_plan_can_transition() with the plan's @steps (RdPlanStepRecord). */
gboolean          rd_plan_record_can_transition        (RdPlanRecord    *self,
                                                        GPtrArray       *steps,
                                                        RdPlanStatus     to,
                                                        GError         **error);

/* References, set when the plan is made. */
const char       *rd_plan_record_get_account_id        (RdPlanRecord    *self);
const char       *rd_plan_record_get_delay_id          (RdPlanRecord    *self);
/* "YYYY-MM-DD", or NULL. */
const char       *rd_plan_record_get_started_on        (RdPlanRecord    *self);
void              rd_plan_record_set_started_on        (RdPlanRecord    *self,
                                                        const char      *started_on);
/* Days; 0 when missing. */
gint64            rd_plan_record_get_timeframe_days    (RdPlanRecord    *self);
void              rd_plan_record_set_timeframe_days    (RdPlanRecord    *self,
                                                        gint64           timeframe_days);
gint64            rd_plan_record_get_check_in_days     (RdPlanRecord    *self);
void              rd_plan_record_set_check_in_days     (RdPlanRecord    *self,
                                                        gint64           check_in_days);
const char       *rd_plan_record_get_progress_criteria (RdPlanRecord    *self);
void              rd_plan_record_set_progress_criteria (RdPlanRecord    *self,
                                                        const char      *progress_criteria);
/* RD_ANSWER_NOT_ASKED when missing. */
RdCustomerAnswer  rd_plan_record_get_customer_answer   (RdPlanRecord    *self);
void              rd_plan_record_set_customer_answer   (RdPlanRecord    *self,
                                                        RdCustomerAnswer customer_answer);
/* RD_PLAN_STATUS_DRAFT when missing; see rd_plan_record_can_transition(). */
RdPlanStatus      rd_plan_record_get_status            (RdPlanRecord    *self);
void              rd_plan_record_set_status            (RdPlanRecord    *self,
                                                        RdPlanStatus     status);

G_END_DECLS
