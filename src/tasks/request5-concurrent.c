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

/* async { service.getRepoContributors (org, repo).also { logUsers }.bodyList () } */
static ContribRepoResult *
load_repo (CoroJob     *scope,
           GhService   *service,
           const char  *org,
           const char  *repo,
           GError     **error)
{
  GError *local_error = NULL;
  GhResponse *users = gh_service_get_repo_contributors_suspend (service, org, repo, &local_error);

  gh_log_users (repo, users, local_error);
  return contrib_repo_result_new (repo, users, local_error, error);
}

CORO_DEFINE_ASYNC (load_repo, ContribRepoResult *, contrib_repo_result_free,
                   (GhService *, service), (const char *, org), (const char *, repo));

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
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(GPtrArray) deferreds = coro_deferred_array_new ();
  g_autoptr(ContribUpdate) update = NULL;
  GError *local_error = NULL;
  CoroJob *scope;

  scope = coro_scope_open ();
  repos = gh_service_get_org_repos_suspend (service, org, &local_error);
  gh_log_repos (org, repos, local_error);

  for (guint i = 0; repos != NULL && i < gh_response_get_n_items (repos); i++)
    g_ptr_array_add (deferreds, load_repo_async (scope, service, org,
                                                 gh_repo_get_name (gh_response_get_repo (repos, i))));

  if (repos != NULL)
    update = contrib_repo_loads_await (deferreds, dispatcher, &local_error);
  if (!coro_scope_close (scope, local_error, error))
    return NULL;
  return g_steal_pointer (&update);
}
