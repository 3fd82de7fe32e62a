/* test-scheduler.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-document.h"
#include "rd-format.h"
#include "rd-reminder-refresh.h"
#include "rd-reminder-scheduler.h"
#include "rd-sample.h"
#include "rd-test-util.h"

/* An injected clock and no application: the scheduler's "sent" and
 * "withdrawn" signals stand for the notification daemon.  Nothing sleeps. */

typedef struct
{
  char      *dir;
  char      *path;
  RdStore   *store;
  RdClock   *clock;
  GPtrArray *sent;        /* notification ids */
  GPtrArray *titles;
  GPtrArray *withdrawn;
} Fixture;

static GDateTime *
at (const char *iso)
{
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = at ("2026-03-02T08:00:00Z");

  f->path = rd_test_make_tmp_db (&f->dir);
  f->store = rd_store_new (f->path, NULL, &error);
  g_assert_no_error (error);
  f->clock = rd_clock_new_fake (now);
  f->sent = g_ptr_array_new_with_free_func (g_free);
  f->titles = g_ptr_array_new_with_free_func (g_free);
  f->withdrawn = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->clock);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_ptr_array_unref (f->sent);
  g_ptr_array_unref (f->titles);
  g_ptr_array_unref (f->withdrawn);
}

static void
on_sent_cb (RdReminderScheduler *scheduler,
            const char          *id,
            GNotification       *notification,
            Fixture             *f)
{
  g_ptr_array_add (f->sent, g_strdup (id));
  g_ptr_array_add (f->titles, g_strdup (g_object_get_data (G_OBJECT (notification), "title")));
}

static void
on_withdrawn_cb (RdReminderScheduler *scheduler,
                 const char          *id,
                 Fixture             *f)
{
  g_ptr_array_add (f->withdrawn, g_strdup (id));
}

static RdReminderScheduler *
start_scheduler (Fixture *f)
{
  RdReminderScheduler *scheduler = rd_reminder_scheduler_new (NULL, f->store, f->clock);
  RdReminderPrefs prefs;

  rd_reminder_prefs_init (&prefs);
  prefs.weekly_enabled = FALSE;
  rd_reminder_scheduler_set_prefs (scheduler, &prefs);
  g_signal_connect (scheduler, "sent", G_CALLBACK (on_sent_cb), f);
  g_signal_connect (scheduler, "withdrawn", G_CALLBACK (on_withdrawn_cb), f);
  rd_reminder_scheduler_start (scheduler);

  return scheduler;
}

/* Runs the worker jobs and the debounce timeouts to the end. */
static void
settle (RdReminderScheduler *scheduler)
{
  while (rd_reminder_scheduler_is_busy (scheduler))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (rd_reminder_scheduler_is_busy (scheduler))
    g_main_context_iteration (NULL, TRUE);
}

static char *
add_manual (Fixture    *f,
            const char *title,
            const char *due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = at (due);
  char *id = rd_reminders_add_manual (f->store, NULL, title, when, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static JsonObject *
reminder (const char *id,
          const char *due,
          const char *notified_at,
          const char *done_at)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *doc_id = rd_document_make_id ("reminder", id);

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", "reminder");
  json_object_set_string_member (doc, "kind", "manual");
  json_object_set_string_member (doc, "due_at", due);
  if (notified_at != NULL)
    json_object_set_string_member (doc, "notified_at", notified_at);
  if (done_at != NULL)
    json_object_set_string_member (doc, "done_at", done_at);
  return doc;
}

static void
test_decide_next (void)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GDateTime) now = at ("2026-03-02T09:00:00Z");
  g_autoptr(RdReminderList) list = NULL;
  g_autoptr(RdReminderDecision) decision = NULL;
  g_autofree char *next = NULL;

  g_ptr_array_add (open, reminder ("a", "2026-03-02T08:00:00Z", NULL, NULL));
  g_ptr_array_add (open, reminder ("b", "2026-03-02T08:30:00Z", "2026-03-02T08:30:05Z", NULL));
  g_ptr_array_add (open, reminder ("c", "2026-03-02T07:00:00Z", NULL, "2026-03-02T07:10:00Z"));
  g_ptr_array_add (open, reminder ("d", "2026-03-02T11:00:00Z", NULL, NULL));
  g_ptr_array_add (open, reminder ("e", "2026-03-02T09:10:00Z", NULL, NULL));

  list = rd_reminder_list_new (open);
  decision = rd_reminder_decide (list, now, NULL);
  /* Only "a": "b" was notified, "c" is done, "d" and "e" are to come. */
  g_assert_cmpuint (decision->notify->len, ==, 1);
  g_assert_cmpstr (rd_reminder_get_uuid (g_ptr_array_index (decision->notify, 0)), ==, "a");
  g_assert_false (decision->group);
  next = rd_reminder_format_instant (decision->next_due);
  g_assert_cmpstr (next, ==, "2026-03-02T09:10:00Z");
}

static void
test_decide_snoozed (void)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GDateTime) before = at ("2026-03-02T09:30:00Z");
  g_autoptr(GDateTime) after = at ("2026-03-02T10:01:00Z");
  g_autoptr(RdReminderList) list = NULL;
  g_autoptr(RdReminderDecision) d1 = NULL;
  g_autoptr(RdReminderDecision) d2 = NULL;
  JsonObject *r = reminder ("a", "2026-03-02T09:00:00Z", "2026-03-02T09:00:10Z", NULL);

  /* Notified, then snoozed for an hour: it falls due again. */
  json_object_set_string_member (r, "snoozed_until", "2026-03-02T10:00:00Z");
  g_ptr_array_add (open, r);

  list = rd_reminder_list_new (open);
  d1 = rd_reminder_decide (list, before, NULL);
  g_assert_cmpuint (d1->notify->len, ==, 0);
  d2 = rd_reminder_decide (list, after, NULL);
  g_assert_cmpuint (d2->notify->len, ==, 1);
}

static void
test_decide_group (void)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GDateTime) now = at ("2026-03-02T09:00:00Z");
  g_autoptr(RdReminderList) three_list = NULL;
  g_autoptr(RdReminderList) four_list = NULL;
  g_autoptr(RdReminderDecision) three = NULL;
  g_autoptr(RdReminderDecision) four = NULL;

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%d", i);

      g_ptr_array_add (open, reminder (id, "2026-03-01T09:00:00Z", NULL, NULL));
    }
  three_list = rd_reminder_list_new (open);
  three = rd_reminder_decide (three_list, now, NULL);
  g_assert_false (three->group);

  g_ptr_array_add (open, reminder ("r3", "2026-03-01T09:00:00Z", NULL, NULL));
  four_list = rd_reminder_list_new (open);
  four = rd_reminder_decide (four_list, now, NULL);
  g_assert_true (four->group);
  g_assert_cmpuint (four->notify->len, ==, 4);
}

static void
test_fires_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  g_autoptr(RdReminderScheduler) restarted = NULL;
  g_autoptr(GDateTime) due_now = at ("2026-03-02T09:00:30Z");
  g_autoptr(GDateTime) later = at ("2026-03-02T09:05:00Z");
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_manual (f, "Call Nordlicht about the budget", "2026-03-02T09:00:00Z");
  g_autofree char *doc_id = rd_document_make_id ("reminder", id);
  g_autofree char *expected = g_strconcat ("reminder-", id, NULL);

  scheduler = start_scheduler (f);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 0);

  /* The minute tick after it fell due. */
  rd_clock_set_fake_now (f->clock, due_now);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->sent, 0), ==, expected);

  stored = rd_store_get_document (f->store, doc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member_with_default (stored, "notified_at", NULL), ==,
                   "2026-03-02T09:00:30Z");

  /* More ticks send nothing more. */
  rd_clock_set_fake_now (f->clock, later);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);

  /* Nor does a restart. */
  g_clear_object (&scheduler);
  restarted = start_scheduler (f);
  settle (restarted);
  g_assert_cmpuint (f->sent->len, ==, 1);
}

static void
test_withdraw_on_done (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  g_autoptr(GDateTime) due_now = at ("2026-03-02T09:01:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_manual (f, "Send the order form", "2026-03-02T09:00:00Z");
  g_autofree char *expected = g_strconcat ("reminder-", id, NULL);

  scheduler = start_scheduler (f);
  settle (scheduler);
  rd_clock_set_fake_now (f->clock, due_now);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);
  g_assert_cmpuint (f->withdrawn->len, ==, 0);

  /* Done elsewhere: the window, or a sync. */
  rd_reminders_edit (f->store, RD_REMINDER_EDIT_DONE, (const char *[]) { id, NULL }, due_now,
                     &error);
  g_assert_no_error (error);
  settle (scheduler);
  g_assert_cmpuint (f->withdrawn->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->withdrawn, 0), ==, expected);
}

/* Sent, but the write of notified_at has not landed: more ticks send
 * nothing more.  Snoozed elsewhere, it is taken down, and sent again
 * when the snooze runs out. */
static void
test_sent_then_snoozed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  g_autoptr(GDateTime) due_now = at ("2026-03-02T09:00:30Z");
  g_autoptr(GDateTime) snoozed = at ("2026-03-02T10:00:00Z");
  g_autoptr(GDateTime) after_snooze = at ("2026-03-02T10:00:30Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_manual (f, "Ask for the signed order", "2026-03-02T09:00:00Z");
  g_autofree char *expected = g_strconcat ("reminder-", id, NULL);

  scheduler = start_scheduler (f);
  settle (scheduler);

  rd_clock_set_fake_now (f->clock, due_now);
  rd_clock_tick (f->clock);
  rd_clock_tick (f->clock);
  g_assert_cmpuint (f->sent->len, ==, 1);
  settle (scheduler);
  rd_clock_tick (f->clock);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);
  g_assert_cmpuint (f->withdrawn->len, ==, 0);

  rd_reminders_edit (f->store, RD_REMINDER_EDIT_SNOOZE, (const char *[]) { id, NULL }, snoozed,
                     &error);
  g_assert_no_error (error);
  settle (scheduler);
  g_assert_cmpuint (f->withdrawn->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->withdrawn, 0), ==, expected);
  g_assert_cmpuint (f->sent->len, ==, 1);

  rd_clock_set_fake_now (f->clock, after_snooze);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->sent, 1), ==, expected);
}

/* The grouped notification stays up while one of its reminders is still
 * due, and goes once they are all done elsewhere. */
static void
test_group_withdrawn (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = at ("2026-03-02T08:00:00Z");
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("Follow-up %d", i);

      g_ptr_array_add (ids, add_manual (f, title, "2026-02-27T09:00:00Z"));
    }
  scheduler = start_scheduler (f);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->sent, 0), ==, RD_REMINDER_GROUP_NOTIFICATION_ID);

  rd_reminders_edit (f->store, RD_REMINDER_EDIT_DONE, (const char *[]) {
                       g_ptr_array_index (ids, 0), g_ptr_array_index (ids, 1),
                       g_ptr_array_index (ids, 2), g_ptr_array_index (ids, 3), NULL },
                     now, &error);
  g_assert_no_error (error);
  settle (scheduler);
  g_assert_cmpuint (f->withdrawn->len, ==, 0);

  rd_reminders_edit (f->store, RD_REMINDER_EDIT_DONE, (const char *[]) {
                       g_ptr_array_index (ids, 4), NULL }, now, &error);
  g_assert_no_error (error);
  settle (scheduler);
  g_assert_cmpuint (f->withdrawn->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->withdrawn, 0), ==, RD_REMINDER_GROUP_NOTIFICATION_ID);
  g_assert_cmpuint (f->sent->len, ==, 1);
}

static void
test_group_at_startup (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("Follow-up %d", i);
      g_autofree char *id = add_manual (f, title, "2026-02-27T09:00:00Z");
    }

  scheduler = start_scheduler (f);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->sent, 0), ==, RD_REMINDER_GROUP_NOTIFICATION_ID);
  g_assert_cmpstr (g_ptr_array_index (f->titles, 0), ==, "5 follow-ups are overdue");

  /* All five are marked, so none comes again singly. */
  open = rd_reminders_list_open (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 5);
  for (guint i = 0; i < open->len; i++)
    g_assert_nonnull (json_object_get_string_member_with_default (g_ptr_array_index (open, i),
                                                                  "notified_at", NULL));
  rd_clock_tick (f->clock);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);
}

static void
test_disabled (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  g_autofree char *id = add_manual (f, "Quiet", "2026-03-01T09:00:00Z");

  scheduler = rd_reminder_scheduler_new (NULL, f->store, f->clock);
  rd_reminder_scheduler_set_enabled (scheduler, FALSE);
  g_signal_connect (scheduler, "sent", G_CALLBACK (on_sent_cb), f);
  rd_reminder_scheduler_start (scheduler);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 0);

  /* Delivered once notifying is turned on again. */
  rd_reminder_scheduler_set_enabled (scheduler, TRUE);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);
}

/* A fresh 300-account database, as "Explore a sample portfolio" makes it
 * on @today, with the weekly update on. */
static RdReminderScheduler *
start_with_sample (Fixture    *f,
                   const char *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sample = NULL;
  RdReminderScheduler *scheduler;
  RdReminderPrefs prefs;
  GDate date;

  g_assert_true (rd_date_parse (today, &date));
  sample = rd_sample_generate (300, RD_SAMPLE_DEFAULT_SEED, &date);
  g_assert_true (rd_store_import_documents (f->store, sample, &error));
  g_assert_no_error (error);

  scheduler = rd_reminder_scheduler_new (NULL, f->store, f->clock);
  rd_reminder_prefs_init (&prefs);
  rd_reminder_scheduler_set_prefs (scheduler, &prefs);
  g_signal_connect (scheduler, "sent", G_CALLBACK (on_sent_cb), f);
  rd_reminder_scheduler_start (scheduler);

  return scheduler;
}

/* A fresh sample keeps a few just-missed commitments on purpose (the method
 * shows them); nothing it opens with is long overdue, and whatever is
 * overdue is one of those: at most two per 40 accounts, under a week. */
static void
assert_nothing_long_overdue (RdReminderScheduler *scheduler,
                             GDateTime           *now,
                             guint                max_overdue)
{
  GPtrArray *open = rd_reminder_scheduler_get_open (scheduler);
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autofree char *now_at = g_date_time_format_iso8601 (now);
  g_autofree char *week_ago_at = g_date_time_format_iso8601 (week_ago);
  guint overdue = 0;

  for (guint i = 0; i < open->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (open, i);
      const char *due_at = json_object_get_string_member (reminder, "due_at");

      /* Due earlier than today's remind time counts as overdue. */
      if (strncmp (due_at, now_at, 10) >= 0)
        continue;
      g_test_message ("overdue: %s %s", due_at,
                      json_object_get_string_member_with_default (reminder, "title", ""));
      g_assert_cmpstr (due_at, >, week_ago_at);
      overdue++;
    }
  g_assert_cmpuint (overdue, <=, max_overdue);
}

/* The sample's just-missed commitments: two in each block of 40 accounts. */
#define SAMPLE_MISSED(n_accounts) (2 * (((n_accounts) + 39) / 40))

static void
test_sample_morning (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  g_autoptr(GDateTime) eight = at ("2026-03-02T08:00:00Z");
  g_autoptr(GDateTime) nine = at ("2026-03-02T09:00:30Z");
  g_autoptr(GDateTime) tomorrow = at ("2026-03-03T09:00:30Z");
  guint at_eight;

  /* Opened at 8:00 on a Monday: at most the sample's few just-missed
   * commitments, in one notification; nothing long overdue. */
  scheduler = start_with_sample (f, "2026-03-02");
  settle (scheduler);
  at_eight = f->sent->len;
  g_assert_cmpuint (at_eight, <=, 1);
  assert_nothing_long_overdue (scheduler, eight, SAMPLE_MISSED (300));

  /* At nine the renewals to start now, and the weekly update, are due:
   * one more (grouped) notification, and still nothing long overdue. */
  rd_clock_set_fake_now (f->clock, nine);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, at_eight + 1);
  g_assert_cmpstr (g_ptr_array_index (f->sent, at_eight), ==, RD_REMINDER_GROUP_NOTIFICATION_ID);
  assert_nothing_long_overdue (scheduler, nine, SAMPLE_MISSED (300));

  /* The next day, yesterday's undone items are overdue by a day, no more. */
  rd_clock_set_fake_now (f->clock, tomorrow);
  settle (scheduler);
  assert_nothing_long_overdue (scheduler, tomorrow, G_MAXUINT);
}

static void
test_sample_afternoon (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  g_autoptr(GDateTime) afternoon = at ("2026-03-04T15:20:00Z");

  /* Opened on a Wednesday afternoon: one grouped notification of what is
   * due now, not "93 overdue"; the weekly update waits for next Monday. */
  rd_clock_set_fake_now (f->clock, afternoon);
  scheduler = start_with_sample (f, "2026-03-04");
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);
  assert_nothing_long_overdue (scheduler, afternoon, SAMPLE_MISSED (300));
}

static void
test_empty_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  g_autoptr(GDateTime) tuesday = at ("2026-03-03T10:00:00Z");
  g_autoptr(GDateTime) next_monday = at ("2026-03-09T09:00:30Z");
  RdReminderPrefs prefs;
  GPtrArray *open;

  /* A fresh install on a Tuesday: nothing to notify; the first weekly
   * update is next Monday at nine. */
  rd_clock_set_fake_now (f->clock, tuesday);
  scheduler = rd_reminder_scheduler_new (NULL, f->store, f->clock);
  rd_reminder_prefs_init (&prefs);
  rd_reminder_scheduler_set_prefs (scheduler, &prefs);
  g_signal_connect (scheduler, "sent", G_CALLBACK (on_sent_cb), f);
  rd_reminder_scheduler_start (scheduler);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 0);
  open = rd_reminder_scheduler_get_open (scheduler);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (open, 0), "due_at"), ==,
                   "2026-03-09T09:00:00Z");

  rd_clock_set_fake_now (f->clock, next_monday);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->titles, 0), ==, "Send the weekly team update");
}

/* Missed, the weekly update stays the one notified and listed, a week on
 * too; when the next week begins, its notification goes and the new
 * week's comes at nine: never two at once. */
static void
test_weekly_missed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  static const struct { const char *now; const char *due; guint n_sent; guint n_withdrawn; } days[] = {
    { "2026-03-03T10:00:00Z", "2026-03-09T09:00:00Z", 0, 0 },   /* a fresh install, Tuesday */
    { "2026-03-09T09:00:30Z", "2026-03-09T09:00:00Z", 1, 0 },   /* due: notified */
    { "2026-03-10T09:00:30Z", "2026-03-09T09:00:00Z", 1, 0 },   /* missed: once is enough */
    { "2026-03-15T12:00:00Z", "2026-03-09T09:00:00Z", 1, 0 },   /* Sunday, a week on */
    { "2026-03-16T00:30:00Z", "2026-03-16T09:00:00Z", 1, 1 },   /* the new week: taken down */
    { "2026-03-16T09:00:30Z", "2026-03-16T09:00:00Z", 2, 1 },   /* and the new one at nine */
  };
  RdReminderPrefs prefs;

  scheduler = rd_reminder_scheduler_new (NULL, f->store, f->clock);
  rd_reminder_prefs_init (&prefs);
  rd_reminder_scheduler_set_prefs (scheduler, &prefs);
  g_signal_connect (scheduler, "sent", G_CALLBACK (on_sent_cb), f);
  g_signal_connect (scheduler, "withdrawn", G_CALLBACK (on_withdrawn_cb), f);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) now = at (days[i].now);
      GPtrArray *open;

      g_test_message ("at %s", days[i].now);
      rd_clock_set_fake_now (f->clock, now);
      if (i == 0)
        rd_reminder_scheduler_start (scheduler);
      else
        rd_reminder_scheduler_queue_refresh (scheduler);
      settle (scheduler);
      open = rd_reminder_scheduler_get_open (scheduler);
      g_assert_cmpuint (open->len, ==, 1);
      g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (open, 0), "due_at"), ==,
                       days[i].due);
      g_assert_cmpuint (f->sent->len, ==, days[i].n_sent);
      g_assert_cmpuint (f->withdrawn->len, ==, days[i].n_withdrawn);
    }
  g_assert_cmpstr (g_ptr_array_index (f->titles, 1), ==, "Send the weekly team update");
}

static void
assert_open (RdReminderScheduler *scheduler,
             const char * const  *ids)
{
  GPtrArray *open = rd_reminder_scheduler_get_open (scheduler);

  g_assert_cmpuint (open->len, ==, g_strv_length ((GStrv) ids));
  for (guint i = 0; i < open->len; i++)
    g_assert_cmpstr (rd_reminder_get_uuid (g_ptr_array_index (open, i)), ==, ids[i]);
}

/* The scheduler holds what is due and what falls due next, not every open
 * reminder: once that next time has come, it learns what comes after,
 * also when nothing was written in between (notifications off). */
static void
test_next_after_next (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RdReminderScheduler) scheduler = NULL;
  g_autofree char *ten = add_manual (f, "Ten", "2026-03-02T10:00:00Z");
  g_autofree char *eleven = add_manual (f, "Eleven", "2026-03-02T11:00:00Z");
  g_autofree char *noon = add_manual (f, "Noon", "2026-03-02T12:00:00Z");
  g_autoptr(GDateTime) after_ten = at ("2026-03-02T10:00:30Z");
  g_autoptr(GDateTime) after_eleven = at ("2026-03-02T11:00:30Z");

  scheduler = start_scheduler (f);
  rd_reminder_scheduler_set_enabled (scheduler, FALSE);
  settle (scheduler);
  assert_open (scheduler, (const char *[]) { ten, NULL });

  rd_clock_set_fake_now (f->clock, after_ten);
  settle (scheduler);
  assert_open (scheduler, (const char *[]) { ten, eleven, NULL });
  g_assert_cmpuint (f->sent->len, ==, 0);

  rd_reminder_scheduler_set_enabled (scheduler, TRUE);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 1);

  rd_clock_set_fake_now (f->clock, after_eleven);
  settle (scheduler);
  g_assert_cmpuint (f->sent->len, ==, 2);
  assert_open (scheduler, (const char *[]) { ten, eleven, noon, NULL });
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scheduler/decide/next-due", test_decide_next);
  g_test_add_func ("/scheduler/decide/snoozed", test_decide_snoozed);
  g_test_add_func ("/scheduler/decide/group-above-three", test_decide_group);
  g_test_add ("/scheduler/fires-once", Fixture, NULL, fixture_setup, test_fires_once,
              fixture_teardown);
  g_test_add ("/scheduler/withdraw-on-done", Fixture, NULL, fixture_setup, test_withdraw_on_done,
              fixture_teardown);
  g_test_add ("/scheduler/sent-then-snoozed", Fixture, NULL, fixture_setup,
              test_sent_then_snoozed, fixture_teardown);
  g_test_add ("/scheduler/group-at-startup", Fixture, NULL, fixture_setup, test_group_at_startup,
              fixture_teardown);
  g_test_add ("/scheduler/group-withdrawn", Fixture, NULL, fixture_setup, test_group_withdrawn,
              fixture_teardown);
  g_test_add ("/scheduler/disabled", Fixture, NULL, fixture_setup, test_disabled,
              fixture_teardown);
  g_test_add ("/scheduler/sample/morning", Fixture, NULL, fixture_setup, test_sample_morning,
              fixture_teardown);
  g_test_add ("/scheduler/sample/afternoon", Fixture, NULL, fixture_setup, test_sample_afternoon,
              fixture_teardown);
  g_test_add ("/scheduler/empty-database", Fixture, NULL, fixture_setup, test_empty_database,
              fixture_teardown);
  g_test_add ("/scheduler/weekly-missed", Fixture, NULL, fixture_setup, test_weekly_missed,
              fixture_teardown);
  g_test_add ("/scheduler/next-after-next", Fixture, NULL, fixture_setup, test_next_after_next,
              fixture_teardown);

  return g_test_run ();
}
