/* contrib-repo-load.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "contrib-repo-load.h"

/**
 * contrib_repo_load_new:
 * @service: the GitHub service
 * @org: the organization, passed as the owner as in the tutorial
 * @repo: the repository
 *
 * Returns: (transfer full): data for contrib_repo_load_run()
 */
ContribRepoLoad *
contrib_repo_load_new (GhService  *service,
                       const char *org,
                       const char *repo)
{
  ContribRepoLoad *load = g_new0 (ContribRepoLoad, 1);

  load->service = g_object_ref (service);
  load->org = g_strdup (org);
  load->repo = g_strdup (repo);
  return load;
}

void
contrib_repo_load_free (gpointer data)
{
  ContribRepoLoad *load = data;

  g_object_unref (load->service);
  g_free (load->org);
  g_free (load->repo);
  g_free (load);
}

void
contrib_repo_result_free (gpointer data)
{
  ContribRepoResult *result = data;

  g_free (result->repo);
  g_clear_pointer (&result->users, gh_response_unref);
  g_clear_error (&result->error);
  g_free (result);
}

/**
 * contrib_repo_load_run:
 * @scope: the coroutine's job
 * @data: a #ContribRepoLoad
 * @error: return location for a cancellation
 *
 * A coroutine body: loads one repository's contributors.
 *
 * Returns: (transfer full): a #ContribRepoResult, with users or an error
 */
gpointer
contrib_repo_load_run (CoroJob  *scope,
                       gpointer  data,
                       GError  **error)
{
  ContribRepoLoad *load = data;
  ContribRepoResult *result;
  GError *local_error = NULL;

  if (load->delay_ms > 0)
    {
      gh_log_info ("starting loading for %s", load->repo);
      if (!coro_delay (load->delay_ms, error))
        return NULL;
    }

  result = g_new0 (ContribRepoResult, 1);
  result->repo = g_strdup (load->repo);
  result->users = gh_service_get_repo_contributors_suspend (load->service, load->org, load->repo,
                                                            &local_error);
  gh_log_users (load->repo, result->users, local_error);

  if (result->users == NULL && coro_error_is_cancelled (local_error))
    {
      g_propagate_error (error, local_error);
      contrib_repo_result_free (result);
      return NULL;
    }

  result->error = local_error;
  return result;
}

/**
 * contrib_repo_result_apply:
 * @result: one repository's outcome
 * @aggregator: where its users go
 * @failures: (element-type ContribFailure): where its failure goes
 *
 * Adds the outcome to the running ranking or to the failures.
 */
void
contrib_repo_result_apply (ContribRepoResult *result,
                           ContribAggregator *aggregator,
                           GPtrArray         *failures)
{
  if (result->users != NULL)
    {
      contrib_aggregator_add (aggregator, gh_response_get_items (result->users));
    }
  else
    {
      GError *error = g_error_copy (result->error);

      contrib_failures_take (failures, result->repo, &error);
      g_clear_error (&error);
    }
}

/**
 * contrib_repo_loads_await:
 * @deferreds: (element-type CoroDeferred): one contrib_repo_load_run() per
 *   repository, in the repository list's order
 * @error: return location for a #GError
 *
 * Suspends until all repositories are in (failing fast on a
 * cancellation), then ranks them.
 *
 * Returns: (transfer full) (nullable): the final ranking
 */
ContribUpdate *
contrib_repo_loads_await (GPtrArray  *deferreds,
                          GError    **error)
{
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) failures = contrib_failures_new ();
  g_autoptr(GPtrArray) results = NULL;

  results = coro_await_all ((CoroDeferred **) deferreds->pdata, deferreds->len, error);
  if (results == NULL)
    return NULL;

  for (guint i = 0; i < results->len; i++)
    contrib_repo_result_apply (g_ptr_array_index (results, i), aggregator, failures);

  return contrib_update_new (contrib_aggregator_snapshot (aggregator), failures, TRUE);
}
