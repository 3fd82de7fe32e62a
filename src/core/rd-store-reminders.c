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

GPtrArray *
rd_store_list_reminder_rows (RdStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return _rd_store_select_rows (self,
                                "SELECT id, kind, due_at, title, account_id, source_id, done_at, extra "
                                "FROM reminder WHERE deleted = 0 ORDER BY rowid",
                                NULL, reminder_row_new, NULL, g_free, error);
}

GPtrArray *
rd_store_list_reminder_account_rows (RdStore  *self,
                                     GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return _rd_store_select_rows (self,
                                "SELECT id, name, status, contract_start, contract_end, effective_end, extra "
                                "FROM account WHERE deleted = 0 ORDER BY rowid",
                                NULL, account_row_new, NULL, g_free, error);
}
