/* test-portfolio-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include <glib/gi18n.h>

#include "rd-account-model.h"
#include "rd-exchange.h"
#include "rd-settings.h"
#include "rd-forecast.h"
#include "rd-format.h"
#include "rd-portfolio-view-private.h"
#include "rd-sample.h"
#include "rd-test-ui.h"
#include "rd-window-private.h"

/* The cases run in order against one window on one temporary database,
 * filled with the sample portfolio.  A new order is sorted on a worker:
 * each case checks what the list shows before and after it answers. */

#define TIMEOUT_MS 20000

static char *tmpdir;
static char *db_path;
static RdWindow *window;
static GPtrArray *book;      /* every account, once filled */

static RdPortfolioView *
view (void)
{
  return _rd_window_get_portfolio_view (window);
}

static gboolean
portfolio_filled (gpointer data)
{
  return rd_portfolio_view_get_complete (view ()) &&
         rd_portfolio_view_get_n_accounts (view ()) >= RD_SAMPLE_DEFAULT_SIZE &&
         rd_test_window_shows (window, "portfolio");
}

static gboolean
sorted (gpointer data)
{
  return !_rd_portfolio_view_is_sorting (view ());
}

static void
wait_sorted (void)
{
  g_assert_true (rd_test_spin_until (sorted, NULL, TIMEOUT_MS));
}

/* The accounts the list shows, in order. */
static GPtrArray *
shown (void)
{
  GPtrArray *accounts = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = rd_portfolio_view_get_n_visible (view ());

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (accounts, g_object_ref (_rd_portfolio_view_get_account (view (), i)));
  return accounts;
}

static void
assert_shows (GPtrArray *expected)
{
  g_autoptr(GPtrArray) now = shown ();

  g_assert_cmpuint (now->len, ==, expected->len);
  for (guint i = 0; i < now->len; i++)
    g_assert_true (now->pdata[i] == expected->pdata[i]);
}

/* The list is in @compare's order (reversed when @descending) and holds
 * what the model, sorting the whole book at once, shows with @filter. */
static void
assert_sorted_by (RdAccountCompareFunc   compare,
                  gboolean               descending,
                  const RdAccountFilter *filter)
{
  g_autoptr(RdAccountModel) model = rd_account_model_new ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();

  rd_account_model_set_sort (model, compare, descending);
  rd_account_model_splice (model, 0, 0, (RdAccount **) book->pdata, book->len);
  rd_account_model_set_filter (model, filter, GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < rd_account_model_get_n_matches (model); i++)
    g_ptr_array_add (expected, rd_account_model_get_account (model, i));
  g_assert_cmpuint (expected->len, >, 0);
  assert_shows (expected);
}

static GtkColumnViewColumn *
column_titled (const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (_rd_portfolio_view_get_column_view (view ()));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

/* What a click on a header does: the column view's sorter changes (a
 * second click on the same header sorts it @order descending). */
static void
click_header (const char  *title,
              GtkSortType  order)
{
  gtk_column_view_sort_by_column (_rd_portfolio_view_get_column_view (view ()),
                                  column_titled (title), order);
}

static void
test_fill (void)
{
  GtkWidget *button = _rd_window_get_sample_button (window);

  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, button, TIMEOUT_MS));
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (rd_test_spin_until (portfolio_filled, NULL, TIMEOUT_MS));
  wait_sorted ();
  book = shown ();
  g_assert_cmpuint (book->len, ==, rd_portfolio_view_get_n_accounts (view ()));
  assert_sorted_by (rd_account_compare_deadline, FALSE, NULL);
}

/* The values in the reporting currency, converted on the worker that
 * sorts the book: each as the rates convert it today, and the order by
 * value follows them. */
static void
test_reporting_values (void)
{
  RdWindow *self = window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_list_documents (_rd_window_get_store (self), "exchange_rate",
                                                       NULL, NULL, &error);
  g_autoptr(RdExchangeTable) rates = NULL;
  g_autofree char *currency = rd_settings_dup_reporting_currency (rd_context_get_settings (self->context));
  g_autofree char *today = NULL;
  GDate date;
  guint n_converted = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, >, 0);
  rates = rd_exchange_table_new (docs);
  rd_date_today (&date);
  today = rd_date_to_string (&date);

  for (guint i = 0; i < book->len; i++)
    {
      RdAccount *account = g_ptr_array_index (book, i);
      gint64 expected = -1;

      if (!rd_exchange_table_convert (rates, rd_account_get_annual_value_minor (account),
                                      rd_account_get_currency (account), currency, today, &expected))
        expected = -1;
      g_assert_cmpint (rd_account_get_reporting_value_minor (account), ==, expected);
      if (expected >= 0 && g_strcmp0 (rd_account_get_currency (account), currency) != 0)
        n_converted++;
    }
  g_assert_cmpuint (n_converted, >, 0);

  click_header (_("Annual Value"), GTK_SORT_ASCENDING);
  wait_sorted ();
  assert_sorted_by (rd_account_compare_value, FALSE, NULL);
  click_header (_("Renewal"), GTK_SORT_ASCENDING);
  wait_sorted ();
}

/* A click on a header sorts on a worker: the list keeps its order until
 * the new one comes, and the selection stays on its account. */
static void
test_header_click (void)
{
  g_autoptr(GPtrArray) before = shown ();
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (_rd_portfolio_view_get_model (view ()));
  RdAccount *selected;
  guint position;

  gtk_single_selection_set_selected (selection, 5);
  selected = rd_portfolio_view_get_selected (view ());
  g_assert_true (selected == before->pdata[5]);

  click_header (_("Name"), GTK_SORT_ASCENDING);
  g_assert_true (_rd_portfolio_view_is_sorting (view ()));
  assert_shows (before);
  g_assert_true (rd_portfolio_view_get_selected (view ()) == selected);

  wait_sorted ();
  assert_sorted_by (rd_account_compare_name, FALSE, NULL);
  g_assert_true (rd_portfolio_view_get_selected (view ()) == selected);
  g_assert_true (g_ptr_array_find (book, selected, NULL));
  position = gtk_single_selection_get_selected (selection);
  g_assert_true (_rd_portfolio_view_get_account (view (), position) == selected);

  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
}

/* Clicks faster than the worker: the list ends in the order asked for
 * last, whatever came back before. */
static void
test_newest_order_wins (void)
{
  click_header (_("Owner"), GTK_SORT_ASCENDING);
  click_header (_("Annual Value"), GTK_SORT_ASCENDING);
  click_header (_("Annual Value"), GTK_SORT_DESCENDING);
  g_assert_true (_rd_portfolio_view_is_sorting (view ()));

  wait_sorted ();
  assert_sorted_by (rd_account_compare_value, TRUE, NULL);
}

static const char *
window_title (void)
{
  return adw_window_title_get_title (window->window_title);
}

/* As a click on the sidebar's row does. */
static void
activate_sidebar_row (GtkListBoxRow *row)
{
  g_signal_emit_by_name (window->sidebar_list, "row-activated", row);
}

/* This quarter's scope: its filter and its order ("riskiest first") come
 * together, with the search applied; until then the list stays as it
 * was, and so does the title above it.  Back to the whole book: by
 * deadline again. */
static void
test_scope_switch (void)
{
  RdAccountFilter filter;
  g_autoptr(GPtrArray) before = NULL;
  GDate today, start, end;

  rd_portfolio_view_set_search_text (view (), "e");
  wait_sorted ();
  rd_account_filter_init (&filter);
  filter.needle = g_strdup ("e");
  assert_sorted_by (rd_account_compare_value, TRUE, &filter);
  before = shown ();

  g_assert_cmpstr (window_title (), ==, "Portfolio");
  activate_sidebar_row (window->quarter_row);
  g_assert_true (_rd_portfolio_view_is_sorting (view ()));
  assert_shows (before);
  g_assert_cmpint (rd_portfolio_view_get_shown_scope (view ()), ==, RD_PORTFOLIO_SCOPE_ALL);
  g_assert_cmpstr (window_title (), ==, "Portfolio");

  wait_sorted ();
  g_assert_cmpint (rd_portfolio_view_get_shown_scope (view ()), ==, RD_PORTFOLIO_SCOPE_QUARTER);
  g_assert_cmpstr (window_title (), ==, "Renewing This Quarter");
  rd_date_today (&today);
  rd_forecast_quarter (&today, 0, &start, &end);
  g_snprintf (filter.from, sizeof filter.from, "%04u-%02u-%02u",
              g_date_get_year (&start), g_date_get_month (&start), g_date_get_day (&start));
  g_snprintf (filter.to, sizeof filter.to, "%04u-%02u-%02u",
              g_date_get_year (&end), g_date_get_month (&end), g_date_get_day (&end));
  assert_sorted_by (rd_account_compare_risk, FALSE, &filter);
  g_assert_cmpuint (rd_portfolio_view_get_n_visible (view ()), <, before->len);

  activate_sidebar_row (window->portfolio_row);
  g_assert_cmpstr (window_title (), ==, "Renewing This Quarter");
  wait_sorted ();
  g_assert_cmpstr (window_title (), ==, "Portfolio");
  filter.from[0] = filter.to[0] = '\0';
  assert_sorted_by (rd_account_compare_deadline, FALSE, &filter);

  rd_portfolio_view_set_search_text (view (), "");
  assert_sorted_by (rd_account_compare_deadline, FALSE, NULL);
  rd_account_filter_clear (&filter);
}

/* A window opened on a book of more rows than come in one frame: they
 * come a few a frame, and as soon as all are in the title says how many,
 * with no other change to make it look again. */
static char *subtitle_when_complete;

static void
on_complete_cb (RdPortfolioView *other_view,
                GParamSpec      *pspec,
                RdWindow        *other)
{
  if (rd_portfolio_view_get_complete (other_view) && subtitle_when_complete == NULL)
    subtitle_when_complete = g_strdup (adw_window_title_get_subtitle (other->window_title));
}

static gboolean
other_complete (gpointer data)
{
  return subtitle_when_complete != NULL;
}

static void
test_title_once_book_in (void)
{
  RdWindow *other = NULL;
  g_autofree char *expected = g_strdup_printf ("%u accounts", book->len);

  g_assert_cmpuint (book->len, >, 32);
  rd_test_present_window (&other, db_path, 1280, 800);
  g_signal_connect (_rd_window_get_portfolio_view (other), "notify::complete",
                    G_CALLBACK (on_complete_cb), other);
  g_assert_true (rd_test_spin_until (other_complete, NULL, TIMEOUT_MS));
  g_assert_cmpstr (subtitle_when_complete, ==, expected);

  gtk_window_destroy (GTK_WINDOW (other));
  g_clear_pointer (&subtitle_when_complete, g_free);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  db_path = rd_test_make_window_db ("rd-test-portfolio-ui-XXXXXX", &tmpdir);
  rd_test_ui_init ();
  rd_test_present_window (&window, db_path, 1280, 800);

  g_test_add_func ("/portfolio-ui/fill", test_fill);
  g_test_add_func ("/portfolio-ui/reporting-values", test_reporting_values);
  g_test_add_func ("/portfolio-ui/header-click-sorts-on-worker", test_header_click);
  g_test_add_func ("/portfolio-ui/newest-order-wins", test_newest_order_wins);
  g_test_add_func ("/portfolio-ui/scope-switch-sorts-and-filters-once", test_scope_switch);
  g_test_add_func ("/portfolio-ui/title-once-book-in", test_title_once_book_in);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  rd_test_spin_for (100);
  g_clear_pointer (&book, g_ptr_array_unref);
  g_free (db_path);
  g_free (tmpdir);
  return ret;
}
