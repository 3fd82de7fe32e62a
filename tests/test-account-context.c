/* test-account-context.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rd-account-context.h"
#include "rd-document.h"
#include "rd-test-util.h"

/* What the account page's lifecycle section is read from. */

typedef struct
{
  char    *dir;
  RdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = rd_test_make_tmp_db (&f->dir);
  g_autoptr(GPtrArray) docs = rd_test_load_fixture ();
  g_autoptr(GError) error = NULL;

  f->store = rd_test_open_store (path);
  g_assert_true (rd_store_import_documents (f->store, docs, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static const char *
doc_id (GPtrArray *docs,
        guint      index)
{
  return rd_document_get_string (g_ptr_array_index (docs, index), "_id");
}

static void
test_load_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdAccountContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = g_strdup (ACCOUNT_UUID);

  rd_account_context_load_async (f->store, account_id, NULL, rd_test_async_ready_cb, &result);
  /* The job took a copy of the id. */
  account_id[0] = 'x';
  context = rd_account_context_load_finish (f->store, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (context->account_id, ==, ACCOUNT_UUID);
  g_assert_cmpuint (context->plans->len, ==, 1);
  g_assert_cmpstr (doc_id (context->plans, 0), ==, "plan:" PLAN_UUID);
  g_assert_cmpuint (context->delays->len, ==, 1);
  g_assert_cmpstr (doc_id (context->delays, 0), ==, "delay:" DELAY_UUID);
  g_assert_cmpuint (context->losses->len, ==, 1);
  g_assert_cmpuint (context->bridges->len, ==, 1);
  g_assert_cmpuint (context->steps->len, ==, 1);
  g_assert_cmpstr (rd_document_get_string (g_ptr_array_index (context->steps, 0), "plan_id"), ==,
                   PLAN_UUID);
  g_clear_pointer (&context, rd_account_context_free);
  g_clear_object (&result);

  /* An account with nothing yet: empty arrays, not NULL. */
  rd_account_context_load_async (f->store, "00000000-0000-4000-8000-000000000000", NULL,
                                 rd_test_async_ready_cb, &result);
  context = rd_account_context_load_finish (f->store, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (context->plans->len + context->delays->len + context->losses->len +
                    context->bridges->len + context->steps->len, ==, 0);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RdAccountContext) context = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  rd_account_context_load_async (f->store, ACCOUNT_UUID, cancellable, rd_test_async_ready_cb,
                                 &result);
  context = rd_account_context_load_finish (f->store, rd_test_wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (context);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/account-context/load-async", Fixture, NULL, fixture_setup, test_load_async,
              fixture_teardown);
  g_test_add ("/account-context/cancelled", Fixture, NULL, fixture_setup, test_cancelled,
              fixture_teardown);

  return g_test_run ();
}
