/* test-enums.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rd-enums.h"

static const RdEnumTable *tables[] = {
  &rd_stage_table, &rd_status_table, &rd_level_table, &rd_role_table, &rd_cause_table,
  &rd_class_table, &rd_signal_table, &rd_delay_status_table, &rd_customer_answer_table,
  &rd_plan_status_table, &rd_horizon_table, &rd_bridge_kind_table, &rd_bridge_status_table,
  &rd_loss_reason_table, &rd_reminder_kind_table, &rd_risk_band_table,
};

static void
test_enums_roundtrip (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const RdEnumTable *table = tables[t];

      g_assert_cmpuint (table->n_entries, >, 0);
      for (guint i = 0; i < table->n_entries; i++)
        {
          const char *id = rd_enum_table_id (table, (int) i);

          g_assert_nonnull (id);
          g_assert_cmpint (rd_enum_table_lookup (table, id), ==, (int) i);
          g_assert_nonnull (rd_enum_table_label (table, (int) i));

          /* Ids are stable snake_case strings. */
          for (const char *p = id; *p; p++)
            g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_');
        }
    }
}

static void
test_enums_unknown (void)
{
  g_assert_cmpint (rd_enum_table_lookup (&rd_stage_table, NULL), ==, -1);
  g_assert_cmpint (rd_enum_table_lookup (&rd_stage_table, "Maturing"), ==, -1);
  g_assert_cmpint (rd_enum_table_lookup (&rd_stage_table, ""), ==, -1);
  g_assert_null (rd_enum_table_id (&rd_stage_table, -1));
  g_assert_null (rd_enum_table_id (&rd_stage_table, 4));
  g_assert_null (rd_enum_table_label (&rd_role_table, 99));
}

static void
test_enums_design_ids (void)
{
  g_assert_cmpint (rd_enum_table_lookup (&rd_stage_table, "maturing"), ==, RD_STAGE_MATURING);
  g_assert_cmpint (rd_enum_table_lookup (&rd_status_table, "expected_churn"), ==,
                   RD_STATUS_EXPECTED_CHURN);
  g_assert_cmpint (rd_enum_table_lookup (&rd_role_table, "economic_buyer"), ==,
                   RD_ROLE_ECONOMIC_BUYER);
  g_assert_cmpint (rd_enum_table_lookup (&rd_horizon_table, "48h"), ==, RD_HORIZON_48H);
  g_assert_cmpint (rd_enum_table_lookup (&rd_signal_table, "strained_relationship"), ==,
                   RD_SIGNAL_STRAINED_RELATIONSHIP);
  g_assert_true (RD_SIGNAL_IS_GOOD (RD_SIGNAL_ASKS_NEXT_STEPS));
  g_assert_false (RD_SIGNAL_IS_GOOD (RD_SIGNAL_VAGUE));
  g_assert_cmpuint (rd_reminder_kind_table.n_entries, ==, 12);
  g_assert_cmpuint (rd_signal_table.n_entries, ==, 14);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/enums/roundtrip", test_enums_roundtrip);
  g_test_add_func ("/core/enums/unknown", test_enums_unknown);
  g_test_add_func ("/core/enums/design-ids", test_enums_design_ids);

  return g_test_run ();
}
