/* rd-sync-indicator.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-sync-indicator.h"

struct _RdSyncIndicator
{
  GtkWidget       parent_instance;

  RdSyncService  *service;
  guint           pulse_id;

  /* template children */
  GtkMenuButton  *button;
  GtkImage       *icon;
  GtkStack       *icon_stack;
  GtkProgressBar *progress_bar;
  GtkLabel       *reason_label;
  GtkButton      *retry_button;
  GtkSpinner     *spinner;
  GtkLabel       *title_label;
};

G_DEFINE_FINAL_TYPE (RdSyncIndicator, rd_sync_indicator, GTK_TYPE_WIDGET)

static gboolean
on_pulse_cb (gpointer user_data)
{
  RdSyncIndicator *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

void
_rd_sync_indicator_show (RdSyncIndicator *self,
                         RdSyncState      state,
                         double           progress,
                         const char      *description,
                         const char      *reason)
{
  const char *icon_name = "emblem-synchronizing-symbolic";
  const char *retry = NULL;
  gboolean syncing = state == RD_SYNC_STATE_SYNCING;
  g_autofree char *tooltip = NULL;

  g_return_if_fail (RD_IS_SYNC_INDICATOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self), state != RD_SYNC_STATE_DISABLED);

  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "success");
  switch (state)
    {
    case RD_SYNC_STATE_UP_TO_DATE:
      icon_name = "object-select-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), "success");
      retry = _("_Sync Now");
      break;
    case RD_SYNC_STATE_OFFLINE:
      icon_name = "network-offline-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), "warning");
      retry = _("_Retry Now");
      break;
    case RD_SYNC_STATE_ERROR:
      icon_name = "dialog-error-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), "error");
      retry = _("_Retry");
      break;
    case RD_SYNC_STATE_IDLE:
      retry = _("_Sync Now");
      break;
    case RD_SYNC_STATE_SYNCING:
    case RD_SYNC_STATE_DISABLED:
    default:
      break;
    }

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_stack_set_visible_child_name (self->icon_stack, syncing ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->spinner, syncing);

  /* The error itself is the reason below: the heading just names the state. */
  gtk_label_set_label (self->title_label,
                       state == RD_SYNC_STATE_ERROR ? _("Sync stopped") : description);
  if (state == RD_SYNC_STATE_ERROR && (reason == NULL || *reason == '\0'))
    reason = description;
  gtk_label_set_label (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL && *reason != '\0');

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), syncing);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (syncing && progress < 0.0)
    self->pulse_id = g_timeout_add (150, on_pulse_cb, self);
  else if (syncing)
    gtk_progress_bar_set_fraction (self->progress_bar, progress);

  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), retry != NULL);
  if (retry != NULL)
    gtk_button_set_label (self->retry_button, retry);
  if (state == RD_SYNC_STATE_ERROR || state == RD_SYNC_STATE_OFFLINE)
    gtk_widget_add_css_class (GTK_WIDGET (self->retry_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->retry_button), "suggested-action");

  /* The tooltip says it in words: never colour or an icon alone. */
  if (reason != NULL && *reason != '\0' && state == RD_SYNC_STATE_ERROR)
    tooltip = g_strdup (description);
  else if (reason != NULL && *reason != '\0' && state == RD_SYNC_STATE_OFFLINE)
    tooltip = g_strdup_printf ("%s\n%s", description, reason);
  else
    tooltip = g_strdup (description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
update (RdSyncIndicator *self)
{
  g_autofree char *description = NULL;
  RdSyncState state;
  const char *reason = NULL;

  if (self->service == NULL)
    {
      _rd_sync_indicator_show (self, RD_SYNC_STATE_DISABLED, 0.0, "", NULL);
      return;
    }

  state = rd_sync_service_get_state (self->service);
  description = rd_sync_service_describe (self->service);
  if (state == RD_SYNC_STATE_OFFLINE || state == RD_SYNC_STATE_ERROR)
    reason = rd_sync_service_get_last_error (self->service);
  else if (state == RD_SYNC_STATE_UP_TO_DATE)
    reason = rd_sync_service_get_last_summary (self->service);
  _rd_sync_indicator_show (self, state, rd_sync_service_get_progress (self->service),
                           description, reason);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RdSyncIndicator *self = RD_SYNC_INDICATOR (widget);

  gtk_menu_button_popdown (self->button);
  if (self->service != NULL)
    rd_sync_service_sync_now (self->service);
}

void
rd_sync_indicator_set_service (RdSyncIndicator *self,
                               RdSyncService   *service)
{
  g_return_if_fail (RD_IS_SYNC_INDICATOR (self));
  g_return_if_fail (service == NULL || RD_IS_SYNC_SERVICE (service));

  if (self->service == service)
    return;
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->service, service);
  if (service != NULL)
    {
      g_signal_connect_object (service, "notify::state", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (service, "notify::progress", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (service, "notify::last-error", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (service, "notify::next-retry", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
    }
  update (self);
}

static void
rd_sync_indicator_dispose (GObject *object)
{
  RdSyncIndicator *self = RD_SYNC_INDICATOR (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (rd_sync_indicator_parent_class)->dispose (object);
}

static void
rd_sync_indicator_class_init (RdSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_sync_indicator_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, reason_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, retry_button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, title_label);

  gtk_widget_class_install_action (widget_class, "sync-indicator.retry", NULL, retry_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_sync_indicator_init (RdSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
rd_sync_indicator_new (void)
{
  return g_object_new (RD_TYPE_SYNC_INDICATOR, NULL);
}
