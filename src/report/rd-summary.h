/* rd-summary.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

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

typedef struct
{
  char                *company_name;
  char                *today;               /* YYYY-MM-DD */
  RdAccount           *account;             /* a private copy */
  char                *goals;               /* account document fields */
  char                *outcomes;
  char                *roi;
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
  gboolean             has_early;
  RdEarlyRenewalQuote  early;
  RdSummaryBridge      bridges[6];          /* every kind, in RdBridgeKind order */
  guint                bridge_kinds;        /* which to print; all by default */
} RdSummary;

typedef struct _RdSummaryLayout RdSummaryLayout;

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
