/* rd-store-scan.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, reading many rows: what turning a column into a document's
 * member costs once per row, made cheap for the common case. */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <sqlite3.h>

#include "rd-document.h"
#include "rd-store.h"
#include "rd-store-private.h"

/* Whether @c can stand in a JSON string without an escape, as the ids of
 * enum arrays (a delay's signals, an account's risk factors) do. */
static inline gboolean
is_plain (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c == ':';
}

/* An array of plain strings, ["a","b"] exactly (no spaces, no escapes),
 * or NULL when @text is anything else. */
static JsonNode *
parse_plain_string_array (const char *text)
{
  g_autoptr(JsonArray) array = NULL;
  const char *p = text;

  if (*p++ != '[')
    return NULL;

  array = json_array_new ();
  while (*p == '"')
    {
      const char *end = p + 1;
      g_autofree char *item = NULL;

      while (is_plain (*end))
        end++;
      if (*end != '"')
        return NULL;
      item = g_strndup (p + 1, end - (p + 1));
      json_array_add_string_element (array, item);
      p = end + 1;
      if (*p != ',')
        break;
      if (*++p != '"')
        return NULL;
    }
  if (p[0] != ']' || p[1] != '\0')
    return NULL;

  return json_node_init_array (json_node_alloc (), array);
}

/* json_from_string (@text, NULL), the same node, without a parser for the
 * commonest column of JSON, an array of plain strings: a parser per row
 * was most of the time of reading 50,000 open delays. */
JsonNode *
_rd_store_parse_column_json (const char *text)
{
  JsonNode *node;

  if (text == NULL)
    return NULL;
  node = parse_plain_string_array (text);

  return node != NULL ? node : json_from_string (text, NULL);
}
