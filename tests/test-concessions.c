/* test-concessions.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-concessions.h"

typedef struct
{
  const char *kind;
  const char *status;
  const char *starts_on;
  const char *ends_on;
  gint64      price_minor;
} BridgeRow;

/* Worked by hand on an annual value of 1,000,000 (a day is 1,000,000 / 365
 * = 2,739.726…): a pilot of 90 days at half price gives away 246,575.34 −
 * 123,288 = 123,288 (rounded once: 90A/365 = 246,575 → − 123,288); 15 free
 * days are 41,096; a 30-day extension at list price gives nothing away, and
 * one sold at 70,000 gives 82,192 − 70,000 = 12,192; fees and premiums are
 * never negative concessions. */
typedef struct
{
  gint64      annual;
  BridgeRow   bridges[4];
  const char *levers[3];
  int         threshold;
  gint64      total;
  int         share_tenths;
  gboolean    over;
  guint       n_items;
} LedgerCase;

static const LedgerCase cases[] = {
  /* nothing granted */
  { 1000000, { { NULL } }, { NULL }, 15, 0, 0, FALSE, 0 },
  /* at list price: no concession */
  { 1000000, { { "extension_30", "accepted", "2026-03-02", "2026-03-31", 82192 } }, { NULL }, 15, 0, 0, FALSE, 0 },
  /* the fee and the premium are charges, not negative concessions */
  { 1000000, { { "extension_60", "accepted", "2026-03-02", "2026-04-30", 214384 },
               { "month_to_month", "accepted", "2026-05-01", "2026-05-31", 100000 } },
    { NULL }, 15, 0, 0, FALSE, 0 },
  /* a discount on an extension */
  { 1000000, { { "extension_30", "accepted", "2026-03-02", "2026-03-31", 70000 } }, { NULL }, 15, 12192, 12, FALSE, 1 },
  /* grace: 15 free days at the daily rate */
  { 1000000, { { "grace_period", "accepted", "2026-03-02", "2026-03-16", 0 } }, { NULL }, 15, 41096, 41, FALSE, 1 },
  /* the pilot's reduction: 12.3 %, under 15 % */
  { 1000000, { { "paid_pilot_90", "accepted", "2026-03-02", "2026-05-30", 123288 } }, { NULL }, 15, 123287, 123, FALSE, 1 },
  /* pilot and grace: 16.4 %, over 15 % */
  { 1000000, { { "paid_pilot_90", "accepted", "2026-03-02", "2026-05-30", 123288 },
               { "grace_period", "accepted", "2026-05-31", "2026-06-14", 0 } },
    { NULL }, 15, 164383, 164, TRUE, 2 },
  /* the same under a 20 % threshold */
  { 1000000, { { "paid_pilot_90", "accepted", "2026-03-02", "2026-05-30", 123288 },
               { "grace_period", "accepted", "2026-05-31", "2026-06-14", 0 } },
    { NULL }, 20, 164383, 164, FALSE, 2 },
  /* proposed and declined ones are not granted */
  { 1000000, { { "paid_pilot_90", "proposed", "2026-03-02", "2026-05-30", 123288 },
               { "grace_period", "declined", "2026-03-02", "2026-03-16", 0 } },
    { NULL }, 15, 0, 0, FALSE, 0 },
  /* levers are listed, not valued */
  { 1000000, { { NULL } }, { "Early access to new features", "  ", "A three-month payment holiday" },
    15, 0, 0, FALSE, 2 },
  /* exactly at the threshold is not above it: 150,000 of 1,000,000 */
  { 1000000, { { "extension_30", "accepted", "2026-03-02", "2026-03-31", -67808 } }, { NULL }, 15, 150000, 150, FALSE, 1 },
  /* no annual value: nothing to value and no share */
  { 0, { { "grace_period", "accepted", "2026-03-02", "2026-03-16", 0 } }, { NULL }, 15, 0, -1, FALSE, 0 },
  /* yen, no minor digits: 365 a year is 1 a day */
  { 365, { { "grace_period", "accepted", "2026-03-02", "2026-03-31", 0 } }, { NULL }, 5, 30, 82, TRUE, 1 },
};

static void
test_ledger_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const LedgerCase *c = &cases[i];
      g_autoptr(GPtrArray) bridges = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autoptr(GPtrArray) levers = g_ptr_array_new ();
      g_autoptr(RdConcessionLedger) ledger = NULL;

      for (guint b = 0; b < G_N_ELEMENTS (c->bridges) && c->bridges[b].kind != NULL; b++)
        {
          JsonObject *doc = json_object_new ();
          g_autofree char *id = g_strdup_printf ("bridge:%u", b);

          json_object_set_string_member (doc, "_id", id);
          json_object_set_string_member (doc, "type", "bridge");
          json_object_set_string_member (doc, "kind", c->bridges[b].kind);
          json_object_set_string_member (doc, "status", c->bridges[b].status);
          json_object_set_string_member (doc, "starts_on", c->bridges[b].starts_on);
          json_object_set_string_member (doc, "ends_on", c->bridges[b].ends_on);
          json_object_set_int_member (doc, "price_minor", c->bridges[b].price_minor);
          g_ptr_array_add (bridges, doc);
        }
      for (guint l = 0; l < G_N_ELEMENTS (c->levers) && c->levers[l] != NULL; l++)
        g_ptr_array_add (levers, (gpointer) c->levers[l]);
      g_ptr_array_add (levers, NULL);

      g_test_message ("case %u", i);
      ledger = rd_concessions_compute (c->annual, bridges, (const char * const *) levers->pdata,
                                       c->threshold);
      g_assert_nonnull (ledger);
      g_assert_cmpint (ledger->total_minor, ==, c->total);
      g_assert_cmpint (ledger->share_tenths, ==, c->share_tenths);
      g_assert_cmpint (ledger->over_threshold, ==, c->over);
      g_assert_cmpuint (ledger->items->len, ==, c->n_items);
    }
}

static void
test_ledger_items (void)
{
  g_autoptr(GPtrArray) bridges = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const char *levers[] = { "Training or services at no charge", NULL };
  g_autoptr(RdConcessionLedger) ledger = NULL;
  JsonObject *grace = json_object_new ();
  RdConcession *item;

  json_object_set_string_member (grace, "_id", "bridge:g");
  json_object_set_string_member (grace, "kind", "grace_period");
  json_object_set_string_member (grace, "status", "accepted");
  json_object_set_string_member (grace, "starts_on", "2028-02-15");
  json_object_set_string_member (grace, "ends_on", "2028-03-05");  /* over 29 Feb: 20 days */
  g_ptr_array_add (bridges, grace);

  ledger = rd_concessions_compute (3650000, bridges, levers, 15);
  g_assert_cmpuint (ledger->items->len, ==, 2);
  item = g_ptr_array_index (ledger->items, 0);
  g_assert_cmpint (item->kind, ==, RD_CONCESSION_FREE_DAYS);
  g_assert_cmpint (item->days, ==, 20);
  g_assert_cmpint (item->value_minor, ==, 200000);
  g_assert_cmpstr (item->source_id, ==, "bridge:g");
  item = g_ptr_array_index (ledger->items, 1);
  g_assert_cmpint (item->kind, ==, RD_CONCESSION_LEVER);
  g_assert_cmpstr (item->lever, ==, "Training or services at no charge");
  g_assert_cmpint (item->value_minor, ==, 0);
  g_assert_cmpuint (ledger->n_levers, ==, 1);
}

static void
test_share_format (void)
{
  g_autofree char *a = rd_concessions_format_share (164);
  g_autofree char *b = rd_concessions_format_share (5);
  g_autofree char *c = rd_concessions_format_share (-1);

  g_assert_cmpstr (a, ==, "16.4 %");
  g_assert_cmpstr (b, ==, "0.5 %");
  g_assert_cmpstr (c, ==, "—");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/concessions/ledger/table", test_ledger_table);
  g_test_add_func ("/concessions/ledger/items", test_ledger_items);
  g_test_add_func ("/concessions/share-format", test_share_format);

  return g_test_run ();
}
