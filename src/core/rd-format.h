/* rd-format.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates ("YYYY-MM-DD"), money (minor units + ISO 4217) and ISO codes:
 * parsing, validation and locale-aware formatting.  Pure GLib. */

/* The years a date may have: a contract of 0100 or 20026 is a typing slip. */
#define RD_DATE_MIN_YEAR 1900
#define RD_DATE_MAX_YEAR 9999

/* Strict, as documents and the database carry dates: exactly YYYY-MM-DD, a
 * real calendar day, a year from RD_DATE_MIN_YEAR to RD_DATE_MAX_YEAR. */
gboolean  rd_date_parse            (const char  *text,
                                    GDate       *out);
/* rd_date_parse() that says what is wrong, in a translated error: not
 * YYYY-MM-DD, the year out of range, or no such day (2026-02-30). */
gboolean  rd_date_check            (const char  *text,
                                    GError     **error);
/* The one parser of dates people type, in the editor and in CSV files alike:
 * ISO 2026-12-31; 2026/12/31; 31.12.2026; 2026. 12. 31. (Hungarian);
 * 2026年12月31日; 31/12/2026 where the day cannot be a month; the region's
 * short format (nl_langinfo (D_FMT) with a four-digit year, read with
 * strptime(3): 12/31/2026 under en_US and C) and what rd_date_format() shows.
 * Refuses impossible days and years out of range, as rd_date_check() does.
 * Returns a new "YYYY-MM-DD", or NULL and a translated error. */
char     *rd_date_normalize        (const char  *text,
                                    GError     **error);
char     *rd_date_to_string        (const GDate *date);
/* @iso ("YYYY-MM-DD") moved by @days (negative: earlier), as "YYYY-MM-DD";
 * NULL when @iso is NULL or not a valid date. */
char     *rd_date_shift            (const char  *iso,
                                    int          days);
void      rd_date_today            (GDate       *out);
/* Whole days from @from to @to ("YYYY-MM-DD"); G_MININT if @to is invalid. */
int       rd_date_days_between     (const GDate *from,
                                    const char  *to);
/* Whole calendar days from @from's day to @to's (their own time zones). */
int       rd_date_time_days_between (GDateTime  *from,
                                     GDateTime  *to);
/* The region's date (LC_TIME's order: "31.12.2026", "2026年12月31日"; under
 * the C locale the translation's, e.g. "31 Dec 2026"); "" for NULL. */
char     *rd_date_format           (const char  *iso);
/* The first day of the week in the user's region (LC_TIME): Monday in
 * de_DE, hu_HU, ms_MY and zh_CN, Sunday in en_US and ja_JP. */
GDateWeekday rd_locale_first_weekday (void);
/* The first day (per rd_locale_first_weekday()) of the week @day is in. */
void      rd_locale_week_start     (const GDate *day,
                                    GDate       *out);
/* "today", "tomorrow", "in 12 days", "3 days overdue", "yesterday"… */
char     *rd_date_format_relative  (int          days);

gboolean  rd_instant_is_valid      (const char  *text);   /* UTC ISO 8601 */
char     *rd_instant_now           (void);                /* e.g. 2026-11-22T20:47:57.123Z */

gboolean  rd_currency_is_valid     (const char  *code);
/* Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD. */
int       rd_currency_minor_digits (const char  *code);
/* "€1,234.56" / "1.234,56 €" / "¥1,235" for the current locale. */
char     *rd_money_format          (gint64       minor,
                                    const char  *currency);
/* Parses "1234.56", "1,234.56", "1.234,56" (locale separators) into minor units. */
gboolean  rd_money_parse           (const char  *text,
                                    const char  *currency,
                                    gint64      *out_minor,
                                    GError     **error);

gboolean  rd_country_is_valid      (const char  *code);   /* ISO 3166-1 alpha-2 */

/* @text casefolded, without spaces and punctuation: "Contract End",
 * "contract_end" and "CONTRACT-END" give the same key. */
char     *rd_match_key             (const char  *text);

/* Additions: the tables, for combo rows, and the pieces of rd_money_format(). */
const char * const *rd_currency_codes (guint *n_codes);  /* sorted, NULL-terminated */
const char * const *rd_country_codes  (guint *n_codes);  /* sorted, NULL-terminated */
/* "€", "$", "CHF"…, else the code itself. */
const char *rd_currency_symbol     (const char  *code);
/* The amount alone, with the locale's separators: "1,234.56". */
char     *rd_money_format_number   (gint64       minor,
                                    const char  *currency);

G_END_DECLS
