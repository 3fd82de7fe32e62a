/* rd-sync-service.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-service"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-sync-command.h"
#include "rd-sync-secret.h"
#include "rd-sync-service.h"
#include "rd-task.h"

#define DEFAULT_DEBOUNCE_MS      3000
#define DEFAULT_BACKOFF_BASE_MS  (15 * 1000)
#define DEFAULT_BACKOFF_MAX_MS   (15 * 60 * 1000)
#define DEFAULT_TIMEOUT_S        60

struct _RdSyncService
{
  GObject        parent_instance;

  RdStore       *store;          /* weak: the store owns its service */
  GCancellable  *cancellable;    /* replaced on each reload */
  guint          generation;     /* bumped on each reload; stale answers are dropped */

  /* What the UI observes */
  RdSyncState    state;
  double         progress;
  char          *last_error;
  gint64         next_retry;
  gint64         last_sync;
  char          *last_summary;
  char          *refused;        /* server records refused as invalid, one a line */

  /* Configuration */
  RdSyncClient  *client;         /* NULL until configured and a password is known */
  guint          interval_minutes;
  gboolean       loading;
  gboolean       secret_missing;
  char          *session_server;  /* the password kept for this session only */
  char          *session_user;
  char          *session_password;

  /* Rounds */
  RdSyncEngine  *engine;         /* the running round, or NULL */
  gboolean       again;          /* something asked for a round while one ran */
  guint          failures;       /* transient failures in a row */
  guint          debounce_id;
  guint          retry_id;
  guint          interval_id;

  guint          debounce_ms;
  guint          backoff_base_ms;
  guint          backoff_max_ms;
  guint          timeout_s;
};

G_DEFINE_FINAL_TYPE (RdSyncService, rd_sync_service, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (RdSyncState, rd_sync_state,
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_DISABLED, "disabled"),
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_UP_TO_DATE, "up-to-date"),
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_ERROR, "error"))

enum
{
  PROP_0,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_LAST_ERROR,
  PROP_NEXT_RETRY,
  PROP_LAST_SUMMARY,
  PROP_REFUSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CONFLICTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_round (RdSyncService *self);
static void check_outgoing (RdSyncService *self);

static void
wipe_string (char **text)
{
  if (*text != NULL)
    {
      memset (*text, 0, strlen (*text));
      g_clear_pointer (text, g_free);
    }
}

void
rd_sync_config_free (RdSyncConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->url);
  g_free (config->user);
  g_free (config);
}

static RdSyncConfig *
config_copy (const RdSyncConfig *config)
{
  RdSyncConfig *copy = g_new0 (RdSyncConfig, 1);

  copy->url = g_strdup (config->url);
  copy->user = g_strdup (config->user);
  copy->interval_minutes = config->interval_minutes;
  copy->allow_unencrypted = config->allow_unencrypted;
  return copy;
}

/* State */

static void
clear_source (guint *id)
{
  if (*id != 0)
    {
      g_source_remove (*id);
      *id = 0;
    }
}

static void
set_state (RdSyncService *self,
           RdSyncState    state,
           const char    *error,
           gint64         next_retry)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->last_error, error) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
    }
  if (self->next_retry != next_retry)
    {
      self->next_retry = next_retry;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_RETRY]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_progress (RdSyncService *self,
              double         progress)
{
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

static gboolean
on_retry_cb (gpointer user_data)
{
  RdSyncService *self = user_data;

  self->retry_id = 0;
  start_round (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_interval_cb (gpointer user_data)
{
  RdSyncService *self = user_data;

  self->interval_id = 0;
  if (self->state != RD_SYNC_STATE_ERROR && self->state != RD_SYNC_STATE_OFFLINE)
    start_round (self);
  return G_SOURCE_REMOVE;
}

static void
arm_interval (RdSyncService *self)
{
  clear_source (&self->interval_id);
  if (self->interval_minutes > 0)
    self->interval_id = g_timeout_add_seconds (self->interval_minutes * 60, on_interval_cb, self);
}

/* Waiting fixes it: retry after min (cap, base * 2^n), jittered into its
 * upper half so that a team's desktops do not all come back at once. */
static void
fail_transient (RdSyncService *self,
                const GError  *error)
{
  guint64 delay = self->backoff_base_ms;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 1; i < self->failures && delay < self->backoff_max_ms; i++)
    delay *= 2;
  self->failures++;
  delay = MIN (delay, self->backoff_max_ms);
  delay = delay / 2 + (guint64) g_random_int_range (0, (gint32) MIN (delay / 2 + 1, G_MAXINT32));

  clear_source (&self->retry_id);
  clear_source (&self->interval_id);
  self->retry_id = g_timeout_add ((guint) delay, on_retry_cb, self);
  set_state (self, RD_SYNC_STATE_OFFLINE, error->message, now + (gint64) ((delay + 999) / 1000));
}

/* The user must act (password, address, certificate): no retry storm. */
static void
fail_permanent (RdSyncService *self,
                const GError  *error)
{
  clear_source (&self->retry_id);
  clear_source (&self->interval_id);
  self->failures = 0;
  set_state (self, RD_SYNC_STATE_ERROR, error->message, 0);
}

static void
fail (RdSyncService *self,
      const GError  *error)
{
  g_debug ("sync failed: %s", error->message);
  set_progress (self, 0.0);
  if (rd_sync_error_is_transient (error))
    fail_transient (self, error);
  else
    fail_permanent (self, error);
}

/* Rounds */

static void
on_progress_cb (RdSyncEngine *engine,
                guint         done,
                guint         total,
                gpointer      user_data)
{
  RdSyncService *self = user_data;

  set_progress (self, total > 0 ? CLAMP ((double) done / total, 0.0, 1.0) : -1.0);
}

typedef struct
{
  RdSyncService *self;
  guint          generation;
} RoundData;

/* The records the server holds in a form this version refuses, for the
 * status text: which one and why. */
static void
set_refused (RdSyncService *self,
             GPtrArray     *quarantined)
{
  g_autoptr(GString) text = NULL;

  if (quarantined != NULL && quarantined->len > 0)
    {
      text = g_string_new (NULL);
      for (guint i = 0; i < quarantined->len; i++)
        {
          g_autofree char *line = rd_sync_quarantined_describe (g_ptr_array_index (quarantined, i));

          if (i > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, line);
        }
    }
  if (g_strcmp0 (self->refused, text ? text->str : NULL) == 0)
    return;
  g_free (self->refused);
  self->refused = text ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSED]);
}

static void
on_round_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RoundData *data = user_data;
  g_autoptr(RdSyncService) self = data->self;
  RdSyncEngine *engine = RD_SYNC_ENGINE (source);
  g_autoptr(GError) error = NULL;
  RdSyncSummary summary = { 0 };
  gboolean ok;

  ok = rd_sync_engine_run_finish (engine, result, &summary, &error);
  if (ok && data->generation == self->generation)
    set_refused (self, rd_sync_engine_get_quarantined (engine));
  if (self->engine == engine)
    {
      g_signal_handlers_disconnect_by_data (engine, self);
      g_clear_object (&self->engine);
    }
  if (data->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_free (data);
      return;
    }
  g_free (data);

  if (!ok)
    {
      self->again = FALSE;
      fail (self, error);
      return;
    }

  self->failures = 0;
  self->last_sync = g_get_real_time () / G_USEC_PER_SEC;
  g_free (self->last_summary);
  self->last_summary = rd_sync_summary_to_string (&summary);
  g_debug ("sync done: %s", self->last_summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUMMARY]);
  set_progress (self, 1.0);
  set_state (self, RD_SYNC_STATE_UP_TO_DATE, NULL, 0);
  arm_interval (self);
  if (summary.conflicts > 0 || summary.merged > 0)
    g_signal_emit (self, signals[CONFLICTS_CHANGED], 0);

  if (self->again)
    {
      self->again = FALSE;
      check_outgoing (self);
    }
}

static void
start_round (RdSyncService *self)
{
  RoundData *data;

  if (self->store == NULL)
    return;
  if (self->client == NULL || self->engine != NULL)
    {
      /* After the configuration is in, or after this round. */
      self->again = self->loading || self->engine != NULL;
      return;
    }

  clear_source (&self->retry_id);
  clear_source (&self->interval_id);
  clear_source (&self->debounce_id);

  self->engine = rd_sync_engine_new (self->store, self->client);
  g_signal_connect (self->engine, "progress", G_CALLBACK (on_progress_cb), self);
  set_progress (self, -1.0);
  set_state (self, RD_SYNC_STATE_SYNCING, self->state == RD_SYNC_STATE_OFFLINE ? self->last_error : NULL,
             0);

  data = g_new0 (RoundData, 1);
  data->self = g_object_ref (self);
  data->generation = self->generation;
  rd_sync_engine_run_async (self->engine, self->cancellable, on_round_done_cb, data);
}

/* Local edits: a round only when rows wait to be pushed.  What sync itself
 * writes is never dirty, so its own "changed" signals end here. */

static void
count_outgoing_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  RdStore *store = task_data;
  g_autoptr(GError) error = NULL;
  guint n = rd_store_sync_count_outgoing (store, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

static void
on_outgoing_counted_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  RdSyncService *self = RD_SYNC_SERVICE (source);
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot count the changes to sync: %s", error->message);
      return;
    }
  /* Offline: the scheduled retry takes them; error: the user first. */
  if (n > 0 && self->state != RD_SYNC_STATE_OFFLINE && self->state != RD_SYNC_STATE_ERROR)
    start_round (self);
}

static void
check_outgoing (RdSyncService *self)
{
  if (self->store == NULL || self->client == NULL)
    return;
  rd_task_run_in_thread (self, check_outgoing, g_object_ref (self->store), g_object_unref,
                         count_outgoing_thread, self->cancellable, on_outgoing_counted_cb, NULL);
}

static gboolean
on_debounce_cb (gpointer user_data)
{
  RdSyncService *self = user_data;

  self->debounce_id = 0;
  check_outgoing (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (RdSyncService *self,
                     const char    *type,
                     const char    *id)
{
  if (self->client == NULL)
    return;
  clear_source (&self->debounce_id);
  self->debounce_id = g_timeout_add (self->debounce_ms, on_debounce_cb, self);
}

/* Configuration */

/* When the database is gone, fails the call as a task of @source_tag
 * would, and returns TRUE. */
static gboolean
return_if_closed (RdSyncService       *self,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  if (self->store != NULL)
    return FALSE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "The database is closed");
  return TRUE;
}

static void
load_config_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  RdStore *store = task_data;
  g_autoptr(RdSyncConfig) config = g_new0 (RdSyncConfig, 1);
  g_autofree char *interval = NULL;
  g_autofree char *allow = NULL;
  GError *error = NULL;

  config->url = rd_store_get_setting (store, RD_SYNC_SETTING_URL, &error);
  if (error == NULL)
    config->user = rd_store_get_setting (store, RD_SYNC_SETTING_USER, &error);
  if (error == NULL)
    interval = rd_store_get_setting (store, RD_SYNC_SETTING_INTERVAL, &error);
  if (error == NULL)
    allow = rd_store_get_setting (store, RD_SYNC_SETTING_ALLOW_UNENCRYPTED, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (config->url != NULL && *config->url == '\0')
    g_clear_pointer (&config->url, g_free);
  if (config->user != NULL && *config->user == '\0')
    g_clear_pointer (&config->user, g_free);
  config->interval_minutes = interval != NULL ? (guint) g_ascii_strtoull (interval, NULL, 10)
                                              : RD_SYNC_DEFAULT_INTERVAL;
  config->allow_unencrypted = g_strcmp0 (allow, "true") == 0;
  g_task_return_pointer (task, g_steal_pointer (&config), (GDestroyNotify) rd_sync_config_free);
}

void
rd_sync_service_load_config_async (RdSyncService       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (RD_IS_SYNC_SERVICE (self));

  if (return_if_closed (self, rd_sync_service_load_config_async, cancellable, callback, user_data))
    return;
  rd_task_run_in_thread (self, rd_sync_service_load_config_async, g_object_ref (self->store),
                         g_object_unref, load_config_thread, cancellable, callback, user_data);
}

RdSyncConfig *
rd_sync_service_load_config_finish (RdSyncService  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return rd_task_propagate_pointer (self, result, rd_sync_service_load_config_async, error);
}

typedef struct
{
  guint     generation;
  char     *clean_url;
  char     *user;
  gboolean  allow_unencrypted;
} Pending;

static void
pending_free (Pending *pending)
{
  g_free (pending->clean_url);
  g_free (pending->user);
  g_free (pending);
}

static void
use_password (RdSyncService *self,
              Pending       *pending,
              const char    *password)
{
  g_autoptr(GError) error = NULL;
  RdSyncClient *client;

  self->loading = FALSE;
  client = rd_sync_client_new (pending->clean_url, pending->user, password,
                               pending->allow_unencrypted, &error);
  if (client == NULL)
    {
      self->again = FALSE;
      fail_permanent (self, error);
      return;
    }
  rd_sync_client_set_timeout (client, self->timeout_s);
  /* As on the command line: gzip costs more than it saves on loopback. */
  rd_sync_client_set_compression (client, !rd_sync_url_is_loopback (pending->clean_url));
  g_set_object (&self->client, client);
  g_object_unref (client);

  set_state (self, RD_SYNC_STATE_IDLE, NULL, 0);
  self->again = FALSE;
  start_round (self);
}

typedef struct
{
  RdSyncService *self;
  Pending       *pending;
} SecretData;

static void
on_secret_looked_up_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SecretData *data = user_data;
  g_autoptr(RdSyncService) self = data->self;
  Pending *pending = data->pending;
  g_autoptr(GError) error = NULL;
  char *password = rd_sync_secret_lookup_finish (result, &error);

  g_free (data);
  if (pending->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      wipe_string (&password);
      pending_free (pending);
      return;
    }

  if (error != NULL || password == NULL)
    {
      g_autoptr(GError) reason = NULL;

      self->loading = FALSE;
      self->secret_missing = error != NULL;
      if (error != NULL)
        g_debug ("Secret Service: %s", error->message);
      reason = g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_NO_PASSWORD,
                            error != NULL
                            ? _("No password: no Secret Service is running to keep it. Enter it in "
                                "Preferences → Sync; it is kept for this session only")
                            : _("No password is stored for %s: enter it in Preferences → Sync"),
                            pending->clean_url);
      fail_permanent (self, reason);
      pending_free (pending);
      return;
    }

  self->secret_missing = FALSE;
  use_password (self, pending, password);
  wipe_string (&password);
  pending_free (pending);
}

static void
on_config_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RdSyncService *self = RD_SYNC_SERVICE (source);
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autoptr(RdSyncConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url_user = NULL;
  g_autofree char *url_password = NULL;
  Pending *pending;

  config = rd_sync_service_load_config_finish (self, result, &error);
  if (generation != self->generation || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (config == NULL)
    {
      self->loading = FALSE;
      fail_permanent (self, error);
      return;
    }

  self->interval_minutes = config->interval_minutes;
  if (config->url == NULL)
    {
      self->loading = FALSE;
      self->again = FALSE;
      set_state (self, RD_SYNC_STATE_DISABLED, NULL, 0);
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->generation = generation;
  pending->allow_unencrypted = config->allow_unencrypted;
  if (!rd_sync_url_split (config->url, &pending->clean_url, &url_user, &url_password, &error))
    {
      self->loading = FALSE;
      fail_permanent (self, error);
      pending_free (pending);
      return;
    }
  pending->user = g_strdup (url_user != NULL ? url_user : config->user);

  if (url_password != NULL && *url_password != '\0')
    use_password (self, pending, url_password);
  else if (self->session_password != NULL &&
           (self->session_server == NULL ||
            (g_strcmp0 (self->session_server, pending->clean_url) == 0 &&
             g_strcmp0 (self->session_user, pending->user) == 0)))
    use_password (self, pending, self->session_password);
  else if (pending->user == NULL)
    {
      g_autoptr(GError) reason = g_error_new_literal (RD_SYNC_ERROR, RD_SYNC_ERROR_NO_PASSWORD,
                                                      _("No user name: enter it in Preferences → Sync"));

      self->loading = FALSE;
      fail_permanent (self, reason);
    }
  else
    {
      SecretData *data = g_new0 (SecretData, 1);

      data->self = g_object_ref (self);
      data->pending = pending;
      rd_sync_secret_lookup_async (pending->clean_url, pending->user, self->cancellable,
                                   on_secret_looked_up_cb, data);
      pending = NULL;
    }
  if (pending != NULL)
    pending_free (pending);
  wipe_string (&url_password);
}

void
rd_sync_service_reload (RdSyncService *self)
{
  g_return_if_fail (RD_IS_SYNC_SERVICE (self));

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_clear_object (&self->engine);
    }
  g_clear_object (&self->client);
  clear_source (&self->retry_id);
  clear_source (&self->interval_id);
  clear_source (&self->debounce_id);
  self->failures = 0;
  self->loading = TRUE;
  self->again = TRUE;
  set_progress (self, 0.0);

  rd_sync_service_load_config_async (self, self->cancellable, on_config_loaded_cb,
                                     GUINT_TO_POINTER (self->generation));
}

void
rd_sync_service_sync_now (RdSyncService *self)
{
  g_return_if_fail (RD_IS_SYNC_SERVICE (self));

  self->failures = 0;
  /* Without a client, the configuration or password was the problem:
   * read them again. */
  if (self->client == NULL)
    {
      if (!self->loading)
        rd_sync_service_reload (self);
      return;
    }
  start_round (self);
}

/* Saving the configuration */

typedef struct
{
  RdStore      *store;
  RdSyncConfig *config;      /* as written: no credentials in the URL */
  char         *password;
  gboolean      session_only;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->store);
  rd_sync_config_free (job->config);
  wipe_string (&job->password);
  g_free (job);
}

static void
save_config_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SaveJob *job = task_data;
  RdStore *store = job->store;
  g_autofree char *interval = g_strdup_printf ("%u", job->config->interval_minutes);
  GError *error = NULL;

  if (rd_store_set_setting (store, RD_SYNC_SETTING_URL, job->config->url ? job->config->url : "",
                            &error) &&
      rd_store_set_setting (store, RD_SYNC_SETTING_USER, job->config->user ? job->config->user : "",
                            &error) &&
      rd_store_set_setting (store, RD_SYNC_SETTING_INTERVAL, interval, &error) &&
      rd_store_set_setting (store, RD_SYNC_SETTING_ALLOW_UNENCRYPTED,
                            job->config->allow_unencrypted ? "true" : "false", &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
remember_session_password (RdSyncService *self,
                           SaveJob       *job)
{
  g_free (self->session_server);
  g_free (self->session_user);
  wipe_string (&self->session_password);
  self->session_server = g_strdup (job->config->url);
  self->session_user = g_strdup (job->config->user);
  self->session_password = g_strdup (job->password);
}

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RdSyncService *self = g_task_get_source_object (task);
  SaveJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!rd_sync_secret_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("Secret Service: %s", error->message);
      job->session_only = TRUE;
      self->secret_missing = TRUE;
    }
  else
    self->secret_missing = FALSE;

  /* Either way it is known for this session: no lookup round trip. */
  remember_session_password (self, job);
  rd_sync_service_reload (self);
  g_task_return_boolean (task, TRUE);
}

static void
on_config_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RdSyncService *self = g_task_get_source_object (task);
  SaveJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!rd_task_propagate_boolean (self, result, save_config_thread, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->password != NULL && *job->password != '\0' && job->config->url != NULL &&
      job->config->user != NULL)
    {
      rd_sync_secret_store_async (job->config->url, job->config->user, job->password,
                                  g_task_get_cancellable (task), on_password_stored_cb,
                                  g_object_ref (task));
      return;
    }

  rd_sync_service_reload (self);
  g_task_return_boolean (task, TRUE);
}

void
rd_sync_service_save_config_async (RdSyncService       *self,
                                   const RdSyncConfig  *config,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url_user = NULL;
  g_autofree char *url_password = NULL;
  SaveJob *job;

  g_return_if_fail (RD_IS_SYNC_SERVICE (self));
  g_return_if_fail (config != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_sync_service_save_config_async);

  job = g_new0 (SaveJob, 1);
  job->config = config_copy (config);
  job->password = g_strdup (password);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "The database is closed");
      return;
    }

  /* Credentials typed into the address go to the Secret Service, never
   * into the settings table. */
  g_clear_pointer (&job->config->url, g_free);
  if (config->url != NULL && *config->url != '\0')
    {
      if (!rd_sync_url_split (config->url, &job->config->url, &url_user, &url_password, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (url_user != NULL)
        {
          g_free (job->config->user);
          job->config->user = g_steal_pointer (&url_user);
        }
      if (url_password != NULL && *url_password != '\0')
        {
          wipe_string (&job->password);
          job->password = g_steal_pointer (&url_password);
        }
    }
  wipe_string (&url_password);
  if (job->config->user != NULL && *job->config->user == '\0')
    g_clear_pointer (&job->config->user, g_free);

  job->store = g_object_ref (self->store);
  /* The job is owned by the outer task, which outlives this one. */
  rd_task_run_in_thread (self, save_config_thread, job, NULL, save_config_thread, cancellable,
                         on_config_saved_cb, g_object_ref (task));
}

gboolean
rd_sync_service_save_config_finish (RdSyncService  *self,
                                    GAsyncResult   *result,
                                    gboolean       *out_session_only,
                                    GError        **error)
{
  SaveJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (out_session_only != NULL)
    *out_session_only = job->session_only;
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
rd_sync_service_get_secret_service_missing (RdSyncService *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SERVICE (self), FALSE);

  return self->secret_missing;
}

void
rd_sync_service_set_session_password (RdSyncService *self,
                                      const char    *password)
{
  g_return_if_fail (RD_IS_SYNC_SERVICE (self));

  wipe_string (&self->session_password);
  g_clear_pointer (&self->session_server, g_free);
  g_clear_pointer (&self->session_user, g_free);
  self->session_password = g_strdup (password);
}

/* Conflicts */

typedef struct
{
  RdStore  *store;
  gint64    id;
  gboolean  restore;
} ConflictJob;

static void
conflict_job_free (ConflictJob *job)
{
  g_clear_object (&job->store);
  g_free (job);
}

static void
list_conflicts_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ConflictJob *job = task_data;
  GError *error = NULL;
  GPtrArray *conflicts = rd_store_sync_list_conflicts (job->store, &error);

  if (conflicts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, conflicts, (GDestroyNotify) g_ptr_array_unref);
}

static void
resolve_conflict_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  ConflictJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (job->restore)
    ok = rd_store_sync_restore_conflict (job->store, job->id, &error);
  else
    ok = rd_store_sync_dismiss_conflict (job->store, job->id, &error);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_conflict_job (RdSyncService       *self,
                  gpointer             source_tag,
                  GTaskThreadFunc      func,
                  gint64               id,
                  gboolean             restore,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  ConflictJob *job;

  if (return_if_closed (self, source_tag, cancellable, callback, user_data))
    return;
  job = g_new0 (ConflictJob, 1);
  job->store = g_object_ref (self->store);
  job->id = id;
  job->restore = restore;
  rd_task_run_in_thread (self, source_tag, job, (GDestroyNotify) conflict_job_free, func,
                         cancellable, callback, user_data);
}

void
rd_sync_service_list_conflicts_async (RdSyncService       *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (RD_IS_SYNC_SERVICE (self));

  run_conflict_job (self, rd_sync_service_list_conflicts_async, list_conflicts_thread, 0, FALSE,
                    cancellable, callback, user_data);
}

GPtrArray *
rd_sync_service_list_conflicts_finish (RdSyncService  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return rd_task_propagate_pointer (self, result, rd_sync_service_list_conflicts_async, error);
}

void
rd_sync_service_resolve_conflict_async (RdSyncService       *self,
                                        gint64               id,
                                        gboolean             restore,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (RD_IS_SYNC_SERVICE (self));

  run_conflict_job (self, rd_sync_service_resolve_conflict_async, resolve_conflict_thread, id,
                    restore, cancellable, callback, user_data);
}

gboolean
rd_sync_service_resolve_conflict_finish (RdSyncService  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  if (!rd_task_propagate_boolean (self, result, rd_sync_service_resolve_conflict_async, error))
    return FALSE;
  g_signal_emit (self, signals[CONFLICTS_CHANGED], 0);
  return TRUE;
}

/* GObject */

static void
rd_sync_service_dispose (GObject *object)
{
  RdSyncService *self = RD_SYNC_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  clear_source (&self->debounce_id);
  clear_source (&self->retry_id);
  clear_source (&self->interval_id);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->client);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
      self->store = NULL;
    }

  G_OBJECT_CLASS (rd_sync_service_parent_class)->dispose (object);
}

static void
rd_sync_service_finalize (GObject *object)
{
  RdSyncService *self = RD_SYNC_SERVICE (object);

  g_clear_object (&self->cancellable);
  g_free (self->last_error);
  g_free (self->last_summary);
  g_free (self->refused);
  g_free (self->session_server);
  g_free (self->session_user);
  wipe_string (&self->session_password);

  G_OBJECT_CLASS (rd_sync_service_parent_class)->finalize (object);
}

static void
rd_sync_service_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RdSyncService *self = RD_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_NEXT_RETRY:
      g_value_set_int64 (value, self->next_retry);
      break;
    case PROP_LAST_SUMMARY:
      g_value_set_string (value, self->last_summary);
      break;
    case PROP_REFUSED:
      g_value_set_string (value, self->refused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sync_service_class_init (RdSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_sync_service_dispose;
  object_class->finalize = rd_sync_service_finalize;
  object_class->get_property = rd_sync_service_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, RD_TYPE_SYNC_STATE, RD_SYNC_STATE_DISABLED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_RETRY] =
    g_param_spec_int64 ("next-retry", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUMMARY] =
    g_param_spec_string ("last-summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFUSED] =
    g_param_spec_string ("refused", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CONFLICTS_CHANGED] =
    g_signal_new ("conflicts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_sync_service_init (RdSyncService *self)
{
  self->cancellable = g_cancellable_new ();
  self->state = RD_SYNC_STATE_DISABLED;
  self->interval_minutes = RD_SYNC_DEFAULT_INTERVAL;
  self->debounce_ms = DEFAULT_DEBOUNCE_MS;
  self->backoff_base_ms = DEFAULT_BACKOFF_BASE_MS;
  self->backoff_max_ms = DEFAULT_BACKOFF_MAX_MS;
  self->timeout_s = DEFAULT_TIMEOUT_S;
}

/* Public API */

RdSyncService *
rd_sync_service_new (RdStore *store)
{
  RdSyncService *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_SYNC_SERVICE, NULL);
  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rd_sync_service_reload (self);
  return self;
}

RdStore *
rd_sync_service_get_store (RdSyncService *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SERVICE (self), NULL);
  return self->store;
}

RdSyncState
rd_sync_service_get_state (RdSyncService *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SERVICE (self), RD_SYNC_STATE_DISABLED);
  return self->state;
}

double
rd_sync_service_get_progress (RdSyncService *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SERVICE (self), 0.0);
  return self->progress;
}

const char *
rd_sync_service_get_last_error (RdSyncService *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SERVICE (self), NULL);
  return self->last_error;
}

gint64
rd_sync_service_get_next_retry (RdSyncService *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SERVICE (self), 0);
  return self->next_retry;
}

const char *
rd_sync_service_get_refused (RdSyncService *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SERVICE (self), NULL);

  return self->refused;
}

const char *
rd_sync_service_get_last_summary (RdSyncService *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SERVICE (self), NULL);
  return self->last_summary;
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  return time != NULL ? g_date_time_format (time, "%H:%M") : g_strdup ("");
}

char *
rd_sync_service_describe (RdSyncService *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SERVICE (self), NULL);

  switch (self->state)
    {
    case RD_SYNC_STATE_DISABLED:
      return g_strdup (_("Sync is off: no server is set"));
    case RD_SYNC_STATE_IDLE:
      return g_strdup (_("Waiting to sync"));
    case RD_SYNC_STATE_UP_TO_DATE:
      {
        g_autofree char *when = format_time (self->last_sync);

        if (self->refused != NULL)
          {
            g_autofree char *first = g_strndup (self->refused, strcspn (self->refused, "\n"));

            /* Translators: %s is a time like 14:05, then a record and the reason it is refused */
            return g_strdup_printf (_("Synced at %s, but a record on the server is refused as "
                                      "invalid: %s"), when, first);
          }
        /* Translators: %s is a time like 14:05 */
        return g_strdup_printf (_("Up to date, last synced at %s"), when);
      }
    case RD_SYNC_STATE_SYNCING:
      if (self->progress >= 0.0)
        /* Translators: %d is a percentage */
        return g_strdup_printf (_("Syncing… %d %%"), (int) (self->progress * 100 + 0.5));
      return g_strdup (_("Syncing…"));
    case RD_SYNC_STATE_OFFLINE:
      {
        g_autofree char *when = format_time (self->next_retry);

        /* Translators: %s is a time like 14:05 */
        return g_strdup_printf (_("Offline, retrying at %s"), when);
      }
    case RD_SYNC_STATE_ERROR:
    default:
      return g_strdup (self->last_error != NULL ? self->last_error : _("Sync failed"));
    }
}

void
rd_sync_service_set_timing (RdSyncService *self,
                            guint          debounce_ms,
                            guint          backoff_base_ms,
                            guint          backoff_max_ms,
                            guint          request_timeout_s)
{
  g_return_if_fail (RD_IS_SYNC_SERVICE (self));

  self->debounce_ms = debounce_ms;
  self->backoff_base_ms = MAX (backoff_base_ms, 1);
  self->backoff_max_ms = MAX (backoff_max_ms, self->backoff_base_ms);
  self->timeout_s = MAX (request_timeout_s, 1);
  if (self->client != NULL)
    rd_sync_client_set_timeout (self->client, self->timeout_s);
}
