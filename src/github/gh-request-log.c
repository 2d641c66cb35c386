/* gh-request-log.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-request-log.h"

#include <string.h>

/*
 * Requests are recorded where they run: on a client's I/O thread, on a
 * BACKGROUND worker, in a mock. Recording copies the event into one block
 * and queues it under a mutex. The log takes the queue on its own thread
 * in one dispatch, at most once a frame, so a burst of answers wakes that
 * thread once and not once per request.
 */

#define DELIVERY_INTERVAL_US (16 * G_TIME_SPAN_MILLISECOND)

struct _GhRequestSink
{
  GSource         source;
  GMutex          mutex;
  GPtrArray      *queue;           /* GhRequestEvent, one block each */
  GhRequestClock  clock;           /* under the mutex */
  gint64          cancelled_us;    /* the same; -1 until marked */
  gint64          last_dispatch_us;
  GhRequestLog   *log;             /* on the log's thread only; NULL once it went */
};

struct _GhRequestLog
{
  GObject        parent_instance;

  GhRequestSink *sink;
  GPtrArray     *events;           /* GhRequestEvent, in order of arrival */
  gint64         origin_us;
  gint64         end_us;
};

G_DEFINE_FINAL_TYPE (GhRequestLog, gh_request_log, G_TYPE_OBJECT)

enum
{
  EVENTS_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- the sink ---------------------------------------------------------- */

static void
copy_string (const char **field,
             char       **cursor)
{
  gsize size;

  if (*field == NULL)
    return;
  size = strlen (*field) + 1;
  memcpy (*cursor, *field, size);
  *field = *cursor;
  *cursor += size;
}

/* The event and its strings in one block; the thread and coroutine names
 * are copied too, since a coroutine's name goes with it */
static GhRequestEvent *
event_copy (const GhRequestEvent *event)
{
  const char *strings[] = { event->url, event->subject, event->thread, event->coroutine };
  gsize size = sizeof (GhRequestEvent);
  GhRequestEvent *copy;
  char *cursor;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    size += strings[i] != NULL ? strlen (strings[i]) + 1 : 0;

  copy = g_malloc (size);
  *copy = *event;
  cursor = (char *) (copy + 1);
  copy_string (&copy->url, &cursor);
  copy_string (&copy->subject, &cursor);
  copy_string (&copy->thread, &cursor);
  copy_string (&copy->coroutine, &cursor);

  return copy;
}

static gboolean
sink_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  if (((GhRequestSink *) source)->log != NULL)
    gh_request_log_flush (((GhRequestSink *) source)->log);
  return G_SOURCE_CONTINUE;
}

static void
sink_finalize (GSource *source)
{
  GhRequestSink *self = (GhRequestSink *) source;

  g_ptr_array_unref (self->queue);
  g_mutex_clear (&self->mutex);
}

static GSourceFuncs sink_funcs = {
  .dispatch = sink_dispatch,
  .finalize = sink_finalize,
};

GhRequestSink *
gh_request_sink_ref (GhRequestSink *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (GhRequestSink *) g_source_ref (&self->source);
}

void
gh_request_sink_unref (GhRequestSink *self)
{
  g_return_if_fail (self != NULL);

  g_source_unref (&self->source);
}

/**
 * gh_request_sink_now:
 * @self: a sink
 *
 * Any thread may ask.
 *
 * Returns: the time on its log's clock, in microseconds
 */
gint64
gh_request_sink_now (GhRequestSink *self)
{
  GhRequestClock clock;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  clock = self->clock;
  g_mutex_unlock (&self->mutex);

  return clock ();
}

/**
 * gh_request_sink_record:
 * @self: a sink
 * @event: a request that ended; copied, and its @after_cancel ignored
 *
 * Records @event from any thread. Its log has it at the latest a frame
 * later, once its thread's context runs.
 */
void
gh_request_sink_record (GhRequestSink        *self,
                        const GhRequestEvent *event)
{
  GhRequestEvent *copy;
  gint64 ready_time = -1;

  g_return_if_fail (self != NULL);
  g_return_if_fail (event != NULL);

  copy = event_copy (event);

  g_mutex_lock (&self->mutex);
  copy->after_cancel = self->cancelled_us >= 0 && copy->end_us > self->cancelled_us &&
                       copy->outcome != GH_REQUEST_CANCELLED;
  g_ptr_array_add (self->queue, copy);
  if (self->queue->len == 1)
    ready_time = MAX (g_get_monotonic_time (), self->last_dispatch_us + DELIVERY_INTERVAL_US);
  g_mutex_unlock (&self->mutex);

  if (ready_time >= 0)
    g_source_set_ready_time (&self->source, ready_time);
}

/* --- the log ----------------------------------------------------------- */

static void
gh_request_log_finalize (GObject *object)
{
  GhRequestLog *self = GH_REQUEST_LOG (object);

  self->sink->log = NULL;
  g_source_destroy (&self->sink->source);
  g_source_unref (&self->sink->source);
  g_ptr_array_unref (self->events);

  G_OBJECT_CLASS (gh_request_log_parent_class)->finalize (object);
}

static void
gh_request_log_class_init (GhRequestLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gh_request_log_finalize;

  /**
   * GhRequestLog::events-added:
   * @self: the log
   * @position: the index of the first new event
   * @n_added: how many came
   *
   * Requests reached the log, at most once a frame.
   */
  signals[EVENTS_ADDED] = g_signal_new ("events-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
gh_request_log_init (GhRequestLog *self)
{
  self->events = g_ptr_array_new_with_free_func (g_free);
  self->sink = (GhRequestSink *) g_source_new (&sink_funcs, sizeof (GhRequestSink));
  g_mutex_init (&self->sink->mutex);
  self->sink->queue = g_ptr_array_new_with_free_func (g_free);
  self->sink->clock = g_get_monotonic_time;
  self->sink->cancelled_us = -1;
  self->sink->log = self;
  g_source_set_static_name (&self->sink->source, "[gh] request events");
  g_source_attach (&self->sink->source, g_main_context_get_thread_default ());
  self->origin_us = g_get_monotonic_time ();
}

/**
 * gh_request_log_new:
 *
 * A log of the requests a service makes, once given its sink. It lives on
 * the calling thread, whose thread-default main context receives the
 * events.
 *
 * Returns: (transfer full): a new log
 */
GhRequestLog *
gh_request_log_new (void)
{
  return g_object_new (GH_TYPE_REQUEST_LOG, NULL);
}

/**
 * gh_request_log_set_clock:
 * @self: a log
 * @clock: (nullable): its clock in microseconds; %NULL for the monotonic one
 *
 * For a service that runs on another clock, such as virtual time in a
 * test: it reads the time with gh_request_sink_now(). Also sets the origin
 * to now.
 */
void
gh_request_log_set_clock (GhRequestLog   *self,
                          GhRequestClock  clock)
{
  g_return_if_fail (GH_IS_REQUEST_LOG (self));

  g_mutex_lock (&self->sink->mutex);
  self->sink->clock = clock != NULL ? clock : g_get_monotonic_time;
  g_mutex_unlock (&self->sink->mutex);
  gh_request_log_set_origin (self);
}

/**
 * gh_request_log_now:
 * @self: a log
 *
 * Returns: the time on its clock
 */
gint64
gh_request_log_now (GhRequestLog *self)
{
  g_return_val_if_fail (GH_IS_REQUEST_LOG (self), 0);

  return gh_request_sink_now (self->sink);
}

/**
 * gh_request_log_get_sink:
 * @self: a log
 *
 * Returns: (transfer none): where a service records requests for @self
 */
GhRequestSink *
gh_request_log_get_sink (GhRequestLog *self)
{
  g_return_val_if_fail (GH_IS_REQUEST_LOG (self), NULL);

  return self->sink;
}

/**
 * gh_request_log_mark_cancelled:
 * @self: a log
 *
 * Says that the load was cancelled now: a request that ends later, other
 * than as cancelled, is marked as running after the cancel. Only the
 * first call counts.
 */
void
gh_request_log_mark_cancelled (GhRequestLog *self)
{
  g_return_if_fail (GH_IS_REQUEST_LOG (self));

  g_mutex_lock (&self->sink->mutex);
  if (self->sink->cancelled_us < 0)
    self->sink->cancelled_us = self->sink->clock ();
  g_mutex_unlock (&self->sink->mutex);
}

/**
 * gh_request_log_get_cancelled_us:
 * @self: a log
 *
 * Returns: when the load was cancelled, or -1
 */
gint64
gh_request_log_get_cancelled_us (GhRequestLog *self)
{
  gint64 cancelled_us;

  g_return_val_if_fail (GH_IS_REQUEST_LOG (self), -1);

  g_mutex_lock (&self->sink->mutex);
  cancelled_us = self->sink->cancelled_us;
  g_mutex_unlock (&self->sink->mutex);

  return cancelled_us;
}

/**
 * gh_request_log_flush:
 * @self: a log
 *
 * Takes what was recorded so far at once, without waiting for the next
 * delivery; emits #GhRequestLog::events-added if anything came.
 */
void
gh_request_log_flush (GhRequestLog *self)
{
  g_autoptr(GPtrArray) queue = NULL;
  guint position;

  g_return_if_fail (GH_IS_REQUEST_LOG (self));

  g_mutex_lock (&self->sink->mutex);
  self->sink->last_dispatch_us = g_get_monotonic_time ();
  if (self->sink->queue->len > 0)
    {
      queue = self->sink->queue;
      self->sink->queue = g_ptr_array_new_with_free_func (g_free);
    }
  g_mutex_unlock (&self->sink->mutex);

  if (queue == NULL)
    return;

  position = self->events->len;
  g_ptr_array_set_free_func (queue, NULL);   /* the events move to the log */
  for (guint i = 0; i < queue->len; i++)
    {
      GhRequestEvent *event = g_ptr_array_index (queue, i);

      self->end_us = self->events->len == 0 ? event->end_us : MAX (self->end_us, event->end_us);
      g_ptr_array_add (self->events, event);
    }
  g_signal_emit (self, signals[EVENTS_ADDED], 0, position, self->events->len - position);
}

guint
gh_request_log_get_n_events (GhRequestLog *self)
{
  g_return_val_if_fail (GH_IS_REQUEST_LOG (self), 0);

  return self->events->len;
}

/**
 * gh_request_log_get_event:
 * @self: a log
 * @index: which event, in order of arrival
 *
 * Returns: (transfer none): the event, as long as @self lives
 */
const GhRequestEvent *
gh_request_log_get_event (GhRequestLog *self,
                          guint         index)
{
  g_return_val_if_fail (GH_IS_REQUEST_LOG (self), NULL);
  g_return_val_if_fail (index < self->events->len, NULL);

  return g_ptr_array_index (self->events, index);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * gh_request_log_get_peak:
 * @self: a log
 *
 * Returns: the most requests in flight at once among the events so far;
 *   one ending when another starts does not overlap it
 */
guint
gh_request_log_get_peak (GhRequestLog *self)
{
  g_autofree gint64 *starts = NULL;
  g_autofree gint64 *ends = NULL;
  guint in_flight = 0;
  guint peak = 0;
  guint j = 0;
  guint n;

  g_return_val_if_fail (GH_IS_REQUEST_LOG (self), 0);

  n = self->events->len;
  starts = g_new (gint64, n + 1);
  ends = g_new (gint64, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const GhRequestEvent *event = g_ptr_array_index (self->events, i);

      starts[i] = event->start_us;
      ends[i] = event->end_us;
    }
  qsort (starts, n, sizeof (gint64), compare_gint64);
  qsort (ends, n, sizeof (gint64), compare_gint64);

  for (guint i = 0; i < n; i++)
    {
      while (j < n && ends[j] <= starts[i])
        {
          j++;
          in_flight--;
        }
      in_flight++;
      peak = MAX (peak, in_flight);
    }
  return peak;
}

/**
 * gh_request_log_set_origin:
 * @self: a log
 *
 * Makes now the log's time 0, the start of the load.
 */
void
gh_request_log_set_origin (GhRequestLog *self)
{
  g_return_if_fail (GH_IS_REQUEST_LOG (self));

  self->origin_us = gh_request_log_now (self);
}

gint64
gh_request_log_get_origin_us (GhRequestLog *self)
{
  g_return_val_if_fail (GH_IS_REQUEST_LOG (self), 0);

  return self->origin_us;
}

/**
 * gh_request_log_get_end_us:
 * @self: a log
 *
 * Returns: the latest end among the events, or the origin without any
 */
gint64
gh_request_log_get_end_us (GhRequestLog *self)
{
  g_return_val_if_fail (GH_IS_REQUEST_LOG (self), 0);

  return self->events->len > 0 ? self->end_us : self->origin_us;
}

const char *
gh_request_kind_to_string (GhRequestKind kind)
{
  switch (kind)
    {
    case GH_REQUEST_REPOS:
      return "repos";
    case GH_REQUEST_CONTRIBUTORS:
    default:
      return "contributors";
    }
}

const char *
gh_request_outcome_to_string (GhRequestOutcome outcome)
{
  switch (outcome)
    {
    case GH_REQUEST_OK:
      return "ok";
    case GH_REQUEST_EMPTY:
      return "empty";
    case GH_REQUEST_FAILED:
      return "failed";
    case GH_REQUEST_CANCELLED:
    default:
      return "cancelled";
    }
}
