/* rd-brief.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-report"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-brief.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-report.h"
#include "rd-report-private.h"
#include "rd-settings.h"
#include "rd-task.h"

struct _RdBriefLayout
{
  RdReportDoc *doc;
};

static char *
strdup_nonempty (const char *text)
{
  return (text != NULL && *text != '\0') ? g_strdup (text) : NULL;
}

static void
statement_free (gpointer data)
{
  RdBriefStatement *statement = data;

  g_free (statement->who);
  g_free (statement->said);
  g_strfreev (statement->signals);
  g_free (statement);
}

static void
brief_delay_free (gpointer data)
{
  RdBriefDelay *delay = data;

  g_free (delay->communicated_on);
  g_free (delay->stated_reason);
  g_free (delay->override_note);
  g_strfreev (delay->reasons);
  g_strfreev (delay->signals);
  g_clear_pointer (&delay->statements, g_ptr_array_unref);
  for (guint i = 0; i < RD_N_COMMITMENTS; i++)
    {
      g_free (delay->due[i]);
      g_free (delay->kept[i]);
    }
  g_free (delay->help_needed);
  g_free (delay);
}

static void
concession_free (gpointer data)
{
  RdBriefConcession *concession = data;

  g_free (concession->what);
  g_free (concession->on);
  g_free (concession);
}

static GStrv
signal_labels (guint32 signals)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint s = 0; s <= RD_SIGNAL_STRAINED_RELATIONSHIP; s++)
    if (signals & RD_SIGNAL_BIT (s))
      g_strv_builder_add (builder, rd_enum_table_label (&rd_signal_table, s));
  return g_strv_builder_end (builder);
}

static RdContact *
find_contact (GPtrArray  *contacts,
              const char *id)
{
  for (guint i = 0; id != NULL && i < contacts->len; i++)
    {
      RdContact *contact = g_ptr_array_index (contacts, i);

      if (g_strcmp0 (rd_contact_get_id (contact), id) == 0)
        return contact;
    }
  return NULL;
}

static RdBriefDelay *
brief_delay_new (RdDelay     *delay,
                 GPtrArray   *contacts,
                 GHashTable  *roles,
                 const GDate *deadline,
                 const GDate *today)
{
  RdBriefDelay *out = g_new0 (RdBriefDelay, 1);
  g_autoptr(RdClassification) result = rd_delay_classify_as_of (delay, deadline, roles, today);
  GPtrArray *statements = rd_delay_get_statements (delay);
  GDate as_of;

  out->communicated_on = strdup_nonempty (rd_delay_get_communicated_on (delay));
  out->stated_reason = strdup_nonempty (rd_delay_get_stated_reason (delay));
  out->cause = rd_delay_get_cause (delay);
  out->overridden = rd_delay_get_override (delay) >= 0;
  out->klass = out->overridden ? (RdClass) rd_delay_get_override (delay) : result->klass;
  out->score = result->score;
  out->override_note = strdup_nonempty (rd_delay_get_text (delay, "override_note"));
  g_ptr_array_add (result->reasons, NULL);
  out->reasons = g_strdupv ((char **) result->reasons->pdata);
  g_ptr_array_set_size (result->reasons, result->reasons->len - 1);
  out->signals = signal_labels (rd_delay_get_own_signals (delay));

  out->statements = g_ptr_array_new_with_free_func (statement_free);
  for (guint i = 0; statements != NULL && i < statements->len; i++)
    {
      RdStatement *statement = g_ptr_array_index (statements, i);
      RdBriefStatement *copy = g_new0 (RdBriefStatement, 1);
      RdContact *contact = find_contact (contacts, statement->contact_id);

      copy->who = contact ? g_strdup (rd_contact_get_name (contact)) : NULL;
      copy->role = contact ? (int) rd_contact_get_role (contact) : -1;
      copy->said = strdup_nonempty (statement->said);
      copy->signals = signal_labels (statement->signals);
      g_ptr_array_add (out->statements, copy);
    }

  rd_delay_get_as_of (delay, today, &as_of);
  for (guint c = 0; c < RD_N_COMMITMENTS; c++)
    {
      out->due[c] = strdup_nonempty (rd_delay_get_commitment (delay, c));
      out->kept[c] = strdup_nonempty (rd_delay_get_commitment_kept (delay, c));
      if (out->kept[c] != NULL)
        out->state[c] = RD_BRIEF_KEPT;
      else if (rd_delay_is_missed (delay, c, today))
        out->state[c] = RD_BRIEF_MISSED;
      else
        out->state[c] = RD_BRIEF_DUE;
    }
  out->help_needed = strdup_nonempty (rd_delay_get_text (delay, "help_needed"));
  return out;
}

/* The day of a bridge's current status. */
static const char *
bridge_status_day (JsonObject *doc,
                   int         status)
{
  if (status == RD_BRIDGE_STATUS_ACCEPTED)
    return _rd_report_str_or_null (doc, "accepted_on");
  if (status == RD_BRIDGE_STATUS_DECLINED)
    return _rd_report_str_or_null (doc, "declined_on");
  return _rd_report_str_or_null (doc, "proposed_on");
}

static int
compare_activities_newest_first (gconstpointer a,
                                 gconstpointer b)
{
  JsonObject *x = *(JsonObject * const *) a;
  JsonObject *y = *(JsonObject * const *) b;

  return -g_strcmp0 (_rd_report_str_or_null (x, "on"), _rd_report_str_or_null (y, "on"));
}

static int
compare_concessions (gconstpointer a,
                     gconstpointer b)
{
  const RdBriefConcession *x = *(RdBriefConcession * const *) a;
  const RdBriefConcession *y = *(RdBriefConcession * const *) b;

  /* Dated first, oldest first: a ledger reads in order. */
  if (g_strcmp0 (x->on, y->on) != 0)
    return x->on == NULL ? 1 : y->on == NULL ? -1 : g_strcmp0 (x->on, y->on);
  return g_strcmp0 (x->what, y->what);
}

RdBrief *
rd_brief_collect (RdStore     *store,
                  const char  *account_id,
                  GError     **error)
{
  g_autoptr(RdBrief) brief = g_new0 (RdBrief, 1);
  g_autoptr(GPtrArray) delays = NULL;
  g_autoptr(GPtrArray) delay_docs = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GPtrArray) bridges = NULL;
  g_autoptr(GHashTable) roles = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) levers = NULL;
  RdAccount *account;
  GDate today, deadline;
  gboolean has_deadline;
  int no_response_days = RD_FOLD_DEFAULT_NO_RESPONSE_DAYS;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  brief->delays = g_ptr_array_new_with_free_func (brief_delay_free);
  brief->concessions = g_ptr_array_new_with_free_func (concession_free);

  brief->summary = rd_summary_collect (store, account_id, error);
  if (brief->summary == NULL)
    return NULL;
  account = brief->summary->account;

  rd_date_today (&today);
  has_deadline = rd_account_get_deadline (account) != NULL &&
                 rd_date_parse (rd_account_get_deadline (account), &deadline);
  roles = rd_delay_roles_new_from_contacts (brief->summary->contacts);

  delays = rd_store_list_delays (store, account_id, error);
  if (delays == NULL)
    return NULL;
  for (guint i = 0; i < delays->len; i++)
    {
      RdDelay *delay = g_ptr_array_index (delays, i);

      if (rd_delay_get_status (delay) == RD_DELAY_STATUS_OPEN)
        g_ptr_array_add (brief->delays,
                         brief_delay_new (delay, brief->summary->contacts, roles,
                                          has_deadline ? &deadline : NULL, &today));
    }

  /* The ledger: every bridge put to the customer, and the levers. */
  if ((bridges = rd_store_list_documents (store, "bridge", "account_id", account_id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < bridges->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (bridges, i);
      int kind = rd_enum_table_lookup (&rd_bridge_kind_table, _rd_report_str_or_null (doc, "kind"));
      int status = rd_enum_table_lookup (&rd_bridge_status_table, _rd_report_str_or_null (doc, "status"));
      RdBriefConcession *concession;

      if (kind < 0)
        continue;
      concession = g_new0 (RdBriefConcession, 1);
      concession->what = g_strdup (rd_enum_table_label (&rd_bridge_kind_table, kind));
      concession->status = MAX (status, RD_BRIDGE_STATUS_PROPOSED);
      concession->on = g_strdup (bridge_status_day (doc, concession->status));
      concession->price_minor = json_object_has_member (doc, "price_minor")
        ? json_object_get_int_member_with_default (doc, "price_minor", -1) : -1;
      g_ptr_array_add (brief->concessions, concession);
    }
  levers = rd_account_dup_levers_offered (account);
  {
    g_autoptr(GSettings) settings = rd_settings_new ();

    brief->ledger = rd_concessions_compute (rd_account_get_annual_value_minor (account), bridges,
                                            (const char * const *) levers,
                                            rd_settings_get_concession_warning (settings));
  }
  for (guint i = 0; levers != NULL && levers[i] != NULL; i++)
    {
      RdBriefConcession *concession = g_new0 (RdBriefConcession, 1);

      concession->what = g_strdup (levers[i]);
      concession->status = -1;
      concession->price_minor = -1;
      g_ptr_array_add (brief->concessions, concession);
    }
  g_ptr_array_sort (brief->concessions, compare_concessions);

  /* What we did and how they answered, the newest entries of the log. */
  if ((brief->activities = rd_store_list_documents (store, "activity", "account_id", account_id,
                                                    error)) == NULL)
    return NULL;
  g_ptr_array_sort (brief->activities, compare_activities_newest_first);
  if (brief->activities->len > RD_BRIEF_MAX_ACTIVITIES)
    g_ptr_array_set_size (brief->activities, RD_BRIEF_MAX_ACTIVITIES);

  /* The fold signs, judged as the account page judges them. */
  if ((delay_docs = rd_store_list_documents (store, "delay", "account_id", account_id, error)) == NULL ||
      (plans = rd_store_list_documents (store, "plan", "account_id", account_id, error)) == NULL)
    return NULL;
  steps = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < plans->len; i++)
    {
      g_autofree char *plan_uuid = NULL;
      g_autoptr(GPtrArray) some = NULL;

      if (!rd_document_parse_id (json_object_get_string_member_with_default (g_ptr_array_index (plans, i),
                                                                             "_id", NULL),
                                 NULL, &plan_uuid))
        continue;
      if ((some = rd_store_list_documents (store, "plan_step", "plan_id", plan_uuid, error)) == NULL)
        return NULL;
      for (guint j = 0; j < some->len; j++)
        g_ptr_array_add (steps, json_object_ref (g_ptr_array_index (some, j)));
    }
  settings = rd_settings_new ();
  if (settings != NULL)
    no_response_days = g_settings_get_int (settings, "fold-no-response-days");
  rd_fold_facts_from_documents (delay_docs, plans, steps, bridges, &today, &brief->fold_facts);
  brief->fold_signs = rd_fold_evaluate (&brief->fold_facts, no_response_days);
  brief->fold_advice = rd_fold_advise (&brief->fold_facts, brief->fold_signs);
  brief->fold_dismissed = rd_account_get_fold_dismissed (account);

  return g_steal_pointer (&brief);
}

void
rd_brief_free (RdBrief *brief)
{
  if (brief == NULL)
    return;

  g_clear_pointer (&brief->summary, rd_summary_free);
  g_clear_pointer (&brief->delays, g_ptr_array_unref);
  g_clear_pointer (&brief->concessions, g_ptr_array_unref);
  g_clear_pointer (&brief->ledger, rd_concession_ledger_free);
  g_clear_pointer (&brief->activities, g_ptr_array_unref);
  g_free (brief);
}

char *
rd_brief_dup_file_name (RdBrief *brief)
{
  g_return_val_if_fail (brief != NULL, NULL);

  return rd_report_file_name (rd_account_get_name (brief->summary->account), _("Internal brief"));
}

/* Layout ------------------------------------------------------------------ */

static char *
date_or (const char *iso,
         const char *fallback)
{
  g_autofree char *formatted = NULL;

  if (iso == NULL || *iso == '\0')
    return g_markup_escape_text (fallback, -1);
  formatted = rd_date_format (iso);
  return g_markup_escape_text (formatted, -1);
}

static char *
money (gint64      minor,
       const char *currency)
{
  g_autofree char *text = rd_money_format (minor, currency);
  return g_markup_escape_text (text, -1);
}

static char *
muted (const char *text)
{
  return rd_markup ("<span foreground=\"%s\">%s</span>", RD_REPORT_COLOR_MUTED, text);
}

static void
add_label_row (RdReportDoc *doc,
               const char  *label,
               char        *value)   /* owned markup */
{
  static const double widths[] = { 0.30, 0.70 };
  g_autofree char *l = g_markup_escape_text (label, -1);
  const char *cells[2] = { l, value };

  _rd_report_doc_add_row (doc, RD_REPORT_ROW_LABEL, 2, cells, widths);
  g_free (value);
}

static void
add_section_standing (RdReportDoc *doc,
                      RdBrief     *brief)
{
  RdAccount *account = brief->summary->account;
  const char *owner = rd_account_get_owner (account);
  const char *notes = rd_account_get_notes (account);
  const char *churn = rd_account_get_churn_reason (account);
  GDate today;
  int days;
  g_autofree char *deadline = date_or (rd_account_get_deadline (account), "—");

  rd_date_today (&today);
  days = rd_account_get_days_to_renewal (account, &today);

  _rd_report_doc_add_heading (doc, _("Where the renewal stands"));
  add_label_row (doc, _("Risk"),
                 /* Translators: a risk score out of 100, then its band ("high") */
                 rd_markup (_("%d of 100, %s"), rd_account_get_risk_score (account),
                            rd_enum_table_label (&rd_risk_band_table, rd_account_get_risk_band (account))));
  add_label_row (doc, _("Stage"), rd_markup ("%s", rd_enum_table_label (&rd_stage_table,
                                                                         rd_account_get_stage (account))));
  add_label_row (doc, _("Status"), rd_markup ("%s", rd_enum_table_label (&rd_status_table,
                                                                          rd_account_get_status (account))));
  add_label_row (doc, _("Annual value"),
                 money (rd_account_get_annual_value_minor (account), rd_account_get_currency (account)));
  if (days != G_MININT)
    {
      g_autofree char *relative = rd_date_format_relative (days);
      add_label_row (doc, _("Hard deadline"), rd_markup ("%s (%s)", deadline, relative));
    }
  else
    add_label_row (doc, _("Hard deadline"), g_steal_pointer (&deadline));
  add_label_row (doc, _("Account manager"), rd_markup ("%s", owner ? owner : "—"));
  add_label_row (doc, _("May be named as a reference"),
                 rd_markup ("%s", rd_account_get_reference_ok (account) ? _("Yes") : _("No")));
  if (churn != NULL)
    add_label_row (doc, _("Why we expect churn"), rd_markup ("%s", churn));
  if (notes != NULL && *notes != '\0')
    {
      g_autofree char *text = g_markup_escape_text (notes, -1);
      _rd_report_doc_add_subheading (doc, _("Notes"));
      _rd_report_doc_add_paragraph (doc, text);
    }
}

static char *
join_escaped (GStrv        items,
              const char  *separator)
{
  g_autofree char *joined = g_strjoinv (separator, items);
  return g_markup_escape_text (joined, -1);
}

static void
add_delay (RdReportDoc  *doc,
           RdBrief      *brief,
           RdBriefDelay *delay)
{
  static const double said_widths[] = { 0.26, 0.44, 0.30 };
  static const double date_widths[] = { 0.40, 0.25, 0.35 };
  const char *said_header[] = { _("Who"), _("What they said"), _("Signals") };
  const char *date_header[] = { _("Commitment"), _("Date"), _("Kept or missed") };
  g_autofree char *heading = NULL;
  g_autofree char *chip = _rd_report_class_chip (delay->klass);
  g_autofree char *klass = NULL;
  gboolean any_date = FALSE;

  if (delay->communicated_on != NULL)
    {
      g_autofree char *date = rd_date_format (delay->communicated_on);
      heading = g_strdup_printf (_("Delay announced on %s"), date);
    }
  else
    heading = g_strdup (_("Delay"));
  _rd_report_doc_add_subheading (doc, heading);

  /* Translators: a class chip ("▲ Risk"), then the score out of 100 */
  klass = g_strdup_printf (_("%s, score %d"), chip, delay->score);
  add_label_row (doc, _("Class"), g_steal_pointer (&klass));
  if (delay->overridden)
    add_label_row (doc, _("Set by hand"),
                   rd_markup ("%s", delay->override_note ? delay->override_note : _("No note")));
  if (delay->reasons != NULL && delay->reasons[0] != NULL)
    {
      g_autoptr(GString) reasons = g_string_new (NULL);

      for (guint i = 0; delay->reasons[i] != NULL; i++)
        {
          g_autofree char *line = rd_markup ("%s• %s", i ? "\n" : "", delay->reasons[i]);
          g_string_append (reasons, line);
        }
      add_label_row (doc, _("Reasons"), g_string_free (g_steal_pointer (&reasons), FALSE));
    }
  add_label_row (doc, _("Stated reason"),
                 rd_markup ("%s", delay->stated_reason ? delay->stated_reason : _("No reason given")));
  add_label_row (doc, _("Assessed cause"),
                 rd_markup ("%s", delay->cause >= 0 ? rd_enum_table_label (&rd_cause_table, delay->cause)
                                                    : _("Not assessed")));
  if (delay->signals != NULL && delay->signals[0] != NULL)
    add_label_row (doc, _("Signals"), join_escaped (delay->signals, ", "));
  if (delay->help_needed != NULL)
    add_label_row (doc, _("Help needed"), rd_markup ("%s", delay->help_needed));

  if (_rd_report_doc_add_table_header (doc, delay->statements->len,
                                       _("Nobody’s words are recorded for this delay."),
                                       3, said_header, said_widths))
    for (guint i = 0; i < delay->statements->len; i++)
      {
        RdBriefStatement *statement = g_ptr_array_index (delay->statements, i);
        g_autofree char *who = NULL;
        g_autofree char *said = rd_markup ("%s", statement->said ? statement->said : "—");
        g_autofree char *signals = statement->signals[0] ? join_escaped (statement->signals, ", ")
                                                         : g_strdup ("—");
        const char *cells[3];

        if (statement->who != NULL && statement->role >= 0)
          who = rd_markup ("%s\n<span foreground=\"%s\" size=\"small\">%s</span>", statement->who,
                           RD_REPORT_COLOR_MUTED, rd_enum_table_label (&rd_role_table, statement->role));
        else
          who = rd_markup ("%s", rd_classify_role_subject (statement->role));
        cells[0] = who; cells[1] = said; cells[2] = signals;
        _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 3, cells, said_widths);
      }

  for (guint c = 0; c < RD_N_COMMITMENTS; c++)
    {
      g_autofree char *what = NULL;
      g_autofree char *when = NULL;
      g_autofree char *state = NULL;
      const char *cells[3];

      if (delay->due[c] == NULL)
        continue;
      if (!any_date)
        _rd_report_doc_add_row (doc, RD_REPORT_ROW_HEADER, 3, date_header, date_widths);
      any_date = TRUE;
      what = rd_markup ("%s", rd_enum_table_label (&rd_commitment_table, c));
      when = date_or (delay->due[c], "—");
      if (delay->state[c] == RD_BRIEF_KEPT)
        {
          g_autofree char *kept = rd_date_format (delay->kept[c]);
          state = rd_markup (_("Kept on %s"), kept);
        }
      else if (delay->state[c] == RD_BRIEF_MISSED)
        state = rd_markup ("<span foreground=\"%s\"><b>▲ %s</b></span>", RD_REPORT_COLOR_RISK,
                           _("Missed"));
      else
        {
          g_autofree char *text = g_markup_escape_text (_("Not due yet"), -1);
          state = muted (text);
        }
      cells[0] = what; cells[1] = when; cells[2] = state;
      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 3, cells, date_widths);
    }
  if (!any_date)
    _rd_report_doc_add_none (doc, _("No dates were committed for this delay."));
}

static void
add_section_delays (RdReportDoc *doc,
                    RdBrief     *brief)
{
  _rd_report_doc_add_heading (doc, _("Delays: class, reasons and commitments"));
  if (brief->delays->len == 0)
    {
      _rd_report_doc_add_none (doc, _("No delay is open."));
      return;
    }
  for (guint i = 0; i < brief->delays->len; i++)
    add_delay (doc, brief, g_ptr_array_index (brief->delays, i));
}

static void
add_section_plan (RdReportDoc *doc,
                  RdBrief     *brief)
{
  static const double widths[] = { 0.14, 0.46, 0.16, 0.12, 0.12 };
  const char *header[] = { _("When"), _("Step"), _("Owner"), _("Due"), _("Done") };
  RdSummary *summary = brief->summary;

  _rd_report_doc_add_heading (doc, _("Recovery plan"));
  if (!summary->has_plan)
    {
      _rd_report_doc_add_none (doc, _("No recovery plan has been drawn up."));
      return;
    }

  add_label_row (doc, _("Status"),
                 rd_markup ("%s", rd_enum_table_label (&rd_plan_status_table, summary->plan_status)));
  add_label_row (doc, _("Customer’s answer"),
                 rd_markup ("%s", rd_enum_table_label (&rd_customer_answer_table, summary->plan_answer)));
  if (summary->plan_criteria != NULL)
    add_label_row (doc, _("Progress is measured by"), rd_markup ("%s", summary->plan_criteria));

  if (!_rd_report_doc_add_table_header (doc, summary->steps->len, _("The plan has no steps yet."),
                                        5, header, widths))
    return;
  for (guint i = 0; i < summary->steps->len; i++)
    {
      RdSummaryStep *step = g_ptr_array_index (summary->steps, i);
      g_autofree char *when = rd_markup ("%s", rd_enum_table_label (&rd_horizon_table, step->horizon));
      g_autofree char *title = rd_markup ("%s", step->title ? step->title : "");
      g_autofree char *owner = rd_markup ("%s", step->owner ? step->owner : "—");
      g_autofree char *due = date_or (step->due_on, "—");
      g_autofree char *done = NULL;
      const char *cells[5];

      if (step->done_on != NULL)
        done = date_or (step->done_on, "");
      else
        {
          g_autofree char *text = g_markup_escape_text (_("Open"), -1);
          done = muted (text);
        }
      cells[0] = when; cells[1] = title; cells[2] = owner; cells[3] = due; cells[4] = done;
      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 5, cells, widths);
    }
}

static const char *
contact_name (RdBrief    *brief,
              const char *contact_id)
{
  GPtrArray *contacts = brief->summary->contacts;

  for (guint i = 0; contact_id != NULL && contacts != NULL && i < contacts->len; i++)
    {
      RdContact *contact = g_ptr_array_index (contacts, i);

      if (g_strcmp0 (rd_contact_get_id (contact), contact_id) == 0)
        return rd_contact_get_name (contact);
    }
  return NULL;
}

static void
add_section_activities (RdReportDoc *doc,
                        RdBrief     *brief)
{
  static const double widths[] = { 0.16, 0.22, 0.36, 0.26 };
  const char *header[] = { _("Date"), _("Kind and with whom"), _("What we did"), _("Their answer") };

  _rd_report_doc_add_heading (doc, _("What we did and how they answered"));
  if (!_rd_report_doc_add_table_header (doc, brief->activities->len,
                                        _("No call, mail or meeting logged yet."), 4, header, widths))
    return;

  for (guint i = 0; i < brief->activities->len; i++)
    {
      JsonObject *activity = g_ptr_array_index (brief->activities, i);
      int kind = rd_enum_table_lookup (&rd_activity_kind_table, _rd_report_str_or_null (activity, "kind"));
      const char *with = contact_name (brief, _rd_report_str_or_null (activity, "contact_id"));
      const char *summary = _rd_report_str_or_null (activity, "summary");
      const char *answer = _rd_report_str_or_null (activity, "their_response");
      const char *label = rd_enum_table_label (&rd_activity_kind_table, kind >= 0 ? kind : RD_ACTIVITY_NOTE);
      g_autofree char *on = date_or (_rd_report_str_or_null (activity, "on"), "—");
      g_autofree char *what = with != NULL ? rd_markup ("%s · %s", label, with) : rd_markup ("%s", label);
      g_autofree char *did = rd_markup ("%s", summary != NULL ? summary : "—");
      g_autofree char *said = rd_markup ("%s", answer != NULL ? answer : "—");
      const char *cells[4] = { on, what, did, said };

      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 4, cells, widths);
    }
}

static void
add_section_concessions (RdReportDoc *doc,
                         RdBrief     *brief)
{
  static const double widths[] = { 0.46, 0.18, 0.18, 0.18 };
  const char *header[] = { _("Concession"), _("Status"), _("On"), _("Price") };
  const char *currency = rd_account_get_currency (brief->summary->account);

  _rd_report_doc_add_heading (doc, _("Concessions offered"));
  if (!_rd_report_doc_add_table_header (doc, brief->concessions->len,
                                        _("No concession recorded: no bridge was offered and no "
                                          "negotiation lever is marked as offered."),
                                        4, header, widths))
    return;

  for (guint i = 0; i < brief->concessions->len; i++)
    {
      RdBriefConcession *concession = g_ptr_array_index (brief->concessions, i);
      g_autofree char *what = rd_markup ("%s", concession->what);
      g_autofree char *status = rd_markup ("%s", concession->status >= 0
                                           ? rd_enum_table_label (&rd_bridge_status_table,
                                                                  concession->status)
                                           : _("Offered"));
      g_autofree char *on = date_or (concession->on, "—");
      g_autofree char *price = concession->price_minor >= 0 ? money (concession->price_minor, currency)
                                                            : g_strdup ("—");
      const char *cells[4] = { what, status, on, price };

      _rd_report_doc_add_row (doc, RD_REPORT_ROW_PLAIN, 4, cells, widths);
    }

  /* What the accepted ones cost us, against the margin. */
  if (brief->ledger != NULL && brief->ledger->share_tenths >= 0)
    {
      g_autofree char *total = money (brief->ledger->total_minor, currency);
      g_autofree char *share = rd_concessions_format_share (brief->ledger->share_tenths);
      g_autofree char *line = NULL;

      if (brief->ledger->over_threshold)
        /* Translators: the concession ledger of the internal brief; the last %d is a percentage */
        line = rd_markup (_("▲ Granted so far: %s, %s of the annual value — above the %d %% we allow."),
                          total, share, brief->ledger->threshold_percent);
      else
        line = rd_markup (_("Granted so far: %s, %s of the annual value."), total, share);
      _rd_report_doc_add_paragraph (doc, line);
    }
}

static void
add_section_fold (RdReportDoc *doc,
                  RdBrief     *brief)
{
  _rd_report_doc_add_heading (doc, _("Signs it is time to let go"));

  if (brief->fold_signs == RD_FOLD_NONE)
    _rd_report_doc_add_none (doc, _("No sign to fold."));
  for (guint bit = 0; bit < RD_FOLD_N_SIGNS; bit++)
    {
      RdFoldSign sign = 1u << bit;
      g_autofree char *line = NULL;

      if ((brief->fold_signs & sign) == 0)
        continue;
      if (brief->fold_dismissed & sign)
        line = rd_markup ("▲ %s <span foreground=\"%s\">(%s)</span>", rd_fold_sign_label (sign),
                          RD_REPORT_COLOR_MUTED, _("advice dismissed"));
      else
        line = rd_markup ("<span foreground=\"%s\">▲</span> %s", RD_REPORT_COLOR_RISK,
                          rd_fold_sign_label (sign));
      _rd_report_doc_add_paragraph (doc, line);
    }

  if (brief->fold_advice == RD_FOLD_ADVICE_LET_GO)
    _rd_report_doc_add_paragraph (doc, _("Consider exiting professionally and keeping the door "
                                         "open."));
  else if (brief->fold_advice == RD_FOLD_ADVICE_INTERVENE)
    _rd_report_doc_add_paragraph (doc, _("They are evaluating alternatives, but nothing says to "
                                         "fold yet: this is a save, intervene fully."));
}

RdBriefLayout *
rd_brief_layout_new (RdBrief *brief,
                     double   width,
                     double   height)
{
  RdBriefLayout *layout;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (brief != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  today = rd_date_format (brief->summary->today);
  layout = g_new0 (RdBriefLayout, 1);
  layout->doc = _rd_report_doc_new_framed (width, height, brief->summary->company_name,
                                           _("Internal brief: not for the customer"),
                                           brief->summary->today);

  title = rd_markup ("%s", rd_account_get_name (brief->summary->account));
  subtitle = rd_markup (_("Internal brief, %s"), today);
  _rd_report_doc_add_title (layout->doc, title, subtitle);

  add_section_standing (layout->doc, brief);
  add_section_delays (layout->doc, brief);
  add_section_activities (layout->doc, brief);
  add_section_plan (layout->doc, brief);
  add_section_concessions (layout->doc, brief);
  add_section_fold (layout->doc, brief);

  _rd_report_doc_paginate (layout->doc);
  return layout;
}

void
rd_brief_layout_free (RdBriefLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_pointer (&layout->doc, _rd_report_doc_free);
  g_free (layout);
}

int
rd_brief_layout_get_n_pages (RdBriefLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return _rd_report_doc_get_n_pages (layout->doc);
}

void
rd_brief_draw_page (RdBriefLayout *layout,
                    cairo_t       *cr,
                    int            page,
                    double         width,
                    double         height)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page >= 0 && page < _rd_report_doc_get_n_pages (layout->doc));

  _rd_report_doc_draw_page (layout->doc, cr, page, width, height);
}

gboolean
rd_brief_write_pdf (RdBrief     *brief,
                    RdPaper      paper,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(RdBriefLayout) layout = NULL;
  g_autofree char *title = NULL;
  double width, height;

  g_return_val_if_fail (brief != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rd_paper_get_size (paper, &width, &height);
  layout = rd_brief_layout_new (brief, width, height);
  title = g_strdup_printf (_("Internal brief: %s"), rd_account_get_name (brief->summary->account));

  return _rd_report_doc_write_pdf (layout->doc, path, title, error);
}

/* Async ------------------------------------------------------------------ */

static void
brief_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  RdBrief *brief;

  if (g_task_return_error_if_cancelled (task))
    return;

  brief = rd_brief_collect (RD_STORE (source_object), task_data, &error);
  if (brief == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, brief, (GDestroyNotify) rd_brief_free);
}

void
rd_brief_collect_async (RdStore             *store,
                        const char          *account_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  rd_task_run_in_thread (store, rd_brief_collect_async, g_strdup (account_id), g_free, brief_thread,
                         cancellable, callback, user_data);
}

RdBrief *
rd_brief_collect_finish (RdStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return rd_task_propagate_pointer (store, result, rd_brief_collect_async, error);
}
