/* gh-limiter.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-limiter-private.h"

#include <glib/gi18n-lib.h>

/*
 * A counting semaphore for HTTP requests in flight, shared by the blocking
 * and the callback style of one client (the suspend style queues on a
 * coroutine semaphore first, then comes through here too). Waiters are
 * served first come, first served whatever their style: a blocking waiter
 * sleeps on the condition variable, an asynchronous one is a GTask that is
 * completed, on its own main context, when a slot is handed to it.
 *
 * A released slot goes straight to the first waiter instead of back to the
 * pool, so a newcomer cannot overtake the queue.
 */

typedef struct
{
  gboolean  blocking;
  gboolean  granted;          /* blocking waiters only */
  GTask    *task;             /* async waiters only */
  GSource  *cancel_source;    /* async waiters only */
} Waiter;

struct _GhLimiter
{
  GMutex  mutex;
  GCond   cond;
  guint   max;
  guint   in_flight;
  GQueue  waiters;
};

GhLimiter *
_gh_limiter_new (guint max)
{
  GhLimiter *self;

  g_assert (max > 0);

  self = g_new0 (GhLimiter, 1);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->max = max;
  g_queue_init (&self->waiters);

  return self;
}

void
_gh_limiter_free (GhLimiter *self)
{
  if (self == NULL)
    return;

  /* Every async waiter holds a reference on the client that owns us */
  g_assert (g_queue_is_empty (&self->waiters));

  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

static void
async_waiter_free (Waiter *waiter)
{
  g_assert (!waiter->blocking);

  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }
  g_clear_object (&waiter->task);
  g_free (waiter);
}

/* Called with the mutex held. Hands free slots to waiters in order;
 * async waiters are moved to @granted, to be completed once the mutex is
 * released (completing a GTask may run its callback right away, and that
 * callback may release a slot). */
static void
grant_locked (GhLimiter  *self,
              GQueue     *granted)
{
  while (self->in_flight < self->max && !g_queue_is_empty (&self->waiters))
    {
      Waiter *waiter = g_queue_pop_head (&self->waiters);

      self->in_flight++;

      if (waiter->blocking)
        {
          waiter->granted = TRUE;
          g_cond_broadcast (&self->cond);
        }
      else
        {
          g_queue_push_tail (granted, waiter);
        }
    }
}

static void
complete_granted (GQueue *granted)
{
  Waiter *waiter;

  while ((waiter = g_queue_pop_head (granted)) != NULL)
    {
      g_task_return_boolean (waiter->task, TRUE);
      async_waiter_free (waiter);
    }
}

void
_gh_limiter_set_max (GhLimiter *self,
                     guint      max)
{
  GQueue granted = G_QUEUE_INIT;

  g_assert (max > 0);

  g_mutex_lock (&self->mutex);
  self->max = max;
  grant_locked (self, &granted);
  g_mutex_unlock (&self->mutex);

  complete_granted (&granted);
}

guint
_gh_limiter_get_max (GhLimiter *self)
{
  guint max;

  g_mutex_lock (&self->mutex);
  max = self->max;
  g_mutex_unlock (&self->mutex);

  return max;
}

guint
_gh_limiter_get_in_flight (GhLimiter *self)
{
  guint in_flight;

  g_mutex_lock (&self->mutex);
  in_flight = self->in_flight;
  g_mutex_unlock (&self->mutex);

  return in_flight;
}

guint
_gh_limiter_get_n_waiting (GhLimiter *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = g_queue_get_length (&self->waiters);
  g_mutex_unlock (&self->mutex);

  return n;
}

static void
wake_blocking_waiters (GCancellable *cancellable,
                       gpointer      user_data)
{
  GhLimiter *self = user_data;

  g_mutex_lock (&self->mutex);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/*
 * Blocks the calling thread until a slot is free. Must not be called on a
 * thread whose main context has to run for a slot to come back (that is,
 * one that has callback-style requests of the same client in flight).
 */
gboolean
_gh_limiter_acquire (GhLimiter     *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  Waiter waiter = { .blocking = TRUE };
  gulong handler = 0;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_mutex_lock (&self->mutex);
  if (self->in_flight < self->max && g_queue_is_empty (&self->waiters))
    {
      self->in_flight++;
      g_mutex_unlock (&self->mutex);
      return TRUE;
    }
  g_mutex_unlock (&self->mutex);

  /* Connected without the mutex held: the handler takes it, and runs at
   * once if the cancellable is already cancelled. */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_blocking_waiters), self, NULL);

  g_mutex_lock (&self->mutex);
  if (self->in_flight < self->max && g_queue_is_empty (&self->waiters))
    {
      self->in_flight++;
      waiter.granted = TRUE;
    }
  else
    {
      g_queue_push_tail (&self->waiters, &waiter);

      while (!waiter.granted && !g_cancellable_is_cancelled (cancellable))
        g_cond_wait (&self->cond, &self->mutex);

      if (!waiter.granted)
        g_queue_remove (&self->waiters, &waiter);
    }
  ok = waiter.granted;
  g_mutex_unlock (&self->mutex);

  /* Not under the mutex: disconnecting waits for a running handler */
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  if (!ok)
    g_cancellable_set_error_if_cancelled (cancellable, error);

  return ok;
}

/* The cancel source's data. The source keeps it alive while its callback
 * runs, even if the waiter is freed by a release on another thread. */
typedef struct
{
  GhLimiter *limiter;
  Waiter    *waiter;
} CancelClosure;

static gboolean
on_async_waiter_cancelled (GCancellable *cancellable,
                           gpointer      user_data)
{
  CancelClosure *closure = user_data;
  GhLimiter *self = closure->limiter;
  Waiter *waiter = closure->waiter;
  gboolean removed;

  /* If a release got there first, the waiter has been granted and the
   * releasing thread owns it now: it must not be dereferenced. */
  g_mutex_lock (&self->mutex);
  removed = g_queue_remove (&self->waiters, waiter);
  g_mutex_unlock (&self->mutex);

  if (removed)
    {
      GTask *task = g_steal_pointer (&waiter->task);

      async_waiter_free (waiter);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Operation was cancelled"));
      g_object_unref (task);
    }

  return G_SOURCE_REMOVE;
}

/*
 * Waits for a slot without blocking. The callback runs on the caller's
 * thread-default main context; on success the caller owns a slot and must
 * release it. Cancelling while queued completes with G_IO_ERROR_CANCELLED
 * and owns nothing; a slot granted just before the cancellation is still
 * reported as granted, so that it is not lost.
 */
void
_gh_limiter_acquire_async (GhLimiter           *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _gh_limiter_acquire_async);
  /* The result says whether a slot is owned; a late cancellation must not
   * turn a granted slot into an error */
  g_task_set_check_cancellable (task, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Operation was cancelled"));
      return;
    }

  g_mutex_lock (&self->mutex);
  if (self->in_flight < self->max && g_queue_is_empty (&self->waiters))
    {
      self->in_flight++;
      g_mutex_unlock (&self->mutex);
      g_task_return_boolean (task, TRUE);
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_object_ref (task);
  if (cancellable != NULL)
    {
      CancelClosure *closure = g_new (CancelClosure, 1);

      closure->limiter = self;
      closure->waiter = waiter;
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source,
                             G_SOURCE_FUNC (on_async_waiter_cancelled), closure, g_free);
      g_source_attach (waiter->cancel_source, g_task_get_context (task));
    }
  g_queue_push_tail (&self->waiters, waiter);
  g_mutex_unlock (&self->mutex);
}

gboolean
_gh_limiter_acquire_finish (GhLimiter     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_assert (g_task_is_valid (result, NULL));

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_gh_limiter_release (GhLimiter *self)
{
  GQueue granted = G_QUEUE_INIT;

  g_mutex_lock (&self->mutex);
  g_assert (self->in_flight > 0);
  self->in_flight--;
  grant_locked (self, &granted);
  g_mutex_unlock (&self->mutex);

  complete_granted (&granted);
}
