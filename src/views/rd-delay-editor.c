/* rd-delay-editor.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-delay-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-activity-log.h"
#include "rd-context.h"
#include "rd-delay-editor.h"
#include "rd-delay-editor-private.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
#include "rd-resolve-dialog.h"
#include "rd-widget-util.h"

#define N_SIGNALS 14
#define N_CAUSES  6
/* Below this width the class sits on top as a compact bar; from it on, in
 * a pane beside the sections. */
#define WIDE_WIDTH 760
#define N_DATE_ROWS (1 + RD_N_COMMITMENTS)

struct _RdDelayEditor
{
  AdwWindow          parent_instance;

  RdStore           *store;
  RdAccount         *account;
  GPtrArray         *contacts;       /* of RdContact */
  RdDelay           *delay;          /* owned working copy */
  RdDelayContext    *context;        /* provisional until the store answers */
  GCancellable      *cancellable;
  GtkCheckButton    *cause_checks[N_CAUSES + 1];       /* [0] = not assessed */
  GtkCheckButton    *signal_checks[N_SIGNALS];
  GtkCheckButton    *statement_checks[N_SIGNALS];
  AdwEntryRow       *question_rows[RD_N_QUESTIONS];
  GtkToggleButton   *kept_toggles[RD_N_COMMITMENTS];
  guint              is_new : 1;
  guint              updating : 1;
  guint              changed : 1;
  guint              saving : 1;
  guint              closing : 1;
  guint              has_context : 1;
  guint              wide : 1;
  guint              layout_idle;
  int                width;
  AdwEntryRow       *date_rows[N_DATE_ROWS];        /* communicated, then the commitments */
  GtkWidget         *date_error_rows[N_DATE_ROWS];
  GtkLabel          *date_error_labels[N_DATE_ROWS];

  /* template children */
  RdActivityLog     *activity_log;
  RdContext         *activity_context;  /* the store, for the activity log */
  GtkBox            *body;
  GtkLabel          *class_chip;
  GtkWidget         *classification_pane;
  GtkWidget         *classification_panel;
  GtkWidget         *commitments_page;
  GtkLabel          *commitments_warning_label;
  GtkWidget         *communicated_error_row;
  AdwEntryRow       *communicated_row;
  AdwComboRow       *contact_row;
  AdwPreferencesGroup *cause_group;
  AdwActionRow      *deadline_row;
  GtkWidget         *decision_error_row;
  GtkLabel          *decision_error_label;
  AdwEntryRow       *decision_row;
  GtkToggleButton   *details_button;
  GtkRevealer       *details_revealer;
  AdwPreferencesGroup *good_group;
  AdwEntryRow       *help_row;
  GtkWidget         *info_by_error_row;
  GtkLabel          *info_by_error_label;
  AdwEntryRow       *info_by_row;
  GtkWidget         *next_step_on_error_row;
  GtkLabel          *next_step_on_error_label;
  AdwEntryRow       *next_step_on_row;
  AdwEntryRow       *next_step_row;
  GtkLabel          *override_error_label;
  GtkLabel          *override_label;
  AdwEntryRow       *override_note_row;
  AdwComboRow       *override_row;
  GtkWidget         *pane_separator;
  GtkWidget         *questions_page;
  AdwPreferencesGroup *questions_group;
  GtkLabel          *reasons_label;
  GtkWidget         *reconnect_error_row;
  GtkLabel          *reconnect_error_label;
  AdwEntryRow       *reconnect_row;
  GtkLabel          *response_advice_label;
  GtkLabel          *response_title_label;
  GtkWidget         *add_statement_button;
  GtkWidget         *save_button;
  GtkWidget         *said_page;
  GtkLabel          *score_label;
  GtkWidget         *signals_page;
  AdwViewStack      *stack;
  AdwEntryRow       *stated_reason_row;
  GtkWidget         *statement_add_button;
  AdwComboRow       *statement_contact_row;
  GtkWidget         *statement_form;
  AdwEntryRow       *statement_said_row;
  GtkFlowBox        *statement_signals_box;
  GtkListBox        *statements_list;
  AdwPreferencesGroup *status_group;
  AdwActionRow      *status_row;
  AdwViewSwitcherTitle *switcher_title;
  AdwPreferencesGroup *warning_group;
  GtkLabel          *when_error_label;
};

G_DEFINE_FINAL_TYPE (RdDelayEditor, rd_delay_editor, ADW_TYPE_WINDOW)

/* One line each, in our words: what the cause or signal means. */
static const char * const cause_explanations[N_CAUSES] = {
  N_("Finance has the paperwork but has not processed it, or waits for next quarter’s money."),
  N_("Several people must approve and nobody clearly owns the decision."),
  N_("The person who chose us moved on; the new owner must learn why it was bought."),
  N_("They mean to renew but are busy with other things; nothing is wrong."),
  N_("Something bothers them that they have not told you yet."),
  N_("They are comparing other offers, perhaps through a formal tender."),
};

static const char * const signal_explanations[N_SIGNALS] = {
  N_("Names the step, the person or the date that holds things up."),
  N_("Sorry for the wait rather than annoyed to be asked."),
  N_("Gave a date before you asked for one."),
  N_("Tells you when something moves, without being chased."),
  N_("Wants to know what they can do to speed things up."),
  N_("No details on who, what or when."),
  N_("Questions about the delay meet irritation or deflection."),
  N_("No date, even when asked directly."),
  N_("Announced the delay, then stopped answering."),
  N_("Offers of material, meetings or changed terms go unanswered."),
  N_("Money was never an issue; now it suddenly is."),
  N_("Gives problems with the product or the service as the reason."),
  N_("Talking to competitors or running a tender."),
  N_("Conversations feel cold, short or tense."),
};

static const char * const class_css[] = { "administrative", "decision", "risk" };

/* Helpers ---------------------------------------------------------------- */

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
null_if_empty (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* Dates are shown in the region's format (rd_date_format()) and read back
 * with rd_date_normalize(), which takes that format as well as ISO. */
static void
set_date_text (AdwEntryRow *row,
               const char  *iso)
{
  g_autofree char *shown = iso != NULL ? rd_date_format (iso) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), shown != NULL && *shown != '\0' ? shown : (iso ? iso : ""));
}

/* What Escape goes back to: the field's text when it was loaded, or when
 * the focus last entered or left it with a valid value. */
static void
remember_text (AdwEntryRow *row)
{
  g_object_set_data_full (G_OBJECT (row), "rd-revert-text",
                          g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))), g_free);
}

static RdContact *
find_contact (RdDelayEditor *self,
              const char    *id)
{
  for (guint i = 0; id != NULL && i < self->contacts->len; i++)
    {
      RdContact *contact = g_ptr_array_index (self->contacts, i);

      if (g_strcmp0 (rd_contact_get_id (contact), id) == 0)
        return contact;
    }
  return NULL;
}

static guint
contact_position (RdDelayEditor *self,
                  const char    *id)
{
  for (guint i = 0; id != NULL && i < self->contacts->len; i++)
    if (g_strcmp0 (rd_contact_get_id (g_ptr_array_index (self->contacts, i)), id) == 0)
      return i;
  return self->contacts->len;   /* "Someone else" */
}

static const char *
contact_at (RdDelayEditor *self,
            guint          position)
{
  if (position >= self->contacts->len)
    return NULL;
  return rd_contact_get_id (g_ptr_array_index (self->contacts, position));
}

static GListModel *
contacts_model (RdDelayEditor *self)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->contacts->len; i++)
    {
      RdContact *contact = g_ptr_array_index (self->contacts, i);
      const char *role = rd_enum_table_label (&rd_role_table, rd_contact_get_role (contact));
      g_autofree char *label = NULL;

      /* Translators: a stakeholder and their role, "Ann Lee (Champion)" */
      label = g_strdup_printf (_("%s (%s)"), rd_contact_get_name (contact) ? rd_contact_get_name (contact) : "",
                               role ? role : "");
      gtk_string_list_append (list, label);
    }
  gtk_string_list_append (list, _("Someone else"));
  return G_LIST_MODEL (list);
}

static GtkWidget *
find_toast_overlay (GtkWidget *widget)
{
  if (widget == NULL)
    return NULL;
  if (ADW_IS_TOAST_OVERLAY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_overlay (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Toasts go to the main window: the editor is short-lived. */
static void
toast_main_window (RdDelayEditor *self,
                   const char    *title)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *overlay = find_toast_overlay (GTK_WIDGET (parent));

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), rd_toast_new (title));
}

/* Validation ------------------------------------------------------------- */

static void
mark_row (GtkWidget  *row,
          const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else if (gtk_widget_has_css_class (row, "error"))
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
show_message (GtkLabel   *label,
              const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* Returns the normalised date (NULL when empty or invalid); on error marks
 * the row and shows the message right under it. */
static char *
check_date (RdDelayEditor *self,
            guint          index,
            gboolean       required,
            gboolean      *valid)
{
  AdwEntryRow *row = self->date_rows[index];
  g_autofree char *text = row_text (row);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  char *iso = NULL;

  if (*text == '\0')
    {
      if (required)
        problem = g_strdup (_("Enter the date the customer told you."));
    }
  else if ((iso = rd_date_normalize (text, &error)) == NULL)
    problem = g_strdup (error->message);

  mark_row (GTK_WIDGET (row), problem);
  show_message (self->date_error_labels[index], problem);
  gtk_widget_set_visible (self->date_error_rows[index], problem != NULL);
  if (problem != NULL)
    *valid = FALSE;
  return iso;
}

static void
set_needs_attention (RdDelayEditor *self,
                     GtkWidget     *page,
                     gboolean       needs_attention)
{
  AdwViewStackPage *stack_page = adw_view_stack_get_page (self->stack, page);

  if (adw_view_stack_page_get_needs_attention (stack_page) != needs_attention)
    adw_view_stack_page_set_needs_attention (stack_page, needs_attention);
}

static gboolean
override_requested (RdDelayEditor *self)
{
  return adw_combo_row_get_selected (self->override_row) > 0;
}

/* Checks every field, marks the rows in error and shows the messages.
 * Nothing may be saved while it returns FALSE. */
static gboolean
validate (RdDelayEditor *self)
{
  gboolean valid = TRUE;
  gboolean when_valid = TRUE;
  gboolean commitments_valid = TRUE;
  g_autofree char *override_message = NULL;
  g_autofree char *communicated = NULL;
  g_autofree char *dates[RD_N_COMMITMENTS] = { NULL };
  const char *deadline = rd_account_get_deadline (self->account);
  GString *warning = g_string_new (NULL);

  communicated = check_date (self, 0, TRUE, &when_valid);
  for (guint c = 0; c < RD_N_COMMITMENTS; c++)
    dates[c] = check_date (self, 1 + c, FALSE, &commitments_valid);
  valid = when_valid && commitments_valid;

  if (override_requested (self))
    {
      g_autofree char *note = row_text (self->override_note_row);

      if (*note == '\0')
        {
          override_message = g_strdup (_("Say why you override the computed class."));
          valid = FALSE;
        }
    }
  mark_row (GTK_WIDGET (self->override_note_row), override_message);

  /* After the hard deadline is allowed, but should not go unnoticed. */
  for (guint c = 0; c < RD_N_COMMITMENTS && deadline != NULL; c++)
    {
      g_autofree char *end = NULL;

      if (dates[c] == NULL || g_strcmp0 (dates[c], deadline) <= 0)
        continue;
      end = rd_date_format (deadline);
      if (warning->len > 0)
        g_string_append_c (warning, '\n');
      /* Translators: "Final Decision By is after the contract ends (18 Dec 2026)." */
      g_string_append_printf (warning, _("%s is after the contract ends (%s)."),
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->date_rows[1 + c])),
                              end);
    }

  show_message (self->override_error_label, override_message);
  show_message (self->commitments_warning_label, warning->len > 0 ? warning->str : NULL);
  g_string_free (warning, TRUE);

  /* Save is off while a field is wrong: the section that holds it says so. */
  set_needs_attention (self, self->said_page, !when_valid);
  set_needs_attention (self, self->commitments_page, !commitments_valid);
  set_needs_attention (self, self->questions_page, override_message != NULL);

  return valid;
}

/* Working copy and classification ---------------------------------------- */

static guint32
checked_signals (GtkCheckButton **checks)
{
  guint32 bits = 0;

  for (guint s = 0; s < N_SIGNALS; s++)
    if (gtk_check_button_get_active (checks[s]))
      bits |= RD_SIGNAL_BIT (s);
  return bits;
}

/* Copies the widgets into the working copy; invalid dates keep the last
 * valid value, so the preview never classifies from garbage. */
static void
sync_delay (RdDelayEditor *self)
{
  RdDelay *d = self->delay;
  AdwEntryRow *rows[RD_N_COMMITMENTS] = {
    self->info_by_row, self->reconnect_row, self->decision_row, self->next_step_on_row,
  };
  struct { AdwEntryRow *row; const char *field; } texts[] = {
    { self->next_step_row, "next_step" },
    { self->help_row, "help_needed" },
  };
  g_autofree char *text = NULL;
  g_autofree char *iso = NULL;
  int cause = -1;

  text = row_text (self->communicated_row);
  if ((iso = rd_date_normalize (text, NULL)) != NULL)
    rd_delay_set_communicated_on (d, iso);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&iso, g_free);

  rd_delay_set_contact_id (d, contact_at (self, adw_combo_row_get_selected (self->contact_row)));
  text = row_text (self->stated_reason_row);
  rd_delay_set_stated_reason (d, null_if_empty (text));
  g_clear_pointer (&text, g_free);

  for (guint i = 1; i <= N_CAUSES; i++)
    if (gtk_check_button_get_active (self->cause_checks[i]))
      cause = i - 1;
  rd_delay_set_cause (d, cause);
  rd_delay_set_signals (d, checked_signals (self->signal_checks));

  for (guint q = 0; q < RD_N_QUESTIONS; q++)
    {
      g_autofree char *answer = row_text (self->question_rows[q]);

      rd_delay_set_answer (d, q, null_if_empty (answer));
    }

  for (guint c = 0; c < RD_N_COMMITMENTS; c++)
    {
      g_autofree char *date_text = row_text (rows[c]);
      g_autofree char *date = NULL;

      if (*date_text == '\0')
        rd_delay_set_commitment (d, c, NULL);
      else if ((date = rd_date_normalize (date_text, NULL)) != NULL)
        rd_delay_set_commitment (d, c, date);

      /* Ticked off: kept on the day it was ticked (an earlier tick keeps its day). */
      if (!gtk_toggle_button_get_active (self->kept_toggles[c]))
        rd_delay_set_commitment_kept (d, c, NULL);
      else if (rd_delay_get_commitment_kept (d, c) == NULL)
        {
          g_autofree char *today = NULL;
          GDate day;

          rd_date_today (&day);
          today = rd_date_to_string (&day);
          rd_delay_set_commitment_kept (d, c, today);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *value = row_text (texts[i].row);

      rd_delay_set_text (d, texts[i].field, null_if_empty (value));
    }

  if (override_requested (self))
    {
      g_autofree char *note = row_text (self->override_note_row);

      rd_delay_set_override (d, (int) adw_combo_row_get_selected (self->override_row) - 1,
                             null_if_empty (note));
    }
  else
    rd_delay_set_override (d, -1, NULL);
}

static void
reclassify (RdDelayEditor *self)
{
  g_autoptr(RdClassification) result = rd_delay_classify (self->delay, self->context);
  g_autofree char *explain = rd_classification_explain (result);
  g_autofree char *score = NULL;
  RdClass effective = rd_delay_get_effective_class (self->delay);
  int override = rd_delay_get_override (self->delay);

  for (guint i = 0; i < G_N_ELEMENTS (class_css); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->class_chip), class_css[i]);
      gtk_widget_remove_css_class (self->classification_panel, class_css[i]);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->class_chip), class_css[effective]);
  gtk_widget_add_css_class (self->classification_panel, class_css[effective]);
  gtk_label_set_text (self->class_chip, rd_enum_table_label (&rd_class_table, effective));

  /* Translators: the risk score, 0–100 */
  score = g_strdup_printf (_("Score %d of 100"), result->score);
  gtk_label_set_text (self->score_label, score);
  gtk_label_set_text (self->reasons_label, explain);

  if (override >= 0)
    {
      /* Translators: "Overridden: Risk (computed: Administrative)" */
      g_autofree char *text = g_strdup_printf (_("Overridden: %s (computed: %s)"),
                                               rd_enum_table_label (&rd_class_table, override),
                                               rd_enum_table_label (&rd_class_table, result->klass));
      gtk_label_set_text (self->override_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->override_label), override >= 0);

  gtk_label_set_text (self->response_title_label, rd_class_response_title (effective));
  gtk_label_set_text (self->response_advice_label,
                      rd_class_response_advice (effective, rd_delay_get_cause (self->delay)));

  {
    g_autofree char *description = g_strdup_printf ("%s. %s. %s",
                                                    explain,
                                                    rd_class_response_title (effective),
                                                    gtk_label_get_text (self->response_advice_label));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->classification_panel),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  }
}

static void
update_actions (RdDelayEditor *self)
{
  gboolean open = rd_delay_get_status (self->delay) == RD_DELAY_STATUS_OPEN;
  gboolean valid = validate (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.resolve",
                                 !self->is_new && open && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reopen",
                                 !self->is_new && !open && !self->saving);
}

/* Closing, renewing or not renewing resolves a delay with a stable id as its
 * outcome (rd-lifecycle.c); the user's own outcomes are shown as written. */
static const char *
outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, "lost") == 0)
    return _("Closed as lost");
  if (g_strcmp0 (outcome, "renewed") == 0)
    return rd_enum_table_label (&rd_status_table, RD_STATUS_RENEWED);
  if (g_strcmp0 (outcome, "not_renewing") == 0)
    return rd_enum_table_label (&rd_renewal_choice_table, RD_CHOICE_DO_NOT_RENEW);
  return outcome;
}

static void
update_status (RdDelayEditor *self)
{
  gboolean open = rd_delay_get_status (self->delay) == RD_DELAY_STATUS_OPEN;
  gtk_widget_set_visible (GTK_WIDGET (self->status_group), !self->is_new);

  if (open)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), C_("delay status", "Open"));
      adw_action_row_set_subtitle (self->status_row,
                                   _("When it ends, resolve it with the outcome and a retrospective."));
    }
  else
    {
      g_autofree char *when = rd_date_format (rd_delay_get_resolved_on (self->delay));
      g_autofree char *title = g_strdup_printf (_("Resolved on %s"), when);
      g_autofree char *subtitle = NULL;
      const char *outcome = outcome_label (rd_delay_get_text (self->delay, "outcome"));
      const char *retro = rd_delay_get_text (self->delay, "retrospective");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
      subtitle = g_strjoin ("\n", outcome ? outcome : "", retro ? retro : "", NULL);
      adw_action_row_set_subtitle (self->status_row, g_strstrip (subtitle));
    }
}

static void
rebuild_statements (RdDelayEditor *self);

static void
changed (RdDelayEditor *self)
{
  if (self->updating)
    return;

  self->changed = TRUE;
  sync_delay (self);
  reclassify (self);
  update_actions (self);
}

/* Statements ------------------------------------------------------------- */

static void
on_statement_remove_clicked_cb (GtkButton     *button,
                                RdDelayEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  g_assert (RD_IS_DELAY_EDITOR (self));

  if (index < 0)
    return;
  rd_delay_remove_statement (self->delay, index);
  rebuild_statements (self);
  changed (self);
  gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->statements_list)) != NULL
                         ? GTK_WIDGET (self->statements_list)
                         : GTK_WIDGET (self->class_chip));
}

static char *
signals_summary (guint32  signals,
                 char   **tooltip)
{
  guint good = 0, bad = 0;
  GString *names = g_string_new (NULL);
  GString *text = g_string_new (NULL);

  for (guint s = 0; s < N_SIGNALS; s++)
    {
      if (!(signals & RD_SIGNAL_BIT (s)))
        continue;
      if (RD_SIGNAL_IS_GOOD (s))
        good++;
      else
        bad++;
      if (names->len > 0)
        g_string_append (names, "\n");
      g_string_append (names, rd_enum_table_label (&rd_signal_table, s));
    }

  if (good > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u good signal", "%u good signals", good),
                            good);
  if (bad > 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u warning sign", "%u warning signs", bad),
                              bad);
    }
  if (text->len == 0)
    g_string_append (text, _("No signals"));

  *tooltip = names->len > 0 ? g_string_free (names, FALSE) : (g_string_free (names, TRUE), NULL);
  return g_string_free (text, FALSE);
}

static void
rebuild_statements (RdDelayEditor *self)
{
  GPtrArray *statements = rd_delay_get_statements (self->delay);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->statements_list))) != NULL)
    gtk_list_box_remove (self->statements_list, child);

  for (guint i = 0; i < statements->len; i++)
    {
      RdStatement *statement = g_ptr_array_index (statements, i);
      RdContact *contact = find_contact (self, statement->contact_id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;
      g_autofree char *tooltip = NULL;
      g_autofree char *summary = signals_summary (statement->signals, &tooltip);
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     contact && rd_contact_get_name (contact)
                                     ? rd_contact_get_name (contact) : _("Someone else"));
      if (statement->said != NULL && *statement->said != '\0')
        /* Translators: what a stakeholder said, then a summary of their signals */
        subtitle = g_strdup_printf (_("“%s” · %s"), statement->said, summary);
      else
        subtitle = g_strdup (summary);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_set_tooltip_text (row, tooltip);

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Remove Statement"));
      gtk_widget_add_css_class (button, "flat");
      g_signal_connect (button, "clicked", G_CALLBACK (on_statement_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (self->statements_list, row);
    }
}

static void
update_statement_form (RdDelayEditor *self)
{
  g_autofree char *said = row_text (self->statement_said_row);

  gtk_widget_set_sensitive (self->statement_add_button,
                            *said != '\0' || checked_signals (self->statement_checks) != 0);
}

static void
on_statement_form_changed_cb (RdDelayEditor *self)
{
  update_statement_form (self);
}

static void
on_add_statement_clicked_cb (RdDelayEditor *self)
{
  g_assert (RD_IS_DELAY_EDITOR (self));

  set_text (self->statement_said_row, NULL);
  for (guint s = 0; s < N_SIGNALS; s++)
    gtk_check_button_set_active (self->statement_checks[s], FALSE);
  adw_combo_row_set_selected (self->statement_contact_row, 0);
  gtk_widget_set_visible (self->statement_form, TRUE);
  update_statement_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->statement_contact_row));
}

static void
on_statement_cancel_clicked_cb (RdDelayEditor *self)
{
  g_assert (RD_IS_DELAY_EDITOR (self));

  gtk_widget_set_visible (self->statement_form, FALSE);
}

static void
on_statement_add_clicked_cb (RdDelayEditor *self)
{
  g_autofree char *said = row_text (self->statement_said_row);
  const char *contact_id = contact_at (self, adw_combo_row_get_selected (self->statement_contact_row));

  g_assert (RD_IS_DELAY_EDITOR (self));

  rd_delay_add_statement (self->delay,
                          rd_statement_new (contact_id, null_if_empty (said),
                                            checked_signals (self->statement_checks)));
  gtk_widget_set_visible (self->statement_form, FALSE);
  rebuild_statements (self);
  changed (self);
}

/* Loading ---------------------------------------------------------------- */

static void
load_delay (RdDelayEditor *self)
{
  RdDelay *d = self->delay;
  AdwEntryRow *rows[RD_N_COMMITMENTS] = {
    self->info_by_row, self->reconnect_row, self->decision_row, self->next_step_on_row,
  };
  int cause = rd_delay_get_cause (d);
  int override = rd_delay_get_override (d);

  self->updating = TRUE;

  set_date_text (self->communicated_row, rd_delay_get_communicated_on (d));
  if (self->is_new && self->contacts->len > 0)
    adw_combo_row_set_selected (self->contact_row, 0);
  else
    adw_combo_row_set_selected (self->contact_row, contact_position (self, rd_delay_get_contact_id (d)));
  set_text (self->stated_reason_row, rd_delay_get_stated_reason (d));
  gtk_check_button_set_active (self->cause_checks[cause >= 0 && cause < N_CAUSES ? cause + 1 : 0], TRUE);
  for (guint s = 0; s < N_SIGNALS; s++)
    gtk_check_button_set_active (self->signal_checks[s], (rd_delay_get_signals (d) & RD_SIGNAL_BIT (s)) != 0);
  for (guint q = 0; q < RD_N_QUESTIONS; q++)
    set_text (self->question_rows[q], rd_delay_get_answer (d, q));
  for (guint c = 0; c < RD_N_COMMITMENTS; c++)
    {
      set_date_text (rows[c], rd_delay_get_commitment (d, c));
      gtk_toggle_button_set_active (self->kept_toggles[c], rd_delay_get_commitment_kept (d, c) != NULL);
    }
  set_text (self->next_step_row, rd_delay_get_text (d, "next_step"));
  set_text (self->help_row, rd_delay_get_text (d, "help_needed"));
  adw_combo_row_set_selected (self->override_row, override >= 0 ? override + 1 : 0);
  set_text (self->override_note_row, rd_delay_get_text (d, "override_note"));

  for (guint i = 0; i < G_N_ELEMENTS (self->date_rows); i++)
    remember_text (self->date_rows[i]);
  remember_text (self->stated_reason_row);
  remember_text (self->next_step_row);
  remember_text (self->help_row);
  remember_text (self->override_note_row);
  for (guint q = 0; q < RD_N_QUESTIONS; q++)
    remember_text (self->question_rows[q]);

  self->updating = FALSE;

  rebuild_statements (self);
  update_status (self);
  sync_delay (self);
  reclassify (self);
  update_actions (self);
}

static void
show_deadline (RdDelayEditor *self)
{
  const char *deadline = rd_account_get_deadline (self->account);
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *relative = NULL;
  GDate today;
  int days;

  if (deadline == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deadline_row),
                                     _("No contract end date"));
      adw_action_row_set_subtitle (self->deadline_row,
                                   _("Set it on the account page: it is the hard deadline."));
      return;
    }

  rd_date_today (&today);
  days = rd_date_days_between (&today, deadline);
  when = rd_date_format (deadline);
  relative = rd_date_format_relative (days);
  /* Translators: "Contract ends 18 Dec 2026" */
  title = g_strdup_printf (_("Contract ends %s"), when);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deadline_row), title);
  adw_action_row_set_subtitle (self->deadline_row, relative);
  if (days < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_row), "overdue");
}

static void
get_context_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdDelayEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  RdDelayContext *context;

  context = rd_store_get_delay_context_finish (RD_STORE (object), result, &error);
  if (context == NULL)
    {
      /* The provisional context stays: the preview still works. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the delay context: %s", error->message);
      return;
    }

  g_free (self->context);
  self->context = context;
  self->has_context = TRUE;
  reclassify (self);
}

/* Calendar popovers ------------------------------------------------------ */

static void
on_calendar_popover_show_cb (GtkPopover *popover,
                             GtkCalendar *calendar)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (calendar), "rd-row");
  g_autofree char *text = row_text (row);
  g_autofree char *iso = rd_date_normalize (text, NULL);
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  if (iso == NULL || !rd_date_parse (iso, &date))
    rd_date_today (&date);
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
  g_object_set_data (G_OBJECT (calendar), "rd-syncing", GINT_TO_POINTER (TRUE));
  gtk_calendar_select_day (calendar, dt);
  g_object_set_data (G_OBJECT (calendar), "rd-syncing", NULL);
}

static void
on_calendar_day_selected_cb (GtkCalendar *calendar,
                             GtkPopover  *popover)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (calendar), "rd-row");
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;

  if (g_object_get_data (G_OBJECT (calendar), "rd-syncing"))
    return;

  dt = gtk_calendar_get_date (calendar);
  iso = g_date_time_format (dt, "%Y-%m-%d");
  gtk_popover_popdown (popover);
  set_date_text (row, iso);
}

static void
add_calendar_button (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Date"), -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (calendar), "rd-row", row);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect (popover, "show", G_CALLBACK (on_calendar_popover_show_cb), calendar);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected_cb), popover);
  adw_entry_row_add_suffix (row, button);
}

/* Saving ----------------------------------------------------------------- */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RdDelayEditor) self = user_data;
  g_autoptr(RdDelay) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = rd_store_save_delay_finish (RD_STORE (object), result, &error);
  self->saving = FALSE;

  if (stored == NULL)
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("Could not save the delay: %s"), error->message);
      if (!g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID))
        g_warning ("Could not save delay: %s", error->message);
      toast_main_window (self, title);
      update_actions (self);
      return;
    }

  toast_main_window (self, self->is_new ? _("Delay logged") : _("Delay saved"));
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save (RdDelayEditor *self)
{
  if (self->saving || self->store == NULL)
    return;

  sync_delay (self);
  if (!validate (self))
    {
      update_actions (self);
      return;
    }

  self->saving = TRUE;
  update_actions (self);
  rd_store_save_delay_async (self->store, self->delay, self->cancellable, save_cb, g_object_ref (self));
}

/* Sections and layout ---------------------------------------------------- */

static const char * const section_names[] = { "said", "signals", "commitments", "questions" };

static void
show_section (RdDelayEditor *self,
              const char    *name)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *child = adw_view_stack_get_child_by_name (self->stack, name);

  if (child == NULL)
    return;
  adw_view_stack_set_visible_child (self->stack, child);
  /* From the keyboard: the focus goes along into the section shown. */
  if (focus == NULL || !gtk_widget_is_ancestor (focus, child))
    gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
}

static int
section_index (RdDelayEditor *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    if (g_strcmp0 (name, section_names[i]) == 0)
      return i;
  return 0;
}

static void
update_details (RdDelayEditor *self)
{
  gboolean expanded = self->wide || gtk_toggle_button_get_active (self->details_button);

  /* The reasons always show; the response on demand on a narrow window. */
  gtk_revealer_set_reveal_child (self->details_revealer, expanded);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_button),
                               expanded ? _("Hide the Response") : _("Show the Response"));
  gtk_button_set_icon_name (GTK_BUTTON (self->details_button),
                            expanded ? "pan-up-symbolic" : "pan-down-symbolic");
}

static void
apply_layout (RdDelayEditor *self,
              gboolean       wide)
{
  GtkWidget *stack = GTK_WIDGET (self->stack);

  self->wide = wide;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->body),
                                  wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->pane_separator),
                                  wide ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  if (wide)
    {
      gtk_box_reorder_child_after (self->body, stack, NULL);
      gtk_box_reorder_child_after (self->body, self->pane_separator, stack);
      gtk_box_reorder_child_after (self->body, self->classification_pane, self->pane_separator);
    }
  else
    {
      gtk_box_reorder_child_after (self->body, self->classification_pane, NULL);
      gtk_box_reorder_child_after (self->body, self->pane_separator, self->classification_pane);
      gtk_box_reorder_child_after (self->body, stack, self->pane_separator);
    }
  gtk_widget_set_size_request (self->classification_pane, wide ? 340 : -1, -1);
  /* The score's hexpand must not widen the pane beside the sections. */
  gtk_widget_set_hexpand (self->classification_pane, !wide);
  gtk_widget_set_visible (GTK_WIDGET (self->details_button), !wide);
  if (wide)
    {
      gtk_widget_add_css_class (self->classification_pane, "side");
      gtk_widget_remove_css_class (self->classification_pane, "compact");
    }
  else
    {
      gtk_widget_add_css_class (self->classification_pane, "compact");
      gtk_widget_remove_css_class (self->classification_pane, "side");
    }
  update_details (self);
}

static gboolean
apply_layout_idle (gpointer data)
{
  RdDelayEditor *self = data;
  gboolean wide = self->width >= WIDE_WIDTH;

  self->layout_idle = 0;
  if (wide != self->wide)
    apply_layout (self, wide);
  return G_SOURCE_REMOVE;
}

/* Escape in a field with edits puts its text back; otherwise it cancels. */
static gboolean
revert_focused_field (RdDelayEditor *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) : NULL;
  const char *before;

  if (row == NULL)
    return FALSE;
  before = g_object_get_data (G_OBJECT (row), "rd-revert-text");
  if (before == NULL || g_strcmp0 (before, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (row), before);
  gtk_editable_set_position (GTK_EDITABLE (row), -1);
  return TRUE;
}

static gboolean
is_date_row (RdDelayEditor *self,
             AdwEntryRow   *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->date_rows); i++)
    if (self->date_rows[i] == row)
      return TRUE;
  return FALSE;
}

static void
on_field_focus_enter_cb (GtkEventControllerFocus *controller,
                         RdDelayEditor           *self)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  g_autofree char *text = row_text (row);
  g_autofree char *iso = NULL;

  /* An invalid date is not worth going back to. */
  if (is_date_row (self, row) && *text != '\0' && (iso = rd_date_normalize (text, NULL)) == NULL)
    return;
  remember_text (row);
}

static void
on_field_focus_leave_cb (GtkEventControllerFocus *controller,
                         RdDelayEditor           *self)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  g_autofree char *text = row_text (row);
  g_autofree char *iso = NULL;

  if (self->updating)
    return;
  if (is_date_row (self, row) && *text != '\0')
    {
      if ((iso = rd_date_normalize (text, NULL)) == NULL)
        return;
      /* Typed as 2026-12-31 or 31/12/2026: shown the region's way. */
      set_date_text (row, iso);
    }
  remember_text (row);
}

static void
watch_focus (RdDelayEditor *self,
             AdwEntryRow   *row)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect (controller, "enter", G_CALLBACK (on_field_focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_field_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (row), controller);
}

/* Actions ---------------------------------------------------------------- */

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        RdDelayEditor    *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
ask_discard (RdDelayEditor *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                   _("What you entered for this delay will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdDelayEditor *self = RD_DELAY_EDITOR (widget);

  if (self->changed && !self->saving)
    {
      ask_discard (self);
      return;
    }
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  if (revert_focused_field (RD_DELAY_EDITOR (widget)))
    return;
  cancel_action (widget, "editor.cancel", NULL);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_section (RD_DELAY_EDITOR (widget), g_variant_get_string (parameter, NULL));
}

static void
next_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdDelayEditor *self = RD_DELAY_EDITOR (widget);
  int n = G_N_ELEMENTS (section_names);
  int step = g_str_equal (action_name, "editor.previous-section") ? n - 1 : 1;

  show_section (self, section_names[(section_index (self) + step) % n]);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (RD_DELAY_EDITOR (widget));
}

static void
on_resolve_response_cb (RdResolveDialog *dialog,
                        const char      *response,
                        RdDelayEditor   *self)
{
  g_autofree char *retrospective = NULL;

  if (g_strcmp0 (response, "resolve") != 0)
    return;

  retrospective = rd_resolve_dialog_get_retrospective (dialog);
  sync_delay (self);
  rd_delay_resolve (self->delay, rd_resolve_dialog_get_date (dialog),
                    rd_resolve_dialog_get_outcome (dialog), retrospective);
  self->changed = TRUE;
  update_status (self);
  save (self);
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdDelayEditor *self = RD_DELAY_EDITOR (widget);
  RdResolveDialog *dialog = rd_resolve_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_resolve_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdDelayEditor *self = RD_DELAY_EDITOR (widget);

  sync_delay (self);
  rd_delay_reopen (self->delay);
  self->changed = TRUE;
  update_status (self);
  save (self);
}

/* Signal callbacks ------------------------------------------------------- */

static void
on_field_changed_cb (RdDelayEditor *self)
{
  g_assert (RD_IS_DELAY_EDITOR (self));

  changed (self);
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     RdDelayEditor  *self)
{
  g_assert (RD_IS_DELAY_EDITOR (self));

  /* A radio group toggles twice; react once, to the new choice. */
  if (g_object_get_data (G_OBJECT (check), "rd-radio") && !gtk_check_button_get_active (check))
    return;
  changed (self);
}

static void
on_details_toggled_cb (RdDelayEditor *self)
{
  g_assert (RD_IS_DELAY_EDITOR (self));

  update_details (self);
}

static gboolean
on_close_request_cb (RdDelayEditor *self)
{
  g_assert (RD_IS_DELAY_EDITOR (self));

  if (self->closing || !self->changed || self->saving)
    return FALSE;
  ask_discard (self);
  return TRUE;
}

/* GtkWidget -------------------------------------------------------------- */

/* The layout follows the window's width; it changes after this allocation,
 * never during it. */
static void
rd_delay_editor_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  RdDelayEditor *self = RD_DELAY_EDITOR (widget);

  GTK_WIDGET_CLASS (rd_delay_editor_parent_class)->size_allocate (widget, width, height, baseline);

  self->width = width;
  if ((width >= WIDE_WIDTH) != self->wide && self->layout_idle == 0)
    self->layout_idle = g_idle_add (apply_layout_idle, self);
}

/* GObject ---------------------------------------------------------------- */

static void
rd_delay_editor_dispose (GObject *object)
{
  RdDelayEditor *self = RD_DELAY_EDITOR (object);

  /* Focus leaving the fields as they go must not edit the working copy. */
  self->updating = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->layout_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_DELAY_EDITOR);
  g_clear_object (&self->delay);
  g_clear_object (&self->account);
  g_clear_object (&self->store);
  g_clear_object (&self->activity_context);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_delay_editor_parent_class)->dispose (object);
}

static void
rd_delay_editor_finalize (GObject *object)
{
  RdDelayEditor *self = RD_DELAY_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_free);

  G_OBJECT_CLASS (rd_delay_editor_parent_class)->finalize (object);
}

/* Ctrl+Shift+A, as on the account page: log a call about this delay.
 * Captured ahead of the entries, whose "unselect" it would be. */
static gboolean
log_activity_shortcut_cb (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  RdDelayEditor *self = RD_DELAY_EDITOR (widget);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->activity_log)))
    return FALSE;
  rd_activity_log_start (self->activity_log);
  return TRUE;
}

static void
rd_delay_editor_class_init (RdDelayEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_delay_editor_dispose;

  g_type_ensure (RD_TYPE_ACTIVITY_LOG);


  object_class->finalize = rd_delay_editor_finalize;
  widget_class->size_allocate = rd_delay_editor_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-delay-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, activity_log);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, add_statement_button);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, body);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, cause_group);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, class_chip);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, classification_pane);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, classification_panel);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, commitments_page);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, commitments_warning_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, communicated_error_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, communicated_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, decision_error_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, decision_error_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, decision_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, details_button);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, good_group);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, help_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, info_by_error_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, info_by_error_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, info_by_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, next_step_on_error_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, next_step_on_error_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, next_step_on_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, next_step_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, override_error_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, override_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, override_note_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, override_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, pane_separator);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, questions_group);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, questions_page);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, reconnect_error_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, reconnect_error_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, reconnect_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, response_advice_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, response_title_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, said_page);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, score_label);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, signals_page);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, stated_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, statement_add_button);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, statement_contact_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, statement_form);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, statement_said_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, statement_signals_box);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, statements_list);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, status_group);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, warning_group);
  gtk_widget_class_bind_template_child (widget_class, RdDelayEditor, when_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_statement_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_statement_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_statement_cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "editor.next-section", NULL, next_section_action);
  gtk_widget_class_install_action (widget_class, "editor.previous-section", NULL, next_section_action);
  gtk_widget_class_install_action (widget_class, "editor.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "editor.resolve", NULL, resolve_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.show-section", "s", show_section_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.escape", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "editor.show-section", "s", section_names[i]);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_ALT_MASK,
                                           "editor.show-section", "s", section_names[i]);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "editor.next-section", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "editor.previous-section", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
connect_entry (RdDelayEditor *self,
               AdwEntryRow   *row)
{
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_changed_cb), self);
}

static void
build_cause_rows (RdDelayEditor *self)
{
  for (int i = 0; i <= N_CAUSES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (i == 0)
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not assessed yet"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("You do not know yet what is behind it."));
        }
      else
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         rd_enum_table_label (&rd_cause_table, i - 1));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(cause_explanations[i - 1]));
        }
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "rd-radio", GINT_TO_POINTER (TRUE));
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->cause_checks[0]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      self->cause_checks[i] = GTK_CHECK_BUTTON (check);
      adw_preferences_group_add (self->cause_group, row);
    }
}

static void
build_signal_rows (RdDelayEditor *self)
{
  for (guint s = 0; s < N_SIGNALS; s++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *compact = gtk_check_button_new_with_label (rd_enum_table_label (&rd_signal_table, s));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rd_enum_table_label (&rd_signal_table, s));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(signal_explanations[s]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      self->signal_checks[s] = GTK_CHECK_BUTTON (check);
      adw_preferences_group_add (RD_SIGNAL_IS_GOOD (s) ? self->good_group : self->warning_group, row);

      /* The same signals, compact, for one stakeholder's statement. */
      gtk_widget_set_tooltip_text (compact, _(signal_explanations[s]));
      g_signal_connect_swapped (compact, "toggled", G_CALLBACK (on_statement_form_changed_cb), self);
      self->statement_checks[s] = GTK_CHECK_BUTTON (compact);
      gtk_flow_box_append (self->statement_signals_box, compact);
    }
}

/* A "Kept" toggle on each commitment: ticking it off records the day it
 * was kept, so the commitment no longer counts as missed. */
static void
build_kept_toggles (RdDelayEditor *self)
{
  AdwEntryRow *rows[RD_N_COMMITMENTS] = {
    self->info_by_row, self->reconnect_row, self->decision_row, self->next_step_on_row,
  };

  for (guint c = 0; c < RD_N_COMMITMENTS; c++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_("_Kept"));
      g_autofree char *label = g_strdup_printf (_("%s: kept"),
                                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[c])));

      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (toggle, "flat");
      gtk_widget_set_tooltip_text (toggle, _("They kept this commitment"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_swapped (toggle, "toggled", G_CALLBACK (on_field_changed_cb), self);
      adw_entry_row_add_suffix (rows[c], toggle);
      self->kept_toggles[c] = GTK_TOGGLE_BUTTON (toggle);
    }
}

static void
build_question_rows (RdDelayEditor *self)
{
  for (guint q = 0; q < RD_N_QUESTIONS; q++)
    {
      GtkWidget *row = adw_entry_row_new ();
      const char *prompt = rd_enum_table_label (&rd_question_table, q);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), prompt);
      gtk_widget_set_tooltip_text (row, prompt);
      connect_entry (self, ADW_ENTRY_ROW (row));
      self->question_rows[q] = ADW_ENTRY_ROW (row);
      adw_preferences_group_add (self->questions_group, row);
    }
}

static void
rd_delay_editor_init (RdDelayEditor *self)
{
  g_autoptr(GtkStringList) overrides = gtk_string_list_new (NULL);
  GtkEventController *shortcuts;

  self->cancellable = g_cancellable_new ();
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_callback_action_new (log_activity_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  self->date_rows[0] = self->communicated_row;
  self->date_rows[1 + RD_COMMITMENT_INFO_BY] = self->info_by_row;
  self->date_rows[1 + RD_COMMITMENT_RECONNECT_ON] = self->reconnect_row;
  self->date_rows[1 + RD_COMMITMENT_DECISION_BY] = self->decision_row;
  self->date_rows[1 + RD_COMMITMENT_NEXT_STEP_ON] = self->next_step_on_row;
  self->date_error_rows[0] = self->communicated_error_row;
  self->date_error_rows[1 + RD_COMMITMENT_INFO_BY] = self->info_by_error_row;
  self->date_error_rows[1 + RD_COMMITMENT_RECONNECT_ON] = self->reconnect_error_row;
  self->date_error_rows[1 + RD_COMMITMENT_DECISION_BY] = self->decision_error_row;
  self->date_error_rows[1 + RD_COMMITMENT_NEXT_STEP_ON] = self->next_step_on_error_row;
  self->date_error_labels[0] = self->when_error_label;
  self->date_error_labels[1 + RD_COMMITMENT_INFO_BY] = self->info_by_error_label;
  self->date_error_labels[1 + RD_COMMITMENT_RECONNECT_ON] = self->reconnect_error_label;
  self->date_error_labels[1 + RD_COMMITMENT_DECISION_BY] = self->decision_error_label;
  self->date_error_labels[1 + RD_COMMITMENT_NEXT_STEP_ON] = self->next_step_on_error_label;

  self->updating = TRUE;

  build_cause_rows (self);
  build_signal_rows (self);
  build_question_rows (self);
  build_kept_toggles (self);

  for (guint i = 0; i < G_N_ELEMENTS (self->date_rows); i++)
    {
      add_calendar_button (self->date_rows[i]);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->date_rows[i]),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      self->date_error_labels[i], NULL, -1);
    }

  connect_entry (self, self->communicated_row);
  connect_entry (self, self->stated_reason_row);
  connect_entry (self, self->info_by_row);
  connect_entry (self, self->reconnect_row);
  connect_entry (self, self->decision_row);
  connect_entry (self, self->next_step_on_row);
  connect_entry (self, self->next_step_row);
  connect_entry (self, self->help_row);
  connect_entry (self, self->override_note_row);
  g_signal_connect_swapped (self->contact_row, "notify::selected", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->override_row, "notify::selected", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->statement_said_row, "changed", G_CALLBACK (on_statement_form_changed_cb), self);

  {
    AdwEntryRow *fields[] = {
      self->communicated_row, self->stated_reason_row, self->info_by_row, self->reconnect_row,
      self->decision_row, self->next_step_on_row,
      self->next_step_row, self->help_row, self->override_note_row, self->statement_said_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      watch_focus (self, fields[i]);
    for (guint q = 0; q < RD_N_QUESTIONS; q++)
      watch_focus (self, self->question_rows[q]);
  }

  /* Compact first, so a window opened narrow is not held wide by the
   * pane's width; a wide one switches after its first allocation. */
  apply_layout (self, FALSE);

  gtk_string_list_append (overrides, _("Use the computed class"));
  for (guint i = 0; i < rd_class_table.n_entries; i++)
    gtk_string_list_append (overrides, rd_enum_table_label (&rd_class_table, i));
  adw_combo_row_set_model (self->override_row, G_LIST_MODEL (overrides));

  {
    GtkWidget *placeholder = gtk_label_new (_("Only one voice so far"));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_add_css_class (placeholder, "placeholder");
    gtk_list_box_set_placeholder (self->statements_list, placeholder);
  }

  self->updating = FALSE;
}

/* Public API ------------------------------------------------------------- */

RdDelayEditor *
rd_delay_editor_new (GtkWindow *parent,
                     RdStore   *store,
                     RdAccount *account,
                     GPtrArray *contacts,
                     RdDelay   *delay)
{
  RdDelayEditor *self;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GListModel) people_again = NULL;
  const char *deadline;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (delay == NULL || RD_IS_DELAY (delay), NULL);

  self = g_object_new (RD_TYPE_DELAY_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->account = g_object_ref (account);
  self->is_new = delay == NULL;
  self->delay = delay != NULL ? rd_delay_copy (delay) : rd_delay_new (rd_account_get_id (account));
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    g_ptr_array_add (self->contacts, g_object_ref (g_ptr_array_index (contacts, i)));

  /* Until the store answers: today and the deadline we already know. */
  self->context = g_new0 (RdDelayContext, 1);
  rd_date_today (&self->context->today);
  deadline = rd_account_get_deadline (account);
  if (deadline != NULL)
    g_strlcpy (self->context->deadline, deadline, sizeof self->context->deadline);

  /* What we did and how they answered: the delay's dated activity log,
   * once the delay exists to tie entries to. */
  self->activity_context = rd_context_new (NULL);
  rd_context_set_store (self->activity_context, store);
  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->activity_log), self->activity_context);
  rd_activity_log_set_contacts (self->activity_log, contacts);
  rd_activity_log_set_delay_only (self->activity_log, rd_delay_get_id (self->delay));
  if (!self->is_new && rd_delay_get_status (self->delay) != RD_DELAY_STATUS_RESOLVED)
    rd_activity_log_set_open_delay (self->activity_log, self->delay);
  rd_activity_log_set_account (self->activity_log, self->is_new ? NULL : rd_account_get_id (account));
  gtk_widget_set_visible (GTK_WIDGET (self->activity_log), !self->is_new);

  self->updating = TRUE;
  people = contacts_model (self);
  people_again = contacts_model (self);
  adw_combo_row_set_model (self->contact_row, people);
  adw_combo_row_set_model (self->statement_contact_row, people_again);
  self->updating = FALSE;

  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("Log a Delay") : _("Edit Delay"));
  adw_view_switcher_title_set_title (self->switcher_title, self->is_new ? _("Log a Delay") : _("Edit Delay"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, rd_account_get_name (account));

  show_deadline (self);
  load_delay (self);
  self->changed = FALSE;

  rd_store_get_delay_context_async (store, rd_account_get_id (account),
                                    self->is_new ? NULL : rd_delay_get_id (self->delay),
                                    self->cancellable, get_context_cb, g_object_ref (self));

  return self;
}

RdDelay *
rd_delay_editor_get_delay (RdDelayEditor *self)
{
  g_return_val_if_fail (RD_IS_DELAY_EDITOR (self), NULL);

  return self->delay;
}

gboolean
rd_delay_editor_get_is_new (RdDelayEditor *self)
{
  g_return_val_if_fail (RD_IS_DELAY_EDITOR (self), FALSE);

  return self->is_new;
}

/* For tests ---------------------------------------------------------------- */

GtkWidget *
_rd_delay_editor_get_child (RdDelayEditor *self,
                            const char    *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), RD_TYPE_DELAY_EDITOR, name));
}

GtkWidget *
_rd_delay_editor_get_cause_check (RdDelayEditor *self,
                                  int            cause)
{
  g_return_val_if_fail (cause >= -1 && cause < N_CAUSES, NULL);

  return GTK_WIDGET (self->cause_checks[cause + 1]);
}

GtkWidget *
_rd_delay_editor_get_signal_check (RdDelayEditor *self,
                                   RdSignal       signal)
{
  g_return_val_if_fail (signal < N_SIGNALS, NULL);

  return GTK_WIDGET (self->signal_checks[signal]);
}

gboolean
_rd_delay_editor_has_context (RdDelayEditor *self)
{
  return self->has_context;
}
