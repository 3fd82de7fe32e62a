/* rd-window.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_WINDOW (rd_window_get_type ())

G_DECLARE_FINAL_TYPE (RdWindow, rd_window, RD, WINDOW, AdwApplicationWindow)

/* @context: the application's (see RdContext); when its store is not open
 * yet, the window opens @db_path (NULL: rd_store_default_path()) and puts
 * the store into @context. */
RdWindow   *rd_window_new                      (GtkApplication *application,
                                                RdContext      *context,
                                                const char     *db_path);
RdContext  *rd_window_get_context              (RdWindow       *self);
const char *rd_window_get_db_path              (RdWindow       *self);
/* RD_BENCH_SEARCH: see rd_portfolio_view_run_search_benchmark(). */
void        rd_window_run_search_benchmark     (RdWindow       *self);

/* Registers the compiled-in resources and the view types; idempotent. */
void        rd_views_init                      (void);

gint64      rd_window_get_first_frame_time (RdWindow *self);
gint64      rd_window_get_first_frame_cpu_time (RdWindow *self);
gboolean    rd_window_get_book_complete        (RdWindow *self);

G_END_DECLS
