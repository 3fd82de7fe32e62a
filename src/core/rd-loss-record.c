/* rd-loss-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-loss-record"

#include "config.h"

#include "rd-loss-record.h"
#include "rd-record-private.h"
#include "rd-lifecycle.h"

struct _RdLossRecord
{
  RdRecord parent_instance;
};

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_REASON,
  PROP_COMPETITOR,
  PROP_DETAILS,
  PROP_RETROSPECTIVE,
  PROP_CLOSED_ON,
  PROP_REENGAGE_ON,
  PROP_REOPENED_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RdRecordField fields[N_PROPS] = {
  [PROP_ACCOUNT_ID] = { "account_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_REASON] = { "reason", RD_RECORD_FIELD_ENUM,
                    .enum_table = &rd_loss_reason_table, .fallback = -1 },
  [PROP_COMPETITOR] = { "competitor", RD_RECORD_FIELD_STRING },
  [PROP_DETAILS] = { "details", RD_RECORD_FIELD_STRING },
  [PROP_RETROSPECTIVE] = { "retrospective", RD_RECORD_FIELD_STRING },
  [PROP_CLOSED_ON] = { "closed_on", RD_RECORD_FIELD_STRING },
  [PROP_REENGAGE_ON] = { "reengage_on", RD_RECORD_FIELD_STRING },
  [PROP_REOPENED_ON] = { "reopened_on", RD_RECORD_FIELD_STRING },
};

G_DEFINE_FINAL_TYPE (RdLossRecord, rd_loss_record, RD_TYPE_RECORD)

static void
rd_loss_record_class_init (RdLossRecordClass *klass)
{
  _rd_record_class_install_fields (RD_RECORD_CLASS (klass), "loss", "account_id",
                                   fields, N_PROPS, properties);
}

/* Public API ------------------------------------------------------------- */

RdLossRecord *
rd_loss_record_find_open (GPtrArray *losses)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();
  JsonObject *open;

  g_return_val_if_fail (losses != NULL, NULL);

  for (guint i = 0; i < losses->len; i++)
    g_ptr_array_add (docs, rd_record_get_document (g_ptr_array_index (losses, i)));

  open = rd_lifecycle_open_loss (docs);
  for (guint i = 0; open != NULL && i < losses->len; i++)
    if (g_ptr_array_index (docs, i) == open)
      return g_ptr_array_index (losses, i);

  return NULL;
}

static void
rd_loss_record_init (RdLossRecord *self)
{
}

const char *
rd_loss_record_get_account_id (RdLossRecord *self)
{
  g_return_val_if_fail (RD_IS_LOSS_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ACCOUNT_ID);
}

int
rd_loss_record_get_reason (RdLossRecord *self)
{
  g_return_val_if_fail (RD_IS_LOSS_RECORD (self), -1);

  return _rd_record_get_enum (RD_RECORD (self), PROP_REASON);
}

void
rd_loss_record_set_reason (RdLossRecord *self,
                           int           reason)
{
  g_return_if_fail (RD_IS_LOSS_RECORD (self));

  _rd_record_set_enum (RD_RECORD (self), PROP_REASON, reason);
}

const char *
rd_loss_record_get_competitor (RdLossRecord *self)
{
  g_return_val_if_fail (RD_IS_LOSS_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_COMPETITOR);
}

void
rd_loss_record_set_competitor (RdLossRecord *self,
                               const char   *competitor)
{
  g_return_if_fail (RD_IS_LOSS_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_COMPETITOR, competitor);
}

const char *
rd_loss_record_get_details (RdLossRecord *self)
{
  g_return_val_if_fail (RD_IS_LOSS_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_DETAILS);
}

void
rd_loss_record_set_details (RdLossRecord *self,
                            const char   *details)
{
  g_return_if_fail (RD_IS_LOSS_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_DETAILS, details);
}

const char *
rd_loss_record_get_retrospective (RdLossRecord *self)
{
  g_return_val_if_fail (RD_IS_LOSS_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_RETROSPECTIVE);
}

void
rd_loss_record_set_retrospective (RdLossRecord *self,
                                  const char   *retrospective)
{
  g_return_if_fail (RD_IS_LOSS_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_RETROSPECTIVE, retrospective);
}

const char *
rd_loss_record_get_closed_on (RdLossRecord *self)
{
  g_return_val_if_fail (RD_IS_LOSS_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_CLOSED_ON);
}

void
rd_loss_record_set_closed_on (RdLossRecord *self,
                              const char   *closed_on)
{
  g_return_if_fail (RD_IS_LOSS_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_CLOSED_ON, closed_on);
}

const char *
rd_loss_record_get_reengage_on (RdLossRecord *self)
{
  g_return_val_if_fail (RD_IS_LOSS_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_REENGAGE_ON);
}

void
rd_loss_record_set_reengage_on (RdLossRecord *self,
                                const char   *reengage_on)
{
  g_return_if_fail (RD_IS_LOSS_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_REENGAGE_ON, reengage_on);
}

const char *
rd_loss_record_get_reopened_on (RdLossRecord *self)
{
  g_return_val_if_fail (RD_IS_LOSS_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_REOPENED_ON);
}

void
rd_loss_record_set_reopened_on (RdLossRecord *self,
                                const char   *reopened_on)
{
  g_return_if_fail (RD_IS_LOSS_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_REOPENED_ON, reopened_on);
}
