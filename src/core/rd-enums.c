/* rd-enums.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-enums.h"

#define RD_ENUM_TABLE(var, table_name, array) \
  const RdEnumTable var = { table_name, array, G_N_ELEMENTS (array), NULL }
#define RD_ENUM_TABLE_IN_CONTEXT(var, table_name, array, context) \
  const RdEnumTable var = { table_name, array, G_N_ELEMENTS (array), context }

static const RdEnumEntry stage_entries[] = {
  { "installing", N_("Installing") },
  { "defending", N_("Defending") },
  { "maturing", N_("Maturing") },
  { "growing", N_("Growing") },
};
RD_ENUM_TABLE (rd_stage_table, "stage", stage_entries);

static const RdEnumEntry status_entries[] = {
  { "active", NC_("account status", "Active") },
  { "renewed", NC_("account status", "Renewed") },
  { "lost", NC_("account status", "Lost") },
  { "expected_churn", NC_("account status", "Expected churn") },
};
RD_ENUM_TABLE_IN_CONTEXT (rd_status_table, "status", status_entries, "account status");

static const RdEnumEntry level_entries[] = {
  { "low", NC_("level", "Low") },
  { "medium", NC_("level", "Medium") },
  { "high", NC_("level", "High") },
};
RD_ENUM_TABLE_IN_CONTEXT (rd_level_table, "cash_stability", level_entries, "level");

static const RdEnumEntry role_entries[] = {
  { "champion", N_("Champion") },
  { "economic_buyer", N_("Economic buyer") },
  { "user", N_("User") },
  { "procurement", N_("Procurement") },
  { "legal", N_("Legal") },
  { "executive", N_("Executive") },
  { "other", N_("Other") },
};
RD_ENUM_TABLE (rd_role_table, "role", role_entries);

static const RdEnumEntry cause_entries[] = {
  { "budget", N_("Budget timing") },
  { "stakeholders", N_("Too many stakeholders") },
  { "champion_change", N_("Champion change") },
  { "priority", N_("Other priorities") },
  { "hidden_problem", N_("Hidden problem") },
  { "shopping", N_("Shopping around") },
};
RD_ENUM_TABLE (rd_cause_table, "cause", cause_entries);

static const RdEnumEntry class_entries[] = {
  { "administrative", N_("Administrative") },
  { "decision", N_("Decision") },
  { "risk", N_("Risk") },
};
RD_ENUM_TABLE (rd_class_table, "classification", class_entries);

static const RdEnumEntry signal_entries[] = {
  { "specific_explanation", N_("Gives a specific explanation") },
  { "apologetic", N_("Apologetic about the delay") },
  { "offered_timeline", N_("Offered a timeline unprompted") },
  { "proactive_updates", N_("Reports status changes proactively") },
  { "asks_next_steps", N_("Asks how to keep things moving") },
  { "vague", N_("Vague about everything") },
  { "defensive", N_("Defensive when asked") },
  { "no_timeline", N_("No timeline, however hard you probe") },
  { "radio_silence", N_("Radio silence after announcing the delay") },
  { "ignores_help", N_("Does not take up offers of help") },
  { "sudden_budget_concern", N_("Budget concern out of nowhere") },
  { "raises_issues", N_("Raises problems as the reason") },
  { "evaluating_alternatives", N_("Evaluating alternatives") },
  { "strained_relationship", N_("Relationship feels strained") },
};
RD_ENUM_TABLE (rd_signal_table, "signal", signal_entries);

static const RdEnumEntry delay_status_entries[] = {
  { "open", NC_("delay status", "Open") },
  { "resolved", NC_("delay status", "Resolved") },
};
RD_ENUM_TABLE_IN_CONTEXT (rd_delay_status_table, "delay status", delay_status_entries, "delay status");

static const RdEnumEntry customer_answer_entries[] = {
  { "yes", N_("Yes") },
  { "no", N_("No") },
  { "not_asked", N_("Not asked yet") },
};
RD_ENUM_TABLE (rd_customer_answer_table, "customer_answer", customer_answer_entries);

static const RdEnumEntry plan_status_entries[] = {
  { "draft", NC_("plan status", "Draft") },
  { "active", NC_("plan status", "Active") },
  { "met", NC_("plan status", "Met") },
  { "failed", NC_("plan status", "Failed") },
};
RD_ENUM_TABLE_IN_CONTEXT (rd_plan_status_table, "plan status", plan_status_entries, "plan status");

static const RdEnumEntry horizon_entries[] = {
  { "48h", N_("Next 48 hours") },
  { "30d", N_("Next 30 days") },
  { "90d", N_("60–90 days") },
};
RD_ENUM_TABLE (rd_horizon_table, "horizon", horizon_entries);

static const RdEnumEntry bridge_kind_entries[] = {
  { "extension_30", N_("30-day extension") },
  { "extension_60", N_("60-day extension") },
  { "extension_quarter", N_("Quarterly extension") },
  { "month_to_month", N_("Month-to-month") },
  { "paid_pilot_90", N_("90-day paid pilot") },
  { "grace_period", N_("Grace period") },
};
RD_ENUM_TABLE (rd_bridge_kind_table, "bridge kind", bridge_kind_entries);

static const RdEnumEntry bridge_status_entries[] = {
  { "proposed", N_("Proposed") },
  { "accepted", N_("Accepted") },
  { "declined", N_("Declined") },
};
RD_ENUM_TABLE (rd_bridge_status_table, "bridge status", bridge_status_entries);

static const RdEnumEntry loss_reason_entries[] = {
  { "no_budget", N_("No budget now") },
  { "priority_dropped", N_("Priority dropped") },
  { "champion_left", N_("Champion left") },
  { "competitor", N_("Lost to a competitor") },
  { "pricing", N_("Pricing") },
  { "value_not_seen", N_("Value not seen") },
  { "went_dark", N_("Went dark") },
  { "no_need", N_("No longer needs it") },
};
RD_ENUM_TABLE (rd_loss_reason_table, "loss reason", loss_reason_entries);

/* "Call" and "Note" are nouns here, not the verbs of a button. */
static const RdEnumEntry activity_kind_entries[] = {
  { "call", NC_("activity kind", "Call") },
  { "email", NC_("activity kind", "Email") },
  { "meeting", NC_("activity kind", "Meeting") },
  { "note", NC_("activity kind", "Note") },
};
RD_ENUM_TABLE_IN_CONTEXT (rd_activity_kind_table, "activity kind", activity_kind_entries,
                          "activity kind");

static const RdEnumEntry reminder_kind_entries[] = {
  { "renewal_start", N_("Start the renewal conversation") },
  { "info_by", N_("Information due") },
  { "reconnect", N_("Reconnect") },
  { "decision_by", N_("Decision due") },
  { "next_step", N_("Next step") },
  { "plan_step", N_("Plan step due") },
  { "check_in", N_("Plan check-in") },
  { "contract_end", N_("Contract ends") },
  { "bridge_end", N_("Bridge ends") },
  { "reengage", N_("Re-engage") },
  { "weekly_update", N_("Weekly team update") },
  { "manual", N_("Reminder") },
};
RD_ENUM_TABLE (rd_reminder_kind_table, "reminder kind", reminder_kind_entries);

static const RdEnumEntry risk_band_entries[] = {
  { "low", NC_("risk", "Low") },
  { "medium", NC_("risk", "Medium") },
  { "high", NC_("risk", "High") },
  { "critical", NC_("risk", "Critical") },
};
RD_ENUM_TABLE_IN_CONTEXT (rd_risk_band_table, "risk_band", risk_band_entries, "risk");

int
rd_enum_table_lookup (const RdEnumTable *table,
                      const char        *id)
{
  g_return_val_if_fail (table != NULL, -1);

  if (id == NULL)
    return -1;

  for (guint i = 0; i < table->n_entries; i++)
    {
      if (g_str_equal (table->entries[i].id, id))
        return (int) i;
    }

  return -1;
}

const char *
rd_enum_table_id (const RdEnumTable *table,
                  int                value)
{
  g_return_val_if_fail (table != NULL, NULL);

  if (value < 0 || (guint) value >= table->n_entries)
    return NULL;

  return table->entries[value].id;
}

const char *
rd_enum_table_label (const RdEnumTable *table,
                     int                value)
{
  g_return_val_if_fail (table != NULL, NULL);

  if (value < 0 || (guint) value >= table->n_entries)
    return NULL;

  if (table->msgctxt != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, table->msgctxt, table->entries[value].label);

  return g_dgettext (GETTEXT_PACKAGE, table->entries[value].label);
}
