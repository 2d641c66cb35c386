/* fd-limit.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fd-limit.h"

/**
 * raise_fd_limit:
 *
 * Raises the soft limit of open files to the hard one. Every request in
 * flight holds a socket on each side (two in one process with --demo), so
 * loading 1200 repositories at once needs more than the usual soft limit
 * of 1024. The hard limit is the administrator's word; the soft one is
 * there to be raised up to it. GLib polls, so descriptors above 1023 are
 * no trouble.
 */
void
raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max)
    return;

  limit.rlim_cur = limit.rlim_max;
  if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
    g_debug ("Could not raise the limit of open files to %llu",
             (unsigned long long) limit.rlim_max);
}

/**
 * reserve_fd_table:
 * @n_fds: how many descriptors the process may come to hold at once
 *
 * Grows the process's table of descriptors to hold @n_fds (as far as the
 * soft limit allows), to be called before the process starts a thread.
 *
 * Linux grows the table by doubling it as descriptors are opened, and in
 * a process with more than one thread each growth waits for an RCU grace
 * period: 7 to 15 ms measured here, during which the thread that opened
 * the descriptor sleeps. For a load that opens a thousand sockets on the
 * main thread that was five sleeps of the main loop, the longest stalls
 * it had. With one thread there is no grace period to wait for, and the
 * table never shrinks, so it is grown once here, up front.
 */
void
reserve_fd_table (guint n_fds)
{
  struct rlimit limit;
  int top, fd, copy;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return;
  top = (int) MIN ((rlim_t) n_fds, limit.rlim_cur) - 1;

  fd = g_open ("/dev/null", O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return;
  /* A descriptor at the top sizes the table for all below it. F_DUPFD
   * takes the lowest free one from there up: unlike dup2(), it never
   * closes one the process was given. */
  if (top > fd)
    {
      copy = fcntl (fd, F_DUPFD_CLOEXEC, top);
      if (copy >= 0)
        close (copy);
    }
  close (fd);
}
