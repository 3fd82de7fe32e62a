/* rd-account.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-enums.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT (rd_account_get_type ())

G_DECLARE_FINAL_TYPE (RdAccount, rd_account, RD, ACCOUNT, GObject)

/*
 * An account is a customer contract.  Dates are "YYYY-MM-DD" strings, or
 * NULL when unset; money is an integer in minor units of @currency.
 * Every property has EXPLICIT_NOTIFY and the setters notify only on change.
 *
 * Properties: "id", "name", "external-id", "industry", "country",
 * "currency", "annual-value-minor" (int64), "contract-start",
 * "contract-end", "effective-end", "stage" (RdStage as int), "status"
 * (RdStatus as int), "cash-stability" (RdLevel as int), "owner",
 * "auto-renew", "notice-days", "notes", "risk-score", "risk-band"
 * (RdRiskBand as int), "risk-factors" (strv, computed by the store),
 * "churn-reason", "stage-since", "updated-at", "goals", "outcomes", "roi".
 */

RdAccount  *rd_account_new                   (void);
RdAccount  *rd_account_copy                  (RdAccount   *self);

/* The document contract: see rd-document.h.  Fields this version does not
 * know are kept in the object and written back unchanged. */
RdAccount  *rd_account_new_from_document     (JsonObject  *doc,
                                              GError     **error);
JsonObject *rd_account_to_document           (RdAccount   *self);

const char *rd_account_get_id                (RdAccount   *self);
const char *rd_account_get_name              (RdAccount   *self);
void        rd_account_set_name              (RdAccount   *self,
                                              const char  *name);
const char *rd_account_get_external_id       (RdAccount   *self);
void        rd_account_set_external_id       (RdAccount   *self,
                                              const char  *external_id);
const char *rd_account_get_industry          (RdAccount   *self);
void        rd_account_set_industry          (RdAccount   *self,
                                              const char  *industry);
const char *rd_account_get_country           (RdAccount   *self);
void        rd_account_set_country           (RdAccount   *self,
                                              const char  *country);
const char *rd_account_get_currency          (RdAccount   *self);
void        rd_account_set_currency          (RdAccount   *self,
                                              const char  *currency);
gint64      rd_account_get_annual_value_minor (RdAccount  *self);
void        rd_account_set_annual_value_minor (RdAccount  *self,
                                              gint64       value);
const char *rd_account_get_contract_start    (RdAccount   *self);
void        rd_account_set_contract_start    (RdAccount   *self,
                                              const char  *date);
const char *rd_account_get_contract_end      (RdAccount   *self);
void        rd_account_set_contract_end      (RdAccount   *self,
                                              const char  *date);
const char *rd_account_get_effective_end     (RdAccount   *self);
void        rd_account_set_effective_end     (RdAccount   *self,
                                              const char  *date);
RdStage     rd_account_get_stage             (RdAccount   *self);
void        rd_account_set_stage             (RdAccount   *self,
                                              RdStage      stage);
RdStatus    rd_account_get_status            (RdAccount   *self);
void        rd_account_set_status            (RdAccount   *self,
                                              RdStatus     status);
RdLevel     rd_account_get_cash_stability    (RdAccount   *self);
void        rd_account_set_cash_stability    (RdAccount   *self,
                                              RdLevel      level);
const char *rd_account_get_owner             (RdAccount   *self);
void        rd_account_set_owner             (RdAccount   *self,
                                              const char  *owner);
gboolean    rd_account_get_auto_renew        (RdAccount   *self);
void        rd_account_set_auto_renew        (RdAccount   *self,
                                              gboolean     auto_renew);
int         rd_account_get_notice_days       (RdAccount   *self);
void        rd_account_set_notice_days       (RdAccount   *self,
                                              int          days);
const char *rd_account_get_notes             (RdAccount   *self);
void        rd_account_set_notes             (RdAccount   *self,
                                              const char  *notes);
int         rd_account_get_risk_score        (RdAccount   *self);
void        rd_account_set_risk_score        (RdAccount   *self,
                                              int          score);
RdRiskBand  rd_account_get_risk_band         (RdAccount   *self);
void        rd_account_set_risk_band         (RdAccount   *self,
                                              RdRiskBand   band);
/* The top contributing factor ids (rd-risk.h), computed by the store. */
const char * const *rd_account_get_risk_factors (RdAccount *self);
void        rd_account_set_risk_factors      (RdAccount   *self,
                                              const char * const *factors);
/* Why a defending account is expected to churn (status expected_churn). */
const char *rd_account_get_churn_reason      (RdAccount   *self);
void        rd_account_set_churn_reason      (RdAccount   *self,
                                              const char  *reason);
/* When the current stage began ("YYYY-MM-DD"); NULL: since contract start. */
const char *rd_account_get_stage_since       (RdAccount   *self);
void        rd_account_set_stage_since       (RdAccount   *self,
                                              const char  *date);
const char *rd_account_get_updated_at        (RdAccount   *self);
/* What the customer has gained so far, for the executive summary.  Kept in
 * the document as the extra members "goals", "outcomes" and "roi", which the
 * document validator does not check: editors keep them within the long text
 * limit themselves.  Empty strings are stored as NULL. */
const char *rd_account_get_goals             (RdAccount   *self);
void        rd_account_set_goals             (RdAccount   *self,
                                              const char  *goals);
const char *rd_account_get_outcomes          (RdAccount   *self);
void        rd_account_set_outcomes          (RdAccount   *self,
                                              const char  *outcomes);
const char *rd_account_get_roi               (RdAccount   *self);
void        rd_account_set_roi               (RdAccount   *self,
                                              const char  *roi);
/* The fold signs (RdFoldSign mask) the user dismissed the advice for, and
 * the negotiation levers offered so far: the extra members
 * "fold_dismissed" and "levers_offered". */
guint       rd_account_get_fold_dismissed    (RdAccount   *self);
void        rd_account_set_fold_dismissed    (RdAccount   *self,
                                              guint        signs);
/* NULL when none was offered. */
char      **rd_account_dup_levers_offered    (RdAccount   *self);
void        rd_account_set_levers_offered    (RdAccount   *self,
                                              const char * const *levers);

/* The champion's kit, extra members of the account document (never
 * checked by the document validator, kept by sync and JSON export):
 *
 *  - "reference_ok" (boolean, default false): the customer agreed to be
 *    named as a reference for similar customers;
 *  - "roi_cost_minor", "roi_benefit_minor" (integers in minor units of the
 *    account's currency) and "roi_payback_months": the ROI figures for
 *    finance, what the service costs a year and the benefit measured over
 *    a year, and how many months it took to pay back;
 *  - "reonboarding_weeks": how long coming back after a lapse would take;
 *  - "price_change_on" ("YYYY-MM-DD"): when the price changes.
 *
 * The numbers are -1 when unset; setting a negative number removes the
 * member.  The date is NULL when unset; NULL or "" removes it. */
gboolean    rd_account_get_reference_ok      (RdAccount   *self);
void        rd_account_set_reference_ok      (RdAccount   *self,
                                              gboolean     reference_ok);
gint64      rd_account_get_roi_cost_minor    (RdAccount   *self);
void        rd_account_set_roi_cost_minor    (RdAccount   *self,
                                              gint64       minor);
gint64      rd_account_get_roi_benefit_minor (RdAccount   *self);
void        rd_account_set_roi_benefit_minor (RdAccount   *self,
                                              gint64       minor);
int         rd_account_get_roi_payback_months (RdAccount  *self);
void        rd_account_set_roi_payback_months (RdAccount  *self,
                                              int          months);
int         rd_account_get_reonboarding_weeks (RdAccount  *self);
void        rd_account_set_reonboarding_weeks (RdAccount  *self,
                                              int          weeks);
const char *rd_account_get_price_change_on   (RdAccount   *self);
void        rd_account_set_price_change_on   (RdAccount   *self,
                                              const char  *date);

/* The worst effective class among the account's open delays, or -1 when it
 * has none.  Computed by the store; not part of the document. */
int         rd_account_get_delay_class       (RdAccount   *self);
/* The annual value converted into the reporting currency, or -1 when no
 * rate applies (or none was set).  Set by the view that shows it; not part
 * of the document. */
gint64      rd_account_get_reporting_value_minor (RdAccount *self);
void        rd_account_set_reporting_value_minor (RdAccount *self,
                                                  gint64     value_minor);

/* The hard deadline: effective end when set, else contract end (may be NULL). */
const char *rd_account_get_deadline          (RdAccount   *self);
/* Days from @today to the deadline (negative when past); G_MININT when unknown. */
int         rd_account_get_days_to_renewal   (RdAccount   *self,
                                              const GDate *today);
/* "name owner industry" folded for search (rd_search_text_fold ()); computed
 * once, updated on change. */
const char *rd_account_get_search_key        (RdAccount   *self);

/* What a person typed into @field ("name", "currency", "annual_value_minor",
 * "contract_start", "contract_end", "notice_days", "churn_reason"…), read and
 * checked by the document's rules (rd_document_parse_field(), with the
 * account's currency for amounts) and by the rules between fields (the
 * contract cannot end before it starts).  Sets it only when every rule
 * holds; else FALSE with the rule's translated message.  Blank text clears
 * the field (0 for the numbers), unless the field is required. */
gboolean    rd_account_set_field_text        (RdAccount   *self,
                                              const char  *field,
                                              const char  *text,
                                              GError     **error);

G_END_DECLS
