/* rd-delay-row.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-delay.h"

G_BEGIN_DECLS

#define RD_TYPE_DELAY_ROW (rd_delay_row_get_type ())

G_DECLARE_FINAL_TYPE (RdDelayRow, rd_delay_row, RD, DELAY_ROW, AdwActionRow)

/*
 * A delay in the account page's list: its class as a chip (a word, not
 * only a colour), the cause, when it was communicated and whether it is
 * resolved.  Activating the row runs "account.open-delay", its bin
 * "account.delete-delay".
 */
GtkWidget *rd_delay_row_new       (RdDelay    *delay);
RdDelay   *rd_delay_row_get_delay (RdDelayRow *self);
void       rd_delay_row_set_delay (RdDelayRow *self,
                                   RdDelay    *delay);

G_END_DECLS
