/* rd-merge.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include "rd-merge.h"

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || JSON_NODE_HOLDS_NULL (a))
    return b == NULL || JSON_NODE_HOLDS_NULL (b);
  if (b == NULL || JSON_NODE_HOLDS_NULL (b))
    return FALSE;
  return json_node_equal (a, b);
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object ? json_object_get_member (object, name) : NULL;
}

static gboolean
is_deleted (JsonObject *object)
{
  return object != NULL && json_object_get_boolean_member_with_default (object, "_deleted", FALSE);
}

/* Did @side change any member but bookkeeping against @base? */
static gboolean
edited (JsonObject *base,
        JsonObject *side,
        GHashTable *names)
{
  GHashTableIter iter;
  const char *name;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      if (name[0] == '_' || g_str_equal (name, "updated_at"))
        continue;
      if (!nodes_equal (member (base, name), member (side, name)))
        return TRUE;
    }
  return FALSE;
}

static void
add_names (GHashTable *names,
           JsonObject *object)
{
  g_autoptr(GList) list = object ? json_object_get_members (object) : NULL;

  for (GList *l = list; l != NULL; l = l->next)
    g_hash_table_add (names, l->data);
}

static void
set_member (JsonObject *object,
            const char *name,
            JsonNode   *value)
{
  if (value == NULL)
    json_object_remove_member (object, name);
  else
    json_object_set_member (object, name, json_node_copy (value));
}

static void
add_conflict (GPtrArray  *conflicts,
              const char *doc_id,
              const char *field,
              JsonNode   *kept,
              JsonNode   *lost,
              gboolean    lost_is_local,
              const char *kept_updated_at,
              const char *lost_updated_at)
{
  RdSyncConflict *conflict;

  if (conflicts == NULL)
    return;
  conflict = rd_sync_conflict_new (doc_id, field, kept, lost);
  conflict->lost_is_local = lost_is_local;
  conflict->kept_updated_at = g_strdup (kept_updated_at);
  conflict->lost_updated_at = g_strdup (lost_updated_at);
  g_ptr_array_add (conflicts, conflict);
}

/* A reminder the app derives (of any kind but "manual") is deleted by the
 * app itself once nothing derives it any more (rd-reminders.c: "retired"),
 * never by a person.  So its deletion on one desk and its change on another
 * (marked done, snoozed) are no disagreement to show anyone: the change
 * stays, and a desk that still derives nothing for it retires it again. */
static gboolean
is_derived_reminder (const char *doc_id,
                     JsonObject *base,
                     JsonObject *local,
                     JsonObject *remote)
{
  JsonObject *sides[] = { local, remote, base };

  if (doc_id == NULL || !g_str_has_prefix (doc_id, "reminder:"))
    return FALSE;

  /* A deletion may travel without its body: any side that has one says. */
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      const char *kind = sides[i] != NULL
                         ? json_object_get_string_member_with_default (sides[i], "kind", NULL)
                         : NULL;

      if (kind != NULL)
        return g_strcmp0 (kind, "manual") != 0;
    }
  return FALSE;
}

JsonObject *
rd_merge_documents (JsonObject *base,
                    JsonObject *local,
                    JsonObject *remote,
                    GPtrArray  *conflicts)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const char *local_at, *remote_at, *doc_id;
  gboolean local_wins, local_edited, remote_edited;
  JsonObject *merged;
  GHashTableIter iter;
  const char *name;

  g_return_val_if_fail (local != NULL, NULL);
  g_return_val_if_fail (remote != NULL, NULL);

  local_at = json_object_get_string_member_with_default (local, "updated_at", "");
  remote_at = json_object_get_string_member_with_default (remote, "updated_at", "");
  local_wins = g_strcmp0 (local_at, remote_at) > 0;
  doc_id = json_object_get_string_member_with_default (remote, "_id", NULL);

  add_names (names, base);
  add_names (names, local);
  add_names (names, remote);

  merged = json_object_new ();

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      JsonNode *b = member (base, name);
      JsonNode *l = member (local, name);
      JsonNode *r = member (remote, name);

      if (g_str_equal (name, "_id") || g_str_equal (name, "_rev") ||
          g_str_equal (name, "_deleted") || g_str_equal (name, "updated_at"))
        continue;

      if (nodes_equal (l, r))
        set_member (merged, name, r ? r : l);
      else if (base != NULL && nodes_equal (l, b))
        set_member (merged, name, r);
      else if (base != NULL && nodes_equal (r, b))
        set_member (merged, name, l);
      else if (local_wins)
        {
          set_member (merged, name, l);
          add_conflict (conflicts, doc_id, name, l, r, FALSE, local_at, remote_at);
        }
      else
        {
          set_member (merged, name, r);
          add_conflict (conflicts, doc_id, name, r, l, TRUE, remote_at, local_at);
        }
    }

  json_object_set_string_member (merged, "_id", doc_id);
  if (json_object_has_member (remote, "_rev"))
    json_object_set_string_member (merged, "_rev", json_object_get_string_member (remote, "_rev"));
  json_object_set_string_member (merged, "updated_at", local_wins ? local_at : remote_at);

  /* A deletion never swallows the other side's edit. */
  local_edited = edited (base, local, names);
  remote_edited = edited (base, remote, names);
  if (is_deleted (local) && is_deleted (remote))
    json_object_set_boolean_member (merged, "_deleted", TRUE);
  else if (is_deleted (local) != is_deleted (remote))
    {
      gboolean local_deleted = is_deleted (local);
      gboolean deleter_was_already = is_deleted (base);
      gboolean other_edited = local_deleted ? remote_edited : local_edited;
      g_autoptr(JsonNode) yes = json_node_init_boolean (json_node_alloc (), TRUE);
      g_autoptr(JsonNode) no = json_node_init_boolean (json_node_alloc (), FALSE);

      if (deleter_was_already)
        /* Undeleted on the other side: that side changed the state. */
        ;
      else if (base != NULL && !other_edited)
        json_object_set_boolean_member (merged, "_deleted", TRUE);
      else if (is_derived_reminder (doc_id, base, local, remote))
        /* Retired by the app on one side, changed on the other. */
        ;
      else
        add_conflict (conflicts, doc_id, "_deleted", no, yes, local_deleted,
                      local_deleted ? remote_at : local_at,
                      local_deleted ? local_at : remote_at);
    }

  return merged;
}

JsonObject *
rd_merge_func (JsonObject *base,
               JsonObject *local,
               JsonObject *remote,
               GPtrArray  *conflicts,
               gpointer    user_data)
{
  return rd_merge_documents (base, local, remote, conflicts);
}
