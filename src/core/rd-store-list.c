/* rd-store-list.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, lean reads for the window's lists: only the rows a list shows,
 * so that a book of 100,000 accounts is not read whole for a few rows. */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "rd-document.h"
#include "rd-store.h"
#include "rd-store-private.h"

/* A done reminder has a done_at (rd_reminder_is_done()); the column holds
 * the document's member. */
#define OPEN_REMINDER "deleted = 0 AND COALESCE (done_at, '') = ''"

/* When a reminder fires, as a Julian day: its due time, or its snooze when
 * later (rd_reminder_get_effective_due()). */
#define EFFECTIVE_DUE "MAX (julianday (due_at), COALESCE (julianday (snoozed_until), 0))"

/* Of the weekly updates, only the earliest open one is listed
 * (keep_first_weekly_update() in rd-reminder-refresh.c). */
#define FIRST_WEEKLY_UPDATE \
  "(kind <> 'weekly_update' OR id = (SELECT id FROM reminder WHERE " OPEN_REMINDER \
  " AND kind = 'weekly_update' ORDER BY due_at, id LIMIT 1))"

static GPtrArray *
select_through_scan_cache (RdStore     *self,
                           const char  *where,
                           const char  *param,
                           GError     **error)
{
  GPtrArray *docs;
  gint64 cache_size;

  g_mutex_lock (&self->mutex);
  cache_size = _rd_store_swap_cache_size_locked (self, RD_STORE_SCAN_CACHE_SIZE);
  docs = _rd_store_select_documents_locked (self, "reminder", where, "rowid", param, error);
  if (cache_size != 0)
    _rd_store_swap_cache_size_locked (self, cache_size);
  g_mutex_unlock (&self->mutex);

  return docs;
}

GPtrArray *
rd_store_list_open_reminder_documents (RdStore  *self,
                                       GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  /* Finding the open ones passes over the whole table (~12 MB of pages
   * at 100,000 accounts): through the small cache of a scan. */
  return select_through_scan_cache (self, OPEN_REMINDER, NULL, error);
}

GPtrArray *
rd_store_list_open_reminder_documents_of_account (RdStore     *self,
                                                  const char  *account_id,
                                                  GError     **error)
{
  GPtrArray *docs;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  /* Through reminder_account_idx: a few rows. */
  g_mutex_lock (&self->mutex);
  docs = _rd_store_select_documents_locked (self, "reminder", "account_id = ? AND " OPEN_REMINDER,
                                            "rowid", account_id, error);
  g_mutex_unlock (&self->mutex);

  return docs;
}

GPtrArray *
rd_store_list_due_reminder_documents (RdStore     *self,
                                      const char  *now_at,
                                      GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (now_at != NULL, NULL);

  /* The effective due is computed, so no index serves it: one pass over
   * the table for the due ones and one for the next, reading a few
   * columns; only the rows found become documents. */
  return select_through_scan_cache (self,
                                    "id IN (WITH listed (id, due) AS ("
                                    "  SELECT id, " EFFECTIVE_DUE " FROM reminder"
                                    "  WHERE " OPEN_REMINDER " AND " FIRST_WEEKLY_UPDATE ")"
                                    " SELECT id FROM listed WHERE due <= julianday (?1)"
                                    "  OR due = (SELECT MIN (due) FROM listed"
                                    "            WHERE due > julianday (?1)))",
                                    now_at, error);
}

gboolean
rd_store_count_open_reminders (RdStore     *self,
                               const char  *before_at,
                               guint       *out_n_open,
                               guint       *out_n_before,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 cache_size;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (before_at != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  cache_size = _rd_store_swap_cache_size_locked (self, RD_STORE_SCAN_CACHE_SIZE);
  stmt = _rd_store_prepare (self,
                            "SELECT COUNT (*), SUM (" EFFECTIVE_DUE " < julianday (?1))"
                            " FROM reminder WHERE " OPEN_REMINDER " AND " FIRST_WEEKLY_UPDATE,
                            error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, before_at, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      ok = rc == SQLITE_ROW || _rd_store_set_db_error (_rd_store_get_db (self), rc, error);
      if (ok && out_n_open != NULL)
        *out_n_open = (guint) sqlite3_column_int64 (stmt, 0);
      if (ok && out_n_before != NULL)
        *out_n_before = (guint) sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  if (cache_size != 0)
    _rd_store_swap_cache_size_locked (self, cache_size);
  g_mutex_unlock (&self->mutex);

  return ok;
}

/* The open reminders with their section (as rd_store_list_open_reminder_page()
 * tells them apart) and their rank in it: ?1 is a JSON array of the three
 * bounds and the array of limits. */
#define SECTIONED_REMINDERS \
  "WITH listed (id, due) AS (" \
  "  SELECT id, " EFFECTIVE_DUE " FROM reminder" \
  "  WHERE " OPEN_REMINDER " AND " FIRST_WEEKLY_UPDATE ")," \
  " sectioned (id, due, section) AS (" \
  "  SELECT id, due, CASE WHEN due < julianday (json_extract (?1, '$[0]')) THEN 0" \
  "                       WHEN due < julianday (json_extract (?1, '$[1]')) THEN 1" \
  "                       WHEN due < julianday (json_extract (?1, '$[2]')) THEN 2" \
  "                       ELSE 3 END" \
  "  FROM listed WHERE due IS NOT NULL)"

static char *
page_params (const char *const *bounds_at,
             const guint       *limits)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < RD_STORE_REMINDER_SECTIONS - 1; i++)
    json_builder_add_string_value (builder, bounds_at[i]);
  json_builder_begin_array (builder);
  for (guint i = 0; i < RD_STORE_REMINDER_SECTIONS; i++)
    json_builder_add_int_value (builder, limits[i]);
  json_builder_end_array (builder);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
count_sections_locked (RdStore     *self,
                       const char  *params,
                       guint       *out_counts,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _rd_store_prepare (self,
                            SECTIONED_REMINDERS
                            " SELECT section, COUNT (*) FROM sectioned GROUP BY section",
                            error);
  if (stmt == NULL)
    return FALSE;

  memset (out_counts, 0, RD_STORE_REMINDER_SECTIONS * sizeof (guint));
  _rd_store_bind_text (stmt, 1, params);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 section = sqlite3_column_int64 (stmt, 0);

      if (section >= 0 && section < RD_STORE_REMINDER_SECTIONS)
        out_counts[section] = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_DONE || _rd_store_set_db_error (_rd_store_get_db (self), rc, error);
}

GPtrArray *
rd_store_list_open_reminder_page (RdStore           *self,
                                  const char *const *bounds_at,
                                  const guint       *limits,
                                  guint             *out_counts,
                                  GError           **error)
{
  g_autofree char *params = NULL;
  GPtrArray *docs = NULL;
  gint64 cache_size;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (bounds_at != NULL, NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  params = page_params (bounds_at, limits);

  /* Two passes over the table's few columns; only the rows listed become
   * documents. */
  g_mutex_lock (&self->mutex);
  cache_size = _rd_store_swap_cache_size_locked (self, RD_STORE_SCAN_CACHE_SIZE);
  if (out_counts == NULL || count_sections_locked (self, params, out_counts, error))
    docs = _rd_store_select_documents_locked (self, "reminder",
                                              "id IN (" SECTIONED_REMINDERS
                                              " SELECT id FROM (SELECT id, section, ROW_NUMBER ()"
                                              "   OVER (PARTITION BY section ORDER BY due, id) AS n"
                                              "   FROM sectioned)"
                                              " WHERE n <= json_extract (?1, '$[3][' || section || ']'))",
                                              "rowid", params, error);
  if (cache_size != 0)
    _rd_store_swap_cache_size_locked (self, cache_size);
  g_mutex_unlock (&self->mutex);

  return docs;
}
