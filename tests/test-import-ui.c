/* test-import-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-import-dialog.h"
#include "rd-portfolio-view-private.h"
#include "rd-risk-badge.h"
#include "rd-store.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-window-private.h"
#include "rd-window-triage.h"

/* A user imports a CRM export through the preview dialog, sees a problem
 * cell, fixes the mapping, imports, and finds the accounts rated; then
 * backs up and restores.  The cases run in order against one window. */

#define TIMEOUT_MS 30000

static char *tmpdir;
static char *db_path;
static RdWindow *window;
static RdImportDialog *dialog;

static const char csv_text[] =
  "\xEF\xBB\xBF" "Firmenname;Kundennummer;Branche;Land;Währung;Jahreswert;Vertragsende;Phase;Kündigungsfrist;Ansprechpartner\r\n"
  "Bergmann Maschinenbau GmbH;K-1001;Manufacturing;DE;EUR;1.250.000,00;15.01.2027;defending;90;Lena Müller\r\n"
  "Hansa Hotellerie AG;K-1002;Hospitality;AT;EUR;480.000,00;28.02.2027;installing;60;Jonas Weber\r\n"
  "Nordlicht Software GmbH;K-1003;Software;CH;CHF;96.000,00;31.12.2027;growing;-30;Mia Fischer\r\n"
  "Alpenblick Energie AG;K-1004;Energy;AT;EUR;2.300.000,00;30.06.2027;maturing;90;\r\n"
  "Sonnenberg Handel GmbH;K-1005;Retail;DE;EUR;310.500,50;10.03.2027;defending;30;Paul Schmidt\r\n";

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_assert_true (rd_test_spin_until (drawn, widget, TIMEOUT_MS));
  rd_test_save_screenshot (widget, name, FALSE);
}

static gboolean
stack_shows (gpointer data)
{
  return rd_test_window_shows (window, data);
}

static gboolean
dialog_ready (gpointer data)
{
  return dialog != NULL && _rd_import_dialog_is_ready (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  return dialog == NULL;
}

static gboolean
portfolio_has (gpointer data)
{
  return rd_portfolio_view_get_n_accounts (_rd_window_get_portfolio_view (window))
         == GPOINTER_TO_UINT (data) && stack_shows ("portfolio");
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Cases ------------------------------------------------------------------ */

static void
test_open_window (void)
{
  rd_test_present_window (&window, db_path, 1100, 720);

  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "empty", TIMEOUT_MS));
}

static void
test_preview_shows_problems (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "crm-export.csv", NULL);
  g_autoptr(GFile) file = NULL;
  RdCsvImport *import;

  g_assert_true (g_file_set_contents (path, csv_text, -1, NULL));
  file = g_file_new_for_path (path);

  dialog = _rd_window_import_file (window, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 1000, 720);
  g_assert_true (rd_test_spin_until (dialog_ready, NULL, TIMEOUT_MS));

  import = _rd_import_dialog_get_import (dialog);
  g_assert_cmpuint (rd_csv_import_get_n_columns (import), ==, 10);
  g_assert_cmpint (rd_csv_import_get_mapping (import, 0), ==, RD_CSV_COLUMN_NAME);
  g_assert_cmpint (rd_csv_import_get_mapping (import, 6), ==, RD_CSV_COLUMN_CONTRACT_END);
  g_assert_cmpint (rd_csv_import_get_mapping (import, 8), ==, RD_CSV_COLUMN_NOTICE_DAYS);

  /* The negative notice period is marked, and nothing can be imported. */
  g_assert_cmpuint (_rd_import_dialog_count_problem_cells (dialog), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (_rd_import_dialog_get_import_button (dialog)));

  /* The encoding it was read as, said in the preview. */
  {
    GtkWidget *encoding = _rd_import_dialog_get_encoding_label (dialog);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (encoding)), ==, "Read as UTF-8");
    g_assert_true (rd_test_spin_until (rd_test_widget_mapped, encoding, TIMEOUT_MS));
  }

  save_screenshot (GTK_WIDGET (dialog), "import-dialog-problem.png");
}

static void
test_remap_then_import (void)
{
  guint expected = 5;

  /* The notice period is not needed: leave that column out. */
  _rd_import_dialog_set_mapping (dialog, 8, RD_CSV_COLUMN_IGNORE);
  g_assert_true (rd_test_spin_until (dialog_ready, NULL, TIMEOUT_MS));
  g_assert_cmpuint (_rd_import_dialog_count_problem_cells (dialog), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (_rd_import_dialog_get_import_button (dialog)));

  save_screenshot (GTK_WIDGET (dialog), "import-dialog.png");

  g_assert_true (gtk_widget_activate (_rd_import_dialog_get_import_button (dialog)));
  g_assert_true (rd_test_spin_until (dialog_gone, NULL, TIMEOUT_MS));
  g_assert_true (rd_test_spin_until (portfolio_has, GUINT_TO_POINTER (expected), TIMEOUT_MS));

  save_screenshot (GTK_WIDGET (window), "import-done.png");
}

static void
test_accounts_are_rated (void)
{
  RdStore *store = _rd_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = rd_store_list_accounts (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 5);

  for (guint i = 0; i < accounts->len; i++)
    {
      RdAccount *account = g_ptr_array_index (accounts, i);
      GtkWidget *badge = rd_risk_badge_new ();
      const char *text;

      g_object_ref_sink (badge);
      rd_risk_badge_set_account (RD_RISK_BADGE (badge), account);
      text = _rd_risk_badge_get_text (RD_RISK_BADGE (badge));
      g_test_message ("%s: %s (%s)", rd_account_get_name (account), text,
                      gtk_widget_get_tooltip_text (badge));
      g_assert_nonnull (rd_account_get_risk_factors (account));
      g_assert_nonnull (gtk_widget_get_tooltip_text (badge));
      g_assert_true (strlen (text) > 0);

      /* A hotel chain that is still installing rates above the Swiss software house. */
      if (g_str_equal (rd_account_get_name (account), "Hansa Hotellerie AG"))
        g_assert_cmpint (rd_account_get_risk_band (account), >=, RD_RISK_BAND_MEDIUM);
      if (g_str_equal (rd_account_get_name (account), "Nordlicht Software GmbH"))
        g_assert_cmpint (rd_account_get_risk_band (account), ==, RD_RISK_BAND_LOW);
      g_object_unref (badge);
    }
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
backup_dir_has_file (gpointer data)
{
  g_autofree char *dir = _rd_window_backup_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);

  return d != NULL && g_dir_read_name (d) != NULL && find_message_dialog () == NULL;
}

static void
test_back_up_and_restore (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *confirm;
  RdStore *store = _rd_window_get_store (window);

  _rd_window_back_up_to_file (window, file);
  g_assert_true (rd_test_spin_until (file_exists, path, TIMEOUT_MS));
  rd_test_spin_for (300);
  docs = rd_documents_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, >=, 5 + 4);   /* accounts and stakeholders */

  /* Delete an account, then restore it from the backup. */
  {
    g_autoptr(GPtrArray) accounts = rd_store_list_accounts (store, &error);

    g_assert_true (rd_store_delete_account (store,
                                            rd_account_get_id (g_ptr_array_index (accounts, 0)),
                                            &error));
    g_assert_no_error (error);
  }
  g_assert_true (rd_test_spin_until (portfolio_has, GUINT_TO_POINTER (4), TIMEOUT_MS));

  _rd_window_restore_file (window, file);
  g_assert_true (rd_test_spin_until (message_dialog_shown, NULL, TIMEOUT_MS));
  confirm = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "Account: 0 new, 1 updated"));
  save_screenshot (GTK_WIDGET (confirm), "restore-summary.png");

  /* What clicking the button does: respond, then close. */
  adw_message_dialog_response (confirm, "restore");
  gtk_window_destroy (GTK_WINDOW (confirm));
  if (!rd_test_spin_until (backup_dir_has_file, NULL, TIMEOUT_MS))
    {
      g_autofree char *dir = _rd_window_backup_dir ();

      g_test_message ("backup dir %s exists %d, dialog %p", dir,
                      g_file_test (dir, G_FILE_TEST_IS_DIR), find_message_dialog ());
      if (find_message_dialog ())
        g_test_message ("heading %s", adw_message_dialog_get_heading (find_message_dialog ()));
      g_assert_not_reached ();
    }
  g_assert_true (rd_test_spin_until (portfolio_has, GUINT_TO_POINTER (5), TIMEOUT_MS));
}

/* Finds a label under @widget whose text contains @needle. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, needle);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
window_shows_label (gpointer needle)
{
  return find_label (GTK_WIDGET (window), needle) != NULL;
}

/* A backup cut short: the toast names what failed and why, as it is, though
 * the parser's message holds "<data>" (libadwaita 1.2 reads a toast's title
 * as markup, and showed an empty toast); nothing else happens. */
static void
test_restore_broken_file (void)
{
  g_autofree char *good = g_build_filename (tmpdir, "backup.json", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "cut-short.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100);
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));

  _rd_window_restore_file (window, file);
  g_assert_true (rd_test_spin_until (window_shows_label, "Could not read the backup: <data>:",
                                     TIMEOUT_MS));
  g_assert_null (find_message_dialog ());
}

static gboolean
quarter_shows (gpointer data)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);

  return rd_portfolio_view_get_n_visible (view) == GPOINTER_TO_UINT (data)
         && find_label (GTK_WIDGET (view), "renewing this quarter") != NULL;
}

/* "Renewing this quarter": only this quarter's renewals, riskiest first,
 * with the count and the value per currency at the bottom. */
static void
test_quarter_view (void)
{
  RdStore *store = _rd_window_get_store (window);
  RdPortfolioView *view = _rd_window_get_portfolio_view (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) calm = rd_account_new ();
  g_autoptr(RdAccount) risky = rd_account_new ();
  g_autoptr(RdAccount) big = rd_account_new ();
  GDate today;
  g_autofree char *end = NULL;
  GtkLabel *totals;

  rd_date_today (&today);
  end = rd_date_to_string (&today);

  rd_account_set_name (calm, "Calm Software Ltd");
  rd_account_set_currency (calm, "GBP");
  rd_account_set_industry (calm, "Software");
  rd_account_set_cash_stability (calm, RD_LEVEL_HIGH);
  rd_account_set_annual_value_minor (calm, 5000000);
  rd_account_set_contract_end (calm, end);
  rd_account_set_name (risky, "Shaky Hotels GmbH");
  rd_account_set_currency (risky, "EUR");
  rd_account_set_industry (risky, "Hospitality");
  rd_account_set_stage (risky, RD_STAGE_DEFENDING);
  rd_account_set_cash_stability (risky, RD_LEVEL_LOW);
  rd_account_set_annual_value_minor (risky, 1000000);
  rd_account_set_contract_end (risky, end);
  rd_account_set_name (big, "Big Software AG");
  rd_account_set_currency (big, "EUR");
  rd_account_set_industry (big, "Software");
  rd_account_set_cash_stability (big, RD_LEVEL_HIGH);
  rd_account_set_annual_value_minor (big, 90000000);
  rd_account_set_contract_end (big, end);
  g_assert_true (rd_store_save_account (store, calm, &error));
  g_assert_true (rd_store_save_account (store, risky, &error));
  g_assert_true (rd_store_save_account (store, big, &error));
  g_assert_no_error (error);
  g_assert_true (rd_test_spin_until (portfolio_has, GUINT_TO_POINTER (8), TIMEOUT_MS));

  rd_portfolio_view_set_scope (view, RD_PORTFOLIO_SCOPE_QUARTER);
  g_assert_true (rd_test_spin_until (quarter_shows, GUINT_TO_POINTER (3), TIMEOUT_MS));

  /* Riskiest first; equal risk: the larger contract first. */
  g_assert_cmpstr (rd_account_get_name (_rd_portfolio_view_get_account (view, 0)), ==,
                   "Shaky Hotels GmbH");
  g_assert_cmpstr (rd_account_get_name (_rd_portfolio_view_get_account (view, 1)), ==,
                   "Big Software AG");
  g_assert_cmpstr (rd_account_get_name (_rd_portfolio_view_get_account (view, 2)), ==,
                   "Calm Software Ltd");

  totals = find_label (GTK_WIDGET (view), "renewing this quarter");
  g_test_message ("%s", gtk_label_get_text (totals));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (totals), "3 accounts renewing this quarter"));
  g_assert_nonnull (strstr (gtk_label_get_text (totals), "910,000.00"));
  g_assert_nonnull (strstr (gtk_label_get_text (totals), "50,000.00"));

  save_screenshot (GTK_WIDGET (window), "quarter.png");

  rd_portfolio_view_set_scope (view, RD_PORTFOLIO_SCOPE_ALL);
  g_assert_true (rd_test_spin_until (portfolio_has, GUINT_TO_POINTER (8), TIMEOUT_MS));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (totals)));
}

/* A file that is not UTF-8: the preview says it was read as Windows-1252. */
static void
test_preview_names_encoding (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "legacy-export.csv", NULL);
  g_autoptr(GFile) file = NULL;
  static const char latin1[] = "Name;Currency;Annual value\r\n"
                               "M\xfcller Stra\xdf" "enbau GmbH;EUR;1000\r\n";
  GtkWidget *encoding;

  g_assert_true (g_file_set_contents (path, latin1, -1, NULL));
  file = g_file_new_for_path (path);

  dialog = _rd_window_import_file (window, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (rd_test_spin_until (dialog_ready, NULL, TIMEOUT_MS));
  g_assert_cmpstr (rd_csv_import_get_encoding (_rd_import_dialog_get_import (dialog)), ==,
                   "Windows-1252");

  encoding = _rd_import_dialog_get_encoding_label (dialog);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (encoding)), ==, "Read as Windows-1252");
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, encoding, TIMEOUT_MS));
  save_screenshot (GTK_WIDGET (dialog), "import-dialog-encoding.png");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (rd_test_spin_until (dialog_gone, NULL, TIMEOUT_MS));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  db_path = rd_test_make_window_db ("rd-test-import-XXXXXX", &tmpdir);
  {
    g_autofree char *data = g_build_filename (tmpdir, "data", NULL);

    /* Before anything asks GLib for it: the automatic backups land here. */
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }

  rd_test_ui_init ();

  g_test_add_func ("/import-ui/open-window", test_open_window);
  g_test_add_func ("/import-ui/preview-shows-problems", test_preview_shows_problems);
  g_test_add_func ("/import-ui/remap-then-import", test_remap_then_import);
  g_test_add_func ("/import-ui/accounts-are-rated", test_accounts_are_rated);
  g_test_add_func ("/import-ui/back-up-and-restore", test_back_up_and_restore);
  g_test_add_func ("/import-ui/restore-broken-file", test_restore_broken_file);
  g_test_add_func ("/import-ui/quarter-view", test_quarter_view);
  g_test_add_func ("/import-ui/preview-names-encoding", test_preview_names_encoding);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));

  rd_test_remove_tree (tmpdir);
  g_free (db_path);
  g_free (tmpdir);

  return ret;
}
