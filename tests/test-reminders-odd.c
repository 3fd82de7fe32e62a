/* test-reminders-odd.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One odd record must not break reminders for the whole book: an account
 * whose name is 300 characters long (longer than this version writes; an
 * older version or another writer put it there) and accounts on odd but
 * valid dates (the last day of year 9999, a leap day, the first day of
 * 1900).  Reminder derivation and --export-ics, through the real binary,
 * still cover the rest of the book, with titles shortened.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-ical.h"
#include "rd-reminder-refresh.h"
#include "rd-reminders.h"
#include "rd-store.h"
#include "rd-test-util.h"

#define N_ACCOUNTS 12

typedef struct
{
  char      *dir;
  char      *db;
  GPtrArray *ids;       /* account uuids of the sample, in list order */
  char      *long_name;
} Fixture;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  sqlite3 *db = NULL;

  f->db = rd_test_make_tmp_db (&f->dir);
  {
    g_autoptr(RdStore) store = rd_store_new (f->db, NULL, &error);
    g_autoptr(GPtrArray) accounts = NULL;

    g_assert_no_error (error);
    g_assert_true (rd_store_fill_sample (store, N_ACCOUNTS, 7, &error));
    g_assert_no_error (error);
    accounts = rd_store_list_documents (store, "account", NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (accounts->len, ==, N_ACCOUNTS);
    f->ids = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; i < accounts->len; i++)
      g_ptr_array_add (f->ids, g_strdup (json_object_get_string_member (g_ptr_array_index (accounts, i),
                                                                        "_id")));
  }

  /* 300 characters, not all of them ASCII. */
  while (g_utf8_strlen (name->str, -1) < 300)
    g_string_append (name, "Überlange Aktiengesellschaft für Vertragsverlängerungen ");
  f->long_name = g_utf8_substring (name->str, 0, 300);

  /* Written behind the store's back, as another writer would have. */
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  {
    const char *uuid0 = strchr (g_ptr_array_index (f->ids, 0), ':') + 1;
    const char *uuid1 = strchr (g_ptr_array_index (f->ids, 1), ':') + 1;
    const char *uuid2 = strchr (g_ptr_array_index (f->ids, 2), ':') + 1;
    const char *uuid3 = strchr (g_ptr_array_index (f->ids, 3), ':') + 1;
    char *sql = sqlite3_mprintf (
      "UPDATE account SET name = %Q, status = NULL, contract_end = '2027-09-30', "
      "  effective_end = NULL WHERE id = %Q;"
      "UPDATE account SET status = NULL, contract_end = '9999-12-31', effective_end = NULL "
      "  WHERE id = %Q;"
      "UPDATE account SET status = NULL, contract_end = '2028-02-29', effective_end = NULL "
      "  WHERE id = %Q;"
      "UPDATE account SET status = NULL, contract_end = '1900-01-01', effective_end = NULL "
      "  WHERE id = %Q;",
      f->long_name, uuid0, uuid1, uuid2, uuid3);
    char *check;

    exec_sql (db, sql);
    sqlite3_free (sql);
    g_assert_cmpint (sqlite3_changes (db), ==, 1);
    check = sqlite3_mprintf ("SELECT 1 FROM account WHERE name = %Q", f->long_name);
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, check, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      sqlite3_finalize (stmt);
    }
    sqlite3_free (check);
  }
  sqlite3_close (db);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->long_name);
  g_ptr_array_unref (f->ids);
}

/* Open reminders of account @id of @kind. */
static guint
count_for (GPtrArray  *reminders,
           const char *id,
           const char *kind)
{
  const char *uuid = strchr (id, ':') + 1;
  guint n = 0;

  for (guint i = 0; i < reminders->len; i++)
    {
      JsonObject *r = g_ptr_array_index (reminders, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (r, "account_id", NULL), uuid) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (r, "kind", NULL), kind) == 0)
        n++;
    }
  return n;
}

static void
test_derive (Fixture       *f,
             gconstpointer  data)
{
  const char *zones[] = { "UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Europe/Berlin" };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdStore) store = rd_store_new (f->db, NULL, &error);
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zones[z]);
      g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 1, 12, 0, 0);
      g_autoptr(GPtrArray) reminders = NULL;
      RdReminderPrefs prefs;
      guint changed = 0;

      g_assert_no_error (error);
      g_assert_nonnull (tz);
      rd_reminder_prefs_init (&prefs);
      g_assert_true (rd_reminders_refresh_full (store, &prefs, tz, now, &changed, &error));
      g_assert_no_error (error);
      reminders = rd_reminders_list_open (store, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %u written, %u open", zones[z], changed, reminders->len);

      /* The long name, the year 9999 and the leap day each have their
       * contract end; the other accounts are not lost on the way. */
      g_assert_cmpuint (count_for (reminders, g_ptr_array_index (f->ids, 0), "contract_end"), ==, 1);
      g_assert_cmpuint (count_for (reminders, g_ptr_array_index (f->ids, 1), "contract_end"), ==, 1);
      g_assert_cmpuint (count_for (reminders, g_ptr_array_index (f->ids, 2), "contract_end"), ==, 1);
      g_assert_cmpuint (reminders->len, >=, N_ACCOUNTS / 2);

      for (guint i = 0; i < reminders->len; i++)
        {
          JsonObject *r = g_ptr_array_index (reminders, i);
          const char *title = json_object_get_string_member (r, "title");

          g_assert_true (g_utf8_validate (title, -1, NULL));
          g_assert_cmpint (g_utf8_strlen (title, -1), <=, RD_REMINDER_TITLE_MAX_CHARS);
          if (count_for (reminders, g_ptr_array_index (f->ids, 0), "contract_end") &&
              g_strcmp0 (json_object_get_string_member_with_default (r, "account_id", ""),
                         strchr (g_ptr_array_index (f->ids, 0), ':') + 1) == 0)
            {
              g_assert_nonnull (strstr (title, "…"));
              g_assert_null (strstr (title, f->long_name));
            }
        }

      /* A second refresh finds nothing to change. */
      g_assert_true (rd_reminders_refresh_full (store, &prefs, tz, now, &changed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (changed, ==, 0);
    }
}

/* Reminders stored by another writer: one with a 300-character title
 * that is now retired (its tombstone keeps a shortened title), and one this
 * version cannot write back (a snooze that is not a time), which is left as
 * it is, with a warning and a count, while the rest are written. */
static void
test_stored_reminders (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 1, 12, 0, 0);
  const char *uuid4 = strchr (g_ptr_array_index (f->ids, 4), ':') + 1;
  const char *uuid5 = strchr (g_ptr_array_index (f->ids, 5), ':') + 1;
  g_autoptr(GPtrArray) reminders = NULL;
  RdReminderPrefs prefs;
  guint changed = 0;
  guint skipped = 0;

  rd_reminder_prefs_init (&prefs);
  {
    g_autoptr(RdStore) store = rd_store_new (f->db, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (rd_reminders_refresh_full (store, &prefs, tz, now, &changed, &error));
    g_assert_no_error (error);
  }
  {
    sqlite3 *db = NULL;
    char *sql = sqlite3_mprintf (
      "UPDATE account SET status = NULL, contract_end = '2027-10-31', effective_end = NULL "
      "  WHERE id = %Q;"
      "UPDATE reminder SET title = %Q WHERE account_id = %Q AND kind = 'contract_end';"
      "UPDATE account SET name = 'Renamed Ltd' WHERE id = %Q;"
      "UPDATE reminder SET snoozed_until = 'not a time' WHERE account_id = %Q"
      "  AND kind = 'contract_end';",
      uuid4, f->long_name, uuid4, uuid5, uuid5);

    g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
    exec_sql (db, sql);
    sqlite3_free (sql);
    sqlite3_close (db);
  }
  {
    g_autoptr(RdStore) store = rd_store_new (f->db, NULL, &error);
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 1);

    g_assert_no_error (error);
    g_test_expect_message ("rd-reminders", G_LOG_LEVEL_WARNING, "Reminder reminder:*");
    g_assert_true (rd_reminders_refresh_counted (store, &prefs, tz, later, &changed, &skipped,
                                                 &error));
    g_test_assert_expected_messages ();
    g_assert_no_error (error);
    g_test_message ("%u written, %u left as they were", changed, skipped);
    g_assert_cmpuint (skipped, ==, 1);
    g_assert_cmpuint (changed, >, 0);

    reminders = rd_reminders_list_open (store, &error);
    g_assert_no_error (error);
    /* The long-titled one gave way to the new date's. */
    g_assert_cmpuint (count_for (reminders, g_ptr_array_index (f->ids, 4), "contract_end"), ==, 1);
    for (guint i = 0; i < reminders->len; i++)
      g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (g_ptr_array_index (reminders, i),
                                                                     "title"), -1),
                       <=, RD_REMINDER_TITLE_MAX_CHARS);
  }
}

static int
run_binary (const char  *tz,
            char       **out_stderr,
            const char  *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("RD_BINARY");
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "TZ", tz, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, out_stderr, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_export_ics (Fixture       *f,
                 gconstpointer  data)
{
  const char *zones[] = { "UTC", "Pacific/Kiritimati", "Etc/GMT+12" };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autofree char *db_arg = g_strconcat ("--db=", f->db, NULL);
      g_autofree char *ics = g_build_filename (f->dir, "out.ics", NULL);
      g_autofree char *ics_arg = g_strconcat ("--export-ics=", ics, NULL);
      g_autofree char *err = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) events = NULL;
      g_autofree char *wanted = NULL;
      g_autofree char *name_start = g_utf8_substring (f->long_name, 0, 20);
      int status;

      g_unlink (ics);
      status = run_binary (zones[z], &err, db_arg, ics_arg, NULL);
      g_test_message ("TZ=%s: exit %d, %s", zones[z], status, err);
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_file_get_contents (ics, &text, NULL, &error));
      g_assert_no_error (error);

      events = g_strsplit (text, "BEGIN:VEVENT", -1);
      g_assert_cmpuint (g_strv_length (events) - 1, >=, N_ACCOUNTS / 2);
      /* The year 9999, the leap day and the long name are in it. */
      g_assert_nonnull (strstr (text, "DTSTART:9999"));
      g_assert_true (strstr (text, "DTSTART:20280229") != NULL ||
                     strstr (text, "DTSTART:20280228T19") != NULL);   /* UTC+14 */
      wanted = g_strconcat ("SUMMARY:", name_start, NULL);
      g_assert_nonnull (strstr (text, wanted));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/reminders/odd/derive", Fixture, NULL, fixture_setup, test_derive,
              fixture_teardown);
  g_test_add ("/reminders/odd/stored-reminders", Fixture, NULL, fixture_setup,
              test_stored_reminders, fixture_teardown);
  g_test_add ("/reminders/odd/export-ics", Fixture, NULL, fixture_setup, test_export_ics,
              fixture_teardown);

  return g_test_run ();
}
