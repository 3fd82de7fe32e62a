/* rd-test-ui.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-window.h"

G_BEGIN_DECLS

/* The widget tests' harness: the toolkit and the app's style, a window on
 * a temporary database, a main loop spun until something is true, and
 * screenshots rendered to PNG files in G_TEST_BUILDDIR. */

typedef gboolean (*RdTestCondition) (gpointer data);

void      rd_test_ui_init         (void);
void      rd_test_load_style      (void);
char     *rd_test_make_window_db  (const char      *tmpl,
                                   char           **out_dir);
void      rd_test_present_window  (RdWindow       **window,
                                   const char      *db_path,
                                   int              width,
                                   int              height);
gboolean  rd_test_window_shows    (RdWindow        *window,
                                   const char      *page);
gboolean  rd_test_widget_mapped   (gpointer         widget);
GtkWidget *rd_test_find_named     (GtkWidget       *root,
                                   const char      *name);
GtkWidget *rd_test_find_of_type   (GtkWidget       *root,
                                   GType            type);
gboolean  rd_test_spin_until      (RdTestCondition  condition,
                                   gpointer         data,
                                   guint            timeout_ms);
void      rd_test_spin_for        (guint            ms);
char     *rd_test_render_png      (GtkWidget       *widget,
                                   const char      *name,
                                   gboolean         fill_background);
void      rd_test_save_screenshot (GtkWidget       *widget,
                                   const char      *name,
                                   gboolean         fill_background);

G_END_DECLS
