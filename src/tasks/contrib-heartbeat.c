/* contrib-heartbeat.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * How long the main loop was unable to run anything: a source beats every
 * few milliseconds at default priority, like input handling, and the
 * longest gap between two beats, less the period, is how long the user
 * interface was blocked. It makes BLOCKING's freeze a number.
 */

#include "config.h"

#include "contrib-heartbeat.h"

struct _ContribHeartbeat
{
  GMainContext *context;
  guint         period_ms;
  GSource      *source;
  gint64        last_beat;
  gint64        max_block_us;
};

static gboolean
beat (gpointer data)
{
  ContribHeartbeat *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - self->last_beat - (gint64) self->period_ms * 1000;

  if (late > self->max_block_us)
    self->max_block_us = late;
  self->last_beat = now;
  return G_SOURCE_CONTINUE;
}

/**
 * contrib_heartbeat_new:
 * @context: (nullable): the context to watch; %NULL for the thread-default
 * @period_ms: how often to beat
 *
 * Returns: (transfer full): a stopped heartbeat
 */
ContribHeartbeat *
contrib_heartbeat_new (GMainContext *context,
                       guint         period_ms)
{
  ContribHeartbeat *self = g_new0 (ContribHeartbeat, 1);

  g_return_val_if_fail (period_ms > 0, NULL);

  if (context == NULL)
    context = g_main_context_get_thread_default ();
  self->context = context != NULL ? g_main_context_ref (context) : g_main_context_ref (g_main_context_default ());
  self->period_ms = period_ms;
  return self;
}

void
contrib_heartbeat_free (ContribHeartbeat *self)
{
  g_return_if_fail (self != NULL);

  contrib_heartbeat_stop (self);
  g_main_context_unref (self->context);
  g_free (self);
}

/**
 * contrib_heartbeat_start:
 * @self: a heartbeat
 *
 * Starts beating, and measuring from zero.
 */
void
contrib_heartbeat_start (ContribHeartbeat *self)
{
  g_return_if_fail (self != NULL);

  contrib_heartbeat_stop (self);
  self->max_block_us = 0;
  self->last_beat = g_get_monotonic_time ();
  self->source = g_timeout_source_new (self->period_ms);
  g_source_set_priority (self->source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (self->source, "[contrib] heartbeat");
  g_source_set_callback (self->source, beat, self, NULL);
  g_source_attach (self->source, self->context);
}

/**
 * contrib_heartbeat_stop:
 * @self: a heartbeat
 *
 * Stops beating, counting the gap up to now: a block that lasted until the
 * very end still counts.
 */
void
contrib_heartbeat_stop (ContribHeartbeat *self)
{
  g_return_if_fail (self != NULL);

  if (self->source == NULL)
    return;

  beat (self);
  g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
}

/**
 * contrib_heartbeat_get_max_block_ms:
 * @self: a heartbeat
 *
 * Returns: the longest time the main loop could not run, in milliseconds
 */
gint64
contrib_heartbeat_get_max_block_ms (ContribHeartbeat *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return MAX (self->max_block_us, 0) / 1000;
}
