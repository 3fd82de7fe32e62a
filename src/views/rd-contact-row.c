/* rd-contact-row.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-contact-row"

#include "config.h"

#include "rd-contact-row.h"
#include "rd-enums.h"

struct _RdContactRow
{
  AdwActionRow  parent_instance;

  RdContact    *contact;   /* owned */

  /* template children */
  GtkWidget    *delete_button;
  GtkWidget    *edit_button;
  GtkWidget    *left_label;
};

enum {
  PROP_0,
  PROP_CONTACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdContactRow, rd_contact_row, ADW_TYPE_ACTION_ROW)

static const char *
empty_if_null (const char *s)
{
  return s != NULL ? s : "";
}

/* "Champion · ana@example.com · +36 1 234 5678" */
static char *
describe (RdContact *contact)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *role = rd_enum_table_label (&rd_role_table, rd_contact_get_role (contact));
  const char *email = rd_contact_get_email (contact);
  const char *phone = rd_contact_get_phone (contact);

  if (role != NULL)
    g_ptr_array_add (parts, (gpointer) role);
  if (email != NULL && *email)
    g_ptr_array_add (parts, (gpointer) email);
  if (phone != NULL && *phone)
    g_ptr_array_add (parts, (gpointer) phone);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update (RdContactRow *self)
{
  g_autofree char *subtitle = NULL;
  gboolean left;
  GVariant *target;

  if (self->contact == NULL)
    return;

  subtitle = describe (self->contact);
  left = !rd_contact_get_active (self->contact);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 empty_if_null (rd_contact_get_name (self->contact)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_widget_set_visible (self->left_label, left);
  if (left)
    gtk_widget_add_css_class (GTK_WIDGET (self), "contact-left");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "contact-left");

  /* The row and its pencil edit the contact, the bin removes it. */
  target = g_variant_ref_sink (g_variant_new_string (rd_contact_get_id (self->contact)));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->edit_button), target);
  g_variant_unref (target);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "(ss)",
                                    rd_contact_get_id (self->contact),
                                    empty_if_null (rd_contact_get_name (self->contact)));
}

static void
rd_contact_row_dispose (GObject *object)
{
  RdContactRow *self = RD_CONTACT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CONTACT_ROW);
  g_clear_object (&self->contact);

  G_OBJECT_CLASS (rd_contact_row_parent_class)->dispose (object);
}

static void
rd_contact_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdContactRow *self = RD_CONTACT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_contact_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdContactRow *self = RD_CONTACT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      rd_contact_row_set_contact (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_contact_row_class_init (RdContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_contact_row_dispose;
  object_class->get_property = rd_contact_row_get_property;
  object_class->set_property = rd_contact_row_set_property;

  properties[PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL, RD_TYPE_CONTACT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-contact-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RdContactRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RdContactRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RdContactRow, left_label);
}

static void
rd_contact_row_init (RdContactRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_contact_row_new (RdContact *contact)
{
  g_return_val_if_fail (RD_IS_CONTACT (contact), NULL);

  return g_object_new (RD_TYPE_CONTACT_ROW, "contact", contact, NULL);
}

RdContact *
rd_contact_row_get_contact (RdContactRow *self)
{
  g_return_val_if_fail (RD_IS_CONTACT_ROW (self), NULL);

  return self->contact;
}

void
rd_contact_row_set_contact (RdContactRow *self,
                            RdContact    *contact)
{
  g_return_if_fail (RD_IS_CONTACT_ROW (self));
  g_return_if_fail (contact == NULL || RD_IS_CONTACT (contact));

  if (!g_set_object (&self->contact, contact))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}
