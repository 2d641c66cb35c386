/* soak-bench.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * test-e2e-soak's loads, many more of them: 2 000 loads of the demo
 * dataset in one process, each with its own client, most cancelled at a
 * random time (see tests/e2e/soak-utils.c). Every 100 loads it settles
 * and prints each metric (live coroutines, threads, descriptors, RSS and
 * malloc's heap in use) with its growth since the baseline, taken after
 * the first 40 loads as the test does, and since the previous line, and
 * the heap's growth per connection the fake server accepted: libsoup 3.2's
 * server keeps something of each (bench/soup-accept-bench measures how
 * much without this project's code). It asserts nothing.
 *
 *   soak-bench [--loads N] [--every N] [--scale X] [--max-cancel-ms N] [--seed N] [--quick-exit]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "soak-utils.h"

#include "bench-utils.h"

#define N_WARMUP_LOADS 40

static void
print_sample (guint             n_done,
              double            seconds,
              const SoakSample *s,
              const SoakSample *baseline,
              const SoakSample *previous)
{
  guint connections = s->connections - baseline->connections;
  double per_connection = connections > 0 ? ((double) s->heap_kib - baseline->heap_kib) * 1024 / connections : 0;

  printf ("%6u %8.1f %5u %4u %+4d %+4d %4u %+4d %+4d %8u %+7d %+7d %8u %+7d %+7d %7u %6.0f\n",
          n_done, seconds, s->coroutines,
          s->threads, (int) s->threads - (int) baseline->threads,
          (int) s->threads - (int) previous->threads,
          s->fds, (int) s->fds - (int) baseline->fds, (int) s->fds - (int) previous->fds,
          s->rss_kib, (int) s->rss_kib - (int) baseline->rss_kib,
          (int) s->rss_kib - (int) previous->rss_kib,
          s->heap_kib, (int) s->heap_kib - (int) baseline->heap_kib,
          (int) s->heap_kib - (int) previous->heap_kib,
          connections, per_connection);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  int loads = 2000;
  int every = 100;
  double scale = 0.005;
  int max_cancel_ms = 100;
  int seed = 1;
  gboolean quick_exit = FALSE;
  GOptionEntry entries[] = {
    { "loads", 0, 0, G_OPTION_ARG_INT, &loads, "Loads to run (2000)", "N" },
    { "every", 0, 0, G_OPTION_ARG_INT, &every, "Loads between two lines (100)", "N" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "The fake server's latency scale (0.005)", "X" },
    { "max-cancel-ms", 0, 0, G_OPTION_ARG_INT, &max_cancel_ms,
      "Cancel nine loads in ten within this many milliseconds (100)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the variants and cancel times (1)", "N" },
    { "quick-exit", 0, 0, G_OPTION_ARG_NONE, &quick_exit,
      "End with _exit() after the last line, so that a heap profiler sees all that is alive", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(Soak) soak = NULL;
  g_autoptr(GTimer) timer = NULL;
  SoakSample baseline;
  SoakSample previous;
  SoakSample now;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  if (loads <= N_WARMUP_LOADS || every <= 0 || scale < 0 || max_cancel_ms < 0)
    {
      fprintf (stderr, "--loads must exceed %d; --every, --scale and --max-cancel-ms be positive\n",
               N_WARMUP_LOADS);
      return 2;
    }

  gh_log_set_writer (bench_quiet_log, NULL, NULL);
  soak = soak_new (scale, max_cancel_ms, seed);
  timer = g_timer_new ();

  printf ("soak-bench: %d loads of the demo, latency scale %g, cancels within %d ms, seed %d\n",
          loads, scale, max_cancel_ms, seed);
  printf ("growth: since the baseline after %d loads, then since the previous line\n",
          N_WARMUP_LOADS);
  printf ("conns: connections the server accepted since the baseline; B/conn: the heap's growth\n"
          "since the baseline per connection, to set against bench/soup-accept-bench\n");
  printf (" loads     secs  coro  thr  +bl +prv  fds  +bl +prv  RSS KiB     +bl    +prv heap KiB     +bl    +prv   conns B/conn\n");

  for (int i = 0; i < N_WARMUP_LOADS; i++)
    soak_run_load (soak);
  soak_settle (soak, &baseline);
  previous = baseline;
  print_sample (N_WARMUP_LOADS, g_timer_elapsed (timer, NULL), &baseline, &baseline, &previous);

  for (int i = N_WARMUP_LOADS; i < loads; i++)
    {
      soak_run_load (soak);
      if ((i + 1) % every == 0 || i + 1 == loads)
        {
          soak_settle (soak, &now);
          print_sample (i + 1, g_timer_elapsed (timer, NULL), &now, &baseline, &previous);
          previous = now;
        }
    }

  printf ("%u loads cancelled, %u completed\n",
          soak_get_n_cancelled (soak), soak_get_n_completed (soak));
  if (quick_exit)
    {
      fflush (stdout);
      _exit (0);
    }

  return 0;
}
