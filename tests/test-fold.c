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

static const FoldCase rules[] = {
  { { 0, 0, 0, -1, FALSE }, 21, RD_FOLD_NONE },
  { { 1, 0, 0, -1, FALSE }, 21, RD_FOLD_NONE },
  { { 2, 0, 0, -1, FALSE }, 21, RD_FOLD_EXTENSIONS_NO_PROGRESS },
  { { 3, 0, 0, -1, FALSE }, 21, RD_FOLD_EXTENSIONS_NO_PROGRESS },
  { { 0, 1, 0, -1, FALSE }, 21, RD_FOLD_PLAN_FAILED },
  { { 0, 0, 1, -1, FALSE }, 21, RD_FOLD_RISK_PAST_DECISION },
  { { 0, 0, 0, 21, FALSE }, 21, RD_FOLD_NONE },            /* exactly the limit: not yet */
  { { 0, 0, 0, 22, FALSE }, 21, RD_FOLD_NO_RESPONSE },
  { { 0, 0, 0, 22, FALSE }, 30, RD_FOLD_NONE },            /* the limit is a setting */
  { { 0, 0, 0, 400, FALSE }, 0, RD_FOLD_NONE },            /* 0 turns the sign off */
  { { 0, 0, 0, 0, TRUE }, 21, RD_FOLD_SHOPPING },
  { { 2, 1, 1, 30, TRUE }, 21, RD_FOLD_EXTENSIONS_NO_PROGRESS | RD_FOLD_PLAN_FAILED |
                                RD_FOLD_RISK_PAST_DECISION | RD_FOLD_NO_RESPONSE | RD_FOLD_SHOPPING },
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

static JsonObject *
doc (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_node_dup_object (node);
}

static GPtrArray *
docs (const char *first,
      ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *json = first; json != NULL; json = va_arg (args, const char *))
    g_ptr_array_add (array, doc (json));
  va_end (args);
  return array;
}

static void
test_facts (void)
{
  GDate today;
  RdFoldFacts facts;
  g_autoptr(GPtrArray) delays = docs (
    "{\"status\":\"open\",\"cause\":\"shopping\",\"classification\":\"risk\","
    " \"communicated_on\":\"2026-02-01\",\"decision_by\":\"2026-02-20\"}",
    "{\"status\":\"resolved\",\"classification\":\"risk\",\"communicated_on\":\"2026-01-05\","
    " \"decision_by\":\"2026-01-10\"}",
    "{\"status\":\"open\",\"classification\":\"risk\",\"classification_override\":\"administrative\","
    " \"communicated_on\":\"2026-01-20\",\"decision_by\":\"2026-01-25\"}",
    NULL);
  g_autoptr(GPtrArray) plans = docs ("{\"status\":\"failed\",\"started_on\":\"2026-01-02\"}",
                                     "{\"status\":\"active\",\"started_on\":\"2026-02-02\"}", NULL);
  g_autoptr(GPtrArray) steps = docs ("{\"done_on\":\"2026-01-15\"}", "{\"title\":\"x\"}", NULL);
  g_autoptr(GPtrArray) bridges = docs (
    "{\"status\":\"accepted\",\"kind\":\"extension_30\",\"accepted_on\":\"2026-01-10\"}",
    "{\"status\":\"accepted\",\"kind\":\"extension_30\",\"accepted_on\":\"2026-01-20\"}",
    "{\"status\":\"accepted\",\"kind\":\"grace_period\",\"accepted_on\":\"2026-02-10\"}",
    "{\"status\":\"declined\",\"kind\":\"extension_60\",\"declined_on\":\"2026-02-11\"}",
    NULL);

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
  g_assert_cmpint (rd_fold_evaluate (&facts, 21), ==,
                   RD_FOLD_EXTENSIONS_NO_PROGRESS | RD_FOLD_PLAN_FAILED |
                   RD_FOLD_RISK_PAST_DECISION | RD_FOLD_NO_RESPONSE | RD_FOLD_SHOPPING);

  /* Nothing at all: nothing fires, and silence is not measured. */
  rd_fold_facts_from_documents (NULL, NULL, NULL, NULL, &today, &facts);
  g_assert_cmpint (facts.days_since_response, ==, -1);
  g_assert_cmpint (rd_fold_evaluate (&facts, 21), ==, RD_FOLD_NONE);
}

static void
test_describe (void)
{
  g_autofree char *text = rd_fold_describe (RD_FOLD_PLAN_FAILED | RD_FOLD_SHOPPING);
  g_autofree char *empty = rd_fold_describe (RD_FOLD_NONE);

  g_assert_cmpstr (text, ==, "a recovery plan failed, they are shopping around");
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
  g_test_add_func ("/fold/facts-from-documents", test_facts);
  g_test_add_func ("/fold/describe", test_describe);

  return g_test_run ();
}
