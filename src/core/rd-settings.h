/* rd-settings.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The one GSettings schema of the application.  Its id stays the same for
 * the .Devel application id (APP_ID), so that a development build reads
 * and writes the same keys: never pass APP_ID to g_settings_new().
 */
#define RD_SETTINGS_SCHEMA_ID "org.renewaldesk.RenewalDesk"

/* The application's settings, or NULL when the schema is not installed
 * (running uninstalled without a compiled schema). */
GSettings *rd_settings_new (void);

G_END_DECLS
