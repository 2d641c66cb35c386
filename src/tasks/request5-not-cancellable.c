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

/* GlobalScope.async { log; delay (3000); service.getRepoContributors (...) }:
 * it may outlive the load, so it owns its arguments. */
static ContribRepoResult *
load_repo (CoroJob     *scope,
           GhService   *service,
           char        *org,
           char        *repo,
           GError     **error)
{
  g_autofree char *shown = gh_text_sanitize (repo, GH_TEXT_MAX_NAME_CHARS, NULL);
  GError *local_error = NULL;
  GhResponse *users;

  gh_log_info ("starting loading for %s", shown);
  if (!coro_delay (NOT_CANCELLABLE_DELAY_MS, error))
    return NULL;

  users = gh_service_get_repo_contributors_suspend (service, org, repo, &local_error);
  gh_log_users (repo, users, local_error);
  return contrib_repo_result_new (repo, users, local_error, error);
}

CORO_DEFINE_ASYNC (load_repo, ContribRepoResult *, contrib_repo_result_free,
                   (GhService *, service, g_object_unref), (char *, org, g_free),
                   (char *, repo, g_free));

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
  g_autoptr(GPtrArray) deferreds = coro_deferred_array_new ();
  GError *local_error = NULL;

  repos = gh_service_get_org_repos_suspend (service, org, &local_error);
  if (!gh_log_repos_propagate (org, repos, &local_error, error))
    return NULL;

  for (guint i = 0; i < gh_response_get_n_items (repos); i++)
    g_ptr_array_add (deferreds,
                     load_repo_async_full (CORO_GLOBAL_SCOPE, &(CoroContext) { .dispatcher = dispatcher },
                                           g_object_ref (service), g_strdup (org),
                                           g_strdup (gh_repo_get_name (gh_response_get_repo (repos, i)))));

  return contrib_repo_loads_await (deferreds, dispatcher, error);
}
