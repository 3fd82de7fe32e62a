/* rd-delay-editor-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-delay-editor.h"

G_BEGIN_DECLS

/* For tests only. */
GtkWidget *_rd_delay_editor_get_child        (RdDelayEditor *self,
                                              const char    *name);
/* @cause: an RdCause, or -1 for "not assessed yet". */
GtkWidget *_rd_delay_editor_get_cause_check  (RdDelayEditor *self,
                                              int            cause);
GtkWidget *_rd_delay_editor_get_signal_check (RdDelayEditor *self,
                                              RdSignal       signal);
/* TRUE once the context from the store has arrived. */
gboolean   _rd_delay_editor_has_context      (RdDelayEditor *self);

G_END_DECLS
