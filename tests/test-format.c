/* test-format.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-format.h"

static void
test_date_parse (void)
{
  static const struct { const char *text; gboolean valid; } cases[] = {
    { "2026-03-01", TRUE },
    { "2024-02-29", TRUE },   /* leap day */
    { "2026-02-29", FALSE },
    { "2026-13-01", FALSE },
    { "2026-00-10", FALSE },
    { "2026-04-31", FALSE },
    { "2026-4-1", FALSE },
    { "26-04-01", FALSE },
    { "2026/04/01", FALSE },
    { " 2026-04-01", FALSE },
    { "2026-04-01T00:00:00Z", FALSE },
    { "", FALSE },
    { "abcd-ef-gh", FALSE },
    /* Years out of range are typing slips, not contracts. */
    { "1900-01-01", TRUE },
    { "9999-12-31", TRUE },
    { "1899-12-31", FALSE },
    { "0100-01-01", FALSE },
    { "0000-01-01", FALSE },
  };
  GDate date;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (rd_date_parse (cases[i].text, &date), ==, cases[i].valid);

  g_assert_false (rd_date_parse (NULL, &date));
  g_assert_true (rd_date_parse ("2026-12-31", &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2026);
  g_assert_cmpint (g_date_get_month (&date), ==, 12);
  g_assert_cmpint (g_date_get_day (&date), ==, 31);
}

static void
test_date_normalize (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = rd_date_normalize (" 2026-04-01 ", &error);
  g_autofree char *bad = NULL;
  g_autofree char *vague = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (iso, ==, "2026-04-01");

  bad = rd_date_normalize ("next tuesday", &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "next tuesday"));
  g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
  g_clear_error (&error);

  /* No four-digit year: refused rather than guessed. */
  vague = rd_date_normalize ("3/4", &error);
  g_assert_null (vague);
  g_assert_nonnull (error);
}

/* Every way of writing a date that rd_date_normalize() reads, in the C
 * locale (month first: 12/31/2026, and "31 Dec 2026" as rd_date_format()
 * writes it); the regions' own are in test-date-locales.c. */
static void
test_date_normalize_table (void)
{
  static const struct { const char *text; const char *iso; const char *problem; } cases[] = {
    { "2026-12-31", "2026-12-31", NULL },
    { "2026/12/31", "2026-12-31", NULL },
    { "2026.12.31", "2026-12-31", NULL },
    { "31.12.2026", "2026-12-31", NULL },
    { "1.2.2026", "2026-02-01", NULL },
    { "2026. 12. 31.", "2026-12-31", NULL },
    { "2026. 1. 5.", "2026-01-05", NULL },
    { "2026年12月31日", "2026-12-31", NULL },
    { "2026年1月5日", "2026-01-05", NULL },
    { "２０２６年１２月３１日", "2026-12-31", NULL },
    { "31/12/2026", "2026-12-31", NULL },
    { "12/31/2026", "2026-12-31", NULL },
    { "01/02/2026", "2026-01-02", NULL },
    { "31 Dec 2026", "2026-12-31", NULL },
    { " 2026-04-01\t", "2026-04-01", NULL },
    /* impossible days */
    { "2026-02-30", NULL, "is not a day of the calendar" },
    { "30.02.2026", NULL, "is not a day of the calendar" },
    { "2026年2月30日", NULL, "is not a day of the calendar" },
    { "2026-13-01", NULL, "is not a day of the calendar" },
    { "2025-02-29", NULL, "is not a day of the calendar" },
    { "02/30/2026", NULL, "is not a day of the calendar" },
    /* years out of range */
    { "0100-01-01", NULL, "the year must be between 1900 and 9999" },
    { "1899-12-31", NULL, "the year must be between 1900 and 9999" },
    { "10000-01-01", NULL, "the year must be between 1900 and 9999" },
    { "31.12.0100", NULL, "the year must be between 1900 and 9999" },
    { "12/31/26", NULL, "the year must be between 1900 and 9999" },
    /* not dates */
    { "", NULL, "is not a date" },
    { "2026", NULL, "is not a date" },
    { "2026-12", NULL, "is not a date" },
    { "2026 12 31", NULL, "is not a date" },
    { "2026-12/31", NULL, "is not a date" },
    { "31.12.26", NULL, "is not a date" },
    { "2026-12-31-01", NULL, "is not a date" },
    { "2026-12-31T10:00:00Z", NULL, "is not a date" },
    { "05/06", NULL, "is not a date" },
    { "next tuesday", NULL, "is not a date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = rd_date_normalize (cases[i].text, &error);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpstr (iso, ==, cases[i].iso);
      if (cases[i].problem == NULL)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
          g_assert_nonnull (strstr (error->message, cases[i].problem));
        }
    }
}

/* rd_date_check() is rd_date_parse() with the reason, for stored values. */
static void
test_date_check (void)
{
  static const struct { const char *text; const char *problem; } cases[] = {
    { "2026-12-31", NULL },
    { "2024-02-29", NULL },
    { "2026-02-29", "is not a day of the calendar" },
    { "0100-01-01", "the year must be between 1900 and 9999" },
    { "31.12.2026", "is not a date; use YYYY-MM-DD" },
    { "2026-1-1", "is not a date; use YYYY-MM-DD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = rd_date_check (cases[i].text, &error);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].problem == NULL);
      g_assert_cmpint (ok, ==, rd_date_parse (cases[i].text, NULL));
      if (!ok)
        g_assert_nonnull (strstr (error->message, cases[i].problem));
    }
}

static void
test_match_key (void)
{
  static const struct { const char *text; const char *key; } cases[] = {
    { "Contract End", "contractend" },
    { "contract_end", "contractend" },
    { "CONTRACT-END", "contractend" },
    { "Vertragsende (Datum):", "vertragsendedatum" },
    { "Név", "név" },
    { "契約　終了日", "契約終了日" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = rd_match_key (cases[i].text);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_date_locale_fallback (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  /* In the C locale the short format is month/day/year. */
  iso = rd_date_normalize ("12/31/2026", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (iso, ==, "2026-12-31");
}

static void
test_date_to_string_and_days (void)
{
  GDate date;
  g_autofree char *text = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, 3, 2026);
  text = rd_date_to_string (&date);
  g_assert_cmpstr (text, ==, "2026-03-05");

  g_assert_cmpint (rd_date_days_between (&date, "2026-03-05"), ==, 0);
  g_assert_cmpint (rd_date_days_between (&date, "2026-03-17"), ==, 12);
  g_assert_cmpint (rd_date_days_between (&date, "2026-03-02"), ==, -3);
  g_assert_cmpint (rd_date_days_between (&date, "2027-03-05"), ==, 365);
  g_assert_cmpint (rd_date_days_between (&date, "garbage"), ==, G_MININT);
  g_assert_cmpint (rd_date_days_between (&date, NULL), ==, G_MININT);

  /* Calendar days, not 24-hour spans: late evening to early next morning is one. */
  {
    g_autoptr(GDateTime) evening = g_date_time_new_utc (2026, 12, 31, 23, 30, 0);
    g_autoptr(GDateTime) morning = g_date_time_new_utc (2027, 1, 1, 0, 15, 0);
    g_autoptr(GDateTime) noon = g_date_time_new_utc (2026, 12, 31, 12, 0, 0);

    g_assert_cmpint (rd_date_time_days_between (evening, morning), ==, 1);
    g_assert_cmpint (rd_date_time_days_between (morning, evening), ==, -1);
    g_assert_cmpint (rd_date_time_days_between (noon, evening), ==, 0);
  }
}

static void
test_date_format (void)
{
  g_autofree char *empty = rd_date_format (NULL);
  g_autofree char *text = rd_date_format ("2026-12-31");

  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (text, ==, "31 Dec 2026");
}

static void
test_date_relative (void)
{
  static const struct { int days; const char *text; } cases[] = {
    { 0, "today" },
    { 1, "tomorrow" },
    { -1, "yesterday" },
    { 2, "in 2 days" },
    { 12, "in 12 days" },
    { -2, "2 days overdue" },
    { -3, "3 days overdue" },
    { 400, "in 400 days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rd_date_format_relative (cases[i].days);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_instant (void)
{
  g_autofree char *now = rd_instant_now ();

  g_assert_true (rd_instant_is_valid (now));
  g_assert_true (g_str_has_suffix (now, "Z"));
  g_assert_cmpuint (strlen (now), ==, 24);
  g_assert_true (rd_instant_is_valid ("2026-11-22T20:47:57Z"));
  g_assert_true (rd_instant_is_valid ("2026-11-22T20:47:57.123Z"));
  g_assert_true (rd_instant_is_valid ("2026-11-22T20:47:57+00:00"));
  g_assert_false (rd_instant_is_valid ("2026-11-22T20:47:57+02:00"));  /* not UTC */
  g_assert_false (rd_instant_is_valid ("2026-11-22 20:47:57Z"));
  g_assert_false (rd_instant_is_valid ("2026-11-22"));
  g_assert_false (rd_instant_is_valid ("2026-02-30T10:00:00Z"));
  g_assert_false (rd_instant_is_valid (NULL));
}

static void
test_currencies (void)
{
  guint n = 0;
  const char * const *codes = rd_currency_codes (&n);

  g_assert_true (rd_currency_is_valid ("EUR"));
  g_assert_true (rd_currency_is_valid ("HUF"));
  g_assert_true (rd_currency_is_valid ("MYR"));
  g_assert_true (rd_currency_is_valid ("CNY"));
  g_assert_false (rd_currency_is_valid ("eur"));
  g_assert_false (rd_currency_is_valid ("XXX"));
  g_assert_false (rd_currency_is_valid ("EURO"));
  g_assert_false (rd_currency_is_valid (NULL));

  g_assert_cmpint (rd_currency_minor_digits ("EUR"), ==, 2);
  g_assert_cmpint (rd_currency_minor_digits ("USD"), ==, 2);
  g_assert_cmpint (rd_currency_minor_digits ("JPY"), ==, 0);
  g_assert_cmpint (rd_currency_minor_digits ("KRW"), ==, 0);
  g_assert_cmpint (rd_currency_minor_digits ("KWD"), ==, 3);
  g_assert_cmpint (rd_currency_minor_digits ("BHD"), ==, 3);
  g_assert_cmpint (rd_currency_minor_digits ("JOD"), ==, 3);
  g_assert_cmpint (rd_currency_minor_digits ("OMR"), ==, 3);
  g_assert_cmpint (rd_currency_minor_digits ("TND"), ==, 3);

  /* Sorted and all valid. */
  g_assert_cmpuint (n, >, 140);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (rd_currency_is_valid (codes[i]));
      if (i > 0)
        g_assert_cmpint (strcmp (codes[i - 1], codes[i]), <, 0);
    }
  g_assert_null (codes[n]);
}

static void
test_countries (void)
{
  guint n = 0;
  const char * const *codes = rd_country_codes (&n);

  g_assert_cmpuint (n, ==, 249);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (rd_country_is_valid (codes[i]));
      if (i > 0)
        g_assert_cmpint (strcmp (codes[i - 1], codes[i]), <, 0);
    }
  g_assert_null (codes[n]);

  g_assert_true (rd_country_is_valid ("DE"));
  g_assert_true (rd_country_is_valid ("HU"));
  g_assert_true (rd_country_is_valid ("JP"));
  g_assert_true (rd_country_is_valid ("MY"));
  g_assert_true (rd_country_is_valid ("CN"));
  g_assert_false (rd_country_is_valid ("UK"));   /* GB is the code */
  g_assert_false (rd_country_is_valid ("de"));
  g_assert_false (rd_country_is_valid ("DEU"));
  g_assert_false (rd_country_is_valid (""));
  g_assert_false (rd_country_is_valid (NULL));
}

static void
test_money_format (void)
{
  static const struct { gint64 minor; const char *currency; const char *text; } cases[] = {
    { 123456, "EUR", "€1,234.56" },
    { 5, "EUR", "€0.05" },
    { 0, "EUR", "€0.00" },
    { 100000000, "USD", "$1,000,000.00" },
    { 1235, "JPY", "¥1,235" },
    { 1234567, "KWD", "KWD 1,234.567" },
    { 50000, "CHF", "CHF 500.00" },
    { -123456, "GBP", "£-1,234.56" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rd_money_format (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *big = rd_money_format_number (G_MAXINT64, "EUR");
    g_autofree char *small = rd_money_format_number (G_MININT64, "EUR");

    g_assert_cmpstr (big, ==, "92,233,720,368,547,758.07");
    g_assert_cmpstr (small, ==, "-92,233,720,368,547,758.08");
  }
}

static void
test_money_parse (void)
{
  static const struct { const char *text; const char *currency; gint64 minor; } good[] = {
    { "1234.56", "EUR", 123456 },
    { "1,234.56", "EUR", 123456 },
    { "1.234,56", "EUR", 123456 },
    { "1 234,56", "EUR", 123456 },
    { "€1,234.56", "EUR", 123456 },
    { "1234.56 EUR", "EUR", 123456 },
    { "1234", "EUR", 123400 },
    { "1234.5", "EUR", 123450 },
    { "0.05", "EUR", 5 },
    { "1,234", "EUR", 123400 },   /* three digits after one comma: grouping */
    { "1,234,567", "USD", 123456700 },
    { "1235", "JPY", 1235 },
    { "1,235", "JPY", 1235 },
    { "¥1,235", "JPY", 1235 },
    { "1235.00", "JPY", 1235 },
    { "1234.567", "KWD", 1234567 },
    { "1,234.567", "KWD", 1234567 },
    { "1.5", "KWD", 1500 },
    { "1'234.50", "CHF", 123450 },
  };
  static const struct { const char *text; const char *currency; } bad[] = {
    { "-5", "EUR" },
    { "−5", "EUR" },
    { "abc", "EUR" },
    { "12a", "EUR" },
    { "", "EUR" },
    { "   ", "EUR" },
    { "1.234.56", "EUR" },
    { "1.239", "JPY" },
    { "12.345", "EUR" },
    { "1.2345", "KWD" },
    { "99999999999999999999", "EUR" },
    /* A separator alone is no amount (it was read as 0). */
    { ".", "EUR" },
    { ",", "EUR" },
    { " . ", "USD" },
    { "€ ,", "EUR" },
    { ".", "JPY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_test_message ("parsing %s %s", good[i].text, good[i].currency);
      g_assert_true (rd_money_parse (good[i].text, good[i].currency, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, good[i].minor);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_test_message ("parsing %s %s", bad[i].text, bad[i].currency);
      g_assert_false (rd_money_parse (bad[i].text, bad[i].currency, &minor, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (minor, ==, -1);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (rd_money_parse ("-12.00", "EUR", NULL, &error));
    g_assert_nonnull (strstr (error->message, "negative"));
  }
}

static void
test_money_roundtrip (void)
{
  static const char * const currencies[] = { "EUR", "JPY", "KWD", "USD", "HUF" };
  static const gint64 amounts[] = { 0, 1, 99, 100, 123456, 500000000, 987654321 };

  for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
    for (guint a = 0; a < G_N_ELEMENTS (amounts); a++)
      {
        g_autofree char *text = rd_money_format (amounts[a], currencies[c]);
        g_autoptr(GError) error = NULL;
        gint64 minor = -1;

        g_assert_true (rd_money_parse (text, currencies[c], &minor, &error));
        g_assert_no_error (error);
        g_assert_cmpint (minor, ==, amounts[a]);
      }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/format/date/parse", test_date_parse);
  g_test_add_func ("/core/format/date/normalize", test_date_normalize);
  g_test_add_func ("/core/format/date/normalize-table", test_date_normalize_table);
  g_test_add_func ("/core/format/date/check", test_date_check);
  g_test_add_func ("/core/format/date/locale-fallback", test_date_locale_fallback);
  g_test_add_func ("/core/format/match-key", test_match_key);
  g_test_add_func ("/core/format/date/to-string-and-days", test_date_to_string_and_days);
  g_test_add_func ("/core/format/date/format", test_date_format);
  g_test_add_func ("/core/format/date/relative", test_date_relative);
  g_test_add_func ("/core/format/instant", test_instant);
  g_test_add_func ("/core/format/currencies", test_currencies);
  g_test_add_func ("/core/format/countries", test_countries);
  g_test_add_func ("/core/format/money/format", test_money_format);
  g_test_add_func ("/core/format/money/parse", test_money_parse);
  g_test_add_func ("/core/format/money/roundtrip", test_money_roundtrip);

  return g_test_run ();
}
