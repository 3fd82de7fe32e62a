/* rd-pricing.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-enums.h"
#include "rd-exchange.h"

G_BEGIN_DECLS

/*
 * Bridge prices from a contract's annual value, in exact integer arithmetic
 * on minor units.  Each price is one fraction (numerator / denominator) of
 * the annual value, rounded half away from zero to the currency's minor
 * unit once, at the end; never through floating point.  The daily rate is
 * annual / 365 in every year, leap or not.
 */

typedef struct
{
  gint64 admin_fee_units;          /* whole units of fee_currency, added to extension_60 (500) */
  int    premium_percent;          /* month-to-month premium, 15–25 (20) */
  int    pilot_reduction_percent;  /* off the 90-day pilot, 0–100 (50) */
  int    grace_days;               /* free days after the deadline (15) */
  int    early_days;               /* renew at least this many days early… (30) */
  int    early_percent;            /* …for this much off the annual value (10) */
  /* The administrative fee is set in the reporting currency and converted
   * at the account's rate.  "": the fee is in each contract's own
   * currency (what callers that know no reporting currency get). */
  char             fee_currency[4];
  RdExchangeTable *rates;          /* borrowed; NULL: no rates */
  char             rate_day[11];   /* the day whose rate applies, "" for any */
} RdPricingParams;

#define RD_PRICING_PREMIUM_MIN 15
#define RD_PRICING_PREMIUM_MAX 25

typedef struct
{
  RdBridgeKind kind;
  gboolean     rate_missing;   /* no rate from fee_currency: price_minor is 0, not a price */
  gint64       price_minor;
  char         starts_on[11];  /* the day after the current deadline, "" when unknown */
  char         ends_on[11];    /* the new deadline if accepted, "" when unknown */
} RdBridgeQuote;

typedef struct
{
  gint64 price_minor;      /* the annual value less the discount */
  gint64 discount_minor;
  char   sign_by[11];      /* the last day to sign for it, "" when unknown */
} RdEarlyRenewalQuote;

/* Whether the early-renewal incentive is on the table. */
typedef enum
{
  RD_EARLY_OFFERED,
  RD_EARLY_NO_DATE,         /* the contract end is unknown */
  RD_EARLY_EXPIRED,         /* its sign-by day has passed */
  RD_EARLY_BRIDGED,         /* a bridge was accepted: renewing is already late */
  RD_EARLY_INVALID,         /* a negative value, or overflow */
} RdEarlyRenewalState;

void     rd_pricing_params_init_defaults (RdPricingParams *params);
/* FALSE with a translated message naming what is out of range. */
gboolean rd_pricing_params_validate      (const RdPricingParams *params,
                                          GError               **error);

/* @numerator / @denominator rounded half away from zero (denominator > 0). */
gint64   rd_pricing_round_div            (gint64 numerator,
                                          gint64 denominator);

/* The administrative fee in @currency's minor units: params->admin_fee_units
 * of params->fee_currency (or of @currency when that is NULL), converted
 * with params->rates on params->rate_day.  FALSE with *out_rate_missing
 * when no rate applies, or on overflow. */
gboolean rd_pricing_admin_fee            (const char            *currency,
                                          const RdPricingParams *params,
                                          gint64                *out_fee_minor,
                                          gboolean              *out_rate_missing);
/* The price of @kind for @annual_minor in @currency.  FALSE when the value
 * is negative, the arithmetic would overflow, or (for the 60-day extension)
 * no rate converts the fee (see rd_pricing_admin_fee()). */
gboolean rd_pricing_price                (RdBridgeKind           kind,
                                          gint64                 annual_minor,
                                          const char            *currency,
                                          const RdPricingParams *params,
                                          gint64                *out_price);
/* Days the bridge adds, or 0 for the kinds measured in months (quarter,
 * month-to-month). */
int      rd_pricing_bridge_days          (RdBridgeKind           kind,
                                          const RdPricingParams *params);
/* Where a bridge of @kind would end when the contract runs to @deadline
 * ("YYYY-MM-DD"); months are calendar months, clamped (31 Jan + 1 month is
 * 28 or 29 Feb).  NULL when @deadline is not a date. */
char    *rd_pricing_bridge_end           (RdBridgeKind           kind,
                                          const char            *deadline,
                                          const RdPricingParams *params);
/* Whether accepting @kind moves the account's hard deadline: every kind,
 * the paid pilot included (the service runs on to the pilot's end). */
gboolean rd_pricing_kind_moves_deadline  (RdBridgeKind           kind);
/* Every kind of RdBridgeKind in order; FALSE on overflow.  A missing rate
 * for the fee is not a failure: that quote has rate_missing set. */
gboolean rd_pricing_quote_all            (gint64                 annual_minor,
                                          const char            *currency,
                                          const char            *deadline,
                                          const RdPricingParams *params,
                                          RdBridgeQuote          out_quotes[6]);
/* The incentive anchored to @anchor_end; FALSE only on invalid input.
 * Use rd_pricing_early_renewal_offer() to know whether it is offered. */
gboolean rd_pricing_early_renewal        (gint64                 annual_minor,
                                          const char            *anchor_end,
                                          const RdPricingParams *params,
                                          RdEarlyRenewalQuote   *out_quote);
/* The incentive for a contract ending on @contract_end (the original end,
 * never a bridged one: a delay must not earn the discount), as of @today
 * ("YYYY-MM-DD").  Offered neither after its sign-by day nor once
 * @n_accepted_bridges > 0.  *out_quote is filled whenever the date is known. */
RdEarlyRenewalState rd_pricing_early_renewal_offer (gint64                 annual_minor,
                                                    const char            *contract_end,
                                                    const char            *today,
                                                    guint                  n_accepted_bridges,
                                                    const RdPricingParams *params,
                                                    RdEarlyRenewalQuote   *out_quote);

G_END_DECLS
