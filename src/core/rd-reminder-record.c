/* rd-reminder-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminder-record"

#include "config.h"

#include "rd-reminder-record.h"
#include "rd-record-private.h"
#include "rd-reminder-refresh.h"

struct _RdReminderRecord
{
  RdRecord parent_instance;
};

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_KIND,
  PROP_SOURCE_ID,
  PROP_DUE_AT,
  PROP_TITLE,
  PROP_DONE_AT,
  PROP_SNOOZED_UNTIL,
  PROP_NOTIFIED_AT,
  PROP_ACCOUNT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RdRecordField fields[N_PROPS] = {
  [PROP_ACCOUNT_ID] = { "account_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_KIND] = { "kind", RD_RECORD_FIELD_ENUM,
                  .enum_table = &rd_reminder_kind_table, .fallback = RD_REMINDER_MANUAL,
                  .read_only = TRUE },
  [PROP_SOURCE_ID] = { "source_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_DUE_AT] = { "due_at", RD_RECORD_FIELD_STRING },
  [PROP_TITLE] = { "title", RD_RECORD_FIELD_STRING },
  [PROP_DONE_AT] = { "done_at", RD_RECORD_FIELD_STRING },
  [PROP_SNOOZED_UNTIL] = { "snoozed_until", RD_RECORD_FIELD_STRING },
  [PROP_NOTIFIED_AT] = { "notified_at", RD_RECORD_FIELD_STRING },
  [PROP_ACCOUNT_NAME] = { "account_name", RD_RECORD_FIELD_STRING, .read_only = TRUE },
};

G_DEFINE_FINAL_TYPE (RdReminderRecord, rd_reminder_record, RD_TYPE_RECORD)

static void
rd_reminder_record_class_init (RdReminderRecordClass *klass)
{
  _rd_record_class_install_fields (RD_RECORD_CLASS (klass), "reminder", "account_id",
                                   fields, N_PROPS, properties);
}

/* Public API ------------------------------------------------------------- */

GDateTime *
rd_reminder_record_get_effective_due (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), NULL);

  return rd_reminder_get_effective_due (rd_record_get_document (RD_RECORD (self)));
}

const char *
rd_reminder_record_get_kind_label (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), NULL);

  return rd_reminder_get_kind_label (rd_record_get_document (RD_RECORD (self)));
}

static void
rd_reminder_record_init (RdReminderRecord *self)
{
}

const char *
rd_reminder_record_get_account_id (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ACCOUNT_ID);
}

RdReminderKind
rd_reminder_record_get_kind (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), RD_REMINDER_MANUAL);

  return (RdReminderKind) _rd_record_get_enum (RD_RECORD (self), PROP_KIND);
}

const char *
rd_reminder_record_get_source_id (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_SOURCE_ID);
}

const char *
rd_reminder_record_get_due_at (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_DUE_AT);
}

void
rd_reminder_record_set_due_at (RdReminderRecord *self,
                               const char       *due_at)
{
  g_return_if_fail (RD_IS_REMINDER_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_DUE_AT, due_at);
}

const char *
rd_reminder_record_get_title (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_TITLE);
}

void
rd_reminder_record_set_title (RdReminderRecord *self,
                              const char       *title)
{
  g_return_if_fail (RD_IS_REMINDER_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_TITLE, title);
}

const char *
rd_reminder_record_get_done_at (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_DONE_AT);
}

void
rd_reminder_record_set_done_at (RdReminderRecord *self,
                                const char       *done_at)
{
  g_return_if_fail (RD_IS_REMINDER_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_DONE_AT, done_at);
}

const char *
rd_reminder_record_get_snoozed_until (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_SNOOZED_UNTIL);
}

void
rd_reminder_record_set_snoozed_until (RdReminderRecord *self,
                                      const char       *snoozed_until)
{
  g_return_if_fail (RD_IS_REMINDER_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_SNOOZED_UNTIL, snoozed_until);
}

const char *
rd_reminder_record_get_notified_at (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_NOTIFIED_AT);
}

void
rd_reminder_record_set_notified_at (RdReminderRecord *self,
                                    const char       *notified_at)
{
  g_return_if_fail (RD_IS_REMINDER_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_NOTIFIED_AT, notified_at);
}

const char *
rd_reminder_record_get_account_name (RdReminderRecord *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ACCOUNT_NAME);
}
