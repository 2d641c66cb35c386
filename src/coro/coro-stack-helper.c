/* coro-stack-helper.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The helper thread of the stack pools (coro-stack.c): its queue, its
 * lock and condition, and the work it does. Separate because it is the
 * only code here that runs on a thread of its own.
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
 */

/* For pthread_cond_clockwait. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef HAVE_VALGRIND
# include <valgrind/valgrind.h>
#endif

#include "coro-stack-pool-private.h"
#include "coro-stack-private.h"

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

void
_coro_stack_helper_lock (void)
{
  pthread_mutex_lock (&coro_stack_helper.lock);
}

void
_coro_stack_helper_unlock (void)
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
gboolean
_coro_stack_helper_wait (gint64 deadline)
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
  _coro_stack_helper_unlock ();
  coro_stack_helper_run_other (job, job->link.data);
  _coro_stack_helper_lock ();

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
  gsize page = _coro_stack_page_size ();
  guint n_batches = (slab->n_slots + CORO_STACK_BATCH - 1) / CORO_STACK_BATCH;
  struct iovec iov[CORO_STACK_BATCH];
  gint64 waiting_since = 0;
  gboolean gave_up = FALSE;
  int pidfd = _coro_stack_open_self ();

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

          _coro_stack_helper_lock ();
          if (coro_stack_helper.prepares.length > 0)
            leave = TRUE;
          else if (!coro_stack_helper_run_one_other_locked ())
            {
              g_atomic_int_set (&slab->prep_waiting, 1);
              if (!g_atomic_int_get (&slab->prep_cancel) &&
                  g_atomic_int_get (&slab->n_handed_out) == handed_out)
                _coro_stack_helper_wait (now + 50 * G_TIME_SPAN_MILLISECOND);
              g_atomic_int_set (&slab->prep_waiting, 0);
            }
          _coro_stack_helper_unlock ();

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
          iov[i - first].iov_base = _coro_stack_slab_guard_page (slab, i);
          iov[i - first].iov_len = page;
        }
      if (_coro_stack_madvise_vector (pidfd, iov, last - first, MADV_GUARD_INSTALL) < last - first)
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
        iov[last - 1 - i].iov_base = _coro_stack_slab_top_page (slab, i);
      (void) _coro_stack_madvise_vector (pidfd, iov, last - first, MADV_POPULATE_WRITE);

      g_atomic_int_set (&slab->batches[b], CORO_STACK_BATCH_READY);

      _coro_stack_helper_lock ();
      (void) coro_stack_helper_run_one_other_locked ();
      _coro_stack_helper_unlock ();
    }

  if (pidfd >= 0)
    close (pidfd);

  _coro_stack_helper_lock ();
  g_atomic_int_set (&slab->prep_state, gave_up ? CORO_STACK_PREP_GAVE_UP : CORO_STACK_PREP_IDLE);
  coro_stack_helper_broadcast ();
  _coro_stack_helper_unlock ();
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

      _coro_stack_helper_lock ();
    }
  else
    {
      CoroStackTrim *trim = container;

      _coro_stack_dontneed (-1, trim->iov, trim->n_iov);

      /* Handed back: the stacks may only be reused from now on. */
      _coro_stack_helper_lock ();
      trim->next_done = pool->trimmed;
      pool->trimmed = trim;
      g_atomic_int_set (&pool->has_trimmed, 1);
    }

  pool->n_jobs--;
  coro_stack_helper_broadcast ();
  _coro_stack_helper_unlock ();
}

static gpointer
coro_stack_helper_main (gpointer unused)
{
  _coro_stack_helper_lock ();

  for (;;)
    {
      gint64 deadline = g_get_monotonic_time () + CORO_STACK_HELPER_IDLE_USEC;

      while (coro_stack_helper.prepares.length == 0 && coro_stack_helper.others.length == 0)
        if (!_coro_stack_helper_wait (deadline) &&
            coro_stack_helper.prepares.length == 0 && coro_stack_helper.others.length == 0)
          {
            coro_stack_helper.running = FALSE;
            _coro_stack_helper_unlock ();
            return NULL;
          }

      if (coro_stack_helper.prepares.length > 0)
        {
          CoroStackSlab *slab = g_queue_pop_head_link (&coro_stack_helper.prepares)->data;

          g_atomic_int_set (&slab->prep_state, CORO_STACK_PREP_BUSY);
          _coro_stack_helper_unlock ();
          coro_stack_helper_prepare (slab);
          _coro_stack_helper_lock ();
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
gboolean
_coro_stack_helper_push_pool_job (CoroStackPool *pool,
                                  CoroStackJob  *job,
                                  gpointer       container)
{
  gboolean pushed;

  if (!coro_stack_helper_enabled ())
    return FALSE;

  _coro_stack_helper_lock ();
  pushed = coro_stack_helper_push_locked (job, container);
  if (pushed)
    pool->n_jobs++;
  _coro_stack_helper_unlock ();

  return pushed;
}

void
_coro_stack_helper_prepare_slab (CoroStackSlab *slab)
{
  if (slab->n_slots < CORO_STACK_HELPER_MIN_SLOTS ||
      _coro_stack_preferred_guard () != CORO_STACK_GUARD_MADVISE ||
      !g_atomic_int_get (&_coro_stack_vector_guard_ok) ||
      !coro_stack_helper_enabled ())
    return;

  _coro_stack_helper_lock ();
  if (g_atomic_int_get (&slab->prep_state) == CORO_STACK_PREP_IDLE &&
      coro_stack_helper_push_locked (&slab->job, slab))
    g_atomic_int_set (&slab->prep_state, CORO_STACK_PREP_QUEUED);
  _coro_stack_helper_unlock ();
}

/* Called by the pool as it starts a new batch of a big slab, at slot I:
 * wakes the helper if it waits for the pool to catch up, or gives it the
 * slab again if it left it for other work.
 */
void
_coro_stack_helper_nudge (CoroStackSlab *slab,
                          guint          i)
{
  int state = g_atomic_int_get (&slab->prep_state);

  if (state == CORO_STACK_PREP_BUSY)
    {
      if (g_atomic_int_get (&slab->prep_waiting))
        {
          _coro_stack_helper_lock ();
          coro_stack_helper_broadcast ();
          _coro_stack_helper_unlock ();
        }
    }
  else if (state == CORO_STACK_PREP_IDLE && i + 2 * CORO_STACK_BATCH <= slab->n_slots &&
           g_atomic_int_get (&slab->batches[i / CORO_STACK_BATCH + 1]) == CORO_STACK_BATCH_UNCLAIMED)
    {
      _coro_stack_helper_prepare_slab (slab);
    }
}

/* When this returns, the helper does not touch SLAB any more. */
void
_coro_stack_helper_take_back (CoroStackSlab *slab)
{
  int state = g_atomic_int_get (&slab->prep_state);

  if (state == CORO_STACK_PREP_IDLE || state == CORO_STACK_PREP_GAVE_UP)
    return;

  _coro_stack_helper_lock ();
  if (g_atomic_int_get (&slab->prep_state) == CORO_STACK_PREP_QUEUED)
    {
      g_queue_unlink (&coro_stack_helper.prepares, &slab->job.link);
      g_atomic_int_set (&slab->prep_state, CORO_STACK_PREP_IDLE);
    }
  g_atomic_int_set (&slab->prep_cancel, 1);
  coro_stack_helper_broadcast ();
  while (g_atomic_int_get (&slab->prep_state) == CORO_STACK_PREP_BUSY)
    _coro_stack_helper_wait (0);
  _coro_stack_helper_unlock ();
}
