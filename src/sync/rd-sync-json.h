/* rd-sync-json.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting the reader takes, as rd_json_check() allows. */
#define RD_SYNC_JSON_MAX_DEPTH 64

/* Reads a _changes answer in one pass, building the same tree as
 * json-glib's parser (not sealed: hashing every object for the seal cost a
 * fifth of the reading, and nothing writes to a page), for plain JSON only: no fractions or
 * exponents, no escaped surrogates or NUL, no control characters, no
 * member named twice in an object, valid UTF-8, at most
 * RD_SYNC_JSON_MAX_DEPTH levels.  Returns NULL for anything else (the
 * caller then parses and refuses it the usual, slower way).
 *
 * @out_doc_texts (optional) receives one item per element of the root's
 * "results" array: the text of its "doc" object exactly as the server sent
 * it, or NULL (no doc).  It is NULL when the root has no such array. */
JsonNode *rd_sync_json_read_changes (const char  *data,
                                     gsize        size,
                                     GPtrArray  **out_doc_texts);

G_END_DECLS
