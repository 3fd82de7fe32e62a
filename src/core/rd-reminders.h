/* rd-reminders.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Account names are cut to this many characters in titles. */
#define RD_REMINDER_NAME_MAX_CHARS 60
/* Titles never grow beyond this (the document limit of a text field). */
#define RD_REMINDER_TITLE_MAX_CHARS 200
/* The data export of an offboarding account is agreed this long before
 * access ends. */
#define RD_REMINDER_EXPORT_LEAD_DAYS 30

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
 *
 * Every known date is derived, however far ahead: the calendar and the
 * iCalendar export show them all.  How far ahead to notify is the
 * scheduler's business, not the engine's.
 *
 * What an account calls for depends on where it stands:
 *  - open (active): the renewal start (the lead before the hard deadline),
 *    the contract end, and what its open delays, running plans and
 *    accepted bridges promise.  The renewal start is done by itself once
 *    work has begun: a delay, an activity or a plan dated on or after the
 *    first day of the window.
 *  - renewed: only its new term (renewal start, contract end); the term it
 *    renewed is finished.  A term is new when its window opens after the
 *    decision ("renewal_choice_on") or it starts on or after it; without
 *    a decision day the account's dates are its new term.  It is never
 *    told to start now on a window that opened before it renewed.
 *  - offboarding (status expected_churn, or renewal_choice do_not_renew):
 *    only the offboarding steps: confirm in writing (on the decision day),
 *    agree the data export (RD_REMINDER_EXPORT_LEAD_DAYS before the hard
 *    deadline), and the access end on the hard deadline.  The first two
 *    are of kind "next_step" (the reminder.kind enum lives in rd-enums.c),
 *    the last is the account's "contract_end" reminder.
 *  - lost: only the re-engage date of its open loss.
 *  Delays, plans and bridges remind only for open accounts; resolved
 *  delays and done plan steps remind of nothing.
 *
 * The weekly update, one open at a time: a fresh install starts with the
 * next one to come; once the series runs, this week's (overdue when
 * missed) until it is done, then next week's.  A new week retires last
 * week's if it is still open; a done one stays done.
 *
 * "Never in the past": a renewal start or an offboarding step whose date
 * has already passed when it is first derived (an account created or
 * imported inside its window) is due when first seen instead: today at the
 * remind time, or now when that is later.  That day is stored in the
 * reminder ("anchored_on"), so it does not move on the next days; a
 * reminder that was derived in time keeps its own date and goes overdue
 * honestly.
 */

typedef struct
{
  guint        renewal_lead_days;  /* start the renewal conversation this early (120) */
  guint        remind_minutes;     /* all-day dates remind at this time of day (9:00 = 540) */
  gboolean     weekly_enabled;
  GDateWeekday weekly_day;         /* the weekly team update (Monday) */
  guint        weekly_minutes;     /* … at this time (9:00 = 540) */
} RdReminderPrefs;

/* A stored reminder as the rules read it (rd_store_list_reminder_rows()). */
typedef struct
{
  const char *uuid;
  const char *kind;
  const char *due_at;
  const char *title;
  const char *account_id;
  const char *source_id;
  const char *done_at;
  const char *anchored_on;
  gboolean    deleted;
} RdStoredReminder;

/* An account as the rules read it (rd_store_list_reminder_account_rows()). */
typedef struct
{
  const char *uuid;
  const char *name;
  const char *status;
  const char *contract_start;
  const char *contract_end;
  const char *effective_end;
  const char *renewal_choice;
  const char *renewal_choice_on;
} RdReminderAccount;

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
  GPtrArray *activities;  /* "activity" documents (account_id, on); may be NULL */
  GPtrArray *reminder_rows;  /* RdStoredReminder: read instead of @reminders when set */
  GPtrArray *account_rows;   /* RdReminderAccount: read instead of @accounts when set */
  /* GHashTable, account uuid → its newest day of work ("YYYY-MM-DD"), as
   * more delays, plans or activities would tell it; may be NULL */
  GPtrArray *work_days;
  /* When the documents hold only the members the rules read (see
   * rd_reminders_refresh()): the whole stored reminder "reminder:<uuid>"
   * that a change of an existing one starts from (NULL: it cannot be
   * read, and that change is left out).  NULL when @reminders are whole. */
  JsonObject *(*load_reminder) (const char *doc_id,
                                gpointer    user_data);
  gpointer     load_data;
  /* When @reminder_rows hold only some accounts' reminders: the stored
   * live reminder of bare @uuid that they leave out, owned by the
   * sources, or NULL when there is none.  Called with @load_data. */
  const RdStoredReminder *(*find_reminder) (const char *uuid,
                                            gpointer    user_data);
} RdReminderSources;

typedef struct
{
  GPtrArray  *put;        /* reminder documents to write: new or changed */
  GPtrArray  *retire;     /* "reminder:<uuid>" ids to delete */
  /* account uuid → the day ("YYYY-MM-DD") from which deriving it again
   * may change its reminders although none of its data changed; accounts
   * whose reminders stay as derived until an edit are absent. */
  GHashTable *due_on;
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
/* At most @max_chars characters of @text, ending in "…" when cut. */
char              *rd_reminder_ellipsize       (const char              *text,
                                                guint                    max_chars);
/* @iso_date at @minutes past midnight in @tz, as a UTC ISO 8601 instant;
 * NULL when the date is invalid. */
char              *rd_reminder_due_for_date    (const char              *iso_date,
                                                guint                    minutes,
                                                GTimeZone               *tz);
/* "2026-11-22T09:00:00Z" for @instant, in UTC: how instants are stored. */
char              *rd_reminder_format_instant  (GDateTime               *instant);
/* Done, or deleted (retired). */
gboolean           rd_reminder_is_done         (JsonObject              *reminder);
/* The bare uuid of a reminder (or any) document: its "_id" after "type:". */
const char        *rd_reminder_get_uuid        (JsonObject              *reminder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReminderChanges, rd_reminder_changes_free)

G_END_DECLS
