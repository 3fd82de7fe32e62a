/* rd-account-pack.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-account.h"

G_BEGIN_DECLS

/*
 * The strings that many accounts of one whole-book read have in common
 * (currencies, countries, industries, owners, dates, risk factor ids),
 * each kept once.  The store fills a pool while it reads, seals it, and
 * each listed account holds a reference for as long as its fields point
 * into it.  A pool is filled by one thread; once sealed it only answers
 * rd_string_pool_contains (), from any thread.
 */
typedef struct _RdStringPool RdStringPool;

RdStringPool *rd_string_pool_new      (void);
RdStringPool *rd_string_pool_ref      (RdStringPool  *self);
void          rd_string_pool_unref    (RdStringPool  *self);
/* The pool's copy of @text (NULL for NULL); the same pointer for equal
 * texts until the pool is sealed. */
const char   *rd_string_pool_intern   (RdStringPool  *self,
                                       const char    *text);
/* The pool's copy of @strv, its strings interned (NULL for NULL); the
 * same pointer for arrays of equal strings until the pool is sealed. */
const char * const *rd_string_pool_intern_strv (RdStringPool       *self,
                                                const char * const *strv);
/* Frees the look-up table: no more rd_string_pool_intern (). */
void          rd_string_pool_seal     (RdStringPool  *self);
/* Whether @pointer points into a string of the pool. */
gboolean      rd_string_pool_contains (RdStringPool  *self,
                                       gconstpointer  pointer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdStringPool, rd_string_pool_unref)

/* Like _rd_account_pack_strings () (rd-account-private.h), with the
 * account's common strings (above) taken from @pool when not NULL. */
void _rd_account_pack_strings_pooled (RdAccount    *self,
                                      RdStringPool *pool);

G_END_DECLS
