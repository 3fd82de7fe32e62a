/* rd-account-stakeholders.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-stakeholders"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-account-stakeholders.h"
#include "rd-contact-dialog.h"
#include "rd-contact-row.h"
#include "rd-widget-util.h"

struct _RdAccountStakeholders
{
  RdAccountPane  parent_instance;

  char          *account_id;
  GListStore    *contacts;       /* of RdContact */

  /* template children */
  GtkWidget     *contacts_placeholder;
  GtkListBox    *contacts_list;
};

G_DEFINE_FINAL_TYPE (RdAccountStakeholders, rd_account_stakeholders, RD_TYPE_ACCOUNT_PANE)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return rd_contact_row_new (item);
}

static void
list_contacts_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RdAccountStakeholders) self = user_data;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  contacts = rd_store_list_contacts_finish (RD_STORE (object), result, &error);
  if (contacts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list contacts: %s", error->message);
      return;
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      RdContact *contact = g_ptr_array_index (contacts, i);

      /* A late answer for another account. */
      if (self->account_id != NULL &&
          g_strcmp0 (rd_contact_get_account_id (contact), self->account_id) == 0)
        g_ptr_array_add (mine, contact);
    }

  /* One splice, one items-changed. */
  g_list_store_splice (self->contacts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->contacts)),
                       mine->pdata, mine->len);
}

static void
save_contact_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RdAccountStakeholders) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_save_contact_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = g_strdup_printf (_("Could not save the stakeholder: %s"), error->message);

      g_warning ("%s", title);
      rd_widget_show_toast (GTK_WIDGET (self), title);
    }
}

static void
on_contact_dialog_response_cb (RdContactDialog       *dialog,
                               const char            *response,
                               RdAccountStakeholders *self)
{
  RdStore *store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));

  if (g_strcmp0 (response, "save") != 0 || store == NULL)
    return;

  rd_store_save_contact_async (store, rd_contact_dialog_get_contact (dialog),
                               rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                               save_contact_cb, g_object_ref (self));
}

static void
open_contact_dialog (RdAccountStakeholders *self,
                     RdContact             *contact,
                     gboolean               is_new)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RdContactDialog *dialog;

  dialog = rd_contact_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, contact, is_new);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_contact_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Only an empty list has its placeholder: one after the rows would keep
 * the last row from being the list's last child, with a border below it. */
static void
on_items_changed_cb (RdAccountStakeholders *self,
                     guint                  position,
                     guint                  removed,
                     guint                  added,
                     GListModel            *model)
{
  gboolean empty = g_list_model_get_n_items (model) == 0;

  if (empty != (gtk_widget_get_parent (self->contacts_placeholder) != NULL))
    gtk_list_box_set_placeholder (self->contacts_list, empty ? self->contacts_placeholder : NULL);
}

static void
rd_account_stakeholders_dispose (GObject *object)
{
  RdAccountStakeholders *self = RD_ACCOUNT_STAKEHOLDERS (object);

  /* AdwBin owns the template's root child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACCOUNT_STAKEHOLDERS);
  g_clear_object (&self->contacts);
  g_clear_object (&self->contacts_placeholder);
  g_clear_pointer (&self->account_id, g_free);

  G_OBJECT_CLASS (rd_account_stakeholders_parent_class)->dispose (object);
}

static void
rd_account_stakeholders_class_init (RdAccountStakeholdersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_account_stakeholders_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/renewaldesk/RenewalDesk/ui/rd-account-stakeholders.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAccountStakeholders, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, RdAccountStakeholders, contacts_placeholder);
}

static void
rd_account_stakeholders_init (RdAccountStakeholders *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->contacts = g_list_store_new (RD_TYPE_CONTACT);
  /* Owned here too: it leaves the list while there are rows. */
  g_object_ref (self->contacts_placeholder);
  gtk_list_box_bind_model (self->contacts_list, G_LIST_MODEL (self->contacts), create_row, NULL, NULL);
  g_signal_connect_object (self->contacts, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
rd_account_stakeholders_set_account_id (RdAccountStakeholders *self,
                                        const char            *account_id)
{
  g_return_if_fail (RD_IS_ACCOUNT_STAKEHOLDERS (self));

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_list_store_remove_all (self->contacts);
  rd_account_stakeholders_reload (self);
}

void
rd_account_stakeholders_reload (RdAccountStakeholders *self)
{
  RdStore *store;

  g_return_if_fail (RD_IS_ACCOUNT_STAKEHOLDERS (self));

  store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
  if (store == NULL || self->account_id == NULL)
    {
      g_list_store_remove_all (self->contacts);
      return;
    }

  rd_store_list_contacts_async (store, self->account_id,
                                rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                                list_contacts_cb, g_object_ref (self));
}

GListModel *
rd_account_stakeholders_get_contacts (RdAccountStakeholders *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_STAKEHOLDERS (self), NULL);

  return G_LIST_MODEL (self->contacts);
}

void
rd_account_stakeholders_add_contact (RdAccountStakeholders *self)
{
  g_autoptr(RdContact) contact = NULL;

  g_return_if_fail (RD_IS_ACCOUNT_STAKEHOLDERS (self));

  if (self->account_id == NULL)
    return;

  contact = rd_contact_new (self->account_id);
  open_contact_dialog (self, contact, TRUE);
}

void
rd_account_stakeholders_edit_contact (RdAccountStakeholders *self,
                                      const char            *id)
{
  GListModel *model;

  g_return_if_fail (RD_IS_ACCOUNT_STAKEHOLDERS (self));

  model = G_LIST_MODEL (self->contacts);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RdContact) contact = g_list_model_get_item (model, i);

      if (g_strcmp0 (rd_contact_get_id (contact), id) == 0)
        {
          g_autoptr(RdContact) copy = rd_contact_copy (contact);

          open_contact_dialog (self, copy, FALSE);
          return;
        }
    }
}
