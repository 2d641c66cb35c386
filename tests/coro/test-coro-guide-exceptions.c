/* test-coro-guide-exceptions.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <string.h>

#include <coro.h>

#include "coro-test-utils.h"

/*
 * The examples of the kotlinx guide's "Coroutine exceptions handling"
 * chapter. Kotlin exceptions are GErrors here: IOException is a G_IO_ERROR,
 * the java.lang ones are codes of a test domain, and where the guide prints
 * an exception's class name we print the name of the Kotlin class the error
 * stands for (exception_name()).
 *
 * GlobalScope coroutines run on Default in the guide. Only the first example
 * shows a worker thread, so only it runs there (in real time); the others
 * put their root coroutines on the test's virtual-time dispatcher, which
 * changes nothing but the clock.
 */

#define GUIDE_ERROR (guide_error_quark ())

typedef enum
{
  GUIDE_ERROR_INDEX_OUT_OF_BOUNDS,
  GUIDE_ERROR_ARITHMETIC,
  GUIDE_ERROR_ASSERTION,
} GuideError;

static GQuark guide_error_quark (void);

G_DEFINE_QUARK (guide-error-quark, guide_error)

static const char *
exception_name (const GError *error)
{
  if (error->domain == GUIDE_ERROR)
    {
      switch ((GuideError) error->code)
        {
        case GUIDE_ERROR_INDEX_OUT_OF_BOUNDS:
          return "java.lang.IndexOutOfBoundsException";

        case GUIDE_ERROR_ARITHMETIC:
          return "java.lang.ArithmeticException";

        case GUIDE_ERROR_ASSERTION:
          return "java.lang.AssertionError";

        default:
          break;
        }
    }
  else if (coro_error_is_cancelled (error))
    return "kotlinx.coroutines.JobCancellationException";
  else if (error->domain == G_IO_ERROR)
    return "java.io.IOException";

  return g_quark_to_string (error->domain);
}

static gpointer
throw_error (GError     **error,
             GQuark       domain,
             int          code,
             const char  *message)
{
  g_set_error_literal (error, domain, code, message);
  return NULL;
}

/* The guide's `CoroutineExceptionHandler { _, exception -> println(...) }`. */
static void
print_handler (CoroJob      *job,
               const GError *error,
               gpointer      user_data)
{
  guint *n_calls = user_data;

  if (n_calls != NULL)
    (*n_calls)++;
  test_println ("CoroutineExceptionHandler got %s", exception_name (error));
}

/* Exception propagation -------------------------------------------------- */

/* What kotlinx's default uncaught-exception handler prints. The layer's own
 * default is a g_warning(), which this test environment makes fatal, so the
 * test installs this one process-wide instead: the counterpart of
 * Thread.defaultUncaughtExceptionHandler. It runs on the failing coroutine's
 * thread, as in kotlinx, so its label names the worker and the coroutine. */
static char *uncaught_thread;   /* static: a late handler must not outlive its test's frame */

static void
uncaught_handler (CoroJob      *job,
                  const GError *error,
                  gpointer      user_data)
{
  g_autofree char *thread = coro_debug_thread_label ();

  test_println ("Exception in thread \"%s\" %s", thread, exception_name (error));
  g_atomic_pointer_set (&uncaught_thread, g_steal_pointer (&thread));
}

static gpointer
throwing_launch (CoroJob   *scope,
                 gpointer   user_data,
                 GError   **error)
{
  test_println ("Throwing exception from launch");
  return throw_error (error, GUIDE_ERROR, GUIDE_ERROR_INDEX_OUT_OF_BOUNDS, "Index out of bounds");
}

static gpointer
throwing_async (CoroJob   *scope,
                gpointer   user_data,
                GError   **error)
{
  test_println ("Throwing exception from async");
  return throw_error (error, GUIDE_ERROR, GUIDE_ERROR_ARITHMETIC, "Arithmetic error");
}

static gpointer
propagation_body (CoroJob   *scope,
                  gpointer   user_data,
                  GError   **error)
{
  guint64 *launch_id = user_data;
  g_autoptr(CoroJob) job = NULL;
  g_autoptr(CoroDeferred) deferred = NULL;
  g_autoptr(GError) caught = NULL;

  /* root coroutine with launch */
  job = coro_launch (CORO_GLOBAL_SCOPE, throwing_launch, NULL, NULL);
  *launch_id = coro_job_get_id (job);
  if (!coro_job_join (job, error))
    return NULL;
  test_println ("Joined failed job");

  /* root coroutine with async: nothing is printed, the awaiter gets it */
  deferred = coro_async (CORO_GLOBAL_SCOPE, throwing_async, NULL, NULL, NULL);
  coro_deferred_await (deferred, &caught);
  if (g_error_matches (caught, GUIDE_ERROR, GUIDE_ERROR_ARITHMETIC))
    test_println ("Caught ArithmeticException");
  else
    test_println ("Unreached");

  return NULL;
}

static void
test_exception_propagation (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *thread = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *worker = NULL;
  g_autofree char *line = NULL;
  guint64 launch_id = 0;

  coro_set_exception_handler (uncaught_handler, NULL);
  coro_debug_set_enabled (TRUE);
  coro_run_blocking (propagation_body, &launch_id, &error);
  coro_debug_set_enabled (FALSE);
  coro_set_exception_handler (NULL, NULL);
  g_assert_no_error (error);
  thread = g_atomic_pointer_exchange (&uncaught_thread, NULL);
  g_assert_nonnull (thread);

  /* "DefaultDispatcher-worker-1 @coroutine#2": kotlinx's pool threads are
   * DefaultDispatcher-worker-N, ours worker-N, and which worker runs the
   * coroutine is not up to us. */
  suffix = g_strdup_printf (" @coroutine#%" G_GUINT64_FORMAT, launch_id);
  g_assert_true (g_str_has_suffix (thread, suffix));
  worker = g_strndup (thread, strlen (thread) - strlen (suffix));
  g_assert_true (g_regex_match_simple ("^worker-[0-9]+$", worker, 0, 0));

  line = g_strdup_printf ("Exception in thread \"%s%s\" java.lang.IndexOutOfBoundsException", worker, suffix);
  TEST_LOG_ASSERT ("Throwing exception from launch",
                   line,
                   "Joined failed job",
                   "Throwing exception from async",
                   "Caught ArithmeticException");
}

/* CoroutineExceptionHandler ---------------------------------------------- */

static gpointer
throw_assertion (CoroJob   *scope,
                 gpointer   user_data,
                 GError   **error)
{
  return throw_error (error, GUIDE_ERROR, GUIDE_ERROR_ASSERTION, "Assertion failed");
}

static gpointer
throw_arithmetic (CoroJob   *scope,
                  gpointer   user_data,
                  GError   **error)
{
  return throw_error (error, GUIDE_ERROR, GUIDE_ERROR_ARITHMETIC, "Arithmetic error");
}

static gpointer
handler_body (CoroJob   *scope,
              gpointer   user_data,
              GError   **error)
{
  guint *n_calls = user_data;
  const CoroContext context = {
    .dispatcher = coro_test_dispatcher (),
    .exception_handler = print_handler,
    .exception_handler_data = n_calls,
  };
  /* root coroutine, running in GlobalScope */
  g_autoptr(CoroJob) job = coro_launch_full (CORO_GLOBAL_SCOPE, &context, throw_assertion, NULL, NULL);
  /* also root, but async instead of launch: nothing will be printed,
   * relying on user to call deferred.await() */
  g_autoptr(CoroDeferred) deferred = coro_async_full (CORO_GLOBAL_SCOPE, &context, throw_arithmetic,
                                                      NULL, NULL, NULL);
  CoroJob *all[] = { job, deferred };

  if (!coro_join_all (all, G_N_ELEMENTS (all), error))
    return NULL;

  g_assert_true (coro_job_is_cancelled (job));
  g_assert_true (coro_job_is_cancelled (deferred));
  return NULL;
}

static void
test_coroutine_exception_handler (void)
{
  g_autoptr(GError) error = NULL;
  guint n_calls = 0;

  coro_run_test (handler_body, &n_calls, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, 1);
  TEST_LOG_ASSERT ("CoroutineExceptionHandler got java.lang.AssertionError");
}

/* Cancellation and exceptions -------------------------------------------- */

static gpointer
sleeping_child (CoroJob   *scope,
                gpointer   user_data,
                GError   **error)
{
  if (!coro_delay (G_MAXINT64, error))
    {
      /* finally */
      test_println ("Child is cancelled");
      return NULL;
    }
  return NULL;
}

static gpointer
cancelling_parent (CoroJob   *scope,
                   gpointer   user_data,
                   GError   **error)
{
  g_autoptr(CoroJob) child = coro_launch (scope, sleeping_child, NULL, NULL);

  if (!coro_yield (error))
    return NULL;
  test_println ("Cancelling child");
  coro_job_cancel (child);
  if (!coro_job_join (child, error))
    return NULL;
  if (!coro_yield (error))
    return NULL;
  test_println ("Parent is not cancelled");

  g_assert_true (coro_job_is_cancelled (child));
  g_assert_true (coro_is_active ());
  return NULL;
}

static gpointer
cancellation_body (CoroJob   *scope,
                   gpointer   user_data,
                   GError   **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, cancelling_parent, NULL, NULL);

  if (!coro_job_join (job, error))
    return NULL;
  g_assert_true (coro_job_is_completed (job));
  g_assert_false (coro_job_is_cancelled (job));
  return NULL;
}

static void
test_cancellation_and_exceptions (void)
{
  g_autoptr(GError) error = NULL;

  coro_run_test (cancellation_body, NULL, &error);
  g_assert_no_error (error);
  TEST_LOG_ASSERT ("Cancelling child",
                   "Child is cancelled",
                   "Parent is not cancelled");
}

/* The original exception is handled once all children terminate ---------- */

static gpointer
first_child_cleanup (CoroJob   *scope,
                     gpointer   user_data,
                     GError   **error)
{
  test_println ("Children are cancelled, but exception is not handled until all children terminate");
  if (!coro_delay (100, error))
    return NULL;
  test_println ("The first child finished its non cancellable block");
  return NULL;
}

static gpointer
first_child (CoroJob   *scope,
             gpointer   user_data,
             GError   **error)
{
  g_autoptr(GError) cancelled = NULL;
  g_autoptr(GError) cleanup_error = NULL;

  if (coro_delay (G_MAXINT64, &cancelled))
    return NULL;

  /* finally { withContext(NonCancellable) { ... } }, then the cancellation
   * goes on */
  coro_with_non_cancellable (first_child_cleanup, NULL, &cleanup_error);
  if (cleanup_error != NULL)
    g_propagate_error (error, g_steal_pointer (&cleanup_error));
  else
    g_propagate_error (error, g_steal_pointer (&cancelled));
  return NULL;
}

static gpointer
second_child (CoroJob   *scope,
              gpointer   user_data,
              GError   **error)
{
  if (!coro_delay (10, error))
    return NULL;
  test_println ("Second child throws an exception");
  return throw_error (error, GUIDE_ERROR, GUIDE_ERROR_ARITHMETIC, "Arithmetic error");
}

static gpointer
two_children (CoroJob   *scope,
              gpointer   user_data,
              GError   **error)
{
  g_autoptr(CoroJob) first = coro_launch (scope, first_child, NULL, NULL);
  g_autoptr(CoroJob) second = coro_launch (scope, second_child, NULL, NULL);

  return NULL;
}

/* The handler also checks when it runs: only after the first child's
 * non-cancellable block. */
static void
timed_handler (CoroJob      *job,
               const GError *error,
               gpointer      user_data)
{
  gint64 *handled_at = user_data;

  *handled_at = coro_test_current_time ();
  print_handler (job, error, NULL);
}

static gpointer
children_terminate_body (CoroJob   *scope,
                         gpointer   user_data,
                         GError   **error)
{
  g_autoptr(CoroJob) job = NULL;

  job = coro_launch_full (CORO_GLOBAL_SCOPE,
                          &(CoroContext) {
                            .dispatcher = coro_test_dispatcher (),
                            .exception_handler = timed_handler,
                            .exception_handler_data = user_data,
                          },
                          two_children, NULL, NULL);
  if (!coro_job_join (job, error))
    return NULL;
  g_assert_cmpint (coro_test_current_time (), ==, 110);
  return NULL;
}

static void
test_handled_after_children_terminate (void)
{
  g_autoptr(GError) error = NULL;
  gint64 handled_at = -1;

  coro_run_test (children_terminate_body, &handled_at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (handled_at, ==, 110);
  TEST_LOG_ASSERT ("Second child throws an exception",
                   "Children are cancelled, but exception is not handled until all children terminate",
                   "The first child finished its non cancellable block",
                   "CoroutineExceptionHandler got java.lang.ArithmeticException");
}

/* Exceptions aggregation ------------------------------------------------- */

static void
suppressed_handler (CoroJob      *job,
                    const GError *error,
                    gpointer      user_data)
{
  g_autoptr(GPtrArray) suppressed = coro_job_dup_suppressed (job);
  g_autoptr(GString) names = g_string_new ("[");

  /* exception.suppressed.contentToString() */
  for (guint i = 0; i < suppressed->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, exception_name (g_ptr_array_index (suppressed, i)));
    }
  g_string_append_c (names, ']');

  test_println ("CoroutineExceptionHandler got %s with suppressed %s", exception_name (error), names->str);
}

static gpointer
throw_in_finally (CoroJob   *scope,
                  gpointer   user_data,
                  GError   **error)
{
  g_autoptr(GError) cancelled = NULL;

  /* it gets cancelled when another sibling fails with IOException */
  if (coro_delay (G_MAXINT64, &cancelled))
    return NULL;

  /* finally: the second exception replaces the cancellation */
  return throw_error (error, GUIDE_ERROR, GUIDE_ERROR_ARITHMETIC, "Arithmetic error");
}

static gpointer
throw_io_later (CoroJob   *scope,
                gpointer   user_data,
                GError   **error)
{
  if (!coro_delay (100, error))
    return NULL;
  /* the first exception */
  return throw_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "I/O error");
}

static gpointer
aggregating_parent (CoroJob   *scope,
                    gpointer   user_data,
                    GError   **error)
{
  g_autoptr(CoroJob) first = coro_launch (scope, throw_in_finally, NULL, NULL);
  g_autoptr(CoroJob) second = coro_launch (scope, throw_io_later, NULL, NULL);

  coro_delay (G_MAXINT64, error);
  return NULL;
}

static gpointer
aggregation_body (CoroJob   *scope,
                  gpointer   user_data,
                  GError   **error)
{
  g_autoptr(CoroJob) job = NULL;
  g_autoptr(GError) cause = NULL;

  job = coro_launch_full (CORO_GLOBAL_SCOPE,
                          &(CoroContext) {
                            .dispatcher = coro_test_dispatcher (),
                            .exception_handler = suppressed_handler,
                          },
                          aggregating_parent, NULL, NULL);
  if (!coro_job_join (job, error))
    return NULL;

  cause = coro_job_dup_error (job);
  g_assert_error (cause, G_IO_ERROR, G_IO_ERROR_FAILED);
  return NULL;
}

static void
test_exceptions_aggregation (void)
{
  g_autoptr(GError) error = NULL;

  coro_run_test (aggregation_body, NULL, &error);
  g_assert_no_error (error);
  TEST_LOG_ASSERT ("CoroutineExceptionHandler got java.io.IOException with suppressed [java.lang.ArithmeticException]");
}

/* Cancellation exceptions are transparent -------------------------------- */

static gpointer
throw_io (CoroJob   *scope,
          gpointer   user_data,
          GError   **error)
{
  /* the original exception */
  return throw_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Original I/O error");
}

static gpointer
launch_throw_io (CoroJob   *scope,
                 gpointer   user_data,
                 GError   **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, throw_io, NULL, NULL);

  return NULL;
}

static gpointer
launch_launch_throw_io (CoroJob   *scope,
                        gpointer   user_data,
                        GError   **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, launch_throw_io, NULL, NULL);

  return NULL;
}

static gpointer
rethrowing_parent (CoroJob   *scope,
                   gpointer   user_data,
                   GError   **error)
{
  /* all this stack of coroutines will get cancelled */
  g_autoptr(CoroJob) inner_job = coro_launch (scope, launch_launch_throw_io, NULL, NULL);
  GError *local_error = NULL;

  if (!coro_job_join (inner_job, &local_error))
    {
      g_assert_true (coro_error_is_cancelled (local_error));
      /* The cancellation carries the original cause in its message. */
      g_assert_nonnull (strstr (local_error->message, "Original I/O error"));
      test_println ("Rethrowing CancellationException with original cause");
      /* the cancellation is rethrown, yet the original IOException gets to
       * the handler */
      g_propagate_error (error, local_error);
      return NULL;
    }

  return NULL;
}

static gpointer
transparent_body (CoroJob   *scope,
                  gpointer   user_data,
                  GError   **error)
{
  g_autoptr(CoroJob) job = NULL;

  job = coro_launch_full (CORO_GLOBAL_SCOPE,
                          &(CoroContext) {
                            .dispatcher = coro_test_dispatcher (),
                            .exception_handler = print_handler,
                            .exception_handler_data = user_data,
                          },
                          rethrowing_parent, NULL, NULL);
  coro_job_join (job, error);
  return NULL;
}

static void
test_cancellation_exceptions_transparent (void)
{
  g_autoptr(GError) error = NULL;
  guint n_calls = 0;

  coro_run_test (transparent_body, &n_calls, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, 1);
  TEST_LOG_ASSERT ("Rethrowing CancellationException with original cause",
                   "CoroutineExceptionHandler got java.io.IOException");
}

/* Supervision job -------------------------------------------------------- */

static gpointer
failing_first_child (CoroJob   *scope,
                     gpointer   user_data,
                     GError   **error)
{
  test_println ("The first child is failing");
  return throw_error (error, GUIDE_ERROR, GUIDE_ERROR_ASSERTION, "The first child is cancelled");
}

static gpointer
supervised_second_child (CoroJob   *scope,
                         gpointer   user_data,
                         GError   **error)
{
  CoroJob *first_child = user_data;

  if (!coro_job_join (first_child, error))
    return NULL;
  /* Cancellation of the first child is not propagated to the second child */
  test_println ("The first child is cancelled: %s, but the second one is still active",
                coro_job_is_cancelled (first_child) ? "true" : "false");
  if (!coro_delay (G_MAXINT64, error))
    {
      /* finally: but cancellation of the supervisor is propagated */
      test_println ("The second child is cancelled because the supervisor was cancelled");
      return NULL;
    }
  return NULL;
}

/* CoroutineExceptionHandler { _, _ -> }: the first child's failure is
 * ignored for this example (don't do this in practice!). It counts, so the
 * test sees that the failure went here rather than up. */
static void
ignoring_handler (CoroJob      *job,
                  const GError *error,
                  gpointer      user_data)
{
  guint *n_calls = user_data;

  (*n_calls)++;
}

static gpointer
supervision_job_body (CoroJob   *scope,
                      gpointer   user_data,
                      GError   **error)
{
  guint *n_ignored = user_data;
  /* CoroutineScope(coroutineContext + supervisor): our dispatcher, with a
   * SupervisorJob for a job. */
  g_autoptr(CoroJob) supervisor = coro_job_new (CORO_GLOBAL_SCOPE, coro_test_dispatcher (), TRUE);
  g_autoptr(CoroJob) first = NULL;
  g_autoptr(CoroJob) second = NULL;

  /* launch the first child */
  first = coro_launch_full (supervisor,
                            &(CoroContext) {
                              .exception_handler = ignoring_handler,
                              .exception_handler_data = n_ignored,
                            },
                            failing_first_child, NULL, NULL);
  /* launch the second child */
  second = coro_launch (supervisor, supervised_second_child, first, NULL);

  /* wait until the first child fails & completes */
  if (!coro_job_join (first, error))
    return NULL;
  test_println ("Cancelling the supervisor");
  coro_job_cancel (supervisor);
  if (!coro_job_join (second, error))
    return NULL;

  g_assert_true (coro_job_is_cancelled (supervisor));
  return NULL;
}

static void
test_supervision_job (void)
{
  g_autoptr(GError) error = NULL;
  guint n_ignored = 0;

  coro_run_test (supervision_job_body, &n_ignored, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_ignored, ==, 1);
  TEST_LOG_ASSERT ("The first child is failing",
                   "The first child is cancelled: true, but the second one is still active",
                   "Cancelling the supervisor",
                   "The second child is cancelled because the supervisor was cancelled");
}

/* Supervision scope ------------------------------------------------------ */

static gpointer
sleeping_supervised_child (CoroJob   *scope,
                           gpointer   user_data,
                           GError   **error)
{
  test_println ("The child is sleeping");
  if (!coro_delay (G_MAXINT64, error))
    {
      /* finally */
      test_println ("The child is cancelled");
      return NULL;
    }
  return NULL;
}

static gpointer
failing_supervisor_scope (CoroJob   *scope,
                          gpointer   user_data,
                          GError   **error)
{
  g_autoptr(CoroJob) child = coro_launch (scope, sleeping_supervised_child, NULL, NULL);

  /* Give our child a chance to execute and print using yield */
  if (!coro_yield (error))
    return NULL;
  test_println ("Throwing an exception from the scope");
  return throw_error (error, GUIDE_ERROR, GUIDE_ERROR_ASSERTION, "Assertion failed");
}

static gpointer
supervision_scope_body (CoroJob   *scope,
                        gpointer   user_data,
                        GError   **error)
{
  g_autoptr(GError) caught = NULL;

  coro_supervisor_scope (failing_supervisor_scope, NULL, &caught);
  if (g_error_matches (caught, GUIDE_ERROR, GUIDE_ERROR_ASSERTION))
    test_println ("Caught an assertion error");
  return NULL;
}

static void
test_supervision_scope (void)
{
  g_autoptr(GError) error = NULL;

  coro_run_test (supervision_scope_body, NULL, &error);
  g_assert_no_error (error);
  TEST_LOG_ASSERT ("The child is sleeping",
                   "Throwing an exception from the scope",
                   "The child is cancelled",
                   "Caught an assertion error");
}

/* Exceptions in supervised coroutines ------------------------------------ */

static gpointer
throwing_supervised_child (CoroJob   *scope,
                           gpointer   user_data,
                           GError   **error)
{
  test_println ("The child throws an exception");
  return throw_error (error, GUIDE_ERROR, GUIDE_ERROR_ASSERTION, "Assertion failed");
}

static gpointer
completing_supervisor_scope (CoroJob   *scope,
                             gpointer   user_data,
                             GError   **error)
{
  g_autoptr(CoroJob) child = NULL;

  child = coro_launch_full (scope,
                            &(CoroContext) {
                              .exception_handler = print_handler,
                              .exception_handler_data = user_data,
                            },
                            throwing_supervised_child, NULL, NULL);
  test_println ("The scope is completing");
  return NULL;
}

static gpointer
supervised_exceptions_body (CoroJob   *scope,
                            gpointer   user_data,
                            GError   **error)
{
  GError *local_error = NULL;

  coro_supervisor_scope (completing_supervisor_scope, user_data, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  test_println ("The scope is completed");
  return NULL;
}

static void
test_exceptions_in_supervised_coroutines (void)
{
  g_autoptr(GError) error = NULL;
  guint n_calls = 0;

  coro_run_test (supervised_exceptions_body, &n_calls, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, 1);
  TEST_LOG_ASSERT ("The scope is completing",
                   "The child throws an exception",
                   "CoroutineExceptionHandler got java.lang.AssertionError",
                   "The scope is completed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/guide/exceptions/exception-propagation", test_exception_propagation);
  g_test_add_func ("/coro/guide/exceptions/coroutine-exception-handler", test_coroutine_exception_handler);
  g_test_add_func ("/coro/guide/exceptions/cancellation-and-exceptions", test_cancellation_and_exceptions);
  g_test_add_func ("/coro/guide/exceptions/handled-after-children-terminate", test_handled_after_children_terminate);
  g_test_add_func ("/coro/guide/exceptions/exceptions-aggregation", test_exceptions_aggregation);
  g_test_add_func ("/coro/guide/exceptions/cancellation-exceptions-transparent",
                   test_cancellation_exceptions_transparent);
  g_test_add_func ("/coro/guide/exceptions/supervision-job", test_supervision_job);
  g_test_add_func ("/coro/guide/exceptions/supervision-scope", test_supervision_scope);
  g_test_add_func ("/coro/guide/exceptions/exceptions-in-supervised-coroutines",
                   test_exceptions_in_supervised_coroutines);

  return g_test_run ();
}
