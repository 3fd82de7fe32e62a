/* rd-bridge-calculator.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-bridge-calculator"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-bridge-calculator.h"
#include "rd-bridge-record.h"
#include "rd-concessions.h"
#include "rd-exchange.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
#include "rd-pricing.h"
#include "rd-record-store.h"
#include "rd-settings.h"
#include "rd-widget-util.h"

#define N_KINDS (RD_BRIDGE_GRACE_PERIOD + 1)

struct _RdBridgeCalculator
{
  RdAccountPane    parent_instance;

  RdAccount       *account;
  GPtrArray       *bridges;               /* RdBridgeRecord, recorded */
  RdExchangeTable *rates;                 /* NULL until loaded */
  AdwActionRow    *option_rows[N_KINDS];
  GtkLabel        *price_labels[N_KINDS];
  GtkWidget       *propose_buttons[N_KINDS];
  guint            loading;

  /* template children */
  GtkLabel        *early_label;
  AdwActionRow    *early_row;
  AdwActionRow    *fee_row;
  GtkSpinButton   *fee_spin;
  GtkListBox      *ledger_list;
  GtkListBox      *options_list;
  GtkSpinButton   *premium_spin;
  GtkListBox      *recorded_list;
  GtkSpinButton   *reduction_spin;
};

G_DEFINE_FINAL_TYPE (RdBridgeCalculator, rd_bridge_calculator, RD_TYPE_ACCOUNT_PANE)

static RdStore *
get_store (RdBridgeCalculator *self)
{
  return rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
}

static const char *
kind_title (int kind)
{
  switch (kind)
    {
    case RD_BRIDGE_EXTENSION_30: return _("30-Day Extension at the Current Rate");
    case RD_BRIDGE_EXTENSION_60: return _("60-Day Extension with an Administrative Fee");
    case RD_BRIDGE_EXTENSION_QUARTER: return _("Quarterly Extension");
    case RD_BRIDGE_MONTH_TO_MONTH: return _("Month-to-Month at a Premium");
    case RD_BRIDGE_PAID_PILOT_90: return _("90-Day Paid Pilot at a Reduced Rate");
    case RD_BRIDGE_GRACE_PERIOD: return _("Grace Period, No Charge");
    default: return "";
    }
}

/* The bridges as documents (borrowed from the records), for the rules. */
static GPtrArray *
bridge_documents (RdBridgeCalculator *self)
{
  GPtrArray *docs = g_ptr_array_new ();

  for (guint i = 0; self->bridges != NULL && i < self->bridges->len; i++)
    g_ptr_array_add (docs, rd_record_get_document (g_ptr_array_index (self->bridges, i)));
  return docs;
}

static GSettings *
get_settings (RdBridgeCalculator *self)
{
  RdContext *context = rd_account_pane_get_context (RD_ACCOUNT_PANE (self));

  return context != NULL ? rd_context_get_settings (context) : NULL;
}

static char *
dup_today (RdBridgeCalculator *self)
{
  RdContext *context = rd_account_pane_get_context (RD_ACCOUNT_PANE (self));

  return context != NULL ? rd_context_dup_today_iso (context) : NULL;
}

static void
read_params (RdBridgeCalculator *self,
             RdPricingParams    *params)
{
  g_autofree char *today = dup_today (self);

  /* The fee is set in the reporting currency and converted at today's rate. */
  rd_settings_get_pricing (get_settings (self), self->rates, today, params);
  params->admin_fee_units = gtk_spin_button_get_value_as_int (self->fee_spin);
  params->premium_percent = gtk_spin_button_get_value_as_int (self->premium_spin);
  params->pilot_reduction_percent = gtk_spin_button_get_value_as_int (self->reduction_spin);
}

static void
update_early (RdBridgeCalculator    *self,
              const RdPricingParams *params)
{
  g_autoptr(GPtrArray) docs = bridge_documents (self);
  g_autofree char *today = dup_today (self);
  const char *currency = rd_account_get_currency (self->account);
  RdEarlyRenewalQuote early;
  RdEarlyRenewalState state;
  g_autofree char *by = NULL;
  g_autofree char *subtitle = NULL;

  /* Anchored to the original contract end, never to a bridged one. */
  state = rd_pricing_early_renewal_offer (rd_account_get_annual_value_minor (self->account),
                                          rd_account_get_contract_end (self->account), today,
                                          rd_lifecycle_count_bridging (docs,
                                                                       rd_account_get_contract_end (self->account)),
                                          params, &early);
  by = rd_date_format (early.sign_by);

  switch (state)
    {
    case RD_EARLY_OFFERED:
      {
        g_autofree char *price = rd_money_format (early.price_minor, currency);
        g_autofree char *saving = rd_money_format (early.discount_minor, currency);

        /* Translators: "Sign by 30 Jan 2026 and save €1,000.00 (10 %)" */
        subtitle = g_strdup_printf (_("Sign by %s and save %s (%d %%)"), by, saving,
                                    params->early_percent);
        gtk_label_set_text (self->early_label, price);
      }
      break;
    case RD_EARLY_EXPIRED:
      /* Translators: "Not offered: the sign-by date, 30 Jan 2026, has passed" */
      subtitle = g_strdup_printf (_("Not offered: the sign-by date, %s, has passed"), by);
      gtk_label_set_text (self->early_label, "—");
      break;
    case RD_EARLY_BRIDGED:
      subtitle = g_strdup (_("Not offered: a bridge was accepted, so renewing now is not early"));
      gtk_label_set_text (self->early_label, "—");
      break;
    case RD_EARLY_NO_DATE:
    case RD_EARLY_INVALID:
    default:
      subtitle = g_strdup (_("Set the contract end to see the date"));
      gtk_label_set_text (self->early_label, "—");
      break;
    }
  adw_action_row_set_subtitle (self->early_row, subtitle);
}

static void
update_prices (RdBridgeCalculator *self)
{
  RdPricingParams params;
  RdBridgeQuote quotes[N_KINDS];
  const char *currency;
  gint64 annual;
  gboolean ok;
  g_autofree char *fee_subtitle = NULL;

  if (self->account == NULL)
    return;

  read_params (self, &params);
  currency = rd_account_get_currency (self->account);
  annual = rd_account_get_annual_value_minor (self->account);
  ok = rd_pricing_quote_all (annual, currency, rd_account_get_deadline (self->account), &params, quotes);

  /* Translators: the administrative fee's currency, "In whole units of EUR, the reporting currency" */
  fee_subtitle = g_strdup_printf (_("In whole units of %s, the reporting currency"), params.fee_currency);
  adw_action_row_set_subtitle (self->fee_row, fee_subtitle);

  for (int kind = 0; kind < N_KINDS; kind++)
    {
      g_autofree char *price = NULL;
      g_autofree char *until = rd_date_format (quotes[kind].ends_on);
      g_autofree char *subtitle = NULL;

      if (ok && quotes[kind].rate_missing)
        {
          /* Translators: "No exchange rate from EUR to JPY: add one in Preferences" */
          subtitle = g_strdup_printf (_("No exchange rate from %s to %s: add one in Preferences"),
                                      params.fee_currency, currency);
          price = g_strdup (_("Rate missing"));
        }
      else
        {
          price = ok ? rd_money_format (quotes[kind].price_minor, currency) : g_strdup ("—");
          if (*until != '\0')
            /* Translators: "Until 30 Apr 2026", when a bridge would end */
            subtitle = g_strdup_printf (_("Until %s"), until);
          else
            subtitle = g_strdup (_("Set the contract end to see the dates"));
        }
      adw_action_row_set_subtitle (self->option_rows[kind], subtitle);
      gtk_label_set_text (self->price_labels[kind], price);
      gtk_widget_set_sensitive (self->propose_buttons[kind], ok && !quotes[kind].rate_missing);
    }

  update_early (self, &params);
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               GVariant   *target,
               const char *css)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  if (css != NULL)
    gtk_widget_add_css_class (button, css);
  return button;
}

static const char *
concession_title (RdConcessionKind kind)
{
  switch (kind)
    {
    case RD_CONCESSION_DISCOUNT: return _("Discount");
    case RD_CONCESSION_FREE_DAYS: return _("Free Days");
    case RD_CONCESSION_PILOT_REDUCTION: return _("Pilot Reduction");
    case RD_CONCESSION_LEVER: return _("Lever Granted");
    default: return "";
    }
}

/* The running ledger of what was given away, against the annual value. */
static void
show_ledger (RdBridgeCalculator *self)
{
  g_autoptr(GPtrArray) docs = bridge_documents (self);
  g_auto(GStrv) levers = NULL;
  g_autoptr(RdConcessionLedger) ledger = NULL;
  const char *currency;
  g_autofree char *total = NULL;
  g_autofree char *share = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *label;

  rd_list_box_remove_all (self->ledger_list);
  if (self->account == NULL)
    return;

  currency = rd_account_get_currency (self->account);
  levers = rd_account_dup_levers_offered (self->account);
  ledger = rd_concessions_compute (MAX (rd_account_get_annual_value_minor (self->account), 0), docs,
                                   (const char * const *) levers,
                                   rd_settings_get_concession_warning (get_settings (self)));
  if (ledger == NULL)
    return;

  total = rd_money_format (ledger->total_minor, currency);
  share = rd_concessions_format_share (ledger->share_tenths);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Concessions Granted"));
  if (ledger->over_threshold)
    /* Translators: "16.4 % of the annual value, more than 15 %: the margin is going" */
    subtitle = g_strdup_printf (_("%s of the annual value, more than %d %%: the margin is going"),
                                share, ledger->threshold_percent);
  else
    /* Translators: "12.5 % of the annual value" */
    subtitle = g_strdup_printf (_("%s of the annual value"), share);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (ledger->over_threshold)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (row, "concession-warning");
    }
  label = gtk_label_new (total);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  if (ledger->over_threshold)
    gtk_widget_add_css_class (label, "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->ledger_list, row);

  for (guint i = 0; i < ledger->items->len; i++)
    {
      RdConcession *item = g_ptr_array_index (ledger->items, i);
      g_autofree char *value = NULL;
      g_autofree char *detail = NULL;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), concession_title (item->kind));
      if (item->kind == RD_CONCESSION_LEVER)
        {
          detail = g_strdup (item->lever);
          value = g_strdup (_("Not valued"));
        }
      else
        {
          RdBridgeRecord *bridge = RD_BRIDGE_RECORD (rd_records_find (self->bridges, item->source_id));
          int kind = bridge != NULL ? rd_bridge_record_get_kind (bridge) : -1;

          if (item->kind == RD_CONCESSION_FREE_DAYS)
            detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day at the daily rate",
                                                   "%d days at the daily rate", item->days),
                                      item->days);
          else
            detail = g_strdup (kind >= 0 ? kind_title (kind) : "");
          value = rd_money_format (item->value_minor, currency);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      label = gtk_label_new (value);
      gtk_widget_add_css_class (label, "numeric");
      if (item->kind == RD_CONCESSION_LEVER)
        gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->ledger_list, row);
    }
}

static void
show_recorded (RdBridgeCalculator *self)
{
  g_autoptr(GPtrArray) docs = bridge_documents (self);

  rd_list_box_remove_all (self->recorded_list);

  for (guint i = 0; self->bridges != NULL && i < self->bridges->len; i++)
    {
      RdBridgeRecord *bridge = g_ptr_array_index (self->bridges, i);
      const char *id = rd_record_get_doc_id (RD_RECORD (bridge));
      int kind = rd_bridge_record_get_kind (bridge);
      RdBridgeStatus status = rd_bridge_record_get_status (bridge);
      g_autofree char *price = rd_money_format (rd_bridge_record_get_price_minor (bridge),
                                                rd_account_get_currency (self->account));
      g_autofree char *when = rd_date_format (rd_bridge_record_get_status_on (bridge));
      g_autofree char *ends = rd_date_format (rd_bridge_record_get_ends_on (bridge));
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *chip;
      gboolean overlaps = status == RD_BRIDGE_STATUS_ACCEPTED &&
                          rd_lifecycle_find_overlap (docs, rd_record_get_document (RD_RECORD (bridge))) != NULL;

      if (overlaps)
        /* Translators: an accepted bridge that overlaps another (accepted on two desktops) */
        subtitle = g_strdup_printf (_("%s · until %s · overlaps another accepted bridge: keep one"),
                                    price, *ends ? ends : "—");
      else
        /* Translators: "€2,143.84 · until 30 Apr 2026 · proposed 20 Feb 2026" */
        subtitle = g_strdup_printf (_("%s · until %s · %s %s"), price, *ends ? ends : "—",
                                    rd_enum_table_label (&rd_bridge_status_table, status), when);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kind >= 0 ? kind_title (kind) : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      if (overlaps)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Conflict"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }

      chip = gtk_label_new (rd_enum_table_label (&rd_bridge_status_table, status));
      gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (chip, "bridge-chip");
      gtk_widget_add_css_class (chip, status == RD_BRIDGE_STATUS_ACCEPTED ? "accepted" :
                                      status == RD_BRIDGE_STATUS_DECLINED ? "declined" : "proposed");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip);

      if (status == RD_BRIDGE_STATUS_PROPOSED)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     action_button (_("_Decline"), "bridge.decline",
                                                    g_variant_new_string (id), "flat"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     action_button (_("_Accept"), "bridge.accept",
                                                    g_variant_new_string (id), "suggested-action"));
        }
      else if (overlaps)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   action_button (_("_Keep This One"), "bridge.keep",
                                                  g_variant_new_string (id), NULL));
      gtk_list_box_append (self->recorded_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recorded_list),
                          self->bridges != NULL && self->bridges->len > 0);
  show_ledger (self);
  if (self->account != NULL)
    update_prices (self);
}

static void
list_bridges_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RdBridgeCalculator) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bridges = rd_records_list_finish (RD_STORE (object), result, &error);

  self->loading--;
  if (bridges == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load bridges: %s", error->message);
      return;
    }
  if (self->account == NULL)
    return;

  g_clear_pointer (&self->bridges, g_ptr_array_unref);
  self->bridges = g_steal_pointer (&bridges);
  show_recorded (self);
}

static void
list_rates_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RdBridgeCalculator) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_list_documents_finish (RD_STORE (object), result, &error);

  if (docs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the exchange rates: %s", error->message);
      return;
    }

  g_clear_pointer (&self->rates, rd_exchange_table_free);
  self->rates = rd_exchange_table_new (docs);
  update_prices (self);
}

static RdBridgeRecord *
find_bridge (RdBridgeCalculator *self,
             const char         *id)
{
  return RD_BRIDGE_RECORD (rd_records_find (self->bridges, id));
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(RdBridgeCalculator) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_put_documents_finish (RD_STORE (object), result, &error))
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("Could not record the bridge: %s"), error->message);
      rd_widget_show_toast (GTK_WIDGET (self), title);
    }
}

/* @docs: what a lifecycle rule returns (the bridge, maybe the account). */
static void
put (RdBridgeCalculator *self,
     GPtrArray          *docs)
{
  rd_store_put_documents_async (get_store (self), docs,
                                rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                                put_cb, g_object_ref (self));
}

static void
propose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdBridgeCalculator *self = RD_BRIDGE_CALCULATOR (widget);
  int kind = g_variant_get_int32 (parameter);
  RdPricingParams params;
  RdBridgeQuote quotes[N_KINDS];
  g_autofree char *today =
    rd_context_dup_today_iso (rd_account_pane_get_context (RD_ACCOUNT_PANE (self)));
  g_autoptr(RdBridgeRecord) bridge = NULL;

  if (get_store (self) == NULL || self->account == NULL || kind < 0 || kind >= N_KINDS)
    return;

  read_params (self, &params);
  if (!rd_pricing_quote_all (rd_account_get_annual_value_minor (self->account),
                             rd_account_get_currency (self->account),
                             rd_account_get_deadline (self->account), &params, quotes))
    {
      rd_widget_show_toast (GTK_WIDGET (self), _("The contract value is too large to price."));
      return;
    }
  if (quotes[kind].rate_missing)
    {
      rd_widget_show_toast (GTK_WIDGET (self), _("Add an exchange rate in Preferences to price this bridge."));
      return;
    }
  bridge = rd_bridge_record_new_proposal (rd_account_get_id (self->account), &quotes[kind], today);
  rd_record_save_async (get_store (self), RD_RECORD (bridge),
                        rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                        put_cb, g_object_ref (self));
}

static void
set_status (RdBridgeCalculator *self,
            const char         *id,
            RdBridgeStatus      status)
{
  RdBridgeRecord *bridge = find_bridge (self, id);
  g_autofree char *today =
    rd_context_dup_today_iso (rd_account_pane_get_context (RD_ACCOUNT_PANE (self)));
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) others = bridge_documents (self);
  g_autoptr(GError) error = NULL;

  if (bridge == NULL || get_store (self) == NULL || self->account == NULL)
    return;

  docs = rd_lifecycle_set_bridge_status (self->account, rd_record_get_document (RD_RECORD (bridge)),
                                         others, status, today, &error);
  if (docs == NULL)
    {
      rd_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  put (self, docs);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_status (RD_BRIDGE_CALCULATOR (widget), g_variant_get_string (parameter, NULL),
              RD_BRIDGE_STATUS_ACCEPTED);
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdBridgeCalculator *self = RD_BRIDGE_CALCULATOR (widget);
  RdBridgeRecord *bridge = find_bridge (self, g_variant_get_string (parameter, NULL));
  g_autoptr(GPtrArray) others = bridge_documents (self);
  g_autofree char *today = dup_today (self);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  if (bridge == NULL || get_store (self) == NULL)
    return;

  docs = rd_lifecycle_resolve_overlap (others, rd_record_get_document (RD_RECORD (bridge)), today, &error);
  if (docs == NULL)
    {
      rd_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  put (self, docs);
}

static void
decline_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (RD_BRIDGE_CALCULATOR (widget), g_variant_get_string (parameter, NULL),
              RD_BRIDGE_STATUS_DECLINED);
}

static void
on_param_changed_cb (RdBridgeCalculator *self)
{
  update_prices (self);
}

static void
on_settings_changed_cb (RdBridgeCalculator *self,
                        const char         *key,
                        GSettings          *settings)
{
  g_assert (RD_IS_BRIDGE_CALCULATOR (self));

  if (g_str_equal (key, "bridge-fee"))
    gtk_spin_button_set_value (self->fee_spin, g_settings_get_int (settings, key));
  else if (g_str_equal (key, "reporting-currency") || g_str_equal (key, "concession-warning-percent") ||
           g_str_has_prefix (key, "early-renewal") || g_str_equal (key, "grace-days"))
    {
      update_prices (self);
      show_ledger (self);
    }
}

static void
on_context_changed_cb (RdBridgeCalculator *self)
{
  RdContext *context = rd_account_pane_get_context (RD_ACCOUNT_PANE (self));
  GSettings *settings = context != NULL ? rd_context_get_settings (context) : NULL;

  g_assert (RD_IS_BRIDGE_CALCULATOR (self));

  /* The preferences are where the adjustable parameters start. */
  if (settings != NULL)
    {
      g_signal_handlers_disconnect_by_func (settings, on_settings_changed_cb, self);
      g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_spin_button_set_value (self->fee_spin, g_settings_get_int (settings, "bridge-fee"));
      gtk_spin_button_set_value (self->premium_spin,
                                 g_settings_get_int (settings, "bridge-premium-percent"));
      gtk_spin_button_set_value (self->reduction_spin,
                                 g_settings_get_int (settings, "pilot-reduction-percent"));
    }
  update_prices (self);
}

static void
rd_bridge_calculator_dispose (GObject *object)
{
  RdBridgeCalculator *self = RD_BRIDGE_CALCULATOR (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_BRIDGE_CALCULATOR);
  g_clear_object (&self->account);
  g_clear_pointer (&self->bridges, g_ptr_array_unref);
  g_clear_pointer (&self->rates, rd_exchange_table_free);

  G_OBJECT_CLASS (rd_bridge_calculator_parent_class)->dispose (object);
}

static void
rd_bridge_calculator_class_init (RdBridgeCalculatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_bridge_calculator_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-bridge-calculator.ui");
  gtk_widget_class_bind_template_child (widget_class, RdBridgeCalculator, early_label);
  gtk_widget_class_bind_template_child (widget_class, RdBridgeCalculator, early_row);
  gtk_widget_class_bind_template_child (widget_class, RdBridgeCalculator, fee_row);
  gtk_widget_class_bind_template_child (widget_class, RdBridgeCalculator, fee_spin);
  gtk_widget_class_bind_template_child (widget_class, RdBridgeCalculator, ledger_list);
  gtk_widget_class_bind_template_child (widget_class, RdBridgeCalculator, options_list);
  gtk_widget_class_bind_template_child (widget_class, RdBridgeCalculator, premium_spin);
  gtk_widget_class_bind_template_child (widget_class, RdBridgeCalculator, recorded_list);
  gtk_widget_class_bind_template_child (widget_class, RdBridgeCalculator, reduction_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_param_changed_cb);

  gtk_widget_class_install_action (widget_class, "bridge.accept", "s", accept_action);
  gtk_widget_class_install_action (widget_class, "bridge.decline", "s", decline_action);
  gtk_widget_class_install_action (widget_class, "bridge.keep", "s", keep_action);
  gtk_widget_class_install_action (widget_class, "bridge.propose", "i", propose_action);
}

static void
rd_bridge_calculator_init (RdBridgeCalculator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::context", G_CALLBACK (on_context_changed_cb), NULL);

  for (int kind = 0; kind < N_KINDS; kind++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *price = gtk_label_new (NULL);
      GtkWidget *propose = action_button (_("_Propose"), "bridge.propose",
                                          g_variant_new_int32 (kind), "flat");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kind_title (kind));
      gtk_widget_add_css_class (price, "numeric");
      gtk_widget_add_css_class (price, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), price);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), propose);
      self->propose_buttons[kind] = propose;
      gtk_list_box_append (self->options_list, row);
      self->option_rows[kind] = ADW_ACTION_ROW (row);
      self->price_labels[kind] = GTK_LABEL (price);
    }
}

void
rd_bridge_calculator_set_account (RdBridgeCalculator *self,
                                  RdAccount          *account)
{
  g_return_if_fail (RD_IS_BRIDGE_CALCULATOR (self));

  if (self->account != account)
    {
      g_clear_pointer (&self->bridges, g_ptr_array_unref);
      show_recorded (self);
    }
  g_set_object (&self->account, account);
  update_prices (self);
  rd_bridge_calculator_reload (self);
}

RdConcessionLedger *
_rd_bridge_calculator_dup_ledger (RdBridgeCalculator *self)
{
  g_autoptr(GPtrArray) docs = bridge_documents (self);
  g_auto(GStrv) levers = NULL;

  if (self->account == NULL)
    return NULL;
  levers = rd_account_dup_levers_offered (self->account);
  return rd_concessions_compute (MAX (rd_account_get_annual_value_minor (self->account), 0), docs,
                                 (const char * const *) levers,
                                 rd_settings_get_concession_warning (get_settings (self)));
}

const char *
_rd_bridge_calculator_get_early (RdBridgeCalculator *self)
{
  return adw_action_row_get_subtitle (self->early_row);
}

void
rd_bridge_calculator_reload (RdBridgeCalculator *self)
{
  g_return_if_fail (RD_IS_BRIDGE_CALCULATOR (self));

  if (get_store (self) == NULL || self->account == NULL || rd_account_get_id (self->account) == NULL)
    return;

  update_prices (self);
  rd_store_list_documents_async (get_store (self), "exchange_rate", NULL, NULL,
                                 rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                                 list_rates_cb, g_object_ref (self));
  self->loading++;
  rd_records_list_async (get_store (self), RD_TYPE_BRIDGE_RECORD, rd_account_get_id (self->account),
                         rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)), list_bridges_cb,
                         g_object_ref (self));
}

GPtrArray *
_rd_bridge_calculator_get_bridges (RdBridgeCalculator *self)
{
  return self->bridges;
}

const char *
_rd_bridge_calculator_get_price (RdBridgeCalculator *self,
                                 int                 kind)
{
  return gtk_label_get_text (self->price_labels[kind]);
}
