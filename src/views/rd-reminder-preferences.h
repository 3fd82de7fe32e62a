/* rd-reminder-preferences.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The Reminders page of the preferences window, bound to GSettings. */

#define RD_TYPE_REMINDER_PREFERENCES (rd_reminder_preferences_get_type ())

G_DECLARE_FINAL_TYPE (RdReminderPreferences, rd_reminder_preferences, RD, REMINDER_PREFERENCES,
                      AdwPreferencesPage)

/* @settings: the app's settings (org.renewaldesk.RenewalDesk). */
GtkWidget *rd_reminder_preferences_new (GSettings *settings);

G_END_DECLS
