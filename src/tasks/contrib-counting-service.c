/* contrib-counting-service.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * A GhService that forwards every call to another one and counts them: how
 * many were made, how many are under way, and the most that were under way
 * at once. The runner's --compare reports these, measured on the loader's
 * side of the service, so they mean the same thing whatever the server is
 * (the fake one keeps its own figures, GitHub does not tell).
 *
 * It also counts repositories, for the loader's progress: the organization
 * list gives the total, and each contributors call that ends counts as
 * loaded or failed. Counting here, rather than in the loaders, keeps them
 * line for line the tutorial's.
 *
 * A call is one service call, which may fetch several pages; it is under
 * way from the moment it is made until its result is handed back (for the
 * callback style, until its callback runs). Calls come from any thread:
 * BACKGROUND's worker, CALLBACKS on Main, coroutines on Default.
 */

#include "config.h"

#include "contrib-counting-service.h"

#include <coro.h>

struct _ContribCountingService
{
  GObject    parent_instance;

  GhService *inner;

  /* Atomics: updated from every thread that calls */
  gint       n_requests;
  gint       in_flight;
  gint       peak_in_flight;
  gint       repos_total;
  gint       repos_loaded;
  gint       repos_failed;
  gint       repos_ended;       /* cancelled ones too */

  /* Set before the first call, read without a lock */
  ContribCountingChangedFunc changed;
  gpointer                   changed_data;
  GDestroyNotify             changed_destroy;
  ContribCountingReposFunc   repos;
  gpointer                   repos_data;
  GDestroyNotify             repos_destroy;
};

typedef enum
{
  CALL_REPOS,
  CALL_CONTRIBUTORS,
} CallKind;

static void contrib_counting_service_iface_init (GhServiceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ContribCountingService, contrib_counting_service, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GH_TYPE_SERVICE,
                                                      contrib_counting_service_iface_init))

static void
notify_changed (ContribCountingService *self)
{
  if (self->changed != NULL)
    self->changed (self->changed_data);
}

static void
call_begins (ContribCountingService *self)
{
  gint now;
  gint peak;

  g_atomic_int_inc (&self->n_requests);
  now = g_atomic_int_add (&self->in_flight, 1) + 1;

  /* Raise the peak unless someone else already raised it past us */
  peak = g_atomic_int_get (&self->peak_in_flight);
  while (now > peak &&
         !g_atomic_int_compare_and_exchange_full (&self->peak_in_flight, peak, now, &peak))
    ;

  notify_changed (self);
}

/* The repository counts change before the call stops being under way, so
 * that whoever sees no call under way also sees every count. */
static void
call_ends (ContribCountingService *self,
           CallKind                kind,
           GhResponse             *response,
           const GError           *error)
{
  if (kind == CALL_REPOS)
    {
      if (response != NULL)
        g_atomic_int_set (&self->repos_total, (gint) gh_response_get_n_items (response));
      if (response != NULL && self->repos != NULL)
        self->repos (response, self->repos_data);
    }
  else
    {
      if (response != NULL)
        g_atomic_int_inc (&self->repos_loaded);
      else if (!coro_error_is_cancelled (error))
        g_atomic_int_inc (&self->repos_failed);
      g_atomic_int_inc (&self->repos_ended);
    }

  g_atomic_int_add (&self->in_flight, -1);
  notify_changed (self);
}

/* The callback style: a task of our own, so that the caller's callback sees
 * this service as the source object and finishes with our _finish. */

typedef struct
{
  ContribCountingService *self;
  GTask                  *task;
  CallKind                kind;
  GhResponse *          (*finish) (GhService     *service,
                                   GAsyncResult  *result,
                                   GError       **error);
} Forward;

static void
forward_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Forward *forward = user_data;
  g_autoptr(GTask) task = forward->task;
  GError *error = NULL;
  GhResponse *response;

  response = forward->finish (GH_SERVICE (source), result, &error);
  call_ends (forward->self, forward->kind, response, error);
  g_free (forward);

  if (response != NULL)
    g_task_return_pointer (task, response, (GDestroyNotify) gh_response_unref);
  else
    g_task_return_error (task, error);
}

static Forward *
forward_new (ContribCountingService  *self,
             CallKind                 kind,
             gpointer                 tag,
             GCancellable            *cancellable,
             GAsyncReadyCallback      callback,
             gpointer                 user_data,
             GhResponse            *(*finish) (GhService     *service,
                                               GAsyncResult  *result,
                                               GError       **error))
{
  Forward *forward = g_new0 (Forward, 1);

  forward->self = self;
  forward->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (forward->task, tag);
  g_task_set_name (forward->task, "[contrib] counted call");
  /* The inner service decides how a cancel ends the call, and the count
   * must see that end; the task only relays it. */
  g_task_set_check_cancellable (forward->task, FALSE);
  forward->kind = kind;
  forward->finish = finish;
  call_begins (self);
  return forward;
}

static GhResponse *
finish_forwarded (ContribCountingService  *self,
                  GAsyncResult            *result,
                  gpointer                 tag,
                  GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The blocking and suspending styles: the error decides the count even
 * when the caller does not ask for it. */
static GhResponse *
call_returns (ContribCountingService  *self,
              CallKind                 kind,
              GhResponse              *response,
              GError                  *local_error,
              GError                 **error)
{
  call_ends (self, kind, response, local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return response;
}

/* GhService */

static GhResponse *
get_org_repos_sync (GhService     *service,
                    const char    *org,
                    GCancellable  *cancellable,
                    GError       **error)
{
  ContribCountingService *self = CONTRIB_COUNTING_SERVICE (service);
  GError *local_error = NULL;
  GhResponse *response;

  call_begins (self);
  response = gh_service_get_org_repos_sync (self->inner, org, cancellable, &local_error);
  return call_returns (self, CALL_REPOS, response, local_error, error);
}

static void
get_org_repos_async (GhService           *service,
                     const char          *org,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  ContribCountingService *self = CONTRIB_COUNTING_SERVICE (service);
  Forward *forward = forward_new (self, CALL_REPOS, get_org_repos_async, cancellable, callback,
                                  user_data, gh_service_get_org_repos_finish);

  gh_service_get_org_repos_async (self->inner, org, cancellable, forward_done, forward);
}

static GhResponse *
get_org_repos_finish (GhService     *service,
                      GAsyncResult  *result,
                      GError       **error)
{
  return finish_forwarded (CONTRIB_COUNTING_SERVICE (service), result, get_org_repos_async, error);
}

static GhResponse *
get_org_repos_suspend (GhService   *service,
                       const char  *org,
                       GError     **error)
{
  ContribCountingService *self = CONTRIB_COUNTING_SERVICE (service);
  GError *local_error = NULL;
  GhResponse *response;

  /* An inner service without suspend functions is awaited on its callback
   * style by gh_service_get_org_repos_suspend() itself */
  call_begins (self);
  response = gh_service_get_org_repos_suspend (self->inner, org, &local_error);
  return call_returns (self, CALL_REPOS, response, local_error, error);
}

static GhResponse *
get_repo_contributors_sync (GhService     *service,
                            const char    *owner,
                            const char    *repo,
                            GCancellable  *cancellable,
                            GError       **error)
{
  ContribCountingService *self = CONTRIB_COUNTING_SERVICE (service);
  GError *local_error = NULL;
  GhResponse *response;

  call_begins (self);
  response = gh_service_get_repo_contributors_sync (self->inner, owner, repo, cancellable,
                                                    &local_error);
  return call_returns (self, CALL_CONTRIBUTORS, response, local_error, error);
}

static void
get_repo_contributors_async (GhService           *service,
                             const char          *owner,
                             const char          *repo,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ContribCountingService *self = CONTRIB_COUNTING_SERVICE (service);
  Forward *forward = forward_new (self, CALL_CONTRIBUTORS, get_repo_contributors_async,
                                  cancellable, callback, user_data,
                                  gh_service_get_repo_contributors_finish);

  gh_service_get_repo_contributors_async (self->inner, owner, repo, cancellable,
                                          forward_done, forward);
}

static GhResponse *
get_repo_contributors_finish (GhService     *service,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_forwarded (CONTRIB_COUNTING_SERVICE (service), result,
                           get_repo_contributors_async, error);
}

static GhResponse *
get_repo_contributors_suspend (GhService   *service,
                               const char  *owner,
                               const char  *repo,
                               GError     **error)
{
  ContribCountingService *self = CONTRIB_COUNTING_SERVICE (service);
  GError *local_error = NULL;
  GhResponse *response;

  call_begins (self);
  response = gh_service_get_repo_contributors_suspend (self->inner, owner, repo, &local_error);
  return call_returns (self, CALL_CONTRIBUTORS, response, local_error, error);
}

/* The requests are the inner service's to record */
static void
set_request_sink (GhService     *service,
                  GhRequestSink *sink)
{
  gh_service_set_request_sink (CONTRIB_COUNTING_SERVICE (service)->inner, sink);
}

static void
contrib_counting_service_iface_init (GhServiceInterface *iface)
{
  iface->get_org_repos_sync = get_org_repos_sync;
  iface->get_org_repos_async = get_org_repos_async;
  iface->get_org_repos_finish = get_org_repos_finish;
  iface->get_org_repos_suspend = get_org_repos_suspend;
  iface->get_repo_contributors_sync = get_repo_contributors_sync;
  iface->get_repo_contributors_async = get_repo_contributors_async;
  iface->get_repo_contributors_finish = get_repo_contributors_finish;
  iface->get_repo_contributors_suspend = get_repo_contributors_suspend;
  iface->set_request_sink = set_request_sink;
}

static void
contrib_counting_service_dispose (GObject *object)
{
  ContribCountingService *self = CONTRIB_COUNTING_SERVICE (object);

  g_clear_object (&self->inner);
  if (self->changed_destroy != NULL)
    g_clear_pointer (&self->changed_data, self->changed_destroy);
  self->changed = NULL;
  if (self->repos_destroy != NULL)
    g_clear_pointer (&self->repos_data, self->repos_destroy);
  self->repos = NULL;

  G_OBJECT_CLASS (contrib_counting_service_parent_class)->dispose (object);
}

static void
contrib_counting_service_class_init (ContribCountingServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = contrib_counting_service_dispose;
}

static void
contrib_counting_service_init (ContribCountingService *self)
{
}

/**
 * contrib_counting_service_new:
 * @inner: the service that does the work
 *
 * Returns: (transfer full): a service that forwards to @inner and counts
 */
ContribCountingService *
contrib_counting_service_new (GhService *inner)
{
  ContribCountingService *self;

  g_return_val_if_fail (GH_IS_SERVICE (inner), NULL);

  self = g_object_new (CONTRIB_TYPE_COUNTING_SERVICE, NULL);
  self->inner = g_object_ref (inner);
  return self;
}

/**
 * contrib_counting_service_get_inner:
 * @self: a counting service
 *
 * Returns: (transfer none): the service it forwards to
 */
GhService *
contrib_counting_service_get_inner (ContribCountingService *self)
{
  g_return_val_if_fail (CONTRIB_IS_COUNTING_SERVICE (self), NULL);

  return self->inner;
}

/**
 * contrib_counting_service_get_n_requests:
 * @self: a counting service
 *
 * Returns: how many calls were made since creation or the last reset
 */
guint
contrib_counting_service_get_n_requests (ContribCountingService *self)
{
  g_return_val_if_fail (CONTRIB_IS_COUNTING_SERVICE (self), 0);

  return (guint) g_atomic_int_get (&self->n_requests);
}

/**
 * contrib_counting_service_get_in_flight:
 * @self: a counting service
 *
 * Returns: how many calls are under way now
 */
guint
contrib_counting_service_get_in_flight (ContribCountingService *self)
{
  g_return_val_if_fail (CONTRIB_IS_COUNTING_SERVICE (self), 0);

  return (guint) g_atomic_int_get (&self->in_flight);
}

/**
 * contrib_counting_service_get_peak_in_flight:
 * @self: a counting service
 *
 * Returns: the most calls that were under way at once since creation or
 *   the last reset
 */
guint
contrib_counting_service_get_peak_in_flight (ContribCountingService *self)
{
  g_return_val_if_fail (CONTRIB_IS_COUNTING_SERVICE (self), 0);

  return (guint) g_atomic_int_get (&self->peak_in_flight);
}

/**
 * contrib_counting_service_reset:
 * @self: a counting service
 *
 * Starts counting afresh, repositories too. Calls still under way stay
 * counted as such, and the peak starts from them.
 */
void
contrib_counting_service_reset (ContribCountingService *self)
{
  g_return_if_fail (CONTRIB_IS_COUNTING_SERVICE (self));

  g_atomic_int_set (&self->n_requests, 0);
  g_atomic_int_set (&self->peak_in_flight, g_atomic_int_get (&self->in_flight));
  g_atomic_int_set (&self->repos_total, 0);
  g_atomic_int_set (&self->repos_loaded, 0);
  g_atomic_int_set (&self->repos_failed, 0);
  g_atomic_int_set (&self->repos_ended, 0);
}

/**
 * contrib_counting_service_get_progress:
 * @self: a counting service
 * @loaded: (out) (optional): contributors calls that ended with a result
 * @failed: (out) (optional): contributors calls that ended with an error
 *   other than a cancellation
 * @total: (out) (optional): how many repositories the organization list
 *   had, or 0 until one arrived
 *
 * How far the load has come. A cancelled call counts as neither loaded
 * nor failed. Each count is read on its own: from another thread than the
 * callers', the three may be a moment apart.
 */
void
contrib_counting_service_get_progress (ContribCountingService *self,
                                       guint                  *loaded,
                                       guint                  *failed,
                                       guint                  *total)
{
  g_return_if_fail (CONTRIB_IS_COUNTING_SERVICE (self));

  if (loaded != NULL)
    *loaded = (guint) g_atomic_int_get (&self->repos_loaded);
  if (failed != NULL)
    *failed = (guint) g_atomic_int_get (&self->repos_failed);
  if (total != NULL)
    *total = (guint) g_atomic_int_get (&self->repos_total);
}

/**
 * contrib_counting_service_get_n_repos_pending:
 * @self: a counting service
 *
 * Returns: how many repositories of the organization list have no
 *   contributors call that ended, whether it is under way or not made yet
 */
guint
contrib_counting_service_get_n_repos_pending (ContribCountingService *self)
{
  gint total;
  gint ended;

  g_return_val_if_fail (CONTRIB_IS_COUNTING_SERVICE (self), 0);

  total = g_atomic_int_get (&self->repos_total);
  ended = g_atomic_int_get (&self->repos_ended);
  return total > ended ? (guint) (total - ended) : 0;
}

/**
 * contrib_counting_service_set_changed_func:
 * @self: a counting service no call went through yet
 * @func: (nullable): called after each count changes: when a call begins
 *   and when it ends
 * @user_data: data for @func
 * @user_data_destroy: (nullable): frees @user_data with the service
 *
 * Lets the owner learn of progress without polling. @func runs on the
 * thread that made or ended the call, any thread, as often as calls
 * begin and end: it must be thread-safe and cheap, e.g. wake a GSource.
 * It may keep running after its owner let go of the service, as long as
 * NOT_CANCELLABLE's global coroutines still use it, so @user_data must
 * stay valid as long as the service does.
 */
void
contrib_counting_service_set_changed_func (ContribCountingService     *self,
                                           ContribCountingChangedFunc  func,
                                           gpointer                    user_data,
                                           GDestroyNotify              user_data_destroy)
{
  g_return_if_fail (CONTRIB_IS_COUNTING_SERVICE (self));
  g_return_if_fail (self->changed == NULL);

  self->changed = func;
  self->changed_data = user_data;
  self->changed_destroy = user_data_destroy;
}

/**
 * contrib_counting_service_set_repos_func:
 * @self: a counting service no call went through yet
 * @func: (nullable): called when a repository list arrives
 * @user_data: data for @func
 * @user_data_destroy: (nullable): frees @user_data with the service
 *
 * Lets the owner compare what the load will need with the rate limit
 * before the load makes its contributors requests (see
 * #ContribCountingReposFunc). @func runs on whichever thread made the
 * call, inside the load: the BLOCKING variant's is the caller's own,
 * before contrib_loader_start() returns.
 */
void
contrib_counting_service_set_repos_func (ContribCountingService   *self,
                                         ContribCountingReposFunc  func,
                                         gpointer                  user_data,
                                         GDestroyNotify            user_data_destroy)
{
  g_return_if_fail (CONTRIB_IS_COUNTING_SERVICE (self));
  g_return_if_fail (self->repos == NULL);

  self->repos = func;
  self->repos_data = user_data;
  self->repos_destroy = user_data_destroy;
}
