/* rd-print-operation.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-brief.h"
#include "rd-summary.h"

G_BEGIN_DECLS

#define RD_TYPE_PRINT_OPERATION (rd_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (RdPrintOperation, rd_print_operation, RD, PRINT_OPERATION, GtkPrintOperation)

/* Prints @summary (taken over) with the same page function as the PDF
 * export; a "Bridge options" tab lets the user untick kinds. */
RdPrintOperation *rd_print_operation_new (RdSummary *summary);
/* Prints the internal @brief (taken over); no custom tab. */
RdPrintOperation *rd_print_operation_new_for_brief (RdBrief *brief);

G_END_DECLS
