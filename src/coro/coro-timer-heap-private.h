/* coro-timer-heap-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CoroTimer CoroTimer;

typedef void (*CoroTimerFunc) (CoroTimer *timer);

/*
 * A timer is embedded in whatever waits on it (a coroutine's delay, a
 * with_timeout scope), so scheduling one allocates nothing. Equal deadlines
 * fire in the order they were scheduled (seq), which keeps virtual-time runs
 * deterministic; an `urgent` timer fires before the others due at the same
 * instant (the test body advancing time must wake before the events it stops
 * at).
 */
struct _CoroTimer
{
  gint64         deadline;
  guint64        seq;
  guint          index;   /* position in the heap, CORO_TIMER_IN_RUN, or
                           * G_MAXUINT when not scheduled */
  gboolean       urgent;
  CoroTimerFunc  func;
  CoroTimer     *prev;    /* in the run */
  CoroTimer     *next;
};

/*
 * Most timers are scheduled in the order they fire: a thousand coroutines
 * that each delay by the same amount, a loop of delays. Those go to the
 * run, a list in firing order where adding and taking cost O(1) and touch
 * no other timer; only a timer that fires before the run's last one goes
 * to the heap.
 */
typedef struct
{
  CoroTimer **items;
  guint       len;
  guint       alloc;
  guint64     next_seq;
  CoroTimer  *run_head;
  CoroTimer  *run_tail;
} CoroTimerHeap;

#define CORO_TIMER_IN_RUN (G_MAXUINT - 1)
#define CORO_TIMER_INIT { 0, 0, G_MAXUINT, FALSE, NULL, NULL, NULL }

void       _coro_timer_heap_init      (CoroTimerHeap *heap);
void       _coro_timer_heap_clear     (CoroTimerHeap *heap);
void       _coro_timer_heap_add       (CoroTimerHeap *heap,
                                       CoroTimer     *timer);
void       _coro_timer_heap_remove    (CoroTimerHeap *heap,
                                       CoroTimer     *timer);
CoroTimer *_coro_timer_heap_peek      (CoroTimerHeap *heap);
CoroTimer *_coro_timer_heap_pop       (CoroTimerHeap *heap);
gboolean   _coro_timer_heap_is_empty  (CoroTimerHeap *heap);

static inline gboolean
_coro_timer_is_scheduled (const CoroTimer *timer)
{
  return timer->index != G_MAXUINT;
}

G_END_DECLS
