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
#include "rd-task.h"

typedef struct
{
  RdCsvImport    *import;   /* a copy, the worker's own */
  RdStore        *store;
  gboolean        dry_run;
  RdTaskProgress *progress; /* NULL without progress */
} Job;

/* Jobs */

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->import);
  g_clear_object (&job->store);
  g_clear_pointer (&job->progress, rd_task_progress_unref);
  g_free (job);
}

static void
new_for_file_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  RdCsvImport *import;

  g_assert (G_IS_FILE (file));

  import = rd_csv_import_new_for_file (file, cancellable, &error);
  rd_task_return_pointer_or_error (task, import, g_object_unref, error);
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
                          job->progress != NULL ? rd_task_progress_report : NULL, job->progress,
                          cancellable,
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
           RdTaskProgress      *progress,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_CSV_IMPORT (self));
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* Copied here, on the caller's thread. */
  job = g_new0 (Job, 1);
  job->import = rd_csv_import_dup (self);
  job->store = g_object_ref (store);
  job->dry_run = dry_run;
  job->progress = progress;

  rd_task_run_in_thread (self, source_tag, job, job_free, run_thread, cancellable, callback,
                         user_data);
}

/* Public API */

void
rd_csv_import_new_for_file_async (GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  rd_task_run_in_thread (NULL, rd_csv_import_new_for_file_async, g_object_ref (file),
                         g_object_unref, new_for_file_thread, cancellable, callback, user_data);
}

RdCsvImport *
rd_csv_import_new_for_file_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return rd_task_propagate_pointer (NULL, result, rd_csv_import_new_for_file_async, error);
}

void
rd_csv_import_check_async (RdCsvImport         *self,
                           RdStore             *store,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  start_run (self, store, TRUE, NULL, rd_csv_import_check_async, cancellable, callback,
             user_data);
}

RdCsvImportReport *
rd_csv_import_check_finish (RdCsvImport   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);

  return rd_task_propagate_pointer (self, result, rd_csv_import_check_async, error);
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
  start_run (self, store, FALSE, rd_task_progress_new (progress, progress_data, progress_data_free),
             rd_csv_import_run_async, cancellable, callback, user_data);
}

RdCsvImportReport *
rd_csv_import_run_finish (RdCsvImport   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);

  return rd_task_propagate_pointer (self, result, rd_csv_import_run_async, error);
}
