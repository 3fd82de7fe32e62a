/* rd-test-couch.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A real CouchDB-protocol server for the sync tests: PouchDB Server from
 * tests/package-lock.json (npm ci on first use, reusing npm's offline
 * cache), in memory, on 127.0.0.1, with an admin so that authentication
 * is real.
 */
#define RD_TEST_COUCH_ADMIN    "admin"
#define RD_TEST_COUCH_PASSWORD "s3cret-Pa55"

typedef struct _RdTestCouch RdTestCouch;

/* A port nobody listens on right now. */
guint16      rd_test_couch_free_port    (void);
/* Starts a server on @port (0: a free one) and waits until it answers. */
RdTestCouch *rd_test_couch_start        (guint16      port);
void         rd_test_couch_stop         (RdTestCouch *couch);
/* "http://127.0.0.1:PORT" */
const char  *rd_test_couch_get_root     (RdTestCouch *couch);
guint16      rd_test_couch_get_port     (RdTestCouch *couch);
/* Creates a fresh database (as the admin) and returns its URL. */
char        *rd_test_couch_new_database (RdTestCouch *couch);
/* Creates the database at @url (as the admin). */
void         rd_test_couch_create_database (const char *url);

G_END_DECLS
