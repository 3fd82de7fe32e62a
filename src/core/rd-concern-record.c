/* rd-concern-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-concern-record"

#include "config.h"

#include "rd-concern-record.h"
#include "rd-record-private.h"

struct _RdConcernRecord
{
  RdRecord parent_instance;
};

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_TITLE,
  PROP_PRIORITY,
  PROP_MUST_FIX,
  PROP_CHANGES_DECISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RdRecordField fields[N_PROPS] = {
  [PROP_ACCOUNT_ID] = { "account_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_TITLE] = { "title", RD_RECORD_FIELD_STRING },
  [PROP_PRIORITY] = { "priority", RD_RECORD_FIELD_INT, .fallback = G_MAXINT },
  [PROP_MUST_FIX] = { "must_fix", RD_RECORD_FIELD_BOOL },
  [PROP_CHANGES_DECISION] = { "changes_decision", RD_RECORD_FIELD_BOOL },
};

G_DEFINE_FINAL_TYPE (RdConcernRecord, rd_concern_record, RD_TYPE_RECORD)

static void
rd_concern_record_class_init (RdConcernRecordClass *klass)
{
  _rd_record_class_install_fields (RD_RECORD_CLASS (klass), "concern", "account_id",
                                   fields, N_PROPS, properties);
}

/* Public API ------------------------------------------------------------- */

RdConcernRecord *
rd_concern_record_new (const char *account_id,
                       const char *title,
                       gint64      priority)
{
  RdConcernRecord *self;

  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = _rd_record_new_take (RD_TYPE_CONCERN_RECORD,
                              _rd_record_new_document (RD_TYPE_CONCERN_RECORD, account_id));
  rd_concern_record_set_title (self, title);
  rd_concern_record_set_priority (self, priority);
  rd_concern_record_set_must_fix (self, FALSE);
  rd_concern_record_set_changes_decision (self, FALSE);

  return self;
}

static void
rd_concern_record_init (RdConcernRecord *self)
{
}

const char *
rd_concern_record_get_account_id (RdConcernRecord *self)
{
  g_return_val_if_fail (RD_IS_CONCERN_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ACCOUNT_ID);
}

const char *
rd_concern_record_get_title (RdConcernRecord *self)
{
  g_return_val_if_fail (RD_IS_CONCERN_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_TITLE);
}

void
rd_concern_record_set_title (RdConcernRecord *self,
                             const char      *title)
{
  g_return_if_fail (RD_IS_CONCERN_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_TITLE, title);
}

gint64
rd_concern_record_get_priority (RdConcernRecord *self)
{
  g_return_val_if_fail (RD_IS_CONCERN_RECORD (self), 0);

  return _rd_record_get_int (RD_RECORD (self), PROP_PRIORITY);
}

void
rd_concern_record_set_priority (RdConcernRecord *self,
                                gint64           priority)
{
  g_return_if_fail (RD_IS_CONCERN_RECORD (self));

  _rd_record_set_int (RD_RECORD (self), PROP_PRIORITY, priority);
}

gboolean
rd_concern_record_get_must_fix (RdConcernRecord *self)
{
  g_return_val_if_fail (RD_IS_CONCERN_RECORD (self), FALSE);

  return _rd_record_get_bool (RD_RECORD (self), PROP_MUST_FIX);
}

void
rd_concern_record_set_must_fix (RdConcernRecord *self,
                                gboolean         must_fix)
{
  g_return_if_fail (RD_IS_CONCERN_RECORD (self));

  _rd_record_set_bool (RD_RECORD (self), PROP_MUST_FIX, must_fix);
}

gboolean
rd_concern_record_get_changes_decision (RdConcernRecord *self)
{
  g_return_val_if_fail (RD_IS_CONCERN_RECORD (self), FALSE);

  return _rd_record_get_bool (RD_RECORD (self), PROP_CHANGES_DECISION);
}

void
rd_concern_record_set_changes_decision (RdConcernRecord *self,
                                        gboolean         changes_decision)
{
  g_return_if_fail (RD_IS_CONCERN_RECORD (self));

  _rd_record_set_bool (RD_RECORD (self), PROP_CHANGES_DECISION, changes_decision);
}
