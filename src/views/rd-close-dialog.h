/* rd-close-dialog.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-lifecycle.h"

G_BEGIN_DECLS

#define RD_TYPE_CLOSE_DIALOG (rd_close_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdCloseDialog, rd_close_dialog, RD, CLOSE_DIALOG, AdwMessageDialog)

/*
 * Close as lost: the reason (required), the competitor when the reason is
 * a competitor (required, with the names used before one click away), the
 * details, a retrospective and when to get back in touch (today + the
 * re-engage preference).  Responds "close" only with valid input; the
 * result is the documents to put, built by rd_lifecycle_close_as_lost().
 */
/* @related: the account's delay and plan documents, closed with it. */
RdCloseDialog *rd_close_dialog_new          (GtkWindow     *parent,
                                             RdContext     *context,
                                             RdAccount     *account,
                                             GPtrArray     *related);
/* [loss, account, …], or NULL while the input is invalid. */
GPtrArray     *rd_close_dialog_get_documents (RdCloseDialog *self);
/* The competitor typed, stripped, or NULL. */
char          *rd_close_dialog_get_competitor (RdCloseDialog *self);

/* For tests. */
void           _rd_close_dialog_set_input   (RdCloseDialog *self,
                                             RdLossReason   reason,
                                             const char    *competitor);

G_END_DECLS
