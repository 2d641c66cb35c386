/* request4-suspend.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Tutorial task 4: the blocking loader again, line for line, but every
 * request suspends the calling coroutine instead of blocking its thread.
 * Still one request at a time; the window stays responsive, and cancelling
 * the coroutine stops the request in flight. Each repository's users go
 * into the running totals as they come, which costs little; the final
 * ranking, which costs as much as there are users, is made on the
 * dispatcher the caller names for it.
 */

#include "config.h"

#include "contrib-requests.h"

#include "aggregation.h"
#include "contrib-repo-load.h"

/**
 * contrib_load_contributors_suspend:
 * @service: the GitHub service
 * @org: the organization
 * @dispatcher: where the final ranking is made: Default in the app, the
 *   test dispatcher in tests
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine for the whole load.
 *
 * Returns: (transfer full): the final ranking
 */
ContribUpdate *
contrib_load_contributors_suspend (GhService       *service,
                                   const char      *org,
                                   CoroDispatcher  *dispatcher,
                                   GError         **error)
{
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) failures = contrib_failures_new ();
  g_autoptr(GhResponse) repos = NULL;
  GError *local_error = NULL;

  repos = gh_service_get_org_repos_suspend (service, org, &local_error);
  if (!gh_log_repos_propagate (org, repos, &local_error, error))
    return NULL;

  for (guint i = 0; i < gh_response_get_n_items (repos); i++)
    {
      const char *name = gh_repo_get_name (gh_response_get_repo (repos, i));
      g_autoptr(GhResponse) users = NULL;

      users = gh_service_get_repo_contributors_suspend (service, org, name, &local_error);
      gh_log_users (name, users, local_error);
      if (!contrib_repo_users_add (aggregator, failures, name, users, &local_error, error))
        return NULL;
    }

  return contrib_rank_on (dispatcher, &aggregator, failures, error);
}
