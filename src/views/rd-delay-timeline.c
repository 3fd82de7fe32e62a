/* rd-delay-timeline.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-delay-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-delay-timeline.h"
#include "rd-format.h"

#define AXIS_HEIGHT   28.0
#define LANE_HEIGHT   30.0
#define BOTTOM_MARGIN 8.0
#define SIDE_MARGIN   14.0
#define MARKER_RADIUS 9.0
#define TICK_HALF     6.0
#define HIT_SLOP      6.0

struct _RdDelayTimeline
{
  GtkWidget   parent_instance;

  RdAccount  *account;        /* owned */
  GListModel *delays;         /* owned */
  GDate       today;
  guint       selected;       /* lane with keyboard focus */

  /* The axis, recomputed when the data changes. */
  guint32     start_julian;
  guint32     end_julian;
};

G_DEFINE_FINAL_TYPE (RdDelayTimeline, rd_delay_timeline, GTK_TYPE_WIDGET)

static gboolean
julian_of (const char *iso,
           guint32    *out)
{
  GDate date;

  if (iso == NULL || !rd_date_parse (iso, &date))
    return FALSE;
  *out = g_date_get_julian (&date);
  return TRUE;
}

static guint
n_delays (RdDelayTimeline *self)
{
  return self->delays ? g_list_model_get_n_items (self->delays) : 0;
}

static RdDelay *
peek_delay (RdDelayTimeline *self,
            guint            position)
{
  g_autoptr(RdDelay) delay = g_list_model_get_item (self->delays, position);

  /* The model holds a reference for as long as the item is in it. */
  return delay;
}

static void
extend_range (guint32    *lo,
              guint32    *hi,
              const char *iso)
{
  guint32 j;

  if (!julian_of (iso, &j))
    return;
  *lo = MIN (*lo, j);
  *hi = MAX (*hi, j);
}

static void
update_range (RdDelayTimeline *self)
{
  guint32 today = g_date_get_julian (&self->today);
  guint32 lo = today, hi = today;

  if (self->account != NULL)
    {
      extend_range (&lo, &hi, rd_account_get_contract_end (self->account));
      extend_range (&lo, &hi, rd_account_get_deadline (self->account));
    }

  for (guint i = 0; i < n_delays (self); i++)
    {
      RdDelay *delay = peek_delay (self, i);

      extend_range (&lo, &hi, rd_delay_get_communicated_on (delay));
      for (guint c = 0; c < RD_N_COMMITMENTS; c++)
        extend_range (&lo, &hi, rd_delay_get_commitment (delay, c));
    }

  /* A little room before the first delay and beyond the hard deadline. */
  self->start_julian = lo > 14 ? lo - 14 : 1;
  self->end_julian = hi + 30;
}

static double
x_of_julian (RdDelayTimeline *self,
             guint32          julian)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * SIDE_MARGIN;
  double span = MAX (1, (double) self->end_julian - self->start_julian);

  return SIDE_MARGIN + width * ((double) julian - self->start_julian) / span;
}

static gboolean
x_of_date (RdDelayTimeline *self,
           const char      *iso,
           double          *out_x)
{
  guint32 j;

  if (!julian_of (iso, &j))
    return FALSE;
  *out_x = x_of_julian (self, j);
  return TRUE;
}

static double
lane_centre (guint lane)
{
  return AXIS_HEIGHT + LANE_HEIGHT * lane + LANE_HEIGHT / 2;
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *out)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, out))
    gtk_style_context_get_color (context, out);
}

static void
class_color (GtkWidget *widget,
             RdClass    klass,
             GdkRGBA   *out)
{
  static const char * const names[] = { "success_color", "warning_color", "error_color" };

  lookup_color (widget, names[klass], out);
}

/* The core's rule: passed without being ticked off as kept (for a resolved
 * delay, as of the day it was resolved). */
static gboolean
commitment_missed (RdDelayTimeline *self,
                   RdDelay         *delay,
                   RdCommitment     commitment)
{
  return rd_delay_is_missed (delay, commitment, &self->today);
}

static char *
describe_delay (RdDelayTimeline *self,
                RdDelay         *delay)
{
  g_autofree char *date = rd_date_format (rd_delay_get_communicated_on (delay));
  const char *klass = rd_enum_table_label (&rd_class_table, rd_delay_get_effective_class (delay));
  int cause = rd_delay_get_cause (delay);
  guint missed = rd_delay_count_missed (delay, &self->today);
  GString *text = g_string_new (NULL);

  /* Translators: "Risk: Shopping around, communicated 3 Nov 2026" */
  g_string_append_printf (text, _("%s: %s, communicated %s"), klass,
                          cause >= 0 ? rd_enum_table_label (&rd_cause_table, cause)
                                     : _("cause not assessed"),
                          date);
  if (rd_delay_get_status (delay) == RD_DELAY_STATUS_RESOLVED)
    g_string_append_printf (text, " (%s)", _("resolved"));
  if (missed > 0)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u commitment missed",
                                                 "%u commitments missed", missed), missed);
    }

  return g_string_free (text, FALSE);
}

static void
update_accessible (RdDelayTimeline *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = n_delays (self);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u delay", "%u delays", n), n);
  if (self->account != NULL && rd_account_get_deadline (self->account) != NULL)
    {
      g_autofree char *end = rd_date_format (rd_account_get_deadline (self->account));

      g_string_append (text, ". ");
      g_string_append_printf (text, _("Contract ends %s"), end);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = describe_delay (self, peek_delay (self, i));

      g_string_append (text, ". ");
      g_string_append (text, line);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
data_changed (RdDelayTimeline *self)
{
  update_range (self);
  if (self->selected >= n_delays (self))
    self->selected = 0;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_delays_items_changed_cb (GListModel      *model,
                            guint            position,
                            guint            removed,
                            guint            added,
                            RdDelayTimeline *self)
{
  g_assert (RD_IS_DELAY_TIMELINE (self));

  data_changed (self);
}

static void
activate_delay (RdDelayTimeline *self,
                RdDelay         *delay)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "account.open-delay", "s",
                              rd_delay_get_id (delay));
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      RdDelayTimeline *self)
{
  RdDelay *delay;

  g_assert (RD_IS_DELAY_TIMELINE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  delay = rd_delay_timeline_get_delay_at (self, x, y);
  if (delay == NULL)
    return;

  for (guint i = 0; i < n_delays (self); i++)
    if (peek_delay (self, i) == delay)
      self->selected = i;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  activate_delay (self, delay);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   RdDelayTimeline       *self)
{
  guint n = n_delays (self);

  g_assert (RD_IS_DELAY_TIMELINE (self));

  if (n == 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_Left:
      if (self->selected == 0)
        return GDK_EVENT_PROPAGATE;
      self->selected--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_Right:
      if (self->selected + 1 >= n)
        return GDK_EVENT_PROPAGATE;
      self->selected++;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      activate_delay (self, peek_delay (self, self->selected));
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  {
    g_autofree char *line = describe_delay (self, peek_delay (self, self->selected));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, line, -1);
  }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return GDK_EVENT_STOP;
}

static gboolean
on_query_tooltip_cb (GtkWidget       *widget,
                     int              x,
                     int              y,
                     gboolean         keyboard_mode,
                     GtkTooltip      *tooltip,
                     RdDelayTimeline *self)
{
  g_autofree char *text = NULL;
  double deadline_x;

  g_assert (RD_IS_DELAY_TIMELINE (self));

  if (keyboard_mode)
    {
      if (n_delays (self) == 0)
        return FALSE;
      text = describe_delay (self, peek_delay (self, self->selected));
    }
  else if (y >= AXIS_HEIGHT && n_delays (self) > 0)
    {
      guint lane = (guint) ((y - AXIS_HEIGHT) / LANE_HEIGHT);
      RdDelay *delay;
      double cx;

      if (lane >= n_delays (self))
        return FALSE;
      delay = peek_delay (self, lane);

      for (guint c = 0; c < RD_N_COMMITMENTS && text == NULL; c++)
        {
          const char *date = rd_delay_get_commitment (delay, c);

          if (x_of_date (self, date, &cx) && ABS (cx - x) <= HIT_SLOP)
            {
              g_autofree char *when = rd_date_format (date);

              /* Translators: "Decision by: 12 Dec 2026" (+ " — missed") */
              text = g_strdup_printf (commitment_missed (self, delay, c) ? _("%s: %s — missed")
                                                                        : _("%s: %s"),
                                      rd_enum_table_label (&rd_commitment_table, c), when);
            }
        }
      if (text == NULL)
        text = describe_delay (self, delay);
    }
  else if (self->account != NULL &&
           x_of_date (self, rd_account_get_deadline (self->account), &deadline_x) &&
           ABS (deadline_x - x) <= HIT_SLOP)
    {
      g_autofree char *when = rd_date_format (rd_account_get_deadline (self->account));

      text = g_strdup_printf (_("Contract ends %s"), when);
    }

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
append_vline (GtkSnapshot   *snapshot,
              double         x,
              double         y0,
              double         y1,
              double         width,
              const GdkRGBA *color)
{
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (x - width / 2, y0, width, y1 - y0));
}

static void
append_label (RdDelayTimeline *self,
              GtkSnapshot     *snapshot,
              const char      *text,
              double           x,
              double           y,
              gboolean         centred,
              const GdkRGBA   *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width, height;
  double right = gtk_widget_get_width (GTK_WIDGET (self)) - 2;

  pango_layout_get_pixel_size (layout, &width, &height);
  if (centred)
    x -= width / 2.0;
  x = CLAMP (x, 2, MAX (2, right - width));

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y - height / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_axis (RdDelayTimeline *self,
               GtkSnapshot     *snapshot,
               const GdkRGBA   *fg,
               double           height)
{
  GdkRGBA dim = *fg, grid = *fg;
  GDate month;
  double last_label_x = -1000;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double avoid_lo = G_MAXDOUBLE, avoid_hi = -G_MAXDOUBLE, deadline_x;

  if (self->account != NULL &&
      x_of_date (self, rd_account_get_deadline (self->account), &deadline_x))
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), _("End"));
      int end_width;

      pango_layout_get_pixel_size (layout, &end_width, NULL);
      avoid_lo = deadline_x - 4 - end_width / 2.0;
      avoid_hi = deadline_x - 4 + end_width / 2.0;
    }

  dim.alpha *= 0.6;
  grid.alpha *= 0.12;

  gtk_snapshot_append_color (snapshot, &grid,
                             &GRAPHENE_RECT_INIT (SIDE_MARGIN, AXIS_HEIGHT - 1,
                                                  width - 2 * SIDE_MARGIN, 1));

  g_date_clear (&month, 1);
  g_date_set_julian (&month, self->start_julian);
  g_date_set_day (&month, 1);
  g_date_add_months (&month, 1);

  while (g_date_get_julian (&month) < self->end_julian)
    {
      double x = x_of_julian (self, g_date_get_julian (&month));

      append_vline (snapshot, x, AXIS_HEIGHT - 4, height - BOTTOM_MARGIN, 1, &grid);

      /* Label only months with room, so 360 px stays legible, and never
       * under the deadline's own label. */
      if (x - last_label_x >= 44)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&month),
                                                           g_date_get_month (&month), 1, 0, 0, 0);
          g_autofree char *label = g_date_time_format (dt, g_date_get_month (&month) == 1
                                                           ? "%b %Y" : "%b");
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), label);
          int label_width;

          pango_layout_get_pixel_size (layout, &label_width, NULL);
          if (x + 3 + label_width + 4 < avoid_lo || x + 3 - 4 > avoid_hi)
            {
              append_label (self, snapshot, label, x + 3, AXIS_HEIGHT / 2, FALSE, &dim);
              last_label_x = x + MAX (0, label_width - 40);
            }
        }
      g_date_add_months (&month, 1);
    }
}

static void
snapshot_marker (RdDelayTimeline *self,
                 GtkSnapshot     *snapshot,
                 RdDelay         *delay,
                 double           x,
                 double           y,
                 gboolean         focused)
{
  RdClass klass = rd_delay_get_effective_class (delay);
  const char *label = rd_enum_table_label (&rd_class_table, klass);
  GskRoundedRect disc;
  GdkRGBA color, ink;
  char initial[8] = { 0 };
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;

  class_color (GTK_WIDGET (self), klass, &color);
  /* The named colours are dark in the light style and light in the dark
   * one: the window background reads on either. */
  lookup_color (GTK_WIDGET (self), "window_bg_color", &ink);
  ink.alpha = 1;
  if (rd_delay_get_status (delay) == RD_DELAY_STATUS_RESOLVED)
    color.alpha *= 0.45;

  gsk_rounded_rect_init_from_rect (&disc,
                                   &GRAPHENE_RECT_INIT (x - MARKER_RADIUS, y - MARKER_RADIUS,
                                                        2 * MARKER_RADIUS, 2 * MARKER_RADIUS),
                                   MARKER_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &disc);
  gtk_snapshot_append_color (snapshot, &color, &disc.bounds);
  gtk_snapshot_pop (snapshot);

  if (focused && gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      GdkRGBA ring;
      GskRoundedRect outline;
      float widths[4] = { 2, 2, 2, 2 };
      GdkRGBA colors[4];

      lookup_color (GTK_WIDGET (self), "accent_color", &ring);
      for (guint i = 0; i < 4; i++)
        colors[i] = ring;
      gsk_rounded_rect_init_from_rect (&outline, &disc.bounds, MARKER_RADIUS + 3);
      gsk_rounded_rect_shrink (&outline, -3, -3, -3, -3);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }

  /* Never colour alone: the class's initial sits in the marker. */
  g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (label)), initial);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), initial);
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - w / 2.0, y - h / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, &ink);
  gtk_snapshot_restore (snapshot);
}

static void
rd_delay_timeline_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  RdDelayTimeline *self = RD_DELAY_TIMELINE (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA fg, error, accent, dim;
  double x;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "error_color", &error);
  lookup_color (widget, "accent_color", &accent);
  dim = fg;
  dim.alpha *= 0.35;

  snapshot_axis (self, snapshot, &fg, height);

  /* Today, under the markers so it never hides one. */
  x = x_of_julian (self, g_date_get_julian (&self->today));
  append_vline (snapshot, x, AXIS_HEIGHT - 6, height - BOTTOM_MARGIN, 2, &accent);

  if (n_delays (self) == 0)
    append_label (self, snapshot, _("No delays logged"),
                  gtk_widget_get_width (widget) / 2.0, lane_centre (0), TRUE, &dim);

  for (guint i = 0; i < n_delays (self); i++)
    {
      RdDelay *delay = peek_delay (self, i);
      double y = lane_centre (i), mx, lo, hi;
      GdkRGBA line;

      if (!x_of_date (self, rd_delay_get_communicated_on (delay), &mx))
        continue;

      /* A thin line from the marker through its commitments. */
      lo = hi = mx;
      for (guint c = 0; c < RD_N_COMMITMENTS; c++)
        if (x_of_date (self, rd_delay_get_commitment (delay, c), &x))
          lo = MIN (lo, x), hi = MAX (hi, x);
      class_color (widget, rd_delay_get_effective_class (delay), &line);
      line.alpha *= 0.35;
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (lo, y - 1, hi - lo, 2));

      for (guint c = 0; c < RD_N_COMMITMENTS; c++)
        {
          gboolean missed;

          if (!x_of_date (self, rd_delay_get_commitment (delay, c), &x))
            continue;
          missed = commitment_missed (self, delay, c);
          append_vline (snapshot, x, y - TICK_HALF - (missed ? 2 : 0),
                        y + TICK_HALF + (missed ? 2 : 0), missed ? 4 : 2,
                        missed ? &error : &fg);
        }

      snapshot_marker (self, snapshot, delay, mx, y, i == self->selected);
    }

  /* The hard deadline, and the original end when a bridge moved it. */
  if (self->account != NULL)
    {
      const char *end = rd_account_get_contract_end (self->account);
      const char *deadline = rd_account_get_deadline (self->account);

      if (g_strcmp0 (end, deadline) != 0 && x_of_date (self, end, &x))
        append_vline (snapshot, x, AXIS_HEIGHT, height - BOTTOM_MARGIN, 1, &error);
      if (x_of_date (self, deadline, &x))
        {
          append_vline (snapshot, x, AXIS_HEIGHT - 6, height - BOTTOM_MARGIN, 3, &error);
          append_label (self, snapshot, _("End"), x - 4, AXIS_HEIGHT / 2, TRUE, &error);
        }
    }

}

static void
rd_delay_timeline_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  RdDelayTimeline *self = RD_DELAY_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 600;
    }
  else
    {
      *minimum = *natural = (int) (AXIS_HEIGHT + LANE_HEIGHT * MAX (1, n_delays (self)) +
                                   BOTTOM_MARGIN);
    }
}

static void
rd_delay_timeline_focus_changed (RdDelayTimeline *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rd_delay_timeline_dispose (GObject *object)
{
  RdDelayTimeline *self = (RdDelayTimeline *)object;

  if (self->delays != NULL)
    g_signal_handlers_disconnect_by_func (self->delays, on_delays_items_changed_cb, self);
  g_clear_object (&self->delays);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (rd_delay_timeline_parent_class)->dispose (object);
}

static void
rd_delay_timeline_class_init (RdDelayTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_delay_timeline_dispose;

  widget_class->snapshot = rd_delay_timeline_snapshot;
  widget_class->measure = rd_delay_timeline_measure;

  gtk_widget_class_set_css_name (widget_class, "delaytimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rd_delay_timeline_init (RdDelayTimeline *self)
{
  GtkGesture *click;
  GtkEventController *key, *focus;

  rd_date_today (&self->today);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (rd_delay_timeline_focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (rd_delay_timeline_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delay timeline"),
                                  -1);
  update_range (self);
}

GtkWidget *
rd_delay_timeline_new (void)
{
  return g_object_new (RD_TYPE_DELAY_TIMELINE, NULL);
}

void
rd_delay_timeline_set_account (RdDelayTimeline *self,
                               RdAccount       *account)
{
  g_return_if_fail (RD_IS_DELAY_TIMELINE (self));
  g_return_if_fail (!account || RD_IS_ACCOUNT (account));

  /* Always redraw: the same account object may have a new contract end. */
  g_set_object (&self->account, account);
  data_changed (self);
}

void
rd_delay_timeline_set_delays (RdDelayTimeline *self,
                              GListModel      *delays)
{
  g_return_if_fail (RD_IS_DELAY_TIMELINE (self));
  g_return_if_fail (!delays || G_IS_LIST_MODEL (delays));

  if (self->delays == delays)
    return;

  if (self->delays != NULL)
    g_signal_handlers_disconnect_by_func (self->delays, on_delays_items_changed_cb, self);
  g_set_object (&self->delays, delays);
  if (self->delays != NULL)
    g_signal_connect (self->delays, "items-changed", G_CALLBACK (on_delays_items_changed_cb), self);

  self->selected = 0;
  data_changed (self);
}

void
rd_delay_timeline_set_today (RdDelayTimeline *self,
                             const GDate     *today)
{
  g_return_if_fail (RD_IS_DELAY_TIMELINE (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->today = *today;
  data_changed (self);
}

RdDelay *
rd_delay_timeline_get_delay_at (RdDelayTimeline *self,
                                double           x,
                                double           y)
{
  guint lane;
  RdDelay *delay;
  double mx;

  g_return_val_if_fail (RD_IS_DELAY_TIMELINE (self), NULL);

  if (y < AXIS_HEIGHT || n_delays (self) == 0)
    return NULL;

  lane = (guint) ((y - AXIS_HEIGHT) / LANE_HEIGHT);
  if (lane >= n_delays (self))
    return NULL;

  delay = peek_delay (self, lane);
  if (!x_of_date (self, rd_delay_get_communicated_on (delay), &mx))
    return NULL;

  /* The whole lane is the target: easier to hit at 360 px. */
  return delay;
}

gboolean
rd_delay_timeline_get_marker (RdDelayTimeline  *self,
                              guint             position,
                              graphene_point_t *out_centre)
{
  double x;

  g_return_val_if_fail (RD_IS_DELAY_TIMELINE (self), FALSE);
  g_return_val_if_fail (out_centre != NULL, FALSE);

  if (position >= n_delays (self) ||
      !x_of_date (self, rd_delay_get_communicated_on (peek_delay (self, position)), &x))
    return FALSE;

  graphene_point_init (out_centre, x, lane_centre (position));
  return TRUE;
}
