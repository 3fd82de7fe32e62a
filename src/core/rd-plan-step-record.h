/* rd-plan-step-record.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"

G_BEGIN_DECLS

/*
 * One step of a recovery plan, the "plan_step" document: what, who, by
 * when, on which horizon (48 hours, 30 days, 60–90 days), done or not, and
 * the concern it addresses.
 */

#define RD_TYPE_PLAN_STEP_RECORD (rd_plan_step_record_get_type ())

G_DECLARE_FINAL_TYPE (RdPlanStepRecord, rd_plan_step_record, RD, PLAN_STEP_RECORD, RdRecord)

gboolean    rd_plan_step_record_is_done        (RdPlanStepRecord *self);
/* Over RdPlanStepRecords: how many are done, and done / all (0 for none). */
guint       rd_plan_step_records_count_done    (GPtrArray        *steps);
double      rd_plan_step_records_progress      (GPtrArray        *steps);

/* The plan's bare UUID, set when the step is made. */
const char *rd_plan_step_record_get_plan_id    (RdPlanStepRecord *self);
/* The concern's bare UUID, or NULL. */
const char *rd_plan_step_record_get_concern_id (RdPlanStepRecord *self);
void        rd_plan_step_record_set_concern_id (RdPlanStepRecord *self,
                                                const char       *concern_id);
/* RD_HORIZON_90D when missing. */
RdHorizon   rd_plan_step_record_get_horizon    (RdPlanStepRecord *self);
void        rd_plan_step_record_set_horizon    (RdPlanStepRecord *self,
                                                RdHorizon         horizon);
const char *rd_plan_step_record_get_title      (RdPlanStepRecord *self);
void        rd_plan_step_record_set_title      (RdPlanStepRecord *self,
                                                const char       *title);
const char *rd_plan_step_record_get_owner      (RdPlanStepRecord *self);
void        rd_plan_step_record_set_owner      (RdPlanStepRecord *self,
                                                const char       *owner);
/* "YYYY-MM-DD", or NULL. */
const char *rd_plan_step_record_get_due_on     (RdPlanStepRecord *self);
void        rd_plan_step_record_set_due_on     (RdPlanStepRecord *self,
                                                const char       *due_on);
const char *rd_plan_step_record_get_done_on    (RdPlanStepRecord *self);
void        rd_plan_step_record_set_done_on    (RdPlanStepRecord *self,
                                                const char       *done_on);

G_END_DECLS
