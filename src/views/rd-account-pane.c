/* rd-account-pane.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account-pane"

#include "config.h"

#include "rd-account-pane.h"

typedef struct
{
  RdContext    *context;
  GCancellable *cancellable;
} RdAccountPanePrivate;

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RdAccountPane, rd_account_pane, ADW_TYPE_BIN)

static void
rd_account_pane_dispose (GObject *object)
{
  RdAccountPane *self = RD_ACCOUNT_PANE (object);
  RdAccountPanePrivate *priv = rd_account_pane_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (rd_account_pane_parent_class)->dispose (object);
}

static void
rd_account_pane_finalize (GObject *object)
{
  RdAccountPane *self = RD_ACCOUNT_PANE (object);
  RdAccountPanePrivate *priv = rd_account_pane_get_instance_private (self);

  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (rd_account_pane_parent_class)->finalize (object);
}

static void
rd_account_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RdAccountPane *self = RD_ACCOUNT_PANE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, rd_account_pane_get_context (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_account_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RdAccountPane *self = RD_ACCOUNT_PANE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      rd_account_pane_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_account_pane_class_init (RdAccountPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_account_pane_dispose;
  object_class->finalize = rd_account_pane_finalize;
  object_class->get_property = rd_account_pane_get_property;
  object_class->set_property = rd_account_pane_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_account_pane_init (RdAccountPane *self)
{
  RdAccountPanePrivate *priv = rd_account_pane_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

RdContext *
rd_account_pane_get_context (RdAccountPane *self)
{
  RdAccountPanePrivate *priv = rd_account_pane_get_instance_private (self);

  g_return_val_if_fail (RD_IS_ACCOUNT_PANE (self), NULL);

  return priv->context;
}

void
rd_account_pane_set_context (RdAccountPane *self,
                             RdContext     *context)
{
  RdAccountPanePrivate *priv = rd_account_pane_get_instance_private (self);

  g_return_if_fail (RD_IS_ACCOUNT_PANE (self));
  g_return_if_fail (context == NULL || RD_IS_CONTEXT (context));

  if (g_set_object (&priv->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

RdStore *
rd_account_pane_get_store (RdAccountPane *self)
{
  RdAccountPanePrivate *priv = rd_account_pane_get_instance_private (self);

  g_return_val_if_fail (RD_IS_ACCOUNT_PANE (self), NULL);

  return priv->context != NULL ? rd_context_get_store (priv->context) : NULL;
}

GCancellable *
rd_account_pane_get_cancellable (RdAccountPane *self)
{
  RdAccountPanePrivate *priv = rd_account_pane_get_instance_private (self);

  g_return_val_if_fail (RD_IS_ACCOUNT_PANE (self), NULL);

  return priv->cancellable;
}
