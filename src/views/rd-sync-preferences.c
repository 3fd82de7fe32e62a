/* rd-sync-preferences.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-preferences"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-sync-preferences.h"
#include "rd-widget-util.h"

struct _RdSyncPreferences
{
  AdwPreferencesPage  parent_instance;

  RdSyncService      *service;
  GCancellable       *cancellable;
  gboolean            filling;     /* loading the settings into the rows */
  char               *refused;     /* the lines the refused rows show */
  GPtrArray          *refused_rows; /* AdwActionRow, owned by status_group */

  /* template children */
  GtkListBox         *conflicts_list;
  GtkSpinButton      *interval_spin;
  AdwPasswordEntryRow *password_row;
  AdwActionRow       *secret_row;
  GtkImage           *status_icon;
  AdwPreferencesGroup *status_group;
  AdwActionRow       *status_row;
  GtkButton          *sync_now_button;
  GtkSwitch          *unencrypted_switch;
  AdwEntryRow        *url_row;
  AdwEntryRow        *user_row;
};

G_DEFINE_FINAL_TYPE (RdSyncPreferences, rd_sync_preferences, ADW_TYPE_PREFERENCES_PAGE)

static void load_conflicts (RdSyncPreferences *self);

static void
show_toast (RdSyncPreferences *self,
            const char        *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), rd_toast_new (text));
}

/* Status */

/* A hostile server could refuse thousands; past this many, one row counts the rest. */
#define MAX_REFUSED_ROWS 50

static GtkWidget *
refused_row_new (const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  /* The text comes from the server: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "refused");
  return row;
}

/* One row per record the server holds in a form this version refuses,
 * under the state: which record and why. */
static void
update_refused (RdSyncPreferences *self)
{
  const char *refused = rd_sync_service_get_refused (self->service);
  g_auto(GStrv) lines = NULL;
  guint n_lines;

  if (g_strcmp0 (refused, self->refused) == 0)
    return;
  g_free (self->refused);
  self->refused = g_strdup (refused);

  for (guint i = 0; i < self->refused_rows->len; i++)
    adw_preferences_group_remove (self->status_group, g_ptr_array_index (self->refused_rows, i));
  g_ptr_array_set_size (self->refused_rows, 0);
  if (refused == NULL || *refused == '\0')
    return;

  lines = g_strsplit (refused, "\n", -1);
  n_lines = g_strv_length (lines);
  for (guint i = 0; i < n_lines && i < MAX_REFUSED_ROWS; i++)
    {
      GtkWidget *row = refused_row_new (lines[i]);

      adw_preferences_group_add (self->status_group, row);
      g_ptr_array_add (self->refused_rows, row);
    }
  if (n_lines > MAX_REFUSED_ROWS)
    {
      guint more = n_lines - MAX_REFUSED_ROWS;
      g_autofree char *title =
        /* Translators: shown under the last of the records the server holds in a form this app refuses */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more record refused as invalid",
                                      "and %u more records refused as invalid", more), more);
      GtkWidget *row = refused_row_new (title);

      adw_preferences_group_add (self->status_group, row);
      g_ptr_array_add (self->refused_rows, row);
    }
}

static void
update_status (RdSyncPreferences *self)
{
  RdSyncState state = rd_sync_service_get_state (self->service);
  g_autofree char *description = rd_sync_service_describe (self->service);
  const char *detail = NULL;
  const char *icon = "emblem-synchronizing-symbolic";

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "error");
  switch (state)
    {
    case RD_SYNC_STATE_UP_TO_DATE:
      icon = "object-select-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "success");
      detail = rd_sync_service_get_last_summary (self->service);
      break;
    case RD_SYNC_STATE_OFFLINE:
      icon = "network-offline-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "warning");
      detail = rd_sync_service_get_last_error (self->service);
      break;
    case RD_SYNC_STATE_ERROR:
      icon = "dialog-error-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "error");
      break;
    case RD_SYNC_STATE_DISABLED:
    case RD_SYNC_STATE_IDLE:
    case RD_SYNC_STATE_SYNCING:
    default:
      break;
    }

  gtk_image_set_from_icon_name (self->status_icon, icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), description);
  adw_action_row_set_subtitle (self->status_row, detail != NULL ? detail : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_now_button),
                            state != RD_SYNC_STATE_DISABLED && state != RD_SYNC_STATE_SYNCING);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row),
                          rd_sync_service_get_secret_service_missing (self->service));
  update_refused (self);
}

static void
on_sync_now_cb (RdSyncPreferences *self)
{
  rd_sync_service_sync_now (self->service);
}

/* Settings */

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RdSyncPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean session_only = FALSE;

  if (!rd_sync_service_save_config_finish (RD_SYNC_SERVICE (source), result, &session_only, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
          show_toast (self, error->message);
        }
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  if (session_only)
    show_toast (self, _("No Secret Service is running: the password is kept for this session only"));
  update_status (self);
}

static void
save (RdSyncPreferences *self,
      gboolean           with_password)
{
  RdSyncConfig config = { 0 };
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  const char *password = NULL;

  if (self->filling)
    return;

  config.url = url;
  config.user = user;
  config.interval_minutes = (guint) gtk_spin_button_get_value_as_int (self->interval_spin);
  config.allow_unencrypted = gtk_switch_get_active (self->unencrypted_switch);
  if (with_password)
    {
      password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
      if (*password == '\0')
        password = NULL;
    }

  rd_sync_service_save_config_async (self->service, &config, password, self->cancellable,
                                     on_saved_cb, g_object_ref (self));
  /* The entry keeps no copy once it is handed on. */
  if (password != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

static void
on_apply_cb (RdSyncPreferences *self)
{
  save (self, TRUE);
}

static void
on_option_changed_cb (RdSyncPreferences *self)
{
  save (self, FALSE);
}

static void
on_config_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RdSyncPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSyncConfig) config = NULL;

  config = rd_sync_service_load_config_finish (RD_SYNC_SERVICE (source), result, &error);
  if (config == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the sync settings: %s", error->message);
      self->filling = FALSE;
      return;
    }

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), config->url ? config->url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), config->user ? config->user : "");
  gtk_spin_button_set_value (self->interval_spin, MAX (config->interval_minutes, 1));
  gtk_switch_set_active (self->unencrypted_switch, config->allow_unencrypted);
  self->filling = FALSE;
}

/* Conflicts */

static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup_printf ("“%s”", json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static GtkWidget *
conflict_row (RdSyncConflict *conflict)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));
  GtkWidget *dismiss = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *type = g_strndup (conflict->doc_id, strcspn (conflict->doc_id, ":"));
  g_autofree char *kept = value_text (conflict->kept);
  g_autofree char *lost = value_text (conflict->lost);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (g_str_equal (conflict->field, "_deleted"))
    /* Translators: %s is a kind of record, e.g. "account" */
    title = g_strdup_printf (_("Deletion of a %s"), type);
  else
    /* Translators: “notes” of an account */
    title = g_strdup_printf (_("“%s” of an %s"), conflict->field, type);
  subtitle = g_strdup_printf (conflict->lost_is_local
                              /* Translators: Kept: “A” (other desktop, date) · Yours: “B” (date) */
                              ? _("Kept: %s (another desktop, %s)\nYours, not kept: %s (%s)")
                              : _("Kept: %s (this desktop, %s)\nFrom another desktop, not kept: %s (%s)"),
                              kept, conflict->kept_updated_at ? conflict->kept_updated_at : "?",
                              lost, conflict->lost_updated_at ? conflict->lost_updated_at : "?");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (restore, _("Put the value that was not kept back"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (restore), "sync-prefs.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (restore), "x", conflict->id);
  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dismiss, "flat");
  gtk_widget_set_tooltip_text (dismiss, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dismiss), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Dismiss"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (dismiss), "sync-prefs.dismiss");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (dismiss), "x", conflict->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dismiss);
  return row;
}

static void
on_conflicts_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RdSyncPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  GtkWidget *child;

  conflicts = rd_sync_service_list_conflicts_finish (RD_SYNC_SERVICE (source), result, &error);
  if (conflicts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the sync conflicts: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_list))) != NULL)
    gtk_list_box_remove (self->conflicts_list, child);
  for (guint i = 0; i < conflicts->len; i++)
    gtk_list_box_append (self->conflicts_list, conflict_row (g_ptr_array_index (conflicts, i)));
  if (conflicts->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No conflicts"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->conflicts_list, row);
    }
}

static void
load_conflicts (RdSyncPreferences *self)
{
  rd_sync_service_list_conflicts_async (self->service, self->cancellable, on_conflicts_cb,
                                        g_object_ref (self));
}

static void
on_resolved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdSyncPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_sync_service_resolve_conflict_finish (RD_SYNC_SERVICE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      load_conflicts (self);
    }
  /* Otherwise "conflicts-changed" reloads the list. */
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdSyncPreferences *self = RD_SYNC_PREFERENCES (widget);

  rd_sync_service_resolve_conflict_async (self->service, g_variant_get_int64 (parameter),
                                          g_str_equal (action_name, "sync-prefs.restore"),
                                          self->cancellable, on_resolved_cb, g_object_ref (self));
}

/* GObject */

static void
rd_sync_preferences_dispose (GObject *object)
{
  RdSyncPreferences *self = RD_SYNC_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_pointer (&self->refused_rows, g_ptr_array_unref);
  g_clear_pointer (&self->refused, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_SYNC_PREFERENCES);

  G_OBJECT_CLASS (rd_sync_preferences_parent_class)->dispose (object);
}

static void
rd_sync_preferences_class_init (RdSyncPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_sync_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-sync-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, password_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, secret_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, status_group);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, status_icon);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, status_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, sync_now_button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, unencrypted_switch);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, url_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, user_row);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_now_cb);

  gtk_widget_class_install_action (widget_class, "sync-prefs.restore", "x", resolve_action);
  gtk_widget_class_install_action (widget_class, "sync-prefs.dismiss", "x", resolve_action);
}

static void
rd_sync_preferences_init (RdSyncPreferences *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
  self->cancellable = g_cancellable_new ();
  self->refused_rows = g_ptr_array_new ();
}

GtkWidget *
rd_sync_preferences_new (RdSyncService *service)
{
  RdSyncPreferences *self;

  g_return_val_if_fail (RD_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (RD_TYPE_SYNC_PREFERENCES, NULL);
  self->service = g_object_ref (service);
  g_signal_connect_object (service, "notify", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (service, "conflicts-changed", G_CALLBACK (load_conflicts), self,
                           G_CONNECT_SWAPPED);
  update_status (self);

  self->filling = TRUE;
  rd_sync_service_load_config_async (service, self->cancellable, on_config_loaded_cb,
                                     g_object_ref (self));
  load_conflicts (self);
  return GTK_WIDGET (self);
}
