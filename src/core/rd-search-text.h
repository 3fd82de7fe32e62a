/* rd-search-text.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Text folded for searching: compatibility-decomposed (NFKD, so full-width
 * "ＡＢＣ" and half-width katakana meet their usual forms), without combining
 * marks ("Kovács" → "kovacs", "ő" → "o"), then case-folded ("Größe" →
 * "grosse").  A needle and a haystack folded alike match whatever their
 * case and accents; scripts without case or marks (Chinese) stay as they
 * are.  Pure ASCII takes a fast path: only its letters are lowered.
 */
char *rd_search_text_fold (const char *text,
                           gssize      length);

G_END_DECLS
