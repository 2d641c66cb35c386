/* coro-test.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

#define CORO_TEST_DEFAULT_TIMEOUT_MS 60000

/**
 * coro_run_test:
 * @func: the test body, run as a coroutine under virtual time
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * coro_run_test_full() with a 60 s real-time bound. Blocks the calling
 * thread; does not suspend.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer        coro_run_test                 (CoroFunc   func,
                                               gpointer   user_data,
                                               GError   **error);

/**
 * coro_run_test_full:
 * @func: the test body, run as a coroutine under virtual time
 * @user_data: data for @func
 * @real_timeout_ms: the real-time bound for the whole test
 * @error: return location for a #GError
 *
 * Runs @func on a virtual-time dispatcher that also answers
 * coro_dispatcher_main() for the duration. Blocks the calling thread until it
 * is done; does not suspend, and must not be called from a coroutine. Delays
 * take no real time. At the end the background scope is cancelled; the test
 * fails with CORO_ERROR_LEAKED if coroutines of the test are still active,
 * with CORO_ERROR_DEADLOCK as soon as @func can never finish (no coroutine of
 * the test can run, no timer is set, no coro_await_async() call is pending,
 * no coroutine runs on another dispatcher, neither a join nor the test waits
 * for a job without a body, which anything may complete, and no other source
 * waits on the test's context), and with CORO_ERROR_TIMED_OUT_REAL if the
 * real-time bound ran out. Both list the live coroutines with what each waits
 * on, and the test's unfinished jobs, those whose coroutine has returned
 * included. A plain thread that would wake a coroutine of the test must do it
 * through one of those (coro_await_async(), a job from coro_job_new(), a
 * coroutine), or the test is taken as deadlocked.
 *
 * Only the test's dispatcher (and Main, which answers it) has virtual time.
 * Coroutines on other dispatchers keep real time on real threads, as in
 * kotlinx: %CORO_GLOBAL_SCOPE launches, which default to Default's worker
 * threads, coro_with_context() blocks on Default or a single-thread
 * dispatcher, and coro_current_time() read there. Code under test should
 * take its dispatcher, or its scope, from its caller.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer        coro_run_test_full            (CoroFunc   func,
                                               gpointer   user_data,
                                               gint64     real_timeout_ms,
                                               GError   **error);

/**
 * coro_test_current_time:
 *
 * Returns: the virtual time of the running test in milliseconds since it
 *   started, or -1 outside coro_run_test()
 */
gint64          coro_test_current_time        (void);

/**
 * coro_test_advance_time_by:
 * @ms: how far to move the virtual clock
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine, one of the test's, while everything due
 * strictly before now + @ms runs, then resumes it at exactly now + @ms; what
 * is due at that instant has not run yet.
 *
 * Only one coroutine at a time may drive the clock. Called from anything
 * but a coroutine on the test's dispatcher, it fails with
 * CORO_ERROR_NOT_IN_COROUTINE (and a critical warning).
 *
 * Returns: %FALSE if the caller was cancelled
 */
gboolean        coro_test_advance_time_by     (gint64     ms,
                                               GError   **error);

/**
 * coro_test_advance_until_idle:
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine, one of the test's, until no other work
 * and no timer is left, virtual time moving as far as needed. Fails as
 * coro_test_advance_time_by() does outside the test.
 *
 * Returns: %FALSE if the caller was cancelled
 */
gboolean        coro_test_advance_until_idle  (GError   **error);

/**
 * coro_test_run_current:
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine, one of the test's, until everything due
 * at the current virtual time has run, without moving the clock. Fails as
 * coro_test_advance_time_by() does outside the test.
 *
 * Returns: %FALSE if the caller was cancelled
 */
gboolean        coro_test_run_current         (GError   **error);

/**
 * coro_test_background_scope:
 *
 * A scope for work that should not keep the test alive: it is cancelled
 * when the test body is done, and is not counted as a leak.
 *
 * Returns: (transfer none) (nullable): the scope, or %NULL outside a test
 */
CoroJob        *coro_test_background_scope    (void);

/**
 * coro_test_dispatcher:
 *
 * Returns: (transfer none) (nullable): the virtual-time dispatcher of the
 *   running test, or %NULL outside coro_run_test()
 */
CoroDispatcher *coro_test_dispatcher          (void);

G_END_DECLS
