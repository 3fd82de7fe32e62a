/* rd-csv.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A streaming RFC 4180 reader: comma, semicolon or tab separated (sniffed from
 * the first record when not given), fields quoted with "…" and "" inside,
 * newlines inside quoted fields, UTF-8 with or without a BOM, LF or CRLF.
 * It reads the stream in blocks and keeps one record in memory, so a file
 * of any size costs the same memory.
 *
 * Every record must have as many fields as the first one (the header);
 * blank lines are skipped.  Errors name the line (1-based, physical lines
 * of the file) and the column (1-based field number).
 */

#define RD_CSV_ERROR (rd_csv_error_quark ())

typedef enum
{
  RD_CSV_ERROR_UNTERMINATED_QUOTE,
  RD_CSV_ERROR_BAD_QUOTE,          /* text after a closing quote, or a quote inside a bare field */
  RD_CSV_ERROR_RAGGED_ROW,         /* more or fewer fields than the header */
  RD_CSV_ERROR_INVALID_UTF8,
  RD_CSV_ERROR_NUL_BYTE,
  RD_CSV_ERROR_FIELD_TOO_LONG,
  RD_CSV_ERROR_EMPTY,              /* no header at all */
} RdCsvError;

#define RD_CSV_MAX_FIELD_BYTES (1024 * 1024)

typedef struct _RdCsvReader RdCsvReader;

GQuark       rd_csv_error_quark          (void);

/* @separator: ',', ';' or '\t', or 0 to sniff it from the first record. */
RdCsvReader *rd_csv_reader_new           (GInputStream  *stream,
                                          char           separator);
/* Reads from memory (copied). */
RdCsvReader *rd_csv_reader_new_for_data  (const char    *data,
                                          gsize          length,
                                          char           separator);
void         rd_csv_reader_free          (RdCsvReader   *self);

/* Reads the next record.  Returns FALSE at the end (error unset) or on an
 * error.  *out_fields is owned by the reader and valid until the next call. */
gboolean     rd_csv_reader_next          (RdCsvReader   *self,
                                          GStrv         *out_fields,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* The physical line the last record started on. */
guint        rd_csv_reader_get_line      (RdCsvReader   *self);
/* The separator in use (after sniffing, once a record was read). */
char         rd_csv_reader_get_separator (RdCsvReader   *self);
/* Bytes consumed so far, for progress. */
guint64      rd_csv_reader_get_offset    (RdCsvReader   *self);
/* Number of fields of the first record (0 before it was read). */
guint        rd_csv_reader_get_width     (RdCsvReader   *self);

/* Appends one record, quoting fields that need it, ending with CRLF. */
void         rd_csv_append_row           (GString       *out,
                                          const char * const *fields,
                                          guint          n_fields,
                                          char           separator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCsvReader, rd_csv_reader_free)

G_END_DECLS
