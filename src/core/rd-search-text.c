/* rd-search-text.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-search-text"

#include "config.h"

#include "rd-search-text.h"

static gboolean
is_ascii (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
is_mark (gunichar c)
{
  /* The kana voicing marks make another syllable (タ ta, ダ da), not an
   * accented one: kept, so that "ダ" and half-width "ﾀﾞ" still meet. */
  if (c == 0x3099 || c == 0x309A)
    return FALSE;

  return g_unichar_combining_class (c) != 0 || g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK;
}

char *
rd_search_text_fold (const char *text,
                     gssize      length)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (length < 0)
    length = (gssize) strlen (text);
  if (!g_utf8_validate_len (text, (gsize) length, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, length);

      return rd_search_text_fold (valid, -1);
    }

  /* Most names are plain ASCII: decomposing and case-folding them would
   * only lower their letters. */
  if (is_ascii (text, (gsize) length))
    return g_ascii_strdown (text, length);

  /* Decompose first, so that a compatibility form that decomposes to a
   * capital ("ℌ" → "H") is still folded, then drop the marks. */
  decomposed = g_utf8_normalize (text, length, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_utf8_casefold (text, length);

  bare = g_string_sized_new ((gsize) length);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_mark (c))
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, (gssize) bare->len);
}
