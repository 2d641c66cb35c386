/* test-coro-fiber.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

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

#if defined(__SANITIZE_THREAD__)
# define TEST_TSAN 1
#elif defined(__has_feature)
# if __has_feature(thread_sanitizer)
#  define TEST_TSAN 1
# endif
#endif
#ifndef TEST_TSAN
# define TEST_TSAN 0
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
 * back, and the pool keeps fewer than 128 of them idle with their pages
 * (64 plus a batch being trimmed).
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
  g_assert_cmpuint (_coro_stack_pool_get_n_idle (pool), <, 128);

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

/* Uses about DEPTH KiB of stack, each level writing its whole kilobyte. */
static guint
recurse_for_pool (guint depth)
{
  volatile guint8 buf[1024];
  guint sum = 0;
  gsize i;

  for (i = 0; i < sizeof buf; i++)
    buf[i] = (guint8) (depth + i);
  if (depth > 0)
    sum = recurse_for_pool (depth - 1);

  return sum + buf[depth % sizeof buf];
}

/* Thousands of parked fibers at once, as a burst of coroutines that all
 * wait would make. Each fiber keeps a pattern in a local buffer and checks
 * it every time it runs, so a stack that is unmapped, zeroed or handed to
 * another fiber while its fiber is parked shows up. Also checked: the
 * mappings stay few (slabs and guard regions, not one mapping per stack),
 * a parked fiber costs about one page, and freeing the pool gives all of
 * it back.
 */
typedef struct
{
  guint    id;
  guint    runs;
  gboolean intact;
} Parked;

static void
parked_func (gpointer data)
{
  Parked *parked = data;
  volatile guint32 pattern[64];
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (pattern); i++)
    pattern[i] = parked->id * 2654435761u + (guint32) i;

  for (;;)
    {
      for (i = 0; i < G_N_ELEMENTS (pattern); i++)
        if (pattern[i] != parked->id * 2654435761u + (guint32) i)
          parked->intact = FALSE;
      parked->runs++;
      _coro_fiber_suspend ();
    }
}

static guint
count_mappings (void)
{
  g_autofree char *maps = NULL;
  guint n = 0;
  const char *p;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  for (p = maps; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

/* Resident set, in bytes. */
static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  fields = g_strsplit (statm, " ", -1);
  g_assert_cmpuint (g_strv_length (fields), >=, 2);

  return (gsize) g_ascii_strtoull (fields[1], NULL, 10) * (gsize) sysconf (_SC_PAGESIZE);
}

static gboolean
memory_figures_are_meaningful (void)
{
  /* ASan shadows every stack page the fiber touches, TSan maps state for
   * every fiber, and valgrind keeps its own copy of the whole process.
   */
  return !TEST_ASAN && !TEST_TSAN && !RUNNING_ON_VALGRIND;
}

static gboolean
mapping_counts_are_meaningful (void)
{
  /* TSan maps state for every fiber; valgrind shows its own mappings. */
  return !TEST_TSAN && !RUNNING_ON_VALGRIND;
}

/* RSS and mapping counts are process-wide: ALONE says no other thread
 * makes or frees stacks meanwhile.
 */
static void
run_many_parked (guint    n_fibers,
                 gboolean alone)
{
  CoroStackPool *pool = _coro_stack_pool_new ();
  Parked *items = g_new0 (Parked, n_fibers);
  CoroFiber **fibers = g_new0 (CoroFiber *, n_fibers);
  guint maps_before, maps_parked, maps_after;
  gsize rss_before, rss_parked;
  guint i;

  maps_before = count_mappings ();
  rss_before = resident_bytes ();

  for (i = 0; i < n_fibers; i++)
    {
      items[i].id = i;
      items[i].intact = TRUE;
      fibers[i] = _coro_fiber_new (pool, 0, "parked", parked_func, &items[i]);
      _coro_fiber_resume (fibers[i]);
    }
  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, n_fibers);

  maps_parked = count_mappings ();
  rss_parked = resident_bytes ();
  if (alone)
    g_test_message ("%u parked fibers: %d more mappings, %" G_GSSIZE_FORMAT " bytes resident each",
                    n_fibers, (int) maps_parked - (int) maps_before,
                    ((gssize) rss_parked - (gssize) rss_before) / (gssize) n_fibers);

  /* Slabs of up to 1,024 stacks, guard regions cost no mapping; with
   * mprotect guards it is two per stack.
   */
  if (!alone || !mapping_counts_are_meaningful ())
    ;
  else if (g_strcmp0 (g_getenv ("CORO_STACK_GUARD"), "mprotect") == 0)
    g_assert_cmpuint (maps_parked - maps_before, <=, 2 * n_fibers + 64);
  else
    g_assert_cmpuint (maps_parked - maps_before, <=, 64);

  /* One page for the stack (the fiber lives in it too), plus this test's
   * bookkeeping. Only stacks without a guard page have a canary at the
   * bottom, which makes it two.
   */
  if (alone && memory_figures_are_meaningful ())
    g_assert_cmpuint ((rss_parked - rss_before) / n_fibers, <,
                      g_strcmp0 (g_getenv ("CORO_STACK_GUARD"), "none") == 0 ? 10 * 1024 : 6 * 1024);

  /* Every other fiber goes: the pool trims and reuses their stacks while
   * the others stay parked.
   */
  for (i = 0; i < n_fibers; i += 2)
    g_clear_pointer (&fibers[i], _coro_fiber_free);
  for (i = 0; i < n_fibers; i += 2)
    {
      items[i].id = n_fibers + i;
      items[i].runs = 0;
      fibers[i] = _coro_fiber_new (pool, 0, "parked-again", parked_func, &items[i]);
    }
  for (i = 0; i < n_fibers; i++)
    {
      _coro_fiber_resume (fibers[i]);
      g_assert_true (items[i].intact);
    }
  for (i = 0; i < n_fibers; i++)
    g_assert_cmpuint (items[i].runs, ==, i % 2 == 0 ? 1 : 2);

  for (i = 0; i < n_fibers; i++)
    _coro_fiber_free (fibers[i]);
  g_assert_cmpuint (_coro_stack_pool_get_n_in_use (pool), ==, 0);
  g_assert_cmpuint (_coro_stack_pool_get_n_idle (pool), <, 128);
  _coro_stack_pool_free (pool);

  /* Every slab is unmapped when the pool goes. A few mappings may have
   * come for good: the helper thread's stack and its malloc arena, and
   * ASan's allocator regions.
   */
  maps_after = count_mappings ();
  if (alone && mapping_counts_are_meaningful ())
    g_assert_cmpuint (maps_after, <=, maps_before + (TEST_ASAN ? 64 : 8));
  if (alone && memory_figures_are_meaningful ())
    g_assert_cmpuint (resident_bytes (), <, rss_before + (gsize) n_fibers * 1024);

  g_free (fibers);
  g_free (items);
}

static void
test_fiber_pool_many (gconstpointer data)
{
  const char *variant = data;

  if (g_str_equal (variant, "default"))
    {
      run_many_parked (RUNNING_ON_VALGRIND ? 600 : 5000, TRUE);
      return;
    }

  if (g_test_subprocess ())
    {
      /* Read when the child makes its first stack. */
      if (g_str_equal (variant, "no-helper"))
        g_setenv ("CORO_STACK_HELPER", "0", TRUE);
      else
        g_setenv ("CORO_STACK_GUARD", variant, TRUE);
      run_many_parked (RUNNING_ON_VALGRIND ? 600 : 3000, TRUE);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Two threads, each with its own pool, burst at the same time: they share
 * the helper thread.
 */
static gpointer
many_parked_thread (gpointer data)
{
  run_many_parked (GPOINTER_TO_UINT (data), FALSE);

  return NULL;
}

static void
test_fiber_pool_many_threads (void)
{
  guint n = RUNNING_ON_VALGRIND ? 300 : 2000;
  GThread *a, *b;

  a = g_thread_new ("burst-a", many_parked_thread, GUINT_TO_POINTER (n));
  b = g_thread_new ("burst-b", many_parked_thread, GUINT_TO_POINTER (n));
  g_thread_join (a);
  g_thread_join (b);
}

/* Fibers that used a good part of their stack, then all finish: the pool
 * keeps a few of their stacks warm and gives the pages of the others back
 * while it lives, not only when it is freed. Without the helper thread, so
 * that it is done when the last fiber is freed.
 */
static void
deep_parked_func (gpointer data)
{
  guint *sum = data;

  *sum += recurse_for_pool (32);
  for (;;)
    _coro_fiber_suspend ();
}

static void
test_fiber_pool_trim (void)
{
  if (!memory_figures_are_meaningful ())
    {
      g_test_skip ("resident memory is not meaningful under sanitizers and valgrind");
      return;
    }

  if (g_test_subprocess ())
    {
      guint n_fibers = 2000, sum = 0, i;
      CoroStackPool *pool;
      CoroFiber **fibers = g_new0 (CoroFiber *, n_fibers);
      gsize rss_before, rss_parked, rss_freed;

      g_setenv ("CORO_STACK_HELPER", "0", TRUE);
      pool = _coro_stack_pool_new ();
      rss_before = resident_bytes ();
      for (i = 0; i < n_fibers; i++)
        {
          fibers[i] = _coro_fiber_new (pool, 0, "deep", deep_parked_func, &sum);
          _coro_fiber_resume (fibers[i]);
        }
      rss_parked = resident_bytes ();
      for (i = 0; i < n_fibers; i++)
        _coro_fiber_free (fibers[i]);
      rss_freed = resident_bytes ();

      g_test_message ("%u fibers of 32 KiB: %" G_GSIZE_FORMAT " KiB parked, %" G_GSIZE_FORMAT
                      " KiB left when freed", n_fibers, (rss_parked - rss_before) / 1024,
                      (rss_freed - rss_before) / 1024);
      g_assert_cmpuint (rss_parked - rss_before, >, (gsize) n_fibers * 32 * 1024);
      /* At most 128 warm stacks of about 36 KiB, and some slack. */
      g_assert_cmpuint (rss_freed, <, rss_before + 128 * 40 * 1024 + 1024 * 1024);

      _coro_stack_pool_free (pool);
      g_free (fibers);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* With mprotect guards, each guard costs two mappings, and the process
 * has at most 65,530: past 16,000 guards, stacks get a canary instead,
 * and more fibers can still be made.
 */
static void
test_fiber_pool_mprotect_cap (void)
{
  if (RUNNING_ON_VALGRIND || TEST_TSAN)
    {
      g_test_skip ("too slow under valgrind, and TSan maps memory for every fiber");
      return;
    }

  if (g_test_subprocess ())
    {
      guint n_fibers = 20000;
      CoroStackPool *pool;
      CoroFiber **fibers = g_new0 (CoroFiber *, n_fibers);
      int count = 0;
      guint maps_before, i;

      g_setenv ("CORO_STACK_GUARD", "mprotect", TRUE);
      maps_before = count_mappings ();
      pool = _coro_stack_pool_new ();
      for (i = 0; i < n_fibers; i++)
        {
          fibers[i] = _coro_fiber_new (pool, 0, "capped", suspend_forever_func, &count);
          _coro_fiber_resume (fibers[i]);
        }
      g_assert_cmpint (count, ==, (int) n_fibers);
      g_test_message ("%u fibers with mprotect guards: %u more mappings", n_fibers,
                      count_mappings () - maps_before);
      /* Guarded up to the cap: the mapping count shows it. */
      g_assert_cmpuint (count_mappings (), >, maps_before + 2 * 16000 - 200);
      g_assert_cmpuint (count_mappings (), <, maps_before + 2 * 16000 + 200);

      for (i = 0; i < n_fibers; i++)
        _coro_fiber_free (fibers[i]);
      /* Slack for the sanitizers' own allocations. */
      _coro_stack_pool_free (pool);
      g_assert_cmpuint (count_mappings (), <=, maps_before + 64);
      g_free (fibers);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
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

/* Not inlined into itself either: GCC would otherwise make frames of three
 * levels at once, of which the deepest only writes a third, and leave the
 * canary in an unwritten kilobyte.
 */
TEST_NO_SANITIZE_ADDRESS G_GNUC_NO_INLINE
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

typedef struct
{
  const char *mode;        /* CORO_STACK_GUARD, or "auto" */
  gsize       stack_size;
  gboolean    reused;      /* on a pooled stack that other fibers used */
  const char *report;
} OverflowCase;

TEST_NO_SANITIZE_ADDRESS
static void
overflow_a_little_func (gpointer data)
{
  const OverflowCase *overflow = data;
  volatile guint8 marker = 0;
  Shallow shallow;

  /* The stack's usable bottom is a few hundred bytes past this marker plus
   * the stack size; stop about 1 KiB below it, well inside the page kept
   * unused under every stack.
   */
  shallow.limit = (guintptr) &marker - 1024 -
                  (overflow->stack_size != 0 ? overflow->stack_size : CORO_FIBER_DEFAULT_STACK_SIZE);
  (void) overflow_a_little (&shallow, 0);
}

/* Parks and frees enough fibers for the pool to trim stacks, unmap slabs
 * and hand stacks out again, so that the overflowing fiber gets a stack
 * whose guard (or canary) has been through all of it.
 */
static void
churn_pool (CoroStackPool *pool)
{
  CoroFiber *fibers[400];
  int count = 0;
  guint round, i;

  for (round = 0; round < 3; round++)
    {
      for (i = 0; i < G_N_ELEMENTS (fibers); i++)
        {
          fibers[i] = _coro_fiber_new (pool, 0, "churn", suspend_forever_func, &count);
          _coro_fiber_resume (fibers[i]);
        }
      for (i = 0; i < G_N_ELEMENTS (fibers); i++)
        _coro_fiber_free (fibers[(i * 7) % G_N_ELEMENTS (fibers)]);
    }
}

static void
test_fiber_overflow (gconstpointer data)
{
  const OverflowCase *overflow = data;
  const char *mode = overflow->mode;

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
      if (overflow->reused)
        churn_pool (pool);
      fiber = _coro_fiber_new (pool, overflow->stack_size, "placeholder",
                               canary_only ? overflow_a_little_func : overflow_forever_func,
                               (gpointer) overflow);
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
    if (strstr (child_err, overflow->report) == NULL &&
        strstr (child_err, "ERROR: AddressSanitizer: stack-overflow") == NULL)
      g_error ("the child did not report the overflow; its stderr was:\n%s", child_err);
  }
#else
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  {
    g_autofree char *pattern = g_strdup_printf ("*%s*", overflow->report);

    g_test_trap_assert_stderr (pattern);
  }
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

#define SMALL_REPORT   "coroutine 'deep-thought' overflowed its stack (64 KiB)"
#define DEFAULT_REPORT "coroutine 'deep-thought' overflowed its stack (256 KiB)"

static const struct
{
  const char   *name;
  OverflowCase  overflow;
} overflow_cases[] = {
  { "guard", { "auto", OVERFLOW_STACK_SIZE, FALSE, SMALL_REPORT } },
  { "mprotect", { "mprotect", OVERFLOW_STACK_SIZE, FALSE, SMALL_REPORT } },
  { "canary", { "none", OVERFLOW_STACK_SIZE, FALSE, SMALL_REPORT } },
  { "pooled/guard", { "auto", 0, TRUE, DEFAULT_REPORT } },
  { "pooled/mprotect", { "mprotect", 0, TRUE, DEFAULT_REPORT } },
  { "pooled/canary", { "none", 0, TRUE, DEFAULT_REPORT } },
};

int
main (int    argc,
      char **argv)
{
  guint i;

  g_test_init (&argc, &argv, NULL);
#if TEST_ASAN
  test_argv0 = argv[0];
#endif

  g_test_add_func ("/coro/fiber/switch", test_fiber_switch);
  g_test_add_func ("/coro/fiber/interleaved", test_fiber_interleaved);
  g_test_add_func ("/coro/fiber/pool/reuse", test_fiber_pool_reuse);
  g_test_add_func ("/coro/fiber/pool/abandoned", test_fiber_pool_abandoned);
  g_test_add_data_func ("/coro/fiber/pool/many", "default", test_fiber_pool_many);
  g_test_add_data_func ("/coro/fiber/pool/many/no-helper", "no-helper", test_fiber_pool_many);
  g_test_add_data_func ("/coro/fiber/pool/many/mprotect", "mprotect", test_fiber_pool_many);
  g_test_add_data_func ("/coro/fiber/pool/many/canary", "none", test_fiber_pool_many);
  g_test_add_func ("/coro/fiber/pool/many-threads", test_fiber_pool_many_threads);
  g_test_add_func ("/coro/fiber/pool/mprotect-cap", test_fiber_pool_mprotect_cap);
  g_test_add_func ("/coro/fiber/pool/trim", test_fiber_pool_trim);
  g_test_add_func ("/coro/fiber/stack/deep-recursion", test_fiber_recursion_deep);
  g_test_add_func ("/coro/fiber/stack/custom-size", test_fiber_stack_size_custom);
  g_test_add_func ("/coro/fiber/threads", test_fiber_threads);
#if defined(__x86_64__)
  g_test_add_func ("/coro/fiber/fpu-state", test_fiber_fpu_state);
#endif
  for (i = 0; i < G_N_ELEMENTS (overflow_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/coro/fiber/overflow/%s", overflow_cases[i].name);

      g_test_add_data_func (path, &overflow_cases[i].overflow, test_fiber_overflow);
    }
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
