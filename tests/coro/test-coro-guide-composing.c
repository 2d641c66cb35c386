/* test-coro-guide-composing.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

/*
 * The examples of the kotlinx.coroutines guide's "Composing suspending
 * functions" chapter. Each test prints what the example prints into the
 * test log and compares it with the guide's output. Under virtual time
 * measureTimeMillis becomes a difference of coro_test_current_time () and
 * the guide's "Completed in 2017 ms" is exactly 2000 ms.
 */

#include "config.h"

#include <coro.h>

#include "coro-test-utils.h"

/* ArithmeticException, for the failing child. */
#define TEST_ARITHMETIC_ERROR (test_arithmetic_error_quark ())

typedef enum
{
  TEST_ARITHMETIC_ERROR_FAILED,
} TestArithmeticError;

static G_DEFINE_QUARK (test-arithmetic-error-quark, test_arithmetic_error)

/* How many of the useful bodies have started, the lazy example checking
 * that nothing ran before start (); and the thread of the last one. */
static int n_started;
static GThread *last_thread;

static void
run_example (CoroFunc func,
             gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  test_log_reset ();
  g_atomic_int_set (&n_started, 0);
  g_atomic_pointer_set (&last_thread, NULL);
  coro_run_test (func, user_data, &error);
  g_assert_no_error (error);
}

/* The two suspend functions of the chapter. Results are ints carried in
 * the result pointer. */

static gboolean
do_something_useful_one (int     *result,
                         GError **error)
{
  g_atomic_int_inc (&n_started);
  g_atomic_pointer_set (&last_thread, g_thread_self ());
  if (!coro_delay (1000, error))  /* pretend we are doing something useful here */
    return FALSE;
  *result = 13;

  return TRUE;
}

static gboolean
do_something_useful_two (int     *result,
                         GError **error)
{
  g_atomic_int_inc (&n_started);
  g_atomic_pointer_set (&last_thread, g_thread_self ());
  if (!coro_delay (1000, error))  /* pretend we are doing something useful here, too */
    return FALSE;
  *result = 29;

  return TRUE;
}

/* The `async { doSomethingUsefulOne() }` blocks. */

static gpointer
useful_one_block (CoroJob  *scope,
                  gpointer  user_data,
                  GError  **error)
{
  int result;

  if (!do_something_useful_one (&result, error))
    return NULL;

  return GINT_TO_POINTER (result);
}

static gpointer
useful_two_block (CoroJob  *scope,
                  gpointer  user_data,
                  GError  **error)
{
  int result;

  if (!do_something_useful_two (&result, error))
    return NULL;

  return GINT_TO_POINTER (result);
}

/* Awaits @one and @two and adds up their results. */
static gboolean
await_sum (CoroDeferred  *one,
           CoroDeferred  *two,
           int           *sum,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  int a, b;

  a = GPOINTER_TO_INT (coro_deferred_await (one, &local_error));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  b = GPOINTER_TO_INT (coro_deferred_await (two, &local_error));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *sum = a + b;

  return TRUE;
}

static void
print_completed_in (gint64 start_time)
{
  test_println ("Completed in %" G_GINT64_FORMAT " ms", coro_test_current_time () - start_time);
}

/* Sequential by default */

static gpointer
sequential_main (CoroJob  *scope,
                 gpointer  user_data,
                 GError  **error)
{
  gint64 start_time = coro_test_current_time ();
  int one, two;

  if (!do_something_useful_one (&one, error) ||
      !do_something_useful_two (&two, error))
    return NULL;
  test_println ("The answer is %d", one + two);
  print_completed_in (start_time);

  return NULL;
}

static void
test_composing_sequential (void)
{
  run_example (sequential_main, NULL);
  TEST_LOG_ASSERT ("The answer is 42",
                   "Completed in 2000 ms");
}

/* Concurrent using async */

static gpointer
concurrent_main (CoroJob  *scope,
                 gpointer  user_data,
                 GError  **error)
{
  gint64 start_time = coro_test_current_time ();
  g_autoptr(CoroDeferred) one = coro_async (scope, useful_one_block, NULL, NULL, NULL);
  g_autoptr(CoroDeferred) two = coro_async (scope, useful_two_block, NULL, NULL, NULL);
  int sum;

  if (!await_sum (one, two, &sum, error))
    return NULL;
  test_println ("The answer is %d", sum);
  print_completed_in (start_time);

  return NULL;
}

static void
test_composing_concurrent (void)
{
  run_example (concurrent_main, NULL);
  TEST_LOG_ASSERT ("The answer is 42",
                   "Completed in 1000 ms");
}

/* Lazily started async */

static gpointer
lazy_main (CoroJob  *scope,
           gpointer  user_data,
           GError  **error)
{
  gint64 start_time = coro_test_current_time ();
  const CoroContext lazy = { .lazy = TRUE };
  g_autoptr(CoroDeferred) one = coro_async_full (scope, &lazy, useful_one_block, NULL, NULL, NULL);
  g_autoptr(CoroDeferred) two = coro_async_full (scope, &lazy, useful_two_block, NULL, NULL, NULL);
  int sum;

  /* some computation: a whole round of the dispatcher, in which an eager
   * async would have started. */
  if (!coro_yield (error))
    return NULL;
  g_assert_cmpint (g_atomic_int_get (&n_started), ==, 0);

  g_assert_true (coro_job_start (one));  /* start the first one */
  g_assert_true (coro_job_start (two));  /* start the second one */
  if (!await_sum (one, two, &sum, error))
    return NULL;
  test_println ("The answer is %d", sum);
  print_completed_in (start_time);

  return NULL;
}

static void
test_composing_lazy (void)
{
  run_example (lazy_main, NULL);
  TEST_LOG_ASSERT ("The answer is 42",
                   "Completed in 1000 ms");
}

/* Without start (), await starts each one in turn: the sequential behaviour
 * the guide warns about. */
static gpointer
lazy_sequential_main (CoroJob  *scope,
                      gpointer  user_data,
                      GError  **error)
{
  gint64 start_time = coro_test_current_time ();
  const CoroContext lazy = { .lazy = TRUE };
  g_autoptr(CoroDeferred) one = coro_async_full (scope, &lazy, useful_one_block, NULL, NULL, NULL);
  g_autoptr(CoroDeferred) two = coro_async_full (scope, &lazy, useful_two_block, NULL, NULL, NULL);
  int sum;

  if (!await_sum (one, two, &sum, error))
    return NULL;
  test_println ("The answer is %d", sum);
  print_completed_in (start_time);

  return NULL;
}

static void
test_composing_lazy_without_start (void)
{
  run_example (lazy_sequential_main, NULL);
  TEST_LOG_ASSERT ("The answer is 42",
                   "Completed in 2000 ms");
}

/* Async-style functions
 *
 * GlobalScope.async runs on Dispatchers.Default, in real time, so this one
 * runs in real time as well (about a second), and its "Completed in" line
 * is a real duration, as the guide's own is: the line is checked with the
 * duration it printed, and the duration to be one delay, not two.
 */

/* These are not suspending functions: they can be called from anywhere. */
static CoroDeferred *
something_useful_one_async (void)
{
  return coro_async (CORO_GLOBAL_SCOPE, useful_one_block, NULL, NULL, NULL);
}

static CoroDeferred *
something_useful_two_async (void)
{
  return coro_async (CORO_GLOBAL_SCOPE, useful_two_block, NULL, NULL, NULL);
}

typedef struct
{
  CoroDeferred *one;
  CoroDeferred *two;
} AsyncStylePair;

static gpointer
async_style_await (CoroJob  *scope,
                   gpointer  user_data,
                   GError  **error)
{
  AsyncStylePair *pair = user_data;
  int sum;

  if (!await_sum (pair->one, pair->two, &sum, error))
    return NULL;
  test_println ("The answer is %d", sum);

  return NULL;
}

static void
test_composing_async_style (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoroDeferred) one = NULL;
  g_autoptr(CoroDeferred) two = NULL;
  g_autofree char *completed = NULL;
  gint64 start_time;
  gint64 elapsed_ms;

  test_log_reset ();
  g_atomic_int_set (&n_started, 0);
  g_atomic_pointer_set (&last_thread, NULL);
  g_assert_false (coro_is_in_coroutine ());

  start_time = g_get_monotonic_time ();
  /* we can initiate async actions outside of a coroutine */
  one = something_useful_one_async ();
  two = something_useful_two_async ();
  /* but waiting for a result must involve either suspending or blocking */
  coro_run_blocking (async_style_await, &(AsyncStylePair) { one, two }, &error);
  g_assert_no_error (error);
  elapsed_ms = (g_get_monotonic_time () - start_time) / 1000;
  test_println ("Completed in %" G_GINT64_FORMAT " ms", elapsed_ms);

  /* Concurrent: one delay of 1000 ms, not the two of a sequential run. */
  g_assert_cmpint (elapsed_ms, >=, 1000);
  g_assert_cmpint (elapsed_ms, <, 2000);
  completed = g_strdup_printf ("Completed in %" G_GINT64_FORMAT " ms", elapsed_ms);
  TEST_LOG_ASSERT ("The answer is 42", completed);
  g_assert_cmpint (g_atomic_int_get (&n_started), ==, 2);
  /* GlobalScope's coroutines ran on Default's workers, not on the thread
   * that started them or blocked for them. */
  g_assert_nonnull (g_atomic_pointer_get (&last_thread));
  g_assert_true (g_atomic_pointer_get (&last_thread) != g_thread_self ());
  g_assert_true (coro_job_is_completed (one));
  g_assert_true (coro_job_is_completed (two));
}

/* Structured concurrency with async */

static gpointer
concurrent_sum_body (CoroJob  *scope,
                     gpointer  user_data,
                     GError  **error)
{
  g_autoptr(CoroDeferred) one = coro_async (scope, useful_one_block, NULL, NULL, NULL);
  g_autoptr(CoroDeferred) two = coro_async (scope, useful_two_block, NULL, NULL, NULL);
  int sum;

  if (!await_sum (one, two, &sum, error))
    return NULL;

  return GINT_TO_POINTER (sum);
}

static gboolean
concurrent_sum (int     *sum,
                GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer result;

  result = coro_scope (concurrent_sum_body, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *sum = GPOINTER_TO_INT (result);

  return TRUE;
}

static gpointer
concurrent_sum_main (CoroJob  *scope,
                     gpointer  user_data,
                     GError  **error)
{
  gint64 start_time = coro_test_current_time ();
  int sum;

  if (!concurrent_sum (&sum, error))
    return NULL;
  test_println ("The answer is %d", sum);
  print_completed_in (start_time);

  return NULL;
}

static void
test_composing_concurrent_sum (void)
{
  run_example (concurrent_sum_main, NULL);
  TEST_LOG_ASSERT ("The answer is 42",
                   "Completed in 1000 ms");
}

static gpointer
failed_first_child (CoroJob  *scope,
                    gpointer  user_data,
                    GError  **error)
{
  /* Emulates a very long computation: only the cancellation ends it. */
  if (!coro_delay (G_MAXINT64, error))
    {
      /* finally */
      g_assert_true (coro_error_is_cancelled (*error));
      test_println ("First child was cancelled");
      return NULL;
    }

  /* finally, on the way out of a normal return */
  test_println ("First child was cancelled");

  return GINT_TO_POINTER (42);
}

static gpointer
failed_second_child (CoroJob  *scope,
                     gpointer  user_data,
                     GError  **error)
{
  test_println ("Second child throws an exception");
  g_set_error_literal (error, TEST_ARITHMETIC_ERROR, TEST_ARITHMETIC_ERROR_FAILED,
                       "ArithmeticException");

  return NULL;
}

static gpointer
failed_concurrent_sum_body (CoroJob  *scope,
                            gpointer  user_data,
                            GError  **error)
{
  g_autoptr(CoroDeferred) one = coro_async (scope, failed_first_child, NULL, NULL, NULL);
  g_autoptr(CoroDeferred) two = coro_async (scope, failed_second_child, NULL, NULL, NULL);
  int sum;

  if (!await_sum (one, two, &sum, error))
    {
      /* The awaiting parent is cancelled too: its await of `one` fails
       * with the cancellation, not with the child's error. */
      g_assert_true (coro_error_is_cancelled (*error));
      return NULL;
    }

  return GINT_TO_POINTER (sum);
}

static gpointer
failed_concurrent_sum_main (CoroJob  *scope,
                            gpointer  user_data,
                            GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  coro_scope (failed_concurrent_sum_body, NULL, &local_error);
  /* catch (e: ArithmeticException) */
  if (g_error_matches (local_error, TEST_ARITHMETIC_ERROR, TEST_ARITHMETIC_ERROR_FAILED))
    test_println ("Computation failed with ArithmeticException");
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  /* Nobody waited for the endless computation. */
  g_assert_cmpint (coro_test_current_time (), ==, 0);

  return NULL;
}

static void
test_composing_failed_concurrent_sum (void)
{
  run_example (failed_concurrent_sum_main, NULL);
  TEST_LOG_ASSERT ("Second child throws an exception",
                   "First child was cancelled",
                   "Computation failed with ArithmeticException");
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: these tests touch no files, and GLib
   * 2.74's g_set_user_dirs() leaks what it sets, which LeakSanitizer
   * reports. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/guide/composing/sequential", test_composing_sequential);
  g_test_add_func ("/coro/guide/composing/concurrent", test_composing_concurrent);
  g_test_add_func ("/coro/guide/composing/lazy", test_composing_lazy);
  g_test_add_func ("/coro/guide/composing/lazy-without-start", test_composing_lazy_without_start);
  g_test_add_func ("/coro/guide/composing/async-style", test_composing_async_style);
  g_test_add_func ("/coro/guide/composing/concurrent-sum", test_composing_concurrent_sum);
  g_test_add_func ("/coro/guide/composing/failed-concurrent-sum",
                   test_composing_failed_concurrent_sum);

  return g_test_run ();
}
