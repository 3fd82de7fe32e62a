/* rd-sync-client.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-sync-json.h"

G_BEGIN_DECLS

#define RD_SYNC_ERROR (rd_sync_error_quark ())

typedef enum
{
  RD_SYNC_ERROR_INVALID_URL,
  RD_SYNC_ERROR_INSECURE,        /* http:// to a host that is not loopback */
  RD_SYNC_ERROR_NO_PASSWORD,
  RD_SYNC_ERROR_UNAUTHORIZED,    /* 401/403: wrong user name or password */
  RD_SYNC_ERROR_NO_DATABASE,     /* 404 on the database */
  RD_SYNC_ERROR_SERVER,          /* 5xx */
  RD_SYNC_ERROR_PROTOCOL,        /* malformed, truncated or unexpected answer */
  RD_SYNC_ERROR_REJECTED,        /* the server refused some documents */
  RD_SYNC_ERROR_INTERRUPTED,     /* test hook: stopped after a page */
} RdSyncError;

GQuark rd_sync_error_quark (void);

/* Seconds one request may take in all (however slowly the server trickles
 * its answer), and the largest answer read, in bytes. */
#define RD_SYNC_REQUEST_DEADLINE 120
#define RD_SYNC_MAX_ANSWER (64 * 1024 * 1024)

/* Anything a server says, made fit to print or show: valid UTF-8 without
 * control characters (terminal escapes, bidi overrides), at most 200
 * characters.  NULL for NULL. */
char  *rd_sync_text_sanitize (const char *text);

/* TRUE for errors that waiting fixes (network, timeouts, 5xx, garbage);
 * FALSE for those the user must fix (password, address, certificate). */
gboolean rd_sync_error_is_transient (const GError *error);

/*
 * A client of CouchDB's HTTP API for one database, on libsoup 3: every
 * request runs on the thread-default main context of its caller with
 * soup_session_send_and_read_async (no threads).  Credentials are sent up
 * front as HTTP Basic; they never appear in an error message.
 */
#define RD_TYPE_SYNC_CLIENT (rd_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncClient, rd_sync_client, RD, SYNC_CLIENT, GObject)

/* @url: "https://host[:port]/db", a user name and password may be part of
 * it; @user and @password (NULL: from the URL) override them.  Plain http://
 * is refused for anything but loopback unless @allow_unencrypted. */
RdSyncClient *rd_sync_client_new              (const char   *url,
                                               const char   *user,
                                               const char   *password,
                                               gboolean      allow_unencrypted,
                                               GError      **error);
/* Splits credentials off @url: the URL without them (for display and as
 * the Secret Service attribute), and the user name and password in it. */
gboolean      rd_sync_url_split               (const char   *url,
                                               char        **out_clean_url,
                                               char        **out_user,
                                               char        **out_password,
                                               GError      **error);
gboolean      rd_sync_url_is_loopback         (const char   *url);

const char   *rd_sync_client_get_url          (RdSyncClient *self);   /* no credentials */
const char   *rd_sync_client_get_user         (RdSyncClient *self);
/* Ask the server for gzip (libsoup's content decoder); on by default. */
void          rd_sync_client_set_compression  (RdSyncClient *self,
                                               gboolean      compress);
/* Seconds without an answer before a request fails (default 60). */
void          rd_sync_client_set_timeout      (RdSyncClient *self,
                                               guint         seconds);

/* The deadline of each request in seconds and the largest answer in bytes
 * (0: the defaults above).  An answer over the limit fails with
 * RD_SYNC_ERROR_PROTOCOL, a request over its deadline with
 * G_IO_ERROR_TIMED_OUT; redirects to another server are never followed. */
void          rd_sync_client_set_limits       (RdSyncClient *self,
                                               guint         request_deadline_s,
                                               gsize         max_answer);

/* GET /db: the database info; RD_SYNC_ERROR_NO_DATABASE when missing. */
void          rd_sync_client_get_info_async   (RdSyncClient        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
JsonObject   *rd_sync_client_get_info_finish  (RdSyncClient  *self,
                                               GAsyncResult  *result,
                                               GError       **error);
/* PUT /db (needs an admin). */
void          rd_sync_client_create_database_async  (RdSyncClient        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      rd_sync_client_create_database_finish (RdSyncClient  *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);
/* GET /db/_changes?include_docs=true&since=@since&limit=@limit.  @since is
 * the raw JSON of a previous last_seq (NULL: from the start), sent back
 * unchanged whether it is a number (PouchDB) or an opaque string (CouchDB).
 * Finished with rd_sync_client_changes_finish(). */
void          rd_sync_client_changes_async    (RdSyncClient        *self,
                                               const char          *since,
                                               guint                limit,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* Called on the caller's context when a _changes answer is read, before
 * it is parsed and checked (on a worker thread), with guesses at its
 * last_seq and pending (raw JSON; NULL when none) from the answer's last
 * bytes: enough to ask for the next page meanwhile.  Only guesses: a
 * hostile server may put anything there, what counts is what _finish
 * returns. */
typedef void (*RdSyncChangesReadFunc) (const char *last_seq_guess,
                                       const char *pending_guess,
                                       gpointer    user_data);

/* The same, calling @read_func (if not NULL) as soon as the answer is read;
 * finished with rd_sync_client_changes_finish(). */
void          rd_sync_client_changes_read_async (RdSyncClient          *self,
                                                 const char            *since,
                                                 guint                  limit,
                                                 RdSyncChangesReadFunc  read_func,
                                                 gpointer               read_data,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
/* The answer's page, checked: its documents (a tombstone for each deletion
 * sent without one) with their JSON as the server sent it when it was
 * plain, its pending and the raw JSON of its last_seq. */
RdSyncChanges *rd_sync_client_changes_finish  (RdSyncClient  *self,
                                               GAsyncResult  *result,
                                               GError       **error);
/* POST /db/_bulk_docs: one result object per document ({id, rev, ok} or
 * {id, error, reason}); the caller checks each. */
void          rd_sync_client_bulk_docs_async  (RdSyncClient        *self,
                                               GPtrArray           *docs,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
JsonArray    *rd_sync_client_bulk_docs_finish (RdSyncClient  *self,
                                               GAsyncResult  *result,
                                               GError       **error);
/* POST /db/_all_docs?include_docs=true for @doc_ids: the current server
 * version of each (a deleted one as {_id, _rev, _deleted: true}); ids the
 * server never had are left out. */
void          rd_sync_client_fetch_documents_async  (RdSyncClient        *self,
                                                     GPtrArray           *doc_ids,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray    *rd_sync_client_fetch_documents_finish (RdSyncClient  *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);

G_END_DECLS
