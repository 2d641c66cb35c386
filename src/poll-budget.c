/* poll-budget.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "poll-budget.h"

/*
 * GLib dispatches every source that is ready when a main-loop iteration
 * polls. With a thousand requests in flight, a hundred answers can be
 * waiting after a busy iteration, and handling them all (libsoup's work for
 * each is around a tenth of a millisecond here) makes the next iteration
 * longer still: the loop, and the window painted from it, stalls for tens
 * of milliseconds at a time. Reporting at most POLL_BUDGET_MAX_READY
 * descriptors as ready per poll spreads them over iterations, with input,
 * painting and timers served in between. Nothing is lost: poll is level
 * triggered, so what was held back is reported again by the next poll,
 * which returns at once.
 *
 * GLib hands the descriptors over in the order of their numbers, not of
 * their sources' priorities. Half the budget goes to the lowest-numbered
 * ready ones: those opened first and kept open, such as the display
 * connection and GLib's own wake-up, which are then never held back. The
 * other half goes round the rest, so that none waits for more than a turn
 * however busy the lower ones are.
 */

#define LOWEST_SHARE (POLL_BUDGET_MAX_READY / 2)

/* Where the last turn ended, per thread: a context is polled by the thread
 * that iterates it */
static __thread gint next_fd;

static gint
budgeted_poll (GPollFD *fds,
               guint    n_fds,
               gint     timeout)
{
  gint n_ready = g_poll (fds, n_fds, timeout);
  guint n_kept = 0, first_turn = n_fds, n_turn = 0;
  guint rest;

  if (n_ready <= POLL_BUDGET_MAX_READY)
    return n_ready;

  /* The lowest ones */
  for (rest = 0; rest < n_fds && n_kept < LOWEST_SHARE; rest++)
    n_kept += fds[rest].revents != 0;

  /* The turn starts at the first ready one from next_fd on, and wraps */
  for (guint i = rest; i < n_fds && first_turn == n_fds; i++)
    if (fds[i].revents != 0 && fds[i].fd >= next_fd)
      first_turn = i;
  if (first_turn == n_fds)
    first_turn = rest;

  for (guint j = 0; j < n_fds - rest; j++)
    {
      guint i = rest + (first_turn - rest + j) % (n_fds - rest);

      if (fds[i].revents == 0)
        continue;

      if (n_kept < POLL_BUDGET_MAX_READY)
        {
          n_kept++;
          n_turn++;
          next_fd = fds[i].fd + 1;
        }
      else
        {
          fds[i].revents = 0;
        }
    }

  g_assert (n_turn > 0);
  return n_kept;
}

/**
 * install_poll_budget:
 * @context: a main context, not iterated with a poll function of its own
 *
 * Makes each iteration of @context dispatch at most
 * %POLL_BUDGET_MAX_READY sources woken by a file descriptor.
 */
void
install_poll_budget (GMainContext *context)
{
  g_main_context_set_poll_func (context, budgeted_poll);
}
