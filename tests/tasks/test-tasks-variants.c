/* test-tasks-variants.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The tutorial's expectations for its loaders, exactly, with virtual time
 * for the ones that suspend, plus what its tests leave out: how many
 * updates PROGRESS and CHANNELS send and that only the last one says it is
 * complete, and NOT_CANCELLABLE's result and timing. BACKGROUND and
 * CALLBACKS are in test-tasks-callbacks.c.
 */

#include "config.h"

#include "tasks-test-utils.h"

static void
assert_users (ContribUpdate *update,
              const char    *expected)
{
  g_autofree char *users = NULL;

  g_assert_nonnull (update);
  users = contrib_update_to_string (update);
  g_assert_cmpstr (users, ==, expected);
  g_assert_true (contrib_update_is_completed (update));
  g_assert_cmpuint (contrib_update_get_n_failures (update), ==, 0);
}

static void
test_blocking (TasksFixture   *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContribUpdate) update = NULL;

  update = contrib_load_contributors_blocking (GH_SERVICE (fixture->mock), "org", NULL, &error);
  g_assert_no_error (error);
  assert_users (update, TASKS_EXPECTED_USERS);
}

static gpointer
suspend_body (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(ContribUpdate) update = NULL;

  update = contrib_load_contributors_suspend (GH_SERVICE (fixture->mock), "org", coro_test_dispatcher (), error);
  assert_users (update, TASKS_EXPECTED_USERS);
  g_assert_cmpint (coro_test_current_time (), ==, 4000);
  return NULL;
}

static void
test_suspend (TasksFixture   *fixture,
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
  g_autoptr(ContribUpdate) update = NULL;

  update = contrib_load_contributors_concurrent (GH_SERVICE (fixture->mock), "org", coro_test_dispatcher (),
                                                 error);
  assert_users (update, TASKS_EXPECTED_USERS);
  g_assert_cmpint (coro_test_current_time (), ==, 2200);
  return NULL;
}

static void
test_concurrent (TasksFixture   *fixture,
                 gconstpointer  data)
{
  tasks_run_test (concurrent_body, fixture, TASKS_REAL_BOUND_MS);
}

static gpointer
not_cancellable_body (CoroJob  *scope,
                      gpointer  data,
                      GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(ContribUpdate) update = NULL;

  update = contrib_load_contributors_not_cancellable (GH_SERVICE (fixture->mock), "org",
                                                      coro_test_dispatcher (), error);
  assert_users (update, TASKS_EXPECTED_USERS);
  /* The repository list, then each repository's 3000 ms wait, then the
   * slowest request: 1000 + 3000 + 1200. */
  g_assert_cmpint (coro_test_current_time (), ==, 5200);
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos 0-1000",
    "repos/org/repo-1/contributors 4000-5000",
    "repos/org/repo-2/contributors 4000-5200",
    "repos/org/repo-3/contributors 4000-4800",
    NULL,
  });
  return NULL;
}

static void
test_not_cancellable (TasksFixture   *fixture,
                      gconstpointer  data)
{
  tasks_run_test (not_cancellable_body, fixture, TASKS_REAL_BOUND_MS);
}

/* The tutorial ignores the completed flag and the number of updates; a
 * loader that sent an extra update, or said "completed" early, would pass
 * it. Here both count. */
static void
assert_progress (TasksRecorder *recorder)
{
  g_assert_cmpuint (tasks_recorder_get_n_results (recorder), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (contrib_update_is_completed (tasks_recorder_get_update (recorder, i)), ==, i == 2);
}

static gpointer
progress_body (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();

  g_assert_true (contrib_load_contributors_progress (GH_SERVICE (fixture->mock), "org",
                                                     tasks_recorder_func, recorder, error));
  tasks_recorder_assert (recorder, (const char * const[]) {
    "2000 [user-2 20, user-1 10]",
    "3200 [user-2 50, user-1 50]",
    "4000 " TASKS_EXPECTED_USERS " completed",
    NULL,
  });
  assert_progress (recorder);
  return NULL;
}

static void
test_progress (TasksFixture   *fixture,
               gconstpointer  data)
{
  tasks_run_test (progress_body, fixture, TASKS_REAL_BOUND_MS);
}

static gpointer
channels_body (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();

  g_assert_true (contrib_load_contributors_channels (GH_SERVICE (fixture->mock), "org",
                                                     tasks_recorder_func, recorder, error));
  tasks_recorder_assert (recorder, (const char * const[]) {
    "1800 [user-3 60, user-2 50]",
    "2000 [user-2 70, user-3 60, user-1 10]",
    "2200 " TASKS_EXPECTED_USERS " completed",
    NULL,
  });
  assert_progress (recorder);
  return NULL;
}

static void
test_channels (TasksFixture   *fixture,
               gconstpointer  data)
{
  tasks_run_test (channels_body, fixture, TASKS_REAL_BOUND_MS);
}

int
main (int    argc,
      char **argv)
{
  tasks_test_init (&argc, &argv);

  g_test_add ("/tasks/blocking/tutorial", TasksFixture, NULL, tasks_fixture_setup, test_blocking, tasks_fixture_teardown);
  g_test_add ("/tasks/suspend/tutorial", TasksFixture, NULL, tasks_fixture_setup, test_suspend, tasks_fixture_teardown);
  g_test_add ("/tasks/concurrent/tutorial", TasksFixture, NULL, tasks_fixture_setup, test_concurrent, tasks_fixture_teardown);
  g_test_add ("/tasks/not-cancellable/result", TasksFixture, NULL, tasks_fixture_setup, test_not_cancellable,
              tasks_fixture_teardown);
  g_test_add ("/tasks/progress/tutorial", TasksFixture, NULL, tasks_fixture_setup, test_progress, tasks_fixture_teardown);
  g_test_add ("/tasks/channels/tutorial", TasksFixture, NULL, tasks_fixture_setup, test_channels, tasks_fixture_teardown);

  return g_test_run ();
}
