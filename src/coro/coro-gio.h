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

gpointer coro_await_async (CoroAsyncStartFunc   start,
                           CoroAsyncFinishFunc  finish,
                           gpointer             data,
                           GDestroyNotify       data_destroy,
                           GDestroyNotify       result_destroy,
                           GError             **error);
gboolean coro_await_async_begin  (CoroAsyncStartFunc   start,
                                  CoroAsyncFinishFunc  finish,
                                  gpointer             data,
                                  GDestroyNotify       data_destroy,
                                  GDestroyNotify       result_destroy) G_GNUC_WARN_UNUSED_RESULT;
gpointer coro_await_async_finish (GError             **error);

G_END_DECLS
