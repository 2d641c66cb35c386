/* contrib-window-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The window's parts, for the files that make it up: contrib-window.c
 * (loading and showing the ranking), contrib-window-error.c (the error
 * page), contrib-window-compare.c (the comparison and Compare All) and
 * contrib-window-export.c (exports).
 */

#pragma once

#include <tasks.h>

#include "contrib-compare-page.h"
#include "contrib-ranking.h"
#include "contrib-settings-pane.h"
#include "contrib-status-bar.h"
#include "contrib-timeline-page.h"
#include "contrib-window.h"

G_BEGIN_DECLS

struct _ContribWindow
{
  AdwApplicationWindow  parent_instance;

  AdwFlap              *flap;
  GtkToggleButton      *settings_button;
  GtkButton            *load_button;
  GtkButton            *cancel_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  AdwToastOverlay      *toast_overlay;
  ContribSettingsPane  *settings_pane;
  GtkDropDown          *variant_dropdown;
  GtkLabel             *variant_description;
  GtkStack             *results_stack;
  AdwStatusPage        *error_page;
  GtkButton            *set_token_button;
  ContribRanking       *ranking;
  ContribStatusBar     *status_bar;
  ContribTimelinePage  *timeline_page;
  ContribComparePage   *compare_page;

  GSettings            *settings;

  ContribUpdate        *shown;         /* owns the rows the ranking shows */
  ContribUpdate        *pending;       /* the latest update not shown yet */
  GThreadPool          *releaser;
  guint                 apply_tick_id; /* shows it on the next frame */
  guint                 apply_idle_id; /* or soon, while there are no frames */

  ContribLoader        *loader;
  GCancellable         *quota_cancellable;  /* the rate limit is being read */
  char                 *warning;            /* the last toast's text */
  ContribLoader        *canceled;      /* its requests may still be running */
  char                 *canceled_status;
  guint                 n_loaded;      /* progress: repositories done, of n_repos */
  guint                 n_repos;
  ContribHeartbeat     *heartbeat;
  gint64                started_us;
  guint                 tick_id;
  gint64                blocked_ms;
  gulong                painted_id;    /* BLOCKING waits for its busy state to show */
  guint                 start_id;
  gboolean              dropping_input;
  guint                 drop_input_id;

  GArray               *series;        /* Compare All: ContribVariant, the loads to come */
  guint                 series_length;
  guint                 series_next_id;
  ContribVariant        load_variant;  /* of the load in progress */
  GhRequestLog         *requests;      /* of the last load, which the timeline shows */
  char                 *requests_title;
};

/* contrib-window.c */
void     _contrib_window_load_variant    (ContribWindow  *self,
                                          ContribVariant  variant);

/* contrib-window-error.c */
void     _contrib_window_show_error      (ContribWindow  *self,
                                          const GError   *error);

/* contrib-window-compare.c */
void     _contrib_window_load_ended      (ContribWindow  *self,
                                          ContribLoader  *loader,
                                          ContribUpdate  *update,
                                          const GError   *error);
void     _contrib_window_series_stop     (ContribWindow  *self);
void     _contrib_window_install_compare (GtkWidgetClass *widget_class);

/* contrib-window-export.c */
void     _contrib_window_update_exports  (ContribWindow  *self);
void     _contrib_window_install_export  (GtkWidgetClass *widget_class);

G_END_DECLS
