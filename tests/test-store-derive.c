/* test-store-derive.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The daily re-derivation (rd_store_refresh_derived()) reads only what can
 * move with the day, and reads it set-based: the open delays through their
 * index, their accounts' contexts in one pass each, the accounts' risk from
 * columns.  Whatever day it runs on, it must store exactly what deriving
 * every delay and account one by one gives: the delay's context from
 * rd_store_get_delay_context(), its roles from the contacts, the risk from
 * the account's document. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <sqlite3.h>

#include "rd-csv-import.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-enums.h"
#include "rd-format.h"
#include "rd-plan.h"
#include "rd-risk.h"
#include "rd-store.h"
#include "rd-store-private.h"
#include "rd-test-util.h"

typedef struct
{
  int open_delays;
  int worst;         /* rank: risk 2, decision 1, others 0; -1 without open delays */
  int extensions;
} Facts;

static Facts *
facts_get (GHashTable *facts,
           const char *account_id)
{
  Facts *f = g_hash_table_lookup (facts, account_id);

  if (f == NULL)
    {
      f = g_new0 (Facts, 1);
      f->worst = -1;
      g_hash_table_insert (facts, g_strdup (account_id), f);
    }
  return f;
}

static int
class_rank (const char *klass)
{
  return g_strcmp0 (klass, "risk") == 0 ? 2 : g_strcmp0 (klass, "decision") == 0 ? 1 : 0;
}

static gboolean
is_open (JsonObject *doc)
{
  const char *status = rd_document_get_string (doc, "status");

  return status == NULL || g_str_equal (status, "open");
}

/* The roles of @account_id's contacts, as a delay's class reads them. */
static GHashTable *
roles_of (GPtrArray  *contacts,
          const char *account_id)
{
  GHashTable *roles = rd_delay_roles_new ();

  for (guint i = 0; i < contacts->len; i++)
    {
      JsonObject *contact = g_ptr_array_index (contacts, i);
      int role = rd_enum_table_lookup (&rd_role_table, rd_document_get_string (contact, "role"));

      if (role >= 0 && g_strcmp0 (rd_document_get_string (contact, "account_id"), account_id) == 0)
        rd_delay_roles_add (roles, rd_document_uuid (contact), role);
    }
  return roles;
}

/* Every stored delay's class and score and every account's risk are what
 * deriving them one by one as of @today gives. */
static void
assert_derived_one_by_one (RdStore     *store,
                           const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = rd_store_list_documents (store, "account", NULL, NULL, &error);
  g_autoptr(GPtrArray) delays = rd_store_list_documents (store, "delay", NULL, NULL, &error);
  g_autoptr(GPtrArray) contacts = rd_store_list_documents (store, "contact", NULL, NULL, &error);
  g_autoptr(GPtrArray) bridges = rd_store_list_documents (store, "bridge", NULL, NULL, &error);
  g_autoptr(GHashTable) facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(RdRiskConfig) config = rd_store_get_risk_config (store, &error);
  guint n_open = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (delays->len, >, 0);

  for (guint i = 0; i < bridges->len; i++)
    {
      JsonObject *bridge = g_ptr_array_index (bridges, i);

      if (g_strcmp0 (rd_document_get_string (bridge, "status"), "accepted") == 0)
        facts_get (facts, rd_document_get_string (bridge, "account_id"))->extensions++;
    }

  for (guint i = 0; i < delays->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (delays, i);
      const char *account_id = rd_document_get_string (doc, "account_id");
      const char *override = rd_document_get_string (doc, "classification_override");
      g_autoptr(RdDelay) delay = rd_delay_new_from_document (doc, &error);
      g_autoptr(GHashTable) roles = roles_of (contacts, account_id);
      g_autoptr(RdClassification) result = NULL;
      RdDelayContext context;

      g_assert_no_error (error);
      g_assert_true (rd_store_get_delay_context (store, account_id, rd_document_uuid (doc), &context,
                                                 &error));
      g_assert_no_error (error);
      result = rd_delay_classify_in_context (delay, &context, roles);

      g_test_message ("delay %s %s %s", rd_document_uuid (doc), rd_document_get_string (doc, "status"),
                      rd_document_get_string (doc, "resolved_on"));
      g_assert_cmpstr (rd_document_get_string (doc, "classification"), ==,
                       rd_enum_table_id (&rd_class_table, result->klass));
      g_assert_cmpint (json_object_get_int_member (doc, "score"), ==, result->score);

      if (is_open (doc))
        {
          Facts *f = facts_get (facts, account_id);

          f->open_delays++;
          f->worst = MAX (f->worst, class_rank (override != NULL ? override
                                                : rd_enum_table_id (&rd_class_table, result->klass)));
          n_open++;
        }
    }
  g_assert_cmpuint (n_open, >, 0);

  for (guint i = 0; i < accounts->len; i++)
    {
      static const Facts none = { 0, -1, 0 };
      JsonObject *doc = g_ptr_array_index (accounts, i);
      const Facts *f = g_hash_table_lookup (facts, rd_document_uuid (doc));
      JsonArray *factors = json_object_get_array_member (doc, "risk_factors");
      RdRiskInput input;
      RdRiskResult result;

      if (f == NULL)
        f = &none;
      rd_risk_input_from_document (&input, doc, today);
      input.open_delays = f->open_delays;
      input.worst_delay_class = f->worst;
      input.extensions = f->extensions;
      rd_risk_rate (config, &input, &result);

      g_test_message ("account %s", rd_document_uuid (doc));
      g_assert_cmpint (json_object_get_int_member (doc, "risk_score"), ==, result.score);
      g_assert_cmpstr (rd_document_get_string (doc, "risk_band"), ==,
                       rd_enum_table_id (&rd_risk_band_table, result.band));
      g_assert_cmpuint (factors ? json_array_get_length (factors) : 0, ==, result.n_factors);
      for (guint k = 0; k < result.n_factors; k++)
        g_assert_cmpstr (json_array_get_string_element (factors, k), ==, result.factors[k]);
    }
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* What the writers never make but a book may hold: rows from older
 * versions or other desks.  None moves another delay's context. */
static const char oddities[] =
  /* A resolved delay without a day it was resolved on: judged as of today. */
  "UPDATE delay SET resolved_on = NULL WHERE rowid = (SELECT MIN (rowid) FROM delay "
  "  WHERE status = 'resolved');"
  /* A resolved delay whose resolved_on is no day, and one never classified. */
  "UPDATE delay SET resolved_on = '2026-02-30' WHERE rowid = (SELECT MAX (rowid) FROM delay "
  "  WHERE status = 'resolved');"
  "UPDATE delay SET classification = NULL, score = NULL WHERE rowid = (SELECT MIN (rowid) "
  "  FROM delay WHERE status = 'resolved' AND resolved_on IS NOT NULL);"
  /* An open delay without a status. */
  "UPDATE delay SET status = NULL WHERE rowid = (SELECT MIN (rowid) FROM delay WHERE status = 'open');"
  /* Fields a version 2 book kept in extra, before they had columns. */
  "UPDATE account SET extra = json_set (COALESCE (extra, '{}'), '$.stage_since', '2025-11-02'),"
  "  stage_since = NULL, stage = 'installing' WHERE rowid = (SELECT MIN (rowid) FROM account);"
  "UPDATE account SET extra = json_set (COALESCE (extra, '{}'), '$.contract_end', '2026-04-30'),"
  "  contract_end = NULL, effective_end = NULL WHERE rowid = (SELECT MAX (rowid) FROM account);"
  /* Factors written with other spacing, and a rating never made. */
  "UPDATE account SET risk_factors = '[ \"industry\" , \"cash\" ]' "
  "  WHERE rowid = (SELECT MIN (rowid) + 1 FROM account);"
  "UPDATE account SET risk_score = NULL, risk_band = NULL, risk_factors = NULL "
  "  WHERE rowid = (SELECT MIN (rowid) + 2 FROM account);";

/* A champion who left (the contact stays, inactive) at an account with an
 * open delay, written as the editor writes it. */
static void
retire_a_champion (RdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) delays = rd_store_list_documents (store, "delay", NULL, NULL, &error);
  g_autoptr(GPtrArray) contacts = rd_store_list_documents (store, "contact", NULL, NULL, &error);

  for (guint i = 0; i < delays->len; i++)
    {
      JsonObject *delay = g_ptr_array_index (delays, i);

      if (!is_open (delay))
        continue;
      for (guint k = 0; k < contacts->len; k++)
        {
          JsonObject *contact = g_ptr_array_index (contacts, k);

          if (g_strcmp0 (rd_document_get_string (contact, "account_id"),
                         rd_document_get_string (delay, "account_id")) == 0 &&
              g_strcmp0 (rd_document_get_string (contact, "role"), "champion") == 0 &&
              json_object_get_boolean_member_with_default (contact, "active", TRUE))
            {
              json_object_set_boolean_member (contact, "active", FALSE);
              g_assert_true (rd_store_put_document (store, contact, &error));
              g_assert_no_error (error);
              return;
            }
        }
    }
  g_assert_not_reached ();
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* The store at @path, its day set to @day. */
static RdStore *
open_store_on (const char  *path,
               const GDate *day)
{
  g_autoptr(GError) error = NULL;
  RdStore *store = rd_store_new (path, NULL, &error);

  g_assert_no_error (error);
  rd_store_set_today (store, day);
  return store;
}

/* A sample book of 80 accounts made on @start, with the oddities. */
static RdStore *
open_odd_book (const char  *path,
               const GDate *start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;

  store = open_store_on (path, start);
  g_assert_true (rd_store_fill_sample (store, 80, 17, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  exec_sql (path, oddities);

  store = open_store_on (path, start);

  return g_steal_pointer (&store);
}

static void
test_same_as_one_by_one (void)
{
  static const int days[] = { 0, 1, 13, 45, 200, 400, -30, 2 };
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  guint n_moved = 0;
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, G_DATE_MARCH, 2026);

  store = open_odd_book (path, &start);
  retire_a_champion (store);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      GDate day = start;
      guint n_changed = 0;

      if (days[i] >= 0)
        g_date_add_days (&day, days[i]);
      else
        g_date_subtract_days (&day, -days[i]);
      g_test_message ("day %+d", days[i]);
      rd_store_set_today (store, &day);
      g_assert_true (rd_store_refresh_derived (store, &n_changed, &error));
      g_assert_no_error (error);
      n_moved += n_changed;
      assert_derived_one_by_one (store, &day);

      /* The same day again: nothing moves. */
      g_assert_true (rd_store_refresh_derived (store, &n_changed, &error));
      g_assert_cmpuint (n_changed, ==, 0);
    }
  /* The days moved classes and risk: the comparisons compared something. */
  g_assert_cmpuint (n_moved, >, 0);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* The first live document of @type for which @pred holds, a copy; NULL
 * when none. */
static JsonObject *
find_document (RdStore     *store,
               const char  *type,
               gboolean   (*pred) (JsonObject *doc))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_list_documents (store, type, NULL, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    if (pred == NULL || pred (g_ptr_array_index (docs, i)))
      return rd_document_copy_object (g_ptr_array_index (docs, i));
  return NULL;
}

static gboolean
is_resolved (JsonObject *doc)
{
  return !is_open (doc);
}

static gboolean
is_active (JsonObject *doc)
{
  return g_strcmp0 (rd_document_get_string (doc, "status"), "active") == 0;
}

static void
put (RdStore    *store,
     JsonObject *doc)
{
  g_autoptr(GError) error = NULL;

  rd_store_put_document (store, doc, &error);
  g_assert_no_error (error);
}

static char *
day_text (const GDate *today,
          int          days)
{
  GDate day = *today;

  g_date_add_days (&day, days);
  return rd_date_to_string (&day);
}

/* One edit of the kind a desk makes, by @kind; some by the store's
 * writers, some by another program straight into @path. */
static void
edit_book (RdStore     *store,
           const char  *path,
           guint        kind,
           const GDate *today)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *soon = day_text (today, 3);
  g_autofree char *later = day_text (today, 40);
  g_autofree char *now = rd_date_to_string (today);
  g_autofree char *sql = NULL;

  switch (kind)
    {
    case 0:   /* a new date promised, and one kept ahead of time */
      doc = find_document (store, "delay", is_open);
      json_object_set_string_member (doc, "next_step_on", soon);
      json_object_set_string_member (doc, "decision_by", now);
      json_object_set_string_member (doc, "info_kept_on", later);
      put (store, doc);
      break;
    case 1:   /* resolved today */
      doc = find_document (store, "delay", is_open);
      json_object_set_string_member (doc, "status", "resolved");
      json_object_set_string_member (doc, "resolved_on", now);
      put (store, doc);
      break;
    case 2:   /* reopened */
      doc = find_document (store, "delay", is_resolved);
      json_object_set_string_member (doc, "status", "open");
      json_object_set_null_member (doc, "resolved_on");
      put (store, doc);
      break;
    case 3:   /* lost */
      doc = find_document (store, "account", is_active);
      json_object_set_string_member (doc, "status", "lost");
      put (store, doc);
      break;
    case 4:   /* renewed for a year, then back at work on the next renewal */
      doc = find_document (store, "account", is_active);
      json_object_set_string_member (doc, "status", "renewed");
      json_object_set_string_member (doc, "contract_start", now);
      json_object_set_string_member (doc, "contract_end", later);
      json_object_set_string_member (doc, "stage", "installing");
      json_object_set_string_member (doc, "stage_since", now);
      put (store, doc);
      break;
    case 5:   /* a bridge accepted */
      doc = find_document (store, "bridge", NULL);
      json_object_set_string_member (doc, "status", "accepted");
      put (store, doc);
      break;
    case 6:   /* a delay deleted, a stakeholder's role changed */
      doc = find_document (store, "delay", is_open);
      {
        g_autoptr(GError) error = NULL;

        g_assert_true (rd_store_delete_document (store, rd_document_get_string (doc, "_id"), &error));
        g_assert_no_error (error);
      }
      g_clear_pointer (&doc, json_object_unref);
      doc = find_document (store, "contact", NULL);
      json_object_set_string_member (doc, "role", "champion");
      json_object_set_boolean_member (doc, "active", FALSE);
      put (store, doc);
      break;
    case 7:   /* another program: a date, a deadline, an erased class, a bridge, a champion */
      sql = g_strdup_printf ("UPDATE delay SET reconnect_on = '%s' WHERE rowid = (SELECT MAX (rowid) "
                             "  FROM delay WHERE deleted = 0 AND status IS 'open');"
                             "UPDATE account SET effective_end = '%s' WHERE rowid = (SELECT MAX (rowid) "
                             "  FROM account WHERE deleted = 0 AND status = 'active');"
                             "UPDATE delay SET classification = NULL WHERE rowid = (SELECT MIN (rowid) "
                             "  FROM delay WHERE deleted = 0 AND status IS 'resolved');"
                             "UPDATE bridge SET status = CASE status WHEN 'accepted' THEN 'declined' "
                             "  ELSE 'accepted' END WHERE rowid IN (SELECT MIN (rowid) FROM bridge "
                             "  WHERE deleted = 0 GROUP BY account_id LIMIT 3);"
                             "UPDATE contact SET active = 1 - COALESCE (active, 1) WHERE rowid IN "
                             "  (SELECT MIN (rowid) FROM contact WHERE deleted = 0 AND role = 'champion' "
                             "  GROUP BY account_id LIMIT 3);",
                             soon, later);
      exec_sql (path, sql);
      break;
    default:
      break;
    }
}

/* Day after day, with edits in between, the re-derivation of the rows due
 * stores what deriving every row gives, and leaves no row due. */
static void
test_incremental_day_by_day (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  guint n_moved = 0;
  int offset = 0;
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, G_DATE_MARCH, 2026);

  store = open_odd_book (path, &start);

  /* 60 days one by one, then jumps, forward and back. */
  for (int i = 0; i < 60 + 6; i++)
    {
      static const int jumps[] = { 7, 30, 200, -45, -1, 400 };
      g_autofree char *today_text = NULL;
      g_autofree char *sql = NULL;
      guint n_changed = 0;
      GDate day = start;

      offset += i < 60 ? 1 : jumps[i - 60];
      if (offset >= 0)
        g_date_add_days (&day, offset);
      else
        g_date_subtract_days (&day, -offset);
      g_test_message ("day %+d", offset);
      rd_store_set_today (store, &day);
      if (i % 3 == 1)
        edit_book (store, path, (i / 3) % 8, &day);
      if (i == 30)
        {
          /* A shorter stalled installation: every account's next day moves. */
          g_autoptr(RdRiskConfig) config = rd_store_get_risk_config (store, &error);

          rd_risk_config_set_stalled_days (config, 20);
          g_assert_true (rd_store_set_risk_config (store, config, &error));
          g_assert_no_error (error);
        }

      g_assert_true (rd_store_refresh_derived (store, &n_changed, &error));
      g_assert_no_error (error);
      n_moved += n_changed;
      assert_derived_one_by_one (store, &day);

      today_text = rd_date_to_string (&day);
      sql = g_strdup_printf ("SELECT (SELECT COUNT(*) FROM delay WHERE deleted = 0 AND "
                             "(derive_on IS NULL OR derive_on <= '%s')) + (SELECT COUNT(*) "
                             "FROM account WHERE deleted = 0 AND (derive_on IS NULL OR "
                             "derive_on <= '%s'))", today_text, today_text);
      g_assert_cmpint (query_int (path, sql), ==, 0);
    }
  g_assert_cmpuint (n_moved, >, 0);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* Takes a book back to version 8: no triggers, indexes or column of v9. */
static void
undo_v9 (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'trigger'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (sql, "DROP TRIGGER %s;", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (sql->len, >, 0);

  g_string_append (sql, "DROP INDEX delay_derive_on_idx; DROP INDEX account_derive_on_idx;"
                        "ALTER TABLE account DROP COLUMN derive_on;"
                        "ALTER TABLE delay DROP COLUMN derive_on; PRAGMA user_version = 8;");
  exec_sql (path, sql->str);
}

/* A version 8 book gets the next days of v9: resolved delays judged as of
 * their resolved_on never move by the day, everything else is due; the
 * first re-derivation, days later, is right. */
static void
test_migrate_from_v8 (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_MARCH, 2026);
  store = open_store_on (path, &day);
  g_assert_true (rd_store_fill_sample (store, 12, 7, &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_refresh_derived (store, NULL, &error));
  g_clear_object (&store);

  undo_v9 (path);

  store = rd_store_new (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, RD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM delay WHERE derive_on IS NULL "
                                    "AND status IS 'resolved'"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM delay WHERE derive_on IS NULL"), ==,
                   query_int (path, "SELECT COUNT(*) FROM delay WHERE status IS NOT 'resolved'"));
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM delay WHERE derive_on IS NULL"), >, 0);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM account WHERE derive_on IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM sqlite_master "
                                    "WHERE type = 'index' AND name = 'delay_day_bound_idx'"), ==, 1);

  g_date_add_days (&day, 90);
  rd_store_set_today (store, &day);
  g_assert_true (rd_store_refresh_derived (store, NULL, &error));
  g_assert_no_error (error);
  assert_derived_one_by_one (store, &day);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM delay WHERE derive_on IS NULL"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM account WHERE derive_on IS NULL"), ==, 0);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* Takes a book back to version 11: its stakeholders' triggers made the
 * account due too. */
static void
undo_v12 (const char *path)
{
  static const char mark_both[] =
    "UPDATE account SET derive_on = NULL WHERE id = %1$s AND derive_on IS NOT NULL;"
    "UPDATE delay SET derive_on = NULL WHERE account_id = %1$s AND derive_on IS NOT NULL;";
  g_autofree char *mark_new = g_strdup_printf (mark_both, "NEW.account_id");
  g_autofree char *mark_old = g_strdup_printf (mark_both, "OLD.account_id");
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("DROP TRIGGER contact_insert_due; DROP TRIGGER contact_update_due;"
                         "DROP TRIGGER contact_delete_due;"
                         "CREATE TRIGGER contact_insert_due AFTER INSERT ON contact"
                         "  WHEN (NEW.deleted = 0 AND NEW.role IS NOT NULL) BEGIN %s END;"
                         "CREATE TRIGGER contact_update_due AFTER UPDATE OF account_id, role, active,"
                         "  deleted ON contact WHEN OLD.account_id IS NOT NEW.account_id"
                         "  OR OLD.role IS NOT NEW.role OR OLD.active IS NOT NEW.active"
                         "  OR OLD.deleted IS NOT NEW.deleted BEGIN %s %s END;"
                         "CREATE TRIGGER contact_delete_due AFTER DELETE ON contact"
                         "  WHEN (OLD.deleted = 0 AND OLD.role IS NOT NULL) BEGIN %s END;"
                         "PRAGMA user_version = 11;",
                         mark_new, mark_old, mark_new, mark_old);
  exec_sql (path, sql);
}

/* A version 11 book gets the stakeholders' triggers of v12: a new champion
 * makes the account's delays due, not the account, whose risk reads no
 * stakeholder. */
static void
test_migrate_from_v11 (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  static const char new_champion[] =
    "INSERT INTO contact (id, account_id, name, role, active, updated_at, dirty, deleted) "
    "SELECT 'c-new', account_id, 'New Champion', 'champion', 1, '2026-03-01T00:00:00Z', 1, 0 "
    "FROM delay WHERE deleted = 0 AND status IS 'open' ORDER BY rowid LIMIT 1;";
  static const char account_due[] =
    "SELECT COUNT(*) FROM account WHERE id = (SELECT account_id FROM contact WHERE id = 'c-new') "
    "AND derive_on IS NULL";
  static const char delays_due[] =
    "SELECT COUNT(*) FROM delay WHERE account_id = (SELECT account_id FROM contact "
    "WHERE id = 'c-new') AND derive_on IS NULL AND status IS 'open'";
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_MARCH, 2026);
  store = open_store_on (path, &day);
  g_assert_true (rd_store_fill_sample (store, 12, 7, &error));
  g_assert_true (rd_store_refresh_derived (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* What version 11 did. */
  undo_v12 (path);
  exec_sql (path, new_champion);
  g_assert_cmpint (query_int (path, account_due), ==, 1);
  exec_sql (path, "DELETE FROM contact WHERE id = 'c-new'");

  store = open_store_on (path, &day);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, RD_STORE_SCHEMA_VERSION);
  g_assert_true (rd_store_refresh_derived (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  exec_sql (path, new_champion);
  g_assert_cmpint (query_int (path, account_due), ==, 0);
  g_assert_cmpint (query_int (path, delays_due), >, 0);

  rd_test_remove_tree (dir);
}

/* Columns of JSON are read without a parser when they are arrays of plain
 * strings; whatever the text, the node is json_from_string()'s. */
static void
test_parse_column_json (void)
{
  static const char * const texts[] = {
    "[]", "[\"vague\"]", "[\"vague\",\"no_timeline\"]", "[\"a-b.c:d\",\"E9\"]",
    "[ \"vague\" ]", "[\"vague\",]", "[\"vague\"", "[\"vague\"]x", "[\"a\\\"b\"]",
    "[\"caf\u00e9\"]", "[\"café\"]", "[1,2]", "[\"a\",1]", "[[\"a\"]]", "{\"a\":1}",
    "\"text\"", "null", "", "[", "]", "[,]", "[\"\"]", "[\"a\",\"\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) expected = json_from_string (texts[i], NULL);
      g_autoptr(JsonNode) got = _rd_store_parse_column_json (texts[i]);

      g_test_message ("%s", texts[i]);
      g_assert_true ((expected == NULL) == (got == NULL));
      if (expected != NULL)
        g_assert_true (json_node_equal (expected, got));
    }
  g_assert_null (_rd_store_parse_column_json (NULL));
}

/* The derived columns and derive_on of every live account and delay of the
 * book at @path, one line each. */
static char *
derived_state (const char *path)
{
  static const char sql[] =
    "SELECT group_concat (line, char (10)) FROM ("
    "  SELECT 'a ' || id || ' ' || quote (risk_score) || ' ' || quote (risk_band) || ' ' ||"
    "    quote (risk_factors) || ' ' || quote (derive_on) AS line FROM account WHERE deleted = 0"
    "  UNION ALL SELECT 'd ' || id || ' ' || quote (classification) || ' ' || quote (score) || ' ' ||"
    "    quote (derive_on) FROM delay WHERE deleted = 0 ORDER BY 1)";
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *state;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return state;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Runs the daily re-derivation of the book at @path on @day. */
static void
refresh_book (const char  *path,
              const GDate *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = open_store_on (path, day);

  g_assert_true (rd_store_refresh_derived (store, NULL, &error));
  g_assert_no_error (error);
}

/* The book at @path, whose writers stored derive_on with what they wrote,
 * gives on each of @days (after @start) the derived values and next days
 * of a full derivation, one that derives every row on that day; on the
 * first day, when @as_written, before any re-derivation. */
static void
assert_same_as_full_derivation (const char  *path,
                                const GDate *start,
                                const int   *days,
                                guint        n_days,
                                gboolean     as_written)
{
  g_autofree char *full = g_strconcat (path, ".full", NULL);

  for (guint i = 0; i < n_days; i++)
    {
      g_autofree char *got = NULL;
      g_autofree char *expected = NULL;
      GDate day = *start;

      g_date_add_days (&day, days[i]);
      g_test_message ("day %+d", days[i]);
      copy_file (path, full);
      exec_sql (full, "UPDATE account SET derive_on = NULL; UPDATE delay SET derive_on = NULL;");
      if (i > 0 || !as_written)
        refresh_book (path, &day);
      refresh_book (full, &day);
      got = derived_state (path);
      expected = derived_state (full);
      g_assert_cmpstr (got, ==, expected);
    }
}

/* The day @days (may be negative) after @today. */
static char *
day_text_around (const GDate *today,
                 int          days)
{
  GDate day = *today;

  if (days >= 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);
  return rd_date_to_string (&day);
}

/* A CSV of @n new accounts whose renewals, stages and statuses spread over
 * the days around @start (every 7th stakeholder a champion), then a new
 * renewal date for the accounts named @names. */
static char *
make_import_csv (const GDate        *start,
                 guint               n,
                 const char * const *names)
{
  static const char * const stages[] = { "installing", "defending", "growing", "maturing" };
  static const char * const statuses[] = { "active", "active", "active", "renewed", "lost" };
  GString *csv = g_string_new ("Company Name,Currency,ARR,Contract Start,Renewal date,Stage,"
                               "Status,Contact,Role\n");

  for (guint i = 0; i < n; i++)
    {
      int ends_in = -40 + (int) (i * 13) % 560;
      g_autofree char *begin = day_text_around (start, ends_in - 300 - (int) i % 90);
      g_autofree char *end = day_text_around (start, ends_in);

      g_string_append_printf (csv, "Imported %u,EUR,%u.00,%s,%s,%s,%s,Person %u,%s\n", i,
                              1000 + i * 37, begin, end, stages[i % G_N_ELEMENTS (stages)],
                              statuses[i % G_N_ELEMENTS (statuses)], i,
                              i % 7 == 0 ? "champion" : "");
    }
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *begin = day_text_around (start, -200);
      g_autofree char *end = day_text (start, 20 + (int) i * 45);

      g_string_append_printf (csv, "\"%s\",EUR,5000.00,%s,%s,defending,active,,\n", names[i], begin,
                              end);
    }

  return g_string_free (csv, FALSE);
}

static void
import_csv (RdStore    *store,
            const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCsvImport) import = rd_csv_import_new_for_data (csv, strlen (csv), &error);
  g_autoptr(RdCsvImportReport) report = NULL;

  g_assert_no_error (error);
  rd_csv_import_run (import, store, FALSE, NULL, NULL, NULL, &report, &error);
  for (guint i = 0; report != NULL && i < report->problems->len; i++)
    g_test_message ("%s", ((RdCsvProblem *) g_ptr_array_index (report->problems, i))->message);
  g_assert_no_error (error);
}

static const int days_after_write[] = { 0, 1, 2, 7, 30, 45, 200, 400 };

/* An import into an empty book stores each account's next day as it rates
 * it: nothing is due the next day but what a full derivation on that day
 * would change, and every day gives what a full derivation gives. */
static void
test_import_stores_next_days (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autofree char *csv = NULL;
  g_autofree char *tomorrow = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, G_DATE_MARCH, 2026);
  store = open_store_on (path, &start);
  csv = make_import_csv (&start, 300, NULL);
  import_csv (store, csv);
  g_clear_object (&store);

  /* Due the next day: only the accounts whose risk moves then. */
  tomorrow = day_text (&start, 1);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM account WHERE deleted = 0 AND (derive_on IS NULL "
                         "OR derive_on <= '%s')", tomorrow);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM account"), ==, 300);
  g_assert_cmpint (query_int (path, sql), <, 30);

  assert_same_as_full_derivation (path, &start, days_after_write, G_N_ELEMENTS (days_after_write),
                                  TRUE);

  rd_test_remove_tree (dir);
}

/* Writes, as sync writes a document new to the book, a copy of the first
 * @type document for which @pred holds, as @doc_id, its next step or its
 * contract end on @day. */
static void
put_remote_new (RdStore     *store,
                const char  *doc_id,
                gboolean   (*pred) (JsonObject *doc),
                const char  *day)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  RdStoreSyncedRow row = { .absent = TRUE, .dirty = FALSE };
  gboolean changed = FALSE;

  rd_document_parse_id (doc_id, &type, NULL);
  doc = find_document (store, type, pred);
  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "_rev", "1-a");
  if (g_str_equal (type, "delay"))
    json_object_set_string_member (doc, "next_step_on", day);
  else
    {
      json_object_set_string_member (doc, "name", "Synced Account");
      json_object_remove_member (doc, "external_id");
      json_object_set_string_member (doc, "contract_end", day);
    }

  g_mutex_lock (&store->mutex);
  g_assert_true (_rd_store_begin (store, &error));
  g_assert_true (_rd_store_put_remote_locked (store, doc, &row, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (_rd_store_commit (store, &error));
  g_mutex_unlock (&store->mutex);
  g_assert_true (changed);
}

/* The same for an import into a book with delays, bridges and stakeholders
 * (it updates some of the accounts) and for delays and accounts put as the
 * editor and sync put them. */
static void
test_writers_store_next_days (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(JsonObject) delay = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *sql = NULL;
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, G_DATE_MARCH, 2026);
  store = open_odd_book (path, &start);
  g_assert_true (rd_store_refresh_derived (store, NULL, &error));
  g_assert_no_error (error);

  accounts = rd_store_list_documents (store, "account", NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len && names->len < 6; i += 5)
    g_ptr_array_add (names, (gpointer) rd_document_get_string (g_ptr_array_index (accounts, i), "name"));
  g_ptr_array_add (names, NULL);
  csv = make_import_csv (&start, 60, (const char * const *) names->pdata);
  import_csv (store, csv);

  /* A new delay and a moved deadline, put one by one. */
  soon = day_text (&start, 5);
  delay = find_document (store, "delay", is_open);
  json_object_set_string_member (delay, "_id", "delay:0b9e3c1a-5d2f-4a6b-9c7e-1f2a3b4c5d6e");
  json_object_remove_member (delay, "_rev");
  json_object_set_string_member (delay, "next_step_on", soon);
  put (store, delay);
  account = find_document (store, "account", is_active);
  json_object_set_string_member (account, "contract_end", soon);
  put (store, account);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM delay WHERE derive_on IS NOT NULL AND "
                                    "id = '0b9e3c1a-5d2f-4a6b-9c7e-1f2a3b4c5d6e'"), ==, 1);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM account WHERE derive_on IS NOT NULL AND id = '%s'",
                         rd_document_uuid (account));
  g_assert_cmpint (query_int (path, sql), ==, 1);

  /* New rows as sync writes them: the day they are due goes in with them. */
  put_remote_new (store, "delay:4f1d2a3b-6c7d-4e8f-9a0b-1c2d3e4f5a6b", is_open, soon);
  put_remote_new (store, "account:7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", is_active, soon);
  g_clear_object (&store);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM delay WHERE derive_on IS NOT NULL AND "
                                    "id = '4f1d2a3b-6c7d-4e8f-9a0b-1c2d3e4f5a6b'"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM account WHERE derive_on IS NOT NULL AND "
                                    "id = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d'"), ==, 1);

  /* The delays of the accounts whose deadline moved are due at once. */
  assert_same_as_full_derivation (path, &start, days_after_write, G_N_ELEMENTS (days_after_write),
                                  FALSE);

  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/derived/same-as-one-by-one", test_same_as_one_by_one);
  g_test_add_func ("/store/derived/incremental-day-by-day", test_incremental_day_by_day);
  g_test_add_func ("/store/derived/migrate-from-v8", test_migrate_from_v8);
  g_test_add_func ("/store/derived/migrate-from-v11", test_migrate_from_v11);
  g_test_add_func ("/store/derived/import-stores-next-days", test_import_stores_next_days);
  g_test_add_func ("/store/derived/writers-store-next-days", test_writers_store_next_days);
  g_test_add_func ("/store/scan/column-json", test_parse_column_json);

  return g_test_run ();
}
