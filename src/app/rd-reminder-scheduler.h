/* rd-reminder-scheduler.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-clock.h"
#include "rd-reminder-refresh.h"
#include "rd-reminders.h"
#include "rd-store.h"

G_BEGIN_DECLS

/*
 * Turns due reminders into desktop notifications.
 *
 * It keeps in memory the open reminders that are due and those that fall
 * due next (rd_reminders_list_due(), loaded on a worker thread, again
 * whenever the store says reminders changed and once those next ones are
 * due, to learn what comes after them), arms one timeout for the
 * next one due and re-checks on every "minute-changed" of its RdClock, so
 * a suspend or a clock change cannot swallow one.  Each notification has
 * the id "reminder-<id>", so sending again replaces it; it is withdrawn as
 * soon as its reminder is done, snoozed or gone, wherever that happened.
 * notified_at is stored, so a restart never notifies twice.  More than
 * three falling due at once (typically at start-up) make one grouped
 * notification, "reminders-due".
 *
 * Derivation (rd_reminders_refresh()) runs on a worker thread, after the
 * store's other data changed (debounced) and every few minutes.
 */

#define RD_TYPE_REMINDER_SCHEDULER (rd_reminder_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (RdReminderScheduler, rd_reminder_scheduler, RD, REMINDER_SCHEDULER, GObject)

/* More than this many at once make one grouped notification. */
#define RD_REMINDER_GROUP_ABOVE 3
#define RD_REMINDER_GROUP_NOTIFICATION_ID "reminders-due"

typedef struct
{
  GPtrArray *notify;        /* JsonObject reminders to notify now, earliest first */
  gboolean   group;         /* more than RD_REMINDER_GROUP_ABOVE: one notification */
  GDateTime *next_due;      /* the earliest one still to come, or NULL */
  gint64     earliest_due;  /* of @notify, unix µs (RdReminderTimes), when it is not empty */
} RdReminderDecision;

/* The pure part: what to send at @now, given the open reminders; it
 * compares the times @open read ahead, and parses nothing more unless a
 * reminder is in @skip.
 * @skip (optional): uuid → the due time already sent for, not yet stored. */
RdReminderDecision  *rd_reminder_decide                  (RdReminderList      *open,
                                                          GDateTime           *now,
                                                          GHashTable          *skip);
void                 rd_reminder_decision_free           (RdReminderDecision  *decision);

/* Fills @prefs from the app's @settings, or the defaults when @settings is
 * NULL (the schema is not installed). */
void                 rd_reminder_prefs_load_settings     (RdReminderPrefs     *prefs,
                                                          GSettings           *settings);

/* @application: where notifications are sent; NULL sends nothing (tests
 * watch the "sent" and "withdrawn" signals instead). */
RdReminderScheduler *rd_reminder_scheduler_new           (GApplication        *application,
                                                          RdStore             *store,
                                                          RdClock             *clock);
RdStore             *rd_reminder_scheduler_get_store     (RdReminderScheduler *self);
void                 rd_reminder_scheduler_set_prefs     (RdReminderScheduler *self,
                                                          const RdReminderPrefs *prefs);
/* The notify-reminders setting: when off nothing is sent (nor marked). */
void                 rd_reminder_scheduler_set_enabled   (RdReminderScheduler *self,
                                                          gboolean             enabled);
/* Derives, loads and notifies what is due (grouping what start-up finds). */
void                 rd_reminder_scheduler_start         (RdReminderScheduler *self);
/* Re-derives now (debounced), e.g. after the preferences changed. */
void                 rd_reminder_scheduler_queue_refresh (RdReminderScheduler *self);
void                 rd_reminder_scheduler_done          (RdReminderScheduler *self,
                                                          const char          *id);
void                 rd_reminder_scheduler_snooze        (RdReminderScheduler *self,
                                                          const char          *id,
                                                          GTimeSpan            span);
/* Open reminders as last loaded (what was due then, and what fell due
 * next): JsonObject, earliest first, or NULL before the first load.  Valid
 * until the next load: the documents are then freed on a worker, so keep
 * no reference to them. */
GPtrArray           *rd_reminder_scheduler_get_open      (RdReminderScheduler *self);
/* Worker jobs in flight or debounced: tests spin until FALSE. */
gboolean             rd_reminder_scheduler_is_busy       (RdReminderScheduler *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReminderDecision, rd_reminder_decision_free)

G_END_DECLS
