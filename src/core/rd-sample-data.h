/* rd-sample-data.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The sample's raw material, for the generator alone (rd-sample.c and
 * rd-sample-story.c): markets and names to make accounts from, and the
 * stories (what each stakeholder says, the answers to the diagnostic
 * questions, the plan and the loss) the sample tells. */

#include <glib.h>

#include "rd-delay.h"
#include "rd-enums.h"
#include "rd-plan.h"
#include "rd-sample.h"

G_BEGIN_DECLS

typedef enum
{
  CULTURE_EN,
  CULTURE_DE,
  CULTURE_HU,
  CULTURE_JA,
  CULTURE_MS,
  CULTURE_ZH,
  N_CULTURES
} Culture;

typedef struct
{
  const char *display;
  const char *ascii;    /* for e-mail domains */
} Word;

typedef struct
{
  const char *country;
  const char *currency;
  Culture     culture;
  const char *tld;
  const char *phone_prefix;
  guint       weight;
  guint       scale;      /* rough units of the currency per euro */
} Market;

/* What the account manager is living through with an account. */
typedef enum
{
  STORY_NONE,             /* the renewal window has not opened yet */
  STORY_BUDGET,           /* administrative: next quarter's budget */
  STORY_PRIORITY,         /* administrative: busy with a go-live, nothing on fire */
  STORY_EXTENDED,         /* administrative, bridged by an accepted extension */
  STORY_STAKEHOLDERS,     /* decision: approvers not aligned, no timeline */
  STORY_CHAMPION_CHANGE,  /* decision: a new owner must relearn why they bought */
  STORY_HIDDEN_PROBLEM,   /* risk: problems come out late; a recovery plan */
  STORY_SHOPPING,         /* risk: a formal tender with other vendors */
  STORY_RENEWED,          /* signed early; the new term starts after this one */
  STORY_LOST,             /* lost to a competitor, waiting to re-engage */
  N_STORIES
} Story;

/* One stakeholder's words; @former picks the champion who left. */
typedef struct
{
  RdRole      role;
  gboolean    former;
  const char *said;
  guint32     signals;
} Said;

typedef struct
{
  RdCause     cause;
  guint32     signals;
  const char *stated_reason;
  Said        said[3];
  const char *answers[RD_N_QUESTIONS];
  const char *actions_taken;
  const char *customer_response;
  const char *next_step;
  const char *help_needed;
  const char *outcome;         /* resolved delays */
  const char *retrospective;   /* resolved delays */
  const char *note;            /* the account's notes */
} Script;

typedef enum
{
  STEP_OWNER_ACCOUNT,   /* the account's owner */
  STEP_OWNER_SUPPORT,
  STEP_OWNER_ENGINEERING,
} StepOwner;

typedef struct
{
  const char *title;
  int         priority;
  gboolean    must_fix;
  gboolean    changes_decision;
} SampleConcern;

typedef struct
{
  RdHorizon   horizon;
  guint       concern;
  StepOwner   owner;
  const char *title;
} SamplePlanStep;

#define N_SAMPLE_MARKETS 17
#define N_SAMPLE_OWNERS 6
#define N_SAMPLE_NOTES 10
#define N_SAMPLE_CHURN_REASONS 3
#define N_SAMPLE_CONCERNS 4
#define N_SAMPLE_PLAN_STEPS 6
#define N_INDUSTRIES 10
/* Every block of SHOWCASE_BLOCK accounts shows the whole method once,
 * whatever the seed; the others get a story when their window is open. */
#define SHOWCASE_BLOCK RD_SAMPLE_DEFAULT_SIZE

extern const Market _rd_sample_markets[N_SAMPLE_MARKETS];
extern const Word _rd_sample_company_first[N_CULTURES][10];
extern const char * const _rd_sample_industries[N_INDUSTRIES];
extern const char * const _rd_sample_company_second[N_CULTURES][N_INDUSTRIES];
extern const char * const _rd_sample_company_suffix[N_CULTURES][3];
extern const char * const _rd_sample_given_names[N_CULTURES][8];
extern const char * const _rd_sample_family_names[N_CULTURES][8];
extern const char * const _rd_sample_owners[N_SAMPLE_OWNERS];
extern const char * const _rd_sample_notes[N_SAMPLE_NOTES];
extern const char * const _rd_sample_churn_reasons[N_SAMPLE_CHURN_REASONS];
extern const Script _rd_sample_scripts[N_STORIES];
extern const SampleConcern _rd_sample_concerns[N_SAMPLE_CONCERNS];
extern const SamplePlanStep _rd_sample_plan_steps[N_SAMPLE_PLAN_STEPS];
extern const Story _rd_sample_showcase[SHOWCASE_BLOCK];

G_END_DECLS
