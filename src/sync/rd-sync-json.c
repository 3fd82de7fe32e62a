/* rd-sync-json.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <string.h>

#include "rd-sync-json.h"

/* Where a value sits, for keeping the text of each change's document. */
typedef enum
{
  PLACE_OTHER,
  PLACE_ROOT,      /* the answer */
  PLACE_RESULTS,   /* the root's "results" */
  PLACE_CHANGE,    /* an element of it */
} Place;

typedef struct
{
  const char *p;
  const char *end;
  GString    *scratch;     /* a string being unescaped */
  GPtrArray  *doc_texts;   /* NULL unless asked for */
  const char *doc_start;   /* the "doc" of the change being read */
  const char *doc_end;
} Reader;

static JsonNode *read_value (Reader *r,
                             guint   depth,
                             Place   place);

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static gboolean
expect (Reader *r,
        char    c)
{
  skip_space (r);
  if (r->p == r->end || *r->p != c)
    return FALSE;
  r->p++;
  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* One escape after the backslash at r->p, appended to the scratch. */
static gboolean
read_escape (Reader *r)
{
  static const char escaped[] = "\"\\/bfnrt";
  static const char meant[] = "\"\\/\b\f\n\r\t";
  const char *simple;
  gunichar u = 0;
  char utf8[6];

  if (++r->p == r->end)
    return FALSE;
  simple = strchr (escaped, *r->p++);
  if (simple != NULL && *simple != '\0')
    {
      g_string_append_c (r->scratch, meant[simple - escaped]);
      return TRUE;
    }
  if (r->p[-1] != 'u')
    return FALSE;

  if (r->end - r->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int v = hex_value (*r->p++);

      if (v < 0)
        return FALSE;
      u = (u << 4) | (gunichar) v;
    }
  /* NUL is refused anyway; surrogates are left to json-glib. */
  if (u == 0 || (u >= 0xd800 && u <= 0xdfff))
    return FALSE;
  g_string_append_len (r->scratch, utf8, g_unichar_to_utf8 (u, utf8));
  return TRUE;
}

/* A string at r->p (its opening quote), unescaped into the scratch. */
static gboolean
read_string (Reader *r)
{
  gboolean non_ascii = FALSE;

  if (r->p == r->end || *r->p != '"')
    return FALSE;
  r->p++;
  g_string_truncate (r->scratch, 0);

  while (r->p < r->end)
    {
      const char *run = r->p;
      guchar c;

      while (r->p < r->end && (c = (guchar) *r->p) >= 0x20 && c != '"' && c != '\\')
        {
          non_ascii |= c >= 0x80;
          r->p++;
        }
      g_string_append_len (r->scratch, run, r->p - run);
      if (r->p == r->end)
        return FALSE;

      c = (guchar) *r->p;
      if (c == '"')
        {
          r->p++;
          return !non_ascii || g_utf8_validate (r->scratch->str, r->scratch->len, NULL);
        }
      if (c != '\\' || !read_escape (r))
        return FALSE;
    }

  return FALSE;
}

/* An integer of at most 18 digits; fractions and exponents are left to
 * json-glib. */
static JsonNode *
read_integer (Reader *r)
{
  gboolean negative = FALSE;
  gint64 value = 0;
  const char *digits;

  if (*r->p == '-')
    {
      negative = TRUE;
      r->p++;
    }
  digits = r->p;
  while (r->p < r->end && g_ascii_isdigit (*r->p))
    value = value * 10 + (*r->p++ - '0');

  if (r->p == digits || r->p - digits > 18 || (*digits == '0' && r->p - digits > 1))
    return NULL;
  if (r->p < r->end && (*r->p == '.' || *r->p == 'e' || *r->p == 'E'))
    return NULL;

  return json_node_init_int (json_node_alloc (), negative ? -value : value);
}

static gboolean
read_word (Reader     *r,
           const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return TRUE;
}

static JsonNode *
read_object (Reader *r,
             guint   depth,
             Place   place)
{
  g_autoptr(JsonObject) object = json_object_new ();

  r->p++;
  if (expect (r, '}'))
    return json_node_init_object (json_node_alloc (), object);

  do
    {
      /* Copied: reading the value reuses the scratch.  Names are short:
       * on the stack (json-glib copies the name it keeps anyway). */
      char short_name[64];
      g_autofree char *long_name = NULL;
      const char *name = short_name;
      Place member_place = PLACE_OTHER;
      const char *value_start;
      JsonNode *value;
      guint size = json_object_get_size (object);

      skip_space (r);
      if (!read_string (r) || !expect (r, ':'))
        return NULL;
      if (r->scratch->len < sizeof short_name)
        memcpy (short_name, r->scratch->str, r->scratch->len + 1);
      else
        name = long_name = g_strndup (r->scratch->str, r->scratch->len);

      if (place == PLACE_ROOT && r->doc_texts != NULL && g_str_equal (name, "results"))
        member_place = PLACE_RESULTS;
      skip_space (r);
      value_start = r->p;
      value = read_value (r, depth, member_place);
      if (value == NULL)
        return NULL;
      if (place == PLACE_CHANGE && JSON_NODE_HOLDS_OBJECT (value) && g_str_equal (name, "doc"))
        {
          r->doc_start = value_start;
          r->doc_end = r->p;
        }
      json_object_set_member (object, name, value);
      /* A member named twice replaced the first: json-glib's to judge. */
      if (json_object_get_size (object) == size)
        return NULL;
    }
  while (expect (r, ','));

  if (!expect (r, '}'))
    return NULL;
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
read_array (Reader *r,
            guint   depth,
            Place   place)
{
  g_autoptr(JsonArray) array = json_array_new ();

  r->p++;
  if (place == PLACE_RESULTS)
    g_ptr_array_set_size (r->doc_texts, 0);
  if (expect (r, ']'))
    return json_node_init_array (json_node_alloc (), array);

  do
    {
      JsonNode *element;

      if (place == PLACE_RESULTS)
        r->doc_start = r->doc_end = NULL;
      skip_space (r);
      element = read_value (r, depth, place == PLACE_RESULTS ? PLACE_CHANGE : PLACE_OTHER);
      if (element == NULL)
        return NULL;
      json_array_add_element (array, element);
      if (place == PLACE_RESULTS)
        g_ptr_array_add (r->doc_texts, r->doc_start != NULL
                                       ? g_strndup (r->doc_start, r->doc_end - r->doc_start)
                                       : NULL);
    }
  while (expect (r, ','));

  if (!expect (r, ']'))
    return NULL;
  return json_node_init_array (json_node_alloc (), array);
}

/* The value at r->p (after any space); @depth counts the containers
 * around it. */
static JsonNode *
read_value (Reader *r,
            guint   depth,
            Place   place)
{
  if (r->p == r->end)
    return NULL;

  switch (*r->p)
    {
    case '{':
      if (depth >= RD_SYNC_JSON_MAX_DEPTH)
        return NULL;
      return read_object (r, depth + 1, place);

    case '[':
      if (depth >= RD_SYNC_JSON_MAX_DEPTH)
        return NULL;
      return read_array (r, depth + 1, place);

    case '"':
      if (!read_string (r))
        return NULL;
      return json_node_init_string (json_node_alloc (), r->scratch->str);

    case 't':
      return read_word (r, "true") ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;

    case 'f':
      return read_word (r, "false") ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;

    case 'n':
      return read_word (r, "null") ? json_node_init_null (json_node_alloc ()) : NULL;

    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_integer (r);
      return NULL;
    }
}

JsonNode *
rd_sync_json_read_changes (const char  *data,
                           gsize        size,
                           GPtrArray  **out_doc_texts)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);
  g_autoptr(GPtrArray) doc_texts = NULL;
  g_autoptr(JsonNode) root = NULL;
  Reader r = { data, data + size, scratch, NULL, NULL, NULL };

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  if (out_doc_texts != NULL)
    r.doc_texts = doc_texts = g_ptr_array_new_with_free_func (g_free);

  skip_space (&r);
  root = read_value (&r, 0, PLACE_ROOT);
  if (root == NULL)
    return NULL;
  skip_space (&r);
  if (r.p != r.end)
    return NULL;

  if (out_doc_texts != NULL)
    {
      JsonObject *answer = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      JsonNode *results = answer ? json_object_get_member (answer, "results") : NULL;

      *out_doc_texts = results != NULL && JSON_NODE_HOLDS_ARRAY (results)
                       ? g_steal_pointer (&doc_texts) : NULL;
    }
  return g_steal_pointer (&root);
}
