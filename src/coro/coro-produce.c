/* coro-produce.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-channel.h"

#include "coro-delay.h"
#include "coro-error.h"
#include "coro-job-private.h"
#include "coro-select-private.h"

/*
 * kotlinx's `produce` and `ticker`: a coroutine that owns a channel. Its
 * end closes the channel (with the body's error, if it failed); its
 * cancellation cancels the channel; and the channel, while the body runs,
 * knows its coroutine, so that a consumer cancelling the channel cancels
 * the producer too.
 */

typedef struct
{
  CoroChannel          *channel;
  CoroProducerFunc      func;
  CoroProducerStepFunc  step;
  gpointer              data;
  GDestroyNotify        data_destroy;
  gboolean              done;
} Producer;

static void
producer_end (Producer     *producer,
              const GError *error)
{
  producer->done = TRUE;
  _coro_channel_set_producer (producer->channel, NULL);

  if (error == NULL)
    coro_channel_close (producer->channel);
  else if (coro_error_is_cancelled (error))
    coro_channel_cancel (producer->channel);
  else
    coro_channel_close_with_error (producer->channel, error);
}

static void
producer_free (gpointer data)
{
  Producer *producer = data;

  /* Cancelled before its body ever ran. */
  if (!producer->done)
    {
      producer->done = TRUE;
      _coro_channel_set_producer (producer->channel, NULL);
      coro_channel_cancel (producer->channel);
    }

  if (producer->data_destroy != NULL)
    producer->data_destroy (producer->data);
  coro_channel_unref (producer->channel);
  g_free (producer);
}

static gpointer
producer_body (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  Producer *producer = user_data;

  producer->func (producer->channel, producer->data, error);
  producer_end (producer, *error);
  return NULL;
}

static CoroStep
producer_step (CoroJob   *scope,
               guint     *label,
               gpointer   user_data,
               gpointer  *result,
               GError   **error)
{
  Producer *producer = user_data;

  if (producer->step (producer->channel, label, producer->data, error) == CORO_STEP_SUSPENDED)
    return CORO_STEP_SUSPENDED;

  producer_end (producer, *error);
  return CORO_STEP_DONE;
}

static CoroChannel *
produce (CoroJob              *scope,
         const CoroContext    *context,
         gint                  capacity,
         GDestroyNotify        element_destroy,
         CoroProducerFunc      func,
         CoroProducerStepFunc  step,
         gpointer              user_data,
         GDestroyNotify        user_data_destroy)
{
  Producer *producer = g_new0 (Producer, 1);
  CoroChannel *channel = coro_channel_new (capacity, element_destroy);
  CoroContext resolved = { 0 };
  CoroCoroutine *co;

  producer->channel = coro_channel_ref (channel);
  producer->func = func;
  producer->step = step;
  producer->data = user_data;
  producer->data_destroy = user_data_destroy;

  /* Linked before it starts: an unconfined producer may run to its end
   * inside the launch. It is launched as an async is: like an awaiter,
   * the consumer learns of its failure, through the channel, so no
   * exception handler reports it (it still cancels a parent that is not a
   * supervisor). */
  if (context != NULL)
    resolved = *context;
  resolved.lazy = TRUE;
  co = _coro_launch (scope, &resolved, TRUE, func != NULL ? producer_body : NULL,
                     step != NULL ? producer_step : NULL, producer, producer_free, NULL);
  co->job.is_producer = TRUE;
  _coro_channel_set_producer (channel, &co->job);
  coro_job_start (&co->job);
  coro_job_unref (&co->job);

  return channel;
}

CoroChannel *
coro_produce (CoroJob          *scope,
              gint              capacity,
              GDestroyNotify    element_destroy,
              CoroProducerFunc  func,
              gpointer          user_data,
              GDestroyNotify    user_data_destroy)
{
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (capacity >= CORO_CHANNEL_BUFFERED, NULL);

  return produce (scope, NULL, capacity, element_destroy, func, NULL, user_data, user_data_destroy);
}

CoroChannel *
coro_produce_step (CoroJob              *scope,
                   const CoroContext    *context,
                   gint                  capacity,
                   GDestroyNotify        element_destroy,
                   CoroProducerStepFunc  step,
                   gpointer              user_data,
                   GDestroyNotify        user_data_destroy)
{
  g_return_val_if_fail (step != NULL, NULL);
  g_return_val_if_fail (capacity >= CORO_CHANNEL_BUFFERED, NULL);

  return produce (scope, context, capacity, element_destroy, NULL, step, user_data, user_data_destroy);
}

typedef struct
{
  gint64 delay_ms;
  gint64 initial_delay_ms;
  gint64 deadline;
  gint64 next_delay;
} Ticker;

/* kotlinx's fixedPeriodTicker: a consumer that falls behind gets the next
 * tick at once, then ticks on the original period again. */
static CoroStep
ticker_step (CoroChannel  *channel,
             guint        *label,
             gpointer      user_data,
             GError      **error)
{
  Ticker *ticker = user_data;

  CORO_STEP_BEGIN (label);

  ticker->deadline = coro_current_time () + ticker->initial_delay_ms;
  CORO_STEP_AWAIT (label, coro_delay_begin (ticker->initial_delay_ms));
  if (!coro_delay_finish (error))
    return CORO_STEP_DONE;

  for (;;)
    {
      ticker->deadline += ticker->delay_ms;
      CORO_STEP_AWAIT (label, coro_channel_send_begin (channel, NULL));
      if (!coro_channel_send_finish (channel, error))
        return CORO_STEP_DONE;

      {
        gint64 now = coro_current_time ();

        ticker->next_delay = MAX (ticker->deadline - now, 0);
        if (ticker->next_delay == 0 && ticker->delay_ms != 0)
          {
            ticker->next_delay = ticker->delay_ms - (now - ticker->deadline) % ticker->delay_ms;
            ticker->deadline = now + ticker->next_delay;
          }
      }
      CORO_STEP_AWAIT (label, coro_delay_begin (ticker->next_delay));
      if (!coro_delay_finish (error))
        return CORO_STEP_DONE;
    }

  CORO_STEP_END (label);
}

CoroChannel *
coro_ticker (CoroJob *scope,
             gint64   delay_ms,
             gint64   initial_delay_ms)
{
  Ticker *ticker;

  g_return_val_if_fail (delay_ms >= 0 && initial_delay_ms >= 0, NULL);

  ticker = g_new0 (Ticker, 1);
  ticker->delay_ms = delay_ms;
  ticker->initial_delay_ms = initial_delay_ms;
  return produce (scope, &(CoroContext) { .name = "ticker" }, CORO_CHANNEL_RENDEZVOUS, NULL,
                  NULL, ticker_step, ticker, g_free);
}
