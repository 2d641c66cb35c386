/* coro-error.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-error.h"

#include <gio/gio.h>

G_DEFINE_QUARK (coro-error-quark, coro_error)

gboolean
coro_error_is_cancelled (const GError *error)
{
  return error != NULL && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                           g_error_matches (error, CORO_ERROR, CORO_ERROR_TIMEOUT));
}
