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

gpointer        coro_run_test                 (CoroFunc   func,
                                               gpointer   user_data,
                                               GError   **error);
gpointer        coro_run_test_full            (CoroFunc   func,
                                               gpointer   user_data,
                                               gint64     real_timeout_ms,
                                               GError   **error);
gint64          coro_test_current_time        (void);
gboolean        coro_test_advance_time_by     (gint64     ms,
                                               GError   **error);
gboolean        coro_test_advance_until_idle  (GError   **error);
gboolean        coro_test_run_current         (GError   **error);
CoroJob        *coro_test_background_scope    (void);
CoroDispatcher *coro_test_dispatcher          (void);

G_END_DECLS
