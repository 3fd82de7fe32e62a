/* rd-account-overview-section.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-overview-section"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-account-context.h"
#include "rd-account-overview-section.h"
#include "rd-close-dialog.h"
#include "rd-document.h"
#include "rd-fold.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
#include "rd-loss-record.h"
#include "rd-plan-record.h"
#include "rd-record-store.h"
#include "rd-widget-util.h"

struct _RdAccountOverviewSection
{
  RdAccountPane      parent_instance;

  RdAccount         *account;        /* the page's, or NULL */
  GSettings         *settings;       /* the context's */
  GCancellable      *cancellable;    /* the pane's */
  RdCloseDialog     *close_dialog;   /* weak */
  RdLossRecord      *open_loss;      /* the loss not reopened yet, or NULL */
  GPtrArray         *related;        /* the delay and plan documents, as last loaded */
  RdFoldSign         fold_signs;
  guint              lifecycle_serial;
  guint              is_new : 1;

  /* template children */
  GtkLabel          *fold_label;
  GtkRevealer       *fold_revealer;
  AdwActionRow      *learned_row;
  AdwExpanderRow    *levers_row;
  RdAccountOverview *overview;
  AdwActionRow      *reopen_row;
  AdwActionRow      *close_row;
};

enum {
  PLAN_FOUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdAccountOverviewSection, rd_account_overview_section, RD_TYPE_ACCOUNT_PANE)

static RdContext *
context_of (RdAccountOverviewSection *self)
{
  return rd_account_pane_get_context (RD_ACCOUNT_PANE (self));
}

static RdStore *
store_of (RdAccountOverviewSection *self)
{
  return rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
}

/* Renewal lifecycle: plans, bridges, fold advice, lost and reopened ----- */

static char *
today_iso (RdAccountOverviewSection *self)
{
  GDate today;

  rd_context_get_today (context_of (self), &today);
  return rd_date_to_string (&today);
}

static JsonObject *
account_doc_copy (RdAccount *account)
{
  return rd_account_to_document (account);
}

/* The section, and which load this is: only the latest one is shown. */
typedef struct
{
  RdAccountOverviewSection *section;
  guint                     serial;
} LifecycleLoad;

static void
show_levers (RdAccountOverviewSection *self);

/* A reopened account shows what its last loss taught: why, to whom, and
 * the retrospective, as the context for the new attempt. */
static void
show_lesson (RdAccountOverviewSection *self,
             GPtrArray                *losses)
{
  RdLossRecord *lesson = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; losses != NULL && i < losses->len; i++)
    {
      RdLossRecord *loss = g_ptr_array_index (losses, i);

      if (rd_loss_record_get_reopened_on (loss) == NULL)
        continue;
      if (lesson == NULL ||
          g_strcmp0 (rd_loss_record_get_closed_on (loss), rd_loss_record_get_closed_on (lesson)) > 0)
        lesson = loss;
    }

  if (lesson == NULL || rd_account_get_status (self->account) == RD_STATUS_LOST)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->learned_row), FALSE);
      return;
    }

  {
    g_autofree char *date = rd_date_format (rd_loss_record_get_closed_on (lesson));
    int reason = rd_loss_record_get_reason (lesson);
    const char *label = reason >= 0 ? rd_enum_table_label (&rd_loss_reason_table, reason) : "";

    /* Translators: "Lost on 3 Mar 2026: Lost to a competitor" */
    g_string_append_printf (text, _("Lost on %s: %s"), date, label);
  }
  if (rd_loss_record_get_competitor (lesson) != NULL)
    g_string_append_printf (text, " (%s)", rd_loss_record_get_competitor (lesson));
  if (rd_loss_record_get_details (lesson) != NULL)
    g_string_append_printf (text, "\n%s", rd_loss_record_get_details (lesson));
  if (rd_loss_record_get_retrospective (lesson) != NULL)
    g_string_append_printf (text, "\n%s", rd_loss_record_get_retrospective (lesson));

  adw_action_row_set_subtitle (self->learned_row, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->learned_row), TRUE);
}

static void
lifecycle_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree LifecycleLoad *load = user_data;
  g_autoptr(RdAccountOverviewSection) self = load->section;
  g_autoptr(RdAccountContext) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) losses = NULL;
  g_autoptr(RdDelay) latest_delay = NULL;
  RdPlanRecord *latest = NULL;
  RdLossRecord *open_loss;
  RdFoldFacts facts;
  GDate today;
  gint64 dismissed;

  job = rd_account_context_load_finish (RD_STORE (object), result, &error);
  if (job != NULL)
    plans = rd_records_new_from_documents (job->plans, &error);
  if (plans != NULL)
    losses = rd_records_new_from_documents (job->losses, &error);
  if (losses == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the renewal plan and bridges: %s", error->message);
      return;
    }
  if (self->account == NULL || g_strcmp0 (job->account_id, rd_account_get_id (self->account)) != 0 ||
      load->serial != self->lifecycle_serial)
    return;

  rd_context_get_today (context_of (self), &today);

  /* The newest plan is the one shown. */
  for (guint i = 0; i < plans->len; i++)
    {
      RdPlanRecord *plan = g_ptr_array_index (plans, i);
      const char *started = rd_plan_record_get_started_on (plan);
      const char *newest = latest != NULL ? rd_plan_record_get_started_on (latest) : NULL;

      if (latest == NULL || g_strcmp0 (started != NULL ? started : "", newest != NULL ? newest : "") >= 0)
        latest = plan;
    }
  /* A new plan starts from the latest open delay's cause. */
  for (guint i = 0; i < job->delays->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (job->delays, i);
      g_autoptr(RdDelay) delay = rd_delay_new_from_document (doc, NULL);
      const char *communicated, *newest;

      if (delay == NULL || rd_delay_get_status (delay) == RD_DELAY_STATUS_RESOLVED)
        continue;
      communicated = rd_delay_get_communicated_on (delay);
      newest = latest_delay != NULL ? rd_delay_get_communicated_on (latest_delay) : NULL;
      if (latest_delay == NULL ||
          g_strcmp0 (communicated != NULL ? communicated : "", newest != NULL ? newest : "") >= 0)
        g_set_object (&latest_delay, delay);
    }
  g_signal_emit (self, signals[PLAN_FOUND], 0, latest,
                 latest_delay != NULL ? rd_delay_get_id (latest_delay) : NULL,
                 latest_delay != NULL && rd_delay_get_cause (latest_delay) >= 0
                 ? rd_delay_get_cause (latest_delay)
                 : (int) RD_CAUSE_HIDDEN_PROBLEM);

  open_loss = rd_loss_record_find_open (losses);
  g_set_object (&self->open_loss, open_loss);
  gtk_widget_set_visible (GTK_WIDGET (self->reopen_row),
                          rd_lifecycle_can_reopen (self->account,
                                                   open_loss != NULL
                                                   ? rd_record_get_document (RD_RECORD (open_loss))
                                                   : NULL));

  /* What closing, renewing or not renewing must close with the account. */
  g_clear_pointer (&self->related, g_ptr_array_unref);
  self->related = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < job->delays->len; i++)
    g_ptr_array_add (self->related, json_object_ref (g_ptr_array_index (job->delays, i)));
  for (guint i = 0; i < job->plans->len; i++)
    g_ptr_array_add (self->related, json_object_ref (g_ptr_array_index (job->plans, i)));
  if (self->open_loss != NULL && rd_loss_record_get_reengage_on (self->open_loss) != NULL)
    {
      g_autofree char *date = rd_date_format (rd_loss_record_get_reengage_on (self->open_loss));
      /* Translators: "Planned for 30 Apr 2026: the lost account's context stays at hand" */
      g_autofree char *subtitle = g_strdup_printf (_("Planned for %s; the loss record and history stay with the account"), date);

      adw_action_row_set_subtitle (self->reopen_row, subtitle);
    }
  else if (self->open_loss != NULL)
    adw_action_row_set_subtitle (self->reopen_row, NULL);

  show_lesson (self, losses);

  /* Fold advice, unless these very signs were dismissed.  A shopping delay
   * with no sign to fold is a save (full intervention), not a let-go. */
  rd_fold_facts_from_documents (job->delays, job->plans, job->steps, job->bridges, &today, &facts);
  self->fold_signs = rd_fold_evaluate (&facts, self->settings != NULL
                                                ? g_settings_get_int (self->settings, "fold-no-response-days")
                                                : RD_FOLD_DEFAULT_NO_RESPONSE_DAYS);
  dismissed = rd_account_get_fold_dismissed (self->account);
  if (rd_account_get_status (self->account) == RD_STATUS_ACTIVE &&
      rd_fold_advise (&facts, self->fold_signs) == RD_FOLD_ADVICE_LET_GO &&
      (self->fold_signs & ~dismissed) != 0)
    {
      g_autofree char *signs = rd_fold_describe (self->fold_signs);
      /* Translators: the fold advice banner; %s lists the signs */
      g_autofree char *text = g_strdup_printf (_("It may be time to let go: %s."), signs);

      gtk_label_set_text (self->fold_label, text);
      gtk_revealer_set_reveal_child (self->fold_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->fold_revealer, FALSE);
}

/* A lost account is closed already: it can be reopened, not lost again. */
static void
show_close (RdAccountOverviewSection *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->close_row),
                          self->account != NULL &&
                          rd_account_get_status (self->account) != RD_STATUS_LOST);
}

static void
load_lifecycle (RdAccountOverviewSection *self)
{
  LifecycleLoad *load;

  if (store_of (self) == NULL || self->account == NULL || self->is_new)
    return;

  load = g_new0 (LifecycleLoad, 1);
  load->section = g_object_ref (self);
  load->serial = ++self->lifecycle_serial;
  rd_account_context_load_async (store_of (self), rd_account_get_id (self->account), self->cancellable,
                                 lifecycle_cb, load);
}

static void
put_docs_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RdAccountOverviewSection) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_put_documents_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = g_strdup_printf (_("Could not save: %s"), error->message);

      rd_widget_show_toast (GTK_WIDGET (self), title);
    }
}

static void
put_docs (RdAccountOverviewSection *self,
          GPtrArray                *docs)
{
  rd_store_put_documents_async (store_of (self), docs, self->cancellable, put_docs_cb, g_object_ref (self));
}

static void
dismiss_fold (RdAccountOverviewSection *self)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(RdAccount) copy = NULL;

  if (self->account == NULL)
    return;
  gtk_revealer_set_reveal_child (self->fold_revealer, FALSE);
  /* Remembered per account: the banner comes back only for new signs. */
  copy = rd_account_copy (self->account);
  rd_account_set_fold_dismissed (copy, self->fold_signs);
  g_ptr_array_add (docs, rd_account_to_document (copy));
  put_docs (self, docs);
}

typedef struct
{
  RdAccountOverviewSection *self;
  JsonObject    *before;     /* the account document before closing */
  char          *loss_id;
} CloseUndo;

static void
close_undo_free (gpointer data)
{
  CloseUndo *undo = data;

  g_clear_object (&undo->self);
  g_clear_pointer (&undo->before, json_object_unref);
  g_free (undo->loss_id);
  g_free (undo);
}

static void
on_close_undo_cb (AdwToast  *toast_,
                  CloseUndo *undo)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();

  if (store_of (undo->self) == NULL)
    return;
  rd_store_delete_document_async (store_of (undo->self), undo->loss_id, NULL, NULL, NULL);
  g_ptr_array_add (docs, undo->before);
  put_docs (undo->self, docs);
}

static void
on_close_dialog_response_cb (RdCloseDialog            *dialog,
                             const char               *response,
                             RdAccountOverviewSection *self)
{
  GPtrArray *docs;
  g_autoptr(RdRecord) loss = NULL;
  GtkWidget *overlay;
  CloseUndo *undo;
  AdwToast *close_toast;

  if (g_strcmp0 (response, "close") != 0 || (docs = rd_close_dialog_get_documents (dialog)) == NULL)
    return;

  /* [loss, account] */
  loss = rd_record_new_from_document (g_ptr_array_index (docs, 0), NULL);
  g_return_if_fail (RD_IS_LOSS_RECORD (loss));

  undo = g_new0 (CloseUndo, 1);
  undo->self = g_object_ref (self);
  undo->before = account_doc_copy (self->account);
  undo->loss_id = g_strdup (rd_record_get_doc_id (loss));
  put_docs (self, docs);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  close_toast = rd_toast_new (_("Closed as lost"));
  adw_toast_set_button_label (close_toast, _("_Undo"));
  g_signal_connect_data (close_toast, "button-clicked", G_CALLBACK (on_close_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) close_undo_free, 0);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), close_toast);
  else
    g_object_unref (g_object_ref_sink (close_toast));
}

static void
close_lost (RdAccountOverviewSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RdCloseDialog *dialog;

  if (context_of (self) == NULL || self->account == NULL)
    return;

  dialog = rd_close_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, context_of (self),
                                self->account, self->related);
  g_set_weak_pointer (&self->close_dialog, dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A reopened account starts a fresh term today, as long as its last one
 * (a year when that is unknown); the dates stay editable on the page. */
static char *
reopen_target_end (RdAccount   *account,
                   const GDate *today)
{
  g_autofree char *from = rd_date_to_string (today);

  return rd_lifecycle_next_term_end (rd_account_get_contract_start (account),
                                     rd_account_get_contract_end (account), from);
}

static void
on_reopen_response_cb (AdwMessageDialog         *dialog,
                       const char               *response,
                       RdAccountOverviewSection *self)
{
  AdwEntryRow *date_row = g_object_get_data (G_OBJECT (dialog), "date-row");
  AdwEntryRow *value_row = g_object_get_data (G_OBJECT (dialog), "value-row");
  g_autofree char *target_end = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 value = -1;
  GDate today;

  if (g_strcmp0 (response, "reopen") != 0 || context_of (self) == NULL || self->open_loss == NULL ||
      self->account == NULL)
    return;

  rd_context_get_today (context_of (self), &today);
  target_end = rd_date_normalize (gtk_editable_get_text (GTK_EDITABLE (date_row)), NULL);
  if (*gtk_editable_get_text (GTK_EDITABLE (value_row)) != '\0' &&
      !rd_money_parse (gtk_editable_get_text (GTK_EDITABLE (value_row)),
                       rd_account_get_currency (self->account), &value, &error))
    {
      rd_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  docs = rd_lifecycle_reopen (self->account, rd_record_get_document (RD_RECORD (self->open_loss)),
                              &today, target_end, value, &error);
  if (docs == NULL)
    {
      rd_widget_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  put_docs (self, docs);
  rd_widget_show_toast (GTK_WIDGET (self), _("Reopened as a new opportunity"));
}

/* Asks for the new opportunity's target date and value, proposing a term as
 * long as the last one and the same value. */
static void
reopen (RdAccountOverviewSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *target_end = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *value_text = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *date_row;
  GtkWidget *value_row;
  GDate today;

  if (context_of (self) == NULL || self->open_loss == NULL || self->account == NULL)
    return;

  rd_context_get_today (context_of (self), &today);
  target_end = reopen_target_end (self->account, &today);
  target_text = rd_date_format (target_end);
  value_text = rd_money_format_number (rd_account_get_annual_value_minor (self->account),
                                       rd_account_get_currency (self->account));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Reopen as New Opportunity"),
                                   _("A new term starts today. The loss and its lessons stay "
                                     "with the account."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  date_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date_row), _("Target Date"));
  gtk_editable_set_text (GTK_EDITABLE (date_row), target_text);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (date_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), date_row);
  value_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (value_row), _("Annual Value"));
  gtk_editable_set_text (GTK_EDITABLE (value_row), value_text);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (value_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), value_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "date-row", date_row);
  g_object_set_data (G_OBJECT (dialog), "value-row", value_row);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reopen", _("_Reopen"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reopen",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reopen");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reopen_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_three_options_response_cb (AdwMessageDialog         *dialog,
                              const char               *response,
                              RdAccountOverviewSection *self)
{
  int choice = rd_enum_table_lookup (&rd_renewal_choice_table, response);
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  if (choice < 0 || self->account == NULL || context_of (self) == NULL)
    return;
  today = today_iso (self);
  docs = rd_lifecycle_choose (self->account, choice, today, NULL, self->related);
  put_docs (self, docs);
}

static void
three_options (RdAccountOverviewSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->account == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Three Options"),
                                   _("Put the decision simply: keep what they have, get more for "
                                     "their money, or part on good terms. Their choice sets the "
                                     "account's status; “do not renew” counts as expected churn, "
                                     "out of the committed forecast but still in view."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "do_not_renew", _("_Do Not Renew"),
                                    "renew_expansion", _("Renew with _Expansion"),
                                    "renew_current", _("Renew _Current Scope"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "do_not_renew",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "renew_current",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_three_options_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toggle_lever (RdAccountOverviewSection *self,
              const char               *lever)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(RdAccount) copy = rd_account_copy (self->account);
  g_auto(GStrv) old = rd_account_dup_levers_offered (copy);
  g_autoptr(GStrvBuilder) levers = g_strv_builder_new ();
  g_auto(GStrv) now = NULL;
  gboolean found = FALSE;

  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    {
      if (g_str_equal (old[i], lever))
        found = TRUE;
      else
        g_strv_builder_add (levers, old[i]);
    }
  if (!found)
    g_strv_builder_add (levers, lever);
  now = g_strv_builder_end (levers);
  rd_account_set_levers_offered (copy, (const char * const *) now);
  g_ptr_array_add (docs, rd_account_to_document (copy));
  put_docs (self, docs);
}

static void
show_levers (RdAccountOverviewSection *self)
{
  g_auto(GStrv) toolkit = NULL;
  g_auto(GStrv) offered = NULL;
  guint n_offered = 0;
  g_autofree char *subtitle = NULL;

  for (GList *l = g_object_get_data (G_OBJECT (self->levers_row), "rows"); l != NULL; l = l->next)
    adw_expander_row_remove (self->levers_row, l->data);
  g_object_set_data (G_OBJECT (self->levers_row), "rows", NULL);

  if (self->account == NULL || self->settings == NULL)
    return;

  toolkit = g_settings_get_strv (self->settings, "negotiation-levers");
  offered = rd_account_dup_levers_offered (self->account);

  for (guint i = 0; toolkit[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean active = FALSE;

      active = offered != NULL && g_strv_contains ((const char * const *) offered, toolkit[i]);
      n_offered += active;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), toolkit[i]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      rd_check_button_set_action (check, "account.toggle-lever", toolkit[i]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->levers_row, row);
      g_object_set_data_full (G_OBJECT (self->levers_row), "rows",
                              g_list_prepend (g_object_steal_data (G_OBJECT (self->levers_row), "rows"), row),
                              (GDestroyNotify) g_list_free);
    }

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u offered, from the negotiation toolkit",
                                           "%u offered, from the negotiation toolkit", n_offered), n_offered);
  adw_expander_row_set_subtitle (self->levers_row, subtitle);
}

/* The levers follow the toolkit in Preferences. */
static void
on_context_changed_cb (RdAccountOverviewSection *self,
                       GParamSpec               *pspec,
                       gpointer                  user_data)
{
  RdContext *context = context_of (self);

  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->overview), context);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, show_levers, self);
  g_set_object (&self->settings, (context != NULL ? rd_context_get_settings (context) : NULL));
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::negotiation-levers",
                             G_CALLBACK (show_levers), self, G_CONNECT_SWAPPED);
}

static void
rd_account_overview_section_dispose (GObject *object)
{
  RdAccountOverviewSection *self = RD_ACCOUNT_OVERVIEW_SECTION (object);

  if (self->close_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->close_dialog));
  g_clear_weak_pointer (&self->close_dialog);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, show_levers, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->open_loss);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  /* AdwBin owns the template's root child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACCOUNT_OVERVIEW_SECTION);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (rd_account_overview_section_parent_class)->dispose (object);
}

static void
rd_account_overview_section_class_init (RdAccountOverviewSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_account_overview_section_dispose;

  /* The newest plan (or NULL), and the latest open delay's id (or NULL)
   * and cause, which a new plan starts from. */
  signals[PLAN_FOUND] = g_signal_new ("plan-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                      RD_TYPE_PLAN_RECORD, G_TYPE_STRING, G_TYPE_INT);

  g_type_ensure (RD_TYPE_ACCOUNT_OVERVIEW);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/renewaldesk/RenewalDesk/ui/rd-account-overview-section.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverviewSection, fold_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverviewSection, fold_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverviewSection, learned_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverviewSection, levers_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverviewSection, overview);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverviewSection, reopen_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverviewSection, close_row);
}

static void
rd_account_overview_section_init (RdAccountOverviewSection *self)
{
  self->cancellable = rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self));

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A hidden banner takes no room (nor the box's spacing) above the overview. */
  g_object_bind_property (self->fold_revealer, "reveal-child", self->fold_revealer, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect (self, "notify::context", G_CALLBACK (on_context_changed_cb), NULL);
}

/* Public API ------------------------------------------------------------- */

void
rd_account_overview_section_set_account (RdAccountOverviewSection *self,
                                         RdAccount                *account,
                                         gboolean                  is_new)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW_SECTION (self));
  g_return_if_fail (account == NULL || RD_IS_ACCOUNT (account));

  g_set_object (&self->account, account);
  self->is_new = !!is_new;
  gtk_revealer_set_reveal_child (self->fold_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reopen_row), FALSE);
  show_close (self);
  show_levers (self);
  load_lifecycle (self);
  rd_account_overview_set_account (self->overview, self->is_new ? NULL : self->account);
}

void
rd_account_overview_section_update_account (RdAccountOverviewSection *self,
                                            RdAccount                *account)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW_SECTION (self));
  g_return_if_fail (RD_IS_ACCOUNT (account));

  /* Only a stored account is refreshed. */
  g_set_object (&self->account, account);
  self->is_new = FALSE;
  rd_account_overview_set_account (self->overview, self->account);
  show_close (self);
  show_levers (self);
  load_lifecycle (self);
}

void
rd_account_overview_section_set_delays (RdAccountOverviewSection *self,
                                        GListModel               *delays)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW_SECTION (self));

  rd_account_overview_set_delays (self->overview, delays);
}

void
rd_account_overview_section_reload (RdAccountOverviewSection *self,
                                    gboolean                  reminders_only)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW_SECTION (self));

  if (!reminders_only)
    load_lifecycle (self);
  rd_account_overview_reload (self->overview);
}

gboolean
rd_account_overview_section_focus_action (RdAccountOverviewSection *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_OVERVIEW_SECTION (self), FALSE);

  return rd_account_overview_focus_action (self->overview);
}

void
rd_account_overview_section_dismiss_fold (RdAccountOverviewSection *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW_SECTION (self));

  dismiss_fold (self);
}

void
rd_account_overview_section_close_lost (RdAccountOverviewSection *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW_SECTION (self));

  close_lost (self);
}

void
rd_account_overview_section_reopen (RdAccountOverviewSection *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW_SECTION (self));

  reopen (self);
}

void
rd_account_overview_section_three_options (RdAccountOverviewSection *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW_SECTION (self));

  three_options (self);
}

void
rd_account_overview_section_toggle_lever (RdAccountOverviewSection *self,
                                          const char               *lever)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW_SECTION (self));
  g_return_if_fail (lever != NULL);

  toggle_lever (self, lever);
}

GtkWindow *
_rd_account_overview_section_get_close_dialog (RdAccountOverviewSection *self)
{
  return self->close_dialog ? GTK_WINDOW (self->close_dialog) : NULL;
}
