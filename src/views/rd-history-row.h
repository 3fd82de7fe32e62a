/* rd-history-row.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-event-record.h"

G_BEGIN_DECLS

#define RD_TYPE_HISTORY_ROW (rd_history_row_get_type ())

G_DECLARE_FINAL_TYPE (RdHistoryRow, rd_history_row, RD, HISTORY_ROW, AdwActionRow)

/*
 * One change in an account's history: the sentence that describes it, in
 * the reader's language, and when, relative ("3 days ago") with the
 * absolute time on hover.
 */
GtkWidget     *rd_history_row_new       (RdEventRecord *event);
RdEventRecord *rd_history_row_get_event (RdHistoryRow  *self);
void           rd_history_row_set_event (RdHistoryRow  *self,
                                         RdEventRecord *event);

G_END_DECLS
