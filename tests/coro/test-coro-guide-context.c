/* test-coro-guide-context.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <string.h>

#include <coro.h>

#include "coro-test-utils.h"

/*
 * The examples of the kotlinx guide's "Coroutine context and dispatchers"
 * chapter. Examples that need real threads (Default, a single-thread
 * dispatcher) run under coro_run_blocking(); the others under virtual time.
 */

/* Thread.currentThread().name: the thread's name, followed by " @name#id"
 * when debugging is on and we are in a coroutine, as in kotlinx's debug
 * mode. */
static char *
thread_name (void)
{
  return coro_debug_thread_label ();
}

/* The guide's `log` function. */
G_GNUC_PRINTF (1, 2)
static void
log_line (const char *format,
          ...)
{
  g_autofree char *label = thread_name ();
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  test_println ("[%s] %s", label, message);
}

static void
assert_worker_thread (const char *name)
{
  if (!g_regex_match_simple ("^worker-[0-9]+$", name, 0, 0))
    g_error ("expected a Default worker thread, got \"%s\"", name);
}

/* Dispatchers and threads ------------------------------------------------ */

typedef struct
{
  const char *who;
  char       *thread;   /* where the coroutine ran */
} ThreadReport;

static gpointer
report_thread (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  ThreadReport *report = user_data;

  report->thread = thread_name ();
  return NULL;
}

typedef struct
{
  CoroDispatcher *my_own_thread;
  ThreadReport    inherited;
  ThreadReport    unconfined;
  ThreadReport    on_default;
  ThreadReport    on_own_thread;
} DispatchersData;

static gpointer
dispatchers_body (CoroJob   *scope,
                  gpointer   user_data,
                  GError   **error)
{
  DispatchersData *data = user_data;
  CoroContext not_confined = { .dispatcher = coro_dispatcher_unconfined () };
  g_autoptr(CoroJob) inherited = NULL;
  g_autoptr(CoroJob) unconfined = NULL;
  g_autoptr(CoroJob) on_default = NULL;
  g_autoptr(CoroJob) on_own_thread = NULL;

  /* The runBlocking coroutine's context: the main thread. */
  inherited = coro_launch (scope, report_thread, &data->inherited, NULL);

  /* Not confined: it has run already, in the main thread, which is why
   * the guide shows it first. */
  unconfined = coro_launch_full (scope, &not_confined, report_thread, &data->unconfined, NULL);
  g_assert_nonnull (data->unconfined.thread);
  g_assert_null (data->inherited.thread);

  on_default = coro_launch_full (scope, &(CoroContext) { .dispatcher = coro_dispatcher_default () },
                                 report_thread, &data->on_default, NULL);
  on_own_thread = coro_launch_full (scope, &(CoroContext) { .dispatcher = data->my_own_thread },
                                    report_thread, &data->on_own_thread, NULL);

  /* runBlocking waits for the three of them. */
  return NULL;
}

static void
test_dispatchers_and_threads (void)
{
  g_autoptr(CoroDispatcher) my_own_thread = coro_dispatcher_new_single_thread ("MyOwnThread");
  g_autoptr(GError) error = NULL;
  g_autofree char *default_line = NULL;
  DispatchersData data = {
    .my_own_thread = my_own_thread,
    .inherited = { "main runBlocking ", NULL },
    .unconfined = { "Unconfined ", NULL },
    .on_default = { "Default ", NULL },
    .on_own_thread = { "newSingleThreadContext", NULL },
  };
  ThreadReport *in_guide_order[] = {
    &data.unconfined, &data.on_default, &data.on_own_thread, &data.inherited,
  };

  coro_debug_set_enabled (FALSE);
  coro_run_blocking (dispatchers_body, &data, &error);
  g_assert_no_error (error);
  coro_dispatcher_close (my_own_thread);

  /* The coroutines run concurrently, so they report their threads and the
   * lines are printed here, in the order the guide shows ("maybe in
   * different order"). */
  for (guint i = 0; i < G_N_ELEMENTS (in_guide_order); i++)
    {
      g_assert_nonnull (in_guide_order[i]->thread);
      test_println ("%s: I'm working in thread %s", in_guide_order[i]->who, in_guide_order[i]->thread);
    }

  /* kotlinx names its pool's threads DefaultDispatcher-worker-N; ours are
   * worker-N, and which one a coroutine gets depends on earlier launches. */
  assert_worker_thread (data.on_default.thread);
  default_line = g_strdup_printf ("Default : I'm working in thread %s", data.on_default.thread);
  TEST_LOG_ASSERT ("Unconfined : I'm working in thread main",
                   default_line,
                   "newSingleThreadContext: I'm working in thread MyOwnThread",
                   "main runBlocking : I'm working in thread main");

  g_free (data.inherited.thread);
  g_free (data.unconfined.thread);
  g_free (data.on_default.thread);
  g_free (data.on_own_thread.thread);
}

/* Unconfined vs confined dispatcher --------------------------------------- */

static gpointer
unconfined_worker (CoroJob   *scope,
                   gpointer   user_data,
                   GError   **error)
{
  g_autofree char *before = thread_name ();
  g_autofree char *after = NULL;

  test_println ("Unconfined : I'm working in thread %s", before);
  if (!coro_delay (500, error))
    return NULL;
  after = thread_name ();
  test_println ("Unconfined : After delay in thread %s", after);
  return NULL;
}

static gpointer
confined_worker (CoroJob   *scope,
                 gpointer   user_data,
                 GError   **error)
{
  g_autofree char *before = thread_name ();
  g_autofree char *after = NULL;

  test_println ("main runBlocking: I'm working in thread %s", before);
  if (!coro_delay (1000, error))
    return NULL;
  after = thread_name ();
  test_println ("main runBlocking: After delay in thread %s", after);
  return NULL;
}

static gpointer
unconfined_vs_confined_body (CoroJob   *scope,
                             gpointer   user_data,
                             GError   **error)
{
  CoroContext not_confined = { .dispatcher = coro_dispatcher_unconfined () };
  g_autoptr(CoroJob) unconfined = NULL;
  g_autoptr(CoroJob) confined = NULL;

  unconfined = coro_launch_full (scope, &not_confined, unconfined_worker, NULL, NULL);
  /* It ran up to its delay before launch returned. */
  g_assert_cmpuint (test_log_len (), ==, 1);
  confined = coro_launch (scope, confined_worker, NULL, NULL);
  return NULL;
}

static void
test_unconfined_vs_confined (void)
{
  g_autoptr(GError) error = NULL;

  test_log_reset ();
  coro_debug_set_enabled (FALSE);
  coro_run_test (unconfined_vs_confined_body, NULL, &error);
  g_assert_no_error (error);

  /* kotlinx resumes the unconfined coroutine in the thread that ran its
   * delay's timer, "kotlinx.coroutines.DefaultExecutor". A fiber never
   * changes thread: ours resumes in the thread it started in, main. */
  TEST_LOG_ASSERT ("Unconfined : I'm working in thread main",
                   "main runBlocking: I'm working in thread main",
                   "Unconfined : After delay in thread main",
                   "main runBlocking: After delay in thread main");
}

/* Debugging using logging ------------------------------------------------ */

static gpointer
compute_piece (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  log_line ("I'm computing %s piece of the answer", GPOINTER_TO_INT (user_data) == 6 ? "a" : "another");
  return user_data;
}

static gpointer
debugging_body (CoroJob   *scope,
                gpointer   user_data,
                GError   **error)
{
  guint64 *main_id = user_data;
  g_autoptr(CoroDeferred) a = NULL;
  g_autoptr(CoroDeferred) b = NULL;
  gpointer a_value;
  gpointer b_value;

  *main_id = coro_job_get_id (scope);
  a = coro_async (scope, compute_piece, GINT_TO_POINTER (6), NULL, NULL);
  b = coro_async (scope, compute_piece, GINT_TO_POINTER (7), NULL, NULL);

  a_value = coro_deferred_await (a, error);
  if (a_value == NULL)
    return NULL;
  b_value = coro_deferred_await (b, error);
  if (b_value == NULL)
    return NULL;

  log_line ("The answer is %d", GPOINTER_TO_INT (a_value) * GPOINTER_TO_INT (b_value));
  return NULL;
}

static void
test_debugging_using_logging (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line1 = NULL;
  g_autofree char *line2 = NULL;
  g_autofree char *line3 = NULL;
  guint64 main_id = 0;

  /* -Dkotlinx.coroutines.debug; no delay, so real time is deterministic. */
  coro_debug_set_enabled (TRUE);
  coro_run_blocking (debugging_body, &main_id, &error);
  coro_debug_set_enabled (FALSE);
  g_assert_no_error (error);
  g_assert_cmpuint (main_id, >, 0);

  /* Ids come from a process-wide counter: #1, #2, #3 in the guide are the
   * main coroutine's id and the next two. */
  line1 = g_strdup_printf ("[main @coroutine#%" G_GUINT64_FORMAT "] I'm computing a piece of the answer", main_id + 1);
  line2 = g_strdup_printf ("[main @coroutine#%" G_GUINT64_FORMAT "] I'm computing another piece of the answer", main_id + 2);
  line3 = g_strdup_printf ("[main @coroutine#%" G_GUINT64_FORMAT "] The answer is 42", main_id);
  TEST_LOG_ASSERT (line1, line2, line3);
}

/* Jumping between threads ------------------------------------------------ */

static gpointer
working_in_ctx2 (CoroJob   *scope,
                 gpointer   user_data,
                 GError   **error)
{
  log_line ("Working in ctx2");
  return NULL;
}

static gpointer
started_in_ctx1 (CoroJob   *scope,
                 gpointer   user_data,
                 GError   **error)
{
  CoroDispatcher *ctx2 = user_data;
  GError *local_error = NULL;

  log_line ("Started in ctx1");
  coro_with_context (ctx2, working_in_ctx2, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  log_line ("Back to ctx1");
  return NULL;
}

typedef struct
{
  CoroDispatcher *ctx1;
  CoroDispatcher *ctx2;
  guint64         main_id;
} JumpingData;

static gpointer
jumping_body (CoroJob   *scope,
              gpointer   user_data,
              GError   **error)
{
  JumpingData *data = user_data;

  /* runBlocking(ctx1) blocks the calling thread while running on ctx1; here
   * the blocking coroutine hands its work to ctx1 and waits. */
  data->main_id = coro_job_get_id (scope);
  return coro_with_context (data->ctx1, started_in_ctx1, data->ctx2, error);
}

static void
test_jumping_between_threads (void)
{
  g_autoptr(CoroDispatcher) ctx1 = coro_dispatcher_new_single_thread ("Ctx1");
  g_autoptr(CoroDispatcher) ctx2 = coro_dispatcher_new_single_thread ("Ctx2");
  g_autoptr(GError) error = NULL;
  g_autofree char *line1 = NULL;
  g_autofree char *line2 = NULL;
  g_autofree char *line3 = NULL;
  JumpingData data = { ctx1, ctx2, 0 };

  coro_debug_set_enabled (TRUE);
  coro_run_blocking (jumping_body, &data, &error);
  coro_debug_set_enabled (FALSE);
  g_assert_no_error (error);

  /* `use` closes them. */
  coro_dispatcher_close (ctx2);
  coro_dispatcher_close (ctx1);

  /* In kotlinx, withContext moves coroutine#1 itself to ctx2 and back. A
   * fiber never changes thread, so coro_with_context() runs each block as a
   * child coroutine, which carries its caller's id: all lines show the
   * runBlocking coroutine's, #1 in the guide. The last line of the guide's
   * page is garbled in our copy; kotlinx's example logs "Back to ctx1". */
  line1 = g_strdup_printf ("[Ctx1 @coroutine#%" G_GUINT64_FORMAT "] Started in ctx1", data.main_id);
  line2 = g_strdup_printf ("[Ctx2 @coroutine#%" G_GUINT64_FORMAT "] Working in ctx2", data.main_id);
  line3 = g_strdup_printf ("[Ctx1 @coroutine#%" G_GUINT64_FORMAT "] Back to ctx1", data.main_id);
  TEST_LOG_ASSERT (line1, line2, line3);
}

/* Job in the context ----------------------------------------------------- */

static gpointer
job_in_context_body (CoroJob   *scope,
                     gpointer   user_data,
                     GError   **error)
{
  CoroJob *job = coro_current_job ();
  g_autofree char *text = coro_job_to_string (job);
  guint64 *id = user_data;

  g_assert_true (job == scope);
  *id = coro_job_get_id (job);

  /* kotlinx's toString() ends in "@6d311334", the object's address, which
   * the guide says output "something like": ours has no such suffix. */
  test_println ("My job is %s", text);

  /* isActive is a shortcut for coroutineContext[Job]?.isActive == true. */
  g_assert_true (coro_is_active () == coro_job_is_active (job));
  g_assert_true (coro_is_active ());

  return NULL;
}

static void
test_job_in_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint64 id = 0;

  coro_debug_set_enabled (TRUE);
  coro_run_blocking (job_in_context_body, &id, &error);
  coro_debug_set_enabled (FALSE);
  g_assert_no_error (error);

  line = g_strdup_printf ("My job is \"coroutine#%" G_GUINT64_FORMAT "\":BlockingCoroutine{Active}", id);
  TEST_LOG_ASSERT (line);
}

/* Children of a coroutine ------------------------------------------------ */

static gpointer
job1_body (CoroJob   *scope,
           gpointer   user_data,
           GError   **error)
{
  test_println ("job1: I run in my own Job and execute independently!");
  if (!coro_delay (1000, error))
    return NULL;
  test_println ("job1: I am not affected by cancellation of the request");
  return NULL;
}

static gpointer
job2_body (CoroJob   *scope,
           gpointer   user_data,
           GError   **error)
{
  if (!coro_delay (100, error))
    return NULL;
  test_println ("job2: I am a child of the request coroutine");
  if (!coro_delay (1000, error))
    return NULL;
  test_println ("job2: I will not execute this line if my parent request is cancelled");
  return NULL;
}

static gpointer
request_with_own_job_body (CoroJob   *scope,
                           gpointer   user_data,
                           GError   **error)
{
  /* launch(Job()): a job of its own, not a child of the request. It runs on
   * the request's dispatcher, as the context it overrides would have. */
  g_autoptr(CoroJob) own_job = coro_job_new (CORO_GLOBAL_SCOPE, coro_test_dispatcher (), FALSE);
  g_autoptr(CoroJob) job1 = coro_launch (own_job, job1_body, NULL, NULL);
  g_autoptr(CoroJob) job2 = coro_launch (scope, job2_body, NULL, NULL);

  /* Nothing else goes into it: it completes with job1. */
  coro_job_complete (own_job);

  return NULL;
}

static gpointer
children_body (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  g_autoptr(CoroJob) request = coro_launch (scope, request_with_own_job_body, NULL, NULL);

  if (!coro_delay (500, error))
    return NULL;
  coro_job_cancel (request);
  test_println ("main: Who has survived request cancellation?");
  if (!coro_delay (1000, error))
    return NULL;

  g_assert_true (coro_job_is_cancelled (request));
  g_assert_cmpint (coro_test_current_time (), ==, 1500);
  return NULL;
}

static void
test_children_of_a_coroutine (void)
{
  g_autoptr(GError) error = NULL;

  coro_run_test (children_body, NULL, &error);
  g_assert_no_error (error);
  TEST_LOG_ASSERT ("job1: I run in my own Job and execute independently!",
                   "job2: I am a child of the request coroutine",
                   "main: Who has survived request cancellation?",
                   "job1: I am not affected by cancellation of the request");
}

/* Parental responsibilities ---------------------------------------------- */

static gpointer
variable_delay_body (CoroJob   *scope,
                     gpointer   user_data,
                     GError   **error)
{
  int i = GPOINTER_TO_INT (user_data);

  if (!coro_delay ((i + 1) * 200, error))
    return NULL;
  test_println ("Coroutine %d is done", i);
  return NULL;
}

static gpointer
request_with_children_body (CoroJob   *scope,
                            gpointer   user_data,
                            GError   **error)
{
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(CoroJob) child = coro_launch (scope, variable_delay_body, GINT_TO_POINTER (i), NULL);
    }
  test_println ("request: I'm done and I don't explicitly join my children that are still active");
  return NULL;
}

static gpointer
parental_body (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  g_autoptr(CoroJob) request = coro_launch (scope, request_with_children_body, NULL, NULL);

  if (!coro_job_join (request, error))
    return NULL;
  test_println ("Now processing of the request is complete");

  g_assert_true (coro_job_is_completed (request));
  g_assert_cmpint (coro_test_current_time (), ==, 600);
  return NULL;
}

static void
test_parental_responsibilities (void)
{
  g_autoptr(GError) error = NULL;

  coro_run_test (parental_body, NULL, &error);
  g_assert_no_error (error);
  TEST_LOG_ASSERT ("request: I'm done and I don't explicitly join my children that are still active",
                   "Coroutine 0 is done",
                   "Coroutine 1 is done",
                   "Coroutine 2 is done",
                   "Now processing of the request is complete");
}

/* Naming coroutines for debugging ---------------------------------------- */

typedef struct
{
  gint64      delay_ms;
  const char *what;
  int         value;
} Computation;

static gpointer
compute_value (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  const Computation *computation = user_data;

  if (!coro_delay (computation->delay_ms, error))
    return NULL;
  log_line ("Computing %s", computation->what);
  return GINT_TO_POINTER (computation->value);
}

static gpointer
named_main_body (CoroJob   *scope,
                 gpointer   user_data,
                 GError   **error)
{
  static const Computation v1_computation = { 500, "v1", 6 };
  static const Computation v2_computation = { 1000, "v2", 7 };
  guint64 *main_id = user_data;
  g_autoptr(CoroDeferred) v1 = NULL;
  g_autoptr(CoroDeferred) v2 = NULL;
  gpointer v1_value;
  gpointer v2_value;

  *main_id = coro_job_get_id (scope);
  log_line ("Started main coroutine");
  /* run two background value computations */
  v1 = coro_async_full (scope, &(CoroContext) { .name = "v1coroutine" },
                        compute_value, (gpointer) &v1_computation, NULL, NULL);
  v2 = coro_async_full (scope, &(CoroContext) { .name = "v2coroutine" },
                        compute_value, (gpointer) &v2_computation, NULL, NULL);

  v1_value = coro_deferred_await (v1, error);
  if (v1_value == NULL)
    return NULL;
  v2_value = coro_deferred_await (v2, error);
  if (v2_value == NULL)
    return NULL;
  log_line ("The answer for v1 * v2 = %d", GPOINTER_TO_INT (v1_value) * GPOINTER_TO_INT (v2_value));

  g_assert_cmpint (coro_test_current_time (), ==, 1000);
  return NULL;
}

static gpointer
naming_body (CoroJob   *scope,
             gpointer   user_data,
             GError   **error)
{
  g_autoptr(CoroDeferred) named_main = NULL;

  /* runBlocking(CoroutineName("main")): the test's own coroutine is named
   * "test", so the example runs in a child named "main". */
  named_main = coro_async_full (scope, &(CoroContext) { .name = "main" },
                                named_main_body, user_data, NULL, NULL);
  coro_deferred_await (named_main, error);
  return NULL;
}

static void
test_naming_coroutines (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line1 = NULL;
  g_autofree char *line2 = NULL;
  g_autofree char *line3 = NULL;
  g_autofree char *line4 = NULL;
  guint64 main_id = 0;

  coro_debug_set_enabled (TRUE);
  coro_run_test (naming_body, &main_id, &error);
  coro_debug_set_enabled (FALSE);
  g_assert_no_error (error);

  line1 = g_strdup_printf ("[main @main#%" G_GUINT64_FORMAT "] Started main coroutine", main_id);
  line2 = g_strdup_printf ("[main @v1coroutine#%" G_GUINT64_FORMAT "] Computing v1", main_id + 1);
  line3 = g_strdup_printf ("[main @v2coroutine#%" G_GUINT64_FORMAT "] Computing v2", main_id + 2);
  line4 = g_strdup_printf ("[main @main#%" G_GUINT64_FORMAT "] The answer for v1 * v2 = 42", main_id);
  TEST_LOG_ASSERT (line1, line2, line3, line4);
}

/* Combining context elements --------------------------------------------- */

typedef struct
{
  guint64  id;
  char    *label;
} Combined;

static gpointer
combined_body (CoroJob   *scope,
               gpointer   user_data,
               GError   **error)
{
  Combined *combined = user_data;

  combined->id = coro_job_get_id (scope);
  combined->label = thread_name ();
  test_println ("I'm working in thread %s", combined->label);
  return NULL;
}

static gpointer
combining_body (CoroJob   *scope,
                gpointer   user_data,
                GError   **error)
{
  /* Dispatchers.Default + CoroutineName("test"): the fields of one
   * CoroContext. */
  g_autoptr(CoroJob) job = coro_launch_full (scope,
                                             &(CoroContext) {
                                               .dispatcher = coro_dispatcher_default (),
                                               .name = "test",
                                             },
                                             combined_body, user_data, NULL);
  return NULL;
}

static void
test_combining_context_elements (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *worker = NULL;
  g_autofree char *line = NULL;
  g_autofree char *suffix = NULL;
  Combined combined = { 0, NULL };

  coro_debug_set_enabled (TRUE);
  coro_run_blocking (combining_body, &combined, &error);
  coro_debug_set_enabled (FALSE);
  g_assert_no_error (error);
  g_assert_nonnull (combined.label);

  /* "DefaultDispatcher-worker-1 @test#2": which worker is not up to us. */
  suffix = g_strdup_printf (" @test#%" G_GUINT64_FORMAT, combined.id);
  g_assert_true (g_str_has_suffix (combined.label, suffix));
  worker = g_strndup (combined.label, strlen (combined.label) - strlen (suffix));
  assert_worker_thread (worker);

  line = g_strdup_printf ("I'm working in thread %s%s", worker, suffix);
  TEST_LOG_ASSERT (line);
  g_free (combined.label);
}

/* Coroutine scope -------------------------------------------------------- */

typedef struct
{
  CoroJob *main_scope;
} Activity;

static Activity *
activity_new (void)
{
  Activity *self = g_new0 (Activity, 1);

  /* MainScope(): the Main dispatcher, which coro_run_test() makes its
   * virtual-time dispatcher. */
  self->main_scope = coro_job_new (CORO_GLOBAL_SCOPE, coro_dispatcher_main (), FALSE);
  return self;
}

static void
activity_destroy (Activity *self)
{
  coro_job_cancel (self->main_scope);
}

static void
activity_free (Activity *self)
{
  g_clear_pointer (&self->main_scope, coro_job_unref);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Activity, activity_free)

static void
activity_do_something (Activity *self)
{
  /* launch ten coroutines for a demo, each working for a different time */
  for (int i = 0; i < 10; i++)
    {
      g_autoptr(CoroJob) job = coro_launch (self->main_scope, variable_delay_body, GINT_TO_POINTER (i), NULL);
    }
}

static gpointer
coroutine_scope_body (CoroJob   *scope,
                      gpointer   user_data,
                      GError   **error)
{
  g_autoptr(Activity) activity = activity_new ();

  activity_do_something (activity);
  test_println ("Launched coroutines");
  if (!coro_delay (500, error))
    return NULL;
  test_println ("Destroying activity!");
  activity_destroy (activity);
  if (!coro_delay (1000, error))
    return NULL;

  /* The ten coroutines have unwound, so the scope is final. */
  g_assert_true (coro_job_is_cancelled (activity->main_scope));
  g_assert_false (coro_job_is_active (activity->main_scope));
  g_assert_cmpuint (coro_dispatcher_get_n_live (coro_dispatcher_main ()), ==, 1);
  return NULL;
}

static void
test_coroutine_scope (void)
{
  g_autoptr(GError) error = NULL;

  coro_run_test (coroutine_scope_body, NULL, &error);
  g_assert_no_error (error);
  TEST_LOG_ASSERT ("Launched coroutines",
                   "Coroutine 0 is done",
                   "Coroutine 1 is done",
                   "Destroying activity!");
}

/* Thread-local data ------------------------------------------------------ */

/* val threadLocal = ThreadLocal<String?>() */
static GPrivate thread_local = G_PRIVATE_INIT (NULL);

/* Thread.currentThread().toString(): Java prints a thread's name, priority
 * and group. Ours have neither priority nor group, so the guide's 5 and
 * main stand for them. */
static char *
thread_string (void)
{
  g_autofree char *name = thread_name ();

  return g_strdup_printf ("Thread[%s,5,main]", name);
}

typedef struct
{
  guint64  main_id;
  guint64  launched_id;
  char    *launch_start;   /* the launched coroutine's threads */
  char    *after_yield;
} ThreadLocalData;

static gpointer
thread_local_launched (CoroJob   *scope,
                       gpointer   user_data,
                       GError   **error)
{
  ThreadLocalData *data = user_data;

  data->launched_id = coro_job_get_id (scope);
  data->launch_start = thread_string ();
  test_println ("Launch start, current thread: %s, thread local value: '%s'",
                data->launch_start, (const char *) g_private_get (&thread_local));
  if (!coro_yield (error))
    return NULL;
  data->after_yield = thread_string ();
  test_println ("After yield, current thread: %s, thread local value: '%s'",
                data->after_yield, (const char *) g_private_get (&thread_local));
  return NULL;
}

static gpointer
thread_local_body (CoroJob   *scope,
                   gpointer   user_data,
                   GError   **error)
{
  ThreadLocalData *data = user_data;
  g_autoptr(CoroElement) element = NULL;
  g_autoptr(CoroJob) job = NULL;
  g_autofree char *pre = NULL;
  g_autofree char *post = NULL;

  data->main_id = coro_job_get_id (scope);
  g_private_set (&thread_local, (gpointer) "main");
  pre = thread_string ();
  test_println ("Pre-main, current thread: %s, thread local value: '%s'",
                pre, (const char *) g_private_get (&thread_local));

  /* Dispatchers.Default + threadLocal.asContextElement(value = "launch") */
  element = coro_thread_local_element_new (&thread_local, (gpointer) "launch", NULL);
  job = coro_launch_full (scope,
                          &(CoroContext) {
                            .dispatcher = coro_dispatcher_default (),
                            .elements = (CoroElement *[]) { element, NULL },
                          },
                          thread_local_launched, data, NULL);
  if (!coro_job_join (job, error))
    return NULL;

  post = thread_string ();
  test_println ("Post-main, current thread: %s, thread local value: '%s'",
                post, (const char *) g_private_get (&thread_local));
  return NULL;
}

/* "Thread[DefaultDispatcher-worker-1 @coroutine#2,5,main]": which worker
 * is not up to us, in the guide either (the two lines show two). */
static void
assert_launched_thread (const char *thread,
                        guint64     id)
{
  g_autofree char *suffix = g_strdup_printf (" @coroutine#%" G_GUINT64_FORMAT ",5,main]", id);
  g_autofree char *worker = NULL;

  g_assert_true (g_str_has_prefix (thread, "Thread["));
  g_assert_true (g_str_has_suffix (thread, suffix));
  worker = g_strndup (thread + strlen ("Thread["), strlen (thread) - strlen ("Thread[") - strlen (suffix));
  assert_worker_thread (worker);
}

static void
test_thread_local_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line1 = NULL;
  g_autofree char *line2 = NULL;
  g_autofree char *line3 = NULL;
  g_autofree char *line4 = NULL;
  ThreadLocalData data = { 0, 0, NULL, NULL };

  test_log_reset ();
  coro_debug_set_enabled (TRUE);
  coro_run_blocking (thread_local_body, &data, &error);
  coro_debug_set_enabled (FALSE);
  g_assert_no_error (error);
  g_assert_cmpstr (g_private_get (&thread_local), ==, "main");
  g_private_set (&thread_local, NULL);

  g_assert_cmpuint (data.launched_id, ==, data.main_id + 1);
  assert_launched_thread (data.launch_start, data.launched_id);
  assert_launched_thread (data.after_yield, data.launched_id);

  line1 = g_strdup_printf ("Pre-main, current thread: Thread[main @coroutine#%" G_GUINT64_FORMAT ",5,main], "
                           "thread local value: 'main'", data.main_id);
  line2 = g_strdup_printf ("Launch start, current thread: %s, thread local value: 'launch'", data.launch_start);
  line3 = g_strdup_printf ("After yield, current thread: %s, thread local value: 'launch'", data.after_yield);
  line4 = g_strdup_printf ("Post-main, current thread: Thread[main @coroutine#%" G_GUINT64_FORMAT ",5,main], "
                           "thread local value: 'main'", data.main_id);
  TEST_LOG_ASSERT (line1, line2, line3, line4);

  g_free (data.launch_start);
  g_free (data.after_yield);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/guide/context/dispatchers-and-threads", test_dispatchers_and_threads);
  g_test_add_func ("/coro/guide/context/unconfined-vs-confined", test_unconfined_vs_confined);
  g_test_add_func ("/coro/guide/context/debugging-using-logging", test_debugging_using_logging);
  g_test_add_func ("/coro/guide/context/jumping-between-threads", test_jumping_between_threads);
  g_test_add_func ("/coro/guide/context/job-in-context", test_job_in_context);
  g_test_add_func ("/coro/guide/context/children-of-a-coroutine", test_children_of_a_coroutine);
  g_test_add_func ("/coro/guide/context/parental-responsibilities", test_parental_responsibilities);
  g_test_add_func ("/coro/guide/context/naming-coroutines", test_naming_coroutines);
  g_test_add_func ("/coro/guide/context/combining-context-elements", test_combining_context_elements);
  g_test_add_func ("/coro/guide/context/coroutine-scope", test_coroutine_scope);
  g_test_add_func ("/coro/guide/context/thread-local-data", test_thread_local_data);

  return g_test_run ();
}
