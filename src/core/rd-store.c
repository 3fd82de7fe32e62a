/* rd-store.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

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

enum {
  PROP_0,
  PROP_PATH,
  PROP_BUSY,
  PROP_CHECK_PAGES_LATER,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rd_store_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdStore, rd_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      rd_store_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_INITABLE, NULL))

G_DEFINE_QUARK (rd-store-error-quark, rd_store_error)

/* Signals and the job counter, delivered on the store's main context. */

typedef struct
{
  RdStore *self;
  char    *type;
  char    *id;
} ChangedData;

static gboolean
emit_changed_cb (gpointer user_data)
{
  ChangedData *data = user_data;

  g_signal_emit (data->self, signals[CHANGED], 0, data->type, data->id);

  g_object_unref (data->self);
  g_free (data->type);
  g_free (data->id);
  g_free (data);

  return G_SOURCE_REMOVE;
}

/* Call without the lock: handlers may call back into the store. */
void
_rd_store_emit_changed (RdStore    *self,
                        const char *type,
                        const char *id)
{
  ChangedData *data = g_new0 (ChangedData, 1);

  data->self = g_object_ref (self);
  data->type = g_strdup (type);
  data->id = g_strdup (id);
  g_main_context_invoke (self->main_context, emit_changed_cb, data);
}

/* More changes than this in one go are told a type at a time: each
 * "changed" is a main-loop source, and a batch of a million is a freeze. */
#define MAX_CHANGED_SIGNALS 32

int
_rd_store_spec_index (const char *doc_id)
{
  guint n_specs;
  const RdEntitySpec *specs = rd_entity_specs (&n_specs);
  const char *colon = doc_id ? strchr (doc_id, ':') : NULL;

  if (colon == NULL)
    return (int) n_specs;

  for (guint i = 0; i < n_specs; i++)
    {
      if (strlen (specs[i].type) == (gsize) (colon - doc_id) &&
          strncmp (specs[i].type, doc_id, colon - doc_id) == 0)
        return (int) i;
    }
  return (int) n_specs;
}

/* Call without the lock.  @doc_ids: "type:uuid" of what one write changed. */
void
_rd_store_emit_changes (RdStore   *self,
                        GPtrArray *doc_ids)
{
  guint n_specs;
  const RdEntitySpec *specs;
  g_autofree gboolean *seen = NULL;

  if (doc_ids->len <= MAX_CHANGED_SIGNALS)
    {
      for (guint i = 0; i < doc_ids->len; i++)
        {
          g_autofree char *type = NULL;
          g_autofree char *uuid = NULL;

          if (rd_document_parse_id (g_ptr_array_index (doc_ids, i), &type, &uuid))
            _rd_store_emit_changed (self, type, uuid);
        }
      return;
    }

  specs = rd_entity_specs (&n_specs);
  seen = g_new0 (gboolean, n_specs + 1);  /* the last: no known type */
  for (guint i = 0; i < doc_ids->len; i++)
    seen[_rd_store_spec_index (g_ptr_array_index (doc_ids, i))] = TRUE;
  for (guint s = 0; s < n_specs; s++)
    if (seen[s])
      _rd_store_emit_changed (self, specs[s].type, NULL);
}

static gboolean
notify_busy_cb (gpointer user_data)
{
  g_autoptr(RdStore) self = user_data;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return G_SOURCE_REMOVE;
}

void
_rd_store_job_begin (RdStore *self)
{
  if (g_atomic_int_add (&self->n_jobs, 1) == 0)
    g_main_context_invoke (self->main_context, notify_busy_cb, g_object_ref (self));
}

void
_rd_store_job_end (RdStore *self)
{
  if (g_atomic_int_dec_and_test (&self->n_jobs))
    g_main_context_invoke (self->main_context, notify_busy_cb, g_object_ref (self));
}

/* A database made by an older version, or copied with cp, may be readable
 * by others; sqlite gives the -wal and -shm it creates the database's mode,
 * so the three are made private before sqlite opens them. */
static void
make_private (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 0077) != 0
          && g_chmod (file, st.st_mode & 0700) != 0)
        g_warning ("Could not make “%s” private: %s", file, g_strerror (errno));
    }
}

static gboolean
rd_store_initable_init (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  RdStore *self = RD_STORE (initable);
  g_autofree char *dir = NULL;
  g_autofree char *display = NULL;
  int rc;

  if (self->path == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED, _("No database path given"));
      return FALSE;
    }

  display = g_filename_display_name (self->path);
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder for “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }

  if (!(self->check_pages_later ? _rd_store_check_existing_file_but_pages (self->path, error)
                                : _rd_store_check_existing_file (self->path, error)))
    return FALSE;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      /* Created here so the file (and the -wal/-shm that copy its mode) is private. */
      int fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL, 0600);

      if (fd < 0 && errno != EEXIST)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not create “%s”: %s"), display, g_strerror (saved));
          return FALSE;
        }
      if (fd >= 0)
        close (fd);
    }

  make_private (self->path);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_mutex_lock (&self->mutex);

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_STORE_ERROR, _rd_store_error_code_for_sqlite (rc),
                   _("Could not open “%s”: %s"), display,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      goto fail;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  _rd_store_exec (self, "PRAGMA cache_size = -16384", NULL);

  if (!_rd_store_exec (self, "PRAGMA journal_mode = WAL", error)
      || !_rd_store_exec (self, "PRAGMA synchronous = NORMAL", error)
      || !_rd_store_exec (self, "PRAGMA foreign_keys = ON", error)
      || !_rd_store_migrate (self, error))
    goto fail;

  g_mutex_unlock (&self->mutex);
  return TRUE;

fail:
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_mutex_unlock (&self->mutex);
  return FALSE;
}

static void
rd_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = rd_store_initable_init;
}

static void
rd_store_finalize (GObject *object)
{
  RdStore *self = (RdStore *) object;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->risk_config, rd_risk_config_free);
  g_free (self->path);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (rd_store_parent_class)->finalize (object);
}

static void
rd_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RdStore *self = RD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, rd_store_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  RdStore *self = RD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_CHECK_PAGES_LATER:
      self->check_pages_later = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_store_class_init (RdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_store_finalize;
  object_class->get_property = rd_store_get_property;
  object_class->set_property = rd_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECK_PAGES_LATER] =
    g_param_spec_boolean ("check-pages-later", NULL, NULL, FALSE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  _rd_store_build_entity_sql ();
}

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

/* The statement cache's hash.  An entity's upsert is over a kilobyte of
 * SQL and is looked up for every row an import writes, so the hash reads
 * the length, the first and last 32 bytes and 64 bytes spread in between
 * rather than every byte; texts alike there only share a bucket (the cache
 * compares whole texts). */
static guint
sql_hash (gconstpointer key)
{
  const char *sql = key;
  gsize length = strlen (sql);
  gsize middle_end = length > 32 ? length - 32 : 0;
  gsize step = middle_end > 32 ? MAX ((middle_end - 32) / 64, 1) : 1;
  guint hash = (guint) length;
  gsize i;

  for (i = 0; i < length && i < 32; i++)
    hash = hash * 33 + (guchar) sql[i];
  for (; i < middle_end; i += step)
    hash = hash * 33 + (guchar) sql[i];
  for (i = MAX (middle_end, 32); i < length; i++)
    hash = hash * 33 + (guchar) sql[i];

  return hash;
}

static void
rd_store_init (RdStore *self)
{
  g_mutex_init (&self->mutex);
  self->stmts = g_hash_table_new_full (sql_hash, g_str_equal, g_free, finalize_stmt);
  /* Construction runs on the caller's thread even for rd_store_new_async(). */
  self->main_context = g_main_context_ref_thread_default ();
}

/* Public API */

char *
rd_store_default_path (void)
{
  const char *env = g_getenv ("RENEWAL_DESK_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "renewal-desk", "renewal-desk.db", NULL);
}

RdStore *
rd_store_new (const char    *path,
              GCancellable  *cancellable,
              GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_initable_new (RD_TYPE_STORE, cancellable, error, "path", path, NULL);
}

void
rd_store_new_async (const char          *path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  g_async_initable_new_async (RD_TYPE_STORE, G_PRIORITY_DEFAULT, cancellable, callback, user_data,
                              "path", path, NULL);
}

void
rd_store_new_check_later_async (const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  g_async_initable_new_async (RD_TYPE_STORE, G_PRIORITY_DEFAULT, cancellable, callback, user_data,
                              "path", path, "check-pages-later", TRUE, NULL);
}

RdStore *
rd_store_new_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_autoptr(GObject) source = g_async_result_get_source_object (result);
  GObject *object;

  object = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, error);

  return object != NULL ? RD_STORE (object) : NULL;
}

gboolean
rd_store_check_pages (RdStore       *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  if (!self->check_pages_later)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return _rd_store_check_pages (self->path, error);
}

static void
check_pages_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (rd_store_check_pages (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
rd_store_check_pages_async (RdStore             *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RD_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_store_check_pages_async);
  if (!self->check_pages_later)
    g_task_return_boolean (task, TRUE);
  else
    g_task_run_in_thread (task, check_pages_thread);
}

gboolean
rd_store_check_pages_finish (RdStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_store_check_pages_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
rd_store_move_aside (const char  *path,
                     GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  static const char * const suffixes[] = { "-wal", "-shm" };

  g_return_val_if_fail (path != NULL, NULL);

  if (g_rename (path, target) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not move “%s” aside: %s"), display, g_strerror (saved));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  return g_steal_pointer (&target);
}

const char *
rd_store_get_path (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return self->path;
}

gboolean
rd_store_get_busy (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  return g_atomic_int_get (&self->n_jobs) > 0;
}

gboolean
rd_store_is_empty (RdStore  *self,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean empty = FALSE;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  stmt = _rd_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM account WHERE deleted = 0)", error);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        empty = sqlite3_column_int (stmt, 0) == 0;
      else
        _rd_store_set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
    }
  g_mutex_unlock (&self->mutex);

  return empty;
}

gboolean
rd_store_checkpoint (RdStore  *self,
                     GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  ok = _rd_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  g_mutex_unlock (&self->mutex);

  return ok;
}

char *
rd_store_get_setting (RdStore     *self,
                      const char  *key,
                      GError     **error)
{
  return _rd_store_get_value (self, "SELECT value FROM settings WHERE key = ?", key, error);
}

gboolean
_rd_store_set_setting_locked (RdStore     *self,
                              const char  *key,
                              const char  *value,
                              GError     **error)
{
  return _rd_store_set_value_locked (self,
                                     "INSERT INTO settings (key, value) VALUES (?, ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                     key, value, error);
}

gboolean
rd_store_set_setting (RdStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  ok = _rd_store_set_setting_locked (self, key, value, error);
  if (ok && g_str_equal (key, RD_RISK_SETTINGS_KEY))
    g_clear_pointer (&self->risk_config, rd_risk_config_free);
  g_mutex_unlock (&self->mutex);

  return ok;
}
