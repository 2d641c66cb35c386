/* tasks-test-utils.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What the loader tests share: the datasets they build, a recorder for
 * what a loader reports (when, on which thread, in what order), and a way
 * to write down the mock's requests so that a test can compare them with
 * one list of strings.
 */

#include "config.h"

#include "tasks-test-utils.h"

const char tasks_dataset_faulty_repo[] =
  "{\"org\": \"org\", \"org_id\": 1, \"repos_latency_ms\": 1000, \"repos\": ["
  " {\"name\": \"repo-1\", \"latency_ms\": 1000, \"contributors\": ["
  "   {\"login\": \"user-1\", \"contributions\": 10},"
  "   {\"login\": \"user-2\", \"contributions\": 20}]},"
  " {\"name\": \"repo-2\", \"latency_ms\": 1200, \"contributors\": ["
  "   {\"login\": \"user-2\", \"contributions\": 30},"
  "   {\"login\": \"user-1\", \"contributions\": 40}],"
  "  \"fault\": {\"kind\": \"status\", \"status\": 500}},"
  " {\"name\": \"repo-3\", \"latency_ms\": 800, \"contributors\": ["
  "   {\"login\": \"user-2\", \"contributions\": 50},"
  "   {\"login\": \"user-3\", \"contributions\": 60}]}"
  "]}";

const char tasks_dataset_zero_repos[] =
  "{\"org\": \"org\", \"org_id\": 1, \"repos_latency_ms\": 1000, \"repos\": []}";

typedef struct
{
  gint64         time_ms;
  GThread       *thread;
  ContribUpdate *update;
  GError        *error;
} Result;

struct _TasksRecorder
{
  GPtrArray *results;   /* Result, in arrival order, progress-only updates left out */
  GPtrArray *progress;  /* what every update said of it, as text */
  GThread   *main;      /* where the test runs, Main for the loader */
  CoroJob   *done;      /* completed by the final result */
  gboolean   finished;
};

static void
result_free (gpointer data)
{
  Result *result = data;

  g_thread_unref (result->thread);
  g_clear_pointer (&result->update, contrib_update_unref);
  g_clear_error (&result->error);
  g_free (result);
}

static void
write_log (const char *line,
           gpointer    user_data)
{
  /* The tutorial-style log is for people; keep the TAP output clean. */
  if (g_test_verbose ())
    g_test_message ("%s", line);
}

/**
 * tasks_test_init:
 *
 * g_test_init() plus a quiet log.
 */
void
tasks_test_init (int    *argc,
                 char ***argv)
{
  g_test_init (argc, argv, NULL);
  gh_log_set_writer (write_log, NULL, NULL);
}

MockGithubService *
tasks_mock_new_from_data (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  return mock_github_service_new (dataset);
}

/**
 * tasks_run_test:
 * @body: the test, as a coroutine under virtual time
 * @data: data for @body
 * @real_bound_ms: how long it may take in real time
 *
 * Runs @body with coro_run_test_full(), which fails when the bound runs out
 * or when a coroutine is left behind, and checks that none is live
 * anywhere afterwards.
 */
void
tasks_run_test (CoroFunc  body,
                gpointer  data,
                gint64    real_bound_ms)
{
  g_autoptr(GError) error = NULL;

  coro_run_test_full (body, data, real_bound_ms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coro_debug_get_n_live (), ==, 0);
}

static char *
describe_call (MockCall *call)
{
  GString *out = g_string_new (call->path);

  /* Only suspend-style requests run on the virtual clock. */
  if (call->style == MOCK_CALL_SUSPEND)
    {
      g_string_append_printf (out, " %" G_GINT64_FORMAT "-", call->started_ms);
      if (call->ended)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, call->ended_ms);
    }
  if (!call->ended)
    g_string_append (out, " in flight");
  else if (call->cancelled)
    g_string_append (out, " cancelled");

  return g_string_free (out, FALSE);
}

/**
 * tasks_assert_calls:
 * @mock: a mock
 * @expected: the requests it saw, in order, as "PATH [START-[END]] [in
 *   flight|cancelled]" (times for suspend-style requests only)
 */
void
tasks_assert_calls (MockGithubService  *mock,
                    const char * const *expected)
{
  g_autoptr(GPtrArray) calls = mock_github_service_get_calls (mock);
  g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *actual_text = NULL;
  g_autofree char *expected_text = NULL;

  for (guint i = 0; i < calls->len; i++)
    g_ptr_array_add (actual, describe_call (g_ptr_array_index (calls, i)));
  g_ptr_array_add (actual, NULL);

  /* One comparison of the whole list shows every difference at once. */
  actual_text = g_strjoinv ("\n", (char **) actual->pdata);
  expected_text = g_strjoinv ("\n", (char **) expected);
  g_assert_cmpstr (actual_text, ==, expected_text);
}

/**
 * tasks_loader_start:
 * @mock: the service
 * @variant: what to run
 * @recorder: receives the results
 *
 * Starts a #ContribLoader for "org" as the app does, on the test
 * dispatcher for both Main and Default.
 *
 * Returns: (transfer full): the loader
 */
ContribLoader *
tasks_loader_start (MockGithubService *mock,
                    ContribVariant     variant,
                    TasksRecorder     *recorder)
{
  ContribLoader *loader = contrib_loader_new (GH_SERVICE (mock), variant, "org");

  contrib_loader_set_dispatchers (loader, coro_test_dispatcher (), coro_test_dispatcher ());
  contrib_loader_start (loader, tasks_recorder_func, recorder, NULL);
  return loader;
}

/**
 * tasks_recorder_new:
 *
 * Must be called from a coro_run_test() coroutine.
 *
 * Returns: (transfer full): an empty recorder
 */
TasksRecorder *
tasks_recorder_new (void)
{
  TasksRecorder *self = g_new0 (TasksRecorder, 1);

  g_assert_nonnull (coro_test_dispatcher ());

  self->results = g_ptr_array_new_with_free_func (result_free);
  self->progress = g_ptr_array_new_with_free_func (g_free);
  self->main = g_thread_self ();
  self->done = coro_job_new (CORO_GLOBAL_SCOPE, coro_test_dispatcher (), FALSE);
  return self;
}

void
tasks_recorder_free (TasksRecorder *self)
{
  /* A result that never came leaves the job open: nobody waits on it now. */
  if (!self->finished)
    coro_job_cancel (self->done);
  coro_job_unref (self->done);
  g_ptr_array_unref (self->results);
  g_ptr_array_unref (self->progress);
  g_free (self);
}

/* "2000 1/3", "3200 1/3 failed 1 ranking", "4000 3/3 completed" */
static char *
describe_progress (ContribUpdate *update)
{
  GString *out = g_string_new (NULL);
  guint loaded;
  guint failed;
  guint total;

  contrib_update_get_progress (update, &loaded, &failed, &total);
  g_string_append_printf (out, "%" G_GINT64_FORMAT " %u/%u", coro_test_current_time (), loaded, total);
  if (failed > 0)
    g_string_append_printf (out, " failed %u", failed);
  if (contrib_update_is_completed (update))
    g_string_append (out, " completed");
  else if (contrib_update_has_ranking (update))
    g_string_append (out, " ranking");
  return g_string_free (out, FALSE);
}

/**
 * tasks_recorder_func:
 *
 * A #ContribUpdateFunc for a #TasksRecorder. It fails the test if a
 * loader reports both or neither of an update and an error, or anything
 * after its final result, or a progress-only update off Main. Those go to
 * the progress record only, so that the results read as the tutorial's.
 */
void
tasks_recorder_func (ContribUpdate *update,
                     const GError  *error,
                     gpointer       user_data)
{
  TasksRecorder *self = user_data;
  Result *result;

  g_assert_true ((update == NULL) != (error == NULL));
  g_assert_false (self->finished);

  if (update != NULL)
    g_ptr_array_add (self->progress, describe_progress (update));
  if (update != NULL && !contrib_update_has_ranking (update))
    {
      g_assert_true (g_thread_self () == self->main);
      return;
    }

  result = g_new0 (Result, 1);
  result->time_ms = coro_test_current_time ();
  result->thread = g_thread_ref (g_thread_self ());
  result->update = update != NULL ? contrib_update_ref (update) : NULL;
  result->error = error != NULL ? g_error_copy (error) : NULL;
  g_ptr_array_add (self->results, result);

  if (error != NULL || contrib_update_is_completed (update))
    {
      self->finished = TRUE;
      coro_job_complete (self->done);
    }
}

/**
 * tasks_recorder_wait:
 * @self: a recorder
 * @error: return location for a #GError
 *
 * Suspends the calling test coroutine until the final result arrives:
 * virtual time moves on meanwhile, and work from other threads is waited
 * for in real time, up to the test's bound.
 *
 * Returns: %FALSE if the test was cancelled first (its bound ran out)
 */
gboolean
tasks_recorder_wait (TasksRecorder  *self,
                     GError        **error)
{
  return coro_job_join (self->done, error);
}

guint
tasks_recorder_get_n_results (TasksRecorder *self)
{
  return self->results->len;
}

/**
 * tasks_recorder_get_update:
 *
 * Returns: (transfer none) (nullable): the @index-th result's update
 */
ContribUpdate *
tasks_recorder_get_update (TasksRecorder *self,
                           guint          index)
{
  g_assert_cmpuint (index, <, self->results->len);
  return ((Result *) g_ptr_array_index (self->results, index))->update;
}

/**
 * tasks_recorder_get_error:
 *
 * Returns: (transfer none) (nullable): the final error, if the load failed
 */
const GError *
tasks_recorder_get_error (TasksRecorder *self)
{
  if (self->results->len == 0)
    return NULL;
  return ((Result *) g_ptr_array_index (self->results, self->results->len - 1))->error;
}

GThread *
tasks_recorder_get_thread (TasksRecorder *self,
                           guint          index)
{
  g_assert_cmpuint (index, <, self->results->len);
  return ((Result *) g_ptr_array_index (self->results, index))->thread;
}

static char *
describe_result (Result *result)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%" G_GINT64_FORMAT " ", result->time_ms);
  if (g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_string_append (out, "cancelled");
    }
  else if (result->error != NULL)
    {
      g_string_append_printf (out, "error: %s", result->error->message);
    }
  else
    {
      g_autofree char *users = contrib_update_to_string (result->update);
      GPtrArray *failures = contrib_update_get_failures (result->update);

      g_string_append (out, users);
      for (guint i = 0; i < failures->len; i++)
        {
          ContribFailure *failure = g_ptr_array_index (failures, i);

          g_string_append_printf (out, "%s%s", i == 0 ? " failed: " : ", ", failure->repo);
        }
      if (contrib_update_is_completed (result->update))
        g_string_append (out, " completed");
    }

  return g_string_free (out, FALSE);
}

/**
 * tasks_recorder_assert:
 * @self: a recorder
 * @expected: every result in order, as "TIME [users] [failed: REPO, ...]
 *   [completed]", "TIME cancelled" or "TIME error: MESSAGE"; TIME is
 *   virtual
 */
void
tasks_recorder_assert (TasksRecorder      *self,
                       const char * const *expected)
{
  g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *actual_text = NULL;
  g_autofree char *expected_text = NULL;

  for (guint i = 0; i < self->results->len; i++)
    g_ptr_array_add (actual, describe_result (g_ptr_array_index (self->results, i)));
  g_ptr_array_add (actual, NULL);

  actual_text = g_strjoinv ("\n", (char **) actual->pdata);
  expected_text = g_strjoinv ("\n", (char **) expected);
  g_assert_cmpstr (actual_text, ==, expected_text);
}

/**
 * tasks_recorder_assert_progress:
 * @self: a recorder
 * @expected: the progress of every update in order, progress-only or not,
 *   as "TIME LOADED/TOTAL [failed FAILED] [ranking|completed]"; TIME is
 *   virtual
 */
void
tasks_recorder_assert_progress (TasksRecorder      *self,
                                const char * const *expected)
{
  g_autoptr(GString) actual = g_string_new (NULL);
  g_autofree char *expected_text = g_strjoinv ("\n", (char **) expected);

  for (guint i = 0; i < self->progress->len; i++)
    g_string_append_printf (actual, "%s%s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (self->progress, i));
  g_assert_cmpstr (actual->str, ==, expected_text);
}

void
tasks_fixture_setup (TasksFixture  *fixture,
                     gconstpointer  data)
{
  fixture->mock = mock_github_service_new_for_name ("tutorial");
}

void
tasks_fixture_teardown (TasksFixture  *fixture,
                        gconstpointer  data)
{
  g_assert_finalize_object (fixture->mock);
  g_assert_cmpuint (coro_debug_get_n_live (), ==, 0);
}
