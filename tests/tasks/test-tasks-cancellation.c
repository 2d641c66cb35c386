/* test-tasks-cancellation.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The tutorial's Cancel demonstration, checked against the mock's record
 * of every request: the cancellable variants stop their requests in
 * flight and start no new one, NOT_CANCELLABLE's global coroutines go on
 * regardless, and the caller hears CANCELLED rather than a result.
 */

#include "config.h"

#include "tasks-test-utils.h"

static void
assert_nothing_started_after (MockGithubService *mock,
                              gint64             cancel_ms)
{
  g_autoptr(GPtrArray) calls = mock_github_service_get_calls (mock);

  for (guint i = 0; i < calls->len; i++)
    g_assert_cmpint (((MockCall *) g_ptr_array_index (calls, i))->started_ms, <, cancel_ms);
}

/* Starts @variant through a loader, cancels it at @cancel_ms and lets
 * everything that is left run out. */
static gboolean
run_and_cancel (TasksFixture         *fixture,
                ContribVariant   variant,
                gint64           cancel_ms,
                TasksRecorder   *recorder,
                GError         **error)
{
  g_autoptr(ContribLoader) loader = tasks_loader_start (fixture->mock, variant, recorder);

  if (!coro_test_advance_time_by (cancel_ms, error))
    return FALSE;

  if (variant == CONTRIB_VARIANT_CONCURRENT)
    {
      /* The point of the demonstration: the list is in, and all three
       * requests are in flight. */
      tasks_assert_calls (fixture->mock, (const char * const[]) {
        "orgs/org/repos 0-1000",
        "repos/org/repo-1/contributors 1000- in flight",
        "repos/org/repo-2/contributors 1000- in flight",
        "repos/org/repo-3/contributors 1000- in flight",
        NULL,
      });
    }

  g_assert_true (contrib_loader_is_running (loader));
  contrib_loader_cancel (loader);
  if (!tasks_recorder_wait (recorder, error) || !coro_test_advance_until_idle (error))
    return FALSE;
  g_assert_false (contrib_loader_is_running (loader));
  return TRUE;
}

static gpointer
suspend_body (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();

  if (!run_and_cancel (fixture, CONTRIB_VARIANT_SUSPEND, 1500, recorder, error))
    return NULL;

  tasks_recorder_assert (recorder, (const char * const[]) { "1500 cancelled", NULL });
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos 0-1000",
    "repos/org/repo-1/contributors 1000-1500 cancelled",
    NULL,
  });
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
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();

  if (!run_and_cancel (fixture, CONTRIB_VARIANT_CONCURRENT, 1500, recorder, error))
    return NULL;

  /* No ranking, partial or not: only the cancel. */
  tasks_recorder_assert (recorder, (const char * const[]) { "1500 cancelled", NULL });
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos 0-1000",
    "repos/org/repo-1/contributors 1000-1500 cancelled",
    "repos/org/repo-2/contributors 1000-1500 cancelled",
    "repos/org/repo-3/contributors 1000-1500 cancelled",
    NULL,
  });
  return NULL;
}

static void
test_concurrent (TasksFixture   *fixture,
                 gconstpointer  data)
{
  tasks_run_test (concurrent_body, fixture, TASKS_REAL_BOUND_MS);
}

/* Shared by the test and the coroutine it cancels, which may outlive it
 * if the test fails early. */
typedef struct
{
  MockGithubService *mock;
  ContribUpdate     *update;
  GError            *error;
} Load;

static void
load_clear (gpointer data)
{
  Load *load = data;

  g_object_unref (load->mock);
  g_clear_pointer (&load->update, contrib_update_unref);
  g_clear_error (&load->error);
}

static void
load_release (gpointer data)
{
  g_rc_box_release_full (data, load_clear);
}

static gpointer
load_concurrent (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  Load *load = data;

  load->update = contrib_load_contributors_concurrent (GH_SERVICE (load->mock), "org", coro_test_dispatcher (),
                                                       &load->error);
  return NULL;
}

/* The same without the loader: the tutorial's own demonstration keeps a
 * Job and cancels it. */
static gpointer
concurrent_root_job_body (CoroJob  *scope,
                          gpointer  data,
                          GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(CoroJob) root = coro_job_new (CORO_GLOBAL_SCOPE, coro_test_dispatcher (), FALSE);
  g_autoptr(CoroJob) job = NULL;
  Load *load = g_rc_box_new0 (Load);
  GError *local_error = NULL;

  load->mock = g_object_ref (fixture->mock);
  job = coro_launch (root, load_concurrent, g_rc_box_acquire (load), load_release);
  coro_job_complete (root);

  if (coro_test_advance_time_by (1500, &local_error))
    {
      coro_job_cancel (root);
      coro_job_join (root, &local_error);
    }
  if (local_error != NULL)
    {
      load_release (load);
      g_propagate_error (error, local_error);
      return NULL;
    }

  g_assert_null (load->update);
  g_assert_error (load->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (coro_job_is_cancelled (job));
  g_assert_cmpint (coro_test_current_time (), ==, 1500);
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos 0-1000",
    "repos/org/repo-1/contributors 1000-1500 cancelled",
    "repos/org/repo-2/contributors 1000-1500 cancelled",
    "repos/org/repo-3/contributors 1000-1500 cancelled",
    NULL,
  });
  load_release (load);
  return NULL;
}

static void
test_concurrent_root_job (TasksFixture   *fixture,
                          gconstpointer  data)
{
  tasks_run_test (concurrent_root_job_body, fixture, TASKS_REAL_BOUND_MS);
}

static gpointer
not_cancellable_body (CoroJob  *scope,
                      gpointer  data,
                      GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();

  if (!run_and_cancel (fixture, CONTRIB_VARIANT_NOT_CANCELLABLE, 1500, recorder, error))
    return NULL;

  /* The load itself stops at once... */
  tasks_recorder_assert (recorder, (const char * const[]) { "1500 cancelled", NULL });
  /* ...but each global coroutine still waits its 3000 ms and sends its
   * request, long after the cancel, and sees it through. */
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

static gpointer
progress_body (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();

  if (!run_and_cancel (fixture, CONTRIB_VARIANT_PROGRESS, 2500, recorder, error))
    return NULL;

  /* The update that came before the cancel stays; no other follows. */
  tasks_recorder_assert (recorder, (const char * const[]) {
    "2000 [user-2 20, user-1 10]",
    "2500 cancelled",
    NULL,
  });
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos 0-1000",
    "repos/org/repo-1/contributors 1000-2000",
    "repos/org/repo-2/contributors 2000-2500 cancelled",
    NULL,
  });
  assert_nothing_started_after (fixture->mock, 2500);
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

  if (!run_and_cancel (fixture, CONTRIB_VARIANT_CHANNELS, 1900, recorder, error))
    return NULL;

  tasks_recorder_assert (recorder, (const char * const[]) {
    "1800 [user-3 60, user-2 50]",
    "1900 cancelled",
    NULL,
  });
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos 0-1000",
    "repos/org/repo-1/contributors 1000-1900 cancelled",
    "repos/org/repo-2/contributors 1000-1900 cancelled",
    "repos/org/repo-3/contributors 1000-1800",
    NULL,
  });
  assert_nothing_started_after (fixture->mock, 1900);
  return NULL;
}

static void
test_channels (TasksFixture   *fixture,
               gconstpointer  data)
{
  tasks_run_test (channels_body, fixture, TASKS_REAL_BOUND_MS);
}

static gpointer
background_body (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  g_autoptr(ContribLoader) loader = NULL;

  /* The blocking requests take no time in the mock: hold the first
   * contributors request on the loader's thread, so that the cancel
   * surely comes in the middle of the load. */
  mock_github_service_set_hold (fixture->mock, TRUE);
  loader = tasks_loader_start (fixture->mock, CONTRIB_VARIANT_BACKGROUND, recorder);
  g_assert_true (mock_github_service_wait_held (fixture->mock, 1, TASKS_REAL_BOUND_MS));
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos",
    "repos/org/repo-1/contributors in flight",
    NULL,
  });

  contrib_loader_cancel (loader);
  if (!tasks_recorder_wait (recorder, error))
    return NULL;

  tasks_recorder_assert (recorder, (const char * const[]) { "0 cancelled", NULL });
  g_assert_true (tasks_recorder_get_thread (recorder, 0) == g_thread_self ());
  /* The thread stopped there: repo-2 and repo-3 were never asked for. */
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos",
    "repos/org/repo-1/contributors cancelled",
    NULL,
  });
  g_assert_false (contrib_loader_is_running (loader));
  return NULL;
}

static void
test_background (TasksFixture   *fixture,
                 gconstpointer  data)
{
  tasks_run_test (background_body, fixture, TASKS_REAL_BOUND_MS);
}

static gpointer
callbacks_body (CoroJob  *scope,
                gpointer  data,
                GError  **error)
{
  TasksFixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  g_autoptr(ContribLoader) loader = NULL;

  mock_github_service_set_hold (fixture->mock, TRUE);
  loader = tasks_loader_start (fixture->mock, CONTRIB_VARIANT_CALLBACKS, recorder);
  /* Lets the repository list come in and the three requests go out. */
  if (!coro_test_run_current (error))
    return NULL;
  g_assert_cmpuint (mock_github_service_get_n_held (fixture->mock), ==, 3);
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos",
    "repos/org/repo-1/contributors in flight",
    "repos/org/repo-2/contributors in flight",
    "repos/org/repo-3/contributors in flight",
    NULL,
  });

  contrib_loader_cancel (loader);
  if (!tasks_recorder_wait (recorder, error))
    return NULL;

  /* One CANCELLED, not a ranking with three failed repositories. */
  tasks_recorder_assert (recorder, (const char * const[]) { "0 cancelled", NULL });
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    "orgs/org/repos",
    "repos/org/repo-1/contributors cancelled",
    "repos/org/repo-2/contributors cancelled",
    "repos/org/repo-3/contributors cancelled",
    NULL,
  });
  g_assert_false (contrib_loader_is_running (loader));
  return NULL;
}

static void
test_callbacks (TasksFixture   *fixture,
                gconstpointer  data)
{
  tasks_run_test (callbacks_body, fixture, TASKS_REAL_BOUND_MS);
}

int
main (int    argc,
      char **argv)
{
  tasks_test_init (&argc, &argv);

  g_test_add ("/tasks/suspend/cancel", TasksFixture, NULL, tasks_fixture_setup, test_suspend, tasks_fixture_teardown);
  g_test_add ("/tasks/concurrent/cancel", TasksFixture, NULL, tasks_fixture_setup, test_concurrent, tasks_fixture_teardown);
  g_test_add ("/tasks/concurrent/cancel-root-job", TasksFixture, NULL, tasks_fixture_setup, test_concurrent_root_job,
              tasks_fixture_teardown);
  g_test_add ("/tasks/not-cancellable/cancel", TasksFixture, NULL, tasks_fixture_setup, test_not_cancellable,
              tasks_fixture_teardown);
  g_test_add ("/tasks/progress/cancel", TasksFixture, NULL, tasks_fixture_setup, test_progress, tasks_fixture_teardown);
  g_test_add ("/tasks/channels/cancel", TasksFixture, NULL, tasks_fixture_setup, test_channels, tasks_fixture_teardown);
  g_test_add ("/tasks/background/cancel", TasksFixture, NULL, tasks_fixture_setup, test_background, tasks_fixture_teardown);
  g_test_add ("/tasks/callbacks/cancel", TasksFixture, NULL, tasks_fixture_setup, test_callbacks, tasks_fixture_teardown);

  return g_test_run ();
}
