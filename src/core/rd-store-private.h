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
void        _rd_store_set_bulk_writes      (RdStore      *self,
                                            gboolean      bulk);
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
/* Call without the lock. */
void        _rd_store_emit_changed         (RdStore     *self,
                                            const char  *type,
                                            const char  *id);
/* The index in rd_entity_specs () of @doc_id's type ("type:uuid"), or
 * the number of specs when it has none of them. */
int         _rd_store_spec_index           (const char  *doc_id);
/* "changed" for each of @doc_ids ("type:uuid"), or, for a batch of more
 * than a few, once per type with a NULL id.  Call without the lock. */
void        _rd_store_emit_changes         (RdStore     *self,
                                            GPtrArray   *doc_ids);

/* The store's state, shared by its files (rd-store-*.c). */
struct _RdStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  GMutex        mutex;        /* guards db and stmts */
  GHashTable   *stmts;        /* SQL text → sqlite3_stmt, prepared once */
  GMainContext *main_context; /* where "changed" and notify::busy are emitted */
  RdRiskConfig *risk_config;  /* guarded by mutex; NULL until first needed */
  int           n_jobs;       /* atomic */
  gboolean      applying_remote; /* guarded by mutex; see rd-store-private.h */
  GDate         today;           /* guarded by mutex; see _rd_store_today_locked() */
  gint64        today_checked;   /* monotonic time today was looked up; 0 = never */
  gboolean      today_fixed;     /* set by rd_store_set_today() */
  gboolean      check_pages_later; /* construct-only; see rd_store_check_pages() */
};

/* Per-entity SQL, built once from the static specs (never from input). */
typedef struct
{
  const RdEntitySpec *spec;
  char               *select_sql;   /* id, fields…, updated_at, rev, deleted, extra */
  char               *upsert_sql;
  char               *insert_sql;   /* the upsert's INSERT alone, OR ROLLBACK */
} EntitySql;

/* rd-store-sql.c */
int         _rd_store_error_code_for_sqlite (int rc);
gboolean    _rd_store_set_db_error         (sqlite3     *db,
                                            int          rc,
                                            GError     **error);
gboolean    _rd_store_copy_document_error  (GError  *doc_error,
                                            GError **error);
gboolean    _rd_store_begin                (RdStore  *self,
                                            GError  **error);
char       *_rd_store_column_dup           (sqlite3_stmt *stmt,
                                            int           col);
/* A key's value in a key/value table, read by @select_sql ("SELECT value
 * … WHERE key = ?"; takes the lock) or written by @insert_sql (key, value;
 * lock held). */
char       *_rd_store_get_value            (RdStore     *self,
                                            const char  *select_sql,
                                            const char  *key,
                                            GError     **error);
gboolean    _rd_store_set_value_locked     (RdStore     *self,
                                            const char  *insert_sql,
                                            const char  *key,
                                            const char  *value,
                                            GError     **error);
/* The first column of @sql's first row, with ?1 @arg1 and ?2 @arg2 (each
 * optional); FALSE with @error set when there is no row (lock held). */
gboolean    _rd_store_select_int64_locked  (RdStore     *self,
                                            const char  *sql,
                                            const char  *arg1,
                                            const char  *arg2,
                                            gint64      *out_value,
                                            GError     **error);
/* rd_store_set_setting() with the lock held, in rd-store.c (the caller
 * drops what the setting's value is cached in). */
gboolean    _rd_store_set_setting_locked   (RdStore     *self,
                                            const char  *key,
                                            const char  *value,
                                            GError     **error);

/* rd-store-schema.c */
void        _rd_store_build_entity_sql     (void);
const EntitySql *_rd_store_entity_sql_lookup (const char *type);
gboolean    _rd_store_check_existing_file  (const char  *path,
                                            GError     **error);
gboolean    _rd_store_migrate              (RdStore  *self,
                                            GError  **error);

/* rd-store-documents.c */
/* The document of a row of @spec's select_sql (EntitySql), on any
 * connection. */
JsonObject *_rd_store_row_to_document      (const RdEntitySpec *spec,
                                            sqlite3_stmt       *stmt);
char       *_rd_store_node_to_string       (JsonNode *node);
gboolean    _rd_store_upsert_document      (RdStore     *self,
                                            JsonObject  *doc,
                                            const char  *updated_at,
                                            GError     **error);
gboolean    _rd_store_check_references     (RdStore     *self,
                                            JsonObject  *doc,
                                            GHashTable  *pending,
                                            GError     **error);
gboolean    _rd_store_documents_differ     (JsonObject *a,
                                            JsonObject *b);
const char *_rd_store_risk_parent_of       (JsonObject *doc);
/* The live bridges of an account. */
GPtrArray  *_rd_store_bridges_of_locked    (RdStore     *self,
                                            const char  *account_id,
                                            GError     **error);
/* Sets the account document's effective_end from its bridges in the
 * database (rd_lifecycle_effective_end()); every path that writes an
 * account calls it. */
gboolean    _rd_store_derive_effective_end_locked (RdStore     *self,
                                                   JsonObject  *account_doc,
                                                   const char  *uuid,
                                                   GError     **error);
/* A copy of the account with effective_end derived from its bridges in the
 * database, or NULL when that changes nothing (or on error, then set). */
JsonObject *_rd_store_account_with_derived_end_locked (RdStore     *self,
                                                       const char  *account_id,
                                                       GError     **error);
/* FALSE with a message when @bridge is a new acceptance that overlaps an
 * accepted bridge of its account (@old_bridge: the stored version). */
gboolean    _rd_store_check_bridge_overlap_locked (RdStore     *self,
                                                   JsonObject  *bridge,
                                                   JsonObject  *old_bridge,
                                                   GError     **error);
gboolean    _rd_store_put_document         (RdStore     *self,
                                            JsonObject  *doc,
                                            GError     **error);
gboolean    _rd_store_delete_entity        (RdStore     *self,
                                            const char  *type,
                                            const char  *uuid,
                                            GError     **error);
gboolean    _rd_store_undelete_entity      (RdStore     *self,
                                            const char  *type,
                                            const char  *uuid,
                                            GError     **error);
/* @where and @order_by are static SQL (@where may be NULL). */
GPtrArray  *_rd_store_select_documents_locked (RdStore     *self,
                                               const char  *type,
                                               const char  *where,
                                               const char  *order_by,
                                               const char  *param,
                                               GError     **error);
GPtrArray  *_rd_store_select_documents     (RdStore     *self,
                                            const char  *type,
                                            const char  *where,
                                            const char  *order_by,
                                            const char  *param,
                                            GError     **error);

/* rd-store-history.c */
char       *_rd_store_member_text          (const RdFieldSpec *field,
                                            JsonObject        *doc);
gboolean    _rd_store_write_event          (RdStore     *self,
                                            const char  *account_id,
                                            const char  *entity,
                                            const char  *entity_id,
                                            const char  *action,
                                            const char  *field,
                                            const char  *old_value,
                                            const char  *new_value,
                                            JsonObject  *facts,
                                            const char  *now,
                                            GError     **error);
char       *_rd_store_account_of           (RdStore    *self,
                                            const char *type,
                                            const char *uuid,
                                            JsonObject *doc);
gboolean    _rd_store_write_change_events  (RdStore     *self,
                                            const char  *type,
                                            const char  *uuid,
                                            JsonObject  *old_doc,
                                            JsonObject  *new_doc,
                                            const char  *now,
                                            GError     **error);

/* rd-store-derive.c */
gboolean    _rd_store_is_derived_field     (const char  *name);
/* Removes the derived members of @doc. */
void        _rd_store_strip_derived        (JsonObject  *doc);
void        _rd_store_today_locked         (RdStore     *self,
                                            GDate       *out);
gboolean    _rd_store_classify_delay_locked (RdStore     *self,
                                             JsonObject  *doc,
                                             GError     **error);
gboolean    _rd_store_rate_account_locked  (RdStore     *self,
                                            JsonObject  *doc,
                                            const char  *uuid,
                                            GError     **error);
gboolean    _rd_store_write_derived_locked (RdStore     *self,
                                            const char  *table,
                                            const char  *uuid,
                                            JsonObject  *old_doc,
                                            JsonObject  *doc,
                                            gboolean    *out_changed,
                                            GError     **error);
gboolean    _rd_store_reclassify_delays_locked (RdStore     *self,
                                                const char  *account_id,
                                                GError     **error);
gboolean    _rd_store_rederive_account_locked (RdStore     *self,
                                               const char  *account_id,
                                               GError     **error);
gboolean    _rd_store_refresh_risk_locked  (RdStore     *self,
                                            const char  *uuid,
                                            gboolean    *out_changed,
                                            GError     **error);

/* rd-store-transfer.c */
/* Validates @doc for an import and adds its "_id" to @pending (borrowed),
 * refusing an id already there. */
gboolean    _rd_store_check_import_document (JsonObject  *doc,
                                             GHashTable  *pending,
                                             GError     **error);

/* rd-store-csv.c */
/* Writes what an import matched, each document as soon as it is final. */
typedef struct _RdStoreImportWriter RdStoreImportWriter;
/* Decides what to write from @existing, one array of the live documents per
 * type asked for (the same order, NULL-terminated), and hands each document
 * to _rd_store_import_writer_put(), accounts before what refers to them.
 * Runs with the lock held, inside the transaction: it must not call the
 * store otherwise. */
typedef gboolean (*RdStoreMatchFunc) (GPtrArray           **existing,
                                      RdStoreImportWriter  *writer,
                                      gpointer              user_data,
                                      GError              **error);
/* Reads the live documents of @types and calls @match, all in one write
 * transaction (BEGIN IMMEDIATE, the lock held, waiting for other writers),
 * so nothing can land between the match and the write; a failure rolls
 * every write back.  A @dry_run reads one snapshot and writes nothing.
 * Call without the lock. */
gboolean    _rd_store_import_matched       (RdStore              *self,
                                            const char * const   *types,
                                            gboolean              dry_run,
                                            RdStoreMatchFunc      match,
                                            gpointer              match_data,
                                            GCancellable         *cancellable,
                                            GError              **error);
/* Checks @doc as rd_store_import_documents_full() does (valid, its id once,
 * what it refers to there or written before) and writes it, an account
 * rated first (as rd_store_import_documents_full() rates it); nothing in a
 * dry run.  @valid: the caller's rd_document_check() passed on @doc as it
 * is, so it is not validated again.  @fresh: the caller made @doc's id for
 * this import, so no row (not even a deleted one) holds it.  @doc is the
 * caller's, changed in place. */
gboolean    _rd_store_import_writer_put    (RdStoreImportWriter  *writer,
                                            JsonObject           *doc,
                                            gboolean              valid,
                                            gboolean              fresh,
                                            GError              **error);

/* rd-store.c */
void        _rd_store_job_begin            (RdStore *self);
void        _rd_store_job_end              (RdStore *self);

/* For writing many accounts at once (the CSV import): the parts of
 * _rd_store_derive_effective_end_locked() and _rd_store_rate_account_locked()
 * that do not read the database.  rd-store-documents.c: sets effective_end
 * from @bridges, the account's live bridges.  rd-store-derive.c: rates an
 * account that has no open delay and no accepted bridge. */
void        _rd_store_set_effective_end_locked (RdStore    *self,
                                                JsonObject *account_doc,
                                                GPtrArray  *bridges);
void        _rd_store_rate_lone_account_locked (RdStore    *self,
                                                JsonObject *doc);

/* rd-store-scan.c */
/* json_from_string (@text, NULL), short for arrays of plain strings. */
JsonNode   *_rd_store_parse_column_json    (const char *text);

/* rd-store-sql.c: the rows of @sql with @params (NULL-terminated, or NULL),
 * each made by @row_new and freed by @row_free; NULL with @error set. */
typedef gpointer (*RdStoreRowNewFunc) (sqlite3_stmt *stmt,
                                       gpointer      user_data);
GPtrArray  *_rd_store_select_rows          (RdStore            *self,
                                            const char         *sql,
                                            const char * const *params,
                                            RdStoreRowNewFunc   row_new,
                                            gpointer            user_data,
                                            GDestroyNotify      row_free,
                                            GError            **error);

/* rd-store-documents.c: rd_store_put_documents() with @hook run in its
 * transaction, with the lock held: right after it begins (@puts_done
 * FALSE) and after the puts (TRUE).  A FALSE return rolls all back. */
typedef gboolean (*RdStorePutHook) (RdStore   *self,
                                    gboolean   puts_done,
                                    gpointer   user_data,
                                    GError   **error);
gboolean    _rd_store_put_documents_hooked (RdStore            *self,
                                            GPtrArray          *docs,
                                            RdStorePutHook      hook,
                                            gpointer            hook_data,
                                            GError            **error);

/* rd-store-documents.c: what sync writes with a server document's row. */
typedef struct
{
  gboolean    absent;   /* the row is known not to exist: nothing to load */
  gboolean    own_doc;  /* derived members may be set on the document itself */
  gboolean    lone;     /* an absent account no delay or bridge can name yet */
  gboolean    dirty;    /* the row's dirty flag after the write */
  const char *base;     /* the server's JSON text: the next merge's base */
  gboolean    written;  /* set when the upsert wrote dirty, rev and base */
} RdStoreSyncedRow;
/* Writes a document that came from the server through the same path as a
 * local edit (delay class, account risk, the parent account's risk, kept
 * unknown members), with its own updated_at and without history events.
 * When its fields changed, the same upsert writes @row's bookkeeping and
 * sets row->written; otherwise the caller writes dirty, rev and base. */
gboolean    _rd_store_put_remote_locked    (RdStore           *self,
                                            JsonObject        *doc,
                                            RdStoreSyncedRow  *row,
                                            gboolean          *out_changed,
                                            GError           **error);

/* rd-store-documents.c: _rd_store_upsert_document() with @sql, a statement
 * of the same parameters as the entity's upsert_sql (NULL: that one), or
 * its insert_sql, which for an account or a delay also takes @derive_on
 * (else NULL). */
gboolean    _rd_store_write_document_with  (RdStore     *self,
                                            JsonObject  *doc,
                                            const char  *sql,
                                            const char  *updated_at,
                                            const char  *derive_on,
                                            GError     **error);

/* rd-store-schema.c: _rd_store_check_existing_file () but for the reading of
 * every page, done only if the file is about to be migrated; that reading
 * alone (nothing to do for a missing or big file). */
gboolean    _rd_store_check_existing_file_but_pages (const char  *path,
                                                     GError     **error);
gboolean    _rd_store_check_pages          (const char  *path,
                                            GError     **error);

/* rd-store-derive.c: derive_on written with the derived values (schema v9),
 * so that the next daily re-derivation does not derive again what a writer
 * has just derived.  _rd_store_rate_account_due_locked() rates an account
 * document as _rd_store_rate_account_locked() does (without reading the
 * book when @lone: it has no delay and no bridge) and gives its row's
 * derive_on, for the entity's insert_sql.  _rd_store_written_due_locked()
 * gives the derive_on of @doc, an account or a delay whose derived values
 * a writer set as of today from what is stored (NULL for other types and
 * deleted ones), for the insert_sql of a row known to be absent;
 * _rd_store_set_written_due_locked() stores it into the row of @doc just
 * written (an upsert, whose triggers made it due). */
gboolean    _rd_store_rate_account_due_locked (RdStore     *self,
                                               JsonObject  *doc,
                                               const char  *uuid,
                                               gboolean     lone,
                                               char       **out_due,
                                               GError     **error);
gboolean    _rd_store_written_due_locked   (RdStore     *self,
                                            JsonObject  *doc,
                                            char       **out_due,
                                            GError     **error);
gboolean    _rd_store_set_written_due_locked (RdStore     *self,
                                              JsonObject  *doc,
                                              GError     **error);

/* rd-store-records.c: a read that passes over a whole table once goes
 * through a small page cache of its own (in KiB, as PRAGMA cache_size
 * takes it), or it leaves the table's pages in the connection's cache,
 * allocated on whichever worker ran it: memory that worker's malloc arena
 * keeps after the cache lets go of them.  _rd_store_swap_cache_size_locked()
 * sets the size and returns the former one (0 when it could not be read,
 * and then changes nothing). */
#define RD_STORE_SCAN_CACHE_SIZE (-1024)
gint64      _rd_store_swap_cache_size_locked (RdStore     *self,
                                              gint64       size);

/* rd-store-csv.c: a new row written from typed values, without a document
 * (the CSV import's new stakeholders).  One RdStoreValue per field of the
 * type's spec, in its order: @set FALSE for none (NULL), else @text for
 * text, dates, enums, references and codes, @number for whole numbers and
 * booleans.  The same checks and the same row as _rd_store_import_writer_put()
 * with @valid and @fresh TRUE on the document of those values; only for
 * types without derived values or lists. */
typedef struct
{
  gboolean    set;
  const char *text;
  gint64      number;
} RdStoreValue;

gboolean    _rd_store_import_writer_insert (RdStoreImportWriter  *writer,
                                            const char           *type,
                                            const char           *uuid,
                                            const RdStoreValue   *values,
                                            GError              **error);

/* The open reminders, and when each fires as a Julian day: its due time,
 * or its snooze when later (rd_reminder_get_effective_due()).  Schema v14's
 * reminder_open_due_idx holds the second for the first, so the reads in
 * rd-store-list.c must spell both exactly so for SQLite to use it. */
#define RD_STORE_OPEN_REMINDER "deleted = 0 AND COALESCE (done_at, '') = ''"
#define RD_STORE_REMINDER_EFFECTIVE_DUE \
  "MAX (julianday (due_at), COALESCE (julianday (snoozed_until), 0))"

G_END_DECLS
