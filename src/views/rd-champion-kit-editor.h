/* rd-champion-kit-editor.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-account.h"

G_BEGIN_DECLS

/*
 * What the champion's executive summary is built from, beyond the contract:
 * whether the account may be named as a reference, the ROI figures (cost
 * and benefit a year, payback months), how many weeks onboarding again
 * would take and when the price changes.  A boxed-list group for the
 * account page.
 *
 * It edits the "account" it is given in place (the page's own object, so
 * that the page's next save keeps these members) and emits "changed" after
 * each edit the user confirms; the page saves the account then.  Text that
 * does not parse (money, a date) marks its row with the error style and
 * the message as tooltip, and leaves the account unchanged.
 */

#define RD_TYPE_CHAMPION_KIT_EDITOR (rd_champion_kit_editor_get_type ())

G_DECLARE_FINAL_TYPE (RdChampionKitEditor, rd_champion_kit_editor, RD, CHAMPION_KIT_EDITOR,
                      AdwPreferencesGroup)

GtkWidget *rd_champion_kit_editor_new         (void);
RdAccount *rd_champion_kit_editor_get_account (RdChampionKitEditor *self);
/* Shows @account's values; NULL clears the rows and makes them insensitive. */
void       rd_champion_kit_editor_set_account (RdChampionKitEditor *self,
                                               RdAccount           *account);

G_END_DECLS
