/* rd-exchange-rate-record.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"

G_BEGIN_DECLS

/*
 * An exchange rate document: one unit of from_currency is worth rate units
 * of to_currency (a decimal string, see rd-exchange.h) from as_of on.
 */

#define RD_TYPE_EXCHANGE_RATE_RECORD (rd_exchange_rate_record_get_type ())

G_DECLARE_FINAL_TYPE (RdExchangeRateRecord, rd_exchange_rate_record, RD, EXCHANGE_RATE_RECORD, RdRecord)

RdExchangeRateRecord *rd_exchange_rate_record_new (const char *from_currency,
                                                  const char *to_currency,
                                                  const char *rate,
                                                  const char       *as_of);


const char  *rd_exchange_rate_record_get_from_currency (RdExchangeRateRecord *self);
void         rd_exchange_rate_record_set_from_currency (RdExchangeRateRecord *self,
                                                        const char       *from_currency);
const char  *rd_exchange_rate_record_get_to_currency   (RdExchangeRateRecord *self);
void         rd_exchange_rate_record_set_to_currency   (RdExchangeRateRecord *self,
                                                        const char       *to_currency);
/* A decimal string such as "1.0825". */
const char  *rd_exchange_rate_record_get_rate          (RdExchangeRateRecord *self);
void         rd_exchange_rate_record_set_rate          (RdExchangeRateRecord *self,
                                                        const char       *rate);
/* "YYYY-MM-DD", or NULL for "always". */
const char  *rd_exchange_rate_record_get_as_of         (RdExchangeRateRecord *self);
void         rd_exchange_rate_record_set_as_of         (RdExchangeRateRecord *self,
                                                        const char       *as_of);

G_END_DECLS
