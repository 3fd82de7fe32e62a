/* fuzz-csv-json.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "rd-account.h"
#include "rd-csv.h"
#include "rd-csv-import.h"
#include "rd-document.h"

/* One input, both readers: the CSV parser (and the import's per-cell checks
 * on what it reads) and the JSON document decoder (and validation).  Built
 * with -fsanitize=fuzzer when meson's `fuzzing` option is set; otherwise
 * fuzz-main.c runs it over tests/fuzz/corpus/. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
fuzz_csv (const char *text,
          size_t      size)
{
  g_autoptr(RdCsvReader) reader = rd_csv_reader_new_for_data (text, size, 0);
  g_autoptr(RdCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  GStrv row = NULL;
  guint rows = 0;

  while (rows < 100000 && rd_csv_reader_next (reader, &row, NULL, &error))
    {
      for (guint i = 0; row[i] != NULL; i++)
        g_assert (g_utf8_validate (row[i], -1, NULL));
      rows++;
    }
  g_clear_error (&error);

  import = rd_csv_import_new_for_data (text, size, &error);
  if (import == NULL)
    return;

  for (guint r = 0; r < rd_csv_import_get_n_preview_rows (import); r++)
    for (guint c = 0; c < rd_csv_import_get_n_columns (import); c++)
      {
        g_autofree char *problem = rd_csv_import_check_preview_cell (import, r, c);
        g_autofree char *shown = rd_csv_import_format_preview_cell (import, r, c);

        g_assert (problem == NULL || g_utf8_validate (problem, -1, NULL));
      }
}

static void
fuzz_json (const char *text,
           size_t      size)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  docs = rd_documents_load_data (text, (gssize) size, &error);
  if (docs == NULL)
    return;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(GError) doc_error = NULL;
      g_autofree char *field = NULL;

      if (!rd_document_validate_full (doc, &field, &doc_error))
        continue;
      if (g_str_has_prefix (json_object_get_string_member (doc, "_id"), "account:"))
        {
          g_autoptr(RdAccount) account = rd_account_new_from_document (doc, NULL);
          g_autoptr(JsonObject) back = NULL;

          g_assert (account != NULL);
          back = rd_account_to_document (account);
          g_assert (rd_document_validate (back, NULL));
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Both readers take a length; a terminator keeps a stray strlen honest. */
  g_autofree char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';

  fuzz_csv (text, size);
  fuzz_json (text, size);

  return 0;
}
