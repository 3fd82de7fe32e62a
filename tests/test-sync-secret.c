/* test-sync-secret.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync password through the real Secret Service: gnome-keyring-daemon
 * started unlocked on a private D-Bus session of this test's own
 * (rd-test-session.h).  Fails, never skips, when the component is missing.
 */

#include "config.h"

#include <string.h>

#include "rd-sync-secret.h"
#include "rd-test-session.h"

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
  int status;

  rd_test_session_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  rd_test_session_start_keyring ();
  g_test_add_func ("/sync/secret/store-lookup", test_store_lookup);
  status = g_test_run ();
  rd_test_session_stop ();
  return status;
}
