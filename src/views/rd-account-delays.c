/* rd-account-delays.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-delays"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-account-delays.h"
#include "rd-delay-row.h"
#include "rd-delay-timeline.h"
#include "rd-format.h"
#include "rd-widget-util.h"

struct _RdAccountDelays
{
  RdAccountPane    parent_instance;

  char            *account_id;     /* NULL: nothing to load */
  GListStore      *delays;         /* of RdDelay, oldest first */

  /* template children */
  GtkListBox      *delays_list;
  RdDelayTimeline *timeline;
};

G_DEFINE_FINAL_TYPE (RdAccountDelays, rd_account_delays, RD_TYPE_ACCOUNT_PANE)

typedef struct
{
  RdAccountDelays *self;
  char            *id;
  char            *title;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->self);
  g_free (data->id);
  g_free (data->title);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return rd_delay_row_new (item);
}

static void
list_delays_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdAccountDelays) self = user_data;
  g_autoptr(GPtrArray) delays = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();

  delays = rd_store_list_delays_finish (RD_STORE (object), result, &error);
  if (delays == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list delays: %s", error->message);
      return;
    }

  for (guint i = 0; i < delays->len; i++)
    {
      RdDelay *delay = g_ptr_array_index (delays, i);

      /* A late answer for another account. */
      if (self->account_id != NULL &&
          g_strcmp0 (rd_delay_get_account_id (delay), self->account_id) == 0)
        g_ptr_array_add (mine, delay);
    }

  /* One splice, one items-changed. */
  g_list_store_splice (self->delays, 0, g_list_model_get_n_items (G_LIST_MODEL (self->delays)),
                       mine->pdata, mine->len);
}

static void
undelete_delay_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RdAccountDelays) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_undelete_delay_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = g_strdup_printf (_("Could not restore the delay: %s"), error->message);

      g_warning ("%s", title);
      rd_widget_show_toast (GTK_WIDGET (self), title);
    }
}

static void
on_delay_undo_clicked_cb (AdwToast        *undo_toast,
                          RdAccountDelays *self)
{
  const char *id = g_object_get_data (G_OBJECT (undo_toast), "rd-delay-id");
  RdStore *store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));

  if (store != NULL && id != NULL)
    rd_store_undelete_delay_async (store, id, rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                                   undelete_delay_cb, g_object_ref (self));
}

static void
delete_delay_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  RdAccountDelays *self = data->self;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  AdwToast *undo;

  if (!rd_store_delete_delay_finish (RD_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *title = g_strdup_printf (_("Could not delete the delay: %s"), error->message);

          g_warning ("%s", title);
          rd_widget_show_toast (GTK_WIDGET (self), title);
        }
      return;
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;
  undo = rd_toast_new (data->title);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (undo), "rd-delay-id", g_strdup (data->id), g_free);
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (on_delay_undo_clicked_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), undo);
}

static void
rd_account_delays_dispose (GObject *object)
{
  RdAccountDelays *self = RD_ACCOUNT_DELAYS (object);

  /* AdwBin owns the template's root child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACCOUNT_DELAYS);
  g_clear_object (&self->delays);
  g_clear_pointer (&self->account_id, g_free);

  G_OBJECT_CLASS (rd_account_delays_parent_class)->dispose (object);
}

static void
rd_account_delays_class_init (RdAccountDelaysClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_account_delays_dispose;

  g_type_ensure (RD_TYPE_DELAY_TIMELINE);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/renewaldesk/RenewalDesk/ui/rd-account-delays.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAccountDelays, delays_list);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDelays, timeline);
}

static void
rd_account_delays_init (RdAccountDelays *self)
{
  self->delays = g_list_store_new (RD_TYPE_DELAY);

  gtk_widget_init_template (GTK_WIDGET (self));

  rd_delay_timeline_set_delays (self->timeline, G_LIST_MODEL (self->delays));
  gtk_list_box_bind_model (self->delays_list, G_LIST_MODEL (self->delays), create_row, NULL, NULL);
}

void
rd_account_delays_set_account (RdAccountDelays *self,
                               RdAccount       *account,
                               gboolean         load)
{
  g_return_if_fail (RD_IS_ACCOUNT_DELAYS (self));
  g_return_if_fail (account == NULL || RD_IS_ACCOUNT (account));

  g_clear_pointer (&self->account_id, g_free);
  if (account != NULL && load)
    self->account_id = g_strdup (rd_account_get_id (account));
  g_list_store_remove_all (self->delays);
  rd_account_delays_update_account (self, account);
  rd_account_delays_reload (self);
}

void
rd_account_delays_update_account (RdAccountDelays *self,
                                  RdAccount       *account)
{
  g_return_if_fail (RD_IS_ACCOUNT_DELAYS (self));

  /* The contract end is the timeline's deadline. */
  rd_delay_timeline_set_account (self->timeline, account);
}

void
rd_account_delays_reload (RdAccountDelays *self)
{
  RdStore *store;

  g_return_if_fail (RD_IS_ACCOUNT_DELAYS (self));

  store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
  if (store == NULL || self->account_id == NULL)
    {
      g_list_store_remove_all (self->delays);
      return;
    }

  rd_store_list_delays_async (store, self->account_id,
                              rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                              list_delays_cb, g_object_ref (self));
}

GListModel *
rd_account_delays_get_delays (RdAccountDelays *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_DELAYS (self), NULL);

  return G_LIST_MODEL (self->delays);
}

RdDelay *
rd_account_delays_find_delay (RdAccountDelays *self,
                              const char      *id)
{
  GListModel *model;

  g_return_val_if_fail (RD_IS_ACCOUNT_DELAYS (self), NULL);

  model = G_LIST_MODEL (self->delays);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RdDelay) delay = g_list_model_get_item (model, i);

      if (g_strcmp0 (rd_delay_get_id (delay), id) == 0)
        return delay;   /* the store keeps it alive */
    }
  return NULL;
}

void
rd_account_delays_delete_delay (RdAccountDelays *self,
                                const char      *id)
{
  RdStore *store;
  RdDelay *delay;
  DeleteData *data;
  g_autofree char *when = NULL;

  g_return_if_fail (RD_IS_ACCOUNT_DELAYS (self));

  store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
  delay = rd_account_delays_find_delay (self, id);
  if (store == NULL || delay == NULL)
    return;

  when = rd_date_format (rd_delay_get_communicated_on (delay));
  data = g_new0 (DeleteData, 1);
  data->self = g_object_ref (self);
  data->id = g_strdup (id);
  /* Translators: "Delay of 3 Nov 2026 deleted" */
  data->title = g_strdup_printf (_("Delay of %s deleted"), when);
  rd_store_delete_delay_async (store, id, rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                               delete_delay_cb, data);
}
