/* rd-contact-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-contact.h"

G_BEGIN_DECLS

struct _RdContact
{
  GObject     parent_instance;

  char       *id;
  char       *account_id;
  char       *name;
  RdRole      role;
  char       *email;
  char       *phone;
  gboolean    active;
  char       *updated_at;

  JsonObject *extra;        /* fields this version does not know; owned */
};

void _rd_contact_set_updated_at (RdContact  *self,
                                 const char *updated_at);

G_END_DECLS
