/* test-tasks-edge-cases.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What the tutorial does not test, for each of the eight variants, run
 * through a ContribLoader as the app runs them: an organization without
 * repositories, a repository list that cannot be loaded, and one
 * repository out of three that fails while the others load.
 */

#include "config.h"

#include "tasks-test-utils.h"

#define USERS_WITHOUT_REPO_2 "[user-2 70, user-3 60, user-1 10]"

typedef enum
{
  CASE_ZERO_REPOS,
  CASE_REPOS_ERROR,
  CASE_REPO_ERROR,
} Case;

typedef struct
{
  ContribVariant  variant;
  Case            what;
  char           *path;
} TestCase;

typedef struct
{
  MockGithubService *mock;
  const TestCase    *test;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const TestCase *test = data;

  fixture->test = test;
  switch (test->what)
    {
    case CASE_ZERO_REPOS:
      fixture->mock = tasks_mock_new_from_data (tasks_dataset_zero_repos);
      break;

    case CASE_REPOS_ERROR:
      {
        g_autoptr(GError) error = g_error_new_literal (GH_ERROR, GH_ERROR_SERVER_ERROR, "repos are down");

        fixture->mock = mock_github_service_new_for_name ("tutorial");
        mock_github_service_fail_repos (fixture->mock, error);
      }
      break;

    case CASE_REPO_ERROR:
      fixture->mock = tasks_mock_new_from_data (tasks_dataset_faulty_repo);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->mock);
  g_assert_cmpuint (coro_debug_get_n_live (), ==, 0);
}

static gboolean
is_coroutine (ContribVariant variant)
{
  return variant >= CONTRIB_VARIANT_SUSPEND;
}

/* When the repository list is in: the coroutine variants wait for it on
 * the virtual clock, the others get it at once. */
static gint64
repos_time (ContribVariant variant)
{
  return is_coroutine (variant) ? 1000 : 0;
}

static void
assert_repos_call_only (Fixture *fixture)
{
  tasks_assert_calls (fixture->mock, (const char * const[]) {
    is_coroutine (fixture->test->variant) ? "orgs/org/repos 0-1000" : "orgs/org/repos",
    NULL,
  });
}

static void
check_zero_repos (Fixture       *fixture,
                  TasksRecorder *recorder)
{
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT " [] completed",
                                               repos_time (fixture->test->variant));

  /* At once and exactly once, even for PROGRESS and CHANNELS, whose
   * tutorial versions never call updateResults() in this case. */
  tasks_recorder_assert (recorder, (const char * const[]) { expected, NULL });
  assert_repos_call_only (fixture);
}

static void
check_repos_error (Fixture       *fixture,
                   TasksRecorder *recorder)
{
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT " error: repos are down",
                                               repos_time (fixture->test->variant));

  /* An error, not an empty ranking that looks like a successful load. */
  tasks_recorder_assert (recorder, (const char * const[]) { expected, NULL });
  g_assert_error ((GError *) tasks_recorder_get_error (recorder), GH_ERROR, GH_ERROR_SERVER_ERROR);
  assert_repos_call_only (fixture);
}

static void
check_repo_error (Fixture       *fixture,
                  TasksRecorder *recorder)
{
  ContribVariant variant = fixture->test->variant;
  ContribUpdate *last;
  ContribFailure *failure;

  switch (variant)
    {
    case CONTRIB_VARIANT_PROGRESS:
      tasks_recorder_assert (recorder, (const char * const[]) {
        "2000 [user-2 20, user-1 10]",
        "3200 [user-2 20, user-1 10] failed: repo-2",
        "4000 " USERS_WITHOUT_REPO_2 " failed: repo-2 completed",
        NULL,
      });
      break;

    case CONTRIB_VARIANT_CHANNELS:
      tasks_recorder_assert (recorder, (const char * const[]) {
        "1800 [user-3 60, user-2 50]",
        "2000 " USERS_WITHOUT_REPO_2,
        "2200 " USERS_WITHOUT_REPO_2 " failed: repo-2 completed",
        NULL,
      });
      break;

    case CONTRIB_VARIANT_SUSPEND:
      tasks_recorder_assert (recorder, (const char * const[]) {
        "4000 " USERS_WITHOUT_REPO_2 " failed: repo-2 completed",
        NULL,
      });
      break;

    case CONTRIB_VARIANT_CONCURRENT:
      tasks_recorder_assert (recorder, (const char * const[]) {
        "2200 " USERS_WITHOUT_REPO_2 " failed: repo-2 completed",
        NULL,
      });
      break;

    case CONTRIB_VARIANT_NOT_CANCELLABLE:
      tasks_recorder_assert (recorder, (const char * const[]) {
        "5200 " USERS_WITHOUT_REPO_2 " failed: repo-2 completed",
        NULL,
      });
      break;

    case CONTRIB_VARIANT_BLOCKING:
    case CONTRIB_VARIANT_BACKGROUND:
    case CONTRIB_VARIANT_CALLBACKS:
      tasks_recorder_assert (recorder, (const char * const[]) {
        "0 " USERS_WITHOUT_REPO_2 " failed: repo-2 completed",
        NULL,
      });
      break;

    default:
      g_assert_not_reached ();
    }

  last = tasks_recorder_get_update (recorder, tasks_recorder_get_n_results (recorder) - 1);
  g_assert_cmpuint (contrib_update_get_n_failures (last), ==, 1);
  failure = g_ptr_array_index (contrib_update_get_failures (last), 0);
  g_assert_cmpstr (failure->repo, ==, "repo-2");
  g_assert_error (failure->error, GH_ERROR, GH_ERROR_SERVER_ERROR);

  /* Every repository was asked for, and nothing was cancelled. */
  g_assert_cmpuint (mock_github_service_count_calls (fixture->mock, FALSE), ==, 4);
  g_assert_cmpuint (mock_github_service_count_calls (fixture->mock, TRUE), ==, 0);
}

static gpointer
edge_case_body (CoroJob  *scope,
                gpointer  data,
                GError  **error)
{
  Fixture *fixture = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  g_autoptr(ContribLoader) loader = NULL;

  loader = tasks_loader_start (fixture->mock, fixture->test->variant, recorder);
  if (!tasks_recorder_wait (recorder, error))
    return NULL;
  /* Anything still to come would show up in the recorder or the calls. */
  if (!coro_test_advance_until_idle (error))
    return NULL;
  g_assert_false (contrib_loader_is_running (loader));

  switch (fixture->test->what)
    {
    case CASE_ZERO_REPOS:
      check_zero_repos (fixture, recorder);
      break;

    case CASE_REPOS_ERROR:
      check_repos_error (fixture, recorder);
      break;

    case CASE_REPO_ERROR:
      check_repo_error (fixture, recorder);
      break;

    default:
      g_assert_not_reached ();
    }

  return NULL;
}

static void
test_edge_case (Fixture       *fixture,
                gconstpointer  data)
{
  tasks_run_test (edge_case_body, fixture, TASKS_REAL_BOUND_MS);
}

int
main (int    argc,
      char **argv)
{
  static const char * const case_names[] = { "zero-repos", "repos-error", "repo-error" };
  g_autoptr(GPtrArray) tests = g_ptr_array_new ();
  int status;

  tasks_test_init (&argc, &argv);

  for (ContribVariant variant = 0; variant < CONTRIB_N_VARIANTS; variant++)
    {
      g_autofree char *id = g_ascii_strdown (contrib_variant_get_id (variant), -1);

      g_strdelimit (id, "_", '-');
      for (Case what = CASE_ZERO_REPOS; what <= CASE_REPO_ERROR; what++)
        {
          TestCase *test = g_new0 (TestCase, 1);

          test->variant = variant;
          test->what = what;
          test->path = g_strdup_printf ("/tasks/%s/%s", id, case_names[what]);
          g_ptr_array_add (tests, test);
          g_test_add (test->path, Fixture, test, fixture_setup, test_edge_case, fixture_teardown);
        }
    }

  status = g_test_run ();

  for (guint i = 0; i < tests->len; i++)
    {
      TestCase *test = g_ptr_array_index (tests, i);

      g_free (test->path);
      g_free (test);
    }
  return status;
}
