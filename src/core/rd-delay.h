/* rd-delay.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-classify.h"
#include "rd-enums.h"

G_BEGIN_DECLS

/*
 * One entry of the delay log: a customer said "we need more time".  Holds
 * what was said (and by whom: several stakeholders may each have a
 * statement with their own signals, so the classification triangulates),
 * the cause the account manager believes, the signals, the answers to the
 * diagnostic questions, the date commitments, and, once resolved, the
 * outcome and the retrospective.
 *
 * The classification is never edited directly: rd_delay_classify() computes
 * it from the facts; the user may set an override with a note, and the
 * override wins in every view (rd_delay_get_effective_class()).
 *
 * Every date-derived fact is judged as of one day: today for an open delay,
 * the day it was resolved for a resolved one (rd_delay_get_as_of()).  The
 * rules never read the clock; the caller passes today in.
 *
 * Classifying as of today, wherever a class, a score or reasons are shown
 * or exported (the caller owns "today"; the rules never look it up):
 *
 *   g_autoptr(GHashTable) roles = rd_delay_roles_new ();
 *   g_autoptr(RdClassification) result = NULL;
 *   GDate deadline;
 *   gboolean known;
 *
 *   for (each contact of the account)
 *     rd_delay_roles_add (roles, contact_id, role);
 *   known = rd_date_parse (effective_end ? effective_end : contract_end, &deadline);
 *   result = rd_delay_classify_as_of (delay, known ? &deadline : NULL, roles, today);
 *
 *   result->klass, result->score, rd_classification_explain (result)
 *
 * rd_delay_classify_in_context() does the same with an RdDelayContext, whose
 * extra counts (other open delays, accepted bridges, champion changed) also
 * order the score; rd_delay_document_classify_as_of() takes the JSON
 * document instead of an RdDelay.  None of them changes the delay.
 */

#define RD_TYPE_DELAY (rd_delay_get_type ())

G_DECLARE_FINAL_TYPE (RdDelay, rd_delay, RD, DELAY, GObject)

typedef enum
{
  RD_QUESTION_PENDING,        /* what process or decision is pending? */
  RD_QUESTION_INVOLVED,       /* who still needs to be involved? */
  RD_QUESTION_MISSING,        /* what information is missing? */
  RD_QUESTION_CONCERN,        /* what concern would the time resolve? */
  RD_QUESTION_REVISIT,        /* when exactly can we revisit? */
  RD_QUESTION_HELP,           /* can we help with alignment, and how? */
  RD_QUESTION_ALTERNATIVES,   /* are they evaluating other options? */
  RD_N_QUESTIONS
} RdQuestion;

typedef enum
{
  RD_COMMITMENT_INFO_BY,
  RD_COMMITMENT_RECONNECT_ON,
  RD_COMMITMENT_DECISION_BY,
  RD_COMMITMENT_NEXT_STEP_ON,
  RD_N_COMMITMENTS
} RdCommitment;

/* What one stakeholder said about this delay. */
typedef struct
{
  char    *contact_id;
  char    *said;
  guint32  signals;   /* RD_SIGNAL_BIT() set */
} RdStatement;

/* What the classification needs to know beyond the delay itself. */
typedef struct
{
  char        deadline[16];       /* the account's hard deadline (effective end, else
                                   * contract end), "YYYY-MM-DD"; "" when unknown */
  guint       other_open_delays;
  guint       extensions;         /* bridges accepted on this renewal */
  gboolean    champion_changed;
  GDate       today;              /* the day to judge an open delay on */
} RdDelayContext;

extern const RdEnumTable rd_question_table;      /* ids and prompts */
extern const RdEnumTable rd_commitment_table;    /* field names and labels */

RdStatement       *rd_statement_new                (const char   *contact_id,
                                                    const char   *said,
                                                    guint32       signals);
void               rd_statement_free               (RdStatement  *statement);

RdDelay           *rd_delay_new                    (const char   *account_id);
RdDelay           *rd_delay_copy                   (RdDelay      *self);
RdDelay           *rd_delay_new_from_document      (JsonObject   *doc,
                                                    GError      **error);
JsonObject        *rd_delay_to_document            (RdDelay      *self);

const char        *rd_delay_get_id                 (RdDelay      *self);
const char        *rd_delay_get_account_id         (RdDelay      *self);
const char        *rd_delay_get_contact_id         (RdDelay      *self);
void               rd_delay_set_contact_id         (RdDelay      *self,
                                                    const char   *contact_id);
const char        *rd_delay_get_communicated_on    (RdDelay      *self);
void               rd_delay_set_communicated_on    (RdDelay      *self,
                                                    const char   *date);
const char        *rd_delay_get_stated_reason      (RdDelay      *self);
void               rd_delay_set_stated_reason      (RdDelay      *self,
                                                    const char   *text);
int                rd_delay_get_cause              (RdDelay      *self);  /* -1 = not assessed */
void               rd_delay_set_cause              (RdDelay      *self,
                                                    int           cause);
guint32            rd_delay_get_signals            (RdDelay      *self);
void               rd_delay_set_signals            (RdDelay      *self,
                                                    guint32       signals);
void               rd_delay_set_signal             (RdDelay      *self,
                                                    RdSignal      signal,
                                                    gboolean      present);
/* The delay's own signals plus those of every statement, plus
 * evaluating_alternatives when the answer to RD_QUESTION_ALTERNATIVES is a
 * yes (rd_classify_answer_is_yes()). */
/* The delay's own signals, with what the diagnostic answers imply (a "yes"
 * to evaluating other options), without the stakeholders' statements. */
guint32            rd_delay_get_own_signals        (RdDelay      *self);
guint32            rd_delay_get_all_signals        (RdDelay      *self);
GPtrArray         *rd_delay_get_statements         (RdDelay      *self);  /* of RdStatement */
void               rd_delay_add_statement          (RdDelay      *self,
                                                    RdStatement  *statement);
void               rd_delay_remove_statement       (RdDelay      *self,
                                                    guint         index);
const char        *rd_delay_get_answer             (RdDelay      *self,
                                                    RdQuestion    question);
void               rd_delay_set_answer             (RdDelay      *self,
                                                    RdQuestion    question,
                                                    const char   *answer);
const char        *rd_delay_get_commitment         (RdDelay      *self,
                                                    RdCommitment  commitment);
void               rd_delay_set_commitment         (RdDelay      *self,
                                                    RdCommitment  commitment,
                                                    const char   *date);
/* The day the user ticked the commitment off as kept ("YYYY-MM-DD"), or
 * NULL.  Document fields "info_kept_on", "reconnect_kept_on",
 * "decision_kept_on" and "next_step_kept_on". */
const char        *rd_delay_get_commitment_kept    (RdDelay      *self,
                                                    RdCommitment  commitment);
void               rd_delay_set_commitment_kept    (RdDelay      *self,
                                                    RdCommitment  commitment,
                                                    const char   *date);
/* The document field of @commitment's kept date: "info_kept_on"… */
const char        *rd_commitment_kept_field        (RdCommitment  commitment);
const char        *rd_delay_get_text               (RdDelay      *self,
                                                    const char   *field);
/* Free-text fields by document name: "actions_taken", "customer_response",
 * "next_step", "help_needed", "outcome", "retrospective", "override_note". */
void               rd_delay_set_text               (RdDelay      *self,
                                                    const char   *field,
                                                    const char   *text);
RdDelayStatus      rd_delay_get_status             (RdDelay      *self);
const char        *rd_delay_get_resolved_on        (RdDelay      *self);
/* Marks it resolved on @date with the outcome and the retrospective. */
void               rd_delay_resolve                (RdDelay      *self,
                                                    const char   *date,
                                                    const char   *outcome,
                                                    const char   *retrospective);
void               rd_delay_reopen                 (RdDelay      *self);

RdClass            rd_delay_get_classification     (RdDelay      *self);  /* computed */
int                rd_delay_get_score              (RdDelay      *self);
int                rd_delay_get_override           (RdDelay      *self);  /* -1 = none */
void               rd_delay_set_override           (RdDelay      *self,
                                                    int           klass,
                                                    const char   *note);
RdClass            rd_delay_get_effective_class    (RdDelay      *self);

/* The day the delay is judged on: its resolved_on when it is resolved (and
 * the date is valid), else @today. */
void               rd_delay_get_as_of              (RdDelay      *self,
                                                    const GDate  *today,
                                                    GDate        *out_as_of);
/* Whether @commitment is missed as of rd_delay_get_as_of(): its date lies
 * before that day and it was not kept on or before it. */
gboolean           rd_delay_is_missed              (RdDelay      *self,
                                                    RdCommitment  commitment,
                                                    const GDate  *today);
/* How many commitments are missed (rd_delay_is_missed()). */
guint              rd_delay_count_missed           (RdDelay      *self,
                                                    const GDate  *today);

/* Stakeholder roles by contact id, for naming who said what: keys are
 * contact ids (copied), values GINT_TO_POINTER (RdRole). */
GHashTable        *rd_delay_roles_new              (void);
void               rd_delay_roles_add              (GHashTable   *roles,
                                                    const char   *contact_id,
                                                    RdRole        role);
/* A table from an array of RdContact. */
GHashTable        *rd_delay_roles_new_from_contacts (GPtrArray   *contacts);

/* Classifies as of @today (rd_delay_get_as_of()), without changing the
 * delay.  @hard_deadline: the account's effective end, else its contract
 * end; NULL when unknown.  @roles: rd_delay_roles_new(); NULL when unknown
 * (statements are then told as "a stakeholder …"). */
RdClassification  *rd_delay_classify_as_of         (RdDelay              *self,
                                                    const GDate          *hard_deadline,
                                                    GHashTable           *roles,
                                                    const GDate          *today);
/* The same, with the deadline and today taken from @context and its other
 * counts ordering the score. */
RdClassification  *rd_delay_classify_in_context    (RdDelay              *self,
                                                    const RdDelayContext *context,
                                                    GHashTable           *roles);
/* The same, for a delay's JSON document; NULL and @error when @doc is not
 * a valid delay. */
RdClassification  *rd_delay_document_classify_as_of (JsonObject     *doc,
                                                     const GDate    *hard_deadline,
                                                     GHashTable     *roles,
                                                     const GDate    *today,
                                                     GError        **error);
/* Fills the older input (every signal as the delay's own) as of @context. */
void               rd_delay_fill_input             (RdDelay              *self,
                                                    const RdDelayContext *context,
                                                    RdClassifyInput      *input);
/* Classifies as of @context (no roles), stores class and score on the
 * delay, returns the details. */
RdClassification  *rd_delay_classify               (RdDelay              *self,
                                                    const RdDelayContext *context);
/* The first day after @today on which rd_delay_classify_as_of() may give
 * another class or score by the day alone, nothing edited: a commitment
 * turning missed or kept, or the days to @hard_deadline (may be NULL)
 * reaching another step.  FALSE when no later day can (a resolved delay is
 * judged as of its resolved_on). */
gboolean           rd_delay_get_next_change        (RdDelay              *self,
                                                    const GDate          *hard_deadline,
                                                    const GDate          *today,
                                                    GDate                *out_next);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdStatement, rd_statement_free)

G_END_DECLS
