/* test-kill.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Killed at random: the real binary imports a CSV file of a few thousand
 * rows, or pulls a portfolio with --sync from the test CouchDB server, and
 * gets SIGKILL after a random delay.  Then the database must open, pass
 * PRAGMA integrity_check, hold none or all of the import (it is one
 * transaction), and a rerun must complete: importing again gives exactly
 * the accounts of one import; a second --sync completes and the counts
 * match the server's.
 *
 * RD_KILL_ITERATIONS (default 3) sets the iterations of each case; the
 * suite runs a few, tools/kill-test many.  Each case ends with a line
 * "# figures: CASE iterations N kills N failures N".  A failed check is
 * counted and reported, and the case fails at its end.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-store.h"
#include "rd-test-couch.h"
#include "rd-test-session.h"
#include "rd-test-util.h"

#define N_ROWS 3000

static RdTestCouch *couch;
static char *workdir;
static guint iterations = 3;

typedef struct
{
  guint iterations;
  guint kills;
  guint failures;
} Figures;

static GPid
spawn_binary (const char *db,
              const char *arg)
{
  g_autofree char *db_arg = g_strconcat ("--db=", db, NULL);
  const char *argv[] = { g_getenv ("RD_BINARY"), db_arg, arg, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

/* Runs to the end; returns the exit status (-1: killed by a signal). */
static int
run_binary (const char *db,
            const char *arg)
{
  GPid pid = spawn_binary (db, arg);
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Starts it, and kills it after @delay_us unless it ended before.
 * Returns TRUE when it was killed. */
static gboolean
run_and_kill (const char *db,
              const char *arg,
              gint64      delay_us)
{
  GPid pid = spawn_binary (db, arg);
  gint64 end = g_get_monotonic_time () + delay_us;
  int status = 0;
  gboolean killed;

  /* Polls instead of sleeping the whole delay: an early exit is seen. */
  while (g_get_monotonic_time () < end)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          g_spawn_close_pid (pid);
          return FALSE;
        }
      g_usleep (500);
    }
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  killed = WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
  return killed;
}

/* -1 when the query fails. */
static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Opens @path raw: integrity_check says "ok"; *@out_accounts gets the live
 * accounts (0 when the schema is not there yet).  Then through RdStore. */
static gboolean
check_database (const char  *path,
                gint64      *out_accounts,
                GString     *problems)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  *out_accounts = 0;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;       /* killed before it created the file */

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_string_append_printf (problems, "cannot open: %s; ", sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_string_append_printf (problems, "integrity_check: %s; ",
                              stmt ? (const char *) sqlite3_column_text (stmt, 0) : sqlite3_errmsg (db));
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  if (query_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'account'") == 1)
    *out_accounts = query_int (db, "SELECT count(*) FROM account WHERE deleted = 0");
  sqlite3_close (db);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdStore) store = rd_store_new (path, NULL, &error);

    if (store == NULL)
      {
        g_string_append_printf (problems, "RdStore cannot open it: %s; ", error->message);
        ok = FALSE;
      }
  }
  return ok;
}

static void
report (const char *name,
        Figures    *figures)
{
  g_test_message ("figures: %s iterations %u kills %u failures %u", name, figures->iterations,
                  figures->kills, figures->failures);
  g_assert_cmpuint (figures->failures, ==, 0);
}

/* Import */

static char *
write_csv (void)
{
  g_autoptr(GString) text = g_string_new ("Name,Customer number,Currency,Annual value,"
                                          "Contract end,Notice days\n");
  char *path = g_build_filename (workdir, "accounts.csv", NULL);

  for (guint i = 0; i < N_ROWS; i++)
    g_string_append_printf (text, "Account %05u Ltd,C-%05u,EUR,%u.00,20%02u-%02u-%02u,%u\n",
                            i, i, 1000 + i * 7, 27 + i % 3, 1 + i % 12, 1 + i % 28, 30 + i % 60);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return path;
}

static void
test_import (void)
{
  g_autofree char *csv = write_csv ();
  g_autofree char *arg = g_strconcat ("--import-csv=", csv, NULL);
  Figures figures = { 0 };
  gint64 full_us;

  /* How long a whole import takes: the kills fall anywhere inside that. */
  {
    g_autofree char *db = g_build_filename (workdir, "reference.db", NULL);
    g_autoptr(GString) problems = g_string_new (NULL);
    gint64 start = g_get_monotonic_time ();
    gint64 accounts;

    g_assert_cmpint (run_binary (db, arg), ==, 0);
    full_us = g_get_monotonic_time () - start;
    g_assert_true (check_database (db, &accounts, problems));
    g_assert_cmpint (accounts, ==, N_ROWS);
    g_test_message ("a whole import of %u rows: %" G_GINT64_FORMAT " ms", N_ROWS, full_us / 1000);
  }

  for (guint i = 0; i < iterations; i++)
    {
      g_autofree char *db = g_strdup_printf ("%s/import-%u.db", workdir, i);
      g_autoptr(GString) problems = g_string_new (NULL);
      gint64 delay = g_test_rand_int_range (0, (gint32) MAX (full_us, 1000));
      gint64 accounts = 0;
      gboolean ok;

      figures.iterations++;
      if (run_and_kill (db, arg, delay))
        figures.kills++;

      ok = check_database (db, &accounts, problems);
      if (accounts != 0 && accounts != N_ROWS)
        {
          g_string_append_printf (problems, "%" G_GINT64_FORMAT " accounts after the kill; ",
                                  accounts);
          ok = FALSE;
        }
      /* Again, to the end: exactly the accounts of one import. */
      if (run_binary (db, arg) != 0)
        {
          g_string_append (problems, "the rerun failed; ");
          ok = FALSE;
        }
      else if (!check_database (db, &accounts, problems) || accounts != N_ROWS)
        {
          g_string_append_printf (problems, "%" G_GINT64_FORMAT " accounts after the rerun; ",
                                  accounts);
          ok = FALSE;
        }
      if (!ok)
        {
          figures.failures++;
          g_test_message ("import %u (killed after %" G_GINT64_FORMAT " ms): %s", i, delay / 1000,
                          problems->str);
        }
      g_unlink (db);
      {
        g_autofree char *wal = g_strconcat (db, "-wal", NULL);
        g_autofree char *shm = g_strconcat (db, "-shm", NULL);

        g_unlink (wal);
        g_unlink (shm);
      }
    }
  report ("import", &figures);
}

/* Sync */

static void
test_sync (void)
{
  g_autofree char *url = rd_test_couch_new_database (couch);
  g_autofree char *arg = NULL;
  g_autofree char *seed = g_build_filename (workdir, "seed.db", NULL);
  Figures figures = { 0 };
  gint64 server_accounts;
  gint64 full_us;

  /* user:password@ in the URL: --sync reads them from there. */
  {
    g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
    g_autofree char *with_user = g_strdup_printf ("http://%s:%s@127.0.0.1:%d%s",
                                                  RD_TEST_COUCH_ADMIN, RD_TEST_COUCH_PASSWORD,
                                                  g_uri_get_port (uri), g_uri_get_path (uri));

    arg = g_strconcat ("--sync-url=", with_user, NULL);
  }

  /* The server's portfolio, pushed once from a sample. */
  {
    g_autoptr(GString) problems = g_string_new (NULL);

    g_assert_cmpint (run_binary (seed, "--sample=150"), ==, 0);
    g_assert_true (check_database (seed, &server_accounts, problems));
    g_assert_cmpint (server_accounts, ==, 150);
    g_setenv ("RENEWAL_DESK_SYNC_URL", strchr (arg, '=') + 1, TRUE);
    g_assert_cmpint (run_binary (seed, "--sync"), ==, 0);
  }

  /* How long a whole first pull takes. */
  {
    g_autofree char *db = g_build_filename (workdir, "pull-reference.db", NULL);
    g_autoptr(GString) problems = g_string_new (NULL);
    gint64 start = g_get_monotonic_time ();
    gint64 accounts;

    g_assert_cmpint (run_binary (db, "--sync"), ==, 0);
    full_us = g_get_monotonic_time () - start;
    g_assert_true (check_database (db, &accounts, problems));
    g_assert_cmpint (accounts, ==, server_accounts);
    g_test_message ("a whole first pull of %" G_GINT64_FORMAT " accounts: %" G_GINT64_FORMAT " ms",
                    server_accounts, full_us / 1000);
  }

  for (guint i = 0; i < iterations; i++)
    {
      g_autofree char *db = g_strdup_printf ("%s/pull-%u.db", workdir, i);
      g_autoptr(GString) problems = g_string_new (NULL);
      gint64 delay = g_test_rand_int_range (0, (gint32) MAX (full_us, 1000));
      gint64 accounts = 0;
      gboolean ok;

      figures.iterations++;
      if (run_and_kill (db, "--sync", delay))
        figures.kills++;

      ok = check_database (db, &accounts, problems);
      if (accounts < 0 || accounts > server_accounts)
        {
          g_string_append_printf (problems, "%" G_GINT64_FORMAT " accounts after the kill; ",
                                  accounts);
          ok = FALSE;
        }
      if (run_binary (db, "--sync") != 0)
        {
          g_string_append (problems, "the second --sync failed; ");
          ok = FALSE;
        }
      else if (!check_database (db, &accounts, problems) || accounts != server_accounts)
        {
          g_string_append_printf (problems, "%" G_GINT64_FORMAT " accounts after the second "
                                  "--sync, the server has %" G_GINT64_FORMAT "; ",
                                  accounts, server_accounts);
          ok = FALSE;
        }
      if (!ok)
        {
          figures.failures++;
          g_test_message ("sync %u (killed after %" G_GINT64_FORMAT " ms): %s", i, delay / 1000,
                          problems->str);
        }
    }
  report ("sync", &figures);
}

int
main (int argc, char **argv)
{
  const char *n = g_getenv ("RD_KILL_ITERATIONS");
  int status;

  /* The binary is a GApplication: on a bus of its own, no other test's
   * instance can take its command line. */
  rd_test_session_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  if (n != NULL)
    iterations = (guint) g_ascii_strtoull (n, NULL, 10);
  workdir = g_dir_make_tmp ("rd-kill-XXXXXX", NULL);
  g_assert_nonnull (workdir);
  g_setenv ("XDG_DATA_HOME", workdir, TRUE);    /* the automatic backups */
  couch = rd_test_couch_start (0);

  g_test_add_func ("/kill/import", test_import);
  g_test_add_func ("/kill/sync", test_sync);

  status = g_test_run ();
  rd_test_couch_stop (couch);
  rd_test_remove_tree (workdir);
  g_free (workdir);
  rd_test_session_stop ();
  return status;
}
