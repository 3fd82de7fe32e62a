/* rd-resolve-dialog.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-resolve-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-resolve-dialog.h"

struct _RdResolveDialog
{
  AdwMessageDialog  parent_instance;

  char             *date;      /* normalised, or NULL while invalid */
  char             *outcome;

  /* template children */
  AdwEntryRow      *cause_row;
  AdwEntryRow      *date_row;
  AdwEntryRow      *differently_row;
  GtkLabel         *error_label;
  AdwEntryRow      *outcome_row;
  AdwEntryRow      *prevent_row;
};

G_DEFINE_FINAL_TYPE (RdResolveDialog, rd_resolve_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
validate (RdResolveDialog *self)
{
  g_autofree char *date_text = row_text (self->date_row);
  g_autoptr(GError) error = NULL;
  const char *message = NULL;

  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->outcome, g_free);

  self->date = rd_date_normalize (date_text, &error);
  self->outcome = row_text (self->outcome_row);

  if (self->date == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      message = *date_text == '\0' ? _("Enter the date the delay ended.") : error->message;
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");

  if (message == NULL && *self->outcome == '\0')
    message = _("Say how it ended, for example “Renewed for two years”.");

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "resolve", message == NULL);
}

static void
on_changed_cb (RdResolveDialog *self)
{
  validate (self);
}

static void
rd_resolve_dialog_dispose (GObject *object)
{
  RdResolveDialog *self = RD_RESOLVE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_RESOLVE_DIALOG);

  G_OBJECT_CLASS (rd_resolve_dialog_parent_class)->dispose (object);
}

static void
rd_resolve_dialog_finalize (GObject *object)
{
  RdResolveDialog *self = RD_RESOLVE_DIALOG (object);

  g_free (self->date);
  g_free (self->outcome);

  G_OBJECT_CLASS (rd_resolve_dialog_parent_class)->finalize (object);
}

static void
rd_resolve_dialog_class_init (RdResolveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_resolve_dialog_dispose;
  object_class->finalize = rd_resolve_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-resolve-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdResolveDialog, cause_row);
  gtk_widget_class_bind_template_child (widget_class, RdResolveDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, RdResolveDialog, differently_row);
  gtk_widget_class_bind_template_child (widget_class, RdResolveDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RdResolveDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, RdResolveDialog, prevent_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
}

static void
rd_resolve_dialog_init (RdResolveDialog *self)
{
  GDate today;
  g_autofree char *iso = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  rd_date_today (&today);
  iso = rd_date_to_string (&today);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), iso);
  validate (self);
}

RdResolveDialog *
rd_resolve_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (RD_TYPE_RESOLVE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}

const char *
rd_resolve_dialog_get_date (RdResolveDialog *self)
{
  g_return_val_if_fail (RD_IS_RESOLVE_DIALOG (self), NULL);

  return self->date;
}

const char *
rd_resolve_dialog_get_outcome (RdResolveDialog *self)
{
  g_return_val_if_fail (RD_IS_RESOLVE_DIALOG (self), NULL);

  return self->outcome;
}

char *
rd_resolve_dialog_get_retrospective (RdResolveDialog *self)
{
  struct { AdwEntryRow *row; const char *label; } parts[] = {
    { self->cause_row, N_("What caused it") },
    { self->differently_row, N_("What we could have done differently") },
    { self->prevent_row, N_("How to prevent it next time") },
  };
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (RD_IS_RESOLVE_DIALOG (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *answer = row_text (parts[i].row);

      if (*answer == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "\n\n");
      /* Translators: a labelled paragraph, "What caused it: …" */
      g_string_append_printf (text, _("%s: %s"), _(parts[i].label), answer);
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}
