/* rd-store-csv.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, imports that match against what is stored (the CSV import):
 * reading what is there, deciding what to write and writing it happen in
 * one write transaction, so that another import or a sync cannot land in
 * between and make the match wrong (duplicates, or a lost edit). */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-store.h"
#include "rd-store-private.h"

/* How long an import waits for another writer (another process importing,
 * or syncing) before it gives up; each BEGIN IMMEDIATE itself waits out the
 * connection's busy timeout. */
#define WRITER_PATIENCE_USEC (120 * G_USEC_PER_SEC)

/* BEGIN IMMEDIATE: this connection is the only writer from here on. */
static gboolean
begin_write_locked (RdStore       *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  gint64 give_up = g_get_monotonic_time () + WRITER_PATIENCE_USEC;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (_rd_store_begin (self, &local_error))
        return TRUE;

      if (!g_error_matches (local_error, RD_STORE_ERROR, RD_STORE_ERROR_BUSY)
          || g_get_monotonic_time () > give_up)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
}

/* rd-store-derive.c's settings key: the day the derived values were last
 * computed for the whole book. */
#define DERIVED_ON_KEY "derived-on"

/* Runs @sql, a SELECT of one true or false value. */
static gboolean
select_boolean_locked (RdStore     *self,
                       const char  *sql,
                       gboolean    *out_value,
                       GError     **error)
{
  gint64 value = 0;

  if (!_rd_store_select_int64_locked (self, sql, NULL, NULL, &value, error))
    return FALSE;
  *out_value = value != 0;
  return TRUE;
}

/* Whether the book has nothing whose derived values a refresh would
 * compute: then, once the import has rated what it wrote, every derived
 * value is as of today. */
static gboolean
nothing_derived_locked (RdStore  *self,
                        gboolean *out_nothing,
                        GError  **error)
{
  return select_boolean_locked (self,
                                "SELECT NOT (EXISTS (SELECT 1 FROM account WHERE deleted = 0) "
                                "OR EXISTS (SELECT 1 FROM delay WHERE deleted = 0))",
                                out_nothing, error);
}

/* Whether no account of the book has a delay or a bridge (the import
 * writes neither): then every account it writes is rated without either,
 * and nothing needs to be read for each one. */
static gboolean
no_delays_or_bridges_locked (RdStore  *self,
                             gboolean *out_none,
                             GError  **error)
{
  return select_boolean_locked (self,
                                "SELECT NOT (EXISTS (SELECT 1 FROM delay WHERE deleted = 0) "
                                "OR EXISTS (SELECT 1 FROM bridge WHERE deleted = 0))",
                                out_none, error);
}

/* An import into an empty book rates every account it writes as of today:
 * say so, or the next rd_store_refresh_derived_if_stale() (the command
 * line's, or the app's after its first frame) reads and rates the whole
 * book again, a fifth of the import's time. */
static gboolean
mark_derived_today_locked (RdStore  *self,
                           GError  **error)
{
  g_autofree char *today_text = NULL;
  GDate today;

  _rd_store_today_locked (self, &today);
  today_text = rd_date_to_string (&today);
  return _rd_store_set_setting_locked (self, DERIVED_ON_KEY, today_text, error);
}

/* What one import run keeps while it writes. */
struct _RdStoreImportWriter
{
  RdStore      *store;
  gboolean      dry_run;
  GCancellable *cancellable;
  char         *now;        /* every row's updated_at */
  int           lone;       /* -1 until asked: the book has no delay and no bridge */
  GHashTable   *written;    /* doc ids (owned) written so far */
  GHashTable   *seen;       /* empty between two checks */
  guint         n_written;
};

/* Before the first write: what the import's accounts are rated with, and
 * every row's updated_at. */
static gboolean
writer_start_locked (RdStoreImportWriter  *writer,
                     GError              **error)
{
  gboolean lone = FALSE;

  if (writer->now != NULL)
    return TRUE;

  if (!no_delays_or_bridges_locked (writer->store, &lone, error))
    return FALSE;
  writer->lone = lone;
  writer->now = rd_instant_now ();
  return TRUE;
}

static gboolean
count_written (RdStoreImportWriter  *writer,
               GError              **error)
{
  writer->n_written++;
  if (writer->n_written % 1000 == 0
      && g_cancellable_set_error_if_cancelled (writer->cancellable, error))
    return FALSE;

  return TRUE;
}

static gboolean
is_account (JsonObject *doc)
{
  return g_str_has_prefix (json_object_get_string_member (doc, "_id"), "account:");
}

/* Derives the effective end and the risk of @doc, an account the import
 * writes, in place, and the derive_on of its row (*@out_due); @lone when
 * the book has no delay and no bridge. */
static gboolean
rate_locked (RdStore     *self,
             JsonObject  *doc,
             gboolean     lone,
             char       **out_due,
             GError     **error)
{
  const char *uuid = json_object_get_string_member (doc, "_id") + strlen ("account:");

  if (lone)
    {
      g_autoptr(GPtrArray) no_bridges = g_ptr_array_new ();

      _rd_store_set_effective_end_locked (self, doc, no_bridges);
    }
  /* A changed contract end moves the effective end too. */
  else if (!_rd_store_derive_effective_end_locked (self, doc, uuid, error))
    return FALSE;

  return _rd_store_rate_account_due_locked (self, doc, uuid, lone, out_due, error);
}

/* The checks of rd_store_import_documents_full(): the document valid
 * (unless @valid says the caller's rd_document_check() of it passed), its
 * id not written before (refused in that check's words), and every
 * reference to a row that is there or was written before it. */
static gboolean
check_locked (RdStoreImportWriter  *writer,
              JsonObject           *doc,
              gboolean              valid,
              GError              **error)
{
  const char *doc_id = json_object_get_string_member_with_default (doc, "_id", NULL);
  gboolean ok = TRUE;

  if (doc_id != NULL && g_hash_table_contains (writer->written, doc_id))
    g_hash_table_add (writer->seen, (gpointer) doc_id);
  if (!valid || g_hash_table_size (writer->seen) > 0)
    ok = _rd_store_check_import_document (doc, writer->seen, error);
  g_hash_table_remove_all (writer->seen);
  if (!ok)
    return FALSE;
  g_hash_table_add (writer->written, g_strdup (json_object_get_string_member (doc, "_id")));

  return _rd_store_check_references (writer->store, doc, writer->written, error);
}

gboolean
_rd_store_import_writer_put (RdStoreImportWriter  *writer,
                             JsonObject           *doc,
                             gboolean              valid,
                             gboolean              fresh,
                             GError              **error)
{
  RdStore *self = writer->store;
  const char *sql = NULL;  /* the upsert */
  g_autofree char *due = NULL;  /* an account's derive_on */

  if (writer->dry_run)
    return TRUE;

  if (!writer_start_locked (writer, error) || !check_locked (writer, doc, valid, error))
    return FALSE;

  /* Accounts are rated as they go in. */
  if (is_account (doc) && !json_object_get_boolean_member_with_default (doc, "_deleted", FALSE)
      && !rate_locked (self, doc, writer->lone, &due, error))
    return FALSE;

  /* A row the import gave a new id is absent: a plain INSERT OR ROLLBACK,
   * without the statement journal an upsert costs (see EntitySql), that
   * also stores the day a new account is next due: the daily
   * re-derivation then derives it when that day comes, not the whole
   * import the next day. */
  if (fresh)
    sql = _rd_store_entity_sql_lookup (json_object_get_string_member (doc, "type"))->insert_sql;
  if (!_rd_store_write_document_with (self, doc, sql, writer->now, fresh ? due : NULL, error))
    {
      g_prefix_error (error, _("Document “%s”: "), json_object_get_string_member (doc, "_id"));
      return FALSE;
    }
  /* An account found in the book: after the upsert, whose triggers made it due. */
  if (due != NULL && !fresh && !_rd_store_set_written_due_locked (self, doc, error))
    return FALSE;

  return count_written (writer, error);
}

/* The document holding only the id and the references of @values: what
 * _rd_store_check_references() reads. */
static JsonObject *
references_document (const RdEntitySpec *spec,
                     const char         *doc_id,
                     const RdStoreValue *values)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", doc_id);
  for (guint f = 0; f < spec->n_fields; f++)
    {
      if (spec->fields[f].kind == RD_FIELD_REF && values[f].set)
        json_object_set_string_member (doc, spec->fields[f].name, values[f].text);
    }

  return doc;
}

/* Whether every reference of @values is to a row written before. */
static gboolean
references_written (RdStoreImportWriter *writer,
                    const RdEntitySpec  *spec,
                    const RdStoreValue  *values)
{
  for (guint f = 0; f < spec->n_fields; f++)
    {
      const RdFieldSpec *field = &spec->fields[f];
      g_autofree char *ref_doc_id = NULL;

      if (field->kind != RD_FIELD_REF || !values[f].set)
        continue;
      ref_doc_id = rd_document_make_id (field->ref_type, values[f].text);
      if (!g_hash_table_contains (writer->written, ref_doc_id))
        return FALSE;
    }

  return TRUE;
}

/* check_locked() for the new row @doc_id (taken) of @values, valid: its id
 * not written before, and its references there or written before it
 * (looked up in the table only when not written). */
static gboolean
check_values_locked (RdStoreImportWriter  *writer,
                     const RdEntitySpec   *spec,
                     char                 *doc_id,
                     const RdStoreValue   *values,
                     GError              **error)
{
  g_autoptr(JsonObject) refs = NULL;

  if (g_hash_table_contains (writer->written, doc_id))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("Document “%s” appears more than once"), doc_id);
      g_free (doc_id);
      return FALSE;
    }
  g_hash_table_add (writer->written, doc_id);
  if (references_written (writer, spec, values))
    return TRUE;

  refs = references_document (spec, doc_id, values);
  return _rd_store_check_references (writer->store, refs, writer->written, error);
}

static void
bind_values (sqlite3_stmt       *stmt,
             const RdEntitySpec *spec,
             const char         *uuid,
             const RdStoreValue *values,
             const char         *updated_at)
{
  int i = 1;

  /* The parameters of the entity's insert_sql, as upsert_document() binds
   * a document's members; the texts outlive the step. */
  sqlite3_bind_text (stmt, i++, uuid, -1, SQLITE_STATIC);
  for (guint f = 0; f < spec->n_fields; f++, i++)
    {
      if (!values[f].set)
        sqlite3_bind_null (stmt, i);
      else if (spec->fields[f].kind == RD_FIELD_INT)
        sqlite3_bind_int64 (stmt, i, values[f].number);
      else if (spec->fields[f].kind == RD_FIELD_BOOL)
        sqlite3_bind_int (stmt, i, values[f].number != 0);
      else
        sqlite3_bind_text (stmt, i, values[f].text, -1, SQLITE_STATIC);
    }
  sqlite3_bind_text (stmt, i++, updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_null (stmt, i++);    /* rev */
  sqlite3_bind_int (stmt, i++, 1);  /* dirty */
  sqlite3_bind_int (stmt, i++, 0);  /* deleted */
  sqlite3_bind_null (stmt, i++);    /* delete_batch */
  sqlite3_bind_null (stmt, i++);    /* extra */
  sqlite3_bind_null (stmt, i++);    /* base */
}

gboolean
_rd_store_import_writer_insert (RdStoreImportWriter  *writer,
                                const char           *type,
                                const char           *uuid,
                                const RdStoreValue   *values,
                                GError              **error)
{
  const EntitySql *es = _rd_store_entity_sql_lookup (type);
  RdStore *self = writer->store;
  char *doc_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (es != NULL, FALSE);
  g_return_val_if_fail (!g_str_equal (type, "account") && !g_str_equal (type, "delay"), FALSE);

  if (writer->dry_run)
    return TRUE;

  if (!writer_start_locked (writer, error))
    return FALSE;
  doc_id = rd_document_make_id (type, uuid);
  if (!check_values_locked (writer, es->spec, doc_id, values, error))
    return FALSE;

  stmt = _rd_store_prepare (self, es->insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_values (stmt, es->spec, uuid, values, writer->now);
  if (!_rd_store_step_done (self, stmt, error))
    {
      g_prefix_error (error, _("Document “%s”: "), doc_id);
      return FALSE;
    }

  return count_written (writer, error);
}

/* Lists the live documents of each of @types and lets @match decide and
 * write. */
static gboolean
match_and_write_locked (RdStore              *self,
                        const char * const   *types,
                        RdStoreImportWriter  *writer,
                        RdStoreMatchFunc      match,
                        gpointer              match_data,
                        GError              **error)
{
  guint n_types = g_strv_length ((GStrv) types);
  GPtrArray **existing = g_newa (GPtrArray *, n_types + 1);
  gboolean nothing_derived = FALSE;
  gboolean ok = TRUE;

  memset (existing, 0, sizeof (GPtrArray *) * (n_types + 1));
  ok = nothing_derived_locked (self, &nothing_derived, error);
  for (guint t = 0; ok && t < n_types; t++)
    {
      existing[t] = _rd_store_select_documents_locked (self, types[t], "deleted = 0", "rowid", NULL,
                                                       error);
      ok = existing[t] != NULL;
    }

  ok = ok && match (existing, writer, match_data, error);

  for (guint t = 0; t < n_types; t++)
    g_clear_pointer (&existing[t], g_ptr_array_unref);

  return ok && (writer->n_written == 0 || !nothing_derived || mark_derived_today_locked (self, error));
}

gboolean
_rd_store_import_matched (RdStore              *self,
                          const char * const   *types,
                          gboolean              dry_run,
                          RdStoreMatchFunc      match,
                          gpointer              match_data,
                          GCancellable         *cancellable,
                          GError              **error)
{
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  RdStoreImportWriter writer = { self, dry_run, cancellable, NULL, -1, written, seen, 0 };
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (types != NULL && types[0] != NULL, FALSE);
  g_return_val_if_fail (match != NULL, FALSE);

  g_mutex_lock (&self->mutex);

  /* A dry run only reads, from one snapshot.  The journal's place is
   * decided when the transaction begins. */
  if (!dry_run)
    _rd_store_set_bulk_writes (self, TRUE);
  ok = dry_run ? _rd_store_exec (self, "BEGIN", error)
               : begin_write_locked (self, cancellable, error);
  ok = ok && match_and_write_locked (self, types, &writer, match, match_data, error);
  if (ok && !dry_run)
    ok = _rd_store_commit (self, error);
  if (!ok || dry_run)
    _rd_store_rollback (self);
  if (!dry_run)
    _rd_store_set_bulk_writes (self, FALSE);

  g_mutex_unlock (&self->mutex);

  g_free (writer.now);
  if (ok && writer.n_written > 0)
    {
      for (guint t = 0; types[t] != NULL; t++)
        _rd_store_emit_changed (self, types[t], NULL);
    }

  return ok;
}
