/* rd-test-session.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

#include "rd-test-session.h"
#include "rd-test-util.h"

#define REEXEC_VAR "RD_TEST_PRIVATE_SESSION"

static char *session_dir;
static GPid  keyring_pid;

void
rd_test_session_init (int    argc,
                      char **argv)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *self = NULL;
  g_autofree char *bus = NULL;

  if (g_getenv (REEXEC_VAR) != NULL)
    {
      /* The second run: on the private bus. */
      session_dir = g_strdup (g_getenv (REEXEC_VAR));
      g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
      return;
    }

  bus = g_find_program_in_path ("dbus-run-session");
  if (bus == NULL)
    g_error ("dbus-run-session is missing: install dbus (tools/deps.txt)");
  self = g_file_read_link ("/proc/self/exe", NULL);
  g_assert_nonnull (self);

  /* Everything a session service keeps on disk, of this test alone: a
   * keyring daemon finds an already running one through its control
   * socket in XDG_RUNTIME_DIR and would hand that one over. */
  session_dir = g_dir_make_tmp ("rd-session-XXXXXX", NULL);
  g_assert_nonnull (session_dir);
  {
    g_autofree char *runtime = g_build_filename (session_dir, "runtime", NULL);
    g_autofree char *home = g_build_filename (session_dir, "home", NULL);
    g_autofree char *data = g_build_filename (session_dir, "data", NULL);

    g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
    g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
    g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
    g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
    g_setenv ("HOME", home, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }
  g_setenv (REEXEC_VAR, session_dir, TRUE);

  args = g_ptr_array_new ();
  g_ptr_array_add (args, bus);
  g_ptr_array_add (args, "--");
  g_ptr_array_add (args, self);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  execv (bus, (char **) args->pdata);
  g_error ("Could not run %s: %s", bus, g_strerror (errno));
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_name_appeared_cb (GDBusConnection *connection,
                     const char      *name,
                     const char      *owner,
                     gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
rd_test_session_start_keyring (void)
{
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock",
                         "--components=secrets", NULL, NULL };
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *control = NULL;
  g_autofree char *control_arg = NULL;
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE;
  gboolean timed_out = FALSE;
  guint watch;
  guint timeout;
  int in_fd;

  g_assert_nonnull (session_dir);      /* rd_test_session_init() first */
  g_assert_cmpint (keyring_pid, ==, 0);
  if (daemon == NULL)
    g_error ("gnome-keyring-daemon is missing: install gnome-keyring (tools/deps.txt)");

  control = g_build_filename (session_dir, "keyring", NULL);
  g_assert_cmpint (g_mkdir_with_parents (control, 0700), ==, 0);
  control_arg = g_strconcat ("--control-directory=", control, NULL);
  argv[4] = control_arg;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                           G_SPAWN_STDOUT_TO_DEV_NULL,
                                           die_with_parent, NULL, &keyring_pid, &in_fd, NULL,
                                           NULL, &error));
  g_assert_no_error (error);
  /* A password on stdin creates and unlocks a fresh login keyring (an empty
   * one leaves no default collection, and storing would prompt). */
  g_assert_cmpint (write (in_fd, "rd-test", 7), ==, 7);
  close (in_fd);

  /* Ready once it owns the Secret Service's name on our bus. */
  watch = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.secrets",
                            G_BUS_NAME_WATCHER_FLAGS_NONE, on_name_appeared_cb, NULL, &owned, NULL);
  timeout = g_timeout_add_seconds (20, on_timeout_cb, &timed_out);
  while (!owned && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_bus_unwatch_name (watch);
  if (!owned)
    g_error ("gnome-keyring-daemon did not own org.freedesktop.secrets within 20 s");
}

void
rd_test_session_stop (void)
{
  if (keyring_pid != 0)
    {
      int status;

      kill (keyring_pid, SIGTERM);
      waitpid (keyring_pid, &status, 0);
      g_spawn_close_pid (keyring_pid);
      keyring_pid = 0;
    }
  if (session_dir != NULL)
    rd_test_remove_tree (session_dir);
  g_clear_pointer (&session_dir, g_free);
}
