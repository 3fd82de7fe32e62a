/* rd-reminder-scheduler.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-scheduler"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-reminder-refresh.h"
#include "rd-reminder-scheduler.h"

/* Other data changed: derive again once things are quiet. */
#define REFRESH_DEBOUNCE_MS 2000
/* Reminders changed: reload them. */
#define RELOAD_DEBOUNCE_MS 150
/* Derive at least this often (new weekly updates, the horizon moving). */
#define REFRESH_EVERY_MINUTES 10

struct _RdReminderScheduler
{
  GObject          parent_instance;

  GApplication    *application;   /* weak */
  RdStore         *store;
  RdClock         *clock;
  GCancellable    *cancellable;
  RdReminderPrefs  prefs;

  RdReminderList  *open;          /* as last loaded: what is due and next */
  gint64           horizon;       /* unix µs when that list stops being complete, or
                                   * RD_REMINDER_NO_TIME */
  GHashTable      *sent;          /* uuid → effective due sent for (until stored) */
  GHashTable      *shown;         /* notification ids we sent and did not withdraw */
  GHashTable      *group;         /* uuids in the grouped notification */

  guint            refresh_id;
  guint            reload_id;
  guint            due_id;
  guint            n_jobs;
  guint            minutes;
  int              day_of_year;   /* of the last minute tick; 0 before the first */
  guint            enabled : 1;
  guint            started : 1;
  guint            checked_once : 1;
  guint            refresh_running : 1;
  guint            refresh_again : 1;
};

enum {
  SENT,
  WITHDRAWN,
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdReminderScheduler, rd_reminder_scheduler, G_TYPE_OBJECT)

static void check (RdReminderScheduler *self);
static void queue_reload (RdReminderScheduler *self, guint delay_ms);

/* Helpers ---------------------------------------------------------------- */

static char *
notification_id (const char *uuid)
{
  return g_strconcat ("reminder-", uuid, NULL);
}

/* As RdReminderTimes counts. */
static gint64
usec_of (GDateTime *instant)
{
  return g_date_time_to_unix (instant) * G_USEC_PER_SEC + g_date_time_get_microsecond (instant);
}

static GDateTime *
instant_of (gint64 usec)
{
  g_autoptr(GDateTime) second = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (second, usec % G_USEC_PER_SEC);
}

static const RdReminderTimes *
times_at (RdReminderList *list,
          guint           i)
{
  return &g_array_index (list->times, RdReminderTimes, i);
}

/* Listed in @open, and due at @now (or without a due time). */
static gboolean
is_listed_due (RdReminderList *open,
               const char     *uuid,
               gint64          now)
{
  int i = rd_reminder_list_find (open, uuid);
  gint64 due;

  if (i < 0)
    return FALSE;

  due = times_at (open, (guint) i)->due;
  return due == RD_REMINDER_NO_TIME || due <= now;
}

static void
free_list_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_assert (task_data != NULL);

  rd_reminder_list_free (task_data);
  g_task_return_boolean (task, TRUE);
}

/* A list of tens of thousands of documents takes tens of milliseconds to
 * free: not on the main thread.  Nothing else holds its documents. */
static void
free_list_in_thread (RdReminderList *list)
{
  g_autoptr(GTask) task = NULL;

  if (list == NULL)
    return;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, free_list_in_thread);
  g_task_set_task_data (task, list, NULL);
  g_task_run_in_thread (task, free_list_thread);
}

static void
job_started (RdReminderScheduler *self)
{
  /* A write started by a notification's button must land even when the
   * application has nothing else to do and would quit. */
  if (self->application != NULL)
    g_application_hold (self->application);
  self->n_jobs++;
}

static void
job_finished (RdReminderScheduler *self)
{
  g_assert (self->n_jobs > 0);
  self->n_jobs--;
  if (self->application != NULL)
    g_application_release (self->application);
}

static void
withdraw (RdReminderScheduler *self,
          const char          *id)
{
  if (!g_hash_table_remove (self->shown, id))
    return;

  if (self->application != NULL)
    g_application_withdraw_notification (self->application, id);
  g_signal_emit (self, signals[WITHDRAWN], 0, id);
}

static void
send (RdReminderScheduler *self,
      const char          *id,
      GNotification       *notification)
{
  g_hash_table_add (self->shown, g_strdup (id));

  if (self->application != NULL)
    g_application_send_notification (self->application, id, notification);
  g_signal_emit (self, signals[SENT], 0, id, notification);
}

static char *
describe_due (GDateTime *due,
              GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (due);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  GTimeSpan late = g_date_time_difference (now, due);

  if (late < 2 * G_TIME_SPAN_MINUTE)
    return g_strdup_printf (_("Due now, %s"), time);
  if (g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now) &&
      g_date_time_get_year (local) == g_date_time_get_year (now))
    return g_strdup_printf (_("Due today at %s"), time);
  else
    {
      g_autofree char *iso = g_date_time_format (local, "%Y-%m-%d");
      g_autofree char *date = rd_date_format (iso);

      /* Translators: "Overdue since 03/11/2026, 09:00" */
      return g_strdup_printf (_("Overdue since %s, %s"), date, time);
    }
}

static GNotification *
build_single (JsonObject *reminder,
              GDateTime  *now)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GDateTime) due = rd_reminder_get_effective_due (reminder);
  g_autofree char *when = describe_due (due, now);
  g_autofree char *body = NULL;
  const char *uuid = rd_reminder_get_uuid (reminder);
  const char *title = rd_document_get_string (reminder, "title");
  const char *account = rd_document_get_string (reminder, "account_name");
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);

  if (title == NULL)
    title = rd_reminder_get_kind_label (reminder);

  if (account != NULL)
    /* Translators: notification body: "Reconnect · Nordlicht Energie AG\nDue now, 09:00" */
    body = g_strdup_printf (_("%s · %s\n%s"), rd_reminder_get_kind_label (reminder), account, when);
  else
    body = g_strdup_printf (_("%s\n%s"), rd_reminder_get_kind_label (reminder), when);

  notification = g_notification_new (title);
  g_object_set_data_full (G_OBJECT (notification), "title", g_strdup (title), g_free);
  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action_and_target (notification, "app.open-reminder", "s", uuid);
  g_notification_add_button_with_target (notification, _("Snooze"), "app.snooze-reminder", "s", uuid);
  g_notification_add_button_with_target (notification, _("Done"), "app.reminder-done", "s", uuid);

  return g_steal_pointer (&notification);
}

static GNotification *
build_group (RdReminderDecision *decision,
             GDateTime          *now)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);
  GPtrArray *reminders = decision->notify;
  gboolean overdue = usec_of (now) - decision->earliest_due >= 2 * G_TIME_SPAN_MINUTE;
  guint n = reminders->len;

  if (overdue)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up is overdue",
                                          "%u follow-ups are overdue", n), n);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up is due",
                                          "%u follow-ups are due", n), n);

  for (guint i = 0; i < MIN (n, 3); i++)
    {
      JsonObject *reminder = g_ptr_array_index (reminders, i);
      const char *text = rd_document_get_string (reminder, "title");

      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, text ? text : rd_reminder_get_kind_label (reminder));
    }
  if (n > 3)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 n - 3), n - 3);
    }

  notification = g_notification_new (title);
  g_object_set_data_full (G_OBJECT (notification), "title", g_strdup (title), g_free);
  g_notification_set_body (notification, body->str);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action (notification, "app.show-reminders");
  g_notification_add_button (notification, _("Show Reminders"), "app.show-reminders");

  return g_steal_pointer (&notification);
}

/* Loading and writing, through the core's async calls ------------------- */

/* One load: as of when it lists what is due. */
typedef struct
{
  RdReminderScheduler *self;
  GDateTime           *now;
} Load;

static Load *
load_new (RdReminderScheduler *self,
          GDateTime           *now)
{
  Load *load = g_new0 (Load, 1);

  load->self = g_object_ref (self);
  load->now = g_date_time_ref (now);

  return load;
}

static void
load_free (Load *load)
{
  g_clear_object (&load->self);
  g_clear_pointer (&load->now, g_date_time_unref);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

/* The list holds what is due at @now and, of what is not, only what falls
 * due first (rd_reminders_list_due()): once that time comes, it must be
 * loaded again to know what comes after.  RD_REMINDER_NO_TIME when nothing
 * is to come. */
static gint64
find_horizon (RdReminderList *open,
              gint64          now)
{
  gint64 horizon = RD_REMINDER_NO_TIME;

  for (guint i = 0; i < open->times->len; i++)
    {
      gint64 due = times_at (open, i)->due;

      if (due != RD_REMINDER_NO_TIME && due > now && due > horizon)
        horizon = due;
    }

  return horizon;
}

/* Takes @open.  What it compares was read on the worker; it looks up only
 * what was sent and shown, not every reminder listed. */
static void
apply_open (RdReminderScheduler *self,
            RdReminderList      *open)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now_time = rd_clock_get_now (self->clock);
  gint64 now = usec_of (now_time);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  /* Once stored, the store is the memory.  A reminder not due at @now
   * (shown but snoozed since, elsewhere) keeps its memory, as it is taken
   * down below until then. */
  g_hash_table_iter_init (&iter, self->sent);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int i = rd_reminder_list_find (open, key);
      JsonObject *reminder = i >= 0 ? g_ptr_array_index (open->reminders, i) : NULL;

      if (reminder != NULL && is_listed_due (open, key, now) &&
          g_strcmp0 (rd_document_get_string (reminder, "notified_at"), value) >= 0)
        g_hash_table_iter_remove (&iter);
    }

  /* Done, snoozed or retired elsewhere, or by sync: take it down. */
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *id = key;

      if (g_str_has_prefix (id, "reminder-") && !is_listed_due (open, id + 9, now))
        g_ptr_array_add (gone, g_strdup (id));
    }
  for (guint i = 0; i < gone->len; i++)
    withdraw (self, g_ptr_array_index (gone, i));

  g_hash_table_iter_init (&iter, self->group);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!is_listed_due (open, key, now))
      g_hash_table_iter_remove (&iter);
  if (g_hash_table_size (self->group) == 0)
    withdraw (self, RD_REMINDER_GROUP_NOTIFICATION_ID);

  free_list_in_thread (g_steal_pointer (&self->open));
  self->open = open;
  g_signal_emit (self, signals[LOADED], 0);
}

/* Takes @open. */
static void
loaded (RdReminderScheduler *self,
        GDateTime           *now,
        RdReminderList      *open,
        GError              *error)
{
  if (open == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not update the reminders: %s", error->message);
      return;
    }

  self->horizon = find_horizon (open, usec_of (now));
  apply_open (self, open);
  check (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  RdReminderScheduler *self = load->self;
  g_autoptr(GError) error = NULL;
  RdReminderList *open = rd_reminders_list_due_finish (RD_STORE (object), result, &error);

  job_finished (self);
  loaded (self, load->now, open, error);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  RdReminderScheduler *self = load->self;
  g_autoptr(GError) error = NULL;
  RdReminderList *open = rd_reminders_refresh_list_due_finish (RD_STORE (object), result,
                                                               &error);
  gboolean ok = open != NULL;

  job_finished (self);
  self->refresh_running = FALSE;
  loaded (self, load->now, open, error);

  if (ok && self->refresh_again)
    {
      self->refresh_again = FALSE;
      rd_reminder_scheduler_queue_refresh (self);
    }
}

static void
start_load (RdReminderScheduler *self,
            gboolean             refresh)
{
  g_autoptr(GDateTime) now = rd_clock_get_now (self->clock);
  g_autoptr(GTimeZone) tz = NULL;

  if (!refresh)
    {
      job_started (self);
      rd_reminders_list_due_async (self->store, now, self->cancellable, load_cb,
                                   load_new (self, now));
      return;
    }

  if (self->refresh_running)
    {
      /* One derivation at a time; run again once this one is in. */
      self->refresh_again = TRUE;
      return;
    }

  self->refresh_running = TRUE;
  tz = g_time_zone_new_local ();
  job_started (self);
  rd_reminders_refresh_list_due_async (self->store, &self->prefs, tz, now, self->cancellable,
                                       refresh_cb, load_new (self, now));
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RdReminderScheduler) self = user_data;
  g_autoptr(GError) error = NULL;

  job_finished (self);

  if (!rd_reminders_edit_finish (RD_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not save a reminder: %s", error->message);
    }

  /* The store's "changed" reloads too; this covers a store without a
   * main loop of its own in tests. */
  queue_reload (self, RELOAD_DEBOUNCE_MS);
}

static void
start_edit (RdReminderScheduler *self,
            RdReminderEdit       edit,
            const char * const  *ids,
            GDateTime           *when)
{
  job_started (self);
  rd_reminders_edit_async (self->store, edit, ids, when, self->cancellable, written_cb,
                           g_object_ref (self));
}

/* Done or snoozed from a notification: take it down now, then write. */
static void
edit_one (RdReminderScheduler *self,
          RdReminderEdit       edit,
          const char          *id,
          GDateTime           *when)
{
  const char *ids[] = { id, NULL };
  g_autofree char *single = notification_id (id);

  withdraw (self, single);
  start_edit (self, edit, ids, when);
}

/* Deciding and sending --------------------------------------------------- */

static gboolean
on_due_timeout_cb (gpointer user_data)
{
  RdReminderScheduler *self = user_data;

  self->due_id = 0;
  check (self);

  return G_SOURCE_REMOVE;
}

static void
arm_next (RdReminderScheduler *self,
          GDateTime           *next_due,
          GDateTime           *now)
{
  GTimeSpan wait;

  g_clear_handle_id (&self->due_id, g_source_remove);

  /* A fake clock moves only when told; the minute tick covers the rest. */
  if (next_due == NULL || rd_clock_is_fake (self->clock))
    return;

  wait = g_date_time_difference (next_due, now);
  wait = CLAMP (wait, G_TIME_SPAN_SECOND, G_TIME_SPAN_HOUR);
  self->due_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (wait / 1000) + 100,
                                     on_due_timeout_cb, self, NULL);
  g_source_set_name_by_id (self->due_id, "[rd] next reminder");
}

static void
check (RdReminderScheduler *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(RdReminderDecision) decision = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *now_at = NULL;

  if (self->open == NULL)
    return;

  now = rd_clock_get_now (self->clock);
  decision = rd_reminder_decide (self->open, now, self->sent);
  arm_next (self, decision->next_due, now);
  self->checked_once = TRUE;

  /* What falls due after the list's last reminder is not in it. */
  if (self->horizon != RD_REMINDER_NO_TIME && usec_of (now) >= self->horizon)
    {
      self->horizon = RD_REMINDER_NO_TIME;
      queue_reload (self, 0);
    }

  if (!self->enabled || decision->notify->len == 0)
    return;

  ids = g_ptr_array_new_with_free_func (g_free);

  if (decision->group)
    {
      g_autoptr(GNotification) notification = build_group (decision, now);

      for (guint i = 0; i < decision->notify->len; i++)
        {
          const char *uuid = rd_reminder_get_uuid (g_ptr_array_index (decision->notify, i));
          g_autofree char *single = notification_id (uuid);

          /* The group replaces any single one still up. */
          withdraw (self, single);
          g_hash_table_add (self->group, g_strdup (uuid));
        }
      send (self, RD_REMINDER_GROUP_NOTIFICATION_ID, notification);
    }
  else
    {
      for (guint i = 0; i < decision->notify->len; i++)
        {
          JsonObject *reminder = g_ptr_array_index (decision->notify, i);
          g_autoptr(GNotification) notification = build_single (reminder, now);
          g_autofree char *id = notification_id (rd_reminder_get_uuid (reminder));

          send (self, id, notification);
        }
    }

  now_at = rd_reminder_format_instant (now);
  for (guint i = 0; i < decision->notify->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (decision->notify, i);
      const char *uuid = rd_reminder_get_uuid (reminder);

      g_hash_table_insert (self->sent, g_strdup (uuid), g_strdup (now_at));
      g_ptr_array_add (ids, g_strdup (uuid));
    }
  g_ptr_array_add (ids, NULL);
  start_edit (self, RD_REMINDER_EDIT_NOTIFIED, (const char * const *) ids->pdata, now);
}

/* Signal callbacks ------------------------------------------------------- */

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  RdReminderScheduler *self = user_data;

  self->reload_id = 0;
  job_finished (self);
  start_load (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
queue_reload (RdReminderScheduler *self,
              guint                delay_ms)
{
  if (!self->started || self->reload_id != 0)
    return;

  job_started (self);
  self->reload_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, on_reload_timeout_cb,
                                        self, NULL);
}

static gboolean
on_refresh_timeout_cb (gpointer user_data)
{
  RdReminderScheduler *self = user_data;

  self->refresh_id = 0;
  job_finished (self);
  start_load (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (RdReminderScheduler *self,
                     const char          *type,
                     const char          *id,
                     RdStore             *store)
{
  g_assert (RD_IS_REMINDER_SCHEDULER (self));

  if (g_strcmp0 (type, "reminder") == 0)
    queue_reload (self, RELOAD_DEBOUNCE_MS);
  else if (g_strcmp0 (type, "event") != 0 && g_strcmp0 (type, "contact") != 0 &&
           g_strcmp0 (type, "concern") != 0)
    rd_reminder_scheduler_queue_refresh (self);
}

static void
on_minute_changed_cb (RdReminderScheduler *self,
                      RdClock             *clock)
{
  g_assert (RD_IS_REMINDER_SCHEDULER (self));

  g_autoptr(GDateTime) now = NULL;
  int day_of_year;

  g_assert (RD_IS_CLOCK (clock));

  if (!self->started)
    return;

  /* Past midnight, or awake after a suspend across one: derive again now
   * rather than at the next regular refresh. */
  now = rd_clock_get_now (clock);
  day_of_year = g_date_time_get_day_of_year (now);
  if (++self->minutes % REFRESH_EVERY_MINUTES == 0 ||
      (self->day_of_year != 0 && self->day_of_year != day_of_year))
    rd_reminder_scheduler_queue_refresh (self);
  self->day_of_year = day_of_year;
  check (self);
}

/* GObject ---------------------------------------------------------------- */

static void
rd_reminder_scheduler_dispose (GObject *object)
{
  RdReminderScheduler *self = RD_REMINDER_SCHEDULER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->due_id, g_source_remove);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_reminder_scheduler_parent_class)->dispose (object);
}

static void
rd_reminder_scheduler_finalize (GObject *object)
{
  RdReminderScheduler *self = RD_REMINDER_SCHEDULER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->open, rd_reminder_list_free);
  g_clear_pointer (&self->sent, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->group, g_hash_table_unref);

  G_OBJECT_CLASS (rd_reminder_scheduler_parent_class)->finalize (object);
}

static void
rd_reminder_scheduler_class_init (RdReminderSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_reminder_scheduler_dispose;
  object_class->finalize = rd_reminder_scheduler_finalize;

  /* (notification id, GNotification) after each send. */
  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                G_TYPE_STRING, G_TYPE_NOTIFICATION);
  signals[WITHDRAWN] = g_signal_new ("withdrawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The open reminders were (re)loaded. */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_reminder_scheduler_init (RdReminderScheduler *self)
{
  self->cancellable = g_cancellable_new ();
  self->enabled = TRUE;
  self->horizon = RD_REMINDER_NO_TIME;
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->group = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rd_reminder_prefs_init (&self->prefs);
}

/* Public API ------------------------------------------------------------- */

RdReminderDecision *
rd_reminder_decide (RdReminderList *open,
                    GDateTime      *now,
                    GHashTable     *skip)
{
  RdReminderDecision *decision;
  gint64 now_usec;
  gint64 next_due = RD_REMINDER_NO_TIME;

  g_return_val_if_fail (open != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  decision = g_new0 (RdReminderDecision, 1);
  decision->notify = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  decision->earliest_due = G_MAXINT64;
  now_usec = usec_of (now);

  if (skip != NULL && g_hash_table_size (skip) == 0)
    skip = NULL;

  for (guint i = 0; i < open->reminders->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (open->reminders, i);
      const RdReminderTimes *times = times_at (open, i);

      if (times->done || times->due == RD_REMINDER_NO_TIME)
        continue;

      if (times->due > now_usec)
        {
          if (next_due == RD_REMINDER_NO_TIME || times->due < next_due)
            next_due = times->due;
          continue;
        }

      if (!rd_reminder_times_need_notification (times, now_usec))
        continue;

      if (skip != NULL)
        {
          const char *sent = g_hash_table_lookup (skip, rd_reminder_get_uuid (reminder));

          if (sent != NULL)
            {
              g_autoptr(GDateTime) due = instant_of (times->due);
              g_autofree char *due_text = rd_reminder_format_instant (due);

              if (g_strcmp0 (sent, due_text) >= 0)
                continue;
            }
        }

      g_ptr_array_add (decision->notify, json_object_ref (reminder));
      decision->earliest_due = MIN (decision->earliest_due, times->due);
    }

  decision->group = decision->notify->len > RD_REMINDER_GROUP_ABOVE;
  if (next_due != RD_REMINDER_NO_TIME)
    decision->next_due = instant_of (next_due);

  return decision;
}

void
rd_reminder_decision_free (RdReminderDecision *decision)
{
  if (decision == NULL)
    return;

  g_clear_pointer (&decision->notify, g_ptr_array_unref);
  g_clear_pointer (&decision->next_due, g_date_time_unref);
  g_free (decision);
}

void
rd_reminder_prefs_load_settings (RdReminderPrefs *prefs,
                                 GSettings       *settings)
{
  g_return_if_fail (prefs != NULL);
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  rd_reminder_prefs_init (prefs);
  if (settings == NULL)
    return;

  prefs->renewal_lead_days = (guint) g_settings_get_int (settings, "renewal-lead-days");
  prefs->remind_minutes = (guint) g_settings_get_int (settings, "remind-minutes");
  prefs->weekly_enabled = g_settings_get_boolean (settings, "weekly-update-enabled");
  prefs->weekly_day = (GDateWeekday) g_settings_get_int (settings, "weekly-update-day");
  prefs->weekly_minutes = (guint) g_settings_get_int (settings, "weekly-update-minutes");
}

RdReminderScheduler *
rd_reminder_scheduler_new (GApplication *application,
                           RdStore      *store,
                           RdClock      *clock)
{
  RdReminderScheduler *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_CLOCK (clock), NULL);

  self = g_object_new (RD_TYPE_REMINDER_SCHEDULER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (clock, "minute-changed", G_CALLBACK (on_minute_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

RdStore *
rd_reminder_scheduler_get_store (RdReminderScheduler *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), NULL);

  return self->store;
}

void
rd_reminder_scheduler_set_prefs (RdReminderScheduler   *self,
                                 const RdReminderPrefs *prefs)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));
  g_return_if_fail (prefs != NULL);

  if (memcmp (&self->prefs, prefs, sizeof *prefs) == 0)
    return;

  self->prefs = *prefs;
  rd_reminder_scheduler_queue_refresh (self);
}

void
rd_reminder_scheduler_set_enabled (RdReminderScheduler *self,
                                   gboolean             enabled)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  if (enabled)
    check (self);
}

void
rd_reminder_scheduler_start (RdReminderScheduler *self)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  if (self->started)
    return;

  self->started = TRUE;
  start_load (self, TRUE);
}

void
rd_reminder_scheduler_queue_refresh (RdReminderScheduler *self)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  if (!self->started)
    return;

  /* Restart the wait: a burst of edits makes one derivation. */
  if (self->refresh_id != 0)
    g_clear_handle_id (&self->refresh_id, g_source_remove);
  else
    job_started (self);
  self->refresh_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, REFRESH_DEBOUNCE_MS,
                                         on_refresh_timeout_cb, self, NULL);
}

void
rd_reminder_scheduler_done (RdReminderScheduler *self,
                            const char          *id)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));
  g_return_if_fail (id != NULL);

  now = rd_clock_get_now (self->clock);
  edit_one (self, RD_REMINDER_EDIT_DONE, id, now);
}

void
rd_reminder_scheduler_snooze (RdReminderScheduler *self,
                              const char          *id,
                              GTimeSpan            span)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) until = NULL;

  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));
  g_return_if_fail (id != NULL);

  now = rd_clock_get_now (self->clock);
  until = g_date_time_add (now, span);
  edit_one (self, RD_REMINDER_EDIT_SNOOZE, id, until);
}

GPtrArray *
rd_reminder_scheduler_get_open (RdReminderScheduler *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), NULL);

  return self->open != NULL ? self->open->reminders : NULL;
}

gboolean
rd_reminder_scheduler_is_busy (RdReminderScheduler *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), FALSE);

  return self->n_jobs > 0;
}
