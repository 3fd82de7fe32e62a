/* rd-exchange.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Money in one reporting currency.  An exchange rate is a decimal string:
 * one unit of from_currency is worth rate units of to_currency ("1.0825",
 * "395.5").  Conversion is exact: the amount in minor units times the rate,
 * scaled between the two currencies' minor units, is rounded half away from
 * zero once, at the end, in 128-bit integers — never through floating point.
 */

/* Up to this many digits after the point, and this many in all. */
#define RD_EXCHANGE_MAX_DECIMALS 12
#define RD_EXCHANGE_MAX_DIGITS   24

/* Whether @text is a rate: digits with at most one ".", greater than zero.
 * FALSE with a translated message naming what is wrong. */
gboolean         rd_exchange_rate_check   (const char  *text,
                                           GError     **error);

/* @amount_minor of @from converted at @rate (one @from is worth @rate
 * @to), or, with @inverse, at 1 / @rate (the stored pair read backwards).
 * FALSE when the rate is not valid or the result does not fit in 64 bits. */
gboolean         rd_exchange_convert      (gint64       amount_minor,
                                           const char  *from,
                                           const char  *to,
                                           const char  *rate,
                                           gboolean     inverse,
                                           gint64      *out_minor);

typedef struct _RdExchangeTable RdExchangeTable;

/* The rates of @docs (exchange_rate documents; deleted and invalid ones
 * are skipped). */
RdExchangeTable *rd_exchange_table_new    (GPtrArray   *docs);
/* A table is never changed once made: a copy can go to another thread. */
RdExchangeTable *rd_exchange_table_copy   (RdExchangeTable *self);
void             rd_exchange_table_free   (RdExchangeTable *self);
/* Converts @amount_minor of @from into @to with the newest rate whose
 * as_of is on or before @day ("YYYY-MM-DD"; a rate without as_of applies
 * from any day), reading a stored pair backwards when only the inverse
 * exists.  The same currency converts to itself.  FALSE when no rate
 * applies (or on overflow). */
gboolean         rd_exchange_table_convert (RdExchangeTable *self,
                                            gint64           amount_minor,
                                            const char      *from,
                                            const char      *to,
                                            const char      *day,
                                            gint64          *out_minor);
/* Whether a rate from @from to @to applies on @day. */
gboolean         rd_exchange_table_has_rate (RdExchangeTable *self,
                                             const char      *from,
                                             const char      *to,
                                             const char      *day);

/* A total in one reporting currency that says what it leaves out. */
typedef struct
{
  char       *currency;     /* the reporting currency */
  char       *day;          /* the rates of this day apply */
  gint64      total_minor;  /* of the amounts that could be converted */
  guint       n_counted;
  GHashTable *missing;      /* currency code → guint count of amounts left out */
  gboolean    overflow;     /* the sum left 64 bits; total_minor is not valid */
} RdExchangeTotal;

RdExchangeTotal *rd_exchange_total_new      (const char      *currency,
                                             const char      *day);
void             rd_exchange_total_free     (RdExchangeTotal *total);
/* Adds @amount_minor of @currency; FALSE (and counted as missing) when no
 * rate applies. */
gboolean         rd_exchange_total_add      (RdExchangeTotal *total,
                                             RdExchangeTable *table,
                                             gint64           amount_minor,
                                             const char      *currency);
/* Counts @n amounts of @currency as left out without trying them. */
void             rd_exchange_total_note_missing (RdExchangeTotal *total,
                                                 const char      *currency,
                                                 guint            n);
/* The amounts left out, translated: "No rate for HUF: 1 account is not in
 * the EUR total." one sentence per currency, sorted by code; NULL when
 * nothing was left out. */
char            *rd_exchange_total_dup_missing_text (RdExchangeTotal *total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdExchangeTable, rd_exchange_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdExchangeTotal, rd_exchange_total_free)

G_END_DECLS
