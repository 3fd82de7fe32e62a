/* rd-account-model.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-account.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_MODEL (rd_account_model_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountModel, rd_account_model, RD, ACCOUNT_MODEL, GObject)

/*
 * A GListModel of RdAccount backed by an array.  GListStore keeps its
 * items in a GSequence, where each random access (what GtkSortListModel
 * does for every row on every refilter) costs O(log n) pointer chasing;
 * at 100,000 accounts that alone made a keystroke take hundreds of ms.
 * Here get_item is O(1).  The API mirrors GListStore's.
 */

RdAccountModel *rd_account_model_new    (void);
/* Replaces @n_removals items at @position by @additions (refs taken);
 * one items-changed. */
void            rd_account_model_splice (RdAccountModel *self,
                                         guint           position,
                                         guint           n_removals,
                                         RdAccount     **additions,
                                         guint           n_additions);
void            rd_account_model_append (RdAccountModel *self,
                                         RdAccount      *account);
void            rd_account_model_remove (RdAccountModel *self,
                                         guint           position);
gboolean        rd_account_model_find   (RdAccountModel *self,
                                         RdAccount      *account,
                                         guint          *position);

G_END_DECLS
