/* rd-merge.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-store-sync.h"

G_BEGIN_DECLS

/*
 * A pure three-way merge of one document, field by field, against @base
 * (the version both sides started from; NULL when unknown):
 * - a field changed on one side only takes that side's value;
 * - a field changed on both sides to different values keeps the side with
 *   the later "updated_at" (the server's on a tie) and the other value is
 *   appended to @conflicts (RdSyncConflict), so it can be restored;
 * - a deletion against an edit of the other side loses (the edit is kept)
 *   and is recorded as a conflict on "_deleted".
 * "_id" is @remote's, "_rev" is @remote's, "updated_at" the later one.
 * @conflicts may be NULL.
 */
JsonObject *rd_merge_documents (JsonObject *base,
                                JsonObject *local,
                                JsonObject *remote,
                                GPtrArray  *conflicts);

/* rd_merge_documents() as an RdStoreSyncMergeFunc. */
JsonObject *rd_merge_func      (JsonObject *base,
                                JsonObject *local,
                                JsonObject *remote,
                                GPtrArray  *conflicts,
                                gpointer    user_data);

G_END_DECLS
