/* rd-window-triage.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-import-dialog.h"
#include "rd-window.h"

G_BEGIN_DECLS

/* The window's way in and out of the book: Import CSV…, Back Up… and
 * Restore… (window.import-csv, window.back-up, window.restore). */

void            _rd_window_import_csv_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter);
void            _rd_window_back_up_action    (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter);
void            _rd_window_restore_action    (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter);

/* What the file choosers lead to; also for tests. */
RdImportDialog *_rd_window_import_file       (RdWindow   *self,
                                              GFile      *file);
void            _rd_window_back_up_to_file   (RdWindow   *self,
                                              GFile      *file);
void            _rd_window_restore_file      (RdWindow   *self,
                                              GFile      *file);
/* $XDG_DATA_HOME/renewal-desk/backups */
char           *_rd_window_backup_dir        (void);

G_END_DECLS
