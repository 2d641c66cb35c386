/* contrib-repo-load.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "contrib-repo-load.h"

/**
 * contrib_repo_result_free:
 * @data: (nullable): a #ContribRepoResult
 *
 * Frees a result, as a #GDestroyNotify. %NULL (the result of a
 * cancellation) is ignored.
 */
void
contrib_repo_result_free (gpointer data)
{
  ContribRepoResult *result = data;

  if (result == NULL)
    return;

  g_free (result->repo);
  g_clear_pointer (&result->users, gh_response_unref);
  g_clear_error (&result->error);
  g_free (result);
}

/**
 * contrib_repo_result_new:
 * @repo: the repository
 * @users: (transfer full) (nullable): its contributors, or %NULL
 * @failure: (transfer full) (nullable): why there are none
 * @error: return location for a cancellation
 *
 * One repository's outcome, what the tutorial's bodyList() makes of a
 * response: a failure is carried in the result rather than failing the
 * coroutine (which would cancel its siblings), so that the other
 * repositories still load; only a cancellation fails it.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error
 *   set for a cancellation
 */
ContribRepoResult *
contrib_repo_result_new (const char  *repo,
                         GhResponse  *users,
                         GError      *failure,
                         GError     **error)
{
  ContribRepoResult *result;

  if (users == NULL && coro_error_is_cancelled (failure))
    {
      g_propagate_error (error, failure);
      return NULL;
    }

  result = g_new0 (ContribRepoResult, 1);
  result->repo = g_strdup (repo);
  result->users = users;
  result->error = failure;
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
 * contrib_repo_results_rank:
 * @results: (nullable) (element-type ContribRepoResult): the repositories'
 *   outcomes, in order; a %NULL one (a cancellation's) adds nothing
 * @aggregator: the running totals, which the results go into
 * @failures: (element-type ContribFailure): the load's failures, which
 *   the results' failures go into
 *
 * The final ranking, the tutorial's allUsers.aggregate (). The loads that
 * gather their repositories' results before ranking them (CONCURRENT,
 * NOT_CANCELLABLE, CALLBACKS) give them here; SUSPEND, whose totals are
 * made as it goes, gives none.
 *
 * Returns: (transfer full): the final update
 */
ContribUpdate *
contrib_repo_results_rank (GPtrArray         *results,
                           ContribAggregator *aggregator,
                           GPtrArray         *failures)
{
  g_return_val_if_fail (aggregator != NULL, NULL);
  g_return_val_if_fail (failures != NULL, NULL);

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      if (g_ptr_array_index (results, i) != NULL)
        contrib_repo_result_apply (g_ptr_array_index (results, i), aggregator, failures);
    }
  return contrib_update_new (contrib_aggregator_snapshot (aggregator), failures, TRUE);
}

/**
 * contrib_repo_users_add:
 * @aggregator: the running totals
 * @failures: (element-type ContribFailure): the load's failures
 * @repo: the repository
 * @users: (nullable): its contributors, or %NULL
 * @failure: (inout) (nullable): why there are none, when @users is %NULL;
 *   always taken
 * @error: return location for a #GError
 *
 * What the sequential variants do with one repository's response: its
 * users go to the running totals, its failure to @failures, but a
 * cancellation stops the load, as the exception would in the tutorial.
 *
 * Returns: %FALSE for a cancellation, moved from @failure to @error
 */
gboolean
contrib_repo_users_add (ContribAggregator  *aggregator,
                        GPtrArray          *failures,
                        const char         *repo,
                        GhResponse         *users,
                        GError            **failure,
                        GError            **error)
{
  g_return_val_if_fail (failure != NULL && (users == NULL) == (*failure != NULL), FALSE);

  if (users != NULL)
    {
      contrib_aggregator_add (aggregator, gh_response_get_items (users));
      return TRUE;
    }

  if (contrib_failures_take (failures, repo, failure))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (failure));
  return FALSE;
}

/**
 * contrib_update_send:
 * @update: where the update goes
 * @user_data: data for @update
 * @aggregator: the running totals
 * @failures: (element-type ContribFailure): the failures so far
 * @final: whether this is the load's last update
 *
 * The tutorial's updateResults (allUsers, completed), for the variants
 * that send one update per repository.
 */
void
contrib_update_send (ContribUpdateFunc  update,
                     gpointer           user_data,
                     ContribAggregator *aggregator,
                     GPtrArray         *failures,
                     gboolean           final)
{
  g_autoptr(ContribUpdate) partial = NULL;

  partial = contrib_update_new (contrib_aggregator_snapshot (aggregator), failures, final);
  update (partial, NULL, user_data);
}

/* The final ranking and what the load gathered for it. */
typedef struct
{
  ContribAggregator *aggregator;   /* freed by rank() */
  GPtrArray         *results;      /* (nullable) ContribRepoResult, borrowed from the deferreds */
  GPtrArray         *deferreds;    /* (nullable) emptied by rank() */
  GPtrArray         *failures;
} Ranking;

/* A with_context() block. Ranking a large organization means tens of
 * thousands of users to sum, sort and copy, and as many to free; here
 * that happens on the dispatcher given for it, not on the caller's, which
 * is Main in the app and must keep running its loop. */
static gpointer
rank (CoroJob  *scope,
      gpointer  data,
      GError  **error)
{
  Ranking *ranking = data;
  ContribUpdate *update;

  /* Should the caller be cancelled meanwhile, with_context() drops it. */
  coro_job_set_result_destroy (scope, (GDestroyNotify) contrib_update_unref);

  update = contrib_repo_results_rank (ranking->results, ranking->aggregator, ranking->failures);

  /* The deferreds' results (every repository's users) and the running
   * totals are done with: free them here rather than on the caller's. */
  g_clear_pointer (&ranking->aggregator, contrib_aggregator_free);
  if (ranking->results != NULL)
    g_ptr_array_set_size (ranking->results, 0);
  if (ranking->deferreds != NULL)
    g_ptr_array_set_size (ranking->deferreds, 0);

  return update;
}

static ContribUpdate *
rank_on (CoroDispatcher  *dispatcher,
         Ranking         *ranking,
         GError         **error)
{
  ContribUpdate *update = coro_with_context (dispatcher, rank, ranking, error);

  /* Left over only if rank() never ran: cancelled before it started. */
  g_clear_pointer (&ranking->aggregator, contrib_aggregator_free);
  return update;
}

/**
 * contrib_rank_on:
 * @dispatcher: where to rank: Default in the app, the test dispatcher in
 *   tests
 * @aggregator: (inout) (transfer full): the load's running totals; taken,
 *   and freed on @dispatcher
 * @failures: (element-type ContribFailure): the repositories that failed
 * @error: return location for a cancellation
 *
 * Suspends the calling coroutine while @dispatcher makes the final
 * ranking: the tutorial's aggregate(), in withContext(Dispatchers.Default).
 *
 * Returns: (transfer full) (nullable): the final ranking
 */
ContribUpdate *
contrib_rank_on (CoroDispatcher     *dispatcher,
                 ContribAggregator **aggregator,
                 GPtrArray          *failures,
                 GError            **error)
{
  Ranking ranking = { 0 };

  g_return_val_if_fail (dispatcher != NULL, NULL);
  g_return_val_if_fail (aggregator != NULL && *aggregator != NULL, NULL);
  g_return_val_if_fail (failures != NULL, NULL);

  ranking.aggregator = g_steal_pointer (aggregator);
  ranking.failures = failures;
  return rank_on (dispatcher, &ranking, error);
}

/**
 * contrib_repo_loads_await:
 * @deferreds: (element-type CoroDeferred): one contrib_repo_load_run() per
 *   repository, in the repository list's order; emptied once ranked
 * @dispatcher: where to rank them, as contrib_rank_on()
 * @error: return location for a #GError
 *
 * Suspends until all repositories are in (failing fast on a
 * cancellation), then ranks them on @dispatcher: the tutorial's
 * awaitAll().flatten().aggregate().
 *
 * Returns: (transfer full) (nullable): the final ranking
 */
ContribUpdate *
contrib_repo_loads_await (GPtrArray       *deferreds,
                          CoroDispatcher  *dispatcher,
                          GError         **error)
{
  g_autoptr(GPtrArray) failures = contrib_failures_new ();
  g_autoptr(GPtrArray) results = NULL;
  Ranking ranking = { 0 };

  g_return_val_if_fail (deferreds != NULL, NULL);
  g_return_val_if_fail (dispatcher != NULL, NULL);

  results = coro_await_all ((CoroDeferred **) deferreds->pdata, deferreds->len, error);
  if (results == NULL)
    return NULL;

  ranking.aggregator = contrib_aggregator_new ();
  ranking.results = results;
  ranking.deferreds = deferreds;
  ranking.failures = failures;
  return rank_on (dispatcher, &ranking, error);
}

struct _ContribUpdateTarget
{
  ContribUpdateFunc update;
  gpointer          user_data;
  GDestroyNotify    user_data_destroy;
};

/**
 * contrib_update_target_new:
 * @update: the function
 * @user_data: data for @update
 * @user_data_destroy: (nullable): frees @user_data once @update was called
 *
 * Returns: (transfer full): @update and its data, for
 *   contrib_update_target_deliver() or contrib_update_target_ready()
 */
ContribUpdateTarget *
contrib_update_target_new (ContribUpdateFunc update,
                           gpointer          user_data,
                           GDestroyNotify    user_data_destroy)
{
  ContribUpdateTarget *target;

  g_return_val_if_fail (update != NULL, NULL);

  target = g_new0 (ContribUpdateTarget, 1);
  target->update = update;
  target->user_data = user_data;
  target->user_data_destroy = user_data_destroy;
  return target;
}

/**
 * contrib_update_target_deliver:
 * @target: (transfer full): the target
 * @update: (nullable): the final update
 * @error: (nullable): or the error
 *
 * Hands @update or @error to the target's function, then frees its data
 * and @target, all on the calling thread.
 */
void
contrib_update_target_deliver (ContribUpdateTarget *target,
                               ContribUpdate       *update,
                               const GError        *error)
{
  g_return_if_fail (target != NULL);
  g_return_if_fail ((update != NULL) != (error != NULL));

  target->update (update, error, target->user_data);
  if (target->user_data_destroy != NULL)
    target->user_data_destroy (target->user_data);
  g_free (target);
}

/**
 * contrib_update_target_ready:
 * @source: (nullable): unused
 * @result: the result of coro_run_in_thread() for a function that returns
 *   a #ContribUpdate
 * @target: (transfer full): a #ContribUpdateTarget
 *
 * A #GAsyncReadyCallback for coro_run_in_thread() (or a function
 * CORO_DEFINE_THREAD() defined) that delivers the update or the error to
 * @target with contrib_update_target_deliver().
 */
void
contrib_update_target_ready (GObject      *source,
                             GAsyncResult *result,
                             gpointer      target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContribUpdate) update = coro_run_in_thread_finish (result, &error);

  contrib_update_target_deliver (target, update, error);
}
