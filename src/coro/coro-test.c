/* coro-test.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-test.h"

#include "coro-debug.h"
#include "coro-debug-private.h"
#include "coro-delay.h"
#include "coro-dispatcher-private.h"
#include "coro-error.h"
#include "coro-job-private.h"

/*
 * Virtual time, the counterpart of kotlinx's runTest. The test body runs on
 * a dispatcher whose clock only moves when nothing is runnable: then it
 * jumps to the next timer. Work that is not ours (GIO callbacks for real
 * I/O) is waited for in real time, with a bound, on a private GMainContext
 * pushed as the thread-default, so GIO delivers its callbacks there.
 *
 * Code on other dispatchers (Default's workers) keeps real time, as in
 * kotlinx; code under test should take its dispatcher from its caller.
 */

typedef enum
{
  WAIT_NONE,
  WAIT_ADVANCE,       /* until `target`, running what is due strictly before */
  WAIT_RUN_CURRENT,   /* run what is due now */
  WAIT_UNTIL_IDLE,    /* run until no timer is left */
} WaitMode;

typedef struct
{
  CoroDispatcher *dispatcher;
  CoroJob        *background;
  CoroCoroutine  *waiter;
  guint64         waiter_id;
  WaitMode        mode;
  gint64          target;
} TestRun;

static __thread TestRun *current_run;

static TestRun *
require_run (const char  *func_name,
             GError     **error)
{
  CoroCoroutine *co = _coro_coroutine_require (func_name, error);

  if (co == NULL)
    return NULL;

  if (current_run == NULL || co->executor != current_run->dispatcher)
    {
      g_critical ("%s: must be called from a coroutine of coro_run_test()", func_name);
      g_set_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE,
                   "%s must be called from a coroutine of coro_run_test()", func_name);
      return NULL;
    }

  return current_run;
}

static void
clear_waiter (CoroCoroutine *co,
              gpointer       data)
{
  TestRun *run = data;

  run->waiter = NULL;
  run->mode = WAIT_NONE;
}

static const CoroWaitKind test_scheduler_wait = { "test scheduler", clear_waiter, NULL };

static gboolean
wait_for_scheduler (const char  *func_name,
                    WaitMode     mode,
                    gint64       ms,
                    GError     **error)
{
  TestRun *run = require_run (func_name, error);
  CoroCoroutine *co;

  if (run == NULL)
    return FALSE;

  co = _coro_coroutine_self ();
  if (!_coro_coroutine_check_active (co, error))
    return FALSE;

  if (run->waiter != NULL)
    {
      g_critical ("%s: another coroutine is already advancing time", func_name);
      return FALSE;
    }

  run->waiter = co;
  run->waiter_id = co->wait_id + 1;
  run->mode = mode;
  run->target = run->dispatcher->virtual_now + MAX (ms, 0) * 1000;

  return _coro_coroutine_suspend (co, &test_scheduler_wait, TRUE, run, NULL, error);
}

/* Moves the scheduler one step for a test coroutine that waits on it.
 * Returns FALSE when there is no such waiter. */
static gboolean
step_waiter (TestRun *run)
{
  CoroDispatcher *dispatcher = run->dispatcher;
  gboolean fired;

  if (run->waiter == NULL)
    return FALSE;

  switch (run->mode)
    {
    case WAIT_ADVANCE:
      fired = _coro_dispatcher_fire_next_timer (dispatcher, run->target, FALSE);
      break;

    case WAIT_RUN_CURRENT:
      fired = _coro_dispatcher_fire_next_timer (dispatcher, dispatcher->virtual_now, TRUE);
      break;

    case WAIT_UNTIL_IDLE:
      fired = _coro_dispatcher_fire_next_timer (dispatcher, G_MAXINT64, TRUE);
      break;

    case WAIT_NONE:
    default:
      g_assert_not_reached ();
    }

  if (!fired)
    {
      CoroCoroutine *waiter = run->waiter;

      if (run->mode == WAIT_ADVANCE)
        dispatcher->virtual_now = MAX (dispatcher->virtual_now, run->target);
      run->waiter = NULL;
      run->mode = WAIT_NONE;
      _coro_coroutine_resume (waiter, run->waiter_id, NULL, NULL, NULL);
    }

  return TRUE;
}

typedef enum
{
  DRIVE_DONE,
  DRIVE_EXPIRED,    /* the real-time bound ran out */
  DRIVE_DEADLOCK,   /* nothing can ever move again */
} DriveResult;

/* Whether anything outside the layer is registered on @context: a source
 * that is ready, has a deadline, or polls a descriptor besides the
 * context's own wake-up one. Runs one non-blocking iteration to ask. */
static gboolean
context_is_quiet (GMainContext *context)
{
  GPollFD fds[2];
  gint max_priority;
  gint timeout = -1;
  gint n_fds;
  gboolean ready;

  if (!g_main_context_acquire (context))
    return FALSE;
  ready = g_main_context_prepare (context, &max_priority);
  n_fds = g_main_context_query (context, max_priority, &timeout, fds, G_N_ELEMENTS (fds));
  if (g_main_context_check (context, max_priority, fds, MIN (n_fds, (gint) G_N_ELEMENTS (fds))))
    {
      ready = TRUE;
      g_main_context_dispatch (context);
    }
  g_main_context_release (context);

  return !ready && timeout < 0 && n_fds <= 1;
}

/* A deadlock is when nothing can ever wake the test's coroutines: no GIO
 * call of theirs is pending, no coroutine runs anywhere else (Default's
 * workers, GlobalScope on real threads), neither a join nor @job waits for
 * a job without a body (which a thread or a callback may complete), and
 * no other source waits on their context. A plain thread that would send to a channel is beyond
 * what the layer can see. The order matters: whatever a coroutine
 * elsewhere did before it finished is in the inbox by the time the
 * registry shows it gone. */
static gboolean
is_deadlocked (CoroDispatcher *dispatcher,
               CoroJob        *job)
{
  return g_atomic_int_get (&dispatcher->n_pending) == 0 &&
         !_coro_debug_may_be_woken_from_outside (dispatcher) &&
         !_coro_job_has_unfinished_bodyless (job) &&
         context_is_quiet (dispatcher->context) &&
         !_coro_dispatcher_has_ready_work (dispatcher);
}

static gboolean
real_timeout_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Drives @dispatcher until @job is final (and, with @until_no_live, its
 * coroutines are all gone), the real-time bound expires or nothing can
 * move any more. */
static DriveResult
drive (TestRun   *run,
       CoroJob   *job,
       gboolean   until_no_live,
       gint64     real_deadline)
{
  CoroDispatcher *dispatcher = run->dispatcher;
  GMainContext *context = dispatcher->context;

  _coro_job_wake_when_final (job, context);
  for (;;)
    {
      gboolean expired = FALSE;
      GSource *bound;
      gint64 remaining;

      while (g_main_context_iteration (context, FALSE))
        ;

      if (_coro_dispatcher_has_ready_work (dispatcher))
        continue;

      /* Done, once GIO has also called back for every operation started
       * here: a cancelled request is still torn down on this context. */
      if (coro_job_is_completed (job) && (!until_no_live || coro_dispatcher_get_n_live (dispatcher) == 0) &&
          g_atomic_int_get (&dispatcher->n_pending) == 0)
        return DRIVE_DONE;

      if (step_waiter (run))
        continue;

      if (_coro_dispatcher_fire_next_timer (dispatcher, G_MAXINT64, TRUE))
        continue;

      /* Nothing of ours can move: only real work (I/O) can, if any. */
      if (is_deadlocked (dispatcher, job))
        return DRIVE_DEADLOCK;
      if (_coro_dispatcher_has_ready_work (dispatcher))
        continue;

      remaining = real_deadline - g_get_monotonic_time ();
      if (remaining <= 0)
        return DRIVE_EXPIRED;

      bound = g_timeout_source_new (MAX (1, remaining / 1000));
      g_source_set_callback (bound, real_timeout_cb, &expired, NULL);
      g_source_attach (bound, context);
      g_main_context_iteration (context, TRUE);
      g_source_destroy (bound);
      g_source_unref (bound);

      if (expired)
        return DRIVE_EXPIRED;
    }
}

static void
cancel_all_on (CoroDispatcher *dispatcher)
{
  g_autoptr(GPtrArray) jobs = _coro_debug_dup_jobs_on (dispatcher);

  for (guint i = 0; i < jobs->len; i++)
    coro_job_cancel (g_ptr_array_index (jobs, i));
}

gpointer
coro_run_test_full (CoroFunc   func,
                    gpointer   user_data,
                    gint64     real_timeout_ms,
                    GError   **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  TestRun run = { 0 };
  TestRun *previous_run = current_run;
  CoroDispatcher *previous_main = _coro_debug_main_override ();
  CoroCoroutine *root;
  gint64 real_deadline = g_get_monotonic_time () + real_timeout_ms * 1000;
  gpointer result = NULL;
  DriveResult finished;

  g_return_val_if_fail (func != NULL, NULL);

  if (coro_is_in_coroutine ())
    {
      g_critical ("%s: must not be called from a coroutine", G_STRFUNC);
      g_set_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE,
                   "coro_run_test must not be called from a coroutine");
      return NULL;
    }

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  run.dispatcher = _coro_dispatcher_new_virtual (context, "test");
  run.background = g_new0 (CoroJob, 1);
  _coro_job_init (run.background, CORO_JOB_DETACHED, NULL, run.dispatcher, "background");
  current_run = &run;
  _coro_debug_set_main_override (run.dispatcher);

  root = _coro_coroutine_new (NULL, &(CoroContext) { .dispatcher = run.dispatcher, .name = "test" },
                              CORO_JOB_SCOPED, func, user_data, NULL);
  root->job.is_blocking = TRUE;
  _coro_coroutine_start (root);

  finished = drive (&run, &root->job, FALSE, real_deadline);
  if (finished != DRIVE_DONE)
    {
      g_autofree char *dump = coro_debug_dump_to_string ();
      g_autofree char *jobs = _coro_job_dup_unfinished (&root->job);

      if (finished == DRIVE_DEADLOCK)
        g_set_error (&local_error, CORO_ERROR, CORO_ERROR_DEADLOCK,
                     "Test deadlocked at %" G_GINT64_FORMAT " ms of virtual time: no coroutine "
                     "can run, no timer is set and nothing external is pending; %s"
                     "unfinished jobs:\n%s",
                     run.dispatcher->virtual_now / 1000, dump, jobs);
      else
        g_set_error (&local_error, CORO_ERROR, CORO_ERROR_TIMED_OUT_REAL,
                     "Test did not finish within %" G_GINT64_FORMAT " ms of real time; %s"
                     "unfinished jobs:\n%s",
                     real_timeout_ms, dump, jobs);
      coro_job_cancel (&root->job);
      drive (&run, &root->job, FALSE, g_get_monotonic_time () + G_USEC_PER_SEC);
    }

  /* Background work ends with the test, whatever it was doing. */
  coro_job_cancel (run.background);
  drive (&run, run.background, FALSE, g_get_monotonic_time () + 10 * G_USEC_PER_SEC);

  if (coro_job_is_completed (&root->job))
    result = _coro_job_take_outcome (&root->job, local_error == NULL ? &local_error : NULL);

  if (coro_dispatcher_get_n_live (run.dispatcher) > 0)
    {
      g_autofree char *dump = coro_debug_dump_to_string ();

      if (local_error == NULL)
        g_set_error (&local_error, CORO_ERROR, CORO_ERROR_LEAKED,
                     "Test ended with %u active coroutine(s): %s",
                     coro_dispatcher_get_n_live (run.dispatcher), dump);
      cancel_all_on (run.dispatcher);
      drive (&run, &root->job, TRUE, g_get_monotonic_time () + 10 * G_USEC_PER_SEC);
    }

  _coro_debug_set_main_override (previous_main);
  current_run = previous_run;
  coro_job_unref (run.background);
  coro_job_unref (&root->job);
  coro_dispatcher_unref (run.dispatcher);
  g_main_context_pop_thread_default (context);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return result;
}

gpointer
coro_run_test (CoroFunc   func,
               gpointer   user_data,
               GError   **error)
{
  return coro_run_test_full (func, user_data, CORO_TEST_DEFAULT_TIMEOUT_MS, error);
}

gint64
coro_test_current_time (void)
{
  if (current_run == NULL)
    return -1;
  return current_run->dispatcher->virtual_now / 1000;
}

gboolean
coro_test_advance_time_by (gint64    ms,
                           GError  **error)
{
  return wait_for_scheduler (G_STRFUNC, WAIT_ADVANCE, ms, error);
}

gboolean
coro_test_advance_until_idle (GError **error)
{
  return wait_for_scheduler (G_STRFUNC, WAIT_UNTIL_IDLE, 0, error);
}

gboolean
coro_test_run_current (GError **error)
{
  return wait_for_scheduler (G_STRFUNC, WAIT_RUN_CURRENT, 0, error);
}

CoroJob *
coro_test_background_scope (void)
{
  return current_run != NULL ? current_run->background : NULL;
}

CoroDispatcher *
coro_test_dispatcher (void)
{
  return current_run != NULL ? current_run->dispatcher : NULL;
}
