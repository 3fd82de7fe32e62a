/* rd-concessions.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * The running concession ledger of an account: what was given away to keep
 * it, against its annual value, so nobody gives away the margin one bridge
 * at a time.  Accepted bridges are valued at the daily rate (annual / 365)
 * in exact integer arithmetic: a pilot's reduction (its days at the full
 * rate less its price), a grace period's free days, and any bridge priced
 * below the time it covers at the current rate (a discount).  Levers
 * granted are listed and counted but carry no price of their own.
 */

typedef enum
{
  RD_CONCESSION_DISCOUNT,
  RD_CONCESSION_FREE_DAYS,
  RD_CONCESSION_PILOT_REDUCTION,
  RD_CONCESSION_LEVER,
} RdConcessionKind;

typedef struct
{
  RdConcessionKind kind;
  char            *source_id;    /* the bridge's _id; NULL for a lever */
  char            *lever;        /* the lever's text; NULL for a bridge */
  int              days;         /* free days (grace), else 0 */
  gint64           value_minor;  /* 0 for a lever (not valued) */
} RdConcession;

typedef struct
{
  GPtrArray *items;              /* RdConcession, bridges first, then levers */
  gint64     annual_minor;
  gint64     total_minor;        /* the valued items */
  int        share_tenths;       /* total / annual in tenths of a percent, rounded; -1 without an annual value */
  guint      n_levers;
  int        threshold_percent;
  gboolean   over_threshold;     /* total > threshold % of annual */
} RdConcessionLedger;

/* The ledger from @bridges (bridge documents of one account: only live,
 * accepted ones count), @levers (granted, or NULL) and @annual_minor, with
 * a warning above @threshold_percent.  NULL on overflow. */
RdConcessionLedger *rd_concessions_compute     (gint64               annual_minor,
                                                GPtrArray           *bridges,
                                                const char * const  *levers,
                                                int                  threshold_percent);
void                rd_concession_ledger_free  (RdConcessionLedger  *ledger);
/* "12.5 %": @share_tenths in the locale's decimal separator. */
char               *rd_concessions_format_share (int                 share_tenths);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdConcessionLedger, rd_concession_ledger_free)

G_END_DECLS
