/* test-coro-element.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Context elements (coro_element_new(), coro_thread_local_element_new()):
 * inherited by children unless a child brings its own, installed on the
 * thread whenever their coroutine runs and taken off whenever it suspends
 * or finishes, for fibers and stackless bodies, on the test dispatcher,
 * Unconfined and Default's worker threads.
 */

#include "config.h"

#include <coro.h>

#include "coro-test-utils.h"

/* The thread-local variable of the tests: a string per thread. */
static GPrivate value_key = G_PRIVATE_INIT (NULL);

/* A second one, to show that elements of different keys add up. */
static GPrivate other_key = G_PRIVATE_INIT (NULL);

static const char *
current_value (void)
{
  return g_private_get (&value_key);
}

#define assert_value(expected) g_assert_cmpstr (current_value (), ==, (expected))

/* A thread-local element whose value is a static string. */
static CoroElement *
value_element (const char *value)
{
  return coro_thread_local_element_new (&value_key, (gpointer) value, NULL);
}

/* Runs @func under virtual time with "main" as the test thread's value,
 * and checks that the value is back once it is over. */
static void
run_on_main (CoroFunc func,
             gpointer data)
{
  g_private_set (&value_key, (gpointer) "main");
  run_test_or_fail (func, data);
  assert_value ("main");
  g_private_set (&value_key, NULL);
}

/* --- a general element that checks its own pairing ---------------------- */

/* An element that proves each restore runs on the thread of its update,
 * with nothing installed over it meanwhile: the thread's marker is the
 * tracker while it is installed. */
typedef struct
{
  gint n_updates;
  gint n_restores;
} Tracker;

static GPrivate tracker_marker = G_PRIVATE_INIT (NULL);

static gpointer
tracker_update (gpointer data)
{
  Tracker *tracker = data;
  gpointer old_state = g_private_get (&tracker_marker);

  g_private_set (&tracker_marker, tracker);
  g_atomic_int_inc (&tracker->n_updates);
  return old_state;
}

static void
tracker_restore (gpointer data,
                 gpointer old_state)
{
  Tracker *tracker = data;

  g_assert_true (g_private_get (&tracker_marker) == tracker);
  g_private_set (&tracker_marker, old_state);
  g_atomic_int_inc (&tracker->n_restores);
}

static CoroElement *
tracker_element (Tracker *tracker)
{
  return coro_element_new (&tracker_marker, tracker_update, tracker_restore, tracker, NULL);
}

/* --- inheritance --------------------------------------------------------- */

/* Checks the value, also with coro_current_element(), and logs it. */
static gpointer
report_value (CoroJob   *scope,
              gpointer   user_data,
              GError   **error)
{
  const char *who = user_data;
  CoroElement *element = coro_current_element (&value_key);

  g_assert_nonnull (element);
  g_assert_true (coro_element_get_key (element) == &value_key);
  g_assert_cmpstr (coro_element_get_data (element), ==, current_value ());
  test_println ("%s: %s", who, current_value ());
  return NULL;
}

static gpointer
launch_in_scope (CoroJob   *scope,
                 gpointer   user_data,
                 GError   **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, report_value, (gpointer) "launched in a scope", NULL);

  report_value (scope, (gpointer) "scope", error);
  return NULL;
}

static gpointer
non_cancellable_block (CoroJob   *scope,
                       gpointer   user_data,
                       GError   **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, report_value,
                                        (gpointer) "launched in a non-cancellable block", NULL);

  report_value (scope, (gpointer) "non-cancellable block", error);
  return NULL;
}

static gpointer
inheriting_parent (CoroJob   *scope,
                   gpointer   user_data,
                   GError   **error)
{
  g_autoptr(CoroJob) launched = NULL;
  g_autoptr(CoroDeferred) deferred = NULL;

  report_value (scope, (gpointer) "parent", error);
  launched = coro_launch (scope, report_value, (gpointer) "launch", NULL);
  deferred = coro_async (scope, report_value, (gpointer) "async", NULL, NULL);

  /* The children run once the parent suspends: the test thread has the
   * parent's value off and theirs on. */
  if (!coro_job_join (launched, error) || !coro_job_join (deferred, error))
    return NULL;

  coro_scope (launch_in_scope, NULL, error);
  if (*error == NULL)
    coro_with_non_cancellable (non_cancellable_block, NULL, error);
  if (*error == NULL)
    coro_with_context (coro_dispatcher_default (), report_value,
                       (gpointer) "with_context(Default)", error);
  if (*error == NULL)
    report_value (scope, (gpointer) "parent again", error);
  return NULL;
}

static gpointer
inherited_body (CoroJob   *scope,
                gpointer   user_data,
                GError   **error)
{
  g_autoptr(CoroElement) element = value_element ("parent's");
  g_autoptr(CoroJob) parent = NULL;

  assert_value ("main");
  g_assert_null (coro_current_element (&value_key));
  parent = coro_launch_full (scope, &(CoroContext) { .elements = (CoroElement *[]) { element, NULL } },
                             inheriting_parent, NULL, NULL);
  if (!coro_job_join (parent, error))
    return NULL;

  assert_value ("main");
  return NULL;
}

static void
test_element_inherited (void)
{
  g_test_summary ("Children launched, async, in scopes, in a non-cancellable block and in "
                  "with_context() carry the parent's element");

  test_log_reset ();
  run_on_main (inherited_body, NULL);
  TEST_LOG_ASSERT ("parent: parent's",
                   "launch: parent's",
                   "async: parent's",
                   "scope: parent's",
                   "launched in a scope: parent's",
                   "non-cancellable block: parent's",
                   "launched in a non-cancellable block: parent's",
                   "with_context(Default): parent's",
                   "parent again: parent's");
}

/* --- override ----------------------------------------------------------- */

static gpointer
report_both (CoroJob   *scope,
             gpointer   user_data,
             GError   **error)
{
  test_println ("%s: %s, %s", (const char *) user_data, current_value (),
                (const char *) g_private_get (&other_key));
  return NULL;
}

static gpointer
overriding_child (CoroJob   *scope,
                  gpointer   user_data,
                  GError   **error)
{
  g_autoptr(CoroJob) grandchild = coro_launch (scope, report_both, (gpointer) "grandchild", NULL);

  report_both (scope, (gpointer) "child", error);
  if (!coro_job_join (grandchild, error))
    return NULL;
  return report_both (scope, (gpointer) "child again", error);
}

static gpointer
with_block (CoroJob   *scope,
            gpointer   user_data,
            GError   **error)
{
  g_autoptr(CoroJob) inside = coro_launch (scope, report_both, (gpointer) "launched in the block", NULL);

  report_both (scope, (gpointer) "block", error);
  if (!coro_delay (10, error))
    return NULL;
  return report_both (scope, (gpointer) "block after a delay", error);
}

static gpointer
overridden_parent (CoroJob   *scope,
                   gpointer   user_data,
                   GError   **error)
{
  g_autoptr(CoroElement) child_value = value_element ("child's");
  g_autoptr(CoroElement) other = coro_thread_local_element_new (&other_key, (gpointer) "other", NULL);
  g_autoptr(CoroElement) block_value = value_element ("block's");
  g_autoptr(CoroJob) child = NULL;

  report_both (scope, (gpointer) "parent", error);
  child = coro_launch_full (scope,
                            &(CoroContext) { .elements = (CoroElement *[]) { child_value, other, NULL } },
                            overriding_child, NULL, NULL);
  if (!coro_job_join (child, error))
    return NULL;
  report_both (scope, (gpointer) "parent after the child", error);

  /* withContext(threadLocal.asContextElement("block's")): the same
   * dispatcher, another value for the block. */
  coro_with_context_full (&(CoroContext) { .elements = (CoroElement *[]) { block_value, NULL } },
                          with_block, NULL, error);
  return report_both (scope, (gpointer) "parent after the block", error);
}

static gpointer
override_body (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  g_autoptr(CoroElement) element = value_element ("parent's");
  g_autoptr(CoroJob) parent = coro_launch_full (scope,
                                                &(CoroContext) { .elements = (CoroElement *[]) { element, NULL } },
                                                overridden_parent, NULL, NULL);

  if (!coro_job_join (parent, error))
    return NULL;
  g_assert_cmpint (coro_test_current_time (), ==, 10);
  return NULL;
}

static void
test_element_override (void)
{
  g_test_summary ("A child's element overrides its parent's of the same key for it and its "
                  "children only; one of another key adds to it; coro_with_context_full() "
                  "overrides it for a block");

  test_log_reset ();
  run_on_main (override_body, NULL);
  TEST_LOG_ASSERT ("parent: parent's, (null)",
                   "child: child's, other",
                   "grandchild: child's, other",
                   "child again: child's, other",
                   "parent after the child: parent's, (null)",
                   "block: block's, (null)",
                   "launched in the block: block's, (null)",
                   "block after a delay: block's, (null)",
                   "parent after the block: parent's, (null)");
}

/* --- suspension on one thread ------------------------------------------ */

typedef struct
{
  const char *expected;
  guint       n_rounds;
  gint64      delay_ms;   /* 0 to yield instead */
  guint       round;
  Tracker    *tracker;    /* when set, must be installed at each check */
  guint       n_checks;
} Rounds;

static void
check_round (Rounds *rounds)
{
  rounds->n_checks++;
  assert_value (rounds->expected);
  if (rounds->tracker != NULL)
    g_assert_true (g_private_get (&tracker_marker) == rounds->tracker);
  else
    g_assert_null (g_private_get (&tracker_marker));
}

/* Checks the value, suspends, n_rounds times over. */
static gpointer
rounds_fiber (CoroJob   *scope,
              gpointer   user_data,
              GError   **error)
{
  Rounds *rounds = user_data;

  for (rounds->round = 0; rounds->round < rounds->n_rounds; rounds->round++)
    {
      check_round (rounds);
      if (rounds->delay_ms > 0 ? !coro_delay (rounds->delay_ms, error) : !coro_yield (error))
        return NULL;
    }
  check_round (rounds);
  return NULL;
}

static CoroStep
rounds_step (CoroJob   *scope,
             guint     *label,
             gpointer   user_data,
             gpointer  *result,
             GError   **error)
{
  Rounds *rounds = user_data;

  CORO_STEP_BEGIN (label);
  for (rounds->round = 0; rounds->round < rounds->n_rounds; rounds->round++)
    {
      check_round (rounds);
      if (rounds->delay_ms > 0)
        {
          CORO_STEP_AWAIT (label, coro_delay_begin (rounds->delay_ms));
          if (!coro_delay_finish (error))
            return CORO_STEP_DONE;
        }
      else
        {
          CORO_STEP_AWAIT (label, coro_yield_begin ());
          if (!coro_yield_finish (error))
            return CORO_STEP_DONE;
        }
    }
  check_round (rounds);
  CORO_STEP_END (label);
}

static CoroJob *
launch_rounds (CoroJob           *scope,
               const CoroContext *context,
               gboolean           stackless,
               Rounds            *rounds)
{
  if (stackless)
    return coro_launch_step (scope, context, rounds_step, rounds, NULL);
  return coro_launch_full (scope, context, rounds_fiber, rounds, NULL);
}

static gpointer
interleaved_body (CoroJob   *scope,
                  gpointer   user_data,
                  GError   **error)
{
  gboolean stackless = GPOINTER_TO_INT (user_data);
  g_autoptr(CoroElement) a = value_element ("a");
  g_autoptr(CoroElement) b = value_element ("b");
  Tracker tracker = { 0, 0 };
  g_autoptr(CoroElement) tracking = tracker_element (&tracker);
  Rounds with_a = { "a", 5, 10, 0, &tracker };
  Rounds with_b = { "b", 5, 7, 0, NULL };
  Rounds without = { "main", 5, 3, 0, NULL };
  Rounds yielding = { "a", 5, 0, 0, &tracker };
  CoroJob *jobs[4];

  jobs[0] = launch_rounds (scope, &(CoroContext) { .elements = (CoroElement *[]) { a, tracking, NULL } },
                           stackless, &with_a);
  jobs[1] = launch_rounds (scope, &(CoroContext) { .elements = (CoroElement *[]) { b, NULL } },
                           stackless, &with_b);
  jobs[2] = launch_rounds (scope, NULL, stackless, &without);
  jobs[3] = launch_rounds (scope, &(CoroContext) { .elements = (CoroElement *[]) { a, tracking, NULL } },
                           stackless, &yielding);

  /* The root's own value in between, at every step of the others. */
  for (int i = 0; i < 60; i++)
    {
      assert_value ("main");
      g_assert_null (g_private_get (&tracker_marker));
      if (!coro_delay (1, error))
        break;
    }
  coro_join_all (jobs, G_N_ELEMENTS (jobs), error);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    coro_job_unref (jobs[i]);

  assert_value ("main");
  g_assert_cmpuint (with_a.round, ==, 5);
  g_assert_cmpuint (yielding.round, ==, 5);
  /* Once per run: the start and each of 5 resumptions, for both. */
  g_assert_cmpint (tracker.n_updates, ==, 12);
  g_assert_cmpint (tracker.n_restores, ==, 12);
  g_assert_cmpint (coro_test_current_time (), ==, 60);
  return NULL;
}

static void
test_element_suspend_fiber (void)
{
  g_test_summary ("Fibers with and without elements interleaving on the test dispatcher each "
                  "see their own value after every resumption; the thread's comes back at "
                  "every suspension and at the end");

  run_on_main (interleaved_body, GINT_TO_POINTER (FALSE));
}

static void
test_element_suspend_stackless (void)
{
  g_test_summary ("The same with stackless bodies");

  run_on_main (interleaved_body, GINT_TO_POINTER (TRUE));
}

/* --- Default's threads -------------------------------------------------- */

static gpointer
none_installed (CoroJob   *scope,
                gpointer   user_data,
                GError   **error)
{
  for (int i = 0; i < 4; i++)
    {
      g_assert_null (current_value ());
      g_assert_null (g_private_get (&tracker_marker));
      if (!coro_yield (error))
        return NULL;
    }
  return NULL;
}

/* Spins until another thread has counted up to @expected, for at most a
 * few seconds of real time. */
static void
wait_for_count (gint *count,
                gint  expected)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_atomic_int_get (count) < expected && g_get_monotonic_time () < deadline)
    g_thread_yield ();
  g_assert_cmpint (g_atomic_int_get (count), ==, expected);
}

static gpointer
default_threads_body (CoroJob   *scope,
                      gpointer   user_data,
                      GError   **error)
{
  gboolean stackless = GPOINTER_TO_INT (user_data);
  g_autoptr(CoroElement) element = value_element ("on Default");
  Tracker tracker = { 0, 0 };
  g_autoptr(CoroElement) tracking = tracker_element (&tracker);
  CoroContext context = {
    .dispatcher = coro_dispatcher_default (),
    .elements = (CoroElement *[]) { element, tracking, NULL },
  };
  Rounds rounds[8];
  CoroJob *jobs[G_N_ELEMENTS (rounds)];
  CoroJob *checkers[32];

  for (guint i = 0; i < G_N_ELEMENTS (rounds); i++)
    {
      rounds[i] = (Rounds) { "on Default", 50, 0, 0, &tracker };
      jobs[i] = launch_rounds (scope, &context, stackless, &rounds[i]);
    }
  coro_join_all (jobs, G_N_ELEMENTS (jobs), error);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    coro_job_unref (jobs[i]);

  /* Each resumption, on whichever worker, installed and restored once:
   * the start and 50 yields. A worker restores after the body is over,
   * which the join may see first: the last restores are waited for. */
  g_assert_cmpint (tracker.n_updates, ==, G_N_ELEMENTS (rounds) * 51);
  wait_for_count (&tracker.n_restores, G_N_ELEMENTS (rounds) * 51);

  /* The workers have their own values back: NULL. */
  for (guint i = 0; i < G_N_ELEMENTS (checkers); i++)
    checkers[i] = coro_launch_full (scope, &(CoroContext) { .dispatcher = coro_dispatcher_default () },
                                    none_installed, NULL, NULL);
  coro_join_all (checkers, G_N_ELEMENTS (checkers), error);
  for (guint i = 0; i < G_N_ELEMENTS (checkers); i++)
    coro_job_unref (checkers[i]);

  assert_value ("main");
  return NULL;
}

static void
test_element_default_fiber (void)
{
  g_test_summary ("Fibers on Default's workers see their element at every resumption, "
                  "whichever worker runs them, and each update is undone on its own thread");

  run_on_main (default_threads_body, GINT_TO_POINTER (FALSE));
}

static void
test_element_default_stackless (void)
{
  g_test_summary ("The same with stackless bodies");

  run_on_main (default_threads_body, GINT_TO_POINTER (TRUE));
}

/* --- Unconfined ---------------------------------------------------------- */

static gpointer
unconfined_body (CoroJob   *scope,
                 gpointer   user_data,
                 GError   **error)
{
  gboolean stackless = GPOINTER_TO_INT (user_data);
  g_autoptr(CoroElement) element = value_element ("unconfined");
  Rounds rounds = { "unconfined", 3, 10, 0, NULL };
  g_autoptr(CoroJob) job = NULL;

  job = launch_rounds (scope,
                       &(CoroContext) {
                         .dispatcher = coro_dispatcher_unconfined (),
                         .elements = (CoroElement *[]) { element, NULL },
                       },
                       stackless, &rounds);

  /* It ran up to its first delay before the launch returned. */
  g_assert_cmpuint (rounds.n_checks, ==, 1);
  assert_value ("main");
  if (!coro_delay (15, error))
    return NULL;
  g_assert_cmpuint (rounds.n_checks, ==, 2);
  assert_value ("main");
  if (!coro_job_join (job, error))
    return NULL;
  g_assert_cmpuint (rounds.n_checks, ==, 4);
  assert_value ("main");
  return NULL;
}

static void
test_element_unconfined_fiber (void)
{
  g_test_summary ("An unconfined coroutine has its element on while it runs inside its "
                  "launch and after each resumption, and its launcher has its own back");

  run_on_main (unconfined_body, GINT_TO_POINTER (FALSE));
}

static void
test_element_unconfined_stackless (void)
{
  g_test_summary ("The same with a stackless body");

  run_on_main (unconfined_body, GINT_TO_POINTER (TRUE));
}

/* --- cancellation ------------------------------------------------------- */

static gpointer
cleanup_block (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  if (!coro_delay (100, error))
    return NULL;
  test_println ("cleanup after a delay: %s", current_value ());
  return NULL;
}

static gpointer
cancelled_worker (CoroJob   *scope,
                  gpointer   user_data,
                  GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  if (coro_delay (1000, &local_error))
    g_assert_not_reached ();
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  test_println ("cancelled: %s", current_value ());
  coro_with_non_cancellable (cleanup_block, NULL, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static gpointer
cancelled_body (CoroJob   *scope,
                gpointer   user_data,
                GError   **error)
{
  g_autoptr(CoroElement) element = value_element ("cancelled one's");
  g_autoptr(CoroJob) job = coro_launch_full (scope,
                                             &(CoroContext) { .elements = (CoroElement *[]) { element, NULL } },
                                             cancelled_worker, NULL, NULL);

  if (!coro_delay (50, error))
    return NULL;
  assert_value ("main");
  coro_job_cancel (job);
  test_println ("cancel sent: %s", current_value ());
  if (!coro_job_join (job, error))
    return NULL;
  test_println ("joined: %s", current_value ());
  g_assert_cmpint (coro_test_current_time (), ==, 150);
  return NULL;
}

static void
test_element_cancelled (void)
{
  g_test_summary ("A cancelled coroutine keeps its element through its cleanup, suspensions "
                  "included, and the thread's value is back once it is over");

  test_log_reset ();
  run_on_main (cancelled_body, NULL);
  TEST_LOG_ASSERT ("cancel sent: main",
                   "cancelled: cancelled one's",
                   "cleanup after a delay: cancelled one's",
                   "joined: main");
}

/* --- channels and select ------------------------------------------------- */

typedef struct
{
  CoroChannel *first;
  CoroChannel *second;
  guint        step;
} Channels;

static gpointer
receiver_fiber (CoroJob   *scope,
                gpointer   user_data,
                GError   **error)
{
  Channels *channels = user_data;
  CoroSelectResult result;
  gpointer element = NULL;

  if (!coro_channel_receive (channels->first, &element, error))
    return NULL;
  test_println ("received %s: %s", (const char *) element, current_value ());
  if (!coro_select ((CoroSelectClause[]) { CORO_ON_RECEIVE (channels->second), CORO_ON_TIMEOUT (1000) },
                    2, &result, error))
    return NULL;
  g_assert_cmpuint (result.index, ==, 0);
  test_println ("selected %s: %s", (const char *) result.value, current_value ());
  if (!coro_channel_send (channels->first, (gpointer) "reply", error))
    return NULL;
  test_println ("sent: %s", current_value ());
  return NULL;
}

static CoroStep
receiver_step (CoroJob   *scope,
               guint     *label,
               gpointer   user_data,
               gpointer  *result,
               GError   **error)
{
  Channels *channels = user_data;
  CoroSelectResult selected;
  gpointer element = NULL;

  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_channel_receive_begin (channels->first));
  if (!coro_channel_receive_finish (channels->first, &element, error))
    return CORO_STEP_DONE;
  test_println ("received %s: %s", (const char *) element, current_value ());
  CORO_STEP_AWAIT (label, coro_select_begin ((CoroSelectClause[]) { CORO_ON_RECEIVE (channels->second),
                                                                   CORO_ON_TIMEOUT (1000) },
                                             2));
  if (!coro_select_finish (&selected, error))
    return CORO_STEP_DONE;
  g_assert_cmpuint (selected.index, ==, 0);
  test_println ("selected %s: %s", (const char *) selected.value, current_value ());
  CORO_STEP_AWAIT (label, coro_channel_send_begin (channels->first, (gpointer) "reply"));
  if (!coro_channel_send_finish (channels->first, error))
    return CORO_STEP_DONE;
  test_println ("sent: %s", current_value ());
  CORO_STEP_END (label);
}

static gpointer
channels_body (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  gboolean stackless = GPOINTER_TO_INT (user_data);
  g_autoptr(CoroElement) element = value_element ("receiver's");
  g_autoptr(CoroChannel) first = coro_channel_new (0, NULL);
  g_autoptr(CoroChannel) second = coro_channel_new (0, NULL);
  Channels channels = { first, second, 0 };
  CoroContext context = { .elements = (CoroElement *[]) { element, NULL } };
  g_autoptr(CoroJob) receiver = NULL;
  gpointer reply = NULL;

  receiver = stackless ? coro_launch_step (scope, &context, receiver_step, &channels, NULL)
                       : coro_launch_full (scope, &context, receiver_fiber, &channels, NULL);

  if (!coro_delay (10, error))
    return NULL;
  test_println ("sending: %s", current_value ());
  if (!coro_channel_send (first, (gpointer) "one", error) || !coro_delay (10, error))
    return NULL;
  test_println ("sending to the select: %s", current_value ());
  if (!coro_channel_send (second, (gpointer) "two", error) || !coro_delay (10, error))
    return NULL;
  test_println ("receiving: %s", current_value ());
  if (!coro_channel_receive (first, &reply, error))
    return NULL;
  g_assert_cmpstr (reply, ==, "reply");
  if (!coro_job_join (receiver, error))
    return NULL;
  test_println ("done: %s", current_value ());
  return NULL;
}

static void
check_channels (gboolean stackless)
{
  test_log_reset ();
  run_on_main (channels_body, GINT_TO_POINTER (stackless));
  TEST_LOG_ASSERT ("sending: main",
                   "received one: receiver's",
                   "sending to the select: main",
                   "selected two: receiver's",
                   "receiving: main",
                   "sent: receiver's",
                   "done: main");
}

static void
test_element_channels_fiber (void)
{
  g_test_summary ("A fiber suspended in a receive, a select and a send has its element "
                  "off meanwhile and on again when it resumes");

  check_channels (FALSE);
}

static void
test_element_channels_stackless (void)
{
  g_test_summary ("The same with a stackless body");

  check_channels (TRUE);
}

/* --- many elements ----------------------------------------------------- */

/* One flag per element, installed while its coroutine runs. */
static gboolean many_installed[12];

static gpointer
flag_update (gpointer data)
{
  gboolean *flag = data;
  gpointer old_state = GINT_TO_POINTER (*flag);

  *flag = TRUE;
  return old_state;
}

static void
flag_restore (gpointer data,
              gpointer old_state)
{
  *(gboolean *) data = GPOINTER_TO_INT (old_state);
}

static void
assert_many (gboolean installed)
{
  for (guint i = 0; i < G_N_ELEMENTS (many_installed); i++)
    g_assert_true (many_installed[i] == installed);
}

static gpointer
many_child (CoroJob   *scope,
            gpointer   user_data,
            GError   **error)
{
  assert_many (TRUE);
  if (!coro_delay (10, error))
    return NULL;
  assert_many (TRUE);
  return NULL;
}

static gpointer
many_body (CoroJob   *scope,
           gpointer   user_data,
           GError   **error)
{
  CoroElement *elements[G_N_ELEMENTS (many_installed) + 1] = { NULL, };
  g_autoptr(CoroJob) child = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (many_installed); i++)
    elements[i] = coro_element_new (&many_installed[i], flag_update, flag_restore, &many_installed[i], NULL);
  child = coro_launch_full (scope, &(CoroContext) { .elements = elements }, many_child, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (many_installed); i++)
    coro_element_unref (elements[i]);

  assert_many (FALSE);
  if (!coro_delay (5, error))
    return NULL;
  assert_many (FALSE);
  if (!coro_job_join (child, error))
    return NULL;
  assert_many (FALSE);
  return NULL;
}

static void
test_element_many (void)
{
  g_test_summary ("More elements than the run keeps room for on its stack are all installed "
                  "and restored");

  run_test_or_fail (many_body, NULL);
  assert_many (FALSE);
}

/* --- lifetime and run_blocking ------------------------------------------ */

static gint n_values_freed;

static void
count_value_free (gpointer value)
{
  n_values_freed++;
  g_free (value);
}

static gpointer
blocking_body (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  assert_value ("run_blocking's");
  if (!coro_delay (1, error))
    return NULL;
  assert_value ("run_blocking's");
  return g_strdup (current_value ());
}

static void
test_element_run_blocking (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  CoroElement *element;

  g_test_summary ("coro_run_blocking_full() takes elements for its root; an element and its "
                  "value live as long as a coroutine carries them");

  n_values_freed = 0;
  element = coro_thread_local_element_new (&value_key, g_strdup ("run_blocking's"), count_value_free);
  g_private_set (&value_key, (gpointer) "main");
  result = coro_run_blocking_full (&(CoroContext) { .elements = (CoroElement *[]) { element, NULL } },
                                   blocking_body, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "run_blocking's");
  assert_value ("main");
  g_private_set (&value_key, NULL);

  g_assert_cmpint (n_values_freed, ==, 0);
  coro_element_unref (element);
  g_assert_cmpint (n_values_freed, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/element/inherited", test_element_inherited);
  g_test_add_func ("/coro/element/override", test_element_override);
  g_test_add_func ("/coro/element/suspend/fiber", test_element_suspend_fiber);
  g_test_add_func ("/coro/element/suspend/stackless", test_element_suspend_stackless);
  g_test_add_func ("/coro/element/default/fiber", test_element_default_fiber);
  g_test_add_func ("/coro/element/default/stackless", test_element_default_stackless);
  g_test_add_func ("/coro/element/unconfined/fiber", test_element_unconfined_fiber);
  g_test_add_func ("/coro/element/unconfined/stackless", test_element_unconfined_stackless);
  g_test_add_func ("/coro/element/cancelled", test_element_cancelled);
  g_test_add_func ("/coro/element/channels/fiber", test_element_channels_fiber);
  g_test_add_func ("/coro/element/channels/stackless", test_element_channels_stackless);
  g_test_add_func ("/coro/element/many", test_element_many);
  g_test_add_func ("/coro/element/run-blocking", test_element_run_blocking);

  return g_test_run ();
}
