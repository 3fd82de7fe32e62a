/* rd-store-records.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, typed accessors: accounts, contacts and delays. */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-account-pack.h"
#include "rd-account-private.h"
#include "rd-contact-private.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-fields-private.h"
#include "rd-format.h"
#include "rd-risk.h"
#include "rd-sample-private.h"
#include "rd-store.h"
#include "rd-store-private.h"

#define ACCOUNT_COLUMNS \
  "id, name, external_id, industry, country, currency, annual_value_minor, " \
  "contract_start, contract_end, effective_end, stage, status, cash_stability, " \
  "owner, auto_renew, notice_days, notes, risk_score, risk_band, updated_at, extra, " \
  "(SELECT MAX (CASE COALESCE (d.classification_override, d.classification) " \
  "             WHEN 'risk' THEN 2 WHEN 'decision' THEN 1 ELSE 0 END) " \
  " FROM delay d WHERE d.account_id = account.id AND d.deleted = 0 " \
  " AND COALESCE (d.status, 'open') = 'open') AS delay_class, " \
  "risk_factors, churn_reason, stage_since"

/* @pool: where the account's common strings go (rd-account-pack.h). */
static RdAccount *
account_from_row (sqlite3_stmt *stmt,
                  RdStringPool *pool)
{
  RdAccount *account = _rd_account_new_empty ();
  const char *extra;
  int v;

  account->id = _rd_store_column_dup (stmt, 0);
  account->name = _rd_store_column_dup (stmt, 1);
  account->external_id = _rd_store_column_dup (stmt, 2);
  account->industry = _rd_store_column_dup (stmt, 3);
  account->country = _rd_store_column_dup (stmt, 4);
  account->currency = _rd_store_column_dup (stmt, 5);
  account->annual_value_minor = sqlite3_column_int64 (stmt, 6);
  account->contract_start = _rd_store_column_dup (stmt, 7);
  account->contract_end = _rd_store_column_dup (stmt, 8);
  account->effective_end = _rd_store_column_dup (stmt, 9);
  v = rd_enum_table_lookup (&rd_stage_table, (const char *) sqlite3_column_text (stmt, 10));
  account->stage = v < 0 ? RD_STAGE_MATURING : (RdStage) v;
  v = rd_enum_table_lookup (&rd_status_table, (const char *) sqlite3_column_text (stmt, 11));
  account->status = v < 0 ? RD_STATUS_ACTIVE : (RdStatus) v;
  v = rd_enum_table_lookup (&rd_level_table, (const char *) sqlite3_column_text (stmt, 12));
  account->cash_stability = v < 0 ? RD_LEVEL_MEDIUM : (RdLevel) v;
  account->owner = _rd_store_column_dup (stmt, 13);
  account->auto_renew = sqlite3_column_int (stmt, 14) != 0;
  account->notice_days = sqlite3_column_type (stmt, 15) == SQLITE_NULL
                         ? 60 : sqlite3_column_int (stmt, 15);
  account->notes = _rd_store_column_dup (stmt, 16);
  account->risk_score = sqlite3_column_int (stmt, 17);
  v = rd_enum_table_lookup (&rd_risk_band_table, (const char *) sqlite3_column_text (stmt, 18));
  account->risk_band = v < 0 ? RD_RISK_BAND_LOW : (RdRiskBand) v;
  account->updated_at = _rd_store_column_dup (stmt, 19);

  extra = (const char *) sqlite3_column_text (stmt, 20);
  if (extra != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (extra, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        account->extra = json_node_dup_object (node);
    }

  account->delay_class = sqlite3_column_type (stmt, 21) == SQLITE_NULL
                         ? -1 : sqlite3_column_int (stmt, 21);

  if (sqlite3_column_type (stmt, 22) != SQLITE_NULL)
    {
      g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 22),
                                                   NULL);

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        account->risk_factors = _rd_strv_from_json_array (json_node_get_array (node));
    }
  account->churn_reason = _rd_store_column_dup (stmt, 23);
  account->stage_since = _rd_store_column_dup (stmt, 24);

  /* Computed on the worker so the first keystroke of a search costs nothing. */
  _rd_account_update_search_key (account);
  _rd_account_pack_strings_pooled (account, pool);

  return account;
}

/* Sets the page cache's size (lock held); returns the former size, or 0
 * when it could not be read (and then changes nothing). */
gint64
_rd_store_swap_cache_size_locked (RdStore *self,
                                  gint64   size)
{
  g_autofree char *sql = NULL;
  gint64 former = 0;

  if (!_rd_store_select_int64_locked (self, "PRAGMA cache_size", NULL, NULL, &former, NULL))
    return 0;
  sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);
  _rd_store_exec (self, sql, NULL);
  return former;
}

static GPtrArray *
select_accounts (RdStore     *self,
                 const char  *sql,
                 int          limit,
                 GError     **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(RdStringPool) pool = rd_string_pool_new ();
  gint64 cache_size = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&self->mutex);

  stmt = _rd_store_prepare (self, sql, error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->mutex);
      return NULL;
    }
  if (limit >= 0)
    sqlite3_bind_int (stmt, 1, limit);

  /* Even for the first screen's few accounts: choosing them passes over
   * the whole table, whose pages would stay in a worker's arena (~13 MB
   * at 100,000 accounts) when the whole-book read shrinks the cache. */
  cache_size = _rd_store_swap_cache_size_locked (self, RD_STORE_SCAN_CACHE_SIZE);

  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt, pool));
  rd_string_pool_seal (pool);

  if (rc != SQLITE_DONE)
    {
      _rd_store_set_db_error (self->db, rc, error);
      g_clear_pointer (&accounts, g_ptr_array_unref);
    }
  sqlite3_reset (stmt);
  if (cache_size != 0)
    _rd_store_swap_cache_size_locked (self, cache_size);

  g_mutex_unlock (&self->mutex);

  return g_steal_pointer (&accounts);
}

typedef gpointer (*FromDocumentFunc) (JsonObject  *doc,
                                      GError     **error);
typedef void     (*StampFunc)        (gpointer     object,
                                      const char  *updated_at);

/* The objects of @account_id's live @type rows, read by @from_document. */
static GPtrArray *
list_of_account (RdStore           *self,
                 const char        *type,
                 const char        *account_id,
                 FromDocumentFunc   from_document,
                 GError           **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) objects = NULL;

  docs = rd_store_list_documents (self, type, "account_id", account_id, error);
  if (docs == NULL)
    return NULL;

  objects = g_ptr_array_new_full (docs->len, g_object_unref);
  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gpointer object = from_document (g_ptr_array_index (docs, i), &local_error);

      /* A row that no longer validates is left out with a warning rather
       * than failing the whole list. */
      if (object == NULL)
        {
          g_warning ("%s", local_error->message);
          continue;
        }
      g_ptr_array_add (objects, object);
    }

  return g_steal_pointer (&objects);
}

/* Writes @doc, the document of @object, and gives @object the time the
 * store stamped it with.  Only the timestamp goes back to the caller: the
 * page that edits @object treats any other change as an edit.  A fresh
 * rating reaches the views through "changed" and a re-read. */
static gboolean
put_and_stamp (RdStore     *self,
               JsonObject  *doc,
               gpointer     object,
               StampFunc    stamp,
               GError     **error)
{
  g_autoptr(JsonObject) stored = NULL;

  if (!_rd_store_put_document (self, doc, error))
    return FALSE;

  stored = rd_store_get_document (self, json_object_get_string_member (doc, "_id"), NULL);
  if (stored != NULL)
    stamp (object, json_object_get_string_member_with_default (stored, "updated_at", NULL));

  return TRUE;
}

GPtrArray *
rd_store_list_accounts (RdStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return select_accounts (self,
                          "SELECT " ACCOUNT_COLUMNS " FROM account WHERE deleted = 0 ORDER BY rowid",
                          -1, error);
}

/**
 * rd_store_lookup_account_names:
 * @self: a #RdStore
 * @names: (element-type utf8 utf8): account ids as keys; the values are
 *   replaced by the accounts' names
 * @error: return location for a #GError
 *
 * Looks up the name of each account in @names, live or deleted, as its
 * document says it.  An id without an account, or an account without a
 * name, keeps its value.  The open reminders of a big book name most of
 * its accounts: the look-ups go through the small page cache of a
 * whole-book read, so they do not leave their pages in the connection's.
 *
 * Returns: %TRUE on success
 */
gboolean
rd_store_lookup_account_names (RdStore     *self,
                               GHashTable  *names,
                               GError     **error)
{
  GHashTableIter iter;
  gpointer id, name;
  gint64 cache_size;
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (names != NULL, FALSE);

  g_mutex_lock (&self->mutex);

  stmt = _rd_store_prepare (self, "SELECT name FROM account WHERE id = ?", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }
  /* Even for the first screen's few accounts: choosing them passes over
   * the whole table, whose pages would stay in a worker's arena (~13 MB
   * at 100,000 accounts) when the whole-book read shrinks the cache. */
  cache_size = _rd_store_swap_cache_size_locked (self, RD_STORE_SCAN_CACHE_SIZE);

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &id, &name))
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
        g_hash_table_iter_replace (&iter, _rd_store_column_dup (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        break;
    }
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _rd_store_set_db_error (self->db, rc, error);
  if (cache_size != 0)
    _rd_store_swap_cache_size_locked (self, cache_size);

  g_mutex_unlock (&self->mutex);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The list's own order: the soonest deadline first, lost accounts left
 * out (the list shows them last), ties by worst open delay, then name.  The
 * WHERE clause is account_open_deadline_idx's (schema v13), so no lost
 * account's row is read: only the first days' rows, whose delay class and
 * name sort them within their day. */
GPtrArray *
rd_store_list_first_accounts (RdStore  *self,
                              guint     limit,
                              GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return select_accounts (self,
                          "SELECT " ACCOUNT_COLUMNS " FROM account WHERE deleted = 0 "
                          "AND status IS NOT 'lost' "
                          "AND COALESCE (effective_end, contract_end) IS NOT NULL "
                          "ORDER BY COALESCE (effective_end, contract_end), "
                          "delay_class DESC, name COLLATE NOCASE LIMIT ?",
                          (int) MIN (limit, G_MAXINT), error);
}

RdAccount *
rd_store_get_account (RdStore     *self,
                      const char  *id,
                      GError     **error)
{
  RdAccount *account = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->mutex);

  stmt = _rd_store_prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = ? AND deleted = 0",
                  error);
  if (stmt != NULL)
    {
      _rd_store_bind_text (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        account = account_from_row (stmt, NULL);
      else if (rc == SQLITE_DONE)
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                     _("There is no account with the id “%s”"), id);
      else
        _rd_store_set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
    }

  g_mutex_unlock (&self->mutex);

  return account;
}

gboolean
rd_store_save_account (RdStore    *self,
                       RdAccount  *account,
                       GError    **error)
{
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_ACCOUNT (account), FALSE);

  doc = rd_account_to_document (account);
  return put_and_stamp (self, doc, account, (StampFunc) _rd_account_set_updated_at, error);
}

gboolean
rd_store_delete_account (RdStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _rd_store_delete_entity (self, "account", id, error);
}

gboolean
rd_store_undelete_account (RdStore     *self,
                           const char  *id,
                           GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _rd_store_undelete_entity (self, "account", id, error);
}

GPtrArray *
rd_store_list_contacts (RdStore     *self,
                        const char  *account_id,
                        GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  return list_of_account (self, "contact", account_id,
                          (FromDocumentFunc) rd_contact_new_from_document, error);
}

gboolean
rd_store_save_contact (RdStore    *self,
                       RdContact  *contact,
                       GError    **error)
{
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_CONTACT (contact), FALSE);

  doc = rd_contact_to_document (contact);
  return put_and_stamp (self, doc, contact, (StampFunc) _rd_contact_set_updated_at, error);
}

gboolean
rd_store_delete_contact (RdStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _rd_store_delete_entity (self, "contact", id, error);
}

gboolean
rd_store_undelete_contact (RdStore     *self,
                           const char  *id,
                           GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _rd_store_undelete_entity (self, "contact", id, error);
}

static int
compare_delays_by_date (gconstpointer pa,
                        gconstpointer pb)
{
  RdDelay *a = *(RdDelay * const *) pa;
  RdDelay *b = *(RdDelay * const *) pb;
  int cmp = g_strcmp0 (rd_delay_get_communicated_on (a), rd_delay_get_communicated_on (b));

  return cmp != 0 ? cmp : g_strcmp0 (rd_delay_get_id (a), rd_delay_get_id (b));
}

GPtrArray *
rd_store_list_delays (RdStore     *self,
                      const char  *account_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) delays = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  delays = list_of_account (self, "delay", account_id,
                            (FromDocumentFunc) rd_delay_new_from_document, error);
  if (delays == NULL)
    return NULL;

  g_ptr_array_sort (delays, compare_delays_by_date);

  return g_steal_pointer (&delays);
}

RdDelay *
rd_store_get_delay (RdStore     *self,
                    const char  *id,
                    GError     **error)
{
  g_autofree char *doc_id = NULL;
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  doc_id = rd_document_make_id ("delay", id);
  doc = rd_store_get_document (self, doc_id, error);
  if (doc == NULL)
    return NULL;

  return rd_delay_new_from_document (doc, error);
}

RdDelay *
rd_store_save_delay (RdStore  *self,
                     RdDelay  *delay,
                     GError  **error)
{
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (RD_IS_DELAY (delay), NULL);

  doc = rd_delay_to_document (delay);
  /* Computed by the store; a stale value from the caller must not count. */
  json_object_remove_member (doc, "classification");
  json_object_remove_member (doc, "score");
  json_object_remove_member (doc, "updated_at");
  if (!_rd_store_put_document (self, doc, error))
    return NULL;

  return rd_store_get_delay (self, rd_delay_get_id (delay), error);
}

gboolean
rd_store_delete_delay (RdStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _rd_store_delete_entity (self, "delay", id, error);
}

gboolean
rd_store_undelete_delay (RdStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _rd_store_undelete_entity (self, "delay", id, error);
}
