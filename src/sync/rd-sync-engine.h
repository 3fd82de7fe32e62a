/* rd-sync-engine.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"
#include "rd-store-sync.h"
#include "rd-sync-client.h"

G_BEGIN_DECLS

typedef struct
{
  guint pulled;      /* server documents written here */
  guint pushed;      /* documents the server accepted */
  guint merged;      /* documents merged with edits from both sides */
  guint conflicts;   /* fields whose other value was kept in Conflicts */
  guint kept;        /* kept as they are (unknown type or newer fields) */
  guint rejected;    /* refused by the server (forbidden, unauthorized) */
  guint pages;       /* pages of _changes applied */
  guint quarantined; /* server documents refused as invalid (see below) */
  guint unsettled;   /* local changes still conflicting after MAX_SENDS tries */
  gboolean more_to_pull; /* stopped after the page limit; the next sync goes on */
} RdSyncSummary;

/* "pulled 12, pushed 3, merged 1, conflicts 1" */
char *rd_sync_summary_to_string (const RdSyncSummary *summary);

/*
 * One sync round between an RdStore and a database: pull every change
 * since the checkpoint, page by page (each page and its checkpoint in one
 * transaction), then push the dirty rows, merging on conflicts.  Network
 * I/O runs on the caller's main context; the store is written on a worker
 * thread, so a window never waits.
 */
#define RD_TYPE_SYNC_ENGINE (rd_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncEngine, rd_sync_engine, RD, SYNC_ENGINE, GObject)

RdSyncEngine *rd_sync_engine_new            (RdStore      *store,
                                             RdSyncClient *client);
RdSyncClient *rd_sync_engine_get_client     (RdSyncEngine *self);
/* Documents per _changes page (default 1000). */
void          rd_sync_engine_set_page_size  (RdSyncEngine *self,
                                             guint         page_size);
/* Test hook: fail with RD_SYNC_ERROR_INTERRUPTED right after @n pages
 * were applied (0: never), as if the process were killed there. */
void          rd_sync_engine_set_fail_after_pages (RdSyncEngine *self,
                                             guint         n);

/* Test hooks and bounds: pages of _changes in one sync (default 500),
 * documents per _bulk_docs (default 500), seconds for the whole sync
 * (default 30 min; then G_IO_ERROR_TIMED_OUT).  0 keeps the default. */
void          rd_sync_engine_set_limits     (RdSyncEngine *self,
                                             guint         max_pages,
                                             guint         push_batch,
                                             guint         deadline_s);
/* The server documents refused as invalid, as of the last round that
 * finished (RdSyncQuarantined; NULL before).  Each stays aside, and the
 * local row unpushed, until the server has a valid version again. */
GPtrArray    *rd_sync_engine_get_quarantined (RdSyncEngine *self);
/* "Account account:1f2e…: the name is empty", safe to print. */
char         *rd_sync_quarantined_describe  (RdSyncQuarantined *item);

/* "progress" (guint done, guint total): documents pulled or pushed so
 * far; total is 0 when unknown. */
void          rd_sync_engine_run_async      (RdSyncEngine        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      rd_sync_engine_run_finish     (RdSyncEngine  *self,
                                             GAsyncResult  *result,
                                             RdSyncSummary *out_summary,
                                             GError       **error);
/* Runs a round in a main loop of its own (command line, tests). */
gboolean      rd_sync_engine_run            (RdSyncEngine  *self,
                                             RdSyncSummary *out_summary,
                                             GError       **error);

G_END_DECLS
