/* rd-report-actions.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Installs on RdWindow: window.print-summary (s: account id, "" = the
 * account shown), window.print-brief (s, likewise: the internal brief),
 * window.export-summary-pdf (s, likewise),
 * window.weekly-update, and Ctrl+P. */
void _rd_report_actions_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
