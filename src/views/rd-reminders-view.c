/* rd-reminders-view.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminders-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-account.h"
#include "rd-format.h"
#include "rd-ical.h"
#include "rd-reminder-record.h"
#include "rd-reminder-refresh.h"
#include "rd-reminders-view.h"
#include "rd-widget-util.h"

#define MAX_LATER_ROWS 200
#define SNOOZE_MORNING_MINUTES (9 * 60)

struct _RdRemindersView
{
  AdwBin         parent_instance;

  RdContext     *context;
  RdStore       *store;          /* the context's */
  GCancellable  *cancellable;
  guint          reload_id;
  guint          n_urgent;
  guint          n_open;
  GPtrArray     *unshown;      /* RdReminderRecord loaded while hidden: rows are built on map */
  guint          loaded : 1;

  /* template children */
  GtkListBox    *later_list;
  AdwPreferencesGroup *later_group;
  GtkListBox    *overdue_list;
  AdwPreferencesGroup *overdue_group;
  GtkStack      *stack;
  GtkListBox    *today_list;
  AdwPreferencesGroup *today_group;
  GtkListBox    *week_list;
  AdwPreferencesGroup *week_group;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_URGENT,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where a reminder is listed, by when it is due. */
typedef enum
{
  SECTION_OVERDUE,
  SECTION_TODAY,
  SECTION_WEEK,
  SECTION_LATER,
  N_SECTIONS
} Section;

/* The bounds of the sections, taken at one moment. */
typedef struct
{
  GDateTime *now;
  GDateTime *tomorrow;
  GDateTime *week_end;
} Sections;

G_DEFINE_FINAL_TYPE (RdRemindersView, rd_reminders_view, ADW_TYPE_BIN)

/* Helpers ---------------------------------------------------------------- */

static GDateTime *
get_now (RdRemindersView *self)
{
  if (self->context != NULL)
    return rd_clock_get_now (rd_context_get_clock (self->context));

  return g_date_time_new_now_local ();
}

static GDateTime *
day_at (GDateTime *local,
        int        add_days,
        guint      minutes)
{
  g_autoptr(GDateTime) day = g_date_time_add_days (local, add_days);

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), minutes / 60, minutes % 60, 0);
}

static int
days_between (GDateTime *from,
              GDateTime *to)
{
  GDate a, b;

  g_date_set_dmy (&a, g_date_time_get_day_of_month (from), g_date_time_get_month (from),
                  g_date_time_get_year (from));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (to), g_date_time_get_month (to),
                  g_date_time_get_year (to));

  return g_date_days_between (&a, &b);
}

static void
on_pick_date_clicked_cb (GtkButton *button,
                         GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
  const char *id = g_object_get_data (G_OBJECT (button), "reminder-id");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_activate_action (GTK_WIDGET (button), "reminders.snooze-until", "(ss)", id, iso);
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

/* Built when first opened: most rows are never snoozed. */
static void
create_snooze_popover (GtkMenuButton *menu_button,
                       gpointer       user_data)
{
  const char *id = g_object_get_data (G_OBJECT (menu_button), "reminder-id");
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *pick = gtk_button_new_with_mnemonic (_("Snooze Until _Date"));
  GtkWidget *label = gtk_label_new (_("Or pick a date"));

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
  g_object_set_data_full (G_OBJECT (pick), "reminder-id", g_strdup (id), g_free);
  gtk_widget_set_margin_top (pick, 6);
  gtk_widget_add_css_class (pick, "suggested-action");
  g_signal_connect (pick, "clicked", G_CALLBACK (on_pick_date_clicked_cb), calendar);
  gtk_box_append (GTK_BOX (box), pick);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (menu_button, popover);
}

/* A flat icon button at the end of @row; @name is what the tests look for. */
static void
add_suffix_button (GtkWidget  *row,
                   GtkWidget  *button,
                   const char *name,
                   const char *tooltip,
                   const char *label)
{
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static GtkWidget *
create_row (RdRemindersView  *self,
            RdReminderRecord *reminder,
            GDateTime        *now)
{
  g_autoptr(GDateTime) due_utc = rd_reminder_record_get_effective_due (reminder);
  g_autoptr(GDateTime) due = g_date_time_to_local (due_utc);
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *absolute = NULL;
  const char *id = rd_record_get_id (RD_RECORD (reminder));
  const char *title = rd_reminder_record_get_title (reminder);
  const char *account = rd_reminder_record_get_account_name (reminder);
  const char *account_id = rd_reminder_record_get_account_id (reminder);
  const char *kind = rd_reminder_record_get_kind_label (reminder);
  int days = days_between (now, due);
  GtkWidget *row;
  GtkWidget *button;

  if (days == 0)
    {
      g_autofree char *time = g_date_time_format (due, "%H:%M");

      /* Translators: "today at 09:00" / "overdue since 09:00" */
      when = g_date_time_compare (due, now) <= 0 ? g_strdup_printf (_("since %s"), time)
                                                 : g_strdup_printf (_("today at %s"), time);
    }
  else
    when = rd_date_format_relative (days);

  if (account != NULL)
    /* Translators: row subtitle: "Reconnect · Nordlicht Energie AG · 3 days overdue" */
    subtitle = g_strdup_printf (_("%s · %s · %s"), kind, account, when);
  else
    subtitle = g_strdup_printf (_("%s · %s"), kind, when);

  absolute = g_date_time_format (due, "%c");

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : kind);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_tooltip_text (row, absolute);
  gtk_widget_set_name (row, id);

  if (account_id != NULL)
    {
      button = gtk_button_new_from_icon_name ("go-next-symbolic");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "reminders.open");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", account_id);
      add_suffix_button (row, button, "open", _("Open Account"), _("Open Account"));
    }

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "alarm-symbolic");
  g_object_set_data_full (G_OBJECT (button), "reminder-id", g_strdup (id), g_free);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_snooze_popover,
                                         NULL, NULL);
  add_suffix_button (row, button, "snooze", _("Snooze"), _("Snooze"));

  button = gtk_button_new_from_icon_name ("object-select-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "reminders.done");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  add_suffix_button (row, button, "done", _("Done"), _("Mark as Done"));

  return row;
}

static void
sections_init (Sections        *sections,
               RdRemindersView *self)
{
  sections->now = get_now (self);
  sections->tomorrow = day_at (sections->now, 1, 0);
  sections->week_end = day_at (sections->now, 7, 0);
}

static void
sections_clear (Sections *sections)
{
  g_clear_pointer (&sections->now, g_date_time_unref);
  g_clear_pointer (&sections->tomorrow, g_date_time_unref);
  g_clear_pointer (&sections->week_end, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sections, sections_clear)

static Section
section_of (const Sections *sections,
            GDateTime      *due)
{
  if (g_date_time_compare (due, sections->now) <= 0 && days_between (sections->now, due) < 0)
    return SECTION_OVERDUE;
  if (g_date_time_compare (due, sections->tomorrow) < 0)
    return SECTION_TODAY;
  if (g_date_time_compare (due, sections->week_end) < 0)
    return SECTION_WEEK;

  return SECTION_LATER;
}

/* Builds the rows: only while the page is on screen, since hundreds of
 * rows would otherwise delay the window's first frame at start-up. */
static void
build_rows (RdRemindersView *self,
            GPtrArray       *open)
{
  g_auto(Sections) sections = { 0 };
  GtkListBox *lists[N_SECTIONS] = {
    self->overdue_list, self->today_list, self->week_list, self->later_list,
  };
  guint n_later = 0;

  sections_init (&sections, self);
  for (guint i = 0; i < N_SECTIONS; i++)
    rd_list_box_remove_all (lists[i]);

  for (guint i = 0; i < open->len; i++)
    {
      RdReminderRecord *reminder = g_ptr_array_index (open, i);
      g_autoptr(GDateTime) due = rd_reminder_record_get_effective_due (reminder);
      Section section;

      if (due == NULL)
        continue;

      section = section_of (&sections, due);
      if (section == SECTION_LATER && ++n_later > MAX_LATER_ROWS)
        continue;

      gtk_list_box_append (lists[section], create_row (self, reminder, sections.now));
    }
}

static void
on_map_cb (RdRemindersView *self)
{
  g_autoptr(GPtrArray) open = g_steal_pointer (&self->unshown);

  if (open != NULL)
    build_rows (self, open);
}

static void
populate (RdRemindersView *self,
          GPtrArray       *open)
{
  g_auto(Sections) sections = { 0 };
  guint n[N_SECTIONS] = { 0 };
  guint n_later;
  guint n_urgent;

  sections_init (&sections, self);
  for (guint i = 0; i < open->len; i++)
    {
      g_autoptr(GDateTime) due = rd_reminder_record_get_effective_due (g_ptr_array_index (open, i));

      if (due != NULL)
        n[section_of (&sections, due)]++;
    }
  n_later = n[SECTION_LATER];

  g_clear_pointer (&self->unshown, g_ptr_array_unref);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_rows (self, open);
  else
    self->unshown = g_ptr_array_ref (open);

  if (n_later > MAX_LATER_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more, further out",
                                                            "And %u more, further out",
                                                            n_later - MAX_LATER_ROWS),
                                               n_later - MAX_LATER_ROWS);
      adw_preferences_group_set_description (self->later_group, more);
    }
  else
    adw_preferences_group_set_description (self->later_group, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->overdue_group), n[SECTION_OVERDUE] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->today_group), n[SECTION_TODAY] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->week_group), n[SECTION_WEEK] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->later_group), n_later > 0);

  self->n_open = open->len;
  gtk_stack_set_visible_child_name (self->stack, open->len > 0 ? "list" : "empty");

  n_urgent = n[SECTION_OVERDUE] + n[SECTION_TODAY];
  if (n_urgent != self->n_urgent)
    {
      self->n_urgent = n_urgent;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_URGENT]);
    }
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

/* Loading and writing ---------------------------------------------------- */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RdRemindersView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_reminders_list_open_finish (RD_STORE (object), result, &error);
  g_autoptr(GPtrArray) open = NULL;

  if (docs != NULL)
    open = rd_records_new_from_documents (docs, &error);
  if (open == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the reminders: %s", error->message);
      return;
    }

  populate (self, open);
}

static void
written (RdRemindersView *self,
         gboolean         ok,
         GError          *error)
{
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not save the reminder: %s", error->message);
      return;
    }

  rd_reminders_view_reload (self);
}

static void
edited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RdRemindersView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = rd_reminders_edit_finish (RD_STORE (object), result, &error);

  written (self, ok, error);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RdRemindersView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = rd_reminders_add_manual_finish (RD_STORE (object), result, &error);

  written (self, id != NULL, error);
}

/* Marks the reminder @id done or snoozed, as of @when. */
static void
edit_one (RdRemindersView *self,
          RdReminderEdit   edit,
          const char      *id,
          GDateTime       *when)
{
  const char *ids[] = { id, NULL };

  if (self->store == NULL)
    return;

  rd_reminders_edit_async (self->store, edit, ids, when, self->cancellable, edited_cb,
                           g_object_ref (self));
}

/* New reminder dialog ---------------------------------------------------- */

typedef struct
{
  RdRemindersView *view;
  GtkEntry        *title_entry;
  GtkEntry        *date_entry;
  GtkEntry        *time_entry;
  GtkDropDown     *account_drop;
  GPtrArray       *account_ids;   /* index 0: NULL, "no account" */
} NewReminder;

static void
new_reminder_free (gpointer data)
{
  NewReminder *nr = data;

  g_clear_object (&nr->view);
  g_clear_pointer (&nr->account_ids, g_ptr_array_unref);
  g_free (nr);
}

static gboolean
parse_time (const char *text,
            guint      *minutes)
{
  guint h, m;
  char extra;

  if (sscanf (text, "%u:%u%c", &h, &m, &extra) != 2 || h > 23 || m > 59)
    return FALSE;
  *minutes = h * 60 + m;
  return TRUE;
}

static GDateTime *
read_due (NewReminder *nr)
{
  g_autofree char *iso = rd_date_normalize (gtk_editable_get_text (GTK_EDITABLE (nr->date_entry)),
                                            NULL);
  guint minutes;
  GDate date;

  if (iso == NULL || !rd_date_parse (iso, &date) ||
      !parse_time (gtk_editable_get_text (GTK_EDITABLE (nr->time_entry)), &minutes))
    return NULL;

  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), minutes / 60, minutes % 60, 0);
}

static void
on_new_changed_cb (GtkEditable      *editable,
                   AdwMessageDialog *dialog)
{
  NewReminder *nr = g_object_get_data (G_OBJECT (dialog), "new-reminder");
  g_autoptr(GDateTime) due = read_due (nr);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (nr->title_entry))));

  adw_message_dialog_set_response_enabled (dialog, "add", due != NULL && *title != '\0');
}

static void
on_new_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  NewReminder *nr = g_object_get_data (G_OBJECT (dialog), "new-reminder");
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *title = NULL;
  const char *account_id = NULL;
  guint selected;

  if (g_strcmp0 (response, "add") != 0)
    return;

  due = read_due (nr);
  if (due == NULL || nr->view->store == NULL)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (nr->title_entry))));
  selected = gtk_drop_down_get_selected (nr->account_drop);
  if (selected != GTK_INVALID_LIST_POSITION && selected < nr->account_ids->len)
    account_id = g_ptr_array_index (nr->account_ids, selected);
  rd_reminders_add_manual_async (nr->view->store, account_id, title, due, nr->view->cancellable,
                                 added_cb, g_object_ref (nr->view));
}

static GtkWidget *
labelled (const char *mnemonic,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);

  return box;
}

static void
accounts_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AdwMessageDialog) dialog = user_data;
  NewReminder *nr = g_object_get_data (G_OBJECT (dialog), "new-reminder");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = rd_store_list_documents_finish (RD_STORE (object), result, &error);
  g_autoptr(GtkStringList) names = NULL;
  const char *preselect = g_object_get_data (G_OBJECT (dialog), "account-id");
  guint selected = 0;

  if (accounts == NULL || nr == NULL)
    return;

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("No account"));
  for (guint i = 0; i < accounts->len; i++)
    {
      g_autoptr(RdAccount) account = rd_account_new_from_document (g_ptr_array_index (accounts, i),
                                                                   NULL);
      const char *name;

      if (account == NULL)
        continue;
      if (g_strcmp0 (rd_account_get_id (account), preselect) == 0)
        selected = nr->account_ids->len;
      name = rd_account_get_name (account);
      gtk_string_list_append (names, name != NULL ? name : "");
      g_ptr_array_add (nr->account_ids, g_strdup (rd_account_get_id (account)));
    }

  gtk_drop_down_set_model (nr->account_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (nr->account_drop, selected);
}

/* Signal callbacks ------------------------------------------------------- */

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  RdRemindersView *self = user_data;

  self->reload_id = 0;
  rd_reminders_view_reload (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (RdRemindersView *self,
                     const char      *type,
                     const char      *id,
                     RdStore         *store)
{
  g_assert (RD_IS_REMINDERS_VIEW (self));

  /* Reminders, or an account whose name they show. */
  if (g_strcmp0 (type, "reminder") != 0 && g_strcmp0 (type, "account") != 0)
    return;

  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (100, on_reload_timeout_cb, self);
}

/* Actions ---------------------------------------------------------------- */

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (widget);
  g_autoptr(GDateTime) now = get_now (self);

  edit_one (self, RD_REMINDER_EDIT_DONE, g_variant_get_string (parameter, NULL), now);
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (widget);
  g_autoptr(GDateTime) now = get_now (self);
  g_autoptr(GDateTime) until = NULL;
  const char *id, *choice;

  g_variant_get (parameter, "(&s&s)", &id, &choice);

  if (g_str_equal (choice, "hour"))
    until = g_date_time_add_hours (now, 1);
  else if (g_str_equal (choice, "tomorrow"))
    until = day_at (now, 1, SNOOZE_MORNING_MINUTES);
  else if (g_str_equal (choice, "week"))
    until = day_at (now, 7, SNOOZE_MORNING_MINUTES);
  else
    return;

  edit_one (self, RD_REMINDER_EDIT_SNOOZE, id, until);
}

static void
snooze_until_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (widget);
  g_autoptr(GDateTime) until = NULL;
  const char *id, *iso;
  GDate date;

  g_variant_get (parameter, "(&s&s)", &id, &iso);
  if (!rd_date_parse (iso, &date))
    return;

  until = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), SNOOZE_MORNING_MINUTES / 60,
                                 SNOOZE_MORNING_MINUTES % 60, 0);
  edit_one (self, RD_REMINDER_EDIT_SNOOZE, id, until);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "window.open-account", "s",
                              g_variant_get_string (parameter, NULL));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  rd_reminders_view_new_reminder (RD_REMINDERS_VIEW (widget), NULL);
}

static void
set_store (RdRemindersView *self,
           RdStore         *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      rd_reminders_view_reload (self);
    }
}

/* GObject ---------------------------------------------------------------- */

static void
rd_reminders_view_dispose (GObject *object)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->unshown, g_ptr_array_unref);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  /* The stack is both AdwBin's child and a template child. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_REMINDERS_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_reminders_view_parent_class)->dispose (object);
}

static void
rd_reminders_view_finalize (GObject *object)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rd_reminders_view_parent_class)->finalize (object);
}

static void
rd_reminders_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_N_URGENT:
      g_value_set_uint (value, self->n_urgent);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_reminders_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      rd_reminders_view_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_reminders_view_class_init (RdRemindersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_reminders_view_dispose;
  object_class->finalize = rd_reminders_view_finalize;
  object_class->get_property = rd_reminders_view_get_property;
  object_class->set_property = rd_reminders_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_URGENT] =
    g_param_spec_uint ("n-urgent", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-reminders-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, later_group);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, later_list);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, stack);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, today_group);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, today_list);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, week_group);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, week_list);

  gtk_widget_class_install_action (widget_class, "reminders.done", "s", done_action);
  gtk_widget_class_install_action (widget_class, "reminders.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "reminders.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "reminders.snooze", "(ss)", snooze_action);
  gtk_widget_class_install_action (widget_class, "reminders.snooze-until", "(ss)",
                                   snooze_until_action);
}

static void
rd_reminders_view_init (RdRemindersView *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

/* Public API ------------------------------------------------------------- */

RdContext *
rd_reminders_view_get_context (RdRemindersView *self)
{
  g_return_val_if_fail (RD_IS_REMINDERS_VIEW (self), NULL);

  return self->context;
}

void
rd_reminders_view_set_context (RdRemindersView *self,
                               RdContext       *context)
{
  g_return_if_fail (RD_IS_REMINDERS_VIEW (self));
  g_return_if_fail (context == NULL || RD_IS_CONTEXT (context));

  if (rd_context_follow_store (&self->context, context, self, (RdContextStoreFunc) set_store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

guint
rd_reminders_view_get_n_urgent (RdRemindersView *self)
{
  g_return_val_if_fail (RD_IS_REMINDERS_VIEW (self), 0);

  return self->n_urgent;
}

guint
rd_reminders_view_get_n_open (RdRemindersView *self)
{
  g_return_val_if_fail (RD_IS_REMINDERS_VIEW (self), 0);

  return self->n_open;
}

gboolean
rd_reminders_view_get_loaded (RdRemindersView *self)
{
  g_return_val_if_fail (RD_IS_REMINDERS_VIEW (self), FALSE);

  return self->loaded;
}

void
rd_reminders_view_reload (RdRemindersView *self)
{
  g_return_if_fail (RD_IS_REMINDERS_VIEW (self));

  if (self->store == NULL)
    return;

  rd_reminders_list_open_async (self->store, self->cancellable, load_cb, g_object_ref (self));
}

void
rd_reminders_view_new_reminder (RdRemindersView *self,
                                const char      *account_id)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autofree char *date = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  NewReminder *nr;
  GtkRoot *root;

  g_return_if_fail (RD_IS_REMINDERS_VIEW (self));

  if (self->store == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("New Reminder"), NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  nr = g_new0 (NewReminder, 1);
  nr->view = g_object_ref (self);
  nr->account_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (nr->account_ids, NULL);
  nr->title_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (nr->title_entry, _("e.g. Call the CFO about the budget"));
  gtk_entry_set_activates_default (nr->title_entry, TRUE);
  nr->date_entry = GTK_ENTRY (gtk_entry_new ());
  nr->time_entry = GTK_ENTRY (gtk_entry_new ());
  nr->account_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) { _("No account"), NULL }));
  gtk_drop_down_set_enable_search (nr->account_drop, TRUE);
  gtk_drop_down_set_expression (nr->account_drop,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));

  now = get_now (self);
  tomorrow = g_date_time_add_days (now, 1);
  date = g_date_time_format (tomorrow, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (nr->date_entry), date);
  gtk_editable_set_text (GTK_EDITABLE (nr->time_entry), "09:00");
  gtk_entry_set_activates_default (nr->date_entry, TRUE);
  gtk_entry_set_activates_default (nr->time_entry, TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), labelled (_("_What"), GTK_WIDGET (nr->title_entry)));
  gtk_box_append (GTK_BOX (box), labelled (_("_Account"), GTK_WIDGET (nr->account_drop)));
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *d = labelled (_("_Date"), GTK_WIDGET (nr->date_entry));
    GtkWidget *t = labelled (_("_Time"), GTK_WIDGET (nr->time_entry));

    gtk_widget_set_hexpand (d, TRUE);
    gtk_box_append (GTK_BOX (row), d);
    gtk_box_append (GTK_BOX (row), t);
    gtk_box_append (GTK_BOX (box), row);
  }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "new-reminder", nr, new_reminder_free);
  g_object_set_data_full (G_OBJECT (dialog), "account-id", g_strdup (account_id), g_free);
  g_signal_connect (nr->title_entry, "changed", G_CALLBACK (on_new_changed_cb), dialog);
  g_signal_connect (nr->date_entry, "changed", G_CALLBACK (on_new_changed_cb), dialog);
  g_signal_connect (nr->time_entry, "changed", G_CALLBACK (on_new_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_response_cb), NULL);

  rd_store_list_documents_async (self->store, "account", NULL, NULL, self->cancellable,
                                 accounts_loaded_cb, g_object_ref (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (nr->title_entry));
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RdRemindersView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n = 0;

  if (!rd_ical_export_file_finish (RD_STORE (object), result, &n, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("Could not export the reminders: %s"), error->message);
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u reminder",
                                          "Exported %u reminders", n), n);
  rd_widget_show_toast (GTK_WIDGET (self), title);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       RdRemindersView *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL || g_file_peek_path (file) == NULL || self->store == NULL)
    return;

  rd_ical_export_file_async (self->store, g_file_peek_path (file), self->cancellable, export_cb,
                             g_object_ref (self));
}

void
rd_reminders_view_export (RdRemindersView *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root;

  g_return_if_fail (RD_IS_REMINDERS_VIEW (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (_("Export Reminders"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Calendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("reminders.ics"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
