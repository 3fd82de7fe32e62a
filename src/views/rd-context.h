/* rd-context.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-clock.h"
#include "rd-store.h"
#include "rd-sync-service.h"

G_BEGIN_DECLS

/*
 * What every view needs from the application, in one object: the store,
 * the clock, the application's settings and the sync service.  The
 * application creates one and hands it to the window ("context", construct
 * only), which hands it to its views and dialogs; no view opens settings
 * or looks services up by itself.
 *
 * The store opens asynchronously, so "store" starts NULL and is set (and
 * notified) once it is open.  The sync service of that store is started
 * on first use (the window asks for it; a process without a window does
 * not sync) and dropped with the store.  "settings" is NULL only when the
 * schema is not installed.
 */

#define RD_TYPE_CONTEXT (rd_context_get_type ())

G_DECLARE_FINAL_TYPE (RdContext, rd_context, RD, CONTEXT, GObject)

/* @clock: NULL for the real wall clock. */
RdContext     *rd_context_new              (RdClock   *clock);

RdClock       *rd_context_get_clock        (RdContext *self);
GSettings     *rd_context_get_settings     (RdContext *self);
RdStore       *rd_context_get_store        (RdContext *self);
/* Also drops the sync service of the previous store. */
void           rd_context_set_store        (RdContext *self,
                                            RdStore   *store);
/* The sync service of the store, started on first use; NULL without a store. */
RdSyncService *rd_context_get_sync_service (RdContext *self);

/* Today's date by the context's clock. */
void           rd_context_get_today        (RdContext *self,
                                            GDate     *out);
/* Today as YYYY-MM-DD by the clock of @self, or by the wall clock when
 * @self is NULL. */
char          *rd_context_dup_today_iso    (RdContext *self);

/* What a view does with the store it shows; @store may be NULL. */
typedef void (*RdContextStoreFunc) (gpointer  instance,
                                    RdStore  *store);

/*
 * A view's context setter in one call: points *@slot (the view's own
 * reference) at @context, calls @set_store on @instance with the
 * context's store (NULL without a context) now and again whenever that
 * store changes, for as long as @instance lives, and stops following the
 * previous context.  Returns FALSE, doing nothing, when *@slot already
 * is @context; TRUE when the caller should notify its "context".
 */
gboolean       rd_context_follow_store     (RdContext          **slot,
                                            RdContext           *context,
                                            gpointer             instance,
                                            RdContextStoreFunc   set_store);

G_END_DECLS
