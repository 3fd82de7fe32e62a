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
 * The model chain is RdAccountModel → GtkSortListModel → GtkFilterListModel →
 * GtkSingleSelection.  Filtering sits on top of sorting on purpose: a
 * keystroke then only re-runs the (cheap, allocation-free) filter over the
 * already sorted items instead of re-sorting 100,000 rows every time.
 * Both the sorter and the filter are plain C callbacks, non-incremental, so
 * a change is finished when gtk_filter_changed() returns.
 */

struct _RdPortfolioView
{
  AdwBin              parent_instance;

  RdStore            *store;
  GCancellable       *cancellable;
  RdAccountModel     *accounts;
  GHashTable         *by_id;        /* id (owned by the account) → RdAccount (owned by @accounts) */
  GtkSortListModel   *sort_model;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;

  char               *needle;       /* lower-cased search text, NULL when empty */
  int                 stage_filter; /* RdStage, or -1 for all */
  int                 status_filter;/* RdStatus, or -1 for all */
  RdPortfolioScope    scope;
  char                quarter_start[11];
  char                quarter_end[11];
  GDate               today;
  guint               load_serial;
  guint               loaded : 1;
  guint               filter_active : 1;
  guint               index_valid : 1;

  /* template children */
  GtkColumnView       *column_view;
  GtkColumnViewColumn *days_column;
  GtkColumnViewColumn *end_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *owner_column;
  GtkColumnViewColumn *stage_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *value_column;
  GtkStack            *list_stack;
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
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  gboolean has_accounts = g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) > 0;

  gtk_stack_set_visible_child_name (self->list_stack,
                                    n > 0 || !has_accounts ? "list" : "no-results");
}

/* Sorting: no allocation, no GValue, just the account's cached fields. ---- */

static int
compare_name_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  /* The search key starts with the lower-cased name: a case-insensitive
   * order without collation keys. */
  return to_ordering (strcmp (rd_account_get_search_key ((RdAccount *) a),
                              rd_account_get_search_key ((RdAccount *) b)));
}

static int
compare_value_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  gint64 va = rd_account_get_annual_value_minor ((RdAccount *) a);
  gint64 vb = rd_account_get_annual_value_minor ((RdAccount *) b);

  return to_ordering ((va > vb) - (va < vb));
}

static int
compare_end_cb (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return to_ordering (compare_strings_nullable (rd_account_get_contract_end ((RdAccount *) a),
                                                rd_account_get_contract_end ((RdAccount *) b)));
}

static int
compare_deadline_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  /* ISO dates order like the days between today and them. */
  return to_ordering (compare_strings_nullable (rd_account_get_deadline ((RdAccount *) a),
                                                rd_account_get_deadline ((RdAccount *) b)));
}

static int
compare_stage_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return to_ordering ((int) rd_account_get_stage ((RdAccount *) a) -
                      (int) rd_account_get_stage ((RdAccount *) b));
}

static int
compare_status_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return to_ordering ((int) rd_account_get_status ((RdAccount *) a) -
                      (int) rd_account_get_status ((RdAccount *) b));
}

static int
compare_owner_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return to_ordering (compare_strings_nullable (rd_account_get_owner ((RdAccount *) a),
                                                rd_account_get_owner ((RdAccount *) b)));
}

/* Filtering -------------------------------------------------------------- */

static gboolean
filter_account_cb (gpointer item,
                   gpointer user_data)
{
  RdPortfolioView *self = user_data;
  RdAccount *account = item;

  if (self->stage_filter >= 0 && (int) rd_account_get_stage (account) != self->stage_filter)
    return FALSE;

  if (self->status_filter >= 0 && (int) rd_account_get_status (account) != self->status_filter)
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
                    self->status_filter >= 0 || self->scope != RD_PORTFOLIO_SCOPE_ALL;

  if (active != self->filter_active)
    {
      /* Without a function the filter matches everything and the filter
       * model passes items through without calling anything per row. */
      self->filter_active = active;
      gtk_custom_filter_set_filter_func (self->filter,
                                         active ? filter_account_cb : NULL,
                                         active ? self : NULL, NULL);
    }
  else if (active)
    {
      gtk_filter_changed (GTK_FILTER (self->filter), change);
    }

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
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
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
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
    }
  else
    {
      g_autofree char *relative = rd_date_format_relative (days);
      g_autofree char *absolute = rd_date_format (rd_account_get_deadline (account));

      gtk_label_set_text (label, relative);
      /* Relative when near, absolute on hover. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), absolute);
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
              gboolean             numeric,
              GCallback            bind,
              GCompareDataFunc     compare)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (numeric));
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
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

      g_hash_table_remove_all (self->by_id);
      for (guint i = 0; i < n; i++)
        {
          /* The store keeps the reference; the index borrows it. */
          g_autoptr(RdAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
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
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
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
on_search_changed_cb (RdPortfolioView *self,
                      GtkSearchEntry  *entry)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

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
  int value = (int) gtk_drop_down_get_selected (dropdown) - 1;  /* 0 = "All" */
  int *target = dropdown == self->stage_dropdown ? &self->stage_filter : &self->status_filter;

  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  if (value < -1)
    value = -1;
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
               const RdEnumTable *table)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all_label);
  for (guint i = 0; i < table->n_entries; i++)
    gtk_string_list_append (list, rd_enum_table_label (table, i));
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
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
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
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
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
  GtkSorter *sorter;

  self->cancellable = g_cancellable_new ();
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->stage_filter = -1;
  self->status_filter = -1;
  update_quarter (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  setup_column (self, self->name_column, FALSE, G_CALLBACK (bind_name_cb), compare_name_cb);
  setup_column (self, self->value_column, TRUE, G_CALLBACK (bind_value_cb), compare_value_cb);
  setup_column (self, self->end_column, FALSE, G_CALLBACK (bind_end_cb), compare_end_cb);
  setup_column (self, self->days_column, FALSE, G_CALLBACK (bind_days_cb), compare_deadline_cb);
  setup_column (self, self->stage_column, FALSE, G_CALLBACK (bind_stage_cb), compare_stage_cb);
  setup_column (self, self->status_column, FALSE, G_CALLBACK (bind_status_cb), compare_status_cb);
  setup_column (self, self->owner_column, FALSE, G_CALLBACK (bind_owner_cb), compare_owner_cb);

  fill_dropdown (self->stage_dropdown, _("All Stages"), &rd_stage_table);
  fill_dropdown (self->status_dropdown, _("All Statuses"), &rd_status_table);

  self->accounts = rd_account_model_new ();
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->accounts)),
                                              g_object_ref (sorter));
  gtk_sort_list_model_set_incremental (self->sort_model, FALSE);
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->filter_model, FALSE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* Most urgent renewals first. */
  gtk_column_view_sort_by_column (self->column_view, self->days_column, GTK_SORT_ASCENDING);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  gtk_search_entry_set_search_delay (self->search_entry, 100);
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

  return g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
}

guint
rd_portfolio_view_get_n_visible (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
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

void
rd_portfolio_view_run_search_benchmark (RdPortfolioView *self)
{
  /* Realistic typing: growing prefixes, a correction, and a clear. */
  static const char * const keystrokes[] = {
    "a", "ab", "abc", "ab", "a", "",
    "n", "no", "nor", "nort", "north",
    "s", "so", "sof", "soft", "softw",
    "g", "gr", "gro", "group", "",
  };

  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      gint64 start = g_get_monotonic_time ();

      set_needle (self, keystrokes[i]);
      /* Filtering is synchronous: once set_needle() returns, the filter
       * model has emitted items-changed and the list has its new size. */
      (void) g_list_model_get_n_items (G_LIST_MODEL (self->selection));
      g_print ("search-ms %.3f\n", (g_get_monotonic_time () - start) / 1000.0);
    }
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
