/* rd-window-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-account-page.h"
#include "rd-context.h"
#include "rd-portfolio-view.h"
#include "rd-reminders-view.h"
#include "rd-store.h"
#include "rd-sync-indicator.h"
#include "rd-window.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean  is_contact;
  char     *id;
  AdwToast *toast;   /* weak */
} RdUndoItem;

struct _RdWindow
{
  AdwApplicationWindow  parent_instance;

  RdContext            *context;
  GCancellable         *cancellable;
  RdStore              *store;             /* the context's, once open */
  char                 *db_path;
  GQueue                undo_stack;        /* RdUndoItem*, newest last */
  gulong                ready_handler;
  gint64                first_frame_time;
  gint64                first_frame_cpu_time; /* the process's, in µs */
  guint                 ready_emitted : 1;
  guint                 filling_sample : 1;
  guint                 showing_account : 1;
  guint                 showing_reminders : 1;
  /* Pages of the content stack built on first use, NULL until then. */
  RdAccountPage        *account_page;
  RdRemindersView      *reminders_view;

  /* template children */
  GtkButton            *add_button;
  GtkButton            *back_button;
  GtkBox               *content_box;
  GtkStack             *content_stack;
  GtkButton            *delete_button;
  AdwStatusPage        *empty_page;
  GtkButton            *summary_button;
  AdwLeaflet           *leaflet;
  GtkLabel             *loading_label;
  GtkSpinner           *loading_spinner;
  RdPortfolioView      *portfolio_view;
  GtkButton            *sample_button;
  GtkListBoxRow        *portfolio_row;
  GtkListBoxRow        *quarter_row;
  GtkButton            *new_reminder_button;
  GtkLabel             *reminders_badge;
  GtkListBoxRow        *reminders_row;
  GtkListBox           *sidebar_list;
  RdSyncIndicator      *sync_indicator;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
};

void             _rd_window_class_actions_init  (GtkWidgetClass *widget_class);
void             _rd_window_actions_init        (RdWindow       *self);
void             _rd_window_actions_update      (RdWindow       *self);
void             _rd_window_update_view         (RdWindow       *self);
void             _rd_window_show_portfolio      (RdWindow       *self);
void             _rd_window_show_reminders      (RdWindow       *self);
void             _rd_window_show_account        (RdWindow       *self,
                                                 RdAccount      *account,
                                                 gboolean        is_new);
void             _rd_window_add_toast           (RdWindow       *self,
                                                 AdwToast       *toast);
void             _rd_window_undo_item_free      (RdUndoItem     *item);
/* Builds the reminders page if it is not yet. */
RdRemindersView *_rd_window_get_reminders_view  (RdWindow       *self);

/* For tests only. */
RdStore         *_rd_window_get_store           (RdWindow       *self);
RdPortfolioView *_rd_window_get_portfolio_view  (RdWindow       *self);
RdAccountPage   *_rd_window_get_account_page    (RdWindow       *self);
GtkStack        *_rd_window_get_content_stack   (RdWindow       *self);
GtkWidget       *_rd_window_get_sample_button   (RdWindow       *self);
AdwStatusPage   *_rd_window_get_empty_page      (RdWindow       *self);

G_END_DECLS
