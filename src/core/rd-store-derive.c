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

/* Derived values: a delay's class and score, an account's risk score, band
 * and factors.  They are computed from the facts as of a day, never trusted
 * from the caller, and kept in their own columns so views and exports read
 * them cheaply.
 *
 * A day passing changes them without anyone editing anything, so they are
 * written apart from the document's own fields: recomputing them never
 * bumps updated_at, never marks the row dirty for sync and never writes
 * history.  Every writer (editor, import, sync) recomputes the values of
 * what it writes, and rd_store_refresh_derived() recomputes the whole book
 * when the day has changed (the app does so after its first frame, at
 * midnight and after a suspend; the command line before it exports).
 * Peers never need them: whoever reads a document derives them again. */

/* The settings key holding the day the derived values were last computed for. */
#define DERIVED_ON_KEY "derived-on"

static const char * const derived_fields[] = {
  "classification", "score", "risk_score", "risk_band", "risk_factors", NULL
};

gboolean
_rd_store_is_derived_field (const char *name)
{
  return g_strv_contains (derived_fields, name);
}

void
_rd_store_strip_derived (JsonObject *doc)
{
  for (guint i = 0; derived_fields[i] != NULL; i++)
    if (json_object_has_member (doc, derived_fields[i]))
      json_object_remove_member (doc, derived_fields[i]);
}

/* Today as this store sees it: the day set by rd_store_set_today(), else the
 * local date, looked up at most once a minute (loading the local time zone
 * is costly and an import rates every account). */
void
_rd_store_today_locked (RdStore *self,
                        GDate   *out)
{
  gint64 now = g_get_monotonic_time ();

  if (!self->today_fixed &&
      (self->today_checked == 0 || now - self->today_checked > 60 * G_USEC_PER_SEC))
    {
      rd_date_today (&self->today);
      self->today_checked = now;
    }
  *out = self->today;
}

static gboolean
count_rows_locked (RdStore     *self,
                   const char  *sql,
                   const char  *arg1,
                   const char  *arg2,
                   guint       *out_count,
                   GError     **error)
{
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _rd_store_bind_text (stmt, 1, arg1);
  if (arg2 != NULL)
    _rd_store_bind_text (stmt, 2, arg2);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_count = sqlite3_column_int (stmt, 0);
  else
    _rd_store_set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static gboolean
account_deadline_locked (RdStore     *self,
                         const char  *account_id,
                         char       **out_deadline,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_deadline = NULL;
  stmt = _rd_store_prepare (self,
                            "SELECT COALESCE (effective_end, contract_end) FROM account WHERE id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  _rd_store_bind_text (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_deadline = _rd_store_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    _rd_store_set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
delay_context_locked (RdStore         *self,
                      const char      *account_id,
                      const char      *delay_id,
                      RdDelayContext  *context,
                      GError         **error)
{
  g_autofree char *deadline = NULL;
  guint champions_left = 0;

  memset (context, 0, sizeof *context);
  if (!account_deadline_locked (self, account_id, &deadline, error))
    return FALSE;
  g_strlcpy (context->deadline, deadline ? deadline : "", sizeof context->deadline);
  _rd_store_today_locked (self, &context->today);

  if (!count_rows_locked (self,
                          "SELECT COUNT(*) FROM delay WHERE account_id = ? AND id != ? "
                          "AND deleted = 0 AND COALESCE (status, 'open') = 'open'",
                          account_id, delay_id ? delay_id : "", &context->other_open_delays, error) ||
      !count_rows_locked (self,
                          "SELECT COUNT(*) FROM bridge WHERE account_id = ? AND deleted = 0 "
                          "AND status = 'accepted'", account_id, NULL, &context->extensions, error) ||
      !count_rows_locked (self,
                          "SELECT COUNT(*) FROM contact WHERE account_id = ? AND deleted = 0 "
                          "AND role = 'champion' AND active = 0", account_id, NULL,
                          &champions_left, error))
    return FALSE;
  context->champion_changed = champions_left > 0;

  return TRUE;
}

/* Who is who at the account, so a class's reasons can say who said what. */
static gboolean
contact_roles_locked (RdStore     *self,
                      const char  *account_id,
                      GHashTable **out_roles,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_roles = rd_delay_roles_new ();
  stmt = _rd_store_prepare (self, "SELECT id, role FROM contact WHERE account_id = ? AND deleted = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  _rd_store_bind_text (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int role = rd_enum_table_lookup (&rd_role_table, (const char *) sqlite3_column_text (stmt, 1));

      if (role >= 0)
        rd_delay_roles_add (*out_roles, (const char *) sqlite3_column_text (stmt, 0), role);
    }
  if (rc != SQLITE_DONE)
    _rd_store_set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

/* Sets classification and score of the delay document @doc, as of today. */
gboolean
_rd_store_classify_delay_locked (RdStore     *self,
                                 JsonObject  *doc,
                                 GError     **error)
{
  g_autoptr(RdDelay) delay = NULL;
  g_autoptr(RdClassification) result = NULL;
  g_autoptr(GHashTable) roles = NULL;
  RdDelayContext context;

  delay = rd_delay_new_from_document (doc, error);
  if (delay == NULL)
    return FALSE;

  if (!delay_context_locked (self, rd_delay_get_account_id (delay), rd_delay_get_id (delay),
                             &context, error) ||
      !contact_roles_locked (self, rd_delay_get_account_id (delay), &roles, error))
    return FALSE;
  result = rd_delay_classify_in_context (delay, &context, roles);
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

/* What an account's risk reads besides its own fields. */
typedef struct
{
  guint open_delays;
  int   worst_delay_class;   /* -1 without open delays */
  guint extensions;
} AccountFacts;

/* Sets risk_score, risk_band and risk_factors of the account document @doc
 * from its fields and @facts, as of today. */
static void
rate_account_with_locked (RdStore            *self,
                          JsonObject         *doc,
                          const AccountFacts *facts)
{
  RdRiskInput input;
  RdRiskResult result;
  GDate today;

  _rd_store_today_locked (self, &today);
  rd_risk_input_from_document (&input, doc, &today);
  input.open_delays = facts->open_delays;
  input.worst_delay_class = facts->worst_delay_class;
  input.extensions = facts->extensions;

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

/* The rank of a delay's class in an account's risk: worse is higher. */
#define CLASS_RANK_SQL(expr) \
  "CASE " expr " WHEN 'risk' THEN 2 WHEN 'decision' THEN 1 ELSE 0 END"

static int
class_rank (const char *klass)
{
  return g_strcmp0 (klass, "risk") == 0 ? 2 : g_strcmp0 (klass, "decision") == 0 ? 1 : 0;
}

/* Sets risk_score, risk_band and risk_factors of the account document @doc
 * from its fields and the delays and bridges stored for it, as of today. */
gboolean
_rd_store_rate_account_locked (RdStore     *self,
                               JsonObject  *doc,
                               const char  *uuid,
                               GError     **error)
{
  AccountFacts facts = { 0, -1, 0 };
  sqlite3_stmt *stmt;
  int rc;

  stmt = _rd_store_prepare (self,
                            "SELECT COUNT(*), MAX (" CLASS_RANK_SQL ("COALESCE (classification_override, classification)") ") "
                            "FROM delay WHERE account_id = ? AND deleted = 0 "
                            "AND COALESCE (status, 'open') = 'open'", error);
  if (stmt == NULL)
    return FALSE;
  _rd_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      facts.open_delays = sqlite3_column_int (stmt, 0);
      facts.worst_delay_class = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                                ? -1 : sqlite3_column_int (stmt, 1);
    }
  else
    _rd_store_set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  if (!count_rows_locked (self,
                          "SELECT COUNT(*) FROM bridge WHERE account_id = ? AND deleted = 0 "
                          "AND status = 'accepted'", uuid, NULL, &facts.extensions, error))
    return FALSE;

  rate_account_with_locked (self, doc, &facts);

  return TRUE;
}

void
_rd_store_rate_lone_account_locked (RdStore    *self,
                                    JsonObject *doc)
{
  const AccountFacts facts = { 0, -1, 0 };

  rate_account_with_locked (self, doc, &facts);
}

/* The text of derived @column in @doc, a @type document. */
static char *
member_as_text (const char *type,
                JsonObject *doc,
                const char *column)
{
  const RdFieldSpec *field = rd_entity_field_lookup (type, column);

  g_assert (field != NULL);

  return _rd_store_member_text (field, doc);
}

/* Writes the derived columns of one row from @doc when they changed, and
 * nothing else: no updated_at, no dirty, no history.  Rows of types without
 * derived values are left alone. */
gboolean
_rd_store_write_derived_locked (RdStore     *self,
                                const char  *table,
                                const char  *uuid,
                                JsonObject  *old_doc,
                                JsonObject  *doc,
                                gboolean    *out_changed,
                                GError     **error)
{
  static const char * const delay_columns[] = { "classification", "score", NULL };
  static const char * const account_columns[] = { "risk_score", "risk_band", "risk_factors", NULL };
  const char * const *columns;
  g_autoptr(GString) sql = g_string_new ("UPDATE ");
  gboolean changed = FALSE;
  sqlite3_stmt *stmt;
  guint i;

  *out_changed = FALSE;
  if (g_str_equal (table, "delay"))
    columns = delay_columns;
  else if (g_str_equal (table, "account"))
    columns = account_columns;
  else
    return TRUE;

  for (i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *before = member_as_text (table, old_doc, columns[i]);
      g_autofree char *after = member_as_text (table, doc, columns[i]);

      changed |= g_strcmp0 (before, after) != 0;
    }
  *out_changed = changed;
  if (!changed)
    return TRUE;

  /* Column names from the static lists above, never from input. */
  g_string_append_printf (sql, "%s SET ", table);
  for (i = 0; columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s = ?", i > 0 ? ", " : "", columns[i]);
  g_string_append (sql, " WHERE id = ?");

  stmt = _rd_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *value = member_as_text (table, doc, columns[i]);

      sqlite3_bind_text (stmt, i + 1, g_steal_pointer (&value), -1, g_free);
    }
  _rd_store_bind_text (stmt, i + 1, uuid);

  return _rd_store_step_done (self, stmt, error);
}

/* Rates the stored account @uuid again and writes its derived columns when
 * the rating changed.  Lock held, in a transaction. */
gboolean
_rd_store_refresh_risk_locked (RdStore     *self,
                               const char  *uuid,
                               gboolean    *out_changed,
                               GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) rated = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean changed = FALSE;

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
  if (!_rd_store_rate_account_locked (self, rated, uuid, error) ||
      !_rd_store_write_derived_locked (self, "account", uuid, doc, rated, &changed, error))
    return FALSE;

  if (out_changed != NULL)
    *out_changed = changed;

  return TRUE;
}

/* Derives @docs of @type ("delay" or "account") again, writing only the
 * derived columns that moved; counts the rows that changed in *n_changed
 * (may be NULL).  Lock held, in a transaction. */
static gboolean
rederive_documents_locked (RdStore     *self,
                           const char  *type,
                           GPtrArray   *docs,
                           guint       *n_changed,
                           GError     **error)
{
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(JsonObject) derived = rd_document_copy_object (doc);
      g_autofree char *uuid = NULL;
      gboolean changed = FALSE;
      gboolean ok;

      rd_document_parse_id (json_object_get_string_member (doc, "_id"), NULL, &uuid);
      if (g_str_equal (type, "delay"))
        ok = _rd_store_classify_delay_locked (self, derived, error);
      else
        ok = _rd_store_rate_account_locked (self, derived, uuid, error);
      if (!ok || !_rd_store_write_derived_locked (self, type, uuid, doc, derived, &changed, error))
        return FALSE;
      if (changed && n_changed != NULL)
        (*n_changed)++;
    }

  return TRUE;
}

/* Classifies the account's delays again.  Lock held, in a transaction. */
gboolean
_rd_store_reclassify_delays_locked (RdStore     *self,
                                    const char  *account_id,
                                    GError     **error)
{
  g_autoptr(GPtrArray) delays = NULL;

  delays = _rd_store_select_documents_locked (self, "delay", "account_id = ? AND deleted = 0", "id",
                                              account_id, error);

  return delays != NULL && rederive_documents_locked (self, "delay", delays, NULL, error);
}

/* The same, then rates the account. */
gboolean
_rd_store_rederive_account_locked (RdStore     *self,
                                   const char  *account_id,
                                   GError     **error)
{
  return _rd_store_reclassify_delays_locked (self, account_id, error) &&
         _rd_store_refresh_risk_locked (self, account_id, NULL, error);
}

/* The delays whose class can move with the day: the open ones.  A
 * resolved delay is judged as of its resolved_on (rd_delay_get_as_of()),
 * and what else its class reads (the account's deadline, its other open
 * delays, bridges and champions) moves only when something is written,
 * and every writer classifies the account's delays again.  A resolved
 * delay without a valid resolved_on, or without a stored class, is
 * derived again too, as before. */
#define DAY_BOUND_DELAYS_SQL \
  "deleted = 0 AND NOT (status IS 'resolved' " \
  "AND resolved_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' " \
  "AND resolved_on >= '1900-01-01' AND date (resolved_on) = resolved_on " \
  "AND classification IS NOT NULL AND score IS NOT NULL)"

static AccountFacts *
account_facts_get (GHashTable *facts,
                   const char *account_id)
{
  AccountFacts *f = g_hash_table_lookup (facts, account_id);

  if (f == NULL)
    {
      f = g_new (AccountFacts, 1);
      f->open_delays = 0;
      f->worst_delay_class = -1;
      f->extensions = 0;
      g_hash_table_insert (facts, g_strdup (account_id), f);
    }
  return f;
}

/* Classifies the day-bound delays again, and notes in @facts (account id
 * → AccountFacts) each account's open delays and their worst class, as
 * the risk's SQL counts them (every open delay is day-bound). */
static gboolean
refresh_delays_locked (RdStore     *self,
                       GHashTable  *facts,
                       guint       *n_changed,
                       GError     **error)
{
  g_autoptr(GPtrArray) docs = NULL;

  docs = _rd_store_select_documents_locked (self, "delay", DAY_BOUND_DELAYS_SQL, "rowid", NULL, error);
  if (docs == NULL)
    return FALSE;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(JsonObject) derived = rd_document_copy_object (doc);
      g_autofree char *uuid = NULL;
      const char *status;
      gboolean changed = FALSE;

      rd_document_parse_id (json_object_get_string_member (doc, "_id"), NULL, &uuid);
      if (!_rd_store_classify_delay_locked (self, derived, error) ||
          !_rd_store_write_derived_locked (self, "delay", uuid, doc, derived, &changed, error))
        return FALSE;
      if (changed)
        (*n_changed)++;

      /* COALESCE (status, 'open') = 'open' */
      status = json_object_has_member (doc, "status") && !json_object_get_null_member (doc, "status")
               ? json_object_get_string_member (doc, "status") : NULL;
      if (status == NULL || g_str_equal (status, "open"))
        {
          AccountFacts *f = account_facts_get (facts, json_object_get_string_member (derived, "account_id"));
          const char *override = json_object_has_member (derived, "classification_override") &&
                                 !json_object_get_null_member (derived, "classification_override")
                                 ? json_object_get_string_member (derived, "classification_override")
                                 : NULL;

          f->open_delays++;
          f->worst_delay_class = MAX (f->worst_delay_class,
                                      class_rank (override != NULL ? override
                                                  : json_object_get_string_member (derived, "classification")));
        }
    }

  return TRUE;
}

/* Rates every live account again with @facts, adding their accepted
 * bridges first: one aggregate each instead of two queries per account. */
static gboolean
refresh_accounts_locked (RdStore     *self,
                         GHashTable  *facts,
                         guint       *n_changed,
                         GError     **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _rd_store_prepare (self, "SELECT account_id, COUNT(*) FROM bridge WHERE deleted = 0 "
                            "AND status = 'accepted' GROUP BY account_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
      account_facts_get (facts, (const char *) sqlite3_column_text (stmt, 0))->extensions =
        sqlite3_column_int (stmt, 1);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_db_error (self->db, rc, error);
      return FALSE;
    }

  docs = _rd_store_select_documents_locked (self, "account", "deleted = 0", "rowid", NULL, error);
  if (docs == NULL)
    return FALSE;

  for (guint i = 0; i < docs->len; i++)
    {
      static const AccountFacts none = { 0, -1, 0 };
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(JsonObject) derived = rd_document_copy_object (doc);
      g_autofree char *uuid = NULL;
      const AccountFacts *f;
      gboolean changed = FALSE;

      rd_document_parse_id (json_object_get_string_member (doc, "_id"), NULL, &uuid);
      f = g_hash_table_lookup (facts, uuid);
      rate_account_with_locked (self, derived, f != NULL ? f : &none);
      if (!_rd_store_write_derived_locked (self, "account", uuid, doc, derived, &changed, error))
        return FALSE;
      if (changed)
        (*n_changed)++;
    }

  return TRUE;
}

gboolean
rd_store_get_delay_context (RdStore         *self,
                            const char      *account_id,
                            const char      *delay_id,
                            RdDelayContext  *out_context,
                            GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (out_context != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  ok = delay_context_locked (self, account_id, delay_id, out_context, error);
  g_mutex_unlock (&self->mutex);

  return ok;
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
      if (!_rd_store_refresh_risk_locked (self, g_ptr_array_index (ids, i), NULL, error))
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

gboolean
rd_store_refresh_derived (RdStore  *self,
                          guint    *out_n_changed,
                          GError  **error)
{
  g_autofree char *today_text = NULL;
  g_autoptr(GHashTable) facts = NULL;
  guint n_delays = 0;
  guint n_accounts = 0;
  sqlite3_stmt *stmt;
  gint64 start = g_get_monotonic_time ();
  GDate today;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  _rd_store_today_locked (self, &today);
  today_text = rd_date_to_string (&today);

  /* Delays first: an account's risk reads its delays' classes. */
  facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ok = _rd_store_begin (self, error) &&
       refresh_delays_locked (self, facts, &n_delays, error) &&
       refresh_accounts_locked (self, facts, &n_accounts, error);
  if (ok)
    {
      stmt = _rd_store_prepare (self, "INSERT INTO settings (key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
      ok = stmt != NULL;
      if (ok)
        {
          _rd_store_bind_text (stmt, 1, DERIVED_ON_KEY);
          _rd_store_bind_text (stmt, 2, today_text);
          ok = _rd_store_step_done (self, stmt, error);
        }
    }
  ok = ok && _rd_store_commit (self, error);
  if (!ok)
    _rd_store_rollback (self);
  g_mutex_unlock (&self->mutex);

  if (ok && n_delays > 0)
    _rd_store_emit_changed (self, "delay", NULL);
  if (ok && n_accounts > 0)
    _rd_store_emit_changed (self, "account", NULL);
  if (ok && out_n_changed != NULL)
    *out_n_changed = n_delays + n_accounts;

  /* bench/scale times the daily re-derivation with RD_BENCH_DERIVE=1. */
  if (g_getenv ("RD_BENCH_DERIVE") != NULL)
    g_print ("derive-ms %.1f\nderive-changed %u\n", (g_get_monotonic_time () - start) / 1000.0,
             n_delays + n_accounts);

  return ok;
}

gboolean
rd_store_refresh_derived_if_stale (RdStore  *self,
                                   GError  **error)
{
  g_autofree char *derived_on = NULL;
  g_autofree char *today_text = NULL;
  g_autoptr(GError) local_error = NULL;
  GDate today;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  _rd_store_today_locked (self, &today);
  g_mutex_unlock (&self->mutex);
  today_text = rd_date_to_string (&today);

  derived_on = rd_store_get_setting (self, DERIVED_ON_KEY, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (derived_on, today_text) == 0)
    return TRUE;

  return rd_store_refresh_derived (self, NULL, error);
}

void
rd_store_set_today (RdStore     *self,
                    const GDate *today)
{
  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (today == NULL || g_date_valid (today));

  g_mutex_lock (&self->mutex);
  self->today_fixed = today != NULL;
  self->today_checked = 0;
  if (today != NULL)
    self->today = *today;
  g_mutex_unlock (&self->mutex);
}
