/* coro-types.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CoroDispatcher CoroDispatcher;
typedef struct _CoroJob        CoroJob;
typedef struct _CoroChannel    CoroChannel;
typedef struct _CoroMutex      CoroMutex;
typedef struct _CoroSemaphore  CoroSemaphore;
typedef struct _CoroElement    CoroElement;

/**
 * CoroDeferred:
 *
 * A job that carries a result: what coro_async() returns. It is a #CoroJob,
 * so coro_job_join(), coro_job_cancel() and friends accept it as well.
 */
typedef struct _CoroJob CoroDeferred;

/**
 * CoroFunc:
 * @scope: the job of the running coroutine or scope; launch children into it
 * @user_data: the data given at launch
 * @error: return location for a failure
 *
 * The body of a coroutine, of a scope or of a with-context block. It runs on
 * a fiber, so anything it calls may suspend. It fails by setting @error; the
 * returned pointer is the result that coro_deferred_await() and the scope
 * functions hand back.
 *
 * Returns: (transfer full) (nullable): the result
 */
typedef gpointer (*CoroFunc) (CoroJob   *scope,
                              gpointer   user_data,
                              GError   **error);

/**
 * CoroExceptionHandler:
 * @job: the root job that failed
 * @error: its failure (never a cancellation)
 * @user_data: the handler's data
 *
 * Receives a failure that no parent and no awaiter will see: the failure of
 * a root coroutine started with coro_launch(), the counterpart of kotlinx's
 * CoroutineExceptionHandler.
 */
typedef void (*CoroExceptionHandler) (CoroJob      *job,
                                      const GError *error,
                                      gpointer      user_data);

/**
 * CoroContext:
 * @dispatcher: where the coroutine runs; %NULL inherits the scope's
 *   dispatcher (Default for the global scope)
 * @name: a name for debugging and logs; %NULL inherits the scope's name,
 *   "coroutine" at the root. Copied.
 * @stack_size: the fiber's virtual stack size in bytes; 0 for 256 KiB
 * @lazy: start only on coro_job_start(), a join or an await
 * @exception_handler: receives the failure of a root coroutine; %NULL for
 *   the process-wide handler (see coro_set_exception_handler())
 * @exception_handler_data: data for @exception_handler
 * @elements: (nullable) (array zero-terminated=1): context elements (see
 *   coro_element_new()) the coroutine carries besides those it inherits
 *   from its scope, each in place of an inherited one with the same key;
 *   %NULL-terminated, as `(CoroElement *[]) { element, NULL }`. Each is
 *   referenced.
 *
 * Options for coro_launch_full() and coro_async_full(), usually written as a
 * compound literal: `&(CoroContext) { .name = "load-repo" }`.
 */
typedef struct
{
  CoroDispatcher       *dispatcher;
  const char           *name;
  gsize                 stack_size;
  gboolean              lazy;
  CoroExceptionHandler  exception_handler;
  gpointer              exception_handler_data;
  CoroElement * const  *elements;
} CoroContext;

G_END_DECLS
