/* test-reminders.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rd-document.h"
#include "rd-reminders.h"

/* Every test injects its clock and its time zone: nothing sleeps, and the
 * results do not depend on when or where the suite runs. */

#define ACC "0b6f3a52-1c7e-4f55-9d4e-2a1b7c9e5f10"
#define DELAY "1c7e0b6f-3a52-4f55-9d4e-2a1b7c9e5f11"
#define PLAN "2a1b7c9e-5f12-4f55-9d4e-0b6f3a521c7e"
#define STEP "3a521c7e-0b6f-4f55-9d4e-2a1b7c9e5f13"
#define BRIDGE "4f559d4e-2a1b-4c9e-8f14-0b6f3a521c7e"
#define LOSS "5f150b6f-3a52-4c7e-9d4e-2a1b7c9e4f55"

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

  /* 120 days before 31 Jan 2027 is 3 Oct 2026: overdue, at 9:00 Berlin (CEST) */
  g_assert_cmpstr (json_object_get_string_member (start, "due_at"), ==, "2026-10-03T07:00:00Z");
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
  static const char * const kinds[] = {
    "renewal_start", "contract_end", "info_by", "reconnect", "decision_by", "next_step",
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
  g_ptr_array_add (f->sources.losses,
                   parse ("{\"_id\":\"loss:" LOSS "\",\"type\":\"loss\",\"account_id\":\"" ACC "\","
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

static void
test_weekly_update (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RdReminderChanges) changes = NULL;
  GPtrArray *put;
  guint weekly = 0;

  f->prefs.weekly_enabled = TRUE;
  changes = derive (f);
  put = changes->put;

  /* Sunday 22 Nov 2026: this week's Monday (16th) and the next (23rd) */
  for (guint i = 0; i < put->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (put, i);
      const char *due = json_object_get_string_member (doc, "due_at");

      if (!g_str_equal (json_object_get_string_member (doc, "kind"), "weekly_update"))
        continue;
      weekly++;
      g_assert_true (g_str_equal (due, "2026-11-16T08:00:00Z") || g_str_equal (due, "2026-11-23T08:00:00Z"));
    }
  g_assert_cmpuint (weekly, ==, 2);
}

static void
test_horizon (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RdReminderChanges) changes = NULL;

  /* a contract ending in two years reminds nobody yet */
  json_object_set_string_member (g_ptr_array_index (f->sources.accounts, 0), "contract_end", "2028-11-30");
  changes = derive (f);
  g_assert_cmpuint (changes->put->len, ==, 0);
}

static void
test_stable_id (void)
{
  g_autofree char *a = rd_reminder_make_id ("decision_by", DELAY, "");
  g_autofree char *b = rd_reminder_make_id ("decision_by", DELAY, "");
  g_autofree char *c = rd_reminder_make_id ("info_by", DELAY, "");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_true (g_uuid_string_is_valid (a));
  g_assert_cmpint (a[14], ==, '5');
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
  ADD ("/reminders/derive/horizon", test_horizon);
#undef ADD
  g_test_add_func ("/reminders/due/dst", test_dst);
  g_test_add_func ("/reminders/id/stable", test_stable_id);

  return g_test_run ();
}
