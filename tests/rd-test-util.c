/* rd-test-util.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "rd-document.h"
#include "rd-test-util.h"

const char rd_test_fixture_json[] =
  "["
  "{\"_id\": \"account:" ACCOUNT_UUID "\", \"type\": \"account\", \"name\": \"Duna Informatika Kft.\","
  " \"external_id\": \"CRM-1\", \"industry\": \"Software\", \"country\": \"HU\", \"currency\": \"HUF\","
  " \"annual_value_minor\": 1250000000, \"contract_start\": \"2025-04-01\", \"contract_end\": \"2026-03-31\","
  " \"effective_end\": \"2026-05-31\", \"stage\": \"defending\", \"status\": \"active\", \"cash_stability\": \"low\","
  " \"owner\": \"Anna Kovács\", \"auto_renew\": false, \"notice_days\": 90, \"notes\": \"Árvíztűrő tükörfúrógép\","
  " \"risk_score\": 69, \"risk_band\": \"high\", \"risk_factors\": [\"renewal_overdue\", \"cash\", \"stage\"],"
  " \"churn_reason\": \"Competitor pilot\", \"stage_since\": \"2025-10-01\", \"crm_tier\": \"gold\", \"x_nested\": {\"a\": [1, 2, null]}},"
  "{\"_id\": \"contact:" CONTACT_UUID "\", \"type\": \"contact\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"name\": \"Kovács Zoltán\", \"role\": \"champion\", \"email\": \"zoltan@example.hu\", \"phone\": \"+36 1 234 5678\","
  " \"active\": true, \"linkedin\": \"zkovacs\"},"
  "{\"_id\": \"delay:" DELAY_UUID "\", \"type\": \"delay\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"contact_id\": \"" CONTACT_UUID "\", \"communicated_on\": \"2026-02-10\", \"stated_reason\": \"Budget review\","
  " \"cause\": \"budget\", \"signals\": [\"specific_explanation\", \"offered_timeline\"],"
  " \"classification\": \"administrative\", \"classification_override\": \"decision\", \"override_note\": \"CFO new\","
  " \"score\": -2, \"info_by\": \"2026-02-20\", \"reconnect_on\": \"2026-02-25\", \"decision_by\": \"2026-03-15\","
  " \"actions_taken\": \"Called\", \"customer_response\": \"Positive\", \"next_step\": \"Send summary\","
  " \"next_step_on\": \"2026-02-12\", \"help_needed\": \"None\", \"status\": \"open\", \"resolved_on\": \"2026-03-01\","
  " \"outcome\": \"Signed\", \"retrospective\": \"Start earlier\","
  " \"statements\": [{\"contact_id\": \"" CONTACT_UUID "\", \"said\": \"Next week\"}],"
  " \"diagnostics\": {\"who_decides\": \"CFO\", \"budget_confirmed\": true}, \"mood\": 3},"
  "{\"_id\": \"concern:" CONCERN_UUID "\", \"type\": \"concern\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"title\": \"Slow reports\", \"priority\": 1, \"must_fix\": true, \"changes_decision\": false, \"tag\": \"perf\"},"
  "{\"_id\": \"plan:" PLAN_UUID "\", \"type\": \"plan\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"delay_id\": \"" DELAY_UUID "\", \"started_on\": \"2026-02-11\", \"timeframe_days\": 90, \"check_in_days\": 14,"
  " \"progress_criteria\": \"Reports under 2 s\", \"customer_answer\": \"yes\", \"status\": \"active\", \"color\": \"blue\"},"
  "{\"_id\": \"plan_step:66666666-6666-4666-8666-666666666666\", \"type\": \"plan_step\","
  " \"plan_id\": \"" PLAN_UUID "\", \"concern_id\": \"" CONCERN_UUID "\", \"horizon\": \"48h\", \"title\": \"Call CFO\","
  " \"owner\": \"Anna\", \"due_on\": \"2026-02-13\", \"done_on\": \"2026-02-13\", \"effort\": 2},"
  "{\"_id\": \"bridge:77777777-7777-4777-8777-777777777777\", \"type\": \"bridge\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"kind\": \"extension_60\", \"status\": \"accepted\", \"price_minor\": 200000000, \"starts_on\": \"2026-04-01\","
  " \"ends_on\": \"2026-05-31\", \"signed_by\": \"CFO\"},"
  "{\"_id\": \"loss:88888888-8888-4888-8888-888888888888\", \"type\": \"loss\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"reason\": \"competitor\", \"competitor\": \"Acme\", \"details\": \"Cheaper\", \"retrospective\": \"Missed signals\","
  " \"closed_on\": \"2026-06-01\", \"reengage_on\": \"2027-01-15\", \"reopened_on\": \"2027-02-01\", \"win_back\": 0.5},"
  "{\"_id\": \"reminder:99999999-9999-4999-8999-999999999999\", \"type\": \"reminder\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"kind\": \"decision_by\", \"source_id\": \"" DELAY_UUID "\", \"due_at\": \"2026-03-15T08:00:00Z\", \"title\": \"Decision\","
  " \"done_at\": \"2026-03-15T09:00:00Z\", \"snoozed_until\": \"2026-03-14T08:00:00Z\","
  " \"notified_at\": \"2026-03-14T08:00:01.500Z\", \"channel\": \"desktop\"},"
  "{\"_id\": \"event:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa\", \"type\": \"event\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"entity\": \"account\", \"entity_id\": \"" ACCOUNT_UUID "\", \"field\": \"contract_end\","
  " \"old_value\": \"2026-03-01\", \"new_value\": \"2026-03-31\", \"summary\": \"Contract end changed\","
  " \"created_at\": \"2026-01-05T10:00:00.000Z\", \"source\": \"import\"},"
  "{\"_id\": \"activity:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb\", \"type\": \"activity\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"delay_id\": \"" DELAY_UUID "\", \"contact_id\": \"" CONTACT_UUID "\", \"on\": \"2026-02-11\", \"kind\": \"call\","
  " \"summary\": \"Kérdeztük a költségvetést\", \"their_response\": \"Jövő héten döntenek\", \"minutes\": 20},"
  "{\"_id\": \"exchange_rate:cccccccc-cccc-4ccc-8ccc-cccccccccccc\", \"type\": \"exchange_rate\","
  " \"from_currency\": \"EUR\", \"to_currency\": \"HUF\", \"rate\": \"395.25\", \"as_of\": \"2026-02-01\","
  " \"source\": \"ECB\"}"
  "]";

GPtrArray *
rd_test_load_fixture (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *docs = rd_documents_load_data (rd_test_fixture_json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (docs);

  return docs;
}

char *
rd_test_make_tmp_db (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rd-test-XXXXXX", &error);

  g_assert_no_error (error);
  *out_dir = dir;

  return g_build_filename (dir, "sub", "test.db", NULL);
}

void
rd_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

          rd_test_remove_tree (child);
          g_object_unref (info);
        }
    }

  g_remove (path);
}

char *
rd_test_doc_to_string (JsonObject *doc)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), doc);

  return json_to_string (node, FALSE);
}

GBytes *
rd_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

RdStore *
rd_test_open_store (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  RdStore *store = rd_store_new (db_path, NULL, &error);

  g_assert_no_error (error);

  return store;
}

void
rd_test_async_ready_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

GAsyncResult *
rd_test_wait_result (GAsyncResult **result)
{
  GMainContext *context = g_main_context_get_thread_default ();

  while (*result == NULL)
    g_main_context_iteration (context, TRUE);

  return *result;
}

void
rd_test_damage_root_page (const char *path,
                          const char *table)
{
  g_autofree char *garbage = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int page_size, root;
  FILE *file;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT page_size FROM pragma_page_size), "
                                       "rootpage FROM sqlite_master WHERE name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int (stmt, 0);
  root = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (page_size, >, 0);
  g_assert_cmpint (root, >, 1);

  garbage = g_malloc (page_size);
  memset (garbage, 0xff, page_size);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) (root - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, page_size, file), ==, (gsize) page_size);
  g_assert_cmpint (fclose (file), ==, 0);
}
