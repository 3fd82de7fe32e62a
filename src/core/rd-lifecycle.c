/* rd-lifecycle.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-lifecycle"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
#include "rd-plan.h"
#include "rd-store.h"

static const RdEnumEntry renewal_choice_entries[] = {
  { "renew_current", N_("Renew the current scope") },
  { "renew_expansion", N_("Renew with expansion") },
  { "do_not_renew", N_("Do not renew") },
};

const RdEnumTable rd_renewal_choice_table = {
  "account.renewal_choice", renewal_choice_entries, G_N_ELEMENTS (renewal_choice_entries)
};

static GPtrArray *
doc_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}

static gboolean
fail (GError    **error,
      char      **out_field,
      const char *field,
      const char *message)
{
  if (out_field != NULL)
    *out_field = g_strdup (field);
  g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  while (g_ascii_isspace (*s))
    s++;
  return *s == '\0';
}

static void
set_or_remove (JsonObject *doc,
               const char *member,
               const char *value)
{
  if (blank (value))
    json_object_remove_member (doc, member);
  else
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      json_object_set_string_member (doc, member, stripped);
    }
}

char *
rd_lifecycle_default_reengage (const GDate *today,
                               int          days)
{
  GDate date;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  date = *today;
  g_date_add_days (&date, MAX (days, 0));
  return rd_date_to_string (&date);
}

JsonObject *
rd_bridge_new_document (const char          *account_id,
                        const RdBridgeQuote *quote,
                        const char          *today)
{
  JsonObject *doc;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = rd_document_make_id ("bridge", uuid);

  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (quote != NULL, NULL);

  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "bridge");
  json_object_set_string_member (doc, "account_id", account_id);
  json_object_set_string_member (doc, "kind", rd_enum_table_id (&rd_bridge_kind_table, quote->kind));
  json_object_set_string_member (doc, "status",
                                 rd_enum_table_id (&rd_bridge_status_table, RD_BRIDGE_STATUS_PROPOSED));
  json_object_set_int_member (doc, "price_minor", quote->price_minor);
  set_or_remove (doc, "starts_on", quote->starts_on);
  set_or_remove (doc, "ends_on", quote->ends_on);
  set_or_remove (doc, "proposed_on", today);
  return doc;
}

gboolean
rd_lifecycle_bridge_is_accepted (JsonObject *bridge)
{
  g_return_val_if_fail (bridge != NULL, FALSE);

  return !json_object_get_boolean_member_with_default (bridge, "_deleted", FALSE) &&
         g_strcmp0 (json_object_get_string_member_with_default (bridge, "status", NULL),
                    "accepted") == 0;
}

guint
rd_lifecycle_count_accepted (GPtrArray *bridges)
{
  guint n = 0;

  for (guint i = 0; bridges != NULL && i < bridges->len; i++)
    if (rd_lifecycle_bridge_is_accepted (g_ptr_array_index (bridges, i)))
      n++;
  return n;
}

guint
rd_lifecycle_count_bridging (GPtrArray  *bridges,
                             const char *contract_end)
{
  guint n = 0;

  for (guint i = 0; bridges != NULL && i < bridges->len; i++)
    {
      JsonObject *bridge = g_ptr_array_index (bridges, i);
      const char *ends_on = json_object_get_string_member_with_default (bridge, "ends_on", NULL);

      if (rd_lifecycle_bridge_is_accepted (bridge) &&
          (blank (ends_on) || blank (contract_end) || g_strcmp0 (ends_on, contract_end) > 0))
        n++;
    }
  return n;
}

char *
rd_lifecycle_effective_end (const char *contract_end,
                            GPtrArray  *bridges)
{
  const char *latest = NULL;

  for (guint i = 0; bridges != NULL && i < bridges->len; i++)
    {
      JsonObject *bridge = g_ptr_array_index (bridges, i);
      const char *ends_on = json_object_get_string_member_with_default (bridge, "ends_on", NULL);
      int kind = rd_enum_table_lookup (&rd_bridge_kind_table,
                                       json_object_get_string_member_with_default (bridge, "kind", NULL));
      GDate date;

      if (!rd_lifecycle_bridge_is_accepted (bridge) || kind < 0 ||
          !rd_pricing_kind_moves_deadline (kind) || blank (ends_on) || !rd_date_parse (ends_on, &date))
        continue;
      if (latest == NULL || g_strcmp0 (ends_on, latest) > 0)
        latest = ends_on;
    }

  /* Only ever later than the contract: a bridge that ended before a
   * renewed term is history, not a deadline. */
  if (latest == NULL || (!blank (contract_end) && g_strcmp0 (latest, contract_end) <= 0))
    return NULL;

  return g_strdup (latest);
}

static gboolean
bridge_days (JsonObject *bridge,
             const char **out_start,
             const char **out_end)
{
  const char *starts_on = json_object_get_string_member_with_default (bridge, "starts_on", NULL);
  const char *ends_on = json_object_get_string_member_with_default (bridge, "ends_on", NULL);
  GDate date;

  if (blank (ends_on) || !rd_date_parse (ends_on, &date))
    return FALSE;
  if (blank (starts_on) || !rd_date_parse (starts_on, &date))
    starts_on = ends_on;

  *out_start = starts_on;
  *out_end = ends_on;
  return TRUE;
}

gboolean
rd_lifecycle_bridges_overlap (JsonObject *a,
                              JsonObject *b)
{
  const char *a_start, *a_end, *b_start, *b_end;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  /* Dates without their days cannot be told to overlap. */
  if (!bridge_days (a, &a_start, &a_end) || !bridge_days (b, &b_start, &b_end))
    return FALSE;

  return strcmp (a_start, b_end) <= 0 && strcmp (b_start, a_end) <= 0;
}

JsonObject *
rd_lifecycle_find_overlap (GPtrArray  *bridges,
                           JsonObject *bridge)
{
  const char *id;

  g_return_val_if_fail (bridge != NULL, NULL);

  id = json_object_get_string_member_with_default (bridge, "_id", "");
  for (guint i = 0; bridges != NULL && i < bridges->len; i++)
    {
      JsonObject *other = g_ptr_array_index (bridges, i);

      if (other == bridge ||
          g_strcmp0 (json_object_get_string_member_with_default (other, "_id", NULL), id) == 0)
        continue;
      if (rd_lifecycle_bridge_is_accepted (other) && rd_lifecycle_bridges_overlap (bridge, other))
        return other;
    }

  return NULL;
}

gboolean
rd_lifecycle_check_overlap (GPtrArray   *bridges,
                            JsonObject  *bridge,
                            GError     **error)
{
  JsonObject *other;
  int kind;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (bridge != NULL, FALSE);

  other = rd_lifecycle_find_overlap (bridges, bridge);
  if (other == NULL)
    return TRUE;

  kind = rd_enum_table_lookup (&rd_bridge_kind_table,
                               json_object_get_string_member_with_default (other, "kind", NULL));
  from = rd_date_format (json_object_get_string_member_with_default (other, "starts_on", NULL));
  to = rd_date_format (json_object_get_string_member_with_default (other, "ends_on", NULL));
  g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
               /* Translators: "…overlaps the accepted 30-day extension (2 Mar 2026 to
                * 31 Mar 2026). Propose it again from the new deadline." */
               _("This bridge overlaps the accepted %s (%s to %s). "
                 "Propose it again from the new deadline."),
               kind >= 0 ? rd_enum_table_label (&rd_bridge_kind_table, kind) : _("bridge"),
               *from ? from : "—", *to ? to : "—");
  return FALSE;
}

GPtrArray *
rd_lifecycle_set_bridge_status (RdAccount       *account,
                                JsonObject      *bridge,
                                GPtrArray       *bridges,
                                RdBridgeStatus   status,
                                const char      *today,
                                GError         **error)
{
  g_autoptr(GPtrArray) docs = doc_array ();
  g_autoptr(JsonObject) copy = NULL;
  const char *status_id = rd_enum_table_id (&rd_bridge_status_table, status);
  int current;
  int kind;
  g_autofree char *date_member = NULL;

  g_return_val_if_fail (RD_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (bridge != NULL, NULL);
  g_return_val_if_fail (status_id != NULL, NULL);

  current = rd_enum_table_lookup (&rd_bridge_status_table,
                                  json_object_get_string_member_with_default (bridge, "status", NULL));
  kind = rd_enum_table_lookup (&rd_bridge_kind_table,
                               json_object_get_string_member_with_default (bridge, "kind", NULL));

  if (current == RD_BRIDGE_STATUS_ACCEPTED && status != RD_BRIDGE_STATUS_ACCEPTED)
    {
      fail (error, NULL, "status", _("An accepted bridge stays accepted: record a new one instead."));
      return NULL;
    }

  copy = rd_document_copy_object (bridge);
  json_object_set_string_member (copy, "status", status_id);
  date_member = g_strdup_printf ("%s_on", status_id);
  set_or_remove (copy, date_member, today);

  if (status == RD_BRIDGE_STATUS_ACCEPTED)
    {
      const char *ends_on = json_object_get_string_member_with_default (bridge, "ends_on", NULL);
      g_autoptr(GPtrArray) all = g_ptr_array_new ();
      g_autofree char *effective_end = NULL;
      JsonObject *account_doc;

      if (kind >= 0 && rd_pricing_kind_moves_deadline (kind) && blank (ends_on))
        {
          fail (error, NULL, "ends_on", _("The bridge has no end date, so the deadline cannot move."));
          return NULL;
        }
      if (!rd_lifecycle_check_overlap (bridges, copy, error))
        return NULL;

      for (guint i = 0; bridges != NULL && i < bridges->len; i++)
        {
          JsonObject *other = g_ptr_array_index (bridges, i);

          if (g_strcmp0 (json_object_get_string_member_with_default (other, "_id", NULL),
                         json_object_get_string_member_with_default (copy, "_id", "")) != 0)
            g_ptr_array_add (all, other);
        }
      g_ptr_array_add (all, copy);

      g_ptr_array_add (docs, g_steal_pointer (&copy));
      account_doc = rd_account_to_document (account);
      effective_end = rd_lifecycle_effective_end (rd_account_get_contract_end (account), all);
      set_or_remove (account_doc, "effective_end", effective_end);
      g_ptr_array_add (docs, account_doc);
    }
  else
    g_ptr_array_add (docs, g_steal_pointer (&copy));

  return g_steal_pointer (&docs);
}

GPtrArray *
rd_lifecycle_resolve_overlap (GPtrArray   *bridges,
                              JsonObject  *keep,
                              const char  *today,
                              GError     **error)
{
  g_autoptr(GPtrArray) docs = doc_array ();

  g_return_val_if_fail (keep != NULL, NULL);

  if (!rd_lifecycle_bridge_is_accepted (keep))
    {
      fail (error, NULL, "status", _("Only an accepted bridge can be kept."));
      return NULL;
    }

  for (guint i = 0; bridges != NULL && i < bridges->len; i++)
    {
      JsonObject *other = g_ptr_array_index (bridges, i);
      JsonObject *copy;

      if (other == keep ||
          g_strcmp0 (json_object_get_string_member_with_default (other, "_id", NULL),
                     json_object_get_string_member_with_default (keep, "_id", "")) == 0 ||
          !rd_lifecycle_bridge_is_accepted (other) || !rd_lifecycle_bridges_overlap (keep, other))
        continue;

      copy = rd_document_copy_object (other);
      json_object_set_string_member (copy, "status", "declined");
      set_or_remove (copy, "declined_on", today);
      set_or_remove (copy, "withdrawn_on", today);
      g_ptr_array_add (docs, copy);
    }

  if (docs->len == 0)
    {
      fail (error, NULL, "status", _("No other accepted bridge overlaps this one."));
      return NULL;
    }

  return g_steal_pointer (&docs);
}

/* Copies of the open delays of @related, resolved on @day with @outcome,
 * and of its draft or active plans, ended as failed (a plan cannot be met
 * once the renewal is decided another way).  @related holds an account's
 * delay and plan documents; anything else in it is left alone. */
static void
close_loose_ends (GPtrArray  *docs,
                  GPtrArray  *related,
                  const char *day,
                  const char *outcome)
{
  for (guint i = 0; related != NULL && i < related->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (related, i);
      const char *type = json_object_get_string_member_with_default (doc, "type", "");
      const char *status = json_object_get_string_member_with_default (doc, "status", NULL);
      JsonObject *copy;

      if (json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
        continue;

      if (g_str_equal (type, "delay") && g_strcmp0 (status, "resolved") != 0)
        {
          copy = rd_document_copy_object (doc);
          json_object_set_string_member (copy, "status", "resolved");
          json_object_set_string_member (copy, "resolved_on", day);
          json_object_set_string_member (copy, "outcome", outcome);
          g_ptr_array_add (docs, copy);
        }
      else if (g_str_equal (type, "plan") &&
               (status == NULL || g_str_equal (status, "draft") || g_str_equal (status, "active")))
        {
          copy = rd_document_copy_object (doc);
          json_object_set_string_member (copy, "status", "failed");
          g_ptr_array_add (docs, copy);
        }
    }
}

static JsonObject *
new_document (const char *type,
              const char *account_id)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = rd_document_make_id (type, uuid);
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", type);
  if (account_id != NULL)
    json_object_set_string_member (doc, "account_id", account_id);

  return doc;
}

/* What leaving takes, as steps of an offboarding plan: confirm in writing
 * now, offer the data export well before the end, and end access on the
 * hard deadline. */
static void
add_offboarding_plan (GPtrArray  *docs,
                      RdAccount  *account,
                      const char *today)
{
  const char *deadline = rd_account_get_deadline (account);
  g_autofree char *confirm_on = rd_date_shift (today, 2);
  g_autofree char *export_on = rd_date_shift (deadline, -30);
  JsonObject *plan = new_document ("plan", rd_account_get_id (account));
  const char *plan_uuid = rd_document_uuid (plan);
  struct { const char *title; const char *due_on; } steps[] = {
    { N_("Confirm in writing that the contract ends"), confirm_on },
    { N_("Offer the customer an export of their data"), NULL },
    { N_("End access on the contract's last day"), deadline },
  };

  /* The export comes a month before the end, but never before today. */
  steps[1].due_on = export_on != NULL && g_strcmp0 (export_on, today) > 0 ? export_on : confirm_on;

  json_object_set_string_member (plan, "started_on", today);
  json_object_set_string_member (plan, "status", "active");
  json_object_set_string_member (plan, "kind", "offboarding");
  g_ptr_array_add (docs, plan);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      JsonObject *step = new_document ("plan_step", NULL);

      json_object_set_string_member (step, "plan_id", plan_uuid);
      json_object_set_string_member (step, "horizon", i == 0 ? "48h" : "30d");
      json_object_set_string_member (step, "title", _(steps[i].title));
      if (!blank (steps[i].due_on))
        json_object_set_string_member (step, "due_on", steps[i].due_on);
      g_ptr_array_add (docs, step);
    }
}


char *
rd_lifecycle_next_term_end (const char *start,
                            const char *end,
                            const char *next_start)
{
  GDate from, to, after, months_on, next;
  int months = 12;
  int days = 0;

  g_return_val_if_fail (next_start != NULL, NULL);

  if (!rd_date_parse (next_start, &next))
    return NULL;

  if (!blank (start) && rd_date_parse (start, &from) &&
      !blank (end) && rd_date_parse (end, &to) && g_date_compare (&from, &to) < 0)
    {
      /* A term of whole months lasts as many months again, so that a
       * leap day does not move its end; any other, as many days. */
      after = to;
      g_date_add_days (&after, 1);
      months = ((int) g_date_get_year (&after) - (int) g_date_get_year (&from)) * 12 +
               (int) g_date_get_month (&after) - (int) g_date_get_month (&from);
      months_on = from;
      if (months > 0)
        g_date_add_months (&months_on, (guint) months);
      if (months <= 0 || g_date_compare (&months_on, &after) != 0)
        {
          months = 0;
          days = g_date_days_between (&from, &to) + 1;
        }
    }

  if (months > 0)
    g_date_add_months (&next, (guint) months);
  else
    g_date_add_days (&next, (guint) days);
  g_date_subtract_days (&next, 1);

  return rd_date_to_string (&next);
}

GPtrArray *
rd_lifecycle_choose (RdAccount       *account,
                     RdRenewalChoice  choice,
                     const char      *today,
                     const char      *new_end,
                     GPtrArray       *related)
{
  GPtrArray *docs = doc_array ();
  JsonObject *doc;

  g_return_val_if_fail (RD_IS_ACCOUNT (account), docs);
  g_return_val_if_fail (choice <= RD_CHOICE_DO_NOT_RENEW, docs);
  g_return_val_if_fail (today != NULL, docs);

  doc = rd_account_to_document (account);
  json_object_set_string_member (doc, "renewal_choice",
                                 rd_enum_table_id (&rd_renewal_choice_table, choice));
  set_or_remove (doc, "renewal_choice_on", today);
  g_ptr_array_add (docs, doc);

  if (choice == RD_CHOICE_DO_NOT_RENEW)
    {
      /* Kept visible, out of the committed forecast, and wound down. */
      json_object_set_string_member (doc, "status",
                                     rd_enum_table_id (&rd_status_table, RD_STATUS_EXPECTED_CHURN));
      close_loose_ends (docs, related, today, "not_renewing");
      add_offboarding_plan (docs, account, today);
      return docs;
    }

  /* Renewed: the account rolls to its next term.  The new term starts the
   * day after the old hard deadline and, unless @new_end says otherwise,
   * lasts as long as the old one (a year when that is unknown).  The old
   * term stays in the history as the contract dates' previous values. */
  {
    const char *deadline = rd_account_get_deadline (account);
    const char *start = rd_account_get_contract_start (account);
    g_autofree char *new_start = NULL;
    g_autofree char *default_end = NULL;

    new_start = rd_date_shift (!blank (deadline) ? deadline : today, 1);
    default_end = rd_lifecycle_next_term_end (start, deadline, new_start);

    json_object_set_string_member (doc, "status",
                                   rd_enum_table_id (&rd_status_table, RD_STATUS_RENEWED));
    json_object_set_string_member (doc, "contract_start", new_start);
    json_object_set_string_member (doc, "contract_end", !blank (new_end) ? new_end : default_end);
    json_object_remove_member (doc, "effective_end");
    close_loose_ends (docs, related, today, "renewed");
  }

  return docs;
}

GPtrArray *
rd_lifecycle_close_as_lost (RdAccount          *account,
                            const RdLossInput  *input,
                            GPtrArray          *related,
                            char              **out_field,
                            GError            **error)
{
  g_autoptr(GPtrArray) docs = doc_array ();
  g_autofree char *uuid = NULL;
  g_autofree char *id = NULL;
  JsonObject *loss;
  JsonObject *account_doc;
  GDate closed, reengage;

  g_return_val_if_fail (RD_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (out_field != NULL)
    *out_field = NULL;

  if (input->reason < 0 || rd_enum_table_id (&rd_loss_reason_table, input->reason) == NULL)
    return fail (error, out_field, "reason", _("Choose why the renewal was lost.")), NULL;
  if (input->reason == RD_LOSS_COMPETITOR && blank (input->competitor))
    return fail (error, out_field, "competitor", _("Name the competitor they chose.")), NULL;
  if (input->closed_on == NULL || !rd_date_parse (input->closed_on, &closed))
    return fail (error, out_field, "closed_on", _("Enter the day it was lost.")), NULL;
  /* Only a company that no longer needs it, or that implemented a
   * competitor, stops being a target: for those, a date is optional. */
  if (blank (input->reengage_on) && !rd_lifecycle_reengage_optional (input->reason))
    return fail (error, out_field, "reengage_on",
                 _("Enter when to get back in touch, for example in 60 days.")), NULL;
  if (!blank (input->reengage_on) && !rd_date_parse (input->reengage_on, &reengage))
    return fail (error, out_field, "reengage_on",
                 _("Enter when to get back in touch, for example in 60 days.")), NULL;
  if (!blank (input->reengage_on) && g_date_compare (&reengage, &closed) < 0)
    return fail (error, out_field, "reengage_on",
                 _("The re-engage date cannot be before the day it was lost.")), NULL;

  uuid = g_uuid_string_random ();
  id = rd_document_make_id ("loss", uuid);
  loss = json_object_new ();
  json_object_set_string_member (loss, "_id", id);
  json_object_set_string_member (loss, "type", "loss");
  json_object_set_string_member (loss, "account_id", rd_account_get_id (account));
  json_object_set_string_member (loss, "reason",
                                 rd_enum_table_id (&rd_loss_reason_table, input->reason));
  if (input->reason == RD_LOSS_COMPETITOR)
    set_or_remove (loss, "competitor", input->competitor);
  set_or_remove (loss, "details", input->details);
  set_or_remove (loss, "retrospective", input->retrospective);
  json_object_set_string_member (loss, "closed_on", input->closed_on);
  set_or_remove (loss, "reengage_on", blank (input->reengage_on) ? NULL : input->reengage_on);
  g_ptr_array_add (docs, loss);

  account_doc = rd_account_to_document (account);
  json_object_set_string_member (account_doc, "status",
                                 rd_enum_table_id (&rd_status_table, RD_STATUS_LOST));
  g_ptr_array_add (docs, account_doc);

  /* Nothing keeps reminding about a renewal that is over. */
  close_loose_ends (docs, related, input->closed_on, "lost");

  return g_steal_pointer (&docs);
}

JsonObject *
rd_lifecycle_open_loss (GPtrArray *losses)
{
  JsonObject *best = NULL;

  if (losses == NULL)
    return NULL;

  for (guint i = 0; i < losses->len; i++)
    {
      JsonObject *loss = g_ptr_array_index (losses, i);

      if (!blank (json_object_get_string_member_with_default (loss, "reopened_on", NULL)))
        continue;
      if (best == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (loss, "closed_on", ""),
                     json_object_get_string_member_with_default (best, "closed_on", "")) > 0)
        best = loss;
    }

  return best;
}

gboolean
rd_lifecycle_reengage_optional (int reason)
{
  return reason == RD_LOSS_NO_NEED || reason == RD_LOSS_COMPETITOR;
}

gboolean
rd_lifecycle_can_reopen (RdAccount   *account,
                         JsonObject  *loss)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (account), FALSE);

  /* At any time: the re-engage date is a reminder, not a lock. */
  return loss != NULL && rd_account_get_status (account) == RD_STATUS_LOST &&
         blank (json_object_get_string_member_with_default (loss, "reopened_on", NULL));
}

GPtrArray *
rd_lifecycle_reopen (RdAccount    *account,
                     JsonObject   *loss,
                     const GDate  *today,
                     const char   *target_end,
                     gint64        annual_value_minor,
                     GError      **error)
{
  g_autoptr(GPtrArray) docs = doc_array ();
  g_autofree char *today_iso = NULL;
  JsonObject *loss_copy;
  JsonObject *account_doc;
  GDate target;

  g_return_val_if_fail (RD_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!rd_lifecycle_can_reopen (account, loss))
    {
      fail (error, NULL, "reengage_on", _("Only a lost account can be reopened."));
      return NULL;
    }

  today_iso = rd_date_to_string (today);
  if (blank (target_end) || !rd_date_parse (target_end, &target) || g_date_compare (&target, today) <= 0)
    {
      fail (error, NULL, "contract_end", _("Enter the new target date, after today."));
      return NULL;
    }
  loss_copy = rd_document_copy_object (loss);
  json_object_set_string_member (loss_copy, "reopened_on", today_iso);
  g_ptr_array_add (docs, loss_copy);

  account_doc = rd_account_to_document (account);
  json_object_set_string_member (account_doc, "status",
                                 rd_enum_table_id (&rd_status_table, RD_STATUS_ACTIVE));
  json_object_set_string_member (account_doc, "reopened_from_loss_id", rd_document_uuid (loss));
  json_object_set_string_member (account_doc, "reopened_on", today_iso);
  json_object_remove_member (account_doc, "renewal_choice");
  json_object_remove_member (account_doc, "renewal_choice_on");
  /* A fresh term: the old, past contract end would make it overdue at once. */
  json_object_set_string_member (account_doc, "contract_start", today_iso);
  json_object_set_string_member (account_doc, "contract_end", target_end);
  json_object_remove_member (account_doc, "effective_end");
  if (annual_value_minor >= 0)
    json_object_set_int_member (account_doc, "annual_value_minor", annual_value_minor);
  g_ptr_array_add (docs, account_doc);

  return g_steal_pointer (&docs);
}
