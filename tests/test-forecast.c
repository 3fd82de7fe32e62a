/* test-forecast.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-account.h"
#include "rd-enums.h"
#include "rd-forecast.h"
#include "rd-format.h"

static void
day_set (GDate      *day,
         const char *iso)
{
  g_date_clear (day, 1);
  g_assert_true (rd_date_parse (iso, day));
}

/* Quarters, on their first and last days, over year ends and leap days. */
static void
test_quarter_bounds (void)
{
  static const struct
  {
    const char *day;
    int         offset;
    const char *start;
    const char *end;
    int         number;
  } cases[] = {
    { "2026-01-01", 0, "2026-01-01", "2026-03-31", 1 },
    { "2026-03-31", 0, "2026-01-01", "2026-03-31", 1 },
    { "2026-04-01", 0, "2026-04-01", "2026-06-30", 2 },
    { "2026-06-30", 0, "2026-04-01", "2026-06-30", 2 },
    { "2026-07-01", 0, "2026-07-01", "2026-09-30", 3 },
    { "2026-12-31", 0, "2026-10-01", "2026-12-31", 4 },
    { "2026-12-31", 1, "2027-01-01", "2027-03-31", 4 },
    { "2026-01-01", -1, "2025-10-01", "2025-12-31", 1 },
    { "2028-02-29", 0, "2028-01-01", "2028-03-31", 1 },      /* leap day */
    { "2027-11-15", 1, "2028-01-01", "2028-03-31", 4 },
    { "2028-03-31", -1, "2027-10-01", "2027-12-31", 1 },
    { "2028-03-31", 4, "2029-01-01", "2029-03-31", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate day, start, end;
      g_autofree char *s = NULL;
      g_autofree char *e = NULL;

      day_set (&day, cases[i].day);
      rd_forecast_quarter (&day, cases[i].offset, &start, &end);
      s = rd_date_to_string (&start);
      e = rd_date_to_string (&end);
      g_test_message ("%s %+d", cases[i].day, cases[i].offset);
      g_assert_cmpstr (s, ==, cases[i].start);
      g_assert_cmpstr (e, ==, cases[i].end);
      g_assert_cmpint (rd_forecast_quarter_number (&day), ==, cases[i].number);
    }
}

/* Unrenewed renewals stay in the quarter until done, however old. */
static void
test_quarter_place (void)
{
  static const struct
  {
    const char     *day;
    RdStatus        status;
    const char     *deadline;
    const char     *closed_on;
    RdForecastPlace expected;
  } cases[] = {
    { "2026-05-10", RD_STATUS_ACTIVE, "2026-06-30", NULL, RD_FORECAST_TO_DO },
    { "2026-05-10", RD_STATUS_ACTIVE, "2026-07-01", NULL, RD_FORECAST_OUTSIDE },
    { "2026-05-10", RD_STATUS_ACTIVE, "2026-05-10", NULL, RD_FORECAST_TO_DO },       /* due today */
    { "2026-05-10", RD_STATUS_ACTIVE, "2026-05-09", NULL, RD_FORECAST_OVERDUE },
    { "2026-05-10", RD_STATUS_ACTIVE, "2025-11-30", NULL, RD_FORECAST_OVERDUE },     /* earlier quarter */
    { "2026-05-10", RD_STATUS_EXPECTED_CHURN, "2026-06-01", NULL, RD_FORECAST_TO_DO },
    { "2026-05-10", RD_STATUS_ACTIVE, NULL, NULL, RD_FORECAST_OUTSIDE },
    { "2026-05-10", RD_STATUS_RENEWED, "2027-05-31", "2026-04-02", RD_FORECAST_CLOSED },
    { "2026-05-10", RD_STATUS_RENEWED, "2027-03-31", "2026-03-31", RD_FORECAST_OUTSIDE },
    { "2026-05-10", RD_STATUS_RENEWED, "2027-05-31", NULL, RD_FORECAST_OUTSIDE },
    { "2026-05-10", RD_STATUS_LOST, "2026-06-30", "2026-05-01", RD_FORECAST_CLOSED },
    { "2026-05-10", RD_STATUS_LOST, "2026-03-15", "2026-03-20", RD_FORECAST_OUTSIDE },
    { "2026-05-10", RD_STATUS_LOST, "2026-04-15", NULL, RD_FORECAST_CLOSED },       /* date unknown */
    { "2026-05-10", RD_STATUS_LOST, "2026-02-15", NULL, RD_FORECAST_OUTSIDE },
    /* Quarter boundaries. */
    { "2026-07-01", RD_STATUS_ACTIVE, "2026-06-30", NULL, RD_FORECAST_OVERDUE },
    { "2026-06-30", RD_STATUS_ACTIVE, "2026-06-30", NULL, RD_FORECAST_TO_DO },
    { "2026-07-01", RD_STATUS_RENEWED, "2027-06-30", "2026-06-30", RD_FORECAST_OUTSIDE },
    { "2026-07-01", RD_STATUS_RENEWED, "2027-06-30", "2026-07-01", RD_FORECAST_CLOSED },
    { "2028-02-29", RD_STATUS_ACTIVE, "2028-03-31", NULL, RD_FORECAST_TO_DO },
    { "2028-02-29", RD_STATUS_ACTIVE, "2028-02-28", NULL, RD_FORECAST_OVERDUE },
    { "2028-03-31", RD_STATUS_ACTIVE, "2028-04-01", NULL, RD_FORECAST_OUTSIDE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate day;

      day_set (&day, cases[i].day);
      g_test_message ("case %u", i);
      g_assert_cmpint (rd_forecast_quarter_place (cases[i].status, cases[i].deadline,
                                                  cases[i].closed_on, &day),
                       ==, cases[i].expected);
    }
}

/* The account's own renewal day decides when it was renewed. */
static void
test_account_place (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(RdAccount) account = NULL;
  GDate day;

  json_object_set_string_member (doc, "_id", "account:8f2c7f4e-3a77-4a7d-9bb8-2f43b3c1a001");
  json_object_set_string_member (doc, "type", "account");
  json_object_set_string_member (doc, "name", "Renewed Oy");
  json_object_set_string_member (doc, "currency", "EUR");
  json_object_set_string_member (doc, "status", "renewed");
  json_object_set_string_member (doc, "contract_start", "2026-05-01");
  json_object_set_string_member (doc, "contract_end", "2027-04-30");
  json_object_set_string_member (doc, "renewal_choice_on", "2026-04-20");
  account = rd_account_new_from_document (doc, &error);
  g_assert_no_error (error);

  day_set (&day, "2026-06-30");
  g_assert_cmpint (rd_forecast_account_place (account, &day), ==, RD_FORECAST_CLOSED);
  g_assert_true (rd_forecast_account_in_quarter (account, "2026-04-01", "2026-06-30"));
  g_assert_false (rd_forecast_account_in_quarter (account, "2026-07-01", "2026-09-30"));
  day_set (&day, "2026-07-01");
  g_assert_cmpint (rd_forecast_account_place (account, &day), ==, RD_FORECAST_OUTSIDE);

  /* Unrenewed: in every quarter up to its deadline's, overdue or not. */
  rd_account_set_status (account, RD_STATUS_ACTIVE);
  rd_account_set_contract_end (account, "2026-02-10");
  g_assert_true (rd_forecast_account_in_quarter (account, "2026-04-01", "2026-06-30"));
  g_assert_true (rd_forecast_account_in_quarter (account, "2026-01-01", "2026-03-31"));
  g_assert_false (rd_forecast_account_in_quarter (account, "2025-10-01", "2025-12-31"));
  rd_account_set_status (account, RD_STATUS_EXPECTED_CHURN);
  g_assert_true (rd_forecast_account_in_quarter (account, "2026-04-01", "2026-06-30"));
  /* Lost: the quarter of its deadline only. */
  rd_account_set_status (account, RD_STATUS_LOST);
  g_assert_false (rd_forecast_account_in_quarter (account, "2026-04-01", "2026-06-30"));
  g_assert_true (rd_forecast_account_in_quarter (account, "2026-01-01", "2026-03-31"));
}

typedef struct
{
  const char        *day;
  RdStatus           status;
  const char        *deadline;
  int                worst_class;
  guint              n_open;
  guint              n_missed;
  int                plan_answer;
  RdRiskBand         band;
  const char        *last_contact;
  RdForecastCategory expected;
  RdForecastWhy      why;
} CategoryCase;

#define ACTIVE RD_STATUS_ACTIVE
#define ADMIN  RD_CLASS_ADMINISTRATIVE
#define DECIS  RD_CLASS_DECISION
#define RISK   RD_CLASS_RISK
#define LOW    RD_RISK_BAND_LOW

static const CategoryCase categories[] = {
  /* Omitted: lost and expected churn, whatever else is true. */
  { "2026-05-10", RD_STATUS_LOST, "2026-06-01", -1, 0, 0, RD_ANSWER_YES, LOW, "2026-05-01",
    RD_FORECAST_OMITTED, RD_FORECAST_WHY_LOST },
  { "2026-05-10", RD_STATUS_EXPECTED_CHURN, "2026-06-01", ADMIN, 1, 0, -1, LOW, "2026-05-01",
    RD_FORECAST_OMITTED, RD_FORECAST_WHY_EXPECTED_CHURN },
  /* Commit needs evidence. */
  { "2026-05-10", RD_STATUS_RENEWED, "2027-06-01", -1, 0, 0, -1, RD_RISK_BAND_CRITICAL, NULL,
    RD_FORECAST_COMMIT, RD_FORECAST_WHY_RENEWED },
  { "2026-05-10", ACTIVE, "2026-06-01", RISK, 1, 2, RD_ANSWER_YES, RD_RISK_BAND_HIGH, "2026-05-01",
    RD_FORECAST_COMMIT, RD_FORECAST_WHY_PLAN_YES },
  { "2026-05-10", ACTIVE, "2026-06-01", ADMIN, 2, 0, -1, LOW, "2026-05-01",
    RD_FORECAST_COMMIT, RD_FORECAST_WHY_ADMIN_KEPT },
  /* …and not when a commitment is missed: Best Case. */
  { "2026-05-10", ACTIVE, "2026-06-01", ADMIN, 1, 1, -1, LOW, "2026-05-01",
    RD_FORECAST_BEST_CASE, RD_FORECAST_WHY_MISSED_COMMITMENT },
  { "2026-05-10", ACTIVE, "2026-06-01", DECIS, 1, 0, RD_ANSWER_NOT_ASKED, LOW, "2026-04-01",
    RD_FORECAST_BEST_CASE, RD_FORECAST_WHY_DECISION_DELAY },
  /* No delay, talked to in the window: Best Case, not Commit. */
  { "2026-05-10", ACTIVE, "2026-06-01", -1, 0, 0, -1, RD_RISK_BAND_MEDIUM, "2026-02-01",
    RD_FORECAST_BEST_CASE, RD_FORECAST_WHY_TALKING },
  /* Nobody talked to them: Pipeline. */
  { "2026-05-10", ACTIVE, "2026-06-01", -1, 0, 0, -1, LOW, NULL,
    RD_FORECAST_PIPELINE, RD_FORECAST_WHY_NO_CONTACT },
  { "2026-05-10", ACTIVE, "2026-06-01", -1, 0, 0, -1, LOW, "2026-01-09",     /* 121 days ago */
    RD_FORECAST_PIPELINE, RD_FORECAST_WHY_NO_CONTACT },
  { "2026-05-10", ACTIVE, "2026-06-01", -1, 0, 0, -1, LOW, "2026-06-02",     /* after today: not yet */
    RD_FORECAST_PIPELINE, RD_FORECAST_WHY_NO_CONTACT },
  /* Overdue: the last 120 days count, not the days around the deadline. */
  { "2026-05-10", ACTIVE, "2025-12-31", DECIS, 1, 0, -1, LOW, "2026-01-10",
    RD_FORECAST_BEST_CASE, RD_FORECAST_WHY_DECISION_DELAY },
  { "2026-05-10", ACTIVE, "2025-12-31", DECIS, 1, 0, -1, LOW, "2026-01-09",
    RD_FORECAST_PIPELINE, RD_FORECAST_WHY_NO_CONTACT },
  /* Doubt. */
  { "2026-05-10", ACTIVE, "2026-06-01", RISK, 2, 0, -1, LOW, "2026-05-01",
    RD_FORECAST_PIPELINE, RD_FORECAST_WHY_RISK_DELAY },
  { "2026-05-10", ACTIVE, "2026-06-01", ADMIN, 1, 0, RD_ANSWER_NO, LOW, "2026-05-01",
    RD_FORECAST_PIPELINE, RD_FORECAST_WHY_PLAN_NO },
  { "2026-05-10", ACTIVE, "2026-06-01", -1, 0, 0, -1, RD_RISK_BAND_HIGH, "2026-05-01",
    RD_FORECAST_PIPELINE, RD_FORECAST_WHY_HIGH_RISK },
  /* A reopened account is active again, on a fresh term: evidence anew. */
  { "2026-07-01", ACTIVE, "2026-09-30", -1, 0, 0, -1, LOW, "2026-06-20",
    RD_FORECAST_BEST_CASE, RD_FORECAST_WHY_TALKING },
  { "2026-07-01", ACTIVE, "2026-12-31", -1, 0, 0, -1, LOW, NULL,
    RD_FORECAST_PIPELINE, RD_FORECAST_WHY_NO_CONTACT },
  /* Leap year: 120 days before 2028-06-28 is 2028-02-29. */
  { "2028-03-01", ACTIVE, "2028-06-28", -1, 0, 0, -1, LOW, "2028-02-29",
    RD_FORECAST_BEST_CASE, RD_FORECAST_WHY_TALKING },
  { "2028-06-28", ACTIVE, "2028-06-28", -1, 0, 0, -1, LOW, "2028-02-29",
    RD_FORECAST_BEST_CASE, RD_FORECAST_WHY_TALKING },
  { "2028-06-28", ACTIVE, "2028-06-28", -1, 0, 0, -1, LOW, "2028-02-28",
    RD_FORECAST_PIPELINE, RD_FORECAST_WHY_NO_CONTACT },
};

static void
test_category (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      const CategoryCase *c = &categories[i];
      RdForecastFacts facts;
      RdForecastWhy why = -1;
      GDate day;

      rd_forecast_facts_init (&facts);
      facts.status = c->status;
      facts.deadline = c->deadline;
      facts.worst_open_class = c->worst_class;
      facts.n_open_delays = c->n_open;
      facts.n_missed = c->n_missed;
      facts.plan_answer = c->plan_answer;
      facts.risk_band = c->band;
      facts.last_contact_on = c->last_contact;
      day_set (&day, c->day);
      g_test_message ("case %u", i);
      g_assert_cmpint (rd_forecast_category (&facts, &day, &why), ==, c->expected);
      g_assert_cmpint (why, ==, c->why);
      g_assert_cmpstr (rd_forecast_why_label (why), !=, "");
    }

  for (int k = 0; k < RD_FORECAST_N_CATEGORIES; k++)
    {
      g_assert_cmpstr (rd_forecast_category_label (k), !=, "");
      g_assert_nonnull (strstr (rd_forecast_category_rule (k), rd_forecast_category_label (k)));
    }
}

static void
test_commitment_missed (void)
{
  GDate day;

  day_set (&day, "2026-03-01");
  g_assert_false (rd_forecast_commitment_missed (NULL, NULL, &day));
  g_assert_false (rd_forecast_commitment_missed ("2026-03-01", NULL, &day));   /* due today */
  g_assert_true (rd_forecast_commitment_missed ("2026-02-28", NULL, &day));
  g_assert_false (rd_forecast_commitment_missed ("2026-02-28", "2026-02-27", &day));
  g_assert_false (rd_forecast_commitment_missed ("2026-02-28", "2026-03-01", &day));
  g_assert_true (rd_forecast_commitment_missed ("2026-02-28", "2026-03-02", &day)); /* kept later */
  day_set (&day, "2028-03-01");
  g_assert_true (rd_forecast_commitment_missed ("2028-02-29", NULL, &day));
}

/* Slips from accepted bridges, and which leave a quarter. */
static void
test_slips (void)
{
  const RdForecastBridge bridges[] = {
    { "2026-06-20", "2026-07-30", TRUE },       /* 30 days: out of Q2 */
    { "2026-06-25", "2026-07-15", TRUE },       /* shorter, later: no move */
    { "2026-07-20", "2026-09-30", TRUE },       /* a second extension, within Q3 */
    { "2026-06-21", "2026-12-31", FALSE },      /* a pilot: does not move it */
    { NULL, "2027-01-31", TRUE },               /* not accepted */
    { "2026-08-01", "2026-10-30", TRUE },       /* out of Q3 */
  };
  g_autoptr(GPtrArray) slips = rd_forecast_slips ("2026-06-30", bridges, G_N_ELEMENTS (bridges));
  static const char *expected[][3] = {
    { "2026-06-20", "2026-06-30", "2026-07-30" },
    { "2026-07-20", "2026-07-30", "2026-09-30" },
    { "2026-08-01", "2026-09-30", "2026-10-30" },
  };
  GDate start, end, day;

  g_assert_cmpuint (slips->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < slips->len; i++)
    {
      RdForecastSlip *slip = g_ptr_array_index (slips, i);

      g_assert_cmpstr (slip->on, ==, expected[i][0]);
      g_assert_cmpstr (slip->from, ==, expected[i][1]);
      g_assert_cmpstr (slip->to, ==, expected[i][2]);
    }

  day_set (&day, "2026-06-30");
  rd_forecast_quarter (&day, 0, &start, &end);
  g_assert_true (rd_forecast_slip_leaves_quarter (g_ptr_array_index (slips, 0), &start, &end));
  g_assert_false (rd_forecast_slip_leaves_quarter (g_ptr_array_index (slips, 1), &start, &end));
  day_set (&day, "2026-08-15");
  rd_forecast_quarter (&day, 0, &start, &end);
  g_assert_false (rd_forecast_slip_leaves_quarter (g_ptr_array_index (slips, 0), &start, &end));
  g_assert_false (rd_forecast_slip_leaves_quarter (g_ptr_array_index (slips, 1), &start, &end));
  g_assert_true (rd_forecast_slip_leaves_quarter (g_ptr_array_index (slips, 2), &start, &end));

  /* Overdue from an earlier quarter, moved during this one. */
  {
    const RdForecastBridge late[] = { { "2026-04-03", "2026-08-01", TRUE } };
    g_autoptr(GPtrArray) late_slips = rd_forecast_slips ("2026-03-20", late, 1);

    day_set (&day, "2026-05-10");
    rd_forecast_quarter (&day, 0, &start, &end);
    g_assert_cmpuint (late_slips->len, ==, 1);
    g_assert_true (rd_forecast_slip_leaves_quarter (g_ptr_array_index (late_slips, 0), &start, &end));
    /* Due in Q1: it left Q1 too, even though it was moved after Q1. */
    day_set (&day, "2026-02-10");
    rd_forecast_quarter (&day, 0, &start, &end);
    g_assert_true (rd_forecast_slip_leaves_quarter (g_ptr_array_index (late_slips, 0), &start, &end));
    day_set (&day, "2026-08-10");
    rd_forecast_quarter (&day, 0, &start, &end);
    g_assert_false (rd_forecast_slip_leaves_quarter (g_ptr_array_index (late_slips, 0), &start, &end));
  }

  /* No contract end: the first accepted bridge sets it, nothing slipped. */
  {
    g_autoptr(GPtrArray) none = rd_forecast_slips (NULL, bridges, 1);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forecast/quarter/bounds", test_quarter_bounds);
  g_test_add_func ("/forecast/quarter/place", test_quarter_place);
  g_test_add_func ("/forecast/quarter/account", test_account_place);
  g_test_add_func ("/forecast/category", test_category);
  g_test_add_func ("/forecast/commitment-missed", test_commitment_missed);
  g_test_add_func ("/forecast/slips", test_slips);

  return g_test_run ();
}
