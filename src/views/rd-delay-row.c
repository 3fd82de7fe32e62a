/* rd-delay-row.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-delay-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-delay-row.h"
#include "rd-enums.h"
#include "rd-format.h"

struct _RdDelayRow
{
  AdwActionRow  parent_instance;

  RdDelay      *delay;   /* owned */

  /* template children */
  GtkLabel     *class_chip;
  GtkWidget    *delete_button;
};

enum {
  PROP_0,
  PROP_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdDelayRow, rd_delay_row, ADW_TYPE_ACTION_ROW)

static const char * const class_css[] = { "administrative", "decision", "risk" };

/* "Communicated 3 Nov 2026 · Open · Overridden (computed: Decision)" */
static char *
describe (RdDelay *delay)
{
  GString *subtitle = g_string_new (NULL);
  g_autofree char *when = rd_date_format (rd_delay_get_communicated_on (delay));

  /* Translators: when the customer said they need more time */
  g_string_append_printf (subtitle, _("Communicated %s"), when);
  g_string_append (subtitle, " · ");
  if (rd_delay_get_status (delay) == RD_DELAY_STATUS_RESOLVED)
    {
      g_autofree char *resolved = rd_date_format (rd_delay_get_resolved_on (delay));

      g_string_append_printf (subtitle, _("Resolved %s"), resolved);
    }
  else
    g_string_append (subtitle, _("Open"));
  if (rd_delay_get_override (delay) >= 0)
    {
      g_string_append (subtitle, " · ");
      /* Translators: the class was set by hand; the computed one follows */
      g_string_append_printf (subtitle, _("Overridden (computed: %s)"),
                              rd_enum_table_label (&rd_class_table, rd_delay_get_classification (delay)));
    }
  return g_string_free (subtitle, FALSE);
}

static void
update (RdDelayRow *self)
{
  RdDelay *delay = self->delay;
  RdClass klass;
  int cause;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;

  if (delay == NULL)
    return;

  klass = rd_delay_get_effective_class (delay);
  cause = rd_delay_get_cause (delay);
  subtitle = describe (delay);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 cause >= 0 ? rd_enum_table_label (&rd_cause_table, cause)
                                            : _("Cause not assessed yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  if (rd_delay_get_status (delay) == RD_DELAY_STATUS_RESOLVED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "delay-resolved");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "delay-resolved");

  gtk_label_set_text (self->class_chip, rd_enum_table_label (&rd_class_table, klass));
  for (guint i = 0; i < G_N_ELEMENTS (class_css); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->class_chip), class_css[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->class_chip), class_css[klass]);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s", rd_delay_get_id (delay));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s", rd_delay_get_id (delay));

  description = g_strdup_printf ("%s, %s", rd_enum_table_label (&rd_class_table, klass), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static void
rd_delay_row_dispose (GObject *object)
{
  RdDelayRow *self = RD_DELAY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_DELAY_ROW);
  g_clear_object (&self->delay);

  G_OBJECT_CLASS (rd_delay_row_parent_class)->dispose (object);
}

static void
rd_delay_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RdDelayRow *self = RD_DELAY_ROW (object);

  switch (prop_id)
    {
    case PROP_DELAY:
      g_value_set_object (value, self->delay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_delay_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RdDelayRow *self = RD_DELAY_ROW (object);

  switch (prop_id)
    {
    case PROP_DELAY:
      rd_delay_row_set_delay (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_delay_row_class_init (RdDelayRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_delay_row_dispose;
  object_class->get_property = rd_delay_row_get_property;
  object_class->set_property = rd_delay_row_set_property;

  properties[PROP_DELAY] =
    g_param_spec_object ("delay", NULL, NULL, RD_TYPE_DELAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-delay-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RdDelayRow, class_chip);
  gtk_widget_class_bind_template_child (widget_class, RdDelayRow, delete_button);
}

static void
rd_delay_row_init (RdDelayRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_delay_row_new (RdDelay *delay)
{
  g_return_val_if_fail (RD_IS_DELAY (delay), NULL);

  return g_object_new (RD_TYPE_DELAY_ROW, "delay", delay, NULL);
}

RdDelay *
rd_delay_row_get_delay (RdDelayRow *self)
{
  g_return_val_if_fail (RD_IS_DELAY_ROW (self), NULL);

  return self->delay;
}

void
rd_delay_row_set_delay (RdDelayRow *self,
                        RdDelay    *delay)
{
  g_return_if_fail (RD_IS_DELAY_ROW (self));
  g_return_if_fail (delay == NULL || RD_IS_DELAY (delay));

  if (!g_set_object (&self->delay, delay))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}
