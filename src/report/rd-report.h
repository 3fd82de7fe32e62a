/* rd-report.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-brief.h"
#include "rd-exchange.h"
#include "rd-pdf.h"
#include "rd-pricing.h"
#include "rd-summary.h"
#include "rd-weekly-update.h"

G_BEGIN_DECLS

/* The "company-name" preference, or "" when unset or when the schema is
 * not installed (a headless run from the build tree). */
char *rd_report_get_company_name (void);
/* The bridge pricing defaults from Preferences, or the built-in ones when
 * no settings schema is installed (a bare command line); the fee, set in
 * the reporting currency, converts with @rates (kept alive by the caller,
 * may be NULL) on @day. */
void  rd_report_get_pricing (RdPricingParams *params,
                             RdExchangeTable *rates,
                             const char      *day);

G_END_DECLS
