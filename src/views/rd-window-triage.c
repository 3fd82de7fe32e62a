/* rd-window-triage.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-backup.h"
#include "rd-format.h"
#include "rd-window-private.h"
#include "rd-window-triage.h"
#include "rd-widget-util.h"

/* Helpers ---------------------------------------------------------------- */

static void
toast (RdWindow   *self,
       const char *title)
{
  AdwToast *t = rd_toast_new (title);

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

  /* A bad file is the user's to fix, told in the toast: not a warning. */
  g_debug ("%s: %s", title, error->message);
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
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'u account",
                                         "Imported %'u accounts", n_new), n_new);
  else
    /* Translators: counts of new and updated accounts */
    text = g_strdup_printf (_("Imported %'u new and updated %'u existing accounts"), n_new, n_updated);
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

static void
on_backed_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_written = 0;

  if (!rd_backup_export_finish (RD_STORE (source), result, &n_written, &error))
    {
      toast_error (self, _("Could not back up"), error);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Backed up %'u record",
                                       "Backed up %'u records", n_written), n_written);
  toast (self, text);
}

void
_rd_window_back_up_to_file (RdWindow *self,
                            GFile    *file)
{
  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  rd_backup_export_async (self->store, file, self->cancellable, on_backed_up_cb,
                          g_object_ref (self));
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

char *
_rd_window_backup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "renewal-desk", "backups", NULL);
}

/* The progress bar, for the updates and the end of a restore, which may
 * come after the dialog is gone. */
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

static void
progress_state_release (gpointer data)
{
  g_rc_box_release_full (data, progress_state_clear);
}

/* The confirmation: the backup as read, and the window to restore into. */
typedef struct
{
  RdWindow        *window;
  RdBackupPreview *preview;
} Confirm;

static void
confirm_free (gpointer data,
              GClosure *closure)
{
  Confirm *confirm = data;

  g_clear_object (&confirm->window);
  g_clear_pointer (&confirm->preview, rd_backup_preview_free);
  g_free (confirm);
}

/* A restore under way. */
typedef struct
{
  RdWindow      *window;
  ProgressState *progress;   /* g_rc_box */
  guint          n_docs;
} Restore;

static void
restore_free (Restore *restore)
{
  g_clear_object (&restore->window);
  progress_state_release (restore->progress);
  g_free (restore);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Restore, restore_free)

static void
on_restore_progress_cb (double   fraction,
                        gpointer user_data)
{
  ProgressState *state = user_data;
  g_autoptr(GtkProgressBar) bar = g_weak_ref_get (&state->bar);

  if (bar != NULL)
    gtk_progress_bar_set_fraction (bar, fraction);
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Restore) restore = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkProgressBar) bar = g_weak_ref_get (&restore->progress->bar);
  g_autofree char *aside = NULL;
  g_autofree char *text = NULL;

  if (bar != NULL)
    gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (bar))));

  aside = rd_backup_restore_finish (RD_STORE (source), result, &error);
  if (aside == NULL)
    {
      toast_error (restore->window, _("Could not restore, nothing was changed"), error);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Restored %'u record; the previous data is in %s",
                                       "Restored %'u records; the previous data is in %s",
                                       restore->n_docs),
                          restore->n_docs, aside);
  toast (restore->window, text);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Confirm          *confirm)
{
  RdWindow *self = confirm->window;
  g_autofree char *dir = NULL;
  ProgressState *state;
  Restore *restore;
  GtkWidget *progress_dialog;
  GtkWidget *bar;

  if (g_strcmp0 (response, "restore") != 0 || self->store == NULL)
    return;

  bar = gtk_progress_bar_new ();
  progress_dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restoring…"),
                                            _("The current data is saved aside first."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (progress_dialog), bar);
  gtk_window_present (GTK_WINDOW (progress_dialog));

  state = g_rc_box_new0 (ProgressState);
  g_weak_ref_init (&state->bar, bar);
  restore = g_new0 (Restore, 1);
  restore->window = g_object_ref (self);
  restore->progress = g_rc_box_acquire (state);
  restore->n_docs = confirm->preview->docs->len;

  dir = _rd_window_backup_dir ();
  rd_backup_restore_async (self->store, confirm->preview->docs, dir, on_restore_progress_cb, state,
                           progress_state_release, self->cancellable, on_restored_cb, restore);
}

static void
on_previewed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdBackupPreview) preview = NULL;
  g_autofree char *body = NULL;
  g_autofree char *dir = NULL;
  AdwMessageDialog *dialog;
  Confirm *confirm;

  preview = rd_backup_preview_finish (RD_STORE (source), result, &error);
  if (preview == NULL)
    {
      toast_error (self, _("Could not read the backup"), error);
      return;
    }

  dir = _rd_window_backup_dir ();
  /* Translators: the counts per kind of record, then a folder */
  body = g_strdup_printf (_("%s\n\nThe current data is saved in %s first."), preview->summary, dir);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Restore From Backup?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  confirm = g_new0 (Confirm, 1);
  confirm->window = g_object_ref (self);
  confirm->preview = g_steal_pointer (&preview);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response_cb), confirm,
                         confirm_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_rd_window_restore_file (RdWindow *self,
                         GFile    *file)
{
  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  rd_backup_preview_async (self->store, file, self->cancellable, on_previewed_cb,
                           g_object_ref (self));
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
