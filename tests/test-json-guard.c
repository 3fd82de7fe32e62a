/* test-json-guard.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crafted backups (--import-json, Restore) against the guard that runs
 * before json-glib parses anything: comments and single-quoted strings
 * that json-glib 1.6 reads would otherwise hide brackets from the depth
 * count, and a \u0000 would silently cut a string.
 */

#include "config.h"

#include <string.h>

#include "rd-document.h"

/* @prefix, then @n times @c, then @suffix. */
static char *
repeat (const char *prefix,
        char        c,
        gsize       n,
        const char *suffix)
{
  GString *text = g_string_new (prefix);

  for (gsize i = 0; i < n; i++)
    g_string_append_c (text, c);
  g_string_append (text, suffix);
  return g_string_free (text, FALSE);
}

static void
assert_refused (const char *data,
                gssize      length,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_documents_load_data (data, length, &error);

  g_assert_null (docs);
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_comment_hides_quote (void)
{
  g_autofree char *block = repeat ("/* \" */", '[', 100000, "");
  g_autofree char *line = repeat ("// \"\n", '[', 100000, "");

  assert_refused (block, -1, "not plain JSON");
  assert_refused (line, -1, "not plain JSON");
}

static void
test_single_quotes (void)
{
  g_autofree char *sq = repeat ("['\"'", '[', 100000, "");
  g_autofree char *hash = repeat ("# \"\n", '{', 100000, "");

  assert_refused (sq, -1, "not plain JSON");
  assert_refused (hash, -1, "not plain JSON");
}

static void
test_plain_nesting (void)
{
  g_autofree char *deep = repeat ("", '[', 100000, "");
  g_autofree char *escaped = repeat ("[\"\\\"\", ", '{', 100000, "");

  assert_refused (deep, -1, "nested more than");
  /* An escaped quote does not end the string. */
  assert_refused (escaped, -1, "nested more than");
}

static void
test_nul (void)
{
  static const char escaped[] =
    "[{\"_id\": \"account:1\", \"type\": \"account\", \"name\": \"Acme\\u0000 hidden\", "
    "\"currency\": \"EUR\"}]";
  static const char raw[] = "[{\"_id\": \"account:1\"}]\0[[[[";

  assert_refused (escaped, -1, "NUL");
  assert_refused (raw, sizeof raw - 1, "NUL");
}

static void
test_plain_json_passes (void)
{
  static const char text[] =
    "[\n  {\"_id\": \"account:6a0f1c9e-1d7e-4a53-8f43-0c1f7a5b3e21\", \"type\": \"account\",\n"
    "   \"name\": \"O'Brien /* not a comment */ // nor this [[[[\", \"currency\": \"EUR\",\n"
    "   \"annual_value_minor\": -1.5e3, \"auto_renew\": true, \"notes\": null,\n"
    "   \"owner\": \"\\u00e9\\\\\"}\n]\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_documents_load_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "name"), ==,
                   "O'Brien /* not a comment */ // nor this [[[[");
  g_assert_true (rd_json_check (text, strlen (text), NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-guard/comment-hides-quote", test_comment_hides_quote);
  g_test_add_func ("/json-guard/single-quotes", test_single_quotes);
  g_test_add_func ("/json-guard/plain-nesting", test_plain_nesting);
  g_test_add_func ("/json-guard/nul", test_nul);
  g_test_add_func ("/json-guard/plain-json-passes", test_plain_json_passes);

  return g_test_run ();
}
