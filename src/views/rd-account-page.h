/* rd-account-page.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_ACCOUNT_PAGE (rd_account_page_get_type ())

G_DECLARE_FINAL_TYPE (RdAccountPage, rd_account_page, RD, ACCOUNT_PAGE, AdwBin)

/* "context": the store, settings and clock; handed on to the page's parts. */
RdContext  *rd_account_page_get_context  (RdAccountPage *self);
void        rd_account_page_set_context  (RdAccountPage *self,
                                          RdContext     *context);
/* Shows a private copy of @account.  With @is_new the account is not in the
 * store yet: it is saved by the first valid edit. */
void        rd_account_page_set_account  (RdAccountPage *self,
                                          RdAccount     *account,
                                          gboolean       is_new);
RdAccount  *rd_account_page_get_account  (RdAccountPage *self);
gboolean    rd_account_page_get_is_new   (RdAccountPage *self);
const char *rd_account_page_get_title    (RdAccountPage *self);
void        rd_account_page_focus_name   (RdAccountPage *self);
/* Saves edits still pending (notes) before the page is left. */
void        rd_account_page_flush        (RdAccountPage *self);

G_END_DECLS
