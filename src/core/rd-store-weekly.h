/* rd-store-weekly.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/*
 * What the weekly update reads of a book, from typed columns: plain rows,
 * no RdAccount objects and no JSON documents, and the last contacts one
 * account at a time through the indexes instead of reading the millions of
 * activities and settled delays (see rd-weekly-update.c).  Empty text reads
 * as NULL, as the report's documents did.
 */

typedef struct
{
  char       *id;
  char       *name;
  char       *currency;
  gint64      annual_value_minor;
  char       *contract_end;
  char       *deadline;          /* effective_end, else contract_end */
  RdStatus    status;
  int         risk_score;
  RdRiskBand  risk_band;
  char       *decided_on;        /* the renewal choice's day, from extra */
} RdStoreAccountRow;

/* A delay with the fields the weekly update weighs; the texts it shows
 * of the few delays it lists are read apart (RdStoreDelayTexts). */
typedef struct
{
  gint64   rowid;
  char    *account_id;
  gboolean resolved;
  gboolean has_help_needed;      /* help_needed is not empty */
  char    *communicated_on;
  char    *resolved_on;
  RdClass  klass;                /* the override, else the computed class */
  int      cause;                /* RdCause, -1 when not assessed */
  char    *next_step_on;
  char    *retrospective;        /* of a resolved delay only */
  char    *commitment[4];        /* info_by, reconnect_on, decision_by, next_step_on */
  char    *kept_on[4];           /* the day each was kept */
} RdStoreDelayRow;

/* The texts of a delay the weekly update lists (the rowid stays first). */
typedef struct
{
  gint64  rowid;
  char   *stated_reason;
  char   *actions_taken;
  char   *help_needed;
  char   *next_step;
} RdStoreDelayTexts;

/* A plan step done between two days, with its plan's account. */
typedef struct
{
  char *account_id;
  char *title;
  char *done_on;
} RdStoreStepRow;

/* An activity of the activity log, without its texts. */
typedef struct
{
  gint64  rowid;
  char   *account_id;
  char   *on;
  int     kind;                  /* RdActivityKind, -1 when unknown */
} RdStoreActivityRow;

/* The texts of an activity the weekly update lists (the rowid stays first). */
typedef struct
{
  gint64  rowid;
  char   *summary;
  char   *their_response;
} RdStoreActivityTexts;

void        rd_store_account_row_free       (RdStoreAccountRow *row);
void        rd_store_delay_row_free         (RdStoreDelayRow   *row);
void        rd_store_step_row_free          (RdStoreStepRow    *row);
void        rd_store_activity_row_free      (RdStoreActivityRow *row);
void        rd_store_delay_texts_free       (RdStoreDelayTexts *texts);
void        rd_store_activity_texts_free    (RdStoreActivityTexts *texts);

/* Every live account, in the order of rd_store_list_accounts(). */
GPtrArray  *rd_store_list_account_rows      (RdStore     *self,
                                             GError     **error);
/* The live delays still open on @day or resolved on or after it (or
 * without a day), in rowid order, as rd_store_list_delays_unsettled(). */
GPtrArray  *rd_store_list_delay_rows_unsettled (RdStore     *self,
                                                const char  *day,
                                                GError     **error);
/* The texts of the delays of @rowids (found by rd_store_list_delay_rows_unsettled()),
 * in rowid order; a delay gone since is left out. */
GPtrArray  *rd_store_list_delay_texts       (RdStore      *self,
                                             const gint64 *rowids,
                                             guint         n_rowids,
                                             GError      **error);
/* The live steps of live plans done from @from to @to, in rowid order. */
GPtrArray  *rd_store_list_step_rows_done    (RdStore     *self,
                                             const char  *from,
                                             const char  *to,
                                             GError     **error);
/* The live activities on @from to @to, in rowid order. */
GPtrArray  *rd_store_list_activity_rows_between (RdStore     *self,
                                                 const char  *from,
                                                 const char  *to,
                                                 GError     **error);
/* The texts of the activities of @rowids, in rowid order; one gone since
 * is left out. */
GPtrArray  *rd_store_list_activity_texts    (RdStore      *self,
                                             const gint64 *rowids,
                                             guint         n_rowids,
                                             GError      **error);
/* The newest contact of each of @account_ids on or before each of @days
 * (by its first ten characters, as rd_store_newest_activity_on() and
 * rd_store_newest_settled_delay_contact() count it) from its activities,
 * or from its delays resolved before @settled_before (a delay told after a
 * day counts for none of that day's), all in one read transaction.
 * @out_days holds @n_accounts × @n_days strings, account by account: NULL
 * for none.  FALSE on error, with @out_days all NULL. */
gboolean    rd_store_newest_activities_of   (RdStore            *self,
                                             const char * const *account_ids,
                                             guint               n_accounts,
                                             const char * const *days,
                                             guint               n_days,
                                             char              **out_days,
                                             GError            **error);
gboolean    rd_store_newest_settled_contacts_of (RdStore            *self,
                                                 const char * const *account_ids,
                                                 guint               n_accounts,
                                                 const char         *settled_before,
                                                 const char * const *days,
                                                 guint               n_days,
                                                 char              **out_days,
                                                 GError            **error);

G_END_DECLS
