/* rd-command-line.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-command-line.h"
#include "rd-document.h"
#include "rd-sample.h"
#include "rd-store.h"

static int
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("renewal-desk: %s\n", message);
  return 1;
}

gboolean
rd_command_line_job_is_set (const RdCommandLineJob *job)
{
  g_return_val_if_fail (job != NULL, FALSE);

  return job->sample || job->import_json != NULL || job->export_json != NULL;
}

int
rd_command_line_run (const RdCommandLineJob *job)
{
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  const char *path;

  g_return_val_if_fail (job != NULL, 1);

  path = job->db_path;
  if (path == NULL)
    path = default_path = rd_store_default_path ();

  /* Read the import file before touching the database at all. */
  if (job->import_json != NULL)
    {
      g_autoptr(GPtrArray) docs = rd_documents_load_file (job->import_json, &error);

      if (docs == NULL)
        return fail (_("Cannot import “%s”: %s"), job->import_json, error->message);

      store = rd_store_new (path, NULL, &error);
      if (store == NULL)
        return fail (_("Cannot open the database “%s”: %s"), path, error->message);

      if (!rd_store_import_documents (store, docs, &error))
        return fail (_("Cannot import “%s”, nothing was changed: %s"),
                     job->import_json, error->message);

      g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u document into %s\n",
                            "Imported %u documents into %s\n", docs->len),
               docs->len, path);
    }

  if (store == NULL)
    {
      store = rd_store_new (path, NULL, &error);
      if (store == NULL)
        return fail (_("Cannot open the database “%s”: %s"), path, error->message);
    }

  if (job->sample)
    {
      gboolean empty = rd_store_is_empty (store, &error);

      if (error != NULL)
        return fail (_("Cannot read the database “%s”: %s"), path, error->message);
      if (!empty)
        return fail (_("The database “%s” already has accounts; --sample only fills an empty "
                       "database. Choose another file with --db."), path);
      if (!rd_store_fill_sample (store, job->sample_size, RD_SAMPLE_DEFAULT_SEED, &error))
        return fail (_("Cannot create the sample portfolio: %s"), error->message);
    }

  if (job->export_json != NULL)
    {
      g_autoptr(GPtrArray) docs = rd_store_export_documents (store, FALSE, &error);

      if (docs == NULL)
        return fail (_("Cannot read the database “%s”: %s"), path, error->message);
      if (!rd_documents_save_file (docs, job->export_json, &error))
        return fail (_("Cannot write “%s”: %s"), job->export_json, error->message);
    }

  return 0;
}
