/* rd-weekly-update-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-weekly-update.h"

G_BEGIN_DECLS

/* Shared by the weekly update's files: the collection
 * (rd-weekly-update.c), its blocks and Markdown (rd-weekly-blocks.c) and
 * its pages (rd-weekly-pdf.c). */

/* Adds @value onto @sum, stopping at G_MAXINT64 (shown as too large). */
gint64      _rd_weekly_total_add       (gint64                sum,
                                        gint64                value);
char       *_rd_weekly_total_format    (gint64                minor,
                                        const char           *currency);
/* Still to do, every category but Omitted. */
gint64      _rd_weekly_totals_open     (const RdWeeklyTotals *t);

/* The line under a list cut at RD_WEEKLY_MAX_ROWS, NULL for a whole list. */
char       *_rd_weekly_more_text       (guint                 n_shown,
                                        guint                 n_total);

/* The sections the PDF draws as tables, as blocks. */
void        _rd_weekly_renewals_blocks (GPtrArray            *blocks,
                                        RdWeeklyUpdate       *update,
                                        const GDate          *today);
void        _rd_weekly_forecast_blocks (GPtrArray            *blocks,
                                        RdWeeklyUpdate       *update);
void        _rd_weekly_movement_blocks (GPtrArray            *blocks,
                                        RdWeeklyUpdate       *update);
void        _rd_weekly_losses_blocks   (GPtrArray            *blocks,
                                        RdWeeklyUpdate       *update);
void        _rd_weekly_retros_blocks   (GPtrArray            *blocks,
                                        RdWeeklyUpdate       *update);

G_END_DECLS
