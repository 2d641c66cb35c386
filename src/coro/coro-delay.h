/* coro-delay.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

#include "coro-types.h"

G_BEGIN_DECLS

/**
 * coro_delay:
 * @ms: how long, in milliseconds; 0 or less returns at once
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine for @ms on its dispatcher's clock (virtual
 * under coro_run_test()). Cancellable: fails with the cancellation
 * (G_IO_ERROR_CANCELLED, or CORO_ERROR_TIMEOUT inside a timed-out
 * coro_with_timeout()) as soon as the coroutine is cancelled.
 *
 * Returns: %TRUE when the time has passed
 */
gboolean      coro_delay             (gint64    ms,
                                      GError  **error);

/**
 * coro_yield:
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine to let every other ready coroutine, and the
 * main loop's input and painting, run first. It runs again below GTK's
 * redraw priority.
 *
 * Returns: %FALSE with CANCELLED if the coroutine is cancelled
 */
gboolean      coro_yield             (GError  **error);

/**
 * coro_delay_begin:
 * @ms: how long, in milliseconds
 *
 * The stackless form of coro_delay(); see #CoroStepFunc.
 *
 * Returns: %TRUE if the body must return %CORO_STEP_SUSPENDED before
 *   calling coro_delay_finish()
 */
gboolean      coro_delay_begin       (gint64    ms) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_delay_finish:
 * @error: return location for a #GError
 *
 * Takes the outcome of the wait that coro_delay_begin() started,
 * once the stackless coroutine has resumed. Does not suspend.
 *
 * Returns: %TRUE when the time has passed, as coro_delay()
 */
gboolean      coro_delay_finish      (GError  **error);

/**
 * coro_yield_begin:
 *
 * The stackless form of coro_yield(); see #CoroStepFunc.
 *
 * Returns: %TRUE if the body must return %CORO_STEP_SUSPENDED before
 *   calling coro_yield_finish()
 */
gboolean      coro_yield_begin       (void) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_yield_finish:
 * @error: return location for a #GError
 *
 * Takes the outcome of the wait that coro_yield_begin() started,
 * once the stackless coroutine has resumed. Does not suspend.
 *
 * Returns: %FALSE with CANCELLED if the coroutine is cancelled
 */
gboolean      coro_yield_finish      (GError  **error);

/**
 * coro_ensure_active:
 * @error: return location for a #GError
 *
 * A cancellation check for long computations that do not suspend. Does
 * not suspend itself.
 *
 * Returns: %FALSE with CANCELLED if the calling coroutine is cancelled
 */
gboolean      coro_ensure_active     (GError  **error);

/**
 * coro_is_in_coroutine:
 *
 * Returns: whether the caller runs inside a coroutine, where suspend
 *   functions may be called
 */
gboolean      coro_is_in_coroutine   (void);

/**
 * coro_is_active:
 *
 * Returns: whether the calling coroutine is neither cancelled nor
 *   completing; %FALSE outside a coroutine
 */
gboolean      coro_is_active         (void);

/**
 * coro_current_job:
 *
 * Returns: (transfer none) (nullable): the job of the innermost scope of the
 *   calling coroutine, the one to launch children into
 */
CoroJob      *coro_current_job       (void);

/**
 * coro_get_cancellable:
 *
 * Returns: (transfer none) (nullable): a GCancellable cancelled with the
 *   calling coroutine's innermost scope, to pass to GIO calls
 */
GCancellable *coro_get_cancellable   (void);

/**
 * coro_current_time:
 *
 * Returns: the calling coroutine's dispatcher clock in milliseconds: virtual
 *   time under coro_run_test(), the monotonic clock otherwise
 */
gint64        coro_current_time      (void);

G_END_DECLS
