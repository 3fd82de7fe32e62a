/* rd-store-documents.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, documents ↔ rows: put, delete, undelete and read any entity. */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-account-private.h"
#include "rd-contact-private.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-history.h"
#include "rd-lifecycle.h"
#include "rd-risk.h"
#include "rd-sample-private.h"
#include "rd-store.h"
#include "rd-store-private.h"

/* Documents ↔ rows */

JsonObject *
_rd_store_row_to_document (const RdEntitySpec *spec,
                           sqlite3_stmt       *stmt)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *doc_id = NULL;
  int col = 0;
  int n = (int) spec->n_fields;
  const char *rev;
  const char *extra;

  doc_id = rd_document_make_id (spec->type, (const char *) sqlite3_column_text (stmt, col++));
  json_object_set_string_member (doc, "_id", doc_id);

  rev = (const char *) sqlite3_column_text (stmt, n + 2);
  if (rev != NULL)
    json_object_set_string_member (doc, "_rev", rev);
  if (sqlite3_column_int (stmt, n + 3) != 0)
    json_object_set_boolean_member (doc, "_deleted", TRUE);

  json_object_set_string_member (doc, "type", spec->type);

  for (guint f = 0; f < spec->n_fields; f++, col++)
    {
      const RdFieldSpec *field = &spec->fields[f];

      if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
        continue;

      switch (field->kind)
        {
        case RD_FIELD_INT:
          json_object_set_int_member (doc, field->name, sqlite3_column_int64 (stmt, col));
          break;

        case RD_FIELD_BOOL:
          json_object_set_boolean_member (doc, field->name, sqlite3_column_int (stmt, col) != 0);
          break;

        case RD_FIELD_ENUM_ARRAY:
        case RD_FIELD_JSON:
          {
            JsonNode *node = _rd_store_parse_column_json ((const char *) sqlite3_column_text (stmt, col));

            if (node != NULL)
              json_object_set_member (doc, field->name, node);
          }
          break;

        default:  /* text, dates, enums, references, codes */
          json_object_set_string_member (doc, field->name,
                                         (const char *) sqlite3_column_text (stmt, col));
          break;
        }
    }

  if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
    json_object_set_string_member (doc, "updated_at", (const char *) sqlite3_column_text (stmt, col));

  extra = (const char *) sqlite3_column_text (stmt, n + 4);
  if (extra != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (extra, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        rd_document_merge_extra (doc, json_node_get_object (node));
    }

  return doc;
}

/* Whether json_to_string() writes @text as itself between quotes. */
static gboolean
is_plain_string (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr (" _-.:", *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* json_to_string() of an array of plain strings (an enum array, such as
 * an account's risk factors, written with every pulled account), without
 * a generator; NULL for any other array. */
static char *
plain_string_array_to_string (JsonArray *array)
{
  guint n = json_array_get_length (array);
  GString *text = g_string_sized_new (16 * n + 2);

  g_string_append_c (text, '[');
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *value = JSON_NODE_HOLDS_VALUE (element) &&
                          json_node_get_value_type (element) == G_TYPE_STRING
                          ? json_node_get_string (element) : NULL;

      if (value == NULL || !is_plain_string (value))
        {
          g_string_free (text, TRUE);
          return NULL;
        }
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, '"');
      g_string_append (text, value);
      g_string_append_c (text, '"');
    }
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

char *
_rd_store_node_to_string (JsonNode *node)
{
  char *text = JSON_NODE_HOLDS_ARRAY (node)
               ? plain_string_array_to_string (json_node_get_array (node)) : NULL;

  return text != NULL ? text : json_to_string (node, FALSE);
}

/* Whether @doc may have members rd_document_extract_extra() would keep:
 * FALSE when its size is that of its @n_fields members of the entity's
 * fields and its meta members, which is cheaper to count than looking each
 * member up among the fields (an import writes many documents). */
static gboolean
may_have_extra (JsonObject *doc,
                guint       n_fields)
{
  static const char * const meta[] = { "_id", "_rev", "_deleted", "type", "updated_at" };
  guint n = n_fields;

  for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
    {
      if (rd_document_is_meta_member (meta[i]) && json_object_has_member (doc, meta[i]))
        n++;
    }

  return json_object_get_size (doc) > n;
}

/* Inserts or updates the row of @doc with @sql, a statement of the same
 * parameters as the entity's upsert_sql (NULL: that one, or its insert_sql
 * when @synced says the row is absent); @synced (optional) gives its dirty
 * flag and base, else the row is dirty and keeps its base.  @derive_on
 * (may be NULL) is the derive_on of an account or delay written with its
 * entity's insert_sql. */
static gboolean
upsert_document (RdStore                *self,
                 JsonObject             *doc,
                 const char             *sql,
                 const char             *updated_at,
                 const RdStoreSyncedRow *synced,
                 const char             *derive_on,
                 GError                **error)
{
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(JsonObject) extra = NULL;
  const EntitySql *es;
  sqlite3_stmt *stmt;
  guint n_fields = 0;
  int i = 1;
  JsonNode *node;

  rd_document_parse_id (json_object_get_string_member (doc, "_id"), &type, &uuid);
  es = _rd_store_entity_sql_lookup (type);
  g_assert (es != NULL);

  if (sql == NULL)
    sql = synced != NULL && synced->absent ? es->insert_sql : es->upsert_sql;
  stmt = _rd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  _rd_store_bind_text (stmt, i++, uuid);

  for (guint f = 0; f < es->spec->n_fields; f++, i++)
    {
      const RdFieldSpec *field = &es->spec->fields[f];

      node = json_object_get_member (doc, field->name);
      n_fields += node != NULL;
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          sqlite3_bind_null (stmt, i);
          continue;
        }

      switch (field->kind)
        {
        case RD_FIELD_INT:
          sqlite3_bind_int64 (stmt, i, json_node_get_int (node));
          break;

        case RD_FIELD_BOOL:
          sqlite3_bind_int (stmt, i, json_node_get_boolean (node) ? 1 : 0);
          break;

        case RD_FIELD_ENUM_ARRAY:
        case RD_FIELD_JSON:
          sqlite3_bind_text (stmt, i, _rd_store_member_text (field, doc), -1, g_free);
          break;

        default:
          /* Text as _rd_store_member_text() gives it, without a copy: @doc
           * outlives the step. */
          sqlite3_bind_text (stmt, i, json_node_get_string (node), -1, SQLITE_STATIC);
          break;
        }
    }

  _rd_store_bind_text (stmt, i++, updated_at);
  _rd_store_bind_text (stmt, i++, json_object_get_string_member_with_default (doc, "_rev", NULL));
  sqlite3_bind_int (stmt, i++, synced == NULL || synced->dirty);
  sqlite3_bind_int (stmt, i++, json_object_get_boolean_member_with_default (doc, "_deleted", FALSE));
  sqlite3_bind_null (stmt, i++);

  if (may_have_extra (doc, n_fields))
    extra = rd_document_extract_extra (doc);
  if (extra != NULL)
    {
      g_autoptr(JsonNode) extra_node = json_node_init_object (json_node_alloc (), extra);

      sqlite3_bind_text (stmt, i++, _rd_store_node_to_string (extra_node), -1, g_free);
    }
  else
    sqlite3_bind_null (stmt, i++);
  _rd_store_bind_text (stmt, i++, synced != NULL ? synced->base : NULL);
  if (derive_on != NULL)
    _rd_store_bind_text (stmt, i++, derive_on);

  return _rd_store_step_done (self, stmt, error);
}

gboolean
_rd_store_upsert_document (RdStore     *self,
                           JsonObject  *doc,
                           const char  *updated_at,
                           GError     **error)
{
  return upsert_document (self, doc, NULL, updated_at, NULL, NULL, error);
}

gboolean
_rd_store_write_document_with (RdStore     *self,
                               JsonObject  *doc,
                               const char  *sql,
                               const char  *updated_at,
                               const char  *derive_on,
                               GError     **error)
{
  return upsert_document (self, doc, sql, updated_at, NULL, derive_on, error);
}

/* Returns the row as a document (tombstones included), NULL when absent. */
JsonObject *
_rd_store_load_document_locked (RdStore     *self,
                                const char  *type,
                                const char  *uuid,
                                GError     **error)
{
  const EntitySql *es = _rd_store_entity_sql_lookup (type);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  JsonObject *doc = NULL;
  int rc;

  if (es == NULL)
    return NULL;

  sql = g_strconcat (es->select_sql, " WHERE id = ?", NULL);
  stmt = _rd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  _rd_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    doc = _rd_store_row_to_document (es->spec, stmt);
  else if (rc != SQLITE_DONE)
    _rd_store_set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);

  return doc;
}

static int
row_exists (RdStore     *self,
            const char  *table,
            const char  *uuid,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;

  _rd_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;

  _rd_store_set_db_error (self->db, rc, error);
  return -1;
}

/* Reference checks: within @pending (doc ids about to be written) or the database. */
gboolean
_rd_store_check_references (RdStore     *self,
                            JsonObject  *doc,
                            GHashTable  *pending,
                            GError     **error)
{
  const char *doc_id = json_object_get_string_member (doc, "_id");
  g_autofree char *type = NULL;
  const RdEntitySpec *spec;

  rd_document_parse_id (doc_id, &type, NULL);
  spec = rd_entity_spec_lookup (type);

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const RdFieldSpec *field = &spec->fields[f];
      const char *ref;
      int exists;

      if (field->kind != RD_FIELD_REF)
        continue;

      ref = json_object_get_string_member_with_default (doc, field->name, NULL);
      if (ref == NULL)
        continue;

      if (pending != NULL)
        {
          g_autofree char *ref_doc_id = rd_document_make_id (field->ref_type, ref);

          if (g_hash_table_contains (pending, ref_doc_id))
            continue;
        }

      exists = row_exists (self, field->ref_type, ref, error);
      if (exists < 0)
        return FALSE;
      if (exists == 0)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("Document “%s”, field “%s”: there is no %s with the id “%s”"),
                       doc_id, field->name, field->ref_type, ref);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
_rd_store_documents_differ (JsonObject *a,
                            JsonObject *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;
  g_autoptr(JsonObject) ca = rd_document_copy_object (a);
  g_autoptr(JsonObject) cb = rd_document_copy_object (b);

  json_object_remove_member (ca, "updated_at");
  json_object_remove_member (cb, "updated_at");
  json_object_remove_member (ca, "_rev");
  json_object_remove_member (cb, "_rev");
  /* What a day passing changes is not an edit (see rd-store-derive.c). */
  _rd_store_strip_derived (ca);
  _rd_store_strip_derived (cb);

  na = json_node_init_object (json_node_alloc (), ca);
  nb = json_node_init_object (json_node_alloc (), cb);

  return !json_node_equal (na, nb);
}

/* The account whose risk @doc (a delay or bridge) feeds, or NULL. */
const char *
_rd_store_risk_parent_of (JsonObject *doc)
{
  const char *doc_id = json_object_get_string_member_with_default (doc, "_id", "");

  if (!g_str_has_prefix (doc_id, "delay:") && !g_str_has_prefix (doc_id, "bridge:"))
    return NULL;

  return json_object_get_string_member_with_default (doc, "account_id", NULL);
}

/* The live bridges of the account @account_id (lock held). */
GPtrArray *
_rd_store_bridges_of_locked (RdStore     *self,
                             const char  *account_id,
                             GError     **error)
{
  return _rd_store_select_documents_locked (self, "bridge", "account_id = ? AND deleted = 0", "id",
                                            account_id, error);
}

/* Sets @account_doc's effective_end from the account's bridges in the
 * database (rd_lifecycle_effective_end()): never what was typed.  From the
 * server, pages arrive in any order: a later end the other desktop derived
 * from bridges that have not arrived yet is kept until they do. */
gboolean
_rd_store_derive_effective_end_locked (RdStore     *self,
                             JsonObject  *account_doc,
                             const char  *uuid,
                             GError     **error)
{
  g_autoptr(GPtrArray) bridges = _rd_store_bridges_of_locked (self, uuid, error);

  if (bridges == NULL)
    return FALSE;

  _rd_store_set_effective_end_locked (self, account_doc, bridges);
  return TRUE;
}

void
_rd_store_set_effective_end_locked (RdStore    *self,
                                    JsonObject *account_doc,
                                    GPtrArray  *bridges)
{
  g_autofree char *end = NULL;
  const char *remote_end;

  end = rd_lifecycle_effective_end (json_object_get_string_member_with_default (account_doc,
                                                                                "contract_end", NULL),
                                    bridges);
  remote_end = json_object_get_string_member_with_default (account_doc, "effective_end", NULL);
  if (self->applying_remote && remote_end != NULL && g_strcmp0 (remote_end, end) > 0)
    return;
  if (end != NULL)
    json_object_set_string_member (account_doc, "effective_end", end);
  else
    json_object_remove_member (account_doc, "effective_end");
}

JsonObject *
_rd_store_account_with_derived_end_locked (RdStore     *self,
                                           const char  *account_id,
                                           GError     **error)
{
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(JsonObject) derived = NULL;
  g_autoptr(GError) local_error = NULL;

  account = _rd_store_load_document_locked (self, "account", account_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (account == NULL || json_object_get_boolean_member_with_default (account, "_deleted", FALSE))
    return NULL;

  derived = rd_document_copy_object (account);
  if (!_rd_store_derive_effective_end_locked (self, derived, account_id, error))
    return NULL;
  if (g_strcmp0 (json_object_get_string_member_with_default (account, "effective_end", NULL),
                 json_object_get_string_member_with_default (derived, "effective_end", NULL)) == 0)
    return NULL;

  return g_steal_pointer (&derived);
}

gboolean
_rd_store_check_bridge_overlap_locked (RdStore     *self,
                                       JsonObject  *bridge,
                                       JsonObject  *old_bridge,
                                       GError     **error)
{
  const char *account_id = json_object_get_string_member_with_default (bridge, "account_id", NULL);
  g_autoptr(GPtrArray) bridges = NULL;

  if (account_id == NULL || !rd_lifecycle_bridge_is_accepted (bridge))
    return TRUE;
  /* Only a new acceptance (or new dates) is checked: what two desktops
   * accepted before stays until it is resolved. */
  if (old_bridge != NULL && rd_lifecycle_bridge_is_accepted (old_bridge) &&
      g_strcmp0 (json_object_get_string_member_with_default (old_bridge, "starts_on", NULL),
                 json_object_get_string_member_with_default (bridge, "starts_on", NULL)) == 0 &&
      g_strcmp0 (json_object_get_string_member_with_default (old_bridge, "ends_on", NULL),
                 json_object_get_string_member_with_default (bridge, "ends_on", NULL)) == 0)
    return TRUE;

  bridges = _rd_store_bridges_of_locked (self, account_id, error);
  return bridges != NULL && rd_lifecycle_check_overlap (bridges, bridge, error);
}

/* Derives the effective end and the risk of an account without bridges and
 * delays, without reading the database. */
static void
rate_lone_account_locked (RdStore    *self,
                          JsonObject *account_doc)
{
  g_autoptr(GPtrArray) no_bridges = g_ptr_array_new ();

  _rd_store_set_effective_end_locked (self, account_doc, no_bridges);
  _rd_store_rate_lone_account_locked (self, account_doc);
}

/* @doc to derive members on: a copy, unless @synced says it is ours. */
static JsonObject *
document_to_derive (JsonObject             *doc,
                    const RdStoreSyncedRow *synced)
{
  if (synced != NULL && synced->own_doc)
    return json_object_ref (doc);
  return rd_document_copy_object (doc);
}

/* Validates references, diffs, upserts and writes history; lock held, inside
 * a transaction.  *out_changed tells whether anything was written.  @synced:
 * see _rd_store_put_remote_locked(); NULL for a local edit. */
static gboolean
put_document_locked (RdStore          *self,
                     JsonObject       *doc,
                     const char       *now,
                     RdStoreSyncedRow *synced,
                     gboolean         *out_changed,
                     GError          **error)
{
  const char *doc_id = json_object_get_string_member (doc, "_id");
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(JsonObject) old_doc = NULL;
  g_autoptr(JsonObject) classified = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *due = NULL;

  *out_changed = FALSE;

  rd_document_parse_id (doc_id, &type, &uuid);

  if (!_rd_store_check_references (self, doc, NULL, error))
    return FALSE;

  if (g_str_equal (type, "delay"))
    {
      classified = document_to_derive (doc, synced);
      if (!_rd_store_classify_delay_locked (self, classified, error))
        return FALSE;
      doc = classified;
    }
  else if (g_str_equal (type, "account")
           && !json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
    {
      classified = document_to_derive (doc, synced);
      if (synced != NULL && synced->lone)
        rate_lone_account_locked (self, classified);
      else if (!_rd_store_derive_effective_end_locked (self, classified, uuid, error) ||
               !_rd_store_rate_account_locked (self, classified, uuid, error))
        return FALSE;
      doc = classified;
    }

  if (synced == NULL || !synced->absent)
    old_doc = _rd_store_load_document_locked (self, type, uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Accepted bridges may not overlap; a synced pair is kept and shown as a
   * conflict instead (rd-store-sync.c). */
  if (g_str_equal (type, "bridge") && !self->applying_remote &&
      !_rd_store_check_bridge_overlap_locked (self, doc, old_doc, error))
    return FALSE;

  /* Nothing the user edits changed; what is derived may have (a day passed). */
  if (old_doc != NULL && !_rd_store_documents_differ (old_doc, doc))
    return _rd_store_write_derived_locked (self, type, uuid, old_doc, doc, out_changed, error);

  /* The day its derived values are next due goes in with a new row, or
   * after an upsert. */
  if (synced != NULL && synced->absent && !_rd_store_written_due_locked (self, doc, &due, error))
    return FALSE;
  if (!upsert_document (self, doc, NULL, now, synced, due, error) ||
      (due == NULL && !_rd_store_set_written_due_locked (self, doc, error)))
    return FALSE;
  if (synced != NULL)
    synced->written = TRUE;

  if (!_rd_store_write_change_events (self, type, uuid, old_doc, doc, now, error))
    return FALSE;

  *out_changed = TRUE;

  /* The account's hard deadline follows its accepted bridges. */
  if (g_str_equal (type, "bridge"))
    {
      const char *account_id = json_object_get_string_member_with_default (doc, "account_id", NULL);
      g_autoptr(JsonObject) account = NULL;
      gboolean account_changed = FALSE;

      if (account_id != NULL)
        account = _rd_store_account_with_derived_end_locked (self, account_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (account != NULL && !put_document_locked (self, account, now, NULL, &account_changed, error))
        return FALSE;
    }

  return TRUE;
}

/* Puts every document of @docs in one transaction: all or nothing.  @hook
 * (optional) runs in it, right after it begins and after the puts. */
static gboolean
put_documents_hooked (RdStore         *self,
                      GPtrArray       *docs,
                      RdStorePutHook   hook,
                      gpointer         hook_data,
                      GError         **error)
{
  g_autofree char *now = rd_instant_now ();
  g_autofree gboolean *changed = NULL;
  g_autoptr(GPtrArray) rerated_accounts = NULL;
  g_autoptr(GPtrArray) changed_ids = NULL;
  gboolean ok;

  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(GError) doc_error = NULL;

      if (!rd_document_validate (g_ptr_array_index (docs, i), &doc_error))
        return _rd_store_copy_document_error (doc_error, error);
    }

  changed = g_new0 (gboolean, MAX (docs->len, 1));

  g_mutex_lock (&self->mutex);
  ok = _rd_store_begin (self, error);
  ok = ok && (hook == NULL || hook (self, FALSE, hook_data, error));
  for (guint i = 0; ok && i < docs->len; i++)
    ok = put_document_locked (self, g_ptr_array_index (docs, i), now, NULL, &changed[i], error);
  /* A delay or bridge moves its account's risk: rate it once all are in. */
  for (guint i = 0; ok && i < docs->len; i++)
    {
      const char *account_id = _rd_store_risk_parent_of (g_ptr_array_index (docs, i));
      gboolean rerated = FALSE;
      gboolean is_bridge;

      if (account_id == NULL || !changed[i])
        continue;
      /* An accepted bridge also moves its account's delays' scores. */
      is_bridge = g_str_has_prefix (json_object_get_string_member (g_ptr_array_index (docs, i), "_id"),
                                    "bridge:");
      if (is_bridge)
        ok = _rd_store_reclassify_delays_locked (self, account_id, error);
      ok = ok && _rd_store_refresh_risk_locked (self, account_id, &rerated, error);
      /* A bridge may have moved its account's effective end too. */
      if (ok && (rerated || is_bridge))
        {
          if (rerated_accounts == NULL)
            rerated_accounts = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (rerated_accounts, g_strdup (account_id));
        }
    }
  ok = ok && (hook == NULL || hook (self, TRUE, hook_data, error));
  ok = ok && _rd_store_commit (self, error);
  if (!ok)
    _rd_store_rollback (self);
  g_mutex_unlock (&self->mutex);

  if (!ok)
    return FALSE;

  changed_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < docs->len; i++)
    if (changed[i])
      g_ptr_array_add (changed_ids,
                       g_strdup (json_object_get_string_member (g_ptr_array_index (docs, i), "_id")));
  for (guint i = 0; rerated_accounts != NULL && i < rerated_accounts->len; i++)
    g_ptr_array_add (changed_ids, rd_document_make_id ("account", g_ptr_array_index (rerated_accounts, i)));
  _rd_store_emit_changes (self, changed_ids);

  return TRUE;
}

static gboolean
put_documents (RdStore     *self,
               GPtrArray   *docs,
               GError     **error)
{
  return put_documents_hooked (self, docs, NULL, NULL, error);
}

gboolean
_rd_store_put_documents_hooked (RdStore         *self,
                                GPtrArray       *docs,
                                RdStorePutHook   hook,
                                gpointer         hook_data,
                                GError         **error)
{
  return put_documents_hooked (self, docs, hook, hook_data, error);
}

gboolean
_rd_store_put_document (RdStore     *self,
                        JsonObject  *doc,
                        GError     **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();

  g_ptr_array_add (docs, doc);
  return put_documents (self, docs, error);
}

gboolean
_rd_store_put_remote_locked (RdStore           *self,
                             JsonObject        *doc,
                             RdStoreSyncedRow  *row,
                             gboolean          *out_changed,
                             GError           **error)
{
  const char *updated_at = json_object_get_string_member_with_default (doc, "updated_at", NULL);
  g_autofree char *now = updated_at == NULL ? rd_instant_now () : NULL;
  const char *doc_id = json_object_get_string_member_with_default (doc, "_id", "");
  const char *account_id = json_object_get_string_member_with_default (doc, "account_id", NULL);
  gboolean ok;

  self->applying_remote = TRUE;
  ok = put_document_locked (self, doc, updated_at ? updated_at : now, row, out_changed, error);
  /* Pages arrive in any order: what a delay's class or an account's risk
   * reads (its bridges, its stakeholders, its delays) may land after it. */
  if (ok && *out_changed && account_id != NULL &&
      (g_str_has_prefix (doc_id, "bridge:") || g_str_has_prefix (doc_id, "contact:")))
    ok = _rd_store_rederive_account_locked (self, account_id, error);
  else if (ok && *out_changed && _rd_store_risk_parent_of (doc) != NULL)
    ok = _rd_store_refresh_risk_locked (self, _rd_store_risk_parent_of (doc), NULL, error);
  self->applying_remote = FALSE;

  return ok;
}

/* Tombstones (lock held, inside a transaction) */

static gboolean
tombstone_locked (RdStore     *self,
                  const char  *type,
                  const char  *uuid,
                  const char  *batch,
                  const char  *now,
                  GError     **error)
{
  const RdEntitySpec *specs;
  guint n_specs;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  sql = g_strdup_printf ("UPDATE %s SET deleted = 1, dirty = 1, delete_batch = ?, updated_at = ? "
                         "WHERE id = ? AND deleted = 0", type);
  stmt = _rd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  _rd_store_bind_text (stmt, 1, batch);
  _rd_store_bind_text (stmt, 2, now);
  _rd_store_bind_text (stmt, 3, uuid);
  if (!_rd_store_step_done (self, stmt, error))
    return FALSE;

  /* Children through their owning (required) reference; history stays. */
  specs = rd_entity_specs (&n_specs);
  for (guint s = 0; s < n_specs; s++)
    {
      if (g_str_equal (specs[s].type, "event"))
        continue;

      for (guint f = 0; f < specs[s].n_fields; f++)
        {
          const RdFieldSpec *field = &specs[s].fields[f];
          g_autofree char *child_sql = NULL;
          g_autoptr(GPtrArray) ids = NULL;
          int rc;

          if (field->kind != RD_FIELD_REF || g_strcmp0 (field->ref_type, type) != 0)
            continue;
          if (!field->required && !g_str_equal (field->name, "account_id"))
            continue;

          child_sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? AND deleted = 0",
                                       specs[s].table, field->name);
          stmt = _rd_store_prepare (self, child_sql, error);
          if (stmt == NULL)
            return FALSE;
          _rd_store_bind_text (stmt, 1, uuid);

          ids = g_ptr_array_new_with_free_func (g_free);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_ptr_array_add (ids, _rd_store_column_dup (stmt, 0));
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            return _rd_store_set_db_error (self->db, rc, error);

          for (guint i = 0; i < ids->len; i++)
            {
              if (!tombstone_locked (self, specs[s].type, g_ptr_array_index (ids, i), batch, now,
                                     error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

/* One delete or restore of the row @uuid of @type, and what it changed. */
typedef struct
{
  RdStore    *self;
  const char *type;
  const char *uuid;
  const char *now;
  gboolean    changed;
  char       *rerated_id;  /* the account whose risk changed, or NULL */
} Deletion;

/* The history event (@kind) and the risk of the row just deleted or
 * restored: @doc, of account @account_id (may be NULL). */
static gboolean
note_deletion_locked (Deletion    *d,
                      JsonObject  *doc,
                      const char  *kind,
                      GError     **error)
{
  g_autofree char *account_id = _rd_store_account_of (d->self, d->type, d->uuid, doc);
  g_autoptr(JsonObject) facts = rd_history_facts_for (d->type, doc);
  gboolean rerated = FALSE;

  if (account_id != NULL && !g_str_equal (d->type, "event") && !g_str_equal (d->type, "reminder")
      && !_rd_store_write_event (d->self, account_id, d->type, d->uuid, kind, NULL, NULL, NULL,
                                 facts, d->now, error))
    return FALSE;

  if (account_id != NULL && _rd_store_risk_parent_of (doc) != NULL
      && !_rd_store_refresh_risk_locked (d->self, account_id, &rerated, error))
    return FALSE;
  if (rerated)
    d->rerated_id = g_steal_pointer (&account_id);

  d->changed = TRUE;
  return TRUE;
}

static gboolean
delete_locked (Deletion  *d,
               GError   **error)
{
  g_autofree char *batch = g_uuid_string_random ();
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) local_error = NULL;

  doc = _rd_store_load_document_locked (d->self, d->type, d->uuid, &local_error);
  if (doc == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                     _("There is no %s with the id “%s”"), d->type, d->uuid);
      return FALSE;
    }

  if (json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
    return TRUE;

  return tombstone_locked (d->self, d->type, d->uuid, batch, d->now, error)
         && note_deletion_locked (d, doc, RD_HISTORY_DELETED, error);
}

/* Every row of the delete that took @uuid away: earlier deletes keep
 * their own batch. */
static gboolean
restore_batch_locked (Deletion    *d,
                      const char  *batch,
                      GError     **error)
{
  const RdEntitySpec *specs;
  guint n_specs;

  specs = rd_entity_specs (&n_specs);
  for (guint s = 0; s < n_specs; s++)
    {
      g_autofree char *sql =
        g_strdup_printf ("UPDATE %s SET deleted = 0, dirty = 1, delete_batch = NULL, "
                         "updated_at = ? WHERE delete_batch = ?", specs[s].table);
      sqlite3_stmt *stmt = _rd_store_prepare (d->self, sql, error);

      if (stmt == NULL)
        return FALSE;
      _rd_store_bind_text (stmt, 1, d->now);
      _rd_store_bind_text (stmt, 2, batch);
      if (!_rd_store_step_done (d->self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
undelete_locked (Deletion  *d,
                 GError   **error)
{
  g_autofree char *batch = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("SELECT delete_batch, deleted FROM %s WHERE id = ?", d->type);
  stmt = _rd_store_prepare (d->self, sql, error);
  if (stmt == NULL)
    return FALSE;
  _rd_store_bind_text (stmt, 1, d->uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    batch = _rd_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                   _("There is no %s with the id “%s”"), d->type, d->uuid);
      return FALSE;
    }
  else if (rc != SQLITE_ROW)
    return _rd_store_set_db_error (d->self->db, rc, error);

  if (batch == NULL)
    return TRUE;

  if (!restore_batch_locked (d, batch, error))
    return FALSE;

  doc = _rd_store_load_document_locked (d->self, d->type, d->uuid, error);
  return doc != NULL && note_deletion_locked (d, doc, RD_HISTORY_RESTORED, error);
}

typedef gboolean (*DeletionFunc) (Deletion  *d,
                                  GError   **error);

/* Runs @func in one transaction, then tells the listeners what changed. */
static gboolean
run_deletion (RdStore      *self,
              const char   *type,
              const char   *uuid,
              DeletionFunc  func,
              GError      **error)
{
  g_autofree char *now = rd_instant_now ();
  Deletion d = { self, type, uuid, now, FALSE, NULL };
  gboolean ok;

  g_mutex_lock (&self->mutex);

  ok = _rd_store_begin (self, error) && func (&d, error) && _rd_store_commit (self, error);
  if (!ok)
    _rd_store_rollback (self);
  g_mutex_unlock (&self->mutex);

  if (ok && d.changed)
    _rd_store_emit_changed (self, type, uuid);
  if (ok && d.rerated_id != NULL)
    _rd_store_emit_changed (self, "account", d.rerated_id);
  g_free (d.rerated_id);

  return ok;
}

/* run_deletion() on the row of "<type>:<uuid>" @doc_id. */
static gboolean
run_deletion_of_document (RdStore       *self,
                          const char    *doc_id,
                          DeletionFunc   func,
                          GError       **error)
{
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;

  if (!rd_document_parse_id (doc_id, &type, &uuid) || rd_entity_spec_lookup (type) == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a document id"), doc_id);
      return FALSE;
    }

  return run_deletion (self, type, uuid, func, error);
}

gboolean
_rd_store_delete_entity (RdStore     *self,
                         const char  *type,
                         const char  *uuid,
                         GError     **error)
{
  return run_deletion (self, type, uuid, delete_locked, error);
}

gboolean
_rd_store_undelete_entity (RdStore     *self,
                           const char  *type,
                           const char  *uuid,
                           GError     **error)
{
  return run_deletion (self, type, uuid, undelete_locked, error);
}

/* The documents of @type matching @where, whose "?" take @params in turn. */
static GPtrArray *
select_documents_locked (RdStore            *self,
                         const char         *type,
                         const char         *where,     /* static SQL, or NULL */
                         const char         *order_by,  /* static SQL */
                         const char * const *params,    /* NULL-terminated, or NULL */
                         GError            **error)
{
  const EntitySql *es = _rd_store_entity_sql_lookup (type);
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_assert (es != NULL);

  sql = g_strdup_printf ("%s%s%s ORDER BY %s", es->select_sql, where ? " WHERE " : "",
                         where ? where : "", order_by);

  stmt = _rd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  for (int i = 0; params != NULL && params[i] != NULL; i++)
    _rd_store_bind_text (stmt, i + 1, params[i]);

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (docs, _rd_store_row_to_document (es->spec, stmt));

  if (rc != SQLITE_DONE)
    {
      _rd_store_set_db_error (self->db, rc, error);
      g_clear_pointer (&docs, g_ptr_array_unref);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&docs);
}

GPtrArray *
_rd_store_select_documents_locked (RdStore     *self,
                                   const char  *type,
                                   const char  *where,     /* static SQL, or NULL */
                                   const char  *order_by,  /* static SQL */
                                   const char  *param,
                                   GError     **error)
{
  const char *params[] = { param, NULL };

  return select_documents_locked (self, type, where, order_by, params, error);
}

GPtrArray *
_rd_store_select_documents (RdStore     *self,
                            const char  *type,
                            const char  *where,
                            const char  *order_by,
                            const char  *param,
                            GError     **error)
{
  GPtrArray *docs;

  g_mutex_lock (&self->mutex);
  docs = _rd_store_select_documents_locked (self, type, where, order_by, param, error);
  g_mutex_unlock (&self->mutex);

  return docs;
}

GPtrArray *
rd_store_list_documents (RdStore     *self,
                         const char  *type,
                         const char  *ref_field,
                         const char  *ref_value,
                         GError     **error)
{
  const RdEntitySpec *spec;
  g_autofree char *where = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  spec = rd_entity_spec_lookup (type);
  if (spec == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID, _("Unknown type “%s”"), type);
      return NULL;
    }

  if (ref_field != NULL)
    {
      const RdFieldSpec *field = rd_entity_spec_find_field (spec, ref_field);

      /* Only a spec field name ever reaches the SQL text. */
      if (field == NULL)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("“%s” has no field “%s”"), type, ref_field);
          return NULL;
        }
      where = g_strdup_printf ("%s = ? AND deleted = 0", field->name);
    }

  return _rd_store_select_documents (self, type, where ? where : "deleted = 0", "rowid",
                           ref_field ? ref_value : NULL, error);
}

JsonObject *
rd_store_get_document (RdStore     *self,
                       const char  *doc_id,
                       GError     **error)
{
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *doc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (doc_id != NULL, NULL);

  if (!rd_document_parse_id (doc_id, &type, &uuid) || rd_entity_spec_lookup (type) == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a document id"), doc_id);
      return NULL;
    }

  g_mutex_lock (&self->mutex);
  doc = _rd_store_load_document_locked (self, type, uuid, &local_error);
  g_mutex_unlock (&self->mutex);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (doc == NULL)
    g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                 _("There is no document “%s”"), doc_id);

  return doc;
}

gboolean
rd_store_put_document (RdStore     *self,
                       JsonObject  *doc,
                       GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  return _rd_store_put_document (self, doc, error);
}

gboolean
rd_store_put_documents (RdStore     *self,
                        GPtrArray   *docs,
                        GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);

  return put_documents (self, docs, error);
}

gboolean
rd_store_delete_document (RdStore     *self,
                          const char  *doc_id,
                          GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc_id != NULL, FALSE);

  return run_deletion_of_document (self, doc_id, delete_locked, error);
}

gboolean
rd_store_undelete_document (RdStore     *self,
                            const char  *doc_id,
                            GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc_id != NULL, FALSE);

  return run_deletion_of_document (self, doc_id, undelete_locked, error);
}

GPtrArray *
rd_store_list_documents_between (RdStore     *self,
                                 const char  *type,
                                 const char  *date_field,
                                 const char  *from,
                                 const char  *to,
                                 GError     **error)
{
  const char *params[] = { from, to, NULL };
  const RdEntitySpec *spec;
  const RdFieldSpec *field;
  g_autofree char *where = NULL;
  GPtrArray *docs;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (date_field != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  spec = rd_entity_spec_lookup (type);
  field = spec != NULL ? rd_entity_spec_find_field (spec, date_field) : NULL;
  if (field == NULL || field->kind != RD_FIELD_DATE)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” has no date field “%s”"), type, date_field);
      return NULL;
    }

  /* Only a spec field name ever reaches the SQL text; quoted, as "on" is
   * a keyword.  Same-length ISO dates compare as strings. */
  where = g_strdup_printf ("\"%s\" >= ? AND \"%s\" <= ? AND deleted = 0", field->name, field->name);

  g_mutex_lock (&self->mutex);
  docs = select_documents_locked (self, type, where, "rowid", params, error);
  g_mutex_unlock (&self->mutex);

  return docs;
}

/* Keeps @day as @account_id's day in @newest if it is later than the one kept. */
static void
keep_newest (GHashTable *newest,
             const char *account_id,
             const char *day)
{
  const char *have = g_hash_table_lookup (newest, account_id);

  if (have == NULL || strcmp (day, have) > 0)
    g_hash_table_insert (newest, g_strdup (account_id), g_strdup (day));
}

/* Runs @sql (an account id, then @n_columns columns of days) with
 * @params and keeps in @tables[d], per account, the greatest day of any
 * column that is on or before @days[d] by its first ten characters (strcmp
 * order, as SQL's MAX).  With @skip_after, a row whose first day column is
 * after @days[d] (whole strings compared) counts for none of its columns
 * on that day.  The table is read once, in its own order, without an index
 * that would cost a random read per row. */
static gboolean
newest_by_account_locked (RdStore            *self,
                          const char         *sql,
                          const char * const *params,
                          const char * const *days,
                          gboolean            skip_after,
                          GPtrArray          *tables,
                          GError            **error)
{
  guint n_days = g_strv_length ((char **) days);
  sqlite3_stmt *stmt;
  int rc;

  for (guint d = 0; d < n_days; d++)
    g_ptr_array_add (tables, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free));

  stmt = _rd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; params != NULL && params[i] != NULL; i++)
    _rd_store_bind_text (stmt, i + 1, params[i]);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *account_id = (const char *) sqlite3_column_text (stmt, 0);
      int n_columns = sqlite3_column_count (stmt);

      if (account_id == NULL)
        continue;
      for (guint d = 0; d < n_days; d++)
        {
          GHashTable *newest = g_ptr_array_index (tables, d);
          const char *first = (const char *) sqlite3_column_text (stmt, 1);
          const char *day = NULL;

          if (skip_after && first != NULL && strcmp (first, days[d]) > 0)
            continue;
          for (int c = 1; c < n_columns; c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              if (text != NULL && strlen (text) >= 10 && strncmp (text, days[d], 10) <= 0 &&
                  (day == NULL || strcmp (text, day) > 0))
                day = text;
            }
          if (day == NULL)
            continue;
          keep_newest (newest, account_id, day);
        }
    }
  if (rc != SQLITE_DONE)
    _rd_store_set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

GPtrArray *
rd_store_newest_activity_on (RdStore             *self,
                             const char * const  *days,
                             GError             **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (days != NULL, NULL);

  tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_mutex_lock (&self->mutex);
  ok = newest_by_account_locked (self, "SELECT account_id, \"on\" FROM activity WHERE deleted = 0",
                                 NULL, days, FALSE, tables, error);
  g_mutex_unlock (&self->mutex);

  return ok ? g_steal_pointer (&tables) : NULL;
}

GPtrArray *
rd_store_list_delays_unsettled (RdStore     *self,
                                const char  *day,
                                GError     **error)
{
  const char *params[] = { day, NULL };
  GPtrArray *docs;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  g_mutex_lock (&self->mutex);
  docs = select_documents_locked (self, "delay",
                                  "deleted = 0 AND (status IS NOT 'resolved' OR resolved_on IS NULL "
                                  "OR resolved_on >= ?)", "rowid", params, error);
  g_mutex_unlock (&self->mutex);

  return docs;
}

GPtrArray *
rd_store_newest_settled_delay_contact (RdStore             *self,
                                       const char          *settled_before,
                                       const char * const  *days,
                                       GError             **error)
{
  const char *params[] = { settled_before, NULL };
  g_autoptr(GPtrArray) tables = NULL;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (settled_before != NULL && days != NULL, NULL);

  tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_mutex_lock (&self->mutex);
  ok = newest_by_account_locked (self,
                                 "SELECT account_id, communicated_on, info_kept_on, reconnect_kept_on, "
                                 "decision_kept_on, next_step_kept_on FROM delay "
                                 "WHERE deleted = 0 AND status IS 'resolved' AND resolved_on < ?",
                                 params, days, TRUE, tables, error);
  g_mutex_unlock (&self->mutex);

  return ok ? g_steal_pointer (&tables) : NULL;
}

GHashTable *
rd_store_newest_date_by_account (RdStore     *self,
                                 const char  *type,
                                 const char  *date_field,
                                 GPtrArray  **out_undated,
                                 GError     **error)
{
  return rd_store_newest_date_of_accounts (self, type, date_field, NULL, out_undated, error);
}

GHashTable *
rd_store_newest_date_of_accounts (RdStore     *self,
                                  const char  *type,
                                  const char  *date_field,
                                  const char  *accounts,
                                  GPtrArray  **out_undated,
                                  GError     **error)
{
  g_autoptr(GHashTable) newest = NULL;
  g_autoptr(GPtrArray) undated = NULL;
  g_autofree char *sql = NULL;
  const RdEntitySpec *spec;
  const RdFieldSpec *field;
  const RdFieldSpec *account;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL && date_field != NULL, NULL);
  g_return_val_if_fail (out_undated != NULL, NULL);

  *out_undated = NULL;
  spec = rd_entity_spec_lookup (type);
  field = spec != NULL ? rd_entity_spec_find_field (spec, date_field) : NULL;
  account = spec != NULL ? rd_entity_spec_find_field (spec, "account_id") : NULL;
  if (field == NULL || field->kind != RD_FIELD_DATE || account == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” has no date field “%s”"), type, date_field);
      return NULL;
    }

  /* Only spec names reach the SQL text; quoted, as "on" is a keyword.  The
   * table is read in its own order; the newest day is kept in C. */
  sql = g_strdup_printf ("SELECT account_id, \"%s\", id FROM \"%s\" WHERE deleted = 0%s",
                         field->name, spec->table,
                         accounts ? " AND account_id IN (SELECT value FROM json_each (?))" : "");
  newest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  undated = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&self->mutex);
  stmt = _rd_store_prepare (self, sql, error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->mutex);
      return NULL;
    }
  if (accounts != NULL)
    _rd_store_bind_text (stmt, 1, accounts);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *account_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *day = (const char *) sqlite3_column_text (stmt, 1);
      GDate date;

      if (account_id == NULL)
        continue;
      if (!rd_date_parse (day, &date))
        {
          g_ptr_array_add (undated, g_strdup_printf ("%s:%s", spec->type,
                                                     (const char *) sqlite3_column_text (stmt, 2)));
          continue;
        }
      keep_newest (newest, account_id, day);
    }
  if (rc != SQLITE_DONE)
    _rd_store_set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);
  g_mutex_unlock (&self->mutex);

  if (rc != SQLITE_DONE)
    return NULL;
  *out_undated = g_steal_pointer (&undated);
  return g_steal_pointer (&newest);
}
