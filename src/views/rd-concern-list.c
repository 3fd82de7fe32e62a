/* rd-concern-list.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-concern-list"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-concern-list.h"
#include "rd-concern-record.h"
#include "rd-record-store.h"
#include "rd-widget-util.h"

struct _RdConcernList
{
  RdAccountPane parent_instance;

  char         *account_id;
  GPtrArray    *concerns;   /* RdConcernRecord, by priority */

  /* template children */
  AdwEntryRow  *add_row;
  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (RdConcernList, rd_concern_list, RD_TYPE_ACCOUNT_PANE)

static RdStore *
get_store (RdConcernList *self)
{
  return rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  gint64 pa = rd_concern_record_get_priority (*(RdConcernRecord **) a);
  gint64 pb = rd_concern_record_get_priority (*(RdConcernRecord **) b);

  return pa < pb ? -1 : pa > pb;
}

static GtkWidget *
suffix_button (const char *icon,
               const char *tooltip,
               const char *action,
               const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

static GtkWidget *
suffix_toggle (const char *label,
               gboolean    active,
               const char *action,
               const char *id)
{
  GtkWidget *toggle = gtk_check_button_new_with_label (label);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), active);
  rd_check_button_set_action (toggle, action, id);
  return toggle;
}

static void
show_concerns (RdConcernList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    {
      if (child == GTK_WIDGET (self->add_row))
        break;
      gtk_list_box_remove (self->list, child);
    }

  for (guint i = 0; self->concerns != NULL && i < self->concerns->len; i++)
    {
      RdConcernRecord *concern = g_ptr_array_index (self->concerns, i);
      const char *id = rd_record_get_doc_id (RD_RECORD (concern));
      const char *title = rd_concern_record_get_title (concern);
      gboolean must_fix = rd_concern_record_get_must_fix (concern);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *up, *down;
      g_autofree char *prefix = g_strdup_printf ("%u", i + 1);
      GtkWidget *number = gtk_label_new (prefix);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), must_fix ? _("Must fix") : _("Nice to fix"));
      gtk_widget_add_css_class (number, "dim-label");
      gtk_widget_add_css_class (number, "numeric");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), number);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 suffix_toggle (_("Must fix"), must_fix, "concerns.toggle-must-fix", id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 suffix_toggle (_("Changes the decision"),
                                                rd_concern_record_get_changes_decision (concern),
                                                "concerns.toggle-changes-decision", id));
      up = suffix_button ("go-up-symbolic", _("Move Up"), "concerns.move-up", id);
      down = suffix_button ("go-down-symbolic", _("Move Down"), "concerns.move-down", id);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < self->concerns->len);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 suffix_button ("user-trash-symbolic", _("Remove Concern"), "concerns.delete", id));
      gtk_list_box_insert (self->list, row, i);
    }
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RdConcernList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) concerns = rd_records_list_finish (RD_STORE (object), result, &error);

  if (concerns == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load concerns: %s", error->message);
      return;
    }
  g_ptr_array_sort (concerns, compare_priority);
  g_clear_pointer (&self->concerns, g_ptr_array_unref);
  self->concerns = g_steal_pointer (&concerns);
  show_concerns (self);
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(RdConcernList) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_records_save_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("Could not save concerns: %s", error->message);
      rd_concern_list_reload (self);
    }
}

static void
save (RdConcernList *self,
      GPtrArray     *concerns)
{
  if (get_store (self) != NULL && concerns->len > 0)
    rd_records_save_async (get_store (self), concerns,
                           rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                           put_cb, g_object_ref (self));
}

static int
index_of (RdConcernList *self,
          const char    *id)
{
  for (guint i = 0; self->concerns != NULL && i < self->concerns->len; i++)
    if (g_strcmp0 (rd_record_get_doc_id (g_ptr_array_index (self->concerns, i)), id) == 0)
      return i;
  return -1;
}

/* Rewrites priorities 1…n in the current order, in one transaction. */
static void
renumber (RdConcernList *self)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();

  for (guint i = 0; i < self->concerns->len; i++)
    {
      RdConcernRecord *concern = g_ptr_array_index (self->concerns, i);

      if (rd_concern_record_get_priority (concern) != i + 1)
        {
          rd_concern_record_set_priority (concern, i + 1);
          g_ptr_array_add (changed, concern);
        }
    }
  show_concerns (self);
  save (self, changed);
}

static void
move (RdConcernList *self,
      const char    *id,
      int            delta)
{
  int i = index_of (self, id);
  int j = i + delta;
  gpointer tmp;

  if (i < 0 || j < 0 || j >= (int) self->concerns->len)
    return;

  tmp = self->concerns->pdata[i];
  self->concerns->pdata[i] = self->concerns->pdata[j];
  self->concerns->pdata[j] = tmp;
  renumber (self);
}

static void
move_up_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  move (RD_CONCERN_LIST (widget), g_variant_get_string (parameter, NULL), -1);
}

static void
move_down_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  move (RD_CONCERN_LIST (widget), g_variant_get_string (parameter, NULL), +1);
}

/* Flips must-fix (@must_fix) or changes-the-decision. */
static void
toggle (RdConcernList *self,
        const char    *id,
        gboolean       must_fix)
{
  int i = index_of (self, id);
  RdConcernRecord *concern;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();

  if (i < 0)
    return;
  concern = g_ptr_array_index (self->concerns, i);
  if (must_fix)
    rd_concern_record_set_must_fix (concern, !rd_concern_record_get_must_fix (concern));
  else
    rd_concern_record_set_changes_decision (concern,
                                            !rd_concern_record_get_changes_decision (concern));
  g_ptr_array_add (changed, concern);
  save (self, changed);
  if (must_fix)
    show_concerns (self);
}

static void
toggle_must_fix_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  toggle (RD_CONCERN_LIST (widget), g_variant_get_string (parameter, NULL), TRUE);
}

static void
toggle_changes_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  toggle (RD_CONCERN_LIST (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
undelete_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rd_store_undelete_document_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not restore the concern: %s", error->message);
}

static void
on_undo_cb (AdwToast      *toast,
            RdConcernList *self)
{
  const char *doc_id = g_object_get_data (G_OBJECT (toast), "doc-id");

  if (get_store (self) != NULL && doc_id != NULL)
    rd_store_undelete_document_async (get_store (self), doc_id,
                                      rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                                      undelete_cb, NULL);
}

static void
toast_with_undo (RdConcernList *self,
                 const char    *title,
                 const char    *doc_id)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = rd_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "doc-id", g_strdup (doc_id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RdConcernList) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_delete_document_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not remove the concern: %s", error->message);
}

static void
delete_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RdConcernList *self = RD_CONCERN_LIST (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  int i = index_of (self, id);

  if (i < 0 || get_store (self) == NULL)
    return;

  toast_with_undo (self, _("Concern removed"), id);
  rd_store_delete_document_async (get_store (self), id,
                                  rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                                  delete_cb, g_object_ref (self));
  g_ptr_array_remove_index (self->concerns, i);
  show_concerns (self);
}

static void
on_add_apply_cb (RdConcernList *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row))));
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  RdConcernRecord *concern;

  if (*title == '\0' || self->account_id == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");

  concern = rd_concern_record_new (self->account_id, title,
                                   (self->concerns ? self->concerns->len : 0) + 1);
  if (self->concerns == NULL)
    self->concerns = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->concerns, concern);
  g_ptr_array_add (added, concern);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  show_concerns (self);
  save (self, added);
}

static void
rd_concern_list_dispose (GObject *object)
{
  RdConcernList *self = RD_CONCERN_LIST (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CONCERN_LIST);
  g_clear_pointer (&self->concerns, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_concern_list_parent_class)->dispose (object);
}

static void
rd_concern_list_finalize (GObject *object)
{
  RdConcernList *self = RD_CONCERN_LIST (object);

  g_free (self->account_id);

  G_OBJECT_CLASS (rd_concern_list_parent_class)->finalize (object);
}

static void
rd_concern_list_class_init (RdConcernListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_concern_list_dispose;
  object_class->finalize = rd_concern_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-concern-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RdConcernList, add_row);
  gtk_widget_class_bind_template_child (widget_class, RdConcernList, list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_apply_cb);

  gtk_widget_class_install_action (widget_class, "concerns.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "concerns.move-down", "s", move_down_action);
  gtk_widget_class_install_action (widget_class, "concerns.move-up", "s", move_up_action);
  gtk_widget_class_install_action (widget_class, "concerns.toggle-changes-decision", "s", toggle_changes_action);
  gtk_widget_class_install_action (widget_class, "concerns.toggle-must-fix", "s", toggle_must_fix_action);
}

static void
rd_concern_list_init (RdConcernList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
rd_concern_list_set_account (RdConcernList *self,
                             const char    *account_id)
{
  g_return_if_fail (RD_IS_CONCERN_LIST (self));

  if (g_strcmp0 (self->account_id, account_id) != 0)
    {
      g_free (self->account_id);
      self->account_id = g_strdup (account_id);
      g_clear_pointer (&self->concerns, g_ptr_array_unref);
      show_concerns (self);
    }
  rd_concern_list_reload (self);
}

void
rd_concern_list_reload (RdConcernList *self)
{
  g_return_if_fail (RD_IS_CONCERN_LIST (self));

  if (get_store (self) == NULL || self->account_id == NULL)
    return;
  rd_records_list_async (get_store (self), RD_TYPE_CONCERN_RECORD, self->account_id,
                         rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)), list_cb,
                         g_object_ref (self));
}
