/* coro-scope.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-scope.h"

#include "coro-dispatcher-private.h"
#include "coro-error.h"
#include "coro-job-private.h"

/*
 * Scopes run their body on the calling coroutine's own fiber, under a new
 * job that becomes the coroutine's innermost one: children launched into it
 * belong to it, and its cancellation is what the body's suspension points
 * see. A scope always waits for its children, even when cancelled, and hands
 * its failure to the caller instead of the job tree.
 */

typedef struct
{
  CoroTimer  timer;
  CoroJob   *scope;
  gint64     timeout_ms;
  gboolean   timed_out;   /* the timer's error became the scope's cause */
} Timeout;

static CoroJob *
enter (CoroCoroutine *co,
       CoroJobKind    kind,
       gboolean       supervisor)
{
  CoroJob *parent = kind == CORO_JOB_DETACHED ? NULL : co->current;
  CoroJob *scope = _coro_job_new_scope (co, kind, parent, supervisor);

  co->current = scope;
  return scope;
}

static void
run_body (CoroCoroutine *co,
          CoroJob       *scope,
          CoroJob       *outer,
          CoroFunc       func,
          gpointer       user_data)
{
  GError *local_error = NULL;
  gpointer result;

  result = func (scope, user_data, &local_error);
  _coro_job_body_done (scope, result, local_error);
  _coro_job_wait_final (scope, FALSE, NULL);
  co->current = outer;
}

static gpointer
run_scope (const char  *func_name,
           CoroJobKind  kind,
           gboolean     supervisor,
           CoroFunc     func,
           gpointer     user_data,
           GError     **error)
{
  CoroCoroutine *co = _coro_coroutine_require (func_name, error);
  CoroJob *outer;
  CoroJob *scope;
  gpointer result;

  if (co == NULL)
    return NULL;
  if (kind != CORO_JOB_DETACHED && !_coro_coroutine_check_active (co, error))
    return NULL;

  outer = co->current;
  scope = enter (co, kind, supervisor);
  run_body (co, scope, outer, func, user_data);
  result = _coro_job_take_outcome (scope, error);
  coro_job_unref (scope);

  return result;
}

gpointer
coro_scope (CoroFunc   func,
            gpointer   user_data,
            GError   **error)
{
  g_return_val_if_fail (func != NULL, NULL);

  return run_scope (G_STRFUNC, CORO_JOB_SCOPE, FALSE, func, user_data, error);
}

gpointer
coro_supervisor_scope (CoroFunc   func,
                       gpointer   user_data,
                       GError   **error)
{
  g_return_val_if_fail (func != NULL, NULL);

  return run_scope (G_STRFUNC, CORO_JOB_SCOPE, TRUE, func, user_data, error);
}

gpointer
coro_with_non_cancellable (CoroFunc   func,
                           gpointer   user_data,
                           GError   **error)
{
  g_return_val_if_fail (func != NULL, NULL);

  return run_scope (G_STRFUNC, CORO_JOB_DETACHED, FALSE, func, user_data, error);
}

static void
timeout_fire (CoroTimer *timer)
{
  Timeout *timeout = (Timeout *) timer;

  timeout->timed_out =
    _coro_job_cancel_with (timeout->scope,
                           g_error_new (CORO_ERROR, CORO_ERROR_TIMEOUT,
                                        "Timed out waiting for %" G_GINT64_FORMAT " ms",
                                        timeout->timeout_ms));
}

static gpointer
run_with_timeout (const char  *func_name,
                  gint64       timeout_ms,
                  CoroFunc     func,
                  gpointer     user_data,
                  gboolean    *timed_out,
                  GError     **error)
{
  CoroCoroutine *co = _coro_coroutine_require (func_name, error);
  Timeout *timeout;
  CoroJob *outer;
  gpointer result;

  *timed_out = FALSE;
  if (co == NULL || !_coro_coroutine_check_active (co, error))
    return NULL;

  outer = co->current;

  /* On the heap, not this fiber's stack: the dispatcher fires the timer
   * while the fiber is suspended, and nothing reads a suspended stack. */
  timeout = g_new0 (Timeout, 1);
  timeout->timer = (CoroTimer) CORO_TIMER_INIT;
  timeout->timeout_ms = timeout_ms;
  timeout->scope = enter (co, CORO_JOB_SCOPE, FALSE);
  timeout->scope->is_timeout = TRUE;
  timeout->timer.deadline = _coro_deadline_after (co->executor, MAX (timeout_ms, 0));
  timeout->timer.func = timeout_fire;
  if (timeout_ms <= 0)
    timeout_fire (&timeout->timer);
  else
    _coro_dispatcher_add_timer (co->executor, &timeout->timer);

  run_body (co, timeout->scope, outer, func, user_data);
  _coro_dispatcher_remove_timer (co->executor, &timeout->timer);

  *timed_out = timeout->timed_out;
  result = _coro_job_take_outcome (timeout->scope, error);
  coro_job_unref (timeout->scope);
  g_free (timeout);

  return result;
}

gpointer
coro_with_timeout (gint64     timeout_ms,
                   CoroFunc   func,
                   gpointer   user_data,
                   GError   **error)
{
  gboolean timed_out;

  g_return_val_if_fail (func != NULL, NULL);

  return run_with_timeout (G_STRFUNC, timeout_ms, func, user_data, &timed_out, error);
}

gpointer
coro_with_timeout_or_null (gint64     timeout_ms,
                           CoroFunc   func,
                           gpointer   user_data,
                           GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean timed_out;
  gpointer result;

  g_return_val_if_fail (func != NULL, NULL);

  result = run_with_timeout (G_STRFUNC, timeout_ms, func, user_data, &timed_out, &local_error);
  if (local_error != NULL &&
      !(timed_out && g_error_matches (local_error, CORO_ERROR, CORO_ERROR_TIMEOUT)))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return result;
}

gpointer
coro_with_context (CoroDispatcher  *dispatcher,
                   CoroFunc         func,
                   gpointer         user_data,
                   GError         **error)
{
  g_return_val_if_fail (dispatcher != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  return coro_with_context_full (&(CoroContext) { .dispatcher = dispatcher },
                                 func, user_data, error);
}

gpointer
coro_with_context_full (const CoroContext  *context,
                        CoroFunc            func,
                        gpointer            user_data,
                        GError            **error)
{
  CoroCoroutine *co;
  CoroCoroutine *child;
  CoroDispatcher *dispatcher;
  gpointer result;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (!context->lazy && context->exception_handler == NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  co = _coro_coroutine_require (G_STRFUNC, error);
  if (co == NULL || !_coro_coroutine_check_active (co, error))
    return NULL;

  dispatcher = context->dispatcher != NULL ? context->dispatcher : co->current->dispatcher;
  child = _coro_coroutine_new (co->current,
                               &(CoroContext) {
                                 .dispatcher = dispatcher,
                                 .name = context->name,
                                 .stack_size = context->stack_size,
                                 .elements = context->elements,
                               },
                               CORO_JOB_SCOPED, func, user_data, NULL);
  /* The same coroutine to its logs, as kotlinx's withContext keeps its
   * coroutine's id. */
  child->id = co->id;
  _coro_coroutine_start (child);
  _coro_job_wait_final (&child->job, FALSE, NULL);

  result = _coro_job_take_outcome (&child->job, error);
  coro_job_unref (&child->job);

  return result;
}
