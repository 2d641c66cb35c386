/* coro-inline-scope.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-inline-scope.h"

#include "coro-job-private.h"

/*
 * coro_scope() split in two: the open makes the new job the coroutine's
 * innermost one, as run_scope() does before calling the body, and the close
 * does what run_scope() does after it returns.
 */

static CoroJob *
open_scope (const char  *func_name,
            CoroJobKind  kind)
{
  CoroCoroutine *co = _coro_coroutine_require (func_name, NULL);
  CoroJob *scope;

  if (co == NULL)
    return NULL;

  scope = _coro_job_new_scope (co, kind, kind == CORO_JOB_DETACHED ? NULL : co->current, FALSE);
  scope->outer = co->current;
  co->current = scope;
  return scope;
}

CoroJob *
coro_scope_open (void)
{
  return open_scope (G_STRFUNC, CORO_JOB_SCOPE);
}

CoroJob *
coro_non_cancellable_open (void)
{
  return open_scope (G_STRFUNC, CORO_JOB_DETACHED);
}

gboolean
coro_scope_close (CoroJob  *scope,
                  GError   *body_error,
                  GError  **error)
{
  CoroCoroutine *co = _coro_coroutine_self ();
  GError *local_error = NULL;

  g_return_val_if_fail (scope != NULL, FALSE);
  g_return_val_if_fail (co != NULL && co->current == scope, FALSE);

  _coro_job_body_done (scope, NULL, body_error);
  _coro_job_wait_final (scope, FALSE, NULL);
  co->current = scope->outer;
  _coro_job_take_outcome (scope, &local_error);
  coro_job_unref (scope);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
deferred_unref (gpointer deferred)
{
  coro_job_unref (deferred);
}

GPtrArray *
coro_deferred_array_new (void)
{
  return g_ptr_array_new_with_free_func (deferred_unref);
}
