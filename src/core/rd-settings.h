/* rd-settings.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-pricing.h"

G_BEGIN_DECLS

/* The application's settings, from the schema named by the application id
 * (a development build, .Devel, keeps its settings apart); NULL when the
 * schema is not installed (running uninstalled without a compiled schema). */
GSettings *rd_settings_new (void);

/* The bridge pricing parameters from @settings (defaults where @settings
 * is NULL): the fee in the reporting currency, converted with @rates
 * (borrowed, may be NULL) on @day ("YYYY-MM-DD", or NULL for any day). */
void       rd_settings_get_pricing (GSettings        *settings,
                                    RdExchangeTable  *rates,
                                    const char       *day,
                                    RdPricingParams  *params);
/* The reporting currency, never NULL ("EUR" without settings). */
char      *rd_settings_dup_reporting_currency (GSettings *settings);
/* The concession share above which an account shows a warning (15). */
int        rd_settings_get_concession_warning (GSettings *settings);

G_END_DECLS
