/* test-sample.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-account.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-sample.h"

static void
set_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 22, G_DATE_NOVEMBER, 2026);
}

static char *
to_json (GPtrArray *docs)
{
  return rd_documents_to_data (docs, NULL);
}

static void
test_sample_deterministic (void)
{
  GDate today;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  g_autoptr(GPtrArray) prefix = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;
  g_autofree char *jc = NULL;

  set_today (&today);
  a = rd_sample_generate (RD_SAMPLE_DEFAULT_SIZE, RD_SAMPLE_DEFAULT_SEED, &today);
  b = rd_sample_generate (RD_SAMPLE_DEFAULT_SIZE, RD_SAMPLE_DEFAULT_SEED, &today);
  c = rd_sample_generate (RD_SAMPLE_DEFAULT_SIZE, RD_SAMPLE_DEFAULT_SEED + 1, &today);

  ja = to_json (a);
  jb = to_json (b);
  jc = to_json (c);
  g_assert_cmpstr (ja, ==, jb);
  g_assert_cmpstr (ja, !=, jc);

  /* A smaller sample is a prefix of a larger one with the same seed. */
  prefix = rd_sample_generate (5, RD_SAMPLE_DEFAULT_SEED, &today);
  for (guint i = 0; i < prefix->len; i++)
    {
      g_autoptr(JsonNode) x = json_node_init_object (json_node_alloc (), g_ptr_array_index (prefix, i));
      g_autoptr(JsonNode) y = json_node_init_object (json_node_alloc (), g_ptr_array_index (a, i));

      g_assert_true (json_node_equal (x, y));
    }
}

static void
test_sample_valid (void)
{
  GDate today;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) currencies = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) industries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) stages = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_accounts = 0;
  guint n_contacts = 0;
  guint champions = 0;
  gboolean have_non_latin = FALSE;
  const char *current_account = NULL;

  set_today (&today);
  docs = rd_sample_generate (200, 99, &today);

  for (guint i = 0; i <= docs->len; i++)
    {
      JsonObject *doc = i < docs->len ? g_ptr_array_index (docs, i) : NULL;
      const char *type = doc ? json_object_get_string_member (doc, "type") : "account";
      g_autoptr(GError) error = NULL;

      /* Close the previous account's group: 2–5 contacts, one champion. */
      if (g_strcmp0 (type, "account") == 0 && current_account != NULL)
        {
          g_assert_cmpuint (n_contacts, >=, 2);
          g_assert_cmpuint (n_contacts, <=, 5);
          g_assert_cmpuint (champions, ==, 1);
        }
      if (doc == NULL)
        break;

      g_assert_true (rd_document_validate (doc, &error));
      g_assert_no_error (error);
      g_assert_true (g_hash_table_add (ids, (gpointer) json_object_get_string_member (doc, "_id")));

      if (g_str_equal (type, "account"))
        {
          g_autoptr(RdAccount) account = rd_account_new_from_document (doc, &error);
          const char *currency = json_object_get_string_member (doc, "currency");
          gint64 minor = json_object_get_int_member (doc, "annual_value_minor");
          gint64 scale = 1;
          int days;

          g_assert_no_error (error);
          g_assert_nonnull (account);
          for (int d = 0; d < rd_currency_minor_digits (currency); d++)
            scale *= 10;
          g_assert_cmpint (minor % scale, ==, 0);
          /* 5,000 to 500,000 euros' worth, in local units (up to 400 HUF
           * to the euro). */
          g_assert_cmpint (minor / scale, >=, 5000);
          g_assert_cmpint (minor / scale, <=, 500000 * 400);
          if (g_str_equal (currency, "EUR"))
            g_assert_cmpint (minor / scale, <=, 500000);
          if (g_str_equal (currency, "JPY"))
            g_assert_cmpint (minor / scale, >=, 5000 * 150);

          days = rd_account_get_days_to_renewal (account, &today);
          g_assert_cmpint (days, >=, 1);
          g_assert_cmpint (days, <=, 366);
          g_assert_cmpstr (rd_account_get_contract_start (account), <,
                           rd_account_get_contract_end (account));

          for (const char *p = rd_account_get_name (account); *p; p++)
            have_non_latin |= ((guchar) *p) >= 0xE3;

          g_hash_table_add (currencies, (gpointer) currency);
          g_hash_table_add (industries, (gpointer) json_object_get_string_member (doc, "industry"));
          g_hash_table_add (stages, (gpointer) json_object_get_string_member (doc, "stage"));
          g_hash_table_add (owners, (gpointer) json_object_get_string_member (doc, "owner"));

          current_account = json_object_get_string_member (doc, "_id");
          n_accounts++;
          n_contacts = 0;
          champions = 0;
        }
      else
        {
          g_assert_cmpstr (type, ==, "contact");
          g_assert_true (g_str_has_suffix (current_account,
                                           json_object_get_string_member (doc, "account_id")));
          g_assert_nonnull (strchr (json_object_get_string_member (doc, "email"), '@'));
          g_assert_true (g_str_has_prefix (json_object_get_string_member (doc, "phone"), "+"));
          n_contacts++;
          if (g_str_equal (json_object_get_string_member (doc, "role"), "champion"))
            champions++;
        }
    }

  g_assert_cmpuint (n_accounts, ==, 200);
  g_assert_cmpuint (g_hash_table_size (currencies), >=, 8);
  g_assert_cmpuint (g_hash_table_size (industries), ==, 10);
  g_assert_cmpuint (g_hash_table_size (stages), ==, 4);
  g_assert_cmpuint (g_hash_table_size (owners), ==, 6);
  g_assert_true (have_non_latin);
}

static void
test_sample_uuids (void)
{
  GDate today;
  g_autoptr(GPtrArray) docs = NULL;

  set_today (&today);
  docs = rd_sample_generate (20, 1, &today);

  for (guint i = 0; i < docs->len; i++)
    {
      const char *doc_id = json_object_get_string_member (g_ptr_array_index (docs, i), "_id");
      const char *uuid = strchr (doc_id, ':') + 1;

      g_assert_true (g_uuid_string_is_valid (uuid));
      g_assert_cmpint (uuid[14], ==, '4');   /* version 4 layout */
      g_assert_true (strchr ("89ab", uuid[19]) != NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sample/deterministic", test_sample_deterministic);
  g_test_add_func ("/core/sample/valid", test_sample_valid);
  g_test_add_func ("/core/sample/uuids", test_sample_uuids);

  return g_test_run ();
}
