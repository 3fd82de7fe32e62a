/* rd-portfolio-view-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-portfolio-view.h"

G_BEGIN_DECLS

/* For tests only. */
GtkColumnView  *_rd_portfolio_view_get_column_view  (RdPortfolioView *self);
GtkSearchEntry *_rd_portfolio_view_get_search_entry (RdPortfolioView *self);
/* The selection model; its items are RdPortfolioRow slots. */
GListModel     *_rd_portfolio_view_get_model        (RdPortfolioView *self);
/* The account shown at @position, or NULL. */
RdAccount      *_rd_portfolio_view_get_account      (RdPortfolioView *self,
                                                     guint            position);
/* The "no results" page, under the list. */
GtkWidget      *_rd_portfolio_view_get_no_results_page (RdPortfolioView *self);
/* Whether a new order is being sorted on a worker: the list shows the
 * old one until it is not. */
gboolean        _rd_portfolio_view_is_sorting        (RdPortfolioView *self);
/* Whether the list still announces its rows a few a frame: fewer items
 * than matches until it is not. */
gboolean        _rd_portfolio_view_is_growing        (RdPortfolioView *self);

G_END_DECLS
