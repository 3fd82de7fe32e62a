/* rd-delay-editor.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_DELAY_EDITOR (rd_delay_editor_get_type ())

G_DECLARE_FINAL_TYPE (RdDelayEditor, rd_delay_editor, RD, DELAY_EDITOR, AdwWindow)

/*
 * A modal window that logs a new delay or edits one: every change
 * reclassifies a working copy (rd_delay_classify() with the context fetched
 * once from the store) and shows the class, its reasons and the recommended
 * response.  Save writes through rd_store_save_delay_async() and closes;
 * on failure the editor stays open and the main window shows a toast.
 *
 * @contacts: the account's RdContact objects, for "who said it".
 * @delay: the delay to edit (copied), or NULL to log a new one.
 */
RdDelayEditor *rd_delay_editor_new        (GtkWindow     *parent,
                                           RdStore       *store,
                                           RdAccount     *account,
                                           GPtrArray     *contacts,
                                           RdDelay       *delay);
/* The working copy, as edited so far. */
RdDelay       *rd_delay_editor_get_delay  (RdDelayEditor *self);
gboolean       rd_delay_editor_get_is_new (RdDelayEditor *self);

G_END_DECLS
