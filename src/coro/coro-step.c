/* coro-step.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-step.h"

#include "coro-job-private.h"

/*
 * Stackless coroutines: the same jobs, dispatchers and waits as fibers,
 * with a body the dispatcher calls again at each resumption instead of a
 * stack it switches to. This is possible because the core only ever
 * resumes a coroutine with a value or an error kept on the heap; how the
 * body keeps its place is its own business.
 */

CoroJob *
coro_launch_step (CoroJob           *scope,
                  const CoroContext *context,
                  CoroStepFunc       step,
                  gpointer           user_data,
                  GDestroyNotify     user_data_destroy)
{
  g_return_val_if_fail (step != NULL, NULL);

  return &_coro_launch (scope, context, FALSE, NULL, step, user_data, user_data_destroy, NULL)->job;
}

CoroDeferred *
coro_async_step (CoroJob           *scope,
                 const CoroContext *context,
                 CoroStepFunc       step,
                 gpointer           user_data,
                 GDestroyNotify     user_data_destroy,
                 GDestroyNotify     result_destroy)
{
  g_return_val_if_fail (step != NULL, NULL);

  return &_coro_launch (scope, context, TRUE, NULL, step, user_data, user_data_destroy, result_destroy)->job;
}
