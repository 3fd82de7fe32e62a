/* rd-store.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-account.h"
#include "rd-contact.h"
#include "rd-delay.h"
#include "rd-risk.h"

G_BEGIN_DECLS

/*
 * RdStore owns the SQLite database.  The synchronous methods are
 * thread-safe (one connection behind a mutex) and are what the command
 * line, the tests and the sync worker call.  Widgets only call the
 * _async/_finish wrappers, which run the same method on a worker thread.
 *
 * "changed" (const char *type, const char *id) is emitted on the main
 * context the store was created in after every committed change; @id is
 * NULL when many rows changed at once (import, sample).
 */

#define RD_TYPE_STORE (rd_store_get_type ())

G_DECLARE_FINAL_TYPE (RdStore, rd_store, RD, STORE, GObject)

#define RD_STORE_ERROR (rd_store_error_quark ())

typedef enum
{
  RD_STORE_ERROR_BUSY,
  RD_STORE_ERROR_CONSTRAINT,
  RD_STORE_ERROR_CORRUPT,        /* not a database, or fails integrity check */
  RD_STORE_ERROR_NOT_FOUND,
  RD_STORE_ERROR_NEWER_SCHEMA,   /* written by a newer Renewal Desk; left untouched */
  RD_STORE_ERROR_INVALID,        /* a document or field failed validation */
  RD_STORE_ERROR_FAILED,
} RdStoreError;

#define RD_STORE_SCHEMA_VERSION 14

GQuark      rd_store_error_quark          (void);

/* $RENEWAL_DESK_DB, else $XDG_DATA_HOME/renewal-desk/renewal-desk.db */
char       *rd_store_default_path         (void);

/* GInitable: opens or creates @path (mode 0600, WAL, foreign keys) and
 * runs the migrations. */
RdStore    *rd_store_new                  (const char   *path,
                                           GCancellable *cancellable,
                                           GError      **error);
void        rd_store_new_async            (const char         *path,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
RdStore    *rd_store_new_finish           (GAsyncResult *result,
                                           GError      **error);
/* Renames a corrupt database (and its -wal/-shm) to PATH.corrupt-<time>;
 * returns the new name. */
char       *rd_store_move_aside           (const char   *path,
                                           GError      **error);

const char *rd_store_get_path             (RdStore      *self);
gboolean    rd_store_get_busy             (RdStore      *self);  /* "busy" property */

/* Accounts and contacts (not deleted), as new objects nobody else has seen. */
gboolean    rd_store_is_empty             (RdStore      *self,
                                           GError      **error);
GPtrArray  *rd_store_list_accounts        (RdStore      *self,
                                           GError      **error);
/* The first @limit accounts by hard deadline (effective end, else contract
 * end), then the worst open delay and the name, as the portfolio sorts
 * them; without those with no deadline and lost ones, which it sorts
 * after them: what it shows first, before the whole book is in.  Reads
 * along an index, so it costs the same for 100 or 100,000 accounts. */
GPtrArray  *rd_store_list_first_accounts  (RdStore      *self,
                                           guint         limit,
                                           GError      **error);
gboolean    rd_store_lookup_account_names (RdStore      *self,
                                            GHashTable   *names,
                                            GError      **error);
RdAccount  *rd_store_get_account          (RdStore      *self,
                                           const char   *id,
                                           GError      **error);
/* Validates, then inserts or updates in one transaction, writing an event
 * per changed field.  Sets updated_at and marks the row dirty for sync. */
gboolean    rd_store_save_account         (RdStore      *self,
                                           RdAccount    *account,
                                           GError      **error);
/* Tombstones the account and everything that belongs to it. */
gboolean    rd_store_delete_account       (RdStore      *self,
                                           const char   *id,
                                           GError      **error);
/* Undoes rd_store_delete_account(): the account and the rows that were
 * tombstoned with it come back. */
gboolean    rd_store_undelete_account     (RdStore      *self,
                                           const char   *id,
                                           GError      **error);
GPtrArray  *rd_store_list_contacts        (RdStore      *self,
                                           const char   *account_id,
                                           GError      **error);
gboolean    rd_store_save_contact         (RdStore      *self,
                                           RdContact    *contact,
                                           GError      **error);
gboolean    rd_store_delete_contact       (RdStore      *self,
                                           const char   *id,
                                           GError      **error);
gboolean    rd_store_undelete_contact     (RdStore      *self,
                                           const char   *id,
                                           GError      **error);

/* The delay log of an account, oldest first (tombstones excluded). */
GPtrArray  *rd_store_list_delays          (RdStore      *self,
                                           const char   *account_id,
                                           GError      **error);
RdDelay    *rd_store_get_delay            (RdStore      *self,
                                           const char   *id,
                                           GError      **error);
/* Validates, classifies from the facts with the account's context, and
 * saves in one transaction (with events: logged, reclassified, resolved…).
 * Returns the delay as stored, with its fresh class and score. */
RdDelay    *rd_store_save_delay           (RdStore      *self,
                                           RdDelay      *delay,
                                           GError      **error);
gboolean    rd_store_delete_delay         (RdStore      *self,
                                           const char   *id,
                                           GError      **error);
gboolean    rd_store_undelete_delay       (RdStore      *self,
                                           const char   *id,
                                           GError      **error);
/* What the classifier needs beyond the delay: the account's deadline, its
 * other open delays (besides @delay_id, may be NULL), accepted bridges, a
 * champion who left.  For the editor's live classification. */
gboolean    rd_store_get_delay_context    (RdStore        *self,
                                           const char     *account_id,
                                           const char     *delay_id,
                                           RdDelayContext *out_context,
                                           GError        **error);

/* The account's history, newest first: JsonObject event documents
 * ("field", "old_value", "new_value", "summary", "created_at", …). */
GPtrArray  *rd_store_list_events          (RdStore      *self,
                                           const char   *account_id,
                                           GError      **error);

/* Documents of every entity (tombstones included when @with_deleted). */
GPtrArray  *rd_store_export_documents     (RdStore      *self,
                                           gboolean      with_deleted,
                                           GError      **error);
/* rd_store_export_documents () written to @path in the format of
 * rd_documents_to_data (), atomically (a file is renamed over @path once
 * whole and on disk), as the rows are read: from a snapshot of its own,
 * without the whole book in memory or the store locked meanwhile.
 * @out_n_written (optional) counts the documents. */
gboolean    rd_store_export_to_file       (RdStore       *self,
                                           const char    *path,
                                           gboolean       with_deleted,
                                           guint         *out_n_written,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* Validates every document first (types, fields, enums, dates,
 * references within the file or the database), then applies all of them
 * in one transaction, merging by _id; an imported document replaces the
 * local row and counts as a local edit.  On any error nothing is written
 * and the message names the offending _id. */
gboolean    rd_store_import_documents     (RdStore      *self,
                                           GPtrArray    *docs,
                                           GError      **error);
/* Called from the importing thread with the fraction written so far. */
typedef void (*RdStoreProgressFunc) (double   fraction,
                                     gpointer user_data);
/* rd_store_import_documents() with progress, and cancellable until it commits. */
gboolean    rd_store_import_documents_full (RdStore            *self,
                                           GPtrArray          *docs,
                                           RdStoreProgressFunc progress,
                                           gpointer            user_data,
                                           GCancellable       *cancellable,
                                           GError            **error);
/* Fills an empty database with rd_sample_generate (@n_accounts, @seed). */
gboolean    rd_store_fill_sample          (RdStore      *self,
                                           guint         n_accounts,
                                           guint32       seed,
                                           GError      **error);

/* Generic document access for every entity of rd_entity_specs(); what
 * later entities (delays, plans, …) and sync build on.  Put validates the
 * document (including references), upserts it, writes events for the
 * fields that changed, marks it dirty, all in one transaction. */
GPtrArray  *rd_store_list_documents       (RdStore      *self,
                                           const char   *type,
                                           const char   *ref_field,  /* e.g. "account_id", or NULL for all */
                                           const char   *ref_value,
                                           GError      **error);
/* The documents of @type whose date @date_field lies from @from to @to,
 * both "YYYY-MM-DD" and included (read through the field's index where it
 * has one: an activity's "on"). */
GPtrArray  *rd_store_list_documents_between (RdStore    *self,
                                           const char   *type,
                                           const char   *date_field,
                                           const char   *from,
                                           const char   *to,
                                           GError      **error);
/* For each of @days (NULL-terminated "YYYY-MM-DD"), one table per account
 * (uuid → day, both owned by the table): the newest "on" of its live
 * activities on or before that day (an "on" counts by its first ten
 * characters).  Reads the activity table once, builds no documents. */
GPtrArray  *rd_store_newest_activity_on   (RdStore            *self,
                                           const char * const *days,
                                           GError            **error);
/* The live delays that are not settled before @day: open ones, and
 * resolved ones without a resolved_on or with one on or after @day. */
GPtrArray  *rd_store_list_delays_unsettled (RdStore     *self,
                                           const char   *day,
                                           GError      **error);
/* For each of @days, one table per account (uuid → "YYYY-MM-DD…"): over
 * its live delays resolved before @settled_before and communicated on or
 * before that day (or carrying no communicated_on), the newest of their
 * communicated_on and kept commitment days (info_kept_on,
 * reconnect_kept_on, decision_kept_on, next_step_kept_on) on or before
 * that day, by its first ten characters.  Accounts without one are absent. */
GPtrArray  *rd_store_newest_settled_delay_contact (RdStore            *self,
                                           const char         *settled_before,
                                           const char * const *days,
                                           GError            **error);
/* Per account (uuid → "YYYY-MM-DD", both owned by the table): the newest
 * valid day (rd_date_parse()) in @date_field of its live @type documents.
 * The "<type>:<uuid>" ids of the live documents whose @date_field holds
 * no valid day go to @out_undated.  Reads two columns, builds no
 * documents. */
GHashTable *rd_store_newest_date_by_account (RdStore    *self,
                                           const char   *type,
                                           const char   *date_field,
                                           GPtrArray   **out_undated,
                                           GError      **error);
JsonObject *rd_store_get_document         (RdStore      *self,
                                           const char   *doc_id,     /* "<type>:<uuid>" */
                                           GError      **error);
gboolean    rd_store_put_document         (RdStore      *self,
                                           JsonObject   *doc,
                                           GError      **error);
/* Several documents (e.g. a bridge and the account whose deadline it moves)
 * in one transaction: all are written, or none. */
gboolean    rd_store_put_documents        (RdStore      *self,
                                           GPtrArray    *docs,
                                           GError      **error);
gboolean    rd_store_delete_document      (RdStore      *self,
                                           const char   *doc_id,
                                           GError      **error);

/* Additions. */
gboolean    rd_store_undelete_document    (RdStore      *self,
                                           const char   *doc_id,
                                           GError      **error);
/* Folds the WAL into the main file (PRAGMA wal_checkpoint(TRUNCATE)). */
gboolean    rd_store_checkpoint           (RdStore      *self,
                                           GError      **error);
/* The "settings" key/value table; NULL when unset. */
char       *rd_store_get_setting          (RdStore      *self,
                                           const char   *key,
                                           GError      **error);
gboolean    rd_store_set_setting          (RdStore      *self,
                                           const char   *key,
                                           const char   *value,
                                           GError      **error);

/* The risk rating's preference tables (RD_RISK_SETTINGS_KEY in settings;
 * defaults until edited).  Setting them rates every account again in the
 * same transaction. */
RdRiskConfig *rd_store_get_risk_config    (RdStore      *self,
                                           GError      **error);
gboolean    rd_store_set_risk_config      (RdStore            *self,
                                           const RdRiskConfig *config,
                                           GError            **error);

/* Async wrappers for the views: each runs the method above on a worker. */
void        rd_store_list_accounts_async  (RdStore            *self,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
GPtrArray  *rd_store_list_accounts_finish (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_list_first_accounts_async (RdStore       *self,
                                           guint               limit,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
GPtrArray  *rd_store_list_first_accounts_finish (RdStore *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_get_account_async    (RdStore            *self,
                                           const char         *id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
RdAccount  *rd_store_get_account_finish   (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
/* Saves a copy of @account taken now, on the calling thread. */
void        rd_store_save_account_async   (RdStore            *self,
                                           RdAccount          *account,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_save_account_finish  (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_delete_account_async (RdStore            *self,
                                           const char         *id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_delete_account_finish (RdStore     *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_undelete_account_async (RdStore          *self,
                                           const char         *id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_undelete_account_finish (RdStore   *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_list_contacts_async  (RdStore            *self,
                                           const char         *account_id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
GPtrArray  *rd_store_list_contacts_finish (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_save_contact_async   (RdStore            *self,
                                           RdContact          *contact,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_save_contact_finish  (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_delete_contact_async (RdStore            *self,
                                           const char         *id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_delete_contact_finish (RdStore     *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_undelete_contact_async (RdStore          *self,
                                           const char         *id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_undelete_contact_finish (RdStore   *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_list_events_async    (RdStore            *self,
                                           const char         *account_id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
GPtrArray  *rd_store_list_events_finish   (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_list_documents_async  (RdStore            *self,
                                           const char         *type,
                                           const char         *ref_field,
                                           const char         *ref_value,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
GPtrArray  *rd_store_list_documents_finish (RdStore     *self,
                                           GAsyncResult *result,
                                           GError      **error);
/* Copies @docs now; the caller may go on editing them. */
void        rd_store_put_documents_async  (RdStore            *self,
                                           GPtrArray          *docs,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_put_documents_finish (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_delete_document_async (RdStore           *self,
                                           const char         *doc_id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_delete_document_finish (RdStore    *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_undelete_document_async (RdStore         *self,
                                           const char         *doc_id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_undelete_document_finish (RdStore  *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_list_delays_async    (RdStore            *self,
                                           const char         *account_id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
GPtrArray  *rd_store_list_delays_finish   (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
/* Saves a copy of @delay taken now; finish returns the delay as stored. */
void        rd_store_save_delay_async     (RdStore            *self,
                                           RdDelay            *delay,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
RdDelay    *rd_store_save_delay_finish    (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_delete_delay_async   (RdStore            *self,
                                           const char         *id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_delete_delay_finish  (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_undelete_delay_async (RdStore            *self,
                                           const char         *id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_undelete_delay_finish (RdStore     *self,
                                           GAsyncResult *result,
                                           GError      **error);
/* Derived values (a delay's class and score, an account's risk) hold as of
 * a day.  Recomputes them for the whole book as of today without making
 * anything dirty for sync; *out_n_changed counts the rows that moved.
 * _if_stale does nothing when they were already computed today. */
gboolean    rd_store_refresh_derived      (RdStore      *self,
                                           guint        *out_n_changed,
                                           GError      **error);
gboolean    rd_store_refresh_derived_if_stale (RdStore  *self,
                                               GError  **error);
void        rd_store_refresh_derived_async  (RdStore            *self,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean    rd_store_refresh_derived_finish (RdStore      *self,
                                             GAsyncResult *result,
                                             GError      **error);
/* The day derived values are computed for: @today, or the real today again
 * when NULL.  For tests and for a clock the application injects. */
void        rd_store_set_today            (RdStore      *self,
                                           const GDate  *today);

/* finish returns a newly allocated RdDelayContext; free with g_free(). */
void        rd_store_get_delay_context_async (RdStore         *self,
                                           const char         *account_id,
                                           const char         *delay_id,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
RdDelayContext *rd_store_get_delay_context_finish (RdStore *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        rd_store_fill_sample_async    (RdStore            *self,
                                           guint               n_accounts,
                                           guint32             seed,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    rd_store_fill_sample_finish   (RdStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);

/* rd-store-list.c: lean reads for the window's lists. */
/* The live reminder documents that are not done, in no particular order;
 * reads no done reminder. */
GPtrArray  *rd_store_list_open_reminder_documents (RdStore  *self,
                                                   GError  **error);

/* rd-store-reminders.c: what the reminder derivation reads. */
/* The live documents of @type (in rowid order) that match @where (static
 * SQL, or NULL; its "?" take @params), each with only its "_id", "type"
 * and @members (NULL-terminated: text, date, enum, reference or integer
 * fields, "updated_at", or members kept in the row's extra JSON), exactly
 * as the whole document holds them. */
GPtrArray  *rd_store_list_partial_documents (RdStore            *self,
                                             const char         *type,
                                             const char * const *members,
                                             const char         *where,
                                             const char * const *params,
                                             GError            **error);
/* The live reminders (in rowid order) as the rules read them: a
 * GPtrArray of RdStoredReminder (rd-reminders.h), each one block to g_free(). */
GPtrArray  *rd_store_list_reminder_rows    (RdStore            *self,
                                             GError            **error);
/* The live accounts (in rowid order) as the reminder rules read them: a
 * GPtrArray of RdReminderAccount, each one block to g_free(). */
GPtrArray  *rd_store_list_reminder_account_rows (RdStore        *self,
                                             GError            **error);

/* The incremental reminder derivation (rd-store-reminders.c, schema v9).
 * @accounts: account uuids as a JSON array text ("" for reminders of no
 * account), or NULL for all. */
#define RD_REMINDERS_DERIVED_WITH_KEY "reminders-derived-with"
#define RD_REMINDERS_DERIVED_ON_KEY "reminders-derived-on"
GHashTable *rd_store_newest_date_of_accounts (RdStore    *self,
                                              const char *type,
                                              const char *date_field,
                                              const char *accounts,
                                              GPtrArray **out_undated,
                                              GError    **error);
/* rd_store_list_reminder_rows() of @accounts and of no account. */
GPtrArray  *rd_store_list_reminder_rows_of (RdStore          *self,
                                            const char       *accounts,
                                            GError          **error);
GPtrArray  *rd_store_list_reminder_account_rows_of (RdStore      *self,
                                                    const char   *accounts,
                                                    GError      **error);
/* The last write reminder_stale holds (0: none). */
gboolean    rd_store_get_reminder_stale_seq (RdStore         *self,
                                             gint64          *out_seq,
                                             GError         **error);
/* The accounts whose reminders must be derived again on @today: written
 * since the last derivation (up to *@out_seq), due by date, "", and those
 * holding the sources of their stored reminders; @out_n (optional) counts
 * them. */
char       *rd_store_list_reminder_due_accounts (RdStore       *self,
                                                 const char    *today,
                                                 gint64        *out_seq,
                                                 guint         *out_n,
                                                 GError       **error);
/* Writes @docs in one transaction that also records @accounts (NULL: all)
 * as derived on @today with @fingerprint: forgets the writes up to @seq,
 * keeps later ones (but for @docs'), and stores @due_on (account uuid →
 * the day it is due again). */
gboolean    rd_store_put_derived_reminders (RdStore          *self,
                                            GPtrArray        *docs,
                                            const char       *accounts,
                                            gint64            seq,
                                            GHashTable       *due_on,
                                            const char       *fingerprint,
                                            const char       *today,
                                            GError          **error);

/* Like rd_store_new_async (), but leaves the reading of every page of a
 * small file (PRAGMA quick_check, tens of milliseconds) to
 * rd_store_check_pages (), so that a window can paint first; a file that
 * is about to be migrated is still checked before it is written. */
void        rd_store_new_check_later_async (const char         *path,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
/* The check rd_store_new_check_later_async () left out (TRUE at once for a
 * store opened otherwise): FALSE with RD_STORE_ERROR_CORRUPT if the file is
 * damaged.  Reads through a connection of its own. */
gboolean    rd_store_check_pages           (RdStore            *self,
                                            GCancellable       *cancellable,
                                            GError            **error);
void        rd_store_check_pages_async     (RdStore            *self,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean    rd_store_check_pages_finish    (RdStore            *self,
                                            GAsyncResult       *result,
                                            GError            **error);

/* rd-store-list.c: the open reminders a reader needs, not all of them. */
/* The live, open reminder documents of @account_id (a bare uuid). */
GPtrArray  *rd_store_list_open_reminder_documents_of_account (RdStore     *self,
                                                              const char  *account_id,
                                                              GError     **error);
/* The live, open reminder documents whose effective due (the due time, or
 * the snooze when later) is at or before @now_at (an ISO 8601 instant),
 * and those whose effective due is the earliest one after it; of the
 * weekly updates, only the earliest open one. */
GPtrArray  *rd_store_list_due_reminder_documents (RdStore     *self,
                                                  const char  *now_at,
                                                  GError     **error);
/* How many live, open reminders there are (@out_n_open), and how many of
 * them have an effective due before @before_at (@out_n_before), counting
 * the weekly updates as the lists above do. */
gboolean    rd_store_count_open_reminders (RdStore     *self,
                                           const char  *before_at,
                                           guint       *out_n_open,
                                           guint       *out_n_before,
                                           GError     **error);
/* A page of the open reminders in sections (listed as above): section 0
 * falls due before @bounds_at[0], section 1 before @bounds_at[1], section
 * 2 before @bounds_at[2], section 3 later (ISO 8601 instants, in order).  Of each
 * section the @limits[i] falling due first are returned; @out_counts[i]
 * (optional) counts the whole section. */
#define RD_STORE_REMINDER_SECTIONS 4
GPtrArray  *rd_store_list_open_reminder_page (RdStore           *self,
                                              const char *const *bounds_at,
                                              const guint       *limits,
                                              guint             *out_counts,
                                              GError           **error);

G_END_DECLS
