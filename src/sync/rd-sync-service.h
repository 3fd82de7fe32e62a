/* rd-sync-service.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"
#include "rd-store-sync.h"
#include "rd-sync-engine.h"

G_BEGIN_DECLS

typedef enum
{
  RD_SYNC_STATE_DISABLED,     /* no server configured */
  RD_SYNC_STATE_IDLE,         /* configured, no round finished yet */
  RD_SYNC_STATE_UP_TO_DATE,
  RD_SYNC_STATE_SYNCING,
  RD_SYNC_STATE_OFFLINE,      /* a transient error; a retry is scheduled */
  RD_SYNC_STATE_ERROR,        /* the user must fix something */
} RdSyncState;

GType rd_sync_state_get_type (void) G_GNUC_CONST;
#define RD_TYPE_SYNC_STATE (rd_sync_state_get_type ())

/*
 * Keeps one store in sync in the background, on the thread-default main
 * context it was created in.  A round runs a few seconds after a local
 * edit (the store's "changed" with rows waiting to be pushed; what sync
 * itself writes is not dirty and so never triggers a round), every
 * interval, and on rd_sync_service_sync_now().  Transient errors retry
 * with capped exponential backoff and jitter; permanent ones wait for the
 * user.  Nothing here blocks: settings are read on a worker thread, the
 * password comes from the Secret Service asynchronously, and the network
 * runs on the main context.  UIs observe the properties:
 *
 *   "state"        RdSyncState
 *   "progress"     double, 0..1, or -1 while the total is unknown (pulse)
 *   "last-error"   string, a readable reason (never contains the password)
 *   "next-retry"   gint64, unix time of the next retry (0: none)
 *   "last-summary" string, rd_sync_summary_to_string() of the last round
 *   "refused"      string, the server's records refused as invalid, one a
 *                  line ("Account account:…: the name is empty"), NULL when
 *                  none; a status view lists these lines under the state
 *
 * and the "conflicts-changed" signal.
 */
#define RD_TYPE_SYNC_SERVICE (rd_sync_service_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncService, rd_sync_service, RD, SYNC_SERVICE, GObject)

/* A service for @store, started at once.  The application keeps one per
 * open store, in its RdContext; it holds only a weak pointer to @store. */
RdSyncService *rd_sync_service_new            (RdStore       *store);

RdStore       *rd_sync_service_get_store      (RdSyncService *self);
RdSyncState    rd_sync_service_get_state      (RdSyncService *self);
double         rd_sync_service_get_progress   (RdSyncService *self);
const char    *rd_sync_service_get_last_error (RdSyncService *self);
gint64         rd_sync_service_get_next_retry (RdSyncService *self);
const char    *rd_sync_service_get_last_summary (RdSyncService *self);
const char    *rd_sync_service_get_refused    (RdSyncService *self);
/* "offline, retrying at 14:05", "Wrong user name …", "Up to date" … */
char          *rd_sync_service_describe       (RdSyncService *self);

/* Re-reads the sync.* settings and the password, then syncs. */
void           rd_sync_service_reload         (RdSyncService *self);
/* A round now (a retry resets the backoff). */
void           rd_sync_service_sync_now       (RdSyncService *self);

/* The configuration as the preferences show it (copied; NULL: unset). */
typedef struct
{
  char     *url;
  char     *user;
  guint     interval_minutes;
  gboolean  allow_unencrypted;
} RdSyncConfig;

void           rd_sync_config_free            (RdSyncConfig  *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSyncConfig, rd_sync_config_free)

void           rd_sync_service_load_config_async  (RdSyncService       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
RdSyncConfig  *rd_sync_service_load_config_finish (RdSyncService  *self,
                                                   GAsyncResult   *result,
                                                   GError        **error);
/* Writes @config to the settings (worker thread) and, when @password is not
 * NULL, stores it in the Secret Service; without one it is kept in memory
 * for this session only and *@out_session_only says so.  Then reloads. */
void           rd_sync_service_save_config_async  (RdSyncService       *self,
                                                   const RdSyncConfig  *config,
                                                   const char          *password,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       rd_sync_service_save_config_finish (RdSyncService  *self,
                                                   GAsyncResult   *result,
                                                   gboolean       *out_session_only,
                                                   GError        **error);
/* TRUE once a password lookup found no Secret Service running. */
gboolean       rd_sync_service_get_secret_service_missing (RdSyncService *self);
/* The password for this session only (no Secret Service), for whatever
 * server is configured; NULL forgets it.  Call rd_sync_service_reload() after. */
void           rd_sync_service_set_session_password (RdSyncService *self,
                                                     const char    *password);

/* Conflicts on a worker thread; restore (TRUE) or dismiss (FALSE). */
void           rd_sync_service_list_conflicts_async   (RdSyncService       *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray     *rd_sync_service_list_conflicts_finish  (RdSyncService  *self,
                                                       GAsyncResult   *result,
                                                       GError        **error);
void           rd_sync_service_resolve_conflict_async (RdSyncService       *self,
                                                       gint64               id,
                                                       gboolean             restore,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean       rd_sync_service_resolve_conflict_finish (RdSyncService *self,
                                                       GAsyncResult   *result,
                                                       GError        **error);

/* Test hooks: the debounce after a local edit (default 3000 ms), the first
 * backoff step and its cap (default 15 s and 15 min), the request timeout
 * (default 60 s). */
void           rd_sync_service_set_timing     (RdSyncService *self,
                                               guint          debounce_ms,
                                               guint          backoff_base_ms,
                                               guint          backoff_max_ms,
                                               guint          request_timeout_s);

G_END_DECLS
