/* coro-gio.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-gio.h"

#include "coro-dispatcher-private.h"
#include "coro-job-private.h"

/*
 * GIO calls its callback exactly once, even after a cancel, so the record of
 * an operation lives until then, apart from the coroutine: a cancelled
 * coroutine resumes at once with CANCELLED, and the late result is finished
 * and freed here.
 */

typedef struct
{
  CoroCoroutine       *co;
  guint64              wait_id;
  CoroAsyncFinishFunc  finish;
  gpointer             data;
  GDestroyNotify       data_destroy;
  GDestroyNotify       result_destroy;
  GCancellable        *cancellable;
} Operation;

static void
operation_free (Operation *op)
{
  g_atomic_int_add (&op->co->executor->n_pending, -1);
  if (op->data_destroy != NULL)
    op->data_destroy (op->data);
  g_clear_object (&op->cancellable);
  coro_job_unref (&op->co->job);
  g_free (op);
}

static void
operation_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Operation *op = user_data;
  GError *error = NULL;
  gpointer value;

  value = op->finish (op->data, result, &error);
  _coro_coroutine_resume (op->co, op->wait_id, value, op->result_destroy, error);
  operation_free (op);
}

/**
 * coro_await_async:
 * @start: starts the operation
 * @finish: finishes it
 * @data: for @start and @finish; must stay valid until the operation is
 *   over, which may be after the coroutine was cancelled
 * @data_destroy: (nullable): frees @data then
 * @result_destroy: (nullable): frees a result nobody receives
 * @error: return location for a #GError
 *
 * Turns any GIO-style `_async`/`_finish` pair into a suspend call: starts
 * the operation with the calling coroutine's dispatcher context as the
 * thread-default, and suspends until it completes. Cancelling the coroutine
 * cancels the operation and returns G_IO_ERROR_CANCELLED at once.
 *
 * Returns: (transfer full) (nullable): what @finish returned
 */
gpointer
coro_await_async (CoroAsyncStartFunc    start,
                  CoroAsyncFinishFunc   finish,
                  gpointer              data,
                  GDestroyNotify        data_destroy,
                  GDestroyNotify        result_destroy,
                  GError              **error)
{
  CoroCoroutine *co = _coro_coroutine_require (G_STRFUNC, error);
  Operation *op;
  gpointer value = NULL;

  if (co == NULL || !_coro_coroutine_check_active (co, error))
    {
      if (data_destroy != NULL)
        data_destroy (data);
      return NULL;
    }

  /* Counted until GIO calls back, even if the coroutine is long gone by
   * then, so that whoever drives this context keeps running it. */
  g_atomic_int_inc (&co->executor->n_pending);
  op = g_new0 (Operation, 1);
  op->co = (CoroCoroutine *) coro_job_ref (&co->job);
  op->wait_id = co->wait_id + 1;
  op->finish = finish;
  op->data = data;
  op->data_destroy = data_destroy;
  op->result_destroy = result_destroy;
  op->cancellable = g_object_ref (coro_job_get_cancellable (co->current));

  start (data, op->cancellable, operation_done, op);

  /* No cancel hook: the job's cancellable is cancelled with the job, before
   * the cancellation is delivered here, and op may be gone by then. */
  if (!_coro_coroutine_suspend (co, "async operation", TRUE, NULL, NULL, &value, error))
    return NULL;
  return value;
}
