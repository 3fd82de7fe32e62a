/* rd-activity-row.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-activity-record.h"

G_BEGIN_DECLS

/*
 * One entry of the activity log: what we did, when and with whom, and how
 * they answered; its buttons activate activity.edit and activity.delete
 * with the entry's document id.
 */

#define RD_TYPE_ACTIVITY_ROW (rd_activity_row_get_type ())

G_DECLARE_FINAL_TYPE (RdActivityRow, rd_activity_row, RD, ACTIVITY_ROW, AdwActionRow)

/* @contact_name: who it was with, or NULL. */
GtkWidget        *rd_activity_row_new          (RdActivityRecord *activity,
                                                const char       *contact_name);
RdActivityRecord *rd_activity_row_get_activity (RdActivityRow    *self);

G_END_DECLS
