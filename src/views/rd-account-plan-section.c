/* rd-account-plan-section.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-plan-section"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-account-plan-section.h"
#include "rd-bridge-calculator.h"
#include "rd-concern-list.h"
#include "rd-plan-view.h"
#include "rd-record-store.h"
#include "rd-widget-util.h"

struct _RdAccountPlanSection
{
  RdAccountPane       parent_instance;

  RdAccount          *account;          /* the page's, or NULL while new */
  RdPlanRecord       *latest_plan;
  char               *latest_delay_id;
  RdCause             latest_cause;

  /* template children */
  RdBridgeCalculator *bridge_calculator;
  RdConcernList      *concern_list;
  GtkLabel           *no_plan_label;
  RdPlanView         *plan_view;
};

G_DEFINE_FINAL_TYPE (RdAccountPlanSection, rd_account_plan_section, RD_TYPE_ACCOUNT_PANE)

static void
save_plan_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RdAccountPlanSection) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_records_save_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = g_strdup_printf (_("Could not save: %s"), error->message);

      rd_widget_show_toast (GTK_WIDGET (self), title);
    }
}

static void
on_context_changed_cb (RdAccountPlanSection *self,
                       GParamSpec           *pspec,
                       gpointer              user_data)
{
  RdContext *context = rd_account_pane_get_context (RD_ACCOUNT_PANE (self));

  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->bridge_calculator), context);
  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->concern_list), context);
  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->plan_view), context);
}

static void
rd_account_plan_section_dispose (GObject *object)
{
  RdAccountPlanSection *self = RD_ACCOUNT_PLAN_SECTION (object);

  /* AdwBin owns the template's root child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACCOUNT_PLAN_SECTION);
  g_clear_object (&self->account);
  g_clear_object (&self->latest_plan);
  g_clear_pointer (&self->latest_delay_id, g_free);

  G_OBJECT_CLASS (rd_account_plan_section_parent_class)->dispose (object);
}

static void
rd_account_plan_section_class_init (RdAccountPlanSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_account_plan_section_dispose;

  g_type_ensure (RD_TYPE_BRIDGE_CALCULATOR);
  g_type_ensure (RD_TYPE_CONCERN_LIST);
  g_type_ensure (RD_TYPE_PLAN_VIEW);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/renewaldesk/RenewalDesk/ui/rd-account-plan-section.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAccountPlanSection, bridge_calculator);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPlanSection, concern_list);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPlanSection, no_plan_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPlanSection, plan_view);
}

static void
rd_account_plan_section_init (RdAccountPlanSection *self)
{
  self->latest_cause = RD_CAUSE_HIDDEN_PROBLEM;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The panes inside reach the store through the same context. */
  g_signal_connect (self, "notify::context", G_CALLBACK (on_context_changed_cb), NULL);
}

void
rd_account_plan_section_set_account (RdAccountPlanSection *self,
                                     RdAccount            *account,
                                     gboolean              is_new)
{
  g_return_if_fail (RD_IS_ACCOUNT_PLAN_SECTION (self));
  g_return_if_fail (account == NULL || RD_IS_ACCOUNT (account));

  /* Nothing of an account that is not stored yet. */
  if (is_new)
    account = NULL;
  g_set_object (&self->account, account);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_view), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->no_plan_label), TRUE);
  g_clear_object (&self->latest_plan);
  rd_bridge_calculator_set_account (self->bridge_calculator, self->account);
  rd_concern_list_set_account (self->concern_list,
                               self->account != NULL ? rd_account_get_id (self->account) : NULL);
}

void
rd_account_plan_section_update_account (RdAccountPlanSection *self,
                                        RdAccount            *account)
{
  g_return_if_fail (RD_IS_ACCOUNT_PLAN_SECTION (self));
  g_return_if_fail (RD_IS_ACCOUNT (account));

  g_set_object (&self->account, account);
  rd_bridge_calculator_set_account (self->bridge_calculator, account);
}

void
rd_account_plan_section_show_plan (RdAccountPlanSection *self,
                                   RdPlanRecord         *plan,
                                   const char           *delay_id,
                                   RdCause               cause)
{
  g_return_if_fail (RD_IS_ACCOUNT_PLAN_SECTION (self));
  g_return_if_fail (plan == NULL || RD_IS_PLAN_RECORD (plan));

  g_set_object (&self->latest_plan, plan);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_view), plan != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->no_plan_label), plan == NULL);
  if (plan != NULL)
    rd_plan_view_set_plan (self->plan_view, plan);

  g_free (self->latest_delay_id);
  self->latest_delay_id = g_strdup (delay_id);
  self->latest_cause = cause;
}

void
rd_account_plan_section_start_plan (RdAccountPlanSection *self,
                                    const char           *today)
{
  RdStore *store;
  g_autoptr(GPtrArray) plan_and_steps = NULL;

  g_return_if_fail (RD_IS_ACCOUNT_PLAN_SECTION (self));
  g_return_if_fail (today != NULL);

  store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
  if (store == NULL || self->account == NULL)
    return;

  plan_and_steps = rd_plan_record_new_from_template (rd_account_get_id (self->account),
                                                     self->latest_delay_id, self->latest_cause,
                                                     today, rd_account_get_owner (self->account));
  rd_records_save_async (store, plan_and_steps, rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                         save_plan_cb, g_object_ref (self));
}

void
rd_account_plan_section_reload_bridges (RdAccountPlanSection *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_PLAN_SECTION (self));

  rd_bridge_calculator_reload (self->bridge_calculator);
}

void
rd_account_plan_section_reload_concerns (RdAccountPlanSection *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_PLAN_SECTION (self));

  rd_concern_list_reload (self->concern_list);
}

void
rd_account_plan_section_reload_plan (RdAccountPlanSection *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_PLAN_SECTION (self));

  rd_plan_view_reload (self->plan_view);
}

GtkWidget *
rd_account_plan_section_get_bridges (RdAccountPlanSection *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_PLAN_SECTION (self), NULL);

  return GTK_WIDGET (self->bridge_calculator);
}
