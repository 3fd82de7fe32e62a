/* rd-account-context.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/*
 * What an account's renewal lifecycle is read from: its plans, losses,
 * delays and bridges, and the steps of those plans, as documents (without
 * tombstones).  Loaded through the store's thread-safe API; the account
 * page calls the _async wrapper, which does it on a worker.
 */

typedef struct
{
  char      *account_id;
  GPtrArray *plans;      /* JsonObject "plan" documents */
  GPtrArray *losses;     /* "loss" */
  GPtrArray *delays;     /* "delay" */
  GPtrArray *bridges;    /* "bridge" */
  GPtrArray *steps;      /* "plan_step", of every plan above */
  GPtrArray *activities; /* "activity" */
} RdAccountContext;

RdAccountContext *rd_account_context_load        (RdStore             *store,
                                                   const char          *account_id,
                                                   GError             **error);
void              rd_account_context_free        (RdAccountContext    *context);

/* The task's source object is @store; a cancelled call returns
 * G_IO_ERROR_CANCELLED. */
void              rd_account_context_load_async  (RdStore             *store,
                                                   const char          *account_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
RdAccountContext *rd_account_context_load_finish (RdStore             *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAccountContext, rd_account_context_free)

G_END_DECLS
