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
 * a GTask on @source with @source_tag and the job (copies made on the
 * calling thread, freed with @job_free) run by @thread_func on a worker;
 * _finish checks the task and its tag before handing the result on. */

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

G_END_DECLS
