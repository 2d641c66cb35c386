/* coro-delay.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

#include "coro-types.h"

G_BEGIN_DECLS

gboolean      coro_delay             (gint64    ms,
                                      GError  **error);
gboolean      coro_yield             (GError  **error);
gboolean      coro_delay_begin       (gint64    ms) G_GNUC_WARN_UNUSED_RESULT;
gboolean      coro_delay_finish      (GError  **error);
gboolean      coro_yield_begin       (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean      coro_yield_finish      (GError  **error);
gboolean      coro_ensure_active     (GError  **error);
gboolean      coro_is_in_coroutine   (void);
gboolean      coro_is_active         (void);
CoroJob      *coro_current_job       (void);
GCancellable *coro_get_cancellable   (void);
gint64        coro_current_time      (void);

G_END_DECLS
