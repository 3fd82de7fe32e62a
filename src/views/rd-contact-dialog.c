/* rd-contact-dialog.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-contact-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-contact-dialog.h"

struct _RdContactDialog
{
  AdwMessageDialog  parent_instance;

  RdContact        *contact;

  /* template children */
  GtkSwitch        *active_switch;
  AdwEntryRow      *email_row;
  GtkLabel         *error_label;
  AdwEntryRow      *name_row;
  AdwEntryRow      *phone_row;
  AdwComboRow      *role_row;
};

G_DEFINE_FINAL_TYPE (RdContactDialog, rd_contact_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
email_is_plausible (const char *email)
{
  const char *at = strchr (email, '@');

  return at != NULL && at != email && strchr (at + 1, '@') == NULL &&
         strchr (at + 1, '.') != NULL && at[1] != '.' &&
         email[strlen (email) - 1] != '.' && strpbrk (email, " \t,;<>") == NULL;
}

static gboolean
phone_is_plausible (const char *phone)
{
  guint digits = 0;

  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr ("+-() ./x", *p) == NULL)
        return FALSE;
    }
  return digits >= 3;
}

static void
set_row_error (GtkWidget *row,
               gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
validate (RdContactDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
  g_autofree char *phone = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->phone_row))));
  gboolean email_ok = *email == '\0' || email_is_plausible (email);
  gboolean phone_ok = *phone == '\0' || phone_is_plausible (phone);
  const char *message = NULL;

  set_row_error (GTK_WIDGET (self->email_row), !email_ok);
  set_row_error (GTK_WIDGET (self->phone_row), !phone_ok);

  if (!email_ok)
    message = _("This does not look like an email address.");
  else if (!phone_ok)
    message = _("A phone number uses digits, spaces and + - ( ).");

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save",
                                           *name != '\0' && email_ok && phone_ok);
}

static void
on_changed_cb (RdContactDialog *self)
{
  validate (self);
}

/* Connected in init, so it runs before any handler the caller connects: by the time
 * the caller hears "save", the contact already holds what the user typed.
 * AdwMessageDialogClass.response is NULL in libadwaita 1.2, so there is no class
 * handler to override or chain up to.
 */
static void
on_response_cb (RdContactDialog *self,
                const char      *response)
{
  g_assert (RD_IS_CONTACT_DIALOG (self));

  if (g_strcmp0 (response, "save") == 0)
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
      g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
      g_autofree char *phone = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->phone_row))));

      rd_contact_set_name (self->contact, name);
      rd_contact_set_email (self->contact, *email ? email : NULL);
      rd_contact_set_phone (self->contact, *phone ? phone : NULL);
      rd_contact_set_role (self->contact, adw_combo_row_get_selected (self->role_row));
      rd_contact_set_active (self->contact, gtk_switch_get_active (self->active_switch));
    }
}

static void
rd_contact_dialog_dispose (GObject *object)
{
  RdContactDialog *self = RD_CONTACT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CONTACT_DIALOG);
  g_clear_object (&self->contact);

  G_OBJECT_CLASS (rd_contact_dialog_parent_class)->dispose (object);
}

static void
rd_contact_dialog_class_init (RdContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_contact_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-contact-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdContactDialog, active_switch);
  gtk_widget_class_bind_template_child (widget_class, RdContactDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, RdContactDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RdContactDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RdContactDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RdContactDialog, role_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
}

static void
rd_contact_dialog_init (RdContactDialog *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (on_response_cb), NULL);

  for (guint i = 0; i < rd_role_table.n_entries; i++)
    gtk_string_list_append (roles, rd_enum_table_label (&rd_role_table, i));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
}

RdContactDialog *
rd_contact_dialog_new (GtkWindow *parent,
                       RdContact *contact,
                       gboolean   is_new)
{
  RdContactDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_CONTACT (contact), NULL);

  self = g_object_new (RD_TYPE_CONTACT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", is_new ? _("Add Stakeholder") : _("Edit Stakeholder"),
                       NULL);
  self->contact = g_object_ref (contact);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         rd_contact_get_name (contact) ? rd_contact_get_name (contact) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                         rd_contact_get_email (contact) ? rd_contact_get_email (contact) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row),
                         rd_contact_get_phone (contact) ? rd_contact_get_phone (contact) : "");
  adw_combo_row_set_selected (self->role_row, rd_contact_get_role (contact));
  gtk_switch_set_active (self->active_switch, is_new || rd_contact_get_active (contact));
  validate (self);

  return self;
}

RdContact *
rd_contact_dialog_get_contact (RdContactDialog *self)
{
  g_return_val_if_fail (RD_IS_CONTACT_DIALOG (self), NULL);

  return self->contact;
}
