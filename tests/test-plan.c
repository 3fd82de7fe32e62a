/* test-plan.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-document.h"
#include "rd-plan.h"

static void
test_due_defaults (void)
{
  static const struct { const char *start; RdHorizon horizon; const char *due; } cases[] = {
    { "2026-03-01", RD_HORIZON_48H, "2026-03-03" },
    { "2026-03-01", RD_HORIZON_30D, "2026-03-31" },
    { "2026-03-01", RD_HORIZON_90D, "2026-05-30" },
    { "2028-02-28", RD_HORIZON_48H, "2028-03-01" },   /* through a leap day */
    { "2027-02-28", RD_HORIZON_48H, "2027-03-02" },
    { "2026-12-31", RD_HORIZON_30D, "2027-01-30" },
    { "2026-12-31", RD_HORIZON_90D, "2027-03-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *due = rd_plan_default_due (cases[i].start, cases[i].horizon);

      g_assert_cmpstr (due, ==, cases[i].due);
    }
  g_assert_null (rd_plan_default_due (NULL, RD_HORIZON_48H));
  g_assert_null (rd_plan_default_due ("tomorrow", RD_HORIZON_48H));
  g_assert_cmpint (rd_plan_horizon_days (RD_HORIZON_48H), ==, 2);
  g_assert_cmpint (rd_plan_horizon_days (RD_HORIZON_30D), ==, 30);
  g_assert_cmpint (rd_plan_horizon_days (RD_HORIZON_90D), ==, 90);
}

static void
set_status (JsonObject  *plan,
            RdPlanStatus status)
{
  json_object_set_string_member (plan, "status", rd_enum_table_id (&rd_plan_status_table, status));
}

static void
test_transitions (void)
{
  g_autoptr(JsonObject) plan = rd_plan_new_document ("acc", NULL, "2026-03-01");
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  static const struct { RdPlanStatus from, to; gboolean all_done; gboolean ok; } table[] = {
    { RD_PLAN_STATUS_DRAFT,  RD_PLAN_STATUS_ACTIVE, FALSE, TRUE },
    { RD_PLAN_STATUS_DRAFT,  RD_PLAN_STATUS_MET,    TRUE,  FALSE },
    { RD_PLAN_STATUS_DRAFT,  RD_PLAN_STATUS_FAILED, FALSE, TRUE },
    { RD_PLAN_STATUS_ACTIVE, RD_PLAN_STATUS_MET,    TRUE,  TRUE },
    { RD_PLAN_STATUS_ACTIVE, RD_PLAN_STATUS_MET,    FALSE, FALSE },
    { RD_PLAN_STATUS_ACTIVE, RD_PLAN_STATUS_FAILED, FALSE, TRUE },
    { RD_PLAN_STATUS_ACTIVE, RD_PLAN_STATUS_DRAFT,  FALSE, FALSE },
    { RD_PLAN_STATUS_MET,    RD_PLAN_STATUS_FAILED, TRUE,  FALSE },
    { RD_PLAN_STATUS_MET,    RD_PLAN_STATUS_ACTIVE, TRUE,  FALSE },
    { RD_PLAN_STATUS_FAILED, RD_PLAN_STATUS_ACTIVE, FALSE, FALSE },
    { RD_PLAN_STATUS_FAILED, RD_PLAN_STATUS_MET,    TRUE,  FALSE },
    { RD_PLAN_STATUS_ACTIVE, RD_PLAN_STATUS_ACTIVE, FALSE, TRUE },
  };

  g_assert_cmpint (rd_plan_get_status (plan), ==, RD_PLAN_STATUS_DRAFT);
  g_ptr_array_add (steps, rd_plan_step_new_document ("p", RD_HORIZON_48H, "Call", NULL, "2026-03-03"));
  g_ptr_array_add (steps, rd_plan_step_new_document ("p", RD_HORIZON_30D, "Fix", "Ann", "2026-03-31"));

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      gboolean ok;

      set_status (plan, table[i].from);
      for (guint s = 0; s < steps->len; s++)
        {
          if (table[i].all_done)
            json_object_set_string_member (g_ptr_array_index (steps, s), "done_on", "2026-03-05");
          else
            json_object_remove_member (g_ptr_array_index (steps, s), "done_on");
        }
      ok = rd_plan_can_transition (plan, steps, table[i].to, &error);
      g_test_message ("%u: %d → %d", i, table[i].from, table[i].to);
      g_assert_cmpint (ok, ==, table[i].ok);
      if (ok)
        g_assert_no_error (error);
      else
        g_assert_nonnull (error);
      g_clear_error (&error);
    }

  /* Activation needs steps and the conditions. */
  set_status (plan, RD_PLAN_STATUS_DRAFT);
  g_assert_false (rd_plan_can_transition (plan, none, RD_PLAN_STATUS_ACTIVE, NULL));
  json_object_set_int_member (plan, "check_in_days", 0);
  g_assert_false (rd_plan_can_transition (plan, steps, RD_PLAN_STATUS_ACTIVE, NULL));
  json_object_set_int_member (plan, "check_in_days", 7);
  json_object_remove_member (plan, "started_on");
  g_assert_false (rd_plan_can_transition (plan, steps, RD_PLAN_STATUS_ACTIVE, NULL));
}

static void
test_progress (void)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_assert_cmpfloat (rd_plan_progress (NULL), ==, 0.0);
  g_assert_cmpfloat (rd_plan_progress (steps), ==, 0.0);
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (steps, rd_plan_step_new_document ("p", RD_HORIZON_30D, "Step", NULL, NULL));
  g_assert_cmpfloat (rd_plan_progress (steps), ==, 0.0);
  json_object_set_string_member (g_ptr_array_index (steps, 0), "done_on", "2026-03-02");
  g_assert_cmpfloat (rd_plan_progress (steps), ==, 0.25);
  json_object_set_string_member (g_ptr_array_index (steps, 2), "done_on", "2026-03-04");
  g_assert_cmpuint (rd_plan_count_done (steps), ==, 2);
  g_assert_cmpfloat (rd_plan_progress (steps), ==, 0.5);
  json_object_set_string_member (g_ptr_array_index (steps, 2), "done_on", "");
  g_assert_cmpfloat (rd_plan_progress (steps), ==, 0.25);
}

static void
test_templates (void)
{
  for (int cause = 0; cause <= RD_CAUSE_SHOPPING; cause++)
    {
      guint n = 0;
      const RdPlanStepTemplate *t = rd_plan_templates_for_cause (cause, &n);
      gboolean seen[3] = { FALSE, FALSE, FALSE };

      g_assert_cmpuint (n, >=, 3);
      for (guint i = 0; i < n; i++)
        {
          g_assert_nonnull (t[i].title);
          seen[t[i].horizon] = TRUE;
        }
      g_assert_true (seen[0] && seen[1] && seen[2]);
    }

  /* A hidden problem starts with listening, within 48 hours. */
  {
    const RdPlanStepTemplate *t = rd_plan_templates_for_cause (RD_CAUSE_HIDDEN_PROBLEM, NULL);

    g_assert_cmpint (t[0].horizon, ==, RD_HORIZON_48H);
    g_assert_nonnull (strstr (t[0].title, "listening call"));
  }
  /* A budget delay goes to procurement and the forms. */
  {
    guint n;
    const RdPlanStepTemplate *t = rd_plan_templates_for_cause (RD_CAUSE_BUDGET, &n);

    g_assert_nonnull (strstr (t[0].title, "procurement"));
    g_assert_nonnull (strstr (t[1].title, "forms"));
  }
}

static void
test_from_template (void)
{
  g_autoptr(GPtrArray) docs = rd_plan_new_from_template ("11111111-1111-4111-8111-111111111111",
                                                         "33333333-3333-4333-8333-333333333333",
                                                         RD_CAUSE_HIDDEN_PROBLEM, "2026-03-01", "Ann");
  JsonObject *plan = g_ptr_array_index (docs, 0);
  const char *plan_uuid = rd_document_uuid (plan);

  g_assert_cmpuint (docs->len, ==, 5);
  g_assert_cmpstr (json_object_get_string_member (plan, "type"), ==, "plan");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (plan, "_id"), "plan:"));
  g_assert_cmpstr (json_object_get_string_member (plan, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (plan, "customer_answer"), ==, "not_asked");
  g_assert_cmpstr (json_object_get_string_member (plan, "delay_id"), ==,
                   "33333333-3333-4333-8333-333333333333");
  g_assert_true (rd_document_validate (plan, NULL));

  for (guint i = 1; i < docs->len; i++)
    {
      JsonObject *step = g_ptr_array_index (docs, i);
      RdHorizon horizon = rd_enum_table_lookup (&rd_horizon_table,
                                                json_object_get_string_member (step, "horizon"));
      g_autofree char *due = rd_plan_default_due ("2026-03-01", horizon);

      g_assert_true (rd_document_validate (step, NULL));
      g_assert_cmpstr (json_object_get_string_member (step, "plan_id"), ==, plan_uuid);
      g_assert_cmpstr (json_object_get_string_member (step, "due_on"), ==, due);
      g_assert_cmpstr (json_object_get_string_member (step, "owner"), ==, "Ann");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/due-defaults", test_due_defaults);
  g_test_add_func ("/plan/transitions", test_transitions);
  g_test_add_func ("/plan/progress", test_progress);
  g_test_add_func ("/plan/templates", test_templates);
  g_test_add_func ("/plan/from-template", test_from_template);

  return g_test_run ();
}
