/* test-reminders.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-reminder-refresh.h"
#include "rd-reminders.h"
#include "rd-sample.h"
#include "rd-store-sync.h"
#include "rd-test-util.h"

/* Every test injects its clock and its time zone: nothing sleeps, and the
 * results do not depend on when or where the suite runs. */

#define ACC "0b6f3a52-1c7e-4f55-9d4e-2a1b7c9e5f10"
#define DELAY "1c7e0b6f-3a52-4f55-9d4e-2a1b7c9e5f11"
#define PLAN "2a1b7c9e-5f12-4f55-9d4e-0b6f3a521c7e"
#define STEP "3a521c7e-0b6f-4f55-9d4e-2a1b7c9e5f13"
#define BRIDGE "4f559d4e-2a1b-4c9e-8f14-0b6f3a521c7e"
#define LOSS "5f150b6f-3a52-4c7e-9d4e-2a1b7c9e4f55"
#define ACC2 "6d2e8f10-4b63-4a21-8e5f-3c2d1b0a9f87"
#define ACTIVITY "7e3f9a21-5c74-4b32-9f60-4d3e2c1b0a98"

typedef struct
{
  RdReminderPrefs   prefs;
  RdReminderSources sources;
  GTimeZone        *tz;
  GDateTime        *now;
} Fixture;

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_node_dup_object (node);
}

static GPtrArray *
docs (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  zone)
{
  rd_reminder_prefs_init (&f->prefs);
  f->prefs.weekly_enabled = FALSE;
  f->tz = g_time_zone_new_identifier (zone ? zone : "Europe/Berlin");
  g_assert_nonnull (f->tz);
  f->now = g_date_time_new (f->tz, 2026, 11, 22, 20, 0, 0);
  f->sources.accounts = docs ();
  f->sources.delays = docs ();
  f->sources.plans = docs ();
  f->sources.plan_steps = docs ();
  f->sources.bridges = docs ();
  f->sources.losses = docs ();
  f->sources.reminders = docs ();
  f->sources.activities = docs ();

  g_ptr_array_add (f->sources.accounts,
                   parse ("{\"_id\":\"account:" ACC "\",\"type\":\"account\",\"name\":\"Nordlicht Energie AG\","
                          "\"currency\":\"EUR\",\"status\":\"active\",\"contract_end\":\"2027-01-31\"}"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_ptr_array_unref (f->sources.accounts);
  g_ptr_array_unref (f->sources.delays);
  g_ptr_array_unref (f->sources.plans);
  g_ptr_array_unref (f->sources.plan_steps);
  g_ptr_array_unref (f->sources.bridges);
  g_ptr_array_unref (f->sources.losses);
  g_ptr_array_unref (f->sources.reminders);
  g_ptr_array_unref (f->sources.activities);
  g_date_time_unref (f->now);
  g_time_zone_unref (f->tz);
}

static RdReminderChanges *
derive (Fixture *f)
{
  return rd_reminders_derive (&f->prefs, &f->sources, f->tz, f->now);
}

static JsonObject *
find_kind (GPtrArray  *reminders,
           const char *kind)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < reminders->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (reminders, i);

      if (g_str_equal (json_object_get_string_member (doc, "kind"), kind))
        {
          g_assert_null (found);   /* exactly one */
          found = doc;
        }
    }

  return found;
}

/* Stores what a derivation asks for, as the store would. */
static void
apply (Fixture           *f,
       RdReminderChanges *changes)
{
  for (guint i = 0; i < changes->put->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (changes->put, i);
      const char *id = json_object_get_string_member (doc, "_id");

      for (guint j = 0; j < f->sources.reminders->len; j++)
        if (g_str_equal (json_object_get_string_member (g_ptr_array_index (f->sources.reminders, j), "_id"), id))
          g_ptr_array_remove_index (f->sources.reminders, j--);
      g_ptr_array_add (f->sources.reminders, rd_document_copy_object (doc));
    }

  for (guint i = 0; i < changes->retire->len; i++)
    for (guint j = 0; j < f->sources.reminders->len; j++)
      if (g_str_equal (json_object_get_string_member (g_ptr_array_index (f->sources.reminders, j), "_id"),
                       g_ptr_array_index (changes->retire, i)))
        g_ptr_array_remove_index (f->sources.reminders, j--);
}

static void
test_account_reminders (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RdReminderChanges) changes = derive (f);
  JsonObject *start = find_kind (changes->put, "renewal_start");
  JsonObject *end = find_kind (changes->put, "contract_end");

  /* 120 days before 31 Jan 2027 is 3 Oct 2026, long past on 22 Nov: an
   * account first seen inside its window starts now, not "50 days overdue"
   * (20:00 Berlin is later than 9:00, so now). */
  g_assert_cmpstr (json_object_get_string_member (start, "due_at"), ==, "2026-11-22T19:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (start, "anchored_on"), ==, "2026-11-22");
  g_assert_cmpstr (json_object_get_string_member (start, "account_id"), ==, ACC);
  g_assert_nonnull (strstr (json_object_get_string_member (start, "title"), "Nordlicht Energie AG"));
  g_assert_cmpstr (json_object_get_string_member (end, "due_at"), ==, "2027-01-31T08:00:00Z");

  for (guint i = 0; i < changes->put->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (rd_document_validate (g_ptr_array_index (changes->put, i), &error));
      g_assert_no_error (error);
    }
}

static void
test_every_source_kind (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RdReminderChanges) changes = NULL;
  /* No renewal_start: the delay and the plan say work on it has begun. */
  static const char * const kinds[] = {
    "contract_end", "info_by", "reconnect", "decision_by", "next_step",
    "plan_step", "bridge_end", "reengage", "weekly_update",
  };

  f->prefs.weekly_enabled = TRUE;
  g_ptr_array_add (f->sources.delays,
                   parse ("{\"_id\":\"delay:" DELAY "\",\"type\":\"delay\",\"account_id\":\"" ACC "\","
                          "\"status\":\"open\",\"info_by\":\"2026-11-25\",\"reconnect_on\":\"2026-11-30\","
                          "\"decision_by\":\"2026-12-10\",\"next_step\":\"Send the order form\","
                          "\"next_step_on\":\"2026-11-24\"}"));
  g_ptr_array_add (f->sources.plans,
                   parse ("{\"_id\":\"plan:" PLAN "\",\"type\":\"plan\",\"account_id\":\"" ACC "\","
                          "\"status\":\"active\",\"started_on\":\"2026-11-20\",\"timeframe_days\":60,"
                          "\"check_in_days\":14}"));
  g_ptr_array_add (f->sources.plan_steps,
                   parse ("{\"_id\":\"plan_step:" STEP "\",\"type\":\"plan_step\",\"plan_id\":\"" PLAN "\","
                          "\"horizon\":\"48h\",\"title\":\"Listening call\",\"due_on\":\"2026-11-22\"}"));
  g_ptr_array_add (f->sources.bridges,
                   parse ("{\"_id\":\"bridge:" BRIDGE "\",\"type\":\"bridge\",\"account_id\":\"" ACC "\","
                          "\"kind\":\"extension_30\",\"status\":\"accepted\",\"ends_on\":\"2027-01-30\"}"));
  g_ptr_array_add (f->sources.accounts,
                   parse ("{\"_id\":\"account:" ACC2 "\",\"type\":\"account\",\"name\":\"Lindenhof GmbH\","
                          "\"currency\":\"EUR\",\"status\":\"lost\",\"contract_end\":\"2026-10-31\"}"));
  g_ptr_array_add (f->sources.losses,
                   parse ("{\"_id\":\"loss:" LOSS "\",\"type\":\"loss\",\"account_id\":\"" ACC2 "\","
                          "\"reason\":\"no_budget\",\"reengage_on\":\"2027-01-20\"}"));

  changes = derive (f);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < changes->put->len; j++)
        seen |= g_str_equal (json_object_get_string_member (g_ptr_array_index (changes->put, j), "kind"),
                             kinds[i]);
      g_test_message ("kind %s", kinds[i]);
      g_assert_true (seen);
    }

  g_assert_null (find_kind (changes->put, "renewal_start"));
  g_assert_cmpstr (json_object_get_string_member (find_kind (changes->put, "next_step"), "title"), ==,
                   "Nordlicht Energie AG: Send the order form");
  g_assert_cmpstr (json_object_get_string_member (find_kind (changes->put, "plan_step"), "due_at"), ==,
                   "2026-11-22T08:00:00Z");

  /* check-ins every 14 days in a 60-day timeframe: day 14, 28, 42, 56 */
  {
    guint check_ins = 0;

    for (guint j = 0; j < changes->put->len; j++)
      check_ins += g_str_equal (json_object_get_string_member (g_ptr_array_index (changes->put, j), "kind"),
                                "check_in");
    g_assert_cmpuint (check_ins, ==, 4);
  }
}

static void
test_idempotent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdReminderChanges) first = NULL;
  g_autoptr(RdReminderChanges) second = NULL;

  f->prefs.weekly_enabled = TRUE;
  first = derive (f);
  g_assert_cmpuint (first->put->len, >, 0);
  apply (f, first);

  second = derive (f);
  g_assert_cmpuint (second->put->len, ==, 0);
  g_assert_cmpuint (second->retire->len, ==, 0);
}

static void
test_moved_date (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdReminderChanges) first = NULL;
  g_autoptr(RdReminderChanges) second = NULL;
  JsonObject *stored;
  JsonObject *moved;

  g_ptr_array_add (f->sources.delays,
                   parse ("{\"_id\":\"delay:" DELAY "\",\"type\":\"delay\",\"account_id\":\"" ACC "\","
                          "\"decision_by\":\"2026-12-10\"}"));
  first = derive (f);
  apply (f, first);
  stored = find_kind (f->sources.reminders, "decision_by");
  json_object_set_string_member (stored, "notified_at", "2026-12-10T08:00:05Z");
  json_object_set_string_member (stored, "snoozed_until", "2026-12-10T09:00:00Z");

  json_object_set_string_member (g_ptr_array_index (f->sources.delays, 0), "decision_by", "2026-12-17");
  second = derive (f);

  g_assert_cmpuint (second->put->len, ==, 1);
  g_assert_cmpuint (second->retire->len, ==, 0);
  moved = g_ptr_array_index (second->put, 0);
  g_assert_cmpstr (json_object_get_string_member (moved, "_id"), ==,
                   json_object_get_string_member (stored, "_id"));
  g_assert_cmpstr (json_object_get_string_member (moved, "due_at"), ==, "2026-12-17T08:00:00Z");
  g_assert_false (json_object_has_member (moved, "notified_at"));
  g_assert_false (json_object_has_member (moved, "snoozed_until"));
}

static void
test_done_and_snoozed_kept (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RdReminderChanges) first = derive (f);
  g_autoptr(RdReminderChanges) second = NULL;

  apply (f, first);
  json_object_set_string_member (find_kind (f->sources.reminders, "renewal_start"), "done_at",
                                 "2026-11-22T19:00:00Z");
  json_object_set_string_member (find_kind (f->sources.reminders, "contract_end"), "snoozed_until",
                                 "2026-11-23T08:00:00Z");

  /* even a moved date does not bring a done reminder back */
  json_object_set_string_member (g_ptr_array_index (f->sources.accounts, 0), "effective_end", "2027-03-02");
  second = derive (f);

  g_assert_null (find_kind (second->put, "renewal_start"));
  g_assert_cmpuint (second->retire->len, ==, 0);
  /* the contract end moved, so that one is news */
  g_assert_cmpstr (json_object_get_string_member (find_kind (second->put, "contract_end"), "due_at"), ==,
                   "2027-03-02T08:00:00Z");
}

static void
test_snooze_survives_unchanged (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RdReminderChanges) first = derive (f);
  g_autoptr(RdReminderChanges) second = NULL;

  apply (f, first);
  json_object_set_string_member (find_kind (f->sources.reminders, "contract_end"), "snoozed_until",
                                 "2026-11-23T08:00:00Z");
  second = derive (f);
  g_assert_cmpuint (second->put->len, ==, 0);
}

static void
test_finished_sources_retire (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RdReminderChanges) first = NULL;
  g_autoptr(RdReminderChanges) second = NULL;
  JsonObject *manual;

  g_ptr_array_add (f->sources.delays,
                   parse ("{\"_id\":\"delay:" DELAY "\",\"type\":\"delay\",\"account_id\":\"" ACC "\","
                          "\"status\":\"open\",\"decision_by\":\"2026-12-10\"}"));
  manual = parse ("{\"_id\":\"reminder:6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d\",\"type\":\"reminder\","
                  "\"kind\":\"manual\",\"due_at\":\"2026-11-01T08:00:00Z\",\"title\":\"Call Anna\"}");
  g_ptr_array_add (f->sources.reminders, manual);

  first = derive (f);
  apply (f, first);
  g_assert_nonnull (find_kind (f->sources.reminders, "decision_by"));

  json_object_set_string_member (g_ptr_array_index (f->sources.delays, 0), "status", "resolved");
  second = derive (f);
  g_assert_cmpuint (second->retire->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (second->retire, 0), ==,
                   json_object_get_string_member (find_kind (f->sources.reminders, "decision_by"), "_id"));
  /* the user's own reminder is never touched */
  for (guint i = 0; i < second->put->len; i++)
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (second->put, i), "kind"), !=, "manual");
}

typedef struct
{
  const char *zone;
  const char *date;
  const char *expected;
} DstCase;

static const DstCase dst_cases[] = {
  { "Europe/Berlin", "2026-03-28", "2026-03-28T08:00:00Z" },    /* CET */
  { "Europe/Berlin", "2026-03-29", "2026-03-29T07:00:00Z" },    /* CEST from 02:00 that day */
  { "Europe/Berlin", "2026-10-24", "2026-10-24T07:00:00Z" },
  { "Europe/Berlin", "2026-10-25", "2026-10-25T08:00:00Z" },    /* back to CET */
  { "America/New_York", "2026-03-07", "2026-03-07T14:00:00Z" }, /* EST */
  { "America/New_York", "2026-03-08", "2026-03-08T13:00:00Z" }, /* EDT from 02:00 */
  { "America/New_York", "2026-10-31", "2026-10-31T13:00:00Z" },
  { "America/New_York", "2026-11-01", "2026-11-01T14:00:00Z" }, /* back to EST */
  { "Europe/Berlin", "2028-02-29", "2028-02-29T08:00:00Z" },    /* a leap day */
  { "Europe/Berlin", "2027-02-29", NULL },                      /* not a day */
};

static void
test_dst (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (dst_cases); i++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (dst_cases[i].zone);
      g_autofree char *due = rd_reminder_due_for_date (dst_cases[i].date, 9 * 60, tz);

      g_test_message ("%s %s", dst_cases[i].zone, dst_cases[i].date);
      g_assert_cmpstr (due, ==, dst_cases[i].expected);
    }
}

static void
test_leap_day_lead (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RdReminderChanges) changes = NULL;

  /* 120 days before 28 June 2028 lands on the leap day */
  json_object_set_string_member (g_ptr_array_index (f->sources.accounts, 0), "contract_end", "2028-06-28");
  g_date_time_unref (f->now);
  f->now = g_date_time_new (f->tz, 2028, 2, 20, 12, 0, 0);
  changes = derive (f);

  g_assert_cmpstr (json_object_get_string_member (find_kind (changes->put, "renewal_start"), "due_at"), ==,
                   "2028-02-29T08:00:00Z");
}

static void
test_reengage_in_past (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RdReminderChanges) changes = NULL;

  json_object_set_string_member (g_ptr_array_index (f->sources.accounts, 0), "status", "lost");
  g_ptr_array_add (f->sources.losses,
                   parse ("{\"_id\":\"loss:" LOSS "\",\"type\":\"loss\",\"account_id\":\"" ACC "\","
                          "\"reason\":\"competitor\",\"reengage_on\":\"2026-01-15\"}"));
  changes = derive (f);

  /* a lost account has no renewal to start, but its re-engage date is overdue */
  g_assert_null (find_kind (changes->put, "renewal_start"));
  g_assert_cmpstr (json_object_get_string_member (find_kind (changes->put, "reengage"), "due_at"), ==,
                   "2026-01-15T08:00:00Z");
}

static guint
count_kind (GPtrArray  *reminders,
            const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < reminders->len; i++)
    n += g_str_equal (json_object_get_string_member (g_ptr_array_index (reminders, i), "kind"), kind);

  return n;
}

/* What is due before @now_at ("...Z") among @reminders that are not done. */
static guint
count_overdue (GPtrArray  *reminders,
               const char *now_at)
{
  guint n = 0;

  for (guint i = 0; i < reminders->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (reminders, i);

      if (!json_object_has_member (doc, "done_at") &&
          strcmp (json_object_get_string_member (doc, "due_at"), now_at) < 0)
        n++;
    }

  return n;
}

static void
set_now (Fixture    *f,
         const char *iso)
{
  g_date_time_unref (f->now);
  f->now = g_date_time_new_from_iso8601 (iso, f->tz);
  g_assert_nonnull (f->now);
}

static JsonObject *
find_title (GPtrArray  *reminders,
            const char *needle)
{
  for (guint i = 0; i < reminders->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (reminders, i);

      if (strstr (json_object_get_string_member (doc, "title"), needle) != NULL)
        return doc;
    }

  return NULL;
}

static void
test_weekly_update (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RdReminderChanges) fresh = NULL;
  g_autoptr(RdReminderChanges) running = NULL;
  JsonObject *first;

  f->prefs.weekly_enabled = TRUE;
  g_ptr_array_set_size (f->sources.accounts, 0);

  /* A fresh install on Sunday 22 Nov 2026: this week's Monday (16th) has
   * gone, so the first one is next Monday (23rd), at nine. */
  fresh = derive (f);
  g_assert_cmpuint (count_kind (fresh->put, "weekly_update"), ==, 1);
  first = find_kind (fresh->put, "weekly_update");
  g_assert_cmpstr (json_object_get_string_member (first, "due_at"), ==, "2026-11-23T08:00:00Z");
  g_assert_cmpuint (count_overdue (fresh->put, "2026-11-22T19:00:00Z"), ==, 0);

  /* Once the series runs, a week the app did not see still comes up:
   * here the 23rd, done, started it; on Tuesday 1 Dec this week's (30 Nov,
   * overdue), and not next week's while it is open. */
  apply (f, fresh);
  json_object_set_string_member (find_kind (f->sources.reminders, "weekly_update"), "done_at",
                                 "2026-11-23T09:00:00Z");
  set_now (f, "2026-12-01T10:00:00+01:00");
  running = derive (f);
  g_assert_cmpuint (count_kind (running->put, "weekly_update"), ==, 1);
  g_assert_nonnull (find_title (running->put, "weekly"));
  g_assert_cmpuint (count_overdue (running->put, "2026-12-01T09:00:00Z"), ==, 1);
}

/* The weekly updates of @reminders that are not done. */
static GPtrArray *
open_weekly (GPtrArray *reminders)
{
  GPtrArray *open = g_ptr_array_new ();

  for (guint i = 0; i < reminders->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (reminders, i);

      if (g_str_equal (json_object_get_string_member (doc, "kind"), "weekly_update") &&
          !json_object_has_member (doc, "done_at"))
        g_ptr_array_add (open, doc);
    }

  return open;
}

/* Derives and stores on @now; the one open weekly update is due @due. */
static void
assert_weekly_on (Fixture    *f,
                  const char *now,
                  const char *due)
{
  g_autoptr(RdReminderChanges) changes = NULL;
  g_autoptr(RdReminderChanges) again = NULL;
  g_autoptr(GPtrArray) open = NULL;

  g_test_message ("on %s", now);
  set_now (f, now);
  changes = derive (f);
  apply (f, changes);
  open = open_weekly (f->sources.reminders);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (open, 0), "due_at"), ==, due);

  /* Stable: deriving again on the same moment changes nothing. */
  again = derive (f);
  g_assert_cmpuint (again->put->len, ==, 0);
  g_assert_cmpuint (again->retire->len, ==, 0);
}

static void
mark_weekly_done (Fixture    *f,
                  const char *when)
{
  g_autoptr(GPtrArray) open = open_weekly (f->sources.reminders);

  g_assert_cmpuint (open->len, ==, 1);
  json_object_set_string_member (g_ptr_array_index (open, 0), "done_at", when);
}

/* Day by day: one open weekly update at a time.  Missed, it stays,
 * overdue, until the next week begins and its own takes the place; done,
 * the next week's comes at once, and the done one stays done. */
static void
test_weekly_one_open (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const missed[][2] = {
    /* A fresh install on Saturday 5 Dec: Monday 7 Dec, at nine. */
    { "2026-12-05T13:00:00+01:00", "2026-12-07T08:00:00Z" },
    { "2026-12-06T20:00:00+01:00", "2026-12-07T08:00:00Z" },
    { "2026-12-07T08:30:00+01:00", "2026-12-07T08:00:00Z" },
    { "2026-12-07T10:00:00+01:00", "2026-12-07T08:00:00Z" },
    { "2026-12-08T20:00:00+01:00", "2026-12-07T08:00:00Z" },
    /* A week and a day on, missed: still the 7th, overdue; no second one. */
    { "2026-12-13T13:00:00+01:00", "2026-12-07T08:00:00Z" },
    { "2026-12-13T23:59:00+01:00", "2026-12-07T08:00:00Z" },
    /* The new week: the 14th's takes the missed one's place. */
    { "2026-12-14T00:01:00+01:00", "2026-12-14T08:00:00Z" },
    { "2026-12-15T20:00:00+01:00", "2026-12-14T08:00:00Z" },
  };
  g_autofree char *first_id = rd_reminder_make_id ("weekly_update", "", "2026-12-07");
  g_autofree char *first_doc_id = rd_document_make_id ("reminder", first_id);
  g_autoptr(RdReminderChanges) changes = NULL;

  f->prefs.weekly_enabled = TRUE;
  g_ptr_array_set_size (f->sources.accounts, 0);

  for (guint i = 0; i < G_N_ELEMENTS (missed); i++)
    assert_weekly_on (f, missed[i][0], missed[i][1]);
  /* The missed one went: retired, not done. */
  for (guint i = 0; i < f->sources.reminders->len; i++)
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (f->sources.reminders, i), "_id"),
                     !=, first_doc_id);

  /* Done on Wednesday: next Monday's comes at once; the done one stays. */
  mark_weekly_done (f, "2026-12-16T09:00:00Z");
  assert_weekly_on (f, "2026-12-16T10:00:00+01:00", "2026-12-21T08:00:00Z");
  assert_weekly_on (f, "2026-12-20T20:00:00+01:00", "2026-12-21T08:00:00Z");
  assert_weekly_on (f, "2026-12-21T10:00:00+01:00", "2026-12-21T08:00:00Z");
  g_assert_cmpuint (count_kind (f->sources.reminders, "weekly_update"), ==, 2);

  /* The 21st's, missed, goes when the 28th's week begins; the 28th's, done
   * before its time, brings the next at once. */
  assert_weekly_on (f, "2026-12-28T07:00:00+01:00", "2026-12-28T08:00:00Z");
  mark_weekly_done (f, "2026-12-28T06:15:00Z");
  assert_weekly_on (f, "2026-12-28T07:30:00+01:00", "2027-01-04T08:00:00Z");
  g_assert_cmpuint (count_kind (f->sources.reminders, "weekly_update"), ==, 3);

  /* Turned off: the open one goes, the done ones stay. */
  f->prefs.weekly_enabled = FALSE;
  changes = derive (f);
  g_assert_cmpuint (changes->retire->len, ==, 1);
  g_assert_cmpuint (changes->put->len, ==, 0);
}

/* Next week's, stored open beside this week's (as an earlier version, or
 * a desk running one, derived them), is kept: deleting it would only have
 * that desk make it again. */
static void
test_weekly_next_kept (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RdReminderChanges) changes = NULL;
  g_autofree char *next_id = rd_reminder_make_id ("weekly_update", "", "2026-12-14");
  g_autofree char *doc = NULL;

  f->prefs.weekly_enabled = TRUE;
  g_ptr_array_set_size (f->sources.accounts, 0);
  assert_weekly_on (f, "2026-12-05T13:00:00+01:00", "2026-12-07T08:00:00Z");
  assert_weekly_on (f, "2026-12-08T20:00:00+01:00", "2026-12-07T08:00:00Z");

  doc = g_strdup_printf ("{\"_id\":\"reminder:%s\",\"type\":\"reminder\",\"kind\":\"weekly_update\","
                         "\"source_id\":\"2026-12-14\",\"due_at\":\"2026-12-14T08:00:00Z\","
                         "\"title\":\"Send the weekly team update\"}", next_id);
  g_ptr_array_add (f->sources.reminders, parse (doc));
  set_now (f, "2026-12-13T13:00:00+01:00");
  changes = derive (f);
  g_assert_cmpuint (changes->put->len, ==, 0);
  g_assert_cmpuint (changes->retire->len, ==, 0);
}

static const char *
earliest_due (GPtrArray *reminders)
{
  const char *earliest = NULL;

  for (guint i = 0; i < reminders->len; i++)
    {
      const char *due = json_object_get_string_member (g_ptr_array_index (reminders, i), "due_at");

      if (earliest == NULL || strcmp (due, earliest) < 0)
        earliest = due;
    }

  return earliest;
}

static void
test_weekly_fresh_days (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { const char *now; const char *first; } cases[] = {
    { "2026-11-23T08:30:00+01:00", "2026-11-23T08:00:00Z" },   /* Monday before nine: today */
    { "2026-11-23T09:00:00+01:00", "2026-11-23T08:00:00Z" },   /* at nine sharp: now */
    { "2026-11-23T09:01:00+01:00", "2026-11-30T08:00:00Z" },   /* a minute late: next week */
    { "2026-11-25T12:00:00+01:00", "2026-11-30T08:00:00Z" },   /* Wednesday */
    { "2026-11-29T23:59:00+01:00", "2026-11-30T08:00:00Z" },   /* Sunday night */
  };

  f->prefs.weekly_enabled = TRUE;
  g_ptr_array_set_size (f->sources.accounts, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RdReminderChanges) changes = NULL;
      g_autoptr(RdReminderChanges) again = NULL;
      g_autoptr(RdReminderChanges) next_day = NULL;

      g_test_message ("fresh install at %s", cases[i].now);
      g_ptr_array_set_size (f->sources.reminders, 0);
      set_now (f, cases[i].now);
      changes = derive (f);
      g_assert_cmpuint (changes->put->len, >=, 1);
      g_assert_cmpstr (earliest_due (changes->put), ==, cases[i].first);

      /* The next hour and the next day change nothing that is not to come. */
      apply (f, changes);
      again = derive (f);
      g_assert_cmpuint (again->retire->len, ==, 0);
      for (guint k = 0; k < again->put->len; k++)
        g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (again->put, k), "due_at"), >,
                         cases[i].first);
    }
}

static void
test_no_horizon (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdReminderChanges) changes = NULL;

  /* A contract ending in two years, a bridge ending in 15 months and a
   * re-engage date next year: every known date is there, however far. */
  json_object_set_string_member (g_ptr_array_index (f->sources.accounts, 0), "contract_end", "2028-11-30");
  g_ptr_array_add (f->sources.bridges,
                   parse ("{\"_id\":\"bridge:" BRIDGE "\",\"type\":\"bridge\",\"account_id\":\"" ACC "\","
                          "\"kind\":\"extension_30\",\"status\":\"accepted\",\"ends_on\":\"2028-02-28\"}"));
  g_ptr_array_add (f->sources.delays,
                   parse ("{\"_id\":\"delay:" DELAY "\",\"type\":\"delay\",\"account_id\":\"" ACC "\","
                          "\"status\":\"open\",\"communicated_on\":\"2026-11-20\",\"decision_by\":\"2027-09-30\"}"));
  g_ptr_array_add (f->sources.accounts,
                   parse ("{\"_id\":\"account:" ACC2 "\",\"type\":\"account\",\"name\":\"Lindenhof GmbH\","
                          "\"currency\":\"EUR\",\"status\":\"lost\"}"));
  g_ptr_array_add (f->sources.losses,
                   parse ("{\"_id\":\"loss:" LOSS "\",\"type\":\"loss\",\"account_id\":\"" ACC2 "\","
                          "\"reason\":\"pricing\",\"closed_on\":\"2026-11-01\",\"reengage_on\":\"2027-11-01\"}"));
  changes = derive (f);

  g_assert_cmpstr (json_object_get_string_member (find_kind (changes->put, "renewal_start"), "due_at"), ==,
                   "2028-08-02T07:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (find_kind (changes->put, "contract_end"), "due_at"), ==,
                   "2028-11-30T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (find_kind (changes->put, "bridge_end"), "due_at"), ==,
                   "2028-02-28T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (find_kind (changes->put, "decision_by"), "due_at"), ==,
                   "2027-09-30T07:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (find_kind (changes->put, "reengage"), "due_at"), ==,
                   "2027-11-01T08:00:00Z");
  g_assert_cmpuint (changes->put->len, ==, 5);
}

static void
assert_no_changes (Fixture    *f,
                   const char *when)
{
  g_autoptr(RdReminderChanges) changes = NULL;

  set_now (f, when);
  changes = derive (f);
  g_test_message ("derived again at %s", when);
  g_assert_cmpuint (changes->put->len, ==, 0);
  g_assert_cmpuint (changes->retire->len, ==, 0);
}

static void
test_start_now_stable (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RdReminderChanges) first = derive (f);
  JsonObject *start;

  /* First seen on Sunday evening, inside the window: one reminder, now. */
  g_assert_cmpuint (count_kind (first->put, "renewal_start"), ==, 1);
  g_assert_cmpuint (count_overdue (first->put, "2026-11-22T19:00:00Z"), ==, 0);
  apply (f, first);

  /* It stays where it was put, day after day: not "due today" for ever. */
  assert_no_changes (f, "2026-11-22T23:59:00+01:00");
  assert_no_changes (f, "2026-11-23T07:00:00+01:00");
  assert_no_changes (f, "2026-11-24T15:00:00+01:00");
  assert_no_changes (f, "2026-12-02T09:00:00+01:00");
  assert_no_changes (f, "2027-01-15T09:00:00+01:00");
  start = find_kind (f->sources.reminders, "renewal_start");
  g_assert_cmpstr (json_object_get_string_member (start, "due_at"), ==, "2026-11-22T19:00:00Z");
}

static void
test_start_now_morning (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { const char *now; const char *due; } cases[] = {
    { "2026-11-23T07:30:00+01:00", "2026-11-23T08:00:00Z" },   /* before nine: at nine */
    { "2026-11-23T09:00:00+01:00", "2026-11-23T08:00:00Z" },
    { "2026-11-23T11:15:42+01:00", "2026-11-23T10:15:42Z" },   /* later: now */
    { "2026-11-23T00:00:00+01:00", "2026-11-23T08:00:00Z" },   /* just after midnight */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RdReminderChanges) changes = NULL;
      JsonObject *start;

      g_ptr_array_set_size (f->sources.reminders, 0);
      set_now (f, cases[i].now);
      changes = derive (f);
      start = find_kind (changes->put, "renewal_start");
      g_test_message ("first seen at %s", cases[i].now);
      g_assert_cmpstr (json_object_get_string_member (start, "due_at"), ==, cases[i].due);
      g_assert_cmpstr (json_object_get_string_member (start, "anchored_on"), ==, "2026-11-23");
    }
}

static void
test_start_in_time_goes_overdue (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RdReminderChanges) first = NULL;
  JsonObject *start;

  /* Derived in September, before the window: due on its own date … */
  set_now (f, "2026-09-01T10:00:00+02:00");
  first = derive (f);
  start = find_kind (first->put, "renewal_start");
  g_assert_cmpstr (json_object_get_string_member (start, "due_at"), ==, "2026-10-03T07:00:00Z");
  g_assert_false (json_object_has_member (start, "anchored_on"));
  apply (f, first);

  /* … and when nobody acted, overdue is the truth: it does not move. */
  assert_no_changes (f, "2026-10-03T12:00:00+02:00");
  assert_no_changes (f, "2026-11-22T20:00:00+01:00");
}

static void
test_start_new_cycle_inside_window (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(RdReminderChanges) first = NULL;
  g_autoptr(RdReminderChanges) second = NULL;
  JsonObject *start;

  /* A contract ending mid-2027, seen in September … */
  json_object_set_string_member (g_ptr_array_index (f->sources.accounts, 0), "contract_end", "2027-06-30");
  set_now (f, "2026-09-01T10:00:00+02:00");
  first = derive (f);
  apply (f, first);

  /* … then its end is corrected to 31 Jan, which opens the window in the
   * past: the old reminders go, the new start is due now, once. */
  json_object_set_string_member (g_ptr_array_index (f->sources.accounts, 0), "contract_end", "2027-01-31");
  set_now (f, "2026-11-22T20:00:00+01:00");
  second = derive (f);
  g_assert_cmpuint (second->retire->len, ==, 2);
  start = find_kind (second->put, "renewal_start");
  g_assert_cmpstr (json_object_get_string_member (start, "due_at"), ==, "2026-11-22T19:00:00Z");
  apply (f, second);
  assert_no_changes (f, "2026-11-25T09:00:00+01:00");
}

typedef struct
{
  const char *what;
  const char *type;
  const char *json;
  gboolean    begun;
} WorkCase;

static const WorkCase work_cases[] = {
  { "a delay in the window", "delay",
    "{\"_id\":\"delay:" DELAY "\",\"type\":\"delay\",\"account_id\":\"" ACC "\",\"status\":\"open\","
    "\"communicated_on\":\"2026-10-10\"}", TRUE },
  { "a resolved delay in the window", "delay",
    "{\"_id\":\"delay:" DELAY "\",\"type\":\"delay\",\"account_id\":\"" ACC "\",\"status\":\"resolved\","
    "\"communicated_on\":\"2026-10-03\",\"decision_by\":\"2026-12-01\"}", TRUE },
  { "a delay of the last cycle", "delay",
    "{\"_id\":\"delay:" DELAY "\",\"type\":\"delay\",\"account_id\":\"" ACC "\",\"status\":\"resolved\","
    "\"communicated_on\":\"2026-10-02\"}", FALSE },
  { "a delay with no date, written in the window", "delay",
    "{\"_id\":\"delay:" DELAY "\",\"type\":\"delay\",\"account_id\":\"" ACC "\",\"status\":\"open\","
    "\"updated_at\":\"2026-11-01T10:00:00Z\"}", TRUE },
  { "an activity in the window", "activity",
    "{\"_id\":\"activity:" ACTIVITY "\",\"type\":\"activity\",\"account_id\":\"" ACC "\","
    "\"on\":\"2026-11-20\"}", TRUE },
  { "an activity before the window", "activity",
    "{\"_id\":\"activity:" ACTIVITY "\",\"type\":\"activity\",\"account_id\":\"" ACC "\","
    "\"on\":\"2026-03-20\"}", FALSE },
  { "a plan started in the window", "plan",
    "{\"_id\":\"plan:" PLAN "\",\"type\":\"plan\",\"account_id\":\"" ACC "\",\"status\":\"draft\","
    "\"started_on\":\"2026-10-20\"}", TRUE },
  { "a plan of last spring", "plan",
    "{\"_id\":\"plan:" PLAN "\",\"type\":\"plan\",\"account_id\":\"" ACC "\",\"status\":\"met\","
    "\"started_on\":\"2026-05-01\"}", FALSE },
  { "work on another account", "activity",
    "{\"_id\":\"activity:" ACTIVITY "\",\"type\":\"activity\",\"account_id\":\"" ACC2 "\","
    "\"on\":\"2026-11-20\"}", FALSE },
};

static GPtrArray *
sources_for (Fixture    *f,
             const char *type)
{
  if (g_str_equal (type, "delay"))
    return f->sources.delays;
  if (g_str_equal (type, "plan"))
    return f->sources.plans;
  return f->sources.activities;
}

static void
test_work_begun (Fixture       *f,
                 gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (work_cases); i++)
    {
      const WorkCase *w = &work_cases[i];
      GPtrArray *list = sources_for (f, w->type);
      g_autoptr(RdReminderChanges) before = NULL;
      g_autoptr(RdReminderChanges) after = NULL;
      g_autoptr(RdReminderChanges) fresh = NULL;
      g_autoptr(RdReminderChanges) again = NULL;
      JsonObject *start;

      g_test_message ("%s", w->what);
      g_ptr_array_set_size (f->sources.reminders, 0);
      g_ptr_array_set_size (list, 0);
      set_now (f, "2026-11-22T20:00:00+01:00");

      /* The start-now reminder is there, then the work is logged. */
      before = derive (f);
      apply (f, before);
      g_ptr_array_add (list, parse (w->json));
      set_now (f, "2026-11-23T10:00:00+01:00");
      after = derive (f);
      start = find_kind (after->put, "renewal_start");
      if (w->begun)
        {
          g_assert_nonnull (start);
          g_assert_cmpstr (json_object_get_string_member (start, "done_at"), ==, "2026-11-23T09:00:00Z");
          /* nothing else moved: the stored reminder, only done */
          g_assert_cmpstr (json_object_get_string_member (start, "due_at"), ==, "2026-11-22T19:00:00Z");
        }
      else
        g_assert_null (start);
      /* a resolved delay's dates remind nobody */
      g_assert_null (find_kind (after->put, "decision_by"));
      apply (f, after);

      /* Done stays done, even when the work is gone again. */
      g_ptr_array_set_size (list, 0);
      again = derive (f);
      g_assert_null (find_kind (again->put, "renewal_start"));
      g_assert_cmpuint (again->retire->len, ==, 0);

      /* Work logged before the account was first seen: no reminder at all. */
      g_ptr_array_set_size (f->sources.reminders, 0);
      g_ptr_array_add (list, parse (w->json));
      fresh = derive (f);
      if (w->begun)
        g_assert_null (find_kind (fresh->put, "renewal_start"));
      else
        g_assert_nonnull (find_kind (fresh->put, "renewal_start"));
      g_ptr_array_set_size (list, 0);
    }
}

static void
add_busy_account (Fixture *f)
{
  /* An open delay, a running plan with a step and a check-in, an
   * accepted bridge: what an open account would be reminded of. */
  g_ptr_array_add (f->sources.delays,
                   parse ("{\"_id\":\"delay:" DELAY "\",\"type\":\"delay\",\"account_id\":\"" ACC "\","
                          "\"status\":\"open\",\"communicated_on\":\"2026-09-01\",\"info_by\":\"2026-11-25\","
                          "\"reconnect_on\":\"2026-11-30\",\"decision_by\":\"2026-12-10\","
                          "\"next_step\":\"Send the order form\",\"next_step_on\":\"2026-11-24\"}"));
  g_ptr_array_add (f->sources.plans,
                   parse ("{\"_id\":\"plan:" PLAN "\",\"type\":\"plan\",\"account_id\":\"" ACC "\","
                          "\"status\":\"active\",\"started_on\":\"2026-09-20\",\"timeframe_days\":90,"
                          "\"check_in_days\":14}"));
  g_ptr_array_add (f->sources.plan_steps,
                   parse ("{\"_id\":\"plan_step:" STEP "\",\"type\":\"plan_step\",\"plan_id\":\"" PLAN "\","
                          "\"horizon\":\"30d\",\"title\":\"Fix the export\",\"due_on\":\"2026-12-01\"}"));
  g_ptr_array_add (f->sources.bridges,
                   parse ("{\"_id\":\"bridge:" BRIDGE "\",\"type\":\"bridge\",\"account_id\":\"" ACC "\","
                          "\"kind\":\"extension_30\",\"status\":\"accepted\",\"ends_on\":\"2027-03-02\"}"));
  json_object_set_string_member (g_ptr_array_index (f->sources.accounts, 0), "effective_end", "2027-03-02");
}

static void
set_account (Fixture    *f,
             const char *field,
             const char *value)
{
  json_object_set_string_member (g_ptr_array_index (f->sources.accounts, 0), field, value);
}

static void
test_lost_only_reengage (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RdReminderChanges) open = NULL;
  g_autoptr(RdReminderChanges) lost = NULL;
  JsonObject *reengage;

  add_busy_account (f);
  open = derive (f);
  g_assert_cmpuint (open->put->len, >, 8);
  apply (f, open);

  /* Closed as lost; an older loss was reopened before. */
  set_account (f, "status", "lost");
  g_ptr_array_add (f->sources.losses,
                   parse ("{\"_id\":\"loss:" LOSS "\",\"type\":\"loss\",\"account_id\":\"" ACC "\","
                          "\"reason\":\"competitor\",\"competitor\":\"Acme\",\"closed_on\":\"2026-11-22\","
                          "\"reengage_on\":\"2027-01-21\"}"));
  g_ptr_array_add (f->sources.losses,
                   parse ("{\"_id\":\"loss:" ACTIVITY "\",\"type\":\"loss\",\"account_id\":\"" ACC "\","
                          "\"reason\":\"no_budget\",\"closed_on\":\"2025-03-01\",\"reengage_on\":\"2025-05-01\","
                          "\"reopened_on\":\"2025-05-02\"}"));
  lost = derive (f);
  apply (f, lost);

  g_assert_cmpuint (f->sources.reminders->len, ==, 1);
  reengage = find_kind (f->sources.reminders, "reengage");
  g_assert_cmpstr (json_object_get_string_member (reengage, "due_at"), ==, "2027-01-21T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (reengage, "source_id"), ==, LOSS);
  assert_no_changes (f, "2026-11-30T09:00:00+01:00");

  /* No re-engage date, nothing at all. */
  json_object_remove_member (g_ptr_array_index (f->sources.losses, 0), "reengage_on");
  {
    g_autoptr(RdReminderChanges) none = derive (f);

    g_assert_cmpuint (none->put->len, ==, 0);
    g_assert_cmpuint (none->retire->len, ==, 1);
  }
}

static void
test_renewed (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RdReminderChanges) open = NULL;
  g_autoptr(RdReminderChanges) renewed = NULL;
  g_autoptr(RdReminderChanges) new_term = NULL;

  add_busy_account (f);
  open = derive (f);
  apply (f, open);

  /* Renewed on the 22nd, the new dates not entered yet: the term it
   * renewed calls for nothing more. */
  set_account (f, "status", "renewed");
  set_account (f, "renewal_choice", "renew_current");
  set_account (f, "renewal_choice_on", "2026-11-22");
  set_account (f, "contract_start", "2026-02-01");
  renewed = derive (f);
  g_assert_cmpuint (renewed->put->len, ==, 0);
  apply (f, renewed);
  g_assert_cmpuint (f->sources.reminders->len, ==, 0);

  /* The new term entered: its renewal start and its end, nothing else. */
  set_account (f, "contract_start", "2027-02-01");
  set_account (f, "contract_end", "2028-01-31");
  json_object_remove_member (g_ptr_array_index (f->sources.accounts, 0), "effective_end");
  new_term = derive (f);
  g_assert_cmpuint (new_term->put->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (find_kind (new_term->put, "renewal_start"), "due_at"), ==,
                   "2027-10-03T07:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (find_kind (new_term->put, "contract_end"), "due_at"), ==,
                   "2028-01-31T08:00:00Z");
  apply (f, new_term);
  assert_no_changes (f, "2027-06-01T09:00:00+02:00");
}

static void
test_renewed_imported (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RdReminderChanges) changes = NULL;

  /* Imported as renewed, no decision day, its window open already: it is
   * not told to start now, only its end comes up. */
  set_account (f, "status", "renewed");
  changes = derive (f);
  g_assert_cmpuint (changes->put->len, ==, 1);
  g_assert_nonnull (find_kind (changes->put, "contract_end"));
}

static void
test_offboarding (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RdReminderChanges) open = NULL;
  g_autoptr(RdReminderChanges) off = NULL;
  JsonObject *confirm, *export, *end;

  add_busy_account (f);
  open = derive (f);
  apply (f, open);

  /* "Do not renew", chosen today: only the offboarding steps are left. */
  set_account (f, "status", "expected_churn");
  set_account (f, "renewal_choice", "do_not_renew");
  set_account (f, "renewal_choice_on", "2026-11-22");
  off = derive (f);
  apply (f, off);

  g_assert_cmpuint (f->sources.reminders->len, ==, 3);
  confirm = find_title (f->sources.reminders, "confirm in writing");
  export = find_title (f->sources.reminders, "export their data");
  end = find_kind (f->sources.reminders, "contract_end");
  g_assert_nonnull (confirm);
  g_assert_nonnull (export);
  /* decided today, seen at 20:00: now */
  g_assert_cmpstr (json_object_get_string_member (confirm, "due_at"), ==, "2026-11-22T19:00:00Z");
  /* 30 days before access ends on the hard deadline (the bridge's end) */
  g_assert_cmpstr (json_object_get_string_member (export, "due_at"), ==, "2027-01-31T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (end, "due_at"), ==, "2027-03-02T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (confirm, "kind"), ==, "next_step");
  g_assert_cmpstr (json_object_get_string_member (confirm, "account_id"), ==, ACC);

  for (guint i = 0; i < f->sources.reminders->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (rd_document_validate (g_ptr_array_index (f->sources.reminders, i), &error));
      g_assert_no_error (error);
    }

  assert_no_changes (f, "2026-11-23T09:00:00+01:00");
  assert_no_changes (f, "2026-12-20T09:00:00+01:00");
}

static void
test_offboarding_expected_churn (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RdReminderChanges) first = NULL;
  JsonObject *confirm;

  /* Marked expected churn, no choice recorded, the deadline 10 days away:
   * every step is due now, none in the past, and they stay put. */
  set_account (f, "status", "expected_churn");
  set_account (f, "contract_end", "2026-12-02");
  first = derive (f);
  g_assert_cmpuint (first->put->len, ==, 3);
  g_assert_cmpuint (count_overdue (first->put, "2026-11-22T19:00:00Z"), ==, 0);
  confirm = find_title (first->put, "confirm in writing");
  g_assert_cmpstr (json_object_get_string_member (confirm, "due_at"), ==, "2026-11-22T19:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (find_title (first->put, "export their data"), "due_at"), ==,
                   "2026-11-22T19:00:00Z");
  apply (f, first);
  assert_no_changes (f, "2026-11-23T10:00:00+01:00");
  assert_no_changes (f, "2026-11-24T08:00:00+01:00");
}

static void
test_done_plan_steps (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RdReminderChanges) first = NULL;
  g_autoptr(RdReminderChanges) second = NULL;

  add_busy_account (f);
  first = derive (f);
  g_assert_nonnull (find_kind (first->put, "plan_step"));
  apply (f, first);

  json_object_set_string_member (g_ptr_array_index (f->sources.plan_steps, 0), "done_on", "2026-11-22");
  second = derive (f);
  g_assert_null (find_kind (second->put, "plan_step"));
  g_assert_cmpuint (second->retire->len, ==, 1);
}

static void
test_long_name (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RdReminderChanges) changes = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *step = g_strnfill (500, 'x');

  /* 176 characters, some of them two bytes long */
  while (g_utf8_strlen (name->str, -1) < 170)
    g_string_append (name, "Société Générale d’Énergie ");
  set_account (f, "name", name->str);
  add_busy_account (f);
  json_object_set_string_member (g_ptr_array_index (f->sources.delays, 0), "next_step", step);
  f->prefs.weekly_enabled = TRUE;
  changes = derive (f);

  for (guint i = 0; i < changes->put->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (changes->put, i);
      const char *title = json_object_get_string_member (doc, "title");
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", title);
      g_assert_cmpint (g_utf8_strlen (title, -1), <=, RD_REMINDER_TITLE_MAX_CHARS);
      g_assert_true (rd_document_validate (doc, &error));
      g_assert_no_error (error);
      if (g_str_equal (json_object_get_string_member (doc, "kind"), "weekly_update"))
        continue;
      g_assert_nonnull (strstr (title, "Société Générale"));
      g_assert_nonnull (strstr (title, "…"));
      g_assert_cmpint (g_utf8_strlen (title, -1), <=, 60 + 130);
    }
  g_assert_cmpstr (json_object_get_string_member (find_kind (changes->put, "contract_end"), "title"), ==,
                   "Société Générale d’Énergie Société Générale d’Énergie Socié…: the contract ends");
}

static void
test_ellipsize (void)
{
  static const struct { const char *text; guint max; const char *expected; } cases[] = {
    { "Nordlicht Energie AG", 60, "Nordlicht Energie AG" },
    { "Nordlicht Energie AG", 20, "Nordlicht Energie AG" },
    { "Nordlicht Energie AG", 19, "Nordlicht Energie…" },   /* no space before the ellipsis */
    { "Nordlicht Energie AG", 10, "Nordlicht…" },
    { "日本電信電話株式会社", 5, "日本電信…" },
    { "", 5, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cut = rd_reminder_ellipsize (cases[i].text, cases[i].max);

      g_assert_cmpstr (cut, ==, cases[i].expected);
      g_assert_cmpint (g_utf8_strlen (cut, -1), <=, cases[i].max);
    }
}

/* A brand-new sample portfolio opens with nothing overdue, on any day. */
static void
test_sample_not_overdue (Fixture       *f,
                         gconstpointer  data)
{
  static const struct { guint n; const char *today; const char *now; } cases[] = {
    { 40, "2026-11-22", "2026-11-22T14:30:00+01:00" },
    { 40, "2027-03-29", "2027-03-29T08:00:00+02:00" },
    { 300, "2026-11-22", "2026-11-22T20:00:00+01:00" },
    { 300, "2027-07-05", "2027-07-05T10:00:00+02:00" },
  };

  f->prefs.weekly_enabled = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) sample = NULL;
      g_autoptr(RdReminderChanges) first = NULL;
      g_autofree char *now_at = NULL;
      g_autoptr(GDateTime) utc = NULL;
      guint anchored = 0;
      GDate today;

      g_assert_true (rd_date_parse (cases[i].today, &today));
      sample = rd_sample_generate (cases[i].n, RD_SAMPLE_DEFAULT_SEED, &today);
      g_ptr_array_set_size (f->sources.accounts, 0);
      g_ptr_array_set_size (f->sources.reminders, 0);
      for (guint k = 0; k < sample->len; k++)
        if (g_str_equal (json_object_get_string_member (g_ptr_array_index (sample, k), "type"), "account"))
          g_ptr_array_add (f->sources.accounts, json_object_ref (g_ptr_array_index (sample, k)));

      set_now (f, cases[i].now);
      utc = g_date_time_to_utc (f->now);
      now_at = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      first = derive (f);
      g_test_message ("%u accounts on %s: %u reminders", cases[i].n, cases[i].today, first->put->len);
      g_assert_cmpuint (first->put->len, >, cases[i].n);
      g_assert_cmpuint (count_overdue (first->put, now_at), ==, 0);
      for (guint k = 0; k < first->put->len; k++)
        anchored += json_object_has_member (g_ptr_array_index (first->put, k), "anchored_on");
      /* some accounts are inside their window: started now, not overdue */
      g_assert_cmpuint (anchored, >, 0);
      apply (f, first);

      /* The next days: only new weekly updates; nothing else moves. */
      for (int day = 1; day <= 8; day++)
        {
          g_autoptr(GDateTime) later = g_date_time_add_days (f->now, 1);
          g_autoptr(RdReminderChanges) next = NULL;

          g_date_time_unref (f->now);
          f->now = g_steal_pointer (&later);
          next = derive (f);
          for (guint k = 0; k < next->put->len; k++)
            g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (next->put, k), "kind"), ==,
                             "weekly_update");
          apply (f, next);
        }
    }
}

static void
test_store_refresh (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (path, NULL, &error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 11, 22, 20, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) week = g_date_time_add_days (now, 9);
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  RdReminderPrefs prefs;
  guint n = 0;

  g_assert_no_error (error);
  rd_reminder_prefs_init (&prefs);
  prefs.weekly_enabled = FALSE;

  /* A 170-character name inside the window: the title used to be too
   * long for the store, so the whole refresh failed. */
  while (name->len < 170)
    g_string_append (name, "Nordlicht Energie ");
  account = parse ("{\"_id\":\"account:" ACC "\",\"type\":\"account\",\"currency\":\"EUR\","
                   "\"status\":\"active\",\"contract_end\":\"2027-01-31\"}");
  json_object_set_string_member (account, "name", name->str);
  g_assert_true (rd_store_put_document (store, account, &error));
  g_assert_no_error (error);

  g_assert_true (rd_reminders_refresh_full (store, &prefs, tz, now, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);

  /* The anchor is stored with it, so the next days change nothing. */
  g_assert_true (rd_reminders_refresh_full (store, &prefs, tz, now, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (rd_reminders_refresh_full (store, &prefs, tz, tomorrow, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (rd_reminders_refresh_full (store, &prefs, tz, week, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);

  open = rd_reminders_list_open (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (open, 0), "kind"), ==, "renewal_start");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (open, 0), "due_at"), ==,
                   "2026-11-22T19:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (open, 0), "anchored_on"), ==,
                   "2026-11-22");

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static void
test_store_empty (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (path, NULL, &error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  RdReminderPrefs prefs;
  static const char * const days[] = {
    "2026-11-23T07:00:00+01:00", "2026-11-23T12:00:00+01:00", "2026-11-25T12:00:00+01:00",
    "2026-11-29T21:00:00+01:00",
  };

  g_assert_no_error (error);
  rd_reminder_prefs_init (&prefs);

  /* A fresh install on any day: nothing overdue, the weekly update next. */
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (days[i], tz);
      g_autoptr(GPtrArray) open = NULL;
      g_autoptr(RdReminderList) list = NULL;
      gint64 now_usec;

      g_assert_true (rd_reminders_refresh (store, &prefs, tz, now, &error));
      g_assert_no_error (error);
      open = rd_reminders_list_open (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (open->len, >=, 1);
      list = rd_reminder_list_new (open);
      now_usec = g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
      for (guint k = 0; k < open->len; k++)
        g_assert_false (rd_reminder_times_need_notification (&g_array_index (list->times, RdReminderTimes, k),
                                                             now_usec));

      /* start again from an empty database */
      for (guint k = 0; k < open->len; k++)
        {
          g_autofree char *doc_id = rd_document_make_id ("reminder", rd_reminder_get_uuid (g_ptr_array_index (open, k)));

          g_assert_true (rd_store_delete_document (store, doc_id, &error));
          g_assert_no_error (error);
        }
    }

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static void
test_stable_id (void)
{
  g_autofree char *a = rd_reminder_make_id ("decision_by", DELAY, "");
  g_autofree char *b = rd_reminder_make_id ("decision_by", DELAY, "");
  g_autofree char *c = rd_reminder_make_id ("info_by", DELAY, "");
  g_autofree char *check_in = rd_reminder_make_id ("check_in", PLAN, "3");
  g_autofree char *weekly = rd_reminder_make_id ("weekly_update", NULL, "2026-11-23");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  /* Ids stored in every book: they never change. */
  g_assert_cmpstr (a, ==, "b02cced1-a3ea-5e5d-afec-e6a205dbd5ec");
  g_assert_cmpstr (check_in, ==, "92896e7a-d447-5b26-9b3c-3665c14a8ed0");
  g_assert_cmpstr (weekly, ==, "f085ce30-160b-5582-a7eb-4823817df448");
  g_assert_true (g_uuid_string_is_valid (a));
  g_assert_cmpint (a[14], ==, '5');
}

/* The lean reading (only the members the rules read) against the whole --- */

/* One line per member, "_id member value", so that the order of members
 * and of documents does not count. */
static void
add_document_lines (GPtrArray  *lines,
                    JsonObject *doc)
{
  g_autoptr(GList) names = json_object_get_members (doc);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = json_to_string (json_object_get_member (doc, l->data), FALSE);

      g_ptr_array_add (lines, g_strdup_printf ("%s %s %s", json_object_get_string_member (doc, "_id"),
                                               (const char *) l->data, value));
    }
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
changes_to_string (RdReminderChanges *changes)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < changes->put->len; i++)
    add_document_lines (lines, g_ptr_array_index (changes->put, i));
  for (guint i = 0; i < changes->retire->len; i++)
    g_ptr_array_add (lines, g_strdup_printf ("%s retired", (char *) g_ptr_array_index (changes->retire, i)));
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);

  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* Derives on @now with the whole reading and with @reading and checks
 * that both make the same changes; counts @reading's. */
static void
assert_reading_same_as_whole (RdStore               *store,
                              const RdReminderPrefs *prefs,
                              GTimeZone             *tz,
                              GDateTime             *now,
                              RdReminderReading      reading,
                              guint                 *n_put,
                              guint                 *n_retired)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdReminderChanges) whole = NULL;
  g_autoptr(RdReminderChanges) other = NULL;
  g_autofree char *whole_text = NULL;
  g_autofree char *other_text = NULL;

  whole = rd_reminders_derive_from_store (store, prefs, tz, now, RD_REMINDER_READ_WHOLE, &error);
  g_assert_no_error (error);
  other = rd_reminders_derive_from_store (store, prefs, tz, now, reading, &error);
  g_assert_no_error (error);
  whole_text = changes_to_string (whole);
  other_text = changes_to_string (other);
  g_assert_cmpstr (other_text, ==, whole_text);
  *n_put += other->put->len;
  *n_retired += other->retire->len;
}

/* What a user and the data do between two days: some reminders done,
 * some snoozed, some contracts extended (their dates move). */
static void
stir_book (RdStore   *store,
           GDateTime *now,
           guint      round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = rd_reminders_list_open (store, &error);
  g_autoptr(GPtrArray) accounts = rd_store_list_documents (store, "account", NULL, NULL, &error);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autoptr(GPtrArray) done = g_ptr_array_new ();
  g_autoptr(GPtrArray) snoozed = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = round; i < open->len; i += 5)
    g_ptr_array_add (i % 2 ? done : snoozed, (gpointer) rd_reminder_get_uuid (g_ptr_array_index (open, i)));
  g_ptr_array_add (done, NULL);
  g_ptr_array_add (snoozed, NULL);
  g_assert_true (rd_reminders_edit (store, RD_REMINDER_EDIT_DONE, (const char * const *) done->pdata,
                                    now, &error));
  g_assert_no_error (error);
  g_assert_true (rd_reminders_edit (store, RD_REMINDER_EDIT_SNOOZE,
                                    (const char * const *) snoozed->pdata, later, &error));
  g_assert_no_error (error);

  /* Every other round the weekly update is sent (the next one comes at
   * once); else it may be missed, and retired when its week is over. */
  for (guint i = 0; round % 2 == 0 && i < open->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (open, i);
      const char *weekly[] = { rd_reminder_get_uuid (reminder), NULL };

      if (g_strcmp0 (json_object_get_string_member (reminder, "kind"), "weekly_update") != 0)
        continue;
      g_assert_true (rd_reminders_edit (store, RD_REMINDER_EDIT_DONE, weekly, now, &error));
      g_assert_no_error (error);
    }

  for (guint i = round; i < accounts->len; i += 7)
    {
      JsonObject *account = g_ptr_array_index (accounts, i);
      const char *end = json_object_get_string_member_with_default (account, "contract_end", NULL);
      g_autofree char *moved = end ? rd_date_shift (end, 40) : NULL;

      if (moved == NULL)
        continue;
      json_object_set_string_member (account, "contract_end", moved);
      g_assert_true (rd_store_put_document (store, account, &error));
      g_assert_no_error (error);
    }
}

/* A store in a new directory (@dir) whose day is @day_of_march 2026 (also
 * in @start), filled with a sample of @n_accounts accounts from @seed. */
static RdStore *
new_sample_store (char   **dir,
                  GDate   *start,
                  GDateDay day_of_march,
                  guint    n_accounts,
                  guint    seed)
{
  g_autofree char *path = rd_test_make_tmp_db (dir);
  g_autoptr(GError) error = NULL;
  RdStore *store = rd_store_new (path, NULL, &error);

  g_assert_no_error (error);
  g_date_clear (start, 1);
  g_date_set_dmy (start, day_of_march, G_DATE_MARCH, 2026);
  rd_store_set_today (store, start);
  g_assert_true (rd_store_fill_sample (store, n_accounts, seed, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_lean_same_as_whole (void)
{
  static const int days[] = { 0, 1, 20, 21, 95, 200, 201, 400 };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  GDate start;
  g_autoptr(RdStore) store = new_sample_store (&dir, &start, 1, 120, 23);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  guint n_put = 0;
  guint n_retired = 0;
  RdReminderPrefs prefs;

  rd_reminder_prefs_init (&prefs);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) now = NULL;
      GDate day = start;

      g_date_add_days (&day, days[i]);
      now = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                             g_date_get_day (&day), 20, 0, 0);
      g_test_message ("day %+d", days[i]);
      rd_store_set_today (store, &day);
      g_assert_true (rd_store_refresh_derived_if_stale (store, &error));
      g_assert_no_error (error);

      assert_reading_same_as_whole (store, &prefs, tz, now, RD_REMINDER_READ_LEAN, &n_put,
                                    &n_retired);

      g_assert_true (rd_reminders_refresh (store, &prefs, tz, now, &error));
      g_assert_no_error (error);
      stir_book (store, now, i);
    }
  /* The days changed stored reminders: the comparisons compared something. */
  g_assert_cmpuint (n_put, >, 0);
  g_assert_cmpuint (n_retired, >, 0);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* The narrow reads against the whole list of open reminders ----------- */

static char *
ids_to_string (GPtrArray *reminders)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < reminders->len; i++)
    g_string_append_printf (ids, "%s\n", rd_reminder_get_uuid (g_ptr_array_index (reminders, i)));

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Of @open, what rd_reminders_list_due() should list at @now. */
static GPtrArray *
filter_due (GPtrArray *open,
            GDateTime *now)
{
  GPtrArray *due = g_ptr_array_new ();
  g_autoptr(GDateTime) next = NULL;

  for (guint i = 0; i < open->len; i++)
    {
      g_autoptr(GDateTime) at = rd_reminder_get_effective_due (g_ptr_array_index (open, i));

      if (g_date_time_compare (at, now) > 0 &&
          (next == NULL || g_date_time_compare (at, next) < 0))
        {
          g_clear_pointer (&next, g_date_time_unref);
          next = g_date_time_ref (at);
        }
    }
  for (guint i = 0; i < open->len; i++)
    {
      g_autoptr(GDateTime) at = rd_reminder_get_effective_due (g_ptr_array_index (open, i));

      if (g_date_time_compare (at, now) <= 0 || (next != NULL && g_date_time_equal (at, next)))
        g_ptr_array_add (due, g_ptr_array_index (open, i));
    }

  return due;
}

static void
assert_due_same_as_open (RdStore   *store,
                         GPtrArray *open,
                         GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = filter_due (open, now);
  g_autoptr(GPtrArray) due = rd_reminders_list_due (store, now, &error);
  g_autofree char *expected_ids = ids_to_string (expected);
  g_autofree char *due_ids = NULL;

  g_assert_no_error (error);
  due_ids = ids_to_string (due);
  g_assert_cmpstr (due_ids, ==, expected_ids);
  for (guint i = 0; i < due->len; i++)
    g_assert_cmpstr (rd_document_get_string (g_ptr_array_index (due, i), "account_name"), ==,
                     rd_document_get_string (g_ptr_array_index (expected, i), "account_name"));
}

/* What the hidden page counts for the badge, against the whole list. */
static void
assert_counts_same_as_open (RdStore   *store,
                            GPtrArray *open,
                            GDateTime *before)
{
  g_autoptr(GError) error = NULL;
  g_autofree RdReminderCounts *counts = rd_reminders_count_open (store, before, &error);
  guint n_before = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < open->len; i++)
    {
      g_autoptr(GDateTime) at = rd_reminder_get_effective_due (g_ptr_array_index (open, i));

      if (g_date_time_compare (at, before) < 0)
        n_before++;
    }
  g_assert_cmpuint (counts->n_open, ==, open->len);
  g_assert_cmpuint (counts->n_before, ==, n_before);
}

/* The section of @reminder among those ended by @bounds. */
static guint
section_of (JsonObject         *reminder,
            GDateTime * const  *bounds)
{
  g_autoptr(GDateTime) due = rd_reminder_get_effective_due (reminder);
  guint section = 0;

  while (section < RD_STORE_REMINDER_SECTIONS - 1 && g_date_time_compare (due, bounds[section]) >= 0)
    section++;

  return section;
}

/* What the shown page lists in its sections, against the whole list: each
 * section's count, and the first of each up to its limit (the earliest:
 * none left out falls due before one listed). */
static void
assert_page_same_as_open (RdStore   *store,
                          GPtrArray *open,
                          GDateTime *now)
{
  static const guint limits[RD_STORE_REMINDER_SECTIONS] = { 2, 3, 1, 4 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_add_hours (now, -g_date_time_get_hour (now));
  g_autoptr(GDateTime) midnight = g_date_time_add_full (today, 0, 0, 0, 0,
                                                        -g_date_time_get_minute (today),
                                                        -g_date_time_get_seconds (today));
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (midnight, 1);
  g_autoptr(GDateTime) week_end = g_date_time_add_days (midnight, 7);
  GDateTime *bounds[] = { midnight, tomorrow, week_end };
  g_autoptr(RdReminderPage) page = rd_reminders_list_open_page (store, bounds, limits, &error);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  guint counts[RD_STORE_REMINDER_SECTIONS] = { 0 };
  guint n_listed[RD_STORE_REMINDER_SECTIONS] = { 0 };

  g_assert_no_error (error);
  for (guint i = 0; i < page->reminders->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (page->reminders, i);

      g_hash_table_add (listed, (gpointer) rd_document_get_string (reminder, "_id"));
      n_listed[section_of (reminder, bounds)]++;
    }

  for (guint i = 0; i < open->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (open, i);
      guint section = section_of (reminder, bounds);

      counts[section]++;
      if (g_hash_table_contains (listed, rd_document_get_string (reminder, "_id")))
        continue;

      /* Left out: no listed one of its section falls due later. */
      for (guint k = 0; k < page->reminders->len; k++)
        {
          JsonObject *shown = g_ptr_array_index (page->reminders, k);
          g_autoptr(GDateTime) left_out_due = rd_reminder_get_effective_due (reminder);
          g_autoptr(GDateTime) shown_due = rd_reminder_get_effective_due (shown);

          if (section_of (shown, bounds) == section)
            g_assert_cmpint (g_date_time_compare (shown_due, left_out_due), <=, 0);
        }
    }

  for (guint i = 0; i < RD_STORE_REMINDER_SECTIONS; i++)
    {
      g_assert_cmpuint (page->counts[i], ==, counts[i]);
      g_assert_cmpuint (n_listed[i], ==, MIN (counts[i], limits[i]));
    }
}

static void
assert_of_account_same_as_open (RdStore    *store,
                                GPtrArray  *open,
                                const char *account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *expected_ids = NULL;
  g_autofree char *listed_ids = NULL;

  for (guint i = 0; i < open->len; i++)
    if (g_strcmp0 (rd_document_get_string (g_ptr_array_index (open, i), "account_id"), account_id) == 0)
      g_ptr_array_add (expected, g_ptr_array_index (open, i));

  listed = rd_reminders_list_open_of_account (store, account_id, &error);
  g_assert_no_error (error);
  expected_ids = ids_to_string (expected);
  listed_ids = ids_to_string (listed);
  g_assert_cmpstr (listed_ids, ==, expected_ids);
}

/* Next week's weekly update, stored open by another version: it must not
 * be listed while this week's is open, even when that one is snoozed
 * past it.  FALSE when no weekly update is open. */
static gboolean
put_second_weekly_update (RdStore   *store,
                          GPtrArray *open,
                          GDateTime *now)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < open->len; i++)
    {
      JsonObject *first = g_ptr_array_index (open, i);
      g_autoptr(JsonObject) second = NULL;
      g_autoptr(GDateTime) first_due = NULL;
      g_autoptr(GDateTime) due = NULL;
      g_autoptr(GDateTime) after = NULL;
      g_autofree char *uuid = NULL;
      g_autofree char *doc_id = NULL;
      g_autofree char *due_at = NULL;
      g_autofree char *week = NULL;
      const char *ids[] = { rd_reminder_get_uuid (first), NULL };

      if (g_strcmp0 (rd_document_get_string (first, "kind"), "weekly_update") != 0)
        continue;

      first_due = rd_reminder_get_effective_due (first);
      due = g_date_time_add_days (first_due, 7);
      after = g_date_time_add_days (due, 1);
      due_at = rd_reminder_format_instant (due);
      week = g_date_time_format (due, "%Y-%m-%d");
      uuid = rd_reminder_make_id ("weekly_update", NULL, week);
      doc_id = rd_document_make_id ("reminder", uuid);
      second = json_object_new ();
      json_object_set_string_member (second, "_id", doc_id);
      json_object_set_string_member (second, "type", "reminder");
      json_object_set_string_member (second, "kind", "weekly_update");
      json_object_set_string_member (second, "due_at", due_at);
      json_object_set_string_member (second, "title", rd_document_get_string (first, "title"));
      g_assert_true (rd_store_put_document (store, second, &error));
      g_assert_no_error (error);
      g_assert_true (rd_reminders_edit (store, RD_REMINDER_EDIT_SNOOZE, ids, after, &error));
      g_assert_no_error (error);
      return TRUE;
    }

  return FALSE;
}

static void
test_narrow_reads_same_as_open (void)
{
  static const int days[] = { 0, 1, 2, 9, 40 };
  static const int hours[] = { 0, 7, 8, 9, 10, 20, 32, 24 * 5, 24 * 30 };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  GDate start;
  g_autoptr(RdStore) store = new_sample_store (&dir, &start, 2, 80, 31);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) accounts = NULL;
  gboolean second_weekly = FALSE;
  RdReminderPrefs prefs;

  rd_reminder_prefs_init (&prefs);
  accounts = rd_store_list_documents (store, "account", NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) midnight = NULL;
      g_autoptr(GDateTime) now = NULL;
      g_autoptr(GPtrArray) open = NULL;
      GDate day = start;

      g_date_add_days (&day, days[i]);
      midnight = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                                  g_date_get_day (&day), 0, 0, 0);
      now = g_date_time_add_hours (midnight, 20);
      g_test_message ("day %+d", days[i]);
      rd_store_set_today (store, &day);
      g_assert_true (rd_reminders_refresh (store, &prefs, tz, now, &error));
      g_assert_no_error (error);
      stir_book (store, now, i);
      open = rd_reminders_list_open (store, &error);
      g_assert_no_error (error);
      if (i == 1)
        {
          JsonObject *lost = g_ptr_array_index (accounts, 0);
          g_autoptr(GDateTime) soon = g_date_time_add_hours (now, 2);
          g_autofree char *uuid = NULL;

          /* A lost account keeps what the user asked to be reminded of. */
          uuid = rd_reminders_add_manual (store, rd_document_get_string (lost, "_id") + strlen ("account:"),
                                          "Ask why", soon, &error);
          g_assert_no_error (error);
          json_object_set_string_member (lost, "status", "lost");
          g_assert_true (rd_store_put_document (store, lost, &error));
          g_assert_no_error (error);
          g_assert_true (rd_reminders_refresh (store, &prefs, tz, now, &error));
          g_assert_no_error (error);
          g_clear_pointer (&open, g_ptr_array_unref);
          open = rd_reminders_list_open (store, &error);
          g_assert_no_error (error);
        }
      if (!second_weekly && put_second_weekly_update (store, open, now))
        {
          second_weekly = TRUE;
          g_clear_pointer (&open, g_ptr_array_unref);
          open = rd_reminders_list_open (store, &error);
          g_assert_no_error (error);
        }

      /* Done and snoozed ones, a lost account's, and the weekly update's
       * rule; at any hour of the day and beyond. */
      for (guint k = 0; k < G_N_ELEMENTS (hours); k++)
        {
          g_autoptr(GDateTime) at = g_date_time_add_hours (midnight, hours[k]);

          assert_due_same_as_open (store, open, at);
          assert_counts_same_as_open (store, open, at);
          assert_page_same_as_open (store, open, at);
        }
      for (guint k = 0; k < accounts->len; k++)
        assert_of_account_same_as_open (store, open,
                                        rd_document_get_string (g_ptr_array_index (accounts, k), "_id") + strlen ("account:"));
    }
  g_assert_true (second_weekly);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* Deriving only the accounts that are due against deriving all -------- */

/* The @index-th live document of @type, or NULL. */
static JsonObject *
nth_document (RdStore    *store,
              const char *type,
              guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = rd_store_list_documents (store, type, NULL, NULL, &error);

  g_assert_no_error (error);
  if (all->len == 0)
    return NULL;

  return json_object_ref (g_ptr_array_index (all, index % all->len));
}

static void
put (RdStore    *store,
     JsonObject *doc)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = rd_store_put_document (store, doc, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Beyond stir_book(): an account lost, one reopened, one renewed, a delay
 * resolved and one's next step moved, a done reminder undone, work
 * logged, a bridge ended; each as the editor would write it. */
static void
stir_lifecycles (RdStore    *store,
                 const char *today,
                 guint       round)
{
  g_autoptr(JsonObject) lost = nth_document (store, "account", round * 13);
  g_autoptr(JsonObject) loss = json_object_new ();
  g_autoptr(JsonObject) delay = nth_document (store, "delay", round * 7);
  g_autoptr(JsonObject) moved = nth_document (store, "delay", round * 5 + 1);
  g_autoptr(JsonObject) renewed = nth_document (store, "account", round * 17 + 3);
  g_autoptr(JsonObject) activity = json_object_new ();
  g_autoptr(JsonObject) worked = nth_document (store, "account", round * 3 + 1);
  g_autoptr(JsonObject) bridge = nth_document (store, "bridge", round);
  g_autoptr(GPtrArray) losses = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *loss_id = g_strdup_printf ("loss:%08x-0000-4000-8000-000000000000", round);
  g_autofree char *activity_id = g_strdup_printf ("activity:%08x-0000-4000-8000-000000000001",
                                                  round);
  g_autofree char *reengage = rd_date_shift (today, 30 + (int) round);
  g_autofree char *next_step = rd_date_shift (today, 3 + (int) round % 11);
  g_autofree char *renewed_end = rd_date_shift (today, 400);

  json_object_set_string_member (lost, "status", "lost");
  put (store, lost);
  json_object_set_string_member (loss, "_id", loss_id);
  json_object_set_string_member (loss, "type", "loss");
  json_object_set_string_member (loss, "account_id", rd_reminder_get_uuid (lost));
  json_object_set_string_member (loss, "reason", "no_budget");
  json_object_set_string_member (loss, "closed_on", today);
  json_object_set_string_member (loss, "reengage_on", reengage);
  put (store, loss);

  /* The loss of two rounds ago is reopened. */
  losses = rd_store_list_documents (store, "loss", NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < losses->len; i++)
    {
      JsonObject *old = g_ptr_array_index (losses, i);
      g_autofree char *account_id = rd_document_make_id ("account",
                                                         json_object_get_string_member (old, "account_id"));
      g_autoptr(JsonObject) account = rd_store_get_document (store, account_id, &error);

      if (round < 2 || i != (round - 2) % losses->len ||
          json_object_has_member (old, "reopened_on") || account == NULL)
        continue;
      json_object_set_string_member (old, "reopened_on", today);
      put (store, old);
      json_object_set_string_member (account, "status", "active");
      put (store, account);
    }

  if (delay != NULL)
    {
      json_object_set_string_member (delay, "status", "resolved");
      json_object_set_string_member (delay, "resolved_on", today);
      put (store, delay);
    }
  if (moved != NULL && g_strcmp0 (json_object_get_string_member_with_default (moved, "status", NULL),
                                  "resolved") != 0)
    {
      json_object_set_string_member (moved, "next_step_on", next_step);
      put (store, moved);
    }

  json_object_set_string_member (renewed, "status", "renewed");
  json_object_set_string_member (renewed, "renewal_choice", "renew");
  json_object_set_string_member (renewed, "renewal_choice_on", today);
  json_object_set_string_member (renewed, "contract_end", renewed_end);
  put (store, renewed);

  json_object_set_string_member (activity, "_id", activity_id);
  json_object_set_string_member (activity, "type", "activity");
  json_object_set_string_member (activity, "account_id", rd_reminder_get_uuid (worked));
  json_object_set_string_member (activity, "on", today);
  json_object_set_string_member (activity, "kind", "call");
  put (store, activity);

  if (bridge != NULL)
    {
      json_object_set_string_member (bridge, "status", "declined");
      put (store, bridge);
    }

  /* A delay moves to another account; another desk wrote a reminder
   * under an account its source is not of. */
  if (moved != NULL && round % 2 == 0)
    {
      json_object_set_string_member (moved, "account_id", rd_reminder_get_uuid (worked));
      put (store, moved);
    }
  reminders = rd_store_list_documents (store, "reminder", NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = round; i < reminders->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (reminders, i);
      const char *kind = json_object_get_string_member (reminder, "kind");

      if (g_strcmp0 (kind, "next_step") != 0 && g_strcmp0 (kind, "reconnect") != 0)
        continue;
      json_object_set_string_member (reminder, "account_id", rd_reminder_get_uuid (renewed));
      put (store, reminder);
      break;
    }
  g_clear_pointer (&reminders, g_ptr_array_unref);
  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(JsonObject) account = nth_document (store, "account", round * 11 + i);
      const char *end = json_object_get_string_member_with_default (account, "contract_end", NULL);
      g_autofree char *id = rd_reminder_make_id ("renewal_start", rd_reminder_get_uuid (account), end);
      g_autofree char *doc_id = rd_document_make_id ("reminder", id);
      g_autoptr(JsonObject) stored = rd_store_get_document (store, doc_id, NULL);
      g_autoptr(JsonObject) other = NULL;

      if (stored != NULL || end == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (account, "status", NULL), "active") != 0)
        continue;
      /* None stored (work had begun, say): another desk's comes in. */
      other = json_object_new ();
      json_object_set_string_member (other, "_id", doc_id);
      json_object_set_string_member (other, "type", "reminder");
      json_object_set_string_member (other, "kind", "renewal_start");
      json_object_set_string_member (other, "due_at", "2026-03-01T08:00:00Z");
      json_object_set_string_member (other, "title", "Start the renewal");
      json_object_set_string_member (other, "source_id", rd_reminder_get_uuid (account));
      json_object_set_string_member (other, "account_id", rd_reminder_get_uuid (renewed));
      put (store, other);
      break;
    }

  /* A reminder done earlier is undone. */
  reminders = rd_store_list_documents (store, "reminder", NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = round; i < reminders->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (reminders, i);
      const char *ids[] = { rd_reminder_get_uuid (reminder), NULL };
      g_autoptr(GDateTime) when = g_date_time_new_now_utc ();

      if (!json_object_has_member (reminder, "done_at"))
        continue;
      g_assert_true (rd_reminders_edit (store, RD_REMINDER_EDIT_UNDONE, ids, when, &error));
      g_assert_no_error (error);
      break;
    }
}

static void
test_due_same_as_whole (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  GDate start;
  g_autoptr(RdStore) store = new_sample_store (&dir, &start, 1, 120, 23);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (int));
  static const int jumps[] = { 95, 200, 201, 400, 401 };
  guint n_put = 0;
  guint n_retired = 0;
  guint n_quiet = 0;
  RdReminderPrefs prefs;

  rd_reminder_prefs_init (&prefs);

  for (int d = 0; d < 60; d++)
    g_array_append_val (days, d);
  g_array_append_vals (days, jumps, G_N_ELEMENTS (jumps));

  for (guint i = 0; i < days->len; i++)
    {
      int offset = g_array_index (days, int, i);
      g_autoptr(GDateTime) now = NULL;
      g_autofree char *today = NULL;
      g_autofree char *due_accounts = NULL;
      gint64 seq;
      GDate day = start;

      g_date_add_days (&day, offset);
      today = rd_date_to_string (&day);
      /* Mornings and evenings: before and after the remind time. */
      now = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                             g_date_get_day (&day), i % 2 ? 20 : 7, 0, 0);
      g_test_message ("day %+d", offset);
      rd_store_set_today (store, &day);
      g_assert_true (rd_store_refresh_derived_if_stale (store, &error));
      g_assert_no_error (error);

      assert_reading_same_as_whole (store, &prefs, tz, now, RD_REMINDER_READ_DUE, &n_put,
                                    &n_retired);

      /* After a day without edits only the weekly update is due. */
      due_accounts = rd_store_list_reminder_due_accounts (store, today, &seq, NULL, &error);
      g_assert_no_error (error);
      if (i > 0 && i % 3 == 2)
        {
          g_assert_cmpstr (due_accounts, ==, "[\"\"]");
          n_quiet++;
        }

      g_assert_true (rd_reminders_refresh (store, &prefs, tz, now, &error));
      g_assert_no_error (error);
      /* Every third day passes without an edit. */
      if (i % 3 != 0)
        continue;
      stir_book (store, now, i);
      stir_lifecycles (store, today, i);
    }
  g_assert_cmpuint (n_put, >, 0);
  g_assert_cmpuint (n_retired, >, 0);
  g_assert_cmpuint (n_quiet, >, 0);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static JsonObject *
take_remote (JsonObject *base,
             JsonObject *local,
             JsonObject *remote,
             GPtrArray  *conflicts,
             gpointer    user_data)
{
  return json_object_ref (remote);
}

/* Whether the JSON array @accounts names @uuid. */
static gboolean
names_account (const char *accounts,
               const char *uuid)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", uuid);

  return strstr (accounts, quoted) != NULL;
}

/* Whoever writes (the editor, a document import, sync), the account is due
 * and the derivation of the accounts due is the whole one's. */
static void
test_due_after_any_writer (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  GDate start;
  g_autoptr(RdStore) store = new_sample_store (&dir, &start, 2, 40, 7);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 3, 2, 10, 0, 0);
  RdReminderPrefs prefs;

  rd_reminder_prefs_init (&prefs);
  g_assert_true (rd_reminders_refresh (store, &prefs, tz, now, &error));
  g_assert_no_error (error);

  for (guint writer = 0; writer < 3; writer++)
    {
      g_autoptr(JsonObject) account = nth_document (store, "account", 5 + writer * 9);
      g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autofree char *accounts = NULL;
      g_autofree char *end = rd_date_shift ("2029-06-30", (int) writer * 31);
      RdStoreSyncStats stats = { 0 };
      guint n_put = 0;
      guint n_retired = 0;
      gint64 seq;

      json_object_set_string_member (account, "contract_end", end);
      g_ptr_array_add (docs, json_object_ref (account));
      g_test_message ("writer %u", writer);
      if (writer == 0)
        put (store, account);
      else if (writer == 1)
        g_assert_true (rd_store_import_documents (store, docs, &error));
      else
        {
          json_object_set_string_member (account, "_rev", "9-remote");
          g_assert_true (rd_store_sync_apply_documents (store, docs, NULL, take_remote, NULL, NULL,
                                                        NULL, &stats, &error));
        }
      g_assert_no_error (error);

      accounts = rd_store_list_reminder_due_accounts (store, "2026-03-02", &seq, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (names_account (accounts, rd_reminder_get_uuid (account)));
      assert_reading_same_as_whole (store, &prefs, tz, now, RD_REMINDER_READ_DUE, &n_put,
                                    &n_retired);
      g_assert_cmpuint (n_put, >, 0);

      g_assert_true (rd_reminders_refresh (store, &prefs, tz, now, &error));
      g_assert_no_error (error);
      g_clear_pointer (&accounts, g_free);
      accounts = rd_store_list_reminder_due_accounts (store, "2026-03-02", &seq, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (accounts, ==, "[\"\"]");
    }

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* The async calls the view and the scheduler share --------------------- */

static JsonObject *
get_reminder (RdStore    *store,
              const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc_id = rd_document_make_id ("reminder", uuid);
  JsonObject *doc = rd_store_get_document (store, doc_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static gint64
usec_at (const char *iso)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (at);
  return g_date_time_to_unix (at) * G_USEC_PER_SEC + g_date_time_get_microsecond (at);
}

static const RdReminderTimes *
times_of (RdReminderList *list,
          const char     *uuid)
{
  int i = rd_reminder_list_find (list, uuid);

  g_assert_cmpint (i, >=, 0);
  g_assert_cmpstr (rd_reminder_get_uuid (g_ptr_array_index (list->reminders, i)), ==, uuid);
  return &g_array_index (list->times, RdReminderTimes, i);
}

/* What the scheduler compares is read once, as the documents say. */
static void
test_list_times (void)
{
  g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(RdReminderList) list = NULL;
  const RdReminderTimes *times;

  g_ptr_array_add (reminders, parse ("{\"_id\":\"reminder:plain\",\"kind\":\"manual\","
                                     "\"due_at\":\"2026-03-02T09:00:00Z\"}"));
  g_ptr_array_add (reminders, parse ("{\"_id\":\"reminder:snoozed\",\"kind\":\"manual\","
                                     "\"due_at\":\"2026-03-02T09:00:00Z\","
                                     "\"snoozed_until\":\"2026-03-02T10:30:00.25Z\","
                                     "\"notified_at\":\"2026-03-02T09:00:10Z\"}"));
  g_ptr_array_add (reminders, parse ("{\"_id\":\"reminder:moved\",\"kind\":\"manual\","
                                     "\"due_at\":\"2026-03-03T09:00:00+01:00\","
                                     "\"snoozed_until\":\"2026-03-02T10:00:00Z\","
                                     "\"notified_at\":\"not a time\"}"));
  g_ptr_array_add (reminders, parse ("{\"_id\":\"reminder:done\",\"kind\":\"manual\","
                                     "\"due_at\":\"1969-12-31T23:59:59.5Z\","
                                     "\"done_at\":\"2026-03-01T08:00:00Z\"}"));
  g_ptr_array_add (reminders, parse ("{\"_id\":\"reminder:undated\",\"kind\":\"manual\"}"));
  g_ptr_array_add (reminders, parse ("{\"_id\":\"reminder:notified\",\"kind\":\"manual\","
                                     "\"due_at\":\"2026-03-02T09:00:00Z\","
                                     "\"notified_at\":\"2026-03-02T09:00:00Z\"}"));
  list = rd_reminder_list_new (reminders);

  g_assert_true (list->reminders == reminders);
  g_assert_cmpuint (list->times->len, ==, reminders->len);

  times = times_of (list, "plain");
  g_assert_cmpint (times->due, ==, usec_at ("2026-03-02T09:00:00Z"));
  g_assert_cmpint (times->notified, ==, RD_REMINDER_NO_TIME);
  g_assert_false (times->done);

  /* A later snooze is when it fires, to the microsecond. */
  times = times_of (list, "snoozed");
  g_assert_cmpint (times->due, ==, usec_at ("2026-03-02T10:30:00.25Z"));
  g_assert_cmpint (times->notified, ==, usec_at ("2026-03-02T09:00:10Z"));

  /* An earlier one is not; an unreadable stamp counts as never notified. */
  times = times_of (list, "moved");
  g_assert_cmpint (times->due, ==, usec_at ("2026-03-03T08:00:00Z"));
  g_assert_cmpint (times->notified, ==, RD_REMINDER_NO_TIME);

  times = times_of (list, "done");
  g_assert_cmpint (times->due, ==, usec_at ("1969-12-31T23:59:59.5Z"));
  g_assert_true (times->done);

  times = times_of (list, "undated");
  g_assert_cmpint (times->due, ==, RD_REMINDER_NO_TIME);

  /* Who needs a notification at 10:45 on the day: what fell due and was
   * not notified since; a snooze that ran out falls due again. */
  g_assert_true (rd_reminder_times_need_notification (times_of (list, "plain"),
                                                      usec_at ("2026-03-02T10:45:00Z")));
  g_assert_false (rd_reminder_times_need_notification (times_of (list, "plain"),
                                                       usec_at ("2026-03-02T08:59:59Z")));
  g_assert_true (rd_reminder_times_need_notification (times_of (list, "snoozed"),
                                                      usec_at ("2026-03-02T10:45:00Z")));
  g_assert_false (rd_reminder_times_need_notification (times_of (list, "snoozed"),
                                                       usec_at ("2026-03-02T10:30:00Z")));
  g_assert_true (rd_reminder_times_need_notification (times_of (list, "moved"),
                                                      usec_at ("2026-03-03T08:00:00Z")));
  g_assert_false (rd_reminder_times_need_notification (times_of (list, "done"),
                                                       usec_at ("2026-03-02T10:45:00Z")));
  g_assert_false (rd_reminder_times_need_notification (times_of (list, "undated"),
                                                       usec_at ("2026-03-02T10:45:00Z")));
  g_assert_false (rd_reminder_times_need_notification (times_of (list, "notified"),
                                                       usec_at ("2026-03-02T10:45:00Z")));

  g_assert_cmpint (rd_reminder_list_find (list, "reminder:plain"), ==, -1);
  g_assert_cmpint (rd_reminder_list_find (list, "elsewhere"), ==, -1);
  g_assert_cmpint (rd_reminder_list_find (list, NULL), ==, -1);
}

/* Each listed reminder's times, as rd_reminder_get_effective_due() and
 * notified_at say. */
static void
assert_times_read (RdReminderList *list)
{
  g_assert_cmpuint (list->times->len, ==, list->reminders->len);
  for (guint i = 0; i < list->reminders->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (list->reminders, i);
      g_autoptr(GDateTime) due = rd_reminder_get_effective_due (reminder);
      const char *notified_at = rd_document_get_string (reminder, "notified_at");
      const RdReminderTimes *times = times_of (list, rd_reminder_get_uuid (reminder));

      g_assert_nonnull (due);
      g_assert_true (times == &g_array_index (list->times, RdReminderTimes, i));
      g_assert_cmpint (times->due, ==, g_date_time_to_unix (due) * G_USEC_PER_SEC);
      g_assert_cmpint (times->notified, ==,
                       notified_at != NULL ? usec_at (notified_at) : RD_REMINDER_NO_TIME);
      g_assert_false (times->done);
    }
}

static void
test_async_load_and_write (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_test_open_store (path);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 11, 22, 20, 0, 0);
  g_autoptr(GDateTime) due = g_date_time_new (tz, 2026, 11, 23, 9, 0, 0);
  g_autoptr(GDateTime) until = g_date_time_new (tz, 2026, 11, 24, 9, 0, 0);
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) later = g_date_time_new (tz, 2026, 11, 24, 10, 0, 0);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(RdReminderList) list = NULL;
  const RdReminderTimes *times;
  g_autofree char *uuid = NULL;
  GStrv ids;
  RdReminderPrefs prefs;

  rd_reminder_prefs_init (&prefs);
  prefs.weekly_enabled = FALSE;
  account = parse ("{\"_id\":\"account:" ACC "\",\"type\":\"account\",\"name\":\"Nordlicht Energie AG\","
                   "\"currency\":\"EUR\",\"status\":\"active\",\"contract_end\":\"2027-01-31\"}");
  g_assert_true (rd_store_put_document (store, account, &error));
  g_assert_no_error (error);

  /* What the scheduler runs: derive, then list what is due and next,
   * with the times it compares read on the worker. */
  rd_reminders_refresh_list_due_async (store, &prefs, tz, now, NULL, rd_test_async_ready_cb,
                                       &result);
  /* The job took a copy of the preferences. */
  prefs.weekly_enabled = TRUE;
  list = rd_reminders_refresh_list_due_finish (store, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  open = rd_reminders_list_open (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 2);
  g_clear_pointer (&open, g_ptr_array_unref);
  expected = rd_reminders_list_due (store, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->reminders->len, ==, expected->len);
  g_assert_cmpuint (list->reminders->len, >=, 1);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (rd_reminder_get_uuid (g_ptr_array_index (list->reminders, i)), ==,
                     rd_reminder_get_uuid (g_ptr_array_index (expected, i)));
  g_assert_cmpstr (rd_document_get_string (g_ptr_array_index (list->reminders, 0),
                                           "account_name"), ==, "Nordlicht Energie AG");
  assert_times_read (list);
  g_clear_pointer (&list, rd_reminder_list_free);
  g_clear_pointer (&expected, g_ptr_array_unref);
  g_clear_object (&result);

  rd_reminders_add_manual_async (store, ACC, "Call the CFO", due, NULL, rd_test_async_ready_cb,
                                 &result);
  uuid = rd_reminders_add_manual_finish (store, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (uuid));
  g_clear_object (&result);
  doc = get_reminder (store, uuid);
  g_assert_cmpstr (rd_document_get_string (doc, "kind"), ==, "manual");
  g_assert_cmpstr (rd_document_get_string (doc, "due_at"), ==, "2026-11-23T08:00:00Z");
  g_assert_cmpstr (rd_document_get_string (doc, "account_id"), ==, ACC);
  g_clear_pointer (&doc, json_object_unref);

  rd_reminders_edit_async (store, RD_REMINDER_EDIT_SNOOZE, (const char *[]) { uuid, NULL }, until,
                           NULL, rd_test_async_ready_cb, &result);
  g_assert_true (rd_reminders_edit_finish (store, rd_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  doc = get_reminder (store, uuid);
  g_assert_cmpstr (rd_document_get_string (doc, "snoozed_until"), ==, "2026-11-24T08:00:00Z");
  g_clear_pointer (&doc, json_object_unref);

  /* The job copied the ids: the caller's array is gone before it runs. */
  ids = g_new0 (char *, 2);
  ids[0] = g_strdup (uuid);
  rd_reminders_edit_async (store, RD_REMINDER_EDIT_NOTIFIED, (const char * const *) ids, now, NULL,
                           rd_test_async_ready_cb, &result);
  g_strfreev (ids);
  g_assert_true (rd_reminders_edit_finish (store, rd_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  doc = get_reminder (store, uuid);
  g_assert_cmpstr (rd_document_get_string (doc, "notified_at"), ==, "2026-11-22T19:00:00Z");
  g_clear_pointer (&doc, json_object_unref);

  /* Listed once its snooze ran out, due then, and notified before. */
  rd_reminders_list_due_async (store, later, NULL, rd_test_async_ready_cb, &result);
  list = rd_reminders_list_due_finish (store, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  assert_times_read (list);
  times = times_of (list, uuid);
  g_assert_cmpint (times->due, ==, usec_at ("2026-11-24T08:00:00Z"));
  g_assert_cmpint (times->notified, ==, usec_at ("2026-11-22T19:00:00Z"));
  g_clear_pointer (&list, rd_reminder_list_free);

  rd_reminders_edit_async (store, RD_REMINDER_EDIT_DONE, (const char *[]) { uuid, NULL }, now,
                           NULL, rd_test_async_ready_cb, &result);
  g_assert_true (rd_reminders_edit_finish (store, rd_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  doc = get_reminder (store, uuid);
  g_assert_cmpstr (rd_document_get_string (doc, "done_at"), ==, "2026-11-22T19:00:00Z");
  g_clear_pointer (&doc, json_object_unref);

  /* A failure arrives through _finish. */
  rd_reminders_edit_async (store, RD_REMINDER_EDIT_DONE,
                           (const char *[]) { "00000000-0000-4000-8000-000000000000", NULL }, now,
                           NULL, rd_test_async_ready_cb, &result);
  g_assert_false (rd_reminders_edit_finish (store, rd_test_wait_result (&result), &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static void
test_async_cancelled (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_test_open_store (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-11-22T19:00:00Z", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(RdReminderList) list = NULL;
  g_autofree char *uuid = NULL;
  RdReminderPrefs prefs;

  rd_reminder_prefs_init (&prefs);
  g_cancellable_cancel (cancellable);

  rd_reminders_list_due_async (store, now, cancellable, rd_test_async_ready_cb, &result);
  list = rd_reminders_list_due_finish (store, rd_test_wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (list);
  g_clear_error (&error);
  g_clear_object (&result);

  rd_reminders_refresh_list_due_async (store, &prefs, NULL, now, cancellable,
                                       rd_test_async_ready_cb, &result);
  list = rd_reminders_refresh_list_due_finish (store, rd_test_wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (list);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelled before it began: nothing is written. */
  rd_reminders_add_manual_async (store, NULL, "Never", now, cancellable, rd_test_async_ready_cb,
                                 &result);
  uuid = rd_reminders_add_manual_finish (store, rd_test_wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (uuid);
  g_clear_error (&error);
  g_clear_object (&result);

  open = rd_reminders_list_open (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 0);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/reminders/derive/account", test_account_reminders);
  ADD ("/reminders/derive/every-kind", test_every_source_kind);
  ADD ("/reminders/derive/idempotent", test_idempotent);
  ADD ("/reminders/derive/moved-date", test_moved_date);
  ADD ("/reminders/derive/done-and-snoozed-kept", test_done_and_snoozed_kept);
  ADD ("/reminders/derive/snooze-survives", test_snooze_survives_unchanged);
  ADD ("/reminders/derive/finished-sources-retire", test_finished_sources_retire);
  ADD ("/reminders/derive/leap-day-lead", test_leap_day_lead);
  ADD ("/reminders/derive/reengage-in-past", test_reengage_in_past);
  ADD ("/reminders/derive/weekly-update", test_weekly_update);
  ADD ("/reminders/derive/weekly-fresh-days", test_weekly_fresh_days);
  ADD ("/reminders/derive/weekly-one-open", test_weekly_one_open);
  ADD ("/reminders/derive/weekly-next-kept", test_weekly_next_kept);
  ADD ("/reminders/derive/no-horizon", test_no_horizon);
  ADD ("/reminders/start-now/stable", test_start_now_stable);
  ADD ("/reminders/start-now/morning", test_start_now_morning);
  ADD ("/reminders/start-now/in-time-goes-overdue", test_start_in_time_goes_overdue);
  ADD ("/reminders/start-now/new-cycle-inside-window", test_start_new_cycle_inside_window);
  ADD ("/reminders/start-now/work-begun", test_work_begun);
  ADD ("/reminders/status/lost", test_lost_only_reengage);
  ADD ("/reminders/status/renewed", test_renewed);
  ADD ("/reminders/status/renewed-imported", test_renewed_imported);
  ADD ("/reminders/status/offboarding", test_offboarding);
  ADD ("/reminders/status/expected-churn", test_offboarding_expected_churn);
  ADD ("/reminders/derive/done-plan-steps", test_done_plan_steps);
  ADD ("/reminders/title/long-name", test_long_name);
  ADD ("/reminders/sample/not-overdue", test_sample_not_overdue);
#undef ADD
  g_test_add_func ("/reminders/due/dst", test_dst);
  g_test_add_func ("/reminders/id/stable", test_stable_id);
  g_test_add_func ("/reminders/title/ellipsize", test_ellipsize);
  g_test_add_func ("/reminders/store/refresh-stable", test_store_refresh);
  g_test_add_func ("/reminders/store/empty-nothing-overdue", test_store_empty);
  g_test_add_func ("/reminders/store/lean-same-as-whole", test_lean_same_as_whole);
  g_test_add_func ("/reminders/store/due-same-as-whole", test_due_same_as_whole);
  g_test_add_func ("/reminders/store/due-after-any-writer", test_due_after_any_writer);
  g_test_add_func ("/reminders/store/narrow-reads-same-as-open", test_narrow_reads_same_as_open);
  g_test_add_func ("/reminders/list/times", test_list_times);
  g_test_add_func ("/reminders/async/load-and-write", test_async_load_and_write);
  g_test_add_func ("/reminders/async/cancelled", test_async_cancelled);

  return g_test_run ();
}
