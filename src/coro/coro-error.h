/* coro-error.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORO_ERROR (coro_error_quark ())

/**
 * CoroError:
 * @CORO_ERROR_NOT_IN_COROUTINE: a suspend function was called outside a coroutine
 * @CORO_ERROR_CLOSED: the channel is closed (and, for receive, empty)
 * @CORO_ERROR_FULL: try_send found no room and no waiting receiver
 * @CORO_ERROR_EMPTY: try_receive found nothing to take
 * @CORO_ERROR_TIMED_OUT_REAL: run-test's real-time bound ran out
 * @CORO_ERROR_LEAKED: a test ended with coroutines still active
 * @CORO_ERROR_NOT_IN_FIBER: a suspend function that needs a fiber was
 *   called from a stackless coroutine
 * @CORO_ERROR_STEP_PROTOCOL: a stackless body broke the _begin()/_finish()
 *   protocol (see #CoroStepFunc)
 * @CORO_ERROR_TIMEOUT: coro_with_timeout()'s time limit ran out. Like
 *   kotlinx's TimeoutCancellationException, this is a cancellation
 *   (coro_error_is_cancelled() says so): a coroutine that ends with it ends
 *   quietly, without failing its parent.
 * @CORO_ERROR_DEADLOCK: a coro_run_test() body can never finish: nothing
 *   is left that could wake its coroutines
 *
 * Errors of the coroutine layer. Cancellation is G_IO_ERROR_CANCELLED, so
 * that GIO and the layer speak the same language, or CORO_ERROR_TIMEOUT
 * when a timeout is what cancelled.
 */
typedef enum
{
  CORO_ERROR_NOT_IN_COROUTINE,
  CORO_ERROR_CLOSED,
  CORO_ERROR_FULL,
  CORO_ERROR_EMPTY,
  CORO_ERROR_TIMED_OUT_REAL,
  CORO_ERROR_LEAKED,
  CORO_ERROR_NOT_IN_FIBER,
  CORO_ERROR_STEP_PROTOCOL,
  CORO_ERROR_TIMEOUT,
  CORO_ERROR_DEADLOCK,
} CoroError;

/**
 * coro_error_quark:
 *
 * The error domain of the coroutine layer, %CORO_ERROR; see #CoroError.
 *
 * Returns: the quark
 */
GQuark   coro_error_quark        (void);

/**
 * coro_error_is_cancelled:
 * @error: (nullable): an error
 *
 * Cancellation is the normal way for a coroutine to end early and does not
 * fail its parent; every other error is a failure. A timeout of
 * coro_with_timeout() (CORO_ERROR_TIMEOUT) is a cancellation too, as in
 * kotlinx; a GIO G_IO_ERROR_TIMED_OUT is not. Does not suspend.
 *
 * Returns: whether @error is G_IO_ERROR_CANCELLED or CORO_ERROR_TIMEOUT
 */
gboolean coro_error_is_cancelled (const GError *error);

G_END_DECLS
