/* rd-reminder-preferences.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminder-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-reminder-preferences.h"

struct _RdReminderPreferences
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;

  /* template children */
  GtkSwitch          *background_switch;
  GtkSpinButton      *lead_spin;
  GtkSwitch          *notify_switch;
  GtkSpinButton      *remind_spin;
  AdwComboRow        *weekly_day_row;
  GtkSpinButton      *weekly_spin;
  GtkSwitch          *weekly_switch;
};

G_DEFINE_FINAL_TYPE (RdReminderPreferences, rd_reminder_preferences, ADW_TYPE_PREFERENCES_PAGE)

/* Minutes after midnight shown as "09:00". */
static gboolean
on_time_output_cb (GtkSpinButton *spin,
                   gpointer       user_data)
{
  int minutes = (int) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
on_time_input_cb (GtkSpinButton *spin,
                  double        *new_value,
                  gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  guint h = 0, m = 0;

  if (sscanf (text, "%u:%u", &h, &m) < 1 || h > 23 || m > 59)
    return GTK_INPUT_ERROR;

  *new_value = h * 60 + m;
  return TRUE;
}

static gboolean
day_get_mapping (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_uint (value, (guint) CLAMP (g_variant_get_int32 (variant), 1, 7) - 1);
  return TRUE;
}

static GVariant *
day_set_mapping (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) MIN (g_value_get_uint (value), 6) + 1);
}

static void
rd_reminder_preferences_dispose (GObject *object)
{
  RdReminderPreferences *self = RD_REMINDER_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_REMINDER_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_reminder_preferences_parent_class)->dispose (object);
}

static void
rd_reminder_preferences_class_init (RdReminderPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_reminder_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-reminder-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, RdReminderPreferences, background_switch);
  gtk_widget_class_bind_template_child (widget_class, RdReminderPreferences, lead_spin);
  gtk_widget_class_bind_template_child (widget_class, RdReminderPreferences, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, RdReminderPreferences, remind_spin);
  gtk_widget_class_bind_template_child (widget_class, RdReminderPreferences, weekly_day_row);
  gtk_widget_class_bind_template_child (widget_class, RdReminderPreferences, weekly_spin);
  gtk_widget_class_bind_template_child (widget_class, RdReminderPreferences, weekly_switch);
}

static void
rd_reminder_preferences_init (RdReminderPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->remind_spin, "output", G_CALLBACK (on_time_output_cb), NULL);
  g_signal_connect (self->remind_spin, "input", G_CALLBACK (on_time_input_cb), NULL);
  g_signal_connect (self->weekly_spin, "output", G_CALLBACK (on_time_output_cb), NULL);
  g_signal_connect (self->weekly_spin, "input", G_CALLBACK (on_time_input_cb), NULL);
}

GtkWidget *
rd_reminder_preferences_new (GSettings *settings)
{
  RdReminderPreferences *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RD_TYPE_REMINDER_PREFERENCES, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "notify-reminders", self->notify_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "renewal-lead-days", self->lead_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "remind-minutes", self->remind_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "weekly-update-enabled", self->weekly_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "weekly-update-minutes", self->weekly_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "weekly-update-day", self->weekly_day_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, day_get_mapping, day_set_mapping,
                                NULL, NULL);
  g_settings_bind (settings, "weekly-update-enabled", self->weekly_day_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "weekly-update-enabled", self->weekly_spin, "sensitive",
                   G_SETTINGS_BIND_GET);

  return GTK_WIDGET (self);
}
