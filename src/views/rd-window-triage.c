/* rd-window-triage.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-window"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-window-private.h"
#include "rd-window-triage.h"

/* Helpers ---------------------------------------------------------------- */

static void
toast (RdWindow   *self,
       const char *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 6);
  _rd_window_add_toast (self, t);
}

static void
toast_error (RdWindow   *self,
             const char *title,
             GError     *error)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_warning ("%s: %s", title, error->message);
  /* Translators: what failed, then why */
  text = g_strdup_printf (_("%s: %s"), title, error->message);
  toast (self, text);
}

static GtkFileFilter *
filter_new (const char *name,
            const char *mime_type,
            const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);

  return filter;
}

typedef void (*ChosenFunc) (RdWindow *self,
                            GFile    *file);

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(RdWindow) self = user_data;
  ChosenFunc func = g_object_get_data (G_OBJECT (chooser), "rd-chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        func (self, file);
    }

  g_object_unref (chooser);
}

static void
choose_file (RdWindow        *self,
             const char      *title,
             GtkFileChooserAction action,
             const char      *accept,
             GtkFileFilter   *filter,
             const char      *suggested_name,
             ChosenFunc       func)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_object_set_data (G_OBJECT (chooser), "rd-chosen", func);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Import CSV ------------------------------------------------------------- */

static void
on_imported_cb (RdImportDialog *dialog,
                guint           n_new,
                guint           n_updated,
                RdWindow       *self)
{
  g_autofree char *text = NULL;

  g_assert (RD_IS_WINDOW (self));

  if (n_updated == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u account",
                                         "Imported %u accounts", n_new), n_new);
  else
    /* Translators: counts of new and updated accounts */
    text = g_strdup_printf (_("Imported %u new and updated %u existing accounts"), n_new, n_updated);
  toast (self, text);
}

RdImportDialog *
_rd_window_import_file (RdWindow *self,
                        GFile    *file)
{
  RdImportDialog *dialog;

  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  dialog = rd_import_dialog_new (GTK_WINDOW (self), self->store, file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
import_chosen (RdWindow *self,
               GFile    *file)
{
  _rd_window_import_file (self, file);
}

void
_rd_window_import_csv_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  choose_file (self, _("Import CSV"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
               filter_new (_("CSV files"), "text/csv", "*.csv"), NULL, import_chosen);
}

/* Back up ---------------------------------------------------------------- */

/* Shared by a job and the idles that carry its progress to the main
 * thread, which may run after the job is gone. */
typedef struct
{
  GWeakRef  bar;        /* GtkProgressBar */
} ProgressState;

static void
progress_state_clear (gpointer data)
{
  ProgressState *state = data;

  g_weak_ref_clear (&state->bar);
}

typedef struct
{
  RdStore       *store;
  GFile         *file;
  GPtrArray     *docs;
  ProgressState *progress;  /* g_rc_box */
  char          *backup_path;
  guint          n_written;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->store);
  g_clear_object (&job->file);
  g_clear_pointer (&job->docs, g_ptr_array_unref);
  g_rc_box_release_full (job->progress, progress_state_clear);
  g_free (job->backup_path);
  g_free (job);
}

static Job *
job_new (RdStore *store,
         GFile   *file)
{
  Job *job = g_new0 (Job, 1);

  job->store = g_object_ref (store);
  job->file = file ? g_object_ref (file) : NULL;
  job->progress = g_rc_box_new0 (ProgressState);
  g_weak_ref_init (&job->progress->bar, NULL);

  return job;
}

static gboolean
write_backup (RdStore     *store,
              const char  *path,
              gboolean     with_deleted,
              guint       *out_n,
              GError     **error)
{
  g_autoptr(GPtrArray) docs = rd_store_export_documents (store, with_deleted, error);

  if (docs == NULL)
    return FALSE;
  if (out_n != NULL)
    *out_n = docs->len;

  return rd_documents_save_file (docs, path, error);
}

static void
back_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (job->file);

  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Choose a file on this computer"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The --export-json format, so --import-json and Restore… read it. */
  if (!write_backup (job->store, path, FALSE, &job->n_written, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_backed_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast_error (self, _("Could not back up"), error);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Backed up %u record",
                                       "Backed up %u records", job->n_written), job->n_written);
  toast (self, text);
}

void
_rd_window_back_up_to_file (RdWindow *self,
                            GFile    *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  task = g_task_new (NULL, self->cancellable, on_backed_up_cb, g_object_ref (self));
  g_task_set_source_tag (task, _rd_window_back_up_to_file);
  g_task_set_task_data (task, job_new (self->store, file), job_free);
  g_task_run_in_thread (task, back_up_thread);
}

void
_rd_window_back_up_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the default file name of a backup; %s is today's date */
  g_autofree char *name = g_strdup_printf (_("Renewal Desk backup %s.json"), date);

  choose_file (self, _("Back Up"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
               filter_new (_("JSON backups"), "application/json", "*.json"), name,
               _rd_window_back_up_to_file);
}

/* Restore ---------------------------------------------------------------- */

typedef struct
{
  guint n_new;
  guint n_updated;
  guint n_unchanged;
} Counts;

char *
_rd_window_backup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "renewal-desk", "backups", NULL);
}

/* Loads the backup and counts, per type, what would be new or updated. */
static void
summarize_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  g_autofree char *data = NULL;
  gsize length = 0;
  const RdEntitySpec *specs;
  guint n_specs;
  Counts *counts;
  GString *summary;

  if (!g_file_load_contents (job->file, cancellable, &data, &length, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->docs = rd_documents_load_data (data, (gssize) length, &error);
  if (job->docs == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  specs = rd_entity_specs (&n_specs);
  counts = g_new0 (Counts, n_specs);

  for (guint i = 0; i < job->docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (job->docs, i);
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

      stored = rd_store_get_document (job->store, doc_id, NULL);
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

      if ((i % 1000) == 0 && g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_free (counts);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  summary = g_string_new (NULL);
  for (guint s = 0; s < n_specs; s++)
    {
      if (counts[s].n_new + counts[s].n_updated + counts[s].n_unchanged == 0)
        continue;
      if (summary->len > 0)
        g_string_append_c (summary, '\n');
      /* Translators: an entity ("Account"), then counts of new, changed and same records */
      g_string_append_printf (summary, _("%s: %u new, %u updated, %u unchanged"),
                              rd_entity_label (specs[s].type), counts[s].n_new,
                              counts[s].n_updated, counts[s].n_unchanged);
    }
  g_free (counts);

  if (summary->len == 0)
    g_string_append (summary, _("The backup is empty."));

  g_task_return_pointer (task, g_string_free (summary, FALSE), g_free);
}

typedef struct
{
  ProgressState *state;
  double         fraction;
} ProgressUpdate;

static gboolean
restore_progress_idle_cb (gpointer data)
{
  ProgressUpdate *update = data;
  g_autoptr(GtkProgressBar) bar = g_weak_ref_get (&update->state->bar);

  if (bar != NULL)
    gtk_progress_bar_set_fraction (bar, update->fraction);

  g_rc_box_release_full (update->state, progress_state_clear);
  g_free (update);
  return G_SOURCE_REMOVE;
}

static void
on_restore_progress_cb (double   fraction,
                        gpointer user_data)
{
  Job *job = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  /* On the worker: the number goes to the main thread. */
  update->state = g_rc_box_acquire (job->progress);
  update->fraction = fraction;
  g_idle_add (restore_progress_idle_cb, update);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *dir = _rd_window_backup_dir ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("renewal-desk-%s.json", stamp);

  /* Never restore over the only copy: the current data goes aside first. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create “%s”: %s"), dir, g_strerror (saved));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->backup_path = g_build_filename (dir, name, NULL);
  if (!write_backup (job->store, job->backup_path, TRUE, NULL, &error))
    {
      g_prefix_error (&error, _("The current data could not be backed up, nothing was restored: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!rd_store_import_documents_full (job->store, job->docs, on_restore_progress_cb, job,
                                       cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GtkProgressBar) bar = g_weak_ref_get (&job->progress->bar);
  g_autofree char *text = NULL;

  if (bar != NULL)
    gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (bar))));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast_error (self, _("Could not restore, nothing was changed"), error);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Restored %u record; the previous data is in %s",
                                       "Restored %u records; the previous data is in %s",
                                       job->docs->len),
                          job->docs->len, job->backup_path);
  toast (self, text);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  RdWindow *self = g_object_get_data (G_OBJECT (dialog), "rd-window");
  GtkWidget *progress_dialog;
  GtkWidget *bar;

  if (g_strcmp0 (response, "restore") != 0 || self == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Restore cancelled");
      return;
    }

  bar = gtk_progress_bar_new ();
  progress_dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restoring…"),
                                            _("The current data is saved aside first."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (progress_dialog), bar);
  gtk_window_present (GTK_WINDOW (progress_dialog));
  g_weak_ref_set (&job->progress->bar, bar);

  g_task_run_in_thread (task, restore_thread);
}

static void
on_summarized_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autofree char *dir = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  GTask *restore;
  AdwMessageDialog *dialog;

  summary = g_task_propagate_pointer (G_TASK (result), &error);
  if (summary == NULL)
    {
      toast_error (self, _("Could not read the backup"), error);
      return;
    }

  dir = _rd_window_backup_dir ();
  /* Translators: the counts per kind of record, then a folder */
  body = g_strdup_printf (_("%s\n\nThe current data is saved in %s first."), summary, dir);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Restore From Backup?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "rd-window", self);

  /* A second task reuses the loaded documents. */
  restore = g_task_new (NULL, self->cancellable, on_restored_cb, g_object_ref (self));
  g_task_set_source_tag (restore, on_summarized_cb);
  {
    Job *next = job_new (job->store, job->file);

    next->docs = g_ptr_array_ref (job->docs);
    g_task_set_task_data (restore, next, job_free);
  }
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), restore);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_rd_window_restore_file (RdWindow *self,
                         GFile    *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  task = g_task_new (NULL, self->cancellable, on_summarized_cb, g_object_ref (self));
  g_task_set_source_tag (task, _rd_window_restore_file);
  g_task_set_task_data (task, job_new (self->store, file), job_free);
  g_task_run_in_thread (task, summarize_thread);
}

void
_rd_window_restore_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  choose_file (self, _("Restore"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
               filter_new (_("JSON backups"), "application/json", "*.json"), NULL,
               _rd_window_restore_file);
}
