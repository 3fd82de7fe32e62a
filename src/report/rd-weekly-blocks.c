/* rd-weekly-blocks.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The weekly update as plain-text blocks, and those blocks as Markdown. */

#define G_LOG_DOMAIN "rd-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-report.h"
#include "rd-report-private.h"
#include "rd-weekly-update.h"
#include "rd-weekly-update-private.h"

/* Blocks ------------------------------------------------------------------- */

void
rd_weekly_block_free (RdWeeklyBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->text);
  g_strfreev (block->header);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

char *
rd_weekly_block_more_text (RdWeeklyBlock *block,
                           guint          n_shown)
{
  g_return_val_if_fail (block != NULL && block->rows != NULL, NULL);

  return _rd_weekly_more_text (n_shown, MAX (block->n_total, block->rows->len));
}

static RdWeeklyBlock *
block_add (GPtrArray         *blocks,
           RdWeeklyBlockKind  kind,
           char              *text)      /* owned */
{
  RdWeeklyBlock *block = g_new0 (RdWeeklyBlock, 1);

  block->kind = kind;
  block->text = text;
  if (kind == RD_WEEKLY_BLOCK_TABLE || kind == RD_WEEKLY_BLOCK_LIST)
    block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (blocks, block);
  return block;
}

static void
text_add (GPtrArray         *blocks,
          RdWeeklyBlockKind  kind,
          const char        *text)
{
  block_add (blocks, kind, g_strdup (text));
}

/* A table with @n columns, from a NULL-terminated header. */
static RdWeeklyBlock *
table_add (GPtrArray  *blocks,
           guint       numeric,
           const char *first,
           ...)
{
  RdWeeklyBlock *block = block_add (blocks, RD_WEEKLY_BLOCK_TABLE, NULL);
  GStrvBuilder *builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *h = first; h != NULL; h = va_arg (args, const char *))
    g_strv_builder_add (builder, h);
  va_end (args);
  block->header = g_strv_builder_end (builder);
  block->numeric = numeric;
  g_strv_builder_unref (builder);
  return block;
}

/* A row of owned cells, as many as the table has columns (or 2 for a list). */
static void
row_add (RdWeeklyBlock *block,
         char          *first,
         ...)
{
  guint n = block->header != NULL ? g_strv_length (block->header) : 2;
  char **row = g_new0 (char *, n + 1);
  va_list args;

  row[0] = first;
  va_start (args, first);
  for (guint i = 1; i < n; i++)
    row[i] = va_arg (args, char *);
  va_end (args);
  g_ptr_array_add (block->rows, row);
}

/* @iso as rd_date_format() shows it.  Tens of thousands of rows share a
 * few hundred days: each is formatted once per update (in the locale of
 * its first rendering), not once per cell. */
static char *
date_text (RdWeeklyUpdate *update,
           const char     *iso)
{
  char *text;

  if (update->date_texts == NULL)
    update->date_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text = g_hash_table_lookup (update->date_texts, iso);
  if (text == NULL)
    {
      text = rd_date_format (iso);
      g_hash_table_insert (update->date_texts, g_strdup (iso), text);
    }
  return g_strdup (text);
}

static char *
date_or_dash (RdWeeklyUpdate *update,
              const char     *iso)
{
  return iso != NULL ? date_text (update, iso) : g_strdup ("—");
}

/* @minor in @currency as _rd_weekly_total_format() shows it.  Like the
 * days, a book's rows share a few thousand amounts: each is formatted
 * once per update. */
static char *
money (RdWeeklyUpdate *update,
       gint64          minor,
       const char     *currency)
{
  GHashTable *texts;
  char *text;

  if (currency == NULL)
    return _rd_weekly_total_format (minor, currency);
  if (update->money_texts == NULL)
    update->money_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_hash_table_unref);
  texts = g_hash_table_lookup (update->money_texts, currency);
  if (texts == NULL)
    {
      texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      g_hash_table_insert (update->money_texts, g_strdup (currency), texts);
    }
  text = g_hash_table_lookup (texts, &minor);
  if (text == NULL)
    {
      text = _rd_weekly_total_format (minor, currency);
      g_hash_table_insert (texts, g_memdup2 (&minor, sizeof minor), text);
    }
  return g_strdup (text);
}

/* "…and 48564 more" under a list that shows @n_shown of its @n_total
 * rows (RD_WEEKLY_MAX_ROWS); NULL when it shows all of them. */
char *
_rd_weekly_more_text (guint n_shown,
                      guint n_total)
{
  guint n = n_total - MIN (n_shown, n_total);

  if (n == 0)
    return NULL;
  /* Translators: the line under a list of the weekly update that shows only
   * its first rows, e.g. "…and 48564 more" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more", n), n);
}

/* After the TABLE or LIST just added, showing @n_shown of @n_total rows. */
static void
more_add (GPtrArray *blocks,
          guint      n_shown,
          guint      n_total)
{
  RdWeeklyBlock *list = g_ptr_array_index (blocks, blocks->len - 1);
  char *text = _rd_weekly_more_text (n_shown, n_total);

  g_assert (list->kind == RD_WEEKLY_BLOCK_TABLE || list->kind == RD_WEEKLY_BLOCK_LIST);
  g_assert (list->rows->len == n_shown);
  list->n_total = MAX (n_total, n_shown);

  if (text != NULL)
    block_add (blocks, RD_WEEKLY_BLOCK_NOTE, text);
}

void
_rd_weekly_renewals_blocks (GPtrArray      *blocks,
                            RdWeeklyUpdate *update,
                            const GDate    *today)
{
  g_autofree char *from = rd_date_format (update->quarter_start[0]);
  g_autofree char *to = rd_date_format (update->quarter_end[0]);
  RdWeeklyBlock *table = NULL;
  guint n_open = update->n_open, n_closed = update->n_closed;

  /* Translators: a heading: "Renewing this quarter: Q2 2026 (1 Apr 2026 – 30 Jun 2026)" */
  block_add (blocks, RD_WEEKLY_BLOCK_HEADING,
             g_strdup_printf (_("Renewing this quarter: %s (%s – %s)"), update->quarter_label[0],
                              from, to));
  block_add (blocks, RD_WEEKLY_BLOCK_SUBHEADING,
             g_strdup_printf (_("Still to do (%u)"), n_open));
  if (n_open == 0)
    text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH, _("Nothing left to renew this quarter."));
  else
    table = table_add (blocks, 1 << 2, _("Account"), _("Renews"), _("Annual value"), _("Forecast"),
                       _("Why"), NULL);
  for (guint i = 0; table != NULL && i < update->renewals->len; i++)
    {
      RdWeeklyRenewal *r = g_ptr_array_index (update->renewals, i);
      char *date;

      if (r->place == RD_FORECAST_CLOSED)
        continue;
      date = date_or_dash (update, r->deadline);
      if (r->place == RD_FORECAST_OVERDUE)
        {
          g_autofree char *late = rd_date_format_relative (rd_date_days_between (today, r->deadline));
          char *both = g_strdup_printf ("%s (%s)", date, late);

          g_free (date);
          date = both;
        }
      row_add (table, g_strdup (r->account_name), date,
               money (update, r->annual_minor, r->currency),
               g_strdup (rd_forecast_category_label (r->category)),
               g_strdup (rd_forecast_why_label (r->why)));
    }
  if (table != NULL)
    more_add (blocks, table->rows->len, n_open);

  block_add (blocks, RD_WEEKLY_BLOCK_SUBHEADING,
             g_strdup_printf (_("Closed this quarter (%u)"), n_closed));
  if (n_closed == 0)
    {
      text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH, _("Nothing renewed or lost yet this quarter."));
      return;
    }
  table = table_add (blocks, 1 << 2, _("Account"), _("Closed"), _("Annual value"), _("Outcome"), NULL);
  for (guint i = 0; i < update->renewals->len; i++)
    {
      RdWeeklyRenewal *r = g_ptr_array_index (update->renewals, i);

      if (r->place != RD_FORECAST_CLOSED)
        continue;
      row_add (table, g_strdup (r->account_name), date_or_dash (update, r->closed_on),
               money (update, r->annual_minor, r->currency),
               g_strdup (r->status == RD_STATUS_LOST ? _("Lost") : _("Renewed")));
    }
  more_add (blocks, table->rows->len, n_closed);
}

static void
target_blocks (GPtrArray      *blocks,
               RdWeeklyUpdate *update)
{
  RdWeeklyTotals *t;
  g_autofree char *target = NULL;
  g_autofree char *secured = NULL;
  g_autofree char *gap = NULL;
  g_autofree char *best = NULL;
  gint64 have, with_best;

  if (update->target_minor < 0)
    {
      text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH,
                _("No quarterly target is set (the “quarter-target” setting)."));
      return;
    }

  t = rd_weekly_update_target_totals (update);
  have = t != NULL ? _rd_weekly_total_add (t->renewed, t->by_category[RD_FORECAST_COMMIT]) : 0;
  with_best = t != NULL ? _rd_weekly_total_add (have, t->by_category[RD_FORECAST_BEST_CASE]) : 0;
  target = money (update, update->target_minor, update->target_currency);
  secured = money (update, have, update->target_currency);
  best = money (update, with_best, update->target_currency);
  gap = money (update, MAX (update->target_minor - have, 0), update->target_currency);
  block_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH,
             /* Translators: target tracking: target, renewed + commit, percent, gap, with best case */
             g_strdup_printf (_("Target %s: renewed and Commit %s (%d %%), %s to go; with Best Case %s."),
                              target, secured,
                              (int) MIN (999, have * 100 / MAX (update->target_minor, 1)),
                              gap, best));
}

void
_rd_weekly_forecast_blocks (GPtrArray      *blocks,
                            RdWeeklyUpdate *update)
{
  g_autofree char *rules = NULL;

  text_add (blocks, RD_WEEKLY_BLOCK_HEADING, _("Forecast"));
  for (int q = 0; q < 2; q++)
    {
      GPtrArray *totals = update->totals[q];
      RdWeeklyBlock *table;

      block_add (blocks, RD_WEEKLY_BLOCK_SUBHEADING,
                 g_strdup_printf ("%s: %s", q == 0 ? _("This quarter") : _("Next quarter"),
                                  update->quarter_label[q]));
      if (totals->len == 0)
        {
          text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH, _("No renewals fall in this quarter."));
          continue;
        }
      table = NULL;
      for (guint i = 0; i < totals->len && table == NULL; i++)
        {
          RdWeeklyTotals *t = g_ptr_array_index (totals, i);

          if (_rd_weekly_totals_open (t) != 0 || t->by_category[RD_FORECAST_OMITTED] != 0)
            table = table_add (blocks, 0x1e, _("Currency"),
                         rd_forecast_category_label (RD_FORECAST_COMMIT),
                         rd_forecast_category_label (RD_FORECAST_BEST_CASE),
                         rd_forecast_category_label (RD_FORECAST_PIPELINE),
                         rd_forecast_category_label (RD_FORECAST_OMITTED), NULL);
        }
      for (guint i = 0; table != NULL && i < totals->len; i++)
        {
          RdWeeklyTotals *t = g_ptr_array_index (totals, i);
          const char *c = t->currency;

          if (_rd_weekly_totals_open (t) == 0 && t->by_category[RD_FORECAST_OMITTED] == 0)
            continue;
          row_add (table, g_strdup (c), money (update, t->by_category[RD_FORECAST_COMMIT], c),
                   money (update, t->by_category[RD_FORECAST_BEST_CASE], c),
                   money (update, t->by_category[RD_FORECAST_PIPELINE], c),
                   money (update, t->by_category[RD_FORECAST_OMITTED], c));
        }
      if (table != NULL && update->reporting[q] != NULL)
        {
          RdWeeklyTotals *r = update->reporting[q];
          const char *c = r->currency;

          /* Translators: the row of a table that converts every currency, e.g. "All, in EUR" */
          row_add (table, g_strdup_printf (_("All, in %s"), c),
                   money (update, r->by_category[RD_FORECAST_COMMIT], c),
                   money (update, r->by_category[RD_FORECAST_BEST_CASE], c),
                   money (update, r->by_category[RD_FORECAST_PIPELINE], c),
                   money (update, r->by_category[RD_FORECAST_OMITTED], c));
        }
      if (update->missing_rates[q] != NULL)
        text_add (blocks, RD_WEEKLY_BLOCK_NOTE, update->missing_rates[q]);
      if (q != 0)
        continue;

      /* What is done with, apart from what is still to do. */
      table = NULL;
      for (guint i = 0; i < totals->len && table == NULL; i++)
        {
          RdWeeklyTotals *t = g_ptr_array_index (totals, i);

          if (t->renewed != 0 || t->lost != 0 || t->slipped != 0)
            table = table_add (blocks, 0x0e, _("Currency"), _("Renewed"), _("Lost"), _("Slipped out"),
                               NULL);
        }
      for (guint i = 0; table != NULL && i < totals->len; i++)
        {
          RdWeeklyTotals *t = g_ptr_array_index (totals, i);
          const char *c = t->currency;

          if (t->renewed == 0 && t->lost == 0 && t->slipped == 0)
            continue;
          row_add (table, g_strdup (c), money (update, t->renewed, c), money (update, t->lost, c),
                   money (update, t->slipped, c));
        }
      if (table != NULL && update->reporting[q] != NULL)
        {
          RdWeeklyTotals *r = update->reporting[q];

          row_add (table, g_strdup_printf (_("All, in %s"), r->currency),
                   money (update, r->renewed, r->currency), money (update, r->lost, r->currency),
                   money (update, r->slipped, r->currency));
        }
      if (q == 0)
        target_blocks (blocks, update);
    }

  rules = g_strdup_printf ("%s %s %s %s %s", rd_forecast_category_rule (RD_FORECAST_COMMIT),
                           rd_forecast_category_rule (RD_FORECAST_BEST_CASE),
                           rd_forecast_category_rule (RD_FORECAST_PIPELINE),
                           rd_forecast_category_rule (RD_FORECAST_OMITTED),
                           update->reporting_currency != NULL
                           ? _("Each currency shows its own amounts; the “All” rows convert them at the newest rate on or before today.")
                           : _("Amounts in different currencies are not added up."));
  text_add (blocks, RD_WEEKLY_BLOCK_NOTE, rules);
}

static void
slips_table (GPtrArray      *blocks,
             RdWeeklyUpdate *update,
             gboolean        this_week)
{
  RdWeeklyBlock *table = NULL;
  guint n_slips = 0;

  for (guint i = 0; i < update->slips->len; i++)
    {
      RdWeeklySlip *slip = g_ptr_array_index (update->slips, i);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (this_week ? !slip->this_week : !slip->left_quarter)
        continue;
      if (n_slips++ >= RD_WEEKLY_MAX_ROWS)
        continue;
      if (table == NULL)
        table = table_add (blocks, 1 << 3, _("Account"), _("Accepted"), _("Deadline moved"),
                           _("Annual value"), NULL);
      from = rd_date_format (slip->from);
      to = rd_date_format (slip->to);
      row_add (table, g_strdup (slip->account_name), rd_date_format (slip->on),
               /* Translators: a deadline moved from one day to another */
               g_strdup_printf (_("%s → %s"), from, to),
               money (update, slip->annual_minor, slip->currency));
    }
  if (table == NULL)
    text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH,
              this_week ? _("No renewal slipped this week.")
                        : _("No renewal was moved out of this quarter."));
  else
    more_add (blocks, table->rows->len, n_slips);
}

void
_rd_weekly_movement_blocks (GPtrArray      *blocks,
                            RdWeeklyUpdate *update)
{
  RdWeeklyBlock *table;

  text_add (blocks, RD_WEEKLY_BLOCK_HEADING, _("Movement"));
  text_add (blocks, RD_WEEKLY_BLOCK_SUBHEADING, _("Slipped this week"));
  slips_table (blocks, update, TRUE);
  block_add (blocks, RD_WEEKLY_BLOCK_SUBHEADING,
             g_strdup_printf (_("Slipped out of %s"), update->quarter_label[0]));
  slips_table (blocks, update, FALSE);

  text_add (blocks, RD_WEEKLY_BLOCK_SUBHEADING, _("Changed forecast category this week"));
  if (update->moves->len == 0)
    {
      text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH, _("No renewal changed category."));
      return;
    }
  table = table_add (blocks, 1 << 3, _("Account"), _("Category"), _("Why"), _("Annual value"), NULL);
  for (guint i = 0; i < update->moves->len; i++)
    {
      RdWeeklyMove *move = g_ptr_array_index (update->moves, i);

      row_add (table, g_strdup (move->account_name),
               g_strdup_printf (_("%s → %s"), rd_forecast_category_label (move->from),
                                rd_forecast_category_label (move->to)),
               g_strdup (rd_forecast_why_label (move->why)),
               money (update, move->annual_minor, move->currency));
    }
  more_add (blocks, table->rows->len, update->n_moves);
}

static void
delays_blocks (GPtrArray      *blocks,
               RdWeeklyUpdate *update)
{
  RdWeeklyBlock *table;

  block_add (blocks, RD_WEEKLY_BLOCK_HEADING,
             g_strdup_printf ("%s (%u)", _("Delayed renewals"), update->n_delays));
  if (update->delays->len == 0)
    text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH, _("No renewal is delayed."));
  else
    {
      table = table_add (blocks, 1 << 2, _("Account"), _("Renews"), _("Annual value"),
                         _("Stated reason"), _("Cause"), _("Class"), _("Next step"), NULL);
      for (guint i = 0; i < update->delays->len; i++)
        {
          RdWeeklyDelay *d = g_ptr_array_index (update->delays, i);
          char *next;

          if (d->next_step != NULL && d->next_step_on != NULL)
            {
              g_autofree char *on = date_text (update, d->next_step_on);
              /* Translators: the next step of a delay, then its date */
              next = g_strdup_printf (_("%s (by %s)"), d->next_step, on);
            }
          else if (d->next_step_on != NULL)
            next = date_text (update, d->next_step_on);
          else
            next = g_strdup (d->next_step != NULL ? d->next_step : "—");
          row_add (table, g_strdup (d->account_name), date_or_dash (update, d->deadline),
                   money (update, d->annual_minor, d->currency),
                   g_strdup (d->stated_reason ? d->stated_reason : "—"),
                   g_strdup (d->cause >= 0 ? rd_enum_table_label (&rd_cause_table, d->cause) : "—"),
                   g_strdup (rd_enum_table_label (&rd_class_table, d->klass)), next);
        }
      more_add (blocks, table->rows->len, update->n_delays);
    }

  text_add (blocks, RD_WEEKLY_BLOCK_HEADING, _("Actions taken this week"));
  if (update->actions->len == 0)
    text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH, _("None recorded."));
  else
    {
      RdWeeklyBlock *list = block_add (blocks, RD_WEEKLY_BLOCK_LIST, NULL);

      for (guint i = 0; i < update->actions->len; i++)
        {
          RdWeeklyAction *a = g_ptr_array_index (update->actions, i);
          g_autofree char *date = date_or_dash (update, a->date);

          row_add (list, g_strdup_printf ("%s (%s)", a->account_name, date), g_strdup (a->text));
        }
      more_add (blocks, list->rows->len, update->n_actions);
    }

  text_add (blocks, RD_WEEKLY_BLOCK_HEADING, _("Help needed"));
  if (update->help->len == 0)
    text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH, _("Nothing asked of the team this week."));
  else
    {
      RdWeeklyBlock *list = block_add (blocks, RD_WEEKLY_BLOCK_LIST, NULL);

      for (guint i = 0; i < update->help->len; i++)
        {
          RdWeeklyDelay *d = g_ptr_array_index (update->help, i);

          row_add (list, g_strdup (d->account_name), g_strdup (d->help_needed));
        }
      more_add (blocks, list->rows->len, update->n_help);
    }
}

static void
counts_table (GPtrArray  *blocks,
              GPtrArray  *counts,
              const char *what)
{
  RdWeeklyBlock *table = table_add (blocks, 1 << 1, what, _("Losses"), NULL);

  for (guint i = 0; i < counts->len; i++)
    {
      RdWeeklyCount *c = g_ptr_array_index (counts, i);

      row_add (table, g_strdup (c->label), g_strdup_printf ("%u", c->count));
    }
}

void
_rd_weekly_losses_blocks (GPtrArray      *blocks,
                          RdWeeklyUpdate *update)
{
  g_autofree char *since = rd_date_format (update->losses_since);

  text_add (blocks, RD_WEEKLY_BLOCK_HEADING, _("Who we lose to, and why"));
  block_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u renewal lost since %s.",
                                           "%u renewals lost since %s.", update->n_losses),
                              update->n_losses, since));
  if (update->n_losses == 0)
    return;
  counts_table (blocks, update->loss_reasons, _("Reason"));
  if (update->competitors->len > 0)
    counts_table (blocks, update->competitors, _("Competitor"));
}

void
_rd_weekly_retros_blocks (GPtrArray      *blocks,
                          RdWeeklyUpdate *update)
{
  RdWeeklyBlock *list;

  text_add (blocks, RD_WEEKLY_BLOCK_HEADING, _("Retrospectives this week"));
  if (update->retros->len == 0)
    {
      text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH, _("No retrospective recorded this week."));
      return;
    }
  list = block_add (blocks, RD_WEEKLY_BLOCK_LIST, NULL);
  for (guint i = 0; i < MIN (update->retros->len, RD_WEEKLY_MAX_ROWS); i++)
    {
      RdWeeklyRetro *r = g_ptr_array_index (update->retros, i);
      g_autofree char *date = date_text (update, r->date);

      row_add (list,
               /* Translators: account, date, and whether a lost renewal or a resolved delay */
               g_strdup_printf (_("%s (%s, %s)"), r->account_name, date,
                                r->loss ? _("lost") : _("delay resolved")),
               g_strdup (r->text));
    }
  more_add (blocks, list->rows->len, update->retros->len);
}

static void
risk_blocks (GPtrArray      *blocks,
             RdWeeklyUpdate *update)
{
  RdWeeklyBlock *table;

  text_add (blocks, RD_WEEKLY_BLOCK_HEADING, _("Risk assessment"));
  block_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH,
             g_strdup_printf (_("Accounts renewing this quarter by risk: %u critical, %u high, "
                                "%u medium, %u low."),
                              update->bands[RD_RISK_BAND_CRITICAL], update->bands[RD_RISK_BAND_HIGH],
                              update->bands[RD_RISK_BAND_MEDIUM], update->bands[RD_RISK_BAND_LOW]));
  if (update->top_risks->len == 0)
    return;
  table = table_add (blocks, (1 << 1) | (1 << 3), _("Highest risk"), _("Score"), _("Renews"),
                     _("Annual value"), NULL);
  for (guint i = 0; i < update->top_risks->len; i++)
    {
      RdWeeklyRisk *r = g_ptr_array_index (update->top_risks, i);

      row_add (table, g_strdup (r->account_name),
               g_strdup_printf ("%d (%s)", r->score, rd_enum_table_label (&rd_risk_band_table, r->band)),
               date_or_dash (update, r->deadline), money (update, r->annual_minor, r->currency));
    }
}

GPtrArray *
rd_weekly_update_to_blocks (RdWeeklyUpdate *update)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_weekly_block_free);
  g_autofree char *today_text = NULL;
  g_autofree char *week_start = NULL;
  g_autofree char *period = NULL;
  GDate today;

  g_return_val_if_fail (update != NULL, blocks);

  rd_date_parse (update->today, &today);
  today_text = rd_date_format (update->today);
  week_start = rd_date_format (update->week_start);
  text_add (blocks, RD_WEEKLY_BLOCK_TITLE, _("Weekly renewal update"));
  /* Translators: the period a weekly update covers */
  period = g_strdup_printf (_("%s to %s"), week_start, today_text);
  if (update->company_name != NULL && *update->company_name != '\0')
    block_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH,
               g_strdup_printf ("%s · %s", update->company_name, period));
  else
    text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH, period);

  _rd_weekly_renewals_blocks (blocks, update, &today);
  _rd_weekly_forecast_blocks (blocks, update);
  _rd_weekly_movement_blocks (blocks, update);
  delays_blocks (blocks, update);
  _rd_weekly_losses_blocks (blocks, update);
  _rd_weekly_retros_blocks (blocks, update);
  risk_blocks (blocks, update);
  return blocks;
}

/* Markdown ----------------------------------------------------------------- */

/* How md_append_cell() reads each byte: plain text is copied in runs, the
 * rest looked at one by one. */
enum
{
  MD_PLAIN,
  MD_MARKUP,       /* escaped with a backslash */
  MD_SPACE,        /* a line break or tab, written as a space */
  MD_CONTROL,      /* dropped */
  MD_DOT,          /* escaped after "www" (an autolink) */
};

static const guint8 md_class[256] = {
  [0x00 ... 0x08] = MD_CONTROL, ['\t'] = MD_SPACE, ['\n'] = MD_SPACE, [0x0b ... 0x0c] = MD_CONTROL,
  ['\r'] = MD_SPACE, [0x0e ... 0x1f] = MD_CONTROL, [0x7f] = MD_CONTROL,
  ['\\'] = MD_MARKUP, ['`'] = MD_MARKUP, ['*'] = MD_MARKUP, ['_'] = MD_MARKUP, ['['] = MD_MARKUP,
  [']'] = MD_MARKUP, ['<'] = MD_MARKUP, ['>'] = MD_MARKUP, ['|'] = MD_MARKUP, ['&'] = MD_MARKUP,
  ['~'] = MD_MARKUP, ['#'] = MD_MARKUP, ['!'] = MD_MARKUP, [':'] = MD_MARKUP, ['@'] = MD_MARKUP,
  ['.'] = MD_DOT,
};

/* Text from a record as plain text of the Markdown: one line, and none of
 * it read as markup (a link, an image, HTML, emphasis, an autolink, a list
 * or a heading).  Every ASCII punctuation may be escaped with a backslash;
 * only what can start markup is, so "Beta Kft." stays readable. */
static void
md_append_cell (GString    *out,
                const char *text)
{
  const char *start = text ? text : "";

  for (const char *p = start; *p != '\0'; p++)
    {
      guint8 class = md_class[(guchar) *p];

      /* A cell's first "-", "+" or "=" would start a list or a heading. */
      if (p == start && (*p == '-' || *p == '+' || *p == '='))
        class = MD_MARKUP;

      switch (class)
        {
        case MD_PLAIN:
          {
            /* Plain text in one piece (most of 20 MB of tables). */
            const char *run = p + 1;

            while (md_class[(guchar) *run] == MD_PLAIN)
              run++;
            g_string_append_len (out, p, run - p);
            p = run - 1;
          }
          break;
        case MD_DOT:
          if (p - start < 3 || g_ascii_strncasecmp (p - 3, "www", 3) != 0)
            {
              g_string_append_c (out, *p);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case MD_MARKUP:
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case MD_SPACE:
          g_string_append_c (out, ' ');
          break;
        case MD_CONTROL:
        default:
          break;
        }
    }
}

/* A table row: "| a | b |" and a newline. */
static void
md_append_row (GString           *md,
               const char * const *cells,
               guint               n)
{
  g_string_append_c (md, '|');
  for (guint c = 0; c < n; c++)
    {
      g_string_append_c (md, ' ');
      md_append_cell (md, cells[c]);
      g_string_append (md, " |");
    }
  g_string_append_c (md, '\n');
}

/* Our own words (headings, notes, dates) on one line, unescaped. */
static void
md_append_line (GString    *md,
                const char *prefix,
                const char *text,
                const char *suffix)
{
  gsize at;

  g_string_append (md, prefix);
  at = md->len;
  g_string_append (md, text ? text : "");
  g_strdelimit (md->str + at, "\n\r", ' ');
  g_string_append (md, suffix);
}

char *
rd_weekly_update_to_markdown (RdWeeklyUpdate *update)
{
  g_autoptr(GPtrArray) blocks = NULL;
  GString *md;

  g_return_val_if_fail (update != NULL, NULL);

  blocks = rd_weekly_update_to_blocks (update);
  /* About 150 bytes a renewal and a delay: one allocation, not a doubling
   * copy of megabytes at a time. */
  md = g_string_sized_new (4096 + 160 * (update->renewals->len + update->delays->len));
  for (guint b = 0; b < blocks->len; b++)
    {
      RdWeeklyBlock *block = g_ptr_array_index (blocks, b);

      /* Headings and notes are our own words (and dates): only what can
       * hold records' text is escaped, so "Q4 2026: …" keeps its colon. */
      switch (block->kind)
        {
        case RD_WEEKLY_BLOCK_TITLE:
          md_append_line (md, "# ", block->text, "\n\n");
          break;
        case RD_WEEKLY_BLOCK_HEADING:
          md_append_line (md, "## ", block->text, "\n\n");
          break;
        case RD_WEEKLY_BLOCK_SUBHEADING:
          md_append_line (md, "### ", block->text, "\n\n");
          break;
        case RD_WEEKLY_BLOCK_PARAGRAPH:
          md_append_cell (md, block->text);
          g_string_append (md, "\n\n");
          break;
        case RD_WEEKLY_BLOCK_NOTE:
          md_append_line (md, "*", block->text, "*\n\n");
          break;
        case RD_WEEKLY_BLOCK_TABLE:
          {
            guint n = g_strv_length (block->header);

            md_append_row (md, (const char * const *) block->header, n);
            g_string_append_c (md, '|');
            for (guint c = 0; c < n; c++)
              g_string_append (md, block->numeric & (1u << c) ? "--:|" : "---|");
            g_string_append_c (md, '\n');
            for (guint r = 0; r < block->rows->len; r++)
              md_append_row (md, g_ptr_array_index (block->rows, r), n);
            g_string_append_c (md, '\n');
          }
          break;
        case RD_WEEKLY_BLOCK_LIST:
          for (guint r = 0; r < block->rows->len; r++)
            {
              char **row = g_ptr_array_index (block->rows, r);

              g_string_append (md, "- **");
              md_append_cell (md, row[0]);
              g_string_append (md, "**: ");
              md_append_cell (md, row[1]);
              g_string_append_c (md, '\n');
            }
          g_string_append_c (md, '\n');
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (md, FALSE);
}
