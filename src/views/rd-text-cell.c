/* rd-text-cell.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-text-cell"

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "rd-text-cell.h"

/*
 * The layout is made with gtk_widget_create_pango_layout (), on the
 * widget's own Pango context, which GTK updates for font, DPI and direction
 * changes (a layout notices its context's serial).  In GTK 4.8 the layout
 * carries none of the CSS's text attributes, so the cell gives itself the
 * one the list uses: tabular figures for the "numeric" style class, as a
 * GtkLabel has them.  A CSS change drops the layout only when the class
 * comes or goes, and the line height only when it brings another font: most
 * changes (hover, selection, a row's colour classes) only change the
 * colours, which are read when drawing, and a list re-pointing its rows
 * changes the classes of many cells at once.  GtkWidget itself queues the
 * resize when the font size changed.
 *
 * The height is that of a line of the interface's language (Pango's
 * sample text for it): the height a GtkLabel in that font has for the
 * words of the interface and for most data.  A line in a script whose
 * fallback font is taller (a Chinese name in an English interface) is
 * not given the pixel or two more that a GtkLabel would ask for.
 *
 * A cell that shares layouts (rd_text_cell_set_shares_layouts ()) takes
 * its layout from a cache of the process, by its text and all that shapes
 * it (font, language, resolution, font options, direction, figures,
 * ellipsizing and width): a stage, a status or a chip's word is shaped
 * once, not again by every row that scrolls or filters to it.  A shared
 * layout is never changed, only dropped: a cell with a new text, width or
 * font looks up another.  It belongs to the context of the cell that made
 * it; should that context change, the layout is made again.
 */

struct _RdTextCell
{
  GtkWidget           parent_instance;

  char               *text;
  PangoLayout        *layout;       /* NULL until drawn or asked */
  gboolean            tabular;      /* the layout has tabular figures ("numeric") */
  PangoFontDescription *font;       /* the font the line metrics were measured in */
  float               xalign;
  PangoEllipsizeMode  ellipsize;
  int                 line_height;  /* -1 until measured */
  int                 line_baseline;
  int                 ellipsis_width;
  char               *shaping_key;  /* line_metrics_key (), measured with the line height */
  gboolean            shares_layouts;
  guint               layout_serial; /* of the shared layout's context when taken */
};

enum {
  PROP_0,
  PROP_TEXT,
  PROP_XALIGN,
  PROP_ELLIPSIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdTextCell, rd_text_cell, GTK_TYPE_WIDGET)

/* Helpers ---------------------------------------------------------------- */

static gboolean
wants_tabular (RdTextCell *self)
{
  return gtk_widget_has_css_class (GTK_WIDGET (self), "numeric");
}

/* The width the layout is cut short at, in pixels, or -1 for none. */
static int
layout_width (RdTextCell *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return self->ellipsize != PANGO_ELLIPSIZE_NONE && width > 0 ? width : -1;
}

static PangoLayout *
new_layout (RdTextCell *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
  int width = layout_width (self);

  if (self->tabular)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
    }
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, self->ellipsize);
  if (width > 0)
    pango_layout_set_width (layout, width * PANGO_SCALE);
  return layout;
}

static void ensure_metrics (RdTextCell *self);

/* The shared layouts: two generations of a table, key → SharedLayout.
 * A full current generation becomes the old one and the older is
 * dropped; a layout found in the old one moves to the current. */
#define SHARED_LAYOUTS_PER_GENERATION 256

typedef struct
{
  PangoLayout *layout;
  guint        serial;   /* of its context when made */
} SharedLayout;

static GHashTable *shared_layouts[2];   /* current, old */

static void
shared_layout_free (gpointer data)
{
  SharedLayout *shared = data;

  g_object_unref (shared->layout);
  g_free (shared);
}

static guint
context_serial (PangoLayout *layout)
{
  return pango_context_get_serial (pango_layout_get_context (layout));
}

/* The shared layout for @key, unless its context changed since. */
static PangoLayout *
lookup_shared_layout (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (shared_layouts); i++)
    {
      char *stored_key;
      SharedLayout *shared;

      if (shared_layouts[i] == NULL ||
          !g_hash_table_lookup_extended (shared_layouts[i], key, (gpointer *) &stored_key,
                                         (gpointer *) &shared))
        continue;
      if (shared->serial != context_serial (shared->layout))
        {
          g_hash_table_remove (shared_layouts[i], key);
          return NULL;
        }
      if (i > 0)
        {
          g_hash_table_steal (shared_layouts[i], key);
          g_hash_table_insert (shared_layouts[0], stored_key, shared);
        }
      return shared->layout;
    }

  return NULL;
}

static void
insert_shared_layout (char        *key,
                      PangoLayout *layout)
{
  SharedLayout *shared = g_new (SharedLayout, 1);

  if (shared_layouts[0] == NULL)
    shared_layouts[0] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               shared_layout_free);
  if (g_hash_table_size (shared_layouts[0]) >= SHARED_LAYOUTS_PER_GENERATION)
    {
      g_clear_pointer (&shared_layouts[1], g_hash_table_unref);
      shared_layouts[1] = g_steal_pointer (&shared_layouts[0]);
      shared_layouts[0] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 shared_layout_free);
    }

  shared->layout = g_object_ref (layout);
  shared->serial = context_serial (layout);
  g_hash_table_replace (shared_layouts[0], key, shared);
}

static PangoLayout *
take_shared_layout (RdTextCell *self)
{
  g_autofree char *key = NULL;
  PangoLayout *layout;

  ensure_metrics (self);
  key = g_strdup_printf ("%s|%d|%d|%d|%d|%s", self->shaping_key,
                         gtk_widget_get_direction (GTK_WIDGET (self)), self->tabular,
                         self->ellipsize, layout_width (self), self->text);
  layout = lookup_shared_layout (key);
  if (layout != NULL)
    return g_object_ref (layout);

  layout = new_layout (self);
  insert_shared_layout (g_steal_pointer (&key), layout);
  return layout;
}

static PangoLayout *
ensure_layout (RdTextCell *self)
{
  /* Taken from another cell, whose font or direction changed since. */
  if (self->layout != NULL && self->shares_layouts &&
      context_serial (self->layout) != self->layout_serial)
    g_clear_object (&self->layout);

  if (self->layout == NULL)
    {
      self->tabular = wants_tabular (self);
      if (self->shares_layouts)
        {
          self->layout = take_shared_layout (self);
          self->layout_serial = context_serial (self->layout);
        }
      else
        {
          self->layout = new_layout (self);
        }
    }

  return self->layout;
}

typedef struct
{
  int line_height;
  int line_baseline;
  int ellipsis_width;
} LineMetrics;

/* What the line metrics depend on: the font, the language, the
 * resolution and the font options of @context (tabular figures change no
 * line's height). */
static char *
line_metrics_key (PangoContext *context)
{
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));

  return g_strdup_printf ("%s|%s|%g|%lu", font,
                          pango_language_to_string (pango_context_get_language (context)),
                          pango_cairo_context_get_resolution (context),
                          options != NULL ? cairo_font_options_hash (options) : 0);
}

static void
measure_line_metrics (PangoContext *context,
                      LineMetrics  *metrics)
{
  g_autoptr(PangoLayout) sample = pango_layout_new (context);
  PangoRectangle logical;

  pango_layout_set_text (sample,
                         pango_language_get_sample_string (pango_context_get_language (context)),
                         -1);
  pango_layout_set_single_paragraph_mode (sample, TRUE);
  pango_layout_get_extents (sample, NULL, &logical);
  /* Rounded as GtkLabel rounds its size. */
  metrics->line_height = PANGO_PIXELS_CEIL (logical.height);
  metrics->line_baseline = pango_layout_get_baseline (sample) / PANGO_SCALE;

  pango_layout_set_text (sample, "\xe2\x80\xa6", -1);   /* "…" */
  pango_layout_get_extents (sample, NULL, &logical);
  metrics->ellipsis_width = PANGO_PIXELS_CEIL (logical.width);
}

/* The line height, and the width of an ellipsis: what does not depend on
 * the text.  Shaping a sample line is most of a new cell's cost, and a
 * list has hundreds of cells in a few fonts: each font is measured once. */
static void
ensure_metrics (RdTextCell *self)
{
  static GHashTable *cache;   /* key (line_metrics_key ()) → LineMetrics, for the process */
  PangoContext *context;
  g_autofree char *key = NULL;
  LineMetrics *metrics;

  if (self->line_height >= 0)
    return;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The widget's own context, which GTK keeps up to date: the one
   * font_changed () compares with. */
  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  key = line_metrics_key (context);
  g_free (self->shaping_key);
  self->shaping_key = g_strdup (key);
  metrics = g_hash_table_lookup (cache, key);
  if (metrics == NULL)
    {
      metrics = g_new0 (LineMetrics, 1);
      measure_line_metrics (context, metrics);
      g_hash_table_insert (cache, g_steal_pointer (&key), metrics);
    }

  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = pango_font_description_copy (pango_context_get_font_description (context));
  self->line_height = metrics->line_height;
  self->line_baseline = metrics->line_baseline;
  self->ellipsis_width = metrics->ellipsis_width;
}

static void
drop_layout (RdTextCell *self)
{
  g_clear_object (&self->layout);
  self->line_height = -1;
}

/* Whether the line metrics were measured in another font than the
 * widget's now. */
static gboolean
font_changed (RdTextCell *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  return self->line_height >= 0 &&
         (self->font == NULL ||
          !pango_font_description_equal (self->font, pango_context_get_font_description (context)));
}

/* GtkWidget -------------------------------------------------------------- */

static void
rd_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  RdTextCell *self = RD_TEXT_CELL (widget);

  /* Nothing here depends on the text. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }

  ensure_metrics (self);
  *minimum = *natural = self->line_height;
  *minimum_baseline = *natural_baseline = self->line_baseline;
}

static void
rd_text_cell_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  RdTextCell *self = RD_TEXT_CELL (widget);

  if (self->layout == NULL || self->ellipsize == PANGO_ELLIPSIZE_NONE ||
      pango_layout_get_width (self->layout) == width * PANGO_SCALE)
    return;

  /* A shared layout is never changed: the cell looks up another. */
  if (self->shares_layouts)
    g_clear_object (&self->layout);
  else
    pango_layout_set_width (self->layout, width * PANGO_SCALE);
}

static void
rd_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  RdTextCell *self = RD_TEXT_CELL (widget);
  PangoLayout *layout;
  PangoRectangle logical;
  float xalign = self->xalign;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int baseline = gtk_widget_get_allocated_baseline (widget);
  int x, y;

  if (self->text == NULL || *self->text == '\0')
    return;

  layout = ensure_layout (self);
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  /* Placed as GtkLabel places its layout. */
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0f - xalign;
  x = (int) floor (xalign * (width - logical.width)) - logical.x;
  if (baseline != -1)
    y = baseline - pango_layout_get_baseline (layout) / PANGO_SCALE;
  else
    y = (int) floor ((height - logical.height) * 0.5);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), x, y, layout);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
rd_text_cell_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  RdTextCell *self = RD_TEXT_CELL (widget);

  /* GtkWidget updates the Pango context's font first. */
  GTK_WIDGET_CLASS (rd_text_cell_parent_class)->css_changed (widget, change);

  if (self->layout != NULL && self->tabular != wants_tabular (self))
    g_clear_object (&self->layout);
  if (font_changed (self))
    {
      self->line_height = -1;
      /* Its own layout follows its context; a shared one is another's. */
      if (self->shares_layouts)
        g_clear_object (&self->layout);
    }
}

static void
rd_text_cell_system_setting_changed (GtkWidget        *widget,
                                     GtkSystemSetting  setting)
{
  RdTextCell *self = RD_TEXT_CELL (widget);

  GTK_WIDGET_CLASS (rd_text_cell_parent_class)->system_setting_changed (widget, setting);

  /* A new font or resolution: a new line height, measured again. */
  drop_layout (self);
  gtk_widget_queue_resize (widget);
}

static void
rd_text_cell_direction_changed (GtkWidget        *widget,
                                GtkTextDirection  previous_direction)
{
  RdTextCell *self = RD_TEXT_CELL (widget);

  GTK_WIDGET_CLASS (rd_text_cell_parent_class)->direction_changed (widget, previous_direction);

  if (self->shares_layouts)
    g_clear_object (&self->layout);
  gtk_widget_queue_draw (widget);
}

/* GObject ---------------------------------------------------------------- */

static void
rd_text_cell_finalize (GObject *object)
{
  RdTextCell *self = RD_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->shaping_key, g_free);

  G_OBJECT_CLASS (rd_text_cell_parent_class)->finalize (object);
}

static void
rd_text_cell_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RdTextCell *self = RD_TEXT_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, rd_text_cell_get_text (self));
      break;
    case PROP_XALIGN:
      g_value_set_float (value, self->xalign);
      break;
    case PROP_ELLIPSIZE:
      g_value_set_enum (value, self->ellipsize);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_text_cell_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RdTextCell *self = RD_TEXT_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      rd_text_cell_set_text (self, g_value_get_string (value));
      break;
    case PROP_XALIGN:
      rd_text_cell_set_xalign (self, g_value_get_float (value));
      break;
    case PROP_ELLIPSIZE:
      rd_text_cell_set_ellipsize (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_text_cell_class_init (RdTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rd_text_cell_finalize;
  object_class->get_property = rd_text_cell_get_property;
  object_class->set_property = rd_text_cell_set_property;

  widget_class->measure = rd_text_cell_measure;
  widget_class->size_allocate = rd_text_cell_size_allocate;
  widget_class->snapshot = rd_text_cell_snapshot;
  widget_class->css_changed = rd_text_cell_css_changed;
  widget_class->system_setting_changed = rd_text_cell_system_setting_changed;
  widget_class->direction_changed = rd_text_cell_direction_changed;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_XALIGN] =
    g_param_spec_float ("xalign", NULL, NULL, 0.0f, 1.0f, 0.0f,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELLIPSIZE] =
    g_param_spec_enum ("ellipsize", NULL, NULL, PANGO_TYPE_ELLIPSIZE_MODE, PANGO_ELLIPSIZE_END,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Styled and read as a label. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
rd_text_cell_init (RdTextCell *self)
{
  self->ellipsize = PANGO_ELLIPSIZE_END;
  self->line_height = -1;
}

/* Public API ------------------------------------------------------------- */

GtkWidget *
rd_text_cell_new (void)
{
  return g_object_new (RD_TYPE_TEXT_CELL, NULL);
}

const char *
rd_text_cell_get_text (RdTextCell *self)
{
  g_return_val_if_fail (RD_IS_TEXT_CELL (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
rd_text_cell_set_text (RdTextCell *self,
                       const char *text)
{
  g_return_if_fail (RD_IS_TEXT_CELL (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (rd_text_cell_get_text (self), text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (self->shares_layouts)
    g_clear_object (&self->layout);
  else if (self->layout != NULL)
    pango_layout_set_text (self->layout, text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);

  /* Only the drawing changes: no resize. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

float
rd_text_cell_get_xalign (RdTextCell *self)
{
  g_return_val_if_fail (RD_IS_TEXT_CELL (self), 0.0f);

  return self->xalign;
}

void
rd_text_cell_set_xalign (RdTextCell *self,
                         float       xalign)
{
  g_return_if_fail (RD_IS_TEXT_CELL (self));

  xalign = CLAMP (xalign, 0.0f, 1.0f);
  if (self->xalign == xalign)
    return;

  self->xalign = xalign;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_XALIGN]);
}

PangoEllipsizeMode
rd_text_cell_get_ellipsize (RdTextCell *self)
{
  g_return_val_if_fail (RD_IS_TEXT_CELL (self), PANGO_ELLIPSIZE_NONE);

  return self->ellipsize;
}

void
rd_text_cell_set_ellipsize (RdTextCell         *self,
                            PangoEllipsizeMode  mode)
{
  g_return_if_fail (RD_IS_TEXT_CELL (self));

  if (self->ellipsize == mode)
    return;

  self->ellipsize = mode;
  g_clear_object (&self->layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELLIPSIZE]);
}

gboolean
rd_text_cell_get_shares_layouts (RdTextCell *self)
{
  g_return_val_if_fail (RD_IS_TEXT_CELL (self), FALSE);

  return self->shares_layouts;
}

void
rd_text_cell_set_shares_layouts (RdTextCell *self,
                                 gboolean    shares_layouts)
{
  g_return_if_fail (RD_IS_TEXT_CELL (self));

  shares_layouts = !!shares_layouts;
  if (self->shares_layouts == shares_layouts)
    return;

  self->shares_layouts = shares_layouts;
  g_clear_object (&self->layout);
}

gboolean
rd_text_cell_is_ellipsized (RdTextCell *self)
{
  g_return_val_if_fail (RD_IS_TEXT_CELL (self), FALSE);

  if (self->ellipsize == PANGO_ELLIPSIZE_NONE || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return FALSE;

  return pango_layout_is_ellipsized (ensure_layout (self));
}

int
rd_text_cell_get_min_text_width (RdTextCell *self)
{
  PangoRectangle logical;

  g_return_val_if_fail (RD_IS_TEXT_CELL (self), 0);

  if (self->text == NULL || *self->text == '\0')
    return 0;

  if (self->ellipsize != PANGO_ELLIPSIZE_NONE)
    {
      ensure_metrics (self);
      return self->ellipsis_width;
    }

  pango_layout_get_extents (ensure_layout (self), NULL, &logical);
  return PANGO_PIXELS_CEIL (logical.width);
}

/* For tests -------------------------------------------------------------- */

PangoLayout *
_rd_text_cell_get_layout (RdTextCell *self)
{
  g_return_val_if_fail (RD_IS_TEXT_CELL (self), NULL);

  return ensure_layout (self);
}
