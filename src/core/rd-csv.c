/* rd-csv.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-csv.h"

#define BLOCK_SIZE (64 * 1024)

struct _RdCsvReader
{
  GInputStream *stream;     /* NULL when reading from memory */
  GBytes       *data;       /* the memory input */
  guint8       *buffer;
  gsize         length;     /* valid bytes in buffer */
  gsize         pos;
  gboolean      eof;
  gboolean      started;    /* BOM handled */
  char          separator;
  guint64       consumed;   /* bytes before buffer[0] */

  guint         line;       /* current physical line */
  guint         record_line;
  guint         width;
  GPtrArray    *fields;     /* char*, NULL-terminated when handed out */
  GString      *field;
};

G_DEFINE_QUARK (rd-csv-error-quark, rd_csv_error)

static RdCsvReader *
reader_new (char separator)
{
  RdCsvReader *self;

  g_return_val_if_fail (separator == 0 || separator == ',' || separator == ';'
                        || separator == '\t', NULL);

  self = g_new0 (RdCsvReader, 1);

  self->separator = separator;
  self->line = 1;
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->field = g_string_sized_new (256);

  return self;
}

/* Makes sure at least one byte is buffered; FALSE at the end or on error. */
static gboolean
fill (RdCsvReader   *self,
      GCancellable  *cancellable,
      GError       **error)
{
  gssize n;

  if (self->pos < self->length)
    return TRUE;
  if (self->eof)
    return FALSE;

  if (self->stream == NULL)
    {
      self->eof = TRUE;
      return FALSE;
    }

  self->consumed += self->length;
  self->pos = 0;
  self->length = 0;

  n = g_input_stream_read (self->stream, self->buffer, BLOCK_SIZE, cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    {
      self->eof = TRUE;
      return FALSE;
    }

  self->length = (gsize) n;
  return TRUE;
}

/* Peeks the next byte: -1 at the end (or on a read error, in *error). */
static int
peek (RdCsvReader   *self,
      GCancellable  *cancellable,
      GError       **error)
{
  if (!fill (self, cancellable, error))
    return -1;

  return self->buffer[self->pos];
}

/* Which separator the first record uses: the more frequent of , and ;
 * outside quotes (a comma on ties, as RFC 4180 says).  Only looks at what
 * is buffered, which is at least the first 64 KiB. */
static char
sniff (RdCsvReader *self)
{
  gboolean quoted = FALSE;
  guint commas = 0, semicolons = 0, tabs = 0;

  for (gsize i = self->pos; i < self->length; i++)
    {
      guint8 c = self->buffer[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;
    }

  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

static gboolean
set_error (GError     **error,
           RdCsvError   code,
           guint        line,
           guint        column,
           const char  *what)
{
  /* Translators: "Line 12, column 3: an opening quote is never closed" */
  g_set_error (error, RD_CSV_ERROR, code, _("Line %u, column %u: %s"), line, column, what);
  return FALSE;
}

static gboolean
finish_field (RdCsvReader  *self,
              GError      **error)
{
  const char *end;

  if (!g_utf8_validate_len (self->field->str, self->field->len, &end))
    return set_error (error, RD_CSV_ERROR_INVALID_UTF8, self->line, self->fields->len + 1,
                      _("the text is not valid UTF-8; save the file as UTF-8"));

  g_ptr_array_add (self->fields, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);

  return TRUE;
}

static gboolean
append_byte (RdCsvReader  *self,
             guint8        c,
             GError      **error)
{
  if (c == '\0')
    return set_error (error, RD_CSV_ERROR_NUL_BYTE, self->line, self->fields->len + 1,
                      _("the file contains a NUL byte; is it really a CSV file?"));
  if (self->field->len >= RD_CSV_MAX_FIELD_BYTES)
    return set_error (error, RD_CSV_ERROR_FIELD_TOO_LONG, self->line, self->fields->len + 1,
                      _("the field is longer than 1 MB"));

  g_string_append_c (self->field, (char) c);
  return TRUE;
}

static inline gboolean
is_plain (RdCsvReader *self,
          guint8       c)
{
  return c != self->separator && c != '\n' && c != '\r' && c != '"' && c != '\0';
}

/* Appends @c, just read, and the plain bytes after it in the buffer at
 * once, as append_byte() would one by one. */
static gboolean
append_plain_run (RdCsvReader  *self,
                  guint8        c,
                  GError      **error)
{
  gsize start = self->pos - 1;
  gsize end = self->pos;

  if (!is_plain (self, c))
    return append_byte (self, c, error);

  while (end < self->length && is_plain (self, self->buffer[end]))
    end++;
  if (self->field->len + (end - start) > RD_CSV_MAX_FIELD_BYTES)
    return set_error (error, RD_CSV_ERROR_FIELD_TOO_LONG, self->line, self->fields->len + 1,
                      _("the field is longer than 1 MB"));

  g_string_append_len (self->field, (const char *) self->buffer + start, (gssize) (end - start));
  self->pos = end;
  return TRUE;
}

/* Before the first record: a UTF-8 byte order mark, as spreadsheets like to
 * write, then the separator when it was not given. */
static gboolean
read_start (RdCsvReader   *self,
            GCancellable  *cancellable,
            GError       **error)
{
  GError *local_error = NULL;

  self->started = TRUE;
  if (peek (self, cancellable, &local_error) == 0xEF)
    {
      const guint8 bom[] = { 0xEF, 0xBB, 0xBF };

      for (guint i = 0; i < 3 && peek (self, cancellable, &local_error) == bom[i]; i++)
        self->pos++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (self->separator == 0)
    self->separator = sniff (self);

  return TRUE;
}

/* Skips blank lines between records; FALSE at the end (error unset) or on
 * an error. */
static gboolean
skip_blank_lines (RdCsvReader   *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GError *local_error = NULL;
  int c;

  for (;;)
    {
      c = peek (self, cancellable, &local_error);
      if (c == '\r')
        self->pos++;
      else if (c == '\n')
        {
          self->pos++;
          self->line++;
        }
      else
        break;
    }

  if (c < 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

typedef enum
{
  FIELD_NEXT,     /* a separator: another field follows */
  FIELD_LAST,     /* the end of the record */
  FIELD_FAILED,
} FieldEnd;

/* A quoted field, from its opening quote to what follows the closing one. */
static FieldEnd
read_quoted_field (RdCsvReader   *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GError *local_error = NULL;
  guint quote_line = self->line;
  int c;

  self->pos++;
  for (;;)
    {
      c = peek (self, cancellable, &local_error);
      if (c < 0)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FIELD_FAILED;
            }
          set_error (error, RD_CSV_ERROR_UNTERMINATED_QUOTE, quote_line, self->fields->len + 1,
                     _("an opening quote is never closed"));
          return FIELD_FAILED;
        }
      self->pos++;
      if (c == '"')
        {
          if (peek (self, cancellable, &local_error) == '"')
            {
              self->pos++;
              g_string_append_c (self->field, '"');
              continue;
            }
          break;
        }
      if (c == '\n')
        self->line++;
      if (!append_byte (self, (guint8) c, error))
        return FIELD_FAILED;
    }

  /* After the closing quote: a separator, the end of the line or file. */
  c = peek (self, cancellable, &local_error);
  if (c == '\r')
    {
      self->pos++;
      c = peek (self, cancellable, &local_error);
      if (c != '\n' && c >= 0)
        {
          set_error (error, RD_CSV_ERROR_BAD_QUOTE, self->line, self->fields->len + 1,
                     _("unexpected text after a closing quote"));
          return FIELD_FAILED;
        }
    }
  if (c >= 0 && c != '\n' && c != self->separator)
    {
      set_error (error, RD_CSV_ERROR_BAD_QUOTE, self->line, self->fields->len + 1,
                 _("unexpected text after a closing quote; "
                   "write a quote inside a quoted field as \"\""));
      return FIELD_FAILED;
    }
  g_clear_error (&local_error);
  if (!finish_field (self, error))
    return FIELD_FAILED;
  if (c == self->separator)
    {
      self->pos++;
      return FIELD_NEXT;
    }
  if (c == '\n')
    {
      self->pos++;
      self->line++;
    }
  return FIELD_LAST;
}

/* Every record has as many fields as the header. */
static gboolean
check_width (RdCsvReader  *self,
             GError      **error)
{
  g_autofree char *what = NULL;
  guint column;

  if (self->width == 0)
    self->width = self->fields->len;
  if (self->fields->len == self->width)
    return TRUE;

  what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "the row has %u field but the header has %u",
                                       "the row has %u fields but the header has %u",
                                       self->fields->len),
                          self->fields->len, self->width);
  column = self->fields->len < self->width ? self->fields->len : self->width + 1;
  return set_error (error, RD_CSV_ERROR_RAGGED_ROW, self->record_line, MAX (column, 1), what);
}

/* Reads one record into self->fields; FALSE at the end or on an error. */
static gboolean
read_record (RdCsvReader   *self,
             GCancellable  *cancellable,
             GError       **error)
{
  GError *local_error = NULL;
  int c;

  g_ptr_array_set_size (self->fields, 0);
  g_string_truncate (self->field, 0);

  if (!self->started && !read_start (self, cancellable, error))
    return FALSE;
  if (!skip_blank_lines (self, cancellable, error))
    return FALSE;

  self->record_line = self->line;

  for (;;)
    {
      c = peek (self, cancellable, &local_error);

      if (c == '"' && self->field->len == 0)
        {
          FieldEnd end = read_quoted_field (self, cancellable, error);

          if (end == FIELD_FAILED)
            return FALSE;
          if (end == FIELD_NEXT)
            continue;
          break;
        }

      if (c < 0)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          if (!finish_field (self, error))
            return FALSE;
          break;
        }

      self->pos++;

      if (c == self->separator)
        {
          if (!finish_field (self, error))
            return FALSE;
          /* A separator at the very end still opens an (empty) last field. */
          if (peek (self, cancellable, &local_error) < 0 && local_error == NULL)
            {
              if (!finish_field (self, error))
                return FALSE;
              break;
            }
          continue;
        }
      if (c == '\r')
        {
          int next = peek (self, cancellable, &local_error);

          if (next == '\n' || next < 0)
            continue;
          /* A lone CR (old Mac files) ends the line too. */
          if (!finish_field (self, error))
            return FALSE;
          self->line++;
          break;
        }
      if (c == '\n')
        {
          if (!finish_field (self, error))
            return FALSE;
          self->line++;
          break;
        }
      if (c == '"')
        return set_error (error, RD_CSV_ERROR_BAD_QUOTE, self->line, self->fields->len + 1,
                          _("a quote inside a field that does not start with one; "
                            "quote the whole field"));
      if (!append_plain_run (self, (guint8) c, error))
        return FALSE;
    }

  return check_width (self, error);
}

RdCsvReader *
rd_csv_reader_new (GInputStream *stream,
                   char          separator)
{
  RdCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = reader_new (separator);
  self->stream = g_object_ref (stream);
  self->buffer = g_malloc (BLOCK_SIZE);

  return self;
}

RdCsvReader *
rd_csv_reader_new_for_data (const char *data,
                            gsize       length,
                            char        separator)
{
  RdCsvReader *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = reader_new (separator);
  self->data = g_bytes_new (data, length);
  self->buffer = (guint8 *) g_bytes_get_data (self->data, NULL);
  self->length = length;

  return self;
}

void
rd_csv_reader_free (RdCsvReader *self)
{
  if (self == NULL)
    return;

  if (self->stream != NULL)
    {
      g_free (self->buffer);
      g_object_unref (self->stream);
    }
  g_clear_pointer (&self->data, g_bytes_unref);
  g_ptr_array_unref (self->fields);
  g_string_free (self->field, TRUE);
  g_free (self);
}

gboolean
rd_csv_reader_next (RdCsvReader   *self,
                    GStrv         *out_fields,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_fields != NULL, FALSE);

  *out_fields = NULL;

  if (!read_record (self, cancellable, error))
    return FALSE;

  g_ptr_array_add (self->fields, NULL);
  *out_fields = (GStrv) self->fields->pdata;
  /* The NULL terminator is not a field. */
  self->fields->len--;

  return TRUE;
}

guint
rd_csv_reader_get_line (RdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_line;
}

char
rd_csv_reader_get_separator (RdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');

  return self->separator ? self->separator : ',';
}

guint64
rd_csv_reader_get_offset (RdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->consumed + self->pos;
}

guint
rd_csv_reader_get_width (RdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->width;
}

void
rd_csv_append_row (GString            *out,
                   const char * const *fields,
                   guint               n_fields,
                   char                separator)
{
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *field = fields[i] ? fields[i] : "";
      gboolean quote = strpbrk (field, "\"\r\n") != NULL || strchr (field, separator) != NULL
                       || field[0] == ' ' || (field[0] != '\0' && field[strlen (field) - 1] == ' ');

      if (i > 0)
        g_string_append_c (out, separator);

      if (!quote)
        {
          g_string_append (out, field);
          continue;
        }

      g_string_append_c (out, '"');
      for (const char *p = field; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}
