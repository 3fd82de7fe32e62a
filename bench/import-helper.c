/* import-helper.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <sqlite3.h>

#include "rd-csv.h"
#include "rd-format.h"
#include "rd-sample.h"
#include "rd-sample-private.h"
#include "rd-store.h"

/* bench/import's helpers (not installed):
 *
 *   import-helper gen-csv N FILE   N accounts of the sample generator as a
 *                                  CRM-style CSV (one stakeholder per row)
 *   import-helper raw-insert DB FILE
 *                                  the physical limit: the same rows, parsed
 *                                  beforehand, inserted with one prepared
 *                                  INSERT in one transaction into a fresh
 *                                  database of the app's schema; prints
 *                                  "raw-insert-s X" (insert and commit only)
 *                                  and its CPU time ("raw-insert-cpu-s X");
 *                                  then the same again into DB.contacts with
 *                                  each row's stakeholder too, as the app
 *                                  stores them ("raw-insert-with-contacts-s",
 *                                  "raw-insert-with-contacts-cpu-s")
 */

/* User and system CPU seconds of this process so far. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static const char * const header[] = {
  "Company Name", "Account ID", "Industry", "Country", "Currency", "ARR",
  "Contract Start", "Renewal date", "Stage", "Status", "Cash stability", "Owner",
  "Contact", "Email",
};

static int
gen_csv (guint       n,
         const char *path)
{
  g_autoptr(RdSampleGenerator) generator = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GString) out = g_string_sized_new (n * 200);
  g_autoptr(GError) error = NULL;
  GDate today;

  rd_date_today (&today);
  generator = _rd_sample_generator_new (RD_SAMPLE_DEFAULT_SEED, &today);
  rd_csv_append_row (out, header, G_N_ELEMENTS (header), ',');

  for (guint i = 0; i < n; i++)
    {
      JsonObject *account;
      JsonObject *contact = NULL;
      gint64 minor;
      int digits;
      g_autofree char *value = NULL;
      const char *cells[G_N_ELEMENTS (header)];

      g_ptr_array_set_size (docs, 0);
      _rd_sample_generator_next (generator, docs);
      account = g_ptr_array_index (docs, 0);
      if (docs->len > 1)
        contact = g_ptr_array_index (docs, 1);

      minor = json_object_get_int_member_with_default (account, "annual_value_minor", 0);
      digits = rd_currency_minor_digits (json_object_get_string_member (account, "currency"));
      value = digits == 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, minor)
                          : g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", minor / 100,
                                             (int) (minor % 100));

#define S(m) json_object_get_string_member_with_default (account, m, "")
      cells[0] = S ("name");
      cells[1] = S ("external_id");
      cells[2] = S ("industry");
      cells[3] = S ("country");
      cells[4] = S ("currency");
      cells[5] = value;
      cells[6] = S ("contract_start");
      cells[7] = S ("contract_end");
      cells[8] = S ("stage");
      cells[9] = S ("status");
      cells[10] = S ("cash_stability");
      cells[11] = S ("owner");
#undef S
      cells[12] = contact ? json_object_get_string_member_with_default (contact, "name", "") : "";
      cells[13] = contact ? json_object_get_string_member_with_default (contact, "email", "") : "";
      rd_csv_append_row (out, cells, G_N_ELEMENTS (cells), ',');
    }

  if (!g_file_set_contents (path, out->str, (gssize) out->len, &error))
    {
      g_printerr ("import-helper: %s\n", error->message);
      return 1;
    }

  g_print ("csv-bytes %" G_GSIZE_FORMAT "\n", out->len);
  return 0;
}

/* A fresh database of the app's schema, created by the app. */
static gboolean
create_database (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (db_path, NULL, &error);

  if (store == NULL)
    {
      g_printerr ("import-helper: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

/* One prepared INSERT per row (and, @with_contacts, one per row's
 * stakeholder) in one transaction; the seconds of the inserts and the
 * commit (and their CPU seconds), or a negative number on failure. */
static double
time_inserts (const char *db_path,
              GPtrArray  *rows,
              gboolean    with_contacts,
              guint      *out_n_contacts,
              double     *out_cpu)
{
  g_autofree char *now = rd_instant_now ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *contact_stmt = NULL;
  gint64 t0, t1;

  *out_n_contacts = 0;
  if (!create_database (db_path) || sqlite3_open (db_path, &db) != SQLITE_OK)
    return -1;
  /* Set up as the app and its bulk writes are (rd-store.c, rd-store-sql.c): statement
   * journals (the schema's triggers need them) in memory, and a 128 MB page
   * cache.  With SQLite's default 2 MB cache the floor spilled pages to the
   * WAL mid-transaction and was ~1.5× slower than an honest raw insert. */
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
                "PRAGMA temp_store = MEMORY; "
                "PRAGMA cache_size = -131072;",
                NULL, NULL, NULL);

  t0 = g_get_monotonic_time ();
  *out_cpu = cpu_seconds ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db,
                      "INSERT INTO account (id, name, external_id, industry, country, currency, "
                      "annual_value_minor, contract_start, contract_end, stage, status, "
                      "cash_stability, owner, updated_at, dirty) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", -1, &stmt, NULL);
  if (with_contacts)
    sqlite3_prepare_v2 (db,
                        "INSERT INTO contact (id, account_id, name, email, active, updated_at, "
                        "dirty) VALUES (?, ?, ?, ?, 1, ?, 1)", -1, &contact_stmt, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv r = g_ptr_array_index (rows, i);
      g_autofree char *uuid = g_uuid_string_random ();

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, r[0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, r[1], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, r[2], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, r[3], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, r[4], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, g_ascii_strtoll (r[5], NULL, 10));
      sqlite3_bind_text (stmt, 8, r[6], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, r[7], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, r[8], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, r[9], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, r[10], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 13, r[11], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 14, now, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          g_printerr ("import-helper: %s\n", sqlite3_errmsg (db));
          return -1;
        }
      sqlite3_reset (stmt);

      if (contact_stmt != NULL && r[12][0] != '\0')
        {
          g_autofree char *contact_uuid = g_uuid_string_random ();

          sqlite3_bind_text (contact_stmt, 1, contact_uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (contact_stmt, 2, uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (contact_stmt, 3, r[12], -1, SQLITE_STATIC);
          sqlite3_bind_text (contact_stmt, 4, r[13], -1, SQLITE_STATIC);
          sqlite3_bind_text (contact_stmt, 5, now, -1, SQLITE_STATIC);
          if (sqlite3_step (contact_stmt) != SQLITE_DONE)
            {
              g_printerr ("import-helper: %s\n", sqlite3_errmsg (db));
              return -1;
            }
          sqlite3_reset (contact_stmt);
          (*out_n_contacts)++;
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (contact_stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  t1 = g_get_monotonic_time ();
  *out_cpu = cpu_seconds () - *out_cpu;
  sqlite3_close (db);

  return (t1 - t0) / 1e6;
}

static int
raw_insert (const char *db_path,
            const char *csv_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(RdCsvReader) reader = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *contacts_db_path = g_strconcat (db_path, ".contacts", NULL);
  GStrv row;
  guint n_contacts = 0;
  double seconds, with_contacts_seconds;
  double cpu = 0, with_contacts_cpu = 0;

  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    {
      g_printerr ("import-helper: %s\n", error->message);
      return 1;
    }
  reader = rd_csv_reader_new (G_INPUT_STREAM (stream), ',');
  if (!rd_csv_reader_next (reader, &row, NULL, &error))
    return 1;
  while (rd_csv_reader_next (reader, &row, NULL, &error))
    g_ptr_array_add (rows, g_strdupv (row));
  if (error != NULL)
    {
      g_printerr ("import-helper: %s\n", error->message);
      return 1;
    }

  /* The floor: the account rows alone. */
  seconds = time_inserts (db_path, rows, FALSE, &n_contacts, &cpu);
  /* The same rows as the app stores them, each with its stakeholder. */
  with_contacts_seconds = time_inserts (contacts_db_path, rows, TRUE, &n_contacts,
                                        &with_contacts_cpu);
  if (seconds < 0 || with_contacts_seconds < 0)
    return 1;

  g_print ("raw-insert-rows %u\n", rows->len);
  g_print ("raw-insert-s %.3f\n", seconds);
  g_print ("raw-insert-contacts %u\n", n_contacts);
  g_print ("raw-insert-with-contacts-s %.3f\n", with_contacts_seconds);
  g_print ("raw-insert-cpu-s %.3f\n", cpu);
  g_print ("raw-insert-with-contacts-cpu-s %.3f\n", with_contacts_cpu);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc == 4 && g_str_equal (argv[1], "gen-csv"))
    return gen_csv ((guint) g_ascii_strtoull (argv[2], NULL, 10), argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "raw-insert"))
    return raw_insert (argv[2], argv[3]);

  g_printerr ("usage: import-helper gen-csv N FILE | raw-insert DB FILE\n");
  return 2;
}
