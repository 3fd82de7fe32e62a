/* rd-document.h
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
 * The document contract of design.md, in one place.  Every row of every
 * entity is one JSON object: "_id" = "<type>:<uuid>", "type" = the entity
 * name, snake_case fields, enum fields hold the stable ids of rd-enums.h,
 * references are "<entity>_id" holding the bare UUID, and deletes are
 * tombstones ("_deleted": true).  Backup, import/export and sync all use it.
 */

typedef enum
{
  RD_FIELD_TEXT,
  RD_FIELD_INT,
  RD_FIELD_BOOL,
  RD_FIELD_DATE,        /* "YYYY-MM-DD" */
  RD_FIELD_INSTANT,     /* UTC ISO 8601 */
  RD_FIELD_ENUM,        /* one id of @enum_table */
  RD_FIELD_ENUM_ARRAY,  /* JSON array of ids of @enum_table */
  RD_FIELD_REF,         /* bare UUID of an @ref_type row */
  RD_FIELD_CURRENCY,    /* ISO 4217 */
  RD_FIELD_COUNTRY,     /* ISO 3166-1 alpha-2 */
  RD_FIELD_JSON,        /* any JSON value, stored as text */
} RdFieldKind;

typedef struct
{
  const char        *name;         /* JSON field and SQL column */
  RdFieldKind        kind;
  gboolean           required;
  const RdEnumTable *enum_table;   /* ENUM, ENUM_ARRAY */
  const char        *ref_type;     /* REF */
  guint              max_length;   /* TEXT; 0 = RD_TEXT_DEFAULT_MAX */
} RdFieldSpec;

/* Limits of the rules (rd-document-rules.c), named in their messages. */
#define RD_TEXT_DEFAULT_MAX 200
/* Amounts (`*_minor`) stay below 10^15 minor units: ten trillion euros. */
#define RD_MONEY_MAX_MINOR G_GINT64_CONSTANT (1000000000000000)
/* An account's notice period, in days: at most ten years. */
#define RD_NOTICE_DAYS_MAX 3650

typedef struct
{
  const char        *type;         /* "account", "plan_step", … */
  const char        *table;
  const RdFieldSpec *fields;
  guint              n_fields;
} RdEntitySpec;

#define RD_DOCUMENT_ERROR (rd_document_error_quark ())

typedef enum
{
  RD_DOCUMENT_ERROR_INVALID,       /* malformed JSON or field */
  RD_DOCUMENT_ERROR_UNKNOWN_TYPE,
  RD_DOCUMENT_ERROR_BROKEN_REFERENCE,
} RdDocumentError;

GQuark              rd_document_error_quark (void);

/* All entity specs, parents before children (account first, event last). */
const RdEntitySpec *rd_entity_specs          (guint             *n_specs);
const RdEntitySpec *rd_entity_spec_lookup    (const char        *type);

/* Splits "<type>:<uuid>"; FALSE when malformed. */
/* The string value of @name in @doc; NULL when @doc is NULL or the member
 * is missing, null or not a string. */
const char         *rd_document_get_string   (JsonObject        *doc,
                                              const char        *name);
gboolean            rd_document_parse_id     (const char        *doc_id,
                                              char             **out_type,
                                              char             **out_uuid);
char               *rd_document_make_id      (const char        *type,
                                              const char        *uuid);

/* Checks one document against its spec: known type, required fields, field
 * kinds, enum ids, dates (rd_date_check()), lengths, and every field's rule
 * (a non-empty name, money from 0 below RD_MONEY_MAX_MINOR, a notice period
 * of 0 to RD_NOTICE_DAYS_MAX days, an email with an @) and the rules between
 * fields (end not before start).  References are checked by the store.  The
 * error message names the document's _id and the field.  This is the one
 * place of the rules: the editor, the CSV and JSON imports and sync all end
 * here, through the functions below. */
gboolean            rd_document_validate     (JsonObject        *doc,
                                              GError           **error);

/* Reads a JSON array of documents from @path (or @data). */
GPtrArray          *rd_documents_load_file   (const char        *path,
                                              GError           **error);
/* Writes documents as a pretty-printed JSON array, atomically. */
gboolean            rd_documents_save_file   (GPtrArray         *docs,
                                              const char        *path,
                                              GError           **error);

/* Additions. */

/* Like rd_document_validate(); also returns the offending field (or NULL). */
gboolean            rd_document_validate_full (JsonObject       *doc,
                                               char            **out_field,
                                               GError          **error);
const RdFieldSpec  *rd_entity_spec_find_field (const RdEntitySpec *spec,
                                               const char       *name);
/* The field @name of the @type entity; NULL when either is unknown. */
const RdFieldSpec  *rd_entity_field_lookup    (const char       *type,
                                               const char       *name);
/* "_id", "_rev", "_deleted", "type", "updated_at": not spec fields. */
gboolean            rd_document_is_meta_member (const char      *name);
/* Translated "Stakeholder", "Contract end", … for messages and history. */
const char         *rd_entity_label          (const char        *type);
char               *rd_document_field_label  (const char        *type,
                                              const char        *field);
/* The members neither in the spec nor meta (NULL when none), kept so that
 * they are written back unchanged; and putting them back into @doc. */
JsonObject         *rd_document_extract_extra (JsonObject       *doc);
void                rd_document_merge_extra  (JsonObject        *doc,
                                              JsonObject        *extra);
/* Deep copy; NULL for NULL. */
JsonObject         *rd_document_copy_object  (JsonObject        *object);
GPtrArray          *rd_documents_load_data   (const char        *data,
                                              gssize             length,
                                              GError           **error);
char               *rd_documents_to_data     (GPtrArray         *docs,
                                              gsize             *length);
/* Before json-glib parses untrusted text (a backup, a server's answer):
 * FALSE, with a readable reason, for nesting deeper than any document,
 * comments, single-quoted strings or anything else outside strings that
 * plain JSON does not have, and NUL characters (raw or \u0000). */
gboolean            rd_json_check            (const char        *data,
                                              gsize              length,
                                              GError           **error);

/* rd_document_validate_full() whose message is the rule's alone ("the
 * contract cannot end before it starts"), to show next to a field or a cell. */
gboolean            rd_document_check         (JsonObject       *doc,
                                               char            **out_field,
                                               GError          **error);
/* The rule of one field, alone: @value (NULL when absent) is what a @type
 * document carries in @field, checked exactly as rd_document_validate()
 * checks it.  @currency (may be NULL) names the limit of amounts.  The
 * message is the rule's alone. */
gboolean            rd_document_check_field   (const char       *type,
                                               const char       *field,
                                               JsonNode         *value,
                                               const char       *currency,
                                               GError          **error);
/* The rules between fields of a @type document (a contract or a bridge
 * cannot end before it starts); *out_field names the field at fault. */
gboolean            rd_document_check_entity  (const char       *type,
                                               JsonObject       *doc,
                                               char            **out_field,
                                               GError          **error);
/* What a person typed for @field (an editor's row, a CSV cell) as the value
 * the document carries, checked by rd_document_check_field(): trimmed text,
 * dates by rd_date_normalize(), amounts by rd_money_parse() in @currency,
 * whole numbers, yes/no in the app's languages, enum ids or their labels
 * (English or translated), upper-cased currency and country codes.  Blank
 * text is no value (*out_value NULL), which a required field refuses.  FALSE
 * with the rule's message otherwise. */
gboolean            rd_document_parse_field   (const char       *type,
                                               const char       *field,
                                               const char       *text,
                                               const char       *currency,
                                               JsonNode        **out_value,
                                               GError          **error);

/* A field's value as rd_document_parse_field() reads it, without a JSON
 * node: @type is G_TYPE_INVALID (blank), G_TYPE_STRING (@string), G_TYPE_INT64
 * (@number) or G_TYPE_BOOLEAN (@number 0 or 1).  @string is static or in
 * @owned; rd_field_value_clear() frees it. */
typedef struct
{
  GType       type;
  const char *string;
  gint64      number;
  char       *owned;
} RdFieldValue;

void                rd_field_value_clear         (RdFieldValue       *value);
/* The value as rd_document_parse_field() gives it: NULL when blank. */
JsonNode           *rd_field_value_to_node       (const RdFieldValue *value);
/* rd_document_parse_field() for @field, a field of @type as
 * rd_entity_field_lookup() gives it (a large CSV file reads many cells of
 * a few fields), into @out_value, which the caller clears. */
gboolean            rd_document_read_field_spec  (const char         *type,
                                                  const RdFieldSpec  *field,
                                                  const char         *text,
                                                  const char         *currency,
                                                  RdFieldValue       *out_value,
                                                  GError            **error);
/* rd_document_check_field_spec() of a value as rd_document_read_field_spec()
 * gives it. */
gboolean            rd_document_check_field_value (const char          *type,
                                                   const RdFieldSpec   *field,
                                                   const RdFieldValue  *value,
                                                   const char          *currency,
                                                   GError             **error);
/* The fields rd_document_check_entity() reads of a @type document
 * (NULL-terminated; empty when the type has no rule between fields). */
const char * const *rd_document_entity_rule_fields (const char *type);

G_END_DECLS
