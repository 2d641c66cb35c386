/* request5-not-cancellable.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Tutorial task 5's counter-example: the per-repository coroutines are
 * started in the global scope, so they are children of nobody. Cancelling
 * the load stops this function, but not them: each still logs "starting
 * loading for <repo>", waits 3000 ms and sends its request. Keep it that
 * way; it is what the variant teaches.
 */

#include "config.h"

#include "contrib-requests.h"

#include "contrib-repo-load.h"

#define NOT_CANCELLABLE_DELAY_MS 3000

/**
 * contrib_load_contributors_not_cancellable:
 * @service: the GitHub service
 * @org: the organization
 * @dispatcher: where the global coroutines run, and the final ranking is
 *   made: Default in the app (as in the tutorial), the test dispatcher in
 *   tests
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine until every repository loaded.
 *
 * Returns: (transfer full): the final ranking
 */
ContribUpdate *
contrib_load_contributors_not_cancellable (GhService       *service,
                                           const char      *org,
                                           CoroDispatcher  *dispatcher,
                                           GError         **error)
{
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(GPtrArray) deferreds = g_ptr_array_new_with_free_func ((GDestroyNotify) coro_job_unref);
  GError *local_error = NULL;

  g_return_val_if_fail (GH_IS_SERVICE (service), NULL);
  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (dispatcher != NULL, NULL);

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
      ContribRepoLoad *load = contrib_repo_load_new (service, org, name);

      load->delay_ms = NOT_CANCELLABLE_DELAY_MS;
      g_ptr_array_add (deferreds,
                       coro_async_full (CORO_GLOBAL_SCOPE, &(CoroContext) { .dispatcher = dispatcher },
                                        contrib_repo_load_run, load,
                                        contrib_repo_load_free, contrib_repo_result_free));
    }

  return contrib_repo_loads_await (deferreds, dispatcher, error);
}
