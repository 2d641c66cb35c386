/* coro-channel.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

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
void         coro_channel_cancel             (CoroChannel  *self);
gboolean     coro_channel_is_closed_for_send (CoroChannel  *self);
gboolean     coro_channel_is_empty           (CoroChannel  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroChannel, coro_channel_unref)

G_END_DECLS
