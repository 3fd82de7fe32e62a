/* rd-store-transfer.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, whole-database transfer: export, import and the sample. */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-account-private.h"
#include "rd-contact-private.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-risk.h"
#include "rd-sample-private.h"
#include "rd-store.h"
#include "rd-store-private.h"

GPtrArray *
rd_store_export_documents (RdStore   *self,
                           gboolean   with_deleted,
                           GError   **error)
{
  g_autoptr(GPtrArray) all = NULL;
  const RdEntitySpec *specs;
  guint n_specs;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  specs = rd_entity_specs (&n_specs);
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  /* One read transaction, so the export is a consistent snapshot. */
  g_mutex_lock (&self->mutex);
  if (!_rd_store_exec (self, "BEGIN", error))
    {
      g_mutex_unlock (&self->mutex);
      return NULL;
    }

  for (guint s = 0; s < n_specs; s++)
    {
      g_autoptr(GPtrArray) docs = NULL;

      docs = _rd_store_select_documents_locked (self, specs[s].type, with_deleted ? NULL : "deleted = 0",
                                      "id", NULL, error);
      if (docs == NULL)
        {
          _rd_store_rollback (self);
          g_mutex_unlock (&self->mutex);
          return NULL;
        }

      for (guint i = 0; i < docs->len; i++)
        g_ptr_array_add (all, json_object_ref (g_ptr_array_index (docs, i)));
    }

  _rd_store_rollback (self);
  g_mutex_unlock (&self->mutex);

  return g_steal_pointer (&all);
}

/* The streamed export ------------------------------------------------------ */

#define EXPORT_FLUSH_SIZE (256 * 1024)

typedef struct
{
  FILE          *out;
  JsonGenerator *generator;
  GString       *doc_text;  /* one document, as the generator writes it */
  GString       *buffer;    /* what is not written yet */
  guint          n_written;
} ExportWriter;

static gboolean
set_errno_error (int      saved,
                 GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
  return FALSE;
}

static gboolean
flush_export (ExportWriter  *writer,
              GError       **error)
{
  if (writer->buffer->len > 0 &&
      fwrite (writer->buffer->str, 1, writer->buffer->len, writer->out) != writer->buffer->len)
    return set_errno_error (errno, error);
  g_string_truncate (writer->buffer, 0);
  return TRUE;
}

/* Adds @doc as the next element of the array, in the bytes
 * rd_documents_to_data () writes for it: the document's own pretty text,
 * each line indented one level more. */
static gboolean
write_export_document (ExportWriter  *writer,
                       JsonObject    *doc,
                       GError       **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), doc);

  json_generator_set_root (writer->generator, node);
  g_string_truncate (writer->doc_text, 0);
  json_generator_to_gstring (writer->generator, writer->doc_text);

  g_string_append (writer->buffer, writer->n_written > 0 ? ",\n  " : "\n  ");
  /* Strings are escaped, so each newline ends a line of the layout. */
  for (const char *p = writer->doc_text->str; *p != '\0'; p++)
    {
      g_string_append_c (writer->buffer, *p);
      if (*p == '\n')
        g_string_append (writer->buffer, "  ");
    }
  writer->n_written++;

  return writer->buffer->len < EXPORT_FLUSH_SIZE || flush_export (writer, error);
}

/* Writes the documents of @db's snapshot, every entity in turn and each
 * by id, as rd_store_export_documents () lists them. */
static gboolean
write_export_documents (ExportWriter  *writer,
                        sqlite3       *db,
                        gboolean       with_deleted,
                        GCancellable  *cancellable,
                        GError       **error)
{
  guint n_specs;
  const RdEntitySpec *specs = rd_entity_specs (&n_specs);

  g_string_append_c (writer->buffer, '[');

  for (guint s = 0; s < n_specs; s++)
    {
      const EntitySql *es = _rd_store_entity_sql_lookup (specs[s].type);
      g_autofree char *sql = g_strconcat (es->select_sql, with_deleted ? "" : " WHERE deleted = 0",
                                          " ORDER BY id", NULL);
      sqlite3_stmt *stmt = NULL;
      gboolean ok = TRUE;
      int rc;

      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      while (rc == SQLITE_OK && ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(JsonObject) doc = _rd_store_row_to_document (es->spec, stmt);

          rc = SQLITE_OK;
          ok = write_export_document (writer, doc, error) &&
               ((writer->n_written % 256) != 0 ||
                !g_cancellable_set_error_if_cancelled (cancellable, error));
        }
      if (ok && rc != SQLITE_DONE)
        ok = _rd_store_set_db_error (db, rc, error);
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }

  g_string_append (writer->buffer, writer->n_written > 0 ? "\n]" : "]");
  return flush_export (writer, error);
}

/* A read-only connection of its own, in a read transaction: a snapshot
 * of the committed data that neither holds the store's lock nor keeps
 * writers waiting (the database is in WAL mode). */
static sqlite3 *
open_snapshot (RdStore  *self,
               GError  **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, 5000);
  /* Read once, in order: a small cache, freed with the connection. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA cache_size = -1024", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_store_set_db_error (db, rc, error);
      sqlite3_close_v2 (db);
      return NULL;
    }

  return db;
}

/* Writes the whole of @out and makes it durable, then closes it. */
static gboolean
close_export_file (FILE    *out,
                   GError **error)
{
  int saved = 0;

  if (fflush (out) != 0 || fsync (fileno (out)) != 0)
    saved = errno;
  if (fclose (out) != 0 && saved == 0)
    saved = errno;

  return saved == 0 || set_errno_error (saved, error);
}

gboolean
rd_store_export_to_file (RdStore       *self,
                         const char    *path,
                         gboolean       with_deleted,
                         guint         *out_n_written,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *tmp_path = NULL;
  ExportWriter writer = { NULL, };
  sqlite3 *db;
  gboolean ok;
  int fd;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  db = open_snapshot (self, error);
  if (db == NULL)
    return FALSE;

  /* Next to @path, renamed over it once whole, as
   * G_FILE_SET_CONTENTS_CONSISTENT does; private like the database. */
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      sqlite3_close_v2 (db);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }

  writer.out = fdopen (fd, "w");
  if (writer.out == NULL)
    {
      int saved = errno;

      close (fd);
      g_unlink (tmp_path);
      sqlite3_close_v2 (db);
      return set_errno_error (saved, error);
    }
  writer.generator = json_generator_new ();
  json_generator_set_pretty (writer.generator, TRUE);
  json_generator_set_indent (writer.generator, 2);
  writer.doc_text = g_string_new (NULL);
  writer.buffer = g_string_sized_new (EXPORT_FLUSH_SIZE + 4096);

  ok = write_export_documents (&writer, db, with_deleted, cancellable, error);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close_v2 (db);

  if (ok)
    ok = close_export_file (g_steal_pointer (&writer.out), error);
  else
    fclose (g_steal_pointer (&writer.out));
  if (ok && g_rename (tmp_path, path) != 0)
    ok = set_errno_error (errno, error);
  if (!ok)
    g_unlink (tmp_path);

  g_object_unref (writer.generator);
  g_string_free (writer.doc_text, TRUE);
  g_string_free (writer.buffer, TRUE);

  if (ok && out_n_written != NULL)
    *out_n_written = writer.n_written;
  return ok;
}

static int
spec_index (const char *type)
{
  const RdEntitySpec *specs;
  guint n_specs;

  specs = rd_entity_specs (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      if (g_str_equal (specs[i].type, type))
        return (int) i;
    }

  return -1;
}

typedef struct
{
  JsonObject *doc;
  int         order;
  guint       position;
} ImportItem;

static int
compare_import_items (gconstpointer a,
                      gconstpointer b)
{
  const ImportItem *ia = a;
  const ImportItem *ib = b;

  if (ia->order != ib->order)
    return ia->order < ib->order ? -1 : 1;

  return ia->position < ib->position ? -1 : (ia->position > ib->position);
}

gboolean
rd_store_import_documents (RdStore    *self,
                           GPtrArray  *docs,
                           GError    **error)
{
  return rd_store_import_documents_full (self, docs, NULL, NULL, NULL, error);
}

gboolean
_rd_store_check_import_document (JsonObject  *doc,
                                 GHashTable  *pending,
                                 GError     **error)
{
  g_autoptr(GError) doc_error = NULL;
  const char *doc_id;

  if (!rd_document_validate (doc, &doc_error))
    return _rd_store_copy_document_error (doc_error, error);

  doc_id = json_object_get_string_member (doc, "_id");
  if (!g_hash_table_add (pending, (gpointer) doc_id))
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("Document “%s” appears more than once"), doc_id);
      return FALSE;
    }

  return TRUE;
}

/* Validates every document of @docs, refusing an id given twice, and fills
 * @pending (their ids), @types and @items (sorted parents first). */
static gboolean
collect_import_items (GPtrArray   *docs,
                      GHashTable  *pending,
                      GHashTable  *types,
                      GArray      *items,
                      GError     **error)
{
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autofree char *type = NULL;
      const char *doc_id;
      ImportItem item;

      if (!_rd_store_check_import_document (doc, pending, error))
        return FALSE;

      doc_id = json_object_get_string_member (doc, "_id");

      rd_document_parse_id (doc_id, &type, NULL);
      item.doc = doc;
      item.order = spec_index (type);
      item.position = i;
      g_array_append_val (items, item);
      g_hash_table_add (types, g_steal_pointer (&type));
    }

  g_array_sort (items, compare_import_items);
  return TRUE;
}

/* Delays are classified once everything they depend on (their account,
 * its contacts and bridges) is in place, so the result does not depend on
 * the order of the file.  Lock held, in the import's transaction. */
static gboolean
classify_imported_delays_locked (RdStore     *self,
                                 GArray      *items,
                                 const char  *now,
                                 GError     **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *doc = g_array_index (items, ImportItem, i).doc;
      const char *updated_at = json_object_get_string_member_with_default (doc, "updated_at", NULL);
      g_autoptr(JsonObject) classified = NULL;

      if (!g_str_has_prefix (json_object_get_string_member (doc, "_id"), "delay:"))
        continue;

      classified = rd_document_copy_object (doc);
      if (!_rd_store_classify_delay_locked (self, classified, error) ||
          !_rd_store_upsert_document (self, classified, updated_at ? updated_at : now, error))
        {
          g_prefix_error (error, _("Document “%s”: "), json_object_get_string_member (doc, "_id"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
is_tombstone (JsonObject *doc)
{
  return json_object_get_boolean_member_with_default (doc, "_deleted", FALSE);
}

/* 1 when the stored row is deleted, 0 when it is live or absent, -1 on error. */
static int
stored_row_deleted_locked (RdStore     *self,
                           const char  *table,
                           const char  *uuid,
                           GError     **error)
{
  /* @table is an entity name from the static specs, not input. */
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);
  int rc, deleted = 0;

  if (stmt == NULL)
    return -1;

  _rd_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    deleted = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _rd_store_set_db_error (self->db, rc, error);
      return -1;
    }

  return deleted;
}

/* A backup never holds a live record under a deleted one (a stakeholder
 * of a deleted account): such a file was edited by hand or is damaged, and
 * the record would be shown nowhere yet synced everywhere.  Sync may meet
 * this state between peers; an import refuses it.  Lock held. */
static gboolean
check_live_parents_locked (RdStore     *self,
                           GArray      *items,
                           GError     **error)
{
  g_autoptr(GHashTable) in_file = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *doc = g_array_index (items, ImportItem, i).doc;

      g_hash_table_insert (in_file, (gpointer) json_object_get_string_member (doc, "_id"), doc);
    }

  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *doc = g_array_index (items, ImportItem, i).doc;
      const char *doc_id = json_object_get_string_member (doc, "_id");
      g_autofree char *type = NULL;
      const RdEntitySpec *spec;

      if (is_tombstone (doc))
        continue;
      rd_document_parse_id (doc_id, &type, NULL);
      spec = rd_entity_spec_lookup (type);

      for (guint f = 0; f < spec->n_fields; f++)
        {
          const RdFieldSpec *field = &spec->fields[f];
          g_autofree char *ref_doc_id = NULL;
          JsonObject *parent;
          const char *ref;
          int deleted;

          if (field->kind != RD_FIELD_REF)
            continue;
          ref = json_object_get_string_member_with_default (doc, field->name, NULL);
          if (ref == NULL)
            continue;

          ref_doc_id = rd_document_make_id (field->ref_type, ref);
          parent = g_hash_table_lookup (in_file, ref_doc_id);
          if (parent != NULL)
            deleted = is_tombstone (parent);
          else
            deleted = stored_row_deleted_locked (self, field->ref_type, ref, error);
          if (deleted < 0)
            return FALSE;
          if (deleted > 0)
            {
              /* Translators: a document id, a field, a type of record ("account"), an id */
              g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                           _("Document “%s”, field “%s”: the %s “%s” is deleted; delete this "
                             "record too or restore it"),
                           doc_id, field->name, field->ref_type, ref);
              return FALSE;
            }
        }
    }

  return TRUE;
}

gboolean
rd_store_import_documents_full (RdStore             *self,
                                GPtrArray           *docs,
                                RdStoreProgressFunc  progress,
                                gpointer             user_data,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_autoptr(GHashTable) rerate = NULL;
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(GHashTable) types = NULL;
  g_autoptr(GArray) items = NULL;
  g_autofree char *now = rd_instant_now ();
  gboolean ok = FALSE;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);

  /* Everything is checked before anything is written. */
  pending = g_hash_table_new (g_str_hash, g_str_equal);
  types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  items = g_array_sized_new (FALSE, FALSE, sizeof (ImportItem), docs->len);
  if (!collect_import_items (docs, pending, types, items, error))
    return FALSE;

  g_mutex_lock (&self->mutex);

  if (items->len > 1000)
    _rd_store_set_bulk_writes (self, TRUE);

  for (guint i = 0; i < items->len; i++)
    {
      if (!_rd_store_check_references (self, g_array_index (items, ImportItem, i).doc, pending, error))
        goto out;
    }
  if (!check_live_parents_locked (self, items, error))
    goto out;

  if (!_rd_store_begin (self, error))
    goto out;

  rerate = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *doc = g_array_index (items, ImportItem, i).doc;
      const char *updated_at = json_object_get_string_member_with_default (doc, "updated_at", NULL);
      const char *doc_id = json_object_get_string_member (doc, "_id");
      g_autoptr(JsonObject) rated = NULL;
      const char *parent;

      /* Accounts are rated as they go in; the few whose delays or bridges
       * are in the file too are rated again once those are. */
      if (g_str_has_prefix (doc_id, "account:")
          && !json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
        {
          rated = rd_document_copy_object (doc);
          if (!_rd_store_rate_account_locked (self, rated, doc_id + strlen ("account:"), error))
            goto out;
        }
      else if ((parent = _rd_store_risk_parent_of (doc)) != NULL)
        g_hash_table_add (rerate, (gpointer) parent);

      if (!_rd_store_upsert_document (self, rated ? rated : doc, updated_at ? updated_at : now, error))
        {
          g_prefix_error (error, _("Document “%s”: "), doc_id);
          goto out;
        }

      if (progress != NULL && (i % 1000 == 0 || i + 1 == items->len))
        progress ((double) (i + 1) / items->len, user_data);
      if ((i % 1000) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }

  /* Accepted bridges may not overlap, and each account's effective end is
   * derived from its accepted bridges, never taken from the file. */
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *doc = g_array_index (items, ImportItem, i).doc;
      const char *doc_id = json_object_get_string_member (doc, "_id");
      const char *account_id = NULL;
      g_autoptr(JsonObject) derived = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_str_has_prefix (doc_id, "bridge:"))
        {
          if (!_rd_store_check_bridge_overlap_locked (self, doc, NULL, error))
            {
              g_prefix_error (error, _("Document “%s”: "), doc_id);
              goto out;
            }
          account_id = json_object_get_string_member_with_default (doc, "account_id", NULL);
        }
      else if (g_str_has_prefix (doc_id, "account:"))
        account_id = doc_id + strlen ("account:");

      if (account_id == NULL)
        continue;
      derived = _rd_store_account_with_derived_end_locked (self, account_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
      if (derived != NULL)
        {
          if (!_rd_store_upsert_document (self, derived, now, error))
            goto out;
          g_hash_table_add (rerate, (gpointer) account_id);
        }
    }

  if (!classify_imported_delays_locked (self, items, now, error))
    goto out;

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, rerate);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        if (!_rd_store_refresh_risk_locked (self, key, NULL, error))
          goto out;
      }
  }

  ok = _rd_store_commit (self, error);

out:
  if (!ok)
    _rd_store_rollback (self);
  if (items->len > 1000)
    _rd_store_set_bulk_writes (self, FALSE);
  g_mutex_unlock (&self->mutex);

  if (ok)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, types);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        _rd_store_emit_changed (self, key, NULL);
    }

  return ok;
}

gboolean
rd_store_fill_sample (RdStore   *self,
                      guint      n_accounts,
                      guint32    seed,
                      GError   **error)
{
  g_autoptr(RdSampleGenerator) generator = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *now = rd_instant_now ();
  sqlite3_stmt *stmt;
  GDate today;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  rd_date_today (&today);
  generator = _rd_sample_generator_new (seed, &today);
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_mutex_lock (&self->mutex);

  _rd_store_set_bulk_writes (self, TRUE);

  if (!_rd_store_begin (self, error))
    goto out;

  stmt = _rd_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM account WHERE deleted = 0)", error);
  if (stmt == NULL)
    goto out;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _rd_store_set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
      goto out;
    }
  if (sqlite3_column_int (stmt, 0) != 0)
    {
      sqlite3_reset (stmt);
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The sample portfolio can only fill an empty database"));
      goto out;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < n_accounts; i++)
    {
      const char *account_uuid = NULL;
      gboolean rerate = FALSE;

      g_ptr_array_set_size (docs, 0);
      _rd_sample_generator_next (generator, docs);

      for (guint d = 0; d < docs->len; d++)
        {
          JsonObject *doc = g_ptr_array_index (docs, d);
          const char *doc_id = json_object_get_string_member (doc, "_id");

          if (g_str_has_prefix (doc_id, "account:"))
            {
              account_uuid = doc_id + strlen ("account:");
              if (!_rd_store_rate_account_locked (self, doc, account_uuid, error))
                goto out;
            }
          else if (_rd_store_risk_parent_of (doc) != NULL)
            rerate = TRUE;
          if (!_rd_store_upsert_document (self, doc, now, error))
            goto out;
        }

      /* As an import does: the account's delays are classified, and the
       * account rated, once its contacts and bridges are in too. */
      for (guint d = 0; rerate && d < docs->len; d++)
        {
          JsonObject *doc = g_ptr_array_index (docs, d);

          if (g_str_has_prefix (json_object_get_string_member (doc, "_id"), "delay:") &&
              (!_rd_store_classify_delay_locked (self, doc, error) ||
               !_rd_store_upsert_document (self, doc, now, error)))
            goto out;
        }
      if (rerate && account_uuid != NULL &&
          !_rd_store_refresh_risk_locked (self, account_uuid, NULL, error))
        goto out;
    }

  g_ptr_array_set_size (docs, 0);
  if (n_accounts > 0)
    _rd_sample_add_rates (&today, docs);
  for (guint d = 0; d < docs->len; d++)
    if (!_rd_store_upsert_document (self, g_ptr_array_index (docs, d), now, error))
      goto out;

  ok = _rd_store_commit (self, error);

out:
  if (!ok)
    _rd_store_rollback (self);
  _rd_store_set_bulk_writes (self, FALSE);
  g_mutex_unlock (&self->mutex);

  if (ok)
    {
      _rd_store_emit_changed (self, "account", NULL);
      _rd_store_emit_changed (self, "contact", NULL);
    }

  return ok;
}
