/* coro-step.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

/**
 * CoroStep:
 * @CORO_STEP_DONE: the body is over; its result or error is set
 * @CORO_STEP_SUSPENDED: the body waits for what a `_begin()` call started
 *
 * What a #CoroStepFunc tells its dispatcher when it returns.
 */
typedef enum
{
  CORO_STEP_DONE,
  CORO_STEP_SUSPENDED,
} CoroStep;

/**
 * CoroStepFunc:
 * @scope: the coroutine's job; launch children into it
 * @label: where to resume: 0 on the first call, then whatever the body
 *   stored before it suspended (CORO_STEP_AWAIT() keeps it)
 * @user_data: the data given at launch: the place for anything that must
 *   live across a suspension, since locals do not
 * @result: (out): the body's result, when it returns %CORO_STEP_DONE
 * @error: return location for a failure, when it returns %CORO_STEP_DONE
 *
 * The body of a stackless coroutine: a function the dispatcher calls again
 * each time the coroutine resumes. It suspends by starting a wait with a
 * `_begin()` call (coro_delay_begin(), coro_job_join_begin(),
 * coro_deferred_await_begin(), coro_await_all_begin(),
 * coro_channel_send_begin(), coro_channel_receive_begin(),
 * coro_yield_begin()) and returning %CORO_STEP_SUSPENDED; once resumed it
 * takes the outcome with the matching `_finish()`. The CORO_STEP_BEGIN(),
 * CORO_STEP_AWAIT() and CORO_STEP_END() macros write the resumption
 * switch.
 *
 * A stackless coroutine keeps no stack while it is suspended, only its job
 * and @user_data: a few hundred bytes against a fiber's stack pages. The
 * fiber-only suspend functions (coro_delay(), coro_scope(), ...) refuse to
 * run in one.
 *
 * Returns: %CORO_STEP_SUSPENDED after a `_begin()` call returned %TRUE,
 *   %CORO_STEP_DONE when the body is over
 */
typedef CoroStep (*CoroStepFunc) (CoroJob   *scope,
                                  guint     *label,
                                  gpointer   user_data,
                                  gpointer  *result,
                                  GError   **error);

/**
 * CORO_STEP_BEGIN:
 * @label: the @label argument of the #CoroStepFunc
 *
 * Opens the body of a #CoroStepFunc: jumps to where it last suspended.
 */
#define CORO_STEP_BEGIN(label) switch (*(label)) { case 0:

/**
 * CORO_STEP_AWAIT:
 * @label: the @label argument of the #CoroStepFunc
 * @begin: a `_begin()` call
 *
 * Starts a wait and suspends if it did not complete at once; the body
 * carries on after it when the wait is over, where the matching `_finish()`
 * takes the outcome. Use at most one per source line.
 */
#define CORO_STEP_AWAIT(label, begin) \
  do { \
      *(label) = __LINE__; \
      if (begin) \
        return CORO_STEP_SUSPENDED; \
      G_GNUC_FALLTHROUGH; \
    case __LINE__:; \
  } while (0)

/**
 * CORO_STEP_END:
 * @label: the @label argument of the #CoroStepFunc
 *
 * Closes what CORO_STEP_BEGIN() opened; falling off the end completes the
 * body.
 */
#define CORO_STEP_END(label) \
    break; \
  default: \
    g_assert_not_reached (); \
  } \
  return CORO_STEP_DONE

/**
 * coro_launch_step:
 * @scope: (nullable): the parent job, or %CORO_GLOBAL_SCOPE
 * @context: (nullable): options; the stack size is ignored
 * @step: the coroutine's body
 * @user_data: data for @step, where it keeps its state
 * @user_data_destroy: (nullable): frees @user_data once the body is over
 *
 * The stackless counterpart of coro_launch_full().
 *
 * Returns: (transfer full): the coroutine's job
 */
CoroJob      *coro_launch_step (CoroJob            *scope,
                                const CoroContext  *context,
                                CoroStepFunc        step,
                                gpointer            user_data,
                                GDestroyNotify      user_data_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_async_step:
 * @scope: (nullable): the parent job, or %CORO_GLOBAL_SCOPE
 * @context: (nullable): options; the stack size is ignored
 * @step: the coroutine's body
 * @user_data: data for @step, where it keeps its state
 * @user_data_destroy: (nullable): frees @user_data once the body is over
 * @result_destroy: (nullable): frees the result with the deferred
 *
 * The stackless counterpart of coro_async_full().
 *
 * Returns: (transfer full): the deferred
 */
CoroDeferred *coro_async_step  (CoroJob            *scope,
                                const CoroContext  *context,
                                CoroStepFunc        step,
                                gpointer            user_data,
                                GDestroyNotify      user_data_destroy,
                                GDestroyNotify      result_destroy) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
