/* rd-fields.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-fields"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-fields-private.h"

#define SLOT(instance, slot, Type) ((Type *) G_STRUCT_MEMBER_P (instance, (slot)->offset))
/* The read side: @instance is const, its slots are read only. */
#define CONST_SLOT(instance, slot, Type) SLOT ((gpointer) (instance), slot, Type)

static JsonNode *
member (JsonObject *doc,
        const char *name)
{
  JsonNode *node = json_object_get_member (doc, name);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static gint64
member_int (JsonObject        *doc,
            const RdFieldSlot *slot)
{
  JsonNode *node = member (doc, slot->member);

  return node != NULL ? json_node_get_int (node) : slot->fallback;
}

static int
member_enum (JsonObject        *doc,
             const RdFieldSlot *slot)
{
  JsonNode *node = member (doc, slot->member);
  int value = rd_enum_table_lookup (slot->enum_table,
                                    node != NULL ? json_node_get_string (node) : NULL);

  return value < 0 ? (int) slot->fallback : value;
}

static gboolean
member_bool (JsonObject        *doc,
             const RdFieldSlot *slot)
{
  JsonNode *node = json_object_get_member (doc, slot->member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return slot->fallback != 0;

  return json_node_get_boolean (node);
}

static char **
member_strv (JsonObject        *doc,
             const RdFieldSlot *slot)
{
  JsonNode *node = json_object_get_member (doc, slot->member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return _rd_strv_from_json_array (json_node_get_array (node));
}

void
_rd_field_slots_clear (gpointer           instance,
                       const RdFieldSlot *slots,
                       guint              n_slots)
{
  for (guint i = 0; i < n_slots; i++)
    {
      if (slots[i].kind == RD_FIELD_SLOT_STRING)
        g_clear_pointer (SLOT (instance, &slots[i], char *), g_free);
      else if (slots[i].kind == RD_FIELD_SLOT_STRV)
        g_clear_pointer (SLOT (instance, &slots[i], char **), g_strfreev);
    }
}

static gsize
slot_size (RdFieldSlotKind kind)
{
  switch (kind)
    {
    case RD_FIELD_SLOT_INT64:
      return sizeof (gint64);
    case RD_FIELD_SLOT_BOOL:
      return sizeof (gboolean);
    case RD_FIELD_SLOT_INT:
    case RD_FIELD_SLOT_ENUM:
      return sizeof (int);
    case RD_FIELD_SLOT_STRING:
    case RD_FIELD_SLOT_STRV:
    default:
      return sizeof (gpointer);
    }
}

void
_rd_field_slots_copy (gpointer           dest,
                      gconstpointer      src,
                      const RdFieldSlot *slots,
                      guint              n_slots)
{
  for (guint i = 0; i < n_slots; i++)
    {
      const RdFieldSlot *slot = &slots[i];

      if (slot->kind == RD_FIELD_SLOT_STRING)
        *SLOT (dest, slot, char *) = g_strdup (*CONST_SLOT (src, slot, char *));
      else if (slot->kind == RD_FIELD_SLOT_STRV)
        *SLOT (dest, slot, char **) = g_strdupv (*CONST_SLOT (src, slot, char **));
      else
        memcpy (SLOT (dest, slot, char), CONST_SLOT (src, slot, char), slot_size (slot->kind));
    }
}

void
_rd_field_slots_read (gpointer           instance,
                      JsonObject        *doc,
                      const RdFieldSlot *slots,
                      guint              n_slots)
{
  for (guint i = 0; i < n_slots; i++)
    {
      const RdFieldSlot *slot = &slots[i];

      switch (slot->kind)
        {
        case RD_FIELD_SLOT_STRING:
          *SLOT (instance, slot, char *) = g_strdup (rd_document_get_string (doc, slot->member));
          break;
        case RD_FIELD_SLOT_INT64:
          *SLOT (instance, slot, gint64) = member_int (doc, slot);
          break;
        case RD_FIELD_SLOT_INT:
          *SLOT (instance, slot, int) = (int) member_int (doc, slot);
          break;
        case RD_FIELD_SLOT_ENUM:
          *SLOT (instance, slot, int) = member_enum (doc, slot);
          break;
        case RD_FIELD_SLOT_BOOL:
          *SLOT (instance, slot, gboolean) = member_bool (doc, slot);
          break;
        case RD_FIELD_SLOT_STRV:
          *SLOT (instance, slot, char **) = member_strv (doc, slot);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
write_strv (JsonObject         *doc,
            const char         *name,
            const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_object_set_array_member (doc, name, array);
}

void
_rd_field_slots_write (gconstpointer      instance,
                       JsonObject        *doc,
                       const RdFieldSlot *slots,
                       guint              n_slots)
{
  for (guint i = 0; i < n_slots; i++)
    {
      const RdFieldSlot *slot = &slots[i];

      switch (slot->kind)
        {
        case RD_FIELD_SLOT_STRING:
          if (*CONST_SLOT (instance, slot, char *) != NULL)
            json_object_set_string_member (doc, slot->member, *CONST_SLOT (instance, slot, char *));
          break;
        case RD_FIELD_SLOT_INT64:
          json_object_set_int_member (doc, slot->member, *CONST_SLOT (instance, slot, gint64));
          break;
        case RD_FIELD_SLOT_INT:
          json_object_set_int_member (doc, slot->member, *CONST_SLOT (instance, slot, int));
          break;
        case RD_FIELD_SLOT_ENUM:
          json_object_set_string_member (doc, slot->member,
                                         rd_enum_table_id (slot->enum_table,
                                                           *CONST_SLOT (instance, slot, int)));
          break;
        case RD_FIELD_SLOT_BOOL:
          json_object_set_boolean_member (doc, slot->member,
                                          *CONST_SLOT (instance, slot, gboolean));
          break;
        case RD_FIELD_SLOT_STRV:
          if (*CONST_SLOT (instance, slot, char **) != NULL)
            write_strv (doc, slot->member,
                        (const char * const *) *CONST_SLOT (instance, slot, char **));
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

char *
_rd_field_slots_read_uuid (JsonObject  *doc,
                           const char  *type,
                           GError     **error)
{
  g_autofree char *doc_type = NULL;
  g_autofree char *uuid = NULL;
  const char *doc_id;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);

  if (!rd_document_validate (doc, error))
    return NULL;

  doc_id = json_object_get_string_member (doc, "_id");
  rd_document_parse_id (doc_id, &doc_type, &uuid);
  if (g_strcmp0 (doc_type, type) == 0)
    return g_steal_pointer (&uuid);

  if (g_str_equal (type, "account"))
    g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_UNKNOWN_TYPE,
                 _("Document “%s” is not an account"), doc_id);
  else if (g_str_equal (type, "contact"))
    g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_UNKNOWN_TYPE,
                 _("Document “%s” is not a stakeholder"), doc_id);
  else
    g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_UNKNOWN_TYPE,
                 "Document “%s” is not a %s", doc_id, type);
  return NULL;
}

JsonObject *
_rd_field_slots_new_document (const char *type,
                              const char *uuid)
{
  g_autofree char *doc_id = rd_document_make_id (type, uuid);
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", type);

  return doc;
}

gboolean
_rd_field_replace_string (char       **field,
                          const char  *value,
                          gboolean     empty_is_null)
{
  if (empty_is_null && value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

char **
_rd_strv_from_json_array (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        {
          g_strv_builder_add (builder, json_node_get_string (item));
          n++;
        }
    }

  return n > 0 ? g_strv_builder_end (builder) : NULL;
}
