/* fd-limit.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <sys/resource.h>


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
