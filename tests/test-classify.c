/* test-classify.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rd-classify.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-format.h"

#define B(s) RD_SIGNAL_BIT (RD_SIGNAL_##s)
#define NONE (-1)
#define UNKNOWN G_MININT
#define NO_ROLE (-2)       /* a statement whose contact is not in the roles table */
#define MAX_STATEMENTS 3

#define ACCOUNT_ID "0b6f3a52-1c7e-4f55-9d4e-2a1b7c9e5f10"

/* The days the table is judged on. */
#define SPRING   "2026-03-15"
#define YEAR_END "2026-12-31"
#define LEAP_DAY "2028-02-29"
#define NEW_YEAR "2027-01-01"

typedef struct
{
  int      role;        /* RdRole, NONE (-1) or NO_ROLE; 0 with no signals ends the list */
  guint32  signals;
} StatementCase;

/* One delay, judged as of @today. */
typedef struct
{
  const char    *name;
  const char    *today;
  const char    *deadline;         /* the account's hard deadline, or NULL */
  int            cause;
  guint32        signals;          /* the delay's own */
  const char    *alternatives;     /* answer to "are they evaluating other options?" */
  StatementCase  statements[MAX_STATEMENTS];
  const char    *due[RD_N_COMMITMENTS];   /* info_by, reconnect_on, decision_by, next_step_on */
  const char    *kept[RD_N_COMMITMENTS];
  const char    *resolved_on;      /* NULL: open */
  RdClass        expected;
  const char    *reason;           /* must be among the reasons, or NULL */
  const char    *not_reason;       /* must not be, or NULL */
} DatedCase;

#define S(role, bits) { role, bits }

static const DatedCase dated_cases[] = {
  /* The causes and signals, in spring. */
  { "empty", SPRING, NULL, NONE, 0, NULL, { }, { }, { }, NULL,
    RD_CLASS_DECISION, "the real cause is not assessed yet", NULL },
  { "budget-good", SPRING, "2026-12-31", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { }, { }, { }, NULL,
    RD_CLASS_ADMINISTRATIVE, "budget timing with a visible process", "different stories" },
  { "priority-good-from-champion", SPRING, "2026-12-31", RD_CAUSE_PRIORITY, 0, NULL,
    { S (RD_ROLE_CHAMPION, B (APOLOGETIC)) }, { }, { }, NULL,
    RD_CLASS_ADMINISTRATIVE, "the champion apologised for the delay", NULL },
  { "shopping", SPRING, NULL, RD_CAUSE_SHOPPING, 0, NULL, { }, { }, { }, NULL,
    RD_CLASS_RISK, "they are shopping around", NULL },
  { "hidden-problem-all-good", SPRING, NULL, RD_CAUSE_HIDDEN_PROBLEM, RD_SIGNALS_GOOD, NULL, { }, { }, { }, NULL,
    RD_CLASS_RISK, "a problem they have not named", NULL },
  { "strong-own-raises-issues", SPRING, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION) | B (RAISES_ISSUES), NULL,
    { }, { }, { }, NULL, RD_CLASS_RISK, "raises problems as the reason", NULL },
  { "strong-from-economic-buyer", SPRING, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL,
    { S (RD_ROLE_ECONOMIC_BUYER, B (SUDDEN_BUDGET_CONCERN)) }, { }, { }, NULL,
    RD_CLASS_RISK, "the economic buyer raised a budget concern out of nowhere", NULL },
  { "strong-strained-with-user", SPRING, NULL, RD_CAUSE_STAKEHOLDERS, 0, NULL,
    { S (RD_ROLE_USER, B (STRAINED_RELATIONSHIP)) }, { }, { }, NULL,
    RD_CLASS_RISK, "the relationship with a user feels strained", NULL },
  { "strong-executive-evaluating", SPRING, NULL, RD_CAUSE_PRIORITY, B (APOLOGETIC), NULL,
    { S (RD_ROLE_EXECUTIVE, B (EVALUATING_ALTERNATIVES)) }, { }, { }, NULL,
    RD_CLASS_RISK, "an executive is evaluating alternatives", NULL },
  { "diagnostic-yes", SPRING, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), "Yes, an RFP went out in May",
    { }, { }, { }, NULL, RD_CLASS_RISK, "evaluating alternatives", NULL },
  { "diagnostic-no", SPRING, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), "No, they never looked",
    { }, { }, { }, NULL, RD_CLASS_ADMINISTRATIVE, NULL, "evaluating" },
  { "diagnostic-yesterday-is-not-yes", SPRING, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION),
    "yesterday they said not at all", { }, { }, { }, NULL, RD_CLASS_ADMINISTRATIVE, NULL, NULL },
  { "one-evasive-own", SPRING, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION) | B (RADIO_SILENCE), NULL,
    { }, { }, { }, NULL, RD_CLASS_DECISION, "radio silence after announcing the delay", NULL },
  { "one-evasive-from-buyer", SPRING, NULL, RD_CAUSE_BUDGET, 0, NULL,
    { S (RD_ROLE_CHAMPION, B (SPECIFIC_EXPLANATION)), S (RD_ROLE_ECONOMIC_BUYER, B (RADIO_SILENCE)) },
    { }, { }, NULL, RD_CLASS_DECISION, "the economic buyer went quiet", NULL },
  { "different-stories", SPRING, NULL, RD_CAUSE_PRIORITY, 0, NULL,
    { S (RD_ROLE_CHAMPION, B (OFFERED_TIMELINE)), S (RD_ROLE_LEGAL, B (VAGUE)) },
    { }, { }, NULL, RD_CLASS_DECISION, "the stakeholders tell different stories", NULL },
  { "one-voice-good-and-bad-is-not-two-stories", SPRING, NULL, RD_CAUSE_PRIORITY, 0, NULL,
    { S (RD_ROLE_CHAMPION, B (OFFERED_TIMELINE) | B (VAGUE)) },
    { }, { }, NULL, RD_CLASS_DECISION, "the champion is vague about everything", "different stories" },
  { "two-evasive-across-statements", SPRING, NULL, RD_CAUSE_BUDGET, B (APOLOGETIC), NULL,
    { S (RD_ROLE_CHAMPION, B (DEFENSIVE)), S (RD_ROLE_PROCUREMENT, B (IGNORES_HELP)) }, { }, { }, NULL,
    RD_CLASS_RISK, "procurement does not take up offers of help", NULL },
  { "two-evasive-own", SPRING, NULL, RD_CAUSE_PRIORITY, B (RADIO_SILENCE) | B (DEFENSIVE), NULL,
    { }, { }, { }, NULL, RD_CLASS_RISK, "defensive when asked", NULL },
  { "two-bad-neither-strong-nor-evasive", SPRING, NULL, RD_CAUSE_PRIORITY, B (VAGUE) | B (NO_TIMELINE), NULL,
    { }, { }, { }, NULL, RD_CLASS_DECISION, "vague about everything", NULL },
  { "three-bad-own", SPRING, NULL, RD_CAUSE_PRIORITY, B (VAGUE) | B (NO_TIMELINE) | B (IGNORES_HELP), NULL,
    { }, { }, { }, NULL, RD_CLASS_RISK, "no timeline, however hard you probe", NULL },
  { "three-bad-across-voices", SPRING, NULL, RD_CAUSE_STAKEHOLDERS, B (VAGUE), NULL,
    { S (RD_ROLE_CHAMPION, B (NO_TIMELINE)), S (RD_ROLE_LEGAL, B (DEFENSIVE)) }, { }, { }, NULL,
    RD_CLASS_RISK, "legal got defensive when asked", NULL },
  { "same-sign-twice-counts-once", SPRING, NULL, RD_CAUSE_STAKEHOLDERS, 0, NULL,
    { S (RD_ROLE_CHAMPION, B (RADIO_SILENCE)), S (RD_ROLE_ECONOMIC_BUYER, B (RADIO_SILENCE)) }, { }, { }, NULL,
    RD_CLASS_DECISION, "the champion went quiet", NULL },
  { "unknown-stakeholder", SPRING, NULL, RD_CAUSE_STAKEHOLDERS, 0, NULL,
    { S (NO_ROLE, B (RADIO_SILENCE) | B (DEFENSIVE)) }, { }, { }, NULL,
    RD_CLASS_RISK, "a stakeholder went quiet", NULL },
  { "cause-not-assessed-good", SPRING, NULL, NONE, B (SPECIFIC_EXPLANATION), NULL, { }, { }, { }, NULL,
    RD_CLASS_DECISION, "the real cause is not assessed yet", NULL },
  { "stakeholders-good", SPRING, NULL, RD_CAUSE_STAKEHOLDERS, B (SPECIFIC_EXPLANATION), NULL, { }, { }, { }, NULL,
    RD_CLASS_DECISION, "several approvers who are not aligned", NULL },
  { "champion-change-good", SPRING, NULL, RD_CAUSE_CHAMPION_CHANGE, B (APOLOGETIC), NULL, { }, { }, { }, NULL,
    RD_CLASS_DECISION, "a new owner must relearn why they bought", NULL },
  { "budget-no-signal", SPRING, NULL, RD_CAUSE_BUDGET, 0, NULL, { }, { }, { }, NULL,
    RD_CLASS_DECISION, "no good signal yet", NULL },
  { "budget-good-user-vague", SPRING, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL,
    { S (RD_ROLE_USER, B (VAGUE)) }, { }, { }, NULL,
    RD_CLASS_DECISION, "a user is vague about everything", NULL },

  /* Commitments, on the last day of the year. */
  { "one-missed", YEAR_END, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { },
    { "2026-12-30" }, { }, NULL, RD_CLASS_DECISION, "a committed date passed unmet", NULL },
  { "due-today-is-not-missed", YEAR_END, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { },
    { "2026-12-31" }, { }, NULL, RD_CLASS_ADMINISTRATIVE, NULL, "unmet" },
  { "kept-on-time", YEAR_END, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { },
    { "2026-12-20" }, { "2026-12-19" }, NULL, RD_CLASS_ADMINISTRATIVE, NULL, "unmet" },
  { "kept-late-is-kept", YEAR_END, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { },
    { "2026-12-20" }, { "2026-12-28" }, NULL, RD_CLASS_ADMINISTRATIVE, NULL, "unmet" },
  { "kept-after-today-not-yet", YEAR_END, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { },
    { "2026-12-20" }, { "2027-01-05" }, NULL, RD_CLASS_DECISION, "a committed date passed unmet", NULL },
  { "two-missed", YEAR_END, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { },
    { "2026-12-01", NULL, "2026-12-15" }, { }, NULL, RD_CLASS_RISK, "committed dates passed unmet", NULL },
  { "two-missed-one-kept", YEAR_END, NULL, RD_CAUSE_PRIORITY, B (OFFERED_TIMELINE), NULL, { },
    { "2026-12-01", "2026-12-20", "2026-12-15" }, { "2026-12-02" }, NULL,
    RD_CLASS_RISK, "committed dates passed unmet", NULL },
  { "four-dates-one-missed", YEAR_END, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { },
    { "2026-12-01", "2026-12-10", "2027-01-15", "2026-12-30" }, { "2026-12-01", "2026-12-09" }, NULL,
    RD_CLASS_DECISION, "a committed date passed unmet", NULL },
  { "stakeholders-two-missed", YEAR_END, NULL, RD_CAUSE_STAKEHOLDERS, 0, NULL, { },
    { NULL, "2026-11-30", NULL, "2026-12-24" }, { }, NULL, RD_CLASS_RISK, "committed dates passed unmet", NULL },
  { "malformed-date-is-not-missed", YEAR_END, NULL, RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { },
    { "2026-02-31", "next week" }, { }, NULL, RD_CLASS_ADMINISTRATIVE, NULL, NULL },

  /* The hard deadline, on a leap day. */
  { "deadline-yesterday", LEAP_DAY, "2028-02-28", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { }, { }, { },
    NULL, RD_CLASS_RISK, "the contract end has passed", NULL },
  { "deadline-today", LEAP_DAY, "2028-02-29", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { }, { }, { },
    NULL, RD_CLASS_ADMINISTRATIVE, "the contract ends within 30 days", "has passed" },
  { "deadline-tomorrow", LEAP_DAY, "2028-03-01", RD_CAUSE_PRIORITY, B (PROACTIVE_UPDATES), NULL, { }, { }, { },
    NULL, RD_CLASS_ADMINISTRATIVE, "the contract ends within 30 days", NULL },
  { "deadline-unknown", LEAP_DAY, NULL, RD_CAUSE_PRIORITY, B (PROACTIVE_UPDATES), NULL, { }, { }, { },
    NULL, RD_CLASS_ADMINISTRATIVE, NULL, "contract" },
  { "deadline-long-past", LEAP_DAY, "2027-12-31", RD_CAUSE_PRIORITY, 0, NULL, { }, { }, { },
    NULL, RD_CLASS_RISK, "the contract end has passed", NULL },

  /* A resolved delay is judged as of the day it was resolved. */
  { "resolved-judged-when-resolved", NEW_YEAR, "2027-06-30", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { },
    { "2026-11-10", NULL, "2026-11-20" }, { }, "2026-11-15",
    RD_CLASS_DECISION, "a committed date passed unmet", NULL },
  { "open-same-facts-today", NEW_YEAR, "2027-06-30", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL, { },
    { "2026-11-10", NULL, "2026-11-20" }, { }, NULL,
    RD_CLASS_RISK, "committed dates passed unmet", NULL },
  { "resolved-before-the-deadline", NEW_YEAR, "2026-12-01", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL,
    { }, { }, { }, "2026-11-15", RD_CLASS_ADMINISTRATIVE, NULL, "has passed" },
  { "open-after-the-deadline", NEW_YEAR, "2026-12-01", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), NULL,
    { }, { }, { }, NULL, RD_CLASS_RISK, "the contract end has passed", NULL },
  { "resolved-kept", NEW_YEAR, NULL, RD_CAUSE_PRIORITY, B (ASKS_NEXT_STEPS), NULL, { },
    { "2026-11-10" }, { "2026-11-09" }, "2026-11-15", RD_CLASS_ADMINISTRATIVE, NULL, "unmet" },
};

static void
assert_in_band (const RdClassification *result)
{
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

static RdDelay *
delay_for_case (const DatedCase *c,
                GHashTable      *roles)
{
  RdDelay *delay = rd_delay_new (ACCOUNT_ID);

  rd_delay_set_communicated_on (delay, "2026-01-05");
  rd_delay_set_cause (delay, c->cause);
  rd_delay_set_signals (delay, c->signals);
  rd_delay_set_answer (delay, RD_QUESTION_ALTERNATIVES, c->alternatives);

  for (guint i = 0; i < MAX_STATEMENTS; i++)
    {
      const StatementCase *s = &c->statements[i];
      g_autofree char *contact_id = g_strdup_printf ("contact-%u", i);

      if (s->role == 0 && s->signals == 0)
        break;
      if (s->role >= 0)
        rd_delay_roles_add (roles, contact_id, s->role);
      rd_delay_add_statement (delay, rd_statement_new (contact_id, "", s->signals));
    }

  for (guint i = 0; i < RD_N_COMMITMENTS; i++)
    {
      rd_delay_set_commitment (delay, i, c->due[i]);
      rd_delay_set_commitment_kept (delay, i, c->kept[i]);
    }

  if (c->resolved_on != NULL)
    rd_delay_resolve (delay, c->resolved_on, "Renewed", NULL);

  return delay;
}

static void
test_dated_case (gconstpointer data)
{
  const DatedCase *c = data;
  g_autoptr(GHashTable) roles = rd_delay_roles_new ();
  g_autoptr(RdDelay) delay = delay_for_case (c, roles);
  g_autoptr(RdClassification) result = NULL;
  g_autofree char *text = NULL;
  GDate today, deadline;

  g_assert_true (rd_date_parse (c->today, &today));
  if (c->deadline != NULL)
    g_assert_true (rd_date_parse (c->deadline, &deadline));

  result = rd_delay_classify_as_of (delay, c->deadline ? &deadline : NULL, roles, &today);
  text = rd_classification_explain (result);
  g_test_message ("%s: %s (%d)", c->today, text, result->score);

  g_assert_cmpstr (rd_enum_table_id (&rd_class_table, result->klass), ==,
                   rd_enum_table_id (&rd_class_table, c->expected));
  g_assert_cmpint (result->reasons->len, >, 0);
  assert_in_band (result);
  if (c->reason != NULL)
    g_assert_nonnull (strstr (text, c->reason));
  if (c->not_reason != NULL)
    g_assert_null (strstr (text, c->not_reason));

  /* Judging never changes the delay. */
  g_assert_cmpint (rd_delay_get_classification (delay), ==, RD_CLASS_DECISION);
  g_assert_cmpint (rd_delay_get_score (delay), ==, 0);
}

/* The older entry point runs the same rules. */
typedef struct
{
  const char *name;
  int         cause;
  guint32     signals;
  guint       missed;
  int         days;
  RdClass     expected;
} InputCase;

static const InputCase input_cases[] = {
  { "empty", NONE, 0, 0, UNKNOWN, RD_CLASS_DECISION },
  { "empty-one-missed", NONE, 0, 1, UNKNOWN, RD_CLASS_DECISION },
  { "shopping-good-signals", RD_CAUSE_SHOPPING, B (APOLOGETIC) | B (OFFERED_TIMELINE), 0, UNKNOWN, RD_CLASS_RISK },
  { "hidden-bare", RD_CAUSE_HIDDEN_PROBLEM, 0, 0, UNKNOWN, RD_CLASS_RISK },
  { "budget-evaluating", RD_CAUSE_BUDGET, B (EVALUATING_ALTERNATIVES), 0, UNKNOWN, RD_CLASS_RISK },
  { "strained-alone", RD_CAUSE_STAKEHOLDERS, B (STRAINED_RELATIONSHIP), 0, UNKNOWN, RD_CLASS_RISK },
  { "silence-ignores", RD_CAUSE_BUDGET, B (RADIO_SILENCE) | B (IGNORES_HELP), 0, UNKNOWN, RD_CLASS_RISK },
  { "one-evasive", RD_CAUSE_BUDGET, B (DEFENSIVE) | B (APOLOGETIC), 0, UNKNOWN, RD_CLASS_DECISION },
  { "vague-no-timeline", RD_CAUSE_PRIORITY, B (VAGUE) | B (NO_TIMELINE), 0, UNKNOWN, RD_CLASS_DECISION },
  { "vague-no-timeline-silence", RD_CAUSE_PRIORITY, B (VAGUE) | B (NO_TIMELINE) | B (RADIO_SILENCE), 0, UNKNOWN,
    RD_CLASS_RISK },
  { "budget-good", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), 0, 200, RD_CLASS_ADMINISTRATIVE },
  { "budget-good-one-missed", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), 1, 200, RD_CLASS_DECISION },
  { "budget-good-two-missed", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), 2, 200, RD_CLASS_RISK },
  { "budget-good-deadline-today", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), 0, 0, RD_CLASS_ADMINISTRATIVE },
  { "budget-good-deadline-passed", RD_CAUSE_BUDGET, B (SPECIFIC_EXPLANATION), 0, -1, RD_CLASS_RISK },
};

static void
test_input_case (gconstpointer data)
{
  const InputCase *c = data;
  RdClassifyInput input;
  g_autoptr(RdClassification) result = NULL;

  rd_classify_input_init (&input);
  input.cause = c->cause;
  input.signals = c->signals;
  input.missed_commitments = c->missed;
  input.days_to_deadline = c->days;
  result = rd_classify (&input);

  g_assert_cmpstr (rd_enum_table_id (&rd_class_table, result->klass), ==,
                   rd_enum_table_id (&rd_class_table, c->expected));
  g_assert_cmpint (result->reasons->len, >, 0);
  assert_in_band (result);
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
  RdClassifyFacts facts;
  g_autoptr(RdClassification) result = NULL;

  rd_classify_facts_init (&facts);
  facts.cause = cause;
  facts.signals = signals;
  facts.days_to_deadline = days;
  facts.extensions = extensions;
  facts.other_open_delays = other_delays;
  facts.champion_changed = champion_changed;
  facts.missed_commitments = missed;
  result = rd_classify_facts (&facts);

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
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 0, 0, 0, FALSE, 0), ==,
                   score_of (RD_CAUSE_STAKEHOLDERS, 0, 20, 0, 0, FALSE, 0));
  /* so do extensions, other delays, a changed champion, a missed date */
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 200, 2, 0, FALSE, 0), >, far);
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 200, 0, 1, FALSE, 0), >, far);
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 200, 0, 0, TRUE, 0), >, far);
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, 200, 0, 0, FALSE, 1), >, far);
  /* within risk, a passed deadline scores above one far away */
  g_assert_cmpint (score_of (RD_CAUSE_SHOPPING, 0, -3, 0, 0, FALSE, 0), >,
                   score_of (RD_CAUSE_SHOPPING, 0, 200, 0, 0, FALSE, 0));
  /* good signals lower it within the class */
  g_assert_cmpint (score_of (RD_CAUSE_BUDGET, B (APOLOGETIC) | B (OFFERED_TIMELINE), 200, 0, 0, FALSE, 0), <,
                   score_of (RD_CAUSE_BUDGET, B (APOLOGETIC), 200, 0, 0, FALSE, 0));
  /* the worst administrative case still scores below the calmest decision */
  g_assert_cmpint (score_of (RD_CAUSE_BUDGET, B (APOLOGETIC), 0, 3, 3, TRUE, 0), <,
                   score_of (RD_CAUSE_STAKEHOLDERS, B (SPECIFIC_EXPLANATION), 400, 0, 0, FALSE, 0));
  /* and the worst decision below the calmest risk */
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, B (VAGUE) | B (DEFENSIVE), 0, 3, 3, TRUE, 1), <,
                   score_of (RD_CAUSE_HIDDEN_PROBLEM, RD_SIGNALS_GOOD, 400, 0, 0, FALSE, 0));
  /* unknown deadline is neutral */
  g_assert_cmpint (score_of (RD_CAUSE_STAKEHOLDERS, 0, UNKNOWN, 0, 0, FALSE, 0), ==, far);
}

/* Stories that disagree raise the score within the class. */
static void
test_score_stories (void)
{
  RdClassifyStatement agree[] = {
    { RD_ROLE_CHAMPION, B (OFFERED_TIMELINE) | B (VAGUE) },
    { RD_ROLE_USER, 0 },
  };
  RdClassifyStatement differ[] = {
    { RD_ROLE_CHAMPION, B (OFFERED_TIMELINE) },
    { RD_ROLE_USER, B (VAGUE) },
  };
  RdClassifyFacts facts;
  g_autoptr(RdClassification) a = NULL;
  g_autoptr(RdClassification) b = NULL;

  rd_classify_facts_init (&facts);
  facts.cause = RD_CAUSE_PRIORITY;
  facts.statements = agree;
  facts.n_statements = G_N_ELEMENTS (agree);
  a = rd_classify_facts (&facts);
  facts.statements = differ;
  b = rd_classify_facts (&facts);

  g_assert_cmpint (a->klass, ==, RD_CLASS_DECISION);
  g_assert_cmpint (b->klass, ==, RD_CLASS_DECISION);
  g_assert_cmpint (b->score, >, a->score);
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
test_explain_names_who (void)
{
  RdClassifyStatement said[] = {
    { RD_ROLE_CHAMPION, B (SPECIFIC_EXPLANATION) },
    { RD_ROLE_ECONOMIC_BUYER, B (RADIO_SILENCE) },
  };
  RdClassifyFacts facts;
  g_autoptr(RdClassification) result = NULL;
  g_autofree char *text = NULL;

  rd_classify_facts_init (&facts);
  facts.cause = RD_CAUSE_BUDGET;
  facts.statements = said;
  facts.n_statements = G_N_ELEMENTS (said);
  result = rd_classify_facts (&facts);
  text = rd_classification_explain (result);

  g_assert_cmpstr (text, ==,
                   "decision — the economic buyer went quiet; the stakeholders tell different stories");
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

/* One delay, walked through the days. */
static void
test_same_delay_across_days (void)
{
  static const struct
  {
    const char *today;
    RdClass     expected;
    guint       missed;
  } days[] = {
    { "2026-11-01", RD_CLASS_ADMINISTRATIVE, 0 },
    { "2026-11-20", RD_CLASS_ADMINISTRATIVE, 0 },   /* info due today */
    { "2026-11-21", RD_CLASS_DECISION, 1 },
    { "2026-12-15", RD_CLASS_DECISION, 1 },
    { "2026-12-16", RD_CLASS_RISK, 2 },
    { "2027-02-02", RD_CLASS_RISK, 2 },             /* and past the deadline */
  };
  g_autoptr(RdDelay) delay = rd_delay_new (ACCOUNT_ID);
  GDate deadline;

  rd_delay_set_cause (delay, RD_CAUSE_BUDGET);
  rd_delay_set_signal (delay, RD_SIGNAL_OFFERED_TIMELINE, TRUE);
  rd_delay_set_commitment (delay, RD_COMMITMENT_INFO_BY, "2026-11-20");
  rd_delay_set_commitment (delay, RD_COMMITMENT_DECISION_BY, "2026-12-15");
  g_assert_true (rd_date_parse ("2027-02-01", &deadline));

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(RdClassification) result = NULL;
      GDate today;

      g_assert_true (rd_date_parse (days[i].today, &today));
      result = rd_delay_classify_as_of (delay, &deadline, NULL, &today);
      g_test_message ("%s", days[i].today);
      g_assert_cmpint (result->klass, ==, days[i].expected);
      g_assert_cmpuint (rd_delay_count_missed (delay, &today), ==, days[i].missed);
    }

  /* Ticking info_by off as kept takes it out again. */
  {
    g_autoptr(RdClassification) result = NULL;
    GDate today;

    rd_delay_set_commitment_kept (delay, RD_COMMITMENT_INFO_BY, "2026-11-22");
    g_assert_true (rd_date_parse ("2026-11-21", &today));
    g_assert_true (rd_delay_is_missed (delay, RD_COMMITMENT_INFO_BY, &today));
    g_assert_true (rd_date_parse ("2026-11-22", &today));
    g_assert_false (rd_delay_is_missed (delay, RD_COMMITMENT_INFO_BY, &today));
    result = rd_delay_classify_as_of (delay, &deadline, NULL, &today);
    g_assert_cmpint (result->klass, ==, RD_CLASS_ADMINISTRATIVE);
  }
}

static void
test_document_entry (void)
{
  static const char json[] =
    "{\"_id\": \"delay:3f1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\", \"type\": \"delay\","
    " \"account_id\": \"" ACCOUNT_ID "\", \"cause\": \"budget\", \"status\": \"open\","
    " \"signals\": [\"specific_explanation\"],"
    " \"info_by\": \"2026-05-01\", \"info_kept_on\": \"2026-04-30\","
    " \"decision_by\": \"2026-05-20\","
    " \"statements\": [{\"contact_id\": \"buyer\", \"said\": \"\", \"signals\": [\"radio_silence\"]},"
    "                  {\"contact_id\": \"champ\", \"said\": \"Next week\", \"signals\": [\"apologetic\"]}],"
    " \"diagnostics\": {\"alternatives\": \"no\"}}";
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GHashTable) roles = rd_delay_roles_new ();
  g_autoptr(RdClassification) before = NULL;
  g_autoptr(RdClassification) after = NULL;
  g_autoptr(RdClassification) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate today;

  rd_delay_roles_add (roles, "buyer", RD_ROLE_ECONOMIC_BUYER);
  rd_delay_roles_add (roles, "champ", RD_ROLE_CHAMPION);

  g_assert_true (rd_date_parse ("2026-05-10", &today));
  before = rd_delay_document_classify_as_of (json_node_get_object (node), NULL, roles, &today, &error);
  g_assert_no_error (error);
  text = rd_classification_explain (before);
  g_assert_cmpstr (text, ==,
                   "decision — the economic buyer went quiet; the stakeholders tell different stories");

  /* Past decision_by as well: one missed, still a decision; then the answer turns. */
  g_assert_true (rd_date_parse ("2026-05-21", &today));
  json_object_set_object_member (json_node_get_object (node), "diagnostics", json_object_new ());
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (node), "diagnostics"),
                                 "alternatives", "YES");
  after = rd_delay_document_classify_as_of (json_node_get_object (node), NULL, roles, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->klass, ==, RD_CLASS_RISK);

  json_object_set_string_member (json_node_get_object (node), "_id", "account:3f1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
  bad = rd_delay_document_classify_as_of (json_node_get_object (node), NULL, roles, &today, &error);
  g_assert_null (bad);
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID);
}

static void
test_commitment_missed (void)
{
  static const struct
  {
    const char *due;
    const char *kept;
    const char *as_of;
    gboolean    missed;
  } cases[] = {
    { NULL, NULL, "2026-03-01", FALSE },
    { "", NULL, "2026-03-01", FALSE },
    { "2026-02-31", NULL, "2026-03-05", FALSE },
    { "2026-02-28", NULL, "2026-03-01", TRUE },
    { "2026-03-01", NULL, "2026-03-01", FALSE },
    { "2026-03-02", NULL, "2026-03-01", FALSE },
    { "2026-02-28", "2026-02-27", "2026-03-01", FALSE },
    { "2026-02-28", "2026-03-01", "2026-03-01", FALSE },
    { "2026-02-28", "2026-03-02", "2026-03-01", TRUE },
    { "2026-02-28", "soon", "2026-03-01", TRUE },
    { "2028-02-28", NULL, "2028-02-29", TRUE },
    { "2028-02-29", NULL, "2028-02-29", FALSE },
    { "2026-12-31", NULL, "2027-01-01", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate as_of;

      g_assert_true (rd_date_parse (cases[i].as_of, &as_of));
      g_test_message ("case %u", i);
      g_assert_cmpint (rd_commitment_is_missed (cases[i].due, cases[i].kept, &as_of), ==, cases[i].missed);
    }
}

static void
test_answer_is_yes (void)
{
  static const struct
  {
    const char *answer;
    gboolean    yes;
  } cases[] = {
    { NULL, FALSE },
    { "", FALSE },
    { "yes", TRUE },
    { "Yes", TRUE },
    { "  YES.", TRUE },
    { "yes, an RFP", TRUE },
    { "Yes—two vendors", TRUE },
    { "yesterday they said no", FALSE },
    { "no", FALSE },
    { "Not that we know", FALSE },
    { "maybe, yes", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("“%s”", cases[i].answer ? cases[i].answer : "(null)");
      g_assert_cmpint (rd_classify_answer_is_yes (cases[i].answer), ==, cases[i].yes);
    }
}

static void
test_role_subjects (void)
{
  g_assert_cmpstr (rd_classify_role_subject (RD_ROLE_ECONOMIC_BUYER), ==, "the economic buyer");
  g_assert_cmpstr (rd_classify_role_subject (-1), ==, "a stakeholder");
  g_assert_cmpstr (rd_classify_role_subject (99), ==, "a stakeholder");
  for (int r = RD_ROLE_CHAMPION; r <= RD_ROLE_OTHER; r++)
    g_assert_cmpstr (rd_classify_role_subject (r), !=, "");
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

/* A commitment's answer does not change before the next day
 * rd_commitment_next_change() reports, nor ever when it reports none. */
static void
test_commitment_next_change (void)
{
  static const struct
  {
    const char *due_on;
    const char *kept_on;
  } cases[] = {
    { "2026-03-10", NULL }, { "2026-03-10", "2026-03-08" }, { "2026-03-10", "2026-03-20" },
    { "2026-03-10", "2026-03-10" }, { "2026-03-10", "2026-03-11" }, { "2026-03-10", "no day" },
    { "2026-02-28", "2026-03-02" }, { "2027-01-01", NULL }, { NULL, NULL }, { "2026-02-30", NULL },
    { "", "2026-03-01" },
  };
  static const char * const as_of_days[] = {
    "2026-02-01", "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-19", "2026-03-20", "2026-12-31",
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint a = 0; a < G_N_ELEMENTS (as_of_days); a++)
      {
        gboolean missed, found;
        guint changes = 0;
        GDate as_of, next, day;

        g_assert_true (rd_date_parse (as_of_days[a], &as_of));
        missed = rd_commitment_is_missed (cases[c].due_on, cases[c].kept_on, &as_of);
        found = rd_commitment_next_change (cases[c].due_on, cases[c].kept_on, &as_of, &next);
        g_test_message ("%s kept %s as of %s", cases[c].due_on, cases[c].kept_on, as_of_days[a]);
        if (found)
          g_assert_cmpint (g_date_compare (&next, &as_of), >, 0);

        day = as_of;
        for (guint k = 1; k <= 400; k++)
          {
            g_date_add_days (&day, 1);
            if (found && g_date_compare (&day, &next) >= 0)
              break;
            g_assert_cmpint (rd_commitment_is_missed (cases[c].due_on, cases[c].kept_on, &day), ==, missed);
          }
        /* The day reported is the day it changes, here. */
        if (found)
          changes = rd_commitment_is_missed (cases[c].due_on, cases[c].kept_on, &next) != missed;
        if (found && cases[c].kept_on == NULL)
          g_assert_cmpuint (changes, ==, 1);
      }
}

/* Class and score do not change, the days to the deadline counting down,
 * before rd_classify_deadline_days_to_change() says they may; and they do
 * change on that day at each step of the score. */
static void
test_deadline_days_to_change (void)
{
  static const int causes[] = { NONE, RD_CAUSE_BUDGET, RD_CAUSE_SHOPPING };
  guint n_changed_on_day = 0;

  for (guint c = 0; c < G_N_ELEMENTS (causes); c++)
    for (int d = -20; d <= 260; d++)
      {
        g_autoptr(RdClassification) first = NULL;
        RdClassifyFacts facts;
        int days = rd_classify_deadline_days_to_change (d);

        rd_classify_facts_init (&facts);
        facts.cause = causes[c];
        facts.signals = B (APOLOGETIC);
        facts.days_to_deadline = d;
        first = rd_classify_facts (&facts);
        g_assert_cmpint (days, >=, 1);
        if (d < 0)
          g_assert_cmpint (days, ==, G_MAXINT);

        for (int k = 1; k <= 400; k++)
          {
            g_autoptr(RdClassification) later = NULL;

            facts.days_to_deadline = d - k;
            later = rd_classify_facts (&facts);
            if (k >= days)
              {
                n_changed_on_day += later->klass != first->klass || later->score != first->score;
                break;
              }
            g_test_message ("cause %d, %d days left, %d later", causes[c], d, k);
            g_assert_cmpint (later->klass, ==, first->klass);
            g_assert_cmpint (later->score, ==, first->score);
          }
      }
  g_assert_cmpint (rd_classify_deadline_days_to_change (UNKNOWN), ==, G_MAXINT);
  g_assert_cmpint (rd_classify_deadline_days_to_change (121), ==, 1);
  g_assert_cmpint (rd_classify_deadline_days_to_change (0), ==, 1);
  g_assert_cmpint (rd_classify_deadline_days_to_change (45), ==, 15);
  g_assert_cmpuint (n_changed_on_day, >, 0);
}

/* A delay as of many days: its class and score as of each day before the
 * next change day rd_delay_get_next_change() reports are those of the
 * first day; a resolved delay, judged as of its resolved_on, never changes. */
static void
test_delay_next_change (void)
{
  static const char * const starts[] = { "2026-01-15", "2026-03-01", "2026-03-12", "2026-06-30" };
  g_autoptr(RdDelay) delay = rd_delay_new (ACCOUNT_ID);
  GDate deadline;

  g_assert_true (rd_date_parse ("2026-05-31", &deadline));
  rd_delay_set_cause (delay, RD_CAUSE_BUDGET);
  rd_delay_set_signals (delay, B (APOLOGETIC));
  rd_delay_set_commitment (delay, RD_COMMITMENT_INFO_BY, "2026-03-05");
  rd_delay_set_commitment (delay, RD_COMMITMENT_DECISION_BY, "2026-03-20");
  rd_delay_set_commitment_kept (delay, RD_COMMITMENT_DECISION_BY, "2026-04-02");

  for (guint resolved = 0; resolved <= 1; resolved++)
    for (guint s = 0; s < G_N_ELEMENTS (starts); s++)
      {
        g_autoptr(RdClassification) first = NULL;
        gboolean found;
        GDate today, next, day;

        if (resolved)
          rd_delay_resolve (delay, "2026-03-25", NULL, NULL);
        g_assert_true (rd_date_parse (starts[s], &today));
        first = rd_delay_classify_as_of (delay, &deadline, NULL, &today);
        found = rd_delay_get_next_change (delay, &deadline, &today, &next);
        /* Resolved, or past every date (the last start): no day changes it. */
        g_assert_true (found == (!resolved && s + 1 < G_N_ELEMENTS (starts)));

        day = today;
        for (guint k = 1; k <= 500; k++)
          {
            g_autoptr(RdClassification) later = NULL;

            g_date_add_days (&day, 1);
            if (found && g_date_compare (&day, &next) >= 0)
              break;
            later = rd_delay_classify_as_of (delay, &deadline, NULL, &day);
            g_test_message ("from %s, %u days later", starts[s], k);
            g_assert_cmpint (later->klass, ==, first->klass);
            g_assert_cmpint (later->score, ==, first->score);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dated_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/classify/as-of/%s/%s",
                                               dated_cases[i].today, dated_cases[i].name);
      g_test_add_data_func (path, &dated_cases[i], test_dated_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (input_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/classify/input/%s", input_cases[i].name);
      g_test_add_data_func (path, &input_cases[i], test_input_case);
    }

  g_test_add_func ("/classify/as-of/across-days", test_same_delay_across_days);
  g_test_add_func ("/classify/as-of/document", test_document_entry);
  g_test_add_func ("/classify/commitment/missed", test_commitment_missed);
  g_test_add_func ("/classify/diagnostics/answer-is-yes", test_answer_is_yes);
  g_test_add_func ("/classify/roles/subjects", test_role_subjects);
  g_test_add_func ("/classify/score/context", test_score_context);
  g_test_add_func ("/classify/score/stories", test_score_stories);
  g_test_add_func ("/classify/explain/sentence", test_explain);
  g_test_add_func ("/classify/explain/names-who", test_explain_names_who);
  g_test_add_func ("/classify/explain/names-blocker", test_reasons_name_the_blocker);
  g_test_add_func ("/classify/response/every-class-and-cause", test_responses);
  g_test_add_func ("/classify/next-change/commitment", test_commitment_next_change);
  g_test_add_func ("/classify/next-change/deadline", test_deadline_days_to_change);
  g_test_add_func ("/classify/next-change/delay", test_delay_next_change);

  return g_test_run ();
}
