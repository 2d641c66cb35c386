/* coro-run.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-run.h"

#include "coro-debug.h"
#include "coro-delay.h"
#include "coro-dispatcher-private.h"
#include "coro-error.h"
#include "coro-job-private.h"

gpointer
coro_run_blocking (CoroFunc   func,
                   gpointer   user_data,
                   GError   **error)
{
  return coro_run_blocking_full (NULL, func, user_data, error);
}

gpointer
coro_run_blocking_full (const CoroContext  *options,
                        CoroFunc            func,
                        gpointer            user_data,
                        GError            **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autofree char *thread_label = NULL;
  CoroDispatcher *dispatcher;
  CoroCoroutine *root;
  gpointer result;

  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (options == NULL || (options->dispatcher == NULL && !options->lazy &&
                                            options->exception_handler == NULL), NULL);

  if (coro_is_in_coroutine ())
    {
      g_critical ("%s: must not be called from a coroutine", G_STRFUNC);
      g_set_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE,
                   "coro_run_blocking must not be called from a coroutine");
      return NULL;
    }

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  thread_label = coro_debug_thread_label ();
  dispatcher = coro_dispatcher_new_for_context (context, thread_label);

  root = _coro_coroutine_new (NULL,
                              &(CoroContext) {
                                .dispatcher = dispatcher,
                                .name = options != NULL ? options->name : NULL,
                                .stack_size = options != NULL ? options->stack_size : 0,
                                .elements = options != NULL ? options->elements : NULL,
                              },
                              CORO_JOB_SCOPED, func, user_data, NULL);
  root->job.is_blocking = TRUE;
  _coro_coroutine_start (root);
  _coro_job_wake_when_final (&root->job, context);

  /* Until the root and its children are done, and GIO has called back
   * for every operation they started (a cancelled one included). */
  while (!coro_job_is_completed (&root->job) || coro_dispatcher_get_n_live (dispatcher) > 0 ||
         g_atomic_int_get (&dispatcher->n_pending) > 0)
    g_main_context_iteration (context, TRUE);

  result = _coro_job_take_outcome (&root->job, error);
  coro_job_unref (&root->job);
  coro_dispatcher_unref (dispatcher);
  g_main_context_pop_thread_default (context);

  return result;
}
