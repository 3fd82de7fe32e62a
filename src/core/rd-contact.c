/* rd-contact.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-contact"

#include "config.h"

#include "rd-contact-private.h"
#include "rd-document.h"
#include "rd-fields-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_ACTIVE,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdContact, rd_contact, G_TYPE_OBJECT)

#define SLOT(member, kind, table, fallback) \
  { #member, RD_FIELD_SLOT_##kind, G_STRUCT_OFFSET (RdContact, member), table, fallback }

/* The stakeholder's members, in the order documents have them. */
static const RdFieldSlot slots[] = {
  SLOT (account_id, STRING, NULL, 0),
  SLOT (name, STRING, NULL, 0),
  SLOT (role, ENUM, &rd_role_table, RD_ROLE_OTHER),
  SLOT (email, STRING, NULL, 0),
  SLOT (phone, STRING, NULL, 0),
  SLOT (active, BOOL, NULL, TRUE),
  SLOT (updated_at, STRING, NULL, 0),
};

#undef SLOT

static void
set_string (RdContact   *self,
            char       **field,
            const char  *value,
            gboolean     empty_is_null,
            int          prop)
{
  if (_rd_field_replace_string (field, value, empty_is_null))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
rd_contact_finalize (GObject *object)
{
  RdContact *self = (RdContact *) object;

  g_free (self->id);
  _rd_field_slots_clear (self, slots, G_N_ELEMENTS (slots));
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (rd_contact_parent_class)->finalize (object);
}

static void
rd_contact_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RdContact *self = RD_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_ACCOUNT_ID: g_value_set_string (value, self->account_id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_ROLE: g_value_set_int (value, self->role); break;
    case PROP_EMAIL: g_value_set_string (value, self->email); break;
    case PROP_PHONE: g_value_set_string (value, self->phone); break;
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
    case PROP_UPDATED_AT: g_value_set_string (value, self->updated_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_contact_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RdContact *self = RD_CONTACT (object);

  switch (prop_id)
    {
    case PROP_NAME: rd_contact_set_name (self, g_value_get_string (value)); break;
    case PROP_ROLE: rd_contact_set_role (self, g_value_get_int (value)); break;
    case PROP_EMAIL: rd_contact_set_email (self, g_value_get_string (value)); break;
    case PROP_PHONE: rd_contact_set_phone (self, g_value_get_string (value)); break;
    case PROP_ACTIVE: rd_contact_set_active (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_contact_class_init (RdContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rd_contact_finalize;
  object_class->get_property = rd_contact_get_property;
  object_class->set_property = rd_contact_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_ACCOUNT_ID] = g_param_spec_string ("account-id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_ROLE] = g_param_spec_int ("role", NULL, NULL, 0, RD_ROLE_OTHER, RD_ROLE_OTHER, rw);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, rw);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, rw);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, rw);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_contact_init (RdContact *self)
{
  self->role = RD_ROLE_OTHER;
  self->active = TRUE;
}

void
_rd_contact_set_updated_at (RdContact  *self,
                            const char *updated_at)
{
  g_return_if_fail (RD_IS_CONTACT (self));

  set_string (self, &self->updated_at, updated_at, FALSE, PROP_UPDATED_AT);
}

RdContact *
rd_contact_new (const char *account_id)
{
  RdContact *self;

  g_return_val_if_fail (account_id != NULL, NULL);

  self = g_object_new (RD_TYPE_CONTACT, NULL);
  self->id = g_uuid_string_random ();
  self->account_id = g_strdup (account_id);

  return self;
}

RdContact *
rd_contact_copy (RdContact *self)
{
  RdContact *copy;

  g_return_val_if_fail (RD_IS_CONTACT (self), NULL);

  copy = g_object_new (RD_TYPE_CONTACT, NULL);
  copy->id = g_strdup (self->id);
  _rd_field_slots_copy (copy, self, slots, G_N_ELEMENTS (slots));
  copy->extra = rd_document_copy_object (self->extra);

  return copy;
}

RdContact *
rd_contact_new_from_document (JsonObject  *doc,
                              GError     **error)
{
  g_autoptr(RdContact) self = NULL;
  char *uuid;

  g_return_val_if_fail (doc != NULL, NULL);

  uuid = _rd_field_slots_read_uuid (doc, "contact", error);
  if (uuid == NULL)
    return NULL;

  self = g_object_new (RD_TYPE_CONTACT, NULL);
  self->id = uuid;
  _rd_field_slots_read (self, doc, slots, G_N_ELEMENTS (slots));
  self->extra = rd_document_extract_extra (doc);

  return g_steal_pointer (&self);
}

JsonObject *
rd_contact_to_document (RdContact *self)
{
  JsonObject *doc;

  g_return_val_if_fail (RD_IS_CONTACT (self), NULL);

  doc = _rd_field_slots_new_document ("contact", self->id);
  _rd_field_slots_write (self, doc, slots, G_N_ELEMENTS (slots));
  rd_document_merge_extra (doc, self->extra);

  return doc;
}

const char *
rd_contact_get_id (RdContact *self)
{
  g_return_val_if_fail (RD_IS_CONTACT (self), NULL);
  return self->id;
}

const char *
rd_contact_get_account_id (RdContact *self)
{
  g_return_val_if_fail (RD_IS_CONTACT (self), NULL);
  return self->account_id;
}

const char *
rd_contact_get_name (RdContact *self)
{
  g_return_val_if_fail (RD_IS_CONTACT (self), NULL);
  return self->name;
}

void
rd_contact_set_name (RdContact  *self,
                     const char *name)
{
  g_return_if_fail (RD_IS_CONTACT (self));
  set_string (self, &self->name, name, FALSE, PROP_NAME);
}

RdRole
rd_contact_get_role (RdContact *self)
{
  g_return_val_if_fail (RD_IS_CONTACT (self), RD_ROLE_OTHER);
  return self->role;
}

void
rd_contact_set_role (RdContact *self,
                     RdRole     role)
{
  g_return_if_fail (RD_IS_CONTACT (self));

  if (self->role == role)
    return;

  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

const char *
rd_contact_get_email (RdContact *self)
{
  g_return_val_if_fail (RD_IS_CONTACT (self), NULL);
  return self->email;
}

void
rd_contact_set_email (RdContact  *self,
                      const char *email)
{
  g_return_if_fail (RD_IS_CONTACT (self));
  set_string (self, &self->email, email, TRUE, PROP_EMAIL);
}

const char *
rd_contact_get_phone (RdContact *self)
{
  g_return_val_if_fail (RD_IS_CONTACT (self), NULL);
  return self->phone;
}

void
rd_contact_set_phone (RdContact  *self,
                      const char *phone)
{
  g_return_if_fail (RD_IS_CONTACT (self));
  set_string (self, &self->phone, phone, TRUE, PROP_PHONE);
}

gboolean
rd_contact_get_active (RdContact *self)
{
  g_return_val_if_fail (RD_IS_CONTACT (self), FALSE);
  return self->active;
}

void
rd_contact_set_active (RdContact *self,
                       gboolean   active)
{
  g_return_if_fail (RD_IS_CONTACT (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

const char *
rd_contact_get_updated_at (RdContact *self)
{
  g_return_val_if_fail (RD_IS_CONTACT (self), NULL);
  return self->updated_at;
}
