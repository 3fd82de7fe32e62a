/* rd-enums.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Every enum that is stored or synced has one table mapping its value to a
 * stable string id (written to the database and to JSON documents, never
 * renamed) and to a translatable label (marked with N_(), translated by
 * rd_enum_table_label()).  The C value is the index into the table.
 */

typedef struct
{
  const char *id;
  const char *label;
} RdEnumEntry;

typedef struct
{
  const char        *name;     /* e.g. "account.stage", for messages */
  const RdEnumEntry *entries;
  guint              n_entries;
  /* The translation context of the labels (marked with NC_() under this
   * context), for tables whose English words mean something else in
   * another table ("Active" account, "Active" plan); NULL for none. */
  const char        *msgctxt;
} RdEnumTable;

typedef enum
{
  RD_STAGE_INSTALLING,
  RD_STAGE_DEFENDING,
  RD_STAGE_MATURING,
  RD_STAGE_GROWING,
} RdStage;

typedef enum
{
  RD_STATUS_ACTIVE,
  RD_STATUS_RENEWED,
  RD_STATUS_LOST,
  RD_STATUS_EXPECTED_CHURN,
} RdStatus;

typedef enum
{
  RD_LEVEL_LOW,
  RD_LEVEL_MEDIUM,
  RD_LEVEL_HIGH,
} RdLevel;

typedef enum
{
  RD_ROLE_CHAMPION,
  RD_ROLE_ECONOMIC_BUYER,
  RD_ROLE_USER,
  RD_ROLE_PROCUREMENT,
  RD_ROLE_LEGAL,
  RD_ROLE_EXECUTIVE,
  RD_ROLE_OTHER,
} RdRole;

typedef enum
{
  RD_CAUSE_BUDGET,
  RD_CAUSE_STAKEHOLDERS,
  RD_CAUSE_CHAMPION_CHANGE,
  RD_CAUSE_PRIORITY,
  RD_CAUSE_HIDDEN_PROBLEM,
  RD_CAUSE_SHOPPING,
} RdCause;

typedef enum
{
  RD_CLASS_ADMINISTRATIVE,
  RD_CLASS_DECISION,
  RD_CLASS_RISK,
} RdClass;

typedef enum
{
  /* good */
  RD_SIGNAL_SPECIFIC_EXPLANATION,
  RD_SIGNAL_APOLOGETIC,
  RD_SIGNAL_OFFERED_TIMELINE,
  RD_SIGNAL_PROACTIVE_UPDATES,
  RD_SIGNAL_ASKS_NEXT_STEPS,
  /* bad */
  RD_SIGNAL_VAGUE,
  RD_SIGNAL_DEFENSIVE,
  RD_SIGNAL_NO_TIMELINE,
  RD_SIGNAL_RADIO_SILENCE,
  RD_SIGNAL_IGNORES_HELP,
  RD_SIGNAL_SUDDEN_BUDGET_CONCERN,
  RD_SIGNAL_RAISES_ISSUES,
  RD_SIGNAL_EVALUATING_ALTERNATIVES,
  RD_SIGNAL_STRAINED_RELATIONSHIP,
} RdSignal;

#define RD_SIGNAL_IS_GOOD(s) ((s) <= RD_SIGNAL_ASKS_NEXT_STEPS)

typedef enum
{
  RD_DELAY_STATUS_OPEN,
  RD_DELAY_STATUS_RESOLVED,
} RdDelayStatus;

typedef enum
{
  RD_ANSWER_YES,
  RD_ANSWER_NO,
  RD_ANSWER_NOT_ASKED,
} RdCustomerAnswer;

typedef enum
{
  RD_PLAN_STATUS_DRAFT,
  RD_PLAN_STATUS_ACTIVE,
  RD_PLAN_STATUS_MET,
  RD_PLAN_STATUS_FAILED,
} RdPlanStatus;

typedef enum
{
  RD_HORIZON_48H,
  RD_HORIZON_30D,
  RD_HORIZON_90D,
} RdHorizon;

typedef enum
{
  RD_BRIDGE_EXTENSION_30,
  RD_BRIDGE_EXTENSION_60,
  RD_BRIDGE_EXTENSION_QUARTER,
  RD_BRIDGE_MONTH_TO_MONTH,
  RD_BRIDGE_PAID_PILOT_90,
  RD_BRIDGE_GRACE_PERIOD,
} RdBridgeKind;

typedef enum
{
  RD_BRIDGE_STATUS_PROPOSED,
  RD_BRIDGE_STATUS_ACCEPTED,
  RD_BRIDGE_STATUS_DECLINED,
} RdBridgeStatus;

typedef enum
{
  RD_LOSS_NO_BUDGET,
  RD_LOSS_PRIORITY_DROPPED,
  RD_LOSS_CHAMPION_LEFT,
  RD_LOSS_COMPETITOR,
  RD_LOSS_PRICING,
  RD_LOSS_VALUE_NOT_SEEN,
  RD_LOSS_WENT_DARK,
  RD_LOSS_NO_NEED,
} RdLossReason;

typedef enum
{
  RD_ACTIVITY_CALL,
  RD_ACTIVITY_EMAIL,
  RD_ACTIVITY_MEETING,
  RD_ACTIVITY_NOTE,
} RdActivityKind;

typedef enum
{
  RD_REMINDER_RENEWAL_START,
  RD_REMINDER_INFO_BY,
  RD_REMINDER_RECONNECT,
  RD_REMINDER_DECISION_BY,
  RD_REMINDER_NEXT_STEP,
  RD_REMINDER_PLAN_STEP,
  RD_REMINDER_CHECK_IN,
  RD_REMINDER_CONTRACT_END,
  RD_REMINDER_BRIDGE_END,
  RD_REMINDER_REENGAGE,
  RD_REMINDER_WEEKLY_UPDATE,
  RD_REMINDER_MANUAL,
} RdReminderKind;

typedef enum
{
  RD_RISK_BAND_LOW,
  RD_RISK_BAND_MEDIUM,
  RD_RISK_BAND_HIGH,
  RD_RISK_BAND_CRITICAL,
} RdRiskBand;

extern const RdEnumTable rd_stage_table;
extern const RdEnumTable rd_status_table;
extern const RdEnumTable rd_level_table;          /* cash_stability */
extern const RdEnumTable rd_role_table;
extern const RdEnumTable rd_cause_table;
extern const RdEnumTable rd_class_table;
extern const RdEnumTable rd_signal_table;
extern const RdEnumTable rd_delay_status_table;
extern const RdEnumTable rd_customer_answer_table;
extern const RdEnumTable rd_plan_status_table;
extern const RdEnumTable rd_horizon_table;
extern const RdEnumTable rd_bridge_kind_table;
extern const RdEnumTable rd_bridge_status_table;
extern const RdEnumTable rd_loss_reason_table;
extern const RdEnumTable rd_activity_kind_table;
extern const RdEnumTable rd_reminder_kind_table;
extern const RdEnumTable rd_risk_band_table;

/* Returns the value for @id, or -1 when @id is NULL or unknown. */
int         rd_enum_table_lookup (const RdEnumTable *table,
                                  const char        *id);
/* Returns the stable id, or NULL when @value is out of range. */
const char *rd_enum_table_id     (const RdEnumTable *table,
                                  int                value);
/* Returns the translated label, or NULL when @value is out of range. */
const char *rd_enum_table_label  (const RdEnumTable *table,
                                  int                value);

G_END_DECLS
