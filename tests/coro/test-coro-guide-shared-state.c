/* test-coro-guide-shared-state.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <coro.h>

#include "coro-test-utils.h"

/*
 * The examples of the kotlinx guide's "Shared mutable state and concurrency"
 * chapter. They need real threads (Default, a single-thread dispatcher), so
 * they run under coro_run_blocking() in real time. The guide prints how long
 * massiveRun took; that is real time, so the expected line is built from
 * the time measured and only its action count is really checked.
 */

#define N_COROUTINES 100    /* number of coroutines to launch */
#define N_ACTIONS    1000   /* times an action is repeated by each coroutine */

/* One increment of the shared counter; it may suspend. */
typedef gboolean (*ActionFunc) (GError **error);

static gint64 last_elapsed_ms;

static gpointer
repeat_action (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  ActionFunc action = user_data;

  for (int i = 0; i < N_ACTIONS; i++)
    if (!action (error))
      return NULL;
  return NULL;
}

static gpointer
launch_all (CoroJob   *scope,
            gpointer   user_data,
            GError   **error)
{
  for (int i = 0; i < N_COROUTINES; i++)
    {
      g_autoptr(CoroJob) job = coro_launch (scope, repeat_action, user_data, NULL);
    }
  return NULL;
}

/* The guide's massiveRun: a scope of N_COROUTINES coroutines on the
 * caller's dispatcher, each doing the action N_ACTIONS times. */
static gboolean
massive_run (ActionFunc   action,
             GError     **error)
{
  GError *local_error = NULL;
  gint64 start = g_get_monotonic_time ();

  coro_scope (launch_all, action, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  last_elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  test_println ("Completed %d actions in %" G_GINT64_FORMAT " ms", N_COROUTINES * N_ACTIONS, last_elapsed_ms);
  return TRUE;
}

static gpointer
massive_run_block (CoroJob   *scope,
                   gpointer   user_data,
                   GError   **error)
{
  massive_run (user_data, error);
  return NULL;
}

typedef struct
{
  CoroDispatcher *dispatcher;
  ActionFunc      action;
} RunOn;

/* runBlocking { withContext(dispatcher) { massiveRun { action } } } */
static gpointer
run_on_body (CoroJob   *scope,
             gpointer   user_data,
             GError   **error)
{
  RunOn *run_on = user_data;

  return coro_with_context (run_on->dispatcher, massive_run_block, run_on->action, error);
}

static void
run_on (CoroDispatcher *dispatcher,
        ActionFunc      action)
{
  g_autoptr(GError) error = NULL;
  RunOn data = { dispatcher, action };

  coro_run_blocking (run_on_body, &data, &error);
  g_assert_no_error (error);
}

/* The line massive_run() printed, with the time it measured. */
static char *
completed_line (void)
{
  return g_strdup_printf ("Completed 100000 actions in %" G_GINT64_FORMAT " ms", last_elapsed_ms);
}

static int counter;

/* The two lines of an example whose count depends on how the threads ran:
 * the count is checked against its bounds, the lines against what was
 * printed. */
static void
assert_lossy_counter (void)
{
  g_autofree char *completed = completed_line ();
  g_autofree char *counter_line = g_strdup_printf ("Counter = %d", counter);

  g_assert_cmpint (counter, >, 0);
  g_assert_cmpint (counter, <=, N_COROUTINES * N_ACTIONS);
  test_println ("Counter = %d", counter);
  TEST_LOG_ASSERT (completed, counter_line);
}

/* The problem ------------------------------------------------------------ */

/* `counter++` on a shared variable from several threads. A plain ++ would
 * be a data race, which C makes undefined behaviour; a relaxed load and a
 * relaxed store lose updates the same way without it. */
static gboolean
unsynchronized_increment (GError **error)
{
  __atomic_store_n (&counter, __atomic_load_n (&counter, __ATOMIC_RELAXED) + 1, __ATOMIC_RELAXED);
  return TRUE;
}

static void
test_the_problem (void)
{
  counter = 0;
  run_on (coro_dispatcher_default (), unsynchronized_increment);

  /* "It is highly unlikely to ever print Counter = 100000": how many
   * increments are lost depends on the threads, as the guide's own figure
   * does, so the line is checked with the count it printed, and the count
   * within its bounds. */
  assert_lossy_counter ();
}

/* Volatiles are of no help ----------------------------------------------- */

/* @Volatile: every read and every write is atomic and ordered (JVM volatile
 * accesses are sequentially consistent), but the increment as a whole is
 * not. */
static gboolean
volatile_increment (GError **error)
{
  g_atomic_int_set (&counter, g_atomic_int_get (&counter) + 1);
  return TRUE;
}

static void
test_volatiles (void)
{
  counter = 0;
  run_on (coro_dispatcher_default (), volatile_increment);

  /* Updates are still lost, a number that depends on the threads. */
  assert_lossy_counter ();
}

/* Thread-safe data structures -------------------------------------------- */

/* AtomicInteger.incrementAndGet() */
static gboolean
atomic_increment (GError **error)
{
  g_atomic_int_inc (&counter);
  return TRUE;
}

static void
test_thread_safe_data_structures (void)
{
  g_autofree char *completed = NULL;

  counter = 0;
  run_on (coro_dispatcher_default (), atomic_increment);

  test_println ("Counter = %d", g_atomic_int_get (&counter));
  completed = completed_line ();
  TEST_LOG_ASSERT (completed, "Counter = 100000");
}

/* Thread confinement fine-grained ---------------------------------------- */

static CoroDispatcher *counter_context;

static gpointer
confined_increment_block (CoroJob   *scope,
                          gpointer   user_data,
                          GError   **error)
{
  /* Only ever runs on CounterContext's one thread. */
  counter++;
  return NULL;
}

/* confine each increment to a single-threaded context */
static gboolean
confined_increment (GError **error)
{
  GError *local_error = NULL;

  coro_with_context (counter_context, confined_increment_block, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
test_thread_confinement_fine_grained (void)
{
  g_autofree char *completed = NULL;

  counter_context = coro_dispatcher_new_single_thread ("CounterContext");
  counter = 0;
  run_on (coro_dispatcher_default (), confined_increment);
  coro_dispatcher_close (counter_context);
  g_clear_pointer (&counter_context, coro_dispatcher_unref);

  test_println ("Counter = %d", counter);
  completed = completed_line ();
  TEST_LOG_ASSERT (completed, "Counter = 100000");
}

/* Thread confinement coarse-grained -------------------------------------- */

/* Every coroutine of the run is on CounterContext's thread, so a plain
 * increment is safe. */
static gboolean
plain_increment (GError **error)
{
  counter++;
  return TRUE;
}

static void
test_thread_confinement_coarse_grained (void)
{
  g_autofree char *completed = NULL;

  counter_context = coro_dispatcher_new_single_thread ("CounterContext");
  counter = 0;
  /* confine everything to a single-threaded context */
  run_on (counter_context, plain_increment);
  coro_dispatcher_close (counter_context);
  g_clear_pointer (&counter_context, coro_dispatcher_unref);

  test_println ("Counter = %d", counter);
  completed = completed_line ();
  TEST_LOG_ASSERT (completed, "Counter = 100000");
}

/* Mutual exclusion ------------------------------------------------------- */

static CoroMutex *mutex;

static gpointer
locked_increment_block (CoroJob   *scope,
                        gpointer   user_data,
                        GError   **error)
{
  counter++;
  return NULL;
}

/* protect each increment with lock */
static gboolean
locked_increment (GError **error)
{
  GError *local_error = NULL;

  coro_mutex_with_lock (mutex, locked_increment_block, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
test_mutual_exclusion (void)
{
  g_autofree char *completed = NULL;

  mutex = coro_mutex_new ();
  counter = 0;
  run_on (coro_dispatcher_default (), locked_increment);
  g_assert_false (coro_mutex_is_locked (mutex));
  g_clear_pointer (&mutex, coro_mutex_free);

  test_println ("Counter = %d", counter);
  completed = completed_line ();
  TEST_LOG_ASSERT (completed, "Counter = 100000");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/guide/shared-state/the-problem", test_the_problem);
  g_test_add_func ("/coro/guide/shared-state/volatiles", test_volatiles);
  g_test_add_func ("/coro/guide/shared-state/thread-safe-data-structures", test_thread_safe_data_structures);
  g_test_add_func ("/coro/guide/shared-state/thread-confinement-fine-grained",
                   test_thread_confinement_fine_grained);
  g_test_add_func ("/coro/guide/shared-state/thread-confinement-coarse-grained",
                   test_thread_confinement_coarse_grained);
  g_test_add_func ("/coro/guide/shared-state/mutual-exclusion", test_mutual_exclusion);

  return g_test_run ();
}
