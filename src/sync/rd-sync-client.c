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

#include "rd-document.h"
#include "rd-sync-client.h"
#include "rd-sync-json.h"

struct _RdSyncClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *url;            /* scheme://host[:port]/db, no credentials, no trailing / */
  char        *user;
  char        *authorization;  /* "Basic …"; NULL without a password */
  guint        request_deadline_s;
  gsize        max_answer;
};

G_DEFINE_FINAL_TYPE (RdSyncClient, rd_sync_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (rd-sync-error-quark, rd_sync_error)

/* What a server says is shown to the user: this much at most. */
#define MAX_SERVER_TEXT 200
#define MAX_REDIRECTS 5
#define READ_CHUNK 65536
/* Where a _changes answer's last_seq is looked for: its last bytes. */
#define GUESS_WINDOW 1024

typedef struct
{
  char          *method;
  char          *uri;
  GBytes        *body;         /* NULL: no body */
  guint          attempt;
  guint          redirects;
  SoupMessage   *msg;
  GInputStream  *stream;
  GByteArray    *answer;
  GCancellable  *cancellable;  /* this request's: the deadline cancels it */
  gulong         cancelled_id;
  GCancellable  *outer;        /* the caller's */
  GSource       *deadline;
  gboolean       timed_out;
  RdSyncChangesReadFunc read_func;  /* _changes only: told when the answer is read */
  gpointer       read_data;
  GBytes        *read_answer;  /* read, parsed on a worker thread */
  gboolean       is_changes;   /* parsed into an RdSyncChanges */
} Request;

static void
request_stop_deadline (Request *request)
{
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_clear_pointer (&request->deadline, g_source_unref);
    }
}

static void
request_free (gpointer data)
{
  Request *request = data;

  request_stop_deadline (request);
  if (request->outer != NULL)
    g_cancellable_disconnect (request->outer, request->cancelled_id);
  g_clear_object (&request->outer);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->msg);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->answer, g_byte_array_unref);
  g_free (request->method);
  g_free (request->uri);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->read_answer, g_bytes_unref);
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

/* Parses an answer, guarded: a hostile server must not exhaust the stack
 * with nesting, nor hide anything behind a NUL. */
static JsonNode *
parse_answer (const char  *data,
              gsize        size,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (data == NULL || size == 0)
    {
      g_set_error_literal (error, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL, "empty");
      return NULL;
    }
  if (!rd_json_check (data, size, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/* The server's words for an error answer, when it sent any, made safe. */
static char *
server_reason (GBytes *bytes)
{
  g_autoptr(JsonNode) root = NULL;
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  root = parse_answer (data, size, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return rd_sync_text_sanitize (json_object_get_string_member_with_default (json_node_get_object (root),
                                                                           "reason", NULL));
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_strcmp0 (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                             g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

static void
request_return_error (GTask  *task,
                      GError *error)
{
  Request *request = g_task_get_task_data (task);

  request_stop_deadline (request);
  g_task_return_error (task, error);
}

/* Network failures, named for the user. */
static void
return_network_error (GTask  *task,
                      GError *error)
{
  RdSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  if (request->timed_out)
    request_return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                             _("The server %s did not answer within %u seconds"),
                                             self->url, self->request_deadline_s));
  else if (error->domain == G_TLS_ERROR)
    request_return_error (task, g_error_new (error->domain, error->code,
                                             _("The secure connection to %s failed (%s); check "
                                               "the server’s certificate"), self->url,
                                             error->message));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    request_return_error (task, g_error_copy (error));
  else
    request_return_error (task, g_error_new (error->domain, error->code,
                                             _("Cannot reach %s: %s"), self->url, error->message));
}

/* A page of changes the page reader leaves to the tree: read and checked
 * as a whole, or NULL with @error set. */
static RdSyncChanges *
read_changes_tree (RdSyncClient  *self,
                   const char    *data,
                   gsize          size,
                   GError       **error)
{
  g_autoptr(GPtrArray) doc_texts = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  RdSyncChanges *changes;

  /* Plain pages in one pass; anything else as before, refused there. */
  if (data != NULL)
    root = rd_sync_json_read_changes (data, size, &doc_texts);
  if (root == NULL)
    root = parse_answer (data, size, &local_error);
  if (root == NULL)
    {
      g_autofree char *why = rd_sync_text_sanitize (local_error->message);

      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                   _("The server %s sent an unreadable answer (%s)"), self->url, why);
      return NULL;
    }

  changes = rd_sync_changes_new_from_tree (root, doc_texts);
  if (changes == NULL)
    g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                 _("The server %s sent an unexpected list of changes"), self->url);
  return changes;
}

static void
parse_answer_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  RdSyncClient *self = source_object;
  Request *request = task_data;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (request->read_answer, &size);
  JsonNode *root = NULL;

  if (request->is_changes)
    {
      /* Straight into typed rows when it can, as a tree otherwise. */
      RdSyncChanges *changes = data != NULL ? rd_sync_json_read_changes_page (data, size) : NULL;

      if (changes == NULL)
        changes = read_changes_tree (self, data, size, &error);
      if (changes == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, changes, (GDestroyNotify) rd_sync_changes_free);
      return;
    }

  root = parse_answer (data, size, &error);
  if (root == NULL)
    {
      g_autofree char *why = rd_sync_text_sanitize (error->message);

      g_task_return_new_error (task, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                               _("The server %s sent an unreadable answer (%s)"), self->url, why);
      return;
    }
  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
}

/* The raw JSON of the value of the last member @name near the end of
 * @bytes, without parsing the answer (NULL when there is none): a number,
 * or a string without escapes.  A guess, never trusted. */
static char *
guess_member (GBytes     *bytes,
              const char *name)
{
  g_autofree char *key = g_strdup_printf ("\"%s\"", name);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize from = size > GUESS_WINDOW ? size - GUESS_WINDOW : 0;
  const char *found = NULL;
  const char *p, *end = data + size;

  for (p = data + from; p + strlen (key) <= end; p++)
    {
      if (memcmp (p, key, strlen (key)) == 0)
        found = p;
    }
  if (found == NULL)
    return NULL;

  for (p = found + strlen (key); p < end && g_ascii_isspace (*p); p++)
    ;
  if (p == end || *p++ != ':')
    return NULL;
  for (; p < end && g_ascii_isspace (*p); p++)
    ;
  if (p < end && *p == '"')
    {
      const char *close = memchr (p + 1, '"', end - p - 1);

      if (close == NULL || memchr (p + 1, '\\', close - p - 1) != NULL)
        return NULL;
      return g_strndup (p, close - p + 1);
    }
  else
    {
      const char *digits = p;

      while (p < end && (g_ascii_isdigit (*p) || (p == digits && *p == '-')))
        p++;
      return p > digits ? g_strndup (digits, p - digits) : NULL;
    }
}

static void
finish_answer (GTask *task)
{
  RdSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *msg = request->msg;
  g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&request->answer));
  g_autoptr(GError) error = NULL;
  const char *raw_phrase = soup_message_get_reason_phrase (msg);
  g_autofree char *phrase = rd_sync_text_sanitize (raw_phrase ? raw_phrase : "");
  guint status;

  status = soup_message_get_status (msg);
  if (status == 401 || status == 403)
    {
      request_return_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_UNAUTHORIZED,
                                               _("Wrong user name or password for %s"), self->url));
      return;
    }
  if (status >= 500)
    {
      request_return_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_SERVER,
                                               _("The server %s had a problem (%u %s)"), self->url,
                                               status, phrase));
      return;
    }
  if (status == 404)
    {
      g_autofree char *reason = server_reason (bytes);

      request_return_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_NO_DATABASE,
                                               _("The database %s does not exist (%s)"), self->url,
                                               reason ? reason : "not_found"));
      return;
    }
  if (status < 200 || status >= 300)
    {
      g_autofree char *reason = server_reason (bytes);

      request_return_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                               _("The server %s refused the request (%u %s)"),
                                               self->url, status, reason ? reason : phrase));
      return;
    }

  request_stop_deadline (request);
  if (request->read_func != NULL)
    {
      g_autofree char *last_seq = guess_member (bytes, "last_seq");
      g_autofree char *pending = guess_member (bytes, "pending");

      request->read_func (last_seq, pending, request->read_data);
    }

  /* A page of changes takes a while to parse: the main context stays free
   * for the next request meanwhile. */
  request->read_answer = g_steal_pointer (&bytes);
  g_task_run_in_thread (task, parse_answer_thread);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RdSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      return_network_error (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      finish_answer (task);
      return;
    }
  if (request->answer->len + g_bytes_get_size (chunk) > self->max_answer)
    {
      g_cancellable_cancel (request->cancellable);
      request_return_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                               _("The server %s sent an answer larger than %lu "
                                                 "MiB; it was not read"), self->url,
                                               (gulong) (self->max_answer / (1024 * 1024))));
      return;
    }
  g_byte_array_append (request->answer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_read_cb, g_steal_pointer (&task));
}

/* A redirect is followed only within the same server, with the same
 * method and body: another origin's changes must never be applied as if
 * they were ours, and a push must never turn into a GET. */
static void
follow_redirect (GTask *task)
{
  RdSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (request->msg),
                                                       "Location");
  g_autoptr(GUri) next = NULL;
  g_autofree char *shown = NULL;

  if (location != NULL)
    next = g_uri_parse_relative (soup_message_get_uri (request->msg), location,
                                 G_URI_FLAGS_ENCODED, NULL);
  if (next != NULL && same_origin (next, soup_message_get_uri (request->msg)) &&
      request->redirects < MAX_REDIRECTS)
    {
      request->redirects++;
      g_free (request->uri);
      request->uri = g_uri_to_string (next);
      g_clear_object (&request->msg);
      g_clear_object (&request->stream);
      send_request (task);
      return;
    }

  shown = rd_sync_text_sanitize (location ? location : "");
  if (next != NULL && !same_origin (next, soup_message_get_uri (request->msg)))
    request_return_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                             _("The server %s sent the request to another "
                                               "server (%s); that is not followed"),
                                             self->url, shown));
  else
    request_return_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                             _("The server %s redirected the request too often "
                                               "or nowhere (%s)"), self->url, shown));
  g_object_unref (task);
}

static void
on_send_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RdSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset length;
  guint status;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      /* A kept-alive connection the server already closed: once more. */
      if (request->attempt == 0 && is_dropped_connection (error) && !request->timed_out &&
          !g_cancellable_is_cancelled (request->cancellable))
        {
          g_debug ("Retrying %s after a dropped connection: %s", request->method, error->message);
          request->attempt++;
          g_clear_object (&request->msg);
          send_request (g_steal_pointer (&task));
          return;
        }
      return_network_error (task, error);
      return;
    }

  status = soup_message_get_status (request->msg);
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != 304)
    {
      follow_redirect (g_steal_pointer (&task));
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (request->msg));
  if (soup_message_headers_get_encoding (soup_message_get_response_headers (request->msg)) ==
      SOUP_ENCODING_CONTENT_LENGTH && length > 0 && (guint64) length > self->max_answer)
    {
      g_cancellable_cancel (request->cancellable);
      request_return_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                               _("The server %s sent an answer larger than %lu "
                                                 "MiB; it was not read"), self->url,
                                               (gulong) (self->max_answer / (1024 * 1024))));
      return;
    }

  request->answer = g_byte_array_new ();
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_read_cb, g_steal_pointer (&task));
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);
  g_clear_pointer (&request->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
on_outer_cancelled_cb (GCancellable *outer,
                       gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
send_request (GTask *task)
{
  RdSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  request->msg = soup_message_new (request->method, request->uri);
  if (request->msg == NULL)
    {
      request_return_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                               _("The server %s sent an unexpected answer"),
                                               self->url));
      g_object_unref (task);
      return;
    }
  /* Redirects are checked here (follow_redirect), never by libsoup. */
  soup_message_add_flags (request->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (request->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  /* PouchDB Server sends no challenge on 401: authenticate up front. */
  if (self->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", self->authorization);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->msg, "application/json", request->body);

  /* The session's timeout is per read: a server trickling a byte now and
   * then would keep a request alive for ever.  This is the whole request's. */
  if (request->deadline == NULL && !request->timed_out)
    {
      request->deadline = g_timeout_source_new_seconds (self->request_deadline_s);
      g_source_set_callback (request->deadline, on_deadline_cb, request, NULL);
      g_source_attach (request->deadline, g_main_context_get_thread_default ());
    }

  soup_session_send_async (self->session, request->msg, G_PRIORITY_DEFAULT, request->cancellable,
                           on_send_cb, task);
}

static Request *
request_new (RdSyncClient *self,
             const char   *method,
             const char   *path_and_query,  /* escaped, starting with / or ? or empty */
             GBytes       *body,
             GCancellable *cancellable)
{
  Request *request = g_new0 (Request, 1);

  request->method = g_strdup (method);
  request->uri = g_strconcat (self->url, path_and_query, NULL);
  request->body = body ? g_bytes_ref (body) : NULL;
  request->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      request->outer = g_object_ref (cancellable);
      request->cancelled_id = g_cancellable_connect (cancellable,
                                                     G_CALLBACK (on_outer_cancelled_cb),
                                                     g_object_ref (request->cancellable),
                                                     g_object_unref);
    }
  return request;
}

static void
request_send (RdSyncClient        *self,
              Request             *request,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, request_free);
  send_request (g_steal_pointer (&task));
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
  request_send (self, request_new (self, method, path_and_query, body, cancellable), source_tag,
                cancellable, callback, user_data);
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
  self->request_deadline_s = RD_SYNC_REQUEST_DEADLINE;
  self->max_answer = RD_SYNC_MAX_ANSWER;
  self->session = soup_session_new_with_options ("timeout", 60,
                                                 "idle-timeout", 4,
                                                 "user-agent", "RenewalDesk/" PACKAGE_VERSION,
                                                 NULL);
}

char *
rd_sync_text_sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n == MAX_SERVER_TEXT)
        {
          g_string_append (out, "…");
          break;
        }
      /* Terminal escapes, and bidi controls that reorder what follows. */
      if (g_unichar_iscntrl (c) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
          (c >= 0x2066 && c <= 0x2069))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            {
              g_string_append_c (out, ' ');
              n++;
            }
          continue;
        }
      g_string_append_unichar (out, c);
      n++;
    }

  return g_string_free (out, FALSE);
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
rd_sync_client_set_limits (RdSyncClient *self,
                           guint         request_deadline_s,
                           gsize         max_answer)
{
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  self->request_deadline_s = request_deadline_s > 0 ? request_deadline_s : RD_SYNC_REQUEST_DEADLINE;
  self->max_answer = max_answer > 0 ? max_answer : RD_SYNC_MAX_ANSWER;
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
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  rd_sync_client_changes_read_async (self, since, limit, NULL, NULL, cancellable, callback,
                                     user_data);
}

void
rd_sync_client_changes_read_async (RdSyncClient          *self,
                                   const char            *since,
                                   guint                  limit,
                                   RdSyncChangesReadFunc  read_func,
                                   gpointer               read_data,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autofree char *since_value = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;
  Request *request;

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
  request = request_new (self, "GET", query, NULL, cancellable);
  request->read_func = read_func;
  request->read_data = read_data;
  request->is_changes = TRUE;
  request_send (self, request, rd_sync_client_changes_async, cancellable, callback, user_data);
}

RdSyncChanges *
rd_sync_client_changes_finish (RdSyncClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

/* Each item {id, rev} or {id, error[, reason]}, with strings only: a rev
 * that is not one would mark a document pushed with no revision. */
static gboolean
bulk_docs_ok (JsonArray *answers)
{
  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonNode *item = json_array_get_element (answers, i);
      JsonObject *answer;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return FALSE;
      answer = json_node_get_object (item);
      if (!rd_sync_json_member_is (answer, "id", G_TYPE_STRING))
        return FALSE;
      if (json_object_has_member (answer, "error"))
        {
          if (!rd_sync_json_member_is (answer, "error", G_TYPE_STRING) ||
              (json_object_has_member (answer, "reason") &&
               !rd_sync_json_member_is (answer, "reason", G_TYPE_STRING)))
            return FALSE;
        }
      else if (!rd_sync_json_member_is (answer, "rev", G_TYPE_STRING) ||
               *json_object_get_string_member (answer, "rev") == '\0')
        return FALSE;
    }
  return TRUE;
}

JsonArray *
rd_sync_client_bulk_docs_finish (RdSyncClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(JsonNode) node = request_finish (self, result, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node) || !bulk_docs_ok (json_node_get_array (node)))
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
      JsonNode *row_node = json_array_get_element (rows, i);
      JsonObject *row = JSON_NODE_HOLDS_OBJECT (row_node) ? json_node_get_object (row_node) : NULL;
      JsonNode *doc = row ? json_object_get_member (row, "doc") : NULL;
      JsonNode *value_node = row ? json_object_get_member (row, "value") : NULL;
      JsonObject *value = value_node && JSON_NODE_HOLDS_OBJECT (value_node)
                          ? json_node_get_object (value_node) : NULL;

      /* Every row checked: {key, error} for ids the server never had. */
      if (row == NULL ||
          !rd_sync_json_member_is (row, json_object_has_member (row, "error") ? "error" : "id",
                                   G_TYPE_STRING) ||
          (doc != NULL && !JSON_NODE_HOLDS_NULL (doc) && !rd_sync_json_doc_ok (doc)) ||
          (value_node != NULL && value == NULL) ||
          (value != NULL && (!rd_sync_json_member_is (value, "rev", G_TYPE_STRING) ||
                             (json_object_has_member (value, "deleted") &&
                              !rd_sync_json_member_is (value, "deleted", G_TYPE_BOOLEAN)))))
        {
          g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                       _("The server %s sent an unexpected answer"), self->url);
          return NULL;
        }

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
