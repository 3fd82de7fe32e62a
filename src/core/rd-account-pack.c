/* rd-account-pack.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account"

#include "config.h"

#include <string.h>

#include "rd-account-pack.h"

/* Strings go into blocks of this size, one after the other; a longer
 * string gets a block of its own. */
#define POOL_BLOCK_SIZE 16384

typedef struct
{
  char  *data;  /* owned */
  gsize  used;
  gsize  size;
} Block;

struct _RdStringPool
{
  GArray     *blocks;    /* Block */
  GHashTable *interned;  /* text → itself, pointing into @blocks; NULL once sealed */
  GHashTable *strvs;     /* arrays of interned texts in @blocks, as sets; NULL once sealed */
};

static void
block_clear (gpointer data)
{
  g_free (((Block *) data)->data);
}

static guint
strv_hash (gconstpointer strv)
{
  guint hash = 0;

  for (const char * const *s = strv; *s != NULL; s++)
    hash = hash * 31 + g_str_hash (*s);
  return hash;
}

static gboolean
strv_equal (gconstpointer a,
            gconstpointer b)
{
  return g_strv_equal (a, b);
}

RdStringPool *
rd_string_pool_new (void)
{
  RdStringPool *self = g_atomic_rc_box_new0 (RdStringPool);

  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->interned = g_hash_table_new (g_str_hash, g_str_equal);
  self->strvs = g_hash_table_new (strv_hash, strv_equal);
  return self;
}

RdStringPool *
rd_string_pool_ref (RdStringPool *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
pool_clear (gpointer data)
{
  RdStringPool *self = data;

  g_clear_pointer (&self->interned, g_hash_table_unref);
  g_clear_pointer (&self->strvs, g_hash_table_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
}

void
rd_string_pool_unref (RdStringPool *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, pool_clear);
}

/* Room for @size bytes in the last block, or in a new one, at a
 * multiple of @align from the block's start (g_malloc () aligns it for
 * any type). */
static char *
pool_reserve (RdStringPool *self,
              gsize         size,
              gsize         align)
{
  Block *last = self->blocks->len > 0
                ? &g_array_index (self->blocks, Block, self->blocks->len - 1) : NULL;
  char *room;

  if (last != NULL)
    last->used = MIN ((last->used + align - 1) / align * align, last->size);
  if (last == NULL || last->used + size > last->size)
    {
      Block block = { NULL, 0, MAX (size, POOL_BLOCK_SIZE) };

      block.data = g_malloc (block.size);
      g_array_append_val (self->blocks, block);
      last = &g_array_index (self->blocks, Block, self->blocks->len - 1);
    }
  room = last->data + last->used;
  last->used += size;
  return room;
}

const char *
rd_string_pool_intern (RdStringPool *self,
                       const char   *text)
{
  char *copy;
  gsize size;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->interned != NULL, NULL);

  if (text == NULL)
    return NULL;

  copy = g_hash_table_lookup (self->interned, text);
  if (copy != NULL)
    return copy;

  size = strlen (text) + 1;
  copy = memcpy (pool_reserve (self, size, 1), text, size);
  g_hash_table_add (self->interned, copy);
  return copy;
}

const char * const *
rd_string_pool_intern_strv (RdStringPool       *self,
                            const char * const *strv)
{
  const char **copy;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->interned != NULL, NULL);

  if (strv == NULL)
    return NULL;

  copy = g_hash_table_lookup (self->strvs, strv);
  if (copy != NULL)
    return copy;

  n = g_strv_length ((char **) strv);
  copy = (const char **) (gpointer) pool_reserve (self, (n + 1) * sizeof (char *), sizeof (char *));
  for (guint i = 0; i < n; i++)
    copy[i] = rd_string_pool_intern (self, strv[i]);
  copy[n] = NULL;
  g_hash_table_add (self->strvs, copy);
  return copy;
}

void
rd_string_pool_seal (RdStringPool *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->interned, g_hash_table_unref);
  g_clear_pointer (&self->strvs, g_hash_table_unref);
}

gboolean
rd_string_pool_contains (RdStringPool  *self,
                         gconstpointer  pointer)
{
  const char *p = pointer;

  g_return_val_if_fail (self != NULL, FALSE);

  if (p == NULL)
    return FALSE;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = &g_array_index (self->blocks, Block, i);

      if (p >= block->data && p < block->data + block->used)
        return TRUE;
    }
  return FALSE;
}
