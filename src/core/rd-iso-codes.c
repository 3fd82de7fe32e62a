/* rd-iso-codes.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-iso-codes"

#include "config.h"

#include <json-glib/json-glib.h>

#include "rd-iso-codes.h"

#define ISO_CODES_DIR "/usr/share/iso-codes/json"

/* code → English name, read once from the iso-codes JSON list @standard
 * ("3166-1" or "4217"); empty when the package is missing. */
static GHashTable *
load_names (const char *standard,
            const char *code_member)
{
  g_autofree char *path = g_strdup_printf ("%s/iso_%s.json", ISO_CODES_DIR, standard);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *root;
  JsonArray *entries = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_debug ("No names for ISO %s: %s", standard, error->message);
      return names;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *list = json_object_get_member (json_node_get_object (root), standard);

      if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
        entries = json_node_get_array (list);
    }

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *code, *name;

      if (entry == NULL)
        continue;
      code = json_object_get_string_member_with_default (entry, code_member, NULL);
      /* "South Korea" reads better than "Korea, Republic of". */
      name = json_object_get_string_member_with_default (entry, "common_name", NULL);
      if (name == NULL)
        name = json_object_get_string_member_with_default (entry, "name", NULL);
      if (code != NULL && name != NULL)
        g_hash_table_replace (names, g_strdup (code), g_strdup (name));
    }

  return names;
}

static const char *
lookup (GHashTable *names,
        const char *domain,
        const char *code)
{
  const char *name;

  if (code == NULL)
    return NULL;

  name = g_hash_table_lookup (names, code);

  return name != NULL ? g_dgettext (domain, name) : code;
}

const char *
rd_country_name (const char *code)
{
  static GHashTable *names;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, load_names ("3166-1", "alpha_2"));

  return lookup (names, "iso_3166-1", code);
}

const char *
rd_currency_name (const char *code)
{
  static GHashTable *names;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, load_names ("4217", "alpha_3"));

  return lookup (names, "iso_4217", code);
}
