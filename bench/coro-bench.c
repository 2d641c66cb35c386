/* coro-bench.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Usage: coro-bench NAME N [stackless|fiber]
 *
 * Prints exactly one line:
 *   coro-bench name=NAME n=N wall_ms=W ns_per_op=X peak_rss_kb=R
 *
 * The coroutines under test have stackless bodies (coro_launch_step(), as
 * Kotlin's coroutines are) unless "fiber" is given; the root that
 * launches and joins them is a fiber either way (coro_run_blocking()).
 *
 * ns_per_op is the wall time divided by N, except for lightweight, where it
 * is the overhead per coroutine beyond the 1000 ms every one of them sleeps,
 * and switch, where it is one switch (half a round trip). This is a
 * benchmark, not a test: it asserts nothing.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <coro.h>
#include "coro-fiber-private.h"

typedef struct
{
  guint64  n;
  gint64   sum;
  gboolean fiber;
} Bench;

static gpointer
sleeper (CoroJob  *scope,
         gpointer  data,
         GError  **error)
{
  coro_delay (1000, error);
  return NULL;
}

static CoroStep
sleeper_step (CoroJob   *scope,
              guint     *label,
              gpointer   data,
              gpointer  *result,
              GError   **error)
{
  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_delay_begin (1000));
  coro_delay_finish (error);
  CORO_STEP_END (label);
}

static gpointer
empty (CoroJob  *scope,
       gpointer  data,
       GError  **error)
{
  return NULL;
}

static CoroStep
empty_step (CoroJob   *scope,
            guint     *label,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  return CORO_STEP_DONE;
}

static gpointer
launch_all (CoroJob       *scope,
            const Bench   *bench,
            CoroFunc       func,
            CoroStepFunc   step,
            GError       **error)
{
  CoroJob **jobs = g_new (CoroJob *, bench->n);
  gboolean ok;

  for (guint64 i = 0; i < bench->n; i++)
    jobs[i] = bench->fiber ? coro_launch (scope, func, NULL, NULL)
                           : coro_launch_step (scope, NULL, step, NULL, NULL);
  ok = coro_join_all (jobs, bench->n, error);
  for (guint64 i = 0; i < bench->n; i++)
    coro_job_unref (jobs[i]);
  g_free (jobs);

  return ok ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
lightweight_main (CoroJob  *scope,
                  gpointer  data,
                  GError  **error)
{
  return launch_all (scope, data, sleeper, sleeper_step, error);
}

static gpointer
spawn_main (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  return launch_all (scope, data, empty, empty_step, error);
}

static gpointer
ponger (CoroJob  *scope,
        gpointer  data,
        GError  **error)
{
  CoroChannel **channels = data;
  gpointer ball;

  while (coro_channel_iterate (channels[0], &ball, error))
    if (!coro_channel_send (channels[1], ball, error))
      return NULL;
  coro_channel_close (channels[1]);
  return NULL;
}

static gpointer
pinger (CoroJob  *scope,
        gpointer  data,
        GError  **error)
{
  Bench *bench = ((gpointer *) data)[0];
  CoroChannel **channels = ((gpointer *) data)[1];

  for (guint64 i = 0; i < bench->n; i++)
    {
      gpointer ball;

      if (!coro_channel_send (channels[0], GSIZE_TO_POINTER (i + 1), error) ||
          !coro_channel_receive (channels[1], &ball, error))
        break;
      bench->sum += GPOINTER_TO_SIZE (ball);
    }
  coro_channel_close (channels[0]);
  return NULL;
}

typedef struct
{
  Bench       *bench;
  CoroChannel *in;
  CoroChannel *out;
  guint64      i;
  gpointer     ball;
} Player;

/* Receives a ball and sends it back, until the channel closes. */
static CoroStep
ponger_step (CoroJob   *scope,
             guint     *label,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  Player *player = data;
  GError *local_error = NULL;

  CORO_STEP_BEGIN (label);
  for (;;)
    {
      CORO_STEP_AWAIT (label, coro_channel_receive_begin (player->in));
      if (!coro_channel_receive_finish (player->in, &player->ball, &local_error))
        break;
      CORO_STEP_AWAIT (label, coro_channel_send_begin (player->out, player->ball));
      if (!coro_channel_send_finish (player->out, error))
        return CORO_STEP_DONE;
    }
  if (!g_error_matches (local_error, CORO_ERROR, CORO_ERROR_CLOSED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  g_clear_error (&local_error);
  coro_channel_close (player->out);
  CORO_STEP_END (label);
}

/* Sends N balls, each after the previous came back. */
static CoroStep
pinger_step (CoroJob   *scope,
             guint     *label,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  Player *player = data;

  CORO_STEP_BEGIN (label);
  for (player->i = 0; player->i < player->bench->n; player->i++)
    {
      CORO_STEP_AWAIT (label, coro_channel_send_begin (player->out, GSIZE_TO_POINTER (player->i + 1)));
      if (!coro_channel_send_finish (player->out, error))
        break;
      CORO_STEP_AWAIT (label, coro_channel_receive_begin (player->in));
      if (!coro_channel_receive_finish (player->in, &player->ball, error))
        break;
      player->bench->sum += GPOINTER_TO_SIZE (player->ball);
    }
  coro_channel_close (player->out);
  CORO_STEP_END (label);
}

static gpointer
pingpong_main (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  Bench *bench = data;
  CoroChannel *channels[2] = {
    coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL),
    coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL),
  };
  gpointer pinger_data[2] = { bench, channels };
  Player ping = { bench, channels[1], channels[0], 0, NULL };
  Player pong = { bench, channels[0], channels[1], 0, NULL };
  CoroJob *jobs[2];

  if (bench->fiber)
    {
      jobs[0] = coro_launch (scope, pinger, pinger_data, NULL);
      jobs[1] = coro_launch (scope, ponger, channels, NULL);
    }
  else
    {
      jobs[0] = coro_launch_step (scope, NULL, pinger_step, &ping, NULL);
      jobs[1] = coro_launch_step (scope, NULL, ponger_step, &pong, NULL);
    }
  coro_join_all (jobs, 2, error);
  coro_job_unref (jobs[0]);
  coro_job_unref (jobs[1]);
  coro_channel_unref (channels[0]);
  coro_channel_unref (channels[1]);

  return GINT_TO_POINTER (1);
}

static gpointer
ten_ms (CoroJob  *scope,
        gpointer  data,
        GError  **error)
{
  if (!coro_delay (10, error))
    return NULL;
  return data;
}

static CoroStep
ten_ms_step (CoroJob   *scope,
             guint     *label,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_delay_begin (10));
  if (coro_delay_finish (error))
    *result = data;
  CORO_STEP_END (label);
}

static gpointer
async_main (CoroJob  *scope,
            gpointer  data,
            GError  **error)
{
  Bench *bench = data;
  CoroDeferred **deferreds = g_new (CoroDeferred *, bench->n);
  GPtrArray *results;

  for (guint64 i = 0; i < bench->n; i++)
    deferreds[i] = bench->fiber ? coro_async (scope, ten_ms, GSIZE_TO_POINTER (i), NULL, NULL)
                                : coro_async_step (scope, NULL, ten_ms_step, GSIZE_TO_POINTER (i), NULL, NULL);
  results = coro_await_all (deferreds, bench->n, error);
  for (guint i = 0; results != NULL && i < results->len; i++)
    bench->sum += GPOINTER_TO_SIZE (g_ptr_array_index (results, i));
  g_clear_pointer (&results, g_ptr_array_unref);
  for (guint64 i = 0; i < bench->n; i++)
    coro_job_unref (deferreds[i]);
  g_free (deferreds);

  return GINT_TO_POINTER (1);
}

static void
switcher (gpointer data)
{
  guint64 n = *(guint64 *) data;

  for (guint64 i = 0; i < n; i++)
    _coro_fiber_suspend ();
}

static void
run_switch (guint64 n)
{
  CoroStackPool *pool = _coro_stack_pool_new ();
  CoroFiber *fiber = _coro_fiber_new (pool, 0, "switch", switcher, &n);

  while (!_coro_fiber_is_finished (fiber))
    _coro_fiber_resume (fiber);
  _coro_fiber_free (fiber);
  _coro_stack_pool_free (pool);
}

static glong
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };
  const char *name;
  CoroFunc body = NULL;
  gint64 started;
  double wall_ns;
  double ns_per_op;

  if (argc < 3 || argc > 4 ||
      g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT32, &bench.n, NULL) == FALSE ||
      (argc == 4 && !g_str_equal (argv[3], "stackless") && !g_str_equal (argv[3], "fiber")))
    {
      fprintf (stderr, "Usage: coro-bench lightweight|spawn|pingpong|async|switch N [stackless|fiber]\n");
      return 2;
    }
  name = argv[1];
  bench.fiber = argc == 4 && g_str_equal (argv[3], "fiber");

  if (g_str_equal (name, "lightweight"))
    body = lightweight_main;
  else if (g_str_equal (name, "spawn"))
    body = spawn_main;
  else if (g_str_equal (name, "pingpong"))
    body = pingpong_main;
  else if (g_str_equal (name, "async"))
    body = async_main;
  else if (!g_str_equal (name, "switch"))
    {
      fprintf (stderr, "coro-bench: unknown benchmark '%s'\n", name);
      return 2;
    }

  started = g_get_monotonic_time ();
  if (body != NULL)
    coro_run_blocking (body, &bench, &error);
  else
    run_switch (bench.n);
  wall_ns = (double) (g_get_monotonic_time () - started) * 1000.0;

  if (error != NULL)
    {
      fprintf (stderr, "coro-bench: %s\n", error->message);
      return 1;
    }

  if (g_str_equal (name, "lightweight"))
    ns_per_op = (wall_ns - 1e9) / (double) bench.n;
  else if (g_str_equal (name, "switch"))
    ns_per_op = wall_ns / (double) bench.n / 2.0;
  else
    ns_per_op = wall_ns / (double) bench.n;

  printf ("coro-bench name=%s n=%" G_GUINT64_FORMAT " wall_ms=%.0f ns_per_op=%.1f peak_rss_kb=%ld\n",
          name, bench.n, wall_ns / 1e6, ns_per_op, peak_rss_kb ());
  return 0;
}
