/* rd-document-rules.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The document contract's rules: every field's, once, for the editor, the
 * CSV import, the JSON import and sync alike (see rd-document-input.c for
 * what people type). */

#define G_LOG_DOMAIN "rd-document"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-exchange.h"
#include "rd-format.h"

/* @message is the bare rule; with @doc_id it is put in the document's words. */
static gboolean
fail (GError     **error,
      int          code,
      char       **out_field,
      const char  *doc_id,
      const char  *field,
      const char  *message)
{
  if (out_field != NULL)
    *out_field = g_strdup (field);

  if (doc_id == NULL)
    g_set_error_literal (error, RD_DOCUMENT_ERROR, code, message);
  else if (field != NULL)
    /* Translators: a document id, a field name, then what is wrong with it */
    g_set_error (error, RD_DOCUMENT_ERROR, code, _("Document “%s”, field “%s”: %s"),
                 doc_id, field, message);
  else
    /* Translators: a document id, then what is wrong with it */
    g_set_error (error, RD_DOCUMENT_ERROR, code, _("Document “%s”: %s"), doc_id, message);

  return FALSE;
}

static gboolean
rule_failed (GError     **error,
             int          code,
             const char  *message)
{
  g_set_error_literal (error, RD_DOCUMENT_ERROR, code, message);
  return FALSE;
}

/* The kind of value @field needs (@value_type: a JSON value's, or
 * G_TYPE_INVALID; @is_array for a JSON array; @str a string value's text);
 * the rules come after, in check_value(). */
static gboolean
check_kind_of (const RdFieldSpec  *field,
               GType               value_type,
               gboolean            is_array,
               const char         *str,
               GError            **error)
{
  switch (field->kind)
    {
    case RD_FIELD_TEXT:
    case RD_FIELD_DATE:
    case RD_FIELD_INSTANT:
    case RD_FIELD_ENUM:
    case RD_FIELD_REF:
    case RD_FIELD_CURRENCY:
    case RD_FIELD_COUNTRY:
      if (value_type != G_TYPE_STRING)
        return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, _("expected text"));
      if (!g_utf8_validate (str, -1, NULL))
        return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, _("the text is not valid UTF-8"));
      return TRUE;

    case RD_FIELD_INT:
      if (value_type != G_TYPE_INT64)
        return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, _("expected a whole number"));
      return TRUE;

    case RD_FIELD_BOOL:
      if (value_type != G_TYPE_BOOLEAN)
        return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, _("expected true or false"));
      return TRUE;

    case RD_FIELD_ENUM_ARRAY:
      if (!is_array)
        return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, _("expected a list"));
      return TRUE;

    case RD_FIELD_JSON:
    default:
      return TRUE;
    }
}

static gboolean
check_text (const char         *type,
            const RdFieldSpec  *field,
            const char         *str,
            GError            **error)
{
  guint max = field->max_length ? field->max_length : RD_TEXT_DEFAULT_MAX;
  g_autofree char *message = NULL;

  if ((gulong) g_utf8_strlen (str, -1) > max)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "the text is longer than %u character",
                                              "the text is longer than %u characters",
                                              max), max);
      return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, message);
    }

  if (g_str_equal (field->name, "name")
      && (g_str_equal (type, "account") || g_str_equal (type, "contact")))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (str));

      if (*stripped == '\0')
        return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, _("the name must not be empty"));
    }

  if (g_str_equal (type, "contact") && g_str_equal (field->name, "email")
      && strchr (str, '@') == NULL)
    {
      message = g_strdup_printf (_("“%s” is not an email address"), str);
      return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, message);
    }

  return TRUE;
}

static gboolean
check_int (const char         *type,
           const RdFieldSpec  *field,
           gint64              v,
           const char         *currency,
           GError            **error)
{
  g_autofree char *message = NULL;

  if (g_str_has_suffix (field->name, "_minor"))
    {
      g_autofree char *most = NULL;

      if (v < 0)
        return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, _("the value cannot be negative"));
      if (v < RD_MONEY_MAX_MINOR)
        return TRUE;

      most = currency != NULL && rd_currency_is_valid (currency)
             ? rd_money_format (RD_MONEY_MAX_MINOR, currency)
             : g_strdup_printf ("%" G_GINT64_FORMAT, RD_MONEY_MAX_MINOR);
      /* Translators: the limit, e.g. "€10,000,000,000,000.00" */
      message = g_strdup_printf (_("the amount must be less than %s"), most);
      return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, message);
    }

  if (g_str_equal (type, "account") && g_str_equal (field->name, "notice_days"))
    {
      if (v >= 0 && v <= RD_NOTICE_DAYS_MAX)
        return TRUE;
      /* Translators: the shortest and the longest notice period */
      message = g_strdup_printf (_("the notice period must be between %d and %d days"), 0,
                                 RD_NOTICE_DAYS_MAX);
      return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, message);
    }

  if (v < 0 && g_str_has_suffix (field->name, "_days"))
    return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, _("the value cannot be negative"));

  if (g_str_equal (field->name, "risk_score") && (v < 0 || v > 100))
    return rule_failed (error, RD_DOCUMENT_ERROR_INVALID,
                        _("the risk score must be between 0 and 100"));

  return TRUE;
}

static gboolean
check_enum_array (const RdFieldSpec  *field,
                  JsonNode           *node,
                  GError            **error)
{
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *id = NULL;

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        id = json_node_get_string (item);

      if (rd_enum_table_lookup (field->enum_table, id) < 0)
        {
          g_autofree char *message = g_strdup_printf (_("unknown value “%s”"), id ? id : "?");

          return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, message);
        }
    }

  return TRUE;
}

/* The rule of one present value of @field that is not a list, after its
 * kind was checked: @str for text kinds, @number for whole numbers. */
static gboolean
check_plain_value (const char         *type,
                   const RdFieldSpec  *field,
                   const char         *str,
                   gint64              number,
                   const char         *currency,
                   GError            **error)
{
  g_autofree char *message = NULL;

  switch (field->kind)
    {
    case RD_FIELD_TEXT:
      return check_text (type, field, str, error);

    case RD_FIELD_DATE:
      {
        g_autoptr(GError) date_error = NULL;

        if (!rd_date_check (str, &date_error))
          return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, date_error->message);
      }
      return TRUE;

    case RD_FIELD_INSTANT:
      if (rd_instant_is_valid (str))
        return TRUE;
      message = g_strdup_printf (_("“%s” is not a UTC time such as 2026-01-31T09:00:00Z"), str);
      return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, message);

    case RD_FIELD_ENUM:
      if (rd_enum_table_lookup (field->enum_table, str) >= 0)
        return TRUE;
      message = g_strdup_printf (_("unknown value “%s”"), str);
      return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, message);

    case RD_FIELD_REF:
      if (g_uuid_string_is_valid (str))
        return TRUE;
      message = g_strdup_printf (_("“%s” is not an id"), str);
      return rule_failed (error, RD_DOCUMENT_ERROR_BROKEN_REFERENCE, message);

    case RD_FIELD_CURRENCY:
      if (rd_currency_is_valid (str))
        return TRUE;
      message = g_strdup_printf (_("“%s” is not an ISO 4217 currency code"), str);
      return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, message);

    case RD_FIELD_COUNTRY:
      if (rd_country_is_valid (str))
        return TRUE;
      message = g_strdup_printf (_("“%s” is not an ISO 3166 country code"), str);
      return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, message);

    case RD_FIELD_INT:
      return check_int (type, field, number, currency, error);

    case RD_FIELD_ENUM_ARRAY:
    case RD_FIELD_BOOL:
    case RD_FIELD_JSON:
    default:
      return TRUE;
    }
}

/* The rule of one present value of @field, after its kind was checked. */
static gboolean
check_value (const char         *type,
             const RdFieldSpec  *field,
             JsonNode           *node,
             const char         *currency,
             GError            **error)
{
  GType value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                  : G_TYPE_INVALID;
  const char *str = value_type == G_TYPE_STRING ? json_node_get_string (node) : NULL;

  if (!check_kind_of (field, value_type, JSON_NODE_HOLDS_ARRAY (node), str, error))
    return FALSE;

  if (field->kind == RD_FIELD_ENUM_ARRAY)
    return check_enum_array (field, node, error);

  return check_plain_value (type, field, str,
                            field->kind == RD_FIELD_INT ? json_node_get_int (node) : 0,
                            currency, error);
}

/* A field without a value: refused when required. */
static gboolean
check_missing (const RdFieldSpec  *field,
               GError            **error)
{
  if (!field->required)
    return TRUE;

  if (g_str_equal (field->name, "name"))
    return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, _("the name must not be empty"));

  return rule_failed (error, RD_DOCUMENT_ERROR_INVALID, _("this field is required"));
}

/* One field: present when required, then its rule. */
static gboolean
check_field (const char         *type,
             const RdFieldSpec  *field,
             JsonNode           *node,
             const char         *currency,
             GError            **error)
{
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return check_value (type, field, node, currency, error);

  return check_missing (field, error);
}

static gboolean
check_dates_ordered (JsonObject  *doc,
                     const char  *start_field,
                     const char  *end_field,
                     const char  *message,
                     char       **out_field,
                     GError     **error)
{
  const char *start = rd_document_get_string (doc, start_field);
  const char *end = rd_document_get_string (doc, end_field);

  /* Same-length ISO dates compare correctly as strings. */
  if (start != NULL && end != NULL && strcmp (end, start) < 0)
    return fail (error, RD_DOCUMENT_ERROR_INVALID, out_field, NULL, end_field, message);

  return TRUE;
}

/* A rate is a positive decimal between two different currencies. */
static gboolean
check_exchange_rate (JsonObject  *doc,
                     char       **out_field,
                     GError     **error)
{
  g_autoptr(GError) rate_error = NULL;

  if (!rd_exchange_rate_check (rd_document_get_string (doc, "rate"), &rate_error))
    return fail (error, RD_DOCUMENT_ERROR_INVALID, out_field, NULL, "rate", rate_error->message);

  if (g_strcmp0 (rd_document_get_string (doc, "from_currency"),
                 rd_document_get_string (doc, "to_currency")) == 0)
    return fail (error, RD_DOCUMENT_ERROR_INVALID, out_field, NULL, "to_currency",
                 _("a rate needs two different currencies"));

  return TRUE;
}

gboolean
rd_document_check_entity (const char  *type,
                          JsonObject  *doc,
                          char       **out_field,
                          GError     **error)
{
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  if (out_field != NULL)
    *out_field = NULL;

  if (g_str_equal (type, "account"))
    return check_dates_ordered (doc, "contract_start", "contract_end",
                                _("the contract cannot end before it starts"), out_field, error);

  if (g_str_equal (type, "bridge"))
    return check_dates_ordered (doc, "starts_on", "ends_on",
                                _("the bridge cannot end before it starts"), out_field, error);

  if (g_str_equal (type, "exchange_rate"))
    return check_exchange_rate (doc, out_field, error);

  return TRUE;
}

const char * const *
rd_document_entity_rule_fields (const char *type)
{
  static const char * const account[] = { "contract_start", "contract_end", NULL };
  static const char * const bridge[] = { "starts_on", "ends_on", NULL };
  static const char * const exchange_rate[] = { "rate", "from_currency", "to_currency", NULL };
  static const char * const none[] = { NULL };

  g_return_val_if_fail (type != NULL, none);

  /* What rd_document_check_entity() reads, type by type. */
  if (g_str_equal (type, "account"))
    return account;
  if (g_str_equal (type, "bridge"))
    return bridge;
  if (g_str_equal (type, "exchange_rate"))
    return exchange_rate;
  return none;
}

gboolean
rd_document_check_field (const char  *type,
                         const char  *field,
                         JsonNode    *value,
                         const char  *currency,
                         GError     **error)
{
  const RdFieldSpec *field_spec;

  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  field_spec = rd_entity_field_lookup (type, field);
  g_return_val_if_fail (field_spec != NULL, FALSE);

  return check_field (type, field_spec, value, currency, error);
}

gboolean
rd_document_check_field_value (const char          *type,
                               const RdFieldSpec   *field,
                               const RdFieldValue  *value,
                               const char          *currency,
                               GError             **error)
{
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (value->type == G_TYPE_INVALID)
    return check_missing (field, error);

  return check_kind_of (field, value->type, FALSE, value->string, error)
         && check_plain_value (type, field, value->string, value->number, currency, error);
}

/* The members every document has, around the spec's fields. */
static gboolean
check_meta (JsonObject   *doc,
            const char   *doc_id,
            const char   *type,
            char        **out_field,
            GError      **error)
{
  g_autofree char *message = NULL;
  const char *type_member;
  JsonNode *node;

  node = json_object_get_member (doc, "type");
  type_member = (node != NULL && JSON_NODE_HOLDS_VALUE (node)
                 && json_node_get_value_type (node) == G_TYPE_STRING)
                ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (type_member, type) != 0)
    {
      if (type_member != NULL && rd_entity_spec_lookup (type_member) == NULL)
        {
          message = g_strdup_printf (_("unknown type “%s”"), type_member);
          return fail (error, RD_DOCUMENT_ERROR_UNKNOWN_TYPE, out_field, doc_id, "type", message);
        }
      return fail (error, RD_DOCUMENT_ERROR_INVALID, out_field, doc_id, "type",
                   _("the type does not match the _id"));
    }

  node = json_object_get_member (doc, "_rev");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node)
      && (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING))
    return fail (error, RD_DOCUMENT_ERROR_INVALID, out_field, doc_id, "_rev", _("expected text"));

  node = json_object_get_member (doc, "_deleted");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node)
      && (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN))
    return fail (error, RD_DOCUMENT_ERROR_INVALID, out_field, doc_id, "_deleted",
                 _("expected true or false"));

  node = json_object_get_member (doc, "updated_at");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node)
      && (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || !rd_instant_is_valid (json_node_get_string (node))))
    return fail (error, RD_DOCUMENT_ERROR_INVALID, out_field, doc_id, "updated_at",
                 _("expected a UTC time such as 2026-01-31T09:00:00Z"));

  return TRUE;
}

/* Every rule; with @bare the messages are the rules' alone, else they name
 * the document and the field. */
static gboolean
validate_document (JsonObject  *doc,
                   gboolean     bare,
                   char       **out_field,
                   GError     **error)
{
  const RdEntitySpec *spec;
  g_autofree char *type = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) rule_error = NULL;
  g_autofree char *entity_field = NULL;
  const char *currency;
  const char *doc_id;
  const char *where;
  JsonNode *node;

  if (out_field != NULL)
    *out_field = NULL;

  node = json_object_get_member (doc, "_id");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, RD_DOCUMENT_ERROR_INVALID, out_field, bare ? NULL : "?", "_id",
                 _("every document needs an _id"));

  doc_id = json_node_get_string (node);
  where = bare ? NULL : doc_id;
  if (!rd_document_parse_id (doc_id, &type, NULL))
    return fail (error, RD_DOCUMENT_ERROR_INVALID, out_field, where, "_id",
                 _("the _id must look like “type:uuid”"));

  spec = rd_entity_spec_lookup (type);
  if (spec == NULL)
    {
      message = g_strdup_printf (_("unknown type “%s”"), type);
      return fail (error, RD_DOCUMENT_ERROR_UNKNOWN_TYPE, out_field, where, "type", message);
    }

  if (!check_meta (doc, where, type, out_field, error))
    return FALSE;

  currency = rd_document_get_string (doc, "currency");
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const RdFieldSpec *field = &spec->fields[i];

      if (!check_field (type, field, json_object_get_member (doc, field->name), currency,
                        &rule_error))
        return fail (error, rule_error->code, out_field, where, field->name, rule_error->message);
    }

  if (!rd_document_check_entity (type, doc, &entity_field, &rule_error))
    return fail (error, rule_error->code, out_field, where, entity_field, rule_error->message);

  return TRUE;
}

gboolean
rd_document_validate_full (JsonObject  *doc,
                           char       **out_field,
                           GError     **error)
{
  g_return_val_if_fail (doc != NULL, FALSE);

  return validate_document (doc, FALSE, out_field, error);
}

gboolean
rd_document_validate (JsonObject  *doc,
                      GError     **error)
{
  return rd_document_validate_full (doc, NULL, error);
}

gboolean
rd_document_check (JsonObject  *doc,
                   char       **out_field,
                   GError     **error)
{
  g_return_val_if_fail (doc != NULL, FALSE);

  return validate_document (doc, TRUE, out_field, error);
}

