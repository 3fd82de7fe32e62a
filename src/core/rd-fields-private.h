/* rd-fields-private.h
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
 * The document plumbing of the objects that keep their fields in their
 * instance struct (RdAccount, RdContact: the store fills those directly),
 * as one table per class: each member of the document contract and where
 * its value lives in the struct.  Reading, writing, copying and freeing go
 * through the table, in its order.
 */

typedef enum
{
  RD_FIELD_SLOT_STRING,  /* char *; written only when set */
  RD_FIELD_SLOT_INT64,   /* gint64 */
  RD_FIELD_SLOT_INT,     /* int */
  RD_FIELD_SLOT_BOOL,    /* gboolean */
  RD_FIELD_SLOT_ENUM,    /* int: the index of the stable id in @enum_table */
  RD_FIELD_SLOT_STRV,    /* char **, an array of strings; written only when set */
} RdFieldSlotKind;

typedef struct
{
  const char        *member;      /* the JSON member, snake_case */
  RdFieldSlotKind    kind;
  gsize              offset;      /* G_STRUCT_OFFSET of the value */
  const RdEnumTable *enum_table;  /* ENUM */
  gint64             fallback;    /* INT64, INT, BOOL, ENUM: the value when missing */
} RdFieldSlot;

/* Frees the strings and string arrays of @instance. */
void        _rd_field_slots_clear     (gpointer           instance,
                                       const RdFieldSlot *slots,
                                       guint              n_slots);
/* Copies every slot of @src into @dest, whose slots are empty. */
void        _rd_field_slots_copy      (gpointer           dest,
                                       gconstpointer      src,
                                       const RdFieldSlot *slots,
                                       guint              n_slots);
/* Reads every slot of empty @instance from @doc (fallbacks when missing). */
void        _rd_field_slots_read      (gpointer           instance,
                                       JsonObject        *doc,
                                       const RdFieldSlot *slots,
                                       guint              n_slots);
/* Writes every slot of @instance into @doc. */
void        _rd_field_slots_write     (gconstpointer      instance,
                                       JsonObject        *doc,
                                       const RdFieldSlot *slots,
                                       guint              n_slots);

/* The bare UUID of @doc once it is valid (rd_document_validate()) and of
 * @type ("account" or "contact"); else NULL with the error. */
char       *_rd_field_slots_read_uuid (JsonObject        *doc,
                                       const char        *type,
                                       GError           **error);
/* A new document with "_id" and "type" of @type and @uuid. */
JsonObject *_rd_field_slots_new_document (const char     *type,
                                          const char     *uuid);

/* Replaces *@field by a copy of @value (NULL for "" when @empty_is_null);
 * FALSE when it was equal already. */
gboolean    _rd_field_replace_string  (char             **field,
                                       const char        *value,
                                       gboolean           empty_is_null);

/* The strings of a JSON array as a GStrv; NULL when there are none. */
char      **_rd_strv_from_json_array  (JsonArray         *array);

G_END_DECLS
