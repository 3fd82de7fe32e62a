/* rd-concern-list.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-account-pane.h"

G_BEGIN_DECLS

#define RD_TYPE_CONCERN_LIST (rd_concern_list_get_type ())

G_DECLARE_FINAL_TYPE (RdConcernList, rd_concern_list, RD, CONCERN_LIST, RdAccountPane)

/*
 * The customer's concerns, most important first: add, move up or down
 * (priority 1 = first), must-fix versus nice-to-fix, and whether fixing it
 * would change the renewal decision.  Actions: "concerns.move-up",
 * "concerns.move-down", "concerns.toggle-must-fix",
 * "concerns.toggle-changes-decision", "concerns.delete" (s: the _id).
 */
void       rd_concern_list_set_account (RdConcernList *self,
                                        const char    *account_id);
void       rd_concern_list_reload      (RdConcernList *self);

G_END_DECLS
