/* test-sync-secret.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync password through the real Secret Service: gnome-keyring-daemon
 * started unlocked on the test's private D-Bus session (tools/test runs
 * the suite under dbus-run-session).  Fails, never skips, when the
 * component is missing.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "rd-sync-secret.h"

static void
start_keyring (void)
{
  const char *argv[] = { "gnome-keyring-daemon", "--unlock", "--components=secrets", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  GPid pid;
  int in_fd, out_fd;

  if (daemon == NULL)
    g_error ("gnome-keyring-daemon is missing: install gnome-keyring (tools/deps.txt)");
  /* A keyring of its own, never the user's. */
  {
    g_autofree char *home = g_dir_make_tmp ("rd-keyring-XXXXXX", NULL);

    g_setenv ("XDG_DATA_HOME", home, TRUE);
    g_setenv ("HOME", home, TRUE);
  }
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_error ("No D-Bus session: run the suite under dbus-run-session (tools/test does)");

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                                           NULL, NULL, &pid, &in_fd, &out_fd, NULL, &error));
  g_assert_no_error (error);
  /* A password on stdin creates and unlocks a fresh login keyring (an empty
   * one leaves no default collection, and storing would prompt). */
  g_assert_cmpint (write (in_fd, "rd-test", 7), ==, 7);
  close (in_fd);
  {
    char buffer[1024];
    gssize n = read (out_fd, buffer, sizeof buffer - 1);

    if (n > 0)
      {
        buffer[n] = '\0';
        out = g_strdup (buffer);
      }
  }
  close (out_fd);
  g_spawn_close_pid (pid);
  g_usleep (300 * 1000);
}

static void
test_store_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  const char *server = "https://couch.example.com/renewals";

  g_assert_true (rd_sync_secret_store (server, "ann", "Kept-In-The-Keyring-1", NULL, &error));
  g_assert_no_error (error);

  found = rd_sync_secret_lookup (server, "ann", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "Kept-In-The-Keyring-1");
  g_clear_pointer (&found, g_free);

  /* Another user or server has none. */
  found = rd_sync_secret_lookup (server, "bob", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  g_assert_true (rd_sync_secret_clear (server, "ann", NULL, &error));
  g_assert_no_error (error);
  found = rd_sync_secret_lookup (server, "ann", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  start_keyring ();
  g_test_add_func ("/sync/secret/store-lookup", test_store_lookup);
  return g_test_run ();
}
