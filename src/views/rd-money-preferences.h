/* rd-money-preferences.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

/* The Money page of the preferences window: the reporting currency, the
 * 60-day extension's fee (in that currency), the concession warning
 * threshold, all bound to GSettings, and the exchange rates (synced
 * exchange_rate documents) to add, edit and delete with undo. */

#define RD_TYPE_MONEY_PREFERENCES (rd_money_preferences_get_type ())

G_DECLARE_FINAL_TYPE (RdMoneyPreferences, rd_money_preferences, RD, MONEY_PREFERENCES,
                      AdwPreferencesPage)

/* @context: the application's (settings and store). */
GtkWidget *rd_money_preferences_new (RdContext *context);

/* For tests: the rate rows shown (drafts included), a row's entry for
 * @field ("from_currency", "to_currency", "rate", "as_of") and the inline
 * message under its fields ("" when valid). */
guint        _rd_money_preferences_get_n_rates  (RdMoneyPreferences *self);
AdwEntryRow *_rd_money_preferences_get_entry    (RdMoneyPreferences *self,
                                                 guint               index,
                                                 const char         *field);
const char  *_rd_money_preferences_get_message  (RdMoneyPreferences *self,
                                                 guint               index);

G_END_DECLS
