/* test-date-locales.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-format.h"
#include "rd-test-locale.h"

/* The one date parser in the regions of our users, with glibc locales
 * compiled for the run (rd-test-locale.c): every date the app shows can be
 * typed back, the region's own short format is read, and the numbered forms
 * of every language are read everywhere. */

typedef struct
{
  const char *locale;
  const char *regional[2][2];   /* the region's own way, and the day it is */
} LocaleCase;

static const LocaleCase cases[] = {
  { "de_DE", { { "31.12.2026", "2026-12-31" }, { "1.2.2026", "2026-02-01" } } },
  { "hu_HU", { { "2026-12-31", "2026-12-31" }, { "2026. 02. 01.", "2026-02-01" } } },
  { "ja_JP", { { "2026年12月31日", "2026-12-31" }, { "2026/02/01", "2026-02-01" } } },
  { "ms_MY", { { "31 Dis 2026", "2026-12-31" }, { "01 Feb 2026", "2026-02-01" } } },
  { "zh_CN", { { "2026年12月31日", "2026-12-31" }, { "2026年2月1日", "2026-02-01" } } },
  { "en_US", { { "12/31/2026", "2026-12-31" }, { "02/01/2026", "2026-02-01" } } },
};

/* Read the same in every region. */
static const char * const everywhere[][2] = {
  { "2026-12-31", "2026-12-31" },
  { "2026/12/31", "2026-12-31" },
  { "31.12.2026", "2026-12-31" },
  { "2026. 12. 31.", "2026-12-31" },
  { "2026年12月31日", "2026-12-31" },
  { "31/12/2026", "2026-12-31" },
};

/* Refused in every region. */
static const char * const never[] = {
  "2026-02-30", "30.02.2026", "2026年2月30日", "0100-01-01", "31.12.1899", "10000-01-01", "hello",
};

static void
use_locale (const LocaleCase *c)
{
  g_autofree char *name = g_strdup_printf ("%s.UTF-8", c->locale);

  g_assert_nonnull (setlocale (LC_ALL, name));
}

static void
assert_reads (const char *text,
              const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = rd_date_normalize (text, &error);

  g_test_message ("“%s”", text);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, iso);
}

static void
test_regional (gconstpointer data)
{
  const LocaleCase *c = data;

  use_locale (c);
  for (guint i = 0; i < G_N_ELEMENTS (c->regional); i++)
    assert_reads (c->regional[i][0], c->regional[i][1]);
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_shown_reads_back (gconstpointer data)
{
  static const char * const days[] = { "2026-12-31", "2026-01-05", "2024-02-29", "1900-01-01",
                                       "9999-12-31" };
  const LocaleCase *c = data;

  use_locale (c);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *shown = rd_date_format (days[i]);

      assert_reads (shown, days[i]);
    }
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_everywhere (gconstpointer data)
{
  const LocaleCase *c = data;

  use_locale (c);
  for (guint i = 0; i < G_N_ELEMENTS (everywhere); i++)
    assert_reads (everywhere[i][0], everywhere[i][1]);

  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = rd_date_normalize (never[i], &error);

      g_test_message ("“%s”", never[i]);
      g_assert_null (got);
      g_assert_nonnull (error);
    }
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const names[] = { "de_DE", "ja_JP", "hu_HU", "ms_MY", "zh_CN", "en_US", NULL };
  char *locales;
  int ret;

  /* LOCPATH before the first setlocale(). */
  locales = rd_test_locales_prepare (names);
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *regional = g_strdup_printf ("/date-locales/%s/regional", cases[i].locale);
      g_autofree char *shown = g_strdup_printf ("/date-locales/%s/shown-reads-back",
                                                cases[i].locale);
      g_autofree char *all = g_strdup_printf ("/date-locales/%s/everywhere", cases[i].locale);

      g_test_add_data_func (regional, &cases[i], test_regional);
      g_test_add_data_func (shown, &cases[i], test_shown_reads_back);
      g_test_add_data_func (all, &cases[i], test_everywhere);
    }

  ret = g_test_run ();
  rd_test_locales_remove (locales);
  return ret;
}
