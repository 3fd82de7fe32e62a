/* rd-store-sql.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, SQL plumbing: statements, transactions and errors, lock held. */

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

/* Errors */

int
_rd_store_error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return RD_STORE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return RD_STORE_ERROR_CONSTRAINT;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return RD_STORE_ERROR_CORRUPT;
    default:
      return RD_STORE_ERROR_FAILED;
    }
}

/* Must be called with the lock held: sqlite3_errmsg belongs to the connection. */
gboolean
_rd_store_set_db_error (sqlite3     *db,
                        int          rc,
                        GError     **error)
{
  g_set_error (error, RD_STORE_ERROR, _rd_store_error_code_for_sqlite (rc),
               _("Database error: %s"), db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

gboolean
_rd_store_copy_document_error (GError  *doc_error,
                               GError **error)
{
  int code = doc_error->domain == RD_DOCUMENT_ERROR ? RD_STORE_ERROR_INVALID : RD_STORE_ERROR_FAILED;

  g_set_error_literal (error, RD_STORE_ERROR, code, doc_error->message);
  return FALSE;
}

/* Statements (lock held) */

sqlite3_stmt *
_rd_store_prepare (RdStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _rd_store_set_db_error (self->db, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_rd_store_exec (RdStore     *self,
                const char  *sql,
                GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_STORE_ERROR, _rd_store_error_code_for_sqlite (rc),
                   _("Database error: %s"), errmsg ? errmsg : sqlite3_errstr (rc));
      sqlite3_free (errmsg);
      return FALSE;
    }

  return TRUE;
}

/* Many small writes in one transaction (an import, a page of changes).
 * Random UUID keys touch pages all over the B-trees: they get room in the
 * page cache.  And since triggers can change other rows, SQLite journals
 * each statement; in memory that costs no write per statement (in a
 * temporary file it cost a dozen per row).  Only around small statements:
 * one statement that changes a million rows would keep them all. */
void
_rd_store_set_bulk_writes (RdStore  *self,
                           gboolean  bulk)
{
  _rd_store_exec (self,
                  bulk ? "PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY"
                       : "PRAGMA cache_size = -16384; PRAGMA temp_store = DEFAULT",
                  NULL);
}

/* Steps a statement that returns no rows, then resets it. */
gboolean
_rd_store_step_done (RdStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _rd_store_set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_rd_store_begin (RdStore  *self,
                 GError  **error)
{
  return _rd_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_rd_store_commit (RdStore  *self,
                  GError  **error)
{
  if (!_rd_store_exec (self, "COMMIT", error))
    {
      /* A deferred foreign key fails at COMMIT, which leaves the transaction open. */
      if (!sqlite3_get_autocommit (self->db))
        _rd_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

void
_rd_store_rollback (RdStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    _rd_store_exec (self, "ROLLBACK", NULL);
}

void
_rd_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
_rd_store_column_dup (sqlite3_stmt *stmt,
                      int           col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text ? g_strdup ((const char *) text) : NULL;
}

/* Key/value tables (settings, sync_state).  The SQL is static. */

char *
_rd_store_get_value (RdStore     *self,
                     const char  *select_sql,
                     const char  *key,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  g_mutex_lock (&self->mutex);
  stmt = _rd_store_prepare (self, select_sql, error);
  if (stmt != NULL)
    {
      _rd_store_bind_text (stmt, 1, key);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        value = _rd_store_column_dup (stmt, 0);
      else if (rc != SQLITE_DONE)
        _rd_store_set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
    }
  g_mutex_unlock (&self->mutex);

  return value;
}

gboolean
_rd_store_select_int64_locked (RdStore     *self,
                               const char  *sql,
                               const char  *arg1,
                               const char  *arg2,
                               gint64      *out_value,
                               GError     **error)
{
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* NULL binds NULL: a cached statement keeps its last bindings. */
  for (int i = 1; i <= sqlite3_bind_parameter_count (stmt) && i <= 2; i++)
    _rd_store_bind_text (stmt, i, i == 1 ? arg1 : arg2);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int64 (stmt, 0);
  else
    _rd_store_set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

gboolean
_rd_store_set_value_locked (RdStore     *self,
                            const char  *insert_sql,
                            const char  *key,
                            const char  *value,
                            GError     **error)
{
  sqlite3_stmt *stmt = _rd_store_prepare (self, insert_sql, error);

  if (stmt == NULL)
    return FALSE;

  _rd_store_bind_text (stmt, 1, key);
  _rd_store_bind_text (stmt, 2, value);
  return _rd_store_step_done (self, stmt, error);
}

/* The rows of @sql with @params (NULL-terminated, or NULL), each made by
 * @row_new. */
GPtrArray *
_rd_store_select_rows (RdStore            *self,
                       const char         *sql,
                       const char * const *params,
                       RdStoreRowNewFunc   row_new,
                       gpointer            user_data,
                       GDestroyNotify      row_free,
                       GError            **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  g_mutex_lock (&self->mutex);
  stmt = _rd_store_prepare (self, sql, error);
  if (stmt != NULL)
    {
      for (int i = 0; params != NULL && params[i] != NULL; i++)
        _rd_store_bind_text (stmt, i + 1, params[i]);
      rows = g_ptr_array_new_with_free_func (row_free);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (rows, row_new (stmt, user_data));
      if (rc != SQLITE_DONE)
        _rd_store_set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
    }
  g_mutex_unlock (&self->mutex);

  return rc == SQLITE_DONE ? g_steal_pointer (&rows) : NULL;
}

/* For sync (rd-store-private.h) */

void
_rd_store_lock (RdStore *self)
{
  g_mutex_lock (&self->mutex);
}

void
_rd_store_unlock (RdStore *self)
{
  g_mutex_unlock (&self->mutex);
}

sqlite3 *
_rd_store_get_db (RdStore *self)
{
  return self->db;
}
