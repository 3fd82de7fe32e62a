/* rd-plan-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-plan-record"

#include "config.h"

#include "rd-plan-record.h"
#include "rd-record-private.h"
#include "rd-plan.h"

struct _RdPlanRecord
{
  RdRecord parent_instance;
};

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_DELAY_ID,
  PROP_STARTED_ON,
  PROP_TIMEFRAME_DAYS,
  PROP_CHECK_IN_DAYS,
  PROP_PROGRESS_CRITERIA,
  PROP_CUSTOMER_ANSWER,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RdRecordField fields[N_PROPS] = {
  [PROP_ACCOUNT_ID] = { "account_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_DELAY_ID] = { "delay_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_STARTED_ON] = { "started_on", RD_RECORD_FIELD_STRING },
  [PROP_TIMEFRAME_DAYS] = { "timeframe_days", RD_RECORD_FIELD_INT },
  [PROP_CHECK_IN_DAYS] = { "check_in_days", RD_RECORD_FIELD_INT },
  [PROP_PROGRESS_CRITERIA] = { "progress_criteria", RD_RECORD_FIELD_STRING },
  [PROP_CUSTOMER_ANSWER] = { "customer_answer", RD_RECORD_FIELD_ENUM,
                             .enum_table = &rd_customer_answer_table,
                             .fallback = RD_ANSWER_NOT_ASKED },
  [PROP_STATUS] = { "status", RD_RECORD_FIELD_ENUM,
                    .enum_table = &rd_plan_status_table, .fallback = RD_PLAN_STATUS_DRAFT },
};

G_DEFINE_FINAL_TYPE (RdPlanRecord, rd_plan_record, RD_TYPE_RECORD)

static void
rd_plan_record_class_init (RdPlanRecordClass *klass)
{
  _rd_record_class_install_fields (RD_RECORD_CLASS (klass), "plan", "account_id",
                                   fields, N_PROPS, properties);
}

/* Public API ------------------------------------------------------------- */

RdPlanRecord *
rd_plan_record_new (const char *account_id,
                    const char *delay_id,
                    const char *started_on)
{
  g_return_val_if_fail (account_id != NULL, NULL);

  return _rd_record_new_take (RD_TYPE_PLAN_RECORD,
                              rd_plan_new_document (account_id, delay_id, started_on));
}

GPtrArray *
rd_plan_record_new_from_template (const char *account_id,
                                  const char *delay_id,
                                  RdCause     cause,
                                  const char *started_on,
                                  const char *owner)
{
  g_autoptr(GPtrArray) docs = NULL;

  g_return_val_if_fail (account_id != NULL, NULL);

  docs = rd_plan_new_from_template (account_id, delay_id, cause, started_on, owner);
  return rd_records_new_from_documents (docs, NULL);
}

RdPlanStepRecord *
rd_plan_record_new_step (RdPlanRecord *self,
                         RdHorizon     horizon,
                         const char   *title)
{
  g_autofree char *due = NULL;
  JsonObject *doc;

  g_return_val_if_fail (RD_IS_PLAN_RECORD (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  due = rd_plan_default_due (rd_plan_record_get_started_on (self), horizon);
  doc = rd_plan_step_new_document (rd_record_get_id (RD_RECORD (self)), horizon, title, NULL, due);
  return _rd_record_new_take (RD_TYPE_PLAN_STEP_RECORD, doc);
}

gboolean
rd_plan_record_can_transition (RdPlanRecord  *self,
                               GPtrArray     *steps,
                               RdPlanStatus   to,
                               GError       **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();

  g_return_val_if_fail (RD_IS_PLAN_RECORD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The rule reads documents: lend it the steps' own. */
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    g_ptr_array_add (docs, rd_record_get_document (g_ptr_array_index (steps, i)));

  return rd_plan_can_transition (rd_record_get_document (RD_RECORD (self)), docs, to, error);
}

static void
rd_plan_record_init (RdPlanRecord *self)
{
}

const char *
rd_plan_record_get_account_id (RdPlanRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ACCOUNT_ID);
}

const char *
rd_plan_record_get_delay_id (RdPlanRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_DELAY_ID);
}

const char *
rd_plan_record_get_started_on (RdPlanRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_STARTED_ON);
}

void
rd_plan_record_set_started_on (RdPlanRecord *self,
                               const char   *started_on)
{
  g_return_if_fail (RD_IS_PLAN_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_STARTED_ON, started_on);
}

gint64
rd_plan_record_get_timeframe_days (RdPlanRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_RECORD (self), 0);

  return _rd_record_get_int (RD_RECORD (self), PROP_TIMEFRAME_DAYS);
}

void
rd_plan_record_set_timeframe_days (RdPlanRecord *self,
                                   gint64        timeframe_days)
{
  g_return_if_fail (RD_IS_PLAN_RECORD (self));

  _rd_record_set_int (RD_RECORD (self), PROP_TIMEFRAME_DAYS, timeframe_days);
}

gint64
rd_plan_record_get_check_in_days (RdPlanRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_RECORD (self), 0);

  return _rd_record_get_int (RD_RECORD (self), PROP_CHECK_IN_DAYS);
}

void
rd_plan_record_set_check_in_days (RdPlanRecord *self,
                                  gint64        check_in_days)
{
  g_return_if_fail (RD_IS_PLAN_RECORD (self));

  _rd_record_set_int (RD_RECORD (self), PROP_CHECK_IN_DAYS, check_in_days);
}

const char *
rd_plan_record_get_progress_criteria (RdPlanRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_PROGRESS_CRITERIA);
}

void
rd_plan_record_set_progress_criteria (RdPlanRecord *self,
                                      const char   *progress_criteria)
{
  g_return_if_fail (RD_IS_PLAN_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_PROGRESS_CRITERIA, progress_criteria);
}

RdCustomerAnswer
rd_plan_record_get_customer_answer (RdPlanRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_RECORD (self), RD_ANSWER_NOT_ASKED);

  return (RdCustomerAnswer) _rd_record_get_enum (RD_RECORD (self), PROP_CUSTOMER_ANSWER);
}

void
rd_plan_record_set_customer_answer (RdPlanRecord     *self,
                                    RdCustomerAnswer  customer_answer)
{
  g_return_if_fail (RD_IS_PLAN_RECORD (self));

  _rd_record_set_enum (RD_RECORD (self), PROP_CUSTOMER_ANSWER, customer_answer);
}

RdPlanStatus
rd_plan_record_get_status (RdPlanRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_RECORD (self), RD_PLAN_STATUS_DRAFT);

  return (RdPlanStatus) _rd_record_get_enum (RD_RECORD (self), PROP_STATUS);
}

void
rd_plan_record_set_status (RdPlanRecord *self,
                           RdPlanStatus  status)
{
  g_return_if_fail (RD_IS_PLAN_RECORD (self));

  _rd_record_set_enum (RD_RECORD (self), PROP_STATUS, status);
}
