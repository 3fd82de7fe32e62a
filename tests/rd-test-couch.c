/* rd-test-couch.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "rd-sync-client.h"
#include "rd-test-couch.h"
#include "rd-test-util.h"

struct _RdTestCouch
{
  GPid     pid;
  char    *dir;
  char    *root;      /* http://127.0.0.1:PORT */
  guint16  port;
  guint    db_counter;
};

guint16
rd_test_couch_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* A failed assertion aborts the test before its teardown: the server must
 * not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* "GET /" answered with a status line of 200. */
static gboolean
answers_http (guint16 port)
{
  static const char request[] = "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  char buffer[32] = { 0 };
  gsize got = 0;

  g_socket_client_set_timeout (client, 2);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  if (connection == NULL ||
      !g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  request, strlen (request), NULL, NULL, NULL) ||
      !g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                buffer, sizeof buffer - 1, &got, NULL, NULL))
    return FALSE;
  return g_str_has_prefix (buffer, "HTTP/1.") && strstr (buffer, " 200") != NULL;
}

RdTestCouch *
rd_test_couch_start (guint16 port)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  RdTestCouch *couch = g_new0 (RdTestCouch, 1);
  g_autofree char *modules = NULL;
  g_autofree char *bin = NULL;
  g_autofree char *config = NULL;
  g_autofree char *port_text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (srcdir);
  modules = g_build_filename (srcdir, "node_modules", "pouchdb-server", NULL);
  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    {
      /* Pinned by the lockfile; reuses npm's offline cache when present. */
      const char *argv[] = { "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", NULL };
      int status = 0;

      g_assert_true (g_spawn_sync (srcdir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  bin = g_build_filename (srcdir, "node_modules", "pouchdb-server", "bin", "pouchdb-server", NULL);
  g_assert_true (g_file_test (bin, G_FILE_TEST_EXISTS));

  couch->dir = g_dir_make_tmp ("rd-pouchdb-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_build_filename (couch->dir, "config.json", NULL);
  {
    g_autofree char *log = g_build_filename (couch->dir, "log.txt", NULL);
    g_autofree char *text = g_strdup_printf ("{\"admins\": {\"" RD_TEST_COUCH_ADMIN "\": \""
                                             RD_TEST_COUCH_PASSWORD "\"}, "
                                             "\"log\": {\"file\": \"%s\"}}", log);

    g_assert_true (g_file_set_contents (config, text, -1, NULL));
  }

  couch->port = port != 0 ? port : rd_test_couch_free_port ();
  port_text = g_strdup_printf ("%u", couch->port);
  {
    const char *argv[] = { "node", bin, "--in-memory", "--host", "127.0.0.1", "--port", port_text,
                           "--config", config, NULL };

    g_assert_true (g_spawn_async (couch->dir, (char **) argv, NULL,
                                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                                  G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_DO_NOT_REAP_CHILD,
                                  die_with_parent, NULL, &couch->pid, &error));
    g_assert_no_error (error);
  }
  couch->root = g_strdup_printf ("http://127.0.0.1:%u", couch->port);

  /* Ready once it answers HTTP, not merely once the port accepts. */
  for (int i = 0; i < 400; i++)
    {
      if (answers_http (couch->port))
        return couch;
      g_usleep (25 * 1000);
    }
  g_error ("PouchDB Server did not start");
}

void
rd_test_couch_stop (RdTestCouch *couch)
{
  if (couch == NULL)
    return;
  if (couch->pid != 0)
    {
      int status;

      kill (couch->pid, SIGTERM);
      waitpid (couch->pid, &status, 0);
      g_spawn_close_pid (couch->pid);
    }
  if (couch->dir != NULL)
    rd_test_remove_tree (couch->dir);
  g_free (couch->dir);
  g_free (couch->root);
  g_free (couch);
}

const char *
rd_test_couch_get_root (RdTestCouch *couch)
{
  return couch->root;
}

guint16
rd_test_couch_get_port (RdTestCouch *couch)
{
  return couch->port;
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} Wait;

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  rd_sync_client_create_database_finish (RD_SYNC_CLIENT (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

void
rd_test_couch_create_database (const char *url)
{
  /* A context of its own: nothing else the test has scheduled (a sync
   * service's retry, say) runs in between. */
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(RdSyncClient) client = NULL;
  Wait wait = { NULL, NULL };

  g_main_context_push_thread_default (context);
  wait.loop = g_main_loop_new (context, FALSE);
  client = rd_sync_client_new (url, RD_TEST_COUCH_ADMIN, RD_TEST_COUCH_PASSWORD, FALSE, NULL);
  g_assert_nonnull (client);
  rd_sync_client_create_database_async (client, NULL, on_created_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_clear_object (&client);
  g_main_context_pop_thread_default (context);
  g_assert_no_error (wait.error);
}

char *
rd_test_couch_new_database (RdTestCouch *couch)
{
  char *url = g_strdup_printf ("%s/renewals-%u", couch->root, ++couch->db_counter);

  rd_test_couch_create_database (url);
  return url;
}
