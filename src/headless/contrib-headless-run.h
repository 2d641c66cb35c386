/* contrib-headless-run.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>
#include <gh-fake-github.h>

#include "contrib-update.h"
#include "contrib-variant.h"

G_BEGIN_DECLS

/**
 * ContribRunStatus:
 * @CONTRIB_RUN_COMPLETED: the final ranking arrived (some repositories may
 *   have failed: see the update's failures)
 * @CONTRIB_RUN_CANCELED: the run cancelled the load, and it stopped
 * @CONTRIB_RUN_FAILED: the load failed as a whole
 */
typedef enum
{
  CONTRIB_RUN_COMPLETED,
  CONTRIB_RUN_CANCELED,
  CONTRIB_RUN_FAILED,
} ContribRunStatus;

/**
 * ContribRunResult:
 * @variant: the variant that ran
 * @status: how it ended
 * @elapsed_ms: from the start to the final result (or the error), as the
 *   app's status line counts it
 * @cancel_ms: when the run cancelled the load, or -1
 * @update: (nullable): the latest update: the final one when @status is
 *   COMPLETED; after a cancel, the partial ranking of PROGRESS or CHANNELS
 *   that the window would still show
 * @error: (nullable): the error, when @status is FAILED
 * @n_updates: how many updates arrived (intermediate ones included)
 * @n_requests: calls to the service (one call may fetch several pages)
 * @peak_in_flight: the most calls under way at once
 * @max_block_ms: the longest time the main loop could not run
 *   (ContribHeartbeat: wall clock)
 * @max_own_block_ms: the same less the time the main thread waited for a
 *   CPU, i.e. what this program did to the loop; -1 if unknown
 * @has_server_figures: whether the next two are known (embedded server)
 * @server_requests: HTTP requests the server received
 * @server_peak_in_flight: the most HTTP requests it had in flight at once
 * @requests: (nullable): every HTTP request of the load, %NULL when it made
 *   none because the rate limit was used up
 *
 * What one run of one variant did.
 */
typedef struct
{
  ContribVariant    variant;
  ContribRunStatus  status;
  gint64            elapsed_ms;
  gint64            cancel_ms;
  ContribUpdate    *update;
  GError           *error;
  guint             n_updates;
  guint             n_requests;
  guint             peak_in_flight;
  gint64            max_block_ms;
  gint64            max_own_block_ms;
  gboolean          has_server_figures;
  guint             server_requests;
  guint             server_peak_in_flight;
  GhRequestLog     *requests;
} ContribRunResult;

ContribRunResult *contrib_headless_run              (GhService          *service,
                                                     ContribVariant      variant,
                                                     const char         *org,
                                                     gint64              cancel_after_ms,
                                                     GhFakeServer       *server);
void              contrib_run_result_free           (ContribRunResult   *result);
const char       *contrib_run_status_to_string      (ContribRunStatus    status);
guint             contrib_run_result_get_n_rows     (ContribRunResult   *result);
gboolean          contrib_run_result_same_result    (ContribRunResult   *a,
                                                     ContribRunResult   *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContribRunResult, contrib_run_result_free)

G_END_DECLS
