/* coro-sync.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

/**
 * coro_mutex_new:
 *
 * Returns: (transfer full): a fair, non-reentrant mutex for coroutines
 */
CoroMutex     *coro_mutex_new             (void) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_mutex_free:
 * @self: (transfer full): a mutex
 *
 * Frees @self. Freeing a mutex that coroutines wait on is a critical
 * warning.
 */
void           coro_mutex_free            (CoroMutex     *self);

/**
 * coro_mutex_lock:
 * @self: a mutex
 * @error: return location for a #GError
 *
 * Locks @self. Suspends the calling coroutine (not its thread) while
 * another holds it.
 *
 * Returns: %TRUE when locked
 */
gboolean       coro_mutex_lock            (CoroMutex     *self,
                                           GError       **error);

/**
 * coro_mutex_try_lock:
 * @self: a mutex
 *
 * Locks @self if it is free, without suspending; may be called from any
 * thread, inside a coroutine or not.
 *
 * Returns: %TRUE if the caller now holds the lock
 */
gboolean       coro_mutex_try_lock        (CoroMutex     *self);

/**
 * coro_mutex_unlock:
 * @self: a locked mutex
 *
 * Unlocks @self, handing it to the first coroutine waiting in
 * coro_mutex_lock() if there is one (the mutex is fair). The lock is not
 * owned by a coroutine: any code may unlock it, as kotlinx's
 * `unlock(owner = null)`. Does not suspend.
 */
void           coro_mutex_unlock          (CoroMutex     *self);

/**
 * coro_mutex_is_locked:
 * @self: a mutex
 *
 * Whether someone holds @self, as kotlinx's `isLocked`. Thread-safe.
 *
 * Returns: %TRUE while @self is locked
 */
gboolean       coro_mutex_is_locked       (CoroMutex     *self);

/**
 * coro_mutex_with_lock:
 * @self: a mutex
 * @func: what to run while holding it
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * kotlinx's withLock: locks, runs @func, unlocks, even when @func fails.
 * Suspends the calling coroutine while another holds @self.
 *
 * Returns: (transfer full) (nullable): what @func returned
 */
gpointer       coro_mutex_with_lock       (CoroMutex     *self,
                                           CoroFunc       func,
                                           gpointer       user_data,
                                           GError       **error);

/**
 * coro_semaphore_new:
 * @permits: how many holders at once
 *
 * Returns: (transfer full): a fair semaphore for coroutines
 */
CoroSemaphore *coro_semaphore_new         (guint          permits) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_semaphore_free:
 * @self: (transfer full): a semaphore
 *
 * Frees @self. Freeing a semaphore that coroutines wait on is a critical
 * warning.
 */
void           coro_semaphore_free        (CoroSemaphore *self);

/**
 * coro_semaphore_acquire:
 * @self: a semaphore
 * @error: return location for a #GError
 *
 * Takes a permit. Suspends the calling coroutine until one is free.
 * Waiters are served first come, first served.
 *
 * Returns: %TRUE with a permit to give back with coro_semaphore_release()
 */
gboolean       coro_semaphore_acquire     (CoroSemaphore *self,
                                           GError       **error);

/**
 * coro_semaphore_try_acquire:
 * @self: a semaphore
 *
 * Takes a permit if one is available, without suspending; may be called
 * from any thread, inside a coroutine or not.
 *
 * Returns: %TRUE if the caller took a permit
 */
gboolean       coro_semaphore_try_acquire (CoroSemaphore *self);

/**
 * coro_semaphore_release:
 * @self: a semaphore
 *
 * Gives a permit back, to the longest waiter if there is one. Does not
 * suspend; may be called from any thread.
 */
void           coro_semaphore_release     (CoroSemaphore *self);

/**
 * coro_semaphore_get_available:
 * @self: a semaphore
 *
 * The permits left, as kotlinx's `availablePermits`. Thread-safe.
 *
 * Returns: how many permits coro_semaphore_acquire() could take at once
 */
guint          coro_semaphore_get_available (CoroSemaphore *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroMutex, coro_mutex_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroSemaphore, coro_semaphore_free)

G_END_DECLS
