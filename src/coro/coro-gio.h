/* coro-gio.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CoroAsyncStartFunc:
 * @data: the data given to coro_await_async()
 * @cancellable: cancelled with the calling coroutine
 * @callback: pass to the `_async` call
 * @user_data: pass to the `_async` call
 *
 * Starts a GIO-style asynchronous operation, e.g. by calling
 * `g_file_load_contents_async (data, cancellable, callback, user_data)`.
 */
typedef void     (*CoroAsyncStartFunc)  (gpointer             data,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);

/**
 * CoroAsyncFinishFunc:
 * @data: the data given to coro_await_async()
 * @result: the operation's result
 * @error: return location for its failure
 *
 * Finishes the operation, e.g. with its `_finish` function.
 *
 * Returns: (transfer full) (nullable): the operation's value
 */
typedef gpointer (*CoroAsyncFinishFunc) (gpointer             data,
                                         GAsyncResult        *result,
                                         GError             **error);

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
 * Turns any GIO-style `_async`/`_finish` pair into a suspend call: starts the
 * operation with the calling coroutine's dispatcher context as the
 * thread-default. Suspends the calling coroutine until it completes.
 * Cancelling the coroutine cancels the operation and returns
 * G_IO_ERROR_CANCELLED at once.
 *
 * Returns: (transfer full) (nullable): what @finish returned
 */
gpointer coro_await_async (CoroAsyncStartFunc   start,
                           CoroAsyncFinishFunc  finish,
                           gpointer             data,
                           GDestroyNotify       data_destroy,
                           GDestroyNotify       result_destroy,
                           GError             **error);

/**
 * coro_await_async_begin:
 * @start: starts the operation
 * @finish: finishes it
 * @data: for @start and @finish, as for coro_await_async()
 * @data_destroy: (nullable): frees @data once the operation is over
 * @result_destroy: (nullable): frees a result nobody receives
 *
 * The stackless form of coro_await_async(); see #CoroStepFunc.
 *
 * Returns: %TRUE if the body must return %CORO_STEP_SUSPENDED before
 *   calling coro_await_async_finish()
 */
gboolean coro_await_async_begin  (CoroAsyncStartFunc   start,
                                  CoroAsyncFinishFunc  finish,
                                  gpointer             data,
                                  GDestroyNotify       data_destroy,
                                  GDestroyNotify       result_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_await_async_finish:
 * @error: return location for a #GError
 *
 * Takes the outcome of the wait that coro_await_async_begin() started,
 * once the stackless coroutine has resumed. Does not suspend.
 *
 * Returns: (transfer full) (nullable): what the operation's finish
 *   function returned, as coro_await_async()
 */
gpointer coro_await_async_finish (GError             **error);

G_END_DECLS
