/* rd-pdf.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-report"

#include "config.h"

#include <langinfo.h>
#include <stdint.h>

#include <locale.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "rd-pdf.h"

static cairo_status_t
write_to_bytes (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

void
rd_paper_get_size (RdPaper  paper,
                   double  *out_width,
                   double  *out_height)
{
  g_return_if_fail (out_width != NULL && out_height != NULL);

  if (paper == RD_PAPER_LETTER)
    {
      *out_width = 612.0;
      *out_height = 792.0;
    }
  else
    {
      *out_width = 595.276;
      *out_height = 841.890;
    }
}

RdPaper
rd_paper_for_locale (void)
{
#ifdef __GLIBC__
  /* glibc's LC_PAPER, as gtk_paper_size_get_default () reads it: the
   * region's paper in millimetres (216 × 279 is Letter). */
  int width = (int) (intptr_t) nl_langinfo (_NL_PAPER_WIDTH);
  int height = (int) (intptr_t) nl_langinfo (_NL_PAPER_HEIGHT);

  if (width == 216 && height == 279)
    return RD_PAPER_LETTER;
#endif

  return RD_PAPER_A4;
}

gboolean
rd_pdf_write (const char     *path,
              double          width,
              double          height,
              int             n_pages,
              const char     *title,
              RdPdfDrawFunc   draw,
              gpointer        user_data,
              GError        **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (n_pages > 0, FALSE);

  surface = cairo_pdf_surface_create_for_stream (write_to_bytes, bytes, width, height);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);

  cr = cairo_create (surface);
  for (int page = 0; page < n_pages; page++)
    {
      draw (cr, page, width, height, user_data);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

void
rd_pdf_axis_ticks (guint  max_value,
                   guint  max_ticks,
                   guint *out_step,
                   guint *out_n_steps)
{
  static const guint mantissas[] = { 1, 2, 5 };
  guint step = 1;

  g_return_if_fail (out_step != NULL && out_n_steps != NULL);

  max_ticks = MAX (max_ticks, 1);
  max_value = MAX (max_value, 1);
  for (guint64 power = 1; ; power *= 10)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (mantissas) && !found; i++)
        {
          guint64 candidate = mantissas[i] * power;

          if (candidate >= G_MAXUINT / 2)
            {
              step = G_MAXUINT / (2 * max_ticks) + 1;
              found = TRUE;
            }
          else if ((max_value + candidate - 1) / candidate <= max_ticks)
            {
              step = (guint) candidate;
              found = TRUE;
            }
        }
      if (found)
        break;
    }
  *out_step = step;
  *out_n_steps = MAX (1, (max_value + step - 1) / step);
}
