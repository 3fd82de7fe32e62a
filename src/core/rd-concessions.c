/* rd-concessions.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-concessions"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "rd-concessions.h"
#include "rd-enums.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
#include "rd-pricing.h"

static void
concession_free (RdConcession *item)
{
  g_free (item->source_id);
  g_free (item->lever);
  g_free (item);
}

/* Days from starts_on to ends_on, both included; 0 when unknown. */
static int
covered_days (JsonObject *bridge)
{
  const char *starts_on = json_object_get_string_member_with_default (bridge, "starts_on", NULL);
  const char *ends_on = json_object_get_string_member_with_default (bridge, "ends_on", NULL);
  GDate from, to;

  if (starts_on == NULL || ends_on == NULL ||
      !rd_date_parse (starts_on, &from) || !rd_date_parse (ends_on, &to) ||
      g_date_compare (&from, &to) > 0)
    return 0;

  return g_date_days_between (&from, &to) + 1;
}

/* What the time @bridge covers is worth at the current rate, without
 * premium or fee: the price it would have at list with nothing taken off. */
static gboolean
list_value (int         kind,
            JsonObject *bridge,
            gint64      annual,
            int        *out_days,
            gint64     *out_value)
{
  RdPricingParams params;
  gint64 num;

  *out_days = 0;
  if (kind == RD_BRIDGE_GRACE_PERIOD)
    {
      int days = covered_days (bridge);

      rd_pricing_params_init_defaults (&params);
      if (days == 0)
        days = params.grace_days;
      *out_days = days;
      if (__builtin_mul_overflow (annual, (gint64) days, &num))
        return FALSE;
      *out_value = rd_pricing_round_div (num, 365);
      return TRUE;
    }

  rd_pricing_params_init_defaults (&params);
  params.admin_fee_units = 0;
  params.premium_percent = 0;
  params.pilot_reduction_percent = 0;
  return rd_pricing_price (kind, annual, NULL, &params, out_value);
}

RdConcessionLedger *
rd_concessions_compute (gint64               annual_minor,
                        GPtrArray           *bridges,
                        const char * const  *levers,
                        int                  threshold_percent)
{
  g_autoptr(RdConcessionLedger) ledger = g_new0 (RdConcessionLedger, 1);
  __int128 total, limit;

  g_return_val_if_fail (annual_minor >= 0, NULL);

  ledger->items = g_ptr_array_new_with_free_func ((GDestroyNotify) concession_free);
  ledger->annual_minor = annual_minor;
  ledger->threshold_percent = threshold_percent;

  for (guint i = 0; bridges != NULL && i < bridges->len; i++)
    {
      JsonObject *bridge = g_ptr_array_index (bridges, i);
      int kind = rd_enum_table_lookup (&rd_bridge_kind_table,
                                       json_object_get_string_member_with_default (bridge, "kind", NULL));
      gint64 price = json_object_get_int_member_with_default (bridge, "price_minor", 0);
      gint64 value = 0;
      int days = 0;
      RdConcession *item;

      if (kind < 0 || !rd_lifecycle_bridge_is_accepted (bridge))
        continue;
      if (!list_value (kind, bridge, annual_minor, &days, &value))
        return NULL;
      /* A fee or a premium is not a concession, only what is below list. */
      if (value - price <= 0)
        continue;

      item = g_new0 (RdConcession, 1);
      item->kind = kind == RD_BRIDGE_PAID_PILOT_90 ? RD_CONCESSION_PILOT_REDUCTION :
                   kind == RD_BRIDGE_GRACE_PERIOD ? RD_CONCESSION_FREE_DAYS : RD_CONCESSION_DISCOUNT;
      item->source_id = g_strdup (json_object_get_string_member_with_default (bridge, "_id", NULL));
      item->days = days;
      item->value_minor = value - price;
      g_ptr_array_add (ledger->items, item);
      if (__builtin_add_overflow (ledger->total_minor, item->value_minor, &ledger->total_minor))
        return NULL;
    }

  for (guint i = 0; levers != NULL && levers[i] != NULL; i++)
    {
      g_autofree char *lever = g_strstrip (g_strdup (levers[i]));
      RdConcession *item;

      if (*lever == '\0')
        continue;
      item = g_new0 (RdConcession, 1);
      item->kind = RD_CONCESSION_LEVER;
      item->lever = g_steal_pointer (&lever);
      g_ptr_array_add (ledger->items, item);
      ledger->n_levers++;
    }

  total = ledger->total_minor;
  if (annual_minor > 0)
    {
      __int128 num = total * 1000, share;

      /* Rounded half away from zero; both are positive here. */
      share = (2 * num + annual_minor) / (2 * (__int128) annual_minor);
      ledger->share_tenths = share > G_MAXINT ? G_MAXINT : (int) share;
    }
  else
    ledger->share_tenths = -1;

  limit = (__int128) annual_minor * threshold_percent;
  ledger->over_threshold = total * 100 > limit;

  return g_steal_pointer (&ledger);
}

void
rd_concession_ledger_free (RdConcessionLedger *ledger)
{
  if (ledger == NULL)
    return;
  g_clear_pointer (&ledger->items, g_ptr_array_unref);
  g_free (ledger);
}

char *
rd_concessions_format_share (int share_tenths)
{
  const char *point = localeconv ()->decimal_point;

  if (share_tenths < 0)
    return g_strdup ("—");
  /* Translators: a share of the annual value, "12.5 %"; %s%d is the
   * decimal separator and the tenths */
  return g_strdup_printf (_("%d%s%d %%"), share_tenths / 10, point != NULL ? point : ".",
                          share_tenths % 10);
}
