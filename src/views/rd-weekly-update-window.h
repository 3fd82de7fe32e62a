/* rd-weekly-update-window.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_WEEKLY_UPDATE_WINDOW (rd_weekly_update_window_get_type ())

G_DECLARE_FINAL_TYPE (RdWeeklyUpdateWindow, rd_weekly_update_window, RD, WEEKLY_UPDATE_WINDOW, AdwWindow)

/* Generates the update on a worker thread and shows its Markdown. */
RdWeeklyUpdateWindow *rd_weekly_update_window_new (GtkWindow *parent,
                                                   RdStore   *store);

G_END_DECLS
