/* rd-exchange.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-exchange"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-exchange.h"
#include "rd-format.h"

typedef __int128 Wide;

/* A rate as mantissa / 10^scale. */
typedef struct
{
  Wide mantissa;
  int  scale;
} Decimal;

static gboolean
parse_decimal (const char *text,
               Decimal    *out,
               GError    **error)
{
  gboolean seen_point = FALSE;
  int digits = 0;

  out->mantissa = 0;
  out->scale = 0;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A rate is needed, such as 1.0825"));
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '.' && !seen_point && p[1] != '\0' && p != text)
        {
          seen_point = TRUE;
          continue;
        }

      if (!g_ascii_isdigit (*p))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not a rate: write digits with a point, such as 1.0825"), text);
          return FALSE;
        }

      if (++digits > RD_EXCHANGE_MAX_DIGITS || (seen_point && out->scale == RD_EXCHANGE_MAX_DECIMALS))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” has too many digits for a rate"), text);
          return FALSE;
        }

      out->mantissa = out->mantissa * 10 + (*p - '0');
      if (seen_point)
        out->scale++;
    }

  if (out->mantissa == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A rate must be more than zero"));
      return FALSE;
    }

  return TRUE;
}

gboolean
rd_exchange_rate_check (const char  *text,
                        GError     **error)
{
  Decimal rate;

  return parse_decimal (text, &rate, error);
}

static Wide
power_of_ten (int n)
{
  Wide p = 1;

  while (n-- > 0)
    p *= 10;

  return p;
}

gboolean
rd_exchange_convert (gint64       amount_minor,
                     const char  *from,
                     const char  *to,
                     const char  *rate,
                     gboolean     inverse,
                     gint64      *out_minor)
{
  Decimal d;
  Wide num, den, q, r;
  Wide amount = amount_minor < 0 ? -(Wide) amount_minor : (Wide) amount_minor;

  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (!parse_decimal (rate, &d, NULL))
    return FALSE;

  /* amount · 10^to_digits · (mantissa | 10^scale)
   * ÷ (10^from_digits · (10^scale | mantissa)) */
  num = power_of_ten (rd_currency_minor_digits (to));
  den = power_of_ten (rd_currency_minor_digits (from));
  if (__builtin_mul_overflow (num, inverse ? power_of_ten (d.scale) : d.mantissa, &num) ||
      __builtin_mul_overflow (num, amount, &num) ||
      __builtin_mul_overflow (den, inverse ? d.mantissa : power_of_ten (d.scale), &den))
    return FALSE;

  /* Half away from zero, once. */
  q = num / den;
  r = num % den;
  if (r * 2 >= den)
    q++;

  if (q > G_MAXINT64)
    return FALSE;

  *out_minor = amount_minor < 0 ? -(gint64) q : (gint64) q;
  return TRUE;
}

/* The table ------------------------------------------------------------- */

typedef struct
{
  char *from;
  char *to;
  char *rate;
  char *as_of;  /* "" for "always" */
} Rate;

struct _RdExchangeTable
{
  GArray *rates;  /* of Rate */
};

static void
rate_clear (gpointer data)
{
  Rate *rate = data;

  g_free (rate->from);
  g_free (rate->to);
  g_free (rate->rate);
  g_free (rate->as_of);
}

RdExchangeTable *
rd_exchange_table_new (GPtrArray *docs)
{
  RdExchangeTable *self = g_new0 (RdExchangeTable, 1);

  self->rates = g_array_new (FALSE, FALSE, sizeof (Rate));
  g_array_set_clear_func (self->rates, rate_clear);

  for (guint i = 0; docs != NULL && i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *from = rd_document_get_string (doc, "from_currency");
      const char *to = rd_document_get_string (doc, "to_currency");
      const char *rate = rd_document_get_string (doc, "rate");
      const char *as_of = rd_document_get_string (doc, "as_of");
      Rate entry;

      if (json_object_get_boolean_member_with_default (doc, "_deleted", FALSE) ||
          !rd_currency_is_valid (from) || !rd_currency_is_valid (to) ||
          !rd_exchange_rate_check (rate, NULL) ||
          (as_of != NULL && !rd_date_check (as_of, NULL)))
        continue;

      entry.from = g_strdup (from);
      entry.to = g_strdup (to);
      entry.rate = g_strdup (rate);
      entry.as_of = g_strdup (as_of != NULL ? as_of : "");
      g_array_append_val (self->rates, entry);
    }

  return self;
}

RdExchangeTable *
rd_exchange_table_copy (RdExchangeTable *self)
{
  RdExchangeTable *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (RdExchangeTable, 1);
  copy->rates = g_array_sized_new (FALSE, FALSE, sizeof (Rate), self->rates->len);
  g_array_set_clear_func (copy->rates, rate_clear);
  for (guint i = 0; i < self->rates->len; i++)
    {
      const Rate *rate = &g_array_index (self->rates, Rate, i);
      Rate entry = {
        .from = g_strdup (rate->from),
        .to = g_strdup (rate->to),
        .rate = g_strdup (rate->rate),
        .as_of = g_strdup (rate->as_of),
      };

      g_array_append_val (copy->rates, entry);
    }

  return copy;
}

void
rd_exchange_table_free (RdExchangeTable *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->rates);
  g_free (self);
}

/* The newest rate for the pair (either way round) on or before @day; on the
 * same day the pair as stored wins over its inverse. */
static const Rate *
find_rate (RdExchangeTable *self,
           const char      *from,
           const char      *to,
           const char      *day,
           gboolean        *out_inverse)
{
  const Rate *best = NULL;
  gboolean best_inverse = FALSE;

  for (guint i = 0; i < self->rates->len; i++)
    {
      const Rate *rate = &g_array_index (self->rates, Rate, i);
      gboolean direct = g_str_equal (rate->from, from) && g_str_equal (rate->to, to);
      gboolean inverse = g_str_equal (rate->from, to) && g_str_equal (rate->to, from);
      int order;

      if (!direct && !inverse)
        continue;
      /* Same-length ISO dates compare as strings; "" is before every day. */
      if (day != NULL && strcmp (rate->as_of, day) > 0)
        continue;

      order = best == NULL ? 1 : strcmp (rate->as_of, best->as_of);
      if (order > 0 || (order == 0 && direct && best_inverse))
        {
          best = rate;
          best_inverse = inverse;
        }
    }

  if (out_inverse != NULL)
    *out_inverse = best_inverse;

  return best;
}

gboolean
rd_exchange_table_has_rate (RdExchangeTable *self,
                            const char      *from,
                            const char      *to,
                            const char      *day)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (g_strcmp0 (from, to) == 0)
    return TRUE;

  return from != NULL && to != NULL && find_rate (self, from, to, day, NULL) != NULL;
}

gboolean
rd_exchange_table_convert (RdExchangeTable *self,
                           gint64           amount_minor,
                           const char      *from,
                           const char      *to,
                           const char      *day,
                           gint64          *out_minor)
{
  const Rate *rate;
  gboolean inverse;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (from == NULL || to == NULL)
    return FALSE;

  if (g_str_equal (from, to))
    {
      *out_minor = amount_minor;
      return TRUE;
    }

  rate = find_rate (self, from, to, day, &inverse);
  if (rate == NULL)
    return FALSE;

  return rd_exchange_convert (amount_minor, from, to, rate->rate, inverse, out_minor);
}

/* Totals ---------------------------------------------------------------- */

RdExchangeTotal *
rd_exchange_total_new (const char *currency,
                       const char *day)
{
  RdExchangeTotal *total;

  g_return_val_if_fail (currency != NULL, NULL);

  total = g_new0 (RdExchangeTotal, 1);
  total->currency = g_strdup (currency);
  total->day = g_strdup (day);
  total->missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return total;
}

void
rd_exchange_total_free (RdExchangeTotal *total)
{
  if (total == NULL)
    return;

  g_free (total->currency);
  g_free (total->day);
  g_hash_table_unref (total->missing);
  g_free (total);
}

gboolean
rd_exchange_total_add (RdExchangeTotal *total,
                       RdExchangeTable *table,
                       gint64           amount_minor,
                       const char      *currency)
{
  gint64 converted;

  g_return_val_if_fail (total != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  if (!rd_exchange_table_convert (table, amount_minor, currency, total->currency, total->day,
                                  &converted))
    {
      rd_exchange_total_note_missing (total, currency, 1);
      return FALSE;
    }

  if (__builtin_add_overflow (total->total_minor, converted, &total->total_minor))
    total->overflow = TRUE;
  total->n_counted++;

  return TRUE;
}

void
rd_exchange_total_note_missing (RdExchangeTotal *total,
                                const char      *currency,
                                guint            n)
{
  const char *key = currency != NULL ? currency : "";
  guint before;

  g_return_if_fail (total != NULL);

  if (n == 0)
    return;
  before = GPOINTER_TO_UINT (g_hash_table_lookup (total->missing, key));
  g_hash_table_insert (total->missing, g_strdup (key), GUINT_TO_POINTER (before + n));
}

static int
compare_codes (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char *
rd_exchange_total_dup_missing_text (RdExchangeTotal *total)
{
  g_autofree const char **codes = NULL;
  GString *text;
  guint n_codes;

  g_return_val_if_fail (total != NULL, NULL);

  if (g_hash_table_size (total->missing) == 0)
    return NULL;

  codes = (const char **) g_hash_table_get_keys_as_array (total->missing, &n_codes);
  g_qsort_with_data (codes, n_codes, sizeof (char *), compare_codes, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < n_codes; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (total->missing, codes[i]));

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              /* Translators: "No rate for HUF: 1 account is not in the EUR total." */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "No rate for %s: %u account is not in the %s total.",
                                           "No rate for %s: %u accounts are not in the %s total.", n),
                              codes[i], n, total->currency);
    }

  return g_string_free (text, FALSE);
}
