/* rd-csv-match.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdCsvImport: the import.  First every row is read and checked, without
 * the database, into typed values; then, in one write transaction of the
 * store, the rows are matched against the accounts and stakeholders stored
 * at that moment and what changes is written: each account (with its
 * stakeholders) as a document built, checked, rated and written once no
 * later row can name it, then dropped.  Two imports of one file at once, or
 * a sync in between, can neither duplicate an account nor overwrite what
 * the other just wrote: the second import waits and then finds the first
 * one's.  A failure rolls every write back. */

#define G_LOG_DOMAIN "rd-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-csv-import-private.h"
#include "rd-document.h"
#include "rd-store-private.h"

/* One cell's value as the document's rules read it (what
 * rd_document_parse_field() gives), without a JSON node: a large file keeps
 * every row until it is matched. */
typedef enum
{
  VALUE_NONE,    /* blank, or not a field */
  VALUE_STRING,
  VALUE_INT,
  VALUE_BOOL,
} ValueKind;

typedef struct
{
  ValueKind kind;
  union
  {
    const char *string;  /* in the row's texts */
    gint64      number;
    gboolean    boolean;
  };
} Value;

/* One good row of the file, read before anything is matched: two blocks. */
typedef struct
{
  guint       line;
  const char *uuid;         /* the id column's, when it is one */
  const char *external_id;  /* the cell, NULL when empty or unmapped */
  gboolean    has_contact;  /* a stakeholder name is given */
  char       *texts;        /* every string of the row */
  Value       values[];     /* one per column of the file */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->texts);
  g_free (row);
}

static void
clear_cells (RdFieldValue *cells,
             guint         n_cells)
{
  for (guint c = 0; c < n_cells; c++)
    rd_field_value_clear (&cells[c]);
}

/* Which key of an account a row can name it by (find_account()). */
typedef enum
{
  KEY_UUID,
  KEY_EXTERNAL,
  KEY_NAME,
  N_KEYS
} KeyKind;

/* What an import run keeps between reading and matching. */
typedef struct
{
  RdCsvImport         *import;
  RdCsvImportReport   *report;
  GPtrArray           *rows;      /* Row*, in file order */
  gboolean             dry_run;
  int                  id_col;
  int                  name_col;
  int                  external_col;
  int                  contact_name_col;
  RdFieldValue        *cells;     /* the values of the row being read, per column */
  gboolean            *in_rules;  /* per column: an account field the rules
                                   * between fields read */
  const RdEntitySpec  *contact_spec;
  int                 *contact_columns;  /* per field of a stakeholder: its column, or -1 */
  gboolean             typed_contacts;   /* new stakeholders written from their cells */
  RdStoreProgressFunc  progress;
  gpointer             progress_data;
  GCancellable        *cancellable;
} Run;

/* An account or a stakeholder to write, and what was stored before it.
 * Written, in the order the file first names them, once no later row can
 * name it again (a stakeholder with its account): only the accounts a file
 * still has to come back to are kept as documents. */
typedef struct _Slot Slot;
struct _Slot
{
  JsonObject *doc;       /* NULL once written */
  JsonObject *original;  /* NULL when new */
  gboolean    fresh;     /* new with an id made by this import */
  gboolean    checked;   /* a stakeholder that passes rd_document_check() */
  Slot       *account;   /* a stakeholder's; NULL for an account */
  /* A new stakeholder that only one row names so far is written from that
   * row's cells, without a document: the row, its id and its account's.
   * A second row naming it makes it a document. */
  Row        *row;
  char       *uuid;
  char       *account_uuid;
  const char *key;       /* the key of Matcher.slots_by_uuid or .contact_slots */
  GArray     *keys;      /* an account's SlotKey: what rows can name it by */
};

typedef struct
{
  KeyKind     kind;
  const char *text;      /* the stored document's, or a row's */
} SlotKey;

static void
slot_free (gpointer data)
{
  Slot *slot = data;

  g_clear_pointer (&slot->doc, json_object_unref);
  g_clear_pointer (&slot->original, json_object_unref);
  g_clear_pointer (&slot->keys, g_array_unref);
  g_free (slot->uuid);
  g_free (slot->account_uuid);
  g_free (slot);
}

/* The accounts and stakeholders a row can name: the stored ones, then the
 * file's own earlier rows. */
typedef struct
{
  /* Own their keys; the documents are the stored ones or a Slot's, which
   * stay put until the slot is written (later rows are merged into them). */
  GHashTable *index[N_KEYS];    /* uuid, external id, name → doc */
  GHashTable *contacts_by_key;  /* contact_key() → stored doc */
  GHashTable *slots_by_uuid;    /* account uuid → Slot */
  GHashTable *contact_slots;    /* contact_key() → Slot */
  /* How many rows after the current one name each uuid, external id and
   * name (keys borrowed from the rows), and each name without an external
   * id. */
  GHashTable *future[N_KEYS];
  GHashTable *future_bare_names;
  GPtrArray  *accounts;         /* Slot*, in file order */
  GPtrArray  *contacts;         /* Slot*, in file order */
  guint       accounts_done;
  guint       contacts_done;
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

static const char *
copy_text (char       **cursor,
           const char  *text)
{
  char *copy = *cursor;
  gsize size = strlen (text) + 1;

  memcpy (copy, text, size);
  *cursor += size;
  return copy;
}

/* The row's values from its cells' (@cells, one per column), in two
 * blocks. */
static Row *
row_new (const RdFieldValue *cells,
         guint               n_cells,
         guint               line,
         const char         *uuid,
         const char         *external_id)
{
  Row *row = g_malloc0 (sizeof (Row) + n_cells * sizeof (Value));
  gsize size = 1;
  char *cursor;

  for (guint c = 0; c < n_cells; c++)
    {
      if (cells[c].type == G_TYPE_STRING)
        size += strlen (cells[c].string) + 1;
    }
  size += uuid != NULL ? strlen (uuid) + 1 : 0;
  size += external_id != NULL ? strlen (external_id) + 1 : 0;

  row->line = line;
  row->texts = cursor = g_malloc (size);
  for (guint c = 0; c < n_cells; c++)
    {
      Value *value = &row->values[c];

      switch (cells[c].type)
        {
        case G_TYPE_STRING:
          value->kind = VALUE_STRING;
          value->string = copy_text (&cursor, cells[c].string);
          break;
        case G_TYPE_BOOLEAN:
          value->kind = VALUE_BOOL;
          value->boolean = cells[c].number != 0;
          break;
        case G_TYPE_INT64:
          value->kind = VALUE_INT;
          value->number = cells[c].number;
          break;
        default:
          break;
        }
    }
  row->uuid = uuid != NULL ? copy_text (&cursor, uuid) : NULL;
  row->external_id = external_id != NULL ? copy_text (&cursor, external_id) : NULL;

  return row;
}

static gboolean
values_equal (const Value *a,
              const Value *b)
{
  if (a->kind != b->kind)
    return FALSE;

  switch (a->kind)
    {
    case VALUE_STRING:
      return g_str_equal (a->string, b->string);
    case VALUE_INT:
      return a->number == b->number;
    case VALUE_BOOL:
      return a->boolean == b->boolean;
    case VALUE_NONE:
    default:
      return TRUE;
    }
}

/* Sets the row's account fields (@contact FALSE) or stakeholder fields on
 * @doc, in the file's column order, over what @doc holds. */
static void
set_row_fields (Run        *run,
                Row        *row,
                gboolean    contact,
                JsonObject *doc)
{
  RdCsvImport *self = run->import;

  for (guint c = 0; c < self->n_columns; c++)
    {
      const Value *value = &row->values[c];
      const char *field;

      if (value->kind == VALUE_NONE || _rd_csv_column_is_contact (self->mapping[c]) != contact)
        continue;

      field = _rd_csv_column_field (self->mapping[c]);
      switch (value->kind)
        {
        case VALUE_STRING:
          json_object_set_string_member (doc, field, value->string);
          break;
        case VALUE_INT:
          json_object_set_int_member (doc, field, value->number);
          break;
        case VALUE_BOOL:
          json_object_set_boolean_member (doc, field, value->boolean);
          break;
        case VALUE_NONE:
        default:
          break;
        }
    }
}

/* Whether two rows give the same account fields. */
static gboolean
same_account_fields (Run *run,
                     Row *a,
                     Row *b)
{
  RdCsvImport *self = run->import;

  for (guint c = 0; c < self->n_columns; c++)
    {
      if (!_rd_csv_column_is_contact (self->mapping[c]) && !values_equal (&a->values[c],
                                                                         &b->values[c]))
        return FALSE;
    }

  return TRUE;
}

static const char *
row_string (Row *row,
            int  col)
{
  return col >= 0 && row->values[col].kind == VALUE_STRING ? row->values[col].string : NULL;
}

/* Which columns hold an account field that rd_document_check_entity()
 * reads: a row's document for those rules needs no other. */
static gboolean *
columns_in_rules (RdCsvImport *self)
{
  const char * const *fields = rd_document_entity_rule_fields ("account");
  gboolean *in_rules = g_new0 (gboolean, MAX (self->n_columns, 1));

  for (guint c = 0; c < self->n_columns; c++)
    {
      RdCsvColumn column = self->mapping[c];

      in_rules[c] = !_rd_csv_column_is_contact (column) && _rd_csv_column_field (column) != NULL
                    && g_strv_contains (fields, _rd_csv_column_field (column));
    }

  return in_rules;
}

/* Per field of a stakeholder, the column that fills it, or -1. */
static int *
columns_of_contact_fields (RdCsvImport *self)
{
  const RdEntitySpec *spec = rd_entity_spec_lookup ("contact");
  int *columns = g_new (int, spec->n_fields);

  for (guint f = 0; f < spec->n_fields; f++)
    {
      columns[f] = -1;
      for (guint c = 0; c < self->n_columns; c++)
        {
          RdCsvColumn column = self->mapping[c];

          if (_rd_csv_column_is_contact (column)
              && g_strcmp0 (_rd_csv_column_field (column), spec->fields[f].name) == 0)
            columns[f] = (int) c;
        }
    }

  return columns;
}

/* Whether every stakeholder column fills a field of the spec other than
 * the account (then a new stakeholder's document holds nothing but those
 * fields, its id and its type, and its row can be written from them). */
static gboolean
contact_fields_all_known (RdCsvImport *self)
{
  for (guint c = 0; c < self->n_columns; c++)
    {
      const char *field = _rd_csv_column_field (self->mapping[c]);

      if (_rd_csv_column_is_contact (self->mapping[c])
          && (field == NULL || g_str_equal (field, "account_id")
              || rd_entity_field_lookup ("contact", field) == NULL))
        return FALSE;
    }

  return TRUE;
}

/* Reads one record into a Row, or NULL after adding its problems. */
static Row *
read_row (Run   *run,
          GStrv  fields,
          guint  line)
{
  RdCsvImport *self = run->import;
  RdCsvImportReport *report = run->report;
  g_autoptr(JsonObject) account = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = _rd_csv_import_row_currency (self, fields);
  g_autofree char *contact_name = cell_text (fields, run->contact_name_col);
  g_autofree char *uuid = NULL;
  g_autofree char *external_id = NULL;
  g_autofree char *at_fault = NULL;
  gboolean bad = FALSE;
  Row *row;

  clear_cells (run->cells, self->n_columns);
  for (guint c = 0; c < self->n_columns; c++)
    {
      RdCsvColumn column = self->mapping[c];
      char *problem;

      problem = _rd_csv_read_cell (column, fields[c], currency, &run->cells[c]);
      if (problem != NULL)
        {
          _rd_csv_import_report_add (report, line, c + 1, self->headers[c], problem);
          bad = TRUE;
        }
      /* The fields the rules between them read also go into a document. */
      if (run->cells[c].type != G_TYPE_INVALID && run->in_rules[c])
        json_object_set_member (account, _rd_csv_column_field (column),
                                rd_field_value_to_node (&run->cells[c]));
    }

  /* The rules between the row's fields (the contract cannot end before it starts). */
  if (!bad && !rd_document_check_entity ("account", account, &at_fault, &error))
    {
      add_rule_problem (self, report, line, at_fault, error->message);
      bad = TRUE;
    }

  if (bad)
    return NULL;

  uuid = cell_text (fields, run->id_col);
  external_id = cell_text (fields, run->external_col);
  row = row_new (run->cells, self->n_columns, line, uuid, external_id);
  row->has_contact = contact_name != NULL;
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

      row = read_row (run, fields, rd_csv_reader_get_line (reader));
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

      if (key == NULL)
        continue;
      earlier = g_hash_table_lookup (first, key);
      if (earlier == NULL)
        {
          g_hash_table_insert (first, (gpointer) key, row);
          continue;
        }

      if (same_account_fields (run, earlier, row))
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

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        return FALSE;
    }

  return TRUE;
}

static char *
contact_key (const char *account_uuid,
             const char *name)
{
  /* Case folding maps no ASCII character but A–Z, to a–z. */
  g_autofree char *folded = is_ascii (name) ? g_ascii_strdown (name, -1)
                                            : g_utf8_casefold (name, -1);

  return g_strconcat (account_uuid, "\x1f", g_strstrip (folded), NULL);
}

static void
add_slot_key (Slot       *slot,
              KeyKind     kind,
              const char *text)
{
  SlotKey key = { kind, text };

  if (text != NULL)
    g_array_append_val (slot->keys, key);
}

/* Makes @doc what its id, external id and name lead to. */
static void
index_account (Matcher    *m,
               JsonObject *doc)
{
  const char *ext = rd_document_get_string (doc, "external_id");

  g_hash_table_insert (m->index[KEY_UUID], g_strdup (account_uuid_of (doc)), doc);
  if (ext != NULL)
    g_hash_table_insert (m->index[KEY_EXTERNAL], g_strdup (ext), doc);
  g_hash_table_insert (m->index[KEY_NAME], g_strdup (rd_document_get_string (doc, "name")), doc);
}

static void
count_key (GHashTable *future,
           const char *key,
           int         delta)
{
  if (key != NULL)
    g_hash_table_insert (future, (gpointer) key,
                         GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (future, key))
                                          + delta));
}

/* Counts (@delta 1) or uncounts (-1) what @row names its account by. */
static void
count_row_keys (Run     *run,
                Matcher *m,
                Row     *row,
                int      delta)
{
  count_key (m->future[KEY_UUID], row->uuid, delta);
  count_key (m->future[KEY_EXTERNAL], row->external_id, delta);
  count_key (m->future[KEY_NAME], row_string (row, run->name_col), delta);
  if (row->external_id == NULL)
    count_key (m->future_bare_names, row_string (row, run->name_col), delta);
}

static void
matcher_init (Matcher   *m,
              Run       *run,
              GPtrArray *accounts,
              GPtrArray *contacts)
{
  for (guint k = 0; k < N_KEYS; k++)
    {
      m->index[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      m->future[k] = g_hash_table_new (g_str_hash, g_str_equal);
    }
  m->future_bare_names = g_hash_table_new (g_str_hash, g_str_equal);
  m->contacts_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->slots_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->contact_slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->accounts = g_ptr_array_new_with_free_func (slot_free);
  m->contacts = g_ptr_array_new_with_free_func (slot_free);
  m->accounts_done = m->contacts_done = 0;

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

  for (guint i = 0; i < run->rows->len; i++)
    count_row_keys (run, m, g_ptr_array_index (run->rows, i), 1);
}

static void
matcher_clear (Matcher *m)
{
  for (guint k = 0; k < N_KEYS; k++)
    {
      g_clear_pointer (&m->index[k], g_hash_table_unref);
      g_clear_pointer (&m->future[k], g_hash_table_unref);
    }
  g_clear_pointer (&m->future_bare_names, g_hash_table_unref);
  g_clear_pointer (&m->contacts_by_key, g_hash_table_unref);
  g_clear_pointer (&m->slots_by_uuid, g_hash_table_unref);
  g_clear_pointer (&m->contact_slots, g_hash_table_unref);
  g_clear_pointer (&m->accounts, g_ptr_array_unref);
  g_clear_pointer (&m->contacts, g_ptr_array_unref);
}

/* The account id the row gives, or NULL when none or not one. */
static const char *
row_uuid (Row *row)
{
  return row->uuid != NULL && g_uuid_string_is_valid (row->uuid) ? row->uuid : NULL;
}

/* The stored (or earlier row's) account @row is about, or NULL for a new one:
 * its id, else its external id, else its exact name. */
static JsonObject *
find_account (Run     *run,
              Matcher *m,
              Row     *row)
{
  const char *name = row_string (row, run->name_col);
  JsonObject *found = NULL;

  if (row_uuid (row) != NULL)
    found = g_hash_table_lookup (m->index[KEY_UUID], row->uuid);
  if (found == NULL && row->external_id != NULL)
    found = g_hash_table_lookup (m->index[KEY_EXTERNAL], row->external_id);
  if (found == NULL && name != NULL)
    {
      found = g_hash_table_lookup (m->index[KEY_NAME], name);
      /* Same name, another external id: two customers, not one. */
      if (found != NULL && row->external_id != NULL
          && rd_document_get_string (found, "external_id") != NULL)
        found = NULL;
    }

  return found;
}

/* Whether @doc, a new document of @type made of one file's checked cells
 * (each checked as it was read, the rules between an account's fields too)
 * and of the id and type the import gave it, passes rd_document_check()
 * without looking again: it does when it holds every field the type requires
 * (the file may not map one). */
static gboolean
passes_check_when_whole (const char *type,
                         JsonObject *doc)
{
  const RdEntitySpec *spec = rd_entity_spec_lookup (type);

  for (guint i = 0; i < spec->n_fields; i++)
    {
      if (spec->fields[i].required && !json_object_has_member (doc, spec->fields[i].name))
        return FALSE;
    }

  return TRUE;
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

/* The account document @row leads to: the one found, with the row's fields. */
static JsonObject *
merge_account (Run        *run,
               Matcher    *m,
               Row        *row,
               JsonObject *found)
{
  JsonObject *account;

  if (found == NULL)
    {
      g_autofree char *uuid = row_uuid (row) != NULL ? g_strdup (row->uuid) : new_uuid ();
      g_autofree char *doc_id = rd_document_make_id ("account", uuid);

      account = json_object_new ();
      set_row_fields (run, row, FALSE, account);
      set_default_string (account, "_id", doc_id);
      set_default_string (account, "type", "account");
      return account;
    }

  /* A later row's account fields win, as in a spreadsheet. */
  {
    Slot *earlier = g_hash_table_lookup (m->slots_by_uuid, account_uuid_of (found));

    account = rd_document_copy_object (earlier != NULL ? earlier->doc : found);
  }
  set_row_fields (run, row, FALSE, account);

  return account;
}

/* Keeps @account (checked, made by merge_account()) to be written; later
 * rows naming it land on the same Slot.  @found is the stored account, or
 * NULL; @fresh when merge_account() made its id. */
static Slot *
keep_account (Run        *run,
              Matcher    *m,
              Row        *row,
              JsonObject *account,
              JsonObject *found,
              gboolean    fresh)
{
  Slot *slot = g_hash_table_lookup (m->slots_by_uuid, account_uuid_of (account));
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (slot == NULL)
    {
      char *uuid = g_strdup (account_uuid_of (account));

      slot = g_new0 (Slot, 1);
      slot->doc = json_object_ref (account);
      slot->original = found != NULL ? json_object_ref (found) : NULL;
      slot->fresh = fresh;
      slot->key = uuid;
      slot->keys = g_array_new (FALSE, FALSE, sizeof (SlotKey));
      add_slot_key (slot, KEY_UUID, uuid);
      if (found != NULL)
        {
          add_slot_key (slot, KEY_EXTERNAL, rd_document_get_string (found, "external_id"));
          add_slot_key (slot, KEY_NAME, rd_document_get_string (found, "name"));
        }
      g_ptr_array_add (m->accounts, slot);
      g_hash_table_insert (m->slots_by_uuid, uuid, slot);
    }
  else
    {
      json_object_iter_init (&iter, account);
      while (json_object_iter_next (&iter, &member, &node))
        json_object_set_member (slot->doc, member, json_node_copy (node));
    }

  /* What the row may have renamed it to. */
  add_slot_key (slot, KEY_EXTERNAL, row_string (row, run->external_col));
  add_slot_key (slot, KEY_NAME, row_string (row, run->name_col));
  index_account (m, slot->doc);
  return slot;
}

/* The new stakeholder @row names, as a document: its cells over the id,
 * type and account the import gives it, active unless a cell says not. */
static JsonObject *
new_contact_document (Run        *run,
                      Row        *row,
                      const char *contact_uuid,
                      const char *account_uuid)
{
  g_autofree char *doc_id = rd_document_make_id ("contact", contact_uuid);
  JsonObject *doc = json_object_new ();

  set_row_fields (run, row, TRUE, doc);
  set_default_string (doc, "_id", doc_id);
  set_default_string (doc, "type", "contact");
  set_default_string (doc, "account_id", account_uuid);
  if (!json_object_has_member (doc, "active"))
    json_object_set_boolean_member (doc, "active", TRUE);

  return doc;
}

/* The fields of new_contact_document()'s document as typed values, one per
 * field of the spec; FALSE when it lacks a required one (the whole
 * document is then checked, see passes_check_when_whole()). */
static gboolean
new_contact_values (Run          *run,
                    Row          *row,
                    const char   *account_uuid,
                    RdStoreValue *values)
{
  const RdEntitySpec *spec = run->contact_spec;
  gboolean whole = TRUE;

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const RdFieldSpec *field = &spec->fields[f];
      int col = run->contact_columns[f];
      const Value *value = col >= 0 ? &row->values[col] : NULL;
      RdStoreValue *out = &values[f];

      *out = (RdStoreValue) { FALSE, NULL, 0 };
      if (value != NULL && value->kind != VALUE_NONE)
        {
          out->set = TRUE;
          out->text = value->kind == VALUE_STRING ? value->string : NULL;
          out->number = value->kind == VALUE_INT ? value->number
                        : value->kind == VALUE_BOOL ? value->boolean : 0;
        }
      else if (g_str_equal (field->name, "account_id"))
        *out = (RdStoreValue) { TRUE, account_uuid, 0 };
      else if (g_str_equal (field->name, "active"))
        *out = (RdStoreValue) { TRUE, NULL, TRUE };

      whole = whole && (out->set || !field->required);
    }

  return whole;
}

/* Keeps the stakeholder of @row for the account @account.  A later row
 * naming the same stakeholder (ignoring case) updates it, as a later row
 * does the account. */
static void
keep_contact (Run     *run,
              Matcher *m,
              Slot    *account,
              Row     *row)
{
  const char *account_uuid = account->key;
  const char *name = row_string (row, run->contact_name_col);
  g_autofree char *key = contact_key (account_uuid, name);
  Slot *slot = g_hash_table_lookup (m->contact_slots, key);
  JsonObject *stored;

  if (slot != NULL)
    {
      if (slot->row != NULL)
        {
          slot->doc = new_contact_document (run, slot->row, slot->uuid, slot->account_uuid);
          slot->row = NULL;
        }
      set_row_fields (run, row, TRUE, slot->doc);
      return;
    }

  slot = g_new0 (Slot, 1);
  slot->account = account;
  stored = g_hash_table_lookup (m->contacts_by_key, key);
  if (stored != NULL)
    {
      slot->doc = rd_document_copy_object (stored);
      slot->original = json_object_ref (stored);
      set_row_fields (run, row, TRUE, slot->doc);
    }
  else
    {
      RdStoreValue *values = g_newa (RdStoreValue, run->contact_spec->n_fields);
      g_autofree char *contact_uuid = new_uuid ();

      slot->fresh = TRUE;
      /* Later rows naming it set only checked cells too. */
      slot->checked = new_contact_values (run, row, account_uuid, values);
      if (run->typed_contacts && slot->checked)
        {
          slot->row = row;
          slot->uuid = g_steal_pointer (&contact_uuid);
          slot->account_uuid = g_strdup (account_uuid);
        }
      else
        slot->doc = new_contact_document (run, row, contact_uuid, account_uuid);
    }

  slot->key = key;
  g_hash_table_insert (m->contact_slots, g_steal_pointer (&key), slot);
  g_ptr_array_add (m->contacts, slot);
}

/* Matches one row; FALSE (with its problem added) when the account it makes
 * breaks a rule, e.g. a new end before the stored start. */
static gboolean
match_row (Run     *run,
           Matcher *m,
           Row     *row)
{
  JsonObject *found = find_account (run, m, row);
  g_autoptr(JsonObject) account = merge_account (run, m, row, found);
  g_autoptr(GError) error = NULL;
  g_autofree char *at_fault = NULL;
  Slot *slot;

  /* A new account is one row's cells; a found one may break a rule with
   * what it had. */
  if (!(found == NULL && passes_check_when_whole ("account", account))
      && !rd_document_check (account, &at_fault, &error))
    {
      add_rule_problem (run->import, run->report, row->line, at_fault, error->message);
      return FALSE;
    }

  /* @found was the stored account unless an earlier row had it already. */
  slot = keep_account (run, m, row, account, found, found == NULL && row_uuid (row) == NULL);
  if (row->has_contact)
    keep_contact (run, m, slot, row);

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

/* Whether no row after the current one can name the account of @slot.
 * A name finds an account with an external id only for rows without one
 * (find_account()); a large file often repeats a name for other customers. */
static gboolean
is_final (Matcher *m,
          Slot    *slot)
{
  gboolean has_external = rd_document_get_string (slot->doc, "external_id") != NULL
                          && (slot->original == NULL
                              || rd_document_get_string (slot->original, "external_id") != NULL);

  for (guint i = 0; i < slot->keys->len; i++)
    {
      SlotKey *key = &g_array_index (slot->keys, SlotKey, i);
      GHashTable *future = key->kind == KEY_NAME && has_external ? m->future_bare_names
                                                                 : m->future[key->kind];

      if (GPOINTER_TO_INT (g_hash_table_lookup (future, key->text)) > 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_slot (Run                  *run,
            RdStoreImportWriter  *writer,
            Slot                 *slot,
            GError              **error)
{
  if (slot->row != NULL)
    {
      RdStoreValue *values = g_newa (RdStoreValue, run->contact_spec->n_fields);

      new_contact_values (run, slot->row, slot->account_uuid, values);
      return _rd_store_import_writer_insert (writer, "contact", slot->uuid, values, error);
    }

  /* An account is the document match_row() checked last. */
  json_object_remove_member (slot->doc, "updated_at");
  return _rd_store_import_writer_put (writer, slot->doc, slot->account == NULL || slot->checked,
                                      slot->fresh, error);
}

/* Counts @slot and writes it when it changes anything (a second import of
 * the same file is a no-op); a run that already has problems only counts. */
static gboolean
finish_slot (Run                  *run,
             Matcher              *m,
             RdStoreImportWriter  *writer,
             Slot                 *slot,
             GError              **error)
{
  RdCsvImportReport *report = run->report;
  gboolean is_account = slot->account == NULL;

  if (slot->original != NULL && !differs (slot->original, slot->doc))
    {
      if (is_account)
        report->n_unchanged++;
    }
  else
    {
      if (!is_account)
        report->n_contacts++;
      else if (slot->original != NULL)
        report->n_updated++;
      else
        report->n_new++;

      if (report->n_bad_rows == 0 && !write_slot (run, writer, slot, error))
        return FALSE;
    }

  /* No later row can find it: the matcher forgets it. */
  for (guint i = 0; is_account && i < slot->keys->len; i++)
    {
      SlotKey *key = &g_array_index (slot->keys, SlotKey, i);

      if (g_hash_table_lookup (m->index[key->kind], key->text) == slot->doc)
        g_hash_table_remove (m->index[key->kind], key->text);
    }
  g_hash_table_remove (is_account ? m->slots_by_uuid : m->contact_slots, slot->key);
  slot->key = NULL;
  g_clear_pointer (&slot->doc, json_object_unref);
  g_clear_pointer (&slot->keys, g_array_unref);
  slot->row = NULL;

  return TRUE;
}

/* Writes, in the file's order, the accounts no later row can name (all of
 * them when @all), then the stakeholders of the accounts written. */
static gboolean
finish_slots (Run                  *run,
              Matcher              *m,
              RdStoreImportWriter  *writer,
              gboolean              all,
              GError              **error)
{
  for (; m->accounts_done < m->accounts->len; m->accounts_done++)
    {
      Slot *slot = g_ptr_array_index (m->accounts, m->accounts_done);

      if (!all && !is_final (m, slot))
        break;
      if (!finish_slot (run, m, writer, slot, error))
        return FALSE;
    }

  for (; m->contacts_done < m->contacts->len; m->contacts_done++)
    {
      Slot *slot = g_ptr_array_index (m->contacts, m->contacts_done);

      if (slot->account->doc != NULL)
        break;
      if (!finish_slot (run, m, writer, slot, error))
        return FALSE;
    }

  return TRUE;
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

/* Matches and writes every row; progress goes from one half to 1. */
static gboolean
match_all (Run                  *run,
           Matcher              *m,
           RdStoreImportWriter  *writer,
           GError              **error)
{
  RdCsvImportReport *report = run->report;
  guint n_rows = run->rows->len;

  for (guint i = 0; i < n_rows; i++)
    {
      Row *row = g_ptr_array_index (run->rows, i);

      if (!match_row (run, m, row))
        report->n_bad_rows++;
      count_row_keys (run, m, row, -1);
      if (!finish_slots (run, m, writer, FALSE, error))
        return FALSE;

      if ((i + 1) % 2000 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
            return FALSE;
          if (run->progress != NULL)
            run->progress (0.5 + 0.5 * (i + 1) / n_rows, run->progress_data);
        }
    }

  return finish_slots (run, m, writer, TRUE, error);
}

/* RdStoreMatchFunc: the lock is held, the transaction open. */
static gboolean
match_rows_cb (GPtrArray           **existing,
               RdStoreImportWriter  *writer,
               gpointer              user_data,
               GError              **error)
{
  Run *run = user_data;
  RdCsvImportReport *report = run->report;
  Matcher m;
  gboolean ok;

  matcher_init (&m, run, existing[0], existing[1]);
  ok = match_all (run, &m, writer, error);
  matcher_clear (&m);

  if (ok && report->n_bad_rows > 0 && !run->dry_run)
    {
      /* Nothing is written: the counts of what would have been are void. */
      report->n_new = report->n_updated = report->n_unchanged = report->n_contacts = 0;
      set_problems_error (report, error);
      return FALSE;
    }

  return ok;
}

/* The run */

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
  g_autofree RdFieldValue *cells = NULL;
  g_autofree gboolean *in_rules = NULL;
  g_autofree int *contact_columns = NULL;
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
  cells = g_new0 (RdFieldValue, MAX (self->n_columns, 1));
  in_rules = columns_in_rules (self);
  contact_columns = columns_of_contact_fields (self);
  run = (Run) {
    .import = self,
    .report = report,
    .rows = rows,
    .dry_run = dry_run,
    .id_col = _rd_csv_import_column_of (self, RD_CSV_COLUMN_ID),
    .name_col = _rd_csv_import_column_of (self, RD_CSV_COLUMN_NAME),
    .external_col = _rd_csv_import_column_of (self, RD_CSV_COLUMN_EXTERNAL_ID),
    .contact_name_col = _rd_csv_import_column_of (self, RD_CSV_COLUMN_CONTACT_NAME),
    .cells = cells,
    .in_rules = in_rules,
    .contact_spec = rd_entity_spec_lookup ("contact"),
    .contact_columns = contact_columns,
    .typed_contacts = !self->documents_only && contact_fields_all_known (self),
    .progress = progress,
    .progress_data = user_data,
    .cancellable = cancellable,
  };

  ok = read_rows (&run, progress, user_data, cancellable, error);
  clear_cells (cells, self->n_columns);
  if (!ok)
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
    ok = _rd_store_import_matched (store, types, dry_run, match_rows_cb, &run, cancellable,
                                   error);

  g_ptr_array_sort (report->problems, compare_problems);
  if (ok && progress != NULL)
    progress (1.0, user_data);

  /* With problems the report says which, success or not. */
  if (out_report != NULL && (ok || report->n_bad_rows > 0))
    *out_report = g_steal_pointer (&report);

  return ok;
}
