/* coro-inline-scope.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

/*
 * Scopes written inline, between an open and a close call, instead of as a
 * #CoroFunc given to coro_scope() or coro_with_non_cancellable(): the code
 * between the two calls is the scope's body, with the caller's locals at
 * hand. Fiber bodies only, since the close suspends; scopes nest, and are
 * closed in the reverse order of their opening, by the coroutine that
 * opened them. Every path out of the body goes through the close: a scope
 * left open never completes, and neither does the coroutine around it.
 *
 * The body reports its failure to the close, which cancels the children,
 * waits for them and reports the first failure:
 *
 * |[<!-- language="C" -->
 * GError *local_error = NULL;
 * CoroJob *scope = coro_scope_open ();
 *
 * coro_job_unref (work_launch (scope, ...));
 * result = something_suspend (..., &local_error);
 * if (!coro_scope_close (scope, local_error, error))
 *   return NULL;
 * ]|
 */

/**
 * coro_scope_open:
 *
 * kotlinx's `coroutineScope {`, inline: opens a scope in the calling fiber.
 * Until coro_scope_close(), the returned job is the calling coroutine's
 * innermost one: launch children into it, and its cancellation is what the
 * calling coroutine's suspension points see. A child's failure (other than
 * a cancellation) cancels it, so the code before the close fails at its
 * next suspension point; cancelling the caller cancels it and its
 * children. Opened in a cancelled coroutine, the scope starts cancelled.
 * Does not suspend; fiber bodies only.
 *
 * Returns: (transfer full): the scope's job, for coro_scope_close()
 */
CoroJob *coro_scope_open               (void) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_non_cancellable_open:
 *
 * kotlinx's `withContext(NonCancellable) {`, inline: opens a scope that
 * nothing cancels, for cleanup that must suspend in a coroutine that is
 * being cancelled. Until coro_scope_close(), the calling coroutine's
 * suspension points do not fail with its cancellation. Does not suspend;
 * fiber bodies only.
 *
 * Returns: (transfer full): the scope's job, for coro_scope_close()
 */
CoroJob *coro_non_cancellable_open     (void) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_scope_close:
 * @scope: (transfer full): what coro_scope_open() or
 *   coro_non_cancellable_open() returned
 * @body_error: (transfer full) (nullable): the body's failure, if it failed
 * @error: return location for the scope's failure
 *
 * Closes the scope. Suspends the calling coroutine until every child of
 * @scope is done, even if it is cancelled; when the body failed, the
 * children are cancelled first. The failure that comes out is the first
 * one: a child's that cancelled the body rather than the cancellation the
 * body saw, or @body_error. The calling coroutine's innermost job is again
 * the one it was before the open.
 *
 * Returns: %TRUE if neither the body nor a child failed
 */
gboolean coro_scope_close              (CoroJob        *scope,
                                        GError         *body_error,
                                        GError        **error);

/**
 * coro_deferred_array_new:
 *
 * An array for a variable number of deferreds, to await with
 * coro_await_all(): it unrefs them when it is freed.
 *
 * Returns: (transfer full) (element-type CoroDeferred): an empty array
 */
GPtrArray *coro_deferred_array_new     (void);

G_END_DECLS
