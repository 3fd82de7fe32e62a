/* test-exchange.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-document.h"
#include "rd-exchange.h"
#include "rd-exchange-rate-record.h"

typedef struct
{
  gint64      amount;
  const char *from;
  const char *to;
  const char *rate;
  gboolean    inverse;
  gboolean    ok;
  gint64      expected;
} ConvertCase;

static const ConvertCase convert_cases[] = {
  /* 100.00 EUR at 1.0825 USD per EUR */
  { 10000, "EUR", "USD", "1.0825", FALSE, TRUE, 10825 },
  /* the same pair read backwards: 108.25 USD is 100.00 EUR */
  { 10825, "USD", "EUR", "1.0825", TRUE, TRUE, 10000 },
  /* 1 USD = 0.92378... EUR: 0.923787... → 0.92 */
  { 100, "USD", "EUR", "1.0825", TRUE, TRUE, 92 },
  /* half a cent rounds away from zero, once: 0.005 → 0.01, −0.005 → −0.01 */
  { 1, "EUR", "USD", "0.5", FALSE, TRUE, 1 },
  { -1, "EUR", "USD", "0.5", FALSE, TRUE, -1 },
  { 1, "EUR", "USD", "0.49", FALSE, TRUE, 0 },
  /* zero-decimal yen: ¥1,000,000 at 0.0061 EUR per yen = 6,100.00 EUR */
  { 1000000, "JPY", "EUR", "0.0061", FALSE, TRUE, 610000 },
  /* 1,234.56 EUR at 161.9 JPY per EUR = ¥199,875.264 → ¥199,875 */
  { 123456, "EUR", "JPY", "161.9", FALSE, TRUE, 199875 },
  /* three-decimal dinar: 10.000 KWD at 3.25 USD = 32.50 USD */
  { 10000, "KWD", "USD", "3.25", FALSE, TRUE, 3250 },
  /* a float would give 0.1 + 0.2 troubles; exact decimals do not:
   * 3.00 EUR at 0.1 = 0.30, never 0.30000000000000004 */
  { 300, "EUR", "GBP", "0.1", FALSE, TRUE, 30 },
  /* Ft 25,000,000.00 at 0.0025 EUR per forint = 62,500.00 EUR */
  { 2500000000, "HUF", "EUR", "0.0025", FALSE, TRUE, 6250000 },
  /* bad rates */
  { 100, "EUR", "USD", "0", FALSE, FALSE, 0 },
  { 100, "EUR", "USD", "1,08", FALSE, FALSE, 0 },
  { 100, "EUR", "USD", "-1.2", FALSE, FALSE, 0 },
  { 100, "EUR", "USD", ".5", FALSE, FALSE, 0 },
  { 100, "EUR", "USD", "1.", FALSE, FALSE, 0 },
  { 100, "EUR", "USD", "1e3", FALSE, FALSE, 0 },
  { 100, "EUR", "USD", "", FALSE, FALSE, 0 },
  /* too big for 64 bits */
  { G_MAXINT64, "EUR", "USD", "1000", FALSE, FALSE, 0 },
};

static void
test_convert (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (convert_cases); i++)
    {
      const ConvertCase *c = &convert_cases[i];
      gint64 out = -42;
      gboolean ok;

      g_test_message ("case %u: %" G_GINT64_FORMAT " %s → %s at %s%s", i, c->amount, c->from,
                      c->to, c->rate, c->inverse ? " (inverse)" : "");
      ok = rd_exchange_convert (c->amount, c->from, c->to, c->rate, c->inverse, &out);
      g_assert_cmpint (ok, ==, c->ok);
      if (ok)
        g_assert_cmpint (out, ==, c->expected);
    }
}

static void
test_rate_check (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_exchange_rate_check ("395.5", NULL));
  g_assert_true (rd_exchange_rate_check ("0.000000000001", NULL));
  g_assert_false (rd_exchange_rate_check ("0.0000000000001", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (rd_exchange_rate_check ("abc", &error));
  g_assert_nonnull (strstr (error->message, "abc"));
}

static JsonObject *
rate_doc (const char *from,
          const char *to,
          const char *rate,
          const char *as_of)
{
  g_autoptr(RdExchangeRateRecord) record = rd_exchange_rate_record_new (from, to, rate, as_of);

  return json_object_ref (rd_record_get_document (RD_RECORD (record)));
}

static void
test_table (void)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(RdExchangeTable) table = NULL;
  g_autoptr(RdExchangeTable) copy = NULL;
  gint64 out = 0;

  g_ptr_array_add (docs, rate_doc ("EUR", "USD", "1.05", "2026-01-01"));
  g_ptr_array_add (docs, rate_doc ("EUR", "USD", "1.10", "2026-07-01"));
  /* stored the other way round, newer than the direct pair */
  g_ptr_array_add (docs, rate_doc ("USD", "EUR", "0.8", "2026-10-01"));
  g_ptr_array_add (docs, rate_doc ("HUF", "EUR", "0.0025", NULL));
  /* an invalid rate is skipped, not used */
  g_ptr_array_add (docs, rate_doc ("GBP", "EUR", "lots", "2026-01-01"));
  table = rd_exchange_table_new (docs);

  /* before any EUR/USD rate: none applies */
  g_assert_false (rd_exchange_table_convert (table, 10000, "EUR", "USD", "2025-12-31", &out));
  g_assert_false (rd_exchange_table_has_rate (table, "EUR", "USD", "2025-12-31"));
  /* the newest on or before the day */
  g_assert_true (rd_exchange_table_convert (table, 10000, "EUR", "USD", "2026-01-01", &out));
  g_assert_cmpint (out, ==, 10500);
  g_assert_true (rd_exchange_table_convert (table, 10000, "EUR", "USD", "2026-09-30", &out));
  g_assert_cmpint (out, ==, 11000);
  /* the inverse of the newest stored pair: 1 / 0.8 = 1.25 */
  g_assert_true (rd_exchange_table_convert (table, 10000, "EUR", "USD", "2026-12-04", &out));
  g_assert_cmpint (out, ==, 12500);
  g_assert_true (rd_exchange_table_convert (table, 10000, "USD", "EUR", "2026-12-04", &out));
  g_assert_cmpint (out, ==, 8000);
  /* a rate without a date applies on any day */
  g_assert_true (rd_exchange_table_convert (table, 2500000000, "HUF", "EUR", "1999-01-01", &out));
  g_assert_cmpint (out, ==, 6250000);
  /* no rate: said, not guessed */
  g_assert_false (rd_exchange_table_convert (table, 100, "GBP", "EUR", "2026-12-04", &out));
  g_assert_false (rd_exchange_table_convert (table, 100, "HUF", "USD", "2026-12-04", &out));
  /* the same currency needs no rate */
  g_assert_true (rd_exchange_table_convert (table, 777, "GBP", "GBP", "2026-12-04", &out));
  g_assert_cmpint (out, ==, 777);

  /* A copy converts alike, and outlives the table it was made from. */
  copy = rd_exchange_table_copy (table);
  g_clear_pointer (&table, rd_exchange_table_free);
  g_assert_true (rd_exchange_table_convert (copy, 10000, "EUR", "USD", "2026-09-30", &out));
  g_assert_cmpint (out, ==, 11000);
  g_assert_true (rd_exchange_table_convert (copy, 10000, "EUR", "USD", "2026-12-04", &out));
  g_assert_cmpint (out, ==, 12500);
  g_assert_true (rd_exchange_table_convert (copy, 2500000000, "HUF", "EUR", "1999-01-01", &out));
  g_assert_cmpint (out, ==, 6250000);
  g_assert_false (rd_exchange_table_convert (copy, 100, "GBP", "EUR", "2026-12-04", &out));
}

static void
test_document (void)
{
  g_autoptr(JsonObject) good = rate_doc ("EUR", "HUF", "395.5", "2026-12-01");
  g_autoptr(JsonObject) bad_rate = rate_doc ("EUR", "HUF", "395,5", "2026-12-01");
  g_autoptr(JsonObject) same = rate_doc ("EUR", "EUR", "1", "2026-12-01");
  g_autoptr(JsonObject) bad_code = rate_doc ("EUR", "XYZ", "1.5", "2026-12-01");
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_document_validate (good, &error));
  g_assert_no_error (error);
  g_assert_false (rd_document_validate (bad_rate, &error));
  g_assert_nonnull (strstr (error->message, "395,5"));
  g_clear_error (&error);
  g_assert_false (rd_document_validate (same, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (rd_document_validate (bad_code, &error));
  g_assert_nonnull (strstr (error->message, "XYZ"));
}

/* A mixed book: one figure in the reporting currency, and what it leaves
 * out named rather than dropped. */
static void
test_total (void)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(RdExchangeTable) table = NULL;
  g_autoptr(RdExchangeTotal) total = rd_exchange_total_new ("EUR", "2026-12-04");
  g_autofree char *missing = NULL;

  g_ptr_array_add (docs, rate_doc ("USD", "EUR", "0.92", "2026-11-30"));
  g_ptr_array_add (docs, rate_doc ("EUR", "JPY", "160", "2026-11-30"));
  table = rd_exchange_table_new (docs);

  g_assert_true (rd_exchange_total_add (total, table, 1000000, "EUR"));    /* 10,000.00 */
  g_assert_true (rd_exchange_total_add (total, table, 1000000, "USD"));    /* 9,200.00 */
  g_assert_true (rd_exchange_total_add (total, table, 1600000, "JPY"));    /* 10,000.00 */
  g_assert_false (rd_exchange_total_add (total, table, 250000000, "HUF"));
  g_assert_false (rd_exchange_total_add (total, table, 100, "HUF"));
  g_assert_false (rd_exchange_total_add (total, table, 100, "CHF"));

  g_assert_cmpint (total->total_minor, ==, 2920000);
  g_assert_cmpuint (total->n_counted, ==, 3);
  g_assert_false (total->overflow);
  missing = rd_exchange_total_dup_missing_text (total);
  g_assert_cmpstr (missing, ==,
                   "No rate for CHF: 1 account is not in the EUR total. "
                   "No rate for HUF: 2 accounts are not in the EUR total.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exchange/convert", test_convert);
  g_test_add_func ("/exchange/rate-check", test_rate_check);
  g_test_add_func ("/exchange/table", test_table);
  g_test_add_func ("/exchange/document", test_document);
  g_test_add_func ("/exchange/total", test_total);

  return g_test_run ();
}
