/* rd-iso-codes.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Country (ISO 3166-1 alpha-2) and currency (ISO 4217) names in the
 * user's language, from the iso-codes package that every GNOME desktop
 * has (its JSON lists and its "iso_3166-1" and "iso_4217" translation
 * domains).  Which codes are valid stays with rd-format.c, so a record's
 * verdict never depends on an installed package; without iso-codes the
 * name is the code itself.
 */

/* The translated common name of @code ("Deutschland" for "DE" in German);
 * @code when it has none. */
const char *rd_country_name  (const char *code);
/* The translated name of currency @code ("Forint" for "HUF"); @code when
 * it has none. */
const char *rd_currency_name (const char *code);

G_END_DECLS
