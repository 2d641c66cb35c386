/* poll-budget.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "poll-budget.h"

#include <time.h>

/*
 * GLib dispatches every source that is ready when a main-loop iteration
 * polls. With a thousand requests in flight, a hundred answers can be
 * waiting after a busy iteration, and handling them all (libsoup's work for
 * each is around a tenth of a millisecond here) makes the next iteration
 * longer still: the loop, and the window painted from it, stalls for tens
 * of milliseconds at a time. Reporting only as many ready descriptors per
 * poll as the loop can handle in POLL_BUDGET_TARGET_USEC spreads them over
 * iterations, with input, painting and timers served in between. Nothing
 * is lost: poll is level triggered, so what was held back is reported
 * again by the next poll, which returns at once.
 *
 * How many that is comes from the last iteration: the CPU time the thread
 * spent between two polls, divided by the descriptors it was given. A
 * fixed count would either let slow handlers run long or, with cheap ones,
 * pay GLib's cost of an iteration (a walk over every source and
 * descriptor) for a handful of them at a time.
 *
 * GLib hands the descriptors over in the order of their numbers, not of
 * their sources' priorities. Half the budget goes to the lowest-numbered
 * ready ones: those opened first and kept open, such as the display
 * connection and GLib's own wake-up, which are then never held back. The
 * other half goes round the rest, so that none waits for more than a turn
 * however busy the lower ones are.
 */

/* Per thread: a context is polled by the thread that iterates it */
typedef struct
{
  guint  budget;
  guint  n_given;       /* by the last poll */
  gint64 returned_us;   /* the thread's CPU time when the last poll returned */
  gint   next_fd;       /* where the last turn ended */
} Budget;

static __thread Budget state = { .budget = POLL_BUDGET_MIN_READY };

static gint64
thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
update_budget (void)
{
  gint64 per_ready;
  guint fits;

  /* An iteration that handled nothing says nothing about the cost */
  if (state.n_given == 0)
    return;

  per_ready = MAX ((thread_cpu_us () - state.returned_us) / state.n_given, 1);
  fits = (guint) CLAMP (POLL_BUDGET_TARGET_USEC / per_ready, POLL_BUDGET_MIN_READY,
                        POLL_BUDGET_MAX_READY);
  /* Halfway there, so that one odd iteration does not swing it */
  state.budget = (state.budget + fits + 1) / 2;
}

/* Clears all but @budget of the ready descriptors in @fds; returns how
 * many are left */
static guint
keep_budget (GPollFD *fds,
             guint    n_fds,
             guint    budget)
{
  guint n_kept = 0, first_turn = n_fds;
  guint rest;

  /* The lowest ones */
  for (rest = 0; rest < n_fds && n_kept < budget / 2; rest++)
    n_kept += fds[rest].revents != 0;

  /* The turn starts at the first ready one from next_fd on, and wraps */
  for (guint i = rest; i < n_fds && first_turn == n_fds; i++)
    if (fds[i].revents != 0 && fds[i].fd >= state.next_fd)
      first_turn = i;
  if (first_turn == n_fds)
    first_turn = rest;

  for (guint j = 0; j < n_fds - rest; j++)
    {
      guint i = rest + (first_turn - rest + j) % (n_fds - rest);

      if (fds[i].revents == 0)
        continue;

      if (n_kept < budget)
        {
          n_kept++;
          state.next_fd = fds[i].fd + 1;
        }
      else
        {
          fds[i].revents = 0;
        }
    }

  return n_kept;
}

static gint
budgeted_poll (GPollFD *fds,
               guint    n_fds,
               gint     timeout)
{
  gint n_ready;

  update_budget ();

  n_ready = g_poll (fds, n_fds, timeout);
  if (n_ready > (gint) state.budget)
    n_ready = (gint) keep_budget (fds, n_fds, state.budget);

  state.n_given = MAX (n_ready, 0);
  state.returned_us = thread_cpu_us ();
  return n_ready;
}

/**
 * install_poll_budget:
 * @context: a main context, not iterated with a poll function of its own
 *
 * Makes each iteration of @context dispatch only as many sources woken by
 * a file descriptor as it can in about %POLL_BUDGET_TARGET_USEC of CPU
 * time, from %POLL_BUDGET_MIN_READY to %POLL_BUDGET_MAX_READY.
 */
void
install_poll_budget (GMainContext *context)
{
  g_main_context_set_poll_func (context, budgeted_poll);
}
