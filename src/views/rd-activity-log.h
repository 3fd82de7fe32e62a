/* rd-activity-log.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account-pane.h"
#include "rd-delay.h"

G_BEGIN_DECLS

/*
 * An account's dated activity log, newest first, bound to a list model of
 * RdActivityRecord.  Its actions: activity.log (a new entry, tied to the
 * open delay), activity.edit and activity.delete (with the entry's
 * document id; deleting offers Undo).  Restricted to one delay with
 * rd_activity_log_set_delay_only(), it is that delay's "what we did and
 * how they answered".
 */

#define RD_TYPE_ACTIVITY_LOG (rd_activity_log_get_type ())

G_DECLARE_FINAL_TYPE (RdActivityLog, rd_activity_log, RD, ACTIVITY_LOG, RdAccountPane)

/* NULL for none (a new account): the list empties and logging is off. */
void        rd_activity_log_set_account    (RdActivityLog *self,
                                            const char    *account_id);
/* RdContact, for names and the "With" choice; copied. */
void        rd_activity_log_set_contacts   (RdActivityLog *self,
                                            GPtrArray     *contacts);
/* The delay new entries belong to and whose commitments can be ticked off
 * as kept, or NULL. */
void        rd_activity_log_set_open_delay (RdActivityLog *self,
                                            RdDelay       *delay);
/* Shows only the entries of @delay_id (and new ones belong to it). */
void        rd_activity_log_set_delay_only (RdActivityLog *self,
                                            const char    *delay_id);
void        rd_activity_log_reload         (RdActivityLog *self);
/* The entries shown, newest first (RdActivityRecord). */
GListModel *rd_activity_log_get_model      (RdActivityLog *self);
/* Opens the dialog for a new entry. */
void        rd_activity_log_start          (RdActivityLog *self);

G_END_DECLS
