/* rd-clock.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-clock"

#include "config.h"

#include "rd-clock.h"

struct _RdClock
{
  GObject    parent_instance;

  GDateTime *fake_now;    /* NULL for the real clock */
  guint      timeout_id;
};

enum {
  MINUTE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdClock, rd_clock, G_TYPE_OBJECT)

static void arm (RdClock *self);

static gboolean
on_timeout_cb (gpointer user_data)
{
  RdClock *self = user_data;

  self->timeout_id = 0;
  arm (self);
  g_signal_emit (self, signals[MINUTE_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

/* Until the next whole minute of the real time, plus a little so the tick
 * lands after the boundary, not just before it. */
static void
arm (RdClock *self)
{
  gint64 now_us = g_get_real_time ();
  gint64 into_minute_ms = (now_us / 1000) % 60000;
  guint wait_ms = (guint) (60000 - into_minute_ms) + 50;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, wait_ms, on_timeout_cb, self, NULL);
  g_source_set_name_by_id (self->timeout_id, "[rd] minute clock");
}

static void
rd_clock_finalize (GObject *object)
{
  RdClock *self = RD_CLOCK (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->fake_now, g_date_time_unref);

  G_OBJECT_CLASS (rd_clock_parent_class)->finalize (object);
}

static void
rd_clock_class_init (RdClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_clock_finalize;

  signals[MINUTE_CHANGED] = g_signal_new ("minute-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
rd_clock_init (RdClock *self)
{
}

RdClock *
rd_clock_new (void)
{
  RdClock *self = g_object_new (RD_TYPE_CLOCK, NULL);

  arm (self);
  return self;
}

RdClock *
rd_clock_new_fake (GDateTime *now)
{
  RdClock *self;

  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (RD_TYPE_CLOCK, NULL);
  self->fake_now = g_date_time_ref (now);
  return self;
}

GDateTime *
rd_clock_get_now (RdClock *self)
{
  g_return_val_if_fail (RD_IS_CLOCK (self), NULL);

  if (self->fake_now != NULL)
    return g_date_time_to_local (self->fake_now);

  return g_date_time_new_now_local ();
}

gboolean
rd_clock_is_fake (RdClock *self)
{
  g_return_val_if_fail (RD_IS_CLOCK (self), FALSE);

  return self->fake_now != NULL;
}

void
rd_clock_set_fake_now (RdClock   *self,
                       GDateTime *now)
{
  g_return_if_fail (RD_IS_CLOCK (self));
  g_return_if_fail (self->fake_now != NULL);
  g_return_if_fail (now != NULL);

  g_date_time_unref (self->fake_now);
  self->fake_now = g_date_time_ref (now);
  g_signal_emit (self, signals[MINUTE_CHANGED], 0);
}

void
rd_clock_tick (RdClock *self)
{
  g_return_if_fail (RD_IS_CLOCK (self));

  g_signal_emit (self, signals[MINUTE_CHANGED], 0);
}
