/* rd-report-actions.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-print-operation.h"
#include "rd-report-actions.h"
#include "rd-summary.h"
#include "rd-weekly-update-window.h"
#include "rd-window-private.h"

typedef enum
{
  SUMMARY_PRINT,
  SUMMARY_EXPORT,
} SummaryJobKind;

typedef struct
{
  SummaryJobKind  kind;
  char           *account_id;
  char           *path;       /* SUMMARY_EXPORT */
} SummaryJob;

static void
summary_job_free (gpointer data)
{
  SummaryJob *job = data;

  g_free (job->account_id);
  g_free (job->path);
  g_free (job);
}

static void
toast_error (RdWindow   *self,
             const char *title,
             GError     *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_warning ("%s: %s", title, error->message);
  _rd_window_add_toast (self, adw_toast_new (title));
}

/* The sqlite reads (and for an export, the drawing) happen here, on a
 * worker; the window never waits. */
static void
summary_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SummaryJob *job = task_data;
  RdStore *store = g_object_get_data (G_OBJECT (task), "store");
  g_autoptr(RdSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = rd_summary_collect (store, job->account_id, &error);
  if (summary == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->kind == SUMMARY_EXPORT &&
      !rd_summary_write_pdf (summary, rd_paper_for_locale (), job->path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&summary), (GDestroyNotify) rd_summary_free);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  RdWindow                *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  toast_error (self, _("Could not print the executive summary"), error);
}

static void
summary_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RdWindow *self = RD_WINDOW (object);
  SummaryJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  RdSummary *summary;

  summary = g_task_propagate_pointer (G_TASK (result), &error);
  if (summary == NULL)
    {
      toast_error (self, job->kind == SUMMARY_PRINT ? _("Could not print the executive summary")
                                                    : _("Could not export the executive summary"),
                   error);
      return;
    }

  if (job->kind == SUMMARY_EXPORT)
    {
      rd_summary_free (summary);
      _rd_window_add_toast (self, adw_toast_new (_("Executive summary exported")));
      return;
    }

  {
    g_autoptr(RdPrintOperation) operation = rd_print_operation_new (summary);
    GtkPrintOperationResult res;

    g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);
    res = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                   GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                   GTK_WINDOW (self), &error);
    if (res == GTK_PRINT_OPERATION_RESULT_ERROR)
      toast_error (self, _("Could not print the executive summary"), error);
  }
}

static void
run_summary_job (RdWindow       *self,
                 SummaryJobKind  kind,
                 const char     *account_id,
                 const char     *path)
{
  g_autoptr(GTask) task = NULL;
  SummaryJob *job;

  if (self->store == NULL || account_id == NULL || *account_id == '\0')
    return;

  job = g_new0 (SummaryJob, 1);
  job->kind = kind;
  job->account_id = g_strdup (account_id);
  job->path = g_strdup (path);

  /* The window is the source object, kept alive by the task. */
  task = g_task_new (self, self->cancellable, summary_ready_cb, NULL);
  g_task_set_source_tag (task, run_summary_job);
  g_task_set_task_data (task, job, summary_job_free);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, summary_thread);
}

/* "" means the account the window shows. */
static const char *
resolve_account_id (RdWindow *self,
                    GVariant *param)
{
  const char *id = param ? g_variant_get_string (param, NULL) : "";

  if (*id == '\0' && self->showing_account)
    {
      RdAccount *account = rd_account_page_get_account (self->account_page);

      if (account != NULL && !rd_account_page_get_is_new (self->account_page))
        id = rd_account_get_id (account);
    }
  return id;
}

static void
print_summary_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);

  run_summary_job (self, SUMMARY_PRINT, resolve_account_id (self, param), NULL);
}

static void
on_export_response_cb (GtkFileChooserNative *chooser,
                       int                   response,
                       RdWindow             *self)
{
  const char *account_id = g_object_get_data (G_OBJECT (chooser), "account-id");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    {
      if (!g_str_has_suffix (path, ".pdf"))
        {
          g_autofree char *with_suffix = g_strconcat (path, ".pdf", NULL);
          g_free (path);
          path = g_steal_pointer (&with_suffix);
        }
      run_summary_job (self, SUMMARY_EXPORT, account_id, path);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
export_summary_pdf_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);
  const char *id = resolve_account_id (self, param);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (*id == '\0')
    return;

  chooser = gtk_file_chooser_native_new (_("Export Executive Summary"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "account-id", g_strdup (id), g_free);
  if (self->showing_account && rd_account_page_get_account (self->account_page) != NULL)
    /* Translators: the suggested file name; %s is the account name */
    name = g_strdup_printf (_("%s summary.pdf"),
                            rd_account_get_name (rd_account_page_get_account (self->account_page)));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     name ? name : _("Executive summary.pdf"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
weekly_update_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);
  RdWeeklyUpdateWindow *window;

  if (self->store == NULL)
    return;

  window = rd_weekly_update_window_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (window));
}

void
_rd_report_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "window.export-summary-pdf", "s",
                                   export_summary_pdf_action);
  gtk_widget_class_install_action (widget_class, "window.print-summary", "s", print_summary_action);
  gtk_widget_class_install_action (widget_class, "window.weekly-update", NULL, weekly_update_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "window.print-summary", "s", "");
}
