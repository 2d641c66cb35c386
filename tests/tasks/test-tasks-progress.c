/* test-tasks-progress.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * "N of M repositories" as every variant goes, run through a ContribLoader
 * as the app runs them: the progress every update carries, ranking or not,
 * at the tutorial's times; what a cancel kept; and the requests still
 * running after it, which NOT_CANCELLABLE counts down.
 */

#include "config.h"

#include "tasks-test-utils.h"

/* Four repositories, three of which answer at once, in the same run of
 * the dispatcher as the list: the test dispatcher runs what is ready
 * before it fires the next timer, so only that lets completions at the
 * same virtual time pile up before Main looks. */
static const char dataset_burst[] =
  "{\"org\": \"org\", \"org_id\": 1, \"repos_latency_ms\": 1000, \"repos\": ["
  " {\"name\": \"repo-1\", \"latency_ms\": 0, \"contributors\": ["
  "   {\"login\": \"user-1\", \"contributions\": 10}]},"
  " {\"name\": \"repo-2\", \"latency_ms\": 0, \"contributors\": ["
  "   {\"login\": \"user-2\", \"contributions\": 20}]},"
  " {\"name\": \"repo-3\", \"latency_ms\": 0, \"contributors\": ["
  "   {\"login\": \"user-3\", \"contributions\": 30}]},"
  " {\"name\": \"repo-4\", \"latency_ms\": 2000, \"contributors\": ["
  "   {\"login\": \"user-1\", \"contributions\": 40}]}"
  "]}";

static void
assert_progress (ContribUpdate *update,
                 guint          loaded,
                 guint          failed,
                 guint          total)
{
  guint actual_loaded = G_MAXUINT;
  guint actual_failed = G_MAXUINT;
  guint actual_total = G_MAXUINT;

  contrib_update_get_progress (update, &actual_loaded, &actual_failed, &actual_total);
  g_assert_cmpuint (actual_loaded, ==, loaded);
  g_assert_cmpuint (actual_failed, ==, failed);
  g_assert_cmpuint (actual_total, ==, total);
}

static void
assert_loader_progress (ContribLoader *loader,
                        guint          loaded,
                        guint          failed,
                        guint          total)
{
  guint actual_loaded = G_MAXUINT;
  guint actual_failed = G_MAXUINT;
  guint actual_total = G_MAXUINT;

  contrib_loader_get_progress (loader, &actual_loaded, &actual_failed, &actual_total);
  g_assert_cmpuint (actual_loaded, ==, loaded);
  g_assert_cmpuint (actual_failed, ==, failed);
  g_assert_cmpuint (actual_total, ==, total);
}

static char *
path_for (ContribVariant  variant,
          const char     *what)
{
  g_autofree char *id = g_ascii_strdown (contrib_variant_get_id (variant), -1);

  g_strdelimit (id, "_", '-');
  return g_strdup_printf ("/tasks/%s/%s", id, what);
}

static void
test_update_progress_only (void)
{
  g_autoptr(ContribUpdate) update = contrib_update_new_progress (57, 2, 160);

  g_test_summary ("A progress-only update is safe for code that expects a ranking");

  g_assert_false (contrib_update_has_ranking (update));
  g_assert_false (contrib_update_is_completed (update));
  g_assert_nonnull (contrib_update_get_users (update));
  g_assert_cmpuint (contrib_update_get_users (update)->len, ==, 0);
  g_assert_cmpuint (contrib_update_get_n_failures (update), ==, 0);
  assert_progress (update, 57, 2, 160);
  contrib_update_get_progress (update, NULL, NULL, NULL);
}

static void
test_update_ranking (void)
{
  g_autoptr(ContribUpdate) update = contrib_update_new (g_ptr_array_new_with_free_func (g_object_unref),
                                                        NULL, TRUE);

  g_assert_true (contrib_update_has_ranking (update));
  /* Made outside a loader: no one counted */
  assert_progress (update, 0, 0, 0);
}

/* --- A whole load ------------------------------------------------------------ */

typedef struct
{
  ContribVariant      variant;
  const char * const *expected;   /* NULL where real time decides (BACKGROUND) */
} Whole;

/* The coroutine variants at the tutorial's times: the list at 1000, then
 * each repository as its request ends. The rankings of PROGRESS and
 * CHANNELS carry the count, and no progress-only update repeats it; the
 * last count is in the final update. BLOCKING blocks: only its result. */
static const Whole wholes[] = {
  { CONTRIB_VARIANT_BLOCKING, (const char * const[]) { "0 3/3 completed", NULL } },
  { CONTRIB_VARIANT_BACKGROUND, NULL },
  { CONTRIB_VARIANT_CALLBACKS, (const char * const[]) { "0 0/3", "0 3/3", "0 3/3 completed", NULL } },
  { CONTRIB_VARIANT_SUSPEND, (const char * const[]) {
    "1000 0/3", "2000 1/3", "3200 2/3", "4000 3/3 completed", NULL } },
  { CONTRIB_VARIANT_CONCURRENT, (const char * const[]) {
    "1000 0/3", "1800 1/3", "2000 2/3", "2200 3/3 completed", NULL } },
  { CONTRIB_VARIANT_NOT_CANCELLABLE, (const char * const[]) {
    "1000 0/3", "4800 1/3", "5000 2/3", "5200 3/3 completed", NULL } },
  { CONTRIB_VARIANT_PROGRESS, (const char * const[]) {
    "1000 0/3", "2000 1/3 ranking", "3200 2/3 ranking", "4000 3/3 completed", NULL } },
  { CONTRIB_VARIANT_CHANNELS, (const char * const[]) {
    "1000 0/3", "1800 1/3 ranking", "2000 2/3 ranking", "2200 3/3 completed", NULL } },
};

typedef struct
{
  TasksFixture *fixture;
  const Whole  *whole;
} WholeRun;

static gpointer
whole_body (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  WholeRun *run = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  g_autoptr(ContribLoader) loader = NULL;
  ContribUpdate *last;

  loader = tasks_loader_start (run->fixture->mock, run->whole->variant, recorder);
  if (!tasks_recorder_wait (recorder, error) || !coro_test_advance_until_idle (error))
    return NULL;

  if (run->whole->expected != NULL)
    tasks_recorder_assert_progress (recorder, run->whole->expected);

  /* Every variant ends at 3 of 3, in its final update and after it */
  last = tasks_recorder_get_update (recorder, tasks_recorder_get_n_results (recorder) - 1);
  g_assert_true (contrib_update_is_completed (last));
  assert_progress (last, 3, 0, 3);
  assert_loader_progress (loader, 3, 0, 3);
  g_assert_cmpuint (contrib_loader_get_requests_in_flight (loader), ==, 0);
  return NULL;
}

static void
test_whole (TasksFixture  *fixture,
            gconstpointer  data)
{
  WholeRun run = { fixture, data };

  tasks_run_test (whole_body, &run, TASKS_REAL_BOUND_MS);
}

static gpointer
burst_body (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  MockGithubService *mock = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  g_autoptr(ContribLoader) loader = NULL;

  loader = tasks_loader_start (mock, CONTRIB_VARIANT_CONCURRENT, recorder);
  if (!tasks_recorder_wait (recorder, error))
    return NULL;

  /* The list and three requests at 1000: one update says so, not four. */
  tasks_recorder_assert_progress (recorder, (const char * const[]) {
    "1000 3/4",
    "3000 4/4 completed",
    NULL,
  });
  return NULL;
}

static void
test_concurrent_burst (void)
{
  MockGithubService *mock = tasks_mock_new_from_data (dataset_burst);

  g_test_summary ("Requests that end together make one progress update");

  tasks_run_test (burst_body, mock, TASKS_REAL_BOUND_MS);
  g_assert_finalize_object (mock);
}

static gpointer
failed_body (CoroJob  *scope,
             gpointer  data,
             GError  **error)
{
  MockGithubService *mock = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  g_autoptr(ContribLoader) loader = NULL;

  loader = tasks_loader_start (mock, CONTRIB_VARIANT_SUSPEND, recorder);
  if (!tasks_recorder_wait (recorder, error))
    return NULL;

  /* repo-2 fails at 3200: done, but not loaded */
  tasks_recorder_assert_progress (recorder, (const char * const[]) {
    "1000 0/3",
    "2000 1/3",
    "3200 1/3 failed 1",
    "4000 2/3 failed 1 completed",
    NULL,
  });
  assert_loader_progress (loader, 2, 1, 3);
  return NULL;
}

static void
test_suspend_failed (void)
{
  MockGithubService *mock = tasks_mock_new_from_data (tasks_dataset_faulty_repo);

  tasks_run_test (failed_body, mock, TASKS_REAL_BOUND_MS);
  g_assert_finalize_object (mock);
}

/* --- Cancel ------------------------------------------------------------------ */

/* Starts @variant, cancels it at @cancel_ms and returns once the cancel
 * has been reported and everything due then has run. */
static ContribLoader *
start_and_cancel (MockGithubService  *mock,
                  ContribVariant      variant,
                  gint64              cancel_ms,
                  TasksRecorder      *recorder,
                  GCallback           on_in_flight,
                  gpointer            user_data,
                  GError            **error)
{
  g_autoptr(ContribLoader) loader = tasks_loader_start (mock, variant, recorder);

  if (on_in_flight != NULL)
    g_signal_connect (loader, "notify::requests-in-flight", on_in_flight, user_data);
  if (!coro_test_advance_time_by (cancel_ms, error))
    return NULL;
  contrib_loader_cancel (loader);
  if (!tasks_recorder_wait (recorder, error) || !coro_test_run_current (error))
    return NULL;

  g_assert_cmpint (coro_test_current_time (), ==, cancel_ms);
  g_assert_error ((GError *) tasks_recorder_get_error (recorder), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  return g_steal_pointer (&loader);
}

typedef struct
{
  ContribVariant      variant;
  gint64              cancel_ms;
  const char * const *expected;
  guint               loaded;   /* what the cancel kept */
} Cancel;

/* Each cancelled after its first repository where it has one by 1500 ms
 * or soon after; NOT_CANCELLABLE at 1500, with all three still to come. */
static const Cancel cancels[] = {
  { CONTRIB_VARIANT_SUSPEND, 2500, (const char * const[]) { "1000 0/3", "2000 1/3", NULL }, 1 },
  { CONTRIB_VARIANT_CONCURRENT, 1900, (const char * const[]) { "1000 0/3", "1800 1/3", NULL }, 1 },
  { CONTRIB_VARIANT_NOT_CANCELLABLE, 1500, (const char * const[]) { "1000 0/3", NULL }, 0 },
  { CONTRIB_VARIANT_PROGRESS, 2500, (const char * const[]) { "1000 0/3", "2000 1/3 ranking", NULL }, 1 },
  { CONTRIB_VARIANT_CHANNELS, 1900, (const char * const[]) { "1000 0/3", "1800 1/3 ranking", NULL }, 1 },
};

typedef struct
{
  TasksFixture *fixture;
  const Cancel *cancel;
} CancelRun;

static gpointer
cancel_body (CoroJob  *scope,
             gpointer  data,
             GError  **error)
{
  CancelRun *run = data;
  const Cancel *cancel = run->cancel;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  g_autoptr(ContribLoader) loader = NULL;
  guint live_loaded;

  loader = start_and_cancel (run->fixture->mock, cancel->variant, cancel->cancel_ms, recorder,
                             NULL, NULL, error);
  if (loader == NULL)
    return NULL;

  tasks_recorder_assert_progress (recorder, cancel->expected);
  assert_loader_progress (loader, cancel->loaded, 0, 3);

  /* Everything else runs out; what the cancel kept stays what it was,
   * though NOT_CANCELLABLE's requests load all three meanwhile. */
  if (!coro_test_advance_until_idle (error))
    return NULL;
  assert_loader_progress (loader, cancel->loaded, 0, 3);
  contrib_counting_service_get_progress (contrib_loader_get_counting_service (loader), &live_loaded, NULL, NULL);
  g_assert_cmpuint (live_loaded, ==, cancel->variant == CONTRIB_VARIANT_NOT_CANCELLABLE ? 3 : cancel->loaded);
  return NULL;
}

static void
test_cancel (TasksFixture  *fixture,
             gconstpointer  data)
{
  CancelRun run = { fixture, data };

  tasks_run_test (cancel_body, &run, TASKS_REAL_BOUND_MS);
}

/* --- Requests in flight ------------------------------------------------------ */

typedef struct
{
  ContribVariant      variant;
  const char * const *expected;   /* "TIME VALUE" for every notification */
} InFlight;

static const InFlight in_flights[] = {
  /* Down to 0 with the cancel at 1500 */
  { CONTRIB_VARIANT_SUSPEND, (const char * const[]) { "0 1", "1500 0", NULL } },
  { CONTRIB_VARIANT_CONCURRENT, (const char * const[]) { "0 1", "1000 3", "1500 0", NULL } },
  /* Three still running after the cancel, through their 3 s wait, then
   * one fewer as each request ends */
  { CONTRIB_VARIANT_NOT_CANCELLABLE, (const char * const[]) {
    "0 1", "1000 3", "4800 2", "5000 1", "5200 0", NULL } },
};

typedef struct
{
  TasksFixture   *fixture;
  const InFlight *in_flight;
  GPtrArray      *notified;
} InFlightRun;

static void
on_requests_in_flight (GObject    *object,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  InFlightRun *run = user_data;
  guint value;

  g_object_get (object, "requests-in-flight", &value, NULL);
  g_assert_cmpuint (value, ==, contrib_loader_get_requests_in_flight (CONTRIB_LOADER (object)));
  g_ptr_array_add (run->notified, g_strdup_printf ("%" G_GINT64_FORMAT " %u", coro_test_current_time (), value));
}

static gpointer
in_flight_body (CoroJob  *scope,
                gpointer  data,
                GError  **error)
{
  InFlightRun *run = data;
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  g_autoptr(ContribLoader) loader = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *expected = NULL;

  loader = start_and_cancel (run->fixture->mock, run->in_flight->variant, 1500, recorder,
                             G_CALLBACK (on_requests_in_flight), run, error);
  if (loader == NULL)
    return NULL;

  if (run->in_flight->variant == CONTRIB_VARIANT_NOT_CANCELLABLE)
    g_assert_cmpuint (contrib_loader_get_requests_in_flight (loader), ==, 3);
  else
    g_assert_cmpuint (contrib_loader_get_requests_in_flight (loader), ==, 0);

  if (!coro_test_advance_until_idle (error))
    return NULL;
  g_assert_cmpuint (contrib_loader_get_requests_in_flight (loader), ==, 0);

  g_ptr_array_add (run->notified, NULL);
  actual = g_strjoinv ("\n", (char **) run->notified->pdata);
  expected = g_strjoinv ("\n", (char **) run->in_flight->expected);
  g_assert_cmpstr (actual, ==, expected);
  return NULL;
}

static void
test_in_flight (TasksFixture  *fixture,
                gconstpointer  data)
{
  InFlightRun run = { fixture, data, g_ptr_array_new_with_free_func (g_free) };

  tasks_run_test (in_flight_body, &run, TASKS_REAL_BOUND_MS);
  g_ptr_array_unref (run.notified);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  tasks_test_init (&argc, &argv);

  g_test_add_func ("/tasks/update/progress-only", test_update_progress_only);
  g_test_add_func ("/tasks/update/ranking", test_update_ranking);
  g_test_add_func ("/tasks/concurrent/progress-burst", test_concurrent_burst);
  g_test_add_func ("/tasks/suspend/progress-failed", test_suspend_failed);

  for (guint i = 0; i < G_N_ELEMENTS (wholes); i++)
    {
      char *path = path_for (wholes[i].variant, "progress");

      g_ptr_array_add (paths, path);
      g_test_add (path, TasksFixture, &wholes[i], tasks_fixture_setup, test_whole, tasks_fixture_teardown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cancels); i++)
    {
      char *path = path_for (cancels[i].variant, "cancel-progress");

      g_ptr_array_add (paths, path);
      g_test_add (path, TasksFixture, &cancels[i], tasks_fixture_setup, test_cancel, tasks_fixture_teardown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (in_flights); i++)
    {
      char *path = path_for (in_flights[i].variant, "requests-in-flight");

      g_ptr_array_add (paths, path);
      g_test_add (path, TasksFixture, &in_flights[i], tasks_fixture_setup, test_in_flight, tasks_fixture_teardown);
    }

  return g_test_run ();
}
