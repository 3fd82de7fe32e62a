/* rd-account-page-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account-page.h"
#include "rd-delay-editor.h"

G_BEGIN_DECLS

/* For tests only: a template child by its id in rd-account-page.ui, and
 * what pressing an entry row's apply button does. */
GtkWidget *_rd_account_page_get_child (RdAccountPage *self,
                                       const char    *name);
void       _rd_account_page_apply_row (RdAccountPage *self,
                                       AdwEntryRow   *row);
/* The delay editor the page opened, while it is open. */
RdDelayEditor *_rd_account_page_get_editor (RdAccountPage *self);
/* The close-as-lost dialog the page opened, while it is open. */
GtkWindow     *_rd_account_page_get_close_dialog (RdAccountPage *self);

G_END_DECLS
