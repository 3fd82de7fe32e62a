/* rd-reminder-refresh.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-reminders.h"
#include "rd-store.h"

G_BEGIN_DECLS

/*
 * The store-facing side of the reminder engine.  The blocking calls are
 * thread-safe through RdStore: the command line and the tests call them
 * directly.  The scheduler and the views call the _async wrappers at the
 * end, which run them on a worker with copies of their arguments.
 *
 * Reminder documents handed out by rd_reminders_list_open() are copies
 * with one extra, never stored member: "account_name".  Writes always
 * start again from the stored document.
 */

/* Loads the sources (with the "activity" documents when this version
 * knows that type), derives, and writes every new, moved, done and
 * retired reminder in one transaction.  @n_changed (optional) counts the
 * documents written.  Only the accounts that are due are read
 * (RD_REMINDER_READ_DUE); the first refresh of a book, or the first with
 * other preferences, time zone or language, or on an earlier day than
 * the last, derives every account. */
gboolean    rd_reminders_refresh           (RdStore               *store,
                                            const RdReminderPrefs *prefs,
                                            GTimeZone             *tz,
                                            GDateTime             *now,
                                            GError               **error);
gboolean    rd_reminders_refresh_full      (RdStore               *store,
                                            const RdReminderPrefs *prefs,
                                            GTimeZone             *tz,
                                            GDateTime             *now,
                                            guint                 *n_changed,
                                            GError               **error);

/* The same; a reminder that would not validate (one another writer stored,
 * which this version starts from) is left as it is with a g_warning, and
 * counted in @out_n_skipped (optional), instead of failing all the others. */
gboolean    rd_reminders_refresh_counted   (RdStore               *store,
                                            const RdReminderPrefs *prefs,
                                            GTimeZone             *tz,
                                            GDateTime             *now,
                                            guint                 *n_changed,
                                            guint                 *out_n_skipped,
                                            GError               **error);

/* How rd_reminders_derive_from_store() reads the book. */
typedef enum
{
  RD_REMINDER_READ_WHOLE,  /* every live document as it is: the straightforward reading */
  RD_REMINDER_READ_LEAN,   /* every account, only the members the rules read */
  RD_REMINDER_READ_DUE,    /* as rd_reminders_refresh() does: the accounts that are due */
} RdReminderReading;

/* The changes rd_reminders_refresh() writes on @now, read as @reading says
 * (the tests compare the readings).  RD_REMINDER_READ_DUE reads only the
 * accounts whose data changed since the last refresh or whose due day has
 * come, as rd_reminders_refresh() does once it has derived the whole book
 * with the same preferences, time zone and language; else it reads every
 * account the lean way.  NULL and @error set when the book cannot be read. */
RdReminderChanges *rd_reminders_derive_from_store (RdStore               *store,
                                                   const RdReminderPrefs *prefs,
                                                   GTimeZone             *tz,
                                                   GDateTime             *now,
                                                   RdReminderReading      reading,
                                                   GError               **error);
/* The live reminder of bare @uuid as a row (one block to g_free()), or
 * NULL (@error unset when there is none); in rd-store-reminders.c. */
RdStoredReminder *rd_store_get_reminder_row (RdStore     *self,
                                             const char  *uuid,
                                             GError     **error);

/* The reminders that are not done, earliest due first, with "account_name";
 * of the weekly update's, only the earliest open one. */
GPtrArray  *rd_reminders_list_open         (RdStore               *store,
                                            GError               **error);

/* The same, of @account_id (a bare uuid) only. */
GPtrArray  *rd_reminders_list_open_of_account (RdStore            *store,
                                               const char         *account_id,
                                               GError            **error);
/* The same, of only what a scheduler needs at @now: the reminders whose
 * effective due (rd_reminder_get_effective_due()) is at or before @now,
 * notified or not, and those whose effective due is the earliest one
 * after @now.  A later reminder is not listed, so the list is complete
 * only until that next due time. */
GPtrArray  *rd_reminders_list_due          (RdStore               *store,
                                            GDateTime             *now,
                                            GError               **error);

/* When nothing is stored: no due (nor snooze), or never notified. */
#define RD_REMINDER_NO_TIME G_MININT64

/* What a scheduler compares of one reminder, read once from its document. */
typedef struct
{
  gint64   due;       /* rd_reminder_get_effective_due() in unix µs, or RD_REMINDER_NO_TIME */
  gint64   notified;  /* notified_at in unix µs, or RD_REMINDER_NO_TIME (also unreadable) */
  gboolean done;      /* rd_reminder_is_done() */
} RdReminderTimes;

/* Reminder documents with their times read ahead, on a worker, so that
 * the main thread compares numbers rather than parse text, and found by
 * uuid rather than by a pass over them all. */
typedef struct
{
  GPtrArray  *reminders;  /* JsonObject */
  GArray     *times;      /* RdReminderTimes, one for each of @reminders */
  GHashTable *positions;  /* bare uuid → position in @reminders + 1 */
} RdReminderList;

/* Reads the times of @reminders (JsonObject), of which it takes a ref. */
RdReminderList *rd_reminder_list_new      (GPtrArray             *reminders);
void        rd_reminder_list_free          (RdReminderList        *list);
/* The position of bare @uuid in @list, or -1. */
int         rd_reminder_list_find          (RdReminderList        *list,
                                            const char            *uuid);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReminderList, rd_reminder_list_free)

/* What rd_reminders_list_open() would list, counted in SQL. */
typedef struct
{
  guint n_open;    /* the reminders it lists */
  guint n_before;  /* of those, the ones whose effective due is before the time given */
} RdReminderCounts;

/* Counts the open reminders, and those falling due before @before
 * (g_free() the result). */
RdReminderCounts *rd_reminders_count_open  (RdStore               *store,
                                            GDateTime             *before,
                                            GError               **error);

/* When @reminder fires: its due time, or its snooze when later. */
GDateTime  *rd_reminder_get_effective_due  (JsonObject            *reminder);
/* Open, due at @now (unix µs) and not notified since it fell due (a
 * snooze that ran out falls due again), by the times read ahead. */
gboolean    rd_reminder_times_need_notification (const RdReminderTimes *times,
                                                 gint64                 now);
/* The translated label of the reminder's kind: why it is there. */
const char *rd_reminder_get_kind_label     (JsonObject            *reminder);

/* What a write stamps on each reminder it is given: the user marked them
 * done, snoozed them, or the scheduler notified of them; or what it takes
 * back: the user undid Done. */
typedef enum
{
  RD_REMINDER_EDIT_DONE,      /* "done_at" */
  RD_REMINDER_EDIT_SNOOZE,    /* "snoozed_until" */
  RD_REMINDER_EDIT_NOTIFIED,  /* "notified_at" */
  RD_REMINDER_EDIT_UNDONE,    /* removes "done_at"; @when is ignored */
} RdReminderEdit;

/* Writes, each in one transaction.  Stamps @edit's member of every reminder
 * in @ids (bare reminder uuids) with @when; a reminder that is not stored
 * fails the whole write (RD_STORE_ERROR_NOT_FOUND). */
gboolean    rd_reminders_edit              (RdStore               *store,
                                            RdReminderEdit         edit,
                                            const char * const    *ids,
                                            GDateTime             *when,
                                            GError               **error);
/* A manual reminder; @account_id may be NULL.  Returns the new uuid. */
char       *rd_reminders_add_manual        (RdStore               *store,
                                            const char            *account_id,
                                            const char            *title,
                                            GDateTime             *due,
                                            GError               **error);

/* Async wrappers of the calls above.  The task's source object is @store;
 * a cancelled call returns G_IO_ERROR_CANCELLED (a write that has begun is
 * still committed). */
void        rd_reminders_list_open_of_account_async  (RdStore             *store,
                                                      const char          *account_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray  *rd_reminders_list_open_of_account_finish (RdStore             *store,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Returns what rd_reminders_list_due() does, as an RdReminderList. */
void        rd_reminders_list_due_async    (RdStore               *store,
                                            GDateTime             *now,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
RdReminderList *rd_reminders_list_due_finish (RdStore             *store,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Brings the derived values up to today (rd_store_refresh_derived_if_stale()),
 * runs rd_reminders_refresh_full() as of @now in @tz (NULL: local), then
 * returns what rd_reminders_list_due_async() does at @now. */
void        rd_reminders_refresh_list_due_async  (RdStore               *store,
                                                  const RdReminderPrefs *prefs,
                                                  GTimeZone             *tz,
                                                  GDateTime             *now,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
RdReminderList *rd_reminders_refresh_list_due_finish (RdStore           *store,
                                                      GAsyncResult      *result,
                                                      GError           **error);
void        rd_reminders_count_open_async  (RdStore               *store,
                                            GDateTime             *before,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
RdReminderCounts *rd_reminders_count_open_finish (RdStore          *store,
                                                  GAsyncResult     *result,
                                                  GError          **error);
/* A page of the open reminders in the reminders page's sections (the
 * sections of rd_store_list_open_reminder_page()): @reminders holds the
 * first @limits[i] of each section, as rd_reminders_list_open() hands
 * them out, @counts how many each section has in all. */
typedef struct
{
  GPtrArray *reminders;
  guint      counts[RD_STORE_REMINDER_SECTIONS];
} RdReminderPage;

void        rd_reminder_page_free          (RdReminderPage        *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReminderPage, rd_reminder_page_free)

/* @bounds: the three instants that end sections 0, 1 and 2. */
RdReminderPage *rd_reminders_list_open_page (RdStore              *store,
                                             GDateTime * const    *bounds,
                                             const guint          *limits,
                                             GError              **error);
void        rd_reminders_list_open_page_async  (RdStore             *store,
                                                GDateTime * const   *bounds,
                                                const guint         *limits,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
RdReminderPage *rd_reminders_list_open_page_finish (RdStore         *store,
                                                    GAsyncResult    *result,
                                                    GError         **error);
void        rd_reminders_edit_async        (RdStore               *store,
                                            RdReminderEdit         edit,
                                            const char * const    *ids,
                                            GDateTime             *when,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
gboolean    rd_reminders_edit_finish       (RdStore               *store,
                                            GAsyncResult          *result,
                                            GError               **error);
void        rd_reminders_add_manual_async  (RdStore               *store,
                                            const char            *account_id,
                                            const char            *title,
                                            GDateTime             *due,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
/* Returns the new uuid. */
char       *rd_reminders_add_manual_finish (RdStore               *store,
                                            GAsyncResult          *result,
                                            GError               **error);

G_END_DECLS
