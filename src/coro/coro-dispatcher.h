/* coro-dispatcher.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

/**
 * coro_dispatcher_main:
 *
 * The dispatcher of the default GMainContext, where GTK runs. Inside
 * coro_run_test() it is the test's virtual-time dispatcher, so that code
 * that captured Main runs under virtual time (kotlinx's Dispatchers.setMain).
 *
 * Returns: (transfer none): the Main dispatcher
 */
CoroDispatcher *coro_dispatcher_main               (void);

/**
 * coro_dispatcher_default:
 *
 * A fixed pool of worker threads, one per core and at least two, each with
 * its own GMainContext pushed as thread-default. A coroutine launched here
 * is given a worker and stays on it.
 *
 * Returns: (transfer none): the Default dispatcher
 */
CoroDispatcher *coro_dispatcher_default            (void);

/**
 * coro_dispatcher_unconfined:
 *
 * kotlinx's Dispatchers.Unconfined: a coroutine launched here starts at
 * once, in the caller's thread, and runs until its first suspension before
 * coro_launch() returns. A fiber never changes thread, so where kotlinx
 * would then resume it in whichever thread resumed it, it stays on the
 * dispatcher of the thread it started in (Default's, when started outside
 * any dispatcher's thread, and then it is queued there like any other).
 * Its children are unconfined too. As in kotlinx, this is for corner
 * cases; general code should not use it.
 *
 * Returns: (transfer none): the Unconfined dispatcher
 */
CoroDispatcher *coro_dispatcher_unconfined         (void);

/**
 * coro_dispatcher_new_for_context:
 * @context: the context to run on; coroutines run on whichever thread
 *   iterates it, so one thread should own it
 * @name: a name for logs (the thread part of "[main @coroutine#3]")
 *
 * A dispatcher of your own, for a GMainContext you run.
 *
 * Returns: (transfer full): the dispatcher
 */
CoroDispatcher *coro_dispatcher_new_for_context    (GMainContext   *context,
                                                    const char     *name) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_dispatcher_new_single_thread:
 * @name: the thread's name, also used in logs
 *
 * A dispatcher with a thread of its own (kotlinx's newSingleThreadContext),
 * e.g. to confine state to one thread. Stop it with coro_dispatcher_close().
 *
 * Returns: (transfer full): the dispatcher
 */
CoroDispatcher *coro_dispatcher_new_single_thread  (const char     *name) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_dispatcher_close:
 * @self: a dispatcher from coro_dispatcher_new_single_thread()
 *
 * Stops the dispatcher's thread once the work queued so far has run, and
 * waits for it. Coroutines still suspended on it will never resume, so
 * close a dispatcher only when its coroutines are done.
 */
void            coro_dispatcher_close              (CoroDispatcher *self);

/**
 * coro_dispatcher_ref:
 * @self: a dispatcher
 *
 * Takes a reference on @self. Thread-safe.
 *
 * Returns: (transfer full): @self
 */
CoroDispatcher *coro_dispatcher_ref                (CoroDispatcher *self);

/**
 * coro_dispatcher_unref:
 * @self: (transfer full): a dispatcher
 *
 * Drops a reference on @self. Thread-safe. The last reference frees it; a
 * single-thread dispatcher must be closed with coro_dispatcher_close() first,
 * and freeing one that still runs coroutines is a critical warning. The
 * shared Main, Default and Unconfined dispatchers are never freed.
 */
void            coro_dispatcher_unref              (CoroDispatcher *self);

/**
 * coro_dispatcher_get_name:
 * @self: a dispatcher
 *
 * The dispatcher's name, as thread labels and coro_dump() show it.
 *
 * Returns: (transfer none): the name given at creation ("Main", "Default",
 *   "Unconfined" for the shared ones)
 */
const char     *coro_dispatcher_get_name           (CoroDispatcher *self);

/**
 * coro_dispatcher_get_context:
 * @self: a dispatcher that is not a pool
 *
 * Returns: (transfer none) (nullable): the context it runs on, or %NULL for
 *   the Default pool, which has one per worker
 */
GMainContext   *coro_dispatcher_get_context        (CoroDispatcher *self);

/**
 * coro_dispatcher_get_n_live:
 * @self: a dispatcher
 *
 * Returns: how many coroutines run on @self and have not finished
 */
guint           coro_dispatcher_get_n_live         (CoroDispatcher *self);

/**
 * coro_dispatcher_get_n_idle_stacks:
 * @self: a dispatcher that is not a pool (not Default)
 *
 * Counts the fiber stacks that @self keeps for reuse, a figure for tests and
 * benchmarks of the stack pool.
 *
 * Returns: how many pooled stacks no coroutine uses
 */
guint           coro_dispatcher_get_n_idle_stacks  (CoroDispatcher *self);

/**
 * coro_dispatcher_get_n_stacks_in_use:
 * @self: a dispatcher that is not a pool (not Default)
 *
 * Counts the fiber stacks of @self's live coroutines; stackless coroutines
 * use none.
 *
 * Returns: how many of its stacks coroutines use
 */
guint           coro_dispatcher_get_n_stacks_in_use (CoroDispatcher *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroDispatcher, coro_dispatcher_unref)

G_END_DECLS
