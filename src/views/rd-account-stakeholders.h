/* rd-account-stakeholders.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account-pane.h"
#include "rd-contact.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_STAKEHOLDERS (rd_account_stakeholders_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountStakeholders, rd_account_stakeholders, RD, ACCOUNT_STAKEHOLDERS, RdAccountPane)

/*
 * The Stakeholders section of the account page: the account's contacts,
 * one RdContactRow each, bound to a list model the delay editor reads too,
 * and the dialog that adds or edits one.  The Add button runs
 * "account.add-contact", the rows "account.edit-contact" and
 * "account.delete-contact": the page decides.
 */
/* The account whose stakeholders show; NULL (or a new account) shows none. */
void        rd_account_stakeholders_set_account_id (RdAccountStakeholders *self,
                                                    const char            *account_id);
void        rd_account_stakeholders_reload         (RdAccountStakeholders *self);
/* Of RdContact, in the store's order. */
GListModel *rd_account_stakeholders_get_contacts   (RdAccountStakeholders *self);
/* Opens the contact dialog on a new stakeholder, or on a copy of @id's. */
void        rd_account_stakeholders_add_contact    (RdAccountStakeholders *self);
void        rd_account_stakeholders_edit_contact   (RdAccountStakeholders *self,
                                                    const char            *id);

G_END_DECLS
