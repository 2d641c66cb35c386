/* request4-suspend.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Tutorial task 4: the blocking loader again, line for line, but every
 * request suspends the calling coroutine instead of blocking its thread.
 * Still one request at a time; the window stays responsive, and cancelling
 * the coroutine stops the request in flight.
 */

#include "config.h"

#include "contrib-requests.h"

#include "aggregation.h"

/**
 * contrib_load_contributors_suspend:
 * @service: the GitHub service
 * @org: the organization
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine for the whole load.
 *
 * Returns: (transfer full): the final ranking
 */
ContribUpdate *
contrib_load_contributors_suspend (GhService   *service,
                                   const char  *org,
                                   GError     **error)
{
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) failures = contrib_failures_new ();
  GError *local_error = NULL;

  repos = gh_service_get_org_repos_suspend (service, org, &local_error);
  gh_log_repos (org, repos, local_error);
  if (repos == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  for (guint i = 0; i < gh_response_get_n_items (repos); i++)
    {
      const char *name = gh_repo_get_name (gh_response_get_repo (repos, i));
      g_autoptr(GhResponse) users = NULL;

      users = gh_service_get_repo_contributors_suspend (service, org, name, &local_error);
      gh_log_users (name, users, local_error);
      if (users == NULL)
        {
          if (!contrib_failures_take (failures, name, &local_error))
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          continue;
        }
      contrib_aggregator_add (aggregator, gh_response_get_items (users));
    }

  return contrib_update_new (contrib_aggregator_snapshot (aggregator), failures, TRUE);
}
