/* rd-close-dialog.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-close-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-close-dialog.h"
#include "rd-format.h"

struct _RdCloseDialog
{
  AdwMessageDialog  parent_instance;

  RdContext        *context;
  RdAccount        *account;
  GSettings        *settings;    /* the context's; NULL without the schema */
  GPtrArray        *documents;   /* valid result, or NULL */
  GPtrArray        *related;     /* the account's delays and plans, to close */
  char             *default_reengage;
  int               last_reason;

  /* template children */
  AdwEntryRow      *competitor_row;
  GMenu            *competitor_menu;
  GtkMenuButton    *competitor_button;
  AdwEntryRow      *details_row;
  GtkLabel         *error_label;
  AdwEntryRow      *reengage_row;
  AdwComboRow      *reason_row;
  AdwEntryRow      *retrospective_row;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdCloseDialog, rd_close_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static int
selected_reason (RdCloseDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->reason_row);

  /* Item 0 is "Choose a reason". */
  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

static void
mark (GtkWidget *row,
      gboolean   bad)
{
  if (bad)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
validate (RdCloseDialog *self)
{
  g_autofree char *competitor = row_text (self->competitor_row);
  g_autofree char *details = row_text (self->details_row);
  g_autofree char *retrospective = row_text (self->retrospective_row);
  g_autofree char *reengage_text = row_text (self->reengage_row);
  g_autofree char *reengage = NULL;
  g_autofree char *today = NULL;
  g_autofree char *field = NULL;
  g_autoptr(GError) error = NULL;
  RdLossInput input = { 0, };
  int reason = selected_reason (self);

  g_clear_pointer (&self->documents, g_ptr_array_unref);
  if (self->account == NULL)
    return;

  /* No longer a target (no need, or a competitor implemented): no date by
   * default.  Back to a reason that is: the default date again. */
  if (reason != self->last_reason)
    {
      gboolean optional = reason >= 0 && rd_lifecycle_reengage_optional (reason);

      self->last_reason = reason;
      if (optional && g_strcmp0 (reengage_text, self->default_reengage) == 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->reengage_row), "");
          return;   /* validated again by the change */
        }
      if (!optional && *reengage_text == '\0' && self->default_reengage != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->reengage_row), self->default_reengage);
          return;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->competitor_row), reason == RD_LOSS_COMPETITOR);

  today = rd_context_dup_today_iso (self->context);
  reengage = rd_date_normalize (reengage_text, NULL);

  input.reason = reason;
  input.competitor = competitor;
  input.details = details;
  input.retrospective = retrospective;
  input.closed_on = today;
  input.reengage_on = reengage;

  self->documents = rd_lifecycle_close_as_lost (self->account, &input, self->related, &field,
                                                &error);

  mark (GTK_WIDGET (self->reason_row), g_strcmp0 (field, "reason") == 0);
  mark (GTK_WIDGET (self->competitor_row), g_strcmp0 (field, "competitor") == 0);
  mark (GTK_WIDGET (self->reengage_row), g_strcmp0 (field, "reengage_on") == 0);

  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "close", self->documents != NULL);
}

static void
fill_competitor_menu (RdCloseDialog *self)
{
  g_auto(GStrv) names = NULL;

  g_menu_remove_all (self->competitor_menu);
  gtk_widget_set_sensitive (GTK_WIDGET (self->competitor_button), FALSE);
  if (self->settings == NULL)
    return;

  names = g_settings_get_strv (self->settings, "competitors");
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (names[i], NULL);

      g_menu_item_set_action_and_target (item, "close.pick-competitor", "s", names[i]);
      g_menu_append_item (self->competitor_menu, item);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->competitor_button), names[0] != NULL);
}

static void
pick_competitor_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RdCloseDialog *self = RD_CLOSE_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->competitor_row), g_variant_get_string (parameter, NULL));
}

static void
on_changed_cb (RdCloseDialog *self)
{
  validate (self);
}

/* Connected in init rather than overriding AdwMessageDialogClass.response, which is
 * NULL in libadwaita 1.2 and runs after the caller's handlers.
 */
static void
on_response_cb (RdCloseDialog *self,
                const char    *response)
{
  g_assert (RD_IS_CLOSE_DIALOG (self));

  /* Remember the competitor so it is one click away next time. */
  if (g_strcmp0 (response, "close") == 0 && self->documents != NULL)
    {
      g_autofree char *name = rd_close_dialog_get_competitor (self);

      if (name != NULL && self->settings != NULL)
        {
          g_auto(GStrv) names = g_settings_get_strv (self->settings, "competitors");
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) updated = NULL;

          g_strv_builder_add (builder, name);
          for (guint i = 0; names[i] != NULL && i < 30; i++)
            if (g_utf8_collate (names[i], name) != 0)
              g_strv_builder_add (builder, names[i]);
          updated = g_strv_builder_end (builder);
          g_settings_set_strv (self->settings, "competitors", (const char * const *) updated);
        }
    }
}

static void
rd_close_dialog_constructed (GObject *object)
{
  RdCloseDialog *self = RD_CLOSE_DIALOG (object);

  G_OBJECT_CLASS (rd_close_dialog_parent_class)->constructed (object);

  if (self->context != NULL)
    g_set_object (&self->settings, rd_context_get_settings (self->context));
  fill_competitor_menu (self);
}

static void
rd_close_dialog_dispose (GObject *object)
{
  RdCloseDialog *self = RD_CLOSE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CLOSE_DIALOG);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  g_clear_pointer (&self->default_reengage, g_free);
  g_clear_object (&self->context);
  g_clear_pointer (&self->documents, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_close_dialog_parent_class)->dispose (object);
}

static void
rd_close_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RdCloseDialog *self = RD_CLOSE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_close_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RdCloseDialog *self = RD_CLOSE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_close_dialog_class_init (RdCloseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_close_dialog_constructed;
  object_class->dispose = rd_close_dialog_dispose;
  object_class->get_property = rd_close_dialog_get_property;
  object_class->set_property = rd_close_dialog_set_property;

  /* Where the competitors named before and the re-engage delay are kept,
   * and today's date. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-close-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCloseDialog, competitor_button);
  gtk_widget_class_bind_template_child (widget_class, RdCloseDialog, competitor_menu);
  gtk_widget_class_bind_template_child (widget_class, RdCloseDialog, competitor_row);
  gtk_widget_class_bind_template_child (widget_class, RdCloseDialog, details_row);
  gtk_widget_class_bind_template_child (widget_class, RdCloseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RdCloseDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, RdCloseDialog, reengage_row);
  gtk_widget_class_bind_template_child (widget_class, RdCloseDialog, retrospective_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "close.pick-competitor", "s", pick_competitor_action);
}

static void
rd_close_dialog_init (RdCloseDialog *self)
{
  g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (on_response_cb), NULL);
  self->last_reason = -1;

  gtk_string_list_append (reasons, _("Choose a reason"));
  for (guint i = 0; i < rd_loss_reason_table.n_entries; i++)
    gtk_string_list_append (reasons, rd_enum_table_label (&rd_loss_reason_table, i));
  adw_combo_row_set_model (self->reason_row, G_LIST_MODEL (reasons));
  adw_combo_row_set_selected (self->reason_row, 0);
}

RdCloseDialog *
rd_close_dialog_new (GtkWindow *parent,
                     RdContext *context,
                     RdAccount *account,
                     GPtrArray *related)
{
  RdCloseDialog *self;
  g_autofree char *reengage = NULL;
  g_autofree char *body = NULL;
  GDate today;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RD_IS_ACCOUNT (account), NULL);

  self = g_object_new (RD_TYPE_CLOSE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "context", context,
                       NULL);
  self->account = g_object_ref (account);
  self->related = related != NULL ? g_ptr_array_ref (related) : NULL;

  /* Translators: the body of the "Close as Lost" dialog */
  body = g_strdup_printf (_("Record why “%s” did not renew and when to try again. "
                            "Nothing is deleted: the history stays with the account."),
                          rd_account_get_name (account));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  rd_context_get_today (context, &today);
  reengage = rd_lifecycle_default_reengage (&today, self->settings != NULL
                                                    ? g_settings_get_int (self->settings, "reengage-days")
                                                    : RD_LIFECYCLE_DEFAULT_REENGAGE_DAYS);
  /* Shown as the region writes dates; read back by rd_date_normalize (). */
  self->default_reengage = rd_date_format (reengage);
  gtk_editable_set_text (GTK_EDITABLE (self->reengage_row), self->default_reengage);
  validate (self);

  return self;
}

GPtrArray *
rd_close_dialog_get_documents (RdCloseDialog *self)
{
  g_return_val_if_fail (RD_IS_CLOSE_DIALOG (self), NULL);

  return self->documents;
}

char *
rd_close_dialog_get_competitor (RdCloseDialog *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (RD_IS_CLOSE_DIALOG (self), NULL);

  if (selected_reason (self) != RD_LOSS_COMPETITOR)
    return NULL;
  text = row_text (self->competitor_row);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

void
_rd_close_dialog_set_input (RdCloseDialog *self,
                            RdLossReason   reason,
                            const char    *competitor)
{
  adw_combo_row_set_selected (self->reason_row, reason + 1);
  gtk_editable_set_text (GTK_EDITABLE (self->competitor_row), competitor ? competitor : "");
  validate (self);
}
