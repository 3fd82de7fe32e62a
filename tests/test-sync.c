/* test-sync.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two clients (two databases) against a real CouchDB-protocol server that
 * the test starts itself: PouchDB Server from tests/package-lock.json,
 * in memory, on 127.0.0.1 and a free port, with an admin so that
 * authentication is real.
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>
#include <sqlite3.h>

#include "rd-document.h"
#include "rd-store-private.h"
#include "rd-store-sync.h"
#include "rd-store.h"
#include "rd-sync-client.h"
#include "rd-sync-engine.h"
#include "rd-test-couch.h"
#include "rd-test-util.h"

#define ADMIN RD_TEST_COUCH_ADMIN
#define PASSWORD RD_TEST_COUCH_PASSWORD

static RdTestCouch *couch;

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static void
on_pushed_raw_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;
  g_autoptr(JsonArray) answers = rd_sync_client_bulk_docs_finish (RD_SYNC_CLIENT (source), result,
                                                                 &wait->error);

  wait->ok = answers != NULL;
  g_main_loop_quit (wait->loop);
}

static GPtrArray *fetched;

static void
on_fetched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  fetched = rd_sync_client_fetch_documents_finish (RD_SYNC_CLIENT (source), result, &wait->error);
  wait->ok = fetched != NULL;
  g_main_loop_quit (wait->loop);
}

/* A fresh database on the server; returns its URL. */
static char *
new_database (void)
{
  return rd_test_couch_new_database (couch);
}

typedef struct
{
  char    *dir;
  RdStore *store;
} Client;

static Client *
client_new (void)
{
  Client *client = g_new0 (Client, 1);
  g_autofree char *path = rd_test_make_tmp_db (&client->dir);
  g_autoptr(GError) error = NULL;

  client->store = rd_store_new (path, NULL, &error);
  g_assert_no_error (error);
  return client;
}

static void
client_free (Client *client)
{
  g_object_unref (client->store);
  rd_test_remove_tree (client->dir);
  g_free (client->dir);
  g_free (client);
}

static gboolean
sync_full (Client         *client,
           const char     *url,
           guint           page_size,
           guint           fail_after,
           RdSyncSummary  *summary,
           GError        **error)
{
  g_autoptr(RdSyncClient) sync_client = rd_sync_client_new (url, ADMIN, PASSWORD, FALSE, NULL);
  g_autoptr(RdSyncEngine) engine = rd_sync_engine_new (client->store, sync_client);

  if (page_size > 0)
    rd_sync_engine_set_page_size (engine, page_size);
  rd_sync_engine_set_fail_after_pages (engine, fail_after);
  return rd_sync_engine_run (engine, summary, error);
}

static RdSyncSummary
sync_ok (Client     *client,
         const char *url)
{
  g_autoptr(GError) error = NULL;
  RdSyncSummary summary = { 0 };

  g_assert_true (sync_full (client, url, 0, 0, &summary, &error));
  g_assert_no_error (error);
  return summary;
}

static char *
export_text (Client *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_export_documents (client->store, TRUE, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    {
      g_autofree char *doc = rd_test_doc_to_string (g_ptr_array_index (docs, i));

      g_string_append (text, doc);
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
first_account_id (Client *client)
{
  g_autoptr(GPtrArray) docs = rd_store_list_documents (client->store, "account", NULL, NULL, NULL);

  g_assert_nonnull (docs);
  g_assert_cmpuint (docs->len, >, 0);
  return g_strdup (json_object_get_string_member (g_ptr_array_index (docs, 0), "_id"));
}

static void
edit_field (Client     *client,
            const char *doc_id,
            const char *field,
            const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = rd_store_get_document (client->store, doc_id, &error);

  g_assert_no_error (error);
  json_object_set_string_member (doc, field, value);
  rd_store_put_document (client->store, doc, &error);
  g_assert_no_error (error);
  g_usleep (5 * 1000);   /* the next edit gets a later updated_at */
}

static const char *
field_of (Client     *client,
          const char *doc_id,
          const char *field)
{
  static char value[256];
  g_autoptr(JsonObject) doc = rd_store_get_document (client->store, doc_id, NULL);

  g_assert_nonnull (doc);
  g_strlcpy (value, json_object_get_string_member_with_default (doc, field, ""), sizeof value);
  return value;
}

static void
test_create_and_pull (void)
{
  g_autofree char *url = new_database ();
  Client *a = client_new (), *b = client_new ();
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  RdSyncSummary summary;

  g_assert_true (rd_store_fill_sample (a->store, 12, 7, NULL));
  summary = sync_ok (a, url);
  g_assert_cmpuint (summary.pushed, >, 12);
  g_assert_cmpuint (rd_store_sync_count_outgoing (a->store, NULL), ==, 0);

  summary = sync_ok (b, url);
  g_assert_cmpuint (summary.pulled, >, 12);
  g_assert_cmpuint (rd_store_sync_count_outgoing (b->store, NULL), ==, 0);

  /* A second round moves nothing. */
  summary = sync_ok (a, url);
  g_assert_cmpuint (summary.pulled + summary.pushed, ==, 0);

  text_a = export_text (a);
  text_b = export_text (b);
  g_assert_cmpstr (text_a, ==, text_b);

  /* In small pages, accounts are rated before their delays and bridges
   * arrive (from nothing, on a first pull), and again once they are in. */
  {
    Client *c = client_new ();
    g_autofree char *text_c = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (sync_full (c, url, 3, 0, &summary, &error));
    g_assert_no_error (error);
    text_c = export_text (c);
    g_assert_cmpstr (text_a, ==, text_c);
    client_free (c);
  }

  client_free (a);
  client_free (b);
}

/* A pulled account's risk factors are written without a JSON generator:
 * the text must be json-glib's, for any array. */
static void
test_array_text (void)
{
  static const char * const arrays[] = {
    "[]",
    "[\"no_contact\",\"late_payments\"]",
    "[\"a b-c.d:e\",\"Z9\"]",
    "[\"\"]",
    "[\"quote\\\"d\",\"x\"]",
    "[\"back\\\\slash\"]",
    "[\"sl/ash\"]",
    "[\"tab\\there\"]",
    "[\"caf\u00e9\",\"\u65e5\u672c\"]",
    "[\"<&>\"]",
    "[1,\"a\"]",
    "[\"a\",null]",
    "[\"a\",[\"b\"]]",
    "[{\"k\":\"v\"}]",
    "[true]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (arrays[i], &error);
      g_autofree char *expected = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      expected = json_to_string (node, FALSE);
      text = _rd_store_node_to_string (node);
      g_assert_cmpstr (text, ==, expected);
    }
}

static int
append_row_cb (void  *user_data,
               int    n_columns,
               char **values,
               char **names)
{
  GString *text = user_data;

  for (int i = 0; i < n_columns; i++)
    g_string_append_printf (text, "%s=%s%s", names[i], values[i] ? values[i] : "NULL",
                            i + 1 < n_columns ? "|" : "\n");
  return 0;
}

/* Every row of every entity table of @client, by id, all columns. */
static char *
entity_rows_text (Client *client)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const RdEntitySpec *specs;
  guint n_specs;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (rd_store_get_path (client->store), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  specs = rd_entity_specs (&n_specs);
  for (guint s = 0; s < n_specs; s++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", specs[s].table);

      g_string_append_printf (text, "%s:\n", specs[s].table);
      g_assert_cmpint (sqlite3_exec (db, sql, append_row_cb, text, NULL), ==, SQLITE_OK);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Drops every third row of @client and makes the others differ from the
 * server's version (another revision, a kept unknown member), and forgets
 * the checkpoint, so that the next pull writes every row: some new, most
 * updated, in the same page. */
static void
make_rows_stale (Client *client)
{
  const RdEntitySpec *specs;
  guint n_specs;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (rd_store_get_path (client->store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  specs = rd_entity_specs (&n_specs);
  for (guint s = 0; s < n_specs; s++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE rowid %% 3 = 0; "
                                              "UPDATE %s SET rev = '0-stale', "
                                              "extra = '{\"x_stale\":true}'",
                                              specs[s].table, specs[s].table);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM sync_state", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A pull writes a new row (a plain INSERT) as it updates one it had (the
 * upsert): the same columns, the same values. */
static void
test_new_rows_as_updated (void)
{
  g_autofree char *url = new_database ();
  Client *a = client_new (), *b = client_new (), *c = client_new ();
  g_autofree char *rows_b = NULL;
  g_autofree char *rows_c = NULL;
  RdSyncSummary summary;

  g_assert_true (rd_store_fill_sample (a->store, 12, 7, NULL));
  sync_ok (a, url);

  sync_ok (b, url);
  sync_ok (c, url);
  make_rows_stale (c);
  summary = sync_ok (c, url);
  g_assert_cmpuint (summary.pulled, >, 12);

  rows_b = entity_rows_text (b);
  rows_c = entity_rows_text (c);
  g_assert_cmpstr (rows_b, ==, rows_c);

  client_free (a);
  client_free (b);
  client_free (c);
}

/* The base a pull keeps for @doc_id is the server's document (kept as the
 * server sent it), which the next merge compares against. */
static void
assert_base_is_server_document (Client     *client,
                                const char *url,
                                const char *doc_id)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *escaped = g_uri_escape_string (doc_id, NULL, FALSE);
  g_autofree char *doc_url = g_strconcat (url, "/", escaped, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", doc_url);
  g_autofree char *credentials = g_base64_encode ((const guchar *) ADMIN ":" PASSWORD,
                                                  strlen (ADMIN ":" PASSWORD));
  g_autofree char *authorization = g_strconcat ("Basic ", credentials, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) server = NULL;
  g_autoptr(JsonNode) base = NULL;
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  server = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);

  g_assert_true (rd_document_parse_id (doc_id, &type, &uuid));
  sql = g_strdup_printf ("SELECT base FROM %s WHERE id = ?", type);
  g_assert_cmpint (sqlite3_open_v2 (rd_store_get_path (client->store), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  base = json_from_string ((const char *) sqlite3_column_text (stmt, 0), &error);
  g_assert_no_error (error);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_true (json_node_equal (base, server));
}

static void
test_merge_fields (void)
{
  g_autofree char *url = new_database ();
  Client *a = client_new (), *b = client_new ();
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  RdSyncSummary summary;

  g_assert_true (rd_store_fill_sample (a->store, 3, 7, NULL));
  sync_ok (a, url);
  sync_ok (b, url);
  id = first_account_id (a);
  assert_base_is_server_document (b, url, id);

  /* Different fields, offline on both: both kept. */
  edit_field (a, id, "notes", "noted on A");
  edit_field (b, id, "owner", "Owner from B");
  /* A local edit keeps the base of the next merge. */
  assert_base_is_server_document (b, url, id);
  sync_ok (a, url);
  summary = sync_ok (b, url);
  g_assert_cmpuint (summary.merged, ==, 1);
  g_assert_cmpuint (summary.conflicts, ==, 0);
  sync_ok (a, url);
  g_assert_cmpstr (field_of (a, id, "notes"), ==, "noted on A");
  g_assert_cmpstr (field_of (a, id, "owner"), ==, "Owner from B");
  g_assert_cmpstr (field_of (b, id, "notes"), ==, "noted on A");
  g_assert_cmpstr (field_of (b, id, "owner"), ==, "Owner from B");

  /* The same field: the later edit wins, the other value is listed. */
  edit_field (a, id, "notes", "earlier on A");
  edit_field (b, id, "notes", "later on B");
  sync_ok (a, url);
  summary = sync_ok (b, url);
  g_assert_cmpuint (summary.conflicts, ==, 1);
  sync_ok (a, url);
  g_assert_cmpstr (field_of (a, id, "notes"), ==, "later on B");
  g_assert_cmpstr (field_of (b, id, "notes"), ==, "later on B");

  conflicts = rd_store_sync_list_conflicts (b->store, NULL);
  g_assert_cmpuint (conflicts->len, ==, 1);
  {
    RdSyncConflict *conflict = g_ptr_array_index (conflicts, 0);

    g_assert_cmpstr (conflict->field, ==, "notes");
    g_assert_cmpstr (json_node_get_string (conflict->lost), ==, "earlier on A");
    g_assert_cmpstr (json_node_get_string (conflict->kept), ==, "later on B");
    /* Restorable in one call; then it syncs like any edit. */
    g_assert_true (rd_store_sync_restore_conflict (b->store, conflict->id, NULL));
  }
  g_assert_cmpstr (field_of (b, id, "notes"), ==, "earlier on A");
  sync_ok (b, url);
  sync_ok (a, url);
  g_assert_cmpstr (field_of (a, id, "notes"), ==, "earlier on A");
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = rd_store_sync_list_conflicts (b->store, NULL);
  g_assert_cmpuint (conflicts->len, ==, 0);

  client_free (a);
  client_free (b);
}

static void
put_bridge (Client     *client,
            const char *account_id,
            const char *kind,
            const char *starts_on,
            const char *ends_on,
            char      **out_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = rd_document_make_id ("bridge", uuid);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "bridge");
  json_object_set_string_member (doc, "account_id", account_id);
  json_object_set_string_member (doc, "kind", kind);
  json_object_set_string_member (doc, "status", "accepted");
  json_object_set_string_member (doc, "starts_on", starts_on);
  json_object_set_string_member (doc, "ends_on", ends_on);
  json_object_set_int_member (doc, "price_minor", 1000);
  g_assert_true (rd_store_put_document (client->store, doc, &error));
  g_assert_no_error (error);
  *out_id = g_steal_pointer (&id);
}

static guint
count_status_conflicts (Client     *client,
                        const char *doc_id)
{
  g_autoptr(GPtrArray) conflicts = rd_store_sync_list_conflicts (client->store, NULL);
  guint n = 0;

  for (guint i = 0; i < conflicts->len; i++)
    {
      RdSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_str_equal (conflict->doc_id, doc_id) && g_str_equal (conflict->field, "status"))
        n++;
    }
  return n;
}

/* Two desktops accept overlapping bridges offline: sync keeps both, the
 * effective end follows the later one everywhere, and each desktop shows
 * the bridge that arrived as a conflict to resolve. */
static void
test_overlapping_bridges (void)
{
  g_autofree char *url = new_database ();
  Client *a = client_new (), *b = client_new ();
  g_autofree char *account = NULL;
  g_autofree char *ext_id = NULL;
  g_autofree char *pilot_id = NULL;
  const char *account_id;
  RdSyncSummary summary;

  g_assert_true (rd_store_fill_sample (a->store, 3, 7, NULL));
  sync_ok (a, url);
  sync_ok (b, url);
  account = first_account_id (a);
  account_id = account + strlen ("account:");

  put_bridge (a, account_id, "extension_30", "2031-01-01", "2031-01-30", &ext_id);
  put_bridge (b, account_id, "paid_pilot_90", "2031-01-15", "2031-04-14", &pilot_id);
  g_assert_cmpstr (field_of (a, account, "effective_end"), ==, "2031-01-30");
  g_assert_cmpstr (field_of (b, account, "effective_end"), ==, "2031-04-14");

  sync_ok (a, url);
  summary = sync_ok (b, url);
  g_assert_cmpuint (summary.conflicts, >=, 1);
  sync_ok (a, url);

  for (guint i = 0; i < 2; i++)
    {
      Client *c = i == 0 ? a : b;

      g_assert_cmpstr (field_of (c, ext_id, "status"), ==, "accepted");
      g_assert_cmpstr (field_of (c, pilot_id, "status"), ==, "accepted");
      g_assert_cmpstr (field_of (c, account, "effective_end"), ==, "2031-04-14");
    }
  g_assert_cmpuint (count_status_conflicts (b, ext_id), ==, 1);
  g_assert_cmpuint (count_status_conflicts (a, pilot_id), ==, 1);

  client_free (a);
  client_free (b);
}

static void
test_delete (void)
{
  g_autofree char *url = new_database ();
  Client *a = client_new (), *b = client_new ();
  g_autofree char *id = NULL;
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GPtrArray) left = NULL;
  guint before;

  g_assert_true (rd_store_fill_sample (a->store, 4, 7, NULL));
  sync_ok (a, url);
  sync_ok (b, url);
  id = first_account_id (a);
  rd_document_parse_id (id, &type, &uuid);
  before = rd_store_list_documents (b->store, "account", NULL, NULL, NULL)->len;

  g_assert_true (rd_store_delete_document (a->store, id, NULL));
  sync_ok (a, url);
  sync_ok (b, url);

  left = rd_store_list_documents (b->store, "account", NULL, NULL, NULL);
  g_assert_cmpuint (left->len, ==, before - 1);
  g_assert_null (rd_store_get_account (b->store, uuid, NULL));
  g_assert_cmpstr (export_text (a), ==, export_text (b));

  client_free (a);
  client_free (b);
}

static void
test_forward_compatible (void)
{
  g_autofree char *url = new_database ();
  Client *a = client_new (), *b = client_new ();
  g_autoptr(RdSyncClient) raw = rd_sync_client_new (url, ADMIN, PASSWORD, FALSE, NULL);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *id = NULL;
  JsonObject *widget, *account;
  Wait wait = { g_main_loop_new (NULL, FALSE), FALSE, NULL };

  g_assert_true (rd_store_fill_sample (a->store, 2, 7, NULL));
  sync_ok (a, url);
  id = first_account_id (a);

  /* A newer Renewal Desk wrote a type and a field this one does not know. */
  widget = json_object_new ();
  json_object_set_string_member (widget, "_id", "widget:1");
  json_object_set_string_member (widget, "type", "widget");
  json_object_set_int_member (widget, "size", 3);
  g_ptr_array_add (docs, widget);
  account = rd_store_get_document (a->store, id, NULL);
  json_object_set_string_member (account, "x_future", "keep me");
  g_ptr_array_add (docs, account);
  rd_sync_client_bulk_docs_async (raw, docs, NULL, on_pushed_raw_cb, &wait);
  g_main_loop_run (wait.loop);
  g_assert_no_error (wait.error);

  sync_ok (b, url);
  g_assert_cmpuint (rd_store_sync_count_foreign (b->store, NULL), ==, 1);

  /* B edits the account: the unknown field goes back unchanged. */
  edit_field (b, id, "notes", "edited on an older version");
  sync_ok (b, url);

  g_ptr_array_add (ids, (gpointer) id);
  g_ptr_array_add (ids, (gpointer) "widget:1");
  rd_sync_client_fetch_documents_async (raw, ids, NULL, on_fetched_cb, &wait);
  g_main_loop_run (wait.loop);
  g_assert_no_error (wait.error);
  g_assert_cmpuint (fetched->len, ==, 2);
  for (guint i = 0; i < fetched->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (fetched, i);

      if (g_str_equal (json_object_get_string_member (doc, "_id"), "widget:1"))
        g_assert_cmpint (json_object_get_int_member (doc, "size"), ==, 3);
      else
        {
          g_assert_cmpstr (json_object_get_string_member (doc, "x_future"), ==, "keep me");
          g_assert_cmpstr (json_object_get_string_member (doc, "notes"), ==,
                           "edited on an older version");
        }
    }
  g_clear_pointer (&fetched, g_ptr_array_unref);
  g_main_loop_unref (wait.loop);

  client_free (a);
  client_free (b);
}

static void
test_interrupted_pull (void)
{
  g_autofree char *url = new_database ();
  Client *a = client_new (), *c = client_new ();
  g_autoptr(GError) error = NULL;
  RdSyncSummary summary = { 0 };
  g_autofree char *text_a = NULL;
  g_autofree char *text_c = NULL;

  g_assert_true (rd_store_fill_sample (a->store, 30, 7, NULL));
  sync_ok (a, url);

  /* "Killed" right after the second page was committed. */
  g_assert_false (sync_full (c, url, 10, 2, &summary, &error));
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INTERRUPTED);
  g_assert_cmpuint (summary.pages, ==, 2);
  g_clear_error (&error);

  /* Resumes from the checkpoint: no gap, no duplicate. */
  g_assert_true (sync_full (c, url, 10, 0, &summary, &error));
  g_assert_no_error (error);
  text_a = export_text (a);
  text_c = export_text (c);
  g_assert_cmpstr (text_a, ==, text_c);
  g_assert_cmpuint (rd_store_sync_count_outgoing (c->store, NULL), ==, 0);

  client_free (a);
  client_free (c);
}

static void
test_insecure_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSyncClient) client = NULL;

  client = rd_sync_client_new ("http://couch.example.com/renewals", "ann", "pw", FALSE, &error);
  g_assert_null (client);
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INSECURE);
  g_clear_error (&error);

  client = rd_sync_client_new ("http://ann:pw@couch.example.com/renewals", NULL, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_sync_client_get_url (client), ==, "http://couch.example.com/renewals");
  g_assert_cmpstr (rd_sync_client_get_user (client), ==, "ann");
  g_clear_object (&client);

  client = rd_sync_client_new ("http://127.0.0.1:5984/renewals", "ann", "pw", FALSE, &error);
  g_assert_no_error (error);
}

static void
test_wrong_password (void)
{
  g_autofree char *url = new_database ();
  Client *a = client_new ();
  g_autoptr(RdSyncClient) client = rd_sync_client_new (url, ADMIN, "Wr0ng-Secret", FALSE, NULL);
  g_autoptr(RdSyncEngine) engine = rd_sync_engine_new (a->store, client);
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_store_fill_sample (a->store, 2, 7, NULL));
  g_assert_false (rd_sync_engine_run (engine, NULL, &error));
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_UNAUTHORIZED);
  g_assert_false (rd_sync_error_is_transient (error));
  g_assert_null (strstr (error->message, "Wr0ng-Secret"));
  g_assert_nonnull (strstr (error->message, "password"));
  /* Nothing changed locally. */
  g_assert_cmpuint (rd_store_sync_count_outgoing (a->store, NULL), >, 0);

  client_free (a);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  couch = rd_test_couch_start (0);

  g_test_add_func ("/sync/create-and-pull", test_create_and_pull);
  g_test_add_func ("/sync/new-rows-as-updated", test_new_rows_as_updated);
  g_test_add_func ("/sync/array-text", test_array_text);
  g_test_add_func ("/sync/merge-fields", test_merge_fields);
  g_test_add_func ("/sync/delete", test_delete);
  g_test_add_func ("/sync/overlapping-bridges", test_overlapping_bridges);
  g_test_add_func ("/sync/forward-compatible", test_forward_compatible);
  g_test_add_func ("/sync/interrupted-pull", test_interrupted_pull);
  g_test_add_func ("/sync/insecure-refused", test_insecure_refused);
  g_test_add_func ("/sync/wrong-password", test_wrong_password);

  status = g_test_run ();
  rd_test_couch_stop (couch);
  return status;
}
