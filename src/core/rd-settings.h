/* rd-settings.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The application's settings, from the schema named by the application id
 * (a development build, .Devel, keeps its settings apart); NULL when the
 * schema is not installed (running uninstalled without a compiled schema). */
GSettings *rd_settings_new (void);

G_END_DECLS
