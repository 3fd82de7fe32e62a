/* rd-account-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account.h"

G_BEGIN_DECLS

/* The instance struct is shared with RdStore so that loading 100,000 rows
 * fills the fields directly instead of going through GObject properties. */
struct _RdAccount
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *external_id;
  char       *industry;
  char       *country;
  char       *currency;
  gint64      annual_value_minor;
  char       *contract_start;
  char       *contract_end;
  char       *effective_end;
  RdStage     stage;
  RdStatus    status;
  RdLevel     cash_stability;
  char       *owner;
  gboolean    auto_renew;
  int         notice_days;
  char       *notes;
  int         risk_score;
  RdRiskBand  risk_band;
  char      **risk_factors; /* factor ids of rd-risk.h, largest first; NULL = none */
  char       *churn_reason;
  char       *stage_since;
  char       *updated_at;
  int         delay_class;  /* worst open delay's effective RdClass; -1 = none */
  gint64      reporting_minor;  /* the annual value in the reporting currency; -1 = no rate */

  JsonObject *extra;        /* fields this version does not know; owned */
  char       *search_key;   /* lazily computed; NULL when stale */

  /* One block holding the strings of an account the store listed
   * (_rd_account_pack_strings ()): the string fields, the id, the search
   * key and the risk factors may point into it instead of owning their
   * own allocation.  A setter gives its field its own copy first. */
  char       *packed;
  gsize       packed_size;
};

/* A bare object with no id and no defaults, for the store's row loader. */
RdAccount *_rd_account_new_empty      (void);
void       _rd_account_set_updated_at (RdAccount  *self,
                                       const char *updated_at);
void       _rd_account_update_search_key (RdAccount *self);
/* Moves the strings of @self into one block, for the 100,000 accounts of
 * a whole-book read: one allocation instead of about fifteen. */
void       _rd_account_pack_strings   (RdAccount  *self);

G_END_DECLS
