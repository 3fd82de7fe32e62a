/* rd-account-overview.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-overview"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-account-overview.h"
#include "rd-activity-record.h"
#include "rd-classify.h"
#include "rd-delay.h"
#include "rd-format.h"
#include "rd-record-store.h"
#include "rd-reminder-refresh.h"
#include "rd-risk-badge.h"

struct _RdAccountOverview
{
  RdAccountPane     parent_instance;

  RdAccount        *account;          /* owned copy of the page's */
  GListModel       *delays;           /* of RdDelay, the page's */
  RdDelay          *open_delay;       /* the latest open delay, or NULL */
  RdClassification *classification;   /* of open_delay, once the store answered */
  GtkWidget        *primary;          /* the recommended button, a template child */
  guint             context_serial;
  guint             reminder_serial;
  guint             n_reloads;        /* for tests */

  /* template children */
  GtkWidget        *action_card;
  GtkLabel         *advice_label;
  GtkLabel         *advice_title_label;
  GtkWidget        *bridge_button;
  GtkLabel         *class_chip;
  GtkLabel         *commitment_label;
  GtkWidget        *contact_button;
  GtkLabel         *deadline_label;
  GtkLabel         *delay_label;
  GtkWidget        *log_activity_button;
  GtkWidget        *log_delay_button;
  GtkLabel         *missed_label;
  GtkWidget        *missed_row;
  GtkWidget        *open_delay_button;
  GtkWidget        *plan_button;
  GtkWidget        *print_button;
  GtkLabel         *last_contact_label;
  GtkLabel         *reminder_label;
  GtkWidget        *reminder_row;
  RdRiskBadge      *risk_badge;
  GtkLabel         *stage_label;
};

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_DELAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdAccountOverview, rd_account_overview, RD_TYPE_ACCOUNT_PANE)

static const char * const class_css[] = { "administrative", "decision", "risk" };

/* Helpers ---------------------------------------------------------------- */

static void
get_today (RdAccountOverview *self,
           GDate             *out)
{
  RdContext *context = rd_account_pane_get_context (RD_ACCOUNT_PANE (self));

  if (context != NULL)
    rd_context_get_today (context, out);
  else
    rd_date_today (out);
}

/* "31 Dec 2026 (in 43 days)" */
static char *
format_date_relative (const char  *iso,
                      const GDate *today)
{
  g_autofree char *date = rd_date_format (iso);
  int days = rd_date_days_between (today, iso);
  g_autofree char *relative = NULL;

  if (days == G_MININT)
    return g_steal_pointer (&date);
  relative = rd_date_format_relative (days);
  /* Translators: a date, then how far it is from today, e.g. "31 Dec 2026 (in 43 days)" */
  return g_strdup_printf (_("%s (%s)"), date, relative);
}

/* The newest open delay by the day it was communicated, as the plan
 * template and the lifecycle pick it. */
static RdDelay *
find_open_delay (GListModel *delays)
{
  RdDelay *latest = NULL;

  for (guint i = 0; delays != NULL && i < g_list_model_get_n_items (delays); i++)
    {
      g_autoptr(RdDelay) delay = g_list_model_get_item (delays, i);
      const char *communicated, *newest;

      if (rd_delay_get_status (delay) == RD_DELAY_STATUS_RESOLVED)
        continue;
      communicated = rd_delay_get_communicated_on (delay);
      newest = latest != NULL ? rd_delay_get_communicated_on (latest) : NULL;
      if (latest == NULL ||
          g_strcmp0 (communicated != NULL ? communicated : "", newest != NULL ? newest : "") >= 0)
        latest = delay;
    }
  return latest;   /* the model keeps it alive */
}

static void
show_deadline (RdAccountOverview *self,
               const GDate       *today)
{
  const char *deadline = self->account != NULL ? rd_account_get_deadline (self->account) : NULL;
  g_autofree char *text = NULL;

  if (deadline == NULL)
    {
      gtk_label_set_text (self->deadline_label, _("No contract end set yet"));
      return;
    }
  text = format_date_relative (deadline, today);
  gtk_label_set_text (self->deadline_label, text);
}

static void
show_stage (RdAccountOverview *self)
{
  g_autofree char *text = NULL;
  RdStage stage;
  RdStatus status;

  if (self->account == NULL)
    return;
  stage = rd_account_get_stage (self->account);
  status = rd_account_get_status (self->account);
  /* Translators: the account's stage, then its status, e.g. "Maturing · Active" */
  text = g_strdup_printf (_("%s · %s"), rd_enum_table_label (&rd_stage_table, stage),
                          rd_enum_table_label (&rd_status_table, status));
  gtk_label_set_text (self->stage_label, text);
}

static void
show_delay (RdAccountOverview *self)
{
  RdDelay *delay = self->open_delay;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *when = NULL;
  int cause;
  RdClass klass;

  if (delay == NULL)
    {
      gtk_label_set_text (self->delay_label, _("None: nothing is holding the renewal up"));
      return;
    }

  cause = rd_delay_get_cause (delay);
  klass = rd_delay_get_effective_class (delay);
  when = rd_date_format (rd_delay_get_communicated_on (delay));
  /* Translators: the delay's class, then its cause, e.g. "Risk: Hidden problem" */
  g_string_append_printf (text, _("%s: %s"), rd_enum_table_label (&rd_class_table, klass),
                          cause >= 0 ? rd_enum_table_label (&rd_cause_table, cause)
                                     : _("Cause not assessed yet"));
  g_string_append (text, " · ");
  g_string_append_printf (text, _("Communicated %s"), when);

  if (self->classification != NULL && self->classification->reasons->len > 0)
    {
      g_string_append_c (text, '\n');
      for (guint i = 0; i < self->classification->reasons->len; i++)
        {
          if (i > 0)
            g_string_append (text, _("; "));
          g_string_append (text, g_ptr_array_index (self->classification->reasons, i));
        }
    }
  gtk_label_set_text (self->delay_label, text->str);
}

/* The earliest commitment still ahead on any open delay, and every one
 * that passed unmet. */
static void
show_commitments (RdAccountOverview *self,
                  const GDate       *today)
{
  g_autoptr(GString) missed = g_string_new (NULL);
  g_autofree char *next_text = NULL;
  const char *next_on = NULL;
  int next_kind = -1;

  for (guint i = 0; self->delays != NULL && i < g_list_model_get_n_items (self->delays); i++)
    {
      g_autoptr(RdDelay) delay = g_list_model_get_item (self->delays, i);

      if (rd_delay_get_status (delay) == RD_DELAY_STATUS_RESOLVED)
        continue;
      for (RdCommitment c = 0; c < RD_N_COMMITMENTS; c++)
        {
          const char *due = rd_delay_get_commitment (delay, c);

          if (due == NULL || rd_delay_get_commitment_kept (delay, c) != NULL)
            continue;
          if (rd_delay_is_missed (delay, c, today))
            {
              g_autofree char *date = rd_date_format (due);

              if (missed->len > 0)
                g_string_append_c (missed, '\n');
              /* Translators: a commitment and its date, e.g. "Final decision: 3 Mar 2026" */
              g_string_append_printf (missed, _("%s: %s"),
                                      rd_enum_table_label (&rd_commitment_table, c), date);
            }
          else if (rd_date_days_between (today, due) >= 0 &&
                   (next_on == NULL || g_strcmp0 (due, next_on) < 0))
            {
              next_on = due;
              next_kind = c;
            }
        }
    }

  if (next_on != NULL)
    {
      g_autofree char *date = format_date_relative (next_on, today);

      next_text = g_strdup_printf (_("%s: %s"),
                                   rd_enum_table_label (&rd_commitment_table, next_kind), date);
    }
  else if (self->open_delay != NULL)
    next_text = g_strdup (_("No date agreed: turn “later” into dates"));
  else
    next_text = g_strdup (_("None"));
  gtk_label_set_text (self->commitment_label, next_text);
  gtk_label_set_text (self->missed_label, missed->str);
  gtk_widget_set_visible (self->missed_row, missed->len > 0);
}

static gboolean
is_closed (RdAccountOverview *self)
{
  RdStatus status = self->account != NULL ? rd_account_get_status (self->account) : RD_STATUS_ACTIVE;

  return status == RD_STATUS_LOST || status == RD_STATUS_RENEWED;
}

/* Which of the buttons takes the class's advice: the plan for a risk, the
 * stakeholders when the decision is about people, the executive summary
 * for paperwork, the diagnostic questions otherwise. */
static GtkWidget *
recommended_button (RdAccountOverview *self)
{
  int cause;

  /* Closed either way: what is left to do is keep in touch. */
  if (is_closed (self))
    return self->log_activity_button;
  if (self->open_delay == NULL)
    return self->log_delay_button;

  cause = rd_delay_get_cause (self->open_delay);
  switch (rd_delay_get_effective_class (self->open_delay))
    {
    case RD_CLASS_ADMINISTRATIVE:
      return self->print_button;
    case RD_CLASS_DECISION:
      if (cause == RD_CAUSE_STAKEHOLDERS || cause == RD_CAUSE_CHAMPION_CHANGE)
        return self->contact_button;
      return self->open_delay_button;
    case RD_CLASS_RISK:
    default:
      return cause == RD_CAUSE_SHOPPING ? self->contact_button : self->plan_button;
    }
}

static void
show_advice (RdAccountOverview *self)
{
  RdDelay *delay = self->open_delay;

  for (guint i = 0; i < G_N_ELEMENTS (class_css); i++)
    {
      gtk_widget_remove_css_class (self->action_card, class_css[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->class_chip), class_css[i]);
    }

  if (is_closed (self))
    {
      gboolean lost = rd_account_get_status (self->account) == RD_STATUS_LOST;

      delay = NULL;
      gtk_label_set_text (self->advice_title_label,
                          lost ? _("Closed as lost") : rd_enum_table_label (&rd_status_table, RD_STATUS_RENEWED));
      gtk_label_set_text (self->advice_label,
                          lost ? _("Keep in touch without pushing, and learn what would win them back. "
                                   "When it is time to get back in touch, reopen the account as a new "
                                   "opportunity.")
                               : _("Show the value delivered this term and keep the champion close: "
                                   "the next renewal starts now."));
    }
  else if (delay != NULL)
    {
      RdClass klass = rd_delay_get_effective_class (delay);

      gtk_label_set_text (self->class_chip, rd_enum_table_label (&rd_class_table, klass));
      gtk_widget_add_css_class (GTK_WIDGET (self->class_chip), class_css[klass]);
      gtk_widget_add_css_class (self->action_card, class_css[klass]);
      gtk_label_set_text (self->advice_title_label, rd_class_response_title (klass));
      gtk_label_set_text (self->advice_label,
                          rd_class_response_advice (klass, rd_delay_get_cause (delay)));
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_delay_button), "s",
                                        rd_delay_get_id (delay));
    }
  else
    {
      gtk_label_set_text (self->advice_title_label, _("No delay is open"));
      gtk_label_set_text (self->advice_label,
                          _("Keep in touch and show the value delivered. When they ask for more "
                            "time, log the delay: its class says how to respond."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->class_chip), delay != NULL);
  /* The flow box's cell, or it keeps the place of the hidden button. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->open_delay_button), delay != NULL);

  if (self->primary != NULL)
    gtk_widget_remove_css_class (self->primary, "suggested-action");
  self->primary = recommended_button (self);
  gtk_widget_add_css_class (self->primary, "suggested-action");
}

static void
update (RdAccountOverview *self)
{
  GDate today;

  get_today (self, &today);
  show_deadline (self, &today);
  show_stage (self);
  show_delay (self);
  show_commitments (self, &today);
  show_advice (self);
}

/* Store answers ----------------------------------------------------------- */

typedef struct
{
  RdAccountOverview *self;
  RdDelay           *delay;
  guint              serial;
} ContextLoad;

static void
context_load_free (ContextLoad *load)
{
  g_object_unref (load->self);
  g_object_unref (load->delay);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContextLoad, context_load_free)

static void
delay_context_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ContextLoad) load = user_data;
  RdAccountOverview *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autofree RdDelayContext *context = NULL;

  context = rd_store_get_delay_context_finish (RD_STORE (object), result, &error);
  if (context == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the delay context: %s", error->message);
      return;
    }
  if (load->serial != self->context_serial || load->delay != self->open_delay)
    return;

  g_clear_pointer (&self->classification, rd_classification_free);
  self->classification = rd_delay_classify (load->delay, context);
  show_delay (self);
}

static void
load_classification (RdAccountOverview *self)
{
  RdStore *store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
  ContextLoad *load;

  self->context_serial++;
  if (store == NULL || self->account == NULL || self->open_delay == NULL)
    return;

  load = g_new0 (ContextLoad, 1);
  load->self = g_object_ref (self);
  load->delay = g_object_ref (self->open_delay);
  load->serial = self->context_serial;
  rd_store_get_delay_context_async (store, rd_account_get_id (self->account),
                                    rd_delay_get_id (self->open_delay),
                                    rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                                    delay_context_cb, load);
}

static void
show_reminder (RdAccountOverview *self,
               GPtrArray         *reminders)
{
  JsonObject *next = reminders->len > 0 ? g_ptr_array_index (reminders, 0) : NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  const char *title;
  GDate today;

  /* This account's, earliest due first. */
  gtk_widget_set_visible (self->reminder_row, next != NULL);
  if (next == NULL || (due = rd_reminder_get_effective_due (next)) == NULL)
    return;

  local = g_date_time_to_local (due);
  date = g_date_time_format (local, "%Y-%m-%d");
  get_today (self, &today);
  text = format_date_relative (date, &today);
  title = json_object_get_string_member_with_default (next, "title", NULL);
  if (title == NULL || *title == '\0')
    title = rd_reminder_get_kind_label (next);
  line = g_strdup_printf (_("%s · %s"), title, text);
  gtk_label_set_text (self->reminder_label, line);
}

typedef struct
{
  RdAccountOverview *self;
  guint              serial;
} ReminderLoad;

static void
reminders_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree ReminderLoad *load = user_data;
  g_autoptr(RdAccountOverview) self = load->self;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;

  reminders = rd_reminders_list_open_of_account_finish (RD_STORE (object), result, &error);
  if (reminders == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the reminders: %s", error->message);
      return;
    }
  if (load->serial != self->reminder_serial || self->account == NULL)
    return;
  show_reminder (self, reminders);
}

static void load_last_contact (RdAccountOverview *self);

static void
load_reminders (RdAccountOverview *self)
{
  RdStore *store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
  ReminderLoad *load;

  self->reminder_serial++;
  if (store == NULL || self->account == NULL)
    return;

  load = g_new0 (ReminderLoad, 1);
  load->self = g_object_ref (self);
  load->serial = self->reminder_serial;
  rd_reminders_list_open_of_account_async (store, rd_account_get_id (self->account),
                                           rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)),
                                           reminders_cb, load);
  load_last_contact (self);
}

/* "1 Dec 2026 (4 days ago)": a past day, never "overdue". */
static char *
format_date_ago (const char  *iso,
                 const GDate *today)
{
  g_autofree char *date = rd_date_format (iso);
  int between = rd_date_days_between (today, iso);
  int days = between == G_MININT ? -1 : -between;
  g_autofree char *relative = NULL;

  /* Unknown, or (a typing slip) a day still to come: the date alone. */
  if (days < 0)
    return g_steal_pointer (&date);
  if (days == 0)
    relative = g_strdup (_("today"));
  else if (days == 1)
    relative = g_strdup (_("yesterday"));
  else
    relative = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
  return g_strdup_printf (_("%s (%s)"), date, relative);
}

/* "Call · 2 days ago: Asked where the renewal stands", the newest entry
 * of the activity log on or before today. */
static void
show_last_contact (RdAccountOverview *self,
                   GPtrArray         *activities)
{
  RdActivityRecord *last = NULL;
  g_autofree char *when = NULL;
  g_autofree char *line = NULL;
  g_autofree char *today_iso = NULL;
  const char *summary;
  int kind;
  GDate today;

  get_today (self, &today);
  today_iso = rd_date_to_string (&today);
  for (guint i = 0; i < activities->len; i++)
    {
      RdActivityRecord *activity = g_ptr_array_index (activities, i);
      const char *on = rd_activity_record_get_on (activity);

      if (on != NULL && strcmp (on, today_iso) <= 0 &&
          (last == NULL || strcmp (on, rd_activity_record_get_on (last)) > 0))
        last = activity;
    }

  if (last == NULL)
    {
      gtk_label_set_text (self->last_contact_label, _("Nothing logged yet"));
      return;
    }

  kind = rd_activity_record_get_kind (last);
  when = format_date_ago (rd_activity_record_get_on (last), &today);
  summary = rd_activity_record_get_summary (last);
  if (summary == NULL)
    summary = rd_activity_record_get_their_response (last);
  /* Translators: the last activity: its kind, when, and what was done */
  line = g_strdup_printf (summary != NULL ? _("%s · %s: %s") : _("%s · %s"),
                          rd_enum_table_label (&rd_activity_kind_table, kind >= 0 ? kind : RD_ACTIVITY_NOTE),
                          when, summary);
  gtk_label_set_text (self->last_contact_label, line);
}

static void
activities_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree ReminderLoad *load = user_data;
  g_autoptr(RdAccountOverview) self = load->self;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;

  activities = rd_records_list_finish (RD_STORE (object), result, &error);
  if (activities == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the activity log: %s", error->message);
      return;
    }
  if (load->serial != self->reminder_serial || self->account == NULL)
    return;
  show_last_contact (self, activities);
}

static void
load_last_contact (RdAccountOverview *self)
{
  RdStore *store = rd_account_pane_get_store (RD_ACCOUNT_PANE (self));
  ReminderLoad *load;

  if (store == NULL || self->account == NULL)
    return;

  load = g_new0 (ReminderLoad, 1);
  load->self = g_object_ref (self);
  load->serial = self->reminder_serial;
  rd_records_list_async (store, RD_TYPE_ACTIVITY_RECORD, rd_account_get_id (self->account),
                         rd_account_pane_get_cancellable (RD_ACCOUNT_PANE (self)), activities_cb, load);
}

/* Signal callbacks --------------------------------------------------------- */

static void
on_delays_changed_cb (RdAccountOverview *self)
{
  RdDelay *open;

  g_assert (RD_IS_ACCOUNT_OVERVIEW (self));

  open = find_open_delay (self->delays);
  if (open != self->open_delay)
    {
      g_set_object (&self->open_delay, open);
      g_clear_pointer (&self->classification, rd_classification_free);
    }
  update (self);
  load_classification (self);
}

/* GObject ----------------------------------------------------------------- */

static void
rd_account_overview_dispose (GObject *object)
{
  RdAccountOverview *self = RD_ACCOUNT_OVERVIEW (object);

  if (self->delays != NULL)
    g_signal_handlers_disconnect_by_func (self->delays, on_delays_changed_cb, self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACCOUNT_OVERVIEW);
  self->primary = NULL;
  g_clear_object (&self->account);
  g_clear_object (&self->delays);
  g_clear_object (&self->open_delay);
  g_clear_pointer (&self->classification, rd_classification_free);

  G_OBJECT_CLASS (rd_account_overview_parent_class)->dispose (object);
}

static void
rd_account_overview_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RdAccountOverview *self = RD_ACCOUNT_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_DELAYS:
      g_value_set_object (value, self->delays);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_account_overview_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RdAccountOverview *self = RD_ACCOUNT_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      rd_account_overview_set_account (self, g_value_get_object (value));
      break;
    case PROP_DELAYS:
      rd_account_overview_set_delays (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_account_overview_class_init (RdAccountOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_account_overview_dispose;
  object_class->get_property = rd_account_overview_get_property;
  object_class->set_property = rd_account_overview_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, RD_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAYS] =
    g_param_spec_object ("delays", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_RISK_BADGE);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/renewaldesk/RenewalDesk/ui/rd-account-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, action_card);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, advice_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, advice_title_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, bridge_button);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, class_chip);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, commitment_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, contact_button);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, delay_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, log_activity_button);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, log_delay_button);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, missed_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, missed_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, open_delay_button);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, plan_button);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, print_button);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, last_contact_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, reminder_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, reminder_row);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, risk_badge);
  gtk_widget_class_bind_template_child (widget_class, RdAccountOverview, stage_label);
}

static void
rd_account_overview_init (RdAccountOverview *self)
{
  GtkWidget *box;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Tab goes straight to the buttons, not to the flow box's cells first. */
  box = gtk_widget_get_parent (self->log_delay_button);
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  update (self);
}

/* Public API ------------------------------------------------------------- */

RdAccount *
rd_account_overview_get_account (RdAccountOverview *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_OVERVIEW (self), NULL);

  return self->account;
}

/* Called for every refresh of the page's account, not only a new one. */
void
rd_account_overview_set_account (RdAccountOverview *self,
                                 RdAccount         *account)
{
  gboolean other;

  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW (self));
  g_return_if_fail (account == NULL || RD_IS_ACCOUNT (account));

  other = account == NULL || self->account == NULL ||
          g_strcmp0 (rd_account_get_id (account), rd_account_get_id (self->account)) != 0;
  if (!g_set_object (&self->account, account))
    return;

  rd_risk_badge_set_account (self->risk_badge, account);
  if (other)
    {
      gtk_widget_set_visible (self->reminder_row, FALSE);
      load_reminders (self);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

GListModel *
rd_account_overview_get_delays (RdAccountOverview *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_OVERVIEW (self), NULL);

  return self->delays;
}

void
rd_account_overview_set_delays (RdAccountOverview *self,
                                GListModel        *delays)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW (self));
  g_return_if_fail (delays == NULL || G_IS_LIST_MODEL (delays));

  if (self->delays == delays)
    return;

  if (self->delays != NULL)
    g_signal_handlers_disconnect_by_func (self->delays, on_delays_changed_cb, self);
  g_set_object (&self->delays, delays);
  if (delays != NULL)
    g_signal_connect_object (delays, "items-changed", G_CALLBACK (on_delays_changed_cb), self,
                             G_CONNECT_SWAPPED);
  on_delays_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAYS]);
}

void
rd_account_overview_reload (RdAccountOverview *self)
{
  g_return_if_fail (RD_IS_ACCOUNT_OVERVIEW (self));

  self->n_reloads++;
  update (self);
  load_classification (self);
  load_reminders (self);
}

gboolean
rd_account_overview_focus_action (RdAccountOverview *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_OVERVIEW (self), FALSE);

  if (self->primary != NULL && gtk_widget_get_sensitive (self->primary) &&
      gtk_widget_grab_focus (self->primary))
    return TRUE;
  return gtk_widget_grab_focus (self->log_delay_button);
}

int
_rd_account_overview_get_open_class (RdAccountOverview *self)
{
  return self->open_delay != NULL ? (int) rd_delay_get_effective_class (self->open_delay) : -1;
}

guint
_rd_account_overview_get_n_reloads (RdAccountOverview *self)
{
  return self->n_reloads;
}

const char *
_rd_account_overview_get_advice (RdAccountOverview *self)
{
  return gtk_label_get_text (self->advice_title_label);
}
