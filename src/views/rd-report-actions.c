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
#include "rd-report.h"
#include "rd-report-actions.h"
#include "rd-summary.h"
#include "rd-weekly-update-window.h"
#include "rd-window-private.h"
#include "rd-widget-util.h"

static void
toast_error (RdWindow   *self,
             const char *title,
             GError     *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_warning ("%s: %s", title, error->message);
  _rd_window_add_toast (self, rd_toast_new (title));
}

/* What a failed print of the operation's document says. */
static const char *
print_failed_title (RdPrintOperation *operation)
{
  return g_object_get_data (G_OBJECT (operation), "rd-print-failed");
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
  toast_error (self, print_failed_title (RD_PRINT_OPERATION (operation)), error);
}

/* Shows the print dialog for @operation (taken); @failed is the toast of
 * a failure, a static translated string. */
static void
run_print (RdWindow         *self,
           RdPrintOperation *operation,
           const char       *failed)
{
  g_autoptr(RdPrintOperation) owned = operation;
  g_autoptr(GError) error = NULL;

  g_object_set_data (G_OBJECT (owned), "rd-print-failed", (gpointer) failed);
  g_signal_connect_object (owned, "done", G_CALLBACK (on_print_done_cb), self, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (owned), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast_error (self, failed, error);
}

static void
summary_collected_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSummary) summary = rd_summary_collect_finish (RD_STORE (object), result, &error);

  if (summary == NULL)
    toast_error (self, _("Could not print the executive summary"), error);
  else
    run_print (self, rd_print_operation_new (g_steal_pointer (&summary)),
               _("Could not print the executive summary"));
}

static void
brief_collected_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdBrief) brief = rd_brief_collect_finish (RD_STORE (object), result, &error);

  if (brief == NULL)
    toast_error (self, _("Could not print the internal brief"), error);
  else
    run_print (self, rd_print_operation_new_for_brief (g_steal_pointer (&brief)),
               _("Could not print the internal brief"));
}

static void
summary_exported_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_summary_export_pdf_finish (RD_STORE (object), result, &error))
    {
      toast_error (self, _("Could not export the executive summary"), error);
      return;
    }

  _rd_window_add_toast (self, rd_toast_new (_("Executive summary exported")));
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
  const char *id = resolve_account_id (self, param);

  if (self->store == NULL || *id == '\0')
    return;

  rd_summary_collect_async (self->store, id, self->cancellable, summary_collected_cb,
                            g_object_ref (self));
}

static void
print_brief_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RdWindow *self = RD_WINDOW (widget);
  const char *id = resolve_account_id (self, param);

  if (self->store == NULL || *id == '\0')
    return;

  rd_brief_collect_async (self->store, id, self->cancellable, brief_collected_cb,
                          g_object_ref (self));
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
      if (self->store != NULL && account_id != NULL && *account_id != '\0')
        rd_summary_export_pdf_async (self->store, account_id, rd_paper_for_locale (), path,
                                     self->cancellable, summary_exported_cb, g_object_ref (self));
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
    name = rd_report_file_name (rd_account_get_name (rd_account_page_get_account (self->account_page)),
                                _("Executive summary"));
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
  gtk_widget_class_install_action (widget_class, "window.print-brief", "s", print_brief_action);
  gtk_widget_class_install_action (widget_class, "window.weekly-update", NULL, weekly_update_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "window.print-summary", "s", "");
}
