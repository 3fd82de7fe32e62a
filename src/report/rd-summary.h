/* rd-summary.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "rd-exchange.h"
#include "rd-pdf.h"
#include "rd-pricing.h"
#include "rd-store.h"

G_BEGIN_DECLS

/*
 * The executive summary a champion hands to their boss: one account's
 * facts collected from the store into plain data (on any thread), then
 * laid out once for a paper size, then drawn page by page, by the print
 * dialog or into a PDF file, with the same function.
 */

#define RD_SUMMARY_ALL_BRIDGES 0x3fu   /* one bit per RdBridgeKind */

typedef struct
{
  RdHorizon  horizon;
  char      *title;
  char      *owner;
  char      *due_on;
  char      *done_on;
} RdSummaryStep;

typedef struct
{
  char    *communicated_on;
  char    *stated_reason;
  int      cause;                            /* -1 = not assessed */
  RdClass  klass;
  char    *commitments[RD_N_COMMITMENTS];    /* dates, NULL when not committed */
  char    *next_step;
} RdSummaryPending;

typedef struct
{
  RdBridgeKind kind;
  gint64       price_minor;
  int          status;                       /* RdBridgeStatus, -1 = a quote only */
  char         starts_on[11];
  char         ends_on[11];
} RdSummaryBridge;

/* A similar customer who agreed to be named (account "reference_ok"). */
typedef struct
{
  char    *name;
  char    *industry;
  char    *country;                          /* ISO 3166 alpha-2, or NULL */
  char    *since;                            /* contract start, or NULL */
  gboolean same_industry;
  gboolean same_country;
} RdSummaryReference;

#define RD_SUMMARY_MAX_REFERENCES 3
/* Re-onboarding time to tell when the account has no figure of its own. */
#define RD_SUMMARY_DEFAULT_REONBOARDING_WEEKS 3

typedef struct
{
  char                *company_name;
  char                *today;               /* YYYY-MM-DD */
  RdAccount           *account;             /* a private copy */
  char                *goals;               /* account document fields */
  char                *outcomes;
  char                *roi;                 /* the free-text note on the ROI */
  gint64               roi_cost_minor;      /* -1 when not entered */
  gint64               roi_benefit_minor;   /* -1 when not entered */
  int                  roi_payback_months;  /* -1 when not entered */
  int                  reonboarding_weeks;  /* -1 when not entered */
  char                *price_change_on;     /* NULL when no change is known */
  GPtrArray           *references;          /* RdSummaryReference, at most three */
  gint64               expansion_minor;     /* -1 when not quoted */
  GPtrArray           *pending;             /* RdSummaryPending, open delays */
  GPtrArray           *contacts;            /* RdContact */
  gboolean             has_plan;
  int                  plan_status;         /* RdPlanStatus */
  int                  plan_answer;         /* RdCustomerAnswer */
  char                *plan_started_on;
  int                  plan_timeframe_days;
  int                  plan_check_in_days;
  char                *plan_criteria;
  GPtrArray           *steps;               /* RdSummaryStep, by horizon then due date */
  RdPricingParams      pricing;
  RdExchangeTable     *rates;       /* the pricing borrows them */
  gboolean             has_early;
  RdEarlyRenewalQuote  early;
  RdSummaryBridge      bridges[6];          /* every kind, in RdBridgeKind order */
  guint                bridge_kinds;        /* which to print; all by default */
} RdSummary;

typedef struct _RdSummaryLayout RdSummaryLayout;

/* What the ROI figures add up to; FALSE when cost or benefit is missing.
 * @out_percent is the net return on the cost; @out_payback_months the
 * entered payback, else worked out from the monthly benefit. */
gboolean         rd_summary_get_roi             (RdSummary        *summary,
                                                 gint64           *out_net_minor,
                                                 int              *out_percent,
                                                 int              *out_payback_months);
/* The three talking points for the champion's boss, translated plain text. */
GStrv            rd_summary_dup_talking_points  (RdSummary        *summary);
/* The file name to propose: "<account name> – Executive summary.pdf",
 * with characters a file name cannot hold replaced. */
char            *rd_summary_dup_file_name       (RdSummary        *summary);
char            *rd_report_file_name            (const char       *account_name,
                                                 const char       *document);

/* @account is an id or a name (exact, then ignoring case); a name shared
 * by several accounts is an error that asks for the id. */
RdAccount       *rd_summary_find_account        (RdStore          *store,
                                                 const char       *name_or_id,
                                                 GError          **error);
RdSummary       *rd_summary_collect             (RdStore          *store,
                                                 const char       *account_id,
                                                 GError          **error);
void             rd_summary_free                (RdSummary        *summary);

RdSummaryLayout *rd_summary_layout_new          (RdSummary        *summary,
                                                 double            width,
                                                 double            height);
void             rd_summary_layout_free         (RdSummaryLayout  *layout);
int              rd_summary_layout_get_n_pages  (RdSummaryLayout  *layout);
/* The page (0-based) that shows step @index of summary->steps. */
int              rd_summary_layout_get_step_page (RdSummaryLayout *layout,
                                                 guint             index);
void             rd_summary_draw_page           (RdSummaryLayout  *layout,
                                                 cairo_t          *cr,
                                                 int               page,
                                                 double            width,
                                                 double            height);

gboolean         rd_summary_write_pdf           (RdSummary        *summary,
                                                 RdPaper           paper,
                                                 const char       *path,
                                                 GError          **error);

/* rd_summary_collect() on a worker, for the window; the task's source
 * object is @store. */
void             rd_summary_collect_async       (RdStore            *store,
                                                 const char         *account_id,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
RdSummary       *rd_summary_collect_finish      (RdStore          *store,
                                                 GAsyncResult     *result,
                                                 GError          **error);
/* Collects the summary of @account_id and writes it to @path on @paper,
 * all on a worker. */
void             rd_summary_export_pdf_async    (RdStore            *store,
                                                 const char         *account_id,
                                                 RdPaper             paper,
                                                 const char         *path,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean         rd_summary_export_pdf_finish   (RdStore          *store,
                                                 GAsyncResult     *result,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSummary, rd_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSummaryLayout, rd_summary_layout_free)

G_END_DECLS
