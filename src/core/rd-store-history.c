/* rd-store-history.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, the account history (event rows) written for every edit. */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-account-private.h"
#include "rd-contact-private.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-risk.h"
#include "rd-sample-private.h"
#include "rd-store.h"
#include "rd-store-private.h"

/* Events */

static char *
display_value (const RdFieldSpec *field,
               JsonObject        *doc,
               JsonNode          *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  switch (field->kind)
    {
    case RD_FIELD_ENUM:
      {
        int value = rd_enum_table_lookup (field->enum_table, json_node_get_string (node));

        text = g_strdup (value >= 0 ? rd_enum_table_label (field->enum_table, value)
                                    : json_node_get_string (node));
      }
      break;

    case RD_FIELD_BOOL:
      text = g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
      break;

    case RD_FIELD_INT:
      if (g_str_has_suffix (field->name, "_minor"))
        {
          const char *currency = json_object_get_string_member_with_default (doc, "currency", NULL);

          text = rd_money_format (json_node_get_int (node), currency);
        }
      else
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      break;

    case RD_FIELD_ENUM_ARRAY:
      {
        JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
        g_autoptr(GString) list = g_string_new (NULL);

        for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
          {
            const char *id = json_array_get_string_element (array, i);
            int value = rd_enum_table_lookup (field->enum_table, id);

            if (list->len > 0)
              g_string_append (list, _(", "));
            g_string_append (list, value >= 0 ? rd_enum_table_label (field->enum_table, value) : id);
          }
        text = list->len > 0 ? g_strdup (list->str) : g_strdup (_("none"));
      }
      break;

    case RD_FIELD_JSON:
      text = _rd_store_node_to_string (node);
      break;

    case RD_FIELD_TEXT:
    case RD_FIELD_DATE:
    case RD_FIELD_INSTANT:
    case RD_FIELD_REF:
    case RD_FIELD_CURRENCY:
    case RD_FIELD_COUNTRY:
    default:
      text = g_strdup (json_node_get_string (node));
      break;
    }

  /* History lines stay short; the event keeps the full values. */
  if (text != NULL && g_utf8_strlen (text, -1) > 60)
    {
      char *cut = g_utf8_substring (text, 0, 59);

      g_free (text);
      text = g_strconcat (cut, "…", NULL);
      g_free (cut);
    }

  return g_steal_pointer (&text);
}

static char *
raw_value (const RdFieldSpec *field,
           JsonNode          *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  switch (field->kind)
    {
    case RD_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case RD_FIELD_BOOL:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case RD_FIELD_ENUM_ARRAY:
    case RD_FIELD_JSON:
      return _rd_store_node_to_string (node);
    case RD_FIELD_TEXT:
    case RD_FIELD_DATE:
    case RD_FIELD_INSTANT:
    case RD_FIELD_ENUM:
    case RD_FIELD_REF:
    case RD_FIELD_CURRENCY:
    case RD_FIELD_COUNTRY:
    default:
      return g_strdup (json_node_get_string (node));
    }
}

gboolean
_rd_store_write_event (RdStore     *self,
                       const char  *account_id,
                       const char  *entity,
                       const char  *entity_id,
                       const char  *field,
                       const char  *old_value,
                       const char  *new_value,
                       const char  *summary,
                       const char  *now,
                       GError     **error)
{
  static const char sql[] =
    "INSERT INTO event (id, account_id, entity, entity_id, field, old_value, new_value, "
    "summary, created_at, updated_at, dirty, deleted) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)";
  g_autofree char *id = g_uuid_string_random ();
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  _rd_store_bind_text (stmt, 1, id);
  _rd_store_bind_text (stmt, 2, account_id);
  _rd_store_bind_text (stmt, 3, entity);
  _rd_store_bind_text (stmt, 4, entity_id);
  _rd_store_bind_text (stmt, 5, field);
  _rd_store_bind_text (stmt, 6, old_value);
  _rd_store_bind_text (stmt, 7, new_value);
  _rd_store_bind_text (stmt, 8, summary);
  _rd_store_bind_text (stmt, 9, now);
  _rd_store_bind_text (stmt, 10, now);

  return _rd_store_step_done (self, stmt, error);
}

/* The account a row belongs to, for its history; NULL when it has none. */
char *
_rd_store_account_of (RdStore    *self,
                      const char *type,
                      const char *uuid,
                      JsonObject *doc)
{
  const char *plan_id;
  sqlite3_stmt *stmt;
  char *result = NULL;

  if (g_str_equal (type, "account"))
    return g_strdup (uuid);

  if (doc != NULL && json_object_has_member (doc, "account_id"))
    return g_strdup (json_object_get_string_member_with_default (doc, "account_id", NULL));

  if (g_str_equal (type, "plan_step") && doc != NULL
      && (plan_id = json_object_get_string_member_with_default (doc, "plan_id", NULL)) != NULL)
    {
      stmt = _rd_store_prepare (self, "SELECT account_id FROM plan WHERE id = ?", NULL);
      if (stmt == NULL)
        return NULL;
      _rd_store_bind_text (stmt, 1, plan_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        result = _rd_store_column_dup (stmt, 0);
      sqlite3_reset (stmt);
    }

  return result;
}

/* "Stakeholder “Ann Lee”" for children; NULL for accounts. */
char *
_rd_store_entity_subject (const char *type,
                          JsonObject *doc)
{
  const char *name;

  if (g_str_equal (type, "account"))
    return NULL;

  if (g_str_equal (type, "delay"))
    {
      g_autofree char *date =
        rd_date_format (json_object_get_string_member_with_default (doc, "communicated_on", NULL));

      /* Translators: "Delay of 3 Nov 2026", the day the customer said it */
      return *date ? g_strdup_printf (_("Delay of %s"), date) : g_strdup (rd_entity_label (type));
    }

  name = json_object_get_string_member_with_default (doc, "name", NULL);
  if (name == NULL)
    name = json_object_get_string_member_with_default (doc, "title", NULL);

  if (name != NULL)
    /* Translators: an entity ("Stakeholder") and its name */
    return g_strdup_printf (_("%s “%s”"), rd_entity_label (type), name);

  return g_strdup (rd_entity_label (type));
}

gboolean
_rd_store_write_change_events (RdStore     *self,
                               const char  *type,
                               const char  *uuid,
                               JsonObject  *old_doc,
                               JsonObject  *new_doc,
                               const char  *now,
                               GError     **error)
{
  const RdEntitySpec *spec = rd_entity_spec_lookup (type);
  g_autofree char *account_id = NULL;
  g_autofree char *subject = NULL;

  /* A synced document was edited elsewhere: its history syncs as events. */
  if (self->applying_remote)
    return TRUE;

  /* Reminders are derived bookkeeping, not something a user edited. */
  if (g_str_equal (type, "event") || g_str_equal (type, "reminder"))
    return TRUE;

  account_id = _rd_store_account_of (self, type, uuid, new_doc);
  if (account_id == NULL)
    return TRUE;

  subject = _rd_store_entity_subject (type, new_doc);

  if (old_doc == NULL || json_object_get_boolean_member_with_default (old_doc, "_deleted", FALSE))
    {
      g_autofree char *summary = NULL;

      if (subject == NULL)
        summary = g_strdup (_("Account created"));
      else if (g_str_equal (type, "delay"))
        {
          int cause = rd_enum_table_lookup (&rd_cause_table,
                                            json_object_get_string_member_with_default (new_doc, "cause", NULL));
          int klass = rd_enum_table_lookup (&rd_class_table,
                                            json_object_get_string_member_with_default (new_doc, "classification", NULL));

          /* Translators: "Delay of 3 Nov 2026 logged: Shopping around (Risk)" */
          summary = g_strdup_printf (_("%s logged: %s (%s)"), subject,
                                     cause >= 0 ? rd_enum_table_label (&rd_cause_table, cause)
                                                : _("cause not assessed"),
                                     rd_enum_table_label (&rd_class_table, MAX (klass, 0)));
        }
      else
        /* Translators: e.g. "Stakeholder “Ann Lee” added" */
        summary = g_strdup_printf (_("%s added"), subject);

      return _rd_store_write_event (self, account_id, type, uuid, NULL, NULL, NULL, summary, now, error);
    }

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const RdFieldSpec *field = &spec->fields[f];
      JsonNode *old_node = json_object_get_member (old_doc, field->name);
      JsonNode *new_node = json_object_get_member (new_doc, field->name);
      g_autofree char *old_raw = NULL;
      g_autofree char *new_raw = NULL;
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      g_autofree char *label = NULL;
      g_autofree char *change = NULL;
      g_autofree char *summary = NULL;

      /* Computed, not edited: not history a user wants to read. */
      if (g_str_equal (field->name, "risk_score") || g_str_equal (field->name, "risk_band") ||
          g_str_equal (field->name, "score"))
        continue;

      old_raw = raw_value (field, old_node);
      new_raw = raw_value (field, new_node);
      if (g_strcmp0 (old_raw, new_raw) == 0)
        continue;

      label = rd_document_field_label (type, field->name);

      /* Structured notes read badly as values: say what changed. */
      if (field->kind == RD_FIELD_JSON)
        {
          /* Translators: e.g. "Delay of 3 Nov 2026: Statements updated" */
          g_autofree char *updated = g_strdup_printf (_("%s updated"), label);

          summary = subject ? g_strdup_printf (_("%s: %s"), subject, updated)
                            : g_steal_pointer (&updated);
          if (!_rd_store_write_event (self, account_id, type, uuid, field->name, old_raw, new_raw, summary,
                            now, error))
            return FALSE;
          continue;
        }
      old_text = display_value (field, old_doc, old_node);
      new_text = display_value (field, new_doc, new_node);

      if (old_text == NULL)
        /* Translators: e.g. "Contract end set to 2026-04-01" */
        change = g_strdup_printf (_("%s set to %s"), label, new_text);
      else if (new_text == NULL)
        /* Translators: e.g. "Owner cleared (was Ann Lee)" */
        change = g_strdup_printf (_("%s cleared (was %s)"), label, old_text);
      else
        /* Translators: e.g. "Contract end changed from 2026-03-01 to 2026-04-01" */
        change = g_strdup_printf (_("%s changed from %s to %s"), label, old_text, new_text);

      if (subject != NULL)
        /* Translators: "Stakeholder “Ann Lee”: Email changed from … to …" */
        summary = g_strdup_printf (_("%s: %s"), subject, change);
      else
        summary = g_steal_pointer (&change);

      if (!_rd_store_write_event (self, account_id, type, uuid, field->name, old_raw, new_raw, summary,
                        now, error))
        return FALSE;
    }

  return TRUE;
}

GPtrArray *
rd_store_list_events (RdStore     *self,
                      const char  *account_id,
                      GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  return _rd_store_select_documents (self, "event", "account_id = ? AND deleted = 0",
                           "created_at DESC, rowid DESC", account_id, error);
}
