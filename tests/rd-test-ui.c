/* rd-test-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-test-ui.h"
#include "rd-window-private.h"

/* gtk_init(), adw_init(), the views' types and the app's style sheet. */
void
rd_test_ui_init (void)
{
  gtk_init ();
  adw_init ();
  rd_views_init ();
  rd_test_load_style ();
}

/* What AdwApplication would load from the resource base path. */
void
rd_test_load_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/org/renewaldesk/RenewalDesk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* A fresh temporary directory named after @tmpl (*out_dir) and the path of
 * renewal-desk.db in it, which RENEWAL_DESK_DB then names. */
char *
rd_test_make_window_db (const char  *tmpl,
                        char       **out_dir)
{
  char *db_path;

  g_return_val_if_fail (tmpl != NULL, NULL);
  g_return_val_if_fail (out_dir != NULL, NULL);

  *out_dir = g_dir_make_tmp (tmpl, NULL);
  g_assert_nonnull (*out_dir);
  db_path = g_build_filename (*out_dir, "renewal-desk.db", NULL);
  g_setenv ("RENEWAL_DESK_DB", db_path, TRUE);

  return db_path;
}

/* A window on @db_path at @width × @height, presented; *window goes back
 * to NULL when it is destroyed.  Its context is a fresh one whose store the
 * window opens, as when the application's could not be opened. */
void
rd_test_present_window (RdWindow   **window,
                        const char  *db_path,
                        int          width,
                        int          height)
{
  g_autoptr(RdContext) context = NULL;

  g_return_if_fail (window != NULL);

  context = rd_context_new (NULL);
  *window = rd_window_new (NULL, context, db_path);
  g_object_add_weak_pointer (G_OBJECT (*window), (gpointer *) window);
  gtk_window_set_default_size (GTK_WINDOW (*window), width, height);
  gtk_window_present (GTK_WINDOW (*window));
}

gboolean
rd_test_window_shows (RdWindow   *window,
                      const char *page)
{
  g_return_val_if_fail (RD_IS_WINDOW (window), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (_rd_window_get_content_stack (window)),
                    page) == 0;
}

/* An RdTestCondition: @widget is mapped. */
gboolean
rd_test_widget_mapped (gpointer widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  return gtk_widget_get_mapped (widget);
}

/* The first descendant of @root (depth first) whose widget name is @name,
 * or %NULL. */
GtkWidget *
rd_test_find_named (GtkWidget  *root,
                    const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = rd_test_find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
}

/* The first descendant of @root (depth first) of @type, or %NULL. */
GtkWidget *
rd_test_find_of_type (GtkWidget *root,
                      GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = rd_test_find_of_type (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* Runs the main loop until @condition holds (TRUE) or @timeout_ms have
 * passed (FALSE). */
gboolean
rd_test_spin_until (RdTestCondition condition,
                    gpointer        data,
                    guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  g_return_val_if_fail (condition != NULL, FALSE);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

void
rd_test_spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

typedef struct
{
  GtkWidget      *widget;
  int             width;
  int             height;
  gboolean        fill_background;
  GskRenderNode **node;
} SnapshotRequest;

/* Takes what @data's widget draws now into its node; FALSE while that is
 * nothing. */
static gboolean
snapshot_node_cb (gpointer data)
{
  SnapshotRequest *request = data;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (request->widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) drawn = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), request->width, request->height);
  drawn = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (drawn == NULL)
    return FALSE;

  snapshot = gtk_snapshot_new ();
  if (request->fill_background)
    {
      GdkRGBA bg;

      if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (request->widget),
                                           "window_bg_color", &bg))
        gdk_rgba_parse (&bg, "white");
      gtk_snapshot_append_color (snapshot, &bg,
                                 &GRAPHENE_RECT_INIT (0, 0, request->width, request->height));
    }
  gtk_snapshot_append_node (snapshot, drawn);
  *request->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return TRUE;
}

/* Renders @widget to @name in G_TEST_BUILDDIR (or the current directory)
 * and returns the file's path.  @fill_background paints the window's
 * background first: a lone widget has no window behind it. */
char *
rd_test_render_png (GtkWidget  *widget,
                    const char *name,
                    gboolean    fill_background)
{
  int width, height;
  g_autoptr(GskRenderNode) node = NULL;
  SnapshotRequest request;
  g_autoptr(GdkTexture) texture = NULL;
  char *path;
  GskRenderer *renderer;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* Let transitions finish and the last frame settle. */
  rd_test_spin_for (600);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  /* A widget being laid out again has nothing to draw until its next frame,
   * which a loaded machine can take a while to reach. */
  request = (SnapshotRequest) { widget, width, height, fill_background, &node };
  g_assert_true (rd_test_spin_until (snapshot_node_cb, &request, 10000));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  return path;
}

/* rd_test_render_png(), and the path in the test log. */
void
rd_test_save_screenshot (GtkWidget  *widget,
                         const char *name,
                         gboolean    fill_background)
{
  g_autofree char *path = rd_test_render_png (widget, name, fill_background);

  g_test_message ("screenshot: %s", path);
}
