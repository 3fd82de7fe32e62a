/* rd-delay-timeline.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-account.h"
#include "rd-delay.h"

G_BEGIN_DECLS

#define RD_TYPE_DELAY_TIMELINE (rd_delay_timeline_get_type ())

G_DECLARE_FINAL_TYPE (RdDelayTimeline, rd_delay_timeline, RD, DELAY_TIMELINE, GtkWidget)

/*
 * The account's delays on a time axis: one lane per delay with its marker
 * (coloured and lettered by class) and its commitment ticks, the contract
 * end as the hard deadline, and today.  Activating a delay (click, Enter)
 * activates "account.open-delay" with the delay's id.
 */

GtkWidget  *rd_delay_timeline_new            (void);
void        rd_delay_timeline_set_account    (RdDelayTimeline *self,
                                              RdAccount       *account);
/* @delays: a list model of RdDelay */
void        rd_delay_timeline_set_delays     (RdDelayTimeline *self,
                                              GListModel      *delays);
/* For tests: the delay under widget coordinate (@x, @y), or NULL. */
RdDelay    *rd_delay_timeline_get_delay_at   (RdDelayTimeline *self,
                                              double           x,
                                              double           y);
/* For tests and keyboard: the lane's marker centre. */
gboolean    rd_delay_timeline_get_marker     (RdDelayTimeline *self,
                                              guint            position,
                                              graphene_point_t *out_centre);
void        rd_delay_timeline_set_today      (RdDelayTimeline *self,
                                              const GDate     *today);

G_END_DECLS
