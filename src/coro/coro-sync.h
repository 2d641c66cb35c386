/* coro-sync.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

CoroMutex     *coro_mutex_new             (void) G_GNUC_WARN_UNUSED_RESULT;
void           coro_mutex_free            (CoroMutex     *self);
gboolean       coro_mutex_lock            (CoroMutex     *self,
                                           GError       **error);
gboolean       coro_mutex_try_lock        (CoroMutex     *self);
void           coro_mutex_unlock          (CoroMutex     *self);
gboolean       coro_mutex_is_locked       (CoroMutex     *self);
gpointer       coro_mutex_with_lock       (CoroMutex     *self,
                                           CoroFunc       func,
                                           gpointer       user_data,
                                           GError       **error);

CoroSemaphore *coro_semaphore_new         (guint          permits) G_GNUC_WARN_UNUSED_RESULT;
void           coro_semaphore_free        (CoroSemaphore *self);
gboolean       coro_semaphore_acquire     (CoroSemaphore *self,
                                           GError       **error);
gboolean       coro_semaphore_try_acquire (CoroSemaphore *self);
void           coro_semaphore_release     (CoroSemaphore *self);
guint          coro_semaphore_get_available (CoroSemaphore *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroMutex, coro_mutex_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroSemaphore, coro_semaphore_free)

G_END_DECLS
