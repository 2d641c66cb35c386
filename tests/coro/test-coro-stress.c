/* test-coro-stress.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

/*
 * Load tests for the coroutine layer, in real time: many coroutines at
 * once, mass cancellation, stack overflow reports, and many thread hops.
 * They check counts and leaks, never durations. Under valgrind the counts
 * are scaled down.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include <coro.h>

#ifdef HAVE_VALGRIND
# include <valgrind/valgrind.h>
#else
# define RUNNING_ON_VALGRIND 0
#endif

#if defined(__SANITIZE_ADDRESS__)
# define TEST_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define TEST_ASAN 1
# endif
#endif
#ifndef TEST_ASAN
# define TEST_ASAN 0
#endif

/* How long a stuck test may wait for work before it gives up and dumps the
 * live coroutines: a lost resume shows as a hang, and this turns it into a
 * failure that says where everyone waits. */
#define HANG_TIMEOUT_SEC 120

static const char *test_argv0;

static gboolean
under_valgrind (void)
{
  return RUNNING_ON_VALGRIND || g_getenv ("CORO_UNDER_VALGRIND") != NULL;
}

static guint
scaled (guint normal,
        guint valgrind)
{
  return under_valgrind () ? valgrind : normal;
}

static gboolean
keep_source (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*DoneFunc) (gpointer data);

/* Iterates @context on this thread until @done says so; fails with a dump
 * of the live coroutines if that takes more than HANG_TIMEOUT_SEC. */
static void
iterate_until (GMainContext *context,
               DoneFunc      done,
               gpointer      data)
{
  gint64 deadline = g_get_monotonic_time () + HANG_TIMEOUT_SEC * G_USEC_PER_SEC;
  GSource *tick = g_timeout_source_new (100);

  /* Wakes the loop now and then, so that the deadline is looked at even if
   * nothing else ever comes. */
  g_source_set_callback (tick, keep_source, NULL, NULL);
  g_source_attach (tick, context);

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *dump = coro_debug_dump_to_string ();

          g_error ("no progress for %d s; %s", HANG_TIMEOUT_SEC, dump);
        }
      g_main_context_iteration (context, TRUE);
    }

  g_source_destroy (tick);
  g_source_unref (tick);
}

/* Runs what is ready on @context without blocking. */
static void
iterate_pending (GMainContext *context)
{
  while (g_main_context_iteration (context, FALSE))
    ;
}

/* A dispatcher on a context that this thread runs by hand: its stack pool
 * can be looked at between iterations. */
typedef struct
{
  GMainContext   *context;
  CoroDispatcher *dispatcher;
} Home;

static void
home_init (Home       *home,
           const char *name)
{
  home->context = g_main_context_new ();
  home->dispatcher = coro_dispatcher_new_for_context (home->context, name);
}

static gboolean
home_is_idle (gpointer data)
{
  Home *home = data;

  return coro_dispatcher_get_n_live (home->dispatcher) == 0;
}

static void
home_clear (Home *home)
{
  iterate_until (home->context, home_is_idle, home);
  /* What is left to run on the context is only bookkeeping (resume tasks
   * for coroutines that are done); let it go before the dispatcher. */
  iterate_pending (home->context);
  g_clear_pointer (&home->dispatcher, coro_dispatcher_unref);
  g_clear_pointer (&home->context, g_main_context_unref);
}

/* (a) Many coroutines at once */

typedef struct
{
  guint n;
  gint  n_done;
  guint baseline;
} Many;

static gpointer
delay_one_second (CoroJob  *scope,
                  gpointer  user_data,
                  GError  **error)
{
  Many *many = user_data;

  if (!coro_delay (1000, error))
    return NULL;
  g_atomic_int_inc (&many->n_done);
  return NULL;
}

static gpointer
launch_many (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  Many *many = user_data;

  for (guint i = 0; i < many->n; i++)
    coro_job_unref (coro_launch (scope, delay_one_second, many, NULL));

  /* Once they have all started, they all wait at the same time: each
   * holds a stack while nobody is done yet. */
  if (!coro_delay (500, error))
    return NULL;
  g_assert_cmpint (g_atomic_int_get (&many->n_done), ==, 0);
  g_assert_cmpuint (coro_debug_get_n_live (), ==, many->baseline + many->n + 1);
  return NULL;
}

static void
test_stress_many_delays (void)
{
  g_autoptr(GError) error = NULL;
  Many many = { 0 };

  many.n = scaled (100000, 1000);
  many.baseline = coro_debug_get_n_live ();
  coro_run_blocking (launch_many, &many, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_atomic_int_get (&many.n_done), ==, many.n);
  g_assert_cmpuint (coro_debug_get_n_live (), ==, many.baseline);
}

/* (b) Cancelling many suspended coroutines, each waiting on something
 * different. */

typedef enum
{
  WAIT_DELAY,
  WAIT_RECEIVE,
  WAIT_SEND,
  WAIT_MUTEX,
  WAIT_SEMAPHORE,
  WAIT_JOIN,
  WAIT_TIMEOUT_BLOCK,
  WAIT_SCOPE_CHILD,
  N_WAITS
} WaitKind;

typedef struct
{
  CoroChannel   *nothing_sent;       /* receivers wait here */
  CoroChannel   *nothing_received;   /* senders wait here */
  CoroMutex     *mutex;
  CoroSemaphore *semaphore;
  CoroJob       *blocker;
  gint           n_waiting;
  gint           n_cancelled;
  gint           n_elements;
} Waits;

typedef struct
{
  Waits    *waits;
  WaitKind  kind;
} Waiter;

static void
element_free (gpointer element)
{
  Waits *waits = element;

  g_atomic_int_add (&waits->n_elements, -1);
}

static gpointer
delay_forever (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  Waits *waits = user_data;

  g_atomic_int_inc (&waits->n_waiting);
  coro_delay (G_MAXINT32, error);
  return NULL;
}

static gpointer
scope_with_child (CoroJob  *scope,
                  gpointer  user_data,
                  GError  **error)
{
  g_autoptr(CoroJob) child = coro_launch (scope, delay_forever, user_data, NULL);

  return NULL;
}

static gpointer
wait_in_block (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  Waits *waits = user_data;

  g_atomic_int_inc (&waits->n_waiting);
  coro_delay (G_MAXINT32, error);
  return NULL;
}

static gpointer
wait_somehow (CoroJob  *scope,
              gpointer  user_data,
              GError  **error)
{
  Waiter *waiter = user_data;
  Waits *waits = waiter->waits;
  GError *local_error = NULL;
  gpointer element = NULL;

  switch (waiter->kind)
    {
    case WAIT_DELAY:
      g_atomic_int_inc (&waits->n_waiting);
      coro_delay (G_MAXINT32, &local_error);
      break;

    case WAIT_RECEIVE:
      g_atomic_int_inc (&waits->n_waiting);
      if (coro_channel_receive (waits->nothing_sent, &element, &local_error))
        g_error ("a receiver was given an element");
      break;

    case WAIT_SEND:
      /* The channel's destroy function counts the element down when the
       * cancelled send drops it. */
      g_atomic_int_inc (&waits->n_elements);
      g_atomic_int_inc (&waits->n_waiting);
      coro_channel_send (waits->nothing_received, waits, &local_error);
      break;

    case WAIT_MUTEX:
      g_atomic_int_inc (&waits->n_waiting);
      if (coro_mutex_lock (waits->mutex, &local_error))
        g_error ("a coroutine got the held mutex");
      break;

    case WAIT_SEMAPHORE:
      g_atomic_int_inc (&waits->n_waiting);
      if (coro_semaphore_acquire (waits->semaphore, &local_error))
        g_error ("a coroutine got a permit that was never released");
      break;

    case WAIT_JOIN:
      g_atomic_int_inc (&waits->n_waiting);
      coro_job_join (waits->blocker, &local_error);
      break;

    case WAIT_TIMEOUT_BLOCK:
      coro_with_timeout (G_MAXINT32, wait_in_block, waits, &local_error);
      break;

    case WAIT_SCOPE_CHILD:
      /* The scope waits for its child; the cancellation reaches both. */
      coro_scope (scope_with_child, waits, &local_error);
      break;

    case N_WAITS:
    default:
      g_assert_not_reached ();
    }

  if (coro_error_is_cancelled (local_error))
    g_atomic_int_inc (&waits->n_cancelled);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return NULL;
}

static void
waits_init (Waits *waits)
{
  memset (waits, 0, sizeof *waits);
  waits->nothing_sent = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, element_free);
  waits->nothing_received = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, element_free);
  waits->mutex = coro_mutex_new ();
  waits->semaphore = coro_semaphore_new (1);
  waits->blocker = coro_job_new (CORO_GLOBAL_SCOPE, NULL, FALSE);

  /* Held for good, from outside any coroutine. */
  g_assert_true (coro_mutex_try_lock (waits->mutex));
  g_assert_true (coro_semaphore_try_acquire (waits->semaphore));
}

static void
waits_clear (Waits *waits)
{
  /* The blocker ends only now, so that cancelled joins never saw it end. */
  g_assert_true (coro_job_complete (waits->blocker));
  g_assert_true (coro_job_is_completed (waits->blocker));
  g_clear_pointer (&waits->blocker, coro_job_unref);
  coro_mutex_unlock (waits->mutex);
  g_clear_pointer (&waits->mutex, coro_mutex_free);
  coro_semaphore_release (waits->semaphore);
  g_clear_pointer (&waits->semaphore, coro_semaphore_free);
  g_clear_pointer (&waits->nothing_sent, coro_channel_unref);
  g_clear_pointer (&waits->nothing_received, coro_channel_unref);
}

typedef struct
{
  Waits *waits;
  gint   n;
} AllWaiting;

static gboolean
all_waiting (gpointer data)
{
  AllWaiting *all = data;

  return g_atomic_int_get (&all->waits->n_waiting) == all->n;
}

/* The coroutines are launched from outside any coroutine, on a dispatcher
 * that this thread runs, so its stack pool can be checked once they are
 * all gone. Half are roots cancelled one by one; the other half are the
 * children of a standalone job (kotlinx's CoroutineScope (Job ())), all
 * cancelled with it. */
static void
test_stress_cancel_suspended (void)
{
  guint n = scaled (1000, 100);
  guint baseline = coro_debug_get_n_live ();
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) coro_job_unref);
  g_autoptr(CoroJob) parent = NULL;
  AllWaiting all;
  Waits waits;
  Home home;
  guint n_coroutines = 0;

  home_init (&home, "stress");
  waits_init (&waits);
  parent = coro_job_new (CORO_GLOBAL_SCOPE, home.dispatcher, FALSE);

  for (guint i = 0; i < n; i++)
    {
      Waiter *waiter = g_new0 (Waiter, 1);

      waiter->waits = &waits;
      waiter->kind = i % N_WAITS;
      /* The scope case has a second coroutine, its child. */
      n_coroutines += waiter->kind == WAIT_SCOPE_CHILD ? 2 : 1;
      if (i % 2 == 0)
        g_ptr_array_add (jobs, coro_launch_full (CORO_GLOBAL_SCOPE,
                                                 &(CoroContext) { .dispatcher = home.dispatcher },
                                                 wait_somehow, waiter, g_free));
      else
        g_ptr_array_add (jobs, coro_launch (parent, wait_somehow, waiter, g_free));
    }

  all.waits = &waits;
  all.n = n;
  iterate_until (home.context, all_waiting, &all);
  iterate_pending (home.context);

  g_assert_cmpuint (coro_dispatcher_get_n_live (home.dispatcher), ==, n_coroutines);
  g_assert_cmpuint (coro_dispatcher_get_n_stacks_in_use (home.dispatcher), ==, n_coroutines);
  g_assert_cmpuint (coro_debug_get_n_live (), ==, baseline + n_coroutines);
  g_assert_cmpint (g_atomic_int_get (&waits.n_elements), ==, (gint) (n / N_WAITS + (n % N_WAITS > WAIT_SEND)));

  for (guint i = 0; i < jobs->len; i += 2)
    coro_job_cancel (g_ptr_array_index (jobs, i));
  coro_job_cancel (parent);
  iterate_until (home.context, home_is_idle, &home);
  iterate_pending (home.context);

  /* Cancelled, the standalone job is final once its children are. */
  g_assert_true (coro_job_is_completed (parent));
  g_assert_true (coro_job_is_cancelled (parent));

  for (guint i = 0; i < jobs->len; i++)
    {
      CoroJob *job = g_ptr_array_index (jobs, i);

      g_assert_true (coro_job_is_completed (job));
      g_assert_true (coro_job_is_cancelled (job));
    }
  g_assert_cmpint (g_atomic_int_get (&waits.n_cancelled), ==, n);
  g_assert_cmpint (g_atomic_int_get (&waits.n_elements), ==, 0);

  /* Every stack is back in the pool, which keeps only so many. */
  g_assert_cmpuint (coro_dispatcher_get_n_stacks_in_use (home.dispatcher), ==, 0);
  g_assert_cmpuint (coro_dispatcher_get_n_idle_stacks (home.dispatcher), >, 0);
  g_assert_cmpuint (coro_dispatcher_get_n_idle_stacks (home.dispatcher), <=, n_coroutines);
  g_assert_cmpuint (coro_debug_get_n_live (), ==, baseline);

  waits_clear (&waits);
  home_clear (&home);
}

/* The same inside coro_run_test(), cancelling from a coroutine: the test's
 * own coroutine holds one stack of the test dispatcher's pool throughout. */

typedef struct
{
  guint n;
  Waits waits;
} CancelInTest;

static gpointer
cancel_in_test_body (CoroJob  *scope,
                     gpointer  user_data,
                     GError  **error)
{
  CancelInTest *test = user_data;
  CoroDispatcher *dispatcher = coro_test_dispatcher ();
  guint stacks_before = coro_dispatcher_get_n_stacks_in_use (dispatcher);
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) coro_job_unref);
  guint n_coroutines = 0;

  g_assert_cmpuint (stacks_before, ==, 1);

  for (guint i = 0; i < test->n; i++)
    {
      Waiter *waiter = g_new0 (Waiter, 1);

      waiter->waits = &test->waits;
      waiter->kind = i % N_WAITS;
      n_coroutines += waiter->kind == WAIT_SCOPE_CHILD ? 2 : 1;
      g_ptr_array_add (jobs, coro_launch (scope, wait_somehow, waiter, g_free));
    }
  if (!coro_test_run_current (error))
    return NULL;

  g_assert_cmpint (g_atomic_int_get (&test->waits.n_waiting), ==, test->n);
  g_assert_cmpuint (coro_dispatcher_get_n_stacks_in_use (dispatcher), ==, stacks_before + n_coroutines);
  g_assert_cmpuint (coro_dispatcher_get_n_live (dispatcher), ==, 1 + n_coroutines);

  for (guint i = 0; i < jobs->len; i++)
    coro_job_cancel (g_ptr_array_index (jobs, i));
  if (!coro_join_all ((CoroJob **) jobs->pdata, jobs->len, error))
    return NULL;

  g_assert_cmpint (g_atomic_int_get (&test->waits.n_cancelled), ==, test->n);
  g_assert_cmpint (g_atomic_int_get (&test->waits.n_elements), ==, 0);

  /* Finished fibers give their stacks back before their joiners resume. */
  g_assert_cmpuint (coro_dispatcher_get_n_live (dispatcher), ==, 1);
  g_assert_cmpuint (coro_dispatcher_get_n_stacks_in_use (dispatcher), ==, stacks_before);
  return NULL;
}

static void
test_stress_cancel_suspended_in_test (void)
{
  g_autoptr(GError) error = NULL;
  guint baseline = coro_debug_get_n_live ();
  CancelInTest test;

  test.n = scaled (1000, 100);
  waits_init (&test.waits);
  coro_run_test (cancel_in_test_body, &test, &error);
  g_assert_no_error (error);
  waits_clear (&test.waits);
  g_assert_cmpuint (coro_debug_get_n_live (), ==, baseline);
}

/* (c) Stack overflow in a coroutine. The child process must die with a
 * report that names the coroutine. Under ASan, ASan's own stack-overflow
 * report is accepted as well (see test-coro-fiber.c: a runtime that keeps
 * its own SIGSEGV handler reports the fault itself). */

#define OVERFLOW_STACK_SIZE (64 * 1024)

static guint
recurse (guint depth)
{
  volatile guint8 frame[200];

  frame[0] = (guint8) depth;
  frame[199] = frame[0];
  /* Not a tail call: the addition comes after the return. */
  if (depth < G_MAXUINT)
    return recurse (depth + 1) + frame[199];
  return frame[0];
}

static gpointer
recurse_forever (CoroJob  *scope,
                 gpointer  user_data,
                 GError  **error)
{
  return GUINT_TO_POINTER (recurse (0));
}

static gpointer
overflow_root (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  const char *where = user_data;
  g_autoptr(CoroJob) job = NULL;

  job = coro_launch_full (scope, &(CoroContext) {
                            .name = "deep-recursion",
                            .stack_size = OVERFLOW_STACK_SIZE,
                            .dispatcher = g_str_equal (where, "default") ? coro_dispatcher_default () : NULL },
                          recurse_forever, NULL, NULL);
  coro_job_join (job, error);
  return NULL;
}

static void
test_stress_overflow (gconstpointer data)
{
  const char *where = data;

  if (under_valgrind ())
    {
      g_test_skip ("valgrind reports stack overflows itself and cannot run the guard handler");
      return;
    }

  if (g_test_subprocess ())
    {
      coro_run_blocking (overflow_root, (gpointer) where, NULL);
      /* Not reached: the overflow must abort the process. */
      return;
    }

#if TEST_ASAN
  {
    /* g_test_trap_assert_stderr() takes one pattern; run the child by hand
     * to accept either report. */
    const char *child_argv[] = { test_argv0, "-p", g_test_get_path (), "--GTestSubprocess", NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *child_err = NULL;
    int status = 0;

    g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, &child_err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    if (strstr (child_err, "coroutine 'deep-recursion' overflowed its stack (64 KiB)") == NULL &&
        strstr (child_err, "ERROR: AddressSanitizer: stack-overflow") == NULL)
      g_error ("the child did not report the overflow; its stderr was:\n%s", child_err);
  }
#else
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*coroutine 'deep-recursion' overflowed its stack (64 KiB)*");
#endif
}

/* (d, e) Thread hops with coro_with_context(): from home to away and,
 * nested, back home, many times over, from several coroutines at once.
 * A lost resume would leave a hopper waiting forever. */

typedef struct
{
  CoroDispatcher *home;
  GThread        *home_thread;   /* NULL when home is a pool */
  CoroDispatcher *away;
  guint           n_hops;
  gint            n_home;
  gint            n_away;
  gint            n_hoppers_done;
} Hops;

static gpointer
on_home (CoroJob  *scope,
         gpointer  user_data,
         GError  **error)
{
  Hops *hops = user_data;

  if (hops->home_thread != NULL)
    g_assert_true (g_thread_self () == hops->home_thread);
  g_atomic_int_inc (&hops->n_home);
  return GINT_TO_POINTER (1);
}

static gpointer
on_away (CoroJob  *scope,
         gpointer  user_data,
         GError  **error)
{
  Hops *hops = user_data;
  gpointer back;

  if (hops->home_thread != NULL)
    g_assert_false (g_thread_self () == hops->home_thread);
  g_atomic_int_inc (&hops->n_away);
  back = coro_with_context (hops->home, on_home, hops, error);
  if (back == NULL)
    return NULL;
  return GINT_TO_POINTER (GPOINTER_TO_INT (back) + 1);
}

static gpointer
hopper (CoroJob  *scope,
        gpointer  user_data,
        GError  **error)
{
  Hops *hops = user_data;

  for (guint i = 0; i < hops->n_hops; i++)
    {
      gpointer result = coro_with_context (hops->away, on_away, hops, error);

      if (result == NULL)
        return NULL;
      g_assert_cmpint (GPOINTER_TO_INT (result), ==, 2);
    }
  g_atomic_int_inc (&hops->n_hoppers_done);
  return NULL;
}

static gboolean
jobs_done (gpointer data)
{
  GPtrArray *jobs = data;

  for (guint i = 0; i < jobs->len; i++)
    if (!coro_job_is_completed (g_ptr_array_index (jobs, i)))
      return FALSE;
  return TRUE;
}

/* Runs @n_hoppers hoppers of @n_hops round trips each between a home
 * dispatcher run by this thread (or Default, if @home_is_default) and
 * @away, then checks that every hop came back. */
static void
run_hoppers (CoroDispatcher *away,
             gboolean        home_is_default,
             guint           n_hoppers,
             guint           n_hops)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) coro_job_unref);
  guint baseline = coro_debug_get_n_live ();
  Hops hops = { 0 };
  Home home = { 0 };

  home_init (&home, "home");
  hops.home = home_is_default ? coro_dispatcher_default () : home.dispatcher;
  hops.home_thread = home_is_default ? NULL : g_thread_self ();
  hops.away = away;
  hops.n_hops = n_hops;

  for (guint i = 0; i < n_hoppers; i++)
    g_ptr_array_add (jobs, coro_launch_full (CORO_GLOBAL_SCOPE,
                                             &(CoroContext) { .dispatcher = hops.home, .name = "hopper" },
                                             hopper, &hops, NULL));

  iterate_until (home.context, jobs_done, jobs);

  for (guint i = 0; i < jobs->len; i++)
    {
      g_autoptr(GError) error = coro_job_dup_error (g_ptr_array_index (jobs, i));

      g_assert_no_error (error);
    }
  g_assert_cmpint (g_atomic_int_get (&hops.n_hoppers_done), ==, n_hoppers);
  g_assert_cmpint (g_atomic_int_get (&hops.n_away), ==, n_hoppers * n_hops);
  g_assert_cmpint (g_atomic_int_get (&hops.n_home), ==, n_hoppers * n_hops);

  home_clear (&home);

  /* A finished coroutine leaves the registry on its own thread, maybe a
   * moment after its joiner saw it final. */
  for (guint i = 0; coro_debug_get_n_live () != baseline; i++)
    {
      if (i == HANG_TIMEOUT_SEC * 1000)
        g_error ("%u coroutines never left the registry", coro_debug_get_n_live () - baseline);
      g_usleep (1000);
    }
}

static void
test_stress_hops_default (void)
{
  run_hoppers (coro_dispatcher_default (), FALSE, 1, scaled (10000, 200));
}

static void
test_stress_hops_default_concurrent (void)
{
  run_hoppers (coro_dispatcher_default (), FALSE, 8, scaled (2000, 50));
}

static void
test_stress_hops_single_thread (void)
{
  CoroDispatcher *single = coro_dispatcher_new_single_thread ("single");

  run_hoppers (single, FALSE, 1, scaled (10000, 200));
  coro_dispatcher_close (single);
  coro_dispatcher_unref (single);
}

static void
test_stress_hops_single_thread_concurrent (void)
{
  CoroDispatcher *single = coro_dispatcher_new_single_thread ("single");

  run_hoppers (single, FALSE, 8, scaled (2000, 50));
  /* Hoppers on Default hop to the same thread: no test thread involved. */
  run_hoppers (single, TRUE, 4, scaled (2000, 50));
  coro_dispatcher_close (single);
  coro_dispatcher_unref (single);
}

/* (f) A hand-off across threads to a receiver that is cancelled as it
 * happens. The sender resumes the receiver after unlocking the channel;
 * by then the cancelled receiver may have gone on on its own thread and
 * ended, so the sender must have read what it needs under the lock, and
 * keep the coroutine alive. Every element is received or dropped, once. */

typedef struct
{
  CoroDispatcher *receivers;
  CoroDispatcher *senders;
  CoroChannel    *channel;
  gint            n_received;
  gint            n_dropped;
} Handoff;

static void
handoff_dropped (gpointer element)
{
  gint *n_dropped = element;

  g_atomic_int_inc (n_dropped);
}

static gpointer
handoff_wait_anew (CoroJob  *scope,
                   gpointer  data,
                   GError  **error)
{
  coro_delay (1, NULL);
  return NULL;
}

static gpointer
handoff_receive (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  Handoff *handoff = data;
  gpointer element;

  if (coro_channel_receive (handoff->channel, &element, NULL))
    g_atomic_int_inc (&handoff->n_received);
  else
    /* Cancelled: waits anew at once, which reuses the room the channel's
     * waiter had (a delay's timer shares it). */
    coro_with_non_cancellable (handoff_wait_anew, NULL, NULL);
  return NULL;
}

static gpointer
handoff_send (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  Handoff *handoff = data;

  coro_channel_send (handoff->channel, &handoff->n_dropped, NULL);
  return NULL;
}

static gint
handoff_count (Handoff *handoff)
{
  return g_atomic_int_get (&handoff->n_received) + g_atomic_int_get (&handoff->n_dropped);
}

static gpointer
handoff_rounds (CoroJob  *scope,
                gpointer  data,
                GError  **error)
{
  Handoff *handoff = data;
  guint n = scaled (20000, 200);

  for (guint i = 0; i < n; i++)
    {
      CoroJob *receiver;
      CoroJob *sender;

      handoff->channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, handoff_dropped);
      receiver = coro_launch_full (scope, &(CoroContext) { .dispatcher = handoff->receivers },
                                   handoff_receive, handoff, NULL);
      sender = coro_launch_full (scope, &(CoroContext) { .dispatcher = handoff->senders },
                                 handoff_send, handoff, NULL);
      /* Sooner or later, so that the cancel meets each step of the hand-off. */
      for (guint spin = g_random_int_range (0, 200); spin > 0; spin--)
        g_atomic_int_get (&handoff->n_received);
      coro_job_cancel (receiver);
      g_assert_true (coro_job_join (receiver, NULL));
      coro_channel_cancel (handoff->channel);
      g_assert_true (coro_job_join (sender, NULL));
      coro_job_unref (receiver);
      coro_job_unref (sender);
      coro_channel_unref (handoff->channel);

      /* A resume that came too late drops its element on the receivers'
       * thread, maybe a moment after the joins. */
      for (guint wait = 0; handoff_count (handoff) != i + 1 && wait < HANG_TIMEOUT_SEC * 1000; wait++)
        g_usleep (1000);
      g_assert_cmpint (handoff_count (handoff), ==, i + 1);
    }
  return NULL;
}

static void
test_stress_handoff_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  guint baseline = coro_debug_get_n_live ();
  Handoff handoff = { 0 };

  handoff.receivers = coro_dispatcher_new_single_thread ("receivers");
  handoff.senders = coro_dispatcher_new_single_thread ("senders");
  coro_run_blocking (handoff_rounds, &handoff, &error);
  g_assert_no_error (error);
  g_assert_cmpint (handoff.n_received, >, 0);
  coro_dispatcher_close (handoff.receivers);
  coro_dispatcher_close (handoff.senders);
  coro_dispatcher_unref (handoff.receivers);
  coro_dispatcher_unref (handoff.senders);

  for (guint i = 0; coro_debug_get_n_live () != baseline; i++)
    {
      if (i == HANG_TIMEOUT_SEC * 1000)
        g_error ("%u coroutines never left the registry", coro_debug_get_n_live () - baseline);
      g_usleep (1000);
    }
}

int
main (int   argc,
      char *argv[])
{
  test_argv0 = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/stress/many-delays", test_stress_many_delays);
  g_test_add_func ("/coro/stress/cancel-suspended/own-dispatcher", test_stress_cancel_suspended);
  g_test_add_func ("/coro/stress/cancel-suspended/run-test", test_stress_cancel_suspended_in_test);
  g_test_add_data_func ("/coro/stress/overflow/caller", "caller", test_stress_overflow);
  g_test_add_data_func ("/coro/stress/overflow/default", "default", test_stress_overflow);
  g_test_add_func ("/coro/stress/hops/default", test_stress_hops_default);
  g_test_add_func ("/coro/stress/hops/default-concurrent", test_stress_hops_default_concurrent);
  g_test_add_func ("/coro/stress/hops/single-thread", test_stress_hops_single_thread);
  g_test_add_func ("/coro/stress/hops/single-thread-concurrent", test_stress_hops_single_thread_concurrent);
  g_test_add_func ("/coro/stress/handoff-cancelled", test_stress_handoff_cancelled);

  return g_test_run ();
}
