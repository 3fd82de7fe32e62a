/* test-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-bridge-record.h"
#include "rd-concern-record.h"
#include "rd-document.h"
#include "rd-event-record.h"
#include "rd-loss-record.h"
#include "rd-plan.h"
#include "rd-plan-record.h"
#include "rd-plan-step-record.h"
#include "rd-reminder-record.h"
#include "rd-test-util.h"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

static gboolean
documents_equal (JsonObject *a,
                 JsonObject *b)
{
  g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), b);

  return json_node_equal (na, nb);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Every record entity of the fixture: document → record → document gives
 * the same document back, unknown members included. */
static void
test_roundtrip_fixture (void)
{
  g_autoptr(GPtrArray) docs = rd_test_load_fixture ();
  guint n_records = 0;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *type = rd_document_get_string (doc, "type");
      g_autoptr(GError) error = NULL;
      g_autoptr(RdRecord) record = rd_record_new_from_document (doc, &error);
      g_autoptr(JsonObject) back = NULL;
      g_autoptr(RdRecord) copy = NULL;
      g_autoptr(JsonObject) copied = NULL;

      if (record == NULL)
        {
          /* Accounts, contacts and delays have classes of their own. */
          g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_UNKNOWN_TYPE);
          g_assert_true (g_str_equal (type, "account") || g_str_equal (type, "contact") ||
                         g_str_equal (type, "delay"));
          continue;
        }
      n_records++;

      g_assert_no_error (error);
      g_assert_cmpstr (rd_record_get_entity (record), ==, type);
      g_assert_cmpstr (rd_record_get_doc_id (record), ==, rd_document_get_string (doc, "_id"));
      g_assert_cmpstr (rd_record_get_id (record), ==, rd_document_uuid (doc));

      back = rd_record_to_document (record);
      g_assert_true (back != doc);
      g_assert_true (documents_equal (back, doc));

      copy = rd_record_copy (record);
      g_assert_true (G_OBJECT_TYPE (copy) == G_OBJECT_TYPE (record));
      copied = rd_record_to_document (copy);
      g_assert_true (documents_equal (copied, doc));
    }

  g_assert_cmpuint (n_records, ==, 9);
}

static void
test_plan_fields (void)
{
  g_autoptr(JsonObject) doc = parse_object (
    "{\"_id\": \"plan:" PLAN_UUID "\", \"type\": \"plan\", \"_rev\": \"3-abc\","
    " \"account_id\": \"" ACCOUNT_UUID "\", \"delay_id\": \"" DELAY_UUID "\","
    " \"started_on\": \"2026-02-11\", \"timeframe_days\": 90, \"check_in_days\": 14,"
    " \"progress_criteria\": \"Reports under 2 s\", \"customer_answer\": \"yes\","
    " \"status\": \"active\", \"updated_at\": \"2026-02-11T10:00:00Z\","
    " \"x_future\": {\"nested\": [1, 2, null]}}");
  g_autoptr(RdRecord) record = rd_record_new_from_document (doc, NULL);
  RdPlanRecord *plan = RD_PLAN_RECORD (record);
  g_autoptr(JsonObject) back = NULL;
  g_autoptr(JsonObject) expected = NULL;
  gint64 timeframe = 0;
  guint notified = 0;

  g_assert_cmpstr (rd_plan_record_get_account_id (plan), ==, ACCOUNT_UUID);
  g_assert_cmpstr (rd_plan_record_get_delay_id (plan), ==, DELAY_UUID);
  g_assert_cmpstr (rd_plan_record_get_started_on (plan), ==, "2026-02-11");
  g_assert_cmpint (rd_plan_record_get_timeframe_days (plan), ==, 90);
  g_assert_cmpint (rd_plan_record_get_check_in_days (plan), ==, 14);
  g_assert_cmpstr (rd_plan_record_get_progress_criteria (plan), ==, "Reports under 2 s");
  g_assert_cmpint (rd_plan_record_get_customer_answer (plan), ==, RD_ANSWER_YES);
  g_assert_cmpint (rd_plan_record_get_status (plan), ==, RD_PLAN_STATUS_ACTIVE);
  g_assert_cmpstr (rd_record_get_updated_at (record), ==, "2026-02-11T10:00:00Z");

  /* The typed fields are properties too, notified only on a change. */
  g_object_get (plan, "timeframe-days", &timeframe, NULL);
  g_assert_cmpint (timeframe, ==, 90);
  g_signal_connect (plan, "notify", G_CALLBACK (count_notify_cb), &notified);
  rd_plan_record_set_timeframe_days (plan, 90);
  rd_plan_record_set_status (plan, RD_PLAN_STATUS_ACTIVE);
  g_assert_cmpuint (notified, ==, 0);
  g_object_set (plan, "timeframe-days", (gint64) 60, NULL);
  rd_plan_record_set_customer_answer (plan, RD_ANSWER_NO);
  rd_plan_record_set_progress_criteria (plan, "");
  rd_plan_record_set_progress_criteria (plan, NULL);
  g_assert_cmpuint (notified, ==, 3);

  /* Edits change their members only; the rest comes back as it was. */
  back = rd_record_to_document (record);
  expected = parse_object (
    "{\"_id\": \"plan:" PLAN_UUID "\", \"type\": \"plan\", \"_rev\": \"3-abc\","
    " \"account_id\": \"" ACCOUNT_UUID "\", \"delay_id\": \"" DELAY_UUID "\","
    " \"started_on\": \"2026-02-11\", \"timeframe_days\": 60, \"check_in_days\": 14,"
    " \"customer_answer\": \"no\","
    " \"status\": \"active\", \"updated_at\": \"2026-02-11T10:00:00Z\","
    " \"x_future\": {\"nested\": [1, 2, null]}}");
  g_assert_true (documents_equal (back, expected));

  /* The record keeps its own copy: the caller's document is untouched. */
  g_assert_cmpint (json_object_get_int_member (doc, "timeframe_days"), ==, 90);
}

static void
test_defaults (void)
{
  g_autoptr(JsonObject) plan_doc = parse_object (
    "{\"_id\": \"plan:" PLAN_UUID "\", \"type\": \"plan\", \"account_id\": \"" ACCOUNT_UUID "\"}");
  g_autoptr(JsonObject) bridge_doc = parse_object (
    "{\"_id\": \"bridge:77777777-7777-4777-8777-777777777777\", \"type\": \"bridge\","
    " \"account_id\": \"" ACCOUNT_UUID "\"}");
  g_autoptr(JsonObject) concern_doc = parse_object (
    "{\"_id\": \"concern:" CONCERN_UUID "\", \"type\": \"concern\", \"account_id\": \"" ACCOUNT_UUID "\"}");
  g_autoptr(RdRecord) plan = rd_record_new_from_document (plan_doc, NULL);
  g_autoptr(RdRecord) bridge = rd_record_new_from_document (bridge_doc, NULL);
  g_autoptr(RdRecord) concern = rd_record_new_from_document (concern_doc, NULL);

  g_assert_cmpint (rd_plan_record_get_status (RD_PLAN_RECORD (plan)), ==, RD_PLAN_STATUS_DRAFT);
  g_assert_cmpint (rd_plan_record_get_customer_answer (RD_PLAN_RECORD (plan)), ==,
                   RD_ANSWER_NOT_ASKED);
  g_assert_cmpint (rd_plan_record_get_timeframe_days (RD_PLAN_RECORD (plan)), ==, 0);
  g_assert_null (rd_plan_record_get_started_on (RD_PLAN_RECORD (plan)));
  g_assert_cmpint (rd_bridge_record_get_kind (RD_BRIDGE_RECORD (bridge)), ==, -1);
  g_assert_cmpint (rd_bridge_record_get_status (RD_BRIDGE_RECORD (bridge)), ==,
                   RD_BRIDGE_STATUS_PROPOSED);
  g_assert_cmpint (rd_concern_record_get_priority (RD_CONCERN_RECORD (concern)), ==, G_MAXINT);
  g_assert_false (rd_concern_record_get_must_fix (RD_CONCERN_RECORD (concern)));
}

static void
test_invalid (void)
{
  g_autoptr(JsonObject) unknown = parse_object ("{\"_id\": \"widget:1\", \"type\": \"widget\"}");
  g_autoptr(JsonObject) no_id = parse_object ("{\"type\": \"plan\"}");
  g_autoptr(JsonObject) wrong_id = parse_object ("{\"_id\": \"bridge:" PLAN_UUID "\", \"type\": \"plan\"}");
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  RdRecord *record;

  record = rd_record_new_from_document (unknown, &error);
  g_assert_null (record);
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_UNKNOWN_TYPE);
  g_clear_error (&error);

  record = rd_record_new_from_document (no_id, &error);
  g_assert_null (record);
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  record = rd_record_new_from_document (wrong_id, &error);
  g_assert_null (record);
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* All or nothing. */
  g_ptr_array_add (docs, no_id);
  records = rd_records_new_from_documents (docs, &error);
  g_assert_null (records);
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID);
}

static void
test_new_records (void)
{
  g_autoptr(RdConcernRecord) concern = rd_concern_record_new (ACCOUNT_UUID, "Slow reports", 2);
  g_autoptr(JsonObject) doc = rd_record_to_document (RD_RECORD (concern));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plan_and_steps = NULL;
  g_autoptr(RdPlanStepRecord) step = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  RdPlanRecord *plan;

  /* A document the store accepts. */
  g_assert_true (rd_document_validate (doc, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_entity (RD_RECORD (concern)), ==, "concern");
  g_assert_cmpstr (rd_concern_record_get_account_id (concern), ==, ACCOUNT_UUID);
  g_assert_cmpint (rd_concern_record_get_priority (concern), ==, 2);
  g_assert_true (json_object_has_member (doc, "must_fix"));
  g_assert_false (rd_concern_record_get_changes_decision (concern));

  plan_and_steps = rd_plan_record_new_from_template (ACCOUNT_UUID, NULL, RD_CAUSE_BUDGET,
                                                     "2026-03-01", "Anna");
  g_assert_nonnull (plan_and_steps);
  g_assert_cmpuint (plan_and_steps->len, >=, 4);
  plan = g_ptr_array_index (plan_and_steps, 0);
  g_assert_true (RD_IS_PLAN_RECORD (plan));
  for (guint i = 1; i < plan_and_steps->len; i++)
    {
      RdPlanStepRecord *s = g_ptr_array_index (plan_and_steps, i);

      g_assert_true (RD_IS_PLAN_STEP_RECORD (s));
      g_assert_cmpstr (rd_plan_step_record_get_plan_id (s), ==, rd_record_get_id (RD_RECORD (plan)));
      g_ptr_array_add (steps, s);
    }

  step = rd_plan_record_new_step (plan, RD_HORIZON_30D, "Send the benchmark");
  g_assert_cmpstr (rd_plan_step_record_get_due_on (step), ==, "2026-03-31");
  g_assert_cmpint (rd_plan_step_record_get_horizon (step), ==, RD_HORIZON_30D);
  g_assert_false (rd_plan_step_record_is_done (step));

  /* The plan rules, through the records. */
  g_assert_true (rd_plan_record_can_transition (plan, steps, RD_PLAN_STATUS_ACTIVE, NULL));
  g_assert_false (rd_plan_record_can_transition (plan, steps, RD_PLAN_STATUS_MET, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (rd_plan_step_records_count_done (steps), ==, 0);
  rd_plan_step_record_set_done_on (g_ptr_array_index (steps, 0), "2026-03-02");
  g_assert_cmpuint (rd_plan_step_records_count_done (steps), ==, 1);
  g_assert_cmpfloat_with_epsilon (rd_plan_step_records_progress (steps), 1.0 / steps->len, 1e-9);
}

static void
test_bridge_loss_reminder (void)
{
  g_autoptr(GPtrArray) docs = rd_test_load_fixture ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) losses = g_ptr_array_new ();
  g_autoptr(GDateTime) due = NULL;
  RdBridgeRecord *bridge = NULL;
  RdLossRecord *loss = NULL;
  RdReminderRecord *reminder = NULL;
  RdEventRecord *event = NULL;

  /* The fixture minus the entities that are not records. */
  for (guint i = docs->len; i > 0; i--)
    {
      const char *type = rd_document_get_string (g_ptr_array_index (docs, i - 1), "type");

      if (g_str_equal (type, "account") || g_str_equal (type, "contact") ||
          g_str_equal (type, "delay"))
        g_ptr_array_remove_index (docs, i - 1);
    }
  records = rd_records_new_from_documents (docs, NULL);
  g_assert_nonnull (records);
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);

      if (RD_IS_BRIDGE_RECORD (record))
        bridge = RD_BRIDGE_RECORD (record);
      else if (RD_IS_LOSS_RECORD (record))
        loss = RD_LOSS_RECORD (record);
      else if (RD_IS_REMINDER_RECORD (record))
        reminder = RD_REMINDER_RECORD (record);
      else if (RD_IS_EVENT_RECORD (record))
        event = RD_EVENT_RECORD (record);
    }
  g_assert_true (rd_records_find (records, "bridge:77777777-7777-4777-8777-777777777777") ==
                 RD_RECORD (bridge));
  g_assert_true (rd_records_find (records, "77777777-7777-4777-8777-777777777777") ==
                 RD_RECORD (bridge));

  g_assert_cmpint (rd_bridge_record_get_kind (bridge), ==, RD_BRIDGE_EXTENSION_60);
  g_assert_cmpint (rd_bridge_record_get_status (bridge), ==, RD_BRIDGE_STATUS_ACCEPTED);
  g_assert_cmpint (rd_bridge_record_get_price_minor (bridge), ==, 200000000);
  g_assert_null (rd_bridge_record_get_status_on (bridge));
  rd_bridge_record_set_accepted_on (bridge, "2026-03-20");
  g_assert_cmpstr (rd_bridge_record_get_status_on (bridge), ==, "2026-03-20");

  g_assert_cmpint (rd_loss_record_get_reason (loss), ==, RD_LOSS_COMPETITOR);
  g_assert_cmpstr (rd_loss_record_get_reengage_on (loss), ==, "2027-01-15");
  /* Reopened already: not open. */
  g_ptr_array_add (losses, loss);
  g_assert_null (rd_loss_record_find_open (losses));
  rd_loss_record_set_reopened_on (loss, NULL);
  g_assert_true (rd_loss_record_find_open (losses) == loss);

  g_assert_cmpint (rd_reminder_record_get_kind (reminder), ==, RD_REMINDER_DECISION_BY);
  g_assert_cmpstr (rd_reminder_record_get_title (reminder), ==, "Decision");
  g_assert_null (rd_reminder_record_get_account_name (reminder));
  g_assert_nonnull (rd_reminder_record_get_kind_label (reminder));
  due = rd_reminder_record_get_effective_due (reminder);
  g_assert_nonnull (due);
  g_assert_cmpint (g_date_time_get_day_of_month (due), ==, 15);

  g_assert_cmpstr (rd_event_record_get_field (event), ==, "contract_end");
  g_assert_cmpstr (rd_event_record_get_new_value (event), ==, "2026-03-31");
  g_assert_cmpstr (rd_event_record_get_summary (event), ==, "Contract end changed");
  g_assert_cmpstr (rd_event_record_get_created_at (event), ==, "2026-01-05T10:00:00.000Z");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record/roundtrip/fixture", test_roundtrip_fixture);
  g_test_add_func ("/record/plan/fields", test_plan_fields);
  g_test_add_func ("/record/defaults", test_defaults);
  g_test_add_func ("/record/invalid", test_invalid);
  g_test_add_func ("/record/new", test_new_records);
  g_test_add_func ("/record/bridge-loss-reminder-event", test_bridge_loss_reminder);

  return g_test_run ();
}
