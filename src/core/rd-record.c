/* rd-record.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-record"

#include "config.h"

#include <string.h>

#include "rd-activity-record.h"
#include "rd-bridge-record.h"
#include "rd-concern-record.h"
#include "rd-document.h"
#include "rd-event-record.h"
#include "rd-exchange-rate-record.h"
#include "rd-loss-record.h"
#include "rd-plan-record.h"
#include "rd-plan-step-record.h"
#include "rd-record-private.h"
#include "rd-reminder-record.h"

typedef struct
{
  JsonObject *document;   /* owned; never shared with anyone else */
} RdRecordPrivate;

enum {
  PROP_0,
  PROP_ID,
  PROP_DOC_ID,
  PROP_ENTITY,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (RdRecord, rd_record, G_TYPE_OBJECT)

static JsonObject *
document (RdRecord *self)
{
  RdRecordPrivate *priv = rd_record_get_instance_private (self);

  return priv->document;
}

static const RdRecordField *
field (RdRecord *self,
       guint     prop)
{
  RdRecordClass *klass = RD_RECORD_GET_CLASS (self);

  g_return_val_if_fail (prop > 0 && prop < klass->n_fields, NULL);

  return &klass->fields[prop];
}

static void
notify_field (RdRecord *self,
              guint     prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), RD_RECORD_GET_CLASS (self)->pspecs[prop]);
}

/* The record types, for rd_record_new_from_document(). */
static GType
type_for_entity (const char *entity)
{
  GType types[] = {
    RD_TYPE_ACTIVITY_RECORD,
    RD_TYPE_BRIDGE_RECORD,
    RD_TYPE_CONCERN_RECORD,
    RD_TYPE_EVENT_RECORD,
    RD_TYPE_EXCHANGE_RATE_RECORD,
    RD_TYPE_LOSS_RECORD,
    RD_TYPE_PLAN_RECORD,
    RD_TYPE_PLAN_STEP_RECORD,
    RD_TYPE_REMINDER_RECORD,
  };

  for (guint i = 0; entity != NULL && i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (rd_record_type_get_entity (types[i]), entity) == 0)
      return types[i];

  return G_TYPE_INVALID;
}

/* The property name of a member: "timeframe_days" → "timeframe-days". */
static const char *
property_name (const char *member)
{
  g_autofree char *name = g_strdelimit (g_strdup (member), "_", '-');

  return g_intern_string (name);
}

static void
rd_record_fields_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdRecord *self = RD_RECORD (object);

  switch (field (self, prop_id)->kind)
    {
    case RD_RECORD_FIELD_STRING:
      g_value_set_string (value, _rd_record_get_string (self, prop_id));
      break;
    case RD_RECORD_FIELD_INT:
      g_value_set_int64 (value, _rd_record_get_int (self, prop_id));
      break;
    case RD_RECORD_FIELD_BOOL:
      g_value_set_boolean (value, _rd_record_get_bool (self, prop_id));
      break;
    case RD_RECORD_FIELD_ENUM:
      g_value_set_int (value, _rd_record_get_enum (self, prop_id));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_record_fields_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RdRecord *self = RD_RECORD (object);

  switch (field (self, prop_id)->kind)
    {
    case RD_RECORD_FIELD_STRING:
      _rd_record_set_string (self, prop_id, g_value_get_string (value));
      break;
    case RD_RECORD_FIELD_INT:
      _rd_record_set_int (self, prop_id, g_value_get_int64 (value));
      break;
    case RD_RECORD_FIELD_BOOL:
      _rd_record_set_bool (self, prop_id, g_value_get_boolean (value));
      break;
    case RD_RECORD_FIELD_ENUM:
      _rd_record_set_enum (self, prop_id, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_record_finalize (GObject *object)
{
  RdRecordPrivate *priv = rd_record_get_instance_private (RD_RECORD (object));

  g_clear_pointer (&priv->document, json_object_unref);

  G_OBJECT_CLASS (rd_record_parent_class)->finalize (object);
}

static void
rd_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RdRecord *self = RD_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, rd_record_get_id (self));
      break;
    case PROP_DOC_ID:
      g_value_set_string (value, rd_record_get_doc_id (self));
      break;
    case PROP_ENTITY:
      g_value_set_string (value, rd_record_get_entity (self));
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, rd_record_get_updated_at (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_record_class_init (RdRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_record_finalize;
  object_class->get_property = rd_record_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOC_ID] =
    g_param_spec_string ("doc-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTITY] =
    g_param_spec_string ("entity", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_record_init (RdRecord *self)
{
}

/* For the subclasses --------------------------------------------------- */

void
_rd_record_class_install_fields (RdRecordClass       *klass,
                                 const char          *entity,
                                 const char          *parent_member,
                                 const RdRecordField *fields,
                                 guint                n_fields,
                                 GParamSpec         **pspecs)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (RD_IS_RECORD_CLASS (klass));
  g_return_if_fail (entity != NULL);
  g_return_if_fail (fields != NULL && n_fields > 1);

  klass->entity = entity;
  klass->parent_member = parent_member;
  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->pspecs = pspecs;

  object_class->get_property = rd_record_fields_get_property;
  object_class->set_property = rd_record_fields_set_property;

  for (guint i = 1; i < n_fields; i++)
    {
      const RdRecordField *f = &fields[i];
      const char *name = property_name (f->member);
      GParamFlags flags = (f->read_only ? G_PARAM_READABLE : G_PARAM_READWRITE) |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

      switch (f->kind)
        {
        case RD_RECORD_FIELD_STRING:
          pspecs[i] = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case RD_RECORD_FIELD_INT:
          pspecs[i] = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, f->fallback,
                                          flags);
          break;
        case RD_RECORD_FIELD_BOOL:
          pspecs[i] = g_param_spec_boolean (name, NULL, NULL, f->fallback != 0, flags);
          break;
        case RD_RECORD_FIELD_ENUM:
          pspecs[i] = g_param_spec_int (name, NULL, NULL, -1, (int) f->enum_table->n_entries - 1,
                                        (int) f->fallback, flags);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_object_class_install_properties (object_class, n_fields, pspecs);
}

JsonObject *
_rd_record_new_document (GType       type,
                         const char *parent_id)
{
  RdRecordClass *klass = g_type_class_ref (type);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *doc_id = rd_document_make_id (klass->entity, uuid);
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", klass->entity);
  if (parent_id != NULL && klass->parent_member != NULL)
    json_object_set_string_member (doc, klass->parent_member, parent_id);
  g_type_class_unref (klass);

  return doc;
}

gpointer
_rd_record_new_take (GType       type,
                     JsonObject *doc)
{
  RdRecord *self;
  RdRecordPrivate *priv;

  g_return_val_if_fail (g_type_is_a (type, RD_TYPE_RECORD), NULL);
  g_return_val_if_fail (doc != NULL, NULL);

  self = g_object_new (type, NULL);
  priv = rd_record_get_instance_private (self);
  priv->document = doc;

  return self;
}

const char *
_rd_record_get_string (RdRecord *self,
                       guint     prop)
{
  const RdRecordField *f = field (self, prop);

  g_return_val_if_fail (f != NULL && f->kind == RD_RECORD_FIELD_STRING, NULL);

  return rd_document_get_string (document (self), f->member);
}

void
_rd_record_set_string (RdRecord   *self,
                       guint       prop,
                       const char *value)
{
  const RdRecordField *f = field (self, prop);
  JsonObject *doc = document (self);

  g_return_if_fail (f != NULL && f->kind == RD_RECORD_FIELD_STRING);

  if (value != NULL && *value == '\0')
    value = NULL;
  if (value == NULL && !json_object_has_member (doc, f->member))
    return;
  if (value != NULL && g_strcmp0 (rd_document_get_string (doc, f->member), value) == 0)
    return;

  if (value == NULL)
    json_object_remove_member (doc, f->member);
  else
    json_object_set_string_member (doc, f->member, value);
  notify_field (self, prop);
}

gint64
_rd_record_get_int (RdRecord *self,
                    guint     prop)
{
  const RdRecordField *f = field (self, prop);

  g_return_val_if_fail (f != NULL && f->kind == RD_RECORD_FIELD_INT, 0);

  return json_object_get_int_member_with_default (document (self), f->member, f->fallback);
}

void
_rd_record_set_int (RdRecord *self,
                    guint     prop,
                    gint64    value)
{
  const RdRecordField *f = field (self, prop);
  JsonObject *doc = document (self);

  g_return_if_fail (f != NULL && f->kind == RD_RECORD_FIELD_INT);

  if (json_object_has_member (doc, f->member) &&
      json_object_get_int_member_with_default (doc, f->member, f->fallback) == value)
    return;

  json_object_set_int_member (doc, f->member, value);
  notify_field (self, prop);
}

gboolean
_rd_record_get_bool (RdRecord *self,
                     guint     prop)
{
  const RdRecordField *f = field (self, prop);

  g_return_val_if_fail (f != NULL && f->kind == RD_RECORD_FIELD_BOOL, FALSE);

  return json_object_get_boolean_member_with_default (document (self), f->member, f->fallback != 0);
}

void
_rd_record_set_bool (RdRecord *self,
                     guint     prop,
                     gboolean  value)
{
  const RdRecordField *f = field (self, prop);
  JsonObject *doc = document (self);

  g_return_if_fail (f != NULL && f->kind == RD_RECORD_FIELD_BOOL);

  value = !!value;
  if (json_object_has_member (doc, f->member) &&
      json_object_get_boolean_member_with_default (doc, f->member, f->fallback != 0) == value)
    return;

  json_object_set_boolean_member (doc, f->member, value);
  notify_field (self, prop);
}

int
_rd_record_get_enum (RdRecord *self,
                     guint     prop)
{
  const RdRecordField *f = field (self, prop);
  int value;

  g_return_val_if_fail (f != NULL && f->kind == RD_RECORD_FIELD_ENUM, -1);

  value = rd_enum_table_lookup (f->enum_table, rd_document_get_string (document (self), f->member));
  return value < 0 ? (int) f->fallback : value;
}

void
_rd_record_set_enum (RdRecord *self,
                     guint     prop,
                     int       value)
{
  const RdRecordField *f = field (self, prop);
  const char *id;

  g_return_if_fail (f != NULL && f->kind == RD_RECORD_FIELD_ENUM);

  id = rd_enum_table_id (f->enum_table, value);
  if (g_strcmp0 (rd_document_get_string (document (self), f->member), id) == 0)
    return;

  if (id == NULL)
    json_object_remove_member (document (self), f->member);
  else
    json_object_set_string_member (document (self), f->member, id);
  notify_field (self, prop);
}

/* Public API ------------------------------------------------------------- */

RdRecord *
rd_record_new_from_document (JsonObject  *doc,
                             GError     **error)
{
  const char *entity;
  g_autofree char *id_type = NULL;
  g_autofree char *uuid = NULL;
  GType type;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entity = rd_document_get_string (doc, "type");
  type = type_for_entity (entity);
  if (type == G_TYPE_INVALID)
    {
      /* Not for users: the views only ask for the entities they list. */
      g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_UNKNOWN_TYPE,
                   "“%s” is not a record type",
                   entity != NULL ? entity : "");
      return NULL;
    }

  if (!rd_document_parse_id (rd_document_get_string (doc, "_id"), &id_type, &uuid) ||
      g_strcmp0 (id_type, entity) != 0)
    {
      g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                   "A %s document has no valid “_id”", entity);
      return NULL;
    }

  return _rd_record_new_take (type, rd_document_copy_object (doc));
}

JsonObject *
rd_record_to_document (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);

  return rd_document_copy_object (document (self));
}

JsonObject *
rd_record_get_document (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);

  return document (self);
}

RdRecord *
rd_record_copy (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);

  return _rd_record_new_take (G_OBJECT_TYPE (self), rd_document_copy_object (document (self)));
}

const char *
rd_record_get_id (RdRecord *self)
{
  const char *doc_id;
  const char *colon;

  g_return_val_if_fail (RD_IS_RECORD (self), NULL);

  doc_id = rd_record_get_doc_id (self);
  colon = doc_id != NULL ? strchr (doc_id, ':') : NULL;
  return colon != NULL ? colon + 1 : NULL;
}

const char *
rd_record_get_doc_id (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);

  return rd_document_get_string (document (self), "_id");
}

const char *
rd_record_get_entity (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);

  return RD_RECORD_GET_CLASS (self)->entity;
}

const char *
rd_record_get_updated_at (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);

  return rd_document_get_string (document (self), "updated_at");
}

const char *
rd_record_type_get_entity (GType type)
{
  RdRecordClass *klass;
  const char *entity;

  g_return_val_if_fail (g_type_is_a (type, RD_TYPE_RECORD), NULL);

  klass = g_type_class_ref (type);
  entity = klass->entity;
  g_type_class_unref (klass);

  return entity;
}

const char *
rd_record_type_get_parent_member (GType type)
{
  RdRecordClass *klass;
  const char *member;

  g_return_val_if_fail (g_type_is_a (type, RD_TYPE_RECORD), NULL);

  klass = g_type_class_ref (type);
  member = klass->parent_member;
  g_type_class_unref (klass);

  return member;
}

GPtrArray *
rd_records_new_from_documents (GPtrArray  *docs,
                               GError    **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (docs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  records = g_ptr_array_new_full (docs->len, g_object_unref);
  for (guint i = 0; i < docs->len; i++)
    {
      RdRecord *record = rd_record_new_from_document (g_ptr_array_index (docs, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

GPtrArray *
rd_records_to_documents (GPtrArray *records)
{
  GPtrArray *docs;

  g_return_val_if_fail (records != NULL, NULL);

  docs = g_ptr_array_new_full (records->len, (GDestroyNotify) json_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (docs, rd_record_to_document (g_ptr_array_index (records, i)));

  return docs;
}

RdRecord *
rd_records_find (GPtrArray  *records,
                 const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (rd_record_get_doc_id (record), id) == 0 ||
          g_strcmp0 (rd_record_get_id (record), id) == 0)
        return record;
    }

  return NULL;
}
