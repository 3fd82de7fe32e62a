/* rd-risk-badge.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-account.h"

G_BEGIN_DECLS

/*
 * An account's risk as a chip: the band in words and the score ("High · 62")
 * on a tint of the band's colour, with the top factors on hover.  With
 * "detailed" it also lists the factors and the goal of the account's stage
 * (for the account page).  Follows the account's properties live.
 */

#define RD_TYPE_RISK_BADGE (rd_risk_badge_get_type ())

G_DECLARE_FINAL_TYPE (RdRiskBadge, rd_risk_badge, RD, RISK_BADGE, GtkWidget)

GtkWidget  *rd_risk_badge_new          (void);
RdAccount  *rd_risk_badge_get_account  (RdRiskBadge *self);
void        rd_risk_badge_set_account  (RdRiskBadge *self,
                                        RdAccount   *account);
gboolean    rd_risk_badge_get_detailed (RdRiskBadge *self);
void        rd_risk_badge_set_detailed (RdRiskBadge *self,
                                        gboolean     detailed);

/* For tests: the chip's text and tooltip. */
const char *_rd_risk_badge_get_text    (RdRiskBadge *self);

G_END_DECLS
