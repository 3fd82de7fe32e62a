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

/* Above this size PRAGMA quick_check is skipped (it reads every page);
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

/* v9: the daily re-derivation reads only the rows due.  derive_on is the
 * next day a delay's class or an account's risk can change by the day
 * alone (rd-store-derive.c writes it when it derives the row); NULL means
 * due now, '9999-12-31' never by the day alone.  The triggers make a row
 * due whenever what its value reads is written, whoever writes it:
 *  - its own columns, all but the derived ones and sync's bookkeeping
 *    (rev, dirty, base), or its derived values erased;
 *  - for a delay: its account's deadline; the account's open delays (the
 *    score counts the others); its accepted bridges; its contacts (roles,
 *    a champion who left);
 *  - for an account: its delays (status, class, override), its accepted
 *    bridges and its contacts.
 * The re-derivation's own writes (derived columns, derive_on) fire none
 * but the account's, when a delay's class moved.  Backfill: resolved
 * delays judged as of their resolved_on (not day-bound, v8) never move
 * by the day; everything else is due. */
#define V9_MARK_ACCOUNT(id) \
  "  UPDATE account SET derive_on = NULL WHERE id = " id " AND derive_on IS NOT NULL;\n"
#define V9_MARK_DELAYS(account_id) \
  "  UPDATE delay SET derive_on = NULL WHERE account_id = " account_id " AND derive_on IS NOT NULL;\n"
#define V9_MARK_BOTH(id) V9_MARK_ACCOUNT (id) V9_MARK_DELAYS (id)
#define V9_DELAY_OPEN(row) "(" row ".deleted = 0 AND COALESCE (" row ".status, 'open') = 'open')"
#define V9_BRIDGE_ACCEPTED(row) "(" row ".deleted = 0 AND " row ".status IS 'accepted')"
#define V9_CONTACT_READ(row) \
  "(" row ".deleted = 0 AND " row ".role IS NOT NULL)"
/* The trigger that makes a new delay's account and the other open delays
 * of the account due (@also: more conditions on those delays). */
#define V9_DELAY_INSERT_TRIGGER(also) \
  "CREATE TRIGGER delay_insert_due AFTER INSERT ON delay\n" \
  "BEGIN\n" \
  V9_MARK_ACCOUNT ("NEW.account_id") \
  "  UPDATE delay SET derive_on = NULL WHERE account_id = NEW.account_id\n" \
  "    AND derive_on IS NOT NULL " also "AND " V9_DELAY_OPEN ("NEW") ";\n" \
  "END;\n"
/* The triggers that make what reads an account's contacts due, each
 * marking with @mark (V9_MARK_BOTH, V9_MARK_DELAYS) the account named. */
#define V9_CONTACT_TRIGGERS(mark) \
  "CREATE TRIGGER contact_insert_due AFTER INSERT ON contact WHEN " V9_CONTACT_READ ("NEW") "\n" \
  "BEGIN\n" \
  mark ("NEW.account_id") \
  "END;\n" \
  "CREATE TRIGGER contact_update_due AFTER UPDATE OF account_id, role, active, deleted ON contact\n" \
  "  WHEN OLD.account_id IS NOT NEW.account_id OR OLD.role IS NOT NEW.role\n" \
  "  OR OLD.active IS NOT NEW.active OR OLD.deleted IS NOT NEW.deleted\n" \
  "BEGIN\n" \
  mark ("OLD.account_id") \
  mark ("NEW.account_id") \
  "END;\n" \
  "CREATE TRIGGER contact_delete_due AFTER DELETE ON contact WHEN " V9_CONTACT_READ ("OLD") "\n" \
  "BEGIN\n" \
  mark ("OLD.account_id") \
  "END;\n"
static const char migration_v9[] =
  "ALTER TABLE account ADD COLUMN derive_on TEXT;\n"
  "ALTER TABLE delay ADD COLUMN derive_on TEXT;\n"
  "UPDATE delay SET derive_on = '9999-12-31'\n"
  "  WHERE deleted = 0 AND status IS 'resolved' AND resolved_on IS NOT NULL "
  "AND resolved_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "
  "AND resolved_on >= '1900-01-01' AND date (resolved_on) IS resolved_on "
  "AND classification IS NOT NULL AND score IS NOT NULL;\n"
  /* Covering the re-derivation's lists of the due rows' accounts (SQLite
   * 3.40 does not count a partial index's own condition as covered). */
  "CREATE INDEX delay_derive_on_idx ON delay (derive_on, account_id, deleted)\n"
  "  WHERE deleted = 0 AND derive_on IS NOT '9999-12-31';\n"
  "CREATE INDEX account_derive_on_idx ON account (derive_on, id, deleted)\n"
  "  WHERE deleted = 0 AND derive_on IS NOT '9999-12-31';\n"
  /* A row's own inputs. */
  "CREATE TRIGGER delay_inputs_due AFTER UPDATE OF account_id, contact_id, communicated_on,\n"
  "  stated_reason, cause, signals, classification_override, override_note, info_by,\n"
  "  reconnect_on, decision_by, actions_taken, customer_response, next_step, next_step_on,\n"
  "  help_needed, status, resolved_on, outcome, retrospective, statements, diagnostics,\n"
  "  updated_at, deleted, delete_batch, extra, info_kept_on, reconnect_kept_on,\n"
  "  decision_kept_on, next_step_kept_on ON delay WHEN NEW.derive_on IS NOT NULL\n"
  "BEGIN\n"
  "  UPDATE delay SET derive_on = NULL WHERE rowid = NEW.rowid;\n"
  "END;\n"
  "CREATE TRIGGER delay_derived_erased AFTER UPDATE OF classification, score ON delay\n"
  "  WHEN NEW.derive_on IS NOT NULL AND (NEW.classification IS NULL OR NEW.score IS NULL)\n"
  "BEGIN\n"
  "  UPDATE delay SET derive_on = NULL WHERE rowid = NEW.rowid;\n"
  "END;\n"
  "CREATE TRIGGER account_inputs_due AFTER UPDATE OF name, external_id, industry, country,\n"
  "  currency, annual_value_minor, contract_start, contract_end, effective_end, stage, status,\n"
  "  cash_stability, owner, auto_renew, notice_days, notes, updated_at, deleted, delete_batch,\n"
  "  extra, churn_reason, stage_since ON account WHEN NEW.derive_on IS NOT NULL\n"
  "BEGIN\n"
  "  UPDATE account SET derive_on = NULL WHERE rowid = NEW.rowid;\n"
  "END;\n"
  "CREATE TRIGGER account_derived_erased AFTER UPDATE OF risk_score, risk_band ON account\n"
  "  WHEN NEW.derive_on IS NOT NULL AND (NEW.risk_score IS NULL OR NEW.risk_band IS NULL)\n"
  "BEGIN\n"
  "  UPDATE account SET derive_on = NULL WHERE rowid = NEW.rowid;\n"
  "END;\n"
  /* A delay reads its account's deadline. */
  "CREATE TRIGGER account_deadline_due AFTER UPDATE OF contract_end, effective_end, deleted\n"
  "  ON account WHEN OLD.contract_end IS NOT NEW.contract_end\n"
  "  OR OLD.effective_end IS NOT NEW.effective_end OR OLD.deleted IS NOT NEW.deleted\n"
  "BEGIN\n"
  V9_MARK_DELAYS ("NEW.id")
  "END;\n"
  /* An account reads its open delays and their classes; a delay's score
   * counts the other open delays of its account. */
  V9_DELAY_INSERT_TRIGGER ("")
  "CREATE TRIGGER delay_update_due AFTER UPDATE OF account_id, status, deleted, classification,\n"
  "  classification_override ON delay\n"
  "  WHEN OLD.account_id IS NOT NEW.account_id OR OLD.status IS NOT NEW.status\n"
  "  OR OLD.deleted IS NOT NEW.deleted OR OLD.classification IS NOT NEW.classification\n"
  "  OR OLD.classification_override IS NOT NEW.classification_override\n"
  "BEGIN\n"
  V9_MARK_ACCOUNT ("OLD.account_id")
  V9_MARK_ACCOUNT ("NEW.account_id")
  "END;\n"
  "CREATE TRIGGER delay_open_set_due AFTER UPDATE OF account_id, status, deleted ON delay\n"
  "  WHEN OLD.account_id IS NOT NEW.account_id\n"
  "  OR " V9_DELAY_OPEN ("OLD") " IS NOT " V9_DELAY_OPEN ("NEW") "\n"
  "BEGIN\n"
  V9_MARK_DELAYS ("OLD.account_id")
  V9_MARK_DELAYS ("NEW.account_id")
  "END;\n"
  "CREATE TRIGGER delay_delete_due AFTER DELETE ON delay\n"
  "BEGIN\n"
  V9_MARK_BOTH ("OLD.account_id")
  "END;\n"
  /* Both read the account's accepted bridges. */
  "CREATE TRIGGER bridge_insert_due AFTER INSERT ON bridge WHEN " V9_BRIDGE_ACCEPTED ("NEW") "\n"
  "BEGIN\n"
  V9_MARK_BOTH ("NEW.account_id")
  "END;\n"
  "CREATE TRIGGER bridge_update_due AFTER UPDATE OF account_id, status, deleted ON bridge\n"
  "  WHEN OLD.account_id IS NOT NEW.account_id\n"
  "  OR " V9_BRIDGE_ACCEPTED ("OLD") " IS NOT " V9_BRIDGE_ACCEPTED ("NEW") "\n"
  "BEGIN\n"
  V9_MARK_BOTH ("OLD.account_id")
  V9_MARK_BOTH ("NEW.account_id")
  "END;\n"
  "CREATE TRIGGER bridge_delete_due AFTER DELETE ON bridge WHEN " V9_BRIDGE_ACCEPTED ("OLD") "\n"
  "BEGIN\n"
  V9_MARK_BOTH ("OLD.account_id")
  "END;\n"
  /* A delay reads the roles of its account's contacts and whether a
   * champion left; the account is marked too, to be safe (not since v12). */
  V9_CONTACT_TRIGGERS (V9_MARK_BOTH)
;

/* v10: the reminder derivation re-derives only the accounts whose reminder
 * inputs changed (rd-reminder-refresh.c).  Every write of a column the
 * reminder rules read, by any writer (editor, CSV import, sync, the
 * store's own effective ends), appends the account it concerns to
 * reminder_stale, whose seq tells what a derivation has read from what
 * came after; reminder_due holds the accounts whose reminders can change
 * with the date alone, from that day on.  Reminders without an account
 * (the weekly update, manual ones) are the account ''.  The derived
 * values' own writes (rd-store-derive.c) touch no column named here. */
static const char migration_v10[] =
  "CREATE TABLE IF NOT EXISTS reminder_stale (\n"
  "  seq INTEGER PRIMARY KEY,\n"
  "  account_id TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE IF NOT EXISTS reminder_due (\n"
  "  account_id TEXT PRIMARY KEY NOT NULL,\n"
  "  due_on TEXT NOT NULL\n"
  ") WITHOUT ROWID;\n"
  "CREATE INDEX IF NOT EXISTS reminder_due_on_idx ON reminder_due (due_on);\n"
  "CREATE TRIGGER IF NOT EXISTS account_reminder_insert AFTER INSERT ON account\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT NEW.id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS account_reminder_delete AFTER DELETE ON account\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS account_reminder_update AFTER UPDATE OF name, status, "
  "contract_start, "
  "contract_end, effective_end, deleted, extra ON account\n"
  "  WHEN OLD.name IS NOT NEW.name OR OLD.status IS NOT NEW.status OR "
  "OLD.contract_start IS NOT NEW.contract_start OR OLD.contract_end IS NOT NEW.contract_end"
  " OR OLD.effective_end IS NOT NEW.effective_end OR OLD.deleted IS NOT NEW.deleted OR "
  "OLD.extra IS NOT NEW.extra\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.id UNION SELECT NEW.id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS delay_reminder_insert AFTER INSERT ON delay\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT NEW.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS delay_reminder_delete AFTER DELETE ON delay\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS delay_reminder_update AFTER UPDATE OF account_id, status, "
  "communicated_on"
  ", info_by, reconnect_on, decision_by, next_step_on, next_step, resolved_on, updated_at, "
  "deleted, extra ON delay\n"
  "  WHEN OLD.account_id IS NOT NEW.account_id OR OLD.status IS NOT NEW.status OR "
  "OLD.communicated_on IS NOT NEW.communicated_on OR OLD.info_by IS NOT NEW.info_by OR "
  "OLD.reconnect_on IS NOT NEW.reconnect_on OR OLD.decision_by IS NOT NEW.decision_by OR "
  "OLD.next_step_on IS NOT NEW.next_step_on OR OLD.next_step IS NOT NEW.next_step OR "
  "OLD.resolved_on IS NOT NEW.resolved_on OR OLD.updated_at IS NOT NEW.updated_at OR "
  "OLD.deleted IS NOT NEW.deleted OR OLD.extra IS NOT NEW.extra\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.account_id UNION "
  "SELECT NEW.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS plan_reminder_insert AFTER INSERT ON plan\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT NEW.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS plan_reminder_delete AFTER DELETE ON plan\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS plan_reminder_update AFTER UPDATE OF account_id, status, "
  "started_on, "
  "check_in_days, timeframe_days, updated_at, deleted, extra ON plan\n"
  "  WHEN OLD.account_id IS NOT NEW.account_id OR OLD.status IS NOT NEW.status OR "
  "OLD.started_on IS NOT NEW.started_on OR OLD.check_in_days IS NOT NEW.check_in_days OR "
  "OLD.timeframe_days IS NOT NEW.timeframe_days OR OLD.updated_at IS NOT NEW.updated_at OR "
  "OLD.deleted IS NOT NEW.deleted OR OLD.extra IS NOT NEW.extra\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.account_id UNION "
  "SELECT NEW.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS plan_step_reminder_insert AFTER INSERT ON plan_step\n"
  "BEGIN INSERT INTO reminder_stale (account_id) SELECT account_id FROM plan WHERE id = "
  "NEW.plan_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS plan_step_reminder_delete AFTER DELETE ON plan_step\n"
  "BEGIN INSERT INTO reminder_stale (account_id) SELECT account_id FROM plan WHERE id = "
  "OLD.plan_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS plan_step_reminder_update AFTER UPDATE OF plan_id, title, "
  "due_on, done_on"
  ", deleted, extra ON plan_step\n"
  "  WHEN OLD.plan_id IS NOT NEW.plan_id OR OLD.title IS NOT NEW.title OR "
  "OLD.due_on IS NOT NEW.due_on OR OLD.done_on IS NOT NEW.done_on OR "
  "OLD.deleted IS NOT NEW.deleted OR OLD.extra IS NOT NEW.extra\n"
  "BEGIN INSERT INTO reminder_stale (account_id) SELECT account_id FROM plan WHERE id = "
  "OLD.plan_id"
  " UNION SELECT account_id FROM plan WHERE id = NEW.plan_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS bridge_reminder_insert AFTER INSERT ON bridge\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT NEW.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS bridge_reminder_delete AFTER DELETE ON bridge\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS bridge_reminder_update AFTER UPDATE OF account_id, status, "
  "ends_on, "
  "deleted, extra ON bridge\n"
  "  WHEN OLD.account_id IS NOT NEW.account_id OR OLD.status IS NOT NEW.status OR "
  "OLD.ends_on IS NOT NEW.ends_on OR OLD.deleted IS NOT NEW.deleted OR "
  "OLD.extra IS NOT NEW.extra\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.account_id UNION "
  "SELECT NEW.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS loss_reminder_insert AFTER INSERT ON loss\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT NEW.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS loss_reminder_delete AFTER DELETE ON loss\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS loss_reminder_update AFTER UPDATE OF account_id, closed_on, "
  "reengage_on, "
  "reopened_on, deleted, extra ON loss\n"
  "  WHEN OLD.account_id IS NOT NEW.account_id OR OLD.closed_on IS NOT NEW.closed_on OR "
  "OLD.reengage_on IS NOT NEW.reengage_on OR OLD.reopened_on IS NOT NEW.reopened_on OR "
  "OLD.deleted IS NOT NEW.deleted OR OLD.extra IS NOT NEW.extra\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.account_id UNION "
  "SELECT NEW.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS activity_reminder_insert AFTER INSERT ON activity\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT NEW.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS activity_reminder_delete AFTER DELETE ON activity\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS activity_reminder_update AFTER UPDATE OF account_id, \"on\", "
  "updated_at, "
  "deleted ON activity\n"
  "  WHEN OLD.account_id IS NOT NEW.account_id OR OLD.\"on\" IS NOT NEW.\"on\" OR "
  "OLD.updated_at IS NOT NEW.updated_at OR OLD.deleted IS NOT NEW.deleted\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT OLD.account_id UNION "
  "SELECT NEW.account_id; END;\n"
  "CREATE TRIGGER IF NOT EXISTS reminder_reminder_insert AFTER INSERT ON reminder\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT COALESCE (NEW.account_id, ''); END;\n"
  "CREATE TRIGGER IF NOT EXISTS reminder_reminder_delete AFTER DELETE ON reminder\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT COALESCE (OLD.account_id, ''); END;\n"
  "CREATE TRIGGER IF NOT EXISTS reminder_reminder_update AFTER UPDATE OF account_id, kind, "
  "due_at, title"
  ", source_id, done_at, deleted, extra ON reminder\n"
  "  WHEN OLD.account_id IS NOT NEW.account_id OR OLD.kind IS NOT NEW.kind OR "
  "OLD.due_at IS NOT NEW.due_at OR OLD.title IS NOT NEW.title OR "
  "OLD.source_id IS NOT NEW.source_id OR OLD.done_at IS NOT NEW.done_at OR "
  "OLD.deleted IS NOT NEW.deleted OR OLD.extra IS NOT NEW.extra\n"
  "  BEGIN INSERT INTO reminder_stale (account_id) SELECT COALESCE (OLD.account_id, '')"
  " UNION SELECT COALESCE (NEW.account_id, ''); END;\n"
;

/* v11: what the weekly update reads, without a million rows.
 * delay_settled_on_idx: the key is the day a delay was settled, NULL while
 * it is not (open, or resolved without a day).  "Still open, or settled on
 * or after the week's first day" is two ranges of it: IS NULL and >= the
 * day (~50,000 rows instead of 1,000,000 on bench/scale's book).  The
 * expression is the query's own (rd_store_list_delay_rows_unsettled() in
 * rd-store-weekly.c, which names this index).
 * activity_live_account_on_idx: an account's newest live activity from the
 * index alone; through activity_account_on_idx each lookup read a table
 * page to check "deleted" (rd_store_newest_activities_of(), for each account
 * whose forecast asks for its last contact: 0.73 s → 0.09 s of CPU for
 * 100,000 accounts, for ~56 MB on that book). */
static const char migration_v11[] =
  "CREATE INDEX IF NOT EXISTS delay_settled_on_idx ON delay (CASE WHEN status IS 'resolved' THEN resolved_on END)\n"
  "  WHERE deleted = 0;\n"
  "CREATE INDEX IF NOT EXISTS activity_live_account_on_idx ON activity (account_id, \"on\")\n"
  "  WHERE deleted = 0;\n"
;

/* v12: an account's risk reads its own fields, its open delays and its
 * accepted bridges, never its contacts (rd_risk_rate(); the daily
 * re-derivation reads none for accounts): a contact's write makes only
 * the account's delays due.  A writer that stored an account's next day
 * as it rated it (the CSV import, then the account's stakeholders; sync)
 * keeps it, and the next day derives only what is due. */
static const char migration_v12[] =
  "DROP TRIGGER contact_insert_due;\n"
  "DROP TRIGGER contact_update_due;\n"
  "DROP TRIGGER contact_delete_due;\n"
  V9_CONTACT_TRIGGERS (V9_MARK_DELAYS)
  /* Likewise a new delay keeps the day it was inserted with (the other
   * open delays of its account count it: they are due). */
  "DROP TRIGGER delay_insert_due;\n"
  V9_DELAY_INSERT_TRIGGER ("AND rowid IS NOT NEW.rowid ")
;

/* v13: the first screen (rd_store_list_first_accounts()) reads the soonest
 * deadlines of the accounts not lost.  Through account_deadline_idx it
 * read every lost account's row before them: on bench/startup's book the
 * 2,500 lost accounts whose deadline has passed, ~3,000 pages (13 MB of
 * page cache, ~100 ms of CPU on the worker, before the first frame); through
 * this index it reads the first day's ~190 rows (~600 pages). */
static const char migration_v13[] =
  "CREATE INDEX IF NOT EXISTS account_open_deadline_idx\n"
  "  ON account (COALESCE (effective_end, contract_end))\n"
  "  WHERE deleted = 0 AND status IS NOT 'lost';\n"
;

/* v14: the reminders page, its badge and the scheduler read the open
 * reminders in order of when they fire (rd-store-list.c).  That time is
 * computed, so each read computed it for every open reminder: 333,000 on
 * bench/startup's book, seconds per read.  The first index holds it, with
 * the kind the reads test; julianday () of a checked instant
 * (RD_FIELD_INSTANT, never 'now') is deterministic, as an index needs.
 * Of the weekly updates the reads list only the first open one, which the
 * second finds at once (through reminder_due_idx, each read passed over
 * every reminder due before it). */
static const char migration_v14[] =
  "CREATE INDEX IF NOT EXISTS reminder_open_due_idx\n"
  "  ON reminder (" RD_STORE_REMINDER_EFFECTIVE_DUE ", kind)\n"
  "  WHERE " RD_STORE_OPEN_REMINDER ";\n"
  "CREATE INDEX IF NOT EXISTS reminder_open_weekly_idx ON reminder (due_at, id)\n"
  "  WHERE " RD_STORE_OPEN_REMINDER " AND kind = 'weekly_update';\n"
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
  migration_v10,
  migration_v11,
  migration_v12,
  migration_v13,
  migration_v14,
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
        g_string_append (cols, ", updated_at, rev, dirty, deleted, delete_batch, extra, base");
        g_string_append (vals, ", ?, ?, ?, ?, ?, ?, ?");

        entity_sql[i].spec = spec;
        entity_sql[i].select_sql = g_string_free (select, FALSE);
        entity_sql[i].upsert_sql =
          g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (id) DO UPDATE SET %s"
                           "updated_at = excluded.updated_at, rev = COALESCE (excluded.rev, rev), "
                           "dirty = excluded.dirty, deleted = excluded.deleted, "
                           "delete_batch = excluded.delete_batch, extra = excluded.extra, "
                           "base = COALESCE (excluded.base, base)",
                           spec->table, cols->str, vals->str, sets->str);
        /* For a row known to be absent.  A statement that may fail halfway
         * (the triggers write other tables; NOT NULL aborts) otherwise makes
         * SQLite copy every page it touches to a statement journal, to undo
         * just that statement; its callers roll the whole transaction back
         * on any failure, so ROLLBACK undoes no less.  A row with derived
         * values also takes its derive_on (v9), last: a writer that derived
         * them stores the day they are next due with the row, not by an
         * UPDATE after it (NULL: due now). */
        if (g_str_equal (spec->table, "account") || g_str_equal (spec->table, "delay"))
          {
            g_string_append (cols, ", derive_on");
            g_string_append (vals, ", ?");
          }
        entity_sql[i].insert_sql =
          g_strdup_printf ("INSERT OR ROLLBACK INTO %s (%s) VALUES (%s)",
                           spec->table, cols->str, vals->str);

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

/* PRAGMA quick_check reads every page: on a file of a few megabytes that is
 * tens of milliseconds, so a window may ask for it after its first frame
 * (_rd_store_check_pages ()).  Above QUICK_CHECK_MAX_BYTES it is skipped. */
static gboolean
quick_check (sqlite3     *db,
             const char  *display,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean healthy = FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    healthy = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (!healthy)
    g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT,
                 _("“%s” is damaged (the integrity check failed)"), display);
  return healthy;
}

/* Everything _rd_store_check_existing_file () checks; with @check_pages
 * FALSE, the pages are read only when the file is about to be migrated
 * (a damaged file is never written). */
static gboolean
check_file (const char  *path,
            gboolean     check_pages,
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

  if ((check_pages || version < RD_STORE_SCHEMA_VERSION) && st.st_size <= QUICK_CHECK_MAX_BYTES &&
      !quick_check (db, display, error))
    goto out;

  ok = TRUE;

out:
  sqlite3_close_v2 (db);
  return ok;
}

gboolean
_rd_store_check_existing_file (const char  *path,
                               GError     **error)
{
  return check_file (path, TRUE, error);
}

gboolean
_rd_store_check_existing_file_but_pages (const char  *path,
                                         GError     **error)
{
  return check_file (path, FALSE, error);
}

gboolean
_rd_store_check_pages (const char  *path,
                       GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  GStatBuf st;
  int rc;
  gboolean ok;

  if (g_stat (path, &st) != 0 || st.st_size > QUICK_CHECK_MAX_BYTES)
    return TRUE;

  /* Its own read-only connection: the store's stays free for the window. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, 5000);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_STORE_ERROR, _rd_store_error_code_for_sqlite (rc),
                   _("Could not open “%s”: %s"), display,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }

  ok = quick_check (db, display, error);
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
