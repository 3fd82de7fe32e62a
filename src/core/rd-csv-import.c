/* rd-csv-import.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdCsvImport: the object, its mapping and the preview of the first rows. */

#define G_LOG_DOMAIN "rd-csv-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-csv-import-private.h"

G_DEFINE_FINAL_TYPE (RdCsvImport, rd_csv_import, G_TYPE_OBJECT)

/* Helpers */

#define HEAD_BYTES (64 * 1024)

/* The encodings spreadsheet programs on Windows save CSV in: UTF-16 with a
 * byte order mark ("Unicode text"), Windows-1252 ("CSV" on a Western
 * system), or UTF-8.  @head is the start of the input (all of it when
 * @complete).  Sets the iconv name to convert from (NULL for UTF-8), the
 * byte order mark's length and the name to show. */
static void
detect_encoding (RdCsvImport  *self,
                 const guint8 *head,
                 gsize         length,
                 gboolean      complete)
{
  const char *end = NULL;

  self->encoding = "UTF-8";
  self->convert = NULL;
  self->skip = 0;

  if (length >= 2 && head[0] == 0xFF && head[1] == 0xFE)
    {
      self->encoding = "UTF-16";
      self->convert = "UTF-16LE";
      self->skip = 2;
      return;
    }
  if (length >= 2 && head[0] == 0xFE && head[1] == 0xFF)
    {
      self->encoding = "UTF-16";
      self->convert = "UTF-16BE";
      self->skip = 2;
      return;
    }

  if (g_utf8_validate_len ((const char *) head, length, &end))
    return;

  /* A character cut at the end of the head is still UTF-8. */
  if (!complete && length - (gsize) ((const guint8 *) end - head) < 4
      && g_utf8_get_char_validated (end, (gssize) (length - (gsize) ((const guint8 *) end - head)))
         == (gunichar) -2)
    return;

  self->encoding = "Windows-1252";
  self->convert = "WINDOWS-1252";
}

static gboolean
detect_file_encoding (RdCsvImport   *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guint8 *head = g_malloc (HEAD_BYTES);
  gsize length = 0;

  stream = g_file_read (self->file, cancellable, error);
  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), head, HEAD_BYTES, &length,
                                   cancellable, error))
    return FALSE;

  detect_encoding (self, head, length, length < HEAD_BYTES);
  return TRUE;
}

RdCsvReader *
_rd_csv_import_open_reader (RdCsvImport   *self,
                            guint64       *out_size,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (self->file == NULL)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (self->data, &length);

      if (out_size != NULL)
        *out_size = length;
      return rd_csv_reader_new_for_data (data ? data : "", length, self->separator);
    }

  stream = g_file_read (self->file, cancellable, error);
  if (stream == NULL)
    return NULL;

  if (out_size != NULL)
    {
      info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable,
                                             NULL);
      *out_size = info != NULL ? (guint64) g_file_info_get_size (info) : 0;
      /* The reader counts UTF-8 bytes: about half of UTF-16's. */
      if (self->skip == 2)
        *out_size /= 2;
    }

  if (self->skip > 0
      && g_input_stream_skip (G_INPUT_STREAM (stream), self->skip, cancellable, error) < 0)
    return NULL;

  if (self->convert != NULL)
    {
      g_autoptr(GCharsetConverter) converter = NULL;
      g_autoptr(GInputStream) converted = NULL;

      converter = g_charset_converter_new ("UTF-8", self->convert, error);
      if (converter == NULL)
        return NULL;
      converted = g_converter_input_stream_new (G_INPUT_STREAM (stream),
                                                G_CONVERTER (converter));
      return rd_csv_reader_new (converted, self->separator);
    }

  return rd_csv_reader_new (G_INPUT_STREAM (stream), self->separator);
}

static gboolean
load_preview (RdCsvImport   *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(RdCsvReader) reader = NULL;
  GStrv row = NULL;
  g_autoptr(GError) local_error = NULL;

  reader = _rd_csv_import_open_reader (self, NULL, cancellable, error);
  if (reader == NULL)
    return FALSE;

  if (!rd_csv_reader_next (reader, &row, cancellable, &local_error))
    {
      if (local_error == NULL)
        g_set_error (error, RD_CSV_ERROR, RD_CSV_ERROR_EMPTY,
                     _("The file is empty; it needs a header row naming the columns"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->separator = rd_csv_reader_get_separator (reader);
  self->headers = g_strdupv (row);
  self->n_columns = g_strv_length (row);
  self->mapping = g_new0 (RdCsvColumn, self->n_columns);

  for (guint i = 0; i < self->n_columns; i++)
    {
      RdCsvColumn guess = rd_csv_column_guess (self->headers[i]);

      if (guess != RD_CSV_COLUMN_IGNORE && _rd_csv_import_column_of (self, guess) < 0)
        self->mapping[i] = guess;
    }

  while (self->preview->len < RD_CSV_PREVIEW_ROWS)
    {
      guint line;

      if (!rd_csv_reader_next (reader, &row, cancellable, &local_error))
        {
          /* A broken row after the preview's first rows is reported by the
           * full check; here it only ends the preview. */
          if (local_error != NULL && self->preview->len == 0)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }
      line = rd_csv_reader_get_line (reader);
      g_ptr_array_add (self->preview, g_strdupv (row));
      g_array_append_val (self->lines, line);
    }

  return TRUE;
}

/* A preview cell read as the import would (@format FALSE: the problem, or
 * NULL), or shown as it would be imported (@format TRUE). */
static char *
read_preview_cell (RdCsvImport *self,
                   guint        row,
                   guint        column,
                   gboolean     format)
{
  GStrv cells = g_ptr_array_index (self->preview, row);
  g_autofree char *currency = _rd_csv_import_row_currency (self, cells);

  if (format)
    return _rd_csv_format_cell (self->mapping[column], cells[column], currency);

  return _rd_csv_apply_cell (self->mapping[column], cells[column], currency, NULL);
}

/* GObject */

static void
rd_csv_import_finalize (GObject *object)
{
  RdCsvImport *self = (RdCsvImport *) object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_strfreev (self->headers);
  g_free (self->mapping);
  g_ptr_array_unref (self->preview);
  g_array_unref (self->lines);

  G_OBJECT_CLASS (rd_csv_import_parent_class)->finalize (object);
}

static void
rd_csv_import_class_init (RdCsvImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_csv_import_finalize;
}

static void
rd_csv_import_init (RdCsvImport *self)
{
  self->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Internal API (rd-csv-import-private.h) */

int
_rd_csv_import_column_of (RdCsvImport *self,
                          RdCsvColumn  field)
{
  for (guint i = 0; i < self->n_columns; i++)
    {
      if (self->mapping[i] == field)
        return (int) i;
    }

  return -1;
}

char *
_rd_csv_import_row_currency (RdCsvImport *self,
                             GStrv        row)
{
  int col = _rd_csv_import_column_of (self, RD_CSV_COLUMN_CURRENCY);

  if (col < 0)
    return NULL;

  return g_strstrip (g_ascii_strup (row[col], -1));
}

void
_rd_csv_import_set_documents_only (RdCsvImport *self,
                                   gboolean     documents_only)
{
  g_return_if_fail (RD_IS_CSV_IMPORT (self));

  self->documents_only = documents_only;
}

RdCsvImportReport *
_rd_csv_import_report_new (void)
{
  RdCsvImportReport *report = g_new0 (RdCsvImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_csv_problem_free);
  return report;
}

void
_rd_csv_import_report_add (RdCsvImportReport *report,
                           guint              line,
                           guint              column,
                           const char        *header,
                           char              *message)
{
  RdCsvProblem *problem;

  if (report->problems->len >= RD_CSV_MAX_PROBLEMS)
    {
      g_free (message);
      return;
    }

  problem = g_new0 (RdCsvProblem, 1);
  problem->line = line;
  problem->column = column;
  problem->header = g_strdup (header);
  problem->message = message;
  g_ptr_array_add (report->problems, problem);
}

/* Public API */

void
rd_csv_problem_free (RdCsvProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->header);
  g_free (problem->message);
  g_free (problem);
}

char *
rd_csv_problem_to_string (const RdCsvProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->header != NULL && *problem->header != '\0')
    /* Translators: line, column, the column's header, then the problem */
    return g_strdup_printf (_("Line %u, column %u (%s): %s"), problem->line, problem->column,
                            problem->header, problem->message);

  return g_strdup_printf (_("Line %u, column %u: %s"), problem->line, problem->column,
                          problem->message);
}

void
rd_csv_import_report_free (RdCsvImportReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

RdCsvImport *
rd_csv_import_new_for_file (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(RdCsvImport) self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (RD_TYPE_CSV_IMPORT, NULL);
  self->file = g_object_ref (file);

  if (!detect_file_encoding (self, cancellable, error) || !load_preview (self, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

RdCsvImport *
rd_csv_import_new_for_data (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(RdCsvImport) self = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = g_object_new (RD_TYPE_CSV_IMPORT, NULL);
  detect_encoding (self, (const guint8 *) data, length, TRUE);
  if (self->convert == NULL)
    self->data = g_bytes_new (data, length);
  else
    {
      gsize n = 0;
      char *utf8 = g_convert (data + self->skip, (gssize) (length - self->skip), "UTF-8",
                              self->convert, NULL, &n, error);

      if (utf8 == NULL)
        return NULL;
      self->data = g_bytes_new_take (utf8, n);
      self->convert = NULL;
      self->skip = 0;
    }

  if (!load_preview (self, NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

RdCsvImport *
rd_csv_import_dup (RdCsvImport *self)
{
  RdCsvImport *copy;

  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);

  copy = g_object_new (RD_TYPE_CSV_IMPORT, NULL);
  copy->file = self->file ? g_object_ref (self->file) : NULL;
  copy->data = self->data ? g_bytes_ref (self->data) : NULL;
  copy->encoding = self->encoding;
  copy->convert = self->convert;
  copy->skip = self->skip;
  copy->separator = self->separator;
  copy->headers = g_strdupv (self->headers);
  copy->n_columns = self->n_columns;
  copy->documents_only = self->documents_only;
  copy->mapping = g_memdup2 (self->mapping, sizeof (RdCsvColumn) * MAX (self->n_columns, 1));

  return copy;
}

guint
rd_csv_import_get_n_columns (RdCsvImport *self)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), 0);

  return self->n_columns;
}

const char *
rd_csv_import_get_header (RdCsvImport *self,
                          guint        column)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->headers[column];
}

const char *
rd_csv_import_get_encoding (RdCsvImport *self)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);

  return self->encoding;
}

char
rd_csv_import_get_separator (RdCsvImport *self)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), ',');

  return self->separator;
}

RdCsvColumn
rd_csv_import_get_mapping (RdCsvImport *self,
                           guint        column)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), RD_CSV_COLUMN_IGNORE);
  g_return_val_if_fail (column < self->n_columns, RD_CSV_COLUMN_IGNORE);

  return self->mapping[column];
}

void
rd_csv_import_set_mapping (RdCsvImport *self,
                           guint        column,
                           RdCsvColumn  field)
{
  g_return_if_fail (RD_IS_CSV_IMPORT (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (field < RD_CSV_N_COLUMNS);

  if (field != RD_CSV_COLUMN_IGNORE)
    {
      for (guint i = 0; i < self->n_columns; i++)
        {
          if (i != column && self->mapping[i] == field)
            self->mapping[i] = RD_CSV_COLUMN_IGNORE;
        }
    }

  self->mapping[column] = field;
}

char *
rd_csv_import_check_mapping (RdCsvImport *self)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);

  if (_rd_csv_import_column_of (self, RD_CSV_COLUMN_NAME) < 0)
    return g_strdup (_("Choose the column that holds the account name"));
  if (_rd_csv_import_column_of (self, RD_CSV_COLUMN_CURRENCY) < 0)
    return g_strdup (_("Choose the column that holds the currency"));

  return NULL;
}

guint
rd_csv_import_get_n_preview_rows (RdCsvImport *self)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), 0);

  return self->preview->len;
}

guint
rd_csv_import_get_preview_line (RdCsvImport *self,
                                guint        row)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), 0);
  g_return_val_if_fail (row < self->preview->len, 0);

  return g_array_index (self->lines, guint, row);
}

const char *
rd_csv_import_get_preview_cell (RdCsvImport *self,
                                guint        row,
                                guint        column)
{
  GStrv cells;

  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row < self->preview->len, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  cells = g_ptr_array_index (self->preview, row);
  return cells[column];
}

char *
rd_csv_import_check_preview_cell (RdCsvImport *self,
                                  guint        row,
                                  guint        column)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row < self->preview->len, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return read_preview_cell (self, row, column, FALSE);
}

char *
rd_csv_import_format_preview_cell (RdCsvImport *self,
                                   guint        row,
                                   guint        column)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row < self->preview->len, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return read_preview_cell (self, row, column, TRUE);
}
