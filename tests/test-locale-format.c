/* test-locale-format.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rd-format.h"
#include "rd-pdf.h"
#include "rd-test-locale.h"

/* Money, dates and the week's first day in the regions of our users, with
 * glibc locales compiled for the run (rd-test-locale.c). */

typedef struct
{
  const char   *locale;
  const char   *money[4][2];        /* currency, expected for 1234.56 (or 1235 without minor units) */
  const char   *date;               /* 2026-12-31 */
  GDateWeekday  first_weekday;
  const char   *parse[2];           /* the locale's way to write 1234.56 EUR */
} LocaleCase;

static const LocaleCase cases[] = {
  { "de_DE", { { "EUR", "1.234,56 €" }, { "JPY", "1.235 ¥" }, { "USD", "1.234,56 $" }, { "CHF", "1.234,56 CHF" } },
    "31.12.2026", G_DATE_MONDAY, { "1.234,56", "1234,56 €" } },
  { "ja_JP", { { "JPY", "¥1,235" }, { "EUR", "€1,234.56" }, { "USD", "$1,234.56" }, { "CNY", "CN¥1,234.56" } },
    "2026年12月31日", G_DATE_SUNDAY, { "1,234.56", "€1,234.56" } },
  /* glibc's hu_HU groups money with a dot (mon_thousands_sep "."), not a space. */
  { "hu_HU", { { "HUF", "1.234,56 Ft" }, { "EUR", "1.234,56 €" }, { "JPY", "1.235 ¥" }, { "USD", "1.234,56 $" } },
    "2026-12-31", G_DATE_MONDAY, { "1.234,56", "1 234,56" } },
  { "ms_MY", { { "MYR", "RM1,234.56" }, { "EUR", "€1,234.56" }, { "SGD", "S$1,234.56" }, { "JPY", "¥1,235" } },
    "31 Dis 2026", G_DATE_MONDAY, { "1,234.56", "€ 1234.56" } },
  { "zh_CN", { { "CNY", "¥1,234.56" }, { "JPY", "¥1,235" }, { "EUR", "€1,234.56" }, { "USD", "$1,234.56" } },
    "2026年12月31日", G_DATE_MONDAY, { "1,234.56", "1234.56" } },
  { "en_US", { { "USD", "$1,234.56" }, { "EUR", "€1,234.56" }, { "JPY", "¥1,235" }, { "GBP", "£1,234.56" } },
    "12/31/2026", G_DATE_SUNDAY, { "1,234.56", "€1,234.56" } },
};

static void
use_locale (const LocaleCase *c)
{
  g_autofree char *name = g_strdup_printf ("%s.UTF-8", c->locale);

  g_assert_nonnull (setlocale (LC_ALL, name));
}

static void
test_money (gconstpointer data)
{
  const LocaleCase *c = data;

  use_locale (c);
  for (guint i = 0; i < G_N_ELEMENTS (c->money); i++)
    {
      const char *currency = c->money[i][0];
      gint64 minor = rd_currency_minor_digits (currency) == 0 ? 1235 : 123456;
      g_autofree char *text = rd_money_format (minor, currency);
      gint64 back = 0;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (text, ==, c->money[i][1]);
      /* What we print, we read back. */
      g_assert_true (rd_money_parse (text, currency, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, minor);
    }

  for (guint i = 0; i < G_N_ELEMENTS (c->parse); i++)
    {
      gint64 minor = 0;
      g_autoptr(GError) error = NULL;

      g_assert_true (rd_money_parse (c->parse[i], "EUR", &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, 123456);
    }

  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_date (gconstpointer data)
{
  const LocaleCase *c = data;
  g_autofree char *text = NULL;

  use_locale (c);
  text = rd_date_format ("2026-12-31");
  g_assert_cmpstr (text, ==, c->date);
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_week (gconstpointer data)
{
  const LocaleCase *c = data;
  GDate thursday, start;
  g_autofree char *iso = NULL;

  use_locale (c);
  g_assert_cmpint (rd_locale_first_weekday (), ==, c->first_weekday);

  g_date_clear (&thursday, 1);
  g_date_set_dmy (&thursday, 31, G_DATE_DECEMBER, 2026);
  rd_locale_week_start (&thursday, &start);
  iso = rd_date_to_string (&start);
  g_assert_cmpstr (iso, ==, c->first_weekday == G_DATE_MONDAY ? "2026-12-28" : "2026-12-27");

  /* The first day of a week starts its own week. */
  rd_locale_week_start (&start, &thursday);
  g_assert_cmpint (g_date_compare (&start, &thursday), ==, 0);
  setlocale (LC_ALL, "C.UTF-8");
}

/* No regional format: the translation's order ("31 Dec 2026" untranslated). */
static void
test_c_locale (void)
{
  g_autofree char *text = NULL;
  g_autofree char *money = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  text = rd_date_format ("2026-12-31");
  g_assert_cmpstr (text, ==, "31 Dec 2026");
  money = rd_money_format (123456, "EUR");
  g_assert_cmpstr (money, ==, "€1,234.56");
}

/* Money grouping follows the region's mon_grouping: lakh and crore in India. */
static void
test_grouping (void)
{
  g_autofree char *inr = NULL;
  g_autofree char *big = NULL;
  g_autofree char *usd = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "en_IN.UTF-8"));
  inr = rd_money_format_number (123456789, "INR");
  g_assert_cmpstr (inr, ==, "12,34,567.89");
  big = rd_money_format_number (G_GINT64_CONSTANT (12345678901234), "INR");
  g_assert_cmpstr (big, ==, "1,23,45,67,89,012.34");
  g_assert_nonnull (setlocale (LC_ALL, "en_US.UTF-8"));
  usd = rd_money_format_number (123456789, "USD");
  g_assert_cmpstr (usd, ==, "1,234,567.89");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

/* The region's paper, from LC_PAPER: El Salvador, Panama and Nicaragua use
 * Letter as the US does (a hand-kept list of territories missed them). */
static void
test_paper (void)
{
  static const struct { const char *locale; RdPaper paper; } papers[] = {
    { "en_US", RD_PAPER_LETTER }, { "es_SV", RD_PAPER_LETTER }, { "es_PA", RD_PAPER_LETTER },
    { "de_DE", RD_PAPER_A4 }, { "ja_JP", RD_PAPER_A4 }, { "es_DO", RD_PAPER_A4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.UTF-8", papers[i].locale);

      g_assert_nonnull (setlocale (LC_ALL, name));
      g_assert_cmpint (rd_paper_for_locale (), ==, papers[i].paper);
    }
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_assert_cmpint (rd_paper_for_locale (), ==, RD_PAPER_A4);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const names[] = { "de_DE", "ja_JP", "hu_HU", "ms_MY", "zh_CN", "en_US",
                                        "es_SV", "es_PA", "es_DO", "en_IN", NULL };
  char *locales;
  int ret;

  /* LOCPATH before the first setlocale(). */
  locales = rd_test_locales_prepare (names);
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *money = g_strdup_printf ("/locale-format/%s/money", cases[i].locale);
      g_autofree char *date = g_strdup_printf ("/locale-format/%s/date", cases[i].locale);
      g_autofree char *week = g_strdup_printf ("/locale-format/%s/week-start", cases[i].locale);

      g_test_add_data_func (money, &cases[i], test_money);
      g_test_add_data_func (date, &cases[i], test_date);
      g_test_add_data_func (week, &cases[i], test_week);
    }
  g_test_add_func ("/locale-format/C/fallback", test_c_locale);
  g_test_add_func ("/locale-format/paper", test_paper);
  g_test_add_func ("/locale-format/en_IN/grouping", test_grouping);

  ret = g_test_run ();
  rd_test_locales_remove (locales);
  return ret;
}
