/* test-poll-budget.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The app's main loop takes at most POLL_BUDGET_MAX_READY ready file
 * descriptors per iteration, loses none of the others, never holds back
 * the lowest-numbered ones and lets none wait forever.
 */

#include "config.h"

#include <unistd.h>

#include <glib-unix.h>

#include "poll-budget.h"

typedef struct
{
  int       fds[2];
  guint    *n_dispatched;
  gboolean  busy;          /* never read: ready at every poll */
} Pipe;

static gboolean
on_readable (int           fd,
             GIOCondition  condition,
             gpointer      user_data)
{
  Pipe *pipe = user_data;
  char byte;

  if (!pipe->busy)
    g_assert_cmpint (read (fd, &byte, 1), ==, 1);
  (*pipe->n_dispatched)++;

  return G_SOURCE_CONTINUE;
}

/* A pipe watched on @context, with nothing to read yet */
static Pipe *
watched_pipe (GMainContext *context,
              int           priority,
              guint        *n_dispatched)
{
  Pipe *pipe = g_new0 (Pipe, 1);
  g_autoptr(GSource) source = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_unix_open_pipe (pipe->fds, FD_CLOEXEC, &error));
  g_assert_no_error (error);
  pipe->n_dispatched = n_dispatched;

  source = g_unix_fd_source_new (pipe->fds[0], G_IO_IN);
  g_source_set_priority (source, priority);
  g_source_set_callback (source, G_SOURCE_FUNC (on_readable), pipe, NULL);
  g_source_attach (source, context);

  return pipe;
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

#define N_PIPES (3 * POLL_BUDGET_MAX_READY + 1)

static void
test_spreads_ready (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) pipes = g_ptr_array_new_with_free_func ((GDestroyNotify) pipe_free);
  guint n_dispatched = 0;

  install_poll_budget (context);
  for (guint i = 0; i < N_PIPES; i++)
    g_ptr_array_add (pipes, watched_pipe (context, G_PRIORITY_DEFAULT, &n_dispatched));
  make_ready (context, pipes);

  /* Each iteration takes its share, and the ones held back are still
   * ready for the next: none waits for an event that already came. After
   * the first, GLib's own wake-up descriptor may take one share. */
  g_assert_true (g_main_context_iteration (context, FALSE));
  g_assert_cmpuint (n_dispatched, ==, POLL_BUDGET_MAX_READY);
  while (n_dispatched < N_PIPES)
    {
      guint before = n_dispatched;

      g_assert_true (g_main_context_iteration (context, FALSE));
      g_assert_cmpuint (n_dispatched - before, <=, POLL_BUDGET_MAX_READY);
      g_assert_cmpuint (n_dispatched - before, >=, MIN (POLL_BUDGET_MAX_READY - 1, N_PIPES - before));
    }
  g_assert_false (g_main_context_iteration (context, FALSE));
}

static void
test_under_budget (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) pipes = g_ptr_array_new_with_free_func ((GDestroyNotify) pipe_free);
  guint n_dispatched = 0;

  install_poll_budget (context);
  for (guint i = 0; i < POLL_BUDGET_MAX_READY; i++)
    g_ptr_array_add (pipes, watched_pipe (context, G_PRIORITY_DEFAULT, &n_dispatched));
  make_ready (context, pipes);

  g_assert_true (g_main_context_iteration (context, FALSE));
  g_assert_cmpuint (n_dispatched, ==, POLL_BUDGET_MAX_READY);
}

/* The descriptor opened first, like a display connection, is served at
 * every iteration, however many others are ready */
static void
test_lowest_first (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) pipes = g_ptr_array_new_with_free_func ((GDestroyNotify) pipe_free);
  guint n_lowest = 0, n_others = 0, n_iterations = 0;
  Pipe *lowest;

  install_poll_budget (context);
  lowest = watched_pipe (context, G_PRIORITY_DEFAULT, &n_lowest);
  lowest->busy = TRUE;
  g_ptr_array_add (pipes, lowest);
  for (guint i = 0; i < N_PIPES; i++)
    g_ptr_array_add (pipes, watched_pipe (context, G_PRIORITY_DEFAULT, &n_others));
  make_ready (context, pipes);

  while (n_others < N_PIPES)
    {
      g_assert_true (g_main_context_iteration (context, FALSE));
      g_assert_cmpuint (n_lowest, ==, ++n_iterations);
    }
  g_assert_cmpuint (n_iterations, >, 1);
}

/* Descriptors that stay ready at every poll, and are the lowest, do not
 * keep the others waiting beyond a turn */
static void
test_none_starves (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) pipes = g_ptr_array_new_with_free_func ((GDestroyNotify) pipe_free);
  guint n_busy = 0, n_others = 0, n_iterations = 0;
  guint turn = POLL_BUDGET_MAX_READY - POLL_BUDGET_MAX_READY / 2;

  install_poll_budget (context);
  for (guint i = 0; i < POLL_BUDGET_MAX_READY; i++)
    {
      Pipe *busy = watched_pipe (context, G_PRIORITY_DEFAULT, &n_busy);

      busy->busy = TRUE;
      g_ptr_array_add (pipes, busy);
    }
  for (guint i = 0; i < N_PIPES; i++)
    g_ptr_array_add (pipes, watched_pipe (context, G_PRIORITY_DEFAULT, &n_others));
  make_ready (context, pipes);

  /* The rotating half of the budget is shared by the busy ones above the
   * lowest half and the others */
  while (n_others < N_PIPES)
    {
      g_assert_true (g_main_context_iteration (context, FALSE));
      g_assert_cmpuint (++n_iterations, <=, (N_PIPES + POLL_BUDGET_MAX_READY) / turn + 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poll-budget/spreads-ready", test_spreads_ready);
  g_test_add_func ("/poll-budget/under-budget", test_under_budget);
  g_test_add_func ("/poll-budget/lowest-first", test_lowest_first);
  g_test_add_func ("/poll-budget/none-starves", test_none_starves);

  return g_test_run ();
}
