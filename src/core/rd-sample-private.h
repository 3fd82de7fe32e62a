/* rd-sample-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Streams the sample one account at a time so that 100,000 accounts never
 * sit in memory as documents all at once (rd_store_fill_sample). */
typedef struct _RdSampleGenerator RdSampleGenerator;

RdSampleGenerator *_rd_sample_generator_new  (guint32            seed,
                                              const GDate       *today);
void               _rd_sample_generator_free (RdSampleGenerator *self);
/* Appends the next account document, then its contacts and the documents
 * of its story (delay, concerns, plan and steps, bridges, loss, reminder),
 * to @docs. */
void               _rd_sample_generator_next (RdSampleGenerator *self,
                                              GPtrArray         *docs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSampleGenerator, _rd_sample_generator_free)

G_END_DECLS
