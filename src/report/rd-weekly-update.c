/* rd-weekly-update.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-report"

#include "config.h"

#include <string.h>

#include <math.h>
#include <glib/gi18n.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-report.h"
#include "rd-report-private.h"
#include "rd-task.h"
#include "rd-weekly-update.h"

static void
weekly_delay_free (gpointer data)
{
  RdWeeklyDelay *delay = data;

  g_free (delay->account_name);
  g_free (delay->currency);
  g_free (delay->deadline);
  g_free (delay->stated_reason);
  g_free (delay->actions_taken);
  g_free (delay->help_needed);
  g_free (delay->next_step);
  g_free (delay->next_step_on);
  g_free (delay);
}

static void
weekly_action_free (gpointer data)
{
  RdWeeklyAction *action = data;

  g_free (action->account_name);
  g_free (action->text);
  g_free (action->date);
  g_free (action);
}

static void
weekly_totals_free (gpointer data)
{
  RdWeeklyTotals *totals = data;

  g_free (totals->currency);
  g_free (totals);
}

static void
weekly_risk_free (gpointer data)
{
  RdWeeklyRisk *risk = data;

  g_free (risk->account_name);
  g_free (risk->deadline);
  g_free (risk->currency);
  g_free (risk);
}

static RdWeeklyTotals *
totals_for (GHashTable *by_currency,
            GPtrArray  *array,
            const char *currency)
{
  RdWeeklyTotals *totals = g_hash_table_lookup (by_currency, currency);

  if (totals == NULL)
    {
      totals = g_new0 (RdWeeklyTotals, 1);
      totals->currency = g_strdup (currency);
      g_hash_table_insert (by_currency, totals->currency, totals);
      g_ptr_array_add (array, totals);
    }
  return totals;
}

/* Sums of accepted amounts (each below RD_MONEY_MAX_MINOR) can still pass
 * what a gint64 holds over thousands of accounts: they stop at G_MAXINT64,
 * shown by total_format() as too large instead of wrapping to a negative
 * figure. */
static gint64
total_add (gint64 sum,
           gint64 value)
{
  value = MAX (value, 0);
  return sum > G_MAXINT64 - value ? G_MAXINT64 : sum + value;
}

static char *
total_format (gint64      minor,
              const char *currency)
{
  if (minor == G_MAXINT64)
    return g_strdup (_("too large to add up"));

  return rd_money_format (minor, currency);
}

static gint64
totals_all (const RdWeeklyTotals *t)
{
  return total_add (total_add (t->committed, t->at_risk), t->expected_churn);
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const RdWeeklyTotals *x = *(RdWeeklyTotals * const *) a;
  const RdWeeklyTotals *y = *(RdWeeklyTotals * const *) b;

  return g_strcmp0 (x->currency, y->currency);
}

static int
compare_delays (gconstpointer a,
                gconstpointer b)
{
  const RdWeeklyDelay *x = *(RdWeeklyDelay * const *) a;
  const RdWeeklyDelay *y = *(RdWeeklyDelay * const *) b;
  int cmp = g_strcmp0 (x->deadline ? x->deadline : "9999", y->deadline ? y->deadline : "9999");

  return cmp != 0 ? cmp : g_utf8_collate (x->account_name, y->account_name);
}

static int
compare_risks (gconstpointer a,
               gconstpointer b)
{
  const RdWeeklyRisk *x = *(RdWeeklyRisk * const *) a;
  const RdWeeklyRisk *y = *(RdWeeklyRisk * const *) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return g_strcmp0 (x->deadline, y->deadline);
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  const RdWeeklyAction *x = *(RdWeeklyAction * const *) a;
  const RdWeeklyAction *y = *(RdWeeklyAction * const *) b;

  return g_strcmp0 (y->date, x->date);
}

/* The class that counts for a delay: the user's override, else the
 * computed one. */
static RdClass
delay_doc_class (JsonObject *doc)
{
  int klass = rd_enum_table_lookup (&rd_class_table, _rd_report_str_or_null (doc, "classification_override"));

  if (klass < 0)
    klass = rd_enum_table_lookup (&rd_class_table, _rd_report_str_or_null (doc, "classification"));
  return klass < 0 ? RD_CLASS_DECISION : klass;
}

static void
set_quarter (RdWeeklyUpdate *update,
             int             which,
             const GDate    *today)
{
  GDate start, end;
  int month = g_date_get_month (today);
  int year = g_date_get_year (today);
  int q = (month - 1) / 3;

  q += which;
  year += q / 4;
  q %= 4;
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, q * 3 + 1, year);
  end = start;
  g_date_add_months (&end, 3);
  g_date_subtract_days (&end, 1);

  update->quarter_start[which] = rd_date_to_string (&start);
  update->quarter_end[which] = rd_date_to_string (&end);
  /* Translators: a calendar quarter, e.g. "Q3 2026" */
  update->quarter_label[which] = g_strdup_printf (_("Q%d %d"), q + 1, year);
}

/* The update with its dates, labels and empty lists; @month_start is the
 * first day of the month @now falls in, where the twelve months begin. */
static RdWeeklyUpdate *
update_new (const GDate *now,
            GDate       *month_start)
{
  RdWeeklyUpdate *update = g_new0 (RdWeeklyUpdate, 1);
  GDate week_start;

  update->company_name = rd_report_get_company_name ();
  update->today = rd_date_to_string (now);
  /* The week as the region counts it (from Monday in Germany, from Sunday in
   * the US and Japan: rd_locale_first_weekday()) up to today; on its first
   * day the week before as well, so that a Monday update still reports the
   * week that just ended. */
  rd_locale_week_start (now, &week_start);
  if (g_date_compare (&week_start, now) == 0)
    g_date_subtract_days (&week_start, 7);
  update->week_start = rd_date_to_string (&week_start);
  update->delays = g_ptr_array_new_with_free_func (weekly_delay_free);
  update->actions = g_ptr_array_new_with_free_func (weekly_action_free);
  update->cause_totals = g_ptr_array_new_with_free_func (weekly_totals_free);
  update->top_risks = g_ptr_array_new_with_free_func (weekly_risk_free);
  for (int q = 0; q < 2; q++)
    {
      set_quarter (update, q, now);
      update->totals[q] = g_ptr_array_new_with_free_func (weekly_totals_free);
    }

  g_date_clear (month_start, 1);
  g_date_set_dmy (month_start, 1, g_date_get_month (now), g_date_get_year (now));
  for (int m = 0; m < RD_WEEKLY_N_MONTHS; m++)
    {
      GDate d = *month_start;
      char buf[64];

      g_date_add_months (&d, m);
      /* Translators: a month on a chart axis, see strftime(3), e.g. "Mar 26" */
      if (g_date_strftime (buf, sizeof buf, _("%b %y"), &d) == 0)
        buf[0] = '\0';
      update->month_labels[m] = g_strdup (buf);
    }
  return update;
}

static void
add_action (RdWeeklyUpdate *update,
            RdAccount      *account,
            char           *text,      /* owned */
            char           *date)      /* owned */
{
  RdWeeklyAction *action = g_new0 (RdWeeklyAction, 1);

  action->account_name = g_strdup (rd_account_get_name (account));
  action->text = text;
  action->date = date;
  g_ptr_array_add (update->actions, action);
}

static RdWeeklyDelay *
weekly_delay_new (JsonObject *doc,
                  RdAccount  *account,
                  RdClass     klass,
                  int         cause)
{
  RdWeeklyDelay *delay = g_new0 (RdWeeklyDelay, 1);

  delay->account_name = g_strdup (rd_account_get_name (account));
  delay->currency = g_strdup (rd_account_get_currency (account));
  delay->annual_minor = rd_account_get_annual_value_minor (account);
  delay->deadline = g_strdup (rd_account_get_deadline (account));
  delay->stated_reason = g_strdup (_rd_report_str_or_null (doc, "stated_reason"));
  delay->cause = cause;
  delay->klass = klass;
  delay->actions_taken = g_strdup (_rd_report_str_or_null (doc, "actions_taken"));
  delay->help_needed = g_strdup (_rd_report_str_or_null (doc, "help_needed"));
  delay->next_step = g_strdup (_rd_report_str_or_null (doc, "next_step"));
  delay->next_step_on = g_strdup (_rd_report_str_or_null (doc, "next_step_on"));
  return delay;
}

/* Delays: the list, the actions of the week, each account's worst open
 * class (into @worst: id → RdClass + 1) and the value at risk by cause. */
static gboolean
collect_delays (RdWeeklyUpdate  *update,
                RdStore         *store,
                GHashTable      *by_id,
                GHashTable      *worst,
                GError         **error)
{
  g_autoptr(GPtrArray) delay_docs = NULL;
  g_autoptr(GHashTable) cause_seen = NULL;     /* "id:cause" */
  g_autoptr(GHashTable) cause_index = NULL;

  delay_docs = rd_store_list_documents (store, "delay", NULL, NULL, error);
  if (delay_docs == NULL)
    return FALSE;
  cause_index = g_hash_table_new (g_str_hash, g_str_equal);
  cause_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < delay_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (delay_docs, i);
      const char *account_id = _rd_report_str_or_null (doc, "account_id");
      RdAccount *account = account_id ? g_hash_table_lookup (by_id, account_id) : NULL;
      const char *updated = _rd_report_str_or_null (doc, "updated_at");
      const char *actions = _rd_report_str_or_null (doc, "actions_taken");
      gboolean open = g_strcmp0 (_rd_report_str_or_null (doc, "status"), "resolved") != 0;
      RdClass klass;
      int cause;

      if (account == NULL)
        continue;

      if (actions != NULL && updated != NULL &&
          strncmp (updated, update->week_start, 10) >= 0 &&
          strncmp (updated, update->today, 10) <= 0)
        add_action (update, account, g_strdup (actions), g_strndup (updated, 10));

      if (!open || rd_account_get_status (account) == RD_STATUS_LOST ||
          rd_account_get_status (account) == RD_STATUS_RENEWED)
        continue;

      klass = delay_doc_class (doc);
      cause = rd_enum_table_lookup (&rd_cause_table, _rd_report_str_or_null (doc, "cause"));
      g_ptr_array_add (update->delays, weekly_delay_new (doc, account, klass, cause));

      if (GPOINTER_TO_INT (g_hash_table_lookup (worst, account_id)) < (int) klass + 1)
        g_hash_table_insert (worst, (gpointer) rd_account_get_id (account),
                             GINT_TO_POINTER (klass + 1));

      if (cause >= 0)
        {
          char *key = g_strdup_printf ("%s:%d", account_id, cause);

          if (g_hash_table_add (cause_seen, key))
            {
              RdWeeklyTotals *totals = totals_for (cause_index, update->cause_totals,
                                                   rd_account_get_currency (account));
              totals->by_cause[cause] = total_add (totals->by_cause[cause],
                                                   rd_account_get_annual_value_minor (account));
            }
        }
    }
  g_ptr_array_sort (update->delays, compare_delays);
  return TRUE;
}

/* Plan steps done this week count as actions too. */
static gboolean
collect_plan_steps (RdWeeklyUpdate  *update,
                    RdStore         *store,
                    GHashTable      *by_id,
                    GError         **error)
{
  g_autoptr(GPtrArray) plan_docs = NULL;
  g_autoptr(GPtrArray) step_docs = NULL;
  g_autoptr(GHashTable) plan_account = NULL;   /* plan uuid → account id */

  plan_docs = rd_store_list_documents (store, "plan", NULL, NULL, error);
  if (plan_docs == NULL)
    return FALSE;
  plan_account = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < plan_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (plan_docs, i);
      char *uuid = NULL;

      if (rd_document_parse_id (json_object_get_string_member (doc, "_id"), NULL, &uuid))
        g_hash_table_insert (plan_account, uuid, (gpointer) _rd_report_str_or_null (doc, "account_id"));
    }
  step_docs = rd_store_list_documents (store, "plan_step", NULL, NULL, error);
  if (step_docs == NULL)
    return FALSE;
  for (guint i = 0; i < step_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (step_docs, i);
      const char *done_on = _rd_report_str_or_null (doc, "done_on");
      const char *title;
      const char *account_id;
      RdAccount *account;

      if (done_on == NULL || g_strcmp0 (done_on, update->week_start) < 0 ||
          g_strcmp0 (done_on, update->today) > 0)
        continue;
      account_id = g_hash_table_lookup (plan_account, _rd_report_str_or_null (doc, "plan_id"));
      account = account_id ? g_hash_table_lookup (by_id, account_id) : NULL;
      if (account == NULL)
        continue;

      title = _rd_report_str_or_null (doc, "title");
      add_action (update, account,
                  /* Translators: an action in the weekly update: a recovery plan step was done */
                  g_strdup_printf (_("Plan step done: %s"), title ? title : ""),
                  g_strdup (done_on));
    }
  g_ptr_array_sort (update->actions, compare_actions);
  return TRUE;
}

/* Where @account falls in this and next quarter's forecast. */
static void
add_to_quarters (RdWeeklyUpdate *update,
                 GHashTable     *totals_index[2],
                 RdAccount      *account,
                 int             worst_class)
{
  const char *deadline = rd_account_get_deadline (account);
  RdStatus status = rd_account_get_status (account);

  for (int q = 0; q < 2; q++)
    {
      RdWeeklyTotals *totals;
      gint64 value = rd_account_get_annual_value_minor (account);

      if (g_strcmp0 (deadline, update->quarter_start[q]) < 0 ||
          g_strcmp0 (deadline, update->quarter_end[q]) > 0)
        continue;

      totals = totals_for (totals_index[q], update->totals[q], rd_account_get_currency (account));
      if (status == RD_STATUS_EXPECTED_CHURN)
        totals->expected_churn = total_add (totals->expected_churn, value);
      else if (status != RD_STATUS_RENEWED &&
               (worst_class == RD_CLASS_RISK || worst_class == RD_CLASS_DECISION ||
                rd_account_get_risk_band (account) >= RD_RISK_BAND_HIGH))
        totals->at_risk = total_add (totals->at_risk, value);
      else
        totals->committed = total_add (totals->committed, value);

      if (q == 0)
        update->bands[CLAMP (rd_account_get_risk_band (account), 0, 3)]++;
    }
}

static void
add_risk (RdWeeklyUpdate *update,
          RdAccount      *account)
{
  RdWeeklyRisk *risk = g_new0 (RdWeeklyRisk, 1);

  risk->account_name = g_strdup (rd_account_get_name (account));
  risk->score = rd_account_get_risk_score (account);
  risk->band = rd_account_get_risk_band (account);
  risk->deadline = g_strdup (rd_account_get_deadline (account));
  risk->currency = g_strdup (rd_account_get_currency (account));
  risk->annual_minor = rd_account_get_annual_value_minor (account);
  g_ptr_array_add (update->top_risks, risk);
}

/* The book: forecast per quarter, renewals per month, risk. */
static void
collect_book (RdWeeklyUpdate *update,
              GPtrArray      *accounts,
              GHashTable     *worst,
              const GDate    *month_start)
{
  g_autoptr(GHashTable) totals_this = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) totals_next = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *totals_index[2] = { totals_this, totals_next };
  g_autofree char *month_start_iso = rd_date_to_string (month_start);
  g_autofree char *horizon_end_iso = NULL;
  GDate horizon_end = *month_start;

  g_date_add_months (&horizon_end, RD_WEEKLY_N_MONTHS);
  horizon_end_iso = rd_date_to_string (&horizon_end);

  for (guint i = 0; i < accounts->len; i++)
    {
      RdAccount *account = g_ptr_array_index (accounts, i);
      const char *deadline = rd_account_get_deadline (account);
      RdStatus status = rd_account_get_status (account);
      int worst_class = GPOINTER_TO_INT (g_hash_table_lookup (worst, rd_account_get_id (account))) - 1;

      if (deadline == NULL || status == RD_STATUS_LOST)
        continue;

      add_to_quarters (update, totals_index, account, worst_class);

      if (status != RD_STATUS_RENEWED &&
          g_strcmp0 (deadline, month_start_iso) >= 0 && g_strcmp0 (deadline, horizon_end_iso) < 0)
        {
          GDate d;
          int months;

          rd_date_parse (deadline, &d);
          months = (g_date_get_year (&d) - g_date_get_year (month_start)) * 12 +
                   ((int) g_date_get_month (&d) - (int) g_date_get_month (month_start));
          if (months >= 0 && months < RD_WEEKLY_N_MONTHS)
            update->by_month[months][worst_class >= 0 ? worst_class : RD_WEEKLY_NO_DELAY]++;
        }

      if (status != RD_STATUS_RENEWED && rd_account_get_risk_score (account) > 0 &&
          g_strcmp0 (deadline, update->quarter_end[1]) <= 0)
        add_risk (update, account);
    }

  g_ptr_array_sort (update->top_risks, compare_risks);
  if (update->top_risks->len > 10)
    g_ptr_array_set_size (update->top_risks, 10);
  for (int q = 0; q < 2; q++)
    g_ptr_array_sort (update->totals[q], compare_totals);
  g_ptr_array_sort (update->cause_totals, compare_totals);
}

RdWeeklyUpdate *
rd_weekly_update_collect (RdStore      *store,
                          const GDate  *today,
                          GError      **error)
{
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GHashTable) by_id = NULL;          /* id → RdAccount */
  g_autoptr(GHashTable) worst = NULL;          /* id → RdClass + 1 */
  GDate now, month_start;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  if (today != NULL)
    now = *today;
  else
    rd_date_today (&now);

  update = update_new (&now, &month_start);

  accounts = rd_store_list_accounts (store, error);
  if (accounts == NULL)
    return NULL;
  update->n_accounts = accounts->len;
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < accounts->len; i++)
    {
      RdAccount *account = g_ptr_array_index (accounts, i);
      g_hash_table_insert (by_id, (gpointer) rd_account_get_id (account), account);
    }

  worst = g_hash_table_new (g_str_hash, g_str_equal);
  if (!collect_delays (update, store, by_id, worst, error) ||
      !collect_plan_steps (update, store, by_id, error))
    return NULL;
  collect_book (update, accounts, worst, &month_start);

  return g_steal_pointer (&update);
}

void
rd_weekly_update_free (RdWeeklyUpdate *update)
{
  if (update == NULL)
    return;

  g_free (update->company_name);
  g_free (update->today);
  g_free (update->week_start);
  g_clear_pointer (&update->delays, g_ptr_array_unref);
  g_clear_pointer (&update->actions, g_ptr_array_unref);
  for (int q = 0; q < 2; q++)
    {
      g_free (update->quarter_label[q]);
      g_free (update->quarter_start[q]);
      g_free (update->quarter_end[q]);
      g_clear_pointer (&update->totals[q], g_ptr_array_unref);
    }
  g_clear_pointer (&update->cause_totals, g_ptr_array_unref);
  g_clear_pointer (&update->top_risks, g_ptr_array_unref);
  for (int m = 0; m < RD_WEEKLY_N_MONTHS; m++)
    g_free (update->month_labels[m]);
  g_free (update);
}

/* Markdown ----------------------------------------------------------------- */

/* Text from a record as plain text of the Markdown: one line, and none of
 * it read as markup (a link, an image, HTML, emphasis, an autolink, a list
 * or a heading).  Every ASCII punctuation may be escaped with a backslash;
 * only what can start markup is, so "Beta Kft." stays readable. */
static char *
md_cell (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *start = text ? text : "";

  for (const char *p = start; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else if (strchr ("\\`*_[]<>|&~#!:@", *p) != NULL
               || (p == start && (*p == '-' || *p == '+' || *p == '='))
               || (*p == '.' && p - start >= 3 && g_ascii_strncasecmp (p - 3, "www", 3) == 0))
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if ((guchar) *p < 0x20 || *p == 0x7f)
        continue;
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
md_money (gint64      minor,
          const char *currency)
{
  g_autofree char *text = total_format (minor, currency);
  return md_cell (text);
}

static char *
md_date (const char *iso)
{
  return iso ? rd_date_format (iso) : g_strdup ("—");
}

static void
append_totals_table (GString   *md,
                     GPtrArray *totals)
{
  if (totals->len == 0)
    {
      g_string_append_printf (md, "%s\n\n", _("No renewals fall in this quarter."));
      return;
    }

  g_string_append_printf (md, "| %s | %s | %s | %s | %s |\n|---|--:|--:|--:|--:|\n",
                          _("Currency"), _("Committed"), _("At risk"), _("Expected churn"),
                          _("Total"));
  for (guint i = 0; i < totals->len; i++)
    {
      RdWeeklyTotals *t = g_ptr_array_index (totals, i);
      g_autofree char *c = md_money (t->committed, t->currency);
      g_autofree char *r = md_money (t->at_risk, t->currency);
      g_autofree char *e = md_money (t->expected_churn, t->currency);
      g_autofree char *all = md_money (totals_all (t), t->currency);

      g_string_append_printf (md, "| %s | %s | %s | %s | %s |\n", t->currency, c, r, e, all);
    }
  g_string_append_c (md, '\n');
}

char *
rd_weekly_update_to_markdown (RdWeeklyUpdate *update)
{
  GString *md = g_string_new (NULL);
  g_autofree char *today = NULL;
  g_autofree char *week_start = NULL;
  guint n_help = 0;

  g_return_val_if_fail (update != NULL, NULL);

  today = rd_date_format (update->today);
  week_start = rd_date_format (update->week_start);

  g_string_append_printf (md, "# %s\n\n", _("Weekly renewal update"));
  if (update->company_name != NULL && *update->company_name != '\0')
    {
      g_autofree char *company = md_cell (update->company_name);

      g_string_append_printf (md, "%s · ", company);
    }
  /* Translators: the period a weekly update covers */
  g_string_append_printf (md, _("%s to %s"), week_start, today);
  g_string_append (md, "\n\n");

  g_string_append_printf (md, "## %s (%u)\n\n", _("Delayed renewals"), update->delays->len);
  if (update->delays->len == 0)
    g_string_append_printf (md, "%s\n\n", _("No renewal is delayed."));
  else
    {
      g_string_append_printf (md, "| %s | %s | %s | %s | %s | %s |\n|---|---|--:|---|---|---|\n",
                              _("Account"), _("Renews"), _("Annual value"), _("Stated reason"),
                              _("Cause"), _("Class"));
      for (guint i = 0; i < update->delays->len; i++)
        {
          RdWeeklyDelay *d = g_ptr_array_index (update->delays, i);
          g_autofree char *name = md_cell (d->account_name);
          g_autofree char *date = md_date (d->deadline);
          g_autofree char *value = md_money (d->annual_minor, d->currency);
          g_autofree char *reason = md_cell (d->stated_reason ? d->stated_reason : "—");

          g_string_append_printf (md, "| %s | %s | %s | %s | %s | %s |\n", name, date, value, reason,
                                  d->cause >= 0 ? rd_enum_table_label (&rd_cause_table, d->cause) : "—",
                                  rd_enum_table_label (&rd_class_table, d->klass));
          if (d->help_needed != NULL)
            n_help++;
        }
      g_string_append_c (md, '\n');
    }

  g_string_append_printf (md, "## %s\n\n", _("Actions taken this week"));
  if (update->actions->len == 0)
    g_string_append_printf (md, "%s\n\n", _("None recorded."));
  else
    {
      for (guint i = 0; i < update->actions->len; i++)
        {
          RdWeeklyAction *a = g_ptr_array_index (update->actions, i);
          g_autofree char *name = md_cell (a->account_name);
          g_autofree char *text = md_cell (a->text);
          g_autofree char *date = md_date (a->date);

          g_string_append_printf (md, "- **%s** (%s): %s\n", name, date, text);
        }
      g_string_append_c (md, '\n');
    }

  g_string_append_printf (md, "## %s\n\n", _("Help needed"));
  if (n_help == 0)
    g_string_append_printf (md, "%s\n\n", _("Nothing asked of the team this week."));
  else
    {
      for (guint i = 0; i < update->delays->len; i++)
        {
          RdWeeklyDelay *d = g_ptr_array_index (update->delays, i);
          g_autofree char *name = NULL;
          g_autofree char *text = NULL;

          if (d->help_needed == NULL)
            continue;
          name = md_cell (d->account_name);
          text = md_cell (d->help_needed);
          g_string_append_printf (md, "- **%s**: %s\n", name, text);
        }
      g_string_append_c (md, '\n');
    }

  g_string_append_printf (md, "## %s\n\n", _("Forecast impact"));
  for (int q = 0; q < 2; q++)
    {
      g_autofree char *from = rd_date_format (update->quarter_start[q]);
      g_autofree char *to = rd_date_format (update->quarter_end[q]);

      g_string_append_printf (md, "### %s: %s (%s – %s)\n\n",
                              q == 0 ? _("This quarter") : _("Next quarter"),
                              update->quarter_label[q], from, to);
      append_totals_table (md, update->totals[q]);
    }

  g_string_append_printf (md, "## %s\n\n", _("Risk assessment"));
  g_string_append_printf (md, _("Accounts renewing this quarter by risk: %u critical, %u high, "
                                "%u medium, %u low."),
                          update->bands[RD_RISK_BAND_CRITICAL], update->bands[RD_RISK_BAND_HIGH],
                          update->bands[RD_RISK_BAND_MEDIUM], update->bands[RD_RISK_BAND_LOW]);
  g_string_append (md, "\n\n");
  if (update->top_risks->len > 0)
    {
      g_string_append_printf (md, "| %s | %s | %s | %s |\n|---|--:|---|--:|\n",
                              _("Highest risk"), _("Score"), _("Renews"), _("Annual value"));
      for (guint i = 0; i < update->top_risks->len; i++)
        {
          RdWeeklyRisk *r = g_ptr_array_index (update->top_risks, i);
          g_autofree char *name = md_cell (r->account_name);
          g_autofree char *date = md_date (r->deadline);
          g_autofree char *value = md_money (r->annual_minor, r->currency);

          g_string_append_printf (md, "| %s | %d (%s) | %s | %s |\n", name, r->score,
                                  rd_enum_table_label (&rd_risk_band_table, r->band), date, value);
        }
      g_string_append_c (md, '\n');
    }

  return g_string_free (md, FALSE);
}

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

static guint
nice_ceiling (guint value)
{
  guint step = 1;

  while (value > step * 10)
    step *= 10;
  return ((value + step - 1) / step) * step;
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
  guint max_total = 1, axis_max;

  for (int m = 0; m < RD_WEEKLY_N_MONTHS; m++)
    {
      guint total = 0;
      for (int k = 0; k < 4; k++)
        total += chart->counts[m][k];
      max_total = MAX (max_total, total);
    }
  axis_max = MAX (4, nice_ceiling (max_total));

  /* Grid and axis labels. */
  cairo_set_line_width (cr, 0.4);
  for (int i = 0; i <= 4; i++)
    {
      double y = top + plot_h - plot_h * i / 4.0;
      g_autofree char *tick = g_strdup_printf ("%u", axis_max * i / 4);

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
      g_autofree char *amount = total_format (chart->by_cause[c], chart->currency);
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

static void
add_totals_rows (RdReportDoc *doc,
                 GPtrArray   *totals)
{
  static const double widths[] = { 0.16, 0.21, 0.21, 0.21, 0.21 };
  const char *header[] = { _("Currency"), _("Committed"), _("At risk"), _("Expected churn"), _("Total") };

  if (!_rd_report_doc_add_table_header (doc, totals->len, _("No renewals fall in this quarter."),
                                        5, header, widths))
    return;

  for (guint i = 0; i < totals->len; i++)
    {
      RdWeeklyTotals *t = g_ptr_array_index (totals, i);
      g_autofree char *c = total_format (t->committed, t->currency);
      g_autofree char *r = total_format (t->at_risk, t->currency);
      g_autofree char *e = total_format (t->expected_churn, t->currency);
      g_autofree char *all = total_format (totals_all (t), t->currency);
      g_autofree char *m0 = rd_markup ("<b>%s</b>", t->currency);
      g_autofree char *m1 = rd_markup ("%s", c);
      g_autofree char *m2 = rd_markup ("<span foreground=\"%s\">%s</span>", RD_REPORT_COLOR_RISK, r);
      g_autofree char *m3 = rd_markup ("%s", e);
      g_autofree char *m4 = rd_markup ("<b>%s</b>", all);
      const char *cells[5] = { m0, m1, m2, m3, m4 };

      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 5, cells, widths);
    }
}

static void
add_delays_section (RdReportDoc    *doc,
                    RdWeeklyUpdate *update)
{
  static const double widths[] = { 0.22, 0.13, 0.16, 0.30, 0.19 };
  const char *header[] = { _("Account"), _("Renews"), _("Annual value"), _("Stated reason and cause"),
                           _("Class") };
  g_autofree char *heading = rd_markup ("%s (%u)", _("Delayed renewals"), update->delays->len);

  _rd_report_doc_add_heading (doc, heading);
  _rd_report_doc_add_table_header (doc, update->delays->len, _("No renewal is delayed."),
                                   5, header, widths);
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
      const char *cells[5] = { m0, m1, m2, m3, m4 };

      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 5, cells, widths);
    }
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
}

static guint
count_help_needed (RdWeeklyUpdate *update)
{
  guint n_help = 0;

  for (guint i = 0; i < update->delays->len; i++)
    {
      RdWeeklyDelay *d = g_ptr_array_index (update->delays, i);

      if (d->help_needed != NULL)
        n_help++;
    }
  return n_help;
}

static void
add_help_section (RdReportDoc    *doc,
                  RdWeeklyUpdate *update)
{
  static const double widths[] = { 0.24, 0.76 };
  const char *header[] = { _("Account"), _("What we need from the team or management") };

  _rd_report_doc_add_heading (doc, _("Help needed"));
  _rd_report_doc_add_table_header (doc, count_help_needed (update),
                                   _("Nothing asked of the team this week."), 2, header, widths);
  for (guint i = 0; i < update->delays->len; i++)
    {
      RdWeeklyDelay *d = g_ptr_array_index (update->delays, i);
      g_autofree char *m0 = NULL;
      g_autofree char *m1 = NULL;
      const char *cells[2];

      if (d->help_needed == NULL)
        continue;
      m0 = rd_markup ("<b>%s</b>", d->account_name);
      m1 = rd_markup ("%s", d->help_needed);
      cells[0] = m0;
      cells[1] = m1;
      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 2, cells, widths);
    }
}

static void
add_forecast_section (RdReportDoc    *doc,
                      RdWeeklyUpdate *update)
{
  MonthChart *chart;

  _rd_report_doc_add_heading (doc, _("Forecast impact"));
  for (int q = 0; q < 2; q++)
    {
      g_autofree char *sub = rd_markup ("%s: %s", q == 0 ? _("This quarter") : _("Next quarter"),
                                        update->quarter_label[q]);
      _rd_report_doc_add_subheading (doc, sub);
      add_totals_rows (doc, update->totals[q]);
    }

  chart = g_new0 (MonthChart, 1);
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
    sum = total_add (sum, t->by_cause[c]);
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
          amount = total_format (sum_by_cause (t), t->currency);
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
  subtitle = rd_markup (_("%s to %s · %u accounts in the book"), week_start, today, update->n_accounts);
  _rd_report_doc_add_title (doc, title, subtitle);

  add_delays_section (doc, update);
  add_actions_section (doc, update);
  add_help_section (doc, update);
  add_forecast_section (doc, update);
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

RdWeeklyFormat
rd_weekly_format_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path ? path : "", -1);

  return g_str_has_suffix (lower, ".pdf") ? RD_WEEKLY_FORMAT_PDF : RD_WEEKLY_FORMAT_MARKDOWN;
}

gboolean
rd_weekly_update_write_file (RdWeeklyUpdate  *update,
                             const char      *path,
                             GError         **error)
{
  g_autofree char *markdown = NULL;

  g_return_val_if_fail (update != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (rd_weekly_format_for_path (path) == RD_WEEKLY_FORMAT_PDF)
    return rd_weekly_update_write_pdf (update, rd_paper_for_locale (), path, error);

  markdown = rd_weekly_update_to_markdown (update);
  return g_file_set_contents_full (path, markdown, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Async ---------------------------------------------------------------------- */

static void
write_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RdStore *store = source_object;
  const char *path = task_data;
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autoptr(GError) error = NULL;

  update = rd_weekly_update_collect (store, NULL, &error);
  if (update == NULL || !rd_weekly_update_write_file (update, path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
rd_weekly_update_write_file_async (RdStore             *store,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (path != NULL);

  rd_task_run_in_thread (store, rd_weekly_update_write_file_async, g_strdup (path), g_free,
                         write_file_thread, cancellable, callback, user_data);
}

gboolean
rd_weekly_update_write_file_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return rd_task_propagate_boolean (g_task_get_source_object (G_TASK (result)), result,
                                    rd_weekly_update_write_file_async, error);
}

static void
markdown_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autoptr(GError) error = NULL;

  update = rd_weekly_update_collect (source_object, NULL, &error);
  if (update == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, rd_weekly_update_to_markdown (update), g_free);
}

void
rd_weekly_update_markdown_async (RdStore             *store,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (store));

  rd_task_run_in_thread (store, rd_weekly_update_markdown_async, NULL, NULL, markdown_thread,
                         cancellable, callback, user_data);
}

char *
rd_weekly_update_markdown_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return rd_task_propagate_pointer (g_task_get_source_object (G_TASK (result)), result,
                                    rd_weekly_update_markdown_async, error);
}
