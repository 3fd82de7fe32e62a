/* rd-classify.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-enums.h"

G_BEGIN_DECLS

/*
 * How a delay is classified (domain.md §1): pure rules, no clock.  Every
 * date-derived fact (missed commitments, the hard deadline) is worked out
 * as of one day T that the caller passes in; the rules themselves are
 * written out in rd-classify.c, next to the code.
 *
 * Two levels:
 *
 *  - rd_classify_facts(): the rules over facts already reduced to day T
 *    (counts and day differences).  Table-tested.
 *  - rd_delay_classify_as_of() and friends in rd-delay.h: the same rules fed
 *    from a delay (or its JSON document), the account's hard deadline, the
 *    stakeholders' roles and today.  This is what the store and the views
 *    call.
 *
 * rd_classify() and RdClassifyInput are the older entry point, kept for
 * existing callers; they run the same rules.
 */

#define RD_SIGNAL_BIT(s) (1u << (s))

/* The signal groups the rules speak of. */
#define RD_SIGNALS_GOOD                                   \
  (RD_SIGNAL_BIT (RD_SIGNAL_SPECIFIC_EXPLANATION) |       \
   RD_SIGNAL_BIT (RD_SIGNAL_APOLOGETIC) |                 \
   RD_SIGNAL_BIT (RD_SIGNAL_OFFERED_TIMELINE) |           \
   RD_SIGNAL_BIT (RD_SIGNAL_PROACTIVE_UPDATES) |          \
   RD_SIGNAL_BIT (RD_SIGNAL_ASKS_NEXT_STEPS))
/* Strong signs: any one of them makes a risk. */
#define RD_SIGNALS_STRONG                                 \
  (RD_SIGNAL_BIT (RD_SIGNAL_EVALUATING_ALTERNATIVES) |    \
   RD_SIGNAL_BIT (RD_SIGNAL_RAISES_ISSUES) |              \
   RD_SIGNAL_BIT (RD_SIGNAL_SUDDEN_BUDGET_CONCERN) |      \
   RD_SIGNAL_BIT (RD_SIGNAL_STRAINED_RELATIONSHIP))
/* Evasive signs: two of them make a risk. */
#define RD_SIGNALS_EVASIVE                                \
  (RD_SIGNAL_BIT (RD_SIGNAL_RADIO_SILENCE) |              \
   RD_SIGNAL_BIT (RD_SIGNAL_IGNORES_HELP) |               \
   RD_SIGNAL_BIT (RD_SIGNAL_DEFENSIVE))
/* Every bad signal: three of any kind make a risk. */
#define RD_SIGNALS_BAD                                    \
  (RD_SIGNALS_STRONG | RD_SIGNALS_EVASIVE |               \
   RD_SIGNAL_BIT (RD_SIGNAL_VAGUE) |                      \
   RD_SIGNAL_BIT (RD_SIGNAL_NO_TIMELINE))

/* What one stakeholder said about the delay, as the rules see it. */
typedef struct
{
  int      role;                /* RdRole of who said it; -1 when unknown */
  guint32  signals;             /* RD_SIGNAL_BIT() of every signal in it */
} RdClassifyStatement;

/* Everything the rules need, already reduced to the day T they judge. */
typedef struct
{
  int                        cause;              /* RdCause; -1 when not assessed */
  guint32                    signals;            /* the delay's own signals, including
                                                  * evaluating_alternatives for a "yes"
                                                  * to the diagnostic question */
  const RdClassifyStatement *statements;         /* not owned; may be NULL */
  guint                      n_statements;
  guint                      missed_commitments; /* commitment dates before T, not kept */
  int                        days_to_deadline;   /* from T to the hard deadline: negative
                                                  * once passed; G_MININT when unknown */
  /* These only order delays within their class (the score). */
  guint                      other_open_delays;  /* on this renewal, besides this one */
  guint                      extensions;         /* bridges accepted so far */
  gboolean                   champion_changed;
} RdClassifyFacts;

typedef struct
{
  RdClass    klass;
  int        score;             /* 0–100, banded by class */
  GPtrArray *reasons;           /* translated strings, most decisive first */
} RdClassification;

/* The older input: every signal in one set, no statements. */
typedef struct
{
  int      cause;               /* RdCause, or -1 when not assessed yet */
  guint32  signals;             /* RD_SIGNAL_BIT() of every signal seen */
  int      days_to_deadline;    /* to the hard deadline; G_MININT = unknown */
  guint    other_open_delays;   /* on this renewal, besides this one */
  guint    extensions;          /* bridges accepted on this renewal so far */
  gboolean champion_changed;
  guint    missed_commitments;  /* this delay's dates that passed unmet */
} RdClassifyInput;

void              rd_classify_facts_init    (RdClassifyFacts        *facts);
RdClassification *rd_classify_facts         (const RdClassifyFacts  *facts);

void              rd_classify_input_init    (RdClassifyInput        *input);
RdClassification *rd_classify               (const RdClassifyInput  *input);
void              rd_classification_free    (RdClassification       *self);
/* "risk — evaluating alternatives; radio silence after announcing the delay" */
char             *rd_classification_explain (const RdClassification *self);

/* Whether a commitment due on @due_on ("YYYY-MM-DD") is missed as of day
 * @as_of: it lies before @as_of and was not kept (@kept_on is NULL, or
 * after @as_of, so not kept yet on that day).  An empty or malformed
 * @due_on is never missed. */
gboolean          rd_commitment_is_missed   (const char             *due_on,
                                             const char             *kept_on,
                                             const GDate            *as_of);
/* When the day alone can change a class (nothing edited), for storing the
 * next day a delay must be judged again.  Both come from the comparisons
 * the rules make, and may name a day on which nothing changes after all.
 *
 * rd_commitment_next_change(): the first day after @as_of on which
 * rd_commitment_is_missed() may answer otherwise than on @as_of; FALSE
 * when no later day can change it.
 *
 * rd_classify_deadline_days_to_change(): in how many days (at least 1)
 * the part of the class and score that reads @days_to_deadline may change,
 * the days left counting down one a day; G_MAXINT when never (unknown, or
 * passed already). */
gboolean          rd_commitment_next_change (const char             *due_on,
                                             const char             *kept_on,
                                             const GDate            *as_of,
                                             GDate                  *out_next);
int               rd_classify_deadline_days_to_change (int           days_to_deadline);
/* Whether a free-text answer to a diagnostic question says yes: its first
 * word is "yes", or the translated "Yes" of rd_customer_answer_table. */
gboolean          rd_classify_answer_is_yes (const char             *answer);

/* The stakeholder as the subject of a reason, translated: "the economic
 * buyer"; "a stakeholder" for -1 or an unknown role. */
const char       *rd_classify_role_subject  (int                     role);

/* What to do about it: one short heading and a paragraph, translated. */
const char       *rd_class_response_title   (RdClass                 klass);
const char       *rd_class_response_advice  (RdClass                 klass,
                                             int                     cause);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdClassification, rd_classification_free)

G_END_DECLS
