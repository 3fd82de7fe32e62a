/* rd-account-page.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-page"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "rd-account-context.h"
#include "rd-account-overview.h"
#include "rd-account-page.h"
#include "rd-account-history.h"
#include "rd-account-delays.h"
#include "rd-account-details.h"
#include "rd-account-page-private.h"
#include "rd-account-plan-section.h"
#include "rd-account-stakeholders.h"
#include "rd-close-dialog.h"
#include "rd-fold.h"
#include "rd-lifecycle.h"
#include "rd-plan.h"
#include "rd-contact-dialog.h"
#include "rd-delay-editor.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-loss-record.h"
#include "rd-plan-record.h"
#include "rd-record-store.h"
#include "rd-widget-util.h"

struct _RdAccountPage
{
  AdwBin             parent_instance;

  RdContext         *context;
  RdStore           *store;          /* the context's */
  GSettings         *settings;       /* the context's */
  GCancellable      *cancellable;
  RdAccount         *account;        /* owned copy, the edited state */
  RdDelayEditor     *editor;         /* weak */
  RdCloseDialog     *close_dialog;   /* weak */
  GtkWidget         *scroll_target;  /* a template child to bring into view */
  RdLossRecord      *open_loss;      /* the loss not reopened yet, or NULL */
  GPtrArray         *related;        /* the delay and plan documents, as last loaded */
  RdFoldSign         fold_signs;
  guint              lifecycle_serial;
  guint              is_new : 1;
  guint              focus_on_map : 1;

  /* template children */
  AdwActionRow      *learned_row;
  GtkLabel          *fold_label;
  GtkRevealer       *fold_revealer;
  AdwExpanderRow    *levers_row;
  AdwActionRow      *reopen_row;
  RdAccountOverview *overview;
  RdAccountPlanSection *plan_section;
  RdAccountDetails  *details;
  RdAccountDelays   *delays;
  RdAccountHistory  *history;
  RdAccountStakeholders *stakeholders;
  AdwViewStack      *view_stack;
  GtkWidget         *narrow_switcher;
  GtkWidget         *wide_switcher;
};

/* The sections, in the switcher's order; Alt+1… shows them. */
static const char * const section_names[] = {
  "overview", "details", "delays", "plan", "stakeholders", "history",
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_TITLE,
  PROP_IS_NEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdAccountPage, rd_account_page, ADW_TYPE_BIN)


/* Sections ----------------------------------------------------------------- */

static GtkWidget *
section_child (RdAccountPage *self,
               const char    *name)
{
  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

/* Brings a widget of a section into view once the section has its size. */
static gboolean
scroll_to_target_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);
  GtkWidget *scroller;
  graphene_rect_t bounds;

  if (self->scroll_target == NULL)
    return G_SOURCE_REMOVE;
  if (!gtk_widget_get_mapped (self->scroll_target))
    return G_SOURCE_CONTINUE;

  scroller = gtk_widget_get_ancestor (self->scroll_target, GTK_TYPE_SCROLLED_WINDOW);
  if (scroller != NULL &&
      gtk_widget_compute_bounds (self->scroll_target,
                                 gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                 &bounds))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                              bounds.origin.y - 12);
  self->scroll_target = NULL;
  return G_SOURCE_REMOVE;
}

static GtkWidget *
find_active_toggle (GtkWidget *widget)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_active_toggle (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The switcher's button of the section shown takes the focus. */
static void
focus_switcher (RdAccountPage *self)
{
  GtkWidget *switcher = gtk_widget_get_mapped (self->wide_switcher) ? self->wide_switcher
                                                                     : self->narrow_switcher;
  GtkWidget *button = find_active_toggle (switcher);

  if (button != NULL)
    gtk_widget_grab_focus (button);
}

/* Shows the section @name; "bridges" is the plan's section, scrolled to
 * the bridge options. */
static void
show_section (RdAccountPage *self,
              const char    *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  /* Hiding the focused section would pass the focus on to the new one's
   * first field (see on_section_changed_cb): take it out first. */
  const char *shown = g_strcmp0 (name, "bridges") == 0 ? "plan" : name;

  if (section_child (self, shown) == NULL)
    return;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->view_stack)) &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), shown) != 0)
    focus_switcher (self);
  adw_view_stack_set_visible_child_name (self->view_stack, shown);
  if (shown != name)
    {
      self->scroll_target = rd_account_plan_section_get_bridges (self->plan_section);
      gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_target_cb, NULL, NULL);
    }
}

/* Delays ------------------------------------------------------------------ */

static void
open_delay_editor (RdAccountPage *self,
                   RdDelay       *delay)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GPtrArray) contacts = NULL;
  GListModel *model;
  RdDelayEditor *editor;

  if (self->store == NULL || self->account == NULL)
    return;
  if (self->is_new)
    {
      rd_account_details_ask_for_name (self->details);
      return;
    }
  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  contacts = g_ptr_array_new_with_free_func (g_object_unref);
  model = rd_account_stakeholders_get_contacts (self->stakeholders);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (contacts, g_list_model_get_item (model, i));
  editor = rd_delay_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                self->store, self->account, contacts, delay);
  g_set_weak_pointer (&self->editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  rd_account_stakeholders_edit_contact (self->stakeholders, g_variant_get_string (parameter, NULL));
}

static void
delete_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  /* The window undoes the deletion: Ctrl+Z passes it on when it is the
   * last thing done here. */
  rd_account_details_push_foreign_undo (self->details);
  gtk_widget_activate_action_variant (widget, "window.delete-contact", parameter);
}

static void
log_delay_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_delay_editor (RD_ACCOUNT_PAGE (widget), NULL);
}

static void
open_delay_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);
  RdDelay *delay = rd_account_delays_find_delay (self->delays, g_variant_get_string (parameter, NULL));

  if (delay != NULL)
    open_delay_editor (self, delay);
}

static void
delete_delay_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  rd_account_delays_delete_delay (self->delays, g_variant_get_string (parameter, NULL));
}

/* Signal callbacks ------------------------------------------------------- */

/* A stack whose shown child had the focus passes it to the new child's
 * first widget that takes it, often an entry, which then selects all its
 * text: a keystroke would replace the name.  The switcher keeps the focus
 * instead, and the entry its text unselected. */
static void
on_section_changed_cb (RdAccountPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  g_assert (RD_IS_ACCOUNT_PAGE (self));

  if (focus == NULL || child == NULL || !gtk_widget_is_ancestor (focus, child))
    return;

  if (GTK_IS_EDITABLE (focus))
    gtk_editable_select_region (GTK_EDITABLE (focus), 0, 0);
  focus_switcher (self);
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  /* Where the new stakeholder will show. */
  if (self->account != NULL && !self->is_new)
    show_section (self, "stakeholders");
  if (self->account == NULL)
    return;
  if (self->is_new)
    {
      rd_account_details_ask_for_name (self->details);
      return;
    }
  rd_account_stakeholders_add_contact (self->stakeholders);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_section (RD_ACCOUNT_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* Ctrl+Z anywhere on the page: the fields' saved changes first. */
static gboolean
undo_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  return rd_account_details_undo (RD_ACCOUNT_PAGE (widget)->details);
}

/* A new account was written for the first time. */
static void
on_details_is_new_cb (RdAccountPage    *self,
                      GParamSpec       *pspec,
                      RdAccountDetails *details)
{
  g_assert (RD_IS_ACCOUNT_PAGE (self));

  if (self->is_new == rd_account_details_get_is_new (details))
    return;
  self->is_new = rd_account_details_get_is_new (details);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_NEW]);
}

static void
on_details_name_changed_cb (RdAccountPage    *self,
                            RdAccountDetails *details)
{
  g_assert (RD_IS_ACCOUNT_PAGE (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* A field of the details shows an error: the section shows. */
static void
on_details_reveal_cb (RdAccountPage    *self,
                      RdAccountDetails *details)
{
  g_assert (RD_IS_ACCOUNT_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "details");
}

/* Renewal lifecycle: plans, bridges, fold advice, lost and reopened ----- */

static char *
today_iso (RdAccountPage *self)
{
  GDate today;

  rd_context_get_today (self->context, &today);
  return rd_date_to_string (&today);
}

static JsonObject *
account_doc_copy (RdAccount *account)
{
  return rd_account_to_document (account);
}

/* The page, and which load this is: only the latest one is shown. */
typedef struct
{
  RdAccountPage *page;
  guint          serial;
} LifecycleLoad;

static void
show_levers (RdAccountPage *self);

/* A reopened account shows what its last loss taught: why, to whom, and
 * the retrospective, as the context for the new attempt. */
static void
show_lesson (RdAccountPage *self,
             GPtrArray     *losses)
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
  g_autoptr(RdAccountPage) self = load->page;
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

  rd_context_get_today (self->context, &today);

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
  rd_account_plan_section_show_plan (self->plan_section, latest,
                                     latest_delay != NULL ? rd_delay_get_id (latest_delay) : NULL,
                                     latest_delay != NULL && rd_delay_get_cause (latest_delay) >= 0
                                     ? (RdCause) rd_delay_get_cause (latest_delay)
                                     : RD_CAUSE_HIDDEN_PROBLEM);

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

static void
load_lifecycle (RdAccountPage *self)
{
  LifecycleLoad *load;

  if (self->store == NULL || self->account == NULL || self->is_new)
    return;

  load = g_new0 (LifecycleLoad, 1);
  load->page = g_object_ref (self);
  load->serial = ++self->lifecycle_serial;
  rd_account_context_load_async (self->store, rd_account_get_id (self->account), self->cancellable,
                                 lifecycle_cb, load);
}

static void
refresh_account_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RdAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) fresh = rd_store_get_account_finish (RD_STORE (object), result, &error);

  if (fresh == NULL || self->account == NULL ||
      g_strcmp0 (rd_account_get_id (fresh), rd_account_get_id (self->account)) != 0)
    return;

  /* Every field edit is saved at once, so the stored account is the
   * page's state plus what other writers (bridges, closing, renewing,
   * reopening, sync) changed: show all of it, except the field the user is
   * typing in, which keeps what they typed. */
  g_set_object (&self->account, fresh);
  rd_account_details_refresh (self->details, self->account);
  rd_account_delays_update_account (self->delays, self->account);
  rd_account_plan_section_update_account (self->plan_section, self->account);
  rd_account_overview_set_account (self->overview, self->account);
  show_levers (self);
  load_lifecycle (self);
}

static void
refresh_account (RdAccountPage *self)
{
  rd_store_get_account_async (self->store, rd_account_get_id (self->account), self->cancellable,
                              refresh_account_cb, g_object_ref (self));
}

static void
put_docs_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RdAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rd_store_put_documents_finish (RD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = g_strdup_printf (_("Could not save: %s"), error->message);

      rd_widget_show_toast (GTK_WIDGET (self), title);
    }
}

static void
put_docs (RdAccountPage *self,
          GPtrArray     *docs)
{
  rd_store_put_documents_async (self->store, docs, self->cancellable, put_docs_cb, g_object_ref (self));
}

static void
start_plan_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);
  g_autofree char *today = NULL;

  if (self->store == NULL || self->account == NULL || self->is_new)
    return;

  today = today_iso (self);
  rd_account_plan_section_start_plan (self->plan_section, today);
}

static void
on_dismiss_fold (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);
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
  RdAccountPage *self;
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

  if (undo->self->store == NULL)
    return;
  rd_store_delete_document_async (undo->self->store, undo->loss_id, NULL, NULL, NULL);
  g_ptr_array_add (docs, undo->before);
  put_docs (undo->self, docs);
}

static void
on_close_dialog_response_cb (RdCloseDialog *dialog,
                             const char    *response,
                             RdAccountPage *self)
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
  close_toast = adw_toast_new (_("Closed as lost"));
  adw_toast_set_button_label (close_toast, _("_Undo"));
  g_signal_connect_data (close_toast, "button-clicked", G_CALLBACK (on_close_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) close_undo_free, 0);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), close_toast);
  else
    g_object_unref (g_object_ref_sink (close_toast));
}

static void
close_lost_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  RdCloseDialog *dialog;

  if (self->context == NULL || self->account == NULL || self->is_new)
    return;

  dialog = rd_close_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context,
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
  int length = rd_lifecycle_term_days (rd_account_get_contract_start (account),
                                       rd_account_get_contract_end (account));

  return rd_date_shift (from, length - 1);
}

static void
on_reopen_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       RdAccountPage    *self)
{
  AdwEntryRow *date_row = g_object_get_data (G_OBJECT (dialog), "date-row");
  AdwEntryRow *value_row = g_object_get_data (G_OBJECT (dialog), "value-row");
  g_autofree char *target_end = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 value = -1;
  GDate today;

  if (g_strcmp0 (response, "reopen") != 0 || self->context == NULL || self->open_loss == NULL ||
      self->account == NULL)
    return;

  rd_context_get_today (self->context, &today);
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
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *target_end = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *value_text = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *date_row;
  GtkWidget *value_row;
  GDate today;

  if (self->context == NULL || self->open_loss == NULL || self->account == NULL)
    return;

  rd_context_get_today (self->context, &today);
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
on_three_options_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              RdAccountPage    *self)
{
  int choice = rd_enum_table_lookup (&rd_renewal_choice_table, response);
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  if (choice < 0 || self->account == NULL || self->context == NULL)
    return;
  today = today_iso (self);
  docs = rd_lifecycle_choose (self->account, choice, today, NULL, self->related);
  put_docs (self, docs);
}

static void
three_options_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->account == NULL || self->is_new)
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
toggle_lever_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);
  const char *lever = g_variant_get_string (parameter, NULL);
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
show_levers (RdAccountPage *self)
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

static void
on_store_changed_cb (RdAccountPage *self,
                     const char    *type,
                     const char    *id,
                     RdStore       *store)
{
  g_assert (RD_IS_ACCOUNT_PAGE (self));

  if (self->account == NULL || self->is_new)
    return;

  if (id == NULL || g_strcmp0 (type, "contact") == 0)
    {
      rd_account_stakeholders_reload (self->stakeholders);
      rd_account_delays_reload (self->delays);
      rd_account_history_reload (self->history);
      rd_account_plan_section_reload_bridges (self->plan_section);
      rd_account_plan_section_reload_concerns (self->plan_section);
    }
  else if (g_strcmp0 (type, "delay") == 0)
    {
      rd_account_delays_reload (self->delays);
      rd_account_history_reload (self->history);
    }
  else if (g_strcmp0 (type, "account") == 0 && g_strcmp0 (id, rd_account_get_id (self->account)) == 0)
    {
      /* The contract end may have moved: it is the timeline's deadline. */
      rd_account_delays_update_account (self->delays, self->account);
      rd_account_history_reload (self->history);
      /* A bridge or closing may have changed the effective end or status. */
      refresh_account (self);
      return;
    }
  else if (g_strcmp0 (type, "bridge") == 0)
    {
      rd_account_plan_section_reload_bridges (self->plan_section);
      rd_account_history_reload (self->history);
    }
  else if (g_strcmp0 (type, "concern") == 0)
    {
      rd_account_plan_section_reload_concerns (self->plan_section);
      rd_account_plan_section_reload_plan (self->plan_section);
    }
  else if (g_strcmp0 (type, "plan_step") == 0)
    {
      rd_account_plan_section_reload_plan (self->plan_section);
      rd_account_history_reload (self->history);
    }
  else if (g_strcmp0 (type, "plan") == 0 || g_strcmp0 (type, "loss") == 0)
    rd_account_history_reload (self->history);
  else if (g_strcmp0 (type, "reminder") == 0)
    {
      rd_account_overview_reload (self->overview);
      return;
    }
  else
    return;

  load_lifecycle (self);
  rd_account_overview_reload (self->overview);
}

static void
set_store (RdAccountPage *self,
           RdStore       *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

/* An account opens on its overview, every section scrolled to the top,
 * with focus on the overview's recommended action: never in a field,
 * where the first keystroke would replace the name. */
static void
reset_sections (RdAccountPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (section_child (self, section_names[i]));

      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), 0);
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  self->scroll_target = NULL;

  self->focus_on_map = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->focus_on_map)
    rd_account_overview_focus_action (self->overview);
}

/* GObject ---------------------------------------------------------------- */

static gboolean
focus_overview_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  if (self->focus_on_map)
    {
      self->focus_on_map = FALSE;
      rd_account_overview_focus_action (self->overview);
    }
  return G_SOURCE_REMOVE;
}

static void
rd_account_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rd_account_page_parent_class)->map (widget);

  /* On the next frame: a stack that shows the page passes the focus it
   * had on to the page's first widget after mapping it. */
  if (RD_ACCOUNT_PAGE (widget)->focus_on_map)
    gtk_widget_add_tick_callback (widget, focus_overview_cb, NULL, NULL);
}

static void
rd_account_page_dispose (GObject *object)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (object);

  /* Not while the page goes: its window flushes it before. */
  rd_account_details_stop (self->details);
  g_cancellable_cancel (self->cancellable);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);
  if (self->close_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->close_dialog));
  g_clear_weak_pointer (&self->close_dialog);
  g_clear_object (&self->settings);
  g_clear_object (&self->open_loss);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  /* AdwBin owns the template's root child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACCOUNT_PAGE);
  g_clear_object (&self->account);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_account_page_parent_class)->dispose (object);
}

static void
rd_account_page_finalize (GObject *object)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rd_account_page_parent_class)->finalize (object);
}

static void
rd_account_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_TITLE:
      g_value_set_string (value, rd_account_page_get_title (self));
      break;
    case PROP_IS_NEW:
      g_value_set_boolean (value, self->is_new);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_account_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      rd_account_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_account_page_class_init (RdAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_account_page_dispose;
  object_class->finalize = rd_account_page_finalize;
  object_class->get_property = rd_account_page_get_property;
  object_class->set_property = rd_account_page_set_property;
  widget_class->map = rd_account_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_NEW] =
    g_param_spec_boolean ("is-new", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_ACCOUNT_DELAYS);
  g_type_ensure (RD_TYPE_ACCOUNT_DETAILS);
  g_type_ensure (RD_TYPE_ACCOUNT_HISTORY);
  g_type_ensure (RD_TYPE_ACCOUNT_OVERVIEW);
  g_type_ensure (RD_TYPE_ACCOUNT_PLAN_SECTION);
  g_type_ensure (RD_TYPE_ACCOUNT_STAKEHOLDERS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, delays);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, details);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, fold_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, learned_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, fold_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, history);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, levers_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, narrow_switcher);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, overview);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, plan_section);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, reopen_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, stakeholders);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, wide_switcher);
  gtk_widget_class_bind_template_callback (widget_class, on_details_is_new_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_reveal_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_section_changed_cb);

  gtk_widget_class_install_action (widget_class, "account.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "account.close-lost", NULL, close_lost_action);
  gtk_widget_class_install_action (widget_class, "account.delete-contact", "(ss)", delete_contact_action);
  gtk_widget_class_install_action (widget_class, "account.delete-delay", "s", delete_delay_action);
  gtk_widget_class_install_action (widget_class, "account.dismiss-fold", NULL, on_dismiss_fold);
  gtk_widget_class_install_action (widget_class, "account.edit-contact", "s", edit_contact_action);
  gtk_widget_class_install_action (widget_class, "account.log-delay", NULL, log_delay_action);
  gtk_widget_class_install_action (widget_class, "account.open-delay", "s", open_delay_action);
  gtk_widget_class_install_action (widget_class, "account.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "account.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "account.start-plan", NULL, start_plan_action);
  gtk_widget_class_install_action (widget_class, "account.three-options", NULL, three_options_action);
  gtk_widget_class_install_action (widget_class, "account.toggle-lever", "s", toggle_lever_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "account.log-delay", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "account.show-section", "s", section_names[i]);
}

static void
rd_account_page_init (RdAccountPage *self)
{
  GtkEventController *shortcuts;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  rd_account_overview_set_delays (self->overview, rd_account_delays_get_delays (self->delays));
  /* A hidden banner takes no room (nor the box's spacing) above the overview. */
  g_object_bind_property (self->fold_revealer, "reveal-child", self->fold_revealer, "visible",
                          G_BINDING_SYNC_CREATE);

  /* Capture: ahead of the entry rows and of the window's Ctrl+Z. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                      gtk_callback_action_new (undo_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* Public API ------------------------------------------------------------- */

RdContext *
rd_account_page_get_context (RdAccountPage *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_PAGE (self), NULL);

  return self->context;
}

void
rd_account_page_set_context (RdAccountPage *self,
                             RdContext     *context)
{
  g_return_if_fail (RD_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (context == NULL || RD_IS_CONTEXT (context));

  if (!rd_context_follow_store (&self->context, context, self, (RdContextStoreFunc) set_store))
    return;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, show_levers, self);
  g_set_object (&self->settings, (context != NULL ? rd_context_get_settings (context) : NULL));
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::negotiation-levers",
                             G_CALLBACK (show_levers), self, G_CONNECT_SWAPPED);

  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->overview), context);
  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->plan_section), context);
  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->delays), context);
  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->details), context);
  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->history), context);
  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->stakeholders), context);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
rd_account_page_set_account (RdAccountPage *self,
                             RdAccount     *account,
                             gboolean       is_new)
{
  gboolean was_new;

  g_return_if_fail (RD_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (RD_IS_ACCOUNT (account));

  was_new = self->is_new;
  g_clear_object (&self->account);
  self->account = rd_account_copy (account);
  self->is_new = !!is_new;

  rd_account_details_set_account (self->details, self->account, self->is_new);
  rd_account_stakeholders_set_account_id (self->stakeholders,
                                          self->is_new ? NULL : rd_account_get_id (self->account));
  rd_account_delays_set_account (self->delays, self->account, !self->is_new);
  rd_account_history_set_account_id (self->history,
                                     self->is_new ? NULL : rd_account_get_id (self->account));
  gtk_revealer_set_reveal_child (self->fold_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reopen_row), FALSE);
  rd_account_plan_section_set_account (self->plan_section, self->account, self->is_new);
  show_levers (self);
  load_lifecycle (self);
  rd_account_overview_set_account (self->overview, self->is_new ? NULL : self->account);
  reset_sections (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (was_new != self->is_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_NEW]);
}

RdAccount *
rd_account_page_get_account (RdAccountPage *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_PAGE (self), NULL);

  return self->account;
}

gboolean
rd_account_page_get_is_new (RdAccountPage *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_PAGE (self), FALSE);

  return self->is_new;
}

const char *
rd_account_page_get_title (RdAccountPage *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_PAGE (self), NULL);

  if (self->account == NULL)
    return NULL;
  if (rd_account_get_name (self->account) == NULL || *rd_account_get_name (self->account) == '\0')
    return _("New Account");
  return rd_account_get_name (self->account);
}

void
rd_account_page_focus_name (RdAccountPage *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_PAGE (self));

  self->focus_on_map = FALSE;
  adw_view_stack_set_visible_child_name (self->view_stack, "details");
  rd_account_details_focus_name (self->details);
}

void
rd_account_page_flush (RdAccountPage *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_PAGE (self));

  rd_account_details_flush (self->details);
}

/* For tests ---------------------------------------------------------------- */

GtkWidget *
_rd_account_page_get_child (RdAccountPage *self,
                            const char    *name)
{
  GtkWidget *sections[] = {
    GTK_WIDGET (self->delays),
    GTK_WIDGET (self->details),
    GTK_WIDGET (self->plan_section),
    GTK_WIDGET (self->stakeholders),
    GTK_WIDGET (self->history),
  };
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (self), RD_TYPE_ACCOUNT_PAGE, name);

  /* The ids of the sections' templates, as when they were the page's. */
  for (guint i = 0; child == NULL && i < G_N_ELEMENTS (sections); i++)
    child = gtk_widget_get_template_child (sections[i], G_OBJECT_TYPE (sections[i]), name);
  return GTK_WIDGET (child);
}

RdDelayEditor *
_rd_account_page_get_editor (RdAccountPage *self)
{
  return self->editor;
}

GtkWindow *
_rd_account_page_get_close_dialog (RdAccountPage *self)
{
  return self->close_dialog ? GTK_WINDOW (self->close_dialog) : NULL;
}

void
_rd_account_page_apply_row (RdAccountPage *self,
                            AdwEntryRow   *row)
{
  _rd_account_details_apply_row (self->details, row);
}
