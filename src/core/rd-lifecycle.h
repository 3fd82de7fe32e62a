/* rd-lifecycle.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-account.h"
#include "rd-pricing.h"

G_BEGIN_DECLS

/*
 * The turns of an account's life that touch several documents at once:
 * recording a bridge (accepting one moves the hard deadline), the three
 * options, closing as lost and reopening as a new opportunity.  Each
 * function only builds the documents; the caller puts all of them with
 * rd_store_put_documents() so they land in one transaction, with events.
 * Nothing here touches the store, so it is all testable as plain data.
 */

typedef enum
{
  RD_CHOICE_RENEW_CURRENT,
  RD_CHOICE_RENEW_EXPANSION,
  RD_CHOICE_DO_NOT_RENEW,
} RdRenewalChoice;

/* Stored on the account as "renewal_choice" (with "renewal_choice_on"). */
extern const RdEnumTable rd_renewal_choice_table;

#define RD_LIFECYCLE_DEFAULT_REENGAGE_DAYS 60

typedef struct
{
  int         reason;          /* RdLossReason, or -1 when not chosen */
  const char *competitor;      /* required for RD_LOSS_COMPETITOR */
  const char *details;
  const char *retrospective;
  const char *closed_on;       /* "YYYY-MM-DD" */
  const char *reengage_on;     /* "YYYY-MM-DD", not before closed_on */
} RdLossInput;

/* @today + @days as "YYYY-MM-DD". */
char       *rd_lifecycle_default_reengage (const GDate *today,
                                           int          days);

/* A new "proposed" bridge document from a quote, proposed on @today. */
JsonObject *rd_bridge_new_document        (const char          *account_id,
                                           const RdBridgeQuote *quote,
                                           const char          *today);
/* [bridge] with @status and "<status>_on" = @today; when accepting, also
 * [account] with effective_end derived from @bridges (the account's other
 * bridge documents, or NULL) and this one (rd_lifecycle_effective_end()).
 * An accepted bridge stays accepted, and one that overlaps another
 * accepted bridge of @bridges is refused (rd_lifecycle_check_overlap()). */
GPtrArray  *rd_lifecycle_set_bridge_status (RdAccount         *account,
                                            JsonObject        *bridge,
                                            GPtrArray         *bridges,
                                            RdBridgeStatus     status,
                                            const char        *today,
                                            GError           **error);

/* The hard deadline the accepted bridges of @bridges (bridge documents;
 * deleted and not accepted ones are ignored) set: the latest ends_on of
 * one whose kind moves the deadline, when after @contract_end; otherwise
 * NULL (the contract end holds).  The only way effective_end is set: every
 * write path (editor, import, sync) derives it here, never by hand. */
char       *rd_lifecycle_effective_end     (const char        *contract_end,
                                            GPtrArray         *bridges);
/* Whether @bridge (a document) is live and accepted. */
gboolean    rd_lifecycle_bridge_is_accepted (JsonObject       *bridge);
/* The days of @a and @b (starts_on to ends_on, both included; a missing
 * start is the end's day) share at least one. */
gboolean    rd_lifecycle_bridges_overlap   (JsonObject        *a,
                                            JsonObject        *b);
/* An accepted bridge of @bridges, other than @bridge (by _id), whose days
 * overlap @bridge's; NULL if none (borrowed). */
JsonObject *rd_lifecycle_find_overlap      (GPtrArray         *bridges,
                                            JsonObject        *bridge);
/* FALSE with a translated message naming the other bridge and its dates
 * when @bridge, accepted, would overlap an accepted bridge of @bridges. */
gboolean    rd_lifecycle_check_overlap     (GPtrArray         *bridges,
                                            JsonObject        *bridge,
                                            GError           **error);
/* How many bridges of @bridges are accepted (and live). */
guint       rd_lifecycle_count_accepted    (GPtrArray         *bridges);
/* How many accepted bridges carry this term past @contract_end (ending
 * after it, or without an end): those of a term already renewed do not
 * count.  What rd_pricing_early_renewal_offer() takes. */
guint       rd_lifecycle_count_bridging    (GPtrArray         *bridges,
                                            const char        *contract_end);
/* Resolves accepted bridges that overlap (two desktops accepted one each):
 * [bridge…] every accepted bridge of @bridges overlapping @keep is
 * declined on @today, with "withdrawn_on" = @today.  NULL with an error
 * when @keep is not accepted or nothing overlaps it. */
GPtrArray  *rd_lifecycle_resolve_overlap   (GPtrArray         *bridges,
                                            JsonObject        *keep,
                                            const char        *today,
                                            GError           **error);

/* The last day of a term that starts on @next_start and lasts as long as
 * the one from @start to @end (all "YYYY-MM-DD", @end included): as many
 * months when that term was whole months (so a leap day moves nothing),
 * else as many days; a year when either is unknown or they are out of
 * order.  What a renewal or a reopened account's next term lasts unless
 * the user says otherwise.  NULL when @next_start is not a date. */
char       *rd_lifecycle_next_term_end     (const char        *start,
                                            const char        *end,
                                            const char        *next_start);

/* @related holds the account's delay and plan documents (or NULL): what is
 * still open among them is closed in the same put.
 *
 * Renew (current scope or with expansion): [account, …] the account rolls
 * to its next term, starting the day after the old hard deadline and
 * ending on @new_end (NULL: as long as the old term); open delays are
 * resolved as renewed, open plans ended.
 * Do not renew: [account, …, plan, steps] expected_churn (kept visible, out
 * of the committed forecast), open delays and plans closed, and an
 * offboarding plan (confirm in writing, offer the data export, end access
 * on the hard deadline). */
GPtrArray  *rd_lifecycle_choose            (RdAccount         *account,
                                            RdRenewalChoice    choice,
                                            const char        *today,
                                            const char        *new_end,
                                            GPtrArray         *related);

/* [loss, account, …]: the loss record, the account as lost, and the open
 * delays of @related (the account's delay and plan documents, or NULL)
 * resolved as lost and its open plans ended.  Invalid input names the field
 * in *out_field ("reason", "competitor", "reengage_on"…). */
GPtrArray  *rd_lifecycle_close_as_lost     (RdAccount         *account,
                                            const RdLossInput *input,
                                            GPtrArray         *related,
                                            char             **out_field,
                                            GError           **error);
/* No longer needs it, or lost to a competitor they implemented: no longer
 * a target, so the re-engage date is optional. */
gboolean    rd_lifecycle_reengage_optional (int                reason);
/* The loss that is still open (not reopened), newest first; NULL if none. */
JsonObject *rd_lifecycle_open_loss         (GPtrArray         *losses);
/* A lost account with an open loss; at any time, not only once the
 * re-engage date has come. */
gboolean    rd_lifecycle_can_reopen        (RdAccount         *account,
                                            JsonObject        *loss);
/* [loss, account]: the loss gets reopened_on = @today, the account is
 * active again on a fresh term from @today to @target_end (required, after
 * today), at @annual_value_minor (< 0 keeps the old value), linked to the
 * loss ("reopened_from_loss_id").  Nothing is deleted: the history and the
 * loss record stay, to be shown as what was learned last time. */
GPtrArray  *rd_lifecycle_reopen            (RdAccount         *account,
                                            JsonObject        *loss,
                                            const GDate       *today,
                                            const char        *target_end,
                                            gint64             annual_value_minor,
                                            GError           **error);

G_END_DECLS
