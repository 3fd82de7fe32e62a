/* rd-reminder-refresh.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminders"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-enums.h"
#include "rd-reminder-refresh.h"
#include "rd-task.h"

/* The member each RdReminderEdit stamps. */
static const char * const edit_members[] = {
  [RD_REMINDER_EDIT_DONE] = "done_at",
  [RD_REMINDER_EDIT_SNOOZE] = "snoozed_until",
  [RD_REMINDER_EDIT_NOTIFIED] = "notified_at",
  [RD_REMINDER_EDIT_UNDONE] = "done_at",
};

static GDateTime *
parse_instant (const char *text)
{
  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static gint64
usec_of (GDateTime *instant)
{
  if (instant == NULL)
    return RD_REMINDER_NO_TIME;

  /* g_date_time_to_unix_usec() is newer than GLib 2.74. */
  return g_date_time_to_unix (instant) * G_USEC_PER_SEC + g_date_time_get_microsecond (instant);
}

static int
compare_by_due (gconstpointer pa,
                gconstpointer pb)
{
  JsonObject *a = *(JsonObject * const *) pa;
  JsonObject *b = *(JsonObject * const *) pb;
  int cmp = g_strcmp0 (rd_document_get_string (a, "due_at"), rd_document_get_string (b, "due_at"));

  return cmp != 0 ? cmp : g_strcmp0 (rd_document_get_string (a, "_id"), rd_document_get_string (b, "_id"));
}

/* Of the resolved delays and of the activities, the derivation reads only
 * the newest day of work per account (note_work() in rd-reminders.c keeps
 * the latest): a book holds millions of them, so they are not read as
 * documents.  Adds to @work_days the table of the newest valid @date_field
 * per account of the live @type documents, and to @docs the documents
 * whose @date_field holds no valid day (their updated_at counts then), as
 * they are; @keep, if not NULL, picks which of those to add. */
static gboolean
add_work_days (RdStore     *store,
               const char  *type,
               const char  *date_field,
               const char  *accounts,
               gboolean   (*keep) (JsonObject *doc),
               GPtrArray   *work_days,
               GPtrArray   *docs,
               GError     **error)
{
  g_autoptr(GHashTable) newest = NULL;
  g_autoptr(GPtrArray) undated = NULL;

  newest = rd_store_newest_date_of_accounts (store, type, date_field, accounts, &undated, error);
  if (newest == NULL)
    return FALSE;
  g_ptr_array_add (work_days, g_steal_pointer (&newest));

  for (guint i = 0; i < undated->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      JsonObject *doc = rd_store_get_document (store, g_ptr_array_index (undated, i), &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (doc != NULL && (keep == NULL || keep (doc)))
        g_ptr_array_add (docs, doc);
      else if (doc != NULL)
        json_object_unref (doc);
    }

  return TRUE;
}

static gboolean
is_resolved (JsonObject *doc)
{
  return g_strcmp0 (rd_document_get_string (doc, "status"), "resolved") == 0;
}

/* Bump when the rules (rd-reminders.c) derive other reminders from the
 * same data: the next refresh of every book then derives every account.
 * 2: one open weekly update at a time. */
#define RULES_VERSION 2

/* Above this many accounts due, a refresh reads the whole book: one pass
 * is cheaper than looking each account up. */
#define DUE_ACCOUNTS_MAX 5000

/* Of the accounts in the JSON array bound first. */
#define OF_ACCOUNTS "account_id IN (SELECT value FROM json_each (?))"
/* Every delay that can be open; no resolved_on is on or after its "?". */
#define MAYBE_OPEN "status IS NOT 'resolved' OR resolved_on IS NULL OR resolved_on >= ?"
static const char after_any_day[] = "9999-12-32";

/* What the rules read (rd-reminders.c) of each type, in the order of
 * RdReminderSources; NULL: read as rows (rd_store_list_reminder_rows(),
 * rd_store_list_reminder_account_rows()). */
static const char * const delay_members[] = {
  "account_id", "status", "communicated_on", "updated_at", "info_by", "reconnect_on",
  "decision_by", "next_step_on", "next_step", NULL
};
static const char * const plan_members[] = {
  "account_id", "status", "kind", "started_on", "check_in_days", "timeframe_days",
  "updated_at", NULL
};
static const char * const plan_step_members[] = { "plan_id", "title", "due_on", "done_on", NULL };
static const char * const bridge_members[] = { "account_id", "status", "ends_on", NULL };
static const char * const loss_members[] = {
  "account_id", "closed_on", "reengage_on", "reopened_on", NULL
};

/* With the documents of every account (@where_all, NULL: all) or of some
 * (@where_of: the accounts' JSON array is its first "?"); a delay's
 * condition takes after_any_day last. */
static const struct
{
  const char         *type;
  const char * const *members;
  const char         *where_all;
  const char         *where_of;
} source_types[] = {
  { "account", NULL, NULL, NULL },
  { "delay", delay_members, MAYBE_OPEN, OF_ACCOUNTS " AND (" MAYBE_OPEN ")" },
  { "plan", plan_members, NULL, OF_ACCOUNTS },
  { "plan_step", plan_step_members, NULL, "plan_id IN (SELECT id FROM plan WHERE " OF_ACCOUNTS ")" },
  { "bridge", bridge_members, NULL, OF_ACCOUNTS },
  { "loss", loss_members, NULL, OF_ACCOUNTS },
  { "reminder", NULL, NULL, NULL },
};

/* The sources, and what reading the whole reminders a change starts from
 * may fail with. */
typedef struct
{
  RdReminderSources  sources;
  GPtrArray         *lists[G_N_ELEMENTS (source_types)];
  GPtrArray         *reminder_rows;
  GPtrArray         *account_rows;
  GPtrArray         *work_days;
  GPtrArray         *found_rows;   /* RdStoredReminder found by find_stored_reminder() */
  RdStore           *store;
  GError            *load_error;
} SourceSet;

static void
source_set_clear (SourceSet *set)
{
  for (guint i = 0; i < G_N_ELEMENTS (set->lists); i++)
    g_clear_pointer (&set->lists[i], g_ptr_array_unref);
  g_clear_pointer (&set->sources.activities, g_ptr_array_unref);
  g_clear_pointer (&set->reminder_rows, g_ptr_array_unref);
  g_clear_pointer (&set->account_rows, g_ptr_array_unref);
  g_clear_pointer (&set->work_days, g_ptr_array_unref);
  g_clear_pointer (&set->found_rows, g_ptr_array_unref);
  g_clear_error (&set->load_error);
}

static JsonObject *
load_whole_reminder (const char *doc_id,
                     gpointer    user_data)
{
  SourceSet *set = user_data;

  if (set->load_error != NULL)
    return NULL;

  return rd_store_get_document (set->store, doc_id, &set->load_error);
}

static const RdStoredReminder *
find_stored_reminder (const char *uuid,
                      gpointer    user_data)
{
  SourceSet *set = user_data;
  RdStoredReminder *row;

  if (set->load_error != NULL)
    return NULL;

  row = rd_store_get_reminder_row (set->store, uuid, &set->load_error);
  if (row != NULL)
    g_ptr_array_add (set->found_rows, row);

  return row;
}

/* Every live document of the types the rules read, whole: the
 * straightforward reading, kept to check the lean one against. */
static gboolean
read_whole_sources (RdStore    *store,
                    SourceSet  *set,
                    GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (source_types); i++)
    {
      set->lists[i] = rd_store_list_documents (store, source_types[i].type, NULL, NULL, error);
      if (set->lists[i] == NULL)
        return FALSE;
    }
  if (rd_entity_spec_lookup ("activity") != NULL)
    set->sources.activities = rd_store_list_documents (store, "activity", NULL, NULL, error);

  return rd_entity_spec_lookup ("activity") == NULL || set->sources.activities != NULL;
}

/* Of each live document of @accounts (a JSON array; NULL: of all) only the
 * members the rules read; of the resolved delays and the activities, only
 * the newest day of work per account (add_work_days()).  A change of a
 * stored reminder reads it whole. */
static gboolean
read_lean_sources (RdStore     *store,
                   SourceSet   *set,
                   const char  *accounts,
                   GError     **error)
{
  set->reminder_rows = rd_store_list_reminder_rows_of (store, accounts, error);
  set->account_rows = set->reminder_rows
                      ? rd_store_list_reminder_account_rows_of (store, accounts, error) : NULL;
  if (set->account_rows == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (source_types); i++)
    {
      const char *params[3] = { NULL };
      guint n = 0;

      if (source_types[i].members == NULL)
        continue;
      if (accounts != NULL)
        params[n++] = accounts;
      if (g_str_equal (source_types[i].type, "delay"))
        params[n++] = after_any_day;
      set->lists[i] = rd_store_list_partial_documents (store, source_types[i].type,
                                                       source_types[i].members,
                                                       accounts != NULL ? source_types[i].where_of
                                                                        : source_types[i].where_all,
                                                       n > 0 ? params : NULL, error);
      if (set->lists[i] == NULL)
        return FALSE;
    }
  set->work_days = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  if (!add_work_days (store, "delay", "communicated_on", accounts, is_resolved, set->work_days,
                      set->lists[1], error))
    return FALSE;

  /* Activities tell that work on a renewal has begun; a database (or a
   * version) without them simply has none. */
  if (rd_entity_spec_lookup ("activity") != NULL)
    {
      set->sources.activities = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      if (!add_work_days (store, "activity", "on", accounts, NULL, set->work_days,
                          set->sources.activities, error))
        return FALSE;
    }

  set->store = store;
  set->sources.load_reminder = load_whole_reminder;
  set->sources.load_data = set;
  /* A candidate of these accounts may be stored under another one. */
  if (accounts != NULL)
    {
      set->found_rows = g_ptr_array_new_with_free_func (g_free);
      set->sources.find_reminder = find_stored_reminder;
    }

  return TRUE;
}

/* What a refresh derives, and what it records having derived. */
typedef struct
{
  char   *fingerprint;  /* the rules, preferences, zone and language derived with */
  char   *today;
  char   *accounts;     /* the accounts due, a JSON array; NULL: every account */
  gint64  seq;          /* the writes read (reminder_stale) */
  gboolean pending;     /* there is something to record */
} DueSet;

static void
due_set_clear (DueSet *due)
{
  g_clear_pointer (&due->fingerprint, g_free);
  g_clear_pointer (&due->today, g_free);
  g_clear_pointer (&due->accounts, g_free);
}

static char *
make_fingerprint (const RdReminderPrefs *prefs,
                  GTimeZone             *tz)
{
  /* Titles are in the language of the process: one title tells which. */
  return g_strdup_printf ("rules %d; lead %u; at %u; weekly %d %d %u; zone %s; %s",
                          RULES_VERSION, prefs->renewal_lead_days, prefs->remind_minutes,
                          prefs->weekly_enabled, (int) prefs->weekly_day, prefs->weekly_minutes,
                          g_time_zone_get_identifier (tz), _("%s: the contract ends"));
}

/* Which accounts to derive on @now: those due when the last refresh derived
 * with the same fingerprint on this day or before, else every one. */
static gboolean
read_due_set (RdStore               *store,
              const RdReminderPrefs *prefs,
              GTimeZone             *tz,
              GDateTime             *now,
              DueSet                *due,
              GError               **error)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *derived_with = NULL;
  g_autofree char *derived_on = NULL;
  guint n;

  due->fingerprint = make_fingerprint (prefs, tz);
  due->today = g_date_time_format (local, "%Y-%m-%d");
  derived_with = rd_store_get_setting (store, RD_REMINDERS_DERIVED_WITH_KEY, &local_error);
  if (local_error == NULL)
    derived_on = rd_store_get_setting (store, RD_REMINDERS_DERIVED_ON_KEY, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  due->pending = TRUE;
  if (g_strcmp0 (derived_with, due->fingerprint) != 0 || derived_on == NULL ||
      strcmp (derived_on, due->today) > 0)
    return rd_store_get_reminder_stale_seq (store, &due->seq, error);

  due->accounts = rd_store_list_reminder_due_accounts (store, due->today, &due->seq, &n, error);
  if (due->accounts == NULL)
    return FALSE;
  /* Due days are always after the day derived on. */
  due->pending = due->seq > 0 || strcmp (derived_on, due->today) != 0;
  /* So many (after an import, say) are read faster all together. */
  if (n > DUE_ACCOUNTS_MAX)
    g_clear_pointer (&due->accounts, g_free);

  return TRUE;
}

/* The changes for @accounts (NULL: all), read whole or lean. */
static RdReminderChanges *
derive_read (RdStore               *store,
             const RdReminderPrefs *prefs,
             GTimeZone             *tz,
             GDateTime             *now,
             gboolean               whole,
             const char            *accounts,
             GError               **error)
{
  g_autoptr(RdReminderChanges) changes = NULL;
  SourceSet set = { { 0 } };

  if (whole ? read_whole_sources (store, &set, error)
            : read_lean_sources (store, &set, accounts, error))
    {
      set.sources.accounts = set.lists[0];
      set.sources.delays = set.lists[1];
      set.sources.plans = set.lists[2];
      set.sources.plan_steps = set.lists[3];
      set.sources.bridges = set.lists[4];
      set.sources.losses = set.lists[5];
      set.sources.reminders = set.lists[6];
      set.sources.reminder_rows = set.reminder_rows;
      set.sources.account_rows = set.account_rows;
      set.sources.work_days = set.work_days;
      changes = rd_reminders_derive (prefs, &set.sources, tz, now);
      if (set.load_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&set.load_error));
          g_clear_pointer (&changes, rd_reminder_changes_free);
        }
    }
  source_set_clear (&set);

  return g_steal_pointer (&changes);
}

RdReminderChanges *
rd_reminders_derive_from_store (RdStore               *store,
                                const RdReminderPrefs *prefs,
                                GTimeZone             *tz,
                                GDateTime             *now,
                                RdReminderReading      reading,
                                GError               **error)
{
  RdReminderChanges *changes = NULL;
  DueSet due = { 0 };

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (prefs != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (reading != RD_REMINDER_READ_DUE)
    return derive_read (store, prefs, tz, now, reading == RD_REMINDER_READ_WHOLE, NULL, error);

  if (read_due_set (store, prefs, tz, now, &due, error))
    changes = derive_read (store, prefs, tz, now, FALSE, due.accounts, error);
  due_set_clear (&due);

  return changes;
}

gboolean
rd_reminders_refresh_full (RdStore               *store,
                           const RdReminderPrefs *prefs,
                           GTimeZone             *tz,
                           GDateTime             *now,
                           guint                 *n_changed,
                           GError               **error)
{
  return rd_reminders_refresh_counted (store, prefs, tz, now, n_changed, NULL, error);
}

gboolean
rd_reminders_refresh_counted (RdStore               *store,
                              const RdReminderPrefs *prefs,
                              GTimeZone             *tz,
                              GDateTime             *now,
                              guint                 *n_changed,
                              guint                 *out_n_skipped,
                              GError               **error)
{
  g_autoptr(RdReminderChanges) changes = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  DueSet due = { 0 };
  guint n_skipped = 0;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (prefs != NULL, FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  if (out_n_skipped != NULL)
    *out_n_skipped = 0;

  if (read_due_set (store, prefs, tz, now, &due, error))
    changes = derive_read (store, prefs, tz, now, FALSE, due.accounts, error);
  if (changes == NULL)
    {
      due_set_clear (&due);
      return FALSE;
    }

  /* New, moved and retired reminders go in together: one transaction. */
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < changes->put->len; i++)
    g_ptr_array_add (docs, json_object_ref (g_ptr_array_index (changes->put, i)));
  for (guint i = 0; i < changes->retire->len; i++)
    {
      JsonObject *tombstone = json_object_new ();
      const char *doc_id = g_ptr_array_index (changes->retire, i);
      g_autoptr(JsonObject) old = rd_store_get_document (store, doc_id, NULL);

      if (old == NULL)
        {
          json_object_unref (tombstone);
          continue;
        }
      /* Keep the required fields so the tombstone validates. */
      json_object_set_string_member (tombstone, "_id", doc_id);
      json_object_set_string_member (tombstone, "type", "reminder");
      json_object_set_string_member (tombstone, "kind", rd_document_get_string (old, "kind"));
      json_object_set_string_member (tombstone, "due_at", rd_document_get_string (old, "due_at"));
      if (rd_document_get_string (old, "title") != NULL)
        {
          /* Written by another version or desk, the old title may be
           * longer than this one allows. */
          g_autofree char *title = rd_reminder_ellipsize (rd_document_get_string (old, "title"),
                                                          RD_REMINDER_TITLE_MAX_CHARS);

          json_object_set_string_member (tombstone, "title", title);
        }
      json_object_set_boolean_member (tombstone, "_deleted", TRUE);
      g_ptr_array_add (docs, tombstone);
    }

  /* One reminder this version cannot write (a stored one it starts from
   * that another writer made) is left as it is, and said so; it must not
   * keep every other reminder of the book from being written. */
  for (guint i = docs->len; i > 0; i--)
    {
      JsonObject *doc = g_ptr_array_index (docs, i - 1);
      g_autoptr(GError) invalid = NULL;

      if (!rd_document_validate (doc, &invalid))
        {
          g_warning ("Reminder %s left as it is: %s",
                     rd_document_get_string (doc, "_id"), invalid->message);
          g_ptr_array_remove_index (docs, i - 1);
          n_skipped++;
        }
    }
  if (out_n_skipped != NULL)
    *out_n_skipped = n_skipped;

  /* The reminders, and which accounts are derived now: one transaction. */
  ok = (docs->len == 0 && !due.pending) ||
       rd_store_put_derived_reminders (store, docs, due.accounts, due.seq, changes->due_on,
                                       due.fingerprint, due.today, error);
  due_set_clear (&due);
  if (ok && n_changed != NULL)
    *n_changed = docs->len;

  return ok;
}

gboolean
rd_reminders_refresh (RdStore               *store,
                      const RdReminderPrefs *prefs,
                      GTimeZone             *tz,
                      GDateTime             *now,
                      GError               **error)
{
  return rd_reminders_refresh_full (store, prefs, tz, now, NULL, error);
}

/* One weekly update is open at a time (derive_weekly_update() in
 * rd-reminders.c), but next week's may be stored open too, written by an
 * earlier version or another desk: of @open (sorted by due), only the
 * earliest stays, for every reader alike (page, badge, notifications,
 * iCalendar). */
static void
keep_first_weekly_update (GPtrArray *open)
{
  gboolean seen = FALSE;

  for (guint i = 0; i < open->len;)
    {
      JsonObject *reminder = g_ptr_array_index (open, i);

      if (g_strcmp0 (rd_document_get_string (reminder, "kind"), "weekly_update") != 0)
        i++;
      else if (!seen)
        {
          seen = TRUE;
          i++;
        }
      else
        g_ptr_array_remove_index (open, i);
    }
}

/* Of @all, the open reminders, named, sorted and with one weekly update,
 * as rd_reminders_list_open() hands them out. */
static GPtrArray *
list_named (RdStore    *store,
            GPtrArray  *all,
            GError    **error)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GHashTable) names = NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  open = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (all, i);
      const char *account_id = rd_document_get_string (doc, "account_id");

      if (rd_reminder_is_done (doc))
        continue;

      if (account_id != NULL)
        g_hash_table_replace (names, g_strdup (account_id), NULL);
      g_ptr_array_add (open, json_object_ref (doc));
    }

  if (!rd_store_lookup_account_names (store, names, error))
    return NULL;

  for (guint i = 0; i < open->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (open, i);
      const char *account_id = rd_document_get_string (doc, "account_id");
      const char *name = account_id != NULL ? g_hash_table_lookup (names, account_id) : NULL;

      if (name != NULL)
        json_object_set_string_member (doc, "account_name", name);
    }

  g_ptr_array_sort (open, compare_by_due);
  keep_first_weekly_update (open);

  return g_steal_pointer (&open);
}

GPtrArray *
rd_reminders_list_open (RdStore  *store,
                        GError  **error)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  all = rd_store_list_open_reminder_documents (store, error);

  return all != NULL ? list_named (store, all, error) : NULL;
}

GPtrArray *
rd_reminders_list_open_of_account (RdStore     *store,
                                   const char  *account_id,
                                   GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  all = rd_store_list_open_reminder_documents_of_account (store, account_id, error);

  return all != NULL ? list_named (store, all, error) : NULL;
}

GPtrArray *
rd_reminders_list_due (RdStore    *store,
                       GDateTime  *now,
                       GError    **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *now_at = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  now_at = rd_reminder_format_instant (now);
  all = rd_store_list_due_reminder_documents (store, now_at, error);

  return all != NULL ? list_named (store, all, error) : NULL;
}

void
rd_reminder_page_free (RdReminderPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->reminders, g_ptr_array_unref);
  g_free (page);
}

RdReminderPage *
rd_reminders_list_open_page (RdStore           *store,
                             GDateTime * const *bounds,
                             const guint       *limits,
                             GError           **error)
{
  g_autoptr(RdReminderPage) page = g_new0 (RdReminderPage, 1);
  g_autoptr(GPtrArray) all = NULL;
  char *bounds_at[RD_STORE_REMINDER_SECTIONS - 1];

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (bounds != NULL, NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bounds_at); i++)
    bounds_at[i] = rd_reminder_format_instant (bounds[i]);
  all = rd_store_list_open_reminder_page (store, (const char * const *) bounds_at, limits,
                                          page->counts, error);
  for (guint i = 0; i < G_N_ELEMENTS (bounds_at); i++)
    g_free (bounds_at[i]);
  if (all == NULL)
    return NULL;

  page->reminders = list_named (store, all, error);
  if (page->reminders == NULL)
    return NULL;

  return g_steal_pointer (&page);
}

RdReminderCounts *
rd_reminders_count_open (RdStore    *store,
                         GDateTime  *before,
                         GError    **error)
{
  g_autofree RdReminderCounts *counts = g_new0 (RdReminderCounts, 1);
  g_autofree char *before_at = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (before != NULL, NULL);

  before_at = rd_reminder_format_instant (before);
  if (!rd_store_count_open_reminders (store, before_at, &counts->n_open, &counts->n_before, error))
    return NULL;

  return g_steal_pointer (&counts);
}

GDateTime *
rd_reminder_get_effective_due (JsonObject *reminder)
{
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) snoozed = NULL;

  g_return_val_if_fail (reminder != NULL, NULL);

  due = parse_instant (rd_document_get_string (reminder, "due_at"));
  snoozed = parse_instant (rd_document_get_string (reminder, "snoozed_until"));

  if (snoozed != NULL && (due == NULL || g_date_time_compare (snoozed, due) > 0))
    return g_steal_pointer (&snoozed);

  return g_steal_pointer (&due);
}

gboolean
rd_reminder_times_need_notification (const RdReminderTimes *times,
                                     gint64                 now)
{
  g_return_val_if_fail (times != NULL, FALSE);

  if (times->done || times->due == RD_REMINDER_NO_TIME || times->due > now)
    return FALSE;

  return times->notified == RD_REMINDER_NO_TIME || times->notified < times->due;
}

RdReminderList *
rd_reminder_list_new (GPtrArray *reminders)
{
  RdReminderList *list;

  g_return_val_if_fail (reminders != NULL, NULL);

  list = g_new0 (RdReminderList, 1);
  list->reminders = g_ptr_array_ref (reminders);
  list->times = g_array_sized_new (FALSE, FALSE, sizeof (RdReminderTimes), reminders->len);
  list->positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < reminders->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (reminders, i);
      g_autoptr(GDateTime) due = rd_reminder_get_effective_due (reminder);
      g_autoptr(GDateTime) notified = parse_instant (rd_document_get_string (reminder,
                                                                             "notified_at"));
      const char *uuid = rd_reminder_get_uuid (reminder);
      RdReminderTimes times = {
        .due = usec_of (due),
        .notified = usec_of (notified),
        .done = rd_reminder_is_done (reminder),
      };

      g_array_append_val (list->times, times);
      /* The uuid belongs to the document, which the list holds. */
      if (uuid != NULL && !g_hash_table_contains (list->positions, uuid))
        g_hash_table_insert (list->positions, (gpointer) uuid, GUINT_TO_POINTER (i + 1));
    }

  return list;
}

void
rd_reminder_list_free (RdReminderList *list)
{
  if (list == NULL)
    return;

  g_clear_pointer (&list->positions, g_hash_table_unref);
  g_clear_pointer (&list->times, g_array_unref);
  g_clear_pointer (&list->reminders, g_ptr_array_unref);
  g_free (list);
}

int
rd_reminder_list_find (RdReminderList *list,
                       const char     *uuid)
{
  g_return_val_if_fail (list != NULL, -1);

  if (uuid == NULL)
    return -1;

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (list->positions, uuid)) - 1;
}

const char *
rd_reminder_get_kind_label (JsonObject *reminder)
{
  int kind;

  g_return_val_if_fail (reminder != NULL, NULL);

  kind = rd_enum_table_lookup (&rd_reminder_kind_table, rd_document_get_string (reminder, "kind"));
  return kind >= 0 ? rd_enum_table_label (&rd_reminder_kind_table, kind) : _("Reminder");
}

gboolean
rd_reminders_edit (RdStore             *store,
                   RdReminderEdit       edit,
                   const char * const  *ids,
                   GDateTime           *when,
                   GError             **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) edit < G_N_ELEMENTS (edit_members), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  stamp = rd_reminder_format_instant (when);
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  /* Each starts again from the stored document. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *doc_id = rd_document_make_id ("reminder", ids[i]);
      JsonObject *doc = rd_store_get_document (store, doc_id, error);

      if (doc == NULL)
        return FALSE;
      if (edit == RD_REMINDER_EDIT_UNDONE)
        json_object_remove_member (doc, edit_members[edit]);
      else
        json_object_set_string_member (doc, edit_members[edit], stamp);
      g_ptr_array_add (docs, doc);
    }

  if (docs->len == 0)
    return TRUE;

  return rd_store_put_documents (store, docs, error);
}

char *
rd_reminders_add_manual (RdStore     *store,
                         const char  *account_id,
                         const char  *title,
                         GDateTime   *due,
                         GError     **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *doc_id = rd_document_make_id ("reminder", uuid);
  g_autofree char *due_at = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (due != NULL, NULL);

  due_at = rd_reminder_format_instant (due);
  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", "reminder");
  json_object_set_string_member (doc, "kind", "manual");
  json_object_set_string_member (doc, "due_at", due_at);
  json_object_set_string_member (doc, "title", title);
  if (account_id != NULL && *account_id != '\0')
    json_object_set_string_member (doc, "account_id", account_id);

  if (!rd_store_put_document (store, doc, error))
    return NULL;

  return g_steal_pointer (&uuid);
}

/* Async ------------------------------------------------------------------ */

/* The reminder view and the scheduler both load and write through these:
 * one worker, one copy of what loading and writing mean. */

typedef enum
{
  JOB_LIST_OF_ACCOUNT,
  JOB_LIST_DUE,
  JOB_REFRESH_LIST_DUE,
  JOB_LIST_PAGE,
  JOB_COUNT,
  JOB_EDIT,
  JOB_ADD_MANUAL,
} JobKind;

/* Copies of the caller's arguments, made on the calling thread. */
typedef struct
{
  JobKind          kind;
  RdReminderPrefs  prefs;
  GTimeZone       *tz;
  GDateTime       *when;         /* now, the stamp, or due */
  RdReminderEdit   edit;
  GStrv            ids;          /* the reminders edited */
  char            *account_id;   /* of a manual one, or the one listed */
  char            *title;
  GDateTime       *bounds[RD_STORE_REMINDER_SECTIONS - 1];  /* of a page's sections */
  guint            limits[RD_STORE_REMINDER_SECTIONS];
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->tz, g_time_zone_unref);
  g_clear_pointer (&job->when, g_date_time_unref);
  for (guint i = 0; i < G_N_ELEMENTS (job->bounds); i++)
    g_clear_pointer (&job->bounds[i], g_date_time_unref);
  g_strfreev (job->ids);
  g_free (job->account_id);
  g_free (job->title);
  g_free (job);
}

static Job *
job_new (JobKind    kind,
         GDateTime *when)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->when = when != NULL ? g_date_time_ref (when) : NULL;

  return job;
}

static gboolean
refresh_for_list (RdStore       *store,
                  Job           *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gint64 start = g_get_monotonic_time ();
  guint n_changed = 0;

  /* A new day moves classes, risk and what is overdue: derive those
   * first, so the reminders read today's values. */
  if (!rd_store_refresh_derived_if_stale (store, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !rd_reminders_refresh_full (store, &job->prefs, job->tz, job->when, &n_changed, error))
    return FALSE;

  g_debug ("Derived reminders in %.1f ms, %u written",
           (g_get_monotonic_time () - start) / 1000.0, n_changed);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RdStore *store = source_object;
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;
  GDestroyNotify result_free = NULL;
  gboolean ok = FALSE;

  g_assert (RD_IS_STORE (store));
  g_assert (job != NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (job->kind)
    {
    case JOB_LIST_OF_ACCOUNT:
      result = rd_reminders_list_open_of_account (store, job->account_id, &error);
      result_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result != NULL;
      break;
    case JOB_REFRESH_LIST_DUE:
      if (!refresh_for_list (store, job, cancellable, &error))
        break;
      G_GNUC_FALLTHROUGH;
    case JOB_LIST_DUE:
      {
        g_autoptr(GPtrArray) due = rd_reminders_list_due (store, job->when, &error);

        /* Read here the times the scheduler compares, not on its thread. */
        result = due != NULL ? rd_reminder_list_new (due) : NULL;
        result_free = (GDestroyNotify) rd_reminder_list_free;
        ok = result != NULL;
      }
      break;
    case JOB_LIST_PAGE:
      result = rd_reminders_list_open_page (store, job->bounds, job->limits, &error);
      result_free = (GDestroyNotify) rd_reminder_page_free;
      ok = result != NULL;
      break;
    case JOB_COUNT:
      result = rd_reminders_count_open (store, job->when, &error);
      result_free = g_free;
      ok = result != NULL;
      break;
    case JOB_EDIT:
      ok = rd_reminders_edit (store, job->edit, (const char * const *) job->ids, job->when,
                              &error);
      break;
    case JOB_ADD_MANUAL:
      result = rd_reminders_add_manual (store, job->account_id, job->title, job->when, &error);
      result_free = g_free;
      ok = result != NULL;
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (result_free != NULL)
    g_task_return_pointer (task, result, result_free);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_job (RdStore             *store,
         Job                 *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  rd_task_run_in_thread (store, source_tag, job, job_free, job_thread, cancellable, callback, user_data);
}

/* A derivation as of @now in @tz (NULL: local), then the list @kind says. */
static void
run_refresh_job (RdStore               *store,
                 JobKind                kind,
                 gpointer               source_tag,
                 const RdReminderPrefs *prefs,
                 GTimeZone             *tz,
                 GDateTime             *now,
                 GCancellable          *cancellable,
                 GAsyncReadyCallback    callback,
                 gpointer               user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (prefs != NULL);
  g_return_if_fail (now != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (kind, now);
  job->prefs = *prefs;
  job->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  run_job (store, job, source_tag, cancellable, callback, user_data);
}

void
rd_reminders_list_open_of_account_async (RdStore             *store,
                                         const char          *account_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (JOB_LIST_OF_ACCOUNT, NULL);
  job->account_id = g_strdup (account_id);
  run_job (store, job, rd_reminders_list_open_of_account_async, cancellable, callback, user_data);
}

GPtrArray *
rd_reminders_list_open_of_account_finish (RdStore       *store,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return rd_task_propagate_pointer (store, result, rd_reminders_list_open_of_account_async,
                                    error);
}

void
rd_reminders_list_due_async (RdStore             *store,
                             GDateTime           *now,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (now != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_job (store, job_new (JOB_LIST_DUE, now), rd_reminders_list_due_async,
           cancellable, callback, user_data);
}

RdReminderList *
rd_reminders_list_due_finish (RdStore       *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  return rd_task_propagate_pointer (store, result, rd_reminders_list_due_async, error);
}

void
rd_reminders_refresh_list_due_async (RdStore               *store,
                                     const RdReminderPrefs *prefs,
                                     GTimeZone             *tz,
                                     GDateTime             *now,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  run_refresh_job (store, JOB_REFRESH_LIST_DUE, rd_reminders_refresh_list_due_async,
                   prefs, tz, now, cancellable, callback, user_data);
}

RdReminderList *
rd_reminders_refresh_list_due_finish (RdStore       *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return rd_task_propagate_pointer (store, result, rd_reminders_refresh_list_due_async, error);
}

void
rd_reminders_count_open_async (RdStore             *store,
                               GDateTime           *before,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (before != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_job (store, job_new (JOB_COUNT, before), rd_reminders_count_open_async,
           cancellable, callback, user_data);
}

RdReminderCounts *
rd_reminders_count_open_finish (RdStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return rd_task_propagate_pointer (store, result, rd_reminders_count_open_async, error);
}

void
rd_reminders_list_open_page_async (RdStore             *store,
                                   GDateTime * const   *bounds,
                                   const guint         *limits,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (bounds != NULL);
  g_return_if_fail (limits != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (JOB_LIST_PAGE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (job->bounds); i++)
    job->bounds[i] = g_date_time_ref (bounds[i]);
  memcpy (job->limits, limits, sizeof job->limits);

  run_job (store, job, rd_reminders_list_open_page_async, cancellable, callback, user_data);
}

RdReminderPage *
rd_reminders_list_open_page_finish (RdStore       *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return rd_task_propagate_pointer (store, result, rd_reminders_list_open_page_async, error);
}

void
rd_reminders_edit_async (RdStore             *store,
                         RdReminderEdit       edit,
                         const char * const  *ids,
                         GDateTime           *when,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail ((guint) edit < G_N_ELEMENTS (edit_members));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (when != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (JOB_EDIT, when);
  job->edit = edit;
  job->ids = g_strdupv ((GStrv) ids);
  run_job (store, job, rd_reminders_edit_async, cancellable, callback, user_data);
}

gboolean
rd_reminders_edit_finish (RdStore       *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return rd_task_propagate_boolean (store, result, rd_reminders_edit_async, error);
}

void
rd_reminders_add_manual_async (RdStore             *store,
                               const char          *account_id,
                               const char          *title,
                               GDateTime           *due,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (title != NULL);
  g_return_if_fail (due != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (JOB_ADD_MANUAL, due);
  job->account_id = g_strdup (account_id);
  job->title = g_strdup (title);
  run_job (store, job, rd_reminders_add_manual_async, cancellable, callback, user_data);
}

char *
rd_reminders_add_manual_finish (RdStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return rd_task_propagate_pointer (store, result, rd_reminders_add_manual_async, error);
}
