/* test-fd-limit.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What both executables do to their open files before they start: raise
 * the soft limit to the hard one.
 */

#include "config.h"

#include <sys/resource.h>

#include "fd-limit.h"

static struct rlimit
get_limit (void)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  return limit;
}

static void
test_raise (void)
{
  struct rlimit limit = get_limit ();

  raise_fd_limit ();
  g_assert_cmpuint (get_limit ().rlim_cur, ==, limit.rlim_max);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fd-limit/raise", test_raise);

  return g_test_run ();
}
