/* rd-contact.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-enums.h"

G_BEGIN_DECLS

#define RD_TYPE_CONTACT (rd_contact_get_type ())

G_DECLARE_FINAL_TYPE (RdContact, rd_contact, RD, CONTACT, GObject)

/* A stakeholder in an account.  Properties: "id", "account-id", "name",
 * "role" (RdRole as int), "email", "phone", "active", "updated-at". */

RdContact  *rd_contact_new               (const char  *account_id);
RdContact  *rd_contact_copy              (RdContact   *self);
RdContact  *rd_contact_new_from_document (JsonObject  *doc,
                                          GError     **error);
JsonObject *rd_contact_to_document       (RdContact   *self);

const char *rd_contact_get_id            (RdContact   *self);
const char *rd_contact_get_account_id    (RdContact   *self);
const char *rd_contact_get_name          (RdContact   *self);
void        rd_contact_set_name          (RdContact   *self,
                                          const char  *name);
RdRole      rd_contact_get_role          (RdContact   *self);
void        rd_contact_set_role          (RdContact   *self,
                                          RdRole       role);
const char *rd_contact_get_email         (RdContact   *self);
void        rd_contact_set_email         (RdContact   *self,
                                          const char  *email);
const char *rd_contact_get_phone         (RdContact   *self);
void        rd_contact_set_phone         (RdContact   *self,
                                          const char  *phone);
gboolean    rd_contact_get_active        (RdContact   *self);
void        rd_contact_set_active        (RdContact   *self,
                                          gboolean     active);
const char *rd_contact_get_updated_at    (RdContact   *self);

G_END_DECLS
