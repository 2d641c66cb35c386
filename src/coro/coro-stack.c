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
 * The kernel work for bursts of stacks is handed to a helper thread, so
 * that it runs on another core when there is one, and leaves the pool's
 * thread to run fibers:
 *
 * - It prepares the batches of a big slab ahead of the pool: installs
 *   their guard regions and faults their top page in with
 *   MADV_POPULATE_WRITE, at most 256 slots ahead. A batch is claimed by
 *   whoever gets to it first; the pool never waits for the helper and
 *   settles itself any batch that is not ready when it needs it.
 * - It does the MADV_DONTNEED of trimmed stacks, which stay off the idle
 *   lists until it is done, and the munmap of slabs the pool gave up.
 * - It only makes system calls on address ranges, never reads or writes a
 *   stack, and is stopped before a slab it works on is unmapped.
 * - It exits after two idle seconds, and is never started by programs
 *   that do not have hundreds of fibers at once.
 * - Like GLib's own worker threads, it does not survive fork(): a child
 *   that goes on using a pool from before the fork (rather than exec()ing
 *   at once) may wait for work the helper will never do.
 *
 * A pool belongs to one thread (its dispatcher's) and takes no lock to hand
 * out or take back a stack. It shares a few counters with the helper,
 * atomically, and takes the helper's lock only to give it work, to wake
 * it, or to take a slab back from it.
 */

/* For pthread_cond_clockwait. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#ifdef HAVE_VALGRIND
# include <valgrind/valgrind.h>
# include <valgrind/memcheck.h>
#endif

#include "coro-stack-private.h"

/* Linux 6.13 added guard regions and 5.14 MADV_POPULATE_WRITE; Debian
 * 12's headers predate the first.
 */
#ifndef MADV_GUARD_INSTALL
# define MADV_GUARD_INSTALL 102
#endif
#ifndef MADV_POPULATE_WRITE
# define MADV_POPULATE_WRITE 23
#endif
#ifndef MAP_NORESERVE
# define MAP_NORESERVE 0
#endif
#ifndef MAP_STACK
# define MAP_STACK 0
#endif

/* Slab sizes, in slots. */
#define CORO_STACK_SLAB_MIN_SLOTS 16
#define CORO_STACK_SLAB_MAX_SLOTS 1024

/* Guard regions are installed, and top pages populated, for a batch of
 * this many slots at a time.
 */
#define CORO_STACK_BATCH     64
#define CORO_STACK_N_BATCHES (CORO_STACK_SLAB_MAX_SLOTS / CORO_STACK_BATCH)

/* Warm stacks kept by a pool; once LOW_WATER + TRIM_BATCH are warm, the
 * oldest TRIM_BATCH of them go cold.
 */
#define CORO_STACK_POOL_LOW_WATER  64
#define CORO_STACK_POOL_TRIM_BATCH 64

/* The helper prepares slabs of at least this many slots (a pool's fifth
 * slab on), at most LOOKAHEAD slots ahead of the pool.
 */
#define CORO_STACK_HELPER_MIN_SLOTS 256
#define CORO_STACK_HELPER_LOOKAHEAD 256
#define CORO_STACK_HELPER_IDLE_USEC (2 * G_USEC_PER_SEC)

/* Each mprotect guard splits a mapping into two VMAs and vm.max_map_count
 * defaults to 65530: stay well below half of it and leave room for the
 * rest of the process. Stacks past the cap get a canary only.
 */
#define CORO_STACK_MAX_MPROTECT_GUARDS 16000

#define CORO_STACK_MIN_SIZE (16 * 1024)

/* Work for the helper thread. */
typedef enum
{
  CORO_STACK_JOB_PREPARE,
  CORO_STACK_JOB_UNMAP,
  CORO_STACK_JOB_TRIM,
} CoroStackJobKind;

typedef struct
{
  GList            link;     /* in the helper's queue; data is the container */
  CoroStackJobKind kind;
  CoroStackPool   *pool;
} CoroStackJob;

/* The stacks of a trim batch, and the ranges to drop. */
typedef struct _CoroStackTrim CoroStackTrim;
struct _CoroStackTrim
{
  CoroStackJob   job;
  CoroStackTrim *next_done;
  gsize          n_stacks;
  gsize         n_iov;
  CoroStack     *stacks[CORO_STACK_POOL_TRIM_BATCH];
  struct iovec   iov[CORO_STACK_POOL_TRIM_BATCH];
};

/* What the helper does with a slab's preparation; changed under the
 * helper's lock, read atomically.
 */
enum
{
  CORO_STACK_PREP_IDLE,       /* not given to the helper, or left by it */
  CORO_STACK_PREP_QUEUED,
  CORO_STACK_PREP_BUSY,
  CORO_STACK_PREP_GAVE_UP,    /* the helper cannot prepare slots here */
};

/* Who settles a batch of a slab (atomic). */
enum
{
  CORO_STACK_BATCH_UNCLAIMED,
  CORO_STACK_BATCH_GUARDING,    /* the helper installs its guard regions */
  CORO_STACK_BATCH_POPULATING,  /* guards are in, the helper populates */
  CORO_STACK_BATCH_READY,       /* guards are in, top pages populated */
  CORO_STACK_BATCH_POOL,        /* the pool settles it */
};

struct _CoroStackSlab
{
  guint8        *map;
  gsize          map_size;
  CoroStackSlab *prev;
  CoroStackSlab *next;
  guint          n_slots;
  /* Slots below n_handed_out have been handed out at least once (written
   * by the pool, read by the helper); slots below n_described have their
   * descriptor filled in and their guard settled.
   */
  int            n_handed_out;
  guint          n_described;
  guint          n_in_use;
  guint          n_warm;
  /* Stacks of this slab in a trim job the helper has not finished. */
  guint          n_trimming;
  /* The helper's side: one job, to prepare the slab, then to unmap it. */
  CoroStackJob   job;
  int            prep_state;
  int            prep_cancel;
  int            prep_waiting;
  int            batches[CORO_STACK_N_BATCHES];
  CoroStack      slots[];
};

typedef struct
{
  CoroStack *head;
  CoroStack *tail;
  guint      length;
} CoroStackList;

struct _CoroStackPool
{
  CoroStackList  warm;
  CoroStackList  cold;
  CoroStackSlab *slabs;
  /* The newest slab while it still has untouched slots. */
  CoroStackSlab *fresh;
  guint          next_slab_slots;
  /* Stacks of every size handed out and not yet released. */
  guint          n_in_use;
  /* Unmap and trim jobs given to the helper and not finished, and the
   * finished trims not taken back yet: under the helper's lock, with
   * has_trimmed set atomically so the pool can look without it.
   */
  guint          n_jobs;
  CoroStackTrim *trimmed;
  int            has_trimmed;
};

/* -1 until the first stack is made; then the best guard this process may
 * try. Downgraded once from MADVISE to MPROTECT if the kernel says EINVAL.
 */
static int coro_stack_guard_mode = -1;
static int coro_stack_n_mprotect_guards = 0;

/* Cleared for good, per advice, the first time process_madvise refuses it. */
static int coro_stack_vector_guard_ok = 1;
static int coro_stack_vector_populate_ok = 1;
static int coro_stack_vector_dontneed_ok = 1;

/* The helper thread. Preparing comes first: it is what a burst of new
 * fibers waits for. A pthread mutex and condition rather than GLib's, which
 * ThreadSanitizer cannot see through.
 */
static struct
{
  pthread_mutex_t lock;
  pthread_cond_t  cond;
  GQueue          prepares;
  GQueue          others;
  gboolean        running;
  /* -1 until known, then 0 when disabled (valgrind, CORO_STACK_HELPER=0). */
  int             enabled;
} coro_stack_helper = {
  .lock = PTHREAD_MUTEX_INITIALIZER,
  .cond = PTHREAD_COND_INITIALIZER,
  .enabled = -1,
};

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

static void
coro_stack_forget_guard (CoroStack *stack)
{
  if (stack->guard == CORO_STACK_GUARD_MPROTECT)
    g_atomic_int_add (&coro_stack_n_mprotect_guards, -1);
  stack->guard = CORO_STACK_GUARD_NONE;
}

static int *
coro_stack_vector_ok_flag (int advice)
{
  switch (advice)
    {
    case MADV_GUARD_INSTALL:
      return &coro_stack_vector_guard_ok;
    case MADV_POPULATE_WRITE:
      return &coro_stack_vector_populate_ok;
    case MADV_DONTNEED:
    default:
      return &coro_stack_vector_dontneed_ok;
    }
}

static int
coro_stack_open_self (void)
{
#ifdef SYS_pidfd_open
  return (int) syscall (SYS_pidfd_open, (long) getpid (), 0L);
#else
  errno = ENOSYS;
  return -1;
#endif
}

/* Applies ADVICE to every range in IOV with one system call: process_madvise
 * on the calling process takes any advice since Linux 6.13. PIDFD is a
 * pidfd for this process, or -1 to open one for the call. Returns how many
 * leading ranges were done; the caller handles the others one by one.
 */
static gsize
coro_stack_madvise_vector (int           pidfd,
                           struct iovec *iov,
                           gsize         n_iov,
                           int           advice)
{
#ifdef SYS_process_madvise
  int *ok = coro_stack_vector_ok_flag (advice);
  int own_pidfd = -1;
  ssize_t done;
  gsize n_done = 0;

  if (n_iov == 0 || !g_atomic_int_get (ok))
    return 0;

# ifdef HAVE_VALGRIND
  /* Unknown to older valgrinds, which would warn about it every time. */
  if (RUNNING_ON_VALGRIND)
    {
      g_atomic_int_set (ok, 0);
      return 0;
    }
# endif

  /* Opened per use rather than kept: a library should not hold on to a
   * descriptor the application does not know about.
   */
  if (pidfd < 0)
    {
      pidfd = own_pidfd = coro_stack_open_self ();
      if (pidfd < 0)
        {
          g_atomic_int_set (ok, 0);
          return 0;
        }
    }

  done = syscall (SYS_process_madvise, (long) pidfd, iov, (long) n_iov, (long) advice, 0L);
  if (done < 0 && (errno == EINVAL || errno == ENOSYS || errno == EPERM || errno == EBADF))
    g_atomic_int_set (ok, 0);
  if (own_pidfd >= 0)
    close (own_pidfd);

  /* A partial success stops at the first range that failed. */
  while (done > 0 && n_done < n_iov && (gsize) done >= iov[n_done].iov_len)
    done -= (ssize_t) iov[n_done++].iov_len;

  return n_done;
#else
  return 0;
#endif
}

/* Drops the pages of every range in IOV. */
static void
coro_stack_dontneed (int           pidfd,
                     struct iovec *iov,
                     gsize         n_iov)
{
  gsize i = n_iov > 1 ? coro_stack_madvise_vector (pidfd, iov, n_iov, MADV_DONTNEED) : 0;

  for (; i < n_iov; i++)
    (void) madvise (iov[i].iov_base, iov[i].iov_len, MADV_DONTNEED);
}

/* A stack with its own mapping, for sizes other than the default. */
static CoroStack *
coro_stack_new_single (gsize size)
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

  coro_stack_forget_guard (stack);
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

/* Slab geometry. */

static gsize
coro_stack_slot_size (void)
{
  return coro_stack_page_size () + CORO_FIBER_DEFAULT_STACK_SIZE;
}

static guint8 *
coro_stack_slab_guard_page (CoroStackSlab *slab,
                            guint          i)
{
  return slab->map + (gsize) i * coro_stack_slot_size ();
}

static guint8 *
coro_stack_slab_top_page (CoroStackSlab *slab,
                          guint          i)
{
  return slab->map + (gsize) (i + 1) * coro_stack_slot_size () - coro_stack_page_size ();
}

/* The helper thread. */

static void
coro_stack_helper_lock (void)
{
  pthread_mutex_lock (&coro_stack_helper.lock);
}

static void
coro_stack_helper_unlock (void)
{
  pthread_mutex_unlock (&coro_stack_helper.lock);
}

static void
coro_stack_helper_broadcast (void)
{
  pthread_cond_broadcast (&coro_stack_helper.cond);
}

/* Waits on the helper's condition, with its lock held, until signalled or
 * until DEADLINE on the monotonic clock (0: no deadline). FALSE when the
 * deadline passed.
 */
static gboolean
coro_stack_helper_wait (gint64 deadline)
{
  struct timespec ts;

  if (deadline == 0)
    return pthread_cond_wait (&coro_stack_helper.cond, &coro_stack_helper.lock) == 0;

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 30))
  ts.tv_sec = deadline / G_USEC_PER_SEC;
  ts.tv_nsec = (deadline % G_USEC_PER_SEC) * 1000;

  return pthread_cond_clockwait (&coro_stack_helper.cond, &coro_stack_helper.lock,
                                 CLOCK_MONOTONIC, &ts) != ETIMEDOUT;
#else
  {
    gint64 wait = MAX (deadline - g_get_monotonic_time (), 0) + g_get_real_time ();

    ts.tv_sec = wait / G_USEC_PER_SEC;
    ts.tv_nsec = (wait % G_USEC_PER_SEC) * 1000;

    return pthread_cond_timedwait (&coro_stack_helper.cond, &coro_stack_helper.lock,
                                   &ts) != ETIMEDOUT;
  }
#endif
}

static gboolean
coro_stack_helper_enabled (void)
{
  int enabled = g_atomic_int_get (&coro_stack_helper.enabled);

  if (G_UNLIKELY (enabled < 0))
    {
      /* CORO_STACK_HELPER=0 is a debugging and measuring knob. Under
       * valgrind everything stays on the pool's thread, where memcheck
       * sees it happen in order.
       */
      enabled = g_strcmp0 (g_getenv ("CORO_STACK_HELPER"), "0") != 0;
#ifdef HAVE_VALGRIND
      if (RUNNING_ON_VALGRIND)
        enabled = 0;
#endif
      g_atomic_int_set (&coro_stack_helper.enabled, enabled);
    }

  return enabled != 0;
}

static void coro_stack_helper_run_other (CoroStackJob *job,
                                         gpointer      container);

/* Called with the helper's lock held, and returns with it held: runs one
 * unmap or trim job if there is one.
 */
static gboolean
coro_stack_helper_run_one_other_locked (void)
{
  CoroStackJob *job;

  if (coro_stack_helper.others.length == 0)
    return FALSE;

  /* The link is the job's first member. */
  job = (CoroStackJob *) (gpointer) g_queue_pop_head_link (&coro_stack_helper.others);
  coro_stack_helper_unlock ();
  coro_stack_helper_run_other (job, job->link.data);
  coro_stack_helper_lock ();

  return TRUE;
}

/* Installs the guard regions and populates the top pages of the batches
 * of SLAB ahead of the pool, until there is none left, the slab is taken
 * back, a newer slab needs it more, or the pool has not caught up for a
 * long time. Unmaps and trims are done in between, one per batch.
 */
static void
coro_stack_helper_prepare (CoroStackSlab *slab)
{
  gsize page = coro_stack_page_size ();
  guint n_batches = (slab->n_slots + CORO_STACK_BATCH - 1) / CORO_STACK_BATCH;
  struct iovec iov[CORO_STACK_BATCH];
  gint64 waiting_since = 0;
  gboolean gave_up = FALSE;
  int pidfd = coro_stack_open_self ();

  if (pidfd < 0)
    gave_up = TRUE;

  while (!gave_up && !g_atomic_int_get (&slab->prep_cancel))
    {
      int handed_out = g_atomic_int_get (&slab->n_handed_out);
      guint b, first, last, i;

      /* Not the batch the pool is in: it may be settling that one now. */
      for (b = (guint) handed_out / CORO_STACK_BATCH + 1; b < n_batches; b++)
        if (g_atomic_int_get (&slab->batches[b]) == CORO_STACK_BATCH_UNCLAIMED)
          break;
      if (b >= n_batches)
        break;

      first = b * CORO_STACK_BATCH;
      if (first >= (guint) handed_out + CORO_STACK_HELPER_LOOKAHEAD)
        {
          gint64 now = g_get_monotonic_time ();
          gboolean leave = FALSE;

          /* Far enough ahead: do other work, or wait for the pool to catch
           * up, which it signals, but not for ever.
           */
          if (waiting_since == 0)
            waiting_since = now;
          else if (now - waiting_since > CORO_STACK_HELPER_IDLE_USEC)
            break;

          coro_stack_helper_lock ();
          if (coro_stack_helper.prepares.length > 0)
            leave = TRUE;
          else if (!coro_stack_helper_run_one_other_locked ())
            {
              g_atomic_int_set (&slab->prep_waiting, 1);
              if (!g_atomic_int_get (&slab->prep_cancel) &&
                  g_atomic_int_get (&slab->n_handed_out) == handed_out)
                coro_stack_helper_wait (now + 50 * G_TIME_SPAN_MILLISECOND);
              g_atomic_int_set (&slab->prep_waiting, 0);
            }
          coro_stack_helper_unlock ();

          if (leave)
            break;
          continue;
        }
      waiting_since = 0;

      if (!g_atomic_int_compare_and_exchange (&slab->batches[b], CORO_STACK_BATCH_UNCLAIMED,
                                              CORO_STACK_BATCH_GUARDING))
        continue;

      last = MIN (first + CORO_STACK_BATCH, slab->n_slots);
      for (i = first; i < last; i++)
        {
          iov[i - first].iov_base = coro_stack_slab_guard_page (slab, i);
          iov[i - first].iov_len = page;
        }
      if (coro_stack_madvise_vector (pidfd, iov, last - first, MADV_GUARD_INSTALL) < last - first)
        {
          /* The pool settles this batch itself, with its fallbacks. */
          g_atomic_int_set (&slab->batches[b], CORO_STACK_BATCH_UNCLAIMED);
          gave_up = TRUE;
          break;
        }
      g_atomic_int_set (&slab->batches[b], CORO_STACK_BATCH_POPULATING);

      /* From the last slot down, while the pool, if it catches up, faults
       * its way up from the first: between them each page is made once.
       * Populating a page that is there already leaves it as it is.
       */
      for (i = first; i < last; i++)
        iov[last - 1 - i].iov_base = coro_stack_slab_top_page (slab, i);
      (void) coro_stack_madvise_vector (pidfd, iov, last - first, MADV_POPULATE_WRITE);

      g_atomic_int_set (&slab->batches[b], CORO_STACK_BATCH_READY);

      coro_stack_helper_lock ();
      (void) coro_stack_helper_run_one_other_locked ();
      coro_stack_helper_unlock ();
    }

  if (pidfd >= 0)
    close (pidfd);

  coro_stack_helper_lock ();
  g_atomic_int_set (&slab->prep_state, gave_up ? CORO_STACK_PREP_GAVE_UP : CORO_STACK_PREP_IDLE);
  coro_stack_helper_broadcast ();
  coro_stack_helper_unlock ();
}

/* Runs an unmap or trim job, without the helper's lock. */
static void
coro_stack_helper_run_other (CoroStackJob *job,
                             gpointer      container)
{
  CoroStackPool *pool = job->pool;

  if (job->kind == CORO_STACK_JOB_UNMAP)
    {
      CoroStackSlab *slab = container;

      if (munmap (slab->map, slab->map_size) != 0)
        g_critical ("could not unmap %u coroutine stacks: %s", slab->n_slots,
                    g_strerror (errno));
      g_free (slab);

      coro_stack_helper_lock ();
    }
  else
    {
      CoroStackTrim *trim = container;

      coro_stack_dontneed (-1, trim->iov, trim->n_iov);

      /* Handed back: the stacks may only be reused from now on. */
      coro_stack_helper_lock ();
      trim->next_done = pool->trimmed;
      pool->trimmed = trim;
      g_atomic_int_set (&pool->has_trimmed, 1);
    }

  pool->n_jobs--;
  coro_stack_helper_broadcast ();
  coro_stack_helper_unlock ();
}

static gpointer
coro_stack_helper_main (gpointer unused)
{
  coro_stack_helper_lock ();

  for (;;)
    {
      gint64 deadline = g_get_monotonic_time () + CORO_STACK_HELPER_IDLE_USEC;

      while (coro_stack_helper.prepares.length == 0 && coro_stack_helper.others.length == 0)
        if (!coro_stack_helper_wait (deadline) &&
            coro_stack_helper.prepares.length == 0 && coro_stack_helper.others.length == 0)
          {
            coro_stack_helper.running = FALSE;
            coro_stack_helper_unlock ();
            return NULL;
          }

      if (coro_stack_helper.prepares.length > 0)
        {
          CoroStackSlab *slab = g_queue_pop_head_link (&coro_stack_helper.prepares)->data;

          g_atomic_int_set (&slab->prep_state, CORO_STACK_PREP_BUSY);
          coro_stack_helper_unlock ();
          coro_stack_helper_prepare (slab);
          coro_stack_helper_lock ();
        }
      else
        {
          (void) coro_stack_helper_run_one_other_locked ();
        }
    }
}

/* Called with the helper's lock held. FALSE if there is no helper thread
 * and none could be started.
 */
static gboolean
coro_stack_helper_push_locked (CoroStackJob *job,
                               gpointer      container)
{
  if (!coro_stack_helper.running)
    {
      GThread *thread = g_thread_try_new ("coro-stacks", coro_stack_helper_main, NULL, NULL);

      if (thread == NULL)
        return FALSE;
      g_thread_unref (thread);
      coro_stack_helper.running = TRUE;
    }

  job->link.data = container;
  g_queue_push_tail_link (job->kind == CORO_STACK_JOB_PREPARE ? &coro_stack_helper.prepares
                                                              : &coro_stack_helper.others,
                          &job->link);
  coro_stack_helper_broadcast ();

  return TRUE;
}

/* Gives a pool's unmap or trim job to the helper; FALSE if the caller has
 * to do it.
 */
static gboolean
coro_stack_helper_push_pool_job (CoroStackPool *pool,
                                 CoroStackJob  *job,
                                 gpointer       container)
{
  gboolean pushed;

  if (!coro_stack_helper_enabled ())
    return FALSE;

  coro_stack_helper_lock ();
  pushed = coro_stack_helper_push_locked (job, container);
  if (pushed)
    pool->n_jobs++;
  coro_stack_helper_unlock ();

  return pushed;
}

static void
coro_stack_helper_prepare_slab (CoroStackSlab *slab)
{
  if (slab->n_slots < CORO_STACK_HELPER_MIN_SLOTS ||
      coro_stack_preferred_guard () != CORO_STACK_GUARD_MADVISE ||
      !g_atomic_int_get (&coro_stack_vector_guard_ok) ||
      !coro_stack_helper_enabled ())
    return;

  coro_stack_helper_lock ();
  if (g_atomic_int_get (&slab->prep_state) == CORO_STACK_PREP_IDLE &&
      coro_stack_helper_push_locked (&slab->job, slab))
    g_atomic_int_set (&slab->prep_state, CORO_STACK_PREP_QUEUED);
  coro_stack_helper_unlock ();
}

/* Called by the pool as it starts a new batch of a big slab, at slot I:
 * wakes the helper if it waits for the pool to catch up, or gives it the
 * slab again if it left it for other work.
 */
static void
coro_stack_helper_nudge (CoroStackSlab *slab,
                         guint          i)
{
  int state = g_atomic_int_get (&slab->prep_state);

  if (state == CORO_STACK_PREP_BUSY)
    {
      if (g_atomic_int_get (&slab->prep_waiting))
        {
          coro_stack_helper_lock ();
          coro_stack_helper_broadcast ();
          coro_stack_helper_unlock ();
        }
    }
  else if (state == CORO_STACK_PREP_IDLE && i + 2 * CORO_STACK_BATCH <= slab->n_slots &&
           g_atomic_int_get (&slab->batches[i / CORO_STACK_BATCH + 1]) == CORO_STACK_BATCH_UNCLAIMED)
    {
      coro_stack_helper_prepare_slab (slab);
    }
}

/* When this returns, the helper does not touch SLAB any more. */
static void
coro_stack_helper_take_back (CoroStackSlab *slab)
{
  int state = g_atomic_int_get (&slab->prep_state);

  if (state == CORO_STACK_PREP_IDLE || state == CORO_STACK_PREP_GAVE_UP)
    return;

  coro_stack_helper_lock ();
  if (g_atomic_int_get (&slab->prep_state) == CORO_STACK_PREP_QUEUED)
    {
      g_queue_unlink (&coro_stack_helper.prepares, &slab->job.link);
      g_atomic_int_set (&slab->prep_state, CORO_STACK_PREP_IDLE);
    }
  g_atomic_int_set (&slab->prep_cancel, 1);
  coro_stack_helper_broadcast ();
  while (g_atomic_int_get (&slab->prep_state) == CORO_STACK_PREP_BUSY)
    coro_stack_helper_wait (0);
  coro_stack_helper_unlock ();
}

/* Slabs. */

static CoroStackSlab *
coro_stack_slab_new (CoroStackPool *pool)
{
  gsize slot_size = coro_stack_slot_size ();
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

  coro_stack_helper_prepare_slab (slab);

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
  gsize page = coro_stack_page_size ();
  gsize slot_size = coro_stack_slot_size ();
  guint b = first / CORO_STACK_BATCH;
  guint n = 1, n_guarded = 0, i;
  int state;

  g_assert (first == slab->n_described);

  if (first % CORO_STACK_BATCH == 0 &&
      (coro_stack_preferred_guard () == CORO_STACK_GUARD_MADVISE ||
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
              iov[i].iov_base = coro_stack_slab_guard_page (slab, first + i);
              iov[i].iov_len = page;
            }
          n_guarded = coro_stack_madvise_vector (-1, iov, n, MADV_GUARD_INSTALL);
        }
    }

  for (i = 0; i < n; i++)
    {
      CoroStack *stack = &slab->slots[first + i];

      stack->map = coro_stack_slab_guard_page (slab, first + i);
      stack->map_size = slot_size;
      stack->lo = stack->map + page;
      stack->size = CORO_FIBER_DEFAULT_STACK_SIZE;
      stack->state = CORO_STACK_IN_USE;
      stack->slab = slab;
      stack->guard = i < n_guarded ? CORO_STACK_GUARD_MADVISE
                                   : coro_stack_install_guard (stack->map, page);
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

  coro_stack_helper_take_back (slab);

  for (i = 0; i < slab->n_described; i++)
    {
      CoroStack *stack = &slab->slots[i];

      coro_stack_set_state (pool, stack, CORO_STACK_IN_USE);
#ifdef HAVE_VALGRIND
      if (i < (guint) slab->n_handed_out)
        VALGRIND_STACK_DEREGISTER (stack->valgrind_id);
#endif
      coro_stack_forget_guard (stack);
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
  if (!sync && coro_stack_helper_push_pool_job (pool, &slab->job, slab))
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
    coro_stack_helper_nudge (slab, i);
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

  coro_stack_helper_lock ();
  trims = pool->trimmed;
  pool->trimmed = NULL;
  g_atomic_int_set (&pool->has_trimmed, 0);
  coro_stack_helper_unlock ();

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
  else if (!coro_stack_helper_push_pool_job (pool, &trim->job, trim))
    {
      coro_stack_dontneed (-1, trim->iov, trim->n_iov);
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
  gsize page = coro_stack_page_size ();

  if (size == 0)
    size = CORO_FIBER_DEFAULT_STACK_SIZE;
  size = MAX (size, CORO_STACK_MIN_SIZE);

  return (size + page - 1) & ~(page - 1);
}

static void
coro_stack_pool_wait_for_jobs (CoroStackPool *pool)
{
  coro_stack_helper_lock ();
  while (pool->n_jobs > 0)
    coro_stack_helper_wait (0);
  coro_stack_helper_unlock ();
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
