/* coro-stack.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef HAVE_VALGRIND
# include <valgrind/valgrind.h>
# include <valgrind/memcheck.h>
#endif

#include "coro-stack-private.h"

/* Linux 6.13 added guard regions; Debian 12's headers predate them. */
#ifndef MADV_GUARD_INSTALL
# define MADV_GUARD_INSTALL 102
#endif
#ifndef MAP_NORESERVE
# define MAP_NORESERVE 0
#endif
#ifndef MAP_STACK
# define MAP_STACK 0
#endif

/* Idle stacks kept per pool; the first LOW_WATER of them keep their pages,
 * the others are given back to the kernel with MADV_DONTNEED. Only stacks of
 * the default size are pooled.
 */
#define CORO_STACK_POOL_MAX_IDLE  64
#define CORO_STACK_POOL_LOW_WATER 16

/* Each mprotect guard splits a mapping into two VMAs and vm.max_map_count
 * defaults to 65530: stay well below half of it and leave room for the
 * rest of the process. Stacks past the cap get a canary only.
 */
#define CORO_STACK_MAX_MPROTECT_GUARDS 16000

#define CORO_STACK_MIN_SIZE (16 * 1024)

struct _CoroStackPool
{
  CoroStack *idle;
  guint      n_idle;
  guint      n_in_use;
};

/* -1 until the first stack is made; then the best guard this process may
 * try. Downgraded once from MADVISE to MPROTECT if the kernel says EINVAL.
 */
static int coro_stack_guard_mode = -1;
static int coro_stack_n_mprotect_guards = 0;

static gsize
coro_stack_page_size (void)
{
  return (gsize) sysconf (_SC_PAGESIZE);
}

static CoroStackGuard
coro_stack_preferred_guard (void)
{
  int mode = g_atomic_int_get (&coro_stack_guard_mode);

  if (G_LIKELY (mode >= 0))
    return (CoroStackGuard) mode;

  /* CORO_STACK_GUARD=none|mprotect|madvise is a debugging and testing knob:
   * "none" leaves only the canary, "mprotect" skips the guard regions.
   */
  {
    const char *env = g_getenv ("CORO_STACK_GUARD");

    if (g_strcmp0 (env, "none") == 0)
      mode = CORO_STACK_GUARD_NONE;
    else if (g_strcmp0 (env, "mprotect") == 0)
      mode = CORO_STACK_GUARD_MPROTECT;
    else
      mode = CORO_STACK_GUARD_MADVISE;
  }

  /* Threads racing here compute the same answer. */
  g_atomic_int_set (&coro_stack_guard_mode, mode);

  return (CoroStackGuard) mode;
}

static CoroStackGuard
coro_stack_install_guard (guint8 *page,
                          gsize   len)
{
  CoroStackGuard mode = coro_stack_preferred_guard ();

  if (mode == CORO_STACK_GUARD_MADVISE)
    {
      if (madvise (page, len, MADV_GUARD_INSTALL) == 0)
        return CORO_STACK_GUARD_MADVISE;

      /* EINVAL: the kernel predates guard regions, do not ask again. Other
       * errors are transient, fall back for this stack only.
       */
      if (errno == EINVAL)
        g_atomic_int_set (&coro_stack_guard_mode, CORO_STACK_GUARD_MPROTECT);
      mode = CORO_STACK_GUARD_MPROTECT;
    }

  if (mode == CORO_STACK_GUARD_MPROTECT)
    {
      if (g_atomic_int_add (&coro_stack_n_mprotect_guards, 1) < CORO_STACK_MAX_MPROTECT_GUARDS &&
          mprotect (page, len, PROT_NONE) == 0)
        return CORO_STACK_GUARD_MPROTECT;

      /* Past the cap, or ENOMEM because the map count ran out anyway. */
      g_atomic_int_add (&coro_stack_n_mprotect_guards, -1);
    }

  return CORO_STACK_GUARD_NONE;
}

static CoroStack *
coro_stack_new (gsize size)
{
  gsize page = coro_stack_page_size ();
  CoroStack *stack;
  void *map;

  map = mmap (NULL, size + page, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (map == MAP_FAILED)
    g_error ("could not map a %" G_GSIZE_FORMAT " KiB coroutine stack: %s",
             size / 1024, g_strerror (errno));

  stack = g_new0 (CoroStack, 1);
  stack->map = map;
  stack->map_size = size + page;
  stack->lo = stack->map + page;
  stack->size = size;
  stack->guard = coro_stack_install_guard (stack->map, page);

#ifdef HAVE_VALGRIND
  stack->valgrind_id = VALGRIND_STACK_REGISTER (stack->lo, stack->lo + stack->size);
#endif

  return stack;
}

static void
coro_stack_destroy (CoroStack *stack)
{
#ifdef HAVE_VALGRIND
  VALGRIND_STACK_DEREGISTER (stack->valgrind_id);
#endif
#if CORO_ASAN
  /* Frames abandoned on this stack leave poisoned shadow behind; a later
   * mapping at the same address must not inherit it.
   */
  ASAN_UNPOISON_MEMORY_REGION (stack->lo, stack->size);
#endif

  if (munmap (stack->map, stack->map_size) != 0)
    g_critical ("could not unmap a coroutine stack: %s", g_strerror (errno));

  if (stack->guard == CORO_STACK_GUARD_MPROTECT)
    g_atomic_int_add (&coro_stack_n_mprotect_guards, -1);

  g_free (stack);
}

CORO_NO_SANITIZE_ADDRESS
static void
coro_stack_write_canary (CoroStack *stack)
{
  volatile guintptr *words = (volatile guintptr *) (gpointer) stack->lo;
  guint i;

  for (i = 0; i < CORO_STACK_CANARY_WORDS; i++)
    words[i] = _coro_stack_canary_word (stack, i);
}

static gsize
coro_stack_round_size (gsize size)
{
  gsize page = coro_stack_page_size ();

  if (size == 0)
    size = CORO_FIBER_DEFAULT_STACK_SIZE;
  size = MAX (size, CORO_STACK_MIN_SIZE);

  return (size + page - 1) & ~(page - 1);
}

CoroStackPool *
_coro_stack_pool_new (void)
{
  return g_new0 (CoroStackPool, 1);
}

void
_coro_stack_pool_free (CoroStackPool *pool)
{
  g_return_if_fail (pool != NULL);

  if (pool->n_in_use != 0)
    {
      /* Leak rather than unmap stacks that fibers still run on. */
      g_critical ("%s: %u coroutine stacks are still in use", G_STRFUNC, pool->n_in_use);
      return;
    }

  while (pool->idle != NULL)
    {
      CoroStack *stack = pool->idle;

      pool->idle = stack->next_idle;
      coro_stack_destroy (stack);
    }

  g_free (pool);
}

guint
_coro_stack_pool_get_n_idle (CoroStackPool *pool)
{
  g_return_val_if_fail (pool != NULL, 0);

  return pool->n_idle;
}

guint
_coro_stack_pool_get_n_in_use (CoroStackPool *pool)
{
  g_return_val_if_fail (pool != NULL, 0);

  return pool->n_in_use;
}

CoroStack *
_coro_stack_pool_acquire (CoroStackPool *pool,
                          gsize          size)
{
  CoroStack *stack;

  size = coro_stack_round_size (size);

  if (size == CORO_FIBER_DEFAULT_STACK_SIZE && pool->idle != NULL)
    {
      stack = pool->idle;
      pool->idle = stack->next_idle;
      stack->next_idle = NULL;
      pool->n_idle--;
    }
  else
    {
      stack = coro_stack_new (size);
    }

  /* Rewritten every time: MADV_DONTNEED zeroes it. */
  coro_stack_write_canary (stack);
  pool->n_in_use++;

  return stack;
}

void
_coro_stack_pool_release (CoroStackPool *pool,
                          CoroStack     *stack)
{
  g_assert (pool->n_in_use > 0);
  pool->n_in_use--;

  if (stack->size != CORO_FIBER_DEFAULT_STACK_SIZE ||
      pool->n_idle >= CORO_STACK_POOL_MAX_IDLE)
    {
      coro_stack_destroy (stack);
      return;
    }

#if CORO_ASAN
  /* A fiber that was freed while suspended, or that overflowed into a
   * redzone, leaves poisoned shadow that the next fiber would trip over.
   */
  ASAN_UNPOISON_MEMORY_REGION (stack->lo, stack->size);
#endif
#ifdef HAVE_VALGRIND
  /* memcheck marks popped frames inaccessible; the next fiber (and the
   * canary written by the scheduler) start from a clean, undefined stack.
   */
  VALGRIND_MAKE_MEM_UNDEFINED (stack->lo, stack->size);
#endif

  if (pool->n_idle >= CORO_STACK_POOL_LOW_WATER)
    (void) madvise (stack->lo, stack->size, MADV_DONTNEED);

  stack->next_idle = pool->idle;
  pool->idle = stack;
  pool->n_idle++;
}
