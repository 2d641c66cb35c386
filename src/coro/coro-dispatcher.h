/* coro-dispatcher.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

CoroDispatcher *coro_dispatcher_main               (void);
CoroDispatcher *coro_dispatcher_default            (void);
CoroDispatcher *coro_dispatcher_unconfined         (void);
CoroDispatcher *coro_dispatcher_new_for_context    (GMainContext   *context,
                                                    const char     *name) G_GNUC_WARN_UNUSED_RESULT;
CoroDispatcher *coro_dispatcher_new_single_thread  (const char     *name) G_GNUC_WARN_UNUSED_RESULT;
void            coro_dispatcher_close              (CoroDispatcher *self);
CoroDispatcher *coro_dispatcher_ref                (CoroDispatcher *self);
void            coro_dispatcher_unref              (CoroDispatcher *self);
const char     *coro_dispatcher_get_name           (CoroDispatcher *self);
GMainContext   *coro_dispatcher_get_context        (CoroDispatcher *self);
guint           coro_dispatcher_get_n_live         (CoroDispatcher *self);
guint           coro_dispatcher_get_n_idle_stacks  (CoroDispatcher *self);
guint           coro_dispatcher_get_n_stacks_in_use (CoroDispatcher *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroDispatcher, coro_dispatcher_unref)

G_END_DECLS
