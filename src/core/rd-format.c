/* rd-format.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-format"

#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-format.h"

typedef struct
{
  char        code[4];
  guint8      digits;
  const char *symbol;   /* NULL: show the code */
} RdCurrency;

/* ISO 4217 active currencies with their minor units. */
static const RdCurrency currencies[] = {
  { "AED", 2, NULL }, { "AFN", 2, NULL }, { "ALL", 2, NULL }, { "AMD", 2, NULL },
  { "ANG", 2, NULL }, { "AOA", 2, NULL }, { "ARS", 2, NULL }, { "AUD", 2, "A$" },
  { "AWG", 2, NULL }, { "AZN", 2, NULL }, { "BAM", 2, NULL }, { "BBD", 2, NULL },
  { "BDT", 2, NULL }, { "BGN", 2, NULL }, { "BHD", 3, NULL }, { "BIF", 0, NULL },
  { "BMD", 2, NULL }, { "BND", 2, NULL }, { "BOB", 2, NULL }, { "BRL", 2, "R$" },
  { "BSD", 2, NULL }, { "BTN", 2, NULL }, { "BWP", 2, NULL }, { "BYN", 2, NULL },
  { "BZD", 2, NULL }, { "CAD", 2, "CA$" }, { "CDF", 2, NULL }, { "CHF", 2, "CHF" },
  { "CLF", 4, NULL }, { "CLP", 0, NULL }, { "CNY", 2, "CN¥" }, { "COP", 2, NULL },
  { "CRC", 2, NULL }, { "CUP", 2, NULL }, { "CVE", 2, NULL }, { "CZK", 2, "Kč" },
  { "DJF", 0, NULL }, { "DKK", 2, "kr." }, { "DOP", 2, NULL }, { "DZD", 2, NULL },
  { "EGP", 2, NULL }, { "ERN", 2, NULL }, { "ETB", 2, NULL }, { "EUR", 2, "€" },
  { "FJD", 2, NULL }, { "FKP", 2, NULL }, { "GBP", 2, "£" }, { "GEL", 2, NULL },
  { "GHS", 2, NULL }, { "GIP", 2, NULL }, { "GMD", 2, NULL }, { "GNF", 0, NULL },
  { "GTQ", 2, NULL }, { "GYD", 2, NULL }, { "HKD", 2, "HK$" }, { "HNL", 2, NULL },
  { "HTG", 2, NULL }, { "HUF", 2, "Ft" }, { "IDR", 2, "Rp" }, { "ILS", 2, "₪" },
  { "INR", 2, "₹" }, { "IQD", 3, NULL }, { "IRR", 2, NULL }, { "ISK", 0, NULL },
  { "JMD", 2, NULL }, { "JOD", 3, NULL }, { "JPY", 0, "¥" }, { "KES", 2, NULL },
  { "KGS", 2, NULL }, { "KHR", 2, NULL }, { "KMF", 0, NULL }, { "KPW", 2, NULL },
  { "KRW", 0, "₩" }, { "KWD", 3, NULL }, { "KYD", 2, NULL }, { "KZT", 2, NULL },
  { "LAK", 2, NULL }, { "LBP", 2, NULL }, { "LKR", 2, NULL }, { "LRD", 2, NULL },
  { "LSL", 2, NULL }, { "LYD", 3, NULL }, { "MAD", 2, NULL }, { "MDL", 2, NULL },
  { "MGA", 2, NULL }, { "MKD", 2, NULL }, { "MMK", 2, NULL }, { "MNT", 2, NULL },
  { "MOP", 2, NULL }, { "MRU", 2, NULL }, { "MUR", 2, NULL }, { "MVR", 2, NULL },
  { "MWK", 2, NULL }, { "MXN", 2, "MX$" }, { "MYR", 2, "RM" }, { "MZN", 2, NULL },
  { "NAD", 2, NULL }, { "NGN", 2, "₦" }, { "NIO", 2, NULL }, { "NOK", 2, "kr" },
  { "NPR", 2, NULL }, { "NZD", 2, "NZ$" }, { "OMR", 3, NULL }, { "PAB", 2, NULL },
  { "PEN", 2, NULL }, { "PGK", 2, NULL }, { "PHP", 2, "₱" }, { "PKR", 2, NULL },
  { "PLN", 2, "zł" }, { "PYG", 0, NULL }, { "QAR", 2, NULL }, { "RON", 2, NULL },
  { "RSD", 2, NULL }, { "RUB", 2, "₽" }, { "RWF", 0, NULL }, { "SAR", 2, NULL },
  { "SBD", 2, NULL }, { "SCR", 2, NULL }, { "SDG", 2, NULL }, { "SEK", 2, "kr" },
  { "SGD", 2, "S$" }, { "SHP", 2, NULL }, { "SLE", 2, NULL }, { "SOS", 2, NULL },
  { "SRD", 2, NULL }, { "SSP", 2, NULL }, { "STN", 2, NULL }, { "SVC", 2, NULL },
  { "SYP", 2, NULL }, { "SZL", 2, NULL }, { "THB", 2, "฿" }, { "TJS", 2, NULL },
  { "TMT", 2, NULL }, { "TND", 3, NULL }, { "TOP", 2, NULL }, { "TRY", 2, "₺" },
  { "TTD", 2, NULL }, { "TWD", 2, "NT$" }, { "TZS", 2, NULL }, { "UAH", 2, "₴" },
  { "UGX", 0, NULL }, { "USD", 2, "$" }, { "UYU", 2, NULL }, { "UZS", 2, NULL },
  { "VES", 2, NULL }, { "VND", 0, "₫" }, { "VUV", 0, NULL }, { "WST", 2, NULL },
  { "XAF", 0, NULL }, { "XCD", 2, NULL }, { "XOF", 0, NULL }, { "XPF", 0, NULL },
  { "YER", 2, NULL }, { "ZAR", 2, "R" }, { "ZMW", 2, NULL }, { "ZWL", 2, NULL },
};

/* ISO 3166-1 alpha-2: all 249 officially assigned codes. */
static const char * const countries[] = {
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
  "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
  "BT", "BV", "BW", "BY", "BZ",
  "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW",
  "CX", "CY", "CZ",
  "DE", "DJ", "DK", "DM", "DO", "DZ",
  "EC", "EE", "EG", "EH", "ER", "ES", "ET",
  "FI", "FJ", "FK", "FM", "FO", "FR",
  "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT",
  "GU", "GW", "GY",
  "HK", "HM", "HN", "HR", "HT", "HU",
  "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
  "JE", "JM", "JO", "JP",
  "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",
  "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
  "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
  "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
  "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
  "OM",
  "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",
  "QA",
  "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
  "ST", "SV", "SX", "SY", "SZ",
  "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",
  "UA", "UG", "UM", "US", "UY", "UZ",
  "VA", "VC", "VE", "VG", "VI", "VN", "VU",
  "WF", "WS",
  "YE", "YT",
  "ZA", "ZM", "ZW",
  NULL
};

static const RdCurrency *
find_currency (const char *code)
{
  guint lo = 0;
  guint hi = G_N_ELEMENTS (currencies);

  if (code == NULL || strlen (code) != 3)
    return NULL;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int cmp = strcmp (code, currencies[mid].code);

      if (cmp == 0)
        return &currencies[mid];
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }

  return NULL;
}

static int
compare_country (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Instants */

gboolean
rd_instant_is_valid (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *date_part = NULL;
  gsize len;

  if (text == NULL)
    return FALSE;

  len = strlen (text);
  if (len < 20 || text[10] != 'T')
    return FALSE;
  date_part = g_strndup (text, 10);
  if (!rd_date_parse (date_part, NULL))
    return FALSE;
  if (!(text[len - 1] == 'Z' || g_str_has_suffix (text, "+00:00")))
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

char *
rd_instant_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (now) / 1000);
}

/* Currencies and countries */

gboolean
rd_currency_is_valid (const char *code)
{
  return find_currency (code) != NULL;
}

int
rd_currency_minor_digits (const char *code)
{
  const RdCurrency *c = find_currency (code);

  return c != NULL ? c->digits : 2;
}

const char *
rd_currency_symbol (const char *code)
{
  const RdCurrency *c = find_currency (code);

  if (c == NULL)
    return code;

  return c->symbol != NULL ? c->symbol : c->code;
}

const char * const *
rd_currency_codes (guint *n_codes)
{
  static const char *codes[G_N_ELEMENTS (currencies) + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
        codes[i] = currencies[i].code;
      g_once_init_leave (&initialized, 1);
    }

  if (n_codes != NULL)
    *n_codes = G_N_ELEMENTS (currencies);

  return codes;
}

gboolean
rd_country_is_valid (const char *code)
{
  if (code == NULL || strlen (code) != 2)
    return FALSE;

  return bsearch (&code, countries, G_N_ELEMENTS (countries) - 1,
                  sizeof (char *), compare_country) != NULL;
}

const char * const *
rd_country_codes (guint *n_codes)
{
  if (n_codes != NULL)
    *n_codes = G_N_ELEMENTS (countries) - 1;

  return countries;
}

/* Money */

typedef struct
{
  char decimal[8];
  char thousands[8];
  char grouping[8];     /* as lconv's mon_grouping: group sizes from the right */
  gboolean symbol_first;
  gboolean symbol_space;
} MoneyLocale;

static void
copy_sep (char       *dest,
          gsize       size,
          const char *a,
          const char *b,
          const char *fallback)
{
  const char *src = (a != NULL && *a) ? a : (b != NULL && *b) ? b : fallback;

  g_strlcpy (dest, src, size);
}

static void
get_money_locale (MoneyLocale *ml)
{
  struct lconv *lc = localeconv ();

  copy_sep (ml->decimal, sizeof ml->decimal, lc->mon_decimal_point, nl_langinfo (RADIXCHAR), ".");
  copy_sep (ml->thousands, sizeof ml->thousands, lc->mon_thousands_sep, nl_langinfo (THOUSEP),
            strcmp (ml->decimal, ",") == 0 ? "." : ",");
  /* en_IN groups 12,34,567; the C locale says nothing: threes. */
  copy_sep (ml->grouping, sizeof ml->grouping, lc->mon_grouping, lc->grouping, "\3");

  /* The C locale answers CHAR_MAX: "unspecified", so use the symbol first. */
  ml->symbol_first = lc->p_cs_precedes == CHAR_MAX ? TRUE : lc->p_cs_precedes != 0;
  ml->symbol_space = lc->p_sep_by_space == CHAR_MAX ? !ml->symbol_first : lc->p_sep_by_space != 0;
}

static gboolean
symbol_is_word (const char *symbol)
{
  /* Codes and letter symbols (CHF, RM, Ft) read better with a space. */
  return g_utf8_strlen (symbol, -1) > 1 && g_unichar_isalpha (g_utf8_get_char (symbol))
         && g_unichar_isalpha (g_utf8_get_char (g_utf8_offset_to_pointer (symbol, g_utf8_strlen (symbol, -1) - 1)));
}

/* Sets @breaks[i] where a separator goes before digit i of a number of
 * @len digits, per @grouping (lconv's: the sizes of the groups from the
 * right; the last size repeats; CHAR_MAX ends the grouping). */
static void
mark_groups (const char *grouping,
             gsize       len,
             gboolean   *breaks)
{
  gsize pos = len;
  int size = 0;

  for (const char *g = grouping; ; g++)
    {
      if (*g == CHAR_MAX || (*g == '\0' && size == 0))
        return;
      if (*g != '\0')
        size = *g;
      if (size <= 0 || pos <= (gsize) size)
        return;
      pos -= size;
      breaks[pos] = TRUE;
      if (*g == '\0')
        g--;    /* the last size repeats */
    }
}

char *
rd_money_format_number (gint64      minor,
                        const char *currency)
{
  MoneyLocale ml;
  GString *out = g_string_new (NULL);
  int digits = rd_currency_minor_digits (currency);
  guint64 scale = 1;
  guint64 absval;
  guint64 major, frac;
  char intbuf[32];
  gboolean breaks[32] = { FALSE };
  gsize len;

  get_money_locale (&ml);

  for (int i = 0; i < digits; i++)
    scale *= 10;

  absval = minor < 0 ? (guint64) (-(minor + 1)) + 1 : (guint64) minor;
  major = absval / scale;
  frac = absval % scale;

  if (minor < 0)
    g_string_append_c (out, '-');

  g_snprintf (intbuf, sizeof intbuf, "%" G_GUINT64_FORMAT, major);
  len = strlen (intbuf);
  mark_groups (ml.grouping, len, breaks);
  for (gsize i = 0; i < len; i++)
    {
      if (breaks[i])
        g_string_append (out, ml.thousands);
      g_string_append_c (out, intbuf[i]);
    }

  if (digits > 0)
    {
      g_string_append (out, ml.decimal);
      g_string_append_printf (out, "%0*" G_GUINT64_FORMAT, digits, frac);
    }

  return g_string_free (out, FALSE);
}

/* The region's own symbol for its own currency: "¥" for JPY in ja_JP and
 * for CNY in zh_CN (rather than "CN¥"), "Ft" in hu_HU, "RM" in ms_MY. */
static const char *
local_symbol (const char *currency,
              char       *buf,
              gsize       size)
{
  struct lconv *lc = localeconv ();

  if (currency == NULL || lc->int_curr_symbol == NULL || lc->currency_symbol == NULL
      || *lc->currency_symbol == '\0' || strncmp (lc->int_curr_symbol, currency, 3) != 0)
    return NULL;

  /* ja_JP and zh_CN answer the fullwidth yen sign, which looks odd next to
   * the ASCII digits. */
  if (strcmp (lc->currency_symbol, "\xef\xbf\xa5") == 0)    /* U+FFE5 */
    return "¥";

  g_strlcpy (buf, lc->currency_symbol, size);
  return buf;
}

char *
rd_money_format (gint64      minor,
                 const char *currency)
{
  MoneyLocale ml;
  g_autofree char *number = rd_money_format_number (minor, currency);
  char local[16];
  const char *symbol = local_symbol (currency, local, sizeof local);
  gboolean space;

  if (symbol == NULL && currency != NULL)
    symbol = rd_currency_symbol (currency);

  if (symbol == NULL || *symbol == '\0')
    return g_steal_pointer (&number);

  get_money_locale (&ml);
  /* The region's own symbol spaced as the region does ("RM1,234.56" in ms_MY). */
  space = ml.symbol_space || (symbol != local && symbol_is_word (symbol));

  if (ml.symbol_first)
    return g_strconcat (symbol, space ? " " : "", number, NULL);
  else
    return g_strconcat (number, space ? " " : "", symbol, NULL);
}

static void
strip_affix (GString    *s,
             const char *affix)
{
  gsize alen;

  if (affix == NULL || *affix == '\0')
    return;

  alen = strlen (affix);
  if (g_str_has_prefix (s->str, affix))
    g_string_erase (s, 0, alen);
  else if (s->len >= alen && g_str_has_suffix (s->str, affix))
    g_string_truncate (s, s->len - alen);
}

/* @text without its spaces (NBSP and narrow NBSP group digits in many
 * locales), a leading "+", and the currency's symbol or code; NULL with the
 * error set when nothing is left, when it is negative or not UTF-8. */
static GString *
amount_digits (const char  *text,
               const char  *currency,
               GError     **error)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                       _("“%s” is not an amount; use digits, e.g. 1234.50"), text);
          return NULL;
        }
      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009)
        continue;
      g_string_append_unichar (s, c);
    }

  if (currency != NULL)
    {
      char local[16];
      const char *symbol = local_symbol (currency, local, sizeof local);

      /* What rd_money_format() writes here, and the fullwidth yen of CJK input. */
      if (symbol != NULL)
        strip_affix (s, symbol);
      strip_affix (s, rd_currency_symbol (currency));
      strip_affix (s, currency);
      if (g_str_equal (currency, "JPY") || g_str_equal (currency, "CNY"))
        {
          strip_affix (s, "¥");
          strip_affix (s, "\xef\xbf\xa5");
        }
    }

  if (s->len == 0)
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   _("Enter an amount"));
      return NULL;
    }

  if (s->str[0] == '-' || g_str_has_prefix (s->str, "−") || s->str[s->len - 1] == '-')
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   _("The amount cannot be negative"));
      return NULL;
    }
  if (s->str[0] == '+')
    g_string_erase (s, 0, 1);

  return g_steal_pointer (&s);
}

/* Which separator of @s is the decimal point (NULL: none): the later one
 * when both appear; a repeated one groups; a single one is decimal when it
 * is the locale's decimal point or is not followed by exactly three digits.
 * FALSE when @s is not digits and separators. */
static gboolean
find_decimal_point (const char         *s,
                    int                 digits,
                    const MoneyLocale  *ml,
                    const char        **out_point)
{
  guint n_dot = 0, n_comma = 0;
  const char *last_dot = NULL, *last_comma = NULL;

  *out_point = NULL;

  for (const char *p = s; *p; p++)
    {
      if (*p == '.')
        {
          n_dot++;
          last_dot = p;
        }
      else if (*p == ',')
        {
          n_comma++;
          last_comma = p;
        }
      else if (*p != '\'' && !g_ascii_isdigit (*p))
        return FALSE;
    }

  if (n_dot > 0 && n_comma > 0)
    {
      *out_point = last_dot > last_comma ? last_dot : last_comma;
      return !((*out_point == last_dot && n_dot > 1) || (*out_point == last_comma && n_comma > 1));
    }

  if (n_dot == 1 || n_comma == 1)
    {
      const char *sep = n_dot == 1 ? last_dot : last_comma;
      char sepc = *sep;
      gsize after = strlen (sep + 1);

      if ((ml->decimal[0] == sepc && ml->decimal[1] == '\0') || after != 3)
        *out_point = sep;
      if (digits == 0 && after == 3 && ml->decimal[0] != sepc)
        *out_point = NULL;
    }

  return TRUE;
}

/* The whole units before @point (or the end): grouped digits come in
 * threes after the first group.  FALSE on garbage; *out_too_big when the
 * number does not fit. */
static gboolean
read_major (const char *s,
            const char *point,
            guint64    *out_major,
            gboolean   *out_too_big)
{
  guint n_groups = 0, group_len = 0, n_digits = 0;
  guint64 major = 0;

  *out_too_big = FALSE;

  for (const char *p = s; p != point && *p != '\0'; p++)
    {
      if (*p == '.' || *p == ',' || *p == '\'')
        {
          if ((n_groups == 0 && (group_len == 0 || group_len > 3))
              || (n_groups > 0 && group_len != 3))
            return FALSE;
          n_groups++;
          group_len = 0;
          continue;
        }

      group_len++;
      n_digits++;
      if (major > (G_MAXINT64 / 10) - 10)
        {
          *out_too_big = TRUE;
          return FALSE;
        }
      major = major * 10 + (guint64) (*p - '0');
    }

  if (n_groups > 0 && group_len != 3)
    return FALSE;
  if (n_digits == 0 && point == NULL)
    return FALSE;

  *out_major = major;
  return TRUE;
}

/* The minor units after @point, scaled to @digits places; extra places
 * must be zeros. */
static gboolean
read_minor (const char  *point,
            int          digits,
            const char  *currency,
            guint64     *out_frac,
            GError     **error)
{
  guint64 frac = 0;
  int n_frac = 0;

  for (const char *p = point ? point + 1 : ""; *p; p++)
    {
      if (n_frac < digits)
        {
          frac = frac * 10 + (guint64) (*p - '0');
          n_frac++;
        }
      else if (*p != '0')
        {
          if (digits == 0)
            g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                         _("%s has no minor units; enter a whole amount"), currency);
          else
            g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "%s allows only %d digit after the decimal point",
                                      "%s allows only %d digits after the decimal point",
                                      digits),
                         currency, digits);
          return FALSE;
        }
    }

  for (int i = n_frac; i < digits; i++)
    frac *= 10;

  *out_frac = frac;
  return TRUE;
}

gboolean
rd_money_parse (const char  *text,
                const char  *currency,
                gint64      *out_minor,
                GError     **error)
{
  MoneyLocale ml;
  g_autoptr(GString) s = NULL;
  int digits = rd_currency_minor_digits (currency);
  const char *point = NULL;
  guint64 major = 0, frac = 0;
  gboolean too_big = FALSE;
  gint64 scale = 1;

  g_return_val_if_fail (text != NULL, FALSE);

  get_money_locale (&ml);

  s = amount_digits (text, currency, error);
  if (s == NULL)
    return FALSE;

  /* "." or "," alone is no amount, not zero. */
  if (strpbrk (s->str, "0123456789") == NULL)
    goto garbage;

  if (!find_decimal_point (s->str, digits, &ml, &point)
      || !read_major (s->str, point, &major, &too_big))
    goto garbage;

  /* Only digits after the decimal point. */
  for (const char *p = point ? point + 1 : ""; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        goto garbage;
    }
  if (!read_minor (point, digits, currency, &frac, error))
    return FALSE;

  for (int i = 0; i < digits; i++)
    scale *= 10;
  if (major > (guint64) (G_MAXINT64 / scale) - 1)
    goto too_big;

  if (out_minor != NULL)
    *out_minor = (gint64) major * scale + (gint64) frac;

  return TRUE;

garbage:
  if (too_big)
    goto too_big;
  g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
               _("“%s” is not an amount; use digits, e.g. 1234.50"), text);
  return FALSE;

too_big:
  g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
               _("The amount is too large"));
  return FALSE;
}

/* Matching what people type */

char *
rd_match_key (const char *text)
{
  g_autofree char *folded = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_utf8_casefold (text, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '/'
          || c == '(' || c == ')' || c == 0x3000 /* ideographic space */)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
