/* coro-debug.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

/**
 * coro_debug_is_enabled:
 *
 * Whether debug mode is on: by coro_debug_set_enabled(), else by
 * `CORO_DEBUG` set to anything but "0" in the environment, or
 * `G_MESSAGES_DEBUG` naming "Coro" or "all", read once. In debug mode
 * coro_debug_thread_label() adds the running coroutine's name and id, and
 * coro_job_to_string() the job's name, as kotlinx's debug mode does.
 *
 * Returns: %TRUE in debug mode
 */
gboolean  coro_debug_is_enabled       (void);

/**
 * coro_debug_set_enabled:
 * @enabled: whether to turn debug mode on
 *
 * Turns debug mode on or off for the whole process, whatever the
 * environment says; see coro_debug_is_enabled(). Thread-safe.
 */
void      coro_debug_set_enabled      (gboolean    enabled);

/**
 * coro_debug_set_thread_name:
 * @name: the thread's name in logs, e.g. "worker-1"
 *
 * Names the calling thread for coro_debug_thread_label().
 */
void      coro_debug_set_thread_name  (const char *name);

/**
 * coro_debug_get_thread_name:
 *
 * Returns: (transfer none): the calling thread's name in logs, such as
 *   "main" or "worker-1", interned
 */
const char *coro_debug_get_thread_name (void);

/**
 * coro_debug_get_coroutine:
 * @id: (out) (optional): the running coroutine's debug id, or 0 outside one
 *
 * Unlike coro_debug_thread_label(), whether or not debug mode is on.
 *
 * Returns: (transfer none) (nullable): the running coroutine's name,
 *   interned, or %NULL outside a coroutine
 */
const char *coro_debug_get_coroutine   (guint64    *id);

/**
 * coro_debug_thread_label:
 *
 * The thread part of a log line: the thread's name and, with debugging on
 * and inside a coroutine, " @name#id" as in kotlinx's debug mode.
 *
 * Returns: (transfer full): e.g. "main" or "worker-1 @load-repo#5"
 */
char     *coro_debug_thread_label     (void);

/**
 * coro_debug_dump_to_string:
 *
 * Lists the live coroutines, one a line: id, name, dispatcher, state and
 * what a suspended one waits on: the channel, job, mutex, semaphore or
 * timer and, for a stackless body, the line of the wait.
 *
 * Returns: (transfer full): the listing
 */
char     *coro_debug_dump_to_string   (void);

/**
 * coro_dump:
 *
 * Prints coro_debug_dump_to_string() to stderr; meant for `call coro_dump()`
 * in gdb.
 */
void      coro_dump                   (void);

/**
 * coro_debug_get_n_live:
 *
 * Returns: how many coroutines exist in the process and have not finished
 */
guint     coro_debug_get_n_live       (void);

G_END_DECLS
