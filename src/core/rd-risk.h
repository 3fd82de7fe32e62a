/* rd-risk.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-enums.h"

G_BEGIN_DECLS

/*
 * Risk rating of an account (domain.md §10), pure and table-tested.
 *
 * Each factor adds points; the sum is clamped to 0–100.  Points per factor:
 *
 *   industry exposure     low 0, medium 8, high 16    (unknown industry: medium)
 *   geography exposure    low 0, medium 6, high 12    (unknown country: medium)
 *   cash stability        high 0, medium 7, low 15
 *   stage                 maturing 0, growing 3, installing 8, defending 15
 *   stalled installation  +12 when installing for more than the threshold (90 days)
 *   days to renewal       overdue 16, 0–30 days 14, 31–90 days 10, 91–180 days 4,
 *                         181 days or more 0 (rd_risk_renewal_points())
 *   open delays           worst class risk 20, decision 12, administrative 4;
 *                         +3 per further open delay (at most +6)
 *   extensions so far     5 per accepted bridge (at most 10)
 *   expected churn        +25 when the account is marked expected_churn
 *
 * Bands (edges included in the higher band):
 *   low 0–24, medium 25–49, high 50–74, critical 75–100.
 *
 * The top factors are the three largest contributions (ties in the order
 * of the table above); factors that add nothing are never listed.
 *
 * Every day count is taken as of the day the caller passes in
 * (rd_risk_input_from_document()); nothing here reads the clock or keeps a
 * date between calls, so a rating is true on the day it is computed for.
 *
 * Which factors apply depends on the account's status
 * (rd_risk_scope_for_status()):
 *
 *   active, expected_churn   every factor: the renewal is still ahead
 *   renewed                  the account as it stands (industry, geography,
 *                            cash, stage, stalled installation); nothing is
 *                            left to renew, so no renewal proximity, no open
 *                            delays and no extensions
 *   lost                     the outside exposure only (industry, geography,
 *                            cash), for choosing whom to re-engage; it is no
 *                            longer a customer, so no stage and no renewal
 *                            proximity either
 */

#define RD_RISK_SETTINGS_KEY           "risk"
#define RD_RISK_DEFAULT_STALLED_DAYS   90
#define RD_RISK_MAX_FACTORS            3

#define RD_RISK_BAND_MEDIUM_MIN        25
#define RD_RISK_BAND_HIGH_MIN          50
#define RD_RISK_BAND_CRITICAL_MIN      75

/* Stable factor ids, written to the account's "risk_factors" field. */
#define RD_RISK_FACTOR_INDUSTRY        "industry"
#define RD_RISK_FACTOR_GEOGRAPHY       "geography"
#define RD_RISK_FACTOR_CASH            "cash"
#define RD_RISK_FACTOR_STAGE           "stage"
#define RD_RISK_FACTOR_STALLED         "stalled_installation"
#define RD_RISK_FACTOR_RENEWAL         "renewal_soon"
#define RD_RISK_FACTOR_OVERDUE         "renewal_overdue"
#define RD_RISK_FACTOR_DELAYS          "open_delays"
#define RD_RISK_FACTOR_EXTENSIONS      "extensions"
#define RD_RISK_FACTOR_EXPECTED_CHURN  "expected_churn"

#define RD_RISK_UNKNOWN_DAYS G_MININT

typedef enum
{
  RD_RISK_SCOPE_FULL,         /* every factor */
  RD_RISK_SCOPE_ACCOUNT,      /* industry, geography, cash, stage, stalled installation */
  RD_RISK_SCOPE_EXPOSURE,     /* industry, geography, cash */
} RdRiskScope;

typedef struct
{
  const char *industry;         /* free text, matched case-insensitively; may be NULL */
  const char *country;          /* ISO 3166 alpha-2; may be NULL */
  RdLevel     cash_stability;
  RdStage     stage;
  RdStatus    status;
  int         days_to_renewal;  /* negative when overdue; RD_RISK_UNKNOWN_DAYS */
  int         days_in_stage;    /* days since the stage began; RD_RISK_UNKNOWN_DAYS */
  int         open_delays;
  int         worst_delay_class;/* RdClass of the worst open delay, -1 when none */
  int         extensions;       /* accepted bridges */
} RdRiskInput;

typedef struct
{
  int         score;                          /* 0–100 */
  RdRiskBand  band;
  guint       n_factors;
  const char *factors[RD_RISK_MAX_FACTORS];   /* static factor ids, largest first */
  int         points[RD_RISK_MAX_FACTORS];
} RdRiskResult;

/* The editable preference tables: industries and countries rated by
 * exposure (RdLevel), and the stalled-installation threshold.  Stored as
 * JSON in the store's settings table under RD_RISK_SETTINGS_KEY:
 *   {"industries": {"Retail": "high", …}, "countries": {"ES": "high", …},
 *    "stalled_installation_days": 90} */
typedef struct _RdRiskConfig RdRiskConfig;

RdRiskConfig *rd_risk_config_new_default     (void);
/* Unknown keys are ignored; a bad level or a negative threshold is an error. */
RdRiskConfig *rd_risk_config_new_from_json   (const char          *json,
                                              GError             **error);
char         *rd_risk_config_to_json         (const RdRiskConfig  *self);
RdRiskConfig *rd_risk_config_copy            (const RdRiskConfig  *self);
void          rd_risk_config_free            (RdRiskConfig        *self);
/* The exposure of @industry / @country (RD_LEVEL_MEDIUM when not listed). */
RdLevel       rd_risk_config_get_industry    (const RdRiskConfig  *self,
                                              const char          *industry);
void          rd_risk_config_set_industry    (RdRiskConfig        *self,
                                              const char          *industry,
                                              RdLevel              level);
RdLevel       rd_risk_config_get_country     (const RdRiskConfig  *self,
                                              const char          *country);
void          rd_risk_config_set_country     (RdRiskConfig        *self,
                                              const char          *country,
                                              RdLevel              level);
int           rd_risk_config_get_stalled_days (const RdRiskConfig *self);
void          rd_risk_config_set_stalled_days (RdRiskConfig       *self,
                                              int                  days);
/* Sorted names of the listed industries / countries; free with g_strfreev(). */
char        **rd_risk_config_list_industries (const RdRiskConfig  *self);
char        **rd_risk_config_list_countries  (const RdRiskConfig  *self);

/* Rates @input; @config NULL means the defaults. */
void          rd_risk_rate                   (const RdRiskConfig  *config,
                                              const RdRiskInput   *input,
                                              RdRiskResult        *out);
/* Which factors count for an account of @status (see above). */
RdRiskScope   rd_risk_scope_for_status       (RdStatus             status);
/* The renewal proximity points for @days_to_renewal (negative when
 * overdue; RD_RISK_UNKNOWN_DAYS gives 0). */
int           rd_risk_renewal_points         (int                  days_to_renewal);
RdRiskBand    rd_risk_band_for_score         (int                  score);
/* In how many days (at least 1) the rating of @input may change with the
 * day alone, the day counts moving one a day and nothing edited: when the
 * renewal proximity reaches its next step or the installation stalls.
 * G_MAXINT when no day can change it.  @config NULL means the defaults. */
int           rd_risk_days_to_change         (const RdRiskConfig  *config,
                                              const RdRiskInput   *input);
/* Fills @input from an account document as of @today: the days to renewal
 * (to the effective end, else the contract end) and in the current stage
 * are counted from @today.  The delay and extension counts are left at zero
 * (the store adds them).  Strings point into @doc. */
void          rd_risk_input_from_document    (RdRiskInput         *input,
                                              JsonObject          *doc,
                                              const GDate         *today);

/* The account fields an input is filled from (as rd_risk_input_from_fields()
 * reads them): their names are the document's members and the columns. */
typedef enum
{
  RD_RISK_FIELD_INDUSTRY,
  RD_RISK_FIELD_COUNTRY,
  RD_RISK_FIELD_CASH_STABILITY,
  RD_RISK_FIELD_STAGE,
  RD_RISK_FIELD_STATUS,
  RD_RISK_FIELD_EFFECTIVE_END,
  RD_RISK_FIELD_CONTRACT_END,
  RD_RISK_FIELD_STAGE_SINCE,
  RD_RISK_FIELD_CONTRACT_START,
  RD_RISK_N_FIELDS
} RdRiskField;

const char   *rd_risk_field_name             (RdRiskField          field);
/* The same from the text of each field (@values indexed by RdRiskField,
 * NULL when absent), e.g. read from columns; strings point into @values. */
void          rd_risk_input_from_fields      (RdRiskInput         *input,
                                              const char * const  *values,
                                              const GDate         *today);
/* Translated words for a factor id ("Renews within 30 days"…), or NULL. */
const char   *rd_risk_factor_label           (const char          *factor_id);
/* "Industry hit hard · Renews soon · Weak cash position" from ids; NULL when none. */
char         *rd_risk_factors_describe       (const char * const  *factor_ids);
/* The stage's goal, translated (domain.md §10). */
const char   *rd_risk_stage_goal             (RdStage              stage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdRiskConfig, rd_risk_config_free)

G_END_DECLS
