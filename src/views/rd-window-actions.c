/* rd-window-actions.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-window"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "rd-delay-editor.h"
#include "rd-format.h"
#include "rd-sample.h"
#include "rd-window-private.h"
#include "rd-window-triage.h"
#include "rd-widget-util.h"

/* Async completions ------------------------------------------------------ */

/* Takes ownership of @title. */
static void
toast_error (RdWindow *self,
             char     *title,
             GError   *error)
{
  g_autofree char *owned = title;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_warning ("%s: %s", owned, error->message);
  _rd_window_add_toast (self, rd_toast_new (owned));
}

static void
fill_sample_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_fill_sample_finish (RD_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->filling_sample = FALSE;
      toast_error (self, g_strdup (_("Could not create the sample portfolio")), error);
      _rd_window_update_view (self);
    }
  /* On success the store's "changed" reloads the portfolio, which ends
   * the progress state once the accounts are in the list. */
}

typedef struct
{
  RdWindow *window;
  char     *id;
  char     *name;
  gboolean  is_contact;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->window);
  g_free (data->id);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  RdWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  RdUndoItem *item;
  AdwToast *toast;
  gboolean ok;

  if (data->is_contact)
    ok = rd_store_delete_contact_finish (RD_STORE (object), result, &error);
  else
    ok = rd_store_delete_account_finish (RD_STORE (object), result, &error);

  if (!ok)
    {
      toast_error (self, g_strdup_printf (_("Could not delete “%s”"), data->name), error);
      return;
    }

  title = g_strdup_printf (_("Deleted “%s”"), data->name);
  toast = rd_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "window.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new ("(bs)", data->is_contact, data->id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  item = g_new0 (RdUndoItem, 1);
  item->is_contact = data->is_contact;
  item->id = g_strdup (data->id);
  g_set_weak_pointer (&item->toast, toast);
  g_queue_push_tail (&self->undo_stack, item);

  _rd_window_add_toast (self, toast);
  _rd_window_actions_update (self);
}

static void
undelete_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (data->is_contact)
    ok = rd_store_undelete_contact_finish (RD_STORE (object), result, &error);
  else
    ok = rd_store_undelete_account_finish (RD_STORE (object), result, &error);

  if (!ok)
    toast_error (data->window, g_strdup (_("Could not restore the deleted item")), error);
}

static void
undo_item (RdWindow   *self,
           RdUndoItem *item)
{
  DeleteData *data = g_new0 (DeleteData, 1);

  data->window = g_object_ref (self);
  data->id = g_strdup (item->id);
  data->is_contact = item->is_contact;

  if (item->toast != NULL)
    adw_toast_dismiss (item->toast);

  if (item->is_contact)
    rd_store_undelete_contact_async (self->store, item->id, self->cancellable, undelete_cb, data);
  else
    rd_store_undelete_account_async (self->store, item->id, self->cancellable, undelete_cb, data);

  _rd_window_undo_item_free (item);
  _rd_window_actions_update (self);
}

static void
get_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) account = NULL;

  account = rd_store_get_account_finish (RD_STORE (object), result, &error);
  if (account == NULL)
    {
      toast_error (self, g_strdup (_("Could not open the account")), error);
      return;
    }

  _rd_window_show_account (self, account, FALSE);
}

typedef struct
{
  RdWindow  *window;
  RdAccount *account;   /* a copy, for the editor */
} LogDelayData;

static void
log_delay_data_free (LogDelayData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->account);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LogDelayData, log_delay_data_free)

static void
list_contacts_for_delay_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(LogDelayData) data = user_data;
  RdWindow *self = data->window;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  RdDelayEditor *editor;

  contacts = rd_store_list_contacts_finish (RD_STORE (object), result, &error);
  if (contacts == NULL)
    {
      toast_error (self, g_strdup (_("Could not open the account")), error);
      return;
    }

  /* The editor is modal: the list cannot open a second one meanwhile. */
  editor = rd_delay_editor_new (GTK_WINDOW (self), self->store, data->account, contacts, NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Actions ---------------------------------------------------------------- */

static char *
guess_currency (void)
{
  const char *code = localeconv ()->int_curr_symbol;
  g_autofree char *stripped = g_strstrip (g_strdup (code ? code : ""));

  if (rd_currency_is_valid (stripped))
    return g_steal_pointer (&stripped);
  return g_strdup ("EUR");
}

static void
new_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(RdAccount) account = rd_account_new ();

  if (rd_account_get_currency (account) == NULL || *rd_account_get_currency (account) == '\0')
    {
      g_autofree char *currency = guess_currency ();
      rd_account_set_currency (account, currency);
    }

  _rd_window_show_account (self, account, TRUE);
}

static void
fill_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  self->filling_sample = TRUE;
  gtk_label_set_text (self->loading_label, _("Creating a sample portfolio…"));
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  _rd_window_actions_update (self);

  rd_store_fill_sample_async (self->store, RD_SAMPLE_DEFAULT_SIZE, RD_SAMPLE_DEFAULT_SEED,
                              self->cancellable, fill_sample_cb, g_object_ref (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  _rd_window_show_portfolio (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_box));
  rd_portfolio_view_focus_search (self->portfolio_view);
}

static void
show_portfolio_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _rd_window_show_portfolio (RD_WINDOW (widget));
}

static void
show_reminders_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _rd_window_show_reminders (RD_WINDOW (widget));
}

static void
new_reminder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdAccount *account = self->showing_account ? rd_account_page_get_account (self->account_page)
                                             : NULL;

  rd_reminders_view_new_reminder (_rd_window_get_reminders_view (self),
                                  account != NULL && !rd_account_page_get_is_new (self->account_page)
                                  ? rd_account_get_id (account) : NULL);
}

static void
export_reminders_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  rd_reminders_view_export (_rd_window_get_reminders_view (RD_WINDOW (widget)));
}

static void
open_account_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  RdAccount *account = rd_portfolio_view_lookup (self->portfolio_view, id);

  if (account != NULL)
    _rd_window_show_account (self, account, FALSE);
  else
    rd_store_get_account_async (self->store, id, self->cancellable, get_account_cb,
                                g_object_ref (self));
}

/* Back from an account to the list: Escape, Alt+←, the Back key and the
 * mouse's back button. */
static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  if (self->showing_account)
    _rd_window_show_portfolio (self);
}

/* Ctrl+L: on an account its page logs the delay; in the list, the
 * selected account's delay editor opens over the list, with the
 * account's stakeholders read first (the editor names who said what). */
static void
log_delay_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdAccount *account;
  LogDelayData *data;

  if (self->showing_account)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->account_page), "account.log-delay", NULL);
      return;
    }

  account = rd_portfolio_view_get_selected (self->portfolio_view);
  if (self->showing_reminders || account == NULL)
    return;

  data = g_new0 (LogDelayData, 1);
  data->window = g_object_ref (self);
  data->account = rd_account_copy (account);
  rd_store_list_contacts_async (self->store, rd_account_get_id (account), self->cancellable,
                                list_contacts_for_delay_cb, data);
}

static void
start_delete (RdWindow   *self,
              gboolean    is_contact,
              const char *id,
              const char *name)
{
  DeleteData *data = g_new0 (DeleteData, 1);

  data->window = g_object_ref (self);
  data->id = g_strdup (id);
  data->name = g_strdup (name ? name : "");
  data->is_contact = is_contact;

  if (is_contact)
    rd_store_delete_contact_async (self->store, id, self->cancellable, delete_cb, data);
  else
    rd_store_delete_account_async (self->store, id, self->cancellable, delete_cb, data);
}

static void
delete_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  RdAccount *shown = self->account_page ? rd_account_page_get_account (self->account_page) : NULL;
  RdAccount *account = rd_portfolio_view_lookup (self->portfolio_view, id);
  const char *name = NULL;

  if (account != NULL)
    name = rd_account_get_name (account);
  else if (shown != NULL && g_strcmp0 (rd_account_get_id (shown), id) == 0)
    name = rd_account_get_name (shown);

  if (self->showing_account && shown != NULL && g_strcmp0 (rd_account_get_id (shown), id) == 0)
    _rd_window_show_portfolio (self);

  start_delete (self, FALSE, id, name);
}

static void
delete_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *id, *name;

  g_variant_get (parameter, "(&s&s)", &id, &name);
  start_delete (RD_WINDOW (widget), TRUE, id, name);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdUndoItem *item = g_queue_pop_tail (&self->undo_stack);

  if (item != NULL)
    undo_item (self, item);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  gboolean is_contact;
  const char *id;

  g_variant_get (parameter, "(b&s)", &is_contact, &id);

  for (GList *l = self->undo_stack.head; l != NULL; l = l->next)
    {
      RdUndoItem *item = l->data;

      if (item->is_contact == is_contact && g_strcmp0 (item->id, id) == 0)
        {
          g_queue_delete_link (&self->undo_stack, l);
          undo_item (self, item);
          return;
        }
    }
}

/* Internal API ----------------------------------------------------------- */

void
_rd_window_actions_update (RdWindow *self)
{
  gboolean ready = self->store != NULL && !self->filling_sample;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "window.new-account", ready);
  gtk_widget_action_set_enabled (widget, "window.fill-sample", ready);
  gtk_widget_action_set_enabled (widget, "window.import-csv", ready);
  gtk_widget_action_set_enabled (widget, "window.back-up", ready);
  gtk_widget_action_set_enabled (widget, "window.restore", ready);
  gtk_widget_action_set_enabled (widget, "window.search",
                                 ready && rd_portfolio_view_get_n_accounts (self->portfolio_view) > 0);
  gtk_widget_action_set_enabled (widget, "window.open-account", ready);
  gtk_widget_action_set_enabled (widget, "window.delete-account", ready);
  gtk_widget_action_set_enabled (widget, "window.delete-contact", ready);
  gtk_widget_action_set_enabled (widget, "window.show-portfolio",
                                 self->showing_account || self->showing_reminders);
  gtk_widget_action_set_enabled (widget, "window.go-back", self->showing_account);
  gtk_widget_action_set_enabled (widget, "window.log-delay", ready && !self->showing_reminders);
  gtk_widget_action_set_enabled (widget, "window.new-reminder", ready);
  gtk_widget_action_set_enabled (widget, "window.export-reminders", ready);
  gtk_widget_action_set_enabled (widget, "window.undo",
                                 ready && !g_queue_is_empty (&self->undo_stack));
  gtk_widget_action_set_enabled (widget, "window.undo-delete", ready);
}

void
_rd_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "window.delete-account", "s", delete_account_action);
  gtk_widget_class_install_action (widget_class, "window.delete-contact", "(ss)", delete_contact_action);
  gtk_widget_class_install_action (widget_class, "window.back-up", NULL, _rd_window_back_up_action);
  gtk_widget_class_install_action (widget_class, "window.export-reminders", NULL, export_reminders_action);
  gtk_widget_class_install_action (widget_class, "window.fill-sample", NULL, fill_sample_action);
  gtk_widget_class_install_action (widget_class, "window.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "window.import-csv", NULL, _rd_window_import_csv_action);
  gtk_widget_class_install_action (widget_class, "window.log-delay", NULL, log_delay_action);
  gtk_widget_class_install_action (widget_class, "window.restore", NULL, _rd_window_restore_action);
  gtk_widget_class_install_action (widget_class, "window.new-account", NULL, new_account_action);
  gtk_widget_class_install_action (widget_class, "window.new-reminder", NULL, new_reminder_action);
  gtk_widget_class_install_action (widget_class, "window.open-account", "s", open_account_action);
  gtk_widget_class_install_action (widget_class, "window.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "window.show-portfolio", NULL, show_portfolio_action);
  gtk_widget_class_install_action (widget_class, "window.show-reminders", NULL, show_reminders_action);
  gtk_widget_class_install_action (widget_class, "window.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "window.undo-delete", "(bs)", undo_delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "window.new-account", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "window.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "window.undo", NULL);
  /* After the page's own Ctrl+L, for when the focus is outside the page
   * or on the list. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "window.log-delay", NULL);
  /* Last, so that a popover, a menu or the search entry closes first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.go-back", NULL);
}

static void
on_back_button_pressed_cb (GtkGestureClick *gesture,
                           int              n_press,
                           double           x,
                           double           y,
                           RdWindow        *self)
{
  if (!self->showing_account)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_activate_action (GTK_WIDGET (self), "window.go-back", NULL);
}

void
_rd_window_actions_init (RdWindow *self)
{
  GtkEventController *controller;
  GtkShortcutTrigger *trigger;

  /* Alt+← and the Back key before the leaflet, which takes them for its
   * own pages even unfolded; with no account shown the action is off and
   * the leaflet still gets them. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                         gtk_keyval_trigger_new (GDK_KEY_Back, 0));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("window.go-back")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* The mouse's back button (8 on X11 and Wayland). */
  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 8);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "pressed", G_CALLBACK (on_back_button_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
