/* rd-reminders.c
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
#include "rd-format.h"
#include "rd-reminders.h"

/* Free text (a next step, a plan step) is cut to this much in a title. */
#define TEXT_MAX_CHARS 120

/* Where an account stands decides what it calls for. */
typedef enum
{
  ACCOUNT_OPEN,
  ACCOUNT_RENEWED,
  ACCOUNT_OFFBOARDING,
  ACCOUNT_LOST,
} AccountState;

typedef struct
{
  RdReminderAccount account;  /* its strings borrowed from the sources */
  char         *name;           /* cut for titles */
  AccountState  state;
  gboolean      offboarding_plan;  /* an offboarding plan is running: its steps remind */
  char         *last_work_on;   /* latest day of a delay, activity or plan; NULL if none */
  gboolean      work_today;     /* of one with no day of its own, counted as today */
  JsonObject   *open_loss;      /* the newest loss not reopened */
} AccountInfo;

/* What a candidate does with a date that has passed when it is first derived. */
typedef enum
{
  PAST_KEEP,     /* due on its date: overdue is the truth */
  PAST_ANCHOR,   /* due when first seen, and it stays there */
  PAST_SKIP,     /* not created at all */
} PastPolicy;

typedef struct
{
  char       *id;
  char       *kind;
  char       *account_id;
  char       *source_id;
  char       *due_at;        /* NULL: no date of its own, due when first seen */
  char       *title;
  char       *anchored_on;   /* the day it was first seen, once anchored */
  PastPolicy  past;
  gboolean    done;          /* finished by itself: an open one is marked done */
} Candidate;

typedef struct
{
  const RdReminderPrefs *prefs;
  GTimeZone             *tz;
  GDateTime             *now;
  char                  *now_at;         /* @now as stored */
  char                  *today;          /* the local day of @now */
  char                  *first_seen_at;  /* today at the remind time, or now when later */
  GHashTable            *accounts;       /* account id → AccountInfo */
  GHashTable            *plans;          /* plan id → plan document */
  GHashTable            *candidates;     /* id → Candidate */
  GPtrArray             *stored;         /* the stored reminders, RdStoredReminder */
  GHashTable            *due_at;         /* date → its due time at the remind time, or "" */
} Derivation;

static void
candidate_free (gpointer data)
{
  Candidate *c = data;

  g_free (c->id);
  g_free (c->kind);
  g_free (c->account_id);
  g_free (c->source_id);
  g_free (c->due_at);
  g_free (c->title);
  g_free (c->anchored_on);
  g_free (c);
}

static void
account_info_free (gpointer data)
{
  AccountInfo *info = data;

  g_free (info->name);
  g_free (info->last_work_on);
  g_free (info);
}

static gint64
member_int (JsonObject *doc,
            const char *name)
{
  JsonNode *node = json_object_get_member (doc, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  return json_node_get_int (node);
}

static gboolean
is_date (const char *text)
{
  GDate date;

  return text != NULL && rd_date_parse (text, &date);
}

/* A text field holds no more than RD_REMINDER_TITLE_MAX_CHARS. */
static char *
cap_title (char *title)   /* (transfer full) */
{
  char *capped;

  if ((guint) g_utf8_strlen (title, -1) <= RD_REMINDER_TITLE_MAX_CHARS)
    return title;

  capped = rd_reminder_ellipsize (title, RD_REMINDER_TITLE_MAX_CHARS);
  g_free (title);

  return capped;
}

/* Puts a candidate in @d, replacing one with the same @id. */
static Candidate *
insert_candidate (Derivation *d,
                  char       *id,       /* (transfer full) */
                  const char *kind,
                  const char *account_id,
                  const char *source_id,
                  char       *due_at,   /* (transfer full) (nullable) */
                  char       *title,    /* (transfer full) */
                  PastPolicy  past)
{
  Candidate *c = g_new0 (Candidate, 1);

  c->id = id;
  c->kind = g_strdup (kind);
  c->account_id = g_strdup (account_id);
  c->source_id = g_strdup (source_id);
  c->due_at = due_at;
  c->title = cap_title (title);
  c->past = past;
  g_hash_table_replace (d->candidates, c->id, c);

  return c;
}

/* rd_reminder_due_for_date() at the remind time, once per date: a book's
 * hundreds of thousands of reminders fall on a few thousand days. */
static char *
due_for_date (Derivation *d,
              const char *date)
{
  const char *due_at = g_hash_table_lookup (d->due_at, date);

  if (due_at == NULL)
    {
      char *computed = rd_reminder_due_for_date (date, d->prefs->remind_minutes, d->tz);

      due_at = computed != NULL ? computed : g_strdup ("");
      g_hash_table_insert (d->due_at, g_strdup (date), (gpointer) due_at);
    }

  return *due_at != '\0' ? g_strdup (due_at) : NULL;
}

/* Adds a reminder due on @date (all day); with @date NULL and PAST_ANCHOR,
 * one with no date of its own, due when first seen.  Returns the
 * candidate, or NULL when there is no valid date. */
static Candidate *
add_candidate (Derivation *d,
               const char *kind,
               const char *account_id,
               const char *source_id,
               const char *occurrence,
               const char *date,
               char       *title,   /* (transfer full) */
               PastPolicy  past)
{
  g_autofree char *due_at = NULL;

  if (date != NULL)
    due_at = due_for_date (d, date);
  if (due_at == NULL && (date != NULL || past != PAST_ANCHOR))
    {
      g_free (title);
      return NULL;
    }

  return insert_candidate (d, rd_reminder_make_id (kind, source_id, occurrence), kind, account_id,
                           source_id, g_steal_pointer (&due_at), title, past);
}

static AccountInfo *
account_info (Derivation *d,
              const char *account_id)
{
  return account_id != NULL ? g_hash_table_lookup (d->accounts, account_id) : NULL;
}

static const char *
account_name (Derivation *d,
              const char *account_id)
{
  AccountInfo *info = account_info (d, account_id);

  return info != NULL && info->name != NULL ? info->name : _("an account");
}

/* An account we do not have (yet: sync may bring it) counts as open. */
static AccountState
account_state (Derivation *d,
               const char *account_id)
{
  AccountInfo *info = account_info (d, account_id);

  return info != NULL ? info->state : ACCOUNT_OPEN;
}

static AccountState
state_of (const RdReminderAccount *account)
{
  const char *status = account->status;

  if (g_strcmp0 (status, "lost") == 0)
    return ACCOUNT_LOST;
  if (g_strcmp0 (status, "renewed") == 0)
    return ACCOUNT_RENEWED;
  if (g_strcmp0 (status, "expected_churn") == 0 ||
      g_strcmp0 (account->renewal_choice, "do_not_renew") == 0)
    return ACCOUNT_OFFBOARDING;

  return ACCOUNT_OPEN;
}

/* The local day of a stored instant, or NULL. */
static char *
local_day_of (Derivation *d,
              const char *instant)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (instant == NULL || (when = g_date_time_new_from_iso8601 (instant, NULL)) == NULL)
    return NULL;
  local = g_date_time_to_timezone (when, d->tz);

  return g_date_time_format (local, "%Y-%m-%d");
}

static void
note_work_day (AccountInfo *info,
               const char  *day)
{
  if (info->last_work_on == NULL || strcmp (day, info->last_work_on) > 0)
    {
      g_free (info->last_work_on);
      info->last_work_on = g_strdup (day);
    }
}

/* Work on the account of @doc happened on its @date_field; without one,
 * on the day it was last written; without that, today (it exists now). */
static void
note_work (Derivation *d,
           JsonObject *doc,
           const char *date_field)
{
  AccountInfo *info = account_info (d, rd_document_get_string (doc, "account_id"));
  const char *on = rd_document_get_string (doc, date_field);
  g_autofree char *day = NULL;

  if (info == NULL || json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
    return;

  if (is_date (on))
    day = g_strdup (on);
  else if ((day = local_day_of (d, rd_document_get_string (doc, "updated_at"))) == NULL)
    {
      day = g_strdup (d->today);
      info->work_today = TRUE;
    }

  note_work_day (info, day);
}

static void
add_account (Derivation              *d,
             const RdReminderAccount *account)
{
  AccountInfo *info;

  if (account->uuid == NULL)
    return;

  info = g_new0 (AccountInfo, 1);
  info->account = *account;
  info->name = account->name ? rd_reminder_ellipsize (account->name, RD_REMINDER_NAME_MAX_CHARS)
                             : NULL;
  info->state = state_of (account);
  g_hash_table_replace (d->accounts, (gpointer) account->uuid, info);
}

static void
collect_accounts (Derivation              *d,
                  const RdReminderSources *sources)
{
  if (sources->account_rows != NULL)
    {
      for (guint i = 0; i < sources->account_rows->len; i++)
        add_account (d, g_ptr_array_index (sources->account_rows, i));
    }
  else
    {
      for (guint i = 0; sources->accounts && i < sources->accounts->len; i++)
        {
          JsonObject *doc = g_ptr_array_index (sources->accounts, i);
          RdReminderAccount account = {
            .uuid = rd_reminder_get_uuid (doc),
            .name = rd_document_get_string (doc, "name"),
            .status = rd_document_get_string (doc, "status"),
            .contract_start = rd_document_get_string (doc, "contract_start"),
            .contract_end = rd_document_get_string (doc, "contract_end"),
            .effective_end = rd_document_get_string (doc, "effective_end"),
            .renewal_choice = rd_document_get_string (doc, "renewal_choice"),
            .renewal_choice_on = rd_document_get_string (doc, "renewal_choice_on"),
          };

          add_account (d, &account);
        }
    }

  for (guint i = 0; sources->delays && i < sources->delays->len; i++)
    note_work (d, g_ptr_array_index (sources->delays, i), "communicated_on");
  for (guint i = 0; sources->plans && i < sources->plans->len; i++)
    note_work (d, g_ptr_array_index (sources->plans, i), "started_on");
  for (guint i = 0; sources->activities && i < sources->activities->len; i++)
    note_work (d, g_ptr_array_index (sources->activities, i), "on");
  for (guint i = 0; sources->work_days && i < sources->work_days->len; i++)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, g_ptr_array_index (sources->work_days, i));
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          AccountInfo *info = account_info (d, key);

          if (info != NULL)
            note_work_day (info, value);
        }
    }

  /* The loss that is still open: the newest one not reopened. */
  for (guint i = 0; sources->losses && i < sources->losses->len; i++)
    {
      JsonObject *loss = g_ptr_array_index (sources->losses, i);
      AccountInfo *info = account_info (d, rd_document_get_string (loss, "account_id"));

      if (info == NULL || rd_reminder_get_uuid (loss) == NULL ||
          rd_document_get_string (loss, "reopened_on") != NULL)
        continue;
      if (info->open_loss == NULL ||
          g_strcmp0 (rd_document_get_string (loss, "closed_on"),
                     rd_document_get_string (info->open_loss, "closed_on")) > 0)
        info->open_loss = loss;
    }
}

/* The renewal start, on @start_on, of the term ending @end (its cycle);
 * done by itself once work has begun in its window. */
static void
add_renewal_start (Derivation  *d,
                   const char  *id,
                   AccountInfo *info,
                   const char  *end,
                   const char  *start_on,
                   PastPolicy   past)
{
  Candidate *c;

  c = add_candidate (d, "renewal_start", id, id, end, start_on,
                     g_strdup_printf (_("Start the renewal conversation with %s"),
                                      account_name (d, id)),
                     past);
  if (c != NULL && info->last_work_on != NULL && strcmp (info->last_work_on, start_on) >= 0)
    c->done = TRUE;
}

/* Whether the term ending on @deadline is the one a renewed account
 * renewed into, not the one it renewed: its window opens after the
 * decision, or it started on or after it.  Without a decision day the
 * dates are taken to be the new term's. */
static gboolean
is_new_term (const RdReminderAccount *account,
             const char              *start_on)
{
  const char *decided = account->renewal_choice_on;
  const char *contract_start = account->contract_start;

  if (!is_date (decided))
    return TRUE;

  return strcmp (start_on, decided) > 0 ||
         (is_date (contract_start) && strcmp (contract_start, decided) >= 0);
}

static void
add_offboarding (Derivation  *d,
                 const char  *id,
                 AccountInfo *info,
                 const char  *end,
                 const char  *deadline)
{
  const char *decided = NULL;
  g_autofree char *confirm = g_strconcat ("offboarding-confirm:", end ?: "", NULL);
  g_autofree char *export = g_strconcat ("offboarding-export:", end ?: "", NULL);
  const char *name = account_name (d, id);

  if (g_strcmp0 (info->account.renewal_choice, "do_not_renew") == 0)
    decided = info->account.renewal_choice_on;

  /* The reminder.kind enum is not ours to extend here: the steps are next
   * steps of the account (their ids are apart from any delay's). */
  add_candidate (d, "next_step", id, id, confirm, is_date (decided) ? decided : NULL,
                 /* Translators: an offboarding step of the account named first */
                 g_strdup_printf (_("%s: confirm in writing that the contract ends"), name),
                 PAST_ANCHOR);

  if (deadline != NULL)
    {
      g_autofree char *export_on = rd_date_shift (deadline, -RD_REMINDER_EXPORT_LEAD_DAYS);

      add_candidate (d, "next_step", id, id, export, export_on,
                     /* Translators: an offboarding step before access ends */
                     g_strdup_printf (_("%s: agree how they export their data"), name),
                     PAST_ANCHOR);
      /* Access ends on the hard deadline: the same reminder as the
       * contract end of an open account, so nothing doubles on the way. */
      add_candidate (d, "contract_end", id, id, end ?: deadline, deadline,
                     g_strdup_printf (_("%s: the contract ends"), name), PAST_KEEP);
    }
}

static void
derive_accounts (Derivation *d)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, d->accounts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *id = key;
      AccountInfo *info = value;
      const char *end = info->account.contract_end;
      const char *deadline = info->account.effective_end;
      g_autofree char *start_on = NULL;

      if (deadline == NULL)
        deadline = end;
      if (end == NULL)
        end = deadline;
      if (!is_date (deadline))
        deadline = NULL;

      switch (info->state)
        {
        case ACCOUNT_LOST:
          /* Only its re-engage date: see derive_losses(). */
          break;

        case ACCOUNT_OFFBOARDING:
          /* "Do not renew" starts a plan of dated steps; these stand in
           * for accounts that became offboarding without one. */
          if (!info->offboarding_plan)
            add_offboarding (d, id, info, end, deadline);
          break;

        case ACCOUNT_RENEWED:
        case ACCOUNT_OPEN:
        default:
          if (deadline == NULL)
            break;
          start_on = rd_date_shift (deadline, -(int) d->prefs->renewal_lead_days);
          if (info->state == ACCOUNT_RENEWED && !is_new_term (&info->account, start_on))
            break;

          /* The original end names the renewal cycle: an extension moves
           * these reminders, a renewal (a new contract end) starts new ones.
           * A just-renewed account is not told to start now on a window
           * that opened before it renewed. */
          add_renewal_start (d, id, info, end, start_on,
                             info->state == ACCOUNT_RENEWED ? PAST_SKIP : PAST_ANCHOR);
          add_candidate (d, "contract_end", id, id, end, deadline,
                         g_strdup_printf (_("%s: the contract ends"), account_name (d, id)),
                         PAST_KEEP);
          break;
        }
    }
}

static char *
delay_title (const char *kind,
             const char *name,
             const char *next_step)
{
  if (g_str_equal (kind, "info_by"))
    return g_strdup_printf (_("%s: the information they promised is due"), name);
  if (g_str_equal (kind, "reconnect"))
    return g_strdup_printf (_("Reconnect with %s"), name);
  if (g_str_equal (kind, "decision_by"))
    return g_strdup_printf (_("%s: their decision is due"), name);
  if (next_step != NULL)
    {
      g_autofree char *step = rd_reminder_ellipsize (next_step, TEXT_MAX_CHARS);

      /* Translators: "Nordlicht Energie AG: send the signed order form" */
      return g_strdup_printf (_("%s: %s"), name, step);
    }
  return g_strdup_printf (_("%s: next step"), name);
}

static void
derive_delays (Derivation              *d,
               const RdReminderSources *sources)
{
  static const struct { const char *field; const char *kind; } dates[] = {
    { "info_by", "info_by" },
    { "reconnect_on", "reconnect" },
    { "decision_by", "decision_by" },
    { "next_step_on", "next_step" },
  };

  for (guint i = 0; sources->delays && i < sources->delays->len; i++)
    {
      JsonObject *delay = g_ptr_array_index (sources->delays, i);
      const char *id = rd_reminder_get_uuid (delay);
      const char *account_id = rd_document_get_string (delay, "account_id");
      const char *next_step = rd_document_get_string (delay, "next_step");

      if (id == NULL || g_strcmp0 (rd_document_get_string (delay, "status"), "resolved") == 0 ||
          account_state (d, account_id) != ACCOUNT_OPEN)
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (dates); k++)
        {
          const char *date = rd_document_get_string (delay, dates[k].field);
          char *title;

          if (date == NULL)
            continue;

          title = delay_title (dates[k].kind, account_name (d, account_id), next_step);

          add_candidate (d, dates[k].kind, account_id, id, "", date, title, PAST_KEEP);
        }
    }
}

static gboolean
plan_is_running (JsonObject *plan)
{
  const char *status = plan ? rd_document_get_string (plan, "status") : NULL;

  return status == NULL || g_str_equal (status, "draft") || g_str_equal (status, "active");
}

static gboolean
is_offboarding_plan (JsonObject *plan)
{
  return g_strcmp0 (rd_document_get_string (plan, "kind"), "offboarding") == 0;
}

static void
note_offboarding_plans (Derivation              *d,
                        const RdReminderSources *sources)
{
  for (guint i = 0; sources->plans && i < sources->plans->len; i++)
    {
      JsonObject *plan = g_ptr_array_index (sources->plans, i);
      AccountInfo *info = g_hash_table_lookup (d->accounts,
                                               rd_document_get_string (plan, "account_id") ?: "");

      if (info != NULL && is_offboarding_plan (plan) && plan_is_running (plan))
        info->offboarding_plan = TRUE;
    }
}

static void
derive_plans (Derivation              *d,
              const RdReminderSources *sources)
{
  for (guint i = 0; sources->plans && i < sources->plans->len; i++)
    {
      JsonObject *plan = g_ptr_array_index (sources->plans, i);
      const char *id = rd_reminder_get_uuid (plan);
      const char *account_id = rd_document_get_string (plan, "account_id");
      const char *started_on = rd_document_get_string (plan, "started_on");
      gint64 every = member_int (plan, "check_in_days");
      gint64 timeframe = member_int (plan, "timeframe_days");

      if (id == NULL)
        continue;
      g_hash_table_insert (d->plans, (gpointer) id, plan);

      if (g_strcmp0 (rd_document_get_string (plan, "status"), "active") != 0 || started_on == NULL ||
          every <= 0 || timeframe <= 0 || account_state (d, account_id) != ACCOUNT_OPEN)
        continue;

      /* A check-in every @every days until the timeframe is over. */
      for (gint64 k = 1; k * every <= timeframe && k <= 366; k++)
        {
          g_autofree char *date = rd_date_shift (started_on, (int) (k * every));
          g_autofree char *occurrence = g_strdup_printf ("%" G_GINT64_FORMAT, k);

          add_candidate (d, "check_in", account_id, id, occurrence, date,
                         g_strdup_printf (_("Plan check-in with %s"), account_name (d, account_id)),
                         PAST_KEEP);
        }
    }

  for (guint i = 0; sources->plan_steps && i < sources->plan_steps->len; i++)
    {
      JsonObject *step = g_ptr_array_index (sources->plan_steps, i);
      JsonObject *plan = g_hash_table_lookup (d->plans, rd_document_get_string (step, "plan_id") ?: "");
      const char *title = rd_document_get_string (step, "title");
      const char *account_id = plan ? rd_document_get_string (plan, "account_id") : NULL;
      g_autofree char *cut = NULL;

      if (rd_reminder_get_uuid (step) == NULL || rd_document_get_string (step, "done_on") != NULL ||
          plan == NULL || !plan_is_running (plan))
        continue;
      if (account_state (d, account_id) != ACCOUNT_OPEN &&
          !(account_state (d, account_id) == ACCOUNT_OFFBOARDING && is_offboarding_plan (plan)))
        continue;

      cut = title ? rd_reminder_ellipsize (title, TEXT_MAX_CHARS) : NULL;
      add_candidate (d, "plan_step", account_id, rd_reminder_get_uuid (step), "",
                     rd_document_get_string (step, "due_on"),
                     g_strdup_printf (_("%s: %s"), account_name (d, account_id),
                                      cut ? cut : _("a plan step is due")),
                     PAST_KEEP);
    }
}

static void
derive_bridges_and_losses (Derivation              *d,
                           const RdReminderSources *sources)
{
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; sources->bridges && i < sources->bridges->len; i++)
    {
      JsonObject *bridge = g_ptr_array_index (sources->bridges, i);
      const char *account_id = rd_document_get_string (bridge, "account_id");

      if (rd_reminder_get_uuid (bridge) == NULL ||
          g_strcmp0 (rd_document_get_string (bridge, "status"), "accepted") != 0 ||
          account_state (d, account_id) != ACCOUNT_OPEN)
        continue;

      add_candidate (d, "bridge_end", account_id, rd_reminder_get_uuid (bridge), "",
                     rd_document_get_string (bridge, "ends_on"),
                     g_strdup_printf (_("%s: the bridge ends"), account_name (d, account_id)),
                     PAST_KEEP);
    }

  /* A lost account: the re-engage date of its open loss, and nothing else. */
  g_hash_table_iter_init (&iter, d->accounts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AccountInfo *info = value;
      JsonObject *loss = info->open_loss;

      if (info->state != ACCOUNT_LOST || loss == NULL)
        continue;

      add_candidate (d, "reengage", key, rd_reminder_get_uuid (loss), "",
                     rd_document_get_string (loss, "reengage_on"),
                     g_strdup_printf (_("Time to re-engage %s"), account_name (d, key)), PAST_KEEP);
    }
}

/* The weekly update, one open at a time: this week's (once the series
 * runs, or while it is still to come), overdue when missed, until it is
 * done; then next week's.  A fresh install starts with the next one to
 * come, never with one already past.  When a new week begins, last week's,
 * if still open, is derived no more and so retired: this week's takes its
 * place.  A done one stays done.  Next week's, when already stored open
 * (by an earlier version, or by another desk running one), is kept rather
 * than retired, so that desks do not delete and make it again in turn;
 * rd_reminders_list_open() shows only the earliest open one. */
static void
derive_weekly_update (Derivation *d)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (d->now, d->tz);
  g_autoptr(GHashTable) open = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  const char *series_start = NULL;
  gboolean one_open = FALSE;
  GDate date;
  int back;

  if (!d->prefs->weekly_enabled)
    return;

  for (guint i = 0; i < d->stored->len; i++)
    {
      const RdStoredReminder *reminder = g_ptr_array_index (d->stored, i);
      const char *due_at = reminder->due_at;

      if (g_strcmp0 (reminder->kind, "weekly_update") != 0 || due_at == NULL ||
          reminder->deleted || reminder->uuid == NULL)
        continue;
      if (series_start == NULL || strcmp (due_at, series_start) < 0)
        series_start = due_at;
      g_hash_table_add (reminder->done_at != NULL ? done : open, (gpointer) reminder->uuid);
    }

  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  back = ((int) g_date_get_weekday (&date) - (int) d->prefs->weekly_day + 7) % 7;
  g_date_subtract_days (&date, back);

  for (int week = 0; week < 2; week++, g_date_add_days (&date, 7))
    {
      g_autofree char *iso = rd_date_to_string (&date);
      g_autofree char *due_at = rd_reminder_due_for_date (iso, d->prefs->weekly_minutes, d->tz);
      g_autofree char *id = rd_reminder_make_id ("weekly_update", "", iso);

      if (due_at == NULL)
        continue;
      if (strcmp (due_at, d->now_at) < 0 &&
          (series_start == NULL || strcmp (due_at, series_start) < 0))
        continue;
      if (one_open && !g_hash_table_contains (open, id) && !g_hash_table_contains (done, id))
        break;

      one_open = one_open || !g_hash_table_contains (done, id);
      insert_candidate (d, g_steal_pointer (&id), "weekly_update", NULL, iso,
                        g_steal_pointer (&due_at), g_strdup (_("Send the weekly team update")),
                        PAST_KEEP);
    }
}

/* Settles the due time of @c against what is stored (@old, may be NULL).
 * FALSE: nothing is to be created. */
static gboolean
resolve_due (Derivation          *d,
             Candidate           *c,
             const RdStoredReminder *old)
{
  const char *old_due = old ? old->due_at : NULL;
  const char *old_anchor = old ? old->anchored_on : NULL;

  /* Still to come: its own date. */
  if (c->due_at != NULL && strcmp (c->due_at, d->now_at) >= 0)
    return TRUE;

  switch (c->past)
    {
    case PAST_KEEP:
      return TRUE;

    case PAST_SKIP:
      if (old == NULL)
        return FALSE;
      G_GNUC_FALLTHROUGH;

    case PAST_ANCHOR:
    default:
      if (old_due != NULL && old_anchor != NULL)
        {
          /* Anchored before: it stays on the day it was first seen. */
          g_free (c->due_at);
          c->due_at = g_strdup (old_due);
          c->anchored_on = g_strdup (old_anchor);
        }
      else if (old_due != NULL && (c->due_at == NULL || g_str_equal (old_due, c->due_at)))
        {
          /* It was there in time: overdue is the truth. */
          g_free (c->due_at);
          c->due_at = g_strdup (old_due);
        }
      else
        {
          /* New, or its date moved into the past: due now, once. */
          g_free (c->due_at);
          c->due_at = g_strdup (d->first_seen_at);
          c->anchored_on = g_strdup (d->today);
        }
      return TRUE;
    }
}

static JsonObject *
candidate_to_document (Candidate  *c,
                       JsonObject *existing)
{
  JsonObject *doc;
  g_autofree char *doc_id = rd_document_make_id ("reminder", c->id);

  if (existing != NULL)
    {
      doc = rd_document_copy_object (existing);
      /* A moved date is news: forget the old snooze and notification. */
      if (g_strcmp0 (rd_document_get_string (existing, "due_at"), c->due_at) != 0)
        {
          json_object_remove_member (doc, "snoozed_until");
          json_object_remove_member (doc, "notified_at");
        }
    }
  else
    {
      doc = json_object_new ();
      json_object_set_string_member (doc, "_id", doc_id);
      json_object_set_string_member (doc, "type", "reminder");
    }

  json_object_set_string_member (doc, "kind", c->kind);
  json_object_set_string_member (doc, "due_at", c->due_at);
  json_object_set_string_member (doc, "title", c->title);
  if (c->source_id != NULL)
    json_object_set_string_member (doc, "source_id", c->source_id);
  if (c->account_id != NULL)
    json_object_set_string_member (doc, "account_id", c->account_id);
  else
    json_object_remove_member (doc, "account_id");
  if (c->anchored_on != NULL)
    json_object_set_string_member (doc, "anchored_on", c->anchored_on);
  else
    json_object_remove_member (doc, "anchored_on");

  return doc;
}

/* The whole stored document a change of @old starts from: from @docs
 * (uuid → document) when the sources are documents, else loaded. */
static JsonObject *
whole_reminder (const RdReminderSources *sources,
                GHashTable              *docs,
                const RdStoredReminder     *old)
{
  g_autofree char *doc_id = NULL;

  if (docs != NULL)
    return json_object_ref (g_hash_table_lookup (docs, old->uuid));
  if (sources->load_reminder == NULL)
    return NULL;

  doc_id = rd_document_make_id ("reminder", old->uuid);
  return sources->load_reminder (doc_id, sources->load_data);
}

static gboolean
candidate_matches (Candidate           *c,
                   const RdStoredReminder *existing)
{
  return g_strcmp0 (existing->due_at, c->due_at) == 0 &&
         g_strcmp0 (existing->title, c->title) == 0 &&
         g_strcmp0 (existing->account_id, c->account_id) == 0 &&
         g_strcmp0 (existing->source_id, c->source_id) == 0 &&
         g_strcmp0 (existing->anchored_on, c->anchored_on) == 0;
}

/* When deriving an account again, with none of its data changed, can
 * change its reminders: the rules are a fixed point once derived.  A date
 * passing moves nothing: a reminder stored in time keeps its date and goes
 * overdue, an anchored one keeps its anchor, one skipped in the past stays
 * skipped, a done one stays done, and a reminder's date, title, account
 * and done-ness come from the data alone.  Two things do move with the
 * day alone: the weekly update (derived on every run, outside any
 * account), and a day of work counted as today for want of a date of its
 * own (note_work()), which is another day tomorrow: such an account is due
 * again tomorrow. */
static GHashTable *
due_on_by_account (Derivation *d)
{
  GHashTable *due_on = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *tomorrow = rd_date_shift (d->today, 1);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, d->accounts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AccountInfo *info = value;

      if (info->work_today)
        g_hash_table_insert (due_on, g_strdup (key), g_strdup (tomorrow));
    }

  return due_on;
}

/* @reminders (documents) as rows into @rows (as many), their documents by
 * uuid into @docs; rows without a uuid are left out. */
static void
rows_from_documents (GPtrArray     *reminders,
                     RdStoredReminder *rows,
                     GPtrArray     *stored,
                     GHashTable    *docs)
{
  for (guint i = 0; i < reminders->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (reminders, i);
      RdStoredReminder *row = &rows[i];

      row->uuid = rd_reminder_get_uuid (doc);
      row->kind = rd_document_get_string (doc, "kind");
      row->due_at = rd_document_get_string (doc, "due_at");
      row->title = rd_document_get_string (doc, "title");
      row->account_id = rd_document_get_string (doc, "account_id");
      row->source_id = rd_document_get_string (doc, "source_id");
      row->done_at = rd_document_get_string (doc, "done_at");
      row->anchored_on = rd_document_get_string (doc, "anchored_on");
      row->deleted = json_object_get_boolean_member_with_default (doc, "_deleted", FALSE);
      g_ptr_array_add (stored, row);
      if (row->uuid != NULL)
        g_hash_table_insert (docs, (gpointer) row->uuid, doc);
    }
}

void
rd_reminder_prefs_init (RdReminderPrefs *prefs)
{
  g_return_if_fail (prefs != NULL);

  prefs->renewal_lead_days = 120;
  prefs->remind_minutes = 9 * 60;
  prefs->weekly_enabled = TRUE;
  prefs->weekly_day = G_DATE_MONDAY;
  prefs->weekly_minutes = 9 * 60;
}

char *
rd_reminder_ellipsize (const char *text,
                       guint       max_chars)
{
  g_autofree char *head = NULL;
  glong len;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (max_chars > 0, NULL);

  len = g_utf8_strlen (text, -1);
  if ((gulong) len <= max_chars)
    return g_strdup (text);

  /* Room for the ellipsis; no space left dangling before it. */
  head = g_utf8_substring (text, 0, max_chars - 1);
  g_strchomp (head);

  return g_strconcat (head, "…", NULL);
}

char *
rd_reminder_make_id (const char *kind,
                     const char *source_id,
                     const char *occurrence)
{
  static const char hex[] = "0123456789abcdef";
  const char *parts[] = { kind, source_id ? source_id : "", occurrence ? occurrence : "" };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  char hash[41];
  char *id;

  g_return_val_if_fail (kind != NULL, NULL);

  /* SHA-1 of "renewal-desk-reminder", kind, source and occurrence joined
   * by U+001F; a book derives hundreds of thousands of them, so without
   * building the joined text or the hex digest as strings. */
  g_checksum_update (checksum, (const guchar *) "renewal-desk-reminder", -1);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
      g_checksum_update (checksum, (const guchar *) parts[i], -1);
    }
  g_checksum_get_digest (checksum, digest, &digest_len);
  for (gsize i = 0; i < digest_len; i++)
    {
      hash[2 * i] = hex[digest[i] >> 4];
      hash[2 * i + 1] = hex[digest[i] & 0xf];
    }
  hash[40] = '\0';

  /* Shaped like an RFC 4122 version 5 UUID: 8-4-4-4-12 hex digits. */
  id = g_malloc (37);
  memcpy (id, hash, 8);
  id[8] = '-';
  memcpy (id + 9, hash + 8, 4);
  id[13] = '-';
  id[14] = '5';
  memcpy (id + 15, hash + 13, 3);
  id[18] = '-';
  id[19] = "89ab"[g_ascii_xdigit_value (hash[16]) & 3];
  memcpy (id + 20, hash + 17, 3);
  id[23] = '-';
  memcpy (id + 24, hash + 20, 12);
  id[36] = '\0';

  return id;
}

char *
rd_reminder_due_for_date (const char *iso_date,
                          guint       minutes,
                          GTimeZone  *tz)
{
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  g_return_val_if_fail (tz != NULL, NULL);

  if (iso_date == NULL || !rd_date_parse (iso_date, &date))
    return NULL;

  local = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), minutes / 60, minutes % 60, 0);
  if (local == NULL)
    return NULL;

  return rd_reminder_format_instant (local);
}

char *
rd_reminder_format_instant (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (instant != NULL, NULL);

  utc = g_date_time_to_utc (instant);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
rd_reminder_is_done (JsonObject *reminder)
{
  g_return_val_if_fail (reminder != NULL, TRUE);

  return rd_document_get_string (reminder, "done_at") != NULL ||
         json_object_get_boolean_member_with_default (reminder, "_deleted", FALSE);
}

const char *
rd_reminder_get_uuid (JsonObject *reminder)
{
  const char *doc_id;
  const char *colon;

  g_return_val_if_fail (reminder != NULL, NULL);

  doc_id = rd_document_get_string (reminder, "_id");
  colon = doc_id != NULL ? strchr (doc_id, ':') : NULL;

  return colon != NULL ? colon + 1 : NULL;
}


RdReminderChanges *
rd_reminders_derive (const RdReminderPrefs   *prefs,
                     const RdReminderSources *sources,
                     GTimeZone               *tz,
                     GDateTime               *now)
{
  g_autoptr(RdReminderChanges) changes = NULL;
  g_autoptr(GHashTable) existing = NULL;
  g_autoptr(GHashTable) docs = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *remind_at = NULL;
  g_autofree RdStoredReminder *rows = NULL;
  Derivation d = { 0 };
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (prefs != NULL, NULL);
  g_return_val_if_fail (sources != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local = g_date_time_to_timezone (now, tz);
  d.prefs = prefs;
  d.tz = tz;
  d.now = now;
  d.now_at = rd_reminder_format_instant (now);
  d.today = g_date_time_format (local, "%Y-%m-%d");
  remind_at = rd_reminder_due_for_date (d.today, prefs->remind_minutes, tz);
  d.first_seen_at = g_strdup (remind_at != NULL && strcmp (remind_at, d.now_at) > 0
                              ? remind_at : d.now_at);
  d.accounts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, account_info_free);
  d.plans = g_hash_table_new (g_str_hash, g_str_equal);
  d.candidates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, candidate_free);
  d.due_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The stored reminders, as rows whatever the sources hold. */
  if (sources->reminder_rows != NULL)
    stored = g_ptr_array_ref (sources->reminder_rows);
  else
    {
      guint n = sources->reminders ? sources->reminders->len : 0;

      stored = g_ptr_array_sized_new (n);
      rows = g_new0 (RdStoredReminder, n);
      docs = g_hash_table_new (g_str_hash, g_str_equal);
      if (n > 0)
        rows_from_documents (sources->reminders, rows, stored, docs);
    }
  d.stored = stored;

  collect_accounts (&d, sources);
  note_offboarding_plans (&d, sources);
  derive_accounts (&d);
  derive_delays (&d, sources);
  derive_plans (&d, sources);
  derive_bridges_and_losses (&d, sources);
  derive_weekly_update (&d);

  changes = g_new0 (RdReminderChanges, 1);
  changes->put = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  changes->retire = g_ptr_array_new_with_free_func (g_free);
  changes->due_on = due_on_by_account (&d);

  existing = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < stored->len; i++)
    {
      const RdStoredReminder *reminder = g_ptr_array_index (stored, i);

      if (reminder->uuid != NULL)
        g_hash_table_insert (existing, (gpointer) reminder->uuid, (gpointer) reminder);
    }

  g_hash_table_iter_init (&iter, d.candidates);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Candidate *c = value;
      const RdStoredReminder *old = g_hash_table_lookup (existing, c->id);

      if (old == NULL && sources->find_reminder != NULL)
        old = sources->find_reminder (c->id, sources->load_data);

      /* Done is done: deriving again never brings it back. */
      if (old != NULL && old->done_at != NULL)
        continue;

      /* Finished by itself: an open one is done now; none is made. */
      if (c->done)
        {
          g_autoptr(JsonObject) whole = old != NULL ? whole_reminder (sources, docs, old) : NULL;

          if (whole != NULL)
            {
              JsonObject *doc = rd_document_copy_object (whole);

              json_object_set_string_member (doc, "done_at", d.now_at);
              g_ptr_array_add (changes->put, doc);
            }
          continue;
        }

      if (!resolve_due (&d, c, old))
        continue;
      if (old == NULL)
        g_ptr_array_add (changes->put, candidate_to_document (c, NULL));
      else if (!candidate_matches (c, old))
        {
          g_autoptr(JsonObject) whole = whole_reminder (sources, docs, old);

          if (whole != NULL)
            g_ptr_array_add (changes->put, candidate_to_document (c, whole));
        }
    }

  g_hash_table_iter_init (&iter, existing);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const RdStoredReminder *old = value;

      /* Done (rd_reminder_is_done()), manual or still derived: kept. */
      if (g_strcmp0 (old->kind, "manual") == 0 || old->done_at != NULL || old->deleted ||
          g_hash_table_contains (d.candidates, old->uuid))
        continue;

      g_ptr_array_add (changes->retire, rd_document_make_id ("reminder", old->uuid));
    }

  g_free (d.now_at);
  g_free (d.today);
  g_free (d.first_seen_at);
  g_hash_table_unref (d.accounts);
  g_hash_table_unref (d.plans);
  g_hash_table_unref (d.candidates);
  g_hash_table_unref (d.due_at);

  return g_steal_pointer (&changes);
}

void
rd_reminder_changes_free (RdReminderChanges *changes)
{
  if (changes == NULL)
    return;

  g_clear_pointer (&changes->put, g_ptr_array_unref);
  g_clear_pointer (&changes->retire, g_ptr_array_unref);
  g_clear_pointer (&changes->due_on, g_hash_table_unref);
  g_free (changes);
}
