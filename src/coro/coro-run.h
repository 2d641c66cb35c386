/* coro-run.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

/**
 * coro_run_blocking:
 * @func: the root coroutine's body
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * kotlinx's runBlocking, for main() and tests: runs @func as a coroutine on a
 * fresh GMainContext pushed as the thread-default. Blocks the calling thread
 * until it and all its children are done; does not suspend. Must not be
 * called from a coroutine (it would block that coroutine's whole thread). The
 * coroutine is named "coroutine"; see coro_run_blocking_full() for another
 * name.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer coro_run_blocking      (CoroFunc            func,
                                 gpointer            user_data,
                                 GError            **error);

/**
 * coro_run_blocking_full:
 * @options: (nullable): the root coroutine's name, stack size and context
 *   elements, as kotlinx's `runBlocking(CoroutineName("main"))`; its
 *   dispatcher is the blocked thread's own, so @options sets no
 *   dispatcher, laziness or exception handler
 * @func: the root coroutine's body
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Like coro_run_blocking(), with options. Blocks the calling thread; does
 * not suspend, and must not be called from a coroutine.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer coro_run_blocking_full (const CoroContext  *options,
                                 CoroFunc            func,
                                 gpointer            user_data,
                                 GError            **error);

G_END_DECLS
