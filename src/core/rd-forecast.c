/* rd-forecast.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-forecast"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-account-private.h"
#include "rd-forecast.h"
#include "rd-format.h"

static gboolean
blank (const char *text)
{
  return text == NULL || *text == '\0';
}

/* @iso as a day; FALSE when blank or not a date. */
static gboolean
parse_day (const char *iso,
           GDate      *out)
{
  return !blank (iso) && rd_date_parse (iso, out);
}

void
rd_forecast_facts_init (RdForecastFacts *facts)
{
  g_return_if_fail (facts != NULL);

  memset (facts, 0, sizeof *facts);
  facts->status = RD_STATUS_ACTIVE;
  facts->worst_open_class = -1;
  facts->plan_answer = -1;
  facts->risk_band = RD_RISK_BAND_LOW;
}

/* Whether anyone talked to them in the last RD_FORECAST_CONTACT_DAYS up
 * to @day. */
static gboolean
talked_to (const RdForecastFacts *facts,
           const GDate           *day)
{
  GDate contact, window = *day;

  if (!parse_day (facts->last_contact_on, &contact) || g_date_compare (&contact, day) > 0)
    return FALSE;

  g_date_subtract_days (&window, RD_FORECAST_CONTACT_DAYS);
  return g_date_compare (&contact, &window) >= 0;
}

/* The rules, in the order they are tried: the first that applies wins. */
static RdForecastWhy
first_rule (const RdForecastFacts *facts,
            const GDate           *day)
{
  if (facts->status == RD_STATUS_LOST)
    return RD_FORECAST_WHY_LOST;
  if (facts->status == RD_STATUS_EXPECTED_CHURN)
    return RD_FORECAST_WHY_EXPECTED_CHURN;
  if (facts->status == RD_STATUS_RENEWED)
    return RD_FORECAST_WHY_RENEWED;
  /* The conditional renewal: they renew if we carry out the plan. */
  if (facts->plan_answer == RD_ANSWER_YES)
    return RD_FORECAST_WHY_PLAN_YES;
  if (facts->worst_open_class == RD_CLASS_RISK)
    return RD_FORECAST_WHY_RISK_DELAY;
  if (facts->plan_answer == RD_ANSWER_NO)
    return RD_FORECAST_WHY_PLAN_NO;
  if (facts->n_open_delays > 0 && facts->worst_open_class == RD_CLASS_ADMINISTRATIVE &&
      facts->n_missed == 0)
    return RD_FORECAST_WHY_ADMIN_KEPT;
  if (facts->risk_band >= RD_RISK_BAND_HIGH)
    return RD_FORECAST_WHY_HIGH_RISK;
  if (!talked_to (facts, day))
    return RD_FORECAST_WHY_NO_CONTACT;
  if (facts->worst_open_class == RD_CLASS_DECISION)
    return RD_FORECAST_WHY_DECISION_DELAY;
  if (facts->n_missed > 0)
    return RD_FORECAST_WHY_MISSED_COMMITMENT;
  return RD_FORECAST_WHY_TALKING;
}

RdForecastCategory
rd_forecast_category (const RdForecastFacts *facts,
                      const GDate           *day,
                      RdForecastWhy         *out_why)
{
  RdForecastWhy why;

  g_return_val_if_fail (facts != NULL, RD_FORECAST_PIPELINE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), RD_FORECAST_PIPELINE);

  why = first_rule (facts, day);
  if (out_why != NULL)
    *out_why = why;

  switch (why)
    {
    case RD_FORECAST_WHY_LOST:
    case RD_FORECAST_WHY_EXPECTED_CHURN:
      return RD_FORECAST_OMITTED;
    case RD_FORECAST_WHY_RENEWED:
    case RD_FORECAST_WHY_PLAN_YES:
    case RD_FORECAST_WHY_ADMIN_KEPT:
      return RD_FORECAST_COMMIT;
    case RD_FORECAST_WHY_RISK_DELAY:
    case RD_FORECAST_WHY_PLAN_NO:
    case RD_FORECAST_WHY_HIGH_RISK:
    case RD_FORECAST_WHY_NO_CONTACT:
      return RD_FORECAST_PIPELINE;
    case RD_FORECAST_WHY_DECISION_DELAY:
    case RD_FORECAST_WHY_MISSED_COMMITMENT:
    case RD_FORECAST_WHY_TALKING:
    default:
      return RD_FORECAST_BEST_CASE;
    }
}

const char *
rd_forecast_category_label (RdForecastCategory category)
{
  switch (category)
    {
    case RD_FORECAST_COMMIT:
      /* Translators: a forecast category (CRM convention) */
      return C_("forecast", "Commit");
    case RD_FORECAST_BEST_CASE:
      /* Translators: a forecast category (CRM convention) */
      return C_("forecast", "Best Case");
    case RD_FORECAST_PIPELINE:
      /* Translators: a forecast category (CRM convention) */
      return C_("forecast", "Pipeline");
    case RD_FORECAST_OMITTED:
      /* Translators: a forecast category (CRM convention) */
      return C_("forecast", "Omitted");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
rd_forecast_category_rule (RdForecastCategory category)
{
  switch (category)
    {
    case RD_FORECAST_COMMIT:
      return _("Commit needs evidence: renewed, the customer said yes to the recovery plan, or "
               "every open delay is administrative with every date commitment kept.");
    case RD_FORECAST_BEST_CASE:
      return _("Best Case: we talked to them in the last 120 days and nothing points to risk, "
               "but there is no evidence yet (a decision delay, a missed commitment or no "
               "delay).");
    case RD_FORECAST_PIPELINE:
      return _("Pipeline: an open risk delay, a high or critical risk rating, a no to the plan, "
               "or nobody talked to them in the last 120 days.");
    case RD_FORECAST_OMITTED:
      return _("Omitted: lost, or marked as expected churn.");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
rd_forecast_why_label (RdForecastWhy why)
{
  switch (why)
    {
    case RD_FORECAST_WHY_RENEWED:
      return _("Renewed");
    case RD_FORECAST_WHY_PLAN_YES:
      return _("Said yes to the plan");
    case RD_FORECAST_WHY_ADMIN_KEPT:
      return _("Administrative, commitments kept");
    case RD_FORECAST_WHY_RISK_DELAY:
      return _("Risk delay");
    case RD_FORECAST_WHY_PLAN_NO:
      return _("Said no to the plan");
    case RD_FORECAST_WHY_HIGH_RISK:
      return _("High risk rating");
    case RD_FORECAST_WHY_NO_CONTACT:
      return _("Nobody talked to them");
    case RD_FORECAST_WHY_DECISION_DELAY:
      return _("Decision delay");
    case RD_FORECAST_WHY_MISSED_COMMITMENT:
      return _("Missed a commitment");
    case RD_FORECAST_WHY_TALKING:
      return _("In conversation");
    case RD_FORECAST_WHY_LOST:
      return _("Lost");
    case RD_FORECAST_WHY_EXPECTED_CHURN:
      return _("Expected churn");
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
rd_forecast_commitment_missed (const char  *date,
                               const char  *kept_on,
                               const GDate *day)
{
  GDate due, kept;

  g_return_val_if_fail (day != NULL, FALSE);

  if (!parse_day (date, &due) || g_date_compare (&due, day) >= 0)
    return FALSE;
  return !parse_day (kept_on, &kept) || g_date_compare (&kept, day) > 0;
}

void
rd_forecast_quarter (const GDate *day,
                     int          offset,
                     GDate       *out_start,
                     GDate       *out_end)
{
  int index;

  g_return_if_fail (day != NULL && g_date_valid (day));
  g_return_if_fail (out_start != NULL && out_end != NULL);

  /* Quarters counted from year 0, so that a negative offset floors. */
  index = g_date_get_year (day) * 4 + ((int) g_date_get_month (day) - 1) / 3 + offset;
  g_date_clear (out_start, 1);
  g_date_set_dmy (out_start, 1, (GDateMonth) ((index % 4) * 3 + 1), (GDateYear) (index / 4));
  *out_end = *out_start;
  g_date_add_months (out_end, 3);
  g_date_subtract_days (out_end, 1);
}

int
rd_forecast_quarter_number (const GDate *day)
{
  g_return_val_if_fail (day != NULL && g_date_valid (day), 0);

  return ((int) g_date_get_month (day) - 1) / 3 + 1;
}

RdForecastPlace
rd_forecast_quarter_place (RdStatus     status,
                           const char  *deadline,
                           const char  *closed_on,
                           const GDate *day)
{
  GDate start, end, date;

  g_return_val_if_fail (day != NULL && g_date_valid (day), RD_FORECAST_OUTSIDE);

  rd_forecast_quarter (day, 0, &start, &end);

  if (status == RD_STATUS_RENEWED || status == RD_STATUS_LOST)
    {
      const char *when = closed_on;

      if (blank (when) && status == RD_STATUS_LOST)
        when = deadline;
      if (parse_day (when, &date) &&
          g_date_compare (&date, &start) >= 0 && g_date_compare (&date, &end) <= 0)
        return RD_FORECAST_CLOSED;
      return RD_FORECAST_OUTSIDE;
    }

  if (!parse_day (deadline, &date))
    return RD_FORECAST_OUTSIDE;
  if (g_date_compare (&date, day) < 0)
    return RD_FORECAST_OVERDUE;
  if (g_date_compare (&date, &end) <= 0)
    return RD_FORECAST_TO_DO;
  return RD_FORECAST_OUTSIDE;
}

const char *
rd_forecast_account_decided_on (RdAccount *account)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (account), NULL);

  if (account->extra == NULL || !json_object_has_member (account->extra, "renewal_choice_on"))
    return NULL;
  return json_object_get_string_member_with_default (account->extra, "renewal_choice_on", NULL);
}

RdForecastPlace
rd_forecast_account_place (RdAccount   *account,
                           const GDate *day)
{
  const char *closed_on = NULL;

  g_return_val_if_fail (RD_IS_ACCOUNT (account), RD_FORECAST_OUTSIDE);

  if (account->status == RD_STATUS_RENEWED)
    closed_on = rd_forecast_account_decided_on (account);
  return rd_forecast_quarter_place (account->status, rd_account_get_deadline (account), closed_on,
                                    day);
}

gboolean
rd_forecast_account_in_quarter (RdAccount  *account,
                                const char *start,
                                const char *end)
{
  const char *deadline;
  const char *closed;

  g_return_val_if_fail (RD_IS_ACCOUNT (account), FALSE);

  deadline = rd_account_get_deadline (account);
  if (account->status != RD_STATUS_RENEWED && account->status != RD_STATUS_LOST)
    return deadline != NULL && (blank (end) || strcmp (deadline, end) <= 0);

  closed = account->status == RD_STATUS_RENEWED ? rd_forecast_account_decided_on (account) : deadline;
  return !blank (closed) && (blank (start) || strcmp (closed, start) >= 0) &&
         (blank (end) || strcmp (closed, end) <= 0);
}

void
rd_forecast_slip_free (RdForecastSlip *slip)
{
  if (slip == NULL)
    return;
  g_free (slip->on);
  g_free (slip->from);
  g_free (slip->to);
  g_free (slip);
}

static int
compare_bridges (gconstpointer a,
                 gconstpointer b)
{
  const RdForecastBridge *x = *(const RdForecastBridge * const *) a;
  const RdForecastBridge *y = *(const RdForecastBridge * const *) b;
  int cmp = g_strcmp0 (x->accepted_on, y->accepted_on);

  return cmp != 0 ? cmp : g_strcmp0 (x->ends_on, y->ends_on);
}

GPtrArray *
rd_forecast_slips (const char             *contract_end,
                   const RdForecastBridge *bridges,
                   guint                   n_bridges)
{
  GPtrArray *slips = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_forecast_slip_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  const char *current = blank (contract_end) ? NULL : contract_end;

  g_return_val_if_fail (bridges != NULL || n_bridges == 0, slips);

  for (guint i = 0; i < n_bridges; i++)
    {
      GDate d;

      if (bridges[i].moves_deadline && parse_day (bridges[i].accepted_on, &d) &&
          parse_day (bridges[i].ends_on, &d))
        g_ptr_array_add (order, (gpointer) &bridges[i]);
    }
  g_ptr_array_sort (order, compare_bridges);

  /* As the store does: the deadline only ever moves later. */
  for (guint i = 0; i < order->len; i++)
    {
      const RdForecastBridge *bridge = g_ptr_array_index (order, i);
      RdForecastSlip *slip;

      if (current != NULL && g_strcmp0 (bridge->ends_on, current) <= 0)
        continue;
      if (current != NULL)
        {
          slip = g_new0 (RdForecastSlip, 1);
          slip->on = g_strdup (bridge->accepted_on);
          slip->from = g_strdup (current);
          slip->to = g_strdup (bridge->ends_on);
          g_ptr_array_add (slips, slip);
        }
      current = bridge->ends_on;
    }
  return slips;
}

gboolean
rd_forecast_slip_leaves_quarter (const RdForecastSlip *slip,
                                 const GDate          *start,
                                 const GDate          *end)
{
  GDate on, from, to;

  g_return_val_if_fail (slip != NULL, FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  if (!parse_day (slip->on, &on) || !parse_day (slip->from, &from) || !parse_day (slip->to, &to))
    return FALSE;
  if (g_date_compare (&to, end) <= 0 || g_date_compare (&from, end) > 0)
    return FALSE;
  /* Due in the quarter, or overdue from before and moved during it. */
  return g_date_compare (&from, start) >= 0 ||
         (g_date_compare (&on, start) >= 0 && g_date_compare (&on, end) <= 0);
}
