/* rd-record-store.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-record-store"

#include "config.h"

#include "rd-record-store.h"
#include "rd-task.h"

static void
list_documents_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) docs = NULL;
  GPtrArray *records;
  GError *error = NULL;

  docs = rd_store_list_documents_finish (RD_STORE (object), result, &error);
  if (docs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  records = rd_records_new_from_documents (docs, &error);
  rd_task_return_pointer_or_error (task, records, (GDestroyNotify) g_ptr_array_unref, error);
}

void
rd_records_list_async (RdStore             *store,
                       GType                type,
                       const char          *parent_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *parent_member;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (g_type_is_a (type, RD_TYPE_RECORD) && type != RD_TYPE_RECORD);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_records_list_async);
  parent_member = parent_id != NULL ? rd_record_type_get_parent_member (type) : NULL;
  rd_store_list_documents_async (store, rd_record_type_get_entity (type), parent_member, parent_id,
                                 cancellable, list_documents_cb, g_steal_pointer (&task));
}

GPtrArray *
rd_records_list_finish (RdStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return rd_task_propagate_pointer (store, result, rd_records_list_async, error);
}

void
rd_records_save_async (RdStore             *store,
                       GPtrArray           *records,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GPtrArray) docs = NULL;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (records != NULL);

  docs = rd_records_to_documents (records);
  rd_store_put_documents_async (store, docs, cancellable, callback, user_data);
}

gboolean
rd_records_save_finish (RdStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  return rd_store_put_documents_finish (store, result, error);
}

void
rd_record_save_async (RdStore             *store,
                      RdRecord            *record,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new ();

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (RD_IS_RECORD (record));

  g_ptr_array_add (records, record);
  rd_records_save_async (store, records, cancellable, callback, user_data);
}
