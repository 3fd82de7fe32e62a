/* rd-reminders.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * The reminder engine: derives reminder documents from the data, so that
 * every date that matters turns into something that fires.
 *
 * Derivation is idempotent.  Each derived reminder has a stable id computed
 * from (kind, source, occurrence), so deriving twice never duplicates; a
 * done reminder is never brought back; a source whose date moved moves its
 * reminder (and clears its snooze and notification, since it is news);
 * a reminder whose source is gone or finished is retired.  Manual reminders
 * are the user's and never touched.
 */

typedef struct
{
  guint        renewal_lead_days;  /* start the renewal conversation this early (120) */
  guint        remind_minutes;     /* all-day dates remind at this time of day (9:00 = 540) */
  gboolean     weekly_enabled;
  GDateWeekday weekly_day;         /* the weekly team update (Monday) */
  guint        weekly_minutes;     /* … at this time (9:00 = 540) */
  guint        horizon_days;       /* derive what falls due within this many days (90) */
} RdReminderPrefs;

/* Every live (not deleted) document the rules read; arrays of JsonObject. */
typedef struct
{
  GPtrArray *accounts;
  GPtrArray *delays;
  GPtrArray *plans;
  GPtrArray *plan_steps;
  GPtrArray *bridges;
  GPtrArray *losses;
  GPtrArray *reminders;   /* existing reminders, done ones included */
} RdReminderSources;

typedef struct
{
  GPtrArray *put;         /* reminder documents to write: new or changed */
  GPtrArray *retire;      /* "reminder:<uuid>" ids to delete */
} RdReminderChanges;

void               rd_reminder_prefs_init      (RdReminderPrefs         *prefs);

RdReminderChanges *rd_reminders_derive         (const RdReminderPrefs   *prefs,
                                                const RdReminderSources *sources,
                                                GTimeZone               *tz,
                                                GDateTime               *now);
void               rd_reminder_changes_free    (RdReminderChanges       *changes);

/* A name-based UUID: the same inputs always give the same id. */
char              *rd_reminder_make_id         (const char              *kind,
                                                const char              *source_id,
                                                const char              *occurrence);
/* @iso_date at @minutes past midnight in @tz, as a UTC ISO 8601 instant;
 * NULL when the date is invalid. */
char              *rd_reminder_due_for_date    (const char              *iso_date,
                                                guint                    minutes,
                                                GTimeZone               *tz);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReminderChanges, rd_reminder_changes_free)

G_END_DECLS
