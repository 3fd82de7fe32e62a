/* rd-document.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-document"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-format.h"

#define LONG_TEXT 20000

#define TEXT(n)          { n, RD_FIELD_TEXT, FALSE, NULL, NULL, 0 }
#define LTEXT(n)         { n, RD_FIELD_TEXT, FALSE, NULL, NULL, LONG_TEXT }
#define INT(n)           { n, RD_FIELD_INT, FALSE, NULL, NULL, 0 }
#define BOOL(n)          { n, RD_FIELD_BOOL, FALSE, NULL, NULL, 0 }
#define DATE(n)          { n, RD_FIELD_DATE, FALSE, NULL, NULL, 0 }
#define INSTANT(n)       { n, RD_FIELD_INSTANT, FALSE, NULL, NULL, 0 }
#define ENUM(n, t)       { n, RD_FIELD_ENUM, FALSE, &t, NULL, 0 }
#define ENUMS(n, t)      { n, RD_FIELD_ENUM_ARRAY, FALSE, &t, NULL, 0 }
#define REF(n, t)        { n, RD_FIELD_REF, FALSE, NULL, t, 0 }
#define REQ_REF(n, t)    { n, RD_FIELD_REF, TRUE, NULL, t, 0 }
#define JSON(n)          { n, RD_FIELD_JSON, FALSE, NULL, NULL, 0 }

static const RdFieldSpec account_fields[] = {
  { "name", RD_FIELD_TEXT, TRUE, NULL, NULL, 0 },
  TEXT ("external_id"),
  TEXT ("industry"),
  { "country", RD_FIELD_COUNTRY, FALSE, NULL, NULL, 0 },
  { "currency", RD_FIELD_CURRENCY, TRUE, NULL, NULL, 0 },
  INT ("annual_value_minor"),
  DATE ("contract_start"),
  DATE ("contract_end"),
  DATE ("effective_end"),
  ENUM ("stage", rd_stage_table),
  ENUM ("status", rd_status_table),
  ENUM ("cash_stability", rd_level_table),
  TEXT ("owner"),
  BOOL ("auto_renew"),
  INT ("notice_days"),
  LTEXT ("notes"),
  INT ("risk_score"),
  ENUM ("risk_band", rd_risk_band_table),
  JSON ("risk_factors"),   /* computed: ids of rd-risk.h, largest contribution first */
  LTEXT ("churn_reason"),  /* why a defending account is expected to churn */
  DATE ("stage_since"),    /* when the current stage began (stalled installation) */
};

static const RdFieldSpec contact_fields[] = {
  REQ_REF ("account_id", "account"),
  TEXT ("name"),
  ENUM ("role", rd_role_table),
  TEXT ("email"),
  TEXT ("phone"),
  BOOL ("active"),
};

static const RdFieldSpec delay_fields[] = {
  REQ_REF ("account_id", "account"),
  REF ("contact_id", "contact"),
  DATE ("communicated_on"),
  LTEXT ("stated_reason"),
  ENUM ("cause", rd_cause_table),
  ENUMS ("signals", rd_signal_table),
  ENUM ("classification", rd_class_table),
  ENUM ("classification_override", rd_class_table),
  LTEXT ("override_note"),
  INT ("score"),
  DATE ("info_by"),
  DATE ("reconnect_on"),
  DATE ("decision_by"),
  LTEXT ("actions_taken"),
  LTEXT ("customer_response"),
  LTEXT ("next_step"),
  DATE ("next_step_on"),
  LTEXT ("help_needed"),
  ENUM ("status", rd_delay_status_table),
  DATE ("resolved_on"),
  LTEXT ("outcome"),
  LTEXT ("retrospective"),
  JSON ("statements"),   /* [{"contact_id", "said", "signals"}] per stakeholder */
  JSON ("diagnostics"),  /* answers to the diagnostic questions */
  /* When each commitment was ticked off as kept (schema v5). */
  DATE ("info_kept_on"),
  DATE ("reconnect_kept_on"),
  DATE ("decision_kept_on"),
  DATE ("next_step_kept_on"),
};

static const RdFieldSpec concern_fields[] = {
  REQ_REF ("account_id", "account"),
  TEXT ("title"),
  INT ("priority"),
  BOOL ("must_fix"),
  BOOL ("changes_decision"),
};

static const RdFieldSpec plan_fields[] = {
  REQ_REF ("account_id", "account"),
  REF ("delay_id", "delay"),
  DATE ("started_on"),
  INT ("timeframe_days"),
  INT ("check_in_days"),
  LTEXT ("progress_criteria"),
  ENUM ("customer_answer", rd_customer_answer_table),
  ENUM ("status", rd_plan_status_table),
};

static const RdFieldSpec plan_step_fields[] = {
  REQ_REF ("plan_id", "plan"),
  REF ("concern_id", "concern"),
  ENUM ("horizon", rd_horizon_table),
  TEXT ("title"),
  TEXT ("owner"),
  DATE ("due_on"),
  DATE ("done_on"),
};

static const RdFieldSpec bridge_fields[] = {
  REQ_REF ("account_id", "account"),
  ENUM ("kind", rd_bridge_kind_table),
  ENUM ("status", rd_bridge_status_table),
  INT ("price_minor"),
  DATE ("starts_on"),
  DATE ("ends_on"),
};

static const RdFieldSpec loss_fields[] = {
  REQ_REF ("account_id", "account"),
  ENUM ("reason", rd_loss_reason_table),
  TEXT ("competitor"),
  LTEXT ("details"),
  LTEXT ("retrospective"),
  DATE ("closed_on"),
  DATE ("reengage_on"),
  DATE ("reopened_on"),
};

/* The dated log of calls, mails and meetings (schema v6). */
static const RdFieldSpec activity_fields[] = {
  REQ_REF ("account_id", "account"),
  REF ("delay_id", "delay"),
  REF ("contact_id", "contact"),
  DATE ("on"),
  ENUM ("kind", rd_activity_kind_table),
  LTEXT ("summary"),
  LTEXT ("their_response"),
};

/* One unit of from_currency is worth rate units of to_currency, a decimal
 * string (see rd-exchange.h), from as_of on (schema v6). */
static const RdFieldSpec exchange_rate_fields[] = {
  { "from_currency", RD_FIELD_CURRENCY, TRUE, NULL, NULL, 0 },
  { "to_currency", RD_FIELD_CURRENCY, TRUE, NULL, NULL, 0 },
  { "rate", RD_FIELD_TEXT, TRUE, NULL, NULL, 0 },
  DATE ("as_of"),
};

static const RdFieldSpec reminder_fields[] = {
  REF ("account_id", "account"),
  { "kind", RD_FIELD_ENUM, TRUE, &rd_reminder_kind_table, NULL, 0 },
  TEXT ("source_id"),
  { "due_at", RD_FIELD_INSTANT, TRUE, NULL, NULL, 0 },
  TEXT ("title"),
  INSTANT ("done_at"),
  INSTANT ("snoozed_until"),
  INSTANT ("notified_at"),
};

static const RdFieldSpec event_fields[] = {
  REQ_REF ("account_id", "account"),
  TEXT ("entity"),
  TEXT ("entity_id"),
  TEXT ("field"),
  LTEXT ("old_value"),
  LTEXT ("new_value"),
  LTEXT ("summary"),
  INSTANT ("created_at"),
};

#define SPEC(t, f) { t, t, f, G_N_ELEMENTS (f) }

static const RdEntitySpec entity_specs[] = {
  SPEC ("account", account_fields),
  SPEC ("contact", contact_fields),
  SPEC ("delay", delay_fields),
  SPEC ("concern", concern_fields),
  SPEC ("plan", plan_fields),
  SPEC ("plan_step", plan_step_fields),
  SPEC ("bridge", bridge_fields),
  SPEC ("loss", loss_fields),
  SPEC ("reminder", reminder_fields),
  SPEC ("event", event_fields),
  SPEC ("activity", activity_fields),
  SPEC ("exchange_rate", exchange_rate_fields),
};

typedef struct
{
  const char *type;
  const char *label;
} EntityLabel;

static const EntityLabel entity_labels[] = {
  { "account", N_("Account") },
  { "contact", N_("Stakeholder") },
  { "delay", N_("Delay") },
  { "concern", N_("Concern") },
  { "plan", N_("Recovery plan") },
  { "plan_step", N_("Plan step") },
  { "bridge", N_("Bridge") },
  { "loss", N_("Loss") },
  { "reminder", N_("Reminder") },
  { "event", N_("Event") },
  { "activity", N_("Activity") },
  { "exchange_rate", N_("Exchange rate") },
};

typedef struct
{
  const char *field;
  const char *label;
} FieldLabel;

/* Labels for history summaries; fields missing here are shown humanised. */
static const FieldLabel field_labels[] = {
  { "name", N_("Name") },
  { "external_id", N_("External ID") },
  { "industry", N_("Industry") },
  { "country", N_("Country") },
  { "currency", N_("Currency") },
  { "annual_value_minor", N_("Annual value") },
  { "contract_start", N_("Contract start") },
  { "contract_end", N_("Contract end") },
  { "effective_end", N_("Effective end") },
  { "stage", N_("Stage") },
  { "status", N_("Status") },
  { "cash_stability", N_("Cash stability") },
  { "owner", N_("Owner") },
  { "auto_renew", N_("Auto-renew") },
  { "notice_days", N_("Notice period") },
  { "notes", N_("Notes") },
  { "risk_score", N_("Risk score") },
  { "risk_band", N_("Risk") },
  { "risk_factors", N_("Risk factors") },
  { "churn_reason", N_("Expected churn reason") },
  { "stage_since", N_("Stage since") },
  { "role", N_("Role") },
  { "email", N_("Email") },
  { "phone", N_("Phone") },
  { "active", N_("Active") },
  { "title", N_("Title") },
  { "kind", N_("Kind") },
  /* Translators: the day of a call, mail or meeting in the activity log */
  { "on", N_("Date") },
  { "their_response", N_("Their response") },
  { "rate", N_("Rate") },
  { "as_of", N_("Valid from") },
  { "due_on", N_("Due") },
  { "due_at", N_("Due") },
};

G_DEFINE_QUARK (rd-document-error-quark, rd_document_error)

const RdEntitySpec *
rd_entity_specs (guint *n_specs)
{
  if (n_specs != NULL)
    *n_specs = G_N_ELEMENTS (entity_specs);

  return entity_specs;
}

const RdEntitySpec *
rd_entity_spec_lookup (const char *type)
{
  if (type == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (entity_specs); i++)
    {
      if (g_str_equal (entity_specs[i].type, type))
        return &entity_specs[i];
    }

  return NULL;
}

const RdFieldSpec *
rd_entity_spec_find_field (const RdEntitySpec *spec,
                           const char         *name)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < spec->n_fields; i++)
    {
      if (g_str_equal (spec->fields[i].name, name))
        return &spec->fields[i];
    }

  return NULL;
}

const RdFieldSpec *
rd_entity_field_lookup (const char *type,
                        const char *name)
{
  const RdEntitySpec *spec = rd_entity_spec_lookup (type);

  return spec != NULL ? rd_entity_spec_find_field (spec, name) : NULL;
}

gboolean
rd_document_is_meta_member (const char *name)
{
  return g_strcmp0 (name, "_id") == 0
         || g_strcmp0 (name, "_rev") == 0
         || g_strcmp0 (name, "_deleted") == 0
         || g_strcmp0 (name, "type") == 0
         || g_strcmp0 (name, "updated_at") == 0;
}

const char *
rd_entity_label (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_labels); i++)
    {
      if (g_strcmp0 (entity_labels[i].type, type) == 0)
        return g_dgettext (GETTEXT_PACKAGE, entity_labels[i].label);
    }

  return type;
}

char *
rd_document_field_label (const char *type,
                         const char *field)
{
  g_autofree char *human = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    {
      if (g_str_equal (field_labels[i].field, field))
        return g_strdup (g_dgettext (GETTEXT_PACKAGE, field_labels[i].label));
    }

  human = g_strdup (field);
  if (g_str_has_suffix (human, "_id"))
    human[strlen (human) - 3] = '\0';
  else if (g_str_has_suffix (human, "_minor"))
    human[strlen (human) - 6] = '\0';
  g_strdelimit (human, "_", ' ');
  human[0] = g_ascii_toupper (human[0]);

  return g_steal_pointer (&human);
}

const char *
rd_document_get_string (JsonObject *doc,
                        const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (name != NULL, NULL);

  node = doc != NULL ? json_object_get_member (doc, name) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
rd_document_parse_id (const char  *doc_id,
                      char       **out_type,
                      char       **out_uuid)
{
  const char *colon;

  if (out_type != NULL)
    *out_type = NULL;
  if (out_uuid != NULL)
    *out_uuid = NULL;

  if (doc_id == NULL)
    return FALSE;

  colon = strchr (doc_id, ':');
  if (colon == NULL || colon == doc_id)
    return FALSE;

  for (const char *p = doc_id; p < colon; p++)
    {
      if (!(g_ascii_islower (*p) || *p == '_'))
        return FALSE;
    }

  if (!g_uuid_string_is_valid (colon + 1))
    return FALSE;

  if (out_type != NULL)
    *out_type = g_strndup (doc_id, (gsize) (colon - doc_id));
  if (out_uuid != NULL)
    *out_uuid = g_strdup (colon + 1);

  return TRUE;
}

char *
rd_document_make_id (const char *type,
                     const char *uuid)
{
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_strconcat (type, ":", uuid, NULL);
}

/* json_node_copy() shares objects and arrays; documents need real copies. */
static JsonNode *
deep_copy_node (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObject *new_object = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        /* In order: JSON fields are stored as text, and a copy must not
         * reorder them, or an export and its re-import differ. */
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (new_object, name, deep_copy_node (member));

        copy = json_node_alloc ();
        json_node_init_object (copy, new_object);
        json_object_unref (new_object);
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *new_array = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (new_array, deep_copy_node (json_array_get_element (array, i)));

        copy = json_node_alloc ();
        json_node_init_array (copy, new_array);
        json_array_unref (new_array);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonObject *
rd_document_copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;

  if (object == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), object);
  copy = deep_copy_node (node);

  return json_node_dup_object (copy);
}

JsonObject *
rd_document_extract_extra (JsonObject *doc)
{
  const RdEntitySpec *spec;
  g_autofree char *type = NULL;
  JsonObject *extra = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (doc != NULL, NULL);

  rd_document_parse_id (json_object_get_string_member_with_default (doc, "_id", NULL),
                        &type, NULL);
  spec = rd_entity_spec_lookup (type);

  json_object_iter_init (&iter, doc);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (rd_document_is_meta_member (name))
        continue;
      if (spec != NULL && rd_entity_spec_find_field (spec, name) != NULL)
        continue;

      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name, deep_copy_node (node));
    }

  return extra;
}

void
rd_document_merge_extra (JsonObject *doc,
                         JsonObject *extra)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_if_fail (doc != NULL);

  if (extra == NULL)
    return;

  json_object_iter_init (&iter, extra);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!json_object_has_member (doc, name))
        json_object_set_member (doc, name, deep_copy_node (node));
    }
}

/* Files */

/* Documents are shallow.  json-glib's parser recurses once per level, so a
 * hostile file of nested brackets would exhaust the stack: refuse anything
 * deeper than a document can be before parsing (found by tests/fuzz).
 *
 * json-glib 1.6 reads more than JSON: comments, single-quoted strings and
 * identifiers.  A scanner that only knew double quotes could be fooled by
 * `/ * " * /` hiding the brackets that follow inside a "string", so outside
 * double-quoted strings only the characters of plain JSON are accepted:
 * whatever else json-glib would read is refused before it parses anything.
 * A NUL (raw or as \u0000) is refused too: json-glib ends a string there
 * and silently drops the rest. */
#define MAX_JSON_DEPTH 64

static gboolean
is_plain_json_char (guchar c)
{
  return g_ascii_isalnum (c) || strchr (" \t\r\n[]{},:-+.", c) != NULL;
}

gboolean
rd_json_check (const char  *data,
               gsize        length,
               GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      if (c == '\0')
        {
          g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                       _("The JSON holds a NUL character (\\u0000), which is refused"));
          return FALSE;
        }
      if (in_string)
        {
          if (c == '\\')
            {
              if (i + 5 < length && strncmp (data + i + 1, "u0000", 5) == 0)
                {
                  g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                               _("The JSON holds a NUL character (\\u0000), which is refused"));
                  return FALSE;
                }
              /* Skips the escaped character, unless it is a NUL to report. */
              if (i + 1 < length && data[i + 1] != '\0')
                i++;
            }
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            {
              g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                           _("The JSON is nested more than %d levels deep"), MAX_JSON_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
      else if (!is_plain_json_char (c))
        {
          /* Translators: %lu is a byte offset in the file */
          g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                       _("The JSON is not plain JSON at byte %lu: comments, single quotes and "
                         "other characters outside strings are refused"), (gulong) i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

GPtrArray *
rd_documents_load_data (const char  *data,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) docs = NULL;
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (data != NULL, NULL);

  if (!rd_json_check (data, length < 0 ? strlen (data) : (gsize) length, error))
    return NULL;

  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                   _("Expected a JSON array of documents"));
      return NULL;
    }

  array = json_node_get_array (root);
  docs = g_ptr_array_new_full (json_array_get_length (array),
                               (GDestroyNotify) json_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                       _("Item %u of the array is not a document"), i + 1);
          return NULL;
        }
      g_ptr_array_add (docs, json_node_dup_object (node));
    }

  return g_steal_pointer (&docs);
}

GPtrArray *
rd_documents_load_file (const char  *path,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GPtrArray *docs;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  docs = rd_documents_load_data (contents, (gssize) length, &local_error);
  if (docs == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", display);
    }

  return docs;
}

char *
rd_documents_to_data (GPtrArray *docs,
                      gsize     *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_sized_new (docs->len);

  for (guint i = 0; i < docs->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (docs, i)));

  json_node_take_array (root, array);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, length);
}

gboolean
rd_documents_save_file (GPtrArray   *docs,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (docs != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = rd_documents_to_data (docs, &length);

  /* Backups hold customer data: private like the database itself. */
  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
