/* test-cli.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "rd-document.h"
#include "rd-test-util.h"

/* Runs the real renewal-desk binary, as a user or a script would. */

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("rd-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "cli.db", NULL);
}


static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static int
run_argv (GPtrArray  *argv,
          char      **out_stdout,
          char      **out_stderr);

/* Runs the binary with @args (NULL-terminated); returns its exit status. */
static int
run (char       **out_stdout,
     char       **out_stderr,
     const char  *first_arg,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *binary = g_getenv ("RD_BINARY");
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);

  return run_argv (argv, out_stdout, out_stderr);
}

/* The same, with the whole process living on @day (faketime). */
static int
run_on (const char  *day,
        const char  *first_arg,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *stamp = g_strconcat (day, " 12:00:00", NULL);
  const char *binary = g_getenv ("RD_BINARY");
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) "faketime");
  g_ptr_array_add (argv, stamp);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);

  return run_argv (argv, NULL, NULL);
}

static int
run_argv (GPtrArray  *argv,
          char      **out_stdout,
          char      **out_stderr)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);

  return g_subprocess_get_exit_status (process);
}


static void
test_sample_then_refuse (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *json = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--sample=7", NULL), ==, 0);

  /* a non-empty database is not filled again */
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--sample", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "already has accounts"));

  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--export-json", json, NULL), ==, 0);
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"type\" : \"account\""));
  g_assert_nonnull (strstr (contents, "\"type\" : \"contact\""));
}

static void
test_roundtrip_into_empty (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *first = g_build_filename (f->dir, "first.json", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.json", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;

  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--sample=5", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--export-json", first, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", other, "--import-json", first, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", other, "--export-json", second, NULL), ==, 0);

  a = rd_test_read_bytes (first);
  b = rd_test_read_bytes (second);
  g_assert_true (g_bytes_equal (a, b));
}

typedef struct
{
  const char *name;
  const char *json;
  const char *expected;   /* in stderr */
} BadImport;

static const BadImport bad_imports[] = {
  { "unknown-type", "[{\"_id\":\"gadget:1\",\"type\":\"gadget\"}]", "gadget" },
  { "unknown-enum",
    "[{\"_id\":\"account:0b6f3a52-1c7e-4f55-9d4e-2a1b7c9e5f10\",\"type\":\"account\","
    "\"name\":\"A\",\"currency\":\"EUR\",\"stage\":\"sleeping\"}]",
    "account:0b6f3a52-1c7e-4f55-9d4e-2a1b7c9e5f10" },
  { "malformed-date",
    "[{\"_id\":\"account:0b6f3a52-1c7e-4f55-9d4e-2a1b7c9e5f10\",\"type\":\"account\","
    "\"name\":\"A\",\"currency\":\"EUR\",\"contract_end\":\"31/12/2026\"}]",
    "contract_end" },
  { "broken-reference",
    "[{\"_id\":\"contact:5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\",\"type\":\"contact\","
    "\"account_id\":\"99999999-9999-4999-8999-999999999999\",\"name\":\"Ann\"}]",
    "contact:5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
  { "not-json", "[{\"_id\": ", "" },
};

static void
test_bad_import_changes_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--sample=3", NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad_imports); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/%s.json", f->dir, bad_imports[i].name);
      g_autofree char *err = NULL;
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;

      g_test_message ("case %s", bad_imports[i].name);
      g_assert_true (g_file_set_contents (file, bad_imports[i].json, -1, NULL));

      before = rd_test_read_bytes (f->db);
      g_assert_cmpint (run (NULL, &err, "--db", f->db, "--import-json", file, NULL), !=, 0);
      after = rd_test_read_bytes (f->db);

      g_assert_nonnull (strstr (err, "renewal-desk: "));
      g_assert_nonnull (strstr (err, bad_imports[i].expected));
      g_assert_true (g_bytes_equal (before, after));
    }
}

static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  before = rd_test_read_bytes (f->db);
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--sample", NULL), !=, 0);
  after = rd_test_read_bytes (f->db);

  g_assert_nonnull (strstr (err, "newer"));
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_missing_import_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--import-json", "/nonexistent/file.json", NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err, "/nonexistent/file.json"));
  /* nothing was created either */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Started without a command-line job, the app opens its window and stays:
 * opening the database asynchronously must not let it quit meanwhile. */
static void
test_window_stays_open (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean waited = FALSE;

  g_assert_nonnull (g_getenv ("DISPLAY"));   /* tools/test runs under Xvfb */
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--sample=3", NULL), ==, 0);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, g_getenv ("RD_BINARY"), "--db", f->db, NULL);
  g_assert_no_error (error);

  g_timeout_add_seconds (3, on_timeout_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);

  /* still running: a finished process has no identifier */
  g_assert_nonnull (g_subprocess_get_identifier (process));
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
}

/* Without a display the window cannot be shown: a clear message and a
 * failed exit, not a crash. */
static void
test_window_without_display (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "DISPLAY", ":9876", TRUE);
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RD_BINARY"),
                                         "--db", f->db, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "Cannot open the display"));
}

static void
test_bad_sample_count (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--sample=lots", NULL), !=, 0);
  g_assert_cmpstr (err, !=, "");
}

/* --import-csv is all or nothing and names the line and column; --export-csv
 * writes what it reads back. */
static void
test_csv_import_export (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *good = g_build_filename (f->dir, "good.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *err = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *exported = NULL;

  g_assert_true (g_file_set_contents (good,
                                      "\xEF\xBB\xBF" "Firmenname;Vertragsende;Jahreswert;Währung\r\n"
                                      "Bergmann GmbH;31.12.2026;1.234,50;EUR\r\n"
                                      "Hansa AG;30.06.2027;\"12.000,00\";EUR\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad,
                                      "Name,Currency,Contract End\n"
                                      "Summit Ltd,GBP,2027-01-15\n"
                                      "Harbor Group,XXX,2027-01-15\n", -1, NULL));

  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--import-csv", bad, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "Line 3, column 2"));
  g_assert_nonnull (strstr (err, "nothing was changed"));

  g_assert_cmpint (run (&stdout_text, NULL, "--db", f->db, "--import-csv", good, NULL), ==, 0);
  g_assert_nonnull (strstr (stdout_text, "2 new"));
  g_clear_pointer (&stdout_text, g_free);
  /* again: nothing new */
  g_assert_cmpint (run (&stdout_text, NULL, "--db", f->db, "--import-csv", good, NULL), ==, 0);
  g_assert_nonnull (strstr (stdout_text, "0 new, 0 updated, 2 unchanged"));

  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--export-csv", out, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out, &exported, NULL, NULL));
  g_assert_true (g_str_has_prefix (exported, "id,name,external_id,"));
  g_assert_nonnull (strstr (exported, "Bergmann GmbH,,,,EUR,1234.50,,2026-12-31,"));

  g_assert_cmpint (run (NULL, NULL, "--db", other, "--import-csv", out, NULL), ==, 0);
  g_clear_pointer (&stdout_text, g_free);
  g_assert_cmpint (run (&stdout_text, NULL, "--db", other, "--import-csv", out, NULL), ==, 0);
  g_assert_nonnull (strstr (stdout_text, "2 unchanged"));
}

/* An export is as of the day it runs, with nothing edited in between. */
/* Starts the binary with @args, without waiting. */
static GSubprocess *
spawn (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer) g_getenv ("RD_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  return process;
}

/* "Imported FILE: 12 new, 0 updated, …": the 12. */
static guint
count_new (const char *out)
{
  const char *numbers = strstr (out, ": ");
  guint n_new = G_MAXUINT;

  g_assert_nonnull (numbers);
  g_assert_cmpint (sscanf (numbers + 2, "%u new", &n_new), ==, 1);
  return n_new;
}

static gint64
count_rows (const char *db,
            const char *sql)
{
  sqlite3 *conn = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (conn, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (conn);
  return n;
}

/* Two --import-csv of one file without an id column, at the same time (a
 * script and a window, two colleagues on one database…): each matches and
 * writes in one write transaction, so the second waits for the first and
 * then finds its accounts.  The database ends with the accounts of one
 * import, each once, however often the race is run. */
static void
test_csv_concurrent_imports (Fixture       *f,
                             gconstpointer  data)
{
  const guint n = 2000;
  g_autofree char *csv = g_build_filename (f->dir, "book.csv", NULL);
  g_autofree char *json = g_build_filename (f->dir, "empty.json", NULL);
  g_autoptr(GString) text = g_string_new ("Company,Currency,ARR,Renewal date,Contact,Email\n");
  const char * const args[] = { "--db", f->db, "--import-csv", csv, NULL };

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "Customer %04u,EUR,%u.00,2027-%02u-28,Person %u,"
                            "person%u@example.com\n", i, 1000 + i, 1 + i % 12, i, i);
  g_assert_true (g_file_set_contents (csv, text->str, (gssize) text->len, NULL));

  /* The database exists before the race, which is about the import. */
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--export-json", json, NULL), ==, 0);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GSubprocess) a = spawn (args);
      g_autoptr(GSubprocess) b = spawn (args);
      g_autofree char *out_a = NULL;
      g_autofree char *out_b = NULL;
      g_autofree char *err_a = NULL;
      g_autofree char *err_b = NULL;
      g_autoptr(GError) error = NULL;

      g_subprocess_communicate_utf8 (a, NULL, NULL, &out_a, &err_a, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (b, NULL, NULL, &out_b, &err_b, &error);
      g_assert_no_error (error);
      g_test_message ("round %u: %s%s%s%s", round, out_a, err_a, out_b, err_b);

      g_assert_cmpint (g_subprocess_get_exit_status (a), ==, 0);
      g_assert_cmpint (g_subprocess_get_exit_status (b), ==, 0);
      /* One of them added every account; the other, and every later round, none. */
      g_assert_cmpuint (count_new (out_a) + count_new (out_b), ==, round == 0 ? n : 0);

      g_assert_cmpint (count_rows (f->db, "SELECT COUNT(*) FROM account WHERE deleted = 0"),
                       ==, n);
      g_assert_cmpint (count_rows (f->db, "SELECT COUNT(DISTINCT name) FROM account"), ==, n);
      g_assert_cmpint (count_rows (f->db, "SELECT COUNT(*) FROM contact WHERE deleted = 0"),
                       ==, n);
    }
}

static gint64
exported_risk (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_documents_load_file (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      if (g_str_equal (json_object_get_string_member (doc, "type"), "account"))
        return json_object_get_int_member_with_default (doc, "risk_score", -1);
    }
  g_assert_not_reached ();
}

static void
test_export_true_today (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *in = g_build_filename (f->dir, "in.json", NULL);
  g_autofree char *early = g_build_filename (f->dir, "early.json", NULL);
  g_autofree char *late = g_build_filename (f->dir, "late.json", NULL);
  static const char book[] =
    "[{\"_id\": \"account:7d2c5a4e-1111-4c3b-9a55-0a1b2c3d4e5f\", \"type\": \"account\","
    " \"name\": \"Kovács és Társa Kft.\", \"currency\": \"HUF\","
    " \"contract_start\": \"2026-07-01\", \"contract_end\": \"2027-06-30\"}]";

  g_assert_true (g_file_set_contents (in, book, -1, NULL));
  g_assert_cmpint (run_on ("2026-12-04", "--db", f->db, "--import-json", in, NULL), ==, 0);
  g_assert_cmpint (run_on ("2026-12-04", "--db", f->db, "--export-json", early, NULL), ==, 0);
  /* Ten days past the contract end: overdue, without any edit. */
  g_assert_cmpint (run_on ("2027-07-10", "--db", f->db, "--export-json", late, NULL), ==, 0);

  g_assert_cmpint (exported_risk (late), >, exported_risk (early));
}

/* An empty --db is a script's unset variable, not a wish for the default
 * database: refused before anything is opened or written. */
static void
test_empty_db_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *json = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &err, "--db", "", "--export-json", json, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "--db"));
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
}

/* A read-only export while another process holds the write lock (a long
 * import): the export reads the last committed state instead of failing
 * with "database is locked". */
static void
test_export_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *json = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *err = NULL;
  sqlite3 *writer = NULL;

  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--sample=3", NULL), ==, 0);
  /* Derive today's values first, as the import's process would have done. */
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--export-json", json, NULL), ==, 0);
  g_assert_no_errno (g_unlink (json));

  g_assert_cmpint (sqlite3_open (f->db, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE; UPDATE account SET notes = 'x'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--export-json", json, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));

  sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (writer);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  return st.st_mode & 0777;
}

/* Every file that holds customer data is the user's alone, whatever the
 * umask; and a database that was readable by others is made private, with
 * its -wal and -shm. */
static void
test_files_private (Fixture       *f,
                    gconstpointer  data)
{
  static const char book[] =
    "[{\"_id\": \"account:7d2c5a4e-1111-4c3b-9a55-0a1b2c3d4e5f\", \"type\": \"account\","
    " \"name\": \"Kovács és Társa Kft.\", \"currency\": \"HUF\","
    " \"contract_start\": \"2026-07-01\", \"contract_end\": \"2027-06-30\"}]";
  g_autofree char *in = g_build_filename (f->dir, "in.json", NULL);
  g_autofree char *md = g_build_filename (f->dir, "weekly.md", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "weekly.pdf", NULL);
  g_autofree char *summary = g_build_filename (f->dir, "summary.pdf", NULL);
  g_autofree char *ics = g_build_filename (f->dir, "due.ics", NULL);
  g_autofree char *json = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
  const char * const outputs[] = { md, pdf, summary, ics };
  mode_t old_umask = umask (022);
  sqlite3 *reader = NULL;

  g_assert_true (g_file_set_contents (in, book, -1, NULL));
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--import-json", in, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--weekly-update", "--output", md, NULL),
                   ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--weekly-update", "--output", pdf, NULL),
                   ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--summary", "Kovács és Társa Kft.",
                        "--output", summary, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--export-ics", ics, NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_test_message ("%s", outputs[i]);
      g_assert_cmpuint (file_mode (outputs[i]), ==, 0600);
    }

  /* An older database, readable by all; another process keeps -wal/-shm. */
  g_assert_no_errno (g_chmod (f->db, 0644));
  g_assert_cmpint (sqlite3_open (f->db, &reader), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "SELECT COUNT(*) FROM account", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpuint (file_mode (wal), ==, 0644);

  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--export-json", json, NULL), ==, 0);
  g_assert_cmpuint (file_mode (f->db), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);

  sqlite3_close (reader);
  umask (old_umask);
}

/* A deleted account with a live stakeholder was imported. */
static void
test_live_under_deleted (Fixture       *f,
                         gconstpointer  data)
{
  static const char book[] =
    "[{\"_id\": \"account:7d2c5a4e-1111-4c3b-9a55-0a1b2c3d4e5f\", \"type\": \"account\","
    " \"name\": \"Gone Ltd\", \"currency\": \"EUR\", \"_deleted\": true},"
    " {\"_id\": \"contact:8e3d6b5f-2222-4d4c-8b66-1b2c3d4e5f60\", \"type\": \"contact\","
    " \"account_id\": \"7d2c5a4e-1111-4c3b-9a55-0a1b2c3d4e5f\", \"name\": \"Ann Lee\"}]";
  g_autofree char *in = g_build_filename (f->dir, "in.json", NULL);
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (in, book, -1, NULL));
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--import-json", in, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "is deleted"));
  g_assert_cmpint (count_rows (f->db, "SELECT COUNT(*) FROM contact"), ==, 0);
}

/* Runs @binary-args in @dir; returns the exit status. */
static int
run_in_dir (const char  *dir,
            char       **out_stderr,
            const char  *first_arg,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("RD_BINARY"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, out_stderr, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static char *
pdf_flat_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strdelimit (out, "\n", ' ');
  return g_steal_pointer (&out);
}

#define KIT_ACCOUNT "Acme Corp"
#define KIT_REFERENCE "Beta Works"

/* The two documents from the command line: the brief says what we think,
 * the summary never does; the reference flag survives export and import. */
static void
test_brief_and_summary (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *json = g_build_filename (f->dir, "kit.json", NULL);
  g_autofree char *exported = g_build_filename (f->dir, "exported.json", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again.json", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "second.db", NULL);
  g_autofree char *brief = g_build_filename (f->dir, "brief.pdf", NULL);
  g_autofree char *summary = g_build_filename (f->dir, "summary.pdf", NULL);
  g_autofree char *wrong = g_build_filename (f->dir, "brief.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autofree char *proposed = g_build_filename (f->dir, KIT_ACCOUNT " – Executive summary.pdf", NULL);
  g_autofree char *proposed_brief = g_build_filename (f->dir, KIT_ACCOUNT " – Internal brief.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *documents =
    "[{\"_id\": \"account:11111111-1111-4111-8111-111111111111\", \"type\": \"account\","
    "  \"name\": \"" KIT_ACCOUNT "\", \"currency\": \"USD\", \"industry\": \"Logistics\","
    "  \"country\": \"US\", \"annual_value_minor\": 5000000, \"contract_end\": \"2030-06-30\","
    "  \"roi_benefit_minor\": 9000000, \"notes\": \"Internal: the CFO dislikes us.\"},"
    " {\"_id\": \"account:22222222-2222-4222-8222-222222222222\", \"type\": \"account\","
    "  \"name\": \"" KIT_REFERENCE "\", \"currency\": \"USD\", \"industry\": \"Logistics\","
    "  \"country\": \"CA\", \"reference_ok\": true},"
    " {\"_id\": \"delay:33333333-3333-4333-8333-333333333333\", \"type\": \"delay\","
    "  \"account_id\": \"11111111-1111-4111-8111-111111111111\", \"communicated_on\": \"2026-01-05\","
    "  \"stated_reason\": \"Waiting on a competing offer\", \"cause\": \"shopping\","
    "  \"signals\": [\"evaluating_alternatives\"], \"status\": \"open\"}]";

  g_assert_true (g_file_set_contents (json, documents, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--import-json", json, NULL), ==, 0);

  /* reference_ok: exported, imported elsewhere, exported again. */
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--export-json", exported, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", db2, "--import-json", exported, "--export-json", again,
                        NULL), ==, 0);
  g_assert_true (g_file_get_contents (again, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"reference_ok\" : true"));
  g_assert_nonnull (strstr (contents, "\"roi_benefit_minor\" : 9000000"));

  /* The brief: our class and reasons. */
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--brief", KIT_ACCOUNT, "--output", brief, NULL),
                   ==, 0);
  text = pdf_flat_text (brief);
  g_assert_nonnull (strstr (text, "Internal brief"));
  g_assert_nonnull (strstr (text, "Risk"));
  g_assert_nonnull (strstr (text, "Reasons"));
  g_assert_nonnull (strstr (text, "Shopping around"));
  g_assert_nonnull (strstr (text, "the CFO dislikes us"));
  g_clear_pointer (&text, g_free);

  /* The summary: none of it, but the reference. */
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--summary", KIT_ACCOUNT, "--output", summary,
                        NULL), ==, 0);
  text = pdf_flat_text (summary);
  g_assert_nonnull (strstr (text, KIT_REFERENCE));
  g_assert_nonnull (strstr (text, "Three points for the decision"));
  g_assert_null (strstr (text, "Shopping around"));
  g_assert_null (strstr (text, "Assessed cause"));
  g_assert_null (strstr (text, "Risk"));
  g_assert_null (strstr (text, "the CFO dislikes us"));
  g_clear_pointer (&text, g_free);

  /* Without --output: the proposed name, in the current folder, once. */
  g_assert_cmpint (run_in_dir (f->dir, NULL, "--db", f->db, "--summary", KIT_ACCOUNT, NULL), ==, 0);
  g_assert_true (g_file_test (proposed, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (run_in_dir (f->dir, &err, "--db", f->db, "--summary", KIT_ACCOUNT, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "already exists"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_in_dir (f->dir, NULL, "--db", f->db, "--brief", KIT_ACCOUNT, NULL), ==, 0);
  g_assert_true (g_file_test (proposed_brief, G_FILE_TEST_IS_REGULAR));

  /* Bad input: a message, a failure, nothing written. */
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--brief", "No Such Account", "--output", missing,
                        NULL), !=, 0);
  g_assert_nonnull (strstr (err, "No account"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--brief", KIT_ACCOUNT, "--output", wrong, NULL),
                   !=, 0);
  g_assert_nonnull (strstr (err, "PDF"));
  g_assert_false (g_file_test (wrong, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--brief", KIT_ACCOUNT, "--summary", KIT_ACCOUNT,
                        "--output", missing, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "--brief"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

#define BRIDGE_BOOK_ACCOUNT \
  "{\"_id\": \"account:3a1f0c7e-3333-4b2a-9c11-5d6e7f809a1b\", \"type\": \"account\"," \
  " \"name\": \"Bridged Oy\", \"currency\": \"EUR\", \"annual_value_minor\": 1000000," \
  " \"contract_end\": \"2026-03-01\", \"effective_end\": \"2027-01-01\"}"
#define BRIDGE_DOC(uuid, kind, starts, ends) \
  "{\"_id\": \"bridge:" uuid "\", \"type\": \"bridge\"," \
  " \"account_id\": \"3a1f0c7e-3333-4b2a-9c11-5d6e7f809a1b\", \"kind\": \"" kind "\"," \
  " \"status\": \"accepted\", \"starts_on\": \"" starts "\", \"ends_on\": \"" ends "\"}"

static char *
account_effective_end (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *end = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT effective_end FROM account "
                                       "WHERE id = '3a1f0c7e-3333-4b2a-9c11-5d6e7f809a1b'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    end = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return end;
}

/* Accepted bridges may not overlap: the import is refused with a message
 * naming the bridge and nothing is written.  Without the overlap, the
 * effective end is derived from the bridges, not taken from the file. */
static void
test_import_overlapping_bridges (Fixture       *f,
                                 gconstpointer  data)
{
  static const char overlapping[] =
    "[" BRIDGE_BOOK_ACCOUNT ","
    BRIDGE_DOC ("4b2e1d8f-4444-4c3b-8d22-6e7f8091a2b3", "extension_30", "2026-03-02", "2026-03-31") ","
    BRIDGE_DOC ("5c3f2e90-5555-4d4c-9e33-7f8091a2b3c4", "paid_pilot_90", "2026-03-02", "2026-05-30") "]";
  static const char chained[] =
    "[" BRIDGE_BOOK_ACCOUNT ","
    BRIDGE_DOC ("4b2e1d8f-4444-4c3b-8d22-6e7f8091a2b3", "extension_30", "2026-03-02", "2026-03-31") ","
    BRIDGE_DOC ("5c3f2e90-5555-4d4c-9e33-7f8091a2b3c4", "paid_pilot_90", "2026-04-01", "2026-06-29") "]";
  g_autofree char *in = g_build_filename (f->dir, "bridges.json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--sample=2", NULL), ==, 0);
  g_assert_true (g_file_set_contents (in, overlapping, -1, NULL));
  before = rd_test_read_bytes (f->db);
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "--import-json", in, NULL), !=, 0);
  after = rd_test_read_bytes (f->db);
  g_assert_nonnull (strstr (err, "renewal-desk: "));
  g_assert_nonnull (strstr (err, "overlaps"));
  g_assert_nonnull (strstr (err, "bridge:"));
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (count_rows (f->db, "SELECT COUNT(*) FROM account "
                                      "WHERE id = '3a1f0c7e-3333-4b2a-9c11-5d6e7f809a1b'"), ==, 0);

  g_assert_true (g_file_set_contents (in, chained, -1, NULL));
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "--import-json", in, NULL), ==, 0);
  end = account_effective_end (f->db);
  g_assert_cmpstr (end, ==, "2026-06-29");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/csv/import-export", test_csv_import_export);
  ADD ("/cli/csv/concurrent-imports", test_csv_concurrent_imports);
  ADD ("/cli/sample/then-refuse", test_sample_then_refuse);
  ADD ("/cli/json/roundtrip-into-empty", test_roundtrip_into_empty);
  ADD ("/cli/json/bad-import-changes-nothing", test_bad_import_changes_nothing);
  ADD ("/cli/db/newer-schema-refused", test_newer_schema_refused);
  ADD ("/cli/json/missing-file", test_missing_import_file);
  ADD ("/cli/sample/bad-count", test_bad_sample_count);
  ADD ("/cli/window/stays-open", test_window_stays_open);
  ADD ("/cli/window/without-display", test_window_without_display);
  ADD ("/cli/json/export-true-today", test_export_true_today);
  ADD ("/cli/db/empty-path-refused", test_empty_db_refused);
  ADD ("/cli/db/export-while-writing", test_export_while_writing);
  ADD ("/cli/files/private", test_files_private);
  ADD ("/cli/json/live-under-deleted", test_live_under_deleted);
  ADD ("/cli/report/brief-and-summary", test_brief_and_summary);
  ADD ("/cli/json/overlapping-bridges-refused", test_import_overlapping_bridges);
#undef ADD

  return g_test_run ();
}
