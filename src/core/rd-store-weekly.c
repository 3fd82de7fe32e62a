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

static int
column_enum (sqlite3_stmt      *stmt,
             int                col,
             const RdEnumTable *table)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL && *text != '\0' ? rd_enum_table_lookup (table, text) : -1;
}

/* A text column of a row, and where its char * goes in the row's struct. */
typedef struct
{
  int   col;
  gsize offset;
} RowText;

/* A row struct of @size bytes (zeroed) with the texts of @texts copied
 * behind it, in one allocation freed with one g_free(): a few hundred
 * thousand rows made several million small allocations.  NULL stays NULL;
 * with @empty_as_null, so does "" (as the report reads documents). */
static gpointer
packed_row_new (sqlite3_stmt  *stmt,
                gsize          size,
                const RowText *texts,
                guint          n_texts,
                gboolean       empty_as_null)
{
  const char *text[32];
  int bytes[32];
  gsize total = size;
  char *row, *at;

  g_assert (n_texts <= G_N_ELEMENTS (text));
  for (guint i = 0; i < n_texts; i++)
    {
      text[i] = (const char *) sqlite3_column_text (stmt, texts[i].col);
      bytes[i] = sqlite3_column_bytes (stmt, texts[i].col);
      if (text[i] != NULL && empty_as_null && *text[i] == '\0')
        text[i] = NULL;
      if (text[i] != NULL)
        total += (gsize) bytes[i] + 1;
    }
  row = g_malloc0 (total);
  at = row + size;
  for (guint i = 0; i < n_texts; i++)
    if (text[i] != NULL)
      {
        memcpy (at, text[i], (gsize) bytes[i] + 1);
        G_STRUCT_MEMBER (char *, row, texts[i].offset) = at;
        at += bytes[i] + 1;
      }
  return row;
}

/* extra's "renewal_choice_on" when it is a string, as
 * rd_forecast_account_decided_on() reads it, from SQLite's JSON functions:
 * json-glib built a document of each account that mentions it (5 % of the
 * weekly update on 100,000 accounts).  Malformed extra reads as none. */
#define DECIDED_ON \
  "CASE WHEN instr (extra, 'renewal_choice_on') > 0 AND json_valid (extra) " \
  "AND json_type (extra, '$.renewal_choice_on') = 'text' " \
  "THEN json_extract (extra, '$.renewal_choice_on') END"

static gpointer
account_row_new (sqlite3_stmt *stmt,
                 gpointer      user_data G_GNUC_UNUSED)
{
  static const RowText texts[] = {
    { 0, G_STRUCT_OFFSET (RdStoreAccountRow, id) },
    { 1, G_STRUCT_OFFSET (RdStoreAccountRow, name) },
    { 2, G_STRUCT_OFFSET (RdStoreAccountRow, currency) },
    { 4, G_STRUCT_OFFSET (RdStoreAccountRow, contract_end) },
    { 5, G_STRUCT_OFFSET (RdStoreAccountRow, deadline) },
    { 9, G_STRUCT_OFFSET (RdStoreAccountRow, decided_on) },
  };
  RdStoreAccountRow *row = packed_row_new (stmt, sizeof *row, texts, G_N_ELEMENTS (texts), FALSE);
  int v;

  row->annual_value_minor = sqlite3_column_int64 (stmt, 3);
  if (sqlite3_column_type (stmt, 5) == SQLITE_NULL)
    row->deadline = row->contract_end;
  v = rd_enum_table_lookup (&rd_status_table, (const char *) sqlite3_column_text (stmt, 6));
  row->status = v < 0 ? RD_STATUS_ACTIVE : (RdStatus) v;
  row->risk_score = sqlite3_column_int (stmt, 7);
  v = rd_enum_table_lookup (&rd_risk_band_table, (const char *) sqlite3_column_text (stmt, 8));
  row->risk_band = v < 0 ? RD_RISK_BAND_LOW : (RdRiskBand) v;
  return row;
}

static gpointer
delay_row_new (sqlite3_stmt *stmt,
               gpointer      user_data G_GNUC_UNUSED)
{
#define TEXT(col, member) { col, G_STRUCT_OFFSET (RdStoreDelayRow, member) }
  static const RowText texts[] = {
    TEXT (1, account_id), TEXT (3, communicated_on), TEXT (4, resolved_on), TEXT (9, next_step_on),
    TEXT (10, retrospective),
    TEXT (11, commitment[0]), TEXT (12, commitment[1]), TEXT (13, commitment[2]), TEXT (14, commitment[3]),
    TEXT (15, kept_on[0]), TEXT (16, kept_on[1]), TEXT (17, kept_on[2]), TEXT (18, kept_on[3]),
  };
#undef TEXT
  RdStoreDelayRow *row = packed_row_new (stmt, sizeof *row, texts, G_N_ELEMENTS (texts), TRUE);
  int klass;

  row->rowid = sqlite3_column_int64 (stmt, 0);
  row->resolved = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "resolved") == 0;
  klass = column_enum (stmt, 5, &rd_class_table);
  if (klass < 0)
    klass = column_enum (stmt, 6, &rd_class_table);
  row->klass = klass < 0 ? RD_CLASS_DECISION : (RdClass) klass;
  row->cause = column_enum (stmt, 7, &rd_cause_table);
  row->has_help_needed = sqlite3_column_int (stmt, 8) != 0;
  return row;
}

static gpointer
step_row_new (sqlite3_stmt *stmt,
              gpointer      user_data G_GNUC_UNUSED)
{
  static const RowText texts[] = {
    { 0, G_STRUCT_OFFSET (RdStoreStepRow, account_id) },
    { 1, G_STRUCT_OFFSET (RdStoreStepRow, title) },
    { 2, G_STRUCT_OFFSET (RdStoreStepRow, done_on) },
  };

  return packed_row_new (stmt, sizeof (RdStoreStepRow), texts, G_N_ELEMENTS (texts), TRUE);
}

static gpointer
activity_row_new (sqlite3_stmt *stmt,
                  gpointer      user_data G_GNUC_UNUSED)
{
  static const RowText texts[] = {
    { 1, G_STRUCT_OFFSET (RdStoreActivityRow, account_id) },
    { 2, G_STRUCT_OFFSET (RdStoreActivityRow, on) },
  };
  RdStoreActivityRow *row = packed_row_new (stmt, sizeof *row, texts, G_N_ELEMENTS (texts), TRUE);

  row->rowid = sqlite3_column_int64 (stmt, 0);
  row->kind = column_enum (stmt, 3, &rd_activity_kind_table);
  return row;
}

/* A row of the texts read by rowid (RdStoreDelayTexts,
 * RdStoreActivityTexts): its rowid first, in column 0, then its texts. */
typedef struct
{
  gsize          size;
  const RowText *texts;
  guint          n_texts;
} TextsRow;

static gpointer
texts_row_new (sqlite3_stmt *stmt,
               gpointer      user_data)
{
  const TextsRow *layout = user_data;
  gpointer row = packed_row_new (stmt, layout->size, layout->texts, layout->n_texts, TRUE);

  *(gint64 *) row = sqlite3_column_int64 (stmt, 0);
  return row;
}

/* The rows of "@select WHERE rowid IN (@rowids) ORDER BY rowid": a few
 * hundred rows out of tens of thousands.  The rowids are integers,
 * written into the statement. */
static GPtrArray *
select_rowids (RdStore         *self,
               const char      *select,
               const gint64    *rowids,
               guint            n_rowids,
               const TextsRow  *layout,
               GError         **error)
{
  g_autoptr(GString) sql = g_string_new (select);

  g_string_append (sql, " WHERE rowid IN (");
  for (guint i = 0; i < n_rowids; i++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "", rowids[i]);
  g_string_append (sql, ") ORDER BY rowid");

  return _rd_store_select_rows (self, sql->str, NULL, texts_row_new, (gpointer) layout, g_free, error);
}

/* Whether @text counts as a contact on or before @day (its first ten
 * characters, compared as strings). */
static gboolean
on_or_before (const char *text,
              const char *day)
{
  return text != NULL && strlen (text) >= 10 && strncmp (text, day, 10) <= 0;
}

/* Steps @stmt (bound, reset after) and keeps in @out_days[d] the greatest
 * column on or before @days[d], for each of the @n_days days; with
 * @skip_after, a row whose first column is after @days[d] counts for none
 * of that day's.  With @first_only, the rows come newest first and a day's
 * first row that counts ends its walk (and the last day's, the steps). */
static gboolean
newest_of_rows_locked (RdStore            *self,
                       sqlite3_stmt       *stmt,
                       const char * const *days,
                       guint               n_days,
                       gboolean            skip_after,
                       gboolean            first_only,
                       char              **out_days,
                       GError            **error)
{
  guint n_found = 0;
  int rc;

  while (n_found < n_days && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);
      int n_columns = sqlite3_column_count (stmt);

      for (guint d = 0; d < n_days; d++)
        {
          const char *day = days[d];
          char **newest = &out_days[d];

          if ((first_only && *newest != NULL) || (skip_after && first != NULL && strcmp (first, day) > 0))
            continue;
          for (int c = 0; c < n_columns; c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              if (on_or_before (text, day) && (*newest == NULL || strcmp (text, *newest) > 0))
                {
                  g_free (*newest);
                  *newest = g_strdup (text);
                }
            }
          if (first_only && *newest != NULL)
            n_found++;
        }
    }
  if (n_found == n_days)
    rc = SQLITE_DONE;
  if (rc != SQLITE_DONE)
    _rd_store_set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

/* Runs @sql (?1 an account's id, ?2 @param when not NULL) for each of
 * @account_ids, in one read transaction: a few thousand lookups, each its
 * own transaction, spent more time beginning and ending them than
 * reading.  Fills @out_days: @n_days per account. */
static gboolean
newest_of (RdStore            *self,
           const char         *sql,
           const char * const *account_ids,
           guint               n_accounts,
           const char         *param,
           const char * const *days,
           guint               n_days,
           gboolean            skip_after,
           gboolean            first_only,
           char              **out_days,
           GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean began = FALSE;
  gboolean ok = FALSE;

  memset (out_days, 0, sizeof (char *) * n_accounts * n_days);
  g_mutex_lock (&self->mutex);
  if (sqlite3_get_autocommit (self->db))
    began = _rd_store_exec (self, "BEGIN", error);
  stmt = began || !sqlite3_get_autocommit (self->db) ? _rd_store_prepare (self, sql, error) : NULL;
  ok = stmt != NULL;
  for (guint i = 0; ok && i < n_accounts; i++)
    {
      _rd_store_bind_text (stmt, 1, account_ids[i]);
      if (param != NULL)
        _rd_store_bind_text (stmt, 2, param);
      ok = newest_of_rows_locked (self, stmt, days, n_days, skip_after, first_only,
                                  &out_days[(gsize) i * n_days], error);
    }
  if (began)
    _rd_store_exec (self, "COMMIT", NULL);
  g_mutex_unlock (&self->mutex);

  if (!ok)
    for (gsize i = 0; i < (gsize) n_accounts * n_days; i++)
      g_clear_pointer (&out_days[i], g_free);
  return ok;
}

void
rd_store_account_row_free (RdStoreAccountRow *row)
{
  g_free (row);
}

/* The texts of these rows live in their allocation (packed_row_new()). */
void
rd_store_delay_row_free (RdStoreDelayRow *row)
{
  g_free (row);
}

void
rd_store_step_row_free (RdStoreStepRow *row)
{
  g_free (row);
}

void
rd_store_activity_row_free (RdStoreActivityRow *row)
{
  g_free (row);
}

void
rd_store_delay_texts_free (RdStoreDelayTexts *texts)
{
  g_free (texts);
}

void
rd_store_activity_texts_free (RdStoreActivityTexts *texts)
{
  g_free (texts);
}

GPtrArray *
rd_store_list_account_rows (RdStore  *self,
                            GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return _rd_store_select_rows (self,
                                "SELECT id, name, currency, annual_value_minor, contract_end, effective_end, "
                                "status, risk_score, risk_band, " DECIDED_ON " "
                                "FROM account WHERE deleted = 0 ORDER BY rowid",
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
                                "SELECT rowid, account_id, status, communicated_on, resolved_on, "
                                "classification_override, classification, cause, "
                                "COALESCE (help_needed, '') != '', next_step_on, "
                                "CASE WHEN status IS 'resolved' THEN retrospective END, "
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

GPtrArray *
rd_store_list_delay_texts (RdStore      *self,
                           const gint64 *rowids,
                           guint         n_rowids,
                           GError      **error)
{
#define TEXT(col, member) { col, G_STRUCT_OFFSET (RdStoreDelayTexts, member) }
  static const RowText texts[] = {
    TEXT (1, stated_reason), TEXT (2, actions_taken), TEXT (3, help_needed), TEXT (4, next_step),
  };
#undef TEXT
  static const TextsRow layout = { sizeof (RdStoreDelayTexts), texts, G_N_ELEMENTS (texts) };

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (n_rowids == 0 || rowids != NULL, NULL);

  return select_rowids (self,
                        "SELECT rowid, stated_reason, actions_taken, help_needed, next_step FROM delay",
                        rowids, n_rowids, &layout, error);
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
  /* The rowids from activity_on_idx first, then the rows in their order:
   * read in the index's order and sorted after, the week's rows were as
   * many jumps across the table and a sort of every column. */
  return select_rows_between (self,
                              "SELECT rowid, account_id, \"on\", kind FROM activity "
                              "WHERE rowid IN (SELECT rowid FROM activity WHERE \"on\" >= ?1 AND \"on\" <= ?2) "
                              "AND deleted = 0 ORDER BY rowid",
                              from, to, activity_row_new, (GDestroyNotify) rd_store_activity_row_free, error);
}

GPtrArray *
rd_store_list_activity_texts (RdStore      *self,
                              const gint64 *rowids,
                              guint         n_rowids,
                              GError      **error)
{
  static const RowText texts[] = {
    { 1, G_STRUCT_OFFSET (RdStoreActivityTexts, summary) },
    { 2, G_STRUCT_OFFSET (RdStoreActivityTexts, their_response) },
  };
  static const TextsRow layout = { sizeof (RdStoreActivityTexts), texts, G_N_ELEMENTS (texts) };

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (n_rowids == 0 || rowids != NULL, NULL);

  return select_rowids (self, "SELECT rowid, summary, their_response FROM activity",
                        rowids, n_rowids, &layout, error);
}

gboolean
rd_store_newest_activities_of (RdStore            *self,
                               const char * const *account_ids,
                               guint               n_accounts,
                               const char * const *days,
                               guint               n_days,
                               char              **out_days,
                               GError            **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_accounts == 0 || account_ids != NULL, FALSE);
  g_return_val_if_fail (days != NULL && n_days > 0 && out_days != NULL, FALSE);

  /* Newest first through activity_live_account_on_idx (schema v9), which
   * answers without reading the table: usually one entry. */
  return newest_of (self,
                    "SELECT \"on\" FROM activity WHERE account_id = ?1 AND deleted = 0 "
                    "ORDER BY \"on\" DESC",
                    account_ids, n_accounts, NULL, days, n_days, FALSE, TRUE, out_days, error);
}

gboolean
rd_store_newest_settled_contacts_of (RdStore            *self,
                                     const char * const *account_ids,
                                     guint               n_accounts,
                                     const char         *settled_before,
                                     const char * const *days,
                                     guint               n_days,
                                     char              **out_days,
                                     GError            **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_accounts == 0 || account_ids != NULL, FALSE);
  g_return_val_if_fail (settled_before != NULL, FALSE);
  g_return_val_if_fail (days != NULL && n_days > 0 && out_days != NULL, FALSE);

  return newest_of (self,
                    "SELECT communicated_on, info_kept_on, reconnect_kept_on, decision_kept_on, "
                    "next_step_kept_on FROM delay "
                    "WHERE account_id = ?1 AND deleted = 0 AND status IS 'resolved' AND resolved_on < ?2",
                    account_ids, n_accounts, settled_before, days, n_days, TRUE, FALSE, out_days, error);
}
