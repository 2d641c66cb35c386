/* request3-callbacks.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Tutorial task 3: every request is sent at once and reports back through a
 * callback. GIO delivers all of them on the caller's thread-default main
 * context, one at a time, so a plain counter of outstanding requests is
 * enough to know when the last one is in: no "last index" check (the
 * tutorial's first, wrong attempt) and no latch blocking a thread (its
 * solution). A failed request counts too, so the load always ends, and an
 * organization without repositories ends at once.
 *
 * The callbacks only collect each repository's result, which costs little
 * each time. Ranking them all costs as much as there are users, so it is
 * done on a worker thread, as in the tutorial (whose last callback
 * aggregates on one of OkHttp's threads), which frees them too; the
 * result comes back to the caller's main context.
 */

#include "config.h"

#include "contrib-requests.h"

#include "aggregation.h"
#include "contrib-repo-load.h"

/* What the callbacks share, as the tutorial's lambdas share the variables
 * they capture. */
typedef struct
{
  GCancellable        *cancellable;
  ContribUpdateTarget *update_results;
  GPtrArray           *all_users;   /* ContribRepoResult or NULL; the ranking thread's once there */
  guint                pending;     /* the tutorial's numberOfProcessed, counting down */
} Callbacks;

static void
callbacks_free (Callbacks *self)
{
  g_object_unref (self->cancellable);
  g_clear_pointer (&self->all_users, g_ptr_array_unref);
  g_free (self);
}

/* allUsers.aggregate (), on a worker thread, which frees every user too */
static ContribUpdate *
rank (GPtrArray     *all_users,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GPtrArray) results = all_users;
  g_autoptr(ContribAggregator) totals = contrib_aggregator_new ();
  g_autoptr(GPtrArray) failures = contrib_failures_new ();

  return contrib_repo_results_rank (results, totals, failures);
}

CORO_DEFINE_THREAD (rank, ContribUpdate *, contrib_update_unref, (GPtrArray *, all_users));

/* updateResults (allUsers.aggregate ()), once every callback is in. A
 * cancel turns every outstanding callback into a CANCELLED failure; then
 * the ranking's cancellable reports the cancel, not a ranking made of
 * whatever came in first, as it does for a cancel while ranking. */
static void
all_done (Callbacks *self)
{
  rank_in_thread (g_steal_pointer (&self->all_users), self->cancellable,
                  contrib_update_target_ready, self->update_results);
  callbacks_free (self);
}

static void
on_contributors (GObject      *source,
                 GAsyncResult *res,
                 Callbacks    *self,
                 char         *repo)
{
  GError *error = NULL;
  GhResponse *users = gh_service_get_repo_contributors_finish (GH_SERVICE (source), res, &error);

  gh_log_users (repo, users, error);
  /* allUsers += users, or the failure; a cancel (NULL) is reported once, by all_done() */
  g_ptr_array_add (self->all_users, contrib_repo_result_new (repo, users, error, NULL));
  if (--self->pending == 0)
    all_done (self);
}

CORO_DEFINE_ASYNC_READY (on_contributors, (Callbacks *, self), (char *, repo, g_free));

static void
on_repos (GObject      *source,
          GAsyncResult *res,
          Callbacks    *self,
          char         *org)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhResponse) repos = gh_service_get_org_repos_finish (GH_SERVICE (source), res, &error);

  gh_log_repos (org, repos, error);
  if (repos == NULL)
    {
      contrib_update_target_deliver (self->update_results, NULL, error);
      callbacks_free (self);
      return;
    }

  /* Counted before any request goes out, so that no early callback can
   * see zero while others are still to be sent. */
  self->pending = gh_response_get_n_items (repos);
  for (guint i = 0; i < gh_response_get_n_items (repos); i++)
    {
      const char *name = gh_repo_get_name (gh_response_get_repo (repos, i));

      gh_service_get_repo_contributors_async (GH_SERVICE (source), org, name, self->cancellable,
                                              on_contributors_ready,
                                              on_contributors_bind (self, g_strdup (name)));
    }
  if (gh_response_get_n_items (repos) == 0)
    all_done (self);
}

CORO_DEFINE_ASYNC_READY (on_repos, (Callbacks *, self), (char *, org, g_free));

/**
 * contrib_load_contributors_callbacks:
 * @service: the GitHub service
 * @org: the organization
 * @cancellable: (nullable): cancels every request
 * @update: receives the result, or the error, on the caller's thread-default
 *   main context, exactly once
 * @user_data: data for @update
 * @user_data_destroy: (nullable): frees @user_data after @update
 *
 * Loads with callback-style requests, all in flight at once (up to the
 * service's own limit).
 */
void
contrib_load_contributors_callbacks (GhService         *service,
                                     const char        *org,
                                     GCancellable      *cancellable,
                                     ContribUpdateFunc  update,
                                     gpointer           user_data,
                                     GDestroyNotify     user_data_destroy)
{
  Callbacks *self = g_new0 (Callbacks, 1);

  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  self->update_results = contrib_update_target_new (update, user_data, user_data_destroy);
  self->all_users = g_ptr_array_new_with_free_func (contrib_repo_result_free);
  gh_service_get_org_repos_async (service, org, self->cancellable, on_repos_ready,
                                  on_repos_bind (self, g_strdup (org)));
}
