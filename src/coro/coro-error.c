/* coro-error.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-error.h"

#include <gio/gio.h>

G_DEFINE_QUARK (coro-error-quark, coro_error)

/**
 * coro_error_is_cancelled:
 * @error: (nullable): an error
 *
 * Cancellation is the normal way for a coroutine to end early and does not
 * fail its parent; every other error is a failure. A timeout of
 * coro_with_timeout() (CORO_ERROR_TIMEOUT) is a cancellation too, as in
 * kotlinx; a GIO G_IO_ERROR_TIMED_OUT is not.
 *
 * Returns: whether @error is G_IO_ERROR_CANCELLED or CORO_ERROR_TIMEOUT
 */
gboolean
coro_error_is_cancelled (const GError *error)
{
  return error != NULL && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                           g_error_matches (error, CORO_ERROR, CORO_ERROR_TIMEOUT));
}
