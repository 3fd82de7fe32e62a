/* rd-contact-row.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-contact.h"

G_BEGIN_DECLS

#define RD_TYPE_CONTACT_ROW (rd_contact_row_get_type ())

G_DECLARE_FINAL_TYPE (RdContactRow, rd_contact_row, RD, CONTACT_ROW, AdwActionRow)

/*
 * A stakeholder in the account page's list: name, role and how to reach
 * them, "Left" when no longer with the customer, and buttons that edit
 * ("account.edit-contact") and remove ("account.delete-contact") it.
 * Activating the row edits it too.
 */
GtkWidget *rd_contact_row_new         (RdContact    *contact);
RdContact *rd_contact_row_get_contact (RdContactRow *self);
void       rd_contact_row_set_contact (RdContactRow *self,
                                       RdContact    *contact);

G_END_DECLS
