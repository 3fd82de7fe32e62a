/* rd-application-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-application.h"

G_BEGIN_DECLS

struct _RdApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  guint           background : 1;
  guint           held : 1;
};

void _rd_application_actions_init (RdApplication *self);

G_END_DECLS
