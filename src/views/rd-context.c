/* rd-context.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-context"

#include "config.h"

#include "rd-context.h"
#include "rd-format.h"
#include "rd-settings.h"

struct _RdContext
{
  GObject        parent_instance;

  RdClock       *clock;
  GSettings     *settings;       /* NULL without the schema */
  RdStore       *store;          /* NULL until open */
  RdSyncService *sync_service;   /* of @store, created on first use */
};

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_SYNC_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The handler of rd_context_follow_store(): its data is the view. */
typedef struct
{
  GClosure           closure;
  RdContextStoreFunc set_store;
} StoreClosure;

G_DEFINE_FINAL_TYPE (RdContext, rd_context, G_TYPE_OBJECT)

static void
store_closure_marshal (GClosure     *closure,
                       GValue       *return_value,
                       guint         n_param_values,
                       const GValue *param_values,
                       gpointer      invocation_hint,
                       gpointer      marshal_data)
{
  RdContext *self = g_value_get_object (&param_values[0]);

  g_assert (RD_IS_CONTEXT (self));

  ((StoreClosure *) closure)->set_store (closure->data, self->store);
}

static void
disconnect_store_closure (RdContext *self,
                          gpointer   instance)
{
  g_signal_handlers_disconnect_matched (self,
                                        G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DETAIL |
                                        G_SIGNAL_MATCH_DATA,
                                        g_signal_lookup ("notify", G_TYPE_OBJECT),
                                        g_quark_from_static_string ("store"),
                                        NULL, NULL, instance);
}

static void
connect_store_closure (RdContext          *self,
                       gpointer            instance,
                       RdContextStoreFunc  set_store)
{
  GClosure *closure = g_closure_new_simple (sizeof (StoreClosure), instance);

  ((StoreClosure *) closure)->set_store = set_store;
  g_closure_set_marshal (closure, store_closure_marshal);
  /* Disconnected when @instance goes, like g_signal_connect_object(). */
  g_object_watch_closure (G_OBJECT (instance), closure);
  g_signal_connect_closure (self, "notify::store", closure, FALSE);
}

static void
rd_context_constructed (GObject *object)
{
  RdContext *self = RD_CONTEXT (object);

  G_OBJECT_CLASS (rd_context_parent_class)->constructed (object);

  if (self->clock == NULL)
    self->clock = rd_clock_new ();
  self->settings = rd_settings_new ();
}

static void
rd_context_dispose (GObject *object)
{
  RdContext *self = RD_CONTEXT (object);

  /* The service only points weakly at the store: stop it first. */
  g_clear_object (&self->sync_service);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (rd_context_parent_class)->dispose (object);
}

static void
rd_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RdContext *self = RD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SYNC_SERVICE:
      g_value_set_object (value, rd_context_get_sync_service (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RdContext *self = RD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_set_object (&self->clock, g_value_get_object (value));
      break;
    case PROP_STORE:
      rd_context_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_context_class_init (RdContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rd_context_constructed;
  object_class->dispose = rd_context_dispose;
  object_class->get_property = rd_context_get_property;
  object_class->set_property = rd_context_set_property;

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, RD_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_SERVICE] =
    g_param_spec_object ("sync-service", NULL, NULL, RD_TYPE_SYNC_SERVICE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_context_init (RdContext *self)
{
}

RdContext *
rd_context_new (RdClock *clock)
{
  g_return_val_if_fail (clock == NULL || RD_IS_CLOCK (clock), NULL);

  return g_object_new (RD_TYPE_CONTEXT,
                       "clock", clock,
                       NULL);
}

RdClock *
rd_context_get_clock (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->clock;
}

GSettings *
rd_context_get_settings (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->settings;
}

RdStore *
rd_context_get_store (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->store;
}

void
rd_context_set_store (RdContext *self,
                      RdStore   *store)
{
  g_return_if_fail (RD_IS_CONTEXT (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if (self->store == store)
    return;

  g_clear_object (&self->sync_service);
  g_set_object (&self->store, store);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_SERVICE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

RdSyncService *
rd_context_get_sync_service (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  /* Lazily: a process without a window (--background) never syncs. */
  if (self->sync_service == NULL && self->store != NULL)
    self->sync_service = rd_sync_service_new (self->store);

  return self->sync_service;
}

void
rd_context_get_today (RdContext *self,
                      GDate     *out)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (RD_IS_CONTEXT (self));
  g_return_if_fail (out != NULL);

  now = rd_clock_get_now (self->clock);
  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

char *
rd_context_dup_today_iso (RdContext *self)
{
  GDate today;

  g_return_val_if_fail (self == NULL || RD_IS_CONTEXT (self), NULL);

  if (self != NULL)
    rd_context_get_today (self, &today);
  else
    rd_date_today (&today);
  return rd_date_to_string (&today);
}

gboolean
rd_context_follow_store (RdContext          **slot,
                         RdContext           *context,
                         gpointer             instance,
                         RdContextStoreFunc   set_store)
{
  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (context == NULL || RD_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (instance), FALSE);
  g_return_val_if_fail (set_store != NULL, FALSE);

  if (*slot == context)
    return FALSE;

  if (*slot != NULL)
    disconnect_store_closure (*slot, instance);
  g_set_object (slot, context);
  if (context != NULL)
    connect_store_closure (context, instance, set_store);
  set_store (instance, context != NULL ? context->store : NULL);

  return TRUE;
}
