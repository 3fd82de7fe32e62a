/* rd-sync-preferences.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-sync-service.h"

G_BEGIN_DECLS

/* The Sync page of the preferences window: server, user name, password
 * (Secret Service), interval, unencrypted connections, Sync Now, the status
 * and the Conflicts list.  Everything goes through @service; nothing here
 * waits for the disk or the network. */

#define RD_TYPE_SYNC_PREFERENCES (rd_sync_preferences_get_type ())

G_DECLARE_FINAL_TYPE (RdSyncPreferences, rd_sync_preferences, RD, SYNC_PREFERENCES,
                      AdwPreferencesPage)

GtkWidget *rd_sync_preferences_new (RdSyncService *service);

G_END_DECLS
