/* rd-print-operation.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-print-operation"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-print-operation.h"

struct _RdPrintOperation
{
  GtkPrintOperation  parent_instance;

  RdSummary         *summary;        /* owned; NULL when printing the brief */
  RdSummaryLayout   *layout;         /* owned, from begin-print */
  RdBrief           *brief;          /* owned; NULL when printing the summary */
  RdBriefLayout     *brief_layout;   /* owned, from begin-print */
  GtkCheckButton    *bridge_checks[6];
};

G_DEFINE_FINAL_TYPE (RdPrintOperation, rd_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
rd_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  RdPrintOperation *self = RD_PRINT_OPERATION (operation);

  g_clear_pointer (&self->layout, rd_summary_layout_free);
  g_clear_pointer (&self->brief_layout, rd_brief_layout_free);
  if (self->brief != NULL)
    {
      self->brief_layout = rd_brief_layout_new (self->brief, gtk_print_context_get_width (context),
                                                gtk_print_context_get_height (context));
      gtk_print_operation_set_n_pages (operation, rd_brief_layout_get_n_pages (self->brief_layout));
      return;
    }
  self->layout = rd_summary_layout_new (self->summary,
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, rd_summary_layout_get_n_pages (self->layout));
}

static void
rd_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  RdPrintOperation *self = RD_PRINT_OPERATION (operation);

  if (self->brief_layout != NULL)
    {
      rd_brief_draw_page (self->brief_layout, gtk_print_context_get_cairo_context (context), page_nr,
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context));
      return;
    }
  rd_summary_draw_page (self->layout, gtk_print_context_get_cairo_context (context), page_nr,
                        gtk_print_context_get_width (context),
                        gtk_print_context_get_height (context));
}

static GtkWidget *
rd_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  RdPrintOperation *self = RD_PRINT_OPERATION (operation);
  GtkWidget *box;
  GtkWidget *label;

  if (self->summary == NULL)
    return NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (_("Bridge options to include"));

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  for (guint kind = 0; kind < G_N_ELEMENTS (self->bridge_checks); kind++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (rd_enum_table_label (&rd_bridge_kind_table,
                                                                               kind));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   (self->summary->bridge_kinds & (1u << kind)) != 0);
      self->bridge_checks[kind] = GTK_CHECK_BUTTON (check);
      gtk_box_append (GTK_BOX (box), check);
    }

  return box;
}

static void
rd_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                        GtkWidget         *widget)
{
  RdPrintOperation *self = RD_PRINT_OPERATION (operation);
  guint kinds = 0;

  if (self->summary == NULL)
    return;
  for (guint kind = 0; kind < G_N_ELEMENTS (self->bridge_checks); kind++)
    if (self->bridge_checks[kind] != NULL && gtk_check_button_get_active (self->bridge_checks[kind]))
      kinds |= 1u << kind;
  self->summary->bridge_kinds = kinds;
}

static void
rd_print_operation_finalize (GObject *object)
{
  RdPrintOperation *self = RD_PRINT_OPERATION (object);

  g_clear_pointer (&self->layout, rd_summary_layout_free);
  g_clear_pointer (&self->summary, rd_summary_free);
  g_clear_pointer (&self->brief_layout, rd_brief_layout_free);
  g_clear_pointer (&self->brief, rd_brief_free);

  G_OBJECT_CLASS (rd_print_operation_parent_class)->finalize (object);
}

static void
rd_print_operation_class_init (RdPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = rd_print_operation_finalize;

  print_class->begin_print = rd_print_operation_begin_print;
  print_class->draw_page = rd_print_operation_draw_page;
  print_class->create_custom_widget = rd_print_operation_create_custom_widget;
  print_class->custom_widget_apply = rd_print_operation_custom_widget_apply;
}

static void
rd_print_operation_init (RdPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;

  paper = gtk_paper_size_new (rd_paper_for_locale () == RD_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                                         : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  /* The report draws its own margins, header and footer, in points. */
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

/* "Print to File" proposes "<account> – <document>.pdf", not "output.pdf". */
static void
propose_file_name (RdPrintOperation *self,
                   const char       *file_name)
{
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *basename = g_strdup (file_name);

  if (g_str_has_suffix (basename, ".pdf"))
    basename[strlen (basename) - strlen (".pdf")] = '\0';
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, basename);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (self), settings);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), basename);
}

RdPrintOperation *
rd_print_operation_new (RdSummary *summary)
{
  RdPrintOperation *self;

  g_return_val_if_fail (summary != NULL, NULL);

  g_autofree char *file_name = NULL;

  self = g_object_new (RD_TYPE_PRINT_OPERATION, NULL);
  self->summary = summary;
  gtk_print_operation_set_custom_tab_label (GTK_PRINT_OPERATION (self), _("Bridge options"));
  file_name = rd_summary_dup_file_name (summary);
  propose_file_name (self, file_name);
  return self;
}

RdPrintOperation *
rd_print_operation_new_for_brief (RdBrief *brief)
{
  RdPrintOperation *self;
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (brief != NULL, NULL);

  self = g_object_new (RD_TYPE_PRINT_OPERATION, NULL);
  self->brief = brief;
  file_name = rd_brief_dup_file_name (brief);
  propose_file_name (self, file_name);
  return self;
}
