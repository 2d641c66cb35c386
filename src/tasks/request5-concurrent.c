/* request5-concurrent.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Tutorial task 5: one async per repository inside a coroutine scope, then
 * await them all. The requests overlap, so the load takes as long as the
 * slowest repository rather than the sum. The children inherit the
 * caller's dispatcher (nothing is hard-coded here), which is what lets the
 * tests run this loader under virtual time; so does the final ranking's,
 * which the caller names. Cancelling the caller cancels the scope, every
 * child and every request in flight.
 */

#include "config.h"

#include "contrib-requests.h"

#include "contrib-repo-load.h"

typedef struct
{
  GhService      *service;
  const char     *org;
  CoroDispatcher *dispatcher;
} Concurrent;

static gpointer
load_all (CoroJob  *scope,
          gpointer  data,
          GError  **error)
{
  Concurrent *concurrent = data;
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(GPtrArray) deferreds = g_ptr_array_new_with_free_func ((GDestroyNotify) coro_job_unref);
  GError *local_error = NULL;

  repos = gh_service_get_org_repos_suspend (concurrent->service, concurrent->org, &local_error);
  gh_log_repos (concurrent->org, repos, local_error);
  if (repos == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  for (guint i = 0; i < gh_response_get_n_items (repos); i++)
    {
      const char *name = gh_repo_get_name (gh_response_get_repo (repos, i));

      g_ptr_array_add (deferreds,
                       coro_async (scope, contrib_repo_load_run,
                                   contrib_repo_load_new (concurrent->service, concurrent->org, name),
                                   contrib_repo_load_free, contrib_repo_result_free));
    }

  return contrib_repo_loads_await (deferreds, concurrent->dispatcher, error);
}

/**
 * contrib_load_contributors_concurrent:
 * @service: the GitHub service
 * @org: the organization
 * @dispatcher: where the final ranking is made: Default in the app, the
 *   test dispatcher in tests
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine while all repositories load concurrently
 * on its dispatcher.
 *
 * Returns: (transfer full): the final ranking
 */
ContribUpdate *
contrib_load_contributors_concurrent (GhService       *service,
                                      const char      *org,
                                      CoroDispatcher  *dispatcher,
                                      GError         **error)
{
  Concurrent concurrent = { service, org, dispatcher };

  g_return_val_if_fail (GH_IS_SERVICE (service), NULL);
  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (dispatcher != NULL, NULL);

  return coro_scope (load_all, &concurrent, error);
}
