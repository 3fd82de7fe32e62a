/* rd-store-sync.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
#include "rd-store-private.h"
#include "rd-store-sync.h"

/* Above this many changed rows in one page, "changed" is emitted once per
 * type with a NULL id, as for an import. */

/* sync_foreign.reason of a server document that fails validation. */
#define QUARANTINE_PREFIX "invalid: "

RdSyncConflict *
rd_sync_conflict_new (const char *doc_id,
                      const char *field,
                      JsonNode   *kept,
                      JsonNode   *lost)
{
  RdSyncConflict *conflict = g_new0 (RdSyncConflict, 1);

  conflict->doc_id = g_strdup (doc_id);
  conflict->field = g_strdup (field);
  conflict->kept = kept ? json_node_copy (kept) : NULL;
  conflict->lost = lost ? json_node_copy (lost) : NULL;

  return conflict;
}

void
rd_sync_conflict_free (RdSyncConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->doc_id);
  g_free (conflict->field);
  g_clear_pointer (&conflict->kept, json_node_unref);
  g_clear_pointer (&conflict->lost, json_node_unref);
  g_free (conflict->kept_updated_at);
  g_free (conflict->lost_updated_at);
  g_free (conflict->created_at);
  g_free (conflict);
}

/* Helpers (lock held) */

static gboolean
db_error (RdStore  *self,
          int       rc,
          GError  **error)
{
  g_set_error (error, RD_STORE_ERROR,
               (rc & 0xff) == SQLITE_BUSY ? RD_STORE_ERROR_BUSY : RD_STORE_ERROR_FAILED,
               _("Database error: %s"), sqlite3_errmsg (_rd_store_get_db (self)));
  return FALSE;
}

static gboolean
begin_locked (RdStore  *self,
              GError  **error)
{
  return _rd_store_exec (self, "BEGIN IMMEDIATE", error);
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static JsonObject *
object_from_string (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return NULL;
  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_dup_object (node);
}

static char *
node_to_string_or_null (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : NULL;
}

static int
compare_by_spec (gconstpointer a,
                 gconstpointer b)
{
  JsonObject *da = *(JsonObject **) a;
  JsonObject *db = *(JsonObject **) b;

  return _rd_store_spec_index (json_object_get_string_member_with_default (da, "_id", NULL)) -
         _rd_store_spec_index (json_object_get_string_member_with_default (db, "_id", NULL));
}

/* Equal but for _rev and updated_at. */
static gboolean
same_content (JsonObject *a,
              JsonObject *b)
{
  g_autoptr(JsonObject) ca = rd_document_copy_object (a);
  g_autoptr(JsonObject) cb = rd_document_copy_object (b);
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  json_object_remove_member (ca, "_rev");
  json_object_remove_member (cb, "_rev");
  json_object_remove_member (ca, "updated_at");
  json_object_remove_member (cb, "updated_at");
  na = json_node_init_object (json_node_alloc (), ca);
  nb = json_node_init_object (json_node_alloc (), cb);

  return json_node_equal (na, nb);
}

static gboolean
keep_foreign_locked (RdStore     *self,
                     JsonObject  *doc,
                     const char  *reason,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _rd_store_prepare (self,
                            "INSERT INTO sync_foreign (id, rev, doc, reason) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, "
                            "doc = excluded.doc, reason = excluded.reason", error);
  if (stmt == NULL)
    return FALSE;

  _rd_store_bind_text (stmt, 1, json_object_get_string_member_with_default (doc, "_id", NULL));
  _rd_store_bind_text (stmt, 2, json_object_get_string_member_with_default (doc, "_rev", NULL));
  sqlite3_bind_text (stmt, 3, object_to_string (doc), -1, g_free);
  _rd_store_bind_text (stmt, 4, reason);

  return _rd_store_step_done (self, stmt, error);
}

static gboolean
forget_foreign_locked (RdStore     *self,
                       const char  *doc_id,
                       GError     **error)
{
  sqlite3_stmt *stmt = _rd_store_prepare (self, "DELETE FROM sync_foreign WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  _rd_store_bind_text (stmt, 1, doc_id);
  return _rd_store_step_done (self, stmt, error);
}

/* Reads dirty and base of a row; FALSE on a database error. */
static gboolean
row_bookkeeping_locked (RdStore     *self,
                        const char  *table,
                        const char  *uuid,
                        gboolean    *out_exists,
                        gboolean    *out_dirty,
                        char       **out_base,
                        GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT dirty, base FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);
  int rc;

  *out_exists = FALSE;
  *out_dirty = FALSE;
  if (out_base != NULL)
    *out_base = NULL;
  if (stmt == NULL)
    return FALSE;

  _rd_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_exists = TRUE;
      *out_dirty = sqlite3_column_int (stmt, 0) != 0;
      if (out_base != NULL && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        *out_base = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_error (self, rc, error);
  return TRUE;
}

static gboolean
set_bookkeeping_locked (RdStore     *self,
                        const char  *table,
                        const char  *uuid,
                        gboolean     dirty,
                        const char  *rev,
                        const char  *base,
                        GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET dirty = ?, rev = ?, base = ? WHERE id = ?",
                                          table);
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, dirty ? 1 : 0);
  _rd_store_bind_text (stmt, 2, rev);
  _rd_store_bind_text (stmt, 3, base);
  _rd_store_bind_text (stmt, 4, uuid);
  return _rd_store_step_done (self, stmt, error);
}

/* TRUE when every reference of @doc names a row that is already stored. */
static gboolean
references_present_locked (RdStore             *self,
                           const RdEntitySpec  *spec,
                           JsonObject          *doc,
                           gboolean            *out_present,
                           GError             **error)
{
  *out_present = TRUE;

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const RdFieldSpec *field = &spec->fields[f];
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      const char *ref;
      int rc;

      if (field->kind != RD_FIELD_REF)
        continue;
      ref = json_object_get_string_member_with_default (doc, field->name, NULL);
      if (ref == NULL)
        continue;

      sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", field->ref_type);
      stmt = _rd_store_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;
      _rd_store_bind_text (stmt, 1, ref);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          *out_present = FALSE;
          return TRUE;
        }
      if (rc != SQLITE_ROW)
        return db_error (self, rc, error);
    }

  return TRUE;
}

static gboolean
record_conflict_locked (RdStore         *self,
                        RdSyncConflict  *conflict,
                        const char      *now,
                        GError         **error)
{
  sqlite3_stmt *stmt;

  /* One open conflict per field, kept up to date: a server that answers
   * every push with another revision must not pile up rows. */
  stmt = _rd_store_prepare (self,
                            "UPDATE sync_conflict SET kept = ?3, lost = ?4, lost_is_local = ?5, "
                            "kept_updated_at = ?6, lost_updated_at = ?7, created_at = ?8 "
                            "WHERE doc_id = ?1 AND field = ?2 AND resolved = 0", error);
  if (stmt == NULL)
    return FALSE;
  _rd_store_bind_text (stmt, 1, conflict->doc_id);
  _rd_store_bind_text (stmt, 2, conflict->field);
  sqlite3_bind_text (stmt, 3, node_to_string_or_null (conflict->kept), -1, g_free);
  sqlite3_bind_text (stmt, 4, node_to_string_or_null (conflict->lost), -1, g_free);
  sqlite3_bind_int (stmt, 5, conflict->lost_is_local ? 1 : 0);
  _rd_store_bind_text (stmt, 6, conflict->kept_updated_at);
  _rd_store_bind_text (stmt, 7, conflict->lost_updated_at);
  _rd_store_bind_text (stmt, 8, now);
  if (!_rd_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_rd_store_get_db (self)) > 0)
    return TRUE;

  stmt = _rd_store_prepare (self,
                            "INSERT INTO sync_conflict (doc_id, field, kept, lost, lost_is_local, "
                            "kept_updated_at, lost_updated_at, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  _rd_store_bind_text (stmt, 1, conflict->doc_id);
  _rd_store_bind_text (stmt, 2, conflict->field);
  sqlite3_bind_text (stmt, 3, node_to_string_or_null (conflict->kept), -1, g_free);
  sqlite3_bind_text (stmt, 4, node_to_string_or_null (conflict->lost), -1, g_free);
  sqlite3_bind_int (stmt, 5, conflict->lost_is_local ? 1 : 0);
  _rd_store_bind_text (stmt, 6, conflict->kept_updated_at);
  _rd_store_bind_text (stmt, 7, conflict->lost_updated_at);
  _rd_store_bind_text (stmt, 8, now);

  return _rd_store_step_done (self, stmt, error);
}

typedef enum
{
  APPLY_WRITTEN,
  APPLY_UNCHANGED,
  APPLY_KEPT,
  APPLY_WAITING,
} ApplyResult;

/* What one page's transaction knows of the tables, to spare a query per
 * document in the common cases (a first pull into an empty book; nothing
 * kept aside). */
typedef struct
{
  int         foreign_rows;  /* sync_foreign: -1 unknown, 0 empty, 1 may have rows */
  int        *table_rows;    /* per entity spec, the same: empty when the page began */
  GHashTable *written;       /* doc ids written by this page, in tables empty before it */
  gboolean    wrote_child;   /* this page wrote a delay or a bridge */
} PageState;

static void
page_state_init (PageState *state)
{
  guint n_specs;

  rd_entity_specs (&n_specs);
  state->foreign_rows = -1;
  state->table_rows = g_new (int, n_specs);
  for (guint s = 0; s < n_specs; s++)
    state->table_rows[s] = -1;
  state->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->wrote_child = FALSE;
}

static void
page_state_clear (PageState *state)
{
  g_clear_pointer (&state->table_rows, g_free);
  g_clear_pointer (&state->written, g_hash_table_unref);
}

/* -1 on a database error, else whether @table has any row. */
static int
table_has_rows_locked (RdStore     *self,
                       const char  *table,
                       GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s)", table);
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);
  int rc, rows = 1;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    rows = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      db_error (self, rc, error);
      return -1;
    }
  return rows;
}

/* Whether the row of @doc_id (in @spec's table) may exist: FALSE only when
 * the table was empty when the page began and the page has not written it. */
static gboolean
row_may_exist_locked (RdStore             *self,
                      PageState           *state,
                      const RdEntitySpec  *spec,
                      const char          *doc_id,
                      gboolean            *out_may,
                      GError             **error)
{
  int s = _rd_store_spec_index (doc_id);

  if (state->table_rows[s] < 0)
    state->table_rows[s] = table_has_rows_locked (self, spec->table, error);
  if (state->table_rows[s] < 0)
    return FALSE;
  *out_may = state->table_rows[s] > 0 || g_hash_table_contains (state->written, doc_id);
  return TRUE;
}

/* Notes that @doc_id is now a row, when its table's emptiness is relied on. */
static void
page_state_note_written (PageState  *state,
                         const char *doc_id)
{
  int s = _rd_store_spec_index (doc_id);

  if (state->table_rows[s] == 0)
    g_hash_table_add (state->written, g_strdup (doc_id));
  if (g_str_has_prefix (doc_id, "delay:") || g_str_has_prefix (doc_id, "bridge:"))
    state->wrote_child = TRUE;
}

/* Whether no delay and no bridge can name an account yet: both tables were
 * empty when the page began and it wrote none (a first pull: what an
 * account's effective end and risk read is not there). */
static gboolean
no_children_locked (RdStore    *self,
                    PageState  *state,
                    gboolean   *out_none,
                    GError    **error)
{
  static const char * const children[] = { "delay", "bridge" };

  *out_none = !state->wrote_child;
  for (guint i = 0; *out_none && i < G_N_ELEMENTS (children); i++)
    {
      g_autofree char *prefix = g_strconcat (children[i], ":", NULL);
      int s = _rd_store_spec_index (prefix);

      if (state->table_rows[s] < 0)
        state->table_rows[s] = table_has_rows_locked (self, children[i], error);
      if (state->table_rows[s] < 0)
        return FALSE;
      *out_none = state->table_rows[s] == 0;
    }
  return TRUE;
}

static gboolean
keep_foreign_noted_locked (RdStore     *self,
                           PageState   *state,
                           JsonObject  *doc,
                           const char  *reason,
                           GError     **error)
{
  state->foreign_rows = 1;
  return keep_foreign_locked (self, doc, reason, error);
}

/* Forgets @doc_id in sync_foreign, without a query when that is empty. */
static gboolean
forget_foreign_noted_locked (RdStore     *self,
                             PageState   *state,
                             const char  *doc_id,
                             GError     **error)
{
  if (state->foreign_rows < 0)
    state->foreign_rows = table_has_rows_locked (self, "sync_foreign", error);
  if (state->foreign_rows < 0)
    return FALSE;
  if (state->foreign_rows == 0)
    return TRUE;
  return forget_foreign_locked (self, doc_id, error);
}

/* Applies one server document; lock held, inside a transaction.
 * @remote_json is its JSON text (object_to_string()), or NULL. */
static gboolean
apply_one_locked (RdStore              *self,
                  PageState            *state,
                  JsonObject           *remote,
                  const char           *remote_json,
                  RdStoreSyncMergeFunc  merge,
                  gpointer              merge_data,
                  const char           *now,
                  RdStoreSyncStats     *stats,
                  ApplyResult          *out_result,
                  GError              **error)
{
  const char *doc_id = json_object_get_string_member_with_default (remote, "_id", NULL);
  const char *remote_rev = json_object_get_string_member_with_default (remote, "_rev", NULL);
  gboolean remote_deleted = json_object_get_boolean_member_with_default (remote, "_deleted", FALSE);
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *base_text = NULL;
  g_autofree char *remote_text = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) target = NULL;
  g_autoptr(JsonObject) expanded = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) local_error = NULL;
  const RdEntitySpec *spec;
  RdStoreSyncedRow row = { 0 };
  gboolean exists = FALSE, dirty = FALSE, may_exist, present, changed = FALSE;
  gboolean dirty_after = FALSE;

  *out_result = APPLY_UNCHANGED;

  if (doc_id == NULL)
    return TRUE;

  /* Design documents and anything we cannot name are the server's. */
  if (g_str_has_prefix (doc_id, "_design/") || g_str_has_prefix (doc_id, "_local/"))
    return TRUE;

  if (!rd_document_parse_id (doc_id, &type, &uuid) || (spec = rd_entity_spec_lookup (type)) == NULL)
    {
      *out_result = APPLY_KEPT;
      return keep_foreign_noted_locked (self, state, remote, "unknown", error);
    }

  if (!row_may_exist_locked (self, state, spec, doc_id, &may_exist, error))
    return FALSE;
  if (may_exist &&
      !row_bookkeeping_locked (self, spec->table, uuid, &exists, &dirty, &base_text, error))
    return FALSE;

  if (exists)
    {
      local = _rd_store_load_document_locked (self, type, uuid, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  /* Our own push coming back, or a revision we already merged. */
  if (local != NULL && g_strcmp0 (json_object_get_string_member_with_default (local, "_rev", NULL),
                                  remote_rev) == 0)
    return forget_foreign_noted_locked (self, state, doc_id, error);

  /* A bare tombstone ({_id, _rev, _deleted}) deletes what we have. */
  if (remote_deleted && !json_object_has_member (remote, "type"))
    {
      if (local == NULL)
        return forget_foreign_noted_locked (self, state, doc_id, error);
      expanded = rd_document_copy_object (local);
      json_object_set_boolean_member (expanded, "_deleted", TRUE);
      json_object_set_string_member (expanded, "_rev", remote_rev);
      json_object_set_string_member (expanded, "updated_at", now);
      remote = expanded;
    }
  if (remote_json == NULL || expanded != NULL)
    remote_json = remote_text = object_to_string (remote);

  if (local != NULL && dirty)
    {
      g_autoptr(JsonObject) base = object_from_string (base_text);
      JsonObject *merged;

      conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_sync_conflict_free);
      merged = merge (base, local, remote, conflicts, merge_data);
      json_object_set_string_member (merged, "_rev", remote_rev);
      dirty_after = !same_content (merged, remote);
      target = merged;
      stats->merged++;
    }
  else
    target = json_object_ref (remote);

  {
    g_autoptr(GError) invalid = NULL;

    if (!rd_document_validate (target, &invalid))
      {
        g_autofree char *reason = g_strconcat (QUARANTINE_PREFIX, invalid->message, NULL);

        /* Quarantined: the row keeps what we have, and while the server
         * holds this version our own is not pushed (it would only conflict
         * again); rd_store_sync_list_quarantined() says why. */
        g_message ("Keeping %s as it is on the server: %s", doc_id, invalid->message);
        *out_result = APPLY_KEPT;
        return keep_foreign_noted_locked (self, state, remote, reason, error);
      }
  }

  if (!references_present_locked (self, spec, target, &present, error))
    return FALSE;
  if (!present)
    {
      *out_result = APPLY_WAITING;
      return keep_foreign_noted_locked (self, state, remote, "waiting", error);
    }

  row.absent = !exists;
  row.own_doc = TRUE;
  if (row.absent && g_str_equal (type, "account") &&
      !no_children_locked (self, state, &row.lone, error))
    return FALSE;
  row.dirty = dirty_after;
  row.base = remote_json;
  if (!_rd_store_put_remote_locked (self, target, &row, &changed, error))
    return FALSE;
  page_state_note_written (state, doc_id);
  /* The upsert wrote them unless only what is derived changed. */
  if ((!row.written || remote_rev == NULL) &&
      !set_bookkeeping_locked (self, spec->table, uuid, dirty_after, remote_rev, remote_json, error))
    return FALSE;
  if (!forget_foreign_noted_locked (self, state, doc_id, error))
    return FALSE;

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      RdSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      /* Derived by the store as of today: never a conflict to report. */
      if (_rd_store_is_derived_field (conflict->field))
        continue;
      if (!record_conflict_locked (self, conflict, now, error))
        return FALSE;
      stats->conflicts++;
    }

  /* Two desktops accepted bridges that overlap: both are kept, and this one
   * is shown as a conflict on its status (putting "proposed" back withdraws it). */
  if (changed && g_str_equal (type, "bridge") && rd_lifecycle_bridge_is_accepted (target))
    {
      const char *account_id = json_object_get_string_member_with_default (target, "account_id", "");
      g_autoptr(GPtrArray) bridges = _rd_store_bridges_of_locked (self, account_id, error);

      if (bridges == NULL)
        return FALSE;
      if (rd_lifecycle_find_overlap (bridges, target) != NULL)
        {
          g_autoptr(JsonNode) kept = json_node_init_string (json_node_alloc (), "accepted");
          g_autoptr(JsonNode) lost = json_node_init_string (json_node_alloc (), "proposed");
          g_autoptr(RdSyncConflict) conflict = rd_sync_conflict_new (doc_id, "status", kept, lost);

          conflict->kept_updated_at =
            g_strdup (json_object_get_string_member_with_default (target, "updated_at", NULL));
          if (!record_conflict_locked (self, conflict, now, error))
            return FALSE;
          stats->conflicts++;
        }
    }

  *out_result = changed ? APPLY_WRITTEN : APPLY_UNCHANGED;
  return TRUE;
}

/* Documents that waited for a parent: applies those whose parent is now in. */
static gboolean
apply_waiting_locked (RdStore              *self,
                      PageState            *state,
                      RdStoreSyncMergeFunc  merge,
                      gpointer              merge_data,
                      const char           *now,
                      RdStoreSyncStats     *stats,
                      GPtrArray            *changed_ids,
                      GError              **error)
{
  gboolean progress = TRUE;

  while (progress)
    {
      g_autoptr(GPtrArray) waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      sqlite3_stmt *stmt;
      int rc;

      progress = FALSE;
      stmt = _rd_store_prepare (self, "SELECT doc FROM sync_foreign WHERE reason = 'waiting'", error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          JsonObject *doc = object_from_string ((const char *) sqlite3_column_text (stmt, 0));

          if (doc != NULL)
            g_ptr_array_add (waiting, doc);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return db_error (self, rc, error);

      g_ptr_array_sort (waiting, compare_by_spec);
      for (guint i = 0; i < waiting->len; i++)
        {
          JsonObject *doc = g_ptr_array_index (waiting, i);
          ApplyResult result;

          if (!apply_one_locked (self, state, doc, NULL, merge, merge_data, now, stats, &result,
                                 error))
            return FALSE;
          if (result != APPLY_WAITING)
            {
              progress = TRUE;
              stats->waiting = stats->waiting > 0 ? stats->waiting - 1 : 0;
              if (result == APPLY_WRITTEN)
                {
                  stats->applied++;
                  g_ptr_array_add (changed_ids,
                                   g_strdup (json_object_get_string_member (doc, "_id")));
                }
            }
        }
    }

  return TRUE;
}

/* Public API */

char *
rd_store_sync_get_state (RdStore     *self,
                         const char  *key,
                         GError     **error)
{
  return _rd_store_get_value (self, "SELECT value FROM sync_state WHERE key = ?", key, error);
}

static gboolean
set_state_locked (RdStore     *self,
                  const char  *key,
                  const char  *value,
                  GError     **error)
{
  return _rd_store_set_value_locked (self,
                                     "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                     key, value, error);
}

gboolean
rd_store_sync_set_state (RdStore     *self,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  _rd_store_lock (self);
  ok = set_state_locked (self, key, value, error);
  _rd_store_unlock (self);

  return ok;
}

/* A document of a page, with where it goes in the apply order. */
typedef struct
{
  JsonObject *doc;
  const char *json;
  int         spec;
} Incoming;

static int
compare_incoming (gconstpointer a,
                  gconstpointer b)
{
  return ((const Incoming *) a)->spec - ((const Incoming *) b)->spec;
}

gboolean
rd_store_sync_apply_documents (RdStore              *self,
                               GPtrArray            *docs,
                               GPtrArray            *texts,
                               RdStoreSyncMergeFunc  merge,
                               gpointer              merge_data,
                               const char           *state_key,
                               const char           *state_value,
                               RdStoreSyncStats     *stats,
                               GError              **error)
{
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GPtrArray) changed_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *now = rd_instant_now ();
  RdStoreSyncStats local_stats = { 0 };
  PageState state;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);
  g_return_val_if_fail (texts == NULL || texts->len == docs->len, FALSE);
  g_return_val_if_fail (merge != NULL, FALSE);

  /* Parents first, so a page that carries both needs no waiting (a stable
   * sort: otherwise in the server's order). */
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (Incoming), docs->len);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      Incoming incoming = {
        doc,
        texts != NULL ? g_ptr_array_index (texts, i) : NULL,
        _rd_store_spec_index (json_object_get_string_member_with_default (doc, "_id", NULL)),
      };

      g_array_append_val (sorted, incoming);
    }
  g_array_sort (sorted, compare_incoming);

  page_state_init (&state);
  _rd_store_lock (self);
  _rd_store_set_bulk_writes (self, TRUE);
  ok = begin_locked (self, error);
  for (guint i = 0; ok && i < sorted->len; i++)
    {
      JsonObject *doc = g_array_index (sorted, Incoming, i).doc;
      ApplyResult result;

      ok = apply_one_locked (self, &state, doc, g_array_index (sorted, Incoming, i).json, merge,
                             merge_data, now, &local_stats, &result, error);
      if (!ok)
        {
          g_prefix_error (error, "%s: ", json_object_get_string_member_with_default (doc, "_id", "?"));
          break;
        }
      switch (result)
        {
        case APPLY_WRITTEN:
          local_stats.applied++;
          g_ptr_array_add (changed_ids, g_strdup (json_object_get_string_member (doc, "_id")));
          break;
        case APPLY_UNCHANGED:
          local_stats.unchanged++;
          break;
        case APPLY_KEPT:
          local_stats.kept++;
          break;
        case APPLY_WAITING:
        default:
          local_stats.waiting++;
          break;
        }
    }
  if (ok && local_stats.applied > 0)
    ok = apply_waiting_locked (self, &state, merge, merge_data, now, &local_stats, changed_ids,
                               error);
  if (ok && state_key != NULL)
    ok = set_state_locked (self, state_key, state_value, error);
  ok = ok && _rd_store_commit (self, error);
  if (!ok)
    _rd_store_rollback (self);
  _rd_store_set_bulk_writes (self, FALSE);
  _rd_store_unlock (self);
  page_state_clear (&state);

  if (!ok)
    return FALSE;

  if (stats != NULL)
    {
      stats->applied += local_stats.applied;
      stats->unchanged += local_stats.unchanged;
      stats->merged += local_stats.merged;
      stats->conflicts += local_stats.conflicts;
      stats->kept += local_stats.kept;
      stats->waiting += local_stats.waiting;
    }

  _rd_store_emit_changes (self, changed_ids);
  return TRUE;
}

GPtrArray *
rd_store_sync_list_outgoing (RdStore  *self,
                             guint     limit,
                             GError  **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const RdEntitySpec *specs;
  guint n_specs;
  gboolean ok = TRUE;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  specs = rd_entity_specs (&n_specs);

  _rd_store_lock (self);
  for (guint s = 0; ok && s < n_specs && docs->len < limit; s++)
    {
      /* Rows whose server version is quarantined would only conflict. */
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE dirty = 1 AND "
                                              "'%s:' || id NOT IN (SELECT id FROM sync_foreign "
                                              "WHERE reason LIKE '" QUARANTINE_PREFIX "%%') "
                                              "LIMIT ?", specs[s].table, specs[s].type);
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);
      int rc;

      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, limit - docs->len);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ok = db_error (self, rc, error);
          break;
        }

      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(GError) local_error = NULL;
          JsonObject *doc = _rd_store_load_document_locked (self, specs[s].type,
                                                            g_ptr_array_index (ids, i),
                                                            &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
              break;
            }
          if (doc != NULL)
            g_ptr_array_add (docs, doc);
        }
    }
  _rd_store_unlock (self);

  return ok ? g_steal_pointer (&docs) : NULL;
}

guint
rd_store_sync_count_outgoing (RdStore  *self,
                              GError  **error)
{
  const RdEntitySpec *specs;
  guint n_specs;
  guint count = 0;

  g_return_val_if_fail (RD_IS_STORE (self), 0);

  specs = rd_entity_specs (&n_specs);

  _rd_store_lock (self);
  for (guint s = 0; s < n_specs; s++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s WHERE dirty = 1",
                                              specs[s].table);
      sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);

      if (stmt == NULL)
        break;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count += (guint) sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
    }
  _rd_store_unlock (self);

  return count;
}

gboolean
rd_store_sync_mark_pushed (RdStore    *self,
                           GPtrArray  *pushed,
                           GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (pushed != NULL, FALSE);

  _rd_store_lock (self);
  ok = begin_locked (self, error);
  for (guint i = 0; ok && i < pushed->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (pushed, i);
      const char *doc_id = json_object_get_string_member (doc, "_id");
      g_autofree char *type = NULL;
      g_autofree char *uuid = NULL;
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) current = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!rd_document_parse_id (doc_id, &type, &uuid) || rd_entity_spec_lookup (type) == NULL)
        continue;

      current = _rd_store_load_document_locked (self, type, uuid, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
          break;
        }
      if (current == NULL)
        continue;

      text = object_to_string (doc);
      /* Edited again while the push was on the wire: stays dirty. */
      ok = set_bookkeeping_locked (self, type, uuid, !same_content (current, doc),
                                   json_object_get_string_member_with_default (doc, "_rev", NULL),
                                   text, error);
    }
  ok = ok && _rd_store_commit (self, error);
  if (!ok)
    _rd_store_rollback (self);
  _rd_store_unlock (self);

  return ok;
}

GPtrArray *
rd_store_sync_list_conflicts (RdStore  *self,
                              GError  **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_sync_conflict_free);
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  _rd_store_lock (self);
  stmt = _rd_store_prepare (self,
                                 "SELECT id, doc_id, field, kept, lost, lost_is_local, kept_updated_at, "
                                 "lost_updated_at, created_at FROM sync_conflict WHERE resolved = 0 "
                                 "ORDER BY id DESC", error);
  ok = stmt != NULL;
  ok = stmt != NULL;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdSyncConflict *conflict = g_new0 (RdSyncConflict, 1);
      const char *kept = (const char *) sqlite3_column_text (stmt, 3);
      const char *lost = (const char *) sqlite3_column_text (stmt, 4);

      conflict->id = sqlite3_column_int64 (stmt, 0);
      conflict->doc_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      conflict->field = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      conflict->kept = kept ? json_from_string (kept, NULL) : NULL;
      conflict->lost = lost ? json_from_string (lost, NULL) : NULL;
      conflict->lost_is_local = sqlite3_column_int (stmt, 5) != 0;
      conflict->kept_updated_at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      conflict->lost_updated_at = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      conflict->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      g_ptr_array_add (conflicts, conflict);
    }
  if (ok)
    {
      if (rc != SQLITE_DONE)
        ok = db_error (self, rc, error);
      sqlite3_reset (stmt);
    }
  _rd_store_unlock (self);

  return ok ? g_steal_pointer (&conflicts) : NULL;
}

static gboolean
resolve_conflict (RdStore     *self,
                  gint64       id,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  _rd_store_lock (self);
  stmt = _rd_store_prepare (self, "UPDATE sync_conflict SET resolved = 1 WHERE id = ?", error);
  ok = stmt != NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = _rd_store_step_done (self, stmt, error);
    }
  else
    ok = FALSE;
  _rd_store_unlock (self);

  return ok;
}

gboolean
rd_store_sync_restore_conflict (RdStore  *self,
                                gint64    id,
                                GError  **error)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) doc = NULL;
  RdSyncConflict *conflict = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  conflicts = rd_store_sync_list_conflicts (self, error);
  if (conflicts == NULL)
    return FALSE;
  for (guint i = 0; i < conflicts->len; i++)
    {
      if (((RdSyncConflict *) g_ptr_array_index (conflicts, i))->id == id)
        conflict = g_ptr_array_index (conflicts, i);
    }
  if (conflict == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                   _("This conflict was already resolved"));
      return FALSE;
    }

  doc = rd_store_get_document (self, conflict->doc_id, error);
  if (doc == NULL)
    return FALSE;

  if (g_str_equal (conflict->field, "_deleted"))
    {
      if (conflict->lost != NULL && JSON_NODE_HOLDS_VALUE (conflict->lost) &&
          json_node_get_boolean (conflict->lost))
        {
          if (!rd_store_delete_document (self, conflict->doc_id, error))
            return FALSE;
        }
      else if (!rd_store_undelete_document (self, conflict->doc_id, error))
        return FALSE;
    }
  else
    {
      if (conflict->lost == NULL)
        json_object_remove_member (doc, conflict->field);
      else
        json_object_set_member (doc, conflict->field, json_node_copy (conflict->lost));
      if (!rd_store_put_document (self, doc, error))
        return FALSE;
    }

  return resolve_conflict (self, id, error);
}

gboolean
rd_store_sync_dismiss_conflict (RdStore  *self,
                                gint64    id,
                                GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  return resolve_conflict (self, id, error);
}

guint
rd_store_sync_count_foreign (RdStore  *self,
                             GError  **error)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (RD_IS_STORE (self), 0);

  _rd_store_lock (self);
  if ((stmt = _rd_store_prepare (self, "SELECT COUNT(*) FROM sync_foreign", error)) != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = (guint) sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
    }
  _rd_store_unlock (self);

  return count;
}

void
rd_sync_quarantined_free (RdSyncQuarantined *item)
{
  if (item == NULL)
    return;
  g_free (item->doc_id);
  g_free (item->rev);
  g_free (item->reason);
  g_free (item);
}

GPtrArray *
rd_store_sync_list_quarantined (RdStore  *self,
                                GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_sync_quarantined_free);
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  _rd_store_lock (self);
  stmt = _rd_store_prepare (self,
                            "SELECT id, rev, substr(reason, ?) FROM sync_foreign "
                            "WHERE reason LIKE '" QUARANTINE_PREFIX "%' ORDER BY id", error);
  ok = stmt != NULL;
  if (ok)
    sqlite3_bind_int (stmt, 1, (int) strlen (QUARANTINE_PREFIX) + 1);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdSyncQuarantined *item = g_new0 (RdSyncQuarantined, 1);

      item->doc_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      item->rev = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      item->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (items, item);
    }
  if (ok)
    {
      if (rc != SQLITE_DONE)
        ok = db_error (self, rc, error);
      sqlite3_reset (stmt);
    }
  _rd_store_unlock (self);

  return ok ? g_steal_pointer (&items) : NULL;
}
