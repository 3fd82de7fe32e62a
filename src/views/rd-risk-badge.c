/* rd-risk-badge.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-risk-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-risk.h"
#include "rd-risk-badge.h"

struct _RdRiskBadge
{
  GtkWidget   parent_instance;

  RdAccount  *account;      /* owned */
  gulong      notify_id;
  gboolean    detailed;

  /* template children */
  GtkBox     *box;
  GtkLabel   *chip;
  GtkLabel   *factors_label;
  GtkLabel   *goal_label;
};

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_DETAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdRiskBadge, rd_risk_badge, GTK_TYPE_WIDGET)

static const char * const band_classes[] = { "risk-low", "risk-medium", "risk-high", "risk-critical" };

static void
update (RdRiskBadge *self)
{
  g_autofree char *text = NULL;
  g_autofree char *factors = NULL;
  RdRiskBand band;

  for (guint i = 0; i < G_N_ELEMENTS (band_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->chip), band_classes[i]);

  if (self->account == NULL)
    {
      gtk_label_set_text (self->chip, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->factors_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->goal_label), FALSE);
      return;
    }

  band = rd_account_get_risk_band (self->account);
  /* Translators: the risk band, then the score out of 100, e.g. "High · 62" */
  text = g_strdup_printf (_("%s · %d"), rd_enum_table_label (&rd_risk_band_table, band),
                          rd_account_get_risk_score (self->account));
  gtk_label_set_text (self->chip, text);
  gtk_widget_add_css_class (GTK_WIDGET (self->chip), band_classes[CLAMP (band, 0, 3)]);

  factors = rd_risk_factors_describe (rd_account_get_risk_factors (self->account));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               factors ? factors : _("Nothing raises the risk"));

  if (self->detailed)
    {
      g_autofree char *list = NULL;
      g_autofree char *goal = NULL;
      const char *stage_goal = rd_risk_stage_goal (rd_account_get_stage (self->account));

      if (rd_account_get_status (self->account) == RD_STATUS_EXPECTED_CHURN
          && rd_account_get_churn_reason (self->account) != NULL)
        /* Translators: the top risk factors, then why the account is expected to churn */
        list = g_strdup_printf (_("Raised by: %s\nExpected churn: %s"), factors ? factors : "—",
                                rd_account_get_churn_reason (self->account));
      else if (factors != NULL)
        /* Translators: followed by the top risk factors */
        list = g_strdup_printf (_("Raised by: %s"), factors);
      gtk_label_set_text (self->factors_label, list);
      gtk_widget_set_visible (GTK_WIDGET (self->factors_label), list != NULL);

      if (stage_goal != NULL)
        /* Translators: the stage's name, then its goal */
        goal = g_strdup_printf (_("%s: %s"),
                                rd_enum_table_label (&rd_stage_table,
                                                     rd_account_get_stage (self->account)),
                                stage_goal);
      gtk_label_set_text (self->goal_label, goal);
      gtk_widget_set_visible (GTK_WIDGET (self->goal_label), goal != NULL);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->factors_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->goal_label), FALSE);
    }
}

static void
on_account_notify_cb (RdAccount   *account,
                      GParamSpec  *pspec,
                      RdRiskBadge *self)
{
  g_assert (RD_IS_ACCOUNT (account));
  g_assert (RD_IS_RISK_BADGE (self));

  update (self);
}

static void
rd_risk_badge_dispose (GObject *object)
{
  RdRiskBadge *self = (RdRiskBadge *) object;

  if (self->account != NULL)
    g_clear_signal_handler (&self->notify_id, self->account);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_RISK_BADGE);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (rd_risk_badge_parent_class)->dispose (object);
}

static void
rd_risk_badge_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RdRiskBadge *self = RD_RISK_BADGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_DETAILED:
      g_value_set_boolean (value, self->detailed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_risk_badge_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RdRiskBadge *self = RD_RISK_BADGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      rd_risk_badge_set_account (self, g_value_get_object (value));
      break;
    case PROP_DETAILED:
      rd_risk_badge_set_detailed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_risk_badge_class_init (RdRiskBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_risk_badge_dispose;
  object_class->get_property = rd_risk_badge_get_property;
  object_class->set_property = rd_risk_badge_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, RD_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAILED] =
    g_param_spec_boolean ("detailed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rd-risk-badge.ui");
  gtk_widget_class_bind_template_child (widget_class, RdRiskBadge, box);
  gtk_widget_class_bind_template_child (widget_class, RdRiskBadge, chip);
  gtk_widget_class_bind_template_child (widget_class, RdRiskBadge, factors_label);
  gtk_widget_class_bind_template_child (widget_class, RdRiskBadge, goal_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "riskbadge");
}

static void
rd_risk_badge_init (RdRiskBadge *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_risk_badge_new (void)
{
  return g_object_new (RD_TYPE_RISK_BADGE, NULL);
}

RdAccount *
rd_risk_badge_get_account (RdRiskBadge *self)
{
  g_return_val_if_fail (RD_IS_RISK_BADGE (self), NULL);

  return self->account;
}

void
rd_risk_badge_set_account (RdRiskBadge *self,
                           RdAccount   *account)
{
  g_return_if_fail (RD_IS_RISK_BADGE (self));
  g_return_if_fail (account == NULL || RD_IS_ACCOUNT (account));

  if (self->account == account)
    return;

  if (self->account != NULL)
    g_clear_signal_handler (&self->notify_id, self->account);
  g_set_object (&self->account, account);
  if (account != NULL)
    self->notify_id = g_signal_connect (account, "notify", G_CALLBACK (on_account_notify_cb), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

gboolean
rd_risk_badge_get_detailed (RdRiskBadge *self)
{
  g_return_val_if_fail (RD_IS_RISK_BADGE (self), FALSE);

  return self->detailed;
}

void
rd_risk_badge_set_detailed (RdRiskBadge *self,
                            gboolean     detailed)
{
  g_return_if_fail (RD_IS_RISK_BADGE (self));

  detailed = !!detailed;
  if (self->detailed == detailed)
    return;

  self->detailed = detailed;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILED]);
}

const char *
_rd_risk_badge_get_text (RdRiskBadge *self)
{
  g_return_val_if_fail (RD_IS_RISK_BADGE (self), NULL);

  return gtk_label_get_text (self->chip);
}
