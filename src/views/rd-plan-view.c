/* rd-plan-view.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-plan-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-concern-record.h"
#include "rd-format.h"
#include "rd-plan-step-record.h"
#include "rd-plan-view.h"
#include "rd-record-store.h"
#include "rd-widget-util.h"

#define N_HORIZONS (RD_HORIZON_90D + 1)

struct _RdPlanView
{
  RdAccountPane   parent_instance;

  RdPlanRecord   *plan;        /* owned copy */
  GPtrArray      *steps;       /* RdPlanStepRecord */
  GPtrArray      *concerns;    /* RdConcernRecord */
  GtkListBox     *columns[N_HORIZONS];
  guint           updating : 1;

  /* template children */
  AdwComboRow    *answer_row;
  AdwEntryRow    *check_in_row;
  AdwEntryRow    *criteria_row;
  GtkLabel       *error_label;
  GtkButton      *failed_button;
  GtkButton      *met_button;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  GtkListBox     *steps_30d;
  GtkListBox     *steps_48h;
  GtkListBox     *steps_90d;
  GtkButton      *start_button;
  GtkLabel       *status_label;
  AdwEntryRow    *timeframe_row;
};

G_DEFINE_FINAL_TYPE (RdPlanView, rd_plan_view, RD_TYPE_ACCOUNT_PANE)

static RdStore *
get_store (RdPlanView *self)
{
  return rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
}

static void
show_error (RdPlanView *self,
            const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(RdPlanView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_records_save_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = g_strdup_printf (_("Could not save the plan: %s"), error->message);

      rd_widget_show_toast (GTK_WIDGET (self), title);
      rd_plan_view_reload (self);
    }
}

static void
save_one (RdPlanView *self,
          RdRecord   *record)
{
  if (get_store (self) == NULL)
    return;
  rd_record_save_async (get_store (self), record,
                        rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)), put_cb,
                        g_object_ref (self));
}

static RdPlanStepRecord *
find_step (RdPlanView *self,
           const char *id)
{
  return RD_PLAN_STEP_RECORD (rd_records_find (self->steps, id));
}

static const char *
concern_title (RdPlanView *self,
               const char *concern_uuid)
{
  RdRecord *concern = concern_uuid != NULL ? rd_records_find (self->concerns, concern_uuid) : NULL;

  return concern != NULL ? rd_concern_record_get_title (RD_CONCERN_RECORD (concern)) : NULL;
}

static GtkWidget *
create_step_row (RdPlanView       *self,
                 RdPlanStepRecord *step)
{
  const char *id = rd_record_get_doc_id (RD_RECORD (step));
  const char *owner = rd_plan_step_record_get_owner (step);
  const char *due_on = rd_plan_step_record_get_due_on (step);
  const char *concern = concern_title (self, rd_plan_step_record_get_concern_id (step));
  const char *step_title = rd_plan_step_record_get_title (step);
  gboolean done = rd_plan_step_record_is_done (step);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *title = gtk_label_new (step_title != NULL ? step_title : "");
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GString *meta = g_string_new (NULL);
  GtkWidget *meta_label;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), done);
  gtk_widget_set_valign (check, GTK_ALIGN_START);
  rd_check_button_set_action (check, "plan.toggle-step", id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Done"), -1);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  if (done)
    gtk_widget_add_css_class (title, "step-done");

  if (owner != NULL && *owner != '\0')
    g_string_append (meta, owner);
  if (due_on != NULL)
    {
      g_autofree char *date = rd_date_format (due_on);

      if (meta->len > 0)
        g_string_append (meta, " · ");
      /* Translators: "due 3 Mar 2026" */
      g_string_append_printf (meta, _("due %s"), date);
    }
  if (concern != NULL)
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      /* Translators: the concern a step addresses */
      g_string_append_printf (meta, _("for “%s”"), concern);
    }
  gtk_box_append (GTK_BOX (text), title);
  if (meta->len > 0)
    {
      meta_label = gtk_label_new (meta->str);
      gtk_label_set_wrap (GTK_LABEL (meta_label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (meta_label), 0);
      gtk_widget_add_css_class (meta_label, "caption");
      gtk_widget_add_css_class (meta_label, "dim-label");
      gtk_box_append (GTK_BOX (text), meta_label);
    }
  g_string_free (meta, TRUE);
  gtk_widget_set_hexpand (text, TRUE);

  gtk_widget_set_valign (edit, GTK_ALIGN_START);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, _("Edit Step"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "plan.edit-step");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", id);

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), edit);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const char *da = rd_plan_step_record_get_due_on (*(RdPlanStepRecord **) a);
  const char *db = rd_plan_step_record_get_due_on (*(RdPlanStepRecord **) b);

  return g_strcmp0 (da != NULL ? da : "", db != NULL ? db : "");
}

static void
show_plan (RdPlanView *self)
{
  RdPlanStatus status;
  guint done, total;
  g_autofree char *progress = NULL;
  g_autofree char *number = NULL;
  const char *criteria;

  if (self->plan == NULL)
    return;

  self->updating = TRUE;
  status = rd_plan_record_get_status (self->plan);
  gtk_label_set_text (self->status_label, rd_enum_table_label (&rd_plan_status_table, status));
  for (guint i = 0; i <= RD_PLAN_STATUS_FAILED; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), rd_enum_table_id (&rd_plan_status_table, i));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), rd_enum_table_id (&rd_plan_status_table, status));

  gtk_widget_set_visible (GTK_WIDGET (self->start_button), status == RD_PLAN_STATUS_DRAFT);
  gtk_widget_set_visible (GTK_WIDGET (self->met_button), status == RD_PLAN_STATUS_ACTIVE);
  gtk_widget_set_visible (GTK_WIDGET (self->failed_button), status == RD_PLAN_STATUS_ACTIVE);

  number = g_strdup_printf ("%" G_GINT64_FORMAT, rd_plan_record_get_timeframe_days (self->plan));
  gtk_editable_set_text (GTK_EDITABLE (self->timeframe_row), number);
  g_free (number);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, rd_plan_record_get_check_in_days (self->plan));
  gtk_editable_set_text (GTK_EDITABLE (self->check_in_row), number);
  criteria = rd_plan_record_get_progress_criteria (self->plan);
  gtk_editable_set_text (GTK_EDITABLE (self->criteria_row), criteria != NULL ? criteria : "");
  adw_combo_row_set_selected (self->answer_row, rd_plan_record_get_customer_answer (self->plan));

  for (guint h = 0; h < N_HORIZONS; h++)
    rd_list_box_remove_all (self->columns[h]);

  if (self->steps != NULL)
    {
      g_ptr_array_sort (self->steps, compare_steps);
      for (guint i = 0; i < self->steps->len; i++)
        {
          RdPlanStepRecord *step = g_ptr_array_index (self->steps, i);

          gtk_list_box_append (self->columns[rd_plan_step_record_get_horizon (step)],
                               create_step_row (self, step));
        }
    }

  done = self->steps != NULL ? rd_plan_step_records_count_done (self->steps) : 0;
  total = self->steps ? self->steps->len : 0;
  gtk_progress_bar_set_fraction (self->progress_bar, self->steps != NULL
                                                     ? rd_plan_step_records_progress (self->steps)
                                                     : 0.0);
  /* Translators: "3 of 5 steps done" */
  progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step done", "%u of %u steps done", total),
                              done, total);
  gtk_label_set_text (self->progress_label, progress);
  self->updating = FALSE;
}

static void
list_steps_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RdPlanView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = rd_records_list_finish (RD_STORE (object), result, &error);

  if (steps == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load plan steps: %s", error->message);
      return;
    }
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  self->steps = g_steal_pointer (&steps);
  show_plan (self);
}

static void
list_concerns_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RdPlanView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) concerns = rd_records_list_finish (RD_STORE (object), result, &error);

  if (concerns == NULL)
    return;
  g_clear_pointer (&self->concerns, g_ptr_array_unref);
  self->concerns = g_steal_pointer (&concerns);
  show_plan (self);
}

static gboolean
parse_days (AdwEntryRow *row,
            gint64      *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 3650, &value, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  *out = (gint64) value;
  return TRUE;
}

static void
on_condition_apply_cb (RdPlanView *self)
{
  gint64 timeframe, check_in;
  g_autoptr(RdPlanRecord) copy = NULL;
  g_autofree char *criteria = NULL;

  if (self->plan == NULL || self->updating)
    return;

  if (!parse_days (self->timeframe_row, &timeframe) || !parse_days (self->check_in_row, &check_in))
    {
      show_error (self, _("Enter a whole number of days between 1 and 3650."));
      return;
    }
  show_error (self, NULL);

  criteria = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->criteria_row))));
  copy = RD_PLAN_RECORD (rd_record_copy (RD_RECORD (self->plan)));
  rd_plan_record_set_timeframe_days (copy, timeframe);
  rd_plan_record_set_check_in_days (copy, check_in);
  rd_plan_record_set_progress_criteria (copy, criteria);
  rd_plan_record_set_customer_answer (copy, adw_combo_row_get_selected (self->answer_row));
  g_set_object (&self->plan, copy);
  save_one (self, RD_RECORD (copy));
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdPlanView *self = RD_PLAN_VIEW (widget);
  int status = rd_enum_table_lookup (&rd_plan_status_table, g_variant_get_string (parameter, NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPlanRecord) copy = NULL;

  if (self->plan == NULL || status < 0)
    return;

  if (!rd_plan_record_can_transition (self->plan, self->steps, status, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);

  copy = RD_PLAN_RECORD (rd_record_copy (RD_RECORD (self->plan)));
  rd_plan_record_set_status (copy, status);
  g_set_object (&self->plan, copy);
  show_plan (self);
  save_one (self, RD_RECORD (copy));
}

static void
toggle_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdPlanView *self = RD_PLAN_VIEW (widget);
  RdPlanStepRecord *step = find_step (self, g_variant_get_string (parameter, NULL));

  if (step == NULL || self->updating)
    return;

  if (rd_plan_step_record_is_done (step))
    rd_plan_step_record_set_done_on (step, NULL);
  else
    {
      g_autofree char *today =
    rd_context_dup_today_iso (rd_account_pane_get_context (RD_ACCOUNT_PANE (self)));

      rd_plan_step_record_set_done_on (step, today);
    }
  show_plan (self);
  save_one (self, RD_RECORD (step));
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdPlanView *self = RD_PLAN_VIEW (widget);
  int horizon = rd_enum_table_lookup (&rd_horizon_table, g_variant_get_string (parameter, NULL));
  RdPlanStepRecord *step;

  if (self->plan == NULL || horizon < 0)
    return;

  step = rd_plan_record_new_step (self->plan, horizon, _("New step"));
  if (self->steps == NULL)
    self->steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->steps, step);
  show_plan (self);
  save_one (self, RD_RECORD (step));
}

/* The step editor: a message dialog with its fields, built here because it
 * is small and only this view opens it. */

typedef struct
{
  RdPlanView  *self;
  char        *step_id;
  AdwEntryRow *title_row;
  AdwEntryRow *owner_row;
  AdwEntryRow *due_row;
  AdwComboRow *concern_row;
  GtkLabel    *error_label;
} StepEdit;

static void
step_edit_free (StepEdit *edit)
{
  g_clear_object (&edit->self);
  g_free (edit->step_id);
  g_free (edit);
}

static gboolean
step_edit_validate (StepEdit   *edit,
                    char      **out_due)
{
  const char *due_text = gtk_editable_get_text (GTK_EDITABLE (edit->due_row));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (edit->title_row))));
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  const char *message = NULL;

  if (*due_text != '\0' && (due = rd_date_normalize (due_text, &error)) == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (edit->due_row), "error");
      message = error->message;
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (edit->due_row), "error");

  if (message == NULL && *title == '\0')
    message = _("Say what the step is.");

  gtk_label_set_text (edit->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (edit->error_label), message != NULL);
  if (out_due != NULL)
    *out_due = g_steal_pointer (&due);
  return message == NULL;
}

static void
on_step_edit_changed_cb (GtkWidget *widget,
                         StepEdit  *edit)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (gtk_widget_get_root (widget)), "save",
                                           step_edit_validate (edit, NULL));
}

static void
on_step_edit_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          StepEdit         *edit)
{
  g_autofree char *due = NULL;
  g_autofree char *title = NULL;
  g_autofree char *owner = NULL;
  guint concern;
  RdPlanStepRecord *step;
  GPtrArray *concerns = edit->self->concerns;

  if (g_strcmp0 (response, "save") != 0 || !step_edit_validate (edit, &due))
    return;

  step = find_step (edit->self, edit->step_id);
  if (step == NULL)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (edit->title_row))));
  owner = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (edit->owner_row))));
  rd_plan_step_record_set_title (step, title);
  rd_plan_step_record_set_owner (step, owner);
  rd_plan_step_record_set_due_on (step, due);

  concern = adw_combo_row_get_selected (edit->concern_row);
  if (concern > 0 && concerns != NULL && concern <= concerns->len)
    rd_plan_step_record_set_concern_id (step,
                                        rd_record_get_id (g_ptr_array_index (concerns, concern - 1)));
  else
    rd_plan_step_record_set_concern_id (step, NULL);

  show_plan (edit->self);
  save_one (edit->self, RD_RECORD (step));
}

static AdwEntryRow *
add_entry_row (GtkListBox *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_list_box_append (list, row);
  return ADW_ENTRY_ROW (row);
}

static void
edit_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdPlanView *self = RD_PLAN_VIEW (widget);
  RdPlanStepRecord *step = find_step (self, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkStringList) concerns = gtk_string_list_new (NULL);
  const char *concern_id;
  GtkWidget *dialog, *box, *list;
  StepEdit *edit;

  if (step == NULL)
    return;

  edit = g_new0 (StepEdit, 1);
  edit->self = g_object_ref (self);
  edit->step_id = g_strdup (rd_record_get_doc_id (RD_RECORD (step)));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Edit Step"), NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_size_request (box, 360, -1);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  edit->title_row = add_entry_row (GTK_LIST_BOX (list), _("Step"),
                                   rd_plan_step_record_get_title (step));
  edit->owner_row = add_entry_row (GTK_LIST_BOX (list), _("Owner"),
                                   rd_plan_step_record_get_owner (step));
  edit->due_row = add_entry_row (GTK_LIST_BOX (list), _("Due On"),
                                 rd_plan_step_record_get_due_on (step));

  gtk_string_list_append (concerns, _("No particular concern"));
  concern_id = rd_plan_step_record_get_concern_id (step);
  edit->concern_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (edit->concern_row), _("Addresses"));
  for (guint i = 0; self->concerns != NULL && i < self->concerns->len; i++)
    {
      const char *title = rd_concern_record_get_title (g_ptr_array_index (self->concerns, i));

      gtk_string_list_append (concerns, title != NULL ? title : "");
    }
  adw_combo_row_set_model (edit->concern_row, G_LIST_MODEL (concerns));
  for (guint i = 0; concern_id != NULL && self->concerns != NULL && i < self->concerns->len; i++)
    if (g_strcmp0 (rd_record_get_id (g_ptr_array_index (self->concerns, i)), concern_id) == 0)
      adw_combo_row_set_selected (edit->concern_row, i + 1);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (edit->concern_row));

  edit->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (edit->error_label), "error");
  gtk_label_set_wrap (edit->error_label, TRUE);
  gtk_label_set_xalign (edit->error_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (edit->error_label), FALSE);

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (edit->error_label));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect (edit->title_row, "changed", G_CALLBACK (on_step_edit_changed_cb), edit);
  g_signal_connect (edit->due_row, "changed", G_CALLBACK (on_step_edit_changed_cb), edit);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_step_edit_response_cb), edit,
                         (GClosureNotify) (void (*) (void)) step_edit_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rd_plan_view_dispose (GObject *object)
{
  RdPlanView *self = RD_PLAN_VIEW (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PLAN_VIEW);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->concerns, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_plan_view_parent_class)->dispose (object);
}

static void
rd_plan_view_class_init (RdPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_plan_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, answer_row);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, check_in_row);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, criteria_row);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, error_label);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, failed_button);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, met_button);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, start_button);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, steps_30d);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, steps_48h);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, steps_90d);
  gtk_widget_class_bind_template_child (widget_class, RdPlanView, timeframe_row);
  gtk_widget_class_bind_template_callback (widget_class, on_condition_apply_cb);

  gtk_widget_class_install_action (widget_class, "plan.add-step", "s", add_step_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-step", "s", edit_step_action);
  gtk_widget_class_install_action (widget_class, "plan.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "plan.toggle-step", "s", toggle_step_action);
}

static void
rd_plan_view_init (RdPlanView *self)
{
  g_autoptr(GtkStringList) answers = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns[RD_HORIZON_48H] = self->steps_48h;
  self->columns[RD_HORIZON_30D] = self->steps_30d;
  self->columns[RD_HORIZON_90D] = self->steps_90d;

  for (guint i = 0; i < rd_customer_answer_table.n_entries; i++)
    gtk_string_list_append (answers, rd_enum_table_label (&rd_customer_answer_table, i));
  self->updating = TRUE;
  adw_combo_row_set_model (self->answer_row, G_LIST_MODEL (answers));
  self->updating = FALSE;

  for (guint h = 0; h < N_HORIZONS; h++)
    {
      GtkWidget *placeholder = gtk_label_new (_("No steps"));

      gtk_widget_add_css_class (placeholder, "dim-label");
      gtk_widget_add_css_class (placeholder, "placeholder");
      gtk_list_box_set_placeholder (self->columns[h], placeholder);
    }
}

void
rd_plan_view_set_plan (RdPlanView   *self,
                       RdPlanRecord *plan)
{
  gboolean same;

  g_return_if_fail (RD_IS_PLAN_VIEW (self));
  g_return_if_fail (plan == NULL || RD_IS_PLAN_RECORD (plan));

  same = plan != NULL && self->plan != NULL &&
         g_strcmp0 (rd_record_get_doc_id (RD_RECORD (plan)),
                    rd_record_get_doc_id (RD_RECORD (self->plan))) == 0;

  g_clear_object (&self->plan);
  if (!same)
    g_clear_pointer (&self->steps, g_ptr_array_unref);
  if (plan == NULL)
    return;

  self->plan = RD_PLAN_RECORD (rd_record_copy (RD_RECORD (plan)));
  show_error (self, NULL);
  show_plan (self);
  rd_plan_view_reload (self);
}

RdPlanRecord *
rd_plan_view_get_plan (RdPlanView *self)
{
  g_return_val_if_fail (RD_IS_PLAN_VIEW (self), NULL);

  return self->plan;
}

void
rd_plan_view_reload (RdPlanView *self)
{
  g_return_if_fail (RD_IS_PLAN_VIEW (self));

  if (get_store (self) == NULL || self->plan == NULL)
    return;

  rd_records_list_async (get_store (self), RD_TYPE_CONCERN_RECORD,
                         rd_plan_record_get_account_id (self->plan),
                         rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)), list_concerns_cb,
                         g_object_ref (self));
  rd_records_list_async (get_store (self), RD_TYPE_PLAN_STEP_RECORD,
                         rd_record_get_id (RD_RECORD (self->plan)),
                         rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)), list_steps_cb,
                         g_object_ref (self));
}

GPtrArray *
_rd_plan_view_get_steps (RdPlanView *self)
{
  return self->steps;
}
