/* rd-sync-command.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-sync-command.h"
#include "rd-sync-secret.h"

RdSyncClient *
rd_sync_client_new_for_store (RdStore     *store,
                              const char  *url,
                              const char  *password,
                              GError     **error)
{
  g_autofree char *setting_url = NULL;
  g_autofree char *allow = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *user = NULL;
  g_autofree char *url_password = NULL;
  g_autofree char *secret = NULL;
  RdSyncClient *client;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  if (url == NULL || *url == '\0')
    url = g_getenv ("RENEWAL_DESK_SYNC_URL");
  if (url == NULL || *url == '\0')
    {
      setting_url = rd_store_get_setting (store, RD_SYNC_SETTING_URL, error);
      if (setting_url == NULL && error != NULL && *error != NULL)
        return NULL;
      url = setting_url;
    }
  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                           _("No sync server is set: give --sync-url URL, set "
                             "RENEWAL_DESK_SYNC_URL, or set it in Preferences → Sync"));
      return NULL;
    }

  if (!rd_sync_url_split (url, &clean, &user, &url_password, error))
    return NULL;
  if (user == NULL)
    user = rd_store_get_setting (store, RD_SYNC_SETTING_USER, NULL);

  if (password == NULL)
    password = url_password;
  if (password == NULL || *password == '\0')
    password = g_getenv ("RENEWAL_DESK_SYNC_PASSWORD");
  if ((password == NULL || *password == '\0') && user != NULL)
    {
      g_autoptr(GError) secret_error = NULL;

      secret = rd_sync_secret_lookup (clean, user, NULL, &secret_error);
      if (secret_error != NULL)
        g_debug ("%s", secret_error->message);
      password = secret;
    }
  if (user == NULL || password == NULL || *password == '\0')
    {
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_NO_PASSWORD,
                   _("No user name and password for %s: store them in Preferences → Sync, "
                     "or set RENEWAL_DESK_SYNC_PASSWORD"), clean);
      return NULL;
    }

  allow = rd_store_get_setting (store, RD_SYNC_SETTING_ALLOW_UNENCRYPTED, NULL);
  client = rd_sync_client_new (clean, user, password, g_strcmp0 (allow, "true") == 0, error);

  if (client != NULL)
    {
      /* bench/sync measured gzip slower on loopback; RENEWAL_DESK_SYNC_GZIP overrides. */
      const char *gzip = g_getenv ("RENEWAL_DESK_SYNC_GZIP");

      if (gzip != NULL)
        rd_sync_client_set_compression (client, g_strcmp0 (gzip, "1") == 0);
      else
        rd_sync_client_set_compression (client, !rd_sync_url_is_loopback (clean));
    }

  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  if (url_password != NULL)
    memset (url_password, 0, strlen (url_password));

  return client;
}

gboolean
rd_sync_command_run (RdStore     *store,
                     const char  *url,
                     GError     **error)
{
  g_autoptr(RdSyncClient) client = NULL;
  g_autoptr(RdSyncEngine) engine = NULL;
  g_autofree char *text = NULL;
  RdSyncSummary summary = { 0 };

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  client = rd_sync_client_new_for_store (store, url, NULL, error);
  if (client == NULL)
    return FALSE;

  engine = rd_sync_engine_new (store, client);
  if (!rd_sync_engine_run (engine, &summary, error))
    return FALSE;

  text = rd_sync_summary_to_string (&summary);
  g_print (_("Synced with %s: %s\n"), rd_sync_client_get_url (client), text);
  {
    GPtrArray *quarantined = rd_sync_engine_get_quarantined (engine);

    for (guint i = 0; quarantined != NULL && i < quarantined->len; i++)
      {
        g_autofree char *line = rd_sync_quarantined_describe (g_ptr_array_index (quarantined, i));

        /* Translators: %s is like "Account account:1f2e…: the name is empty" */
        g_print (_("Refused from the server as invalid, kept as it is here: %s\n"), line);
      }
  }
  return TRUE;
}
