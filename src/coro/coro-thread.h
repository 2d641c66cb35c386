/* coro-thread.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

#include "coro-call.h"

G_BEGIN_DECLS

/**
 * CoroThreadFunc:
 * @data: the data given to coro_run_in_thread()
 * @cancellable: (nullable): the cancellable given to coro_run_in_thread()
 * @error: return location for a #GError
 *
 * The blocking work coro_run_in_thread() runs on a worker thread.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
typedef gpointer (*CoroThreadFunc) (gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

/**
 * coro_run_in_thread:
 * @func: the blocking work
 * @data: data for @func
 * @data_destroy: (nullable): frees @data, on the caller's thread, after
 *   @callback
 * @result_destroy: (nullable): frees a result nobody takes, as when
 *   @cancellable was cancelled meanwhile
 * @cancellable: (nullable): given to @func; once cancelled, the result is
 *   a %G_IO_ERROR_CANCELLED error
 * @callback: called once @func returned, on the caller's thread-default
 *   main context
 * @user_data: data for @callback
 *
 * Kotlin's `thread { }` with the result brought back to the caller, as
 * g_task_run_in_thread() does: runs @func on a worker thread, then calls
 * @callback, which calls coro_run_in_thread_finish(). Unlike a #GTask's
 * task data, @data is always freed on the caller's thread: the worker is
 * done with it before @callback runs. Does not suspend; works outside a
 * coroutine too.
 */
void     coro_run_in_thread        (CoroThreadFunc        func,
                                    gpointer              data,
                                    GDestroyNotify        data_destroy,
                                    GDestroyNotify        result_destroy,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);

/**
 * coro_run_in_thread_finish:
 * @result: the #GAsyncResult given to the callback of coro_run_in_thread()
 * @error: return location for a #GError
 *
 * Does not suspend.
 *
 * Returns: (transfer full) (nullable): what the worker's function
 *   returned, or %NULL with @error set: its error, or
 *   %G_IO_ERROR_CANCELLED if the cancellable was cancelled meanwhile
 */
gpointer coro_run_in_thread_finish (GAsyncResult         *result,
                                    GError              **error);

/**
 * CORO_DEFINE_THREAD:
 * @func: a blocking function `Result func (params..., GCancellable
 *   *cancellable, GError **error)`
 * @Result: its pointer result type
 * @result_free: frees a result nobody takes, called as
 *   `result_free (result)`, or CORO_NO_FREE
 * @...: its parameters, as `(type, name)` or `(type, name, free)`
 *
 * Kotlin's `thread { func (params) }`, GIO style, with typed arguments:
 * defines
 *
 * - `void func_in_thread (params..., GCancellable *cancellable,
 *   GAsyncReadyCallback callback, gpointer user_data)`, which runs @func
 *   on a worker thread with coro_run_in_thread(), and
 * - `Result func_in_thread_finish (GAsyncResult *result, GError
 *   **error)`.
 *
 * The arguments with a `free` are owned, and freed on the caller's thread
 * after @callback; what a borrowed one points to must live until then.
 */
#define CORO_DEFINE_THREAD(func, Result, result_free, ...) \
  CORO_CALL_ARGS_ (func##_in_thread, __VA_ARGS__) \
  static gpointer \
  func##_in_thread_body (gpointer data, GCancellable *cancellable, GError **error) \
  { \
    func##_in_thread_args *args = data; \
    Result result = func (CORO_CALL_STRIP_ (CORO_CALL_MAP_ (CORO_CALL_UNPACK_, __VA_ARGS__)), \
                          cancellable, error); \
    return result; \
  } \
  static void \
  func##_in_thread_result_free (gpointer result) \
  { \
    result_free (result); \
  } \
  static G_GNUC_UNUSED void \
  func##_in_thread (CORO_CALL_STRIP_ (CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)), \
                    GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data) \
  { \
    func##_in_thread_args *coro_call_args = \
      func##_in_thread_args_new (0 CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)); \
    coro_run_in_thread (func##_in_thread_body, coro_call_args, func##_in_thread_args_free, \
                        func##_in_thread_result_free, cancellable, callback, user_data); \
  } \
  static G_GNUC_UNUSED Result \
  func##_in_thread_finish (GAsyncResult *result, GError **error) \
  { \
    return coro_run_in_thread_finish (result, error); \
  } \
  G_STATIC_ASSERT (sizeof (Result) == sizeof (gpointer))

G_END_DECLS
