/* request1-blocking.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Tutorial task 1: blocking requests, one after another, on the calling
 * thread. In the app that thread is the user interface's, so the window
 * freezes until the load is over: that is the lesson of this variant. For
 * the same reason it cannot be cancelled from the window (the thread that
 * would notice the click is the one that is blocked); the cancellable is
 * for BACKGROUND, which runs this loader on a thread of its own.
 */

#include "config.h"

#include "contrib-requests.h"

#include "aggregation.h"
#include "contrib-repo-load.h"

/**
 * contrib_load_contributors_blocking:
 * @service: the GitHub service
 * @org: the organization
 * @cancellable: (nullable): stops the load between or during requests
 * @error: return location for a #GError
 *
 * Blocks the calling thread for the whole load.
 *
 * Returns: (transfer full): the final ranking
 */
ContribUpdate *
contrib_load_contributors_blocking (GhService     *service,
                                    const char    *org,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) failures = contrib_failures_new ();
  g_autoptr(GhResponse) repos = NULL;
  GError *local_error = NULL;

  repos = gh_service_get_org_repos_sync (service, org, cancellable, &local_error);
  if (!gh_log_repos_propagate (org, repos, &local_error, error))
    return NULL;

  for (guint i = 0; i < gh_response_get_n_items (repos); i++)
    {
      const char *name = gh_repo_get_name (gh_response_get_repo (repos, i));
      g_autoptr(GhResponse) users = NULL;

      users = gh_service_get_repo_contributors_sync (service, org, name, cancellable, &local_error);
      gh_log_users (name, users, local_error);
      if (!contrib_repo_users_add (aggregator, failures, name, users, &local_error, error))
        return NULL;
    }

  return contrib_update_new (contrib_aggregator_snapshot (aggregator), failures, TRUE);
}
