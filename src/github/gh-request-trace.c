/* gh-request-trace.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-request-log.h"

#include <json-glib/json-glib.h>

/*
 * A log as a file of the Trace Event Format, which Perfetto and
 * chrome://tracing open as they are: one complete event ("X") per request
 * on the track of whoever asked for it. Slices on one track must nest, so
 * the requests of one caller that overlap (all of CALLBACKS' on main) go
 * to further tracks of that caller.
 */

typedef struct
{
  char   *key;        /* the caller */
  char   *label;
  GArray *lane_ends;  /* gint64: when each of its tracks is free */
  guint   first_tid;  /* of its first track; the others follow */
} Caller;

static void
caller_free (gpointer data)
{
  Caller *caller = data;

  g_free (caller->key);
  g_free (caller->label);
  g_array_unref (caller->lane_ends);
  g_free (caller);
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  const GhRequestEvent *x = *(const GhRequestEvent **) a;
  const GhRequestEvent *y = *(const GhRequestEvent **) b;

  if (x->start_us != y->start_us)
    return x->start_us < y->start_us ? -1 : 1;
  return x->end_us < y->end_us ? -1 : x->end_us > y->end_us;
}

static char *
caller_label (const GhRequestEvent *event)
{
  if (event->coroutine != NULL)
    return g_strdup_printf ("%s#%" G_GUINT64_FORMAT " @%s", event->coroutine, event->coroutine_id, event->thread);
  return g_strdup (event->thread != NULL ? event->thread : "?");
}

static void
add_metadata (JsonBuilder *builder,
              const char  *name,
              guint        tid,
              const char  *key,
              const char  *value)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "ph");
  json_builder_add_string_value (builder, "M");
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "tid");
  json_builder_add_int_value (builder, tid);
  json_builder_set_member_name (builder, "args");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_request (JsonBuilder          *builder,
             const GhRequestEvent *event,
             gint64                origin_us,
             guint                 tid)
{
  g_autofree char *name = event->page > 1 ? g_strdup_printf ("%s %s page %u", gh_request_kind_to_string (event->kind),
                                                             event->subject, event->page)
                                          : g_strdup_printf ("%s %s", gh_request_kind_to_string (event->kind),
                                                             event->subject);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "cat");
  json_builder_add_string_value (builder, gh_request_kind_to_string (event->kind));
  json_builder_set_member_name (builder, "ph");
  json_builder_add_string_value (builder, "X");
  json_builder_set_member_name (builder, "ts");
  json_builder_add_int_value (builder, event->start_us - origin_us);
  json_builder_set_member_name (builder, "dur");
  json_builder_add_int_value (builder, event->end_us - event->start_us);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "tid");
  json_builder_add_int_value (builder, tid);

  json_builder_set_member_name (builder, "args");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, event->url);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, gh_request_kind_to_string (event->kind));
  json_builder_set_member_name (builder, event->kind == GH_REQUEST_REPOS ? "organization" : "repository");
  json_builder_add_string_value (builder, event->subject);
  json_builder_set_member_name (builder, "page");
  json_builder_add_int_value (builder, event->page);
  json_builder_set_member_name (builder, "thread");
  json_builder_add_string_value (builder, event->thread);
  if (event->coroutine != NULL)
    {
      json_builder_set_member_name (builder, "coroutine");
      json_builder_add_string_value (builder, event->coroutine);
      json_builder_set_member_name (builder, "coroutine_id");
      json_builder_add_int_value (builder, (gint64) event->coroutine_id);
    }
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, event->status);
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, event->n_items);
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, (gint64) event->n_bytes);
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, gh_request_outcome_to_string (event->outcome));
  if (event->error_domain != 0)
    {
      json_builder_set_member_name (builder, "error_domain");
      json_builder_add_string_value (builder, g_quark_to_string (event->error_domain));
      json_builder_set_member_name (builder, "error_code");
      json_builder_add_int_value (builder, event->error_code);
    }
  json_builder_set_member_name (builder, "after_cancel");
  json_builder_add_boolean_value (builder, event->after_cancel);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

/* Its track: the caller's first that is free at its start */
static Caller *
place (GHashTable           *callers,
       GPtrArray            *order,
       const GhRequestEvent *event,
       guint                *lane_out)
{
  g_autofree char *key = event->coroutine_id != 0 ? g_strdup_printf ("#%" G_GUINT64_FORMAT, event->coroutine_id)
                                                  : g_strdup (event->thread != NULL ? event->thread : "?");
  Caller *caller = g_hash_table_lookup (callers, key);
  guint lane;

  if (caller == NULL)
    {
      caller = g_new0 (Caller, 1);
      caller->key = g_steal_pointer (&key);
      caller->label = caller_label (event);
      caller->lane_ends = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (callers, caller->key, caller);
      g_ptr_array_add (order, caller);
    }

  for (lane = 0; lane < caller->lane_ends->len; lane++)
    if (g_array_index (caller->lane_ends, gint64, lane) <= event->start_us)
      break;
  if (lane == caller->lane_ends->len)
    g_array_append_val (caller->lane_ends, event->end_us);
  else
    g_array_index (caller->lane_ends, gint64, lane) = event->end_us;

  *lane_out = lane;
  return caller;
}

/**
 * gh_request_log_to_trace:
 * @self: a log
 * @title: (nullable): the process's name in the viewer, such as
 *   "CONCURRENT kotlin"
 *
 * Times are from the log's origin, in microseconds, as the format has them.
 *
 * Returns: (transfer full): the log as a Trace Event Format file (JSON)
 */
char *
gh_request_log_to_trace (GhRequestLog *self,
                         const char   *title)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GHashTable) callers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, caller_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();   /* Caller, by first request */
  g_autoptr(GArray) lanes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (Caller *));
  gint64 origin_us = gh_request_log_get_origin_us (self);
  gint64 cancelled_us = gh_request_log_get_cancelled_us (self);
  gint64 request_time_us = 0;
  guint n_tids = 0;

  g_return_val_if_fail (GH_IS_REQUEST_LOG (self), NULL);

  for (guint i = 0; i < gh_request_log_get_n_events (self); i++)
    g_ptr_array_add (events, (gpointer) gh_request_log_get_event (self, i));
  g_ptr_array_sort (events, compare_by_start);

  for (guint i = 0; i < events->len; i++)
    {
      const GhRequestEvent *event = g_ptr_array_index (events, i);
      guint lane;
      Caller *owner = place (callers, order, event, &lane);

      g_array_append_val (lanes, lane);
      g_array_append_val (owners, owner);
      request_time_us += event->end_us - event->start_us;
    }

  /* Each caller's tracks, numbered from 1 in order of first request */
  for (guint i = 0; i < order->len; i++)
    {
      Caller *caller = g_ptr_array_index (order, i);

      caller->first_tid = n_tids + 1;
      n_tids += caller->lane_ends->len;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "displayTimeUnit");
  json_builder_add_string_value (builder, "ms");
  json_builder_set_member_name (builder, "otherData");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "requests");
  json_builder_add_int_value (builder, events->len);
  json_builder_set_member_name (builder, "request_time_us");
  json_builder_add_int_value (builder, request_time_us);
  json_builder_set_member_name (builder, "peak_in_flight");
  json_builder_add_int_value (builder, gh_request_log_get_peak (self));
  if (cancelled_us >= 0)
    {
      json_builder_set_member_name (builder, "cancelled_at_us");
      json_builder_add_int_value (builder, cancelled_us - origin_us);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "traceEvents");
  json_builder_begin_array (builder);
  add_metadata (builder, "process_name", 0, "name", title != NULL ? title : "contributors");
  for (guint i = 0; i < order->len; i++)
    {
      Caller *caller = g_ptr_array_index (order, i);

      for (guint lane = 0; lane < caller->lane_ends->len; lane++)
        {
          g_autofree char *name = lane == 0 ? g_strdup (caller->label)
                                            : g_strdup_printf ("%s (%u)", caller->label, lane + 1);

          add_metadata (builder, "thread_name", caller->first_tid + lane, "name", name);
        }
    }
  for (guint i = 0; i < events->len; i++)
    {
      Caller *caller = g_array_index (owners, Caller *, i);

      add_request (builder, g_ptr_array_index (events, i), origin_us,
                   caller->first_tid + g_array_index (lanes, guint, i));
    }
  if (cancelled_us >= 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "Cancel");
      json_builder_set_member_name (builder, "ph");
      json_builder_add_string_value (builder, "i");
      json_builder_set_member_name (builder, "s");
      json_builder_add_string_value (builder, "g");
      json_builder_set_member_name (builder, "ts");
      json_builder_add_int_value (builder, cancelled_us - origin_us);
      json_builder_set_member_name (builder, "pid");
      json_builder_add_int_value (builder, 1);
      json_builder_set_member_name (builder, "tid");
      json_builder_add_int_value (builder, 0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
