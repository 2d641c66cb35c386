/* coro-timer-heap.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-timer-heap-private.h"

/* The pending timers of one dispatcher: a run in firing order, and a
 * binary min-heap for the others. One GLib timeout per delay would make
 * every main-loop iteration O(number of timers): about 4 ms at 100,000
 * pending delays on this machine. */

static inline gboolean
timer_before (const CoroTimer *a,
              const CoroTimer *b)
{
  if (a->deadline != b->deadline)
    return a->deadline < b->deadline;
  if (a->urgent != b->urgent)
    return a->urgent;
  return a->seq < b->seq;
}

static inline void
place (CoroTimerHeap *heap,
       guint          i,
       CoroTimer     *timer)
{
  heap->items[i] = timer;
  timer->index = i;
}

static void
sift_up (CoroTimerHeap *heap,
         guint          i)
{
  CoroTimer *timer = heap->items[i];

  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (!timer_before (timer, heap->items[parent]))
        break;
      place (heap, i, heap->items[parent]);
      i = parent;
    }
  place (heap, i, timer);
}

static void
sift_down (CoroTimerHeap *heap,
           guint          i)
{
  CoroTimer *timer = heap->items[i];

  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= heap->len)
        break;
      if (child + 1 < heap->len && timer_before (heap->items[child + 1], heap->items[child]))
        child++;
      if (!timer_before (heap->items[child], timer))
        break;
      place (heap, i, heap->items[child]);
      i = child;
    }
  place (heap, i, timer);
}

void
_coro_timer_heap_init (CoroTimerHeap *heap)
{
  *heap = (CoroTimerHeap) { 0 };
}

void
_coro_timer_heap_clear (CoroTimerHeap *heap)
{
  for (guint i = 0; i < heap->len; i++)
    heap->items[i]->index = G_MAXUINT;
  for (CoroTimer *timer = heap->run_head; timer != NULL; timer = timer->next)
    timer->index = G_MAXUINT;
  g_clear_pointer (&heap->items, g_free);
  *heap = (CoroTimerHeap) { 0 };
}

static void
heap_add (CoroTimerHeap *heap,
          CoroTimer     *timer)
{
  if (heap->len == heap->alloc)
    {
      heap->alloc = MAX (64, heap->alloc * 2);
      heap->items = g_renew (CoroTimer *, heap->items, heap->alloc);
    }

  heap->items[heap->len] = timer;
  timer->index = heap->len;
  heap->len++;
  sift_up (heap, heap->len - 1);
}

void
_coro_timer_heap_add (CoroTimerHeap *heap,
                      CoroTimer     *timer)
{
  g_assert (!_coro_timer_is_scheduled (timer));

  timer->seq = heap->next_seq++;

  if (heap->run_tail != NULL && timer_before (timer, heap->run_tail))
    {
      heap_add (heap, timer);
      return;
    }

  timer->index = CORO_TIMER_IN_RUN;
  timer->next = NULL;
  timer->prev = heap->run_tail;
  if (heap->run_tail != NULL)
    heap->run_tail->next = timer;
  else
    heap->run_head = timer;
  heap->run_tail = timer;
}

static void
run_remove (CoroTimerHeap *heap,
            CoroTimer     *timer)
{
  if (timer->prev != NULL)
    timer->prev->next = timer->next;
  else
    heap->run_head = timer->next;
  if (timer->next != NULL)
    timer->next->prev = timer->prev;
  else
    heap->run_tail = timer->prev;
  timer->prev = timer->next = NULL;
}

void
_coro_timer_heap_remove (CoroTimerHeap *heap,
                         CoroTimer     *timer)
{
  guint i = timer->index;
  CoroTimer *last;

  if (i == CORO_TIMER_IN_RUN)
    {
      run_remove (heap, timer);
      timer->index = G_MAXUINT;
      return;
    }

  g_assert (i < heap->len && heap->items[i] == timer);

  timer->index = G_MAXUINT;
  last = heap->items[--heap->len];
  if (i == heap->len)
    return;

  place (heap, i, last);
  if (i > 0 && timer_before (last, heap->items[(i - 1) / 2]))
    sift_up (heap, i);
  else
    sift_down (heap, i);
}

CoroTimer *
_coro_timer_heap_peek (CoroTimerHeap *heap)
{
  CoroTimer *top = heap->len > 0 ? heap->items[0] : NULL;

  if (top == NULL || (heap->run_head != NULL && timer_before (heap->run_head, top)))
    return heap->run_head;
  return top;
}

CoroTimer *
_coro_timer_heap_pop (CoroTimerHeap *heap)
{
  CoroTimer *top = _coro_timer_heap_peek (heap);

  if (top != NULL)
    _coro_timer_heap_remove (heap, top);
  return top;
}

gboolean
_coro_timer_heap_is_empty (CoroTimerHeap *heap)
{
  return heap->len == 0 && heap->run_head == NULL;
}
