/* test-ical.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>

#include "rd-document.h"
#include "rd-ical.h"
#include "rd-reminder-refresh.h"
#include "rd-test-util.h"

/* The export parsed back by a real iCalendar parser (libical). */

static JsonObject *
reminder (const char *id,
          const char *title,
          const char *due,
          const char *account)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *doc_id = rd_document_make_id ("reminder", id);

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", "reminder");
  json_object_set_string_member (doc, "kind", "manual");
  json_object_set_string_member (doc, "due_at", due);
  json_object_set_string_member (doc, "title", title);
  if (account != NULL)
    json_object_set_string_member (doc, "account_name", account);
  return doc;
}

static void
test_line_folding (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *long_text = NULL;

  long_text = g_strnfill (100, 'x');
  rd_ical_append_line (out, "SUMMARY", "Zürich; “Grüße”, a\\b\nline 2 ", TRUE);
  rd_ical_append_line (out, "DESCRIPTION", long_text, TRUE);
  /* Multi-byte characters at the fold. */
  rd_ical_append_line (out, "X-TEST", "ääääääääääääääääääääääääääääääääääääääääääääää", TRUE);

  g_assert_true (g_str_has_suffix (out->str, "\r\n"));
  g_assert_true (g_str_has_prefix (out->str, "SUMMARY:Zürich\\; “Grüße”\\, a\\\\b\\nline 2 \r\n"));

  lines = g_strsplit (out->str, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      g_assert_null (strchr (lines[i], '\n'));
    }
}

static void
test_roundtrip (void)
{
  g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GDateTime) stamp = g_date_time_new_from_iso8601 ("2026-03-02T10:00:00Z", NULL);
  g_autofree char *data = NULL;
  JsonObject *done;
  icalcomponent *calendar;
  icalcomponent *event;
  guint n = 0;
  g_autofree char *long_title = g_strdup ("Start the renewal conversation with Nordlicht Energie "
                                          "Aktiengesellschaft, Niederlassung Süd; bring the "
                                          "usage report");
  const char *ids[] = {
    "0b6c2c1e-5a6f-5d0e-9c2f-1a2b3c4d5e6f",
    "1c7d3d2f-6b70-5e1f-8d30-2b3c4d5e6f70",
    "2d8e4e30-7c81-5f20-9e41-3c4d5e6f7081",
  };
  const char *dues[] = {
    "2026-03-02T08:00:00Z",
    "2026-03-29T01:30:00Z",   /* the night Europe/Berlin moves its clocks */
    "2028-02-29T09:00:00Z",
  };

  g_ptr_array_add (reminders, reminder (ids[0], long_title, dues[0], "Nordlicht Energie AG"));
  g_ptr_array_add (reminders, reminder (ids[1], "Reconnect, then decide", dues[1], NULL));
  g_ptr_array_add (reminders, reminder (ids[2], "Leap day check-in", dues[2], "Lindenhof"));
  done = reminder ("3e9f5f41-8d92-5031-8f52-4d5e6f708192", "Done already",
                   "2026-03-01T09:00:00Z", NULL);
  json_object_set_string_member (done, "done_at", "2026-03-01T09:05:00Z");
  g_ptr_array_add (reminders, done);

  data = rd_ical_build (reminders, stamp);
  g_assert_true (g_str_has_prefix (data, "BEGIN:VCALENDAR\r\n"));

  calendar = icalparser_parse_string (data);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  /* 1: every RFC 5545 restriction met. */
  g_assert_cmpint (icalcomponent_check_restrictions (calendar), ==, 1);
  if (icalcomponent_count_errors (calendar) != 0)
    g_test_message ("%s", icalcomponent_as_ical_string (calendar));
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT), n++)
    {
      g_autofree char *uid = g_strconcat (ids[n], "@renewaldesk", NULL);
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (dues[n], NULL);

      g_assert_cmpstr (icalcomponent_get_uid (event), ==, uid);
      g_assert_true (icaltime_is_utc (start));
      g_assert_cmpint (icaltime_as_timet (start), ==, g_date_time_to_unix (expected));
      g_assert_nonnull (icalcomponent_get_first_component (event, ICAL_VALARM_COMPONENT));
      if (n == 0)
        g_assert_cmpstr (icalcomponent_get_summary (event), ==, long_title);
      if (n == 1)
        g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Reconnect, then decide");
    }

  /* The done one is left out. */
  g_assert_cmpuint (n, ==, 3);
  icalcomponent_free (calendar);
}

static void
test_export_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *data = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) due = g_date_time_new_from_iso8601 ("2026-04-01T07:00:00Z", NULL);
  g_autofree char *id = NULL;
  icalcomponent *calendar;
  guint n = 0;

  path = rd_test_make_tmp_db (&dir);
  store = rd_store_new (path, NULL, &error);
  g_assert_no_error (error);
  id = rd_reminders_add_manual (store, NULL, "Ask for the budget", due, &error);
  g_assert_no_error (error);

  ics = g_build_filename (dir, "reminders.ics", NULL);
  g_assert_true (rd_ical_export_file (store, ics, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  g_assert_true (g_file_get_contents (ics, &data, NULL, &error));
  calendar = icalparser_parse_string (data);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  icalcomponent_free (calendar);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* The view's export, on a worker: same file, count through _finish. */
static void
test_export_file_async (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *data = NULL;
  g_autofree char *id = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDateTime) due = g_date_time_new_from_iso8601 ("2026-04-01T07:00:00Z", NULL);
  icalcomponent *calendar;
  guint n = 0;

  path = rd_test_make_tmp_db (&dir);
  store = rd_test_open_store (path);
  id = rd_reminders_add_manual (store, NULL, "Ask for the budget", due, &error);
  g_assert_no_error (error);

  ics = g_build_filename (dir, "reminders.ics", NULL);
  rd_ical_export_file_async (store, ics, NULL, rd_test_async_ready_cb, &result);
  g_assert_true (rd_ical_export_file_finish (store, rd_test_wait_result (&result), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_clear_object (&result);

  g_assert_true (g_file_get_contents (ics, &data, NULL, &error));
  calendar = icalparser_parse_string (data);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  icalcomponent_free (calendar);
  g_assert_no_errno (g_remove (ics));

  /* Cancelled first: no file. */
  g_cancellable_cancel (cancellable);
  rd_ical_export_file_async (store, ics, cancellable, rd_test_async_ready_cb, &result);
  g_assert_false (rd_ical_export_file_finish (store, rd_test_wait_result (&result), &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (ics, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static JsonObject *
parse_doc (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_node_dup_object (node);
}

/* Every known future date is in the calendar, however far ahead. */
static void
test_every_future_date (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *data = NULL;
  g_autoptr(RdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 11, 22, 20, 0, 0);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RdReminderPrefs prefs;
  icalcomponent *calendar;
  icalcomponent *event;
  guint n = 0;
  static const struct { const char *summary; const char *dtstart; } expected[] = {
    { "Start the renewal conversation with Nordlicht Energie AG", "20280802T070000Z" },
    { "Nordlicht Energie AG: the contract ends", "20281130T080000Z" },
    { "Nordlicht Energie AG: the bridge ends", "20281130T080000Z" },
    { "Nordlicht Energie AG: their decision is due", "20270930T070000Z" },
    { "Time to re-engage Lindenhof GmbH", "20271101T080000Z" },
  };

  path = rd_test_make_tmp_db (&dir);
  store = rd_store_new (path, NULL, &error);
  g_assert_no_error (error);

  g_ptr_array_add (docs, parse_doc ("{\"_id\":\"account:0b6f3a52-1c7e-4f55-9d4e-2a1b7c9e5f10\","
                                    "\"type\":\"account\",\"name\":\"Nordlicht Energie AG\",\"currency\":\"EUR\","
                                    "\"status\":\"active\",\"contract_end\":\"2028-09-30\","
                                    "\"effective_end\":\"2028-11-30\"}"));
  g_ptr_array_add (docs, parse_doc ("{\"_id\":\"account:6d2e8f10-4b63-4a21-8e5f-3c2d1b0a9f87\","
                                    "\"type\":\"account\",\"name\":\"Lindenhof GmbH\",\"currency\":\"EUR\","
                                    "\"status\":\"lost\"}"));
  g_assert_true (rd_store_put_documents (store, docs, &error));
  g_assert_no_error (error);
  g_ptr_array_set_size (docs, 0);
  g_ptr_array_add (docs, parse_doc ("{\"_id\":\"bridge:4f559d4e-2a1b-4c9e-8f14-0b6f3a521c7e\",\"type\":\"bridge\","
                                    "\"account_id\":\"0b6f3a52-1c7e-4f55-9d4e-2a1b7c9e5f10\",\"kind\":\"month_to_month\","
                                    "\"status\":\"accepted\",\"starts_on\":\"2028-10-01\",\"ends_on\":\"2028-11-30\"}"));
  g_ptr_array_add (docs, parse_doc ("{\"_id\":\"delay:1c7e0b6f-3a52-4f55-9d4e-2a1b7c9e5f11\",\"type\":\"delay\","
                                    "\"account_id\":\"0b6f3a52-1c7e-4f55-9d4e-2a1b7c9e5f10\",\"status\":\"open\","
                                    "\"communicated_on\":\"2026-11-20\",\"decision_by\":\"2027-09-30\"}"));
  g_ptr_array_add (docs, parse_doc ("{\"_id\":\"loss:5f150b6f-3a52-4c7e-9d4e-2a1b7c9e4f55\",\"type\":\"loss\","
                                    "\"account_id\":\"6d2e8f10-4b63-4a21-8e5f-3c2d1b0a9f87\",\"reason\":\"pricing\","
                                    "\"closed_on\":\"2026-11-01\",\"reengage_on\":\"2027-11-01\"}"));
  g_assert_true (rd_store_put_documents (store, docs, &error));
  g_assert_no_error (error);

  rd_reminder_prefs_init (&prefs);
  prefs.weekly_enabled = FALSE;
  g_assert_true (rd_reminders_refresh (store, &prefs, tz, now, &error));
  g_assert_no_error (error);

  ics = g_build_filename (dir, "reminders.ics", NULL);
  g_assert_true (rd_ical_export_file (store, ics, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));

  g_assert_true (g_file_get_contents (ics, &data, NULL, &error));
  calendar = icalparser_parse_string (data);
  g_assert_nonnull (calendar);
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *summary = icalcomponent_get_summary (event);
      const char *start = icaltime_as_ical_string (icalcomponent_get_dtstart (event));

      g_test_message ("%s at %s", summary, start);
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        if (g_str_equal (summary, expected[i].summary) && g_str_equal (start, expected[i].dtstart))
          g_hash_table_add (seen, g_strdup (summary));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (expected));
  icalcomponent_free (calendar);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* Raw control characters in a record (an escape sequence pasted from a
 * terminal, a form feed, a C1 control) are not TEXT in RFC 5545. */
static void
test_control_characters (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  rd_ical_append_line (out, "SUMMARY", "Acme\x01 \x1b[31mRed\x7f\xc2\x85 Ltd\r\tend\x0c", TRUE);

  g_assert_cmpstr (out->str, ==, "SUMMARY:Acme [31mRed Ltd end\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ical/line-folding", test_line_folding);
  g_test_add_func ("/ical/control-characters", test_control_characters);
  g_test_add_func ("/ical/roundtrip", test_roundtrip);
  g_test_add_func ("/ical/export-file", test_export_file);
  g_test_add_func ("/ical/export-file-async", test_export_file_async);
  g_test_add_func ("/ical/every-future-date", test_every_future_date);

  return g_test_run ();
}
