/* test-document.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-store.h"

/* One document of every entity type, each with a field this version does
 * not know, so that "kept and written back unchanged" is exercised. */
#define ACCOUNT_UUID "11111111-1111-4111-8111-111111111111"
#define CONTACT_UUID "22222222-2222-4222-8222-222222222222"
#define DELAY_UUID   "33333333-3333-4333-8333-333333333333"
#define CONCERN_UUID "44444444-4444-4444-8444-444444444444"
#define PLAN_UUID    "55555555-5555-4555-8555-555555555555"

static const char fixture_json[] =
  "["
  "{\"_id\": \"account:" ACCOUNT_UUID "\", \"type\": \"account\", \"name\": \"Duna Informatika Kft.\","
  " \"external_id\": \"CRM-1\", \"industry\": \"Software\", \"country\": \"HU\", \"currency\": \"HUF\","
  " \"annual_value_minor\": 1250000000, \"contract_start\": \"2025-04-01\", \"contract_end\": \"2026-03-31\","
  " \"effective_end\": \"2026-05-31\", \"stage\": \"defending\", \"status\": \"active\", \"cash_stability\": \"low\","
  " \"owner\": \"Anna Kovács\", \"auto_renew\": false, \"notice_days\": 90, \"notes\": \"Árvíztűrő tükörfúrógép\","
  " \"risk_score\": 72, \"risk_band\": \"high\", \"crm_tier\": \"gold\", \"x_nested\": {\"a\": [1, 2, null]}},"
  "{\"_id\": \"contact:" CONTACT_UUID "\", \"type\": \"contact\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"name\": \"Kovács Zoltán\", \"role\": \"champion\", \"email\": \"zoltan@example.hu\", \"phone\": \"+36 1 234 5678\","
  " \"active\": true, \"linkedin\": \"zkovacs\"},"
  "{\"_id\": \"delay:" DELAY_UUID "\", \"type\": \"delay\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"contact_id\": \"" CONTACT_UUID "\", \"communicated_on\": \"2026-02-10\", \"stated_reason\": \"Budget review\","
  " \"cause\": \"budget\", \"signals\": [\"specific_explanation\", \"offered_timeline\"],"
  " \"classification\": \"administrative\", \"classification_override\": \"decision\", \"override_note\": \"CFO new\","
  " \"score\": -2, \"info_by\": \"2026-02-20\", \"reconnect_on\": \"2026-02-25\", \"decision_by\": \"2026-03-15\","
  " \"actions_taken\": \"Called\", \"customer_response\": \"Positive\", \"next_step\": \"Send summary\","
  " \"next_step_on\": \"2026-02-12\", \"help_needed\": \"None\", \"status\": \"open\", \"resolved_on\": \"2026-03-01\","
  " \"outcome\": \"Signed\", \"retrospective\": \"Start earlier\","
  " \"statements\": [{\"contact_id\": \"" CONTACT_UUID "\", \"said\": \"Next week\"}],"
  " \"diagnostics\": {\"who_decides\": \"CFO\", \"budget_confirmed\": true}, \"mood\": 3},"
  "{\"_id\": \"concern:" CONCERN_UUID "\", \"type\": \"concern\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"title\": \"Slow reports\", \"priority\": 1, \"must_fix\": true, \"changes_decision\": false, \"tag\": \"perf\"},"
  "{\"_id\": \"plan:" PLAN_UUID "\", \"type\": \"plan\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"delay_id\": \"" DELAY_UUID "\", \"started_on\": \"2026-02-11\", \"timeframe_days\": 90, \"check_in_days\": 14,"
  " \"progress_criteria\": \"Reports under 2 s\", \"customer_answer\": \"yes\", \"status\": \"active\", \"color\": \"blue\"},"
  "{\"_id\": \"plan_step:66666666-6666-4666-8666-666666666666\", \"type\": \"plan_step\","
  " \"plan_id\": \"" PLAN_UUID "\", \"concern_id\": \"" CONCERN_UUID "\", \"horizon\": \"48h\", \"title\": \"Call CFO\","
  " \"owner\": \"Anna\", \"due_on\": \"2026-02-13\", \"done_on\": \"2026-02-13\", \"effort\": 2},"
  "{\"_id\": \"bridge:77777777-7777-4777-8777-777777777777\", \"type\": \"bridge\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"kind\": \"extension_60\", \"status\": \"accepted\", \"price_minor\": 200000000, \"starts_on\": \"2026-04-01\","
  " \"ends_on\": \"2026-05-31\", \"signed_by\": \"CFO\"},"
  "{\"_id\": \"loss:88888888-8888-4888-8888-888888888888\", \"type\": \"loss\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"reason\": \"competitor\", \"competitor\": \"Acme\", \"details\": \"Cheaper\", \"retrospective\": \"Missed signals\","
  " \"closed_on\": \"2026-06-01\", \"reengage_on\": \"2027-01-15\", \"reopened_on\": \"2027-02-01\", \"win_back\": 0.5},"
  "{\"_id\": \"reminder:99999999-9999-4999-8999-999999999999\", \"type\": \"reminder\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"kind\": \"decision_by\", \"source_id\": \"" DELAY_UUID "\", \"due_at\": \"2026-03-15T08:00:00Z\", \"title\": \"Decision\","
  " \"done_at\": \"2026-03-15T09:00:00Z\", \"snoozed_until\": \"2026-03-14T08:00:00Z\","
  " \"notified_at\": \"2026-03-14T08:00:01.500Z\", \"channel\": \"desktop\"},"
  "{\"_id\": \"event:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa\", \"type\": \"event\", \"account_id\": \"" ACCOUNT_UUID "\","
  " \"entity\": \"account\", \"entity_id\": \"" ACCOUNT_UUID "\", \"field\": \"contract_end\","
  " \"old_value\": \"2026-03-01\", \"new_value\": \"2026-03-31\", \"summary\": \"Contract end changed\","
  " \"created_at\": \"2026-01-05T10:00:00.000Z\", \"source\": \"import\"}"
  "]";

static GPtrArray *
load_fixture (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *docs = rd_documents_load_data (fixture_json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (docs);

  return docs;
}

static char *
make_tmp_db (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rd-test-XXXXXX", &error);

  g_assert_no_error (error);
  *out_dir = dir;

  return g_build_filename (dir, "sub", "test.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

          remove_tree (child);
          g_object_unref (info);
        }
    }

  g_remove (path);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static JsonObject *
fixture_doc (GPtrArray  *docs,
             const char *type)
{
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      if (g_str_equal (json_object_get_string_member (doc, "type"), type))
        return doc;
    }

  g_assert_not_reached ();
}

static void
test_specs (void)
{
  static const char * const order[] = {
    "account", "contact", "delay", "concern", "plan", "plan_step", "bridge", "loss",
    "reminder", "event",
  };
  const RdEntitySpec *specs;
  guint n_specs;

  specs = rd_entity_specs (&n_specs);
  g_assert_cmpuint (n_specs, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < n_specs; i++)
    {
      g_assert_cmpstr (specs[i].type, ==, order[i]);
      g_assert_true (rd_entity_spec_lookup (order[i]) == &specs[i]);

      /* A reference only points at an entity defined earlier. */
      for (guint f = 0; f < specs[i].n_fields; f++)
        {
          const RdFieldSpec *field = &specs[i].fields[f];

          if (field->kind == RD_FIELD_REF)
            {
              const RdEntitySpec *target = rd_entity_spec_lookup (field->ref_type);

              g_assert_nonnull (target);
              g_assert_true (target < &specs[i]);
            }
          if (field->kind == RD_FIELD_ENUM || field->kind == RD_FIELD_ENUM_ARRAY)
            g_assert_nonnull (field->enum_table);
        }
    }

  g_assert_null (rd_entity_spec_lookup ("widget"));
  g_assert_nonnull (rd_entity_spec_find_field (rd_entity_spec_lookup ("delay"), "statements"));
  g_assert_nonnull (rd_entity_spec_find_field (rd_entity_spec_lookup ("delay"), "diagnostics"));
  g_assert_nonnull (rd_entity_spec_find_field (rd_entity_spec_lookup ("event"), "created_at"));
}

static void
test_parse_id (void)
{
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *made = rd_document_make_id ("plan_step", ACCOUNT_UUID);

  g_assert_cmpstr (made, ==, "plan_step:" ACCOUNT_UUID);
  g_assert_true (rd_document_parse_id (made, &type, &uuid));
  g_assert_cmpstr (type, ==, "plan_step");
  g_assert_cmpstr (uuid, ==, ACCOUNT_UUID);

  g_assert_false (rd_document_parse_id ("account", NULL, NULL));
  g_assert_false (rd_document_parse_id (":" ACCOUNT_UUID, NULL, NULL));
  g_assert_false (rd_document_parse_id ("account:not-a-uuid", NULL, NULL));
  g_assert_false (rd_document_parse_id ("Account:" ACCOUNT_UUID, NULL, NULL));
  g_assert_false (rd_document_parse_id (NULL, NULL, NULL));
}

static void
test_fixture_valid (void)
{
  g_autoptr(GPtrArray) docs = load_fixture ();

  g_assert_cmpuint (docs->len, ==, 10);
  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (rd_document_validate (g_ptr_array_index (docs, i), &error));
      g_assert_no_error (error);
    }
}

typedef struct
{
  const char *type;
  const char *field;
  const char *json;    /* value for @field; NULL removes it */
  const char *expect_field;
} BadCase;

static const BadCase bad_cases[] = {
  { "account", "name", "\"\"", "name" },
  { "account", "name", "\"   \"", "name" },
  { "account", "name", NULL, "name" },
  { "account", "currency", NULL, "currency" },
  { "account", "currency", "\"EURO\"", "currency" },
  { "account", "country", "\"UK\"", "country" },
  { "account", "contract_end", "\"2025-01-01\"", "contract_end" },
  { "account", "contract_start", "\"2025-02-30\"", "contract_start" },
  { "account", "contract_end", "\"31/12/2026\"", "contract_end" },
  { "account", "annual_value_minor", "-1", "annual_value_minor" },
  { "account", "annual_value_minor", "\"12\"", "annual_value_minor" },
  { "account", "annual_value_minor", "1.5", "annual_value_minor" },
  { "account", "notice_days", "-30", "notice_days" },
  { "account", "risk_score", "101", "risk_score" },
  { "account", "stage", "\"thriving\"", "stage" },
  { "account", "auto_renew", "\"yes\"", "auto_renew" },
  { "account", "owner", "\"" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "\"",
    "owner" },
  { "account", "type", "\"contact\"", "type" },
  { "contact", "account_id", NULL, "account_id" },
  { "contact", "account_id", "\"not-a-uuid\"", "account_id" },
  { "contact", "role", "\"boss\"", "role" },
  { "contact", "name", "\"\"", "name" },
  { "delay", "signals", "[\"vague\", \"grumpy\"]", "signals" },
  { "delay", "signals", "\"vague\"", "signals" },
  { "delay", "cause", "\"weather\"", "cause" },
  { "plan", "customer_answer", "\"maybe\"", "customer_answer" },
  { "plan_step", "plan_id", NULL, "plan_id" },
  { "plan_step", "horizon", "\"7d\"", "horizon" },
  { "bridge", "price_minor", "-100", "price_minor" },
  { "bridge", "ends_on", "\"2026-03-01\"", "ends_on" },
  { "reminder", "kind", NULL, "kind" },
  { "reminder", "due_at", NULL, "due_at" },
  { "reminder", "due_at", "\"2026-03-15\"", "due_at" },
  { "reminder", "due_at", "\"2026-03-15T08:00:00+01:00\"", "due_at" },
  { "event", "created_at", "\"yesterday\"", "created_at" },
  { "loss", "reason", "\"bad_luck\"", "reason" },
  { "concern", "must_fix", "1", "must_fix" },
  { "account", "updated_at", "\"soon\"", "updated_at" },
};

static void
test_validation_table (void)
{
  g_autoptr(GPtrArray) docs = load_fixture ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(JsonObject) doc = rd_document_copy_object (fixture_doc (docs, c->type));
      g_autoptr(GError) error = NULL;
      g_autofree char *field = NULL;

      g_test_message ("case %u: %s.%s", i, c->type, c->field);

      if (c->json == NULL)
        json_object_remove_member (doc, c->field);
      else
        json_object_set_member (doc, c->field, json_from_string (c->json, NULL));

      g_assert_false (rd_document_validate_full (doc, &field, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == RD_DOCUMENT_ERROR);
      g_assert_cmpstr (field, ==, c->expect_field);
      /* The message names the document and the field. */
      g_assert_nonnull (strstr (error->message, json_object_get_string_member (doc, "_id")));
      g_assert_nonnull (strstr (error->message, c->expect_field));
    }

  /* Long text fields take 20,000 characters. */
  {
    g_autoptr(JsonObject) doc = rd_document_copy_object (fixture_doc (docs, "account"));
    g_autofree char *long_notes = g_strnfill (20000, 'n');
    g_autofree char *too_long = g_strnfill (20001, 'n');
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (doc, "notes", long_notes);
    g_assert_true (rd_document_validate (doc, &error));
    json_object_set_string_member (doc, "notes", too_long);
    g_assert_false (rd_document_validate (doc, &error));
    g_assert_nonnull (strstr (error->message, "notes"));
  }

  /* Unknown type, malformed _id. */
  {
    g_autoptr(JsonObject) doc = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (doc, "_id", "widget:" ACCOUNT_UUID);
    json_object_set_string_member (doc, "type", "widget");
    g_assert_false (rd_document_validate (doc, &error));
    g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_UNKNOWN_TYPE);
    g_assert_nonnull (strstr (error->message, "widget"));
    g_clear_error (&error);

    json_object_set_string_member (doc, "_id", "account-1");
    g_assert_false (rd_document_validate (doc, &error));
    g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "_id"));
  }
}

static void
test_objects_keep_unknown_fields (void)
{
  g_autoptr(GPtrArray) docs = load_fixture ();
  JsonObject *account_doc = fixture_doc (docs, "account");
  JsonObject *contact_doc = fixture_doc (docs, "contact");
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) account = rd_account_new_from_document (account_doc, &error);
  g_autoptr(RdContact) contact = rd_contact_new_from_document (contact_doc, &error);
  g_autoptr(RdAccount) copy = NULL;
  g_autoptr(JsonObject) back = NULL;
  g_autoptr(JsonObject) contact_back = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) c = NULL;
  g_autoptr(JsonNode) d = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (rd_account_get_name (account), ==, "Duna Informatika Kft.");
  g_assert_cmpint (rd_account_get_stage (account), ==, RD_STAGE_DEFENDING);
  g_assert_cmpint (rd_account_get_annual_value_minor (account), ==, 1250000000);
  g_assert_cmpstr (rd_account_get_deadline (account), ==, "2026-05-31");

  copy = rd_account_copy (account);
  back = rd_account_to_document (copy);
  a = json_node_init_object (json_node_alloc (), account_doc);
  b = json_node_init_object (json_node_alloc (), back);
  g_assert_true (json_node_equal (a, b));

  contact_back = rd_contact_to_document (contact);
  c = json_node_init_object (json_node_alloc (), contact_doc);
  d = json_node_init_object (json_node_alloc (), contact_back);
  g_assert_true (json_node_equal (c, d));

  /* Wrong type for the class. */
  g_assert_null (rd_account_new_from_document (contact_doc, &error));
  g_assert_nonnull (error);
}

static GPtrArray *
export_all (RdStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *docs = rd_store_export_documents (store, TRUE, &error);

  g_assert_no_error (error);
  return docs;
}

static void
assert_same_documents (GPtrArray *a,
                       GPtrArray *b)
{
  g_autofree char *ja = rd_documents_to_data (a, NULL);
  g_autofree char *jb = rd_documents_to_data (b, NULL);

  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpstr (ja, ==, jb);
}

static void
test_export_import_identical (void)
{
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autofree char *path_a = make_tmp_db (&dir_a);
  g_autofree char *path_b = make_tmp_db (&dir_b);
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) a = rd_store_new (path_a, NULL, &error);
  g_autoptr(RdStore) b = rd_store_new (path_b, NULL, &error);
  g_autoptr(GPtrArray) fixture = load_fixture ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(RdAccount) account = NULL;
  g_autoptr(RdContact) contact = NULL;
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);

  /* Every entity type, edits with history, a tombstone and unknown fields. */
  g_assert_true (rd_store_fill_sample (a, 3, 11, &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_import_documents (a, fixture, &error));
  g_assert_no_error (error);
  account = rd_store_get_account (a, ACCOUNT_UUID, &error);
  g_assert_no_error (error);
  rd_account_set_contract_end (account, "2026-04-30");
  g_assert_true (rd_store_save_account (a, account, &error));
  contact = rd_contact_new (ACCOUNT_UUID);
  rd_contact_set_name (contact, "Tóth Réka");
  g_assert_true (rd_store_save_contact (a, contact, &error));
  g_assert_true (rd_store_delete_contact (a, rd_contact_get_id (contact), &error));
  g_assert_no_error (error);

  first = export_all (a);
  for (guint i = 0; i < first->len; i++)
    g_hash_table_add (types, (gpointer) json_object_get_string_member (g_ptr_array_index (first, i),
                                                                       "type"));
  g_assert_cmpuint (g_hash_table_size (types), ==, 10);

  /* Through a file, as --export-json / --import-json do. */
  backup = g_build_filename (dir_a, "backup.json", NULL);
  g_assert_true (rd_documents_save_file (first, backup, &error));
  g_assert_no_error (error);
  loaded = rd_documents_load_file (backup, &error);
  g_assert_no_error (error);
  assert_same_documents (first, loaded);

  g_assert_true (rd_store_import_documents (b, loaded, &error));
  g_assert_no_error (error);
  second = export_all (b);
  assert_same_documents (first, second);

  /* Importing the same file again changes nothing. */
  g_assert_true (rd_store_import_documents (b, loaded, &error));
  third = export_all (b);
  assert_same_documents (first, third);

  g_clear_object (&a);
  g_clear_object (&b);
  remove_tree (dir_a);
  remove_tree (dir_b);
}

typedef struct
{
  const char *name;
  const char *type;       /* which fixture document to spoil */
  const char *field;
  const char *json;
  const char *expect_id;  /* must appear in the message */
} Rejection;

static const Rejection rejections[] = {
  { "unknown-type", "concern", "type", "\"widget\"", "concern:" CONCERN_UUID },
  { "unknown-enum", "plan", "status", "\"paused\"", "plan:" PLAN_UUID },
  { "malformed-date", "delay", "info_by", "\"2026-02-31\"", "delay:" DELAY_UUID },
  { "broken-reference", "contact", "account_id", "\"0badbad0-0000-4000-8000-000000000000\"",
    "contact:" CONTACT_UUID },
  { "malformed-id", "bridge", "_id", "\"bridge:7777\"", "bridge:7777" },
  { "unknown-id-type", "loss", "_id", "\"gadget:88888888-8888-4888-8888-888888888888\"",
    "gadget:88888888-8888-4888-8888-888888888888" },
};

static void
test_import_rejection (gconstpointer data)
{
  const Rejection *r = data;
  g_autofree char *dir = NULL;
  g_autofree char *path = make_tmp_db (&dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (path, NULL, &error);
  g_autoptr(GPtrArray) docs = load_fixture ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) wal_before = NULL;
  g_autoptr(GBytes) wal_after = NULL;
  g_autoptr(GPtrArray) before_docs = NULL;
  g_autoptr(GPtrArray) after_docs = NULL;

  g_assert_no_error (error);
  g_assert_true (rd_store_fill_sample (store, 3, 5, &error));
  g_assert_no_error (error);
  before_docs = export_all (store);

  json_object_set_member (fixture_doc (docs, r->type), r->field, json_from_string (r->json, NULL));

  g_assert_true (rd_store_checkpoint (store, &error));
  before = read_bytes (path);
  wal_before = read_bytes (wal);

  g_assert_false (rd_store_import_documents (store, docs, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, r->expect_id));

  g_assert_true (rd_store_checkpoint (store, NULL));
  after = read_bytes (path);
  wal_after = read_bytes (wal);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (g_bytes_equal (wal_before, wal_after));

  after_docs = export_all (store);
  assert_same_documents (before_docs, after_docs);

  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/document/specs", test_specs);
  g_test_add_func ("/core/document/parse-id", test_parse_id);
  g_test_add_func ("/core/document/fixture-valid", test_fixture_valid);
  g_test_add_func ("/core/document/validation-table", test_validation_table);
  g_test_add_func ("/core/document/objects-keep-unknown-fields", test_objects_keep_unknown_fields);
  g_test_add_func ("/core/document/export-import-identical", test_export_import_identical);

  for (guint i = 0; i < G_N_ELEMENTS (rejections); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/document/import-rejects/%s",
                                               rejections[i].name);

      g_test_add_data_func (path, &rejections[i], test_import_rejection);
    }

  return g_test_run ();
}
