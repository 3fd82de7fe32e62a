/* rd-sync-client.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "rd-sync-client.h"

struct _RdSyncClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *url;            /* scheme://host[:port]/db, no credentials, no trailing / */
  char        *user;
  char        *authorization;  /* "Basic …"; NULL without a password */
};

G_DEFINE_FINAL_TYPE (RdSyncClient, rd_sync_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (rd-sync-error-quark, rd_sync_error)

typedef struct
{
  char   *method;
  char   *uri;
  GBytes *body;         /* NULL: no body */
  guint   attempt;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->method);
  g_free (request->uri);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

static void send_request (GTask *task);

static gboolean
is_dropped_connection (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
}

/* The server's words for an error answer, when it sent any. */
static char *
server_reason (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  JsonNode *root;

  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "reason", NULL));
}

static void
on_send_and_read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RdSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *msg = g_object_get_data (G_OBJECT (task), "rd-message");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  gsize size = 0;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      /* A kept-alive connection the server already closed: once more. */
      if (request->attempt == 0 && is_dropped_connection (error) &&
          !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          g_debug ("Retrying %s after a dropped connection: %s", request->method, error->message);
          request->attempt++;
          send_request (g_steal_pointer (&task));
          return;
        }

      if (error->domain == G_TLS_ERROR)
        g_task_return_new_error (task, error->domain, error->code,
                                 _("The secure connection to %s failed (%s); check the "
                                   "server’s certificate"), self->url, error->message);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, error->domain, error->code,
                                 _("Cannot reach %s: %s"), self->url, error->message);
      return;
    }

  status = soup_message_get_status (msg);
  if (status == 401 || status == 403)
    {
      g_task_return_new_error (task, RD_SYNC_ERROR, RD_SYNC_ERROR_UNAUTHORIZED,
                               _("Wrong user name or password for %s"), self->url);
      return;
    }
  if (status >= 500)
    {
      g_task_return_new_error (task, RD_SYNC_ERROR, RD_SYNC_ERROR_SERVER,
                               _("The server %s had a problem (%u %s)"), self->url, status,
                               soup_message_get_reason_phrase (msg));
      return;
    }
  if (status == 404)
    {
      g_autofree char *reason = server_reason (bytes);

      g_task_return_new_error (task, RD_SYNC_ERROR, RD_SYNC_ERROR_NO_DATABASE,
                               _("The database %s does not exist (%s)"), self->url,
                               reason ? reason : "not_found");
      return;
    }
  if (status < 200 || status >= 300)
    {
      g_autofree char *reason = server_reason (bytes);

      g_task_return_new_error (task, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                               _("The server %s refused the request (%u %s)"), self->url, status,
                               reason ? reason : soup_message_get_reason_phrase (msg));
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  parser = json_parser_new_immutable ();
  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, size, &error))
    {
      g_task_return_new_error (task, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                               _("The server %s sent an unreadable answer"), self->url);
      return;
    }

  g_task_return_pointer (task, json_node_ref (json_parser_get_root (parser)),
                         (GDestroyNotify) json_node_unref);
}

static void
send_request (GTask *task)
{
  RdSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = soup_message_new (request->method, request->uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Accept", "application/json");
  /* PouchDB Server sends no challenge on 401: authenticate up front. */
  if (self->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", self->authorization);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", request->body);

  g_object_set_data_full (G_OBJECT (task), "rd-message", g_object_ref (msg), g_object_unref);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_send_and_read_cb, task);
}

static void
request_async (RdSyncClient        *self,
               const char          *method,
               const char          *path_and_query,  /* escaped, starting with / or ? or empty */
               GBytes              *body,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->method = g_strdup (method);
  request->uri = g_strconcat (self->url, path_and_query, NULL);
  request->body = body ? g_bytes_ref (body) : NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, request_free);
  send_request (g_steal_pointer (&task));
}

static JsonNode *
request_finish (RdSyncClient  *self,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GBytes *
docs_body (const char *member,
           GPtrArray  *items,
           gboolean    strings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      if (strings)
        json_builder_add_string_value (builder, g_ptr_array_index (items, i));
      else
        {
          JsonNode *node = json_node_init_object (json_node_alloc (), g_ptr_array_index (items, i));

          json_builder_add_value (builder, node);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static void
rd_sync_client_finalize (GObject *object)
{
  RdSyncClient *self = RD_SYNC_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->url);
  g_free (self->user);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);

  G_OBJECT_CLASS (rd_sync_client_parent_class)->finalize (object);
}

static void
rd_sync_client_class_init (RdSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_sync_client_finalize;
}

static void
rd_sync_client_init (RdSyncClient *self)
{
  /* Idle connections close before PouchDB Server's 5 s keep-alive does. */
  self->session = soup_session_new_with_options ("timeout", 60,
                                                 "idle-timeout", 4,
                                                 "user-agent", "RenewalDesk/" PACKAGE_VERSION,
                                                 NULL);
}

gboolean
rd_sync_error_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain == RD_SYNC_ERROR)
    return error->code == RD_SYNC_ERROR_SERVER || error->code == RD_SYNC_ERROR_PROTOCOL;
  if (error->domain == G_TLS_ERROR)
    return FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  return error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR;
}

gboolean
rd_sync_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
rd_sync_url_split (const char  *url,
                   char       **out_clean_url,
                   char       **out_user,
                   char       **out_password,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, FALSE);

  /* Never quote the URL in a message: it may carry a password. */
  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error_literal (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                           _("The sync address must look like https://server/database"));
      return FALSE;
    }

  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';
  if (*path == '\0')
    {
      g_set_error_literal (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                           _("The sync address must name a database, like https://server/database"));
      return FALSE;
    }

  if (out_clean_url != NULL)
    {
      g_autoptr(GUri) clean = g_uri_build (G_URI_FLAGS_NONE, scheme, NULL, g_uri_get_host (uri),
                                           g_uri_get_port (uri), path, NULL, NULL);

      *out_clean_url = g_uri_to_string (clean);
    }
  if (out_user != NULL)
    *out_user = g_strdup (g_uri_get_user (uri));
  if (out_password != NULL)
    *out_password = g_strdup (g_uri_get_password (uri));

  return TRUE;
}

RdSyncClient *
rd_sync_client_new (const char  *url,
                    const char  *user,
                    const char  *password,
                    gboolean     allow_unencrypted,
                    GError     **error)
{
  g_autoptr(RdSyncClient) self = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *url_user = NULL;
  g_autofree char *url_password = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  if (!rd_sync_url_split (url, &clean, &url_user, &url_password, error))
    return NULL;

  if (g_str_has_prefix (clean, "http:") && !allow_unencrypted && !rd_sync_url_is_loopback (clean))
    {
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INSECURE,
                   _("Refusing to send the password unencrypted to %s: use https://, or switch "
                     "on “Allow unencrypted connection”"), clean);
      return NULL;
    }

  self = g_object_new (RD_TYPE_SYNC_CLIENT, NULL);
  self->url = g_steal_pointer (&clean);
  self->user = g_strdup (user && *user ? user : url_user);
  if (password == NULL)
    password = url_password;

  if (self->user != NULL && password != NULL)
    {
      g_autofree char *pair = g_strconcat (self->user, ":", password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->authorization = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
    }
  if (url_password != NULL)
    memset (url_password, 0, strlen (url_password));

  return g_steal_pointer (&self);
}

const char *
rd_sync_client_get_url (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), NULL);

  return self->url;
}

const char *
rd_sync_client_get_user (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), NULL);

  return self->user;
}

void
rd_sync_client_set_compression (RdSyncClient *self,
                                gboolean      compress)
{
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  if (compress && !soup_session_has_feature (self->session, SOUP_TYPE_CONTENT_DECODER))
    soup_session_add_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
  else if (!compress)
    soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
}

void
rd_sync_client_set_timeout (RdSyncClient *self,
                            guint         seconds)
{
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  soup_session_set_timeout (self->session, seconds);
}

void
rd_sync_client_get_info_async (RdSyncClient        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  request_async (self, "GET", "", NULL, rd_sync_client_get_info_async, cancellable, callback,
                 user_data);
}

JsonObject *
rd_sync_client_get_info_finish (RdSyncClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(JsonNode) node = request_finish (self, result, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                   _("The server %s sent an unexpected answer"), self->url);
      return NULL;
    }
  return json_node_dup_object (node);
}

void
rd_sync_client_create_database_async (RdSyncClient        *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  request_async (self, "PUT", "", NULL, rd_sync_client_create_database_async, cancellable,
                 callback, user_data);
}

gboolean
rd_sync_client_create_database_finish (RdSyncClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_autoptr(JsonNode) node = request_finish (self, result, error);

  return node != NULL;
}

void
rd_sync_client_changes_async (RdSyncClient        *self,
                              const char          *since,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *since_value = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  if (since != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (since, NULL);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        since_value = g_strdup (json_node_get_string (node));
      else
        since_value = g_strdup (since);
    }

  escaped = g_uri_escape_string (since_value ? since_value : "0", NULL, FALSE);
  query = g_strdup_printf ("/_changes?include_docs=true&since=%s&limit=%u", escaped, MAX (limit, 1));
  request_async (self, "GET", query, NULL, rd_sync_client_changes_async, cancellable, callback,
                 user_data);
}

JsonObject *
rd_sync_client_changes_finish (RdSyncClient  *self,
                               GAsyncResult  *result,
                               char         **out_last_seq,
                               GError       **error)
{
  g_autoptr(JsonNode) node = request_finish (self, result, error);
  JsonObject *answer;
  JsonNode *last_seq;

  if (node == NULL)
    return NULL;

  answer = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  last_seq = answer ? json_object_get_member (answer, "last_seq") : NULL;
  if (answer == NULL || last_seq == NULL || JSON_NODE_HOLDS_NULL (last_seq) ||
      json_object_get_array_member (answer, "results") == NULL)
    {
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                   _("The server %s sent an unexpected list of changes"), self->url);
      return NULL;
    }

  if (out_last_seq != NULL)
    *out_last_seq = json_to_string (last_seq, FALSE);
  return json_object_ref (answer);
}

void
rd_sync_client_bulk_docs_async (RdSyncClient        *self,
                                GPtrArray           *docs,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (RD_IS_SYNC_CLIENT (self));
  g_return_if_fail (docs != NULL);

  body = docs_body ("docs", docs, FALSE);
  request_async (self, "POST", "/_bulk_docs", body, rd_sync_client_bulk_docs_async, cancellable,
                 callback, user_data);
}

JsonArray *
rd_sync_client_bulk_docs_finish (RdSyncClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(JsonNode) node = request_finish (self, result, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                   _("The server %s sent an unexpected answer to a push"), self->url);
      return NULL;
    }
  return json_node_dup_array (node);
}

void
rd_sync_client_fetch_documents_async (RdSyncClient        *self,
                                      GPtrArray           *doc_ids,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (RD_IS_SYNC_CLIENT (self));
  g_return_if_fail (doc_ids != NULL);

  body = docs_body ("keys", doc_ids, TRUE);
  request_async (self, "POST", "/_all_docs?include_docs=true", body,
                 rd_sync_client_fetch_documents_async, cancellable, callback, user_data);
}

GPtrArray *
rd_sync_client_fetch_documents_finish (RdSyncClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_autoptr(JsonNode) node = request_finish (self, result, error);
  g_autoptr(GPtrArray) docs = NULL;
  JsonArray *rows;

  if (node == NULL)
    return NULL;
  rows = JSON_NODE_HOLDS_OBJECT (node)
         ? json_object_get_array_member (json_node_get_object (node), "rows") : NULL;
  if (rows == NULL)
    {
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                   _("The server %s sent an unexpected answer"), self->url);
      return NULL;
    }

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonNode *doc = row ? json_object_get_member (row, "doc") : NULL;
      JsonObject *value = row ? json_object_get_object_member (row, "value") : NULL;

      if (doc != NULL && JSON_NODE_HOLDS_OBJECT (doc))
        g_ptr_array_add (docs, json_node_dup_object (doc));
      else if (value != NULL && json_object_get_boolean_member_with_default (value, "deleted", FALSE))
        {
          JsonObject *tombstone = json_object_new ();

          json_object_set_string_member (tombstone, "_id",
                                         json_object_get_string_member (row, "id"));
          json_object_set_string_member (tombstone, "_rev",
                                         json_object_get_string_member (value, "rev"));
          json_object_set_boolean_member (tombstone, "_deleted", TRUE);
          g_ptr_array_add (docs, tombstone);
        }
    }

  return g_steal_pointer (&docs);
}
