/* rd-account-pane.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_PANE (rd_account_pane_get_type ())

G_DECLARE_DERIVABLE_TYPE (RdAccountPane, rd_account_pane, RD, ACCOUNT_PANE, AdwBin)

/*
 * What the panes of the account page (bridges, concerns, plan) have in
 * common: the context they reach the store through ("context", notified
 * when it changes) and a cancellable for their store calls, cancelled
 * when the pane is disposed.  A subclass disposes its child, its template
 * and its own fields, then chains up.
 */
struct _RdAccountPaneClass
{
  AdwBinClass parent_class;
};

RdContext    *rd_account_pane_get_context     (RdAccountPane *self);
void          rd_account_pane_set_context     (RdAccountPane *self,
                                               RdContext     *context);
/* The context's store; NULL without a context or before it is open. */
RdStore      *rd_account_pane_get_store       (RdAccountPane *self);
GCancellable *rd_account_pane_get_cancellable (RdAccountPane *self);

G_END_DECLS
