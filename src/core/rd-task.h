/* rd-task.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The scaffolding every core _async/_finish pair shares (house style §7):
 * a GTask on @source (may be NULL) with @source_tag and the job (copies made
 * on the calling thread, freed with @job_free) run by @thread_func on a
 * worker; _finish checks the task and its tag before handing the result on. */

void     rd_task_run_in_thread     (gpointer             source,
                                    gpointer             source_tag,
                                    gpointer             job,
                                    GDestroyNotify       job_free,
                                    GTaskThreadFunc      thread_func,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gpointer rd_task_propagate_pointer (gpointer             source,
                                    GAsyncResult        *result,
                                    gpointer             source_tag,
                                    GError             **error);
gboolean rd_task_propagate_boolean (gpointer             source,
                                    GAsyncResult        *result,
                                    gpointer             source_tag,
                                    GError             **error);
/* A count returned with g_task_return_int(); FALSE on error. */
gboolean rd_task_propagate_count   (gpointer             source,
                                    GAsyncResult        *result,
                                    gpointer             source_tag,
                                    guint               *out_count,
                                    GError             **error);

/* In a thread func: @result (owned, freed with @result_free) when not NULL,
 * else @error (owned). */
void     rd_task_return_pointer_or_error (GTask          *task,
                                          gpointer        result,
                                          GDestroyNotify  result_free,
                                          GError         *error);

/* Progress reported on a worker, handed to the caller's main context (the
 * thread default when the relay is made).  Only the newest fraction
 * matters, so at most one hand-over is queued at a time; the caller's
 * @data is released with @destroy on its own context too.  Without @func
 * there is no relay: @data is released at once, and the result is NULL. */
typedef struct _RdTaskProgress RdTaskProgress;

typedef void (*RdTaskProgressFunc) (double   fraction,
                                    gpointer data);

RdTaskProgress *rd_task_progress_new    (RdTaskProgressFunc  func,
                                         gpointer            data,
                                         GDestroyNotify      destroy);
void            rd_task_progress_unref  (RdTaskProgress     *progress);
/* A RdTaskProgressFunc for the worker, with the relay as its data. */
void            rd_task_progress_report (double              fraction,
                                         gpointer            progress);

G_END_DECLS
