/* rd-preferences-window.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_PREFERENCES_WINDOW (rd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, RD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Bridge defaults, the negotiation toolkit, re-engage and fold advice,
 * reminders and sync; every value is a key of the context's settings,
 * applied as it changes, and sync is that of the context's store. */
RdPreferencesWindow *rd_preferences_window_new (GtkWindow *parent,
                                                RdContext *context);

G_END_DECLS
