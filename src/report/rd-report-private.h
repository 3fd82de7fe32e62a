/* rd-report-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/*
 * The page engine shared by the executive summary and the weekly update:
 * a document is a list of blocks (a heading, a paragraph, a table row, a
 * chart), each measured once at 72 dpi without hinting so that the same
 * layout gives the same pages on a PDF surface and on a printer.  A block
 * is never split across pages; a heading stays with the block after it.
 * All text is Pango markup.
 */

#define RD_REPORT_MAX_CELLS 6

typedef struct _RdReportDoc RdReportDoc;

typedef void (*RdReportChartFunc) (cairo_t      *cr,
                                   PangoContext *context,
                                   double        width,
                                   double        height,
                                   gpointer      data);

typedef enum
{
  RD_REPORT_ROW_PLAIN  = 0,
  RD_REPORT_ROW_HEADER = 1 << 0,   /* shaded, bold */
  RD_REPORT_ROW_LABEL  = 1 << 1,   /* first cell is a muted label */
} RdReportRowFlags;

/* Print-friendly tones of libadwaita's success, warning and error colours. */
#define RD_REPORT_COLOR_ADMINISTRATIVE "#1b7a48"
#define RD_REPORT_COLOR_DECISION       "#9a6700"
#define RD_REPORT_COLOR_RISK           "#b3121f"
#define RD_REPORT_COLOR_NONE           "#5e5c64"
#define RD_REPORT_COLOR_MUTED          "#5e5c64"

RdReportDoc  *_rd_report_doc_new          (double             width,
                                           double             height,
                                           const char        *header_left,
                                           const char        *header_right,
                                           const char        *footer_left);
/* The frame both reports share: the company (or, without one, the
 * application) at the top left, @report_title at the top right and the
 * day they were prepared, @today (YYYY-MM-DD), in the footer. */
RdReportDoc  *_rd_report_doc_new_framed   (double             width,
                                           double             height,
                                           const char        *company_name,
                                           const char        *report_title,
                                           const char        *today);
void          _rd_report_doc_free         (RdReportDoc       *doc);
PangoContext *_rd_report_doc_get_context  (RdReportDoc       *doc);
double        _rd_report_doc_content_width (RdReportDoc      *doc);

void          _rd_report_doc_add_title    (RdReportDoc       *doc,
                                           const char        *markup,
                                           const char        *subtitle_markup);
void          _rd_report_doc_add_heading  (RdReportDoc       *doc,
                                           const char        *markup);
void          _rd_report_doc_add_subheading (RdReportDoc     *doc,
                                           const char        *markup);
void          _rd_report_doc_add_paragraph (RdReportDoc      *doc,
                                           const char        *markup);
/* An italic paragraph of plain @text: what stands for an empty section. */
void          _rd_report_doc_add_none     (RdReportDoc       *doc,
                                           const char        *text);
/* @widths are fractions of the content width, one per cell.  Returns the
 * block index, for _rd_report_doc_get_block_page(). */
guint         _rd_report_doc_add_row      (RdReportDoc       *doc,
                                           RdReportRowFlags   flags,
                                           guint              n_cells,
                                           const char *const *cells,
                                           const double      *widths);
/* A table's header row when it has @n_rows, else the paragraph @none.
 * Returns whether the table has rows. */
gboolean      _rd_report_doc_add_table_header (RdReportDoc   *doc,
                                           guint              n_rows,
                                           const char        *none,
                                           guint              n_cells,
                                           const char *const *header,
                                           const double      *widths);
void          _rd_report_doc_add_chart    (RdReportDoc       *doc,
                                           double             height,
                                           RdReportChartFunc  func,
                                           gpointer           data,
                                           GDestroyNotify     destroy);

/* Assigns pages; returns the page count (at least 1). */
int           _rd_report_doc_paginate     (RdReportDoc       *doc);
int           _rd_report_doc_get_n_pages  (RdReportDoc       *doc);
int           _rd_report_doc_get_block_page (RdReportDoc     *doc,
                                           guint              block);
/* Draws @page (0-based) scaled to @width × @height points. */
void          _rd_report_doc_draw_page    (RdReportDoc       *doc,
                                           cairo_t           *cr,
                                           int                page,
                                           double             width,
                                           double             height);

/* Writes every page of the paginated @doc to the PDF file @path. */
gboolean      _rd_report_doc_write_pdf    (RdReportDoc       *doc,
                                           const char        *path,
                                           const char        *title,
                                           GError           **error);

/* Text helpers for charts. */
PangoLayout  *_rd_report_layout_new       (PangoContext      *context,
                                           const char        *markup,
                                           double             size_pt,
                                           double             width);
void          _rd_report_set_source_hex   (cairo_t           *cr,
                                           const char        *hex);

/* A class's colour, and its chip: a word and a shape, never a colour alone. */
const char   *_rd_report_class_color      (RdClass            klass);
char         *_rd_report_class_chip       (RdClass            klass);

/* g_markup_printf_escaped() shortcut. */
#define rd_markup(...) g_markup_printf_escaped (__VA_ARGS__)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReportDoc, _rd_report_doc_free)

/* A non-empty string member of @doc, or NULL. */
const char *_rd_report_str_or_null (JsonObject *doc,
                                    const char *member);

G_END_DECLS
