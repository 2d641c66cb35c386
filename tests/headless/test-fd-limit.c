/* test-fd-limit.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What both executables do to their open files before they start: raise
 * the soft limit to the hard one, and grow the table of descriptors up
 * front, within that limit, leaving no descriptor open.
 *
 * The kernel shows the size of a process's table as FDSize in
 * /proc/self/status.
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd-limit.h"

/* More than a new process's table holds, and than most soft limits allow
 * before they are raised */
#define N_FDS 5000

static guint
fd_table_size (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nFDSize:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nFDSize:"), NULL, 10);
}

static guint
n_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

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

/* The table never shrinks: each test that grows it runs in a fresh
 * process of its own */
static void
run_in_subprocess (gconstpointer body)
{
  if (g_test_subprocess ())
    {
      ((void (*) (void)) body) ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
reserve_grows (void)
{
  guint n_fds;
  guint n_open = n_open_fds ();

  raise_fd_limit ();
  n_fds = (guint) MIN (get_limit ().rlim_cur, N_FDS);
  g_assert_cmpuint (fd_table_size (), <, n_fds);

  reserve_fd_table (n_fds);
  g_assert_cmpuint (fd_table_size (), >=, n_fds);
  g_assert_cmpuint (n_open_fds (), ==, n_open);
}

static void
test_reserve_grows (void)
{
  /* valgrind keeps descriptors of its own at the top of the table */
  if (fd_table_size () >= N_FDS)
    {
      g_test_skip ("The table is that large already");
      return;
    }
  run_in_subprocess (reserve_grows);
}

/* A descriptor the process holds where the table's top would be stays as
 * it was */
static void
reserve_keeps_open (void)
{
  int fds[2];
  int top;
  struct stat st;

  raise_fd_limit ();
  top = (int) MIN (get_limit ().rlim_cur, N_FDS) - 1;
  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (dup2 (fds[1], top), ==, top);

  reserve_fd_table ((guint) top + 1);
  g_assert_cmpint (fstat (top, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

/* Asked for more than the soft limit allows, it takes what it may */
static void
reserve_within_limit (void)
{
  struct rlimit limit = get_limit ();
  guint n_open = n_open_fds ();

  limit.rlim_cur = MIN (limit.rlim_max, 200);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);

  reserve_fd_table (100000);
  g_assert_cmpuint (fd_table_size (), >=, limit.rlim_cur);
  g_assert_cmpuint (fd_table_size (), <, 100000);
  g_assert_cmpuint (n_open_fds (), ==, n_open);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fd-limit/raise", test_raise);
  g_test_add_func ("/fd-limit/reserve/grows", test_reserve_grows);
  g_test_add_data_func ("/fd-limit/reserve/keeps-open", reserve_keeps_open, run_in_subprocess);
  g_test_add_data_func ("/fd-limit/reserve/within-limit", reserve_within_limit, run_in_subprocess);

  return g_test_run ();
}
