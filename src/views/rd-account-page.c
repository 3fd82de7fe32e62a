/* rd-account-page.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-account-delays.h"
#include "rd-account-details.h"
#include "rd-account-history.h"
#include "rd-account-overview-section.h"
#include "rd-account-page.h"
#include "rd-account-page-private.h"
#include "rd-account-plan-section.h"
#include "rd-account-stakeholders.h"
#include "rd-delay-editor.h"
#include "rd-format.h"

struct _RdAccountPage
{
  AdwBin                    parent_instance;

  RdContext                *context;
  RdStore                  *store;          /* the context's */
  GCancellable             *cancellable;
  RdAccount                *account;        /* owned copy, the edited state */
  RdDelayEditor            *editor;         /* weak */
  GtkWidget                *scroll_target;  /* a template child to bring into view */
  guint                     reload_id;      /* reads the store's changes once they stop */
  guint                     reloads;        /* Reload: what the store's changes ask to read */
  guint                     is_new : 1;
  guint                     focus_on_map : 1;

  /* template children: the sections, and the switcher */
  RdAccountDelays          *delays;
  RdAccountDetails         *details;
  RdAccountHistory         *history;
  RdAccountOverviewSection *overview_section;
  RdAccountPlanSection     *plan_section;
  RdAccountStakeholders    *stakeholders;
  GtkWidget                *narrow_switcher;
  AdwViewStack             *view_stack;
  GtkWidget                *wide_switcher;
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

/* What the store's changes ask the page to read again. */
typedef enum
{
  RELOAD_ACTIVITY_LOG = 1 << 0,
  RELOAD_STAKEHOLDERS = 1 << 1,
  RELOAD_DELAYS       = 1 << 2,
  RELOAD_HISTORY      = 1 << 3,
  RELOAD_BRIDGES      = 1 << 4,
  RELOAD_CONCERNS     = 1 << 5,
  RELOAD_PLAN         = 1 << 6,
  RELOAD_REMINDERS    = 1 << 7, /* the overview's reminders, contact and open delay */
  RELOAD_OVERVIEW     = 1 << 8, /* all of the overview, its lifecycle too */
  RELOAD_ACCOUNT      = 1 << 9,
} Reload;

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

/* Actions: routed to the sections ----------------------------------------- */

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

/* The activity log names its rows' stakeholders and ties new entries to
 * the open delay: give it both as they load and change. */
static void
update_activity_log (RdAccountPage *self)
{
  RdActivityLog *log = rd_account_history_get_activity_log (self->history);
  GListModel *contacts_model = rd_account_stakeholders_get_contacts (self->stakeholders);
  GListModel *delays = rd_account_delays_get_delays (self->delays);
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RdDelay) open = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (contacts_model); i++)
    g_ptr_array_add (contacts, g_list_model_get_item (contacts_model, i));
  rd_activity_log_set_contacts (log, contacts);

  /* The delays are oldest first: the last open one is the current. */
  for (guint i = 0; i < g_list_model_get_n_items (delays); i++)
    {
      g_autoptr(RdDelay) delay = g_list_model_get_item (delays, i);

      if (rd_delay_get_status (delay) != RD_DELAY_STATUS_RESOLVED)
        g_set_object (&open, delay);
    }
  rd_activity_log_set_open_delay (log, open);
}

static void
on_people_or_delays_changed_cb (RdAccountPage *self,
                                guint          position,
                                guint          removed,
                                guint          added,
                                GListModel    *model)
{
  update_activity_log (self);
}

static void
log_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  if (self->account == NULL)
    return;
  if (self->is_new)
    {
      rd_account_details_ask_for_name (self->details);
      return;
    }

  update_activity_log (self);
  rd_activity_log_start (rd_account_history_get_activity_log (self->history));
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

/* Renewal: routed to the overview and plan sections ----------------------- */

static char *
today_iso (RdAccountPage *self)
{
  GDate today;

  rd_context_get_today (self->context, &today);
  return rd_date_to_string (&today);
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
  rd_account_overview_section_update_account (self->overview_section, self->account);
}

static void
refresh_account (RdAccountPage *self)
{
  rd_store_get_account_async (self->store, rd_account_get_id (self->account), self->cancellable,
                              refresh_account_cb, g_object_ref (self));
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
dismiss_fold_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  if (self->account != NULL)
    rd_account_overview_section_dismiss_fold (self->overview_section);
}

static void
close_lost_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  if (self->context != NULL && self->account != NULL && !self->is_new &&
      rd_account_get_status (self->account) != RD_STATUS_LOST)
    rd_account_overview_section_close_lost (self->overview_section);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  if (self->context != NULL && self->account != NULL)
    rd_account_overview_section_reopen (self->overview_section);
}

static void
three_options_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  if (self->account != NULL && !self->is_new)
    rd_account_overview_section_three_options (self->overview_section);
}

static void
toggle_lever_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (widget);

  if (self->account != NULL)
    rd_account_overview_section_toggle_lever (self->overview_section,
                                              g_variant_get_string (parameter, NULL));
}

/* The overview section found the newest plan: the plan section shows it. */
static void
on_plan_found_cb (RdAccountPage            *self,
                  RdPlanRecord             *plan,
                  const char               *delay_id,
                  int                       cause,
                  RdAccountOverviewSection *section)
{
  g_assert (RD_IS_ACCOUNT_PAGE (self));

  rd_account_plan_section_show_plan (self->plan_section, plan, delay_id, cause);
}

static gboolean
reload_cb (gpointer user_data)
{
  RdAccountPage *self = RD_ACCOUNT_PAGE (user_data);
  guint reloads = self->reloads;

  self->reload_id = 0;
  self->reloads = 0;
  if (self->account == NULL || self->is_new)
    return G_SOURCE_REMOVE;

  if (reloads & RELOAD_ACTIVITY_LOG)
    rd_activity_log_reload (rd_account_history_get_activity_log (self->history));
  if (reloads & RELOAD_STAKEHOLDERS)
    rd_account_stakeholders_reload (self->stakeholders);
  /* The contract end may have moved: it is the timeline's deadline. */
  if (reloads & RELOAD_ACCOUNT)
    rd_account_delays_update_account (self->delays, self->account);
  if (reloads & RELOAD_DELAYS)
    rd_account_delays_reload (self->delays);
  if (reloads & RELOAD_HISTORY)
    rd_account_history_reload (self->history);
  if (reloads & RELOAD_BRIDGES)
    rd_account_plan_section_reload_bridges (self->plan_section);
  if (reloads & RELOAD_CONCERNS)
    rd_account_plan_section_reload_concerns (self->plan_section);
  if (reloads & RELOAD_PLAN)
    rd_account_plan_section_reload_plan (self->plan_section);
  if (reloads & (RELOAD_OVERVIEW | RELOAD_REMINDERS))
    rd_account_overview_section_reload (self->overview_section,
                                        (reloads & RELOAD_OVERVIEW) == 0);
  /* A bridge or closing may have changed the effective end or status. */
  if (reloads & RELOAD_ACCOUNT)
    refresh_account (self);

  return G_SOURCE_REMOVE;
}

/* One write can change thousands of documents, and the store says so once
 * for each: a reminder refresh on a book of 100,000 accounts emits "changed"
 * for every reminder it moved.  The page gathers what they ask to read and
 * reads it once, after the burst, instead of starting a few jobs for each:
 * that kept the window from drawing for seconds and flooded the workers. */
static void
on_store_changed_cb (RdAccountPage *self,
                     const char    *type,
                     const char    *id,
                     RdStore       *store)
{
  guint reloads;

  g_assert (RD_IS_ACCOUNT_PAGE (self));

  if (self->account == NULL || self->is_new)
    return;

  /* Reminders, one or a batch (a day's, derived for the whole book), only
   * move the page's next reminder. */
  if (g_strcmp0 (type, "reminder") == 0)
    reloads = RELOAD_REMINDERS;
  else if (id == NULL || g_strcmp0 (type, "contact") == 0)
    reloads = RELOAD_ACTIVITY_LOG | RELOAD_STAKEHOLDERS | RELOAD_DELAYS | RELOAD_HISTORY |
              RELOAD_BRIDGES | RELOAD_CONCERNS | RELOAD_OVERVIEW;
  else if (g_strcmp0 (type, "delay") == 0)
    reloads = RELOAD_DELAYS | RELOAD_HISTORY | RELOAD_OVERVIEW;
  else if (g_strcmp0 (type, "account") == 0 && g_strcmp0 (id, rd_account_get_id (self->account)) == 0)
    reloads = RELOAD_ACCOUNT | RELOAD_HISTORY;
  else if (g_strcmp0 (type, "bridge") == 0)
    reloads = RELOAD_BRIDGES | RELOAD_HISTORY | RELOAD_OVERVIEW;
  else if (g_strcmp0 (type, "concern") == 0)
    reloads = RELOAD_CONCERNS | RELOAD_PLAN | RELOAD_OVERVIEW;
  else if (g_strcmp0 (type, "plan_step") == 0)
    reloads = RELOAD_PLAN | RELOAD_HISTORY | RELOAD_OVERVIEW;
  else if (g_strcmp0 (type, "plan") == 0 || g_strcmp0 (type, "loss") == 0)
    reloads = RELOAD_HISTORY | RELOAD_OVERVIEW;
  else if (g_strcmp0 (type, "activity") == 0)
    reloads = RELOAD_REMINDERS | RELOAD_ACTIVITY_LOG | RELOAD_HISTORY;
  else
    return;

  self->reloads |= reloads;
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_cb, self, NULL);
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
    rd_account_overview_section_focus_action (self->overview_section);
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
      rd_account_overview_section_focus_action (self->overview_section);
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
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);
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
  g_type_ensure (RD_TYPE_ACCOUNT_OVERVIEW_SECTION);
  g_type_ensure (RD_TYPE_ACCOUNT_PLAN_SECTION);
  g_type_ensure (RD_TYPE_ACCOUNT_STAKEHOLDERS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, delays);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, details);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, history);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, narrow_switcher);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, overview_section);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, plan_section);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, stakeholders);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdAccountPage, wide_switcher);
  gtk_widget_class_bind_template_callback (widget_class, on_details_is_new_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_reveal_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_found_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_section_changed_cb);

  gtk_widget_class_install_action (widget_class, "account.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "account.close-lost", NULL, close_lost_action);
  gtk_widget_class_install_action (widget_class, "account.delete-contact", "(ss)", delete_contact_action);
  gtk_widget_class_install_action (widget_class, "account.delete-delay", "s", delete_delay_action);
  gtk_widget_class_install_action (widget_class, "account.dismiss-fold", NULL, dismiss_fold_action);
  gtk_widget_class_install_action (widget_class, "account.edit-contact", "s", edit_contact_action);
  gtk_widget_class_install_action (widget_class, "account.log-activity", NULL, log_activity_action);
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

  rd_account_overview_section_set_delays (self->overview_section,
                                          rd_account_delays_get_delays (self->delays));
  g_signal_connect_object (rd_account_delays_get_delays (self->delays), "items-changed",
                           G_CALLBACK (on_people_or_delays_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rd_account_stakeholders_get_contacts (self->stakeholders), "items-changed",
                           G_CALLBACK (on_people_or_delays_changed_cb), self, G_CONNECT_SWAPPED);

  /* Capture: ahead of the entry rows and of the window's Ctrl+Z. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                      gtk_callback_action_new (undo_shortcut_cb, NULL, NULL)));
  /* Ahead of an entry too, whose "unselect" it would otherwise be. */
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_named_action_new ("account.log-activity")));
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

  rd_account_pane_set_context (RD_ACCOUNT_PANE (self->overview_section), context);
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
  /* Everything is read anew for this account. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reloads = 0;
  g_clear_object (&self->account);
  self->account = rd_account_copy (account);
  self->is_new = !!is_new;

  rd_account_details_set_account (self->details, self->account, self->is_new);
  rd_account_stakeholders_set_account_id (self->stakeholders,
                                          self->is_new ? NULL : rd_account_get_id (self->account));
  rd_account_delays_set_account (self->delays, self->account, !self->is_new);
  rd_account_history_set_account_id (self->history,
                                     self->is_new ? NULL : rd_account_get_id (self->account));
  rd_account_plan_section_set_account (self->plan_section, self->account, self->is_new);
  rd_account_overview_section_set_account (self->overview_section, self->account, self->is_new);
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
    GTK_WIDGET (self->overview_section),
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
  return _rd_account_overview_section_get_close_dialog (self->overview_section);
}

void
_rd_account_page_apply_row (RdAccountPage *self,
                            AdwEntryRow   *row)
{
  _rd_account_details_apply_row (self->details, row);
}
