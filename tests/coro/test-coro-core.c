/* test-coro-core.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The layer's own guarantees, beyond what the guide's examples show:
 * misuse, prompt cancellation, error routing, virtual-time control,
 * leak and hang detection, priorities against GTK's redraw, debugging.
 */

#include "config.h"

#include <string.h>

#include <coro.h>

#include "coro-test-utils.h"

#define GDK_PRIORITY_REDRAW_VALUE (G_PRIORITY_HIGH_IDLE + 20)

static gint n_freed;

static void
count_free (gpointer data)
{
  g_atomic_int_inc (&n_freed);
}

static gpointer
return_error (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", (const char *) data);
  return NULL;
}

static gpointer
sleep_ms (CoroJob  *scope,
          gpointer  data,
          GError  **error)
{
  if (!coro_delay (GPOINTER_TO_INT (data), error))
    return NULL;
  return data;
}

/* --- misuse ------------------------------------------------------------ */

static void
test_misuse_outside_coroutine (void)
{
  g_autoptr(GError) error = NULL;
  gpointer element = NULL;
  g_autoptr(CoroChannel) channel = coro_channel_new (0, NULL);

  if (!g_test_undefined ())
    return;

  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*must be called from a coroutine*");
  g_assert_false (coro_delay (10, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE);
  g_clear_error (&error);

  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*must be called from a coroutine*");
  g_assert_false (coro_channel_receive (channel, &element, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE);
  g_clear_error (&error);

  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*must be called from a coroutine*");
  g_assert_null (coro_scope (sleep_ms, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE);
}

static gpointer
nested_run_blocking (CoroJob  *scope,
                     gpointer  data,
                     GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*must not be called from a coroutine*");
  g_assert_null (coro_run_blocking (sleep_ms, GINT_TO_POINTER (1), &local_error));
  g_test_assert_expected_messages ();
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE);
  return NULL;
}

static void
test_misuse_nested_run_blocking (void)
{
  if (g_test_undefined ())
    run_test_or_fail (nested_run_blocking, NULL);
}

/* --- prompt cancellation -------------------------------------------------- */

static void
complete_task_soon (gpointer             data,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);

  /* The result arrives whatever happens to the cancellable. */
  g_task_return_pointer (task, g_strdup ("late value"), g_free);
  g_object_unref (task);
}

static gpointer
finish_task (gpointer       data,
             GAsyncResult  *result,
             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
finish_and_cancel (gpointer       data,
                   GAsyncResult  *result,
                   GError       **error)
{
  /* The awaiting coroutine is cancelled just as its value comes in. */
  coro_job_cancel (data);
  return finish_task (data, result, error);
}

static void
free_and_count (gpointer data)
{
  g_free (data);
  g_atomic_int_inc (&n_freed);
}

static gpointer
await_then_report (CoroJob  *scope,
                   gpointer  data,
                   GError  **error)
{
  gpointer value = coro_await_async (complete_task_soon, finish_and_cancel, coro_job_ref (scope),
                                     (GDestroyNotify) coro_job_unref, free_and_count, error);

  g_assert_null (value);
  return NULL;
}

static gpointer
prompt_cancellation_body (CoroJob  *scope,
                          gpointer  data,
                          GError  **error)
{
  g_autoptr(CoroJob) victim = coro_launch (scope, await_then_report, NULL, NULL);
  g_autoptr(GError) victim_error = NULL;

  coro_job_join (victim, NULL);
  victim_error = coro_job_dup_error (victim);
  g_assert_error (victim_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  return NULL;
}

static void
test_prompt_cancellation_frees_late_value (void)
{
  g_test_summary ("A value that arrives for a cancelled coroutine is freed, never returned");

  n_freed = 0;
  run_test_or_fail (prompt_cancellation_body, NULL);
  g_assert_cmpint (n_freed, ==, 1);
}

static gpointer
receive_then_check (CoroJob  *scope,
                    gpointer  data,
                    GError  **error)
{
  CoroChannel *channel = data;
  gpointer element = NULL;
  g_autoptr(GError) local_error = NULL;

  g_assert_false (coro_channel_receive (channel, &element, &local_error));
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (element);
  return NULL;
}

static gpointer
channel_prompt_body (CoroJob  *scope,
                     gpointer  data,
                     GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_UNLIMITED, count_free);
  g_autoptr(CoroJob) receiver = coro_launch (scope, receive_then_check, channel, NULL);

  coro_test_run_current (NULL);   /* the receiver is now waiting */
  /* Hand it an element, then cancel it before it gets to run. */
  g_assert_true (coro_channel_try_send (channel, GINT_TO_POINTER (42), NULL));
  coro_job_cancel (receiver);
  coro_job_join (receiver, NULL);
  return NULL;
}

static void
test_prompt_cancellation_channel (void)
{
  n_freed = 0;
  run_test_or_fail (channel_prompt_body, NULL);
  g_assert_cmpint (n_freed, ==, 1);
}

/* --- errors ------------------------------------------------------------- */

static void
record_handler (CoroJob      *job,
                const GError *error,
                gpointer      user_data)
{
  test_println ("handler: %s from %s", error->message, coro_job_get_name (job));
}

static gpointer
failing_root_body (CoroJob  *scope,
                   gpointer  data,
                   GError  **error)
{
  g_autoptr(CoroJob) job = NULL;

  job = coro_launch_full (CORO_GLOBAL_SCOPE,
                          &(CoroContext) { .dispatcher = coro_test_dispatcher (), .name = "doomed",
                                           .exception_handler = record_handler },
                          return_error, (gpointer) "boom", NULL);
  coro_job_join (job, NULL);
  return NULL;
}

static void
test_errors_root_goes_to_handler (void)
{
  run_test_or_fail (failing_root_body, NULL);
  TEST_LOG_ASSERT ("handler: boom from doomed");
}

static gpointer
launch_failing_global (CoroJob  *scope,
                       gpointer  data,
                       GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch_full (CORO_GLOBAL_SCOPE,
                                             &(CoroContext) { .dispatcher = coro_test_dispatcher (),
                                                              .name = "loader" },
                                             return_error, (gpointer) "lost?", NULL);
  coro_job_join (job, NULL);
  return NULL;
}

static void
test_errors_default_handler_names_coroutine (void)
{
  g_test_expect_message ("Coro", G_LOG_LEVEL_WARNING, "Unhandled error in coroutine loader#*: lost?");
  run_test_or_fail (launch_failing_global, NULL);
  g_test_assert_expected_messages ();
}

/* With @data, child a's cleanup fails with an error equal in domain, code
 * and message to child b's; it is still a second failure. */
static gpointer
two_failures_child_a (CoroJob  *scope,
                      gpointer  data,
                      GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!coro_delay (G_MAXINT, &local_error))
    {
      /* Cleanup that fails in turn, like the guide's ArithmeticException. */
      if (data != NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "first");
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "second");
    }
  return NULL;
}

static gpointer
two_failures_child_b (CoroJob  *scope,
                      gpointer  data,
                      GError  **error)
{
  if (coro_delay (100, error))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "first");
  return NULL;
}

typedef struct
{
  gboolean  equal;
  CoroJob  *inner;
} TwoFailures;

static gpointer
two_failures_scope (CoroJob  *scope,
                    gpointer  data,
                    GError  **error)
{
  TwoFailures *two = data;
  g_autoptr(CoroJob) a = coro_launch (scope, two_failures_child_a,
                                      GINT_TO_POINTER (two->equal), NULL);
  g_autoptr(CoroJob) b = coro_launch (scope, two_failures_child_b, NULL, NULL);

  two->inner = coro_job_ref (scope);
  return NULL;
}

static gpointer
two_failures_body (CoroJob  *scope,
                   gpointer  data,
                   GError  **error)
{
  TwoFailures two = { .equal = GPOINTER_TO_INT (data) };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) suppressed = NULL;
  const GError *second;

  coro_scope (two_failures_scope, &two, &local_error);
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (local_error->message, ==, "first");
  g_assert_cmpint (coro_test_current_time (), ==, 100);

  suppressed = coro_job_dup_suppressed (two.inner);
  coro_job_unref (two.inner);
  g_assert_cmpuint (suppressed->len, ==, 1);
  second = g_ptr_array_index (suppressed, 0);
  if (two.equal)
    {
      g_assert_error (second, G_IO_ERROR, G_IO_ERROR_FAILED);
      g_assert_cmpstr (second->message, ==, "first");
    }
  else
    {
      g_assert_error (second, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
  return NULL;
}

static void
test_errors_first_wins_others_suppressed (void)
{
  run_test_or_fail (two_failures_body, GINT_TO_POINTER (FALSE));
}

/* kotlinx keeps exceptions by instance: a second failure is suppressed even
 * when it reads exactly like the first. */
static void
test_errors_equal_failures_both_kept (void)
{
  run_test_or_fail (two_failures_body, GINT_TO_POINTER (TRUE));
}

/* --- virtual time ----------------------------------------------------------- */

static gpointer
print_at (CoroJob  *scope,
          gpointer  data,
          GError  **error)
{
  if (coro_delay (GPOINTER_TO_INT (data), error))
    test_println ("fired %d", GPOINTER_TO_INT (data));
  return NULL;
}

static gpointer
advance_body (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  g_autoptr(CoroJob) a = coro_launch (scope, print_at, GINT_TO_POINTER (100), NULL);
  g_autoptr(CoroJob) b = coro_launch (scope, print_at, GINT_TO_POINTER (200), NULL);
  g_autoptr(CoroJob) c = coro_launch (scope, print_at, GINT_TO_POINTER (300), NULL);

  coro_test_advance_time_by (200, NULL);
  /* Strictly before 200 ran; 200 itself has not. */
  test_println ("advanced to %" G_GINT64_FORMAT, coro_test_current_time ());
  coro_test_run_current (NULL);
  test_println ("ran current at %" G_GINT64_FORMAT, coro_test_current_time ());
  coro_test_advance_until_idle (NULL);
  test_println ("idle at %" G_GINT64_FORMAT, coro_test_current_time ());
  return NULL;
}

static void
test_virtual_advance (void)
{
  run_test_or_fail (advance_body, NULL);
  TEST_LOG_ASSERT ("fired 100", "advanced to 200", "fired 200", "ran current at 200",
                   "fired 300", "idle at 300");
}

static gpointer
leak_body (CoroJob  *scope,
           gpointer  data,
           GError  **error)
{
  g_autoptr(CoroJob) leaked = NULL;

  leaked = coro_launch_full (CORO_GLOBAL_SCOPE,
                             &(CoroContext) { .dispatcher = coro_test_dispatcher (), .name = "leaky" },
                             sleep_ms, GINT_TO_POINTER (1000000), NULL);
  return NULL;
}

static void
test_virtual_leak_fails (void)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("A test that leaves a coroutine active fails, naming it");
  coro_run_test (leak_body, NULL, &error);
  g_assert_error (error, CORO_ERROR, CORO_ERROR_LEAKED);
  g_assert_nonnull (strstr (error->message, "leaky"));
  g_assert_cmpuint (coro_debug_get_n_live (), ==, 0);
}

static gpointer
background_body (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  g_autoptr(CoroJob) ticker = coro_launch (coro_test_background_scope (), sleep_ms,
                                           GINT_TO_POINTER (G_MAXINT), NULL);
  coro_delay (10, error);
  return NULL;
}

static void
test_virtual_background_not_a_leak (void)
{
  run_test_or_fail (background_body, NULL);
}

static void
return_cancelled (GCancellable *cancellable,
                  gpointer      data)
{
  g_task_return_error_if_cancelled (data);
}

static void
never_completes (gpointer             data,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  /* Real work the scheduler cannot skip: it ends only when cancelled. */
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_cancellable_connect (cancellable, G_CALLBACK (return_cancelled), task, g_object_unref);
}

static gpointer
hang_body (CoroJob  *scope,
           gpointer  data,
           GError  **error)
{
  return coro_await_async (never_completes, finish_task, NULL, NULL, g_free, error);
}

static void
test_virtual_real_time_bound (void)
{
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  g_test_summary ("Real I/O is waited for with a real-time bound, not forever");
  coro_run_test_full (hang_body, NULL, 200, &error);
  g_assert_error (error, CORO_ERROR, CORO_ERROR_TIMED_OUT_REAL);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
}

/* Deadlocks: nothing can ever wake the test's coroutines. */

static gpointer
receive_forever (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  gpointer element = NULL;

  coro_channel_receive (data, &element, error);
  return NULL;
}

static int stuck_step_line;

static CoroStep
receive_forever_step (CoroJob   *scope,
                      guint     *label,
                      gpointer   data,
                      gpointer  *result,
                      GError   **error)
{
  gpointer element = NULL;

  CORO_STEP_BEGIN (label);
  stuck_step_line = __LINE__; CORO_STEP_AWAIT (label, coro_channel_receive_begin (data));
  coro_channel_receive_finish (data, &element, error);
  CORO_STEP_END (label);
}

static gpointer
deadlock_body (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL);
  g_autoptr(CoroJob) receiver = coro_launch_full (scope, &(CoroContext) { .name = "receiver" },
                                                  receive_forever, channel, NULL);
  g_autoptr(CoroJob) stackless = coro_launch_step (scope, &(CoroContext) { .name = "stackless" },
                                                   receive_forever_step, channel, NULL);

  coro_job_join (receiver, error);
  return NULL;
}

static void
test_virtual_deadlock_fails_at_once (void)
{
  gint64 started;

  if (g_test_subprocess ())
    {
      run_test_or_fail (deadlock_body, NULL);
      return;
    }

  started = g_get_monotonic_time ();
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Test deadlocked at 0 ms of virtual time*");
  g_test_trap_assert_stderr ("*#* receiver on test: suspended in channel receive on channel 0x*");
  g_test_trap_assert_stderr ("*#* stackless on test: suspended in channel receive on channel 0x* "
                             "at line *");
  g_test_trap_assert_stderr ("*#* test on test: suspended in join of receiver#*");
  g_test_trap_assert_stderr ("*unfinished jobs:\n  \"test#*\":BlockingCoroutine{Active}\n"
                             "    \"stackless#*\":StandaloneCoroutine{Active}\n*");
  /* Well under the 60 s real-time bound. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
}

/* A job without a body may be completed from anywhere, so waiting for one
 * is no deadlock; the failure names it all the same, and the test's own
 * coroutine, whose body returned. */
static gpointer
forget_job_body (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  g_autoptr(CoroJob) forgotten = coro_job_new (scope, NULL, FALSE);

  *(guint64 *) data = coro_job_get_id (scope);
  return NULL;
}

static void
test_virtual_unfinished_job_named (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root_line = NULL;
  guint64 id = 0;

  coro_run_test_full (forget_job_body, &id, 200, &error);
  g_assert_error (error, CORO_ERROR, CORO_ERROR_TIMED_OUT_REAL);
  g_test_message ("%s", error->message);
  root_line = g_strdup_printf ("  \"test#%" G_GUINT64_FORMAT "\":BlockingCoroutine{Completing}, "
                               "its body done, waiting for 1 child(ren)\n", id);
  g_assert_nonnull (strstr (error->message, root_line));
  g_assert_nonnull (strstr (error->message, "\n    JobImpl{Active}, waiting for coro_job_complete() "
                                            "or coro_job_cancel()\n"));
}

/* A coroutine of the global scope runs on Default's real threads: while it
 * lives, a test waiting for it is not deadlocked. */
static gpointer
send_after_real_delay (CoroJob  *scope,
                       gpointer  data,
                       GError  **error)
{
  if (coro_delay (50, error))
    coro_channel_send (data, GINT_TO_POINTER (1), error);
  return NULL;
}

static gpointer
wait_for_global_body (CoroJob  *scope,
                      gpointer  data,
                      GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL);
  CoroContext on_default = { .dispatcher = coro_dispatcher_default () };
  g_autoptr(CoroJob) sender = coro_launch_full (CORO_GLOBAL_SCOPE, &on_default,
                                                send_after_real_delay, channel, NULL);
  gpointer element = NULL;

  if (!coro_channel_receive (channel, &element, error))
    return NULL;
  g_assert_cmpint (GPOINTER_TO_INT (element), ==, 1);
  return NULL;
}

static void
test_virtual_global_scope_is_not_deadlock (void)
{
  run_test_or_fail (wait_for_global_body, NULL);
}

/* What the listing says each coroutine waits on. */
static gpointer
lock_forever (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  coro_mutex_lock (data, error);
  return NULL;
}

static gpointer
dump_waits_body (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL);
  g_autoptr(CoroMutex) mutex = coro_mutex_new ();
  g_autoptr(CoroJob) receiver = coro_launch_full (scope, &(CoroContext) { .name = "receiver" },
                                                  receive_forever, channel, NULL);
  g_autoptr(CoroJob) stackless = coro_launch_step (scope, &(CoroContext) { .name = "stackless" },
                                                   receive_forever_step, channel, NULL);
  g_autoptr(CoroJob) locker = NULL;
  g_autoptr(CoroJob) sleeper = coro_launch_full (scope, &(CoroContext) { .name = "sleeper" },
                                                 sleep_ms, GINT_TO_POINTER (1000), NULL);
  g_autofree char *dump = NULL;
  g_autofree char *line = NULL;

  g_assert_true (coro_mutex_try_lock (mutex));
  locker = coro_launch_full (scope, &(CoroContext) { .name = "locker" }, lock_forever, mutex, NULL);
  if (!coro_yield (error))
    return NULL;

  dump = coro_debug_dump_to_string ();
  line = g_strdup_printf ("receiver on test: suspended in channel receive on channel %p\n",
                          channel);
  g_assert_nonnull (strstr (dump, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("stackless on test: suspended in channel receive on channel %p "
                          "at line %d\n", channel, stuck_step_line);
  g_assert_nonnull (strstr (dump, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("locker on test: suspended in mutex on mutex %p\n", mutex);
  g_assert_nonnull (strstr (dump, line));
  g_assert_nonnull (strstr (dump, "sleeper on test: suspended in delay until 1000 ms (virtual)\n"));

  coro_job_cancel_and_join (receiver, error);
  coro_job_cancel_and_join (stackless, error);
  coro_job_cancel_and_join (locker, error);
  coro_job_cancel_and_join (sleeper, error);
  coro_mutex_unlock (mutex);
  return NULL;
}

static void
test_debug_dump_names_waits (void)
{
  run_test_or_fail (dump_waits_body, NULL);
}

static gpointer
main_is_test_body (CoroJob  *scope,
                   gpointer  data,
                   GError  **error)
{
  g_assert_true (coro_dispatcher_main () == coro_test_dispatcher ());
  return NULL;
}

static void
test_virtual_main_is_swapped (void)
{
  run_test_or_fail (main_is_test_body, NULL);
  g_assert_true (coro_dispatcher_main () != NULL);
}

/* --- timeouts ----------------------------------------------------------- */

static gpointer
timeout_inner (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!coro_delay (1000, &local_error))
    {
      /* Inside the block a timeout is a cancellation, still telling it
       * came from the timeout. */
      g_assert_error (local_error, CORO_ERROR, CORO_ERROR_TIMEOUT);
      g_assert_true (coro_error_is_cancelled (local_error));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return (gpointer) "done";
}

static gpointer
timeout_body (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  g_assert_null (coro_with_timeout (300, timeout_inner, NULL, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_TIMEOUT);
  g_assert_true (coro_error_is_cancelled (local_error));
  g_assert_cmpstr (local_error->message, ==, "Timed out waiting for 300 ms");
  g_assert_cmpint (coro_test_current_time (), ==, 300);
  g_clear_error (&local_error);

  g_assert_null (coro_with_timeout_or_null (300, timeout_inner, NULL, &local_error));
  g_assert_no_error (local_error);
  g_assert_cmpint (coro_test_current_time (), ==, 600);

  g_assert_cmpstr (coro_with_timeout (3000, timeout_inner, NULL, &local_error), ==, "done");
  g_assert_no_error (local_error);
  g_assert_cmpint (coro_test_current_time (), ==, 1600);
  return NULL;
}

static void
test_timeout_codes (void)
{
  run_test_or_fail (timeout_body, NULL);
}

/* A launched child whose timeout runs out ends quietly, as with kotlinx's
 * TimeoutCancellationException: the sibling and the parent go on. */
static gpointer
timeout_child (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  return coro_with_timeout (100, timeout_inner, NULL, error);
}

static gpointer
timeout_sibling (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  if (coro_delay (500, error))
    test_println ("sibling done at %" G_GINT64_FORMAT, coro_test_current_time ());
  return NULL;
}

static void
fail_on_report (CoroJob      *job,
                const GError *error,
                gpointer      user_data)
{
  g_error ("no failure expected, got %s", error->message);
}

static gpointer
timeout_in_child_body (CoroJob  *scope,
                       gpointer  data,
                       GError  **error)
{
  g_autoptr(CoroJob) child = coro_launch (scope, timeout_child, NULL, NULL);
  g_autoptr(CoroJob) sibling = coro_launch (scope, timeout_sibling, NULL, NULL);
  g_autoptr(CoroJob) root = NULL;
  g_autoptr(GError) cause = NULL;

  if (!coro_job_join (child, error))
    return NULL;
  cause = coro_job_dup_error (child);
  g_assert_error (cause, CORO_ERROR, CORO_ERROR_TIMEOUT);
  g_assert_true (coro_job_is_cancelled (child));
  g_assert_true (coro_job_is_active (scope));
  g_assert_true (coro_job_is_active (sibling));
  test_println ("child timed out at %" G_GINT64_FORMAT, coro_test_current_time ());

  /* At the root the handler does not hear of it either. */
  root = coro_launch_full (CORO_GLOBAL_SCOPE,
                           &(CoroContext) { .dispatcher = coro_test_dispatcher (),
                                            .exception_handler = fail_on_report },
                           timeout_child, NULL, NULL);
  coro_job_join (root, error);
  return NULL;
}

static void
test_timeout_in_child_is_cancellation (void)
{
  test_log_reset ();
  run_test_or_fail (timeout_in_child_body, NULL);
  TEST_LOG_ASSERT ("child timed out at 100", "sibling done at 500");
}

static gpointer
timeout_async_body (CoroJob  *scope,
                    gpointer  data,
                    GError  **error)
{
  g_autoptr(CoroDeferred) deferred = coro_async (scope, timeout_child, NULL, NULL, NULL);
  g_autoptr(GError) local_error = NULL;

  /* await hands the timeout back, as kotlinx's await rethrows it. */
  g_assert_null (coro_deferred_await (deferred, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_TIMEOUT);
  g_assert_true (coro_job_is_active (scope));

  /* And so does the test's root, like runBlocking. */
  return timeout_child (scope, NULL, error);
}

static void
test_timeout_await_and_root_rethrow (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (coro_run_test (timeout_async_body, NULL, &error));
  g_assert_error (error, CORO_ERROR, CORO_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "Timed out waiting for 100 ms");
  g_clear_error (&error);

  g_assert_null (coro_run_blocking (timeout_child, NULL, &error));
  g_assert_error (error, CORO_ERROR, CORO_ERROR_TIMEOUT);
}

/* An inner timeout escaping an outer coro_with_timeout_or_null() is not
 * the outer one's: it comes out, as in kotlinx. */
static gpointer
inner_timeout_block (CoroJob  *scope,
                     gpointer  data,
                     GError  **error)
{
  return timeout_child (scope, NULL, error);
}

static gpointer
timeout_nested_body (CoroJob  *scope,
                     gpointer  data,
                     GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  g_assert_null (coro_with_timeout_or_null (1000, inner_timeout_block, NULL, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_TIMEOUT);
  g_assert_cmpstr (local_error->message, ==, "Timed out waiting for 100 ms");
  return NULL;
}

static void
test_timeout_nested_or_null (void)
{
  run_test_or_fail (timeout_nested_body, NULL);
}

/* --- jobs ------------------------------------------------------------------ */

static gpointer
fail_after (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  if (coro_delay (GPOINTER_TO_INT (data), error))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "failed at %d", GPOINTER_TO_INT (data));
  return NULL;
}

static gpointer
await_all_scope (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  CoroDeferred *deferreds[2] = {
    coro_async (scope, sleep_ms, GINT_TO_POINTER (1000), NULL, NULL),
    coro_async (scope, fail_after, GINT_TO_POINTER (100), NULL, NULL),
  };
  GPtrArray *results = coro_await_all (deferreds, 2, error);

  test_println ("await_all returned at %" G_GINT64_FORMAT, coro_test_current_time ());
  g_assert_null (results);
  coro_job_unref (deferreds[0]);
  coro_job_unref (deferreds[1]);
  return NULL;
}

static gpointer
await_all_body (CoroJob  *scope,
                gpointer  data,
                GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  coro_scope (await_all_scope, NULL, &local_error);
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (coro_test_current_time (), ==, 100);
  return NULL;
}

static void
test_job_await_all_fails_fast (void)
{
  g_test_summary ("await_all fails as soon as one deferred fails");
  run_test_or_fail (await_all_body, NULL);
  TEST_LOG_ASSERT ("await_all returned at 100");
}

static gpointer
lazy_body (CoroJob  *scope,
           gpointer  data,
           GError  **error)
{
  g_autoptr(CoroDeferred) lazy = coro_async_full (scope, &(CoroContext) { .lazy = TRUE },
                                                  sleep_ms, GINT_TO_POINTER (50), NULL, NULL);
  g_autoptr(CoroJob) never = coro_launch_full (scope, &(CoroContext) { .lazy = TRUE },
                                               print_at, GINT_TO_POINTER (1), NULL);

  coro_delay (100, NULL);
  g_assert_false (coro_job_is_active (lazy));
  g_assert_cmpint (GPOINTER_TO_INT (coro_deferred_await (lazy, error)), ==, 50);
  g_assert_cmpint (coro_test_current_time (), ==, 150);

  /* Cancelling a lazy job that never started completes it without running it. */
  coro_job_cancel (never);
  coro_job_join (never, NULL);
  g_assert_true (coro_job_is_cancelled (never));
  return NULL;
}

static void
test_job_lazy (void)
{
  run_test_or_fail (lazy_body, NULL);
  g_assert_cmpuint (test_log_len (), ==, 0);
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      data)
{
  g_atomic_int_inc ((gint *) data);
}

static gpointer
cancellable_child (CoroJob  *scope,
                   gpointer  data,
                   GError  **error)
{
  GCancellable *cancellable = coro_get_cancellable ();

  g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), data, NULL);
  coro_delay (G_MAXINT, error);
  return NULL;
}

static gpointer
cancellable_body (CoroJob  *scope,
                  gpointer  data,
                  GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, cancellable_child, data, NULL);

  coro_delay (10, NULL);
  coro_job_cancel_and_join (job, NULL);
  return NULL;
}

static void
test_job_cancellable_follows_job (void)
{
  gint n_cancelled = 0;

  run_test_or_fail (cancellable_body, &n_cancelled);
  g_assert_cmpint (n_cancelled, ==, 1);
}

static gpointer
standalone_body (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  g_autoptr(CoroJob) root = coro_job_new (CORO_GLOBAL_SCOPE, coro_test_dispatcher (), FALSE);
  g_autoptr(CoroJob) a = coro_launch (root, print_at, GINT_TO_POINTER (100), NULL);
  g_autoptr(CoroJob) b = coro_launch (root, print_at, GINT_TO_POINTER (500), NULL);

  coro_delay (200, NULL);
  coro_job_cancel (root);
  coro_job_join (root, NULL);
  g_assert_true (coro_job_is_cancelled (b));
  g_assert_false (coro_job_is_cancelled (a));
  return NULL;
}

static void
test_job_standalone_root_cancels_children (void)
{
  g_test_summary ("Cancelling a load's root job cancels every coroutine in it");
  run_test_or_fail (standalone_body, NULL);
  TEST_LOG_ASSERT ("fired 100");
}

/* job.children and job.cancelChildren(), fibers and stackless bodies alike. */

static CoroStep
sleep_step (CoroJob   *scope,
            guint     *label,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_delay_begin (GPOINTER_TO_INT (data)));
  coro_delay_finish (error);
  CORO_STEP_END (label);
}

static void
assert_children (CoroJob  *job,
                 CoroJob **expected,
                 guint     n_expected)
{
  g_autoptr(GPtrArray) children = coro_job_dup_children (job);

  g_assert_cmpuint (children->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_true (g_ptr_array_index (children, i) == expected[i]);
}

static gpointer
children_body (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  CoroJob *children[3];

  children[0] = coro_launch (scope, sleep_ms, GINT_TO_POINTER (1000), NULL);
  children[1] = coro_launch_step (scope, NULL, sleep_step, GINT_TO_POINTER (1000), NULL);
  children[2] = coro_async (scope, sleep_ms, GINT_TO_POINTER (1000), NULL, NULL);
  assert_children (scope, children, 3);

  coro_job_cancel_children (scope);
  g_assert_true (coro_job_is_active (scope));
  g_assert_true (coro_join_all (children, 3, error));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (coro_job_is_cancelled (children[i]));
      coro_job_unref (children[i]);
    }
  assert_children (scope, NULL, 0);
  g_assert_cmpint (coro_test_current_time (), ==, 0);
  g_assert_true (coro_is_active ());
  return NULL;
}

typedef struct
{
  CoroJob *children[2];
} StepParent;

static void
step_parent_free (StepParent *parent)
{
  g_clear_pointer (&parent->children[0], coro_job_unref);
  g_clear_pointer (&parent->children[1], coro_job_unref);
  g_free (parent);
}

static CoroStep
step_parent (CoroJob   *scope,
             guint     *label,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  StepParent *parent = data;

  CORO_STEP_BEGIN (label);
  parent->children[0] = coro_launch (scope, sleep_ms, GINT_TO_POINTER (1000), NULL);
  parent->children[1] = coro_launch_step (scope, NULL, sleep_step, GINT_TO_POINTER (1000), NULL);
  assert_children (scope, parent->children, 2);
  coro_job_cancel_children (scope);

  CORO_STEP_AWAIT (label, coro_job_join_begin (parent->children[0]));
  if (!coro_job_join_finish (parent->children[0], error))
    return CORO_STEP_DONE;
  CORO_STEP_AWAIT (label, coro_job_join_begin (parent->children[1]));
  if (!coro_job_join_finish (parent->children[1], error))
    return CORO_STEP_DONE;

  g_assert_true (coro_job_is_cancelled (parent->children[0]));
  g_assert_true (coro_job_is_cancelled (parent->children[1]));
  g_assert_true (coro_job_is_active (scope));
  test_println ("children of a stackless parent cancelled at %" G_GINT64_FORMAT,
                coro_test_current_time ());
  CORO_STEP_END (label);
}

static gpointer
children_of_step_body (CoroJob  *scope,
                       gpointer  data,
                       GError  **error)
{
  g_autoptr(CoroJob) parent = coro_launch_step (scope, NULL, step_parent, g_new0 (StepParent, 1),
                                                (GDestroyNotify) step_parent_free);

  if (coro_job_join (parent, error))
    g_assert_false (coro_job_is_cancelled (parent));
  return NULL;
}

static void
test_job_children_and_cancel_children (void)
{
  test_log_reset ();
  run_test_or_fail (children_body, NULL);
  run_test_or_fail (children_of_step_body, NULL);
  TEST_LOG_ASSERT ("children of a stackless parent cancelled at 0");
}

/* toString(), as kotlinx prints a job in debug mode. */
static void
assert_job_string (CoroJob    *job,
                   const char *expected)
{
  g_autofree char *text = coro_job_to_string (job);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_coroutine_string (CoroJob    *job,
                         const char *class_and_state)
{
  g_autofree char *expected = g_strdup_printf ("\"%s#%" G_GUINT64_FORMAT "\":%s",
                                               coro_job_get_name (job), coro_job_get_id (job),
                                               class_and_state);

  assert_job_string (job, expected);
}

static gpointer
scope_string_body (CoroJob  *scope,
                   gpointer  data,
                   GError  **error)
{
  assert_job_string (scope, data);
  return NULL;
}

static gpointer
to_string_body (CoroJob  *scope,
                gpointer  data,
                GError  **error)
{
  g_autoptr(CoroJob) launched = coro_launch_full (scope, &(CoroContext) { .name = "coroutine" },
                                                  sleep_ms, GINT_TO_POINTER (100), NULL);
  g_autoptr(CoroJob) lazy = coro_launch_full (scope, &(CoroContext) { .lazy = TRUE },
                                              sleep_ms, GINT_TO_POINTER (100), NULL);
  g_autoptr(CoroDeferred) deferred = coro_async (scope, sleep_ms, GINT_TO_POINTER (100),
                                                 NULL, NULL);
  g_autoptr(CoroJob) standalone = coro_job_new (scope, NULL, FALSE);
  g_autoptr(CoroJob) supervisor = coro_job_new (scope, NULL, TRUE);
  g_autoptr(CoroJob) grandchild = NULL;

  assert_coroutine_string (scope, "BlockingCoroutine{Active}");
  assert_coroutine_string (launched, "StandaloneCoroutine{Active}");
  assert_coroutine_string (lazy, "StandaloneCoroutine{New}");
  assert_coroutine_string (deferred, "DeferredCoroutine{Active}");
  assert_job_string (standalone, "JobImpl{Active}");
  assert_job_string (supervisor, "SupervisorJobImpl{Active}");
  coro_scope (scope_string_body, (gpointer) "ScopeCoroutine{Active}", error);
  coro_supervisor_scope (scope_string_body, (gpointer) "SupervisorCoroutine{Active}", error);
  coro_with_timeout (100, scope_string_body, (gpointer) "TimeoutCoroutine{Active}", error);
  coro_with_non_cancellable (scope_string_body, (gpointer) "NonCancellable{Active}", error);

  /* Without debugging, kotlinx prints no name. */
  coro_debug_set_enabled (FALSE);
  assert_job_string (launched, "StandaloneCoroutine{Active}");
  coro_debug_set_enabled (TRUE);

  coro_job_cancel (lazy);
  coro_job_cancel (launched);
  assert_coroutine_string (launched, "StandaloneCoroutine{Cancelling}");
  if (!coro_job_join (launched, error) || !coro_job_join (deferred, error))
    return NULL;
  assert_coroutine_string (launched, "StandaloneCoroutine{Cancelled}");
  assert_coroutine_string (deferred, "DeferredCoroutine{Completed}");

  /* Its body is done, its child is not. */
  grandchild = coro_launch (standalone, sleep_ms, GINT_TO_POINTER (100), NULL);
  coro_job_complete (standalone);
  assert_job_string (standalone, "JobImpl{Completing}");
  coro_job_cancel (supervisor);
  coro_job_join (standalone, error);
  return NULL;
}

static void
test_job_to_string (void)
{
  coro_debug_set_enabled (TRUE);
  run_test_or_fail (to_string_body, NULL);
  coro_debug_set_enabled (FALSE);
}

/* runBlocking(CoroutineName("main")) */
static gpointer
named_blocking_body (CoroJob  *scope,
                     gpointer  data,
                     GError  **error)
{
  g_autoptr(CoroJob) child = coro_launch (scope, sleep_ms, GINT_TO_POINTER (1), NULL);

  g_assert_cmpstr (coro_job_get_name (scope), ==, "main");
  g_assert_cmpstr (coro_job_get_name (child), ==, "main");
  return NULL;
}

static void
test_run_blocking_named (void)
{
  g_autoptr(GError) error = NULL;

  coro_run_blocking_full (&(CoroContext) { .name = "main" }, named_blocking_body, NULL, &error);
  g_assert_no_error (error);
}

/* --- dispatchers ---------------------------------------------------------- */

static gboolean
count_tick (gpointer data)
{
  g_atomic_int_inc ((gint *) data);
  return G_SOURCE_CONTINUE;
}

static gpointer
yield_loop (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  gint64 end = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < end)
    if (!coro_yield (error))
      return NULL;
  return NULL;
}

static gpointer
empty_body (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  return NULL;
}

static gpointer
burst (CoroJob  *scope,
       gpointer  data,
       GError  **error)
{
  for (guint i = 0; i < 200000; i++)
    coro_job_unref (coro_launch (scope, empty_body, NULL, NULL));
  return NULL;
}

/* Yields once, then computes for a millisecond. */
static gpointer
yield_then_work (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  gint64 end;

  if (!coro_yield (error))
    return NULL;
  end = g_get_monotonic_time () + 1000;
  while (g_get_monotonic_time () < end)
    ;
  return NULL;
}

static gpointer
busy_yielders (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  for (guint i = 0; i < 200; i++)
    coro_job_unref (coro_launch (scope, yield_then_work, NULL, NULL));
  return NULL;
}

static void
run_against_redraw_timer (CoroFunc body,
                          gint    *n_ticks)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CoroDispatcher) dispatcher = NULL;
  g_autoptr(CoroJob) job = NULL;
  GSource *timer = g_timeout_source_new (16);

  g_main_context_push_thread_default (context);
  dispatcher = coro_dispatcher_new_for_context (context, "ui");
  g_source_set_priority (timer, GDK_PRIORITY_REDRAW_VALUE);
  g_source_set_callback (timer, count_tick, n_ticks, NULL);
  g_source_attach (timer, context);

  job = coro_launch_full (CORO_GLOBAL_SCOPE, &(CoroContext) { .dispatcher = dispatcher }, body, NULL, NULL);
  while (!coro_job_is_completed (job) || coro_dispatcher_get_n_live (dispatcher) > 0)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timer);
  g_source_unref (timer);
  g_main_context_pop_thread_default (context);
}

static void
test_dispatcher_yield_lets_redraw_run (void)
{
  gint n_ticks = 0;

  g_test_summary ("A coroutine that keeps yielding does not starve a priority-120 source");
  run_against_redraw_timer (yield_loop, &n_ticks);
  g_assert_cmpint (n_ticks, >=, 3);
}

static void
test_dispatcher_burst_lets_redraw_run (void)
{
  gint n_ticks = 0;

  g_test_summary ("A burst of ready coroutines is run in bounded batches");
  run_against_redraw_timer (burst, &n_ticks);
  g_assert_cmpint (n_ticks, >=, 1);
}

static void
test_dispatcher_yielders_let_redraw_run (void)
{
  gint n_ticks = 0;

  g_test_summary ("200 ms of work after a yield is run in bounded batches too");
  run_against_redraw_timer (busy_yielders, &n_ticks);
  g_assert_cmpint (n_ticks, >=, 5);
}

static gpointer
report_thread (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  return coro_debug_thread_label ();
}

static gpointer
hop_body (CoroJob  *scope,
          gpointer  data,
          GError  **error)
{
  g_autofree char *there = NULL;
  g_autofree char *here = NULL;
  g_autoptr(CoroDispatcher) single = coro_dispatcher_new_single_thread ("confined");

  there = coro_with_context (coro_dispatcher_default (), report_thread, NULL, error);
  g_assert_true (g_str_has_prefix (there, "worker-"));
  g_clear_pointer (&there, g_free);

  there = coro_with_context (single, report_thread, NULL, error);
  g_assert_cmpstr (there, ==, "confined");
  coro_dispatcher_close (single);

  here = coro_debug_thread_label ();
  g_assert_cmpstr (here, ==, "main");
  return NULL;
}

static void
test_dispatcher_with_context_hops_threads (void)
{
  g_autoptr(GError) error = NULL;

  coro_run_blocking (hop_body, NULL, &error);
  g_assert_no_error (error);
}

/* Unconfined: started at once, up to the first suspension, whoever the
 * caller is. */
static gpointer
unconfined_fiber (CoroJob  *scope,
                  gpointer  data,
                  GError  **error)
{
  test_println ("%s: started", (const char *) data);
  if (coro_delay (10, error))
    test_println ("%s: resumed at %" G_GINT64_FORMAT, (const char *) data,
                  coro_test_current_time ());
  return NULL;
}

static CoroStep
unconfined_step (CoroJob   *scope,
                 guint     *label,
                 gpointer   data,
                 gpointer  *result,
                 GError   **error)
{
  CORO_STEP_BEGIN (label);
  test_println ("stackless: started");
  CORO_STEP_AWAIT (label, coro_delay_begin (20));
  if (coro_delay_finish (error))
    test_println ("stackless: resumed at %" G_GINT64_FORMAT, coro_test_current_time ());
  CORO_STEP_END (label);
}

static CoroStep
launch_unconfined_step (CoroJob   *scope,
                        guint     *label,
                        gpointer   data,
                        gpointer  *result,
                        GError   **error)
{
  CoroContext unconfined = { .dispatcher = coro_dispatcher_unconfined () };
  CoroJob *child = coro_launch_full (scope, &unconfined, unconfined_fiber,
                                     (gpointer) "from stackless", NULL);

  test_println ("stackless parent: launched");
  coro_job_unref (child);
  return CORO_STEP_DONE;
}

static gpointer
unconfined_body (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  CoroContext unconfined = { .dispatcher = coro_dispatcher_unconfined () };
  g_autoptr(CoroJob) queued = coro_launch (scope, unconfined_fiber, (gpointer) "queued", NULL);
  g_autoptr(CoroJob) fiber = coro_launch_full (scope, &unconfined, unconfined_fiber,
                                               (gpointer) "fiber", NULL);
  g_autoptr(CoroJob) stackless = NULL;
  g_autoptr(CoroJob) parent = NULL;

  test_println ("launched fiber");
  stackless = coro_launch_step (scope, &unconfined, unconfined_step, NULL, NULL);
  test_println ("launched stackless");
  parent = coro_launch_step (scope, NULL, launch_unconfined_step, NULL, NULL);
  return NULL;
}

/* Lazy ones start when awaited, and a cancelled one never runs its body,
 * without suspending whoever cancelled it. */
static gpointer
unconfined_lazy_body (CoroJob  *scope,
                      gpointer  data,
                      GError  **error)
{
  CoroContext lazy = { .dispatcher = coro_dispatcher_unconfined (), .lazy = TRUE };
  g_autoptr(CoroDeferred) a = coro_async_full (scope, &lazy, sleep_ms, GINT_TO_POINTER (10),
                                               NULL, NULL);
  g_autoptr(CoroDeferred) b = coro_async_full (scope, &lazy, sleep_ms, GINT_TO_POINTER (20),
                                               NULL, NULL);
  g_autoptr(CoroJob) never = coro_launch_full (scope, &lazy, unconfined_fiber,
                                               (gpointer) "never", NULL);
  g_autoptr(GPtrArray) results = NULL;

  /* coro_job_cancel() does not suspend: nothing ran meanwhile. */
  coro_job_cancel (never);
  g_assert_true (coro_job_is_cancelled (never));
  g_assert_false (coro_job_is_completed (never));
  results = coro_await_all ((CoroDeferred *[]) { a, b }, 2, error);
  g_assert_nonnull (results);
  g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (results, 0)), ==, 10);
  g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (results, 1)), ==, 20);
  g_assert_cmpint (coro_test_current_time (), ==, 20);
  coro_job_join (never, error);
  return NULL;
}

static gpointer
report_thread_name (CoroJob  *scope,
                    gpointer  data,
                    GError  **error)
{
  *(char **) data = coro_debug_thread_label ();
  return NULL;
}

static void
test_dispatcher_unconfined (void)
{
  CoroContext unconfined = { .dispatcher = coro_dispatcher_unconfined () };
  g_autoptr(CoroJob) job = NULL;
  g_autofree char *thread = NULL;

  test_log_reset ();
  run_test_or_fail (unconfined_body, NULL);
  TEST_LOG_ASSERT ("fiber: started",
                   "launched fiber",
                   "stackless: started",
                   "launched stackless",
                   "queued: started",
                   "from stackless: started",
                   "stackless parent: launched",
                   "fiber: resumed at 10",
                   "queued: resumed at 10",
                   "from stackless: resumed at 10",
                   "stackless: resumed at 20");
  run_test_or_fail (unconfined_lazy_body, NULL);
  g_assert_cmpuint (test_log_len (), ==, 0);

  /* From a thread that runs no dispatcher, it starts on Default. */
  job = coro_launch_full (CORO_GLOBAL_SCOPE, &unconfined, report_thread_name, &thread, NULL);
  while (!coro_job_is_completed (job))
    g_usleep (1000);
  g_assert_true (g_str_has_prefix (thread, "worker-"));
}

/* --- debugging ---------------------------------------------------------- */

static gpointer
labelled (CoroJob  *scope,
          gpointer  data,
          GError  **error)
{
  return coro_debug_thread_label ();
}

static gpointer
debug_body (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  g_autoptr(CoroDeferred) deferred = coro_async_full (scope, &(CoroContext) { .name = "load-repo" },
                                                      labelled, NULL, NULL, g_free);
  g_autoptr(CoroJob) sleeper = coro_launch_full (scope, &(CoroContext) { .name = "sleeper" },
                                                 sleep_ms, GINT_TO_POINTER (100), NULL);
  g_autofree char *expected = NULL;
  g_autofree char *dump = NULL;
  const char *label = coro_deferred_await (deferred, error);

  expected = g_strdup_printf ("main @load-repo#%" G_GUINT64_FORMAT, coro_job_get_id (deferred));
  g_assert_cmpstr (label, ==, expected);

  dump = coro_debug_dump_to_string ();
  g_assert_nonnull (strstr (dump, "sleeper on test: suspended in delay"));
  coro_job_cancel (sleeper);
  return NULL;
}

static void
test_debug_label_and_dump (void)
{
  coro_debug_set_enabled (TRUE);
  run_test_or_fail (debug_body, NULL);
  coro_debug_set_enabled (FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/core/misuse/outside-coroutine", test_misuse_outside_coroutine);
  g_test_add_func ("/coro/core/misuse/nested-run-blocking", test_misuse_nested_run_blocking);
  g_test_add_func ("/coro/core/prompt-cancellation/late-value", test_prompt_cancellation_frees_late_value);
  g_test_add_func ("/coro/core/prompt-cancellation/channel", test_prompt_cancellation_channel);
  g_test_add_func ("/coro/core/errors/root-handler", test_errors_root_goes_to_handler);
  g_test_add_func ("/coro/core/errors/default-handler", test_errors_default_handler_names_coroutine);
  g_test_add_func ("/coro/core/errors/suppressed", test_errors_first_wins_others_suppressed);
  g_test_add_func ("/coro/core/errors/suppressed-equal", test_errors_equal_failures_both_kept);
  g_test_add_func ("/coro/core/virtual/advance", test_virtual_advance);
  g_test_add_func ("/coro/core/virtual/leak", test_virtual_leak_fails);
  g_test_add_func ("/coro/core/virtual/background", test_virtual_background_not_a_leak);
  g_test_add_func ("/coro/core/virtual/real-time-bound", test_virtual_real_time_bound);
  g_test_add_func ("/coro/core/virtual/deadlock", test_virtual_deadlock_fails_at_once);
  g_test_add_func ("/coro/core/virtual/unfinished-job", test_virtual_unfinished_job_named);
  g_test_add_func ("/coro/core/virtual/global-scope-not-deadlock",
                   test_virtual_global_scope_is_not_deadlock);
  g_test_add_func ("/coro/core/virtual/main-swapped", test_virtual_main_is_swapped);
  g_test_add_func ("/coro/core/timeout/codes", test_timeout_codes);
  g_test_add_func ("/coro/core/timeout/child-is-cancellation", test_timeout_in_child_is_cancellation);
  g_test_add_func ("/coro/core/timeout/await-and-root-rethrow", test_timeout_await_and_root_rethrow);
  g_test_add_func ("/coro/core/timeout/nested-or-null", test_timeout_nested_or_null);
  g_test_add_func ("/coro/core/job/await-all-fails-fast", test_job_await_all_fails_fast);
  g_test_add_func ("/coro/core/job/lazy", test_job_lazy);
  g_test_add_func ("/coro/core/job/cancellable", test_job_cancellable_follows_job);
  g_test_add_func ("/coro/core/job/standalone-root", test_job_standalone_root_cancels_children);
  g_test_add_func ("/coro/core/job/children", test_job_children_and_cancel_children);
  g_test_add_func ("/coro/core/job/to-string", test_job_to_string);
  g_test_add_func ("/coro/core/job/run-blocking-named", test_run_blocking_named);
  g_test_add_func ("/coro/core/dispatcher/yield-vs-redraw", test_dispatcher_yield_lets_redraw_run);
  g_test_add_func ("/coro/core/dispatcher/burst-vs-redraw", test_dispatcher_burst_lets_redraw_run);
  g_test_add_func ("/coro/core/dispatcher/yielders-vs-redraw", test_dispatcher_yielders_let_redraw_run);
  g_test_add_func ("/coro/core/dispatcher/with-context", test_dispatcher_with_context_hops_threads);
  g_test_add_func ("/coro/core/dispatcher/unconfined", test_dispatcher_unconfined);
  g_test_add_func ("/coro/core/debug/label-and-dump", test_debug_label_and_dump);
  g_test_add_func ("/coro/core/debug/dump-names-waits", test_debug_dump_names_waits);

  return g_test_run ();
}
