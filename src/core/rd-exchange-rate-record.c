/* rd-exchange-rate-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-exchange-rate-record"

#include "config.h"

#include "rd-exchange-rate-record.h"
#include "rd-record-private.h"

struct _RdExchangeRateRecord
{
  RdRecord parent_instance;
};

enum {
  PROP_0,
  PROP_FROM_CURRENCY,
  PROP_TO_CURRENCY,
  PROP_RATE,
  PROP_AS_OF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RdRecordField fields[N_PROPS] = {
  [PROP_FROM_CURRENCY] = { "from_currency", RD_RECORD_FIELD_STRING },
  [PROP_TO_CURRENCY] = { "to_currency", RD_RECORD_FIELD_STRING },
  [PROP_RATE] = { "rate", RD_RECORD_FIELD_STRING },
  [PROP_AS_OF] = { "as_of", RD_RECORD_FIELD_STRING },
};

G_DEFINE_FINAL_TYPE (RdExchangeRateRecord, rd_exchange_rate_record, RD_TYPE_RECORD)

static void
rd_exchange_rate_record_class_init (RdExchangeRateRecordClass *klass)
{
  _rd_record_class_install_fields (RD_RECORD_CLASS (klass), "exchange_rate", NULL,
                                   fields, N_PROPS, properties);
}

static void
rd_exchange_rate_record_init (RdExchangeRateRecord *self)
{
}

/* Public API ------------------------------------------------------------- */

RdExchangeRateRecord *
rd_exchange_rate_record_new (const char *from_currency,
                             const char *to_currency,
                             const char *rate,
                             const char *as_of)
{
  RdExchangeRateRecord *self;

  g_return_val_if_fail (from_currency != NULL, NULL);
  g_return_val_if_fail (to_currency != NULL, NULL);
  g_return_val_if_fail (rate != NULL, NULL);

  self = _rd_record_new_take (RD_TYPE_EXCHANGE_RATE_RECORD,
                              _rd_record_new_document (RD_TYPE_EXCHANGE_RATE_RECORD, NULL));
  rd_exchange_rate_record_set_from_currency (self, from_currency);
  rd_exchange_rate_record_set_to_currency (self, to_currency);
  rd_exchange_rate_record_set_rate (self, rate);
  rd_exchange_rate_record_set_as_of (self, as_of);

  return self;
}

const char *
rd_exchange_rate_record_get_from_currency (RdExchangeRateRecord *self)
{
  g_return_val_if_fail (RD_IS_EXCHANGE_RATE_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_FROM_CURRENCY);
}

void
rd_exchange_rate_record_set_from_currency (RdExchangeRateRecord *self,
                                           const char           *from_currency)
{
  g_return_if_fail (RD_IS_EXCHANGE_RATE_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_FROM_CURRENCY, from_currency);
}

const char *
rd_exchange_rate_record_get_to_currency (RdExchangeRateRecord *self)
{
  g_return_val_if_fail (RD_IS_EXCHANGE_RATE_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_TO_CURRENCY);
}

void
rd_exchange_rate_record_set_to_currency (RdExchangeRateRecord *self,
                                         const char           *to_currency)
{
  g_return_if_fail (RD_IS_EXCHANGE_RATE_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_TO_CURRENCY, to_currency);
}

const char *
rd_exchange_rate_record_get_rate (RdExchangeRateRecord *self)
{
  g_return_val_if_fail (RD_IS_EXCHANGE_RATE_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_RATE);
}

void
rd_exchange_rate_record_set_rate (RdExchangeRateRecord *self,
                                  const char           *rate)
{
  g_return_if_fail (RD_IS_EXCHANGE_RATE_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_RATE, rate);
}

const char *
rd_exchange_rate_record_get_as_of (RdExchangeRateRecord *self)
{
  g_return_val_if_fail (RD_IS_EXCHANGE_RATE_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_AS_OF);
}

void
rd_exchange_rate_record_set_as_of (RdExchangeRateRecord *self,
                                   const char           *as_of)
{
  g_return_if_fail (RD_IS_EXCHANGE_RATE_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_AS_OF, as_of);
}
