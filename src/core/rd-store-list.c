/* rd-store-list.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdStore, lean reads for the window's lists: only the rows a list shows,
 * so that a book of 100,000 accounts is not read whole for a few rows. */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <sqlite3.h>

#include "rd-document.h"
#include "rd-store.h"
#include "rd-store-private.h"

GPtrArray *
rd_store_list_open_reminder_documents (RdStore  *self,
                                       GError  **error)
{
  GPtrArray *docs;
  gint64 cache_size;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  /* A done reminder has a done_at (rd_reminder_is_done()); the column
   * holds the document's member.  Finding the open ones passes over the
   * whole table (~12 MB of pages at 100,000 accounts): through the small
   * cache of a scan. */
  g_mutex_lock (&self->mutex);
  cache_size = _rd_store_swap_cache_size_locked (self, RD_STORE_SCAN_CACHE_SIZE);
  docs = _rd_store_select_documents_locked (self, "reminder",
                                            "deleted = 0 AND COALESCE (done_at, '') = ''",
                                            "rowid", NULL, error);
  if (cache_size != 0)
    _rd_store_swap_cache_size_locked (self, cache_size);
  g_mutex_unlock (&self->mutex);

  return docs;
}
