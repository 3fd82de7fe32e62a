/* test-kit-editor-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-kit-editor-ui"

#include "config.h"

#include "rd-champion-kit-editor.h"
#include "rd-test-ui.h"

typedef struct
{
  guint changed;
} Counter;

static void
on_changed_cb (RdChampionKitEditor *editor,
               Counter             *counter)
{
  counter->changed++;
}

/* A child of @widget of @type whose accessible label or title is @title. */
static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_entry_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

/* Edits land on the account in place, each with one "changed"; bad text
 * marks the row and changes nothing. */
static void
test_edits (void)
{
  g_autoptr(RdAccount) account = rd_account_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = rd_champion_kit_editor_new ();
  GtkWidget *benefit, *price_change, *reference;
  Counter counter = { 0 };

  rd_account_set_name (account, "Kit Account");
  rd_account_set_currency (account, "EUR");
  rd_account_set_roi_cost_minor (account, 4800000);
  rd_account_set_reference_ok (account, TRUE);

  gtk_window_set_child (GTK_WINDOW (window), editor);
  g_assert_false (gtk_widget_get_sensitive (editor));
  rd_champion_kit_editor_set_account (RD_CHAMPION_KIT_EDITOR (editor), account);
  g_assert_true (gtk_widget_get_sensitive (editor));
  g_signal_connect (editor, "changed", G_CALLBACK (on_changed_cb), &counter);
  gtk_window_present (GTK_WINDOW (window));

  /* Shown, and showing is not an edit. */
  reference = rd_test_find_of_type (editor, GTK_TYPE_SWITCH);
  g_assert_nonnull (reference);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (reference)));
  g_assert_cmpuint (counter.changed, ==, 0);

  gtk_switch_set_active (GTK_SWITCH (reference), FALSE);
  g_assert_false (rd_account_get_reference_ok (account));
  g_assert_cmpuint (counter.changed, ==, 1);

  benefit = find_entry_row (editor, "Benefit Measured Over a Year");
  g_assert_nonnull (benefit);
  gtk_editable_set_text (GTK_EDITABLE (benefit), "not money");
  g_signal_emit_by_name (benefit, "apply");
  g_assert_true (gtk_widget_has_css_class (benefit, "error"));
  g_assert_cmpint (rd_account_get_roi_benefit_minor (account), ==, -1);
  g_assert_cmpuint (counter.changed, ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (benefit), "120000");
  g_signal_emit_by_name (benefit, "apply");
  g_assert_false (gtk_widget_has_css_class (benefit, "error"));
  g_assert_cmpint (rd_account_get_roi_benefit_minor (account), ==, 12000000);
  g_assert_cmpuint (counter.changed, ==, 2);

  price_change = find_entry_row (editor, "Price Changes On");
  g_assert_nonnull (price_change);
  gtk_editable_set_text (GTK_EDITABLE (price_change), "2027-02-30");
  g_signal_emit_by_name (price_change, "apply");
  g_assert_true (gtk_widget_has_css_class (price_change, "error"));
  g_assert_null (rd_account_get_price_change_on (account));
  gtk_editable_set_text (GTK_EDITABLE (price_change), "2027-03-01");
  g_signal_emit_by_name (price_change, "apply");
  g_assert_cmpstr (rd_account_get_price_change_on (account), ==, "2027-03-01");
  g_assert_cmpuint (counter.changed, ==, 3);

  rd_test_spin_for (200);
  rd_test_save_screenshot (editor, "kit-editor.png", TRUE);

  /* Without an account: cleared and insensitive. */
  rd_champion_kit_editor_set_account (RD_CHAMPION_KIT_EDITOR (editor), NULL);
  g_assert_false (gtk_widget_get_sensitive (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (benefit)), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  rd_test_ui_init ();

  g_test_add_func ("/kit-editor/edits", test_edits);

  return g_test_run ();
}
