/* test-rules-parity.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-account.h"
#include "rd-csv.h"
#include "rd-csv-import.h"
#include "rd-document.h"
#include "rd-store.h"
#include "rd-test-util.h"

/* One value, three ways in, one verdict.  Every row of the table goes
 *   - through the CSV import (a one-row file, really imported),
 *   - through the JSON import (a document, as --import-json and sync take it),
 *   - through rd_account_set_field_text(), what the account page calls,
 * and all three must accept it and store the same value, or all refuse it.
 * The CSV cell and the account page read the same typed text and must also
 * give the same words; a document carries the value in its own form
 * (ISO dates, upper-case codes, minor units), given as @json. */

typedef struct
{
  const char *field;    /* of an account document */
  const char *typed;    /* as typed into the page's row or a CSV cell */
  const char *json;     /* as a document carries it (JSON), NULL: absent */
  gboolean    ok;
  const char *start;    /* a contract start in place first, or NULL */
} ParityCase;

static const ParityCase cases[] = {
  /* Dates in each format; the test runs in the C locale (month first). */
  { "contract_end", "2026-12-31", "\"2026-12-31\"", TRUE, NULL },
  { "contract_end", "31.12.2026", "\"2026-12-31\"", TRUE, NULL },
  { "contract_end", "2026/12/31", "\"2026-12-31\"", TRUE, NULL },
  { "contract_end", "2026年12月31日", "\"2026-12-31\"", TRUE, NULL },
  { "contract_end", "2026. 12. 31.", "\"2026-12-31\"", TRUE, NULL },
  { "contract_end", "12/31/2026", "\"2026-12-31\"", TRUE, NULL },
  { "contract_end", "31/12/2026", "\"2026-12-31\"", TRUE, NULL },
  { "contract_end", "31 Dec 2026", "\"2026-12-31\"", TRUE, NULL },
  { "contract_start", "1900-01-01", "\"1900-01-01\"", TRUE, NULL },
  { "contract_start", "9999-12-31", "\"9999-12-31\"", TRUE, NULL },
  { "contract_end", "", NULL, TRUE, NULL },
  /* Bad dates */
  { "contract_end", "2026-02-30", "\"2026-02-30\"", FALSE, NULL },
  { "contract_end", "30.02.2026", "\"2026-02-30\"", FALSE, NULL },
  { "contract_end", "2026年2月30日", "\"2026-02-30\"", FALSE, NULL },
  { "contract_start", "0100-01-01", "\"0100-01-01\"", FALSE, NULL },
  { "contract_start", "1899-12-31", "\"1899-12-31\"", FALSE, NULL },
  { "contract_end", "10000-01-01", "\"10000-01-01\"", FALSE, NULL },
  { "contract_end", "next tuesday", "\"next tuesday\"", FALSE, NULL },
  /* End before start; the same day is fine. */
  { "contract_end", "2026-01-01", "\"2026-01-01\"", FALSE, "2026-06-01" },
  { "contract_end", "01.01.2026", "\"2026-01-01\"", FALSE, "2026-06-01" },
  { "contract_end", "2026-06-01", "\"2026-06-01\"", TRUE, "2026-06-01" },
  /* Notice days */
  { "notice_days", "-1", "-1", FALSE, NULL },
  { "notice_days", "0", "0", TRUE, NULL },
  { "notice_days", "90", "90", TRUE, NULL },
  { "notice_days", "3650", "3650", TRUE, NULL },
  { "notice_days", "3651", "3651", FALSE, NULL },
  { "notice_days", "99999", "99999", FALSE, NULL },
  { "notice_days", "ninety", "\"ninety\"", FALSE, NULL },
  /* Money: from 0, below 10^15 minor units */
  { "annual_value_minor", "0", "0", TRUE, NULL },
  { "annual_value_minor", "1,234.56", "123456", TRUE, NULL },
  { "annual_value_minor", "9999999999999.99", "999999999999999", TRUE, NULL },
  { "annual_value_minor", "-5", "-500", FALSE, NULL },
  { "annual_value_minor", "10000000000000", "1000000000000000", FALSE, NULL },
  { "annual_value_minor", "90000000000000000", "9000000000000000000", FALSE, NULL },
  /* Codes */
  { "currency", "eur", "\"EUR\"", TRUE, NULL },
  { "currency", "JPY", "\"JPY\"", TRUE, NULL },
  { "currency", "XXX", "\"XXX\"", FALSE, NULL },
  { "currency", "EURO", "\"EURO\"", FALSE, NULL },
  { "currency", "", NULL, FALSE, NULL },
  { "country", "de", "\"DE\"", TRUE, NULL },
  { "country", "XX", "\"XX\"", FALSE, NULL },
  { "country", "UK", "\"UK\"", FALSE, NULL },
  { "country", "", NULL, TRUE, NULL },
  /* Names */
  { "name", "  Northwind  ", "\"Northwind\"", TRUE, NULL },
  { "name", "", NULL, FALSE, NULL },
};

typedef struct
{
  gboolean  ok;
  char     *message;   /* the rule's words when refused */
  JsonNode *value;     /* the stored value when accepted; NULL when absent */
} Verdict;

static void
verdict_clear (Verdict *v)
{
  g_clear_pointer (&v->message, g_free);
  g_clear_pointer (&v->value, json_node_unref);
}

/* The CSV column id of an account field. */
static const char *
csv_header (const char *field)
{
  return g_str_equal (field, "annual_value_minor") ? "annual_value" : field;
}

static JsonObject *
find_account (RdStore    *store,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_list_documents (store, "account", NULL, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      if (g_strcmp0 (rd_document_get_string (doc, "name"), name) == 0)
        return json_object_ref (doc);
    }

  return NULL;
}

static JsonNode *
member_copy (JsonObject *doc,
             const char *field)
{
  JsonNode *node = json_object_get_member (doc, field);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_copy (node) : NULL;
}

/* A one-row file: name, currency, the field, and the start when given. */
static void
through_csv (RdStore          *store,
             const ParityCase *c,
             guint             i,
             Verdict          *v)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(RdCsvImport) import = NULL;
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *name = g_strdup_printf ("CSV parity %u", i);
  gboolean is_name = g_str_equal (c->field, "name");
  gboolean is_currency = g_str_equal (c->field, "currency");
  const char *cells[4];
  const char *header[4];
  guint n = 0;

  /* A name row names the account itself (one such row is accepted). */
  header[n] = "name", cells[n++] = is_name ? c->typed : name;
  header[n] = "currency", cells[n++] = is_currency ? c->typed : "EUR";
  if (!is_name && !is_currency)
    header[n] = csv_header (c->field), cells[n++] = c->typed;
  if (c->start != NULL)
    header[n] = "contract_start", cells[n++] = c->start;
  rd_csv_append_row (csv, header, n, ',');
  rd_csv_append_row (csv, cells, n, ',');

  import = rd_csv_import_new_for_data (csv->str, csv->len, &error);
  g_assert_no_error (error);
  v->ok = rd_csv_import_run (import, store, FALSE, NULL, NULL, NULL, &report, &error);
  if (!v->ok)
    {
      RdCsvProblem *problem;

      g_assert_error (error, RD_CSV_ERROR, RD_CSV_ERROR_RAGGED_ROW);
      g_assert_nonnull (report);
      g_assert_cmpuint (report->problems->len, ==, 1);
      problem = g_ptr_array_index (report->problems, 0);
      v->message = g_strdup (problem->message);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 1);
  stored = find_account (store, is_name ? "Northwind" : name);
  g_assert_nonnull (stored);
  v->value = member_copy (stored, c->field);
}

/* A document, as --import-json and sync take it. */
static void
through_json (RdStore          *store,
              const ParityCase *c,
              guint             i,
              Verdict          *v)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *doc_id = g_strconcat ("account:", uuid, NULL);
  g_autofree char *name = g_strdup_printf ("JSON parity %u", i);

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", "account");
  json_object_set_string_member (doc, "name", name);
  json_object_set_string_member (doc, "currency", "EUR");
  if (c->start != NULL)
    json_object_set_string_member (doc, "contract_start", c->start);
  if (c->json != NULL)
    json_object_set_member (doc, c->field, json_from_string (c->json, &error));
  else
    json_object_remove_member (doc, c->field);
  g_assert_no_error (error);

  /* The validator's words, bare, are the other paths' words for the same value. */
  if (!rd_document_check (doc, NULL, &check_error))
    v->message = g_strdup (check_error->message);

  g_ptr_array_add (docs, json_object_ref (doc));
  v->ok = rd_store_import_documents (store, docs, &error);
  g_assert_cmpint (v->ok, ==, check_error == NULL);
  if (!v->ok)
    {
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
      g_assert_true (g_str_has_suffix (error->message, v->message));
      return;
    }

  g_assert_no_error (error);
  stored = rd_store_get_document (store, doc_id, &error);
  g_assert_no_error (error);
  v->value = member_copy (stored, c->field);
}

/* What the account page does with the text of a row. */
static void
through_page (const ParityCase *c,
              Verdict          *v)
{
  g_autoptr(RdAccount) account = rd_account_new ();
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;

  rd_account_set_name (account, "Page parity");
  rd_account_set_currency (account, "EUR");
  if (c->start != NULL)
    {
      g_assert_true (rd_account_set_field_text (account, "contract_start", c->start, &error));
      g_assert_no_error (error);
    }

  v->ok = rd_account_set_field_text (account, c->field, c->typed, &error);
  doc = rd_account_to_document (account);
  if (!v->ok)
    {
      g_autoptr(JsonNode) kept = member_copy (doc, c->field);

      v->message = g_strdup (error->message);
      /* Nothing was set. */
      if (g_str_equal (c->field, "currency"))
        g_assert_cmpstr (rd_account_get_currency (account), ==, "EUR");
      else if (g_str_equal (c->field, "name"))
        g_assert_cmpstr (rd_account_get_name (account), ==, "Page parity");
      else if (!g_str_equal (c->field, "notice_days") && !g_str_equal (c->field, "annual_value_minor"))
        g_assert_true (kept == NULL || g_strcmp0 (json_node_get_string (kept), c->start) == 0);
      return;
    }

  g_assert_no_error (error);
  v->value = member_copy (doc, c->field);
}

/* Whether a document carries the value just as it is typed (ISO dates,
 * whole numbers, upper-case codes): then the words are the same too. */
static gboolean
typed_as_carried (const ParityCase *c)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", c->typed);

  return c->json != NULL && (g_str_equal (c->json, c->typed) || g_str_equal (c->json, quoted));
}

static char *
describe (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("(absent)");
}

static void
test_parity (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (path, NULL, &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ParityCase *c = &cases[i];
      Verdict csv = { 0 }, json = { 0 }, page = { 0 };
      g_autofree char *csv_value = NULL;
      g_autofree char *json_value = NULL;
      g_autofree char *page_value = NULL;

      through_csv (store, c, i, &csv);
      through_json (store, c, i, &json);
      through_page (c, &page);
      csv_value = describe (csv.value);
      json_value = describe (json.value);
      page_value = describe (page.value);

      g_test_message ("%s “%s” (%s): CSV %s %s, JSON %s %s, page %s %s", c->field, c->typed,
                      c->json ? c->json : "absent",
                      csv.ok ? "takes" : "refuses", csv.ok ? csv_value : csv.message,
                      json.ok ? "takes" : "refuses", json.ok ? json_value : json.message,
                      page.ok ? "takes" : "refuses", page.ok ? page_value : page.message);

      g_assert_cmpint (csv.ok, ==, c->ok);
      g_assert_cmpint (json.ok, ==, c->ok);
      g_assert_cmpint (page.ok, ==, c->ok);

      if (c->ok)
        {
          /* The same value stored, whichever way it came in. */
          g_assert_cmpstr (csv_value, ==, json_value);
          g_assert_cmpstr (page_value, ==, json_value);
        }
      else
        {
          /* The same words for the same typed text. */
          g_assert_cmpstr (csv.message, ==, page.message);
          g_assert_nonnull (json.message);
          /* Unless the form is what is wrong: a document is told to use
           * YYYY-MM-DD or a number, a person their region's format too. */
          if (typed_as_carried (c) && strstr (csv.message, "is not a date") == NULL
              && strstr (csv.message, "is not a whole number") == NULL)
            g_assert_cmpstr (json.message, ==, csv.message);
        }

      verdict_clear (&csv);
      verdict_clear (&json);
      verdict_clear (&page);
    }

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* Typed and carried forms of one date: the JSON path refuses what is not
 * ISO, while the typed paths read it. */
static void
test_documents_carry_iso (void)
{
  g_autoptr(JsonNode) typed = json_node_init_string (json_node_alloc (), "31.12.2026");
  g_autoptr(JsonNode) iso = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (rd_document_check_field ("account", "contract_end", typed, NULL, &error));
  g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
  g_clear_error (&error);

  g_assert_true (rd_document_parse_field ("account", "contract_end", "31.12.2026", NULL, &iso,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (iso), ==, "2026-12-31");
  g_assert_true (rd_document_check_field ("account", "contract_end", iso, NULL, &error));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/parity/csv-json-page", test_parity);
  g_test_add_func ("/rules/parity/documents-carry-iso", test_documents_carry_iso);

  return g_test_run ();
}
