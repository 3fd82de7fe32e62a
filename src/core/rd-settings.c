/* rd-settings.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-settings"

#include "config.h"

#include <string.h>

#include "rd-settings.h"

GSettings *
rd_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new() aborts on a missing schema; a lookup does not. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

char *
rd_settings_dup_reporting_currency (GSettings *settings)
{
  g_autofree char *code = settings != NULL ? g_settings_get_string (settings, "reporting-currency") : NULL;

  if (code == NULL || strlen (code) != 3)
    return g_strdup ("EUR");
  return g_ascii_strup (code, -1);
}

int
rd_settings_get_concession_warning (GSettings *settings)
{
  return settings != NULL ? g_settings_get_int (settings, "concession-warning-percent") : 15;
}

void
rd_settings_get_pricing (GSettings        *settings,
                         RdExchangeTable  *rates,
                         const char       *day,
                         RdPricingParams  *params)
{
  g_autofree char *currency = rd_settings_dup_reporting_currency (settings);

  g_return_if_fail (params != NULL);

  rd_pricing_params_init_defaults (params);
  g_strlcpy (params->fee_currency, currency, sizeof params->fee_currency);
  params->rates = rates;
  g_strlcpy (params->rate_day, day != NULL ? day : "", sizeof params->rate_day);
  if (settings == NULL)
    return;

  params->admin_fee_units = g_settings_get_int (settings, "bridge-fee");
  params->premium_percent = g_settings_get_int (settings, "bridge-premium-percent");
  params->pilot_reduction_percent = g_settings_get_int (settings, "pilot-reduction-percent");
  params->grace_days = g_settings_get_int (settings, "grace-days");
  params->early_days = g_settings_get_int (settings, "early-renewal-days");
  params->early_percent = g_settings_get_int (settings, "early-renewal-percent");
}
