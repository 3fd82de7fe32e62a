/* test-history.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-format.h"
#include "rd-history.h"
#include "rd-store.h"
#include "rd-test-locale.h"
#include "rd-test-util.h"

/* History keeps raw facts and is put in words when read: an edit made by a
 * German user reads in English to an English reader, and the other way. */

static void
use_language (const char *language,
              const char *locale)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* setlocale() also drops gettext's cache of translations. */
  g_assert_nonnull (setlocale (LC_ALL, locale));
}

static JsonObject *
find_event (GPtrArray  *events,
            const char *field)
{
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (event, "field", NULL), field) == 0)
        return event;
    }
  g_assert_not_reached ();
}

static void
test_read_in_readers_language (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_new (path, NULL, &error);
  g_autoptr(RdAccount) account = rd_account_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *english = NULL;
  g_autofree char *german = NULL;
  g_autofree char *english_date = NULL;
  JsonObject *owner_event;

  g_assert_no_error (error);

  /* Written by a German user. */
  use_language ("de", "de_DE.UTF-8");
  rd_account_set_name (account, "Rheinwerk Energie AG");
  rd_account_set_currency (account, "EUR");
  rd_account_set_owner (account, "Jonas Weber");
  rd_account_set_contract_end (account, "2026-03-01");
  g_assert_true (rd_store_save_account (store, account, &error));
  rd_account_set_owner (account, "Ann Lee");
  rd_account_set_contract_end (account, "2026-04-01");
  g_assert_true (rd_store_save_account (store, account, &error));
  g_assert_no_error (error);

  events = rd_store_list_events (store, rd_account_get_id (account), &error);
  g_assert_no_error (error);
  owner_event = find_event (events, "owner");

  /* Stored: the facts, no sentence in anyone's language. */
  g_assert_false (json_object_has_member (owner_event, "summary"));
  g_assert_cmpstr (json_object_get_string_member (owner_event, "old_value"), ==, "Jonas Weber");
  g_assert_cmpstr (json_object_get_string_member (owner_event, "new_value"), ==, "Ann Lee");

  german = rd_history_describe (owner_event);
  g_assert_cmpstr (german, ==, "Verantwortlich von Jonas Weber auf Ann Lee geändert");

  /* Read by an English user. */
  use_language ("en", "C.UTF-8");
  english = rd_history_describe (owner_event);
  g_assert_cmpstr (english, ==, "Owner changed from Jonas Weber to Ann Lee");

  /* Dates in the reader's format, not as stored. */
  english_date = rd_history_describe (find_event (events, "contract_end"));
  g_assert_null (strstr (english_date, "2026-04-01"));
  {
    g_autofree char *expected = rd_date_format ("2026-04-01");

    g_assert_nonnull (strstr (english_date, expected));
  }

  /* Created, as a fact too. */
  {
    JsonObject *created = find_event (events, NULL);
    g_autofree char *text = rd_history_describe (created);

    g_assert_cmpstr (json_object_get_string_member (created, "action"), ==, RD_HISTORY_CREATED);
    g_assert_cmpstr (text, ==, "Account created");
  }

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* An event from before: its sentence is shown as written. */
static void
test_old_event_keeps_its_sentence (void)
{
  g_autoptr(JsonObject) event = json_object_new ();
  g_autofree char *text = NULL;

  json_object_set_string_member (event, "entity", "contact");
  json_object_set_string_member (event, "field", "email");
  json_object_set_string_member (event, "summary", "Stakeholder “Ann Lee”: Email changed");
  text = rd_history_describe (event);
  g_assert_cmpstr (text, ==, "Stakeholder “Ann Lee”: Email changed");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const locales[] = { "de_DE", NULL };
  g_autofree char *locale_dir = rd_test_locales_prepare (locales);
  const char *localedir = g_getenv ("RD_TEST_LOCALEDIR");
  int ret;

  g_assert_nonnull (localedir);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/read-in-readers-language", test_read_in_readers_language);
  g_test_add_func ("/history/old-event-keeps-its-sentence", test_old_event_keeps_its_sentence);

  ret = g_test_run ();
  rd_test_locales_remove (g_steal_pointer (&locale_dir));
  return ret;
}
