/* rd-weekly-update.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-report"

#include "config.h"

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
#include "rd-weekly-update-private.h"

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
 * shown by _rd_weekly_total_format() as too large instead of wrapping to a negative
 * figure. */
gint64
_rd_weekly_total_add (gint64 sum,
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
  *field = _rd_weekly_total_add (*field, value);
}

char *
_rd_weekly_total_format (gint64      minor,
                         const char *currency)
{
  if (minor == G_MAXINT64)
    return g_strdup (_("too large to add up"));

  return rd_money_format (minor, currency);
}

/* Still to do, every category but Omitted. */
gint64
_rd_weekly_totals_open (const RdWeeklyTotals *t)
{
  gint64 sum = 0;

  for (int k = 0; k < RD_FORECAST_OMITTED; k++)
    sum = _rd_weekly_total_add (sum, t->by_category[k]);
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
/* The account name of an item of a list. */
typedef const char *(*ItemName) (gconstpointer item);

typedef struct
{
  gpointer    item;
  const char *name_key;      /* g_utf8_collate_key() of its account name */
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

static int
compare_pointed (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const CompareItems *compare = data;

  return (*compare) (*(gconstpointer *) a, *(gconstpointer *) b);
}

/* Sorts @items[0 .. @n) by @compare, then by @name_of in
 * g_utf8_collate() order.  Each name is collated once into a key instead
 * of at each comparison; rows of one account, and accounts of one name,
 * share the key.  Stable. */
static void
sort_by_name (gpointer     *items,
              guint         n,
              CompareItems  compare,
              ItemName      name_of)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree KeyedItem *keyed = g_new (KeyedItem, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const char *name = name_of (items[i]);
      char *key;

      if (name == NULL)
        name = "";
      key = g_hash_table_lookup (keys, name);
      if (key == NULL)
        {
          key = g_utf8_collate_key (name, -1);
          g_hash_table_insert (keys, (gpointer) name, key);
        }
      keyed[i].item = items[i];
      keyed[i].name_key = key;
    }
  g_qsort_with_data (keyed, (int) n, sizeof *keyed, compare_keyed, &compare);
  for (guint i = 0; i < n; i++)
    items[i] = keyed[i].item;
}

/* Keeps of @array (which must not free its items) the @n_kept items from
 * @from on, in the order of a stable sort by @compare, then by account
 * name (g_utf8_collate()).  Only the names of the items kept, and of those
 * that tie with them by @compare, are collated: a list of tens of
 * thousands of rows on the same days made the sort mostly
 * g_utf8_collate(), for rows no one is shown. */
static void
keep_sorted_by_name (GPtrArray    *array,
                     CompareItems  compare,
                     ItemName      name_of,
                     guint         from,
                     guint         n_kept)
{
  gpointer *items = array->pdata;
  guint len = array->len;
  guint lo, hi;

  from = MIN (from, len);
  n_kept = MIN (n_kept, len - from);
  if (n_kept == 0)
    {
      g_ptr_array_set_size (array, 0);
      return;
    }
  g_ptr_array_sort_with_data (array, compare_pointed, &compare);
  items = array->pdata;
  /* The names order only the runs of ties by @compare. */
  for (lo = from; lo > 0 && compare (items[lo - 1], items[from]) == 0; lo--)
    ;
  for (hi = from + n_kept; hi < len && compare (items[hi - 1], items[hi]) == 0; hi++)
    ;
  sort_by_name (items + lo, hi - lo, compare, name_of);
  memmove (items, items + from, n_kept * sizeof (gpointer));
  g_ptr_array_set_size (array, n_kept);
}

/* Keeps of @array (which must not free its items) the @n_kept that come
 * first by @first (ties in the list's order), in the list's order. */
static void
keep_first_in_order (GPtrArray    *array,
                     CompareItems  first,
                     guint         n_kept)
{
  g_autoptr(GPtrArray) sorted = NULL;
  gconstpointer last;
  guint n_ties = 0, at = 0;

  if (array->len <= n_kept)
    return;
  if (n_kept == 0)
    {
      g_ptr_array_set_size (array, 0);
      return;
    }
  sorted = g_ptr_array_copy (array, NULL, NULL);
  g_ptr_array_sort_with_data (sorted, compare_pointed, &first);
  last = sorted->pdata[n_kept - 1];
  /* Of the items that tie with the last one kept, as many as were kept of
   * them, the first in the list: the sort is stable. */
  for (guint i = n_kept; i > 0 && first (sorted->pdata[i - 1], last) == 0; i--)
    n_ties++;
  for (guint i = 0; i < array->len; i++)
    {
      int cmp = first (array->pdata[i], last);

      if (cmp > 0 || (cmp == 0 && n_ties == 0))
        continue;
      if (cmp == 0)
        n_ties--;
      array->pdata[at++] = array->pdata[i];
    }
  g_ptr_array_set_size (array, at);
}

/* An open delay of the list, before it is kept or not. */
typedef struct
{
  const RdStoreDelayRow   *row;
  const RdStoreAccountRow *account;
} DelayRef;

static const char *
delay_ref_name (gconstpointer item)
{
  const DelayRef *ref = item;

  return ref->account->name;
}

/* Soonest deadline first, none last. */
static int
compare_account_deadlines (const RdStoreAccountRow *x,
                           const RdStoreAccountRow *y)
{
  return g_strcmp0 (x->deadline ? x->deadline : "9999", y->deadline ? y->deadline : "9999");
}

/* By deadline (none last); keep_sorted_by_name () breaks ties by name. */
static int
compare_delay_deadlines (gconstpointer a,
                         gconstpointer b)
{
  const DelayRef *x = a;
  const DelayRef *y = b;

  return compare_account_deadlines (x->account, y->account);
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
  update->help = g_ptr_array_new_with_free_func (weekly_delay_free);
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

/* What the forecast rules said of an account on a day, and from what. */
typedef struct
{
  RdForecastFacts    facts;
  RdForecastCategory category;
  RdForecastWhy      why;
} Judgement;

/* The days an account is judged on: today, and the week's first day
 * (what was known then, for the movement of the week). */
enum { TODAY, WEEK_START, N_DAYS };

/* What the forecast rules need of one account (borrowed from the lists
 * collect() holds); the lists stay NULL while the account has none. */
typedef struct
{
  const RdStoreAccountRow *account;
  GPtrArray  *delays;        /* RdStoreDelayRow, unsettled */
  GPtrArray  *plans;         /* JsonObject */
  GPtrArray  *bridges;       /* JsonObject */
  const char *lost_on;        /* the open loss's closed_on */
  int         worst_class;    /* of its open delays, RdClass + 1; 0 for none */
  guint       causes_seen;    /* of its open delays, 1 << RdCause */
  const char *closed_on;      /* the day it was lost or renewed, for its place */
  RdForecastPlace place;      /* in this quarter's renewals */
  gboolean    next;           /* renewing next quarter */
  Judgement  *at;             /* [N_DAYS], only while placed or next */
} AccountInfo;

static RdWeeklyDelay *
weekly_delay_new (const RdStoreDelayRow   *row,
                  const RdStoreDelayTexts *texts,
                  const RdStoreAccountRow *account)
{
  static const RdStoreDelayTexts none = { 0 };
  RdWeeklyDelay *delay = g_new0 (RdWeeklyDelay, 1);

  if (texts == NULL)
    texts = &none;

  delay->account_name = g_strdup (account->name);
  delay->currency = g_strdup (account->currency);
  delay->annual_minor = account->annual_value_minor;
  delay->deadline = g_strdup (account->deadline);
  delay->stated_reason = g_strdup (texts->stated_reason);
  delay->cause = row->cause;
  delay->klass = row->klass;
  delay->actions_taken = g_strdup (texts->actions_taken);
  delay->help_needed = g_strdup (texts->help_needed);
  delay->next_step = g_strdup (texts->next_step);
  delay->next_step_on = g_strdup (row->next_step_on);
  return delay;
}

/* The account of @account_id in @infos (id → AccountInfo), NULL for none. */
static AccountInfo *
info_of (GHashTable *infos,
         const char *account_id)
{
  return account_id != NULL ? g_hash_table_lookup (infos, account_id) : NULL;
}

/* Delays: the list, the actions of the week, each account's worst open
 * class and the value at risk by cause. */
static void add_retro (RdWeeklyUpdate *update,
                       const char     *account_name,
                       const char     *text,
                       const char     *date,
                       gboolean        loss);

/* Whether @row (rows with a rowid first) has the rowid @key points to. */
static gboolean
has_rowid (gconstpointer row,
           gconstpointer key)
{
  return *(const gint64 *) row == *(const gint64 *) key;
}

/* The row of @rows (rows with a rowid first) with @rowid, NULL for none. */
static gconstpointer
row_of_rowid (GPtrArray *rows,
              gint64     rowid)
{
  guint at;

  return g_ptr_array_find_with_equal_func (rows, &rowid, has_rowid, &at) ? g_ptr_array_index (rows, at) : NULL;
}

/* The first RD_WEEKLY_MAX_ROWS of @refs (DelayRef) by deadline, then by
 * name, as rows of @list, with their texts: read for these rows only. */
static gboolean
keep_delays (GPtrArray  *list,
             GPtrArray  *refs,
             RdStore    *store,
             GError    **error)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree gint64 *rowids = NULL;

  keep_sorted_by_name (refs, compare_delay_deadlines, delay_ref_name, 0, RD_WEEKLY_MAX_ROWS);
  rowids = g_new (gint64, refs->len + 1);
  for (guint i = 0; i < refs->len; i++)
    rowids[i] = ((const DelayRef *) g_ptr_array_index (refs, i))->row->rowid;
  if (refs->len > 0 && (texts = rd_store_list_delay_texts (store, rowids, refs->len, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < refs->len; i++)
    {
      const DelayRef *ref = g_ptr_array_index (refs, i);

      g_ptr_array_add (list, weekly_delay_new (ref->row, row_of_rowid (texts, ref->row->rowid), ref->account));
    }
  return TRUE;
}

static gboolean
collect_delays (RdWeeklyUpdate  *update,
                GPtrArray       *delay_rows,
                GHashTable      *infos,
                RdStore         *store,
                GError         **error)
{
  g_autoptr(GHashTable) cause_index = NULL;
  g_autofree DelayRef *refs = g_new (DelayRef, delay_rows->len + 1);
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  g_autoptr(GPtrArray) help = g_ptr_array_new ();

  G_STATIC_ASSERT (RD_CAUSE_SHOPPING < 32);
  cause_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < delay_rows->len; i++)
    {
      RdStoreDelayRow *row = g_ptr_array_index (delay_rows, i);
      AccountInfo *info = info_of (infos, row->account_id);
      const RdStoreAccountRow *account = info != NULL ? info->account : NULL;

      if (account == NULL)
        continue;

      if (row->resolved)
        add_retro (update, account->name, row->retrospective, row->resolved_on, FALSE);

      if (row->resolved || account->status == RD_STATUS_LOST || account->status == RD_STATUS_RENEWED)
        continue;

      refs[i] = (DelayRef) { row, account };
      g_ptr_array_add (open, &refs[i]);
      if (row->has_help_needed)
        g_ptr_array_add (help, &refs[i]);

      info->worst_class = MAX (info->worst_class, (int) row->klass + 1);

      if (row->cause >= 0 && (info->causes_seen & (1u << row->cause)) == 0)
        {
          RdWeeklyTotals *totals = totals_for (cause_index, update->cause_totals, account->currency);

          info->causes_seen |= 1u << row->cause;
          money_add (totals, &totals->by_cause[row->cause], account->currency, account->annual_value_minor);
        }
    }
  update->n_delays = open->len;
  update->n_help = help->len;
  return keep_delays (update->delays, open, store, error) && keep_delays (update->help, help, store, error);
}

/* An action of the week, before it is kept or not: an activity or a
 * plan step done. */
typedef struct
{
  const char               *date;
  const RdStoreAccountRow  *account;
  const RdStoreActivityRow *activity;
  const RdStoreStepRow     *step;
} ActionRef;

/* Newest first. */
static int
compare_action_dates (gconstpointer a,
                      gconstpointer b)
{
  const ActionRef *x = a;
  const ActionRef *y = b;

  return g_strcmp0 (y->date, x->date);
}

/* "Call: Walked them through the options — they said: Finance decides
 * Friday", or "Plan step done: …". */
static char *
action_text (const ActionRef            *ref,
             const RdStoreActivityTexts *texts)
{
  const RdStoreActivityRow *row = ref->activity;
  GString *text;

  if (ref->step != NULL)
    /* Translators: an action in the weekly update: a recovery plan step was done */
    return g_strdup_printf (_("Plan step done: %s"), ref->step->title ? ref->step->title : "");

  text = g_string_new (rd_enum_table_label (&rd_activity_kind_table,
                                            row->kind >= 0 ? row->kind : RD_ACTIVITY_NOTE));
  if (texts != NULL && texts->summary != NULL)
    g_string_append_printf (text, ": %s", texts->summary);
  if (texts != NULL && texts->their_response != NULL)
    /* Translators: how the customer answered, after an activity in the weekly update */
    g_string_append_printf (text, _(" — they said: %s"), texts->their_response);
  return g_string_free (text, FALSE);
}

/* The texts of the activities among the first @n_kept of @week
 * (ActionRef): read for these rows only. */
static GPtrArray *
kept_activity_texts (GPtrArray  *week,
                     guint       n_kept,
                     RdStore    *store,
                     GError    **error)
{
  g_autofree gint64 *rowids = g_new (gint64, n_kept + 1);
  guint n_rowids = 0;

  for (guint i = 0; i < n_kept; i++)
    {
      const ActionRef *kept = g_ptr_array_index (week, i);

      if (kept->activity != NULL)
        rowids[n_rowids++] = kept->activity->rowid;
    }
  if (n_rowids == 0)
    return g_ptr_array_new ();
  return rd_store_list_activity_texts (store, rowids, n_rowids, error);
}

/* The week's calls, mails, meetings and notes from the activity log, and
 * the plan steps done: the newest RD_WEEKLY_MAX_ROWS of them. */
static gboolean
collect_actions (RdWeeklyUpdate  *update,
                 GPtrArray       *activity_rows,
                 GPtrArray       *step_rows,
                 GHashTable      *infos,
                 RdStore         *store,
                 GError         **error)
{
  guint n_activities = activity_rows != NULL ? activity_rows->len : 0;
  g_autofree ActionRef *refs = g_new0 (ActionRef, n_activities + step_rows->len + 1);
  g_autoptr(GPtrArray) week = g_ptr_array_new ();
  CompareItems compare = compare_action_dates;
  ActionRef *ref = refs;
  g_autoptr(GPtrArray) texts = NULL;
  guint n_kept;

  for (guint i = 0; i < n_activities; i++)
    {
      const RdStoreActivityRow *row = g_ptr_array_index (activity_rows, i);
      const AccountInfo *info = info_of (infos, row->account_id);

      if (info == NULL || row->on == NULL || strcmp (row->on, update->week_start) < 0 ||
          strcmp (row->on, update->today) > 0)
        continue;
      *ref = (ActionRef) { row->on, info->account, row, NULL };
      g_ptr_array_add (week, ref++);
    }
  for (guint i = 0; i < step_rows->len; i++)
    {
      const RdStoreStepRow *step = g_ptr_array_index (step_rows, i);
      const AccountInfo *info = info_of (infos, step->account_id);

      if (info == NULL)
        continue;
      *ref = (ActionRef) { step->done_on, info->account, NULL, step };
      g_ptr_array_add (week, ref++);
    }

  update->n_actions = week->len;
  /* Stable: an activity before a step, each in row order, on one day. */
  g_ptr_array_sort_with_data (week, compare_pointed, &compare);
  n_kept = MIN (week->len, RD_WEEKLY_MAX_ROWS);
  if ((texts = kept_activity_texts (week, n_kept, store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < n_kept; i++)
    {
      const ActionRef *kept = g_ptr_array_index (week, i);
      RdWeeklyAction *action = g_new0 (RdWeeklyAction, 1);
      const RdStoreActivityTexts *activity_texts = NULL;

      if (kept->activity != NULL)
        activity_texts = row_of_rowid (texts, kept->activity->rowid);
      action->account_name = g_strdup (kept->account->name);
      action->text = action_text (kept, activity_texts);
      action->date = g_strdup (kept->date);
      g_ptr_array_add (update->actions, action);
    }
  return TRUE;
}

#define N_TOP_RISKS 10

/* Keeps @account among the N_TOP_RISKS highest risks, in the order of
 * compare_risks(), after those it ties with: the first ten of a stable
 * sort of all of them, without making tens of thousands of rows. */
static void
add_risk (RdWeeklyUpdate          *update,
          const RdStoreAccountRow *account)
{
  GPtrArray *top = update->top_risks;
  RdWeeklyRisk key = { .score = account->risk_score, .deadline = account->deadline };
  RdWeeklyRisk *risk, *key_ptr = &key;
  guint at = top->len;

  while (at > 0 && compare_risks (&top->pdata[at - 1], &key_ptr) > 0)
    at--;
  if (at >= N_TOP_RISKS)
    return;

  risk = g_new0 (RdWeeklyRisk, 1);
  risk->account_name = g_strdup (account->name);
  risk->score = account->risk_score;
  risk->band = account->risk_band;
  risk->deadline = g_strdup (account->deadline);
  risk->currency = g_strdup (account->currency);
  risk->annual_minor = account->annual_value_minor;
  g_ptr_array_insert (top, (int) at, risk);
  if (top->len > N_TOP_RISKS)
    g_ptr_array_remove_index (top, N_TOP_RISKS);
}

static void
account_info_clear (AccountInfo *info)
{
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
  AccountInfo *info = info_of (infos, account_id);
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
      /* A day is "YYYY-MM-DD" or none: one due on or after @day_iso
       * cannot be missed yet, and needs no parsing to know it. */
      for (guint c = 0; c < G_N_ELEMENTS (delay->commitment); c++)
        if (delay->commitment[c] != NULL && strcmp (delay->commitment[c], day_iso) < 0 &&
            rd_forecast_commitment_missed (delay->commitment[c], delay->kept_on[c], day))
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

static gboolean
is_judged (const AccountInfo *info)
{
  return info->place != RD_FORECAST_OUTSIDE || info->next;
}

static gboolean
lacks_contact (const AccountInfo *info)
{
  return is_judged (info) &&
         (info->at[TODAY].why == RD_FORECAST_WHY_NO_CONTACT ||
          info->at[WEEK_START].why == RD_FORECAST_WHY_NO_CONTACT);
}

/* Weighs, for each judged account that no one talked to on a day, its
 * newest activity (or, with @settled, its newest contact in delays settled
 * before the week) on or before that day, looked up for all of them at
 * once.  The days found are kept in @kept, where the facts point. */
static gboolean
add_contacts (RdWeeklyUpdate  *update,
              RdStore         *store,
              AccountInfo     *infos,
              guint            n_infos,
              const GDate     *days,
              const char     **days_iso,
              gboolean         settled,
              GPtrArray       *kept,
              GError         **error)
{
  g_autoptr(GPtrArray) asked = g_ptr_array_new ();      /* AccountInfo */
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char **found = NULL;
  gboolean ok;

  for (guint i = 0; i < n_infos; i++)
    if (lacks_contact (&infos[i]))
      {
        g_ptr_array_add (asked, &infos[i]);
        g_ptr_array_add (ids, infos[i].account->id);
      }
  if (asked->len == 0)
    return TRUE;

  found = g_new0 (char *, (gsize) asked->len * N_DAYS);
  ok = settled ? rd_store_newest_settled_contacts_of (store, (const char * const *) ids->pdata, ids->len,
                                                      update->week_start, days_iso, N_DAYS, found, error)
               : rd_store_newest_activities_of (store, (const char * const *) ids->pdata, ids->len,
                                                days_iso, N_DAYS, found, error);
  if (!ok)
    return FALSE;
  for (guint k = 0; k < asked->len; k++)
    {
      AccountInfo *info = g_ptr_array_index (asked, k);

      for (guint d = 0; d < N_DAYS; d++)
        {
          Judgement *j = &info->at[d];
          char *day = found[(gsize) k * N_DAYS + d];

          if (day != NULL)
            g_ptr_array_add (kept, day);
          if (j->why != RD_FORECAST_WHY_NO_CONTACT)
            continue;
          j->facts.last_contact_on = later_of (j->facts.last_contact_on, day);
          j->category = rd_forecast_category (&j->facts, &days[d], &j->why);
        }
    }
  return TRUE;
}

/* The forecast category of each judged account today and on the week's
 * first day, and why.  The last contact comes from its unsettled delays;
 * the store is asked for the newest activities, then for the delays
 * settled before the week, only of the accounts the rules take to "nobody
 * talked to them", the one rule a contact changes: a book's millions of
 * activities and settled delays are never read whole. */
static gboolean
judge_accounts (RdWeeklyUpdate  *update,
                RdStore         *store,
                AccountInfo     *infos,
                guint            n_infos,
                const GDate     *today,
                GError         **error)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  const char *days_iso[N_DAYS] = { update->today, update->week_start };
  GDate days[N_DAYS];

  days[TODAY] = *today;
  rd_date_parse (update->week_start, &days[WEEK_START]);
  for (guint i = 0; i < n_infos; i++)
    {
      AccountInfo *info = &infos[i];

      if (!is_judged (info))
        continue;
      for (guint d = 0; d < N_DAYS; d++)
        {
          Judgement *j = &info->at[d];

          facts_at (info, &days[d], days_iso[d], &j->facts);
          j->category = rd_forecast_category (&j->facts, &days[d], &j->why);
        }
    }
  return (rd_entity_spec_lookup ("activity") == NULL ||
          add_contacts (update, store, infos, n_infos, days, days_iso, FALSE, kept, error)) &&
         add_contacts (update, store, infos, n_infos, days, days_iso, TRUE, kept, error);
}

static const char *
info_name (gconstpointer item)
{
  const AccountInfo *info = item;

  return info->account->name;
}

/* Overdue, then to do, then closed; by day (keep_sorted_by_name () breaks
 * ties by name). */
static int
compare_renewal_days (gconstpointer a,
                      gconstpointer b)
{
  const AccountInfo *x = a;
  const AccountInfo *y = b;

  if (x->place != y->place)
    return x->place == RD_FORECAST_OVERDUE ? -1 : y->place == RD_FORECAST_OVERDUE ? 1
           : x->place == RD_FORECAST_CLOSED ? 1 : -1;
  return x->place == RD_FORECAST_CLOSED ? g_strcmp0 (x->closed_on, y->closed_on)
                                        : g_strcmp0 (x->account->deadline, y->account->deadline);
}

/* Soonest deadline first (amounts in different currencies do not
 * compare). */
static int
compare_deadlines (gconstpointer a,
                   gconstpointer b)
{
  const AccountInfo *x = a;
  const AccountInfo *y = b;

  return compare_account_deadlines (x->account, y->account);
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
      AccountInfo *info = info_of (infos, account_id);
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
add_renewal (RdWeeklyUpdate    *update,
             const AccountInfo *info)
{
  const RdStoreAccountRow *account = info->account;
  RdWeeklyRenewal *r = g_new0 (RdWeeklyRenewal, 1);

  r->account_name = g_strdup (account->name);
  r->currency = g_strdup (account->currency);
  r->annual_minor = account->annual_value_minor;
  r->deadline = g_strdup (account->deadline);
  r->closed_on = info->place == RD_FORECAST_CLOSED ? g_strdup (info->closed_on) : NULL;
  r->status = account->status;
  r->place = info->place;
  r->category = info->at[TODAY].category;
  r->why = info->at[TODAY].why;
  g_ptr_array_add (update->renewals, r);
}

static void
add_move (RdWeeklyUpdate    *update,
          const AccountInfo *info)
{
  RdWeeklyMove *move = g_new0 (RdWeeklyMove, 1);

  move->account_name = g_strdup (info->account->name);
  move->currency = g_strdup (info->account->currency);
  move->annual_minor = info->account->annual_value_minor;
  move->from = info->at[WEEK_START].category;
  move->to = info->at[TODAY].category;
  move->why = info->at[TODAY].why;
  g_ptr_array_add (update->moves, move);
}

/* This quarter's renewals: the first RD_WEEKLY_MAX_ROWS still to do
 * (overdue first, then by deadline), the newest RD_WEEKLY_MAX_ROWS
 * closed; and the moves of the soonest renewals, in the book's order. */
static void
keep_renewals (RdWeeklyUpdate *update,
               GPtrArray      *open,
               GPtrArray      *closed,
               GPtrArray      *moves)
{
  update->n_open = open->len;
  update->n_closed = closed->len;
  update->n_moves = moves->len;
  keep_sorted_by_name (open, compare_renewal_days, info_name, 0, RD_WEEKLY_MAX_ROWS);
  keep_sorted_by_name (closed, compare_renewal_days, info_name,
                       closed->len - MIN (closed->len, RD_WEEKLY_MAX_ROWS), RD_WEEKLY_MAX_ROWS);
  keep_first_in_order (moves, compare_deadlines, RD_WEEKLY_MAX_ROWS);
  for (guint i = 0; i < open->len; i++)
    add_renewal (update, g_ptr_array_index (open, i));
  for (guint i = 0; i < closed->len; i++)
    add_renewal (update, g_ptr_array_index (closed, i));
  for (guint i = 0; i < moves->len; i++)
    add_move (update, g_ptr_array_index (moves, i));
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

/* Whether @t's currency has a renewal this quarter, or one that slipped
 * out of it. */
static gboolean
has_renewal_in (RdWeeklyUpdate       *update,
                const RdWeeklyTotals *t)
{
  if (t->n_accounts > 0)
    return TRUE;
  for (guint i = 0; i < update->slips->len; i++)
    {
      RdWeeklySlip *slip = g_ptr_array_index (update->slips, i);

      if (slip->left_quarter && g_strcmp0 (slip->currency, t->currency) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Where @info's renewal stands in this quarter, and whether it renews in
 * the next. */
static void
place_account (RdWeeklyUpdate *update,
               AccountInfo    *info,
               const GDate    *today)
{
  const RdStoreAccountRow *account = info->account;
  RdStatus status = account->status;
  const char *deadline = account->deadline;

  info->closed_on = status == RD_STATUS_LOST ? info->lost_on
                    : status == RD_STATUS_RENEWED ? account->decided_on
                    : NULL;
  info->place = rd_forecast_quarter_place (status, deadline, info->closed_on, today);
  info->next = status != RD_STATUS_RENEWED && status != RD_STATUS_LOST && deadline != NULL &&
               g_strcmp0 (deadline, update->quarter_start[1]) >= 0 &&
               g_strcmp0 (deadline, update->quarter_end[1]) <= 0;
}

/* The book: this quarter's renewals and forecast, next quarter's,
 * movement this week, renewals per month, risk. */
static gboolean
collect_book (RdWeeklyUpdate  *update,
              RdStore         *store,
              AccountInfo     *infos,
              guint            n_infos,
              const GDate     *today,
              const GDate     *month_start,
              GError         **error)
{
  g_autoptr(GHashTable) totals_this = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) totals_next = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *totals_index[2] = { totals_this, totals_next };
  g_autoptr(GPtrArray) open = g_ptr_array_new ();         /* AccountInfo */
  g_autoptr(GPtrArray) closed = g_ptr_array_new ();
  g_autoptr(GPtrArray) moves = g_ptr_array_new ();
  g_autofree Judgement *judgements = NULL;
  guint n_judged = 0;
  g_autofree char *month_start_iso = rd_date_to_string (month_start);
  g_autofree char *horizon_end_iso = NULL;
  GDate horizon_end = *month_start;
  GDate quarter_start, quarter_end;

  g_date_add_months (&horizon_end, RD_WEEKLY_N_MONTHS);
  horizon_end_iso = rd_date_to_string (&horizon_end);
  rd_date_parse (update->quarter_start[0], &quarter_start);
  rd_date_parse (update->quarter_end[0], &quarter_end);

  for (guint i = 0; i < n_infos; i++)
    {
      place_account (update, &infos[i], today);
      n_judged += is_judged (&infos[i]);
    }
  /* Only the judged accounts, a fraction of a book, have judgements. */
  judgements = g_new0 (Judgement, (gsize) n_judged * N_DAYS + 1);
  for (guint i = 0, j = 0; i < n_infos; i++)
    if (is_judged (&infos[i]))
      infos[i].at = &judgements[(gsize) j++ * N_DAYS];
  if (!judge_accounts (update, store, infos, n_infos, today, error))
    return FALSE;

  for (guint i = 0; i < n_infos; i++)
    {
      AccountInfo *info = &infos[i];
      const RdStoreAccountRow *account = info->account;
      const char *deadline = account->deadline;
      const char *currency = account->currency;
      gint64 value = account->annual_value_minor;
      RdStatus status = account->status;
      int worst_class = info->worst_class - 1;
      RdForecastPlace place = info->place;
      gboolean next = info->next;
      RdWeeklyTotals *totals = totals_for (totals_index[0], update->totals[0], currency);
      /* The forecast only for the renewals this update shows. */
      RdForecastCategory category = is_judged (info) ? info->at[TODAY].category : RD_FORECAST_PIPELINE;

      if (place != RD_FORECAST_OUTSIDE)
        {
          totals->n_accounts++;
          g_ptr_array_add (place == RD_FORECAST_CLOSED ? closed : open, info);
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
      if (is_judged (info))
        {
          RdForecastCategory was = info->at[WEEK_START].category;

          if (was != category)
            g_ptr_array_add (moves, info);
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

      if (_rd_weekly_totals_open (t) == 0 && t->by_category[RD_FORECAST_OMITTED] == 0 && t->renewed == 0 &&
          t->lost == 0 && t->slipped == 0 && !has_renewal_in (update, t))
        g_ptr_array_remove_index (update->totals[0], i - 1);
    }

  keep_renewals (update, open, closed, moves);
  g_ptr_array_sort (update->slips, compare_slips);
  g_ptr_array_sort (update->retros, compare_retros);
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
  /* Of the plans, accepted bridges and losses, only what the update reads
   * (facts_at(), collect_slips(), collect_losses()): whole documents were
   * most of a million small allocations. */
  static const char * const plan_members[] = {
    "account_id", "started_on", "customer_answer", "status", NULL,
  };
  static const char * const bridge_members[] = {
    "account_id", "kind", "status", "accepted_on", "ends_on", NULL,
  };
  static const char * const loss_members[] = {
    "account_id", "closed_on", "competitor", "reason", "reopened_on", "retrospective", NULL,
  };
  static const char * const accepted[] = { "accepted", NULL };
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) delay_rows = NULL;
  g_autoptr(GPtrArray) plan_docs = NULL;
  g_autoptr(GPtrArray) bridge_docs = NULL;
  g_autoptr(GPtrArray) loss_docs = NULL;
  g_autoptr(GPtrArray) activity_rows = NULL;
  g_autoptr(GPtrArray) step_rows = NULL;
  g_autoptr(GHashTable) infos = NULL;          /* id → AccountInfo */
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
  infos = g_hash_table_new (g_str_hash, g_str_equal);
  info_array = g_new0 (AccountInfo, accounts->len + 1);
  for (guint i = 0; i < accounts->len; i++)
    {
      RdStoreAccountRow *account = g_ptr_array_index (accounts, i);

      info_array[i].account = account;
      g_hash_table_insert (infos, account->id, &info_array[i]);
    }

  /* Only the delays still open at the week's start, or resolved since, are
   * read; what the older ones tell (their last contact) is looked up when
   * needed (category_at()).  The activities are read for the week only. */
  if ((delay_rows = rd_store_list_delay_rows_unsettled (store, update->week_start, error)) == NULL ||
      (plan_docs = rd_store_list_partial_documents (store, "plan", plan_members, NULL, NULL, error)) == NULL ||
      (bridge_docs = rd_store_list_partial_documents (store, "bridge", bridge_members, "status = ?",
                                                      accepted, error)) == NULL ||
      (loss_docs = rd_store_list_partial_documents (store, "loss", loss_members, NULL, NULL, error)) == NULL ||
      (step_rows = rd_store_list_step_rows_done (store, update->week_start, update->today, error)) == NULL)
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

  ok = collect_actions (update, activity_rows, step_rows, infos, store, error) &&
       collect_delays (update, delay_rows, infos, store, error);
  if (ok)
    {
      collect_losses (update, loss_docs, infos);
      ok = collect_book (update, store, info_array, accounts->len, &now, &month_start, error);
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
  *sum = _rd_weekly_total_add (*sum, converted);
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
  g_clear_pointer (&update->help, g_ptr_array_unref);
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
  g_clear_pointer (&update->date_texts, g_hash_table_unref);
  g_clear_pointer (&update->money_texts, g_hash_table_unref);
  for (int m = 0; m < RD_WEEKLY_N_MONTHS; m++)
    g_free (update->month_labels[m]);
  g_free (update);
}

/* Files -------------------------------------------------------------------- */

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
