/* test-portfolio-model.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "rd-account-model.h"
#include "rd-account-private.h"

#define N_ACCOUNTS 2000

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->calls++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static const char * const syllables[] = { "nor", "sof", "gro", "ab", "tech", "lin", "par", "ex" };

static RdAccount *
make_account (guint i)
{
  RdAccount *account = rd_account_new ();
  g_autofree char *name = g_strdup_printf ("%s%s %u", syllables[i % 8], syllables[(i / 8) % 8], i);
  g_autofree char *end = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + (i * 7) % 28);

  rd_account_set_name (account, name);
  rd_account_set_contract_end (account, end);
  rd_account_set_stage (account, i % 4);
  account->delay_class = (int) (i % 4) - 1;   /* none, administrative, decision, risk */
  return account;
}

static RdAccountModel *
make_model (void)
{
  RdAccountModel *model = rd_account_model_new ();
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N_ACCOUNTS; i++)
    g_ptr_array_add (accounts, make_account (i));
  rd_account_model_splice (model, 0, 0, (RdAccount **) accounts->pdata, accounts->len);
  return model;
}

/* The matches in sort order, the slow way. */
static GPtrArray *
brute_force (RdAccountModel        *model,
             const RdAccountFilter *filter)
{
  GPtrArray *all = g_ptr_array_new ();
  GPtrArray *matches = g_ptr_array_new ();
  RdAccountModel *sorted = rd_account_model_new ();

  for (guint i = 0; i < rd_account_model_get_n_total (model); i++)
    g_ptr_array_add (all, rd_account_model_get_total_item (model, i));
  rd_account_model_splice (sorted, 0, 0, (RdAccount **) all->pdata, all->len);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sorted)); i++)
    {
      RdAccount *account = rd_account_model_get_account (sorted, i);

      if (filter == NULL || rd_account_filter_match (filter, account))
        g_ptr_array_add (matches, account);
    }
  g_object_unref (sorted);
  g_ptr_array_unref (all);
  return matches;
}

static void
assert_matches (RdAccountModel        *model,
                const RdAccountFilter *filter)
{
  g_autoptr(GPtrArray) expected = brute_force (model, filter);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (rd_account_model_get_account (model, i) == expected->pdata[i]);
}

static void
set_needle (RdAccountModel  *model,
            RdAccountFilter *filter,
            const char      *needle,
            GtkFilterChange  change)
{
  g_free (filter->needle);
  filter->needle = *needle ? g_strdup (needle) : NULL;
  rd_account_model_set_filter (model, filter, change);
}

static void
test_keystrokes (void)
{
  g_autoptr(RdAccountModel) model = make_model ();
  RdAccountFilter filter;
  Changes changes = { 0 };
  GPtrArray *held = g_ptr_array_new_with_free_func (g_object_unref);
  static const struct { const char *text; GtkFilterChange change; } keys[] = {
    { "n", GTK_FILTER_CHANGE_MORE_STRICT }, { "no", GTK_FILTER_CHANGE_MORE_STRICT },
    { "nor", GTK_FILTER_CHANGE_MORE_STRICT }, { "norsof", GTK_FILTER_CHANGE_MORE_STRICT },
    { "nor", GTK_FILTER_CHANGE_LESS_STRICT }, { "", GTK_FILTER_CHANGE_LESS_STRICT },
    { "ex", GTK_FILTER_CHANGE_DIFFERENT }, { "zzz", GTK_FILTER_CHANGE_DIFFERENT },
    { "1", GTK_FILTER_CHANGE_DIFFERENT }, { "", GTK_FILTER_CHANGE_LESS_STRICT },
  };

  rd_account_filter_init (&filter);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  /* What a list view holds: the slots of the first rows. */
  for (guint i = 0; i < 50; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      guint before = g_list_model_get_n_items (G_LIST_MODEL (model));
      guint after;

      changes = (Changes) { 0 };
      set_needle (model, &filter, keys[k].text, keys[k].change);
      after = g_list_model_get_n_items (G_LIST_MODEL (model));

      /* Only the change in count, at the tail. */
      if (before == after)
        {
          g_assert_cmpuint (changes.calls, ==, 0);
        }
      else
        {
          g_assert_cmpuint (changes.calls, ==, 1);
          g_assert_cmpuint (changes.position, ==, MIN (before, after));
          g_assert_cmpuint (changes.removed, ==, before > after ? before - after : 0);
          g_assert_cmpuint (changes.added, ==, after > before ? after - before : 0);
        }
      assert_matches (model, &filter);

      /* The held slots were re-pointed, and keep their identity. */
      for (guint i = 0; i < held->len && i < after; i++)
        {
          g_autoptr(RdPortfolioRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

          g_assert_true (row == held->pdata[i]);
          g_assert_true (rd_portfolio_row_get_account (row) == rd_account_model_get_account (model, i));
        }
      /* Slots past the end are let go of: a fresh one comes back. */
      if (after < held->len)
        {
          g_ptr_array_set_size (held, after);
          for (guint i = after; i < MIN (50, g_list_model_get_n_items (G_LIST_MODEL (model))); i++)
            g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));
        }
    }

  g_ptr_array_unref (held);
  rd_account_filter_clear (&filter);
}

static void
test_sort_keeps_count (void)
{
  g_autoptr(RdAccountModel) model = make_model ();
  g_autoptr(RdPortfolioRow) row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  Changes changes = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  rd_account_model_set_sort (model, NULL, TRUE);
  g_assert_cmpuint (changes.calls, ==, 0);
  g_assert_true (rd_portfolio_row_get_account (row) == rd_account_model_get_account (model, 0));
  /* Descending deadline: accounts with a deadline, latest first. */
  g_assert_cmpstr (rd_account_get_deadline (rd_portfolio_row_get_account (row)), >=,
                   rd_account_get_deadline (rd_account_model_get_account (model, 1)));
}

/* A book sorted on a worker (rd_account_model_sort ()) and one the model
 * sorts itself list alike, in every order, and so does a book sorted for
 * another order than the model's by the time it comes in. */
static void
test_presorted_splice (void)
{
  static const RdAccountCompareFunc orders[] = {
    NULL, rd_account_compare_name, rd_account_compare_stage, rd_account_compare_delay,
  };

  for (guint o = 0; o < G_N_ELEMENTS (orders) * 2; o++)
    {
      RdAccountCompareFunc compare = orders[o / 2];
      gboolean descending = o % 2;
      g_autoptr(RdAccountModel) plain = rd_account_model_new ();
      g_autoptr(RdAccountModel) presorted = rd_account_model_new ();
      g_autoptr(RdAccountModel) stale = rd_account_model_new ();
      g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) sorted = NULL;
      RdAccountCompareFunc got_compare;
      gboolean got_descending;

      /* Some accents: the keys are folded as accounts are made. */
      for (guint i = 0; i < N_ACCOUNTS; i++)
        {
          RdAccount *account = make_account ((i * 37) % N_ACCOUNTS);

          if (i % 5 == 0)
            rd_account_set_owner (account, "Anna Kovács");
          g_ptr_array_add (accounts, account);
        }
      sorted = g_ptr_array_copy (accounts, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
      g_ptr_array_set_free_func (sorted, g_object_unref);

      rd_account_model_set_sort (plain, compare, descending);
      rd_account_model_set_sort (presorted, compare, descending);
      rd_account_model_get_sort (presorted, &got_compare, &got_descending);
      g_assert_true (got_compare == compare);
      g_assert_cmpint (got_descending, ==, descending);
      rd_account_model_set_sort (stale, compare, descending);
      /* Sorted on the worker for the order before the user clicked
       * another column: the model sorts them again. */
      rd_account_model_sort (sorted, orders[(o / 2 + 1) % G_N_ELEMENTS (orders)], !descending);
      rd_account_model_replace_sorted (stale, (RdAccount **) sorted->pdata, sorted->len,
                                       orders[(o / 2 + 1) % G_N_ELEMENTS (orders)], !descending);
      rd_account_model_sort (sorted, compare, descending);

      rd_account_model_splice (plain, 0, 0, (RdAccount **) accounts->pdata, accounts->len);
      rd_account_model_replace_sorted (presorted, (RdAccount **) sorted->pdata, sorted->len,
                                       compare, descending);

      for (guint i = 0; i < N_ACCOUNTS; i++)
        {
          g_assert_true (rd_account_model_get_account (presorted, i) ==
                         rd_account_model_get_account (plain, i));
          g_assert_true (rd_account_model_get_account (stale, i) ==
                         rd_account_model_get_account (plain, i));
        }

      /* And a search finds the accented owner in all, typed plainly. */
      {
        RdAccountFilter filter;

        rd_account_filter_init (&filter);
        filter.needle = g_strdup ("kovacs");
        rd_account_model_set_filter (plain, &filter, GTK_FILTER_CHANGE_DIFFERENT);
        rd_account_model_set_filter (presorted, &filter, GTK_FILTER_CHANGE_DIFFERENT);
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (presorted)), ==, N_ACCOUNTS / 5);
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plain)), ==, N_ACCOUNTS / 5);
        rd_account_filter_clear (&filter);
      }
    }
}

static void assert_sorted_as (RdAccountModel        *model,
                              RdAccountCompareFunc   compare,
                              gboolean               descending,
                              const RdAccountFilter *filter);

/* By value, a book sorted on the worker is checked all the same: new
 * rates may have changed the values in the reporting currency since. */
static void
test_presorted_by_value (void)
{
  g_autoptr(RdAccountModel) model = rd_account_model_new ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N_ACCOUNTS; i++)
    {
      RdAccount *account = make_account (i);

      rd_account_set_reporting_value_minor (account, (i * 7919) % N_ACCOUNTS * 100);
      g_ptr_array_add (sorted, account);
    }
  rd_account_model_set_sort (model, rd_account_compare_value, FALSE);
  rd_account_model_sort (sorted, rd_account_compare_value, FALSE);
  /* Rates came meanwhile: the cheapest is now the dearest. */
  rd_account_set_reporting_value_minor (g_ptr_array_index (sorted, 0), G_MAXINT64 / 2);

  rd_account_model_replace_sorted (model, (RdAccount **) sorted->pdata, sorted->len,
                                   rd_account_compare_value, FALSE);
  assert_sorted_as (model, rd_account_compare_value, FALSE, NULL);
  g_assert_true (rd_account_model_get_account (model, N_ACCOUNTS - 1) == g_ptr_array_index (sorted, 0));
}

static void
test_tie_break (void)
{
  g_autoptr(RdAccountModel) model = rd_account_model_new ();
  g_autoptr(RdAccount) admin = rd_account_new ();
  g_autoptr(RdAccount) risk = rd_account_new ();
  g_autoptr(RdAccount) none = rd_account_new ();
  RdAccount *accounts[3];

  /* The administrative one would win on the name alone. */
  rd_account_set_name (admin, "Alpha");
  rd_account_set_name (risk, "Zulu");
  rd_account_set_name (none, "Beta");
  rd_account_set_contract_end (admin, "2026-05-01");
  rd_account_set_contract_end (risk, "2026-05-01");
  rd_account_set_contract_end (none, "2026-05-01");
  admin->delay_class = 0;
  risk->delay_class = 2;
  none->delay_class = -1;
  accounts[0] = admin;
  accounts[1] = none;
  accounts[2] = risk;
  rd_account_model_splice (model, 0, 0, accounts, 3);

  for (guint pass = 0; pass < 2; pass++)
    {
      /* Either direction: risk before administrative at the same deadline. */
      rd_account_model_set_sort (model, rd_account_compare_deadline, pass == 1);
      g_assert_true (rd_account_model_get_account (model, 0) == risk);
      g_assert_true (rd_account_model_get_account (model, 1) == admin);
      g_assert_true (rd_account_model_get_account (model, 2) == none);
    }
}

static void
test_delay_filter (void)
{
  g_autoptr(RdAccountModel) model = make_model ();
  RdAccountFilter filter;

  rd_account_filter_init (&filter);
  for (int klass = RD_ACCOUNT_FILTER_NO_DELAY; klass <= 2; klass++)
    {
      filter.delay_class = klass;
      rd_account_model_set_filter (model, &filter, GTK_FILTER_CHANGE_DIFFERENT);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ACCOUNTS / 4);
      assert_matches (model, &filter);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
        g_assert_cmpint (rd_account_get_delay_class (rd_account_model_get_account (model, i)), ==,
                         klass);
    }

  /* Combined with a search, then widened again. */
  filter.needle = g_strdup ("tech");
  rd_account_model_set_filter (model, &filter, GTK_FILTER_CHANGE_MORE_STRICT);
  assert_matches (model, &filter);
  filter.delay_class = RD_ACCOUNT_FILTER_ANY;
  rd_account_model_set_filter (model, &filter, GTK_FILTER_CHANGE_LESS_STRICT);
  assert_matches (model, &filter);
  rd_account_model_set_filter (model, NULL, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ACCOUNTS);
  rd_account_filter_clear (&filter);
}

static void
test_edit_repoints (void)
{
  g_autoptr(RdAccountModel) model = make_model ();
  g_autoptr(RdPortfolioRow) row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_autoptr(RdAccount) edited = make_account (N_ACCOUNTS);
  RdAccount *first = rd_portfolio_row_get_account (row);
  Changes changes = { 0 };
  guint position;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  g_assert_true (rd_account_model_find (model, first, &position));
  rd_account_set_contract_end (edited, "2025-01-01");
  rd_account_model_splice (model, position, 1, &edited, 1);

  /* Same count: no items-changed; the first slot now shows the edit. */
  g_assert_cmpuint (changes.calls, ==, 0);
  g_assert_true (rd_portfolio_row_get_account (row) == edited);
  assert_matches (model, NULL);
}

/* The keys are packed when the model sorts; an account edited later
 * keeps its own key.  Searches find both, and the next sort packs the
 * edited one too. */
static void
test_search_after_edit (void)
{
  g_autoptr(RdAccountModel) model = make_model ();
  g_autoptr(RdAccount) edited = make_account (N_ACCOUNTS);
  RdAccount *old = rd_account_model_get_total_item (model, 5);
  RdAccountFilter filter;

  rd_account_filter_init (&filter);
  rd_account_set_name (edited, "Quokka Renamed");
  rd_account_model_splice (model, 5, 1, &edited, 1);
  g_assert_false (rd_account_model_find (model, old, NULL));

  set_needle (model, &filter, "quokka", GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_true (rd_account_model_get_account (model, 0) == edited);
  assert_matches (model, &filter);

  set_needle (model, &filter, "sof", GTK_FILTER_CHANGE_DIFFERENT);
  assert_matches (model, &filter);
  set_needle (model, &filter, "soft", GTK_FILTER_CHANGE_MORE_STRICT);
  assert_matches (model, &filter);

  rd_account_model_set_sort (model, rd_account_compare_name, TRUE);
  set_needle (model, &filter, "quokka", GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_true (rd_account_model_get_account (model, 0) == edited);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  set_needle (model, &filter, "", GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ACCOUNTS);

  rd_account_filter_clear (&filter);
}

/* With the rows kept, nothing matching keeps the last rows (no
 * items-changed), the number of matches still says none, and the first
 * match re-points the kept slots. */
static void
test_keep_rows (void)
{
  g_autoptr(RdAccountModel) model = make_model ();
  g_autoptr(RdPortfolioRow) row = NULL;
  RdAccountFilter filter;
  Changes changes = { 0 };

  rd_account_filter_init (&filter);
  rd_account_model_set_keep_rows (model, TRUE);
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  set_needle (model, &filter, "zzz", GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpuint (changes.calls, ==, 0);
  g_assert_cmpuint (rd_account_model_get_n_matches (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ACCOUNTS);
  g_assert_null (rd_account_model_get_account (model, 0));
  g_assert_false (rd_account_model_find_visible (model, rd_portfolio_row_get_account (row), NULL));
  g_assert_nonnull (rd_portfolio_row_get_account (row));

  set_needle (model, &filter, "zzzz", GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpuint (changes.calls, ==, 0);

  set_needle (model, &filter, "nor", GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, rd_account_model_get_n_matches (model));
  g_assert_cmpuint (changes.removed, ==, N_ACCOUNTS - rd_account_model_get_n_matches (model));
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_true (rd_portfolio_row_get_account (row) == rd_account_model_get_account (model, 0));
  assert_matches (model, &filter);

  /* Without them (the default), an empty result is an empty list. */
  rd_account_model_set_keep_rows (model, FALSE);
  set_needle (model, &filter, "zzz", GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  rd_account_filter_clear (&filter);
}

/* The announced items, checked against every items-changed: what a list
 * view would hold. */
typedef struct
{
  guint n_items;
  guint n_steps;
} Announced;

static void
on_announced_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Announced  *announced)
{
  g_assert_cmpuint (position + removed, <=, announced->n_items);
  announced->n_items += added - removed;
  g_assert_cmpuint (announced->n_items, ==, g_list_model_get_n_items (model));
  announced->n_steps++;
}

static gboolean
not_growing (gpointer data)
{
  return !rd_account_model_get_growing (data);
}

/* With a grow step, a list that grows from few to many announces the step
 * more a frame until GTK's ~200 row widgets are made, then all the rest at
 * once; a change meanwhile, or finish_growing (), announces everything. */
static void
test_grow (void)
{
  g_autoptr(RdAccountModel) model = rd_account_model_new ();
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  RdAccountFilter filter;
  Announced announced = { 0 };
  GMainContext *context = g_main_context_default ();

  for (guint i = 0; i < N_ACCOUNTS; i++)
    g_ptr_array_add (accounts, make_account (i));
  rd_account_filter_init (&filter);
  rd_account_model_set_grow_step (model, 50);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_announced_cb), &announced);

  rd_account_model_splice (model, 0, 0, (RdAccount **) accounts->pdata, accounts->len);
  g_assert_true (rd_account_model_get_growing (model));
  g_assert_cmpuint (announced.n_items, ==, 50);
  g_assert_cmpuint (rd_account_model_get_n_matches (model), ==, N_ACCOUNTS);
  /* Every match is there to read, announced or not. */
  g_assert_nonnull (rd_account_model_get_account (model, N_ACCOUNTS - 1));

  /* 100, 150, then all: 200 items make every row GTK keeps. */
  while (!not_growing (model))
    g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (announced.n_items, ==, N_ACCOUNTS);
  g_assert_cmpuint (announced.n_steps, ==, 4);

  /* A search matching few, then cleared: grows again; a keystroke
   * meanwhile to fewer matches than announced announces them all. */
  set_needle (model, &filter, "norsof", GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (announced.n_items, ==, rd_account_model_get_n_matches (model));
  g_assert_cmpuint (announced.n_items, <, 50);
  set_needle (model, &filter, "", GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_true (rd_account_model_get_growing (model));
  g_assert_cmpuint (announced.n_items, <, 100);
  set_needle (model, &filter, "nor", GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (rd_account_model_get_growing (model));
  set_needle (model, &filter, "norsof", GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_false (rd_account_model_get_growing (model));
  g_assert_cmpuint (announced.n_items, ==, rd_account_model_get_n_matches (model));
  assert_matches (model, &filter);

  set_needle (model, &filter, "norsof", GTK_FILTER_CHANGE_MORE_STRICT);
  set_needle (model, &filter, "", GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_true (rd_account_model_get_growing (model));
  rd_account_model_finish_growing (model);
  g_assert_false (rd_account_model_get_growing (model));
  g_assert_cmpuint (announced.n_items, ==, N_ACCOUNTS);

  /* No grow step (the default): all at once. */
  rd_account_model_set_grow_step (model, 0);
  set_needle (model, &filter, "norsof", GTK_FILTER_CHANGE_MORE_STRICT);
  set_needle (model, &filter, "", GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_false (rd_account_model_get_growing (model));
  g_assert_cmpuint (announced.n_items, ==, N_ACCOUNTS);

  rd_account_filter_clear (&filter);
}

/* Slots outside the hot range follow a little later, in batches; setting
 * a new hot range re-points its slots at once. */
static gboolean
quit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins until every slot in @rows shows its match (at most 5 s). */
static gboolean
spin_until_repointed (RdAccountModel *model,
                      GPtrArray      *rows)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < end)
    {
      gboolean all = TRUE;

      for (guint i = 0; i < rows->len && all; i++)
        all = rd_portfolio_row_get_account (rows->pdata[i]) == rd_account_model_get_account (model, i);
      if (all)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (G_TIME_SPAN_MILLISECOND);
    }
  return FALSE;
}

static void
test_hot_range (void)
{
  g_autoptr(RdAccountModel) model = make_model ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  RdAccountFilter filter;

  rd_account_filter_init (&filter);
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (model), i));

  rd_account_model_set_hot_range (model, 0, 10);
  set_needle (model, &filter, "ex", GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < 10; i++)
    g_assert_true (rd_portfolio_row_get_account (rows->pdata[i]) ==
                   rd_account_model_get_account (model, i));

  rd_account_model_set_hot_range (model, 50, 10);
  for (guint i = 50; i < 60; i++)
    g_assert_true (rd_portfolio_row_get_account (rows->pdata[i]) ==
                   rd_account_model_get_account (model, i));

  g_assert_true (spin_until_repointed (model, rows));

  rd_account_filter_clear (&filter);
}

/* While the list keeps changing (someone typing), the slots off screen
 * wait: each batch of them was a frame of its own, and the next keystroke
 * waited for a free frame slot.  They follow once the list is quiet. */
static void
test_hot_range_waits_for_quiet (void)
{
  g_autoptr(RdAccountModel) model = make_model ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  RdAccountFilter filter;
  const char * const keys[] = { "e", "ex", "e", "ex" };
  gint64 last_change = 0;
  guint stale = 0;

  rd_account_filter_init (&filter);
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (model), i));
  rd_account_model_set_hot_range (model, 0, 10);

  /* A key every 50 ms: far longer than a batch interval (16 ms). */
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      gboolean done = FALSE;

      set_needle (model, &filter, keys[k], GTK_FILTER_CHANGE_DIFFERENT);
      last_change = g_get_monotonic_time ();
      g_timeout_add (50, quit_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }

  for (guint i = 10; i < rows->len; i++)
    if (rd_portfolio_row_get_account (rows->pdata[i]) != rd_account_model_get_account (model, i))
      stale++;
  /* Only meaningful if this process was not held up past the quiet time. */
  if (g_get_monotonic_time () - last_change < 200 * G_TIME_SPAN_MILLISECOND)
    g_assert_cmpuint (stale, >, 0);

  g_assert_true (spin_until_repointed (model, rows));

  rd_account_filter_clear (&filter);
}

/* Sorting by value compares what contracts are worth in the reporting
 * currency, not raw minor units (forints on top); without a rate an
 * account goes after the rest, by currency and its own amount. */
static void
test_value_across_currencies (void)
{
  struct { const char *currency; gint64 value; gint64 reporting; } book[] = {
    { "HUF", 2500000000, 6250000 },     /* Ft 25,000,000 ≈ €62,500 */
    { "EUR", 5000000, 5000000 },        /* €50,000 */
    { "JPY", 20000000, 12200000 },      /* ¥20,000,000 ≈ €122,000 */
    { "CHF", 9000000, -1 },             /* no rate */
    { "CHF", 100000, -1 },
  };
  const guint expected[] = { 1, 0, 2, 4, 3 };
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (book); i++)
    {
      RdAccount *account = rd_account_new ();

      rd_account_set_name (account, "Account");
      rd_account_set_currency (account, book[i].currency);
      rd_account_set_annual_value_minor (account, book[i].value);
      rd_account_set_reporting_value_minor (account, book[i].reporting);
      g_ptr_array_add (accounts, account);
    }

  for (guint i = 0; i + 1 < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (rd_account_compare_value (g_ptr_array_index (accounts, expected[i]),
                                               g_ptr_array_index (accounts, expected[i + 1])), <, 0);
  g_assert_cmpint (rd_account_compare_value (g_ptr_array_index (accounts, 0),
                                             g_ptr_array_index (accounts, 0)), ==, 0);
}

static gpointer
run_sort_job_thread (gpointer data)
{
  rd_account_sort_job_run (data);
  return NULL;
}

/* The matches of @model as @compare and @descending order them now, sorted
 * by a model of their own on this thread. */
static void
assert_sorted_as (RdAccountModel        *model,
                  RdAccountCompareFunc   compare,
                  gboolean               descending,
                  const RdAccountFilter *filter)
{
  g_autoptr(RdAccountModel) reference = rd_account_model_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  for (guint i = 0; i < rd_account_model_get_n_total (model); i++)
    g_ptr_array_add (all, rd_account_model_get_total_item (model, i));
  rd_account_model_set_sort (reference, compare, descending);
  rd_account_model_splice (reference, 0, 0, (RdAccount **) all->pdata, all->len);
  rd_account_model_set_filter (reference, filter, GTK_FILTER_CHANGE_DIFFERENT);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (reference)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (reference)); i++)
    g_assert_true (rd_account_model_get_account (model, i) ==
                   rd_account_model_get_account (reference, i));
}

/* A sort job sorted on another thread and applied orders the list as the
 * model would itself, re-points the live slots without a change of
 * count, and filters with the filter it is given. */
static void
test_sort_job (void)
{
  static const RdAccountCompareFunc orders[] = {
    rd_account_compare_name, rd_account_compare_deadline, rd_account_compare_delay,
    rd_account_compare_stage,
  };
  g_autoptr(RdAccountModel) model = make_model ();
  g_autoptr(RdPortfolioRow) row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  RdAccountFilter filter;
  Changes changes = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  for (guint o = 0; o < 2 * G_N_ELEMENTS (orders); o++)
    {
      RdAccountCompareFunc compare = orders[o / 2];
      gboolean descending = o % 2;
      g_autoptr(RdAccountSortJob) job = rd_account_model_new_sort_job (model, compare, descending);
      GThread *thread = g_thread_new ("sort", run_sort_job_thread, job);

      g_thread_join (thread);
      g_assert_true (rd_account_model_apply_sort_job (model, job, NULL));
      assert_sorted_as (model, compare, descending, NULL);
      g_assert_true (rd_portfolio_row_get_account (row) == rd_account_model_get_account (model, 0));
    }
  g_assert_cmpuint (changes.calls, ==, 0);

  /* With a filter: one change of the list, at its tail. */
  rd_account_filter_init (&filter);
  filter.stage = RD_STAGE_GROWING;
  {
    g_autoptr(RdAccountSortJob) job = rd_account_model_new_sort_job (model, rd_account_compare_name,
                                                                     FALSE);

    rd_account_sort_job_run (job);
    g_assert_true (rd_account_model_apply_sort_job (model, job, &filter));
  }
  assert_sorted_as (model, rd_account_compare_name, FALSE, &filter);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, N_ACCOUNTS / 4);
}

/* A job made before a splice changes nothing: the book it sorted is gone.
 * The accounts the splice dropped live on until the job is freed, so a
 * worker may still read them. */
static void
test_sort_job_after_splice (void)
{
  g_autoptr(RdAccountModel) model = make_model ();
  g_autoptr(RdAccountSortJob) job = rd_account_model_new_sort_job (model, rd_account_compare_name,
                                                                   TRUE);
  g_autoptr(RdAccount) added = make_account (N_ACCOUNTS);
  gpointer removed = rd_account_model_get_total_item (model, 0);

  g_object_add_weak_pointer (removed, &removed);
  rd_account_model_remove (model, 0);
  g_assert_nonnull (removed);

  rd_account_sort_job_run (job);
  rd_account_model_append (model, added);
  g_assert_false (rd_account_model_apply_sort_job (model, job, NULL));
  assert_sorted_as (model, NULL, FALSE, NULL);

  g_clear_pointer (&job, rd_account_sort_job_free);
  g_assert_null (removed);
}

/* The values in the reporting currency are copied when the job is made
 * (the main thread sets them when the rates come, while a worker sorts);
 * values changed after that still end in the right order. */
static void
test_sort_job_values_change (void)
{
  g_autoptr(RdAccountModel) model = make_model ();
  g_autoptr(RdAccountSortJob) job = NULL;

  for (guint i = 0; i < rd_account_model_get_n_total (model); i++)
    rd_account_set_reporting_value_minor (rd_account_model_get_total_item (model, i), i * 100);

  job = rd_account_model_new_sort_job (model, rd_account_compare_value, FALSE);
  /* New rates: the order reverses. */
  for (guint i = 0; i < rd_account_model_get_n_total (model); i++)
    rd_account_set_reporting_value_minor (rd_account_model_get_total_item (model, i),
                                          (N_ACCOUNTS - i) * 100);
  rd_account_sort_job_run (job);
  g_assert_true (rd_account_model_apply_sort_job (model, job, NULL));
  assert_sorted_as (model, rd_account_compare_value, FALSE, NULL);
  g_assert_true (rd_account_model_get_account (model, 0) ==
                 rd_account_model_get_total_item (model, N_ACCOUNTS - 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portfolio-model/keystrokes-change-only-the-tail", test_keystrokes);
  g_test_add_func ("/portfolio-model/sort-repoints-slots", test_sort_keeps_count);
  g_test_add_func ("/portfolio-model/presorted-splice", test_presorted_splice);
  g_test_add_func ("/portfolio-model/presorted-by-value", test_presorted_by_value);
  g_test_add_func ("/portfolio-model/tie-break-risk-first", test_tie_break);
  g_test_add_func ("/portfolio-model/delay-class-filter", test_delay_filter);
  g_test_add_func ("/portfolio-model/edit-repoints-slot", test_edit_repoints);
  g_test_add_func ("/portfolio-model/search-after-edit", test_search_after_edit);
  g_test_add_func ("/portfolio-model/keep-rows-when-nothing-matches", test_keep_rows);
  g_test_add_func ("/portfolio-model/hot-range-first", test_hot_range);
  g_test_add_func ("/portfolio-model/hot-range-waits-for-quiet", test_hot_range_waits_for_quiet);
  g_test_add_func ("/portfolio-model/value-across-currencies", test_value_across_currencies);
  g_test_add_func ("/portfolio-model/sort-job", test_sort_job);
  g_test_add_func ("/portfolio-model/sort-job-after-splice", test_sort_job_after_splice);
  g_test_add_func ("/portfolio-model/sort-job-values-change", test_sort_job_values_change);
  g_test_add_func ("/portfolio-model/grow-a-few-rows-a-frame", test_grow);

  return g_test_run ();
}
