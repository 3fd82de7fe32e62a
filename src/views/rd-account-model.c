/* rd-account-model.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-model"

#include "config.h"

#include "rd-account-model.h"

struct _RdAccountModel
{
  GObject    parent_instance;
  GPtrArray *items;   /* RdAccount, owned */
};

static GType
rd_account_model_get_item_type (GListModel *model)
{
  return RD_TYPE_ACCOUNT;
}

static guint
rd_account_model_get_n_items (GListModel *model)
{
  return RD_ACCOUNT_MODEL (model)->items->len;
}

static gpointer
rd_account_model_get_item (GListModel *model,
                           guint       position)
{
  RdAccountModel *self = RD_ACCOUNT_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_account_model_get_item_type;
  iface->get_n_items = rd_account_model_get_n_items;
  iface->get_item = rd_account_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RdAccountModel, rd_account_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
rd_account_model_finalize (GObject *object)
{
  RdAccountModel *self = RD_ACCOUNT_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_account_model_parent_class)->finalize (object);
}

static void
rd_account_model_class_init (RdAccountModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_account_model_finalize;
}

static void
rd_account_model_init (RdAccountModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

RdAccountModel *
rd_account_model_new (void)
{
  return g_object_new (RD_TYPE_ACCOUNT_MODEL, NULL);
}

void
rd_account_model_splice (RdAccountModel *self,
                         guint           position,
                         guint           n_removals,
                         RdAccount     **additions,
                         guint           n_additions)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));
  g_return_if_fail (position + n_removals <= self->items->len);

  if (n_removals > 0)
    g_ptr_array_remove_range (self->items, position, n_removals);

  if (n_additions > 0)
    {
      guint old_len = self->items->len;

      g_ptr_array_set_size (self->items, old_len + n_additions);
      memmove (self->items->pdata + position + n_additions, self->items->pdata + position,
               (old_len - position) * sizeof (gpointer));
      for (guint i = 0; i < n_additions; i++)
        self->items->pdata[position + i] = g_object_ref (additions[i]);
    }

  if (n_removals > 0 || n_additions > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
}

void
rd_account_model_append (RdAccountModel *self,
                         RdAccount      *account)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  rd_account_model_splice (self, self->items->len, 0, &account, 1);
}

void
rd_account_model_remove (RdAccountModel *self,
                         guint           position)
{
  g_return_if_fail (RD_IS_ACCOUNT_MODEL (self));

  rd_account_model_splice (self, position, 1, NULL, 0);
}

gboolean
rd_account_model_find (RdAccountModel *self,
                       RdAccount      *account,
                       guint          *position)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_MODEL (self), FALSE);

  return g_ptr_array_find (self->items, account, position);
}
