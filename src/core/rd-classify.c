/* rd-classify.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-classify"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-classify.h"
#include "rd-format.h"

/*
 * How a delay is classified, as of one day T.
 *
 * T is the day the caller asks about (today, for an open delay) or the day
 * the delay was resolved; nothing here reads the clock.  The facts are:
 *
 *  - signals: the delay's own signals together with every stakeholder
 *    statement's signals (a "yes" to "are they evaluating other options?"
 *    counts as the evaluating_alternatives signal);
 *  - strong signs: evaluating_alternatives, raises_issues,
 *    sudden_budget_concern, strained_relationship;
 *    evasive signs: radio_silence, ignores_help, defensive;
 *    bad signals: the strong and evasive signs, vague, no_timeline;
 *    good signals: specific_explanation, apologetic, offered_timeline,
 *    proactive_updates, asks_next_steps (each counted once, whoever said it);
 *  - missed commitments: the dates among info_by, reconnect_on, decision_by
 *    and next_step_on that lie before T and were not kept on or before T;
 *  - the hard deadline: the account's effective end, else its contract end.
 *
 * The class follows three rules, in this order:
 *
 *  1. risk, when the cause is "shopping" or "hidden_problem", or any strong
 *     sign is present, or two or more evasive signs, or three or more bad
 *     signals of any kind, or two or more missed commitments, or the hard
 *     deadline lies before T;
 *  2. administrative, when the cause is "budget" or "priority", at least one
 *     good signal is present, no bad signal is present and no commitment
 *     was missed;
 *  3. decision, otherwise (including when nothing has been assessed yet:
 *     an unexplained delay is a decision still to be understood).
 *
 * The reasons say what decided the class, most decisive first.  A signal
 * that a statement supplied names who said it ("the economic buyer went
 * quiet"); when one statement carries a good signal and another a bad one,
 * "the stakeholders tell different stories".
 *
 * The score (0–100) orders delays within a class and never crosses class
 * bands: administrative 0–33, decision 34–66, risk 67–100.  Inside the band
 * it rises with bad signals, a near deadline, extensions already granted,
 * other open delays, a changed champion, missed commitments and stories
 * that disagree, and falls with good signals.
 */

#define BAND_ADMINISTRATIVE_MAX 33
#define BAND_DECISION_MAX       66

/* The score's points for the days left to the hard deadline: the first
 * step whose last day the days left do not pass.  The first step is the
 * passed deadline, which rule 1 makes a risk; the second is "the contract
 * ends within 30 days", which is also a reason.  Nothing else in the rules
 * reads the day, besides the missed commitments. */
typedef struct
{
  int last_day;
  int points;
} DeadlineStep;

enum { DEADLINE_STEP_PASSED, DEADLINE_STEP_SOON };

static const DeadlineStep deadline_steps[] = {
  [DEADLINE_STEP_PASSED] = { -1, 14 },
  [DEADLINE_STEP_SOON] = { 30, 10 },
  { 60, 6 },
  { 120, 3 },
};

/* The bad signals in the order their reasons are given: strong signs,
 * then evasive ones, then the rest. */
static const RdSignal bad_order[] = {
  RD_SIGNAL_EVALUATING_ALTERNATIVES,
  RD_SIGNAL_RAISES_ISSUES,
  RD_SIGNAL_SUDDEN_BUDGET_CONCERN,
  RD_SIGNAL_STRAINED_RELATIONSHIP,
  RD_SIGNAL_RADIO_SILENCE,
  RD_SIGNAL_IGNORES_HELP,
  RD_SIGNAL_DEFENSIVE,
  RD_SIGNAL_VAGUE,
  RD_SIGNAL_NO_TIMELINE,
};

static const RdSignal good_order[] = {
  RD_SIGNAL_SPECIFIC_EXPLANATION,
  RD_SIGNAL_APOLOGETIC,
  RD_SIGNAL_OFFERED_TIMELINE,
  RD_SIGNAL_PROACTIVE_UPDATES,
  RD_SIGNAL_ASKS_NEXT_STEPS,
};

/* The signals as they read inside a sentence of reasons. */
static const char * const signal_reasons[] = {
  N_("a specific explanation"),
  N_("apologetic about the delay"),
  N_("offered a timeline unprompted"),
  N_("reports status changes proactively"),
  N_("asks how to keep things moving"),
  N_("vague about everything"),
  N_("defensive when asked"),
  N_("no timeline, however hard you probe"),
  N_("radio silence after announcing the delay"),
  N_("does not take up offers of help"),
  N_("a budget concern out of nowhere"),
  N_("raises problems as the reason"),
  N_("evaluating alternatives"),
  N_("the relationship feels strained"),
};

/* A stakeholder as the subject of a reason, by RdRole. */
static const char * const role_subjects[] = {
  /* Translators: a stakeholder as the subject of a reason, by role, e.g.
   * "the economic buyer" in "the economic buyer went quiet"; used with the
   * "%s went quiet"… reasons. */
  N_("the champion"),
  N_("the economic buyer"),
  N_("a user"),
  N_("procurement"),
  N_("legal"),
  N_("an executive"),
  N_("a stakeholder"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (signal_reasons) == RD_SIGNAL_STRAINED_RELATIONSHIP + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (role_subjects) == RD_ROLE_OTHER + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (bad_order) + G_N_ELEMENTS (good_order) ==
                 RD_SIGNAL_STRAINED_RELATIONSHIP + 1);

/* A signal said by one stakeholder, @who (rd_classify_role_subject()). */
static char *
statement_reason (RdSignal    signal,
                  const char *who)
{
  switch (signal)
    {
    case RD_SIGNAL_SPECIFIC_EXPLANATION:
      /* Translators: in these reasons %s is a stakeholder, one of "the
       * champion", "the economic buyer"…, e.g. "the economic buyer went quiet" */
      return g_strdup_printf (_("%s gave a specific explanation"), who);
    case RD_SIGNAL_APOLOGETIC:
      return g_strdup_printf (_("%s apologised for the delay"), who);
    case RD_SIGNAL_OFFERED_TIMELINE:
      return g_strdup_printf (_("%s offered a timeline unprompted"), who);
    case RD_SIGNAL_PROACTIVE_UPDATES:
      return g_strdup_printf (_("%s reports status changes proactively"), who);
    case RD_SIGNAL_ASKS_NEXT_STEPS:
      return g_strdup_printf (_("%s asks how to keep things moving"), who);
    case RD_SIGNAL_VAGUE:
      return g_strdup_printf (_("%s is vague about everything"), who);
    case RD_SIGNAL_DEFENSIVE:
      return g_strdup_printf (_("%s got defensive when asked"), who);
    case RD_SIGNAL_NO_TIMELINE:
      return g_strdup_printf (_("%s gives no timeline, however hard you probe"), who);
    case RD_SIGNAL_RADIO_SILENCE:
      return g_strdup_printf (_("%s went quiet"), who);
    case RD_SIGNAL_IGNORES_HELP:
      return g_strdup_printf (_("%s does not take up offers of help"), who);
    case RD_SIGNAL_SUDDEN_BUDGET_CONCERN:
      return g_strdup_printf (_("%s raised a budget concern out of nowhere"), who);
    case RD_SIGNAL_RAISES_ISSUES:
      return g_strdup_printf (_("%s raises problems as the reason"), who);
    case RD_SIGNAL_EVALUATING_ALTERNATIVES:
      return g_strdup_printf (_("%s is evaluating alternatives"), who);
    case RD_SIGNAL_STRAINED_RELATIONSHIP:
      return g_strdup_printf (_("the relationship with %s feels strained"), who);
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static guint
count_bits (guint32 bits)
{
  return (guint) __builtin_popcount (bits);
}

static void
add_reason (GPtrArray  *reasons,
            const char *reason)
{
  g_ptr_array_add (reasons, g_strdup (reason));
}

/* Adds @reason (owned) unless the same words are there already. */
static void
take_reason (GPtrArray *reasons,
             char      *reason)
{
  if (g_ptr_array_find_with_equal_func (reasons, reason, g_str_equal, NULL))
    g_free (reason);
  else
    g_ptr_array_add (reasons, reason);
}

static guint32
all_signals (const RdClassifyFacts *facts)
{
  guint32 bits = facts->signals;

  for (guint i = 0; i < facts->n_statements; i++)
    bits |= facts->statements[i].signals;

  return bits;
}

/* One statement carries a good signal and another a bad one. */
static gboolean
stories_differ (const RdClassifyFacts *facts)
{
  for (guint i = 0; i < facts->n_statements; i++)
    {
      if ((facts->statements[i].signals & RD_SIGNALS_GOOD) == 0)
        continue;
      for (guint j = 0; j < facts->n_statements; j++)
        {
          if (j != i && (facts->statements[j].signals & RD_SIGNALS_BAD) != 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* A reason for each signal of @wanted that is present, in @order: named
 * after the stakeholders whose statements carry it, else as the delay's
 * own signal. */
static void
add_signal_reasons (GPtrArray             *reasons,
                    const RdClassifyFacts *facts,
                    const RdSignal        *order,
                    guint                  n_order,
                    guint32                wanted)
{
  for (guint k = 0; k < n_order; k++)
    {
      RdSignal s = order[k];
      gboolean attributed = FALSE;

      if ((wanted & RD_SIGNAL_BIT (s)) == 0)
        continue;

      for (guint i = 0; i < facts->n_statements; i++)
        {
          if ((facts->statements[i].signals & RD_SIGNAL_BIT (s)) == 0)
            continue;
          take_reason (reasons,
                       statement_reason (s, rd_classify_role_subject (facts->statements[i].role)));
          attributed = TRUE;
        }

      if (!attributed && (facts->signals & RD_SIGNAL_BIT (s)) != 0)
        take_reason (reasons, g_strdup (_(signal_reasons[s])));
    }
}

static void
add_missed_reason (GPtrArray *reasons,
                   guint      missed)
{
  if (missed > 0)
    add_reason (reasons, g_dngettext (GETTEXT_PACKAGE,
                                      "a committed date passed unmet",
                                      "committed dates passed unmet",
                                      missed));
}

/* The step of deadline_steps for @days_to_deadline, or -1 for none (far
 * off, or unknown). */
static int
deadline_step (int days_to_deadline)
{
  if (days_to_deadline == G_MININT)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (deadline_steps); i++)
    if (days_to_deadline <= deadline_steps[i].last_day)
      return (int) i;

  return -1;
}

static RdClass
decide_class (const RdClassifyFacts *facts,
              guint32                signals,
              gboolean               differ,
              GPtrArray             *reasons)
{
  guint32 bad = signals & RD_SIGNALS_BAD;
  gboolean deadline_passed = deadline_step (facts->days_to_deadline) == DEADLINE_STEP_PASSED;

  /* Rule 1: risk */
  if (facts->cause == RD_CAUSE_SHOPPING ||
      facts->cause == RD_CAUSE_HIDDEN_PROBLEM ||
      (signals & RD_SIGNALS_STRONG) != 0 ||
      count_bits (signals & RD_SIGNALS_EVASIVE) >= 2 ||
      count_bits (bad) >= 3 ||
      facts->missed_commitments >= 2 ||
      deadline_passed)
    {
      if (facts->cause == RD_CAUSE_SHOPPING)
        add_reason (reasons, _("they are shopping around"));
      else if (facts->cause == RD_CAUSE_HIDDEN_PROBLEM)
        add_reason (reasons, _("a problem they have not named"));
      if (deadline_passed)
        add_reason (reasons, _("the contract end has passed"));
      add_signal_reasons (reasons, facts, bad_order, G_N_ELEMENTS (bad_order), bad);
      add_missed_reason (reasons, facts->missed_commitments);
      if (differ)
        add_reason (reasons, _("the stakeholders tell different stories"));
      return RD_CLASS_RISK;
    }

  /* Rule 2: administrative */
  if ((facts->cause == RD_CAUSE_BUDGET || facts->cause == RD_CAUSE_PRIORITY) &&
      (signals & RD_SIGNALS_GOOD) != 0 &&
      bad == 0 &&
      facts->missed_commitments == 0)
    {
      add_reason (reasons, facts->cause == RD_CAUSE_BUDGET
                  ? _("budget timing with a visible process")
                  : _("busy, but nothing is on fire"));
      add_signal_reasons (reasons, facts, good_order, G_N_ELEMENTS (good_order),
                          signals & RD_SIGNALS_GOOD);
      return RD_CLASS_ADMINISTRATIVE;
    }

  /* Rule 3: decision; say what kept it from being administrative. */
  if (facts->cause < 0)
    add_reason (reasons, _("the real cause is not assessed yet"));
  else if (facts->cause == RD_CAUSE_STAKEHOLDERS)
    add_reason (reasons, _("several approvers who are not aligned"));
  else if (facts->cause == RD_CAUSE_CHAMPION_CHANGE)
    add_reason (reasons, _("a new owner must relearn why they bought"));

  add_signal_reasons (reasons, facts, bad_order, G_N_ELEMENTS (bad_order), bad);
  if (differ)
    add_reason (reasons, _("the stakeholders tell different stories"));
  add_missed_reason (reasons, facts->missed_commitments);

  if ((facts->cause == RD_CAUSE_BUDGET || facts->cause == RD_CAUSE_PRIORITY) &&
      (signals & RD_SIGNALS_GOOD) == 0)
    add_reason (reasons, _("no good signal yet"));

  return RD_CLASS_DECISION;
}

static int
score_within_band (const RdClassifyFacts *facts,
                   guint32                signals,
                   gboolean               differ,
                   RdClass                klass,
                   GPtrArray             *reasons)
{
  int lo, hi, raw, step;
  guint n_good = count_bits (signals & RD_SIGNALS_GOOD);
  guint n_bad = count_bits (signals & RD_SIGNALS_BAD);

  switch (klass)
    {
    case RD_CLASS_ADMINISTRATIVE:
      lo = 0, hi = BAND_ADMINISTRATIVE_MAX;
      break;
    case RD_CLASS_DECISION:
      lo = BAND_ADMINISTRATIVE_MAX + 1, hi = BAND_DECISION_MAX;
      break;
    case RD_CLASS_RISK:
    default:
      lo = BAND_DECISION_MAX + 1, hi = 100;
      break;
    }

  /* Points within the band; 0 is the calmest case. */
  raw = 8;
  raw += 4 * (int) n_bad;
  if (signals & RD_SIGNAL_BIT (RD_SIGNAL_EVALUATING_ALTERNATIVES))
    raw += 4;
  if (facts->cause == RD_CAUSE_SHOPPING)
    raw += 6;
  raw -= 2 * (int) n_good;
  if (differ)
    raw += 3;

  step = deadline_step (facts->days_to_deadline);
  if (step >= 0)
    {
      raw += deadline_steps[step].points;
      /* A passed deadline was named by the rules already. */
      if (step == DEADLINE_STEP_SOON)
        add_reason (reasons, _("the contract ends within 30 days"));
    }

  if (facts->extensions > 0)
    {
      raw += 5 * (int) MIN (facts->extensions, 3);
      add_reason (reasons, g_dngettext (GETTEXT_PACKAGE,
                                        "already extended once",
                                        "already extended several times",
                                        facts->extensions));
    }

  if (facts->other_open_delays > 0)
    raw += 4 * (int) MIN (facts->other_open_delays, 3);

  if (facts->champion_changed)
    {
      raw += 8;
      if (facts->cause != RD_CAUSE_CHAMPION_CHANGE)
        add_reason (reasons, _("the champion changed"));
    }

  raw += 6 * (int) MIN (facts->missed_commitments, 3);

  return CLAMP (lo + raw * (hi - lo) / 60, lo, hi);
}

/* Public API */

void
rd_classify_facts_init (RdClassifyFacts *facts)
{
  g_return_if_fail (facts != NULL);

  memset (facts, 0, sizeof *facts);
  facts->cause = -1;
  facts->days_to_deadline = G_MININT;
}

/**
 * rd_classify_facts:
 * @facts: what is known about the delay as of the day it is judged on
 *
 * Applies the rules at the top of this file.
 *
 * Returns: (transfer full): the class, the score and the reasons
 */
RdClassification *
rd_classify_facts (const RdClassifyFacts *facts)
{
  RdClassification *self;
  guint32 signals;
  gboolean differ;

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (facts->n_statements == 0 || facts->statements != NULL, NULL);

  signals = all_signals (facts);
  differ = stories_differ (facts);

  self = g_new0 (RdClassification, 1);
  self->reasons = g_ptr_array_new_with_free_func (g_free);
  self->klass = decide_class (facts, signals, differ, self->reasons);
  self->score = score_within_band (facts, signals, differ, self->klass, self->reasons);

  return self;
}

void
rd_classify_input_init (RdClassifyInput *input)
{
  g_return_if_fail (input != NULL);

  memset (input, 0, sizeof *input);
  input->cause = -1;
  input->days_to_deadline = G_MININT;
}

/**
 * rd_classify:
 * @input: what is known about the delay
 *
 * The older entry point: the same rules as rd_classify_facts(), with every
 * signal taken as the delay's own (no statements, so no names).
 *
 * Returns: (transfer full): the class, the score and the reasons
 */
RdClassification *
rd_classify (const RdClassifyInput *input)
{
  RdClassifyFacts facts;

  g_return_val_if_fail (input != NULL, NULL);

  rd_classify_facts_init (&facts);
  facts.cause = input->cause;
  facts.signals = input->signals;
  facts.missed_commitments = input->missed_commitments;
  facts.days_to_deadline = input->days_to_deadline;
  facts.other_open_delays = input->other_open_delays;
  facts.extensions = input->extensions;
  facts.champion_changed = input->champion_changed;

  return rd_classify_facts (&facts);
}

void
rd_classification_free (RdClassification *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_free (self);
}

char *
rd_classification_explain (const RdClassification *self)
{
  /* Translators: a delay class inside a sentence, as in
   * "risk — evaluating alternatives" */
  static const char * const class_words[] = { N_("administrative"), N_("decision"), N_("risk") };
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (_(class_words[self->klass]));

  for (guint i = 0; i < self->reasons->len; i++)
    {
      const char *reason = g_ptr_array_index (self->reasons, i);

      /* Translators: separates the class from its reasons, as in
       * "risk — evaluating alternatives; radio silence" */
      g_string_append (text, i == 0 ? _(" — ") : _("; "));
      g_string_append (text, reason);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
rd_commitment_is_missed (const char  *due_on,
                         const char  *kept_on,
                         const GDate *as_of)
{
  GDate due, kept;

  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), FALSE);

  if (due_on == NULL || !rd_date_parse (due_on, &due))
    return FALSE;
  if (g_date_compare (&due, as_of) >= 0)
    return FALSE;

  /* Kept on a day after @as_of: as of that day it was still open. */
  if (kept_on != NULL && rd_date_parse (kept_on, &kept) && g_date_compare (&kept, as_of) <= 0)
    return FALSE;

  return TRUE;
}

gboolean
rd_commitment_next_change (const char  *due_on,
                           const char  *kept_on,
                           const GDate *as_of,
                           GDate       *out_next)
{
  GDate missed_from, kept;
  gboolean found = FALSE;

  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), FALSE);
  g_return_val_if_fail (out_next != NULL, FALSE);

  /* rd_commitment_is_missed() compares the day with two dates only: it
   * can turn missed the day after @due_on and kept again on @kept_on. */
  if (due_on == NULL || !rd_date_parse (due_on, &missed_from))
    return FALSE;
  g_date_add_days (&missed_from, 1);
  if (g_date_compare (&missed_from, as_of) > 0)
    {
      *out_next = missed_from;
      found = TRUE;
    }
  if (kept_on != NULL && rd_date_parse (kept_on, &kept) && g_date_compare (&kept, as_of) > 0 &&
      (!found || g_date_compare (&kept, out_next) < 0))
    {
      *out_next = kept;
      found = TRUE;
    }

  return found;
}

int
rd_classify_deadline_days_to_change (int days_to_deadline)
{
  int days = G_MAXINT;

  if (days_to_deadline == G_MININT)
    return G_MAXINT;

  /* Each step starts on the day the days left reach its last day. */
  for (guint i = 0; i < G_N_ELEMENTS (deadline_steps); i++)
    if (days_to_deadline > deadline_steps[i].last_day)
      days = MIN (days, days_to_deadline - deadline_steps[i].last_day);

  return days;
}

/* The first word of @text matches @word (both casefolded).  Words of
 * scripts written without spaces (Chinese, Japanese) need only start it. */
static gboolean
starts_with_word (const char *text,
                  const char *word)
{
  gsize len = strlen (word);
  const char *rest;

  if (len == 0 || strncmp (text, word, len) != 0)
    return FALSE;

  rest = text + len;
  if (*rest == '\0')
    return TRUE;
  if (g_unichar_iswide (g_utf8_get_char (word)))
    return TRUE;

  return !g_unichar_isalnum (g_utf8_get_char_validated (rest, -1));
}

gboolean
rd_classify_answer_is_yes (const char *answer)
{
  g_autofree char *text = NULL;
  g_autofree char *english = NULL;
  g_autofree char *translated = NULL;

  if (answer == NULL || !g_utf8_validate (answer, -1, NULL))
    return FALSE;

  text = g_utf8_casefold (answer, -1);
  g_strstrip (text);
  english = g_utf8_casefold (rd_customer_answer_table.entries[RD_ANSWER_YES].id, -1);
  translated = g_utf8_casefold (rd_enum_table_label (&rd_customer_answer_table, RD_ANSWER_YES), -1);

  return starts_with_word (text, english) || starts_with_word (text, translated);
}

const char *
rd_classify_role_subject (int role)
{
  if (role < 0 || role > RD_ROLE_OTHER)
    role = RD_ROLE_OTHER;

  return g_dgettext (GETTEXT_PACKAGE, role_subjects[role]);
}

const char *
rd_class_response_title (RdClass klass)
{
  switch (klass)
    {
    case RD_CLASS_ADMINISTRATIVE:
      return _("Be patient and helpful");
    case RD_CLASS_DECISION:
      return _("Diagnose: find out what is really pending");
    case RD_CLASS_RISK:
    default:
      return _("Full intervention: treat this as a save");
    }
}

const char *
rd_class_response_advice (RdClass klass,
                          int     cause)
{
  if (klass == RD_CLASS_RISK)
    {
      if (cause == RD_CAUSE_SHOPPING)
        return _("Ask plainly whether they are evaluating other options and what would make them "
                 "stay. Bring in your executive sponsor, map every stakeholder, and agree a "
                 "decision date before the contract end.");
      return _("Get the problem said out loud: listen first, list every concern, agree which "
               "ones must be fixed, and offer a conditional recovery plan with dates in the next "
               "48 hours, 30 days and 90 days.");
    }

  if (klass == RD_CLASS_ADMINISTRATIVE)
    {
      if (cause == RD_CAUSE_PRIORITY)
        return _("Stay in touch without pushing. Give them a real reason to act by a date, such "
                 "as the contract end or a price change, and make the next step small.");
      return _("Remove friction: learn their approval steps, talk to procurement directly, send "
               "documents and pre-filled forms before they are asked for, and give your "
               "champion a summary for their boss.");
    }

  switch (cause)
    {
    case RD_CAUSE_STAKEHOLDERS:
      return _("Get the approvers talking together: offer to join their internal meeting, "
               "prepare material for each stakeholder, and find out who decides.");
    case RD_CAUSE_CHAMPION_CHANGE:
      return _("Restart the renewal conversation with the new owner: show what was achieved, "
               "with usage data, and ask what they need to decide.");
    default:
      return _("Ask the diagnostic questions: what exactly is pending, who still needs to be "
               "involved, what information is missing, and when exactly you can revisit. Turn "
               "every answer into a date.");
    }
}
