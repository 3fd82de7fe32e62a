/* rd-activity-row.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-activity-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-activity-row.h"
#include "rd-format.h"

struct _RdActivityRow
{
  AdwActionRow      parent_instance;

  RdActivityRecord *activity;
  char             *contact_name;

  /* template children */
  GtkButton        *delete_button;
  GtkButton        *edit_button;
  GtkImage         *kind_image;
};

G_DEFINE_FINAL_TYPE (RdActivityRow, rd_activity_row, ADW_TYPE_ACTION_ROW)

static const char * const kind_icons[] = {
  [RD_ACTIVITY_CALL] = "call-start-symbolic",
  [RD_ACTIVITY_EMAIL] = "mail-unread-symbolic",
  [RD_ACTIVITY_MEETING] = "system-users-symbolic",
  [RD_ACTIVITY_NOTE] = "document-edit-symbolic",
};

/* "3 Dec 2026 · Call with Lena Müller", then what they answered. */
static void
update (RdActivityRow *self)
{
  int kind = rd_activity_record_get_kind (self->activity);
  const char *kind_label = rd_enum_table_label (&rd_activity_kind_table, kind >= 0 ? kind : RD_ACTIVITY_NOTE);
  const char *summary = rd_activity_record_get_summary (self->activity);
  const char *response = rd_activity_record_get_their_response (self->activity);
  g_autofree char *day = rd_date_format (rd_activity_record_get_on (self->activity));
  g_autofree char *what = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  GVariant *target = g_variant_new_string (rd_record_get_doc_id (RD_RECORD (self->activity)));

  if (self->contact_name != NULL)
    /* Translators: an activity with a stakeholder, e.g. "Call with Lena Müller" */
    what = g_strdup_printf (_("%s with %s"), kind_label, self->contact_name);
  else
    what = g_strdup (kind_label);

  if (response != NULL && *response != '\0')
    /* Translators: the day and kind of an activity, then what the customer answered */
    subtitle = g_strdup_printf (_("%s · %s\nThey said: %s"), day, what, response);
  else
    subtitle = g_strdup_printf ("%s · %s", day, what);

  escaped = g_markup_escape_text (summary != NULL && *summary != '\0' ? summary : what, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), escaped);
  g_clear_pointer (&escaped, g_free);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), escaped);

  gtk_image_set_from_icon_name (self->kind_image, kind_icons[kind >= 0 ? kind : RD_ACTIVITY_NOTE]);
  g_variant_ref_sink (target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->edit_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button), target);
  g_variant_unref (target);
}

static void
rd_activity_row_dispose (GObject *object)
{
  RdActivityRow *self = RD_ACTIVITY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACTIVITY_ROW);
  g_clear_object (&self->activity);
  g_clear_pointer (&self->contact_name, g_free);

  G_OBJECT_CLASS (rd_activity_row_parent_class)->dispose (object);
}

static void
rd_activity_row_class_init (RdActivityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_activity_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-activity-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RdActivityRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RdActivityRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RdActivityRow, kind_image);
}

static void
rd_activity_row_init (RdActivityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_activity_row_new (RdActivityRecord *activity,
                     const char       *contact_name)
{
  RdActivityRow *self;

  g_return_val_if_fail (RD_IS_ACTIVITY_RECORD (activity), NULL);

  self = g_object_new (RD_TYPE_ACTIVITY_ROW, NULL);
  self->activity = g_object_ref (activity);
  self->contact_name = g_strdup (contact_name);
  update (self);

  return GTK_WIDGET (self);
}

RdActivityRecord *
rd_activity_row_get_activity (RdActivityRow *self)
{
  g_return_val_if_fail (RD_IS_ACTIVITY_ROW (self), NULL);

  return self->activity;
}
