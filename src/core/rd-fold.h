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
 * facts about an account; the view only shows which signs fired.
 */

typedef enum
{
  RD_FOLD_NONE                     = 0,
  RD_FOLD_EXTENSIONS_NO_PROGRESS   = 1 << 0,  /* ≥ 2 accepted bridges since the last progress */
  RD_FOLD_PLAN_FAILED              = 1 << 1,
  RD_FOLD_RISK_PAST_DECISION       = 1 << 2,  /* an open risk delay past its decision date */
  RD_FOLD_NO_RESPONSE              = 1 << 3,  /* open delays, nothing heard for N days */
  RD_FOLD_SHOPPING                 = 1 << 4,  /* an open delay whose cause is shopping around */
} RdFoldSign;

#define RD_FOLD_N_SIGNS 5
#define RD_FOLD_DEFAULT_NO_RESPONSE_DAYS 21

typedef struct
{
  guint extensions_without_progress;
  guint failed_plans;
  guint risk_delays_past_decision;
  int   days_since_response;   /* -1 when nothing is waiting for an answer */
  gboolean shopping_confirmed;
} RdFoldFacts;

/* The signs that fire for @facts, given the "no response" limit in days. */
RdFoldSign  rd_fold_evaluate          (const RdFoldFacts *facts,
                                       int                no_response_days);
/* Collects the facts from the account's documents (delay, plan, plan_step
 * and bridge; any array may be NULL) as of @today. */
void        rd_fold_facts_from_documents (GPtrArray   *delays,
                                          GPtrArray   *plans,
                                          GPtrArray   *steps,
                                          GPtrArray   *bridges,
                                          const GDate *today,
                                          RdFoldFacts *out_facts);
/* Translated short sentence for one sign. */
const char *rd_fold_sign_label        (RdFoldSign         sign);
/* Translated labels of every sign in @signs, joined by ", ". */
char       *rd_fold_describe          (RdFoldSign         signs);

G_END_DECLS
