/* rd-classify.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-classify"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-classify.h"

/*
 * How a delay is classified.
 *
 * The class follows three rules, in this order, so that every account
 * manager can predict it:
 *
 *  1. risk, when the cause is "shopping" or "hidden_problem", or the
 *     customer is known to be evaluating alternatives, or at least two of
 *     the warning signs below are present;
 *  2. administrative, when the cause is "budget" or "priority", at least one
 *     good signal is present, no bad signal is present, and no commitment
 *     date of this delay has passed unmet;
 *  3. decision, otherwise (including when nothing has been assessed yet:
 *     an unexplained delay is a decision still to be understood).
 *
 * The score (0–100) orders delays within a class and never crosses class
 * bands: administrative 0–33, decision 34–66, risk 67–100.  Inside the band
 * it rises with bad signals, a near deadline, extensions already granted,
 * other open delays, a changed champion and missed commitments, and falls
 * with good signals.
 */

#define BAND_ADMINISTRATIVE_MAX 33
#define BAND_DECISION_MAX       66

static const RdSignal warning_signs[] = {
  RD_SIGNAL_RADIO_SILENCE,
  RD_SIGNAL_IGNORES_HELP,
  RD_SIGNAL_SUDDEN_BUDGET_CONCERN,
  RD_SIGNAL_RAISES_ISSUES,
  RD_SIGNAL_STRAINED_RELATIONSHIP,
  RD_SIGNAL_DEFENSIVE,
};

static const guint32 good_signals_mask =
  RD_SIGNAL_BIT (RD_SIGNAL_SPECIFIC_EXPLANATION) |
  RD_SIGNAL_BIT (RD_SIGNAL_APOLOGETIC) |
  RD_SIGNAL_BIT (RD_SIGNAL_OFFERED_TIMELINE) |
  RD_SIGNAL_BIT (RD_SIGNAL_PROACTIVE_UPDATES) |
  RD_SIGNAL_BIT (RD_SIGNAL_ASKS_NEXT_STEPS);

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

G_STATIC_ASSERT (G_N_ELEMENTS (signal_reasons) == RD_SIGNAL_STRAINED_RELATIONSHIP + 1);

static gboolean
has_signal (const RdClassifyInput *input,
            RdSignal               signal)
{
  return (input->signals & RD_SIGNAL_BIT (signal)) != 0;
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

static void
add_signal_reasons (GPtrArray             *reasons,
                    const RdClassifyInput *input,
                    gboolean               good)
{
  for (guint s = 0; s < rd_signal_table.n_entries; s++)
    {
      if (!has_signal (input, s) || RD_SIGNAL_IS_GOOD (s) != good)
        continue;
      /* evaluating_alternatives is named first by the rules already */
      if (s == RD_SIGNAL_EVALUATING_ALTERNATIVES && !good)
        continue;
      add_reason (reasons, _(signal_reasons[s]));
    }
}

static RdClass
decide_class (const RdClassifyInput *input,
              GPtrArray             *reasons)
{
  guint n_warnings = 0;
  guint32 bad_mask = ~good_signals_mask & ((1u << rd_signal_table.n_entries) - 1);

  for (guint i = 0; i < G_N_ELEMENTS (warning_signs); i++)
    if (has_signal (input, warning_signs[i]))
      n_warnings++;

  /* Rule 1: risk */
  if (input->cause == RD_CAUSE_SHOPPING ||
      input->cause == RD_CAUSE_HIDDEN_PROBLEM ||
      has_signal (input, RD_SIGNAL_EVALUATING_ALTERNATIVES) ||
      n_warnings >= 2)
    {
      if (input->cause == RD_CAUSE_SHOPPING)
        add_reason (reasons, _("they are shopping around"));
      else if (input->cause == RD_CAUSE_HIDDEN_PROBLEM)
        add_reason (reasons, _("a problem they have not named"));
      if (has_signal (input, RD_SIGNAL_EVALUATING_ALTERNATIVES))
        add_reason (reasons, _(signal_reasons[RD_SIGNAL_EVALUATING_ALTERNATIVES]));
      add_signal_reasons (reasons, input, FALSE);
      return RD_CLASS_RISK;
    }

  /* Rule 2: administrative */
  if ((input->cause == RD_CAUSE_BUDGET || input->cause == RD_CAUSE_PRIORITY) &&
      (input->signals & good_signals_mask) != 0 &&
      (input->signals & bad_mask) == 0 &&
      input->missed_commitments == 0)
    {
      add_reason (reasons, input->cause == RD_CAUSE_BUDGET
                  ? _("budget timing with a visible process")
                  : _("busy, but nothing is on fire"));
      add_signal_reasons (reasons, input, TRUE);
      return RD_CLASS_ADMINISTRATIVE;
    }

  /* Rule 3: decision; say what kept it from being administrative. */
  if (input->cause < 0)
    add_reason (reasons, _("the real cause is not assessed yet"));
  else if (input->cause == RD_CAUSE_STAKEHOLDERS)
    add_reason (reasons, _("several approvers who are not aligned"));
  else if (input->cause == RD_CAUSE_CHAMPION_CHANGE)
    add_reason (reasons, _("a new owner must relearn why they bought"));

  add_signal_reasons (reasons, input, FALSE);

  if (input->missed_commitments > 0)
    add_reason (reasons, g_dngettext (GETTEXT_PACKAGE,
                                      "a committed date passed unmet",
                                      "committed dates passed unmet",
                                      input->missed_commitments));

  if ((input->cause == RD_CAUSE_BUDGET || input->cause == RD_CAUSE_PRIORITY) &&
      (input->signals & good_signals_mask) == 0)
    add_reason (reasons, _("no good signal yet"));

  return RD_CLASS_DECISION;
}

static int
score_within_band (const RdClassifyInput *input,
                   RdClass                klass,
                   GPtrArray             *reasons)
{
  int lo, hi, raw;
  guint n_good = count_bits (input->signals & good_signals_mask);
  guint n_bad = count_bits (input->signals & ~good_signals_mask);
  int d = input->days_to_deadline;

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
  if (has_signal (input, RD_SIGNAL_EVALUATING_ALTERNATIVES))
    raw += 4;
  if (input->cause == RD_CAUSE_SHOPPING)
    raw += 6;
  raw -= 2 * (int) n_good;

  if (d != G_MININT)
    {
      if (d <= 0)
        {
          raw += 14;
          add_reason (reasons, _("the contract end has passed"));
        }
      else if (d <= 30)
        {
          raw += 10;
          add_reason (reasons, _("the contract ends within 30 days"));
        }
      else if (d <= 60)
        raw += 6;
      else if (d <= 120)
        raw += 3;
    }

  if (input->extensions > 0)
    {
      raw += 5 * (int) MIN (input->extensions, 3);
      add_reason (reasons, g_dngettext (GETTEXT_PACKAGE,
                                        "already extended once",
                                        "already extended several times",
                                        input->extensions));
    }

  if (input->other_open_delays > 0)
    raw += 4 * (int) MIN (input->other_open_delays, 3);

  if (input->champion_changed)
    {
      raw += 8;
      if (input->cause != RD_CAUSE_CHAMPION_CHANGE)
        add_reason (reasons, _("the champion changed"));
    }

  raw += 6 * (int) MIN (input->missed_commitments, 3);

  return CLAMP (lo + raw * (hi - lo) / 60, lo, hi);
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
 * Returns: (transfer full): the class, the score and the reasons
 */
RdClassification *
rd_classify (const RdClassifyInput *input)
{
  RdClassification *self;

  g_return_val_if_fail (input != NULL, NULL);

  self = g_new0 (RdClassification, 1);
  self->reasons = g_ptr_array_new_with_free_func (g_free);
  self->klass = decide_class (input, self->reasons);
  self->score = score_within_band (input, self->klass, self->reasons);

  return self;
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
