/* contrib-loader.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <coro.h>
#include <gh.h>

#include "contrib-counting-service.h"
#include "contrib-update.h"
#include "contrib-variant.h"

G_BEGIN_DECLS

#define CONTRIB_TYPE_LOADER (contrib_loader_get_type ())

G_DECLARE_FINAL_TYPE (ContribLoader, contrib_loader, CONTRIB, LOADER, GObject)

/*
 * Progress, for "57 of 160 repositories" (details at each function):
 *
 * - While the load runs, the update function receives progress-only
 *   updates besides the rankings: check contrib_update_has_ranking() before
 *   showing an update's users, and read contrib_update_get_progress() from
 *   any update. Every variant sends them (BLOCKING only its final update).
 *   Several requests that end together make one; none comes after the
 *   final update or error.
 * - After the final update or error, contrib_loader_get_progress() says
 *   what the load kept: "Canceled after 1.4 s: 57 of 160 repositories
 *   loaded".
 * - The requests-in-flight property (notify::requests-in-flight, on Main)
 *   counts requests still running, also after the load is over, while the
 *   caller holds a reference: NOT_CANCELLABLE's go on after a cancel and
 *   count down to 0; the others drop to 0 as soon as their cancelled
 *   requests end.
 */

ContribLoader          *contrib_loader_new                    (GhService         *service,
                                                               ContribVariant     variant,
                                                               const char        *org);
void                    contrib_loader_set_dispatchers        (ContribLoader     *self,
                                                               CoroDispatcher    *main,
                                                               CoroDispatcher    *background);
void                    contrib_loader_start                  (ContribLoader     *self,
                                                               ContribUpdateFunc  update,
                                                               gpointer           user_data,
                                                               GDestroyNotify     user_data_destroy);
void                    contrib_loader_cancel                 (ContribLoader     *self);
void                    contrib_loader_abandon                (ContribLoader     *self);
gboolean                contrib_loader_is_running             (ContribLoader     *self);
ContribVariant          contrib_loader_get_variant            (ContribLoader     *self);
CoroJob                *contrib_loader_get_root_job           (ContribLoader     *self);
void                    contrib_loader_get_progress           (ContribLoader     *self,
                                                               guint             *loaded,
                                                               guint             *failed,
                                                               guint             *total);
guint                   contrib_loader_get_requests_in_flight (ContribLoader     *self);
ContribCountingService *contrib_loader_get_counting_service   (ContribLoader     *self);
GhRequestLog           *contrib_loader_get_request_log        (ContribLoader     *self);

G_END_DECLS
