/* request7-channels.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Tutorial task 7: one producer coroutine per repository sends its result
 * to a rendezvous channel, and this coroutine receives them, updating the
 * ranking after each, in the order the requests complete. Like PROGRESS it
 * keeps running totals, so an update costs one repository's users plus a
 * sort. The producers live in a coroutine scope: cancelling the load
 * cancels them and their requests.
 */

#include "config.h"

#include "contrib-requests.h"

#include "contrib-repo-load.h"

/* launch { val users = service.getRepoContributors (...); channel.send (users) } */
static gboolean
load_repo (CoroJob      *scope,
           GhService    *service,
           const char   *org,
           const char   *repo,
           CoroChannel  *channel,
           GError      **error)
{
  GError *local_error = NULL;
  GhResponse *users = gh_service_get_repo_contributors_suspend (service, org, repo, &local_error);
  ContribRepoResult *result;

  gh_log_users (repo, users, local_error);
  result = contrib_repo_result_new (repo, users, local_error, error);
  return result != NULL && coro_channel_send (channel, result, error);
}

CORO_DEFINE_LAUNCH (load_repo, (GhService *, service), (const char *, org), (const char *, repo),
                    (CoroChannel *, channel));

/**
 * contrib_load_contributors_channels:
 * @service: the GitHub service
 * @org: the organization
 * @update: receives each update, on the calling coroutine (it may suspend)
 * @user_data: data for @update
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine for the whole load. An organization
 * without repositories gets one, final, empty update.
 *
 * Returns: %TRUE once the last update was delivered
 */
gboolean
contrib_load_contributors_channels (GhService          *service,
                                    const char         *org,
                                    ContribUpdateFunc   update,
                                    gpointer            user_data,
                                    GError            **error)
{
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) failures = contrib_failures_new ();
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, contrib_repo_result_free);
  GError *local_error = NULL;
  CoroJob *scope = coro_scope_open ();
  guint n_repos = 0;

  repos = gh_service_get_org_repos_suspend (service, org, &local_error);
  gh_log_repos (org, repos, local_error);
  if (repos != NULL)
    n_repos = gh_response_get_n_items (repos);

  for (guint i = 0; i < n_repos; i++)
    coro_job_unref (load_repo_launch (scope, service, org,
                                      gh_repo_get_name (gh_response_get_repo (repos, i)), channel));

  for (guint i = 0; i < n_repos && local_error == NULL; i++)
    {
      gpointer result;

      if (coro_channel_receive (channel, &result, &local_error))
        {
          contrib_repo_result_apply (result, aggregator, failures);
          contrib_repo_result_free (result);
          contrib_update_send (update, user_data, aggregator, failures, i == n_repos - 1);
        }
    }

  if (repos != NULL && n_repos == 0)
    contrib_update_send (update, user_data, aggregator, failures, TRUE);
  return coro_scope_close (scope, local_error, error);
}
