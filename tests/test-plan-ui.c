/* test-plan-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-account-page-private.h"
#include "rd-bridge-calculator.h"
#include "rd-bridge-record.h"
#include "rd-close-dialog.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
#include "rd-money-preferences.h"
#include "rd-exchange.h"
#include "rd-plan-view.h"
#include "rd-portfolio-view-private.h"
#include "rd-pricing.h"
#include "rd-store.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-window-private.h"

/* One window on one temporary database, in order: a hidden-problem delay
 * becomes a recovery plan, its steps are ticked, a 60-day extension is
 * accepted and the deadline moves everywhere, then the account is closed
 * as lost to a competitor. */

#define TIMEOUT_MS 20000

static char *tmpdir;
static char *db_path;
static RdWindow *window;
static char *account_id;
static char *expected_end;

static RdAccount *
stored_account (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_test_open_store (db_path);
  RdAccount *account = rd_store_get_account (store, account_id, &error);

  g_assert_no_error (error);
  return account;
}

static GPtrArray *
stored_docs (const char *type,
             const char *ref_field,
             const char *ref_value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_test_open_store (db_path);
  GPtrArray *docs = rd_store_list_documents (store, type, ref_field, ref_value, &error);

  g_assert_no_error (error);
  return docs;
}

static RdAccountPage *
page (void)
{
  return _rd_window_get_account_page (window);
}

static GtkWidget *
child (const char *name)
{
  return _rd_account_page_get_child (page (), name);
}

static gboolean
stack_shows (gpointer data)
{
  return rd_test_window_shows (window, data);
}

static gboolean
plan_has_steps (gpointer data)
{
  RdPlanView *view = RD_PLAN_VIEW (child ("plan_view"));
  GPtrArray *steps = _rd_plan_view_get_steps (view);

  return gtk_widget_get_visible (GTK_WIDGET (view)) && steps != NULL && steps->len >= GPOINTER_TO_UINT (data);
}

static void
test_plan_from_delay (void)
{
  g_autoptr(RdStore) store = rd_test_open_store (db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) account = rd_account_new ();
  g_autoptr(RdDelay) delay = NULL;
  g_autoptr(RdDelay) saved = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autofree char *communicated = NULL;
  GDate today;

  rd_account_set_name (account, "Halvorsen Analytics");
  rd_account_set_currency (account, "EUR");
  rd_account_set_annual_value_minor (account, 4800000);
  rd_account_set_owner (account, "Mia Lund");
  rd_account_set_contract_start (account, "2025-06-01");
  rd_date_today (&today);
  g_date_add_days (&today, 20);
  {
    g_autofree char *end = rd_date_to_string (&today);

    rd_account_set_contract_end (account, end);
  }
  g_assert_true (rd_store_save_account (store, account, &error));
  g_assert_no_error (error);
  account_id = g_strdup (rd_account_get_id (account));

  rd_date_today (&today);
  communicated = rd_date_to_string (&today);
  delay = rd_delay_new (account_id);
  rd_delay_set_communicated_on (delay, communicated);
  rd_delay_set_cause (delay, RD_CAUSE_HIDDEN_PROBLEM);
  rd_delay_set_stated_reason (delay, "We need to review a few things internally");
  saved = rd_store_save_delay (store, delay, &error);
  g_assert_no_error (error);

  rd_test_present_window (&window, db_path, 1200, 900);
  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "portfolio", TIMEOUT_MS));

  _rd_window_show_account (window, account, FALSE);
  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "account", TIMEOUT_MS));
  rd_test_spin_for (300);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.start-plan", NULL));
  g_assert_true (rd_test_spin_until (plan_has_steps, GUINT_TO_POINTER (4), TIMEOUT_MS));

  plans = stored_docs ("plan", "account_id", account_id);
  g_assert_cmpuint (plans->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (plans, 0), "delay_id"), ==,
                   rd_delay_get_id (saved));
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (plans, 0), "status"), ==, "draft");
}

static gboolean
steps_done_in_store (gpointer data)
{
  g_autoptr(GPtrArray) plans = stored_docs ("plan", "account_id", account_id);
  g_autoptr(GPtrArray) steps = NULL;
  guint done = 0;

  if (plans->len == 0)
    return FALSE;
  steps = stored_docs ("plan_step", "plan_id",
                       strchr (json_object_get_string_member (g_ptr_array_index (plans, 0), "_id"), ':') + 1);
  for (guint i = 0; i < steps->len; i++)
    if (json_object_has_member (g_ptr_array_index (steps, i), "done_on"))
      done++;
  return done >= GPOINTER_TO_UINT (data);
}

static gboolean
plan_status_is (gpointer data)
{
  g_autoptr(GPtrArray) plans = stored_docs ("plan", "account_id", account_id);

  return plans->len > 0 &&
         g_strcmp0 (json_object_get_string_member (g_ptr_array_index (plans, 0), "status"), data) == 0;
}

static void
test_tick_steps (void)
{
  RdPlanView *view = RD_PLAN_VIEW (child ("plan_view"));
  GPtrArray *steps = _rd_plan_view_get_steps (view);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GtkWidget *group;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "plan.set-status", "s", "active"));
  g_assert_true (rd_test_spin_until (plan_status_is, (gpointer) "active", TIMEOUT_MS));

  /* The 48-hour steps first: they sort by due date. */
  first = g_strdup (rd_record_get_doc_id (g_ptr_array_index (steps, 0)));
  second = g_strdup (rd_record_get_doc_id (g_ptr_array_index (steps, 1)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "plan.toggle-step", "s", first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "plan.toggle-step", "s", second));
  g_assert_true (rd_test_spin_until (steps_done_in_store, GUINT_TO_POINTER (2), TIMEOUT_MS));

  /* Not every step is done: "met" is refused, nothing is written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "plan.set-status", "s", "met"));
  rd_test_spin_for (200);
  g_assert_true (plan_status_is ((gpointer) "active"));

  group = gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_PREFERENCES_GROUP);
  /* The plan lives in the page's "Plan & Bridges" section. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.show-section", "s", "plan"));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, group, TIMEOUT_MS));
  rd_test_save_screenshot (group, "plan-view.png", TRUE);
}

static gboolean
has_bridges (gpointer data)
{
  GPtrArray *bridges = _rd_bridge_calculator_get_bridges (RD_BRIDGE_CALCULATOR (child ("bridge_calculator")));

  return bridges != NULL && bridges->len >= GPOINTER_TO_UINT (data);
}

static gboolean
deadline_moved (gpointer data)
{
  g_autoptr(RdAccount) account = stored_account ();

  return g_strcmp0 (rd_account_get_deadline (account), expected_end) == 0 &&
         g_strcmp0 (rd_account_get_deadline (rd_account_page_get_account (page ())), expected_end) == 0;
}

static gboolean
portfolio_shows_deadline (gpointer data)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);
  GListModel *model = _rd_portfolio_view_get_model (view);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      RdAccount *account = _rd_portfolio_view_get_account (view, i);

      if (RD_IS_ACCOUNT (account) && g_strcmp0 (rd_account_get_id (account), account_id) == 0)
        return g_strcmp0 (rd_account_get_deadline (account), expected_end) == 0;
    }
  return FALSE;
}

static gboolean
ledger_over (gpointer data)
{
  g_autoptr(RdConcessionLedger) ledger = _rd_bridge_calculator_dup_ledger (RD_BRIDGE_CALCULATOR (data));
  GPtrArray *bridges = _rd_bridge_calculator_get_bridges (RD_BRIDGE_CALCULATOR (data));

  for (guint i = 0; bridges != NULL && i < bridges->len; i++)
    if (rd_bridge_record_get_status (g_ptr_array_index (bridges, i)) != RD_BRIDGE_STATUS_ACCEPTED)
      return FALSE;
  return ledger != NULL && ledger->over_threshold;
}

static gboolean
early_not_offered (gpointer data)
{
  const char *subtitle = _rd_bridge_calculator_get_early (RD_BRIDGE_CALCULATOR (data));

  return subtitle != NULL && g_str_has_prefix (subtitle, "Not offered");
}

static void
test_accept_extension (void)
{
  RdBridgeCalculator *calculator = RD_BRIDGE_CALCULATOR (child ("bridge_calculator"));
  g_autoptr(RdAccount) before = stored_account ();
  RdPricingParams params;
  g_autofree char *price = NULL;
  g_autoptr(GPtrArray) bridges = NULL;
  GPtrArray *recorded;
  gint64 expected_price;
  const char *bridge_id;

  rd_pricing_params_init_defaults (&params);
  expected_end = rd_pricing_bridge_end (RD_BRIDGE_EXTENSION_60, rd_account_get_deadline (before), &params);
  g_assert_true (rd_pricing_price (RD_BRIDGE_EXTENSION_60, 4800000, "EUR", &params, &expected_price));
  price = rd_money_format (expected_price, "EUR");
  g_assert_cmpstr (_rd_bridge_calculator_get_price (calculator, RD_BRIDGE_EXTENSION_60), ==, price);

  /* The fee is set in the reporting currency: with no USD→EUR rate the
   * option says so instead of showing a price. */
  {
    GSettings *settings = rd_context_get_settings (rd_window_get_context (window));

    g_settings_set_string (settings, "reporting-currency", "USD");
    g_assert_cmpstr (_rd_bridge_calculator_get_price (calculator, RD_BRIDGE_EXTENSION_60), ==,
                     "Rate missing");
    g_assert_cmpstr (_rd_bridge_calculator_get_price (calculator, RD_BRIDGE_EXTENSION_30), !=,
                     "Rate missing");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.show-section", "s", "bridges"));
    g_assert_true (rd_test_spin_until (rd_test_widget_mapped, calculator, TIMEOUT_MS));
    rd_test_save_screenshot (GTK_WIDGET (calculator), "bridge-calculator-rate-missing.png", TRUE);
    g_settings_reset (settings, "reporting-currency");
    g_assert_cmpstr (_rd_bridge_calculator_get_price (calculator, RD_BRIDGE_EXTENSION_60), ==, price);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calculator), "bridge.propose", "i",
                                             RD_BRIDGE_EXTENSION_60));
  g_assert_true (rd_test_spin_until (has_bridges, GUINT_TO_POINTER (1), TIMEOUT_MS));
  recorded = _rd_bridge_calculator_get_bridges (calculator);
  bridge_id = rd_record_get_doc_id (g_ptr_array_index (recorded, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calculator), "bridge.accept", "s", bridge_id));
  g_assert_true (rd_test_spin_until (deadline_moved, NULL, TIMEOUT_MS));

  bridges = stored_docs ("bridge", "account_id", account_id);
  g_assert_cmpuint (bridges->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (bridges, 0), "status"), ==, "accepted");
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (bridges, 0), "price_minor"), ==, expected_price);
  {
    g_autoptr(RdAccount) after = stored_account ();

    g_assert_cmpstr (rd_account_get_contract_end (after), ==, rd_account_get_contract_end (before));
    g_assert_cmpstr (rd_account_get_effective_end (after), ==, expected_end);
  }

  /* Once a bridge was accepted, renewing is no longer early. */
  g_assert_true (rd_test_spin_until (early_not_offered, calculator, TIMEOUT_MS));
  {
    g_autoptr(RdConcessionLedger) ledger = _rd_bridge_calculator_dup_ledger (calculator);

    g_assert_true (g_str_has_prefix (_rd_bridge_calculator_get_early (calculator), "Not offered"));
    g_assert_nonnull (ledger);
    g_assert_false (ledger->over_threshold);
  }

  /* A grace period after the extension: 15 free days of 4,800,000 a year
   * (197,260, 4.1 %) go on the ledger, above a 3 % threshold. */
  {
    GSettings *settings = rd_context_get_settings (rd_window_get_context (window));
    g_autoptr(RdConcessionLedger) ledger = NULL;
    const char *grace_id = NULL;
    char *old_end = expected_end;

    g_settings_set_int (settings, "concession-warning-percent", 3);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calculator), "bridge.propose", "i",
                                               RD_BRIDGE_GRACE_PERIOD));
    g_assert_true (rd_test_spin_until (has_bridges, GUINT_TO_POINTER (2), TIMEOUT_MS));
    recorded = _rd_bridge_calculator_get_bridges (calculator);
    for (guint i = 0; i < recorded->len; i++)
      if (rd_bridge_record_get_kind (g_ptr_array_index (recorded, i)) == RD_BRIDGE_GRACE_PERIOD)
        grace_id = rd_record_get_doc_id (g_ptr_array_index (recorded, i));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calculator), "bridge.accept", "s", grace_id));
    g_assert_true (rd_test_spin_until (ledger_over, calculator, TIMEOUT_MS));
    ledger = _rd_bridge_calculator_dup_ledger (calculator);
    g_assert_cmpint (ledger->total_minor, ==, 197260);
    g_assert_cmpint (ledger->share_tenths, ==, 41);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.show-section", "s", "bridges"));
    rd_test_spin_for (100);
    rd_test_save_screenshot (GTK_WIDGET (calculator), "bridge-calculator-ledger.png", TRUE);
    g_settings_reset (settings, "concession-warning-percent");
    expected_end = rd_pricing_bridge_end (RD_BRIDGE_GRACE_PERIOD, old_end, &params);
    g_free (old_end);
    g_assert_true (rd_test_spin_until (deadline_moved, NULL, TIMEOUT_MS));
  }

  /* The portfolio's row reads the same deadline. */
  _rd_window_show_portfolio (window);
  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "portfolio", TIMEOUT_MS));
  g_assert_true (rd_test_spin_until (portfolio_shows_deadline, NULL, TIMEOUT_MS));
  {
    g_autoptr(RdAccount) account = stored_account ();

    _rd_window_show_account (window, account, FALSE);
    g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "account", TIMEOUT_MS));
  }
  g_assert_true (rd_test_spin_until (has_bridges, GUINT_TO_POINTER (1), TIMEOUT_MS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.show-section", "s", "bridges"));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, child ("bridge_calculator"), TIMEOUT_MS));
  rd_test_save_screenshot (child ("bridge_calculator"), "bridge-calculator.png", TRUE);
}

static gboolean
close_dialog_open (gpointer data)
{
  GtkWindow *dialog = _rd_account_page_get_close_dialog (page ());

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
account_lost (gpointer data)
{
  g_autoptr(RdAccount) account = stored_account ();

  return rd_account_get_status (account) == RD_STATUS_LOST;
}

/* The entry row titled @title under @widget, or NULL. */
static AdwEntryRow *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ENTRY_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_close_as_lost (void)
{
  RdCloseDialog *dialog;
  g_autoptr(GPtrArray) losses = NULL;
  g_autoptr(GPtrArray) delays = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  /* The window's own settings, from its context. */
  GSettings *settings = rd_context_get_settings (rd_window_get_context (window));
  g_auto(GStrv) competitors = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.close-lost", NULL));
  g_assert_true (rd_test_spin_until (close_dialog_open, NULL, TIMEOUT_MS));
  dialog = RD_CLOSE_DIALOG (_rd_account_page_get_close_dialog (page ()));

  /* The default day to get back in touch, as the region writes dates. */
  {
    AdwEntryRow *row = find_entry_row (GTK_WIDGET (dialog), "Get Back in Touch On");
    g_autofree char *iso = NULL;
    g_autofree char *shown = NULL;
    GDate today;

    g_assert_nonnull (row);
    rd_context_get_today (rd_window_get_context (window), &today);
    iso = rd_lifecycle_default_reengage (&today, g_settings_get_int (settings, "reengage-days"));
    shown = rd_date_format (iso);
    g_assert_cmpstr (shown, !=, iso);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown);
  }

  /* A competitor reason without a name cannot be saved. */
  _rd_close_dialog_set_input (dialog, RD_LOSS_COMPETITOR, "");
  g_assert_null (rd_close_dialog_get_documents (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "close"));

  _rd_close_dialog_set_input (dialog, RD_LOSS_COMPETITOR, "Northwind Data");
  g_assert_nonnull (rd_close_dialog_get_documents (dialog));
  rd_test_save_screenshot (GTK_WIDGET (dialog), "close-dialog.png", TRUE);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_assert_true (rd_test_spin_until (account_lost, NULL, TIMEOUT_MS));

  losses = stored_docs ("loss", "account_id", account_id);
  g_assert_cmpuint (losses->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (losses, 0), "reason"), ==, "competitor");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (losses, 0), "competitor"), ==,
                   "Northwind Data");
  /* Lost to a competitor they implemented: no longer a target, so the
   * default re-engage date was taken away when the reason was chosen. */
  g_assert_false (json_object_has_member (g_ptr_array_index (losses, 0), "reengage_on"));

  /* The renewal is over: its delays are resolved and its plans ended. */
  delays = stored_docs ("delay", "account_id", account_id);
  g_assert_cmpuint (delays->len, >=, 1);
  for (guint i = 0; i < delays->len; i++)
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (delays, i), "status"), ==,
                     "resolved");
  plans = stored_docs ("plan", "account_id", account_id);
  for (guint i = 0; i < plans->len; i++)
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (plans, i), "status"), !=,
                     "active");

  competitors = g_settings_get_strv (settings, "competitors");
  g_assert_cmpstr (competitors[0], ==, "Northwind Data");
}

static gboolean
account_reopened (gpointer data)
{
  g_autoptr(RdAccount) account = stored_account ();

  return rd_account_get_status (account) == RD_STATUS_ACTIVE;
}

static AdwMessageDialog *
find_reopen_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (toplevel), "reopen"))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
reopen_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_reopen_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
end_row_shows (gpointer data)
{
  GtkWidget *row = _rd_account_page_get_child (page (), "end_row");
  g_autofree char *shown = rd_date_format (data);  /* the region's format */

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), shown) == 0;
}

/* The Reopen button under @root, if any. */
static GtkWidget *
find_reopen_button (GtkWidget *root)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "account.reopen") == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_reopen_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The page has taken in the close: it offers Reopen, as a person would see it. */
static gboolean
reopen_offered (gpointer data)
{
  GtkWidget *button = find_reopen_button (GTK_WIDGET (page ()));

  return button != NULL && gtk_widget_is_visible (button);
}

/* Reopened at once, not only from the re-engage date: a fresh term. */
static void
test_reopen (void)
{
  g_autoptr(RdAccount) account = NULL;
  g_autoptr(GPtrArray) losses = NULL;
  g_autofree char *today = NULL;
  AdwMessageDialog *dialog;
  GDate date;

  g_assert_true (rd_test_spin_until (reopen_offered, NULL, TIMEOUT_MS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "account.reopen", NULL));
  /* It asks for the target date and value, proposing the last term's. */
  g_assert_true (rd_test_spin_until (reopen_dialog_shown, NULL, TIMEOUT_MS));
  dialog = find_reopen_dialog ();
  rd_test_save_screenshot (GTK_WIDGET (dialog), "reopen-dialog.png", TRUE);
  adw_message_dialog_response (dialog, "reopen");
  g_assert_true (rd_test_spin_until (account_reopened, NULL, TIMEOUT_MS));

  rd_date_today (&date);
  today = rd_date_to_string (&date);
  account = stored_account ();
  g_assert_cmpstr (rd_account_get_contract_start (account), ==, today);
  g_assert_cmpstr (rd_account_get_contract_end (account), >, today);
  losses = stored_docs ("loss", "account_id", account_id);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (losses, 0), "reopened_on"), ==, today);

  /* The page shows the new term, not the old one it had on screen. */
  g_assert_true (rd_test_spin_until (end_row_shows, (gpointer) rd_account_get_contract_end (account),
                                     TIMEOUT_MS));
}

static gboolean
n_stored_rates (gpointer data)
{
  g_autoptr(GPtrArray) rates = stored_docs ("exchange_rate", NULL, NULL);

  return rates->len == GPOINTER_TO_UINT (data);
}

static gboolean
n_shown_rates (gpointer data)
{
  RdMoneyPreferences *prefs = g_object_get_data (G_OBJECT (data), "prefs");

  return _rd_money_preferences_get_n_rates (prefs) == GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (data), "n"));
}

/* The Money page: reporting currency, fee, threshold and the rates, edited
 * with the message of rd_exchange_rate_check() under the rate. */
static void
test_money_preferences (void)
{
  RdContext *context = rd_window_get_context (window);
  GtkWidget *prefs_window = adw_preferences_window_new ();
  RdMoneyPreferences *prefs = RD_MONEY_PREFERENCES (rd_money_preferences_new (context));
  g_autoptr(GError) check_error = NULL;
  g_autoptr(GPtrArray) rates = NULL;
  AdwEntryRow *entry;

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (prefs_window), ADW_PREFERENCES_PAGE (prefs));
  gtk_window_set_default_size (GTK_WINDOW (prefs_window), 640, 720);
  gtk_window_present (GTK_WINDOW (prefs_window));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, prefs, TIMEOUT_MS));
  g_assert_cmpuint (_rd_money_preferences_get_n_rates (prefs), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "money.add-rate", NULL));
  g_assert_cmpuint (_rd_money_preferences_get_n_rates (prefs), ==, 1);
  /* Like the rates around it: into the reporting currency, from one to type. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_rd_money_preferences_get_entry (prefs, 0, "to_currency"))),
                   ==, "EUR");
  gtk_editable_set_text (GTK_EDITABLE (_rd_money_preferences_get_entry (prefs, 0, "from_currency")), "JPY");

  /* A bad rate: the core check's own message, inline, and nothing saved. */
  entry = _rd_money_preferences_get_entry (prefs, 0, "rate");
  gtk_editable_set_text (GTK_EDITABLE (entry), "1,5");
  g_assert_false (rd_exchange_rate_check ("1,5", &check_error));
  g_assert_cmpstr (_rd_money_preferences_get_message (prefs, 0), ==, check_error->message);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_signal_emit_by_name (entry, "apply");
  rd_test_spin_for (200);
  g_assert_true (n_stored_rates (GUINT_TO_POINTER (0)));
  rd_test_save_screenshot (GTK_WIDGET (prefs_window), "money-preferences-error.png", TRUE);

  gtk_editable_set_text (GTK_EDITABLE (entry), "0.0061");
  g_assert_cmpstr (_rd_money_preferences_get_message (prefs, 0), ==, "");
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (rd_test_spin_until (n_stored_rates, GUINT_TO_POINTER (1), TIMEOUT_MS));
  rates = stored_docs ("exchange_rate", NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (rates, 0), "from_currency"), ==, "JPY");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (rates, 0), "to_currency"), ==, "EUR");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (rates, 0), "rate"), ==, "0.0061");
  g_object_set_data (G_OBJECT (prefs_window), "prefs", prefs);
  g_object_set_data (G_OBJECT (prefs_window), "n", GUINT_TO_POINTER (1));
  g_assert_true (rd_test_spin_until (n_shown_rates, prefs_window, TIMEOUT_MS));
  rd_test_save_screenshot (GTK_WIDGET (prefs_window), "money-preferences.png", TRUE);

  /* Deleted, then put back. */
  {
    const char *id = json_object_get_string_member (g_ptr_array_index (rates, 0), "_id");
    g_autoptr(RdStore) store = rd_test_open_store (db_path);
    g_autoptr(GError) error = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "money.delete-rate", "s", id));
    g_assert_true (rd_test_spin_until (n_stored_rates, GUINT_TO_POINTER (0), TIMEOUT_MS));
    g_assert_true (rd_store_undelete_document (store, id, &error));
    g_assert_no_error (error);
    g_assert_true (n_stored_rates (GUINT_TO_POINTER (1)));
  }

  /* The quarter's target: refused inline when it is no amount, else kept
   * with its currency (the reporting one when none is typed). */
  {
    GSettings *settings = rd_context_get_settings (context);
    GtkWidget *target = rd_test_find_named (GTK_WIDGET (prefs), "quarter-target");
    g_autofree char *before = g_settings_get_string (settings, "quarter-target");
    g_autofree char *after = NULL;

    g_assert_nonnull (target);
    gtk_editable_set_text (GTK_EDITABLE (target), "lots EUR");
    g_signal_emit_by_name (target, "apply");
    g_assert_true (gtk_widget_has_css_class (target, "error"));
    after = g_settings_get_string (settings, "quarter-target");
    g_assert_cmpstr (after, ==, before);
    g_clear_pointer (&after, g_free);

    gtk_editable_set_text (GTK_EDITABLE (target), "250000");
    g_signal_emit_by_name (target, "apply");
    g_assert_false (gtk_widget_has_css_class (target, "error"));
    after = g_settings_get_string (settings, "quarter-target");
    g_assert_cmpstr (after, ==, "250000 EUR");
    g_settings_set_string (settings, "quarter-target", before);
  }

  gtk_window_destroy (GTK_WINDOW (prefs_window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  db_path = rd_test_make_window_db ("rd-test-plan-ui-XXXXXX", &tmpdir);

  rd_test_ui_init ();

  g_test_add_func ("/plan-ui/plan-from-hidden-problem-delay", test_plan_from_delay);
  g_test_add_func ("/plan-ui/tick-steps", test_tick_steps);
  g_test_add_func ("/plan-ui/accept-60-day-extension", test_accept_extension);
  g_test_add_func ("/plan-ui/close-as-lost-to-competitor", test_close_as_lost);
  g_test_add_func ("/plan-ui/reopen-at-once", test_reopen);
  g_test_add_func ("/plan-ui/money-preferences", test_money_preferences);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_free (account_id);
  g_free (expected_end);

  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (db_path);

  return ret;
}
