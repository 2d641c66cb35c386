/* coro-dispatcher-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "coro-dispatcher.h"
#include "coro-fiber-private.h"
#include "coro-job-private.h"
#include "coro-timer-heap-private.h"

G_BEGIN_DECLS

typedef void (*CoroTaskFunc) (gpointer data);

typedef struct _CoroInboxItem CoroInboxItem;

struct _CoroDispatcher
{
  gint            ref_count;
  char           *name;

  /* A pool (Default) only hands out its workers: a fiber never changes thread. */
  CoroDispatcher **workers;
  guint           n_workers;
  guint           next_worker;

  GMainContext   *context;
  GSource        *source;        /* resumptions, timers: G_PRIORITY_DEFAULT */
  GSource        *idle_source;   /* yield() and overflow: below GTK redraw */

  /* Owned by the thread that dispatches the context. */
  CoroCoroutine  *ready_head;
  CoroCoroutine  *ready_tail;
  gboolean        draining;      /* in _coro_dispatcher_drain(), which sets
                                  * the ready time once it is done */
  CoroCoroutine  *idle_head;
  CoroCoroutine  *idle_tail;
  CoroTimerHeap   timers;
  CoroStackPool  *stacks;
  gboolean        virtual_time;
  gint64          virtual_now;   /* µs, when virtual_time */

  /* Filled from any thread, drained by the owner. */
  GMutex          inbox_lock;
  CoroInboxItem  *inbox_head;
  CoroInboxItem  *inbox_tail;
  gint            inbox_pending;

  gint            n_live;        /* coroutines executing here, atomic */
  gint            n_pending;     /* GIO operations whose callback is due here, atomic */

  GThread        *thread;        /* a dispatcher with a thread of its own */
  gint            quit;          /* atomic: that thread should return */
};

/* coro_dispatcher_unconfined(), once created; NULL before. */
extern CoroDispatcher *_coro_unconfined;

CoroDispatcher *_coro_dispatcher_current        (void);
CoroDispatcher *_coro_dispatcher_pick_executor  (CoroDispatcher *self);
gboolean        _coro_dispatcher_is_current     (CoroDispatcher *self);
void            _coro_dispatcher_run_on_owner   (CoroDispatcher *self,
                                                 CoroTaskFunc    func,
                                                 gpointer        data);
void            _coro_dispatcher_push_ready     (CoroDispatcher *self,
                                                 CoroCoroutine  *co);
void            _coro_dispatcher_push_idle      (CoroDispatcher *self,
                                                 CoroCoroutine  *co);
void            _coro_dispatcher_push_front     (CoroDispatcher *self,
                                                 CoroCoroutine  *co);
gint64          _coro_dispatcher_now            (CoroDispatcher *self);
gint64          _coro_deadline_after            (CoroDispatcher *self,
                                                 gint64          ms);
void            _coro_dispatcher_add_timer      (CoroDispatcher *self,
                                                 CoroTimer      *timer);
void            _coro_dispatcher_remove_timer   (CoroDispatcher *self,
                                                 CoroTimer      *timer);
gboolean        _coro_dispatcher_has_ready_work (CoroDispatcher *self);
gboolean        _coro_dispatcher_fire_next_timer (CoroDispatcher *self,
                                                  gint64          limit,
                                                  gboolean        inclusive);
void            _coro_dispatcher_drain          (CoroDispatcher *self);
CoroDispatcher *_coro_dispatcher_new_virtual    (GMainContext   *context,
                                                 const char     *name);

G_END_DECLS
