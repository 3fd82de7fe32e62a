/* rd-weekly-update-window.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-weekly-update-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-weekly-update.h"
#include "rd-weekly-update-window.h"
#include "rd-widget-util.h"

/* The rows of each table and list the window lays out.  Each row is a few
 * wrapped labels in a grid; the report's 100 rows a list made for some 3,400
 * labels on a book of 100,000 accounts, and laying them out kept the window
 * from drawing for seconds.  The PDF and the copied text keep their 100. */
#define WINDOW_MAX_ROWS 12
/* The cells laid out in one frame: the blocks go in a few at a time, and a
 * table a few rows at a time, so the forecast's tables and the lists above
 * do not all wait for each other.  Each wrapped cell is shaped at several
 * widths as it is measured: a whole table of 13 rows in one frame held the
 * window ~150 ms on the big book's machine. */
#define FRAME_MAX_CELLS 20

struct _RdWeeklyUpdateWindow
{
  AdwWindow             parent_instance;

  RdStore              *store;         /* owned */
  GCancellable         *cancellable;   /* owned */
  char                 *markdown;
  GtkFileChooserNative *chooser;       /* owned while open */
  GPtrArray            *blocks;        /* RdWeeklyBlock, while they are laid out */
  guint                 next_block;
  RdWeeklyBlock        *table;         /* the table being filled, in blocks */
  GtkGrid              *table_grid;    /* its grid, in content_box */
  guint                 table_row;     /* its next row */
  guint                 build_id;      /* the tick callback laying them out */

  /* template children */
  GtkButton            *copy_button;
  GtkButton            *export_button;
  GtkBox               *content_box;
  GtkStack             *stack;
  AdwToastOverlay      *toast_overlay;
};

G_DEFINE_FINAL_TYPE (RdWeeklyUpdateWindow, rd_weekly_update_window, ADW_TYPE_WINDOW)

static void
show_error (RdWeeklyUpdateWindow *self,
            const char           *title,
            GError               *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_warning ("%s: %s", title, error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, rd_toast_new (title));
}

static GtkWidget *
text_label (const char *text,
            const char *style,
            gboolean    wrap)
{
  /* Headings are headings to a screen reader too. */
  gboolean heading = style != NULL && (g_str_has_prefix (style, "title") || g_str_equal (style, "heading"));
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", text,
                                   "accessible-role", heading ? GTK_ACCESSIBLE_ROLE_HEADING
                                                              : GTK_ACCESSIBLE_ROLE_LABEL,
                                   NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (style != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (style, " ", -1);

      for (guint i = 0; classes[i] != NULL; i++)
        gtk_widget_add_css_class (label, classes[i]);
    }
  return label;
}

/* A table as a grid on a card: a header row here, the rows added by
 * add_table_row (); amounts right-aligned. */
static GtkWidget *
table_widget (RdWeeklyBlock  *block,
              GtkGrid       **out_grid)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *grid = gtk_grid_new ();
  guint n = g_strv_length (block->header);

  gtk_widget_add_css_class (card, "card");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 10);
  gtk_widget_set_margin_bottom (grid, 10);
  for (guint c = 0; c < n; c++)
    {
      GtkWidget *label = text_label (block->header[c], "caption-heading dim-label", TRUE);

      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      if (block->numeric & (1u << c))
        gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_set_hexpand (label, c == 0);
      gtk_grid_attach (GTK_GRID (grid), label, (int) c, 0, 1, 1);
    }
  gtk_box_append (GTK_BOX (card), grid);
  *out_grid = GTK_GRID (grid);
  return card;
}

/* Adds row @r of @block to @grid; returns the cells it laid out. */
static guint
add_table_row (RdWeeklyBlock *block,
               GtkGrid       *grid,
               guint          r)
{
  char **row = g_ptr_array_index (block->rows, r);
  guint n = g_strv_length (block->header);

  for (guint c = 0; c < n; c++)
    {
      GtkWidget *label = text_label (row[c], c == 0 ? "heading" : NULL, TRUE);

      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      if (block->numeric & (1u << c))
        {
          gtk_label_set_xalign (GTK_LABEL (label), 1);
          gtk_widget_add_css_class (label, "numeric");
        }
      gtk_grid_attach (grid, label, (int) c, (int) r + 1, 1, 1);
    }
  return n;
}

/* Each row a lead and its text, wrapped.  Two labels in a vertical box:
 * an AdwActionRow's nested boxes measured each wrapped text several times
 * over, 15 to 30 ms a row for the long texts of actions and retrospectives. */
static GtkWidget *
list_widget (RdWeeklyBlock *block)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint r = 0; r < MIN (block->rows->len, WINDOW_MAX_ROWS); r++)
    {
      char **row = g_ptr_array_index (block->rows, r);
      GtkWidget *item = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item), FALSE);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_box_append (GTK_BOX (box), text_label (row[0], NULL, TRUE));
      gtk_box_append (GTK_BOX (box), text_label (row[1], "caption dim-label", TRUE));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), box);
      gtk_list_box_append (GTK_LIST_BOX (list), item);
    }
  return list;
}

/* Appends the block at self->next_block and moves past it; returns the
 * cells it laid out. */
static guint
add_block (RdWeeklyUpdateWindow *self)
{
  RdWeeklyBlock *block = g_ptr_array_index (self->blocks, self->next_block++);
  GtkWidget *widget = NULL;
  guint n_cells = 1;

  switch (block->kind)
    {
    case RD_WEEKLY_BLOCK_TITLE:
      widget = text_label (block->text, "title-1", TRUE);
      break;
    case RD_WEEKLY_BLOCK_HEADING:
      widget = text_label (block->text, "title-2", TRUE);
      gtk_widget_set_margin_top (widget, 18);
      break;
    case RD_WEEKLY_BLOCK_SUBHEADING:
      widget = text_label (block->text, "heading", TRUE);
      gtk_widget_set_margin_top (widget, 6);
      break;
    case RD_WEEKLY_BLOCK_PARAGRAPH:
      widget = text_label (block->text, NULL, TRUE);
      break;
    case RD_WEEKLY_BLOCK_NOTE:
      widget = text_label (block->text, "caption dim-label", TRUE);
      break;
    case RD_WEEKLY_BLOCK_TABLE:
      /* Its rows follow, a few a frame. */
      widget = table_widget (block, &self->table_grid);
      self->table = block->rows->len > 0 ? block : NULL;
      self->table_row = 0;
      n_cells = g_strv_length (block->header);
      break;
    case RD_WEEKLY_BLOCK_LIST:
      widget = list_widget (block);
      n_cells = 2 * MIN (block->rows->len, WINDOW_MAX_ROWS);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_box_append (self->content_box, widget);

  if (block->rows != NULL && block->rows->len > WINDOW_MAX_ROWS)
    {
      g_autofree char *more = rd_weekly_block_more_text (block, WINDOW_MAX_ROWS);

      gtk_box_append (self->content_box, text_label (more, "caption dim-label", TRUE));
      /* The report's own "…and N more" counted from its longer list. */
      if (block->n_total > block->rows->len)
        self->next_block++;
    }
  return n_cells;
}

static gboolean
build_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  RdWeeklyUpdateWindow *self = RD_WEEKLY_UPDATE_WINDOW (widget);
  guint n_cells = 0;

  while (n_cells < FRAME_MAX_CELLS)
    {
      if (self->table != NULL)
        {
          n_cells += add_table_row (self->table, self->table_grid, self->table_row++);
          if (self->table_row >= MIN (self->table->rows->len, WINDOW_MAX_ROWS))
            {
              self->table = NULL;
              self->table_grid = NULL;
            }
        }
      else if (self->next_block < self->blocks->len)
        n_cells += add_block (self);
      else
        break;
    }
  if (self->table != NULL || self->next_block < self->blocks->len)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  self->build_id = 0;
  return G_SOURCE_REMOVE;
}

static void
show_update (RdWeeklyUpdateWindow *self,
             RdWeeklyUpdate       *update)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);

  self->table = NULL;
  self->table_grid = NULL;
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  self->blocks = rd_weekly_update_to_blocks (update);
  self->next_block = 0;
  if (self->build_id == 0)
    self->build_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), build_cb, NULL, NULL);
}

static void
collect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RdWeeklyUpdateWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWeeklyUpdate) update = rd_weekly_update_collect_finish (result, &error);

  if (update == NULL)
    {
      show_error (self, _("Could not prepare the weekly update"), error);
      return;
    }

  g_free (self->markdown);
  self->markdown = rd_weekly_update_to_markdown (update);
  show_update (self, update);
  gtk_stack_set_visible_child_name (self->stack, "text");
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
}

static void
write_pdf_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RdWeeklyUpdateWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  if (!rd_weekly_update_write_file_finish (result, &error))
    show_error (self, _("Could not export the weekly update"), error);
  else
    adw_toast_overlay_add_toast (self->toast_overlay, rd_toast_new (_("Weekly update exported")));
}

static void
on_chooser_response_cb (RdWeeklyUpdateWindow *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  g_assert (RD_IS_WEEKLY_UPDATE_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (rd_weekly_format_for_path (path) != RD_WEEKLY_FORMAT_PDF)
    {
      g_autofree char *with_suffix = g_strconcat (path, ".pdf", NULL);
      g_free (path);
      path = g_steal_pointer (&with_suffix);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  rd_weekly_update_write_file_async (self->store, path, self->cancellable, write_pdf_cb,
                                     g_object_ref (self));
}

static void
on_export_clicked_cb (RdWeeklyUpdateWindow *self)
{
  g_assert (RD_IS_WEEKLY_UPDATE_WINDOW (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Weekly Update"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  /* Translators: the suggested file name of the weekly update PDF */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("weekly-update.pdf"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_copy_clicked_cb (RdWeeklyUpdateWindow *self)
{
  g_assert (RD_IS_WEEKLY_UPDATE_WINDOW (self));

  if (self->markdown == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->markdown);
  adw_toast_overlay_add_toast (self->toast_overlay, rd_toast_new (_("Copied to the clipboard")));
}

static void
rd_weekly_update_window_dispose (GObject *object)
{
  RdWeeklyUpdateWindow *self = RD_WEEKLY_UPDATE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->build_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_id);
  self->build_id = 0;
  self->table = NULL;
  self->table_grid = NULL;
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WEEKLY_UPDATE_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_weekly_update_window_parent_class)->dispose (object);
}

static void
rd_weekly_update_window_finalize (GObject *object)
{
  RdWeeklyUpdateWindow *self = RD_WEEKLY_UPDATE_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->markdown);

  G_OBJECT_CLASS (rd_weekly_update_window_parent_class)->finalize (object);
}

static void
rd_weekly_update_window_class_init (RdWeeklyUpdateWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_weekly_update_window_dispose;
  object_class->finalize = rd_weekly_update_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-weekly-update-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWeeklyUpdateWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RdWeeklyUpdateWindow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, RdWeeklyUpdateWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, RdWeeklyUpdateWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RdWeeklyUpdateWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_weekly_update_window_init (RdWeeklyUpdateWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

RdWeeklyUpdateWindow *
rd_weekly_update_window_new (GtkWindow *parent,
                             RdStore   *store)
{
  RdWeeklyUpdateWindow *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_WEEKLY_UPDATE_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  rd_weekly_update_collect_async (store, self->cancellable, collect_cb, g_object_ref (self));
  return self;
}
