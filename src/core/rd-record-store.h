/* rd-record-store.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"
#include "rd-store.h"

G_BEGIN_DECLS

/*
 * Records to and from the store, on top of its generic document calls
 * (rd_store_list_documents_async(), rd_store_put_documents_async()): the
 * store's worker thread does the work; the records are made and read on
 * the caller's thread.
 */

/* The records of @type (RD_TYPE_CONCERN_RECORD, …) whose parent reference
 * (rd_record_type_get_parent_member(): "account_id", "plan_id") is
 * @parent_id, or all of them when @parent_id is NULL. */
void       rd_records_list_async  (RdStore            *store,
                                   GType               type,
                                   const char         *parent_id,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
/* (transfer full) (element-type RdRecord) */
GPtrArray *rd_records_list_finish (RdStore            *store,
                                   GAsyncResult       *result,
                                   GError            **error);
/* Writes the records' documents, copied now, in one transaction. */
void       rd_records_save_async  (RdStore            *store,
                                   GPtrArray          *records,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
gboolean   rd_records_save_finish (RdStore            *store,
                                   GAsyncResult       *result,
                                   GError            **error);
/* One record: rd_records_save_async() of [@record]. */
void       rd_record_save_async   (RdStore            *store,
                                   RdRecord           *record,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);

G_END_DECLS
