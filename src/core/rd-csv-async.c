/* rd-csv-async.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdCsvImport on a worker thread, for the window: reading the preview,
 * checking every row and importing, each an _async/_finish pair.  Progress
 * comes back on the caller's main context; the worker only ever sees a copy
 * of the import (rd_csv_import_dup()), so the mapping can go on being edited. */

#define G_LOG_DOMAIN "rd-csv-import"

#include "config.h"

#include "rd-csv-import-private.h"

/* Progress handed from the worker to the caller's main context.  Only the
 * newest fraction matters, so at most one hand-over is queued at a time. */
typedef struct
{
  gatomicrefcount      ref_count;
  GMainContext        *context;
  RdStoreProgressFunc  func;
  gpointer             data;
  GDestroyNotify       destroy;
  int                  permyriad;   /* atomic: the newest fraction × 10000 */
  int                  queued;      /* atomic */
} Relay;

typedef struct
{
  RdCsvImport *import;   /* a copy, the worker's own */
  RdStore     *store;
  gboolean     dry_run;
  Relay       *relay;    /* NULL without progress */
} Job;

/* Relay */

/* Never run in place: g_main_context_invoke() would run @func on the worker
 * whenever the caller's context is not running just then. */
static void
relay_schedule (Relay          *relay,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[rd-csv-import] progress");
  g_source_attach (source, relay->context);
}

static Relay *
relay_new (RdStoreProgressFunc func,
           gpointer            data,
           GDestroyNotify      destroy)
{
  Relay *relay = g_new0 (Relay, 1);

  g_atomic_ref_count_init (&relay->ref_count);
  relay->context = g_main_context_ref_thread_default ();
  relay->func = func;
  relay->data = data;
  relay->destroy = destroy;
  return relay;
}

static gboolean
relay_free_cb (gpointer user_data)
{
  Relay *relay = user_data;

  if (relay->destroy != NULL)
    relay->destroy (relay->data);
  g_main_context_unref (relay->context);
  g_free (relay);
  return G_SOURCE_REMOVE;
}

static Relay *
relay_ref (Relay *relay)
{
  g_atomic_ref_count_inc (&relay->ref_count);
  return relay;
}

/* The caller's data is released on the caller's context (it may be a widget). */
static void
relay_unref (gpointer data)
{
  Relay *relay = data;

  if (!g_atomic_ref_count_dec (&relay->ref_count))
    return;

  if (g_main_context_is_owner (relay->context))
    relay_free_cb (relay);
  else
    relay_schedule (relay, relay_free_cb, relay, NULL);
}

static gboolean
relay_dispatch_cb (gpointer user_data)
{
  Relay *relay = user_data;

  g_atomic_int_set (&relay->queued, 0);
  relay->func (g_atomic_int_get (&relay->permyriad) / 10000.0, relay->data);
  return G_SOURCE_REMOVE;
}

/* RdStoreProgressFunc, on the worker */
static void
relay_progress_cb (double   fraction,
                   gpointer user_data)
{
  Relay *relay = user_data;

  g_atomic_int_set (&relay->permyriad, (int) (CLAMP (fraction, 0.0, 1.0) * 10000));
  if (g_atomic_int_compare_and_exchange (&relay->queued, 0, 1))
    relay_schedule (relay, relay_dispatch_cb, relay_ref (relay), relay_unref);
}

/* Jobs */

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->import);
  g_clear_object (&job->store);
  g_clear_pointer (&job->relay, relay_unref);
  g_free (job);
}

static void
new_for_file_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  RdCsvImport *import;

  g_assert (G_IS_FILE (file));

  import = rd_csv_import_new_for_file (file, cancellable, &error);
  if (import == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, import, g_object_unref);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  RdCsvImportReport *report = NULL;

  g_assert (RD_IS_CSV_IMPORT (job->import));
  g_assert (RD_IS_STORE (job->store));

  if (!rd_csv_import_run (job->import, job->store, job->dry_run,
                          job->relay != NULL ? relay_progress_cb : NULL, job->relay, cancellable,
                          &report, &error))
    {
      g_clear_pointer (&report, rd_csv_import_report_free);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, report, (GDestroyNotify) rd_csv_import_report_free);
}

static void
start_run (RdCsvImport         *self,
           RdStore             *store,
           gboolean             dry_run,
           Relay               *relay,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  /* Copied here, on the caller's thread. */
  job = g_new0 (Job, 1);
  job->import = rd_csv_import_dup (self);
  job->store = g_object_ref (store);
  job->dry_run = dry_run;
  job->relay = relay;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, run_thread);
}

/* Public API */

void
rd_csv_import_new_for_file_async (GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_csv_import_new_for_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, new_for_file_thread);
}

RdCsvImport *
rd_csv_import_new_for_file_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_csv_import_new_for_file_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rd_csv_import_check_async (RdCsvImport         *self,
                           RdStore             *store,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (RD_IS_CSV_IMPORT (self));
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_run (self, store, TRUE, NULL, rd_csv_import_check_async, cancellable, callback,
             user_data);
}

RdCsvImportReport *
rd_csv_import_check_finish (RdCsvImport   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_csv_import_check_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rd_csv_import_run_async (RdCsvImport         *self,
                         RdStore             *store,
                         RdStoreProgressFunc  progress,
                         gpointer             progress_data,
                         GDestroyNotify       progress_data_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (RD_IS_CSV_IMPORT (self));
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (progress == NULL && progress_data_free != NULL)
    g_clear_pointer (&progress_data, progress_data_free);

  start_run (self, store, FALSE,
             progress != NULL ? relay_new (progress, progress_data, progress_data_free) : NULL,
             rd_csv_import_run_async, cancellable, callback, user_data);
}

RdCsvImportReport *
rd_csv_import_run_finish (RdCsvImport   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_csv_import_run_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
