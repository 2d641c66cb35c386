/* coro-fiber-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A fiber is a stack plus a saved register set. This is the only part of the
 * coroutine layer that knows how a stack is kept: jobs, dispatchers, timers
 * and channels above it deal in continuations and never read a suspended
 * fiber's stack.
 *
 * Fibers switch in a star: a thread's scheduler (code running on the thread's
 * own stack, such as a dispatcher's GSource dispatch) resumes a fiber, and the
 * fiber suspends back to that scheduler. A fiber never resumes another fiber
 * directly, and a fiber never moves to another thread.
 */

#define CORO_FIBER_DEFAULT_STACK_SIZE (256 * 1024)

typedef struct _CoroStackPool CoroStackPool;
typedef struct _CoroFiber     CoroFiber;

typedef void (*CoroFiberFunc) (gpointer data);

CoroStackPool *_coro_stack_pool_new          (void);
void           _coro_stack_pool_free         (CoroStackPool *pool);
guint          _coro_stack_pool_get_n_idle   (CoroStackPool *pool);
guint          _coro_stack_pool_get_n_in_use (CoroStackPool *pool);

CoroFiber     *_coro_fiber_new               (CoroStackPool *pool,
                                              gsize          stack_size,
                                              const char    *name,
                                              CoroFiberFunc  func,
                                              gpointer       data);
void           _coro_fiber_set_name          (CoroFiber     *fiber,
                                              const char    *name);
void           _coro_fiber_resume            (CoroFiber     *fiber);
void           _coro_fiber_suspend           (void);
CoroFiber     *_coro_fiber_self              (void);
gboolean       _coro_fiber_is_finished       (CoroFiber     *fiber);
void           _coro_fiber_free              (CoroFiber     *fiber);

G_END_DECLS
