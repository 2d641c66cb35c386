/* test-tasks-events.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The request events of each variant, through a loader's log as the window
 * and the headless runner read it, under virtual time: the tutorial's
 * timeline pictures, exactly.
 */

#include "config.h"

#include "tasks-test-utils.h"

static gint64
virtual_clock_us (void)
{
  return coro_test_current_time () * 1000;
}

/* "repos org 0-1000 ok", "contributors repo-1 4000-5000 ok after-cancel" */
static char *
describe_event (const GhRequestEvent *event)
{
  return g_strdup_printf ("%s %s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s%s",
                          gh_request_kind_to_string (event->kind), event->subject,
                          event->start_us / 1000, event->end_us / 1000,
                          gh_request_outcome_to_string (event->outcome),
                          event->after_cancel ? " after-cancel" : "");
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const GhRequestEvent *x = *(const GhRequestEvent **) a;
  const GhRequestEvent *y = *(const GhRequestEvent **) b;

  if (x->start_us != y->start_us)
    return x->start_us < y->start_us ? -1 : 1;
  return g_strcmp0 (x->subject, y->subject);
}

/* The log's events, by start and then by repository */
static GPtrArray *
sorted_events (GhRequestLog *log)
{
  GPtrArray *events = g_ptr_array_new ();

  gh_request_log_flush (log);
  for (guint i = 0; i < gh_request_log_get_n_events (log); i++)
    g_ptr_array_add (events, (gpointer) gh_request_log_get_event (log, i));
  g_ptr_array_sort (events, compare_events);
  return events;
}

static void
assert_events (GhRequestLog       *log,
               const char * const *expected)
{
  g_autoptr(GPtrArray) events = sorted_events (log);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) actual = NULL;
  g_autofree char *actual_text = NULL;
  g_autofree char *expected_text = NULL;

  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *line = describe_event (g_ptr_array_index (events, i));

      g_strv_builder_add (builder, line);
    }
  actual = g_strv_builder_end (builder);
  actual_text = g_strjoinv ("\n", actual);
  expected_text = g_strjoinv ("\n", (GStrv) expected);
  g_assert_cmpstr (actual_text, ==, expected_text);
}

typedef struct
{
  TasksFixture   *fixture;
  ContribVariant  variant;
  gint64          cancel_ms;   /* or -1 */
  GhRequestLog   *log;         /* out */
} Run;

/* Runs a variant through a loader whose log reads virtual time, to its
 * end and beyond: until nothing runs any more */
static gboolean
run_variant (Run     *run,
             GError **error)
{
  g_autoptr(TasksRecorder) recorder = tasks_recorder_new ();
  g_autoptr(ContribLoader) loader = contrib_loader_new (GH_SERVICE (run->fixture->mock), run->variant, "org");

  gh_request_log_set_clock (contrib_loader_get_request_log (loader), virtual_clock_us);
  contrib_loader_set_dispatchers (loader, coro_test_dispatcher (), coro_test_dispatcher ());
  contrib_loader_start (loader, tasks_recorder_func, recorder, NULL);

  if (run->cancel_ms >= 0)
    {
      if (!coro_test_advance_time_by (run->cancel_ms, error))
        return FALSE;
      contrib_loader_cancel (loader);
    }
  if (!tasks_recorder_wait (recorder, error) || !coro_test_advance_until_idle (error))
    return FALSE;

  run->log = g_object_ref (contrib_loader_get_request_log (loader));
  gh_request_log_flush (run->log);
  return TRUE;
}

static gpointer
run_body (CoroJob  *scope,
          gpointer  data,
          GError  **error)
{
  return run_variant (data, error) ? data : NULL;
}

static GhRequestLog *
run_in_test (TasksFixture   *fixture,
             ContribVariant  variant,
             gint64          cancel_ms)
{
  Run run = { fixture, variant, cancel_ms, NULL };

  tasks_run_test (run_body, &run, TASKS_REAL_BOUND_MS);
  g_assert_nonnull (run.log);
  return run.log;
}

static const char * const all_at_once[] = {
  "repos org 0-1000 ok",
  "contributors repo-1 1000-2000 ok",
  "contributors repo-2 1000-2200 ok",
  "contributors repo-3 1000-1800 ok",
  NULL,
};

static void
test_concurrent (TasksFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GhRequestLog) log = run_in_test (fixture, CONTRIB_VARIANT_CONCURRENT, -1);

  assert_events (log, all_at_once);
  g_assert_cmpuint (gh_request_log_get_peak (log), ==, 3);
  g_assert_cmpint (gh_request_log_get_end_us (log) - gh_request_log_get_origin_us (log), ==, 2200 * 1000);
}

static void
test_channels (TasksFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GhRequestLog) log = run_in_test (fixture, CONTRIB_VARIANT_CHANNELS, -1);

  assert_events (log, all_at_once);
  g_assert_cmpuint (gh_request_log_get_peak (log), ==, 3);
}

static const char * const one_after_another[] = {
  "repos org 0-1000 ok",
  "contributors repo-1 1000-2000 ok",
  "contributors repo-2 2000-3200 ok",
  "contributors repo-3 3200-4000 ok",
  NULL,
};

static void
test_suspend (TasksFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GhRequestLog) log = run_in_test (fixture, CONTRIB_VARIANT_SUSPEND, -1);

  assert_events (log, one_after_another);
  g_assert_cmpuint (gh_request_log_get_peak (log), ==, 1);
}

static void
test_progress (TasksFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GhRequestLog) log = run_in_test (fixture, CONTRIB_VARIANT_PROGRESS, -1);

  assert_events (log, one_after_another);
  g_assert_cmpuint (gh_request_log_get_peak (log), ==, 1);
}

static void
test_not_cancellable (TasksFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GhRequestLog) log = run_in_test (fixture, CONTRIB_VARIANT_NOT_CANCELLABLE, 1500);

  g_assert_cmpint (gh_request_log_get_cancelled_us (log), ==, 1500 * 1000);
  assert_events (log, (const char * const[]) {
    "repos org 0-1000 ok",
    "contributors repo-1 4000-5000 ok after-cancel",
    "contributors repo-2 4000-5200 ok after-cancel",
    "contributors repo-3 4000-4800 ok after-cancel",
    NULL,
  });
}

/* Cancelled requests end at the cancel, as cancelled, and are not marked
 * as running after it */
static void
test_concurrent_cancelled (TasksFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GhRequestLog) log = run_in_test (fixture, CONTRIB_VARIANT_CONCURRENT, 1500);

  assert_events (log, (const char * const[]) {
    "repos org 0-1000 ok",
    "contributors repo-1 1000-1500 cancelled",
    "contributors repo-2 1000-1500 cancelled",
    "contributors repo-3 1000-1500 cancelled",
    NULL,
  });
}

/* Who asked: each CONCURRENT request in a coroutine of its own, SUSPEND's
 * in one, CALLBACKS and BLOCKING from the thread that started them, and
 * BACKGROUND from its worker */
static void
test_callers (TasksFixture  *fixture,
              gconstpointer  data)
{
  ContribVariant variant = GPOINTER_TO_UINT (data);
  g_autoptr(GhRequestLog) log = run_in_test (fixture, variant, -1);
  g_autoptr(GHashTable) coroutines = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) threads = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) events = sorted_events (log);

  g_assert_cmpuint (events->len, ==, 4);
  for (guint i = 0; i < events->len; i++)
    {
      GhRequestEvent *event = g_ptr_array_index (events, i);

      g_assert_cmpint (event->kind, ==, i == 0 ? GH_REQUEST_REPOS : GH_REQUEST_CONTRIBUTORS);
      g_assert_cmpuint (event->page, ==, 1);
      g_assert_cmpuint (event->status, ==, 200);
      g_assert_cmpuint (event->n_items, ==, i == 0 ? 3 : 2);
      g_assert_nonnull (event->thread);
      g_assert_true ((event->coroutine == NULL) == (event->coroutine_id == 0));
      if (event->coroutine_id != 0)
        g_hash_table_add (coroutines, &event->coroutine_id);
      g_hash_table_add (threads, (gpointer) event->thread);
    }

  switch (variant)
    {
    case CONTRIB_VARIANT_BLOCKING:
    case CONTRIB_VARIANT_CALLBACKS:
      /* at most the test's own coroutine, which starts the loader */
      g_assert_cmpuint (g_hash_table_size (coroutines), <=, 1);
      g_assert_cmpuint (g_hash_table_size (threads), ==, 1);
      break;
    case CONTRIB_VARIANT_BACKGROUND:
      g_assert_cmpuint (g_hash_table_size (coroutines), ==, 0);
      g_assert_false (g_hash_table_contains (threads, "main"));
      break;
    case CONTRIB_VARIANT_SUSPEND:
    case CONTRIB_VARIANT_PROGRESS:
      g_assert_cmpuint (g_hash_table_size (coroutines), ==, 1);
      break;
    case CONTRIB_VARIANT_CONCURRENT:
    case CONTRIB_VARIANT_CHANNELS:
      /* the list in the load's coroutine, each repository in its own */
      g_assert_cmpuint (g_hash_table_size (coroutines), ==, 4);
      break;
    case CONTRIB_VARIANT_NOT_CANCELLABLE:
    default:
      g_assert_cmpuint (g_hash_table_size (coroutines), ==, 4);
      break;
    }
}

int
main (int    argc,
      char **argv)
{
  tasks_test_init (&argc, &argv);

  g_test_add ("/tasks/events/concurrent", TasksFixture, NULL, tasks_fixture_setup, test_concurrent,
              tasks_fixture_teardown);
  g_test_add ("/tasks/events/channels", TasksFixture, NULL, tasks_fixture_setup, test_channels,
              tasks_fixture_teardown);
  g_test_add ("/tasks/events/suspend", TasksFixture, NULL, tasks_fixture_setup, test_suspend,
              tasks_fixture_teardown);
  g_test_add ("/tasks/events/progress", TasksFixture, NULL, tasks_fixture_setup, test_progress,
              tasks_fixture_teardown);
  g_test_add ("/tasks/events/not-cancellable-cancel", TasksFixture, NULL, tasks_fixture_setup,
              test_not_cancellable, tasks_fixture_teardown);
  g_test_add ("/tasks/events/concurrent-cancel", TasksFixture, NULL, tasks_fixture_setup,
              test_concurrent_cancelled, tasks_fixture_teardown);
  for (guint i = 0; i < CONTRIB_N_VARIANTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/tasks/events/callers/%s", contrib_variant_get_id (i));

      g_test_add (path, TasksFixture, GUINT_TO_POINTER (i), tasks_fixture_setup, test_callers,
                  tasks_fixture_teardown);
    }

  return g_test_run ();
}
