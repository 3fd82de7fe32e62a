/* rd-csv-export.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdCsvImport: --export-csv, the accounts as the import reads them back. */

#define G_LOG_DOMAIN "rd-csv-import"

#include "config.h"

#include <string.h>

#include "rd-csv-import-private.h"
#include "rd-document.h"
#include "rd-format.h"

/* Columns of the export, in order; risk is computed and read back as nothing. */
static const RdCsvColumn export_columns[] = {
  RD_CSV_COLUMN_ID,
  RD_CSV_COLUMN_NAME,
  RD_CSV_COLUMN_EXTERNAL_ID,
  RD_CSV_COLUMN_INDUSTRY,
  RD_CSV_COLUMN_COUNTRY,
  RD_CSV_COLUMN_CURRENCY,
  RD_CSV_COLUMN_ANNUAL_VALUE,
  RD_CSV_COLUMN_CONTRACT_START,
  RD_CSV_COLUMN_CONTRACT_END,
  RD_CSV_COLUMN_STAGE,
  RD_CSV_COLUMN_STATUS,
  RD_CSV_COLUMN_CASH_STABILITY,
  RD_CSV_COLUMN_OWNER,
  RD_CSV_COLUMN_AUTO_RENEW,
  RD_CSV_COLUMN_NOTICE_DAYS,
  RD_CSV_COLUMN_NOTES,
  RD_CSV_COLUMN_CHURN_REASON,
};

static char *
format_minor_plain (gint64      minor,
                    const char *currency)
{
  int digits = rd_currency_minor_digits (currency);
  gint64 scale = 1;

  if (digits <= 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);

  for (int i = 0; i < digits; i++)
    scale *= 10;

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT, minor / scale, digits,
                          ABS (minor % scale));
}

/* A text a spreadsheet would run as a formula (=, +, -, @, and the tab
 * and carriage return that hide one) gets an apostrophe first, which the
 * spreadsheet shows as text and the import strips again
 * (_rd_csv_unneutralise_cell()). */
static char *
neutralise_formula (const char *text)
{
  if (_rd_csv_cell_is_formula (text))
    return g_strconcat ("'", text, NULL);

  return g_strdup (text);
}

gboolean
rd_csv_export_accounts (RdStore     *store,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GString) out = NULL;
  const char *header[G_N_ELEMENTS (export_columns) + 2];
  guint n = G_N_ELEMENTS (export_columns);

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  docs = rd_store_list_documents (store, "account", NULL, NULL, error);
  if (docs == NULL)
    return FALSE;

  out = g_string_sized_new (256 + docs->len * 200);
  for (guint i = 0; i < n; i++)
    header[i] = rd_csv_column_id (export_columns[i]);
  /* Computed: informative for spreadsheets, not read back. */
  header[n] = "risk_score";
  header[n + 1] = "risk_band";
  rd_csv_append_row (out, header, n + 2, ',');

  for (guint d = 0; d < docs->len; d++)
    {
      JsonObject *doc = g_ptr_array_index (docs, d);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      const char *currency = json_object_get_string_member_with_default (doc, "currency", "EUR");

      for (guint i = 0; i < n; i++)
        {
          RdCsvColumn column = export_columns[i];
          const char *field = _rd_csv_column_field (column);
          JsonNode *node = field ? json_object_get_member (doc, field) : NULL;
          char *cell = NULL;

          if (column == RD_CSV_COLUMN_ID)
            cell = g_strdup (json_object_get_string_member (doc, "_id") + strlen ("account:"));
          else if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            cell = g_strdup ("");
          else if (column == RD_CSV_COLUMN_ANNUAL_VALUE)
            cell = format_minor_plain (json_node_get_int (node), currency);
          else if (column == RD_CSV_COLUMN_AUTO_RENEW)
            cell = g_strdup (json_node_get_boolean (node) ? "yes" : "no");
          else if (column == RD_CSV_COLUMN_NOTICE_DAYS)
            cell = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            cell = neutralise_formula (json_node_get_string (node));
          else
            cell = g_strdup ("");

          g_ptr_array_add (cells, cell);
        }

      g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT,
                                               json_object_get_int_member_with_default (doc,
                                                                                        "risk_score",
                                                                                        0)));
      g_ptr_array_add (cells, g_strdup (json_object_get_string_member_with_default (doc, "risk_band",
                                                                                   "")));
      rd_csv_append_row (out, (const char * const *) cells->pdata, cells->len, ',');
    }

  /* Customer data: private like the database itself. */
  return g_file_set_contents_full (path, out->str, (gssize) out->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
