/* coro-delay.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-delay.h"

#include "coro-dispatcher-private.h"
#include "coro-job-private.h"

static void
delay_fire (CoroTimer *timer)
{
  CoroCoroutine *co = G_STRUCT_MEMBER_P (timer, -G_STRUCT_OFFSET (CoroCoroutine, timer));

  _coro_coroutine_resume (co, co->wait_id, NULL, NULL, NULL);
}

static void
delay_cancel (CoroCoroutine *co,
              gpointer       data)
{
  _coro_dispatcher_remove_timer (co->executor, &co->timer);
}

/**
 * coro_delay:
 * @ms: how long, in milliseconds; 0 or less returns at once
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine for @ms on its dispatcher's clock (virtual
 * under coro_run_test()). Cancellable: returns G_IO_ERROR_CANCELLED as soon
 * as the coroutine is cancelled.
 *
 * Returns: %TRUE when the time has passed
 */
gboolean
coro_delay (gint64   ms,
            GError **error)
{
  CoroCoroutine *co = _coro_coroutine_require (G_STRFUNC, error);

  if (co == NULL || !_coro_coroutine_check_active (co, error))
    return FALSE;
  if (ms <= 0)
    return TRUE;

  co->timer = (CoroTimer) CORO_TIMER_INIT;
  co->timer.deadline = _coro_deadline_after (co->executor, ms);
  co->timer.func = delay_fire;
  _coro_dispatcher_add_timer (co->executor, &co->timer);

  return _coro_coroutine_suspend (co, "delay", TRUE, delay_cancel, NULL, NULL, error);
}

/**
 * coro_yield:
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine to let every other ready coroutine, and the
 * main loop's input and painting, run first. It runs again below GTK's
 * redraw priority.
 *
 * Returns: %FALSE with CANCELLED if the coroutine is cancelled
 */
gboolean
coro_yield (GError **error)
{
  CoroCoroutine *co = _coro_coroutine_require (G_STRFUNC, error);

  if (co == NULL || !_coro_coroutine_check_active (co, error))
    return FALSE;

  co->wait_id++;
  co->state = CORO_STATE_READY;
  co->wait_what = "yield";
  _coro_dispatcher_push_idle (co->executor, co);
  _coro_fiber_suspend ();

  return _coro_coroutine_check_active (co, error);
}

/**
 * coro_ensure_active:
 * @error: return location for a #GError
 *
 * A cancellation check for long computations that do not suspend.
 *
 * Returns: %FALSE with CANCELLED if the calling coroutine is cancelled
 */
gboolean
coro_ensure_active (GError **error)
{
  CoroCoroutine *co = _coro_coroutine_require (G_STRFUNC, error);

  return co != NULL && _coro_coroutine_check_active (co, error);
}
