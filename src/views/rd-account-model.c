/* rd-account-model.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-model"

#include "config.h"

#include "rd-account-model.h"
#include "rd-forecast.h"

/* RdPortfolioRow --------------------------------------------------------- */

struct _RdPortfolioRow
{
  GObject    parent_instance;

  RdAccount *account;   /* owned */
  guint      position;
};

enum {
  ROW_PROP_0,
  ROW_PROP_ACCOUNT,
  N_ROW_PROPS
};

static GParamSpec *row_properties[N_ROW_PROPS];

G_DEFINE_FINAL_TYPE (RdPortfolioRow, rd_portfolio_row, G_TYPE_OBJECT)

static void
rd_portfolio_row_set_account (RdPortfolioRow *self,
                              RdAccount      *account)
{
  if (g_set_object (&self->account, account))
    g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_ACCOUNT]);
}

static void
rd_portfolio_row_finalize (GObject *object)
{
  RdPortfolioRow *self = RD_PORTFOLIO_ROW (object);

  g_clear_object (&self->account);

  G_OBJECT_CLASS (rd_portfolio_row_parent_class)->finalize (object);
}

static void
rd_portfolio_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdPortfolioRow *self = RD_PORTFOLIO_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_portfolio_row_class_init (RdPortfolioRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_portfolio_row_finalize;
  object_class->get_property = rd_portfolio_row_get_property;

  row_properties[ROW_PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, RD_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_ROW_PROPS, row_properties);
}

static void
rd_portfolio_row_init (RdPortfolioRow *self)
{
}

RdAccount *
rd_portfolio_row_get_account (RdPortfolioRow *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_ROW (self), NULL);

  return self->account;
}

guint
rd_portfolio_row_get_position (RdPortfolioRow *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_ROW (self), 0);

  return self->position;
}

/* Folded search keys ----------------------------------------------------- */

/* A copy of each account's search key (folded as the store made the
 * account), made once per account object (the store hands out a new
 * object for every change) and freed with it: what an account added by a
 * small splice keeps in the keys array. */
static const char *
account_folded_key (RdAccount *account)
{
  static GQuark quark;
  const char *key;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("rd-account-model-folded-key");

  key = g_object_get_qdata (G_OBJECT (account), quark);
  if (key == NULL)
    {
      char *copy = g_strdup (rd_account_get_search_key (account));

      g_object_set_qdata_full (G_OBJECT (account), quark, copy, g_free);
      key = copy;
    }
  return key;
}

/* RdAccountFilter -------------------------------------------------------- */

void
rd_account_filter_init (RdAccountFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->stage = RD_ACCOUNT_FILTER_ANY;
  filter->status = RD_ACCOUNT_FILTER_ANY;
  filter->delay_class = RD_ACCOUNT_FILTER_ANY;
}

void
rd_account_filter_clear (RdAccountFilter *filter)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->needle, g_free);
}

gboolean
rd_account_filter_is_active (const RdAccountFilter *filter)
{
  return filter != NULL &&
         (filter->needle != NULL || filter->stage != RD_ACCOUNT_FILTER_ANY ||
          filter->status != RD_ACCOUNT_FILTER_ANY ||
          filter->delay_class != RD_ACCOUNT_FILTER_ANY ||
          filter->from[0] != '\0' || filter->to[0] != '\0');
}

/* @key: the account's folded search key. */
static gboolean
filter_match (const RdAccountFilter *filter,
              RdAccount             *account,
              const char            *key)
{
  if (filter->stage != RD_ACCOUNT_FILTER_ANY && (int) rd_account_get_stage (account) != filter->stage)
    return FALSE;

  if (filter->status != RD_ACCOUNT_FILTER_ANY &&
      (int) rd_account_get_status (account) != filter->status)
    return FALSE;

  if (filter->delay_class != RD_ACCOUNT_FILTER_ANY &&
      rd_account_get_delay_class (account) != filter->delay_class)
    return FALSE;

  /* The range is a quarter: "Renewing this quarter" holds what is still
   * to do however overdue, and what closed in it (rd-forecast.h). */
  if ((filter->from[0] != '\0' || filter->to[0] != '\0') &&
      !rd_forecast_account_in_quarter (account, filter->from, filter->to))
    return FALSE;

  if (filter->needle != NULL && strstr (key, filter->needle) == NULL)
    return FALSE;

  return TRUE;
}

gboolean
rd_account_filter_match (const RdAccountFilter *filter,
                         RdAccount             *account)
{
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (RD_IS_ACCOUNT (account), FALSE);

  return filter_match (filter, account, account_folded_key (account));
}

/* RdAccountModel --------------------------------------------------------- */

struct _RdAccountModel
{
  GObject               parent_instance;

  GPtrArray            *items;       /* RdAccount, owned: the full set */
  GPtrArray            *sorted;      /* the full set in sort order, borrowed */
  GPtrArray            *keys;        /* their folded search keys, in the same order, borrowed */
  char                 *packed_keys; /* the keys at the last resort, one after the other */

  /* The matches: increasing indices into @sorted.  @spare is the other
   * buffer of a double buffer, both @capacity long. */
  guint                *visible;
  guint                *spare;
  guint                 n_visible;
  guint                 capacity;

  /* With @keep_rows, when nothing matches the list keeps announcing its
   * last @n_held slots (hidden behind the view's "no results" page)
   * instead of dropping to none: GTK 4.8 destroys every row widget of an
   * emptied list and builds them all again when matches come back, which
   * took ~200 ms per keystroke at 100,000 accounts. */
  gboolean              keep_rows;
  guint                 n_held;

  /* With @grow_step, a list that grows from a few items to many (the whole
   * book after the first screen's, a search cleared) announces @grow_step
   * more items a frame until GTK has made its row widgets (below), then the
   * rest at once: the ~175 rows GTK 4.8 made and laid out in one go held
   * the main thread 90-180 ms.  @grow_cap is what is announced meanwhile
   * (G_MAXUINT: everything). */
  guint                 grow_step;
  guint                 grow_cap;
  guint                 grow_id;

  /* During rd_account_model_replace_sorted (): the new set is in the
   * model's order already, so resort () need not check it. */
  gboolean              presorted;

  GHashTable           *slots;       /* position → RdPortfolioRow, weak */
  guint                 hot_start;   /* slots re-pointed at once; the rest in batches after */
  guint                 hot_end;
  guint                 repoint_id;

  RdAccountCompareFunc  compare;
  gboolean              descending;
  RdAccountFilter       filter;
  gboolean              filter_active;

  guint                 generation;  /* of the full set: one more on every splice */

  /* While sort jobs live, what they may read stays: the accounts the
   * full set dropped and the blocks of keys a resort replaced. */
  guint                 n_jobs;
  GPtrArray            *kept_accounts;
  GPtrArray            *kept_keys;
};

enum {
  PROP_0,
  PROP_GROWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdAccountModel, rd_account_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Helpers ---------------------------------------------------------------- */

static int
compare_int (gint64 a,
             gint64 b)
{
  return (a > b) - (a < b);
}

static int
compare_strings_nullable (const char *a,
                          const char *b)
{
  /* Unset values sort last in ascending order. */
  if (a == NULL || *a == '\0')
    return (b == NULL || *b == '\0') ? 0 : 1;
  if (b == NULL || *b == '\0')
    return -1;
  return strcmp (a, b);
}

/* rd_account_compare_value () of accounts whose values in the reporting
 * currency are @ra and @rb. */
static int
compare_values (gint64     ra,
                gint64     rb,
                RdAccount *a,
                RdAccount *b)
{
  int cmp;

  if ((ra < 0) != (rb < 0))
    return ra < 0 ? 1 : -1;
  if (ra >= 0)
    return compare_int (ra, rb);
  if ((cmp = g_strcmp0 (rd_account_get_currency (a), rd_account_get_currency (b))) != 0)
    return cmp;
  return compare_int (rd_account_get_annual_value_minor (a), rd_account_get_annual_value_minor (b));
}

/* An account and what the order reads of it that may change: its value in
 * the reporting currency, which the view sets on the main thread when the
 * rates come (rd_account_set_reporting_value_minor ()), copied when the
 * entry is made; and its folded search key.  The rest of what the orders
 * read is fixed for the account object's life (the store hands out a new
 * object for every change), so a worker may read it. */
typedef struct
{
  RdAccount  *account;
  const char *key;
  gint64      reporting_minor;
} SortEntry;

static void
sort_entry_init (SortEntry  *entry,
                 RdAccount  *account,
                 const char *key)
{
  entry->account = account;
  entry->key = key != NULL ? key : rd_account_get_search_key (account);
  entry->reporting_minor = rd_account_get_reporting_value_minor (account);
}

/* The model's total order (rd_account_model_set_sort ()). */
typedef struct
{
  RdAccountCompareFunc compare;
  gboolean             descending;
} Order;

/* A copy of the full set to sort on a worker (rd_account_model_new_sort_job ()). */
struct _RdAccountSortJob
{
  RdAccountModel *model;       /* owned; keeps what the entries point at */
  Order           order;
  guint           generation;
  SortEntry      *entries;
  guint           n;
  char           *packed;      /* the keys in order, once sorted */
};

static int
compare_entries_in_order (const Order     *order,
                          const SortEntry *a,
                          const SortEntry *b)
{
  RdAccountCompareFunc compare = order->compare ? order->compare : rd_account_compare_deadline;
  int cmp;

  /* The columns that read the entries' copies, not the accounts. */
  if (compare == rd_account_compare_value)
    cmp = compare_values (a->reporting_minor, b->reporting_minor, a->account, b->account);
  else if (compare == rd_account_compare_name)
    cmp = strcmp (a->key, b->key);
  else
    cmp = compare (a->account, b->account);

  if (cmp != 0)
    return order->descending ? -cmp : cmp;

  cmp = rd_account_compare_delay (a->account, b->account);
  if (cmp == 0)
    cmp = strcmp (a->key, b->key);
  if (cmp == 0)
    cmp = strcmp (rd_account_get_id (a->account), rd_account_get_id (b->account));
  return cmp;
}

static int
compare_in_order (const Order *order,
                  RdAccount   *aa,
                  RdAccount   *ab)
{
  SortEntry a, b;

  sort_entry_init (&a, aa, NULL);
  sort_entry_init (&b, ab, NULL);
  return compare_entries_in_order (order, &a, &b);
}

static int
compare_accounts_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  return compare_in_order (user_data, *(RdAccount * const *) a, *(RdAccount * const *) b);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  RdAccountModel *self = user_data;
  Order order = { self->compare, self->descending };

  return compare_in_order (&order, *(RdAccount * const *) a, *(RdAccount * const *) b);
}

static int
compare_entries_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  return compare_entries_in_order (user_data, a, b);
}

static void
ensure_capacity (RdAccountModel *self,
                 guint           n)
{
  if (n <= self->capacity)
    return;

  self->capacity = MAX (n, self->capacity * 2);
  self->visible = g_renew (guint, self->visible, self->capacity);
  self->spare = g_renew (guint, self->spare, self->capacity);
}

/* Copies the entries' keys one after the other, in their order, and points
 * the entries at the copies; returns the block. */
static char *
pack_keys (SortEntry *entries,
           guint      n)
{
  gsize size = 0;
  char *packed;
  char *next;

  for (guint i = 0; i < n; i++)
    size += strlen (entries[i].key) + 1;

  packed = next = g_malloc (MAX (size, 1));
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (entries[i].key) + 1;

      memcpy (next, entries[i].key, len);
      entries[i].key = next;
      next += len;
    }
  return packed;
}

/* Makes @entries, in order, the sorted array and its keys; takes @packed,
 * the block the keys are in. */
static void
adopt_entries (RdAccountModel  *self,
               const SortEntry *entries,
               guint            n,
               char            *packed)
{
  g_ptr_array_set_size (self->sorted, n);
  g_ptr_array_set_size (self->keys, n);
  for (guint i = 0; i < n; i++)
    {
      self->sorted->pdata[i] = entries[i].account;
      self->keys->pdata[i] = (gpointer) entries[i].key;
    }
  if (self->n_jobs > 0)
    g_ptr_array_add (self->kept_keys, self->packed_keys);
  else
    g_free (self->packed_keys);
  self->packed_keys = packed;
}

/* Whether @entries are in @order, by what the accounts hold now. */
static gboolean
entries_in_order (const Order     *order,
                  const SortEntry *entries,
                  guint            n)
{
  for (guint i = 1; i < n; i++)
    {
      SortEntry a = entries[i - 1];
      SortEntry b = entries[i];

      a.reporting_minor = rd_account_get_reporting_value_minor (a.account);
      b.reporting_minor = rd_account_get_reporting_value_minor (b.account);
      if (compare_entries_in_order (order, &a, &b) > 0)
        return FALSE;
    }
  return TRUE;
}

/* Whether the values in the reporting currency are still those @job copied. */
static gboolean
values_unchanged (RdAccountSortJob *job)
{
  for (guint i = 0; i < job->n; i++)
    if (job->entries[i].reporting_minor !=
        rd_account_get_reporting_value_minor (job->entries[i].account))
      return FALSE;
  return TRUE;
}

/* The keys follow the sorted array: a filter pass then reads two arrays
 * in order and never looks an account's key up.  The keys themselves are
 * copied one after the other in sort order: a pass over 100,000 keys
 * scattered over the heap took 1-3 ms of a keystroke (11 ms cold), most
 * of it waiting for memory.  They live only there: a key kept on each
 * account as well cost ~100 bytes an account.  With @keys_follow the
 * keys are in step with @sorted and move with their accounts; else they
 * are read from the accounts (folded as the store read them, rd-account.c).
 * An account added later by a small splice points at its own key. */
static void
resort (RdAccountModel *self,
        gboolean        keys_follow)
{
  guint n = self->sorted->len;
  g_autofree SortEntry *entries = g_new (SortEntry, MAX (n, 1));
  Order order = { self->compare, self->descending };

  for (guint i = 0; i < n; i++)
    sort_entry_init (&entries[i], self->sorted->pdata[i],
                     keys_follow ? self->keys->pdata[i] : NULL);

  /* A whole book sorted on a worker (rd_account_model_sort ()) is only
   * checked: sorting 100,000 accounts again took ~300 ms of the main
   * thread as the book came in.  Not even that when it was sorted in the
   * model's order (checking 100,000 took ~15 ms). */
  if (n > 1 && !self->presorted && !entries_in_order (&order, entries, n))
    g_qsort_with_data (entries, n, sizeof *entries, compare_entries_cb, &order);

  adopt_entries (self, entries, n, pack_keys (entries, n));
}

static guint
find_sorted (RdAccountModel *self,
             RdAccount      *account)
{
  guint lo = 0, hi = self->sorted->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_cb (&self->sorted->pdata[mid], &account, self) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Copies @filter (NULL: everything) without refiltering. */
static void
set_filter (RdAccountModel        *self,
            const RdAccountFilter *filter)
{
  rd_account_filter_clear (&self->filter);
  if (filter != NULL)
    {
      self->filter = *filter;
      self->filter.needle = g_strdup (filter->needle);
    }
  else
    {
      rd_account_filter_init (&self->filter);
    }
  self->filter_active = rd_account_filter_is_active (&self->filter);
}

/* Fills self->spare with the matching indices of @sorted; returns how
 * many.  With MORE_STRICT only the current matches are tested, with
 * LESS_STRICT only the current non-matches. */
static guint
run_filter (RdAccountModel  *self,
            GtkFilterChange  change)
{
  RdAccount **sorted = (RdAccount **) self->sorted->pdata;
  const char **keys = (const char **) self->keys->pdata;
  guint n_sorted = self->sorted->len;
  guint *out = self->spare;
  guint n = 0;

  if (!self->filter_active)
    {
      for (guint i = 0; i < n_sorted; i++)
        out[i] = i;
      return n_sorted;
    }

  if (change == GTK_FILTER_CHANGE_MORE_STRICT)
    {
      for (guint k = 0; k < self->n_visible; k++)
        {
          guint i = self->visible[k];

          if (filter_match (&self->filter, sorted[i], keys[i]))
            out[n++] = i;
        }
    }
  else if (change == GTK_FILTER_CHANGE_LESS_STRICT)
    {
      guint k = 0;

      for (guint i = 0; i < n_sorted; i++)
        {
          if (k < self->n_visible && self->visible[k] == i)
            {
              out[n++] = i;
              k++;
            }
          else if (filter_match (&self->filter, sorted[i], keys[i]))
            {
              out[n++] = i;
            }
        }
    }
  else
    {
      for (guint i = 0; i < n_sorted; i++)
        if (filter_match (&self->filter, sorted[i], keys[i]))
          out[n++] = i;
    }

  return n;
}

static void
on_slot_finalized_cb (gpointer  data,
                      GObject  *where_the_object_was)
{
  RdAccountModel *self = data;
  RdPortfolioRow *row = (RdPortfolioRow *) where_the_object_was;

  /* Only the struct's fields may be read now; the position still is. */
  if (g_hash_table_lookup (self->slots, GUINT_TO_POINTER (row->position)) == row)
    g_hash_table_remove (self->slots, GUINT_TO_POINTER (row->position));
}

/* Re-points the live slots (all, or those in the hot range) to their
 * matches, at most @budget of them that change; returns whether some
 * were left for later. */
static gboolean
repoint (RdAccountModel *self,
         gboolean        all,
         guint           budget)
{
  GHashTableIter iter;
  gpointer key, value;

  /* Held slots keep the accounts they show. */
  if (self->n_held > 0)
    return FALSE;

  /* Each slot notifies only when its account changed. */
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);
      RdPortfolioRow *row = value;
      RdAccount *account;

      if (!all && (position < self->hot_start || position >= self->hot_end))
        continue;

      account = rd_account_model_get_account (self, position);
      if (row->account == account)
        continue;
      if (budget == 0)
        return TRUE;
      budget--;
      rd_portfolio_row_set_account (row, account);
    }
  return FALSE;
}

/* The rows off screen, a few per frame interval, once the list has not
 * changed for REPOINT_QUIET_MS: while someone types, each batch was a
 * frame of its own, and the next keystroke waited for a free frame slot
 * (about 130 ms of batches after every keystroke).  Rows scrolled into
 * view meanwhile are re-pointed at once (rd_account_model_set_hot_range).
 * Each batch costs a relayout of its rows only. */
#define REPOINT_BATCH 24
#define REPOINT_INTERVAL_MS 16
#define REPOINT_QUIET_MS 250

static gboolean
repoint_cb (gpointer data)
{
  RdAccountModel *self = data;

  if (repoint (self, TRUE, REPOINT_BATCH))
    return G_SOURCE_CONTINUE;

  self->repoint_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
repoint_quiet_cb (gpointer data)
{
  RdAccountModel *self = data;

  self->repoint_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, REPOINT_INTERVAL_MS,
                                         repoint_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* The number of items announced: the matches, or the rows kept while
 * nothing matches, or fewer while the list grows. */
static guint
n_announced (RdAccountModel *self)
{
  if (self->n_held > 0)
    return self->n_held;
  return MIN (self->n_visible, self->grow_cap);
}

/* GTK 4.8's list views keep at most about 200 row widgets: once that many
 * items are announced, more make no new rows. */
#define GTK_ROW_WIDGETS 200
#define GROW_INTERVAL_MS 16

/* Announces the items from @n_old on to what n_announced () says now. */
static void
announce_more (RdAccountModel *self,
               guint           n_old)
{
  guint n_now = n_announced (self);

  if (n_now > n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_old, 0, n_now - n_old);
}

static gboolean
grow_cb (gpointer data)
{
  RdAccountModel *self = data;
  guint n_old = n_announced (self);

  if (n_old + self->grow_step < MIN (self->n_visible, GTK_ROW_WIDGETS))
    {
      self->grow_cap = n_old + self->grow_step;
      announce_more (self, n_old);
      return G_SOURCE_CONTINUE;
    }

  /* GTK has all its rows now: the rest at once. */
  self->grow_id = 0;
  self->grow_cap = G_MAXUINT;
  announce_more (self, n_old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROWING]);
  return G_SOURCE_REMOVE;
}

/* Starts or stops the steps of grow_cb (); returns whether that changed,
 * for the caller to announce the new cap and then notify "growing". */
static gboolean
set_growing (RdAccountModel *self,
             gboolean        growing)
{
  if (growing == (self->grow_id != 0))
    return FALSE;

  if (growing)
    self->grow_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, GROW_INTERVAL_MS,
                                        grow_cb, self, NULL);
  else
    g_clear_handle_id (&self->grow_id, g_source_remove);
  return TRUE;
}

/* Makes the @n_new indices in self->spare the matches: announces the
 * change in count at the tail, then re-points the live slots. */
static void
apply_visible (RdAccountModel *self,
               guint           n_new)
{
  guint *old = self->visible;
  guint n_old = n_announced (self);
  guint n_now;
  gboolean growing, growing_changed;
  GHashTableIter iter;
  gpointer key, value;
  gboolean hold = self->keep_rows && n_new == 0 && n_old > 0 && self->sorted->len > 0;

  self->visible = self->spare;
  self->spare = old;
  self->n_visible = n_new;
  self->n_held = hold ? n_old : 0;
  if (hold)
    return;

  /* The next steps are announced between frames, after the frame that
   * shows this change (the repaint runs before idle sources). */
  growing = self->grow_step > 0 && n_old < GTK_ROW_WIDGETS && n_new > n_old + self->grow_step;
  self->grow_cap = growing ? n_old + self->grow_step : G_MAXUINT;
  growing_changed = set_growing (self, growing);
  n_now = n_announced (self);

  /* Slots past the end are forgotten: a new one is made if the list grows
   * back, whoever still holds the old one. */
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (key) >= n_now)
      {
        g_object_weak_unref (value, on_slot_finalized_cb, self);
        g_hash_table_iter_remove (&iter);
      }

  if (n_now < n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_now, n_old - n_now, 0);
  else
    announce_more (self, n_old);
  if (growing_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROWING]);

  /* GTK may have made or dropped slots meanwhile: walk the table as it is
   * now.  GTK 4.8 keeps about 200 rows, most of them off screen: the rows
   * on screen are rebound for this frame, the others right after it, so
   * that the frame showing a keystroke lays out only what is seen. */
  if (self->hot_start == 0 && self->hot_end == G_MAXUINT)
    {
      repoint (self, TRUE, G_MAXUINT);
      return;
    }
  repoint (self, FALSE, G_MAXUINT);
  g_clear_handle_id (&self->repoint_id, g_source_remove);
  self->repoint_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, REPOINT_QUIET_MS,
                                         repoint_quiet_cb, self, NULL);
}

/* GListModel ------------------------------------------------------------- */

static GType
rd_account_model_get_item_type (GListModel *model)
{
  return RD_TYPE_PORTFOLIO_ROW;
}

static guint
rd_account_model_get_n_items (GListModel *model)
{
  return n_announced (RD_ACCOUNT_MODEL (model));
}

static gpointer
rd_account_model_get_item (GListModel *model,
                           guint       position)
{
  RdAccountModel *self = (RdAccountModel *) model;
  RdPortfolioRow *row;
  RdAccount *account;

  if (position >= rd_account_model_get_n_items (model))
    return NULL;

  row = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  /* A held slot made anew is never seen: any account will do. */
  account = self->n_held > 0 ? g_ptr_array_index (self->sorted, 0)
                             : rd_account_model_get_account (self, position);
  row = g_object_new (RD_TYPE_PORTFOLIO_ROW, NULL);
  row->position = position;
  row->account = g_object_ref (account);
  g_object_weak_ref (G_OBJECT (row), on_slot_finalized_cb, self);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), row);
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_account_model_get_item_type;
  iface->get_n_items = rd_account_model_get_n_items;
  iface->get_item = rd_account_model_get_item;
}

/* GObject ---------------------------------------------------------------- */

static void
rd_account_model_finalize (GObject *object)
{
  RdAccountModel *self = RD_ACCOUNT_MODEL (object);
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->repoint_id, g_source_remove);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, on_slot_finalized_cb, self);
  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->packed_keys, g_free);
  g_clear_pointer (&self->kept_accounts, g_ptr_array_unref);
  g_clear_pointer (&self->kept_keys, g_ptr_array_unref);
  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->visible, g_free);
  g_clear_pointer (&self->spare, g_free);
  rd_account_filter_clear (&self->filter);

  G_OBJECT_CLASS (rd_account_model_parent_class)->finalize (object);
}

static void
rd_account_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdAccountModel *self = RD_ACCOUNT_MODEL (object);

  switch (prop_id)
    {
    case PROP_GROWING:
      g_value_set_boolean (value, rd_account_model_get_growing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_account_model_class_init (RdAccountModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_account_model_finalize;
  object_class->get_property = rd_account_model_get_property;

  properties[PROP_GROWING] =
    g_param_spec_boolean ("growing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_account_model_init (RdAccountModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->sorted = g_ptr_array_new ();
  self->keys = g_ptr_array_new ();
  self->kept_accounts = g_ptr_array_new_with_free_func (g_object_unref);
  self->kept_keys = g_ptr_array_new_with_free_func (g_free);
  self->slots = g_hash_table_new (NULL, NULL);
  rd_account_filter_init (&self->filter);
  self->hot_end = G_MAXUINT;
  self->grow_cap = G_MAXUINT;
}

/* Public API ------------------------------------------------------------- */

RdAccountModel *
rd_account_model_new (void)
{
  return g_object_new (RD_TYPE_ACCOUNT_MODEL, NULL);
}

guint
rd_account_model_get_n_matches (RdAccountModel *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_MODEL (self), 0);

  return self->n_visible;
}

void
rd_account_model_set_keep_rows (RdAccountModel *self,
                                gboolean        keep_rows)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  self->keep_rows = !!keep_rows;
}

void
rd_account_model_set_grow_step (RdAccountModel *self,
                                guint           grow_step)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  self->grow_step = grow_step;
  if (grow_step == 0)
    rd_account_model_finish_growing (self);
}

gboolean
rd_account_model_get_growing (RdAccountModel *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_MODEL (self), FALSE);

  return self->grow_id != 0;
}

void
rd_account_model_finish_growing (RdAccountModel *self)
{
  guint n_old;

  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  if (self->grow_id == 0)
    return;

  n_old = n_announced (self);
  self->grow_cap = G_MAXUINT;
  set_growing (self, FALSE);
  announce_more (self, n_old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROWING]);
}

guint
rd_account_model_get_n_total (RdAccountModel *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_MODEL (self), 0);

  return self->items->len;
}

RdAccount *
rd_account_model_get_total_item (RdAccountModel *self,
                                 guint           position)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_MODEL (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

RdAccount *
rd_account_model_get_account (RdAccountModel *self,
                              guint           position)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_MODEL (self), NULL);

  if (position >= self->n_visible)
    return NULL;
  return g_ptr_array_index (self->sorted, self->visible[position]);
}

gboolean
rd_account_model_find_visible (RdAccountModel *self,
                               RdAccount      *account,
                               guint          *position)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_MODEL (self), FALSE);

  if (account == NULL)
    return FALSE;

  for (guint k = 0; k < self->n_visible; k++)
    if (self->sorted->pdata[self->visible[k]] == account)
      {
        if (position != NULL)
          *position = k;
        return TRUE;
      }
  return FALSE;
}

void
rd_account_model_splice (RdAccountModel *self,
                         guint           position,
                         guint           n_removals,
                         RdAccount     **additions,
                         guint           n_additions)
{
  g_autoptr(GPtrArray) removed = NULL;
  gboolean small;

  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));
  g_return_if_fail (position + n_removals <= self->items->len);

  if (n_removals == 0 && n_additions == 0)
    return;

  /* An edit moves a few accounts in the sorted array; a (re)load sorts. */
  small = n_removals + n_additions <= 16 && self->items->len > n_removals;
  /* A sort job copied the set before: it no longer applies. */
  self->generation++;

  /* The removed accounts stay alive until the slots let go of them. */
  removed = g_ptr_array_new_full (n_removals, g_object_unref);
  for (guint i = 0; i < n_removals; i++)
    g_ptr_array_add (removed, g_object_ref (g_ptr_array_index (self->items, position + i)));
  if (n_removals > 0)
    g_ptr_array_remove_range (self->items, position, n_removals);

  if (n_additions > 0)
    {
      guint old_len = self->items->len;

      g_ptr_array_set_size (self->items, old_len + n_additions);
      memmove (self->items->pdata + position + n_additions, self->items->pdata + position,
               (old_len - position) * sizeof (gpointer));
      for (guint i = 0; i < n_additions; i++)
        self->items->pdata[position + i] = g_object_ref (additions[i]);
    }

  ensure_capacity (self, self->items->len);

  if (small)
    {
      for (guint i = 0; i < removed->len; i++)
        {
          guint index;

          if (g_ptr_array_find (self->sorted, g_ptr_array_index (removed, i), &index))
            {
              g_ptr_array_remove_index (self->sorted, index);
              g_ptr_array_remove_index (self->keys, index);
            }
        }
      for (guint i = 0; i < n_additions; i++)
        {
          int index = (int) find_sorted (self, additions[i]);

          g_ptr_array_insert (self->sorted, index, additions[i]);
          g_ptr_array_insert (self->keys, index, (gpointer) account_folded_key (additions[i]));
        }
    }
  else
    {
      g_ptr_array_set_size (self->sorted, 0);
      g_ptr_array_extend (self->sorted, self->items, NULL, NULL);
      resort (self, FALSE);
    }

  apply_visible (self, run_filter (self, GTK_FILTER_CHANGE_DIFFERENT));

  /* A sort job may still read them. */
  if (self->n_jobs > 0)
    g_ptr_array_extend_and_steal (self->kept_accounts, g_steal_pointer (&removed));
}

void
rd_account_model_replace_sorted (RdAccountModel       *self,
                                 RdAccount           **accounts,
                                 guint                 n_accounts,
                                 RdAccountCompareFunc  compare,
                                 gboolean              descending)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  /* An order by value reads the values in the reporting currency, which
   * may have changed since the accounts were sorted. */
  self->presorted = compare == self->compare && !!descending == self->descending &&
                    compare != rd_account_compare_value;
  rd_account_model_splice (self, 0, self->items->len, accounts, n_accounts);
  self->presorted = FALSE;
}

void
rd_account_model_append (RdAccountModel *self,
                         RdAccount      *account)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  rd_account_model_splice (self, self->items->len, 0, &account, 1);
}

void
rd_account_model_remove (RdAccountModel *self,
                         guint           position)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  rd_account_model_splice (self, position, 1, NULL, 0);
}

gboolean
rd_account_model_find (RdAccountModel *self,
                       RdAccount      *account,
                       guint          *position)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_MODEL (self), FALSE);

  return g_ptr_array_find (self->items, account, position);
}

void
rd_account_model_set_sort (RdAccountModel       *self,
                           RdAccountCompareFunc  compare,
                           gboolean              descending)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  self->compare = compare;
  self->descending = !!descending;

  if (self->sorted->len == 0)
    return;

  resort (self, TRUE);
  apply_visible (self, run_filter (self, GTK_FILTER_CHANGE_DIFFERENT));
}

void
rd_account_model_get_sort (RdAccountModel       *self,
                           RdAccountCompareFunc *out_compare,
                           gboolean             *out_descending)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  *out_compare = self->compare;
  *out_descending = self->descending;
}

void
rd_account_model_sort (GPtrArray            *accounts,
                       RdAccountCompareFunc  compare,
                       gboolean              descending)
{
  Order order = { compare, !!descending };

  g_return_if_fail (accounts != NULL);

  g_ptr_array_sort_with_data (accounts, compare_accounts_cb, &order);
}

RdAccountSortJob *
rd_account_model_new_sort_job (RdAccountModel       *self,
                               RdAccountCompareFunc  compare,
                               gboolean              descending)
{
  RdAccountSortJob *job;
  gboolean by_value = compare == rd_account_compare_value;

  g_return_val_if_fail (RD_IS_ACCOUNT_MODEL (self), NULL);

  job = g_new0 (RdAccountSortJob, 1);
  job->model = g_object_ref (self);
  job->order.compare = compare;
  job->order.descending = !!descending;
  job->generation = self->generation;
  job->n = self->sorted->len;
  job->entries = g_new (SortEntry, MAX (job->n, 1));
  /* In the current order, which the new one may be close to.  No ref on
   * each account, nor a look at it unless its value is read: the model
   * keeps what it drops while the job lives (self->kept_accounts). */
  for (guint i = 0; i < job->n; i++)
    {
      SortEntry *entry = &job->entries[i];

      entry->account = self->sorted->pdata[i];
      entry->key = self->keys->pdata[i];
      entry->reporting_minor = by_value ? rd_account_get_reporting_value_minor (entry->account) : -1;
    }
  self->n_jobs++;
  return job;
}

void
rd_account_sort_job_run (RdAccountSortJob *job)
{
  g_return_if_fail (job != NULL);

  if (job->n > 1)
    g_qsort_with_data (job->entries, job->n, sizeof *job->entries, compare_entries_cb,
                       &job->order);
  g_free (job->packed);
  job->packed = pack_keys (job->entries, job->n);
}

void
rd_account_sort_job_free (RdAccountSortJob *job)
{
  RdAccountModel *self;

  if (job == NULL)
    return;

  self = job->model;
  if (--self->n_jobs == 0)
    {
      g_ptr_array_set_size (self->kept_accounts, 0);
      g_ptr_array_set_size (self->kept_keys, 0);
    }
  g_object_unref (self);
  g_free (job->entries);
  g_free (job->packed);
  g_free (job);
}

gboolean
rd_account_model_apply_sort_job (RdAccountModel        *self,
                                 RdAccountSortJob      *job,
                                 const RdAccountFilter *filter)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_MODEL (self), FALSE);
  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (job->packed != NULL, FALSE);
  g_return_val_if_fail (job->model == self, FALSE);

  if (job->generation != self->generation || job->n != self->sorted->len)
    return FALSE;

  self->compare = job->order.compare;
  self->descending = job->order.descending;
  adopt_entries (self, job->entries, job->n, g_steal_pointer (&job->packed));

  /* A value set since the copy was made (new rates) may have moved an
   * account: only then does the main thread sort.  Nothing else the
   * orders read changes in an account object. */
  if (job->order.compare == rd_account_compare_value && !values_unchanged (job))
    resort (self, TRUE);

  if (filter != NULL)
    set_filter (self, filter);
  ensure_capacity (self, self->sorted->len);
  apply_visible (self, run_filter (self, GTK_FILTER_CHANGE_DIFFERENT));
  return TRUE;
}

void
rd_account_model_set_filter (RdAccountModel        *self,
                             const RdAccountFilter *filter,
                             GtkFilterChange        change)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  set_filter (self, filter);
  ensure_capacity (self, self->sorted->len);
  apply_visible (self, run_filter (self, change));
}

void
rd_account_model_set_hot_range (RdAccountModel *self,
                                guint           start,
                                guint           n)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  self->hot_start = start;
  self->hot_end = n > G_MAXUINT - start ? G_MAXUINT : start + n;

  /* Scrolled before every slot was re-pointed: what comes into view first. */
  if (self->repoint_id != 0)
    repoint (self, FALSE, G_MAXUINT);
}

int
rd_account_compare_name (RdAccount *a,
                         RdAccount *b)
{
  /* The search key starts with the lower-cased name: a case-insensitive
   * order without collation keys. */
  return strcmp (rd_account_get_search_key (a), rd_account_get_search_key (b));
}

/* By the value in the reporting currency, so forints and yen sit where
 * they are worth; accounts without a rate after the rest, by currency and
 * then their own amount. */
int
rd_account_compare_value (RdAccount *a,
                          RdAccount *b)
{
  return compare_values (rd_account_get_reporting_value_minor (a),
                         rd_account_get_reporting_value_minor (b), a, b);
}

int
rd_account_compare_contract_end (RdAccount *a,
                                 RdAccount *b)
{
  return compare_strings_nullable (rd_account_get_contract_end (a),
                                   rd_account_get_contract_end (b));
}

int
rd_account_compare_deadline (RdAccount *a,
                             RdAccount *b)
{
  gboolean a_lost = rd_account_get_status (a) == RD_STATUS_LOST;
  gboolean b_lost = rd_account_get_status (b) == RD_STATUS_LOST;

  /* A lost account has no renewal ahead: after every open one. */
  if (a_lost != b_lost)
    return a_lost ? 1 : -1;

  /* ISO dates order like the days between today and them. */
  return compare_strings_nullable (rd_account_get_deadline (a), rd_account_get_deadline (b));
}

int
rd_account_compare_delay (RdAccount *a,
                          RdAccount *b)
{
  /* The worst open delay first; accounts without one last. */
  return compare_int (rd_account_get_delay_class (b), rd_account_get_delay_class (a));
}

int
rd_account_compare_risk (RdAccount *a,
                         RdAccount *b)
{
  gboolean a_closed = rd_account_get_status (a) == RD_STATUS_RENEWED ||
                      rd_account_get_status (a) == RD_STATUS_LOST;
  gboolean b_closed = rd_account_get_status (b) == RD_STATUS_RENEWED ||
                      rd_account_get_status (b) == RD_STATUS_LOST;

  /* Renewed and lost have no risk ahead: after every open renewal, so
   * "Renewing this quarter" shows what is still to do first. */
  if (a_closed != b_closed)
    return a_closed ? 1 : -1;

  /* Ascending puts the riskiest first, like the deadline column; among
   * equal risks the largest contract first ("Renewing this quarter"). */
  if (rd_account_get_risk_score (a) != rd_account_get_risk_score (b))
    return rd_account_get_risk_score (b) - rd_account_get_risk_score (a);

  return compare_int (rd_account_get_annual_value_minor (b), rd_account_get_annual_value_minor (a));
}

int
rd_account_compare_stage (RdAccount *a,
                          RdAccount *b)
{
  return (int) rd_account_get_stage (a) - (int) rd_account_get_stage (b);
}

int
rd_account_compare_status (RdAccount *a,
                           RdAccount *b)
{
  return (int) rd_account_get_status (a) - (int) rd_account_get_status (b);
}

int
rd_account_compare_owner (RdAccount *a,
                          RdAccount *b)
{
  return compare_strings_nullable (rd_account_get_owner (a), rd_account_get_owner (b));
}
