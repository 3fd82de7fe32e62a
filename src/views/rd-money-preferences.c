/* rd-money-preferences.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-money-preferences"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-code-picker.h"
#include "rd-document.h"
#include "rd-exchange.h"
#include "rd-format.h"
#include "rd-money-preferences.h"
#include "rd-settings.h"
#include "rd-store.h"
#include "rd-widget-util.h"

/* The fields of one rate row, in the order shown. */
static const char * const rate_fields[] = { "from_currency", "to_currency", "rate", "as_of" };
#define N_RATE_FIELDS G_N_ELEMENTS (rate_fields)

typedef struct
{
  AdwExpanderRow *row;
  AdwEntryRow    *entries[N_RATE_FIELDS];
  GtkLabel       *message;
  char           *doc_id;      /* "exchange_rate:<uuid>"; a draft's is new */
  gboolean        draft;       /* not saved yet */
} RateRow;

struct _RdMoneyPreferences
{
  AdwPreferencesPage  parent_instance;

  RdContext          *context;
  GSettings          *settings;
  GCancellable       *cancellable;
  GPtrArray          *rows;          /* RateRow */

  /* template children */
  RdCodePicker       *currency_picker;
  AdwActionRow       *currency_row;
  GtkSpinButton      *fee_spin;
  AdwActionRow       *fee_row;
  AdwPreferencesGroup *rates_group;
  GtkListBox         *rates_list;
  GtkSpinButton      *threshold_spin;
  AdwEntryRow        *target_row;
  GtkLabel           *target_error;
  GtkWidget          *target_error_row;  /* right under the target row */
};

G_DEFINE_FINAL_TYPE (RdMoneyPreferences, rd_money_preferences, ADW_TYPE_PREFERENCES_PAGE)

static void reload (RdMoneyPreferences *self);

static void
rate_row_free (RateRow *rate)
{
  g_free (rate->doc_id);
  g_free (rate);
}

static RdStore *
get_store (RdMoneyPreferences *self)
{
  return self->context != NULL ? rd_context_get_store (self->context) : NULL;
}

static void
show_toast (RdMoneyPreferences *self,
            AdwToast           *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    {
      rd_widget_show_toast (GTK_WIDGET (self), adw_toast_get_title (toast));
      g_object_unref (g_object_ref_sink (toast));
    }
}

static void
update_currency (RdMoneyPreferences *self)
{
  g_autofree char *code = rd_settings_dup_reporting_currency (self->settings);
  g_autofree char *subtitle = NULL;

  rd_code_picker_set_code (self->currency_picker, code);
  /* Translators: the fee's currency, "In whole units of EUR" */
  subtitle = g_strdup_printf (_("In whole units of %s, converted at each account’s rate"), code);
  adw_action_row_set_subtitle (self->fee_row, subtitle);
}

static void
on_currency_picked_cb (RdMoneyPreferences *self,
                       const char         *code,
                       RdCodePicker       *picker)
{
  g_assert (RD_IS_MONEY_PREFERENCES (self));

  if (code != NULL && strlen (code) == 3)
    g_settings_set_string (self->settings, "reporting-currency", code);
}

static void
on_settings_changed_cb (RdMoneyPreferences *self,
                        const char         *key,
                        GSettings          *settings)
{
  if (g_str_equal (key, "reporting-currency"))
    update_currency (self);
}

/* The title reads the rate the way it converts: "1 EUR = 162.5 JPY". */
static void
update_rate_title (RateRow *rate)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (rate->entries[0]));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (rate->entries[1]));
  const char *value = gtk_editable_get_text (GTK_EDITABLE (rate->entries[2]));
  const char *as_of = gtk_editable_get_text (GTK_EDITABLE (rate->entries[3]));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *day = rd_date_format (as_of);

  if (rate->draft && *value == '\0')
    title = g_strdup (_("New Exchange Rate"));
  else
    /* Translators: an exchange rate, "1 EUR = 162.5 JPY" */
    title = g_strdup_printf (_("1 %s = %s %s"), from, value, to);
  if (*day != '\0')
    /* Translators: the day a rate applies from, "From 1 Jan 2026" */
    subtitle = g_strdup_printf (_("From %s"), day);
  else
    subtitle = g_strdup (_("From any day"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rate->row), title);
  adw_expander_row_set_subtitle (rate->row, subtitle);
}

static void
set_message (RateRow    *rate,
             int         field,
             const char *message)
{
  for (guint i = 0; i < N_RATE_FIELDS; i++)
    {
      if ((int) i == field)
        gtk_widget_add_css_class (GTK_WIDGET (rate->entries[i]), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (rate->entries[i]), "error");
    }
  gtk_label_set_text (rate->message, message != NULL ? message : "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (rate->message)), message != NULL);
}

/* The rate's document from its fields, or NULL with the field at fault and
 * a message; nothing is saved then. */
static JsonObject *
rate_document (RateRow  *rate,
               int      *out_field,
               char    **out_message)
{
  g_autofree char *from = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (rate->entries[0])), -1);
  g_autofree char *to = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (rate->entries[1])), -1);
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rate->entries[2]))));
  g_autofree char *as_of = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rate->entries[3]))));
  g_autoptr(GError) error = NULL;
  JsonObject *doc;
  GDate date;

  g_strstrip (from);
  g_strstrip (to);
  if (!rd_currency_is_valid (from))
    return *out_field = 0, *out_message = g_strdup (_("Enter a currency code, such as EUR.")), NULL;
  if (!rd_currency_is_valid (to))
    return *out_field = 1, *out_message = g_strdup (_("Enter a currency code, such as JPY.")), NULL;
  if (g_str_equal (from, to))
    return *out_field = 1, *out_message = g_strdup (_("Choose two different currencies.")), NULL;
  if (!rd_exchange_rate_check (value, &error))
    return *out_field = 2, *out_message = g_strdup (error->message), NULL;
  if (*as_of != '\0' && !rd_date_parse (as_of, &date))
    return *out_field = 3, *out_message = g_strdup (_("Enter the day as YYYY-MM-DD, or leave it empty.")), NULL;

  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", rate->doc_id);
  json_object_set_string_member (doc, "type", "exchange_rate");
  json_object_set_string_member (doc, "from_currency", from);
  json_object_set_string_member (doc, "to_currency", to);
  json_object_set_string_member (doc, "rate", value);
  if (*as_of != '\0')
    json_object_set_string_member (doc, "as_of", as_of);
  return doc;
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(RdMoneyPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_put_documents_finish (RD_STORE (object), result, &error))
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("Could not save the exchange rate: %s"), error->message);
      show_toast (self, rd_toast_new (title));
    }
  reload (self);
}

static RateRow *
find_rate (RdMoneyPreferences *self,
           GtkWidget          *child)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      RateRow *rate = g_ptr_array_index (self->rows, i);

      if (child == GTK_WIDGET (rate->row) || gtk_widget_is_ancestor (child, GTK_WIDGET (rate->row)))
        return rate;
    }
  return NULL;
}

static void
on_rate_apply_cb (AdwEntryRow        *entry,
                  RdMoneyPreferences *self)
{
  RateRow *rate = find_rate (self, GTK_WIDGET (entry));
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *message = NULL;
  int field = -1;

  if (rate == NULL || get_store (self) == NULL)
    return;

  doc = rate_document (rate, &field, &message);
  set_message (rate, doc == NULL ? field : -1, message);
  if (doc == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (rate->entries[field]));
      return;
    }

  update_rate_title (rate);
  docs = g_ptr_array_new ();
  g_ptr_array_add (docs, doc);
  rd_store_put_documents_async (get_store (self), docs, self->cancellable, put_cb, g_object_ref (self));
}

/* Validates as one types, so the message shows under the field at once. */
static void
on_rate_changed_cb (GtkEditable        *editable,
                    RdMoneyPreferences *self)
{
  RateRow *rate = find_rate (self, GTK_WIDGET (editable));
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *message = NULL;
  int field = -1;

  if (rate == NULL)
    return;
  doc = rate_document (rate, &field, &message);
  /* Only the field being typed in is judged: the others may still be empty. */
  if (doc == NULL && GTK_WIDGET (rate->entries[field]) != GTK_WIDGET (editable))
    set_message (rate, -1, NULL);
  else
    set_message (rate, doc == NULL ? field : -1, message);
}

static void
undelete_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RdMoneyPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_undelete_document_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, rd_toast_new (error->message));
  reload (self);
}

static void
on_undo_cb (AdwToast           *toast,
            RdMoneyPreferences *self)
{
  const char *doc_id = g_object_get_data (G_OBJECT (toast), "doc-id");

  if (get_store (self) != NULL && doc_id != NULL)
    rd_store_undelete_document_async (get_store (self), doc_id, self->cancellable, undelete_cb,
                                      g_object_ref (self));
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AdwToast) toast = user_data;
  RdMoneyPreferences *self = g_object_get_data (G_OBJECT (toast), "page");
  g_autoptr(GError) error = NULL;

  if (!rd_store_delete_document_finish (RD_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, rd_toast_new (error->message));
      return;
    }
  show_toast (self, g_steal_pointer (&toast));
  reload (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdMoneyPreferences *self = RD_MONEY_PREFERENCES (widget);
  const char *doc_id = g_variant_get_string (parameter, NULL);
  AdwToast *toast;
  g_autofree char *title = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      RateRow *rate = g_ptr_array_index (self->rows, i);

      if (!g_str_equal (rate->doc_id, doc_id))
        continue;
      if (rate->draft || get_store (self) == NULL)
        {
          gtk_list_box_remove (self->rates_list, GTK_WIDGET (rate->row));
          g_ptr_array_remove_index (self->rows, i);
          return;
        }
      /* Translators: "Exchange rate 1 EUR = 162.5 JPY deleted" */
      title = g_strdup_printf (_("Exchange rate %s deleted"),
                               adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rate->row)));
      break;
    }
  if (title == NULL)
    return;

  toast = rd_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "doc-id", g_strdup (doc_id), g_free);
  g_object_set_data (G_OBJECT (toast), "page", self);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_cb), self, 0);
  rd_store_delete_document_async (get_store (self), doc_id, self->cancellable, delete_cb,
                                  g_object_ref_sink (toast));
}

static RateRow *
add_rate_row (RdMoneyPreferences *self,
              JsonObject         *doc,
              gboolean            draft)
{
  static const char *titles[N_RATE_FIELDS] = {
    N_("From Currency"), N_("To Currency"), N_("Rate"), N_("As Of (YYYY-MM-DD)"),
  };
  RateRow *rate = g_new0 (RateRow, 1);
  GtkWidget *delete;

  rate->draft = draft;
  rate->doc_id = g_strdup (json_object_get_string_member (doc, "_id"));
  rate->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  /* A new rate goes on top, where the user is, not below the fold. */
  if (draft)
    gtk_list_box_prepend (self->rates_list, GTK_WIDGET (rate->row));
  else
    gtk_list_box_append (self->rates_list, GTK_WIDGET (rate->row));

  for (guint i = 0; i < N_RATE_FIELDS; i++)
    {
      AdwEntryRow *entry = ADW_ENTRY_ROW (adw_entry_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _(titles[i]));
      adw_entry_row_set_show_apply_button (entry, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (entry),
                             json_object_get_string_member_with_default (doc, rate_fields[i], ""));
      g_signal_connect_object (entry, "apply", G_CALLBACK (on_rate_apply_cb), self, 0);
      g_signal_connect_object (entry, "entry-activated", G_CALLBACK (on_rate_apply_cb), self, 0);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_rate_changed_cb), self, 0);
      adw_expander_row_add_row (rate->row, GTK_WIDGET (entry));
      rate->entries[i] = entry;
    }
  rate->message = rd_list_row_add_error_label (GTK_LIST_BOX_ROW (rate->entries[2]));

  delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_tooltip_text (delete, _("Delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete Rate"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "money.delete-rate");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (delete), "s", rate->doc_id);
  adw_expander_row_add_action (rate->row, delete);

  update_rate_title (rate);
  g_ptr_array_add (self->rows, rate);
  return rate;
}

static int
compare_rates (gconstpointer a,
               gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;
  static const char *keys[] = { "from_currency", "to_currency" };
  int order;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if ((order = g_strcmp0 (json_object_get_string_member_with_default (x, keys[i], ""),
                            json_object_get_string_member_with_default (y, keys[i], ""))) != 0)
      return order;
  /* The newest first. */
  return -g_strcmp0 (json_object_get_string_member_with_default (x, "as_of", ""),
                     json_object_get_string_member_with_default (y, "as_of", ""));
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RdMoneyPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = rd_store_list_documents_finish (RD_STORE (object), result, &error);

  if (docs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the exchange rates: %s", error->message);
      return;
    }

  /* Drafts stay until saved or deleted. */
  for (guint i = self->rows->len; i > 0; i--)
    {
      RateRow *rate = g_ptr_array_index (self->rows, i - 1);

      if (!rate->draft)
        {
          gtk_list_box_remove (self->rates_list, GTK_WIDGET (rate->row));
          g_ptr_array_remove_index (self->rows, i - 1);
        }
    }

  g_ptr_array_sort (docs, compare_rates);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *id = json_object_get_string_member (doc, "_id");
      gboolean is_draft = FALSE;

      /* A draft just saved becomes the stored row. */
      for (guint r = 0; r < self->rows->len; r++)
        {
          RateRow *rate = g_ptr_array_index (self->rows, r);

          if (g_str_equal (rate->doc_id, id))
            {
              gtk_list_box_remove (self->rates_list, GTK_WIDGET (rate->row));
              g_ptr_array_remove_index (self->rows, r);
              is_draft = TRUE;
              break;
            }
        }
      add_rate_row (self, doc, FALSE);
      if (is_draft)
        adw_expander_row_set_expanded (((RateRow *) g_ptr_array_index (self->rows, self->rows->len - 1))->row,
                                       FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rates_list), self->rows->len > 0);
}

static void
reload (RdMoneyPreferences *self)
{
  if (get_store (self) == NULL)
    return;
  rd_store_list_documents_async (get_store (self), "exchange_rate", NULL, NULL, self->cancellable,
                                 list_cb, g_object_ref (self));
}

static void
add_rate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdMoneyPreferences *self = RD_MONEY_PREFERENCES (widget);
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = rd_document_make_id ("exchange_rate", uuid);
  g_autofree char *currency = rd_settings_dup_reporting_currency (self->settings);
  g_autofree char *today = self->context != NULL ? rd_context_dup_today_iso (self->context) : NULL;
  RateRow *rate;

  json_object_set_string_member (doc, "_id", id);
  /* Like the rates around it: one unit of another currency in ours. */
  json_object_set_string_member (doc, "to_currency", currency);
  if (today != NULL)
    json_object_set_string_member (doc, "as_of", today);
  rate = add_rate_row (self, doc, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->rates_list), TRUE);
  adw_expander_row_set_expanded (rate->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (rate->entries[0]));
}

static void
on_store_changed_cb (RdMoneyPreferences *self,
                     const char         *type,
                     const char         *id,
                     RdStore            *store)
{
  if (type == NULL || g_str_equal (type, "exchange_rate"))
    reload (self);
}

static void
rd_money_preferences_dispose (GObject *object)
{
  RdMoneyPreferences *self = RD_MONEY_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_MONEY_PREFERENCES);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rd_money_preferences_parent_class)->dispose (object);
}

/* "250000 EUR", or an amount alone in the reporting currency; empty for
 * no target.  The weekly update tracks renewed and Commit against it. */
static void
on_target_apply_cb (RdMoneyPreferences *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->target_row))));
  g_autofree char *currency = NULL;
  g_autoptr(GError) error = NULL;
  char *space;
  gint64 minor;

  g_assert (RD_IS_MONEY_PREFERENCES (self));

  space = strrchr (text, ' ');
  if (space != NULL && rd_currency_is_valid (g_strstrip (space + 1)))
    {
      currency = g_ascii_strup (space + 1, -1);
      *space = '\0';
      g_strstrip (text);
    }
  else
    currency = rd_settings_dup_reporting_currency (self->settings);

  if (*text == '\0' && currency != NULL && space == NULL)
    g_settings_set_string (self->settings, "quarter-target", "");
  else if (!rd_money_parse (text, currency, &minor, &error) || minor <= 0)
    {
      gtk_label_set_text (self->target_error,
                          error != NULL ? error->message : _("The target must be more than zero."));
      gtk_widget_set_visible (self->target_error_row, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->target_row), "error");
      return;
    }
  else
    {
      g_autofree char *stored = g_strdup_printf ("%s %s", text, currency);

      g_settings_set_string (self->settings, "quarter-target", stored);
    }

  gtk_widget_set_visible (self->target_error_row, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->target_row), "error");
}

static void
rd_money_preferences_class_init (RdMoneyPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_money_preferences_dispose;

  g_type_ensure (RD_TYPE_CODE_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-money-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, RdMoneyPreferences, currency_picker);
  gtk_widget_class_bind_template_child (widget_class, RdMoneyPreferences, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RdMoneyPreferences, fee_row);
  gtk_widget_class_bind_template_child (widget_class, RdMoneyPreferences, fee_spin);
  gtk_widget_class_bind_template_child (widget_class, RdMoneyPreferences, rates_group);
  gtk_widget_class_bind_template_child (widget_class, RdMoneyPreferences, rates_list);
  gtk_widget_class_bind_template_child (widget_class, RdMoneyPreferences, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, RdMoneyPreferences, target_row);
  gtk_widget_class_bind_template_child (widget_class, RdMoneyPreferences, target_error);
  gtk_widget_class_bind_template_child (widget_class, RdMoneyPreferences, target_error_row);
  gtk_widget_class_bind_template_callback (widget_class, on_target_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_currency_picked_cb);

  gtk_widget_class_install_action (widget_class, "money.add-rate", NULL, add_rate_action);
  gtk_widget_class_install_action (widget_class, "money.delete-rate", "s", delete_action);
}

static void
rd_money_preferences_init (RdMoneyPreferences *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rate_row_free);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_money_preferences_new (RdContext *context)
{
  RdMoneyPreferences *self;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (rd_context_get_settings (context)), NULL);

  self = g_object_new (RD_TYPE_MONEY_PREFERENCES, NULL);
  self->context = g_object_ref (context);
  self->settings = g_object_ref (rd_context_get_settings (context));

  g_settings_bind (self->settings, "bridge-fee", self->fee_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "concession-warning-percent", self->threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  {
    g_autofree char *target = g_settings_get_string (self->settings, "quarter-target");

    gtk_editable_set_text (GTK_EDITABLE (self->target_row), target);
  }
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_currency (self);

  if (get_store (self) != NULL)
    g_signal_connect_object (get_store (self), "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  reload (self);

  return GTK_WIDGET (self);
}

guint
_rd_money_preferences_get_n_rates (RdMoneyPreferences *self)
{
  return self->rows->len;
}

AdwEntryRow *
_rd_money_preferences_get_entry (RdMoneyPreferences *self,
                                 guint               index,
                                 const char         *field)
{
  RateRow *rate = g_ptr_array_index (self->rows, index);

  for (guint i = 0; i < N_RATE_FIELDS; i++)
    if (g_str_equal (rate_fields[i], field))
      return rate->entries[i];
  return NULL;
}

const char *
_rd_money_preferences_get_message (RdMoneyPreferences *self,
                                   guint               index)
{
  RateRow *rate = g_ptr_array_index (self->rows, index);

  return gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (rate->message))) ?
         gtk_label_get_text (rate->message) : "";
}
