/* rd-sync-secret.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The sync password lives in the Secret Service (libsecret), under the
 * schema org.renewaldesk.RenewalDesk.Sync with the attributes "server"
 * (the URL without credentials) and "user".  Nowhere else: not in the
 * database, GSettings or a log.  When no Secret Service runs, these fail
 * with an error saying so; the caller then asks for the password each
 * session and keeps it in memory only.
 */

gboolean  rd_sync_secret_store        (const char    *server,
                                       const char    *user,
                                       const char    *password,
                                       GCancellable  *cancellable,
                                       GError       **error);
/* NULL without @error when none is stored. */
char     *rd_sync_secret_lookup       (const char    *server,
                                       const char    *user,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean  rd_sync_secret_clear        (const char    *server,
                                       const char    *user,
                                       GCancellable  *cancellable,
                                       GError       **error);

void      rd_sync_secret_store_async  (const char          *server,
                                       const char          *user,
                                       const char          *password,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  rd_sync_secret_store_finish (GAsyncResult  *result,
                                       GError       **error);
void      rd_sync_secret_lookup_async (const char          *server,
                                       const char          *user,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char     *rd_sync_secret_lookup_finish (GAsyncResult  *result,
                                       GError       **error);

G_END_DECLS
