/* rd-task.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-task"

#include "config.h"

#include "rd-task.h"

struct _RdTaskProgress
{
  gatomicrefcount     ref_count;
  GMainContext       *context;
  RdTaskProgressFunc  func;
  gpointer            data;
  GDestroyNotify      destroy;
  int                 permyriad;   /* atomic: the newest fraction × 10000 */
  int                 queued;      /* atomic */
};

/* Never run in place: g_main_context_invoke() would run @func on the worker
 * whenever the caller's context is not running just then. */
static void
progress_schedule (RdTaskProgress *progress,
                   GSourceFunc     func,
                   gpointer        data,
                   GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[rd-task] progress");
  g_source_attach (source, progress->context);
}

/* @result is a task on @source, from @source_tag. */
static gboolean
task_is_valid (gpointer      source,
               GAsyncResult *result,
               gpointer      source_tag)
{
  return g_task_is_valid (result, source) && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

static gboolean
progress_free_cb (gpointer user_data)
{
  RdTaskProgress *progress = user_data;

  if (progress->destroy != NULL)
    progress->destroy (progress->data);
  g_main_context_unref (progress->context);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static RdTaskProgress *
progress_ref (RdTaskProgress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref_cb (gpointer data)
{
  rd_task_progress_unref (data);
}

static gboolean
progress_dispatch_cb (gpointer user_data)
{
  RdTaskProgress *progress = user_data;

  g_atomic_int_set (&progress->queued, 0);
  progress->func (g_atomic_int_get (&progress->permyriad) / 10000.0, progress->data);
  return G_SOURCE_REMOVE;
}

void
rd_task_run_in_thread (gpointer             source,
                       gpointer             source_tag,
                       gpointer             job,
                       GDestroyNotify       job_free,
                       GTaskThreadFunc      thread_func,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (source == NULL || G_IS_OBJECT (source));
  g_return_if_fail (thread_func != NULL);

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, thread_func);
}

gpointer
rd_task_propagate_pointer (gpointer       source,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (task_is_valid (source, result, source_tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
rd_task_propagate_boolean (gpointer       source,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (task_is_valid (source, result, source_tag), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
rd_task_propagate_count (gpointer       source,
                         GAsyncResult  *result,
                         gpointer       source_tag,
                         guint         *out_count,
                         GError       **error)
{
  gssize n;

  g_return_val_if_fail (task_is_valid (source, result, source_tag), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;

  if (out_count != NULL)
    *out_count = (guint) n;
  return TRUE;
}

void
rd_task_return_pointer_or_error (GTask          *task,
                                 gpointer        result,
                                 GDestroyNotify  result_free,
                                 GError         *error)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (result != NULL || error != NULL);

  if (result != NULL)
    {
      g_clear_error (&error);
      g_task_return_pointer (task, result, result_free);
    }
  else
    g_task_return_error (task, error);
}

RdTaskProgress *
rd_task_progress_new (RdTaskProgressFunc func,
                      gpointer           data,
                      GDestroyNotify     destroy)
{
  RdTaskProgress *progress;

  if (func == NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return NULL;
    }

  progress = g_new0 (RdTaskProgress, 1);
  g_atomic_ref_count_init (&progress->ref_count);
  progress->context = g_main_context_ref_thread_default ();
  progress->func = func;
  progress->data = data;
  progress->destroy = destroy;
  return progress;
}

/* The caller's data is released on the caller's context (it may be a widget). */
void
rd_task_progress_unref (RdTaskProgress *progress)
{
  g_return_if_fail (progress != NULL);

  if (!g_atomic_ref_count_dec (&progress->ref_count))
    return;

  if (g_main_context_is_owner (progress->context))
    progress_free_cb (progress);
  else
    progress_schedule (progress, progress_free_cb, progress, NULL);
}

void
rd_task_progress_report (double   fraction,
                         gpointer user_data)
{
  RdTaskProgress *progress = user_data;

  g_return_if_fail (progress != NULL);

  g_atomic_int_set (&progress->permyriad, (int) (CLAMP (fraction, 0.0, 1.0) * 10000));
  if (g_atomic_int_compare_and_exchange (&progress->queued, 0, 1))
    progress_schedule (progress, progress_dispatch_cb, progress_ref (progress), progress_unref_cb);
}
