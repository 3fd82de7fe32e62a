/* test-code-picker.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rd-code-picker.h"
#include "rd-iso-codes.h"
#include "rd-test-locale.h"
#include "rd-test-ui.h"

/* Countries and currencies are named from iso-codes in the user's language
 * and found by name or code, whatever the case and accents. */

static gboolean
shown_contains (RdCodePicker *picker,
                const char   *code)
{
  g_auto(GStrv) shown = rd_code_picker_dup_shown (picker);

  return g_strv_contains ((const char * const *) shown, code);
}

static void
test_names_english (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_assert_cmpstr (rd_country_name ("DE"), ==, "Germany");
  g_assert_cmpstr (rd_country_name ("KR"), ==, "South Korea");
  g_assert_cmpstr (rd_currency_name ("HUF"), ==, "Forint");
  /* Unknown: the code itself. */
  g_assert_cmpstr (rd_country_name ("ZZ"), ==, "ZZ");
}

static void
test_names_german (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_cmpstr (rd_country_name ("DE"), ==, "Deutschland");
  g_assert_cmpstr (rd_country_name ("HU"), ==, "Ungarn");
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

static void
test_search (void)
{
  RdCodePicker *countries = RD_CODE_PICKER (g_object_ref_sink (rd_code_picker_new ("country")));
  RdCodePicker *currencies = RD_CODE_PICKER (g_object_ref_sink (rd_code_picker_new ("currency")));
  g_auto(GStrv) all = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  rd_code_picker_search (countries, "");
  all = rd_code_picker_dup_shown (countries);
  g_assert_cmpuint (g_strv_length (all), ==, 249);

  rd_code_picker_search (countries, "GERM");
  g_assert_true (shown_contains (countries, "DE"));
  g_assert_false (shown_contains (countries, "FR"));
  /* By code, and without the accents of "Côte d'Ivoire" / "Curaçao". */
  rd_code_picker_search (countries, "(tw)");
  g_assert_true (shown_contains (countries, "TW"));
  rd_code_picker_search (countries, "curacao");
  g_assert_true (shown_contains (countries, "CW"));

  rd_code_picker_search (currencies, "forint");
  g_assert_true (shown_contains (currencies, "HUF"));
  g_assert_false (shown_contains (currencies, "EUR"));

  /* In German: "deutsch" finds Deutschland. */
  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  g_setenv ("LANGUAGE", "de", TRUE);
  {
    RdCodePicker *german = RD_CODE_PICKER (g_object_ref_sink (rd_code_picker_new ("country")));

    rd_code_picker_search (german, "deutsch");
    g_assert_true (shown_contains (german, "DE"));
    rd_code_picker_search (german, "osterreich");
    g_assert_true (shown_contains (german, "AT"));
    g_object_unref (german);
  }
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  rd_code_picker_set_code (countries, "HU");
  g_assert_cmpstr (rd_code_picker_get_code (countries), ==, "HU");
  rd_code_picker_set_code (countries, "");
  g_assert_null (rd_code_picker_get_code (countries));

  g_object_unref (countries);
  g_object_unref (currencies);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const names[] = { "de_DE", NULL };
  char *locales = rd_test_locales_prepare (names);
  int ret;

  g_test_init (&argc, &argv, NULL);
  rd_test_ui_init ();

  g_test_add_func ("/code-picker/names/english", test_names_english);
  g_test_add_func ("/code-picker/names/german", test_names_german);
  g_test_add_func ("/code-picker/search", test_search);

  ret = g_test_run ();
  rd_test_locales_remove (locales);
  return ret;
}
