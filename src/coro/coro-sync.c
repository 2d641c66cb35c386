/* coro-sync.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-sync.h"

#include "coro-delay.h"

#include "coro-job-private.h"

/*
 * A mutex is a semaphore with one permit that is fair: a release hands the
 * permit straight to the longest waiter. The hand-off travels as the resume
 * value, so if the waiter turns out to be cancelled (the resume is stale, or
 * prompt cancellation drops it) the value's destroy function releases the
 * permit again and nothing is lost.
 */

struct _CoroSemaphore
{
  GMutex        lock;
  guint         permits;
  CoroWaitQueue waiters;
};

struct _CoroMutex
{
  CoroSemaphore semaphore;
};

static void
semaphore_init (CoroSemaphore *self,
                guint          permits)
{
  g_mutex_init (&self->lock);
  self->permits = permits;
}

static void
semaphore_clear (CoroSemaphore *self)
{
  if (self->waiters.head != NULL)
    g_critical ("Freeing a semaphore or mutex that coroutines wait on");
  g_mutex_clear (&self->lock);
}

static void handoff_dropped (gpointer data);

static void
semaphore_release (CoroSemaphore *self)
{
  CoroWaiter *waiter;
  CoroWake wake;

  g_mutex_lock (&self->lock);
  waiter = _coro_wait_queue_pop (&self->waiters);
  if (waiter == NULL)
    self->permits++;
  else
    _coro_wake_hold (&wake, waiter);
  g_mutex_unlock (&self->lock);

  if (waiter != NULL)
    _coro_wake_resume (&wake, self, handoff_dropped, NULL);
}

static void
handoff_dropped (gpointer data)
{
  semaphore_release (data);
}

static void
cancel_acquire (CoroCoroutine *co,
                gpointer       data)
{
  CoroSemaphore *self = data;

  g_mutex_lock (&self->lock);
  if (co->waiter.queue == &self->waiters)
    _coro_wait_queue_remove (&self->waiters, &co->waiter);
  g_mutex_unlock (&self->lock);
}

static gboolean
semaphore_try_acquire (CoroSemaphore *self)
{
  gboolean acquired;

  g_mutex_lock (&self->lock);
  acquired = self->permits > 0;
  if (acquired)
    self->permits--;
  g_mutex_unlock (&self->lock);

  return acquired;
}

static const CoroWaitKind semaphore_wait = { "semaphore", cancel_acquire, NULL };

static const CoroWaitKind mutex_wait = { "mutex", cancel_acquire, NULL };

static gboolean
semaphore_acquire (CoroSemaphore  *self,
                   const char     *func_name,
                   const CoroWaitKind *kind,
                   GError        **error)
{
  CoroCoroutine *co = _coro_coroutine_require (func_name, error);
  gpointer handoff = NULL;

  if (co == NULL || !_coro_coroutine_check_active (co, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  if (self->permits > 0)
    {
      self->permits--;
      g_mutex_unlock (&self->lock);
      return TRUE;
    }

  _coro_waiter_prepare (co, NULL);
  _coro_wait_queue_push (&self->waiters, &co->waiter);
  g_mutex_unlock (&self->lock);

  return _coro_coroutine_suspend (co, kind, TRUE, self, &handoff, error);
}

CoroSemaphore *
coro_semaphore_new (guint permits)
{
  CoroSemaphore *self = g_new0 (CoroSemaphore, 1);

  semaphore_init (self, permits);
  return self;
}

void
coro_semaphore_free (CoroSemaphore *self)
{
  g_return_if_fail (self != NULL);

  semaphore_clear (self);
  g_free (self);
}

gboolean
coro_semaphore_acquire (CoroSemaphore  *self,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return semaphore_acquire (self, G_STRFUNC, &semaphore_wait, error);
}

gboolean
coro_semaphore_try_acquire (CoroSemaphore *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return semaphore_try_acquire (self);
}

void
coro_semaphore_release (CoroSemaphore *self)
{
  g_return_if_fail (self != NULL);

  semaphore_release (self);
}

guint
coro_semaphore_get_available (CoroSemaphore *self)
{
  guint permits;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  permits = self->permits;
  g_mutex_unlock (&self->lock);

  return permits;
}

CoroMutex *
coro_mutex_new (void)
{
  CoroMutex *self = g_new0 (CoroMutex, 1);

  semaphore_init (&self->semaphore, 1);
  return self;
}

void
coro_mutex_free (CoroMutex *self)
{
  g_return_if_fail (self != NULL);

  semaphore_clear (&self->semaphore);
  g_free (self);
}

gboolean
coro_mutex_lock (CoroMutex  *self,
                 GError    **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return semaphore_acquire (&self->semaphore, G_STRFUNC, &mutex_wait, error);
}

gboolean
coro_mutex_try_lock (CoroMutex *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return semaphore_try_acquire (&self->semaphore);
}

void
coro_mutex_unlock (CoroMutex *self)
{
  g_return_if_fail (self != NULL);

  semaphore_release (&self->semaphore);
}

gboolean
coro_mutex_is_locked (CoroMutex *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return coro_semaphore_get_available (&self->semaphore) == 0;
}

gpointer
coro_mutex_with_lock (CoroMutex  *self,
                      CoroFunc    func,
                      gpointer    user_data,
                      GError    **error)
{
  gpointer result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  if (!coro_mutex_lock (self, error))
    return NULL;
  result = func (coro_current_job (), user_data, error);
  coro_mutex_unlock (self);

  return result;
}
