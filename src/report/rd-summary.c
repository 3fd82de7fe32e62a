/* rd-summary.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-report"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-iso-codes.h"
#include "rd-lifecycle.h"
#include "rd-report.h"
#include "rd-report-private.h"
#include "rd-summary.h"
#include "rd-task.h"

struct _RdSummaryLayout
{
  RdReportDoc *doc;
  GArray      *step_blocks;   /* guint block index per step */
};

static char *
strdup_nonempty (const char *text)
{
  return (text != NULL && *text != '\0') ? g_strdup (text) : NULL;
}

static void
pending_free (gpointer data)
{
  RdSummaryPending *pending = data;

  g_free (pending->communicated_on);
  g_free (pending->stated_reason);
  for (guint i = 0; i < RD_N_COMMITMENTS; i++)
    g_free (pending->commitments[i]);
  g_free (pending->next_step);
  g_free (pending);
}

static void
step_free (gpointer data)
{
  RdSummaryStep *step = data;

  g_free (step->title);
  g_free (step->owner);
  g_free (step->due_on);
  g_free (step->done_on);
  g_free (step);
}

static void
reference_free (gpointer data)
{
  RdSummaryReference *reference = data;

  g_free (reference->name);
  g_free (reference->industry);
  g_free (reference->country);
  g_free (reference->since);
  g_free (reference);
}

static int
reference_rank (const RdSummaryReference *reference)
{
  return (reference->same_industry ? 2 : 0) + (reference->same_country ? 1 : 0);
}

static int
compare_references (gconstpointer a,
                    gconstpointer b)
{
  const RdSummaryReference *x = *(RdSummaryReference * const *) a;
  const RdSummaryReference *y = *(RdSummaryReference * const *) b;

  if (reference_rank (x) != reference_rank (y))
    return reference_rank (y) - reference_rank (x);
  /* The longest-standing customer first, then by name. */
  if (g_strcmp0 (x->since, y->since) != 0)
    return x->since == NULL ? 1 : y->since == NULL ? -1 : g_strcmp0 (x->since, y->since);
  return g_utf8_collate (x->name, y->name);
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL || *a == '\0' || *b == '\0')
    return FALSE;
  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  return g_strcmp0 (fa, fb) == 0;
}

/* Up to three customers in the same industry or country who agreed to be
 * named; only current customers, never the account itself. */
static gboolean
collect_references (RdSummary  *summary,
                    RdStore    *store,
                    GError    **error)
{
  g_autoptr(GPtrArray) accounts = rd_store_list_accounts (store, error);
  RdAccount *self = summary->account;

  if (accounts == NULL)
    return FALSE;

  for (guint i = 0; i < accounts->len; i++)
    {
      RdAccount *other = g_ptr_array_index (accounts, i);
      RdStatus status = rd_account_get_status (other);
      RdSummaryReference *reference;
      gboolean same_industry, same_country;

      if (g_strcmp0 (rd_account_get_id (other), rd_account_get_id (self)) == 0 ||
          !rd_account_get_reference_ok (other) ||
          (status != RD_STATUS_ACTIVE && status != RD_STATUS_RENEWED))
        continue;

      same_industry = same_text (rd_account_get_industry (other), rd_account_get_industry (self));
      same_country = same_text (rd_account_get_country (other), rd_account_get_country (self));
      if (!same_industry && !same_country)
        continue;

      reference = g_new0 (RdSummaryReference, 1);
      reference->name = g_strdup (rd_account_get_name (other));
      reference->industry = strdup_nonempty (rd_account_get_industry (other));
      reference->country = strdup_nonempty (rd_account_get_country (other));
      reference->since = strdup_nonempty (rd_account_get_contract_start (other));
      reference->same_industry = same_industry;
      reference->same_country = same_country;
      g_ptr_array_add (summary->references, reference);
    }

  g_ptr_array_sort (summary->references, compare_references);
  if (summary->references->len > RD_SUMMARY_MAX_REFERENCES)
    g_ptr_array_set_size (summary->references, RD_SUMMARY_MAX_REFERENCES);

  return TRUE;
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const RdSummaryStep *x = *(RdSummaryStep * const *) a;
  const RdSummaryStep *y = *(RdSummaryStep * const *) b;

  if (x->horizon != y->horizon)
    return x->horizon < y->horizon ? -1 : 1;
  /* Steps without a due date go last within their horizon. */
  return g_strcmp0 (x->due_on ? x->due_on : "9999", y->due_on ? y->due_on : "9999");
}

/* The plan to show: an active one, else a draft, else the latest. */
static int
plan_rank (JsonObject *plan)
{
  const char *status = _rd_report_str_or_null (plan, "status");

  if (g_strcmp0 (status, "active") == 0)
    return 3;
  if (status == NULL || g_strcmp0 (status, "draft") == 0)
    return 2;
  return 1;
}

static gboolean
collect_plan (RdSummary  *summary,
              RdStore    *store,
              const char *account_id,
              GError    **error)
{
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *plan_uuid = NULL;
  JsonObject *best = NULL;

  plans = rd_store_list_documents (store, "plan", "account_id", account_id, error);
  if (plans == NULL)
    return FALSE;

  for (guint i = 0; i < plans->len; i++)
    {
      JsonObject *plan = g_ptr_array_index (plans, i);

      if (best == NULL || plan_rank (plan) > plan_rank (best) ||
          (plan_rank (plan) == plan_rank (best) &&
           g_strcmp0 (_rd_report_str_or_null (plan, "started_on"), _rd_report_str_or_null (best, "started_on")) > 0))
        best = plan;
    }

  if (best == NULL)
    return TRUE;

  summary->has_plan = TRUE;
  summary->plan_status = MAX (0, rd_enum_table_lookup (&rd_plan_status_table,
                                                       _rd_report_str_or_null (best, "status")));
  summary->plan_answer = rd_enum_table_lookup (&rd_customer_answer_table,
                                               _rd_report_str_or_null (best, "customer_answer"));
  if (summary->plan_answer < 0)
    summary->plan_answer = RD_ANSWER_NOT_ASKED;
  summary->plan_started_on = g_strdup (_rd_report_str_or_null (best, "started_on"));
  summary->plan_timeframe_days = json_object_get_int_member_with_default (best, "timeframe_days", 0);
  summary->plan_check_in_days = json_object_get_int_member_with_default (best, "check_in_days", 0);
  summary->plan_criteria = g_strdup (_rd_report_str_or_null (best, "progress_criteria"));

  if (!rd_document_parse_id (json_object_get_string_member (best, "_id"), NULL, &plan_uuid))
    return TRUE;

  steps = rd_store_list_documents (store, "plan_step", "plan_id", plan_uuid, error);
  if (steps == NULL)
    return FALSE;

  for (guint i = 0; i < steps->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (steps, i);
      RdSummaryStep *step = g_new0 (RdSummaryStep, 1);

      step->horizon = MAX (0, rd_enum_table_lookup (&rd_horizon_table, _rd_report_str_or_null (doc, "horizon")));
      step->title = g_strdup (_rd_report_str_or_null (doc, "title"));
      step->owner = g_strdup (_rd_report_str_or_null (doc, "owner"));
      step->due_on = g_strdup (_rd_report_str_or_null (doc, "due_on"));
      step->done_on = g_strdup (_rd_report_str_or_null (doc, "done_on"));
      g_ptr_array_add (summary->steps, step);
    }
  g_ptr_array_sort (summary->steps, compare_steps);

  return TRUE;
}

static gboolean
collect_bridges (RdSummary  *summary,
                 RdStore    *store,
                 const char *account_id,
                 GError    **error)
{
  RdAccount *account = summary->account;
  RdBridgeQuote quotes[6] = { 0 };
  g_autoptr(GPtrArray) docs = NULL;
  const char *deadline = rd_account_get_deadline (account);
  gboolean quoted;

  quoted = rd_pricing_quote_all (rd_account_get_annual_value_minor (account),
                                 rd_account_get_currency (account),
                                 deadline, &summary->pricing, quotes);

  for (guint kind = 0; kind < G_N_ELEMENTS (summary->bridges); kind++)
    {
      RdSummaryBridge *bridge = &summary->bridges[kind];

      bridge->kind = kind;
      bridge->status = -1;
      /* Without a rate for the fee there is no price to print. */
      bridge->price_minor = quoted && !quotes[kind].rate_missing ? quotes[kind].price_minor : -1;
      if (quoted)
        {
          g_strlcpy (bridge->starts_on, quotes[kind].starts_on, sizeof bridge->starts_on);
          g_strlcpy (bridge->ends_on, quotes[kind].ends_on, sizeof bridge->ends_on);
        }
    }

  /* What was actually offered beats the calculator: the price the
   * customer saw, with its status. */
  docs = rd_store_list_documents (store, "bridge", "account_id", account_id, error);
  if (docs == NULL)
    return FALSE;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      int kind = rd_enum_table_lookup (&rd_bridge_kind_table, _rd_report_str_or_null (doc, "kind"));
      int status = rd_enum_table_lookup (&rd_bridge_status_table, _rd_report_str_or_null (doc, "status"));
      RdSummaryBridge *bridge;

      if (kind < 0 || status < 0 || status == RD_BRIDGE_STATUS_DECLINED)
        continue;
      bridge = &summary->bridges[kind];
      /* An accepted bridge wins over a proposed one. */
      if (bridge->status == RD_BRIDGE_STATUS_ACCEPTED && status != RD_BRIDGE_STATUS_ACCEPTED)
        continue;

      bridge->status = status;
      if (json_object_has_member (doc, "price_minor"))
        bridge->price_minor = json_object_get_int_member_with_default (doc, "price_minor",
                                                                       bridge->price_minor);
      if (_rd_report_str_or_null (doc, "starts_on") != NULL)
        g_strlcpy (bridge->starts_on, _rd_report_str_or_null (doc, "starts_on"), sizeof bridge->starts_on);
      if (_rd_report_str_or_null (doc, "ends_on") != NULL)
        g_strlcpy (bridge->ends_on, _rd_report_str_or_null (doc, "ends_on"), sizeof bridge->ends_on);
    }

  return TRUE;
}

RdAccount *
rd_summary_find_account (RdStore     *store,
                         const char  *name_or_id,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *folded = NULL;
  RdAccount *exact = NULL;
  RdAccount *caseless = NULL;
  guint n_exact = 0, n_caseless = 0;
  RdAccount *account;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  account = rd_store_get_account (store, name_or_id, &local_error);
  if (account != NULL)
    return account;
  if (!g_error_matches (local_error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  accounts = rd_store_list_accounts (store, error);
  if (accounts == NULL)
    return NULL;

  folded = g_utf8_casefold (name_or_id, -1);
  for (guint i = 0; i < accounts->len; i++)
    {
      RdAccount *candidate = g_ptr_array_index (accounts, i);
      g_autofree char *candidate_folded = g_utf8_casefold (rd_account_get_name (candidate), -1);

      if (g_strcmp0 (rd_account_get_name (candidate), name_or_id) == 0)
        {
          exact = candidate;
          n_exact++;
        }
      else if (g_strcmp0 (candidate_folded, folded) == 0)
        {
          caseless = candidate;
          n_caseless++;
        }
    }

  if (n_exact == 1 || (n_exact == 0 && n_caseless == 1))
    return g_object_ref (n_exact == 1 ? exact : caseless);

  if (n_exact + n_caseless > 1)
    g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                 _("Several accounts are called “%s”; give the account’s id instead"),
                 name_or_id);
  else
    g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                 _("No account has the name or id “%s”"), name_or_id);
  return NULL;
}

RdSummary *
rd_summary_collect (RdStore     *store,
                    const char  *account_id,
                    GError     **error)
{
  g_autoptr(RdSummary) summary = g_new0 (RdSummary, 1);
  g_autoptr(JsonObject) account_doc = NULL;
  g_autoptr(GPtrArray) delays = NULL;
  GDate today;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  summary->pending = g_ptr_array_new_with_free_func (pending_free);
  summary->steps = g_ptr_array_new_with_free_func (step_free);
  summary->references = g_ptr_array_new_with_free_func (reference_free);
  summary->bridge_kinds = RD_SUMMARY_ALL_BRIDGES;
  summary->expansion_minor = -1;
  rd_date_today (&today);
  summary->today = rd_date_to_string (&today);
  {
    g_autoptr(GPtrArray) rate_docs = rd_store_list_documents (store, "exchange_rate", NULL, NULL, error);

    if (rate_docs == NULL)
      return NULL;
    summary->rates = rd_exchange_table_new (rate_docs);
  }
  rd_report_get_pricing (&summary->pricing, summary->rates, summary->today);
  summary->company_name = rd_report_get_company_name ();

  summary->account = rd_store_get_account (store, account_id, error);
  if (summary->account == NULL)
    return NULL;

  summary->goals = g_strdup (rd_account_get_goals (summary->account));
  summary->outcomes = g_strdup (rd_account_get_outcomes (summary->account));
  summary->roi = g_strdup (rd_account_get_roi (summary->account));
  /* Without an entered cost, the contract value is what they pay. */
  summary->roi_cost_minor = rd_account_get_roi_cost_minor (summary->account);
  if (summary->roi_cost_minor < 0 && rd_account_get_annual_value_minor (summary->account) > 0)
    summary->roi_cost_minor = rd_account_get_annual_value_minor (summary->account);
  summary->roi_benefit_minor = rd_account_get_roi_benefit_minor (summary->account);
  summary->roi_payback_months = rd_account_get_roi_payback_months (summary->account);
  summary->reonboarding_weeks = rd_account_get_reonboarding_weeks (summary->account);
  summary->price_change_on = strdup_nonempty (rd_account_get_price_change_on (summary->account));

  /* The expansion price has no editor yet: it rides along as an extra
   * field of the account document. */
  account_doc = rd_account_to_document (summary->account);
  if (json_object_has_member (account_doc, "expansion_value_minor"))
    summary->expansion_minor =
      json_object_get_int_member_with_default (account_doc, "expansion_value_minor", -1);

  summary->contacts = rd_store_list_contacts (store, account_id, error);
  if (summary->contacts == NULL)
    return NULL;

  delays = rd_store_list_delays (store, account_id, error);
  if (delays == NULL)
    return NULL;
  for (guint i = 0; i < delays->len; i++)
    {
      RdDelay *delay = g_ptr_array_index (delays, i);
      RdSummaryPending *pending;

      if (rd_delay_get_status (delay) != RD_DELAY_STATUS_OPEN)
        continue;

      pending = g_new0 (RdSummaryPending, 1);
      pending->communicated_on = strdup_nonempty (rd_delay_get_communicated_on (delay));
      pending->stated_reason = strdup_nonempty (rd_delay_get_stated_reason (delay));
      pending->cause = rd_delay_get_cause (delay);
      pending->klass = rd_delay_get_effective_class (delay);
      for (guint c = 0; c < RD_N_COMMITMENTS; c++)
        pending->commitments[c] = strdup_nonempty (rd_delay_get_commitment (delay, c));
      pending->next_step = strdup_nonempty (rd_delay_get_text (delay, "next_step"));
      g_ptr_array_add (summary->pending, pending);
    }

  if (!collect_plan (summary, store, account_id, error))
    return NULL;

  if (!collect_bridges (summary, store, account_id, error))
    return NULL;

  if (!collect_references (summary, store, error))
    return NULL;

  /* Anchored to the original end, and gone once its day passed or a bridge
   * was accepted: a delay never earns the discount. */
  {
    g_autoptr(GPtrArray) bridges = rd_store_list_documents (store, "bridge", "account_id", account_id,
                                                            error);
    const char *contract_end = rd_account_get_contract_end (summary->account);

    if (bridges == NULL)
      return NULL;
    summary->has_early =
      rd_pricing_early_renewal_offer (rd_account_get_annual_value_minor (summary->account),
                                      contract_end, summary->today,
                                      rd_lifecycle_count_bridging (bridges, contract_end),
                                      &summary->pricing, &summary->early) == RD_EARLY_OFFERED;
  }

  return g_steal_pointer (&summary);
}

void
rd_summary_free (RdSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->company_name);
  g_free (summary->today);
  g_clear_pointer (&summary->rates, rd_exchange_table_free);
  g_clear_object (&summary->account);
  g_free (summary->goals);
  g_free (summary->outcomes);
  g_free (summary->roi);
  g_free (summary->price_change_on);
  g_clear_pointer (&summary->references, g_ptr_array_unref);
  g_clear_pointer (&summary->pending, g_ptr_array_unref);
  g_clear_pointer (&summary->contacts, g_ptr_array_unref);
  g_free (summary->plan_started_on);
  g_free (summary->plan_criteria);
  g_clear_pointer (&summary->steps, g_ptr_array_unref);
  g_free (summary);
}

/* Layout ------------------------------------------------------------------ */

static char *
date_or (const char *iso,
         const char *fallback)
{
  if (iso == NULL || *iso == '\0')
    return g_markup_escape_text (fallback, -1);
  {
    g_autofree char *formatted = rd_date_format (iso);
    return g_markup_escape_text (formatted, -1);
  }
}

static char *
money (gint64      minor,
       const char *currency)
{
  g_autofree char *text = rd_money_format (minor, currency);
  return g_markup_escape_text (text, -1);
}

static void
add_pair_row (RdReportDoc *doc,
              const char  *label1,
              char        *value1,    /* owned */
              const char  *label2,
              char        *value2)    /* owned */
{
  static const double widths[] = { 0.17, 0.33, 0.17, 0.33 };
  g_autofree char *l1 = g_markup_escape_text (label1, -1);
  g_autofree char *l2 = g_markup_escape_text (label2 ? label2 : "", -1);
  const char *cells[4] = { l1, value1, l2, value2 ? value2 : "" };

  _rd_report_doc_add_row (doc, RD_REPORT_ROW_LABEL, 4, cells, widths);
  g_free (value1);
  g_free (value2);
}

static void
add_section_at_a_glance (RdReportDoc *doc,
                         RdSummary   *summary)
{
  RdAccount *account = summary->account;
  const char *currency = rd_account_get_currency (account);
  const char *deadline = rd_account_get_deadline (account);
  const char *owner = rd_account_get_owner (account);
  const char *industry = rd_account_get_industry (account);
  g_autofree char *notice = NULL;

  /* Only facts both sides share: our assessment (stage, status, class,
   * risk, notes) stays in the internal brief. */
  _rd_report_doc_add_heading (doc, _("The account at a glance"));

  add_pair_row (doc, _("Annual value"),
                money (rd_account_get_annual_value_minor (account), currency),
                _("Account manager"), g_markup_escape_text (owner ? owner : "—", -1));
  add_pair_row (doc, _("Contract start"), date_or (rd_account_get_contract_start (account), "—"),
                _("Contract end"), date_or (rd_account_get_contract_end (account), "—"));
  if (g_strcmp0 (deadline, rd_account_get_contract_end (account)) != 0)
    add_pair_row (doc, _("Extended to"), date_or (deadline, "—"), NULL, NULL);

  if (rd_account_get_auto_renew (account))
    notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Yes, unless cancelled %d day before the end",
                                           "Yes, unless cancelled %d days before the end",
                                           rd_account_get_notice_days (account)),
                              rd_account_get_notice_days (account));
  else
    notice = g_strdup (_("No"));
  add_pair_row (doc, _("Renews automatically"), g_markup_escape_text (notice, -1),
                _("Industry"), g_markup_escape_text (industry ? industry : "—", -1));
}

gboolean
rd_summary_get_roi (RdSummary *summary,
                    gint64    *out_net_minor,
                    int       *out_percent,
                    int       *out_payback_months)
{
  gint64 cost, benefit;

  g_return_val_if_fail (summary != NULL, FALSE);

  cost = summary->roi_cost_minor;
  benefit = summary->roi_benefit_minor;
  if (cost <= 0 || benefit < 0)
    return FALSE;

  if (out_net_minor != NULL)
    *out_net_minor = benefit - cost;
  if (out_percent != NULL)
    *out_percent = (int) CLAMP ((benefit - cost) * 100 / cost, -100, 100000);
  if (out_payback_months != NULL)
    {
      if (summary->roi_payback_months >= 0)
        *out_payback_months = summary->roi_payback_months;
      else if (benefit > 0)
        /* Whole months of the monthly benefit to cover a year's cost. */
        *out_payback_months = (int) MIN ((cost * 12 + benefit - 1) / benefit, 1200);
      else
        *out_payback_months = -1;
    }
  return TRUE;
}

static char *
months_text (int months)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", months), months);
}

static void
add_section_value (RdReportDoc *doc,
                   RdSummary   *summary)
{
  struct { const char *label; const char *text; } parts[] = {
    { N_("Goals"), summary->goals },
    { N_("Outcomes so far"), summary->outcomes },
  };
  const char *currency = rd_account_get_currency (summary->account);
  gint64 net = 0;
  int percent = 0, payback = -1;
  gboolean any = FALSE;

  _rd_report_doc_add_heading (doc, _("Value delivered"));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *text = NULL;

      if (parts[i].text == NULL)
        continue;
      any = TRUE;
      text = g_markup_escape_text (parts[i].text, -1);
      _rd_report_doc_add_subheading (doc, _(parts[i].label));
      _rd_report_doc_add_paragraph (doc, text);
    }

  if (rd_summary_get_roi (summary, &net, &percent, &payback))
    {
      static const double widths[] = { 0.40, 0.60 };
      struct { const char *label; char *value; } rows[] = {
        { N_("What the service costs a year"), money (summary->roi_cost_minor, currency) },
        { N_("Benefit measured over a year"), money (summary->roi_benefit_minor, currency) },
        { N_("Net benefit a year"), money (net, currency) },
        { N_("Return on the cost"),
          /* Translators: a return on investment in percent */
          g_strdup_printf (_("%d %%"), percent) },
        { N_("Paid back in"), payback >= 0 ? months_text (payback) : g_strdup ("—") },
      };

      any = TRUE;
      _rd_report_doc_add_subheading (doc, _("Return on investment"));
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          g_autofree char *label = g_markup_escape_text (_(rows[i].label), -1);
          g_autofree char *value = g_strdup_printf ("<b>%s</b>", rows[i].value);
          const char *cells[2] = { label, value };

          _rd_report_doc_add_row (doc, RD_REPORT_ROW_LABEL, 2, cells, widths);
          g_free (rows[i].value);
        }
    }
  if (summary->roi != NULL)
    {
      g_autofree char *text = g_markup_escape_text (summary->roi, -1);

      any = TRUE;
      _rd_report_doc_add_subheading (doc, _("About the figures"));
      _rd_report_doc_add_paragraph (doc, text);
    }
  if (!any)
    _rd_report_doc_add_none (doc, _("No goals, outcomes or ROI figures have been recorded "
                                    "for this account yet."));
}

static void
add_section_pending (RdReportDoc *doc,
                     RdSummary   *summary)
{
  static const double widths[] = { 0.55, 0.45 };
  const char *header[] = { _("What is pending"), _("Dates agreed") };
  g_autofree char *deadline = NULL;

  _rd_report_doc_add_heading (doc, _("Pending items and agreed dates"));

  if (rd_account_get_deadline (summary->account) != NULL)
    {
      g_autofree char *date = rd_date_format (rd_account_get_deadline (summary->account));
      deadline = rd_markup (_("The contract runs until <b>%s</b>; that date is the hard deadline."),
                            date);
    }
  else
    deadline = rd_markup ("%s", _("The contract has no end date on record."));
  _rd_report_doc_add_paragraph (doc, deadline);

  if (!_rd_report_doc_add_table_header (doc, summary->pending->len,
                                        _("Nothing is pending."),
                                        2, header, widths))
    return;

  for (guint i = 0; i < summary->pending->len; i++)
    {
      RdSummaryPending *pending = g_ptr_array_index (summary->pending, i);
      g_autoptr(GString) dates = g_string_new (NULL);
      g_autofree char *what = NULL;
      const char *cells[2];

      what = rd_markup ("%s", pending->stated_reason ? pending->stated_reason : _("No reason given"));
      for (guint c = 0; c < RD_N_COMMITMENTS; c++)
        {
          g_autofree char *date = NULL;
          g_autofree char *line = NULL;

          if (pending->commitments[c] == NULL)
            continue;
          date = rd_date_format (pending->commitments[c]);
          line = rd_markup ("%s%s: <b>%s</b>", dates->len ? "\n" : "",
                            rd_enum_table_label (&rd_commitment_table, c), date);
          g_string_append (dates, line);
        }
      if (pending->next_step != NULL)
        {
          g_autofree char *line = rd_markup ("%s%s: %s", dates->len ? "\n" : "",
                                             _("Next step"), pending->next_step);
          g_string_append (dates, line);
        }
      if (dates->len == 0)
        g_string_append_printf (dates, "<i>%s</i>", _("No dates agreed yet"));

      cells[0] = what;
      cells[1] = dates->str;
      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 2, cells, widths);
    }
}

static const char *
horizon_title (RdHorizon horizon)
{
  switch (horizon)
    {
    case RD_HORIZON_48H: return _("Immediate actions: the next 48 hours");
    case RD_HORIZON_30D: return _("Short-term fixes: the next 30 days");
    case RD_HORIZON_90D:
    default:             return _("Long-term improvements: 60 to 90 days");
    }
}

static void
add_section_plan (RdReportDoc     *doc,
                  RdSummary       *summary,
                  RdSummaryLayout *layout)
{
  static const double widths[] = { 0.56, 0.18, 0.13, 0.13 };
  const char *header[] = { _("Step"), _("Owner"), _("Due"), _("Done") };
  g_autoptr(GString) condition = g_string_new (NULL);
  int last_horizon = -1;

  _rd_report_doc_add_heading (doc, _("Recovery plan"));

  if (!summary->has_plan)
    {
      _rd_report_doc_add_none (doc, _("No recovery plan has been drawn up."));
      return;
    }

  /* The condition: what both sides commit to. */
  g_string_append (condition, _("We carry out the steps below"));
  if (summary->plan_timeframe_days > 0)
    {
      g_string_append (condition, "; ");
      g_string_append_printf (condition,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "you see the improvement within %d day",
                                           "you see the improvement within %d days",
                                           summary->plan_timeframe_days),
                              summary->plan_timeframe_days);
    }
  if (summary->plan_check_in_days > 0)
    {
      g_string_append (condition, "; ");
      g_string_append_printf (condition,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "we check in together every %d day",
                                           "we check in together every %d days",
                                           summary->plan_check_in_days),
                              summary->plan_check_in_days);
    }
  g_string_append (condition, ". ");
  g_string_append (condition, _("With real progress, the contract is renewed; without it, we part "
                                "on good terms."));
  {
    g_autofree char *escaped = g_markup_escape_text (condition->str, -1);
    g_autofree char *markup = rd_markup ("<b>%s</b> ", _("Condition:"));
    g_autofree char *all = g_strconcat (markup, escaped, NULL);
    _rd_report_doc_add_paragraph (doc, all);
  }
  if (summary->plan_criteria != NULL)
    {
      g_autofree char *markup = rd_markup ("<b>%s</b> %s", _("Progress is measured by:"),
                                           summary->plan_criteria);
      _rd_report_doc_add_paragraph (doc, markup);
    }
  if (summary->plan_answer == RD_ANSWER_YES || summary->plan_answer == RD_ANSWER_NO)
    {
      g_autofree char *markup =
        rd_markup ("<b>%s</b> %s", _("Does this plan address the concerns enough to renew?"),
                   summary->plan_answer == RD_ANSWER_YES ? _("The customer said yes.")
                                                         : _("The customer said no."));
      _rd_report_doc_add_paragraph (doc, markup);
    }

  for (guint i = 0; i < summary->steps->len; i++)
    {
      RdSummaryStep *step = g_ptr_array_index (summary->steps, i);
      g_autofree char *title = rd_markup ("%s", step->title ? step->title : "");
      g_autofree char *owner = rd_markup ("%s", step->owner ? step->owner : "—");
      g_autofree char *due = date_or (step->due_on, "—");
      g_autofree char *done = step->done_on ? date_or (step->done_on, "")
                                            : rd_markup ("<span foreground=\"%s\">%s</span>",
                                                         RD_REPORT_COLOR_MUTED, _("Open"));
      const char *cells[4] = { title, owner, due, done };
      guint block;

      if ((int) step->horizon != last_horizon)
        {
          g_autofree char *sub = rd_markup ("%s", horizon_title (step->horizon));
          _rd_report_doc_add_subheading (doc, sub);
          _rd_report_doc_add_row (doc, RD_REPORT_ROW_HEADER, 4, header, widths);
          last_horizon = step->horizon;
        }
      block = _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 4, cells, widths);
      g_array_append_val (layout->step_blocks, block);
    }
}

static void
add_section_options (RdReportDoc *doc,
                     RdSummary   *summary)
{
  static const double widths[] = { 0.30, 0.22, 0.48 };
  const char *header[] = { _("Option"), _("Price per year"), _("What it means") };
  RdAccount *account = summary->account;
  const char *currency = rd_account_get_currency (account);
  g_autofree char *o1 = rd_markup ("<b>1. %s</b>", _("Renew the current scope"));
  g_autofree char *o2 = rd_markup ("<b>2. %s</b>", _("Renew with expansion"));
  g_autofree char *o3 = rd_markup ("<b>3. %s</b>", _("Do not renew"));
  g_autofree char *p1 = money (rd_account_get_annual_value_minor (account), currency);
  g_autofree char *p2 = summary->expansion_minor >= 0 ? money (summary->expansion_minor, currency)
                                                      : rd_markup ("%s", _("On request"));
  g_autofree char *p3 = money (0, currency);
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = rd_markup ("%s", _("The best value: more users or modules at a better "
                                           "rate per seat."));
  g_autofree char *m3 = NULL;
  g_autofree char *deadline = rd_date_format (rd_account_get_deadline (account));
  const char *row[3];

  _rd_report_doc_add_heading (doc, _("Three options"));

  if (summary->has_early)
    {
      g_autofree char *sign_by = rd_date_format (summary->early.sign_by);
      g_autofree char *price = rd_money_format (summary->early.price_minor, currency);
      m1 = rd_markup (_("The simplest: nothing changes. Signed by %s it costs %s."), sign_by, price);
    }
  else
    m1 = rd_markup ("%s", _("The simplest: nothing changes."));
  m3 = rd_markup (_("Service ends on %s and we part professionally."), deadline);

  _rd_report_doc_add_row (doc, RD_REPORT_ROW_HEADER, 3, header, widths);
  row[0] = o1; row[1] = p1; row[2] = m1;
  _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 3, row, widths);
  row[0] = o2; row[1] = p2; row[2] = m2;
  _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 3, row, widths);
  row[0] = o3; row[1] = p3; row[2] = m3;
  _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 3, row, widths);
}

static void
add_section_bridges (RdReportDoc *doc,
                     RdSummary   *summary)
{
  static const double widths[] = { 0.34, 0.34, 0.18, 0.14 };
  const char *header[] = { _("If more time is needed"), _("Covers"), _("Price"), _("Status") };
  const char *currency = rd_account_get_currency (summary->account);

  if ((summary->bridge_kinds & RD_SUMMARY_ALL_BRIDGES) == 0)
    return;

  _rd_report_doc_add_heading (doc, _("Bridge options"));
  _rd_report_doc_add_row (doc, RD_REPORT_ROW_HEADER, 4, header, widths);
  for (guint kind = 0; kind < G_N_ELEMENTS (summary->bridges); kind++)
    {
      RdSummaryBridge *bridge = &summary->bridges[kind];
      g_autofree char *name = NULL;
      g_autofree char *covers = NULL;
      g_autofree char *price = NULL;
      g_autofree char *status = NULL;
      const char *cells[4];

      if ((summary->bridge_kinds & (1u << kind)) == 0)
        continue;

      name = rd_markup ("%s", rd_enum_table_label (&rd_bridge_kind_table, kind));
      if (bridge->starts_on[0] != '\0' && bridge->ends_on[0] != '\0')
        {
          g_autofree char *from = rd_date_format (bridge->starts_on);
          g_autofree char *to = rd_date_format (bridge->ends_on);
          /* Translators: a date range */
          covers = rd_markup (_("%s to %s"), from, to);
        }
      else
        covers = g_strdup ("—");
      price = bridge->price_minor >= 0 ? money (bridge->price_minor, currency) : g_strdup ("—");
      status = bridge->status >= 0
        ? rd_markup ("%s", rd_enum_table_label (&rd_bridge_status_table, bridge->status))
        : rd_markup ("<span foreground=\"%s\">%s</span>", RD_REPORT_COLOR_MUTED, _("Available"));

      cells[0] = name; cells[1] = covers; cells[2] = price; cells[3] = status;
      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 4, cells, widths);
    }
}

static int
reonboarding_weeks (RdSummary *summary)
{
  return summary->reonboarding_weeks > 0 ? summary->reonboarding_weeks
                                         : RD_SUMMARY_DEFAULT_REONBOARDING_WEEKS;
}

/* "On 1 March 2027 the price changes." when a change is ahead, else NULL. */
static char *
price_change_sentence (RdSummary *summary)
{
  g_autofree char *date = NULL;

  if (summary->price_change_on == NULL || g_strcmp0 (summary->price_change_on, summary->today) < 0)
    return NULL;
  date = rd_date_format (summary->price_change_on);
  return g_strdup_printf (_("Prices change on %s; renewing before then keeps today’s price."), date);
}

static void
add_section_cost_of_not_renewing (RdReportDoc *doc,
                                  RdSummary   *summary)
{
  static const double widths[] = { 0.40, 0.60 };
  const char *deadline = rd_account_get_deadline (summary->account);
  int weeks = reonboarding_weeks (summary);
  g_autofree char *service = NULL;
  g_autofree char *onboarding = NULL;
  g_autofree char *price = NULL;
  g_autofree char *l1 = g_markup_escape_text (_("Service ends"), -1);
  g_autofree char *l2 = g_markup_escape_text (_("Coming back later"), -1);
  g_autofree char *l3 = g_markup_escape_text (_("Price"), -1);
  g_autofree char *change = price_change_sentence (summary);
  const char *cells[2];

  _rd_report_doc_add_heading (doc, _("The cost of not renewing"));

  if (deadline != NULL)
    {
      g_autofree char *date = rd_date_format (deadline);
      service = rd_markup (_("<b>%s</b>, unless a renewal or a bridge is signed. Users lose "
                             "access and the integrations stop."), date);
    }
  else
    service = rd_markup ("%s", _("When the contract ends, unless a renewal or a bridge is signed."));
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "About %d week to onboard again.",
                                                          "About %d weeks to onboard again.", weeks),
                                             weeks);
    onboarding = g_markup_escape_text (text, -1);
  }
  price = change != NULL ? g_markup_escape_text (change, -1)
                         : rd_markup ("%s", _("Today’s price is no longer guaranteed after a lapse."));

  cells[0] = l1; cells[1] = service;
  _rd_report_doc_add_row (doc, RD_REPORT_ROW_LABEL, 2, cells, widths);
  cells[0] = l2; cells[1] = onboarding;
  _rd_report_doc_add_row (doc, RD_REPORT_ROW_LABEL, 2, cells, widths);
  cells[0] = l3; cells[1] = price;
  _rd_report_doc_add_row (doc, RD_REPORT_ROW_LABEL, 2, cells, widths);
}

static void
add_section_references (RdReportDoc *doc,
                        RdSummary   *summary)
{
  static const double widths[] = { 0.40, 0.30, 0.30 };
  const char *header[] = { _("Customer"), _("Industry and country"), _("Customer since") };

  /* A customer document never says that nobody would vouch for us. */
  if (summary->references->len == 0)
    return;

  _rd_report_doc_add_heading (doc, _("Customers like you"));
  _rd_report_doc_add_paragraph (doc, _("These customers work in the same field or country and "
                                       "are happy to talk about their experience."));
  _rd_report_doc_add_row (doc, RD_REPORT_ROW_HEADER, 3, header, widths);
  for (guint i = 0; i < summary->references->len; i++)
    {
      RdSummaryReference *reference = g_ptr_array_index (summary->references, i);
      const char *country = reference->country ? rd_country_name (reference->country) : NULL;
      g_autofree char *name = rd_markup ("<b>%s</b>", reference->name);
      g_autofree char *where = NULL;
      g_autofree char *since = date_or (reference->since, "—");
      const char *cells[3];

      if (reference->industry != NULL && country != NULL)
        /* Translators: an industry, then a country */
        where = rd_markup (_("%s, %s"), reference->industry, country);
      else
        where = rd_markup ("%s", reference->industry ? reference->industry
                                 : country ? country : "—");
      cells[0] = name; cells[1] = where; cells[2] = since;
      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 3, cells, widths);
    }
}

GStrv
rd_summary_dup_talking_points (RdSummary *summary)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  RdAccount *account;
  const char *currency;
  const char *deadline;
  gint64 net = 0;
  int percent = 0, payback = -1;
  int weeks;
  g_autofree char *value = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *path = NULL;
  g_autofree char *change = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  account = summary->account;
  currency = rd_account_get_currency (account);
  deadline = rd_account_get_deadline (account);
  weeks = reonboarding_weeks (summary);

  /* 1. What it is worth. */
  if (rd_summary_get_roi (summary, &net, &percent, &payback))
    {
      g_autofree char *cost = rd_money_format (summary->roi_cost_minor, currency);
      g_autofree char *benefit = rd_money_format (summary->roi_benefit_minor, currency);

      if (payback >= 0)
        value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "It pays for itself: %s a year brings back %s, a "
                                              "return of %d %% that covered its cost in %d month.",
                                              "It pays for itself: %s a year brings back %s, a "
                                              "return of %d %% that covered its cost in %d months.",
                                              payback),
                                 cost, benefit, percent, payback);
      else
        value = g_strdup_printf (_("It pays for itself: %s a year brings back %s, a return of "
                                   "%d %%."), cost, benefit, percent);
    }
  else if (summary->outcomes != NULL)
    value = g_strdup_printf (_("It has delivered: %s"), summary->outcomes);
  else
    value = g_strdup (_("It is in daily use; ask us for the usage figures to show what it "
                        "has delivered."));
  g_strv_builder_add (builder, value);

  /* 2. What waiting costs. */
  change = price_change_sentence (summary);
  if (deadline != NULL)
    {
      g_autofree char *date = rd_date_format (deadline);
      waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Waiting has a price: service stops on %s without "
                                              "a decision, and coming back takes about %d week.",
                                              "Waiting has a price: service stops on %s without "
                                              "a decision, and coming back takes about %d weeks.",
                                              weeks),
                                 date, weeks);
    }
  else
    waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Waiting has a price: after a lapse, coming back "
                                            "takes about %d week.",
                                            "Waiting has a price: after a lapse, coming back "
                                            "takes about %d weeks.", weeks),
                               weeks);
  if (change != NULL)
    {
      g_autofree char *joined = g_strconcat (waiting, " ", change, NULL);
      g_free (waiting);
      waiting = g_steal_pointer (&joined);
    }
  g_strv_builder_add (builder, waiting);

  /* 3. The easy way forward. */
  if (summary->has_early)
    {
      g_autofree char *sign_by = rd_date_format (summary->early.sign_by);
      g_autofree char *price = rd_money_format (summary->early.price_minor, currency);

      path = g_strdup_printf (_("The decision is simple: renewing the current scope by %s costs "
                                "%s, and two other options are on the table."), sign_by, price);
    }
  else if (summary->references->len > 0)
    {
      RdSummaryReference *first = g_ptr_array_index (summary->references, 0);

      path = g_strdup_printf (_("Others made the same choice: %s, among other customers like us, "
                                "is willing to share its experience."), first->name);
    }
  else
    {
      g_autofree char *price = rd_money_format (rd_account_get_annual_value_minor (account),
                                                currency);

      path = g_strdup_printf (_("The decision is simple: renewing the current scope costs %s a "
                                "year, and a bridge is available if more time is needed."), price);
    }
  g_strv_builder_add (builder, path);

  return g_strv_builder_end (builder);
}

static void
add_section_talking_points (RdReportDoc *doc,
                            RdSummary   *summary)
{
  g_auto(GStrv) points = rd_summary_dup_talking_points (summary);

  _rd_report_doc_add_heading (doc, _("Three points for the decision"));
  for (guint i = 0; points[i] != NULL; i++)
    {
      g_autofree char *markup = rd_markup ("<b>%u.</b>  %s", i + 1, points[i]);
      _rd_report_doc_add_paragraph (doc, markup);
    }
}

char *
rd_report_file_name (const char *account_name,
                     const char *document)
{
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_val_if_fail (document != NULL, NULL);

  /* A name must not climb out of the folder or hide the file. */
  for (const char *p = account_name ? account_name : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  while (name->len > 0 && name->str[0] == '.')
    g_string_erase (name, 0, 1);
  g_strstrip (name->str);
  if (name->str[0] == '\0')
    return g_strconcat (document, ".pdf", NULL);

  /* Translators: a proposed file name: the account name, then the document,
   * e.g. "Acme – Executive summary.pdf" */
  return g_strdup_printf (_("%s – %s.pdf"), name->str, document);
}

char *
rd_summary_dup_file_name (RdSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  return rd_report_file_name (rd_account_get_name (summary->account), _("Executive summary"));
}

static void
add_section_contacts (RdReportDoc *doc,
                      RdSummary   *summary)
{
  static const double widths[] = { 0.28, 0.20, 0.32, 0.20 };
  const char *header[] = { _("Name"), _("Role"), _("Email"), _("Phone") };

  _rd_report_doc_add_heading (doc, _("Contacts"));
  if (!_rd_report_doc_add_table_header (doc, summary->contacts->len, _("No contacts recorded."),
                                        4, header, widths))
    return;

  for (guint i = 0; i < summary->contacts->len; i++)
    {
      RdContact *contact = g_ptr_array_index (summary->contacts, i);
      const char *email = rd_contact_get_email (contact);
      const char *phone = rd_contact_get_phone (contact);
      g_autofree char *name = rd_contact_get_active (contact)
        ? rd_markup ("%s", rd_contact_get_name (contact))
        : rd_markup ("%s <span foreground=\"%s\">(%s)</span>", rd_contact_get_name (contact),
                     RD_REPORT_COLOR_MUTED, _("no longer involved"));
      g_autofree char *role = rd_markup ("%s", rd_enum_table_label (&rd_role_table,
                                                                    rd_contact_get_role (contact)));
      g_autofree char *e = rd_markup ("%s", email ? email : "—");
      g_autofree char *p = rd_markup ("%s", phone ? phone : "—");
      const char *cells[4] = { name, role, e, p };

      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 4, cells, widths);
    }
}

RdSummaryLayout *
rd_summary_layout_new (RdSummary *summary,
                       double     width,
                       double     height)
{
  RdSummaryLayout *layout;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  today = rd_date_format (summary->today);
  layout = g_new0 (RdSummaryLayout, 1);
  layout->step_blocks = g_array_new (FALSE, FALSE, sizeof (guint));
  layout->doc = _rd_report_doc_new_framed (width, height, summary->company_name,
                                           _("Executive summary"), summary->today);

  title = rd_markup ("%s", rd_account_get_name (summary->account));
  subtitle = rd_markup (_("Renewal summary, %s"), today);
  _rd_report_doc_add_title (layout->doc, title, subtitle);

  add_section_at_a_glance (layout->doc, summary);
  add_section_talking_points (layout->doc, summary);
  add_section_value (layout->doc, summary);
  add_section_options (layout->doc, summary);
  add_section_bridges (layout->doc, summary);
  add_section_cost_of_not_renewing (layout->doc, summary);
  add_section_references (layout->doc, summary);
  add_section_pending (layout->doc, summary);
  add_section_plan (layout->doc, summary, layout);
  add_section_contacts (layout->doc, summary);

  _rd_report_doc_paginate (layout->doc);

  return layout;
}

void
rd_summary_layout_free (RdSummaryLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_pointer (&layout->doc, _rd_report_doc_free);
  g_clear_pointer (&layout->step_blocks, g_array_unref);
  g_free (layout);
}

int
rd_summary_layout_get_n_pages (RdSummaryLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return _rd_report_doc_get_n_pages (layout->doc);
}

int
rd_summary_layout_get_step_page (RdSummaryLayout *layout,
                                 guint            index)
{
  g_return_val_if_fail (layout != NULL, -1);
  g_return_val_if_fail (index < layout->step_blocks->len, -1);

  return _rd_report_doc_get_block_page (layout->doc,
                                        g_array_index (layout->step_blocks, guint, index));
}

void
rd_summary_draw_page (RdSummaryLayout *layout,
                      cairo_t         *cr,
                      int              page,
                      double           width,
                      double           height)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page >= 0 && page < _rd_report_doc_get_n_pages (layout->doc));

  _rd_report_doc_draw_page (layout->doc, cr, page, width, height);
}

gboolean
rd_summary_write_pdf (RdSummary   *summary,
                      RdPaper      paper,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(RdSummaryLayout) layout = NULL;
  g_autofree char *title = NULL;
  double width, height;

  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rd_paper_get_size (paper, &width, &height);
  layout = rd_summary_layout_new (summary, width, height);
  title = g_strdup_printf (_("Executive summary: %s"), rd_account_get_name (summary->account));

  return _rd_report_doc_write_pdf (layout->doc, path, title, error);
}

/* Async ------------------------------------------------------------------ */

/* Copies of the caller's arguments, made on the calling thread. */
typedef struct
{
  char    *account_id;
  char    *path;        /* NULL: collect only */
  RdPaper  paper;
} SummaryJob;

static void
summary_job_free (gpointer data)
{
  SummaryJob *job = data;

  g_free (job->account_id);
  g_free (job->path);
  g_free (job);
}

/* The sqlite reads, and for an export the drawing, happen here. */
static void
summary_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RdStore *store = source_object;
  SummaryJob *job = task_data;
  g_autoptr(RdSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  summary = rd_summary_collect (store, job->account_id, &error);
  if (summary == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->path == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&summary), (GDestroyNotify) rd_summary_free);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!rd_summary_write_pdf (summary, job->paper, job->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* @path NULL: collect only. */
static void
run_summary_job (RdStore             *store,
                 gpointer             source_tag,
                 const char          *account_id,
                 const char          *path,
                 RdPaper              paper,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  SummaryJob *job = g_new0 (SummaryJob, 1);

  job->account_id = g_strdup (account_id);
  job->path = g_strdup (path);
  job->paper = paper;
  rd_task_run_in_thread (store, source_tag, job, summary_job_free, summary_thread,
                         cancellable, callback, user_data);
}

void
rd_summary_collect_async (RdStore             *store,
                          const char          *account_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_summary_job (store, rd_summary_collect_async, account_id, NULL, RD_PAPER_A4, cancellable,
                   callback, user_data);
}

RdSummary *
rd_summary_collect_finish (RdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return rd_task_propagate_pointer (store, result, rd_summary_collect_async, error);
}

void
rd_summary_export_pdf_async (RdStore             *store,
                             const char          *account_id,
                             RdPaper              paper,
                             const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_summary_job (store, rd_summary_export_pdf_async, account_id, path, paper, cancellable,
                   callback, user_data);
}

gboolean
rd_summary_export_pdf_finish (RdStore       *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  return rd_task_propagate_boolean (store, result, rd_summary_export_pdf_async, error);
}
