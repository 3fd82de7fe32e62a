/* rd-record.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-enums.h"

G_BEGIN_DECLS

/*
 * One row of the document contract (design.md) as a typed object, for the
 * entities the views edit member by member: plans, plan steps, bridges,
 * concerns, losses and reminders (RdPlanRecord, RdPlanStepRecord, …), and
 * the history's events.
 *
 * A record keeps its whole document: the typed accessors of the subclasses
 * read and write its members, and every member a subclass does not know
 * (fields added by a later version, meta members such as "_rev") is kept
 * and written back unchanged.  Each typed field is also a property
 * ("timeframe-days" for "timeframe_days"), notified when it changes.
 *
 * Records are plain main-thread objects: give the store documents
 * (rd_record_to_document()), never a record.
 */

#define RD_TYPE_RECORD (rd_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (RdRecord, rd_record, RD, RECORD, GObject)

typedef enum
{
  RD_RECORD_FIELD_STRING,   /* text, dates, instants and references */
  RD_RECORD_FIELD_INT,
  RD_RECORD_FIELD_BOOL,
  RD_RECORD_FIELD_ENUM,     /* the stable id of @enum_table, as an int */
} RdRecordFieldKind;

/* A typed member of a subclass; see _rd_record_class_install_fields(). */
typedef struct
{
  const char        *member;      /* the JSON member, snake_case */
  RdRecordFieldKind  kind;
  const RdEnumTable *enum_table;  /* ENUM */
  gint64             fallback;    /* INT, BOOL, ENUM: the value when missing */
  gboolean           read_only;   /* set when the record is created only */
} RdRecordField;

struct _RdRecordClass
{
  GObjectClass         parent_class;

  /*< private >*/
  const char          *entity;        /* "plan", "plan_step", … */
  const char          *parent_member; /* the reference records are listed by */
  const RdRecordField *fields;        /* [0] unused, like PROP_0 */
  guint                n_fields;
  GParamSpec         **pspecs;

  gpointer             padding[4];
};

/* A record of the subclass whose entity is the document's "type", holding
 * a deep copy of @doc; NULL with RD_DOCUMENT_ERROR_UNKNOWN_TYPE for
 * another entity, _INVALID without a well-formed "_id". */
RdRecord   *rd_record_new_from_document      (JsonObject *doc,
                                              GError    **error);
/* A deep copy of the document with every edit: (transfer full). */
JsonObject *rd_record_to_document            (RdRecord   *self);
/* The document itself, for the rules in core that read documents (the
 * plan rules, fold facts, …); do not modify it. */
JsonObject *rd_record_get_document           (RdRecord   *self);
RdRecord   *rd_record_copy                   (RdRecord   *self);

/* The bare UUID; "<entity>:<uuid>"; "plan", "bridge", … */
const char *rd_record_get_id                 (RdRecord   *self);
const char *rd_record_get_doc_id             (RdRecord   *self);
const char *rd_record_get_entity             (RdRecord   *self);
const char *rd_record_get_updated_at         (RdRecord   *self);

/* The entity of records of @type ("plan" for RD_TYPE_PLAN_RECORD), and the
 * reference records of that type are listed by ("account_id",
 * "plan_id"). */
const char *rd_record_type_get_entity        (GType       type);
const char *rd_record_type_get_parent_member (GType       type);

/* Records for each document of @docs (all or nothing). */
GPtrArray  *rd_records_new_from_documents    (GPtrArray  *docs,
                                              GError    **error);
/* Deep copies of the records' documents. */
GPtrArray  *rd_records_to_documents          (GPtrArray  *records);
/* The record of @records with this "<entity>:<uuid>" or bare UUID. */
RdRecord   *rd_records_find                  (GPtrArray  *records,
                                              const char *id);

G_END_DECLS
