/* rd-backup.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/*
 * Backing up and restoring the whole database through a JSON file in the
 * --export-json format (an array of documents), so --import-json reads a
 * backup and Restore… reads an export.  The blocking calls use only the
 * store's thread-safe API; the window calls the _async wrappers, which run
 * them on a worker with copies of their arguments.  Each task's source
 * object is the store; a cancelled call returns G_IO_ERROR_CANCELLED.
 */

/* A backup file, read: its documents and what restoring them would do. */
typedef struct
{
  GPtrArray *docs;      /* JsonObject, as in the file */
  char      *summary;   /* translated, one line per type:
                         * "Account: 0 new, 1 updated, 4 unchanged" */
} RdBackupPreview;

void             rd_backup_preview_free   (RdBackupPreview     *preview);

/* Writes every document (tombstones too when @with_deleted) to @path,
 * atomically.  @out_n_written (optional) counts them. */
gboolean         rd_backup_write_file     (RdStore             *store,
                                           const char          *path,
                                           gboolean             with_deleted,
                                           guint               *out_n_written,
                                           GError             **error);
/* Reads @file and compares each document with the stored one. */
RdBackupPreview *rd_backup_preview_file   (RdStore             *store,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GError             **error);
/* Never restores over the only copy: saves the current data (tombstones
 * too) as a new file in @aside_dir first, then imports @docs in one
 * transaction.  @progress is called on this thread.  Returns the path of
 * the copy set aside. */
char            *rd_backup_restore        (RdStore             *store,
                                           GPtrArray           *docs,
                                           const char          *aside_dir,
                                           RdStoreProgressFunc  progress,
                                           gpointer             progress_data,
                                           GCancellable        *cancellable,
                                           GError             **error);

/* rd_backup_write_file() of the live documents to @file, which must have
 * a local path. */
void             rd_backup_export_async   (RdStore             *store,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean         rd_backup_export_finish  (RdStore             *store,
                                           GAsyncResult        *result,
                                           guint               *out_n_written,
                                           GError             **error);
void             rd_backup_preview_async  (RdStore             *store,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
RdBackupPreview *rd_backup_preview_finish (RdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);
/* rd_backup_restore() of a copy of @docs.  @progress runs on the thread-
 * default main context of the caller, as does @progress_data_free. */
void             rd_backup_restore_async  (RdStore             *store,
                                           GPtrArray           *docs,
                                           const char          *aside_dir,
                                           RdStoreProgressFunc  progress,
                                           gpointer             progress_data,
                                           GDestroyNotify       progress_data_free,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char            *rd_backup_restore_finish (RdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdBackupPreview, rd_backup_preview_free)

G_END_DECLS
