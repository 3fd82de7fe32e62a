/* reminder-helper.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* bench/scale: times the reminder derivation of a book, as the app's
 * worker runs it after the daily re-derivation.
 *
 *   reminder-helper DB     prints "reminders-ms X" and "reminders-written N" */

#include "config.h"

#include <glib.h>

#include "rd-reminder-refresh.h"
#include "rd-reminders.h"
#include "rd-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  RdReminderPrefs prefs;
  guint n_changed = 0;
  gint64 start;

  if (argc != 2)
    {
      g_printerr ("Usage: %s DB\n", argv[0]);
      return 2;
    }

  store = rd_store_new (argv[1], NULL, &error);
  if (store == NULL || !rd_store_refresh_derived_if_stale (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  rd_reminder_prefs_init (&prefs);
  start = g_get_monotonic_time ();
  if (!rd_reminders_refresh_full (store, &prefs, tz, now, &n_changed, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("reminders-ms %.1f\nreminders-written %u\n", (g_get_monotonic_time () - start) / 1000.0,
           n_changed);

  return 0;
}
