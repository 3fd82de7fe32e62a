/* rd-test-locale.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Compiles the glibc locales @names (e.g. "de_DE") as UTF-8 with
 * localedef(1) into a new temporary directory, without root, and points
 * LOCPATH at it, so that setlocale (LC_ALL, "de_DE.UTF-8") works even where
 * `locale -a` lists only C and POSIX.  Call it before the first setlocale().
 * Aborts the test program when a locale cannot be built: the tests that
 * need them fail rather than skip.  Returns the directory (remove it with
 * rd_test_locales_remove()). */
char *rd_test_locales_prepare (const char * const *names);
void  rd_test_locales_remove  (char               *dir);

G_END_DECLS
