/* test-tasks-callbacks.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * BACKGROUND and CALLBACKS, the two variants that report through a
 * callback on the caller's main context. The tutorial's callbacks test
 * asserts inside the callback, so it passes when the callback never comes;
 * these tests wait for the result, with a bound, and fail without it.
 */

#include "config.h"

#include "tasks-test-utils.h"

/* Short, so that the demonstration below does not slow the suite down. */
#define NEVER_CALLED_BOUND_MS 300

static void
assert_calls_made_on (MockGithubService *mock,
                      MockCallStyle      style,
                      GThread           *thread,
                      gboolean           on_thread)
{
  g_autoptr(GPtrArray) calls = mock_github_service_get_calls (mock);

  g_assert_cmpuint (calls->len, >, 0);
  for (guint i = 0; i < calls->len; i++)
    {
      MockCall *call = g_ptr_array_index (calls, i);

      g_assert_cmpint (call->style, ==, style);
      g_assert_cmpint (call->thread == thread, ==, on_thread);
    }
}

static gpointer
background_body (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();

  contrib_load_contributors_background (GH_SERVICE (fixture->mock), "org", NULL,
                                        tasks_recorder_func, recorder, NULL);
  /* Nothing can have come back yet: the result comes through this
   * thread's main context, which only waiting lets run. */
  g_assert_cmpuint (tasks_recorder_get_n_results (recorder), ==, 0);
  if (!tasks_recorder_wait (recorder, error))
    return NULL;

  tasks_recorder_assert (recorder, (const char * const[]) {
    "0 " TASKS_EXPECTED_USERS " completed",
    NULL,
  });
  g_assert_true (tasks_recorder_get_thread (recorder, 0) == g_thread_self ());
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos",
    "repos/org/repo-1/contributors",
    "repos/org/repo-2/contributors",
    "repos/org/repo-3/contributors",
    NULL,
  });
  assert_calls_made_on (fixture->mock, MOCK_CALL_SYNC, g_thread_self (), FALSE);
  return NULL;
}

static void
test_background (TasksFixture   *fixture,
                 gconstpointer  data)
{
  tasks_run_test (background_body, fixture, TASKS_REAL_BOUND_MS);
}

typedef struct
{
  TasksRecorder *recorder;
  GThread       *destroyed_on;
} Owner;

static void
owner_destroy (gpointer data)
{
  Owner *owner = data;

  g_assert_null (owner->destroyed_on);
  g_atomic_pointer_set (&owner->destroyed_on, g_thread_self ());
  g_rc_box_release (owner);
}

static void
owner_update (ContribUpdate *update,
              const GError  *error,
              gpointer       user_data)
{
  Owner *owner = user_data;

  tasks_recorder_func (update, error, owner->recorder);
}

/* When the result is in, the load is over: it must hold nothing more, and
 * free the caller's data on the caller's thread, not on its own later. */
static gpointer
background_release_body (CoroJob  *scope,
                         gpointer  data,
                         GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  /* Counted, so that a late destroy on another thread cannot touch freed
   * memory, only fail the test. */
  Owner *owner = g_rc_box_new0 (Owner);
  GWeakRef service;
  gboolean joined;

  owner->recorder = recorder;
  g_weak_ref_init (&service, fixture->mock);
  contrib_load_contributors_background (GH_SERVICE (fixture->mock), "org", NULL,
                                        owner_update, g_rc_box_acquire (owner), owner_destroy);
  g_clear_object (&fixture->mock);
  joined = tasks_recorder_wait (recorder, error);

  if (joined)
    {
      g_assert_true (g_atomic_pointer_get (&owner->destroyed_on) == g_thread_self ());
      g_assert_null (g_weak_ref_get (&service));
    }
  g_weak_ref_clear (&service);
  g_rc_box_release (owner);
  return NULL;
}

static void
test_background_release (TasksFixture   *fixture,
                         gconstpointer  data)
{
  tasks_run_test (background_release_body, fixture, TASKS_REAL_BOUND_MS);
  /* Gone already, as checked above. */
  fixture->mock = mock_github_service_new_for_name ("tutorial");
}

static gpointer
callbacks_body (CoroJob  *scope,
                gpointer  data,
                GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();

  contrib_load_contributors_callbacks (GH_SERVICE (fixture->mock), "org", NULL,
                                       tasks_recorder_func, recorder, NULL);
  if (!tasks_recorder_wait (recorder, error))
    return NULL;

  tasks_recorder_assert (recorder, (const char * const[]) {
    "0 " TASKS_EXPECTED_USERS " completed",
    NULL,
  });
  g_assert_true (tasks_recorder_get_thread (recorder, 0) == g_thread_self ());
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos",
    "repos/org/repo-1/contributors",
    "repos/org/repo-2/contributors",
    "repos/org/repo-3/contributors",
    NULL,
  });
  assert_calls_made_on (fixture->mock, MOCK_CALL_ASYNC, g_thread_self (), TRUE);

  /* The callbacks came here, but the users they collected were ranked,
   * and let go of, on another thread. */
  g_assert_cmpuint (mock_github_service_get_n_users_alive (fixture->mock), ==, 0);
  g_assert_cmpuint (mock_github_service_count_users_freed_on (fixture->mock, g_thread_self ()), ==, 0);
  return NULL;
}

static void
test_callbacks (TasksFixture   *fixture,
                gconstpointer  data)
{
  tasks_run_test (callbacks_body, fixture, TASKS_REAL_BOUND_MS);
}

/* The same test as above, with the contributors answers swallowed, so the
 * callback never comes: the test must fail (the tutorial's passes). */
static void
test_callbacks_never_called (TasksFixture   *fixture,
                             gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      mock_github_service_set_hold (fixture->mock, TRUE);
      tasks_run_test (callbacks_body, fixture, NEVER_CALLED_BOUND_MS);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Test did not finish within 300 ms of real time*");
}

int
main (int    argc,
      char **argv)
{
  tasks_test_init (&argc, &argv);

  g_test_add ("/tasks/background/result", TasksFixture, NULL, tasks_fixture_setup, test_background, tasks_fixture_teardown);
  g_test_add ("/tasks/background/release", TasksFixture, NULL, tasks_fixture_setup, test_background_release,
              tasks_fixture_teardown);
  g_test_add ("/tasks/callbacks/result", TasksFixture, NULL, tasks_fixture_setup, test_callbacks, tasks_fixture_teardown);
  g_test_add ("/tasks/callbacks/never-called", TasksFixture, NULL, tasks_fixture_setup, test_callbacks_never_called,
              tasks_fixture_teardown);

  return g_test_run ();
}
