/* rd-account-model.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-model"

#include "config.h"

#include "rd-account-model.h"

/* Splices up to this size update the sorted array in place. */
#define SMALL_SPLICE 16

struct _RdAccountModel
{
  GObject              parent_instance;

  GPtrArray           *items;       /* RdAccount, owned: the full set */
  GPtrArray           *sorted;      /* the full set in sort order, borrowed */

  /* The visible list: increasing indices into @sorted.  @spare is the
   * other buffer of a double buffer, both @capacity long. */
  guint               *visible;
  guint               *spare;
  guint                n_visible;
  guint                capacity;

  GCompareDataFunc     compare;
  gpointer             compare_data;
  RdAccountFilterFunc  filter;
  gpointer             filter_data;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdAccountModel, rd_account_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Helpers ---------------------------------------------------------------- */

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

static int
compare_indirect_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  RdAccountModel *self = user_data;

  return self->compare (*(gpointer const *) a, *(gpointer const *) b, self->compare_data);
}

static void
resort (RdAccountModel *self)
{
  if (self->compare != NULL && self->sorted->len > 1)
    g_qsort_with_data (self->sorted->pdata, self->sorted->len, sizeof (gpointer),
                       compare_indirect_cb, self);
}

/* Fills @out with the matching indices of @sorted; returns how many.
 * With MORE_STRICT only the current matches are tested, with LESS_STRICT
 * only the current non-matches. */
static guint
run_filter (RdAccountModel  *self,
            GtkFilterChange  change,
            guint           *out)
{
  RdAccount **sorted = (RdAccount **) self->sorted->pdata;
  guint n_sorted = self->sorted->len;
  guint n = 0;

  if (self->filter == NULL)
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

          if (self->filter (sorted[i], self->filter_data))
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
          else if (self->filter (sorted[i], self->filter_data))
            {
              out[n++] = i;
            }
        }
    }
  else
    {
      for (guint i = 0; i < n_sorted; i++)
        if (self->filter (sorted[i], self->filter_data))
          out[n++] = i;
    }

  return n;
}

static void
emit_changed (RdAccountModel *self,
              guint           position,
              guint           removed,
              guint           added)
{
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Makes the @n_new indices in self->spare the visible list and announces
 * it as one change of everything. */
static void
swap_visible (RdAccountModel *self,
              guint           n_new)
{
  guint *old = self->visible;
  guint n_old = self->n_visible;

  self->visible = self->spare;
  self->spare = old;
  self->n_visible = n_new;
  emit_changed (self, 0, n_old, n_new);
}

/* Same, but announced as one change from the first to the last row that
 * differs: rows above it keep their widgets.  (Exact runs near the top
 * were tried: GTK 4.8 rebuilds the row widgets in the range of every
 * items-changed, so many small changes cost more than one big one.) */
static void
swap_visible_trimmed (RdAccountModel *self,
                      guint           n_new)
{
  const guint *old = self->visible;
  const guint *new = self->spare;
  guint n_old = self->n_visible;
  guint n_min = MIN (n_old, n_new);
  guint prefix, suffix;

  for (prefix = 0; prefix < n_min && old[prefix] == new[prefix]; prefix++)
    ;
  for (suffix = 0; suffix < n_min - prefix && old[n_old - 1 - suffix] == new[n_new - 1 - suffix];
       suffix++)
    ;

  self->spare = self->visible;
  self->visible = (guint *) new;
  self->n_visible = n_new;
  emit_changed (self, prefix, n_old - prefix - suffix, n_new - prefix - suffix);
}

static guint
find_sorted (RdAccountModel *self,
             RdAccount      *account)
{
  guint lo = 0, hi = self->sorted->len;

  if (self->compare == NULL)
    return hi;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->compare (self->sorted->pdata[mid], account, self->compare_data) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* GListModel ------------------------------------------------------------- */

static GType
rd_account_model_get_item_type (GListModel *model)
{
  return RD_TYPE_ACCOUNT;
}

static guint
rd_account_model_get_n_items (GListModel *model)
{
  return RD_ACCOUNT_MODEL (model)->n_visible;
}

static gpointer
rd_account_model_get_item (GListModel *model,
                           guint       position)
{
  RdAccountModel *self = (RdAccountModel *) model;

  if (position >= self->n_visible)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->sorted, self->visible[position]));
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

  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->visible, g_free);
  g_clear_pointer (&self->spare, g_free);

  G_OBJECT_CLASS (rd_account_model_parent_class)->finalize (object);
}

static void
rd_account_model_class_init (RdAccountModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_account_model_finalize;
}

static void
rd_account_model_init (RdAccountModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->sorted = g_ptr_array_new ();
}

/* Public API ------------------------------------------------------------- */

RdAccountModel *
rd_account_model_new (void)
{
  return g_object_new (RD_TYPE_ACCOUNT_MODEL, NULL);
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

void
rd_account_model_splice (RdAccountModel *self,
                         guint           position,
                         guint           n_removals,
                         RdAccount     **additions,
                         guint           n_additions)
{
  g_autoptr(GPtrArray) removed = NULL;
  g_autofree RdAccount **old_rows = NULL;
  guint n_old, n_new, prefix, suffix;
  guint *new_rows;
  gboolean small;

  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));
  g_return_if_fail (position + n_removals <= self->items->len);

  if (n_removals == 0 && n_additions == 0)
    return;

  small = n_removals + n_additions <= SMALL_SPLICE && self->items->len > n_removals;

  /* The removed accounts stay alive until the change is announced, so
   * that no new account can take the address of an old one meanwhile. */
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

  if (!small)
    {
      /* A (re)load: sort everything, one items-changed. */
      g_ptr_array_set_size (self->sorted, 0);
      g_ptr_array_extend (self->sorted, self->items, NULL, NULL);
      resort (self);
      swap_visible (self, run_filter (self, GTK_FILTER_CHANGE_DIFFERENT, self->spare));
      return;
    }

  /* An edit: move the few accounts in the sorted array, then announce the
   * span between the first and the last visible row that differ. */
  n_old = self->n_visible;
  old_rows = g_new (RdAccount *, MAX (n_old, 1));
  for (guint k = 0; k < n_old; k++)
    old_rows[k] = g_ptr_array_index (self->sorted, self->visible[k]);

  for (guint i = 0; i < removed->len; i++)
    g_ptr_array_remove (self->sorted, g_ptr_array_index (removed, i));
  for (guint i = 0; i < n_additions; i++)
    g_ptr_array_insert (self->sorted, (int) find_sorted (self, additions[i]), additions[i]);

  new_rows = self->spare;
  n_new = run_filter (self, GTK_FILTER_CHANGE_DIFFERENT, new_rows);
  for (prefix = 0; prefix < MIN (n_old, n_new); prefix++)
    if (old_rows[prefix] != g_ptr_array_index (self->sorted, self->spare[prefix]))
      break;
  for (suffix = 0; suffix < MIN (n_old, n_new) - prefix; suffix++)
    if (old_rows[n_old - 1 - suffix] !=
        g_ptr_array_index (self->sorted, self->spare[n_new - 1 - suffix]))
      break;

  self->spare = self->visible;
  self->visible = new_rows;
  self->n_visible = n_new;
  emit_changed (self, prefix, n_old - prefix - suffix, n_new - prefix - suffix);
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
rd_account_model_set_compare_func (RdAccountModel   *self,
                                   GCompareDataFunc  compare,
                                   gpointer          user_data)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  self->compare = compare;
  self->compare_data = user_data;

  if (self->sorted->len == 0)
    return;

  resort (self);
  swap_visible (self, run_filter (self, GTK_FILTER_CHANGE_DIFFERENT, self->spare));
}

void
rd_account_model_set_filter_func (RdAccountModel      *self,
                                  RdAccountFilterFunc  filter,
                                  gpointer             user_data)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  self->filter = filter;
  self->filter_data = user_data;
}

void
rd_account_model_refilter (RdAccountModel  *self,
                           GtkFilterChange  change)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  swap_visible_trimmed (self, run_filter (self, change, self->spare));
}
