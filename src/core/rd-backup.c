/* rd-backup.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-backup"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rd-backup.h"
#include "rd-document.h"
#include "rd-task.h"

typedef struct
{
  guint n_new;
  guint n_updated;
  guint n_unchanged;
} Counts;

/* Copies of the caller's arguments, made on the calling thread. */
typedef struct
{
  GFile          *file;
  GPtrArray      *docs;
  char           *aside_dir;
  RdTaskProgress *progress;  /* or NULL */
  guint           n_written;
} Job;

/* Helpers ---------------------------------------------------------------- */

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->file);
  g_clear_pointer (&job->docs, g_ptr_array_unref);
  g_free (job->aside_dir);
  g_clear_pointer (&job->progress, rd_task_progress_unref);
  g_free (job);
}

/* The export and the preview: a job on one file. */
static void
run_file_job (RdStore             *store,
              GFile               *file,
              gpointer             source_tag,
              GTaskThreadFunc      thread_func,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->file = g_file_dup (file);
  rd_task_run_in_thread (store, source_tag, job, job_free, thread_func, cancellable, callback,
                         user_data);
}

/* Workers ---------------------------------------------------------------- */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (job->file);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Choose a file on this computer"));
      return;
    }

  /* The --export-json format, so --import-json and Restore… read it. */
  if (!rd_store_export_to_file (source_object, path, FALSE, &job->n_written, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, job->n_written);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  RdBackupPreview *preview;

  if (g_task_return_error_if_cancelled (task))
    return;

  preview = rd_backup_preview_file (source_object, job->file, cancellable, &error);
  rd_task_return_pointer_or_error (task, preview, (GDestroyNotify) rd_backup_preview_free, error);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  char *aside;

  if (g_task_return_error_if_cancelled (task))
    return;

  aside = rd_backup_restore (source_object, job->docs, job->aside_dir,
                             job->progress != NULL ? rd_task_progress_report : NULL,
                             job->progress, cancellable, &error);
  rd_task_return_pointer_or_error (task, aside, g_free, error);
}

/* Public API ------------------------------------------------------------- */

void
rd_backup_preview_free (RdBackupPreview *preview)
{
  if (preview == NULL)
    return;

  g_clear_pointer (&preview->docs, g_ptr_array_unref);
  g_free (preview->summary);
  g_free (preview);
}

gboolean
rd_backup_write_file (RdStore     *store,
                      const char  *path,
                      gboolean     with_deleted,
                      guint       *out_n_written,
                      GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return rd_store_export_to_file (store, path, with_deleted, out_n_written, NULL, error);
}

RdBackupPreview *
rd_backup_preview_file (RdStore       *store,
                        GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(RdBackupPreview) preview = NULL;
  g_autofree char *data = NULL;
  g_autofree Counts *counts = NULL;
  g_autoptr(GString) summary = NULL;
  const RdEntitySpec *specs;
  gsize length = 0;
  guint n_specs;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, error))
    return NULL;

  preview = g_new0 (RdBackupPreview, 1);
  preview->docs = rd_documents_load_data (data, (gssize) length, error);
  if (preview->docs == NULL)
    return NULL;

  specs = rd_entity_specs (&n_specs);
  counts = g_new0 (Counts, n_specs);

  for (guint i = 0; i < preview->docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (preview->docs, i);
      g_autoptr(JsonObject) stored = NULL;
      g_autofree char *type = NULL;
      const char *doc_id = json_object_get_string_member_with_default (doc, "_id", NULL);
      guint s;

      if (!rd_document_parse_id (doc_id, &type, NULL))
        continue;
      for (s = 0; s < n_specs && !g_str_equal (specs[s].type, type); s++)
        ;
      if (s == n_specs)
        continue;

      stored = rd_store_get_document (store, doc_id, NULL);
      if (stored == NULL)
        counts[s].n_new++;
      else
        {
          g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), stored);
          g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), doc);

          if (json_node_equal (a, b))
            counts[s].n_unchanged++;
          else
            counts[s].n_updated++;
        }

      if ((i % 1000) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  summary = g_string_new (NULL);
  for (guint s = 0; s < n_specs; s++)
    {
      if (counts[s].n_new + counts[s].n_updated + counts[s].n_unchanged == 0)
        continue;
      if (summary->len > 0)
        g_string_append_c (summary, '\n');
      /* Translators: an entity ("Account"), then counts of new, changed and same records */
      g_string_append_printf (summary, _("%s: %'u new, %'u updated, %'u unchanged"),
                              rd_entity_label (specs[s].type), counts[s].n_new,
                              counts[s].n_updated, counts[s].n_unchanged);
    }

  if (summary->len == 0)
    g_string_append (summary, _("The backup is empty."));

  preview->summary = g_string_free (g_steal_pointer (&summary), FALSE);

  return g_steal_pointer (&preview);
}

char *
rd_backup_restore (RdStore              *store,
                   GPtrArray            *docs,
                   const char           *aside_dir,
                   RdStoreProgressFunc   progress,
                   gpointer              progress_data,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("renewal-desk-%s.json", stamp);
  g_autofree char *aside = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (docs != NULL, NULL);
  g_return_val_if_fail (aside_dir != NULL, NULL);

  if (g_mkdir_with_parents (aside_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create “%s”: %s"), aside_dir, g_strerror (saved));
      return NULL;
    }

  aside = g_build_filename (aside_dir, name, NULL);
  if (!rd_backup_write_file (store, aside, TRUE, NULL, error))
    {
      g_prefix_error (error, _("The current data could not be backed up, nothing was restored: "));
      return NULL;
    }

  if (!rd_store_import_documents_full (store, docs, progress, progress_data, cancellable, error))
    return NULL;

  return g_steal_pointer (&aside);
}

void
rd_backup_export_async (RdStore             *store,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  run_file_job (store, file, rd_backup_export_async, export_thread, cancellable, callback,
                user_data);
}

gboolean
rd_backup_export_finish (RdStore       *store,
                         GAsyncResult  *result,
                         guint         *out_n_written,
                         GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  return rd_task_propagate_count (store, result, rd_backup_export_async, out_n_written, error);
}

void
rd_backup_preview_async (RdStore             *store,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  run_file_job (store, file, rd_backup_preview_async, preview_thread, cancellable, callback,
                user_data);
}

RdBackupPreview *
rd_backup_preview_finish (RdStore       *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return rd_task_propagate_pointer (store, result, rd_backup_preview_async, error);
}

void
rd_backup_restore_async (RdStore             *store,
                         GPtrArray           *docs,
                         const char          *aside_dir,
                         RdStoreProgressFunc  progress,
                         gpointer             progress_data,
                         GDestroyNotify       progress_data_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (docs != NULL);
  g_return_if_fail (aside_dir != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->docs = g_ptr_array_new_full (docs->len, (GDestroyNotify) json_object_unref);
  for (guint i = 0; i < docs->len; i++)
    g_ptr_array_add (job->docs, rd_document_copy_object (g_ptr_array_index (docs, i)));
  job->aside_dir = g_strdup (aside_dir);
  job->progress = rd_task_progress_new (progress, progress_data, progress_data_free);
  rd_task_run_in_thread (store, rd_backup_restore_async, job, job_free, restore_thread,
                         cancellable, callback, user_data);
}

char *
rd_backup_restore_finish (RdStore       *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return rd_task_propagate_pointer (store, result, rd_backup_restore_async, error);
}
