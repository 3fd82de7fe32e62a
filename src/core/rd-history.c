/* rd-history.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-enums.h"
#include "rd-format.h"
#include "rd-history.h"

/* History lines stay short; the event keeps the full values. */
#define MAX_VALUE_CHARS 60

static const char *
member (JsonObject *object,
        const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

static char *
shorten (char *text)
{
  char *cut;

  if (text == NULL || g_utf8_strlen (text, -1) <= MAX_VALUE_CHARS)
    return text;

  cut = g_utf8_substring (text, 0, MAX_VALUE_CHARS - 1);
  g_free (text);
  text = g_strconcat (cut, "…", NULL);
  g_free (cut);

  return text;
}

/* A stored value (as _rd_store writes it: numbers in decimal, booleans as
 * true/false, arrays as JSON) as the reader wants to see it. */
static char *
display_value (const RdFieldSpec *field,
               const char        *raw,
               const char        *currency)
{
  if (raw == NULL)
    return NULL;

  switch (field->kind)
    {
    case RD_FIELD_ENUM:
      {
        int value = rd_enum_table_lookup (field->enum_table, raw);

        return shorten (g_strdup (value >= 0 ? rd_enum_table_label (field->enum_table, value) : raw));
      }

    case RD_FIELD_BOOL:
      return g_strdup (g_str_equal (raw, "true") ? _("yes") : _("no"));

    case RD_FIELD_INT:
      if (g_str_has_suffix (field->name, "_minor"))
        return rd_money_format (g_ascii_strtoll (raw, NULL, 10), currency);
      return g_strdup (raw);

    case RD_FIELD_DATE:
      {
        g_autofree char *date = rd_date_format (raw);

        return g_strdup (date != NULL && *date != '\0' ? date : raw);
      }

    case RD_FIELD_ENUM_ARRAY:
      {
        g_autoptr(JsonNode) node = json_from_string (raw, NULL);
        JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
        g_autoptr(GString) list = g_string_new (NULL);

        for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
          {
            const char *id = json_array_get_string_element (array, i);
            int value = rd_enum_table_lookup (field->enum_table, id);

            if (id == NULL)
              continue;
            if (list->len > 0)
              g_string_append (list, _(", "));
            g_string_append (list, value >= 0 ? rd_enum_table_label (field->enum_table, value) : id);
          }
        return shorten (list->len > 0 ? g_strdup (list->str) : g_strdup (_("none")));
      }

    case RD_FIELD_JSON:
    case RD_FIELD_TEXT:
    case RD_FIELD_INSTANT:
    case RD_FIELD_REF:
    case RD_FIELD_CURRENCY:
    case RD_FIELD_COUNTRY:
    default:
      return shorten (g_strdup (raw));
    }
}

/* "Stakeholder “Ann Lee”", "Delay of 3 Nov 2026"; NULL for the account. */
static char *
describe_subject (const char *entity,
                  const char *subject)
{
  if (g_str_equal (entity, "account"))
    return NULL;

  if (g_str_equal (entity, "delay"))
    {
      g_autofree char *date = subject ? rd_date_format (subject) : NULL;

      /* Translators: "Delay of 3 Nov 2026", the day the customer said it */
      return date != NULL && *date ? g_strdup_printf (_("Delay of %s"), date)
                                   : g_strdup (rd_entity_label (entity));
    }

  if (subject != NULL && *subject != '\0')
    /* Translators: an entity ("Stakeholder") and its name */
    return g_strdup_printf (_("%s “%s”"), rd_entity_label (entity), subject);

  return g_strdup (rd_entity_label (entity));
}

static char *
describe_created (JsonObject *event,
                  const char *entity,
                  const char *subject)
{
  if (subject == NULL)
    return g_strdup (_("Account created"));

  if (g_str_equal (entity, "delay"))
    {
      int cause = rd_enum_table_lookup (&rd_cause_table, member (event, "cause"));
      int klass = rd_enum_table_lookup (&rd_class_table, member (event, "classification"));

      /* Translators: "Delay of 3 Nov 2026 logged: Shopping around (Risk)" */
      return g_strdup_printf (_("%s logged: %s (%s)"), subject,
                              cause >= 0 ? rd_enum_table_label (&rd_cause_table, cause)
                                         : _("cause not assessed"),
                              rd_enum_table_label (&rd_class_table, MAX (klass, 0)));
    }

  /* Translators: e.g. "Stakeholder “Ann Lee” added" */
  return g_strdup_printf (_("%s added"), subject);
}

static char *
describe_changed (JsonObject *event,
                  const char *entity,
                  const char *subject)
{
  const RdEntitySpec *spec = rd_entity_spec_lookup (entity);
  const char *field_name = member (event, "field");
  const RdFieldSpec *field = NULL;
  g_autofree char *label = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *change = NULL;

  for (guint f = 0; spec != NULL && field_name != NULL && f < spec->n_fields; f++)
    if (g_str_equal (spec->fields[f].name, field_name))
      field = &spec->fields[f];
  if (field == NULL)
    return g_strdup (member (event, "summary") ? member (event, "summary") : "");

  label = rd_document_field_label (entity, field->name);

  /* Structured notes read badly as values: say what changed. */
  if (field->kind == RD_FIELD_JSON)
    /* Translators: e.g. "Delay of 3 Nov 2026: Statements updated" */
    change = g_strdup_printf (_("%s updated"), label);
  else
    {
      old_text = display_value (field, member (event, "old_value"), member (event, "currency"));
      new_text = display_value (field, member (event, "new_value"), member (event, "currency"));

      if (old_text == NULL)
        /* Translators: e.g. "Contract end set to 2026-04-01" */
        change = g_strdup_printf (_("%s set to %s"), label, new_text ? new_text : "");
      else if (new_text == NULL)
        /* Translators: e.g. "Owner cleared (was Ann Lee)" */
        change = g_strdup_printf (_("%s cleared (was %s)"), label, old_text);
      else
        /* Translators: e.g. "Contract end changed from 2026-03-01 to 2026-04-01" */
        change = g_strdup_printf (_("%s changed from %s to %s"), label, old_text, new_text);
    }

  if (subject != NULL)
    /* Translators: "Stakeholder “Ann Lee”: Email changed from … to …" */
    return g_strdup_printf (_("%s: %s"), subject, change);

  return g_steal_pointer (&change);
}

JsonObject *
rd_history_facts_for (const char *type,
                      JsonObject *doc)
{
  JsonObject *facts = json_object_new ();
  const char *subject;

  g_return_val_if_fail (type != NULL, facts);

  if (doc == NULL)
    return facts;

  if (g_str_equal (type, "delay"))
    {
      subject = member (doc, "communicated_on");
      if (member (doc, "cause") != NULL)
        json_object_set_string_member (facts, "cause", member (doc, "cause"));
      if (member (doc, "classification") != NULL)
        json_object_set_string_member (facts, "classification", member (doc, "classification"));
    }
  else if ((subject = member (doc, "name")) == NULL)
    subject = member (doc, "title");

  if (subject != NULL && !g_str_equal (type, "account"))
    json_object_set_string_member (facts, "subject", subject);
  if (member (doc, "currency") != NULL)
    json_object_set_string_member (facts, "currency", member (doc, "currency"));

  return facts;
}

char *
rd_history_describe (JsonObject *event)
{
  const char *action;
  const char *entity;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  action = member (event, "action");
  entity = member (event, "entity");

  /* Written before events held raw facts: the sentence of its day. */
  if (action == NULL || entity == NULL)
    return g_strdup (member (event, "summary") ? member (event, "summary") : "");

  subject = describe_subject (entity, member (event, "subject"));

  if (g_str_equal (action, RD_HISTORY_CREATED))
    return describe_created (event, entity, subject);
  if (g_str_equal (action, RD_HISTORY_DELETED))
    /* Translators: e.g. "Stakeholder “Ann Lee” removed" */
    return subject ? g_strdup_printf (_("%s removed"), subject) : g_strdup (_("Account deleted"));
  if (g_str_equal (action, RD_HISTORY_RESTORED))
    /* Translators: e.g. "Stakeholder “Ann Lee” restored" */
    return subject ? g_strdup_printf (_("%s restored"), subject) : g_strdup (_("Account restored"));

  return describe_changed (event, entity, subject);
}
