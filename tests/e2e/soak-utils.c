/* soak-utils.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Many loads in one process, as the window runs them one after another:
 * each with a GhClient of its own (the window makes one per load) against
 * one in-process fake GitHub serving the demo dataset, each a ContribLoader
 * on the default main context, cancelled at a random time or left to
 * finish. Shared by test-e2e-soak and bench/soak-bench.
 */

#include "config.h"

#include "soak-utils.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/* The slowest load, NOT_CANCELLABLE's whole run under ASan, takes 5 s */
#define LOAD_TIMEOUT_S 30

struct _Soak
{
  E2eServer *server;
  GRand     *rand;
  guint      max_cancel_ms;
  guint      n_cancelled;
  guint      n_completed;
};

/* Every variant but BLOCKING, which freezes the main loop and so cannot
 * be cancelled from it: the window cannot interrupt it either */
static const ContribVariant variants[] = {
  CONTRIB_VARIANT_BACKGROUND,
  CONTRIB_VARIANT_CALLBACKS,
  CONTRIB_VARIANT_SUSPEND,
  CONTRIB_VARIANT_CONCURRENT,
  CONTRIB_VARIANT_NOT_CANCELLABLE,
  CONTRIB_VARIANT_PROGRESS,
  CONTRIB_VARIANT_CHANNELS,
};

/* The fake server caches every page it builds (about 1 MiB for the demo);
 * loads cancelled early would fill that cache over hundreds of loads and
 * pass for growth. One whole load fills it. */
static void
fill_page_cache (Soak *self)
{
  g_autoptr(GhService) client = e2e_server_new_client (self->server, 0);
  g_autoptr(E2eOutcome) outcome = NULL;

  outcome = e2e_run_loader (client, CONTRIB_VARIANT_CONCURRENT, "kotlin", NULL, NULL);
  g_assert_no_error (outcome->error);
}

Soak *
soak_new (double  latency_scale,
          guint   max_cancel_ms,
          guint32 seed)
{
  Soak *self = g_new0 (Soak, 1);
  g_autoptr(GhDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  dataset = gh_dataset_new_from_name ("demo", &error);
  g_assert_no_error (error);
  self->server = e2e_server_new (dataset, latency_scale);
  self->rand = g_rand_new_with_seed (seed);
  self->max_cancel_ms = max_cancel_ms;
  fill_page_cache (self);

  return self;
}

void
soak_free (Soak *self)
{
  g_clear_pointer (&self->server, e2e_server_free);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self);
}

typedef struct
{
  GhFakeServer *server;
  guint         n_requests_before;
  gint64        deadline_us;
} CancelAt;

/* Cancels at the deadline, but only once the load's first request has
 * reached the server: a load cancelled before its coroutine starts never
 * ends (test-e2e-cancel-before-start), and would hang this test at random */
static gboolean
deadline_passed (gpointer user_data)
{
  const CancelAt *at = user_data;

  return g_get_monotonic_time () >= at->deadline_us &&
         gh_fake_server_get_n_requests (at->server) > at->n_requests_before;
}

/* A load that never delivers its final result would hang the test until
 * meson kills it, without a word: this says which load, and what each
 * live coroutine waits for */
static gboolean
on_load_stuck (gpointer user_data)
{
  const char *variant_id = user_data;
  g_autofree char *dump = coro_debug_dump_to_string ();

  g_error ("A load of %s got no final result within %d s; live coroutines:\n%s",
           variant_id, LOAD_TIMEOUT_S, dump);
  return G_SOURCE_REMOVE;
}

void
soak_run_load (Soak *self)
{
  ContribVariant variant = variants[g_rand_int_range (self->rand, 0, G_N_ELEMENTS (variants))];
  /* One load in ten runs to its end, whatever the machine's speed; the
   * others are cancelled within max_cancel_ms, at any point of theirs (or
   * end first, if they are fast) */
  gboolean cancel = g_rand_int_range (self->rand, 0, 10) != 0;
  CancelAt at = {
    self->server->server,
    gh_fake_server_get_n_requests (self->server->server),
    g_get_monotonic_time () +
      g_rand_int_range (self->rand, 0, self->max_cancel_ms + 1) * G_TIME_SPAN_MILLISECOND,
  };
  g_autoptr(GhService) client = e2e_server_new_client (self->server, 0);
  g_autoptr(E2eOutcome) outcome = NULL;
  guint watchdog_id;

  watchdog_id = g_timeout_add_seconds (LOAD_TIMEOUT_S * e2e_timeout_factor (), on_load_stuck,
                                       (gpointer) contrib_variant_get_id (variant));
  outcome = e2e_run_loader (client, variant, "kotlin",
                            cancel ? deadline_passed : NULL, &at);
  g_source_remove (watchdog_id);

  if (outcome->error != NULL)
    {
      g_assert_error (outcome->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      self->n_cancelled++;
    }
  else
    {
      g_assert_true (contrib_update_is_completed (outcome->update));
      self->n_completed++;
    }
}

guint
soak_get_n_cancelled (Soak *self)
{
  return self->n_cancelled;
}

guint
soak_get_n_completed (Soak *self)
{
  return self->n_completed;
}

static guint
count_dir_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

void
soak_sample (SoakSample *sample)
{
  g_autofree char *status = NULL;
  struct mallinfo2 info;
  const char *line;

  sample->coroutines = coro_debug_get_n_live ();
  sample->connections = 0;
  sample->threads = count_dir_entries ("/proc/self/task");
  /* Less the one GDir holds open while it counts */
  sample->fds = count_dir_entries ("/proc/self/fd") - 1;

  /* What malloc holds: a leak grows it by exactly what it leaks, where RSS
   * also moves with fragmentation */
  info = mallinfo2 ();
  sample->heap_kib = (guint) ((info.uordblks + info.hblkhd) / 1024);

  /* Gives free pages back from every arena, so that RSS is mostly memory
   * in use rather than what malloc kept from the busiest moment */
  malloc_trim (0);
  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmRSS:");
  g_assert_nonnull (line);
  sample->rss_kib = (guint) strtoul (line + strlen ("\nVmRSS:"), NULL, 10);
}

static gboolean
no_coroutines (gpointer user_data)
{
  return coro_debug_get_n_live () == 0;
}

static gboolean
server_idle (gpointer user_data)
{
  Soak *self = user_data;

  return gh_fake_server_get_in_flight (self->server->server) == 0;
}

/* Each client has an I/O thread from its first callback-style call to
 * its finalize: none is left once the clients of the loads are gone */
static gboolean
no_client_threads (gpointer user_data)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *task;

  while (dir != NULL && (task = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/comm", task);
      g_autofree char *name = NULL;

      if (g_file_get_contents (path, &name, NULL, NULL) && g_str_equal (g_strstrip (name), "gh-io"))
        return FALSE;
    }
  return TRUE;
}

/*
 * Waits until the loads are over, as the window's process is between two
 * loads once their requests are in: NOT_CANCELLABLE's coroutines outlive
 * their load by its 3 s delay and its requests, a cancelled request's end
 * reaches its caller from the client's I/O thread, and a client's sockets
 * close after its last reference goes. A client that is never let go
 * fails the wait. Then samples.
 */
void
soak_settle (Soak       *self,
             SoakSample *sample)
{
  gint64 until;

  e2e_wait_until (no_coroutines, NULL, 30000);
  e2e_wait_until (server_idle, self, 10000);
  e2e_wait_until (no_client_threads, NULL, 10000);

  /* The fake server logs every request, for the tests, without a bound:
   * about 60 KiB a load of the demo. That is the fake's growth, not the
   * client's or the loaders', which this measures (the window's demo
   * server keeps no log). */
  gh_fake_server_clear_log (self->server->server);

  /* The server's threads see the clients' sockets close a little later:
   * waits until the count of descriptors has stopped falling for 50 ms,
   * for 2 s at most */
  soak_sample (sample);
  until = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
  for (;;)
    {
      gint64 quiet_until = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;
      guint fds = sample->fds;

      while (g_get_monotonic_time () < quiet_until)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }

      soak_sample (sample);
      if (sample->fds >= fds || g_get_monotonic_time () > until)
        break;
    }
  sample->connections = gh_fake_server_get_n_connections (self->server->server);
}
