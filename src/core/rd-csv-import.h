/* rd-csv-import.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

/*
 * Bringing a book of accounts in from a spreadsheet or CRM export, and
 * writing one back out.
 *
 * RdCsvImport reads the header and the first rows of a file, guesses which
 * column holds which field from common header names (English, German,
 * Hungarian, Japanese, Malay, Chinese, and the export's own ids), lets the
 * caller change that mapping, checks every cell (dates in ISO or the
 * locale's format, money with thousands separators, currency and country
 * codes, no negative values: the rules of the document validator, through
 * rd_document_parse_field()) and imports all rows or none.  A row whose id,
 * external id or exact name matches an existing account updates it instead
 * of adding a duplicate; rows naming the same account add several
 * stakeholders to it.  The matching and the writing are one write
 * transaction of the store, so two imports at once (or a sync in between)
 * neither duplicate nor overwrite.
 */

typedef enum
{
  RD_CSV_COLUMN_IGNORE,
  RD_CSV_COLUMN_ID,
  RD_CSV_COLUMN_NAME,
  RD_CSV_COLUMN_EXTERNAL_ID,
  RD_CSV_COLUMN_INDUSTRY,
  RD_CSV_COLUMN_COUNTRY,
  RD_CSV_COLUMN_CURRENCY,
  RD_CSV_COLUMN_ANNUAL_VALUE,
  RD_CSV_COLUMN_CONTRACT_START,
  RD_CSV_COLUMN_CONTRACT_END,
  RD_CSV_COLUMN_STAGE,
  RD_CSV_COLUMN_STATUS,
  RD_CSV_COLUMN_CASH_STABILITY,
  RD_CSV_COLUMN_OWNER,
  RD_CSV_COLUMN_AUTO_RENEW,
  RD_CSV_COLUMN_NOTICE_DAYS,
  RD_CSV_COLUMN_NOTES,
  RD_CSV_COLUMN_CHURN_REASON,
  RD_CSV_COLUMN_CONTACT_NAME,
  RD_CSV_COLUMN_CONTACT_ROLE,
  RD_CSV_COLUMN_CONTACT_EMAIL,
  RD_CSV_COLUMN_CONTACT_PHONE,
  RD_CSV_N_COLUMNS
} RdCsvColumn;

/* The stable id (also the export's header) and the translated label. */
const char  *rd_csv_column_id         (RdCsvColumn  column);
const char  *rd_csv_column_label      (RdCsvColumn  column);
/* The field a header names, or RD_CSV_COLUMN_IGNORE. */
RdCsvColumn  rd_csv_column_guess      (const char  *header);

typedef struct
{
  guint        line;      /* 1-based line of the file */
  guint        column;    /* 1-based column */
  char        *header;
  char        *message;   /* translated */
} RdCsvProblem;

void         rd_csv_problem_free      (RdCsvProblem *problem);
/* "Line 12, column 4 (Renewal date): “31/02/2026” is not a date" */
char        *rd_csv_problem_to_string (const RdCsvProblem *problem);

typedef struct
{
  guint       n_rows;
  guint       n_bad_rows;
  guint       n_new;
  guint       n_updated;
  guint       n_unchanged;
  guint       n_contacts;       /* new or updated stakeholders */
  GPtrArray  *problems;         /* RdCsvProblem*, the first RD_CSV_MAX_PROBLEMS */
} RdCsvImportReport;

#define RD_CSV_MAX_PROBLEMS 100
#define RD_CSV_PREVIEW_ROWS 50

void         rd_csv_import_report_free (RdCsvImportReport *report);

#define RD_TYPE_CSV_IMPORT (rd_csv_import_get_type ())

G_DECLARE_FINAL_TYPE (RdCsvImport, rd_csv_import, RD, CSV_IMPORT, GObject)

/* Reads the header and the first RD_CSV_PREVIEW_ROWS rows (blocking: call
 * it on a worker for the UI) and guesses the mapping. */
RdCsvImport *rd_csv_import_new_for_file      (GFile         *file,
                                              GCancellable  *cancellable,
                                              GError       **error);
RdCsvImport *rd_csv_import_new_for_data      (const char    *data,
                                              gsize          length,
                                              GError       **error);

/* A copy with the same file and mapping (no preview rows), for a worker
 * thread while the original goes on being edited. */
RdCsvImport *rd_csv_import_dup               (RdCsvImport   *self);
guint        rd_csv_import_get_n_columns     (RdCsvImport   *self);
const char  *rd_csv_import_get_header        (RdCsvImport   *self,
                                              guint          column);
char         rd_csv_import_get_separator     (RdCsvImport   *self);
/* What the file was read as: "UTF-8", "UTF-16" (with a byte order mark) or
 * "Windows-1252" (not UTF-8), for the preview and the import summary. */
const char  *rd_csv_import_get_encoding      (RdCsvImport   *self);
RdCsvColumn  rd_csv_import_get_mapping       (RdCsvImport   *self,
                                              guint          column);
/* Mapping a field already mapped elsewhere unmaps the other column. */
void         rd_csv_import_set_mapping       (RdCsvImport   *self,
                                              guint          column,
                                              RdCsvColumn    field);
/* What is missing from the mapping (no name or no currency column), or NULL. */
char        *rd_csv_import_check_mapping     (RdCsvImport   *self);

guint        rd_csv_import_get_n_preview_rows (RdCsvImport  *self);
guint        rd_csv_import_get_preview_line  (RdCsvImport   *self,
                                              guint          row);
const char  *rd_csv_import_get_preview_cell  (RdCsvImport   *self,
                                              guint          row,
                                              guint          column);
/* The problem of one preview cell under the current mapping, or NULL. */
char        *rd_csv_import_check_preview_cell (RdCsvImport  *self,
                                              guint          row,
                                              guint          column);
/* The cell as it will be stored ("2026-12-31", "EUR 1,234.00"…), or NULL. */
char        *rd_csv_import_format_preview_cell (RdCsvImport *self,
                                              guint          row,
                                              guint          column);

/* Reads the whole file and checks every row (without the database), then,
 * in one write transaction of @store (BEGIN IMMEDIATE, waiting for other
 * writers), matches the rows against the stored accounts and stakeholders
 * and, unless @dry_run, writes what changes.  A @dry_run reads one snapshot
 * and writes nothing.  With problems, a real run fails naming the first one
 * (line, column) and writes nothing; the report lists them either way.
 * Blocking; @progress is called on the calling thread (reading up to one
 * half, writing the rest), the last ones with the store's lock held: it must
 * not call the store. */
gboolean     rd_csv_import_run               (RdCsvImport         *self,
                                              RdStore             *store,
                                              gboolean             dry_run,
                                              RdStoreProgressFunc  progress,
                                              gpointer             user_data,
                                              GCancellable        *cancellable,
                                              RdCsvImportReport  **out_report,
                                              GError             **error);

/* The same on a worker thread, for the window.  rd_csv_import_new_for_file()
 * without blocking: */
void         rd_csv_import_new_for_file_async  (GFile               *file,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
RdCsvImport *rd_csv_import_new_for_file_finish (GAsyncResult        *result,
                                                GError             **error);
/* A dry run of rd_csv_import_run() on a copy of @self (the mapping as it is
 * now; the original may go on being edited). */
void         rd_csv_import_check_async       (RdCsvImport         *self,
                                              RdStore             *store,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
RdCsvImportReport *rd_csv_import_check_finish (RdCsvImport        *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* The import, on a copy of @self.  @progress is called on the thread-default
 * main context of the caller; @progress_data_free (may be NULL) releases
 * @progress_data there once no call is left.  Cancelling rolls everything
 * back.  On failure the report is dropped: the error names the first problem. */
void         rd_csv_import_run_async         (RdCsvImport         *self,
                                              RdStore             *store,
                                              RdStoreProgressFunc  progress,
                                              gpointer             progress_data,
                                              GDestroyNotify       progress_data_free,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
RdCsvImportReport *rd_csv_import_run_finish  (RdCsvImport         *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Every account (not deleted) as CSV that rd_csv_import reads back: a
 * header of column ids, ISO dates, plain decimal amounts, CRLF. */
gboolean     rd_csv_export_accounts          (RdStore       *store,
                                              const char    *path,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCsvImportReport, rd_csv_import_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCsvProblem, rd_csv_problem_free)

G_END_DECLS
