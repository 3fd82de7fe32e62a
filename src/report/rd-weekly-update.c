/* rd-weekly-update.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-pricing.h"
#include "rd-report.h"
#include "rd-report-private.h"
#include "rd-settings.h"
#include "rd-store-weekly.h"
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

static void
weekly_renewal_free (gpointer data)
{
  RdWeeklyRenewal *r = data;

  g_free (r->account_name);
  g_free (r->currency);
  g_free (r->deadline);
  g_free (r->closed_on);
  g_free (r);
}

static void
weekly_slip_free (gpointer data)
{
  RdWeeklySlip *slip = data;

  g_free (slip->account_name);
  g_free (slip->currency);
  g_free (slip->on);
  g_free (slip->from);
  g_free (slip->to);
  g_free (slip);
}

static void
weekly_move_free (gpointer data)
{
  RdWeeklyMove *move = data;

  g_free (move->account_name);
  g_free (move->currency);
  g_free (move);
}

static void
weekly_count_free (gpointer data)
{
  RdWeeklyCount *count = data;

  g_free (count->label);
  g_free (count);
}

static void
weekly_retro_free (gpointer data)
{
  RdWeeklyRetro *retro = data;

  g_free (retro->account_name);
  g_free (retro->date);
  g_free (retro->text);
  g_free (retro);
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

/* The one place where amounts are added up: @value in @currency onto
 * @field of @totals (whose currency it is).  A later conversion into one
 * reporting currency goes here. */
static void
money_add (RdWeeklyTotals *totals,
           gint64         *field,
           const char     *currency,
           gint64          value)
{
  g_assert (g_strcmp0 (totals->currency, currency) == 0);
  *field = total_add (*field, value);
}

static char *
total_format (gint64      minor,
              const char *currency)
{
  if (minor == G_MAXINT64)
    return g_strdup (_("too large to add up"));

  return rd_money_format (minor, currency);
}

/* Still to do, every category but Omitted. */
static gint64
totals_open (const RdWeeklyTotals *t)
{
  gint64 sum = 0;

  for (int k = 0; k < RD_FORECAST_OMITTED; k++)
    sum = total_add (sum, t->by_category[k]);
  return sum;
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const RdWeeklyTotals *x = *(RdWeeklyTotals * const *) a;
  const RdWeeklyTotals *y = *(RdWeeklyTotals * const *) b;

  return g_strcmp0 (x->currency, y->currency);
}

/* Compares two items of a list, their account names aside. */
typedef int (*CompareItems) (gconstpointer x,
                             gconstpointer y);

typedef struct
{
  gpointer  item;
  char     *name_key;        /* g_utf8_collate_key() of its account name */
} KeyedItem;

static int
compare_keyed (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const KeyedItem *x = a;
  const KeyedItem *y = b;
  const CompareItems *compare = data;
  int cmp = (*compare) (x->item, y->item);

  return cmp != 0 ? cmp : strcmp (x->name_key, y->name_key);
}

/* Sorts @array by @compare, then by the account name at @name_offset of
 * each item in g_utf8_collate() order.  Each name is collated once into
 * a key instead of at each comparison: tens of thousands of rows on the
 * same days made the sort mostly g_utf8_collate().  Stable, as
 * g_ptr_array_sort(). */
static void
sort_then_by_name (GPtrArray    *array,
                   CompareItems  compare,
                   gsize         name_offset)
{
  g_autofree KeyedItem *keyed = g_new (KeyedItem, array->len + 1);

  for (guint i = 0; i < array->len; i++)
    {
      const char *name = G_STRUCT_MEMBER (const char *, array->pdata[i], name_offset);

      keyed[i].item = array->pdata[i];
      keyed[i].name_key = g_utf8_collate_key (name != NULL ? name : "", -1);
    }
  g_qsort_with_data (keyed, (int) array->len, sizeof *keyed, compare_keyed, &compare);
  for (guint i = 0; i < array->len; i++)
    {
      array->pdata[i] = keyed[i].item;
      g_free (keyed[i].name_key);
    }
}

/* By deadline (none last), then by name. */
static int
compare_delay_deadlines (gconstpointer a,
                         gconstpointer b)
{
  const RdWeeklyDelay *x = a;
  const RdWeeklyDelay *y = b;

  return g_strcmp0 (x->deadline ? x->deadline : "9999", y->deadline ? y->deadline : "9999");
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

static void
set_quarter (RdWeeklyUpdate *update,
             int             which,
             const GDate    *today)
{
  GDate start, end;

  rd_forecast_quarter (today, which, &start, &end);
  update->quarter_start[which] = rd_date_to_string (&start);
  update->quarter_end[which] = rd_date_to_string (&end);
  /* Translators: a calendar quarter, e.g. "Q3 2026" */
  update->quarter_label[which] = g_strdup_printf (_("Q%d %d"), rd_forecast_quarter_number (&start),
                                                  (int) g_date_get_year (&start));
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
  update->renewals = g_ptr_array_new_with_free_func (weekly_renewal_free);
  update->slips = g_ptr_array_new_with_free_func (weekly_slip_free);
  update->moves = g_ptr_array_new_with_free_func (weekly_move_free);
  update->loss_reasons = g_ptr_array_new_with_free_func (weekly_count_free);
  update->competitors = g_ptr_array_new_with_free_func (weekly_count_free);
  update->retros = g_ptr_array_new_with_free_func (weekly_retro_free);
  update->target_minor = -1;
  {
    GDate since = *now;

    g_date_subtract_days (&since, 365);
    update->losses_since = rd_date_to_string (&since);
  }
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
add_action (RdWeeklyUpdate          *update,
            const RdStoreAccountRow *account,
            char                    *text,      /* owned */
            char                    *date)      /* owned */
{
  RdWeeklyAction *action = g_new0 (RdWeeklyAction, 1);

  action->account_name = g_strdup (account->name);
  action->text = text;
  action->date = date;
  g_ptr_array_add (update->actions, action);
}

static RdWeeklyDelay *
weekly_delay_new (const RdStoreDelayRow   *row,
                  const RdStoreAccountRow *account)
{
  RdWeeklyDelay *delay = g_new0 (RdWeeklyDelay, 1);

  delay->account_name = g_strdup (account->name);
  delay->currency = g_strdup (account->currency);
  delay->annual_minor = account->annual_value_minor;
  delay->deadline = g_strdup (account->deadline);
  delay->stated_reason = g_strdup (row->stated_reason);
  delay->cause = row->cause;
  delay->klass = row->klass;
  delay->actions_taken = g_strdup (row->actions_taken);
  delay->help_needed = g_strdup (row->help_needed);
  delay->next_step = g_strdup (row->next_step);
  delay->next_step_on = g_strdup (row->next_step_on);
  return delay;
}

/* Delays: the list, the actions of the week, each account's worst open
 * class (into @worst: id → RdClass + 1) and the value at risk by cause. */
static void add_retro (RdWeeklyUpdate *update,
                       const char     *account_name,
                       const char     *text,
                       const char     *date,
                       gboolean        loss);

static void
collect_delays (RdWeeklyUpdate  *update,
                GPtrArray       *delay_rows,
                GHashTable      *by_id,
                GHashTable      *worst)
{
  g_autoptr(GHashTable) cause_seen = NULL;     /* "id:cause" */
  g_autoptr(GHashTable) cause_index = NULL;

  cause_index = g_hash_table_new (g_str_hash, g_str_equal);
  cause_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < delay_rows->len; i++)
    {
      RdStoreDelayRow *row = g_ptr_array_index (delay_rows, i);
      const RdStoreAccountRow *account = row->account_id ? g_hash_table_lookup (by_id, row->account_id) : NULL;

      if (account == NULL)
        continue;

      if (row->resolved)
        add_retro (update, account->name, row->retrospective, row->resolved_on, FALSE);

      if (row->resolved || account->status == RD_STATUS_LOST || account->status == RD_STATUS_RENEWED)
        continue;

      g_ptr_array_add (update->delays, weekly_delay_new (row, account));

      if (GPOINTER_TO_INT (g_hash_table_lookup (worst, account->id)) < (int) row->klass + 1)
        g_hash_table_insert (worst, account->id, GINT_TO_POINTER (row->klass + 1));

      if (row->cause >= 0)
        {
          char *key = g_strdup_printf ("%s:%d", account->id, row->cause);

          if (g_hash_table_add (cause_seen, key))
            {
              RdWeeklyTotals *totals = totals_for (cause_index, update->cause_totals, account->currency);
              money_add (totals, &totals->by_cause[row->cause], account->currency,
                         account->annual_value_minor);
            }
        }
    }
  sort_then_by_name (update->delays, compare_delay_deadlines, G_STRUCT_OFFSET (RdWeeklyDelay, account_name));
}

/* The week's calls, mails, meetings and notes from the activity log:
 * "Call: Walked them through the options — “Finance decides Friday”". */
static void
collect_activities (RdWeeklyUpdate *update,
                    GPtrArray      *activity_rows,
                    GHashTable     *by_id)
{
  for (guint i = 0; activity_rows != NULL && i < activity_rows->len; i++)
    {
      RdStoreActivityRow *row = g_ptr_array_index (activity_rows, i);
      const char *on = row->on;
      const char *summary = row->summary;
      const char *response = row->their_response;
      int kind = row->kind;
      const RdStoreAccountRow *account = row->account_id != NULL ? g_hash_table_lookup (by_id, row->account_id)
                                                                 : NULL;
      GString *text;

      if (account == NULL || on == NULL || g_strcmp0 (on, update->week_start) < 0 ||
          g_strcmp0 (on, update->today) > 0)
        continue;

      text = g_string_new (rd_enum_table_label (&rd_activity_kind_table, kind >= 0 ? kind : RD_ACTIVITY_NOTE));
      if (summary != NULL)
        g_string_append_printf (text, ": %s", summary);
      if (response != NULL)
        /* Translators: how the customer answered, after an activity in the weekly update */
        g_string_append_printf (text, _(" — they said: %s"), response);
      add_action (update, account, g_string_free (text, FALSE), g_strdup (on));
    }
}

/* Plan steps done this week count as actions too. */
static gboolean
collect_plan_steps (RdWeeklyUpdate  *update,
                    RdStore         *store,
                    GHashTable      *by_id,
                    GError         **error)
{
  g_autoptr(GPtrArray) steps = NULL;

  steps = rd_store_list_step_rows_done (store, update->week_start, update->today, error);
  if (steps == NULL)
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    {
      RdStoreStepRow *step = g_ptr_array_index (steps, i);
      const RdStoreAccountRow *account = step->account_id ? g_hash_table_lookup (by_id, step->account_id) : NULL;

      if (account == NULL)
        continue;
      add_action (update, account,
                  /* Translators: an action in the weekly update: a recovery plan step was done */
                  g_strdup_printf (_("Plan step done: %s"), step->title ? step->title : ""),
                  g_strdup (step->done_on));
    }
  g_ptr_array_sort (update->actions, compare_actions);
  return TRUE;
}

static void
add_risk (RdWeeklyUpdate          *update,
          const RdStoreAccountRow *account)
{
  RdWeeklyRisk *risk = g_new0 (RdWeeklyRisk, 1);

  risk->account_name = g_strdup (account->name);
  risk->score = account->risk_score;
  risk->band = account->risk_band;
  risk->deadline = g_strdup (account->deadline);
  risk->currency = g_strdup (account->currency);
  risk->annual_minor = account->annual_value_minor;
  g_ptr_array_add (update->top_risks, risk);
}

/* What the forecast rules need of one account (borrowed from the lists
 * collect() holds); the lists stay NULL while the account has none. */
typedef struct
{
  const RdStoreAccountRow *account;
  GPtrArray  *delays;        /* RdStoreDelayRow, unsettled */
  GPtrArray  *plans;         /* JsonObject */
  GPtrArray  *bridges;       /* JsonObject */
  const char *lost_on;        /* the open loss's closed_on */
  gboolean    activity_known;
  char       *activity_on;    /* the newest activity on or before today, once looked up */
} AccountInfo;

static void
account_info_clear (AccountInfo *info)
{
  g_clear_pointer (&info->activity_on, g_free);
  g_clear_pointer (&info->delays, g_ptr_array_unref);
  g_clear_pointer (&info->plans, g_ptr_array_unref);
  g_clear_pointer (&info->bridges, g_ptr_array_unref);
}

static guint
n_items (GPtrArray *array)
{
  return array != NULL ? array->len : 0;
}

static void
attach (GHashTable *infos,
        const char *account_id,
        gsize       offset,
        gpointer    item)
{
  AccountInfo *info = account_id ? g_hash_table_lookup (infos, account_id) : NULL;
  GPtrArray **list;

  if (info == NULL)
    return;
  list = &G_STRUCT_MEMBER (GPtrArray *, info, offset);
  if (*list == NULL)
    *list = g_ptr_array_new ();
  g_ptr_array_add (*list, item);
}

static void
attach_docs (GHashTable *infos,
             GPtrArray  *docs,
             gsize       offset)
{
  for (guint i = 0; docs != NULL && i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      attach (infos, _rd_report_str_or_null (doc, "account_id"), offset, doc);
    }
}

static void
add_retro (RdWeeklyUpdate *update,
           const char     *account_name,
           const char     *text,
           const char     *date,
           gboolean        loss)
{
  RdWeeklyRetro *retro;

  if (text == NULL || date == NULL || g_strcmp0 (date, update->week_start) < 0 ||
      g_strcmp0 (date, update->today) > 0)
    return;

  retro = g_new0 (RdWeeklyRetro, 1);
  retro->account_name = g_strdup (account_name);
  retro->date = g_strdup (date);
  retro->loss = loss;
  retro->text = g_strdup (text);
  g_ptr_array_add (update->retros, retro);
}

static const char *
later_of (const char *a,
          const char *b)
{
  if (a == NULL)
    return b;
  return b != NULL && strcmp (b, a) > 0 ? b : a;
}

/* The latest of @date and @current that is not after @day_iso. */
static const char *
contact_until (const char *current,
               const char *date,
               const char *day_iso)
{
  if (date == NULL || strlen (date) < 10 || strncmp (date, day_iso, 10) > 0)
    return current;
  return later_of (current, date);
}

/* The facts as they were on @day: what was open, kept and decided then.
 * The risk rating and a plan's answer are as they are now. */
static void
facts_at (AccountInfo     *info,
          const GDate     *day,
          const char      *day_iso,
          RdForecastFacts *facts)
{
  const RdStoreAccountRow *account = info->account;
  RdStatus status = account->status;
  const char *decided = account->decided_on;
  const char *plan_started = NULL;

  rd_forecast_facts_init (facts);
  facts->risk_band = account->risk_band;
  facts->deadline = account->deadline;

  if (status == RD_STATUS_LOST && info->lost_on != NULL && strcmp (info->lost_on, day_iso) > 0)
    status = RD_STATUS_ACTIVE;
  else if ((status == RD_STATUS_RENEWED || status == RD_STATUS_EXPECTED_CHURN) &&
           decided != NULL && strcmp (decided, day_iso) > 0)
    status = RD_STATUS_ACTIVE;
  facts->status = status;

  for (guint i = 0; i < n_items (info->delays); i++)
    {
      RdStoreDelayRow *delay = g_ptr_array_index (info->delays, i);
      const char *communicated = delay->communicated_on;

      if (communicated != NULL && strcmp (communicated, day_iso) > 0)
        continue;
      facts->last_contact_on = contact_until (facts->last_contact_on, communicated, day_iso);
      for (guint c = 0; c < G_N_ELEMENTS (delay->kept_on); c++)
        facts->last_contact_on = contact_until (facts->last_contact_on, delay->kept_on[c], day_iso);
      if (delay->resolved && (delay->resolved_on == NULL || strcmp (delay->resolved_on, day_iso) <= 0))
        continue;

      facts->n_open_delays++;
      facts->worst_open_class = MAX (facts->worst_open_class, (int) delay->klass);
      for (guint c = 0; c < G_N_ELEMENTS (delay->commitment); c++)
        if (rd_forecast_commitment_missed (delay->commitment[c], delay->kept_on[c], day))
          facts->n_missed++;
    }

  /* The newest live plan speaks for the customer. */
  for (guint i = 0; i < n_items (info->plans); i++)
    {
      JsonObject *doc = g_ptr_array_index (info->plans, i);
      const char *started = _rd_report_str_or_null (doc, "started_on");
      int answer = rd_enum_table_lookup (&rd_customer_answer_table,
                                         _rd_report_str_or_null (doc, "customer_answer"));

      if (g_strcmp0 (_rd_report_str_or_null (doc, "status"), "failed") == 0 ||
          (started != NULL && strcmp (started, day_iso) > 0) || answer < 0)
        continue;
      if (facts->plan_answer < 0 || g_strcmp0 (started, plan_started) >= 0)
        {
          facts->plan_answer = answer;
          plan_started = started;
        }
    }
}

/* @info's newest activity on or before @day_iso.  Today's is kept: when
 * it is on or before the week's first day too, it is that day's newest as
 * well, and the week's first day is weighed after today. */
static gboolean
newest_activity (RdWeeklyUpdate  *update,
                 RdStore         *store,
                 AccountInfo     *info,
                 const char      *day_iso,
                 char           **out_day,
                 GError         **error)
{
  gboolean today = strcmp (day_iso, update->today) == 0;

  if (info->activity_known &&
      (today || info->activity_on == NULL || strncmp (info->activity_on, day_iso, 10) <= 0))
    {
      *out_day = g_strdup (info->activity_on);
      return TRUE;
    }
  if (!rd_store_newest_activity_of (store, info->account->id, day_iso, out_day, error))
    return FALSE;
  if (today)
    {
      info->activity_known = TRUE;
      info->activity_on = g_strdup (*out_day);
    }
  return TRUE;
}

/* The forecast category of @info on @day, and why.  The last contact
 * comes from its unsettled delays; the store is asked for its newest
 * activity, then for its delays settled before the week, only when the
 * rules get to "nobody talked to them", the one rule a contact changes:
 * a book's millions of activities and settled delays are never read
 * whole.  A lookup stops the walk once a contact counts: every stored day
 * is a checked date, so a newer one on or before @day counts as well. */
static gboolean
category_at (RdWeeklyUpdate      *update,
             RdStore             *store,
             AccountInfo         *info,
             const GDate         *day,
             const char          *day_iso,
             RdForecastCategory  *out_category,
             RdForecastWhy       *out_why,
             GError             **error)
{
  g_autofree char *activity_on = NULL;
  g_autofree char *settled_on = NULL;
  RdForecastFacts facts;
  RdForecastWhy why;
  RdForecastCategory category;

  facts_at (info, day, day_iso, &facts);
  category = rd_forecast_category (&facts, day, &why);
  if (why == RD_FORECAST_WHY_NO_CONTACT && rd_entity_spec_lookup ("activity") != NULL)
    {
      if (!newest_activity (update, store, info, day_iso, &activity_on, error))
        return FALSE;
      facts.last_contact_on = later_of (facts.last_contact_on, activity_on);
      category = rd_forecast_category (&facts, day, &why);
    }
  if (why == RD_FORECAST_WHY_NO_CONTACT)
    {
      if (!rd_store_newest_settled_contact_of (store, info->account->id, update->week_start, day_iso,
                                               &settled_on, error))
        return FALSE;
      facts.last_contact_on = later_of (facts.last_contact_on, settled_on);
      category = rd_forecast_category (&facts, day, &why);
    }
  *out_category = category;
  if (out_why != NULL)
    *out_why = why;
  return TRUE;
}

/* Overdue, then to do, then closed; by day (then by name). */
static int
compare_renewal_days (gconstpointer a,
                      gconstpointer b)
{
  const RdWeeklyRenewal *x = a;
  const RdWeeklyRenewal *y = b;

  if (x->place != y->place)
    return x->place == RD_FORECAST_OVERDUE ? -1 : y->place == RD_FORECAST_OVERDUE ? 1
           : x->place == RD_FORECAST_CLOSED ? 1 : -1;
  return x->place == RD_FORECAST_CLOSED ? g_strcmp0 (x->closed_on, y->closed_on)
                                        : g_strcmp0 (x->deadline, y->deadline);
}

static int
compare_slips (gconstpointer a,
               gconstpointer b)
{
  const RdWeeklySlip *x = *(RdWeeklySlip * const *) a;
  const RdWeeklySlip *y = *(RdWeeklySlip * const *) b;

  return g_strcmp0 (y->on, x->on);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const RdWeeklyCount *x = *(RdWeeklyCount * const *) a;
  const RdWeeklyCount *y = *(RdWeeklyCount * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

static int
compare_retros (gconstpointer a,
                gconstpointer b)
{
  const RdWeeklyRetro *x = *(RdWeeklyRetro * const *) a;
  const RdWeeklyRetro *y = *(RdWeeklyRetro * const *) b;

  return g_strcmp0 (y->date, x->date);
}

static void
count_label (GPtrArray  *counts,
             GHashTable *index,
             const char *label)
{
  RdWeeklyCount *count = g_hash_table_lookup (index, label);

  if (count == NULL)
    {
      count = g_new0 (RdWeeklyCount, 1);
      count->label = g_strdup (label);
      g_hash_table_insert (index, count->label, count);
      g_ptr_array_add (counts, count);
    }
  count->count++;
}

/* Losses of the last year, counted by reason and by competitor; the
 * retrospectives of this week's; and each account's open loss day. */
static void
collect_losses (RdWeeklyUpdate *update,
                GPtrArray      *loss_docs,
                GHashTable     *infos)
{
  g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) competitors = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < loss_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (loss_docs, i);
      const char *account_id = _rd_report_str_or_null (doc, "account_id");
      AccountInfo *info = account_id ? g_hash_table_lookup (infos, account_id) : NULL;
      const char *closed_on = _rd_report_str_or_null (doc, "closed_on");
      const char *competitor = _rd_report_str_or_null (doc, "competitor");
      int reason = rd_enum_table_lookup (&rd_loss_reason_table, _rd_report_str_or_null (doc, "reason"));

      if (info == NULL || closed_on == NULL)
        continue;
      if (_rd_report_str_or_null (doc, "reopened_on") == NULL)
        info->lost_on = later_of (info->lost_on, closed_on);
      add_retro (update, info->account->name, _rd_report_str_or_null (doc, "retrospective"), closed_on,
                 TRUE);

      if (strcmp (closed_on, update->losses_since) < 0 || strcmp (closed_on, update->today) > 0)
        continue;
      update->n_losses++;
      count_label (update->loss_reasons, reasons,
                   reason >= 0 ? rd_enum_table_label (&rd_loss_reason_table, reason)
                               : _("No reason given"));
      if (competitor != NULL)
        count_label (update->competitors, competitors, competitor);
    }
  g_ptr_array_sort (update->loss_reasons, compare_counts);
  g_ptr_array_sort (update->competitors, compare_counts);
}

static void
add_renewal (RdWeeklyUpdate          *update,
             const RdStoreAccountRow *account,
             RdForecastPlace          place,
             const char              *closed_on,
             RdForecastCategory       category,
             RdForecastWhy            why)
{
  RdWeeklyRenewal *r = g_new0 (RdWeeklyRenewal, 1);

  r->account_name = g_strdup (account->name);
  r->currency = g_strdup (account->currency);
  r->annual_minor = account->annual_value_minor;
  r->deadline = g_strdup (account->deadline);
  r->closed_on = place == RD_FORECAST_CLOSED ? g_strdup (closed_on) : NULL;
  r->status = account->status;
  r->place = place;
  r->category = category;
  r->why = why;
  g_ptr_array_add (update->renewals, r);
}

/* The slips of @info's accepted bridges that left this quarter or were
 * accepted this week. */
static void
collect_slips (RdWeeklyUpdate *update,
               AccountInfo    *info,
               RdWeeklyTotals *totals,
               const GDate    *quarter_start,
               const GDate    *quarter_end)
{
  g_autofree RdForecastBridge *bridges = NULL;
  g_autoptr(GPtrArray) slips = NULL;
  const RdStoreAccountRow *account = info->account;
  guint n = 0;

  if (info->bridges == NULL)
    return;
  bridges = g_new0 (RdForecastBridge, info->bridges->len + 1);
  for (guint i = 0; i < info->bridges->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (info->bridges, i);
      int kind = rd_enum_table_lookup (&rd_bridge_kind_table, _rd_report_str_or_null (doc, "kind"));

      if (g_strcmp0 (_rd_report_str_or_null (doc, "status"), "accepted") != 0 || kind < 0)
        continue;
      bridges[n].accepted_on = _rd_report_str_or_null (doc, "accepted_on");
      bridges[n].ends_on = _rd_report_str_or_null (doc, "ends_on");
      bridges[n].moves_deadline = rd_pricing_kind_moves_deadline (kind);
      n++;
    }
  if (n == 0)
    return;

  slips = rd_forecast_slips (account->contract_end, bridges, n);
  for (guint i = 0; i < slips->len; i++)
    {
      RdForecastSlip *slip = g_ptr_array_index (slips, i);
      gboolean this_week = strcmp (slip->on, update->week_start) >= 0 &&
                           strcmp (slip->on, update->today) <= 0;
      gboolean left = strcmp (slip->on, update->today) <= 0 &&
                      rd_forecast_slip_leaves_quarter (slip, quarter_start, quarter_end);
      RdWeeklySlip *out;

      if (!this_week && !left)
        continue;
      out = g_new0 (RdWeeklySlip, 1);
      out->account_name = g_strdup (account->name);
      out->currency = g_strdup (account->currency);
      out->annual_minor = account->annual_value_minor;
      out->on = g_strdup (slip->on);
      out->from = g_strdup (slip->from);
      out->to = g_strdup (slip->to);
      out->this_week = this_week;
      out->left_quarter = left;
      g_ptr_array_add (update->slips, out);
      if (left)
        money_add (totals, &totals->slipped, out->currency, out->annual_minor);
    }
}

static gboolean
has_renewal_in (RdWeeklyUpdate *update,
                const char     *currency)
{
  for (guint i = 0; i < update->renewals->len; i++)
    {
      RdWeeklyRenewal *r = g_ptr_array_index (update->renewals, i);

      if (g_strcmp0 (r->currency, currency) == 0)
        return TRUE;
    }
  for (guint i = 0; i < update->slips->len; i++)
    {
      RdWeeklySlip *slip = g_ptr_array_index (update->slips, i);

      if (slip->left_quarter && g_strcmp0 (slip->currency, currency) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The book: this quarter's renewals and forecast, next quarter's,
 * movement this week, renewals per month, risk. */
static gboolean
collect_book (RdWeeklyUpdate  *update,
              RdStore         *store,
              AccountInfo     *infos,
              guint            n_infos,
              GHashTable      *worst,
              const GDate     *today,
              const GDate     *month_start,
              GError         **error)
{
  g_autoptr(GHashTable) totals_this = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) totals_next = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *totals_index[2] = { totals_this, totals_next };
  g_autofree char *month_start_iso = rd_date_to_string (month_start);
  g_autofree char *horizon_end_iso = NULL;
  GDate horizon_end = *month_start;
  GDate week_start, quarter_start, quarter_end;

  g_date_add_months (&horizon_end, RD_WEEKLY_N_MONTHS);
  horizon_end_iso = rd_date_to_string (&horizon_end);
  rd_date_parse (update->week_start, &week_start);
  rd_date_parse (update->quarter_start[0], &quarter_start);
  rd_date_parse (update->quarter_end[0], &quarter_end);

  for (guint i = 0; i < n_infos; i++)
    {
      AccountInfo *info = &infos[i];
      const RdStoreAccountRow *account = info->account;
      const char *deadline = account->deadline;
      const char *currency = account->currency;
      gint64 value = account->annual_value_minor;
      RdStatus status = account->status;
      int worst_class = GPOINTER_TO_INT (g_hash_table_lookup (worst, account->id)) - 1;
      const char *closed_on = status == RD_STATUS_LOST ? info->lost_on
                              : status == RD_STATUS_RENEWED ? account->decided_on
                              : NULL;
      RdForecastPlace place = rd_forecast_quarter_place (status, deadline, closed_on, today);
      gboolean next = status != RD_STATUS_RENEWED && status != RD_STATUS_LOST && deadline != NULL &&
                      g_strcmp0 (deadline, update->quarter_start[1]) >= 0 &&
                      g_strcmp0 (deadline, update->quarter_end[1]) <= 0;
      RdWeeklyTotals *totals = totals_for (totals_index[0], update->totals[0], currency);
      RdForecastCategory category = RD_FORECAST_PIPELINE;
      RdForecastWhy why = RD_FORECAST_WHY_TALKING;

      /* The forecast only for the renewals this update shows. */
      if ((place != RD_FORECAST_OUTSIDE || next) &&
          !category_at (update, store, info, today, update->today, &category, &why, error))
        return FALSE;

      if (place != RD_FORECAST_OUTSIDE)
        {
          totals->n_accounts++;
          add_renewal (update, account, place, closed_on, category, why);
          if (place == RD_FORECAST_CLOSED)
            money_add (totals, status == RD_STATUS_LOST ? &totals->lost : &totals->renewed,
                       currency, value);
          else
            {
              money_add (totals, &totals->by_category[category], currency, value);
              update->bands[CLAMP (account->risk_band, 0, 3)]++;
            }
        }
      if (next)
        {
          RdWeeklyTotals *t = totals_for (totals_index[1], update->totals[1], currency);
          t->n_accounts++;
          money_add (t, &t->by_category[category], currency, value);
        }

      /* Movement: the category on the week's first day, with what was
       * known then. */
      if (place != RD_FORECAST_OUTSIDE || next)
        {
          RdForecastCategory was;

          if (!category_at (update, store, info, &week_start, update->week_start, &was, NULL, error))
            return FALSE;
          if (was != category)
            {
              RdWeeklyMove *move = g_new0 (RdWeeklyMove, 1);

              move->account_name = g_strdup (account->name);
              move->currency = g_strdup (currency);
              move->annual_minor = value;
              move->from = was;
              move->to = category;
              move->why = why;
              g_ptr_array_add (update->moves, move);
            }
        }

      collect_slips (update, info, totals, &quarter_start, &quarter_end);

      if (deadline == NULL || status == RD_STATUS_LOST)
        continue;

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

      if (status != RD_STATUS_RENEWED && account->risk_score > 0 &&
          g_strcmp0 (deadline, update->quarter_end[1]) <= 0)
        add_risk (update, account);
    }

  /* Only currencies with something in them. */
  for (guint i = update->totals[0]->len; i > 0; i--)
    {
      RdWeeklyTotals *t = g_ptr_array_index (update->totals[0], i - 1);

      if (totals_open (t) == 0 && t->by_category[RD_FORECAST_OMITTED] == 0 && t->renewed == 0 &&
          t->lost == 0 && t->slipped == 0 && !has_renewal_in (update, t->currency))
        g_ptr_array_remove_index (update->totals[0], i - 1);
    }

  sort_then_by_name (update->renewals, compare_renewal_days, G_STRUCT_OFFSET (RdWeeklyRenewal, account_name));
  g_ptr_array_sort (update->slips, compare_slips);
  g_ptr_array_sort (update->retros, compare_retros);
  g_ptr_array_sort (update->top_risks, compare_risks);
  if (update->top_risks->len > 10)
    g_ptr_array_set_size (update->top_risks, 10);
  for (int q = 0; q < 2; q++)
    g_ptr_array_sort (update->totals[q], compare_totals);
  g_ptr_array_sort (update->cause_totals, compare_totals);
  return TRUE;
}

static void
read_target (RdWeeklyUpdate *update)
{
  g_autoptr(GSettings) settings = rd_settings_new ();
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return;
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, "quarter-target"))
    return;
  target = g_settings_get_string (settings, "quarter-target");
  if (!rd_weekly_update_set_target (update, target, &error))
    g_debug ("Ignoring the quarter target: %s", error->message);
}

static RdWeeklyUpdate *
collect_update (RdStore      *store,
                const GDate  *today,
                GError      **error)
{
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) delay_rows = NULL;
  g_autoptr(GPtrArray) plan_docs = NULL;
  g_autoptr(GPtrArray) bridge_docs = NULL;
  g_autoptr(GPtrArray) loss_docs = NULL;
  g_autoptr(GPtrArray) activity_rows = NULL;
  g_autoptr(GHashTable) by_id = NULL;          /* id → RdStoreAccountRow */
  g_autoptr(GHashTable) infos = NULL;          /* id → AccountInfo */
  g_autoptr(GHashTable) worst = NULL;          /* id → RdClass + 1 */
  g_autofree AccountInfo *info_array = NULL;
  GDate now, month_start;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  if (today != NULL)
    now = *today;
  else
    rd_date_today (&now);

  update = update_new (&now, &month_start);

  accounts = rd_store_list_account_rows (store, error);
  if (accounts == NULL)
    return NULL;
  update->n_accounts = accounts->len;
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  infos = g_hash_table_new (g_str_hash, g_str_equal);
  info_array = g_new0 (AccountInfo, accounts->len + 1);
  for (guint i = 0; i < accounts->len; i++)
    {
      RdStoreAccountRow *account = g_ptr_array_index (accounts, i);

      info_array[i].account = account;
      g_hash_table_insert (by_id, account->id, account);
      g_hash_table_insert (infos, account->id, &info_array[i]);
    }

  /* Only the delays still open at the week's start, or resolved since, are
   * read; what the older ones tell (their last contact) is looked up when
   * needed (category_at()).  The activities are read for the week only. */
  if ((delay_rows = rd_store_list_delay_rows_unsettled (store, update->week_start, error)) == NULL ||
      (plan_docs = rd_store_list_documents (store, "plan", NULL, NULL, error)) == NULL ||
      (bridge_docs = rd_store_list_documents (store, "bridge", "status", "accepted", error)) == NULL ||
      (loss_docs = rd_store_list_documents (store, "loss", NULL, NULL, error)) == NULL)
    return NULL;
  if (rd_entity_spec_lookup ("activity") != NULL &&
      (activity_rows = rd_store_list_activity_rows_between (store, update->week_start, update->today,
                                                            error)) == NULL)
    return NULL;
  for (guint i = 0; i < delay_rows->len; i++)
    {
      RdStoreDelayRow *row = g_ptr_array_index (delay_rows, i);

      attach (infos, row->account_id, G_STRUCT_OFFSET (AccountInfo, delays), row);
    }
  attach_docs (infos, plan_docs, G_STRUCT_OFFSET (AccountInfo, plans));
  attach_docs (infos, bridge_docs, G_STRUCT_OFFSET (AccountInfo, bridges));

  worst = g_hash_table_new (g_str_hash, g_str_equal);
  collect_activities (update, activity_rows, by_id);
  collect_delays (update, delay_rows, by_id, worst);
  ok = collect_plan_steps (update, store, by_id, error);
  if (ok)
    {
      collect_losses (update, loss_docs, infos);
      ok = collect_book (update, store, info_array, accounts->len, worst, &now, &month_start, error);
    }
  for (guint i = 0; i < accounts->len; i++)
    account_info_clear (&info_array[i]);
  if (!ok)
    return NULL;
  {
    g_autoptr(GPtrArray) rate_docs = rd_store_list_documents (store, "exchange_rate", NULL, NULL, error);
    g_autoptr(GSettings) settings = rd_settings_new ();
    g_autofree char *currency = rd_settings_dup_reporting_currency (settings);

    if (rate_docs == NULL)
      return NULL;
    update->rates = rd_exchange_table_new (rate_docs);
    rd_weekly_update_set_currency (update, currency, NULL);
  }
  read_target (update);

  return g_steal_pointer (&update);
}

RdWeeklyUpdate *
rd_weekly_update_collect (RdStore      *store,
                          const GDate  *today,
                          GError      **error)
{
  gint64 start = g_get_monotonic_time ();
  RdWeeklyUpdate *update = collect_update (store, today, error);

  /* bench/scale times the collection with RD_BENCH_WEEKLY=1. */
  if (g_getenv ("RD_BENCH_WEEKLY") != NULL)
    g_print ("weekly-collect-ms %.1f\n", (g_get_monotonic_time () - start) / 1000.0);

  return update;
}

gboolean
rd_weekly_update_set_target (RdWeeklyUpdate  *update,
                             const char      *target,
                             GError         **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *amount = NULL;
  gint64 minor;

  g_return_val_if_fail (update != NULL, FALSE);

  g_clear_pointer (&update->target_currency, g_free);
  update->target_minor = -1;
  amount = g_strstrip (g_strdup (target != NULL ? target : ""));
  if (*amount == '\0')
    return TRUE;
  /* A trailing currency code: "250000 EUR". */
  if (strlen (amount) > 4 && amount[strlen (amount) - 4] == ' ')
    {
      char *code = amount + strlen (amount) - 3;

      if (rd_currency_is_valid (code))
        {
          currency = g_ascii_strup (code, -1);
          code[-1] = '\0';
          g_strstrip (amount);
        }
    }
  if (currency == NULL)
    {
      if (update->totals[0]->len != 1)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Give the target's currency, for example “250000 EUR”."));
          return FALSE;
        }
      currency = g_strdup (((RdWeeklyTotals *) g_ptr_array_index (update->totals[0], 0))->currency);
    }
  if (!rd_money_parse (amount, currency, &minor, error))
    return FALSE;
  if (minor <= 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The target must be more than zero."));
      return FALSE;
    }
  update->target_minor = minor;
  update->target_currency = g_steal_pointer (&currency);
  return TRUE;
}

/* One figure of @t in the reporting currency, added to @sum: FALSE when
 * no rate converts it. */
static gboolean
convert_add (RdWeeklyUpdate       *update,
             const RdWeeklyTotals *t,
             gint64                value,
             gint64               *sum)
{
  gint64 converted;

  if (value == G_MAXINT64 ||
      !rd_exchange_table_convert (update->rates, value, t->currency, update->reporting_currency,
                                  update->today, &converted))
    return FALSE;
  *sum = total_add (*sum, converted);
  return TRUE;
}

gboolean
rd_weekly_update_set_currency (RdWeeklyUpdate  *update,
                               const char      *currency,
                               GError         **error)
{
  g_return_val_if_fail (update != NULL, FALSE);

  if (!rd_currency_is_valid (currency))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not an ISO 4217 currency code"), currency != NULL ? currency : "");
      return FALSE;
    }

  g_free (update->reporting_currency);
  update->reporting_currency = g_ascii_strup (currency, -1);
  for (int q = 0; q < 2; q++)
    {
      g_autoptr(RdExchangeTotal) missing = rd_exchange_total_new (update->reporting_currency, update->today);
      GPtrArray *totals = update->totals[q];
      RdWeeklyTotals *r;

      g_clear_pointer (&update->reporting[q], weekly_totals_free);
      g_clear_pointer (&update->missing_rates[q], g_free);

      /* One currency, and it is the reporting one: nothing to add. */
      if (totals->len == 0 ||
          (totals->len == 1 &&
           g_strcmp0 (((RdWeeklyTotals *) g_ptr_array_index (totals, 0))->currency,
                      update->reporting_currency) == 0))
        continue;

      r = g_new0 (RdWeeklyTotals, 1);
      r->currency = g_strdup (update->reporting_currency);
      for (guint i = 0; i < totals->len; i++)
        {
          const RdWeeklyTotals *t = g_ptr_array_index (totals, i);
          RdWeeklyTotals sum = *r;
          gboolean ok = TRUE;

          /* All of a currency's figures, or none of them. */
          for (int c = 0; c < RD_FORECAST_N_CATEGORIES; c++)
            ok = ok && convert_add (update, t, t->by_category[c], &sum.by_category[c]);
          ok = ok && convert_add (update, t, t->renewed, &sum.renewed) &&
               convert_add (update, t, t->lost, &sum.lost) &&
               convert_add (update, t, t->slipped, &sum.slipped);
          if (!ok)
            {
              rd_exchange_total_note_missing (missing, t->currency, MAX (t->n_accounts, 1));
              continue;
            }
          sum.n_accounts += t->n_accounts;
          memcpy (r->by_category, sum.by_category, sizeof r->by_category);
          r->renewed = sum.renewed;
          r->lost = sum.lost;
          r->slipped = sum.slipped;
          r->n_accounts = sum.n_accounts;
        }
      update->reporting[q] = r;
      update->missing_rates[q] = rd_exchange_total_dup_missing_text (missing);
    }

  return TRUE;
}

RdWeeklyTotals *
rd_weekly_update_target_totals (RdWeeklyUpdate *update)
{
  g_return_val_if_fail (update != NULL, NULL);

  if (update->target_currency == NULL)
    return NULL;
  /* A mixed book tracks its target in the reporting currency. */
  if (update->reporting[0] != NULL &&
      g_strcmp0 (update->reporting[0]->currency, update->target_currency) == 0)
    return update->reporting[0];
  for (guint i = 0; i < update->totals[0]->len; i++)
    {
      RdWeeklyTotals *t = g_ptr_array_index (update->totals[0], i);

      if (g_strcmp0 (t->currency, update->target_currency) == 0)
        return t;
    }
  return NULL;
}

void
rd_weekly_update_free (RdWeeklyUpdate *update)
{
  if (update == NULL)
    return;

  g_free (update->company_name);
  g_free (update->today);
  g_free (update->week_start);
  g_free (update->reporting_currency);
  g_clear_pointer (&update->rates, rd_exchange_table_free);
  for (int q = 0; q < 2; q++)
    {
      g_clear_pointer (&update->reporting[q], weekly_totals_free);
      g_clear_pointer (&update->missing_rates[q], g_free);
    }
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
  g_clear_pointer (&update->renewals, g_ptr_array_unref);
  g_clear_pointer (&update->slips, g_ptr_array_unref);
  g_clear_pointer (&update->moves, g_ptr_array_unref);
  g_clear_pointer (&update->loss_reasons, g_ptr_array_unref);
  g_clear_pointer (&update->competitors, g_ptr_array_unref);
  g_clear_pointer (&update->retros, g_ptr_array_unref);
  g_free (update->losses_since);
  g_free (update->target_currency);
  for (int m = 0; m < RD_WEEKLY_N_MONTHS; m++)
    g_free (update->month_labels[m]);
  g_free (update);
}

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

static char *
date_or_dash (const char *iso)
{
  return iso != NULL ? rd_date_format (iso) : g_strdup ("—");
}

static char *
money (gint64      minor,
       const char *currency)
{
  return total_format (minor, currency);
}

static void
renewals_blocks (GPtrArray      *blocks,
                 RdWeeklyUpdate *update,
                 const GDate    *today)
{
  g_autofree char *from = rd_date_format (update->quarter_start[0]);
  g_autofree char *to = rd_date_format (update->quarter_end[0]);
  RdWeeklyBlock *table = NULL;
  guint n_open = 0, n_closed = 0;

  for (guint i = 0; i < update->renewals->len; i++)
    {
      RdWeeklyRenewal *r = g_ptr_array_index (update->renewals, i);

      if (r->place == RD_FORECAST_CLOSED)
        n_closed++;
      else
        n_open++;
    }

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
      date = date_or_dash (r->deadline);
      if (r->place == RD_FORECAST_OVERDUE)
        {
          g_autofree char *late = rd_date_format_relative (rd_date_days_between (today, r->deadline));
          char *both = g_strdup_printf ("%s (%s)", date, late);

          g_free (date);
          date = both;
        }
      row_add (table, g_strdup (r->account_name), date, money (r->annual_minor, r->currency),
               g_strdup (rd_forecast_category_label (r->category)),
               g_strdup (rd_forecast_why_label (r->why)));
    }

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
      row_add (table, g_strdup (r->account_name), date_or_dash (r->closed_on),
               money (r->annual_minor, r->currency),
               g_strdup (r->status == RD_STATUS_LOST ? _("Lost") : _("Renewed")));
    }
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
  have = t != NULL ? total_add (t->renewed, t->by_category[RD_FORECAST_COMMIT]) : 0;
  with_best = t != NULL ? total_add (have, t->by_category[RD_FORECAST_BEST_CASE]) : 0;
  target = money (update->target_minor, update->target_currency);
  secured = money (have, update->target_currency);
  best = money (with_best, update->target_currency);
  gap = money (MAX (update->target_minor - have, 0), update->target_currency);
  block_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH,
             /* Translators: target tracking: target, renewed + commit, percent, gap, with best case */
             g_strdup_printf (_("Target %s: renewed and Commit %s (%d %%), %s to go; with Best Case %s."),
                              target, secured,
                              (int) MIN (999, have * 100 / MAX (update->target_minor, 1)),
                              gap, best));
}

static void
forecast_blocks (GPtrArray      *blocks,
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

          if (totals_open (t) != 0 || t->by_category[RD_FORECAST_OMITTED] != 0)
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

          if (totals_open (t) == 0 && t->by_category[RD_FORECAST_OMITTED] == 0)
            continue;
          row_add (table, g_strdup (c), money (t->by_category[RD_FORECAST_COMMIT], c),
                   money (t->by_category[RD_FORECAST_BEST_CASE], c),
                   money (t->by_category[RD_FORECAST_PIPELINE], c),
                   money (t->by_category[RD_FORECAST_OMITTED], c));
        }
      if (table != NULL && update->reporting[q] != NULL)
        {
          RdWeeklyTotals *r = update->reporting[q];
          const char *c = r->currency;

          /* Translators: the row of a table that converts every currency, e.g. "All, in EUR" */
          row_add (table, g_strdup_printf (_("All, in %s"), c), money (r->by_category[RD_FORECAST_COMMIT], c),
                   money (r->by_category[RD_FORECAST_BEST_CASE], c),
                   money (r->by_category[RD_FORECAST_PIPELINE], c),
                   money (r->by_category[RD_FORECAST_OMITTED], c));
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
          row_add (table, g_strdup (c), money (t->renewed, c), money (t->lost, c),
                   money (t->slipped, c));
        }
      if (table != NULL && update->reporting[q] != NULL)
        {
          RdWeeklyTotals *r = update->reporting[q];

          row_add (table, g_strdup_printf (_("All, in %s"), r->currency), money (r->renewed, r->currency),
                   money (r->lost, r->currency), money (r->slipped, r->currency));
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

  for (guint i = 0; i < update->slips->len; i++)
    {
      RdWeeklySlip *slip = g_ptr_array_index (update->slips, i);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (this_week ? !slip->this_week : !slip->left_quarter)
        continue;
      if (table == NULL)
        table = table_add (blocks, 1 << 3, _("Account"), _("Accepted"), _("Deadline moved"),
                           _("Annual value"), NULL);
      from = rd_date_format (slip->from);
      to = rd_date_format (slip->to);
      row_add (table, g_strdup (slip->account_name), rd_date_format (slip->on),
               /* Translators: a deadline moved from one day to another */
               g_strdup_printf (_("%s → %s"), from, to), money (slip->annual_minor, slip->currency));
    }
  if (table == NULL)
    text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH,
              this_week ? _("No renewal slipped this week.")
                        : _("No renewal was moved out of this quarter."));
}

static void
movement_blocks (GPtrArray      *blocks,
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
               money (move->annual_minor, move->currency));
    }
}

static void
delays_blocks (GPtrArray      *blocks,
               RdWeeklyUpdate *update)
{
  RdWeeklyBlock *table;
  guint n_help = 0;

  block_add (blocks, RD_WEEKLY_BLOCK_HEADING,
             g_strdup_printf ("%s (%u)", _("Delayed renewals"), update->delays->len));
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
              g_autofree char *on = rd_date_format (d->next_step_on);
              /* Translators: the next step of a delay, then its date */
              next = g_strdup_printf (_("%s (by %s)"), d->next_step, on);
            }
          else if (d->next_step_on != NULL)
            next = rd_date_format (d->next_step_on);
          else
            next = g_strdup (d->next_step != NULL ? d->next_step : "—");
          row_add (table, g_strdup (d->account_name), date_or_dash (d->deadline),
                   money (d->annual_minor, d->currency),
                   g_strdup (d->stated_reason ? d->stated_reason : "—"),
                   g_strdup (d->cause >= 0 ? rd_enum_table_label (&rd_cause_table, d->cause) : "—"),
                   g_strdup (rd_enum_table_label (&rd_class_table, d->klass)), next);
          if (d->help_needed != NULL)
            n_help++;
        }
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
          g_autofree char *date = date_or_dash (a->date);

          row_add (list, g_strdup_printf ("%s (%s)", a->account_name, date), g_strdup (a->text));
        }
    }

  text_add (blocks, RD_WEEKLY_BLOCK_HEADING, _("Help needed"));
  if (n_help == 0)
    text_add (blocks, RD_WEEKLY_BLOCK_PARAGRAPH, _("Nothing asked of the team this week."));
  else
    {
      RdWeeklyBlock *list = block_add (blocks, RD_WEEKLY_BLOCK_LIST, NULL);

      for (guint i = 0; i < update->delays->len; i++)
        {
          RdWeeklyDelay *d = g_ptr_array_index (update->delays, i);

          if (d->help_needed != NULL)
            row_add (list, g_strdup (d->account_name), g_strdup (d->help_needed));
        }
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

static void
losses_blocks (GPtrArray      *blocks,
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

static void
retros_blocks (GPtrArray      *blocks,
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
  for (guint i = 0; i < update->retros->len; i++)
    {
      RdWeeklyRetro *r = g_ptr_array_index (update->retros, i);
      g_autofree char *date = rd_date_format (r->date);

      row_add (list,
               /* Translators: account, date, and whether a lost renewal or a resolved delay */
               g_strdup_printf (_("%s (%s, %s)"), r->account_name, date,
                                r->loss ? _("lost") : _("delay resolved")),
               g_strdup (r->text));
    }
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
               date_or_dash (r->deadline), money (r->annual_minor, r->currency));
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

  renewals_blocks (blocks, update, &today);
  forecast_blocks (blocks, update);
  movement_blocks (blocks, update);
  delays_blocks (blocks, update);
  losses_blocks (blocks, update);
  retros_blocks (blocks, update);
  risk_blocks (blocks, update);
  return blocks;
}

/* Markdown ----------------------------------------------------------------- */

/* Text from a record as plain text of the Markdown: one line, and none of
 * it read as markup (a link, an image, HTML, emphasis, an autolink, a list
 * or a heading).  Every ASCII punctuation may be escaped with a backslash;
 * only what can start markup is, so "Beta Kft." stays readable. */
/* Whether @c may start markup or break the line: what md_append_cell()
 * looks at one by one. */
static gboolean
md_plain (char c)
{
  return (guchar) c >= 0x20 && c != 0x7f && c != '.' && strchr ("\\`*_[]<>|&~#!:@", c) == NULL;
}

static void
md_append_cell (GString    *out,
                const char *text)
{
  const char *start = text ? text : "";

  for (const char *p = start; *p != '\0'; p++)
    {
      const char *run = p;

      /* Plain text in one piece (most of 20 MB of tables). */
      if (p != start || (*p != '-' && *p != '+' && *p != '='))
        while (md_plain (*run))
          run++;
      if (run != p)
        {
          g_string_append_len (out, p, run - p);
          p = run - 1;
          continue;
        }
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
          {
            g_autofree char *note = rd_markup ("<span size=\"small\" foreground=\"%s\">%s</span>",
                                               RD_REPORT_COLOR_MUTED, block->text);
            _rd_report_doc_add_paragraph (doc, note);
          }
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

static void
add_delays_section (RdReportDoc    *doc,
                    RdWeeklyUpdate *update)
{
  static const double widths[] = { 0.16, 0.10, 0.13, 0.23, 0.17, 0.21 };
  const char *header[] = { _("Account"), _("Renews"), _("Annual value"), _("Stated reason and cause"),
                           _("Class"), _("Next step") };
  g_autofree char *heading = rd_markup ("%s (%u)", _("Delayed renewals"), update->delays->len);

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

  {
    g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_weekly_block_free);
    GDate day;

    rd_date_parse (update->today, &day);
    renewals_blocks (blocks, update, &day);
    forecast_blocks (blocks, update);
    add_blocks (doc, blocks);
  }
  add_month_chart (doc, update);
  {
    g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_weekly_block_free);

    movement_blocks (blocks, update);
    add_blocks (doc, blocks);
  }
  add_delays_section (doc, update);
  add_actions_section (doc, update);
  add_help_section (doc, update);
  {
    g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_weekly_block_free);

    losses_blocks (blocks, update);
    retros_blocks (blocks, update);
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

static void
collect_thread (GTask        *task,
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
    g_task_return_pointer (task, g_steal_pointer (&update), (GDestroyNotify) rd_weekly_update_free);
}

void
rd_weekly_update_collect_async (RdStore             *store,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (store));

  rd_task_run_in_thread (store, rd_weekly_update_collect_async, NULL, NULL, collect_thread,
                         cancellable, callback, user_data);
}

RdWeeklyUpdate *
rd_weekly_update_collect_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return rd_task_propagate_pointer (g_task_get_source_object (G_TASK (result)), result,
                                    rd_weekly_update_collect_async, error);
}
