/* rd-plan.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-enums.h"

G_BEGIN_DECLS

/*
 * Conditional recovery plans (domain.md §4) as plain documents of the
 * contract: "plan" and "plan_step".  These helpers build them, give the
 * default due dates of the three horizons, guard the status transitions
 * and measure progress.  Pure: no store, no widgets.
 */

#define RD_PLAN_DEFAULT_TIMEFRAME_DAYS 90
#define RD_PLAN_DEFAULT_CHECK_IN_DAYS  14

typedef struct
{
  RdHorizon   horizon;
  const char *title;   /* untranslated; translate with _() */
} RdPlanStepTemplate;

/* Days after the plan's start a step of @horizon is due: 2, 30, 90. */
int         rd_plan_horizon_days          (RdHorizon    horizon);
/* @started_on + rd_plan_horizon_days(); NULL when @started_on is not a date. */
char       *rd_plan_default_due           (const char  *started_on,
                                           RdHorizon    horizon);

/* Draft → active → met or failed; a draft may also be dropped as failed.
 * Activating needs a start date, a timeframe, a check-in frequency and at
 * least one step; "met" needs every step done.  FALSE with a translated
 * message otherwise.  @steps holds plan_step documents (may be NULL). */
gboolean    rd_plan_can_transition        (JsonObject  *plan,
                                           GPtrArray   *steps,
                                           RdPlanStatus to,
                                           GError     **error);
RdPlanStatus rd_plan_get_status           (JsonObject  *plan);

/* Done steps / all steps, 0 when there are none. */
double      rd_plan_progress              (GPtrArray   *steps);
guint       rd_plan_count_done            (GPtrArray   *steps);

/* Our own starting steps for a delay of @cause (NULL-terminated by
 * title == NULL); every cause has at least one step per horizon. */
const RdPlanStepTemplate *rd_plan_templates_for_cause (RdCause cause,
                                                      guint  *n_templates);

/* New documents with fresh UUIDs. */
JsonObject *rd_plan_new_document          (const char  *account_id,
                                           const char  *delay_id,     /* may be NULL */
                                           const char  *started_on);
JsonObject *rd_plan_step_new_document     (const char  *plan_id,      /* bare UUID */
                                           RdHorizon    horizon,
                                           const char  *title,
                                           const char  *owner,        /* may be NULL */
                                           const char  *due_on);      /* may be NULL */
/* A draft plan for @cause with its templated steps (translated), each due
 * on its horizon's default date: [plan, step, step, …]. */
GPtrArray  *rd_plan_new_from_template     (const char  *account_id,
                                           const char  *delay_id,
                                           RdCause      cause,
                                           const char  *started_on,
                                           const char  *owner);
/* The bare UUID of a document's _id (a pointer into the string). */
const char *rd_document_uuid              (JsonObject  *doc);

G_END_DECLS
