/* rd-command-line.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The options that do their work and exit, without a window. */
typedef struct
{
  const char *db_path;        /* NULL: rd_store_default_path() */
  gboolean    sample;
  guint       sample_size;
  const char *import_json;
  const char *export_json;
  const char *import_csv;
  const char *export_csv;
  const char *summary;        /* an account's name or id */
  const char *brief;          /* --brief: an account's name or id */
  gboolean    weekly_update;
  const char *currency;       /* --currency: the weekly update's reporting currency */
  const char *target;         /* --target: the quarter's target, e.g. "250000 EUR" */
  const char *output;         /* for --summary, --brief and --weekly-update; --summary and
                               * --brief propose "<account> – <document>.pdf" without it */
  gboolean    sync;           /* --sync: one round with the server */
  const char *sync_url;       /* --sync-url; NULL: $RENEWAL_DESK_SYNC_URL or the setting */
  const char *export_ics;
} RdCommandLineJob;

gboolean rd_command_line_job_is_set (const RdCommandLineJob *job);
/* Runs the job against a synchronously opened store; prints a message
 * naming the problem on stderr and returns non-zero on failure. */
int      rd_command_line_run        (const RdCommandLineJob *job);

G_END_DECLS
