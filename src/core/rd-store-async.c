/* rd-store-async.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, the _async/_finish wrappers of the blocking API.
 *
 * Every wrapper does the same four things: copy its inputs into a Job on
 * the calling thread, run the blocking method on a worker, return its
 * result through the GTask, and check the source tag in _finish.  So they
 * are generated from one line each by the RD_STORE_ASYNC_* macros below;
 * what differs between them (the arguments, how they are copied, the
 * blocking call and how its result is freed) is the macro's arguments.
 * The few with unusual inputs are written out at the end.
 */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include "rd-account-private.h"
#include "rd-contact-private.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-store.h"
#include "rd-store-private.h"
#include "rd-task.h"

typedef struct _Job Job;

/* Runs on the worker; returns FALSE with @error set on failure, and for a
 * wrapper with a pointer result, stores it in *result. */
typedef gboolean (*JobFunc) (RdStore  *self,
                             Job      *job,
                             gpointer *result,
                             GError  **error);

/* The copied inputs of one call: at most three strings, an object and an
 * array of documents, and two numbers. */
struct _Job
{
  JobFunc         func;
  GDestroyNotify  result_free;   /* NULL: the task returns a boolean */
  char           *s1;
  char           *s2;
  char           *s3;
  gpointer        object;        /* a private copy of the caller's object */
  GPtrArray      *docs;
  guint           n;
  guint32         seed;
};

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->s1);
  g_free (job->s2);
  g_free (job->s3);
  g_clear_object (&job->object);
  g_clear_pointer (&job->docs, g_ptr_array_unref);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RdStore *self = source_object;
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;
  gboolean ok;

  g_assert (RD_IS_STORE (self));
  g_assert (job != NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    ok = FALSE;
  else
    ok = job->func (self, job, &result, &error);

  _rd_store_job_end (self);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (job->result_free != NULL)
    g_task_return_pointer (task, result, job->result_free);
  else
    g_task_return_boolean (task, TRUE);
}

static Job *
job_new (JobFunc        func,
         GDestroyNotify result_free)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->result_free = result_free;

  return job;
}

static void
run_job (RdStore             *self,
         Job                 *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  _rd_store_job_begin (self);
  rd_task_run_in_thread (self, source_tag, job, job_free, job_thread, cancellable, callback, user_data);
}

/* A job on up to three strings (copied here). */
static void
run_strings_job (RdStore             *self,
                 JobFunc              func,
                 GDestroyNotify       result_free,
                 const char          *s1,
                 const char          *s2,
                 const char          *s3,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  Job *job = job_new (func, result_free);

  job->s1 = g_strdup (s1);
  job->s2 = g_strdup (s2);
  job->s3 = g_strdup (s3);
  run_job (self, job, source_tag, cancellable, callback, user_data);
}

static gpointer
propagate_pointer (RdStore       *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return rd_task_propagate_pointer (self, result, source_tag, error);
}

static gboolean
propagate_boolean (RdStore       *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  return rd_task_propagate_boolean (self, result, source_tag, error);
}

/* The generators.  @call is the blocking call, an expression over `self`,
 * `job` and `error`; a pointer wrapper stores its value as the result. */

#define RD_STORE_ASYNC_FINISH_POINTER(name, Type)                                 \
  Type *                                                                          \
  rd_store_##name##_finish (RdStore       *self,                                  \
                            GAsyncResult  *result,                                \
                            GError       **error)                                 \
  {                                                                               \
    return propagate_pointer (self, result, rd_store_##name##_async, error);      \
  }

#define RD_STORE_ASYNC_FINISH_BOOLEAN(name)                                       \
  gboolean                                                                        \
  rd_store_##name##_finish (RdStore       *self,                                  \
                            GAsyncResult  *result,                                \
                            GError       **error)                                 \
  {                                                                               \
    return propagate_boolean (self, result, rd_store_##name##_async, error);      \
  }

#define RD_STORE_JOB_POINTER(name, call)                                          \
  static gboolean                                                                 \
  name##_job (RdStore *self, Job *job, gpointer *result, GError **error)          \
  {                                                                               \
    return (*result = (call)) != NULL;                                            \
  }

#define RD_STORE_JOB_BOOLEAN(name, call)                                          \
  static gboolean                                                                 \
  name##_job (RdStore *self, Job *job, gpointer *result, GError **error)          \
  {                                                                               \
    return (call);                                                                \
  }

/* name_async (self, cancellable, callback, user_data) → Type * */
#define RD_STORE_ASYNC_NOARG_POINTER(name, Type, free_func, call)                 \
  RD_STORE_JOB_POINTER (name, call)                                               \
  void                                                                            \
  rd_store_##name##_async (RdStore             *self,                             \
                           GCancellable        *cancellable,                      \
                           GAsyncReadyCallback  callback,                         \
                           gpointer             user_data)                        \
  {                                                                               \
    g_return_if_fail (RD_IS_STORE (self));                                        \
                                                                                  \
    run_job (self, job_new (name##_job, (GDestroyNotify) free_func),              \
             rd_store_##name##_async, cancellable, callback, user_data);          \
  }                                                                               \
  RD_STORE_ASYNC_FINISH_POINTER (name, Type)

/* name_async (self, const char *id, …) → Type *, or a boolean when @Type is
 * gboolean (then @free_func is unused). */
#define RD_STORE_ASYNC_ID(name, kind, free_func, call)                            \
  RD_STORE_JOB_##kind (name, call)                                                \
  void                                                                            \
  rd_store_##name##_async (RdStore             *self,                             \
                           const char          *id,                               \
                           GCancellable        *cancellable,                      \
                           GAsyncReadyCallback  callback,                         \
                           gpointer             user_data)                        \
  {                                                                               \
    g_return_if_fail (RD_IS_STORE (self));                                        \
    g_return_if_fail (id != NULL);                                                \
                                                                                  \
    run_strings_job (self, name##_job, (GDestroyNotify) free_func, id, NULL, NULL,  \
                     rd_store_##name##_async, cancellable, callback, user_data);  \
  }

/* name_async (self, Object *object, …): the job works on a private copy. */
#define RD_STORE_ASYNC_OBJECT(name, kind, Object, OBJECT_CHECK, copy, free_func, call) \
  RD_STORE_JOB_##kind (name, call)                                                \
  void                                                                            \
  rd_store_##name##_async (RdStore             *self,                             \
                           Object              *object,                           \
                           GCancellable        *cancellable,                      \
                           GAsyncReadyCallback  callback,                         \
                           gpointer             user_data)                        \
  {                                                                               \
    Job *job;                                                                     \
                                                                                  \
    g_return_if_fail (RD_IS_STORE (self));                                        \
    g_return_if_fail (OBJECT_CHECK (object));                                     \
                                                                                  \
    job = job_new (name##_job, (GDestroyNotify) free_func);                       \
    job->object = copy (object);                                                  \
    run_job (self, job, rd_store_##name##_async, cancellable, callback, user_data); \
  }

/* Accounts */
RD_STORE_ASYNC_NOARG_POINTER (list_accounts, GPtrArray, g_ptr_array_unref,
                              rd_store_list_accounts (self, error))
RD_STORE_ASYNC_ID (get_account, POINTER, g_object_unref, rd_store_get_account (self, job->s1, error))
RD_STORE_ASYNC_FINISH_POINTER (get_account, RdAccount)
RD_STORE_ASYNC_OBJECT (save_account, BOOLEAN, RdAccount, RD_IS_ACCOUNT, rd_account_copy, NULL,
                       rd_store_save_account (self, job->object, error))
RD_STORE_ASYNC_FINISH_BOOLEAN (save_account)
RD_STORE_ASYNC_ID (delete_account, BOOLEAN, NULL, rd_store_delete_account (self, job->s1, error))
RD_STORE_ASYNC_FINISH_BOOLEAN (delete_account)
RD_STORE_ASYNC_ID (undelete_account, BOOLEAN, NULL, rd_store_undelete_account (self, job->s1, error))
RD_STORE_ASYNC_FINISH_BOOLEAN (undelete_account)

/* Contacts */
RD_STORE_ASYNC_ID (list_contacts, POINTER, g_ptr_array_unref,
                   rd_store_list_contacts (self, job->s1, error))
RD_STORE_ASYNC_FINISH_POINTER (list_contacts, GPtrArray)
RD_STORE_ASYNC_OBJECT (save_contact, BOOLEAN, RdContact, RD_IS_CONTACT, rd_contact_copy, NULL,
                       rd_store_save_contact (self, job->object, error))
RD_STORE_ASYNC_FINISH_BOOLEAN (save_contact)
RD_STORE_ASYNC_ID (delete_contact, BOOLEAN, NULL, rd_store_delete_contact (self, job->s1, error))
RD_STORE_ASYNC_FINISH_BOOLEAN (delete_contact)
RD_STORE_ASYNC_ID (undelete_contact, BOOLEAN, NULL, rd_store_undelete_contact (self, job->s1, error))
RD_STORE_ASYNC_FINISH_BOOLEAN (undelete_contact)

/* Delays */
RD_STORE_ASYNC_ID (list_delays, POINTER, g_ptr_array_unref, rd_store_list_delays (self, job->s1, error))
RD_STORE_ASYNC_FINISH_POINTER (list_delays, GPtrArray)
RD_STORE_ASYNC_OBJECT (save_delay, POINTER, RdDelay, RD_IS_DELAY, rd_delay_copy, g_object_unref,
                       rd_store_save_delay (self, job->object, error))
RD_STORE_ASYNC_FINISH_POINTER (save_delay, RdDelay)
RD_STORE_ASYNC_ID (delete_delay, BOOLEAN, NULL, rd_store_delete_delay (self, job->s1, error))
RD_STORE_ASYNC_FINISH_BOOLEAN (delete_delay)
RD_STORE_ASYNC_ID (undelete_delay, BOOLEAN, NULL, rd_store_undelete_delay (self, job->s1, error))
RD_STORE_ASYNC_FINISH_BOOLEAN (undelete_delay)

/* History and documents */
RD_STORE_ASYNC_ID (list_events, POINTER, g_ptr_array_unref, rd_store_list_events (self, job->s1, error))
RD_STORE_ASYNC_FINISH_POINTER (list_events, GPtrArray)
RD_STORE_ASYNC_ID (delete_document, BOOLEAN, NULL, rd_store_delete_document (self, job->s1, error))
RD_STORE_ASYNC_FINISH_BOOLEAN (delete_document)
RD_STORE_ASYNC_ID (undelete_document, BOOLEAN, NULL,
                   rd_store_undelete_document (self, job->s1, error))
RD_STORE_ASYNC_FINISH_BOOLEAN (undelete_document)

RD_STORE_JOB_BOOLEAN (refresh_derived, rd_store_refresh_derived_if_stale (self, error))

void
rd_store_refresh_derived_async (RdStore             *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (self));

  run_job (self, job_new (refresh_derived_job, NULL), rd_store_refresh_derived_async,
           cancellable, callback, user_data);
}

RD_STORE_ASYNC_FINISH_BOOLEAN (refresh_derived)

/* Wrappers with other inputs ---------------------------------------------- */

RD_STORE_JOB_POINTER (list_first_accounts, rd_store_list_first_accounts (self, job->n, error))

void
rd_store_list_first_accounts_async (RdStore             *self,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));

  job = job_new (list_first_accounts_job, (GDestroyNotify) g_ptr_array_unref);
  job->n = limit;
  run_job (self, job, rd_store_list_first_accounts_async, cancellable, callback, user_data);
}

RD_STORE_ASYNC_FINISH_POINTER (list_first_accounts, GPtrArray)

RD_STORE_JOB_POINTER (list_documents, rd_store_list_documents (self, job->s1, job->s2, job->s3, error))

void
rd_store_list_documents_async (RdStore             *self,
                               const char          *type,
                               const char          *ref_field,
                               const char          *ref_value,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (type != NULL);

  run_strings_job (self, list_documents_job, (GDestroyNotify) g_ptr_array_unref, type, ref_field,
                   ref_value, rd_store_list_documents_async, cancellable, callback, user_data);
}

RD_STORE_ASYNC_FINISH_POINTER (list_documents, GPtrArray)

RD_STORE_JOB_BOOLEAN (put_documents, rd_store_put_documents (self, job->docs, error))

void
rd_store_put_documents_async (RdStore             *self,
                              GPtrArray           *docs,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (docs != NULL);

  job = job_new (put_documents_job, NULL);
  job->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < docs->len; i++)
    g_ptr_array_add (job->docs, rd_document_copy_object (g_ptr_array_index (docs, i)));
  run_job (self, job, rd_store_put_documents_async, cancellable, callback, user_data);
}

RD_STORE_ASYNC_FINISH_BOOLEAN (put_documents)

static gboolean
get_delay_context_job (RdStore  *self,
                       Job      *job,
                       gpointer *result,
                       GError  **error)
{
  g_autofree RdDelayContext *context = g_new0 (RdDelayContext, 1);

  if (!rd_store_get_delay_context (self, job->s1, job->s2, context, error))
    return FALSE;

  *result = g_steal_pointer (&context);
  return TRUE;
}

void
rd_store_get_delay_context_async (RdStore             *self,
                                  const char          *account_id,
                                  const char          *delay_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (account_id != NULL);

  run_strings_job (self, get_delay_context_job, g_free, account_id, delay_id, NULL,
                   rd_store_get_delay_context_async, cancellable, callback, user_data);
}

RD_STORE_ASYNC_FINISH_POINTER (get_delay_context, RdDelayContext)

RD_STORE_JOB_BOOLEAN (fill_sample, rd_store_fill_sample (self, job->n, job->seed, error))

void
rd_store_fill_sample_async (RdStore             *self,
                            guint                n_accounts,
                            guint32              seed,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (self));

  job = job_new (fill_sample_job, NULL);
  job->n = n_accounts;
  job->seed = seed;
  run_job (self, job, rd_store_fill_sample_async, cancellable, callback, user_data);
}

RD_STORE_ASYNC_FINISH_BOOLEAN (fill_sample)
