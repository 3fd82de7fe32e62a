/* rd-weekly-update.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "rd-pdf.h"
#include "rd-store.h"

G_BEGIN_DECLS

/*
 * The weekly team update: what a team lead reads in two minutes.  One
 * pass over the book collects plain data (on any thread); it is written
 * as Markdown (for email and chat) or drawn into pages with two charts.
 */

typedef struct
{
  char    *account_name;
  char    *currency;
  gint64   annual_minor;
  char    *deadline;
  char    *stated_reason;
  int      cause;            /* -1 = not assessed */
  RdClass  klass;
  char    *actions_taken;
  char    *help_needed;
  char    *next_step;
  char    *next_step_on;
} RdWeeklyDelay;

typedef struct
{
  char   *account_name;
  char   *text;
  char   *date;
} RdWeeklyAction;

typedef struct
{
  char   *currency;
  gint64  committed;
  gint64  at_risk;
  gint64  expected_churn;
  gint64  by_cause[6];       /* value at risk by RdCause, whole book */
} RdWeeklyTotals;

typedef struct
{
  char       *account_name;
  int         score;
  RdRiskBand  band;
  char       *deadline;
  char       *currency;
  gint64      annual_minor;
} RdWeeklyRisk;

#define RD_WEEKLY_N_MONTHS 12
#define RD_WEEKLY_NO_DELAY 3   /* the fourth stack: renewals without an open delay */

typedef struct
{
  char       *company_name;
  char       *today;                 /* YYYY-MM-DD */
  char       *week_start;            /* the locale's week start (the one before on it) */
  GPtrArray  *delays;                /* RdWeeklyDelay, open, by deadline */
  GPtrArray  *actions;               /* RdWeeklyAction, this week */
  char       *quarter_label[2];      /* this quarter, next quarter */
  char       *quarter_start[2];
  char       *quarter_end[2];
  GPtrArray  *totals[2];             /* RdWeeklyTotals per currency, by currency */
  GPtrArray  *cause_totals;          /* RdWeeklyTotals per currency (only by_cause) */
  guint       bands[4];              /* accounts renewing this quarter, by RdRiskBand */
  GPtrArray  *top_risks;             /* RdWeeklyRisk, highest score first, at most 10 */
  char       *month_labels[RD_WEEKLY_N_MONTHS];
  guint       by_month[RD_WEEKLY_N_MONTHS][4];   /* RdClass, then RD_WEEKLY_NO_DELAY */
  guint       n_accounts;
} RdWeeklyUpdate;

typedef enum
{
  RD_WEEKLY_FORMAT_MARKDOWN,
  RD_WEEKLY_FORMAT_PDF,
} RdWeeklyFormat;

/* @today may be NULL for the real today. */
RdWeeklyUpdate *rd_weekly_update_collect      (RdStore         *store,
                                               const GDate     *today,
                                               GError         **error);
void            rd_weekly_update_free         (RdWeeklyUpdate  *update);

char           *rd_weekly_update_to_markdown  (RdWeeklyUpdate  *update);
gboolean        rd_weekly_update_write_pdf    (RdWeeklyUpdate  *update,
                                               RdPaper          paper,
                                               const char      *path,
                                               GError         **error);
/* Markdown for *.md (and anything but *.pdf), else PDF. */
RdWeeklyFormat  rd_weekly_format_for_path     (const char      *path);
gboolean        rd_weekly_update_write_file   (RdWeeklyUpdate  *update,
                                               const char      *path,
                                               GError         **error);

/* Runs collect and write on a worker thread: the window never waits. */
void            rd_weekly_update_write_file_async  (RdStore            *store,
                                                    const char         *path,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean        rd_weekly_update_write_file_finish (GAsyncResult       *result,
                                                    GError            **error);
/* Collects and renders Markdown on a worker thread. */
void            rd_weekly_update_markdown_async    (RdStore            *store,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
char           *rd_weekly_update_markdown_finish   (GAsyncResult       *result,
                                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdWeeklyUpdate, rd_weekly_update_free)

G_END_DECLS
