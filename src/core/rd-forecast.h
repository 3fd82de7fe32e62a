/* rd-forecast.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-account.h"
#include "rd-enums.h"

G_BEGIN_DECLS

/*
 * The quarter and the forecast, as of a given day (never the clock's).
 *
 * Forecast categories follow the usual CRM convention:
 *  - Commit: there is evidence the renewal will close: it is renewed, the
 *    customer said "yes" to the recovery plan, or every open delay is
 *    administrative and every date commitment on them is kept.
 *  - Best Case: we are talking to them and nothing says risk, but there is
 *    no evidence yet (a decision delay, a missed commitment, or no delay).
 *  - Pipeline: no evidence and a reason to doubt it: an open risk delay, a
 *    high or critical risk rating, a "no" to the plan, or nobody has talked
 *    to them in the last RD_FORECAST_CONTACT_DAYS.
 *  - Omitted: lost, or marked as expected churn.
 */

#define RD_FORECAST_CONTACT_DAYS 120

typedef enum
{
  RD_FORECAST_COMMIT,
  RD_FORECAST_BEST_CASE,
  RD_FORECAST_PIPELINE,
  RD_FORECAST_OMITTED,
} RdForecastCategory;

#define RD_FORECAST_N_CATEGORIES 4

/* Why an account has its category: what the report can say in a word. */
typedef enum
{
  RD_FORECAST_WHY_RENEWED,
  RD_FORECAST_WHY_PLAN_YES,
  RD_FORECAST_WHY_ADMIN_KEPT,
  RD_FORECAST_WHY_RISK_DELAY,
  RD_FORECAST_WHY_PLAN_NO,
  RD_FORECAST_WHY_HIGH_RISK,
  RD_FORECAST_WHY_NO_CONTACT,
  RD_FORECAST_WHY_DECISION_DELAY,
  RD_FORECAST_WHY_MISSED_COMMITMENT,
  RD_FORECAST_WHY_TALKING,
  RD_FORECAST_WHY_LOST,
  RD_FORECAST_WHY_EXPECTED_CHURN,
} RdForecastWhy;

/* What the rules look at, as of one day.  Strings are "YYYY-MM-DD". */
typedef struct
{
  RdStatus    status;
  const char *deadline;          /* the hard deadline: effective end, else contract end */
  int         worst_open_class;  /* RdClass of the worst open delay; -1 for none */
  guint       n_open_delays;
  guint       n_missed;          /* missed commitments over the open delays */
  int         plan_answer;       /* RdCustomerAnswer of a live plan (not failed); -1 for none */
  RdRiskBand  risk_band;
  const char *last_contact_on;   /* latest activity, delay or kept commitment; NULL for never */
} RdForecastFacts;

void                rd_forecast_facts_init      (RdForecastFacts       *facts);

RdForecastCategory  rd_forecast_category        (const RdForecastFacts *facts,
                                                 const GDate           *day,
                                                 RdForecastWhy         *out_why);
const char         *rd_forecast_category_label  (RdForecastCategory     category);
/* The category's rule, one sentence, for a report's footnote. */
const char         *rd_forecast_category_rule   (RdForecastCategory     category);
const char         *rd_forecast_why_label       (RdForecastWhy          why);

/* Whether a commitment dated @date, kept on @kept_on (or NULL), is missed
 * on @day: its date lies before @day and it was not kept on or before. */
gboolean            rd_forecast_commitment_missed (const char          *date,
                                                   const char          *kept_on,
                                                   const GDate         *day);

/* The calendar quarter @offset quarters after the one @day falls in
 * (0 = this one, 1 = the next, -1 = the previous). */
void                rd_forecast_quarter         (const GDate           *day,
                                                 int                    offset,
                                                 GDate                 *out_start,
                                                 GDate                 *out_end);
/* 1 to 4. */
int                 rd_forecast_quarter_number  (const GDate           *day);

typedef enum
{
  RD_FORECAST_OUTSIDE,     /* not part of this quarter's work */
  RD_FORECAST_TO_DO,       /* unrenewed, deadline later this quarter (or today) */
  RD_FORECAST_OVERDUE,     /* unrenewed, deadline already past (any earlier quarter too) */
  RD_FORECAST_CLOSED,      /* renewed or lost this quarter */
} RdForecastPlace;

/* Where a renewal belongs in "Renewing this quarter" on @day.  @closed_on:
 * the day it was renewed or lost; NULL when unknown (a lost renewal then
 * counts in the quarter of its deadline, a renewed one not at all). */
RdForecastPlace     rd_forecast_quarter_place   (RdStatus               status,
                                                 const char            *deadline,
                                                 const char            *closed_on,
                                                 const GDate           *day);
/* The same for an account: its renewal day (renewal_choice_on) when
 * renewed; a lost account's loss is not on the account, so its deadline. */
RdForecastPlace     rd_forecast_account_place   (RdAccount             *account,
                                                 const GDate           *day);

/* Whether @account belongs in the renewals of the quarter @start – @end
 * ("YYYY-MM-DD"; "" or NULL for open): unrenewed and due by @end, however
 * long overdue, or renewed (renewal_choice_on) or lost (the account has no
 * loss day: its deadline) within it. */
gboolean            rd_forecast_account_in_quarter (RdAccount         *account,
                                                    const char        *start,
                                                    const char        *end);

/* The day a renewed or expected-churn account's renewal was decided
 * ("renewal_choice_on"), or NULL. */
const char         *rd_forecast_account_decided_on (RdAccount          *account);

/* An accepted bridge, as the slip detection needs it. */
typedef struct
{
  const char *accepted_on;
  const char *ends_on;
  gboolean    moves_deadline;    /* rd_pricing_kind_moves_deadline () */
} RdForecastBridge;

typedef struct
{
  char *on;      /* the day the bridge was accepted */
  char *from;    /* the hard deadline before */
  char *to;      /* the hard deadline after */
} RdForecastSlip;

void                rd_forecast_slip_free       (RdForecastSlip        *slip);
/* The slips of a renewal whose contract ends on @contract_end, oldest
 * first: every accepted bridge that moved the hard deadline later.
 * Bridges without an accepted_on or ends_on, or that do not move the
 * deadline, are left out. */
GPtrArray          *rd_forecast_slips           (const char            *contract_end,
                                                 const RdForecastBridge *bridges,
                                                 guint                  n_bridges);
/* Whether @slip moved the renewal out of the quarter @start – @end: it was
 * due in it (or overdue and moved during it) and is now due after it. */
gboolean            rd_forecast_slip_leaves_quarter (const RdForecastSlip *slip,
                                                     const GDate          *start,
                                                     const GDate          *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdForecastSlip, rd_forecast_slip_free)

G_END_DECLS
