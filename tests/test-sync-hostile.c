/* test-sync-hostile.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync client against a hostile server: an in-process SoupServer on
 * 127.0.0.1, on a thread of its own, that answers with nesting, loops,
 * trickles, floods, bad revisions, invalid documents, conflicts, redirects
 * and terminal escapes.  Each test asserts that the sync ends, in bounded
 * time, with a clear error (or a clear report), and that the database is
 * left consistent.  Every test starts its own servers and database.
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "rd-document.h"
#include "rd-store-sync.h"
#include "rd-store.h"
#include "rd-sync-client.h"
#include "rd-sync-engine.h"
#include "rd-sync-json.h"
#include "rd-test-util.h"

/* The server */

typedef struct _Hostile Hostile;

typedef void (*Behaviour) (Hostile           *h,
                           SoupServerMessage *msg,
                           const char        *method,
                           const char        *path,
                           GBytes            *body);

struct _Hostile
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GPtrArray    *sources;     /* server thread only */
  guint16       port;
  char         *root;        /* http://127.0.0.1:PORT */
  char         *url;         /* root/db */
  Behaviour     behaviour;
  gpointer      data;        /* for the behaviour */
  char         *other_root;  /* where a redirect points */

  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GPtrArray    *log;         /* "METHOD /path bytes", under lock */

  int           requests;    /* atomic */
  int           changes_requests;
  int           bulk_requests;
  int           counter;     /* for the behaviour, server thread only */
};

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
respond_take (SoupServerMessage *msg,
              guint              status,
              char              *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static JsonNode *
body_json (GBytes *body)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  g_autofree char *text = g_strndup (data, size);

  return json_from_string (text, NULL);
}

/* {"docs": [...]} → every doc accepted with a fresh revision. */
static char *
accept_all (GBytes *body)
{
  g_autoptr(JsonNode) root = body_json (body);
  JsonArray *docs = json_object_get_array_member (json_node_get_object (root), "docs");
  GString *text = g_string_new ("[");

  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);

      g_string_append_printf (text, "%s{\"id\": \"%s\", \"rev\": \"1-ok\", \"ok\": true}",
                              i > 0 ? ", " : "", json_object_get_string_member (doc, "_id"));
    }
  g_string_append (text, "]");
  return g_string_free (text, FALSE);
}

/* A well-behaved, empty database that takes every push. */
static void
behave (Hostile           *h,
        SoupServerMessage *msg,
        const char        *method,
        const char        *path,
        GBytes            *body)
{
  if (g_str_has_suffix (path, "/_changes"))
    respond (msg, 200, "{\"results\": [], \"last_seq\": \"0\", \"pending\": 0}");
  else if (g_str_has_suffix (path, "/_bulk_docs") || g_str_has_suffix (path, "/_bulk_docs_moved"))
    respond_take (msg, 201, accept_all (body));
  else if (g_str_has_suffix (path, "/_all_docs"))
    respond (msg, 200, "{\"rows\": []}");
  else
    respond (msg, 200, "{\"db_name\": \"db\"}");
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Hostile *h = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  g_atomic_int_inc (&h->requests);
  if (g_str_has_suffix (path, "/_changes"))
    g_atomic_int_inc (&h->changes_requests);
  if (g_str_has_prefix (path, "/db/_bulk_docs"))
    g_atomic_int_inc (&h->bulk_requests);

  g_mutex_lock (&h->lock);
  g_ptr_array_add (h->log, g_strdup_printf ("%s %s %" G_GSIZE_FORMAT, method, path,
                                            g_bytes_get_size (body)));
  g_mutex_unlock (&h->lock);

  (h->behaviour ? h->behaviour : behave) (h, msg, method, path, body);
}

static gpointer
server_thread (gpointer data)
{
  Hostile *h = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (h->context);
  h->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (h->server, NULL, on_request_cb, h, NULL);
  soup_server_listen_local (h->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (h->server);
  h->port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&h->lock);
  h->ready = TRUE;
  g_cond_signal (&h->cond);
  g_mutex_unlock (&h->lock);

  g_main_loop_run (h->loop);

  for (guint i = 0; i < h->sources->len; i++)
    g_source_destroy (g_ptr_array_index (h->sources, i));
  soup_server_disconnect (h->server);
  g_clear_object (&h->server);
  while (g_main_context_iteration (h->context, FALSE))
    ;
  g_main_context_pop_thread_default (h->context);
  return NULL;
}

static Hostile *
hostile_start (Behaviour behaviour)
{
  Hostile *h = g_new0 (Hostile, 1);

  h->behaviour = behaviour;
  h->context = g_main_context_new ();
  h->loop = g_main_loop_new (h->context, FALSE);
  h->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  h->log = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&h->lock);
  g_cond_init (&h->cond);
  h->thread = g_thread_new ("hostile-server", server_thread, h);

  g_mutex_lock (&h->lock);
  while (!h->ready)
    g_cond_wait (&h->cond, &h->lock);
  g_mutex_unlock (&h->lock);

  h->root = g_strdup_printf ("http://127.0.0.1:%u", h->port);
  h->url = g_strconcat (h->root, "/db", NULL);
  return h;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
hostile_stop (Hostile *h)
{
  g_main_context_invoke (h->context, quit_cb, h->loop);
  g_thread_join (h->thread);
  g_main_loop_unref (h->loop);
  g_main_context_unref (h->context);
  g_ptr_array_unref (h->sources);
  g_ptr_array_unref (h->log);
  g_mutex_clear (&h->lock);
  g_cond_clear (&h->cond);
  g_free (h->root);
  g_free (h->url);
  g_free (h->other_root);
  g_free (h);
}

/* Sends @chunk to @msg every @interval_ms until the client goes. */
typedef struct
{
  SoupServerMessage *msg;
  GSource           *source;
  const char        *chunk;
  gsize              size;
  char              *reply;    /* for a delayed answer: sent once, then done */
  guint              status;
} Drip;

static void
drip_free (gpointer data)
{
  Drip *drip = data;

  g_object_unref (drip->msg);
  g_free (drip->reply);
  g_free (drip);
}

static void
on_drip_finished_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  GSource *source = user_data;

  g_source_destroy (source);
}

static gboolean
drip_cb (gpointer data)
{
  Drip *drip = data;

  if (drip->reply != NULL)
    {
      gsize size = strlen (drip->reply);

      soup_server_message_set_status (drip->msg, drip->status, NULL);
      soup_server_message_set_response (drip->msg, "application/json", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&drip->reply), size);
      soup_server_message_unpause (drip->msg);
      return G_SOURCE_REMOVE;
    }
  soup_message_body_append (soup_server_message_get_response_body (drip->msg), SOUP_MEMORY_STATIC,
                            drip->chunk, drip->size);
  soup_server_message_unpause (drip->msg);
  return G_SOURCE_CONTINUE;
}

static void
drip_start (Hostile           *h,
            SoupServerMessage *msg,
            guint              interval_ms,
            const char        *chunk,
            gsize              size,
            char              *reply,
            guint              status)
{
  Drip *drip = g_new0 (Drip, 1);

  drip->msg = g_object_ref (msg);
  drip->chunk = chunk;
  drip->size = size;
  drip->reply = reply;
  drip->status = status;
  drip->source = g_timeout_source_new (interval_ms);
  g_source_set_callback (drip->source, drip_cb, drip, drip_free);
  g_source_attach (drip->source, h->context);
  g_ptr_array_add (h->sources, g_source_ref (drip->source));
  g_signal_connect (msg, "finished", G_CALLBACK (on_drip_finished_cb), drip->source);

  if (reply == NULL)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             "application/json", NULL);
    }
  soup_server_message_pause (msg);
}

/* The client */

typedef struct
{
  guint request_s;
  gsize max_answer;
  guint max_pages;
  guint push_batch;
  guint deadline_s;
} Limits;

typedef struct
{
  char          *dir;
  RdStore       *store;
  RdSyncSummary  summary;
  GError        *error;
  gint64         elapsed_ms;
  GPtrArray     *quarantined;
} Desk;

static Desk *
desk_new (guint accounts)
{
  Desk *desk = g_new0 (Desk, 1);
  g_autofree char *path = rd_test_make_tmp_db (&desk->dir);
  g_autoptr(GError) error = NULL;

  desk->store = rd_store_new (path, NULL, &error);
  g_assert_no_error (error);
  if (accounts > 0)
    g_assert_true (rd_store_fill_sample (desk->store, accounts, 7, NULL));
  return desk;
}

static void
desk_free (Desk *desk)
{
  g_clear_error (&desk->error);
  g_clear_pointer (&desk->quarantined, g_ptr_array_unref);
  g_object_unref (desk->store);
  rd_test_remove_tree (desk->dir);
  g_free (desk->dir);
  g_free (desk);
}

static gboolean
desk_sync (Desk         *desk,
           const char   *url,
           const Limits *limits)
{
  g_autoptr(RdSyncClient) client = rd_sync_client_new (url, "ann", "pw", FALSE, NULL);
  g_autoptr(RdSyncEngine) engine = rd_sync_engine_new (desk->store, client);
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_clear_error (&desk->error);
  g_clear_pointer (&desk->quarantined, g_ptr_array_unref);
  memset (&desk->summary, 0, sizeof desk->summary);
  if (limits != NULL)
    {
      rd_sync_client_set_limits (client, limits->request_s, limits->max_answer);
      rd_sync_engine_set_limits (engine, limits->max_pages, limits->push_batch, limits->deadline_s);
    }
  ok = rd_sync_engine_run (engine, &desk->summary, &desk->error);
  desk->elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  if (rd_sync_engine_get_quarantined (engine) != NULL)
    desk->quarantined = g_ptr_array_ref (rd_sync_engine_get_quarantined (engine));
  g_test_message ("sync: %s in %" G_GINT64_FORMAT " ms: %s", ok ? "ok" : "failed",
                  desk->elapsed_ms, desk->error ? desk->error->message : "");
  return ok;
}

static char *
checkpoint (Desk       *desk,
            const char *url)
{
  g_autofree char *key = g_strconcat ("pull:", url, NULL);

  return rd_store_sync_get_state (desk->store, key, NULL);
}

static guint
outgoing (Desk *desk)
{
  return rd_store_sync_count_outgoing (desk->store, NULL);
}

static char *
first_account_id (Desk *desk)
{
  g_autoptr(GPtrArray) docs = rd_store_list_documents (desk->store, "account", NULL, NULL, NULL);

  g_assert_cmpuint (docs->len, >, 0);
  return g_strdup (json_object_get_string_member (g_ptr_array_index (docs, 0), "_id"));
}

/* Nothing a server says reaches the user raw: no control characters, and
 * not much of it. */
static void
assert_printable (const char *message)
{
  g_assert_true (g_utf8_validate (message, -1, NULL));
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
  g_assert_cmpuint (strlen (message), <, 1000);
}

static void
assert_failed (Desk         *desk,
               GQuark        domain,
               int           code,
               const char   *words)
{
  g_assert_nonnull (desk->error);
  g_assert_error (desk->error, domain, code);
  if (strstr (desk->error->message, words) == NULL)
    g_error ("“%s” not in “%s”", words, desk->error->message);
  assert_printable (desk->error->message);
  /* Bounded: each of these would otherwise run until the test's timeout. */
  g_assert_cmpint (desk->elapsed_ms, <, 60 * 1000);
}

#define HOSTILE_UUID "6a0f1c9e-1d7e-4a53-8f43-0c1f7a5b3e21"
#define VALID_DOC "{\"_id\": \"account:" HOSTILE_UUID "\", \"_rev\": \"1-a\", \"type\": \"account\", " \
                  "\"name\": \"Acme\", \"currency\": \"EUR\", \"updated_at\": \"2026-01-01T00:00:00Z\"}"
#define VALID_CHANGE "{\"seq\": 1, \"id\": \"account:" HOSTILE_UUID "\", " \
                     "\"changes\": [{\"rev\": \"1-a\"}], \"doc\": " VALID_DOC "}"

static char *
repeat (const char *prefix,
        char        c,
        gsize       n,
        const char *suffix)
{
  GString *text = g_string_new (prefix);

  for (gsize i = 0; i < n; i++)
    g_string_append_c (text, c);
  g_string_append (text, suffix);
  return g_string_free (text, FALSE);
}

/* The next page is asked for on a guess at the checkpoint, taken from the
 * end of the answer before it is parsed: a right guess costs no request,
 * a wrong one is never applied. */

#define PAGED_DOC "{\"_id\": \"account:6a0f1c9e-1d7e-4a53-8f43-0c1f7a5b3e%02d\", " \
                     "\"_rev\": \"1-a\", \"type\": \"account\", \"name\": \"Acme %d\", " \
                     "\"currency\": \"EUR\", \"updated_at\": \"2026-01-01T00:00:00Z\"}"

static void
paged_behaviour (Hostile           *h,
                 SoupServerMessage *msg,
                 const char        *method,
                 const char        *path,
                 GBytes            *body)
{
  g_autoptr(GHashTable) query = NULL;
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autofree char *doc = NULL;
  gint64 since;

  if (!g_str_has_suffix (path, "/_changes"))
    {
      behave (h, msg, method, path, body);
      return;
    }

  query = g_uri_parse_params (raw_query ? raw_query : "", -1, "&", G_URI_PARAMS_NONE, NULL);
  since = g_ascii_strtoll (g_hash_table_lookup (query, "since"), NULL, 10);
  /* Asked for on a wrong guess: a document that must never be applied. */
  if (since == 99)
    {
      doc = g_strdup_printf (PAGED_DOC, 99, 99);
      respond_take (msg, 200, g_strdup_printf ("{\"results\": [{\"seq\": 100, \"id\": "
                                               "\"account:6a0f1c9e-1d7e-4a53-8f43-0c1f7a5b3e99\", "
                                               "\"doc\": %s}], \"last_seq\": 100, "
                                               "\"pending\": 0}", doc));
      return;
    }

  doc = g_strdup_printf (PAGED_DOC, (int) since, (int) since);
  respond_take (msg, 200,
                g_strdup_printf ("{\"results\": [{\"seq\": %d, \"id\": "
                                 "\"account:6a0f1c9e-1d7e-4a53-8f43-0c1f7a5b3e%02d\", "
                                 "\"doc\": %s}], \"last_seq\": %d, \"pending\": %d%s}",
                                 (int) since + 1, (int) since, doc, (int) since + 1,
                                 (int) (2 - since),
                                 g_str_equal (h->data, "lying") ? ", \"note\": {\"last_seq\": 99}"
                                                                : ""));
}

static void
test_pages_ahead (void)
{
  const char *modes[] = { "honest", "lying" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      Hostile *h = hostile_start (paged_behaviour);
      Desk *desk = desk_new (0);
      g_autofree char *seq = NULL;
      g_autoptr(JsonObject) wrong = NULL;

      h->data = (gpointer) modes[i];
      g_assert_true (desk_sync (desk, h->url, NULL));
      g_assert_no_error (desk->error);
      g_test_message ("%s: %d requests", modes[i], g_atomic_int_get (&h->changes_requests));
      g_assert_cmpuint (desk->summary.pages, ==, 3);
      g_assert_cmpuint (desk->summary.pulled, ==, 3);
      seq = checkpoint (desk, h->url);
      g_assert_cmpstr (seq, ==, "3");
      for (guint n = 0; n < 3; n++)
        {
          g_autofree char *id = g_strdup_printf ("account:6a0f1c9e-1d7e-4a53-8f43-0c1f7a5b3e%02u", n);
          g_autoptr(JsonObject) doc = rd_store_get_document (desk->store, id, NULL);

          g_assert_nonnull (doc);
        }
      wrong = rd_store_get_document (desk->store, "account:6a0f1c9e-1d7e-4a53-8f43-0c1f7a5b3e99",
                                     NULL);
      g_assert_null (wrong);
      /* Honest: each page asked for once, none after the last.  Lying:
       * at most one wasted request per page. */
      if (i == 0)
        g_assert_cmpint (g_atomic_int_get (&h->changes_requests), ==, 3);
      else
        g_assert_cmpint (g_atomic_int_get (&h->changes_requests), <=, 6);

      desk_free (desk);
      hostile_stop (h);
    }
}

/* 2. Deep nesting in an answer, a success or an error body */

static void
deep_behaviour (Hostile           *h,
                SoupServerMessage *msg,
                const char        *method,
                const char        *path,
                GBytes            *body)
{
  const char *mode = h->data;

  if (!g_str_has_suffix (path, "/_changes"))
    behave (h, msg, method, path, body);
  else if (g_str_equal (mode, "success"))
    respond_take (msg, 200, repeat ("", '[', 100000, ""));
  else if (g_str_equal (mode, "error"))
    respond_take (msg, 400, repeat ("{\"error\": \"bad\", \"reason\": ", '[', 100000, ""));
  else if (g_str_equal (mode, "comment"))
    respond_take (msg, 200, repeat ("/* \" */", '[', 100000, ""));
  else
    respond (msg, 200, "{\"results\": [{\"seq\": 1, \"id\": \"account:" HOSTILE_UUID "\", "
                       "\"doc\": {\"_id\": \"account:" HOSTILE_UUID "\", \"_rev\": \"1-a\", "
                       "\"type\": \"account\", \"name\": \"Ac\\u0000me\", \"currency\": \"EUR\"}}], "
                       "\"last_seq\": \"1\", \"pending\": 0}");
}

static void
test_deep_json (void)
{
  const char *modes[] = { "success", "error", "comment", "nul" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      Hostile *h = hostile_start (deep_behaviour);
      Desk *desk = desk_new (2);
      guint before = outgoing (desk);
      g_autofree char *seq = NULL;

      h->data = (gpointer) modes[i];
      g_assert_false (desk_sync (desk, h->url, NULL));
      if (g_str_equal (modes[i], "error"))
        assert_failed (desk, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL, "refused the request (400");
      else
        assert_failed (desk, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL, "unreadable answer");
      if (g_str_equal (modes[i], "nul"))
        g_assert_nonnull (strstr (desk->error->message, "NUL"));
      /* Nothing applied, nothing pushed, no checkpoint. */
      seq = checkpoint (desk, h->url);
      g_assert_null (seq);
      g_assert_cmpuint (outgoing (desk), ==, before);
      g_assert_cmpint (g_atomic_int_get (&h->bulk_requests), ==, 0);

      desk_free (desk);
      hostile_stop (h);
    }
}

/* 3. A pull that does not get any further */

static void
loop_behaviour (Hostile           *h,
                SoupServerMessage *msg,
                const char        *method,
                const char        *path,
                GBytes            *body)
{
  const char *mode = h->data;
  int n;

  if (!g_str_has_suffix (path, "/_changes"))
    {
      behave (h, msg, method, path, body);
      return;
    }

  n = h->counter++;
  if (g_str_equal (mode, "same"))
    respond (msg, 200, "{\"results\": [" VALID_CHANGE "], \"last_seq\": \"5\", \"pending\": 3}");
  else if (g_str_equal (mode, "circle"))
    respond_take (msg, 200, g_strdup_printf ("{\"results\": [" VALID_CHANGE "], \"last_seq\": "
                                             "\"%s\", \"pending\": 1}", n % 2 ? "b" : "a"));
  else   /* endless: a new checkpoint every time, always more */
    respond_take (msg, 200, g_strdup_printf ("{\"results\": [" VALID_CHANGE "], \"last_seq\": "
                                             "%d, \"pending\": 1000000}", n + 1));
}

static void
test_same_checkpoint (void)
{
  const char *modes[] = { "same", "circle" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      Hostile *h = hostile_start (loop_behaviour);
      Desk *desk = desk_new (0);
      g_autofree char *seq = NULL;

      h->data = (gpointer) modes[i];
      g_assert_false (desk_sync (desk, h->url, NULL));
      assert_failed (desk, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL, "same changes again");
      g_test_message ("%s: %d requests", modes[i], g_atomic_int_get (&h->changes_requests));
      g_assert_cmpint (g_atomic_int_get (&h->changes_requests), <=, 4);
      /* What was applied is applied with its checkpoint. */
      seq = checkpoint (desk, h->url);
      g_assert_nonnull (seq);
      {
        g_autoptr(JsonObject) doc = rd_store_get_document (desk->store, "account:" HOSTILE_UUID, NULL);

        g_assert_nonnull (doc);
      }

      desk_free (desk);
      hostile_stop (h);
    }
}

static void
test_endless_pages (void)
{
  Hostile *h = hostile_start (loop_behaviour);
  Desk *desk = desk_new (0);
  Limits limits = { .max_pages = 20 };
  g_autofree char *seq = NULL;
  g_autofree char *text = NULL;

  h->data = (gpointer) "endless";
  g_assert_true (desk_sync (desk, h->url, &limits));
  g_assert_no_error (desk->error);
  g_assert_true (desk->summary.more_to_pull);
  g_assert_cmpuint (desk->summary.pages, ==, 20);
  g_assert_cmpint (g_atomic_int_get (&h->changes_requests), ==, 20);
  seq = checkpoint (desk, h->url);
  g_assert_cmpstr (seq, ==, "20");
  text = rd_sync_summary_to_string (&desk->summary);
  g_assert_nonnull (strstr (text, "more to pull"));

  desk_free (desk);
  hostile_stop (h);
}

/* 4. Trickling answers: a deadline per request and for the whole sync */

static void
slow_behaviour (Hostile           *h,
                SoupServerMessage *msg,
                const char        *method,
                const char        *path,
                GBytes            *body)
{
  const char *mode = h->data;

  if (!g_str_has_suffix (path, "/_changes"))
    behave (h, msg, method, path, body);
  else if (g_str_equal (mode, "trickle"))
    drip_start (h, msg, 200, " ", 1, NULL, 0);
  else   /* every page in 400 ms, for ever */
    drip_start (h, msg, 400, NULL, 0,
                g_strdup_printf ("{\"results\": [" VALID_CHANGE "], \"last_seq\": %d, "
                                 "\"pending\": 1000000}", ++h->counter), 200);
}

static void
test_trickle (void)
{
  Hostile *h = hostile_start (slow_behaviour);
  Desk *desk = desk_new (1);
  Limits limits = { .request_s = 2 };
  guint before = outgoing (desk);

  h->data = (gpointer) "trickle";
  g_assert_false (desk_sync (desk, h->url, &limits));
  assert_failed (desk, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "did not answer within 2 seconds");
  g_assert_cmpint (desk->elapsed_ms, <, 10 * 1000);
  g_assert_cmpuint (outgoing (desk), ==, before);

  desk_free (desk);
  hostile_stop (h);
}

static void
test_sync_deadline (void)
{
  Hostile *h = hostile_start (slow_behaviour);
  Desk *desk = desk_new (0);
  Limits limits = { .deadline_s = 2 };
  g_autofree char *seq = NULL;

  h->data = (gpointer) "slow-pages";
  g_assert_false (desk_sync (desk, h->url, &limits));
  assert_failed (desk, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "took longer than");
  g_assert_cmpint (desk->elapsed_ms, <, 10 * 1000);
  /* The pages it finished are kept, with their checkpoint. */
  seq = checkpoint (desk, h->url);
  g_assert_nonnull (seq);
  g_assert_cmpuint (desk->summary.pages, >, 0);

  desk_free (desk);
  hostile_stop (h);
}

/* 5. A flood */

static char flood_chunk[256 * 1024];

static void
flood_behaviour (Hostile           *h,
                 SoupServerMessage *msg,
                 const char        *method,
                 const char        *path,
                 GBytes            *body)
{
  const char *mode = h->data;

  if (!g_str_has_suffix (path, "/_changes"))
    behave (h, msg, method, path, body);
  else if (g_str_equal (mode, "length"))
    {
      gsize size = 8 * 1024 * 1024;
      char *text = g_malloc (size + 1);

      memset (text, ' ', size);
      text[size] = '\0';
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, size);
    }
  else
    {
      memset (flood_chunk, ' ', sizeof flood_chunk);
      drip_start (h, msg, 1, flood_chunk, sizeof flood_chunk, NULL, 0);
    }
}

static void
test_huge_answer (void)
{
  const char *modes[] = { "length", "chunked" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      Hostile *h = hostile_start (flood_behaviour);
      Desk *desk = desk_new (1);
      Limits limits = { .max_answer = 1024 * 1024 };
      guint before = outgoing (desk);

      h->data = (gpointer) modes[i];
      g_assert_false (desk_sync (desk, h->url, &limits));
      assert_failed (desk, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL, "larger than 1 MiB");
      g_assert_cmpuint (outgoing (desk), ==, before);

      desk_free (desk);
      hostile_stop (h);
    }
}

/* 6. A server document that fails validation and is newer than ours */

static void
invalid_behaviour (Hostile           *h,
                   SoupServerMessage *msg,
                   const char        *method,
                   const char        *path,
                   GBytes            *body)
{
  const char *invalid = h->data;   /* the server's version of one account */
  g_autoptr(JsonNode) doc = json_from_string (invalid, NULL);
  const char *id = json_object_get_string_member (json_node_get_object (doc), "_id");

  if (g_str_has_suffix (path, "/_bulk_docs"))
    {
      g_autoptr(JsonNode) root = body_json (body);
      JsonArray *docs = json_object_get_array_member (json_node_get_object (root), "docs");
      GString *text = g_string_new ("[");

      for (guint i = 0; i < json_array_get_length (docs); i++)
        {
          const char *doc_id = json_object_get_string_member (json_array_get_object_element (docs, i),
                                                              "_id");

          if (g_str_equal (doc_id, id))
            g_string_append_printf (text, "%s{\"id\": \"%s\", \"error\": \"conflict\", "
                                    "\"reason\": \"Document update conflict.\"}",
                                    i > 0 ? ", " : "", doc_id);
          else
            g_string_append_printf (text, "%s{\"id\": \"%s\", \"rev\": \"1-ok\", \"ok\": true}",
                                    i > 0 ? ", " : "", doc_id);
        }
      g_string_append (text, "]");
      respond_take (msg, 201, g_string_free (text, FALSE));
    }
  else if (g_str_has_suffix (path, "/_all_docs"))
    respond_take (msg, 200, g_strdup_printf ("{\"rows\": [{\"id\": \"%s\", \"key\": \"%s\", "
                                             "\"value\": {\"rev\": \"2-bad\"}, \"doc\": %s}]}",
                                             id, id, invalid));
  else
    behave (h, msg, method, path, body);
}

static void
test_invalid_newer_document (void)
{
  Hostile *h = hostile_start (invalid_behaviour);
  Desk *desk = desk_new (2);
  g_autofree char *id = first_account_id (desk);
  g_autoptr(JsonObject) doc = rd_store_get_document (desk->store, id, NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *invalid = NULL;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  RdSyncQuarantined *item;
  guint before = outgoing (desk);

  json_object_set_string_member (doc, "_rev", "2-bad");
  json_object_set_string_member (doc, "name", "");
  json_object_set_string_member (doc, "updated_at", "2099-01-01T00:00:00Z");
  node = json_node_init_object (json_node_alloc (), doc);
  invalid = json_to_string (node, FALSE);
  h->data = invalid;

  for (int run = 0; run < 2; run++)
    {
      g_atomic_int_set (&h->bulk_requests, 0);
      g_assert_true (desk_sync (desk, h->url, NULL));
      g_assert_no_error (desk->error);
      g_assert_cmpint (g_atomic_int_get (&h->bulk_requests), <=, 2);
      g_assert_cmpuint (desk->summary.quarantined, ==, 1);
      g_assert_nonnull (desk->quarantined);
      g_assert_cmpuint (desk->quarantined->len, ==, 1);
      item = g_ptr_array_index (desk->quarantined, 0);
      g_assert_cmpstr (item->doc_id, ==, id);
      line = rd_sync_quarantined_describe (item);
      g_test_message ("%s", line);
      g_assert_nonnull (strstr (line, id));
      g_assert_cmpuint (strlen (item->reason), >, 0);
      assert_printable (line);
      g_clear_pointer (&line, g_free);
      text = rd_sync_summary_to_string (&desk->summary);
      g_assert_nonnull (strstr (text, "1 record from the server refused"));
      g_clear_pointer (&text, g_free);
      /* Everything else went; ours waits, unchanged. */
      g_assert_cmpuint (outgoing (desk), ==, 1);
    }
  g_assert_cmpuint (before, >, 1);
  {
    g_autoptr(JsonObject) ours = rd_store_get_document (desk->store, id, NULL);

    g_assert_cmpstr (json_object_get_string_member (ours, "name"), !=, "");
  }

  desk_free (desk);
  hostile_stop (h);
}

/* 7. A large first push */

static void
test_large_first_push (void)
{
  Hostile *h = hostile_start (NULL);
  Desk *desk = desk_new (40);
  Limits limits = { .push_batch = 3 };
  guint before = outgoing (desk);
  g_autofree char *text = NULL;

  /* More than 64 rounds of a batch each. */
  g_assert_cmpuint (before, >, 64 * 3);
  g_assert_true (desk_sync (desk, h->url, &limits));
  g_assert_no_error (desk->error);
  g_assert_cmpuint (desk->summary.pushed, ==, before);
  g_assert_cmpuint (outgoing (desk), ==, 0);
  text = rd_sync_summary_to_string (&desk->summary);
  g_test_message ("%u documents in %d requests: %s", before, g_atomic_int_get (&h->bulk_requests), text);

  desk_free (desk);
  hostile_stop (h);
}

/* 8. A conflict storm */

static void
storm_behaviour (Hostile           *h,
                 SoupServerMessage *msg,
                 const char        *method,
                 const char        *path,
                 GBytes            *body)
{
  Desk *desk = h->data;

  if (g_str_has_suffix (path, "/_bulk_docs"))
    {
      g_autoptr(JsonNode) root = body_json (body);
      JsonArray *docs = json_object_get_array_member (json_node_get_object (root), "docs");
      GString *text = g_string_new ("[");

      for (guint i = 0; i < json_array_get_length (docs); i++)
        g_string_append_printf (text, "%s{\"id\": \"%s\", \"error\": \"conflict\"}", i > 0 ? ", " : "",
                                json_object_get_string_member (json_array_get_object_element (docs, i),
                                                               "_id"));
      g_string_append (text, "]");
      respond_take (msg, 201, g_string_free (text, FALSE));
    }
  else if (g_str_has_suffix (path, "/_all_docs"))
    {
      /* Each time another revision whose notes differ from ours. */
      g_autoptr(JsonNode) root = body_json (body);
      JsonArray *keys = json_object_get_array_member (json_node_get_object (root), "keys");
      GString *text = g_string_new ("{\"rows\": [");
      int n = ++h->counter;

      for (guint i = 0; i < json_array_get_length (keys); i++)
        {
          const char *id = json_array_get_string_element (keys, i);
          g_autoptr(JsonObject) doc = rd_store_get_document (desk->store, id, NULL);
          g_autoptr(JsonNode) node = NULL;
          g_autofree char *rev = g_strdup_printf ("%d-storm", n + 1);
          g_autofree char *notes = g_strdup_printf ("server notes %d", n);
          g_autofree char *doc_text = NULL;

          json_object_set_string_member (doc, "_rev", rev);
          json_object_set_string_member (doc, "notes", notes);
          json_object_set_string_member (doc, "owner", notes);
          /* Older than ours: our values win, and we push again. */
          json_object_set_string_member (doc, "updated_at", "2000-01-01T00:00:00Z");
          node = json_node_init_object (json_node_alloc (), doc);
          doc_text = json_to_string (node, FALSE);
          g_string_append_printf (text, "%s{\"id\": \"%s\", \"key\": \"%s\", \"value\": "
                                  "{\"rev\": \"%s\"}, \"doc\": %s}", i > 0 ? ", " : "", id, id, rev,
                                  doc_text);
        }
      g_string_append (text, "]}");
      respond_take (msg, 200, g_string_free (text, FALSE));
    }
  else
    behave (h, msg, method, path, body);
}

static void
test_conflict_storm (void)
{
  Hostile *h = hostile_start (storm_behaviour);
  Desk *desk = desk_new (0);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  /* Accounts only, each edited here. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(JsonObject) doc = json_object_new ();
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *doc_id = rd_document_make_id ("account", uuid);
      g_autofree char *name = g_strdup_printf ("Storm %d", i);

      json_object_set_string_member (doc, "_id", doc_id);
      json_object_set_string_member (doc, "type", "account");
      json_object_set_string_member (doc, "name", name);
      json_object_set_string_member (doc, "currency", "EUR");
      json_object_set_string_member (doc, "notes", "ours");
      rd_store_put_document (desk->store, doc, &error);
      g_assert_no_error (error);
    }
  h->data = desk;

  g_assert_false (desk_sync (desk, h->url, NULL));
  assert_failed (desk, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL, "did not settle");
  g_assert_cmpint (g_atomic_int_get (&h->bulk_requests), <=, 4);

  /* One open conflict per field, however many revisions came. */
  conflicts = rd_store_sync_list_conflicts (desk->store, NULL);
  g_test_message ("%u conflicts, %d pushes", conflicts->len, g_atomic_int_get (&h->bulk_requests));
  for (guint i = 0; i < conflicts->len; i++)
    {
      RdSyncConflict *conflict = g_ptr_array_index (conflicts, i);
      char *key = g_strconcat (conflict->doc_id, " ", conflict->field, NULL);

      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, key);
    }

  /* A second attempt updates them instead of adding more. */
  g_assert_false (desk_sync (desk, h->url, NULL));
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = rd_store_sync_list_conflicts (desk->store, NULL);
  g_assert_cmpuint (conflicts->len, ==, g_hash_table_size (seen));

  desk_free (desk);
  hostile_stop (h);
}

/* 9. Every item of a _bulk_docs answer */

static void
bulk_behaviour (Hostile           *h,
                SoupServerMessage *msg,
                const char        *method,
                const char        *path,
                GBytes            *body)
{
  const char *mode = h->data;

  if (!g_str_has_suffix (path, "/_bulk_docs"))
    behave (h, msg, method, path, body);
  else if (g_str_equal (mode, "missing"))
    respond (msg, 201, "[]");
  else
    {
      g_autoptr(JsonNode) root = body_json (body);
      JsonArray *docs = json_object_get_array_member (json_node_get_object (root), "docs");
      GString *text = g_string_new ("[");

      for (guint i = 0; i < json_array_get_length (docs); i++)
        g_string_append_printf (text, "%s{\"id\": \"%s\", %s}", i > 0 ? ", " : "",
                                json_object_get_string_member (json_array_get_object_element (docs, i),
                                                               "_id"),
                                g_str_equal (mode, "number") ? "\"rev\": 5, \"ok\": true"
                                : g_str_equal (mode, "null") ? "\"rev\": null, \"ok\": true"
                                : "\"ok\": true");
      g_string_append (text, "]");
      respond_take (msg, 201, g_string_free (text, FALSE));
    }
}

static void
test_bulk_docs_answer (void)
{
  const char *modes[] = { "number", "null", "no-rev", "missing" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      Hostile *h = hostile_start (bulk_behaviour);
      Desk *desk = desk_new (2);
      guint before = outgoing (desk);

      h->data = (gpointer) modes[i];
      g_assert_false (desk_sync (desk, h->url, NULL));
      assert_failed (desk, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL, "unexpected answer to a push");
      /* Nothing marked pushed. */
      g_assert_cmpuint (outgoing (desk), ==, before);
      g_assert_cmpuint (desk->summary.pushed, ==, 0);
      g_assert_cmpint (g_atomic_int_get (&h->bulk_requests), ==, 1);

      desk_free (desk);
      hostile_stop (h);
    }
}

/* 10. Redirects */

static void
redirect_behaviour (Hostile           *h,
                    SoupServerMessage *msg,
                    const char        *method,
                    const char        *path,
                    GBytes            *body)
{
  const char *mode = h->data;

  if (g_str_equal (mode, "changes-away") && g_str_has_suffix (path, "/_changes"))
    {
      g_autofree char *to = g_strconcat (h->other_root, "/db/_changes?since=0", NULL);

      soup_server_message_set_redirect (msg, 302, to);
    }
  else if (g_str_equal (mode, "push-away") && g_str_has_suffix (path, "/_bulk_docs"))
    {
      g_autofree char *to = g_strconcat (h->other_root, "/db/_bulk_docs", NULL);

      soup_server_message_set_redirect (msg, 307, to);
    }
  else if (g_str_equal (mode, "push-here") && g_str_has_suffix (path, "/_bulk_docs"))
    soup_server_message_set_redirect (msg, 302, "/db/_bulk_docs_moved");
  else
    behave (h, msg, method, path, body);
}

static void
test_redirect_other_origin (void)
{
  const char *modes[] = { "changes-away", "push-away" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      Hostile *h = hostile_start (redirect_behaviour);
      Hostile *other = hostile_start (NULL);
      Desk *desk = desk_new (2);
      guint before = outgoing (desk);

      h->data = (gpointer) modes[i];
      h->other_root = g_strdup (other->root);
      g_assert_false (desk_sync (desk, h->url, NULL));
      assert_failed (desk, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL, "to another server");
      g_assert_nonnull (strstr (desk->error->message, other->root));
      g_assert_cmpint (g_atomic_int_get (&other->requests), ==, 0);
      g_assert_cmpuint (outgoing (desk), ==, before);

      desk_free (desk);
      hostile_stop (other);
      hostile_stop (h);
    }
}

static void
test_redirect_keeps_method (void)
{
  Hostile *h = hostile_start (redirect_behaviour);
  Desk *desk = desk_new (1);
  guint before = outgoing (desk);
  gboolean moved = FALSE;

  h->data = (gpointer) "push-here";
  g_assert_true (desk_sync (desk, h->url, NULL));
  g_assert_no_error (desk->error);
  g_assert_cmpuint (desk->summary.pushed, ==, before);

  g_mutex_lock (&h->lock);
  for (guint i = 0; i < h->log->len; i++)
    {
      const char *line = g_ptr_array_index (h->log, i);

      g_test_message ("%s", line);
      if (strstr (line, "/_bulk_docs_moved") != NULL)
        {
          /* Still a POST, still with its body. */
          g_assert_true (g_str_has_prefix (line, "POST "));
          g_assert_false (g_str_has_suffix (line, " 0"));
          moved = TRUE;
        }
    }
  g_mutex_unlock (&h->lock);
  g_assert_true (moved);

  desk_free (desk);
  hostile_stop (h);
}

/* 11. What a server says is cleaned before anyone sees it */

static void
shouting_behaviour (Hostile           *h,
                    SoupServerMessage *msg,
                    const char        *method,
                    const char        *path,
                    GBytes            *body)
{
  if (g_str_has_suffix (path, "/_changes"))
    respond_take (msg, 400, repeat ("{\"error\": \"bad\", \"reason\": \"\\u001b[2J\\u001b]0;pwned"
                                    "\\u0007\\u202eevil\\r\\nforged line ", 'A', 100 * 1024,
                                    "\"}"));
  else
    behave (h, msg, method, path, body);
}

static void
test_server_text_cleaned (void)
{
  Hostile *h = hostile_start (shouting_behaviour);
  Desk *desk = desk_new (1);

  g_assert_false (desk_sync (desk, h->url, NULL));
  assert_failed (desk, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL, "refused the request (400");
  g_assert_nonnull (strstr (desk->error->message, "pwned"));
  g_assert_null (strstr (desk->error->message, "\033"));
  g_assert_cmpuint (strlen (desk->error->message), <, 500);

  desk_free (desk);
  hostile_stop (h);
}

/* 11. The one-pass reader of pages of changes: the tree json-glib builds
 * and each doc's text as sent, or nothing, leaving the page to json-glib
 * and its checks. */

static const char * const plain_pages[] = {
  "{\"results\": [" VALID_CHANGE "], \"last_seq\": \"1\", \"pending\": 0}",
  "{\"results\":[],\"last_seq\":0}",
  " \r\n\t{ \"results\" : [ { \"id\" : \"a:1\" , \"doc\" : null , \"deleted\" : true } ,"
  " {\"doc\": {\"_id\": \"b\", \"n\": [1, -2, 0, [], {}, [true, false, null]],"
  " \"s\": \"Z\xc3\xbcrich \\u00e9\\u20ac \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}, \"id\": \"b\"},"
  " 7, \"x\"], \"last_seq\": -123456789012345678 } \n",
  "[1, 2, {\"results\": [{\"doc\": {}}]}]",
  "{\"last_seq\": \"9\", \"results\": {\"doc\": {}}}",
};

static void
test_changes_reader_same_tree (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (plain_pages); i++)
    {
      const char *page = plain_pages[i];
      g_autoptr(GPtrArray) texts = NULL;
      g_autoptr(JsonNode) ours = rd_sync_json_read_changes (page, strlen (page), &texts);
      g_autoptr(JsonNode) theirs = json_from_string (page, NULL);
      g_autofree char *shown = g_strescape (page, NULL);
      JsonNode *results;

      g_test_message ("%s", shown);
      g_assert_nonnull (ours);
      g_assert_nonnull (theirs);
      g_assert_true (json_node_equal (ours, theirs));

      results = JSON_NODE_HOLDS_OBJECT (ours)
                ? json_object_get_member (json_node_get_object (ours), "results") : NULL;
      if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
        {
          g_assert_null (texts);
          continue;
        }
      g_assert_nonnull (texts);
      g_assert_cmpuint (texts->len, ==, json_array_get_length (json_node_get_array (results)));
      for (guint r = 0; r < texts->len; r++)
        {
          JsonNode *change = json_array_get_element (json_node_get_array (results), r);
          JsonNode *doc = JSON_NODE_HOLDS_OBJECT (change)
                          ? json_object_get_member (json_node_get_object (change), "doc") : NULL;
          const char *text = g_ptr_array_index (texts, r);

          if (doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc))
            {
              g_assert_null (text);
              continue;
            }
          /* The very bytes sent, which read back as the same document. */
          g_assert_nonnull (text);
          g_assert_nonnull (strstr (page, text));
          {
            g_autoptr(JsonNode) again = json_from_string (text, NULL);

            g_assert_true (json_node_equal (again, doc));
          }
        }
    }
}

static void
test_changes_reader_refuses (void)
{
  static const char * const odd[] = {
    "",
    "   ",
    "{\"results\": [], \"results\": []}",
    "{\"results\": [{\"doc\": {\"a\": 1}, \"doc\": {\"a\": 2}}]}",
    "{\"a\": 0.5}",
    "{\"a\": 1e3}",
    "{\"a\": 1E3}",
    "{\"a\": 1234567890123456789}",
    "{\"a\": 01}",
    "{\"a\": -}",
    "{\"a\": +1}",
    "{\"a\": .5}",
    "{\"a\": \"\\u0000\"}",
    "{\"a\": \"\\ud83d\\ude00\"}",
    "{\"a\": \"\\ud800\"}",
    "{\"a\": \"\\x41\"}",
    "{\"a\": \"\\u12\"}",
    "{\"a\": \"\\u12G4\"}",
    "{\"a\": \"tab\there\"}",
    "{\"a\": \"\xc3\x28\"}",
    "{\"a\": \"\xed\xa0\x80\"}",
    "{\"a\": \"unterminated}",
    "{\"a\": tru}",
    "{\"a\": nul}",
    "{\"a\": 1,}",
    "{\"a\" 1}",
    "{a: 1}",
    "{'a': 1}",
    "{\"a\": 1} /* more */",
    "{\"a\": 1} {}",
    "{\"a\": [1, 2}",
    "[1, 2",
    "{\"a\": 1} x",
    "\xef\xbb\xbf{}",
  };
  g_autofree char *deep = repeat ("", '[', RD_SYNC_JSON_MAX_DEPTH + 1, "");
  g_autofree char *too_deep = repeat (deep, ']', RD_SYNC_JSON_MAX_DEPTH + 1, "");
  g_autoptr(GString) at_limit = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  static const char with_nul[] = "{\"a\": \"x\0y\"}";

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autoptr(GPtrArray) texts = NULL;
      g_autofree char *shown = g_strescape (odd[i], NULL);

      g_test_message ("%s", shown);
      g_assert_null (rd_sync_json_read_changes (odd[i], strlen (odd[i]), &texts));
      g_assert_null (texts);
    }
  g_assert_null (rd_sync_json_read_changes (with_nul, sizeof with_nul - 1, NULL));

  /* Deeper than rd_json_check() allows: left to it; as deep as it allows: read. */
  g_assert_false (rd_json_check (too_deep, strlen (too_deep), NULL));
  g_assert_null (rd_sync_json_read_changes (too_deep, strlen (too_deep), NULL));
  for (guint i = 0; i < RD_SYNC_JSON_MAX_DEPTH; i++)
    g_string_prepend_c (at_limit, '[');
  for (guint i = 0; i < RD_SYNC_JSON_MAX_DEPTH; i++)
    g_string_append_c (at_limit, ']');
  g_assert_true (rd_json_check (at_limit->str, at_limit->len, NULL));
  node = rd_sync_json_read_changes (at_limit->str, at_limit->len, NULL);
  g_assert_nonnull (node);
}

/* 12. The page reader: straight into the page the tree gives, or nothing,
 * leaving the page to the tree and its checks. */

/* The page the tree and its checks make of @text, or NULL. */
static RdSyncChanges *
page_from_tree (const char *text)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(JsonNode) root = rd_sync_json_read_changes (text, strlen (text), &texts);

  if (root == NULL)
    root = json_from_string (text, NULL);
  return root != NULL ? rd_sync_changes_new_from_tree (root, texts) : NULL;
}

static void
assert_same_page (RdSyncChanges *a,
                  RdSyncChanges *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpint (a->pending, ==, b->pending);
  g_assert_cmpstr (a->last_seq, ==, b->last_seq);
  g_assert_cmpuint (a->docs->len, ==, b->docs->len);
  g_assert_cmpuint (a->texts->len, ==, a->docs->len);
  g_assert_cmpuint (b->texts->len, ==, b->docs->len);
  for (guint i = 0; i < a->docs->len; i++)
    {
      g_assert_true (json_object_equal (g_ptr_array_index (a->docs, i),
                                        g_ptr_array_index (b->docs, i)));
      g_assert_cmpstr (g_ptr_array_index (a->texts, i), ==, g_ptr_array_index (b->texts, i));
    }
}

static const char * const typed_pages[] = {
  "{\"results\": [" VALID_CHANGE "], \"last_seq\": \"1\", \"pending\": 0}",
  "{\"results\":[],\"last_seq\":0}",
  " {\"last_seq\": \"12-g1AAAA_x-y.z\", \"pending\": 7, \"results\": ["
  "{\"id\": \"a:1\", \"seq\": [1, {\"x\": null}], \"deleted\": true, \"doc\": null},"
  "{\"id\": \"a:2\", \"deleted\": true, \"changes\": [{\"rev\": \"2-b\"}, {\"rev\": \"1-a\"}]},"
  "{\"id\": \"a:3\", \"deleted\": false, \"changes\": []},"
  "{\"id\": \"a:\\\"4\\\"\", \"deleted\": true, \"changes\": [{\"rev\": \"\\u00e9\"}]},"
  "{\"doc\": {\"_id\": \"b\", \"_rev\": \"1-x\", \"_deleted\": false, \"n\": [1, -2, {}],"
  " \"s\": \"Z\xc3\xbcrich \\u00e9 \\\"q\\\" \\n\"}, \"id\": \"b\", \"changes\": [{\"rev\": \"1-x\"}]}"
  "] } \n",
  "{\"results\": [{\"id\": \"c\", \"deleted\": true, \"doc\": {\"_id\": \"c\", \"_deleted\": true}}],"
  " \"last_seq\": -42, \"pending\": -1}",
};

static void
test_page_reader_same_page (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (typed_pages); i++)
    {
      const char *text = typed_pages[i];
      g_autoptr(RdSyncChanges) typed = rd_sync_json_read_changes_page (text, strlen (text));
      g_autoptr(RdSyncChanges) tree = page_from_tree (text);
      g_autofree char *shown = g_strescape (text, NULL);

      g_test_message ("%s", shown);
      g_assert_nonnull (typed);
      g_assert_nonnull (tree);
      assert_same_page (typed, tree);
    }

  /* Deletions without their document become tombstones. */
  {
    g_autoptr(RdSyncChanges) page = rd_sync_json_read_changes_page (typed_pages[2],
                                                                    strlen (typed_pages[2]));

    g_assert_cmpuint (page->n, ==, 5);
    g_assert_cmpuint (page->docs->len, ==, 4);
    g_assert_cmpint (page->pending, ==, 7);
    g_assert_cmpstr (page->last_seq, ==, "\"12-g1AAAA_x-y.z\"");
    g_assert_cmpstr (g_ptr_array_index (page->texts, 0), ==, "{\"_id\":\"a:1\",\"_deleted\":true}");
    g_assert_cmpstr (g_ptr_array_index (page->texts, 1), ==,
                     "{\"_id\":\"a:2\",\"_rev\":\"2-b\",\"_deleted\":true}");
    g_assert_true (g_str_has_prefix (g_ptr_array_index (page->texts, 3), "{\"_id\": \"b\""));
  }
}

/* Pages it leaves to the tree: some good, some refused there. */
static void
test_page_reader_leaves (void)
{
  static const struct {
    const char *text;
    gboolean    good;   /* what the tree and its checks make of it */
  } pages[] = {
    { "{\"results\": [], \"last_seq\": 1, \"other\": 2}", TRUE },
    { "{\"results\": [{\"id\": \"a\", \"other\": 2}], \"last_seq\": 1}", TRUE },
    { "{\"results\": [{\"id\": \"a\", \"changes\": [{\"rev\": \"1\", \"x\": 1}]}], \"last_seq\": 1}", TRUE },
    { "{\"results\": [], \"last_seq\": \"a/b\"}", TRUE },
    { "{\"results\": [{\"id\": \"a\", \"id\": \"a\"}], \"last_seq\": 1}", TRUE },
    { "{\"results\": [], \"results\": [], \"last_seq\": 1}", TRUE },
    { "{\"results\": [], \"last_seq\": 1, \"pending\": 1.5}", FALSE },
    { "{\"results\": [], \"last_seq\": 1.5}", FALSE },
    { "{\"results\": [], \"last_seq\": 1234567890123456789}", TRUE },
    { "{\"results\": [], \"last_seq\": null}", FALSE },
    { "{\"results\": [], \"last_seq\": true}", FALSE },
    { "{\"results\": []}", FALSE },
    { "{\"last_seq\": 1}", FALSE },
    { "{\"results\": {}, \"last_seq\": 1}", FALSE },
    { "{\"results\": [1], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": 1}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"deleted\": 1}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"deleted\": \"true\"}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"doc\": []}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"doc\": \"x\"}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"doc\": {}}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"doc\": {\"_id\": \"b\"}}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"doc\": {\"_id\": 1}}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"doc\": {\"_id\": \"a\", \"_rev\": 1}}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"doc\": {\"_id\": \"a\", \"_deleted\": 0}}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"changes\": {}}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"changes\": [1]}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"changes\": [{}]}], \"last_seq\": 1}", FALSE },
    { "{\"results\": [{\"id\": \"a\", \"changes\": [{\"rev\": 1}]}], \"last_seq\": 1}", FALSE },
    { "[]", FALSE },
    { "\"results\"", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(RdSyncChanges) typed = rd_sync_json_read_changes_page (pages[i].text,
                                                                       strlen (pages[i].text));
      g_autoptr(RdSyncChanges) tree = page_from_tree (pages[i].text);
      g_autofree char *shown = g_strescape (pages[i].text, NULL);

      g_test_message ("%s", shown);
      g_assert_null (typed);
      g_assert_true ((tree != NULL) == pages[i].good);
    }
}

/* Cut anywhere, bent anywhere or padded out, a page is never half read. */
static void
test_page_reader_malformed (void)
{
  const char *page = typed_pages[2];
  gsize size = strlen (page);
  g_autoptr(RdSyncChanges) whole = rd_sync_json_read_changes_page (page, size);
  g_autofree char *long_id = repeat ("{\"results\": [{\"id\": \"", 'x', 1 << 20,
                                     "\", \"deleted\": true}], \"last_seq\": 1}");
  g_autoptr(RdSyncChanges) long_page = NULL;
  g_autofree char *deep = repeat ("{\"results\": [{\"id\": \"a\", \"seq\": ", '[',
                                  RD_SYNC_JSON_MAX_DEPTH, "");
  g_autoptr(GString) too_deep = g_string_new (deep);

  g_assert_nonnull (whole);
  for (gsize cut = 0; cut < size; cut++)
    {
      g_autoptr(RdSyncChanges) part = rd_sync_json_read_changes_page (page, cut);
      gboolean only_space_left = strspn (page + cut, " \n") == size - cut;

      g_assert_true ((part != NULL) == only_space_left);
      if (part != NULL)
        assert_same_page (part, whole);
    }

  /* Any byte replaced: whatever the page reader still takes, the tree
   * takes as the same page. */
  for (gsize at = 0; at < size; at++)
    {
      static const char odd[] = { '\0', '"', '{', '[', ',', '0', '\x80', '\\' };

      for (guint o = 0; o < G_N_ELEMENTS (odd); o++)
        {
          g_autofree char *bent = g_strdup (page);
          g_autoptr(RdSyncChanges) typed = NULL;

          bent[at] = odd[o];
          typed = rd_sync_json_read_changes_page (bent, size);
          if (typed != NULL)
            {
              g_autoptr(RdSyncChanges) tree = page_from_tree (bent);

              g_assert_nonnull (tree);
              assert_same_page (typed, tree);
            }
        }
    }

  long_page = rd_sync_json_read_changes_page (long_id, strlen (long_id));
  g_assert_nonnull (long_page);
  g_assert_cmpuint (strlen (json_object_get_string_member (g_ptr_array_index (long_page->docs, 0),
                                                           "_id")), ==, 1 << 20);

  /* As deep as the tree may go, and no deeper. */
  g_string_append_c (too_deep, '1');
  for (guint i = 0; i < RD_SYNC_JSON_MAX_DEPTH; i++)
    g_string_append_c (too_deep, ']');
  g_string_append (too_deep, "}], \"last_seq\": 1}");
  g_assert_null (rd_sync_json_read_changes_page (too_deep->str, too_deep->len));
  g_assert_null (rd_sync_json_read_changes (too_deep->str, too_deep->len, NULL));
}

/* A page the reader leaves to json-glib (a fraction, an escaped emoji, a
 * member named twice) is applied all the same, as before; its base is
 * then the document as json_to_string() writes it. */

#define ODD_UUID "6a0f1c9e-1d7e-4a53-8f43-0c1f7a5b3e77"

static void
odd_page_behaviour (Hostile           *h,
                    SoupServerMessage *msg,
                    const char        *method,
                    const char        *path,
                    GBytes            *body)
{
  if (!g_str_has_suffix (path, "/_changes"))
    behave (h, msg, method, path, body);
  else if (h->counter++ == 0)
    respond (msg, 200, "{\"results\": [{\"seq\": 1, \"id\": \"account:" ODD_UUID "\", "
                       "\"changes\": [{\"rev\": \"1-a\"}], \"doc\": {\"_id\": \"account:" ODD_UUID
                       "\", \"_rev\": \"1-a\", \"type\": \"account\", "
                       "\"name\": \"Acme \\ud83d\\ude00\", "
                       "\"currency\": \"EUR\", \"updated_at\": \"2026-01-01T00:00:00Z\"}, "
                       "\"seq\": 1}], \"took\": 0.25, \"last_seq\": \"1\", \"pending\": 0}");
  else
    respond (msg, 200, "{\"results\": [], \"last_seq\": \"1\", \"pending\": 0}");
}

static void
test_odd_page_applied (void)
{
  Hostile *h = hostile_start (odd_page_behaviour);
  Desk *desk = desk_new (0);
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *seq = NULL;

  g_assert_true (desk_sync (desk, h->url, NULL));
  g_assert_no_error (desk->error);
  g_assert_cmpuint (desk->summary.pulled, ==, 1);
  doc = rd_store_get_document (desk->store, "account:" ODD_UUID, NULL);
  g_assert_nonnull (doc);
  g_assert_cmpstr (json_object_get_string_member (doc, "name"), ==, "Acme \xf0\x9f\x98\x80");
  seq = checkpoint (desk, h->url);
  g_assert_nonnull (seq);

  desk_free (desk);
  hostile_stop (h);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-hostile/deep-json", test_deep_json);
  g_test_add_func ("/sync-hostile/same-checkpoint", test_same_checkpoint);
  g_test_add_func ("/sync-hostile/endless-pages", test_endless_pages);
  g_test_add_func ("/sync-hostile/pages-ahead", test_pages_ahead);
  g_test_add_func ("/sync-hostile/trickle", test_trickle);
  g_test_add_func ("/sync-hostile/sync-deadline", test_sync_deadline);
  g_test_add_func ("/sync-hostile/huge-answer", test_huge_answer);
  g_test_add_func ("/sync-hostile/invalid-newer-document", test_invalid_newer_document);
  g_test_add_func ("/sync-hostile/large-first-push", test_large_first_push);
  g_test_add_func ("/sync-hostile/conflict-storm", test_conflict_storm);
  g_test_add_func ("/sync-hostile/bulk-docs-answer", test_bulk_docs_answer);
  g_test_add_func ("/sync-hostile/redirect-other-origin", test_redirect_other_origin);
  g_test_add_func ("/sync-hostile/redirect-keeps-method", test_redirect_keeps_method);
  g_test_add_func ("/sync-hostile/server-text-cleaned", test_server_text_cleaned);
  g_test_add_func ("/sync-hostile/changes-reader/same-tree", test_changes_reader_same_tree);
  g_test_add_func ("/sync-hostile/changes-reader/refuses", test_changes_reader_refuses);
  g_test_add_func ("/sync-hostile/changes-reader/odd-page-applied", test_odd_page_applied);
  g_test_add_func ("/sync-hostile/page-reader/same-page", test_page_reader_same_page);
  g_test_add_func ("/sync-hostile/page-reader/leaves", test_page_reader_leaves);
  g_test_add_func ("/sync-hostile/page-reader/malformed", test_page_reader_malformed);

  return g_test_run ();
}
