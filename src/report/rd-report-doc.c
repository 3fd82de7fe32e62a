/* rd-report-doc.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-report"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-report.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-report-private.h"
#include "rd-settings.h"

/* Fontconfig falls back per character, so a Japanese, Chinese or
 * Hungarian name needs nothing more than these families being installed
 * (tools/deps.txt). */
#define FONT_FAMILY "Cantarell, Noto Sans, Noto Sans CJK JP, DejaVu Sans"

#define MARGIN_X       56.0    /* 20 mm */
#define MARGIN_TOP     42.0
#define MARGIN_BOTTOM  42.0
#define HEADER_HEIGHT  28.0
#define FOOTER_HEIGHT  24.0
#define CELL_PAD_X      4.0
#define CELL_PAD_Y      3.5
#define BODY_SIZE       9.5

typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_SUBHEADING,
  BLOCK_PARAGRAPH,
  BLOCK_ROW,
  BLOCK_CHART,
} BlockKind;

typedef struct
{
  BlockKind          kind;
  RdReportRowFlags   flags;
  double             space_before;
  double             height;
  int                page;
  double             y;            /* on its page, from the content top */
  guint              n_cells;
  PangoLayout       *cells[RD_REPORT_MAX_CELLS];
  double             cell_x[RD_REPORT_MAX_CELLS];
  double             cell_w[RD_REPORT_MAX_CELLS];
  RdReportChartFunc  chart_func;
  gpointer           chart_data;
  GDestroyNotify     chart_destroy;
} Block;

struct _RdReportDoc
{
  PangoContext *context;
  double        width;
  double        height;
  char         *header_left;
  char         *header_right;
  char         *footer_left;
  GPtrArray    *blocks;
  int           n_pages;
};

static void
block_free (gpointer data)
{
  Block *block = data;

  for (guint i = 0; i < block->n_cells; i++)
    g_clear_object (&block->cells[i]);
  if (block->chart_destroy != NULL)
    block->chart_destroy (block->chart_data);
  g_free (block);
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static Block *
add_block (RdReportDoc *doc,
           BlockKind    kind,
           double       space_before)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->space_before = space_before;
  block->page = -1;
  g_ptr_array_add (doc->blocks, block);
  return block;
}

static void
draw_block (RdReportDoc *doc,
            Block       *block,
            cairo_t     *cr,
            double       x,
            double       y)
{
  double content_width = _rd_report_doc_content_width (doc);

  switch (block->kind)
    {
    case BLOCK_CHART:
      cairo_save (cr);
      cairo_translate (cr, x, y);
      block->chart_func (cr, doc->context, content_width, block->height, block->chart_data);
      cairo_restore (cr);
      return;

    case BLOCK_ROW:
      if (block->flags & RD_REPORT_ROW_HEADER)
        {
          _rd_report_set_source_hex (cr, "#ebebed");
          cairo_rectangle (cr, x, y, content_width, block->height);
          cairo_fill (cr);
        }
      _rd_report_set_source_hex (cr, "#d4d4d8");
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, x, y + block->height - 0.25);
      cairo_line_to (cr, x + content_width, y + block->height - 0.25);
      cairo_stroke (cr);
      for (guint i = 0; i < block->n_cells; i++)
        {
          cairo_move_to (cr, x + block->cell_x[i] + CELL_PAD_X, y + CELL_PAD_Y);
          _rd_report_set_source_hex (cr, "#1e1e22");
          pango_cairo_show_layout (cr, block->cells[i]);
        }
      return;

    case BLOCK_HEADING:
      _rd_report_set_source_hex (cr, "#1e1e22");
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, block->cells[0]);
      _rd_report_set_source_hex (cr, "#3584e4");
      cairo_rectangle (cr, x, y + block->height - 1.5, 28, 1.5);
      cairo_fill (cr);
      return;

    case BLOCK_TITLE:
    case BLOCK_SUBHEADING:
    case BLOCK_PARAGRAPH:
    default:
      _rd_report_set_source_hex (cr, "#1e1e22");
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, block->cells[0]);
      if (block->n_cells > 1)
        {
          cairo_move_to (cr, x, y + layout_height (block->cells[0]) + 2);
          _rd_report_set_source_hex (cr, RD_REPORT_COLOR_MUTED);
          pango_cairo_show_layout (cr, block->cells[1]);
        }
      return;
    }
}

static void
draw_header_footer (RdReportDoc *doc,
                    cairo_t     *cr,
                    int          page)
{
  double content_width = _rd_report_doc_content_width (doc);
  g_autofree char *page_text = NULL;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autoptr(PangoLayout) foot = NULL;
  g_autoptr(PangoLayout) number = NULL;
  int w, h;

  left = _rd_report_layout_new (doc->context, doc->header_left, 8.5, content_width * 0.6);
  right = _rd_report_layout_new (doc->context, doc->header_right, 8.5, content_width * 0.4);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_layout_set_ellipsize (right, PANGO_ELLIPSIZE_END);

  _rd_report_set_source_hex (cr, "#1e1e22");
  cairo_move_to (cr, MARGIN_X, MARGIN_TOP);
  pango_cairo_show_layout (cr, left);
  _rd_report_set_source_hex (cr, RD_REPORT_COLOR_MUTED);
  cairo_move_to (cr, MARGIN_X + content_width * 0.6, MARGIN_TOP);
  pango_cairo_show_layout (cr, right);

  cairo_set_line_width (cr, 0.6);
  _rd_report_set_source_hex (cr, "#c0bfbc");
  cairo_move_to (cr, MARGIN_X, MARGIN_TOP + HEADER_HEIGHT - 10);
  cairo_line_to (cr, MARGIN_X + content_width, MARGIN_TOP + HEADER_HEIGHT - 10);
  cairo_stroke (cr);

  cairo_move_to (cr, MARGIN_X, doc->height - MARGIN_BOTTOM - FOOTER_HEIGHT + 8);
  cairo_line_to (cr, MARGIN_X + content_width, doc->height - MARGIN_BOTTOM - FOOTER_HEIGHT + 8);
  cairo_stroke (cr);

  foot = _rd_report_layout_new (doc->context, doc->footer_left, 7.5, content_width * 0.7);
  _rd_report_set_source_hex (cr, RD_REPORT_COLOR_MUTED);
  cairo_move_to (cr, MARGIN_X, doc->height - MARGIN_BOTTOM - FOOTER_HEIGHT + 13);
  pango_cairo_show_layout (cr, foot);

  /* Translators: the page number in a printed report's footer */
  page_text = g_markup_printf_escaped (_("Page %d of %d"), page + 1, doc->n_pages);
  number = _rd_report_layout_new (doc->context, page_text, 7.5, -1);
  pango_layout_get_size (number, &w, &h);
  cairo_move_to (cr, MARGIN_X + content_width - (double) w / PANGO_SCALE,
                 doc->height - MARGIN_BOTTOM - FOOTER_HEIGHT + 13);
  pango_cairo_show_layout (cr, number);
}

void
_rd_report_doc_free (RdReportDoc *doc)
{
  if (doc == NULL)
    return;

  g_clear_pointer (&doc->blocks, g_ptr_array_unref);
  g_clear_object (&doc->context);
  g_free (doc->header_left);
  g_free (doc->header_right);
  g_free (doc->footer_left);
  g_free (doc);
}

RdReportDoc *
_rd_report_doc_new (double      width,
                    double      height,
                    const char *header_left,
                    const char *header_right,
                    const char *footer_left)
{
  RdReportDoc *doc = g_new0 (RdReportDoc, 1);
  cairo_font_options_t *options;

  doc->width = width;
  doc->height = height;
  doc->header_left = g_strdup (header_left ? header_left : "");
  doc->header_right = g_strdup (header_right ? header_right : "");
  doc->footer_left = g_strdup (footer_left ? footer_left : "");
  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  doc->n_pages = 1;

  /* Points as units, and no hinting: the metrics must not depend on the
   * surface (PDF file or printer) the pages end up on. */
  doc->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (doc->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (doc->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (doc->context, FALSE);

  return doc;
}

RdReportDoc *
_rd_report_doc_new_framed (double      width,
                           double      height,
                           const char *company_name,
                           const char *report_title,
                           const char *today)
{
  g_autofree char *date = rd_date_format (today);
  g_autofree char *header_left = NULL;
  g_autofree char *header_right = NULL;
  g_autofree char *footer = NULL;

  header_left = rd_markup ("<b>%s</b>",
                           company_name && *company_name ? company_name : PACKAGE_NAME);
  header_right = rd_markup ("%s", report_title);
  /* Translators: the footer of a printed report; %s is a date */
  footer = rd_markup (_("Prepared on %s"), date);
  return _rd_report_doc_new (width, height, header_left, header_right, footer);
}

PangoContext *
_rd_report_doc_get_context (RdReportDoc *doc)
{
  return doc->context;
}

double
_rd_report_doc_content_width (RdReportDoc *doc)
{
  return doc->width - 2 * MARGIN_X;
}

PangoLayout *
_rd_report_layout_new (PangoContext *context,
                       const char   *markup,
                       double        size_pt,
                       double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size_pt * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_markup (layout, markup ? markup : "", -1);
  return layout;
}

void
_rd_report_set_source_hex (cairo_t    *cr,
                           const char *hex)
{
  guint r = 0, g = 0, b = 0;

  if (hex != NULL && hex[0] == '#' && sscanf (hex + 1, "%02x%02x%02x", &r, &g, &b) == 3)
    cairo_set_source_rgb (cr, r / 255.0, g / 255.0, b / 255.0);
  else
    cairo_set_source_rgb (cr, 0, 0, 0);
}

/* A block of one bold layout of @markup, @padding taller than its text. */
static Block *
add_bold_block (RdReportDoc *doc,
                BlockKind    kind,
                double       space_before,
                const char  *markup,
                double       size_pt,
                double       padding)
{
  g_autofree char *bold = g_strdup_printf ("<b>%s</b>", markup);
  Block *block = add_block (doc, kind, space_before);

  block->cells[block->n_cells++] = _rd_report_layout_new (doc->context, bold, size_pt,
                                                          _rd_report_doc_content_width (doc));
  block->height = layout_height (block->cells[0]) + padding;
  return block;
}

void
_rd_report_doc_add_title (RdReportDoc *doc,
                          const char  *markup,
                          const char  *subtitle_markup)
{
  Block *block = add_bold_block (doc, BLOCK_TITLE, 0, markup, 20, 0);

  if (subtitle_markup != NULL)
    {
      block->cells[block->n_cells++] = _rd_report_layout_new (doc->context, subtitle_markup,
                                                              10.5,
                                                              _rd_report_doc_content_width (doc));
      block->height += 2 + layout_height (block->cells[1]);
    }
  block->height += 4;
}

void
_rd_report_doc_add_heading (RdReportDoc *doc,
                            const char  *markup)
{
  add_bold_block (doc, BLOCK_HEADING, 16, markup, 12.5, 6);
}

void
_rd_report_doc_add_subheading (RdReportDoc *doc,
                               const char  *markup)
{
  add_bold_block (doc, BLOCK_SUBHEADING, 9, markup, 10.5, 3);
}

void
_rd_report_doc_add_paragraph (RdReportDoc *doc,
                              const char  *markup)
{
  Block *block = add_block (doc, BLOCK_PARAGRAPH, 4);

  block->cells[block->n_cells++] = _rd_report_layout_new (doc->context, markup, BODY_SIZE,
                                                          _rd_report_doc_content_width (doc));
  pango_layout_set_spacing (block->cells[0], 1.5 * PANGO_SCALE);
  block->height = layout_height (block->cells[0]);
}

void
_rd_report_doc_add_none (RdReportDoc *doc,
                         const char  *text)
{
  g_autofree char *markup = rd_markup ("<i>%s</i>", text);

  _rd_report_doc_add_paragraph (doc, markup);
}

guint
_rd_report_doc_add_row (RdReportDoc       *doc,
                        RdReportRowFlags   flags,
                        guint              n_cells,
                        const char *const *cells,
                        const double      *widths)
{
  double content_width = _rd_report_doc_content_width (doc);
  Block *block = add_block (doc, BLOCK_ROW, (flags & RD_REPORT_ROW_HEADER) ? 6 : 0);
  double x = 0, tallest = 0;

  g_return_val_if_fail (n_cells > 0 && n_cells <= RD_REPORT_MAX_CELLS, 0);

  block->flags = flags;
  block->n_cells = n_cells;
  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *markup = NULL;
      double w = widths[i] * content_width;

      if ((flags & RD_REPORT_ROW_HEADER) != 0)
        markup = g_strdup_printf ("<b>%s</b>", cells[i] ? cells[i] : "");
      else if (i == 0 && (flags & RD_REPORT_ROW_LABEL) != 0)
        markup = g_strdup_printf ("<span foreground=\"%s\">%s</span>",
                                  RD_REPORT_COLOR_MUTED, cells[i] ? cells[i] : "");
      else
        markup = g_strdup (cells[i] ? cells[i] : "");

      block->cell_x[i] = x;
      block->cell_w[i] = w;
      block->cells[i] = _rd_report_layout_new (doc->context, markup,
                                               (flags & RD_REPORT_ROW_HEADER) ? 8.5 : BODY_SIZE,
                                               w - 2 * CELL_PAD_X);
      tallest = MAX (tallest, layout_height (block->cells[i]));
      x += w;
    }
  block->height = tallest + 2 * CELL_PAD_Y;

  return doc->blocks->len - 1;
}

gboolean
_rd_report_doc_add_table_header (RdReportDoc       *doc,
                                 guint              n_rows,
                                 const char        *none,
                                 guint              n_cells,
                                 const char *const *header,
                                 const double      *widths)
{
  if (n_rows == 0)
    {
      _rd_report_doc_add_none (doc, none);
      return FALSE;
    }
  _rd_report_doc_add_row (doc, RD_REPORT_ROW_HEADER, n_cells, header, widths);
  return TRUE;
}

void
_rd_report_doc_add_chart (RdReportDoc       *doc,
                          double             height,
                          RdReportChartFunc  func,
                          gpointer           data,
                          GDestroyNotify     destroy)
{
  Block *block = add_block (doc, BLOCK_CHART, 8);

  block->height = height;
  block->chart_func = func;
  block->chart_data = data;
  block->chart_destroy = destroy;
}

int
_rd_report_doc_paginate (RdReportDoc *doc)
{
  double available = doc->height - MARGIN_TOP - MARGIN_BOTTOM - HEADER_HEIGHT - FOOTER_HEIGHT;
  double y = 0;
  int page = 0;

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (doc->blocks, i);
      double needed = (y > 0 ? block->space_before : 0) + block->height;

      /* A heading (and a table's header row) moves along with the first
       * block that follows it. */
      if ((block->kind == BLOCK_HEADING || block->kind == BLOCK_SUBHEADING ||
           (block->kind == BLOCK_ROW && (block->flags & RD_REPORT_ROW_HEADER))) &&
          i + 1 < doc->blocks->len)
        {
          Block *next = g_ptr_array_index (doc->blocks, i + 1);

          needed += next->space_before + next->height;
          if (next->kind == BLOCK_SUBHEADING && i + 2 < doc->blocks->len)
            {
              Block *after = g_ptr_array_index (doc->blocks, i + 2);
              needed += after->space_before + after->height;
            }
        }

      if (y > 0 && y + needed > available)
        {
          page++;
          y = 0;
        }

      if (y > 0)
        y += block->space_before;
      block->page = page;
      block->y = y;
      y += block->height;
    }

  doc->n_pages = page + 1;
  return doc->n_pages;
}

int
_rd_report_doc_get_n_pages (RdReportDoc *doc)
{
  return doc->n_pages;
}

int
_rd_report_doc_get_block_page (RdReportDoc *doc,
                               guint        block)
{
  g_return_val_if_fail (block < doc->blocks->len, -1);

  return ((Block *) g_ptr_array_index (doc->blocks, block))->page;
}

void
_rd_report_doc_draw_page (RdReportDoc *doc,
                          cairo_t     *cr,
                          int          page,
                          double       width,
                          double       height)
{
  double scale;

  g_return_if_fail (doc != NULL && cr != NULL);

  cairo_save (cr);

  /* Laid out for one paper size, drawn on another: scale to fit. */
  scale = MIN (width / doc->width, height / doc->height);
  if (scale > 0 && ABS (scale - 1.0) > 0.001)
    cairo_scale (cr, scale, scale);

  pango_cairo_update_context (cr, doc->context);

  draw_header_footer (doc, cr, page);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (doc->blocks, i);

      if (block->page != page)
        continue;
      draw_block (doc, block, cr, MARGIN_X, MARGIN_TOP + HEADER_HEIGHT + block->y);
    }

  cairo_restore (cr);
}

static void
draw_pdf_page_cb (cairo_t  *cr,
                  int       page,
                  double    width,
                  double    height,
                  gpointer  user_data)
{
  _rd_report_doc_draw_page (user_data, cr, page, width, height);
}

gboolean
_rd_report_doc_write_pdf (RdReportDoc  *doc,
                          const char   *path,
                          const char   *title,
                          GError      **error)
{
  return rd_pdf_write (path, doc->width, doc->height, doc->n_pages, title, draw_pdf_page_cb, doc,
                       error);
}

const char *
_rd_report_class_color (RdClass klass)
{
  switch (klass)
    {
    case RD_CLASS_ADMINISTRATIVE: return RD_REPORT_COLOR_ADMINISTRATIVE;
    case RD_CLASS_DECISION:       return RD_REPORT_COLOR_DECISION;
    case RD_CLASS_RISK:           return RD_REPORT_COLOR_RISK;
    default:                      return RD_REPORT_COLOR_NONE;
    }
}

char *
_rd_report_class_chip (RdClass klass)
{
  static const char *const shapes[] = { "●", "◆", "▲" };

  return g_markup_printf_escaped ("<span foreground=\"%s\"><b>%s %s</b></span>",
                                  _rd_report_class_color (klass),
                                  shapes[CLAMP (klass, 0, 2)],
                                  rd_enum_table_label (&rd_class_table, klass));
}

char *
rd_report_get_company_name (void)
{
  g_autoptr(GSettings) settings = rd_settings_new ();

  return settings != NULL ? g_settings_get_string (settings, "company-name") : g_strdup ("");
}

void
rd_report_get_pricing (RdPricingParams *params,
                       RdExchangeTable *rates,
                       const char      *day)
{
  g_autoptr(GSettings) settings = rd_settings_new ();

  g_return_if_fail (params != NULL);

  rd_settings_get_pricing (settings, rates, day, params);
}

const char *
_rd_report_str_or_null (JsonObject *doc,
                        const char *member)
{
  const char *value = rd_document_get_string (doc, member);

  return (value != NULL && *value != '\0') ? value : NULL;
}
