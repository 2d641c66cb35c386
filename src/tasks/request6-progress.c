/* request6-progress.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Tutorial task 6: sequential, like SUSPEND, but the ranking is handed to
 * @update after every repository, and only the last update says it is
 * complete. The running totals live in an aggregator, so each update costs
 * that repository's users plus a sort, not a re-aggregation of everything.
 */

#include "config.h"

#include "contrib-requests.h"

#include "aggregation.h"
#include "contrib-repo-load.h"

/**
 * contrib_load_contributors_progress:
 * @service: the GitHub service
 * @org: the organization
 * @update: receives each update, on the calling coroutine (it may suspend,
 *   e.g. to hop to the Main dispatcher)
 * @user_data: data for @update
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine for the whole load. An organization
 * without repositories gets one, final, empty update.
 *
 * Returns: %TRUE once the last update was delivered
 */
gboolean
contrib_load_contributors_progress (GhService          *service,
                                    const char         *org,
                                    ContribUpdateFunc   update,
                                    gpointer            user_data,
                                    GError            **error)
{
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) failures = contrib_failures_new ();
  g_autoptr(GhResponse) repos = NULL;
  GError *local_error = NULL;
  guint n_repos;

  repos = gh_service_get_org_repos_suspend (service, org, &local_error);
  if (!gh_log_repos_propagate (org, repos, &local_error, error))
    return FALSE;

  n_repos = gh_response_get_n_items (repos);
  if (n_repos == 0)
    contrib_update_send (update, user_data, aggregator, failures, TRUE);

  for (guint i = 0; i < n_repos; i++)
    {
      const char *name = gh_repo_get_name (gh_response_get_repo (repos, i));
      g_autoptr(GhResponse) users = NULL;

      users = gh_service_get_repo_contributors_suspend (service, org, name, &local_error);
      gh_log_users (name, users, local_error);
      if (!contrib_repo_users_add (aggregator, failures, name, users, &local_error, error))
        return FALSE;

      contrib_update_send (update, user_data, aggregator, failures, i == n_repos - 1);
    }

  return TRUE;
}
