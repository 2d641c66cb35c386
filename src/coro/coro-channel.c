/* coro-channel.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-channel.h"

#include "coro-error.h"
#include "coro-job-private.h"
#include "coro-select-private.h"

/*
 * Kotlin channel semantics with a ring of elements and two FIFO queues of
 * waiters, one lock per channel so that coroutines on different threads may
 * share it. A waiter is embedded in its coroutine and carries the element
 * (a sender's) or receives it (a receiver's) through the resume value, so
 * no one touches a suspended fiber's stack.
 *
 * A waiter may be a clause of a select (coro-select.c): before handing it
 * anything, the channel claims its select, and a waiter whose select was
 * won by another clause is dropped from the queue instead. Plain waiters
 * skip all of this on one test of waiter->select.
 *
 * An element that cannot be delivered (the channel was cancelled, the
 * receiver was cancelled as it was handed over) is freed with the channel's
 * element destroy function, like kotlinx's onUndeliveredElement.
 */

#define DEFAULT_BUFFER 64

struct _CoroChannel
{
  gint           ref_count;
  GMutex         lock;
  gint           capacity;   /* G_MAXINT for unlimited; 1 when conflated */
  gboolean       conflated;
  GDestroyNotify element_destroy;
  GQueue         buffer;
  CoroWaitQueue  senders;
  CoroWaitQueue  receivers;
  gboolean       closed;
  gboolean       cancelled;
  GError        *close_cause;   /* coro_channel_close_with_error() */
  CoroJob       *producer;      /* coro_produce()'s coroutine, until it ends */
};

CoroChannel *
coro_channel_new (gint           capacity,
                  GDestroyNotify element_destroy)
{
  CoroChannel *self;

  g_return_val_if_fail (capacity >= CORO_CHANNEL_BUFFERED, NULL);

  self = g_new0 (CoroChannel, 1);
  self->ref_count = 1;
  g_mutex_init (&self->lock);
  self->element_destroy = element_destroy;
  g_queue_init (&self->buffer);

  switch (capacity)
    {
    case CORO_CHANNEL_UNLIMITED:
      self->capacity = G_MAXINT;
      break;

    case CORO_CHANNEL_CONFLATED:
      self->capacity = 1;
      self->conflated = TRUE;
      break;

    case CORO_CHANNEL_BUFFERED:
      self->capacity = DEFAULT_BUFFER;
      break;

    case CORO_CHANNEL_RENDEZVOUS:
    default:
      self->capacity = capacity;
      break;
    }

  return self;
}

CoroChannel *
coro_channel_ref (CoroChannel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

static void
drop_element (CoroChannel *self,
              gpointer     element)
{
  if (element != NULL && self->element_destroy != NULL)
    self->element_destroy (element);
}

void
coro_channel_unref (CoroChannel *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  /* Waiters hold references, so none can be left here. */
  g_assert (self->senders.head == NULL && self->receivers.head == NULL);

  while (!g_queue_is_empty (&self->buffer))
    drop_element (self, g_queue_pop_head (&self->buffer));
  g_clear_error (&self->close_cause);
  g_assert (self->producer == NULL);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static void
set_closed_error (CoroChannel  *self,
                  GError      **error)
{
  if (self->cancelled)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Channel was cancelled");
  else if (self->close_cause != NULL)
    g_propagate_error (error, g_error_copy (self->close_cause));
  else
    g_set_error_literal (error, CORO_ERROR, CORO_ERROR_CLOSED, "Channel was closed");
}

/* A waiter taken off a queue, held from under the lock until it is resumed
 * after unlocking: a select's clause, claimed, whose select stays until
 * resumed; or a plain waiter's wake, since the waiter itself is its
 * coroutine's again once the lock is dropped. */
typedef struct
{
  CoroWaiter *select_waiter;
  CoroWake    wake;
  gpointer    slot;   /* the element it carried, if taken */
} Taken;

/* The caller holds the lock. */
static void
hold_waiter (Taken      *taken,
             CoroWaiter *waiter,
             gboolean    take_slot)
{
  taken->select_waiter = waiter->select != NULL ? waiter : NULL;
  if (G_LIKELY (taken->select_waiter == NULL))
    _coro_wake_hold (&taken->wake, waiter);
  taken->slot = take_slot ? g_steal_pointer (&waiter->slot) : NULL;
}

static void
resume_taken (Taken          *taken,
              gpointer        value,
              GDestroyNotify  value_destroy,
              GError         *error)
{
  if (G_UNLIKELY (taken->select_waiter != NULL))
    _coro_select_resume (taken->select_waiter, value, value_destroy, error);
  else
    _coro_wake_resume (&taken->wake, value, value_destroy, error);
}

/* Takes the first waiter of @queue that can still complete; the caller
 * holds the lock. A select's waiter is claimed first (together with @mine,
 * the clause of a select that is registering, if any), and one whose
 * select is over already is dropped from the queue. Sets *mine_lost and
 * returns NULL when @mine's select turns out to be won by another clause. */
static CoroWaiter *
take_waiter (CoroWaitQueue *queue,
             CoroWaiter    *mine,
             gboolean      *mine_lost)
{
  CoroWaiter *waiter = queue->head;

  if (G_LIKELY (mine == NULL && (waiter == NULL || waiter->select == NULL)))
    return _coro_wait_queue_pop (queue);

  while (waiter != NULL)
    {
      CoroWaiter *next = waiter->next;

      switch (_coro_select_claim (mine, waiter))
        {
        case CORO_CLAIM_WON:
          _coro_wait_queue_remove (queue, waiter);
          return waiter;

        case CORO_CLAIM_MINE_LOST:
          *mine_lost = TRUE;
          return NULL;

        case CORO_CLAIM_OTHER_LOST:
          _coro_wait_queue_remove (queue, waiter);
          break;

        case CORO_CLAIM_SKIP:
        default:
          break;
        }
      waiter = next;
    }
  return NULL;
}

/* Claims @mine alone, when a registering select takes something that no
 * other waiter is part of (a buffered element, room, a closed channel). */
static gboolean
claim_mine (CoroWaiter *mine,
            gboolean   *mine_lost)
{
  if (mine == NULL || _coro_select_claim (mine, NULL) == CORO_CLAIM_WON)
    return TRUE;
  *mine_lost = TRUE;
  return FALSE;
}

/* Hands @element to a waiting receiver or buffers it; the caller holds the
 * lock and has checked that the channel is open. Returns the receiver to
 * resume after unlocking, or NULL when buffered, or FALSE in *accepted when
 * there is no room (or, for a select's @mine, when it lost). */
static CoroWaiter *
offer_locked (CoroChannel *self,
              CoroWaiter  *mine,
              gpointer     element,
              gboolean    *accepted,
              gboolean    *mine_lost)
{
  CoroWaiter *receiver = take_waiter (&self->receivers, mine, mine_lost);

  *accepted = TRUE;
  if (receiver != NULL)
    {
      receiver->slot = element;
      return receiver;
    }

  if (G_LIKELY (self->conflated || g_queue_get_length (&self->buffer) < (guint) self->capacity) &&
      claim_mine (mine, mine_lost))
    {
      if (self->conflated && !g_queue_is_empty (&self->buffer))
        drop_element (self, g_queue_pop_head (&self->buffer));
      g_queue_push_tail (&self->buffer, element);
    }
  else
    *accepted = FALSE;

  return NULL;
}

static void
cancel_send (CoroCoroutine *co,
             gpointer       data)
{
  CoroChannel *self = data;
  gpointer element = NULL;

  g_mutex_lock (&self->lock);
  if (co->waiter.queue == &self->senders)
    {
      _coro_wait_queue_remove (&self->senders, &co->waiter);
      element = g_steal_pointer (&co->waiter.slot);
    }
  g_mutex_unlock (&self->lock);

  drop_element (self, element);
}

/* Starts a send; FALSE when it is over at once, with the outcome set. */
static const CoroWaitKind send_wait = { "channel send", cancel_send, (GDestroyNotify) coro_channel_unref };

static gboolean
send_begin (CoroChannel   *self,
            CoroCoroutine *co,
            gpointer       element)
{
  GError *error = NULL;
  CoroWaiter *receiver;
  gboolean accepted;

  if (!_coro_coroutine_check_active (co, &error))
    {
      drop_element (self, element);
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      set_closed_error (self, &error);
      g_mutex_unlock (&self->lock);
      drop_element (self, element);
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  receiver = offer_locked (self, NULL, element, &accepted, NULL);
  if (accepted)
    {
      Taken taken;

      if (receiver != NULL)
        hold_waiter (&taken, receiver, TRUE);
      g_mutex_unlock (&self->lock);
      if (receiver != NULL)
        resume_taken (&taken, taken.slot, self->element_destroy, NULL);
      _coro_coroutine_complete_now (co, NULL, NULL, NULL);
      return FALSE;
    }

  _coro_waiter_prepare (co, element);
  _coro_wait_queue_push (&self->senders, &co->waiter);
  g_mutex_unlock (&self->lock);

  _coro_coroutine_park (co, &send_wait, TRUE, coro_channel_ref (self));
  return TRUE;
}

gboolean
coro_channel_send (CoroChannel  *self,
                   gpointer      element,
                   GError      **error)
{
  CoroCoroutine *co;

  g_return_val_if_fail (self != NULL, FALSE);

  co = _coro_coroutine_require (G_STRFUNC, error);
  if (co == NULL)
    {
      drop_element (self, element);
      return FALSE;
    }

  _coro_coroutine_wait (co, send_begin (self, co, element));
  return _coro_coroutine_outcome (co, NULL, error);
}

gboolean
coro_channel_send_begin (CoroChannel *self,
                         gpointer     element)
{
  CoroCoroutine *co;

  g_return_val_if_fail (self != NULL, FALSE);

  co = _coro_coroutine_require_step (G_STRFUNC);
  if (co == NULL)
    {
      drop_element (self, element);
      return FALSE;
    }
  return send_begin (self, co, element);
}

gboolean
coro_channel_send_finish (CoroChannel  *self,
                          GError      **error)
{
  CoroCoroutine *co;

  g_return_val_if_fail (self != NULL, FALSE);

  co = _coro_coroutine_finishing (G_STRFUNC, error);
  return co != NULL && _coro_coroutine_outcome (co, NULL, error);
}

/* Takes the next element for a receiver; the caller holds the lock. A
 * sender whose element moved into the buffer (or straight to the receiver)
 * is returned in *sender, to resume after unlocking. */
static gboolean
take_locked (CoroChannel  *self,
             CoroWaiter   *mine,
             gpointer     *element,
             CoroWaiter  **sender,
             gboolean     *mine_lost)
{
  *sender = NULL;

  if (!g_queue_is_empty (&self->buffer))
    {
      if (!claim_mine (mine, mine_lost))
        return FALSE;
      *element = g_queue_pop_head (&self->buffer);
      *sender = take_waiter (&self->senders, NULL, NULL);
      if (*sender != NULL)
        g_queue_push_tail (&self->buffer, g_steal_pointer (&(*sender)->slot));
      return TRUE;
    }

  *sender = take_waiter (&self->senders, mine, mine_lost);
  if (*sender != NULL)
    {
      *element = g_steal_pointer (&(*sender)->slot);
      return TRUE;
    }

  return FALSE;
}

static void
cancel_receive (CoroCoroutine *co,
                gpointer       data)
{
  CoroChannel *self = data;

  g_mutex_lock (&self->lock);
  if (co->waiter.queue == &self->receivers)
    _coro_wait_queue_remove (&self->receivers, &co->waiter);
  g_mutex_unlock (&self->lock);
}

/* Starts a receive; FALSE when it is over at once, with the outcome (the
 * element) set. */
static const CoroWaitKind receive_wait = { "channel receive", cancel_receive, (GDestroyNotify) coro_channel_unref };

static gboolean
receive_begin (CoroChannel   *self,
               CoroCoroutine *co)
{
  GError *error = NULL;
  CoroWaiter *sender;
  gpointer value = NULL;

  if (!_coro_coroutine_check_active (co, &error))
    {
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  if (take_locked (self, NULL, &value, &sender, NULL))
    {
      Taken taken;

      if (sender != NULL)
        hold_waiter (&taken, sender, FALSE);
      g_mutex_unlock (&self->lock);
      if (sender != NULL)
        resume_taken (&taken, NULL, NULL, NULL);
      _coro_coroutine_complete_now (co, value, self->element_destroy, NULL);
      return FALSE;
    }

  if (self->closed)
    {
      set_closed_error (self, &error);
      g_mutex_unlock (&self->lock);
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  _coro_waiter_prepare (co, NULL);
  _coro_wait_queue_push (&self->receivers, &co->waiter);
  g_mutex_unlock (&self->lock);

  _coro_coroutine_park (co, &receive_wait, TRUE, coro_channel_ref (self));
  return TRUE;
}

static gboolean
receive (CoroChannel  *self,
         const char   *func_name,
         gpointer     *element,
         GError      **error)
{
  CoroCoroutine *co = _coro_coroutine_require (func_name, error);

  if (co == NULL)
    return FALSE;

  _coro_coroutine_wait (co, receive_begin (self, co));
  return _coro_coroutine_outcome (co, element, error);
}

gboolean
coro_channel_receive_begin (CoroChannel *self)
{
  CoroCoroutine *co;

  g_return_val_if_fail (self != NULL, FALSE);

  co = _coro_coroutine_require_step (G_STRFUNC);
  return co != NULL && receive_begin (self, co);
}

gboolean
coro_channel_receive_finish (CoroChannel  *self,
                             gpointer     *element,
                             GError      **error)
{
  CoroCoroutine *co;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (element != NULL, FALSE);

  co = _coro_coroutine_finishing (G_STRFUNC, error);
  return co != NULL && _coro_coroutine_outcome (co, element, error);
}

gboolean
coro_channel_receive (CoroChannel  *self,
                      gpointer     *element,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (element != NULL, FALSE);

  return receive (self, G_STRFUNC, element, error);
}

gboolean
coro_channel_iterate (CoroChannel  *self,
                      gpointer     *element,
                      GError      **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (element != NULL, FALSE);

  if (receive (self, G_STRFUNC, element, &local_error))
    return TRUE;

  if (g_error_matches (local_error, CORO_ERROR, CORO_ERROR_CLOSED))
    g_error_free (local_error);
  else
    g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
coro_channel_try_send (CoroChannel  *self,
                       gpointer      element,
                       GError      **error)
{
  CoroWaiter *receiver;
  gboolean accepted;
  Taken taken;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      set_closed_error (self, error);
      g_mutex_unlock (&self->lock);
      return FALSE;
    }

  receiver = offer_locked (self, NULL, element, &accepted, NULL);
  if (receiver != NULL)
    hold_waiter (&taken, receiver, TRUE);
  g_mutex_unlock (&self->lock);

  if (!accepted)
    {
      g_set_error_literal (error, CORO_ERROR, CORO_ERROR_FULL, "Channel is full");
      return FALSE;
    }
  if (receiver != NULL)
    resume_taken (&taken, taken.slot, self->element_destroy, NULL);
  return TRUE;
}

gboolean
coro_channel_try_receive (CoroChannel  *self,
                          gpointer     *element,
                          GError      **error)
{
  CoroWaiter *sender;
  gpointer value = NULL;
  Taken taken;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (element != NULL, FALSE);

  g_mutex_lock (&self->lock);
  if (!take_locked (self, NULL, &value, &sender, NULL))
    {
      if (self->closed)
        set_closed_error (self, error);
      else
        g_set_error_literal (error, CORO_ERROR, CORO_ERROR_EMPTY, "Channel is empty");
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  if (sender != NULL)
    hold_waiter (&taken, sender, FALSE);
  g_mutex_unlock (&self->lock);

  if (sender != NULL)
    resume_taken (&taken, NULL, NULL, NULL);
  *element = value;
  return TRUE;
}

/* Fails every waiting receiver (and, when cancelling, every sender) that
 * take_all() took, once the lock is dropped. */
static void
fail_waiters (CoroChannel *self,
              GArray      *receivers,
              GArray      *senders)
{
  for (guint i = 0; receivers != NULL && i < receivers->len; i++)
    {
      GError *error = NULL;

      set_closed_error (self, &error);
      resume_taken (&g_array_index (receivers, Taken, i), NULL, NULL, error);
    }

  for (guint i = 0; senders != NULL && i < senders->len; i++)
    {
      Taken *taken = &g_array_index (senders, Taken, i);

      drop_element (self, g_steal_pointer (&taken->slot));
      resume_taken (taken, NULL, NULL,
                    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Channel was cancelled"));
    }

  g_clear_pointer (&receivers, g_array_unref);
  g_clear_pointer (&senders, g_array_unref);
}

/* Under the lock, so that a select's waiter is claimed before the select
 * could withdraw it and go away, and a plain waiter is read before its
 * coroutine could wait anew. Returns NULL when there were none. */
static GArray *
take_all (CoroWaitQueue *from)
{
  GArray *taken = NULL;
  CoroWaiter *waiter;

  while ((waiter = take_waiter (from, NULL, NULL)) != NULL)
    {
      if (taken == NULL)
        taken = g_array_new (FALSE, FALSE, sizeof (Taken));
      g_array_set_size (taken, taken->len + 1);
      /* A select's send clause keeps its element until it withdraws. */
      hold_waiter (&g_array_index (taken, Taken, taken->len - 1), waiter, waiter->select == NULL);
    }
  return taken;
}

gboolean
coro_channel_close (CoroChannel *self)
{
  return coro_channel_close_with_error (self, NULL);
}

gboolean
coro_channel_close_with_error (CoroChannel  *self,
                               const GError *cause)
{
  GArray *receivers;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  self->closed = TRUE;
  if (cause != NULL)
    self->close_cause = g_error_copy (cause);
  /* Waiting receivers mean an empty channel: they will get nothing more. */
  receivers = take_all (&self->receivers);
  g_mutex_unlock (&self->lock);

  fail_waiters (self, receivers, NULL);
  return TRUE;
}

void
coro_channel_cancel (CoroChannel *self)
{
  GArray *receivers;
  GArray *senders;
  GQueue dropped = G_QUEUE_INIT;
  CoroJob *producer;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  producer = g_steal_pointer (&self->producer);
  self->closed = TRUE;
  self->cancelled = TRUE;
  receivers = take_all (&self->receivers);
  senders = take_all (&self->senders);
  dropped = self->buffer;
  g_queue_init (&self->buffer);
  g_mutex_unlock (&self->lock);

  while (!g_queue_is_empty (&dropped))
    drop_element (self, g_queue_pop_head (&dropped));
  fail_waiters (self, receivers, senders);

  if (producer != NULL)
    {
      coro_job_cancel (producer);
      coro_job_unref (producer);
    }
}

/* Links a coro_produce() channel to its coroutine, so that cancelling the
 * channel cancels it; %NULL unlinks it once the body is over. */
void
_coro_channel_set_producer (CoroChannel *self,
                            CoroJob     *producer)
{
  CoroJob *old;

  g_mutex_lock (&self->lock);
  old = g_steal_pointer (&self->producer);
  if (producer != NULL && !self->cancelled)
    self->producer = coro_job_ref (producer);
  g_mutex_unlock (&self->lock);

  g_clear_pointer (&old, coro_job_unref);
}

/* Registers a select's clause, or completes it at once: returns TRUE when
 * it claimed the select for @waiter, with the outcome in @value (an
 * element received, owned) or @error. Returns FALSE when it queued
 * @waiter, or when the select was won by another clause meanwhile. */
gboolean
_coro_channel_select_register (CoroChannel     *self,
                               CoroWaiter      *waiter,
                               gboolean         send,
                               gpointer        *value,
                               GDestroyNotify  *value_destroy,
                               GError         **error)
{
  CoroWaiter *other = NULL;
  gboolean lost = FALSE;
  gboolean done = FALSE;
  Taken taken;

  g_mutex_lock (&self->lock);
  if (send && !self->closed)
    {
      other = offer_locked (self, waiter, waiter->slot, &done, &lost);
      if (done)
        waiter->slot = NULL;   /* the channel's or the receiver's now */
    }
  else if (!send && take_locked (self, waiter, value, &other, &lost))
    {
      *value_destroy = self->element_destroy;
      done = TRUE;
    }

  if (!done && !lost)
    {
      if (!self->closed)
        _coro_wait_queue_push (send ? &self->senders : &self->receivers, waiter);
      else if (claim_mine (waiter, &lost))
        {
          set_closed_error (self, error);
          done = TRUE;
        }
    }
  if (other != NULL)
    hold_waiter (&taken, other, send);
  g_mutex_unlock (&self->lock);

  if (other != NULL)
    resume_taken (&taken, taken.slot, send ? self->element_destroy : NULL, NULL);
  return done;
}

/* Takes a select's clause back out of the channel; a send clause's element
 * that was not sent is freed. A receive clause's slot is left alone: the
 * sender that won it hands the element over after unlocking, and a
 * cancelled select drops it then as a stale resumption. */
void
_coro_channel_select_withdraw (CoroChannel *self,
                               CoroWaiter  *waiter,
                               gboolean     send)
{
  gpointer element = NULL;

  g_mutex_lock (&self->lock);
  if (waiter->queue == &self->senders || waiter->queue == &self->receivers)
    _coro_wait_queue_remove (waiter->queue, waiter);
  if (send)
    element = g_steal_pointer (&waiter->slot);
  g_mutex_unlock (&self->lock);

  drop_element (self, element);
}

gboolean
coro_channel_is_closed_for_send (CoroChannel *self)
{
  gboolean closed;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  closed = self->closed;
  g_mutex_unlock (&self->lock);

  return closed;
}

gboolean
coro_channel_is_empty (CoroChannel *self)
{
  gboolean empty;

  g_return_val_if_fail (self != NULL, TRUE);

  g_mutex_lock (&self->lock);
  empty = g_queue_is_empty (&self->buffer) && self->senders.head == NULL;
  g_mutex_unlock (&self->lock);

  return empty;
}
