/* rd-window.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-window"

#include "config.h"

#include <time.h>
#include <glib/gi18n.h>

#include "rd-resources.h"
#include "rd-report-actions.h"
#include "rd-window-private.h"
#include "rd-widget-util.h"

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_DB_PATH,
  N_PROPS
};

enum {
  READY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

static void open_store (RdWindow *self);
static void check_store_pages (RdWindow *self);
static void on_account_page_notify_cb (RdWindow      *self,
                                       GParamSpec    *pspec,
                                       RdAccountPage *page);
static void on_reminders_notify_cb (RdWindow        *self,
                                    GParamSpec      *pspec,
                                    RdRemindersView *view);

/* Helpers ---------------------------------------------------------------- */

static const char *
scope_title (RdWindow *self)
{
  /* The title names the rows below it: a new scope's come a moment
   * after it is chosen on a big book. */
  return rd_portfolio_view_get_shown_scope (self->portfolio_view) == RD_PORTFOLIO_SCOPE_QUARTER
         ? _("Renewing This Quarter") : _("Portfolio");
}

static void
update_header (RdWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  gboolean account = g_strcmp0 (page, "account") == 0 && self->account_page != NULL;
  gboolean reminders = g_strcmp0 (page, "reminders") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), account || folded);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button),
                          !account && !reminders && self->store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->new_reminder_button), reminders && self->store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button),
                          account && !rd_account_page_get_is_new (self->account_page));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_button),
                          account && !rd_account_page_get_is_new (self->account_page));

  if (account)
    {
      adw_window_title_set_title (self->window_title,
                                  rd_account_page_get_title (self->account_page));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
  else if (reminders)
    {
      adw_window_title_set_title (self->window_title, _("Reminders"));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
  else if (g_strcmp0 (page, "portfolio") == 0)
    {
      guint n = rd_portfolio_view_get_n_visible (self->portfolio_view);
      g_autofree char *subtitle = NULL;

      /* The first accounts show before the whole book is read. */
      if (rd_portfolio_view_get_loaded (self->portfolio_view) &&
          !rd_portfolio_view_get_complete (self->portfolio_view))
        subtitle = g_strdup (_("Loading…"));
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u account", "%'u accounts", n), n);

      adw_window_title_set_title (self->window_title, scope_title (self));
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else
    {
      adw_window_title_set_title (self->window_title, scope_title (self));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
}

static void
set_loading (RdWindow   *self,
             const char *message)
{
  gtk_label_set_text (self->loading_label, message);
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
}

static void
load_window_state (RdWindow *self)
{
  GSettings *settings = rd_context_get_settings (self->context);

  /* Run uninstalled without the compiled schema: keep the defaults. */
  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (RdWindow *self)
{
  GSettings *settings = rd_context_get_settings (self->context);
  int width, height;

  if (settings == NULL)
    return;

  /* No g_settings_delay(): this object is shared, and delay mode would
   * stay on for every other user of it. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

/* The account page is built on first use: its template (six sections)
 * is the largest part of the window's, and it is never on the first
 * frame. */
static RdAccountPage *
ensure_account_page (RdWindow *self)
{
  if (self->account_page != NULL)
    return self->account_page;

  self->account_page = g_object_new (RD_TYPE_ACCOUNT_PAGE, NULL);
  g_signal_connect_object (self->account_page, "notify::title",
                           G_CALLBACK (on_account_page_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account_page, "notify::is-new",
                           G_CALLBACK (on_account_page_notify_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->account_page), "account");
  rd_account_page_set_context (self->account_page, self->context);
  return self->account_page;
}

/* Before the page is first shown there are no edits to save. */
static void
flush_account_page (RdWindow *self)
{
  if (self->account_page != NULL)
    rd_account_page_flush (self->account_page);
}

/* The reminders page is built, and reads and lays out the open reminders,
 * only once the portfolio's first frame is painted (or when it is shown
 * first), so that work never lands in the first frame.  It is built then
 * rather than when first shown because the sidebar's badge counts its
 * urgent reminders. */
static void
ensure_reminders_view (RdWindow *self)
{
  if (self->reminders_view == NULL)
    {
      self->reminders_view = g_object_new (RD_TYPE_REMINDERS_VIEW, NULL);
      g_signal_connect_object (self->reminders_view, "notify::n-urgent",
                               G_CALLBACK (on_reminders_notify_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->reminders_view), "reminders");
    }
  rd_reminders_view_set_context (self->reminders_view, self->context);
}

/* The shortcuts window is built when first asked for, not with the window
 * (which GtkApplication would do, before the first frame, for a
 * gtk/help-overlay.ui resource). */
static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/org/renewaldesk/RenewalDesk/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* What waits for the first frame: the reminders page, the reading of
 * every page of a small database (rd_store_new_check_later_async ()). */
static void
become_ready (RdWindow *self)
{
  ensure_reminders_view (self);
  check_store_pages (self);
  g_signal_emit (self, signals[READY], 0);
}

static gboolean
emit_ready_cb (gpointer data)
{
  become_ready (data);
  return G_SOURCE_REMOVE;
}

static gint64
process_cpu_time (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   RdWindow      *self)
{
  g_signal_handler_disconnect (clock, self->ready_handler);
  self->ready_handler = 0;
  self->first_frame_time = g_get_monotonic_time ();
  self->first_frame_cpu_time = process_cpu_time ();
  /* Not from inside the frame: a handler may run a main loop that needs
   * the frame clock (the search benchmark) or quit the application. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, emit_ready_cb, g_object_ref (self), g_object_unref);
}

static void
emit_ready_after_paint (RdWindow *self)
{
  GdkFrameClock *clock;

  if (self->ready_emitted)
    return;
  self->ready_emitted = TRUE;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      become_ready (self);
      return;
    }

  self->ready_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Store opening ---------------------------------------------------------- */

static void
on_fatal_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      RdWindow         *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_corrupt_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        RdWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;

  if (g_strcmp0 (response, "move") != 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  moved = rd_store_move_aside (self->db_path, &error);
  if (moved == NULL)
    {
      GtkWidget *fail = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Move the Database"),
                                                error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (fail), "quit", _("_Quit"));
      g_signal_connect (fail, "response", G_CALLBACK (on_fatal_response_cb), self);
      gtk_window_present (GTK_WINDOW (fail));
      return;
    }
  else
    {
      g_autofree char *basename = g_path_get_basename (moved);
      g_autofree char *title = g_strdup_printf (_("The damaged database was kept as “%s”"), basename);

      _rd_window_add_toast (self, rd_toast_new (title));
    }

  open_store (self);
}

/* Says why the database cannot be used and offers a way out. */
static void
report_open_error (RdWindow     *self,
                   const GError *error)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  gtk_spinner_set_spinning (self->loading_spinner, FALSE);

  if (g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT))
    {
      body = g_strdup_printf (_("“%s” is damaged or is not a Renewal Desk database (%s).\n\n"
                                "It can be renamed and kept next to where it is now, and a new, "
                                "empty database started. Nothing is deleted."),
                              self->db_path, error->message);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Database Cannot Be Read"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "quit", _("_Quit"),
                                        "move", _("_Move Aside and Start Fresh"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "quit");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
      g_signal_connect (dialog, "response", G_CALLBACK (on_corrupt_response_cb), self);
    }
  else
    {
      const char *heading;

      if (g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_NEWER_SCHEMA))
        {
          heading = _("Database From a Newer Version");
          body = g_strdup_printf (_("“%s” was written by a newer version of Renewal Desk and "
                                    "cannot be opened by this one. It has been left untouched; "
                                    "update Renewal Desk to open it."),
                                  self->db_path);
        }
      else
        {
          heading = _("Database Cannot Be Opened");
          body = g_strdup_printf (_("“%s” could not be opened: %s"), self->db_path, error->message);
        }

      dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
      g_signal_connect (dialog, "response", G_CALLBACK (on_fatal_response_cb), self);
    }

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
store_new_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;

  store = rd_store_new_finish (result, &error);
  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_open_error (self, error);
      return;
    }

  /* The views follow the context's store. */
  rd_context_set_store (self->context, store);
}

static void
store_pages_checked_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rd_store_check_pages_finish (RD_STORE (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* As if the open had failed: every user of the store lets it go (so it is
   * closed before the file can be moved aside), then the same report. */
  if (rd_context_get_store (self->context) == RD_STORE (object))
    {
      rd_context_set_store (self->context, NULL);
      set_loading (self, _("Opening portfolio…"));
      update_header (self);
      report_open_error (self, error);
    }
}

static void
check_store_pages (RdWindow *self)
{
  if (self->store != NULL)
    rd_store_check_pages_async (self->store, self->cancellable, store_pages_checked_cb,
                                g_object_ref (self));
}

static void
open_store (RdWindow *self)
{
  set_loading (self, _("Opening portfolio…"));
  rd_store_new_async (self->db_path, self->cancellable, store_new_cb, g_object_ref (self));
}

/* Signal callbacks ------------------------------------------------------- */

static void
on_context_store_changed_cb (RdWindow   *self,
                             GParamSpec *pspec,
                             RdContext  *context)
{
  g_assert (RD_IS_WINDOW (self));
  g_assert (RD_IS_CONTEXT (context));

  g_set_object (&self->store, rd_context_get_store (context));
  rd_sync_indicator_set_service (self->sync_indicator, rd_context_get_sync_service (context));
  _rd_window_actions_update (self);
  update_header (self);
}

static void
on_account_page_notify_cb (RdWindow      *self,
                           GParamSpec    *pspec,
                           RdAccountPage *page)
{
  g_assert (RD_IS_WINDOW (self));

  update_header (self);
  _rd_window_actions_update (self);
}

static void
on_back_clicked_cb (RdWindow  *self,
                    GtkButton *button)
{
  g_assert (RD_IS_WINDOW (self));

  if (self->showing_account)
    _rd_window_show_portfolio (self);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_delete_clicked_cb (RdWindow  *self,
                      GtkButton *button)
{
  RdAccount *account = self->account_page ? rd_account_page_get_account (self->account_page) : NULL;

  g_assert (RD_IS_WINDOW (self));

  if (account != NULL && !rd_account_page_get_is_new (self->account_page))
    gtk_widget_activate_action (GTK_WIDGET (self), "window.delete-account", "s",
                                rd_account_get_id (account));
}

static void
on_leaflet_folded_cb (RdWindow   *self,
                      GParamSpec *pspec,
                      AdwLeaflet *leaflet)
{
  g_assert (RD_IS_WINDOW (self));

  update_header (self);
}

static void
on_portfolio_notify_cb (RdWindow        *self,
                        GParamSpec      *pspec,
                        RdPortfolioView *view)
{
  g_assert (RD_IS_WINDOW (self));

  _rd_window_update_view (self);
}

static void
on_portfolio_populated_cb (RdWindow        *self,
                           RdPortfolioView *view)
{
  g_assert (RD_IS_WINDOW (self));

  if (self->filling_sample)
    {
      self->filling_sample = FALSE;
      _rd_window_actions_update (self);
    }
  _rd_window_update_view (self);
  emit_ready_after_paint (self);
}

static void
on_reminders_notify_cb (RdWindow        *self,
                        GParamSpec      *pspec,
                        RdRemindersView *view)
{
  guint n = rd_reminders_view_get_n_urgent (view);
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *label = NULL;

  g_assert (RD_IS_WINDOW (self));

  gtk_label_set_text (self->reminders_badge, text);
  gtk_widget_set_visible (GTK_WIDGET (self->reminders_badge), n > 0);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reminders, %u due or overdue",
                                        "Reminders, %u due or overdue", n), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reminders_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, n > 0 ? label : _("Reminders"),
                                  -1);
}

static void
on_sidebar_row_activated_cb (RdWindow      *self,
                             GtkListBoxRow *row,
                             GtkListBox    *list)
{
  g_assert (RD_IS_WINDOW (self));

  if (row == self->reminders_row)
    {
      _rd_window_show_reminders (self);
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_box));
      return;
    }

  rd_portfolio_view_set_scope (self->portfolio_view,
                               row == self->quarter_row ? RD_PORTFOLIO_SCOPE_QUARTER
                                                        : RD_PORTFOLIO_SCOPE_ALL);
  _rd_window_show_portfolio (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_box));
}

/* GtkWindow -------------------------------------------------------------- */

static gboolean
rd_window_close_request (GtkWindow *window)
{
  RdWindow *self = RD_WINDOW (window);

  flush_account_page (self);
  save_window_state (self);

  return GTK_WINDOW_CLASS (rd_window_parent_class)->close_request (window);
}

/* GObject ---------------------------------------------------------------- */

static void
rd_window_constructed (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  G_OBJECT_CLASS (rd_window_parent_class)->constructed (object);

  if (self->db_path == NULL)
    self->db_path = rd_store_default_path ();
  /* Built without one (GtkBuilder, g_object_new()): a context of its own. */
  if (self->context == NULL)
    self->context = rd_context_new (NULL);

  load_window_state (self);
  set_loading (self, _("Opening portfolio…"));
  rd_portfolio_view_set_context (self->portfolio_view, self->context);
  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (on_context_store_changed_cb), self, G_CONNECT_SWAPPED);

  /* The application's store, shared with the reminder scheduler; the
   * window opens (and reports on) its own when that one failed. */
  if (rd_context_get_store (self->context) != NULL)
    on_context_store_changed_cb (self, NULL, self->context);
  else
    open_store (self);
}

static void
rd_window_dispose (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->ready_handler != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        g_clear_signal_handler (&self->ready_handler, clock);
      self->ready_handler = 0;
    }
  g_queue_clear_full (&self->undo_stack, (GDestroyNotify) _rd_window_undo_item_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WINDOW);
  /* Children of the content stack, gone with it. */
  self->account_page = NULL;
  self->reminders_view = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

static void
rd_window_finalize (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (rd_window_parent_class)->finalize (object);
}

static void
rd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RdWindow *self = RD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RdWindow *self = RD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
      break;
    case PROP_DB_PATH:
      g_free (self->db_path);
      self->db_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rd_window_constructed;
  object_class->dispose = rd_window_dispose;
  object_class->finalize = rd_window_finalize;
  object_class->get_property = rd_window_get_property;
  object_class->set_property = rd_window_set_property;

  window_class->close_request = rd_window_close_request;

  /* The store, clock, settings and sync service, from the application;
   * the window opens db-path into it when its store is not open yet. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted once, from an idle after the first frame showing the portfolio
   * (its first accounts, maybe not yet the whole book) or the empty state
   * has been painted. */
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RD_TYPE_PORTFOLIO_VIEW);
  g_type_ensure (RD_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, new_reminder_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, portfolio_row);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, portfolio_view);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, quarter_row);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, reminders_badge);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, reminders_row);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sample_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, summary_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_portfolio_notify_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_portfolio_populated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);

  _rd_window_class_actions_init (widget_class);
  _rd_report_actions_class_init (widget_class);
}

static void
rd_window_init (RdWindow *self)
{
  static const GActionEntry win_actions[] = {
    { "show-help-overlay", show_help_overlay_cb },
  };

  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->undo_stack);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  _rd_window_actions_init (self);

  /* A development build's header bars are striped, as in GNOME's own apps. */
  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_list_box_select_row (self->sidebar_list, self->portfolio_row);
  _rd_window_actions_update (self);
  update_header (self);
}

/* Internal API ----------------------------------------------------------- */

/* The empty page's picture is named only when the page is to be shown:
 * named in the template, GTK loaded it (a 128 px SVG, through librsvg,
 * ~15 ms of CPU on a worker) before the first frame of every book, though
 * only an empty one shows it. */
static void
show_empty_page_icon (RdWindow *self)
{
  if (adw_status_page_get_icon_name (self->empty_page) == NULL)
    adw_status_page_set_icon_name (self->empty_page, "x-office-spreadsheet-symbolic");
}

void
_rd_window_update_view (RdWindow *self)
{
  g_assert (RD_IS_WINDOW (self));

  if (!self->showing_account && !self->showing_reminders && !self->filling_sample &&
      rd_portfolio_view_get_loaded (self->portfolio_view))
    {
      gboolean empty = rd_portfolio_view_get_n_accounts (self->portfolio_view) == 0;

      gtk_spinner_set_spinning (self->loading_spinner, FALSE);
      if (empty)
        show_empty_page_icon (self);
      gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "portfolio");
    }

  update_header (self);
  _rd_window_actions_update (self);
}

void
_rd_window_show_reminders (RdWindow *self)
{
  g_assert (RD_IS_WINDOW (self));

  if (self->showing_account)
    flush_account_page (self);
  self->showing_account = FALSE;
  self->showing_reminders = TRUE;
  ensure_reminders_view (self);
  gtk_list_box_select_row (self->sidebar_list, self->reminders_row);
  gtk_stack_set_visible_child_name (self->content_stack, "reminders");
  update_header (self);
  _rd_window_actions_update (self);
}

void
_rd_window_show_portfolio (RdWindow *self)
{
  g_assert (RD_IS_WINDOW (self));

  if (self->showing_reminders)
    {
      self->showing_reminders = FALSE;
      if (gtk_list_box_get_selected_row (self->sidebar_list) == self->reminders_row)
        gtk_list_box_select_row (self->sidebar_list,
                                 rd_portfolio_view_get_scope (self->portfolio_view) ==
                                 RD_PORTFOLIO_SCOPE_QUARTER ? self->quarter_row
                                                            : self->portfolio_row);
      if (rd_portfolio_view_get_loaded (self->portfolio_view))
        gtk_stack_set_visible_child_name (self->content_stack, "portfolio");
    }

  if (self->showing_account)
    {
      flush_account_page (self);
      self->showing_account = FALSE;
      if (rd_portfolio_view_get_loaded (self->portfolio_view))
        gtk_stack_set_visible_child_name (self->content_stack, "portfolio");
      _rd_window_update_view (self);
      rd_portfolio_view_focus_list (self->portfolio_view);
      return;
    }

  _rd_window_update_view (self);
}

void
_rd_window_show_account (RdWindow  *self,
                         RdAccount *account,
                         gboolean   is_new)
{
  g_assert (RD_IS_WINDOW (self));
  g_assert (RD_IS_ACCOUNT (account));

  flush_account_page (self);
  rd_account_page_set_account (ensure_account_page (self), account, is_new);
  self->showing_account = TRUE;
  self->showing_reminders = FALSE;
  gtk_stack_set_visible_child_name (self->content_stack, "account");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_box));
  update_header (self);
  _rd_window_actions_update (self);

  if (is_new)
    rd_account_page_focus_name (self->account_page);
}

void
_rd_window_add_toast (RdWindow *self,
                      AdwToast *toast)
{
  g_assert (RD_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_rd_window_undo_item_free (RdUndoItem *item)
{
  if (item == NULL)
    return;
  g_clear_weak_pointer (&item->toast);
  g_free (item->id);
  g_free (item);
}

RdStore *
_rd_window_get_store (RdWindow *self)
{
  return self->store;
}

RdPortfolioView *
_rd_window_get_portfolio_view (RdWindow *self)
{
  return self->portfolio_view;
}

RdAccountPage *
_rd_window_get_account_page (RdWindow *self)
{
  return ensure_account_page (self);
}

GtkStack *
_rd_window_get_content_stack (RdWindow *self)
{
  return self->content_stack;
}

GtkWidget *
_rd_window_get_sample_button (RdWindow *self)
{
  return GTK_WIDGET (self->sample_button);
}

AdwStatusPage *
_rd_window_get_empty_page (RdWindow *self)
{
  return self->empty_page;
}

RdRemindersView *
_rd_window_get_reminders_view (RdWindow *self)
{
  ensure_reminders_view (self);
  return self->reminders_view;
}

/* Public API ------------------------------------------------------------- */

/**
 * rd_window_get_first_frame_time:
 *
 * Returns: the monotonic time at which the first frame showing the
 *   portfolio (or the empty state) was painted, or 0 before that
 */
gint64
rd_window_get_first_frame_time (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), 0);

  return self->first_frame_time;
}

/**
 * rd_window_get_first_frame_cpu_time:
 *
 * Returns: the CPU time of the process (all its threads, in microseconds)
 *   when the first frame of rd_window_get_first_frame_time() was painted,
 *   or 0 before that
 */
gint64
rd_window_get_first_frame_cpu_time (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), 0);

  return self->first_frame_cpu_time;
}

/**
 * rd_window_get_book_complete:
 *
 * Returns: whether the portfolio has read the whole book, not only the
 *   accounts of its first screen
 */
gboolean
rd_window_get_book_complete (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);

  return rd_portfolio_view_get_complete (self->portfolio_view);
}

RdWindow *
rd_window_new (GtkApplication *application,
               RdContext      *context,
               const char     *db_path)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  return g_object_new (RD_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       "db-path", db_path,
                       NULL);
}

RdContext *
rd_window_get_context (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->context;
}

const char *
rd_window_get_db_path (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->db_path;
}

void
rd_window_run_search_benchmark (RdWindow *self)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  rd_portfolio_view_run_search_benchmark (self->portfolio_view);
}

void
rd_views_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Referencing the resource keeps its object file, and the
       * constructor that registers it, in the static link. */
      (void) rd_get_resource ();
      g_type_ensure (RD_TYPE_WINDOW);
      g_once_init_leave (&initialized, 1);
    }
}
