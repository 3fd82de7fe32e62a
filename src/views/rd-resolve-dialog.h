/* rd-resolve-dialog.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_RESOLVE_DIALOG (rd_resolve_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdResolveDialog, rd_resolve_dialog, RD, RESOLVE_DIALOG, AdwMessageDialog)

/*
 * Asks when and how a delay ended, and the retrospective: what caused it,
 * what could have been done differently, how to prevent it next time.
 * Responds "resolve" only when the date is valid and the outcome given.
 */
RdResolveDialog *rd_resolve_dialog_new               (GtkWindow       *parent);
/* "YYYY-MM-DD" */
const char      *rd_resolve_dialog_get_date          (RdResolveDialog *self);
const char      *rd_resolve_dialog_get_outcome       (RdResolveDialog *self);
/* The three answers as labelled paragraphs, for the "retrospective" field. */
char            *rd_resolve_dialog_get_retrospective (RdResolveDialog *self);

G_END_DECLS
