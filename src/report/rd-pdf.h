/* rd-pdf.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  RD_PAPER_A4,
  RD_PAPER_LETTER,
} RdPaper;

/* Draws page @page (0-based) of @n_pages on @cr, @width × @height points. */
typedef void (*RdPdfDrawFunc) (cairo_t  *cr,
                               int       page,
                               double    width,
                               double    height,
                               gpointer  user_data);

void     rd_paper_get_size      (RdPaper        paper,
                                 double        *out_width,
                                 double        *out_height);
/* Letter where the region's paper (LC_PAPER) is Letter, else A4. */
RdPaper  rd_paper_for_locale    (void);

/* Writes a PDF of @n_pages through @draw, atomically (a temporary file
 * renamed into place, so a failed run leaves no half-written @path).
 * Fonts are embedded as subsets by cairo. */
gboolean rd_pdf_write           (const char    *path,
                                 double         width,
                                 double         height,
                                 int            n_pages,
                                 const char    *title,
                                 RdPdfDrawFunc  draw,
                                 gpointer       user_data,
                                 GError       **error);

/* An axis for counts up to @max_value: evenly spaced ticks of a nice step
 * (1, 2 or 5 times a power of ten), from 0 to the first tick at or above
 * @max_value, at most @max_ticks intervals (at least 1 each). */
void     rd_pdf_axis_ticks      (guint          max_value,
                                 guint          max_ticks,
                                 guint         *out_step,
                                 guint         *out_n_steps);

G_END_DECLS
