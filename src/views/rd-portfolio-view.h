/* rd-portfolio-view.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

typedef enum
{
  RD_PORTFOLIO_SCOPE_ALL,
  RD_PORTFOLIO_SCOPE_QUARTER,   /* deadline within the current quarter */
} RdPortfolioScope;

#define RD_TYPE_PORTFOLIO_VIEW (rd_portfolio_view_get_type ())

G_DECLARE_FINAL_TYPE (RdPortfolioView, rd_portfolio_view, RD, PORTFOLIO_VIEW, AdwBin)

RdContext        *rd_portfolio_view_get_context       (RdPortfolioView  *self);
void              rd_portfolio_view_set_context       (RdPortfolioView  *self,
                                                       RdContext        *context);
/* Something is shown (maybe only the first accounts by deadline). */
gboolean          rd_portfolio_view_get_loaded        (RdPortfolioView  *self);
/* The whole book is shown. */
gboolean          rd_portfolio_view_get_complete      (RdPortfolioView  *self);
guint             rd_portfolio_view_get_n_accounts    (RdPortfolioView  *self);
guint             rd_portfolio_view_get_n_visible     (RdPortfolioView  *self);
RdPortfolioScope  rd_portfolio_view_get_scope         (RdPortfolioView  *self);
void              rd_portfolio_view_set_scope         (RdPortfolioView  *self,
                                                       RdPortfolioScope  scope);
RdPortfolioScope  rd_portfolio_view_get_shown_scope   (RdPortfolioView  *self);
/* The account with @id as shown in the list (not a copy), or NULL. */
RdAccount        *rd_portfolio_view_lookup            (RdPortfolioView  *self,
                                                       const char       *id);
RdAccount        *rd_portfolio_view_get_selected      (RdPortfolioView  *self);
void              rd_portfolio_view_focus_search      (RdPortfolioView  *self);
void              rd_portfolio_view_focus_list        (RdPortfolioView  *self);
void              rd_portfolio_view_set_search_text   (RdPortfolioView  *self,
                                                       const char       *text);
/* RD_BENCH_SEARCH: types a series of keystrokes into the search entry and
 * prints one "search-ms <ms>" line per keystroke to stdout: the time from
 * setting the text until the frame showing the result has been painted.
 * Waits for the whole book first.  Runs a nested main loop; returns when
 * done. */
void              rd_portfolio_view_run_search_benchmark (RdPortfolioView *self);

G_END_DECLS
