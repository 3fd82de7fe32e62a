/* rd-weekly-update.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "rd-exchange.h"
#include "rd-forecast.h"
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

/* Money per currency: amounts in different currencies never add up here
 * (every sum goes through one function, where a conversion can go). */
typedef struct
{
  char   *currency;
  gint64  by_category[RD_FORECAST_N_CATEGORIES];   /* still to do, by RdForecastCategory */
  gint64  renewed;           /* closed this quarter */
  gint64  lost;
  gint64  slipped;           /* moved out of the quarter by accepted bridges */
  gint64  by_cause[6];       /* value at risk by RdCause, whole book */
  guint   n_accounts;        /* the accounts in the figures above */
} RdWeeklyTotals;

/* A renewal of "Renewing this quarter". */
typedef struct
{
  char              *account_name;
  char              *currency;
  gint64             annual_minor;
  char              *deadline;
  char              *closed_on;      /* renewed or lost on; NULL when open or unknown */
  RdStatus           status;
  RdForecastPlace    place;
  RdForecastCategory category;
  RdForecastWhy      why;
} RdWeeklyRenewal;

/* A renewal an accepted bridge moved later. */
typedef struct
{
  char    *account_name;
  char    *currency;
  gint64   annual_minor;
  char    *on;
  char    *from;
  char    *to;
  gboolean this_week;
  gboolean left_quarter;     /* moved out of this quarter */
} RdWeeklySlip;

/* A renewal whose forecast category changed this week. */
typedef struct
{
  char              *account_name;
  char              *currency;
  gint64             annual_minor;
  RdForecastCategory from;
  RdForecastCategory to;
  RdForecastWhy      why;
} RdWeeklyMove;

typedef struct
{
  char   *label;             /* a loss reason or a competitor */
  guint   count;
} RdWeeklyCount;

/* A retrospective recorded this week. */
typedef struct
{
  char    *account_name;
  char    *date;
  gboolean loss;             /* from a loss, else from a resolved delay */
  char    *text;
} RdWeeklyRetro;

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
/* The most rows a list of the update shows (renewals still to do and
 * closed, slips, moves, delays, actions, help needed, retrospectives): a
 * team reads a page, not a book.  The rest are counted ("…and N more");
 * every heading, total and chart still covers all of them.  A book of a
 * few hundred accounts shows everything. */
#define RD_WEEKLY_MAX_ROWS 100
#define RD_WEEKLY_NO_DELAY 3   /* the fourth stack: renewals without an open delay */

typedef struct
{
  char       *company_name;
  char       *today;                 /* YYYY-MM-DD */
  char       *week_start;            /* the locale's week start (the one before on it) */
  GPtrArray  *delays;                /* RdWeeklyDelay, open, by deadline (the first RD_WEEKLY_MAX_ROWS) */
  GPtrArray  *actions;               /* RdWeeklyAction, this week, newest first (likewise) */
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

  GPtrArray  *renewals;              /* RdWeeklyRenewal, this quarter: overdue, to do (the first
                                      * RD_WEEKLY_MAX_ROWS), closed (the newest RD_WEEKLY_MAX_ROWS) */
  GPtrArray  *slips;                 /* RdWeeklySlip: out of this quarter, or this week */
  GPtrArray  *moves;                 /* RdWeeklyMove: changed category this week (the
                                      * RD_WEEKLY_MAX_ROWS renewing soonest, in book order) */
  char       *losses_since;          /* losses counted from this day (a year back) */
  guint       n_losses;
  GPtrArray  *loss_reasons;          /* RdWeeklyCount, most first */
  GPtrArray  *competitors;           /* RdWeeklyCount, most first */
  GPtrArray  *retros;                /* RdWeeklyRetro, this week, newest first */
  gint64      target_minor;          /* the quarterly renewal target; -1 for none */
  char       *reporting_currency;    /* every total also in this currency */
  RdExchangeTable *rates;            /* for the reporting totals, as of today */
  RdWeeklyTotals *reporting[2];      /* totals[q] converted; NULL with one currency only */
  char       *missing_rates[2];      /* what the reporting totals leave out, or NULL */
  char       *target_currency;
  GHashTable *date_texts;            /* private: YYYY-MM-DD → rd_date_format(), as the blocks use them */
  GHashTable *money_texts;           /* private: currency → (amount → its text), likewise */
  /* How many rows the capped lists above stand for (at most
   * RD_WEEKLY_MAX_ROWS of each are kept). */
  guint       n_open;                /* renewals still to do this quarter (overdue too) */
  guint       n_closed;              /* renewals closed this quarter */
  guint       n_moves;
  guint       n_delays;
  guint       n_actions;
  GPtrArray  *help;                  /* RdWeeklyDelay, open, asking for help, by deadline */
  guint       n_help;
} RdWeeklyUpdate;

/* The update as a list of plain-text blocks: what the Markdown, the
 * window and the PDF's tables are made from.  No markup in any text. */
typedef enum
{
  RD_WEEKLY_BLOCK_TITLE,
  RD_WEEKLY_BLOCK_HEADING,
  RD_WEEKLY_BLOCK_SUBHEADING,
  RD_WEEKLY_BLOCK_PARAGRAPH,
  RD_WEEKLY_BLOCK_NOTE,          /* small print, e.g. the forecast rules */
  RD_WEEKLY_BLOCK_TABLE,         /* header and rows */
  RD_WEEKLY_BLOCK_LIST,          /* rows of { lead, text } */
} RdWeeklyBlockKind;

typedef struct
{
  RdWeeklyBlockKind  kind;
  char              *text;
  char             **header;     /* TABLE */
  GPtrArray         *rows;       /* TABLE and LIST: char ** each */
  guint              numeric;    /* TABLE: bit n set when column n holds amounts */
  guint              n_total;    /* TABLE and LIST: the rows it stands for, shown or not;
                                  * more than @rows holds when a NOTE after it says so */
} RdWeeklyBlock;

void            rd_weekly_block_free          (RdWeeklyBlock   *block);
/* "…and N more" for a TABLE or LIST shown down to its first @n_shown rows,
 * NULL when that is all of them. */
char           *rd_weekly_block_more_text     (RdWeeklyBlock   *block,
                                               guint            n_shown);
/* RdWeeklyBlock, in reading order. */
GPtrArray      *rd_weekly_update_to_blocks    (RdWeeklyUpdate  *update);

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
/* The quarterly renewal target, e.g. "250000 EUR" (amount, then currency;
 * the currency may be left out when the quarter has only one).  NULL or
 * "" for none.  Collect reads it from the "quarter-target" setting. */
gboolean        rd_weekly_update_set_target   (RdWeeklyUpdate  *update,
                                               const char      *target,
                                               GError         **error);
/* Adds every total in @currency (ISO 4217) besides the per-currency ones,
 * converted at the newest rates on or before the update's day; accounts in
 * a currency without a rate are named, never summed or dropped. */
gboolean        rd_weekly_update_set_currency (RdWeeklyUpdate  *update,
                                               const char      *currency,
                                               GError         **error);
/* Totals of this quarter in the target's currency, or NULL. */
RdWeeklyTotals *rd_weekly_update_target_totals (RdWeeklyUpdate *update);

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
/* Collects on a worker thread (as of the real today). */
void            rd_weekly_update_collect_async     (RdStore            *store,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
RdWeeklyUpdate *rd_weekly_update_collect_finish    (GAsyncResult       *result,
                                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdWeeklyUpdate, rd_weekly_update_free)

G_END_DECLS
