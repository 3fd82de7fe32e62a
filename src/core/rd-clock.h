/* rd-clock.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * A wall clock that emits "minute-changed" at the start of every minute.
 * It re-arms from the real time after each tick, so after a suspend or a
 * clock change it catches up within a minute.  Tests inject "now" with
 * rd_clock_set_fake_now() and tick by hand with rd_clock_tick(): nothing
 * sleeps.
 */

#define RD_TYPE_CLOCK (rd_clock_get_type ())

G_DECLARE_FINAL_TYPE (RdClock, rd_clock, RD, CLOCK, GObject)

RdClock   *rd_clock_new          (void);
/* A fake clock: no timer, time only moves with rd_clock_set_fake_now(). */
RdClock   *rd_clock_new_fake     (GDateTime *now);
GDateTime *rd_clock_get_now      (RdClock   *self);   /* (transfer full), local zone */
gboolean   rd_clock_is_fake      (RdClock   *self);
/* Moves a fake clock and emits "minute-changed". */
void       rd_clock_set_fake_now (RdClock   *self,
                                  GDateTime *now);
/* Emits "minute-changed" now. */
void       rd_clock_tick         (RdClock   *self);

G_END_DECLS
