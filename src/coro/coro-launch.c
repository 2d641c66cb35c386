/* coro-launch.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Making coroutines: coro_launch(), coro_async() and their _full()
 * variants, which pick the dispatcher a child inherits, and
 * coro_job_start() for lazy ones. Separate from coro-job.c, which keeps
 * the tree they are linked into, and from coro-coroutine.c, which runs
 * them.
 */

#include "config.h"

#include "coro-job.h"

#include "coro-dispatcher.h"
#include "coro-job-private.h"

static CoroDispatcher *
inherited_dispatcher (CoroJob           *scope,
                      const CoroContext *context)
{
  if (context != NULL && context->dispatcher != NULL)
    return context->dispatcher;
  if (scope != NULL)
    return scope->dispatcher;
  return coro_dispatcher_default ();
}

/* Creates and (unless lazy) starts a child of @scope whose body is either
 * a fiber function or a stackless step function. */
CoroCoroutine *
_coro_launch (CoroJob           *scope,
              const CoroContext *context,
              gboolean           is_async,
              CoroFunc           func,
              CoroStepFunc       step,
              gpointer           user_data,
              GDestroyNotify     user_data_destroy,
              GDestroyNotify     result_destroy)
{
  CoroContext resolved = { 0 };
  CoroCoroutine *co;

  if (context != NULL)
    resolved = *context;
  resolved.dispatcher = inherited_dispatcher (scope, context);

  co = _coro_coroutine_new (scope, &resolved, CORO_JOB_COROUTINE, func, user_data, user_data_destroy);
  if (step != NULL)
    {
      co->job.is_stackless = TRUE;
      co->step = step;
    }
  co->job.is_async = is_async;
  co->job.is_root_launch = !is_async && scope == NULL;
  co->job.result_destroy = result_destroy;
  if (!resolved.lazy)
    _coro_coroutine_start (co);

  return co;
}

CoroJob *
coro_launch (CoroJob        *scope,
             CoroFunc        func,
             gpointer        user_data,
             GDestroyNotify  user_data_destroy)
{
  return coro_launch_full (scope, NULL, func, user_data, user_data_destroy);
}

CoroJob *
coro_launch_full (CoroJob           *scope,
                  const CoroContext *context,
                  CoroFunc           func,
                  gpointer           user_data,
                  GDestroyNotify     user_data_destroy)
{
  g_return_val_if_fail (func != NULL, NULL);

  return &_coro_launch (scope, context, FALSE, func, NULL, user_data, user_data_destroy, NULL)->job;
}

CoroDeferred *
coro_async (CoroJob        *scope,
            CoroFunc        func,
            gpointer        user_data,
            GDestroyNotify  user_data_destroy,
            GDestroyNotify  result_destroy)
{
  return coro_async_full (scope, NULL, func, user_data, user_data_destroy, result_destroy);
}

CoroDeferred *
coro_async_full (CoroJob           *scope,
                 const CoroContext *context,
                 CoroFunc           func,
                 gpointer           user_data,
                 GDestroyNotify     user_data_destroy,
                 GDestroyNotify     result_destroy)
{
  g_return_val_if_fail (func != NULL, NULL);

  return &_coro_launch (scope, context, TRUE, func, NULL, user_data, user_data_destroy, result_destroy)->job;
}

gboolean
coro_job_start (CoroJob *self)
{
  CoroCoroutine *co = (CoroCoroutine *) self;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!_coro_job_is_coroutine (self) || _coro_coroutine_is_started (co))
    return FALSE;
  _coro_coroutine_start (co);
  return TRUE;
}
