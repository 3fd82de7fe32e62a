/* rd-store.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

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

struct _RdStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  GMutex        mutex;        /* guards db and stmts */
  GHashTable   *stmts;        /* SQL text → sqlite3_stmt, prepared once */
  GMainContext *main_context; /* where "changed" and notify::busy are emitted */
  RdRiskConfig *risk_config;  /* guarded by mutex; NULL until first needed */
  int           n_jobs;       /* atomic */
  gboolean      applying_remote; /* guarded by mutex; see rd-store-private.h */
};

enum {
  PROP_0,
  PROP_PATH,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rd_store_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdStore, rd_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      rd_store_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_INITABLE, NULL))

G_DEFINE_QUARK (rd-store-error-quark, rd_store_error)

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

static const char * const migrations[] = {
  migration_v1,
  migration_v2,
  migration_v3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RD_STORE_SCHEMA_VERSION);

/* Per-entity SQL, built once from the static specs (never from input). */
typedef struct
{
  const RdEntitySpec *spec;
  char               *select_sql;   /* id, fields…, updated_at, rev, deleted, extra */
  char               *upsert_sql;
} EntitySql;

static EntitySql *entity_sql;
static guint n_entity_sql;

#define ACCOUNT_COLUMNS \
  "id, name, external_id, industry, country, currency, annual_value_minor, " \
  "contract_start, contract_end, effective_end, stage, status, cash_stability, " \
  "owner, auto_renew, notice_days, notes, risk_score, risk_band, updated_at, extra, " \
  "(SELECT MAX (CASE COALESCE (d.classification_override, d.classification) " \
  "             WHEN 'risk' THEN 2 WHEN 'decision' THEN 1 ELSE 0 END) " \
  " FROM delay d WHERE d.account_id = account.id AND d.deleted = 0 " \
  " AND COALESCE (d.status, 'open') = 'open'), " \
  "risk_factors, churn_reason, stage_since"

static void
build_entity_sql (void)
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

            g_string_append_printf (select, ", %s", name);
            g_string_append_printf (cols, ", %s", name);
            g_string_append (vals, ", ?");
            g_string_append_printf (sets, "%s = excluded.%s, ", name, name);
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

static const EntitySql *
entity_sql_lookup (const char *type)
{
  build_entity_sql ();

  for (guint i = 0; i < n_entity_sql; i++)
    {
      if (g_strcmp0 (entity_sql[i].spec->type, type) == 0)
        return &entity_sql[i];
    }

  return NULL;
}

/* Errors */

static int
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return RD_STORE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return RD_STORE_ERROR_CONSTRAINT;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return RD_STORE_ERROR_CORRUPT;
    default:
      return RD_STORE_ERROR_FAILED;
    }
}

/* Must be called with the lock held: sqlite3_errmsg belongs to the connection. */
static gboolean
set_db_error (sqlite3     *db,
              int          rc,
              GError     **error)
{
  g_set_error (error, RD_STORE_ERROR, error_code_for_sqlite (rc),
               _("Database error: %s"), db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
copy_document_error (GError  *doc_error,
                     GError **error)
{
  int code = doc_error->domain == RD_DOCUMENT_ERROR ? RD_STORE_ERROR_INVALID : RD_STORE_ERROR_FAILED;

  g_set_error_literal (error, RD_STORE_ERROR, code, doc_error->message);
  return FALSE;
}

/* Statements (lock held) */

static sqlite3_stmt *
prepare (RdStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self->db, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (RdStore     *self,
      const char  *sql,
      GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_STORE_ERROR, error_code_for_sqlite (rc),
                   _("Database error: %s"), errmsg ? errmsg : sqlite3_errstr (rc));
      sqlite3_free (errmsg);
      return FALSE;
    }

  return TRUE;
}

/* Steps a statement that returns no rows, then resets it. */
static gboolean
step_done (RdStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
begin (RdStore  *self,
       GError  **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (RdStore  *self,
        GError  **error)
{
  if (!exec (self, "COMMIT", error))
    {
      /* A deferred foreign key fails at COMMIT, which leaves the transaction open. */
      if (!sqlite3_get_autocommit (self->db))
        exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

static void
rollback (RdStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text ? g_strdup ((const char *) text) : NULL;
}

/* Signals and the job counter, delivered on the store's main context. */

typedef struct
{
  RdStore *self;
  char    *type;
  char    *id;
} ChangedData;

static gboolean
emit_changed_cb (gpointer user_data)
{
  ChangedData *data = user_data;

  g_signal_emit (data->self, signals[CHANGED], 0, data->type, data->id);

  g_object_unref (data->self);
  g_free (data->type);
  g_free (data->id);
  g_free (data);

  return G_SOURCE_REMOVE;
}

/* Call without the lock: handlers may call back into the store. */
static void
emit_changed (RdStore    *self,
              const char *type,
              const char *id)
{
  ChangedData *data = g_new0 (ChangedData, 1);

  data->self = g_object_ref (self);
  data->type = g_strdup (type);
  data->id = g_strdup (id);
  g_main_context_invoke (self->main_context, emit_changed_cb, data);
}

static gboolean
notify_busy_cb (gpointer user_data)
{
  g_autoptr(RdStore) self = user_data;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return G_SOURCE_REMOVE;
}

static void
job_begin (RdStore *self)
{
  if (g_atomic_int_add (&self->n_jobs, 1) == 0)
    g_main_context_invoke (self->main_context, notify_busy_cb, g_object_ref (self));
}

static void
job_end (RdStore *self)
{
  if (g_atomic_int_dec_and_test (&self->n_jobs))
    g_main_context_invoke (self->main_context, notify_busy_cb, g_object_ref (self));
}

/* Documents ↔ rows (lock held) */

static JsonObject *
row_to_document (const RdEntitySpec *spec,
                 sqlite3_stmt       *stmt)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *doc_id = NULL;
  int col = 0;
  int n = (int) spec->n_fields;
  const char *rev;
  const char *extra;

  doc_id = rd_document_make_id (spec->type, (const char *) sqlite3_column_text (stmt, col++));
  json_object_set_string_member (doc, "_id", doc_id);

  rev = (const char *) sqlite3_column_text (stmt, n + 2);
  if (rev != NULL)
    json_object_set_string_member (doc, "_rev", rev);
  if (sqlite3_column_int (stmt, n + 3) != 0)
    json_object_set_boolean_member (doc, "_deleted", TRUE);

  json_object_set_string_member (doc, "type", spec->type);

  for (guint f = 0; f < spec->n_fields; f++, col++)
    {
      const RdFieldSpec *field = &spec->fields[f];

      if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
        continue;

      switch (field->kind)
        {
        case RD_FIELD_INT:
          json_object_set_int_member (doc, field->name, sqlite3_column_int64 (stmt, col));
          break;

        case RD_FIELD_BOOL:
          json_object_set_boolean_member (doc, field->name, sqlite3_column_int (stmt, col) != 0);
          break;

        case RD_FIELD_ENUM_ARRAY:
        case RD_FIELD_JSON:
          {
            JsonNode *node = json_from_string ((const char *) sqlite3_column_text (stmt, col), NULL);

            if (node != NULL)
              json_object_set_member (doc, field->name, node);
          }
          break;

        case RD_FIELD_TEXT:
        case RD_FIELD_DATE:
        case RD_FIELD_INSTANT:
        case RD_FIELD_ENUM:
        case RD_FIELD_REF:
        case RD_FIELD_CURRENCY:
        case RD_FIELD_COUNTRY:
        default:
          json_object_set_string_member (doc, field->name,
                                         (const char *) sqlite3_column_text (stmt, col));
          break;
        }
    }

  if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
    json_object_set_string_member (doc, "updated_at", (const char *) sqlite3_column_text (stmt, col));

  extra = (const char *) sqlite3_column_text (stmt, n + 4);
  if (extra != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (extra, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        rd_document_merge_extra (doc, json_node_get_object (node));
    }

  return doc;
}

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static gboolean
upsert_document (RdStore     *self,
                 JsonObject  *doc,
                 const char  *updated_at,
                 GError     **error)
{
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(JsonObject) extra = NULL;
  const EntitySql *es;
  sqlite3_stmt *stmt;
  int i = 1;
  JsonNode *node;

  rd_document_parse_id (json_object_get_string_member (doc, "_id"), &type, &uuid);
  es = entity_sql_lookup (type);
  g_assert (es != NULL);

  stmt = prepare (self, es->upsert_sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, i++, uuid);

  for (guint f = 0; f < es->spec->n_fields; f++, i++)
    {
      const RdFieldSpec *field = &es->spec->fields[f];

      node = json_object_get_member (doc, field->name);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          sqlite3_bind_null (stmt, i);
          continue;
        }

      switch (field->kind)
        {
        case RD_FIELD_INT:
          sqlite3_bind_int64 (stmt, i, json_node_get_int (node));
          break;

        case RD_FIELD_BOOL:
          sqlite3_bind_int (stmt, i, json_node_get_boolean (node) ? 1 : 0);
          break;

        case RD_FIELD_ENUM_ARRAY:
        case RD_FIELD_JSON:
          sqlite3_bind_text (stmt, i, node_to_string (node), -1, g_free);
          break;

        case RD_FIELD_TEXT:
        case RD_FIELD_DATE:
        case RD_FIELD_INSTANT:
        case RD_FIELD_ENUM:
        case RD_FIELD_REF:
        case RD_FIELD_CURRENCY:
        case RD_FIELD_COUNTRY:
        default:
          bind_text (stmt, i, json_node_get_string (node));
          break;
        }
    }

  bind_text (stmt, i++, updated_at);
  bind_text (stmt, i++, json_object_get_string_member_with_default (doc, "_rev", NULL));
  sqlite3_bind_int (stmt, i++, 1);
  sqlite3_bind_int (stmt, i++, json_object_get_boolean_member_with_default (doc, "_deleted", FALSE));
  sqlite3_bind_null (stmt, i++);

  extra = rd_document_extract_extra (doc);
  if (extra != NULL)
    {
      g_autoptr(JsonNode) extra_node = json_node_init_object (json_node_alloc (), extra);

      sqlite3_bind_text (stmt, i++, node_to_string (extra_node), -1, g_free);
    }
  else
    sqlite3_bind_null (stmt, i++);

  return step_done (self, stmt, error);
}

/* Returns the row as a document (tombstones included), NULL when absent. */
static JsonObject *
load_document (RdStore     *self,
               const char  *type,
               const char  *uuid,
               GError     **error)
{
  const EntitySql *es = entity_sql_lookup (type);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  JsonObject *doc = NULL;
  int rc;

  if (es == NULL)
    return NULL;

  sql = g_strconcat (es->select_sql, " WHERE id = ?", NULL);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    doc = row_to_document (es->spec, stmt);
  else if (rc != SQLITE_DONE)
    set_db_error (self->db, rc, error);
  sqlite3_reset (stmt);

  return doc;
}

static int
row_exists (RdStore     *self,
            const char  *table,
            const char  *uuid,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;

  bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;

  set_db_error (self->db, rc, error);
  return -1;
}

/* Reference checks: within @pending (doc ids about to be written) or the database. */
static gboolean
check_references (RdStore     *self,
                  JsonObject  *doc,
                  GHashTable  *pending,
                  GError     **error)
{
  const char *doc_id = json_object_get_string_member (doc, "_id");
  g_autofree char *type = NULL;
  const RdEntitySpec *spec;

  rd_document_parse_id (doc_id, &type, NULL);
  spec = rd_entity_spec_lookup (type);

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const RdFieldSpec *field = &spec->fields[f];
      const char *ref;
      int exists;

      if (field->kind != RD_FIELD_REF)
        continue;

      ref = json_object_get_string_member_with_default (doc, field->name, NULL);
      if (ref == NULL)
        continue;

      if (pending != NULL)
        {
          g_autofree char *ref_doc_id = rd_document_make_id (field->ref_type, ref);

          if (g_hash_table_contains (pending, ref_doc_id))
            continue;
        }

      exists = row_exists (self, field->ref_type, ref, error);
      if (exists < 0)
        return FALSE;
      if (exists == 0)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("Document “%s”, field “%s”: there is no %s with the id “%s”"),
                       doc_id, field->name, field->ref_type, ref);
          return FALSE;
        }
    }

  return TRUE;
}

/* Events */

static char *
display_value (const RdFieldSpec *field,
               JsonObject        *doc,
               JsonNode          *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  switch (field->kind)
    {
    case RD_FIELD_ENUM:
      {
        int value = rd_enum_table_lookup (field->enum_table, json_node_get_string (node));

        text = g_strdup (value >= 0 ? rd_enum_table_label (field->enum_table, value)
                                    : json_node_get_string (node));
      }
      break;

    case RD_FIELD_BOOL:
      text = g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
      break;

    case RD_FIELD_INT:
      if (g_str_has_suffix (field->name, "_minor"))
        {
          const char *currency = json_object_get_string_member_with_default (doc, "currency", NULL);

          text = rd_money_format (json_node_get_int (node), currency);
        }
      else
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      break;

    case RD_FIELD_ENUM_ARRAY:
      {
        JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
        g_autoptr(GString) list = g_string_new (NULL);

        for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
          {
            const char *id = json_array_get_string_element (array, i);
            int value = rd_enum_table_lookup (field->enum_table, id);

            if (list->len > 0)
              g_string_append (list, _(", "));
            g_string_append (list, value >= 0 ? rd_enum_table_label (field->enum_table, value) : id);
          }
        text = list->len > 0 ? g_strdup (list->str) : g_strdup (_("none"));
      }
      break;

    case RD_FIELD_JSON:
      text = node_to_string (node);
      break;

    case RD_FIELD_TEXT:
    case RD_FIELD_DATE:
    case RD_FIELD_INSTANT:
    case RD_FIELD_REF:
    case RD_FIELD_CURRENCY:
    case RD_FIELD_COUNTRY:
    default:
      text = g_strdup (json_node_get_string (node));
      break;
    }

  /* History lines stay short; the event keeps the full values. */
  if (text != NULL && g_utf8_strlen (text, -1) > 60)
    {
      char *cut = g_utf8_substring (text, 0, 59);

      g_free (text);
      text = g_strconcat (cut, "…", NULL);
      g_free (cut);
    }

  return g_steal_pointer (&text);
}

static char *
raw_value (const RdFieldSpec *field,
           JsonNode          *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  switch (field->kind)
    {
    case RD_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case RD_FIELD_BOOL:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case RD_FIELD_ENUM_ARRAY:
    case RD_FIELD_JSON:
      return node_to_string (node);
    case RD_FIELD_TEXT:
    case RD_FIELD_DATE:
    case RD_FIELD_INSTANT:
    case RD_FIELD_ENUM:
    case RD_FIELD_REF:
    case RD_FIELD_CURRENCY:
    case RD_FIELD_COUNTRY:
    default:
      return g_strdup (json_node_get_string (node));
    }
}

static gboolean
write_event (RdStore     *self,
             const char  *account_id,
             const char  *entity,
             const char  *entity_id,
             const char  *field,
             const char  *old_value,
             const char  *new_value,
             const char  *summary,
             const char  *now,
             GError     **error)
{
  static const char sql[] =
    "INSERT INTO event (id, account_id, entity, entity_id, field, old_value, new_value, "
    "summary, created_at, updated_at, dirty, deleted) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)";
  g_autofree char *id = g_uuid_string_random ();
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, account_id);
  bind_text (stmt, 3, entity);
  bind_text (stmt, 4, entity_id);
  bind_text (stmt, 5, field);
  bind_text (stmt, 6, old_value);
  bind_text (stmt, 7, new_value);
  bind_text (stmt, 8, summary);
  bind_text (stmt, 9, now);
  bind_text (stmt, 10, now);

  return step_done (self, stmt, error);
}

/* The account a row belongs to, for its history; NULL when it has none. */
static char *
account_of (RdStore    *self,
            const char *type,
            const char *uuid,
            JsonObject *doc)
{
  const char *plan_id;
  sqlite3_stmt *stmt;
  char *result = NULL;

  if (g_str_equal (type, "account"))
    return g_strdup (uuid);

  if (doc != NULL && json_object_has_member (doc, "account_id"))
    return g_strdup (json_object_get_string_member_with_default (doc, "account_id", NULL));

  if (g_str_equal (type, "plan_step") && doc != NULL
      && (plan_id = json_object_get_string_member_with_default (doc, "plan_id", NULL)) != NULL)
    {
      stmt = prepare (self, "SELECT account_id FROM plan WHERE id = ?", NULL);
      if (stmt == NULL)
        return NULL;
      bind_text (stmt, 1, plan_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        result = column_dup (stmt, 0);
      sqlite3_reset (stmt);
    }

  return result;
}

/* "Stakeholder “Ann Lee”" for children; NULL for accounts. */
static char *
entity_subject (const char *type,
                JsonObject *doc)
{
  const char *name;

  if (g_str_equal (type, "account"))
    return NULL;

  if (g_str_equal (type, "delay"))
    {
      g_autofree char *date =
        rd_date_format (json_object_get_string_member_with_default (doc, "communicated_on", NULL));

      /* Translators: "Delay of 3 Nov 2026", the day the customer said it */
      return *date ? g_strdup_printf (_("Delay of %s"), date) : g_strdup (rd_entity_label (type));
    }

  name = json_object_get_string_member_with_default (doc, "name", NULL);
  if (name == NULL)
    name = json_object_get_string_member_with_default (doc, "title", NULL);

  if (name != NULL)
    /* Translators: an entity ("Stakeholder") and its name */
    return g_strdup_printf (_("%s “%s”"), rd_entity_label (type), name);

  return g_strdup (rd_entity_label (type));
}

static gboolean
write_change_events (RdStore     *self,
                     const char  *type,
                     const char  *uuid,
                     JsonObject  *old_doc,
                     JsonObject  *new_doc,
                     const char  *now,
                     GError     **error)
{
  const RdEntitySpec *spec = rd_entity_spec_lookup (type);
  g_autofree char *account_id = NULL;
  g_autofree char *subject = NULL;

  /* A synced document was edited elsewhere: its history syncs as events. */
  if (self->applying_remote)
    return TRUE;

  /* Reminders are derived bookkeeping, not something a user edited. */
  if (g_str_equal (type, "event") || g_str_equal (type, "reminder"))
    return TRUE;

  account_id = account_of (self, type, uuid, new_doc);
  if (account_id == NULL)
    return TRUE;

  subject = entity_subject (type, new_doc);

  if (old_doc == NULL || json_object_get_boolean_member_with_default (old_doc, "_deleted", FALSE))
    {
      g_autofree char *summary = NULL;

      if (subject == NULL)
        summary = g_strdup (_("Account created"));
      else if (g_str_equal (type, "delay"))
        {
          int cause = rd_enum_table_lookup (&rd_cause_table,
                                            json_object_get_string_member_with_default (new_doc, "cause", NULL));
          int klass = rd_enum_table_lookup (&rd_class_table,
                                            json_object_get_string_member_with_default (new_doc, "classification", NULL));

          /* Translators: "Delay of 3 Nov 2026 logged: Shopping around (Risk)" */
          summary = g_strdup_printf (_("%s logged: %s (%s)"), subject,
                                     cause >= 0 ? rd_enum_table_label (&rd_cause_table, cause)
                                                : _("cause not assessed"),
                                     rd_enum_table_label (&rd_class_table, MAX (klass, 0)));
        }
      else
        /* Translators: e.g. "Stakeholder “Ann Lee” added" */
        summary = g_strdup_printf (_("%s added"), subject);

      return write_event (self, account_id, type, uuid, NULL, NULL, NULL, summary, now, error);
    }

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const RdFieldSpec *field = &spec->fields[f];
      JsonNode *old_node = json_object_get_member (old_doc, field->name);
      JsonNode *new_node = json_object_get_member (new_doc, field->name);
      g_autofree char *old_raw = NULL;
      g_autofree char *new_raw = NULL;
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      g_autofree char *label = NULL;
      g_autofree char *change = NULL;
      g_autofree char *summary = NULL;

      /* Computed, not edited: not history a user wants to read. */
      if (g_str_equal (field->name, "risk_score") || g_str_equal (field->name, "risk_band") ||
          g_str_equal (field->name, "score"))
        continue;

      old_raw = raw_value (field, old_node);
      new_raw = raw_value (field, new_node);
      if (g_strcmp0 (old_raw, new_raw) == 0)
        continue;

      label = rd_document_field_label (type, field->name);

      /* Structured notes read badly as values: say what changed. */
      if (field->kind == RD_FIELD_JSON)
        {
          /* Translators: e.g. "Delay of 3 Nov 2026: Statements updated" */
          g_autofree char *updated = g_strdup_printf (_("%s updated"), label);

          summary = subject ? g_strdup_printf (_("%s: %s"), subject, updated)
                            : g_steal_pointer (&updated);
          if (!write_event (self, account_id, type, uuid, field->name, old_raw, new_raw, summary,
                            now, error))
            return FALSE;
          continue;
        }
      old_text = display_value (field, old_doc, old_node);
      new_text = display_value (field, new_doc, new_node);

      if (old_text == NULL)
        /* Translators: e.g. "Contract end set to 2026-04-01" */
        change = g_strdup_printf (_("%s set to %s"), label, new_text);
      else if (new_text == NULL)
        /* Translators: e.g. "Owner cleared (was Ann Lee)" */
        change = g_strdup_printf (_("%s cleared (was %s)"), label, old_text);
      else
        /* Translators: e.g. "Contract end changed from 2026-03-01 to 2026-04-01" */
        change = g_strdup_printf (_("%s changed from %s to %s"), label, old_text, new_text);

      if (subject != NULL)
        /* Translators: "Stakeholder “Ann Lee”: Email changed from … to …" */
        summary = g_strdup_printf (_("%s: %s"), subject, change);
      else
        summary = g_steal_pointer (&change);

      if (!write_event (self, account_id, type, uuid, field->name, old_raw, new_raw, summary,
                        now, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
documents_differ (JsonObject *a,
                  JsonObject *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;
  g_autoptr(JsonObject) ca = rd_document_copy_object (a);
  g_autoptr(JsonObject) cb = rd_document_copy_object (b);

  json_object_remove_member (ca, "updated_at");
  json_object_remove_member (cb, "updated_at");
  json_object_remove_member (ca, "_rev");
  json_object_remove_member (cb, "_rev");

  na = json_node_init_object (json_node_alloc (), ca);
  nb = json_node_init_object (json_node_alloc (), cb);

  return !json_node_equal (na, nb);
}

/* Delays: the classification is computed, never trusted from the caller.
 * Every path that writes a delay (the editor, import, sync) runs this
 * first, with the lock held, so the stored document always carries the
 * class and score its facts give today. */

static int
count_rows_locked (RdStore    *self,
                   const char *sql,
                   const char *arg1,
                   const char *arg2)
{
  sqlite3_stmt *stmt = prepare (self, sql, NULL);
  int count = 0;

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, arg1);
  if (arg2 != NULL)
    bind_text (stmt, 2, arg2);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

static char *
account_deadline_locked (RdStore    *self,
                         const char *account_id)
{
  sqlite3_stmt *stmt;
  char *deadline = NULL;

  stmt = prepare (self, "SELECT COALESCE (effective_end, contract_end) FROM account WHERE id = ?",
                  NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    deadline = column_dup (stmt, 0);
  sqlite3_reset (stmt);

  return deadline;
}

static void
delay_context_locked (RdStore        *self,
                      const char     *account_id,
                      const char     *delay_id,
                      RdDelayContext *context)
{
  g_autofree char *deadline = account_deadline_locked (self, account_id);

  memset (context, 0, sizeof *context);
  g_strlcpy (context->deadline, deadline ? deadline : "", sizeof context->deadline);
  rd_date_today (&context->today);
  context->other_open_delays =
    count_rows_locked (self,
                       "SELECT COUNT(*) FROM delay WHERE account_id = ? AND id != ? "
                       "AND deleted = 0 AND COALESCE (status, 'open') = 'open'",
                       account_id, delay_id ? delay_id : "");
  context->extensions =
    count_rows_locked (self,
                       "SELECT COUNT(*) FROM bridge WHERE account_id = ? AND deleted = 0 "
                       "AND status = 'accepted'", account_id, NULL);
  context->champion_changed =
    count_rows_locked (self,
                       "SELECT COUNT(*) FROM contact WHERE account_id = ? AND deleted = 0 "
                       "AND role = 'champion' AND active = 0", account_id, NULL) > 0;
}

static gboolean
classify_delay_locked (RdStore     *self,
                       JsonObject  *doc,
                       GError     **error)
{
  g_autoptr(RdDelay) delay = NULL;
  g_autoptr(RdClassification) result = NULL;
  RdDelayContext context;

  delay = rd_delay_new_from_document (doc, error);
  if (delay == NULL)
    return FALSE;

  delay_context_locked (self, rd_delay_get_account_id (delay), rd_delay_get_id (delay), &context);
  result = rd_delay_classify (delay, &context);
  json_object_set_string_member (doc, "classification",
                                 rd_enum_table_id (&rd_class_table, result->klass));
  json_object_set_int_member (doc, "score", result->score);

  return TRUE;
}

/* Risk: like a delay's class, an account's risk is computed, never trusted
 * from the caller.  Every path that writes an account, or a delay or bridge
 * that moves its risk, rates it again with the lock held. */

static const RdRiskConfig *
risk_config_locked (RdStore *self)
{
  sqlite3_stmt *stmt;

  if (self->risk_config != NULL)
    return self->risk_config;

  stmt = prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, RD_RISK_SETTINGS_KEY);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          g_autoptr(GError) error = NULL;

          self->risk_config =
            rd_risk_config_new_from_json ((const char *) sqlite3_column_text (stmt, 0), &error);
          if (self->risk_config == NULL)
            g_warning ("Ignoring the stored risk settings: %s", error->message);
        }
      sqlite3_reset (stmt);
    }

  if (self->risk_config == NULL)
    self->risk_config = rd_risk_config_new_default ();

  return self->risk_config;
}

/* Sets risk_score, risk_band and risk_factors of the account document @doc
 * from its fields and the delays and bridges stored for it. */
static void
rate_account_locked (RdStore    *self,
                     JsonObject *doc,
                     const char *uuid)
{
  /* Today, looked up once a minute: the local time zone is costly to load
   * and an import rates every account.  Guarded by the store's mutex. */
  static GDate today;
  static gint64 today_checked = 0;
  RdRiskInput input;
  RdRiskResult result;
  sqlite3_stmt *stmt;

  if (today_checked == 0 || g_get_monotonic_time () - today_checked > 60 * G_USEC_PER_SEC)
    {
      rd_date_today (&today);
      today_checked = g_get_monotonic_time ();
    }
  rd_risk_input_from_document (&input, doc, &today);

  stmt = prepare (self,
                  "SELECT COUNT(*), MAX (CASE COALESCE (classification_override, classification) "
                  "WHEN 'risk' THEN 2 WHEN 'decision' THEN 1 ELSE 0 END) "
                  "FROM delay WHERE account_id = ? AND deleted = 0 "
                  "AND COALESCE (status, 'open') = 'open'", NULL);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, uuid);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          input.open_delays = sqlite3_column_int (stmt, 0);
          input.worst_delay_class = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                                    ? -1 : sqlite3_column_int (stmt, 1);
        }
      sqlite3_reset (stmt);
    }
  input.extensions =
    count_rows_locked (self,
                       "SELECT COUNT(*) FROM bridge WHERE account_id = ? AND deleted = 0 "
                       "AND status = 'accepted'", uuid, NULL);

  rd_risk_rate (risk_config_locked (self), &input, &result);

  json_object_set_int_member (doc, "risk_score", result.score);
  json_object_set_string_member (doc, "risk_band",
                                 rd_enum_table_id (&rd_risk_band_table, result.band));
  if (result.n_factors > 0)
    {
      JsonArray *factors = json_array_new ();

      for (guint i = 0; i < result.n_factors; i++)
        json_array_add_string_element (factors, result.factors[i]);
      json_object_set_array_member (doc, "risk_factors", factors);
    }
  else if (json_object_has_member (doc, "risk_factors"))
    json_object_remove_member (doc, "risk_factors");
}

/* Rates the stored account @uuid again and writes it when the rating
 * changed; @updated_at NULL keeps the row's own.  Lock held, in a transaction. */
static gboolean
refresh_risk_locked (RdStore     *self,
                     const char  *uuid,
                     const char  *updated_at,
                     gboolean    *out_changed,
                     GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) rated = NULL;
  g_autoptr(GError) local_error = NULL;

  if (out_changed != NULL)
    *out_changed = FALSE;

  doc = load_document (self, "account", uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (doc == NULL || json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
    return TRUE;

  rated = rd_document_copy_object (doc);
  rate_account_locked (self, rated, uuid);
  if (!documents_differ (doc, rated))
    return TRUE;

  if (updated_at == NULL)
    updated_at = json_object_get_string_member_with_default (doc, "updated_at", NULL);
  if (!upsert_document (self, rated, updated_at, error))
    return FALSE;

  if (out_changed != NULL)
    *out_changed = TRUE;

  return TRUE;
}

/* The account whose risk @doc (a delay or bridge) feeds, or NULL. */
static const char *
risk_parent_of (JsonObject *doc)
{
  const char *doc_id = json_object_get_string_member_with_default (doc, "_id", "");

  if (!g_str_has_prefix (doc_id, "delay:") && !g_str_has_prefix (doc_id, "bridge:"))
    return NULL;

  return json_object_get_string_member_with_default (doc, "account_id", NULL);
}

/* Validates references, diffs, upserts and writes history; lock held, inside
 * a transaction.  *out_changed tells whether anything was written. */
static gboolean
put_document_locked (RdStore     *self,
                     JsonObject  *doc,
                     const char  *now,
                     gboolean    *out_changed,
                     GError     **error)
{
  const char *doc_id = json_object_get_string_member (doc, "_id");
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(JsonObject) old_doc = NULL;
  g_autoptr(JsonObject) classified = NULL;
  g_autoptr(GError) local_error = NULL;

  *out_changed = FALSE;

  rd_document_parse_id (doc_id, &type, &uuid);

  if (!check_references (self, doc, NULL, error))
    return FALSE;

  if (g_str_equal (type, "delay"))
    {
      classified = rd_document_copy_object (doc);
      if (!classify_delay_locked (self, classified, error))
        return FALSE;
      doc = classified;
    }
  else if (g_str_equal (type, "account")
           && !json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
    {
      classified = rd_document_copy_object (doc);
      rate_account_locked (self, classified, uuid);
      doc = classified;
    }

  old_doc = load_document (self, type, uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (old_doc != NULL && !documents_differ (old_doc, doc))
    return TRUE;

  if (!upsert_document (self, doc, now, error))
    return FALSE;

  if (!write_change_events (self, type, uuid, old_doc, doc, now, error))
    return FALSE;

  *out_changed = TRUE;
  return TRUE;
}

/* Puts every document of @docs in one transaction: all or nothing. */
static gboolean
put_documents (RdStore     *self,
               GPtrArray   *docs,
               GError     **error)
{
  g_autofree char *now = rd_instant_now ();
  g_autofree gboolean *changed = NULL;
  g_autoptr(GPtrArray) rerated_accounts = NULL;
  gboolean ok;

  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(GError) doc_error = NULL;

      if (!rd_document_validate (g_ptr_array_index (docs, i), &doc_error))
        return copy_document_error (doc_error, error);
    }

  changed = g_new0 (gboolean, MAX (docs->len, 1));

  g_mutex_lock (&self->mutex);
  ok = begin (self, error);
  for (guint i = 0; ok && i < docs->len; i++)
    ok = put_document_locked (self, g_ptr_array_index (docs, i), now, &changed[i], error);
  /* A delay or bridge moves its account's risk: rate it once all are in. */
  for (guint i = 0; ok && i < docs->len; i++)
    {
      const char *account_id = risk_parent_of (g_ptr_array_index (docs, i));
      gboolean rerated = FALSE;

      if (account_id == NULL || !changed[i])
        continue;
      ok = refresh_risk_locked (self, account_id, now, &rerated, error);
      if (ok && rerated)
        {
          if (rerated_accounts == NULL)
            rerated_accounts = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (rerated_accounts, g_strdup (account_id));
        }
    }
  ok = ok && commit (self, error);
  if (!ok)
    rollback (self);
  g_mutex_unlock (&self->mutex);

  for (guint i = 0; ok && i < docs->len; i++)
    {
      g_autofree char *type = NULL;
      g_autofree char *uuid = NULL;

      if (!changed[i])
        continue;
      rd_document_parse_id (json_object_get_string_member (g_ptr_array_index (docs, i), "_id"),
                            &type, &uuid);
      emit_changed (self, type, uuid);
    }

  for (guint i = 0; ok && rerated_accounts != NULL && i < rerated_accounts->len; i++)
    emit_changed (self, "account", g_ptr_array_index (rerated_accounts, i));

  return ok;
}

static gboolean
put_document (RdStore     *self,
              JsonObject  *doc,
              GError     **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();

  g_ptr_array_add (docs, doc);
  return put_documents (self, docs, error);
}

/* For sync (rd-store-private.h) */

void
_rd_store_lock (RdStore *self)
{
  g_mutex_lock (&self->mutex);
}

void
_rd_store_unlock (RdStore *self)
{
  g_mutex_unlock (&self->mutex);
}

sqlite3 *
_rd_store_get_db (RdStore *self)
{
  return self->db;
}

sqlite3_stmt *
_rd_store_prepare (RdStore     *self,
                   const char  *sql,
                   GError     **error)
{
  return prepare (self, sql, error);
}

gboolean
_rd_store_exec (RdStore     *self,
                const char  *sql,
                GError     **error)
{
  return exec (self, sql, error);
}

gboolean
_rd_store_step_done (RdStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  return step_done (self, stmt, error);
}

gboolean
_rd_store_commit (RdStore  *self,
                  GError  **error)
{
  return commit (self, error);
}

void
_rd_store_rollback (RdStore *self)
{
  rollback (self);
}

void
_rd_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  bind_text (stmt, index, text);
}

JsonObject *
_rd_store_load_document_locked (RdStore     *self,
                                const char  *type,
                                const char  *uuid,
                                GError     **error)
{
  return load_document (self, type, uuid, error);
}

gboolean
_rd_store_put_remote_locked (RdStore     *self,
                             JsonObject  *doc,
                             gboolean    *out_changed,
                             GError     **error)
{
  const char *updated_at = json_object_get_string_member_with_default (doc, "updated_at", NULL);
  g_autofree char *now = updated_at == NULL ? rd_instant_now () : NULL;
  const char *account_id = risk_parent_of (doc);
  gboolean ok;

  self->applying_remote = TRUE;
  ok = put_document_locked (self, doc, updated_at ? updated_at : now, out_changed, error);
  if (ok && *out_changed && account_id != NULL)
    ok = refresh_risk_locked (self, account_id, NULL, NULL, error);
  self->applying_remote = FALSE;

  return ok;
}

void
_rd_store_emit_changed (RdStore    *self,
                        const char *type,
                        const char *id)
{
  emit_changed (self, type, id);
}

/* Tombstones (lock held, inside a transaction) */

static gboolean
tombstone_locked (RdStore     *self,
                  const char  *type,
                  const char  *uuid,
                  const char  *batch,
                  const char  *now,
                  GError     **error)
{
  const RdEntitySpec *specs;
  guint n_specs;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  sql = g_strdup_printf ("UPDATE %s SET deleted = 1, dirty = 1, delete_batch = ?, updated_at = ? "
                         "WHERE id = ? AND deleted = 0", type);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, batch);
  bind_text (stmt, 2, now);
  bind_text (stmt, 3, uuid);
  if (!step_done (self, stmt, error))
    return FALSE;

  /* Children through their owning (required) reference; history stays. */
  specs = rd_entity_specs (&n_specs);
  for (guint s = 0; s < n_specs; s++)
    {
      if (g_str_equal (specs[s].type, "event"))
        continue;

      for (guint f = 0; f < specs[s].n_fields; f++)
        {
          const RdFieldSpec *field = &specs[s].fields[f];
          g_autofree char *child_sql = NULL;
          g_autoptr(GPtrArray) ids = NULL;
          int rc;

          if (field->kind != RD_FIELD_REF || g_strcmp0 (field->ref_type, type) != 0)
            continue;
          if (!field->required && !g_str_equal (field->name, "account_id"))
            continue;

          child_sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? AND deleted = 0",
                                       specs[s].table, field->name);
          stmt = prepare (self, child_sql, error);
          if (stmt == NULL)
            return FALSE;
          bind_text (stmt, 1, uuid);

          ids = g_ptr_array_new_with_free_func (g_free);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_ptr_array_add (ids, column_dup (stmt, 0));
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            return set_db_error (self->db, rc, error);

          for (guint i = 0; i < ids->len; i++)
            {
              if (!tombstone_locked (self, specs[s].type, g_ptr_array_index (ids, i), batch, now,
                                     error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
delete_entity (RdStore     *self,
               const char  *type,
               const char  *uuid,
               GError     **error)
{
  g_autofree char *now = rd_instant_now ();
  g_autofree char *batch = g_uuid_string_random ();
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = FALSE;
  gboolean changed = FALSE;
  gboolean rerated = FALSE;

  g_mutex_lock (&self->mutex);

  if (!begin (self, error))
    goto out;

  doc = load_document (self, type, uuid, &local_error);
  if (doc == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                     _("There is no %s with the id “%s”"), type, uuid);
      goto out;
    }

  if (!json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
    {
      g_autofree char *account_id = account_of (self, type, uuid, doc);
      g_autofree char *subject = entity_subject (type, doc);
      g_autofree char *summary = NULL;

      if (!tombstone_locked (self, type, uuid, batch, now, error))
        goto out;

      if (subject == NULL)
        summary = g_strdup (_("Account deleted"));
      else
        /* Translators: e.g. "Stakeholder “Ann Lee” removed" */
        summary = g_strdup_printf (_("%s removed"), subject);

      if (account_id != NULL && !g_str_equal (type, "event") && !g_str_equal (type, "reminder")
          && !write_event (self, account_id, type, uuid, NULL, NULL, NULL, summary, now, error))
        goto out;

      if (account_id != NULL && risk_parent_of (doc) != NULL
          && !refresh_risk_locked (self, account_id, now, &rerated, error))
        goto out;

      changed = TRUE;
    }

  ok = commit (self, error);

out:
  if (!ok)
    rollback (self);
  g_mutex_unlock (&self->mutex);

  if (ok && changed)
    emit_changed (self, type, uuid);
  if (ok && rerated)
    emit_changed (self, "account", NULL);

  return ok;
}

static gboolean
undelete_entity (RdStore     *self,
                 const char  *type,
                 const char  *uuid,
                 GError     **error)
{
  g_autofree char *now = rd_instant_now ();
  g_autofree char *batch = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  gboolean changed = FALSE;
  gboolean rerated = FALSE;
  int rc;

  g_mutex_lock (&self->mutex);

  if (!begin (self, error))
    goto out;

  sql = g_strdup_printf ("SELECT delete_batch, deleted FROM %s WHERE id = ?", type);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    goto out;
  bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    batch = column_dup (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                   _("There is no %s with the id “%s”"), type, uuid);
      goto out;
    }
  else if (rc != SQLITE_ROW)
    {
      set_db_error (self->db, rc, error);
      goto out;
    }

  if (batch != NULL)
    {
      const RdEntitySpec *specs;
      guint n_specs;
      g_autofree char *account_id = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *summary = NULL;

      /* Exactly the rows of that delete: earlier deletes keep their own batch. */
      specs = rd_entity_specs (&n_specs);
      for (guint s = 0; s < n_specs; s++)
        {
          g_autofree char *update_sql =
            g_strdup_printf ("UPDATE %s SET deleted = 0, dirty = 1, delete_batch = NULL, "
                             "updated_at = ? WHERE delete_batch = ?", specs[s].table);

          stmt = prepare (self, update_sql, error);
          if (stmt == NULL)
            goto out;
          bind_text (stmt, 1, now);
          bind_text (stmt, 2, batch);
          if (!step_done (self, stmt, error))
            goto out;
        }

      doc = load_document (self, type, uuid, &local_error);
      if (doc == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }

      account_id = account_of (self, type, uuid, doc);
      subject = entity_subject (type, doc);
      if (subject == NULL)
        summary = g_strdup (_("Account restored"));
      else
        /* Translators: e.g. "Stakeholder “Ann Lee” restored" */
        summary = g_strdup_printf (_("%s restored"), subject);

      if (account_id != NULL && !g_str_equal (type, "event") && !g_str_equal (type, "reminder")
          && !write_event (self, account_id, type, uuid, NULL, NULL, NULL, summary, now, error))
        goto out;

      if (account_id != NULL && risk_parent_of (doc) != NULL
          && !refresh_risk_locked (self, account_id, now, &rerated, error))
        goto out;

      changed = TRUE;
    }

  ok = commit (self, error);

out:
  if (!ok)
    rollback (self);
  g_mutex_unlock (&self->mutex);

  if (ok && changed)
    emit_changed (self, type, uuid);
  if (ok && rerated)
    emit_changed (self, "account", NULL);

  return ok;
}

/* Opening */

static gboolean
check_existing_file (const char  *path,
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
      int code = error_code_for_sqlite (rc);

      if (code == RD_STORE_ERROR_CORRUPT)
        g_set_error (error, RD_STORE_ERROR, code,
                     _("“%s” is not a Renewal Desk database or is damaged"), display);
      else
        g_set_error (error, RD_STORE_ERROR, code, _("Could not open “%s”: %s"), display,
                     db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
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

static gboolean
migrate (RdStore  *self,
         GError  **error)
{
  sqlite3_stmt *stmt;
  int version = 0;

  if (!begin (self, error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > RD_STORE_SCHEMA_VERSION)
    {
      rollback (self);
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NEWER_SCHEMA,
                   _("The database was written by a newer version of Renewal Desk"));
      return FALSE;
    }

  for (int v = version; v < RD_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *pragma = NULL;

      if (!exec (self, migrations[v], error))
        {
          rollback (self);
          g_prefix_error (error, _("Upgrading the database to version %d failed: "), v + 1);
          return FALSE;
        }

      /* An integer from this loop, not input: PRAGMA cannot take a parameter. */
      pragma = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!exec (self, pragma, error))
        {
          rollback (self);
          return FALSE;
        }
    }

  return commit (self, error);

fail:
  set_db_error (self->db, sqlite3_errcode (self->db), error);
  rollback (self);
  return FALSE;
}

static gboolean
rd_store_initable_init (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  RdStore *self = RD_STORE (initable);
  g_autofree char *dir = NULL;
  g_autofree char *display = NULL;
  int rc;

  if (self->path == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_FAILED, _("No database path given"));
      return FALSE;
    }

  display = g_filename_display_name (self->path);
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder for “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }

  if (!check_existing_file (self->path, error))
    return FALSE;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      /* Created here so the file (and the -wal/-shm that copy its mode) is private. */
      int fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL, 0600);

      if (fd < 0 && errno != EEXIST)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not create “%s”: %s"), display, g_strerror (saved));
          return FALSE;
        }
      if (fd >= 0)
        close (fd);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_mutex_lock (&self->mutex);

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_STORE_ERROR, error_code_for_sqlite (rc),
                   _("Could not open “%s”: %s"), display,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      goto fail;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  exec (self, "PRAGMA cache_size = -16384", NULL);

  if (!exec (self, "PRAGMA journal_mode = WAL", error)
      || !exec (self, "PRAGMA synchronous = NORMAL", error)
      || !exec (self, "PRAGMA foreign_keys = ON", error)
      || !migrate (self, error))
    goto fail;

  g_mutex_unlock (&self->mutex);
  return TRUE;

fail:
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_mutex_unlock (&self->mutex);
  return FALSE;
}

static void
rd_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = rd_store_initable_init;
}

static void
rd_store_finalize (GObject *object)
{
  RdStore *self = (RdStore *) object;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->risk_config, rd_risk_config_free);
  g_free (self->path);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (rd_store_parent_class)->finalize (object);
}

static void
rd_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RdStore *self = RD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, rd_store_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  RdStore *self = RD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_store_class_init (RdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_store_finalize;
  object_class->get_property = rd_store_get_property;
  object_class->set_property = rd_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  build_entity_sql ();
}

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
rd_store_init (RdStore *self)
{
  g_mutex_init (&self->mutex);
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  /* Construction runs on the caller's thread even for rd_store_new_async(). */
  self->main_context = g_main_context_ref_thread_default ();
}

/* Public API */

char *
rd_store_default_path (void)
{
  const char *env = g_getenv ("RENEWAL_DESK_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "renewal-desk", "renewal-desk.db", NULL);
}

RdStore *
rd_store_new (const char    *path,
              GCancellable  *cancellable,
              GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_initable_new (RD_TYPE_STORE, cancellable, error, "path", path, NULL);
}

void
rd_store_new_async (const char          *path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  g_async_initable_new_async (RD_TYPE_STORE, G_PRIORITY_DEFAULT, cancellable, callback, user_data,
                              "path", path, NULL);
}

RdStore *
rd_store_new_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_autoptr(GObject) source = g_async_result_get_source_object (result);
  GObject *object;

  object = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, error);

  return object != NULL ? RD_STORE (object) : NULL;
}

char *
rd_store_move_aside (const char  *path,
                     GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  static const char * const suffixes[] = { "-wal", "-shm" };

  g_return_val_if_fail (path != NULL, NULL);

  if (g_rename (path, target) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not move “%s” aside: %s"), display, g_strerror (saved));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  return g_steal_pointer (&target);
}

const char *
rd_store_get_path (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return self->path;
}

gboolean
rd_store_get_busy (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  return g_atomic_int_get (&self->n_jobs) > 0;
}

gboolean
rd_store_is_empty (RdStore  *self,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean empty = FALSE;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, "SELECT EXISTS (SELECT 1 FROM account WHERE deleted = 0)", error);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        empty = sqlite3_column_int (stmt, 0) == 0;
      else
        set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
    }
  g_mutex_unlock (&self->mutex);

  return empty;
}

static RdAccount *
account_from_row (sqlite3_stmt *stmt)
{
  RdAccount *account = _rd_account_new_empty ();
  const char *extra;
  int v;

  account->id = column_dup (stmt, 0);
  account->name = column_dup (stmt, 1);
  account->external_id = column_dup (stmt, 2);
  account->industry = column_dup (stmt, 3);
  account->country = column_dup (stmt, 4);
  account->currency = column_dup (stmt, 5);
  account->annual_value_minor = sqlite3_column_int64 (stmt, 6);
  account->contract_start = column_dup (stmt, 7);
  account->contract_end = column_dup (stmt, 8);
  account->effective_end = column_dup (stmt, 9);
  v = rd_enum_table_lookup (&rd_stage_table, (const char *) sqlite3_column_text (stmt, 10));
  account->stage = v < 0 ? RD_STAGE_MATURING : (RdStage) v;
  v = rd_enum_table_lookup (&rd_status_table, (const char *) sqlite3_column_text (stmt, 11));
  account->status = v < 0 ? RD_STATUS_ACTIVE : (RdStatus) v;
  v = rd_enum_table_lookup (&rd_level_table, (const char *) sqlite3_column_text (stmt, 12));
  account->cash_stability = v < 0 ? RD_LEVEL_MEDIUM : (RdLevel) v;
  account->owner = column_dup (stmt, 13);
  account->auto_renew = sqlite3_column_int (stmt, 14) != 0;
  account->notice_days = sqlite3_column_type (stmt, 15) == SQLITE_NULL
                         ? 60 : sqlite3_column_int (stmt, 15);
  account->notes = column_dup (stmt, 16);
  account->risk_score = sqlite3_column_int (stmt, 17);
  v = rd_enum_table_lookup (&rd_risk_band_table, (const char *) sqlite3_column_text (stmt, 18));
  account->risk_band = v < 0 ? RD_RISK_BAND_LOW : (RdRiskBand) v;
  account->updated_at = column_dup (stmt, 19);

  extra = (const char *) sqlite3_column_text (stmt, 20);
  if (extra != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (extra, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        account->extra = json_node_dup_object (node);
    }

  account->delay_class = sqlite3_column_type (stmt, 21) == SQLITE_NULL
                         ? -1 : sqlite3_column_int (stmt, 21);

  if (sqlite3_column_type (stmt, 22) != SQLITE_NULL)
    {
      g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 22),
                                                   NULL);

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        account->risk_factors = _rd_account_strv_from_array (json_node_get_array (node));
    }
  account->churn_reason = column_dup (stmt, 23);
  account->stage_since = column_dup (stmt, 24);

  /* Computed on the worker so the first keystroke of a search costs nothing. */
  _rd_account_update_search_key (account);

  return account;
}

static GPtrArray *
select_accounts (RdStore     *self,
                 const char  *sql,
                 int          limit,
                 GError     **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&self->mutex);

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->mutex);
      return NULL;
    }
  if (limit >= 0)
    sqlite3_bind_int (stmt, 1, limit);

  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      set_db_error (self->db, rc, error);
      g_clear_pointer (&accounts, g_ptr_array_unref);
    }
  sqlite3_reset (stmt);

  g_mutex_unlock (&self->mutex);

  return g_steal_pointer (&accounts);
}

GPtrArray *
rd_store_list_accounts (RdStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return select_accounts (self,
                          "SELECT " ACCOUNT_COLUMNS " FROM account WHERE deleted = 0 ORDER BY rowid",
                          -1, error);
}

GPtrArray *
rd_store_list_first_accounts (RdStore  *self,
                              guint     limit,
                              GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return select_accounts (self,
                          "SELECT " ACCOUNT_COLUMNS " FROM account WHERE deleted = 0 "
                          "AND COALESCE (effective_end, contract_end) IS NOT NULL "
                          "ORDER BY COALESCE (effective_end, contract_end) LIMIT ?",
                          (int) MIN (limit, G_MAXINT), error);
}

RdAccount *
rd_store_get_account (RdStore     *self,
                      const char  *id,
                      GError     **error)
{
  RdAccount *account = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->mutex);

  stmt = prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = ? AND deleted = 0",
                  error);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        account = account_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                     _("There is no account with the id “%s”"), id);
      else
        set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
    }

  g_mutex_unlock (&self->mutex);

  return account;
}

gboolean
rd_store_save_account (RdStore    *self,
                       RdAccount  *account,
                       GError    **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) stored = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_ACCOUNT (account), FALSE);

  doc = rd_account_to_document (account);
  if (!put_document (self, doc, error))
    return FALSE;

  stored = rd_store_get_document (self, json_object_get_string_member (doc, "_id"), NULL);
  /* Only the timestamp goes back to the caller: the page that edits
   * @account treats any other change as an edit.  The fresh rating reaches
   * the views through "changed" and a re-read. */
  if (stored != NULL)
    _rd_account_set_updated_at (account,
                                json_object_get_string_member_with_default (stored, "updated_at",
                                                                            NULL));

  return TRUE;
}

gboolean
rd_store_delete_account (RdStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return delete_entity (self, "account", id, error);
}

gboolean
rd_store_undelete_account (RdStore     *self,
                           const char  *id,
                           GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return undelete_entity (self, "account", id, error);
}

GPtrArray *
rd_store_list_contacts (RdStore     *self,
                        const char  *account_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  docs = rd_store_list_documents (self, "contact", "account_id", account_id, error);
  if (docs == NULL)
    return NULL;

  contacts = g_ptr_array_new_full (docs->len, g_object_unref);
  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      RdContact *contact = rd_contact_new_from_document (g_ptr_array_index (docs, i), &local_error);

      /* A row that no longer validates is still shown rather than lost. */
      if (contact == NULL)
        {
          g_warning ("%s", local_error->message);
          continue;
        }
      g_ptr_array_add (contacts, contact);
    }

  return g_steal_pointer (&contacts);
}

gboolean
rd_store_save_contact (RdStore    *self,
                       RdContact  *contact,
                       GError    **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) stored = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_CONTACT (contact), FALSE);

  doc = rd_contact_to_document (contact);
  if (!put_document (self, doc, error))
    return FALSE;

  stored = rd_store_get_document (self, json_object_get_string_member (doc, "_id"), NULL);
  if (stored != NULL)
    _rd_contact_set_updated_at (contact,
                                json_object_get_string_member_with_default (stored, "updated_at",
                                                                            NULL));

  return TRUE;
}

gboolean
rd_store_delete_contact (RdStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return delete_entity (self, "contact", id, error);
}

gboolean
rd_store_undelete_contact (RdStore     *self,
                           const char  *id,
                           GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return undelete_entity (self, "contact", id, error);
}

static GPtrArray *
select_documents_locked (RdStore     *self,
                         const char  *type,
                         const char  *where,     /* static SQL, or NULL */
                         const char  *order_by,  /* static SQL */
                         const char  *param,
                         GError     **error)
{
  const EntitySql *es = entity_sql_lookup (type);
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_assert (es != NULL);

  sql = g_strdup_printf ("%s%s%s ORDER BY %s", es->select_sql, where ? " WHERE " : "",
                         where ? where : "", order_by);

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (param != NULL)
    bind_text (stmt, 1, param);

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (docs, row_to_document (es->spec, stmt));

  if (rc != SQLITE_DONE)
    {
      set_db_error (self->db, rc, error);
      g_clear_pointer (&docs, g_ptr_array_unref);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&docs);
}

static GPtrArray *
select_documents (RdStore     *self,
                  const char  *type,
                  const char  *where,
                  const char  *order_by,
                  const char  *param,
                  GError     **error)
{
  GPtrArray *docs;

  g_mutex_lock (&self->mutex);
  docs = select_documents_locked (self, type, where, order_by, param, error);
  g_mutex_unlock (&self->mutex);

  return docs;
}

static int
compare_delays_by_date (gconstpointer pa,
                        gconstpointer pb)
{
  RdDelay *a = *(RdDelay * const *) pa;
  RdDelay *b = *(RdDelay * const *) pb;
  int cmp = g_strcmp0 (rd_delay_get_communicated_on (a), rd_delay_get_communicated_on (b));

  return cmp != 0 ? cmp : g_strcmp0 (rd_delay_get_id (a), rd_delay_get_id (b));
}

GPtrArray *
rd_store_list_delays (RdStore     *self,
                      const char  *account_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) delays = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  docs = rd_store_list_documents (self, "delay", "account_id", account_id, error);
  if (docs == NULL)
    return NULL;

  delays = g_ptr_array_new_full (docs->len, g_object_unref);
  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      RdDelay *delay = rd_delay_new_from_document (g_ptr_array_index (docs, i), &local_error);

      if (delay == NULL)
        {
          g_warning ("%s", local_error->message);
          continue;
        }
      g_ptr_array_add (delays, delay);
    }

  g_ptr_array_sort (delays, compare_delays_by_date);

  return g_steal_pointer (&delays);
}

RdDelay *
rd_store_get_delay (RdStore     *self,
                    const char  *id,
                    GError     **error)
{
  g_autofree char *doc_id = NULL;
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  doc_id = rd_document_make_id ("delay", id);
  doc = rd_store_get_document (self, doc_id, error);
  if (doc == NULL)
    return NULL;

  return rd_delay_new_from_document (doc, error);
}

RdDelay *
rd_store_save_delay (RdStore  *self,
                     RdDelay  *delay,
                     GError  **error)
{
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (RD_IS_DELAY (delay), NULL);

  doc = rd_delay_to_document (delay);
  /* Computed by the store; a stale value from the caller must not count. */
  json_object_remove_member (doc, "classification");
  json_object_remove_member (doc, "score");
  json_object_remove_member (doc, "updated_at");
  if (!put_document (self, doc, error))
    return NULL;

  return rd_store_get_delay (self, rd_delay_get_id (delay), error);
}

gboolean
rd_store_delete_delay (RdStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return delete_entity (self, "delay", id, error);
}

gboolean
rd_store_undelete_delay (RdStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return undelete_entity (self, "delay", id, error);
}

gboolean
rd_store_get_delay_context (RdStore         *self,
                            const char      *account_id,
                            const char      *delay_id,
                            RdDelayContext  *out_context,
                            GError         **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (out_context != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  delay_context_locked (self, account_id, delay_id, out_context);
  g_mutex_unlock (&self->mutex);

  return TRUE;
}

GPtrArray *
rd_store_list_events (RdStore     *self,
                      const char  *account_id,
                      GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  return select_documents (self, "event", "account_id = ? AND deleted = 0",
                           "created_at DESC, rowid DESC", account_id, error);
}

GPtrArray *
rd_store_export_documents (RdStore   *self,
                           gboolean   with_deleted,
                           GError   **error)
{
  g_autoptr(GPtrArray) all = NULL;
  const RdEntitySpec *specs;
  guint n_specs;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  specs = rd_entity_specs (&n_specs);
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  /* One read transaction, so the export is a consistent snapshot. */
  g_mutex_lock (&self->mutex);
  if (!exec (self, "BEGIN", error))
    {
      g_mutex_unlock (&self->mutex);
      return NULL;
    }

  for (guint s = 0; s < n_specs; s++)
    {
      g_autoptr(GPtrArray) docs = NULL;

      docs = select_documents_locked (self, specs[s].type, with_deleted ? NULL : "deleted = 0",
                                      "id", NULL, error);
      if (docs == NULL)
        {
          rollback (self);
          g_mutex_unlock (&self->mutex);
          return NULL;
        }

      for (guint i = 0; i < docs->len; i++)
        g_ptr_array_add (all, json_object_ref (g_ptr_array_index (docs, i)));
    }

  rollback (self);
  g_mutex_unlock (&self->mutex);

  return g_steal_pointer (&all);
}

static int
spec_index (const char *type)
{
  const RdEntitySpec *specs;
  guint n_specs;

  specs = rd_entity_specs (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      if (g_str_equal (specs[i].type, type))
        return (int) i;
    }

  return -1;
}

typedef struct
{
  JsonObject *doc;
  int         order;
  guint       position;
} ImportItem;

static int
compare_import_items (gconstpointer a,
                      gconstpointer b)
{
  const ImportItem *ia = a;
  const ImportItem *ib = b;

  if (ia->order != ib->order)
    return ia->order < ib->order ? -1 : 1;

  return ia->position < ib->position ? -1 : (ia->position > ib->position);
}

gboolean
rd_store_import_documents (RdStore    *self,
                           GPtrArray  *docs,
                           GError    **error)
{
  return rd_store_import_documents_full (self, docs, NULL, NULL, NULL, error);
}

gboolean
rd_store_import_documents_full (RdStore             *self,
                                GPtrArray           *docs,
                                RdStoreProgressFunc  progress,
                                gpointer             user_data,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_autoptr(GHashTable) rerate = NULL;
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(GHashTable) types = NULL;
  g_autoptr(GArray) items = NULL;
  g_autofree char *now = rd_instant_now ();
  gboolean ok = FALSE;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);

  /* Everything is checked before anything is written. */
  pending = g_hash_table_new (g_str_hash, g_str_equal);
  types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  items = g_array_sized_new (FALSE, FALSE, sizeof (ImportItem), docs->len);

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(GError) doc_error = NULL;
      g_autofree char *type = NULL;
      const char *doc_id;
      ImportItem item;

      if (!rd_document_validate (doc, &doc_error))
        return copy_document_error (doc_error, error);

      doc_id = json_object_get_string_member (doc, "_id");
      if (!g_hash_table_add (pending, (gpointer) doc_id))
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("Document “%s” appears more than once"), doc_id);
          return FALSE;
        }

      rd_document_parse_id (doc_id, &type, NULL);
      item.doc = doc;
      item.order = spec_index (type);
      item.position = i;
      g_array_append_val (items, item);
      g_hash_table_add (types, g_steal_pointer (&type));
    }

  g_array_sort (items, compare_import_items);

  g_mutex_lock (&self->mutex);

  /* Random UUID keys touch pages all over the B-trees: give them room. */
  if (items->len > 1000)
    exec (self, "PRAGMA cache_size = -131072", NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (!check_references (self, g_array_index (items, ImportItem, i).doc, pending, error))
        goto out;
    }

  if (!begin (self, error))
    goto out;

  rerate = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *doc = g_array_index (items, ImportItem, i).doc;
      const char *updated_at = json_object_get_string_member_with_default (doc, "updated_at", NULL);
      const char *doc_id = json_object_get_string_member (doc, "_id");
      g_autoptr(JsonObject) rated = NULL;
      const char *parent;

      /* Accounts are rated as they go in; the few whose delays or bridges
       * are in the file too are rated again once those are. */
      if (g_str_has_prefix (doc_id, "account:")
          && !json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
        {
          rated = rd_document_copy_object (doc);
          rate_account_locked (self, rated, doc_id + strlen ("account:"));
        }
      else if ((parent = risk_parent_of (doc)) != NULL)
        g_hash_table_add (rerate, (gpointer) parent);

      if (!upsert_document (self, rated ? rated : doc, updated_at ? updated_at : now, error))
        {
          g_prefix_error (error, _("Document “%s”: "), doc_id);
          goto out;
        }

      if (progress != NULL && (i % 1000 == 0 || i + 1 == items->len))
        progress ((double) (i + 1) / items->len, user_data);
      if ((i % 1000) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }

  /* Delays are classified once everything they depend on (their account,
   * its contacts and bridges) is in place, so the result does not depend on
   * the order of the file. */
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *doc = g_array_index (items, ImportItem, i).doc;
      const char *updated_at = json_object_get_string_member_with_default (doc, "updated_at", NULL);
      g_autoptr(JsonObject) classified = NULL;

      if (!g_str_has_prefix (json_object_get_string_member (doc, "_id"), "delay:"))
        continue;

      classified = rd_document_copy_object (doc);
      if (!classify_delay_locked (self, classified, error) ||
          !upsert_document (self, classified, updated_at ? updated_at : now, error))
        {
          g_prefix_error (error, _("Document “%s”: "), json_object_get_string_member (doc, "_id"));
          goto out;
        }
    }

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, rerate);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        if (!refresh_risk_locked (self, key, NULL, NULL, error))
          goto out;
      }
  }

  ok = commit (self, error);

out:
  if (!ok)
    rollback (self);
  if (items->len > 1000)
    exec (self, "PRAGMA cache_size = -16384", NULL);
  g_mutex_unlock (&self->mutex);

  if (ok)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, types);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        emit_changed (self, key, NULL);
    }

  return ok;
}

gboolean
rd_store_fill_sample (RdStore   *self,
                      guint      n_accounts,
                      guint32    seed,
                      GError   **error)
{
  g_autoptr(RdSampleGenerator) generator = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *now = rd_instant_now ();
  sqlite3_stmt *stmt;
  GDate today;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  rd_date_today (&today);
  generator = _rd_sample_generator_new (seed, &today);
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_mutex_lock (&self->mutex);

  /* Random UUID keys touch pages all over the B-trees: give them room. */
  exec (self, "PRAGMA cache_size = -131072", NULL);

  if (!begin (self, error))
    goto out;

  stmt = prepare (self, "SELECT EXISTS (SELECT 1 FROM account WHERE deleted = 0)", error);
  if (stmt == NULL)
    goto out;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
      goto out;
    }
  if (sqlite3_column_int (stmt, 0) != 0)
    {
      sqlite3_reset (stmt);
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The sample portfolio can only fill an empty database"));
      goto out;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < n_accounts; i++)
    {
      g_ptr_array_set_size (docs, 0);
      _rd_sample_generator_next (generator, docs);

      for (guint d = 0; d < docs->len; d++)
        {
          JsonObject *doc = g_ptr_array_index (docs, d);
          const char *doc_id = json_object_get_string_member (doc, "_id");

          if (g_str_has_prefix (doc_id, "account:"))
            rate_account_locked (self, doc, doc_id + strlen ("account:"));
          if (!upsert_document (self, doc, now, error))
            goto out;
        }
    }

  ok = commit (self, error);

out:
  if (!ok)
    rollback (self);
  exec (self, "PRAGMA cache_size = -16384", NULL);
  g_mutex_unlock (&self->mutex);

  if (ok)
    {
      emit_changed (self, "account", NULL);
      emit_changed (self, "contact", NULL);
    }

  return ok;
}

GPtrArray *
rd_store_list_documents (RdStore     *self,
                         const char  *type,
                         const char  *ref_field,
                         const char  *ref_value,
                         GError     **error)
{
  const RdEntitySpec *spec;
  g_autofree char *where = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  spec = rd_entity_spec_lookup (type);
  if (spec == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID, _("Unknown type “%s”"), type);
      return NULL;
    }

  if (ref_field != NULL)
    {
      const RdFieldSpec *field = rd_entity_spec_find_field (spec, ref_field);

      /* Only a spec field name ever reaches the SQL text. */
      if (field == NULL)
        {
          g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                       _("“%s” has no field “%s”"), type, ref_field);
          return NULL;
        }
      where = g_strdup_printf ("%s = ? AND deleted = 0", field->name);
    }

  return select_documents (self, type, where ? where : "deleted = 0", "rowid",
                           ref_field ? ref_value : NULL, error);
}

JsonObject *
rd_store_get_document (RdStore     *self,
                       const char  *doc_id,
                       GError     **error)
{
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *doc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (doc_id != NULL, NULL);

  if (!rd_document_parse_id (doc_id, &type, &uuid) || rd_entity_spec_lookup (type) == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a document id"), doc_id);
      return NULL;
    }

  g_mutex_lock (&self->mutex);
  doc = load_document (self, type, uuid, &local_error);
  g_mutex_unlock (&self->mutex);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (doc == NULL)
    g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                 _("There is no document “%s”"), doc_id);

  return doc;
}

gboolean
rd_store_put_document (RdStore     *self,
                       JsonObject  *doc,
                       GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  return put_document (self, doc, error);
}

gboolean
rd_store_put_documents (RdStore     *self,
                        GPtrArray   *docs,
                        GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);

  return put_documents (self, docs, error);
}

gboolean
rd_store_delete_document (RdStore     *self,
                          const char  *doc_id,
                          GError     **error)
{
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc_id != NULL, FALSE);

  if (!rd_document_parse_id (doc_id, &type, &uuid) || rd_entity_spec_lookup (type) == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a document id"), doc_id);
      return FALSE;
    }

  return delete_entity (self, type, uuid, error);
}

gboolean
rd_store_undelete_document (RdStore     *self,
                            const char  *doc_id,
                            GError     **error)
{
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc_id != NULL, FALSE);

  if (!rd_document_parse_id (doc_id, &type, &uuid) || rd_entity_spec_lookup (type) == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” is not a document id"), doc_id);
      return FALSE;
    }

  return undelete_entity (self, type, uuid, error);
}

gboolean
rd_store_checkpoint (RdStore  *self,
                     GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  ok = exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  g_mutex_unlock (&self->mutex);

  return ok;
}

char *
rd_store_get_setting (RdStore     *self,
                      const char  *key,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, "SELECT value FROM settings WHERE key = ?", error);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, key);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        value = column_dup (stmt, 0);
      else if (rc != SQLITE_DONE)
        set_db_error (self->db, rc, error);
      sqlite3_reset (stmt);
    }
  g_mutex_unlock (&self->mutex);

  return value;
}

gboolean
rd_store_set_setting (RdStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, "INSERT INTO settings (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, key);
      bind_text (stmt, 2, value);
      ok = step_done (self, stmt, error);
    }
  if (ok && g_str_equal (key, RD_RISK_SETTINGS_KEY))
    g_clear_pointer (&self->risk_config, rd_risk_config_free);
  g_mutex_unlock (&self->mutex);

  return ok;
}

RdRiskConfig *
rd_store_get_risk_config (RdStore  *self,
                          GError  **error)
{
  RdRiskConfig *config;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);
  config = rd_risk_config_copy (risk_config_locked (self));
  g_mutex_unlock (&self->mutex);

  return config;
}

gboolean
rd_store_set_risk_config (RdStore             *self,
                          const RdRiskConfig  *config,
                          GError             **error)
{
  g_autofree char *json = NULL;
  g_autofree char *now = rd_instant_now ();
  g_autoptr(GPtrArray) ids = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  json = rd_risk_config_to_json (config);
  ids = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&self->mutex);
  if (!begin (self, error))
    goto out;

  stmt = prepare (self, "INSERT INTO settings (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    goto out;
  bind_text (stmt, 1, RD_RISK_SETTINGS_KEY);
  bind_text (stmt, 2, json);
  if (!step_done (self, stmt, error))
    goto out;

  g_clear_pointer (&self->risk_config, rd_risk_config_free);
  self->risk_config = rd_risk_config_copy (config);

  /* Every account is rated again with the new tables, in the same transaction. */
  stmt = prepare (self, "SELECT id FROM account WHERE deleted = 0", error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self->db, rc, error);
      goto out;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      if (!refresh_risk_locked (self, g_ptr_array_index (ids, i), now, NULL, error))
        goto out;
    }

  ok = commit (self, error);

out:
  if (!ok)
    {
      rollback (self);
      g_clear_pointer (&self->risk_config, rd_risk_config_free);
    }
  g_mutex_unlock (&self->mutex);

  if (ok)
    emit_changed (self, "account", NULL);

  return ok;
}

/* Async wrappers: the job holds copies taken on the calling thread. */

typedef struct _Job Job;
typedef gboolean (*JobFunc) (RdStore  *self,
                             Job      *job,
                             gpointer *result,
                             GError  **error);

struct _Job
{
  JobFunc         func;
  GDestroyNotify  result_free;   /* NULL: the task returns a boolean */
  char           *id;
  RdAccount      *account;
  RdContact      *contact;
  RdDelay        *delay;
  char           *account_id;
  char           *type;
  char           *ref_field;
  GPtrArray      *docs;
  guint           n;
  guint32         seed;
};

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->id);
  g_clear_object (&job->account);
  g_clear_object (&job->contact);
  g_clear_object (&job->delay);
  g_free (job->account_id);
  g_free (job->type);
  g_free (job->ref_field);
  g_clear_pointer (&job->docs, g_ptr_array_unref);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RdStore *self = source_object;
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;
  gboolean ok;

  g_assert (RD_IS_STORE (self));
  g_assert (job != NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    ok = FALSE;
  else
    ok = job->func (self, job, &result, &error);

  job_end (self);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (job->result_free != NULL)
    g_task_return_pointer (task, result, job->result_free);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_job (RdStore             *self,
         Job                 *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  job_begin (self);
  g_task_run_in_thread (task, job_thread);
}

static Job *
job_new (JobFunc        func,
         GDestroyNotify result_free)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->result_free = result_free;

  return job;
}

static gboolean
list_accounts_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return (*result = rd_store_list_accounts (self, error)) != NULL;
}

static gboolean
list_first_accounts_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return (*result = rd_store_list_first_accounts (self, job->n, error)) != NULL;
}

static gboolean
get_account_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return (*result = rd_store_get_account (self, job->id, error)) != NULL;
}

static gboolean
save_account_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_save_account (self, job->account, error);
}

static gboolean
delete_account_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_delete_account (self, job->id, error);
}

static gboolean
undelete_account_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_undelete_account (self, job->id, error);
}

static gboolean
list_contacts_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return (*result = rd_store_list_contacts (self, job->id, error)) != NULL;
}

static gboolean
save_contact_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_save_contact (self, job->contact, error);
}

static gboolean
delete_contact_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_delete_contact (self, job->id, error);
}

static gboolean
undelete_contact_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_undelete_contact (self, job->id, error);
}

static gboolean
list_events_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return (*result = rd_store_list_events (self, job->id, error)) != NULL;
}

static gboolean
list_documents_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return (*result = rd_store_list_documents (self, job->type, job->ref_field, job->id,
                                             error)) != NULL;
}

static gboolean
put_documents_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_put_documents (self, job->docs, error);
}

static gboolean
delete_document_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_delete_document (self, job->id, error);
}

static gboolean
undelete_document_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_undelete_document (self, job->id, error);
}

static gboolean
list_delays_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return (*result = rd_store_list_delays (self, job->id, error)) != NULL;
}

static gboolean
save_delay_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return (*result = rd_store_save_delay (self, job->delay, error)) != NULL;
}

static gboolean
delete_delay_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_delete_delay (self, job->id, error);
}

static gboolean
undelete_delay_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_undelete_delay (self, job->id, error);
}

static gboolean
get_delay_context_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  RdDelayContext *context = g_new0 (RdDelayContext, 1);

  if (!rd_store_get_delay_context (self, job->account_id, job->id, context, error))
    {
      g_free (context);
      return FALSE;
    }
  *result = context;
  return TRUE;
}

static gboolean
fill_sample_job (RdStore *self, Job *job, gpointer *result, GError **error)
{
  return rd_store_fill_sample (self, job->n, job->seed, error);
}

static gpointer
propagate_pointer (RdStore       *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
propagate_boolean (RdStore       *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rd_store_list_accounts_async (RdStore             *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (self));

  run_job (self, job_new (list_accounts_job, (GDestroyNotify) g_ptr_array_unref),
           rd_store_list_accounts_async, cancellable, callback, user_data);
}

GPtrArray *
rd_store_list_accounts_finish (RdStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return propagate_pointer (self, result, rd_store_list_accounts_async, error);
}

void
rd_store_get_account_async (RdStore             *self,
                            const char          *id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (id != NULL);

  job = job_new (get_account_job, g_object_unref);
  job->id = g_strdup (id);
  run_job (self, job, rd_store_get_account_async, cancellable, callback, user_data);
}

RdAccount *
rd_store_get_account_finish (RdStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return propagate_pointer (self, result, rd_store_get_account_async, error);
}

void
rd_store_save_account_async (RdStore             *self,
                             RdAccount           *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (RD_IS_ACCOUNT (account));

  job = job_new (save_account_job, NULL);
  job->account = rd_account_copy (account);
  run_job (self, job, rd_store_save_account_async, cancellable, callback, user_data);
}

gboolean
rd_store_save_account_finish (RdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return propagate_boolean (self, result, rd_store_save_account_async, error);
}

void
rd_store_delete_account_async (RdStore             *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (id != NULL);

  job = job_new (delete_account_job, NULL);
  job->id = g_strdup (id);
  run_job (self, job, rd_store_delete_account_async, cancellable, callback, user_data);
}

gboolean
rd_store_delete_account_finish (RdStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return propagate_boolean (self, result, rd_store_delete_account_async, error);
}

void
rd_store_undelete_account_async (RdStore             *self,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (id != NULL);

  job = job_new (undelete_account_job, NULL);
  job->id = g_strdup (id);
  run_job (self, job, rd_store_undelete_account_async, cancellable, callback, user_data);
}

gboolean
rd_store_undelete_account_finish (RdStore       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return propagate_boolean (self, result, rd_store_undelete_account_async, error);
}

void
rd_store_list_contacts_async (RdStore             *self,
                              const char          *account_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (account_id != NULL);

  job = job_new (list_contacts_job, (GDestroyNotify) g_ptr_array_unref);
  job->id = g_strdup (account_id);
  run_job (self, job, rd_store_list_contacts_async, cancellable, callback, user_data);
}

GPtrArray *
rd_store_list_contacts_finish (RdStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return propagate_pointer (self, result, rd_store_list_contacts_async, error);
}

void
rd_store_save_contact_async (RdStore             *self,
                             RdContact           *contact,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (RD_IS_CONTACT (contact));

  job = job_new (save_contact_job, NULL);
  job->contact = rd_contact_copy (contact);
  run_job (self, job, rd_store_save_contact_async, cancellable, callback, user_data);
}

gboolean
rd_store_save_contact_finish (RdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return propagate_boolean (self, result, rd_store_save_contact_async, error);
}

void
rd_store_delete_contact_async (RdStore             *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (id != NULL);

  job = job_new (delete_contact_job, NULL);
  job->id = g_strdup (id);
  run_job (self, job, rd_store_delete_contact_async, cancellable, callback, user_data);
}

gboolean
rd_store_delete_contact_finish (RdStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return propagate_boolean (self, result, rd_store_delete_contact_async, error);
}

void
rd_store_undelete_contact_async (RdStore             *self,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (id != NULL);

  job = job_new (undelete_contact_job, NULL);
  job->id = g_strdup (id);
  run_job (self, job, rd_store_undelete_contact_async, cancellable, callback, user_data);
}

gboolean
rd_store_undelete_contact_finish (RdStore       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return propagate_boolean (self, result, rd_store_undelete_contact_async, error);
}

void
rd_store_list_events_async (RdStore             *self,
                            const char          *account_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (account_id != NULL);

  job = job_new (list_events_job, (GDestroyNotify) g_ptr_array_unref);
  job->id = g_strdup (account_id);
  run_job (self, job, rd_store_list_events_async, cancellable, callback, user_data);
}

GPtrArray *
rd_store_list_events_finish (RdStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return propagate_pointer (self, result, rd_store_list_events_async, error);
}

void
rd_store_fill_sample_async (RdStore             *self,
                            guint                n_accounts,
                            guint32              seed,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));

  job = job_new (fill_sample_job, NULL);
  job->n = n_accounts;
  job->seed = seed;
  run_job (self, job, rd_store_fill_sample_async, cancellable, callback, user_data);
}

gboolean
rd_store_fill_sample_finish (RdStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return propagate_boolean (self, result, rd_store_fill_sample_async, error);
}

void
rd_store_list_delays_async (RdStore             *self,
                            const char          *account_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (account_id != NULL);

  job = job_new (list_delays_job, (GDestroyNotify) g_ptr_array_unref);
  job->id = g_strdup (account_id);
  run_job (self, job, rd_store_list_delays_async, cancellable, callback, user_data);
}

GPtrArray *
rd_store_list_delays_finish (RdStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return propagate_pointer (self, result, rd_store_list_delays_async, error);
}

void
rd_store_save_delay_async (RdStore             *self,
                           RdDelay             *delay,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (RD_IS_DELAY (delay));

  job = job_new (save_delay_job, g_object_unref);
  job->delay = rd_delay_copy (delay);
  run_job (self, job, rd_store_save_delay_async, cancellable, callback, user_data);
}

RdDelay *
rd_store_save_delay_finish (RdStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return propagate_pointer (self, result, rd_store_save_delay_async, error);
}

void
rd_store_delete_delay_async (RdStore             *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (id != NULL);

  job = job_new (delete_delay_job, NULL);
  job->id = g_strdup (id);
  run_job (self, job, rd_store_delete_delay_async, cancellable, callback, user_data);
}

gboolean
rd_store_delete_delay_finish (RdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return propagate_boolean (self, result, rd_store_delete_delay_async, error);
}

void
rd_store_undelete_delay_async (RdStore             *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (id != NULL);

  job = job_new (undelete_delay_job, NULL);
  job->id = g_strdup (id);
  run_job (self, job, rd_store_undelete_delay_async, cancellable, callback, user_data);
}

gboolean
rd_store_undelete_delay_finish (RdStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return propagate_boolean (self, result, rd_store_undelete_delay_async, error);
}

void
rd_store_get_delay_context_async (RdStore             *self,
                                  const char          *account_id,
                                  const char          *delay_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (account_id != NULL);

  job = job_new (get_delay_context_job, g_free);
  job->account_id = g_strdup (account_id);
  job->id = g_strdup (delay_id);
  run_job (self, job, rd_store_get_delay_context_async, cancellable, callback, user_data);
}

RdDelayContext *
rd_store_get_delay_context_finish (RdStore       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return propagate_pointer (self, result, rd_store_get_delay_context_async, error);
}

void
rd_store_list_first_accounts_async (RdStore             *self,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));

  job = job_new (list_first_accounts_job, (GDestroyNotify) g_ptr_array_unref);
  job->n = limit;
  run_job (self, job, rd_store_list_first_accounts_async, cancellable, callback, user_data);
}

GPtrArray *
rd_store_list_first_accounts_finish (RdStore       *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return propagate_pointer (self, result, rd_store_list_first_accounts_async, error);
}

void
rd_store_list_documents_async (RdStore             *self,
                               const char          *type,
                               const char          *ref_field,
                               const char          *ref_value,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (type != NULL);

  job = job_new (list_documents_job, (GDestroyNotify) g_ptr_array_unref);
  job->type = g_strdup (type);
  job->ref_field = g_strdup (ref_field);
  job->id = g_strdup (ref_value);
  run_job (self, job, rd_store_list_documents_async, cancellable, callback, user_data);
}

GPtrArray *
rd_store_list_documents_finish (RdStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return propagate_pointer (self, result, rd_store_list_documents_async, error);
}

void
rd_store_put_documents_async (RdStore             *self,
                              GPtrArray           *docs,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (docs != NULL);

  job = job_new (put_documents_job, NULL);
  /* Deep copies: the caller may go on editing its objects. */
  job->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < docs->len; i++)
    g_ptr_array_add (job->docs, rd_document_copy_object (g_ptr_array_index (docs, i)));
  run_job (self, job, rd_store_put_documents_async, cancellable, callback, user_data);
}

gboolean
rd_store_put_documents_finish (RdStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return propagate_boolean (self, result, rd_store_put_documents_async, error);
}

void
rd_store_delete_document_async (RdStore             *self,
                                const char          *doc_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (doc_id != NULL);

  job = job_new (delete_document_job, NULL);
  job->id = g_strdup (doc_id);
  run_job (self, job, rd_store_delete_document_async, cancellable, callback, user_data);
}

gboolean
rd_store_delete_document_finish (RdStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return propagate_boolean (self, result, rd_store_delete_document_async, error);
}

void
rd_store_undelete_document_async (RdStore             *self,
                                  const char          *doc_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (doc_id != NULL);

  job = job_new (undelete_document_job, NULL);
  job->id = g_strdup (doc_id);
  run_job (self, job, rd_store_undelete_document_async, cancellable, callback, user_data);
}

gboolean
rd_store_undelete_document_finish (RdStore       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return propagate_boolean (self, result, rd_store_undelete_document_async, error);
}
