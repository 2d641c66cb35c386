/* request2-background.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Tutorial task 2: the blocking loader moves to a thread of its own, so the
 * window stays responsive; the requests still go one after another. The
 * result comes back to the caller's main context (the tutorial's
 * invokeLater). Unlike the original, a cancel is honoured and an error is
 * reported instead of leaving the window "in progress" forever.
 */

#include "config.h"

#include "contrib-requests.h"

#include "contrib-repo-load.h"

/* Owns its arguments: the thread may outlive the caller's. */
CORO_DEFINE_THREAD (contrib_load_contributors_blocking, ContribUpdate *, contrib_update_unref,
                    (GhService *, service, g_object_unref), (char *, org, g_free));

/**
 * contrib_load_contributors_background:
 * @service: the GitHub service
 * @org: the organization
 * @cancellable: (nullable): cancels the load
 * @update: receives the result, or the error, on the caller's thread-default
 *   main context
 * @user_data: data for @update
 * @user_data_destroy: (nullable): frees @user_data after @update, on the
 *   caller's thread
 *
 * Runs contrib_load_contributors_blocking() on a new thread.
 */
void
contrib_load_contributors_background (GhService         *service,
                                      const char        *org,
                                      GCancellable      *cancellable,
                                      ContribUpdateFunc  update,
                                      gpointer           user_data,
                                      GDestroyNotify     user_data_destroy)
{
  contrib_load_contributors_blocking_in_thread (g_object_ref (service), g_strdup (org), cancellable,
                                                contrib_update_target_ready,
                                                contrib_update_target_new (update, user_data,
                                                                           user_data_destroy));
}
