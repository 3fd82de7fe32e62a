/* rd-pricing.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-pricing"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-pricing.h"
#include "rd-store.h"

static gboolean
mul (gint64  a,
     gint64  b,
     gint64 *out)
{
  return !__builtin_mul_overflow (a, b, out);
}

static gboolean
add (gint64  a,
     gint64  b,
     gint64 *out)
{
  return !__builtin_add_overflow (a, b, out);
}

static gint64
pow10_of (const char *currency)
{
  int digits = currency != NULL ? rd_currency_minor_digits (currency) : 2;
  gint64 result = 1;

  for (int i = 0; i < digits; i++)
    result *= 10;
  return result;
}

/* The price as one fraction of the annual value. */
static gboolean
price_fraction (RdBridgeKind           kind,
                gint64                 annual,
                const char            *currency,
                const RdPricingParams *params,
                gint64                *out_num,
                gint64                *out_den,
                gboolean              *out_rate_missing)
{
  gint64 fee_minor, fee_part, tmp;

  switch (kind)
    {
    case RD_BRIDGE_EXTENSION_30:
      *out_den = 365;
      return mul (annual, 30, out_num);
    case RD_BRIDGE_EXTENSION_60:
      /* 60 × daily + fee, over one denominator so there is one rounding. */
      *out_den = 365;
      return rd_pricing_admin_fee (currency, params, &fee_minor, out_rate_missing) &&
             mul (fee_minor, 365, &fee_part) &&
             mul (annual, 60, &tmp) &&
             add (tmp, fee_part, out_num);
    case RD_BRIDGE_EXTENSION_QUARTER:
      *out_den = 4;
      *out_num = annual;
      return TRUE;
    case RD_BRIDGE_MONTH_TO_MONTH:
      *out_den = 1200;
      return mul (annual, 100 + params->premium_percent, out_num);
    case RD_BRIDGE_PAID_PILOT_90:
      *out_den = 36500;
      return mul (annual, 90, &tmp) && mul (tmp, 100 - params->pilot_reduction_percent, out_num);
    case RD_BRIDGE_GRACE_PERIOD:
      *out_den = 1;
      *out_num = 0;
      return TRUE;
    default:
      return FALSE;
    }
}

void
rd_pricing_params_init_defaults (RdPricingParams *params)
{
  g_return_if_fail (params != NULL);

  params->admin_fee_units = 500;
  params->premium_percent = 20;
  params->pilot_reduction_percent = 50;
  params->grace_days = 15;
  params->early_days = 30;
  params->early_percent = 10;
  params->fee_currency[0] = '\0';
  params->rates = NULL;
  params->rate_day[0] = '\0';
}

gboolean
rd_pricing_admin_fee (const char            *currency,
                      const RdPricingParams *params,
                      gint64                *out_fee_minor,
                      gboolean              *out_rate_missing)
{
  const char *from;
  gint64 fee_minor;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (out_fee_minor != NULL, FALSE);

  *out_fee_minor = 0;
  if (out_rate_missing != NULL)
    *out_rate_missing = FALSE;

  from = params->fee_currency[0] != '\0' ? params->fee_currency : currency;
  if (!mul (params->admin_fee_units, pow10_of (from), &fee_minor))
    return FALSE;

  if (from == currency || currency == NULL || g_ascii_strcasecmp (from, currency) == 0)
    {
      *out_fee_minor = fee_minor;
      return TRUE;
    }

  if (params->rates == NULL ||
      !rd_exchange_table_has_rate (params->rates, from, currency,
                                   params->rate_day[0] != '\0' ? params->rate_day : NULL))
    {
      if (out_rate_missing != NULL)
        *out_rate_missing = TRUE;
      return FALSE;
    }

  return rd_exchange_table_convert (params->rates, fee_minor, from, currency,
                                    params->rate_day[0] != '\0' ? params->rate_day : NULL,
                                    out_fee_minor);
}

gboolean
rd_pricing_params_validate (const RdPricingParams  *params,
                            GError                **error)
{
  const char *message = NULL;

  g_return_val_if_fail (params != NULL, FALSE);

  if (params->admin_fee_units < 0 || params->admin_fee_units > 1000000000)
    message = _("The administrative fee must be between 0 and 1,000,000,000.");
  else if (params->premium_percent < RD_PRICING_PREMIUM_MIN ||
           params->premium_percent > RD_PRICING_PREMIUM_MAX)
    message = _("The month-to-month premium must be between 15 % and 25 %.");
  else if (params->pilot_reduction_percent < 0 || params->pilot_reduction_percent > 100)
    message = _("The pilot reduction must be between 0 % and 100 %.");
  else if (params->grace_days < 1 || params->grace_days > 90)
    message = _("A grace period must be between 1 and 90 days.");
  else if (params->early_days < 1 || params->early_days > 365)
    message = _("Early renewal must be between 1 and 365 days before the end.");
  else if (params->early_percent < 0 || params->early_percent > 100)
    message = _("The early-renewal discount must be between 0 % and 100 %.");

  if (message != NULL)
    {
      g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID, message);
      return FALSE;
    }
  return TRUE;
}

gint64
rd_pricing_round_div (gint64 numerator,
                      gint64 denominator)
{
  gint64 quotient, remainder;
  guint64 twice;

  g_return_val_if_fail (denominator > 0, 0);

  quotient = numerator / denominator;       /* truncates toward zero */
  remainder = numerator % denominator;      /* same sign as numerator */
  twice = 2 * (guint64) (remainder < 0 ? -remainder : remainder);

  if (twice >= (guint64) denominator)
    quotient += numerator < 0 ? -1 : 1;

  return quotient;
}

gboolean
rd_pricing_price (RdBridgeKind           kind,
                  gint64                 annual_minor,
                  const char            *currency,
                  const RdPricingParams *params,
                  gint64                *out_price)
{
  gint64 num = 0, den = 1;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (out_price != NULL, FALSE);

  *out_price = 0;
  if (annual_minor < 0)
    return FALSE;
  if (!price_fraction (kind, annual_minor, currency, params, &num, &den, NULL))
    return FALSE;

  *out_price = rd_pricing_round_div (num, den);
  return TRUE;
}

int
rd_pricing_bridge_days (RdBridgeKind           kind,
                        const RdPricingParams *params)
{
  g_return_val_if_fail (params != NULL, 0);

  switch (kind)
    {
    case RD_BRIDGE_EXTENSION_30:
      return 30;
    case RD_BRIDGE_EXTENSION_60:
      return 60;
    case RD_BRIDGE_PAID_PILOT_90:
      return 90;
    case RD_BRIDGE_GRACE_PERIOD:
      return params->grace_days;
    case RD_BRIDGE_EXTENSION_QUARTER:
    case RD_BRIDGE_MONTH_TO_MONTH:
    default:
      return 0;
    }
}

char *
rd_pricing_bridge_end (RdBridgeKind           kind,
                       const char            *deadline,
                       const RdPricingParams *params)
{
  GDate date;

  g_return_val_if_fail (params != NULL, NULL);

  if (deadline == NULL || !rd_date_parse (deadline, &date))
    return NULL;

  if (kind == RD_BRIDGE_EXTENSION_QUARTER)
    g_date_add_months (&date, 3);
  else if (kind == RD_BRIDGE_MONTH_TO_MONTH)
    g_date_add_months (&date, 1);
  else
    g_date_add_days (&date, rd_pricing_bridge_days (kind, params));

  return rd_date_to_string (&date);
}

gboolean
rd_pricing_kind_moves_deadline (RdBridgeKind kind)
{
  /* The pilot too: the customer keeps the service until it ends, so the
   * decision is due then, like after an extension. */
  return (int) kind >= 0 && kind <= RD_BRIDGE_GRACE_PERIOD;
}

gboolean
rd_pricing_quote_all (gint64                 annual_minor,
                      const char            *currency,
                      const char            *deadline,
                      const RdPricingParams *params,
                      RdBridgeQuote          out_quotes[6])
{
  GDate start;
  g_autofree char *starts_on = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (out_quotes != NULL, FALSE);
  G_STATIC_ASSERT (RD_BRIDGE_GRACE_PERIOD == 5);

  if (deadline != NULL && rd_date_parse (deadline, &start))
    {
      g_date_add_days (&start, 1);
      starts_on = rd_date_to_string (&start);
    }

  for (int kind = 0; kind <= RD_BRIDGE_GRACE_PERIOD; kind++)
    {
      RdBridgeQuote *quote = &out_quotes[kind];
      g_autofree char *ends_on = rd_pricing_bridge_end (kind, deadline, params);

      gint64 num = 0, den = 1;

      memset (quote, 0, sizeof *quote);
      quote->kind = kind;
      if (annual_minor < 0)
        ok = FALSE;
      else if (price_fraction (kind, annual_minor, currency, params, &num, &den, &quote->rate_missing))
        quote->price_minor = rd_pricing_round_div (num, den);
      else if (!quote->rate_missing)
        ok = FALSE;
      g_strlcpy (quote->starts_on, starts_on ? starts_on : "", sizeof quote->starts_on);
      g_strlcpy (quote->ends_on, ends_on ? ends_on : "", sizeof quote->ends_on);
    }

  return ok;
}

gboolean
rd_pricing_early_renewal (gint64                 annual_minor,
                          const char            *deadline,
                          const RdPricingParams *params,
                          RdEarlyRenewalQuote   *out_quote)
{
  gint64 num;
  GDate date;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (out_quote != NULL, FALSE);

  memset (out_quote, 0, sizeof *out_quote);
  if (annual_minor < 0 || !mul (annual_minor, params->early_percent, &num))
    return FALSE;

  out_quote->discount_minor = rd_pricing_round_div (num, 100);
  out_quote->price_minor = annual_minor - out_quote->discount_minor;

  if (deadline != NULL && rd_date_parse (deadline, &date))
    {
      g_autofree char *iso = NULL;

      g_date_subtract_days (&date, params->early_days);
      iso = rd_date_to_string (&date);
      g_strlcpy (out_quote->sign_by, iso, sizeof out_quote->sign_by);
    }

  return TRUE;
}

RdEarlyRenewalState
rd_pricing_early_renewal_offer (gint64                 annual_minor,
                                const char            *contract_end,
                                const char            *today,
                                guint                  n_accepted_bridges,
                                const RdPricingParams *params,
                                RdEarlyRenewalQuote   *out_quote)
{
  g_return_val_if_fail (params != NULL, RD_EARLY_INVALID);
  g_return_val_if_fail (out_quote != NULL, RD_EARLY_INVALID);

  if (!rd_pricing_early_renewal (annual_minor, contract_end, params, out_quote))
    return RD_EARLY_INVALID;
  if (out_quote->sign_by[0] == '\0')
    return RD_EARLY_NO_DATE;
  /* Once the deadline was bridged the renewal is late, whatever the date. */
  if (n_accepted_bridges > 0)
    return RD_EARLY_BRIDGED;
  if (today != NULL && g_strcmp0 (today, out_quote->sign_by) > 0)
    return RD_EARLY_EXPIRED;
  return RD_EARLY_OFFERED;
}
