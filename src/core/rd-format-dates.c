/* rd-format-dates.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Dates (rd-format.h): the one parser of typed dates, the strict one of
 * stored dates, and the region's way of showing them. */

#define G_LOG_DOMAIN "rd-format"

/* strptime(3) */
#define _GNU_SOURCE

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n-lib.h>

#include "rd-format.h"

/* Checks a day given as numbers: the year first (a clear message for
 * 0100 or 10000), then the calendar (30 February). */
static gboolean
check_ymd (const char  *text,
           guint        y,
           guint        m,
           guint        d,
           GDate       *out,
           GError     **error)
{
  if (y < RD_DATE_MIN_YEAR || y > RD_DATE_MAX_YEAR)
    {
      /* Translators: the date as typed, then the first and last year allowed */
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   _("“%s”: the year must be between %d and %d"), text, RD_DATE_MIN_YEAR,
                   RD_DATE_MAX_YEAR);
      return FALSE;
    }

  if (m < 1 || m > 12 || d < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   _("“%s” is not a day of the calendar"), text);
      return FALSE;
    }

  if (out != NULL)
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
    }

  return TRUE;
}

/* Exactly YYYY-MM-DD; the numbers are checked by check_ymd(). */
static gboolean
split_iso (const char *text,
           guint      *y,
           guint      *m,
           guint      *d)
{
  guint n[3] = { 0, 0, 0 };
  guint part = 0;

  if (text == NULL)
    return FALSE;

  /* Read as it is checked, without strlen or strtoull: an import reads
   * two dates a row. */
  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (text[i] != '-')
            return FALSE;
          part++;
        }
      else if (g_ascii_isdigit (text[i]))
        n[part] = 10 * n[part] + (guint) (text[i] - '0');
      else
        return FALSE;
    }
  if (text[10] != '\0')
    return FALSE;

  *y = n[0];
  *m = n[1];
  *d = n[2];

  return TRUE;
}

/* "%04u-%02u-%02u" without printf: a large import writes many dates. */
static char *
format_ymd (guint y,
            guint m,
            guint d)
{
  char *text;

  if (y > 9999)
    return g_strdup_printf ("%04u-%02u-%02u", y, m, d);

  text = g_malloc (11);
  text[0] = (char) ('0' + y / 1000);
  text[1] = (char) ('0' + y / 100 % 10);
  text[2] = (char) ('0' + y / 10 % 10);
  text[3] = (char) ('0' + y % 10);
  text[4] = '-';
  text[5] = (char) ('0' + m / 10);
  text[6] = (char) ('0' + m % 10);
  text[7] = '-';
  text[8] = (char) ('0' + d / 10);
  text[9] = (char) ('0' + d % 10);
  text[10] = '\0';

  return text;
}

gboolean
rd_date_parse (const char *text,
               GDate      *out)
{
  guint y, m, d;

  if (!split_iso (text, &y, &m, &d))
    return FALSE;

  return check_ymd (text, y, m, d, out, NULL);
}

char *
rd_date_to_string (const GDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  if (!g_date_valid (date))
    return NULL;

  return format_ymd (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

char *
rd_date_shift (const char *iso,
               int         days)
{
  GDate date;

  if (iso == NULL || !rd_date_parse (iso, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);

  return rd_date_to_string (&date);
}

static gboolean
locale_is_c (const char *name)
{
  return name == NULL || strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0
         || g_str_has_prefix (name, "C.");
}

/* @d_fmt (a strftime(3) format) as a list shows it: a four-digit year, since
 * en_GB's %d/%m/%y would make 2026 and 1926 alike, and no weekday (ms_MY's
 * "%A %d %b %Y"). */
static char *
list_format (const char *d_fmt)
{
  GString *fmt = g_string_new (NULL);

  for (const char *p = d_fmt; *p; p++)
    {
      if (p[0] == '%' && p[1] == 'y')
        {
          g_string_append (fmt, "%Y");
          p++;
        }
      else if (p[0] == '%' && (p[1] == 'A' || p[1] == 'a'))
        {
          p++;
          while (p[1] == ',' || p[1] == ' ')
            p++;
        }
      else
        g_string_append_c (fmt, *p);
    }

  return g_string_free (fmt, FALSE);
}

/* The strftime(3) format of rd_date_format().  The user's regional format
 * (LC_TIME, "Formats" in Settings) wins: its date order, e.g. 31.12.2026,
 * 2026年12月31日, 2026. 12. 31., 12/31/2026, with a four-digit year.  Under
 * the C locale the translators choose, by language. */
static char *
date_format (void)
{
  const char *d_fmt;

  d_fmt = locale_is_c (setlocale (LC_TIME, NULL)) ? NULL : nl_langinfo (D_FMT);
  if (d_fmt == NULL || *d_fmt == '\0')
    /* Translators: a date as shown in lists, see strftime(3); e.g. "31 Dec 2026".
     * Used only when no regional format is set (the C locale); put the parts in
     * your language's usual order, e.g. "%Y年%-m月%-d日" */
    return g_strdup (_("%e %b %Y"));

  return list_format (d_fmt);
}

/* The numbers of a date written with separators: "2026-12-31",
 * "2026/12/31", "31.12.2026", "2026. 12. 31." (Hungarian, spaces and the
 * final dot optional), "2026年12月31日" (also with fullwidth digits). */
typedef struct
{
  guint    value[3];
  guint    n_digits[3];
  gunichar sep[3];      /* after each number; 0 for none */
  guint    n;
} DateParts;

static gboolean
split_date (const char *text,
            DateParts  *parts)
{
  gboolean in_number = FALSE;

  memset (parts, 0, sizeof *parts);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int digit = g_unichar_digit_value (c);

      if (digit >= 0)
        {
          if (!in_number)
            {
              /* Two numbers need a separator between them ("2026 12 31" is not one). */
              if (parts->n == 3 || (parts->n > 0 && parts->sep[parts->n - 1] == 0))
                return FALSE;
              parts->n++;
              in_number = TRUE;
            }
          if (++parts->n_digits[parts->n - 1] > 6)
            return FALSE;
          parts->value[parts->n - 1] = parts->value[parts->n - 1] * 10 + (guint) digit;
        }
      else if (g_unichar_isspace (c))
        in_number = FALSE;
      else if (c == '-' || c == '/' || c == '.' || c == 0x5E74 /* 年 */ || c == 0x6708 /* 月 */
               || c == 0x65E5 /* 日 */)
        {
          if (parts->n == 0 || parts->sep[parts->n - 1] != 0)
            return FALSE;
          parts->sep[parts->n - 1] = c;
          in_number = FALSE;
        }
      else
        return FALSE;
    }

  return parts->n == 3;
}

/* The numbered forms every region writes the same way; FALSE when @text is
 * none of them (it may still be the locale's, see parse_locale()). */
static gboolean
parse_numbered (const char  *text,
                guint       *y,
                guint       *m,
                guint       *d)
{
  DateParts parts;
  gunichar s;

  if (!split_date (text, &parts))
    return FALSE;

  s = parts.sep[0];
  if (parts.n_digits[1] > 2)
    return FALSE;

  /* Year first: 2026-12-31, 2026/12/31, 2026.12.31, 2026. 12. 31. */
  if (parts.n_digits[0] >= 3 && parts.n_digits[2] <= 2 && (s == '-' || s == '/' || s == '.')
      && parts.sep[1] == s && (parts.sep[2] == 0 || (s == '.' && parts.sep[2] == '.')))
    goto ymd;

  /* 2026年12月31日 */
  if (parts.n_digits[0] >= 3 && parts.n_digits[2] <= 2 && s == 0x5E74 && parts.sep[1] == 0x6708
      && parts.sep[2] == 0x65E5)
    goto ymd;

  if (parts.n_digits[0] > 2 || parts.n_digits[2] < 3 || parts.sep[1] != s || parts.sep[2] != 0)
    return FALSE;

  /* 31.12.2026 (German), and 31/12/2026 where it cannot be month first. */
  if (s == '.' || (s == '/' && parts.value[0] > 12))
    {
      *d = parts.value[0];
      *m = parts.value[1];
      *y = parts.value[2];
      return TRUE;
    }

  return FALSE;

ymd:
  *y = parts.value[0];
  *m = parts.value[1];
  *d = parts.value[2];
  return TRUE;
}

/* strptime(3) with @format; the whole of @text must match. */
static gboolean
parse_with_format (const char  *text,
                   const char  *format,
                   guint       *y,
                   guint       *m,
                   guint       *d)
{
  struct tm tm;
  const char *end;

  memset (&tm, 0, sizeof tm);
  tm.tm_year = G_MININT / 2;
  end = strptime (text, format, &tm);
  if (end == NULL || tm.tm_year == G_MININT / 2)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || tm.tm_year < -1900)
    return FALSE;

  *y = (guint) (tm.tm_year + 1900);
  *m = (guint) (tm.tm_mon + 1);
  *d = (guint) tm.tm_mday;
  return TRUE;
}

/* The region's short format (D_FMT, with a four-digit year: under the C
 * locale 12/31/2026), and what rd_date_format() shows ("31 Dec 2026"), so
 * that every date the app writes can be typed back. */
static gboolean
parse_locale (const char *text,
              guint      *y,
              guint      *m,
              guint      *d)
{
  g_autofree char *d_fmt = NULL;
  g_autofree char *shown = NULL;
  const char *raw = nl_langinfo (D_FMT);

  if (raw != NULL && *raw != '\0')
    {
      d_fmt = list_format (raw);
      if (parse_with_format (text, d_fmt, y, m, d))
        return TRUE;
    }

  shown = date_format ();
  return g_strcmp0 (shown, d_fmt) != 0 && parse_with_format (text, shown, y, m, d);
}

gboolean
rd_date_check (const char  *text,
               GError     **error)
{
  guint y, m, d;

  g_return_val_if_fail (text != NULL, FALSE);

  if (split_iso (text, &y, &m, &d))
    return check_ymd (text, y, m, d, NULL, error);

  /* 10000-01-01 is a year too far rather than the wrong format. */
  if (parse_numbered (text, &y, &m, &d) && (y < RD_DATE_MIN_YEAR || y > RD_DATE_MAX_YEAR))
    return check_ymd (text, y, m, d, NULL, error);

  g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
               _("“%s” is not a date; use YYYY-MM-DD"), text);
  return FALSE;
}

char *
rd_date_normalize (const char  *text,
                   GError     **error)
{
  g_autofree char *stripped = NULL;
  guint y = 0, m = 0, d = 0;
  GDate date;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));

  /* Already the form it is stored in: the day checked, the text kept (the
   * same digits rd_date_to_string() would print). */
  if (split_iso (stripped, &y, &m, &d))
    return check_ymd (stripped, y, m, d, NULL, error) ? g_steal_pointer (&stripped) : NULL;

  if (parse_numbered (stripped, &y, &m, &d) || parse_locale (stripped, &y, &m, &d))
    {
      if (!check_ymd (stripped, y, m, d, &date, error))
        return NULL;
      return rd_date_to_string (&date);
    }

  g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
               _("“%s” is not a date; use YYYY-MM-DD or the format of your region"), stripped);
  return NULL;
}

void
rd_date_today (GDate *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (out != NULL);

  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

int
rd_date_days_between (const GDate *from,
                      const char  *to)
{
  GDate to_date;

  g_return_val_if_fail (from != NULL && g_date_valid (from), G_MININT);

  if (!rd_date_parse (to, &to_date))
    return G_MININT;

  return g_date_days_between (from, &to_date);
}

int
rd_date_time_days_between (GDateTime *from,
                           GDateTime *to)
{
  GDate a, b;

  g_return_val_if_fail (from != NULL && to != NULL, 0);

  g_date_set_dmy (&a, g_date_time_get_day_of_month (from), g_date_time_get_month (from),
                  g_date_time_get_year (from));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (to), g_date_time_get_month (to),
                  g_date_time_get_year (to));

  return g_date_days_between (&a, &b);
}

char *
rd_date_format (const char *iso)
{
  g_autofree char *format = NULL;
  GDate date;
  char buf[128];

  if (iso == NULL)
    return g_strdup ("");

  if (!rd_date_parse (iso, &date))
    return g_strdup (iso);

  format = date_format ();
  if (g_date_strftime (buf, sizeof buf, format, &date) == 0)
    return g_strdup (iso);

  return g_strdup (g_strstrip (buf));
}

GDateWeekday
rd_locale_first_weekday (void)
{
#ifdef __GLIBC__
  /* As GtkCalendar reads it: the day glibc's week numbering starts from
   * (a Sunday or a Monday), plus the locale's first weekday counted from
   * that day (1 = that day itself). */
  union { unsigned int word; char *string; } langinfo;
  int first_weekday, week_1stday;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  if (langinfo.word == 19971130)        /* a Sunday */
    week_1stday = 0;
  else if (langinfo.word == 19971201)   /* a Monday */
    week_1stday = 1;
  else
    return G_DATE_MONDAY;               /* unknown: ISO 8601 */

  /* 0 = Sunday … 6 = Saturday; GDateWeekday has Monday = 1 … Sunday = 7. */
  switch ((week_1stday + first_weekday - 1 + 7) % 7)
    {
    case 0: return G_DATE_SUNDAY;
    case 1: return G_DATE_MONDAY;
    case 2: return G_DATE_TUESDAY;
    case 3: return G_DATE_WEDNESDAY;
    case 4: return G_DATE_THURSDAY;
    case 5: return G_DATE_FRIDAY;
    default: return G_DATE_SATURDAY;
    }
#else
  return G_DATE_MONDAY;
#endif
}

void
rd_locale_week_start (const GDate *day,
                      GDate       *out)
{
  int back;

  g_return_if_fail (day != NULL && g_date_valid (day));
  g_return_if_fail (out != NULL);

  back = ((int) g_date_get_weekday (day) - (int) rd_locale_first_weekday () + 7) % 7;
  *out = *day;
  g_date_subtract_days (out, (guint) back);
}

char *
rd_date_format_relative (int days)
{
  if (days == 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("tomorrow"));
  if (days == -1)
    return g_strdup (_("yesterday"));
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", days), days);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue", -days),
                          -days);
}

