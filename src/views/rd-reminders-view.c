/* rd-reminders-view.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminders-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-account.h"
#include "rd-format.h"
#include "rd-ical.h"
#include "rd-reminder-dialog.h"
#include "rd-reminder-record.h"
#include "rd-reminder-refresh.h"
#include "rd-reminder-row.h"
#include "rd-reminders-view.h"
#include "rd-widget-util.h"

/* A section lists this many rows, and this many more each time its Show
 * More is pressed: a book can hold tens of thousands due this week, and a
 * list row each would take the page seconds to build.  Measured on
 * bench/startup's book (333,000 open reminders): four sections of 200
 * rows took 1.1 s to build and 3–4 s more to lay out (each wrapped label
 * is shaped again for every width it is measured at); of 50 rows of one
 * line, 0.2 s and 0.7 s; with rows of text cells that set no tooltip
 * (rd-reminder-row.c), the page shows after a stall of ~0.15 s. */
#define SECTION_PAGE_ROWS 50
#define SNOOZE_MORNING_MINUTES (9 * 60)

/* Where a reminder is listed, by when it is due. */
typedef enum
{
  SECTION_OVERDUE,
  SECTION_TODAY,
  SECTION_WEEK,
  SECTION_LATER,
  N_SECTIONS
} Section;

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
  guint          n_due[N_SECTIONS];  /* open reminders per section; the rows list a page */
  guint          limits[N_SECTIONS]; /* rows each section lists at most */
  GtkWidget     *more_buttons[N_SECTIONS];
  GListStore    *models[N_SECTIONS]; /* of RdReminderRecord: what each section's list shows */
  GDateTime     *rows_now;     /* while build_rows() fills the models: what new rows count from */
  GHashTable    *selected;     /* ids of the reminders checked in selection mode */
  GStrv          undo_ids;     /* what the last Done marked, for its toast's Undo */
  AdwToast      *undo_toast;   /* that toast while it shows */
  guint          loaded : 1;
  guint          selection_mode : 1;
  guint          rows_stale : 1; /* only counted while hidden: load the rows on map */
  guint          pages_loading;  /* page reads not yet answered */

  /* template children */
  GtkButton     *cancel_button;
  GtkListBox    *later_list;
  AdwPreferencesGroup *later_group;
  GtkListBox    *overdue_list;
  AdwPreferencesGroup *overdue_group;
  GtkScrolledWindow *scrolled;
  GtkButton     *select_button;
  GtkLabel      *selection_label;
  GtkRevealer   *selection_revealer;
  GtkStack      *stack;
  GtkLabel      *summary_label;
  AdwToastOverlay *toast_overlay;
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

static void on_row_selected_cb (RdReminderRow   *row,
                                GParamSpec      *pspec,
                                RdRemindersView *self);

static const char *
row_id (RdReminderRow *row)
{
  return rd_record_get_id (RD_RECORD (rd_reminder_row_get_reminder (row)));
}

/* The rows of the four lists, top to bottom. */
static GPtrArray *
list_rows (RdRemindersView *self)
{
  GtkListBox *lists[N_SECTIONS] = {
    self->overdue_list, self->today_list, self->week_list, self->later_list,
  };
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; i < N_SECTIONS; i++)
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (lists[i])); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (RD_IS_REMINDER_ROW (child))
        g_ptr_array_add (rows, child);

  return rows;
}

/* In selection mode, with its check ticked if its reminder is selected;
 * or not. */
static void
set_row_mode (RdRemindersView *self,
              RdReminderRow   *row)
{
  gboolean checked = self->selection_mode && g_hash_table_contains (self->selected, row_id (row));

  rd_reminder_row_set_selection_mode (row, self->selection_mode);
  g_signal_handlers_block_by_func (row, on_row_selected_cb, self);
  rd_reminder_row_set_selected (row, checked);
  g_signal_handlers_unblock_by_func (row, on_row_selected_cb, self);
}

/* The one place that enables the actions and labels the selection. */
static void
update_selection (RdRemindersView *self)
{
  guint n = g_hash_table_size (self->selected);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("No reminders selected"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n), n);
  gtk_label_set_text (self->selection_label, label);

  gtk_revealer_set_reveal_child (self->selection_revealer, self->selection_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->select_button), !self->selection_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->selection_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.select",
                                 !self->selection_mode && self->n_open > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.leave-selection",
                                 self->selection_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.select-all",
                                 self->selection_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.mark-done",
                                 self->selection_mode && n > 0);
}

static void
set_selection_mode (RdRemindersView *self,
                    gboolean         selection_mode)
{
  g_autoptr(GPtrArray) rows = NULL;

  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode)
    return;

  self->selection_mode = selection_mode;
  g_hash_table_remove_all (self->selected);
  rows = list_rows (self);
  for (guint i = 0; i < rows->len; i++)
    set_row_mode (self, g_ptr_array_index (rows, i));
  update_selection (self);

  /* The button that was pressed is hidden now: keep the focus nearby. */
  if (selection_mode && rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (rows, 0));
  else if (!selection_mode)
    gtk_widget_grab_focus (GTK_WIDGET (self->select_button));
}

/* For the lists' models: only build_rows() adds to them. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RdRemindersView *self = user_data;
  GtkWidget *row;

  g_assert (RD_IS_REMINDERS_VIEW (self));
  g_assert (self->rows_now != NULL);

  row = rd_reminder_row_new (item, self->rows_now);
  set_row_mode (self, RD_REMINDER_ROW (row));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_row_selected_cb), self, 0);

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
  if (g_date_time_compare (due, sections->now) <= 0 && rd_date_time_days_between (sections->now, due) < 0)
    return SECTION_OVERDUE;
  if (g_date_time_compare (due, sections->tomorrow) < 0)
    return SECTION_TODAY;
  if (g_date_time_compare (due, sections->week_end) < 0)
    return SECTION_WEEK;

  return SECTION_LATER;
}

/* When the row with the focus goes, GTK hands the focus to its list, and
 * the viewport scrolls to that list's top: the page jumps.  So the focus
 * is taken away before the rows are rebuilt, and given back after to the
 * row now in the same place.  Returns that place, or -1. */
static int
forget_focus (RdRemindersView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (focus == NULL)
    return -1;

  rows = list_rows (self);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (focus == row || gtk_widget_is_ancestor (focus, row))
        {
          gtk_root_set_focus (root, NULL);
          return (int) i;
        }
    }

  return -1;
}

static void
restore_focus (RdRemindersView *self,
               int              position)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *viewport;
  gboolean scrolls;

  if (position < 0)
    return;

  rows = list_rows (self);
  if (rows->len == 0)
    return;

  /* The new row has no place yet: the viewport would scroll to nowhere. */
  viewport = gtk_scrolled_window_get_child (self->scrolled);
  scrolls = GTK_IS_VIEWPORT (viewport) &&
            gtk_viewport_get_scroll_to_focus (GTK_VIEWPORT (viewport));
  if (scrolls)
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), FALSE);
  gtk_widget_grab_focus (g_ptr_array_index (rows, MIN ((guint) position, rows->len - 1)));
  if (scrolls)
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
}

/* Whether the row at @position of @model shows @reminder as it is. */
static gboolean
row_shows (GListModel       *model,
           guint             position,
           RdReminderRecord *reminder)
{
  g_autoptr(RdRecord) shown = g_list_model_get_item (model, position);

  return json_object_equal (rd_record_get_document (shown),
                            rd_record_get_document (RD_RECORD (reminder)));
}

/* Fills the lists' models, one splice each: only while the page is on
 * screen, since hundreds of rows would otherwise delay the window's first
 * frame at start-up.  The rows of the reminders that did not change at
 * either end of a list stay, told the time again: a reload after a Done,
 * or Show More, builds a few rows, not every row (each takes milliseconds
 * to build and lay out). */
static void
build_rows (RdRemindersView *self,
            GPtrArray       *open)
{
  GtkListBox *lists[N_SECTIONS] = {
    self->overdue_list, self->today_list, self->week_list, self->later_list,
  };
  g_auto(Sections) sections = { 0 };
  GPtrArray *listed[N_SECTIONS];
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double value = gtk_adjustment_get_value (vadjustment);
  int focused = forget_focus (self);

  sections_init (&sections, self);
  for (guint i = 0; i < N_SECTIONS; i++)
    listed[i] = g_ptr_array_new ();

  for (guint i = 0; i < open->len; i++)
    {
      RdReminderRecord *reminder = g_ptr_array_index (open, i);
      g_autoptr(GDateTime) due = rd_reminder_record_get_effective_due (reminder);
      Section section;

      if (due == NULL)
        continue;

      section = section_of (&sections, due);
      if (listed[section]->len < self->limits[section])
        g_ptr_array_add (listed[section], reminder);
    }

  self->rows_now = sections.now;
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      GListModel *model = G_LIST_MODEL (self->models[i]);
      RdReminderRecord **shown = (RdReminderRecord **) listed[i]->pdata;
      guint n_old = g_list_model_get_n_items (model);
      guint n_new = listed[i]->len;
      guint head = 0, tail = 0;

      while (head < n_old && head < n_new && row_shows (model, head, shown[head]))
        head++;
      while (tail < n_old - head && tail < n_new - head &&
             row_shows (model, n_old - 1 - tail, shown[n_new - 1 - tail]))
        tail++;

      g_list_store_splice (self->models[i], head, n_old - head - tail, (gpointer *) shown + head,
                           n_new - head - tail);
      for (guint j = 0; j < n_new; j++)
        if (j < head || j >= n_new - tail)
          rd_reminder_row_set_now (RD_REMINDER_ROW (gtk_list_box_get_row_at_index (lists[i], (int) j)),
                                   sections.now);
      g_ptr_array_unref (listed[i]);
    }
  self->rows_now = NULL;

  restore_focus (self, focused);
  gtk_adjustment_set_value (vadjustment, value);
}

static void
on_map_cb (RdRemindersView *self)
{
  g_autoptr(GPtrArray) open = g_steal_pointer (&self->unshown);

  if (self->rows_stale)
    rd_reminders_view_reload (self);
  else if (open != NULL)
    build_rows (self, open);
}

static void
show_summary (RdRemindersView *self,
              guint            n_urgent)
{
  g_autofree char *open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u open reminder",
                                                        "%'u open reminders", self->n_open),
                                           self->n_open);
  g_autofree char *summary = NULL;

  if (n_urgent > 0)
    /* Translators: "12 open reminders, 3 due today or overdue" */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %'u due today or overdue",
                                            "%s, %'u due today or overdue", n_urgent),
                               open, n_urgent);
  gtk_label_set_text (self->summary_label, summary != NULL ? summary : open);
}

/* Only what is still open stays selected. */
static void
keep_selected (RdRemindersView *self,
               GPtrArray       *open)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < open->len; i++)
    g_hash_table_add (ids, (gpointer) rd_record_get_id (g_ptr_array_index (open, i)));

  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (ids, key))
      g_hash_table_iter_remove (&iter);

  update_selection (self);
}

static void
set_n_urgent (RdRemindersView *self,
              guint            n_urgent)
{
  if (n_urgent == self->n_urgent)
    return;

  self->n_urgent = n_urgent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_URGENT]);
}

static AdwPreferencesGroup *
section_group (RdRemindersView *self,
               Section          section)
{
  AdwPreferencesGroup *groups[N_SECTIONS] = {
    self->overdue_group, self->today_group, self->week_group, self->later_group,
  };

  return groups[section];
}

/* Shows each section that has reminders, and what it does not list yet. */
static void
update_section_headers (RdRemindersView *self)
{
  for (Section i = 0; i < N_SECTIONS; i++)
    {
      AdwPreferencesGroup *group = section_group (self, i);
      guint n_hidden = self->n_due[i] > self->limits[i] ? self->n_due[i] - self->limits[i] : 0;
      g_autofree char *more = NULL;

      if (n_hidden > 0 && i == SECTION_LATER)
        more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %'u more, further out",
                                             "And %'u more, further out", n_hidden),
                                n_hidden);
      else if (n_hidden > 0)
        more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %'u more",
                                             "And %'u more", n_hidden),
                                n_hidden);

      adw_preferences_group_set_description (group, more);
      gtk_widget_set_visible (self->more_buttons[i], n_hidden > 0);
      gtk_widget_set_visible (GTK_WIDGET (group), self->n_due[i] > 0);
    }
}

static void
on_show_more_clicked_cb (GtkButton       *button,
                         RdRemindersView *self)
{
  for (Section i = 0; i < N_SECTIONS; i++)
    if (GTK_WIDGET (button) == self->more_buttons[i])
      self->limits[i] += SECTION_PAGE_ROWS;

  rd_reminders_view_reload (self);
}

static void
populate (RdRemindersView *self,
          GPtrArray       *open)
{
  const guint *n = self->n_due;
  guint n_open = 0;

  for (guint i = 0; i < N_SECTIONS; i++)
    n_open += n[i];

  g_clear_pointer (&self->unshown, g_ptr_array_unref);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_rows (self, open);
  else
    self->unshown = g_ptr_array_ref (open);
  update_section_headers (self);

  self->n_open = n_open;
  gtk_stack_set_visible_child_name (self->stack, n_open > 0 ? "list" : "empty");
  show_summary (self, n[SECTION_OVERDUE] + n[SECTION_TODAY]);
  if (n_open == 0)
    set_selection_mode (self, FALSE);
  keep_selected (self, open);

  self->rows_stale = FALSE;
  set_n_urgent (self, n[SECTION_OVERDUE] + n[SECTION_TODAY]);
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
  g_autoptr(RdReminderPage) page = rd_reminders_list_open_page_finish (RD_STORE (object), result,
                                                                      &error);
  g_autoptr(GPtrArray) open = NULL;

  self->pages_loading--;
  if (page != NULL)
    open = rd_records_new_from_documents (page->reminders, &error);
  if (open == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the reminders: %s", error->message);
      return;
    }

  G_STATIC_ASSERT (N_SECTIONS == RD_STORE_REMINDER_SECTIONS);
  memcpy (self->n_due, page->counts, sizeof self->n_due);
  populate (self, open);
}

/* Hidden, the page only tells how many are open and urgent (the sidebar's
 * badge): a book can hold hundreds of thousands of open reminders, which
 * are not read, nor kept, until the page shows. */
static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RdRemindersView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree RdReminderCounts *counts = rd_reminders_count_open_finish (RD_STORE (object), result,
                                                                        &error);

  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the reminders: %s", error->message);
      return;
    }

  self->n_open = counts->n_open;
  show_summary (self, counts->n_before);
  set_n_urgent (self, counts->n_before);
  /* Shown since it counted: the page read asked for on map is at least
   * as new as this count. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      if (self->pages_loading == 0)
        rd_reminders_view_reload (self);
    }
  else
    {
      self->rows_stale = TRUE;
      g_clear_pointer (&self->unshown, g_ptr_array_unref);
    }
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

/* Done, with Undo ---------------------------------------------------------- */

typedef struct
{
  RdRemindersView *view;
  GStrv            ids;
} DoneJob;

static void
done_job_free (DoneJob *job)
{
  g_clear_object (&job->view);
  g_strfreev (job->ids);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DoneJob, done_job_free)

static void
on_undo_toast_dismissed_cb (AdwToast        *toast,
                            RdRemindersView *self)
{
  g_assert (RD_IS_REMINDERS_VIEW (self));

  if (self->undo_toast != toast)
    return;

  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->undo_ids, g_strfreev);
}

static void
show_undo_toast (RdRemindersView *self,
                 GStrv            ids)
{
  guint n = g_strv_length (ids);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reminder marked done",
                                        "%u reminders marked done", n), n);
  toast = rd_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "reminders.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self, 0);

  self->undo_ids = g_strdupv (ids);
  self->undo_toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
marked_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DoneJob) job = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = rd_reminders_edit_finish (RD_STORE (object), result, &error);

  if (ok)
    show_undo_toast (job->view, job->ids);
  written (job->view, ok, error);
}

/* Marks @ids done now, in one write, and offers to undo it. */
static void
mark_done (RdRemindersView    *self,
           const char * const *ids)
{
  g_autoptr(GDateTime) now = NULL;
  DoneJob *job;

  if (self->store == NULL || ids == NULL || ids[0] == NULL)
    return;

  now = get_now (self);
  job = g_new0 (DoneJob, 1);
  job->view = g_object_ref (self);
  job->ids = g_strdupv ((GStrv) ids);
  rd_reminders_edit_async (self->store, RD_REMINDER_EDIT_DONE, ids, now, self->cancellable,
                           marked_done_cb, job);
}

/* New reminder dialog ---------------------------------------------------- */

static void
on_new_response_cb (RdReminderDialog *dialog,
                    const char       *response,
                    RdRemindersView  *self)
{
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *title = NULL;

  g_assert (RD_IS_REMINDERS_VIEW (self));

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;

  title = rd_reminder_dialog_dup_title (dialog);
  due = rd_reminder_dialog_dup_due (dialog);
  if (*title == '\0')
    return;

  rd_reminders_add_manual_async (self->store, rd_reminder_dialog_get_account_id (dialog), title,
                                 due, self->cancellable, added_cb, g_object_ref (self));
}

static void
accounts_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RdReminderDialog) dialog = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_list_documents_finish (RD_STORE (object), result, &error);
  g_autoptr(GPtrArray) accounts = NULL;

  if (docs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the accounts: %s", error->message);
      return;
    }

  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < docs->len; i++)
    {
      RdAccount *account = rd_account_new_from_document (g_ptr_array_index (docs, i), NULL);

      if (account != NULL)
        g_ptr_array_add (accounts, account);
    }

  rd_reminder_dialog_set_accounts (dialog, accounts);
}

/* Signal callbacks ------------------------------------------------------- */

static void
on_row_selected_cb (RdReminderRow   *row,
                    GParamSpec      *pspec,
                    RdRemindersView *self)
{
  const char *id = row_id (row);

  g_assert (RD_IS_REMINDERS_VIEW (self));

  if (rd_reminder_row_get_selected (row))
    g_hash_table_add (self->selected, g_strdup (id));
  else
    g_hash_table_remove (self->selected, id);
  update_selection (self);
}

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
  const char *ids[] = { g_variant_get_string (parameter, NULL), NULL };

  mark_done (RD_REMINDERS_VIEW (widget), ids);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (widget);
  g_autoptr(GPtrArray) rows = list_rows (self);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  /* In the order they are listed. */
  for (guint i = 0; i < rows->len; i++)
    {
      const char *id = row_id (g_ptr_array_index (rows, i));

      if (g_hash_table_contains (self->selected, id))
        g_ptr_array_add (ids, (gpointer) id);
    }
  g_ptr_array_add (ids, NULL);

  mark_done (self, (const char * const *) ids->pdata);
  set_selection_mode (self, FALSE);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (widget);
  g_auto(GStrv) ids = g_steal_pointer (&self->undo_ids);
  g_autoptr(GDateTime) now = NULL;

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  if (ids == NULL || self->store == NULL)
    return;

  now = get_now (self);
  rd_reminders_edit_async (self->store, RD_REMINDER_EDIT_UNDONE, (const char * const *) ids, now,
                           self->cancellable, edited_cb, g_object_ref (self));
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_selection_mode (RD_REMINDERS_VIEW (widget), TRUE);
}

static void
leave_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  set_selection_mode (RD_REMINDERS_VIEW (widget), FALSE);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (widget);
  g_autoptr(GPtrArray) rows = list_rows (self);

  for (guint i = 0; i < rows->len; i++)
    rd_reminder_row_set_selected (g_ptr_array_index (rows, i), TRUE);
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
  /* Another book lists its first page again. */
  for (guint i = 0; i < N_SECTIONS; i++)
    self->limits[i] = SECTION_PAGE_ROWS;
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
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->undo_ids, g_strfreev);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  /* The stack is both AdwBin's child and a template child. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_REMINDERS_VIEW);
  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_object (&self->models[i]);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_reminders_view_parent_class)->dispose (object);
}

static void
rd_reminders_view_finalize (GObject *object)
{
  RdRemindersView *self = RD_REMINDERS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->selected, g_hash_table_unref);

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
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, later_group);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, later_list);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, select_button);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, stack);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, today_group);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, today_list);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, week_group);
  gtk_widget_class_bind_template_child (widget_class, RdRemindersView, week_list);

  gtk_widget_class_install_action (widget_class, "reminders.done", "s", done_action);
  gtk_widget_class_install_action (widget_class, "reminders.leave-selection", NULL,
                                   leave_selection_action);
  gtk_widget_class_install_action (widget_class, "reminders.mark-done", NULL, mark_done_action);
  gtk_widget_class_install_action (widget_class, "reminders.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "reminders.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "reminders.select", NULL, select_action);
  gtk_widget_class_install_action (widget_class, "reminders.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "reminders.snooze", "(ss)", snooze_action);
  gtk_widget_class_install_action (widget_class, "reminders.snooze-until", "(ss)",
                                   snooze_until_action);
  gtk_widget_class_install_action (widget_class, "reminders.undo", NULL, undo_action);
}

/* Escape and Ctrl+A are caught on the way down: the lists bind Ctrl+A to
 * their own (unused) selection and would swallow it.  Both do nothing, and
 * let the key through, outside selection mode, where their actions are
 * disabled. */
static void
add_selection_shortcuts (RdRemindersView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("reminders.leave-selection")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("reminders.select-all")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Only rows in selection mode are activatable: it ticks their check. */
static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     gpointer       user_data)
{
  rd_reminder_row_toggle (RD_REMINDER_ROW (row));
}

static void
bind_models (RdRemindersView *self)
{
  GtkListBox *lists[N_SECTIONS] = {
    self->overdue_list, self->today_list, self->week_list, self->later_list,
  };

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      self->models[i] = g_list_store_new (RD_TYPE_REMINDER_RECORD);
      gtk_list_box_bind_model (lists[i], G_LIST_MODEL (self->models[i]), create_row, self, NULL);
      g_signal_connect (lists[i], "row-activated", G_CALLBACK (on_row_activated_cb), NULL);

      self->limits[i] = SECTION_PAGE_ROWS;
      self->more_buttons[i] = gtk_button_new_with_label (_("Show More"));
      gtk_widget_add_css_class (self->more_buttons[i], "flat");
      gtk_widget_set_valign (self->more_buttons[i], GTK_ALIGN_CENTER);
      gtk_widget_set_visible (self->more_buttons[i], FALSE);
      g_signal_connect (self->more_buttons[i], "clicked", G_CALLBACK (on_show_more_clicked_cb), self);
      adw_preferences_group_set_header_suffix (section_group (self, i), self->more_buttons[i]);
    }
}

static void
rd_reminders_view_init (RdRemindersView *self)
{
  self->cancellable = g_cancellable_new ();
  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  bind_models (self);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  add_selection_shortcuts (self);
  update_selection (self);
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

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_autoptr(GDateTime) now = get_now (self);
      g_autoptr(GDateTime) tomorrow = day_at (now, 1, 0);

      rd_reminders_count_open_async (self->store, tomorrow, self->cancellable, counted_cb,
                                     g_object_ref (self));
      return;
    }

  {
    g_auto(Sections) sections = { 0 };
    g_autoptr(GDateTime) today = NULL;

    sections_init (&sections, self);
    today = day_at (sections.now, 0, 0);
    self->pages_loading++;
    rd_reminders_list_open_page_async (self->store,
                                       (GDateTime *[]) { today, sections.tomorrow, sections.week_end },
                                       self->limits, self->cancellable, load_cb,
                                       g_object_ref (self));
  }
}

void
rd_reminders_view_new_reminder (RdRemindersView *self,
                                const char      *account_id)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  RdReminderDialog *dialog;
  GtkRoot *root;

  g_return_if_fail (RD_IS_REMINDERS_VIEW (self));

  if (self->store == NULL)
    return;

  now = get_now (self);
  local = g_date_time_to_local (now);
  tomorrow = day_at (local, 1, SNOOZE_MORNING_MINUTES);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = rd_reminder_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, account_id,
                                   tomorrow);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_response_cb), self, 0);

  rd_store_list_documents_async (self->store, "account", NULL, NULL, self->cancellable,
                                 accounts_loaded_cb, g_object_ref (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
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
