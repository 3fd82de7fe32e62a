/* rd-activity-log.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-activity-log"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-activity-dialog.h"
#include "rd-activity-log.h"
#include "rd-activity-row.h"
#include "rd-contact.h"
#include "rd-record-store.h"
#include "rd-widget-util.h"

struct _RdActivityLog
{
  RdAccountPane  parent_instance;

  char          *account_id;
  char          *delay_only;     /* show only this delay's entries, or NULL */
  GPtrArray     *contacts;       /* RdContact */
  RdDelay       *open_delay;
  GListStore    *activities;     /* RdActivityRecord, newest first */
  RdActivityDialog *dialog;      /* weak */
  RdActivityRecord *editing;     /* the entry the dialog edits, or NULL */
  guint          generation;     /* of the latest read; older answers are stale */

  /* template children */
  GtkListBox    *list;
};

G_DEFINE_FINAL_TYPE (RdActivityLog, rd_activity_log, RD_TYPE_ACCOUNT_PANE)

static RdStore *
get_store (RdActivityLog *self)
{
  return rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
}

static GCancellable *
get_cancellable (RdActivityLog *self)
{
  return rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self));
}

static const char *
contact_name (RdActivityLog *self,
              const char    *contact_id)
{
  for (guint i = 0; contact_id != NULL && self->contacts != NULL && i < self->contacts->len; i++)
    {
      RdContact *contact = g_ptr_array_index (self->contacts, i);

      if (g_strcmp0 (rd_contact_get_id (contact), contact_id) == 0)
        return rd_contact_get_name (contact);
    }

  return NULL;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RdActivityLog *self = user_data;
  RdActivityRecord *activity = item;

  return rd_activity_row_new (activity,
                              contact_name (self, rd_activity_record_get_contact_id (activity)));
}

static RdActivityRecord *
find (RdActivityLog *self,
      const char    *doc_id,
      guint         *out_position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RdActivityRecord) activity = g_list_model_get_item (G_LIST_MODEL (self->activities), i);

      if (g_strcmp0 (rd_record_get_doc_id (RD_RECORD (activity)), doc_id) == 0)
        {
          if (out_position != NULL)
            *out_position = i;
          return activity;
        }
    }

  return NULL;
}

static void
show (RdActivityLog *self,
      GPtrArray     *activities)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();

  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      RdActivityRecord *activity = g_ptr_array_index (activities, i);

      if (self->delay_only == NULL ||
          g_strcmp0 (rd_activity_record_get_delay_id (activity), self->delay_only) == 0)
        g_ptr_array_add (shown, activity);
    }
  rd_activity_record_sort_newest_first (shown);

  g_list_store_splice (self->activities, 0, g_list_model_get_n_items (G_LIST_MODEL (self->activities)),
                       shown->pdata, shown->len);
}

typedef struct
{
  RdActivityLog *self;
  guint          generation;
} ListRequest;

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ListRequest *request = user_data;
  g_autoptr(RdActivityLog) self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities = rd_records_list_finish (RD_STORE (object), result, &error);
  guint generation = request->generation;

  g_free (request);

  /* A read that began before a later read or a local change is out of date. */
  if (generation != self->generation)
    return;

  if (activities == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rd_widget_show_toast (GTK_WIDGET (self), _("Could not read the activity log"));
      return;
    }

  show (self, activities);
}

/* Saving ----------------------------------------------------------------- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RdActivityLog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_records_save_finish (RD_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      rd_widget_show_toast (GTK_WIDGET (self), _("Could not save the activity"));
    }
  rd_activity_log_reload (self);
}

static void
delay_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdActivityLog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDelay) saved = rd_store_save_delay_finish (RD_STORE (object), result, &error);

  if (saved == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rd_widget_show_toast (GTK_WIDGET (self), _("Could not tick the commitment off"));
}

/* The commitments ticked in the dialog are kept on the entry's day. */
static void
save_kept (RdActivityLog    *self,
           RdActivityDialog *dialog,
           const char       *day)
{
  g_autoptr(RdDelay) delay = NULL;
  gboolean changed = FALSE;

  if (self->open_delay == NULL)
    return;

  delay = rd_delay_copy (self->open_delay);
  for (int c = 0; c < RD_N_COMMITMENTS; c++)
    {
      if (rd_activity_dialog_get_kept (dialog, c))
        {
          rd_delay_set_commitment_kept (delay, c, day);
          rd_delay_set_commitment_kept (self->open_delay, c, day);
          changed = TRUE;
        }
    }

  if (changed)
    rd_store_save_delay_async (get_store (self), delay, get_cancellable (self),
                               delay_saved_cb, g_object_ref (self));
}

static void
on_dialog_response_cb (RdActivityLog    *self,
                       const char       *response,
                       RdActivityDialog *dialog)
{
  g_autoptr(RdActivityRecord) activity = NULL;
  g_autofree char *day = NULL;
  guint position;

  g_assert (RD_IS_ACTIVITY_LOG (self));

  if (!g_str_equal (response, "save") || get_store (self) == NULL || self->account_id == NULL)
    {
      g_clear_object (&self->editing);
      return;
    }

  day = rd_activity_dialog_dup_date (dialog);
  if (self->editing != NULL)
    {
      activity = g_steal_pointer (&self->editing);
      if (find (self, rd_record_get_doc_id (RD_RECORD (activity)), &position) != NULL)
        g_list_store_remove (self->activities, position);
    }
  else
    {
      const char *delay_id = self->delay_only;

      if (delay_id == NULL && self->open_delay != NULL)
        delay_id = rd_delay_get_id (self->open_delay);
      activity = rd_activity_record_new (self->account_id, day, RD_ACTIVITY_CALL);
      rd_activity_record_set_delay_id (activity, delay_id);
    }

  self->generation++;
  rd_activity_dialog_apply (dialog, activity);
  /* Newest first: before the first entry of an earlier or the same day. */
  for (position = 0; position < g_list_model_get_n_items (G_LIST_MODEL (self->activities)); position++)
    {
      g_autoptr(RdActivityRecord) other = g_list_model_get_item (G_LIST_MODEL (self->activities), position);

      if (g_strcmp0 (rd_activity_record_get_on (other), day) <= 0)
        break;
    }
  g_list_store_insert (self->activities, position, activity);

  rd_record_save_async (get_store (self), RD_RECORD (activity), get_cancellable (self),
                        saved_cb, g_object_ref (self));
  save_kept (self, dialog, day);
  /* Logged from the overview, the list may be out of sight: say so. */
  rd_widget_show_toast (GTK_WIDGET (self), _("Activity logged"));
}

static void
open_dialog (RdActivityLog    *self,
             RdActivityRecord *activity)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *today = NULL;
  RdContext *context = rd_account_pane_get_context (RD_ACCOUNT_PANE (self));

  if (self->account_id == NULL || self->dialog != NULL || context == NULL)
    return;

  today = rd_context_dup_today_iso (context);
  g_set_object (&self->editing, activity);
  self->dialog = rd_activity_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         activity, today, self->contacts,
                                         activity == NULL ? self->open_delay : NULL);
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (on_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

/* Deleting, with Undo ---------------------------------------------------- */

static void
undelete_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RdActivityLog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_undelete_document_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rd_widget_show_toast (GTK_WIDGET (self), _("Could not restore the activity"));
  rd_activity_log_reload (self);
}

static void
on_undo_cb (AdwToast      *toast,
            RdActivityLog *self)
{
  const char *doc_id = g_object_get_data (G_OBJECT (toast), "doc-id");

  if (get_store (self) != NULL && doc_id != NULL)
    rd_store_undelete_document_async (get_store (self), doc_id, get_cancellable (self),
                                      undelete_cb, g_object_ref (self));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RdActivityLog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_delete_document_finish (RD_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      rd_widget_show_toast (GTK_WIDGET (self), _("Could not remove the activity"));
    }
  rd_activity_log_reload (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  RdActivityLog *self = RD_ACTIVITY_LOG (widget);
  const char *doc_id = g_variant_get_string (parameter, NULL);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  guint position;

  if (get_store (self) == NULL || find (self, doc_id, &position) == NULL)
    return;

  self->generation++;
  g_list_store_remove (self->activities, position);
  rd_store_delete_document_async (get_store (self), doc_id, get_cancellable (self),
                                  deleted_cb, g_object_ref (self));

  if (overlay != NULL)
    {
      AdwToast *toast = rd_toast_new (_("Activity removed"));

      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "doc-id", g_strdup (doc_id), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_cb), self, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static void
edit_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  RdActivityLog *self = RD_ACTIVITY_LOG (widget);
  RdActivityRecord *activity = find (self, g_variant_get_string (parameter, NULL), NULL);

  if (activity != NULL)
    open_dialog (self, activity);
}

static void
log_action (GtkWidget  *widget,
            const char *name,
            GVariant   *parameter)
{
  open_dialog (RD_ACTIVITY_LOG (widget), NULL);
}

/* GObject ---------------------------------------------------------------- */

static void
rd_activity_log_dispose (GObject *object)
{
  RdActivityLog *self = RD_ACTIVITY_LOG (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACTIVITY_LOG);
  g_clear_object (&self->activities);
  g_clear_object (&self->open_delay);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_activity_log_parent_class)->dispose (object);
}

static void
rd_activity_log_finalize (GObject *object)
{
  RdActivityLog *self = RD_ACTIVITY_LOG (object);

  g_free (self->account_id);
  g_free (self->delay_only);

  G_OBJECT_CLASS (rd_activity_log_parent_class)->finalize (object);
}

static void
rd_activity_log_class_init (RdActivityLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_activity_log_dispose;
  object_class->finalize = rd_activity_log_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-activity-log.ui");
  gtk_widget_class_bind_template_child (widget_class, RdActivityLog, list);

  gtk_widget_class_install_action (widget_class, "activity.log", NULL, log_action);
  gtk_widget_class_install_action (widget_class, "activity.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "activity.delete", "s", delete_action);
}

static void
rd_activity_log_init (RdActivityLog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->activities = g_list_store_new (RD_TYPE_ACTIVITY_RECORD);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->activities), create_row, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activity.log", FALSE);
}

/* Public API ------------------------------------------------------------- */

void
rd_activity_log_set_account (RdActivityLog *self,
                             const char    *account_id)
{
  g_return_if_fail (RD_IS_ACTIVITY_LOG (self));

  if (g_strcmp0 (self->account_id, account_id) != 0)
    {
      g_free (self->account_id);
      self->account_id = g_strdup (account_id);
      g_list_store_remove_all (self->activities);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activity.log", account_id != NULL);
  rd_activity_log_reload (self);
}

void
rd_activity_log_set_contacts (RdActivityLog *self,
                              GPtrArray     *contacts)
{
  g_return_if_fail (RD_IS_ACTIVITY_LOG (self));

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    g_ptr_array_add (self->contacts, g_object_ref (g_ptr_array_index (contacts, i)));

  /* Binding again makes the rows anew, with the names. */
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->activities), create_row, self, NULL);
}

void
rd_activity_log_set_open_delay (RdActivityLog *self,
                                RdDelay       *delay)
{
  g_return_if_fail (RD_IS_ACTIVITY_LOG (self));

  g_clear_object (&self->open_delay);
  if (delay != NULL)
    self->open_delay = rd_delay_copy (delay);
}

void
rd_activity_log_set_delay_only (RdActivityLog *self,
                                const char    *delay_id)
{
  g_return_if_fail (RD_IS_ACTIVITY_LOG (self));

  g_free (self->delay_only);
  self->delay_only = g_strdup (delay_id);
  rd_activity_log_reload (self);
}

void
rd_activity_log_reload (RdActivityLog *self)
{
  ListRequest *request;

  g_return_if_fail (RD_IS_ACTIVITY_LOG (self));

  if (get_store (self) == NULL || self->account_id == NULL)
    return;

  request = g_new0 (ListRequest, 1);
  request->self = g_object_ref (self);
  request->generation = ++self->generation;
  rd_records_list_async (get_store (self), RD_TYPE_ACTIVITY_RECORD, self->account_id,
                         get_cancellable (self), list_cb, request);
}

GListModel *
rd_activity_log_get_model (RdActivityLog *self)
{
  g_return_val_if_fail (RD_IS_ACTIVITY_LOG (self), NULL);

  return G_LIST_MODEL (self->activities);
}

void
rd_activity_log_start (RdActivityLog *self)
{
  g_return_if_fail (RD_IS_ACTIVITY_LOG (self));

  open_dialog (self, NULL);
}
