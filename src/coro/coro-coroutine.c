/* coro-coroutine.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-delay.h"

#include "coro-alloc-private.h"
#include "coro-debug.h"
#include "coro-dispatcher-private.h"
#include "coro-element-private.h"
#include "coro-error.h"
#include "coro-job-private.h"

/*
 * A coroutine is a job plus a fiber. This file is the suspension protocol:
 *
 *  - _coro_coroutine_park() parks the running coroutine under a fresh
 *    wait id; a fiber then switches back to its dispatcher
 *    (_coro_coroutine_suspend() does both), a stackless body returns;
 *  - _coro_coroutine_resume() hands it a value or an error under that id,
 *    from any thread; a stale id means the wait is over already (the
 *    coroutine was cancelled) and what it carried is freed;
 *  - a cancellation delivered to a suspended, cancellable wait resumes it
 *    with CANCELLED; a value that arrives for a cancelled coroutine is
 *    dropped, never returned (kotlinx's prompt cancellation).
 *
 * Everything that decides (resume, deliver) runs on the coroutine's own
 * thread, so the decision needs no atomics.
 */

static __thread CoroCoroutine *current_coroutine;
static guint64 last_id;

CoroCoroutine *
_coro_coroutine_self (void)
{
  return current_coroutine;
}

void
_coro_coroutine_set_self (CoroCoroutine *co)
{
  current_coroutine = co;
}

/* For the suspend functions that need a fiber to suspend in. */
CoroCoroutine *
_coro_coroutine_require (const char  *func_name,
                         GError     **error)
{
  if (G_LIKELY (current_coroutine != NULL && !current_coroutine->job.is_stackless))
    return current_coroutine;

  if (current_coroutine == NULL)
    {
      g_critical ("%s: this suspend function must be called from a coroutine", func_name);
      g_set_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE,
                   "%s must be called from a coroutine", func_name);
    }
  else
    {
      g_critical ("%s: this suspend function needs a fiber; a stackless body uses the _begin() and _finish() forms",
                  func_name);
      g_set_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_FIBER,
                   "%s must be called from a fiber coroutine", func_name);
    }
  return NULL;
}

/* For the _begin() forms, which only a running stackless body may call. */
CoroCoroutine *
_coro_coroutine_require_step (const char *func_name)
{
  if (G_LIKELY (current_coroutine != NULL && current_coroutine->job.is_stackless))
    return current_coroutine;

  g_critical ("%s must be called from the body of a stackless coroutine", func_name);
  return NULL;
}

static void
release_wait_data (CoroCoroutine *co)
{
  gpointer data = g_steal_pointer (&co->wait_cancel_data);

  if (data != NULL && co->wait_kind->cancel_data_destroy != NULL)
    co->wait_kind->cancel_data_destroy (data);
}

/* Undoes a wait that a misbehaving stackless body left behind. */
static void
unpark (CoroCoroutine *co)
{
  /* Once resumed (READY), the wait is over and has nothing to undo. */
  if (co->state == CORO_STATE_SUSPENDED && co->wait_kind->cancel != NULL)
    co->wait_kind->cancel (co, co->wait_cancel_data);
  release_wait_data (co);
  co->wait_id++;   /* a resume on its way is stale now */
  co->state = CORO_STATE_RUNNING;
}

/* For the _finish() forms. The misuse their _begin() already complained
 * of only sets @error here. A body that did not return after a wait that
 * suspended gets the wait undone, so that nothing resumes it later. */
CoroCoroutine *
_coro_coroutine_finishing (const char  *func_name,
                           GError     **error)
{
  CoroCoroutine *co = current_coroutine;

  if (G_UNLIKELY (co == NULL || !co->job.is_stackless))
    {
      g_set_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE,
                   "%s must be called from the body of a stackless coroutine", func_name);
      return NULL;
    }

  if (G_UNLIKELY (co->state != CORO_STATE_RUNNING))
    {
      g_critical ("%s: the body went on without returning CORO_STEP_SUSPENDED", func_name);
      unpark (co);
      g_set_error (error, CORO_ERROR, CORO_ERROR_STEP_PROTOCOL,
                   "%s was called before the wait was over", func_name);
      return NULL;
    }

  return co;
}

gboolean
_coro_coroutine_check_active (CoroCoroutine  *co,
                              GError        **error)
{
  /* The hot path of every wait: no lock unless it is cancelled. */
  if (G_LIKELY (!_coro_job_is_cancelled_unlocked (co->current)))
    return TRUE;

  g_propagate_error (error, _coro_job_dup_cancel_error (co->current));
  return FALSE;
}

CoroCoroutine *
_coro_coroutine_new (CoroJob           *parent,
                     const CoroContext *context,
                     CoroJobKind        kind,
                     CoroFunc           func,
                     gpointer           data,
                     GDestroyNotify     data_destroy)
{
  CoroCoroutine *co = _coro_coroutine_alloc ();
  const char *name = context->name;

  if (name == NULL)
    name = parent != NULL ? parent->name : "coroutine";

  co->id = (guint64) g_atomic_pointer_add (&last_id, 1) + 1;
  co->job.owner = co;
  co->job.handler = context->exception_handler;
  co->job.handler_data = context->exception_handler_data;
  co->executor = coro_dispatcher_ref (_coro_dispatcher_pick_executor (context->dispatcher));
  co->current = &co->job;
  co->stack_size = context->stack_size;   /* until it runs: see _coro_launch() for a step */
  co->func = func;
  co->data = data;
  co->data_destroy = data_destroy;
  co->state = CORO_STATE_CREATED;
  co->timer = (CoroTimer) CORO_TIMER_INIT;

  _coro_job_init (&co->job, kind, parent, context->dispatcher, name);
  if (G_UNLIKELY (context->elements != NULL))
    _coro_element_set_add (&co->job.elements, context->elements);

  g_atomic_int_inc (&co->executor->n_live);
  _coro_debug_register (co);

  return co;
}

/* Runs an unconfined coroutine up to its first suspension, now. Fibers
 * switch in a star, so a fiber caller cannot run it itself: it hands its
 * turn over, the child first and itself right after, ahead of everything
 * else that is ready. Anyone else is on the thread's own stack already. */
static const CoroWaitKind unconfined_start_wait = { "unconfined start", NULL, NULL };

static void
start_undispatched (CoroCoroutine *co)
{
  CoroCoroutine *caller = current_coroutine;

  if (caller == NULL || caller->job.is_stackless)
    {
      _coro_coroutine_run (co);
      return;
    }

  _coro_coroutine_park (caller, &unconfined_start_wait, FALSE, NULL);
  caller->state = CORO_STATE_READY;
  _coro_dispatcher_push_front (co->executor, caller);
  _coro_dispatcher_push_front (co->executor, co);
  _coro_coroutine_wait (caller, TRUE);
  _coro_coroutine_outcome (caller, NULL, NULL);
}

/* Makes @co ready, once, however many race to start it. */
static gboolean
mark_started (CoroCoroutine *co)
{
  guint8 not_started = 0;

  if (!__atomic_compare_exchange_n (&co->started, &not_started, 1, FALSE, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
    return FALSE;

  co->state = CORO_STATE_READY;
  coro_job_ref (&co->job);   /* the dispatcher's, until the fiber is done */
  return TRUE;
}

void
_coro_coroutine_start (CoroCoroutine *co)
{
  if (!mark_started (co))
    return;

  if (G_UNLIKELY (co->job.dispatcher == _coro_unconfined) &&
      _coro_dispatcher_is_current (co->executor))
    start_undispatched (co);
  else
    _coro_dispatcher_push_ready (co->executor, co);
}

static void
fiber_main (gpointer data)
{
  CoroCoroutine *co = data;
  GError *error = NULL;
  gpointer result;

  result = co->func (&co->job, co->data, &error);

  if (co->data_destroy != NULL)
    co->data_destroy (co->data);
  co->data = NULL;

  _coro_job_body_done (&co->job, result, error);
}

static void
finish (CoroCoroutine *co)
{
  CoroDispatcher *executor = co->executor;

  co->state = CORO_STATE_FINISHED;
  _coro_debug_unregister (co);
  g_atomic_int_add (&executor->n_live, -1);
  coro_job_unref (&co->job);
}

/* Runs a stackless body up to its next suspension. */
static gboolean
run_step (CoroCoroutine *co)
{
  gpointer result = NULL;
  GError *error = NULL;
  CoroStep step;

  step = co->step (&co->job, &co->label, co->data, &result, &error);

  if (step == CORO_STEP_SUSPENDED)
    {
      if (G_LIKELY (co->state != CORO_STATE_RUNNING))
        return FALSE;

      g_critical ("Coroutine %s#%" G_GUINT64_FORMAT " returned CORO_STEP_SUSPENDED without a wait",
                  co->job.name, co->id);
      g_clear_error (&error);
      error = g_error_new (CORO_ERROR, CORO_ERROR_STEP_PROTOCOL,
                           "Coroutine %s suspended without a wait", co->job.name);
    }
  else if (G_UNLIKELY (co->state == CORO_STATE_SUSPENDED))
    {
      g_critical ("Coroutine %s#%" G_GUINT64_FORMAT " returned CORO_STEP_DONE during a wait",
                  co->job.name, co->id);
      unpark (co);
    }

  if (co->data_destroy != NULL)
    co->data_destroy (co->data);
  co->data = NULL;
  _coro_job_body_done (&co->job, result, error);
  return TRUE;
}

/* Runs the body up to its next suspension or its end; returns whether it
 * ended. */
static gboolean
resume_body (CoroCoroutine *co)
{
  gboolean done;

  if (co->job.is_stackless)
    return run_step (co);

  _coro_fiber_resume (co->fiber);
  done = _coro_fiber_is_finished (co->fiber);
  if (done)
    g_clear_pointer (&co->fiber, _coro_fiber_free);
  return done;
}

/* The same, with the coroutine's context elements installed on this
 * thread for as long as it runs, and the thread's own state back after.
 * The job, and so its elements, lives until finish(). */
static gboolean
resume_body_with_elements (CoroCoroutine *co)
{
  CoroElementSet *elements = co->job.elements;
  gpointer saved[8];
  gpointer *old_states;
  gboolean done;

  old_states = _coro_element_set_update (elements, saved, G_N_ELEMENTS (saved));
  done = resume_body (co);
  _coro_element_set_restore (elements, old_states, saved);
  return done;
}

/* Called by the dispatcher, on its thread, for a coroutine taken off the
 * ready queue. */
void
_coro_coroutine_run (CoroCoroutine *co)
{
  CoroCoroutine *previous;
  gboolean done;

  if (!co->ran)
    {
      /* Cancelled before it ever ran: kotlinx does not start the body. */
      if (_coro_job_is_cancelled_unlocked (&co->job))
        {
          if (co->data_destroy != NULL)
            co->data_destroy (co->data);
          co->data = NULL;
          co->stack_size = 0;   /* read as its fiber from now on */
          co->ran = TRUE;
          _coro_job_body_done (&co->job, NULL, _coro_job_dup_cancel_error (&co->job));
          finish (co);
          return;
        }

      co->ran = TRUE;
      if (co->job.is_stackless)
        co->fiber = NULL;
      else
        co->fiber = _coro_fiber_new (co->executor->stacks, co->stack_size, co->job.name, fiber_main, co);
    }

  co->state = CORO_STATE_RUNNING;
  previous = current_coroutine;
  current_coroutine = co;
  if (G_LIKELY (co->job.elements == NULL))
    done = resume_body (co);
  else
    done = resume_body_with_elements (co);
  current_coroutine = previous;

  if (done)
    finish (co);
}

/* Parks the running coroutine under a fresh wait id: whoever completes
 * the wait resumes it with that id. The caller then leaves the body: a
 * fiber switches away (_coro_coroutine_wait()), a stackless body returns. */
void
_coro_coroutine_park (CoroCoroutine      *co,
                      const CoroWaitKind *kind,
                      gboolean            cancellable,
                      gpointer            cancel_data)
{
  g_assert (co == current_coroutine && co->state == CORO_STATE_RUNNING);
  g_assert (co->wait_cancel_data == NULL);

  co->wait_id++;
  co->state = CORO_STATE_SUSPENDED;
  co->wait_kind = kind;
  co->wait_cancellable = cancellable;
  co->wait_cancel_data = cancel_data;
}

/* The outcome of a wait that was over before it began: what
 * _coro_coroutine_outcome() will hand back without a suspension. */
void
_coro_coroutine_complete_now (CoroCoroutine  *co,
                              gpointer        value,
                              GDestroyNotify  value_destroy,
                              GError         *error)
{
  g_assert (co == current_coroutine && co->state == CORO_STATE_RUNNING);
  g_assert (co->resume_value == NULL && co->resume_error == NULL);

  co->wait_cancellable = FALSE;
  co->resume_value = value;
  co->resume_destroy = value_destroy;
  co->resume_error = error;
}

/* In a fiber: switches away until a parked wait is resumed. */
void
_coro_coroutine_wait (CoroCoroutine *co,
                      gboolean       parked)
{
  if (!parked)
    return;

  _coro_fiber_suspend ();
  g_assert (co->state == CORO_STATE_RUNNING);
}

/* Hands out what the last wait ended with. A cancellable wait whose
 * coroutine was cancelled meanwhile ends with CANCELLED whatever it
 * carried (kotlinx's prompt cancellation), and what it carried is freed. */
gboolean
_coro_coroutine_outcome (CoroCoroutine  *co,
                         gpointer       *value,
                         GError        **error)
{
  gpointer resumed_value = g_steal_pointer (&co->resume_value);
  GDestroyNotify resumed_destroy = g_steal_pointer (&co->resume_destroy);
  GError *resumed_error = g_steal_pointer (&co->resume_error);

  release_wait_data (co);
  if (resumed_error == NULL && co->wait_cancellable)
    _coro_coroutine_check_active (co, &resumed_error);
  co->wait_cancellable = FALSE;

  if (resumed_error != NULL)
    {
      if (resumed_value != NULL && resumed_destroy != NULL)
        resumed_destroy (resumed_value);
      g_propagate_error (error, resumed_error);
      return FALSE;
    }

  if (value != NULL)
    *value = resumed_value;
  else if (resumed_value != NULL && resumed_destroy != NULL)
    resumed_destroy (resumed_value);

  return TRUE;
}

/* A whole wait, in a fiber. */
gboolean
_coro_coroutine_suspend (CoroCoroutine       *co,
                         const CoroWaitKind  *kind,
                         gboolean             cancellable,
                         gpointer             cancel_data,
                         gpointer            *value,
                         GError             **error)
{
  g_assert (co->fiber != NULL);
  g_assert (kind->cancel_data_destroy == NULL);

  _coro_coroutine_park (co, kind, cancellable, cancel_data);
  _coro_coroutine_wait (co, TRUE);
  return _coro_coroutine_outcome (co, value, error);
}

typedef struct
{
  CoroCoroutine  *co;
  guint64         wait_id;
  gpointer        value;
  GDestroyNotify  value_destroy;
  GError         *error;
} Resume;

static void
resume_here (CoroCoroutine  *co,
             guint64         wait_id,
             gpointer        value,
             GDestroyNotify  value_destroy,
             GError         *error)
{
  if (co->state != CORO_STATE_SUSPENDED || co->wait_id != wait_id)
    {
      if (value != NULL && value_destroy != NULL)
        value_destroy (value);
      g_clear_error (&error);
      return;
    }

  co->resume_value = value;
  co->resume_destroy = value_destroy;
  co->resume_error = error;
  co->state = CORO_STATE_READY;   /* no cancel now; its data goes when the outcome is taken */
  _coro_dispatcher_push_ready (co->executor, co);
}

static void
resume_task (gpointer data)
{
  Resume *resume = data;

  resume_here (resume->co, resume->wait_id, resume->value, resume->value_destroy, resume->error);
  coro_job_unref (&resume->co->job);
  g_free (resume);
}

/**
 * _coro_coroutine_resume:
 * @co: a coroutine
 * @wait_id: the id of the wait being completed
 * @value: (transfer full) (nullable): what the wait produced
 * @value_destroy: (nullable): frees @value if it is not delivered
 * @error: (transfer full) (nullable): the wait's failure
 *
 * Completes a wait, from any thread.
 */
void
_coro_coroutine_resume (CoroCoroutine  *co,
                        guint64         wait_id,
                        gpointer        value,
                        GDestroyNotify  value_destroy,
                        GError         *error)
{
  Resume *resume;

  if (_coro_dispatcher_is_current (co->executor))
    {
      resume_here (co, wait_id, value, value_destroy, error);
      return;
    }

  resume = g_new (Resume, 1);
  resume->co = (CoroCoroutine *) coro_job_ref (&co->job);
  resume->wait_id = wait_id;
  resume->value = value;
  resume->value_destroy = value_destroy;
  resume->error = error;
  _coro_dispatcher_run_on_owner (co->executor, resume_task, resume);
}

static void
deliver_cancel_here (CoroCoroutine *co)
{
  gboolean cancelled;

  if (co->state != CORO_STATE_SUSPENDED || !co->wait_cancellable)
    return;

  g_mutex_lock (&_coro_job_lock);
  cancelled = _coro_job_is_cancelled_locked (co->current);
  g_mutex_unlock (&_coro_job_lock);
  if (!cancelled)
    return;

  if (co->wait_kind->cancel != NULL)
    co->wait_kind->cancel (co, co->wait_cancel_data);
  resume_here (co, co->wait_id, NULL, NULL, _coro_job_dup_cancel_error (co->current));
}

static void
deliver_cancel_task (gpointer data)
{
  CoroCoroutine *co = data;

  deliver_cancel_here (co);
  coro_job_unref (&co->job);
}

void
_coro_coroutine_deliver_cancel (CoroCoroutine *co)
{
  /* A lazy coroutine cancelled before it started still has to complete;
   * run would skip its body. Queued even when unconfined: this runs
   * wherever the cancel came from, where the caller cannot be suspended. */
  if (!_coro_coroutine_is_started (co))
    {
      if (mark_started (co))
        _coro_dispatcher_push_ready (co->executor, co);
      return;
    }

  if (_coro_dispatcher_is_current (co->executor))
    deliver_cancel_here (co);
  else
    _coro_dispatcher_run_on_owner (co->executor, deliver_cancel_task, coro_job_ref (&co->job));
}

/* Readies the coroutine's embedded waiter for its next suspension. */
void
_coro_waiter_prepare (CoroCoroutine *co,
                      gpointer       slot)
{
  co->waiter = (CoroWaiter) { 0 };
  co->waiter.co = co;
  co->waiter.wait_id = co->wait_id + 1;
  co->waiter.slot = slot;
}

void
_coro_wait_queue_push (CoroWaitQueue *queue,
                       CoroWaiter    *waiter)
{
  g_assert (waiter->queue == NULL);
  waiter->queue = queue;
  waiter->next = NULL;
  waiter->prev = queue->tail;
  if (queue->tail != NULL)
    queue->tail->next = waiter;
  else
    queue->head = waiter;
  queue->tail = waiter;
}

void
_coro_wait_queue_remove (CoroWaitQueue *queue,
                         CoroWaiter    *waiter)
{
  if (waiter->prev != NULL)
    waiter->prev->next = waiter->next;
  else
    queue->head = waiter->next;
  if (waiter->next != NULL)
    waiter->next->prev = waiter->prev;
  else
    queue->tail = waiter->prev;
  waiter->prev = waiter->next = NULL;
  waiter->queue = NULL;
}

CoroWaiter *
_coro_wait_queue_pop (CoroWaitQueue *queue)
{
  CoroWaiter *waiter = queue->head;

  if (waiter != NULL)
    _coro_wait_queue_remove (queue, waiter);
  return waiter;
}

/* Under the lock of the queue @waiter was taken off. A coroutine of this
 * thread's dispatcher cannot go on before the waker returns, nor end: its
 * cancellation and its resumes all run here. */
void
_coro_wake_hold (CoroWake   *wake,
                 CoroWaiter *waiter)
{
  g_assert (waiter->select == NULL);

  wake->co = waiter->co;
  wake->wait_id = waiter->wait_id;
  wake->ref = !_coro_dispatcher_is_current (wake->co->executor);
  if (wake->ref)
    coro_job_ref (&wake->co->job);
}

/* After unlocking. */
void
_coro_wake_resume (CoroWake       *wake,
                   gpointer        value,
                   GDestroyNotify  value_destroy,
                   GError         *error)
{
  _coro_coroutine_resume (wake->co, wake->wait_id, value, value_destroy, error);
  if (wake->ref)
    coro_job_unref (&wake->co->job);
}

gboolean
coro_is_in_coroutine (void)
{
  return current_coroutine != NULL;
}

gboolean
coro_is_active (void)
{
  return current_coroutine != NULL && _coro_coroutine_check_active (current_coroutine, NULL);
}

CoroJob *
coro_current_job (void)
{
  return current_coroutine != NULL ? current_coroutine->current : NULL;
}

GCancellable *
coro_get_cancellable (void)
{
  return current_coroutine != NULL ? coro_job_get_cancellable (current_coroutine->current) : NULL;
}

gint64
coro_current_time (void)
{
  CoroDispatcher *dispatcher = current_coroutine != NULL ? current_coroutine->executor : _coro_dispatcher_current ();

  if (dispatcher == NULL)
    return g_get_monotonic_time () / 1000;
  return _coro_dispatcher_now (dispatcher) / 1000;
}
