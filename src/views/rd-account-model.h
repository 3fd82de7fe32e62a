/* rd-account-model.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-account.h"

G_BEGIN_DECLS

/*
 * The portfolio's list: every account, sorted and filtered in one model.
 *
 * It owns all accounts (the "full set", addressed by the positions of
 * rd_account_model_splice()), keeps them in sort order, and keeps the
 * matches as an array of indices into the sorted array.
 *
 * As a GListModel it is a list of fixed-identity slots: item i is an
 * RdPortfolioRow whose "account" is the i-th match.  Only the slots GTK
 * holds exist (weakly cached).  When the matches or their order change
 * the live slots are re-pointed, which notifies "account", and the only
 * items-changed is the change in count at the tail.  GTK 4.8's list
 * widgets rebuild every row widget in the range of an items-changed; with
 * slots the row widgets stay and only rebind their text.
 */

#define RD_TYPE_PORTFOLIO_ROW (rd_portfolio_row_get_type ())

G_DECLARE_FINAL_TYPE (RdPortfolioRow, rd_portfolio_row, RD, PORTFOLIO_ROW, GObject)

RdAccount *rd_portfolio_row_get_account  (RdPortfolioRow *self);
guint      rd_portfolio_row_get_position (RdPortfolioRow *self);

/* What the portfolio can filter on.  Every field set narrows the list. */
#define RD_ACCOUNT_FILTER_ANY      (-2)
#define RD_ACCOUNT_FILTER_NO_DELAY (-1)

typedef struct
{
  char *needle;        /* folded by rd_search_text_fold (), matched against the
                        * account's folded search key; NULL for any */
  int   stage;         /* RdStage or RD_ACCOUNT_FILTER_ANY */
  int   status;        /* RdStatus or RD_ACCOUNT_FILTER_ANY */
  int   delay_class;   /* RdClass, RD_ACCOUNT_FILTER_NO_DELAY or RD_ACCOUNT_FILTER_ANY */
  char  from[11];      /* deadline range, ISO dates; "" for open */
  char  to[11];
} RdAccountFilter;

void     rd_account_filter_init      (RdAccountFilter       *filter);
void     rd_account_filter_clear     (RdAccountFilter       *filter);
gboolean rd_account_filter_is_active (const RdAccountFilter *filter);
gboolean rd_account_filter_match     (const RdAccountFilter *filter,
                                      RdAccount             *account);

#define RD_TYPE_ACCOUNT_MODEL (rd_account_model_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountModel, rd_account_model, RD, ACCOUNT_MODEL, GObject)

/* One column's order; the model breaks ties itself. */
typedef int (*RdAccountCompareFunc) (RdAccount *a,
                                     RdAccount *b);

RdAccountModel *rd_account_model_new              (void);

/* How many accounts match; the same as the number of items unless the
 * rows are kept or the list grows (below). */
guint           rd_account_model_get_n_matches    (RdAccountModel        *self);
/* When nothing matches, keep the last rows as items (each with some
 * account) instead of announcing an empty list, for a view that hides
 * the list then: GTK would destroy and rebuild every row widget.  The
 * rows are re-pointed as soon as something matches again. */
void            rd_account_model_set_keep_rows    (RdAccountModel        *self,
                                                   gboolean               keep_rows);
/* When the list grows from a few items to more than @grow_step more (0,
 * the default: never), announce @grow_step more each frame until GTK has
 * made its ~200 row widgets, then the rest: the rows are made a few at a
 * time instead of in one long frame.  "growing" is TRUE meanwhile, and
 * the number of items is below the matches. */
void            rd_account_model_set_grow_step    (RdAccountModel        *self,
                                                   guint                  grow_step);
gboolean        rd_account_model_get_growing      (RdAccountModel        *self);
/* Announces every match now. */
void            rd_account_model_finish_growing   (RdAccountModel        *self);

/* The full set, in no particular order. */
guint           rd_account_model_get_n_total      (RdAccountModel        *self);
RdAccount      *rd_account_model_get_total_item   (RdAccountModel        *self,
                                                   guint                  position);
/* The @position-th match (transfer none), or NULL. */
RdAccount      *rd_account_model_get_account      (RdAccountModel        *self,
                                                   guint                  position);
/* Position of @account among the matches. */
gboolean        rd_account_model_find_visible     (RdAccountModel        *self,
                                                   RdAccount             *account,
                                                   guint                 *position);
/* Replaces @n_removals items of the full set at @position by @additions
 * (refs taken). */
void            rd_account_model_splice           (RdAccountModel        *self,
                                                   guint                  position,
                                                   guint                  n_removals,
                                                   RdAccount            **additions,
                                                   guint                  n_additions);
/* Replaces the full set with @accounts, sorted by (@compare, @descending)
 * with rd_account_model_sort () (on a worker, say).  When that is the
 * model's order, and not by value (the values may have changed since),
 * the order is taken as it is instead of checked. */
void            rd_account_model_replace_sorted   (RdAccountModel        *self,
                                                   RdAccount            **accounts,
                                                   guint                  n_accounts,
                                                   RdAccountCompareFunc   compare,
                                                   gboolean               descending);
void            rd_account_model_append           (RdAccountModel        *self,
                                                   RdAccount             *account);
void            rd_account_model_remove           (RdAccountModel        *self,
                                                   guint                  position);
/* Position of @account in the full set. */
gboolean        rd_account_model_find             (RdAccountModel        *self,
                                                   RdAccount             *account,
                                                   guint                 *position);

/* Sorts by @compare (NULL: by deadline), reversed when @descending.  Ties,
 * in either direction: an account with a risk delay never sorts below an
 * administrative one, then by name, then by id, so the order is total. */
void            rd_account_model_set_sort         (RdAccountModel        *self,
                                                   RdAccountCompareFunc   compare,
                                                   gboolean               descending);
void            rd_account_model_get_sort         (RdAccountModel        *self,
                                                   RdAccountCompareFunc  *out_compare,
                                                   gboolean              *out_descending);
/* Sorts @accounts as a model sorted by @compare and @descending sorts its
 * accounts.  Reads only the accounts: a worker may sort a book it read
 * before the main thread hands it to rd_account_model_splice (), which
 * then only checks the order. */
void            rd_account_model_sort             (GPtrArray             *accounts,
                                                   RdAccountCompareFunc   compare,
                                                   gboolean               descending);
/* Sorting on a worker.  A job is made on the main thread: it copies the
 * full set, and what the order reads of each account that the main thread
 * may change meanwhile (the value in the reporting currency; nothing else
 * the orders read changes in an account object).  The model keeps the
 * accounts it drops alive while a job lives.  rd_account_sort_job_run ()
 * sorts the copy on any thread; back on the main thread,
 * rd_account_model_apply_sort_job () makes it the model's order, then
 * copies @filter (NULL: keeps the filter) and refilters, with one change
 * of the list.  It sorts only if a copied value changed meanwhile, and
 * returns FALSE without changing anything when the full set was spliced
 * since the job was made.  Free a job on the main thread. */
typedef struct _RdAccountSortJob RdAccountSortJob;

RdAccountSortJob *rd_account_model_new_sort_job   (RdAccountModel        *self,
                                                   RdAccountCompareFunc   compare,
                                                   gboolean               descending);
void              rd_account_sort_job_run         (RdAccountSortJob      *job);
void              rd_account_sort_job_free        (RdAccountSortJob      *job);
gboolean          rd_account_model_apply_sort_job (RdAccountModel        *self,
                                                   RdAccountSortJob      *job,
                                                   const RdAccountFilter *filter);
/* Copies @filter (NULL shows everything) and refilters.  A @change of
 * GTK_FILTER_CHANGE_MORE_STRICT only tests the current matches,
 * LESS_STRICT only the current non-matches. */
void            rd_account_model_set_filter       (RdAccountModel        *self,
                                                   const RdAccountFilter *filter,
                                                   GtkFilterChange        change);

/* The positions on screen: after a change their slots are re-pointed at
 * once, the other live slots a batch per frame interval after it (and the
 * ones of a new hot range as soon as it is set).  By default all are at
 * once. */
void            rd_account_model_set_hot_range    (RdAccountModel        *self,
                                                   guint                  start,
                                                   guint                  n);

/* The orders of the portfolio's columns, ascending. */
int             rd_account_compare_name           (RdAccount             *a,
                                                   RdAccount             *b);
int             rd_account_compare_value          (RdAccount             *a,
                                                   RdAccount             *b);
int             rd_account_compare_contract_end   (RdAccount             *a,
                                                   RdAccount             *b);
int             rd_account_compare_deadline       (RdAccount             *a,
                                                   RdAccount             *b);
int             rd_account_compare_delay          (RdAccount             *a,
                                                   RdAccount             *b);
/* The riskiest first; among equal risks the largest contract first. */
int             rd_account_compare_risk           (RdAccount             *a,
                                                   RdAccount             *b);
int             rd_account_compare_stage          (RdAccount             *a,
                                                   RdAccount             *b);
int             rd_account_compare_status         (RdAccount             *a,
                                                   RdAccount             *b);
int             rd_account_compare_owner          (RdAccount             *a,
                                                   RdAccount             *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAccountSortJob, rd_account_sort_job_free)

G_END_DECLS
