/* test-fold.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-enums.h"
#include "rd-fold.h"
#include "rd-format.h"

typedef struct
{
  RdFoldFacts facts;
  int         no_response_days;
  RdFoldSign  expected;
} FoldCase;

/* extensions, failed plans, risk past decision, days since contact, shopping, stringing along */
static const FoldCase rules[] = {
  { { 0, 0, 0, -1, FALSE, FALSE }, 21, RD_FOLD_NONE },
  { { 1, 0, 0, -1, FALSE, FALSE }, 21, RD_FOLD_NONE },
  { { 2, 0, 0, -1, FALSE, FALSE }, 21, RD_FOLD_EXTENSIONS_NO_PROGRESS },
  { { 3, 0, 0, -1, FALSE, FALSE }, 21, RD_FOLD_EXTENSIONS_NO_PROGRESS },
  { { 0, 1, 0, -1, FALSE, FALSE }, 21, RD_FOLD_PLAN_FAILED },
  { { 0, 0, 1, -1, FALSE, FALSE }, 21, RD_FOLD_NONE },            /* not a sign of its own */
  { { 0, 0, 0, 21, FALSE, FALSE }, 21, RD_FOLD_NONE },            /* exactly the limit: not yet */
  { { 0, 0, 0, 22, FALSE, FALSE }, 21, RD_FOLD_NO_RESPONSE },
  { { 0, 0, 0, 22, FALSE, FALSE }, 30, RD_FOLD_NONE },            /* the limit is a setting */
  { { 0, 0, 0, 400, FALSE, FALSE }, 0, RD_FOLD_NONE },            /* 0 turns the sign off */
  { { 0, 0, 0, 0, TRUE, FALSE }, 21, RD_FOLD_NONE },              /* shopping alone: intervene */
  { { 0, 0, 0, 0, TRUE, TRUE }, 21, RD_FOLD_SHOPPING },
  { { 2, 1, 1, 30, TRUE, TRUE }, 21, RD_FOLD_EXTENSIONS_NO_PROGRESS | RD_FOLD_PLAN_FAILED |
                                     RD_FOLD_NO_RESPONSE | RD_FOLD_SHOPPING },
};

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_test_message ("rule %u", i);
      g_assert_cmpint (rd_fold_evaluate (&rules[i].facts, rules[i].no_response_days), ==,
                       rules[i].expected);
    }
}

static void
test_advice (void)
{
  RdFoldFacts facts = { 0, 0, 0, -1, FALSE, FALSE };

  g_assert_cmpint (rd_fold_advise (&facts, RD_FOLD_NONE), ==, RD_FOLD_ADVICE_NONE);
  facts.shopping_confirmed = TRUE;
  g_assert_cmpint (rd_fold_advise (&facts, RD_FOLD_NONE), ==, RD_FOLD_ADVICE_INTERVENE);
  /* the retired sign, from an old mask, is no reason to let go */
  g_assert_cmpint (rd_fold_advise (&facts, RD_FOLD_RISK_PAST_DECISION), ==, RD_FOLD_ADVICE_INTERVENE);
  g_assert_cmpint (rd_fold_advise (&facts, RD_FOLD_SHOPPING), ==, RD_FOLD_ADVICE_LET_GO);
  facts.shopping_confirmed = FALSE;
  g_assert_cmpint (rd_fold_advise (&facts, RD_FOLD_PLAN_FAILED), ==, RD_FOLD_ADVICE_LET_GO);
}

static GPtrArray *
docs_from (const char *json)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *items;

  if (json == NULL)
    return array;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (array, json_object_ref (json_array_get_object_element (items, i)));

  return array;
}

#define DAY_A "2026-03-01"
#define DAY_B "2026-06-30"
#define DAY_C "2027-01-10"

#define BUDGET_OPEN(communicated) \
  "[{\"status\":\"open\",\"cause\":\"budget\",\"classification\":\"administrative\"," \
  "  \"communicated_on\":\"" communicated "\"}]"

/* An account's documents, judged as of @today. */
typedef struct
{
  const char   *name;
  const char   *today;
  const char   *last_contact;   /* what the store knows beyond the documents, or NULL */
  const char   *delays;
  const char   *plans;
  const char   *steps;
  const char   *bridges;
  RdFoldSign    expected;
  RdFoldAdvice  advice;
} DayCase;

static const DayCase day_cases[] = {
  /* Shopping: a fresh one is a save, not a loss. */
  { "fresh-shopping", DAY_A, NULL,
    "[{\"status\":\"open\",\"cause\":\"shopping\",\"classification\":\"risk\","
    "  \"communicated_on\":\"2026-02-27\",\"decision_by\":\"2026-03-20\"}]", NULL, NULL, NULL,
    RD_FOLD_NONE, RD_FOLD_ADVICE_INTERVENE },
  { "shopping-decision-passed", DAY_A, NULL,
    "[{\"status\":\"open\",\"cause\":\"shopping\",\"classification\":\"risk\","
    "  \"communicated_on\":\"2026-02-20\",\"decision_by\":\"2026-02-25\"}]", NULL, NULL, NULL,
    RD_FOLD_SHOPPING, RD_FOLD_ADVICE_LET_GO },
  { "shopping-decision-kept", DAY_A, NULL,
    "[{\"status\":\"open\",\"cause\":\"shopping\",\"classification\":\"risk\","
    "  \"communicated_on\":\"2026-02-20\",\"decision_by\":\"2026-02-25\","
    "  \"decision_kept_on\":\"2026-02-25\"}]", NULL, NULL, NULL,
    RD_FOLD_NONE, RD_FOLD_ADVICE_INTERVENE },
  { "shopping-two-missed", DAY_A, NULL,
    "[{\"status\":\"open\",\"cause\":\"shopping\",\"communicated_on\":\"2026-02-10\","
    "  \"info_by\":\"2026-02-20\",\"reconnect_on\":\"2026-02-24\",\"decision_by\":\"2026-03-30\"}]",
    NULL, NULL, NULL, RD_FOLD_SHOPPING, RD_FOLD_ADVICE_LET_GO },
  { "shopping-one-missed", DAY_A, NULL,
    "[{\"status\":\"open\",\"cause\":\"shopping\",\"communicated_on\":\"2026-02-10\","
    "  \"info_by\":\"2026-02-20\",\"decision_by\":\"2026-03-30\"}]",
    NULL, NULL, NULL, RD_FOLD_NONE, RD_FOLD_ADVICE_INTERVENE },
  { "fresh-shopping-months-later", DAY_B, NULL,
    "[{\"status\":\"open\",\"cause\":\"shopping\",\"classification\":\"risk\","
    "  \"communicated_on\":\"2026-02-27\",\"decision_by\":\"2026-03-20\"}]", NULL, NULL, NULL,
    RD_FOLD_SHOPPING | RD_FOLD_NO_RESPONSE, RD_FOLD_ADVICE_LET_GO },
  { "resolved-shopping", DAY_B, NULL,
    "[{\"status\":\"resolved\",\"cause\":\"shopping\",\"communicated_on\":\"2026-02-27\","
    "  \"decision_by\":\"2026-03-20\",\"resolved_on\":\"2026-04-02\"}]", NULL, NULL, NULL,
    RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },
  { "budget-two-missed", DAY_A, NULL,
    "[{\"status\":\"open\",\"cause\":\"budget\",\"communicated_on\":\"2026-02-25\","
    "  \"info_by\":\"2026-02-26\",\"decision_by\":\"2026-02-27\"}]", NULL, NULL, NULL,
    RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },

  /* Silence, counted from the last dated contact. */
  { "contact-known-to-the-store", DAY_B, "2026-06-20", BUDGET_OPEN ("2026-05-01"), NULL, NULL, NULL,
    RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },
  { "no-contact-since-communicated", DAY_B, NULL, BUDGET_OPEN ("2026-05-01"), NULL, NULL, NULL,
    RD_FOLD_NO_RESPONSE, RD_FOLD_ADVICE_LET_GO },
  { "silent-21-days", DAY_B, NULL, BUDGET_OPEN ("2026-06-09"), NULL, NULL, NULL,
    RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },
  { "silent-22-days", DAY_B, NULL, BUDGET_OPEN ("2026-06-08"), NULL, NULL, NULL,
    RD_FOLD_NO_RESPONSE, RD_FOLD_ADVICE_LET_GO },
  { "older-store-contact-changes-nothing", DAY_B, "2026-04-01", BUDGET_OPEN ("2026-06-09"), NULL, NULL, NULL,
    RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },
  { "kept-commitment-is-a-contact", DAY_B, NULL,
    "[{\"status\":\"open\",\"cause\":\"budget\",\"communicated_on\":\"2026-04-01\","
    "  \"info_by\":\"2026-06-01\",\"info_kept_on\":\"2026-06-25\"}]", NULL, NULL, NULL,
    RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },
  { "contact-after-today-ignored", DAY_B, "2026-07-15", BUDGET_OPEN ("2026-05-01"), NULL, NULL, NULL,
    RD_FOLD_NO_RESPONSE, RD_FOLD_ADVICE_LET_GO },
  { "newer-resolved-delay-is-a-contact", DAY_B, NULL,
    "[{\"status\":\"open\",\"cause\":\"budget\",\"communicated_on\":\"2026-04-01\"},"
    " {\"status\":\"resolved\",\"cause\":\"priority\",\"communicated_on\":\"2026-05-01\","
    "  \"resolved_on\":\"2026-06-15\"}]", NULL, NULL, NULL,
    RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },
  { "nothing-open-nothing-waited-for", DAY_B, NULL,
    "[{\"status\":\"resolved\",\"communicated_on\":\"2026-01-01\",\"resolved_on\":\"2026-01-20\"}]",
    NULL, NULL, NULL, RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },

  /* Extensions without progress, and failed plans. */
  { "two-bridges-no-progress", DAY_C, NULL, NULL, NULL, NULL,
    "[{\"status\":\"accepted\",\"kind\":\"extension_30\",\"starts_on\":\"2026-12-01\"},"
    " {\"status\":\"accepted\",\"kind\":\"extension_30\",\"starts_on\":\"2027-01-01\"}]",
    RD_FOLD_EXTENSIONS_NO_PROGRESS, RD_FOLD_ADVICE_LET_GO },
  { "progress-between-bridges", DAY_C, NULL, NULL, NULL,
    "[{\"done_on\":\"2026-12-15\"}]",
    "[{\"status\":\"accepted\",\"kind\":\"extension_30\",\"starts_on\":\"2026-12-01\"},"
    " {\"status\":\"accepted\",\"kind\":\"extension_30\",\"starts_on\":\"2027-01-01\"}]",
    RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },
  { "step-done-after-today-is-no-progress", DAY_C, NULL, NULL, NULL,
    "[{\"done_on\":\"2027-02-01\"}]",
    "[{\"status\":\"accepted\",\"kind\":\"extension_30\",\"starts_on\":\"2026-12-01\"},"
    " {\"status\":\"accepted\",\"kind\":\"extension_30\",\"starts_on\":\"2027-01-01\"}]",
    RD_FOLD_EXTENSIONS_NO_PROGRESS, RD_FOLD_ADVICE_LET_GO },
  { "accepted-after-today-not-yet", DAY_C, NULL, NULL, NULL, NULL,
    "[{\"status\":\"accepted\",\"kind\":\"extension_30\",\"starts_on\":\"2026-12-01\"},"
    " {\"status\":\"accepted\",\"kind\":\"grace_period\",\"accepted_on\":\"2027-01-20\"},"
    " {\"status\":\"proposed\",\"kind\":\"extension_60\",\"starts_on\":\"2027-01-01\"}]",
    RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },
  { "failed-plan", DAY_C, NULL, NULL, "[{\"status\":\"failed\",\"started_on\":\"2026-10-01\"}]", NULL, NULL,
    RD_FOLD_PLAN_FAILED, RD_FOLD_ADVICE_LET_GO },
  { "risk-past-decision-is-no-sign", DAY_C, NULL,
    "[{\"status\":\"open\",\"cause\":\"stakeholders\",\"classification\":\"risk\","
    "  \"communicated_on\":\"2027-01-02\",\"decision_by\":\"2027-01-05\"}]", NULL, NULL, NULL,
    RD_FOLD_NONE, RD_FOLD_ADVICE_NONE },
};

static void
test_day_case (gconstpointer data)
{
  const DayCase *c = data;
  g_autoptr(GPtrArray) delays = docs_from (c->delays);
  g_autoptr(GPtrArray) plans = docs_from (c->plans);
  g_autoptr(GPtrArray) steps = docs_from (c->steps);
  g_autoptr(GPtrArray) bridges = docs_from (c->bridges);
  g_autofree char *fired = NULL;
  RdFoldFacts facts;
  RdFoldSign signs;
  GDate today, last_contact;

  g_assert_true (rd_date_parse (c->today, &today));
  if (c->last_contact != NULL)
    g_assert_true (rd_date_parse (c->last_contact, &last_contact));

  rd_fold_facts_from_documents_as_of (delays, plans, steps, bridges,
                                      c->last_contact ? &last_contact : NULL, &today, &facts);
  signs = rd_fold_evaluate (&facts, RD_FOLD_DEFAULT_NO_RESPONSE_DAYS);
  fired = rd_fold_describe (signs);
  g_test_message ("%s: [%s], %d days since contact", c->today, fired, facts.days_since_response);

  g_assert_cmpint (signs, ==, c->expected);
  g_assert_cmpint (rd_fold_advise (&facts, signs), ==, c->advice);
}

static void
test_facts (void)
{
  GDate today;
  RdFoldFacts facts;
  g_autoptr(GPtrArray) delays = docs_from (
    "[{\"status\":\"open\",\"cause\":\"shopping\",\"classification\":\"risk\","
    "  \"communicated_on\":\"2026-02-01\",\"decision_by\":\"2026-02-20\"},"
    " {\"status\":\"resolved\",\"classification\":\"risk\",\"communicated_on\":\"2026-01-05\","
    "  \"decision_by\":\"2026-01-10\"},"
    " {\"status\":\"open\",\"classification\":\"risk\",\"classification_override\":\"administrative\","
    "  \"communicated_on\":\"2026-01-20\",\"decision_by\":\"2026-01-25\"}]");
  g_autoptr(GPtrArray) plans = docs_from ("[{\"status\":\"failed\",\"started_on\":\"2026-01-02\"},"
                                          " {\"status\":\"active\",\"started_on\":\"2026-02-02\"}]");
  g_autoptr(GPtrArray) steps = docs_from ("[{\"done_on\":\"2026-01-15\"}, {\"title\":\"x\"}]");
  g_autoptr(GPtrArray) bridges = docs_from (
    "[{\"status\":\"accepted\",\"kind\":\"extension_30\",\"accepted_on\":\"2026-01-10\"},"
    " {\"status\":\"accepted\",\"kind\":\"extension_30\",\"accepted_on\":\"2026-01-20\"},"
    " {\"status\":\"accepted\",\"kind\":\"grace_period\",\"accepted_on\":\"2026-02-10\"},"
    " {\"status\":\"declined\",\"kind\":\"extension_60\",\"declined_on\":\"2026-02-11\"}]");

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_MARCH, 2026);
  rd_fold_facts_from_documents (delays, plans, steps, bridges, &today, &facts);

  /* The bridges after the last step done (15 Jan): 20 Jan and 10 Feb. */
  g_assert_cmpuint (facts.extensions_without_progress, ==, 2);
  g_assert_cmpuint (facts.failed_plans, ==, 1);
  /* The overridden one is not a risk; the resolved one is closed. */
  g_assert_cmpuint (facts.risk_delays_past_decision, ==, 1);
  g_assert_cmpint (facts.days_since_response, ==, 28);
  g_assert_true (facts.shopping_confirmed);
  g_assert_true (facts.stringing_along);
  g_assert_cmpint (rd_fold_evaluate (&facts, 21), ==,
                   RD_FOLD_EXTENSIONS_NO_PROGRESS | RD_FOLD_PLAN_FAILED |
                   RD_FOLD_NO_RESPONSE | RD_FOLD_SHOPPING);

  /* Nothing at all: nothing fires, and silence is not measured. */
  rd_fold_facts_from_documents (NULL, NULL, NULL, NULL, &today, &facts);
  g_assert_cmpint (facts.days_since_response, ==, -1);
  g_assert_cmpint (rd_fold_evaluate (&facts, 21), ==, RD_FOLD_NONE);
  g_assert_cmpint (rd_fold_advise (&facts, RD_FOLD_NONE), ==, RD_FOLD_ADVICE_NONE);
}

static void
test_describe (void)
{
  g_autofree char *text = rd_fold_describe (RD_FOLD_PLAN_FAILED | RD_FOLD_SHOPPING);
  g_autofree char *empty = rd_fold_describe (RD_FOLD_NONE);

  g_assert_cmpstr (text, ==, "a recovery plan failed, they are shopping and stringing you along");
  g_assert_cmpstr (empty, ==, "");
  for (guint i = 0; i < RD_FOLD_N_SIGNS; i++)
    g_assert_nonnull (rd_fold_sign_label (1 << i));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fold/rules", test_rules);
  g_test_add_func ("/fold/advice", test_advice);
  for (guint i = 0; i < G_N_ELEMENTS (day_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fold/as-of/%s/%s", day_cases[i].today, day_cases[i].name);

      g_test_add_data_func (path, &day_cases[i], test_day_case);
    }
  g_test_add_func ("/fold/facts-from-documents", test_facts);
  g_test_add_func ("/fold/describe", test_describe);

  return g_test_run ();
}
