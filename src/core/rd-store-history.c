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
#include "rd-history.h"
#include "rd-risk.h"
#include "rd-sample-private.h"
#include "rd-store.h"
#include "rd-store-private.h"

/* Events */

/* The text of @field in @doc as its column stores it; NULL when absent. */
char *
_rd_store_member_text (const RdFieldSpec *field,
                       JsonObject        *doc)
{
  JsonNode *node = json_object_get_member (doc, field->name);

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
    default:  /* text, dates, enums, references, codes */
      return g_strdup (json_node_get_string (node));
    }
}

/* One event of raw facts: @action on @entity @entity_id, with @field's
 * @old_value and @new_value as stored, and the @facts needed to name the
 * record and format its values (see rd-history.h).  No sentence: that is
 * made when the history is shown, in the reader's language. */
gboolean
_rd_store_write_event (RdStore     *self,
                       const char  *account_id,
                       const char  *entity,
                       const char  *entity_id,
                       const char  *action,
                       const char  *field,
                       const char  *old_value,
                       const char  *new_value,
                       JsonObject  *facts,
                       const char  *now,
                       GError     **error)
{
  static const char sql[] =
    "INSERT INTO event (id, account_id, entity, entity_id, field, old_value, new_value, "
    "created_at, updated_at, dirty, deleted, extra) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?)";
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(JsonObject) extra = facts ? rd_document_copy_object (facts) : json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  sqlite3_stmt *stmt = _rd_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  json_object_set_string_member (extra, "action", action);
  node = json_node_init_object (json_node_alloc (), extra);

  _rd_store_bind_text (stmt, 1, id);
  _rd_store_bind_text (stmt, 2, account_id);
  _rd_store_bind_text (stmt, 3, entity);
  _rd_store_bind_text (stmt, 4, entity_id);
  _rd_store_bind_text (stmt, 5, field);
  _rd_store_bind_text (stmt, 6, old_value);
  _rd_store_bind_text (stmt, 7, new_value);
  _rd_store_bind_text (stmt, 8, now);
  _rd_store_bind_text (stmt, 9, now);
  sqlite3_bind_text (stmt, 10, _rd_store_node_to_string (node), -1, g_free);

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
  g_autoptr(JsonObject) facts = NULL;

  /* A synced document was edited elsewhere: its history syncs as events. */
  if (self->applying_remote)
    return TRUE;

  /* Reminders are derived bookkeeping, not something a user edited. */
  if (g_str_equal (type, "event") || g_str_equal (type, "reminder"))
    return TRUE;

  account_id = _rd_store_account_of (self, type, uuid, new_doc);
  if (account_id == NULL)
    return TRUE;

  facts = rd_history_facts_for (type, new_doc);

  if (old_doc == NULL || json_object_get_boolean_member_with_default (old_doc, "_deleted", FALSE))
    return _rd_store_write_event (self, account_id, type, uuid, RD_HISTORY_CREATED,
                                  NULL, NULL, NULL, facts, now, error);

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const RdFieldSpec *field = &spec->fields[f];
      g_autofree char *old_raw = _rd_store_member_text (field, old_doc);
      g_autofree char *new_raw = _rd_store_member_text (field, new_doc);

      /* Derived as of a day, not edited: not history a user wants to read
       * (a class change shows, with what the user changed to cause it). */
      if (_rd_store_is_derived_field (field->name) && !g_str_equal (field->name, "classification"))
        continue;
      if (g_strcmp0 (old_raw, new_raw) == 0)
        continue;

      if (!_rd_store_write_event (self, account_id, type, uuid, RD_HISTORY_CHANGED, field->name,
                                  old_raw, new_raw, facts, now, error))
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
