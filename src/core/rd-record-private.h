/* rd-record-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record.h"

G_BEGIN_DECLS

/* For the subclasses of RdRecord only. */

/* In class_init: the entity, the reference records are listed by, and the
 * typed fields, indexed by the subclass's PROP_ values ([0] unused).  Each
 * field becomes a property, stored into @pspecs (N_PROPS long), with
 * G_PARAM_EXPLICIT_NOTIFY; get_property and set_property are installed. */
void        _rd_record_class_install_fields (RdRecordClass       *klass,
                                             const char          *entity,
                                             const char          *parent_member,
                                             const RdRecordField *fields,
                                             guint                n_fields,
                                             GParamSpec         **pspecs);

/* A new document of the subclass's entity with a fresh UUID, "_id" and
 * "type" set, and the parent reference when @parent_id is not NULL. */
JsonObject *_rd_record_new_document         (GType                type,
                                             const char          *parent_id);
/* Takes @doc (no copy). */
gpointer    _rd_record_new_take             (GType                type,
                                             JsonObject          *doc);

/* Field @prop of the record's class.  Strings: NULL when missing; setting
 * NULL or "" removes the member.  Every setter notifies the property when
 * the member changed, and only then. */
const char *_rd_record_get_string           (RdRecord            *self,
                                             guint                prop);
void        _rd_record_set_string           (RdRecord            *self,
                                             guint                prop,
                                             const char          *value);
gint64      _rd_record_get_int              (RdRecord            *self,
                                             guint                prop);
void        _rd_record_set_int              (RdRecord            *self,
                                             guint                prop,
                                             gint64               value);
gboolean    _rd_record_get_bool             (RdRecord            *self,
                                             guint                prop);
void        _rd_record_set_bool             (RdRecord            *self,
                                             guint                prop,
                                             gboolean             value);
/* The index of the id in the field's table; the fallback when missing or
 * unknown.  Setting a value outside the table removes the member. */
int         _rd_record_get_enum             (RdRecord            *self,
                                             guint                prop);
void        _rd_record_set_enum             (RdRecord            *self,
                                             guint                prop,
                                             int                  value);

G_END_DECLS
