/* rd-activity-dialog.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-activity-record.h"
#include "rd-delay.h"

G_BEGIN_DECLS

/*
 * Logs a call, a mail, a meeting or a note in a few seconds: the kind, the
 * day (today unless changed), who it was with, what we did and how they
 * answered, and which of the open delay's commitments they kept.  Responds
 * "save" or "cancel"; the caller writes the record.
 */

#define RD_TYPE_ACTIVITY_DIALOG (rd_activity_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdActivityDialog, rd_activity_dialog, RD, ACTIVITY_DIALOG, AdwMessageDialog)

/* @activity: the entry to edit, or NULL for a new one on @today
 * ("YYYY-MM-DD"); @contacts: RdContact, may be NULL; @delay: the open
 * delay whose pending commitments may be ticked off, or NULL. */
RdActivityDialog *rd_activity_dialog_new          (GtkWindow        *parent,
                                                   RdActivityRecord *activity,
                                                   const char       *today,
                                                   GPtrArray        *contacts,
                                                   RdDelay          *delay);
/* Writes what the dialog shows into @activity. */
void              rd_activity_dialog_apply        (RdActivityDialog *self,
                                                   RdActivityRecord *activity);
char             *rd_activity_dialog_dup_date     (RdActivityDialog *self);
/* Whether @commitment of the delay was ticked as kept. */
gboolean          rd_activity_dialog_get_kept     (RdActivityDialog *self,
                                                   RdCommitment      commitment);

G_END_DECLS
