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

typedef struct
{
  GhService         *service;
  const char        *org;
  ContribUpdateFunc  update;
  gpointer           user_data;
} Channels;

typedef struct
{
  ContribRepoLoad *load;
  CoroChannel     *channel;
} Producer;

static void
producer_free (gpointer data)
{
  Producer *producer = data;

  contrib_repo_load_free (producer->load);
  coro_channel_unref (producer->channel);
  g_free (producer);
}

static gpointer
produce (CoroJob  *scope,
         gpointer  data,
         GError  **error)
{
  Producer *producer = data;
  gpointer result = contrib_repo_load_run (scope, producer->load, error);

  if (result != NULL)
    coro_channel_send (producer->channel, result, error);
  return NULL;
}

static gpointer
load_all (CoroJob  *scope,
          gpointer  data,
          GError  **error)
{
  Channels *channels = data;
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) failures = contrib_failures_new ();
  g_autoptr(CoroChannel) channel = NULL;
  GError *local_error = NULL;
  guint n_repos;

  repos = gh_service_get_org_repos_suspend (channels->service, channels->org, &local_error);
  gh_log_repos (channels->org, repos, local_error);
  if (repos == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  n_repos = gh_response_get_n_items (repos);
  if (n_repos == 0)
    {
      g_autoptr(ContribUpdate) empty = contrib_update_new (contrib_aggregator_snapshot (aggregator),
                                                           failures, TRUE);

      channels->update (empty, NULL, channels->user_data);
      return GINT_TO_POINTER (TRUE);
    }

  channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, contrib_repo_result_free);
  for (guint i = 0; i < n_repos; i++)
    {
      Producer *producer = g_new0 (Producer, 1);

      producer->load = contrib_repo_load_new (channels->service, channels->org,
                                              gh_repo_get_name (gh_response_get_repo (repos, i)));
      producer->channel = coro_channel_ref (channel);
      coro_job_unref (coro_launch (scope, produce, producer, producer_free));
    }

  for (guint i = 0; i < n_repos; i++)
    {
      ContribRepoResult *result = NULL;
      g_autoptr(ContribUpdate) partial = NULL;

      if (!coro_channel_receive (channel, (gpointer *) &result, error))
        return NULL;

      contrib_repo_result_apply (result, aggregator, failures);
      contrib_repo_result_free (result);

      partial = contrib_update_new (contrib_aggregator_snapshot (aggregator), failures, i == n_repos - 1);
      channels->update (partial, NULL, channels->user_data);
    }

  return GINT_TO_POINTER (TRUE);
}

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
  Channels channels = { service, org, update, user_data };

  return coro_scope (load_all, &channels, error) != NULL;
}
