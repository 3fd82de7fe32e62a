/* rd-csv-match.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdCsvImport: the import.  First every row is read and checked, without
 * the database; then, in one write transaction of the store, the rows are
 * matched against the accounts and stakeholders stored at that moment and
 * what changes is written.  Two imports of one file at once, or a sync in
 * between, can neither duplicate an account nor overwrite what the other
 * just wrote: the second import waits and then finds the first one's. */

#define G_LOG_DOMAIN "rd-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-csv-import-private.h"
#include "rd-document.h"
#include "rd-store-private.h"

/* One good row of the file, read before anything is matched. */
typedef struct
{
  guint       line;
  char       *uuid;         /* the id column's, when it is one */
  char       *external_id;  /* NULL when empty or unmapped */
  JsonObject *account;      /* the row's account fields, no _id */
  JsonObject *contact;      /* the row's stakeholder fields, or NULL */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->uuid);
  g_free (row->external_id);
  g_clear_pointer (&row->account, json_object_unref);
  g_clear_pointer (&row->contact, json_object_unref);
  g_free (row);
}

/* What an import run keeps between reading and matching. */
typedef struct
{
  RdCsvImport       *import;
  RdCsvImportReport *report;
  GPtrArray         *rows;      /* Row*, in file order */
  gboolean           dry_run;
} Run;

/* A document to write and what was stored before it. */
typedef struct
{
  JsonObject *doc;
  JsonObject *original;  /* NULL when new */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_clear_pointer (&pending->doc, json_object_unref);
  g_clear_pointer (&pending->original, json_object_unref);
  g_free (pending);
}

/* The accounts and stakeholders a row can name: the stored ones, then the
 * file's own earlier rows. */
typedef struct
{
  /* Own their keys; the documents are the stored ones or a Pending's, which
   * stay put until the end (later rows are merged into them). */
  GHashTable *by_uuid;          /* uuid → doc */
  GHashTable *by_external;      /* external id → doc */
  GHashTable *by_name;          /* name → doc */
  GHashTable *contacts_by_key;  /* contact_key() → doc */
  GHashTable *pending_by_uuid;  /* account uuid → Pending */
  GPtrArray  *order;            /* Pending*, in file order */
} Matcher;

/* Reading */

static const char *
account_uuid_of (JsonObject *doc)
{
  return json_object_get_string_member (doc, "_id") + strlen ("account:");
}

/* The file's column holding @field of an account, for a problem found by a
 * rule of the whole document; the name's column when none does. */
static int
column_for_field (RdCsvImport *self,
                  const char  *field)
{
  for (guint c = 0; field != NULL && c < self->n_columns; c++)
    {
      RdCsvColumn column = self->mapping[c];

      if (!_rd_csv_column_is_contact (column)
          && g_strcmp0 (_rd_csv_column_field (column), field) == 0)
        return (int) c;
    }

  return _rd_csv_import_column_of (self, RD_CSV_COLUMN_NAME);
}

static void
add_rule_problem (RdCsvImport       *self,
                  RdCsvImportReport *report,
                  guint              line,
                  const char        *field,
                  const char        *message)
{
  int col = column_for_field (self, field);

  _rd_csv_import_report_add (report, line, col >= 0 ? (guint) col + 1 : 1,
                             col >= 0 ? self->headers[col] : NULL, g_strdup (message));
}

static char *
cell_text (GStrv fields,
           int   col)
{
  g_autofree char *text = NULL;

  if (col < 0)
    return NULL;

  text = g_strstrip (g_strdup (fields[col]));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* Reads one record into a Row, or NULL after adding its problems. */
static Row *
read_row (RdCsvImport       *self,
          GStrv              fields,
          guint              line,
          RdCsvImportReport *report)
{
  g_autoptr(JsonObject) account = json_object_new ();
  g_autoptr(JsonObject) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = _rd_csv_import_row_currency (self, fields);
  g_autofree char *contact_name = NULL;
  g_autofree char *at_fault = NULL;
  gboolean bad = FALSE;
  Row *row;

  contact_name = cell_text (fields, _rd_csv_import_column_of (self, RD_CSV_COLUMN_CONTACT_NAME));
  if (contact_name != NULL)
    contact = json_object_new ();

  for (guint c = 0; c < self->n_columns; c++)
    {
      RdCsvColumn column = self->mapping[c];
      char *problem;

      problem = _rd_csv_apply_cell (column, fields[c], currency,
                                    _rd_csv_column_is_contact (column) ? contact : account);
      if (problem != NULL)
        {
          _rd_csv_import_report_add (report, line, c + 1, self->headers[c], problem);
          bad = TRUE;
        }
    }

  /* The rules between the row's fields (the contract cannot end before it starts). */
  if (!bad && !rd_document_check_entity ("account", account, &at_fault, &error))
    {
      add_rule_problem (self, report, line, at_fault, error->message);
      bad = TRUE;
    }

  if (bad)
    return NULL;

  row = g_new0 (Row, 1);
  row->line = line;
  row->uuid = cell_text (fields, _rd_csv_import_column_of (self, RD_CSV_COLUMN_ID));
  row->external_id = cell_text (fields, _rd_csv_import_column_of (self, RD_CSV_COLUMN_EXTERNAL_ID));
  row->account = g_steal_pointer (&account);
  row->contact = g_steal_pointer (&contact);
  return row;
}

/* A file broken from here on (an open quote…) cannot be read on: its
 * problem is the last one, even when the report is full. */
static void
add_broken_file (RdCsvImportReport *report,
                 const char        *message)
{
  RdCsvProblem *problem = g_new0 (RdCsvProblem, 1);

  problem->message = g_strdup (message);
  if (report->problems->len >= RD_CSV_MAX_PROBLEMS)
    g_ptr_array_remove_index (report->problems, report->problems->len - 1);
  g_ptr_array_add (report->problems, problem);
  report->n_bad_rows++;
}

/* Reads and checks every row; FALSE only when the file cannot be read or
 * the run was cancelled.  Progress goes from 0 to one half. */
static gboolean
read_rows (Run                 *run,
           RdStoreProgressFunc  progress,
           gpointer             user_data,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(RdCsvReader) reader = NULL;
  RdCsvImport *self = run->import;
  guint64 size = 0;
  GStrv fields = NULL;

  reader = _rd_csv_import_open_reader (self, &size, cancellable, error);
  if (reader == NULL)
    return FALSE;

  /* The header */
  if (!rd_csv_reader_next (reader, &fields, cancellable, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      Row *row;

      if (!rd_csv_reader_next (reader, &fields, cancellable, &local_error))
        {
          if (local_error == NULL)
            return TRUE;
          if (local_error->domain != RD_CSV_ERROR)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          add_broken_file (run->report, local_error->message);
          return TRUE;
        }

      run->report->n_rows++;
      if ((run->report->n_rows % 2000) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL && size > 0)
            progress (0.5 * rd_csv_reader_get_offset (reader) / size, user_data);
        }

      row = read_row (self, fields, rd_csv_reader_get_line (reader), run->report);
      if (row != NULL)
        g_ptr_array_add (run->rows, row);
      else
        run->report->n_bad_rows++;
    }
}

/* Two rows naming one account by its id or external id, with different
 * account fields: the later would silently replace the earlier.  Both are
 * refused with each other's line.  Repeating the same account fields (one
 * stakeholder per row) stays allowed. */
static void
refuse_duplicates (Run         *run,
                   RdCsvColumn  column)
{
  RdCsvImport *self = run->import;
  g_autoptr(GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) refused = g_hash_table_new (NULL, NULL);
  int col = _rd_csv_import_column_of (self, column);

  if (col < 0)
    return;

  for (guint i = 0; i < run->rows->len; i++)
    {
      Row *row = g_ptr_array_index (run->rows, i);
      const char *key = column == RD_CSV_COLUMN_ID ? row->uuid : row->external_id;
      Row *earlier;
      g_autoptr(JsonNode) a = NULL;
      g_autoptr(JsonNode) b = NULL;

      if (key == NULL)
        continue;
      earlier = g_hash_table_lookup (first, key);
      if (earlier == NULL)
        {
          g_hash_table_insert (first, (gpointer) key, row);
          continue;
        }

      a = json_node_init_object (json_node_alloc (), earlier->account);
      b = json_node_init_object (json_node_alloc (), row->account);
      if (json_node_equal (a, b))
        continue;

      /* Translators: an id from the file, then the number of the other line */
      _rd_csv_import_report_add (run->report, row->line, (guint) col + 1, self->headers[col],
                                 g_strdup_printf (_("“%s” is also on line %u, with other "
                                                    "values; give each account one row"),
                                                  key, earlier->line));
      g_hash_table_add (refused, row);
      if (g_hash_table_add (refused, earlier))
        _rd_csv_import_report_add (run->report, earlier->line, (guint) col + 1,
                                   self->headers[col],
                                   g_strdup_printf (_("“%s” is also on line %u, with other "
                                                      "values; give each account one row"),
                                                    key, row->line));
    }

  for (guint i = run->rows->len; i > 0; i--)
    {
      if (g_hash_table_contains (refused, g_ptr_array_index (run->rows, i - 1)))
        {
          g_ptr_array_remove_index (run->rows, i - 1);
          run->report->n_bad_rows++;
        }
    }
}

/* Matching (inside the store's write transaction) */

/* What g_uuid_string_random() returns (a version 4 UUID from four
 * g_random_int(), lower-case), without its printf: a large file takes two
 * per row, and the printf was 3% of an import. */
static char *
new_uuid (void)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  char *text = g_malloc (37);
  char *p = text;

  for (guint i = 0; i < 4; i++)
    {
      guint32 r = g_random_int ();

      memcpy (bytes + 4 * i, &r, sizeof r);
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;  /* version 4 */
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  /* RFC 4122 variant */

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0x0f];
    }
  *p = '\0';

  return text;
}

static char *
contact_key (const char *account_uuid,
             const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_strconcat (account_uuid, "\x1f", g_strstrip (folded), NULL);
}

/* Makes @doc what its id, external id and name lead to. */
static void
index_account (Matcher    *m,
               JsonObject *doc)
{
  const char *ext = rd_document_get_string (doc, "external_id");

  g_hash_table_insert (m->by_uuid, g_strdup (account_uuid_of (doc)), doc);
  if (ext != NULL)
    g_hash_table_insert (m->by_external, g_strdup (ext), doc);
  g_hash_table_insert (m->by_name, g_strdup (rd_document_get_string (doc, "name")), doc);
}

static void
matcher_init (Matcher   *m,
              GPtrArray *accounts,
              GPtrArray *contacts)
{
  m->by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->by_external = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->contacts_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->pending_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->order = g_ptr_array_new_with_free_func (pending_free);

  for (guint i = 0; i < accounts->len; i++)
    {
      index_account (m, g_ptr_array_index (accounts, i));
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (contacts, i);
      const char *name = rd_document_get_string (doc, "name");

      if (name != NULL)
        g_hash_table_insert (m->contacts_by_key,
                             contact_key (rd_document_get_string (doc, "account_id"), name), doc);
    }
}

static void
matcher_clear (Matcher *m)
{
  g_clear_pointer (&m->by_uuid, g_hash_table_unref);
  g_clear_pointer (&m->by_external, g_hash_table_unref);
  g_clear_pointer (&m->by_name, g_hash_table_unref);
  g_clear_pointer (&m->contacts_by_key, g_hash_table_unref);
  g_clear_pointer (&m->pending_by_uuid, g_hash_table_unref);
  g_clear_pointer (&m->order, g_ptr_array_unref);
}

/* The stored (or earlier row's) account @row is about, or NULL for a new one:
 * its id, else its external id, else its exact name. */
static JsonObject *
find_account (Matcher *m,
              Row     *row)
{
  const char *name = rd_document_get_string (row->account, "name");
  JsonObject *found = NULL;

  if (row->uuid != NULL && g_uuid_string_is_valid (row->uuid))
    found = g_hash_table_lookup (m->by_uuid, row->uuid);
  if (found == NULL && row->external_id != NULL)
    found = g_hash_table_lookup (m->by_external, row->external_id);
  if (found == NULL && name != NULL)
    {
      found = g_hash_table_lookup (m->by_name, name);
      /* Same name, another external id: two customers, not one. */
      if (found != NULL && row->external_id != NULL
          && rd_document_get_string (found, "external_id") != NULL)
        found = NULL;
    }

  return found;
}

/* Sets the string member @name of a new document unless the row's fields
 * already hold it: the same document as setting it first and copying the
 * fields over it. */
static void
set_default_string (JsonObject *doc,
                    const char *name,
                    const char *value)
{
  if (!json_object_has_member (doc, name))
    json_object_set_string_member (doc, name, value);
}

/* The account document @row leads to: the one found, with the row's fields.
 * A new account is the row's own fields (taken from @row, not copied: each
 * row is matched once, and most rows of a large file are new). */
static JsonObject *
merge_account (Matcher    *m,
               Row        *row,
               JsonObject *found)
{
  JsonObject *account;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (found == NULL)
    {
      g_autofree char *uuid = row->uuid != NULL && g_uuid_string_is_valid (row->uuid)
                              ? g_strdup (row->uuid) : new_uuid ();
      g_autofree char *doc_id = rd_document_make_id ("account", uuid);

      account = g_steal_pointer (&row->account);
      set_default_string (account, "_id", doc_id);
      set_default_string (account, "type", "account");
      return account;
    }

  /* A later row's account fields win, as in a spreadsheet. */
  {
    Pending *earlier = g_hash_table_lookup (m->pending_by_uuid, account_uuid_of (found));

    account = rd_document_copy_object (earlier != NULL ? earlier->doc : found);
  }

  json_object_iter_init (&iter, row->account);
  while (json_object_iter_next (&iter, &member, &node))
    json_object_set_member (account, member, json_node_copy (node));

  return account;
}

/* Keeps @account (checked, a copy) to be written; later rows naming it land
 * on the same Pending.  @found is the stored account, or NULL. */
static const char *
keep_account (Matcher    *m,
              JsonObject *account,
              JsonObject *found)
{
  Pending *pending = g_hash_table_lookup (m->pending_by_uuid, account_uuid_of (account));
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->doc = json_object_ref (account);
      pending->original = found != NULL ? json_object_ref (found) : NULL;
      g_ptr_array_add (m->order, pending);
      g_hash_table_insert (m->pending_by_uuid, g_strdup (account_uuid_of (account)), pending);
    }
  else
    {
      json_object_iter_init (&iter, account);
      while (json_object_iter_next (&iter, &member, &node))
        json_object_set_member (pending->doc, member, json_node_copy (node));
    }

  index_account (m, pending->doc);
  return account_uuid_of (pending->doc);
}

/* Keeps the stakeholder of @row (taking its fields) for the account @account_uuid. */
static void
keep_contact (Matcher    *m,
              const char *account_uuid,
              Row        *row)
{
  g_autoptr(JsonObject) fields = g_steal_pointer (&row->contact);
  g_autofree char *key = contact_key (account_uuid, rd_document_get_string (fields, "name"));
  JsonObject *stored = g_hash_table_lookup (m->contacts_by_key, key);
  Pending *pending = g_new0 (Pending, 1);
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (stored != NULL)
    {
      pending->doc = rd_document_copy_object (stored);
      pending->original = json_object_ref (stored);
      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &member, &node))
        json_object_set_member (pending->doc, member, json_node_copy (node));
    }
  else
    {
      g_autofree char *contact_uuid = new_uuid ();
      g_autofree char *doc_id = rd_document_make_id ("contact", contact_uuid);

      /* A new stakeholder is the row's own fields, not a copy. */
      pending->doc = g_steal_pointer (&fields);
      set_default_string (pending->doc, "_id", doc_id);
      set_default_string (pending->doc, "type", "contact");
      set_default_string (pending->doc, "account_id", account_uuid);
      if (!json_object_has_member (pending->doc, "active"))
        json_object_set_boolean_member (pending->doc, "active", TRUE);
      g_hash_table_insert (m->contacts_by_key, g_steal_pointer (&key), pending->doc);
    }

  g_ptr_array_add (m->order, pending);
}

/* Matches one row; FALSE (with its problem added) when the account it makes
 * breaks a rule, e.g. a new end before the stored start. */
static gboolean
match_row (Run     *run,
           Matcher *m,
           Row     *row)
{
  JsonObject *found = find_account (m, row);
  g_autoptr(JsonObject) account = merge_account (m, row, found);
  g_autoptr(GError) error = NULL;
  g_autofree char *at_fault = NULL;
  const char *uuid;

  if (!rd_document_check (account, &at_fault, &error))
    {
      add_rule_problem (run->import, run->report, row->line, at_fault, error->message);
      return FALSE;
    }

  /* @found was the stored account unless an earlier row had it already. */
  uuid = keep_account (m, account, found);
  if (row->contact != NULL)
    keep_contact (m, uuid, row);

  return TRUE;
}

static gboolean
differs (JsonObject *a,
         JsonObject *b)
{
  static const char * const ignored[] = { "updated_at", "_rev", "risk_score", "risk_band",
                                          "risk_factors" };
  g_autoptr(JsonObject) ca = rd_document_copy_object (a);
  g_autoptr(JsonObject) cb = rd_document_copy_object (b);
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ignored); i++)
    {
      json_object_remove_member (ca, ignored[i]);
      json_object_remove_member (cb, ignored[i]);
    }

  na = json_node_init_object (json_node_alloc (), ca);
  nb = json_node_init_object (json_node_alloc (), cb);

  return !json_node_equal (na, nb);
}

/* Only what changes is written: a second import of the same file is a no-op. */
static GPtrArray *
collect_changes (Matcher           *m,
                 RdCsvImportReport *report)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < m->order->len; i++)
    {
      Pending *p = g_ptr_array_index (m->order, i);
      const char *doc_id = json_object_get_string_member (p->doc, "_id");
      gboolean is_account = g_str_has_prefix (doc_id, "account:");

      if (!g_hash_table_add (seen, (gpointer) doc_id))
        continue;

      if (p->original != NULL && !differs (p->original, p->doc))
        {
          if (is_account)
            report->n_unchanged++;
          continue;
        }

      if (!is_account)
        report->n_contacts++;
      else if (p->original != NULL)
        report->n_updated++;
      else
        report->n_new++;

      json_object_remove_member (p->doc, "updated_at");
      g_ptr_array_add (docs, json_object_ref (p->doc));
    }

  return docs;
}

/* "Line 4, column 3 (Renewal date): … (and 2 more rows with problems)" */
static void
set_problems_error (RdCsvImportReport  *report,
                    GError            **error)
{
  RdCsvProblem *p0 = g_ptr_array_index (report->problems, 0);
  g_autofree char *first = rd_csv_problem_to_string (p0);

  if (p0->line == 0)
    g_set_error_literal (error, RD_CSV_ERROR, RD_CSV_ERROR_RAGGED_ROW, p0->message);
  else if (report->n_bad_rows == 1)
    g_set_error_literal (error, RD_CSV_ERROR, RD_CSV_ERROR_RAGGED_ROW, first);
  else
    g_set_error (error, RD_CSV_ERROR, RD_CSV_ERROR_RAGGED_ROW,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more row with problems)",
                              "%s (and %u more rows with problems)",
                              report->n_bad_rows - 1),
                 first, report->n_bad_rows - 1);
}

/* RdStoreMatchFunc: the lock is held, the transaction open. */
static gboolean
match_rows_cb (GPtrArray **existing,
               gpointer    user_data,
               GPtrArray **out_docs,
               GError    **error)
{
  Run *run = user_data;
  Matcher m;

  matcher_init (&m, existing[0], existing[1]);
  for (guint i = 0; i < run->rows->len; i++)
    {
      if (!match_row (run, &m, g_ptr_array_index (run->rows, i)))
        run->report->n_bad_rows++;
    }

  if (run->report->n_bad_rows > 0 && !run->dry_run)
    {
      matcher_clear (&m);
      set_problems_error (run->report, error);
      return FALSE;
    }

  *out_docs = collect_changes (&m, run->report);
  matcher_clear (&m);
  return TRUE;
}

/* The run */

typedef struct
{
  RdStoreProgressFunc progress;
  gpointer            user_data;
} ProgressScale;

static void
on_store_progress_cb (double   fraction,
                      gpointer user_data)
{
  ProgressScale *scale = user_data;

  if (scale->progress != NULL)
    scale->progress (0.5 + fraction / 2, scale->user_data);
}

/* Problems by line; the broken file's (line 0) stays last. */
static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const RdCsvProblem *pa = *(const RdCsvProblem * const *) a;
  const RdCsvProblem *pb = *(const RdCsvProblem * const *) b;
  guint la = pa->line == 0 ? G_MAXUINT : pa->line;
  guint lb = pb->line == 0 ? G_MAXUINT : pb->line;

  if (la != lb)
    return la < lb ? -1 : 1;
  return pa->column < pb->column ? -1 : (pa->column > pb->column);
}

gboolean
rd_csv_import_run (RdCsvImport         *self,
                   RdStore             *store,
                   gboolean             dry_run,
                   RdStoreProgressFunc  progress,
                   gpointer             user_data,
                   GCancellable        *cancellable,
                   RdCsvImportReport  **out_report,
                   GError             **error)
{
  static const char * const types[] = { "account", "contact", NULL };
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *mapping_problem = NULL;
  ProgressScale scale = { progress, user_data };
  Run run;
  gboolean ok;

  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (out_report != NULL)
    *out_report = NULL;

  mapping_problem = rd_csv_import_check_mapping (self);
  if (mapping_problem != NULL)
    {
      g_set_error_literal (error, RD_CSV_ERROR, RD_CSV_ERROR_EMPTY, mapping_problem);
      return FALSE;
    }

  report = _rd_csv_import_report_new ();
  rows = g_ptr_array_new_with_free_func (row_free);
  run = (Run) { self, report, rows, dry_run };

  if (!read_rows (&run, progress, user_data, cancellable, error))
    return FALSE;
  refuse_duplicates (&run, RD_CSV_COLUMN_ID);
  refuse_duplicates (&run, RD_CSV_COLUMN_EXTERNAL_ID);

  /* A real run with bad rows stops here, before it waits for the database. */
  if (report->n_bad_rows > 0 && !dry_run)
    {
      set_problems_error (report, error);
      ok = FALSE;
    }
  else
    ok = _rd_store_import_matched (store, types, dry_run, match_rows_cb, &run,
                                   on_store_progress_cb, &scale, cancellable, error);

  g_ptr_array_sort (report->problems, compare_problems);
  if (ok && progress != NULL)
    progress (1.0, user_data);

  /* With problems the report says which, success or not. */
  if (out_report != NULL && (ok || report->n_bad_rows > 0))
    *out_report = g_steal_pointer (&report);

  return ok;
}
