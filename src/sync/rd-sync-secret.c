/* rd-sync-secret.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "rd-sync-secret.h"
#include "rd-task.h"

static const SecretSchema *
sync_schema (void)
{
  static const SecretSchema schema = {
    "org.renewaldesk.RenewalDesk.Sync", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

/* libsecret's own message names D-Bus internals: say what it means. */
static GError *
explain (GError *error)
{
  GError *explained;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  explained = g_error_new (error->domain, error->code,
                           _("The password cannot be kept in the Secret Service (%s); you will "
                             "be asked for it each session"), error->message);
  g_error_free (error);
  return explained;
}

/* Hands @local_error on to @error, explained; TRUE when there was none. */
static gboolean
propagate_explained (GError  *local_error,
                     GError **error)
{
  if (local_error == NULL)
    return TRUE;
  g_propagate_error (error, explain (local_error));
  return FALSE;
}

static char *
password_label (const char *server,
                const char *user)
{
  return g_strdup_printf (_("Renewal Desk sync password for %s at %s"), user, server);
}

gboolean
rd_sync_secret_store (const char    *server,
                      const char    *user,
                      const char    *password,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (server != NULL && user != NULL && password != NULL, FALSE);

  label = password_label (server, user);
  secret_password_store_sync (sync_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                              cancellable, &local_error, "server", server, "user", user, NULL);
  return propagate_explained (local_error, error);
}

char *
rd_sync_secret_lookup (const char    *server,
                       const char    *user,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GError *local_error = NULL;
  char *secret;
  char *password;

  g_return_val_if_fail (server != NULL && user != NULL, NULL);

  secret = secret_password_lookup_sync (sync_schema (), cancellable, &local_error,
                                        "server", server, "user", user, NULL);
  if (!propagate_explained (local_error, error))
    return NULL;
  password = g_strdup (secret);
  secret_password_free (secret);
  return password;
}

gboolean
rd_sync_secret_clear (const char    *server,
                      const char    *user,
                      GCancellable  *cancellable,
                      GError       **error)
{
  GError *local_error = NULL;

  secret_password_clear_sync (sync_schema (), cancellable, &local_error,
                              "server", server, "user", user, NULL);
  return propagate_explained (local_error, error);
}

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, explain (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
rd_sync_secret_store_async (const char          *server,
                            const char          *user,
                            const char          *password,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = password_label (server, user);

  g_task_set_source_tag (task, rd_sync_secret_store_async);
  secret_password_store (sync_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         on_stored_cb, g_steal_pointer (&task),
                         "server", server, "user", user, NULL);
}

gboolean
rd_sync_secret_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return rd_task_propagate_boolean (NULL, result, rd_sync_secret_store_async, error);
}

static void
on_looked_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, explain (error));
  else
    {
      g_task_return_pointer (task, g_strdup (secret), g_free);
      secret_password_free (secret);
    }
}

void
rd_sync_secret_lookup_async (const char          *server,
                             const char          *user,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rd_sync_secret_lookup_async);
  secret_password_lookup (sync_schema (), cancellable, on_looked_up_cb, g_steal_pointer (&task),
                          "server", server, "user", user, NULL);
}

char *
rd_sync_secret_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  return rd_task_propagate_pointer (NULL, result, rd_sync_secret_lookup_async, error);
}
