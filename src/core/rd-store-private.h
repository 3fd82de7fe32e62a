/* rd-store-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* The few internals of rd-store.c that rd-store-sync.c builds on.  Every
 * _locked function runs with _rd_store_lock() held, inside a transaction
 * the caller began on _rd_store_get_db(). */

void        _rd_store_lock                 (RdStore     *self);
void        _rd_store_unlock               (RdStore     *self);
sqlite3    *_rd_store_get_db               (RdStore     *self);
/* A statement from the store's cache, reset and unbound; NULL and @error set
 * on failure.  Never finalize it. */
sqlite3_stmt *_rd_store_prepare            (RdStore     *self,
                                            const char  *sql,
                                            GError     **error);
/* The store's own statement helpers, for the same errors everywhere. */
gboolean    _rd_store_exec                 (RdStore      *self,
                                            const char   *sql,
                                            GError      **error);
/* Steps a statement that returns no rows, then resets it. */
gboolean    _rd_store_step_done            (RdStore      *self,
                                            sqlite3_stmt *stmt,
                                            GError      **error);
/* Commits; when that fails (a deferred foreign key), rolls back. */
gboolean    _rd_store_commit               (RdStore      *self,
                                            GError      **error);
void        _rd_store_rollback             (RdStore      *self);
/* Binds @text, or NULL for a NULL @text. */
void        _rd_store_bind_text            (sqlite3_stmt *stmt,
                                            int           index,
                                            const char   *text);
/* The row as a document (tombstones included), NULL when absent. */
JsonObject *_rd_store_load_document_locked (RdStore     *self,
                                            const char  *type,
                                            const char  *uuid,
                                            GError     **error);
/* Writes a document that came from the server through the same path as a
 * local edit (delay class, account risk, the parent account's risk, kept
 * unknown members), with its own updated_at and without history events.
 * The row is left dirty: the caller sets dirty, rev and base after. */
gboolean    _rd_store_put_remote_locked    (RdStore     *self,
                                            JsonObject  *doc,
                                            gboolean    *out_changed,
                                            GError     **error);
/* Call without the lock. */
void        _rd_store_emit_changed         (RdStore     *self,
                                            const char  *type,
                                            const char  *id);

G_END_DECLS
