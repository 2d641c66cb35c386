/* coro-delay.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-delay.h"

#include "coro-dispatcher-private.h"
#include "coro-error.h"
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

/* Starts a delay; FALSE when it is over at once, with the outcome set. */
static const CoroWaitKind delay_wait = { "delay", delay_cancel, NULL };

static gboolean
delay_begin (CoroCoroutine *co,
             gint64         ms)
{
  GError *error = NULL;

  if (!_coro_coroutine_check_active (co, &error) || ms <= 0)
    {
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  co->timer = (CoroTimer) CORO_TIMER_INIT;
  co->timer.deadline = _coro_deadline_after (co->executor, ms);
  co->timer.func = delay_fire;
  _coro_dispatcher_add_timer (co->executor, &co->timer);
  _coro_coroutine_park (co, &delay_wait, TRUE, NULL);
  return TRUE;
}

gboolean
coro_delay (gint64   ms,
            GError **error)
{
  CoroCoroutine *co = _coro_coroutine_require (G_STRFUNC, error);

  if (co == NULL)
    return FALSE;

  _coro_coroutine_wait (co, delay_begin (co, ms));
  return _coro_coroutine_outcome (co, NULL, error);
}

gboolean
coro_delay_begin (gint64 ms)
{
  CoroCoroutine *co = _coro_coroutine_require_step (G_STRFUNC);

  return co != NULL && delay_begin (co, ms);
}

gboolean
coro_delay_finish (GError **error)
{
  CoroCoroutine *co = _coro_coroutine_finishing (G_STRFUNC, error);

  return co != NULL && _coro_coroutine_outcome (co, NULL, error);
}

static const CoroWaitKind yield_wait = { "yield", NULL, NULL };

static gboolean
yield_begin (CoroCoroutine *co)
{
  GError *error = NULL;

  if (!_coro_coroutine_check_active (co, &error))
    {
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  /* Ready at once, but behind everything else, below redraw. */
  _coro_coroutine_park (co, &yield_wait, TRUE, NULL);
  co->state = CORO_STATE_READY;
  _coro_dispatcher_push_idle (co->executor, co);
  return TRUE;
}

gboolean
coro_yield (GError **error)
{
  CoroCoroutine *co = _coro_coroutine_require (G_STRFUNC, error);

  if (co == NULL)
    return FALSE;

  _coro_coroutine_wait (co, yield_begin (co));
  return _coro_coroutine_outcome (co, NULL, error);
}

gboolean
coro_yield_begin (void)
{
  CoroCoroutine *co = _coro_coroutine_require_step (G_STRFUNC);

  return co != NULL && yield_begin (co);
}

gboolean
coro_yield_finish (GError **error)
{
  CoroCoroutine *co = _coro_coroutine_finishing (G_STRFUNC, error);

  return co != NULL && _coro_coroutine_outcome (co, NULL, error);
}

gboolean
coro_ensure_active (GError **error)
{
  CoroCoroutine *co = _coro_coroutine_self ();

  if (co == NULL)
    {
      g_critical ("%s must be called from a coroutine", G_STRFUNC);
      g_set_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE,
                   "%s must be called from a coroutine", G_STRFUNC);
      return FALSE;
    }
  return _coro_coroutine_check_active (co, error);
}
