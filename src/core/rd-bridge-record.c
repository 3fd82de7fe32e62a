/* rd-bridge-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-bridge-record"

#include "config.h"

#include "rd-bridge-record.h"
#include "rd-record-private.h"
#include "rd-lifecycle.h"

struct _RdBridgeRecord
{
  RdRecord parent_instance;
};

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_KIND,
  PROP_STATUS,
  PROP_PRICE_MINOR,
  PROP_STARTS_ON,
  PROP_ENDS_ON,
  PROP_PROPOSED_ON,
  PROP_ACCEPTED_ON,
  PROP_DECLINED_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RdRecordField fields[N_PROPS] = {
  [PROP_ACCOUNT_ID] = { "account_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_KIND] = { "kind", RD_RECORD_FIELD_ENUM,
                  .enum_table = &rd_bridge_kind_table, .fallback = -1 },
  [PROP_STATUS] = { "status", RD_RECORD_FIELD_ENUM,
                    .enum_table = &rd_bridge_status_table, .fallback = RD_BRIDGE_STATUS_PROPOSED },
  [PROP_PRICE_MINOR] = { "price_minor", RD_RECORD_FIELD_INT },
  [PROP_STARTS_ON] = { "starts_on", RD_RECORD_FIELD_STRING },
  [PROP_ENDS_ON] = { "ends_on", RD_RECORD_FIELD_STRING },
  [PROP_PROPOSED_ON] = { "proposed_on", RD_RECORD_FIELD_STRING },
  [PROP_ACCEPTED_ON] = { "accepted_on", RD_RECORD_FIELD_STRING },
  [PROP_DECLINED_ON] = { "declined_on", RD_RECORD_FIELD_STRING },
};

G_DEFINE_FINAL_TYPE (RdBridgeRecord, rd_bridge_record, RD_TYPE_RECORD)

static void
rd_bridge_record_class_init (RdBridgeRecordClass *klass)
{
  _rd_record_class_install_fields (RD_RECORD_CLASS (klass), "bridge", "account_id",
                                   fields, N_PROPS, properties);
}

/* Public API ------------------------------------------------------------- */

RdBridgeRecord *
rd_bridge_record_new_proposal (const char          *account_id,
                               const RdBridgeQuote *quote,
                               const char          *today)
{
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (quote != NULL, NULL);

  return _rd_record_new_take (RD_TYPE_BRIDGE_RECORD,
                              rd_bridge_new_document (account_id, quote, today));
}

const char *
rd_bridge_record_get_status_on (RdBridgeRecord *self)
{
  g_return_val_if_fail (RD_IS_BRIDGE_RECORD (self), NULL);

  switch (rd_bridge_record_get_status (self))
    {
    case RD_BRIDGE_STATUS_ACCEPTED:
      return rd_bridge_record_get_accepted_on (self);
    case RD_BRIDGE_STATUS_DECLINED:
      return rd_bridge_record_get_declined_on (self);
    case RD_BRIDGE_STATUS_PROPOSED:
    default:
      return rd_bridge_record_get_proposed_on (self);
    }
}

static void
rd_bridge_record_init (RdBridgeRecord *self)
{
}

const char *
rd_bridge_record_get_account_id (RdBridgeRecord *self)
{
  g_return_val_if_fail (RD_IS_BRIDGE_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ACCOUNT_ID);
}

int
rd_bridge_record_get_kind (RdBridgeRecord *self)
{
  g_return_val_if_fail (RD_IS_BRIDGE_RECORD (self), -1);

  return _rd_record_get_enum (RD_RECORD (self), PROP_KIND);
}

void
rd_bridge_record_set_kind (RdBridgeRecord *self,
                           int             kind)
{
  g_return_if_fail (RD_IS_BRIDGE_RECORD (self));

  _rd_record_set_enum (RD_RECORD (self), PROP_KIND, kind);
}

RdBridgeStatus
rd_bridge_record_get_status (RdBridgeRecord *self)
{
  g_return_val_if_fail (RD_IS_BRIDGE_RECORD (self), RD_BRIDGE_STATUS_PROPOSED);

  return (RdBridgeStatus) _rd_record_get_enum (RD_RECORD (self), PROP_STATUS);
}

void
rd_bridge_record_set_status (RdBridgeRecord *self,
                             RdBridgeStatus  status)
{
  g_return_if_fail (RD_IS_BRIDGE_RECORD (self));

  _rd_record_set_enum (RD_RECORD (self), PROP_STATUS, status);
}

gint64
rd_bridge_record_get_price_minor (RdBridgeRecord *self)
{
  g_return_val_if_fail (RD_IS_BRIDGE_RECORD (self), 0);

  return _rd_record_get_int (RD_RECORD (self), PROP_PRICE_MINOR);
}

void
rd_bridge_record_set_price_minor (RdBridgeRecord *self,
                                  gint64          price_minor)
{
  g_return_if_fail (RD_IS_BRIDGE_RECORD (self));

  _rd_record_set_int (RD_RECORD (self), PROP_PRICE_MINOR, price_minor);
}

const char *
rd_bridge_record_get_starts_on (RdBridgeRecord *self)
{
  g_return_val_if_fail (RD_IS_BRIDGE_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_STARTS_ON);
}

void
rd_bridge_record_set_starts_on (RdBridgeRecord *self,
                                const char     *starts_on)
{
  g_return_if_fail (RD_IS_BRIDGE_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_STARTS_ON, starts_on);
}

const char *
rd_bridge_record_get_ends_on (RdBridgeRecord *self)
{
  g_return_val_if_fail (RD_IS_BRIDGE_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ENDS_ON);
}

void
rd_bridge_record_set_ends_on (RdBridgeRecord *self,
                              const char     *ends_on)
{
  g_return_if_fail (RD_IS_BRIDGE_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_ENDS_ON, ends_on);
}

const char *
rd_bridge_record_get_proposed_on (RdBridgeRecord *self)
{
  g_return_val_if_fail (RD_IS_BRIDGE_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_PROPOSED_ON);
}

void
rd_bridge_record_set_proposed_on (RdBridgeRecord *self,
                                  const char     *proposed_on)
{
  g_return_if_fail (RD_IS_BRIDGE_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_PROPOSED_ON, proposed_on);
}

const char *
rd_bridge_record_get_accepted_on (RdBridgeRecord *self)
{
  g_return_val_if_fail (RD_IS_BRIDGE_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ACCEPTED_ON);
}

void
rd_bridge_record_set_accepted_on (RdBridgeRecord *self,
                                  const char     *accepted_on)
{
  g_return_if_fail (RD_IS_BRIDGE_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_ACCEPTED_ON, accepted_on);
}

const char *
rd_bridge_record_get_declined_on (RdBridgeRecord *self)
{
  g_return_val_if_fail (RD_IS_BRIDGE_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_DECLINED_ON);
}

void
rd_bridge_record_set_declined_on (RdBridgeRecord *self,
                                  const char     *declined_on)
{
  g_return_if_fail (RD_IS_BRIDGE_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_DECLINED_ON, declined_on);
}
