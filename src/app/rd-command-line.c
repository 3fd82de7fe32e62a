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
#include "rd-csv-import.h"
#include "rd-document.h"
#include "rd-ical.h"
#include "rd-reminder-refresh.h"
#include "rd-reminder-scheduler.h"
#include "rd-report.h"
#include "rd-sample.h"
#include "rd-settings.h"
#include "rd-store.h"
#include "rd-sync-command.h"

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

  return job->sample || job->import_json != NULL || job->export_json != NULL ||
         job->import_csv != NULL || job->export_csv != NULL ||
         job->summary != NULL || job->brief != NULL || job->weekly_update || job->output != NULL ||
         job->currency != NULL || job->target != NULL ||
         job->sync || job->sync_url != NULL ||
         job->export_ics != NULL;
}

static int
check_output_options (const RdCommandLineJob *job)
{
  guint n_reports = (job->summary != NULL) + (job->brief != NULL) + (job->weekly_update != FALSE);

  if (job->output != NULL && n_reports == 0)
    return fail (_("--output goes with --summary, --brief or --weekly-update"));
  if (n_reports > 1)
    return fail (_("Give one of --summary, --brief and --weekly-update at a time"));
  if (job->weekly_update && job->output == NULL)
    return fail (_("--weekly-update needs --output FILE"));
  if ((job->currency != NULL || job->target != NULL) && !job->weekly_update)
    return fail (_("--currency and --target go with --weekly-update"));
  if (job->summary != NULL && job->output != NULL &&
      rd_weekly_format_for_path (job->output) != RD_WEEKLY_FORMAT_PDF)
    return fail (_("The executive summary is written as PDF: give --output a name ending in .pdf"));
  if (job->brief != NULL && job->output != NULL &&
      rd_weekly_format_for_path (job->output) != RD_WEEKLY_FORMAT_PDF)
    return fail (_("The internal brief is written as PDF: give --output a name ending in .pdf"));
  return 0;
}

/* Opens the database at @path; with --import-json, the import file is
 * read before the database is touched at all. */
static int
open_store (const RdCommandLineJob  *job,
            const char              *path,
            RdStore                **out_store)
{
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  if (job->import_json != NULL)
    {
      docs = rd_documents_load_file (job->import_json, &error);
      if (docs == NULL)
        return fail (_("Cannot import “%s”: %s"), job->import_json, error->message);
    }

  store = rd_store_new (path, NULL, &error);
  if (store == NULL)
    return fail (_("Cannot open the database “%s”: %s"), path, error->message);

  if (docs != NULL)
    {
      if (!rd_store_import_documents (store, docs, &error))
        return fail (_("Cannot import “%s”, nothing was changed: %s"),
                     job->import_json, error->message);

      g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u document into %s\n",
                            "Imported %u documents into %s\n", docs->len),
               docs->len, path);
    }

  *out_store = g_steal_pointer (&store);
  return 0;
}

/* --import-csv and --sample. */
static int
fill_store (const RdCommandLineJob *job,
            RdStore                *store,
            const char             *path)
{
  g_autoptr(GError) error = NULL;

  if (job->import_csv != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (job->import_csv);
      g_autoptr(RdCsvImport) import = NULL;
      g_autoptr(RdCsvImportReport) report = NULL;

      import = rd_csv_import_new_for_file (file, NULL, &error);
      if (import == NULL)
        return fail (_("Cannot import “%s”, nothing was changed: %s"), job->import_csv,
                     error->message);

      if (!rd_csv_import_run (import, store, FALSE, NULL, NULL, NULL, &report, &error))
        return fail (_("Cannot import “%s”, nothing was changed: %s"), job->import_csv,
                     error->message);

      if (g_strcmp0 (rd_csv_import_get_encoding (import), "UTF-8") != 0)
        /* Translators: the file, then an encoding such as "Windows-1252" */
        g_print (_("Read %s as %s\n"), job->import_csv, rd_csv_import_get_encoding (import));
      g_print (_("Imported %s: %'u new, %'u updated, %'u unchanged accounts; %'u stakeholders\n"),
               job->import_csv, report->n_new, report->n_updated, report->n_unchanged,
               report->n_contacts);
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

  return 0;
}

/* --export-json, --export-csv and --export-ics. */
static int
export_store (const RdCommandLineJob *job,
              RdStore                *store,
              const char             *path)
{
  g_autoptr(GError) error = NULL;

  if (job->export_json != NULL)
    {
      if (!rd_store_export_to_file (store, job->export_json, FALSE, NULL, NULL, &error) &&
          error->domain == RD_STORE_ERROR)
        return fail (_("Cannot read the database “%s”: %s"), path, error->message);
      if (error != NULL)
        return fail (_("Cannot write “%s”: %s"), job->export_json, error->message);
    }

  if (job->export_csv != NULL)
    {
      if (!rd_csv_export_accounts (store, job->export_csv, &error))
        return fail (_("Cannot write “%s”: %s"), job->export_csv, error->message);
    }

  if (job->export_ics != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autoptr(GSettings) settings = rd_settings_new ();
      RdReminderPrefs prefs;
      guint n = 0;

      /* What is due now, not what the app last derived.  No window, no
       * context: the settings are opened for this one export. */
      rd_reminder_prefs_load_settings (&prefs, settings);
      if (!rd_reminders_refresh (store, &prefs, tz, now, &error))
        return fail (_("Cannot read the database “%s”: %s"), path, error->message);
      if (!rd_ical_export_file (store, job->export_ics, &n, &error))
        return fail (_("Cannot write “%s”: %s"), job->export_ics, error->message);
    }

  return 0;
}

/* --summary, --brief and --weekly-update. */
static int
write_report (const RdCommandLineJob *job,
              RdStore                *store,
              const char             *path)
{
  g_autoptr(GError) error = NULL;

  if (job->summary != NULL || job->brief != NULL)
    {
      const char *name = job->summary != NULL ? job->summary : job->brief;
      g_autoptr(RdAccount) account = rd_summary_find_account (store, name, &error);
      g_autoptr(RdSummary) summary = NULL;
      g_autoptr(RdBrief) brief = NULL;
      g_autofree char *proposed = NULL;
      const char *output = job->output;
      gboolean written;

      if (account == NULL)
        return fail ("%s", error->message);
      if (job->summary != NULL)
        summary = rd_summary_collect (store, rd_account_get_id (account), &error);
      else
        brief = rd_brief_collect (store, rd_account_get_id (account), &error);
      if (summary == NULL && brief == NULL)
        return fail (_("Cannot read the database “%s”: %s"), path, error->message);

      /* Without --output, the name the print dialog proposes too, in the
       * current folder; never over an existing file. */
      if (output == NULL)
        {
          proposed = summary != NULL ? rd_summary_dup_file_name (summary)
                                     : rd_brief_dup_file_name (brief);
          if (g_file_test (proposed, G_FILE_TEST_EXISTS))
            return fail (_("“%s” already exists; give another file with --output"), proposed);
          output = proposed;
        }

      written = summary != NULL ? rd_summary_write_pdf (summary, rd_paper_for_locale (), output, &error)
                                : rd_brief_write_pdf (brief, rd_paper_for_locale (), output, &error);
      if (!written)
        return fail (_("Cannot write “%s”: %s"), output, error->message);
      if (proposed != NULL)
        /* Translators: the file just written */
        g_print (_("Wrote %s\n"), proposed);
    }

  if (job->weekly_update)
    {
      g_autoptr(RdWeeklyUpdate) update = rd_weekly_update_collect (store, NULL, &error);

      if (update == NULL)
        return fail (_("Cannot read the database “%s”: %s"), path, error->message);
      if (job->currency != NULL && !rd_weekly_update_set_currency (update, job->currency, &error))
        return fail (_("--currency: %s"), error->message);
      if (job->target != NULL && !rd_weekly_update_set_target (update, job->target, &error))
        return fail (_("--target: %s"), error->message);
      if (!rd_weekly_update_write_file (update, job->output, &error))
        return fail (_("Cannot write “%s”: %s"), job->output, error->message);
    }

  return 0;
}

int
rd_command_line_run (const RdCommandLineJob *job)
{
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  const char *path;
  int status;

  g_return_val_if_fail (job != NULL, 1);

  path = job->db_path;
  if (path == NULL)
    path = default_path = rd_store_default_path ();

  if ((status = check_output_options (job)) != 0 ||
      (status = open_store (job, path, &store)) != 0 ||
      (status = fill_store (job, store, path)) != 0)
    return status;

  if (job->sync_url != NULL && !job->sync)
    return fail (_("--sync-url goes with --sync"));

  /* Everything below reads derived values (class, risk): as of today. */
  if (!rd_store_refresh_derived_if_stale (store, &error))
    return fail (_("Cannot read the database “%s”: %s"), path, error->message);

  if (job->sync)
    {
      if (!rd_sync_command_run (store, job->sync_url, &error))
        return fail (_("Sync failed: %s"), error->message);
    }

  if ((status = export_store (job, store, path)) != 0)
    return status;
  return write_report (job, store, path);
}
