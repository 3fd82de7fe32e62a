/* test-backup.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rd-backup.h"
#include "rd-document.h"
#include "rd-sample.h"
#include "rd-test-util.h"

/* The window's Back Up… and Restore…, through the core's async calls. */

typedef struct
{
  char    *dir;
  char    *backup;
  RdStore *store;
} Fixture;

typedef struct
{
  GThread *thread;       /* where progress must arrive */
  guint    n_updates;
  double   last;
  gboolean freed;
} Progress;

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
  f->backup = g_build_filename (f->dir, "backup.json", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->backup);
}

static void
export_backup (Fixture *f,
               guint   *out_n)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->backup);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  rd_backup_export_async (f->store, file, NULL, rd_test_async_ready_cb, &result);
  g_assert_true (rd_backup_export_finish (f->store, rd_test_wait_result (&result), out_n, &error));
  g_assert_no_error (error);
}

static RdBackupPreview *
preview_backup (Fixture *f)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->backup);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RdBackupPreview *preview;

  rd_backup_preview_async (f->store, file, NULL, rd_test_async_ready_cb, &result);
  preview = rd_backup_preview_finish (f->store, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);

  return preview;
}

static void
test_export_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) stored = rd_store_export_documents (f->store, FALSE, NULL);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GFile) remote = g_file_new_for_uri ("resource:///org/renewaldesk/backup.json");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  export_backup (f, &n);
  g_assert_cmpuint (n, ==, stored->len);
  written = rd_documents_load_file (f->backup, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, n);

  /* Only a file on this computer can take a backup. */
  rd_backup_export_async (f->store, remote, NULL, rd_test_async_ready_cb, &result);
  g_assert_false (rd_backup_export_finish (f->store, rd_test_wait_result (&result), &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_preview_async (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RdBackupPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  export_backup (f, NULL);
  preview = preview_backup (f);
  g_assert_nonnull (strstr (preview->summary, "Account: 0 new, 0 updated, 1 unchanged"));
  g_clear_pointer (&preview, rd_backup_preview_free);

  g_assert_true (rd_store_delete_account (f->store, ACCOUNT_UUID, &error));
  g_assert_no_error (error);
  preview = preview_backup (f);
  g_assert_nonnull (strstr (preview->summary, "Account: 0 new, 1 updated, 0 unchanged"));
  g_assert_cmpuint (preview->docs->len, >, 0);
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_true (g_thread_self () == progress->thread);
  g_assert_cmpfloat (fraction, >=, progress->last);
  progress->last = fraction;
  progress->n_updates++;
}

static void
on_progress_free_cb (gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_true (g_thread_self () == progress->thread);
  progress->freed = TRUE;
}

static void
test_restore_async (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RdBackupPreview) preview = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) aside_docs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside_dir = g_build_filename (f->dir, "aside", NULL);
  g_autofree char *aside = NULL;
  Progress progress = { g_thread_self (), 0, 0.0, FALSE };

  export_backup (f, NULL);
  g_assert_true (rd_store_delete_account (f->store, ACCOUNT_UUID, &error));
  g_assert_no_error (error);
  preview = preview_backup (f);

  rd_backup_restore_async (f->store, preview->docs, aside_dir, on_progress_cb, &progress,
                           on_progress_free_cb, NULL, rd_test_async_ready_cb, &result);
  /* The job restores a copy: the caller may drop its documents at once. */
  g_clear_pointer (&preview, rd_backup_preview_free);
  aside = rd_backup_restore_finish (f->store, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, aside_dir));

  /* The deleted account is back; the data before the restore, with its
   * tombstones, was set aside. */
  accounts = rd_store_list_accounts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
  aside_docs = rd_documents_load_file (aside, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (aside_docs->len, >, 0);

  /* Progress reached this thread's main context, to the end; the
   * caller's data is freed there once the task is gone. */
  g_clear_object (&result);
  while (!progress.freed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (progress.n_updates, >=, 1);
  g_assert_cmpfloat (progress.last, ==, 1.0);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RdBackupPreview) preview = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *aside_dir = g_build_filename (f->dir, "aside", NULL);
  g_autofree char *aside = NULL;
  guint n = 0;

  export_backup (f, NULL);
  file = g_file_new_for_path (f->backup);
  g_cancellable_cancel (cancellable);

  rd_backup_preview_async (f->store, file, cancellable, rd_test_async_ready_cb, &result);
  preview = rd_backup_preview_finish (f->store, rd_test_wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (preview);
  g_clear_error (&error);
  g_clear_object (&result);

  rd_backup_export_async (f->store, file, cancellable, rd_test_async_ready_cb, &result);
  g_assert_false (rd_backup_export_finish (f->store, rd_test_wait_result (&result), &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Nothing set aside, nothing restored. */
  rd_backup_restore_async (f->store, docs, aside_dir, NULL, NULL, NULL, cancellable,
                           rd_test_async_ready_cb, &result);
  aside = rd_backup_restore_finish (f->store, rd_test_wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (aside);
  g_assert_false (g_file_test (aside_dir, G_FILE_TEST_EXISTS));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_streamed_as_listed (Fixture  *f,
                           gboolean  with_deleted)
{
  g_autoptr(GPtrArray) docs = rd_store_export_documents (f->store, with_deleted, NULL);
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  gsize expected_length = 0;
  gsize length = 0;
  GStatBuf st;
  guint n = 0;

  g_assert_nonnull (docs);
  expected = rd_documents_to_data (docs, &expected_length);
  g_assert_true (rd_store_export_to_file (f->store, f->backup, with_deleted, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, docs->len);

  g_assert_true (g_file_get_contents (f->backup, &written, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (written, length, expected, expected_length);
  g_assert_cmpint (g_stat (f->backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* The export is written as it is read, byte for byte what the whole list
 * of documents makes: empty, a few, a book of many pages, tombstones. */
static void
test_streamed (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *empty_dir = NULL;
  g_autofree char *empty_path = rd_test_make_tmp_db (&empty_dir);
  g_autoptr(RdStore) empty = rd_test_open_store (empty_path);
  g_autoptr(GPtrArray) sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GDate today;

  g_assert_true (rd_store_export_to_file (empty, f->backup, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->backup, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "[]");
  g_clear_object (&empty);
  rd_test_remove_tree (empty_dir);

  assert_streamed_as_listed (f, FALSE);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 4, 12, 2026);
  sample = rd_sample_generate (300, 7, &today);
  g_assert_true (rd_store_import_documents (f->store, sample, &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_delete_account (f->store, ACCOUNT_UUID, &error));
  g_assert_no_error (error);
  assert_streamed_as_listed (f, FALSE);
  assert_streamed_as_listed (f, TRUE);
}

/* A backup that cannot be finished leaves what was there, and nothing
 * half-written beside it. */
static void
test_streamed_failures (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *taken = g_build_filename (f->dir, "taken.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "b.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  export_backup (f, NULL);
  g_assert_cmpint (g_mkdir (taken, 0700), ==, 0);
  before = list_dir (f->dir);

  /* A folder where the file should go. */
  g_assert_false (rd_store_export_to_file (f->store, taken, FALSE, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_assert_true (g_file_test (taken, G_FILE_TEST_IS_DIR));

  /* A folder that is not there. */
  g_assert_false (rd_store_export_to_file (f->store, missing, FALSE, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "b.json"));
  g_clear_error (&error);

  /* Cancelled: the earlier backup stays as it was. */
  g_assert_true (g_file_get_contents (f->backup, &contents, NULL, NULL));
  g_assert_true (rd_store_delete_account (f->store, ACCOUNT_UUID, &error));
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (rd_store_export_to_file (f->store, f->backup, FALSE, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  {
    g_autofree char *after = NULL;

    g_assert_true (g_file_get_contents (f->backup, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, contents);
  }

  listed = list_dir (f->dir);
  g_assert_cmpstr (listed, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/backup/export-async", test_export_async);
  ADD ("/backup/preview-async", test_preview_async);
  ADD ("/backup/restore-async", test_restore_async);
  ADD ("/backup/cancelled", test_cancelled);
  ADD ("/backup/streamed", test_streamed);
  ADD ("/backup/streamed-failures", test_streamed_failures);
#undef ADD

  return g_test_run ();
}
