/* test-csv.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <sqlite3.h>

#include "rd-csv.h"
#include "rd-csv-import.h"
#include "rd-csv-import-private.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-sample.h"
#include "rd-store.h"
#include "rd-test-util.h"

/* Parser tables */

typedef struct
{
  const char *name;
  const char *input;
  char        separator;      /* expected after sniffing */
  const char *expected;       /* records joined by "|", fields by "^" */
} ParseCase;

static const ParseCase parse_cases[] = {
  { "plain", "a,b,c\n1,2,3\n", ',', "a^b^c|1^2^3" },
  { "no final newline", "a,b\n1,2", ',', "a^b|1^2" },
  { "crlf", "a,b\r\n1,2\r\n", ',', "a^b|1^2" },
  { "bom", "\xEF\xBB\xBFname,arr\r\nX,1\r\n", ',', "name^arr|X^1" },
  { "semicolons", "Name;ARR;Währung\nMüller GmbH;1.234,50;EUR\n", ';', "Name^ARR^Währung|Müller GmbH^1.234,50^EUR" },
  { "semicolons with commas in fields", "a;b\n\"1,5\";2,5\n", ';', "a^b|1,5^2,5" },
  { "quoted", "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", ',', "a^b|x, y^say \"hi\"" },
  { "embedded newline", "a,b\n\"line1\nline2\",z\n", ',', "a^b|line1\nline2^z" },
  { "embedded crlf", "a,b\r\n\"line1\r\nline2\",z\r\n", ',', "a^b|line1\r\nline2^z" },
  { "empty fields", "a,b,c\n,,\n", ',', "a^b^c|^^" },
  { "blank lines skipped", "a,b\n\n1,2\n\r\n\n3,4\n\n", ',', "a^b|1^2|3^4" },
  { "empty quoted", "a,b\n\"\",x\n", ',', "a^b|^x" },
  { "unicode", "会社名,通貨\n株式会社 桜,JPY\n", ',', "会社名^通貨|株式会社 桜^JPY" },
  { "tabs", "a\tb\n1\t2\n", '\t', "a^b|1^2" },
};

static char *
read_all (const char  *input,
          char        *out_separator,
          GError     **error)
{
  g_autoptr(RdCsvReader) reader = rd_csv_reader_new_for_data (input, strlen (input), 0);
  g_autoptr(GString) out = g_string_new (NULL);
  GStrv row;
  gboolean first = TRUE;

  while (rd_csv_reader_next (reader, &row, NULL, error))
    {
      g_autofree char *joined = g_strjoinv ("^", row);

      if (!first)
        g_string_append_c (out, '|');
      g_string_append (out, joined);
      first = FALSE;
    }

  if (out_separator != NULL)
    *out_separator = rd_csv_reader_get_separator (reader);
  if (error != NULL && *error != NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_parse_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;
      char separator = 0;

      g_test_message ("case: %s", parse_cases[i].name);
      got = read_all (parse_cases[i].input, &separator, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, parse_cases[i].expected);
      g_assert_cmpint (separator, ==, parse_cases[i].separator);
    }
}

typedef struct
{
  const char *name;
  const char *input;
  int         code;
  const char *where;   /* "Line L, column C" */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "ragged short", "a,b,c\n1,2,3\n4,5\n", RD_CSV_ERROR_RAGGED_ROW, "Line 3, column 2" },
  { "ragged long", "a,b\n1,2\n\n3,4,5\n", RD_CSV_ERROR_RAGGED_ROW, "Line 4, column 3" },
  { "ragged after embedded newline", "a,b\n\"x\ny\",1\n2\n", RD_CSV_ERROR_RAGGED_ROW, "Line 4, column 1" },
  { "unterminated quote", "a,b\n1,\"open\n2,3\n", RD_CSV_ERROR_UNTERMINATED_QUOTE, "Line 2, column 2" },
  { "text after quote", "a,b\n\"x\"y,1\n", RD_CSV_ERROR_BAD_QUOTE, "Line 2, column 1" },
  { "stray quote", "a,b\nx\"y,1\n", RD_CSV_ERROR_BAD_QUOTE, "Line 2, column 1" },
  { "invalid utf-8", "a,b\n1,\xC3\x28\n", RD_CSV_ERROR_INVALID_UTF8, "Line 2, column 2" },
  { "nul byte", "a,b\n1,x", RD_CSV_ERROR_NUL_BYTE, "Line 2, column 2" },
};

static void
test_parse_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;
      g_autoptr(RdCsvReader) reader = NULL;
      const char *input = error_cases[i].input;
      gsize length = strlen (input);
      GStrv row;

      g_test_message ("case: %s", error_cases[i].name);
      if (g_str_equal (error_cases[i].name, "nul byte"))
        length += 2;   /* "…1,x\0\n" */
      {
        g_autofree char *copy = g_malloc0 (length + 1);

        memcpy (copy, input, strlen (input));
        if (length > strlen (input))
          copy[strlen (input)] = '\0', copy[strlen (input) + 1] = '\n';
        reader = rd_csv_reader_new_for_data (copy, length, 0);
      }
      while (rd_csv_reader_next (reader, &row, NULL, &error))
        ;
      g_assert_error (error, RD_CSV_ERROR, error_cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, error_cases[i].where));
    }
}

/* The last row of @text, read from memory or, in blocks, from a stream;
 * NULL with @error set when the reader refuses it. */
static char *
read_last_field (const char  *text,
                 gboolean     from_stream,
                 GError     **error)
{
  g_autoptr(RdCsvReader) reader = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *last = NULL;
  GStrv row;

  if (from_stream)
    {
      stream = g_memory_input_stream_new_from_data (text, -1, NULL);
      reader = rd_csv_reader_new (stream, 0);
    }
  else
    reader = rd_csv_reader_new_for_data (text, strlen (text), 0);

  while (rd_csv_reader_next (reader, &row, NULL, error))
    {
      g_free (last);
      last = g_strdup (row[1]);
    }

  return *error == NULL ? g_steal_pointer (&last) : NULL;
}

/* A field of RD_CSV_MAX_FIELD_BYTES is read whole, across the stream's
 * blocks; one byte more is refused where it starts, however the bytes are
 * read (one by one, or plain runs at once). */
static void
test_field_limit (void)
{
  for (guint extra = 0; extra < 2; extra++)
    {
      for (guint from_stream = 0; from_stream < 2; from_stream++)
        {
          g_autoptr(GString) text = g_string_new ("a,b\n1,");
          g_autoptr(GError) error = NULL;
          g_autofree char *got = NULL;

          for (gsize i = 0; i < RD_CSV_MAX_FIELD_BYTES + extra; i++)
            g_string_append_c (text, (char) ('a' + i % 26));
          g_string_append (text, "\n");

          got = read_last_field (text->str, from_stream, &error);
          if (extra == 0)
            {
              g_assert_no_error (error);
              g_assert_cmpuint (strlen (got), ==, RD_CSV_MAX_FIELD_BYTES);
              g_assert_cmpint (memcmp (got, text->str + strlen ("a,b\n1,"),
                                       RD_CSV_MAX_FIELD_BYTES), ==, 0);
            }
          else
            {
              g_assert_error (error, RD_CSV_ERROR, RD_CSV_ERROR_FIELD_TOO_LONG);
              g_assert_true (g_str_has_prefix (error->message, "Line 2, column 2"));
              g_assert_null (got);
            }
        }
    }
}

static void
test_write_read_back (void)
{
  const char * const fields[] = { "plain", "with, comma", "with \"quotes\"", "multi\nline", " pad ", "", NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(RdCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GStrv row;

  rd_csv_append_row (out, fields, 6, ',');
  rd_csv_append_row (out, fields, 6, ',');
  reader = rd_csv_reader_new_for_data (out->str, out->len, ',');
  for (guint r = 0; r < 2; r++)
    {
      g_assert_true (rd_csv_reader_next (reader, &row, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (row), ==, 6);
      for (guint i = 0; i < 6; i++)
        g_assert_cmpstr (row[i], ==, fields[i]);
    }
  g_assert_false (rd_csv_reader_next (reader, &row, NULL, &error));
  g_assert_no_error (error);
}

/* Builds CSV text of @n sample accounts, one stakeholder each. */
static GString *
sample_csv (guint n,
            char  separator)
{
  g_autoptr(GPtrArray) docs = NULL;
  GString *out = g_string_new (NULL);
  const char * const header[] = { "Company Name", "Account ID", "Industry", "Country", "Currency",
                                  "ARR", "Contract Start", "Renewal date", "Stage", "Contact",
                                  "Email" };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 6, 2026);
  docs = rd_sample_generate (n, 7, &today);

  rd_csv_append_row (out, header, G_N_ELEMENTS (header), separator);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      JsonObject *contact = i + 1 < docs->len ? g_ptr_array_index (docs, i + 1) : NULL;
      g_autofree char *value = NULL;
      const char *cells[11];

      if (!g_str_has_prefix (json_object_get_string_member (doc, "_id"), "account:"))
        continue;
      if (contact != NULL && !g_str_has_prefix (json_object_get_string_member (contact, "_id"), "contact:"))
        contact = NULL;

      value = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d",
                               json_object_get_int_member (doc, "annual_value_minor") / 100,
                               (int) (json_object_get_int_member (doc, "annual_value_minor") % 100));
      cells[0] = json_object_get_string_member (doc, "name");
      cells[1] = json_object_get_string_member (doc, "external_id");
      cells[2] = json_object_get_string_member (doc, "industry");
      cells[3] = json_object_get_string_member (doc, "country");
      cells[4] = "EUR";
      cells[5] = value;
      cells[6] = json_object_get_string_member_with_default (doc, "contract_start", "");
      cells[7] = json_object_get_string_member_with_default (doc, "contract_end", "");
      cells[8] = json_object_get_string_member_with_default (doc, "stage", "");
      cells[9] = contact ? json_object_get_string_member (contact, "name") : "";
      cells[10] = contact ? json_object_get_string_member (contact, "email") : "";
      rd_csv_append_row (out, cells, G_N_ELEMENTS (cells), separator);
    }

  return out;
}

/* A 10 MB file streams through in blocks, with the same result. */
static void
test_large_file (void)
{
  g_autoptr(GString) csv = sample_csv (5000, ';');
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(RdCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char *body = strchr (csv->str, '\n') + 1;
  guint expected = 0, rows = 0;
  GStrv row;

  g_string_append_len (big, csv->str, body - csv->str);
  while (big->len < 10 * 1024 * 1024)
    {
      g_string_append (big, body);
      expected += 5000;
    }
  g_test_message ("%zu bytes, %u rows", big->len, expected);

  stream = g_memory_input_stream_new_from_data (big->str, (gssize) big->len, NULL);
  reader = rd_csv_reader_new (stream, 0);
  g_assert_true (rd_csv_reader_next (reader, &row, NULL, &error));
  g_assert_cmpstr (row[0], ==, "Company Name");
  while (rd_csv_reader_next (reader, &row, NULL, &error))
    {
      g_assert_cmpuint (g_strv_length (row), ==, 11);
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, expected);
  g_assert_cmpint (rd_csv_reader_get_separator (reader), ==, ';');
  g_assert_cmpuint (rd_csv_reader_get_offset (reader), ==, big->len);
}

/* Header guessing in the app's languages */

static void
test_guess_headers (void)
{
  static const struct { const char *header; RdCsvColumn column; } cases[] = {
    { "Name", RD_CSV_COLUMN_NAME },
    { "Firmenname", RD_CSV_COLUMN_NAME },
    { "Név", RD_CSV_COLUMN_NAME },
    { "会社名", RD_CSV_COLUMN_NAME },
    { "Nama Syarikat", RD_CSV_COLUMN_NAME },
    { "公司名称", RD_CSV_COLUMN_NAME },
    { "Contract End", RD_CSV_COLUMN_CONTRACT_END },
    { "Vertragsende", RD_CSV_COLUMN_CONTRACT_END },
    { "Renewal date", RD_CSV_COLUMN_CONTRACT_END },
    { "契約終了日", RD_CSV_COLUMN_CONTRACT_END },
    { "contract_end", RD_CSV_COLUMN_CONTRACT_END },
    { "ARR", RD_CSV_COLUMN_ANNUAL_VALUE },
    { "Annual value", RD_CSV_COLUMN_ANNUAL_VALUE },
    { "Währung", RD_CSV_COLUMN_CURRENCY },
    { "Currency", RD_CSV_COLUMN_CURRENCY },
    { "Pénznem", RD_CSV_COLUMN_CURRENCY },
    { "货币", RD_CSV_COLUMN_CURRENCY },
    { "External ID", RD_CSV_COLUMN_EXTERNAL_ID },
    { "Kundennummer", RD_CSV_COLUMN_EXTERNAL_ID },
    { "Branche", RD_CSV_COLUMN_INDUSTRY },
    { "Email", RD_CSV_COLUMN_CONTACT_EMAIL },
    { "Favourite colour", RD_CSV_COLUMN_IGNORE },
    { "risk_score", RD_CSV_COLUMN_IGNORE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (rd_csv_column_guess (cases[i].header), ==, cases[i].column);
    }
}

/* Cells, through the preview */

static void
test_preview_cells (void)
{
  const char *csv =
    "Firmenname;Vertragsende;Jahreswert;Währung;Land;Kündigungsfrist\n"
    "Bergmann GmbH;31.12.2026;1.234.567,89;eur;de;90\n"
    "Sakura;2026/03/31;¥1,200,000;JPY;JP;30\n"
    "Bad;31.02.2026;-5,00;EURO;Germany;-1\n"
    ";2026年12月1日;12,50;HUF;HU;x\n";
  g_autoptr(RdCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mapping = NULL;

  import = rd_csv_import_new_for_data (csv, strlen (csv), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_csv_import_get_separator (import), ==, ';');
  g_assert_cmpuint (rd_csv_import_get_n_columns (import), ==, 6);
  g_assert_cmpuint (rd_csv_import_get_n_preview_rows (import), ==, 4);
  g_assert_cmpint (rd_csv_import_get_mapping (import, 0), ==, RD_CSV_COLUMN_NAME);
  g_assert_cmpint (rd_csv_import_get_mapping (import, 1), ==, RD_CSV_COLUMN_CONTRACT_END);
  g_assert_cmpint (rd_csv_import_get_mapping (import, 2), ==, RD_CSV_COLUMN_ANNUAL_VALUE);
  g_assert_cmpint (rd_csv_import_get_mapping (import, 3), ==, RD_CSV_COLUMN_CURRENCY);
  g_assert_cmpint (rd_csv_import_get_mapping (import, 4), ==, RD_CSV_COLUMN_COUNTRY);
  g_assert_cmpint (rd_csv_import_get_mapping (import, 5), ==, RD_CSV_COLUMN_NOTICE_DAYS);
  mapping = rd_csv_import_check_mapping (import);
  g_assert_null (mapping);

  for (guint c = 0; c < 6; c++)
    {
      g_autofree char *problem = rd_csv_import_check_preview_cell (import, 0, c);
      g_autofree char *problem2 = rd_csv_import_check_preview_cell (import, 1, c);
      g_autofree char *problem3 = rd_csv_import_check_preview_cell (import, 2, c);

      g_assert_null (problem);
      g_assert_null (problem2);
      /* every cell of the third row but the name is wrong */
      if (c > 0)
        g_assert_nonnull (problem3);
    }

  {
    g_autofree char *name = rd_csv_import_check_preview_cell (import, 3, 0);
    g_autofree char *date = rd_csv_import_check_preview_cell (import, 3, 1);
    g_autofree char *days = rd_csv_import_check_preview_cell (import, 3, 5);
    g_autofree char *iso = rd_csv_import_format_preview_cell (import, 0, 1);

    g_assert_nonnull (name);
    g_assert_null (date);
    g_assert_nonnull (days);
    g_assert_nonnull (iso);
  }

  g_assert_cmpuint (rd_csv_import_get_preview_line (import, 2), ==, 4);

  /* Remapping a field moves it. */
  rd_csv_import_set_mapping (import, 4, RD_CSV_COLUMN_NAME);
  g_assert_cmpint (rd_csv_import_get_mapping (import, 0), ==, RD_CSV_COLUMN_IGNORE);
  rd_csv_import_set_mapping (import, 3, RD_CSV_COLUMN_IGNORE);
  mapping = rd_csv_import_check_mapping (import);
  g_assert_nonnull (mapping);
}

/* Import into a store */

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->path = rd_test_make_tmp_db (&f->dir);
  f->store = rd_store_new (f->path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static guint
count_docs (RdStore    *store,
            const char *type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_list_documents (store, type, NULL, NULL, &error);

  g_assert_no_error (error);
  return docs->len;
}

static gboolean
import_data (RdStore             *store,
             const char          *csv,
             RdCsvImportReport  **out_report,
             GError             **error)
{
  g_autoptr(RdCsvImport) import = rd_csv_import_new_for_data (csv, strlen (csv), error);

  if (import == NULL)
    return FALSE;

  return rd_csv_import_run (import, store, FALSE, NULL, NULL, NULL, out_report, error);
}

static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  const char *csv =
    "Name,Currency,Renewal date,ARR\r\n"
    "Northwind Inc.,USD,2026-12-31,\"120,000.00\"\r\n"
    "Summit Ltd,GBP,2027-01-15,80000\r\n"
    "Harbor Group,USD,2027-02-30,5000\r\n"
    "Redwood Inc.,USD,2027-03-01,-100\r\n";
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (import_data (f->store, csv, &report, &error));
  g_assert_error (error, RD_CSV_ERROR, RD_CSV_ERROR_RAGGED_ROW);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Line 4, column 3 (Renewal date): "));
  g_assert_nonnull (strstr (error->message, "1 more row"));
  g_assert_cmpuint (report->n_rows, ==, 4);
  g_assert_cmpuint (report->n_bad_rows, ==, 2);
  g_assert_cmpuint (report->problems->len, ==, 2);
  g_assert_cmpuint (((RdCsvProblem *) g_ptr_array_index (report->problems, 1))->line, ==, 5);
  g_assert_cmpuint (((RdCsvProblem *) g_ptr_array_index (report->problems, 1))->column, ==, 4);
  g_assert_cmpuint (count_docs (f->store, "account"), ==, 0);

  /* A broken quote deep in the file: also nothing, with its place. */
  g_clear_error (&error);
  g_clear_pointer (&report, rd_csv_import_report_free);
  g_assert_false (import_data (f->store,
                               "Name,Currency\nA,EUR\nB,EUR\n\"C,EUR\n", &report, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Line 4, column 1"));
  g_assert_cmpuint (count_docs (f->store, "account"), ==, 0);
}

static void
test_reimport_idempotent (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) csv = sample_csv (60, ',');
  g_autoptr(RdCsvImportReport) first = NULL;
  g_autoptr(RdCsvImportReport) second = NULL;
  g_autoptr(RdCsvImportReport) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *edited = NULL;
  guint n_accounts, n_contacts;

  g_assert_true (import_data (f->store, csv->str, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_new, ==, 60);
  g_assert_cmpuint (first->n_updated, ==, 0);
  n_accounts = count_docs (f->store, "account");
  n_contacts = count_docs (f->store, "contact");
  g_assert_cmpuint (n_accounts, ==, 60);
  g_assert_cmpuint (n_contacts, ==, 60);

  /* Every imported account was rated. */
  accounts = rd_store_list_documents (f->store, "account", NULL, NULL, &error);
  for (guint i = 0; i < accounts->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (accounts, i);

      g_assert_true (json_object_has_member (doc, "risk_band"));
      g_assert_true (json_object_has_member (doc, "risk_factors"));
    }

  before = rd_store_export_documents (f->store, FALSE, &error);
  g_assert_true (import_data (f->store, csv->str, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 0);
  g_assert_cmpuint (second->n_unchanged, ==, 60);
  g_assert_cmpuint (second->n_contacts, ==, 0);
  after = rd_store_export_documents (f->store, FALSE, &error);
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_autofree char *a = rd_test_doc_to_string (g_ptr_array_index (before, i));
      g_autofree char *b = rd_test_doc_to_string (g_ptr_array_index (after, i));

      g_assert_cmpstr (a, ==, b);
    }

  /* A changed value updates the matched account (by external id) in place. */
  edited = g_strdup (csv->str);
  {
    char *line2 = strchr (edited, '\n') + 1;
    char *comma = strchr (line2, ',');

    /* rename the first account: still matched by its external id */
    memcpy (line2, "Renamed", MIN (7, (gsize) (comma - line2)));
  }
  g_assert_true (import_data (f->store, edited, &third, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (third->n_new, ==, 0);
  g_assert_cmpuint (third->n_updated, ==, 1);
  g_assert_cmpuint (count_docs (f->store, "account"), ==, n_accounts);
}

/* Rows naming one account add stakeholders to it; a name matches. */
static void
test_rows_merge_by_name (Fixture       *f,
                         gconstpointer  data)
{
  const char *csv =
    "会社名,通貨,年間契約額,連絡先,役割\n"
    "株式会社 桜,JPY,\"1,200,000\",山田 太郎,champion\n"
    "株式会社 桜,JPY,\"1,200,000\",佐藤 花子,economic_buyer\n";
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  g_assert_true (import_data (f->store, csv, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_cmpuint (report->n_contacts, ==, 2);
  accounts = rd_store_list_accounts (f->store, &error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpint (rd_account_get_annual_value_minor (g_ptr_array_index (accounts, 0)), ==, 1200000);
  g_assert_cmpuint (count_docs (f->store, "contact"), ==, 2);
}

/* The stored documents with the ids that change from run to run replaced
 * by names: an account by its name, a stakeholder by its account's and its
 * own, keyed that way; no updated_at. */
static GHashTable *
export_by_name (RdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_export_documents (store, FALSE, &error);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) json_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *id = json_object_get_string_member (doc, "_id");

      if (g_str_has_prefix (id, "account:"))
        g_hash_table_insert (names, (gpointer) (id + strlen ("account:")),
                             (gpointer) json_object_get_string_member (doc, "name"));
    }

  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(JsonObject) doc = rd_document_copy_object (g_ptr_array_index (docs, i));
      const char *type = json_object_get_string_member (doc, "type");
      const char *account_id = json_object_get_string_member_with_default (doc, "account_id", NULL);
      const char *account = account_id ? g_hash_table_lookup (names, account_id) : NULL;
      g_autofree char *key = NULL;

      if (g_str_equal (type, "account"))
        key = g_strconcat ("account:", json_object_get_string_member (doc, "name"), NULL);
      else
        key = g_strconcat (type, ":", account, "/",
                           json_object_get_string_member_with_default (doc, "name", ""), NULL);
      g_assert_false (g_hash_table_contains (by_key, key));

      json_object_remove_member (doc, "updated_at");
      json_object_set_string_member (doc, "_id", key);
      if (account != NULL)
        json_object_set_string_member (doc, "account_id", account);
      g_hash_table_insert (by_key, g_steal_pointer (&key), g_steal_pointer (&doc));
    }

  return by_key;
}

/* A whole file stores the same documents as its rows imported one at a
 * time (where later rows meet stored accounts, not the file's own): quoted
 * cells, labels for ids, an id column, rows merged by external id and by
 * name, the apostrophe before a formula. */
static void
test_same_as_row_by_row (Fixture       *f,
                         gconstpointer  data)
{
  static const char header[] =
    "id,name,external_id,industry,country,currency,annual_value,contract_start,contract_end,"
    "stage,status,cash_stability,owner,auto_renew,notice_days,notes,contact_name,contact_role,"
    "contact_email,contact_phone\n";
  static const char * const rows[] = {
    "1b4e28ba-2fa1-41d2-883f-0016d3cca427,\"Quoted, Inc.\",EXT-1,Software,de, eur ,\"1,234.50\","
    "2025-01-01,2026-12-31,Defending,Active,low,Ada,yes,30,\"line one\nline two\",Anna Berg,"
    "champion,anna@quoted.example,'+49 30 1234\n",
    ",\"Quoted, Inc.\",EXT-1,Software,de, eur ,\"1,234.50\",2025-01-01,2026-12-31,Defending,Active,"
    "low,Ada,yes,30,\"line one\nline two\",Bob Stone,economic_buyer,bob@quoted.example,\n",
    ",Plain GmbH,,,JP,JPY,\"1,200,000\",,2027-03-31,maturing,active,high,Ben,no,,,Chen Li,,,\n",
    ",Plain GmbH,,,JP,JPY,\"1,200,000\",,2027-03-31,maturing,active,high,Bea,no,,,Dora Fix,,,\n",
    ",'=SUM(A1),EXT-3,,US,USD,99,2024-06-01,2026-05-31,,,,,,,,,,,\n",
  };
  g_autoptr(GString) csv = g_string_new (header);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(RdStore) single = NULL;
  g_autoptr(GHashTable) whole = NULL;
  g_autoptr(GHashTable) one_by_one = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  GHashTableIter iter;
  JsonObject *doc;
  JsonObject *other;
  const char *key;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_string_append (csv, rows[i]);
  g_assert_true (import_data (f->store, csv->str, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 3);
  g_assert_cmpuint (report->n_contacts, ==, 4);

  single = rd_store_new (path, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *one = g_strconcat (header, rows[i], NULL);
      g_autoptr(RdCsvImportReport) one_report = NULL;

      g_assert_true (import_data (single, one, &one_report, &error));
      g_assert_no_error (error);
    }

  whole = export_by_name (f->store);
  one_by_one = export_by_name (single);
  g_assert_cmpuint (g_hash_table_size (whole), ==, 7);
  g_assert_cmpuint (g_hash_table_size (whole), ==, g_hash_table_size (one_by_one));
  g_hash_table_iter_init (&iter, whole);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &doc))
    {
      g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), doc);
      g_autoptr(JsonNode) b = NULL;
      g_autofree char *a_text = rd_test_doc_to_string (doc);
      g_autofree char *b_text = NULL;

      other = g_hash_table_lookup (one_by_one, key);
      g_assert_nonnull (other);
      b = json_node_init_object (json_node_alloc (), other);
      b_text = rd_test_doc_to_string (other);
      if (!json_node_equal (a, b))
        g_assert_cmpstr (a_text, ==, b_text);
    }

  /* What the cells became. */
  doc = g_hash_table_lookup (whole, "account:Quoted, Inc.");
  g_assert_cmpstr (json_object_get_string_member (doc, "currency"), ==, "EUR");
  g_assert_cmpstr (json_object_get_string_member (doc, "country"), ==, "DE");
  g_assert_cmpint (json_object_get_int_member (doc, "annual_value_minor"), ==, 123450);
  g_assert_cmpstr (json_object_get_string_member (doc, "stage"), ==, "defending");
  g_assert_cmpstr (json_object_get_string_member (doc, "notes"), ==, "line one\nline two");
  /* No bridge: nothing moves the end. */
  g_assert_false (json_object_has_member (doc, "effective_end"));
  g_assert_true (json_object_get_boolean_member (doc, "auto_renew"));
  g_assert_true (json_object_has_member (doc, "risk_band"));
  doc = g_hash_table_lookup (whole, "account:Plain GmbH");
  g_assert_cmpstr (json_object_get_string_member (doc, "owner"), ==, "Bea");
  g_assert_cmpint (json_object_get_int_member (doc, "annual_value_minor"), ==, 1200000);
  g_assert_nonnull (g_hash_table_lookup (whole, "account:=SUM(A1)"));
  doc = g_hash_table_lookup (whole, "contact:Quoted, Inc./Anna Berg");
  g_assert_cmpstr (json_object_get_string_member (doc, "phone"), ==, "+49 30 1234");
  g_assert_cmpstr (json_object_get_string_member (doc, "role"), ==, "champion");
  g_assert_true (json_object_get_boolean_member (doc, "active"));
  g_assert_nonnull (g_hash_table_lookup (whole, "contact:Plain GmbH/Dora Fix"));
  doc = rd_store_get_document (f->store, "account:1b4e28ba-2fa1-41d2-883f-0016d3cca427", &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  json_object_unref (doc);

  g_clear_object (&single);
  rd_test_remove_tree (dir);
}

/* The rows of @sql, one line each ("∅" for NULL). */
static void
dump_rows (sqlite3    *db,
           const char *sql,
           GString    *out)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          g_string_append_printf (out, "%s%s", c > 0 ? "|" : "", text != NULL ? text : "∅");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

static gboolean
label_uuid_cb (const GMatchInfo *match,
               GString          *result,
               gpointer          user_data)
{
  GHashTable *labels = user_data;
  g_autofree char *uuid = g_match_info_fetch (match, 0);
  const char *label = g_hash_table_lookup (labels, uuid);

  if (label == NULL)
    {
      label = g_strdup_printf ("U%u", g_hash_table_size (labels));
      g_hash_table_insert (labels, g_steal_pointer (&uuid), (gpointer) label);
    }
  g_string_append (result, label);
  return FALSE;
}

/* The stored accounts, stakeholders and settings of the book at @path, as
 * text: every UUID replaced by its order of first appearance. */
static char *
dump_book (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GRegex) uuid = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = NULL;

  /* Every column the import writes but updated_at (the time), in the order
   * the rows were written. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  dump_rows (db, "SELECT 'account', id, name, external_id, industry, country, currency, "
             "annual_value_minor, contract_start, contract_end, effective_end, stage, status, "
             "cash_stability, owner, auto_renew, notice_days, notes, risk_score, risk_band, "
             "risk_factors, churn_reason, stage_since, rev, dirty, deleted, delete_batch, base, "
             "extra FROM account ORDER BY rowid", out);
  dump_rows (db, "SELECT 'contact', id, account_id, name, role, email, phone, active, rev, dirty, "
             "deleted, delete_batch, base, extra FROM contact ORDER BY rowid", out);
  dump_rows (db, "SELECT key, value FROM settings WHERE key = 'derived-on'", out);
  sqlite3_close (db);

  uuid = g_regex_new ("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 0, 0, NULL);
  return g_regex_replace_eval (uuid, out->str, -1, 0, 0, label_uuid_cb, labels, NULL);
}

/* What the import stored before its rows were written as they are matched
 * (commit f10bfc0's import, run on this test): a book, then a file that
 * updates it by id, external id and name, adds stakeholders to stored and
 * new accounts, names one account on two rows, two customers by one name
 * with other external ids, quotes, notes on two lines, a formula. */
static const char golden_book[] =
  "new 5, updated 2, unchanged 1, stakeholders 7\n"
  "account|U0|Stored One|EXT-1|Software|DE|EUR|125000|2025-01-01|2026-12-31|∅|defen"
  "ding|active|low|Ada|1|30|∅|30|medium|[\"cash\",\"stage\"]|∅|∅|∅|1|0|∅|∅|∅\n"
  "account|U1|Stored Two|∅|Retail|US|USD|50000|∅|2026-07-10|∅|maturing|active|high|"
  "Bea|0|∅|∅|36|medium|[\"industry\",\"renewal_soon\",\"geography\"]|∅|∅|∅|1|0|∅|∅|∅\n"
  "account|U2|Stored Three|EXT-3|Media|GB|GBP|700000|2024-03-01|2027-02-28|∅|instal"
  "ling|active|medium|Cy|∅|∅|∅|49|medium|[\"industry\",\"stalled_installation\",\"stage\""
  "]|∅|∅|∅|1|0|∅|∅|∅\n"
  "account|U3|Quoted, Inc.|EXT-4|Software|DE|EUR|123450|2025-01-01|2026-08-31|∅|def"
  "ending|active|low|Ada|1|30|line one\n"
  "line two|40|medium|[\"cash\",\"stage\",\"renewal_soon\"]|∅|∅|∅|1|0|∅|∅|∅\n"
  "account|U4|Plain GmbH|∅|∅|JP|JPY|1200000|∅|2027-03-31|∅|maturing|expected_churn|"
  "high|Bea|0|∅|∅|39|medium|[\"expected_churn\",\"industry\",\"geography\"]|∅|∅|∅|1|0|∅|∅"
  "|∅\n"
  "account|U5|Twin Co|EXT-5|∅|US|USD|1000|∅|2026-06-30|∅|∅|∅|∅|∅|∅|∅|∅|35|medium|[\""
  "renewal_soon\",\"industry\",\"cash\"]|∅|∅|∅|1|0|∅|∅|∅\n"
  "account|U6|Twin Co|EXT-6|∅|US|USD|2000|∅|2026-09-30|∅|∅|∅|∅|∅|∅|∅|∅|25|medium|[\""
  "industry\",\"cash\",\"geography\"]|∅|∅|∅|1|0|∅|∅|∅\n"
  "account|U7|=SUM(A1)|EXT-7|∅|US|USD|9900|2024-06-01|2026-05-31|∅|∅|∅|∅|∅|∅|∅|∅|37"
  "|medium|[\"renewal_overdue\",\"industry\",\"cash\"]|∅|∅|∅|1|0|∅|∅|∅\n"
  "contact|U8|U0|Anna Berg|champion|anna@one.example|+49 30 1234|1|∅|1|0|∅|∅|∅\n"
  "contact|U9|U1|Carl Dee|∅|∅|∅|1|∅|1|0|∅|∅|∅\n"
  "contact|U10|U1|Eve Fox|economic_buyer|∅|∅|1|∅|1|0|∅|∅|∅\n"
  "contact|U11|U3|Gus Hill|champion|gus@quoted.example|∅|1|∅|1|0|∅|∅|∅\n"
  "contact|U12|U4|Chen Li|∅|∅|∅|1|∅|1|0|∅|∅|∅\n"
  "contact|U13|U4|Dora Fix|∅|∅|∅|1|∅|1|0|∅|∅|∅\n"
  "contact|U14|U5|Ida|∅|∅|∅|1|∅|1|0|∅|∅|∅\n"
  "contact|U15|U6|Jo|∅|∅|∅|1|∅|1|0|∅|∅|∅\n"
  "derived-on|2026-06-15\n";

static void
test_same_stored_rows (Fixture       *f,
                       gconstpointer  data)
{
  static const char header[] =
    "id,name,external_id,industry,country,currency,annual_value,contract_start,contract_end,"
    "stage,status,cash_stability,owner,auto_renew,notice_days,notes,contact_name,contact_role,"
    "contact_email,contact_phone\n";
  static const char book[] =
    "1b4e28ba-2fa1-41d2-883f-0016d3cca427,Stored One,EXT-1,Software,DE,EUR,1000,2025-01-01,"
    "2026-12-31,defending,active,low,Ada,yes,30,,Anna Berg,champion,anna@one.example,\n"
    ",Stored Two,,Retail,US,USD,500,,2026-07-10,maturing,active,high,Ben,no,,,Carl Dee,,,\n"
    ",Stored Three,EXT-3,Media,GB,GBP,7000,2024-03-01,2027-02-28,installing,active,medium,Cy,"
    ",,,,,,\n";
  static const char file[] =
    "1b4e28ba-2fa1-41d2-883f-0016d3cca427,Stored One,EXT-1,Software,DE,EUR,\"1,250.00\","
    "2025-01-01,2026-12-31,defending,active,low,Ada,yes,30,,Anna Berg,champion,anna@one.example,"
    "'+49 30 1234\n"
    ",Stored Two,,Retail,US,USD,500,,2026-07-10,maturing,active,high,Bea,no,,,Eve Fox,"
    "economic_buyer,,\n"
    ",Stored Three,EXT-3,Media,GB,GBP,7000,2024-03-01,2027-02-28,installing,active,medium,Cy,"
    ",,,,,,\n"
    ",\"Quoted, Inc.\",EXT-4,Software,de, eur ,\"1,234.50\",2025-01-01,2026-08-31,Defending,"
    "Active,low,Ada,yes,30,\"line one\nline two\",Gus Hill,champion,gus@quoted.example,\n"
    ",Plain GmbH,,,JP,JPY,\"1,200,000\",,2027-03-31,maturing,active,high,Ben,no,,,Chen Li,,,\n"
    ",Plain GmbH,,,JP,JPY,\"1,200,000\",,2027-03-31,maturing,expected_churn,high,Bea,no,,,"
    "Dora Fix,,,\n"
    ",Twin Co,EXT-5,,US,USD,10,,2026-06-30,,,,,,,,Ida,,,\n"
    ",Twin Co,EXT-6,,US,USD,20,,2026-09-30,,,,,,,,Jo,,,\n"
    ",'=SUM(A1),EXT-7,,US,USD,99,2024-06-01,2026-05-31,,,,,,,,,,,\n";
  g_autoptr(GString) first = g_string_new (header);
  g_autoptr(GString) second = g_string_new (header);
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) got = NULL;
  g_autofree char *dump = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2026);
  rd_store_set_today (f->store, &today);

  g_string_append (first, book);
  g_assert_true (import_data (f->store, first->str, NULL, &error));
  g_assert_no_error (error);
  g_string_append (second, file);
  g_assert_true (import_data (f->store, second->str, &report, &error));
  g_assert_no_error (error);

  dump = dump_book (f->path);
  got = g_string_new (NULL);
  g_string_append_printf (got, "new %u, updated %u, unchanged %u, stakeholders %u\n%s",
                          report->n_new, report->n_updated, report->n_unchanged,
                          report->n_contacts, dump);
  if (!g_str_equal (got->str, golden_book))
    g_test_message ("stored:\n%s", got->str);
  g_assert_cmpstr (got->str, ==, golden_book);
}

/* "ok" or the message of @error, and clears it. */
static char *
verdict (gboolean   ok,
         GError   **error)
{
  char *text = g_strdup (ok ? "ok" : (*error)->message);

  g_clear_error (error);
  return text;
}

/* A cell's typed value is checked as its JSON node is: every field a cell
 * can fill, read from odd texts (accepted ones then checked again as a
 * node), and odd values checked both ways with the same verdict. */
static void
test_typed_cells_checked_alike (void)
{
  static const char * const types[] = { "account", "contact" };
  static const char * const texts[] = {
    "", "  ", "abc", " padded ", "-5", "−5", "12", "1,234.50", "99999999999999999", "2026-02-30",
    "2026-12-31", " 2026-12-31 ", "31/12/2026", "0100-01-01", "10000-01-01", "yes", "No", "maybe",
    "x@y", "no at sign", "champion", "Economic buyer", "defending", "eur", "de", "ZZ", "XXX",
    "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "2026-01-31T09:00:00Z", "366", "-1", "\xC3\x28",
  };
  g_autofree char *long_text = g_strnfill (300, 'w');
  g_autofree char *longer_text = g_strnfill (100001, 'w');
  const char * const *extra[] = { (const char * const *) &long_text,
                                  (const char * const *) &longer_text };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      const RdEntitySpec *spec = rd_entity_spec_lookup (types[t]);

      for (guint f = 0; f < spec->n_fields; f++)
        {
          const RdFieldSpec *field = &spec->fields[f];

          if (field->kind == RD_FIELD_ENUM_ARRAY || field->kind == RD_FIELD_JSON)
            continue;

          for (guint i = 0; i < G_N_ELEMENTS (texts) + G_N_ELEMENTS (extra); i++)
            {
              const char *text = i < G_N_ELEMENTS (texts) ? texts[i]
                                 : *extra[i - G_N_ELEMENTS (texts)];
              g_autoptr(GError) error = NULL;
              g_autoptr(JsonNode) node = NULL;
              g_autofree char *typed = NULL;
              g_autofree char *as_node = NULL;
              RdFieldValue value;
              gboolean ok;

              ok = rd_document_read_field_spec (types[t], field, text, "EUR", &value, &error);
              typed = verdict (ok, &error);
              if (ok)
                {
                  node = rd_field_value_to_node (&value);
                  as_node = verdict (rd_document_check_field (types[t], field->name, node, "EUR",
                                                              &error), &error);
                  g_assert_cmpstr (as_node, ==, "ok");
                  /* Checking the value again says the same. */
                  g_clear_pointer (&typed, g_free);
                  typed = verdict (rd_document_check_field_value (types[t], field, &value, "EUR",
                                                                  &error), &error);
                  g_assert_cmpstr (typed, ==, "ok");
                }
              rd_field_value_clear (&value);

              /* The text as a value of the field's kind, unread. */
              if (field->kind != RD_FIELD_INT && field->kind != RD_FIELD_BOOL)
                {
                  RdFieldValue raw = { G_TYPE_STRING, text, 0, NULL };

                  g_autoptr(JsonNode) text_node = json_node_init_string (json_node_alloc (),
                                                                         text);
                  g_autofree char *typed_raw = NULL;
                  g_autofree char *node_raw = NULL;

                  typed_raw = verdict (rd_document_check_field_value (types[t], field, &raw,
                                                                      "EUR", &error), &error);
                  node_raw = verdict (rd_document_check_field (types[t], field->name, text_node,
                                                               "EUR", &error), &error);
                  g_assert_cmpstr (typed_raw, ==, node_raw);
                }
            }

          /* Numbers of every sign and size, and both booleans. */
          for (gint64 n = -2; field->kind == RD_FIELD_INT && n < 2; n++)
            {
              const gint64 numbers[] = { n, n * 1000, n * G_GINT64_CONSTANT (10000000000000000) };

              for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
                {
                  RdFieldValue raw = { G_TYPE_INT64, NULL, numbers[i], NULL };
                  g_autoptr(JsonNode) node = json_node_init_int (json_node_alloc (), numbers[i]);
                  g_autoptr(GError) error = NULL;
                  g_autofree char *typed = NULL;
                  g_autofree char *as_node = NULL;

                  typed = verdict (rd_document_check_field_value (types[t], field, &raw, "EUR",
                                                                  &error), &error);
                  as_node = verdict (rd_document_check_field (types[t], field->name, node, "EUR",
                                                              &error), &error);
                  g_assert_cmpstr (typed, ==, as_node);
                }
            }
        }
    }
}

/* Imports @csv into a new book at @path through documents only (as before
 * new stakeholders were written from their cells) or not; the book's dump,
 * or the error's message. */
static char *
import_and_dump (const char *path,
                 const char *csv,
                 gboolean    documents_only)
{
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdCsvImport) import = NULL;
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  GDate today;
  gboolean ok;

  store = rd_store_new (path, NULL, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2026);
  rd_store_set_today (store, &today);

  import = rd_csv_import_new_for_data (csv, strlen (csv), &error);
  g_assert_no_error (error);
  _rd_csv_import_set_documents_only (import, documents_only);
  ok = rd_csv_import_run (import, store, FALSE, NULL, NULL, NULL, &report, &error);
  g_clear_object (&store);

  dump = dump_book (path);
  return g_strdup_printf ("%s\nnew %u, updated %u, unchanged %u, stakeholders %u, bad rows %u\n%s",
                          ok ? "ok" : error->message,
                          report ? report->n_new : 0, report ? report->n_updated : 0,
                          report ? report->n_unchanged : 0, report ? report->n_contacts : 0,
                          report ? report->n_bad_rows : 0, dump);
}

/* New stakeholders written from their typed cells make the same rows as
 * through a document: the sample, and odd files (stakeholders named twice,
 * in other case, without a name, with every stakeholder column, blank
 * cells, a bad row). */
static void
test_typed_contacts_same_rows (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GString) sample = sample_csv (200, ',');
  const char * const odd[] = {
    sample->str,
    "Name,Currency,Renewal date,Contact,Email,Role,Phone\n"
    "Acme,EUR,2027-01-31,Ann Lee,ann@acme.example,champion,+49 1\n"
    "Acme,EUR,2027-01-31,ANN LEE,ann.lee@acme.example,,\n"
    "Acme,EUR,2027-01-31,Bo,,,\n"
    "Acme,EUR,2027-01-31,,,economic_buyer,\n"
    "Beta,USD,2027-02-28, Cy ,cy@beta.example,Champion,  \n"
    "Gamma,USD,2027-03-31,'=Dee,,,'+1 555\n"
    "Gamma,USD,2027-03-31,Zoë Straße,zoe@gamma.example,,\n"
    "Gamma,USD,2027-03-31,ZOË STRASSE,,,+1 556\n",
    "Name,External ID,Currency,Renewal date,Contact\n"
    "Twin,E1,USD,2027-01-31,Ann\n"
    "Twin,E2,USD,2027-01-31,Ann\n"
    "Twin,E1,USD,2027-01-31,Bea\n"
    "Solo,,USD,2027-01-31,Ann\n"
    "Solo,,USD,2027-01-31,ann\n",
    "Name,Currency,Renewal date,Contact,Email\n"
    "Fine,EUR,2027-01-31,Ann,ann@fine.example\n"
    "Bad,EUR,2027-01-31,Bo,not an address\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *typed_path = g_strdup_printf ("%s.typed-%u", f->path, i);
      g_autofree char *doc_path = g_strdup_printf ("%s.documents-%u", f->path, i);
      g_autofree char *typed = import_and_dump (typed_path, odd[i], FALSE);
      g_autofree char *documents = import_and_dump (doc_path, odd[i], TRUE);

      g_test_message ("file %u:\n%s", i, typed);
      g_assert_cmpstr (typed, ==, documents);
    }
}

/* A write that fails halfway through the import (here a trigger breaking a
 * UNIQUE constraint on one new stakeholder: new rows are inserted without a
 * statement journal, so such a failure rolls the whole transaction back at
 * once) leaves the book as it was and the store usable. */
static void
test_failed_write_changes_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  static const char header[] = "Name,Currency,Renewal date,Contact\n";
  g_autoptr(GString) first = g_string_new (header);
  g_autoptr(GString) second = g_string_new (header);
  g_autoptr(GString) third = g_string_new (header);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;

  g_string_append (first, "Stored,EUR,2027-01-31,Ann\n");
  g_assert_true (import_data (f->store, first->str, NULL, &error));
  g_assert_no_error (error);
  before = dump_book (f->path);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE boom (x UNIQUE); "
                                 "CREATE TRIGGER boom AFTER INSERT ON contact "
                                 "WHEN NEW.name = 'Boom' BEGIN "
                                 "INSERT INTO boom VALUES (1); INSERT INTO boom VALUES (1); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_string_append (second, "Stored,EUR,2027-03-31,Bo\nNew One,USD,2027-02-28,Cy\n"
                           "New Two,USD,2027-02-28,Boom\nNew Three,USD,2027-02-28,Di\n");
  g_assert_false (import_data (f->store, second->str, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "UNIQUE constraint failed"));
  g_clear_error (&error);
  after = dump_book (f->path);
  g_assert_cmpstr (after, ==, before);

  /* Nothing is left open: the next import writes. */
  g_string_append (third, "New One,USD,2027-02-28,Cy\n");
  g_assert_true (import_data (f->store, third->str, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_docs (f->store, "account"), ==, 2);
  g_assert_cmpuint (count_docs (f->store, "contact"), ==, 2);
}

/* The stakeholder's fields stored under @account_name and @name. */
static JsonObject *
find_contact (RdStore    *store,
              const char *account_name,
              const char *name)
{
  g_autoptr(GHashTable) by_name = export_by_name (store);
  g_autofree char *key = g_strconcat ("contact:", account_name, "/", name, NULL);
  JsonObject *doc = g_hash_table_lookup (by_name, key);

  return doc != NULL ? json_object_ref (doc) : NULL;
}

/* Two rows naming one stakeholder of one account (ignoring case): the later
 * row's fields win, as they do for the account, in a new account and in a
 * stored one. */
static void
test_stakeholder_later_row_wins (Fixture       *f,
                                 gconstpointer  data)
{
  static const char header[] =
    "name,currency,contact_name,contact_role,contact_email,contact_phone\n";
  g_autofree char *stored = g_strconcat (header, "Stored,EUR,Anna Berg,champion,,\n", NULL);
  g_autofree char *file = g_strconcat (header,
                                       "New,EUR,Dora Fix,,dora@old.example,\n"
                                       "New,EUR,DORA FIX,economic_buyer,dora@new.example,\n"
                                       "Stored,EUR,anna berg,,,+1 555 0100\n"
                                       "Stored,EUR,ANNA BERG,,anna@new.example,+1 555 0199\n",
                                       NULL);
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) dora = NULL;
  g_autoptr(JsonObject) anna = NULL;

  g_assert_true (import_data (f->store, stored, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (import_data (f->store, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_cmpuint (report->n_unchanged, ==, 1);
  g_assert_cmpuint (report->n_contacts, ==, 2);
  g_assert_cmpuint (count_docs (f->store, "contact"), ==, 2);

  dora = find_contact (f->store, "New", "DORA FIX");
  g_assert_nonnull (dora);
  g_assert_cmpstr (json_object_get_string_member (dora, "role"), ==, "economic_buyer");
  g_assert_cmpstr (json_object_get_string_member (dora, "email"), ==, "dora@new.example");

  /* Blank cells leave what an earlier row or the book holds. */
  anna = find_contact (f->store, "Stored", "ANNA BERG");
  g_assert_nonnull (anna);
  g_assert_cmpstr (json_object_get_string_member (anna, "role"), ==, "champion");
  g_assert_cmpstr (json_object_get_string_member (anna, "email"), ==, "anna@new.example");
  g_assert_cmpstr (json_object_get_string_member (anna, "phone"), ==, "+1 555 0199");
}

/* Accounts with delays and bridges keep what those move when a file
 * updates them: the effective end, and the risk the full derivation would
 * give them (which then changes nothing). */
static void
test_rates_with_delays (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "book.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(RdCsvImport) import = NULL;
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  guint n_changed = 1;

  g_assert_true (rd_store_fill_sample (f->store, 40, RD_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_docs (f->store, "delay"), >, 0);
  g_assert_cmpuint (count_docs (f->store, "bridge"), >, 0);
  g_assert_true (rd_store_refresh_derived (f->store, NULL, &error));
  g_assert_no_error (error);
  before = rd_store_list_documents (f->store, "account", NULL, NULL, &error);
  g_assert_true (rd_csv_export_accounts (f->store, csv_path, &error));
  g_assert_no_error (error);

  /* Every account changes: its owner goes into its notes. */
  import = rd_csv_import_new_for_file (file, NULL, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < rd_csv_import_get_n_columns (import); c++)
    {
      if (rd_csv_import_get_mapping (import, c) == RD_CSV_COLUMN_OWNER)
        rd_csv_import_set_mapping (import, c, RD_CSV_COLUMN_NOTES);
    }
  g_assert_true (rd_csv_import_run (import, f->store, FALSE, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_updated, ==, 40);

  after = rd_store_list_documents (f->store, "account", NULL, NULL, &error);
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    {
      JsonObject *a = g_ptr_array_index (before, i);
      JsonObject *b = g_ptr_array_index (after, i);

      g_assert_cmpstr (json_object_get_string_member (a, "_id"), ==,
                       json_object_get_string_member (b, "_id"));
      g_assert_cmpstr (json_object_get_string_member_with_default (a, "effective_end", NULL), ==,
                       json_object_get_string_member_with_default (b, "effective_end", NULL));
    }
  g_assert_true (rd_store_refresh_derived (f->store, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 0);
}

/* --export-csv writes what the import reads back, ids included. */
static void
test_export_import_roundtrip (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(RdStore) other = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(RdCsvImport) import = NULL;
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GHashTable) moved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char * const fields[] = {
    "name", "external_id", "industry", "country", "currency", "annual_value_minor",
    "contract_start", "contract_end", "stage", "status", "cash_stability", "owner",
    "auto_renew", "notice_days", "notes", "risk_score", "risk_band", "risk_factors",
  };

  g_assert_true (rd_store_fill_sample (f->store, 40, RD_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  g_assert_true (rd_csv_export_accounts (f->store, csv_path, &error));
  g_assert_no_error (error);

  other = rd_store_new (other_path, NULL, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (csv_path);
  import = rd_csv_import_new_for_file (file, NULL, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < rd_csv_import_get_n_columns (import); c++)
    if (!g_str_has_prefix (rd_csv_import_get_header (import, c), "risk_"))
      g_assert_cmpint (rd_csv_import_get_mapping (import, c), !=, RD_CSV_COLUMN_IGNORE);
  g_assert_true (rd_csv_import_run (import, other, FALSE, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 40);

  a = rd_store_list_documents (f->store, "account", NULL, NULL, &error);
  b = rd_store_list_documents (other, "account", NULL, NULL, &error);
  g_assert_cmpuint (a->len, ==, b->len);

  /* A CSV row carries no delays, bridges or extended end, so the risk
   * they move is only compared where the account has none. */
  for (guint t = 0; t < 2; t++)
    {
      g_autoptr(GPtrArray) children = rd_store_list_documents (f->store, t ? "bridge" : "delay",
                                                               NULL, NULL, &error);

      for (guint i = 0; i < children->len; i++)
        g_hash_table_add (moved, g_strdup (json_object_get_string_member (g_ptr_array_index (children, i),
                                                                           "account_id")));
    }

  for (guint i = 0; i < a->len; i++)
    {
      JsonObject *da = g_ptr_array_index (a, i);
      g_autoptr(JsonObject) db = rd_store_get_document (other,
                                                       json_object_get_string_member (da, "_id"),
                                                       &error);
      gboolean risk_moved = g_hash_table_contains (moved, strchr (json_object_get_string_member (da, "_id"), ':') + 1);

      g_assert_no_error (error);
      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        {
          JsonNode *na = json_object_get_member (da, fields[k]);
          JsonNode *nb = json_object_get_member (db, fields[k]);

          if (risk_moved && g_str_has_prefix (fields[k], "risk_"))
            continue;

          g_test_message ("%s", fields[k]);
          g_assert_true ((na == NULL) == (nb == NULL));
          if (na != NULL)
            g_assert_true (json_node_equal (na, nb));
        }
    }
}

/* Two connections to one file (as two processes have), importing one file
 * without an id column at once: the match and the write are one write
 * transaction, so the accounts are there once. */
typedef struct
{
  const char *path;
  const char *csv;
  guint       n_new;
} RaceJob;

static gpointer
race_thread (gpointer data)
{
  RaceJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (job->path, NULL, &error);
  g_autoptr(RdCsvImportReport) report = NULL;

  g_assert_no_error (error);
  g_assert_true (import_data (store, job->csv, &report, &error));
  g_assert_no_error (error);
  job->n_new = report->n_new;
  return NULL;
}

static void
test_concurrent_connections (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GString) csv = sample_csv (300, ',');
  RaceJob jobs[2] = { { f->path, csv->str, 0 }, { f->path, csv->str, 0 } };
  GThread *threads[2];

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("race", race_thread, &jobs[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (jobs[0].n_new + jobs[1].n_new, ==, 300);
  g_assert_cmpuint (count_docs (f->store, "account"), ==, 300);
  g_assert_cmpuint (count_docs (f->store, "contact"), ==, 300);
}

/* A row that breaks a rule with what is stored (an end before the stored
 * start) is refused at its line, and nothing is written. */
static void
test_rule_with_stored_fields (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  g_assert_true (import_data (f->store, "Name,Currency,Contract start\nNorthwind,EUR,2026-06-01\n",
                              NULL, &error));
  g_assert_no_error (error);

  g_assert_false (import_data (f->store,
                               "Name,Currency,Renewal date\nSummit,EUR,2027-01-01\n"
                               "Northwind,EUR,2026-01-01\n", &report, &error));
  g_assert_error (error, RD_CSV_ERROR, RD_CSV_ERROR_RAGGED_ROW);
  g_assert_true (g_str_has_prefix (error->message, "Line 3, column 3 (Renewal date): "));
  g_assert_nonnull (strstr (error->message, "cannot end before it starts"));
  g_assert_cmpuint (report->n_bad_rows, ==, 1);
  accounts = rd_store_list_documents (f->store, "account", NULL, NULL, &error);
  g_assert_cmpuint (accounts->len, ==, 1);
}

typedef struct
{
  GMainLoop         *loop;
  RdCsvImportReport *report;
  GError            *error;
  RdCsvImport       *original;
  double             last_fraction;
  guint              n_progress;
  gboolean           progress_freed;
  gboolean           on_main_thread;
} AsyncState;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  if (g_async_result_is_tagged (result, rd_csv_import_check_async))
    state->report = rd_csv_import_check_finish (RD_CSV_IMPORT (source), result, &state->error);
  else
    state->report = rd_csv_import_run_finish (RD_CSV_IMPORT (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  AsyncState *state = user_data;

  state->on_main_thread &= g_main_context_is_owner (g_main_context_default ());
  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  state->last_fraction = fraction;
  state->n_progress++;
}

static void
on_progress_freed_cb (gpointer user_data)
{
  AsyncState *state = user_data;

  state->progress_freed = TRUE;
}

static gboolean
on_quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* What the import dialog calls: a check, an import with progress on the
 * main thread, and a cancelled import that writes nothing. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) csv = sample_csv (3000, ';');
  g_autoptr(RdCsvImport) import = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  import = rd_csv_import_new_for_data (csv->str, csv->len, &error);
  g_assert_no_error (error);

  rd_csv_import_check_async (import, f->store, NULL, on_done_cb, &state);
  /* The worker has its own copy: editing the mapping now changes nothing there. */
  rd_csv_import_set_mapping (import, 0, RD_CSV_COLUMN_IGNORE);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.report->n_rows, ==, 3000);
  g_assert_cmpuint (state.report->n_new, ==, 3000);
  g_assert_cmpuint (count_docs (f->store, "account"), ==, 0);
  g_clear_pointer (&state.report, rd_csv_import_report_free);
  rd_csv_import_set_mapping (import, 0, RD_CSV_COLUMN_NAME);

  /* Cancelled: nothing written. */
  g_cancellable_cancel (cancellable);
  rd_csv_import_run_async (import, f->store, NULL, NULL, NULL, cancellable, on_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (state.report);
  g_clear_error (&state.error);
  g_assert_cmpuint (count_docs (f->store, "account"), ==, 0);

  state.on_main_thread = TRUE;
  rd_csv_import_run_async (import, f->store, on_progress_cb, &state, on_progress_freed_cb, NULL,
                           on_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.report->n_new, ==, 3000);
  g_assert_cmpuint (count_docs (f->store, "account"), ==, 3000);

  /* The last reports may still be on their way; then the data is released there. */
  g_idle_add (on_quit_cb, state.loop);
  g_main_loop_run (state.loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (state.progress_freed);
  g_assert_true (state.on_main_thread);
  g_assert_cmpuint (state.n_progress, >, 0);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);

  g_clear_pointer (&state.report, rd_csv_import_report_free);
  g_main_loop_unref (state.loop);
}

/* An amount cell of only a separator was stored as 0 over the real value. */
static void
test_separator_amount (Fixture       *f,
                       gconstpointer  data)
{
  const char *first = "Name,Currency,ARR\nNorthwind Inc.,USD,120000\n";
  const char *second = "Name,Currency,ARR\nNorthwind Inc.,USD,.\nSummit Ltd,GBP,\",\"\n";
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  RdCsvProblem *p;

  g_assert_true (import_data (f->store, first, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (import_data (f->store, second, &report, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->problems->len, ==, 2);
  p = g_ptr_array_index (report->problems, 0);
  g_assert_cmpuint (p->line, ==, 2);
  g_assert_cmpuint (p->column, ==, 3);
  p = g_ptr_array_index (report->problems, 1);
  g_assert_cmpuint (p->line, ==, 3);
  g_clear_error (&error);

  accounts = rd_store_list_accounts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpint (rd_account_get_annual_value_minor (g_ptr_array_index (accounts, 0)), ==,
                   12000000);
}

/* Two rows with one external id, or one Renewal Desk id, and different
 * values: the second silently replaced the first.  Both are refused, each
 * naming the other's line; a repeated account with another stakeholder
 * on each row is still one account. */
static void
test_duplicate_ids (Fixture       *f,
                    gconstpointer  data)
{
  const char *by_external =
    "name,external_id,currency,annual_value\n"
    "Northwind Inc.,CRM-1,USD,100\n"
    "Summit Ltd,CRM-2,GBP,200\n"
    "Northwind Holding,CRM-1,USD,300\n";
  const char *by_id =
    "id,name,currency\n"
    "7d2c5a4e-1111-4c3b-9a55-0a1b2c3d4e5f,Northwind Inc.,USD\n"
    "7d2c5a4e-1111-4c3b-9a55-0a1b2c3d4e5f,Summit Ltd,GBP\n";
  const char *stakeholders =
    "name,external_id,currency,contact\n"
    "Northwind Inc.,CRM-1,USD,Ann Lee\n"
    "Northwind Inc.,CRM-1,USD,Bo Chan\n";
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  RdCsvProblem *p;

  g_assert_false (import_data (f->store, by_external, &report, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (report->n_bad_rows, ==, 2);
  g_assert_cmpuint (report->problems->len, ==, 2);
  p = g_ptr_array_index (report->problems, 0);
  g_assert_cmpuint (p->line, ==, 2);
  g_assert_cmpuint (p->column, ==, 2);
  g_assert_nonnull (strstr (p->message, "line 4"));
  p = g_ptr_array_index (report->problems, 1);
  g_assert_cmpuint (p->line, ==, 4);
  g_assert_nonnull (strstr (p->message, "line 2"));
  g_assert_cmpuint (count_docs (f->store, "account"), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&report, rd_csv_import_report_free);

  g_assert_false (import_data (f->store, by_id, &report, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (report->problems->len, ==, 2);
  p = g_ptr_array_index (report->problems, 0);
  g_assert_cmpuint (p->line, ==, 2);
  g_assert_cmpuint (p->column, ==, 1);
  g_assert_cmpuint (count_docs (f->store, "account"), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&report, rd_csv_import_report_free);

  g_assert_true (import_data (f->store, stakeholders, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_cmpuint (count_docs (f->store, "contact"), ==, 2);
}

/* As Windows spreadsheets save CSV: UTF-16 with a byte order mark, and
 * Windows-1252; both were refused as "not valid UTF-8". */
static void
test_windows_encodings (Fixture       *f,
                        gconstpointer  data)
{
  const char *utf8 = "Name,Currency,ARR\r\nKovács és Társa Kft.,HUF,1000\r\nCafé Zoë,EUR,5\r\n";
  g_autoptr(GError) error = NULL;
  const char *encodings[] = { "UTF-16LE", "UTF-16BE", "WINDOWS-1252" };
  const char *expected[] = { "UTF-16", "UTF-16", "Windows-1252" };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/enc-%u.csv", f->dir, i);
      g_autofree char *converted = NULL;
      g_autoptr(GString) bytes = g_string_new (NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(RdCsvImport) from_file = NULL;
      g_autoptr(RdCsvImport) from_data = NULL;
      g_autoptr(RdCsvImportReport) report = NULL;
      gsize n = 0;

      converted = g_convert (utf8, -1, encodings[i], "UTF-8", NULL, &n, &error);
      g_assert_no_error (error);
      if (i == 0)
        g_string_append_len (bytes, "\xff\xfe", 2);
      else if (i == 1)
        g_string_append_len (bytes, "\xfe\xff", 2);
      g_string_append_len (bytes, converted, (gssize) n);
      g_assert_true (g_file_set_contents (path, bytes->str, (gssize) bytes->len, NULL));

      from_data = rd_csv_import_new_for_data (bytes->str, bytes->len, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rd_csv_import_get_encoding (from_data), ==, expected[i]);
      g_assert_cmpstr (rd_csv_import_get_preview_cell (from_data, 0, 0), ==,
                       "Kovács és Társa Kft.");

      from_file = rd_csv_import_new_for_file (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rd_csv_import_get_encoding (from_file), ==, expected[i]);
      g_assert_cmpstr (rd_csv_import_get_header (from_file, 0), ==, "Name");
      g_assert_cmpstr (rd_csv_import_get_preview_cell (from_file, 1, 0), ==, "Café Zoë");
      g_assert_true (rd_csv_import_run (from_file, f->store, FALSE, NULL, NULL, NULL, &report,
                                        &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report->n_new + report->n_unchanged, ==, 2);
    }

  g_assert_cmpuint (count_docs (f->store, "account"), ==, 2);
}

/* A name a spreadsheet would run as a formula goes out with an apostrophe
 * and comes back without it. */
static void
test_export_formulas (Fixture       *f,
                      gconstpointer  data)
{
  const char *csv =
    "name,currency,notes\n"
    "\"=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\",EUR,+1 call\n"
    "@SUM(A1),EUR,-note\n"
    "Plain Ltd,EUR,a=b\n";
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) other = NULL;
  g_autoptr(RdCsvImport) import = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  g_assert_true (import_data (f->store, csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rd_csv_export_accounts (f->store, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ",\"'=HYPERLINK("));
  g_assert_nonnull (strstr (text, ",'@SUM(A1),"));
  g_assert_nonnull (strstr (text, ",'+1 call,"));
  g_assert_nonnull (strstr (text, ",'-note,"));
  g_assert_nonnull (strstr (text, ",Plain Ltd,"));
  g_assert_nonnull (strstr (text, ",a=b,"));

  other = rd_store_new (other_path, NULL, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (out);
  import = rd_csv_import_new_for_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rd_csv_import_run (import, other, FALSE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  a = rd_store_list_documents (f->store, "account", NULL, NULL, &error);
  b = rd_store_list_documents (other, "account", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, 3);
  g_assert_cmpuint (b->len, ==, 3);
  for (guint i = 0; i < a->len; i++)
    {
      JsonObject *x = g_ptr_array_index (a, i);
      JsonObject *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (json_object_get_string_member (x, "_id"), ==,
                       json_object_get_string_member (y, "_id"));
      g_assert_cmpstr (json_object_get_string_member (x, "name"), ==,
                       json_object_get_string_member (y, "name"));
      g_assert_cmpstr (json_object_get_string_member_with_default (x, "notes", NULL), ==,
                       json_object_get_string_member_with_default (y, "notes", NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/csv/parse/table", test_parse_table);
  g_test_add_func ("/csv/parse/errors", test_parse_errors);
  g_test_add_func ("/csv/parse/write-read-back", test_write_read_back);
  g_test_add_func ("/csv/parse/field-limit", test_field_limit);
  g_test_add_func ("/csv/import/typed-cells-checked-alike", test_typed_cells_checked_alike);
  g_test_add_func ("/csv/parse/10mb", test_large_file);
  g_test_add_func ("/csv/import/guess-headers", test_guess_headers);
  g_test_add_func ("/csv/import/preview-cells", test_preview_cells);
  ADD ("/csv/import/all-or-nothing", test_all_or_nothing);
  ADD ("/csv/import/reimport-idempotent", test_reimport_idempotent);
  ADD ("/csv/import/rows-merge-by-name", test_rows_merge_by_name);
  ADD ("/csv/import/same-as-row-by-row", test_same_as_row_by_row);
  ADD ("/csv/import/same-stored-rows", test_same_stored_rows);
  ADD ("/csv/import/typed-contacts-same-rows", test_typed_contacts_same_rows);
  ADD ("/csv/import/stakeholder-later-row-wins", test_stakeholder_later_row_wins);
  ADD ("/csv/import/failed-write-changes-nothing", test_failed_write_changes_nothing);
  ADD ("/csv/import/rates-with-delays", test_rates_with_delays);
  ADD ("/csv/export/roundtrip", test_export_import_roundtrip);
  ADD ("/csv/import/concurrent-connections", test_concurrent_connections);
  ADD ("/csv/import/rule-with-stored-fields", test_rule_with_stored_fields);
  ADD ("/csv/import/async", test_async);
  ADD ("/csv/import/separator-amount", test_separator_amount);
  ADD ("/csv/import/duplicate-ids", test_duplicate_ids);
  ADD ("/csv/import/windows-encodings", test_windows_encodings);
  ADD ("/csv/export/formulas", test_export_formulas);

  return g_test_run ();
}
