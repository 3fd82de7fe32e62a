/* rd-reminder-dialog.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminder-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-account.h"
#include "rd-format.h"
#include "rd-reminder-dialog.h"

struct _RdReminderDialog
{
  AdwMessageDialog  parent_instance;

  char             *preselect;     /* the account to select once the accounts come */
  GPtrArray        *account_ids;   /* bare uuids, in the drop-down's order; [0] is NULL */

  /* template children */
  GtkDropDown      *account_drop;
  GtkCalendar      *calendar;
  GtkMenuButton    *date_button;
  GtkSpinButton    *hour_spin;
  GtkSpinButton    *minute_spin;
  AdwEntryRow      *title_row;
};

G_DEFINE_FINAL_TYPE (RdReminderDialog, rd_reminder_dialog, ADW_TYPE_MESSAGE_DIALOG)

static int
compare_by_name (gconstpointer pa,
                 gconstpointer pb)
{
  RdAccount *a = *(RdAccount * const *) pa;
  RdAccount *b = *(RdAccount * const *) pb;
  const char *na = rd_account_get_name (a);
  const char *nb = rd_account_get_name (b);

  return g_utf8_collate (na != NULL ? na : "", nb != NULL ? nb : "");
}

/* The button shows the day as the region writes it. */
static void
show_date (RdReminderDialog *self)
{
  g_autofree char *iso = rd_reminder_dialog_dup_date (self);
  g_autofree char *shown = rd_date_format (iso);

  gtk_menu_button_set_label (self->date_button, shown);
}

/* Signal callbacks ------------------------------------------------------- */

static void
on_day_selected_cb (RdReminderDialog *self)
{
  g_assert (RD_IS_REMINDER_DIALOG (self));

  show_date (self);
  gtk_menu_button_popdown (self->date_button);
}

/* Two digits, as a clock shows them: 09:05. */
static gboolean
on_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
on_title_changed_cb (RdReminderDialog *self)
{
  g_autofree char *title = NULL;

  g_assert (RD_IS_REMINDER_DIALOG (self));

  title = rd_reminder_dialog_dup_title (self);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", *title != '\0');
}

/* GObject ---------------------------------------------------------------- */

static void
rd_reminder_dialog_dispose (GObject *object)
{
  RdReminderDialog *self = RD_REMINDER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_REMINDER_DIALOG);
  g_clear_pointer (&self->preselect, g_free);
  g_clear_pointer (&self->account_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_reminder_dialog_parent_class)->dispose (object);
}

static void
rd_reminder_dialog_class_init (RdReminderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_reminder_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-reminder-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdReminderDialog, account_drop);
  gtk_widget_class_bind_template_child (widget_class, RdReminderDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, RdReminderDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, RdReminderDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, RdReminderDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, RdReminderDialog, title_row);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed_cb);
}

static void
rd_reminder_dialog_init (RdReminderDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->account_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->account_ids, NULL);
}

/* Public API ------------------------------------------------------------- */

RdReminderDialog *
rd_reminder_dialog_new (GtkWindow  *parent,
                        const char *account_id,
                        GDateTime  *due)
{
  RdReminderDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (due != NULL, NULL);

  self = g_object_new (RD_TYPE_REMINDER_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->preselect = g_strdup (account_id);

  gtk_calendar_select_day (self->calendar, due);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (due));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (due));
  show_date (self);

  return self;
}

void
rd_reminder_dialog_set_accounts (RdReminderDialog *self,
                                 GPtrArray        *accounts)
{
  g_autoptr(GtkStringList) names = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  const char *keep;
  guint selected = 0;

  g_return_if_fail (RD_IS_REMINDER_DIALOG (self));
  g_return_if_fail (accounts != NULL);

  /* What the user chose meanwhile wins over the preselection. */
  keep = rd_reminder_dialog_get_account_id (self);
  if (keep == NULL)
    keep = self->preselect;

  sorted = g_ptr_array_new_full (accounts->len, g_object_unref);
  for (guint i = 0; i < accounts->len; i++)
    g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (accounts, i)));
  g_ptr_array_sort (sorted, compare_by_name);

  names = gtk_string_list_new ((const char *[]) { _("No account"), NULL });
  g_ptr_array_set_size (self->account_ids, 1);
  for (guint i = 0; i < sorted->len; i++)
    {
      RdAccount *account = g_ptr_array_index (sorted, i);
      const char *name = rd_account_get_name (account);

      if (g_strcmp0 (rd_account_get_id (account), keep) == 0)
        selected = self->account_ids->len;
      gtk_string_list_append (names, name != NULL ? name : "");
      g_ptr_array_add (self->account_ids, g_strdup (rd_account_get_id (account)));
    }

  gtk_drop_down_set_model (self->account_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->account_drop, selected);
}

const char *
rd_reminder_dialog_get_account_id (RdReminderDialog *self)
{
  guint selected;

  g_return_val_if_fail (RD_IS_REMINDER_DIALOG (self), NULL);

  selected = gtk_drop_down_get_selected (self->account_drop);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->account_ids->len)
    return NULL;

  return g_ptr_array_index (self->account_ids, selected);
}

char *
rd_reminder_dialog_dup_title (RdReminderDialog *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
}

char *
rd_reminder_dialog_dup_date (RdReminderDialog *self)
{
  g_autoptr(GDateTime) day = NULL;

  g_return_val_if_fail (RD_IS_REMINDER_DIALOG (self), NULL);

  day = gtk_calendar_get_date (self->calendar);
  return g_date_time_format (day, "%Y-%m-%d");
}

GDateTime *
rd_reminder_dialog_dup_due (RdReminderDialog *self)
{
  g_autoptr(GDateTime) day = NULL;

  g_return_val_if_fail (RD_IS_REMINDER_DIALOG (self), NULL);

  day = gtk_calendar_get_date (self->calendar);
  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin), 0);
}
