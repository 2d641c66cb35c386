/* test-coro-stackless.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Stackless bodies (coro_launch_step()) on the same jobs, timers, channels
 * and virtual time as fibers: their waits, their place in the job tree,
 * their cancellation, and how misuse is reported.
 */

#include "config.h"

#include <coro.h>

#include "coro-alloc-private.h"
#include "coro-test-utils.h"

static gint n_freed;

static void
count_free (gpointer data)
{
  g_atomic_int_inc (&n_freed);
}

/* Runs two stackless coroutines side by side until both are over. */
static void
run_pair (CoroJob       *scope,
          CoroStepFunc   first,
          gpointer       first_data,
          CoroStepFunc   second,
          gpointer       second_data,
          GError       **error)
{
  CoroJob *jobs[2] = {
    coro_launch_step (scope, NULL, first, first_data, NULL),
    coro_launch_step (scope, NULL, second, second_data, NULL),
  };

  coro_join_all (jobs, 2, error);
  coro_job_unref (jobs[0]);
  coro_job_unref (jobs[1]);
}

/* --- delay -------------------------------------------------------------- */

/* Sleeps 1000 ms then 500 ms, logging the virtual time after each. */
static CoroStep
two_sleeps (CoroJob   *scope,
            guint     *label,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_delay_begin (1000));
  if (!coro_delay_finish (error))
    return CORO_STEP_DONE;
  test_println ("woke at %" G_GINT64_FORMAT, coro_current_time ());
  CORO_STEP_AWAIT (label, coro_delay_begin (500));
  if (!coro_delay_finish (error))
    return CORO_STEP_DONE;
  test_println ("woke at %" G_GINT64_FORMAT, coro_current_time ());
  *result = data;
  CORO_STEP_END (label);
}

static gpointer
delay_main (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  g_autoptr(CoroDeferred) deferred = coro_async_step (scope, NULL, two_sleeps, (gpointer) "done", NULL, NULL);

  g_assert_cmpstr (coro_deferred_await (deferred, error), ==, "done");
  g_assert_cmpint (coro_current_time (), ==, 1500);
  return NULL;
}

static void
test_delay (void)
{
  test_log_reset ();
  run_test_or_fail (delay_main, NULL);
  TEST_LOG_ASSERT ("woke at 1000", "woke at 1500");
}

/* --- awaiting fibers and stackless coroutines alike ----------------------- */

static gpointer
fiber_child (CoroJob  *scope,
             gpointer  data,
             GError  **error)
{
  if (!coro_delay (300, error))
    return NULL;
  return data;
}

static CoroStep
sleep_then_return (CoroJob   *scope,
                   guint     *label,
                   gpointer   data,
                   gpointer  *result,
                   GError   **error)
{
  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_delay_begin (200));
  if (coro_delay_finish (error))
    *result = data;
  CORO_STEP_END (label);
}

typedef struct
{
  CoroDeferred *deferreds[2];
  GPtrArray    *results;
} AwaitFrame;

static void
await_frame_free (gpointer data)
{
  AwaitFrame *frame = data;

  g_clear_pointer (&frame->deferreds[0], coro_job_unref);
  g_clear_pointer (&frame->deferreds[1], coro_job_unref);
  g_clear_pointer (&frame->results, g_ptr_array_unref);
  g_free (frame);
}

/* Awaits one child, then both with await_all: 300 ms in all. */
static CoroStep
await_children (CoroJob   *scope,
                guint     *label,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  AwaitFrame *frame = data;
  const char *first;

  CORO_STEP_BEGIN (label);
  frame->deferreds[0] = coro_async (scope, fiber_child, (gpointer) "fiber", NULL, NULL);
  frame->deferreds[1] = coro_async_step (scope, NULL, sleep_then_return, (gpointer) "stackless", NULL, NULL);

  CORO_STEP_AWAIT (label, coro_deferred_await_begin (frame->deferreds[1]));
  first = coro_deferred_await_finish (frame->deferreds[1], error);
  if (first == NULL)
    return CORO_STEP_DONE;
  test_println ("%s at %" G_GINT64_FORMAT, first, coro_current_time ());

  CORO_STEP_AWAIT (label, coro_await_all_begin (frame->deferreds, 2));
  frame->results = coro_await_all_finish (frame->deferreds, 2, error);
  if (frame->results == NULL)
    return CORO_STEP_DONE;
  test_println ("%s and %s at %" G_GINT64_FORMAT,
                (const char *) g_ptr_array_index (frame->results, 0),
                (const char *) g_ptr_array_index (frame->results, 1),
                coro_current_time ());
  CORO_STEP_END (label);
}

static gpointer
await_main (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch_step (scope, NULL, await_children, g_new0 (AwaitFrame, 1), await_frame_free);

  coro_job_join (job, error);
  g_assert_false (coro_job_is_cancelled (job));
  return NULL;
}

static void
test_await (void)
{
  test_log_reset ();
  run_test_or_fail (await_main, NULL);
  TEST_LOG_ASSERT ("stackless at 200", "fiber and stackless at 300");
}

/* --- channels --------------------------------------------------------------- */

typedef struct
{
  CoroChannel *channel;
  guint        i;
  gpointer     element;
} ChannelFrame;

static CoroStep
produce (CoroJob   *scope,
         guint     *label,
         gpointer   data,
         gpointer  *result,
         GError   **error)
{
  ChannelFrame *frame = data;

  CORO_STEP_BEGIN (label);
  for (frame->i = 1; frame->i <= 5; frame->i++)
    {
      CORO_STEP_AWAIT (label, coro_delay_begin (100));
      if (!coro_delay_finish (error))
        return CORO_STEP_DONE;
      CORO_STEP_AWAIT (label, coro_channel_send_begin (frame->channel, GUINT_TO_POINTER (frame->i)));
      if (!coro_channel_send_finish (frame->channel, error))
        return CORO_STEP_DONE;
      test_println ("sent %u at %" G_GINT64_FORMAT, frame->i, coro_current_time ());
    }
  coro_channel_close (frame->channel);
  CORO_STEP_END (label);
}

static CoroStep
consume (CoroJob   *scope,
         guint     *label,
         gpointer   data,
         gpointer  *result,
         GError   **error)
{
  ChannelFrame *frame = data;
  GError *local_error = NULL;

  CORO_STEP_BEGIN (label);
  for (;;)
    {
      CORO_STEP_AWAIT (label, coro_channel_receive_begin (frame->channel));
      if (!coro_channel_receive_finish (frame->channel, &frame->element, &local_error))
        break;
      test_println ("received %u", GPOINTER_TO_UINT (frame->element));
      /* A slow consumer: the rendezvous makes the producer wait for it. */
      CORO_STEP_AWAIT (label, coro_delay_begin (150));
      if (!coro_delay_finish (error))
        return CORO_STEP_DONE;
    }
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_CLOSED);
  g_clear_error (&local_error);
  test_println ("closed at %" G_GINT64_FORMAT, coro_current_time ());
  CORO_STEP_END (label);
}

static gpointer
channel_main (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL);
  ChannelFrame producer = { channel, 0, NULL };
  ChannelFrame consumer = { channel, 0, NULL };

  run_pair (scope, produce, &producer, consume, &consumer, error);
  return NULL;
}

static void
test_channel (void)
{
  test_log_reset ();
  run_test_or_fail (channel_main, NULL);
  /* Each send waits for the consumer, which comes back 150 ms after the
   * previous element; the producer's own 100 ms run concurrently. */
  TEST_LOG_ASSERT ("sent 1 at 100", "received 1",
                   "received 2", "sent 2 at 250",
                   "received 3", "sent 3 at 400",
                   "received 4", "sent 4 at 550",
                   "received 5", "sent 5 at 700",
                   "closed at 850");
}

/* --- cancellation ------------------------------------------------------------- */

static CoroStep
sleep_long (CoroJob   *scope,
            guint     *label,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_delay_begin (10000));
  if (!coro_delay_finish (error))
    {
      test_println ("cancelled at %" G_GINT64_FORMAT ": %s", coro_current_time (), (*error)->message);
      return CORO_STEP_DONE;
    }
  test_println ("slept");
  CORO_STEP_END (label);
}

static gpointer
cancel_main (CoroJob  *scope,
             gpointer  data,
             GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch_step (scope, NULL, sleep_long, NULL, count_free);

  if (!coro_delay (100, error))
    return NULL;
  g_assert_cmpint (n_freed, ==, 0);
  coro_job_cancel (job);
  coro_job_join (job, error);
  g_assert_true (coro_job_is_cancelled (job));
  g_assert_cmpint (n_freed, ==, 1);
  g_assert_cmpint (coro_current_time (), ==, 100);
  return NULL;
}

static void
test_cancel (void)
{
  n_freed = 0;
  test_log_reset ();
  run_test_or_fail (cancel_main, NULL);
  TEST_LOG_ASSERT ("cancelled at 100: Job was cancelled");
}

/* A value that arrives for a cancelled coroutine is dropped, not handed
 * over: the receiver was cancelled in the same instant the sender gave it
 * the element. */
static CoroStep
receive_one (CoroJob   *scope,
             guint     *label,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  ChannelFrame *frame = data;

  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_channel_receive_begin (frame->channel));
  if (coro_channel_receive_finish (frame->channel, &frame->element, error))
    test_println ("received");
  CORO_STEP_END (label);
}

static gpointer
prompt_main (CoroJob  *scope,
             gpointer  data,
             GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_UNLIMITED, count_free);
  ChannelFrame frame = { channel, 0, NULL };
  g_autoptr(CoroJob) job = coro_launch_step (scope, NULL, receive_one, &frame, NULL);

  if (!coro_test_run_current (error))
    return NULL;
  /* Hand the element over, then cancel before the receiver runs. */
  g_assert_true (coro_channel_try_send (channel, GINT_TO_POINTER (1), NULL));
  coro_job_cancel (job);
  coro_job_join (job, error);

  g_assert_true (coro_job_is_cancelled (job));
  g_assert_null (frame.element);
  g_assert_cmpint (n_freed, ==, 1);
  return NULL;
}

static void
test_prompt_cancellation (void)
{
  n_freed = 0;
  test_log_reset ();
  run_test_or_fail (prompt_main, NULL);
  g_assert_cmpuint (test_log_len (), ==, 0);
}

/* --- the job tree ---------------------------------------------------------------- */

static CoroStep
fail_after (CoroJob   *scope,
            guint     *label,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_delay_begin (GPOINTER_TO_INT (data)));
  if (coro_delay_finish (error))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "failed at %" G_GINT64_FORMAT, coro_current_time ());
  CORO_STEP_END (label);
}

static gpointer
failing_scope (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  CoroJob *sibling = coro_launch_step (scope, NULL, sleep_long, NULL, NULL);
  CoroJob *failing = coro_launch_step (scope, NULL, fail_after, GINT_TO_POINTER (250), NULL);

  coro_job_unref (sibling);
  coro_job_unref (failing);
  return NULL;
}

static gpointer
failure_main (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  g_assert_null (coro_scope (failing_scope, NULL, &local_error));
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (local_error->message, ==, "failed at 250");
  g_assert_cmpint (coro_current_time (), ==, 250);
  return NULL;
}

static void
test_failure_cancels_siblings (void)
{
  test_log_reset ();
  run_test_or_fail (failure_main, NULL);
  TEST_LOG_ASSERT ("cancelled at 250: Parent job is cancelling: failed at 250");
}

/* The body is over at once; its job waits for the children it launched. */
static CoroStep
launch_children (CoroJob   *scope,
                 guint     *label,
                 gpointer   data,
                 gpointer  *result,
                 GError   **error)
{
  for (gint i = 1; i <= 3; i++)
    coro_job_unref (coro_launch_step (scope, NULL, sleep_then_return, NULL, NULL));
  return CORO_STEP_DONE;
}

static gpointer
structured_main (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch_step (scope, NULL, launch_children, NULL, NULL);

  coro_job_join (job, error);
  g_assert_cmpint (coro_current_time (), ==, 200);
  g_assert_true (coro_job_is_completed (job));
  g_assert_false (coro_job_is_cancelled (job));
  return NULL;
}

static void
test_parent_waits_for_children (void)
{
  run_test_or_fail (structured_main, NULL);
}

/* --- yield ------------------------------------------------------------------------- */

static CoroStep
yield_twice (CoroJob   *scope,
             guint     *label,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  CORO_STEP_BEGIN (label);
  test_println ("%s 1", (const char *) data);
  CORO_STEP_AWAIT (label, coro_yield_begin ());
  if (!coro_yield_finish (error))
    return CORO_STEP_DONE;
  test_println ("%s 2", (const char *) data);
  CORO_STEP_END (label);
}

static gpointer
yield_main (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  run_pair (scope, yield_twice, (gpointer) "A", yield_twice, (gpointer) "B", error);
  return NULL;
}

static void
test_yield (void)
{
  test_log_reset ();
  run_test_or_fail (yield_main, NULL);
  TEST_LOG_ASSERT ("A 1", "B 1", "A 2", "B 2");
}

/* --- many, and no stacks --------------------------------------------------------- */

#define N_MANY 100000

static gpointer
many_main (CoroJob  *scope,
           gpointer  data,
           GError  **error)
{
  CoroJob **jobs = g_new (CoroJob *, N_MANY);
  CoroDispatcher *dispatcher = coro_test_dispatcher ();
  guint in_use_before = coro_dispatcher_get_n_stacks_in_use (dispatcher);

  for (guint i = 0; i < N_MANY; i++)
    jobs[i] = coro_launch_step (scope, NULL, sleep_then_return, NULL, NULL);
  if (coro_test_advance_time_by (100, error))
    {
      /* All parked in their delay, none on a stack. */
      g_assert_cmpuint (coro_dispatcher_get_n_stacks_in_use (dispatcher), ==, in_use_before);
      if (_coro_alloc_get_n_chunks () != 0)
        g_assert_cmpuint (_coro_alloc_get_n_chunks (), >, 1);
      coro_join_all (jobs, N_MANY, error);
    }
  g_assert_cmpint (coro_current_time (), ==, 200);
  for (guint i = 0; i < N_MANY; i++)
    {
      g_assert_true (coro_job_is_completed (jobs[i]));
      coro_job_unref (jobs[i]);
    }
  g_free (jobs);
  return NULL;
}

static void
test_many_without_stacks (void)
{
  run_test_or_fail (many_main, NULL);

  /* With no coroutine left, the burst's memory went back to the system. */
  if (_coro_alloc_get_n_chunks () == 0)
    g_test_message ("coroutines are malloc'd in this build");
  else
    g_assert_cmpuint (_coro_alloc_get_n_chunks (), ==, 1);
}

/* --- GIO operations ------------------------------------------------------------- */

static void
uppercase_in_thread (GTask        *task,
                     gpointer      source,
                     gpointer      data,
                     GCancellable *cancellable)
{
  g_task_return_pointer (task, g_ascii_strup (data, -1), g_free);
}

static void
start_uppercase (gpointer             data,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_task_data (task, g_strdup (data), g_free);
  g_task_run_in_thread (task, uppercase_in_thread);
}

static void
return_if_cancelled (GCancellable *cancellable,
                     gpointer      data)
{
  g_task_return_error_if_cancelled (data);
}

static void
start_endless (gpointer             data,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_cancellable_connect (cancellable, G_CALLBACK (return_if_cancelled), task, g_object_unref);
}

static gpointer
finish_task (gpointer       data,
             GAsyncResult  *result,
             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Awaits a thread's work, then an operation that only a cancel ends. */
static CoroStep
await_operations (CoroJob   *scope,
                  guint     *label,
                  gpointer   data,
                  gpointer  *result,
                  GError   **error)
{
  char *value;

  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_await_async_begin (start_uppercase, finish_task, (gpointer) "gio", NULL, g_free));
  value = coro_await_async_finish (error);
  if (value == NULL)
    return CORO_STEP_DONE;
  test_println ("%s", value);
  g_free (value);

  CORO_STEP_AWAIT (label, coro_await_async_begin (start_endless, finish_task, NULL, NULL, g_free));
  value = coro_await_async_finish (error);
  g_assert_null (value);
  test_println ("%s", (*error)->message);
  CORO_STEP_END (label);
}

static gpointer
gio_main (CoroJob  *scope,
          gpointer  data,
          GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch_step (scope, NULL, await_operations, NULL, NULL);

  while (test_log_len () == 0)
    if (!coro_delay (10, error))
      return NULL;
  coro_job_cancel (job);
  coro_job_join (job, error);
  g_assert_true (coro_job_is_cancelled (job));
  return NULL;
}

static void
test_gio (void)
{
  test_log_reset ();
  run_test_or_fail (gio_main, NULL);
  TEST_LOG_ASSERT ("GIO", "Job was cancelled");
}

/* --- misuse ------------------------------------------------------------------------- */

static CoroStep
call_fiber_function (CoroJob   *scope,
                     guint     *label,
                     gpointer   data,
                     gpointer  *result,
                     GError   **error)
{
  coro_delay (10, error);
  return CORO_STEP_DONE;
}

static CoroStep
suspend_without_wait (CoroJob   *scope,
                      guint     *label,
                      gpointer   data,
                      gpointer  *result,
                      GError   **error)
{
  return CORO_STEP_SUSPENDED;
}

static CoroStep
finish_too_early (CoroJob   *scope,
                  guint     *label,
                  gpointer   data,
                  gpointer  *result,
                  GError   **error)
{
  if (coro_delay_begin (1000))
    coro_delay_finish (error);
  return CORO_STEP_DONE;
}

/* Under a supervisor, so that the failure stays with the deferred. */
static gpointer
misuse_scope (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  CoroStepFunc step = data;
  g_autoptr(CoroDeferred) deferred = coro_async_step (scope, NULL, step, NULL, NULL, NULL);
  g_autoptr(GError) local_error = NULL;

  coro_job_join (deferred, error);
  g_assert_null (coro_deferred_await (deferred, &local_error));
  g_assert_nonnull (local_error);
  test_println ("%s", g_quark_to_string (local_error->domain));
  test_println ("%d", local_error->code);
  /* Nothing is left to resume it: the 1000 ms never pass. */
  g_assert_cmpint (coro_current_time (), ==, 0);
  return NULL;
}

static gpointer
misuse_main (CoroJob  *scope,
             gpointer  data,
             GError  **error)
{
  return coro_supervisor_scope (misuse_scope, data, error);
}

static void
expect_misuse (CoroStepFunc  step,
               const char   *critical,
               gint          code)
{
  g_autofree char *code_line = g_strdup_printf ("%d", code);

  test_log_reset ();
  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, critical);
  run_test_or_fail (misuse_main, step);
  g_test_assert_expected_messages ();
  TEST_LOG_ASSERT ("coro-error-quark", code_line);
}

static void
test_misuse (void)
{
  g_autoptr(GError) error = NULL;

  if (!g_test_undefined ())
    return;

  expect_misuse (call_fiber_function, "*coro_delay*needs a fiber*", CORO_ERROR_NOT_IN_FIBER);
  expect_misuse (suspend_without_wait, "*returned CORO_STEP_SUSPENDED without a wait*", CORO_ERROR_STEP_PROTOCOL);
  expect_misuse (finish_too_early, "*coro_delay_finish*without returning CORO_STEP_SUSPENDED*",
                 CORO_ERROR_STEP_PROTOCOL);

  /* The stackless forms outside a stackless body. */
  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*coro_delay_begin must be called from the body of a stackless coroutine*");
  g_assert_false (coro_delay_begin (10));
  g_test_assert_expected_messages ();
  g_assert_false (coro_delay_finish (&error));
  g_assert_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/stackless/delay", test_delay);
  g_test_add_func ("/coro/stackless/await", test_await);
  g_test_add_func ("/coro/stackless/channel", test_channel);
  g_test_add_func ("/coro/stackless/cancel", test_cancel);
  g_test_add_func ("/coro/stackless/prompt-cancellation", test_prompt_cancellation);
  g_test_add_func ("/coro/stackless/failure-cancels-siblings", test_failure_cancels_siblings);
  g_test_add_func ("/coro/stackless/parent-waits-for-children", test_parent_waits_for_children);
  g_test_add_func ("/coro/stackless/yield", test_yield);
  g_test_add_func ("/coro/stackless/gio", test_gio);
  g_test_add_func ("/coro/stackless/many-without-stacks", test_many_without_stacks);
  g_test_add_func ("/coro/stackless/misuse", test_misuse);

  return g_test_run ();
}
