/* rd-history.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * An account's history is a list of event documents holding raw facts
 * only, as stored: which record (`entity`, `entity_id`), what happened
 * (`action`: created, changed, deleted, restored), which `field`, its
 * `old_value` and `new_value` as stored, and what is needed to name the
 * record (`subject`: its name or title, or a delay's day) and to format a
 * value (`currency` for amounts; `cause` and `classification` of a logged
 * delay).  The sentence is made when the history is shown, in the
 * reader's language and locale, by rd_history_describe(): a German
 * teammate's edit reads in English to an English reader.
 *
 * Events written before this (with a `summary` sentence and no `action`)
 * are shown as they were written.
 */

#define RD_HISTORY_CREATED  "created"
#define RD_HISTORY_CHANGED  "changed"
#define RD_HISTORY_DELETED  "deleted"
#define RD_HISTORY_RESTORED "restored"

/* The facts for an event about the document @doc of @type: its subject,
 * and the currency of an account's amounts.  A new object. */
JsonObject *rd_history_facts_for   (const char *type,
                                    JsonObject *doc);

/* "Stakeholder “Ann Lee”: Email changed from … to …", translated. */
char       *rd_history_describe    (JsonObject *event);

G_END_DECLS
