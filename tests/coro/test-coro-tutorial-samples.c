/* test-coro-tutorial-samples.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

/*
 * The two demos of the "Coroutines and channels" tutorial (its
 * src/samples/): ChannelsSample, where producers A and B send into a
 * rendezvous channel that one consumer reads three times, and
 * ConcurrencySample, which awaits an async loadData().
 *
 * The samples log through the "Samples" logger, which logback prints as
 * "<ms since start> [<thread>] INFO  Samples - <message>"; with kotlinx's
 * debug mode the thread name carries " @coroutine#N". Here the time is
 * the virtual clock, so a line pins down both what happened and when.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <coro.h>

#include "coro-test-utils.h"

/* In real time, lines from different threads come in no fixed order; they
 * are collected here and checked one by one instead of all at once. */
static GMutex real_time_lock;
static GPtrArray *real_time_lines;

/* The samples' log (): one line in the test log. */
static void
sample_log (const char *message)
{
  g_autofree char *label = coro_debug_thread_label ();

  if (coro_test_current_time () >= 0)
    {
      test_println ("%" G_GINT64_FORMAT " [%s] INFO  Samples - %s",
                    coro_test_current_time (), label, message);
      return;
    }

  g_mutex_lock (&real_time_lock);
  g_assert_nonnull (real_time_lines);
  g_ptr_array_add (real_time_lines, g_strdup_printf ("[%s] INFO  Samples - %s", label, message));
  g_mutex_unlock (&real_time_lock);
}

/* runBlocking's own coroutine is named "coroutine" in kotlinx and its
 * children inherit the name; run_test's root is named "test", so each
 * sample runs in a child named like kotlinx's. */
typedef struct
{
  CoroFunc func;
  guint64  id;   /* the sample's main coroutine */
  guint64  first_child_id;
} Sample;

static gpointer
sample_main (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  Sample *sample = user_data;

  sample->id = coro_job_get_id (coro_current_job ());
  return sample->func (scope, sample, error);
}

static gpointer
sample_root (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  g_autoptr(CoroJob) job = NULL;

  job = coro_launch_full (scope, &(CoroContext) { .name = "coroutine" }, sample_main, user_data, NULL);
  if (!coro_job_join (job, error))
    return NULL;
  return coro_job_dup_error (job);
}

/* Runs a sample under virtual time; fails the test on any error. */
static void
run_sample (Sample *sample)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) sample_error = NULL;

  test_log_reset ();
  sample_error = coro_run_test (sample_root, sample, &error);
  g_assert_no_error (error);
  g_assert_no_error (sample_error);
}

static char *
expected_line (gint64      time,
               guint64     id,
               const char *message)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " [main @coroutine#%" G_GUINT64_FORMAT "] INFO  Samples - %s",
                          time, id, message);
}

/* ChannelsSample */

static gpointer
producer_a (CoroJob  *scope,
            gpointer  user_data,
            GError  **error)
{
  CoroChannel *channel = user_data;

  if (!coro_channel_send (channel, g_strdup ("A1"), error) ||
      !coro_channel_send (channel, g_strdup ("A2"), error))
    return NULL;
  sample_log ("A done");
  return NULL;
}

static gpointer
producer_b (CoroJob  *scope,
            gpointer  user_data,
            GError  **error)
{
  CoroChannel *channel = user_data;

  if (!coro_channel_send (channel, g_strdup ("B1"), error))
    return NULL;
  sample_log ("B done");
  return NULL;
}

static gpointer
consumer (CoroJob  *scope,
          gpointer  user_data,
          GError  **error)
{
  CoroChannel *channel = user_data;

  for (gint i = 0; i < 3; i++)
    {
      g_autofree char *x = NULL;

      if (!coro_channel_receive (channel, (gpointer *) &x, error))
        return NULL;
      sample_log (x);
    }
  return NULL;
}

static gpointer
channels_sample (CoroJob  *scope,
                 gpointer  user_data,
                 GError  **error)
{
  Sample *sample = user_data;
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, g_free);
  g_autoptr(CoroJob) a = NULL;
  g_autoptr(CoroJob) b = NULL;
  g_autoptr(CoroJob) c = NULL;

  a = coro_launch (scope, producer_a, coro_channel_ref (channel), (GDestroyNotify) coro_channel_unref);
  b = coro_launch (scope, producer_b, coro_channel_ref (channel), (GDestroyNotify) coro_channel_unref);
  c = coro_launch (scope, consumer, coro_channel_ref (channel), (GDestroyNotify) coro_channel_unref);

  /* Ids follow launch order, as in kotlinx: #2, #3, #4 under #1. */
  sample->first_child_id = coro_job_get_id (a);
  g_assert_cmpuint (coro_job_get_id (b), ==, sample->first_child_id + 1);
  g_assert_cmpuint (coro_job_get_id (c), ==, sample->first_child_id + 2);
  return NULL;
}

static void
test_channels_sample (void)
{
  Sample sample = { channels_sample, 0, 0 };
  guint64 a, b, c;

  run_sample (&sample);

  a = sample.first_child_id;
  b = a + 1;
  c = a + 2;
  {
    g_autofree char *l0 = expected_line (0, c, "A1");
    g_autofree char *l1 = expected_line (0, c, "B1");
    g_autofree char *l2 = expected_line (0, a, "A done");
    g_autofree char *l3 = expected_line (0, b, "B done");
    g_autofree char *l4 = expected_line (0, c, "A2");

    /* The consumer takes A1 and B1 from the two suspended senders without
     * suspending itself; then A's second send meets it waiting. */
    TEST_LOG_ASSERT (l0, l1, l2, l3, l4);
  }
}

/* ConcurrencySample */

static gpointer
load_data (CoroJob  *scope,
           gpointer  user_data,
           GError  **error)
{
  sample_log ("loading...");
  if (!coro_delay (1000, error))
    return NULL;
  sample_log ("loaded!");
  return GINT_TO_POINTER (42);
}

static gpointer
concurrency_sample (CoroJob  *scope,
                    gpointer  user_data,
                    GError  **error)
{
  Sample *sample = user_data;
  /* Default as in the sample, except under virtual time (see below). */
  CoroDispatcher *dispatcher = coro_test_current_time () >= 0 ? NULL : coro_dispatcher_default ();
  g_autoptr(CoroDeferred) deferred = NULL;
  g_autofree char *result = NULL;
  gpointer value;

  deferred = coro_async_full (scope, &(CoroContext) { .dispatcher = dispatcher }, load_data, NULL, NULL, NULL);
  sample->first_child_id = coro_job_get_id (deferred);
  sample_log ("waiting...");
  value = coro_deferred_await (deferred, error);
  if (value == NULL)
    return NULL;
  result = g_strdup_printf ("%d", GPOINTER_TO_INT (value));
  sample_log (result);
  return NULL;
}

/* The sample runs loadData () on Dispatchers.Default, whose clock is real
 * in kotlinx too. Under virtual time the port leaves the dispatcher to be
 * inherited from the test instead, so that the delay is virtual and the
 * times are exact; the next test keeps Default, in real time. */
static void
test_concurrency_sample (void)
{
  Sample sample = { concurrency_sample, 0, 0 };
  g_autofree char *l0 = NULL;
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = NULL;

  run_sample (&sample);

  l0 = expected_line (0, sample.id, "waiting...");
  l1 = expected_line (0, sample.first_child_id, "loading...");
  l2 = expected_line (1000, sample.first_child_id, "loaded!");
  l3 = expected_line (1000, sample.id, "42");
  TEST_LOG_ASSERT (l0, l1, l2, l3);
}

static gpointer
blocking_sample_root (CoroJob  *scope,
                      gpointer  user_data,
                      GError  **error)
{
  Sample *sample = user_data;

  /* coro_run_blocking's root is already named "coroutine". */
  sample->id = coro_job_get_id (coro_current_job ());
  return sample->func (scope, sample, error);
}

/* The index of the line that ends with @message; its thread label goes
 * to @label. */
static guint
find_line (GPtrArray   *lines,
           const char  *message,
           char       **label)
{
  g_autofree char *suffix = g_strdup_printf ("] INFO  Samples - %s", message);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (g_str_has_suffix (line, suffix))
        {
          g_assert_true (line[0] == '[');
          *label = g_strndup (line + 1, strlen (line) - strlen (suffix) - 1);
          return i;
        }
    }
  g_error ("no line ends with \"%s\"", message);
}

/* The sample as written: loadData () on Default, in real time. The main
 * coroutine logs on this thread, loadData () on one worker throughout (a
 * fiber never changes thread); "waiting..." and "loading..." race. */
static void
test_concurrency_sample_default (void)
{
  Sample sample = { concurrency_sample, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *waiting_label = NULL;
  g_autofree char *loading_label = NULL;
  g_autofree char *loaded_label = NULL;
  g_autofree char *result_label = NULL;
  g_autofree char *main_label = NULL;
  guint waiting, loading, loaded, result;
  guint worker = 0;
  guint64 id = 0;

  g_mutex_lock (&real_time_lock);
  real_time_lines = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&real_time_lock);

  coro_run_blocking (blocking_sample_root, &sample, &error);
  g_assert_no_error (error);

  g_mutex_lock (&real_time_lock);
  lines = g_steal_pointer (&real_time_lines);
  g_mutex_unlock (&real_time_lock);

  g_assert_cmpuint (lines->len, ==, 4);
  waiting = find_line (lines, "waiting...", &waiting_label);
  loading = find_line (lines, "loading...", &loading_label);
  loaded = find_line (lines, "loaded!", &loaded_label);
  result = find_line (lines, "42", &result_label);

  g_assert_cmpuint (loading, <, loaded);
  g_assert_cmpuint (loaded, <, result);
  g_assert_cmpuint (waiting, <, result);

  main_label = g_strdup_printf ("main @coroutine#%" G_GUINT64_FORMAT, sample.id);
  g_assert_cmpstr (waiting_label, ==, main_label);
  g_assert_cmpstr (result_label, ==, main_label);

  g_assert_cmpstr (loading_label, ==, loaded_label);
  g_assert_cmpint (sscanf (loading_label, "worker-%u @coroutine#%" G_GUINT64_FORMAT, &worker, &id), ==, 2);
  g_assert_cmpuint (worker, >=, 1);
  g_assert_cmpuint (id, ==, sample.first_child_id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  coro_debug_set_enabled (TRUE);

  g_test_add_func ("/coro/tutorial/samples/channels", test_channels_sample);
  g_test_add_func ("/coro/tutorial/samples/concurrency", test_concurrency_sample);
  g_test_add_func ("/coro/tutorial/samples/concurrency-default", test_concurrency_sample_default);

  return g_test_run ();
}
