/* test-pricing.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-pricing.h"

/* Expected prices worked out by hand as exact fractions, rounded half away
 * from zero once: ext30 = 30A/365, ext60 = 60A/365 + fee, quarter = A/4,
 * month-to-month = A·1.2/12, pilot = 90A/365·0.5, grace = 0, and the
 * early-renewal discount = A·10 %. */
typedef struct
{
  const char *currency;
  gint64      annual;
  gint64      expected[6];
  gint64      early_discount;
} PriceCase;

static const PriceCase price_cases[] = {
  { "EUR", 1000000, { 82192, 214384, 250000, 100000, 123288, 0 }, 100000 },
  { "USD", 1234567, { 101471, 252943, 308642, 123457, 152207, 0 }, 123457 },
  /* zero decimals: the fee is ¥500, not ¥5.00 */
  { "JPY", 1000000, { 82192, 164884, 250000, 100000, 123288, 0 }, 100000 },
  /* three decimals: the fee is 500.000 KWD */
  { "KWD", 12345678, { 1014713, 2529427, 3086420, 1234568, 1522070, 0 }, 1234568 },
  /* 36.5 → 37 and 91.25 → 91: half goes away from zero, never to even */
  { "JPY", 365, { 30, 560, 91, 37, 45, 0 }, 37 },
  { "EUR", 1, { 0, 50000, 0, 0, 0, 0 }, 0 },
  { "EUR", 0, { 0, 50000, 0, 0, 0, 0 }, 0 },
};

static void
test_prices (void)
{
  RdPricingParams params;

  rd_pricing_params_init_defaults (&params);

  for (guint i = 0; i < G_N_ELEMENTS (price_cases); i++)
    {
      const PriceCase *c = &price_cases[i];
      RdEarlyRenewalQuote early;

      for (int kind = 0; kind <= RD_BRIDGE_GRACE_PERIOD; kind++)
        {
          gint64 price = -1;

          g_test_message ("%s %" G_GINT64_FORMAT " kind %d", c->currency, c->annual, kind);
          g_assert_true (rd_pricing_price (kind, c->annual, c->currency, &params, &price));
          g_assert_cmpint (price, ==, c->expected[kind]);
        }

      g_assert_true (rd_pricing_early_renewal (c->annual, NULL, &params, &early));
      g_assert_cmpint (early.discount_minor, ==, c->early_discount);
      g_assert_cmpint (early.price_minor, ==, c->annual - c->early_discount);
    }
}

static void
test_round_half_away (void)
{
  static const struct { gint64 n, d, expected; } cases[] = {
    { 5, 2, 3 }, { 7, 2, 4 }, { 3, 2, 2 }, { 1, 2, 1 }, { 1, 3, 0 }, { 2, 3, 1 },
    { -5, 2, -3 }, { -3, 2, -2 }, { -1, 3, 0 }, { -2, 3, -1 },
    { 0, 7, 0 }, { 365, 365, 1 }, { 182, 365, 0 }, { 183, 365, 1 },
    { G_MAXINT64, 1, G_MAXINT64 }, { G_MAXINT64, 2, G_MAXINT64 / 2 + 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (rd_pricing_round_div (cases[i].n, cases[i].d), ==, cases[i].expected);
}

static void
test_adjusted_params (void)
{
  RdPricingParams params;
  gint64 price;

  rd_pricing_params_init_defaults (&params);

  params.premium_percent = 15;   /* 1,000,000 × 1.15 / 12 = 95,833.33 */
  g_assert_true (rd_pricing_price (RD_BRIDGE_MONTH_TO_MONTH, 1000000, "EUR", &params, &price));
  g_assert_cmpint (price, ==, 95833);
  params.premium_percent = 25;   /* 104,166.67 */
  g_assert_true (rd_pricing_price (RD_BRIDGE_MONTH_TO_MONTH, 1000000, "EUR", &params, &price));
  g_assert_cmpint (price, ==, 104167);

  params.pilot_reduction_percent = 30;  /* 90/365 × 1,000,000 × 0.7 = 172,602.74 */
  g_assert_true (rd_pricing_price (RD_BRIDGE_PAID_PILOT_90, 1000000, "EUR", &params, &price));
  g_assert_cmpint (price, ==, 172603);

  params.admin_fee_units = 250;  /* 164,383.56 + 25,000 */
  g_assert_true (rd_pricing_price (RD_BRIDGE_EXTENSION_60, 1000000, "EUR", &params, &price));
  g_assert_cmpint (price, ==, 189384);

  g_assert_true (rd_pricing_params_validate (&params, NULL));
  params.premium_percent = 30;
  g_assert_false (rd_pricing_params_validate (&params, NULL));
  params.premium_percent = 14;
  g_assert_false (rd_pricing_params_validate (&params, NULL));
}

static void
test_overflow (void)
{
  RdPricingParams params;
  gint64 price = 42;

  rd_pricing_params_init_defaults (&params);
  g_assert_false (rd_pricing_price (RD_BRIDGE_PAID_PILOT_90, G_MAXINT64 / 1000, "EUR", &params, &price));
  g_assert_false (rd_pricing_price (RD_BRIDGE_EXTENSION_30, -1, "EUR", &params, &price));
  /* Large but sane: 90 trillion in minor units still prices exactly. */
  g_assert_true (rd_pricing_price (RD_BRIDGE_PAID_PILOT_90, 90000000000000, "EUR", &params, &price));
  g_assert_cmpint (price, ==, 11095890410959);  /* 9 × 9e13 / 73 = 11,095,890,410,958.9 */
}

typedef struct
{
  const char  *deadline;
  RdBridgeKind kind;
  const char  *ends_on;
} DateCase;

static const DateCase date_cases[] = {
  /* leap years */
  { "2027-12-31", RD_BRIDGE_EXTENSION_60, "2028-02-29" },
  { "2027-12-31", RD_BRIDGE_EXTENSION_30, "2028-01-30" },
  { "2028-01-30", RD_BRIDGE_EXTENSION_30, "2028-02-29" },
  { "2028-02-29", RD_BRIDGE_EXTENSION_QUARTER, "2028-05-29" },
  { "2028-02-28", RD_BRIDGE_GRACE_PERIOD, "2028-03-14" },
  { "2027-02-28", RD_BRIDGE_GRACE_PERIOD, "2027-03-15" },
  { "2028-01-31", RD_BRIDGE_MONTH_TO_MONTH, "2028-02-29" },
  { "2028-12-02", RD_BRIDGE_PAID_PILOT_90, "2029-03-02" },
  /* 31-day months clamp to the month's last day */
  { "2026-01-31", RD_BRIDGE_MONTH_TO_MONTH, "2026-02-28" },
  { "2026-01-31", RD_BRIDGE_EXTENSION_QUARTER, "2026-04-30" },
  { "2026-03-31", RD_BRIDGE_EXTENSION_30, "2026-04-30" },
  { "2026-08-31", RD_BRIDGE_EXTENSION_QUARTER, "2026-11-30" },
  { "2026-10-31", RD_BRIDGE_EXTENSION_60, "2026-12-30" },
};

static void
test_dates (void)
{
  RdPricingParams params;
  RdBridgeQuote quotes[6];
  RdEarlyRenewalQuote early;

  rd_pricing_params_init_defaults (&params);

  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      g_autofree char *end = rd_pricing_bridge_end (date_cases[i].kind, date_cases[i].deadline, &params);

      g_test_message ("%s kind %d", date_cases[i].deadline, date_cases[i].kind);
      g_assert_cmpstr (end, ==, date_cases[i].ends_on);
    }

  g_assert_null (rd_pricing_bridge_end (RD_BRIDGE_EXTENSION_30, "2026-02-30", &params));

  g_assert_true (rd_pricing_quote_all (1000000, "EUR", "2028-02-28", &params, quotes));
  for (int kind = 0; kind <= RD_BRIDGE_GRACE_PERIOD; kind++)
    {
      g_assert_cmpint (quotes[kind].kind, ==, kind);
      g_assert_cmpstr (quotes[kind].starts_on, ==, "2028-02-29");
    }
  g_assert_cmpint (quotes[RD_BRIDGE_EXTENSION_30].price_minor, ==, 82192);
  g_assert_cmpstr (quotes[RD_BRIDGE_EXTENSION_30].ends_on, ==, "2028-03-29");

  g_assert_true (rd_pricing_quote_all (1000000, "EUR", NULL, &params, quotes));
  g_assert_cmpstr (quotes[0].starts_on, ==, "");
  g_assert_cmpstr (quotes[0].ends_on, ==, "");

  g_assert_true (rd_pricing_early_renewal (1000000, "2028-03-30", &params, &early));
  g_assert_cmpstr (early.sign_by, ==, "2028-02-29");

  g_assert_true (rd_pricing_kind_moves_deadline (RD_BRIDGE_GRACE_PERIOD));
  g_assert_true (rd_pricing_kind_moves_deadline (RD_BRIDGE_EXTENSION_60));
  /* The pilot too: the service runs on to its end. */
  g_assert_true (rd_pricing_kind_moves_deadline (RD_BRIDGE_PAID_PILOT_90));
}

static JsonObject *
rate_doc (const char *from,
          const char *to,
          const char *rate,
          const char *as_of)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *id = g_strdup_printf ("exchange_rate:%s-%s-%s", from, to, as_of);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "exchange_rate");
  json_object_set_string_member (doc, "from_currency", from);
  json_object_set_string_member (doc, "to_currency", to);
  json_object_set_string_member (doc, "rate", rate);
  json_object_set_string_member (doc, "as_of", as_of);
  return doc;
}

/* The 60-day fee is set in the reporting currency (EUR 500) and converted
 * at the account's rate on the day; without a rate there is no price. */
static void
test_fee_in_reporting_currency (void)
{
  static const struct
  {
    const char *currency;
    const char *day;
    gboolean    rate_missing;
    gint64      fee_minor;
    gint64      ext60;       /* 60 × 1,000,000 / 365 + fee, one rounding */
  } cases[] = {
    /* same currency: no rate needed */
    { "EUR", "2026-03-01", FALSE, 50000, 164384 + 50000 },
    /* 1 EUR = 162.5 JPY from 2026-01-01: ¥81,250, not ¥500 */
    { "JPY", "2026-03-01", FALSE, 81250, 164384 + 81250 },
    /* the older rate (160) before 2026-01-01 */
    { "JPY", "2025-12-31", FALSE, 80000, 164384 + 80000 },
    /* only HUF→EUR is stored (0.0025): read backwards, 1 EUR = 400 HUF */
    { "HUF", "2026-03-01", FALSE, 20000000, 16438356 + 20000000 },
    /* no rate for USD, and none for JPY before any as_of */
    { "USD", "2026-03-01", TRUE, 0, 0 },
    { "JPY", "2024-06-30", TRUE, 0, 0 },
  };
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(RdExchangeTable) table = NULL;

  g_ptr_array_add (docs, rate_doc ("EUR", "JPY", "160", "2025-01-01"));
  g_ptr_array_add (docs, rate_doc ("EUR", "JPY", "162.5", "2026-01-01"));
  g_ptr_array_add (docs, rate_doc ("HUF", "EUR", "0.0025", "2025-06-01"));
  table = rd_exchange_table_new (docs);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RdPricingParams params;
      RdBridgeQuote quotes[6];
      gint64 fee = -1;
      gboolean missing = FALSE;
      /* HUF has two minor digits in ISO 4217: 1,000,000 minor units are the same share */
      gint64 annual = g_str_equal (cases[i].currency, "HUF") ? 100000000 : 1000000;

      g_test_message ("case %u: %s on %s", i, cases[i].currency, cases[i].day);
      rd_pricing_params_init_defaults (&params);
      g_strlcpy (params.fee_currency, "EUR", sizeof params.fee_currency);
      params.rates = table;
      g_strlcpy (params.rate_day, cases[i].day, sizeof params.rate_day);

      g_assert_cmpint (rd_pricing_admin_fee (cases[i].currency, &params, &fee, &missing), ==,
                       !cases[i].rate_missing);
      g_assert_cmpint (missing, ==, cases[i].rate_missing);
      g_assert_cmpint (fee, ==, cases[i].fee_minor);

      g_assert_true (rd_pricing_quote_all (annual, cases[i].currency, "2026-03-01", &params, quotes));
      g_assert_cmpint (quotes[RD_BRIDGE_EXTENSION_60].rate_missing, ==, cases[i].rate_missing);
      g_assert_cmpint (quotes[RD_BRIDGE_EXTENSION_60].price_minor, ==, cases[i].ext60);
      /* only the fee needs a rate */
      g_assert_false (quotes[RD_BRIDGE_EXTENSION_30].rate_missing);
    }
}

/* Anchored to the original contract end; not offered once its sign-by day
 * has passed, nor once a bridge was accepted. */
static void
test_early_renewal_offer (void)
{
  static const struct
  {
    const char         *contract_end;
    const char         *today;
    guint               n_accepted;
    RdEarlyRenewalState expected;
    const char         *sign_by;
  } cases[] = {
    { "2026-03-31", "2026-01-15", 0, RD_EARLY_OFFERED, "2026-03-01" },
    { "2026-03-31", "2026-03-01", 0, RD_EARLY_OFFERED, "2026-03-01" },  /* the last day */
    { "2026-03-31", "2026-03-02", 0, RD_EARLY_EXPIRED, "2026-03-01" },
    { "2026-03-31", "2026-04-20", 0, RD_EARLY_EXPIRED, "2026-03-01" },
    { "2026-03-31", "2026-01-15", 1, RD_EARLY_BRIDGED, "2026-03-01" },
    { "2026-03-31", "2026-05-15", 2, RD_EARLY_BRIDGED, "2026-03-01" },
    { NULL, "2026-01-15", 0, RD_EARLY_NO_DATE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RdPricingParams params;
      RdEarlyRenewalQuote quote;

      g_test_message ("case %u", i);
      rd_pricing_params_init_defaults (&params);
      g_assert_cmpint (rd_pricing_early_renewal_offer (1000000, cases[i].contract_end, cases[i].today,
                                                       cases[i].n_accepted, &params, &quote),
                       ==, cases[i].expected);
      g_assert_cmpstr (quote.sign_by, ==, cases[i].sign_by);
      if (cases[i].expected == RD_EARLY_OFFERED)
        g_assert_cmpint (quote.discount_minor, ==, 100000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pricing/table", test_prices);
  g_test_add_func ("/pricing/round-half-away-from-zero", test_round_half_away);
  g_test_add_func ("/pricing/adjusted-params", test_adjusted_params);
  g_test_add_func ("/pricing/overflow", test_overflow);
  g_test_add_func ("/pricing/dates", test_dates);
  g_test_add_func ("/pricing/fee-in-reporting-currency", test_fee_in_reporting_currency);
  g_test_add_func ("/pricing/early-renewal-offer", test_early_renewal_offer);

  return g_test_run ();
}
