/* stall-watch.c: loaded into the app with LD_PRELOAD by bench/freezes.
 *
 * Copyright 2026 The Renewal Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 10 ms timeout at high priority on the main context: when it fires
 * more than 50 ms late, the main thread was held up (a freeze a user
 * typing or scrolling then feels), and it prints to stderr
 *
 *   stall-ms N at T
 *
 * with N the milliseconds late and T the wall-clock time it ended, in
 * seconds (CLOCK_REALTIME), so that a driver can tell which of its steps
 * caused it.  Nothing in the app changes.
 */

#include <glib.h>
#include <stdio.h>
#include <time.h>

#define TICK_MS 10
#define REPORT_LATE_MS 50

static gint64 last_tick;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 late_ms = (now - last_tick) / 1000 - TICK_MS;

  if (late_ms > REPORT_LATE_MS)
    {
      struct timespec ts;

      clock_gettime (CLOCK_REALTIME, &ts);
      fprintf (stderr, "stall-ms %" G_GINT64_FORMAT " at %ld.%03ld\n", late_ms, (long) ts.tv_sec,
               ts.tv_nsec / 1000000);
    }
  last_tick = now;

  return G_SOURCE_CONTINUE;
}

__attribute__((constructor)) static void
stall_watch_init (void)
{
  last_tick = g_get_monotonic_time ();
  g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, tick_cb, NULL, NULL);
}
