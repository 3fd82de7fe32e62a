/* test-search-text.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-search-text.h"

typedef struct
{
  const char *text;
  const char *folded;
} FoldCase;

/* In every language of the app: what a name folds to. */
static const FoldCase cases[] = {
  { "", "" },
  { "Acme GmbH", "acme gmbh" },
  /* Hungarian */
  { "Kovács", "kovacs" },
  { "KOVÁCS", "kovacs" },
  { "Őrség Űrkutató", "orseg urkutato" },
  { "tűzoltó ő", "tuzolto o" },
  /* German: ß and ẞ fold to ss, umlauts lose their dots */
  { "Größe", "grosse" },
  { "GROSSE", "grosse" },
  { "GRÖẞE", "grosse" },
  { "Müller", "muller" },
  /* Danish: æ and ø are letters of their own, not letters with marks */
  { "Ærø", "ærø" },
  /* Malay: Latin letters, nothing to fold but case */
  { "Syarikat Maju Bhd", "syarikat maju bhd" },
  /* Japanese: full-width Latin and half-width katakana meet their usual forms */
  { "ＡＢＣ商事", "abc商事" },
  { "ｶﾀｶﾅ", "カタカナ" },
  /* ...but a voiced kana stays voiced: ダ (da) is not タ (ta) with an accent */
  { "ヤマダ", "ヤマタ\xe3\x82\x99" },    /* ダ, decomposed */
  { "ﾔﾏﾀﾞ", "ヤマタ\xe3\x82\x99" },
  /* Simplified Chinese: unchanged */
  { "北京科技有限公司", "北京科技有限公司" },
  /* Compatibility forms that decompose to capitals */
  { "ℌilbert", "hilbert" },
  { "İstanbul", "istanbul" },
  /* Decomposed input folds like composed input */
  { "Kova\xcc\x81" "cs", "kovacs" },
};

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = rd_search_text_fold (cases[i].text, -1);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

static void
test_needle_meets_haystack (void)
{
  static const struct { const char *needle, *haystack; } pairs[] = {
    { "kovacs", "Ana Kovács" },
    { "KOVÁCS", "ana kovacs" },
    { "grosse", "Größe AG" },
    { "größe", "GROSSE AG" },
    { "abc", "ＡＢＣ商事" },
    { "ｶﾀｶﾅ", "カタカナ商会" },
    { "ﾔﾏﾀﾞ", "株式会社ヤマダ" },
    { "科技", "北京科技有限公司" },
    { "orseg", "Őrség Kft." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *needle = rd_search_text_fold (pairs[i].needle, -1);
      g_autofree char *haystack = rd_search_text_fold (pairs[i].haystack, -1);

      g_test_message ("%s in %s", pairs[i].needle, pairs[i].haystack);
      g_assert_nonnull (strstr (haystack, needle));
    }
}

static void
test_voiced_kana_differ (void)
{
  g_autofree char *voiced = rd_search_text_fold ("ヤマダ", -1);
  g_autofree char *plain = rd_search_text_fold ("ヤマタ", -1);

  g_assert_cmpstr (voiced, !=, plain);
}

static void
test_length_and_invalid (void)
{
  g_autofree char *prefix = rd_search_text_fold ("KOVÁCS Ltd", 7);
  g_autofree char *invalid = rd_search_text_fold ("K\xff" "Ó", -1);
  g_autofree char *null = rd_search_text_fold (NULL, -1);

  g_assert_cmpstr (prefix, ==, "kovacs");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_nonnull (strstr (invalid, "o"));
  g_assert_cmpstr (null, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-text/fold/table", test_table);
  g_test_add_func ("/search-text/fold/needle-meets-haystack", test_needle_meets_haystack);
  g_test_add_func ("/search-text/fold/voiced-kana-differ", test_voiced_kana_differ);
  g_test_add_func ("/search-text/fold/length-and-invalid", test_length_and_invalid);

  return g_test_run ();
}
