/* coro-scope.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

/**
 * coro_scope:
 * @func: the scope's body
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * kotlinx's coroutineScope: runs @func in the calling coroutine under a new
 * job. Suspends the calling coroutine until every child launched into that
 * job is done. If a
 * child fails, the others are cancelled and the failure comes out here.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer coro_scope                    (CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);

/**
 * coro_supervisor_scope:
 * @func: the scope's body
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Like coro_scope(), but a child's failure cancels neither the scope nor the
 * other children. Suspends the calling coroutine until every child is done.
 * Launched children report their failures to the exception handler; async
 * children keep them for their awaiter.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer coro_supervisor_scope         (CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);

/**
 * coro_with_context:
 * @dispatcher: where to run @func
 * @func: the block
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Runs @func in a child coroutine on @dispatcher. Suspends the calling
 * coroutine until it is done, children included. A fiber never changes
 * thread: this is how work moves between threads. The child is cancelled with
 * the caller; its failure comes out here. It carries the caller's name and
 * id, so that logs show one coroutine moving, as kotlinx's withContext does.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer coro_with_context             (CoroDispatcher *dispatcher,
                                        CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);

/**
 * coro_with_context_full:
 * @context: where and with what to run @func: a %NULL dispatcher keeps the
 *   caller's, a %NULL name keeps the caller's name; elements are added to
 *   the caller's, in place of those with the same key, for the block only
 *   (kotlinx's `withContext(threadLocal.asContextElement("new"))`); it
 *   cannot be lazy nor have an exception handler
 * @func: the block
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Like coro_with_context(), with options: runs @func in a child coroutine.
 * Suspends the calling coroutine until it is done, children included.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer coro_with_context_full        (const CoroContext *context,
                                        CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);

/**
 * coro_with_timeout:
 * @timeout_ms: the time limit in milliseconds
 * @func: the block
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine while it runs @func like coro_scope(),
 * cancelling the block when @timeout_ms has passed. The block's suspension
 * points and this call then fail with CORO_ERROR_TIMEOUT ("Timed out
 * waiting for 1300 ms"), which, like kotlinx's TimeoutCancellationException,
 * is a cancellation: a launched coroutine that returns it ends quietly, its
 * parent and siblings going on, while coro_run_blocking(), coro_run_test()
 * and coro_deferred_await() hand it back. Use coro_with_timeout_or_null()
 * to get %NULL instead.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer coro_with_timeout             (gint64          timeout_ms,
                                        CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);

/**
 * coro_with_timeout_or_null:
 * @timeout_ms: the time limit in milliseconds
 * @func: the block
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Like coro_with_timeout(), but a timeout returns %NULL with no error.
 * Suspends the calling coroutine while @func runs.
 *
 * Returns: (transfer full) (nullable): what @func returned, or %NULL
 */
gpointer coro_with_timeout_or_null     (gint64          timeout_ms,
                                        CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);

/**
 * coro_with_non_cancellable:
 * @func: the block
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Runs @func under a job that nothing cancels, for cleanup that must
 * suspend in a coroutine that is being cancelled. Suspends the calling
 * coroutine while @func runs, even if it is cancelled.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer coro_with_non_cancellable     (CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);

G_END_DECLS
