/* coro-run.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

gpointer coro_run_blocking      (CoroFunc            func,
                                 gpointer            user_data,
                                 GError            **error);
gpointer coro_run_blocking_full (const CoroContext  *options,
                                 CoroFunc            func,
                                 gpointer            user_data,
                                 GError            **error);

G_END_DECLS
