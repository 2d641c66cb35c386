/* gh-delivery.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-delivery-private.h"

/*
 * Where the outcomes of one context's callback-style calls wait for it.
 * Handing each back on its own would wake the context once per answer; a
 * burst is handed back in one dispatch instead, at most once a frame
 * while more of its calls are in flight, and at once for the last, so that
 * a call on its own is never held back.
 */

/* While more of a context's calls are in flight, their outcomes reach it
 * at most once a frame */
#define DELIVERY_INTERVAL_US (16 * G_TIME_SPAN_MILLISECOND)

struct _GhDeliveries
{
  GMutex     mutex;
  GPtrArray *list;     /* GhDelivery, one per context with calls in flight */
};

struct _GhDelivery
{
  GSource       source;
  GhDeliveries *owner;             /* outlives every delivery with calls */
  GQueue        outcomes;          /* Outcome; under the owner's mutex */
  guint         n_calls;           /* started here, not handed back yet; the same */
  gint64        last_dispatch_us;  /* the same */
};

typedef struct
{
  GTask      *task;
  GhResponse *response;
  GError     *error;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->response, gh_response_unref);
  g_clear_error (&outcome->error);
  g_clear_object (&outcome->task);
  g_free (outcome);
}

static gboolean
delivery_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  GhDelivery *self = (GhDelivery *) source;
  GhDeliveries *owner = self->owner;
  GQueue outcomes = G_QUEUE_INIT;
  gboolean idle;
  Outcome *outcome;

  g_source_set_ready_time (source, -1);

  g_mutex_lock (&owner->mutex);
  outcomes = self->outcomes;
  g_queue_init (&self->outcomes);
  self->n_calls -= outcomes.length;
  self->last_dispatch_us = g_get_monotonic_time ();
  idle = self->n_calls == 0;
  if (idle)
    g_ptr_array_remove_fast (owner->list, self);   /* drops the list's reference */
  g_mutex_unlock (&owner->mutex);

  /* Inside a dispatch of the tasks' own context, GTask runs each
   * callback at once: one wake-up for them all */
  while ((outcome = g_queue_pop_head (&outcomes)) != NULL)
    {
      if (outcome->error != NULL)
        g_task_return_error (outcome->task, g_steal_pointer (&outcome->error));
      else
        g_task_return_pointer (outcome->task, g_steal_pointer (&outcome->response),
                               (GDestroyNotify) gh_response_unref);
      outcome_free (outcome);
    }

  return idle ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

/* Outcomes still here went with a context that was destroyed */
static void
delivery_finalize (GSource *source)
{
  GhDelivery *self = (GhDelivery *) source;

  g_queue_clear_full (&self->outcomes, (GDestroyNotify) outcome_free);
}

static GSourceFuncs delivery_funcs = {
  .dispatch = delivery_dispatch,
  .finalize = delivery_finalize,
};

GhDeliveries *
_gh_deliveries_new (void)
{
  GhDeliveries *self = g_new0 (GhDeliveries, 1);

  g_mutex_init (&self->mutex);
  self->list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);

  return self;
}

/* With no call in flight: each delivery has gone once its last outcome
 * was handed over */
void
_gh_deliveries_free (GhDeliveries *self)
{
  g_ptr_array_unref (self->list);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/* Counts a call started on @context, whose outcome then goes back there */
GhDelivery *
_gh_deliveries_acquire (GhDeliveries *self,
                        GMainContext *context)
{
  GhDelivery *delivery = NULL;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->list->len && delivery == NULL; i++)
    {
      GhDelivery *candidate = g_ptr_array_index (self->list, i);

      if (g_source_get_context (&candidate->source) == context)
        delivery = candidate;
    }
  if (delivery == NULL)
    {
      delivery = (GhDelivery *) g_source_new (&delivery_funcs, sizeof (GhDelivery));
      delivery->owner = self;
      g_queue_init (&delivery->outcomes);
      g_source_set_priority (&delivery->source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (&delivery->source, "[gh] answers");
      g_source_attach (&delivery->source, context);
      g_ptr_array_add (self->list, delivery);
    }
  delivery->n_calls++;
  g_mutex_unlock (&self->mutex);

  return delivery;
}

/* For tests: the outcomes that wait for @context to take them */
guint
_gh_deliveries_get_n_waiting (GhDeliveries *self,
                              GMainContext *context)
{
  guint n = 0;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->list->len; i++)
    {
      GhDelivery *delivery = g_ptr_array_index (self->list, i);

      if (g_source_get_context (&delivery->source) == context)
        n = g_queue_get_length (&delivery->outcomes);
    }
  g_mutex_unlock (&self->mutex);

  return n;
}

/* From any thread: hands a call's outcome (@response or @error, both
 * taken) to the context its @task returns on */
void
_gh_delivery_push (GhDelivery *self,
                   GTask      *task,
                   GhResponse *response,
                   GError     *error)
{
  GhDeliveries *owner = self->owner;
  Outcome *outcome = g_new0 (Outcome, 1);
  gint64 ready_time = -2;   /* as it is */
  guint pending;

  outcome->task = task;
  outcome->response = response;
  outcome->error = error;

  g_mutex_lock (&owner->mutex);
  g_queue_push_tail (&self->outcomes, outcome);
  pending = self->n_calls - self->outcomes.length;
  if (pending == 0)
    ready_time = 0;
  else if (self->outcomes.length == 1)
    ready_time = MAX (g_get_monotonic_time (), self->last_dispatch_us + DELIVERY_INTERVAL_US);
  g_source_ref (&self->source);
  g_mutex_unlock (&owner->mutex);

  if (ready_time != -2)
    g_source_set_ready_time (&self->source, ready_time);
  g_source_unref (&self->source);
}
