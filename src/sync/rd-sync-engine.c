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
/* Pages of _changes in one sync; the next sync goes on from there. */
#define DEFAULT_MAX_PAGES 500
/* Times one document is sent in one sync before it counts as unsettled. */
#define MAX_SENDS 3
/* The whole sync, however many requests it takes. */
#define DEFAULT_SYNC_DEADLINE (30 * 60)
/* Pages asked for ahead of the one the round waits for. */
#define MAX_AHEAD 2

struct _RdSyncEngine
{
  GObject       parent_instance;

  RdStore      *store;
  RdSyncClient *client;
  guint         page_size;
  guint         fail_after_pages;
  guint         max_pages;
  guint         push_batch;
  guint         deadline_s;
  GPtrArray    *quarantined;   /* RdSyncQuarantined of the last round */
};

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdSyncEngine, rd_sync_engine, G_TYPE_OBJECT)

typedef struct _Ahead Ahead;

/* One round, the task data of the round's GTask. */
typedef struct
{
  RdSyncEngine    *engine;         /* owned */
  RdStore         *store;          /* owned */
  char            *state_key;
  RdSyncSummary    summary;
  RdStoreSyncStats stats;
  gboolean         done;
  GCancellable    *cancellable;    /* the round's: the deadline cancels it */
  gulong           cancelled_id;
  GCancellable    *outer;
  GSource         *deadline;
  gboolean         deadline_hit;

  /* Pull: page N is applied on a worker while page N+1 is on the wire. */
  gboolean         applying;
  gboolean         fetching;
  gboolean         current_full;
  RdSyncChanges   *next_page;      /* fetched while applying */
  GError          *next_error;
  guint            total;          /* estimate for progress */
  GHashTable      *seen_seqs;      /* every checkpoint of this round */
  guint            fetched;        /* pages requested */
  char            *last_since;     /* of the last request sent */
  GQueue           aheads;         /* Ahead: the next pages, asked for on guesses */

  /* Push */
  GHashTable      *rejected;       /* doc ids the server refused, or unsettled */
  GHashTable      *sends;          /* doc id → times sent in this round */
  GPtrArray       *pushing;        /* docs in flight */
  GPtrArray       *quarantined;
} Round;

/* A page after the one being read, asked for on a guess of its
 * checkpoint while that one is parsed (on_changes_read_cb), so that the
 * server works meanwhile.  Used only when the checked answer shows the
 * guess was right; otherwise dropped. */
struct _Ahead
{
  GTask         *task;          /* owned while in flight */
  char          *since;
  GCancellable  *cancellable;
  GCancellable  *round_cancellable;
  gulong         cancelled_id;
  gboolean       wanted;        /* the round now waits for it */
  gboolean       dropped;
  gboolean       landed;
  RdSyncChanges *page;
  GError        *error;
};

static void
ahead_free (Ahead *ahead)
{
  g_cancellable_disconnect (ahead->round_cancellable, ahead->cancelled_id);
  g_clear_object (&ahead->round_cancellable);
  g_clear_object (&ahead->cancellable);
  g_clear_object (&ahead->task);
  g_free (ahead->since);
  g_clear_pointer (&ahead->page, rd_sync_changes_free);
  g_clear_error (&ahead->error);
  g_free (ahead);
}

/* Forgets the pages asked for ahead: each freed now when it has landed,
 * by its callback when still in flight. */
static void
drop_aheads (Round *round)
{
  Ahead *ahead;

  while ((ahead = g_queue_pop_head (&round->aheads)) != NULL)
    {
      if (ahead->landed)
        ahead_free (ahead);
      else
        {
          ahead->dropped = TRUE;
          g_cancellable_cancel (ahead->cancellable);
        }
    }
}

static void
round_free (gpointer data)
{
  Round *round = data;

  drop_aheads (round);
  g_free (round->last_since);

  if (round->deadline != NULL)
    {
      g_source_destroy (round->deadline);
      g_source_unref (round->deadline);
    }
  if (round->outer != NULL)
    g_cancellable_disconnect (round->outer, round->cancelled_id);
  g_clear_object (&round->outer);
  g_clear_object (&round->cancellable);
  g_clear_pointer (&round->seen_seqs, g_hash_table_unref);
  g_clear_pointer (&round->sends, g_hash_table_unref);
  g_clear_pointer (&round->quarantined, g_ptr_array_unref);
  g_clear_object (&round->engine);
  g_clear_object (&round->store);
  g_free (round->state_key);
  g_clear_pointer (&round->next_page, rd_sync_changes_free);
  g_clear_error (&round->next_error);
  g_clear_pointer (&round->rejected, g_hash_table_unref);
  g_clear_pointer (&round->pushing, g_ptr_array_unref);
  g_free (round);
}

static void fetch_page (GTask *task, const char *since);
static void process_page (GTask *task, RdSyncChanges *page);
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
  drop_aheads (round);
  if (round->deadline_hit && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "The sync took longer than %u minute and was stopped; "
                                        "what it finished is kept",
                                        "The sync took longer than %u minutes and was stopped; "
                                        "what it finished is kept",
                                        MAX (round->engine->deadline_s / 60, 1)),
                           MAX (round->engine->deadline_s / 60, 1));
    }
  g_task_return_error (task, error);
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  Round *round = user_data;

  round->deadline_hit = TRUE;
  g_cancellable_cancel (round->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_outer_cancelled_cb (GCancellable *outer,
                       gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
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
  GPtrArray *texts;       /* the JSON of each doc, or NULL */
  char      *state_key;   /* NULL: no checkpoint (conflict fetches) */
  char      *state_value;
  RdStoreSyncStats stats;
} ApplyJob;

static void
apply_job_free (gpointer data)
{
  ApplyJob *job = data;

  g_clear_pointer (&job->docs, g_ptr_array_unref);
  g_clear_pointer (&job->texts, g_ptr_array_unref);
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

  ok = rd_store_sync_apply_documents (RD_STORE (source_object), job->docs, job->texts,
                                      rd_merge_func, NULL, job->state_key, job->state_value,
                                      &job->stats, &error);
  return_outcome (task, ok, error);
}

static void
apply_async (Round              *round,
             GPtrArray          *docs,
             GPtrArray          *texts,
             const char         *state_key,
             const char         *state_value,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  ApplyJob *job = g_new0 (ApplyJob, 1);

  job->docs = g_ptr_array_ref (docs);
  job->texts = texts ? g_ptr_array_ref (texts) : NULL;
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
  GPtrArray *quarantined;
  guint      limit;
} PushJob;

static void
push_job_free (gpointer data)
{
  PushJob *job = data;

  g_clear_pointer (&job->docs, g_ptr_array_unref);
  g_clear_pointer (&job->pushed, g_ptr_array_unref);
  g_clear_pointer (&job->conflicted, g_ptr_array_unref);
  g_clear_pointer (&job->quarantined, g_ptr_array_unref);
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
  if (job->docs != NULL)
    job->quarantined = rd_store_sync_list_quarantined (RD_STORE (source_object), &error);
  return_outcome (task, job->docs != NULL && job->quarantined != NULL, error);
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
  ApplyJob *job = g_task_get_task_data (G_TASK (result));
  /* Freed here once the next page is on its way, rather than by the
   * worker, which has that page to apply. */
  g_autoptr(GPtrArray) applied_docs = g_steal_pointer (&job->docs);
  g_autoptr(GPtrArray) applied_texts = g_steal_pointer (&job->texts);
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
      g_autoptr(RdSyncChanges) page = g_steal_pointer (&round->next_page);

      process_page (task, page);
    }
  /* else: the fetch still runs and continues when it lands */
}

/* The page the round waits for is in (@page, or @error). */
static void
page_landed (GTask         *task,
             RdSyncChanges *landed,
             GError        *error)
{
  Round *round = g_task_get_task_data (task);
  g_autoptr(RdSyncChanges) page = landed;

  round->fetching = FALSE;
  if (round->done)
    {
      g_clear_error (&error);
      return;
    }

  if (round->applying)
    {
      round->next_error = error;
      round->next_page = g_steal_pointer (&page);
      return;
    }

  if (page == NULL)
    {
      round_fail (task, error);
      return;
    }

  process_page (task, page);
}

static void
on_changes_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  RdSyncChanges *page = rd_sync_client_changes_finish (RD_SYNC_CLIENT (source), result, &error);

  page_landed (task, page, error);
}

static void
on_ahead_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Ahead *ahead = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&ahead->task);
  GError *error = NULL;
  RdSyncChanges *page = NULL;

  if (ahead->dropped)
    {
      ahead_free (ahead);
      return;
    }

  page = rd_sync_client_changes_finish (RD_SYNC_CLIENT (source), result, &error);
  if (ahead->wanted)
    {
      page_landed (task, page, error);
      ahead_free (ahead);
      return;
    }

  /* Kept until the round knows whether it wants it. */
  ahead->landed = TRUE;
  ahead->page = page;
  ahead->error = error;
}

static void on_changes_read_cb (const char *last_seq_guess,
                                const char *pending_guess,
                                gpointer    user_data);

static void
send_ahead (GTask      *task,
            const char *since)
{
  Round *round = g_task_get_task_data (task);
  Ahead *ahead = g_new0 (Ahead, 1);

  ahead->task = g_object_ref (task);
  ahead->since = g_strdup (since);
  ahead->cancellable = g_cancellable_new ();
  ahead->round_cancellable = g_object_ref (round->cancellable);
  ahead->cancelled_id = g_cancellable_connect (round->cancellable,
                                               G_CALLBACK (on_outer_cancelled_cb),
                                               g_object_ref (ahead->cancellable),
                                               g_object_unref);
  g_queue_push_tail (&round->aheads, ahead);
  g_free (round->last_since);
  round->last_since = g_strdup (since);
  rd_sync_client_changes_read_async (round->engine->client, since, round->engine->page_size,
                                     on_changes_read_cb, task, ahead->cancellable, on_ahead_cb,
                                     ahead);
}

/* A page was read and is being parsed: when it seems to name a new
 * checkpoint, and not to be the last page, the next page is asked for
 * already. */
static void
on_changes_read_cb (const char *last_seq_guess,
                    const char *pending_guess,
                    gpointer    user_data)
{
  GTask *task = user_data;
  Round *round = g_task_get_task_data (task);

  if (round->done || last_seq_guess == NULL || g_strcmp0 (pending_guess, "0") == 0 ||
      round->aheads.length >= MAX_AHEAD ||
      round->fetched + round->aheads.length >= round->engine->max_pages ||
      g_strcmp0 (last_seq_guess, round->last_since) == 0 ||
      g_hash_table_contains (round->seen_seqs, last_seq_guess))
    return;

  send_ahead (task, last_seq_guess);
}

static void
fetch_page (GTask      *task,
            const char *since)
{
  Round *round = g_task_get_task_data (task);
  Ahead *ahead = g_queue_peek_head (&round->aheads);

  round->fetching = TRUE;
  round->fetched++;

  if (ahead != NULL && g_strcmp0 (ahead->since, since) == 0)
    {
      g_queue_pop_head (&round->aheads);
      if (!ahead->landed)
        {
          ahead->wanted = TRUE;
          return;
        }
      page_landed (task, g_steal_pointer (&ahead->page), g_steal_pointer (&ahead->error));
      ahead_free (ahead);
      return;
    }

  drop_aheads (round);
  g_free (round->last_since);
  round->last_since = g_strdup (since);
  rd_sync_client_changes_read_async (round->engine->client, since, round->engine->page_size,
                                     on_changes_read_cb, task, round->cancellable,
                                     on_changes_cb, g_object_ref (task));
}

static void
process_page (GTask         *task,
              RdSyncChanges *page)
{
  Round *round = g_task_get_task_data (task);
  const char *last_seq = page->last_seq;
  guint n = page->n;
  gint64 pending = page->pending;

  if (n == 0)
    {
      drop_aheads (round);
      push_next (g_object_ref (task));
      return;
    }

  round->current_full = pending >= 0 ? pending > 0 : n >= round->engine->page_size;
  if (pending >= 0)
    round->total = round->summary.pulled + round->stats.unchanged + n + (guint) MIN (pending, G_MAXUINT / 2);

  /* A server that answers "more to come" without moving its checkpoint
   * (or moving it in a circle) would be asked for ever. */
  if (round->current_full && g_hash_table_contains (round->seen_seqs, last_seq))
    {
      g_autofree char *shown = rd_sync_text_sanitize (last_seq);

      round_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                     _("The server %s sent the same changes again (checkpoint "
                                       "%s) without getting any further; the sync stopped"),
                                     rd_sync_client_get_url (round->engine->client), shown));
      return;
    }
  g_hash_table_add (round->seen_seqs, g_strdup (last_seq));
  if (round->current_full && round->fetched >= round->engine->max_pages)
    {
      round->current_full = FALSE;
      round->summary.more_to_pull = TRUE;
    }

  round->applying = TRUE;
  apply_async (round, page->docs, page->texts, round->state_key, last_seq, on_apply_page_cb,
               g_object_ref (task));

  /* After the apply started: a page fetched ahead may already be in. */
  if (round->current_full)
    fetch_page (task, last_seq);
  else
    drop_aheads (round);
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
  apply_async (round, docs, NULL, NULL, NULL, on_conflicts_applied_cb, g_steal_pointer (&task));
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
      rd_sync_client_fetch_documents_async (round->engine->client, conflicted, round->cancellable,
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

  /* 201 even when items failed: every item is checked (the client has
   * checked their shape: a string id, and a string rev or error). */
  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonObject *answer = json_array_get_object_element (answers, i);
      const char *id = json_object_get_string_member (answer, "id");
      const char *failure = json_object_get_string_member_with_default (answer, "error", NULL);
      JsonObject *doc = g_hash_table_lookup (by_id, id);

      if (doc == NULL)
        continue;
      g_hash_table_remove (by_id, id);

      if (failure == NULL)
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
          g_autofree char *shown_failure = rd_sync_text_sanitize (failure);
          g_autofree char *shown_reason =
            rd_sync_text_sanitize (json_object_get_string_member_with_default (answer, "reason", ""));

          g_warning ("The server refused %s: %s (%s)", id, shown_failure, shown_reason);
          g_hash_table_add (round->rejected, g_strdup (id));
          round->summary.rejected++;
        }
    }

  /* Every document sent needs its answer; one left out would be sent
   * again and again. */
  if (g_hash_table_size (by_id) > 0)
    {
      push_job_free (job);
      round_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                     _("The server %s sent an unexpected answer to a push"),
                                     rd_sync_client_get_url (round->engine->client)));
      return;
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
  GError *error = NULL;

  if (!rd_task_propagate_boolean (round->store, result, push_next, &error))
    {
      round_fail (task, error);
      return;
    }

  g_clear_pointer (&round->quarantined, g_ptr_array_unref);
  round->quarantined = g_ptr_array_ref (job->quarantined);
  round->summary.quarantined = job->quarantined->len;

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < job->docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (job->docs, i);
      const char *id = json_object_get_string_member (doc, "_id");

      if (g_hash_table_contains (round->rejected, id))
        continue;
      /* Sent often enough in this sync: the server keeps answering with a
       * conflict (or it keeps coming back dirty).  Ending on progress, not
       * on a count of rounds, lets a large first sync finish. */
      if (GPOINTER_TO_UINT (g_hash_table_lookup (round->sends, id)) >= MAX_SENDS)
        {
          g_hash_table_add (round->rejected, g_strdup (id));
          round->summary.unsettled++;
          continue;
        }
      g_ptr_array_add (docs, json_object_ref (doc));
    }

  if (docs->len == 0)
    {
      g_autofree char *done = rd_sync_summary_to_string (&round->summary);

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
      if (round->summary.unsettled > 0)
        {
          /* Translators: the second %s is a summary like "pulled 12, pushed 3, …" */
          round_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                         g_dngettext (GETTEXT_PACKAGE,
                                                      "%u change did not settle with the server "
                                                      "%s; try again later (%s)",
                                                      "%u changes did not settle with the server "
                                                      "%s; try again later (%s)",
                                                      round->summary.unsettled),
                                         round->summary.unsettled,
                                         rd_sync_client_get_url (round->engine->client), done));
          return;
        }
      round->done = TRUE;
      g_clear_pointer (&round->engine->quarantined, g_ptr_array_unref);
      round->engine->quarantined = g_ptr_array_ref (round->quarantined);
      g_task_return_boolean (task, TRUE);
      return;
    }

  round->total = MAX (round->total, round->summary.pulled + round->summary.pushed + docs->len);
  round->pushing = g_ptr_array_ref (docs);
  for (guint i = 0; i < docs->len; i++)
    {
      const char *id = json_object_get_string_member (g_ptr_array_index (docs, i), "_id");

      g_hash_table_insert (round->sends, g_strdup (id),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (round->sends, id)) + 1));
    }
  rd_sync_client_bulk_docs_async (round->engine->client, docs, round->cancellable,
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

  job = g_new0 (PushJob, 1);
  /* Refused and unsettled rows stay dirty: fetch enough to get past them. */
  job->limit = round->engine->push_batch + g_hash_table_size (round->rejected);
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
  g_clear_pointer (&self->quarantined, g_ptr_array_unref);

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
  self->max_pages = DEFAULT_MAX_PAGES;
  self->push_batch = PUSH_BATCH;
  self->deadline_s = DEFAULT_SYNC_DEADLINE;
}

/* Public API */

char *
rd_sync_summary_to_string (const RdSyncSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  GString *text = g_string_new (NULL);

  g_string_printf (text, _("pulled %u, pushed %u, merged %u, conflicts %u, kept as is %u, "
                           "refused %u"),
                   summary->pulled, summary->pushed, summary->merged, summary->conflicts,
                   summary->kept, summary->rejected);
  if (summary->quarantined > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u record from the server refused as invalid",
                                                 "%u records from the server refused as invalid",
                                                 summary->quarantined),
                              summary->quarantined);
    }
  if (summary->more_to_pull)
    {
      g_string_append (text, ", ");
      g_string_append (text, _("more to pull at the next sync"));
    }
  return g_string_free (text, FALSE);
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
rd_sync_engine_set_limits (RdSyncEngine *self,
                           guint         max_pages,
                           guint         push_batch,
                           guint         deadline_s)
{
  g_return_if_fail (RD_IS_SYNC_ENGINE (self));

  self->max_pages = max_pages > 0 ? max_pages : DEFAULT_MAX_PAGES;
  self->push_batch = push_batch > 0 ? push_batch : PUSH_BATCH;
  self->deadline_s = deadline_s > 0 ? deadline_s : DEFAULT_SYNC_DEADLINE;
}

GPtrArray *
rd_sync_engine_get_quarantined (RdSyncEngine *self)
{
  g_return_val_if_fail (RD_IS_SYNC_ENGINE (self), NULL);

  return self->quarantined;
}

char *
rd_sync_quarantined_describe (RdSyncQuarantined *item)
{
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  id = rd_sync_text_sanitize (item->doc_id);
  reason = rd_sync_text_sanitize (item->reason);
  if (!rd_document_parse_id (item->doc_id, &type, NULL))
    type = NULL;
  /* Translators: "Account account:1f2e…: the name is empty" */
  return g_strdup_printf (_("%s %s: %s"), type ? rd_entity_label (type) : "", id, reason);
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
  round->sends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  round->seen_seqs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  round->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      round->outer = g_object_ref (cancellable);
      round->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_outer_cancelled_cb),
                                                   g_object_ref (round->cancellable),
                                                   g_object_unref);
    }
  round->deadline = g_timeout_source_new_seconds (self->deadline_s);
  g_source_set_callback (round->deadline, on_deadline_cb, round, NULL);
  g_source_attach (round->deadline, g_main_context_get_thread_default ());
  g_task_set_task_data (task, round, round_free);

  since = rd_store_sync_get_state (self->store, round->state_key, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_add (round->seen_seqs, g_strdup (since ? since : "0"));
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
