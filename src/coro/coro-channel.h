/* coro-channel.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"
#include "coro-step.h"

G_BEGIN_DECLS

/**
 * CoroChannelCapacity:
 * @CORO_CHANNEL_RENDEZVOUS: no buffer: send waits for a receiver (the default)
 * @CORO_CHANNEL_UNLIMITED: send never suspends
 * @CORO_CHANNEL_CONFLATED: keeps only the latest element; send never suspends
 * @CORO_CHANNEL_BUFFERED: a buffer of 64, kotlinx's default
 *
 * Special capacities for coro_channel_new(); any positive number is a
 * buffer of that size.
 */
typedef enum
{
  CORO_CHANNEL_RENDEZVOUS = 0,
  CORO_CHANNEL_UNLIMITED = -1,
  CORO_CHANNEL_CONFLATED = -2,
  CORO_CHANNEL_BUFFERED = -3,
} CoroChannelCapacity;

/**
 * CoroProducerFunc:
 * @channel: (transfer none): the channel to send into; the producer owns it
 * @user_data: the data given to coro_produce()
 * @error: return location for a failure
 *
 * The body of coro_produce(): a fiber that sends into @channel. Returning
 * closes the channel; failing (setting @error) closes it with that error.
 *
 * Returns: %FALSE with @error set on failure
 */
typedef gboolean (*CoroProducerFunc) (CoroChannel  *channel,
                                      gpointer      user_data,
                                      GError      **error);

/**
 * CoroProducerStepFunc:
 * @channel: (transfer none): the channel to send into
 * @label: where to resume, as for #CoroStepFunc
 * @user_data: the data given to coro_produce_step()
 * @error: return location for a failure, when it returns %CORO_STEP_DONE
 *
 * The stackless body of coro_produce_step(); see #CoroStepFunc.
 *
 * Returns: %CORO_STEP_SUSPENDED after a `_begin()` call returned %TRUE,
 *   %CORO_STEP_DONE when the body is over
 */
typedef CoroStep (*CoroProducerStepFunc) (CoroChannel  *channel,
                                          guint        *label,
                                          gpointer      user_data,
                                          GError      **error);

/**
 * coro_channel_new:
 * @capacity: 0 for a rendezvous channel, a buffer size, or one of
 *   #CoroChannelCapacity
 * @element_destroy: (nullable): frees elements that are never delivered
 *
 * Returns: (transfer full): a new channel
 */
CoroChannel *coro_channel_new                (gint          capacity,
                                              GDestroyNotify element_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_channel_ref:
 * @self: a channel
 *
 * Takes a reference on @self. Thread-safe.
 *
 * Returns: (transfer full): @self
 */
CoroChannel *coro_channel_ref                (CoroChannel  *self);

/**
 * coro_channel_unref:
 * @self: (transfer full): a channel
 *
 * Drops a reference on @self. Thread-safe. Suspended senders and receivers
 * hold references of their own, so the last reference only goes once no
 * one waits; it frees the buffered elements with the element destroy
 * function. Dropping it does not close the channel: a producer holds its
 * own reference, see coro_produce().
 */
void         coro_channel_unref              (CoroChannel  *self);

/**
 * coro_channel_send:
 * @self: a channel
 * @element: (transfer full): what to send
 * @error: return location for a #GError
 *
 * Sends @element. Suspends the calling coroutine while there is no room:
 * on a rendezvous channel, until a receiver has taken it. The element is
 * consumed either way; on failure (CORO_ERROR_CLOSED, or CANCELLED) it is
 * freed with the channel's element destroy function.
 *
 * Returns: %TRUE once the element is delivered or buffered
 */
gboolean     coro_channel_send               (CoroChannel  *self,
                                              gpointer      element,
                                              GError      **error);

/**
 * coro_channel_receive:
 * @self: a channel
 * @element: (out) (transfer full): where to put the element
 * @error: return location for a #GError
 *
 * Takes the next element. Suspends the calling coroutine until there is
 * one. A closed channel still hands out what it holds, then fails with
 * CORO_ERROR_CLOSED.
 *
 * Returns: %TRUE with an element in @element
 */
gboolean     coro_channel_receive            (CoroChannel  *self,
                                              gpointer     *element,
                                              GError      **error);

/**
 * coro_channel_iterate:
 * @self: a channel
 * @element: (out) (transfer full): where to put the element
 * @error: return location for a #GError
 *
 * The loop form of coro_channel_receive(), for
 * `while (coro_channel_iterate (ch, &x, &error))`: the end of a closed
 * channel ends the loop with no error; a cancellation sets @error.
 * Suspends the calling coroutine until there is an element or an end.
 *
 * Returns: %TRUE with an element in @element, %FALSE at the end
 */
gboolean     coro_channel_iterate            (CoroChannel  *self,
                                              gpointer     *element,
                                              GError      **error);

/**
 * coro_channel_send_begin:
 * @self: a channel, which the caller keeps alive until
 *   coro_channel_send_finish()
 * @element: (transfer full): what to send
 *
 * The stackless form of coro_channel_send(); see #CoroStepFunc.
 *
 * Returns: %TRUE if the body must return %CORO_STEP_SUSPENDED before
 *   calling coro_channel_send_finish()
 */
gboolean     coro_channel_send_begin         (CoroChannel  *self,
                                              gpointer      element) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_channel_send_finish:
 * @self: the channel given to coro_channel_send_begin()
 * @error: return location for a #GError
 *
 * Takes the outcome of the wait that coro_channel_send_begin() started,
 * once the stackless coroutine has resumed. Does not suspend.
 *
 * Returns: %TRUE once the element is delivered or buffered, as
 *   coro_channel_send()
 */
gboolean     coro_channel_send_finish        (CoroChannel  *self,
                                              GError      **error);

/**
 * coro_channel_receive_begin:
 * @self: a channel, which the caller keeps alive until
 *   coro_channel_receive_finish()
 *
 * The stackless form of coro_channel_receive(); see #CoroStepFunc.
 *
 * Returns: %TRUE if the body must return %CORO_STEP_SUSPENDED before
 *   calling coro_channel_receive_finish()
 */
gboolean     coro_channel_receive_begin      (CoroChannel  *self) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_channel_receive_finish:
 * @self: the channel given to coro_channel_receive_begin()
 * @element: (out) (transfer full): where to put the element
 * @error: return location for a #GError
 *
 * Takes the outcome of the wait that coro_channel_receive_begin() started,
 * once the stackless coroutine has resumed. Does not suspend.
 *
 * Returns: %TRUE with an element in @element, as coro_channel_receive()
 */
gboolean     coro_channel_receive_finish     (CoroChannel  *self,
                                              gpointer     *element,
                                              GError      **error);

/**
 * coro_channel_try_send:
 * @self: a channel
 * @element: what to send
 * @error: return location for a #GError
 *
 * Sends from anywhere. Does not suspend. On failure (CORO_ERROR_FULL or
 * CORO_ERROR_CLOSED) the caller keeps @element.
 *
 * Returns: %TRUE if the element was taken (ownership passes then)
 */
gboolean     coro_channel_try_send           (CoroChannel  *self,
                                              gpointer      element,
                                              GError      **error);

/**
 * coro_channel_try_receive:
 * @self: a channel
 * @element: (out) (transfer full): where to put the element
 * @error: return location for a #GError
 *
 * Receives from anywhere. Does not suspend. Fails with CORO_ERROR_EMPTY if
 * nothing is there, CORO_ERROR_CLOSED once closed and drained.
 *
 * Returns: %TRUE with an element in @element
 */
gboolean     coro_channel_try_receive        (CoroChannel  *self,
                                              gpointer     *element,
                                              GError      **error);

/**
 * coro_channel_close:
 * @self: a channel
 *
 * No more sends. Receivers still get what was sent before, then
 * CORO_ERROR_CLOSED. Does not suspend.
 *
 * Returns: %FALSE if it was closed already
 */
gboolean     coro_channel_close              (CoroChannel  *self);

/**
 * coro_channel_close_with_error:
 * @self: a channel
 * @cause: (nullable): why, or %NULL for a plain close
 *
 * Closes @self as coro_channel_close() does, except that receivers get a
 * copy of @cause rather than CORO_ERROR_CLOSED once the channel is drained:
 * kotlinx's `close(cause)`, for a producer that failed. Does not suspend.
 *
 * Returns: %FALSE if it was closed already
 */
gboolean     coro_channel_close_with_error   (CoroChannel  *self,
                                              const GError *cause);

/**
 * coro_channel_cancel:
 * @self: a channel
 *
 * Closes @self and drops what it holds: buffered elements and those of
 * suspended senders are freed, and waiters on both sides get CANCELLED.
 * The coroutine of a coro_produce() channel is cancelled too. Does not
 * suspend.
 */
void         coro_channel_cancel             (CoroChannel  *self);

/**
 * coro_channel_is_closed_for_send:
 * @self: a channel
 *
 * Whether coro_channel_close(), coro_channel_close_with_error() or
 * coro_channel_cancel() was called, as kotlinx's `isClosedForSend`; the
 * buffer may still hold elements to receive. Thread-safe.
 *
 * Returns: %TRUE once @self is closed
 */
gboolean     coro_channel_is_closed_for_send (CoroChannel  *self);

/**
 * coro_channel_is_empty:
 * @self: a channel
 *
 * Returns: whether a receive would find nothing right now
 */
gboolean     coro_channel_is_empty           (CoroChannel  *self);

/**
 * coro_produce:
 * @scope: (nullable): the parent job, or %CORO_GLOBAL_SCOPE
 * @capacity: the channel's capacity, as for coro_channel_new()
 * @element_destroy: (nullable): frees elements that are never delivered
 * @func: the producer's body, which sends into the channel it is given
 * @user_data: data for @func
 * @user_data_destroy: (nullable): frees @user_data once the body is over
 *
 * Starts a coroutine in @scope that sends into a channel of its own, and
 * returns that channel to receive from: kotlinx's `produce`. When @func
 * returns, the channel is closed; if it fails, it is closed with its error:
 * receivers get it once they drained the channel, and, as with kotlinx's
 * produce, that is where it is reported (it cancels @scope unless that is
 * a supervisor, but goes to no exception handler). Cancelling the
 * producer cancels the channel, and cancelling the channel with
 * coro_channel_cancel() cancels the producer. Does not suspend.
 *
 * Returns: (transfer full): the channel
 */
CoroChannel *coro_produce                    (CoroJob              *scope,
                                              gint                  capacity,
                                              GDestroyNotify        element_destroy,
                                              CoroProducerFunc      func,
                                              gpointer              user_data,
                                              GDestroyNotify        user_data_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_produce_step:
 * @scope: (nullable): the parent job, or %CORO_GLOBAL_SCOPE
 * @context: (nullable): dispatcher, name, exception handler and elements, as for
 *   coro_launch_step(); its lazy flag is ignored: the producer starts at
 *   once
 * @capacity: the channel's capacity, as for coro_channel_new()
 * @element_destroy: (nullable): frees elements that are never delivered
 * @step: the producer's stackless body
 * @user_data: data for @step
 * @user_data_destroy: (nullable): frees @user_data once the body is over
 *
 * coro_produce() with a stackless body. Does not suspend.
 *
 * Returns: (transfer full): the channel
 */
CoroChannel *coro_produce_step               (CoroJob              *scope,
                                              const CoroContext    *context,
                                              gint                  capacity,
                                              GDestroyNotify        element_destroy,
                                              CoroProducerStepFunc  step,
                                              gpointer              user_data,
                                              GDestroyNotify        user_data_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_ticker:
 * @scope: (nullable): the job to run the ticker in, whose dispatcher's
 *   clock it follows (virtual under coro_run_test()); %CORO_GLOBAL_SCOPE
 *   for Default's
 * @delay_ms: the period, in milliseconds
 * @initial_delay_ms: how long before the first tick
 *
 * A rendezvous channel that delivers a %NULL element every @delay_ms after
 * @initial_delay_ms: kotlinx's `ticker` in its FIXED_PERIOD mode, where a
 * consumer that paused gets the next tick at once and the ones after on
 * the original period. Cancel the channel with coro_channel_cancel() to
 * stop it: until then it is a running child of @scope, which does not
 * complete without it. Does not suspend.
 *
 * Returns: (transfer full): the channel
 */
CoroChannel *coro_ticker                     (CoroJob              *scope,
                                              gint64                delay_ms,
                                              gint64                initial_delay_ms) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroChannel, coro_channel_unref)

G_END_DECLS
