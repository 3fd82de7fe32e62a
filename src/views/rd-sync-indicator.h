/* rd-sync-indicator.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-sync-service.h"

G_BEGIN_DECLS

/* The sync status in a header bar: an icon (or a spinner while syncing)
 * with a tooltip, and a popover with the details and Retry.  Hidden while
 * sync is not configured. */

#define RD_TYPE_SYNC_INDICATOR (rd_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (RdSyncIndicator, rd_sync_indicator, RD, SYNC_INDICATOR, GtkWidget)

GtkWidget *rd_sync_indicator_new         (void);
void       rd_sync_indicator_set_service (RdSyncIndicator *self,
                                          RdSyncService   *service);

/* Shows a state without a service (screenshots, tests). */
void       _rd_sync_indicator_show       (RdSyncIndicator *self,
                                          RdSyncState      state,
                                          double           progress,
                                          const char      *description,
                                          const char      *reason);

G_END_DECLS
