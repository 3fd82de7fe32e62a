/* rd-import-dialog.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-csv-import.h"
#include "rd-store.h"

G_BEGIN_DECLS

/*
 * The CSV import preview: reads the file on a worker, maps each column to a
 * field (an AdwComboRow per column, guessed from the header), shows the
 * first rows as they will be imported with each problem cell marked (the
 * "error" style class and the problem as tooltip), checks the whole file
 * on a worker and only offers Import when no row would fail.  The import
 * runs on a worker with a progress bar; the dialog closes itself when done
 * and emits "imported" (guint n_new, guint n_updated).
 */

#define RD_TYPE_IMPORT_DIALOG (rd_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdImportDialog, rd_import_dialog, RD, IMPORT_DIALOG, AdwWindow)

RdImportDialog *rd_import_dialog_new        (GtkWindow      *parent,
                                             RdStore        *store,
                                             GFile          *file);

/* For tests. */
RdCsvImport    *_rd_import_dialog_get_import (RdImportDialog *self);
/* "Read as Windows-1252": the encoding the file was read as. */
GtkWidget      *_rd_import_dialog_get_encoding_label (RdImportDialog *self);
GtkWidget      *_rd_import_dialog_get_import_button (RdImportDialog *self);
/* TRUE once the preview and the whole-file check are done. */
gboolean        _rd_import_dialog_is_ready   (RdImportDialog *self);
/* Number of preview cells currently marked with a problem. */
guint           _rd_import_dialog_count_problem_cells (RdImportDialog *self);
void            _rd_import_dialog_set_mapping (RdImportDialog *self,
                                              guint           column,
                                              RdCsvColumn     field);

G_END_DECLS
