/* rd-test-util.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* One document of every entity type, each with a field this version does
 * not know, so that "kept and written back unchanged" is exercised. */
#define ACCOUNT_UUID "11111111-1111-4111-8111-111111111111"
#define CONTACT_UUID "22222222-2222-4222-8222-222222222222"
#define DELAY_UUID   "33333333-3333-4333-8333-333333333333"
#define CONCERN_UUID "44444444-4444-4444-8444-444444444444"
#define PLAN_UUID    "55555555-5555-4555-8555-555555555555"

extern const char rd_test_fixture_json[];

GPtrArray *rd_test_load_fixture  (void);
/* A fresh temporary directory (*out_dir) and a database path inside it. */
char      *rd_test_make_tmp_db   (char       **out_dir);
void       rd_test_remove_tree   (const char  *path);
/* Overwrites the root page of @table in the database at @path with garbage:
 * the header and the schema still read fine, PRAGMA quick_check does not. */
void       rd_test_damage_root_page (const char *path,
                                     const char *table);
char      *rd_test_doc_to_string (JsonObject  *doc);
GBytes    *rd_test_read_bytes    (const char  *path);
RdStore   *rd_test_open_store    (const char  *db_path);

/* For the _async calls: pass rd_test_async_ready_cb with &result (NULL),
 * then rd_test_wait_result (&result) iterates the thread-default main
 * context until the callback has stored a reference on the result. */
void          rd_test_async_ready_cb (GObject       *object,
                                      GAsyncResult  *result,
                                      gpointer       user_data);
GAsyncResult *rd_test_wait_result    (GAsyncResult **result);

G_END_DECLS
