/* rd-reminders.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-enums.h"
#include "rd-format.h"
#include "rd-reminders.h"

typedef struct
{
  char *id;
  char *kind;
  char *account_id;
  char *source_id;
  char *due_at;
  char *title;
  gboolean beyond_horizon;   /* only moves an existing reminder */
} Candidate;

typedef struct
{
  const RdReminderPrefs *prefs;
  GTimeZone             *tz;
  GDateTime             *now;
  char                  *horizon;      /* due_at strings beyond this are left for later */
  GHashTable            *names;        /* account id → name */
  GHashTable            *statuses;     /* account id → status id */
  GHashTable            *plans;        /* plan id → plan document */
  GHashTable            *candidates;   /* id → Candidate */
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
  g_free (c);
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

static const char *
uuid_of (JsonObject *doc)
{
  const char *doc_id = rd_document_get_string (doc, "_id");
  const char *colon = doc_id ? strchr (doc_id, ':') : NULL;

  return colon ? colon + 1 : NULL;
}

static char *
format_instant (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
shift_date (const char *iso,
            int         days)
{
  GDate date;

  if (iso == NULL || !rd_date_parse (iso, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);

  return rd_date_to_string (&date);
}

/* Adds a reminder due on @date (all day).  Beyond the horizon it is only
 * kept to move a reminder that exists already; new ones wait till later. */
static void
add_candidate (Derivation *d,
               const char *kind,
               const char *account_id,
               const char *source_id,
               const char *occurrence,
               const char *date,
               char       *title)   /* (transfer full) */
{
  g_autofree char *due_at = NULL;
  Candidate *c;

  due_at = rd_reminder_due_for_date (date, d->prefs->remind_minutes, d->tz);
  if (due_at == NULL)
    {
      g_free (title);
      return;
    }

  c = g_new0 (Candidate, 1);
  c->beyond_horizon = strcmp (due_at, d->horizon) > 0;
  c->id = rd_reminder_make_id (kind, source_id, occurrence);
  c->kind = g_strdup (kind);
  c->account_id = g_strdup (account_id);
  c->source_id = g_strdup (source_id);
  c->due_at = g_steal_pointer (&due_at);
  c->title = title;
  g_hash_table_replace (d->candidates, c->id, c);
}

static const char *
account_name (Derivation *d,
              const char *account_id)
{
  const char *name = account_id ? g_hash_table_lookup (d->names, account_id) : NULL;

  return name ? name : _("an account");
}

static gboolean
account_is_open (Derivation *d,
                 const char *account_id)
{
  const char *status = g_hash_table_lookup (d->statuses, account_id);

  /* A renewed or lost account has nothing left to renew. */
  return g_strcmp0 (status, "renewed") != 0 && g_strcmp0 (status, "lost") != 0;
}

static void
derive_accounts (Derivation              *d,
                 const RdReminderSources *sources)
{
  for (guint i = 0; sources->accounts && i < sources->accounts->len; i++)
    {
      JsonObject *account = g_ptr_array_index (sources->accounts, i);
      const char *id = uuid_of (account);
      const char *end = rd_document_get_string (account, "contract_end");
      const char *deadline = rd_document_get_string (account, "effective_end");
      g_autofree char *start_on = NULL;
      const char *name;

      if (deadline == NULL)
        deadline = end;
      if (id == NULL || deadline == NULL || !account_is_open (d, id))
        continue;

      name = account_name (d, id);
      start_on = shift_date (deadline, -(int) d->prefs->renewal_lead_days);

      /* The original end names the renewal cycle: an extension moves these
       * reminders, a renewal (a new contract end) starts new ones. */
      add_candidate (d, "renewal_start", id, id, end ? end : deadline, start_on,
                     g_strdup_printf (_("Start the renewal conversation with %s"), name));
      add_candidate (d, "contract_end", id, id, end ? end : deadline, deadline,
                     g_strdup_printf (_("%s: the contract ends"), name));
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
    /* Translators: "Nordlicht Energie AG: send the signed order form" */
    return g_strdup_printf (_("%s: %s"), name, next_step);
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
      const char *id = uuid_of (delay);
      const char *account_id = rd_document_get_string (delay, "account_id");
      const char *next_step = rd_document_get_string (delay, "next_step");

      if (id == NULL || g_strcmp0 (rd_document_get_string (delay, "status"), "resolved") == 0)
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (dates); k++)
        {
          const char *date = rd_document_get_string (delay, dates[k].field);
          char *title;

          if (date == NULL)
            continue;

          title = delay_title (dates[k].kind, account_name (d, account_id), next_step);

          add_candidate (d, dates[k].kind, account_id, id, "", date, title);
        }
    }
}

static gboolean
plan_is_running (JsonObject *plan)
{
  const char *status = plan ? rd_document_get_string (plan, "status") : NULL;

  return status == NULL || g_str_equal (status, "draft") || g_str_equal (status, "active");
}

static void
derive_plans (Derivation              *d,
              const RdReminderSources *sources)
{
  for (guint i = 0; sources->plans && i < sources->plans->len; i++)
    {
      JsonObject *plan = g_ptr_array_index (sources->plans, i);
      const char *id = uuid_of (plan);
      const char *account_id = rd_document_get_string (plan, "account_id");
      const char *started_on = rd_document_get_string (plan, "started_on");
      gint64 every = member_int (plan, "check_in_days");
      gint64 timeframe = member_int (plan, "timeframe_days");

      if (id == NULL)
        continue;
      g_hash_table_insert (d->plans, (gpointer) id, plan);

      if (g_strcmp0 (rd_document_get_string (plan, "status"), "active") != 0 || started_on == NULL ||
          every <= 0 || timeframe <= 0)
        continue;

      /* A check-in every @every days until the timeframe is over. */
      for (gint64 k = 1; k * every <= timeframe && k <= 366; k++)
        {
          g_autofree char *date = shift_date (started_on, (int) (k * every));
          g_autofree char *occurrence = g_strdup_printf ("%" G_GINT64_FORMAT, k);

          add_candidate (d, "check_in", account_id, id, occurrence, date,
                         g_strdup_printf (_("Plan check-in with %s"), account_name (d, account_id)));
        }
    }

  for (guint i = 0; sources->plan_steps && i < sources->plan_steps->len; i++)
    {
      JsonObject *step = g_ptr_array_index (sources->plan_steps, i);
      JsonObject *plan = g_hash_table_lookup (d->plans, rd_document_get_string (step, "plan_id") ?: "");
      const char *title = rd_document_get_string (step, "title");
      const char *account_id = plan ? rd_document_get_string (plan, "account_id") : NULL;

      if (uuid_of (step) == NULL || rd_document_get_string (step, "done_on") != NULL || plan == NULL ||
          !plan_is_running (plan))
        continue;

      add_candidate (d, "plan_step", account_id, uuid_of (step), "", rd_document_get_string (step, "due_on"),
                     g_strdup_printf (_("%s: %s"), account_name (d, account_id),
                                      title ? title : _("a plan step is due")));
    }
}

static void
derive_bridges_and_losses (Derivation              *d,
                           const RdReminderSources *sources)
{
  for (guint i = 0; sources->bridges && i < sources->bridges->len; i++)
    {
      JsonObject *bridge = g_ptr_array_index (sources->bridges, i);
      const char *account_id = rd_document_get_string (bridge, "account_id");

      if (uuid_of (bridge) == NULL || g_strcmp0 (rd_document_get_string (bridge, "status"), "accepted") != 0 ||
          !account_is_open (d, account_id ?: ""))
        continue;

      add_candidate (d, "bridge_end", account_id, uuid_of (bridge), "", rd_document_get_string (bridge, "ends_on"),
                     g_strdup_printf (_("%s: the bridge ends"), account_name (d, account_id)));
    }

  for (guint i = 0; sources->losses && i < sources->losses->len; i++)
    {
      JsonObject *loss = g_ptr_array_index (sources->losses, i);
      const char *account_id = rd_document_get_string (loss, "account_id");

      if (uuid_of (loss) == NULL || rd_document_get_string (loss, "reopened_on") != NULL)
        continue;

      add_candidate (d, "reengage", account_id, uuid_of (loss), "", rd_document_get_string (loss, "reengage_on"),
                     g_strdup_printf (_("Time to re-engage %s"), account_name (d, account_id)));
    }
}

static void
derive_weekly_update (Derivation *d)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (d->now, d->tz);
  GDate date;
  int back;

  if (!d->prefs->weekly_enabled)
    return;

  /* This week's update (which may be due already) and next week's. */
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  back = ((int) g_date_get_weekday (&date) - (int) d->prefs->weekly_day + 7) % 7;
  g_date_subtract_days (&date, back);

  for (int week = 0; week < 2; week++)
    {
      g_autofree char *iso = rd_date_to_string (&date);
      g_autofree char *due_at = rd_reminder_due_for_date (iso, d->prefs->weekly_minutes, d->tz);
      Candidate *c = g_new0 (Candidate, 1);

      c->id = rd_reminder_make_id ("weekly_update", "", iso);
      c->kind = g_strdup ("weekly_update");
      c->source_id = g_strdup (iso);
      c->due_at = g_steal_pointer (&due_at);
      c->title = g_strdup (_("Send the weekly team update"));
      g_hash_table_replace (d->candidates, c->id, c);

      g_date_add_days (&date, 7);
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

  return doc;
}

static gboolean
candidate_matches (Candidate  *c,
                   JsonObject *existing)
{
  return g_strcmp0 (rd_document_get_string (existing, "due_at"), c->due_at) == 0 &&
         g_strcmp0 (rd_document_get_string (existing, "title"), c->title) == 0 &&
         g_strcmp0 (rd_document_get_string (existing, "account_id"), c->account_id) == 0 &&
         g_strcmp0 (rd_document_get_string (existing, "source_id"), c->source_id) == 0;
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
  prefs->horizon_days = 90;
}

char *
rd_reminder_make_id (const char *kind,
                     const char *source_id,
                     const char *occurrence)
{
  g_autofree char *name = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (kind != NULL, NULL);

  name = g_strjoin ("\x1f", "renewal-desk-reminder", kind, source_id ? source_id : "",
                    occurrence ? occurrence : "", NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  /* Shaped like an RFC 4122 version 5 UUID. */
  return g_strdup_printf ("%.8s-%.4s-5%.3s-%c%.3s-%.12s",
                          hash, hash + 8, hash + 13,
                          "89ab"[g_ascii_xdigit_value (hash[16]) & 3], hash + 17, hash + 20);
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

  return format_instant (local);
}

RdReminderChanges *
rd_reminders_derive (const RdReminderPrefs   *prefs,
                     const RdReminderSources *sources,
                     GTimeZone               *tz,
                     GDateTime               *now)
{
  g_autoptr(RdReminderChanges) changes = NULL;
  g_autoptr(GHashTable) existing = NULL;
  g_autoptr(GDateTime) horizon = NULL;
  Derivation d = { 0 };
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (prefs != NULL, NULL);
  g_return_val_if_fail (sources != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  horizon = g_date_time_add_days (now, prefs->horizon_days);
  d.prefs = prefs;
  d.tz = tz;
  d.now = now;
  d.horizon = format_instant (horizon);
  d.names = g_hash_table_new (g_str_hash, g_str_equal);
  d.statuses = g_hash_table_new (g_str_hash, g_str_equal);
  d.plans = g_hash_table_new (g_str_hash, g_str_equal);
  d.candidates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, candidate_free);

  for (guint i = 0; sources->accounts && i < sources->accounts->len; i++)
    {
      JsonObject *account = g_ptr_array_index (sources->accounts, i);
      const char *id = uuid_of (account);

      if (id == NULL)
        continue;
      g_hash_table_insert (d.names, (gpointer) id, (gpointer) rd_document_get_string (account, "name"));
      g_hash_table_insert (d.statuses, (gpointer) id, (gpointer) rd_document_get_string (account, "status"));
    }

  derive_accounts (&d, sources);
  derive_delays (&d, sources);
  derive_plans (&d, sources);
  derive_bridges_and_losses (&d, sources);
  derive_weekly_update (&d);

  changes = g_new0 (RdReminderChanges, 1);
  changes->put = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  changes->retire = g_ptr_array_new_with_free_func (g_free);

  existing = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; sources->reminders && i < sources->reminders->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (sources->reminders, i);
      const char *id = uuid_of (reminder);

      if (id != NULL)
        g_hash_table_insert (existing, (gpointer) id, reminder);
    }

  g_hash_table_iter_init (&iter, d.candidates);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Candidate *c = value;
      JsonObject *old = g_hash_table_lookup (existing, c->id);

      /* Done is done: deriving again never brings it back. */
      if (old != NULL && rd_document_get_string (old, "done_at") != NULL)
        continue;
      if (old == NULL && c->beyond_horizon)
        continue;
      if (old != NULL && candidate_matches (c, old))
        continue;

      g_ptr_array_add (changes->put, candidate_to_document (c, old));
    }

  g_hash_table_iter_init (&iter, existing);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *old = value;

      if (g_strcmp0 (rd_document_get_string (old, "kind"), "manual") == 0 || rd_document_get_string (old, "done_at") != NULL ||
          json_object_get_boolean_member_with_default (old, "_deleted", FALSE) ||
          g_hash_table_contains (d.candidates, uuid_of (old)))
        continue;

      g_ptr_array_add (changes->retire, g_strdup (rd_document_get_string (old, "_id")));
    }

  g_free (d.horizon);
  g_hash_table_unref (d.names);
  g_hash_table_unref (d.statuses);
  g_hash_table_unref (d.plans);
  g_hash_table_unref (d.candidates);

  return g_steal_pointer (&changes);
}

void
rd_reminder_changes_free (RdReminderChanges *changes)
{
  if (changes == NULL)
    return;

  g_clear_pointer (&changes->put, g_ptr_array_unref);
  g_clear_pointer (&changes->retire, g_ptr_array_unref);
  g_free (changes);
}
