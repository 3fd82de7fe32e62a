/* rd-sync-engine.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-merge.h"
#include "rd-store-sync.h"
#include "rd-sync-engine.h"
#include "rd-task.h"

#define DEFAULT_PAGE_SIZE 1000
#define PUSH_BATCH 500
#define MAX_PUSH_ROUNDS 64

struct _RdSyncEngine
{
  GObject       parent_instance;

  RdStore      *store;
  RdSyncClient *client;
  guint         page_size;
  guint         fail_after_pages;
};

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdSyncEngine, rd_sync_engine, G_TYPE_OBJECT)

/* One round, the task data of the round's GTask. */
typedef struct
{
  RdSyncEngine    *engine;         /* owned */
  RdStore         *store;          /* owned */
  char            *state_key;
  RdSyncSummary    summary;
  RdStoreSyncStats stats;
  gboolean         done;

  /* Pull: page N is applied on a worker while page N+1 is on the wire. */
  gboolean         applying;
  gboolean         fetching;
  gboolean         current_full;
  JsonObject      *next_page;      /* fetched while applying */
  char            *next_seq;
  GError          *next_error;
  guint            total;          /* estimate for progress */

  /* Push */
  GHashTable      *rejected;       /* doc ids the server refused */
  guint            push_rounds;
  GPtrArray       *pushing;        /* docs in flight */
} Round;

static void
round_free (gpointer data)
{
  Round *round = data;

  g_clear_object (&round->engine);
  g_clear_object (&round->store);
  g_free (round->state_key);
  g_clear_pointer (&round->next_page, json_object_unref);
  g_free (round->next_seq);
  g_clear_error (&round->next_error);
  g_clear_pointer (&round->rejected, g_hash_table_unref);
  g_clear_pointer (&round->pushing, g_ptr_array_unref);
  g_free (round);
}

static void fetch_page (GTask *task, const char *since);
static void process_page (GTask *task, JsonObject *page, const char *last_seq);
static void push_next (GTask *task);

static void
round_fail (GTask  *task,
            GError *error)
{
  Round *round = g_task_get_task_data (task);

  if (round->done)
    {
      g_error_free (error);
      return;
    }
  round->done = TRUE;
  g_task_return_error (task, error);
}

static void
emit_progress (GTask *task)
{
  Round *round = g_task_get_task_data (task);
  guint done = round->summary.pulled + round->stats.unchanged + round->summary.pushed;

  g_signal_emit (round->engine, signals[PROGRESS], 0, done, MAX (round->total, done));
}

/* Store jobs on a worker thread */

static void
return_outcome (GTask    *task,
                gboolean  ok,
                GError   *error)
{
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

typedef struct
{
  GPtrArray *docs;
  char      *state_key;   /* NULL: no checkpoint (conflict fetches) */
  char      *state_value;
  RdStoreSyncStats stats;
} ApplyJob;

static void
apply_job_free (gpointer data)
{
  ApplyJob *job = data;

  g_clear_pointer (&job->docs, g_ptr_array_unref);
  g_free (job->state_key);
  g_free (job->state_value);
  g_free (job);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  ok = rd_store_sync_apply_documents (RD_STORE (source_object), job->docs, rd_merge_func, NULL,
                                      job->state_key, job->state_value, &job->stats, &error);
  return_outcome (task, ok, error);
}

static void
apply_async (Round              *round,
             GPtrArray          *docs,
             const char         *state_key,
             const char         *state_value,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  ApplyJob *job = g_new0 (ApplyJob, 1);

  job->docs = g_ptr_array_ref (docs);
  job->state_key = g_strdup (state_key);
  job->state_value = g_strdup (state_value);
  rd_task_run_in_thread (round->store, apply_async, job, apply_job_free, apply_thread, NULL,
                         callback, user_data);
}

static gboolean
apply_finish (Round        *round,
              GAsyncResult *result,
              GError      **error)
{
  ApplyJob *job = g_task_get_task_data (G_TASK (result));

  if (!rd_task_propagate_boolean (round->store, result, apply_async, error))
    return FALSE;

  round->stats.applied += job->stats.applied;
  round->stats.unchanged += job->stats.unchanged;
  round->stats.merged += job->stats.merged;
  round->stats.conflicts += job->stats.conflicts;
  round->stats.kept += job->stats.kept;
  round->summary.pulled += job->stats.applied;
  round->summary.merged += job->stats.merged;
  round->summary.conflicts += job->stats.conflicts;
  round->summary.kept += job->stats.kept;
  return TRUE;
}

typedef struct
{
  GPtrArray *docs;
  GPtrArray *pushed;
  GPtrArray *conflicted;   /* ids to fetch again */
  guint      limit;
} PushJob;

static void
push_job_free (gpointer data)
{
  PushJob *job = data;

  g_clear_pointer (&job->docs, g_ptr_array_unref);
  g_clear_pointer (&job->pushed, g_ptr_array_unref);
  g_clear_pointer (&job->conflicted, g_ptr_array_unref);
  g_free (job);
}

static void
list_outgoing_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  PushJob *job = task_data;
  GError *error = NULL;

  job->docs = rd_store_sync_list_outgoing (RD_STORE (source_object), job->limit, &error);
  return_outcome (task, job->docs != NULL, error);
}

static void
mark_pushed_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PushJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  ok = rd_store_sync_mark_pushed (RD_STORE (source_object), job->pushed, &error);
  return_outcome (task, ok, error);
}

/* Pull */

static void
on_apply_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Round *round = g_task_get_task_data (task);
  GError *error = NULL;

  round->applying = FALSE;

  if (!apply_finish (round, result, &error))
    {
      round_fail (task, error);
      return;
    }
  if (round->done)
    return;

  round->summary.pages++;
  emit_progress (task);

  if (round->engine->fail_after_pages > 0 &&
      round->summary.pages >= round->engine->fail_after_pages)
    {
      round_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_INTERRUPTED,
                                     "Interrupted after %u pages", round->summary.pages));
      return;
    }

  if (!round->current_full)
    {
      push_next (g_steal_pointer (&task));
      return;
    }

  if (round->next_error != NULL)
    {
      round_fail (task, g_steal_pointer (&round->next_error));
      return;
    }
  if (round->next_page != NULL)
    {
      g_autoptr(JsonObject) page = g_steal_pointer (&round->next_page);
      g_autofree char *seq = g_steal_pointer (&round->next_seq);

      process_page (task, page, seq);
    }
  /* else: the fetch still runs and continues when it lands */
}

static void
on_changes_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Round *round = g_task_get_task_data (task);
  g_autoptr(JsonObject) page = NULL;
  g_autofree char *last_seq = NULL;
  GError *error = NULL;

  round->fetching = FALSE;
  page = rd_sync_client_changes_finish (RD_SYNC_CLIENT (source), result, &last_seq, &error);
  if (round->done)
    {
      g_clear_error (&error);
      return;
    }

  if (round->applying)
    {
      if (page == NULL)
        round->next_error = error;
      round->next_page = g_steal_pointer (&page);
      round->next_seq = g_steal_pointer (&last_seq);
      return;
    }

  if (page == NULL)
    {
      round_fail (task, error);
      return;
    }

  process_page (task, page, last_seq);
}

static void
fetch_page (GTask      *task,
            const char *since)
{
  Round *round = g_task_get_task_data (task);

  round->fetching = TRUE;
  rd_sync_client_changes_async (round->engine->client, since, round->engine->page_size,
                                g_task_get_cancellable (task), on_changes_cb, g_object_ref (task));
}

static void
process_page (GTask      *task,
              JsonObject *page,
              const char *last_seq)
{
  Round *round = g_task_get_task_data (task);
  JsonArray *results = json_object_get_array_member (page, "results");
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  guint n = json_array_get_length (results);
  gint64 pending = -1;

  if (json_object_has_member (page, "pending"))
    pending = json_object_get_int_member (page, "pending");

  for (guint i = 0; i < n; i++)
    {
      JsonObject *change = json_array_get_object_element (results, i);
      JsonObject *doc = change ? json_object_get_object_member (change, "doc") : NULL;

      if (doc != NULL)
        g_ptr_array_add (docs, json_object_ref (doc));
      else if (change != NULL && json_object_get_boolean_member_with_default (change, "deleted", FALSE))
        {
          JsonArray *changes = json_object_get_array_member (change, "changes");
          JsonObject *first = changes && json_array_get_length (changes) > 0
                              ? json_array_get_object_element (changes, 0) : NULL;
          JsonObject *tombstone = json_object_new ();

          json_object_set_string_member (tombstone, "_id",
                                         json_object_get_string_member_with_default (change, "id", ""));
          if (first != NULL)
            json_object_set_string_member (tombstone, "_rev",
                                           json_object_get_string_member_with_default (first, "rev", ""));
          json_object_set_boolean_member (tombstone, "_deleted", TRUE);
          g_ptr_array_add (docs, tombstone);
        }
    }

  if (n == 0)
    {
      push_next (g_object_ref (task));
      return;
    }

  round->current_full = pending >= 0 ? pending > 0 : n >= round->engine->page_size;
  if (pending >= 0)
    round->total = round->summary.pulled + round->stats.unchanged + n + (guint) pending;

  if (round->current_full)
    fetch_page (task, last_seq);

  round->applying = TRUE;
  apply_async (round, docs, round->state_key, last_seq, on_apply_page_cb, g_object_ref (task));
}

/* Push */

static void
on_conflicts_applied_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Round *round = g_task_get_task_data (task);
  GError *error = NULL;

  if (!apply_finish (round, result, &error))
    {
      round_fail (task, error);
      return;
    }
  /* Conflicted fetches are not "pulled" documents of the round. */
  push_next (g_steal_pointer (&task));
}

static void
on_conflicts_fetched_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Round *round = g_task_get_task_data (task);
  g_autoptr(GPtrArray) docs = NULL;
  GError *error = NULL;

  docs = rd_sync_client_fetch_documents_finish (RD_SYNC_CLIENT (source), result, &error);
  if (docs == NULL)
    {
      round_fail (task, error);
      return;
    }
  apply_async (round, docs, NULL, NULL, on_conflicts_applied_cb, g_steal_pointer (&task));
}

static void
on_marked_pushed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Round *round = g_task_get_task_data (task);
  PushJob *job = g_task_get_task_data (G_TASK (result));
  GPtrArray *conflicted = job->conflicted;
  GError *error = NULL;

  if (!rd_task_propagate_boolean (round->store, result, mark_pushed_thread, &error))
    {
      round_fail (task, error);
      return;
    }
  emit_progress (task);

  if (conflicted != NULL && conflicted->len > 0)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      rd_sync_client_fetch_documents_async (round->engine->client, conflicted, cancellable,
                                            on_conflicts_fetched_cb, g_steal_pointer (&task));
      return;
    }
  push_next (g_steal_pointer (&task));
}

static void
on_bulk_docs_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Round *round = g_task_get_task_data (task);
  g_autoptr(JsonArray) answers = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) pushing = g_steal_pointer (&round->pushing);
  PushJob *job;
  GError *error = NULL;

  answers = rd_sync_client_bulk_docs_finish (RD_SYNC_CLIENT (source), result, &error);
  if (answers == NULL)
    {
      round_fail (task, error);
      return;
    }

  for (guint i = 0; i < pushing->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (pushing, i);

      g_hash_table_insert (by_id, (gpointer) json_object_get_string_member (doc, "_id"), doc);
    }

  job = g_new0 (PushJob, 1);
  job->pushed = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  job->conflicted = g_ptr_array_new_with_free_func (g_free);

  /* 201 even when items failed: every item is checked. */
  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonObject *answer = json_array_get_object_element (answers, i);
      const char *id = answer ? json_object_get_string_member_with_default (answer, "id", NULL) : NULL;
      const char *failure = answer ? json_object_get_string_member_with_default (answer, "error", NULL) : NULL;
      JsonObject *doc = id ? g_hash_table_lookup (by_id, id) : NULL;

      if (doc == NULL)
        continue;

      if (failure == NULL && json_object_has_member (answer, "rev"))
        {
          JsonObject *pushed = rd_document_copy_object (doc);

          json_object_set_string_member (pushed, "_rev", json_object_get_string_member (answer, "rev"));
          g_ptr_array_add (job->pushed, pushed);
          round->summary.pushed++;
        }
      else if (g_strcmp0 (failure, "conflict") == 0)
        g_ptr_array_add (job->conflicted, g_strdup (id));
      else
        {
          g_warning ("The server refused %s: %s (%s)", id, failure ? failure : "?",
                     json_object_get_string_member_with_default (answer, "reason", ""));
          g_hash_table_add (round->rejected, g_strdup (id));
          round->summary.rejected++;
        }
    }

  rd_task_run_in_thread (round->store, mark_pushed_thread, job, push_job_free, mark_pushed_thread,
                         NULL, on_marked_pushed_cb, g_steal_pointer (&task));
}

static void
on_outgoing_listed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Round *round = g_task_get_task_data (task);
  PushJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) docs = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  if (!rd_task_propagate_boolean (round->store, result, push_next, &error))
    {
      round_fail (task, error);
      return;
    }

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < job->docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (job->docs, i);

      if (!g_hash_table_contains (round->rejected, json_object_get_string_member (doc, "_id")))
        g_ptr_array_add (docs, json_object_ref (doc));
    }

  if (docs->len == 0)
    {
      if (round->summary.rejected > 0)
        {
          round_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_REJECTED,
                                         g_dngettext (GETTEXT_PACKAGE,
                                                      "The server refused %u change",
                                                      "The server refused %u changes",
                                                      round->summary.rejected),
                                         round->summary.rejected));
          return;
        }
      round->done = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  round->total = MAX (round->total, round->summary.pulled + round->summary.pushed + docs->len);
  round->pushing = g_ptr_array_ref (docs);
  cancellable = g_task_get_cancellable (task);
  rd_sync_client_bulk_docs_async (round->engine->client, docs, cancellable,
                                  on_bulk_docs_cb, g_steal_pointer (&task));
}

static void
push_next (GTask *task)
{
  Round *round = g_task_get_task_data (task);
  PushJob *job;

  if (round->done)
    {
      g_object_unref (task);
      return;
    }

  if (++round->push_rounds > MAX_PUSH_ROUNDS)
    {
      round_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                     _("The push did not settle; try again later")));
      g_object_unref (task);
      return;
    }

  job = g_new0 (PushJob, 1);
  /* Refused rows stay dirty: fetch enough to get past them. */
  job->limit = PUSH_BATCH + g_hash_table_size (round->rejected);
  rd_task_run_in_thread (round->store, push_next, job, push_job_free, list_outgoing_thread, NULL,
                         on_outgoing_listed_cb, task);
}

/* GObject */

static void
rd_sync_engine_dispose (GObject *object)
{
  RdSyncEngine *self = RD_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (rd_sync_engine_parent_class)->dispose (object);
}

static void
rd_sync_engine_class_init (RdSyncEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rd_sync_engine_dispose;

  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
rd_sync_engine_init (RdSyncEngine *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
}

/* Public API */

char *
rd_sync_summary_to_string (const RdSyncSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  return g_strdup_printf (_("pulled %u, pushed %u, merged %u, conflicts %u, kept as is %u, "
                            "refused %u"),
                          summary->pulled, summary->pushed, summary->merged, summary->conflicts,
                          summary->kept, summary->rejected);
}

RdSyncEngine *
rd_sync_engine_new (RdStore      *store,
                    RdSyncClient *client)
{
  RdSyncEngine *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (client), NULL);

  self = g_object_new (RD_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  return self;
}

RdSyncClient *
rd_sync_engine_get_client (RdSyncEngine *self)
{
  g_return_val_if_fail (RD_IS_SYNC_ENGINE (self), NULL);

  return self->client;
}

void
rd_sync_engine_set_page_size (RdSyncEngine *self,
                              guint         page_size)
{
  g_return_if_fail (RD_IS_SYNC_ENGINE (self));

  self->page_size = MAX (page_size, 1);
}

void
rd_sync_engine_set_fail_after_pages (RdSyncEngine *self,
                                     guint         n)
{
  g_return_if_fail (RD_IS_SYNC_ENGINE (self));

  self->fail_after_pages = n;
}

void
rd_sync_engine_run_async (RdSyncEngine        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  Round *round;

  g_return_if_fail (RD_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_sync_engine_run_async);

  round = g_new0 (Round, 1);
  round->engine = g_object_ref (self);
  round->store = g_object_ref (self->store);
  /* One checkpoint per server database, never one leaking into another. */
  round->state_key = g_strconcat ("pull:", rd_sync_client_get_url (self->client), NULL);
  round->rejected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, round, round_free);

  since = rd_store_sync_get_state (self->store, round->state_key, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  fetch_page (task, since);
}

gboolean
rd_sync_engine_run_finish (RdSyncEngine  *self,
                           GAsyncResult  *result,
                           RdSyncSummary *out_summary,
                           GError       **error)
{
  Round *round;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  round = g_task_get_task_data (G_TASK (result));
  if (out_summary != NULL)
    *out_summary = round->summary;
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GMainLoop     *loop;
  gboolean       ok;
  RdSyncSummary  summary;
  GError        *error;
} RunData;

static void
on_run_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RunData *data = user_data;

  data->ok = rd_sync_engine_run_finish (RD_SYNC_ENGINE (source), result, &data->summary,
                                        &data->error);
  g_main_loop_quit (data->loop);
}

gboolean
rd_sync_engine_run (RdSyncEngine  *self,
                    RdSyncSummary *out_summary,
                    GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  RunData data = { 0 };

  g_return_val_if_fail (RD_IS_SYNC_ENGINE (self), FALSE);

  g_main_context_push_thread_default (context);
  data.loop = g_main_loop_new (context, FALSE);
  rd_sync_engine_run_async (self, NULL, on_run_cb, &data);
  g_main_loop_run (data.loop);
  g_main_loop_unref (data.loop);
  /* Let the worker's last callbacks land before the context goes. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  if (out_summary != NULL)
    *out_summary = data.summary;
  if (!data.ok)
    {
      g_propagate_error (error, data.error);
      return FALSE;
    }
  return TRUE;
}
