/* test-delay.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "rd-delay.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-history.h"
#include "rd-store.h"

#define ACCOUNT_ID "0b6f3a52-1c7e-4f55-9d4e-2a1b7c9e5f10"
#define CHAMPION_ID "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
#define BUYER_ID "6e2d3c4b-5f6a-4b7c-9d8e-0f1a2b3c4d5e"

static void
context_init (RdDelayContext *context,
              const char     *today,
              const char     *deadline)
{
  memset (context, 0, sizeof *context);
  g_assert_true (rd_date_parse (today, &context->today));
  g_strlcpy (context->deadline, deadline ? deadline : "", sizeof context->deadline);
}

static RdDelay *
make_full_delay (void)
{
  RdDelay *delay = rd_delay_new (ACCOUNT_ID);

  rd_delay_set_communicated_on (delay, "2026-11-02");
  rd_delay_set_contact_id (delay, CHAMPION_ID);
  rd_delay_set_stated_reason (delay, "Procurement backlog until the new quarter");
  rd_delay_set_cause (delay, RD_CAUSE_BUDGET);
  rd_delay_set_signal (delay, RD_SIGNAL_SPECIFIC_EXPLANATION, TRUE);
  rd_delay_set_signal (delay, RD_SIGNAL_OFFERED_TIMELINE, TRUE);
  rd_delay_set_answer (delay, RD_QUESTION_PENDING, "PO approval by finance");
  rd_delay_set_answer (delay, RD_QUESTION_REVISIT, "First week of December");
  rd_delay_set_commitment (delay, RD_COMMITMENT_INFO_BY, "2026-11-20");
  rd_delay_set_commitment (delay, RD_COMMITMENT_DECISION_BY, "2026-12-15");
  rd_delay_set_commitment (delay, RD_COMMITMENT_NEXT_STEP_ON, "2026-11-05");
  rd_delay_set_commitment_kept (delay, RD_COMMITMENT_NEXT_STEP_ON, "2026-11-04");
  rd_delay_set_text (delay, "actions_taken", "Sent the pre-filled vendor form");
  rd_delay_set_text (delay, "help_needed", "Finance contact at our side");
  rd_delay_add_statement (delay, rd_statement_new (CHAMPION_ID, "Procurement backlog",
                                                   RD_SIGNAL_BIT (RD_SIGNAL_APOLOGETIC)));

  return delay;
}

static void
test_document_shape (void)
{
  g_autoptr(RdDelay) delay = make_full_delay ();
  g_autoptr(JsonObject) doc = rd_delay_to_document (delay);
  g_autofree char *expected_id = g_strconcat ("delay:", rd_delay_get_id (delay), NULL);
  JsonArray *signals;
  JsonObject *diagnostics;
  JsonArray *statements;

  g_assert_cmpstr (json_object_get_string_member (doc, "_id"), ==, expected_id);
  g_assert_cmpstr (json_object_get_string_member (doc, "type"), ==, "delay");
  g_assert_cmpstr (json_object_get_string_member (doc, "account_id"), ==, ACCOUNT_ID);
  g_assert_cmpstr (json_object_get_string_member (doc, "contact_id"), ==, CHAMPION_ID);
  g_assert_cmpstr (json_object_get_string_member (doc, "communicated_on"), ==, "2026-11-02");
  g_assert_cmpstr (json_object_get_string_member (doc, "cause"), ==, "budget");
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (doc, "info_by"), ==, "2026-11-20");
  g_assert_cmpstr (json_object_get_string_member (doc, "decision_by"), ==, "2026-12-15");
  g_assert_false (json_object_has_member (doc, "reconnect_on"));
  g_assert_cmpstr (json_object_get_string_member (doc, "next_step_kept_on"), ==, "2026-11-04");
  g_assert_false (json_object_has_member (doc, "info_kept_on"));
  g_assert_cmpstr (json_object_get_string_member (doc, "actions_taken"), ==,
                   "Sent the pre-filled vendor form");
  g_assert_cmpstr (json_object_get_string_member (doc, "help_needed"), ==,
                   "Finance contact at our side");

  signals = json_object_get_array_member (doc, "signals");
  g_assert_cmpuint (json_array_get_length (signals), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (signals, 0), ==, "specific_explanation");
  g_assert_cmpstr (json_array_get_string_element (signals, 1), ==, "offered_timeline");

  diagnostics = json_object_get_object_member (doc, "diagnostics");
  g_assert_cmpstr (json_object_get_string_member (diagnostics, "pending"), ==,
                   "PO approval by finance");
  g_assert_cmpstr (json_object_get_string_member (diagnostics, "revisit"), ==,
                   "First week of December");

  statements = json_object_get_array_member (doc, "statements");
  g_assert_cmpuint (json_array_get_length (statements), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (statements, 0),
                                                  "contact_id"), ==, CHAMPION_ID);
}

static void
test_document_roundtrip (void)
{
  g_autoptr(RdDelay) delay = make_full_delay ();
  g_autoptr(JsonObject) doc = rd_delay_to_document (delay);
  g_autoptr(RdDelay) back = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(GError) error = NULL;

  /* a field from a newer version survives */
  json_object_set_string_member (doc, "sentiment_2027", "cautious");

  back = rd_delay_new_from_document (doc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_delay_get_stated_reason (back), ==, "Procurement backlog until the new quarter");
  g_assert_cmpint (rd_delay_get_cause (back), ==, RD_CAUSE_BUDGET);
  g_assert_cmpuint (rd_delay_get_statements (back)->len, ==, 1);
  g_assert_cmpstr (rd_delay_get_commitment_kept (back, RD_COMMITMENT_NEXT_STEP_ON), ==, "2026-11-04");
  g_assert_null (rd_delay_get_commitment_kept (back, RD_COMMITMENT_INFO_BY));
  g_assert_cmpstr (rd_commitment_kept_field (RD_COMMITMENT_DECISION_BY), ==, "decision_kept_on");

  again = rd_delay_to_document (back);
  a = json_node_init_object (json_node_alloc (), doc);
  b = json_node_init_object (json_node_alloc (), again);
  g_assert_true (json_node_equal (a, b));
  g_assert_cmpstr (json_object_get_string_member (again, "sentiment_2027"), ==, "cautious");
}

static void
test_document_rejects (void)
{
  static const char * const bad[] = {
    "{\"_id\":\"delay:1\",\"type\":\"delay\",\"cause\":\"weather\"}",
    "{\"_id\":\"delay:1\",\"type\":\"delay\",\"signals\":[\"grumpy\"]}",
    "{\"_id\":\"delay:1\",\"type\":\"delay\",\"classification_override\":\"maybe\"}",
    "{\"_id\":\"account:1\",\"type\":\"delay\"}",
    "{\"type\":\"delay\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (bad[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(RdDelay) delay = rd_delay_new_from_document (json_node_get_object (node), &error);

      g_assert_null (delay);
      g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID);
    }
}

static void
test_triangulation (void)
{
  g_autoptr(RdDelay) delay = rd_delay_new (ACCOUNT_ID);
  g_autoptr(RdClassification) alone = NULL;
  g_autoptr(RdClassification) together = NULL;
  RdDelayContext context;

  context_init (&context, "2026-11-10", "2027-03-01");
  rd_delay_set_communicated_on (delay, "2026-11-09");
  rd_delay_set_cause (delay, RD_CAUSE_BUDGET);
  rd_delay_add_statement (delay, rd_statement_new (CHAMPION_ID, "Procurement backlog",
                                                   RD_SIGNAL_BIT (RD_SIGNAL_SPECIFIC_EXPLANATION)));
  alone = rd_delay_classify (delay, &context);
  g_assert_cmpint (alone->klass, ==, RD_CLASS_ADMINISTRATIVE);

  /* the economic buyer going silent means it is not administrative */
  rd_delay_add_statement (delay, rd_statement_new (BUYER_ID, "(no answer to two emails)",
                                                   RD_SIGNAL_BIT (RD_SIGNAL_RADIO_SILENCE)));
  together = rd_delay_classify (delay, &context);
  g_assert_cmpint (together->klass, ==, RD_CLASS_DECISION);
  g_assert_cmpint (rd_delay_get_classification (delay), ==, RD_CLASS_DECISION);
}

static void
test_missed_commitments (void)
{
  g_autoptr(RdDelay) delay = make_full_delay ();
  g_autoptr(RdClassification) result = NULL;
  RdDelayContext context;
  GDate today;

  g_assert_true (rd_date_parse ("2026-11-19", &today));
  g_assert_cmpuint (rd_delay_count_missed (delay, &today), ==, 0);
  g_assert_true (rd_date_parse ("2026-11-21", &today));
  g_assert_cmpuint (rd_delay_count_missed (delay, &today), ==, 1);
  g_assert_true (rd_date_parse ("2026-12-16", &today));
  g_assert_cmpuint (rd_delay_count_missed (delay, &today), ==, 2);

  /* before info_by: administrative; after it passed unmet: decision */
  context_init (&context, "2026-11-19", "2027-02-01");
  g_clear_pointer (&result, rd_classification_free);
  result = rd_delay_classify (delay, &context);
  g_assert_cmpint (result->klass, ==, RD_CLASS_ADMINISTRATIVE);

  context_init (&context, "2026-11-21", "2027-02-01");
  g_clear_pointer (&result, rd_classification_free);
  result = rd_delay_classify (delay, &context);
  g_assert_cmpint (result->klass, ==, RD_CLASS_DECISION);

  /* ticking a date off as kept takes it out */
  rd_delay_set_commitment_kept (delay, RD_COMMITMENT_INFO_BY, "2026-11-22");
  g_assert_cmpuint (rd_delay_count_missed (delay, &today), ==, 1);
  g_assert_false (rd_delay_is_missed (delay, RD_COMMITMENT_INFO_BY, &today));
  g_assert_true (rd_delay_is_missed (delay, RD_COMMITMENT_DECISION_BY, &today));
  rd_delay_set_commitment_kept (delay, RD_COMMITMENT_INFO_BY, NULL);

  /* a resolved delay is judged as of the day it was resolved: what it
   * missed by then stays missed, what came due later does not count */
  rd_delay_resolve (delay, "2026-12-10", "Renewed for a year", "Start earlier");
  g_assert_true (rd_date_parse ("2027-03-01", &today));
  g_assert_cmpuint (rd_delay_count_missed (delay, &today), ==, 1);
  g_assert_false (rd_delay_is_missed (delay, RD_COMMITMENT_DECISION_BY, &today));
  rd_delay_reopen (delay);
  g_assert_cmpuint (rd_delay_count_missed (delay, &today), ==, 2);
}

static void
test_classify_as_of (void)
{
  g_autoptr(RdDelay) delay = rd_delay_new (ACCOUNT_ID);
  g_autoptr(RdContact) champion = rd_contact_new (ACCOUNT_ID);
  g_autoptr(RdContact) buyer = rd_contact_new (ACCOUNT_ID);
  g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
  g_autoptr(GHashTable) roles = NULL;
  g_autoptr(RdClassification) result = NULL;
  g_autofree char *text = NULL;
  RdDelayContext context;
  GDate today, deadline, as_of;

  rd_contact_set_role (champion, RD_ROLE_CHAMPION);
  rd_contact_set_role (buyer, RD_ROLE_ECONOMIC_BUYER);
  g_ptr_array_add (contacts, champion);
  g_ptr_array_add (contacts, buyer);
  roles = rd_delay_roles_new_from_contacts (contacts);

  rd_delay_set_cause (delay, RD_CAUSE_BUDGET);
  rd_delay_add_statement (delay, rd_statement_new (rd_contact_get_id (champion), "Next quarter",
                                                   RD_SIGNAL_BIT (RD_SIGNAL_OFFERED_TIMELINE)));
  rd_delay_add_statement (delay, rd_statement_new (rd_contact_get_id (buyer), "",
                                                   RD_SIGNAL_BIT (RD_SIGNAL_RADIO_SILENCE)));
  g_assert_true (rd_date_parse ("2026-11-10", &today));
  g_assert_true (rd_date_parse ("2027-03-01", &deadline));

  result = rd_delay_classify_as_of (delay, &deadline, roles, &today);
  text = rd_classification_explain (result);
  g_assert_cmpstr (text, ==,
                   "decision — the economic buyer went quiet; the stakeholders tell different stories");
  /* computed, not stored: the document does not change */
  g_assert_cmpint (rd_delay_get_classification (delay), ==, RD_CLASS_DECISION);
  g_assert_cmpint (rd_delay_get_score (delay), ==, 0);

  /* a yes to "are they evaluating other options?" is a strong sign */
  rd_delay_set_answer (delay, RD_QUESTION_ALTERNATIVES, "Yes — two vendors demoed last week");
  g_assert_true (rd_delay_get_all_signals (delay) & RD_SIGNAL_BIT (RD_SIGNAL_EVALUATING_ALTERNATIVES));
  g_assert_false (rd_delay_get_signals (delay) & RD_SIGNAL_BIT (RD_SIGNAL_EVALUATING_ALTERNATIVES));
  g_clear_pointer (&result, rd_classification_free);
  result = rd_delay_classify_as_of (delay, &deadline, roles, &today);
  g_assert_cmpint (result->klass, ==, RD_CLASS_RISK);
  rd_delay_set_answer (delay, RD_QUESTION_ALTERNATIVES, "No");

  /* the same through the context the store hands out: its counts only
   * order the score */
  context_init (&context, "2026-11-10", "2027-03-01");
  context.extensions = 2;
  g_clear_pointer (&result, rd_classification_free);
  result = rd_delay_classify_in_context (delay, &context, roles);
  g_assert_cmpint (result->klass, ==, RD_CLASS_DECISION);
  g_assert_nonnull (strstr (g_ptr_array_index (result->reasons, 0), "economic buyer"));

  /* past the deadline: risk, today; but judged when it was resolved, not */
  g_assert_true (rd_date_parse ("2027-03-02", &today));
  g_clear_pointer (&result, rd_classification_free);
  result = rd_delay_classify_as_of (delay, &deadline, roles, &today);
  g_assert_cmpint (result->klass, ==, RD_CLASS_RISK);
  rd_delay_resolve (delay, "2027-02-20", "Renewed", NULL);
  rd_delay_get_as_of (delay, &today, &as_of);
  g_assert_cmpint (g_date_get_day (&as_of), ==, 20);
  g_clear_pointer (&result, rd_classification_free);
  result = rd_delay_classify_as_of (delay, &deadline, roles, &today);
  g_assert_cmpint (result->klass, ==, RD_CLASS_DECISION);

  /* without roles the statements are still told apart */
  g_clear_pointer (&result, rd_classification_free);
  g_clear_pointer (&text, g_free);
  result = rd_delay_classify_as_of (delay, NULL, NULL, &today);
  text = rd_classification_explain (result);
  g_assert_nonnull (strstr (text, "a stakeholder went quiet"));
}

static void
test_override_wins (void)
{
  g_autoptr(RdDelay) delay = make_full_delay ();
  g_autoptr(RdClassification) result = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(RdDelay) back = NULL;
  RdDelayContext context;

  context_init (&context, "2026-11-10", "2027-02-01");
  result = rd_delay_classify (delay, &context);
  g_assert_cmpint (result->klass, ==, RD_CLASS_ADMINISTRATIVE);

  rd_delay_set_override (delay, RD_CLASS_RISK, "Their CFO mentioned a competitor at lunch");
  g_assert_cmpint (rd_delay_get_classification (delay), ==, RD_CLASS_ADMINISTRATIVE);
  g_assert_cmpint (rd_delay_get_effective_class (delay), ==, RD_CLASS_RISK);

  doc = rd_delay_to_document (delay);
  g_assert_cmpstr (json_object_get_string_member (doc, "classification"), ==, "administrative");
  g_assert_cmpstr (json_object_get_string_member (doc, "classification_override"), ==, "risk");
  g_assert_cmpstr (json_object_get_string_member (doc, "override_note"), ==,
                   "Their CFO mentioned a competitor at lunch");

  back = rd_delay_new_from_document (doc, NULL);
  g_assert_cmpint (rd_delay_get_effective_class (back), ==, RD_CLASS_RISK);

  /* clearing the override drops the note too */
  rd_delay_set_override (back, -1, "ignored");
  g_assert_cmpint (rd_delay_get_effective_class (back), ==, RD_CLASS_ADMINISTRATIVE);
  g_assert_null (rd_delay_get_text (back, "override_note"));
}

static void
test_resolve (void)
{
  g_autoptr(RdDelay) delay = make_full_delay ();
  g_autoptr(JsonObject) doc = NULL;

  rd_delay_resolve (delay, "2026-12-01", "Signed a 12-month renewal",
                    "Cause: fiscal year timing. Next time: send the quote before October.");
  doc = rd_delay_to_document (delay);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (doc, "resolved_on"), ==, "2026-12-01");
  g_assert_cmpstr (json_object_get_string_member (doc, "outcome"), ==, "Signed a 12-month renewal");

  rd_delay_reopen (delay);
  g_assert_cmpint (rd_delay_get_status (delay), ==, RD_DELAY_STATUS_OPEN);
  g_assert_null (rd_delay_get_resolved_on (delay));
}

typedef struct
{
  char      *dir;
  RdStore   *store;
  RdAccount *account;
  RdContact *champion;
  RdContact *buyer;
} StoreFixture;

static void
store_setup (StoreFixture  *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GDate today;
  g_autofree char *end = NULL;

  f->dir = g_dir_make_tmp ("rd-delay-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = rd_store_new (path, NULL, &error);
  g_assert_no_error (error);

  /* The contract ends 200 days from now: far, but not unknown. */
  rd_date_today (&today);
  g_date_add_days (&today, 200);
  end = rd_date_to_string (&today);

  f->account = rd_account_new ();
  rd_account_set_name (f->account, "Kawasaki Seimitsu K.K.");
  rd_account_set_currency (f->account, "JPY");
  rd_account_set_contract_end (f->account, end);
  g_assert_true (rd_store_save_account (f->store, f->account, &error));
  g_assert_no_error (error);

  f->champion = rd_contact_new (rd_account_get_id (f->account));
  rd_contact_set_name (f->champion, "Sato Emi");
  rd_contact_set_role (f->champion, RD_ROLE_CHAMPION);
  g_assert_true (rd_store_save_contact (f->store, f->champion, &error));
  f->buyer = rd_contact_new (rd_account_get_id (f->account));
  rd_contact_set_name (f->buyer, "Tanaka Ken");
  rd_contact_set_role (f->buyer, RD_ROLE_ECONOMIC_BUYER);
  g_assert_true (rd_store_save_contact (f->store, f->buyer, &error));
  g_assert_no_error (error);
}

static void
store_teardown (StoreFixture  *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "test.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->champion);
  g_clear_object (&f->buyer);
  g_clear_object (&f->account);
  g_clear_object (&f->store);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static RdAccount *
reload_account (StoreFixture *f)
{
  g_autoptr(GError) error = NULL;
  RdAccount *account = rd_store_get_account (f->store, rd_account_get_id (f->account), &error);

  g_assert_no_error (error);
  return account;
}

static gboolean
events_mention (StoreFixture *f,
                const char   *needle)
{
  g_autoptr(GPtrArray) events = rd_store_list_events (f->store, rd_account_get_id (f->account), NULL);

  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *summary = rd_history_describe (g_ptr_array_index (events, i));

      if (strstr (summary, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_store_save_classifies (StoreFixture  *f,
                            gconstpointer  data)
{
  g_autoptr(RdDelay) delay = rd_delay_new (rd_account_get_id (f->account));
  g_autoptr(RdDelay) saved = NULL;
  g_autoptr(RdDelay) resaved = NULL;
  g_autoptr(RdAccount) account = NULL;
  g_autoptr(GPtrArray) delays = NULL;
  g_autoptr(GError) error = NULL;

  rd_delay_set_cause (delay, RD_CAUSE_BUDGET);
  rd_delay_set_contact_id (delay, rd_contact_get_id (f->champion));
  rd_delay_add_statement (delay, rd_statement_new (rd_contact_get_id (f->champion),
                                                   "Procurement backlog",
                                                   RD_SIGNAL_BIT (RD_SIGNAL_SPECIFIC_EXPLANATION)));
  saved = rd_store_save_delay (f->store, delay, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_delay_get_classification (saved), ==, RD_CLASS_ADMINISTRATIVE);
  g_assert_cmpint (rd_delay_get_score (saved), <=, 33);
  g_assert_true (events_mention (f, "logged"));

  account = reload_account (f);
  g_assert_cmpint (rd_account_get_delay_class (account), ==, RD_CLASS_ADMINISTRATIVE);
  g_clear_object (&account);

  /* The economic buyer goes silent and the budget worry appears: risk. */
  rd_delay_add_statement (saved, rd_statement_new (rd_contact_get_id (f->buyer), "",
                                                   RD_SIGNAL_BIT (RD_SIGNAL_RADIO_SILENCE) |
                                                   RD_SIGNAL_BIT (RD_SIGNAL_SUDDEN_BUDGET_CONCERN)));
  resaved = rd_store_save_delay (f->store, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_delay_get_classification (resaved), ==, RD_CLASS_RISK);
  g_assert_true (events_mention (f, "Classification changed from Administrative to Risk"));

  delays = rd_store_list_delays (f->store, rd_account_get_id (f->account), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (delays->len, ==, 1);
  g_assert_cmpuint (rd_delay_get_statements (g_ptr_array_index (delays, 0))->len, ==, 2);

  account = reload_account (f);
  g_assert_cmpint (rd_account_get_delay_class (account), ==, RD_CLASS_RISK);
}

static void
test_store_override_everywhere (StoreFixture  *f,
                                gconstpointer  data)
{
  g_autoptr(RdDelay) delay = rd_delay_new (rd_account_get_id (f->account));
  g_autoptr(RdDelay) saved = NULL;
  g_autoptr(RdDelay) overridden = NULL;
  g_autoptr(RdAccount) account = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  rd_delay_set_cause (delay, RD_CAUSE_PRIORITY);
  rd_delay_set_signal (delay, RD_SIGNAL_APOLOGETIC, TRUE);
  saved = rd_store_save_delay (f->store, delay, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_delay_get_effective_class (saved), ==, RD_CLASS_ADMINISTRATIVE);

  rd_delay_set_override (saved, RD_CLASS_DECISION, "New CFO since Monday");
  overridden = rd_store_save_delay (f->store, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_delay_get_classification (overridden), ==, RD_CLASS_ADMINISTRATIVE);
  g_assert_cmpint (rd_delay_get_effective_class (overridden), ==, RD_CLASS_DECISION);

  /* portfolio */
  account = reload_account (f);
  g_assert_cmpint (rd_account_get_delay_class (account), ==, RD_CLASS_DECISION);

  /* export */
  docs = rd_store_export_documents (f->store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      if (g_str_equal (json_object_get_string_member (doc, "type"), "delay"))
        {
          g_assert_cmpstr (json_object_get_string_member (doc, "classification"), ==, "administrative");
          g_assert_cmpstr (json_object_get_string_member (doc, "classification_override"), ==, "decision");
          g_assert_cmpstr (json_object_get_string_member (doc, "override_note"), ==, "New CFO since Monday");
        }
    }
}

static void
test_store_import_recomputes (StoreFixture  *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(RdDelay) delay = rd_delay_new (rd_account_get_id (f->account));
  g_autoptr(RdDelay) stored = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *doc;

  /* A file claiming "administrative" for a shopping customer is corrected. */
  rd_delay_set_cause (delay, RD_CAUSE_SHOPPING);
  doc = rd_delay_to_document (delay);
  json_object_set_string_member (doc, "classification", "administrative");
  json_object_set_int_member (doc, "score", 3);
  g_ptr_array_add (docs, doc);

  g_assert_true (rd_store_import_documents (f->store, docs, &error));
  g_assert_no_error (error);

  stored = rd_store_get_delay (f->store, rd_delay_get_id (delay), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_delay_get_classification (stored), ==, RD_CLASS_RISK);
  g_assert_cmpint (rd_delay_get_score (stored), >=, 67);
}

static void
test_store_resolve_and_delete (StoreFixture  *f,
                               gconstpointer  data)
{
  g_autoptr(RdDelay) delay = rd_delay_new (rd_account_get_id (f->account));
  g_autoptr(RdDelay) saved = NULL;
  g_autoptr(RdDelay) resolved = NULL;
  g_autoptr(RdAccount) account = NULL;
  g_autoptr(GPtrArray) delays = NULL;
  g_autoptr(GError) error = NULL;

  rd_delay_set_cause (delay, RD_CAUSE_STAKEHOLDERS);
  saved = rd_store_save_delay (f->store, delay, &error);
  g_assert_no_error (error);

  rd_delay_resolve (saved, "2026-11-22", "Renewed after a joint call",
                    "Cause: no single approver. Next time: map approvers at kickoff.");
  resolved = rd_store_save_delay (f->store, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_delay_get_status (resolved), ==, RD_DELAY_STATUS_RESOLVED);
  g_assert_true (events_mention (f, "Status changed from Open to Resolved"));

  /* a resolved delay is not the account's current delay */
  account = reload_account (f);
  g_assert_cmpint (rd_account_get_delay_class (account), ==, -1);

  g_assert_true (rd_store_delete_delay (f->store, rd_delay_get_id (saved), &error));
  delays = rd_store_list_delays (f->store, rd_account_get_id (f->account), &error);
  g_assert_cmpuint (delays->len, ==, 0);
  g_clear_pointer (&delays, g_ptr_array_unref);

  g_assert_true (rd_store_undelete_delay (f->store, rd_delay_get_id (saved), &error));
  delays = rd_store_list_delays (f->store, rd_account_get_id (f->account), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (delays->len, ==, 1);
}

static void
test_store_context (StoreFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(RdDelay) first = rd_delay_new (rd_account_get_id (f->account));
  g_autoptr(RdDelay) saved = NULL;
  g_autoptr(GError) error = NULL;
  RdDelayContext context;

  saved = rd_store_save_delay (f->store, first, &error);
  g_assert_no_error (error);

  g_assert_true (rd_store_get_delay_context (f->store, rd_account_get_id (f->account), NULL,
                                             &context, &error));
  g_assert_cmpstr (context.deadline, ==, rd_account_get_contract_end (f->account));
  g_assert_cmpuint (context.other_open_delays, ==, 1);
  g_assert_false (context.champion_changed);

  /* the champion leaves */
  rd_contact_set_active (f->champion, FALSE);
  g_assert_true (rd_store_save_contact (f->store, f->champion, &error));
  g_assert_true (rd_store_get_delay_context (f->store, rd_account_get_id (f->account),
                                             rd_delay_get_id (first), &context, &error));
  g_assert_cmpuint (context.other_open_delays, ==, 0);
  g_assert_true (context.champion_changed);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/delay/document/shape", test_document_shape);
  g_test_add_func ("/delay/document/roundtrip", test_document_roundtrip);
  g_test_add_func ("/delay/document/rejects", test_document_rejects);
  g_test_add_func ("/delay/classify/triangulation", test_triangulation);
  g_test_add_func ("/delay/classify/missed-commitments", test_missed_commitments);
  g_test_add_func ("/delay/classify/as-of", test_classify_as_of);
  g_test_add_func ("/delay/override/wins", test_override_wins);
  g_test_add_func ("/delay/resolve", test_resolve);

  g_test_add ("/delay/store/save-classifies", StoreFixture, NULL, store_setup,
              test_store_save_classifies, store_teardown);
  g_test_add ("/delay/store/override-everywhere", StoreFixture, NULL, store_setup,
              test_store_override_everywhere, store_teardown);
  g_test_add ("/delay/store/import-recomputes", StoreFixture, NULL, store_setup,
              test_store_import_recomputes, store_teardown);
  g_test_add ("/delay/store/resolve-and-delete", StoreFixture, NULL, store_setup,
              test_store_resolve_and_delete, store_teardown);
  g_test_add ("/delay/store/context", StoreFixture, NULL, store_setup,
              test_store_context, store_teardown);

  return g_test_run ();
}
