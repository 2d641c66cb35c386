/* test-coro-guide-basics.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

/*
 * The examples of the kotlinx.coroutines guide's "Coroutines basics"
 * chapter, run under virtual time: each test prints what the example prints
 * into the test log and compares it with the output the guide shows.
 * runBlocking becomes coro_run_test(), so the one-second delays cost nothing
 * and the moments at which things happen can be checked too.
 */

#include "config.h"

#include <glib.h>

#include <coro.h>

#include "coro-test-utils.h"

/* Runs @func as the example's main () and checks that it ended cleanly. */
static void
run_example (CoroFunc func,
             gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  test_log_reset ();
  coro_run_test (func, user_data, &error);
  g_assert_no_error (error);
}

/* Your first coroutine */

static gpointer
first_world (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  if (!coro_delay (1000, error))
    return NULL;
  g_assert_cmpint (coro_test_current_time (), ==, 1000);
  test_println ("World!");

  return NULL;
}

static gpointer
first_main (CoroJob  *scope,
            gpointer  user_data,
            GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, first_world, NULL, NULL);

  /* launch only queues the child: it has not printed anything yet. */
  test_println ("Hello");

  return NULL;
}

static void
test_basics_first_coroutine (void)
{
  run_example (first_main, NULL);
  TEST_LOG_ASSERT ("Hello",
                   "World!");
}

/* Extract function refactoring */

/* The extracted "suspend fun": an ordinary C function that may suspend
 * because it is only ever called on a coroutine's fiber. */
static gboolean
extracted_do_world (GError **error)
{
  if (!coro_delay (1000, error))
    return FALSE;
  test_println ("World!");

  return TRUE;
}

static gpointer
extracted_launch_body (CoroJob  *scope,
                       gpointer  user_data,
                       GError  **error)
{
  extracted_do_world (error);

  return NULL;
}

static gpointer
extracted_main (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, extracted_launch_body, NULL, NULL);

  test_println ("Hello");

  return NULL;
}

static void
test_basics_extract_function (void)
{
  run_example (extracted_main, NULL);
  TEST_LOG_ASSERT ("Hello",
                   "World!");
}

/* Scope builder */

static gpointer
scope_world (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  if (!coro_delay (1000, error))
    return NULL;
  test_println ("World!");

  return NULL;
}

static gpointer
scope_do_world_body (CoroJob  *scope,
                     gpointer  user_data,
                     GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, scope_world, NULL, NULL);

  test_println ("Hello");

  return NULL;
}

static gboolean
scope_do_world (GError **error)
{
  g_autoptr(GError) local_error = NULL;

  coro_scope (scope_do_world_body, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gpointer
scope_main (CoroJob  *scope,
            gpointer  user_data,
            GError  **error)
{
  if (!scope_do_world (error))
    return NULL;

  /* coroutineScope returned only after its child printed. */
  g_assert_cmpint (coro_test_current_time (), ==, 1000);
  g_assert_cmpuint (test_log_len (), ==, 2);

  return NULL;
}

static void
test_basics_scope_builder (void)
{
  run_example (scope_main, NULL);
  TEST_LOG_ASSERT ("Hello",
                   "World!");
}

/* Scope builder and concurrency */

static gpointer
concurrency_world (CoroJob  *scope,
                   gpointer  user_data,
                   GError  **error)
{
  int n = GPOINTER_TO_INT (user_data);

  if (!coro_delay (n * 1000, error))
    return NULL;
  /* Both children run at once: each prints n seconds after the start. */
  g_assert_cmpint (coro_test_current_time (), ==, n * 1000);
  test_println ("World %d", n);

  return NULL;
}

static gpointer
concurrency_do_world_body (CoroJob  *scope,
                           gpointer  user_data,
                           GError  **error)
{
  g_autoptr(CoroJob) two = coro_launch (scope, concurrency_world, GINT_TO_POINTER (2), NULL);
  g_autoptr(CoroJob) one = coro_launch (scope, concurrency_world, GINT_TO_POINTER (1), NULL);

  test_println ("Hello");

  return NULL;
}

static gpointer
concurrency_main (CoroJob  *scope,
                  gpointer  user_data,
                  GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  coro_scope (concurrency_do_world_body, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_assert_cmpint (coro_test_current_time (), ==, 2000);
  test_println ("Done");

  return NULL;
}

static void
test_basics_scope_builder_concurrency (void)
{
  run_example (concurrency_main, NULL);
  TEST_LOG_ASSERT ("Hello",
                   "World 1",
                   "World 2",
                   "Done");
}

/* An explicit job */

static gpointer
explicit_world (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  if (!coro_delay (1000, error))
    return NULL;
  test_println ("World!");

  return NULL;
}

static gpointer
explicit_main (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, explicit_world, NULL, NULL);

  test_println ("Hello");
  if (!coro_job_join (job, error))
    return NULL;
  g_assert_true (coro_job_is_completed (job));
  g_assert_cmpint (coro_test_current_time (), ==, 1000);
  test_println ("Done");

  return NULL;
}

static void
test_basics_explicit_job (void)
{
  run_example (explicit_main, NULL);
  TEST_LOG_ASSERT ("Hello",
                   "World!",
                   "Done");
}

/* Coroutines are light-weight */

#define N_LIGHT_WEIGHT 50000

static gpointer
light_weight_dot (CoroJob  *scope,
                  gpointer  user_data,
                  GError  **error)
{
  if (!coro_delay (5000, error))
    return NULL;
  /* The guide prints the dots on one line; one log line per dot lets the
   * test count them. */
  test_println (".");

  return NULL;
}

static gpointer
light_weight_main (CoroJob  *scope,
                   gpointer  user_data,
                   GError  **error)
{
  gint64 *end_time = user_data;

  for (guint i = 0; i < N_LIGHT_WEIGHT; i++)
    {
      g_autoptr(CoroJob) job = coro_launch (scope, light_weight_dot, NULL, NULL);
    }

  /* Wait for them here, rather than in run-test's own wait, to see the
   * clock when the last one is done: all slept their 5 s together. */
  if (!coro_test_advance_until_idle (error))
    return NULL;
  *end_time = coro_test_current_time ();

  return NULL;
}

static void
test_basics_light_weight (void)
{
  g_autofree const char **expected = g_new0 (const char *, N_LIGHT_WEIGHT + 1);
  gint64 end_time = -1;

  run_example (light_weight_main, &end_time);

  g_assert_cmpint (end_time, ==, 5000);
  g_assert_cmpuint (test_log_len (), ==, N_LIGHT_WEIGHT);
  for (guint i = 0; i < N_LIGHT_WEIGHT; i++)
    expected[i] = ".";
  test_log_assert (expected);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: these tests touch no files, and GLib
   * 2.74's g_set_user_dirs() leaks what it sets, which LeakSanitizer
   * reports. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/guide/basics/first-coroutine", test_basics_first_coroutine);
  g_test_add_func ("/coro/guide/basics/extract-function", test_basics_extract_function);
  g_test_add_func ("/coro/guide/basics/scope-builder", test_basics_scope_builder);
  g_test_add_func ("/coro/guide/basics/scope-builder-concurrency",
                   test_basics_scope_builder_concurrency);
  g_test_add_func ("/coro/guide/basics/explicit-job", test_basics_explicit_job);
  g_test_add_func ("/coro/guide/basics/light-weight", test_basics_light_weight);

  return g_test_run ();
}
