/* coro-dispatcher.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-dispatcher.h"

#include "coro-debug.h"
#include "coro-debug-private.h"
#include "coro-dispatcher-private.h"

/*
 * A dispatcher runs coroutines on one GMainContext through one GSource that
 * owns a FIFO ready queue and a timer heap, with g_source_set_ready_time()
 * for both: no polling, no GLib timeout per delay.
 *
 * Work from other threads (a resume, a start, a cancellation) goes to a
 * locked inbox and wakes the context; only the owner thread touches the
 * ready queue, the timers and the stack pool.
 *
 * A second source below GTK's redraw priority runs yield() and the work left
 * over when a dispatch used up its time budget, so a busy dispatcher cannot
 * freeze painting.
 */

#define BATCH_BUDGET_USEC 4000
#define BUDGET_CHECK_EVERY 64

struct _CoroInboxItem
{
  CoroInboxItem *next;
  CoroTaskFunc   func;   /* NULL: data is a coroutine to put on the ready queue */
  gpointer       data;
};

typedef struct
{
  GSource         source;
  CoroDispatcher *dispatcher;
} CoroSource;

static __thread CoroDispatcher *current_dispatcher;

static gboolean
source_prepare (GSource *source,
                gint    *timeout)
{
  CoroDispatcher *self = ((CoroSource *) source)->dispatcher;

  *timeout = -1;
  return g_atomic_int_get (&self->inbox_pending) > 0;
}

static gboolean
source_check (GSource *source)
{
  CoroDispatcher *self = ((CoroSource *) source)->dispatcher;

  return g_atomic_int_get (&self->inbox_pending) > 0;
}

static gboolean
source_dispatch (GSource     *source,
                 GSourceFunc  callback,
                 gpointer     user_data)
{
  _coro_dispatcher_drain (((CoroSource *) source)->dispatcher);
  return G_SOURCE_CONTINUE;
}

static gboolean
idle_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  CoroDispatcher *self = ((CoroSource *) source)->dispatcher;
  CoroDispatcher *previous = current_dispatcher;
  CoroCoroutine *batch = self->idle_head;
  CoroCoroutine *batch_tail = self->idle_tail;
  gint64 started = self->virtual_time ? 0 : g_get_monotonic_time ();

  /* Only what was queued before this dispatch: a coroutine that yields
   * again goes to the next round, after everything else had its turn. */
  self->idle_head = self->idle_tail = NULL;
  current_dispatcher = self;
  while (batch != NULL)
    {
      CoroCoroutine *co = batch;

      batch = co->next_ready;
      co->next_ready = NULL;
      _coro_coroutine_run (co);

      /* Over budget: what is left goes first in the next round, after
       * input and painting had another turn. A coroutine that yields is
       * usually busy, so the clock is read after each. */
      if (batch != NULL && !self->virtual_time &&
          g_get_monotonic_time () - started > BATCH_BUDGET_USEC)
        {
          batch_tail->next_ready = self->idle_head;
          if (self->idle_head == NULL)
            self->idle_tail = batch_tail;
          self->idle_head = batch;
          break;
        }
    }
  current_dispatcher = previous;

  g_source_set_ready_time (source, self->idle_head != NULL ? 0 : -1);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs source_funcs = {
  .prepare = source_prepare,
  .check = source_check,
  .dispatch = source_dispatch,
};

static GSourceFuncs idle_source_funcs = {
  .dispatch = idle_source_dispatch,
};

static void
update_ready_time (CoroDispatcher *self)
{
  gint64 ready_time = -1;

  if (self->ready_head != NULL)
    ready_time = 0;
  else if (!self->virtual_time && !_coro_timer_heap_is_empty (&self->timers) &&
           _coro_timer_heap_peek (&self->timers)->deadline != G_MAXINT64)
    ready_time = _coro_timer_heap_peek (&self->timers)->deadline;

  g_source_set_ready_time (self->source, ready_time);
}

static CoroDispatcher *
dispatcher_new (GMainContext *context,
                const char   *name,
                gboolean      virtual_time)
{
  CoroDispatcher *self = g_new0 (CoroDispatcher, 1);
  GSource *source;

  self->ref_count = 1;
  self->name = g_strdup (name);
  self->context = g_main_context_ref (context);
  self->virtual_time = virtual_time;
  self->stacks = _coro_stack_pool_new ();
  _coro_timer_heap_init (&self->timers);
  g_mutex_init (&self->inbox_lock);

  source = g_source_new (&source_funcs, sizeof (CoroSource));
  ((CoroSource *) source)->dispatcher = self;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[coro] dispatcher");
  g_source_attach (source, context);
  self->source = source;

  source = g_source_new (&idle_source_funcs, sizeof (CoroSource));
  ((CoroSource *) source)->dispatcher = self;
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_static_name (source, "[coro] yield");
  g_source_attach (source, context);
  self->idle_source = source;

  return self;
}

CoroDispatcher *
_coro_dispatcher_new_virtual (GMainContext *context,
                              const char   *name)
{
  return dispatcher_new (context, name, TRUE);
}

CoroDispatcher *
coro_dispatcher_new_for_context (GMainContext *context,
                                 const char   *name)
{
  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return dispatcher_new (context, name, FALSE);
}

CoroDispatcher *
coro_dispatcher_main (void)
{
  static CoroDispatcher *main_dispatcher;
  CoroDispatcher *override = _coro_debug_main_override ();

  if (override != NULL)
    return override;

  if (g_once_init_enter (&main_dispatcher))
    g_once_init_leave (&main_dispatcher,
                       coro_dispatcher_new_for_context (g_main_context_default (), "main"));

  return main_dispatcher;
}

static gpointer
thread_main (gpointer data)
{
  CoroDispatcher *self = data;

  g_main_context_push_thread_default (self->context);
  coro_debug_set_thread_name (self->name);
  while (!g_atomic_int_get (&self->quit))
    g_main_context_iteration (self->context, TRUE);
  g_main_context_pop_thread_default (self->context);
  coro_dispatcher_unref (self);

  return NULL;
}

static CoroDispatcher *
new_with_thread (const char *name)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  CoroDispatcher *self = coro_dispatcher_new_for_context (context, name);

  self->thread = g_thread_new (name, thread_main, coro_dispatcher_ref (self));
  return self;
}

CoroDispatcher *
coro_dispatcher_new_single_thread (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return new_with_thread (name);
}

static void
quit_task (gpointer data)
{
  CoroDispatcher *self = data;

  g_atomic_int_set (&self->quit, 1);
}

void
coro_dispatcher_close (CoroDispatcher *self)
{
  GThread *thread;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->thread != NULL);
  g_return_if_fail (g_thread_self () != self->thread);

  thread = g_steal_pointer (&self->thread);
  _coro_dispatcher_run_on_owner (self, quit_task, self);
  g_thread_join (thread);
}

CoroDispatcher *
coro_dispatcher_default (void)
{
  static CoroDispatcher *pool;

  if (g_once_init_enter (&pool))
    {
      CoroDispatcher *self = g_new0 (CoroDispatcher, 1);

      self->ref_count = 1;
      self->name = g_strdup ("default");
      self->n_workers = MAX (2, g_get_num_processors ());
      self->workers = g_new0 (CoroDispatcher *, self->n_workers);
      for (guint i = 0; i < self->n_workers; i++)
        {
          g_autofree char *name = g_strdup_printf ("worker-%u", i + 1);

          /* Workers live as long as the process. */
          self->workers[i] = new_with_thread (name);
        }
      g_once_init_leave (&pool, self);
    }

  return pool;
}

CoroDispatcher *_coro_unconfined;

CoroDispatcher *
coro_dispatcher_unconfined (void)
{
  static CoroDispatcher *unconfined;

  if (g_once_init_enter (&unconfined))
    {
      CoroDispatcher *self = g_new0 (CoroDispatcher, 1);

      /* Never freed, and with no context or thread of its own: no
       * coroutine runs on it, only starts through it. */
      self->ref_count = 1;
      self->name = g_strdup ("unconfined");
      _coro_unconfined = self;
      g_once_init_leave (&unconfined, self);
    }

  return unconfined;
}

/* Pushed before everything else that is ready: the next to run. */
void
_coro_dispatcher_push_front (CoroDispatcher *self,
                             CoroCoroutine  *co)
{
  g_assert (current_dispatcher == self);

  co->next_ready = self->ready_head;
  self->ready_head = co;
  if (self->ready_tail == NULL)
    self->ready_tail = co;
  g_source_set_ready_time (self->source, 0);
}

CoroDispatcher *
coro_dispatcher_ref (CoroDispatcher *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
coro_dispatcher_unref (CoroDispatcher *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_assert (self->workers == NULL);

  if (self->n_live > 0)
    g_critical ("Dispatcher %s freed with %d live coroutines", self->name, self->n_live);

  g_source_destroy (self->source);
  g_source_unref (self->source);
  g_source_destroy (self->idle_source);
  g_source_unref (self->idle_source);
  _coro_timer_heap_clear (&self->timers);
  _coro_stack_pool_free (self->stacks);
  g_mutex_clear (&self->inbox_lock);
  g_main_context_unref (self->context);
  g_free (self->name);
  g_free (self);
}

const char *
coro_dispatcher_get_name (CoroDispatcher *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

GMainContext *
coro_dispatcher_get_context (CoroDispatcher *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->context;
}

guint
coro_dispatcher_get_n_live (CoroDispatcher *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->workers == NULL)
    return g_atomic_int_get (&self->n_live);

  for (guint i = 0; i < self->n_workers; i++)
    n += g_atomic_int_get (&self->workers[i]->n_live);
  return n;
}

/* The stack counts are for tests and benchmarks, read from the owner thread. */
guint
coro_dispatcher_get_n_idle_stacks (CoroDispatcher *self)
{
  g_return_val_if_fail (self != NULL && self->workers == NULL, 0);

  return _coro_stack_pool_get_n_idle (self->stacks);
}

guint
coro_dispatcher_get_n_stacks_in_use (CoroDispatcher *self)
{
  g_return_val_if_fail (self != NULL && self->workers == NULL, 0);

  return _coro_stack_pool_get_n_in_use (self->stacks);
}

CoroDispatcher *
_coro_dispatcher_current (void)
{
  return current_dispatcher;
}

gboolean
_coro_dispatcher_is_current (CoroDispatcher *self)
{
  return current_dispatcher == self;
}

CoroDispatcher *
_coro_dispatcher_pick_executor (CoroDispatcher *self)
{
  guint i;

  /* Unconfined starts on the caller's thread, so it runs on the caller's
   * dispatcher; outside of one, on Default. */
  if (G_UNLIKELY (self == _coro_unconfined))
    self = current_dispatcher != NULL ? current_dispatcher : coro_dispatcher_default ();

  if (self->workers == NULL)
    return self;

  i = (guint) g_atomic_int_add ((gint *) &self->next_worker, 1);
  return self->workers[i % self->n_workers];
}

static void
inbox_push (CoroDispatcher *self,
            CoroTaskFunc    func,
            gpointer        data)
{
  CoroInboxItem *item = g_new (CoroInboxItem, 1);

  item->next = NULL;
  item->func = func;
  item->data = data;

  g_mutex_lock (&self->inbox_lock);
  if (self->inbox_tail != NULL)
    self->inbox_tail->next = item;
  else
    self->inbox_head = item;
  self->inbox_tail = item;
  g_atomic_int_set (&self->inbox_pending, 1);
  g_mutex_unlock (&self->inbox_lock);

  g_main_context_wakeup (self->context);
}

/* Runs @func on the thread that owns @self, at its next dispatch. */
void
_coro_dispatcher_run_on_owner (CoroDispatcher *self,
                               CoroTaskFunc    func,
                               gpointer        data)
{
  g_assert (func != NULL);
  inbox_push (self, func, data);
}

void
_coro_dispatcher_push_ready (CoroDispatcher *self,
                             CoroCoroutine  *co)
{
  if (current_dispatcher != self)
    {
      inbox_push (self, NULL, co);
      return;
    }

  co->next_ready = NULL;
  if (self->ready_tail != NULL)
    self->ready_tail->next_ready = co;
  else
    self->ready_head = co;
  self->ready_tail = co;

  /* A hand-off in a drain would take the context's lock for nothing. */
  if (co == self->ready_head && !self->draining)
    g_source_set_ready_time (self->source, 0);
}

void
_coro_dispatcher_push_idle (CoroDispatcher *self,
                            CoroCoroutine  *co)
{
  g_assert (current_dispatcher == self);

  co->next_ready = NULL;
  if (self->idle_tail != NULL)
    self->idle_tail->next_ready = co;
  else
    self->idle_head = co;
  self->idle_tail = co;

  if (co == self->idle_head)
    g_source_set_ready_time (self->idle_source, 0);
}

gint64
_coro_dispatcher_now (CoroDispatcher *self)
{
  return self->virtual_time ? self->virtual_now : g_get_monotonic_time ();
}

/* now + @ms in µs, saturating: delay (G_MAXINT64) means "until cancelled",
 * as kotlinx's delay (Long.MAX_VALUE) does, and such a timer never fires. */
gint64
_coro_deadline_after (CoroDispatcher *self,
                      gint64          ms)
{
  gint64 now = _coro_dispatcher_now (self);

  if (ms >= (G_MAXINT64 - now) / 1000)
    return G_MAXINT64;
  return now + ms * 1000;
}

void
_coro_dispatcher_add_timer (CoroDispatcher *self,
                            CoroTimer      *timer)
{
  g_assert (current_dispatcher == self);

  _coro_timer_heap_add (&self->timers, timer);
  if (!self->virtual_time && _coro_timer_heap_peek (&self->timers) == timer && self->ready_head == NULL &&
      timer->deadline != G_MAXINT64)
    g_source_set_ready_time (self->source, timer->deadline);
}

void
_coro_dispatcher_remove_timer (CoroDispatcher *self,
                               CoroTimer      *timer)
{
  g_assert (current_dispatcher == self);

  if (_coro_timer_is_scheduled (timer))
    _coro_timer_heap_remove (&self->timers, timer);
}

gboolean
_coro_dispatcher_has_ready_work (CoroDispatcher *self)
{
  return self->ready_head != NULL || self->idle_head != NULL ||
         g_atomic_int_get (&self->inbox_pending) > 0;
}

/* Virtual time: fires the earliest timer if it is due before @limit (or at
 * it, when @inclusive), moving the clock forward to its deadline. */
gboolean
_coro_dispatcher_fire_next_timer (CoroDispatcher *self,
                                  gint64          limit,
                                  gboolean        inclusive)
{
  CoroDispatcher *previous = current_dispatcher;
  CoroTimer *timer = _coro_timer_heap_peek (&self->timers);

  if (timer == NULL || timer->deadline == G_MAXINT64 ||
      timer->deadline > limit || (!inclusive && timer->deadline == limit))
    return FALSE;

  _coro_timer_heap_remove (&self->timers, timer);
  if (timer->deadline > self->virtual_now)
    self->virtual_now = timer->deadline;

  current_dispatcher = self;
  timer->func (timer);
  current_dispatcher = previous;

  update_ready_time (self);
  return TRUE;
}

static void
drain_inbox (CoroDispatcher *self)
{
  CoroInboxItem *item;

  g_mutex_lock (&self->inbox_lock);
  item = self->inbox_head;
  self->inbox_head = self->inbox_tail = NULL;
  g_atomic_int_set (&self->inbox_pending, 0);
  g_mutex_unlock (&self->inbox_lock);

  while (item != NULL)
    {
      CoroInboxItem *next = item->next;

      if (item->func != NULL)
        item->func (item->data);
      else
        _coro_dispatcher_push_ready (self, item->data);
      g_free (item);
      item = next;
    }
}

static void
fire_due_timers (CoroDispatcher *self)
{
  gint64 now;

  if (self->virtual_time || _coro_timer_heap_is_empty (&self->timers))
    return;

  now = g_get_monotonic_time ();
  while (!_coro_timer_heap_is_empty (&self->timers) && _coro_timer_heap_peek (&self->timers)->deadline <= now)
    {
      CoroTimer *timer = _coro_timer_heap_pop (&self->timers);

      timer->func (timer);
    }
}

void
_coro_dispatcher_drain (CoroDispatcher *self)
{
  CoroDispatcher *previous = current_dispatcher;
  gboolean was_draining = self->draining;
  gint64 started = 0;
  guint n_run = 0;

  current_dispatcher = self;
  self->draining = TRUE;

  drain_inbox (self);
  fire_due_timers (self);

  if (!self->virtual_time)
    started = g_get_monotonic_time ();

  while (self->ready_head != NULL)
    {
      CoroCoroutine *co = self->ready_head;

      self->ready_head = co->next_ready;
      if (self->ready_head == NULL)
        self->ready_tail = NULL;
      co->next_ready = NULL;

      _coro_coroutine_run (co);

      /* Over budget: the rest waits below redraw priority so that input and
       * painting get their turn. Virtual time keeps strict FIFO order. */
      if (!self->virtual_time && ++n_run % BUDGET_CHECK_EVERY == 0 &&
          g_get_monotonic_time () - started > BATCH_BUDGET_USEC)
        {
          while (self->ready_head != NULL)
            {
              co = self->ready_head;
              self->ready_head = co->next_ready;
              _coro_dispatcher_push_idle (self, co);
            }
          self->ready_tail = NULL;
        }
    }

  self->draining = was_draining;
  update_ready_time (self);
  current_dispatcher = previous;
}
