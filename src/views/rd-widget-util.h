/* rd-widget-util.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Small helpers several views need alike. */

/* A toast saying @text as it is: names and error messages may hold "<"
 * or "&", which libadwaita 1.2 would read as markup and show nothing. */
AdwToast *rd_toast_new          (const char *text);
/* Shows @title in the nearest AdwToastOverlay above @widget, if any. */
void rd_widget_show_toast       (GtkWidget  *widget,
                                 const char *title);
void rd_list_box_remove_all     (GtkListBox *list);
/* A check button bound to a stateless action would always show unchecked:
 * this keeps the check's own state and activates @action with the string
 * @target each time it is toggled. */
void rd_check_button_set_action (GtkWidget  *check,
                                 const char *action,
                                 const char *target);
/* Adds a hidden message right below @row, in a row of its own in the same
 * list (an AdwPreferencesGroup's), and returns its label: show the label's
 * parent to reveal it under that field rather than below the whole group. */
GtkLabel *rd_list_row_add_error_label (GtkListBoxRow *row);
/* Tab from the text of @row goes on to the next field, not to its apply
 * button (Enter does what the button does), so that leaving the field is
 * one Tab.  The button still takes clicks. */
void rd_entry_row_skip_apply_button (AdwEntryRow *row);

G_END_DECLS
