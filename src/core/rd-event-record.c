/* rd-event-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-event-record"

#include "config.h"

#include "rd-event-record.h"
#include "rd-record-private.h"

struct _RdEventRecord
{
  RdRecord parent_instance;
};

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_ENTITY,
  PROP_ENTITY_ID,
  PROP_FIELD,
  PROP_OLD_VALUE,
  PROP_NEW_VALUE,
  PROP_SUMMARY,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RdRecordField fields[N_PROPS] = {
  [PROP_ACCOUNT_ID] = { "account_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_ENTITY] = { "entity", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_ENTITY_ID] = { "entity_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_FIELD] = { "field", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_OLD_VALUE] = { "old_value", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_NEW_VALUE] = { "new_value", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_SUMMARY] = { "summary", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_CREATED_AT] = { "created_at", RD_RECORD_FIELD_STRING, .read_only = TRUE },
};

G_DEFINE_FINAL_TYPE (RdEventRecord, rd_event_record, RD_TYPE_RECORD)

static void
rd_event_record_class_init (RdEventRecordClass *klass)
{
  _rd_record_class_install_fields (RD_RECORD_CLASS (klass), "event", "account_id",
                                   fields, N_PROPS, properties);
}

static void
rd_event_record_init (RdEventRecord *self)
{
}

const char *
rd_event_record_get_account_id (RdEventRecord *self)
{
  g_return_val_if_fail (RD_IS_EVENT_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ACCOUNT_ID);
}

const char *
rd_event_record_get_entity (RdEventRecord *self)
{
  g_return_val_if_fail (RD_IS_EVENT_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ENTITY);
}

const char *
rd_event_record_get_entity_id (RdEventRecord *self)
{
  g_return_val_if_fail (RD_IS_EVENT_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ENTITY_ID);
}

const char *
rd_event_record_get_field (RdEventRecord *self)
{
  g_return_val_if_fail (RD_IS_EVENT_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_FIELD);
}

const char *
rd_event_record_get_old_value (RdEventRecord *self)
{
  g_return_val_if_fail (RD_IS_EVENT_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_OLD_VALUE);
}

const char *
rd_event_record_get_new_value (RdEventRecord *self)
{
  g_return_val_if_fail (RD_IS_EVENT_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_NEW_VALUE);
}

const char *
rd_event_record_get_summary (RdEventRecord *self)
{
  g_return_val_if_fail (RD_IS_EVENT_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_SUMMARY);
}

const char *
rd_event_record_get_created_at (RdEventRecord *self)
{
  g_return_val_if_fail (RD_IS_EVENT_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_CREATED_AT);
}
