/* rd-event-record.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"

G_BEGIN_DECLS

/*
 * One change in an account's history, the "event" document the store
 * writes with every edit: the entity and field that changed and the raw
 * old and new values, with the sentence shown for it.  Read-only.
 */

#define RD_TYPE_EVENT_RECORD (rd_event_record_get_type ())

G_DECLARE_FINAL_TYPE (RdEventRecord, rd_event_record, RD, EVENT_RECORD, RdRecord)

const char *rd_event_record_get_account_id (RdEventRecord *self);
/* The changed entity ("account", "bridge", …) and its bare UUID. */
const char *rd_event_record_get_entity     (RdEventRecord *self);
const char *rd_event_record_get_entity_id  (RdEventRecord *self);
/* The field, and its raw values before and after. */
const char *rd_event_record_get_field      (RdEventRecord *self);
const char *rd_event_record_get_old_value  (RdEventRecord *self);
const char *rd_event_record_get_new_value  (RdEventRecord *self);
/* The sentence shown in the history. */
const char *rd_event_record_get_summary    (RdEventRecord *self);
/* A UTC ISO 8601 instant. */
const char *rd_event_record_get_created_at (RdEventRecord *self);

G_END_DECLS
