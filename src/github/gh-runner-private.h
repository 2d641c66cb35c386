/* gh-runner-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "gh-call-private.h"
#include "gh-limiter-private.h"

G_BEGIN_DECLS

/* Requests in flight on one libsoup session of the I/O thread at most */
#define GH_RUNNER_LANE_SIZE 8

GhRunner    *_gh_runner_new                    (void);
void         _gh_runner_free                   (GhRunner            *self);
void         _gh_runner_configure              (GhRunner            *self,
                                                gboolean             loopback,
                                                guint                max_conns,
                                                guint                lane_size,
                                                GhHttpLogLevel       log_level);
GhLimiter   *_gh_runner_get_limiter            (GhRunner            *self);
SoupSession *_gh_runner_take_sync_session      (GhRunner            *self);
void         _gh_runner_return_sync_session    (GhRunner            *self,
                                                SoupSession         *session);
GhResponse  *_gh_runner_run_sync               (GhRunner            *self,
                                                GhCall              *call,
                                                GError             **error);
void         _gh_runner_run_async              (GhRunner            *self,
                                                GhCall              *call,
                                                gpointer             source_tag,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
guint        _gh_runner_get_n_waiting_outcomes (GhRunner            *self,
                                                GMainContext        *context);

G_END_DECLS
