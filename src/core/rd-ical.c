/* rd-ical.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-ical"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-ical.h"
#include "rd-reminder-refresh.h"
#include "rd-task.h"

#define MAX_OCTETS 75

static char *
escape_text (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ';':  g_string_append (out, "\\;"); break;
        case ',':  g_string_append (out, "\\,"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append_c (out, ' '); break;
        default:
          /* RFC 5545 TEXT allows no control characters (a raw one ends a
           * line or breaks a calendar's parser): dropped. */
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
            break;
          g_string_append_unichar (out, c);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

static char *
format_utc (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);

  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

void
rd_ical_append_line (GString    *out,
                     const char *name,
                     const char *value,
                     gboolean    escape)
{
  g_autofree char *escaped = NULL;
  g_autofree char *line = NULL;
  const char *p;
  gsize width = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  if (escape)
    value = escaped = escape_text (value);
  line = g_strconcat (name, ":", value, NULL);

  /* Fold before 75 octets, never inside a UTF-8 sequence; a continuation
   * line starts with a space, which counts. */
  for (p = line; *p != '\0';)
    {
      const char *next = g_utf8_next_char (p);
      gsize len = next - p;

      if (width + len > MAX_OCTETS)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }
      g_string_append_len (out, p, len);
      width += len;
      p = next;
    }
  g_string_append (out, "\r\n");
}

char *
rd_ical_build (GPtrArray *reminders,
               GDateTime *stamp)
{
  GString *out;
  g_autofree char *dtstamp = NULL;

  g_return_val_if_fail (reminders != NULL, NULL);
  g_return_val_if_fail (stamp != NULL, NULL);

  dtstamp = format_utc (stamp);
  out = g_string_new (NULL);
  rd_ical_append_line (out, "BEGIN", "VCALENDAR", FALSE);
  rd_ical_append_line (out, "VERSION", "2.0", FALSE);
  rd_ical_append_line (out, "PRODID", "-//Renewal Desk//Renewal Desk " PACKAGE_VERSION "//EN",
                       FALSE);
  rd_ical_append_line (out, "CALSCALE", "GREGORIAN", FALSE);
  rd_ical_append_line (out, "X-WR-CALNAME", _("Renewal Desk reminders"), TRUE);

  for (guint i = 0; i < reminders->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (reminders, i);
      g_autoptr(GDateTime) due = NULL;
      g_autofree char *uid = NULL;
      g_autofree char *dtstart = NULL;
      g_autofree char *description = NULL;
      const char *title = rd_document_get_string (reminder, "title");
      const char *account = rd_document_get_string (reminder, "account_name");

      if (rd_reminder_is_done (reminder) || rd_reminder_get_uuid (reminder) == NULL)
        continue;
      due = rd_reminder_get_effective_due (reminder);
      if (due == NULL)
        continue;

      uid = g_strconcat (rd_reminder_get_uuid (reminder), "@renewaldesk", NULL);
      dtstart = format_utc (due);
      if (title == NULL)
        title = rd_reminder_get_kind_label (reminder);
      if (account != NULL)
        /* Translators: iCalendar description: "Reconnect — Account: Nordlicht AG" */
        description = g_strdup_printf (_("%s — Account: %s"),
                                       rd_reminder_get_kind_label (reminder), account);
      else
        description = g_strdup (rd_reminder_get_kind_label (reminder));

      rd_ical_append_line (out, "BEGIN", "VEVENT", FALSE);
      rd_ical_append_line (out, "UID", uid, FALSE);
      rd_ical_append_line (out, "DTSTAMP", dtstamp, FALSE);
      rd_ical_append_line (out, "DTSTART", dtstart, FALSE);
      rd_ical_append_line (out, "DURATION", "PT15M", FALSE);
      rd_ical_append_line (out, "SUMMARY", title, TRUE);
      rd_ical_append_line (out, "DESCRIPTION", description, TRUE);
      rd_ical_append_line (out, "CATEGORIES", rd_reminder_get_kind_label (reminder), TRUE);
      rd_ical_append_line (out, "TRANSP", "TRANSPARENT", FALSE);
      rd_ical_append_line (out, "BEGIN", "VALARM", FALSE);
      rd_ical_append_line (out, "ACTION", "DISPLAY", FALSE);
      rd_ical_append_line (out, "DESCRIPTION", title, TRUE);
      rd_ical_append_line (out, "TRIGGER", "PT0S", FALSE);
      rd_ical_append_line (out, "END", "VALARM", FALSE);
      rd_ical_append_line (out, "END", "VEVENT", FALSE);
    }

  rd_ical_append_line (out, "END", "VCALENDAR", FALSE);

  return g_string_free (out, FALSE);
}

gboolean
rd_ical_export_file (RdStore     *store,
                     const char  *path,
                     guint       *n_written,
                     GError     **error)
{
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  reminders = rd_reminders_list_open (store, error);
  if (reminders == NULL)
    return FALSE;

  now = g_date_time_new_now_utc ();
  data = rd_ical_build (reminders, now);

  if (n_written != NULL)
    *n_written = reminders->len;

  return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
export_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  RdStore *store = source_object;
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!rd_ical_export_file (store, path, &n, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

void
rd_ical_export_file_async (RdStore             *store,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  rd_task_run_in_thread (store, rd_ical_export_file_async, g_strdup (path), g_free,
                         export_file_thread, cancellable, callback, user_data);
}

gboolean
rd_ical_export_file_finish (RdStore       *store,
                            GAsyncResult  *result,
                            guint         *n_written,
                            GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  return rd_task_propagate_count (store, result, rd_ical_export_file_async, n_written, error);
}
