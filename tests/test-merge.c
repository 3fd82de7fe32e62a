/* test-merge.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three-way merge of rd-merge.c as a table: base, local, remote in,
 * the merged document and the conflicts out.
 */

#include "config.h"

#include "rd-merge.h"

typedef struct
{
  const char *name;
  const char *base;      /* NULL: unknown */
  const char *local;
  const char *remote;
  const char *merged;    /* without _id/_rev */
  const char *conflicts; /* "field:lost,field:lost" (lost as JSON), "" for none */
} MergeCase;

#define L "\"updated_at\":\"2026-01-02T00:00:00Z\""   /* local later */
#define R "\"updated_at\":\"2026-01-01T00:00:00Z\""
#define LATE_R "\"updated_at\":\"2026-01-03T00:00:00Z\""
#define WEEKLY "\"_id\":\"reminder:1\",\"kind\":\"weekly_update\""
#define MANUAL "\"_id\":\"reminder:1\",\"kind\":\"manual\""

static const MergeCase cases[] = {
  { "nothing changed", "{\"a\":1}", "{\"a\":1," L "}", "{\"a\":1," R "}",
    "{\"a\":1," L "}", "" },
  { "local only", "{\"a\":1,\"b\":1}", "{\"a\":2,\"b\":1," L "}", "{\"a\":1,\"b\":1," R "}",
    "{\"a\":2,\"b\":1," L "}", "" },
  { "remote only", "{\"a\":1,\"b\":1}", "{\"a\":1,\"b\":1," L "}", "{\"a\":1,\"b\":3," R "}",
    "{\"a\":1,\"b\":3," L "}", "" },
  { "different fields", "{\"a\":1,\"b\":1}", "{\"a\":2,\"b\":1," L "}", "{\"a\":1,\"b\":3," R "}",
    "{\"a\":2,\"b\":3," L "}", "" },
  { "same field, local later", "{\"a\":1}", "{\"a\":2," L "}", "{\"a\":3," R "}",
    "{\"a\":2," L "}", "a:3" },
  { "same field, remote later", "{\"a\":1}", "{\"a\":2," L "}", "{\"a\":3," LATE_R "}",
    "{\"a\":3," LATE_R "}", "a:2" },
  { "same change on both", "{\"a\":1}", "{\"a\":5," L "}", "{\"a\":5," R "}",
    "{\"a\":5," L "}", "" },
  { "field added locally", "{}", "{\"n\":\"x\"," L "}", "{" R "}", "{\"n\":\"x\"," L "}", "" },
  { "field removed remotely", "{\"n\":\"x\"}", "{\"n\":\"x\"," L "}", "{" R "}", "{" L "}", "" },
  { "removed here, edited there", "{\"n\":\"x\"}", "{" L "}", "{\"n\":\"y\"," LATE_R "}",
    "{\"n\":\"y\"," LATE_R "}", "n:null" },
  { "unknown member kept", "{\"x_new\":[1]}", "{\"x_new\":[1],\"a\":2," L "}",
    "{\"x_new\":[1]," R "}", "{\"x_new\":[1],\"a\":2," L "}", "" },
  { "no base: differing fields conflict", NULL, "{\"a\":1,\"b\":2," L "}",
    "{\"a\":1,\"b\":3," R "}", "{\"a\":1,\"b\":2," L "}", "b:3" },
  { "deleted there, untouched here", "{\"a\":1}", "{\"a\":1," L "}",
    "{\"a\":1,\"_deleted\":true," R "}", "{\"a\":1,\"_deleted\":true," L "}", "" },
  { "deleted there, edited here", "{\"a\":1}", "{\"a\":2," L "}",
    "{\"a\":1,\"_deleted\":true," R "}", "{\"a\":2," L "}", "_deleted:true" },
  { "deleted here, edited there", "{\"a\":1}", "{\"a\":1,\"_deleted\":true," L "}",
    "{\"a\":4," R "}", "{\"a\":4," L "}", "_deleted:true" },
  { "deleted on both", "{\"a\":1}", "{\"a\":1,\"_deleted\":true," L "}",
    "{\"a\":1,\"_deleted\":true," R "}", "{\"a\":1,\"_deleted\":true," L "}", "" },
  /* Last week's update, retired here as a new week began, marked done
   * there: done it stays, with nothing to show.  (A bare tombstone from the
   * server is merged as the local document deleted: rd-store-sync.c.) */
  { "derived reminder retired here, done there", "{" WEEKLY ",\"done_at\":null}",
    "{" WEEKLY ",\"done_at\":null,\"_deleted\":true," L "}",
    "{" WEEKLY ",\"done_at\":\"2026-01-01T09:00:00Z\"," R "}",
    "{" WEEKLY ",\"done_at\":\"2026-01-01T09:00:00Z\"," L "}", "" },
  { "derived reminder done here, retired there", "{" WEEKLY ",\"done_at\":null}",
    "{" WEEKLY ",\"done_at\":\"2026-01-01T09:00:00Z\"," L "}",
    "{" WEEKLY ",\"done_at\":\"2026-01-01T09:00:00Z\",\"_deleted\":true," LATE_R "}",
    "{" WEEKLY ",\"done_at\":\"2026-01-01T09:00:00Z\"," LATE_R "}", "" },
  /* A reminder someone made and deleted: their deletion is theirs to see. */
  { "manual reminder deleted here, edited there", "{" MANUAL ",\"due\":1}",
    "{" MANUAL ",\"due\":1,\"_deleted\":true," L "}", "{" MANUAL ",\"due\":2," R "}",
    "{" MANUAL ",\"due\":2," L "}", "_deleted:true" },
};

static JsonObject *
parse (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (text == NULL)
    return NULL;
  node = json_from_string (text, NULL);
  g_assert_nonnull (node);
  object = json_node_dup_object (node);
  if (!json_object_has_member (object, "_id"))
    json_object_set_string_member (object, "_id", "account:1");
  return object;
}

static void
test_merge_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MergeCase *c = &cases[i];
      g_autoptr(JsonObject) base = parse (c->base);
      g_autoptr(JsonObject) local = parse (c->local);
      g_autoptr(JsonObject) remote = parse (c->remote);
      g_autoptr(JsonObject) expected = parse (c->merged);
      g_autoptr(JsonObject) merged = NULL;
      g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_sync_conflict_free);
      g_autoptr(JsonNode) merged_node = NULL;
      g_autoptr(JsonNode) expected_node = NULL;
      g_autoptr(GString) got = g_string_new (NULL);

      json_object_set_string_member (remote, "_rev", "2-abc");
      json_object_set_string_member (expected, "_rev", "2-abc");
      merged = rd_merge_documents (base, local, remote, conflicts);
      merged_node = json_node_init_object (json_node_alloc (), merged);
      expected_node = json_node_init_object (json_node_alloc (), expected);
      if (!json_node_equal (merged_node, expected_node))
        {
          g_autofree char *m = json_to_string (merged_node, FALSE);

          g_error ("%s: merged %s, expected %s", c->name, m, c->merged);
        }

      for (guint k = 0; k < conflicts->len; k++)
        {
          RdSyncConflict *conflict = g_ptr_array_index (conflicts, k);
          g_autofree char *lost = conflict->lost ? json_to_string (conflict->lost, FALSE)
                                                 : g_strdup ("null");

          g_string_append_printf (got, "%s%s:%s", k ? "," : "", conflict->field, lost);
        }
      if (g_strcmp0 (got->str, c->conflicts) != 0)
        g_error ("%s: conflicts “%s”, expected “%s”", c->name, got->str, c->conflicts);
      g_test_message ("%s: ok", c->name);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/merge/table", test_merge_table);
  return g_test_run ();
}
