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
 * The callbacks only collect users, which costs little each time. Ranking
 * them all costs as much as there are users, so it is done on a worker
 * thread, as in the tutorial (whose last callback aggregates on one of
 * OkHttp's threads), and the result comes back to the caller's main
 * context.
 */

#include "config.h"

#include "contrib-requests.h"

#include "aggregation.h"

typedef struct
{
  GhService         *service;
  char              *org;
  GCancellable      *cancellable;
  ContribUpdateFunc  update;
  gpointer           user_data;
  GDestroyNotify     user_data_destroy;
  GPtrArray         *all_users;   /* GhUser, every repository's; the ranking thread's once there */
  GPtrArray         *failures;
  guint              pending;
} Callbacks;

static void
callbacks_free (Callbacks *self)
{
  g_object_unref (self->service);
  g_free (self->org);
  g_clear_object (&self->cancellable);
  if (self->user_data_destroy != NULL)
    self->user_data_destroy (self->user_data);
  g_clear_pointer (&self->all_users, g_ptr_array_unref);
  g_ptr_array_unref (self->failures);
  g_free (self);
}

static void
finish_with_error (Callbacks    *self,
                   const GError *error)
{
  self->update (NULL, error, self->user_data);
  callbacks_free (self);
}

/* On a worker thread, while the caller's thread leaves @self alone: every
 * callback is in. */
static void
rank_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Callbacks *self = task_data;
  GPtrArray *ranking = contrib_aggregate (self->all_users);

  /* Every repository's users, freed here too */
  g_clear_pointer (&self->all_users, g_ptr_array_unref);
  g_task_return_pointer (task, ranking, (GDestroyNotify) g_ptr_array_unref);
}

static void
ranked (GObject      *source_object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Callbacks *self = user_data;
  g_autoptr(ContribUpdate) update = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  /* A cancel that came while ranking wins, as one before it would. */
  users = g_task_propagate_pointer (G_TASK (result), &error);
  if (users == NULL)
    {
      finish_with_error (self, error);
      return;
    }

  update = contrib_update_new (g_steal_pointer (&users), self->failures, TRUE);
  self->update (update, NULL, self->user_data);
  callbacks_free (self);
}

static void
finish (Callbacks *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  /* A cancel turns every outstanding callback into a CANCELLED failure:
   * report the cancel, not a ranking made of whatever came in first. */
  if (g_cancellable_set_error_if_cancelled (self->cancellable, &error))
    {
      finish_with_error (self, error);
      return;
    }

  /* The task only borrows @self: ranked() frees it, on this thread. */
  task = g_task_new (NULL, self->cancellable, ranked, self);
  g_task_set_name (task, "contrib_load_contributors_callbacks");
  g_task_set_task_data (task, self, NULL);
  g_task_run_in_thread (task, rank_in_thread);
}

typedef struct
{
  Callbacks *self;
  char      *repo;
} RepoCall;

static void
on_contributors (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RepoCall *call = user_data;
  Callbacks *self = call->self;
  g_autoptr(GhResponse) users = NULL;
  GError *error = NULL;

  users = gh_service_get_repo_contributors_finish (GH_SERVICE (source), result, &error);
  gh_log_users (call->repo, users, error);
  if (users != NULL)
    g_ptr_array_extend (self->all_users, gh_response_get_items (users), (GCopyFunc) g_object_ref, NULL);
  else if (!contrib_failures_take (self->failures, call->repo, &error))
    g_clear_error (&error);   /* cancelled: finish() reports it once */

  g_free (call->repo);
  g_free (call);
  /* Before the ranking thread may start: from then on, all_users holds
   * the last reference to every user. */
  g_clear_pointer (&users, gh_response_unref);

  if (--self->pending == 0)
    finish (self);
}

static void
on_repos (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Callbacks *self = user_data;
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(GError) error = NULL;
  guint n_repos;

  repos = gh_service_get_org_repos_finish (GH_SERVICE (source), result, &error);
  gh_log_repos (self->org, repos, error);
  if (repos == NULL)
    {
      finish_with_error (self, error);
      return;
    }

  n_repos = gh_response_get_n_items (repos);
  if (n_repos == 0)
    {
      finish (self);
      return;
    }

  /* Counted before any request goes out, so that no early callback can
   * see zero while others are still to be sent. */
  self->pending = n_repos;
  for (guint i = 0; i < n_repos; i++)
    {
      RepoCall *call = g_new0 (RepoCall, 1);

      call->self = self;
      call->repo = g_strdup (gh_repo_get_name (gh_response_get_repo (repos, i)));
      gh_service_get_repo_contributors_async (self->service, self->org, call->repo,
                                              self->cancellable, on_contributors, call);
    }
}

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
  Callbacks *self;

  g_return_if_fail (GH_IS_SERVICE (service));
  g_return_if_fail (org != NULL);
  g_return_if_fail (update != NULL);

  self = g_new0 (Callbacks, 1);
  self->service = g_object_ref (service);
  self->org = g_strdup (org);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  self->update = update;
  self->user_data = user_data;
  self->user_data_destroy = user_data_destroy;
  self->all_users = g_ptr_array_new_with_free_func (g_object_unref);
  self->failures = contrib_failures_new ();

  gh_service_get_org_repos_async (service, org, self->cancellable, on_repos, self);
}
