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
 * the document's member.  EFFECTIVE_DUE is when a reminder fires; schema
 * v14's reminder_open_due_idx holds it for the open ones, in order, so a
 * read of a range of it reads only that range. */
#define OPEN_REMINDER RD_STORE_OPEN_REMINDER
#define EFFECTIVE_DUE RD_STORE_REMINDER_EFFECTIVE_DUE

/* Of the weekly updates, only the earliest open one is listed
 * (keep_first_weekly_update() in rd-reminder-refresh.c). */
#define FIRST_WEEKLY_UPDATE \
  "(kind <> 'weekly_update' OR id = (SELECT id FROM reminder WHERE " OPEN_REMINDER \
  " AND kind = 'weekly_update' ORDER BY due_at, id LIMIT 1))"

/* The open reminders listed, through reminder_open_due_idx. */
#define LISTED_REMINDERS "FROM reminder WHERE " OPEN_REMINDER " AND " FIRST_WEEKLY_UPDATE

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

  /* Those due by now, and those next due after: two ranges of the index. */
  return select_through_scan_cache (self,
                                    "id IN (SELECT id " LISTED_REMINDERS
                                    "  AND " EFFECTIVE_DUE " <= julianday (?1))"
                                    " OR id IN (SELECT id " LISTED_REMINDERS
                                    "  AND " EFFECTIVE_DUE " = (SELECT " EFFECTIVE_DUE " " LISTED_REMINDERS
                                    "   AND " EFFECTIVE_DUE " > julianday (?1)"
                                    "   ORDER BY " EFFECTIVE_DUE " LIMIT 1))",
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
                            "SELECT (SELECT COUNT (*) " LISTED_REMINDERS "),"
                            " (SELECT COUNT (*) " LISTED_REMINDERS
                            "  AND " EFFECTIVE_DUE " < julianday (?1))",
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

/* The sections of rd_store_list_open_reminder_page(): ?1 is a JSON array
 * of the three bounds and the array of limits.  Each section is a range of
 * reminder_open_due_idx (the bounds never decrease). */
#define DUE_FROM(i) EFFECTIVE_DUE " >= julianday (json_extract (?1, '$[" #i "]'))"
#define DUE_BEFORE(i) EFFECTIVE_DUE " < julianday (json_extract (?1, '$[" #i "]'))"
#define SECTION_0 DUE_BEFORE (0)
#define SECTION_1 DUE_FROM (0) " AND " DUE_BEFORE (1)
#define SECTION_2 DUE_FROM (1) " AND " DUE_BEFORE (2)
#define SECTION_3 DUE_FROM (2)

#define COUNT_OF(section) "(SELECT COUNT (*) " LISTED_REMINDERS " AND " section ")"

/* A section's earliest, as many as its limit. */
#define PAGE_OF(i, section) \
  "SELECT id FROM (SELECT id " LISTED_REMINDERS " AND " section \
  " ORDER BY " EFFECTIVE_DUE ", id LIMIT json_extract (?1, '$[3][" #i "]'))"

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
                            "SELECT " COUNT_OF (SECTION_0) ", " COUNT_OF (SECTION_1) ", "
                            COUNT_OF (SECTION_2) ", " COUNT_OF (SECTION_3),
                            error);
  if (stmt == NULL)
    return FALSE;

  G_STATIC_ASSERT (RD_STORE_REMINDER_SECTIONS == 4);
  _rd_store_bind_text (stmt, 1, params);
  rc = sqlite3_step (stmt);
  for (int i = 0; rc == SQLITE_ROW && i < RD_STORE_REMINDER_SECTIONS; i++)
    out_counts[i] = (guint) sqlite3_column_int64 (stmt, i);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_ROW || _rd_store_set_db_error (_rd_store_get_db (self), rc, error);
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

  /* Four counts of ranges of the index, and four short reads of it; only
   * the rows listed become documents. */
  g_mutex_lock (&self->mutex);
  cache_size = _rd_store_swap_cache_size_locked (self, RD_STORE_SCAN_CACHE_SIZE);
  if (out_counts == NULL || count_sections_locked (self, params, out_counts, error))
    docs = _rd_store_select_documents_locked (self, "reminder",
                                              "id IN (" PAGE_OF (0, SECTION_0)
                                              " UNION ALL " PAGE_OF (1, SECTION_1)
                                              " UNION ALL " PAGE_OF (2, SECTION_2)
                                              " UNION ALL " PAGE_OF (3, SECTION_3) ")",
                                              "rowid", params, error);
  if (cache_size != 0)
    _rd_store_swap_cache_size_locked (self, cache_size);
  g_mutex_unlock (&self->mutex);

  return docs;
}
