/* rd-fold.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-fold"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-enums.h"
#include "rd-fold.h"
#include "rd-format.h"

static const char *
str (JsonObject *doc,
     const char *member)
{
  return json_object_get_string_member_with_default (doc, member, NULL);
}

static gboolean
has_text (const char *s)
{
  return s != NULL && *s != '\0';
}

RdFoldSign
rd_fold_evaluate (const RdFoldFacts *facts,
                  int                no_response_days)
{
  RdFoldSign signs = RD_FOLD_NONE;

  g_return_val_if_fail (facts != NULL, RD_FOLD_NONE);

  if (facts->extensions_without_progress >= 2)
    signs |= RD_FOLD_EXTENSIONS_NO_PROGRESS;
  if (facts->failed_plans > 0)
    signs |= RD_FOLD_PLAN_FAILED;
  if (facts->risk_delays_past_decision > 0)
    signs |= RD_FOLD_RISK_PAST_DECISION;
  if (no_response_days > 0 && facts->days_since_response >= 0 &&
      facts->days_since_response > no_response_days)
    signs |= RD_FOLD_NO_RESPONSE;
  if (facts->shopping_confirmed)
    signs |= RD_FOLD_SHOPPING;

  return signs;
}

/* Latest of two ISO dates (either may be NULL). */
static const char *
later (const char *a,
       const char *b)
{
  if (!has_text (a))
    return b;
  if (!has_text (b))
    return a;
  return g_strcmp0 (a, b) >= 0 ? a : b;
}

void
rd_fold_facts_from_documents (GPtrArray   *delays,
                              GPtrArray   *plans,
                              GPtrArray   *steps,
                              GPtrArray   *bridges,
                              const GDate *today,
                              RdFoldFacts *out_facts)
{
  const char *last_progress = NULL;
  const char *last_heard = NULL;
  gboolean waiting = FALSE;

  g_return_if_fail (today != NULL);
  g_return_if_fail (out_facts != NULL);

  memset (out_facts, 0, sizeof *out_facts);
  out_facts->days_since_response = -1;

  /* Progress: a step done, or a plan met. */
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    last_progress = later (last_progress, str (g_ptr_array_index (steps, i), "done_on"));

  for (guint i = 0; plans != NULL && i < plans->len; i++)
    {
      JsonObject *plan = g_ptr_array_index (plans, i);
      int status = rd_enum_table_lookup (&rd_plan_status_table, str (plan, "status"));

      if (status == RD_PLAN_STATUS_FAILED)
        out_facts->failed_plans++;
      else if (status == RD_PLAN_STATUS_MET)
        last_progress = later (last_progress, str (plan, "started_on"));
    }

  for (guint i = 0; bridges != NULL && i < bridges->len; i++)
    {
      JsonObject *bridge = g_ptr_array_index (bridges, i);
      const char *when;

      if (rd_enum_table_lookup (&rd_bridge_status_table, str (bridge, "status")) !=
          RD_BRIDGE_STATUS_ACCEPTED)
        continue;
      when = str (bridge, "accepted_on");
      if (!has_text (when))
        when = str (bridge, "starts_on");
      if (!has_text (last_progress) || !has_text (when) || g_strcmp0 (when, last_progress) > 0)
        out_facts->extensions_without_progress++;
    }

  for (guint i = 0; delays != NULL && i < delays->len; i++)
    {
      JsonObject *delay = g_ptr_array_index (delays, i);
      const char *override = str (delay, "classification_override");
      int klass = rd_enum_table_lookup (&rd_class_table,
                                        has_text (override) ? override : str (delay, "classification"));
      gboolean open = rd_enum_table_lookup (&rd_delay_status_table, str (delay, "status")) !=
                      RD_DELAY_STATUS_RESOLVED;
      const char *decision_by = str (delay, "decision_by");

      last_heard = later (last_heard, str (delay, "communicated_on"));
      if (!open)
        continue;
      waiting = TRUE;

      if (klass == RD_CLASS_RISK && has_text (decision_by) &&
          rd_date_days_between (today, decision_by) < 0)
        out_facts->risk_delays_past_decision++;
      if (rd_enum_table_lookup (&rd_cause_table, str (delay, "cause")) == RD_CAUSE_SHOPPING)
        out_facts->shopping_confirmed = TRUE;
    }

  if (waiting && has_text (last_heard))
    {
      int days = rd_date_days_between (today, last_heard);

      if (days != G_MININT)
        out_facts->days_since_response = MAX (0, -days);
    }
}

const char *
rd_fold_sign_label (RdFoldSign sign)
{
  switch (sign)
    {
    case RD_FOLD_EXTENSIONS_NO_PROGRESS:
      return _("two or more extensions without progress");
    case RD_FOLD_PLAN_FAILED:
      return _("a recovery plan failed");
    case RD_FOLD_RISK_PAST_DECISION:
      return _("a risk delay is past its decision date");
    case RD_FOLD_NO_RESPONSE:
      return _("no answer from the customer for weeks");
    case RD_FOLD_SHOPPING:
      return _("they are shopping around");
    case RD_FOLD_NONE:
    default:
      return NULL;
    }
}

char *
rd_fold_describe (RdFoldSign signs)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < RD_FOLD_N_SIGNS; i++)
    {
      RdFoldSign sign = 1 << i;

      if (!(signs & sign))
        continue;
      if (text->len > 0)
        /* Translators: separator between signs in a list */
        g_string_append (text, _(", "));
      g_string_append (text, rd_fold_sign_label (sign));
    }

  return g_string_free (text, FALSE);
}
