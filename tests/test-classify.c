/* test-classify.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rd-classify.h"

#define B(s) RD_SIGNAL_BIT (RD_SIGNAL_##s)
#define NONE (-1)
#define UNKNOWN G_MININT

typedef struct
{
  const char *name;
  int         cause;
  guint32     signals;
  guint       missed;
  RdClass     expected;
} ClassCase;

static const ClassCase class_cases[] = {
  /* empty input: nothing assessed is a decision to understand */
  { "empty", NONE, 0, 0, RD_CLASS_DECISION },
  { "empty-missed", NONE, 0, 1, RD_CLASS_DECISION },

  /* rule 1: risk by cause */
  { "shopping-bare", RD_CAUSE_SHOPPING, 0, 0, RD_CLASS_RISK },
  { "shopping-good-signals", RD_CAUSE_SHOPPING, B (APOLOGETIC) | B (OFFERED_TIMELINE), 0, RD_CLASS_RISK },
  { "hidden-bare", RD_CAUSE_HIDDEN_PROBLEM, 0, 0, RD_CLASS_RISK },
  { "hidden-all-good", RD_CAUSE_HIDDEN_PROBLEM,
    B (SPECIFIC_EXPLANATION) | B (APOLOGETIC) | B (OFFERED_TIMELINE) | B (PROACTIVE_UPDATES) | B (ASKS_NEXT_STEPS),
    0, RD_CLASS_RISK },

  /* rule 1: risk by evaluating alternatives, whatever the cause */
  { "budget-evaluating", RD_CAUSE_BUDGET, B (EVALUATING_ALTERNATIVES), 0, RD_CLASS_RISK },
  { "priority-evaluating-good", RD_CAUSE_PRIORITY, B (EVALUATING_ALTERNATIVES) | B (APOLOGETIC), 0, RD_CLASS_RISK },
  { "none-evaluating", NONE, B (EVALUATING_ALTERNATIVES), 0, RD_CLASS_RISK },
  { "stakeholders-evaluating", RD_CAUSE_STAKEHOLDERS, B (EVALUATING_ALTERNATIVES), 0, RD_CLASS_RISK },

  /* rule 1: two or more warning signs */
  { "silence-ignores", RD_CAUSE_BUDGET, B (RADIO_SILENCE) | B (IGNORES_HELP), 0, RD_CLASS_RISK },
  { "sudden-budget-raises", RD_CAUSE_PRIORITY, B (SUDDEN_BUDGET_CONCERN) | B (RAISES_ISSUES), 0, RD_CLASS_RISK },
  { "strained-defensive", NONE, B (STRAINED_RELATIONSHIP) | B (DEFENSIVE), 0, RD_CLASS_RISK },
  { "defensive-silence-good", RD_CAUSE_BUDGET, B (DEFENSIVE) | B (RADIO_SILENCE) | B (APOLOGETIC), 0, RD_CLASS_RISK },
  { "three-warnings", RD_CAUSE_CHAMPION_CHANGE, B (IGNORES_HELP) | B (RAISES_ISSUES) | B (STRAINED_RELATIONSHIP), 0, RD_CLASS_RISK },
  { "all-six-warnings", RD_CAUSE_STAKEHOLDERS,
    B (RADIO_SILENCE) | B (IGNORES_HELP) | B (SUDDEN_BUDGET_CONCERN) | B (RAISES_ISSUES) | B (STRAINED_RELATIONSHIP) | B (DEFENSIVE),
    0, RD_CLASS_RISK },

  /* one warning sign alone is not risk (tie at the threshold) */
  { "one-warning-budget", RD_CAUSE_BUDGET, B (RADIO_SILENCE), 0, RD_CLASS_DECISION },
  { "one-warning-good", RD_CAUSE_BUDGET, B (DEFENSIVE) | B (APOLOGETIC), 0, RD_CLASS_DECISION },
  { "one-warning-stakeholders", RD_CAUSE_STAKEHOLDERS, B (STRAINED_RELATIONSHIP), 0, RD_CLASS_DECISION },
  /* vague and no_timeline are bad but not warning signs */
  { "vague-no-timeline", RD_CAUSE_PRIORITY, B (VAGUE) | B (NO_TIMELINE), 0, RD_CLASS_DECISION },
  { "vague-one-warning", RD_CAUSE_PRIORITY, B (VAGUE) | B (IGNORES_HELP), 0, RD_CLASS_DECISION },
  { "vague-two-warnings", RD_CAUSE_PRIORITY, B (VAGUE) | B (IGNORES_HELP) | B (DEFENSIVE), 0, RD_CLASS_RISK },

  /* rule 2: administrative */
  { "budget-specific", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), 0, RD_CLASS_ADMINISTRATIVE },
  { "budget-apologetic", RD_CAUSE_BUDGET, B (APOLOGETIC), 0, RD_CLASS_ADMINISTRATIVE },
  { "priority-timeline", RD_CAUSE_PRIORITY, B (OFFERED_TIMELINE), 0, RD_CLASS_ADMINISTRATIVE },
  { "priority-updates", RD_CAUSE_PRIORITY, B (PROACTIVE_UPDATES), 0, RD_CLASS_ADMINISTRATIVE },
  { "budget-asks", RD_CAUSE_BUDGET, B (ASKS_NEXT_STEPS), 0, RD_CLASS_ADMINISTRATIVE },
  { "budget-all-good", RD_CAUSE_BUDGET,
    B (SPECIFIC_EXPLANATION) | B (APOLOGETIC) | B (OFFERED_TIMELINE) | B (PROACTIVE_UPDATES) | B (ASKS_NEXT_STEPS),
    0, RD_CLASS_ADMINISTRATIVE },

  /* rule 2 fails on each condition in turn */
  { "budget-no-signals", RD_CAUSE_BUDGET, 0, 0, RD_CLASS_DECISION },
  { "priority-no-signals", RD_CAUSE_PRIORITY, 0, 0, RD_CLASS_DECISION },
  { "budget-good-and-vague", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION) | B (VAGUE), 0, RD_CLASS_DECISION },
  { "budget-good-and-no-timeline", RD_CAUSE_BUDGET, B (APOLOGETIC) | B (NO_TIMELINE), 0, RD_CLASS_DECISION },
  { "priority-good-and-silence", RD_CAUSE_PRIORITY, B (OFFERED_TIMELINE) | B (RADIO_SILENCE), 0, RD_CLASS_DECISION },
  { "budget-good-missed", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), 1, RD_CLASS_DECISION },
  { "priority-good-missed-three", RD_CAUSE_PRIORITY, B (PROACTIVE_UPDATES), 3, RD_CLASS_DECISION },
  { "stakeholders-good", RD_CAUSE_STAKEHOLDERS, B (SPECIFIC_EXPLANATION), 0, RD_CLASS_DECISION },
  { "champion-change-good", RD_CAUSE_CHAMPION_CHANGE, B (APOLOGETIC) | B (OFFERED_TIMELINE), 0, RD_CLASS_DECISION },
  { "none-good", NONE, B (SPECIFIC_EXPLANATION), 0, RD_CLASS_DECISION },
  { "stakeholders-bare", RD_CAUSE_STAKEHOLDERS, 0, 0, RD_CLASS_DECISION },
  { "champion-change-bare", RD_CAUSE_CHAMPION_CHANGE, 0, 0, RD_CLASS_DECISION },
  { "champion-change-vague", RD_CAUSE_CHAMPION_CHANGE, B (VAGUE), 0, RD_CLASS_DECISION },

  /* missed commitments never make a risk on their own */
  { "stakeholders-missed", RD_CAUSE_STAKEHOLDERS, 0, 4, RD_CLASS_DECISION },
  /* risk wins over everything that would make it administrative */
  { "shopping-missed", RD_CAUSE_SHOPPING, B (SPECIFIC_EXPLANATION), 2, RD_CLASS_RISK },
};

static void
test_class_case (gconstpointer data)
{
  const ClassCase *c = data;
  RdClassifyInput input;
  g_autoptr(RdClassification) result = NULL;

  rd_classify_input_init (&input);
  input.cause = c->cause;
  input.signals = c->signals;
  input.missed_commitments = c->missed;

  result = rd_classify (&input);

  g_assert_cmpstr (rd_enum_table_id (&rd_class_table, result->klass), ==,
                   rd_enum_table_id (&rd_class_table, c->expected));
  g_assert_cmpint (result->reasons->len, >, 0);

  /* the score always lies in its class's band */
  switch (result->klass)
    {
    case RD_CLASS_ADMINISTRATIVE:
      g_assert_cmpint (result->score, >=, 0);
      g_assert_cmpint (result->score, <=, 33);
      break;
    case RD_CLASS_DECISION:
      g_assert_cmpint (result->score, >=, 34);
      g_assert_cmpint (result->score, <=, 66);
      break;
    case RD_CLASS_RISK:
      g_assert_cmpint (result->score, >=, 67);
      g_assert_cmpint (result->score, <=, 100);
      break;
    default:
      g_assert_not_reached ();
    }
}

static int
score_of (int      cause,
          guint32  signals,
          int      days,
          guint    extensions,
          guint    other_delays,
          gboolean champion_changed,
          guint    missed)
{
  RdClassifyInput input;
  g_autoptr(RdClassification) result = NULL;

  rd_classify_input_init (&input);
  input.cause = cause;
  input.signals = signals;
  input.days_to_deadline = days;
  input.extensions = extensions;
  input.other_open_delays = other_delays;
  input.champion_changed = champion_changed;
  input.missed_commitments = missed;
  result = rd_classify (&input);

  return result->score;
}

static void
test_score_context (void)
{
  int far = score_of (RD_CAUSE_STAKEHOLDERS, 0, 200, 0, 0, FALSE, 0);

  /* a nearer deadline raises the score */
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 90, 0, 0, FALSE, 0), >, far);
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 20, 0, 0, FALSE, 0), >,
                   score_of (RD_CAUSE_STAKEHOLDERS, 0, 90, 0, 0, FALSE, 0));
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, -3, 0, 0, FALSE, 0), >,
                   score_of (RD_CAUSE_STAKEHOLDERS, 0, 20, 0, 0, FALSE, 0));
  /* so do extensions, other delays, a changed champion, missed dates */
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 200, 2, 0, FALSE, 0), >, far);
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 200, 0, 1, FALSE, 0), >, far);
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 200, 0, 0, TRUE, 0), >, far);
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 200, 0, 0, FALSE, 1), >, far);
  /* good signals lower it within the class */
  g_assert_cmpint (score_of (RD_CAUSE_BUDGET, B (APOLOGETIC) | B (OFFERED_TIMELINE), 200, 0, 0, FALSE, 0), <,
                   score_of (RD_CAUSE_BUDGET, B (APOLOGETIC), 200, 0, 0, FALSE, 0));
  /* the worst administrative case still scores below the calmest decision */
  g_assert_cmpint (score_of (RD_CAUSE_BUDGET, B (APOLOGETIC), -10, 3, 3, TRUE, 0), <,
                   score_of (RD_CAUSE_STAKEHOLDERS, B (SPECIFIC_EXPLANATION), 400, 0, 0, FALSE, 0));
  /* and the worst decision below the calmest risk */
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, B (VAGUE) | B (NO_TIMELINE) | B (DEFENSIVE), -10, 3, 3, TRUE, 3), <,
                   score_of (RD_CAUSE_HIDDEN_PROBLEM, B (APOLOGETIC), 400, 0, 0, FALSE, 0));
  /* unknown deadline is neutral */
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, UNKNOWN, 0, 0, FALSE, 0), ==, far);
}

static void
test_explain (void)
{
  RdClassifyInput input;
  g_autoptr(RdClassification) result = NULL;
  g_autofree char *text = NULL;

  rd_classify_input_init (&input);
  input.cause = RD_CAUSE_PRIORITY;
  input.signals = B (EVALUATING_ALTERNATIVES) | B (RADIO_SILENCE);
  result = rd_classify (&input);
  text = rd_classification_explain (result);

  g_assert_cmpstr (text, ==,
                   "risk — evaluating alternatives; radio silence after announcing the delay");
}

static void
test_reasons_name_the_blocker (void)
{
  RdClassifyInput input;
  g_autoptr(RdClassification) result = NULL;
  g_autofree char *text = NULL;

  rd_classify_input_init (&input);
  input.cause = RD_CAUSE_BUDGET;
  input.signals = B (SPECIFIC_EXPLANATION);
  input.missed_commitments = 1;
  result = rd_classify (&input);
  text = rd_classification_explain (result);

  g_assert_cmpint (result->klass, ==, RD_CLASS_DECISION);
  g_assert_nonnull (strstr (text, "a committed date passed unmet"));
}

static void
test_responses (void)
{
  for (int k = RD_CLASS_ADMINISTRATIVE; k <= RD_CLASS_RISK; k++)
    {
      g_assert_cmpstr (rd_class_response_title (k), !=, "");
      for (int c = -1; c <= RD_CAUSE_SHOPPING; c++)
        g_assert_cmpuint (strlen (rd_class_response_advice (k, c)), >, 40);
    }
  g_assert_cmpstr (rd_class_response_advice (RD_CLASS_RISK, RD_CAUSE_SHOPPING), !=,
                   rd_class_response_advice (RD_CLASS_RISK, RD_CAUSE_HIDDEN_PROBLEM));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (class_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/classify/class/%s", class_cases[i].name);
      g_test_add_data_func (path, &class_cases[i], test_class_case);
    }

  g_test_add_func ("/classify/score/context", test_score_context);
  g_test_add_func ("/classify/explain/sentence", test_explain);
  g_test_add_func ("/classify/explain/names-blocker", test_reasons_name_the_blocker);
  g_test_add_func ("/classify/response/every-class-and-cause", test_responses);

  return g_test_run ();
}
