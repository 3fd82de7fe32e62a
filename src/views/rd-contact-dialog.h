/* rd-contact-dialog.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-contact.h"

G_BEGIN_DECLS

#define RD_TYPE_CONTACT_DIALOG (rd_contact_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdContactDialog, rd_contact_dialog, RD, CONTACT_DIALOG, AdwMessageDialog)

/* Edits @contact (taken by reference) in place; the "save" response is only
 * enabled while the form is valid. */
RdContactDialog *rd_contact_dialog_new         (GtkWindow       *parent,
                                                RdContact       *contact,
                                                gboolean         is_new);
RdContact       *rd_contact_dialog_get_contact (RdContactDialog *self);

G_END_DECLS
