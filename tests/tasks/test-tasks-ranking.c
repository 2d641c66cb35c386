/* test-tasks-ranking.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Where the final ranking is made. On a large organization it means tens
 * of thousands of users to sum, sort, copy and free, too long for Main's
 * loop to wait: SUSPEND and CONCURRENT make it on the dispatcher the
 * loader gives them for Default, and still deliver on the caller's main
 * context. (CALLBACKS ranks on a worker thread: test-tasks-callbacks.c.)
 *
 * The Default dispatcher here is a gate: a thread of its own that runs
 * nothing until the test opens it. A load that ranked on its own
 * dispatcher would be over as soon as its requests are; one that ranks on
 * the gate waits for it, which the test sees under virtual time, without
 * measuring anything.
 */

#include "config.h"

#include "tasks-test-utils.h"

/* The tutorial's three repositories have two contributors each. */
#define N_TUTORIAL_USERS 6

typedef struct
{
  GMainContext   *context;
  CoroDispatcher *dispatcher;
  GThread        *thread;
  GMutex          lock;
  GCond           cond;
  gboolean        open;
  gint            quit;
} Gate;

static gpointer
gate_thread (gpointer data)
{
  Gate *gate = data;

  g_mutex_lock (&gate->lock);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);

  g_main_context_push_thread_default (gate->context);
  while (!g_atomic_int_get (&gate->quit))
    g_main_context_iteration (gate->context, TRUE);
  g_main_context_pop_thread_default (gate->context);

  return NULL;
}

static Gate *
gate_new (void)
{
  Gate *gate = g_new0 (Gate, 1);

  g_mutex_init (&gate->lock);
  g_cond_init (&gate->cond);
  gate->context = g_main_context_new ();
  gate->dispatcher = coro_dispatcher_new_for_context (gate->context, "gate");
  gate->thread = g_thread_new ("gate", gate_thread, gate);
  return gate;
}

static void
gate_open (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_signal (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

/* Once the thread is gone, whatever ran on it is over. */
static void
gate_free (Gate *gate)
{
  gate_open (gate);
  g_atomic_int_set (&gate->quit, 1);
  g_main_context_wakeup (gate->context);
  g_thread_join (gate->thread);

  coro_dispatcher_unref (gate->dispatcher);
  g_main_context_unref (gate->context);
  g_cond_clear (&gate->cond);
  g_mutex_clear (&gate->lock);
  g_free (gate);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Gate, gate_free)

/* Runs @variant through a loader as the app does, Main being the test
 * dispatcher and Default the gate, until its requests are all over at
 * @requests_done_ms; checks that it waits for the gate, then opens it. */
static gboolean
run_through_gate (TasksFixture    *fixture,
                  ContribVariant   variant,
                  gint64           requests_done_ms,
                  Gate            *gate,
                  TasksRecorder   *recorder,
                  GError         **error)
{
  g_autoptr(ContribLoader) loader = contrib_loader_new (GH_SERVICE (fixture->mock), variant, "org");
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT " " TASKS_EXPECTED_USERS " completed",
                                               requests_done_ms);

  contrib_loader_set_dispatchers (loader, coro_test_dispatcher (), gate->dispatcher);
  contrib_loader_start (loader, tasks_recorder_func, recorder, NULL);

  if (!coro_test_advance_until_idle (error))
    return FALSE;

  /* Every request is over, and yet no ranking: it waits for Default. */
  g_assert_cmpint (coro_test_current_time (), ==, requests_done_ms);
  g_assert_cmpuint (mock_github_service_count_calls (fixture->mock, FALSE), ==, 4);
  g_assert_cmpuint (tasks_recorder_get_n_results (recorder), ==, 0);
  g_assert_true (contrib_loader_is_running (loader));

  gate_open (gate);
  if (!tasks_recorder_wait (recorder, error))
    return FALSE;

  /* Made on the gate's thread, delivered on this one, at no virtual cost. */
  tasks_recorder_assert (recorder, (const char * const[]) { expected, NULL });
  g_assert_true (tasks_recorder_get_thread (recorder, 0) == g_thread_self ());
  g_assert_false (contrib_loader_is_running (loader));
  return TRUE;
}

static gpointer
suspend_body (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();

  run_through_gate (fixture, CONTRIB_VARIANT_SUSPEND, 4000, gate, recorder, error);
  return NULL;
}

static void
test_suspend (TasksFixture  *fixture,
              gconstpointer  data)
{
  tasks_run_test (suspend_body, fixture, TASKS_REAL_BOUND_MS);
}

static gpointer
concurrent_body (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  GThread *gate_thread = gate->thread;

  if (!run_through_gate (fixture, CONTRIB_VARIANT_CONCURRENT, 2200, gate, recorder, error))
    return NULL;

  /* Every repository's users were let go of on the gate's thread too. */
  g_assert_cmpuint (mock_github_service_get_n_users_alive (fixture->mock), ==, 0);
  g_assert_cmpuint (mock_github_service_count_users_freed_on (fixture->mock, gate_thread), ==,
                    N_TUTORIAL_USERS);
  return NULL;
}

static void
test_concurrent (TasksFixture  *fixture,
                 gconstpointer  data)
{
  tasks_run_test (concurrent_body, fixture, TASKS_REAL_BOUND_MS);
}

int
main (int    argc,
      char **argv)
{
  tasks_test_init (&argc, &argv);

  g_test_add ("/tasks/suspend/rank-on-default", TasksFixture, NULL, tasks_fixture_setup, test_suspend,
              tasks_fixture_teardown);
  g_test_add ("/tasks/concurrent/rank-on-default", TasksFixture, NULL, tasks_fixture_setup, test_concurrent,
              tasks_fixture_teardown);

  return g_test_run ();
}
