/* rd-account-context.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-context"

#include "config.h"

#include "rd-account-context.h"
#include "rd-document.h"
#include "rd-plan.h"
#include "rd-task.h"

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *account_id = task_data;
  GError *error = NULL;
  RdAccountContext *context;

  if (g_task_return_error_if_cancelled (task))
    return;

  context = rd_account_context_load (source_object, account_id, &error);
  rd_task_return_pointer_or_error (task, context, (GDestroyNotify) rd_account_context_free, error);
}

RdAccountContext *
rd_account_context_load (RdStore     *store,
                         const char  *account_id,
                         GError     **error)
{
  g_autoptr(RdAccountContext) context = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  context = g_new0 (RdAccountContext, 1);
  context->account_id = g_strdup (account_id);

  if (!(context->plans = rd_store_list_documents (store, "plan", "account_id", account_id, error)) ||
      !(context->losses = rd_store_list_documents (store, "loss", "account_id", account_id, error)) ||
      !(context->delays = rd_store_list_documents (store, "delay", "account_id", account_id, error)) ||
      !(context->bridges = rd_store_list_documents (store, "bridge", "account_id", account_id, error)) ||
      !(context->activities = rd_store_list_documents (store, "activity", "account_id", account_id,
                                                       error)))
    return NULL;

  context->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < context->plans->len; i++)
    {
      const char *plan_id = rd_document_uuid (g_ptr_array_index (context->plans, i));
      g_autoptr(GPtrArray) steps = rd_store_list_documents (store, "plan_step", "plan_id", plan_id,
                                                            error);

      if (steps == NULL)
        return NULL;
      for (guint j = 0; j < steps->len; j++)
        g_ptr_array_add (context->steps, json_object_ref (g_ptr_array_index (steps, j)));
    }

  return g_steal_pointer (&context);
}

void
rd_account_context_free (RdAccountContext *context)
{
  if (context == NULL)
    return;

  g_free (context->account_id);
  g_clear_pointer (&context->plans, g_ptr_array_unref);
  g_clear_pointer (&context->losses, g_ptr_array_unref);
  g_clear_pointer (&context->delays, g_ptr_array_unref);
  g_clear_pointer (&context->bridges, g_ptr_array_unref);
  g_clear_pointer (&context->steps, g_ptr_array_unref);
  g_clear_pointer (&context->activities, g_ptr_array_unref);
  g_free (context);
}

void
rd_account_context_load_async (RdStore             *store,
                               const char          *account_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  rd_task_run_in_thread (store, rd_account_context_load_async, g_strdup (account_id), g_free,
                         load_thread, cancellable, callback, user_data);
}

RdAccountContext *
rd_account_context_load_finish (RdStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return rd_task_propagate_pointer (store, result, rd_account_context_load_async, error);
}
