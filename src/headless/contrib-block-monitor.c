/* contrib-block-monitor.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * ContribHeartbeat's figure, less the time the main thread spent waiting
 * for a CPU. The heartbeat measures wall-clock gaps between its beats, so
 * on a busy machine (two cores, a server, the loader's own workers, other
 * jobs) a gap also counts the time the scheduler ran something else while
 * the main loop was ready to go. The kernel keeps that time per thread
 * (the second field of /proc/thread-self/schedstat, "run delay"); taking
 * it out leaves what the program itself did to the loop: work on the main
 * thread, or a blocking call there, such as BLOCKING's.
 */

#include "config.h"

#include "contrib-block-monitor.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>

struct _ContribBlockMonitor
{
  guint    period_ms;
  GSource *source;
  gint64   last_beat_us;
  gint64   last_wait_us;
  gint64   max_block_us;
  int      schedstat_fd;   /* kept open: a beat must cost the loop next to nothing */
  gboolean supported;
};

static void
close_schedstat (ContribBlockMonitor *self)
{
  if (self->schedstat_fd >= 0)
    g_close (self->schedstat_fd, NULL);
  self->schedstat_fd = -1;
}

/* Microseconds the monitored thread has waited on a run queue, or -1 */
static gint64
run_queue_wait_us (ContribBlockMonitor *self)
{
  char buffer[128];
  unsigned long long running_ns, waiting_ns;
  gssize n;

  if (self->schedstat_fd < 0)
    return -1;

  n = pread (self->schedstat_fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0)
    return -1;
  buffer[n] = '\0';

  if (sscanf (buffer, "%llu %llu", &running_ns, &waiting_ns) != 2)
    return -1;
  return (gint64) (waiting_ns / 1000);
}

static void
beat (ContribBlockMonitor *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 wait = run_queue_wait_us (self);
  gint64 block;

  if (wait < 0)
    {
      self->supported = FALSE;
      close_schedstat (self);
      return;
    }

  block = (now - self->last_beat_us) - (wait - self->last_wait_us) -
          (gint64) self->period_ms * 1000;
  self->max_block_us = MAX (self->max_block_us, block);
  self->last_beat_us = now;
  self->last_wait_us = wait;
}

static gboolean
beat_cb (gpointer data)
{
  beat (data);
  return G_SOURCE_CONTINUE;
}

/**
 * contrib_block_monitor_new:
 * @period_ms: how often to beat
 *
 * Returns: (transfer full): a stopped monitor of the default main context,
 *   which must run on the calling thread
 */
ContribBlockMonitor *
contrib_block_monitor_new (guint period_ms)
{
  ContribBlockMonitor *self;

  g_return_val_if_fail (period_ms > 0, NULL);

  self = g_new0 (ContribBlockMonitor, 1);
  self->period_ms = period_ms;
  self->schedstat_fd = -1;
  return self;
}

void
contrib_block_monitor_free (ContribBlockMonitor *self)
{
  if (self == NULL)
    return;

  contrib_block_monitor_stop (self);
  g_free (self);
}

void
contrib_block_monitor_start (ContribBlockMonitor *self)
{
  g_return_if_fail (self != NULL);

  contrib_block_monitor_stop (self);
  self->max_block_us = 0;
  /* /proc/thread-self is the thread that opens it, which is the one the
   * monitor's source runs on */
  self->schedstat_fd = g_open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC, 0);
  self->last_beat_us = g_get_monotonic_time ();
  self->last_wait_us = run_queue_wait_us (self);
  self->supported = self->last_wait_us >= 0;

  self->source = g_timeout_source_new (self->period_ms);
  g_source_set_priority (self->source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (self->source, "[contrib] block monitor");
  g_source_set_callback (self->source, beat_cb, self, NULL);
  g_source_attach (self->source, NULL);
}

/**
 * contrib_block_monitor_stop:
 * @self: a monitor
 *
 * Stops, counting the gap up to now, as ContribHeartbeat does.
 */
void
contrib_block_monitor_stop (ContribBlockMonitor *self)
{
  g_return_if_fail (self != NULL);

  if (self->source == NULL)
    return;

  if (self->supported)
    beat (self);
  close_schedstat (self);
  g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
}

/**
 * contrib_block_monitor_get_max_block_ms:
 * @self: a monitor
 *
 * Returns: the longest the main loop could not run for reasons of the
 *   program's own, in milliseconds; -1 where the kernel does not say how
 *   long a thread waited for a CPU
 */
gint64
contrib_block_monitor_get_max_block_ms (ContribBlockMonitor *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->supported ? MAX (self->max_block_us, 0) / 1000 : -1;
}
