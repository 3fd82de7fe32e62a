/* rd-code-picker.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_CODE_PICKER (rd_code_picker_get_type ())

G_DECLARE_FINAL_TYPE (RdCodePicker, rd_code_picker, RD, CODE_PICKER, AdwBin)

/* @kind: "country" (ISO 3166-1) or "currency" (ISO 4217). */
GtkWidget  *rd_code_picker_new      (const char   *kind);
const char *rd_code_picker_get_code (RdCodePicker *self);
void        rd_code_picker_set_code (RdCodePicker *self,
                                     const char   *code);
/* Narrows the list as the search entry would ("deutsch", "forint"). */
void        rd_code_picker_search   (RdCodePicker *self,
                                     const char   *text);
/* The codes the list shows now, in order. */
GStrv       rd_code_picker_dup_shown (RdCodePicker *self);

G_END_DECLS
