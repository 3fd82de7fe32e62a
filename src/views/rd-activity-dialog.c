/* rd-activity-dialog.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-activity-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-activity-dialog.h"
#include "rd-contact.h"
#include "rd-format.h"

struct _RdActivityDialog
{
  AdwMessageDialog  parent_instance;

  GPtrArray        *contact_ids;   /* bare uuids in the drop-down's order; [0] is NULL */
  GtkCheckButton   *kept[RD_N_COMMITMENTS];

  /* template children */
  GtkCalendar      *calendar;
  GtkDropDown      *contact_drop;
  GtkMenuButton    *date_button;
  AdwPreferencesGroup *kept_group;
  GtkDropDown      *kind_drop;
  AdwEntryRow      *response_row;
  AdwEntryRow      *summary_row;
};

G_DEFINE_FINAL_TYPE (RdActivityDialog, rd_activity_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The button shows the day as the region writes it. */
static void
show_date (RdActivityDialog *self)
{
  g_autofree char *iso = rd_activity_dialog_dup_date (self);
  g_autofree char *shown = rd_date_format (iso);

  gtk_menu_button_set_label (self->date_button, shown);
}

static void
select_day (RdActivityDialog *self,
            const char       *iso)
{
  GDate date;

  if (iso != NULL && rd_date_parse (iso, &date))
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&date),
                                                        g_date_get_month (&date),
                                                        g_date_get_day (&date), 0, 0, 0);

      gtk_calendar_select_day (self->calendar, day);
    }
  show_date (self);
}

static void
fill_kinds (RdActivityDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  for (int kind = RD_ACTIVITY_CALL; kind <= RD_ACTIVITY_NOTE; kind++)
    gtk_string_list_append (kinds, rd_enum_table_label (&rd_activity_kind_table, kind));
  gtk_drop_down_set_model (self->kind_drop, G_LIST_MODEL (kinds));
}

static void
fill_contacts (RdActivityDialog *self,
               GPtrArray        *contacts,
               const char       *selected_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char *[]) { _("Nobody in particular"), NULL });
  guint selected = 0;

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      RdContact *contact = g_ptr_array_index (contacts, i);
      const char *name = rd_contact_get_name (contact);

      if (g_strcmp0 (rd_contact_get_id (contact), selected_id) == 0)
        selected = self->contact_ids->len;
      gtk_string_list_append (names, name != NULL && *name != '\0' ? name : _("Unnamed stakeholder"));
      g_ptr_array_add (self->contact_ids, g_strdup (rd_contact_get_id (contact)));
    }

  gtk_drop_down_set_model (self->contact_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->contact_drop, selected);
}

/* One check per commitment the delay has a date for and nobody ticked yet. */
static void
fill_commitments (RdActivityDialog *self,
                  RdDelay          *delay)
{
  gboolean any = FALSE;

  for (int c = 0; delay != NULL && c < RD_N_COMMITMENTS; c++)
    {
      const char *due = rd_delay_get_commitment (delay, c);
      g_autofree char *shown = NULL;
      g_autofree char *name = g_strconcat ("kept-", rd_enum_table_id (&rd_commitment_table, c), NULL);
      GtkWidget *row, *check;

      if (due == NULL || rd_delay_get_commitment_kept (delay, c) != NULL)
        continue;

      shown = rd_date_format (due);
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     rd_enum_table_label (&rd_commitment_table, c));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->kept_group, row);
      self->kept[c] = GTK_CHECK_BUTTON (check);
      any = TRUE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->kept_group), any);
}

/* Signal callbacks ------------------------------------------------------- */

static void
on_day_selected_cb (RdActivityDialog *self)
{
  g_assert (RD_IS_ACTIVITY_DIALOG (self));

  show_date (self);
  gtk_menu_button_popdown (self->date_button);
}

/* Something must be said: what we did, or what they answered. */
static void
on_text_changed_cb (RdActivityDialog *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *response = NULL;

  g_assert (RD_IS_ACTIVITY_DIALOG (self));

  summary = dup_text (self->summary_row);
  response = dup_text (self->response_row);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save",
                                           *summary != '\0' || *response != '\0');
}

/* GObject ---------------------------------------------------------------- */

static void
rd_activity_dialog_dispose (GObject *object)
{
  RdActivityDialog *self = RD_ACTIVITY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACTIVITY_DIALOG);
  g_clear_pointer (&self->contact_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_activity_dialog_parent_class)->dispose (object);
}

static void
rd_activity_dialog_class_init (RdActivityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_activity_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-activity-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdActivityDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, RdActivityDialog, contact_drop);
  gtk_widget_class_bind_template_child (widget_class, RdActivityDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, RdActivityDialog, kept_group);
  gtk_widget_class_bind_template_child (widget_class, RdActivityDialog, kind_drop);
  gtk_widget_class_bind_template_child (widget_class, RdActivityDialog, response_row);
  gtk_widget_class_bind_template_child (widget_class, RdActivityDialog, summary_row);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed_cb);
}

static void
rd_activity_dialog_init (RdActivityDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->contact_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->contact_ids, NULL);
  fill_kinds (self);
}

/* Public API ------------------------------------------------------------- */

RdActivityDialog *
rd_activity_dialog_new (GtkWindow        *parent,
                        RdActivityRecord *activity,
                        const char       *today,
                        GPtrArray        *contacts,
                        RdDelay          *delay)
{
  RdActivityDialog *self;
  int kind = RD_ACTIVITY_CALL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (activity == NULL || RD_IS_ACTIVITY_RECORD (activity), NULL);

  self = g_object_new (RD_TYPE_ACTIVITY_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);

  if (activity != NULL)
    {
      const char *summary = rd_activity_record_get_summary (activity);
      const char *response = rd_activity_record_get_their_response (activity);

      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Edit Activity"));
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "save", _("_Save"));
      if (rd_activity_record_get_kind (activity) >= 0)
        kind = rd_activity_record_get_kind (activity);
      gtk_editable_set_text (GTK_EDITABLE (self->summary_row), summary != NULL ? summary : "");
      gtk_editable_set_text (GTK_EDITABLE (self->response_row), response != NULL ? response : "");
    }

  gtk_drop_down_set_selected (self->kind_drop, kind);
  select_day (self, activity != NULL ? rd_activity_record_get_on (activity) : today);
  fill_contacts (self, contacts, activity != NULL ? rd_activity_record_get_contact_id (activity) : NULL);
  fill_commitments (self, delay);

  return self;
}

void
rd_activity_dialog_apply (RdActivityDialog *self,
                          RdActivityRecord *activity)
{
  g_autofree char *date = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *response = NULL;
  guint contact;

  g_return_if_fail (RD_IS_ACTIVITY_DIALOG (self));
  g_return_if_fail (RD_IS_ACTIVITY_RECORD (activity));

  date = rd_activity_dialog_dup_date (self);
  summary = dup_text (self->summary_row);
  response = dup_text (self->response_row);
  contact = gtk_drop_down_get_selected (self->contact_drop);

  rd_activity_record_set_on (activity, date);
  rd_activity_record_set_kind (activity, (int) gtk_drop_down_get_selected (self->kind_drop));
  rd_activity_record_set_contact_id (activity,
                                     contact < self->contact_ids->len
                                     ? g_ptr_array_index (self->contact_ids, contact) : NULL);
  rd_activity_record_set_summary (activity, *summary != '\0' ? summary : NULL);
  rd_activity_record_set_their_response (activity, *response != '\0' ? response : NULL);
}

char *
rd_activity_dialog_dup_date (RdActivityDialog *self)
{
  g_autoptr(GDateTime) day = NULL;

  g_return_val_if_fail (RD_IS_ACTIVITY_DIALOG (self), NULL);

  day = gtk_calendar_get_date (self->calendar);
  return g_date_time_format (day, "%Y-%m-%d");
}

gboolean
rd_activity_dialog_get_kept (RdActivityDialog *self,
                             RdCommitment      commitment)
{
  g_return_val_if_fail (RD_IS_ACTIVITY_DIALOG (self), FALSE);
  g_return_val_if_fail (commitment < RD_N_COMMITMENTS, FALSE);

  return self->kept[commitment] != NULL && gtk_check_button_get_active (self->kept[commitment]);
}
