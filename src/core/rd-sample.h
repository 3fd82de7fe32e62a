/* rd-sample.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_SAMPLE_DEFAULT_SEED 20261122u
#define RD_SAMPLE_DEFAULT_SIZE 40

/* A deterministic sample portfolio: the same @seed and @today give the same
 * documents, each account followed by its own in the order of the document
 * contract.  Realistic names, varied industries, countries, currencies and
 * stages, renewal dates spread over the twelve months after @today, 2–5
 * stakeholders each.  It shows the method as of @today: every open account
 * whose renewal window (120 days before the hard deadline) has opened has a
 * delay with its stakeholders' statements and dated commitments, classified
 * as of @today, and a done "start the renewal" reminder; and every block of
 * RD_SAMPLE_DEFAULT_SIZE accounts has delays of all three classes, two
 * commitments just missed, a conditional recovery plan with its concerns,
 * proposed, accepted (moving effective_end) and declined bridges, a renewal
 * signed early (its new term ahead) and a loss waiting to be re-engaged.
 * Nothing reads the clock: call it with several days in tests. */
GPtrArray *rd_sample_generate (guint        n_accounts,
                               guint32      seed,
                               const GDate *today);

G_END_DECLS
