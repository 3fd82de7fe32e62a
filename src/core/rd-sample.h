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
 * documents (account and contact JsonObjects, accounts first).  Realistic
 * names, varied industries, countries, currencies and stages, renewal dates
 * spread over the twelve months after @today, 2–5 stakeholders each. */
GPtrArray *rd_sample_generate (guint        n_accounts,
                               guint32      seed,
                               const GDate *today);

G_END_DECLS
