/* test-sync-service.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The background sync service against a real PouchDB Server (see
 * rd-test-couch.h) and against a fake server in this process that fails
 * in the ways networks do.  The password goes to the Secret Service: a
 * gnome-keyring-daemon of this test's own, on a private D-Bus session
 * (rd-test-session.h), so that the test passes alone.
 */

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "rd-store-sync.h"
#include "rd-store.h"
#include "rd-sync-command.h"
#include "rd-sync-service.h"
#include "rd-test-couch.h"
#include "rd-test-session.h"
#include "rd-test-util.h"

static RdTestCouch *couch;

typedef struct
{
  char          *dir;
  RdStore       *store;
  RdSyncService *service;
  guint          rounds;     /* times the state went to "syncing" */
  guint          changed;    /* "changed" emissions of the store */
  gint64         last_changed; /* monotonic time of the last one */
} Client;

#define DEBOUNCE_MS 200

static void
on_state_cb (RdSyncService *service,
             GParamSpec    *pspec,
             Client        *client)
{
  if (rd_sync_service_get_state (service) == RD_SYNC_STATE_SYNCING)
    client->rounds++;
}

static void
on_changed_cb (RdStore    *store,
               const char *type,
               const char *id,
               Client     *client)
{
  client->changed++;
  client->last_changed = g_get_monotonic_time ();
}

static Client *
client_new (void)
{
  Client *client = g_new0 (Client, 1);
  g_autofree char *path = rd_test_make_tmp_db (&client->dir);
  g_autoptr(GError) error = NULL;

  client->store = rd_store_new (path, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (client->store, "changed", G_CALLBACK (on_changed_cb), client);
  client->service = rd_sync_service_new (client->store);
  rd_sync_service_set_timing (client->service, DEBOUNCE_MS, 150, 1500, 2);
  g_signal_connect (client->service, "notify::state", G_CALLBACK (on_state_cb), client);
  return client;
}

static void
client_free (Client *client)
{
  g_signal_handlers_disconnect_by_data (client->service, client);
  g_signal_handlers_disconnect_by_data (client->store, client);
  g_object_unref (client->service);
  g_object_unref (client->store);
  rd_test_remove_tree (client->dir);
  g_free (client->dir);
  g_free (client);
}

/* Spins until the debounce after @client's last store change has run out
 * twice over: by then, a round that change would start has started.  A
 * wait on the store's own last change rather than a fixed sleep, for the
 * assertions that nothing more happened. */
static void
wait_quiet (Client *client)
{
  gint64 margin = 2 * DEBOUNCE_MS * 1000;

  while (g_get_monotonic_time () < client->last_changed + margin)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Spins until @client's service is in @state (and no round is running). */
static void
wait_for_state (Client      *client,
                RdSyncState  state,
                guint        seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (rd_sync_service_get_state (client->service) != state)
    {
      if (g_get_monotonic_time () > end)
        g_error ("state %d instead of %d after %u s (%s)",
                 rd_sync_service_get_state (client->service), state, seconds,
                 rd_sync_service_get_last_error (client->service));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  gboolean   session_only;
  GError    *error;
} Wait;

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = rd_sync_service_save_config_finish (RD_SYNC_SERVICE (source), result,
                                                 &wait->session_only, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
configure (Client     *client,
           const char *url,
           const char *user,
           const char *password)
{
  RdSyncConfig config = { (char *) url, (char *) user, 5, FALSE };
  Wait wait = { g_main_loop_new (NULL, FALSE), FALSE, FALSE, NULL };

  rd_sync_service_save_config_async (client->service, &config, password, NULL, on_saved_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
}

static guint
count_accounts (Client *client)
{
  g_autoptr(GPtrArray) docs = rd_store_list_documents (client->store, "account", NULL, NULL, NULL);

  g_assert_nonnull (docs);
  return docs->len;
}

static char *
export_text (RdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_export_documents (store, TRUE, &error);
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

/* A local edit reaches the server a debounce later; what sync writes does
 * not start more rounds; the other desktop gets "changed". */
static void
test_debounced_push (void)
{
  g_autofree char *url = rd_test_couch_new_database (couch);
  Client *a = client_new ();
  Client *b = client_new ();
  gint64 edited;
  guint rounds;

  configure (a, url, RD_TEST_COUCH_ADMIN, RD_TEST_COUCH_PASSWORD);
  configure (b, url, RD_TEST_COUCH_ADMIN, RD_TEST_COUCH_PASSWORD);
  g_assert_cmpstr (rd_sync_service_get_last_error (a->service), ==, NULL);
  wait_for_state (a, RD_SYNC_STATE_UP_TO_DATE, 30);
  wait_for_state (b, RD_SYNC_STATE_UP_TO_DATE, 30);
  g_assert_cmpuint (a->rounds, ==, 1);

  /* The URL and user are settings; the password is not. */
  {
    g_autofree char *setting = rd_store_get_setting (a->store, RD_SYNC_SETTING_URL, NULL);
    g_autofree char *text = export_text (a->store);

    g_assert_cmpstr (setting, ==, url);
    g_assert_null (strstr (text, RD_TEST_COUCH_PASSWORD));
  }

  edited = g_get_monotonic_time ();
  g_assert_true (rd_store_fill_sample (a->store, 3, 11, NULL));
  g_assert_cmpuint (a->rounds, ==, 1);
  /* Debounced: the round starts no earlier than the debounce after the edit. */
  wait_for_state (a, RD_SYNC_STATE_SYNCING, 10);
  g_assert_cmpint (g_get_monotonic_time () - edited, >=, DEBOUNCE_MS * 1000);
  wait_for_state (a, RD_SYNC_STATE_UP_TO_DATE, 30);
  g_assert_cmpuint (rd_store_sync_count_outgoing (a->store, NULL), ==, 0);
  rounds = a->rounds;
  g_assert_cmpuint (rounds, ==, 2);

  /* B pulls on "Sync Now"; its store says "changed", and neither the pull
   * nor B's own "changed" starts another round. */
  b->changed = 0;
  rd_sync_service_sync_now (b->service);
  wait_for_state (b, RD_SYNC_STATE_SYNCING, 10);
  wait_for_state (b, RD_SYNC_STATE_UP_TO_DATE, 30);
  g_assert_cmpuint (count_accounts (b), ==, 3);
  g_assert_cmpuint (b->changed, >, 0);
  wait_quiet (b);
  g_assert_cmpuint (b->rounds, ==, 2);
  g_assert_cmpuint (a->rounds, ==, rounds);
  g_assert_cmpint (rd_sync_service_get_state (b->service), ==, RD_SYNC_STATE_UP_TO_DATE);

  client_free (a);
  client_free (b);
}

/* Nothing listens: offline with a retry time; the server comes up; a
 * retry succeeds by itself. */
static void
test_offline_then_online (void)
{
  guint16 port = rd_test_couch_free_port ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/renewals-late", port);
  Client *a = client_new ();
  RdTestCouch *late;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *description = NULL;

  g_assert_true (rd_store_fill_sample (a->store, 2, 5, NULL));
  configure (a, url, RD_TEST_COUCH_ADMIN, RD_TEST_COUCH_PASSWORD);
  wait_for_state (a, RD_SYNC_STATE_OFFLINE, 10);
  g_assert_cmpint (rd_sync_service_get_next_retry (a->service), >=, now);
  g_assert_cmpint (rd_sync_service_get_next_retry (a->service), <=, now + 3);
  g_assert_nonnull (rd_sync_service_get_last_error (a->service));
  description = rd_sync_service_describe (a->service);
  g_assert_nonnull (strstr (description, "retrying at"));
  g_assert_cmpuint (rd_store_sync_count_outgoing (a->store, NULL), >, 0);

  late = rd_test_couch_start (port);
  rd_test_couch_create_database (url);
  wait_for_state (a, RD_SYNC_STATE_UP_TO_DATE, 30);
  g_assert_cmpuint (a->rounds, >=, 2);
  g_assert_cmpint (rd_sync_service_get_next_retry (a->service), ==, 0);
  g_assert_null (rd_sync_service_get_last_error (a->service));
  g_assert_cmpuint (rd_store_sync_count_outgoing (a->store, NULL), ==, 0);

  client_free (a);
  rd_test_couch_stop (late);
}

/* A wrong password: a readable error without the password, and no retry. */
static void
test_wrong_password (void)
{
  g_autofree char *url = rd_test_couch_new_database (couch);
  Client *a = client_new ();
  const char *message;

  g_assert_true (rd_store_fill_sample (a->store, 2, 7, NULL));
  configure (a, url, RD_TEST_COUCH_ADMIN, "Wr0ng-Secret");
  wait_for_state (a, RD_SYNC_STATE_ERROR, 30);
  message = rd_sync_service_get_last_error (a->service);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "password"));
  g_assert_null (strstr (message, "Wr0ng-Secret"));
  g_assert_cmpint (rd_sync_service_get_next_retry (a->service), ==, 0);

  /* No retry storm, not even on local edits. */
  a->last_changed = g_get_monotonic_time ();
  g_assert_true (rd_store_set_setting (a->store, "unrelated", "x", NULL));
  wait_quiet (a);
  g_assert_cmpuint (a->rounds, ==, 1);
  g_assert_cmpint (rd_sync_service_get_state (a->service), ==, RD_SYNC_STATE_ERROR);

  client_free (a);
}

/* The fake server */

typedef enum
{
  FAKE_500,
  FAKE_GARBAGE,
  FAKE_TRUNCATED,
  FAKE_HANG,
} FakeMode;

typedef struct
{
  FakeMode   mode;
  guint      requests;
  GPtrArray *paused;
  char      *account_id;  /* an account the truncated answer would change */
} Fake;

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fake *fake = user_data;
  g_autofree char *changes = g_strdup_printf (
    "{\"results\":[{\"seq\":1,\"id\":\"%s\",\"changes\":[{\"rev\":\"9-abc\"}],"
    "\"doc\":{\"_id\":\"%s\",\"_rev\":\"9-abc\",\"type\":\"account\",\"name\":\"HALF APPLIED\"}},"
    "{\"seq\":2,\"id\":\"account:x\",\"changes\":[{\"rev\":\"1-a\"}],\"doc\":{\"_id\":\"acc",
    fake->account_id, fake->account_id);

  fake->requests++;
  switch (fake->mode)
    {
    case FAKE_500:
      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        "{\"error\":\"boom\"}", 16);
      break;
    case FAKE_GARBAGE:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        "{\"results\": [{\"seq\": 1,, ]]", 27);
      break;
    case FAKE_TRUNCATED:
      {
        /* Headers promise more than the body holds; then the connection
         * drops, as when a server dies mid-answer. */
        GIOStream *stream = soup_server_message_steal_connection (msg);
        g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                                 "Content-Type: application/json\r\n"
                                                 "Content-Length: %zu\r\n\r\n",
                                                 strlen (changes) + 4000);
        GOutputStream *out = g_io_stream_get_output_stream (stream);

        g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
        g_output_stream_write_all (out, changes, strlen (changes), NULL, NULL, NULL);
        g_io_stream_close (stream, NULL, NULL);
        g_object_unref (stream);
      }
      break;
    case FAKE_HANG:
      soup_server_message_pause (msg);
      g_ptr_array_add (fake->paused, g_object_ref (msg));
      break;
    }
}

static void
test_fake_server (gconstpointer data)
{
  FakeMode mode = GPOINTER_TO_INT (data);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  Fake fake = { mode, 0, g_ptr_array_new_with_free_func (g_object_unref), NULL };
  Client *a = client_new ();
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *url = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *state_key = NULL;
  g_autofree char *checkpoint = NULL;
  g_autofree char *checkpoint_after = NULL;
  g_autoslist(GUri) uris = NULL;
  guint outgoing;

  g_assert_true (rd_store_fill_sample (a->store, 3, 9, NULL));
  accounts = rd_store_list_documents (a->store, "account", NULL, NULL, NULL);
  fake.account_id = g_strdup (json_object_get_string_member (g_ptr_array_index (accounts, 0), "_id"));

  soup_server_add_handler (server, NULL, fake_handler, &fake, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/renewals", g_uri_get_port (uris->data));
  state_key = g_strconcat ("pull:", url, NULL);

  /* A checkpoint from an earlier round, which must stay as it is. */
  g_assert_true (rd_store_sync_set_state (a->store, state_key, "0", NULL));
  checkpoint = rd_store_sync_get_state (a->store, state_key, NULL);
  before = export_text (a->store);
  outgoing = rd_store_sync_count_outgoing (a->store, NULL);

  configure (a, url, "ann", "Pa55-w0rd-fake");
  wait_for_state (a, RD_SYNC_STATE_OFFLINE, 20);
  g_assert_cmpint (rd_sync_service_get_next_retry (a->service), >, 0);
  g_assert_nonnull (rd_sync_service_get_last_error (a->service));
  g_assert_null (strstr (rd_sync_service_get_last_error (a->service), "Pa55-w0rd-fake"));
  g_test_message ("%s", rd_sync_service_get_last_error (a->service));

  /* It backs off and tries again, and fails cleanly again. */
  {
    guint first = fake.requests;

    while (a->rounds < 2)
      g_main_context_iteration (NULL, TRUE);
    wait_for_state (a, RD_SYNC_STATE_OFFLINE, 20);
    g_assert_cmpuint (fake.requests, >, first);
  }

  after = export_text (a->store);
  checkpoint_after = rd_store_sync_get_state (a->store, state_key, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (checkpoint_after, ==, checkpoint);
  g_assert_cmpuint (rd_store_sync_count_outgoing (a->store, NULL), ==, outgoing);
  g_assert_null (strstr (after, "HALF APPLIED"));

  client_free (a);
  soup_server_disconnect (server);
  g_ptr_array_unref (fake.paused);
  g_free (fake.account_id);
}

int
main (int argc, char **argv)
{
  int status;

  rd_test_session_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  rd_test_session_start_keyring ();

  couch = rd_test_couch_start (0);

  g_test_add_func ("/sync-service/debounced-push", test_debounced_push);
  g_test_add_func ("/sync-service/offline-then-online", test_offline_then_online);
  g_test_add_func ("/sync-service/wrong-password", test_wrong_password);
  g_test_add_data_func ("/sync-service/fake/500", GINT_TO_POINTER (FAKE_500), test_fake_server);
  g_test_add_data_func ("/sync-service/fake/garbage", GINT_TO_POINTER (FAKE_GARBAGE),
                        test_fake_server);
  g_test_add_data_func ("/sync-service/fake/truncated", GINT_TO_POINTER (FAKE_TRUNCATED),
                        test_fake_server);
  g_test_add_data_func ("/sync-service/fake/hang", GINT_TO_POINTER (FAKE_HANG), test_fake_server);

  status = g_test_run ();
  rd_test_couch_stop (couch);
  rd_test_session_stop ();
  return status;
}
