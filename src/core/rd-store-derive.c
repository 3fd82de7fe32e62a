/* rd-store-derive.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, derived values: a delay's class and an account's risk. */

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
#include "rd-risk.h"
#include "rd-sample-private.h"
#include "rd-store.h"
#include "rd-store-private.h"

/* Delays: the classification is computed, never trusted from the caller.
 * Every path that writes a delay (the editor, import, sync) runs this
 * first, with the lock held, so the stored document always carries the
 * class and score its facts give today. */

static int
count_rows_locked (RdStore    *self,
                   const char *sql,
                   const char *arg1,
                   const char *arg2)
{
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, NULL);
  int count = 0;

  if (stmt == NULL)
    return 0;
  _rd_store_bind_text (stmt, 1, arg1);
  if (arg2 != NULL)
    _rd_store_bind_text (stmt, 2, arg2);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

static char *
account_deadline_locked (RdStore    *self,
                         const char *account_id)
{
  sqlite3_stmt *stmt;
  char *deadline = NULL;

  stmt = _rd_store_prepare (self, "SELECT COALESCE (effective_end, contract_end) FROM account WHERE id = ?",
                  NULL);
  if (stmt == NULL)
    return NULL;
  _rd_store_bind_text (stmt, 1, account_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    deadline = _rd_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);

  return deadline;
}

static void
delay_context_locked (RdStore        *self,
                      const char     *account_id,
                      const char     *delay_id,
                      RdDelayContext *context)
{
  g_autofree char *deadline = account_deadline_locked (self, account_id);

  memset (context, 0, sizeof *context);
  g_strlcpy (context->deadline, deadline ? deadline : "", sizeof context->deadline);
  rd_date_today (&context->today);
  context->other_open_delays =
    count_rows_locked (self,
                       "SELECT COUNT(*) FROM delay WHERE account_id = ? AND id != ? "
                       "AND deleted = 0 AND COALESCE (status, 'open') = 'open'",
                       account_id, delay_id ? delay_id : "");
  context->extensions =
    count_rows_locked (self,
                       "SELECT COUNT(*) FROM bridge WHERE account_id = ? AND deleted = 0 "
                       "AND status = 'accepted'", account_id, NULL);
  context->champion_changed =
    count_rows_locked (self,
                       "SELECT COUNT(*) FROM contact WHERE account_id = ? AND deleted = 0 "
                       "AND role = 'champion' AND active = 0", account_id, NULL) > 0;
}

gboolean
_rd_store_classify_delay_locked (RdStore     *self,
                                 JsonObject  *doc,
                                 GError     **error)
{
  g_autoptr(RdDelay) delay = NULL;
  g_autoptr(RdClassification) result = NULL;
  RdDelayContext context;

  delay = rd_delay_new_from_document (doc, error);
  if (delay == NULL)
    return FALSE;

  delay_context_locked (self, rd_delay_get_account_id (delay), rd_delay_get_id (delay), &context);
  result = rd_delay_classify (delay, &context);
  json_object_set_string_member (doc, "classification",
                                 rd_enum_table_id (&rd_class_table, result->klass));
  json_object_set_int_member (doc, "score", result->score);

  return TRUE;
}

/* Risk: like a delay's class, an account's risk is computed, never trusted
 * from the caller.  Every path that writes an account, or a delay or bridge
 * that moves its risk, rates it again with the lock held. */

static const RdRiskConfig *
risk_config_locked (RdStore *self)
{
  sqlite3_stmt *stmt;

  if (self->risk_config != NULL)
    return self->risk_config;

  stmt = _rd_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt != NULL)
    {
      _rd_store_bind_text (stmt, 1, RD_RISK_SETTINGS_KEY);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          g_autoptr(GError) error = NULL;

          self->risk_config =
            rd_risk_config_new_from_json ((const char *) sqlite3_column_text (stmt, 0), &error);
          if (self->risk_config == NULL)
            g_warning ("Ignoring the stored risk settings: %s", error->message);
        }
      sqlite3_reset (stmt);
    }

  if (self->risk_config == NULL)
    self->risk_config = rd_risk_config_new_default ();

  return self->risk_config;
}

/* Sets risk_score, risk_band and risk_factors of the account document @doc
 * from its fields and the delays and bridges stored for it. */
void
_rd_store_rate_account_locked (RdStore    *self,
                               JsonObject *doc,
                               const char *uuid)
{
  /* Today, looked up once a minute: the local time zone is costly to load
   * and an import rates every account.  Guarded by the store's mutex. */
  static GDate today;
  static gint64 today_checked = 0;
  RdRiskInput input;
  RdRiskResult result;
  sqlite3_stmt *stmt;

  if (today_checked == 0 || g_get_monotonic_time () - today_checked > 60 * G_USEC_PER_SEC)
    {
      rd_date_today (&today);
      today_checked = g_get_monotonic_time ();
    }
  rd_risk_input_from_document (&input, doc, &today);

  stmt = _rd_store_prepare (self,
                  "SELECT COUNT(*), MAX (CASE COALESCE (classification_override, classification) "
                  "WHEN 'risk' THEN 2 WHEN 'decision' THEN 1 ELSE 0 END) "
                  "FROM delay WHERE account_id = ? AND deleted = 0 "
                  "AND COALESCE (status, 'open') = 'open'", NULL);
  if (stmt != NULL)
    {
      _rd_store_bind_text (stmt, 1, uuid);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          input.open_delays = sqlite3_column_int (stmt, 0);
          input.worst_delay_class = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                                    ? -1 : sqlite3_column_int (stmt, 1);
        }
      sqlite3_reset (stmt);
    }
  input.extensions =
    count_rows_locked (self,
                       "SELECT COUNT(*) FROM bridge WHERE account_id = ? AND deleted = 0 "
                       "AND status = 'accepted'", uuid, NULL);

  rd_risk_rate (risk_config_locked (self), &input, &result);

  json_object_set_int_member (doc, "risk_score", result.score);
  json_object_set_string_member (doc, "risk_band",
                                 rd_enum_table_id (&rd_risk_band_table, result.band));
  if (result.n_factors > 0)
    {
      JsonArray *factors = json_array_new ();

      for (guint i = 0; i < result.n_factors; i++)
        json_array_add_string_element (factors, result.factors[i]);
      json_object_set_array_member (doc, "risk_factors", factors);
    }
  else if (json_object_has_member (doc, "risk_factors"))
    json_object_remove_member (doc, "risk_factors");
}

/* Rates the stored account @uuid again and writes it when the rating
 * changed; @updated_at NULL keeps the row's own.  Lock held, in a transaction. */
gboolean
_rd_store_refresh_risk_locked (RdStore     *self,
                               const char  *uuid,
                               const char  *updated_at,
                               gboolean    *out_changed,
                               GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) rated = NULL;
  g_autoptr(GError) local_error = NULL;

  if (out_changed != NULL)
    *out_changed = FALSE;

  doc = _rd_store_load_document_locked (self, "account", uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (doc == NULL || json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
    return TRUE;

  rated = rd_document_copy_object (doc);
  _rd_store_rate_account_locked (self, rated, uuid);
  if (!_rd_store_documents_differ (doc, rated))
    return TRUE;

  if (updated_at == NULL)
    updated_at = json_object_get_string_member_with_default (doc, "updated_at", NULL);
  if (!_rd_store_upsert_document (self, rated, updated_at, error))
    return FALSE;

  if (out_changed != NULL)
    *out_changed = TRUE;

  return TRUE;
}

gboolean
rd_store_get_delay_context (RdStore         *self,
                            const char      *account_id,
                            const char      *delay_id,
                            RdDelayContext  *out_context,
                            GError         **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (out_context != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  delay_context_locked (self, account_id, delay_id, out_context);
  g_mutex_unlock (&self->mutex);

  return TRUE;
}

RdRiskConfig *
rd_store_get_risk_config (RdStore  *self,
                          GError  **error)
{
  RdRiskConfig *config;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);
  config = rd_risk_config_copy (risk_config_locked (self));
  g_mutex_unlock (&self->mutex);

  return config;
}

gboolean
rd_store_set_risk_config (RdStore             *self,
                          const RdRiskConfig  *config,
                          GError             **error)
{
  g_autofree char *json = NULL;
  g_autofree char *now = rd_instant_now ();
  g_autoptr(GPtrArray) ids = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  json = rd_risk_config_to_json (config);
  ids = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&self->mutex);
  if (!_rd_store_begin (self, error))
    goto out;

  stmt = _rd_store_prepare (self, "INSERT INTO settings (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    goto out;
  _rd_store_bind_text (stmt, 1, RD_RISK_SETTINGS_KEY);
  _rd_store_bind_text (stmt, 2, json);
  if (!_rd_store_step_done (self, stmt, error))
    goto out;

  g_clear_pointer (&self->risk_config, rd_risk_config_free);
  self->risk_config = rd_risk_config_copy (config);

  /* Every account is rated again with the new tables, in the same transaction. */
  stmt = _rd_store_prepare (self, "SELECT id FROM account WHERE deleted = 0", error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, _rd_store_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_db_error (self->db, rc, error);
      goto out;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      if (!_rd_store_refresh_risk_locked (self, g_ptr_array_index (ids, i), now, NULL, error))
        goto out;
    }

  ok = _rd_store_commit (self, error);

out:
  if (!ok)
    {
      _rd_store_rollback (self);
      g_clear_pointer (&self->risk_config, rd_risk_config_free);
    }
  g_mutex_unlock (&self->mutex);

  if (ok)
    _rd_store_emit_changed (self, "account", NULL);

  return ok;
}
