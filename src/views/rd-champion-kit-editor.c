/* rd-champion-kit-editor.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-champion-kit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-champion-kit-editor.h"
#include "rd-format.h"

struct _RdChampionKitEditor
{
  AdwPreferencesGroup  parent_instance;

  RdAccount           *account;          /* owned ref; the page's object */
  gboolean             loading;          /* filling the rows: not an edit */

  /* template children */
  AdwEntryRow         *benefit_row;
  AdwEntryRow         *cost_row;
  GtkSpinButton       *payback_spin;
  AdwEntryRow         *price_change_row;
  GtkSwitch           *reference_switch;
  GtkSpinButton       *weeks_spin;
};

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdChampionKitEditor, rd_champion_kit_editor, ADW_TYPE_PREFERENCES_GROUP)

static void
set_row_error (AdwEntryRow *row,
               const char  *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), message);
}

static void
set_money_text (AdwEntryRow *row,
                gint64       minor,
                const char  *currency)
{
  g_autofree char *text = NULL;

  if (minor >= 0 && currency != NULL)
    text = rd_money_format_number (minor, currency);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  set_row_error (row, NULL);
}

static void
show_account (RdChampionKitEditor *self)
{
  RdAccount *account = self->account;
  const char *currency = account ? rd_account_get_currency (account) : NULL;
  g_autofree char *price_change = NULL;

  self->loading = TRUE;
  gtk_switch_set_active (self->reference_switch, account && rd_account_get_reference_ok (account));
  set_money_text (self->cost_row, account ? rd_account_get_roi_cost_minor (account) : -1, currency);
  set_money_text (self->benefit_row, account ? rd_account_get_roi_benefit_minor (account) : -1,
                  currency);
  gtk_spin_button_set_value (self->payback_spin,
                             account ? MAX (0, rd_account_get_roi_payback_months (account)) : 0);
  gtk_spin_button_set_value (self->weeks_spin,
                             account ? MAX (0, rd_account_get_reonboarding_weeks (account)) : 0);
  if (account != NULL && rd_account_get_price_change_on (account) != NULL)
    price_change = rd_date_format (rd_account_get_price_change_on (account));
  gtk_editable_set_text (GTK_EDITABLE (self->price_change_row), price_change ? price_change : "");
  set_row_error (self->price_change_row, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self), account != NULL);
  self->loading = FALSE;
}

static void
on_reference_switch_active_cb (RdChampionKitEditor *self)
{
  gboolean active = gtk_switch_get_active (self->reference_switch);

  g_assert (RD_IS_CHAMPION_KIT_EDITOR (self));

  if (self->loading || self->account == NULL ||
      active == rd_account_get_reference_ok (self->account))
    return;

  rd_account_set_reference_ok (self->account, active);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_money_row_apply_cb (RdChampionKitEditor *self,
                       AdwEntryRow         *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;
  gint64 minor = -1;

  g_assert (RD_IS_CHAMPION_KIT_EDITOR (self));

  if (self->loading || self->account == NULL)
    return;

  if (*text != '\0' &&
      !rd_money_parse (text, rd_account_get_currency (self->account), &minor, &error))
    {
      set_row_error (row, error->message);
      return;
    }
  if (*text != '\0' && minor < 0)
    {
      set_row_error (row, _("Enter an amount of zero or more"));
      return;
    }
  set_row_error (row, NULL);

  if (row == self->cost_row)
    rd_account_set_roi_cost_minor (self->account, minor);
  else
    rd_account_set_roi_benefit_minor (self->account, minor);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_spin_value_changed_cb (RdChampionKitEditor *self,
                          GtkSpinButton       *spin)
{
  int value = gtk_spin_button_get_value_as_int (spin);

  g_assert (RD_IS_CHAMPION_KIT_EDITOR (self));

  if (self->loading || self->account == NULL)
    return;

  /* 0 stands for "not entered". */
  if (spin == self->payback_spin)
    rd_account_set_roi_payback_months (self->account, value > 0 ? value : -1);
  else
    rd_account_set_reonboarding_weeks (self->account, value > 0 ? value : -1);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_price_change_row_apply_cb (RdChampionKitEditor *self,
                              AdwEntryRow         *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  g_assert (RD_IS_CHAMPION_KIT_EDITOR (self));

  if (self->loading || self->account == NULL)
    return;

  if (*text != '\0' && (iso = rd_date_normalize (text, &error)) == NULL)
    {
      set_row_error (row, error->message);
      return;
    }
  set_row_error (row, NULL);
  rd_account_set_price_change_on (self->account, iso);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rd_champion_kit_editor_dispose (GObject *object)
{
  RdChampionKitEditor *self = RD_CHAMPION_KIT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CHAMPION_KIT_EDITOR);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (rd_champion_kit_editor_parent_class)->dispose (object);
}

static void
rd_champion_kit_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RdChampionKitEditor *self = RD_CHAMPION_KIT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_champion_kit_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RdChampionKitEditor *self = RD_CHAMPION_KIT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      rd_champion_kit_editor_set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_champion_kit_editor_class_init (RdChampionKitEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_champion_kit_editor_dispose;
  object_class->get_property = rd_champion_kit_editor_get_property;
  object_class->set_property = rd_champion_kit_editor_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, RD_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After an edit to the account, which the owner should now save. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-champion-kit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RdChampionKitEditor, benefit_row);
  gtk_widget_class_bind_template_child (widget_class, RdChampionKitEditor, cost_row);
  gtk_widget_class_bind_template_child (widget_class, RdChampionKitEditor, payback_spin);
  gtk_widget_class_bind_template_child (widget_class, RdChampionKitEditor, price_change_row);
  gtk_widget_class_bind_template_child (widget_class, RdChampionKitEditor, reference_switch);
  gtk_widget_class_bind_template_child (widget_class, RdChampionKitEditor, weeks_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_money_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_price_change_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reference_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_value_changed_cb);
}

static void
rd_champion_kit_editor_init (RdChampionKitEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_account (self);
}

GtkWidget *
rd_champion_kit_editor_new (void)
{
  return g_object_new (RD_TYPE_CHAMPION_KIT_EDITOR, NULL);
}

RdAccount *
rd_champion_kit_editor_get_account (RdChampionKitEditor *self)
{
  g_return_val_if_fail (RD_IS_CHAMPION_KIT_EDITOR (self), NULL);

  return self->account;
}

void
rd_champion_kit_editor_set_account (RdChampionKitEditor *self,
                                    RdAccount           *account)
{
  g_return_if_fail (RD_IS_CHAMPION_KIT_EDITOR (self));
  g_return_if_fail (account == NULL || RD_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  show_account (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}
