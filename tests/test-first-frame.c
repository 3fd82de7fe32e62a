/* test-first-frame.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-portfolio-view-private.h"
#include "rd-sample.h"
#include "rd-store.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-window-private.h"

/* What the window builds for its first frame: as many accounts as its
 * height holds before the whole book, and no page it does not show. */

#define TIMEOUT_MS 20000
#define BOOK_SIZE 150

static char *tmpdir;
static char *book_path;   /* BOOK_SIZE accounts */

typedef struct
{
  RdWindow *window;
  guint     n_preview;    /* the accounts shown before the whole book */
  gboolean  ready;
} Start;

static void
on_loaded_cb (RdPortfolioView *view,
              GParamSpec      *pspec,
              Start           *start)
{
  if (rd_portfolio_view_get_loaded (view) && start->n_preview == 0)
    start->n_preview = rd_portfolio_view_get_n_accounts (view);
}

static void
on_ready_cb (RdWindow *window,
             Start    *start)
{
  start->ready = TRUE;
}

static gboolean
book_shown (gpointer data)
{
  Start *start = data;
  RdPortfolioView *view = _rd_window_get_portfolio_view (start->window);

  return start->ready && rd_portfolio_view_get_complete (view) &&
         rd_test_window_shows (start->window, "portfolio") &&
         rd_test_widget_mapped (_rd_portfolio_view_get_column_view (view));
}

static gboolean
window_gone (gpointer data)
{
  return *(RdWindow **) data == NULL;
}

/* Starts as the application does: the settings say the window's size, the
 * store is open, then the window is built and shown. */
static void
start_window (Start      *start,
              const char *path,
              int         saved_height,
              gboolean    maximized)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdContext) context = rd_context_new (NULL);
  g_autoptr(RdStore) store = rd_store_new (path, NULL, &error);
  GSettings *settings = rd_context_get_settings (context);

  g_assert_no_error (error);
  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", saved_height);
  g_settings_set_boolean (settings, "window-maximized", maximized);
  rd_context_set_store (context, store);

  *start = (Start) { NULL, 0, FALSE };
  start->window = rd_window_new (NULL, context, path);
  g_object_add_weak_pointer (G_OBJECT (start->window), (gpointer *) &start->window);
  g_signal_connect (_rd_window_get_portfolio_view (start->window), "notify::loaded",
                    G_CALLBACK (on_loaded_cb), start);
  g_signal_connect (start->window, "ready", G_CALLBACK (on_ready_cb), start);
  gtk_window_present (GTK_WINDOW (start->window));
}

static void
close_window (Start *start)
{
  gtk_window_destroy (GTK_WINDOW (start->window));
  g_assert_true (rd_test_spin_until (window_gone, &start->window, TIMEOUT_MS));
}

/* The list's rows as laid out with the whole book: their height and how
 * many the list shows. */
static void
measure_rows (Start  *start,
              double *row_height,
              double *n_shown)
{
  RdPortfolioView *view = _rd_window_get_portfolio_view (start->window);
  GtkAdjustment *vadjustment =
    gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (_rd_portfolio_view_get_column_view (view)));

  g_assert_true (rd_test_spin_until (book_shown, start, TIMEOUT_MS));
  rd_test_spin_for (200);
  g_assert_cmpuint (rd_portfolio_view_get_n_accounts (view), ==, BOOK_SIZE);
  *row_height = gtk_adjustment_get_upper (vadjustment) / BOOK_SIZE;
  g_assert_cmpfloat (*row_height, >, 0);
  *n_shown = gtk_adjustment_get_page_size (vadjustment) / *row_height;
}

/* The first screen is full, and holds not many more accounts than it shows. */
static void
test_preview_follows_height (void)
{
  const int heights[] = { 400, 760 };
  guint n_preview[G_N_ELEMENTS (heights)];

  for (guint i = 0; i < G_N_ELEMENTS (heights); i++)
    {
      Start start;
      double row_height, n_shown;

      start_window (&start, book_path, heights[i], FALSE);
      measure_rows (&start, &row_height, &n_shown);
      g_test_message ("height %d: %u accounts first, rows of %.1f px, %.1f shown",
                      heights[i], start.n_preview, row_height, n_shown);
      g_assert_cmpfloat (start.n_preview, >=, n_shown);
      /* The header bar, filters and column titles take a few rows' height. */
      g_assert_cmpfloat (start.n_preview, <=, n_shown + 8);
      n_preview[i] = start.n_preview;
      close_window (&start);
    }
  g_assert_cmpuint (n_preview[0], <, n_preview[1]);
}

/* Maximized, the first screen is the monitor's height, whatever the saved
 * height of the unmaximized window. */
static void
test_preview_fills_maximized (void)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry;
  Start start;
  double row_height, n_shown;

  gdk_monitor_get_geometry (monitor, &geometry);
  start_window (&start, book_path, 300, TRUE);
  measure_rows (&start, &row_height, &n_shown);
  g_test_message ("maximized on %d px: %u accounts first, rows of %.1f px",
                  geometry.height, start.n_preview, row_height);
  g_assert_cmpfloat (start.n_preview * row_height, >=, geometry.height);
  close_window (&start);
}

/* A book that is not empty never loads the empty page's picture (GTK
 * loaded it before the first frame while the page was hidden). */
static void
test_no_empty_page_picture (void)
{
  Start start;
  double row_height, n_shown;

  start_window (&start, book_path, 760, FALSE);
  measure_rows (&start, &row_height, &n_shown);
  g_assert_null (adw_status_page_get_icon_name (_rd_window_get_empty_page (start.window)));
  close_window (&start);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("rd-test-first-frame-XXXXXX", NULL);
  book_path = g_build_filename (tmpdir, "book.db", NULL);
  store = rd_store_new (book_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_fill_sample (store, BOOK_SIZE, RD_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  rd_test_ui_init ();

  g_test_add_func ("/first-frame/preview-follows-window-height", test_preview_follows_height);
  g_test_add_func ("/first-frame/preview-fills-maximized-window", test_preview_fills_maximized);
  g_test_add_func ("/first-frame/no-empty-page-picture", test_no_empty_page_picture);

  ret = g_test_run ();

  rd_test_remove_tree (tmpdir);
  g_free (book_path);
  g_free (tmpdir);

  return ret;
}
