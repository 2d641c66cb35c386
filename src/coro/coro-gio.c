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

/* Starts the operation; FALSE when it is over at once (the caller was
 * cancelled), with the outcome set. */
static const CoroWaitKind async_operation_wait = { "async operation", NULL, NULL };

static gboolean
await_async_begin (CoroCoroutine       *co,
                   CoroAsyncStartFunc   start,
                   CoroAsyncFinishFunc  finish,
                   gpointer             data,
                   GDestroyNotify       data_destroy,
                   GDestroyNotify       result_destroy)
{
  GError *error = NULL;
  Operation *op;

  if (!_coro_coroutine_check_active (co, &error))
    {
      if (data_destroy != NULL)
        data_destroy (data);
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  /* Counted until GIO calls back, even if the coroutine is long gone by
   * then, so that whoever drives this context keeps running it. */
  g_atomic_int_inc (&co->executor->n_pending);
  op = g_new0 (Operation, 1);
  op->co = (CoroCoroutine *) coro_job_ref (&co->job);
  op->wait_id = co->wait_id + 1;   /* the id _coro_coroutine_park() will use */
  op->finish = finish;
  op->data = data;
  op->data_destroy = data_destroy;
  op->result_destroy = result_destroy;
  op->cancellable = g_object_ref (coro_job_get_cancellable (co->current));

  start (data, op->cancellable, operation_done, op);

  /* No cancel hook: the job's cancellable is cancelled with the job, before
   * the cancellation is delivered here, and op may be gone by then. */
  _coro_coroutine_park (co, &async_operation_wait, TRUE, NULL);
  return TRUE;
}

gpointer
coro_await_async (CoroAsyncStartFunc    start,
                  CoroAsyncFinishFunc   finish,
                  gpointer              data,
                  GDestroyNotify        data_destroy,
                  GDestroyNotify        result_destroy,
                  GError              **error)
{
  CoroCoroutine *co = _coro_coroutine_require (G_STRFUNC, error);
  gpointer value = NULL;

  if (co == NULL)
    {
      if (data_destroy != NULL)
        data_destroy (data);
      return NULL;
    }

  _coro_coroutine_wait (co, await_async_begin (co, start, finish, data, data_destroy, result_destroy));
  if (!_coro_coroutine_outcome (co, &value, error))
    return NULL;
  return value;
}

gboolean
coro_await_async_begin (CoroAsyncStartFunc   start,
                        CoroAsyncFinishFunc  finish,
                        gpointer             data,
                        GDestroyNotify       data_destroy,
                        GDestroyNotify       result_destroy)
{
  CoroCoroutine *co = _coro_coroutine_require_step (G_STRFUNC);

  if (co == NULL)
    {
      if (data_destroy != NULL)
        data_destroy (data);
      return FALSE;
    }
  return await_async_begin (co, start, finish, data, data_destroy, result_destroy);
}

gpointer
coro_await_async_finish (GError **error)
{
  CoroCoroutine *co = _coro_coroutine_finishing (G_STRFUNC, error);
  gpointer value = NULL;

  if (co == NULL || !_coro_coroutine_outcome (co, &value, error))
    return NULL;
  return value;
}
