/* fuzz-main.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdint.h>

#include <glib.h>

/* Without libFuzzer: the fuzz target's entry point over every file of the
 * corpus, one test case each, so what the fuzzer once found stays fixed. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
run_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, length), ==, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  /* g_ptr_array_sort hands pointers to the elements. */
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *test_path = NULL;
      char *file = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);

      test_path = g_strdup_printf ("/fuzz/csv-json/%s", (char *) g_ptr_array_index (names, i));
      g_test_add_data_func_full (test_path, file, run_file, g_free);
    }

  return g_test_run ();
}
