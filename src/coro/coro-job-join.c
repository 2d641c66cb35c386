/* coro-job-join.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Waiting for a job to be final: the listeners a job runs once it is,
 * coro_job_join() and coro_deferred_await() with their stackless
 * begin/finish halves, and the outcome a caller takes from a final job.
 * Separate from coro-job.c because it only waits on the tree, through
 * listeners, and never changes a job's state itself.
 */

#include "config.h"

#include "coro-job.h"

#include "coro-job-private.h"

typedef struct _CoroListener Listener;

typedef CoroJobListenerFunc ListenerFunc;

/* Registers @func to run once @job is final, after the lock is dropped.
 * Returns FALSE, registering nothing, when the job is final already. */
gboolean
_coro_job_add_listener (CoroJob      *job,
                        ListenerFunc  func,
                        gpointer      data)
{
  Listener *listener;

  g_mutex_lock (&_coro_job_lock);
  if (job->state == CORO_JOB_STATE_CANCELLED || job->state == CORO_JOB_STATE_COMPLETED)
    {
      g_mutex_unlock (&_coro_job_lock);
      return FALSE;
    }

  listener = g_new (Listener, 1);
  listener->func = func;
  listener->data = data;
  listener->next = job->listeners;
  job->listeners = listener;
  g_mutex_unlock (&_coro_job_lock);

  return TRUE;
}

/* Takes back a listener that has not run; FALSE if it ran or is running. */
gboolean
_coro_job_remove_listener (CoroJob      *job,
                           ListenerFunc  func,
                           gpointer      data)
{
  Listener *found = NULL;

  g_mutex_lock (&_coro_job_lock);
  for (Listener **link = &job->listeners; *link != NULL; link = &(*link)->next)
    if ((*link)->func == func && (*link)->data == data)
      {
        found = *link;
        *link = found->next;
        break;
      }
  g_mutex_unlock (&_coro_job_lock);

  g_free (found);
  return found != NULL;
}

typedef struct
{
  CoroCoroutine *co;
  guint64        wait_id;
} JoinWait;

static void
join_wait_done (CoroJob  *job,
                gpointer  data)
{
  JoinWait *wait = data;

  _coro_coroutine_resume (wait->co, wait->wait_id, NULL, NULL, NULL);
  coro_job_unref (&wait->co->job);
  g_free (wait);
}

/* A cancelled join takes its listener off the joined job at once, so that
 * a coroutine that keeps giving up on a long-lived job does not pile up
 * listeners on it. It looks the listener up rather than keeping a pointer:
 * if the job just finished on another thread, the listener may be running
 * or gone already, and then there is nothing to remove. */
static void
join_wait_cancel (CoroCoroutine *co,
                  gpointer       data)
{
  CoroJob *job = data;
  Listener *found = NULL;

  g_mutex_lock (&_coro_job_lock);
  for (Listener **link = &job->listeners; *link != NULL; link = &(*link)->next)
    {
      JoinWait *wait = (*link)->data;

      if ((*link)->func == join_wait_done && wait->co == co && wait->wait_id == co->wait_id)
        {
          found = *link;
          *link = found->next;
          break;
        }
    }
  g_mutex_unlock (&_coro_job_lock);

  if (found != NULL)
    {
      JoinWait *wait = found->data;

      coro_job_unref (&wait->co->job);
      g_free (wait);
      g_free (found);
    }
}

/* Starts waiting until @job is final; FALSE when it is final already (or
 * the caller is cancelled), with the outcome set. With @deliver the wait
 * ends with the job's own outcome, as an await's does. Scopes wait
 * non-cancellably because a scope always waits for its children. */
static const CoroWaitKind join_wait = { "join", join_wait_cancel, (GDestroyNotify) coro_job_unref };

static gboolean
wait_final_begin (CoroCoroutine *co,
                  CoroJob       *job,
                  gboolean       cancellable)
{
  GError *error = NULL;
  gboolean cancelled;
  gboolean final;
  JoinWait *wait;

  /* Without the lock: a join of a job that is over takes none. */
  cancelled = cancellable && _coro_job_is_cancelled_unlocked (co->current);
  final = _coro_job_is_final_unlocked (job);

  if (cancelled || final)
    {
      if (cancelled)
        error = _coro_job_dup_cancel_error (co->current);
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  wait = g_new (JoinWait, 1);
  wait->co = (CoroCoroutine *) coro_job_ref (&co->job);
  wait->wait_id = co->wait_id + 1;   /* the id _coro_coroutine_park() will use */

  if (!_coro_job_add_listener (job, join_wait_done, wait))
    {
      /* It became final meanwhile, on another thread. */
      coro_job_unref (&co->job);
      g_free (wait);
      if (cancellable)
        _coro_coroutine_check_active (co, &error);
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  _coro_coroutine_park (co, &join_wait, cancellable, coro_job_ref (job));
  return TRUE;
}

/* Suspends the calling fiber until @job is final. */
gboolean
_coro_job_wait_final (CoroJob   *job,
                      gboolean   cancellable,
                      GError   **error)
{
  CoroCoroutine *co = _coro_coroutine_self ();

  g_assert (co != NULL && co->fiber != NULL);

  _coro_coroutine_wait (co, wait_final_begin (co, job, cancellable));
  return _coro_coroutine_outcome (co, NULL, error);
}

static void
wake_context (CoroJob  *job,
              gpointer  data)
{
  g_main_context_wakeup (data);
  g_main_context_unref (data);
}

/* For the loops that drive a root job from outside any coroutine
 * (run_blocking, run_test): the job may become final on another thread,
 * and then their context must wake up to notice. */
void
_coro_job_wake_when_final (CoroJob      *job,
                           GMainContext *context)
{
  g_main_context_ref (context);
  if (!_coro_job_add_listener (job, wake_context, context))
    g_main_context_unref (context);
}

/* The outcome of a final job whose result goes to a caller rather than to
 * awaiters: a scope's, a with-context child's, a root's. */
gpointer
_coro_job_take_outcome (CoroJob  *job,
                        GError  **error)
{
  gpointer result = NULL;

  g_mutex_lock (&_coro_job_lock);
  g_assert (job->state == CORO_JOB_STATE_COMPLETED || job->state == CORO_JOB_STATE_CANCELLED);
  if (job->cause == NULL)
    result = g_steal_pointer (&job->result);
  else
    g_propagate_error (error, g_error_copy (job->cause));
  g_mutex_unlock (&_coro_job_lock);

  return result;
}
gboolean
coro_job_join (CoroJob  *self,
               GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (_coro_coroutine_require (G_STRFUNC, error) == NULL)
    return FALSE;

  coro_job_start (self);
  return _coro_job_wait_final (self, TRUE, error);
}

gboolean
coro_job_join_begin (CoroJob *self)
{
  CoroCoroutine *co;

  g_return_val_if_fail (self != NULL, FALSE);

  co = _coro_coroutine_require_step (G_STRFUNC);
  if (co == NULL)
    return FALSE;

  coro_job_start (self);
  return wait_final_begin (co, self, TRUE);
}

gboolean
coro_job_join_finish (CoroJob  *self,
                      GError  **error)
{
  CoroCoroutine *co;

  g_return_val_if_fail (self != NULL, FALSE);

  co = _coro_coroutine_finishing (G_STRFUNC, error);
  return co != NULL && _coro_coroutine_outcome (co, NULL, error);
}

gboolean
coro_job_cancel_and_join (CoroJob  *self,
                          GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  coro_job_cancel (self);
  return coro_job_join (self, error);
}

gboolean
coro_join_all (CoroJob **jobs,
               guint     n_jobs,
               GError  **error)
{
  for (guint i = 0; i < n_jobs; i++)
    if (!coro_job_join (jobs[i], error))
      return FALSE;
  return TRUE;
}

gpointer
_coro_deferred_outcome (CoroDeferred  *self,
                        GError       **error)
{
  gpointer result = NULL;

  g_mutex_lock (&_coro_job_lock);
  if (self->state == CORO_JOB_STATE_COMPLETED)
    result = self->result;
  else if (self->cause != NULL)
    g_propagate_error (error, g_error_copy (self->cause));
  g_mutex_unlock (&_coro_job_lock);

  return result;
}

gpointer
coro_deferred_await (CoroDeferred  *self,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!coro_job_join (self, error))
    return NULL;
  return _coro_deferred_outcome (self, error);
}

gboolean
coro_deferred_await_begin (CoroDeferred *self)
{
  return coro_job_join_begin (self);
}

gpointer
coro_deferred_await_finish (CoroDeferred  *self,
                            GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!coro_job_join_finish (self, error))
    return NULL;
  return _coro_deferred_outcome (self, error);
}
