/* rd-widget-util.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-widget-util"

#include "config.h"

#include "rd-widget-util.h"

static void
on_check_toggled_cb (GtkCheckButton *check,
                     gpointer        user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (check), g_object_get_data (G_OBJECT (check), "rd-action"),
                              "s", g_object_get_data (G_OBJECT (check), "rd-target"));
}

AdwToast *
rd_toast_new (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* libadwaita 1.2 reads a toast's title as Pango markup. */
  escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}

void
rd_widget_show_toast (GtkWidget  *widget,
                      const char *title)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), rd_toast_new (title));
}

static GtkWidget *
find_apply_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* libadwaita's own, in its template (adw-entry-row.ui). */
      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "adw-entry-apply-symbolic") == 0)
        return child;
      if ((found = find_apply_button (child)) != NULL)
        return found;
    }
  return NULL;
}

void
rd_list_box_remove_all (GtkListBox *list)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

void
rd_check_button_set_action (GtkWidget  *check,
                            const char *action,
                            const char *target)
{
  g_return_if_fail (GTK_IS_CHECK_BUTTON (check));
  g_return_if_fail (action != NULL);

  /* @action is a static string in every caller. */
  g_object_set_data (G_OBJECT (check), "rd-action", (gpointer) action);
  g_object_set_data_full (G_OBJECT (check), "rd-target", g_strdup (target), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), NULL);
}

GtkLabel *
rd_list_row_add_error_label (GtkListBoxRow *row)
{
  GtkWidget *list;
  GtkWidget *label;
  GtkWidget *error_row;

  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);

  list = gtk_widget_get_parent (GTK_WIDGET (row));
  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "field-error");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_bottom (label, 8);

  error_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (error_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_widget_set_focusable (error_row, FALSE);
  gtk_widget_add_css_class (error_row, "field-error-row");
  gtk_widget_set_visible (error_row, FALSE);
  gtk_list_box_insert (GTK_LIST_BOX (list), error_row, gtk_list_box_row_get_index (row) + 1);

  /* The field's message, for screen readers too. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  label, NULL, -1);

  return GTK_LABEL (label);
}

void
rd_entry_row_skip_apply_button (AdwEntryRow *row)
{
  GtkWidget *button;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  button = find_apply_button (GTK_WIDGET (row));
  if (button != NULL)
    gtk_widget_set_focusable (button, FALSE);
}
