/* rd-store-sync.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/*
 * What the sync engine (src/sync) needs from the store.  Synchronous and
 * thread-safe like the rest of RdStore; the engine calls them on a worker.
 *
 * Bookkeeping per row: "rev" is the last server revision we know, "dirty"
 * says a local edit waits to be pushed, "base" is the document as last
 * synced (what a three-way merge compares against).  Documents the store
 * cannot hold (an unknown type, a newer enum) are kept verbatim in the
 * sync_foreign table and never altered; documents whose parent has not
 * arrived yet wait there too and are applied as soon as it has.
 */

/* A field both sides changed: the value that lost is kept so the user can
 * put it back. */
typedef struct
{
  gint64      id;               /* 0 until stored */
  char       *doc_id;
  char       *field;            /* a member name, or "_deleted" */
  JsonNode   *kept;             /* NULL: absent */
  JsonNode   *lost;             /* NULL: absent */
  gboolean    lost_is_local;    /* the value lost was edited on this desktop */
  char       *kept_updated_at;
  char       *lost_updated_at;
  char       *created_at;
} RdSyncConflict;

RdSyncConflict *rd_sync_conflict_new  (const char *doc_id,
                                       const char *field,
                                       JsonNode   *kept,
                                       JsonNode   *lost);
void            rd_sync_conflict_free (RdSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSyncConflict, rd_sync_conflict_free)

/* Merges a document edited here (@local, dirty) with the server's
 * (@remote) against @base (the last synced version; NULL when unknown).
 * Returns the merged document and appends RdSyncConflict items to
 * @conflicts.  Called with the store locked: it must not call the store. */
typedef JsonObject *(*RdStoreSyncMergeFunc) (JsonObject *base,
                                             JsonObject *local,
                                             JsonObject *remote,
                                             GPtrArray  *conflicts,
                                             gpointer    user_data);

typedef struct
{
  guint applied;     /* rows written from the server */
  guint unchanged;   /* already had that revision */
  guint merged;      /* merged with local edits (still to push) */
  guint conflicts;   /* fields where one side's value lost */
  guint kept;        /* kept verbatim (unknown type or newer fields) */
  guint waiting;     /* waiting for their parent document */
} RdStoreSyncStats;

/* sync_state key/value (checkpoints); NULL when unset. */
char       *rd_store_sync_get_state      (RdStore          *self,
                                          const char       *key,
                                          GError          **error);
gboolean    rd_store_sync_set_state      (RdStore          *self,
                                          const char       *key,
                                          const char       *value,
                                          GError          **error);

/* Applies server documents in ONE transaction, together with the checkpoint
 * @state_key = @state_value when @state_key is not NULL: after a crash
 * either both are in or neither.  Rows with unpushed local edits are
 * merged through @merge; the others take the server's version.  Remote
 * rows go through the store's write path (computed fields are fresh) but
 * are not marked dirty and write no history.  @texts (NULL, or one item
 * per document) holds each document's JSON as json_to_string() writes it,
 * kept as the rows' base: made by the caller, e.g. while the previous
 * page is applied.  The derived members (a delay's class, an account's
 * risk) are set on the documents of @docs themselves.  @stats is added to. */
gboolean    rd_store_sync_apply_documents (RdStore             *self,
                                          GPtrArray            *docs,
                                          GPtrArray            *texts,
                                          RdStoreSyncMergeFunc  merge,
                                          gpointer              merge_data,
                                          const char           *state_key,
                                          const char           *state_value,
                                          RdStoreSyncStats     *stats,
                                          GError              **error);

/* Up to @limit dirty documents (tombstones included), each with "_rev" =
 * the last server revision known for it, parents before children. */
GPtrArray  *rd_store_sync_list_outgoing  (RdStore          *self,
                                          guint             limit,
                                          GError          **error);
guint       rd_store_sync_count_outgoing (RdStore          *self,
                                          GError          **error);

/* Records that the documents of @pushed (as sent, "_rev" set to the new
 * revision) are on the server: rev and base are updated, and the row is
 * clean unless it was edited again meanwhile. */
gboolean    rd_store_sync_mark_pushed    (RdStore          *self,
                                          GPtrArray        *pushed,
                                          GError          **error);

/* Conflicts not yet restored or dismissed, newest first. */
GPtrArray  *rd_store_sync_list_conflicts (RdStore          *self,
                                          GError          **error);
/* Puts the lost value back (a local edit, pushed at the next sync). */
gboolean    rd_store_sync_restore_conflict (RdStore        *self,
                                          gint64            id,
                                          GError          **error);
gboolean    rd_store_sync_dismiss_conflict (RdStore        *self,
                                          gint64            id,
                                          GError          **error);

/* Kept verbatim: the number of documents held in sync_foreign. */
guint       rd_store_sync_count_foreign  (RdStore          *self,
                                          GError          **error);

/* A server document that fails validation: it is kept aside, the local
 * row keeps its own version and is not pushed until the server's changes
 * again.  @reason is the validator's message (it may quote server text). */
typedef struct
{
  char *doc_id;
  char *rev;
  char *reason;
} RdSyncQuarantined;

void        rd_sync_quarantined_free     (RdSyncQuarantined *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSyncQuarantined, rd_sync_quarantined_free)

GPtrArray  *rd_store_sync_list_quarantined (RdStore        *self,
                                          GError          **error);

G_END_DECLS
