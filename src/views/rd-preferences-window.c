/* rd-preferences-window.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-money-preferences.h"
#include "rd-preferences-window.h"
#include "rd-reminder-preferences.h"
#include "rd-sync-preferences.h"
#include "rd-widget-util.h"

struct _RdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  RdContext            *context;
  GSettings            *settings;    /* the context's */

  /* template children */
  AdwEntryRow          *company_row;
  GtkSpinButton        *early_days_spin;
  GtkSpinButton        *early_percent_spin;
  GtkSpinButton        *fold_days_spin;
  GtkSpinButton        *grace_spin;
  AdwEntryRow          *lever_add_row;
  GtkListBox           *levers_list;
  GtkSpinButton        *premium_spin;
  GtkSpinButton        *reduction_spin;
  GtkSpinButton        *reengage_spin;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_levers (RdPreferencesWindow *self)
{
  g_auto(GStrv) levers = g_settings_get_strv (self->settings, "negotiation-levers");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->levers_list))) != NULL &&
         child != GTK_WIDGET (self->lever_add_row))
    gtk_list_box_remove (self->levers_list, child);

  for (guint i = 0; levers[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), levers[i]);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Lever"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "prefs.remove-lever");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_insert (self->levers_list, row, i);
    }
}

static void
remove_lever_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (widget);
  g_auto(GStrv) levers = g_settings_get_strv (self->settings, "negotiation-levers");
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  g_autofree char *removed = NULL;
  AdwToast *toast;

  for (guint i = 0; levers[i] != NULL; i++)
    if (i != index)
      g_strv_builder_add (builder, levers[i]);
    else
      removed = g_strdup (levers[i]);
  if (removed == NULL)
    return;

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "negotiation-levers", (const char * const *) updated);

  /* Translators: a toast after removing a negotiation lever */
  toast = rd_toast_new (_("Lever removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "prefs.restore-levers");
  adw_toast_set_action_target_value (toast, g_variant_new_strv ((const char * const *) levers, -1));
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
restore_levers_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (widget);
  g_autofree const char **levers = g_variant_get_strv (parameter, NULL);

  g_settings_set_strv (self->settings, "negotiation-levers", levers);
}

static void
on_lever_apply_cb (RdPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->lever_add_row))));
  g_auto(GStrv) levers = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;

  if (*text == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->lever_add_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->lever_add_row), "error");

  levers = g_settings_get_strv (self->settings, "negotiation-levers");
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) levers);
  g_strv_builder_add (builder, text);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "negotiation-levers", (const char * const *) updated);
  gtk_editable_set_text (GTK_EDITABLE (self->lever_add_row), "");
}

static void
on_levers_changed_cb (RdPreferencesWindow *self)
{
  show_levers (self);
}

static void
rd_preferences_window_constructed (GObject *object)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);
  RdSyncService *service;
  AdwPreferencesPage *page;
  GtkWidget *stack;
  struct { GtkSpinButton *spin; const char *key; } binds[] = {
    { self->premium_spin, "bridge-premium-percent" },
    { self->reduction_spin, "pilot-reduction-percent" },
    { self->grace_spin, "grace-days" },
    { self->early_days_spin, "early-renewal-days" },
    { self->early_percent_spin, "early-renewal-percent" },
    { self->reengage_spin, "reengage-days" },
    { self->fold_days_spin, "fold-no-response-days" },
  };

  G_OBJECT_CLASS (rd_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (RD_IS_CONTEXT (self->context));

  g_set_object (&self->settings, rd_context_get_settings (self->context));
  if (self->settings != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (binds); i++)
        g_settings_bind (self->settings, binds[i].key, binds[i].spin, "value",
                         G_SETTINGS_BIND_DEFAULT);

      g_settings_bind (self->settings, "company-name", self->company_row, "text",
                       G_SETTINGS_BIND_DEFAULT);

      g_signal_connect_object (self->settings, "changed::negotiation-levers",
                               G_CALLBACK (on_levers_changed_cb), self, G_CONNECT_SWAPPED);
      show_levers (self);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (rd_reminder_preferences_new (self->settings)));
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (rd_money_preferences_new (self->context)));
    }

  /* Sync settings belong to the database the window has open. */
  service = rd_context_get_sync_service (self->context);
  if (service != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (rd_sync_preferences_new (service)));

  /* The pages' stack is homogeneous: it would lay out the text of all five
   * pages as the window opens and on every resize.  The window has its own
   * size, so measure the page shown only. */
  page = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (self));
  stack = page != NULL ? gtk_widget_get_parent (GTK_WIDGET (page)) : NULL;
  if (ADW_IS_VIEW_STACK (stack))
    {
      adw_view_stack_set_hhomogeneous (ADW_VIEW_STACK (stack), FALSE);
      adw_view_stack_set_vhomogeneous (ADW_VIEW_STACK (stack), FALSE);
    }
}

static void
rd_preferences_window_dispose (GObject *object)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_preferences_window_parent_class)->dispose (object);
}

static void
rd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_preferences_window_class_init (RdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_preferences_window_constructed;
  object_class->dispose = rd_preferences_window_dispose;
  object_class->get_property = rd_preferences_window_get_property;
  object_class->set_property = rd_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, company_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, early_days_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, early_percent_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, fold_days_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, grace_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, lever_add_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, levers_list);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, premium_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, reduction_spin);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, reengage_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_lever_apply_cb);

  gtk_widget_class_install_action (widget_class, "prefs.remove-lever", "u", remove_lever_action);
  gtk_widget_class_install_action (widget_class, "prefs.restore-levers", "as", restore_levers_action);
}

static void
rd_preferences_window_init (RdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RdPreferencesWindow *
rd_preferences_window_new (GtkWindow *parent,
                           RdContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  return g_object_new (RD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "context", context,
                       NULL);
}
