/* rd-application.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_APPLICATION (rd_application_get_type ())

G_DECLARE_FINAL_TYPE (RdApplication, rd_application, RD, APPLICATION, AdwApplication)

RdApplication *rd_application_new            (void);
/* The database given by --db or $RENEWAL_DESK_DB, or NULL for the default. */
const char    *rd_application_get_db_path    (RdApplication *self);

/* Records g_get_monotonic_time() once, as early as possible in main(), for
 * the RD_BENCH_FIRST_FRAME measurement. */
void           rd_application_mark_start     (void);
gint64         rd_application_get_start_time (void);

G_END_DECLS
