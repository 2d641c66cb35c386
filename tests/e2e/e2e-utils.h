/* e2e-utils.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <coro.h>
#include <gh.h>
#include <gh-fake-github.h>

#include "contrib-loader.h"

G_BEGIN_DECLS

/* The fake GitHub on its own thread, with the bounds of its clock: its log
 * times are µs since a start that lies between start_before_us and
 * start_after_us on our monotonic clock. */
typedef struct
{
  GhFakeServer *server;
  gint64        start_before_us;
  gint64        start_after_us;
} E2eServer;

E2eServer *e2e_server_new              (GhDataset  *dataset,
                                        double      latency_scale);
void       e2e_server_free             (E2eServer  *self);
GhService *e2e_server_new_client       (E2eServer  *self,
                                        guint       max_requests);
gint64     e2e_server_earliest_arrival (E2eServer  *self,
                                        const GhFakeRequest *request);
gint64     e2e_server_latest_arrival   (E2eServer  *self,
                                        const GhFakeRequest *request);
guint      e2e_server_count_contributors (E2eServer *self);
gboolean   e2e_is_contributors_request (const GhFakeRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (E2eServer, e2e_server_free)

/* Decides, polled on the main loop every millisecond, when to cancel */
typedef gboolean (*E2eCancelWhen) (gpointer user_data);

typedef struct
{
  ContribUpdate *update;       /* the last update */
  GError        *error;        /* the final error, if any */
  guint          n_updates;    /* rankings; progress-only ones left out */
  gint64         cancel_us;    /* our clock, or -1 */
  gint64         end_us;       /* when the final result arrived */
} E2eOutcome;

E2eOutcome *e2e_run_loader        (GhService      *service,
                                   ContribVariant  variant,
                                   const char     *org,
                                   E2eCancelWhen   cancel_when,
                                   gpointer        user_data);
void        e2e_outcome_free      (E2eOutcome     *outcome);
void        e2e_wait_until        (gboolean      (*condition) (gpointer user_data),
                                   gpointer        user_data,
                                   guint           timeout_ms);
void        e2e_wait_no_coroutines (guint          timeout_ms);
guint       e2e_timeout_factor    (void);
void        e2e_log_writer        (const char     *line,
                                   gpointer        user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (E2eOutcome, e2e_outcome_free)

G_END_DECLS
