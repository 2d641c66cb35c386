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

CoroChannel *coro_channel_new                (gint          capacity,
                                              GDestroyNotify element_destroy) G_GNUC_WARN_UNUSED_RESULT;
CoroChannel *coro_channel_ref                (CoroChannel  *self);
void         coro_channel_unref              (CoroChannel  *self);
gboolean     coro_channel_send               (CoroChannel  *self,
                                              gpointer      element,
                                              GError      **error);
gboolean     coro_channel_receive            (CoroChannel  *self,
                                              gpointer     *element,
                                              GError      **error);
gboolean     coro_channel_iterate            (CoroChannel  *self,
                                              gpointer     *element,
                                              GError      **error);
gboolean     coro_channel_send_begin         (CoroChannel  *self,
                                              gpointer      element) G_GNUC_WARN_UNUSED_RESULT;
gboolean     coro_channel_send_finish        (CoroChannel  *self,
                                              GError      **error);
gboolean     coro_channel_receive_begin      (CoroChannel  *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean     coro_channel_receive_finish     (CoroChannel  *self,
                                              gpointer     *element,
                                              GError      **error);
gboolean     coro_channel_try_send           (CoroChannel  *self,
                                              gpointer      element,
                                              GError      **error);
gboolean     coro_channel_try_receive        (CoroChannel  *self,
                                              gpointer     *element,
                                              GError      **error);
gboolean     coro_channel_close              (CoroChannel  *self);
gboolean     coro_channel_close_with_error   (CoroChannel  *self,
                                              const GError *cause);
void         coro_channel_cancel             (CoroChannel  *self);
gboolean     coro_channel_is_closed_for_send (CoroChannel  *self);
gboolean     coro_channel_is_empty           (CoroChannel  *self);

CoroChannel *coro_produce                    (CoroJob              *scope,
                                              gint                  capacity,
                                              GDestroyNotify        element_destroy,
                                              CoroProducerFunc      func,
                                              gpointer              user_data,
                                              GDestroyNotify        user_data_destroy) G_GNUC_WARN_UNUSED_RESULT;
CoroChannel *coro_produce_step               (CoroJob              *scope,
                                              const CoroContext    *context,
                                              gint                  capacity,
                                              GDestroyNotify        element_destroy,
                                              CoroProducerStepFunc  step,
                                              gpointer              user_data,
                                              GDestroyNotify        user_data_destroy) G_GNUC_WARN_UNUSED_RESULT;
CoroChannel *coro_ticker                     (CoroJob              *scope,
                                              gint64                delay_ms,
                                              gint64                initial_delay_ms) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroChannel, coro_channel_unref)

G_END_DECLS
