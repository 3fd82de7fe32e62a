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
#include <stdio.h>
#include <string.h>
#include <time.h>

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
 * what it writes, and rd_store_refresh_derived() makes the whole book true
 * when the day has changed (the app does so after its first frame, at
 * midnight and after a suspend; the command line before it exports) by
 * recomputing the rows whose next change day has come (see DUE_SQL).
 * Peers never need them: whoever reads a document derives them again. */

/* The settings key holding the day the derived values were last computed for. */
#define DERIVED_ON_KEY "derived-on"

/* derive_on of a row whose value never changes by the day alone (see DUE_SQL). */
#define NEVER_DAY "9999-12-31"

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
  gint64 count = 0;

  if (!_rd_store_select_int64_locked (self, sql, arg1, arg2, &count, error))
    return FALSE;
  *out_count = (guint) count;
  return TRUE;
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

/* The derive_on of @delay classified as of @today, its account's hard
 * deadline being @deadline ("" or NULL when unknown). */
static char *
delay_due_day (RdDelay     *delay,
               const char  *deadline,
               const GDate *today)
{
  GDate hard_deadline, next;
  gboolean have_deadline = deadline != NULL && rd_date_parse (deadline, &hard_deadline);

  if (!rd_delay_get_next_change (delay, have_deadline ? &hard_deadline : NULL, today, &next))
    return g_strdup (NEVER_DAY);
  return rd_date_to_string (&next);
}

/* Sets classification and score of the delay document @doc, as of today;
 * @out_due (may be NULL) gets the derive_on of its row. */
static gboolean
classify_delay_locked (RdStore     *self,
                       JsonObject  *doc,
                       char       **out_due,
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
  if (out_due != NULL)
    *out_due = delay_due_day (delay, context.deadline, &context.today);

  return TRUE;
}

gboolean
_rd_store_classify_delay_locked (RdStore     *self,
                                 JsonObject  *doc,
                                 GError     **error)
{
  return classify_delay_locked (self, doc, NULL, error);
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

/* derive_on for a value that may change @days days after @today
 * (G_MAXINT: never by the day alone). */
static char *
due_day_text (const GDate *today,
              int          days)
{
  GDate day = *today;

  if (days == G_MAXINT || days > (int) (RD_DATE_MAX_YEAR - g_date_get_year (today)) * 366)
    return g_strdup (NEVER_DAY);
  g_date_add_days (&day, MAX (days, 1));

  return rd_date_to_string (&day);
}

/* Sets risk_score, risk_band and risk_factors of the account document @doc
 * from its fields and @facts, as of today; @out_due (may be NULL) gets the
 * next day the rating can change by the day alone (its derive_on). */
static void
rate_account_with_locked (RdStore            *self,
                          JsonObject         *doc,
                          const AccountFacts *facts,
                          char              **out_due)
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
  if (out_due != NULL)
    *out_due = due_day_text (&today, rd_risk_days_to_change (risk_config_locked (self), &input));

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

/* Sets risk_score, risk_band and risk_factors of the account document @doc
 * from its fields and the delays and bridges stored for it, as of today;
 * @out_due as rate_account_with_locked() sets it. */
static gboolean
rate_stored_account_locked (RdStore     *self,
                            JsonObject  *doc,
                            const char  *uuid,
                            char       **out_due,
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

  rate_account_with_locked (self, doc, &facts, out_due);

  return TRUE;
}

gboolean
_rd_store_rate_account_locked (RdStore     *self,
                               JsonObject  *doc,
                               const char  *uuid,
                               GError     **error)
{
  return rate_stored_account_locked (self, doc, uuid, NULL, error);
}

void
_rd_store_rate_lone_account_locked (RdStore    *self,
                                    JsonObject *doc)
{
  const AccountFacts facts = { 0, -1, 0 };

  rate_account_with_locked (self, doc, &facts, NULL);
}

/* Rates the account document @doc as _rd_store_rate_account_locked() does,
 * or, when @lone (the book has no delay and no bridge), as
 * _rd_store_rate_lone_account_locked() does, and sets *@out_due to the
 * derive_on its row takes when the writer stores it as it is (the entity's
 * insert_sql takes it). */
gboolean
_rd_store_rate_account_due_locked (RdStore     *self,
                                   JsonObject  *doc,
                                   const char  *uuid,
                                   gboolean     lone,
                                   char       **out_due,
                                   GError     **error)
{
  const AccountFacts facts = { 0, -1, 0 };

  *out_due = NULL;
  if (lone)
    {
      rate_account_with_locked (self, doc, &facts, out_due);
      return TRUE;
    }
  return rate_stored_account_locked (self, doc, uuid, out_due, error);
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

static const char * const delay_derived_columns[] = { "classification", "score", NULL };
static const char * const account_derived_columns[] = { "risk_score", "risk_band", "risk_factors", NULL };

/* The derived columns of @table, or NULL for types without derived values. */
static const char * const *
derived_columns (const char *table)
{
  if (g_str_equal (table, "delay"))
    return delay_derived_columns;
  if (g_str_equal (table, "account"))
    return account_derived_columns;
  return NULL;
}

static gboolean
derived_texts_differ (const char          *table,
                      const char * const  *before,
                      const char * const  *after)
{
  const char * const *columns = derived_columns (table);

  for (guint i = 0; columns[i] != NULL; i++)
    if (g_strcmp0 (before[i], after[i]) != 0)
      return TRUE;
  return FALSE;
}

/* Writes @values (the columns' texts, as _rd_store_member_text() gives
 * them, in the order of derived_columns(); NULL to leave them) and
 * @derive_on (the next day the row is due, see DUE_SQL; NULL to leave it)
 * into one row of @table, and nothing else: no updated_at, no dirty, no
 * history, and none of the triggers that make a row due (schema v9).
 * The row is @uuid's, or without one the row @rowid (the daily pass knows
 * it: no lookup in the index of ids). */
static gboolean
update_derived_locked (RdStore             *self,
                       const char          *table,
                       const char          *uuid,
                       gint64               rowid,
                       const char * const  *values,
                       const char          *derive_on,
                       GError             **error)
{
  const char * const *columns = derived_columns (table);
  g_autoptr(GString) sql = g_string_new ("UPDATE ");
  sqlite3_stmt *stmt;
  guint n = 0;

  g_assert (values != NULL || derive_on != NULL);

  /* Column names from the static lists above, never from input. */
  g_string_append_printf (sql, "%s SET ", table);
  for (guint i = 0; values != NULL && columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s = ?", i > 0 ? ", " : "", columns[i]);
  if (derive_on != NULL)
    g_string_append_printf (sql, "%sderive_on = ?", values != NULL ? ", " : "");
  g_string_append (sql, uuid != NULL ? " WHERE id = ?" : " WHERE rowid = ?");
  /* A writer that derived a row again may find its derive_on unchanged
   * (?1: derive_on, the only value set). */
  if (values == NULL)
    g_string_append (sql, " AND derive_on IS NOT ?1");

  stmt = _rd_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; values != NULL && columns[i] != NULL; i++)
    _rd_store_bind_text (stmt, ++n, values[i]);
  if (derive_on != NULL)
    _rd_store_bind_text (stmt, ++n, derive_on);
  if (uuid != NULL)
    _rd_store_bind_text (stmt, ++n, uuid);
  else
    sqlite3_bind_int64 (stmt, ++n, rowid);

  return _rd_store_step_done (self, stmt, error);
}

/* Writes @after when it differs from @before, and @derive_on (may be
 * NULL) when it differs from the row's (see update_derived_locked()). */
static gboolean
write_derived_texts_locked (RdStore             *self,
                            const char          *table,
                            const char          *uuid,
                            const char * const  *before,
                            const char * const  *after,
                            const char          *derive_on,
                            gboolean            *out_changed,
                            GError             **error)
{
  *out_changed = derived_texts_differ (table, before, after);
  if (!*out_changed && derive_on == NULL)
    return TRUE;

  return update_derived_locked (self, table, uuid, 0, *out_changed ? after : NULL, derive_on, error);
}

#define MAX_DERIVED_COLUMNS 3

/* Writes the derived columns of one row from @doc when they changed, and
 * @derive_on (may be NULL) when it is not the row's, nothing else. */
static gboolean
write_derived_due_locked (RdStore     *self,
                          const char  *table,
                          const char  *uuid,
                          JsonObject  *old_doc,
                          JsonObject  *doc,
                          const char  *derive_on,
                          gboolean    *out_changed,
                          GError     **error)
{
  const char * const *columns = derived_columns (table);
  char *before[MAX_DERIVED_COLUMNS + 1] = { NULL };
  char *after[MAX_DERIVED_COLUMNS + 1] = { NULL };
  gboolean ok;

  *out_changed = FALSE;
  if (columns == NULL)
    return TRUE;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_assert (i < MAX_DERIVED_COLUMNS);
      before[i] = member_as_text (table, old_doc, columns[i]);
      after[i] = member_as_text (table, doc, columns[i]);
    }
  ok = write_derived_texts_locked (self, table, uuid, (const char * const *) before,
                                   (const char * const *) after, derive_on, out_changed, error);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_free (before[i]);
      g_free (after[i]);
    }

  return ok;
}

/* Writes the derived columns of one row from @doc when they changed, and
 * nothing else.  Rows of types without derived values are left alone. */
gboolean
_rd_store_write_derived_locked (RdStore     *self,
                                const char  *table,
                                const char  *uuid,
                                JsonObject  *old_doc,
                                JsonObject  *doc,
                                gboolean    *out_changed,
                                GError     **error)
{
  return write_derived_due_locked (self, table, uuid, old_doc, doc, NULL, out_changed, error);
}

gboolean
_rd_store_written_due_locked (RdStore     *self,
                              JsonObject  *doc,
                              char       **out_due,
                              GError     **error)
{
  g_autofree char *type = NULL;
  GDate today;

  *out_due = NULL;
  if (json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
    return TRUE;
  rd_document_parse_id (json_object_get_string_member (doc, "_id"), &type, NULL);
  _rd_store_today_locked (self, &today);

  if (g_str_equal (type, "account"))
    {
      RdRiskInput input;

      /* The day alone moves only what the account's own fields say
       * (rd_risk_days_to_change()), not its delays or bridges. */
      rd_risk_input_from_document (&input, doc, &today);
      *out_due = due_day_text (&today, rd_risk_days_to_change (risk_config_locked (self), &input));
    }
  else if (g_str_equal (type, "delay"))
    {
      g_autoptr(RdDelay) delay = rd_delay_new_from_document (doc, error);
      g_autofree char *deadline = NULL;

      if (delay == NULL ||
          !account_deadline_locked (self, rd_delay_get_account_id (delay), &deadline, error))
        return FALSE;
      *out_due = delay_due_day (delay, deadline, &today);
    }

  return TRUE;
}

gboolean
_rd_store_set_written_due_locked (RdStore     *self,
                                  JsonObject  *doc,
                                  GError     **error)
{
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *derive_on = NULL;

  if (!_rd_store_written_due_locked (self, doc, &derive_on, error))
    return FALSE;
  if (derive_on == NULL)
    return TRUE;
  rd_document_parse_id (json_object_get_string_member (doc, "_id"), &type, &uuid);

  return update_derived_locked (self, type, uuid, 0, NULL, derive_on, error);
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
  g_autofree char *derive_on = NULL;
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
  if (!rate_stored_account_locked (self, rated, uuid, &derive_on, error) ||
      !write_derived_due_locked (self, "account", uuid, doc, rated, derive_on, &changed, error))
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
      g_autofree char *derive_on = NULL;
      gboolean changed = FALSE;
      gboolean ok;

      rd_document_parse_id (json_object_get_string_member (doc, "_id"), NULL, &uuid);
      if (g_str_equal (type, "delay"))
        ok = classify_delay_locked (self, derived, &derive_on, error);
      else
        ok = rate_stored_account_locked (self, derived, uuid, &derive_on, error);
      if (!ok ||
          !write_derived_due_locked (self, type, uuid, doc, derived, derive_on, &changed, error))
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

/* The daily re-derivation reads only the rows due (schema v9): a delay or
 * an account stores in derive_on the next day its value can change by the
 * day alone (rd_delay_get_next_change(), rd_risk_days_to_change()), or
 * NEVER_DAY; the triggers of v9 set it to NULL (due now) whenever what
 * the value reads is written, whoever writes it.  DUE_SQL is the partial
 * indexes' condition, and the queries name them: a query that no longer
 * matches them fails to prepare instead of scanning the table.  ?1 is
 * today. */
#define DUE_SQL \
  "deleted = 0 AND derive_on IS NOT '" NEVER_DAY "' AND (derive_on IS NULL OR derive_on <= ?1)"
#define DUE_DELAYS_FROM "delay INDEXED BY delay_derive_on_idx WHERE " DUE_SQL
#define DUE_ACCOUNTS_FROM "account INDEXED BY account_derive_on_idx WHERE " DUE_SQL
#define DUE_DELAY_ACCOUNTS_SQL "(SELECT account_id FROM " DUE_DELAYS_FROM ")"
#define DUE_ACCOUNTS_SQL "(SELECT id FROM " DUE_ACCOUNTS_FROM ")"
#define OPEN_DELAYS_FROM \
  "delay INDEXED BY delay_open_idx WHERE deleted = 0 AND COALESCE (status, 'open') = 'open'"

/* The delays whose class reads the day at all: all but the resolved ones
 * judged as of a valid resolved_on (rd_delay_get_as_of(); its date check
 * is rd_date_parse()'s) that have a class.  When the day goes back, they
 * are made due: a next day says nothing of the days before.  This is the
 * condition of delay_day_bound_idx (schema v8), word for word. */
#define DAY_BOUND_DELAYS_SQL \
  "deleted = 0 AND NOT (status IS 'resolved' AND resolved_on IS NOT NULL " \
  "AND resolved_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' " \
  "AND resolved_on >= '1900-01-01' AND date (resolved_on) IS resolved_on " \
  "AND classification IS NOT NULL AND score IS NOT NULL)"
#define DAY_BOUND_DELAYS_FROM "delay INDEXED BY delay_day_bound_idx WHERE " DAY_BOUND_DELAYS_SQL

/* What the daily re-derivation knows of an account, read for all the
 * accounts of the due rows at once: what its risk reads besides its own
 * fields, and for the due delays what their classes read besides the
 * delays (delay_context_locked() and contact_roles_locked() for one). */
typedef struct
{
  AccountFacts facts;
  char       *deadline;          /* NULL when unknown */
  GHashTable *roles;             /* contact id → RdRole; NULL without contacts */
  gboolean    champion_changed;
} AccountDay;

static void
account_day_free (gpointer data)
{
  AccountDay *day = data;

  g_free (day->deadline);
  g_clear_pointer (&day->roles, g_hash_table_unref);
  g_free (day);
}

static GHashTable *
account_days_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, account_day_free);
}

static AccountDay *
account_day_get (GHashTable *days,
                 const char *account_id)
{
  AccountDay *day = g_hash_table_lookup (days, account_id);

  if (day == NULL)
    {
      day = g_new0 (AccountDay, 1);
      day->facts.worst_delay_class = -1;
      g_hash_table_insert (days, g_strdup (account_id), day);
    }
  return day;
}

/* Runs @sql (static, ?1 bound to @today_text) and hands each row to @row
 * with the AccountDay of the account id in its first column; rows without
 * an account id are skipped. */
static gboolean
each_account_row_locked (RdStore     *self,
                         const char  *sql,
                         const char  *today_text,
                         GHashTable  *days,
                         void       (*row) (AccountDay *day, sqlite3_stmt *stmt),
                         GError     **error)
{
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _rd_store_bind_text (stmt, 1, today_text);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *account_id = (const char *) sqlite3_column_text (stmt, 0);

      if (account_id != NULL)
        row (account_day_get (days, account_id), stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_db_error (self->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Rows of account id, open delays and (optional) the worst one's rank. */
static void
note_open_delays (AccountDay   *day,
                  sqlite3_stmt *stmt)
{
  day->facts.open_delays = sqlite3_column_int (stmt, 1);
  if (sqlite3_column_count (stmt) > 2 && sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    day->facts.worst_delay_class = sqlite3_column_int (stmt, 2);
}

static void
note_extensions (AccountDay   *day,
                 sqlite3_stmt *stmt)
{
  day->facts.extensions = sqlite3_column_int (stmt, 1);
}

static void
note_deadline (AccountDay   *day,
               sqlite3_stmt *stmt)
{
  g_free (day->deadline);
  day->deadline = _rd_store_column_dup (stmt, 1);
}

static void
note_contact (AccountDay   *day,
              sqlite3_stmt *stmt)
{
  int role = rd_enum_table_lookup (&rd_role_table, (const char *) sqlite3_column_text (stmt, 2));

  if (day->roles == NULL)
    day->roles = rd_delay_roles_new ();
  if (role >= 0)
    rd_delay_roles_add (day->roles, (const char *) sqlite3_column_text (stmt, 1), role);
  day->champion_changed |= sqlite3_column_int (stmt, 3) != 0;
}

/* Reads, set-based, what the classes of the due delays read besides the
 * delays, for their accounts, as delay_context_locked() and
 * contact_roles_locked() read it for one. */
static gboolean
read_delay_contexts_locked (RdStore     *self,
                            const char  *today_text,
                            GHashTable  *days,
                            GError     **error)
{
  return each_account_row_locked (self,
                                  "SELECT account_id, COUNT(*) FROM " OPEN_DELAYS_FROM
                                  " AND account_id IN " DUE_DELAY_ACCOUNTS_SQL " GROUP BY account_id",
                                  today_text, days, note_open_delays, error) &&
         each_account_row_locked (self,
                                  "SELECT account_id, COUNT(*) FROM bridge WHERE deleted = 0 "
                                  "AND status = 'accepted' AND account_id IN " DUE_DELAY_ACCOUNTS_SQL
                                  " GROUP BY account_id",
                                  today_text, days, note_extensions, error) &&
         each_account_row_locked (self,
                                  "SELECT id, COALESCE (effective_end, contract_end) FROM account "
                                  "WHERE id IN " DUE_DELAY_ACCOUNTS_SQL,
                                  today_text, days, note_deadline, error) &&
         each_account_row_locked (self,
                                  "SELECT account_id, id, role, role = 'champion' AND active = 0 "
                                  "FROM contact WHERE deleted = 0 AND account_id IN "
                                  DUE_DELAY_ACCOUNTS_SQL " ORDER BY rowid",
                                  today_text, days, note_contact, error);
}

/* COALESCE (status, 'open') = 'open' */
static gboolean
delay_document_is_open (JsonObject *doc)
{
  const char *status = json_object_has_member (doc, "status") && !json_object_get_null_member (doc, "status")
                       ? json_object_get_string_member (doc, "status") : NULL;

  return status == NULL || g_str_equal (status, "open");
}

/* Classifies the due delay @doc, the row @rowid, as of today with what
 * @day knows of its account, and writes its class when it moved and the
 * next day it is due. */
static gboolean
refresh_delay_locked (RdStore     *self,
                      JsonObject  *doc,
                      gint64       rowid,
                      AccountDay  *day,
                      const GDate *today,
                      gboolean    *out_changed,
                      GError     **error)
{
  g_autoptr(RdDelay) delay = NULL;
  g_autoptr(RdClassification) result = NULL;
  g_autofree char *old_class = NULL;
  g_autofree char *old_score = NULL;
  g_autofree char *new_score = NULL;
  g_autofree char *derive_on = NULL;
  const char *before[2], *after[2];
  RdDelayContext context;

  delay = rd_delay_new_from_document (doc, error);
  if (delay == NULL)
    return FALSE;

  /* As delay_context_locked() fills it for this delay. */
  memset (&context, 0, sizeof context);
  g_strlcpy (context.deadline, day->deadline ? day->deadline : "", sizeof context.deadline);
  context.today = *today;
  context.other_open_delays = day->facts.open_delays - (delay_document_is_open (doc) ? 1 : 0);
  context.extensions = day->facts.extensions;
  context.champion_changed = day->champion_changed;
  result = rd_delay_classify_in_context (delay, &context, day->roles);

  derive_on = delay_due_day (delay, context.deadline, today);

  old_class = member_as_text ("delay", doc, "classification");
  old_score = member_as_text ("delay", doc, "score");
  new_score = g_strdup_printf ("%d", result->score);
  before[0] = old_class;
  before[1] = old_score;
  after[0] = rd_enum_table_id (&rd_class_table, result->klass);
  after[1] = new_score;
  *out_changed = derived_texts_differ ("delay", before, after);

  /* A class that moved makes the account due (a trigger of v9). */
  return update_derived_locked (self, "delay", NULL, rowid, *out_changed ? after : NULL, derive_on,
                                error);
}

/* The rowids of the due delays, in order: those of the documents that
 * refresh_delays_locked() selects, in the same transaction. */
static GArray *
due_delay_rowids_locked (RdStore     *self,
                         const char  *today_text,
                         GError     **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _rd_store_prepare (self, "SELECT rowid FROM " DUE_DELAYS_FROM " ORDER BY rowid",
                                          error);
  int rc;

  if (stmt == NULL)
    return NULL;
  _rd_store_bind_text (stmt, 1, today_text);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_db_error (self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rowids);
}

/* Classifies the due delays again, in the order of their rows (their
 * pages are written in file order); counts those derived and those whose
 * class or score moved. */
static gboolean
refresh_delays_locked (RdStore     *self,
                       const char  *today_text,
                       guint       *n_derived,
                       guint       *n_changed,
                       GError     **error)
{
  g_autoptr(GHashTable) days = account_days_new ();
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GArray) rowids = NULL;
  GDate today;

  docs = _rd_store_select_documents_locked (self, "delay",
                                            "rowid IN (SELECT rowid FROM " DUE_DELAYS_FROM ")",
                                            "rowid", today_text, error);
  if (docs == NULL)
    return FALSE;
  rowids = due_delay_rowids_locked (self, today_text, error);
  if (rowids == NULL || !read_delay_contexts_locked (self, today_text, days, error))
    return FALSE;
  g_assert (rowids->len == docs->len);
  _rd_store_today_locked (self, &today);

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      AccountDay *day = account_day_get (days, json_object_get_string_member (doc, "account_id"));
      gboolean changed = FALSE;

      if (!refresh_delay_locked (self, doc, g_array_index (rowids, gint64, i), day, &today,
                                 &changed, error))
        return FALSE;
      if (changed)
        (*n_changed)++;
    }
  *n_derived += docs->len;

  return TRUE;
}

/* The text _rd_store_member_text() gives for @field of the document
 * row_to_document() makes of this row: column @col, else the member of
 * the row's @extra (unknown members, merged where a column is NULL). */
static char *
column_member_text (sqlite3_stmt      *stmt,
                    int                col,
                    const RdFieldSpec *field,
                    JsonObject        *extra)
{
  if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
    switch (field->kind)
      {
      case RD_FIELD_INT:
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, col));
      case RD_FIELD_BOOL:
        return g_strdup (sqlite3_column_int (stmt, col) != 0 ? "true" : "false");
      case RD_FIELD_ENUM_ARRAY:
      case RD_FIELD_JSON:
        {
          g_autoptr(JsonNode) node = _rd_store_parse_column_json ((const char *) sqlite3_column_text (stmt, col));

          if (node != NULL)
            return JSON_NODE_HOLDS_NULL (node) ? NULL : _rd_store_node_to_string (node);
        }
        break;
      default:
        return _rd_store_column_dup (stmt, col);
      }

  return extra != NULL ? _rd_store_member_text (field, extra) : NULL;
}

/* The string member @name of the account row's document, as
 * rd_document_get_string() reads it (see column_member_text()). */
static const char *
column_string (sqlite3_stmt *stmt,
               int           col,
               const char   *name,
               JsonObject   *extra)
{
  if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
    return (const char *) sqlite3_column_text (stmt, col);

  return extra != NULL ? rd_document_get_string (extra, name) : NULL;
}

/* risk_factors as its column stores it, NULL without factors. */
static char *
risk_factors_text (const RdRiskResult *result)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *factors;

  if (result->n_factors == 0)
    return NULL;

  factors = json_array_new ();
  for (guint i = 0; i < result->n_factors; i++)
    json_array_add_string_element (factors, result->factors[i]);
  node = json_node_init_array (json_node_alloc (), factors);
  json_array_unref (factors);

  return _rd_store_node_to_string (node);
}

/* A due account rated again, written after the scan that rated it: its
 * derived values when they moved (else NULL), and the next day it is due. */
typedef struct
{
  gint64    rowid;
  gboolean  changed;
  char     *values[MAX_DERIVED_COLUMNS + 1];
  char     *derive_on;
} RiskUpdate;

static void
risk_update_free (gpointer data)
{
  RiskUpdate *update = data;

  for (guint i = 0; i < MAX_DERIVED_COLUMNS; i++)
    g_free (update->values[i]);
  g_free (update->derive_on);
  g_free (update);
}

/* Rates the account of the current row of @stmt (see refresh_accounts_locked())
 * and adds what to write to @updates. */
static void
rate_account_row_locked (RdStore            *self,
                         sqlite3_stmt       *stmt,
                         const AccountFacts *facts,
                         const GDate        *today,
                         GPtrArray          *updates)
{
  const int derived_col = 1 + RD_RISK_N_FIELDS;
  const int extra_col = derived_col + MAX_DERIVED_COLUMNS;
  g_autoptr(JsonObject) extra = NULL;
  const char *values[RD_RISK_N_FIELDS];
  char *before[MAX_DERIVED_COLUMNS] = { NULL };
  RiskUpdate *update = g_new0 (RiskUpdate, 1);
  RdRiskInput input;
  RdRiskResult result;

  if (sqlite3_column_type (stmt, extra_col) != SQLITE_NULL)
    {
      g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, extra_col), NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        extra = json_object_ref (json_node_get_object (node));
    }

  for (guint i = 0; i < RD_RISK_N_FIELDS; i++)
    values[i] = column_string (stmt, 1 + i, rd_risk_field_name (i), extra);
  rd_risk_input_from_fields (&input, values, today);
  input.open_delays = facts->open_delays;
  input.worst_delay_class = facts->worst_delay_class;
  input.extensions = facts->extensions;
  rd_risk_rate (risk_config_locked (self), &input, &result);

  for (guint i = 0; i < MAX_DERIVED_COLUMNS; i++)
    before[i] = column_member_text (stmt, derived_col + i,
                                    rd_entity_field_lookup ("account", account_derived_columns[i]),
                                    extra);
  update->values[0] = g_strdup_printf ("%d", result.score);
  update->values[1] = g_strdup (rd_enum_table_id (&rd_risk_band_table, result.band));
  update->values[2] = risk_factors_text (&result);
  update->changed = derived_texts_differ ("account", (const char * const *) before,
                                          (const char * const *) update->values);
  update->derive_on = due_day_text (today, rd_risk_days_to_change (risk_config_locked (self), &input));
  update->rowid = sqlite3_column_int64 (stmt, extra_col + 1);
  g_ptr_array_add (updates, update);

  for (guint i = 0; i < MAX_DERIVED_COLUMNS; i++)
    g_free (before[i]);
}

/* Rates the due accounts again, after their delays: from their columns,
 * the same fields rate_account_with_locked() reads from a document; their
 * open delays and accepted bridges as _rd_store_rate_account_locked()
 * counts them, for all of them at once. */
static gboolean
refresh_accounts_locked (RdStore     *self,
                         const char  *today_text,
                         guint       *n_derived,
                         guint       *n_changed,
                         GError     **error)
{
  g_autoptr(GHashTable) days = account_days_new ();
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func (risk_update_free);
  sqlite3_stmt *stmt;
  GDate today;
  int rc;

  G_STATIC_ASSERT (G_N_ELEMENTS (account_derived_columns) == MAX_DERIVED_COLUMNS + 1);

  if (!each_account_row_locked (self,
                                "SELECT account_id, COUNT(*), MAX (" CLASS_RANK_SQL ("COALESCE (classification_override, classification)") ") "
                                "FROM " OPEN_DELAYS_FROM " AND account_id IN " DUE_ACCOUNTS_SQL
                                " GROUP BY account_id",
                                today_text, days, note_open_delays, error) ||
      !each_account_row_locked (self,
                                "SELECT account_id, COUNT(*) FROM bridge WHERE deleted = 0 "
                                "AND status = 'accepted' AND account_id IN " DUE_ACCOUNTS_SQL
                                " GROUP BY account_id",
                                today_text, days, note_extensions, error))
    return FALSE;

  /* Column names from static lists, never from input. */
  for (guint i = 0; i < RD_RISK_N_FIELDS; i++)
    g_string_append_printf (sql, ", %s", rd_risk_field_name (i));
  for (guint i = 0; i < MAX_DERIVED_COLUMNS; i++)
    g_string_append_printf (sql, ", %s", account_derived_columns[i]);
  g_string_append (sql, ", extra, rowid FROM " DUE_ACCOUNTS_FROM " ORDER BY rowid");

  stmt = _rd_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  _rd_store_bind_text (stmt, 1, today_text);
  _rd_store_today_locked (self, &today);

  /* Written after the scan, not under it: derive_on is its index's key. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const AccountDay *day = account_day_get (days, (const char *) sqlite3_column_text (stmt, 0));

      rate_account_row_locked (self, stmt, &day->facts, &today, updates);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rd_store_set_db_error (self->db, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < updates->len; i++)
    {
      RiskUpdate *update = g_ptr_array_index (updates, i);

      if (!update_derived_locked (self, "account", NULL, update->rowid,
                                  update->changed ? (const char * const *) update->values : NULL,
                                  update->derive_on, error))
        return FALSE;
      if (update->changed)
        (*n_changed)++;
    }
  *n_derived += updates->len;

  return TRUE;
}

/* When the day went back (a clock set back, a test), the next days stored
 * say nothing of the days before: every row whose value reads the day is
 * made due. */
static gboolean
mark_day_bound_due_locked (RdStore     *self,
                           GError     **error)
{
  return _rd_store_exec (self,
                         "UPDATE account SET derive_on = NULL WHERE deleted = 0 AND derive_on IS NOT NULL;"
                         "UPDATE delay SET derive_on = NULL WHERE derive_on IS NOT NULL "
                         "AND rowid IN (SELECT rowid FROM " DAY_BOUND_DELAYS_FROM ");",
                         error);
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

  if (!_rd_store_set_setting_locked (self, RD_RISK_SETTINGS_KEY, json, error))
    goto out;

  g_clear_pointer (&self->risk_config, rd_risk_config_free);
  self->risk_config = rd_risk_config_copy (config);

  /* Every account is rated again with the new tables, in the same
   * transaction, and due again: its next day reads the stalled threshold. */
  if (!_rd_store_exec (self, "UPDATE account SET derive_on = NULL WHERE derive_on IS NOT NULL", error))
    goto out;
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

/* This thread's CPU time: bench/scale prints it beside the wall time, which
 * on a busy machine is mostly other processes' turns. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* How long this thread waited for a processor (Linux's schedstat; 0 where
 * there is none): the part of the wall time that other processes took. */
static gint64
thread_wait_usec (void)
{
  g_autofree char *text = NULL;
  guint64 run_ns = 0, wait_ns = 0;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL) ||
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &run_ns, &wait_ns) != 2)
    return 0;
  return wait_ns / 1000;
}

/* @derived_on, the day of the last re-derivation, is after today: see
 * mark_day_bound_due_locked(). */
static gboolean
day_went_back (const char *derived_on,
               const char *today_text)
{
  /* ISO days compare as text. */
  return derived_on != NULL && g_strcmp0 (derived_on, today_text) > 0;
}

/* Derives the rows due as of @today_text, in the transaction open. */
static gboolean
refresh_due_locked (RdStore     *self,
                    const char  *today_text,
                    gboolean     went_back,
                    guint       *n_derived,
                    guint       *n_delays,
                    guint       *n_accounts,
                    GError     **error)
{
  /* Delays first: an account's risk reads its delays' classes, and a class
   * that moves makes the account due. */
  if ((went_back && !mark_day_bound_due_locked (self, error)) ||
      !refresh_delays_locked (self, today_text, n_derived, n_delays, error) ||
      !refresh_accounts_locked (self, today_text, n_derived, n_accounts, error))
    return FALSE;

  return _rd_store_set_setting_locked (self, DERIVED_ON_KEY, today_text, error);
}

gboolean
rd_store_refresh_derived (RdStore  *self,
                          guint    *out_n_changed,
                          GError  **error)
{
  g_autofree char *today_text = NULL;
  g_autofree char *derived_on = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_delays = 0;
  guint n_accounts = 0;
  guint n_derived = 0;
  gboolean bench = g_getenv ("RD_BENCH_DERIVE") != NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 start_cpu = thread_cpu_usec ();
  gint64 start_wait = bench ? thread_wait_usec () : 0;
  GDate today;
  gboolean went_back;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  derived_on = rd_store_get_setting (self, DERIVED_ON_KEY, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  _rd_store_today_locked (self, &today);
  today_text = rd_date_to_string (&today);
  went_back = day_went_back (derived_on, today_text);

  /* Each due row is one small UPDATE through triggers, which SQLite
   * journals statement by statement: in memory, not row by row into a
   * temporary file.  Not when the day went back: one statement then makes
   * every day-bound row due, and its journal would stay in memory.  (The
   * bigger page cache of bulk writes costs more in fresh memory than the
   * pages it keeps from spilling to the WAL: +30 % CPU on the next day.) */
  if (!went_back)
    _rd_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
  ok = _rd_store_begin (self, error) &&
       refresh_due_locked (self, today_text, went_back, &n_derived, &n_delays, &n_accounts,
                           error) &&
       _rd_store_commit (self, error);
  if (!ok)
    _rd_store_rollback (self);
  if (!went_back)
    _rd_store_exec (self, "PRAGMA temp_store = DEFAULT", NULL);
  g_mutex_unlock (&self->mutex);

  if (ok && n_delays > 0)
    _rd_store_emit_changed (self, "delay", NULL);
  if (ok && n_accounts > 0)
    _rd_store_emit_changed (self, "account", NULL);
  if (ok && out_n_changed != NULL)
    *out_n_changed = n_delays + n_accounts;

  /* bench/scale times the daily re-derivation with RD_BENCH_DERIVE=1: its wall
   * time, its CPU time and the time it waited for a processor. */
  if (bench)
    g_print ("derive-ms %.1f\nderive-cpu-ms %.1f\nderive-wait-ms %.1f\nderive-changed %u\n"
             "derive-rows %u\n",
             (g_get_monotonic_time () - start) / 1000.0, (thread_cpu_usec () - start_cpu) / 1000.0,
             (thread_wait_usec () - start_wait) / 1000.0, n_delays + n_accounts, n_derived);

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
