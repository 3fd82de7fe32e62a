/* rd-store-weekly.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, what the weekly update reads: typed rows and per-account last
 * contacts.  On 100,000 accounts with a million delays and activities,
 * account objects, JSON documents and whole-table aggregates were most of
 * its time (see bench/scale). */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "rd-document.h"
#include "rd-enums.h"
#include "rd-store-private.h"
#include "rd-store-weekly.h"

/* The day a delay was settled, NULL while it is not: the key of
 * delay_settled_on_idx (schema v9), written as its migration writes it. */
#define SETTLED_ON "CASE WHEN status IS 'resolved' THEN resolved_on END"

/* The column's text, NULL for NULL or empty (as the report reads documents). */
static char *
column_text_dup (sqlite3_stmt *stmt,
                 int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static int
column_enum (sqlite3_stmt      *stmt,
             int                col,
             const RdEnumTable *table)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL && *text != '\0' ? rd_enum_table_lookup (table, text) : -1;
}

/* extra's "renewal_choice_on", read as rd_forecast_account_decided_on()
 * reads it; only rows that mention it are parsed. */
static char *
decided_on_from_extra (const char *extra)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (extra == NULL || strstr (extra, "renewal_choice_on") == NULL)
    return NULL;
  node = json_from_string (extra, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (!json_object_has_member (object, "renewal_choice_on"))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (object, "renewal_choice_on", NULL));
}

static gpointer
account_row_new (sqlite3_stmt *stmt,
                 gpointer      user_data G_GNUC_UNUSED)
{
  RdStoreAccountRow *row = g_new0 (RdStoreAccountRow, 1);
  int v;

  row->id = _rd_store_column_dup (stmt, 0);
  row->name = _rd_store_column_dup (stmt, 1);
  row->currency = _rd_store_column_dup (stmt, 2);
  row->annual_value_minor = sqlite3_column_int64 (stmt, 3);
  row->contract_end = _rd_store_column_dup (stmt, 4);
  row->deadline = sqlite3_column_type (stmt, 5) != SQLITE_NULL ? _rd_store_column_dup (stmt, 5)
                                                                 : g_strdup (row->contract_end);
  v = rd_enum_table_lookup (&rd_status_table, (const char *) sqlite3_column_text (stmt, 6));
  row->status = v < 0 ? RD_STATUS_ACTIVE : (RdStatus) v;
  row->risk_score = sqlite3_column_int (stmt, 7);
  v = rd_enum_table_lookup (&rd_risk_band_table, (const char *) sqlite3_column_text (stmt, 8));
  row->risk_band = v < 0 ? RD_RISK_BAND_LOW : (RdRiskBand) v;
  row->decided_on = decided_on_from_extra ((const char *) sqlite3_column_text (stmt, 9));
  return row;
}

static gpointer
delay_row_new (sqlite3_stmt *stmt,
               gpointer      user_data G_GNUC_UNUSED)
{
  RdStoreDelayRow *row = g_new0 (RdStoreDelayRow, 1);
  int col = 0;
  int klass;

  row->account_id = column_text_dup (stmt, col++);
  row->resolved = g_strcmp0 ((const char *) sqlite3_column_text (stmt, col++), "resolved") == 0;
  row->communicated_on = column_text_dup (stmt, col++);
  row->resolved_on = column_text_dup (stmt, col++);
  klass = column_enum (stmt, col++, &rd_class_table);
  if (klass < 0)
    klass = column_enum (stmt, col, &rd_class_table);
  col++;
  row->klass = klass < 0 ? RD_CLASS_DECISION : (RdClass) klass;
  row->cause = column_enum (stmt, col++, &rd_cause_table);
  row->stated_reason = column_text_dup (stmt, col++);
  row->actions_taken = column_text_dup (stmt, col++);
  row->help_needed = column_text_dup (stmt, col++);
  row->next_step = column_text_dup (stmt, col++);
  row->next_step_on = column_text_dup (stmt, col++);
  row->retrospective = column_text_dup (stmt, col++);
  for (guint c = 0; c < G_N_ELEMENTS (row->commitment); c++)
    row->commitment[c] = column_text_dup (stmt, col++);
  for (guint c = 0; c < G_N_ELEMENTS (row->kept_on); c++)
    row->kept_on[c] = column_text_dup (stmt, col++);
  return row;
}

static gpointer
step_row_new (sqlite3_stmt *stmt,
              gpointer      user_data G_GNUC_UNUSED)
{
  RdStoreStepRow *row = g_new0 (RdStoreStepRow, 1);

  row->account_id = column_text_dup (stmt, 0);
  row->title = column_text_dup (stmt, 1);
  row->done_on = column_text_dup (stmt, 2);
  return row;
}

static gpointer
activity_row_new (sqlite3_stmt *stmt,
                  gpointer      user_data G_GNUC_UNUSED)
{
  RdStoreActivityRow *row = g_new0 (RdStoreActivityRow, 1);

  row->account_id = column_text_dup (stmt, 0);
  row->on = column_text_dup (stmt, 1);
  row->kind = column_enum (stmt, 2, &rd_activity_kind_table);
  row->summary = column_text_dup (stmt, 3);
  row->their_response = column_text_dup (stmt, 4);
  return row;
}

/* Whether @text counts as a contact on or before @day (its first ten
 * characters, compared as strings). */
static gboolean
on_or_before (const char *text,
              const char *day)
{
  return text != NULL && strlen (text) >= 10 && strncmp (text, day, 10) <= 0;
}

/* Steps @stmt (bound, reset after) and keeps in @out_day the greatest
 * column on or before @day; with @skip_after, a row whose first column is
 * after @day counts for none.  With @first_only, the rows come newest
 * first and the first row that counts ends the walk. */
static gboolean
newest_of_rows_locked (RdStore       *self,
                       sqlite3_stmt  *stmt,
                       const char    *day,
                       gboolean       skip_after,
                       gboolean       first_only,
                       char         **out_day,
                       GError       **error)
{
  g_autofree char *newest = NULL;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);
      int n_columns = sqlite3_column_count (stmt);

      if (skip_after && first != NULL && strcmp (first, day) > 0)
        continue;
      for (int c = 0; c < n_columns; c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          if (on_or_before (text, day) && (newest == NULL || strcmp (text, newest) > 0))
            {
              g_free (newest);
              newest = g_strdup (text);
            }
        }
      if (first_only && newest != NULL)
        break;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    _rd_store_set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return FALSE;
  *out_day = g_steal_pointer (&newest);
  return TRUE;
}

static gboolean
newest_of (RdStore     *self,
           const char  *sql,
           const char  *account_id,
           const char  *param,
           const char  *day,
           gboolean     skip_after,
           gboolean     first_only,
           char       **out_day,
           GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  *out_day = NULL;
  g_mutex_lock (&self->mutex);
  stmt = _rd_store_prepare (self, sql, error);
  if (stmt != NULL)
    {
      _rd_store_bind_text (stmt, 1, account_id);
      if (param != NULL)
        _rd_store_bind_text (stmt, 2, param);
      ok = newest_of_rows_locked (self, stmt, day, skip_after, first_only, out_day, error);
    }
  g_mutex_unlock (&self->mutex);

  return ok;
}

void
rd_store_account_row_free (RdStoreAccountRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->name);
  g_free (row->currency);
  g_free (row->contract_end);
  g_free (row->deadline);
  g_free (row->decided_on);
  g_free (row);
}

void
rd_store_delay_row_free (RdStoreDelayRow *row)
{
  if (row == NULL)
    return;
  g_free (row->account_id);
  g_free (row->communicated_on);
  g_free (row->resolved_on);
  g_free (row->stated_reason);
  g_free (row->actions_taken);
  g_free (row->help_needed);
  g_free (row->next_step);
  g_free (row->next_step_on);
  g_free (row->retrospective);
  for (guint c = 0; c < G_N_ELEMENTS (row->commitment); c++)
    {
      g_free (row->commitment[c]);
      g_free (row->kept_on[c]);
    }
  g_free (row);
}

void
rd_store_step_row_free (RdStoreStepRow *row)
{
  if (row == NULL)
    return;
  g_free (row->account_id);
  g_free (row->title);
  g_free (row->done_on);
  g_free (row);
}

void
rd_store_activity_row_free (RdStoreActivityRow *row)
{
  if (row == NULL)
    return;
  g_free (row->account_id);
  g_free (row->on);
  g_free (row->summary);
  g_free (row->their_response);
  g_free (row);
}

GPtrArray *
rd_store_list_account_rows (RdStore  *self,
                            GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return _rd_store_select_rows (self,
                                "SELECT id, name, currency, annual_value_minor, contract_end, effective_end, "
                                "status, risk_score, risk_band, extra FROM account WHERE deleted = 0 ORDER BY rowid",
                                NULL, account_row_new, NULL, (GDestroyNotify) rd_store_account_row_free, error);
}

GPtrArray *
rd_store_list_delay_rows_unsettled (RdStore     *self,
                                    const char  *day,
                                    GError     **error)
{
  const char *params[] = { day, NULL };

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  /* "Not resolved, resolved without a day, or resolved on or after @day"
   * is "settled on NULL or on or after @day": two ranges of
   * delay_settled_on_idx (schema v9) instead of a scan of every delay.
   * The rowids, disjoint, come back in order through IN. */
  return _rd_store_select_rows (self,
                                "SELECT account_id, status, communicated_on, resolved_on, "
                                "classification_override, classification, cause, stated_reason, "
                                "actions_taken, help_needed, next_step, next_step_on, retrospective, "
                                "info_by, reconnect_on, decision_by, next_step_on, "
                                "info_kept_on, reconnect_kept_on, decision_kept_on, next_step_kept_on "
                                "FROM delay WHERE rowid IN ("
                                "SELECT rowid FROM delay INDEXED BY delay_settled_on_idx WHERE deleted = 0 "
                                "AND " SETTLED_ON " IS NULL "
                                "UNION ALL "
                                "SELECT rowid FROM delay INDEXED BY delay_settled_on_idx WHERE deleted = 0 "
                                "AND " SETTLED_ON " >= ?1) "
                                "ORDER BY rowid",
                                params, delay_row_new, NULL, (GDestroyNotify) rd_store_delay_row_free, error);
}

/* The rows of @sql (two parameters: @from and @to, both days included). */
static GPtrArray *
select_rows_between (RdStore       *self,
                     const char    *sql,
                     const char    *from,
                     const char    *to,
                     RdStoreRowNewFunc row_new,
                     GDestroyNotify row_free,
                     GError       **error)
{
  const char *params[] = { from, to, NULL };

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  return _rd_store_select_rows (self, sql, params, row_new, NULL, row_free, error);
}

GPtrArray *
rd_store_list_step_rows_done (RdStore     *self,
                                const char  *from,
                                const char  *to,
                                GError     **error)
{
  return select_rows_between (self,
                                "SELECT p.account_id, s.title, s.done_on FROM plan_step s "
                                "JOIN plan p ON p.id = s.plan_id AND p.deleted = 0 "
                                "WHERE s.deleted = 0 AND s.done_on >= ?1 AND s.done_on <= ?2 ORDER BY s.rowid",
                                from, to, step_row_new, (GDestroyNotify) rd_store_step_row_free, error);
}

GPtrArray *
rd_store_list_activity_rows_between (RdStore     *self,
                                     const char  *from,
                                     const char  *to,
                                     GError     **error)
{
  return select_rows_between (self,
                              "SELECT account_id, \"on\", kind, summary, their_response FROM activity "
                              "WHERE \"on\" >= ?1 AND \"on\" <= ?2 AND deleted = 0 ORDER BY rowid",
                              from, to, activity_row_new, (GDestroyNotify) rd_store_activity_row_free, error);
}

gboolean
rd_store_newest_activity_of (RdStore     *self,
                             const char  *account_id,
                             const char  *day,
                             char       **out_day,
                             GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL && day != NULL && out_day != NULL, FALSE);

  /* Newest first through activity_account_on_idx: usually one row. */
  return newest_of (self,
                    "SELECT \"on\" FROM activity WHERE account_id = ?1 AND deleted = 0 "
                    "ORDER BY \"on\" DESC",
                    account_id, NULL, day, FALSE, TRUE, out_day, error);
}

gboolean
rd_store_newest_settled_contact_of (RdStore     *self,
                                    const char  *account_id,
                                    const char  *settled_before,
                                    const char  *day,
                                    char       **out_day,
                                    GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL && settled_before != NULL, FALSE);
  g_return_val_if_fail (day != NULL && out_day != NULL, FALSE);

  return newest_of (self,
                    "SELECT communicated_on, info_kept_on, reconnect_kept_on, decision_kept_on, "
                    "next_step_kept_on FROM delay "
                    "WHERE account_id = ?1 AND deleted = 0 AND status IS 'resolved' AND resolved_on < ?2",
                    account_id, settled_before, day, TRUE, FALSE, out_day, error);
}
