/* rd-plan.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-plan"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-plan.h"
#include "rd-store.h"

/* Starting points, written for this app; every one is editable. */
static const RdPlanStepTemplate budget_steps[] = {
  { RD_HORIZON_48H, N_("Find out who in procurement owns the purchase and when their budget closes") },
  { RD_HORIZON_30D, N_("Send the vendor forms filled in and a quote ready for their approval flow") },
  { RD_HORIZON_90D, N_("Agree a renewal date that fits their next budget cycle") },
  { 0, NULL },
};

static const RdPlanStepTemplate stakeholders_steps[] = {
  { RD_HORIZON_48H, N_("Map who signs, who influences and who can say no") },
  { RD_HORIZON_30D, N_("Meet each decision maker about the results they care about") },
  { RD_HORIZON_90D, N_("Set up a regular review with the person who holds the budget") },
  { 0, NULL },
};

static const RdPlanStepTemplate champion_steps[] = {
  { RD_HORIZON_48H, N_("Introduce ourselves to the new contact and learn their goals") },
  { RD_HORIZON_30D, N_("Walk the new contact through what their team achieved with us") },
  { RD_HORIZON_90D, N_("Build a second relationship so one departure cannot stall the renewal") },
  { 0, NULL },
};

static const RdPlanStepTemplate priority_steps[] = {
  { RD_HORIZON_48H, N_("Learn what moved ahead of us and when it will be done") },
  { RD_HORIZON_30D, N_("Show, in their numbers, how we support the new priority") },
  { RD_HORIZON_90D, N_("Tie the renewal to a milestone in their own plan") },
  { 0, NULL },
};

static const RdPlanStepTemplate hidden_problem_steps[] = {
  { RD_HORIZON_48H, N_("Hold a listening call: let them say everything that went wrong, and write it down") },
  { RD_HORIZON_48H, N_("Send back the list of concerns, ranked, and ask which ones would change the decision") },
  { RD_HORIZON_30D, N_("Fix the root cause of each must-fix concern and show them the result") },
  { RD_HORIZON_90D, N_("Put a lasting change in place so the problem cannot come back") },
  { 0, NULL },
};

static const RdPlanStepTemplate shopping_steps[] = {
  { RD_HORIZON_48H, N_("Ask openly what the alternatives offer that we do not") },
  { RD_HORIZON_30D, N_("Answer each gap with facts, a demonstration or a concession") },
  { RD_HORIZON_90D, N_("Agree a decision date and what would make them stay") },
  { 0, NULL },
};

int
rd_plan_horizon_days (RdHorizon horizon)
{
  switch (horizon)
    {
    case RD_HORIZON_48H:
      return 2;
    case RD_HORIZON_30D:
      return 30;
    case RD_HORIZON_90D:
    default:
      return 90;
    }
}

char *
rd_plan_default_due (const char *started_on,
                     RdHorizon   horizon)
{
  return rd_date_shift (started_on, rd_plan_horizon_days (horizon));
}

RdPlanStatus
rd_plan_get_status (JsonObject *plan)
{
  int status;

  g_return_val_if_fail (plan != NULL, RD_PLAN_STATUS_DRAFT);

  status = rd_enum_table_lookup (&rd_plan_status_table,
                                 json_object_get_string_member_with_default (plan, "status", NULL));
  return status < 0 ? RD_PLAN_STATUS_DRAFT : (RdPlanStatus) status;
}

static gboolean
step_is_done (JsonObject *step)
{
  const char *done = json_object_get_string_member_with_default (step, "done_on", NULL);

  return done != NULL && *done != '\0';
}

guint
rd_plan_count_done (GPtrArray *steps)
{
  guint done = 0;

  if (steps == NULL)
    return 0;

  for (guint i = 0; i < steps->len; i++)
    if (step_is_done (g_ptr_array_index (steps, i)))
      done++;
  return done;
}

double
rd_plan_progress (GPtrArray *steps)
{
  if (steps == NULL || steps->len == 0)
    return 0.0;

  return (double) rd_plan_count_done (steps) / (double) steps->len;
}

static gboolean
fail (GError    **error,
      const char *message)
{
  g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID, message);
  return FALSE;
}

gboolean
rd_plan_can_transition (JsonObject   *plan,
                        GPtrArray    *steps,
                        RdPlanStatus  to,
                        GError      **error)
{
  RdPlanStatus from;
  GDate date;

  g_return_val_if_fail (plan != NULL, FALSE);

  from = rd_plan_get_status (plan);
  if (from == to)
    return TRUE;

  switch (to)
    {
    case RD_PLAN_STATUS_DRAFT:
      return fail (error, _("A plan that has started cannot go back to draft."));

    case RD_PLAN_STATUS_ACTIVE:
      if (from != RD_PLAN_STATUS_DRAFT)
        return fail (error, _("Only a draft plan can be started."));
      if (!rd_date_parse (json_object_get_string_member_with_default (plan, "started_on", ""), &date))
        return fail (error, _("Give the plan a start date first."));
      if (json_object_get_int_member_with_default (plan, "timeframe_days", 0) <= 0)
        return fail (error, _("Say over how many days the customer should see progress."));
      if (json_object_get_int_member_with_default (plan, "check_in_days", 0) <= 0)
        return fail (error, _("Say how often you will check in."));
      if (steps == NULL || steps->len == 0)
        return fail (error, _("Add at least one step first."));
      return TRUE;

    case RD_PLAN_STATUS_MET:
      if (from != RD_PLAN_STATUS_ACTIVE)
        return fail (error, _("Only an active plan can be met."));
      if (steps == NULL || rd_plan_count_done (steps) < steps->len)
        return fail (error, _("Tick every step before calling the plan met."));
      return TRUE;

    case RD_PLAN_STATUS_FAILED:
      if (from == RD_PLAN_STATUS_MET)
        return fail (error, _("A plan that was met cannot fail."));
      return TRUE;

    default:
      return fail (error, _("Unknown plan status."));
    }
}

const RdPlanStepTemplate *
rd_plan_templates_for_cause (RdCause  cause,
                             guint   *n_templates)
{
  const RdPlanStepTemplate *table;
  guint n = 0;

  switch (cause)
    {
    case RD_CAUSE_BUDGET:
      table = budget_steps;
      break;
    case RD_CAUSE_STAKEHOLDERS:
      table = stakeholders_steps;
      break;
    case RD_CAUSE_CHAMPION_CHANGE:
      table = champion_steps;
      break;
    case RD_CAUSE_PRIORITY:
      table = priority_steps;
      break;
    case RD_CAUSE_SHOPPING:
      table = shopping_steps;
      break;
    case RD_CAUSE_HIDDEN_PROBLEM:
    default:
      table = hidden_problem_steps;
      break;
    }

  while (table[n].title != NULL)
    n++;
  if (n_templates != NULL)
    *n_templates = n;
  return table;
}

const char *
rd_document_uuid (JsonObject *doc)
{
  const char *id;
  const char *colon;

  g_return_val_if_fail (doc != NULL, NULL);

  id = json_object_get_string_member_with_default (doc, "_id", NULL);
  if (id == NULL || (colon = strchr (id, ':')) == NULL)
    return NULL;
  return colon + 1;
}

static JsonObject *
new_document (const char *type)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = rd_document_make_id (type, uuid);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", type);
  return doc;
}

JsonObject *
rd_plan_new_document (const char *account_id,
                      const char *delay_id,
                      const char *started_on)
{
  JsonObject *doc;

  g_return_val_if_fail (account_id != NULL, NULL);

  doc = new_document ("plan");
  json_object_set_string_member (doc, "account_id", account_id);
  if (delay_id != NULL)
    json_object_set_string_member (doc, "delay_id", delay_id);
  if (started_on != NULL)
    json_object_set_string_member (doc, "started_on", started_on);
  json_object_set_int_member (doc, "timeframe_days", RD_PLAN_DEFAULT_TIMEFRAME_DAYS);
  json_object_set_int_member (doc, "check_in_days", RD_PLAN_DEFAULT_CHECK_IN_DAYS);
  json_object_set_string_member (doc, "customer_answer",
                                 rd_enum_table_id (&rd_customer_answer_table, RD_ANSWER_NOT_ASKED));
  json_object_set_string_member (doc, "status",
                                 rd_enum_table_id (&rd_plan_status_table, RD_PLAN_STATUS_DRAFT));
  return doc;
}

JsonObject *
rd_plan_step_new_document (const char *plan_id,
                           RdHorizon   horizon,
                           const char *title,
                           const char *owner,
                           const char *due_on)
{
  JsonObject *doc;

  g_return_val_if_fail (plan_id != NULL, NULL);

  doc = new_document ("plan_step");
  json_object_set_string_member (doc, "plan_id", plan_id);
  json_object_set_string_member (doc, "horizon", rd_enum_table_id (&rd_horizon_table, horizon));
  if (title != NULL)
    json_object_set_string_member (doc, "title", title);
  if (owner != NULL && *owner != '\0')
    json_object_set_string_member (doc, "owner", owner);
  if (due_on != NULL)
    json_object_set_string_member (doc, "due_on", due_on);
  return doc;
}

GPtrArray *
rd_plan_new_from_template (const char *account_id,
                           const char *delay_id,
                           RdCause     cause,
                           const char *started_on,
                           const char *owner)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const RdPlanStepTemplate *templates;
  JsonObject *plan;
  guint n;

  g_return_val_if_fail (account_id != NULL, docs);

  plan = rd_plan_new_document (account_id, delay_id, started_on);
  g_ptr_array_add (docs, plan);

  templates = rd_plan_templates_for_cause (cause, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *due = rd_plan_default_due (started_on, templates[i].horizon);

      g_ptr_array_add (docs, rd_plan_step_new_document (rd_document_uuid (plan),
                                                        templates[i].horizon,
                                                        _(templates[i].title), owner, due));
    }

  return docs;
}
