/* rd-reminder-row.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminder-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-reminder-row.h"
#include "rd-text-cell.h"

/*
 * The row is laid out as an AdwActionRow is, with the same style classes,
 * but its title and subtitle are RdTextCells: one line each, shaped once
 * and cut at the width they are given.  A GtkLabel that ellipsizes is
 * shaped again for every width it is measured at, and a page of
 * AdwActionRows spent most of its first frame measuring them (on a book
 * with thousands of reminders due, ~0.4 s for four sections of 50 rows).
 */

struct _RdReminderRow
{
  GtkListBoxRow     parent_instance;

  RdReminderRecord *reminder;       /* owned */
  guint             selection_mode : 1;

  /* template children */
  GtkWidget        *actions;
  GtkCheckButton   *check;
  GtkButton        *done_button;
  GtkButton        *open_button;
  GtkMenuButton    *snooze_button;
  RdTextCell       *subtitle;
  RdTextCell       *title;
};

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_SELECTION_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdReminderRow, rd_reminder_row, GTK_TYPE_LIST_BOX_ROW)

/* Whether @title already says @part, whatever the case. */
static gboolean
title_says (const char *title,
            const char *part)
{
  g_autofree char *t = NULL;
  g_autofree char *p = NULL;

  if (title == NULL || part == NULL || *part == '\0')
    return FALSE;

  t = g_utf8_casefold (title, -1);
  p = g_utf8_casefold (part, -1);
  return strstr (t, p) != NULL;
}

/* Why and for whom, then when; but not what the title already says
 * ("Reconnect with Nordlicht Energie AG" needs neither "Reconnect" nor the
 * name again). */
static char *
make_subtitle (const char *title,
               const char *kind,
               const char *account,
               const char *when)
{
  GString *subtitle = g_string_new (NULL);

  if (title != NULL && kind != NULL && !title_says (title, kind))
    g_string_append (subtitle, kind);
  if (account != NULL && !title_says (title, account))
    {
      if (subtitle->len > 0)
        /* Translators: separates the parts of a reminder's subtitle:
         * "Reconnect · Nordlicht Energie AG · 3 days overdue" */
        g_string_append (subtitle, _(" · "));
      g_string_append (subtitle, account);
    }
  if (subtitle->len > 0)
    g_string_append (subtitle, _(" · "));
  g_string_append (subtitle, when);

  return g_string_free (subtitle, FALSE);
}

/* "today at 09:00", "since 09:00" (overdue today), "in 3 days"… */
static char *
describe_when (GDateTime *due,
               GDateTime *now)
{
  int days = rd_date_time_days_between (now, due);
  g_autofree char *time = NULL;

  if (days != 0)
    return rd_date_format_relative (days);

  time = g_date_time_format (due, "%H:%M");
  /* Translators: "today at 09:00" / "overdue since 09:00" */
  return g_date_time_compare (due, now) <= 0 ? g_strdup_printf (_("since %s"), time)
                                             : g_strdup_printf (_("today at %s"), time);
}

/* The reminder's effective due, in local time. */
static GDateTime *
local_due (RdReminderRow *self)
{
  g_autoptr(GDateTime) due_utc = rd_reminder_record_get_effective_due (self->reminder);

  return g_date_time_to_local (due_utc);
}

/* The subtitle says when (@due, local), counted from @now. */
static void
update_subtitle (RdReminderRow *self,
                 GDateTime     *due,
                 GDateTime     *now)
{
  RdReminderRecord *reminder = self->reminder;
  g_autofree char *when = describe_when (due, now);
  g_autofree char *subtitle = NULL;
  const char *title = rd_reminder_record_get_title (reminder);
  const char *kind = rd_reminder_record_get_kind_label (reminder);
  gboolean manual = rd_reminder_record_get_kind (reminder) == RD_REMINDER_MANUAL;

  /* A manual reminder's title is the user's own words: "Reminder" adds nothing. */
  subtitle = make_subtitle (title, manual ? NULL : kind,
                            rd_reminder_record_get_account_name (reminder), when);
  rd_text_cell_set_text (self->subtitle, subtitle);
}

static void
update (RdReminderRow *self,
        GDateTime     *now)
{
  RdReminderRecord *reminder = self->reminder;
  g_autoptr(GDateTime) due = local_due (self);
  const char *id = rd_record_get_id (RD_RECORD (reminder));
  const char *title = rd_reminder_record_get_title (reminder);
  const char *account_id = rd_reminder_record_get_account_id (reminder);
  const char *kind = rd_reminder_record_get_kind_label (reminder);

  rd_text_cell_set_text (self->title, title ? title : kind);
  update_subtitle (self, due, now);
  gtk_widget_set_name (GTK_WIDGET (self), id);

  /* Without an account there is nothing to open: no button at all, rather
   * than a hidden one. */
  if (account_id != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_button), "s", account_id);
  else
    gtk_box_remove (GTK_BOX (self->actions), GTK_WIDGET (self->open_button));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->done_button), "s", id);
}

/* In selection mode a row shows its check and can be activated (Space,
 * Enter, a click: rd_reminder_row_toggle ()); otherwise it shows its
 * buttons. */
static void
apply_selection_mode (RdReminderRow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->check), self->selection_mode);
  gtk_widget_set_visible (self->actions, !self->selection_mode);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), self->selection_mode);
}

static GtkWidget *
snooze_item (const char *label,
             const char *id,
             const char *choice)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "reminders.snooze");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", id, choice);
  gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (button)), GTK_ALIGN_START);

  return button;
}

static void
on_pick_date_clicked_cb (GtkButton   *button,
                         GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), RD_TYPE_REMINDER_ROW);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  g_assert (RD_IS_REMINDER_ROW (row));

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_activate_action (GTK_WIDGET (button), "reminders.snooze-until", "(ss)",
                              rd_record_get_id (RD_RECORD (RD_REMINDER_ROW (row)->reminder)), iso);
}

/* Built when first opened: most rows are never snoozed, and a calendar in
 * each of hundreds of rows would slow the page down. */
static void
create_snooze_popover (GtkMenuButton *menu_button,
                       gpointer       user_data)
{
  RdReminderRow *self = user_data;
  const char *id = rd_record_get_id (RD_RECORD (self->reminder));
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *pick = gtk_button_new_with_mnemonic (_("Snooze Until _Date"));
  GtkWidget *label = gtk_label_new (_("Or pick a date"));

  g_assert (RD_IS_REMINDER_ROW (self));

  gtk_box_append (GTK_BOX (box), snooze_item (_("For an _Hour"), id, "hour"));
  gtk_box_append (GTK_BOX (box), snooze_item (_("Until _Tomorrow Morning"), id, "tomorrow"));
  gtk_box_append (GTK_BOX (box), snooze_item (_("Until _Next Week"), id, "week"));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (calendar, 6);
  gtk_box_append (GTK_BOX (box), calendar);
  gtk_widget_set_margin_top (pick, 6);
  gtk_widget_add_css_class (pick, "suggested-action");
  g_signal_connect (pick, "clicked", G_CALLBACK (on_pick_date_clicked_cb), calendar);
  gtk_box_append (GTK_BOX (box), pick);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (menu_button, popover);
}

/* Tooltips are given when asked for: in GTK 4.8 setting one asks the
 * display where the pointer is (a round trip to the X server), and a page
 * of rows made hundreds of them.  The row's own tooltip is its due time. */
static gboolean
on_query_tooltip_cb (GtkWidget     *widget,
                     int            x,
                     int            y,
                     gboolean       keyboard,
                     GtkTooltip    *tooltip,
                     RdReminderRow *self)
{
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *absolute = NULL;

  if (widget == GTK_WIDGET (self->open_button))
    gtk_tooltip_set_text (tooltip, _("Open Account"));
  else if (widget == GTK_WIDGET (self->snooze_button))
    gtk_tooltip_set_text (tooltip, _("Snooze"));
  else if (widget == GTK_WIDGET (self->done_button))
    gtk_tooltip_set_text (tooltip, _("Done"));
  else
    {
      due = local_due (self);
      absolute = g_date_time_format (due, "%c");
      gtk_tooltip_set_text (tooltip, absolute);
    }

  return TRUE;
}

static void
on_check_active_cb (RdReminderRow *self)
{
  g_assert (RD_IS_REMINDER_ROW (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
rd_reminder_row_dispose (GObject *object)
{
  RdReminderRow *self = RD_REMINDER_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_REMINDER_ROW);
  g_clear_object (&self->reminder);

  G_OBJECT_CLASS (rd_reminder_row_parent_class)->dispose (object);
}

static void
rd_reminder_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RdReminderRow *self = RD_REMINDER_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_boolean (value, rd_reminder_row_get_selected (self));
      break;
    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_reminder_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RdReminderRow *self = RD_REMINDER_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      rd_reminder_row_set_selected (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTION_MODE:
      rd_reminder_row_set_selection_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_reminder_row_class_init (RdReminderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_reminder_row_dispose;
  object_class->get_property = rd_reminder_row_get_property;
  object_class->set_property = rd_reminder_row_set_property;

  /* Whether the check is ticked; it only shows in selection mode. */
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_TEXT_CELL);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/renewaldesk/RenewalDesk/ui/rd-reminder-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RdReminderRow, actions);
  gtk_widget_class_bind_template_child (widget_class, RdReminderRow, check);
  gtk_widget_class_bind_template_child (widget_class, RdReminderRow, done_button);
  gtk_widget_class_bind_template_child (widget_class, RdReminderRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, RdReminderRow, snooze_button);
  gtk_widget_class_bind_template_child (widget_class, RdReminderRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, RdReminderRow, title);
  gtk_widget_class_bind_template_callback (widget_class, on_check_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip_cb);
}

static void
rd_reminder_row_init (RdReminderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @now: the moment the list was built; "3 days overdue" counts from it. */
GtkWidget *
rd_reminder_row_new (RdReminderRecord *reminder,
                     GDateTime        *now)
{
  RdReminderRow *self;

  g_return_val_if_fail (RD_IS_REMINDER_RECORD (reminder), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (RD_TYPE_REMINDER_ROW, NULL);
  self->reminder = g_object_ref (reminder);
  update (self, now);
  apply_selection_mode (self);
  gtk_menu_button_set_create_popup_func (self->snooze_button, create_snooze_popover, self, NULL);

  return GTK_WIDGET (self);
}

void
rd_reminder_row_set_now (RdReminderRow *self,
                         GDateTime     *now)
{
  g_autoptr(GDateTime) due = NULL;

  g_return_if_fail (RD_IS_REMINDER_ROW (self));
  g_return_if_fail (now != NULL);

  due = local_due (self);
  update_subtitle (self, due, now);
}

RdReminderRecord *
rd_reminder_row_get_reminder (RdReminderRow *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_ROW (self), NULL);

  return self->reminder;
}

gboolean
rd_reminder_row_get_selection_mode (RdReminderRow *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_ROW (self), FALSE);

  return self->selection_mode;
}

void
rd_reminder_row_set_selection_mode (RdReminderRow *self,
                                    gboolean       selection_mode)
{
  g_return_if_fail (RD_IS_REMINDER_ROW (self));

  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode)
    return;

  self->selection_mode = selection_mode;
  apply_selection_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

gboolean
rd_reminder_row_get_selected (RdReminderRow *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_ROW (self), FALSE);

  return gtk_check_button_get_active (self->check);
}

/* The check notifies, through on_check_active_cb(), only when it changes. */
void
rd_reminder_row_set_selected (RdReminderRow *self,
                              gboolean       selected)
{
  g_return_if_fail (RD_IS_REMINDER_ROW (self));

  gtk_check_button_set_active (self->check, selected);
}

void
rd_reminder_row_toggle (RdReminderRow *self)
{
  g_return_if_fail (RD_IS_REMINDER_ROW (self));

  if (self->selection_mode)
    rd_reminder_row_set_selected (self, !rd_reminder_row_get_selected (self));
}

const char *
rd_reminder_row_get_subtitle (RdReminderRow *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_ROW (self), NULL);

  return rd_text_cell_get_text (self->subtitle);
}
