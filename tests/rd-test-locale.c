/* rd-test-locale.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rd-test-locale.h"

char *
rd_test_locales_prepare (const char * const *names)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rd-test-locales-XXXXXX", &error);

  g_assert_no_error (error);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *target = g_strdup_printf ("%s/%s.UTF-8", dir, names[i]);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *ctype = g_build_filename (target, "LC_CTYPE", NULL);
      const char *argv[] = { "localedef", "-i", names[i], "-f", "UTF-8", target, NULL };
      int status = 0;

      /* localedef exits 1 for mere warnings; the compiled files are what count. */
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                         &out, &err, &status, &error))
        g_error ("cannot run localedef (package “locales”, tools/deps.txt): %s", error->message);
      if (!g_file_test (ctype, G_FILE_TEST_IS_REGULAR))
        g_error ("localedef -i %s -f UTF-8 failed: %s%s", names[i], out, err);
    }

  g_setenv ("LOCPATH", dir, TRUE);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

void
rd_test_locales_remove (char *dir)
{
  if (dir == NULL)
    return;
  remove_tree (dir);
  g_free (dir);
}
