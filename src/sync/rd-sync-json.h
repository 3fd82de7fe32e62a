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

/* A checked page of _changes, ready to apply. */
typedef struct
{
  GPtrArray *docs;      /* JsonObject: each result's doc, or a tombstone for a
                         * deletion sent without one */
  GPtrArray *texts;     /* the JSON of each document, kept as its base */
  guint      n;         /* results, with or without a document */
  gint64     pending;   /* -1: the server did not say */
  char      *last_seq;  /* raw JSON */
} RdSyncChanges;

void           rd_sync_changes_free             (RdSyncChanges *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSyncChanges, rd_sync_changes_free)

/* The page of a _changes answer read as a tree (@root), or NULL when it is
 * not one: an object with a "results" array and a string or integer
 * "last_seq", an integer "pending" if any, each result an object with a
 * string "id", a boolean "deleted" if any, a "doc" that is null or passes
 * rd_sync_json_doc_ok() with the result's id, and "changes", if any, an
 * array of objects with a string "rev".  Its documents' JSON is as the
 * server sent it when @doc_texts has it (rd_sync_json_read_changes()),
 * else as json_to_string() writes it. */
RdSyncChanges *rd_sync_changes_new_from_tree    (JsonNode      *root,
                                                 GPtrArray     *doc_texts);

/* Reads a _changes answer straight into its page, building a tree only for
 * each document: the same page as rd_sync_json_read_changes(), and
 * rd_sync_changes_new_from_tree() give, for the plain
 * pages CouchDB and PouchDB send (the root's results, last_seq and
 * pending; each result's seq, id, changes, doc and deleted; each change's
 * rev; a plain string or an integer as last_seq).  Returns NULL for
 * anything else, good or bad: the caller then reads it the slower way,
 * which takes or refuses it as before. */
RdSyncChanges *rd_sync_json_read_changes_page   (const char    *data,
                                                 gsize          size);

/* Whether @member of @object is a value of @type (G_TYPE_STRING,
 * G_TYPE_INT64, G_TYPE_BOOLEAN). */
gboolean       rd_sync_json_member_is           (JsonObject    *object,
                                                 const char    *member,
                                                 GType          type);
/* A document from the server: an object with a string _id, a string _rev
 * and a boolean _deleted when it has them. */
gboolean       rd_sync_json_doc_ok              (JsonNode      *node);

G_END_DECLS
