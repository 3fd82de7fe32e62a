/* rd-csv-import-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-csv.h"
#include "rd-csv-import.h"
#include "rd-document.h"

G_BEGIN_DECLS

/* RdCsvImport is one class split by concern: the object and its preview
 * (rd-csv-import.c), the columns and their header names (rd-csv-columns.c),
 * reading cells (rd-csv-cells.c), matching rows to accounts and writing them
 * (rd-csv-match.c) and the export (rd-csv-export.c). */

struct _RdCsvImport
{
  GObject      parent_instance;

  GFile       *file;      /* NULL when reading from memory */
  GBytes      *data;      /* UTF-8, converted when the input was not */
  const char  *encoding;  /* static: what the input was read as, "UTF-8"… */
  const char  *convert;   /* static iconv name to convert @file from, or NULL */
  guint        skip;      /* bytes of @file's byte order mark to skip */
  char         separator;
  GStrv        headers;
  guint        n_columns;
  RdCsvColumn *mapping;
  GPtrArray   *preview;   /* GStrv per row */
  GArray      *lines;     /* guint per preview row */
  gboolean     documents_only;  /* tests: no row written from typed values */
};

/* rd-csv-columns.c */
/* The document field @column fills ("annual_value_minor", a stakeholder's
 * "name"…), or NULL for the id column and ignored ones. */
const char  *_rd_csv_column_field       (RdCsvColumn  column);
gboolean     _rd_csv_column_is_contact  (RdCsvColumn  column);

/* rd-csv-cells.c */
/* Whether a spreadsheet would read @text as a formula. */
gboolean     _rd_csv_cell_is_formula    (const char  *text);
/* Reads one cell through the document's rules: its value (none when blank
 * or not a field; the caller clears it), or the translated problem.
 * @currency is the row's, for amounts. */
char        *_rd_csv_read_cell          (RdCsvColumn    column,
                                         const char    *raw,
                                         const char    *currency,
                                         RdFieldValue  *out_value);
/* The same, setting the field of @doc when it is given. */
char        *_rd_csv_apply_cell         (RdCsvColumn  column,
                                         const char  *raw,
                                         const char  *currency,
                                         JsonObject  *doc);
/* The cell as it will be stored, for the preview ("31 Dec 2026", "€1.00"),
 * or NULL when it has a problem or nothing to show. */
char        *_rd_csv_format_cell        (RdCsvColumn  column,
                                         const char  *raw,
                                         const char  *currency);

/* rd-csv-import.c */
/* For tests: write every row through a document, as before new
 * stakeholders were written from their typed cells (rd-csv-match.c). */
void         _rd_csv_import_set_documents_only (RdCsvImport *self,
                                                gboolean     documents_only);
/* The column mapped to @field, or -1. */
int          _rd_csv_import_column_of   (RdCsvImport   *self,
                                         RdCsvColumn    field);
/* The row's currency code, upper-cased, for its amounts; NULL when unmapped. */
char        *_rd_csv_import_row_currency (RdCsvImport  *self,
                                          GStrv         row);
RdCsvReader *_rd_csv_import_open_reader (RdCsvImport   *self,
                                         guint64       *out_size,
                                         GCancellable  *cancellable,
                                         GError       **error);
RdCsvImportReport *_rd_csv_import_report_new (void);
/* Adds a problem (taking @message) unless the report holds the most already. */
void         _rd_csv_import_report_add  (RdCsvImportReport *report,
                                         guint              line,
                                         guint              column,
                                         const char        *header,
                                         char              *message);

G_END_DECLS
