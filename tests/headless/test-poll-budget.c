/* test-poll-budget.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The app's main loop takes only as many ready file descriptors per
 * iteration as fit in its time budget, loses none of the others, never
 * holds back the lowest-numbered ones and lets none wait forever.
 *
 * The budget learns from the thread's past iterations, so each test runs
 * on a thread of its own.
 */

#include "config.h"

#include <time.h>
#include <unistd.h>

#include <glib-unix.h>

#include "poll-budget.h"

typedef struct
{
  int       fds[2];
  guint    *n_dispatched;
  gboolean  busy;          /* never read: ready at every poll */
  gint64    cost_us;       /* CPU time each dispatch takes */
} Pipe;

static gint64
thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
on_readable (int           fd,
             GIOCondition  condition,
             gpointer      user_data)
{
  Pipe *pipe = user_data;
  gint64 until = thread_cpu_us () + pipe->cost_us;
  char byte;

  if (!pipe->busy)
    g_assert_cmpint (read (fd, &byte, 1), ==, 1);
  (*pipe->n_dispatched)++;

  while (thread_cpu_us () < until)
    ;

  return G_SOURCE_CONTINUE;
}

/* Adds @n pipes watched on @context, with nothing to read yet, each
 * dispatch counted in @n_dispatched */
static void
add_pipes (GMainContext *context,
           GPtrArray    *pipes,
           guint         n,
           guint        *n_dispatched,
           gint64        cost_us,
           gboolean      busy)
{
  for (guint i = 0; i < n; i++)
    {
      Pipe *pipe = g_new0 (Pipe, 1);
      g_autoptr(GSource) source = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_unix_open_pipe (pipe->fds, FD_CLOEXEC, &error));
      g_assert_no_error (error);
      pipe->n_dispatched = n_dispatched;
      pipe->cost_us = cost_us;
      pipe->busy = busy;
      g_ptr_array_add (pipes, pipe);

      source = g_unix_fd_source_new (pipe->fds[0], G_IO_IN);
      g_source_set_callback (source, G_SOURCE_FUNC (on_readable), pipe, NULL);
      g_source_attach (source, context);
    }
}

/* Makes every pipe ready at once. The context's own wake-up descriptor,
 * set by attaching the sources, is cleared first so that the pipes have
 * the budget to themselves. */
static void
make_ready (GMainContext *context,
            GPtrArray    *pipes)
{
  g_assert_false (g_main_context_iteration (context, FALSE));

  for (guint i = 0; i < pipes->len; i++)
    {
      Pipe *pipe = g_ptr_array_index (pipes, i);

      g_assert_cmpint (write (pipe->fds[1], "x", 1), ==, 1);
    }
}

static void
pipe_free (Pipe *pipe)
{
  close (pipe->fds[0]);
  close (pipe->fds[1]);
  g_free (pipe);
}

/* The test's data is its body */
static void
run_on_new_thread (gconstpointer func)
{
  g_thread_join (g_thread_new ("poll-budget", (GThreadFunc) func, NULL));
}

#define N_PIPES (2 * POLL_BUDGET_MAX_READY + 1)
#define COSTLY_US 1000
/* From the ceiling down to what fits, halving the distance each time */
#define LEARNING_ITERATIONS 8

/* Dispatches that cost a millisecond each: a few per iteration, the ones
 * held back still ready for the next (none waits for an event that
 * already came) */
static gpointer
spreads_costly (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) pipes = g_ptr_array_new_with_free_func ((GDestroyNotify) pipe_free);
  guint fits = MAX (POLL_BUDGET_TARGET_USEC / COSTLY_US, POLL_BUDGET_MIN_READY);
  guint n_dispatched = 0, n_iterations = 0;

  install_poll_budget (context);
  add_pipes (context, pipes, N_PIPES, &n_dispatched, COSTLY_US, FALSE);
  make_ready (context, pipes);

  /* Once it has seen what they cost (it halves the distance at every
   * iteration), an iteration takes about what fits. GLib's own wake-up
   * descriptor may take one share. */
  while (n_dispatched < N_PIPES)
    {
      guint before = n_dispatched;

      g_assert_true (g_main_context_iteration (context, FALSE));
      g_assert_cmpuint (n_dispatched - before, >=, 1);
      if (++n_iterations > LEARNING_ITERATIONS)
        g_assert_cmpuint (n_dispatched - before, <=, fits + 1);
    }
  g_assert_cmpuint (n_iterations, >, LEARNING_ITERATIONS);
  g_assert_false (g_main_context_iteration (context, FALSE));

  return NULL;
}

/* Cheap dispatches: the budget grows, up to its ceiling, so that GLib's
 * cost of an iteration is shared by many */
static gpointer
grows_when_cheap (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) pipes = g_ptr_array_new_with_free_func ((GDestroyNotify) pipe_free);
  guint n_dispatched = 0, most = 0;

  install_poll_budget (context);
  add_pipes (context, pipes, N_PIPES, &n_dispatched, 0, FALSE);
  make_ready (context, pipes);

  while (n_dispatched < N_PIPES)
    {
      guint before = n_dispatched;

      g_assert_true (g_main_context_iteration (context, FALSE));
      g_assert_cmpuint (n_dispatched - before, <=, POLL_BUDGET_MAX_READY);
      most = MAX (most, n_dispatched - before);
    }
  g_assert_cmpuint (most, >, 2 * POLL_BUDGET_MIN_READY);

  return NULL;
}

/* Fewer ready than the budget: all at once */
static gpointer
under_budget (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) pipes = g_ptr_array_new_with_free_func ((GDestroyNotify) pipe_free);
  guint n_dispatched = 0;

  install_poll_budget (context);
  add_pipes (context, pipes, POLL_BUDGET_MIN_READY, &n_dispatched, 0, FALSE);
  make_ready (context, pipes);

  g_assert_true (g_main_context_iteration (context, FALSE));
  g_assert_cmpuint (n_dispatched, ==, POLL_BUDGET_MIN_READY);

  return NULL;
}

/* The descriptor opened first, like a display connection, is served at
 * every iteration, however many others are ready */
static gpointer
lowest_first (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) pipes = g_ptr_array_new_with_free_func ((GDestroyNotify) pipe_free);
  guint n_lowest = 0, n_others = 0, n_iterations = 0;

  install_poll_budget (context);
  add_pipes (context, pipes, 1, &n_lowest, 0, TRUE);
  add_pipes (context, pipes, N_PIPES, &n_others, COSTLY_US, FALSE);
  make_ready (context, pipes);

  while (n_others < N_PIPES)
    {
      g_assert_true (g_main_context_iteration (context, FALSE));
      g_assert_cmpuint (n_lowest, ==, ++n_iterations);
    }
  g_assert_cmpuint (n_iterations, >, 1);

  return NULL;
}

/* Descriptors that stay ready at every poll, and are the lowest, do not
 * keep the others waiting beyond a turn */
static gpointer
none_starves (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) pipes = g_ptr_array_new_with_free_func ((GDestroyNotify) pipe_free);
  guint n_busy = 0, n_others = 0, n_iterations = 0;

  install_poll_budget (context);
  add_pipes (context, pipes, POLL_BUDGET_MAX_READY, &n_busy, 0, TRUE);
  add_pipes (context, pipes, N_PIPES, &n_others, 0, FALSE);
  make_ready (context, pipes);

  /* At least half the smallest budget goes round the busy ones above the
   * lowest half and the others */
  while (n_others < N_PIPES)
    {
      g_assert_true (g_main_context_iteration (context, FALSE));
      g_assert_cmpuint (++n_iterations, <=,
                        (N_PIPES + POLL_BUDGET_MAX_READY) / (POLL_BUDGET_MIN_READY / 2) + 2);
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/poll-budget/spreads-costly", spreads_costly, run_on_new_thread);
  g_test_add_data_func ("/poll-budget/grows-when-cheap", grows_when_cheap, run_on_new_thread);
  g_test_add_data_func ("/poll-budget/under-budget", under_budget, run_on_new_thread);
  g_test_add_data_func ("/poll-budget/lowest-first", lowest_first, run_on_new_thread);
  g_test_add_data_func ("/poll-budget/none-starves", none_starves, run_on_new_thread);

  return g_test_run ();
}
