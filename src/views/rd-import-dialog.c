/* rd-import-dialog.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-import-dialog.h"

struct _RdImportDialog
{
  AdwWindow          parent_instance;

  RdStore           *store;
  GFile             *file;
  RdCsvImport       *import;
  GCancellable      *cancellable;       /* the dialog's lifetime */
  GCancellable      *check_cancellable; /* the running whole-file check */
  GPtrArray         *combo_rows;        /* AdwComboRow*, one per column */
  GPtrArray         *cells;             /* GtkLabel*, row-major preview cells */
  guint              n_bad_rows;
  guint              n_rows;
  guint              checked : 1;
  guint              importing : 1;
  guint              updating_combos : 1;

  /* template children */
  AdwPreferencesGroup *columns_group;
  GtkLabel          *encoding_label;
  GtkLabel          *error_label;
  GtkButton         *import_button;
  GtkLabel          *loading_label;
  GtkGrid           *preview_grid;
  GtkScrolledWindow *preview_scroller;
  GtkProgressBar    *progress_bar;
  GtkLabel          *progress_label;
  GtkStack          *stack;
  GtkLabel          *status_label;
  AdwWindowTitle    *window_title;
};

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdImportDialog, rd_import_dialog, ADW_TYPE_WINDOW)

static void start_check (RdImportDialog *self);

/* Helpers */

static GtkStringList *
field_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < RD_CSV_N_COLUMNS; i++)
    gtk_string_list_append (list, rd_csv_column_label (i));

  return list;
}

static void
show_error (RdImportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_import_button (RdImportDialog *self)
{
  g_autofree char *mapping_problem = NULL;
  g_autofree char *label = NULL;
  gboolean ok;

  if (self->import == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
      return;
    }

  mapping_problem = rd_csv_import_check_mapping (self->import);
  ok = mapping_problem == NULL && self->checked && self->n_bad_rows == 0 && self->n_rows > 0
       && !self->importing;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), ok);

  if (mapping_problem != NULL)
    {
      gtk_label_set_text (self->status_label, mapping_problem);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else if (!self->checked)
    {
      gtk_label_set_text (self->status_label, _("Checking every row…"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else if (self->n_bad_rows > 0)
    {
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%'u of %'u rows has a problem; nothing will be imported "
                                            "until it is fixed",
                                            "%'u of %'u rows have problems; nothing will be imported "
                                            "until they are fixed",
                                            self->n_bad_rows),
                               self->n_bad_rows, self->n_rows);
      gtk_label_set_text (self->status_label, label);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %'u row is ready to import",
                                            "All %'u rows are ready to import", self->n_rows),
                               self->n_rows);
      gtk_label_set_text (self->status_label, label);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
    }

  g_clear_pointer (&label, g_free);
  if (self->n_rows > 0)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %'u Row", "_Import %'u Rows",
                                          self->n_rows), self->n_rows);
  gtk_button_set_label (self->import_button, label ? label : _("_Import"));
}

/* Brings the first problem cell into view: the file may be wider than the
 * dialog.  Runs once the grid has its new layout. */
static gboolean
reveal_problem_idle_cb (gpointer data)
{
  g_autoptr(RdImportDialog) self = data;
  GtkAdjustment *hadjustment;

  if (self->cells == NULL)
    return G_SOURCE_REMOVE;

  hadjustment = gtk_scrolled_window_get_hadjustment (self->preview_scroller);
  for (guint i = 0; i < self->cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (self->cells, i);
      graphene_rect_t bounds;

      if (!gtk_widget_has_css_class (cell, "error"))
        continue;
      if (gtk_widget_compute_bounds (cell, GTK_WIDGET (self->preview_grid), &bounds))
        {
          double page = gtk_adjustment_get_page_size (hadjustment);
          double x = bounds.origin.x + bounds.size.width - page + 24;

          if (x > gtk_adjustment_get_value (hadjustment))
            gtk_adjustment_set_value (hadjustment, x);
        }
      break;
    }

  return G_SOURCE_REMOVE;
}

/* Fills the preview cells from the current mapping: the value as it will
 * be stored, or the raw text marked with its problem. */
static void
refresh_preview (RdImportDialog *self)
{
  guint n_columns = rd_csv_import_get_n_columns (self->import);
  guint n_rows = rd_csv_import_get_n_preview_rows (self->import);

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        GtkLabel *label = g_ptr_array_index (self->cells, r * n_columns + c);
        RdCsvColumn field = rd_csv_import_get_mapping (self->import, c);
        g_autofree char *problem = rd_csv_import_check_preview_cell (self->import, r, c);
        g_autofree char *shown = NULL;
        const char *raw = rd_csv_import_get_preview_cell (self->import, r, c);

        if (problem == NULL && field != RD_CSV_COLUMN_IGNORE)
          shown = rd_csv_import_format_preview_cell (self->import, r, c);

        if (problem != NULL)
          {
            /* Never colour alone: a problem cell also carries a sign. */
            g_autofree char *marked = g_strdup_printf ("⚠ %s", *raw ? raw : "—");

            gtk_label_set_text (label, marked);
          }
        else
          gtk_label_set_text (label, shown ? shown : raw);
        /* Wide enough for the text, up to a point, so the preview scrolls
         * sideways rather than cutting every value short. */
        gtk_label_set_width_chars (label, MIN ((int) g_utf8_strlen (gtk_label_get_text (label), -1),
                                               28));
        gtk_widget_set_tooltip_text (GTK_WIDGET (label), problem);
        if (problem != NULL)
          gtk_widget_add_css_class (GTK_WIDGET (label), "error");
        else
          gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
        if (field == RD_CSV_COLUMN_IGNORE)
          gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
        else
          gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
      }

  update_import_button (self);
  g_timeout_add (100, reveal_problem_idle_cb, g_object_ref (self));
}

static void
sync_combos (RdImportDialog *self)
{
  self->updating_combos = TRUE;
  for (guint c = 0; c < self->combo_rows->len; c++)
    adw_combo_row_set_selected (g_ptr_array_index (self->combo_rows, c),
                                rd_csv_import_get_mapping (self->import, c));
  self->updating_combos = FALSE;
}

/* Callbacks */

static void
on_combo_selected_cb (AdwComboRow    *row,
                      GParamSpec     *pspec,
                      RdImportDialog *self)
{
  guint column;

  g_assert (ADW_IS_COMBO_ROW (row));
  g_assert (RD_IS_IMPORT_DIALOG (self));

  if (self->updating_combos)
    return;

  column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "rd-column"));
  _rd_import_dialog_set_mapping (self, column, adw_combo_row_get_selected (row));
}

static void
build_preview (RdImportDialog *self)
{
  g_autoptr(GtkStringList) model = field_model ();
  guint n_columns = rd_csv_import_get_n_columns (self->import);
  guint n_rows = rd_csv_import_get_n_preview_rows (self->import);
  g_autofree char *basename = g_file_get_basename (self->file);

  adw_window_title_set_subtitle (self->window_title, basename);
  {
    /* Which encoding was assumed, so that a file read wrongly is noticed
     * before the import and not in the accounts' names afterwards. */
    /* Translators: %s is the name of a text encoding, like UTF-8 or Windows-1252 */
    g_autofree char *encoding = g_strdup_printf (_("Read as %s"),
                                                 rd_csv_import_get_encoding (self->import));

    gtk_label_set_text (self->encoding_label, encoding);
  }

  for (guint c = 0; c < n_columns; c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      const char *header = rd_csv_import_get_header (self->import, c);
      GtkWidget *title;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *header ? header : "—");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (n_rows > 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     rd_csv_import_get_preview_cell (self->import, 0, c));
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      adw_combo_row_set_selected (row, rd_csv_import_get_mapping (self->import, c));
      g_object_set_data (G_OBJECT (row), "rd-column", GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->combo_rows, row);

      /* The preview's column header follows the mapping's header text. */
      title = gtk_label_new (*header ? header : "—");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_grid_attach (self->preview_grid, title, (int) c + 1, 0, 1, 1);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *line = g_strdup_printf ("%u", rd_csv_import_get_preview_line (self->import, r));
      GtkWidget *line_label = gtk_label_new (line);

      gtk_widget_add_css_class (line_label, "dim-label");
      gtk_widget_add_css_class (line_label, "numeric");
      gtk_label_set_xalign (GTK_LABEL (line_label), 1);
      gtk_grid_attach (self->preview_grid, line_label, 0, (int) r + 1, 1, 1);

      for (guint c = 0; c < n_columns; c++)
        {
          GtkWidget *cell = gtk_label_new (NULL);

          gtk_label_set_xalign (GTK_LABEL (cell), 0);
          gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (cell), 28);
          gtk_label_set_single_line_mode (GTK_LABEL (cell), TRUE);
          gtk_widget_add_css_class (cell, "import-cell");
          gtk_grid_attach (self->preview_grid, cell, (int) c + 1, (int) r + 1, 1, 1);
          g_ptr_array_add (self->cells, cell);
        }
    }

  refresh_preview (self);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

/* Reading the file */

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RdImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  RdCsvImport *import;

  import = rd_csv_import_new_for_file_finish (result, &error);
  if (import == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->loading_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->loading_label), "error");
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }

  self->import = import;
  build_preview (self);
  start_check (self);
}

/* Checking every row */

static void
on_checked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RdImportDialog) self = user_data;
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = rd_csv_import_check_finish (RD_CSV_IMPORT (source), result, &error);
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Only a mapping problem ends up here; the status line says which. */
      self->checked = TRUE;
      self->n_rows = 0;
      update_import_button (self);
      return;
    }

  self->checked = TRUE;
  self->n_rows = report->n_rows;
  self->n_bad_rows = report->n_bad_rows;

  if (report->problems->len > 0)
    {
      g_autofree char *first = rd_csv_problem_to_string (g_ptr_array_index (report->problems, 0));

      show_error (self, first);
    }
  else
    show_error (self, NULL);

  update_import_button (self);
}

static void
start_check (RdImportDialog *self)
{
  g_autofree char *mapping_problem = NULL;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->checked = FALSE;
  self->n_bad_rows = 0;
  show_error (self, NULL);

  mapping_problem = rd_csv_import_check_mapping (self->import);
  if (mapping_problem != NULL)
    {
      update_import_button (self);
      return;
    }

  self->check_cancellable = g_cancellable_new ();
  rd_csv_import_check_async (self->import, self->store, self->check_cancellable, on_checked_cb,
                             g_object_ref (self));

  update_import_button (self);
}

/* Importing */

static void
on_import_progress_cb (double   fraction,
                       gpointer user_data)
{
  RdImportDialog *self = user_data;

  g_assert (RD_IS_IMPORT_DIALOG (self));

  /* The last report may come after the end. */
  if (self->importing)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdImportDialog) self = user_data;
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = rd_csv_import_run_finish (RD_CSV_IMPORT (source), result, &error);
  self->importing = FALSE;

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_error (self, error->message);
      gtk_stack_set_visible_child_name (self->stack, "preview");
      update_import_button (self);
      return;
    }

  g_signal_emit (self, signals[IMPORTED], 0, report->n_new, report->n_updated);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_import_clicked_cb (RdImportDialog *self)
{
  g_assert (RD_IS_IMPORT_DIALOG (self));

  if (self->import == NULL || self->importing)
    return;

  self->importing = TRUE;
  update_import_button (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");

  /* The references keep the dialog alive until the import is done. */
  rd_csv_import_run_async (self->import, self->store, on_import_progress_cb, g_object_ref (self),
                           g_object_unref, self->cancellable, on_imported_cb, g_object_ref (self));
}

static void
on_cancel_clicked_cb (RdImportDialog *self)
{
  g_assert (RD_IS_IMPORT_DIALOG (self));

  gtk_window_close (GTK_WINDOW (self));
}

/* GObject */

static gboolean
rd_import_dialog_close_request (GtkWindow *window)
{
  RdImportDialog *self = RD_IMPORT_DIALOG (window);

  /* Once the transaction is under way it finishes (or rolls back) itself. */
  if (self->importing)
    return TRUE;

  return GTK_WINDOW_CLASS (rd_import_dialog_parent_class)->close_request (window);
}

static void
rd_import_dialog_dispose (GObject *object)
{
  RdImportDialog *self = (RdImportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_pointer (&self->combo_rows, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_import_dialog_parent_class)->dispose (object);
}

static void
rd_import_dialog_class_init (RdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rd_import_dialog_dispose;
  window_class->close_request = rd_import_dialog_close_request;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rd-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, encoding_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, loading_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_import_dialog_init (RdImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->combo_rows = g_ptr_array_new ();
  self->cells = g_ptr_array_new ();
}

/* Public API */

RdImportDialog *
rd_import_dialog_new (GtkWindow *parent,
                      RdStore   *store,
                      GFile     *file)
{
  RdImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (RD_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->file = g_object_ref (file);

  rd_csv_import_new_for_file_async (file, self->cancellable, on_loaded_cb, g_object_ref (self));

  return self;
}

RdCsvImport *
_rd_import_dialog_get_import (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), NULL);

  return self->import;
}

GtkWidget *
_rd_import_dialog_get_encoding_label (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), NULL);

  return GTK_WIDGET (self->encoding_label);
}

GtkWidget *
_rd_import_dialog_get_import_button (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), NULL);

  return GTK_WIDGET (self->import_button);
}

gboolean
_rd_import_dialog_is_ready (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), FALSE);

  return self->import != NULL && self->checked;
}

guint
_rd_import_dialog_count_problem_cells (RdImportDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), 0);

  for (guint i = 0; i < self->cells->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (self->cells, i), "error"))
      n++;

  return n;
}

void
_rd_import_dialog_set_mapping (RdImportDialog *self,
                               guint           column,
                               RdCsvColumn     field)
{
  g_return_if_fail (RD_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->import != NULL);

  rd_csv_import_set_mapping (self->import, column, field);
  sync_combos (self);
  refresh_preview (self);
  start_check (self);
}
