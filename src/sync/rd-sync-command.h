/* rd-sync-command.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"
#include "rd-sync-client.h"
#include "rd-sync-engine.h"

G_BEGIN_DECLS

/* Sync settings live in the database's settings table (per database,
 * like its checkpoint); the password never does. */
#define RD_SYNC_SETTING_URL               "sync.url"
#define RD_SYNC_SETTING_USER              "sync.user"
#define RD_SYNC_SETTING_INTERVAL          "sync.interval_minutes"
#define RD_SYNC_SETTING_ALLOW_UNENCRYPTED "sync.allow_unencrypted"
#define RD_SYNC_DEFAULT_INTERVAL          5

/* A client for @store's configured server.  @url (NULL: $RENEWAL_DESK_SYNC_URL,
 * else the setting) may carry the user name and password; @password (NULL:
 * from the URL, else $RENEWAL_DESK_SYNC_PASSWORD, else the Secret Service). */
RdSyncClient *rd_sync_client_new_for_store (RdStore      *store,
                                            const char   *url,
                                            const char   *password,
                                            GError      **error);

/* --sync: one round, the summary on stdout; FALSE with @error on failure. */
gboolean      rd_sync_command_run          (RdStore      *store,
                                            const char   *url,
                                            GError      **error);

G_END_DECLS
