/* coro-scope.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

gpointer coro_scope                    (CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);
gpointer coro_supervisor_scope         (CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);
gpointer coro_with_context             (CoroDispatcher *dispatcher,
                                        CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);
gpointer coro_with_timeout             (gint64          timeout_ms,
                                        CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);
gpointer coro_with_timeout_or_null     (gint64          timeout_ms,
                                        CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);
gpointer coro_with_non_cancellable     (CoroFunc        func,
                                        gpointer        user_data,
                                        GError        **error);

G_END_DECLS
