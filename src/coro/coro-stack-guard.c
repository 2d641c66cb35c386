/* coro-stack-guard.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Guard pages and the system calls on ranges of stacks: which guard this
 * process can have (guard regions, mprotect, or a canary only), its
 * installation, and process_madvise for many ranges at once with the
 * fallbacks when the kernel refuses it. Separate from coro-stack.c
 * because both the pool and its helper thread use it, and it keeps the
 * process-wide state of what the kernel allows.
 */

#include "config.h"

#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#ifdef HAVE_VALGRIND
# include <valgrind/valgrind.h>
#endif

#include "coro-stack-pool-private.h"
#include "coro-stack-private.h"

/* Each mprotect guard splits a mapping into two VMAs and vm.max_map_count
 * defaults to 65530: stay well below half of it and leave room for the
 * rest of the process. Stacks past the cap get a canary only.
 */
#define CORO_STACK_MAX_MPROTECT_GUARDS 16000

/* -1 until the first stack is made; then the best guard this process may
 * try. Downgraded once from MADVISE to MPROTECT if the kernel says EINVAL.
 */
static int coro_stack_guard_mode = -1;
static int coro_stack_n_mprotect_guards = 0;

/* Cleared for good, per advice, the first time process_madvise refuses it. */
int _coro_stack_vector_guard_ok = 1;
static int coro_stack_vector_populate_ok = 1;
static int coro_stack_vector_dontneed_ok = 1;

CoroStackGuard
_coro_stack_preferred_guard (void)
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

CoroStackGuard
_coro_stack_install_guard (guint8 *page,
                           gsize   len)
{
  CoroStackGuard mode = _coro_stack_preferred_guard ();

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

void
_coro_stack_forget_guard (CoroStack *stack)
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
      return &_coro_stack_vector_guard_ok;
    case MADV_POPULATE_WRITE:
      return &coro_stack_vector_populate_ok;
    case MADV_DONTNEED:
    default:
      return &coro_stack_vector_dontneed_ok;
    }
}

int
_coro_stack_open_self (void)
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
gsize
_coro_stack_madvise_vector (int           pidfd,
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
      pidfd = own_pidfd = _coro_stack_open_self ();
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
void
_coro_stack_dontneed (int           pidfd,
                      struct iovec *iov,
                      gsize         n_iov)
{
  gsize i = n_iov > 1 ? _coro_stack_madvise_vector (pidfd, iov, n_iov, MADV_DONTNEED) : 0;

  for (; i < n_iov; i++)
    (void) madvise (iov[i].iov_base, iov[i].iov_len, MADV_DONTNEED);
}
