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

/* An integer of at most 18 digits at r->p; fractions and exponents are
 * left to json-glib. */
static gboolean
read_int64 (Reader *r,
            gint64 *out_value)
{
  gboolean negative = FALSE;
  gint64 value = 0;
  const char *digits;

  if (r->p < r->end && *r->p == '-')
    {
      negative = TRUE;
      r->p++;
    }
  digits = r->p;
  while (r->p < r->end && g_ascii_isdigit (*r->p))
    value = value * 10 + (*r->p++ - '0');

  if (r->p == digits || r->p - digits > 18 || (*digits == '0' && r->p - digits > 1))
    return FALSE;
  if (r->p < r->end && (*r->p == '.' || *r->p == 'e' || *r->p == 'E'))
    return FALSE;

  *out_value = negative ? -value : value;
  return TRUE;
}

static JsonNode *
read_integer (Reader *r)
{
  gint64 value;

  if (!read_int64 (r, &value))
    return NULL;
  return json_node_init_int (json_node_alloc (), value);
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

/* Checks of answers */

/* CouchDB's sequences are opaque strings, PouchDB's numbers. */
static gboolean
is_seq (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_STRING ||
                                          json_node_get_value_type (node) == G_TYPE_INT64);
}

/* A result's doc: rd_sync_json_doc_ok(), and the result's own. */
static gboolean
doc_of_change_ok (JsonNode   *doc,
                  const char *id)
{
  return rd_sync_json_doc_ok (doc) &&
         g_strcmp0 (json_object_get_string_member (json_node_get_object (doc), "_id"), id) == 0;
}

/* Every item of a _changes answer, checked before anything reads it. */
static gboolean
changes_ok (JsonObject *answer)
{
  JsonNode *results = json_object_get_member (answer, "results");
  JsonArray *array;

  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
    return FALSE;
  if (json_object_has_member (answer, "pending") &&
      !rd_sync_json_member_is (answer, "pending", G_TYPE_INT64))
    return FALSE;

  array = json_node_get_array (results);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *change;
      JsonNode *doc, *changes;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return FALSE;
      change = json_node_get_object (item);
      if (!rd_sync_json_member_is (change, "id", G_TYPE_STRING))
        return FALSE;
      if (json_object_has_member (change, "deleted") &&
          !rd_sync_json_member_is (change, "deleted", G_TYPE_BOOLEAN))
        return FALSE;
      doc = json_object_get_member (change, "doc");
      if (doc != NULL && !JSON_NODE_HOLDS_NULL (doc) &&
          !doc_of_change_ok (doc, json_object_get_string_member (change, "id")))
        return FALSE;
      changes = json_object_get_member (change, "changes");
      if (changes != NULL)
        {
          JsonArray *revs = JSON_NODE_HOLDS_ARRAY (changes) ? json_node_get_array (changes) : NULL;

          if (revs == NULL)
            return FALSE;
          for (guint r = 0; r < json_array_get_length (revs); r++)
            {
              JsonNode *rev = json_array_get_element (revs, r);

              if (!JSON_NODE_HOLDS_OBJECT (rev) ||
                  !rd_sync_json_member_is (json_node_get_object (rev), "rev", G_TYPE_STRING))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* Pages of changes */

/* What the page reader knows of an object: its members' names, each read
 * by a MemberFunc; any other name, or one named twice, leaves the page to
 * the slower way. */
typedef gboolean (*MemberFunc) (Reader  *r,
                                guint    depth,
                                guint    member,
                                gpointer data);

/* One result of a page, as it is read. */
typedef struct
{
  char       *id;
  gboolean    deleted;
  guint       n_revs;
  char       *first_rev;
  JsonNode   *doc;
  const char *doc_start;
  const char *doc_end;
} Change;

static void
change_clear (Change *change)
{
  g_clear_pointer (&change->id, g_free);
  g_clear_pointer (&change->first_rev, g_free);
  g_clear_pointer (&change->doc, json_node_unref);
}

enum { ROOT_RESULTS, ROOT_LAST_SEQ, ROOT_PENDING };
static const char * const root_members[] = { "results", "last_seq", "pending" };

enum { CHANGE_SEQ, CHANGE_ID, CHANGE_CHANGES, CHANGE_DOC, CHANGE_DELETED };
static const char * const change_members[] = { "seq", "id", "changes", "doc", "deleted" };

static const char * const rev_members[] = { "rev" };

/* An object at r->p (after any space), @depth containers deep, whose
 * members are each one of @names (up to 32), at most once; *@out_seen has
 * bit i set when names[i] was there. */
static gboolean
read_known_object (Reader             *r,
                   guint               depth,
                   const char * const *names,
                   guint               n_names,
                   MemberFunc          func,
                   gpointer            data,
                   guint32            *out_seen)
{
  guint32 seen = 0;

  *out_seen = 0;
  if (depth >= RD_SYNC_JSON_MAX_DEPTH || !expect (r, '{'))
    return FALSE;
  if (expect (r, '}'))
    return TRUE;

  do
    {
      guint member = 0;

      skip_space (r);
      if (!read_string (r) || !expect (r, ':'))
        return FALSE;
      while (member < n_names && strcmp (r->scratch->str, names[member]) != 0)
        member++;
      if (member == n_names || (seen & (1u << member)) != 0)
        return FALSE;
      seen |= 1u << member;
      skip_space (r);
      if (!func (r, depth + 1, member, data))
        return FALSE;
    }
  while (expect (r, ','));

  *out_seen = seen;
  return expect (r, '}');
}

static gboolean
read_boolean (Reader   *r,
              gboolean *out_value)
{
  *out_value = r->p < r->end && *r->p == 't';
  return read_word (r, *out_value ? "true" : "false");
}

/* A string value, copied out of the scratch. */
static char *
read_string_value (Reader *r)
{
  if (!read_string (r))
    return NULL;
  return g_strndup (r->scratch->str, r->scratch->len);
}

/* Whether json_to_string() writes @text between quotes as it is. */
static gboolean
is_plain_seq (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("-_.:+=~", *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* last_seq as json_to_string() writes it: an integer, or a plain string. */
static char *
read_last_seq (Reader *r)
{
  gint64 value;

  if (r->p < r->end && *r->p == '"')
    {
      if (!read_string (r) || !is_plain_seq (r->scratch->str))
        return NULL;
      return g_strdup_printf ("\"%s\"", r->scratch->str);
    }
  if (!read_int64 (r, &value))
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gboolean
read_rev_member (Reader  *r,
                 guint    depth,
                 guint    member,
                 gpointer data)
{
  Change *change = data;
  g_autofree char *rev = read_string_value (r);

  if (rev == NULL)
    return FALSE;
  if (change->n_revs == 0)
    change->first_rev = g_steal_pointer (&rev);
  return TRUE;
}

/* A result's changes: objects each with just a string "rev". */
static gboolean
read_revs (Reader *r,
           guint   depth,
           Change *change)
{
  if (depth >= RD_SYNC_JSON_MAX_DEPTH || !expect (r, '['))
    return FALSE;
  if (expect (r, ']'))
    return TRUE;

  do
    {
      guint32 seen;

      if (!read_known_object (r, depth + 1, rev_members, G_N_ELEMENTS (rev_members),
                              read_rev_member, change, &seen) || seen == 0)
        return FALSE;
      change->n_revs++;
    }
  while (expect (r, ','));

  return expect (r, ']');
}

/* A result's doc: null, or an object kept with its text. */
static gboolean
read_doc (Reader *r,
          guint   depth,
          Change *change)
{
  if (r->p < r->end && *r->p == 'n')
    return read_word (r, "null");
  if (r->p == r->end || *r->p != '{')
    return FALSE;

  change->doc_start = r->p;
  change->doc = read_value (r, depth, PLACE_OTHER);
  change->doc_end = r->p;
  return change->doc != NULL;
}

static gboolean
read_change_member (Reader  *r,
                    guint    depth,
                    guint    member,
                    gpointer data)
{
  Change *change = data;

  switch (member)
    {
    case CHANGE_SEQ:
      {
        g_autoptr(JsonNode) seq = read_value (r, depth, PLACE_OTHER);

        return seq != NULL;
      }

    case CHANGE_ID:
      change->id = read_string_value (r);
      return change->id != NULL;

    case CHANGE_CHANGES:
      return read_revs (r, depth, change);

    case CHANGE_DOC:
      return read_doc (r, depth, change);

    case CHANGE_DELETED:
    default:
      return read_boolean (r, &change->deleted);
    }
}

static RdSyncChanges *
changes_new (guint n_reserved)
{
  RdSyncChanges *changes = g_new0 (RdSyncChanges, 1);

  changes->pending = -1;
  changes->docs = g_ptr_array_new_full (n_reserved, (GDestroyNotify) json_object_unref);
  changes->texts = g_ptr_array_new_full (n_reserved, g_free);
  return changes;
}

static char *
object_to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* A deletion sent without its document, as {_id, _rev, _deleted}. */
static void
changes_add_tombstone (RdSyncChanges *changes,
                       const char    *id,
                       const char    *rev)
{
  JsonObject *tombstone = json_object_new ();

  json_object_set_string_member (tombstone, "_id", id);
  if (rev != NULL)
    json_object_set_string_member (tombstone, "_rev", rev);
  json_object_set_boolean_member (tombstone, "_deleted", TRUE);
  g_ptr_array_add (changes->docs, tombstone);
  g_ptr_array_add (changes->texts, object_to_json (tombstone));
}

/* One result at r->p, added to the page. */
static gboolean
read_change (Reader        *r,
             guint          depth,
             RdSyncChanges *changes)
{
  Change change = { 0 };
  guint32 seen;
  gboolean ok;

  ok = read_known_object (r, depth, change_members, G_N_ELEMENTS (change_members),
                          read_change_member, &change, &seen) &&
       change.id != NULL &&
       (change.doc == NULL || doc_of_change_ok (change.doc, change.id));

  if (ok && change.doc != NULL)
    {
      g_ptr_array_add (changes->docs, json_node_dup_object (change.doc));
      g_ptr_array_add (changes->texts, g_strndup (change.doc_start,
                                                  change.doc_end - change.doc_start));
    }
  else if (ok && change.deleted)
    changes_add_tombstone (changes, change.id, change.n_revs > 0 ? change.first_rev : NULL);

  change_clear (&change);
  return ok;
}

static gboolean
read_results (Reader        *r,
              guint          depth,
              RdSyncChanges *changes)
{
  if (depth >= RD_SYNC_JSON_MAX_DEPTH || !expect (r, '['))
    return FALSE;
  if (expect (r, ']'))
    return TRUE;

  do
    {
      if (!read_change (r, depth + 1, changes))
        return FALSE;
      changes->n++;
    }
  while (expect (r, ','));

  return expect (r, ']');
}

static gboolean
read_root_member (Reader  *r,
                  guint    depth,
                  guint    member,
                  gpointer data)
{
  RdSyncChanges *changes = data;

  switch (member)
    {
    case ROOT_RESULTS:
      return read_results (r, depth, changes);

    case ROOT_LAST_SEQ:
      changes->last_seq = read_last_seq (r);
      return changes->last_seq != NULL;

    case ROOT_PENDING:
    default:
      return read_int64 (r, &changes->pending);
    }
}

void
rd_sync_changes_free (RdSyncChanges *changes)
{
  if (changes == NULL)
    return;
  g_clear_pointer (&changes->docs, g_ptr_array_unref);
  g_clear_pointer (&changes->texts, g_ptr_array_unref);
  g_free (changes->last_seq);
  g_free (changes);
}

gboolean
rd_sync_json_member_is (JsonObject *object,
                        const char *member,
                        GType       type)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);

  node = json_object_get_member (object, member);
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
rd_sync_json_doc_ok (JsonNode *node)
{
  JsonObject *doc;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  doc = json_node_get_object (node);
  return rd_sync_json_member_is (doc, "_id", G_TYPE_STRING) &&
         (!json_object_has_member (doc, "_rev") ||
          rd_sync_json_member_is (doc, "_rev", G_TYPE_STRING)) &&
         (!json_object_has_member (doc, "_deleted") ||
          rd_sync_json_member_is (doc, "_deleted", G_TYPE_BOOLEAN));
}

RdSyncChanges *
rd_sync_changes_new_from_tree (JsonNode  *root,
                               GPtrArray *doc_texts)
{
  JsonObject *answer;
  JsonNode *last_seq;
  JsonArray *results;
  RdSyncChanges *changes;

  g_return_val_if_fail (root != NULL, NULL);

  answer = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  last_seq = answer ? json_object_get_member (answer, "last_seq") : NULL;
  if (answer == NULL || last_seq == NULL || !is_seq (last_seq) || !changes_ok (answer))
    return NULL;

  results = json_object_get_array_member (answer, "results");
  changes = changes_new (json_array_get_length (results));
  changes->n = json_array_get_length (results);
  changes->last_seq = json_to_string (last_seq, FALSE);
  if (doc_texts != NULL && doc_texts->len != changes->n)
    doc_texts = NULL;
  if (json_object_has_member (answer, "pending"))
    changes->pending = json_object_get_int_member (answer, "pending");

  for (guint i = 0; i < changes->n; i++)
    {
      JsonObject *change = json_array_get_object_element (results, i);
      JsonNode *doc = change ? json_object_get_member (change, "doc") : NULL;

      if (doc != NULL && JSON_NODE_HOLDS_OBJECT (doc))
        {
          char *text = doc_texts != NULL ? g_steal_pointer (&doc_texts->pdata[i]) : NULL;

          g_ptr_array_add (changes->docs, json_node_dup_object (doc));
          g_ptr_array_add (changes->texts,
                           text != NULL ? text : object_to_json (json_node_get_object (doc)));
        }
      else if (change != NULL &&
               json_object_get_boolean_member_with_default (change, "deleted", FALSE))
        {
          JsonNode *revs = json_object_get_member (change, "changes");
          JsonArray *array = revs != NULL && JSON_NODE_HOLDS_ARRAY (revs)
                             ? json_node_get_array (revs) : NULL;
          JsonObject *first = array != NULL && json_array_get_length (array) > 0
                              ? json_array_get_object_element (array, 0) : NULL;

          changes_add_tombstone (changes, json_object_get_string_member_with_default (change, "id", ""),
                                 first != NULL
                                 ? json_object_get_string_member_with_default (first, "rev", "")
                                 : NULL);
        }
    }

  return changes;
}

RdSyncChanges *
rd_sync_json_read_changes_page (const char *data,
                                gsize       size)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);
  g_autoptr(RdSyncChanges) changes = changes_new (0);
  Reader r = { data, data + size, scratch, NULL, NULL, NULL };
  guint32 seen;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  if (!read_known_object (&r, 0, root_members, G_N_ELEMENTS (root_members), read_root_member,
                          changes, &seen))
    return NULL;
  skip_space (&r);
  if (r.p != r.end || (seen & (1u << ROOT_RESULTS)) == 0 || (seen & (1u << ROOT_LAST_SEQ)) == 0)
    return NULL;
  return g_steal_pointer (&changes);
}
