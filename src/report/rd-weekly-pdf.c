/* rd-weekly-pdf.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The weekly update drawn into pages: its tables and two charts. */

#define G_LOG_DOMAIN "rd-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-report.h"
#include "rd-report-private.h"
#include "rd-weekly-update.h"
#include "rd-weekly-update-private.h"

/* Charts -------------------------------------------------------------------- */

/* Class fills carry a pattern as well as a colour, so that a grey-scale
 * print or a colour-blind reader still tells them apart. */
static void
set_class_fill (cairo_t *cr,
                int      klass)
{
  static const char *const colors[] = {
    RD_REPORT_COLOR_ADMINISTRATIVE, RD_REPORT_COLOR_DECISION, RD_REPORT_COLOR_RISK, "#c0bfbc",
  };
  cairo_surface_t *tile;
  cairo_pattern_t *pattern;
  cairo_t *tc;
  guint r = 0, g = 0, b = 0;

  sscanf (colors[klass] + 1, "%02x%02x%02x", &r, &g, &b);
  if (klass == RD_CLASS_ADMINISTRATIVE || klass == RD_WEEKLY_NO_DELAY)
    {
      cairo_set_source_rgb (cr, r / 255.0, g / 255.0, b / 255.0);
      return;
    }

  tile = cairo_surface_create_similar (cairo_get_target (cr), CAIRO_CONTENT_COLOR_ALPHA, 6, 6);
  tc = cairo_create (tile);
  cairo_set_source_rgb (tc, r / 255.0, g / 255.0, b / 255.0);
  cairo_paint_with_alpha (tc, 0.55);
  cairo_set_source_rgb (tc, r / 255.0, g / 255.0, b / 255.0);
  cairo_set_line_width (tc, 1.6);
  if (klass == RD_CLASS_DECISION)
    {
      /* diagonal stripes */
      cairo_move_to (tc, -1, 7);
      cairo_line_to (tc, 7, -1);
      cairo_move_to (tc, -1, 1);
      cairo_line_to (tc, 1, -1);
      cairo_move_to (tc, 5, 7);
      cairo_line_to (tc, 7, 5);
      cairo_stroke (tc);
    }
  else
    {
      /* dense cross-hatch: the darkest fill */
      cairo_paint (tc);
      cairo_set_source_rgb (tc, 1, 1, 1);
      cairo_set_line_width (tc, 0.8);
      cairo_move_to (tc, 0, 3);
      cairo_line_to (tc, 6, 3);
      cairo_move_to (tc, 3, 0);
      cairo_line_to (tc, 3, 6);
      cairo_stroke (tc);
    }
  cairo_destroy (tc);
  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_set_source (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (tile);
}

static void
show_text (cairo_t      *cr,
           PangoContext *context,
           const char   *markup,
           double        size,
           double        x,
           double        y,
           double        width,
           PangoAlignment align,
           const char   *color)
{
  g_autoptr(PangoLayout) layout = _rd_report_layout_new (context, markup, size, width);

  pango_layout_set_alignment (layout, align);
  _rd_report_set_source_hex (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
draw_legend (cairo_t      *cr,
             PangoContext *context,
             double        x,
             double        y,
             const int    *classes,
             const char  **labels,
             guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_markup_escape_text (labels[i], -1);
      g_autoptr(PangoLayout) layout = _rd_report_layout_new (context, text, 8, -1);
      int w, h;

      set_class_fill (cr, classes[i]);
      cairo_rectangle (cr, x, y + 1.5, 10, 8);
      cairo_fill_preserve (cr);
      _rd_report_set_source_hex (cr, "#5e5c64");
      cairo_set_line_width (cr, 0.4);
      cairo_stroke (cr);
      cairo_move_to (cr, x + 14, y);
      _rd_report_set_source_hex (cr, "#1e1e22");
      pango_cairo_show_layout (cr, layout);
      pango_layout_get_size (layout, &w, &h);
      x += 14 + (double) w / PANGO_SCALE + 14;
    }
  return y + 14;
}

typedef struct
{
  guint  counts[RD_WEEKLY_N_MONTHS][4];
  char  *labels[RD_WEEKLY_N_MONTHS];
} MonthChart;

static void
month_chart_free (gpointer data)
{
  MonthChart *chart = data;

  for (int m = 0; m < RD_WEEKLY_N_MONTHS; m++)
    g_free (chart->labels[m]);
  g_free (chart);
}

static void
draw_month_chart (cairo_t      *cr,
                  PangoContext *context,
                  double        width,
                  double        height,
                  gpointer      data)
{
  MonthChart *chart = data;
  /* Bottom to top: no delay, administrative, decision, risk. */
  static const int order[] = { RD_WEEKLY_NO_DELAY, RD_CLASS_ADMINISTRATIVE, RD_CLASS_DECISION, RD_CLASS_RISK };
  const char *labels[] = { _("No open delay"), _("Administrative"), _("Decision"), _("Risk") };
  double left = 34, top = 8, bottom = 30, legend = 18;
  double plot_w = width - left - 4, plot_h = height - top - bottom - legend;
  double slot = plot_w / RD_WEEKLY_N_MONTHS, bar = slot * 0.62;
  guint max_total = 1, axis_max, step, n_steps;

  for (int m = 0; m < RD_WEEKLY_N_MONTHS; m++)
    {
      guint total = 0;
      for (int k = 0; k < 4; k++)
        total += chart->counts[m][k];
      max_total = MAX (max_total, total);
    }
  /* Honest ticks: 0, 2, 4, 6 … evenly spaced, never 0, 1, 2, 3, 5. */
  rd_pdf_axis_ticks (MAX (max_total, 4), 5, &step, &n_steps);
  axis_max = step * n_steps;

  /* Grid and axis labels. */
  cairo_set_line_width (cr, 0.4);
  for (guint i = 0; i <= n_steps; i++)
    {
      double y = top + plot_h - plot_h * i / (double) n_steps;
      g_autofree char *tick = g_strdup_printf ("%u", step * i);

      _rd_report_set_source_hex (cr, i == 0 ? "#77767b" : "#deddda");
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + plot_w, y);
      cairo_stroke (cr);
      show_text (cr, context, tick, 7, 0, y - 5, left - 5, PANGO_ALIGN_RIGHT, "#5e5c64");
    }

  for (int m = 0; m < RD_WEEKLY_N_MONTHS; m++)
    {
      double x = left + slot * m + (slot - bar) / 2;
      double y = top + plot_h;
      guint total = 0;
      g_autofree char *label = g_markup_escape_text (chart->labels[m], -1);

      for (int k = 0; k < 4; k++)
        {
          guint n = chart->counts[m][order[k]];
          double h = plot_h * n / axis_max;

          if (n == 0)
            continue;
          total += n;
          set_class_fill (cr, order[k]);
          cairo_rectangle (cr, x, y - h, bar, h);
          cairo_fill (cr);
          y -= h;
        }
      if (total > 0)
        {
          g_autofree char *text = g_strdup_printf ("%u", total);
          show_text (cr, context, text, 7, x - 6, y - 10, bar + 12, PANGO_ALIGN_CENTER, "#1e1e22");
        }
      show_text (cr, context, label, 7, left + slot * m, top + plot_h + 4, slot,
                 PANGO_ALIGN_CENTER, "#3d3846");
    }

  {
    static const int legend_order[] = { RD_CLASS_RISK, RD_CLASS_DECISION, RD_CLASS_ADMINISTRATIVE, RD_WEEKLY_NO_DELAY };
    const char *legend_labels[] = { labels[3], labels[2], labels[1], labels[0] };
    draw_legend (cr, context, left, height - legend, legend_order, legend_labels, 4);
  }
}

typedef struct
{
  char   *currency;
  gint64  by_cause[6];
  char   *note;
} CauseChart;

static void
cause_chart_free (gpointer data)
{
  CauseChart *chart = data;

  g_free (chart->currency);
  g_free (chart->note);
  g_free (chart);
}

static RdClass
cause_default_class (RdCause cause)
{
  switch (cause)
    {
    case RD_CAUSE_BUDGET:
    case RD_CAUSE_PRIORITY:
      return RD_CLASS_ADMINISTRATIVE;
    case RD_CAUSE_STAKEHOLDERS:
    case RD_CAUSE_CHAMPION_CHANGE:
      return RD_CLASS_DECISION;
    case RD_CAUSE_HIDDEN_PROBLEM:
    case RD_CAUSE_SHOPPING:
    default:
      return RD_CLASS_RISK;
    }
}

static void
draw_cause_chart (cairo_t      *cr,
                  PangoContext *context,
                  double        width,
                  double        height,
                  gpointer      data)
{
  CauseChart *chart = data;
  double label_w = 150, value_w = 90, row_h, top = 4, legend = 18;
  double plot_w = width - label_w - value_w;
  gint64 max_value = 1;

  for (int c = 0; c < 6; c++)
    max_value = MAX (max_value, chart->by_cause[c]);

  row_h = (height - top - legend - (chart->note ? 14 : 0)) / 6.0;
  for (int c = 0; c < 6; c++)
    {
      double y = top + row_h * c;
      double w = plot_w * (double) chart->by_cause[c] / (double) max_value;
      g_autofree char *name = g_markup_escape_text (rd_enum_table_label (&rd_cause_table, c), -1);
      g_autofree char *amount = _rd_weekly_total_format (chart->by_cause[c], chart->currency);
      g_autofree char *amount_markup = g_markup_escape_text (amount, -1);

      show_text (cr, context, name, 8, 0, y + row_h / 2 - 6, label_w - 8, PANGO_ALIGN_RIGHT, "#1e1e22");
      _rd_report_set_source_hex (cr, "#f6f5f4");
      cairo_rectangle (cr, label_w, y + row_h * 0.18, plot_w, row_h * 0.64);
      cairo_fill (cr);
      if (chart->by_cause[c] > 0)
        {
          set_class_fill (cr, cause_default_class (c));
          cairo_rectangle (cr, label_w, y + row_h * 0.18, MAX (1.0, w), row_h * 0.64);
          cairo_fill (cr);
        }
      show_text (cr, context, amount_markup, 8, label_w + plot_w + 6, y + row_h / 2 - 6,
                 value_w - 6, PANGO_ALIGN_LEFT, "#1e1e22");
    }

  {
    static const int classes[] = { RD_CLASS_RISK, RD_CLASS_DECISION, RD_CLASS_ADMINISTRATIVE };
    const char *labels[] = { _("Usually a risk"), _("Usually a decision"), _("Usually administrative") };
    double y = draw_legend (cr, context, label_w, top + row_h * 6 + 2, classes, labels, 3);

    if (chart->note != NULL)
      show_text (cr, context, chart->note, 7.5, label_w, y, width - label_w, PANGO_ALIGN_LEFT,
                 RD_REPORT_COLOR_MUTED);
  }
}

/* PDF ------------------------------------------------------------------------ */

/* Small print, e.g. the forecast rules. */
static void
add_note (RdReportDoc *doc,
          const char  *text)
{
  g_autofree char *note = rd_markup ("<span size=\"small\" foreground=\"%s\">%s</span>",
                                     RD_REPORT_COLOR_MUTED, text);

  _rd_report_doc_add_paragraph (doc, note);
}

/* Plain-text blocks as the PDF's headings, paragraphs and tables. */
static void
add_blocks (RdReportDoc *doc,
            GPtrArray   *blocks)
{
  for (guint b = 0; b < blocks->len; b++)
    {
      RdWeeklyBlock *block = g_ptr_array_index (blocks, b);
      g_autofree char *markup = block->text ? rd_markup ("%s", block->text) : NULL;

      switch (block->kind)
        {
        case RD_WEEKLY_BLOCK_TITLE:
          break;
        case RD_WEEKLY_BLOCK_HEADING:
          _rd_report_doc_add_heading (doc, markup);
          break;
        case RD_WEEKLY_BLOCK_SUBHEADING:
          _rd_report_doc_add_subheading (doc, markup);
          break;
        case RD_WEEKLY_BLOCK_PARAGRAPH:
          _rd_report_doc_add_paragraph (doc, markup);
          break;
        case RD_WEEKLY_BLOCK_NOTE:
          add_note (doc, block->text);
          break;
        case RD_WEEKLY_BLOCK_TABLE:
        case RD_WEEKLY_BLOCK_LIST:
          {
            guint n = block->header != NULL ? g_strv_length (block->header) : 2;
            double first = block->header == NULL ? 0.30 : n > 5 ? 0.16 : 0.28;
            g_autofree double *widths = g_new0 (double, n);
            g_autofree const char **cells = g_new0 (const char *, n);
            g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

            widths[0] = first;
            for (guint c = 1; c < n; c++)
              widths[c] = (1.0 - first) / (n - 1);
            if (block->header != NULL)
              _rd_report_doc_add_row (doc, RD_REPORT_ROW_HEADER, n,
                                      (const char *const *) block->header, widths);
            for (guint r = 0; r < block->rows->len; r++)
              {
                char **row = g_ptr_array_index (block->rows, r);

                for (guint c = 0; c < n; c++)
                  {
                    char *cell = c == 0 ? rd_markup ("<b>%s</b>", row[c]) : rd_markup ("%s", row[c]);

                    g_ptr_array_add (owned, cell);
                    cells[c] = cell;
                  }
                _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, n, cells, widths);
              }
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* The line under a table cut at RD_WEEKLY_MAX_ROWS, if it is. */
static void
add_more (RdReportDoc *doc,
          guint        n_shown,
          guint        n_total)
{
  g_autofree char *text = _rd_weekly_more_text (n_shown, n_total);

  if (text != NULL)
    add_note (doc, text);
}

static void
add_delays_section (RdReportDoc    *doc,
                    RdWeeklyUpdate *update)
{
  static const double widths[] = { 0.15, 0.10, 0.18, 0.20, 0.17, 0.20 };
  const char *header[] = { _("Account"), _("Renews"), _("Annual value"), _("Stated reason and cause"),
                           _("Class"), _("Next step") };
  g_autofree char *heading = rd_markup ("%s (%u)", _("Delayed renewals"), update->n_delays);

  _rd_report_doc_add_heading (doc, heading);
  _rd_report_doc_add_table_header (doc, update->delays->len, _("No renewal is delayed."),
                                   6, header, widths);
  for (guint i = 0; i < update->delays->len; i++)
    {
      RdWeeklyDelay *d = g_ptr_array_index (update->delays, i);
      g_autofree char *date = d->deadline ? rd_date_format (d->deadline) : g_strdup ("—");
      g_autofree char *value = rd_money_format (d->annual_minor, d->currency);
      g_autofree char *m0 = rd_markup ("<b>%s</b>", d->account_name);
      g_autofree char *m1 = rd_markup ("%s", date);
      g_autofree char *m2 = rd_markup ("%s", value);
      g_autofree char *m3 = rd_markup ("%s\n<span foreground=\"%s\" size=\"small\">%s</span>",
                                       d->stated_reason ? d->stated_reason : "—",
                                       RD_REPORT_COLOR_MUTED,
                                       d->cause >= 0 ? rd_enum_table_label (&rd_cause_table, d->cause)
                                                     : _("Cause not assessed"));
      g_autofree char *m4 = _rd_report_class_chip (d->klass);
      g_autofree char *next_on = d->next_step_on ? rd_date_format (d->next_step_on) : NULL;
      g_autofree char *m5 = rd_markup ("%s\n<span foreground=\"%s\" size=\"small\">%s</span>",
                                       d->next_step ? d->next_step : "—", RD_REPORT_COLOR_MUTED,
                                       next_on ? next_on : "");
      const char *cells[6] = { m0, m1, m2, m3, m4, m5 };

      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 6, cells, widths);
    }
  add_more (doc, update->delays->len, update->n_delays);
}

static void
add_actions_section (RdReportDoc    *doc,
                     RdWeeklyUpdate *update)
{
  static const double widths[] = { 0.24, 0.14, 0.62 };
  const char *header[] = { _("Account"), _("Date"), _("Action") };

  _rd_report_doc_add_heading (doc, _("Actions taken this week"));
  _rd_report_doc_add_table_header (doc, update->actions->len, _("None recorded."),
                                   3, header, widths);
  for (guint i = 0; i < update->actions->len; i++)
    {
      RdWeeklyAction *a = g_ptr_array_index (update->actions, i);
      g_autofree char *date = rd_date_format (a->date);
      g_autofree char *m0 = rd_markup ("<b>%s</b>", a->account_name);
      g_autofree char *m1 = rd_markup ("%s", date);
      g_autofree char *m2 = rd_markup ("%s", a->text);
      const char *cells[3] = { m0, m1, m2 };

      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 3, cells, widths);
    }
  add_more (doc, update->actions->len, update->n_actions);
}

static void
add_help_section (RdReportDoc    *doc,
                  RdWeeklyUpdate *update)
{
  static const double widths[] = { 0.24, 0.76 };
  const char *header[] = { _("Account"), _("What we need from the team or management") };

  _rd_report_doc_add_heading (doc, _("Help needed"));
  _rd_report_doc_add_table_header (doc, update->help->len,
                                   _("Nothing asked of the team this week."), 2, header, widths);
  for (guint i = 0; i < update->help->len; i++)
    {
      RdWeeklyDelay *d = g_ptr_array_index (update->help, i);
      g_autofree char *m0 = rd_markup ("<b>%s</b>", d->account_name);
      g_autofree char *m1 = rd_markup ("%s", d->help_needed);
      const char *cells[2] = { m0, m1 };

      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 2, cells, widths);
    }
  add_more (doc, update->help->len, update->n_help);
}

static void
add_month_chart (RdReportDoc    *doc,
                 RdWeeklyUpdate *update)
{
  MonthChart *chart = g_new0 (MonthChart, 1);

  memcpy (chart->counts, update->by_month, sizeof chart->counts);
  for (int m = 0; m < RD_WEEKLY_N_MONTHS; m++)
    chart->labels[m] = g_strdup (update->month_labels[m]);
  _rd_report_doc_add_subheading (doc, _("Renewals by month, next 12 months, by class of open delay"));
  _rd_report_doc_add_chart (doc, 190, draw_month_chart, chart, month_chart_free);
}

static gint64
sum_by_cause (const RdWeeklyTotals *t)
{
  gint64 sum = 0;

  for (int c = 0; c < 6; c++)
    sum = _rd_weekly_total_add (sum, t->by_cause[c]);
  return sum;
}

/* Charts the currency with the most at stake; the others are in the
 * note (amounts in different currencies do not add up). */
static void
add_cause_chart (RdReportDoc    *doc,
                 RdWeeklyUpdate *update)
{
  CauseChart *chart = g_new0 (CauseChart, 1);
  RdWeeklyTotals *main = NULL;
  gint64 best = -1;
  g_autofree char *sub = NULL;

  for (guint i = 0; i < update->cause_totals->len; i++)
    {
      RdWeeklyTotals *t = g_ptr_array_index (update->cause_totals, i);
      gint64 sum = sum_by_cause (t);

      if (sum > best)
        {
          best = sum;
          main = t;
        }
    }
  chart->currency = g_strdup (main->currency);
  memcpy (chart->by_cause, main->by_cause, sizeof chart->by_cause);
  if (update->cause_totals->len > 1)
    {
      g_autoptr(GString) others = g_string_new (NULL);

      for (guint i = 0; i < update->cause_totals->len; i++)
        {
          RdWeeklyTotals *t = g_ptr_array_index (update->cause_totals, i);
          g_autofree char *amount = NULL;

          if (t == main)
            continue;
          amount = _rd_weekly_total_format (sum_by_cause (t), t->currency);
          g_string_append_printf (others, "%s%s", others->len ? ", " : "", amount);
        }
      chart->note = rd_markup (_("Also at risk in other currencies: %s."), others->str);
    }
  sub = rd_markup (_("Annual value at risk by cause (%s)"), chart->currency);
  _rd_report_doc_add_subheading (doc, sub);
  _rd_report_doc_add_chart (doc, chart->note ? 150 : 136, draw_cause_chart, chart, cause_chart_free);
}

static void
add_risk_section (RdReportDoc    *doc,
                  RdWeeklyUpdate *update)
{
  static const double widths[] = { 0.40, 0.20, 0.18, 0.22 };
  const char *header[] = { _("Highest risk"), _("Score"), _("Renews"), _("Annual value") };
  g_autofree char *bands = NULL;

  _rd_report_doc_add_heading (doc, _("Risk assessment"));
  bands = rd_markup (_("Accounts renewing this quarter by risk: <b>%u critical</b>, "
                       "<b>%u high</b>, %u medium, %u low."),
                     update->bands[RD_RISK_BAND_CRITICAL],
                     update->bands[RD_RISK_BAND_HIGH],
                     update->bands[RD_RISK_BAND_MEDIUM],
                     update->bands[RD_RISK_BAND_LOW]);
  _rd_report_doc_add_paragraph (doc, bands);
  if (update->cause_totals->len > 0)
    add_cause_chart (doc, update);
  if (update->top_risks->len == 0)
    return;

  _rd_report_doc_add_row (doc, RD_REPORT_ROW_HEADER, 4, header, widths);
  for (guint i = 0; i < update->top_risks->len; i++)
    {
      RdWeeklyRisk *r = g_ptr_array_index (update->top_risks, i);
      g_autofree char *date = rd_date_format (r->deadline);
      g_autofree char *value = rd_money_format (r->annual_minor, r->currency);
      g_autofree char *m0 = rd_markup ("<b>%s</b>", r->account_name);
      g_autofree char *m1 = rd_markup ("%d · %s", r->score,
                                       rd_enum_table_label (&rd_risk_band_table, r->band));
      g_autofree char *m2 = rd_markup ("%s", date);
      g_autofree char *m3 = rd_markup ("%s", value);
      const char *cells[4] = { m0, m1, m2, m3 };

      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 4, cells, widths);
    }
}

static RdReportDoc *
build_doc (RdWeeklyUpdate *update,
           double          width,
           double          height)
{
  g_autofree char *today = rd_date_format (update->today);
  g_autofree char *week_start = rd_date_format (update->week_start);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  RdReportDoc *doc;

  doc = _rd_report_doc_new_framed (width, height, update->company_name,
                                   _("Weekly renewal update"), update->today);

  title = rd_markup ("%s", _("Weekly renewal update"));
  subtitle = rd_markup (g_dngettext (GETTEXT_PACKAGE, "%s to %s · %'u account in the book",
                                     "%s to %s · %'u accounts in the book", update->n_accounts),
                        week_start, today, update->n_accounts);
  _rd_report_doc_add_title (doc, title, subtitle);

  {
    g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_weekly_block_free);
    GDate day;

    rd_date_parse (update->today, &day);
    _rd_weekly_renewals_blocks (blocks, update, &day);
    _rd_weekly_forecast_blocks (blocks, update);
    add_blocks (doc, blocks);
  }
  add_month_chart (doc, update);
  {
    g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_weekly_block_free);

    _rd_weekly_movement_blocks (blocks, update);
    add_blocks (doc, blocks);
  }
  add_delays_section (doc, update);
  add_actions_section (doc, update);
  add_help_section (doc, update);
  {
    g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_weekly_block_free);

    _rd_weekly_losses_blocks (blocks, update);
    _rd_weekly_retros_blocks (blocks, update);
    add_blocks (doc, blocks);
  }
  add_risk_section (doc, update);

  _rd_report_doc_paginate (doc);
  return doc;
}

gboolean
rd_weekly_update_write_pdf (RdWeeklyUpdate  *update,
                            RdPaper          paper,
                            const char      *path,
                            GError         **error)
{
  g_autoptr(RdReportDoc) doc = NULL;
  double width, height;

  g_return_val_if_fail (update != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rd_paper_get_size (paper, &width, &height);
  doc = build_doc (update, width, height);
  return _rd_report_doc_write_pdf (doc, path, _("Weekly renewal update"), error);
}
