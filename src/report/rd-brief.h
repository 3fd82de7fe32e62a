/* rd-brief.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "rd-fold.h"
#include "rd-concessions.h"
#include "rd-summary.h"

G_BEGIN_DECLS

/*
 * The internal brief: what the team knows about one renewal and the
 * customer must not read.  Each open delay's class and why, who said what,
 * the commitments kept and missed; the recovery plan; the concessions
 * offered so far (bridges and negotiation levers); the signs to fold.
 * Collected on any thread, drawn with the same page engine as the summary.
 */

typedef enum
{
  RD_BRIEF_DUE,
  RD_BRIEF_KEPT,
  RD_BRIEF_MISSED,
} RdBriefCommitmentState;

typedef struct
{
  char *who;           /* the contact's name, or NULL when unknown */
  int   role;          /* RdRole, -1 when unknown */
  char *said;
  GStrv signals;       /* translated labels */
} RdBriefStatement;

typedef struct
{
  char                   *communicated_on;
  char                   *stated_reason;
  int                     cause;                /* -1 = not assessed */
  RdClass                 klass;                /* effective: the override wins */
  int                     score;
  gboolean                overridden;
  char                   *override_note;
  GStrv                   reasons;              /* translated, most decisive first */
  GStrv                   signals;              /* the delay's own signals, translated */
  GPtrArray              *statements;           /* RdBriefStatement */
  char                   *due[RD_N_COMMITMENTS];
  char                   *kept[RD_N_COMMITMENTS];
  RdBriefCommitmentState  state[RD_N_COMMITMENTS];
  char                   *help_needed;
} RdBriefDelay;

typedef struct
{
  char        *what;       /* a bridge kind's label or a lever's text */
  int          status;     /* RdBridgeStatus; -1 for a lever (offered) */
  char        *on;         /* the day of that status, or NULL */
  gint64       price_minor; /* -1 when none */
} RdBriefConcession;

#define RD_BRIEF_MAX_ACTIVITIES 15

typedef struct
{
  RdSummary    *summary;       /* the account, contacts, plan and steps */
  GPtrArray    *delays;        /* RdBriefDelay, the open ones */
  GPtrArray    *concessions;   /* RdBriefConcession */
  RdConcessionLedger *ledger;  /* the valued concessions against the annual value */
  GPtrArray    *activities;    /* "activity" documents, newest first, at most RD_BRIEF_MAX_ACTIVITIES */
  RdFoldFacts   fold_facts;
  RdFoldSign    fold_signs;
  RdFoldAdvice  fold_advice;
  guint         fold_dismissed;
} RdBrief;

typedef struct _RdBriefLayout RdBriefLayout;

RdBrief       *rd_brief_collect          (RdStore        *store,
                                          const char     *account_id,
                                          GError        **error);
void           rd_brief_free             (RdBrief        *brief);
/* "<account name> – Internal brief.pdf" */
char          *rd_brief_dup_file_name    (RdBrief        *brief);

RdBriefLayout *rd_brief_layout_new       (RdBrief        *brief,
                                          double          width,
                                          double          height);
void           rd_brief_layout_free      (RdBriefLayout  *layout);
int            rd_brief_layout_get_n_pages (RdBriefLayout *layout);
void           rd_brief_draw_page        (RdBriefLayout  *layout,
                                          cairo_t        *cr,
                                          int             page,
                                          double          width,
                                          double          height);
gboolean       rd_brief_write_pdf        (RdBrief        *brief,
                                          RdPaper         paper,
                                          const char     *path,
                                          GError        **error);

/* rd_brief_collect() on a worker; the task's source object is @store. */
void           rd_brief_collect_async    (RdStore            *store,
                                          const char         *account_id,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
RdBrief       *rd_brief_collect_finish   (RdStore        *store,
                                          GAsyncResult   *result,
                                          GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdBrief, rd_brief_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdBriefLayout, rd_brief_layout_free)

G_END_DECLS
