/* rd-account-details.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-details"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-account-details.h"
#include "rd-champion-kit-editor.h"
#include "rd-code-picker.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-risk-badge.h"
#include "rd-widget-util.h"

typedef enum
{
  FIELD_NAME,
  FIELD_EXTERNAL_ID,
  FIELD_INDUSTRY,
  FIELD_OWNER,
  FIELD_COUNTRY,
  FIELD_CURRENCY,
  FIELD_VALUE,
  FIELD_START,
  FIELD_END,
  FIELD_NOTICE,
  FIELD_CHURN_REASON,
  N_ENTRY_FIELDS,
  FIELD_STAGE = N_ENTRY_FIELDS,
  FIELD_STATUS,
  FIELD_CASH,
  FIELD_AUTO_RENEW,
  FIELD_NOTES,
  FIELD_GOALS,
  FIELD_OUTCOMES,
  FIELD_ROI,
  FIELD_KIT,        /* the champion's kit: references, ROI figures, price change */
  N_FIELDS
} Field;

struct _RdAccountDetails
{
  RdAccountPane   parent_instance;

  RdAccount      *account;        /* the page's, the edited state */
  RdAccount      *kit_before;     /* the account before the kit editor's next change */
  AdwEntryRow    *entry_rows[N_ENTRY_FIELDS];
  GtkLabel       *error_labels[N_ENTRY_FIELDS];  /* each in a row below its field */
  GQueue          undo_stack;     /* of FieldUndo, newest last */
  guint           scroll_ticks;
  guint           is_new : 1;
  guint           updating : 1;
  guint           stopped : 1;

  /* template children */
  GtkSwitch      *auto_renew_switch;
  AdwComboRow    *cash_row;
  AdwEntryRow    *churn_reason_row;
  AdwEntryRow    *country_row;
  AdwEntryRow    *currency_row;
  GtkCalendar    *end_calendar;
  GtkPopover     *end_calendar_popover;
  AdwEntryRow    *end_row;
  AdwEntryRow    *external_id_row;
  GtkLabel       *goals_error_label;
  GtkTextView    *goals_view;
  AdwEntryRow    *industry_row;
  AdwEntryRow    *name_row;
  GtkTextView    *notes_view;
  AdwEntryRow    *notice_row;
  GtkLabel       *outcomes_error_label;
  GtkTextView    *outcomes_view;
  AdwEntryRow    *owner_row;
  RdRiskBadge    *risk_badge;
  GtkLabel       *roi_error_label;
  GtkTextView    *roi_view;
  RdChampionKitEditor *kit_editor;
  AdwComboRow    *stage_row;
  GtkCalendar    *start_calendar;
  GtkPopover     *start_calendar_popover;
  AdwEntryRow    *start_row;
  AdwComboRow    *status_row;
  AdwEntryRow    *value_row;
};

enum {
  PROP_0,
  PROP_IS_NEW,
  N_PROPS
};

enum {
  NAME_CHANGED,
  REVEAL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdAccountDetails, rd_account_details, RD_TYPE_ACCOUNT_PANE)

/* Helpers ---------------------------------------------------------------- */

static const char *
empty_if_null (const char *s)
{
  return s != NULL ? s : "";
}

static int
entry_field (RdAccountDetails *self,
             AdwEntryRow      *row)
{
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    if (self->entry_rows[i] == row)
      return i;
  return -1;
}

/* The multi-line fields, edited in place and saved when focus leaves. */
static GtkTextView *
text_view_for (RdAccountDetails *self,
               Field             field)
{
  switch (field)
    {
    case FIELD_NOTES: return self->notes_view;
    case FIELD_GOALS: return self->goals_view;
    case FIELD_OUTCOMES: return self->outcomes_view;
    case FIELD_ROI: return self->roi_view;
    default: return NULL;
    }
}

/* The widget an inline error marks, or NULL when errors are toasts. */
static GtkWidget *
error_widget_for (RdAccountDetails *self,
                  Field             field)
{
  if (field < N_ENTRY_FIELDS)
    return GTK_WIDGET (self->entry_rows[field]);
  if (field >= FIELD_GOALS && field <= FIELD_ROI)
    return GTK_WIDGET (text_view_for (self, field));
  return NULL;
}

static GtkLabel *
error_label_for (RdAccountDetails *self,
                 Field             field)
{
  if (field < N_ENTRY_FIELDS)
    return self->error_labels[field];
  /* A text view does not look different in error: its own label says it. */
  if (field == FIELD_GOALS)
    return self->goals_error_label;
  if (field == FIELD_OUTCOMES)
    return self->outcomes_error_label;
  if (field == FIELD_ROI)
    return self->roi_error_label;
  return NULL;
}

/* What shows or hides with the message: the row below an entry row. */
static GtkWidget *
error_box_for (RdAccountDetails *self,
               Field             field)
{
  GtkWidget *label = GTK_WIDGET (error_label_for (self, field));

  return field < N_ENTRY_FIELDS ? gtk_widget_get_parent (label) : label;
}

static void
clear_error (RdAccountDetails *self,
             Field             field)
{
  GtkWidget *widget = error_widget_for (self, field);

  if (widget == NULL || !gtk_widget_has_css_class (widget, "error"))
    return;

  gtk_widget_remove_css_class (widget, "error");
  gtk_widget_set_tooltip_text (widget, NULL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_visible (error_box_for (self, field), FALSE);
}

static void
clear_all_errors (RdAccountDetails *self)
{
  for (Field f = FIELD_NAME; f < N_FIELDS; f++)
    clear_error (self, f);
  for (Field f = FIELD_NAME; f < N_ENTRY_FIELDS; f++)
    gtk_widget_set_visible (error_box_for (self, f), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->goals_error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->outcomes_error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->roi_error_label), FALSE);
}

static gboolean
scroll_to_error_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  RdAccountDetails *self = RD_ACCOUNT_DETAILS (widget);
  GtkWidget *target = user_data;
  GtkWidget *scroller = gtk_widget_get_ancestor (target, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adj;
  graphene_rect_t bounds;
  double value, page;

  /* The label was hidden until now: wait one frame for its allocation. */
  if (self->scroll_ticks++ == 0)
    return G_SOURCE_CONTINUE;
  if (scroller == NULL)
    return G_SOURCE_REMOVE;

  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  value = gtk_adjustment_get_value (adj);
  page = gtk_adjustment_get_page_size (adj);

  /* Bring the row and its message below it into view. */
  if (gtk_widget_get_visible (target) &&
      gtk_widget_compute_bounds (target, content, &bounds))
    {
      double bottom = bounds.origin.y + bounds.size.height + 12;

      if (bottom > value + page)
        gtk_adjustment_set_value (adj, bottom - page);
    }

  return G_SOURCE_REMOVE;
}

static void
show_error (RdAccountDetails *self,
            Field             field,
            const char       *message)
{
  GtkWidget *widget = error_widget_for (self, field);
  GtkWidget *box;

  if (widget == NULL)
    {
      rd_widget_show_toast (GTK_WIDGET (self), message);
      return;
    }

  box = error_box_for (self, field);
  /* The section shows first: the message is for someone to read. */
  g_signal_emit (self, signals[REVEAL], 0);
  gtk_widget_add_css_class (widget, "error");
  gtk_widget_set_tooltip_text (widget, message);
  gtk_label_set_text (error_label_for (self, field), message);
  gtk_widget_set_visible (box, TRUE);
  self->scroll_ticks = 0;
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_error_cb, box, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

/* Goals, outcomes and ROI are extra document members, which the document
 * validator does not check: hold them, and the churn reason, to the limit
 * of the account's long text fields here. */
static gboolean
check_long_text (const char  *text,
                 char       **message)
{
  const RdFieldSpec *spec = rd_entity_spec_find_field (rd_entity_spec_lookup ("account"),
                                                       "churn_reason");
  guint max = spec->max_length;

  if (text == NULL || (gulong) g_utf8_strlen (text, -1) <= max)
    return TRUE;

  *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Shorten the text to %u character or fewer.",
                                           "Shorten the text to %u characters or fewer.",
                                           max), max);
  return FALSE;
}

static void
update_churn_reason_row (RdAccountDetails *self)
{
  gboolean churn = adw_combo_row_get_selected (self->status_row) == RD_STATUS_EXPECTED_CHURN;

  if (!churn)
    clear_error (self, FIELD_CHURN_REASON);
  gtk_widget_set_visible (GTK_WIDGET (self->churn_reason_row), churn);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  /* A programmatic change must not offer the apply button. */
  adw_entry_row_set_show_apply_button (row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), empty_if_null (text));
  adw_entry_row_set_show_apply_button (row, TRUE);
}

/* What an entry row shows for @field of @a: dates and amounts in the
 * region's format, which rd_date_normalize() and rd_money_parse() (the
 * parsers behind rd_account_set_field_text()) read back. */
static char *
entry_text (RdAccount *a,
            Field      field)
{
  switch (field)
    {
    case FIELD_NAME: return g_strdup (empty_if_null (rd_account_get_name (a)));
    case FIELD_EXTERNAL_ID: return g_strdup (empty_if_null (rd_account_get_external_id (a)));
    case FIELD_INDUSTRY: return g_strdup (empty_if_null (rd_account_get_industry (a)));
    case FIELD_OWNER: return g_strdup (empty_if_null (rd_account_get_owner (a)));
    case FIELD_COUNTRY: return g_strdup (empty_if_null (rd_account_get_country (a)));
    case FIELD_CURRENCY: return g_strdup (empty_if_null (rd_account_get_currency (a)));
    case FIELD_VALUE:
      return rd_money_format_number (rd_account_get_annual_value_minor (a),
                                     rd_account_get_currency (a));
    case FIELD_START: return rd_date_format (rd_account_get_contract_start (a));
    case FIELD_END: return rd_date_format (rd_account_get_contract_end (a));
    case FIELD_NOTICE: return g_strdup_printf ("%d", rd_account_get_notice_days (a));
    case FIELD_CHURN_REASON: return g_strdup (empty_if_null (rd_account_get_churn_reason (a)));
    case FIELD_STAGE:
    case FIELD_STATUS:
    case FIELD_CASH:
    case FIELD_AUTO_RENEW:
    case FIELD_NOTES:
    case FIELD_GOALS:
    case FIELD_OUTCOMES:
    case FIELD_ROI:
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* Whether the entry row of @field holds anything but the stored value. */
static gboolean
entry_edited (RdAccountDetails *self,
              Field             field)
{
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;

  if (self->account == NULL)
    return FALSE;
  if (gtk_widget_has_css_class (GTK_WIDGET (self->entry_rows[field]), "error"))
    return TRUE;

  shown = entry_text (self->account, field);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry_rows[field]))));
  return g_strcmp0 (shown, text) != 0;
}

static void
show_field (RdAccountDetails *self,
            Field             field)
{
  RdAccount *a = self->account;
  gboolean was_updating = self->updating;

  self->updating = TRUE;

  switch (field)
    {
    case FIELD_KIT:
      /* The editor reads the account itself; a fresh one is its baseline. */
      rd_champion_kit_editor_set_account (self->kit_editor, a);
      g_clear_object (&self->kit_before);
      self->kit_before = rd_account_copy (a);
      break;

    case FIELD_CURRENCY:
      {
        g_autofree char *title = g_strdup_printf (_("Annual Value in %s"),
                                                  empty_if_null (rd_account_get_currency (a)));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row), title);
      }
      G_GNUC_FALLTHROUGH;
    case FIELD_NAME:
    case FIELD_EXTERNAL_ID:
    case FIELD_INDUSTRY:
    case FIELD_OWNER:
    case FIELD_COUNTRY:
    case FIELD_VALUE:
    case FIELD_START:
    case FIELD_END:
    case FIELD_NOTICE:
    case FIELD_CHURN_REASON:
      {
        g_autofree char *text = entry_text (a, field);

        set_row_text (self->entry_rows[field], text);
      }
      break;
    case FIELD_STAGE:
      adw_combo_row_set_selected (self->stage_row, rd_account_get_stage (a));
      break;
    case FIELD_STATUS:
      adw_combo_row_set_selected (self->status_row, rd_account_get_status (a));
      update_churn_reason_row (self);
      break;
    case FIELD_CASH:
      adw_combo_row_set_selected (self->cash_row, rd_account_get_cash_stability (a));
      break;
    case FIELD_AUTO_RENEW:
      gtk_switch_set_active (self->auto_renew_switch, rd_account_get_auto_renew (a));
      break;
    case FIELD_NOTES:
    case FIELD_GOALS:
    case FIELD_OUTCOMES:
    case FIELD_ROI:
      {
        const char *text = field == FIELD_NOTES ? rd_account_get_notes (a)
                           : field == FIELD_GOALS ? rd_account_get_goals (a)
                           : field == FIELD_OUTCOMES ? rd_account_get_outcomes (a)
                           : rd_account_get_roi (a);
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view_for (self, field)),
                                  empty_if_null (text), -1);
      }
      break;
    default:
      break;
    }

  self->updating = was_updating;
}

static void
show_all_fields (RdAccountDetails *self)
{
  for (Field f = FIELD_NAME; f < N_FIELDS; f++)
    show_field (self, f);
  clear_all_errors (self);
  rd_risk_badge_set_account (self->risk_badge, self->is_new ? NULL : self->account);
}

/* Copies one field from @src to @dst: how a failed save is undone. */
static void
copy_field (RdAccount *dst,
            RdAccount *src,
            Field      field)
{
  switch (field)
    {
    case FIELD_NAME: rd_account_set_name (dst, rd_account_get_name (src)); break;
    case FIELD_EXTERNAL_ID: rd_account_set_external_id (dst, rd_account_get_external_id (src)); break;
    case FIELD_INDUSTRY: rd_account_set_industry (dst, rd_account_get_industry (src)); break;
    case FIELD_OWNER: rd_account_set_owner (dst, rd_account_get_owner (src)); break;
    case FIELD_COUNTRY: rd_account_set_country (dst, rd_account_get_country (src)); break;
    case FIELD_CURRENCY: rd_account_set_currency (dst, rd_account_get_currency (src)); break;
    case FIELD_VALUE:
      rd_account_set_annual_value_minor (dst, rd_account_get_annual_value_minor (src));
      break;
    case FIELD_START: rd_account_set_contract_start (dst, rd_account_get_contract_start (src)); break;
    case FIELD_END: rd_account_set_contract_end (dst, rd_account_get_contract_end (src)); break;
    case FIELD_NOTICE: rd_account_set_notice_days (dst, rd_account_get_notice_days (src)); break;
    case FIELD_STAGE: rd_account_set_stage (dst, rd_account_get_stage (src)); break;
    case FIELD_STATUS: rd_account_set_status (dst, rd_account_get_status (src)); break;
    case FIELD_CASH: rd_account_set_cash_stability (dst, rd_account_get_cash_stability (src)); break;
    case FIELD_AUTO_RENEW: rd_account_set_auto_renew (dst, rd_account_get_auto_renew (src)); break;
    case FIELD_NOTES: rd_account_set_notes (dst, rd_account_get_notes (src)); break;
    case FIELD_CHURN_REASON:
      rd_account_set_churn_reason (dst, rd_account_get_churn_reason (src));
      break;
    case FIELD_GOALS: rd_account_set_goals (dst, rd_account_get_goals (src)); break;
    case FIELD_OUTCOMES: rd_account_set_outcomes (dst, rd_account_get_outcomes (src)); break;
    case FIELD_ROI: rd_account_set_roi (dst, rd_account_get_roi (src)); break;
    case FIELD_KIT:
      rd_account_set_reference_ok (dst, rd_account_get_reference_ok (src));
      rd_account_set_roi_cost_minor (dst, rd_account_get_roi_cost_minor (src));
      rd_account_set_roi_benefit_minor (dst, rd_account_get_roi_benefit_minor (src));
      rd_account_set_roi_payback_months (dst, rd_account_get_roi_payback_months (src));
      rd_account_set_reonboarding_weeks (dst, rd_account_get_reonboarding_weeks (src));
      rd_account_set_price_change_on (dst, rd_account_get_price_change_on (src));
      break;
    default:
      break;
    }
}

/* Saving ----------------------------------------------------------------- */

typedef struct
{
  RdAccountDetails *self;
  RdAccount     *account;   /* the page's account when the save started */
  RdAccount     *before;    /* snapshot before the edit */
  Field          field;
  gboolean       was_new;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->account);
  g_clear_object (&data->before);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

/* Saves of this page the page's Ctrl+Z takes back, newest last. */
#define MAX_UNDO 50

typedef struct
{
  Field      field;     /* N_FIELDS: the window's undo comes next (a deletion) */
  RdAccount *before;    /* the account before the change */
} FieldUndo;

static void
field_undo_free (FieldUndo *undo)
{
  g_clear_object (&undo->before);
  g_free (undo);
}

static void
push_undo (RdAccountDetails *self,
           Field             field,
           RdAccount        *before)
{
  FieldUndo *undo = g_new0 (FieldUndo, 1);

  undo->field = field;
  undo->before = before != NULL ? g_object_ref (before) : NULL;
  g_queue_push_tail (&self->undo_stack, undo);
  if (g_queue_get_length (&self->undo_stack) > MAX_UNDO)
    field_undo_free (g_queue_pop_head (&self->undo_stack));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  RdAccountDetails *self = data->self;
  g_autoptr(GError) error = NULL;

  if (rd_store_save_account_finish (RD_STORE (object), result, &error))
    {
      if (data->account != self->account)
        return;
      if (data->was_new && self->is_new)
        {
          self->is_new = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_NEW]);
        }
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Put the edited object back the way it was, with nothing to undo. */
  for (GList *l = self->undo_stack.head; l != NULL; l = l->next)
    {
      FieldUndo *undo = l->data;

      if (undo->before == data->before)
        {
          field_undo_free (undo);
          g_queue_delete_link (&self->undo_stack, l);
          break;
        }
    }
  copy_field (data->account, data->before, data->field);
  if (data->account != self->account)
    return;

  if (data->field == FIELD_NAME)
    g_signal_emit (self, signals[NAME_CHANGED], 0);

  if (g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID) &&
      data->field < N_ENTRY_FIELDS)
    {
      /* Keep what the user typed so it can be corrected. */
      show_error (self, data->field, error->message);
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("Could not save: %s"), error->message);

      g_warning ("Could not save account: %s", error->message);
      show_field (self, data->field);
      rd_widget_show_toast (GTK_WIDGET (self), title);
    }
}

static void
save_field_full (RdAccountDetails *self,
                 Field             field,
                 RdAccount        *before,
                 gboolean          is_undo)
{
  RdStore *store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
  SaveData *data;

  if (store == NULL)
    return;

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->account = g_object_ref (self->account);
  data->before = g_object_ref (before);
  data->field = field;
  data->was_new = self->is_new;
  /* Undoable at once, as Ctrl+Z may come before the store answers. */
  if (!is_undo && !self->is_new)
    push_undo (self, field, before);

  /* The store copies the account now, on this thread. */
  rd_store_save_account_async (store, self->account,
                               rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)), save_cb, data);
}

static void
save_field (RdAccountDetails *self,
            Field             field,
            RdAccount        *before)
{
  save_field_full (self, field, before, FALSE);
}

/* The document field each entry row edits. */
static const char * const entry_field_names[N_ENTRY_FIELDS] = {
  [FIELD_NAME] = "name",
  [FIELD_EXTERNAL_ID] = "external_id",
  [FIELD_INDUSTRY] = "industry",
  [FIELD_OWNER] = "owner",
  [FIELD_COUNTRY] = "country",
  [FIELD_CURRENCY] = "currency",
  [FIELD_VALUE] = "annual_value_minor",
  [FIELD_START] = "contract_start",
  [FIELD_END] = "contract_end",
  [FIELD_NOTICE] = "notice_days",
  [FIELD_CHURN_REASON] = "churn_reason",
};

/* Validates @text for @field and applies it to @account; FALSE with a
 * translated message when the input cannot be used.  The rules are the
 * document validator's, as for the CSV and JSON imports. */
static gboolean
apply_text (RdAccountDetails  *self,
            RdAccount         *account,
            Field              field,
            const char        *text,
            char             **message)
{
  g_autoptr(GError) error = NULL;
  char first[8] = { 0 };

  g_assert (field < N_ENTRY_FIELDS);

  if (rd_account_set_field_text (account, entry_field_names[field], text, &error))
    return TRUE;

  /* The rule's words start a sentence here. */
  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (error->message)), first);
  *message = g_strconcat (first, g_utf8_next_char (error->message), NULL);
  return FALSE;
}

/* Saves the entry row of @field when its text changed: on Enter or ✓,
 * and when focus leaves the row (@leaving), which asks nothing of the
 * user: no focus is moved then. */
static void
apply_entry (RdAccountDetails *self,
             Field             field,
             gboolean          leaving)
{
  g_autoptr(RdAccount) before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  g_autofree char *was = NULL;
  g_autofree char *now = NULL;

  if (self->account == NULL)
    return;

  if (!entry_edited (self, field))
    return;  /* nothing to save */

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry_rows[field]))));
  before = rd_account_copy (self->account);
  if (!apply_text (self, self->account, field, text, &message))
    {
      /* Nothing is saved: the row keeps the text and says what is wrong. */
      show_error (self, field, message);
      return;
    }

  clear_error (self, field);
  show_field (self, field);
  if (field == FIELD_CURRENCY)
    show_field (self, FIELD_VALUE);

  /* "1234.5" for 1,234.50: the same value, written differently. */
  was = entry_text (before, field);
  now = entry_text (self->account, field);
  if (g_strcmp0 (was, now) == 0)
    return;

  if (field == FIELD_NAME)
    g_signal_emit (self, signals[NAME_CHANGED], 0);

  /* A new account is only written once it has a name; the object keeps
   * the value until then. */
  if (self->is_new && field != FIELD_NAME && rd_account_get_name (self->account) == NULL)
    {
      if (!leaving)
        {
          show_error (self, FIELD_NAME, _("Give the account a name first."));
          gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
        }
      return;
    }

  save_field (self, field, before);
}

static void
apply_other (RdAccountDetails *self,
             Field             field)
{
  g_autoptr(RdAccount) before = NULL;

  if (self->account == NULL || self->updating)
    return;

  before = rd_account_copy (self->account);

  switch (field)
    {
    case FIELD_STAGE:
      rd_account_set_stage (self->account, adw_combo_row_get_selected (self->stage_row));
      break;
    case FIELD_STATUS:
      rd_account_set_status (self->account, adw_combo_row_get_selected (self->status_row));
      update_churn_reason_row (self);
      break;
    case FIELD_CASH:
      rd_account_set_cash_stability (self->account, adw_combo_row_get_selected (self->cash_row));
      break;
    case FIELD_AUTO_RENEW:
      rd_account_set_auto_renew (self->account, gtk_switch_get_active (self->auto_renew_switch));
      break;
    case FIELD_NOTES:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
        GtkTextIter start, end;
        g_autofree char *text = NULL;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        if (g_strcmp0 (text, empty_if_null (rd_account_get_notes (self->account))) == 0)
          return;
        rd_account_set_notes (self->account, *text ? text : NULL);
      }
      break;
    case FIELD_GOALS:
    case FIELD_OUTCOMES:
    case FIELD_ROI:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view_for (self, field));
        GtkTextIter start, end;
        g_autofree char *text = NULL;
        g_autofree char *message = NULL;
        const char *value;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        value = *text ? text : NULL;
        if (!check_long_text (value, &message))
          {
            /* Nothing is saved: the text stays for shortening. */
            show_error (self, field, message);
            return;
          }
        clear_error (self, field);
        if (field == FIELD_GOALS)
          {
            if (g_strcmp0 (value, rd_account_get_goals (self->account)) == 0)
              return;
            rd_account_set_goals (self->account, value);
          }
        else if (field == FIELD_OUTCOMES)
          {
            if (g_strcmp0 (value, rd_account_get_outcomes (self->account)) == 0)
              return;
            rd_account_set_outcomes (self->account, value);
          }
        else
          {
            if (g_strcmp0 (value, rd_account_get_roi (self->account)) == 0)
              return;
            rd_account_set_roi (self->account, value);
          }
      }
      break;
    case FIELD_NAME:
    case FIELD_EXTERNAL_ID:
    case FIELD_INDUSTRY:
    case FIELD_OWNER:
    case FIELD_COUNTRY:
    case FIELD_CURRENCY:
    case FIELD_VALUE:
    case FIELD_START:
    case FIELD_END:
    case FIELD_NOTICE:
    case FIELD_CHURN_REASON:
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }

  if (self->is_new && rd_account_get_name (self->account) == NULL)
    return;  /* kept in the object; written with the first name */

  save_field (self, field, before);
}

/* Undo ------------------------------------------------------------------- */

static void
revert_entry (RdAccountDetails *self,
              Field             field)
{
  clear_error (self, field);
  show_field (self, field);
  gtk_editable_set_position (GTK_EDITABLE (self->entry_rows[field]), -1);
}

/* The field's name as its row or heading shows it. */
static char *
field_title (RdAccountDetails *self,
             Field             field)
{
  switch (field)
    {
    case FIELD_STAGE:
      return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->stage_row)));
    case FIELD_STATUS:
      return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->status_row)));
    case FIELD_CASH:
      return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->cash_row)));
    case FIELD_AUTO_RENEW: return g_strdup (_("Renews Automatically"));
    case FIELD_NOTES: return g_strdup (_("Notes"));
    case FIELD_GOALS: return g_strdup (_("Goals"));
    case FIELD_OUTCOMES: return g_strdup (_("Outcomes So Far"));
    case FIELD_ROI: return g_strdup (_("Return on Investment"));
    case FIELD_KIT: return g_strdup (_("Champion’s Kit"));
    case N_FIELDS: g_assert_not_reached ();
    default:
      return g_strdup (adw_preferences_row_get_title (
        ADW_PREFERENCES_ROW (self->entry_rows[field])));
    }
}

static gboolean
text_view_edited (RdAccountDetails *self,
                  Field             field)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view_for (self, field));
  RdAccount *a = self->account;
  const char *stored = field == FIELD_NOTES ? rd_account_get_notes (a)
                       : field == FIELD_GOALS ? rd_account_get_goals (a)
                       : field == FIELD_OUTCOMES ? rd_account_get_outcomes (a)
                       : rd_account_get_roi (a);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strcmp0 (text, empty_if_null (stored)) != 0;
}

/* "Owner changed back to Anna Kovács": what an undo put back. */
static char *
undone_message (RdAccountDetails *self,
                Field             field,
                RdAccount        *a)
{
  g_autofree char *title = field_title (self, field);
  g_autofree char *value = NULL;

  switch (field)
    {
    case FIELD_STAGE:
      value = g_strdup (rd_enum_table_label (&rd_stage_table, rd_account_get_stage (a)));
      break;
    case FIELD_STATUS:
      value = g_strdup (rd_enum_table_label (&rd_status_table, rd_account_get_status (a)));
      break;
    case FIELD_CASH:
      value = g_strdup (rd_enum_table_label (&rd_level_table, rd_account_get_cash_stability (a)));
      break;
    case FIELD_AUTO_RENEW:
      /* Translators: "Renews Automatically changed back to on/off" */
      value = g_strdup (rd_account_get_auto_renew (a) ? C_("switch", "on") : C_("switch", "off"));
      break;
    case FIELD_NOTES:
    case FIELD_GOALS:
    case FIELD_OUTCOMES:
    case FIELD_ROI:
      /* Translators: a multi-line field's name, e.g. "Notes changed back" */
      return g_strdup_printf (_("%s changed back"), title);
    case N_FIELDS: g_assert_not_reached ();
    default:
      value = entry_text (a, field);
      break;
    }

  if (value == NULL || *value == '\0')
    /* Translators: a field's name, e.g. "Owner is empty again" */
    return g_strdup_printf (_("%s is empty again"), title);
  /* Translators: a field's name and the value it has again, e.g.
   * "Owner changed back to Anna Kovács" */
  return g_strdup_printf (_("%s changed back to %s"), title, value);
}

/* Puts back the last saved change of a field of this page.  FALSE when the
 * last thing to undo is not the page's: the window's Ctrl+Z then runs. */
static gboolean
undo_field_edit (RdAccountDetails *self)
{
  FieldUndo *undo = g_queue_peek_tail (&self->undo_stack);
  g_autoptr(RdAccount) before = NULL;
  g_autofree char *message = NULL;

  if (undo == NULL || self->account == NULL || self->is_new)
    return FALSE;

  g_queue_pop_tail (&self->undo_stack);
  if (undo->field == N_FIELDS)
    {
      field_undo_free (undo);
      return FALSE;
    }

  before = rd_account_copy (self->account);
  copy_field (self->account, undo->before, undo->field);
  if (undo->field < N_ENTRY_FIELDS)
    clear_error (self, undo->field);
  show_field (self, undo->field);
  if (undo->field == FIELD_CURRENCY)
    show_field (self, FIELD_VALUE);
  if (undo->field == FIELD_NAME)
    g_signal_emit (self, signals[NAME_CHANGED], 0);
  save_field_full (self, undo->field, before, TRUE);

  message = undone_message (self, undo->field, self->account);
  rd_widget_show_toast (GTK_WIDGET (self), message);
  field_undo_free (undo);
  return TRUE;
}

static void
on_entry_apply_cb (AdwEntryRow      *row,
                   RdAccountDetails *self)
{
  int field = entry_field (self, row);

  g_assert (RD_IS_ACCOUNT_DETAILS (self));

  if (field >= 0 && !self->updating)
    apply_entry (self, field, FALSE);
}

static void
on_entry_focus_leave_cb (GtkEventControllerFocus *controller,
                         RdAccountDetails        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  int field = entry_field (self, ADW_ENTRY_ROW (row));

  g_assert (RD_IS_ACCOUNT_DETAILS (self));

  /* Not while the page goes: its window flushes it before. */
  if (field >= 0 && !self->updating && !self->stopped && gtk_widget_get_visible (row))
    apply_entry (self, field, TRUE);
}

/* Escape in an edited or refused field: back to the stored value.  In an
 * unchanged one it goes on to the window (back to the portfolio). */
static gboolean
revert_entry_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  RdAccountDetails *self = RD_ACCOUNT_DETAILS (user_data);
  int field = entry_field (self, ADW_ENTRY_ROW (widget));

  if (field < 0 || !entry_edited (self, field))
    return FALSE;

  revert_entry (self, field);
  return TRUE;
}

static void
on_entry_changed_cb (AdwEntryRow      *row,
                     RdAccountDetails *self)
{
  int field = entry_field (self, row);

  g_assert (RD_IS_ACCOUNT_DETAILS (self));

  if (field >= 0 && !self->updating)
    clear_error (self, field);
}

static void
on_combo_selected_cb (AdwComboRow      *row,
                      GParamSpec       *pspec,
                      RdAccountDetails *self)
{
  g_assert (RD_IS_ACCOUNT_DETAILS (self));

  apply_other (self, row == self->stage_row ? FIELD_STAGE
                     : row == self->status_row ? FIELD_STATUS : FIELD_CASH);
}

static void
on_auto_renew_active_cb (RdAccountDetails *self,
                         GParamSpec       *pspec,
                         GtkSwitch        *sw)
{
  g_assert (RD_IS_ACCOUNT_DETAILS (self));

  apply_other (self, FIELD_AUTO_RENEW);
}

static void
on_calendar_popover_show_cb (GtkPopover       *popover,
                             RdAccountDetails *self)
{
  gboolean start = popover == self->start_calendar_popover;
  GtkCalendar *calendar = start ? self->start_calendar : self->end_calendar;
  const char *iso = self->account == NULL ? NULL
                    : start ? rd_account_get_contract_start (self->account)
                            : rd_account_get_contract_end (self->account);
  GDate date;
  g_autoptr(GDateTime) dt = NULL;

  g_assert (RD_IS_ACCOUNT_DETAILS (self));

  if (iso == NULL || !rd_date_parse (iso, &date))
    rd_date_today (&date);
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
  self->updating = TRUE;
  gtk_calendar_select_day (calendar, dt);
  self->updating = FALSE;
}

static void
on_calendar_day_selected_cb (GtkCalendar      *calendar,
                             RdAccountDetails *self)
{
  gboolean start = calendar == self->start_calendar;
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (dt, "%Y-%m-%d");
  g_autofree char *shown = NULL;
  AdwEntryRow *row = start ? self->start_row : self->end_row;

  g_assert (RD_IS_ACCOUNT_DETAILS (self));

  if (self->updating)
    return;

  gtk_popover_popdown (start ? self->start_calendar_popover : self->end_calendar_popover);
  shown = rd_date_format (iso);
  gtk_editable_set_text (GTK_EDITABLE (row), shown);
  apply_entry (self, start ? FIELD_START : FIELD_END, FALSE);
}

static void
on_text_buffer_changed_cb (GtkTextBuffer    *buffer,
                           RdAccountDetails *self)
{
  g_assert (RD_IS_ACCOUNT_DETAILS (self));

  if (self->updating)
    return;

  /* As with the entry rows: editing the text clears its error. */
  for (Field f = FIELD_GOALS; f <= FIELD_ROI; f++)
    if (buffer == gtk_text_view_get_buffer (text_view_for (self, f)))
      clear_error (self, f);
}

static void
on_text_focus_leave_cb (GtkEventControllerFocus *controller,
                        RdAccountDetails        *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  g_assert (RD_IS_ACCOUNT_DETAILS (self));

  for (Field f = FIELD_NOTES; f <= FIELD_ROI; f++)
    if (view == GTK_WIDGET (text_view_for (self, f)))
      apply_other (self, f);
}

static GListModel *
labels_model (const RdEnumTable *table)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < table->n_entries; i++)
    gtk_string_list_append (list, rd_enum_table_label (table, i));
  return G_LIST_MODEL (list);
}

/* Saved on leaving, reverted with Escape, and an inline error of its own
 * right below it. */
static void
setup_entry_row (RdAccountDetails *self,
                 Field             field)
{
  AdwEntryRow *row = self->entry_rows[field];
  GtkEventController *controller;

  self->error_labels[field] = rd_list_row_add_error_label (GTK_LIST_BOX_ROW (row));
  rd_entry_row_skip_apply_button (row);
  /* The page's Ctrl+Z undoes saved changes; the entry's would empty it. */
  gtk_editable_set_enable_undo (gtk_editable_get_delegate (GTK_EDITABLE (row)), FALSE);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_entry_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (row), controller);

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_callback_action_new (revert_entry_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (row), controller);
}

/* Country and currency are also chosen by name (iso-codes, in the user's
 * language); the picker's button names what the field holds. */
static void
on_code_picked_cb (RdCodePicker     *picker,
                   const char       *code,
                   RdAccountDetails *self)
{
  Field field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (picker), "field"));

  gtk_editable_set_text (GTK_EDITABLE (self->entry_rows[field]), code);
  apply_entry (self, field, FALSE);
}

static void
on_code_row_changed_cb (GtkEditable  *row,
                        RdCodePicker *picker)
{
  g_autofree char *code = g_ascii_strup (gtk_editable_get_text (row), -1);

  rd_code_picker_set_code (picker, code);
}

static void
add_code_picker (RdAccountDetails *self,
                 Field             field,
                 const char       *kind)
{
  GtkWidget *picker = rd_code_picker_new (kind);

  g_object_set_data (G_OBJECT (picker), "field", GINT_TO_POINTER (field));
  g_signal_connect_object (picker, "picked", G_CALLBACK (on_code_picked_cb), self, 0);
  g_signal_connect_object (self->entry_rows[field], "changed", G_CALLBACK (on_code_row_changed_cb),
                           picker, 0);
  adw_entry_row_add_suffix (self->entry_rows[field], picker);
}

/* GObject ---------------------------------------------------------------- */

/* The kit editor changed the account in place: save it, undoable. */
static void
on_kit_changed_cb (RdAccountDetails *self)
{
  g_autoptr(RdAccount) before = NULL;

  g_assert (RD_IS_ACCOUNT_DETAILS (self));

  if (self->updating || self->account == NULL || self->kit_before == NULL)
    return;

  before = g_steal_pointer (&self->kit_before);
  self->kit_before = rd_account_copy (self->account);
  save_field (self, FIELD_KIT, before);
}

static void
rd_account_details_dispose (GObject *object)
{
  RdAccountDetails *self = RD_ACCOUNT_DETAILS (object);

  self->stopped = TRUE;
  g_queue_clear_full (&self->undo_stack, (GDestroyNotify) field_undo_free);
  /* AdwBin owns the template's root child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACCOUNT_DETAILS);
  g_clear_object (&self->account);
  g_clear_object (&self->kit_before);

  G_OBJECT_CLASS (rd_account_details_parent_class)->dispose (object);
}

static void
rd_account_details_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RdAccountDetails *self = RD_ACCOUNT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_IS_NEW:
      g_value_set_boolean (value, self->is_new);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_account_details_class_init (RdAccountDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_account_details_dispose;
  object_class->get_property = rd_account_details_get_property;

  properties[PROP_IS_NEW] =
    g_param_spec_boolean ("is-new", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The account's name changed: the page's title follows. */
  signals[NAME_CHANGED] = g_signal_new ("name-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A field shows an error: the section wants to be shown. */
  signals[REVEAL] = g_signal_new ("reveal", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RD_TYPE_CHAMPION_KIT_EDITOR);
  g_type_ensure (RD_TYPE_RISK_BADGE);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/renewaldesk/RenewalDesk/ui/rd-account-details.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, auto_renew_switch);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, cash_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, churn_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, country_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, end_calendar);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, end_calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, end_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, external_id_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, goals_error_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, goals_view);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, industry_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, name_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, notes_view);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, notice_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, outcomes_error_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, outcomes_view);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, owner_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, risk_badge);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, roi_error_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, roi_view);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, kit_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_kit_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, stage_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, start_calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, start_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, status_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountDetails, value_row);
  gtk_widget_class_bind_template_callback (widget_class, on_auto_renew_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
}

static void
rd_account_details_init (RdAccountDetails *self)
{
  GtkEventController *focus;
  g_autoptr(GListModel) stages = NULL;
  g_autoptr(GListModel) statuses = NULL;
  g_autoptr(GListModel) levels = NULL;

  g_queue_init (&self->undo_stack);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entry_rows[FIELD_NAME] = self->name_row;
  self->entry_rows[FIELD_EXTERNAL_ID] = self->external_id_row;
  self->entry_rows[FIELD_INDUSTRY] = self->industry_row;
  self->entry_rows[FIELD_OWNER] = self->owner_row;
  self->entry_rows[FIELD_COUNTRY] = self->country_row;
  self->entry_rows[FIELD_CURRENCY] = self->currency_row;
  self->entry_rows[FIELD_VALUE] = self->value_row;
  self->entry_rows[FIELD_START] = self->start_row;
  self->entry_rows[FIELD_END] = self->end_row;
  self->entry_rows[FIELD_NOTICE] = self->notice_row;
  self->entry_rows[FIELD_CHURN_REASON] = self->churn_reason_row;
  for (Field f = FIELD_NAME; f < N_ENTRY_FIELDS; f++)
    setup_entry_row (self, f);
  add_code_picker (self, FIELD_COUNTRY, "country");
  add_code_picker (self, FIELD_CURRENCY, "currency");

  self->updating = TRUE;
  stages = labels_model (&rd_stage_table);
  statuses = labels_model (&rd_status_table);
  levels = labels_model (&rd_level_table);
  adw_combo_row_set_model (self->stage_row, stages);
  adw_combo_row_set_model (self->status_row, statuses);
  adw_combo_row_set_model (self->cash_row, levels);
  self->updating = FALSE;

  for (Field f = FIELD_NOTES; f <= FIELD_ROI; f++)
    {
      focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (on_text_focus_leave_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (text_view_for (self, f)), focus);
      if (f != FIELD_NOTES)
        g_signal_connect_object (gtk_text_view_get_buffer (text_view_for (self, f)), "changed",
                                 G_CALLBACK (on_text_buffer_changed_cb), self, 0);
    }
}

/* Public API ------------------------------------------------------------- */

void
rd_account_details_set_account (RdAccountDetails *self,
                                RdAccount        *account,
                                gboolean          is_new)
{
  g_return_if_fail (RD_IS_ACCOUNT_DETAILS (self));
  g_return_if_fail (account == NULL || RD_IS_ACCOUNT (account));

  if (self->account == NULL || account == NULL ||
      g_strcmp0 (rd_account_get_id (self->account), rd_account_get_id (account)) != 0)
    g_queue_clear_full (&self->undo_stack, (GDestroyNotify) field_undo_free);
  g_set_object (&self->account, account);
  if (self->is_new != !!is_new)
    {
      self->is_new = !!is_new;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_NEW]);
    }

  if (self->account != NULL)
    show_all_fields (self);
}

void
rd_account_details_refresh (RdAccountDetails *self,
                            RdAccount        *account)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (RD_IS_ACCOUNT_DETAILS (self));
  g_return_if_fail (RD_IS_ACCOUNT (account));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_set_object (&self->account, account);
  for (Field f = FIELD_NAME; f < N_FIELDS; f++)
    {
      GtkWidget *widget = error_widget_for (self, f);

      /* Typing in the kit editor is not to be overwritten either. */
      if (f == FIELD_KIT)
        widget = GTK_WIDGET (self->kit_editor);
      if (widget != NULL && focus != NULL &&
          (focus == widget || gtk_widget_is_ancestor (focus, widget)))
        continue;
      show_field (self, f);
    }
  /* The fresh rating, and the churn reason edits that follow. */
  rd_risk_badge_set_account (self->risk_badge, self->account);
}

gboolean
rd_account_details_get_is_new (RdAccountDetails *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_DETAILS (self), FALSE);

  return self->is_new;
}

/* Ctrl+Z anywhere on the page, ahead of the entry's own undo (turned off:
 * it would blank a field the database still holds) and of the window's. */
gboolean
rd_account_details_undo (RdAccountDetails *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (RD_IS_ACCOUNT_DETAILS (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  for (Field f = FIELD_NAME; focus != NULL && f < N_ENTRY_FIELDS; f++)
    {
      /* Typing not saved yet goes first. */
      if (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry_rows[f]))
          && entry_edited (self, f))
        {
          revert_entry (self, f);
          return TRUE;
        }
    }

  /* A text view undoes its own typing until it is saved. */
  for (Field f = FIELD_NOTES; focus != NULL && f <= FIELD_ROI; f++)
    {
      if (focus == GTK_WIDGET (text_view_for (self, f)) && text_view_edited (self, f))
        return FALSE;
    }

  return undo_field_edit (self);
}

void
rd_account_details_push_foreign_undo (RdAccountDetails *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_DETAILS (self));

  push_undo (self, N_FIELDS, NULL);
}

void
rd_account_details_ask_for_name (RdAccountDetails *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_DETAILS (self));

  show_error (self, FIELD_NAME, _("Give the account a name first."));
}

void
rd_account_details_focus_name (RdAccountDetails *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_DETAILS (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

void
rd_account_details_flush (RdAccountDetails *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_DETAILS (self));

  if (self->account == NULL)
    return;

  for (Field f = FIELD_NAME; f < N_ENTRY_FIELDS; f++)
    if (gtk_widget_get_visible (GTK_WIDGET (self->entry_rows[f])))
      apply_entry (self, f, TRUE);
  for (Field f = FIELD_NOTES; f <= FIELD_ROI; f++)
    apply_other (self, f);
}

void
rd_account_details_stop (RdAccountDetails *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_DETAILS (self));

  self->stopped = TRUE;
}

void
_rd_account_details_apply_row (RdAccountDetails *self,
                               AdwEntryRow      *row)
{
  on_entry_apply_cb (row, self);
}
