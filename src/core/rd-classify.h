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

#define RD_SIGNAL_BIT(s) (1u << (s))

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

typedef struct
{
  RdClass    klass;
  int        score;             /* 0–100, banded by class */
  GPtrArray *reasons;           /* translated strings, most decisive first */
} RdClassification;

void              rd_classify_input_init    (RdClassifyInput        *input);
RdClassification *rd_classify               (const RdClassifyInput  *input);
void              rd_classification_free    (RdClassification       *self);
/* "risk — evaluating alternatives; radio silence after announcing the delay" */
char             *rd_classification_explain (const RdClassification *self);

/* What to do about it: one short heading and a paragraph, translated. */
const char       *rd_class_response_title   (RdClass                 klass);
const char       *rd_class_response_advice  (RdClass                 klass,
                                             int                     cause);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdClassification, rd_classification_free)

G_END_DECLS
