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
      bridge->price_minor = quoted ? quotes[kind].price_minor : -1;
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
  summary->bridge_kinds = RD_SUMMARY_ALL_BRIDGES;
  summary->expansion_minor = -1;
  rd_report_get_pricing (&summary->pricing);
  rd_date_today (&today);
  summary->today = rd_date_to_string (&today);
  summary->company_name = rd_report_get_company_name ();

  summary->account = rd_store_get_account (store, account_id, error);
  if (summary->account == NULL)
    return NULL;

  summary->goals = g_strdup (rd_account_get_goals (summary->account));
  summary->outcomes = g_strdup (rd_account_get_outcomes (summary->account));
  summary->roi = g_strdup (rd_account_get_roi (summary->account));

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

  summary->has_early = rd_pricing_early_renewal (rd_account_get_annual_value_minor (summary->account),
                                                 rd_account_get_deadline (summary->account),
                                                 &summary->pricing, &summary->early) &&
                       summary->early.sign_by[0] != '\0' &&
                       g_strcmp0 (summary->early.sign_by, summary->today) >= 0;

  return g_steal_pointer (&summary);
}

void
rd_summary_free (RdSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->company_name);
  g_free (summary->today);
  g_clear_object (&summary->account);
  g_free (summary->goals);
  g_free (summary->outcomes);
  g_free (summary->roi);
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
  g_autofree char *notice = NULL;

  _rd_report_doc_add_heading (doc, _("The account at a glance"));

  add_pair_row (doc, _("Annual value"),
                money (rd_account_get_annual_value_minor (account), currency),
                _("Stage"),
                g_markup_escape_text (rd_enum_table_label (&rd_stage_table,
                                                           rd_account_get_stage (account)), -1));
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
                _("Account manager"),
                g_markup_escape_text (rd_account_get_owner (account) ? rd_account_get_owner (account) : "—", -1));
  add_pair_row (doc, _("Industry"),
                g_markup_escape_text (rd_account_get_industry (account) ? rd_account_get_industry (account) : "—", -1),
                _("Status"),
                g_markup_escape_text (rd_enum_table_label (&rd_status_table,
                                                           rd_account_get_status (account)), -1));

  if (rd_account_get_notes (account) != NULL && *rd_account_get_notes (account) != '\0')
    {
      g_autofree char *notes = g_markup_escape_text (rd_account_get_notes (account), -1);
      _rd_report_doc_add_subheading (doc, _("Notes"));
      _rd_report_doc_add_paragraph (doc, notes);
    }
}

static void
add_section_value (RdReportDoc *doc,
                   RdSummary   *summary)
{
  struct { const char *label; const char *text; } parts[] = {
    { N_("Goals"), summary->goals },
    { N_("Outcomes so far"), summary->outcomes },
    { N_("Return on investment"), summary->roi },
  };
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
  if (!any)
    _rd_report_doc_add_none (doc, _("No goals, outcomes or ROI figures have been recorded "
                                    "for this account yet."));
}

static void
add_section_pending (RdReportDoc *doc,
                     RdSummary   *summary)
{
  static const double widths[] = { 0.45, 0.17, 0.38 };
  const char *header[] = { _("What is pending"), _("Class"), _("Committed dates") };
  g_autofree char *deadline = NULL;

  _rd_report_doc_add_heading (doc, _("Pending items and committed dates"));

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
                                        _("Nothing is pending: no open delay."),
                                        3, header, widths))
    return;

  for (guint i = 0; i < summary->pending->len; i++)
    {
      RdSummaryPending *pending = g_ptr_array_index (summary->pending, i);
      g_autoptr(GString) dates = g_string_new (NULL);
      g_autofree char *what = NULL;
      g_autofree char *chip = _rd_report_class_chip (pending->klass);
      const char *cells[3];

      what = rd_markup ("%s", pending->stated_reason ? pending->stated_reason : _("No reason given"));
      if (pending->cause >= 0)
        {
          g_autofree char *cause = rd_markup ("\n<span foreground=\"%s\" size=\"small\">%s: %s</span>",
                                              RD_REPORT_COLOR_MUTED, _("Assessed cause"),
                                              rd_enum_table_label (&rd_cause_table, pending->cause));
          g_autofree char *reason = g_steal_pointer (&what);

          what = g_strconcat (reason, cause, NULL);
        }

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
        g_string_append_printf (dates, "<i>%s</i>", _("No dates committed yet"));

      cells[0] = what;
      cells[1] = chip;
      cells[2] = dates->str;
      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 3, cells, widths);
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

static void
add_section_lapse (RdReportDoc *doc,
                   RdSummary   *summary)
{
  g_autofree char *deadline = rd_date_format (rd_account_get_deadline (summary->account));
  g_autofree char *text = NULL;

  _rd_report_doc_add_heading (doc, _("If the contract lapses"));
  text = rd_markup (_("Without a signed renewal or an agreed bridge, service stops on %s. "
                      "Users lose access and the integrations stop. Coming back later means "
                      "onboarding again, which takes two to three weeks, and today’s price "
                      "is no longer guaranteed."), deadline);
  _rd_report_doc_add_paragraph (doc, text);
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
  add_section_value (layout->doc, summary);
  add_section_pending (layout->doc, summary);
  add_section_plan (layout->doc, summary, layout);
  add_section_options (layout->doc, summary);
  add_section_bridges (layout->doc, summary);
  add_section_lapse (layout->doc, summary);
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
