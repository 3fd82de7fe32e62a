/* rd-portfolio-view.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-portfolio-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-account-model.h"
#include "rd-format.h"
#include "rd-portfolio-view.h"
#include "rd-portfolio-view-private.h"

/*
 * The model chain is RdAccountModel (sorts and filters, see
 * rd-account-model.h) → GtkSingleSelection → GtkColumnView.  A keystroke
 * re-runs the allocation-free filter over the already sorted accounts
 * (only over the current matches when the search text grew), so the list
 * is up to date when the entry's "changed" handler returns and the frame
 * that shows the keystroke also shows its result.
 *
 * The column headers drive GtkColumnView's sorter as usual, but nothing
 * sorts through it: GTK 4.8 has no API to ask it for the primary column,
 * so update_sort() asks it once with two dummy items and each column's
 * sorter, in that probe, only records that it was asked first.  The model
 * then sorts with one plain C function per column.
 */

typedef enum
{
  SORT_NAME,
  SORT_VALUE,
  SORT_END,
  SORT_DEADLINE,
  SORT_STAGE,
  SORT_STATUS,
  SORT_DELAY,
  SORT_OWNER,
  N_SORT_KEYS
} SortKey;

typedef struct
{
  RdPortfolioView *self;
  SortKey          key;
} ColumnSort;

/* The delay filter's values besides an RdClass. */
#define DELAY_FILTER_ALL  (-2)
#define DELAY_FILTER_NONE (-1)

struct _RdPortfolioView
{
  AdwBin              parent_instance;

  RdStore            *store;
  GCancellable       *cancellable;
  RdAccountModel     *accounts;
  GHashTable         *by_id;        /* id (owned by the account) → RdAccount (owned by @accounts) */
  GtkSingleSelection *selection;
  ColumnSort          column_sorts[N_SORT_KEYS];
  SortKey             sort_key;
  int                 probe_key;    /* the column asked first in update_sort()'s probe, or -1 */

  char               *needle;       /* lower-cased search text, NULL when empty */
  int                 stage_filter; /* RdStage, or -1 for all */
  int                 status_filter;/* RdStatus, or -1 for all */
  int                 delay_filter; /* RdClass, DELAY_FILTER_NONE or DELAY_FILTER_ALL */
  RdPortfolioScope    scope;
  char                quarter_start[11];
  char                quarter_end[11];
  GDate               today;
  guint               load_serial;
  guint               loaded : 1;
  guint               filter_active : 1;
  guint               index_valid : 1;
  guint               sort_descending : 1;
  guint               probing : 1;

  /* template children */
  GtkColumnView       *column_view;
  GtkColumnViewColumn *days_column;
  GtkColumnViewColumn *delay_column;
  GtkColumnViewColumn *end_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *owner_column;
  GtkColumnViewColumn *stage_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *value_column;
  GtkStack            *list_stack;
  GtkDropDown         *delay_dropdown;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *stage_dropdown;
  GtkDropDown         *status_dropdown;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADED,
  PROP_N_ACCOUNTS,
  PROP_N_VISIBLE,
  PROP_SCOPE,
  N_PROPS
};

enum {
  POPULATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdPortfolioView, rd_portfolio_view, ADW_TYPE_BIN)

/* Helpers ---------------------------------------------------------------- */

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

static GtkOrdering
to_ordering (int cmp)
{
  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
update_quarter (RdPortfolioView *self)
{
  GDate start, end;
  guint first_month;

  rd_date_today (&self->today);
  first_month = ((g_date_get_month (&self->today) - 1) / 3) * 3 + 1;
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, first_month, g_date_get_year (&self->today));
  end = start;
  g_date_add_months (&end, 3);
  g_date_subtract_days (&end, 1);
  g_snprintf (self->quarter_start, sizeof self->quarter_start, "%04u-%02u-%02u",
              g_date_get_year (&start), g_date_get_month (&start), g_date_get_day (&start));
  g_snprintf (self->quarter_end, sizeof self->quarter_end, "%04u-%02u-%02u",
              g_date_get_year (&end), g_date_get_month (&end), g_date_get_day (&end));
}

static void
update_empty_state (RdPortfolioView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  gboolean has_accounts = rd_account_model_get_n_total (self->accounts) > 0;

  gtk_stack_set_visible_child_name (self->list_stack,
                                    n > 0 || !has_accounts ? "list" : "no-results");
}

/* Sorting: no allocation, no GValue, just the account's cached fields. ---- */

static int
compare_int (int a,
             int b)
{
  return (a > b) - (a < b);
}

/* The worst open delay first; accounts without one last. */
static int
compare_delay (RdAccount *a,
               RdAccount *b)
{
  return compare_int (rd_account_get_delay_class (b), rd_account_get_delay_class (a));
}

static int
compare_by_key (SortKey    key,
                RdAccount *a,
                RdAccount *b)
{
  switch (key)
    {
    case SORT_NAME:
      /* The search key starts with the lower-cased name: a case-insensitive
       * order without collation keys. */
      return strcmp (rd_account_get_search_key (a), rd_account_get_search_key (b));
    case SORT_VALUE:
      {
        gint64 va = rd_account_get_annual_value_minor (a);
        gint64 vb = rd_account_get_annual_value_minor (b);

        return (va > vb) - (va < vb);
      }
    case SORT_END:
      return compare_strings_nullable (rd_account_get_contract_end (a),
                                       rd_account_get_contract_end (b));
    case SORT_DEADLINE:
      /* ISO dates order like the days between today and them. */
      return compare_strings_nullable (rd_account_get_deadline (a), rd_account_get_deadline (b));
    case SORT_STAGE:
      return compare_int (rd_account_get_stage (a), rd_account_get_stage (b));
    case SORT_STATUS:
      return compare_int (rd_account_get_status (a), rd_account_get_status (b));
    case SORT_DELAY:
      return compare_delay (a, b);
    case SORT_OWNER:
      return compare_strings_nullable (rd_account_get_owner (a), rd_account_get_owner (b));
    case N_SORT_KEYS:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_accounts_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  RdPortfolioView *self = user_data;
  RdAccount *aa = (RdAccount *) a;
  RdAccount *ab = (RdAccount *) b;
  int cmp = compare_by_key (self->sort_key, aa, ab);

  if (cmp != 0)
    return self->sort_descending ? -cmp : cmp;

  /* Ties, in either direction: an account with a risk delay never sorts
   * below an administrative one with the same key, then by name, and the
   * id makes the order total. */
  cmp = compare_delay (aa, ab);
  if (cmp == 0)
    cmp = strcmp (rd_account_get_search_key (aa), rd_account_get_search_key (ab));
  if (cmp == 0)
    cmp = strcmp (rd_account_get_id (aa), rd_account_get_id (ab));
  return cmp;
}

static int
column_sort_cb (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  ColumnSort *column_sort = user_data;
  RdPortfolioView *self = column_sort->self;

  if (self->probing)
    {
      /* Answer "smaller" so the column view sorter stops at the first
       * column it asks and shows in its result whether it inverts it. */
      if (self->probe_key < 0)
        self->probe_key = column_sort->key;
      return GTK_ORDERING_SMALLER;
    }

  return to_ordering (compare_by_key (column_sort->key, (RdAccount *) a, (RdAccount *) b));
}

static void
update_sort (RdPortfolioView *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  int dummy[2] = { 0, 0 };
  GtkOrdering order;

  self->probe_key = -1;
  self->probing = TRUE;
  order = gtk_sorter_compare (sorter, &dummy[0], &dummy[1]);
  self->probing = FALSE;

  if (self->probe_key >= 0)
    {
      self->sort_key = self->probe_key;
      self->sort_descending = order == GTK_ORDERING_LARGER;
    }
  else
    {
      /* No sort column: most urgent renewals first. */
      self->sort_key = SORT_DEADLINE;
      self->sort_descending = FALSE;
    }

  rd_account_model_set_compare_func (self->accounts, compare_accounts_cb, self);
}

/* Filtering -------------------------------------------------------------- */

static gboolean
filter_account_cb (RdAccount *account,
                   gpointer   user_data)
{
  RdPortfolioView *self = user_data;

  if (self->stage_filter >= 0 && (int) rd_account_get_stage (account) != self->stage_filter)
    return FALSE;

  if (self->status_filter >= 0 && (int) rd_account_get_status (account) != self->status_filter)
    return FALSE;

  if (self->delay_filter != DELAY_FILTER_ALL &&
      rd_account_get_delay_class (account) != self->delay_filter)
    return FALSE;

  if (self->scope == RD_PORTFOLIO_SCOPE_QUARTER)
    {
      const char *deadline = rd_account_get_deadline (account);

      if (deadline == NULL ||
          strcmp (deadline, self->quarter_start) < 0 ||
          strcmp (deadline, self->quarter_end) > 0)
        return FALSE;
    }

  if (self->needle != NULL && strstr (rd_account_get_search_key (account), self->needle) == NULL)
    return FALSE;

  return TRUE;
}

static void
refilter (RdPortfolioView *self,
          GtkFilterChange  change)
{
  gboolean active = self->needle != NULL || self->stage_filter >= 0 ||
                    self->status_filter >= 0 || self->delay_filter != DELAY_FILTER_ALL ||
                    self->scope != RD_PORTFOLIO_SCOPE_ALL;

  if (active != self->filter_active)
    {
      /* Without a function the model shows everything without calling
       * anything per row. */
      self->filter_active = active;
      rd_account_model_set_filter_func (self->accounts, active ? filter_account_cb : NULL, self);
    }
  rd_account_model_refilter (self->accounts, change);

  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
}

static void
set_needle (RdPortfolioView *self,
            const char      *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *needle = *stripped ? g_utf8_strdown (stripped, -1) : NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  /* A longer needle that extends the old one can only remove matches. */
  if (needle != NULL && self->needle != NULL && strstr (needle, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->needle != NULL && (needle == NULL || strstr (self->needle, needle) != NULL))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  refilter (self, change);
}

/* Cells ------------------------------------------------------------------ */

/* Tooltips are computed when asked for: gtk_widget_set_tooltip_text() in
 * a bind handler costs X round trips (it re-queries the tooltip under the
 * pointer), several per row, on every keystroke. */
static gboolean
on_deadline_query_tooltip_cb (GtkWidget   *widget,
                              int          x,
                              int          y,
                              gboolean     keyboard_mode,
                              GtkTooltip  *tooltip,
                              GtkListItem *list_item)
{
  RdAccount *account = gtk_list_item_get_item (list_item);
  const char *deadline = account != NULL ? rd_account_get_deadline (account) : NULL;
  g_autofree char *absolute = NULL;

  if (deadline == NULL)
    return FALSE;

  absolute = rd_date_format (deadline);
  if (g_object_get_data (G_OBJECT (widget), "rd-hard-deadline") != NULL)
    {
      /* Translators: tooltip of the delay chip; %s is a date. */
      g_autofree char *text = g_strdup_printf (_("Hard deadline: %s"), absolute);

      gtk_tooltip_set_text (tooltip, text);
    }
  else
    {
      gtk_tooltip_set_text (tooltip, absolute);
    }
  return TRUE;
}

static void
add_deadline_tooltip (GtkWidget   *widget,
                      GtkListItem *list_item)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_deadline_query_tooltip_cb),
                    list_item);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  gboolean numeric = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
setup_days_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  setup_label_cb (factory, list_item, user_data);
  add_deadline_tooltip (gtk_list_item_get_child (list_item), list_item);
}

#define CELL_LABEL(li) GTK_LABEL (gtk_list_item_get_child (li))
#define CELL_ACCOUNT(li) RD_ACCOUNT (gtk_list_item_get_item (li))

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_label_set_text (CELL_LABEL (list_item), rd_account_get_name (CELL_ACCOUNT (list_item)));
}

static void
bind_value_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  RdAccount *account = CELL_ACCOUNT (list_item);
  g_autofree char *text = rd_money_format (rd_account_get_annual_value_minor (account),
                                           rd_account_get_currency (account));

  gtk_label_set_text (CELL_LABEL (list_item), text);
}

static void
bind_end_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  RdAccount *account = CELL_ACCOUNT (list_item);
  const char *end = rd_account_get_contract_end (account);
  g_autofree char *text = rd_date_format (end);
  GtkLabel *label = CELL_LABEL (list_item);

  gtk_label_set_text (label, end != NULL ? text : "—");
}

static void
bind_days_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  RdPortfolioView *self = user_data;
  RdAccount *account = CELL_ACCOUNT (list_item);
  GtkLabel *label = CELL_LABEL (list_item);
  int days = rd_account_get_days_to_renewal (account, &self->today);

  gtk_widget_remove_css_class (GTK_WIDGET (label), "overdue");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "due-soon");

  if (days == G_MININT)
    {
      gtk_label_set_text (label, "—");
    }
  else
    {
      g_autofree char *relative = rd_date_format_relative (days);

      /* Relative when near, absolute on hover (on_deadline_query_tooltip_cb). */
      gtk_label_set_text (label, relative);
      if (days < 0)
        gtk_widget_add_css_class (GTK_WIDGET (label), "overdue");
      else if (days <= 30)
        gtk_widget_add_css_class (GTK_WIDGET (label), "due-soon");
    }
}

static void
bind_stage_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gtk_label_set_text (CELL_LABEL (list_item),
                      rd_enum_table_label (&rd_stage_table,
                                           rd_account_get_stage (CELL_ACCOUNT (list_item))));
}

static const char * const status_classes[] = {
  "status-active", "status-renewed", "status-lost", "status-expected-churn",
};

static void
bind_status_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkLabel *label = CELL_LABEL (list_item);
  RdStatus status = rd_account_get_status (CELL_ACCOUNT (list_item));

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), status_classes[i]);
  if ((guint) status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (GTK_WIDGET (label), status_classes[status]);
  gtk_label_set_text (label, rd_enum_table_label (&rd_status_table, status));
}

static void
setup_delay_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *chip = gtk_label_new (NULL);
  GtkWidget *days = gtk_label_new (NULL);

  gtk_widget_add_css_class (chip, "chip");
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_label_set_single_line_mode (GTK_LABEL (chip), TRUE);
  gtk_label_set_xalign (GTK_LABEL (days), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (days), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (days), TRUE);
  gtk_widget_set_hexpand (days, TRUE);
  gtk_widget_add_css_class (days, "dim-label");
  gtk_widget_add_css_class (days, "numeric");
  gtk_box_append (GTK_BOX (box), chip);
  gtk_box_append (GTK_BOX (box), days);
  gtk_list_item_set_child (list_item, box);
  g_object_set_data (G_OBJECT (box), "rd-hard-deadline", GINT_TO_POINTER (TRUE));
  add_deadline_tooltip (box, list_item);
}

static const char * const class_css[] = { "administrative", "decision", "risk" };

static void
bind_delay_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  RdPortfolioView *self = user_data;
  RdAccount *account = CELL_ACCOUNT (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *chip = gtk_widget_get_first_child (box);
  GtkWidget *days_label = gtk_widget_get_next_sibling (chip);
  int klass = rd_account_get_delay_class (account);
  int days;

  for (guint i = 0; i < G_N_ELEMENTS (class_css); i++)
    gtk_widget_remove_css_class (chip, class_css[i]);

  /* No open delay: a blank cell. */
  if (klass < 0 || (guint) klass >= G_N_ELEMENTS (class_css))
    {
      gtk_widget_set_visible (box, FALSE);
      return;
    }

  gtk_widget_set_visible (box, TRUE);
  gtk_widget_add_css_class (chip, class_css[klass]);
  gtk_label_set_text (GTK_LABEL (chip), rd_enum_table_label (&rd_class_table, klass));

  days = rd_account_get_days_to_renewal (account, &self->today);
  if (days == G_MININT)
    {
      gtk_label_set_text (GTK_LABEL (days_label), "");
    }
  else
    {
      g_autofree char *relative = rd_date_format_relative (days);

      gtk_label_set_text (GTK_LABEL (days_label), relative);
    }
}

static void
bind_owner_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  const char *owner = rd_account_get_owner (CELL_ACCOUNT (list_item));

  gtk_label_set_text (CELL_LABEL (list_item), owner != NULL ? owner : "");
}

static void
setup_column (RdPortfolioView     *self,
              GtkColumnViewColumn *column,
              GCallback            setup,
              gboolean             numeric,
              GCallback            bind,
              SortKey              key)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;

  self->column_sorts[key].self = self;
  self->column_sorts[key].key = key;
  sorter = GTK_SORTER (gtk_custom_sorter_new (column_sort_cb, &self->column_sorts[key], NULL));

  g_signal_connect (factory, "setup", setup, GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", bind, self);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
}

/* Loading ---------------------------------------------------------------- */

static GHashTable *
ensure_index (RdPortfolioView *self)
{
  if (!self->index_valid)
    {
      guint n = rd_account_model_get_n_total (self->accounts);

      g_hash_table_remove_all (self->by_id);
      for (guint i = 0; i < n; i++)
        {
          /* The model keeps the reference; the index borrows it. */
          RdAccount *account = rd_account_model_get_total_item (self->accounts, i);
          g_hash_table_insert (self->by_id, (gpointer) rd_account_get_id (account), account);
        }
      self->index_valid = TRUE;
    }

  return self->by_id;
}

static void
apply_accounts (RdPortfolioView *self,
                GPtrArray       *accounts)
{
  guint n_old = rd_account_model_get_n_total (self->accounts);
  gboolean was_empty = n_old == 0;

  /* The id index is rebuilt on first use, not on the way to the first frame. */
  g_hash_table_remove_all (self->by_id);
  self->index_valid = FALSE;

  /* One splice, one items-changed. */
  rd_account_model_splice (self->accounts, 0, n_old, (RdAccount **) accounts->pdata, accounts->len);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  if (was_empty || n_old != accounts->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACCOUNTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
  update_empty_state (self);

  g_signal_emit (self, signals[POPULATED], 0);
}

static void
list_accounts_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gpointer *data = user_data;
  g_autoptr(RdPortfolioView) self = data[0];
  guint serial = GPOINTER_TO_UINT (data[1]);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  g_free (data);
  accounts = rd_store_list_accounts_finish (RD_STORE (object), result, &error);
  if (accounts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list accounts: %s", error->message);
      return;
    }

  /* A newer reload was started meanwhile: its result wins. */
  if (serial != self->load_serial)
    return;

  apply_accounts (self, accounts);
}

static void
reload (RdPortfolioView *self)
{
  gpointer *data;

  if (self->store == NULL)
    return;

  data = g_new0 (gpointer, 2);
  data[0] = g_object_ref (self);
  data[1] = GUINT_TO_POINTER (++self->load_serial);
  rd_store_list_accounts_async (self->store, self->cancellable, list_accounts_cb, data);
}

static void
get_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdPortfolioView) self = NULL;
  g_autofree char *id = NULL;
  g_autoptr(RdAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  RdAccount *old;
  guint position;
  gpointer *data = user_data;

  self = data[0];
  id = data[1];
  g_free (data);

  account = rd_store_get_account_finish (RD_STORE (object), result, &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL && !g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND))
    {
      g_warning ("Could not read account %s: %s", id, error->message);
      return;
    }

  old = g_hash_table_lookup (ensure_index (self), id);
  if (old != NULL && !rd_account_model_find (self->accounts, old, &position))
    old = NULL;

  if (account != NULL && old != NULL)
    {
      g_hash_table_remove (self->by_id, id);
      g_hash_table_insert (self->by_id, (gpointer) rd_account_get_id (account), account);
      rd_account_model_splice (self->accounts, position, 1, &account, 1);
    }
  else if (account != NULL)
    {
      g_hash_table_insert (self->by_id, (gpointer) rd_account_get_id (account), account);
      rd_account_model_append (self->accounts, account);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACCOUNTS]);
    }
  else if (old != NULL)
    {
      g_hash_table_remove (self->by_id, id);
      rd_account_model_remove (self->accounts, position);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACCOUNTS]);
    }
  else
    return;

  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
}

/* Signal callbacks ------------------------------------------------------- */

static void
on_store_changed_cb (RdPortfolioView *self,
                     const char      *type,
                     const char      *id,
                     RdStore         *store)
{
  gpointer *data;

  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  if (id == NULL)
    {
      reload (self);
      return;
    }

  if (g_strcmp0 (type, "account") != 0)
    return;

  data = g_new0 (gpointer, 2);
  data[0] = g_object_ref (self);
  data[1] = g_strdup (id);
  rd_store_get_account_async (store, id, self->cancellable, get_account_cb, data);
}

static void
on_sorter_changed_cb (RdPortfolioView *self,
                      GtkSorterChange  change,
                      GtkSorter       *sorter)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  update_sort (self);
}

static void
on_column_view_activate_cb (RdPortfolioView *self,
                            guint            position,
                            GtkColumnView   *column_view)
{
  g_autoptr(RdAccount) account = NULL;

  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  account = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (account != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "window.open-account", "s",
                                rd_account_get_id (account));
}

static void
on_search_text_cb (RdPortfolioView *self,
                   GParamSpec      *pspec,
                   GtkSearchEntry  *entry)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  /* Not the delayed "search-changed": each keystroke is filtered at once,
   * in the frame that shows it.  Not "changed" either: setting the text
   * emits it twice (delete, then insert), notify::text once. */
  set_needle (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate_cb (RdPortfolioView *self,
                       GtkSearchEntry  *entry)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  /* Enter in the search field opens the first match. */
  set_needle (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    on_column_view_activate_cb (self, 0, self->column_view);
}

static void
on_stop_search_cb (RdPortfolioView *self,
                   GtkSearchEntry  *entry)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_dropdown_selected_cb (RdPortfolioView *self,
                         GParamSpec      *pspec,
                         GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  int value;
  int *target;

  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  if (dropdown == self->delay_dropdown)
    {
      /* All, the classes, then "No open delay". */
      target = &self->delay_filter;
      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        value = DELAY_FILTER_ALL;
      else if (selected <= rd_class_table.n_entries)
        value = (int) selected - 1;
      else
        value = DELAY_FILTER_NONE;
    }
  else
    {
      target = dropdown == self->stage_dropdown ? &self->stage_filter : &self->status_filter;
      value = selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;  /* 0 = "All" */
    }

  if (*target == value)
    return;
  *target = value;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RdPortfolioView *self = RD_PORTFOLIO_VIEW (widget);
  RdAccount *account = rd_portfolio_view_get_selected (self);

  if (account != NULL)
    gtk_widget_activate_action (widget, "window.delete-account", "s", rd_account_get_id (account));
}

static void
fill_dropdown (GtkDropDown       *dropdown,
               const char        *all_label,
               const RdEnumTable *table,
               const char        *none_label)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all_label);
  for (guint i = 0; i < table->n_entries; i++)
    gtk_string_list_append (list, rd_enum_table_label (table, i));
  if (none_label != NULL)
    gtk_string_list_append (list, none_label);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, 0);
}

/* GObject ---------------------------------------------------------------- */

static void
rd_portfolio_view_dispose (GObject *object)
{
  RdPortfolioView *self = RD_PORTFOLIO_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  /* AdwBin owns the template's root child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PORTFOLIO_VIEW);
  g_clear_object (&self->selection);
  if (self->by_id != NULL)
    g_hash_table_remove_all (self->by_id);
  g_clear_object (&self->accounts);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_portfolio_view_parent_class)->dispose (object);
}

static void
rd_portfolio_view_finalize (GObject *object)
{
  RdPortfolioView *self = RD_PORTFOLIO_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (rd_portfolio_view_parent_class)->finalize (object);
}

static void
rd_portfolio_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RdPortfolioView *self = RD_PORTFOLIO_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_N_ACCOUNTS:
      g_value_set_uint (value, rd_portfolio_view_get_n_accounts (self));
      break;
    case PROP_N_VISIBLE:
      g_value_set_uint (value, rd_portfolio_view_get_n_visible (self));
      break;
    case PROP_SCOPE:
      g_value_set_int (value, self->scope);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_portfolio_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RdPortfolioView *self = RD_PORTFOLIO_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rd_portfolio_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_SCOPE:
      rd_portfolio_view_set_scope (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_portfolio_view_class_init (RdPortfolioViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_portfolio_view_dispose;
  object_class->finalize = rd_portfolio_view_finalize;
  object_class->get_property = rd_portfolio_view_get_property;
  object_class->set_property = rd_portfolio_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ACCOUNTS] =
    g_param_spec_uint ("n-accounts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_VISIBLE] =
    g_param_spec_uint ("n-visible", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCOPE] =
    g_param_spec_int ("scope", NULL, NULL,
                      RD_PORTFOLIO_SCOPE_ALL, RD_PORTFOLIO_SCOPE_QUARTER, RD_PORTFOLIO_SCOPE_ALL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after every full load has been applied to the list. */
  signals[POPULATED] = g_signal_new ("populated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-portfolio-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, days_column);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, delay_column);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, delay_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, end_column);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, name_column);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, owner_column);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, stage_column);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, status_column);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, value_column);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "portfolio.delete-selected", NULL,
                                   delete_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "portfolio.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "portfolio.delete-selected", NULL);
}

static void
rd_portfolio_view_init (RdPortfolioView *self)
{
  GCallback label = G_CALLBACK (setup_label_cb);

  self->cancellable = g_cancellable_new ();
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->stage_filter = -1;
  self->status_filter = -1;
  self->delay_filter = DELAY_FILTER_ALL;
  update_quarter (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  setup_column (self, self->name_column, label, FALSE, G_CALLBACK (bind_name_cb), SORT_NAME);
  setup_column (self, self->value_column, label, TRUE, G_CALLBACK (bind_value_cb), SORT_VALUE);
  setup_column (self, self->end_column, label, FALSE, G_CALLBACK (bind_end_cb), SORT_END);
  setup_column (self, self->days_column, G_CALLBACK (setup_days_cb), FALSE,
                G_CALLBACK (bind_days_cb), SORT_DEADLINE);
  setup_column (self, self->delay_column, G_CALLBACK (setup_delay_cb), FALSE,
                G_CALLBACK (bind_delay_cb), SORT_DELAY);
  setup_column (self, self->stage_column, label, FALSE, G_CALLBACK (bind_stage_cb), SORT_STAGE);
  setup_column (self, self->status_column, label, FALSE, G_CALLBACK (bind_status_cb), SORT_STATUS);
  setup_column (self, self->owner_column, label, FALSE, G_CALLBACK (bind_owner_cb), SORT_OWNER);

  fill_dropdown (self->stage_dropdown, _("All Stages"), &rd_stage_table, NULL);
  fill_dropdown (self->status_dropdown, _("All Statuses"), &rd_status_table, NULL);
  fill_dropdown (self->delay_dropdown, _("All Delays"), &rd_class_table, _("No Open Delay"));

  self->accounts = rd_account_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->accounts)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  /* Most urgent renewals first. */
  gtk_column_view_sort_by_column (self->column_view, self->days_column, GTK_SORT_ASCENDING);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
}

/* Public API ------------------------------------------------------------- */

RdStore *
rd_portfolio_view_get_store (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), NULL);

  return self->store;
}

void
rd_portfolio_view_set_store (RdPortfolioView *self,
                             RdStore         *store)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      reload (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
rd_portfolio_view_get_loaded (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), FALSE);

  return self->loaded;
}

guint
rd_portfolio_view_get_n_accounts (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), 0);

  return rd_account_model_get_n_total (self->accounts);
}

guint
rd_portfolio_view_get_n_visible (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
}

RdPortfolioScope
rd_portfolio_view_get_scope (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), RD_PORTFOLIO_SCOPE_ALL);

  return self->scope;
}

void
rd_portfolio_view_set_scope (RdPortfolioView  *self,
                             RdPortfolioScope  scope)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  if (self->scope == scope)
    return;

  self->scope = scope;
  update_quarter (self);
  refilter (self, scope == RD_PORTFOLIO_SCOPE_ALL ? GTK_FILTER_CHANGE_LESS_STRICT
                                                  : GTK_FILTER_CHANGE_MORE_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

RdAccount *
rd_portfolio_view_lookup (RdPortfolioView *self,
                          const char      *id)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (ensure_index (self), id);
}

RdAccount *
rd_portfolio_view_get_selected (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

void
rd_portfolio_view_focus_search (RdPortfolioView *self)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
rd_portfolio_view_focus_list (RdPortfolioView *self)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
rd_portfolio_view_set_search_text (RdPortfolioView *self,
                                   const char      *text)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  /* Apply now rather than after the entry's search delay. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  set_needle (self, text);
}

/* A keystroke every BENCH_PAUSE_MS, like a quick typist: long enough for
 * the frame clock to be idle when the key comes, so what is measured is
 * the work the key causes, not waiting for the next frame slot. */
#define BENCH_PAUSE_MS 50
#define BENCH_FRAME_TIMEOUT_MS 2000

typedef struct
{
  RdPortfolioView *self;
  GMainLoop       *loop;
  GdkFrameClock   *clock;
  guint            index;
  guint            timeout_id;
  gint64           start;
  gint64           filtered;
} SearchBench;

/* Realistic typing: growing prefixes, a correction, and a clear. */
static const char * const bench_keystrokes[] = {
  "a", "ab", "abc", "ab", "a", "",
  "n", "no", "nor", "nort", "north",
  "s", "so", "sof", "soft", "softw",
  "g", "gr", "gro", "group", "",
};

static gboolean bench_type_next_cb (gpointer data);

static void
bench_finish_keystroke (SearchBench *bench,
                        gboolean     painted)
{
  gint64 now = g_get_monotonic_time ();

  /* "search-ms": from setting the text to the end of the frame that shows
   * the result (layout and paint included).  "search-filter-ms": the part
   * until the model had been updated. */
  g_print ("search-ms %.3f\n", (now - bench->start) / 1000.0);
  g_print ("search-filter-ms %.3f\n", (bench->filtered - bench->start) / 1000.0);
  if (!painted)
    g_print ("search-no-frame %u\n", bench->index);

  bench->start = 0;
  bench->index++;
  g_clear_handle_id (&bench->timeout_id, g_source_remove);
  bench->timeout_id = g_timeout_add (BENCH_PAUSE_MS, bench_type_next_cb, bench);
}

static void
on_bench_after_paint_cb (GdkFrameClock *clock,
                         SearchBench   *bench)
{
  if (bench->start != 0)
    bench_finish_keystroke (bench, TRUE);
}

static gboolean
bench_frame_timeout_cb (gpointer data)
{
  SearchBench *bench = data;

  bench->timeout_id = 0;
  bench_finish_keystroke (bench, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
bench_type_next_cb (gpointer data)
{
  SearchBench *bench = data;
  GListModel *model = G_LIST_MODEL (bench->self->selection);

  bench->timeout_id = 0;
  if (bench->index == G_N_ELEMENTS (bench_keystrokes))
    {
      g_main_loop_quit (bench->loop);
      return G_SOURCE_REMOVE;
    }

  bench->start = g_get_monotonic_time ();
  /* As if typed: the entry's "changed" handler filters synchronously. */
  gtk_editable_set_text (GTK_EDITABLE (bench->self->search_entry),
                         bench_keystrokes[bench->index]);
  (void) g_list_model_get_n_items (model);
  bench->filtered = g_get_monotonic_time ();
  bench->timeout_id = g_timeout_add (BENCH_FRAME_TIMEOUT_MS, bench_frame_timeout_cb, bench);

  return G_SOURCE_REMOVE;
}

static void
run_search_benchmark (RdPortfolioView *self)
{
  SearchBench bench = { 0 };
  gulong handler;

  bench.clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (bench.clock == NULL)
    {
      g_warning ("Search benchmark: the portfolio is not realized");
      return;
    }

  /* The caller quits the application when this returns, so run the
   * keystrokes, each waiting for its frame, in a nested loop. */
  bench.self = self;
  bench.loop = g_main_loop_new (NULL, FALSE);
  handler = g_signal_connect (bench.clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb),
                              &bench);
  bench.timeout_id = g_timeout_add (BENCH_PAUSE_MS, bench_type_next_cb, &bench);
  g_main_loop_run (bench.loop);
  g_clear_handle_id (&bench.timeout_id, g_source_remove);
  g_signal_handler_disconnect (bench.clock, handler);
  g_main_loop_unref (bench.loop);
}

static void
on_bench_shutdown_cb (GApplication    *application,
                      RdPortfolioView *self)
{
  g_signal_handlers_disconnect_by_func (application, on_bench_shutdown_cb, self);
  run_search_benchmark (self);
  g_object_unref (self);
}

void
rd_portfolio_view_run_search_benchmark (RdPortfolioView *self)
{
  GSource *source = g_main_current_source ();
  GApplication *application = g_application_get_default ();

  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  /* Called from inside a frame (the window's "ready" comes from an
   * ::after-paint handler), the frame clock can start no new frame until
   * we return, and the caller quits right after: run the keystrokes when
   * the application shuts down, while the window is still on screen. */
  if (source != NULL && application != NULL &&
      g_strcmp0 (g_source_get_name (source), "[gtk] gdk_frame_clock_paint_idle") == 0)
    {
      g_signal_connect (application, "shutdown", G_CALLBACK (on_bench_shutdown_cb),
                        g_object_ref (self));
      return;
    }

  run_search_benchmark (self);
}

/* For tests ---------------------------------------------------------------- */

GtkColumnView *
_rd_portfolio_view_get_column_view (RdPortfolioView *self)
{
  return self->column_view;
}

GtkSearchEntry *
_rd_portfolio_view_get_search_entry (RdPortfolioView *self)
{
  return self->search_entry;
}

GListModel *
_rd_portfolio_view_get_model (RdPortfolioView *self)
{
  return G_LIST_MODEL (self->selection);
}
