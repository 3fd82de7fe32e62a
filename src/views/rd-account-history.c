/* rd-account-history.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-history"

#include "config.h"

#include "rd-account-history.h"
#include "rd-activity-log.h"
#include "rd-event-record.h"
#include "rd-history-row.h"

/* The newest changes the section lists. */
#define MAX_HISTORY_ROWS 50

struct _RdAccountHistory
{
  RdAccountPane  parent_instance;

  char          *account_id;
  GListStore    *events;         /* of RdEventRecord, newest first */

  /* template children */
  RdActivityLog *activity_log;
  GtkWidget     *history_placeholder;
  GtkListBox    *history_list;
};

G_DEFINE_FINAL_TYPE (RdAccountHistory, rd_account_history, RD_TYPE_ACCOUNT_PANE)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return rd_history_row_new (item);
}

static void
list_events_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdAccountHistory) self = user_data;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  docs = rd_store_list_events_finish (RD_STORE (object), result, &error);
  if (docs != NULL)
    events = rd_records_new_from_documents (docs, &error);
  if (events == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list events: %s", error->message);
      return;
    }

  for (guint i = 0; i < events->len && i < MAX_HISTORY_ROWS; i++)
    {
      RdEventRecord *event = g_ptr_array_index (events, i);
      const char *account_id = rd_event_record_get_account_id (event);

      /* A late answer for another account. */
      if (account_id != NULL && self->account_id != NULL &&
          g_strcmp0 (account_id, self->account_id) != 0)
        continue;
      g_ptr_array_add (mine, event);
    }

  /* One splice, one items-changed. */
  g_list_store_splice (self->events, 0, g_list_model_get_n_items (G_LIST_MODEL (self->events)),
                       mine->pdata, mine->len);
}

/* Only an empty list has its placeholder: one after the rows would keep
 * the last row from being the list's last child, with a border below it. */
static void
on_items_changed_cb (RdAccountHistory *self,
                     guint             position,
                     guint             removed,
                     guint             added,
                     GListModel       *model)
{
  gboolean empty = g_list_model_get_n_items (model) == 0;

  if (empty != (gtk_widget_get_parent (self->history_placeholder) != NULL))
    gtk_list_box_set_placeholder (self->history_list, empty ? self->history_placeholder : NULL);
}

static void
rd_account_history_dispose (GObject *object)
{
  RdAccountHistory *self = RD_ACCOUNT_HISTORY (object);

  /* AdwBin owns the template's root child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACCOUNT_HISTORY);
  g_clear_object (&self->events);
  g_clear_object (&self->history_placeholder);
  g_clear_pointer (&self->account_id, g_free);

  G_OBJECT_CLASS (rd_account_history_parent_class)->dispose (object);
}

static void
rd_account_history_class_init (RdAccountHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_account_history_dispose;

  g_type_ensure (RD_TYPE_ACTIVITY_LOG);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/renewaldesk/RenewalDesk/ui/rd-account-history.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAccountHistory, activity_log);
  gtk_widget_class_bind_template_child (widget_class, RdAccountHistory, history_list);
  gtk_widget_class_bind_template_child (widget_class, RdAccountHistory, history_placeholder);
}

static void
rd_account_history_init (RdAccountHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->events = g_list_store_new (RD_TYPE_EVENT_RECORD);
  /* Owned here too: it leaves the list while there are rows. */
  g_object_ref (self->history_placeholder);
  gtk_list_box_bind_model (self->history_list, G_LIST_MODEL (self->events), create_row, NULL, NULL);
  g_signal_connect_object (self->events, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
rd_account_history_set_account_id (RdAccountHistory *self,
                                   const char       *account_id)
{
  g_return_if_fail (RD_IS_ACCOUNT_HISTORY (self));

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_list_store_remove_all (self->events);
  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->activity_log),
                               rd_account_pane_get_context (RD_ACCOUNT_PANE (self)));
  rd_activity_log_set_account (self->activity_log, account_id);
  rd_account_history_reload (self);
}

RdActivityLog *
rd_account_history_get_activity_log (RdAccountHistory *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_HISTORY (self), NULL);

  return self->activity_log;
}

void
rd_account_history_reload (RdAccountHistory *self)
{
  RdStore *store;

  g_return_if_fail (RD_IS_ACCOUNT_HISTORY (self));

  store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
  if (store == NULL || self->account_id == NULL)
    {
      g_list_store_remove_all (self->events);
      return;
    }

  rd_store_list_events_async (store, self->account_id,
                              rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                              list_events_cb, g_object_ref (self));
}
