/* rd-store-reminders.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, what the reminder derivation reads: of each live document only
 * the members its rules look at.  On 100,000 accounts, whole documents
 * (every column and the extra JSON of each row, for the accounts, the open
 * delays and some 370,000 reminders) were most of its time (see
 * bench/scale). */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "rd-document.h"
#include "rd-reminder-refresh.h"
#include "rd-reminders.h"
#include "rd-store-private.h"

/* Whether @extra (a row's extra JSON text) may hold one of @members. */
static gboolean
extra_may_hold (const char         *extra,
                const char * const *members)
{
  for (guint m = 0; extra != NULL && members[m] != NULL; m++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", members[m]);

      if (strstr (extra, quoted) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The members of @members that the row keeps in its extra JSON, as
 * rd_document_merge_extra() adds them to a whole document: those the
 * columns left unset. */
static void
merge_extra_members (JsonObject         *doc,
                     const char         *extra,
                     const char * const *members)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (!extra_may_hold (extra, members))
    return;
  node = json_from_string (extra, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);

  for (guint m = 0; members[m] != NULL; m++)
    {
      JsonNode *member = json_object_get_member (object, members[m]);

      if (member != NULL && !json_object_has_member (doc, members[m]))
        json_object_set_member (doc, members[m], json_node_copy (member));
    }
}

/* The part of row_to_document() (rd-store-documents.c) for one column of
 * a text or integer field. */
static void
set_member_from_column (JsonObject        *doc,
                        const RdFieldSpec *field,
                        sqlite3_stmt      *stmt,
                        int                col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return;

  if (field->kind == RD_FIELD_INT)
    json_object_set_int_member (doc, field->name, sqlite3_column_int64 (stmt, col));
  else
    json_object_set_string_member (doc, field->name, (const char *) sqlite3_column_text (stmt, col));
}

/* SELECT id, the columns of @members (spec fields, and updated_at), extra;
 * *out_fields gets the field of each column after id (NULL: updated_at). */
static char *
build_select (const RdEntitySpec  *spec,
              const char * const  *members,
              const char          *where,
              GPtrArray          **out_fields)
{
  GString *sql = g_string_new ("SELECT id");

  *out_fields = g_ptr_array_new ();
  for (guint m = 0; members[m] != NULL; m++)
    {
      const RdFieldSpec *field = rd_entity_spec_find_field (spec, members[m]);

      if (field != NULL)
        {
          g_warn_if_fail (field->kind != RD_FIELD_BOOL && field->kind != RD_FIELD_JSON &&
                          field->kind != RD_FIELD_ENUM_ARRAY);
          g_string_append_printf (sql, ", \"%s\"", field->name);
          g_ptr_array_add (*out_fields, (gpointer) field);
        }
      else if (g_str_equal (members[m], "updated_at"))
        {
          g_string_append (sql, ", updated_at");
          g_ptr_array_add (*out_fields, NULL);
        }
    }
  g_string_append_printf (sql, ", extra FROM %s WHERE deleted = 0%s%s%s ORDER BY rowid",
                          spec->table, where ? " AND (" : "", where ? where : "", where ? ")" : "");

  return g_string_free (sql, FALSE);
}

/* What a partial document is read with. */
typedef struct
{
  const RdEntitySpec *spec;
  GPtrArray          *fields;   /* of the columns after id; NULL: updated_at */
  const char * const *members;
} PartialRead;

static gpointer
row_to_partial_document (sqlite3_stmt *stmt,
                         gpointer      user_data)
{
  const PartialRead *read = user_data;
  const RdEntitySpec *spec = read->spec;
  GPtrArray *fields = read->fields;
  const char * const *members = read->members;
  JsonObject *doc = json_object_new ();
  g_autofree char *doc_id = rd_document_make_id (spec->type,
                                                 (const char *) sqlite3_column_text (stmt, 0));
  int col = 1;

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", spec->type);
  for (guint f = 0; f < fields->len; f++, col++)
    {
      const RdFieldSpec *field = g_ptr_array_index (fields, f);

      if (field != NULL)
        set_member_from_column (doc, field, stmt, col);
      else if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
        json_object_set_string_member (doc, "updated_at",
                                       (const char *) sqlite3_column_text (stmt, col));
    }
  merge_extra_members (doc, (const char *) sqlite3_column_text (stmt, col), members);

  return doc;
}

GPtrArray *
rd_store_list_partial_documents (RdStore            *self,
                                 const char         *type,
                                 const char * const *members,
                                 const char         *where,
                                 const char * const *params,
                                 GError            **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *sql = NULL;
  PartialRead read = { NULL, NULL, members };

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (members != NULL, NULL);

  read.spec = rd_entity_spec_lookup (type);
  g_return_val_if_fail (read.spec != NULL, NULL);
  sql = build_select (read.spec, members, where, &fields);
  read.fields = fields;

  return _rd_store_select_rows (self, sql, params, row_to_partial_document, &read,
                                (GDestroyNotify) json_object_unref, error);
}

/* The extra JSON's string @members into @out (owned), for those the
 * columns leave unset (as rd_document_merge_extra() and
 * rd_document_get_string() read them). */
static void
extra_strings (const char         *extra,
               const char * const *members,
               char              **out)
{
  g_autoptr(JsonObject) doc = NULL;

  if (!extra_may_hold (extra, members))
    return;
  doc = json_object_new ();
  merge_extra_members (doc, extra, members);
  for (guint m = 0; members[m] != NULL; m++)
    out[m] = g_strdup (rd_document_get_string (doc, members[m]));
}

/* One block to g_free(): a row of @size bytes that starts with @n string
 * pointers, set to copies of @texts packed after it. */
static gpointer
row_pack (gsize               size,
          const char * const *texts,
          guint               n)
{
  gsize total = size;
  gpointer row;
  const char **slots;
  char *next;

  for (guint i = 0; i < n; i++)
    total += texts[i] != NULL ? strlen (texts[i]) + 1 : 0;
  row = g_malloc (total);
  memset (row, 0, size);
  slots = row;
  next = (char *) row + size;
  for (guint i = 0; i < n; i++)
    {
      if (texts[i] == NULL)
        continue;
      slots[i] = next;
      next = g_stpcpy (next, texts[i]) + 1;
    }

  return row;
}

/* The first @n_columns columns, then @extra_members from the extra JSON in
 * the next column, as one row of @size bytes (row_pack()). */
static gpointer
row_from_stmt (sqlite3_stmt       *stmt,
               gsize               size,
               guint               n_columns,
               const char * const *extra_members)
{
  const char *texts[16] = { NULL };
  char *from_extra[8] = { NULL };
  guint n = n_columns;
  gpointer row;

  for (guint col = 0; col < n_columns; col++)
    texts[col] = (const char *) sqlite3_column_text (stmt, col);
  extra_strings ((const char *) sqlite3_column_text (stmt, n_columns), extra_members, from_extra);
  for (guint m = 0; extra_members[m] != NULL; m++)
    texts[n++] = from_extra[m];

  row = row_pack (size, texts, n);
  for (guint m = 0; m < G_N_ELEMENTS (from_extra); m++)
    g_free (from_extra[m]);

  return row;
}

static gpointer
reminder_row_new (sqlite3_stmt *stmt,
                  gpointer      user_data)
{
  static const char * const extra_members[] = { "anchored_on", NULL };

  G_STATIC_ASSERT (G_STRUCT_OFFSET (RdStoredReminder, anchored_on) == 7 * sizeof (char *));
  return row_from_stmt (stmt, sizeof (RdStoredReminder), 7, extra_members);
}

static gpointer
account_row_new (sqlite3_stmt *stmt,
                 gpointer      user_data)
{
  static const char * const extra_members[] = { "renewal_choice", "renewal_choice_on", NULL };

  G_STATIC_ASSERT (G_STRUCT_OFFSET (RdReminderAccount, renewal_choice_on) ==
                   7 * sizeof (char *));
  return row_from_stmt (stmt, sizeof (RdReminderAccount), 6, extra_members);
}

#define REMINDER_ROW_SQL \
  "SELECT id, kind, due_at, title, account_id, source_id, done_at, extra FROM reminder " \
  "WHERE deleted = 0"
#define ACCOUNT_ROW_SQL \
  "SELECT id, name, status, contract_start, contract_end, effective_end, extra FROM account " \
  "WHERE deleted = 0"
/* Of the accounts in the JSON array bound first. */
#define IN_ACCOUNTS "IN (SELECT value FROM json_each (?1))"

GPtrArray *
rd_store_list_reminder_rows (RdStore  *self,
                             GError  **error)
{
  return rd_store_list_reminder_rows_of (self, NULL, error);
}

GPtrArray *
rd_store_list_reminder_account_rows (RdStore  *self,
                                     GError  **error)
{
  return rd_store_list_reminder_account_rows_of (self, NULL, error);
}

GPtrArray *
rd_store_list_reminder_rows_of (RdStore     *self,
                                const char  *accounts,
                                GError     **error)
{
  const char *params[] = { accounts, NULL };

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  if (accounts == NULL)
    return _rd_store_select_rows (self, REMINDER_ROW_SQL " ORDER BY rowid", NULL,
                                  reminder_row_new, NULL, g_free, error);

  return _rd_store_select_rows (self, REMINDER_ROW_SQL " AND (account_id " IN_ACCOUNTS
                                " OR account_id IS NULL) ORDER BY rowid",
                                params, reminder_row_new, NULL, g_free, error);
}

GPtrArray *
rd_store_list_reminder_account_rows_of (RdStore     *self,
                                        const char  *accounts,
                                        GError     **error)
{
  const char *params[] = { accounts, NULL };

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  if (accounts == NULL)
    return _rd_store_select_rows (self, ACCOUNT_ROW_SQL " ORDER BY rowid", NULL,
                                  account_row_new, NULL, g_free, error);

  return _rd_store_select_rows (self, ACCOUNT_ROW_SQL " AND id " IN_ACCOUNTS " ORDER BY rowid",
                                params, account_row_new, NULL, g_free, error);
}

RdStoredReminder *
rd_store_get_reminder_row (RdStore     *self,
                           const char  *uuid,
                           GError     **error)
{
  const char *params[] = { uuid, NULL };
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  rows = _rd_store_select_rows (self, REMINDER_ROW_SQL " AND id = ?", params, reminder_row_new,
                                NULL, g_free, error);

  return rows != NULL && rows->len > 0 ? g_ptr_array_steal_index (rows, 0) : NULL;
}

/* What is due: the derivation bookkeeping of schema v9 ------------------- */

static gboolean
max_stale_seq_locked (RdStore  *self,
                      gint64   *out_seq,
                      GError  **error)
{
  return _rd_store_select_int64_locked (self, "SELECT COALESCE (MAX (seq), 0) FROM reminder_stale",
                                        NULL, NULL, out_seq, error);
}

/* The stored reminders of the accounts in ?1 (and those of none) may stem
 * from sources another account holds now (when a reminder was written by
 * another desk, say): the accounts holding them, that ?1 lacks. */
static const char owners_sql[] =
  "WITH r (source_id) AS (SELECT source_id FROM reminder WHERE deleted = 0 AND"
  "  source_id IS NOT NULL AND (account_id " IN_ACCOUNTS " OR account_id IS NULL))"
  " SELECT account_id FROM delay WHERE id IN r"
  " UNION SELECT account_id FROM plan WHERE id IN r"
  " UNION SELECT account_id FROM bridge WHERE id IN r"
  " UNION SELECT account_id FROM loss WHERE id IN r"
  " UNION SELECT plan.account_id FROM plan_step JOIN plan ON plan.id = plan_step.plan_id"
  "   WHERE plan_step.id IN r"
  " UNION SELECT id FROM account WHERE id IN r"
  " EXCEPT SELECT value FROM json_each (?1)";

static gpointer
text_row_new (sqlite3_stmt *stmt,
              gpointer      user_data)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* @accounts as a JSON array. */
static char *
accounts_to_json (GHashTable *accounts)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, accounts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    json_array_add_string_element (array, key);
  json_node_set_array (node, array);

  return json_to_string (node, FALSE);
}

/* Adds the rows of @sql (one text column, @params) to @accounts; the
 * number of those that were new. */
static gboolean
add_accounts (RdStore             *self,
              const char          *sql,
              const char * const  *params,
              GHashTable          *accounts,
              guint               *n_added,
              GError             **error)
{
  g_autoptr(GPtrArray) rows = _rd_store_select_rows (self, sql, params, text_row_new, NULL,
                                                     g_free, error);

  *n_added = 0;
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (g_hash_table_add (accounts, g_strdup (g_ptr_array_index (rows, i))))
      (*n_added)++;

  return rows != NULL;
}

gboolean
rd_store_get_reminder_stale_seq (RdStore  *self,
                                 gint64   *out_seq,
                                 GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_seq != NULL, FALSE);

  _rd_store_lock (self);
  ok = max_stale_seq_locked (self, out_seq, error);
  _rd_store_unlock (self);

  return ok;
}

char *
rd_store_list_reminder_due_accounts (RdStore     *self,
                                     const char  *today,
                                     gint64      *out_seq,
                                     guint       *out_n,
                                     GError     **error)
{
  g_autoptr(GHashTable) accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *seq = NULL;
  guint n_added;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL, NULL);
  g_return_val_if_fail (out_seq != NULL, NULL);

  /* What was written up to now; what comes later is for the next time. */
  if (!rd_store_get_reminder_stale_seq (self, out_seq, error))
    return NULL;
  seq = g_strdup_printf ("%" G_GINT64_FORMAT, *out_seq);

  {
    const char *params[] = { seq, today, NULL };

    if (!add_accounts (self,
                       "SELECT account_id FROM reminder_stale WHERE seq <= CAST (?1 AS INTEGER) "
                       "UNION SELECT account_id FROM reminder_due WHERE due_on <= ?2 "
                       "UNION SELECT ''",
                       params, accounts, &n_added, error))
      return NULL;
  }

  /* Until the stored reminders of every account taken stem from accounts
   * taken too: one that is retired here is derived by none elsewhere. */
  do
    {
      g_autofree char *json = accounts_to_json (accounts);
      const char *params[] = { json, NULL };

      if (!add_accounts (self, owners_sql, params, accounts, &n_added, error))
        return NULL;
    }
  while (n_added > 0);

  if (out_n != NULL)
    *out_n = g_hash_table_size (accounts);
  return accounts_to_json (accounts);
}

typedef struct
{
  const char *accounts;
  gint64      seq;        /* what the derivation read of reminder_stale */
  gint64      own_seq;    /* what was there when its writes began */
  GHashTable *due_on;
  const char *fingerprint;
  const char *today;
} DerivedBookkeeping;

/* Runs @sql, its "?" taking @texts (NULL-terminated, or NULL). */
static gboolean
step_with (RdStore             *self,
           const char          *sql,
           const char * const  *texts,
           GError             **error)
{
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    _rd_store_bind_text (stmt, i + 1, texts[i]);

  return _rd_store_step_done (self, stmt, error);
}


/* In the transaction that writes the derived reminders: forgets what the
 * derivation read, and the marks its own writes leave (a reminder written
 * as derived needs no deriving again), keeps what others wrote since, and
 * stores the accounts' next due days. */
static gboolean
bookkeep_locked (RdStore   *self,
                 gboolean   puts_done,
                 gpointer   user_data,
                 GError   **error)
{
  DerivedBookkeeping *book = user_data;
  const char *accounts[] = { book->accounts, NULL };
  const char *fingerprint[] = { RD_REMINDERS_DERIVED_WITH_KEY, book->fingerprint, NULL };
  const char *day[] = { RD_REMINDERS_DERIVED_ON_KEY, book->today, NULL };
  static const char set_sql[] = "INSERT INTO settings (key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  g_autofree char *read_seq = g_strdup_printf ("%" G_GINT64_FORMAT, book->seq);
  g_autofree char *own_seq = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!puts_done)
    return max_stale_seq_locked (self, &book->own_seq, error);

  own_seq = g_strdup_printf ("%" G_GINT64_FORMAT, book->own_seq);
  {
    const char *seqs[] = { read_seq, own_seq, NULL };

    if (!step_with (self, "DELETE FROM reminder_stale WHERE seq <= CAST (?1 AS INTEGER) "
                    "OR seq > CAST (?2 AS INTEGER)", seqs, error))
      return FALSE;
  }
  if (!(book->accounts == NULL
        ? step_with (self, "DELETE FROM reminder_due", NULL, error)
        : step_with (self, "DELETE FROM reminder_due WHERE account_id " IN_ACCOUNTS, accounts,
                     error)))
    return FALSE;

  g_hash_table_iter_init (&iter, book->due_on);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *row[] = { key, value, NULL };

      if (!step_with (self, "INSERT OR REPLACE INTO reminder_due (account_id, due_on) "
                      "VALUES (?, ?)", row, error))
        return FALSE;
    }

  return step_with (self, set_sql, fingerprint, error) && step_with (self, set_sql, day, error);
}

gboolean
rd_store_put_derived_reminders (RdStore     *self,
                                GPtrArray   *docs,
                                const char  *accounts,
                                gint64       seq,
                                GHashTable  *due_on,
                                const char  *fingerprint,
                                const char  *today,
                                GError     **error)
{
  DerivedBookkeeping book = { accounts, seq, 0, due_on, fingerprint, today };

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);
  g_return_val_if_fail (due_on != NULL, FALSE);
  g_return_val_if_fail (fingerprint != NULL && today != NULL, FALSE);

  return _rd_store_put_documents_hooked (self, docs, bookkeep_locked, &book, error);
}
