/* rd-plan-step-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-plan-step-record"

#include "config.h"

#include "rd-plan-step-record.h"
#include "rd-record-private.h"
#include "rd-plan.h"

struct _RdPlanStepRecord
{
  RdRecord parent_instance;
};

enum {
  PROP_0,
  PROP_PLAN_ID,
  PROP_CONCERN_ID,
  PROP_HORIZON,
  PROP_TITLE,
  PROP_OWNER,
  PROP_DUE_ON,
  PROP_DONE_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RdRecordField fields[N_PROPS] = {
  [PROP_PLAN_ID] = { "plan_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_CONCERN_ID] = { "concern_id", RD_RECORD_FIELD_STRING },
  [PROP_HORIZON] = { "horizon", RD_RECORD_FIELD_ENUM,
                     .enum_table = &rd_horizon_table, .fallback = RD_HORIZON_90D },
  [PROP_TITLE] = { "title", RD_RECORD_FIELD_STRING },
  [PROP_OWNER] = { "owner", RD_RECORD_FIELD_STRING },
  [PROP_DUE_ON] = { "due_on", RD_RECORD_FIELD_STRING },
  [PROP_DONE_ON] = { "done_on", RD_RECORD_FIELD_STRING },
};

G_DEFINE_FINAL_TYPE (RdPlanStepRecord, rd_plan_step_record, RD_TYPE_RECORD)

static void
rd_plan_step_record_class_init (RdPlanStepRecordClass *klass)
{
  _rd_record_class_install_fields (RD_RECORD_CLASS (klass), "plan_step", "plan_id",
                                   fields, N_PROPS, properties);
}

static GPtrArray *
lend_documents (GPtrArray *steps)
{
  GPtrArray *docs = g_ptr_array_new ();

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    g_ptr_array_add (docs, rd_record_get_document (g_ptr_array_index (steps, i)));
  return docs;
}

/* Public API ------------------------------------------------------------- */

gboolean
rd_plan_step_record_is_done (RdPlanStepRecord *self)
{
  const char *done_on;

  g_return_val_if_fail (RD_IS_PLAN_STEP_RECORD (self), FALSE);

  done_on = rd_plan_step_record_get_done_on (self);
  return done_on != NULL && *done_on != '\0';
}

guint
rd_plan_step_records_count_done (GPtrArray *steps)
{
  g_autoptr(GPtrArray) docs = lend_documents (steps);

  return rd_plan_count_done (docs);
}

double
rd_plan_step_records_progress (GPtrArray *steps)
{
  g_autoptr(GPtrArray) docs = lend_documents (steps);

  return rd_plan_progress (docs);
}

static void
rd_plan_step_record_init (RdPlanStepRecord *self)
{
}

const char *
rd_plan_step_record_get_plan_id (RdPlanStepRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_STEP_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_PLAN_ID);
}

const char *
rd_plan_step_record_get_concern_id (RdPlanStepRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_STEP_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_CONCERN_ID);
}

void
rd_plan_step_record_set_concern_id (RdPlanStepRecord *self,
                                    const char       *concern_id)
{
  g_return_if_fail (RD_IS_PLAN_STEP_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_CONCERN_ID, concern_id);
}

RdHorizon
rd_plan_step_record_get_horizon (RdPlanStepRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_STEP_RECORD (self), RD_HORIZON_90D);

  return (RdHorizon) _rd_record_get_enum (RD_RECORD (self), PROP_HORIZON);
}

void
rd_plan_step_record_set_horizon (RdPlanStepRecord *self,
                                 RdHorizon         horizon)
{
  g_return_if_fail (RD_IS_PLAN_STEP_RECORD (self));

  _rd_record_set_enum (RD_RECORD (self), PROP_HORIZON, horizon);
}

const char *
rd_plan_step_record_get_title (RdPlanStepRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_STEP_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_TITLE);
}

void
rd_plan_step_record_set_title (RdPlanStepRecord *self,
                               const char       *title)
{
  g_return_if_fail (RD_IS_PLAN_STEP_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_TITLE, title);
}

const char *
rd_plan_step_record_get_owner (RdPlanStepRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_STEP_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_OWNER);
}

void
rd_plan_step_record_set_owner (RdPlanStepRecord *self,
                               const char       *owner)
{
  g_return_if_fail (RD_IS_PLAN_STEP_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_OWNER, owner);
}

const char *
rd_plan_step_record_get_due_on (RdPlanStepRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_STEP_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_DUE_ON);
}

void
rd_plan_step_record_set_due_on (RdPlanStepRecord *self,
                                const char       *due_on)
{
  g_return_if_fail (RD_IS_PLAN_STEP_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_DUE_ON, due_on);
}

const char *
rd_plan_step_record_get_done_on (RdPlanStepRecord *self)
{
  g_return_val_if_fail (RD_IS_PLAN_STEP_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_DONE_ON);
}

void
rd_plan_step_record_set_done_on (RdPlanStepRecord *self,
                                 const char       *done_on)
{
  g_return_if_fail (RD_IS_PLAN_STEP_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_DONE_ON, done_on);
}
