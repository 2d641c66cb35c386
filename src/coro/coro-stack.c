/* coro-stack.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Fiber stacks, and the per-dispatcher pool that hands them out.
 *
 * Making a stack costs system calls and page faults, and on some machines
 * (virtual machines with shadow paging in particular) every page fault and
 * every page table update costs a microsecond or more. So:
 *
 * - Default-size stacks are slots in slabs: one mapping per slab, of 16
 *   slots for a pool's first slab and twice as many for each later one, up
 *   to 1024. A million parked fibers need about a thousand slabs, and with
 *   guard regions neighbouring slabs merge into even fewer VMAs.
 * - A guard page is installed once per slot, the first time the slot is
 *   needed, and stays across reuse. Guard regions (MADV_GUARD_INSTALL) are
 *   installed for a batch of 64 slots with one process_madvise call.
 *   mprotect guards split the mapping, so those are installed one slot at
 *   a time, and capped process-wide.
 * - A parked fiber on a guarded stack touches one page: the canary is only
 *   written where there is no protected guard page.
 * - Released stacks go to a LIFO list and keep their pages (warm), so that
 *   a spawn/finish loop makes no system call at all. Past a low-water mark
 *   the oldest warm stacks are given back to the kernel 64 at a time: a
 *   slab with none of its stacks in use is unmapped in one go, the others
 *   get one MADV_DONTNEED per run of neighbouring slots (cold). Cold slots
 *   are reused before a new slab is mapped.
 *
 * The kernel work for bursts of stacks is handed to a helper thread
 * (coro-stack-helper.c), and guards are installed by coro-stack-guard.c.
 *
 * A pool belongs to one thread (its dispatcher's) and takes no lock to hand
 * out or take back a stack. It shares a few counters with the helper,
 * atomically, and takes the helper's lock only to give it work, to wake
 * it, or to take a slab back from it.
 */

#include "config.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef HAVE_VALGRIND
# include <valgrind/valgrind.h>
# include <valgrind/memcheck.h>
#endif

#include "coro-stack-pool-private.h"
#include "coro-stack-private.h"

#ifndef MAP_NORESERVE
# define MAP_NORESERVE 0
#endif
#ifndef MAP_STACK
# define MAP_STACK 0
#endif

#define CORO_STACK_MIN_SIZE (16 * 1024)

/* A stack with its own mapping, for sizes other than the default. */
static CoroStack *
coro_stack_new_single (gsize size)
{
  gsize page = _coro_stack_page_size ();
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
  stack->guard = _coro_stack_install_guard (stack->map, page);
  stack->state = CORO_STACK_IN_USE;

#ifdef HAVE_VALGRIND
  stack->valgrind_id = VALGRIND_STACK_REGISTER (stack->lo, stack->lo + stack->size);
#endif

  return stack;
}

static void
coro_stack_free_single (CoroStack *stack)
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

  _coro_stack_forget_guard (stack);
  g_free (stack);
}

/* Idle lists. */

static void
coro_stack_list_push_head (CoroStackList *list,
                           CoroStack     *stack)
{
  stack->prev_idle = NULL;
  stack->next_idle = list->head;
  if (list->head != NULL)
    list->head->prev_idle = stack;
  else
    list->tail = stack;
  list->head = stack;
  list->length++;
}

static void
coro_stack_list_remove (CoroStackList *list,
                        CoroStack     *stack)
{
  if (stack->prev_idle != NULL)
    stack->prev_idle->next_idle = stack->next_idle;
  else
    list->head = stack->next_idle;
  if (stack->next_idle != NULL)
    stack->next_idle->prev_idle = stack->prev_idle;
  else
    list->tail = stack->prev_idle;
  stack->prev_idle = NULL;
  stack->next_idle = NULL;
  list->length--;
}

/* Moves a slot between in use, the warm list, being trimmed and the cold
 * list; the lists are LIFO, so the most recently released stack is reused
 * first.
 */
static void
coro_stack_set_state (CoroStackPool  *pool,
                      CoroStack      *stack,
                      CoroStackState  state)
{
  switch (stack->state)
    {
    case CORO_STACK_WARM:
      coro_stack_list_remove (&pool->warm, stack);
      stack->slab->n_warm--;
      break;
    case CORO_STACK_COLD:
      coro_stack_list_remove (&pool->cold, stack);
      break;
    case CORO_STACK_IN_USE:
    case CORO_STACK_TRIMMING:
    default:
      break;
    }

  stack->state = state;

  switch (state)
    {
    case CORO_STACK_WARM:
      coro_stack_list_push_head (&pool->warm, stack);
      stack->slab->n_warm++;
      break;
    case CORO_STACK_COLD:
      coro_stack_list_push_head (&pool->cold, stack);
      break;
    case CORO_STACK_IN_USE:
    case CORO_STACK_TRIMMING:
    default:
      break;
    }
}

/* Slabs. */

static CoroStackSlab *
coro_stack_slab_new (CoroStackPool *pool)
{
  gsize slot_size = _coro_stack_slot_size ();
  guint n_slots = pool->next_slab_slots;
  CoroStackSlab *slab;
  void *map;

  map = mmap (NULL, slot_size * n_slots, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (map == MAP_FAILED)
    g_error ("could not map %u coroutine stacks of %u KiB: %s", n_slots,
             CORO_FIBER_DEFAULT_STACK_SIZE / 1024, g_strerror (errno));

  /* Descriptors are filled in as the slots are first handed out. */
  slab = g_malloc0 (sizeof (CoroStackSlab) + n_slots * sizeof (CoroStack));
  slab->map = map;
  slab->map_size = slot_size * n_slots;
  slab->next = pool->slabs;
  if (pool->slabs != NULL)
    pool->slabs->prev = slab;
  pool->slabs = slab;
  slab->n_slots = n_slots;
  slab->job.kind = CORO_STACK_JOB_PREPARE;
  slab->job.pool = pool;

  pool->next_slab_slots = MIN (n_slots * 2, CORO_STACK_SLAB_MAX_SLOTS);

  _coro_stack_helper_prepare_slab (slab);

  return slab;
}

/* Fills in the descriptors of the slots from FIRST on and settles their
 * guard: a whole batch where guard regions are used (the helper may have
 * made it ready; if not, one process_madvise does it here), a single slot
 * otherwise.
 */
static void
coro_stack_slab_describe (CoroStackSlab *slab,
                          guint          first)
{
  gsize page = _coro_stack_page_size ();
  gsize slot_size = _coro_stack_slot_size ();
  guint b = first / CORO_STACK_BATCH;
  guint n = 1, n_guarded = 0, i;
  int state;

  g_assert (first == slab->n_described);

  if (first % CORO_STACK_BATCH == 0 &&
      (_coro_stack_preferred_guard () == CORO_STACK_GUARD_MADVISE ||
       g_atomic_int_get (&slab->batches[b]) != CORO_STACK_BATCH_UNCLAIMED))
    {
      n = MIN (slab->n_slots - first, CORO_STACK_BATCH);

      /* The pool never waits for the helper. If the helper is installing
       * the guards, install them too: doing it twice is harmless. If it is
       * populating, the faults to come meet its work halfway.
       */
      (void) g_atomic_int_compare_and_exchange (&slab->batches[b], CORO_STACK_BATCH_UNCLAIMED,
                                                CORO_STACK_BATCH_POOL);
      state = g_atomic_int_get (&slab->batches[b]);
      if (state == CORO_STACK_BATCH_POPULATING || state == CORO_STACK_BATCH_READY)
        {
          n_guarded = n;
        }
      else if (n > 1)
        {
          struct iovec iov[CORO_STACK_BATCH];

          for (i = 0; i < n; i++)
            {
              iov[i].iov_base = _coro_stack_slab_guard_page (slab, first + i);
              iov[i].iov_len = page;
            }
          n_guarded = _coro_stack_madvise_vector (-1, iov, n, MADV_GUARD_INSTALL);
        }
    }

  for (i = 0; i < n; i++)
    {
      CoroStack *stack = &slab->slots[first + i];

      stack->map = _coro_stack_slab_guard_page (slab, first + i);
      stack->map_size = slot_size;
      stack->lo = stack->map + page;
      stack->size = CORO_FIBER_DEFAULT_STACK_SIZE;
      stack->state = CORO_STACK_IN_USE;
      stack->slab = slab;
      stack->guard = i < n_guarded ? CORO_STACK_GUARD_MADVISE
                                   : _coro_stack_install_guard (stack->map, page);
    }

  slab->n_described = first + n;
}

/* Unmaps SLAB, which has no stack in use or being trimmed. With SYNC it is
 * gone when this returns, otherwise the helper may do the munmap.
 */
static void
coro_stack_slab_free (CoroStackPool *pool,
                      CoroStackSlab *slab,
                      gboolean       sync)
{
  guint i;

  g_assert (slab->n_in_use == 0 && slab->n_trimming == 0);

  _coro_stack_helper_take_back (slab);

  for (i = 0; i < slab->n_described; i++)
    {
      CoroStack *stack = &slab->slots[i];

      coro_stack_set_state (pool, stack, CORO_STACK_IN_USE);
#ifdef HAVE_VALGRIND
      if (i < (guint) slab->n_handed_out)
        VALGRIND_STACK_DEREGISTER (stack->valgrind_id);
#endif
      _coro_stack_forget_guard (stack);
    }

  if (slab->prev != NULL)
    slab->prev->next = slab->next;
  else
    pool->slabs = slab->next;
  if (slab->next != NULL)
    slab->next->prev = slab->prev;
  if (pool->fresh == slab)
    pool->fresh = NULL;

  /* Shadow memory was cleaned slot by slot as each stack was released. */
  slab->job.kind = CORO_STACK_JOB_UNMAP;
  if (!sync && _coro_stack_helper_push_pool_job (pool, &slab->job, slab))
    return;

  if (munmap (slab->map, slab->map_size) != 0)
    g_critical ("could not unmap %u coroutine stacks: %s", slab->n_slots, g_strerror (errno));
  g_free (slab);
}

static CoroStack *
coro_stack_pool_take_fresh (CoroStackPool *pool)
{
  CoroStackSlab *slab = pool->fresh;
  CoroStack *stack;
  guint i;

  if (slab == NULL || (guint) slab->n_handed_out == slab->n_slots)
    {
      slab = coro_stack_slab_new (pool);
      pool->fresh = slab;
    }

  i = (guint) slab->n_handed_out;
  g_atomic_int_set (&slab->n_handed_out, (int) i + 1);
  if (i % CORO_STACK_BATCH == 0 && slab->n_slots >= CORO_STACK_HELPER_MIN_SLOTS)
    _coro_stack_helper_nudge (slab, i);
  if (i == slab->n_described)
    coro_stack_slab_describe (slab, i);
  stack = &slab->slots[i];

#ifdef HAVE_VALGRIND
  stack->valgrind_id = VALGRIND_STACK_REGISTER (stack->lo, stack->lo + stack->size);
#endif

  return stack;
}

/* Trims. */

/* The pages of a trim batch are gone: its stacks go cold, and the slabs
 * left with nothing in use go as a whole.
 */
static void
coro_stack_pool_finish_trim (CoroStackPool *pool,
                             CoroStackTrim *trim)
{
  CoroStackSlab *idle[CORO_STACK_POOL_TRIM_BATCH];
  gsize n_idle = 0, i;

  for (i = 0; i < trim->n_stacks; i++)
    {
      CoroStack *stack = trim->stacks[i];
      CoroStackSlab *slab = stack->slab;

      slab->n_trimming--;
      coro_stack_set_state (pool, stack, CORO_STACK_COLD);
    }

  /* The stacks are in address order, so those of a slab are together. */
  for (i = 0; i < trim->n_stacks; i++)
    {
      CoroStackSlab *slab = trim->stacks[i]->slab;

      if (slab->n_in_use == 0 && slab->n_trimming == 0 &&
          (n_idle == 0 || idle[n_idle - 1] != slab))
        idle[n_idle++] = slab;
    }

  for (i = 0; i < n_idle; i++)
    coro_stack_slab_free (pool, idle[i], FALSE);

  g_free (trim);
}

/* Takes back the trim batches the helper has finished. */
static void
coro_stack_pool_collect_trims (CoroStackPool *pool)
{
  CoroStackTrim *trims;

  _coro_stack_helper_lock ();
  trims = pool->trimmed;
  pool->trimmed = NULL;
  g_atomic_int_set (&pool->has_trimmed, 0);
  _coro_stack_helper_unlock ();

  while (trims != NULL)
    {
      CoroStackTrim *trim = trims;

      trims = trim->next_done;
      coro_stack_pool_finish_trim (pool, trim);
    }
}

/* Orders stacks by address, so that neighbouring slots share a range. An
 * insertion sort: the oldest warm stacks are nearly in order already when
 * fibers finish in the order they started.
 */
static void
coro_stack_sort_by_address (CoroStack **stacks,
                            gsize       n)
{
  gsize i, j;

  for (i = 1; i < n; i++)
    {
      CoroStack *stack = stacks[i];

      for (j = i; j > 0 && stacks[j - 1]->lo > stack->lo; j--)
        stacks[j] = stacks[j - 1];
      stacks[j] = stack;
    }
}

/* Gives the memory of the oldest warm stacks back to the kernel. A slab
 * with none of its stacks in use goes as a whole, even if it has newer
 * warm stacks: one munmap frees all of it, page tables included, which
 * MADV_DONTNEED slot by slot would not. The other stacks are off the idle
 * lists until their pages are dropped, by the helper if there is one.
 */
static void
coro_stack_pool_trim (CoroStackPool *pool)
{
  CoroStack *batch[CORO_STACK_POOL_TRIM_BATCH];
  CoroStackSlab *idle[CORO_STACK_POOL_TRIM_BATCH];
  CoroStackTrim *trim = g_new0 (CoroStackTrim, 1);
  gsize n = 0, n_idle = 0, i;

  trim->job.kind = CORO_STACK_JOB_TRIM;
  trim->job.pool = pool;

  while (n < CORO_STACK_POOL_TRIM_BATCH && pool->warm.length > CORO_STACK_POOL_LOW_WATER)
    {
      CoroStack *stack = pool->warm.tail;

      coro_stack_set_state (pool, stack, CORO_STACK_TRIMMING);
      batch[n++] = stack;
    }

  /* Slabs are disjoint, so by address the stacks of one slab are next to
   * each other, and neighbouring slots make one range: the guard pages in
   * between keep their guard through MADV_DONTNEED.
   */
  coro_stack_sort_by_address (batch, n);

  for (i = 0; i < n; i++)
    {
      CoroStack *stack = batch[i];
      CoroStackSlab *slab = stack->slab;
      struct iovec *last = trim->n_iov > 0 ? &trim->iov[trim->n_iov - 1] : NULL;

      if (slab->n_in_use == 0 && slab->n_trimming == 0)
        {
          if (n_idle == 0 || idle[n_idle - 1] != slab)
            idle[n_idle++] = slab;
          continue;
        }

      slab->n_trimming++;
      trim->stacks[trim->n_stacks++] = stack;

      if (last != NULL && trim->stacks[trim->n_stacks - 2]->slab == slab &&
          (guint8 *) last->iov_base + last->iov_len == stack->map)
        {
          last->iov_len += stack->map_size;
        }
      else
        {
          trim->iov[trim->n_iov].iov_base = stack->lo;
          trim->iov[trim->n_iov].iov_len = stack->size;
          trim->n_iov++;
        }
    }

  for (i = 0; i < n_idle; i++)
    coro_stack_slab_free (pool, idle[i], FALSE);

  if (trim->n_stacks == 0)
    {
      g_free (trim);
    }
  else if (!_coro_stack_helper_push_pool_job (pool, &trim->job, trim))
    {
      _coro_stack_dontneed (-1, trim->iov, trim->n_iov);
      coro_stack_pool_finish_trim (pool, trim);
    }
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
  gsize page = _coro_stack_page_size ();

  if (size == 0)
    size = CORO_FIBER_DEFAULT_STACK_SIZE;
  size = MAX (size, CORO_STACK_MIN_SIZE);

  return (size + page - 1) & ~(page - 1);
}

static void
coro_stack_pool_wait_for_jobs (CoroStackPool *pool)
{
  _coro_stack_helper_lock ();
  while (pool->n_jobs > 0)
    _coro_stack_helper_wait (0);
  _coro_stack_helper_unlock ();
}

CoroStackPool *
_coro_stack_pool_new (void)
{
  CoroStackPool *pool = g_new0 (CoroStackPool, 1);

  pool->next_slab_slots = CORO_STACK_SLAB_MIN_SLOTS;

  return pool;
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

  /* All the memory is given back when this returns. */
  coro_stack_pool_wait_for_jobs (pool);
  coro_stack_pool_collect_trims (pool);
  while (pool->slabs != NULL)
    coro_stack_slab_free (pool, pool->slabs, TRUE);
  coro_stack_pool_wait_for_jobs (pool);

  g_assert (pool->warm.length == 0 && pool->cold.length == 0 && pool->trimmed == NULL);

  g_free (pool);
}

guint
_coro_stack_pool_get_n_idle (CoroStackPool *pool)
{
  g_return_val_if_fail (pool != NULL, 0);

  return pool->warm.length;
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

  if (size == CORO_FIBER_DEFAULT_STACK_SIZE)
    {
      if (pool->warm.head == NULL && g_atomic_int_get (&pool->has_trimmed))
        coro_stack_pool_collect_trims (pool);

      if (pool->warm.head != NULL)
        stack = pool->warm.head;
      else if (pool->cold.head != NULL)
        stack = pool->cold.head;
      else
        stack = coro_stack_pool_take_fresh (pool);

      coro_stack_set_state (pool, stack, CORO_STACK_IN_USE);
      stack->slab->n_in_use++;
    }
  else
    {
      stack = coro_stack_new_single (size);
    }

  /* Rewritten every time: the previous fiber may have run over it, and
   * MADV_DONTNEED zeroes it.
   */
  if (stack->guard == CORO_STACK_GUARD_NONE)
    coro_stack_write_canary (stack);
  pool->n_in_use++;

  return stack;
}

void
_coro_stack_pool_release (CoroStackPool *pool,
                          CoroStack     *stack)
{
  CoroStackSlab *slab = stack->slab;

  g_assert (pool->n_in_use > 0);
  g_assert (stack->state == CORO_STACK_IN_USE);
  pool->n_in_use--;

  if (slab == NULL)
    {
      coro_stack_free_single (stack);
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
   * canary) start from a clean, undefined stack.
   */
  VALGRIND_MAKE_MEM_UNDEFINED (stack->lo, stack->size);
#endif

  slab->n_in_use--;
  coro_stack_set_state (pool, stack, CORO_STACK_WARM);

  if (G_UNLIKELY (g_atomic_int_get (&pool->has_trimmed)))
    coro_stack_pool_collect_trims (pool);
  if (pool->warm.length >= CORO_STACK_POOL_LOW_WATER + CORO_STACK_POOL_TRIM_BATCH)
    coro_stack_pool_trim (pool);
}
