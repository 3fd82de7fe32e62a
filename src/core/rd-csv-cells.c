/* rd-csv-cells.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdCsvImport: one cell, read by the same rules as a field of the account
 * page (rd_document_parse_field()), so a value the editor refuses is
 * refused here too, with the same words. */

#define G_LOG_DOMAIN "rd-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-csv-import-private.h"
#include "rd-document.h"
#include "rd-format.h"

gboolean
_rd_csv_cell_is_formula (const char *text)
{
  return text != NULL && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

/* The spec of the field @column fills, looked up once: a large file reads
 * the same few fields on every row. */
static const RdFieldSpec *
column_spec (RdCsvColumn column)
{
  static const RdFieldSpec *specs[RD_CSV_N_COLUMNS];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint c = 0; c < RD_CSV_N_COLUMNS; c++)
        {
          const char *field = _rd_csv_column_field ((RdCsvColumn) c);

          if (field != NULL)
            specs[c] = rd_entity_field_lookup (_rd_csv_column_is_contact ((RdCsvColumn) c)
                                               ? "contact" : "account", field);
        }
      g_once_init_leave (&initialized, 1);
    }

  return specs[column];
}

char *
_rd_csv_read_cell (RdCsvColumn    column,
                   const char    *raw,
                   const char    *currency,
                   RdFieldValue  *out_value)
{
  g_autoptr(GError) error = NULL;
  const char *field = _rd_csv_column_field (column);

  *out_value = (RdFieldValue) { G_TYPE_INVALID, NULL, 0, NULL };

  if (column == RD_CSV_COLUMN_ID)
    {
      g_autofree char *text = g_strstrip (g_strdup (raw ? raw : ""));

      /* Not a field: which account the row is about (rd-csv-match.c). */
      if (*text != '\0' && !g_uuid_string_is_valid (text))
        return g_strdup_printf (_("“%s” is not a Renewal Desk ID"), text);
      return NULL;
    }

  if (field == NULL)
    return NULL;

  /* The apostrophe the export puts before what looks like a formula. */
  if (raw != NULL && raw[0] == '\'' && _rd_csv_cell_is_formula (raw + 1))
    raw++;

  if (!rd_document_read_field_spec (_rd_csv_column_is_contact (column) ? "contact" : "account",
                                    column_spec (column), raw, currency, out_value, &error))
    return g_strdup (error->message);

  return NULL;
}

char *
_rd_csv_apply_cell (RdCsvColumn  column,
                    const char  *raw,
                    const char  *currency,
                    JsonObject  *doc)
{
  RdFieldValue value;
  char *problem = _rd_csv_read_cell (column, raw, currency, &value);

  if (value.type != G_TYPE_INVALID && doc != NULL)
    json_object_set_member (doc, _rd_csv_column_field (column), rd_field_value_to_node (&value));
  rd_field_value_clear (&value);

  return problem;
}

static char *
enum_label (const RdEnumTable *table,
            JsonNode          *value)
{
  return g_strdup (rd_enum_table_label (table, rd_enum_table_lookup (table,
                                                                   json_node_get_string (value))));
}

char *
_rd_csv_format_cell (RdCsvColumn  column,
                     const char  *raw,
                     const char  *currency)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *problem = NULL;
  const char *field = _rd_csv_column_field (column);
  JsonNode *value;

  problem = _rd_csv_apply_cell (column, raw, currency, doc);
  if (problem != NULL || field == NULL || (value = json_object_get_member (doc, field)) == NULL)
    return NULL;

  switch (column)
    {
    case RD_CSV_COLUMN_ANNUAL_VALUE:
      return rd_money_format (json_node_get_int (value),
                              rd_currency_is_valid (currency) ? currency : "EUR");
    case RD_CSV_COLUMN_CONTRACT_START:
    case RD_CSV_COLUMN_CONTRACT_END:
      return rd_date_format (json_node_get_string (value));
    case RD_CSV_COLUMN_STAGE:
      return enum_label (&rd_stage_table, value);
    case RD_CSV_COLUMN_STATUS:
      return enum_label (&rd_status_table, value);
    case RD_CSV_COLUMN_CASH_STABILITY:
      return enum_label (&rd_level_table, value);
    case RD_CSV_COLUMN_CONTACT_ROLE:
      return enum_label (&rd_role_table, value);
    case RD_CSV_COLUMN_AUTO_RENEW:
      return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));
    case RD_CSV_COLUMN_NOTICE_DAYS:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    default:
      return JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
             ? g_strdup (json_node_get_string (value)) : NULL;
    }
}
