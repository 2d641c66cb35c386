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

/* What the callbacks share, as the tutorial's lambdas share the variables
 * they capture. */
typedef struct
{
  GhService         *service;
  char              *org;
  GCancellable      *cancellable;
  ContribUpdateFunc  update;
  gpointer           user_data;
  GDestroyNotify     user_data_destroy;
  GhResponse        *repos;
  GPtrArray         *all_users;   /* GhUser, every repository's; the ranking thread's once there */
  GPtrArray         *failures;
  guint              pending;
} Callbacks;

/* Delivers the outcome, exactly once, and frees @self. */
static void
finish (Callbacks     *self,
        ContribUpdate *update,
        const GError  *error)
{
  self->update (update, error, self->user_data);
  if (self->user_data_destroy != NULL)
    self->user_data_destroy (self->user_data);
  g_object_unref (self->service);
  g_free (self->org);
  g_object_unref (self->cancellable);
  g_clear_pointer (&self->repos, gh_response_unref);
  g_clear_pointer (&self->all_users, g_ptr_array_unref);
  g_ptr_array_unref (self->failures);
  g_free (self);
}

/* On a worker thread, while the caller's thread leaves @self alone: every
 * callback is in. Every repository's users are freed here too. */
static void
rank_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Callbacks *self = task_data;
  GPtrArray *ranking = contrib_aggregate (self->all_users);

  g_clear_pointer (&self->all_users, g_ptr_array_unref);
  g_task_return_pointer (task, ranking, (GDestroyNotify) g_ptr_array_unref);
}

static void
ranked (GObject      *source,
        GAsyncResult *result,
        Callbacks    *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *users = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(ContribUpdate) update = users != NULL ? contrib_update_new (users, self->failures, TRUE) : NULL;

  /* A cancel that came while ranking wins, as one before it would. */
  finish (self, update, error);
}

CORO_DEFINE_ASYNC_READY (ranked, (Callbacks *, self));

/* The tutorial's countDownLatch.await () and updateResults (allUsers.aggregate ()) */
static void
all_done (Callbacks *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  /* A cancel turns every outstanding callback into a CANCELLED failure:
   * report the cancel, not a ranking made of whatever came in first. */
  if (g_cancellable_set_error_if_cancelled (self->cancellable, &error))
    {
      finish (self, NULL, error);
      return;
    }

  task = g_task_new (NULL, self->cancellable, ranked_ready, ranked_bind (self));
  g_task_set_name (task, "contrib_load_contributors_callbacks");
  g_task_set_task_data (task, self, NULL);
  g_task_run_in_thread (task, rank_in_thread);
}

static void
on_contributors (GObject      *source,
                 GAsyncResult *result,
                 Callbacks    *self,
                 const char   *repo)
{
  GError *error = NULL;
  GhResponse *users = gh_service_get_repo_contributors_finish (GH_SERVICE (source), result, &error);

  gh_log_users (repo, users, error);
  for (guint i = 0; users != NULL && i < gh_response_get_n_items (users); i++)
    g_ptr_array_add (self->all_users, g_object_ref (gh_response_get_user (users, i)));
  if (users == NULL && !contrib_failures_take (self->failures, repo, &error))
    g_clear_error (&error);   /* cancelled: all_done() reports it once */

  /* Before the ranking thread may start: from then on, all_users holds
   * the last reference to every user. */
  g_clear_pointer (&users, gh_response_unref);
  if (--self->pending == 0)
    all_done (self);
}

CORO_DEFINE_ASYNC_READY (on_contributors, (Callbacks *, self), (const char *, repo));

static void
on_repos (GObject      *source,
          GAsyncResult *result,
          Callbacks    *self)
{
  g_autoptr(GError) error = NULL;
  guint n_repos;

  self->repos = gh_service_get_org_repos_finish (GH_SERVICE (source), result, &error);
  gh_log_repos (self->org, self->repos, error);
  if (self->repos == NULL)
    {
      finish (self, NULL, error);
      return;
    }

  /* Counted before any request goes out, so that no early callback can
   * see zero while others are still to be sent. */
  n_repos = self->pending = gh_response_get_n_items (self->repos);
  for (guint i = 0; i < n_repos; i++)
    {
      const char *name = gh_repo_get_name (gh_response_get_repo (self->repos, i));

      gh_service_get_repo_contributors_async (self->service, self->org, name, self->cancellable,
                                              on_contributors_ready, on_contributors_bind (self, name));
    }
  if (n_repos == 0)
    all_done (self);
}

CORO_DEFINE_ASYNC_READY (on_repos, (Callbacks *, self));

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

  gh_service_get_org_repos_async (service, org, self->cancellable, on_repos_ready, on_repos_bind (self));
}
