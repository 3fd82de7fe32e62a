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
#include "rd-sync-json.h"

/* One input, every reader: the CSV parser (and the import's per-cell checks
 * on what it reads), the JSON document decoder (and validation) and sync's
 * one-pass reader of a page of changes (held to json-glib's parser).  Built
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

/* Whatever the one-pass reader takes, json-glib reads as the same tree, and
 * each change's document text is that change's "doc". */
static void
fuzz_changes (const char *text,
              size_t      size)
{
  g_autoptr(GPtrArray) doc_texts = NULL;
  g_autoptr(JsonNode) fast = rd_sync_json_read_changes (text, size, &doc_texts);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *results;

  if (fast == NULL)
    return;
  g_assert (json_parser_load_from_data (parser, text, (gssize) size, NULL));
  g_assert (json_node_equal (fast, json_parser_get_root (parser)));
  if (doc_texts == NULL)
    return;

  results = json_object_get_member (json_node_get_object (fast), "results");
  g_assert (json_array_get_length (json_node_get_array (results)) == doc_texts->len);
  for (guint i = 0; i < doc_texts->len; i++)
    {
      JsonNode *change = json_array_get_element (json_node_get_array (results), i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (change) ? json_node_get_object (change) : NULL;
      JsonNode *doc = object != NULL ? json_object_get_member (object, "doc") : NULL;
      const char *doc_text = g_ptr_array_index (doc_texts, i);
      g_autoptr(JsonNode) reread = NULL;

      if (doc_text == NULL)
        {
          g_assert (doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc));
          continue;
        }
      reread = json_from_string (doc_text, NULL);
      g_assert (reread != NULL && doc != NULL && json_node_equal (reread, doc));
    }
}

/* Whatever the page reader takes, the tree and its checks take as the same
 * page. */
static void
fuzz_changes_page (const char *text,
                   size_t      size)
{
  g_autoptr(RdSyncChanges) typed = rd_sync_json_read_changes_page (text, size);
  g_autoptr(GPtrArray) doc_texts = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RdSyncChanges) tree = NULL;

  if (typed == NULL)
    return;
  root = rd_sync_json_read_changes (text, size, &doc_texts);
  g_assert (root != NULL);
  tree = rd_sync_changes_new_from_tree (root, doc_texts);
  g_assert (tree != NULL);
  g_assert (typed->n == tree->n && typed->pending == tree->pending);
  g_assert (g_str_equal (typed->last_seq, tree->last_seq));
  g_assert (typed->docs->len == tree->docs->len && typed->texts->len == tree->texts->len);
  for (guint i = 0; i < typed->docs->len; i++)
    {
      g_assert (json_object_equal (g_ptr_array_index (typed->docs, i),
                                   g_ptr_array_index (tree->docs, i)));
      g_assert (g_str_equal (g_ptr_array_index (typed->texts, i),
                             g_ptr_array_index (tree->texts, i)));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The readers take a length; a terminator keeps a stray strlen honest. */
  g_autofree char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';

  fuzz_csv (text, size);
  fuzz_json (text, size);
  fuzz_changes (text, size);
  fuzz_changes_page (text, size);

  return 0;
}
