/* coro-await-all.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * coro_await_all(): one wait for many deferreds, which ends at the first
 * failure. Separate from coro-job-join.c because it shares a single wait
 * among many listeners, with a count and a reference of its own.
 */

#include "config.h"

#include "coro-job.h"

#include "coro-job-private.h"

typedef struct
{
  gint           ref_count;
  CoroCoroutine *co;
  guint64        wait_id;
  guint          pending;
  gboolean       resumed;
} AwaitAll;

static void
await_all_unref (AwaitAll *all)
{
  if (g_atomic_int_dec_and_test (&all->ref_count))
    {
      coro_job_unref (&all->co->job);
      g_free (all);
    }
}

static void
await_all_one_done (CoroJob  *job,
                    gpointer  data)
{
  AwaitAll *all = data;
  gboolean failed;
  gboolean wake;

  g_mutex_lock (&_coro_job_lock);
  failed = job->state == CORO_JOB_STATE_CANCELLED;
  all->pending--;
  wake = !all->resumed && (failed || all->pending == 0);
  if (wake)
    all->resumed = TRUE;
  g_mutex_unlock (&_coro_job_lock);

  if (wake)
    _coro_coroutine_resume (all->co, all->wait_id, NULL, NULL, NULL);
  await_all_unref (all);
}

/* Starts waiting for all of @deferreds, or the first failure; FALSE when
 * that is over at once, with the outcome set. */
static const CoroWaitKind await_all_wait = { "await_all", NULL, NULL };

static gboolean
await_all_begin (CoroCoroutine  *co,
                 CoroDeferred  **deferreds,
                 guint           n_deferreds)
{
  GError *error = NULL;
  AwaitAll *all;
  gboolean over;

  if (!_coro_coroutine_check_active (co, &error))
    {
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  /* Before the wait id is taken: an unconfined start may suspend the
   * caller for a moment, under an id of its own. */
  for (guint i = 0; i < n_deferreds; i++)
    coro_job_start (deferreds[i]);

  all = g_new0 (AwaitAll, 1);
  all->ref_count = 1;
  all->co = (CoroCoroutine *) coro_job_ref (&co->job);
  all->wait_id = co->wait_id + 1;   /* the id _coro_coroutine_park() will use */
  all->pending = n_deferreds + 1;   /* + 1 until registration is over */

  for (guint i = 0; i < n_deferreds; i++)
    {
      g_atomic_int_inc (&all->ref_count);
      if (!_coro_job_add_listener (deferreds[i], await_all_one_done, all))
        await_all_one_done (deferreds[i], all);
    }

  g_mutex_lock (&_coro_job_lock);
  all->pending--;
  /* Everything was final already, or a failure came in meanwhile. */
  over = all->pending == 0 || all->resumed;
  if (over)
    all->resumed = TRUE;
  g_mutex_unlock (&_coro_job_lock);
  await_all_unref (all);

  if (over)
    {
      /* A failure that woke us during registration sent a resume under
       * the id we did not use; make sure a later wait does not take it. */
      co->wait_id++;
      _coro_coroutine_check_active (co, &error);
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  _coro_coroutine_park (co, &await_all_wait, TRUE, NULL);
  return TRUE;
}

/* Collects the results once the wait is over. */
static GPtrArray *
await_all_finish (CoroCoroutine  *co,
                  CoroDeferred  **deferreds,
                  guint           n_deferreds,
                  GError        **error)
{
  GPtrArray *results;

  if (!_coro_coroutine_outcome (co, NULL, error))
    return NULL;

  results = g_ptr_array_sized_new (n_deferreds);
  for (guint i = 0; i < n_deferreds; i++)
    {
      GError *local_error = NULL;
      gpointer result = _coro_deferred_outcome (deferreds[i], &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          g_ptr_array_unref (results);
          return NULL;
        }
      g_ptr_array_add (results, result);
    }
  return results;
}

GPtrArray *
coro_await_all (CoroDeferred **deferreds,
                guint          n_deferreds,
                GError       **error)
{
  CoroCoroutine *co = _coro_coroutine_require (G_STRFUNC, error);

  if (co == NULL)
    return NULL;

  _coro_coroutine_wait (co, await_all_begin (co, deferreds, n_deferreds));
  return await_all_finish (co, deferreds, n_deferreds, error);
}

gboolean
coro_await_all_begin (CoroDeferred **deferreds,
                      guint          n_deferreds)
{
  CoroCoroutine *co = _coro_coroutine_require_step (G_STRFUNC);

  return co != NULL && await_all_begin (co, deferreds, n_deferreds);
}

GPtrArray *
coro_await_all_finish (CoroDeferred **deferreds,
                       guint          n_deferreds,
                       GError       **error)
{
  CoroCoroutine *co = _coro_coroutine_finishing (G_STRFUNC, error);

  if (co == NULL)
    return NULL;
  return await_all_finish (co, deferreds, n_deferreds, error);
}
