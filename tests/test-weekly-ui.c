/* test-weekly-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-weekly-ui"

#include "config.h"

#include "rd-format.h"
#include "rd-store.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-weekly-update-window.h"

/* More accounts still to renew than the window lays out. */
#define N_ACCOUNTS 30

static gboolean
has_table (gpointer data)
{
  return rd_test_find_of_type (data, GTK_TYPE_GRID) != NULL;
}

/* How many labels under @widget read @text. */
static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        n++;
      n += count_labels (child, text);
    }
  return n;
}

static gboolean
has_last_heading (gpointer data)
{
  return count_labels (data, "Risk assessment") > 0;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static guint
count_all_labels (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += (GTK_IS_LABEL (child) ? 1 : 0) + count_all_labels (child);
  return n;
}

typedef struct
{
  guint last;       /* labels at the last frame */
  guint most;       /* the most laid out between two frames */
} FrameCount;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  FrameCount *count = user_data;
  guint n = count_all_labels (widget);

  if (n > count->last)
    count->most = MAX (count->most, n - count->last);
  count->last = n;
  return G_SOURCE_CONTINUE;
}

static gboolean
grid_complete (gpointer data)
{
  return count_children (data) == 5 * 13;
}

/* The window lays out the first rows of a long list and counts the rest,
 * so a large book does not keep it from drawing for seconds; the heading
 * still counts every row. */
static void
test_long_list_cut (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autofree char *more = g_strdup_printf ("…and %u more", N_ACCOUNTS - 12);
  RdWeeklyUpdateWindow *window;
  GtkWidget *grid;
  GtkWidget *note;
  guint n_rows;
  GDate today;
  FrameCount frames = { 0 };
  guint tick;

  g_assert_no_error (error);
  rd_date_today (&today);
  for (guint i = 0; i < N_ACCOUNTS; i++)
    {
      g_autoptr(RdAccount) account = rd_account_new ();
      g_autofree char *name = g_strdup_printf ("Customer %02u", i);
      g_autofree char *end = NULL;
      GDate date = today;

      /* Overdue by a day or more: still to do, whatever the quarter. */
      g_date_subtract_days (&date, 1 + i % 5);
      end = rd_date_to_string (&date);
      rd_account_set_name (account, name);
      rd_account_set_currency (account, "EUR");
      rd_account_set_annual_value_minor (account, 1000000 + i);
      rd_account_set_contract_start (account, "2020-01-01");
      rd_account_set_contract_end (account, end);
      rd_account_set_status (account, RD_STATUS_ACTIVE);
      g_assert_true (rd_store_save_account (store, account, &error));
      g_assert_no_error (error);
    }

  window = rd_weekly_update_window_new (NULL, store);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame_cb, &frames, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rd_test_spin_until (has_table, window, 30000));

  /* "Still to do": the header and 12 of its 30 rows, five columns each,
   * a few rows a frame. */
  grid = rd_test_find_of_type (GTK_WIDGET (window), GTK_TYPE_GRID);
  g_assert_true (rd_test_spin_until (grid_complete, grid, 30000));
  g_assert_cmpuint (count_children (grid) % 5, ==, 0);
  n_rows = count_children (grid) / 5 - 1;
  g_assert_cmpuint (n_rows, ==, 12);

  /* Under its card, the rest counted. */
  note = gtk_widget_get_next_sibling (gtk_widget_get_parent (grid));
  g_assert_true (GTK_IS_LABEL (note));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==, more);

  /* The rest is laid out a few blocks a frame, down to the last heading. */
  g_assert_true (rd_test_spin_until (has_last_heading, window, 30000));
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), more), ==, 1);
  /* No frame laid out a whole table (13 rows of 5 wrapped cells) at once:
   * at most 20 cells and the block that passed them, a list of 12 rows. */
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  g_assert_cmpuint (frames.most, >, 0);
  g_assert_cmpuint (frames.most, <=, 20 + 2 * 12 + 1);
  rd_test_save_screenshot (GTK_WIDGET (window), "weekly-update-window.png", FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  rd_test_ui_init ();

  g_test_add_func ("/weekly-ui/long-list-cut", test_long_list_cut);

  return g_test_run ();
}
