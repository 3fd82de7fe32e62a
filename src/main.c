/* main.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "rd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RdApplication) app = NULL;
  const char *localedir = g_getenv ("RENEWAL_DESK_LOCALEDIR");

  rd_application_mark_start ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* The name notifications and the window list show, instead of the binary's. */
  g_set_application_name (_("Renewal Desk"));

  app = rd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
