/* rd-document-input.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What people type, read into the values documents carry, then checked by
 * the document's own rules (rd-document-rules.c): the account page and the
 * CSV import both come through here, so they accept and refuse alike. */

#define G_LOG_DOMAIN "rd-document"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-format.h"

/* The match keys of the id, the label and the translated label of every
 * entry of @table, computed once: a large file asks for them on every row. */
static const char * const *
enum_keys (const RdEnumTable *table)
{
  static GHashTable *cache;
  G_LOCK_DEFINE_STATIC (cache);
  GPtrArray *keys;

  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new (g_direct_hash, g_direct_equal);
  keys = g_hash_table_lookup (cache, table);
  if (keys == NULL)
    {
      keys = g_ptr_array_new ();
      for (guint i = 0; i < table->n_entries; i++)
        {
          g_ptr_array_add (keys, rd_match_key (table->entries[i].id));
          g_ptr_array_add (keys, rd_match_key (table->entries[i].label));
          g_ptr_array_add (keys, rd_match_key (rd_enum_table_label (table, (int) i)));
        }
      /* Kept for the life of the process, like the tables themselves. */
      g_hash_table_insert (cache, (gpointer) table, keys);
    }
  G_UNLOCK (cache);

  return (const char * const *) keys->pdata;
}

/* An enum value from its id or its label, English or translated. */
static int
read_enum (const RdEnumTable *table,
           const char        *text)
{
  g_autofree char *key = NULL;
  const char * const *keys;
  int v;

  /* The export's own ids, as they are. */
  v = rd_enum_table_lookup (table, text);
  if (v >= 0)
    return v;

  key = rd_match_key (text);
  keys = enum_keys (table);
  for (guint i = 0; i < table->n_entries; i++)
    {
      if (g_str_equal (key, keys[3 * i]) || g_str_equal (key, keys[3 * i + 1])
          || g_str_equal (key, keys[3 * i + 2]))
        return (int) i;
    }

  return -1;
}

static char *
enum_choices (const RdEnumTable *table)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < table->n_entries; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, table->entries[i].id);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* 1, 0, or -1 when @text is neither yes nor no in the app's languages. */
static int
read_bool (const char *text)
{
  static const char * const yes[] = { "yes", "y", "true", "1", "x", "ja", "igen", "はい", "ya",
                                      "是", "on", NULL };
  static const char * const no[] = { "no", "n", "false", "0", "nein", "nem", "いいえ", "tidak",
                                     "否", "off", NULL };
  g_autofree char *key = rd_match_key (text);

  if (g_strv_contains (yes, key))
    return 1;
  if (g_strv_contains (no, key))
    return 0;
  return -1;
}

static gboolean
read_int (const char *text,
          gint64     *out)
{
  char *end = NULL;
  gint64 v;

  if (*text == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || *end != '\0' || errno != 0)
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
read_failed (GError     **error,
             char        *message)
{
  g_set_error_literal (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

static void
set_string (RdFieldValue *out,
            char         *owned)
{
  out->type = G_TYPE_STRING;
  out->string = out->owned = owned;
}

/* @text, trimmed and not blank (@typed as it came), as the value of
 * @field; FALSE with the reason. */
static gboolean
read_value (const RdFieldSpec  *field,
            const char         *text,
            const char         *typed,
            const char         *currency,
            RdFieldValue       *out,
            GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  switch (field->kind)
    {
    case RD_FIELD_TEXT:
      /* Long text (notes) keeps its lines and indentation as typed. */
      set_string (out, g_strdup (field->max_length > RD_TEXT_DEFAULT_MAX ? typed : text));
      return TRUE;

    case RD_FIELD_DATE:
      {
        char *iso = rd_date_normalize (text, &local_error);

        if (iso == NULL)
          return read_failed (error, g_strdup (local_error->message));
        set_string (out, iso);
        return TRUE;
      }

    case RD_FIELD_CURRENCY:
    case RD_FIELD_COUNTRY:
      set_string (out, g_ascii_strup (text, -1));
      return TRUE;

    case RD_FIELD_ENUM:
      {
        int v = read_enum (field->enum_table, text);

        if (v < 0)
          {
            g_autofree char *choices = enum_choices (field->enum_table);

            /* Translators: an unknown value, then the list of known ones */
            return read_failed (error, g_strdup_printf (_("unknown value “%s”; use one of %s"),
                                                        text, choices));
          }
        out->type = G_TYPE_STRING;
        out->string = rd_enum_table_id (field->enum_table, v);
        return TRUE;
      }

    case RD_FIELD_BOOL:
      {
        int v = read_bool (text);

        if (v < 0)
          return read_failed (error, g_strdup_printf (_("“%s” is not yes or no"), text));
        out->type = G_TYPE_BOOLEAN;
        out->number = v == 1;
        return TRUE;
      }

    case RD_FIELD_INT:
      {
        gint64 v = 0;

        if (g_str_has_suffix (field->name, "_minor"))
          {
            /* A minus is the rule's to refuse (rd-document-rules.c), in its words. */
            gboolean negative = text[0] == '-' || g_str_has_prefix (text, "−");
            const char *amount = negative ? g_utf8_next_char (text) : text;

            /* An unknown currency is refused by its own field; read the amount as cents. */
            if (!rd_money_parse (amount, rd_currency_is_valid (currency) ? currency : NULL, &v,
                                 &local_error))
              return read_failed (error, g_strdup (local_error->message));
            if (negative)
              v = -v;
          }
        else if (!read_int (text, &v))
          {
            if (g_str_has_suffix (field->name, "_days"))
              return read_failed (error, g_strdup_printf (_("“%s” is not a whole number of days"),
                                                          text));
            return read_failed (error, g_strdup_printf (_("“%s” is not a whole number"), text));
          }
        out->type = G_TYPE_INT64;
        out->number = v;
        return TRUE;
      }

    case RD_FIELD_INSTANT:
    case RD_FIELD_REF:
      set_string (out, g_strdup (text));
      return TRUE;

    case RD_FIELD_ENUM_ARRAY:
    case RD_FIELD_JSON:
    default:
      /* Lists and JSON are edited by their own views, never typed as text. */
      g_critical ("Field “%s” cannot be read from text", field->name);
      g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                   "Field “%s” cannot be read from text", field->name);
      return FALSE;
    }
}

/* @text without leading and trailing white space, as g_strstrip() leaves
 * it: in @buffer (of @size bytes) when it fits, else in *@out_copy. */
static const char *
strip_text (const char  *text,
            char        *buffer,
            gsize        size,
            char       **out_copy)
{
  gsize length = strlen (text);
  char *copy = length < size ? memcpy (buffer, text, length + 1) : (*out_copy = g_strdup (text));

  return g_strstrip (copy);
}

void
rd_field_value_clear (RdFieldValue *value)
{
  g_return_if_fail (value != NULL);

  g_free (value->owned);
  *value = (RdFieldValue) { G_TYPE_INVALID, NULL, 0, NULL };
}

gboolean
rd_document_read_field_spec (const char         *type,
                             const RdFieldSpec  *field,
                             const char         *text,
                             const char         *currency,
                             RdFieldValue       *out_value,
                             GError            **error)
{
  char buffer[256];
  g_autofree char *copy = NULL;
  const char *stripped;

  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  *out_value = (RdFieldValue) { G_TYPE_INVALID, NULL, 0, NULL };
  stripped = strip_text (text != NULL ? text : "", buffer, sizeof buffer, &copy);
  if (*stripped != '\0' && !read_value (field, stripped, text, currency, out_value, error))
    {
      rd_field_value_clear (out_value);
      return FALSE;
    }

  if (!rd_document_check_field_value (type, field, out_value, currency, error))
    {
      rd_field_value_clear (out_value);
      return FALSE;
    }

  return TRUE;
}

JsonNode *
rd_field_value_to_node (const RdFieldValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  switch (value->type)
    {
    case G_TYPE_STRING:
      return json_node_init_string (json_node_alloc (), value->string);
    case G_TYPE_INT64:
      return json_node_init_int (json_node_alloc (), value->number);
    case G_TYPE_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), value->number != 0);
    default:
      return NULL;
    }
}

gboolean
rd_document_parse_field (const char  *type,
                         const char  *field,
                         const char  *text,
                         const char  *currency,
                         JsonNode   **out_value,
                         GError     **error)
{
  const RdFieldSpec *field_spec;
  RdFieldValue value;

  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  *out_value = NULL;
  field_spec = rd_entity_field_lookup (type, field);
  g_return_val_if_fail (field_spec != NULL, FALSE);

  if (!rd_document_read_field_spec (type, field_spec, text, currency, &value, error))
    return FALSE;
  *out_value = rd_field_value_to_node (&value);
  rd_field_value_clear (&value);

  return TRUE;
}
