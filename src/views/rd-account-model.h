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

#define RD_TYPE_ACCOUNT_MODEL (rd_account_model_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountModel, rd_account_model, RD, ACCOUNT_MODEL, GObject)

/*
 * The portfolio's list: every account, sorted and filtered in one model.
 *
 * It owns all accounts (the "full set", addressed by the positions of
 * rd_account_model_splice()), keeps them in sort order in an array, and
 * exposes as a GListModel only the matching ones, as an array of indices
 * into the sorted array.  get_item is O(1); a keystroke costs one pass over
 * the matches (or over everything when the filter got looser) and no
 * allocation per row.
 *
 * GtkSortListModel + GtkFilterListModel did the same with per-row
 * bookkeeping (bitsets, sort keys, GSequence) and announced each change as
 * one items-changed spanning the list, which made GTK 4.8's list item
 * manager and GtkSingleSelection walk every added row looking for the rows
 * they track.  Here the rows near the top of the list get exact
 * items-changed runs, so the rows on screen survive a keystroke, and the
 * rest is announced as one bulk change.
 */

typedef gboolean (*RdAccountFilterFunc) (RdAccount *account,
                                         gpointer   user_data);

RdAccountModel *rd_account_model_new              (void);

/* The full set, in no particular order. */
guint           rd_account_model_get_n_total      (RdAccountModel      *self);
RdAccount      *rd_account_model_get_total_item   (RdAccountModel      *self,
                                                   guint                position);
/* Replaces @n_removals items of the full set at @position by @additions
 * (refs taken); the visible list follows with as few items-changed as it
 * can (one for a whole reload). */
void            rd_account_model_splice           (RdAccountModel      *self,
                                                   guint                position,
                                                   guint                n_removals,
                                                   RdAccount          **additions,
                                                   guint                n_additions);
void            rd_account_model_append           (RdAccountModel      *self,
                                                   RdAccount           *account);
void            rd_account_model_remove           (RdAccountModel      *self,
                                                   guint                position);
/* Position of @account in the full set. */
gboolean        rd_account_model_find             (RdAccountModel      *self,
                                                   RdAccount           *account,
                                                   guint               *position);

/* @compare must be a total order (break ties, e.g. by id): the visible
 * list is kept in exactly this order.  Re-sorts now. */
void            rd_account_model_set_compare_func (RdAccountModel      *self,
                                                   GCompareDataFunc     compare,
                                                   gpointer             user_data);
/* NULL shows everything.  Does not refilter: call
 * rd_account_model_refilter(). */
void            rd_account_model_set_filter_func  (RdAccountModel      *self,
                                                   RdAccountFilterFunc  filter,
                                                   gpointer             user_data);
/* The filter's result changed.  GTK_FILTER_CHANGE_MORE_STRICT only tests
 * the accounts that match now. */
void            rd_account_model_refilter         (RdAccountModel      *self,
                                                   GtkFilterChange      change);

G_END_DECLS
