/* rd-code-picker.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-code-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-code-picker.h"
#include "rd-format.h"
#include "rd-iso-codes.h"
#include "rd-search-text.h"

/* A country or currency chosen by its name in the user's language: a
 * button showing the current one's name, and a popover that searches the
 * list by name or code, whatever the case and accents ("deutsch",
 * "kovacs"), from iso-codes. */
struct _RdCodePicker
{
  AdwBin          parent_instance;

  char           *kind;
  char           *code;
  char           *query;    /* folded; NULL shows every row */

  GtkMenuButton  *button;
  GtkSearchEntry *search_entry;
  GtkListBox     *list;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_CODE,
  N_PROPS
};

enum {
  PICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdCodePicker, rd_code_picker, ADW_TYPE_BIN)

static gboolean
is_country (RdCodePicker *self)
{
  return g_strcmp0 (self->kind, "currency") != 0;
}

static const char *
name_of (RdCodePicker *self,
         const char   *code)
{
  return is_country (self) ? rd_country_name (code) : rd_currency_name (code);
}

static void
update_button (RdCodePicker *self)
{
  const char *name = self->code != NULL ? name_of (self, self->code) : NULL;

  gtk_menu_button_set_label (self->button, name != NULL ? name
                                           : is_country (self) ? _("Choose a Country…")
                                                               : _("Choose a Currency…"));
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  RdCodePicker *self = user_data;
  const char *key = g_object_get_data (G_OBJECT (row), "key");

  return self->query == NULL || strstr (key, self->query) != NULL;
}

static void
fill_list (RdCodePicker *self)
{
  const char * const *codes = is_country (self) ? rd_country_codes (NULL) : rd_currency_codes (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *name = name_of (self, codes[i]);
      g_autofree char *text = g_strdup_printf ("%s (%s)", name, codes[i]);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "code", g_strdup (codes[i]), g_free);
      g_object_set_data_full (G_OBJECT (row), "key", rd_search_text_fold (text, -1), g_free);
      gtk_list_box_append (self->list, row);
    }
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
}

static void
pick (RdCodePicker *self,
      const char   *code)
{
  gtk_menu_button_popdown (self->button);
  rd_code_picker_set_code (self, code);
  g_signal_emit (self, signals[PICKED], 0, code);
}

static void
on_row_activated_cb (RdCodePicker  *self,
                     GtkListBoxRow *row)
{
  g_assert (RD_IS_CODE_PICKER (self));

  pick (self, g_object_get_data (G_OBJECT (row), "code"));
}

static void
on_search_changed_cb (RdCodePicker *self)
{
  g_assert (RD_IS_CODE_PICKER (self));

  rd_code_picker_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter takes the first match. */
static void
on_search_activate_cb (RdCodePicker *self)
{
  g_auto(GStrv) shown = rd_code_picker_dup_shown (self);

  g_assert (RD_IS_CODE_PICKER (self));

  if (shown[0] != NULL)
    pick (self, shown[0]);
}

static void
on_popover_show_cb (RdCodePicker *self)
{
  g_assert (RD_IS_CODE_PICKER (self));

  if (gtk_list_box_get_row_at_index (self->list, 0) == NULL)
    fill_list (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
rd_code_picker_dispose (GObject *object)
{
  /* The button is the bin's child as well as a template child. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_CODE_PICKER);

  G_OBJECT_CLASS (rd_code_picker_parent_class)->dispose (object);
}

static void
rd_code_picker_finalize (GObject *object)
{
  RdCodePicker *self = RD_CODE_PICKER (object);

  g_free (self->kind);
  g_free (self->code);
  g_free (self->query);

  G_OBJECT_CLASS (rd_code_picker_parent_class)->finalize (object);
}

static void
rd_code_picker_constructed (GObject *object)
{
  RdCodePicker *self = RD_CODE_PICKER (object);
  const char *label = is_country (self) ? _("Choose a country") : _("Choose a currency");

  G_OBJECT_CLASS (rd_code_picker_parent_class)->constructed (object);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  update_button (self);
}

static void
rd_code_picker_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdCodePicker *self = RD_CODE_PICKER (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_code_picker_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdCodePicker *self = RD_CODE_PICKER (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;
    case PROP_CODE:
      rd_code_picker_set_code (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_code_picker_class_init (RdCodePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_code_picker_constructed;
  object_class->dispose = rd_code_picker_dispose;
  object_class->finalize = rd_code_picker_finalize;
  object_class->get_property = rd_code_picker_get_property;
  object_class->set_property = rd_code_picker_set_property;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "country",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user chose @code (not emitted by rd_code_picker_set_code ()). */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-code-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCodePicker, button);
  gtk_widget_class_bind_template_child (widget_class, RdCodePicker, list);
  gtk_widget_class_bind_template_child (widget_class, RdCodePicker, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
}

static void
rd_code_picker_init (RdCodePicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_code_picker_new (const char *kind)
{
  g_return_val_if_fail (g_strcmp0 (kind, "country") == 0 || g_strcmp0 (kind, "currency") == 0,
                        NULL);

  return g_object_new (RD_TYPE_CODE_PICKER, "kind", kind, NULL);
}

const char *
rd_code_picker_get_code (RdCodePicker *self)
{
  g_return_val_if_fail (RD_IS_CODE_PICKER (self), NULL);

  return self->code;
}

void
rd_code_picker_set_code (RdCodePicker *self,
                         const char   *code)
{
  g_return_if_fail (RD_IS_CODE_PICKER (self));

  if (code != NULL && *code == '\0')
    code = NULL;
  if (g_strcmp0 (self->code, code) == 0)
    return;

  g_free (self->code);
  self->code = g_strdup (code);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

void
rd_code_picker_search (RdCodePicker *self,
                       const char   *text)
{
  g_return_if_fail (RD_IS_CODE_PICKER (self));

  if (gtk_list_box_get_row_at_index (self->list, 0) == NULL)
    fill_list (self);
  g_clear_pointer (&self->query, g_free);
  if (text != NULL && *text != '\0')
    self->query = rd_search_text_fold (text, -1);
  gtk_list_box_invalidate_filter (self->list);
}

GStrv
rd_code_picker_dup_shown (RdCodePicker *self)
{
  g_autoptr(GStrvBuilder) shown = g_strv_builder_new ();
  GtkListBoxRow *row;

  g_return_val_if_fail (RD_IS_CODE_PICKER (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (filter_row (row, self))
      g_strv_builder_add (shown, g_object_get_data (G_OBJECT (row), "code"));

  return g_strv_builder_end (shown);
}
