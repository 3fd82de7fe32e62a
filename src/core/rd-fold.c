/* rd-fold.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-fold"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-classify.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-enums.h"
#include "rd-fold.h"
#include "rd-format.h"

/* Signs rd_fold_evaluate() may fire; the retired one never does. */
#define LIVE_SIGNS (RD_FOLD_EXTENSIONS_NO_PROGRESS | RD_FOLD_PLAN_FAILED | \
                    RD_FOLD_NO_RESPONSE | RD_FOLD_SHOPPING)

/* A day tracked as "the latest so far". */
typedef struct
{
  GDate    date;
  gboolean set;
} Latest;

static const char *
str (JsonObject *doc,
     const char *member)
{
  return rd_document_get_string (doc, member);
}

/* Whether @iso is a date that has happened by @today. */
static gboolean
happened (const char  *iso,
          const GDate *today,
          GDate       *out)
{
  return rd_date_parse (iso, out) && g_date_compare (out, today) <= 0;
}

static void
latest_take (Latest      *latest,
             const GDate *date)
{
  if (!latest->set || g_date_compare (date, &latest->date) > 0)
    {
      latest->date = *date;
      latest->set = TRUE;
    }
}

static void
latest_take_iso (Latest      *latest,
                 const char  *iso,
                 const GDate *today)
{
  GDate date;

  if (happened (iso, today, &date))
    latest_take (latest, &date);
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
  if (no_response_days > 0 && facts->days_since_response >= 0 &&
      facts->days_since_response > no_response_days)
    signs |= RD_FOLD_NO_RESPONSE;
  if (facts->stringing_along)
    signs |= RD_FOLD_SHOPPING;

  return signs;
}

RdFoldAdvice
rd_fold_advise (const RdFoldFacts *facts,
                RdFoldSign         signs)
{
  g_return_val_if_fail (facts != NULL, RD_FOLD_ADVICE_NONE);

  if ((signs & LIVE_SIGNS) != 0)
    return RD_FOLD_ADVICE_LET_GO;
  /* Shopping alone is the highest risk, not a lost cause: fight for it. */
  if (facts->shopping_confirmed)
    return RD_FOLD_ADVICE_INTERVENE;

  return RD_FOLD_ADVICE_NONE;
}

void
rd_fold_facts_from_documents_as_of (GPtrArray   *delays,
                                    GPtrArray   *plans,
                                    GPtrArray   *steps,
                                    GPtrArray   *bridges,
                                    const GDate *last_contact,
                                    const GDate *today,
                                    RdFoldFacts *out_facts)
{
  Latest progress = { { 0 }, FALSE };
  Latest contact = { { 0 }, FALSE };
  gboolean waiting = FALSE;

  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (last_contact == NULL || g_date_valid (last_contact));
  g_return_if_fail (out_facts != NULL);

  memset (out_facts, 0, sizeof *out_facts);
  out_facts->days_since_response = -1;

  if (last_contact != NULL && g_date_compare (last_contact, today) <= 0)
    latest_take (&contact, last_contact);

  /* Progress: a step done, or a plan met. */
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    latest_take_iso (&progress, str (g_ptr_array_index (steps, i), "done_on"), today);

  for (guint i = 0; plans != NULL && i < plans->len; i++)
    {
      JsonObject *plan = g_ptr_array_index (plans, i);
      int status = rd_enum_table_lookup (&rd_plan_status_table, str (plan, "status"));

      if (status == RD_PLAN_STATUS_FAILED)
        out_facts->failed_plans++;
      else if (status == RD_PLAN_STATUS_MET)
        latest_take_iso (&progress, str (plan, "started_on"), today);
    }

  for (guint i = 0; bridges != NULL && i < bridges->len; i++)
    {
      JsonObject *bridge = g_ptr_array_index (bridges, i);
      const char *accepted_on = str (bridge, "accepted_on");
      GDate when;
      gboolean dated;

      if (rd_enum_table_lookup (&rd_bridge_status_table, str (bridge, "status")) !=
          RD_BRIDGE_STATUS_ACCEPTED)
        continue;

      /* Accepted after today has not happened yet; a bridge accepted now
       * may well start later, so its start only dates it. */
      if (accepted_on != NULL && *accepted_on != '\0')
        {
          dated = rd_date_parse (accepted_on, &when);
          if (dated && g_date_compare (&when, today) > 0)
            continue;
        }
      else
        dated = rd_date_parse (str (bridge, "starts_on"), &when);

      if (!progress.set || !dated || g_date_compare (&when, &progress.date) > 0)
        out_facts->extensions_without_progress++;
    }

  for (guint i = 0; delays != NULL && i < delays->len; i++)
    {
      JsonObject *delay = g_ptr_array_index (delays, i);
      const char *override = str (delay, "classification_override");
      int klass = rd_enum_table_lookup (&rd_class_table,
                                        override != NULL && *override != '\0'
                                        ? override : str (delay, "classification"));
      gboolean open = rd_enum_table_lookup (&rd_delay_status_table, str (delay, "status")) !=
                      RD_DELAY_STATUS_RESOLVED;
      guint missed = 0;
      gboolean decision_passed;

      /* Every dated answer from the customer. */
      latest_take_iso (&contact, str (delay, "communicated_on"), today);
      for (guint c = 0; c < RD_N_COMMITMENTS; c++)
        latest_take_iso (&contact, str (delay, rd_commitment_kept_field (c)), today);
      if (!open)
        {
          latest_take_iso (&contact, str (delay, "resolved_on"), today);
          continue;
        }
      waiting = TRUE;

      for (guint c = 0; c < RD_N_COMMITMENTS; c++)
        if (rd_commitment_is_missed (str (delay, rd_enum_table_id (&rd_commitment_table, c)),
                                     str (delay, rd_commitment_kept_field (c)), today))
          missed++;
      decision_passed = rd_commitment_is_missed (str (delay, "decision_by"),
                                                 str (delay, "decision_kept_on"), today);

      if (klass == RD_CLASS_RISK && decision_passed)
        out_facts->risk_delays_past_decision++;
      if (rd_enum_table_lookup (&rd_cause_table, str (delay, "cause")) == RD_CAUSE_SHOPPING)
        {
          out_facts->shopping_confirmed = TRUE;
          if (missed >= 2 || decision_passed)
            out_facts->stringing_along = TRUE;
        }
    }

  if (waiting && contact.set)
    out_facts->days_since_response = g_date_days_between (&contact.date, today);
}

void
rd_fold_facts_from_documents (GPtrArray   *delays,
                              GPtrArray   *plans,
                              GPtrArray   *steps,
                              GPtrArray   *bridges,
                              const GDate *today,
                              RdFoldFacts *out_facts)
{
  g_return_if_fail (today != NULL);
  g_return_if_fail (out_facts != NULL);

  rd_fold_facts_from_documents_as_of (delays, plans, steps, bridges, NULL, today, out_facts);
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
      return _("they are shopping and stringing you along");
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
