/* test-coro-fiber.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#ifdef HAVE_VALGRIND
# include <valgrind/valgrind.h>
#else
# define RUNNING_ON_VALGRIND 0
#endif

#include "coro-fiber-private.h"

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

#if TEST_ASAN
# define TEST_NO_SANITIZE_ADDRESS __attribute__((no_sanitize_address))
#else
# define TEST_NO_SANITIZE_ADDRESS
#endif

/* Ping-pong: values travel both ways through a shared slot. */
typedef struct
{
  int        in;
  int        out;
  int        steps;
  CoroFiber *self;
} PingPong;

static void
ping_pong_func (gpointer data)
{
  PingPong *pp = data;
  int i;

  for (i = 0; i < 5; i++)
    {
      pp->self = _coro_fiber_self ();
      pp->out = pp->in * 2 + i;
      pp->steps++;
      _coro_fiber_suspend ();
    }
  pp->out = -1;
}

static void
test_fiber_switch (void)
{
  CoroStackPool *pool = _coro_stack_pool_new ();
  PingPong pp = { 0, 0, 0, NULL };
  CoroFiber *fiber;
  int i;

  fiber = _coro_fiber_new (pool, 0, "ping-pong", ping_pong_func, &pp);
  g_assert_nonnull (fiber);
  g_assert_false (_coro_fiber_is_finished (fiber));
  g_assert_null (_coro_fiber_self ());
  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, 1);

  for (i = 0; i < 5; i++)
    {
      pp.in = 10 * i;
      _coro_fiber_resume (fiber);
      g_assert_cmpint (pp.out, ==, 20 * i + i);
      g_assert_cmpint (pp.steps, ==, i + 1);
      g_assert_true (pp.self == fiber);
      g_assert_null (_coro_fiber_self ());
      g_assert_false (_coro_fiber_is_finished (fiber));
    }

  _coro_fiber_resume (fiber);
  g_assert_cmpint (pp.out, ==, -1);
  g_assert_true (_coro_fiber_is_finished (fiber));

  _coro_fiber_free (fiber);
  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, 0);
  g_assert_cmpuint (_coro_stack_pool_get_n_idle (pool), ==, 1);
  _coro_stack_pool_free (pool);
}

/* Many fibers interleaved round-robin: each step is logged, and the log
 * must show the rounds in order with every fiber once per round.
 */
#define N_INTERLEAVED 50
#define N_ROUNDS      4

typedef struct
{
  int     id;
  GArray *log;
} Interleaved;

static void
interleaved_func (gpointer data)
{
  Interleaved *it = data;
  /* A local that must survive the switches. */
  int private_value = it->id * 1000;
  int round;

  for (round = 0; round < N_ROUNDS; round++)
    {
      int entry = private_value + round;

      g_array_append_val (it->log, entry);
      if (round + 1 < N_ROUNDS)
        _coro_fiber_suspend ();
    }
}

static void
test_fiber_interleaved (void)
{
  CoroStackPool *pool = _coro_stack_pool_new ();
  Interleaved items[N_INTERLEAVED];
  CoroFiber *fibers[N_INTERLEAVED];
  GArray *log = g_array_new (FALSE, FALSE, sizeof (int));
  int i, round;

  for (i = 0; i < N_INTERLEAVED; i++)
    {
      items[i].id = i;
      items[i].log = log;
      fibers[i] = _coro_fiber_new (pool, 0, "interleaved", interleaved_func, &items[i]);
    }
  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, N_INTERLEAVED);

  for (round = 0; round < N_ROUNDS; round++)
    for (i = 0; i < N_INTERLEAVED; i++)
      {
        g_assert_false (_coro_fiber_is_finished (fibers[i]));
        _coro_fiber_resume (fibers[i]);
        g_assert_cmpint (_coro_fiber_is_finished (fibers[i]), ==, round == N_ROUNDS - 1);
      }

  g_assert_cmpuint (log->len, ==, N_INTERLEAVED * N_ROUNDS);
  for (round = 0; round < N_ROUNDS; round++)
    for (i = 0; i < N_INTERLEAVED; i++)
      g_assert_cmpint (g_array_index (log, int, round * N_INTERLEAVED + i), ==, i * 1000 + round);

  for (i = 0; i < N_INTERLEAVED; i++)
    _coro_fiber_free (fibers[i]);

  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, 0);
  g_assert_cmpuint (_coro_stack_pool_get_n_idle (pool), ==, N_INTERLEAVED);

  g_array_unref (log);
  _coro_stack_pool_free (pool);
}

/* Pool reuse. */
static void
count_func (gpointer data)
{
  int *count = data;

  (*count)++;
}

static void
suspend_forever_func (gpointer data)
{
  int *count = data;

  (*count)++;
  for (;;)
    _coro_fiber_suspend ();
}

static void
test_fiber_pool_reuse (void)
{
  CoroStackPool *pool = _coro_stack_pool_new ();
  CoroFiber *fibers[10];
  int count = 0;
  guint i;

  /* Finished fibers give their stack back; the next ones take it again. */
  for (i = 0; i < 10; i++)
    fibers[i] = _coro_fiber_new (pool, 0, "reuse", count_func, &count);
  for (i = 0; i < 10; i++)
    {
      _coro_fiber_resume (fibers[i]);
      g_assert_true (_coro_fiber_is_finished (fibers[i]));
      _coro_fiber_free (fibers[i]);
    }
  g_assert_cmpint (count, ==, 10);
  g_assert_cmpuint (_coro_stack_pool_get_n_idle (pool), ==, 10);
  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, 0);

  for (i = 0; i < 4; i++)
    fibers[i] = _coro_fiber_new (pool, 0, "reuse", count_func, &count);
  g_assert_cmpuint (_coro_stack_pool_get_n_idle (pool), ==, 6);
  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, 4);

  /* Never resumed: freeing is allowed and returns the stack too. */
  for (i = 0; i < 4; i++)
    _coro_fiber_free (fibers[i]);
  g_assert_cmpint (count, ==, 10);
  g_assert_cmpuint (_coro_stack_pool_get_n_idle (pool), ==, 10);
  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, 0);

  _coro_stack_pool_free (pool);
}

/* 1,000 coroutines parked and then dropped without finishing, as a
 * cancelled scope whose fibers never run again would: every stack comes
 * back, and the pool keeps at most 64 of them idle.
 */
static void
test_fiber_pool_abandoned (void)
{
  CoroStackPool *pool = _coro_stack_pool_new ();
  GPtrArray *fibers = g_ptr_array_new ();
  int count = 0;
  guint i;

  for (i = 0; i < 1000; i++)
    {
      CoroFiber *fiber = _coro_fiber_new (pool, 0, "parked", suspend_forever_func, &count);

      _coro_fiber_resume (fiber);
      g_assert_false (_coro_fiber_is_finished (fiber));
      g_ptr_array_add (fibers, fiber);
    }
  g_assert_cmpint (count, ==, 1000);
  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, 1000);

  for (i = 0; i < fibers->len; i++)
    _coro_fiber_free (fibers->pdata[i]);

  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, 0);
  g_assert_cmpuint (_coro_stack_pool_get_n_idle (pool), ==, 64);

  /* A stack that held an abandoned frame is fine for a new fiber. */
  {
    CoroFiber *fiber = _coro_fiber_new (pool, 0, "after", count_func, &count);

    _coro_fiber_resume (fiber);
    g_assert_true (_coro_fiber_is_finished (fiber));
    _coro_fiber_free (fiber);
  }
  g_assert_cmpint (count, ==, 1001);

  g_ptr_array_unref (fibers);
  _coro_stack_pool_free (pool);
}

/* Recursion that really uses the stack: each level fills a buffer and
 * the sum is consumed after the recursive call, so nothing can be folded.
 */
static guint
recurse (guint depth)
{
  volatile guint8 buf[1024];
  guint sum = 0;
  gsize i;

  for (i = 0; i < sizeof buf; i++)
    buf[i] = (guint8) (depth + i);
  if (depth > 0)
    sum = recurse (depth - 1);
  for (i = 0; i < sizeof buf; i += 64)
    sum += buf[i];

  return sum;
}

typedef struct
{
  guint depth;
  guint result;
} Recursion;

static void
recursion_func (gpointer data)
{
  Recursion *r = data;

  r->result = recurse (r->depth);
  _coro_fiber_suspend ();
  /* Again after a switch, at the same depth. */
  r->result += recurse (r->depth);
}

static guint
expected_recursion (guint depth)
{
  guint sum = 0;
  guint d;
  gsize i;

  for (d = 0; d <= depth; d++)
    for (i = 0; i < 1024; i += 64)
      sum += (guint8) (d + i);

  return sum;
}

static void
run_recursion (gsize stack_size,
               guint depth)
{
  CoroStackPool *pool = _coro_stack_pool_new ();
  Recursion r = { depth, 0 };
  CoroFiber *fiber;

  fiber = _coro_fiber_new (pool, stack_size, "recursion", recursion_func, &r);
  _coro_fiber_resume (fiber);
  g_assert_cmpuint (r.result, ==, expected_recursion (depth));
  _coro_fiber_resume (fiber);
  g_assert_true (_coro_fiber_is_finished (fiber));
  g_assert_cmpuint (r.result, ==, 2 * expected_recursion (depth));
  _coro_fiber_free (fiber);

  /* Only default-size stacks are pooled. */
  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, 0);
  g_assert_cmpuint (_coro_stack_pool_get_n_idle (pool), ==,
                    stack_size == 0 || stack_size == CORO_FIBER_DEFAULT_STACK_SIZE ? 1 : 0);
  _coro_stack_pool_free (pool);
}

static void
test_fiber_recursion_deep (void)
{
  /* About 100 KiB of frames on the default 256 KiB stack. */
  run_recursion (0, 100);
}

static void
test_fiber_stack_size_custom (void)
{
  /* Not a page multiple: rounded up. 600 KiB of frames need more than the
   * default size.
   */
  run_recursion (1024 * 1024 + 100, 600);
  run_recursion (100 * 1000, 60);
}

/* Fibers on two threads at once, each thread with its own pool. */
#define N_THREAD_FIBERS 100
#define N_THREAD_STEPS  50

typedef struct
{
  guint64 *sum;
  guint    id;
  gboolean self_ok;
} ThreadItem;

static void
thread_fiber_func (gpointer data)
{
  ThreadItem *item = data;
  CoroFiber *self = _coro_fiber_self ();
  guint step;

  for (step = 0; step < N_THREAD_STEPS; step++)
    {
      *item->sum += item->id * step;
      if (_coro_fiber_self () != self)
        item->self_ok = FALSE;
      _coro_fiber_suspend ();
    }
}

static gpointer
thread_main (gpointer data)
{
  int *gate = data;
  CoroStackPool *pool = _coro_stack_pool_new ();
  ThreadItem items[N_THREAD_FIBERS];
  CoroFiber *fibers[N_THREAD_FIBERS];
  guint64 sum = 0, expected = 0;
  guint i, live = N_THREAD_FIBERS;
  gboolean ok = TRUE;

  for (i = 0; i < N_THREAD_FIBERS; i++)
    {
      items[i].sum = &sum;
      items[i].id = i;
      items[i].self_ok = TRUE;
      fibers[i] = _coro_fiber_new (pool, 0, "threaded", thread_fiber_func, &items[i]);
      expected += (guint64) i * (N_THREAD_STEPS * (N_THREAD_STEPS - 1) / 2);
    }

  /* Both threads switch at the same time. */
  g_atomic_int_inc (gate);
  while (g_atomic_int_get (gate) < 2)
    g_thread_yield ();

  while (live > 0)
    for (i = 0; i < N_THREAD_FIBERS; i++)
      if (fibers[i] != NULL)
        {
          _coro_fiber_resume (fibers[i]);
          if (_coro_fiber_self () != NULL)
            ok = FALSE;
          if (_coro_fiber_is_finished (fibers[i]))
            {
              _coro_fiber_free (fibers[i]);
              fibers[i] = NULL;
              live--;
            }
        }

  for (i = 0; i < N_THREAD_FIBERS; i++)
    ok = ok && items[i].self_ok;
  ok = ok && sum == expected;
  ok = ok && _coro_stack_pool_get_n_in_use (pool) == 0;

  _coro_stack_pool_free (pool);

  return GINT_TO_POINTER (ok);
}

static void
test_fiber_threads (void)
{
  int gate = 0;
  GThread *a, *b;

  a = g_thread_new ("fiber-a", thread_main, &gate);
  b = g_thread_new ("fiber-b", thread_main, &gate);

  g_assert_true (GPOINTER_TO_INT (g_thread_join (a)));
  g_assert_true (GPOINTER_TO_INT (g_thread_join (b)));
}

/* The floating-point control state belongs to whoever runs: a fiber that
 * changes its rounding mode must not change the scheduler's, and must find
 * its own again after a switch. Only the assembly switch has to take care
 * of this by hand, but the check holds for the fallback too.
 */
#if defined(__x86_64__)
static guint32
read_mxcsr (void)
{
  guint32 value;

  __asm__ volatile ("stmxcsr %0" : "=m" (value));
  return value;
}

static void
write_mxcsr (guint32 value)
{
  __asm__ volatile ("ldmxcsr %0" : : "m" (value));
}

static guint16
read_fpucw (void)
{
  guint16 value;

  __asm__ volatile ("fnstcw %0" : "=m" (value));
  return value;
}

static void
write_fpucw (guint16 value)
{
  __asm__ volatile ("fldcw %0" : : "m" (value));
}

#define MXCSR_ROUND_UP 0x4000
#define FPUCW_ROUND_UP 0x0800

typedef struct
{
  gboolean kept;
} FpuCheck;

static void
fpu_func (gpointer data)
{
  FpuCheck *check = data;
  guint32 mxcsr = read_mxcsr ();
  guint16 fpucw = read_fpucw ();

  write_mxcsr ((mxcsr & ~0x6000u) | MXCSR_ROUND_UP);
  write_fpucw ((guint16) ((fpucw & ~0x0c00u) | FPUCW_ROUND_UP));
  _coro_fiber_suspend ();

  check->kept = (read_mxcsr () & 0x6000u) == MXCSR_ROUND_UP &&
                (read_fpucw () & 0x0c00u) == FPUCW_ROUND_UP;

  write_mxcsr (mxcsr);
  write_fpucw (fpucw);
}

static void
test_fiber_fpu_state (void)
{
  CoroStackPool *pool;
  CoroFiber *fiber;
  FpuCheck check = { FALSE };
  guint32 mxcsr = read_mxcsr ();
  guint16 fpucw = read_fpucw ();

  if (RUNNING_ON_VALGRIND)
    {
      g_test_skip ("valgrind does not emulate non-default rounding modes");
      return;
    }

  pool = _coro_stack_pool_new ();
  fiber = _coro_fiber_new (pool, 0, "fpu", fpu_func, &check);

  _coro_fiber_resume (fiber);
  g_assert_cmphex (read_mxcsr (), ==, mxcsr);
  g_assert_cmphex (read_fpucw (), ==, fpucw);

  _coro_fiber_resume (fiber);
  g_assert_true (_coro_fiber_is_finished (fiber));
  g_assert_true (check.kept);
  g_assert_cmphex (read_mxcsr (), ==, mxcsr);
  g_assert_cmphex (read_fpucw (), ==, fpucw);

  _coro_fiber_free (fiber);
  _coro_stack_pool_free (pool);
}
#endif

/* Stack overflow. Each case runs in a subprocess, which must die with a
 * message that names the coroutine. The guard modes are forced with the
 * CORO_STACK_GUARD knob, read when the child makes its first stack.
 *
 * Under ASan the report is normally still ours: the fiber layer's SIGSEGV
 * handler is installed after ASan's and claims faults on fiber guard pages.
 * ASan's own "stack-overflow" report is accepted too, since a runtime
 * configured to keep its handler (allow_user_segv_handler=0) reports the
 * fault itself, and that is just as loud.
 */
#define OVERFLOW_STACK_SIZE (64 * 1024)

#if TEST_ASAN
static const char *test_argv0;
#endif

static guint
overflow_forever (guint depth)
{
  volatile guint8 buf[256];

  buf[0] = (guint8) depth;
  buf[255] = buf[0];
  if (depth < G_MAXUINT)
    return overflow_forever (depth + 1) + buf[255];

  return buf[0];
}

static void
overflow_forever_func (gpointer data)
{
  (void) overflow_forever (0);
}

/* Canary-only stacks have no fault to catch: overflow by a little, into the
 * reserved page under the stack, so that the canary at the bottom is
 * overwritten and the check on the way back to the scheduler has to notice.
 * Not instrumented, so that under ASan the frames are packed without
 * redzones and do cover the canary.
 */
typedef struct
{
  guintptr limit;
} Shallow;

TEST_NO_SANITIZE_ADDRESS
static guint
overflow_a_little (const Shallow *shallow,
                   guint          depth)
{
  volatile guint8 buf[512];
  guint sum = 0;
  gsize i;

  for (i = 0; i < sizeof buf; i++)
    buf[i] = (guint8) (depth ^ i);
  if ((guintptr) buf > shallow->limit)
    sum = overflow_a_little (shallow, depth + 1);

  return sum + buf[depth % sizeof buf];
}

TEST_NO_SANITIZE_ADDRESS
static void
overflow_a_little_func (gpointer data)
{
  volatile guint8 marker = 0;
  Shallow shallow;

  /* The stack's usable bottom is a few hundred bytes past this marker plus
   * the stack size; stop about 1 KiB below it, well inside the page kept
   * unused under every stack.
   */
  shallow.limit = (guintptr) &marker - OVERFLOW_STACK_SIZE - 1024;
  (void) overflow_a_little (&shallow, 0);
}

static void
test_fiber_overflow (gconstpointer data)
{
  const char *mode = data;

  if (RUNNING_ON_VALGRIND)
    {
      g_test_skip ("valgrind reports stack overflows itself and cannot run the guard handler");
      return;
    }

  if (g_test_subprocess ())
    {
      CoroStackPool *pool;
      CoroFiber *fiber;
      gboolean canary_only = g_str_equal (mode, "none");

      if (!g_str_equal (mode, "auto"))
        g_setenv ("CORO_STACK_GUARD", mode, TRUE);

      pool = _coro_stack_pool_new ();
      fiber = _coro_fiber_new (pool, OVERFLOW_STACK_SIZE, "placeholder",
                               canary_only ? overflow_a_little_func : overflow_forever_func,
                               NULL);
      /* The report uses the latest name. */
      _coro_fiber_set_name (fiber, "deep-thought");
      _coro_fiber_resume (fiber);

      /* Not reached: the resume above must abort. */
      _coro_fiber_free (fiber);
      _coro_stack_pool_free (pool);
      return;
    }

#if TEST_ASAN
  {
    /* g_test_trap_assert_stderr takes one pattern; run the child by hand
     * to accept either report.
     */
    const char *child_argv[] = { test_argv0, "-p", g_test_get_path (), "--GTestSubprocess", NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *child_err = NULL;
    int status = 0;

    g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, &child_err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    if (strstr (child_err, "coroutine 'deep-thought' overflowed its stack (64 KiB)") == NULL &&
        strstr (child_err, "ERROR: AddressSanitizer: stack-overflow") == NULL)
      g_error ("the child did not report the overflow; its stderr was:\n%s", child_err);
  }
#else
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*coroutine 'deep-thought' overflowed its stack (64 KiB)*");
#endif
}

/* Misuse is reported, not fatal. */
static void
test_fiber_misuse_suspend_outside (void)
{
  if (!g_test_undefined ())
    return;

  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*not called from inside a coroutine*");
  _coro_fiber_suspend ();
  g_test_assert_expected_messages ();
  g_assert_null (_coro_fiber_self ());
}

typedef struct
{
  CoroFiber *other;
  int        other_count;
  gboolean   self_free_refused;
} Misuse;

static void
misuse_func (gpointer data)
{
  Misuse *m = data;

  /* A fiber never resumes another one. */
  _coro_fiber_resume (m->other);

  /* Nor frees itself. */
  _coro_fiber_free (_coro_fiber_self ());
  m->self_free_refused = _coro_fiber_self () != NULL;
}

static void
test_fiber_misuse_inside (void)
{
  CoroStackPool *pool;
  CoroFiber *fiber;
  Misuse m = { NULL, 0, FALSE };

  if (!g_test_undefined ())
    return;

  pool = _coro_stack_pool_new ();
  m.other = _coro_fiber_new (pool, 0, "other", count_func, &m.other_count);
  fiber = _coro_fiber_new (pool, 0, "misuser", misuse_func, &m);

  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*inside coroutine 'misuser'*");
  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*coroutine 'misuser' cannot free itself*");
  _coro_fiber_resume (fiber);
  g_test_assert_expected_messages ();

  g_assert_true (_coro_fiber_is_finished (fiber));
  g_assert_true (m.self_free_refused);
  g_assert_cmpint (m.other_count, ==, 0);

  /* A finished fiber cannot run again. */
  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*!fiber->finished*");
  _coro_fiber_resume (fiber);
  g_test_assert_expected_messages ();

  /* The pool refuses to go away under a live fiber. */
  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*still in use*");
  _coro_stack_pool_free (pool);
  g_test_assert_expected_messages ();

  _coro_fiber_resume (m.other);
  g_assert_cmpint (m.other_count, ==, 1);

  _coro_fiber_free (m.other);
  _coro_fiber_free (fiber);
  _coro_stack_pool_free (pool);
}

/* A fiber stays on the thread that started it. */
static gpointer
resume_elsewhere_thread (gpointer data)
{
  CoroFiber *fiber = data;

  _coro_fiber_resume (fiber);

  return NULL;
}

static void
test_fiber_misuse_other_thread (void)
{
  CoroStackPool *pool;
  CoroFiber *fiber;
  int count = 0;

  if (!g_test_undefined ())
    return;

  pool = _coro_stack_pool_new ();
  fiber = _coro_fiber_new (pool, 0, "homebody", suspend_forever_func, &count);
  _coro_fiber_resume (fiber);
  g_assert_cmpint (count, ==, 1);

  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL,
                         "*coroutine 'homebody' was started on another thread*");
  g_thread_join (g_thread_new ("elsewhere", resume_elsewhere_thread, fiber));
  g_test_assert_expected_messages ();

  /* Still fine at home. */
  _coro_fiber_resume (fiber);
  g_assert_cmpint (count, ==, 1);
  g_assert_false (_coro_fiber_is_finished (fiber));

  _coro_fiber_free (fiber);
  _coro_stack_pool_free (pool);
}

/* Figures, not assertions: run with -m perf. */
#define PERF_ITERATIONS 2000000

static void
perf_suspend_loop (gpointer data)
{
  for (;;)
    _coro_fiber_suspend ();
}

static void
test_fiber_perf_round_trip (void)
{
  CoroStackPool *pool = _coro_stack_pool_new ();
  CoroFiber *fiber = _coro_fiber_new (pool, 0, "perf", perf_suspend_loop, NULL);
  double elapsed;
  guint i;

  _coro_fiber_resume (fiber);
  g_test_timer_start ();
  for (i = 0; i < PERF_ITERATIONS; i++)
    _coro_fiber_resume (fiber);
  elapsed = g_test_timer_elapsed ();

  g_test_minimized_result (elapsed * 1e9 / PERF_ITERATIONS,
                           "resume + suspend round trip: %.1f ns",
                           elapsed * 1e9 / PERF_ITERATIONS);

  _coro_fiber_free (fiber);
  _coro_stack_pool_free (pool);
}

static void
test_fiber_perf_spawn (void)
{
  CoroStackPool *pool = _coro_stack_pool_new ();
  int count = 0;
  double elapsed;
  guint i;

  /* Warm the pool. */
  _coro_fiber_free (_coro_fiber_new (pool, 0, "perf", count_func, &count));

  g_test_timer_start ();
  for (i = 0; i < PERF_ITERATIONS; i++)
    {
      CoroFiber *fiber = _coro_fiber_new (pool, 0, "perf", count_func, &count);

      _coro_fiber_resume (fiber);
      _coro_fiber_free (fiber);
    }
  elapsed = g_test_timer_elapsed ();
  g_assert_cmpint (count, ==, PERF_ITERATIONS);

  g_test_minimized_result (elapsed * 1e9 / PERF_ITERATIONS,
                           "new + resume + finish + free (warm pool): %.1f ns",
                           elapsed * 1e9 / PERF_ITERATIONS);

  _coro_stack_pool_free (pool);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#if TEST_ASAN
  test_argv0 = argv[0];
#endif

  g_test_add_func ("/coro/fiber/switch", test_fiber_switch);
  g_test_add_func ("/coro/fiber/interleaved", test_fiber_interleaved);
  g_test_add_func ("/coro/fiber/pool/reuse", test_fiber_pool_reuse);
  g_test_add_func ("/coro/fiber/pool/abandoned", test_fiber_pool_abandoned);
  g_test_add_func ("/coro/fiber/stack/deep-recursion", test_fiber_recursion_deep);
  g_test_add_func ("/coro/fiber/stack/custom-size", test_fiber_stack_size_custom);
  g_test_add_func ("/coro/fiber/threads", test_fiber_threads);
#if defined(__x86_64__)
  g_test_add_func ("/coro/fiber/fpu-state", test_fiber_fpu_state);
#endif
  g_test_add_data_func ("/coro/fiber/overflow/guard", "auto", test_fiber_overflow);
  g_test_add_data_func ("/coro/fiber/overflow/mprotect", "mprotect", test_fiber_overflow);
  g_test_add_data_func ("/coro/fiber/overflow/canary", "none", test_fiber_overflow);
  g_test_add_func ("/coro/fiber/misuse/suspend-outside", test_fiber_misuse_suspend_outside);
  g_test_add_func ("/coro/fiber/misuse/inside", test_fiber_misuse_inside);
  g_test_add_func ("/coro/fiber/misuse/other-thread", test_fiber_misuse_other_thread);
  if (g_test_perf ())
    {
      g_test_add_func ("/coro/fiber/perf/round-trip", test_fiber_perf_round_trip);
      g_test_add_func ("/coro/fiber/perf/spawn", test_fiber_perf_spawn);
    }

  return g_test_run ();
}
