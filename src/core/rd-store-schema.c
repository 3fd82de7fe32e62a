/* rd-store-schema.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, the schema: forward-only migrations, per-entity SQL, checks before opening. */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-account-private.h"
#include "rd-contact-private.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-risk.h"
#include "rd-sample-private.h"
#include "rd-store.h"
#include "rd-store-private.h"

/* Above this size the open skips PRAGMA quick_check (it reads every page);
 * corruption in a big file still surfaces as RD_STORE_ERROR_CORRUPT on use. */
#define QUICK_CHECK_MAX_BYTES (32 * 1024 * 1024)

/* Forward-only migrations: migrations[i] takes user_version i to i + 1.
 * Never edit a released step; append a new one. */
static const char migration_v1[] =
  "CREATE TABLE account (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  external_id TEXT,\n"
  "  industry TEXT,\n"
  "  country TEXT,\n"
  "  currency TEXT NOT NULL,\n"
  "  annual_value_minor INTEGER,\n"
  "  contract_start TEXT,\n"
  "  contract_end TEXT,\n"
  "  effective_end TEXT,\n"
  "  stage TEXT,\n"
  "  status TEXT,\n"
  "  cash_stability TEXT,\n"
  "  owner TEXT,\n"
  "  auto_renew INTEGER,\n"
  "  notice_days INTEGER,\n"
  "  notes TEXT,\n"
  "  risk_score INTEGER,\n"
  "  risk_band TEXT,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE TABLE contact (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  name TEXT,\n"
  "  role TEXT,\n"
  "  email TEXT,\n"
  "  phone TEXT,\n"
  "  active INTEGER,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE TABLE delay (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  contact_id TEXT REFERENCES contact (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,\n"
  "  communicated_on TEXT,\n"
  "  stated_reason TEXT,\n"
  "  cause TEXT,\n"
  "  signals TEXT,\n"
  "  classification TEXT,\n"
  "  classification_override TEXT,\n"
  "  override_note TEXT,\n"
  "  score INTEGER,\n"
  "  info_by TEXT,\n"
  "  reconnect_on TEXT,\n"
  "  decision_by TEXT,\n"
  "  actions_taken TEXT,\n"
  "  customer_response TEXT,\n"
  "  next_step TEXT,\n"
  "  next_step_on TEXT,\n"
  "  help_needed TEXT,\n"
  "  status TEXT,\n"
  "  resolved_on TEXT,\n"
  "  outcome TEXT,\n"
  "  retrospective TEXT,\n"
  "  statements TEXT,\n"
  "  diagnostics TEXT,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE TABLE concern (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  title TEXT,\n"
  "  priority INTEGER,\n"
  "  must_fix INTEGER,\n"
  "  changes_decision INTEGER,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE TABLE plan (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  delay_id TEXT REFERENCES delay (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,\n"
  "  started_on TEXT,\n"
  "  timeframe_days INTEGER,\n"
  "  check_in_days INTEGER,\n"
  "  progress_criteria TEXT,\n"
  "  customer_answer TEXT,\n"
  "  status TEXT,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE TABLE plan_step (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  plan_id TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  concern_id TEXT REFERENCES concern (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,\n"
  "  horizon TEXT,\n"
  "  title TEXT,\n"
  "  owner TEXT,\n"
  "  due_on TEXT,\n"
  "  done_on TEXT,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE TABLE bridge (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  kind TEXT,\n"
  "  status TEXT,\n"
  "  price_minor INTEGER,\n"
  "  starts_on TEXT,\n"
  "  ends_on TEXT,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE TABLE loss (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  reason TEXT,\n"
  "  competitor TEXT,\n"
  "  details TEXT,\n"
  "  retrospective TEXT,\n"
  "  closed_on TEXT,\n"
  "  reengage_on TEXT,\n"
  "  reopened_on TEXT,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE TABLE reminder (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT REFERENCES account (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  kind TEXT NOT NULL,\n"
  "  source_id TEXT,\n"
  "  due_at TEXT NOT NULL,\n"
  "  title TEXT,\n"
  "  done_at TEXT,\n"
  "  snoozed_until TEXT,\n"
  "  notified_at TEXT,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE TABLE event (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  entity TEXT,\n"
  "  entity_id TEXT,\n"
  "  field TEXT,\n"
  "  old_value TEXT,\n"
  "  new_value TEXT,\n"
  "  summary TEXT,\n"
  "  created_at TEXT,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE INDEX account_contract_end_idx ON account (contract_end);\n"
  "CREATE INDEX contact_account_idx ON contact (account_id);\n"
  "CREATE INDEX delay_account_idx ON delay (account_id);\n"
  "CREATE INDEX delay_contact_idx ON delay (contact_id);\n"
  "CREATE INDEX concern_account_idx ON concern (account_id);\n"
  "CREATE INDEX plan_account_idx ON plan (account_id);\n"
  "CREATE INDEX plan_delay_idx ON plan (delay_id);\n"
  "CREATE INDEX plan_step_plan_idx ON plan_step (plan_id);\n"
  "CREATE INDEX plan_step_concern_idx ON plan_step (concern_id);\n"
  "CREATE INDEX plan_step_due_idx ON plan_step (due_on);\n"
  "CREATE INDEX bridge_account_idx ON bridge (account_id);\n"
  "CREATE INDEX loss_account_idx ON loss (account_id);\n"
  "CREATE INDEX reminder_account_idx ON reminder (account_id);\n"
  "CREATE INDEX reminder_due_idx ON reminder (due_at);\n"
  "CREATE INDEX event_account_created_idx ON event (account_id, created_at);\n"
  "CREATE INDEX account_delete_batch_idx ON account (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE INDEX contact_delete_batch_idx ON contact (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE INDEX delay_delete_batch_idx ON delay (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE INDEX concern_delete_batch_idx ON concern (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE INDEX plan_delete_batch_idx ON plan (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE INDEX plan_step_delete_batch_idx ON plan_step (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE INDEX bridge_delete_batch_idx ON bridge (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE INDEX loss_delete_batch_idx ON loss (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE INDEX reminder_delete_batch_idx ON reminder (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE INDEX event_delete_batch_idx ON event (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE TABLE settings (\n"
  "  key TEXT PRIMARY KEY NOT NULL,\n"
  "  value TEXT\n"
  ");\n"
  "CREATE TABLE sync_state (\n"
  "  key TEXT PRIMARY KEY NOT NULL,\n"
  "  value TEXT\n"
  ");\n"
;

/* v2: the portfolio opens on the renewals nearest their hard deadline and
 * shows those before the whole book has loaded. */
static const char migration_v2[] =
  "CREATE INDEX account_deadline_idx ON account (COALESCE (effective_end, contract_end))\n"
  "  WHERE deleted = 0;\n"
;

/* v3: portfolio triage.  The risk rating's top factors travel with the
 * account, with the expected-churn reason and the start of the stage; CSV
 * re-import matches accounts by external id. */
static const char migration_v3[] =
  "ALTER TABLE account ADD COLUMN risk_factors TEXT;\n"
  "ALTER TABLE account ADD COLUMN churn_reason TEXT;\n"
  "ALTER TABLE account ADD COLUMN stage_since TEXT;\n"
  "CREATE INDEX account_external_id_idx ON account (external_id) WHERE deleted = 0;\n"
;

/* v4: sync's own bookkeeping, not part of the document contract: server
 * documents this version cannot store yet (unknown types, or waiting for a
 * parent) and the losing values of merged conflicts.  Earlier versions
 * created these tables on first use, hence IF NOT EXISTS. */
static const char migration_v4[] =
  "CREATE TABLE IF NOT EXISTS sync_foreign (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  rev TEXT,\n"
  "  doc TEXT NOT NULL,\n"
  "  reason TEXT NOT NULL\n"           /* 'unknown' or 'waiting' */
  ");\n"
  "CREATE TABLE IF NOT EXISTS sync_conflict (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  doc_id TEXT NOT NULL,\n"
  "  field TEXT NOT NULL,\n"
  "  kept TEXT,\n"
  "  lost TEXT,\n"
  "  lost_is_local INTEGER NOT NULL,\n"
  "  kept_updated_at TEXT,\n"
  "  lost_updated_at TEXT,\n"
  "  created_at TEXT NOT NULL,\n"
  "  resolved INTEGER NOT NULL DEFAULT 0\n"
  ");\n"
;

/* v5: the days a delay's commitments were kept, ticked off by the user.
 * Until now they were kept with the members the store has no column for. */
static const char migration_v5[] =
  "ALTER TABLE delay ADD COLUMN info_kept_on TEXT;\n"
  "ALTER TABLE delay ADD COLUMN reconnect_kept_on TEXT;\n"
  "ALTER TABLE delay ADD COLUMN decision_kept_on TEXT;\n"
  "ALTER TABLE delay ADD COLUMN next_step_kept_on TEXT;\n"
  "UPDATE delay SET\n"
  "  info_kept_on = json_extract (extra, '$.info_kept_on'),\n"
  "  reconnect_kept_on = json_extract (extra, '$.reconnect_kept_on'),\n"
  "  decision_kept_on = json_extract (extra, '$.decision_kept_on'),\n"
  "  next_step_kept_on = json_extract (extra, '$.next_step_kept_on'),\n"
  "  extra = NULLIF (json_remove (extra, '$.info_kept_on', '$.reconnect_kept_on',\n"
  "                               '$.decision_kept_on', '$.next_step_kept_on'), '{}')\n"
  "  WHERE extra IS NOT NULL AND json_valid (extra);\n"
;

/* v6: the dated activity log and exchange rates.  Each delay's free-text
 * "actions taken" and "customer response" become one activity on the day
 * the delay was communicated; its id is the delay's, so two desktops that
 * migrate the same synced delay make the same document, not two. */
static const char migration_v6[] =
  "CREATE TABLE activity (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  delay_id TEXT REFERENCES delay (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,\n"
  "  contact_id TEXT REFERENCES contact (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,\n"
  "  \"on\" TEXT,\n"
  "  kind TEXT,\n"
  "  summary TEXT,\n"
  "  their_response TEXT,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE INDEX activity_account_on_idx ON activity (account_id, \"on\");\n"
  "CREATE INDEX activity_on_idx ON activity (\"on\");\n"
  "CREATE INDEX activity_delay_idx ON activity (delay_id);\n"
  "CREATE INDEX activity_contact_idx ON activity (contact_id);\n"
  "CREATE INDEX activity_delete_batch_idx ON activity (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "CREATE TABLE exchange_rate (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  from_currency TEXT NOT NULL,\n"
  "  to_currency TEXT NOT NULL,\n"
  "  rate TEXT NOT NULL,\n"
  "  as_of TEXT,\n"
  "  updated_at TEXT,\n"
  "  rev TEXT,\n"
  "  dirty INTEGER NOT NULL DEFAULT 1,\n"
  "  deleted INTEGER NOT NULL DEFAULT 0,\n"
  "  delete_batch TEXT,\n"
  "  base TEXT,\n"
  "  extra TEXT\n"
  ");\n"
  "CREATE INDEX exchange_rate_pair_idx ON exchange_rate (from_currency, to_currency, as_of);\n"
  "CREATE INDEX exchange_rate_delete_batch_idx ON exchange_rate (delete_batch) WHERE delete_batch IS NOT NULL;\n"
  "INSERT INTO activity (id, account_id, delay_id, contact_id, \"on\", kind, summary,\n"
  "                      their_response, updated_at, dirty)\n"
  "  SELECT id, account_id, id, contact_id, communicated_on, 'note',\n"
  "         NULLIF (TRIM (COALESCE (actions_taken, '')), ''),\n"
  "         NULLIF (TRIM (COALESCE (customer_response, '')), ''),\n"
  "         updated_at, 1\n"
  "  FROM delay\n"
  "  WHERE deleted = 0\n"
  "    AND (TRIM (COALESCE (actions_taken, '')) != '' OR TRIM (COALESCE (customer_response, '')) != '');\n"
;

/* v7: an account's open delays, found without reading its resolved ones:
 * the portfolio's worst open delay and the daily re-derivation ask for them
 * for every account (10 s → 0.7 s on 100,000 accounts with a million
 * delays, see bench/scale).  The condition is the queries' own. */
static const char migration_v7[] =
  "CREATE INDEX delay_open_idx ON delay (account_id)\n"
  "  WHERE deleted = 0 AND COALESCE (status, 'open') = 'open';\n"
;

/* v8: the delays whose class can move with the day (open ones, and the
 * few resolved ones without a valid resolved_on or a stored class), found
 * by the daily re-derivation without scanning a million resolved ones.
 * The condition is the re-derivation's own (DAY_BOUND_DELAYS_SQL in
 * rd-store-derive.c), whose queries name this index. */
static const char migration_v8[] =
  "CREATE INDEX delay_day_bound_idx ON delay (account_id)\n"
  "  WHERE deleted = 0 AND NOT (status IS 'resolved' AND resolved_on IS NOT NULL "
  "AND resolved_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "
  "AND resolved_on >= '1900-01-01' AND date (resolved_on) IS resolved_on "
  "AND classification IS NOT NULL AND score IS NOT NULL);\n"
;

/* v9: what the weekly update reads, without a million rows.
 * delay_settled_on_idx: the key is the day a delay was settled, NULL while
 * it is not (open, or resolved without a day).  "Still open, or settled on
 * or after the week's first day" is two ranges of it: IS NULL and >= the
 * day (~50,000 rows instead of 1,000,000 on bench/scale's book).  The
 * expression is the query's own (rd_store_list_delay_rows_unsettled() in
 * rd-store-weekly.c, which names this index).
 * activity_live_account_on_idx: an account's newest live activity from the
 * index alone; through activity_account_on_idx each lookup read a table
 * page to check "deleted" (rd_store_newest_activity_of(), once per account
 * whose forecast asks for its last contact: 0.73 s → 0.09 s of CPU for
 * 100,000 accounts, for ~56 MB on that book). */
static const char migration_v9[] =
  "CREATE INDEX IF NOT EXISTS delay_settled_on_idx ON delay (CASE WHEN status IS 'resolved' THEN resolved_on END)\n"
  "  WHERE deleted = 0;\n"
  "CREATE INDEX IF NOT EXISTS activity_live_account_on_idx ON activity (account_id, \"on\")\n"
  "  WHERE deleted = 0;\n"
;

static const char * const migrations[] = {
  migration_v1,
  migration_v2,
  migration_v3,
  migration_v4,
  migration_v5,
  migration_v6,
  migration_v7,
  migration_v8,
  migration_v9,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RD_STORE_SCHEMA_VERSION);

static EntitySql *entity_sql;
static guint n_entity_sql;

void
_rd_store_build_entity_sql (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  {
    const RdEntitySpec *specs = rd_entity_specs (&n_entity_sql);

    entity_sql = g_new0 (EntitySql, n_entity_sql);
    for (guint i = 0; i < n_entity_sql; i++)
      {
        const RdEntitySpec *spec = &specs[i];
        GString *select = g_string_new ("SELECT id");
        GString *cols = g_string_new ("id");
        GString *vals = g_string_new ("?");
        GString *sets = g_string_new (NULL);

        for (guint f = 0; f < spec->n_fields; f++)
          {
            const char *name = spec->fields[f].name;

            /* Quoted: the activity's "on" is an SQL keyword. */
            g_string_append_printf (select, ", \"%s\"", name);
            g_string_append_printf (cols, ", \"%s\"", name);
            g_string_append (vals, ", ?");
            g_string_append_printf (sets, "\"%s\" = excluded.\"%s\", ", name, name);
          }

        g_string_append_printf (select, ", updated_at, rev, deleted, extra FROM %s", spec->table);
        g_string_append (cols, ", updated_at, rev, dirty, deleted, delete_batch, extra");
        g_string_append (vals, ", ?, ?, ?, ?, ?, ?");

        entity_sql[i].spec = spec;
        entity_sql[i].select_sql = g_string_free (select, FALSE);
        entity_sql[i].upsert_sql =
          g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (id) DO UPDATE SET %s"
                           "updated_at = excluded.updated_at, rev = COALESCE (excluded.rev, rev), "
                           "dirty = excluded.dirty, deleted = excluded.deleted, "
                           "delete_batch = excluded.delete_batch, extra = excluded.extra",
                           spec->table, cols->str, vals->str, sets->str);

        g_string_free (cols, TRUE);
        g_string_free (vals, TRUE);
        g_string_free (sets, TRUE);
      }
  }

  g_once_init_leave (&initialized, 1);
}

const EntitySql *
_rd_store_entity_sql_lookup (const char *type)
{
  _rd_store_build_entity_sql ();

  for (guint i = 0; i < n_entity_sql; i++)
    {
      if (g_strcmp0 (entity_sql[i].spec->type, type) == 0)
        return &entity_sql[i];
    }

  return NULL;
}

/* Opening */

gboolean
_rd_store_check_existing_file (const char  *path,
                               GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;
  int version = 0;
  int rc;
  gboolean ok = FALSE;

  if (g_stat (path, &st) != 0 || st.st_size == 0)
    return TRUE;

  /* Read-only first: a file we must refuse is never written, not even a
   * WAL checkpoint on close. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  /* Another process may be opening or writing the file just now. */
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, 5000);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (rc != SQLITE_OK)
    {
      int code = _rd_store_error_code_for_sqlite (rc);

      if (code == RD_STORE_ERROR_CORRUPT)
        g_set_error (error, RD_STORE_ERROR, code,
                     _("“%s” is not a Renewal Desk database or is damaged"), display);
      else
        g_set_error (error, RD_STORE_ERROR, code, _("Could not open “%s”: %s"), display,
                     db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      goto out;
    }

  if (version < 0)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                   _("“%s” has an impossible database version (%d); "
                     "the file has not been changed."), display, version);
      goto out;
    }

  if (version > RD_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Renewal Desk (database version %d; "
                     "this version understands up to %d). Update Renewal Desk to open it; "
                     "the file has not been changed."),
                   display, version, RD_STORE_SCHEMA_VERSION);
      goto out;
    }

  if (st.st_size <= QUICK_CHECK_MAX_BYTES)
    {
      gboolean healthy = FALSE;

      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        healthy = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
      sqlite3_finalize (stmt);

      if (!healthy)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged (the integrity check failed)"), display);
          goto out;
        }
    }

  ok = TRUE;

out:
  sqlite3_close_v2 (db);
  return ok;
}

gboolean
_rd_store_migrate (RdStore  *self,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  int version = 0;

  /* Up to date, the usual case: no write lock, so an export can run while
   * another process imports (a WAL reader never waits for the writer). */
  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      _rd_store_set_db_error (self->db, sqlite3_errcode (self->db), error);
      return FALSE;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version == RD_STORE_SCHEMA_VERSION)
    return TRUE;

  /* Read again under the lock: another process may have migrated meanwhile. */
  version = 0;
  if (!_rd_store_begin (self, error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version < 0)
    {
      _rd_store_rollback (self);
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                   _("The database has an impossible version (%d)"), version);
      return FALSE;
    }

  if (version > RD_STORE_SCHEMA_VERSION)
    {
      _rd_store_rollback (self);
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NEWER_SCHEMA,
                   _("The database was written by a newer version of Renewal Desk"));
      return FALSE;
    }

  for (int v = version; v < RD_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *pragma = NULL;

      if (!_rd_store_exec (self, migrations[v], error))
        {
          _rd_store_rollback (self);
          g_prefix_error (error, _("Upgrading the database to version %d failed: "), v + 1);
          return FALSE;
        }

      /* An integer from this loop, not input: PRAGMA cannot take a parameter. */
      pragma = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!_rd_store_exec (self, pragma, error))
        {
          _rd_store_rollback (self);
          return FALSE;
        }
    }

  return _rd_store_commit (self, error);

fail:
  _rd_store_set_db_error (self->db, sqlite3_errcode (self->db), error);
  _rd_store_rollback (self);
  return FALSE;
}
