/* rd-ical.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/*
 * iCalendar (RFC 5545) export of the open reminders: one VEVENT each with
 * a display alarm at its time, so GNOME Calendar, Evolution and
 * Thunderbird show and ring them.  UIDs are "<reminder id>@renewaldesk",
 * stable across exports, so importing again updates instead of doubling.
 */

/* @reminders: reminder documents (as from rd_reminders_list_open());
 * done ones are skipped.  @stamp: the DTSTAMP. */
char     *rd_ical_build       (GPtrArray   *reminders,
                               GDateTime   *stamp);
/* Escapes TEXT and folds one "NAME:value" content line at 75 octets,
 * appending it with its CRLF to @out. */
void      rd_ical_append_line (GString     *out,
                               const char  *name,
                               const char  *value,
                               gboolean     escape);
/* Writes every open reminder of @store to @path, atomically.
 * @n_written (optional) counts the events. */
gboolean  rd_ical_export_file (RdStore     *store,
                               const char  *path,
                               guint       *n_written,
                               GError     **error);
/* rd_ical_export_file() on a worker; the task's source object is @store. */
void      rd_ical_export_file_async  (RdStore             *store,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean  rd_ical_export_file_finish (RdStore             *store,
                                      GAsyncResult        *result,
                                      guint               *n_written,
                                      GError             **error);

G_END_DECLS
