/* rd-history-row.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-history-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-history.h"
#include "rd-history-row.h"

struct _RdHistoryRow
{
  AdwActionRow   parent_instance;

  RdEventRecord *event;   /* owned */
};

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdHistoryRow, rd_history_row, ADW_TYPE_ACTION_ROW)

static char *
format_instant_relative (const char *iso,
                         char      **absolute)
{
  g_autoptr(GDateTime) when = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan span;
  gint64 n;

  if (when == NULL)
    {
      *absolute = NULL;
      return g_strdup ("");
    }

  local = g_date_time_to_local (when);
  *absolute = g_date_time_format (local, "%c");
  span = g_date_time_difference (now, when);

  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (span < G_TIME_SPAN_HOUR)
    {
      n = span / G_TIME_SPAN_MINUTE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", n), (int) n);
    }
  if (span < G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_HOUR;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", n), (int) n);
    }
  n = span / G_TIME_SPAN_DAY;
  if (n == 1)
    return g_strdup (_("Yesterday"));
  if (n < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", n), (int) n);
  return g_date_time_format (local, "%x");
}

static void
update (RdHistoryRow *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *absolute = NULL;

  if (self->event == NULL)
    return;

  summary = rd_history_describe (rd_record_get_document (RD_RECORD (self->event)));
  relative = format_instant_relative (rd_event_record_get_created_at (self->event), &absolute);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), summary != NULL ? summary : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), relative);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), absolute);
}

static void
rd_history_row_dispose (GObject *object)
{
  RdHistoryRow *self = RD_HISTORY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_HISTORY_ROW);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (rd_history_row_parent_class)->dispose (object);
}

static void
rd_history_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdHistoryRow *self = RD_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_history_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdHistoryRow *self = RD_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      rd_history_row_set_event (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_history_row_class_init (RdHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_history_row_dispose;
  object_class->get_property = rd_history_row_get_property;
  object_class->set_property = rd_history_row_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, RD_TYPE_EVENT_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-history-row.ui");
}

static void
rd_history_row_init (RdHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_history_row_new (RdEventRecord *event)
{
  g_return_val_if_fail (RD_IS_EVENT_RECORD (event), NULL);

  return g_object_new (RD_TYPE_HISTORY_ROW, "event", event, NULL);
}

RdEventRecord *
rd_history_row_get_event (RdHistoryRow *self)
{
  g_return_val_if_fail (RD_IS_HISTORY_ROW (self), NULL);

  return self->event;
}

void
rd_history_row_set_event (RdHistoryRow  *self,
                          RdEventRecord *event)
{
  g_return_if_fail (RD_IS_HISTORY_ROW (self));
  g_return_if_fail (event == NULL || RD_IS_EVENT_RECORD (event));

  if (!g_set_object (&self->event, event))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}
