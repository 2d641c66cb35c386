/* coro-debug-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

/* For coro-test.c: makes coro_dispatcher_main() answer the test dispatcher. */
CoroDispatcher *_coro_debug_main_override             (void);
void            _coro_debug_set_main_override         (CoroDispatcher *dispatcher);
GPtrArray      *_coro_debug_dup_jobs_on               (CoroDispatcher *dispatcher);
gboolean        _coro_debug_may_be_woken_from_outside (CoroDispatcher *dispatcher);

G_END_DECLS
