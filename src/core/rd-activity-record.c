/* rd-activity-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-activity-record"

#include "config.h"

#include "rd-activity-record.h"
#include "rd-record-private.h"

struct _RdActivityRecord
{
  RdRecord parent_instance;
};

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_DELAY_ID,
  PROP_CONTACT_ID,
  PROP_ON,
  PROP_KIND,
  PROP_SUMMARY,
  PROP_THEIR_RESPONSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const RdRecordField fields[N_PROPS] = {
  [PROP_ACCOUNT_ID] = { "account_id", RD_RECORD_FIELD_STRING, .read_only = TRUE },
  [PROP_DELAY_ID] = { "delay_id", RD_RECORD_FIELD_STRING },
  [PROP_CONTACT_ID] = { "contact_id", RD_RECORD_FIELD_STRING },
  [PROP_ON] = { "on", RD_RECORD_FIELD_STRING },
  [PROP_KIND] = { "kind", RD_RECORD_FIELD_ENUM,
      .enum_table = &rd_activity_kind_table, .fallback = -1 },
  [PROP_SUMMARY] = { "summary", RD_RECORD_FIELD_STRING },
  [PROP_THEIR_RESPONSE] = { "their_response", RD_RECORD_FIELD_STRING },
};

G_DEFINE_FINAL_TYPE (RdActivityRecord, rd_activity_record, RD_TYPE_RECORD)

static void
rd_activity_record_class_init (RdActivityRecordClass *klass)
{
  _rd_record_class_install_fields (RD_RECORD_CLASS (klass), "activity", "account_id",
                                   fields, N_PROPS, properties);
}

static void
rd_activity_record_init (RdActivityRecord *self)
{
}

/* Public API ------------------------------------------------------------- */

RdActivityRecord *
rd_activity_record_new (const char     *account_id,
                        const char     *on,
                        RdActivityKind  kind)
{
  RdActivityRecord *self;

  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (on != NULL, NULL);

  self = _rd_record_new_take (RD_TYPE_ACTIVITY_RECORD,
                              _rd_record_new_document (RD_TYPE_ACTIVITY_RECORD, account_id));
  rd_activity_record_set_on (self, on);
  rd_activity_record_set_kind (self, kind);

  return self;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  RdActivityRecord *x = *(RdActivityRecord **) a;
  RdActivityRecord *y = *(RdActivityRecord **) b;

  return -g_strcmp0 (rd_activity_record_get_on (x), rd_activity_record_get_on (y));
}

void
rd_activity_record_sort_newest_first (GPtrArray *activities)
{
  g_return_if_fail (activities != NULL);

  /* g_ptr_array_sort is a stable merge sort in GLib. */
  g_ptr_array_sort (activities, compare_newest_first);
}

const char *
rd_activity_record_get_account_id (RdActivityRecord *self)
{
  g_return_val_if_fail (RD_IS_ACTIVITY_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ACCOUNT_ID);
}

const char *
rd_activity_record_get_delay_id (RdActivityRecord *self)
{
  g_return_val_if_fail (RD_IS_ACTIVITY_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_DELAY_ID);
}

void
rd_activity_record_set_delay_id (RdActivityRecord *self,
                                 const char       *delay_id)
{
  g_return_if_fail (RD_IS_ACTIVITY_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_DELAY_ID, delay_id);
}

const char *
rd_activity_record_get_contact_id (RdActivityRecord *self)
{
  g_return_val_if_fail (RD_IS_ACTIVITY_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_CONTACT_ID);
}

void
rd_activity_record_set_contact_id (RdActivityRecord *self,
                                   const char       *contact_id)
{
  g_return_if_fail (RD_IS_ACTIVITY_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_CONTACT_ID, contact_id);
}

const char *
rd_activity_record_get_on (RdActivityRecord *self)
{
  g_return_val_if_fail (RD_IS_ACTIVITY_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_ON);
}

void
rd_activity_record_set_on (RdActivityRecord *self,
                           const char       *on)
{
  g_return_if_fail (RD_IS_ACTIVITY_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_ON, on);
}

int
rd_activity_record_get_kind (RdActivityRecord *self)
{
  g_return_val_if_fail (RD_IS_ACTIVITY_RECORD (self), -1);

  return _rd_record_get_enum (RD_RECORD (self), PROP_KIND);
}

void
rd_activity_record_set_kind (RdActivityRecord *self,
                             int               kind)
{
  g_return_if_fail (RD_IS_ACTIVITY_RECORD (self));

  _rd_record_set_enum (RD_RECORD (self), PROP_KIND, kind);
}

const char *
rd_activity_record_get_summary (RdActivityRecord *self)
{
  g_return_val_if_fail (RD_IS_ACTIVITY_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_SUMMARY);
}

void
rd_activity_record_set_summary (RdActivityRecord *self,
                                const char       *summary)
{
  g_return_if_fail (RD_IS_ACTIVITY_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_SUMMARY, summary);
}

const char *
rd_activity_record_get_their_response (RdActivityRecord *self)
{
  g_return_val_if_fail (RD_IS_ACTIVITY_RECORD (self), NULL);

  return _rd_record_get_string (RD_RECORD (self), PROP_THEIR_RESPONSE);
}

void
rd_activity_record_set_their_response (RdActivityRecord *self,
                                       const char       *their_response)
{
  g_return_if_fail (RD_IS_ACTIVITY_RECORD (self));

  _rd_record_set_string (RD_RECORD (self), PROP_THEIR_RESPONSE, their_response);
}
