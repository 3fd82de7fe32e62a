/* rd-text-cell.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * One line of text for a cell of a long list, drawn like a GtkLabel (its
 * CSS name is "label", so the theme's label rules, "dim-label", "numeric"
 * and the list's own classes apply) but sized apart from its text: its
 * height is the height of a line of its font and its width request is
 * none, the column gives it.  A new text only redraws the cell.  A
 * GtkLabel queues a resize for every new text, and in GTK 4.8 a resize
 * of one cell measures the whole window again.
 *
 * The text is the accessible label, as a GtkLabel's is.
 */

#define RD_TYPE_TEXT_CELL (rd_text_cell_get_type ())

G_DECLARE_FINAL_TYPE (RdTextCell, rd_text_cell, RD, TEXT_CELL, GtkWidget)

GtkWidget          *rd_text_cell_new            (void);
const char         *rd_text_cell_get_text       (RdTextCell         *self);
void                rd_text_cell_set_text       (RdTextCell         *self,
                                                 const char         *text);
float               rd_text_cell_get_xalign     (RdTextCell         *self);
void                rd_text_cell_set_xalign     (RdTextCell         *self,
                                                 float               xalign);
PangoEllipsizeMode  rd_text_cell_get_ellipsize  (RdTextCell         *self);
void                rd_text_cell_set_ellipsize  (RdTextCell         *self,
                                                 PangoEllipsizeMode  mode);
/* Whether the text is cut short at the width the cell was given. */
gboolean            rd_text_cell_is_ellipsized  (RdTextCell         *self);
/* The least width in pixels a GtkLabel with this text would ask for: the
 * whole text, or when it ellipsizes the ellipsis alone (none for no
 * text).  For a parent that sizes the cell to its text, as a chip. */
int                 rd_text_cell_get_min_text_width (RdTextCell     *self);
/* Whether the cell takes its layout from a cache shared with the other
 * cells that share layouts: for texts that many cells show (a stage, a
 * status, a chip's word), so that a text another cell showed in the same
 * font and width is not shaped again. */
gboolean            rd_text_cell_get_shares_layouts (RdTextCell     *self);
void                rd_text_cell_set_shares_layouts (RdTextCell     *self,
                                                     gboolean        shares_layouts);

/* For tests: the layout the cell draws. */
PangoLayout        *_rd_text_cell_get_layout        (RdTextCell     *self);

G_END_DECLS
