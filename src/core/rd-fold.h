/* rd-fold.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * When to stop chasing a renewal (domain.md §8).  Pure rules over a few
 * facts about an account, judged as of an injected day; the view only
 * shows which signs fired.  Only the domain's signs fire:
 *
 *  - several extensions without progress: two or more accepted bridges
 *    since the last progress (a plan step done, a plan met);
 *  - the customer will not engage honestly: a delay is open and no dated
 *    contact for more than the "no response" limit (21 days by default),
 *    counted from the LAST dated contact;
 *  - the problems cannot be fixed in a reasonable time: a recovery plan
 *    failed;
 *  - clearly shopping and stringing you along: an open delay whose cause is
 *    shopping, with two or more missed commitments or its decision date
 *    passed unmet.
 *
 * A delay that is only shopping (freshly logged, dates still ahead) is not a
 * sign to fold: it is a risk delay that calls for full intervention
 * (rd_fold_advise() says RD_FOLD_ADVICE_INTERVENE).
 */

typedef enum
{
  RD_FOLD_NONE                     = 0,
  RD_FOLD_EXTENSIONS_NO_PROGRESS   = 1 << 0,  /* ≥ 2 accepted bridges since the last progress */
  RD_FOLD_PLAN_FAILED              = 1 << 1,  /* a recovery plan failed */
  RD_FOLD_RISK_PAST_DECISION       = 1 << 2,  /* retired: never fires (not a sign of
                                               * domain.md §8); the bit keeps its meaning
                                               * in stored "fold_dismissed" masks */
  RD_FOLD_NO_RESPONSE              = 1 << 3,  /* a delay open, no dated contact for > N days */
  RD_FOLD_SHOPPING                 = 1 << 4,  /* shopping and stringing along */
} RdFoldSign;

#define RD_FOLD_N_SIGNS 5
#define RD_FOLD_DEFAULT_NO_RESPONSE_DAYS 21

typedef struct
{
  guint    extensions_without_progress;
  guint    failed_plans;
  guint    risk_delays_past_decision;  /* shown only; not a sign any more */
  int      days_since_response;        /* days since the last dated contact while a
                                        * delay is open; -1 when nothing is waiting */
  gboolean shopping_confirmed;         /* an open delay whose cause is shopping */
  gboolean stringing_along;            /* …with ≥ 2 missed commitments or its
                                        * decision date passed unmet */
} RdFoldFacts;

typedef enum
{
  RD_FOLD_ADVICE_NONE,       /* nothing to say */
  RD_FOLD_ADVICE_INTERVENE,  /* shopping, but no sign to fold: full intervention, it is a save */
  RD_FOLD_ADVICE_LET_GO,     /* a sign fired: consider exiting professionally */
} RdFoldAdvice;

/* The signs that fire for @facts, given the "no response" limit in days
 * (0 turns that sign off; it fires when more days than that have passed). */
RdFoldSign   rd_fold_evaluate          (const RdFoldFacts *facts,
                                        int                no_response_days);
/* What to advise for @facts and the @signs that fired for them. */
RdFoldAdvice rd_fold_advise            (const RdFoldFacts *facts,
                                        RdFoldSign         signs);
/* Collects the facts from the account's documents (delay, plan, plan_step
 * and bridge; any array may be NULL) as of @today.  @last_contact is the
 * last dated contact with the customer that the caller knows of (NULL when
 * none); the later of it and the contacts dated in the documents (a delay
 * communicated, a commitment kept, a delay resolved) counts.  Dates after
 * @today have not happened yet and are ignored. */
void         rd_fold_facts_from_documents_as_of (GPtrArray   *delays,
                                                 GPtrArray   *plans,
                                                 GPtrArray   *steps,
                                                 GPtrArray   *bridges,
                                                 const GDate *last_contact,
                                                 const GDate *today,
                                                 RdFoldFacts *out_facts);
/* The same with no last contact known beyond the documents. */
void         rd_fold_facts_from_documents (GPtrArray   *delays,
                                           GPtrArray   *plans,
                                           GPtrArray   *steps,
                                           GPtrArray   *bridges,
                                           const GDate *today,
                                           RdFoldFacts *out_facts);
/* Translated short sentence for one sign. */
const char  *rd_fold_sign_label        (RdFoldSign         sign);
/* Translated labels of every sign in @signs, joined by ", ". */
char        *rd_fold_describe          (RdFoldSign         signs);

G_END_DECLS
