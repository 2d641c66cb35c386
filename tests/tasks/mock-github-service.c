/* mock-github-service.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The tutorial's MockGithubService, reading the same dataset files as the
 * fake GitHub server. Its three calling styles behave as the tutorial's
 * do: the blocking and callback styles answer with no delay (the callback
 * through the caller's main context, as GIO does, where the tutorial's
 * calls it at once), the suspend style delays on the dispatcher's clock
 * (virtual under coro_run_test()). Every request is recorded, so tests can
 * check what was in flight, what completed, what was cancelled and on
 * which thread. A repository with a fault in the dataset fails with a
 * server error; the organization's own request can be made to fail with
 * mock_github_service_fail_repos(); contributors requests can be held until
 * cancelled with mock_github_service_set_hold(). The users it hands out
 * are watched, so tests can check which thread let go of them.
 */

#include "config.h"

#include "mock-github-service.h"

#include <coro.h>

/* Where the users handed out went. Shared with their weak references,
 * which may outlive the mock. */
typedef struct
{
  GMutex     lock;
  guint      n_alive;
  GPtrArray *freed_on;   /* GThread, one per user freed */
} UserWatch;

struct _MockGithubService
{
  GObject    parent_instance;

  GhDataset *dataset;
  GError    *repos_error;
  GMutex     lock;
  GCond      cond;      /* signalled when n_held grows or a hold may end */
  GPtrArray *calls;     /* MockCall */
  gboolean   hold;
  guint      n_held;
  UserWatch *users;     /* g_atomic_rc_box */
  GhRequestSink *sink;  /* under the lock */
};

/* A callback-style contributors request that answers only on cancel. */
typedef struct
{
  MockGithubService *self;
  MockCall          *call;
  GTask             *task;
} HeldCall;

static void mock_github_service_iface_init (GhServiceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MockGithubService, mock_github_service, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GH_TYPE_SERVICE, mock_github_service_iface_init))

static void
call_free (gpointer data)
{
  MockCall *call = data;

  g_free (call->path);
  g_free (call->subject);
  g_clear_pointer (&call->sink, gh_request_sink_unref);
  g_thread_unref (call->thread);
  g_free (call);
}

static MockCall *
call_start (MockGithubService *self,
            MockCallStyle      style,
            const char        *org,
            const char        *repo)
{
  MockCall *call = g_new0 (MockCall, 1);

  call->path = repo == NULL ? g_strdup_printf ("orgs/%s/repos", org)
                            : g_strdup_printf ("repos/%s/%s/contributors", org, repo);
  call->style = style;
  call->thread = g_thread_ref (g_thread_self ());
  call->started_ms = coro_current_time ();
  call->subject = g_strdup (repo != NULL ? repo : org);
  call->caller_thread = coro_debug_get_thread_name ();
  call->caller_coroutine = coro_debug_get_coroutine (&call->caller_coroutine_id);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->calls, call);
  if (self->sink != NULL)
    call->sink = gh_request_sink_ref (self->sink);
  g_mutex_unlock (&self->lock);

  return call;
}

/* The request as the real client would record it: the mock's clock is
 * its log's, virtual time in a test */
static void
call_record (MockCall         *call,
             const GhResponse *response,
             const GError     *error)
{
  GhRequestEvent event = {
    .start_us = call->started_ms * 1000,
    .end_us = call->ended_ms * 1000,
    .kind = g_str_has_prefix (call->path, "orgs/") ? GH_REQUEST_REPOS : GH_REQUEST_CONTRIBUTORS,
    .url = call->path,
    .subject = call->subject,
    .page = 1,
    .thread = call->caller_thread,
    .coroutine = call->caller_coroutine,
    .coroutine_id = call->caller_coroutine_id,
  };

  if (response != NULL)
    {
      event.status = gh_response_get_status ((GhResponse *) response);
      event.n_items = gh_response_get_n_items ((GhResponse *) response);
      event.outcome = event.n_items > 0 ? GH_REQUEST_OK : GH_REQUEST_EMPTY;
    }
  else
    {
      event.outcome = call->cancelled ? GH_REQUEST_CANCELLED : GH_REQUEST_FAILED;
      event.error_domain = error != NULL ? error->domain : 0;
      event.error_code = error != NULL ? error->code : 0;
    }
  gh_request_sink_record (call->sink, &event);
}

static void
call_end (MockGithubService *self,
          MockCall          *call,
          const GhResponse  *response,
          const GError      *error)
{
  g_mutex_lock (&self->lock);
  call->ended_ms = coro_current_time ();
  call->ended = TRUE;
  call->cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_mutex_unlock (&self->lock);

  if (call->sink != NULL)
    call_record (call, response, error);
}

static gboolean
hold_starts (MockGithubService *self)
{
  gboolean hold;

  g_mutex_lock (&self->lock);
  hold = self->hold;
  if (hold)
    {
      self->n_held++;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);

  return hold;
}

static void
hold_ends (MockGithubService *self)
{
  g_mutex_lock (&self->lock);
  self->n_held--;
  g_mutex_unlock (&self->lock);
}

static void
wake_held (GCancellable *cancellable,
           gpointer      data)
{
  MockGithubService *self = data;

  /* Under the lock, so that the waiter cannot miss it between its check
   * and its wait. */
  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* Blocks a held blocking-style request until @cancellable is cancelled,
 * which without a cancellable is never. */
static void
wait_for_cancel (MockGithubService *self,
                 GCancellable      *cancellable)
{
  gulong handler = 0;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_held), self, NULL);

  g_mutex_lock (&self->lock);
  while (!g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  g_cancellable_disconnect (cancellable, handler);
  hold_ends (self);
}

static void
user_watch_clear (gpointer data)
{
  UserWatch *watch = data;

  g_ptr_array_unref (watch->freed_on);
  g_mutex_clear (&watch->lock);
}

static void
user_watch_release (UserWatch *watch)
{
  g_atomic_rc_box_release_full (watch, user_watch_clear);
}

static void
user_freed (gpointer  data,
            GObject  *where_the_object_was)
{
  UserWatch *watch = data;

  g_mutex_lock (&watch->lock);
  watch->n_alive--;
  g_ptr_array_add (watch->freed_on, g_thread_ref (g_thread_self ()));
  g_mutex_unlock (&watch->lock);
  user_watch_release (watch);
}

static GhUser *
watched_user_new (MockGithubService *self,
                  const char        *login,
                  gint64             contributions)
{
  GhUser *user = gh_user_new (login, contributions);

  g_mutex_lock (&self->users->lock);
  self->users->n_alive++;
  g_mutex_unlock (&self->users->lock);
  g_object_weak_ref (G_OBJECT (user), user_freed, g_atomic_rc_box_acquire (self->users));
  return user;
}

static GhResponse *
repos_response (MockGithubService  *self,
                GError            **error)
{
  GhResponse *response;

  if (self->repos_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->repos_error));
      return NULL;
    }

  response = gh_response_new (GH_TYPE_REPO, 200, "OK");
  for (guint i = 0; i < gh_dataset_get_n_repos (self->dataset); i++)
    {
      g_autoptr(GhRepo) repo = gh_repo_new (gh_dataset_get_repo_id (self->dataset, i),
                                            gh_dataset_get_repo_name (self->dataset, i));

      gh_response_add_item (response, repo);
    }
  return response;
}

static GhResponse *
contributors_response (MockGithubService  *self,
                       const char         *repo,
                       GError            **error)
{
  int index = gh_dataset_find_repo (self->dataset, repo);
  const GhDatasetContributor *contributors;
  const GhFakeFault *fault;
  GhResponse *response;
  guint n;

  if (index < 0)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_NOT_FOUND, "No such repository: %s", repo);
      return NULL;
    }

  fault = gh_dataset_get_repo_fault (self->dataset, index);
  if (fault != NULL)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_SERVER_ERROR, "Server error %u loading %s%s%s",
                   fault->status, repo, fault->message != NULL ? ": " : "",
                   fault->message != NULL ? fault->message : "");
      return NULL;
    }

  if (gh_dataset_get_repo_empty (self->dataset, index))
    return gh_response_new (GH_TYPE_USER, 204, "No Content");

  response = gh_response_new (GH_TYPE_USER, 200, "OK");
  contributors = gh_dataset_get_repo_contributors (self->dataset, index, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GhUser) user = watched_user_new (self, contributors[i].login, contributors[i].contributions);

      gh_response_add_item (response, user);
    }
  return response;
}

static guint
latency_of (MockGithubService *self,
            const char        *repo)
{
  int index;

  if (repo == NULL)
    return gh_dataset_get_repos_latency_ms (self->dataset);
  index = gh_dataset_find_repo (self->dataset, repo);
  return index >= 0 ? gh_dataset_get_repo_latency_ms (self->dataset, index) : 0;
}

/* The suspend style: wait out the latency on the coroutine's clock, then
 * answer, recording the request either way. */
static GhResponse *
respond_after_delay (MockGithubService  *self,
                     const char         *org,
                     const char         *repo,
                     GError            **error)
{
  MockCall *call = call_start (self, MOCK_CALL_SUSPEND, org, repo);
  GError *local_error = NULL;
  GhResponse *response = NULL;

  if (coro_delay (latency_of (self, repo), &local_error))
    response = repo == NULL ? repos_response (self, &local_error)
                            : contributors_response (self, repo, &local_error);

  call_end (self, call, response, local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return response;
}

/* The blocking style answers at once, unless held. */
static GhResponse *
respond_now (MockGithubService  *self,
             const char         *org,
             const char         *repo,
             GCancellable       *cancellable,
             GError            **error)
{
  MockCall *call = call_start (self, MOCK_CALL_SYNC, org, repo);
  GError *local_error = NULL;
  GhResponse *response = NULL;

  if (repo != NULL && hold_starts (self))
    wait_for_cancel (self, cancellable);

  if (!g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    response = repo == NULL ? repos_response (self, &local_error)
                            : contributors_response (self, repo, &local_error);

  call_end (self, call, response, local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return response;
}

static GhResponse *
get_org_repos_sync (GhService     *service,
                    const char    *org,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return respond_now (MOCK_GITHUB_SERVICE (service), org, NULL, cancellable, error);
}

static GhResponse *
get_repo_contributors_sync (GhService     *service,
                            const char    *owner,
                            const char    *repo,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return respond_now (MOCK_GITHUB_SERVICE (service), owner, repo, cancellable, error);
}

static gboolean
held_call_cancelled (GCancellable *cancellable,
                     gpointer      data)
{
  HeldCall *held = data;
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");

  hold_ends (held->self);
  call_end (held->self, held->call, NULL, error);
  g_task_return_error (held->task, g_steal_pointer (&error));
  g_object_unref (held->task);
  g_free (held);

  return G_SOURCE_REMOVE;
}

/* The callback style: the answer comes through the caller's thread-default
 * main context, as GIO's does; a held contributors request answers only
 * when its cancellable is cancelled. */
static void
respond_later (MockGithubService   *self,
               const char          *org,
               const char          *repo,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  MockCall *call = call_start (self, MOCK_CALL_ASYNC, org, repo);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  GhResponse *response;

  if (repo != NULL && hold_starts (self))
    {
      HeldCall *held;
      GSource *source;

      /* Without a cancellable nothing can end the hold: the task, and the
       * reference it holds on the mock, are left behind on purpose. */
      if (cancellable == NULL)
        {
          g_steal_pointer (&task);
          return;
        }

      held = g_new0 (HeldCall, 1);
      held->self = self;
      held->call = call;
      held->task = g_steal_pointer (&task);
      source = g_cancellable_source_new (cancellable);
      g_source_set_callback (source, G_SOURCE_FUNC (held_call_cancelled), held, NULL);
      g_source_attach (source, g_task_get_context (held->task));
      g_source_unref (source);
      return;
    }

  response = repo == NULL ? repos_response (self, &error) : contributors_response (self, repo, &error);
  call_end (self, call, response, error);
  if (response != NULL)
    g_task_return_pointer (task, response, (GDestroyNotify) gh_response_unref);
  else
    g_task_return_error (task, error);
}

static void
get_org_repos_async (GhService           *service,
                     const char          *org,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  respond_later (MOCK_GITHUB_SERVICE (service), org, NULL, cancellable, callback, user_data);
}

static void
get_repo_contributors_async (GhService           *service,
                             const char          *owner,
                             const char          *repo,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  respond_later (MOCK_GITHUB_SERVICE (service), owner, repo, cancellable, callback, user_data);
}

static GhResponse *
finish (GhService     *service,
        GAsyncResult  *result,
        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GhResponse *
get_org_repos_suspend (GhService   *service,
                       const char  *org,
                       GError     **error)
{
  return respond_after_delay (MOCK_GITHUB_SERVICE (service), org, NULL, error);
}

static GhResponse *
get_repo_contributors_suspend (GhService   *service,
                               const char  *owner,
                               const char  *repo,
                               GError     **error)
{
  return respond_after_delay (MOCK_GITHUB_SERVICE (service), owner, repo, error);
}

static void
set_request_sink (GhService     *service,
                  GhRequestSink *sink)
{
  MockGithubService *self = MOCK_GITHUB_SERVICE (service);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->sink, gh_request_sink_unref);
  self->sink = sink != NULL ? gh_request_sink_ref (sink) : NULL;
  g_mutex_unlock (&self->lock);
}

static void
mock_github_service_iface_init (GhServiceInterface *iface)
{
  iface->get_org_repos_sync = get_org_repos_sync;
  iface->get_org_repos_async = get_org_repos_async;
  iface->get_org_repos_finish = finish;
  iface->get_org_repos_suspend = get_org_repos_suspend;
  iface->get_repo_contributors_sync = get_repo_contributors_sync;
  iface->get_repo_contributors_async = get_repo_contributors_async;
  iface->get_repo_contributors_finish = finish;
  iface->get_repo_contributors_suspend = get_repo_contributors_suspend;
  iface->set_request_sink = set_request_sink;
}

static void
mock_github_service_finalize (GObject *object)
{
  MockGithubService *self = MOCK_GITHUB_SERVICE (object);

  g_clear_object (&self->dataset);
  g_clear_error (&self->repos_error);
  g_clear_pointer (&self->sink, gh_request_sink_unref);
  g_ptr_array_unref (self->calls);
  user_watch_release (self->users);
  g_cond_clear (&self->cond);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mock_github_service_parent_class)->finalize (object);
}

static void
mock_github_service_class_init (MockGithubServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mock_github_service_finalize;
}

static void
mock_github_service_init (MockGithubService *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->calls = g_ptr_array_new_with_free_func (call_free);
  self->users = g_atomic_rc_box_new0 (UserWatch);
  g_mutex_init (&self->users->lock);
  self->users->freed_on = g_ptr_array_new_with_free_func ((GDestroyNotify) g_thread_unref);
}

MockGithubService *
mock_github_service_new (GhDataset *dataset)
{
  MockGithubService *self = g_object_new (MOCK_TYPE_GITHUB_SERVICE, NULL);

  self->dataset = g_object_ref (dataset);
  return self;
}

/**
 * mock_github_service_new_for_name:
 * @dataset_name: "tutorial", "demo" or "large"
 *
 * Returns: (transfer full): a mock serving the named dataset
 */
MockGithubService *
mock_github_service_new_for_name (const char *dataset_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_name (dataset_name, &error);

  g_assert_no_error (error);
  return mock_github_service_new (dataset);
}

/**
 * mock_github_service_fail_repos:
 * @self: a mock
 * @error: what the organization's repository list fails with
 */
void
mock_github_service_fail_repos (MockGithubService *self,
                                const GError      *error)
{
  g_clear_error (&self->repos_error);
  self->repos_error = g_error_copy (error);
}

/**
 * mock_github_service_set_hold:
 * @self: a mock
 * @hold: whether to hold contributors requests
 *
 * While set, every blocking-style or callback-style contributors request
 * (not the repository list, not the suspend style) is held: it answers only
 * when its cancellable is cancelled, with G_IO_ERROR_CANCELLED. One that
 * is never cancelled never answers; that is how a test shows what happens
 * when a callback never comes.
 */
void
mock_github_service_set_hold (MockGithubService *self,
                              gboolean           hold)
{
  g_return_if_fail (MOCK_IS_GITHUB_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->hold = hold;
  g_mutex_unlock (&self->lock);
}

/**
 * mock_github_service_get_n_held:
 * @self: a mock
 *
 * Returns: how many requests are held right now
 */
guint
mock_github_service_get_n_held (MockGithubService *self)
{
  guint n;

  g_return_val_if_fail (MOCK_IS_GITHUB_SERVICE (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_held;
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * mock_github_service_wait_held:
 * @self: a mock
 * @n_held: how many held requests to wait for
 * @timeout_ms: the real-time bound
 *
 * Blocks the calling thread until @n_held requests are held at once, for
 * blocking-style requests made on another thread. Callback-style ones are
 * made from the caller's main context, which this does not iterate.
 *
 * Returns: %FALSE if the bound ran out first
 */
gboolean
mock_github_service_wait_held (MockGithubService *self,
                               guint              n_held,
                               gint64             timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;
  gboolean reached;

  g_return_val_if_fail (MOCK_IS_GITHUB_SERVICE (self), FALSE);

  g_mutex_lock (&self->lock);
  while (self->n_held < n_held && g_cond_wait_until (&self->cond, &self->lock, deadline))
    ;
  reached = self->n_held >= n_held;
  g_mutex_unlock (&self->lock);

  return reached;
}

/**
 * mock_github_service_get_calls:
 * @self: a mock
 *
 * Returns: (transfer container) (element-type MockCall): the requests so
 *   far, in the order they started; the records stay the mock's
 */
GPtrArray *
mock_github_service_get_calls (MockGithubService *self)
{
  GPtrArray *calls;

  g_mutex_lock (&self->lock);
  calls = g_ptr_array_copy (self->calls, NULL, NULL);
  g_ptr_array_set_free_func (calls, NULL);
  g_mutex_unlock (&self->lock);

  return calls;
}

/**
 * mock_github_service_count_calls:
 * @self: a mock
 * @cancelled: which ones to count
 *
 * Returns: how many finished requests were (or were not) cancelled
 */
guint
mock_github_service_count_calls (MockGithubService *self,
                                 gboolean           cancelled)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->calls->len; i++)
    {
      MockCall *call = g_ptr_array_index (self->calls, i);

      if (call->ended && call->cancelled == cancelled)
        n++;
    }
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * mock_github_service_get_n_users_alive:
 * @self: a mock
 *
 * Returns: how many of the users it put in contributors answers are still
 *   alive
 */
guint
mock_github_service_get_n_users_alive (MockGithubService *self)
{
  guint n;

  g_return_val_if_fail (MOCK_IS_GITHUB_SERVICE (self), 0);

  g_mutex_lock (&self->users->lock);
  n = self->users->n_alive;
  g_mutex_unlock (&self->users->lock);

  return n;
}

/**
 * mock_github_service_count_users_freed_on:
 * @self: a mock
 * @thread: a thread
 *
 * Returns: how many of the users it put in contributors answers were
 *   freed on @thread
 */
guint
mock_github_service_count_users_freed_on (MockGithubService *self,
                                          GThread           *thread)
{
  guint n = 0;

  g_return_val_if_fail (MOCK_IS_GITHUB_SERVICE (self), 0);

  g_mutex_lock (&self->users->lock);
  for (guint i = 0; i < self->users->freed_on->len; i++)
    if (g_ptr_array_index (self->users->freed_on, i) == thread)
      n++;
  g_mutex_unlock (&self->users->lock);

  return n;
}
