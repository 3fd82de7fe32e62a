/* test-lifecycle.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-delay.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
#include "rd-plan.h"
#include "rd-pricing.h"
#include "rd-reminder-refresh.h"
#include "rd-reminders.h"
#include "rd-store.h"
#include "rd-test-util.h"

typedef struct
{
  char      *dir;
  char      *path;
  RdStore   *store;
  RdAccount *account;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) account = rd_account_new ();

  f->path = rd_test_make_tmp_db (&f->dir);
  f->store = rd_store_new (f->path, NULL, &error);
  g_assert_no_error (error);

  rd_account_set_name (account, "Lindqvist Freight");
  rd_account_set_currency (account, "EUR");
  rd_account_set_annual_value_minor (account, 1000000);
  rd_account_set_contract_start (account, "2025-03-02");
  rd_account_set_contract_end (account, "2026-03-01");
  g_assert_true (rd_store_save_account (f->store, account, &error));
  g_assert_no_error (error);
  f->account = rd_store_get_account (f->store, rd_account_get_id (account), &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->account);
  g_clear_object (&f->store);
  rd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
put (Fixture   *f,
     GPtrArray *docs)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (docs);
  g_assert_true (rd_store_put_documents (f->store, docs, &error));
  g_assert_no_error (error);
}

static RdAccount *
fresh_account (Fixture    *f,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  RdAccount *account = rd_store_get_account (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_clear_object (&f->account);
  f->account = account;
  return account;
}

static guint
count_events_with (Fixture    *f,
                   const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = rd_store_list_events (f->store, rd_account_get_id (f->account), &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    if (field == NULL ||
        g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (events, i), "field", NULL),
                   field) == 0)
      n++;
  return n;
}

static JsonObject *
propose (Fixture     *f,
         RdBridgeKind kind)
{
  RdPricingParams params;
  RdBridgeQuote quotes[6];
  JsonObject *bridge;
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();

  rd_pricing_params_init_defaults (&params);
  g_assert_true (rd_pricing_quote_all (rd_account_get_annual_value_minor (f->account),
                                       rd_account_get_currency (f->account),
                                       rd_account_get_deadline (f->account), &params, quotes));
  bridge = rd_bridge_new_document (rd_account_get_id (f->account), &quotes[kind], "2026-02-20");
  g_ptr_array_add (docs, bridge);
  put (f, docs);
  return bridge;
}

static void
test_accept_bridge (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) bridge = propose (f, RD_BRIDGE_EXTENSION_60);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *bridge_id = g_strdup (json_object_get_string_member (bridge, "_id"));
  g_autofree char *account_id = g_strdup (rd_account_get_id (f->account));
  guint end_events;

  g_assert_cmpstr (json_object_get_string_member (bridge, "status"), ==, "proposed");
  g_assert_cmpint (json_object_get_int_member (bridge, "price_minor"), ==, 214384);
  g_assert_cmpstr (json_object_get_string_member (bridge, "starts_on"), ==, "2026-03-02");
  g_assert_cmpstr (json_object_get_string_member (bridge, "ends_on"), ==, "2026-04-30");

  end_events = count_events_with (f, "effective_end");
  docs = rd_lifecycle_set_bridge_status (f->account, bridge, NULL, RD_BRIDGE_STATUS_ACCEPTED,
                                         "2026-02-25", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);

  /* All or nothing: a broken document in the batch leaves both unchanged. */
  bad = g_ptr_array_new ();
  for (guint i = 0; i < docs->len; i++)
    g_ptr_array_add (bad, g_ptr_array_index (docs, i));
  {
    g_autoptr(JsonObject) broken = rd_document_copy_object (g_ptr_array_index (docs, 0));
    g_autofree char *uuid = g_uuid_string_random ();
    g_autofree char *id = rd_document_make_id ("bridge", uuid);

    json_object_set_string_member (broken, "_id", id);
    json_object_set_string_member (broken, "account_id", "99999999-9999-4999-8999-999999999999");
    g_ptr_array_add (bad, broken);
    g_assert_false (rd_store_put_documents (f->store, bad, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  fresh_account (f, account_id);
  g_assert_null (rd_account_get_effective_end (f->account));

  put (f, docs);
  fresh_account (f, account_id);
  g_assert_cmpstr (rd_account_get_effective_end (f->account), ==, "2026-04-30");
  g_assert_cmpstr (rd_account_get_contract_end (f->account), ==, "2026-03-01");
  g_assert_cmpstr (rd_account_get_deadline (f->account), ==, "2026-04-30");
  g_assert_cmpuint (count_events_with (f, "effective_end"), ==, end_events + 1);

  stored = rd_store_get_document (f->store, bridge_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (stored, "status"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (stored, "accepted_on"), ==, "2026-02-25");

  /* Accepted stays accepted. */
  g_assert_null (rd_lifecycle_set_bridge_status (f->account, stored, NULL, RD_BRIDGE_STATUS_DECLINED,
                                                 "2026-02-26", &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The pilot moves the deadline like an extension; one that overlaps the
   * accepted extension is refused by the rule and by the store alike. */
  {
    g_autoptr(JsonObject) overlapping = rd_document_copy_object (stored);
    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
    g_autoptr(GPtrArray) forced = g_ptr_array_new ();
    g_autoptr(JsonObject) pilot = NULL;
    g_autoptr(GPtrArray) pilot_docs = NULL;
    g_autoptr(JsonObject) grace = NULL;
    g_autoptr(GPtrArray) grace_docs = NULL;
    g_autofree char *uuid = g_uuid_string_random ();
    g_autofree char *id = rd_document_make_id ("bridge", uuid);

    json_object_set_string_member (overlapping, "_id", id);
    json_object_set_string_member (overlapping, "kind", "paid_pilot_90");
    json_object_set_string_member (overlapping, "status", "proposed");
    json_object_set_string_member (overlapping, "ends_on", "2026-05-30");
    g_ptr_array_add (all, json_object_ref (stored));
    g_assert_null (rd_lifecycle_set_bridge_status (f->account, overlapping, all,
                                                   RD_BRIDGE_STATUS_ACCEPTED, "2026-02-26", &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "overlaps"));
    g_clear_error (&error);

    json_object_set_string_member (overlapping, "status", "accepted");
    g_ptr_array_add (forced, overlapping);
    g_assert_false (rd_store_put_documents (f->store, forced, &error));
    g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
    g_clear_error (&error);
    fresh_account (f, account_id);
    g_assert_cmpstr (rd_account_get_deadline (f->account), ==, "2026-04-30");

    pilot = propose (f, RD_BRIDGE_PAID_PILOT_90);
    g_assert_cmpstr (json_object_get_string_member (pilot, "starts_on"), ==, "2026-05-01");
    pilot_docs = rd_lifecycle_set_bridge_status (f->account, pilot, all, RD_BRIDGE_STATUS_ACCEPTED,
                                                 "2026-02-26", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pilot_docs->len, ==, 2);
    put (f, pilot_docs);
    fresh_account (f, account_id);
    g_assert_cmpstr (rd_account_get_deadline (f->account), ==, "2026-07-29");

    /* A grace period after the pilot moves it again. */
    g_ptr_array_add (all, json_object_ref (g_ptr_array_index (pilot_docs, 0)));
    grace = propose (f, RD_BRIDGE_GRACE_PERIOD);
    g_assert_cmpstr (json_object_get_string_member (grace, "ends_on"), ==, "2026-08-13");
    grace_docs = rd_lifecycle_set_bridge_status (f->account, grace, all, RD_BRIDGE_STATUS_ACCEPTED,
                                                 "2026-02-27", NULL);
    put (f, grace_docs);
    fresh_account (f, account_id);
    g_assert_cmpstr (rd_account_get_deadline (f->account), ==, "2026-08-13");

    /* effective_end is derived, never copied by hand: a typed one is ignored. */
    {
      g_autoptr(JsonObject) typed = rd_account_to_document (f->account);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      json_object_set_string_member (typed, "effective_end", "2027-01-01");
      g_ptr_array_add (one, typed);
      put (f, one);
      fresh_account (f, account_id);
      g_assert_cmpstr (rd_account_get_effective_end (f->account), ==, "2026-08-13");
    }
  }
}

static JsonObject *
bridge_doc (const char *id,
            const char *kind,
            const char *status,
            const char *starts_on,
            const char *ends_on)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "bridge");
  json_object_set_string_member (doc, "kind", kind);
  json_object_set_string_member (doc, "status", status);
  if (starts_on != NULL)
    json_object_set_string_member (doc, "starts_on", starts_on);
  if (ends_on != NULL)
    json_object_set_string_member (doc, "ends_on", ends_on);
  return doc;
}

/* effective_end from the accepted bridges, on several contract ends. */
/* The next term lasts as long as the last: whole months as months, so a
 * leap day moves no end, other terms as days, a year when unknown. */
static void
test_next_term_end_table (void)
{
  static const struct
  {
    const char *start, *end, *next_start, *expected;
  } cases[] = {
    /* Two years, reopened two days early, across 29 Feb 2028. */
    { "2024-12-08", "2026-12-07", "2026-12-06", "2028-12-05" },
    /* A calendar year renewed into a leap year, and out of one. */
    { "2025-01-01", "2025-12-31", "2028-01-01", "2028-12-31" },
    { "2028-01-01", "2028-12-31", "2029-01-01", "2029-12-31" },
    /* A quarter. */
    { "2026-01-10", "2026-04-09", "2026-04-10", "2026-07-09" },
    /* From the end of a month: as many months, to the month's end. */
    { "2026-01-31", "2026-04-29", "2027-01-31", "2027-04-29" },
    /* Not whole months: as many days (100). */
    { "2026-01-10", "2026-04-19", "2026-04-20", "2026-07-28" },
    /* Unknown or out of order: a year. */
    { NULL, "2026-12-07", "2027-03-01", "2028-02-29" },
    { "2026-12-07", "2026-01-01", "2026-12-08", "2027-12-07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *end = rd_lifecycle_next_term_end (cases[i].start, cases[i].end,
                                                         cases[i].next_start);

      g_test_message ("case %u: %s – %s, next from %s", i, cases[i].start, cases[i].end,
                      cases[i].next_start);
      g_assert_cmpstr (end, ==, cases[i].expected);
    }
  g_assert_null (rd_lifecycle_next_term_end ("2026-01-01", "2026-12-31", "not a date"));
}

static void
test_effective_end_table (void)
{
  static const struct
  {
    const char *contract_end;
    const char *bridges[4][4];  /* kind, status, starts_on, ends_on */
    const char *expected;
  } cases[] = {
    { "2026-03-01", { { NULL } }, NULL },
    { "2026-03-01", { { "extension_30", "proposed", "2026-03-02", "2026-03-31" } }, NULL },
    { "2026-03-01", { { "extension_30", "declined", "2026-03-02", "2026-03-31" } }, NULL },
    { "2026-03-01", { { "extension_30", "accepted", "2026-03-02", "2026-03-31" } }, "2026-03-31" },
    /* the pilot moves the deadline too */
    { "2026-03-01", { { "paid_pilot_90", "accepted", "2026-03-02", "2026-05-30" } }, "2026-05-30" },
    { "2026-03-01", { { "extension_30", "accepted", "2026-03-02", "2026-03-31" },
                      { "grace_period", "accepted", "2026-04-01", "2026-04-15" } }, "2026-04-15" },
    /* the latest wins, in any order */
    { "2026-03-01", { { "grace_period", "accepted", "2026-04-01", "2026-04-15" },
                      { "extension_30", "accepted", "2026-03-02", "2026-03-31" } }, "2026-04-15" },
    /* a renewed term ends after old bridges: they are history */
    { "2027-03-01", { { "extension_60", "accepted", "2026-03-02", "2026-04-30" } }, NULL },
    /* no contract end known: the bridge is the deadline */
    { NULL, { { "extension_30", "accepted", "2026-03-02", "2026-03-31" } }, "2026-03-31" },
    { "2026-03-01", { { "extension_30", "accepted", NULL, NULL } }, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) bridges = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autofree char *end = NULL;

      for (guint b = 0; b < 4 && cases[i].bridges[b][0] != NULL; b++)
        {
          g_autofree char *id = g_strdup_printf ("bridge:%u", b);

          g_ptr_array_add (bridges, bridge_doc (id, cases[i].bridges[b][0], cases[i].bridges[b][1],
                                                cases[i].bridges[b][2], cases[i].bridges[b][3]));
        }
      end = rd_lifecycle_effective_end (cases[i].contract_end, bridges);
      g_test_message ("case %u", i);
      g_assert_cmpstr (end, ==, cases[i].expected);
      /* What bridges this term is what withholds the early-renewal incentive. */
      if (end != NULL)
        g_assert_cmpuint (rd_lifecycle_count_bridging (bridges, cases[i].contract_end), >, 0);
    }
}

static void
test_count_bridging (void)
{
  g_autoptr(GPtrArray) bridges = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_ptr_array_add (bridges, bridge_doc ("bridge:1", "extension_30", "accepted", "2026-03-02", "2026-03-31"));
  g_ptr_array_add (bridges, bridge_doc ("bridge:2", "grace_period", "proposed", "2027-03-02", "2027-03-16"));
  g_assert_cmpuint (rd_lifecycle_count_bridging (bridges, "2026-03-01"), ==, 1);
  /* renewed to a term ending 2027-03-01: last year's extension is history */
  g_assert_cmpuint (rd_lifecycle_count_bridging (bridges, "2027-03-01"), ==, 0);
  g_assert_cmpuint (rd_lifecycle_count_accepted (bridges), ==, 1);
  g_ptr_array_add (bridges, bridge_doc ("bridge:3", "grace_period", "accepted", "2027-03-02", "2027-03-16"));
  g_assert_cmpuint (rd_lifecycle_count_bridging (bridges, "2027-03-01"), ==, 1);
}

static void
test_overlap_table (void)
{
  static const struct
  {
    const char *a_start, *a_end, *b_start, *b_end;
    gboolean    overlap;
  } cases[] = {
    { "2026-03-02", "2026-03-31", "2026-04-01", "2026-04-15", FALSE },  /* back to back */
    { "2026-03-02", "2026-03-31", "2026-03-31", "2026-04-15", TRUE },   /* one shared day */
    { "2026-03-02", "2026-05-30", "2026-03-02", "2026-04-30", TRUE },   /* pilot and extension */
    { "2026-04-01", "2026-04-15", "2026-03-02", "2026-03-31", FALSE },
    { "2026-03-10", "2026-03-12", "2026-03-02", "2026-03-31", TRUE },   /* inside */
    { NULL, "2026-03-31", "2026-03-02", "2026-03-31", TRUE },           /* no start: its end day */
    { NULL, NULL, "2026-03-02", "2026-03-31", FALSE },                  /* no dates: cannot tell */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) a = bridge_doc ("bridge:a", "extension_30", "accepted",
                                            cases[i].a_start, cases[i].a_end);
      g_autoptr(JsonObject) b = bridge_doc ("bridge:b", "paid_pilot_90", "accepted",
                                            cases[i].b_start, cases[i].b_end);
      g_autoptr(GPtrArray) others = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpint (rd_lifecycle_bridges_overlap (a, b), ==, cases[i].overlap);
      g_assert_cmpint (rd_lifecycle_bridges_overlap (b, a), ==, cases[i].overlap);
      g_ptr_array_add (others, b);
      g_assert_cmpint (rd_lifecycle_check_overlap (others, a, &error), ==, !cases[i].overlap);
      if (cases[i].overlap)
        {
          g_autoptr(GPtrArray) docs = NULL;

          g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
          /* Two desktops accepted both: keeping one withdraws the other. */
          g_ptr_array_add (others, a);
          docs = rd_lifecycle_resolve_overlap (others, a, "2026-03-05", NULL);
          g_assert_nonnull (docs);
          g_assert_cmpuint (docs->len, ==, 1);
          g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "_id"), ==, "bridge:b");
          g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "status"), ==, "declined");
          g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "withdrawn_on"), ==, "2026-03-05");
        }
      /* Proposed ones never overlap anything. */
      json_object_set_string_member (b, "status", "proposed");
      g_assert_null (rd_lifecycle_find_overlap (others, a));
    }
}

static gboolean
has_only_known_fields (JsonObject *doc,
                       const char *const *extra_allowed)
{
  const RdEntitySpec *spec = rd_entity_spec_lookup (json_object_get_string_member (doc, "type"));
  g_autoptr(GList) members = json_object_get_members (doc);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (rd_document_is_meta_member (name) || rd_entity_spec_find_field (spec, name) != NULL)
        continue;
      if (extra_allowed != NULL && g_strv_contains (extra_allowed, name))
        continue;
      g_test_message ("unexpected member %s", name);
      return FALSE;
    }
  return TRUE;
}

static void
test_documents_match_design (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const bridge_extras[] = { "proposed_on", "accepted_on", "declined_on", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plan_docs = rd_plan_new_from_template (rd_account_get_id (f->account), NULL,
                                                              RD_CAUSE_BUDGET, "2026-02-01", "Ann");
  g_autoptr(JsonObject) bridge = propose (f, RD_BRIDGE_EXTENSION_30);
  g_autoptr(GPtrArray) exported = NULL;
  RdLossInput input = { RD_LOSS_COMPETITOR, "Northwind", "Cheaper", NULL, "2026-03-01", "2026-04-30" };
  g_autoptr(GPtrArray) loss_docs = rd_lifecycle_close_as_lost (f->account, &input, NULL, NULL, &error);
  guint seen_plan = 0, seen_step = 0, seen_bridge = 0, seen_loss = 0;

  g_assert_no_error (error);
  put (f, plan_docs);
  put (f, loss_docs);

  exported = rd_store_export_documents (f->store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < exported->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (exported, i);
      const char *type = json_object_get_string_member (doc, "type");
      g_autofree char *prefix = g_strconcat (type, ":", NULL);

      g_assert_true (g_str_has_prefix (json_object_get_string_member (doc, "_id"), prefix));
      g_assert_true (rd_document_validate (doc, NULL));

      if (g_str_equal (type, "plan"))
        {
          seen_plan++;
          g_assert_true (has_only_known_fields (doc, NULL));
          g_assert_cmpstr (json_object_get_string_member (doc, "account_id"), ==, rd_account_get_id (f->account));
          g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "draft");
          g_assert_cmpstr (json_object_get_string_member (doc, "customer_answer"), ==, "not_asked");
          g_assert_cmpint (json_object_get_int_member (doc, "timeframe_days"), ==, 90);
          g_assert_cmpint (json_object_get_int_member (doc, "check_in_days"), ==, 14);
        }
      else if (g_str_equal (type, "plan_step"))
        {
          const char *horizon = json_object_get_string_member (doc, "horizon");

          seen_step++;
          g_assert_true (has_only_known_fields (doc, NULL));
          g_assert_true (g_str_equal (horizon, "48h") || g_str_equal (horizon, "30d") ||
                         g_str_equal (horizon, "90d"));
        }
      else if (g_str_equal (type, "bridge"))
        {
          seen_bridge++;
          g_assert_true (has_only_known_fields (doc, bridge_extras));
          g_assert_cmpstr (json_object_get_string_member (doc, "kind"), ==, "extension_30");
          g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "proposed");
          g_assert_cmpint (json_object_get_int_member (doc, "price_minor"), ==, 82192);
        }
      else if (g_str_equal (type, "loss"))
        {
          seen_loss++;
          g_assert_true (has_only_known_fields (doc, NULL));
          g_assert_cmpstr (json_object_get_string_member (doc, "reason"), ==, "competitor");
          g_assert_cmpstr (json_object_get_string_member (doc, "competitor"), ==, "Northwind");
          g_assert_cmpstr (json_object_get_string_member (doc, "closed_on"), ==, "2026-03-01");
          g_assert_cmpstr (json_object_get_string_member (doc, "reengage_on"), ==, "2026-04-30");
          g_assert_false (json_object_has_member (doc, "reopened_on"));
        }
    }
  g_assert_cmpuint (seen_plan, ==, 1);
  g_assert_cmpuint (seen_step, ==, 3);
  g_assert_cmpuint (seen_bridge, ==, 1);
  g_assert_cmpuint (seen_loss, ==, 1);
}

static void
test_close_reengage_reopen (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) losses = NULL;
  g_autoptr(GPtrArray) reopen_docs = NULL;
  g_autofree char *reengage = NULL;
  g_autofree char *account_id = g_strdup (rd_account_get_id (f->account));
  g_autoptr(GPtrArray) after = NULL;
  GDate closed, before_date, on_date;
  RdLossInput input = { -1, NULL, NULL, NULL, "2026-03-01", NULL };
  JsonObject *loss;
  guint events_before;

  g_date_clear (&closed, 1);
  g_date_set_dmy (&closed, 1, G_DATE_MARCH, 2026);
  reengage = rd_lifecycle_default_reengage (&closed, RD_LIFECYCLE_DEFAULT_REENGAGE_DAYS);
  g_assert_cmpstr (reengage, ==, "2026-04-30");
  input.reengage_on = reengage;

  /* Bad input names its field and builds nothing. */
  g_assert_null (rd_lifecycle_close_as_lost (f->account, &input, NULL, &field, &error));
  g_assert_cmpstr (field, ==, "reason");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  input.reason = RD_LOSS_COMPETITOR;
  input.competitor = "   ";
  g_assert_null (rd_lifecycle_close_as_lost (f->account, &input, NULL, &field, &error));
  g_assert_cmpstr (field, ==, "competitor");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  input.competitor = "Northwind Logistics";
  input.reengage_on = "2026-02-01";
  g_assert_null (rd_lifecycle_close_as_lost (f->account, &input, NULL, &field, &error));
  g_assert_cmpstr (field, ==, "reengage_on");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  input.reengage_on = reengage;
  input.details = "Their quote was 20 % lower";
  input.retrospective = "We heard about the evaluation too late";

  events_before = count_events_with (f, NULL);
  docs = rd_lifecycle_close_as_lost (f->account, &input, NULL, &field, &error);
  g_assert_no_error (error);
  put (f, docs);
  fresh_account (f, account_id);
  g_assert_cmpint (rd_account_get_status (f->account), ==, RD_STATUS_LOST);
  g_assert_cmpuint (count_events_with (f, "status"), >=, 1);

  losses = rd_store_list_documents (f->store, "loss", "account_id", account_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (losses->len, ==, 1);
  loss = rd_lifecycle_open_loss (losses);
  g_assert_nonnull (loss);

  /* At any time, not only from the re-engage date; the new term needs a
   * target date after today. */
  g_date_clear (&before_date, 1);
  g_date_set_dmy (&before_date, 29, G_DATE_APRIL, 2026);
  g_date_clear (&on_date, 1);
  g_date_set_dmy (&on_date, 30, G_DATE_APRIL, 2026);
  g_assert_true (rd_lifecycle_can_reopen (f->account, loss));
  g_assert_null (rd_lifecycle_reopen (f->account, loss, &on_date, "2026-04-30", -1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  reopen_docs = rd_lifecycle_reopen (f->account, loss, &on_date, "2027-04-29", 1200000, &error);
  g_assert_no_error (error);
  put (f, reopen_docs);
  fresh_account (f, account_id);
  g_assert_cmpint (rd_account_get_status (f->account), ==, RD_STATUS_ACTIVE);
  /* A fresh term: not overdue on the old contract end. */
  g_assert_cmpstr (rd_account_get_contract_start (f->account), ==, "2026-04-30");
  g_assert_cmpstr (rd_account_get_contract_end (f->account), ==, "2027-04-29");
  g_assert_cmpint (rd_account_get_annual_value_minor (f->account), ==, 1200000);

  /* The loss record stays, linked, and the history only grew. */
  after = rd_store_list_documents (f->store, "loss", "account_id", account_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (after, 0), "reopened_on"), ==,
                   "2026-04-30");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (after, 0), "competitor"), ==,
                   "Northwind Logistics");
  g_assert_null (rd_lifecycle_open_loss (after));
  g_assert_cmpuint (count_events_with (f, NULL), >, events_before + 2);
  {
    JsonObject *doc = rd_account_to_document (f->account);

    g_assert_cmpstr (json_object_get_string_member (doc, "reopened_from_loss_id"), ==,
                     rd_document_uuid (loss));
    json_object_unref (doc);
  }
  g_assert_false (rd_lifecycle_can_reopen (f->account, g_ptr_array_index (after, 0)));
  (void) before_date;
}

static void
test_three_options (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *account_id = g_strdup (rd_account_get_id (f->account));
  static const struct { RdRenewalChoice choice; RdStatus status; } table[] = {
    { RD_CHOICE_DO_NOT_RENEW, RD_STATUS_EXPECTED_CHURN },
    { RD_CHOICE_RENEW_CURRENT, RD_STATUS_RENEWED },
    { RD_CHOICE_RENEW_EXPANSION, RD_STATUS_RENEWED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GPtrArray) docs = rd_lifecycle_choose (f->account, table[i].choice, "2026-02-10",
                                                       NULL, NULL);
      g_autoptr(JsonObject) doc = NULL;

      put (f, docs);
      fresh_account (f, account_id);
      g_assert_cmpint (rd_account_get_status (f->account), ==, table[i].status);
      doc = rd_account_to_document (f->account);
      g_assert_cmpstr (json_object_get_string_member (doc, "renewal_choice"), ==,
                       rd_enum_table_id (&rd_renewal_choice_table, table[i].choice));
    }
}

/* The account's open delay and active plan, as the page loads them. */
static GPtrArray *
open_work (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plan_docs = rd_plan_new_from_template (rd_account_get_id (f->account), NULL,
                                                              RD_CAUSE_HIDDEN_PROBLEM, "2026-02-01", "Ann");
  g_autoptr(RdDelay) delay = rd_delay_new (rd_account_get_id (f->account));
  g_autoptr(RdDelay) saved = NULL;
  GPtrArray *related;
  JsonObject *plan = g_ptr_array_index (plan_docs, 0);

  json_object_set_string_member (plan, "status", "active");
  put (f, plan_docs);
  rd_delay_set_communicated_on (delay, "2026-01-20");
  rd_delay_set_cause (delay, RD_CAUSE_SHOPPING);
  saved = rd_store_save_delay (f->store, delay, &error);
  g_assert_no_error (error);

  related = rd_store_list_documents (f->store, "delay", "account_id", rd_account_get_id (f->account), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) plans = rd_store_list_documents (f->store, "plan", "account_id",
                                                          rd_account_get_id (f->account), &error);
    g_assert_no_error (error);
    for (guint i = 0; i < plans->len; i++)
      g_ptr_array_add (related, json_object_ref (g_ptr_array_index (plans, i)));
  }
  return related;
}

static const char *
stored_status (Fixture    *f,
               const char *type,
               const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_list_documents (f->store, type, "account_id",
                                                       rd_account_get_id (f->account), &error);
  static char value[64];

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, >=, 1);
  g_strlcpy (value, json_object_get_string_member_with_default (g_ptr_array_index (docs, 0), member, ""),
             sizeof value);
  return value;
}

static void
test_close_ends_open_work (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) related = open_work (f);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  RdLossInput input = { RD_LOSS_NO_NEED, NULL, "Closed the division", NULL, "2026-03-01", NULL };

  /* No longer needs it: not a target, so no re-engage date is required. */
  docs = rd_lifecycle_close_as_lost (f->account, &input, related, NULL, &error);
  g_assert_no_error (error);
  put (f, docs);

  g_assert_cmpstr (stored_status (f, "delay", "status"), ==, "resolved");
  g_assert_cmpstr (stored_status (f, "delay", "outcome"), ==, "lost");
  g_assert_cmpstr (stored_status (f, "delay", "resolved_on"), ==, "2026-03-01");
  g_assert_cmpstr (stored_status (f, "plan", "status"), ==, "failed");
  g_assert_cmpstr (stored_status (f, "loss", "reengage_on"), ==, "");

  /* A reason that keeps them a target still needs the date. */
  input.reason = RD_LOSS_NO_BUDGET;
  g_assert_null (rd_lifecycle_close_as_lost (f->account, &input, related, NULL, &error));
  g_assert_nonnull (error);
}

static void
test_renew_rolls_term (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) related = open_work (f);
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *account_id = g_strdup (rd_account_get_id (f->account));

  docs = rd_lifecycle_choose (f->account, RD_CHOICE_RENEW_CURRENT, "2026-02-10", NULL, related);
  put (f, docs);
  fresh_account (f, account_id);

  /* The day after the old deadline, for as long as the old term. */
  g_assert_cmpint (rd_account_get_status (f->account), ==, RD_STATUS_RENEWED);
  g_assert_cmpstr (rd_account_get_contract_start (f->account), ==, "2026-03-02");
  g_assert_cmpstr (rd_account_get_contract_end (f->account), ==, "2027-03-01");
  g_assert_cmpstr (stored_status (f, "delay", "status"), ==, "resolved");
  g_assert_cmpstr (stored_status (f, "delay", "outcome"), ==, "renewed");
  g_assert_cmpuint (count_events_with (f, "contract_end"), >=, 1);

  /* An edited end wins. */
  g_clear_pointer (&docs, g_ptr_array_unref);
  docs = rd_lifecycle_choose (f->account, RD_CHOICE_RENEW_EXPANSION, "2027-01-10", "2029-03-01", NULL);
  put (f, docs);
  fresh_account (f, account_id);
  g_assert_cmpstr (rd_account_get_contract_start (f->account), ==, "2027-03-02");
  g_assert_cmpstr (rd_account_get_contract_end (f->account), ==, "2029-03-01");
}

static void
test_do_not_renew_offboards (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) related = open_work (f);
  g_autoptr(GPtrArray) docs = NULL;
  guint n_plans = 0, n_steps = 0;
  gboolean access_end = FALSE;

  docs = rd_lifecycle_choose (f->account, RD_CHOICE_DO_NOT_RENEW, "2026-02-10", NULL, related);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *type = json_object_get_string_member (doc, "type");

      g_assert_true (rd_document_validate (doc, NULL));
      if (g_str_equal (type, "plan") &&
          g_strcmp0 (json_object_get_string_member_with_default (doc, "kind", NULL), "offboarding") == 0)
        n_plans++;
      if (g_str_equal (type, "plan_step"))
        {
          n_steps++;
          access_end |= g_strcmp0 (json_object_get_string_member_with_default (doc, "due_on", NULL),
                                   "2026-03-01") == 0;
        }
    }
  g_assert_cmpuint (n_plans, ==, 1);
  g_assert_cmpuint (n_steps, ==, 3);
  g_assert_true (access_end);

  put (f, docs);
  g_assert_cmpstr (stored_status (f, "delay", "status"), ==, "resolved");

  /* Its reminders are the plan's steps, not a renewal conversation. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
    g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 2, 10, 10, 0, 0);
    g_autoptr(GPtrArray) reminders = NULL;
    RdReminderPrefs prefs;
    guint n_steps_due = 0;

    rd_reminder_prefs_init (&prefs);
    g_assert_true (rd_reminders_refresh (f->store, &prefs, tz, now, &error));
    g_assert_no_error (error);
    reminders = rd_store_list_documents (f->store, "reminder", "account_id",
                                         rd_account_get_id (f->account), &error);
    g_assert_no_error (error);
    for (guint i = 0; i < reminders->len; i++)
      {
        const char *kind = json_object_get_string_member (g_ptr_array_index (reminders, i), "kind");

        g_assert_cmpstr (kind, !=, "renewal_start");
        g_assert_cmpstr (kind, !=, "check_in");
        n_steps_due += g_str_equal (kind, "plan_step");
      }
    g_assert_cmpuint (n_steps_due, ==, 3);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lifecycle/effective-end/table", test_effective_end_table);
  g_test_add_func ("/lifecycle/next-term-end/table", test_next_term_end_table);
  g_test_add_func ("/lifecycle/bridge-overlap/table", test_overlap_table);
  g_test_add_func ("/lifecycle/count-bridging", test_count_bridging);
  g_test_add ("/lifecycle/accept-bridge-moves-deadline", Fixture, NULL,
              fixture_setup, test_accept_bridge, fixture_teardown);
  g_test_add ("/lifecycle/documents-match-design", Fixture, NULL,
              fixture_setup, test_documents_match_design, fixture_teardown);
  g_test_add ("/lifecycle/close-reengage-reopen", Fixture, NULL,
              fixture_setup, test_close_reengage_reopen, fixture_teardown);
  g_test_add ("/lifecycle/close-ends-open-work", Fixture, NULL,
              fixture_setup, test_close_ends_open_work, fixture_teardown);
  g_test_add ("/lifecycle/renew-rolls-term", Fixture, NULL,
              fixture_setup, test_renew_rolls_term, fixture_teardown);
  g_test_add ("/lifecycle/do-not-renew-offboards", Fixture, NULL,
              fixture_setup, test_do_not_renew_offboards, fixture_teardown);
  g_test_add ("/lifecycle/three-options", Fixture, NULL,
              fixture_setup, test_three_options, fixture_teardown);

  return g_test_run ();
}
