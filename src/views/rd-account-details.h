/* rd-account-details.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account-pane.h"
#include "rd-account.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_DETAILS (rd_account_details_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountDetails, rd_account_details, RD, ACCOUNT_DETAILS, RdAccountPane)

/*
 * The Details section of the account page: the account's and contract's
 * fields, its status and the value delivered.  Each field is saved as soon
 * as it is applied (Enter, ✓, or focus leaving it), refused input stays
 * with an inline error, Escape puts back the stored value and the page's
 * Ctrl+Z (rd_account_details_undo()) takes saved changes back one by one.
 *
 * It edits the page's account object in place.  "name-changed" says the
 * page's title changed, "reveal" that an error wants the section shown,
 * and "is-new" turns FALSE once a new account was first written.
 */
void     rd_account_details_set_account       (RdAccountDetails *self,
                                               RdAccount        *account,
                                               gboolean          is_new);
/* The same account as stored now: every field shows it but the focused one. */
void     rd_account_details_refresh           (RdAccountDetails *self,
                                               RdAccount        *account);
gboolean rd_account_details_get_is_new        (RdAccountDetails *self);
/* FALSE when the last thing to undo is not a field's: the window's runs. */
gboolean rd_account_details_undo              (RdAccountDetails *self);
/* Something else was done on the page that the window undoes (a deletion). */
void     rd_account_details_push_foreign_undo (RdAccountDetails *self);
/* Says, at the name field, that a new account needs a name first. */
void     rd_account_details_ask_for_name      (RdAccountDetails *self);
void     rd_account_details_focus_name        (RdAccountDetails *self);
/* Saves the fields still being edited. */
void     rd_account_details_flush             (RdAccountDetails *self);
/* The page is going: leaving a field saves nothing any more. */
void     rd_account_details_stop              (RdAccountDetails *self);

/* For tests: what pressing an entry row's apply button does. */
void     _rd_account_details_apply_row        (RdAccountDetails *self,
                                               AdwEntryRow      *row);

G_END_DECLS
