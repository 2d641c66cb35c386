/* events-bench.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What recording request events costs. First the recording itself: the
 * nanoseconds per gh_request_sink_record() from one thread and from two at
 * once, and what taking a batch costs the receiving thread. Then a load:
 * the `large` dataset (1,200 repositories) at its real latencies from the
 * fake GitHub in this process, loaded with CONCURRENT through the real
 * client, with the events recorded and without, taking turns, in one run.
 * It prints figures and asserts nothing.
 *
 *   events-bench [--loads N] [--max-requests N] [--variant NAME]
 */

#include "config.h"

#include <stdio.h>

#include <gh-fake-github.h>
#include <tasks.h>

#include "bench-utils.h"

#define N_RECORDS 1000000

typedef struct
{
  GhRequestSink *sink;
  guint          n;
  gint64         elapsed_us;
} Recorder;

static gpointer
record_many (gpointer data)
{
  Recorder *recorder = data;
  GhRequestEvent event = {
    .kind = GH_REQUEST_CONTRIBUTORS,
    .url = "http://127.0.0.1:40000/repos/megacorp/repository-0421/contributors?per_page=100",
    .subject = "repository-0421",
    .page = 1,
    .thread = "main",
    .coroutine = "CONCURRENT",
    .coroutine_id = 421,
    .status = 200,
    .n_items = 17,
    .n_bytes = 2345,
    .outcome = GH_REQUEST_OK,
  };
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < recorder->n; i++)
    {
      event.start_us = gh_request_sink_now (recorder->sink);
      event.end_us = event.start_us + 1;
      gh_request_sink_record (recorder->sink, &event);
    }
  recorder->elapsed_us = g_get_monotonic_time () - start;
  return NULL;
}

static void
bench_recording (guint n_threads)
{
  g_autoptr(GhRequestLog) log = gh_request_log_new ();
  Recorder recorders[2];
  GThread *threads[2];
  gint64 flush_start, flush_us;
  double ns = 0;

  for (guint i = 0; i < n_threads; i++)
    {
      recorders[i] = (Recorder) { gh_request_log_get_sink (log), N_RECORDS / n_threads, 0 };
      threads[i] = g_thread_new ("recorder", record_many, &recorders[i]);
    }
  for (guint i = 0; i < n_threads; i++)
    {
      g_thread_join (threads[i]);
      ns = MAX (ns, recorders[i].elapsed_us * 1000.0 / recorders[i].n);
    }

  flush_start = g_get_monotonic_time ();
  gh_request_log_flush (log);
  flush_us = g_get_monotonic_time () - flush_start;

  printf ("record, %u thread%s: %.0f ns per event; taking the %u events: %.0f ns per event\n", n_threads,
          n_threads > 1 ? "s at once" : "", ns, gh_request_log_get_n_events (log),
          flush_us * 1000.0 / gh_request_log_get_n_events (log));
}

static void
on_update (ContribUpdate *update,
           const GError  *error,
           gpointer       user_data)
{
  if (error != NULL || contrib_update_is_completed (update))
    *(gboolean *) user_data = TRUE;
}

/* One load to the end; returns its time in ms and the events it recorded */
static double
load_once (const char     *url,
           ContribVariant  variant,
           const char     *org,
           guint           max_requests,
           gboolean        record,
           guint          *n_events)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhClient) client = gh_client_new (url, &error);
  g_autoptr(ContribLoader) loader = NULL;
  gboolean done = FALSE;
  gint64 start;

  g_assert_no_error (error);
  gh_client_set_max_requests (client, max_requests);
  loader = contrib_loader_new (GH_SERVICE (client), variant, org);
  /* The loader gave the client its log's sink: take it back */
  if (!record)
    gh_service_set_request_sink (GH_SERVICE (client), NULL);

  start = g_get_monotonic_time ();
  contrib_loader_start (loader, on_update, &done, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  gh_request_log_flush (contrib_loader_get_request_log (loader));
  *n_events = gh_request_log_get_n_events (contrib_loader_get_request_log (loader));
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  int loads = 5;
  int max_requests = 100;
  g_autofree char *variant_name = NULL;
  GOptionEntry entries[] = {
    { "loads", 0, 0, G_OPTION_ARG_INT, &loads, "Loads of each kind (default 5)", "N" },
    { "max-requests", 0, 0, G_OPTION_ARG_INT, &max_requests, "Requests in flight (default 100)", "N" },
    { "variant", 0, 0, G_OPTION_ARG_STRING, &variant_name, "The variant (default CONCURRENT)", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- what recording request events costs");
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = NULL;
  g_autoptr(GhFakeServer) server = NULL;
  g_autoptr(GArray) with = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) without = g_array_new (FALSE, FALSE, sizeof (double));
  ContribVariant variant = CONTRIB_VARIANT_CONCURRENT;
  guint n_events = 0;
  double a, b;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (variant_name != NULL && !contrib_variant_from_id (variant_name, &variant)) ||
      loads <= 0 || max_requests <= 0)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message
                              : "unknown variant, or --loads or --max-requests not positive");
      return 2;
    }
  gh_log_set_writer (bench_quiet_log, NULL, NULL);

  bench_recording (1);
  bench_recording (2);

  dataset = gh_dataset_new_from_name ("large", &error);
  g_assert_no_error (error);
  server = gh_fake_server_new (dataset);
  gh_fake_server_set_keep_log (server, FALSE);
  if (!gh_fake_server_start (server, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  printf ("%s on large (%u repositories), %d in flight, %d loads each, taking turns:\n",
          contrib_variant_get_id (variant), gh_dataset_get_n_repos (dataset), max_requests, loads);
  /* A first load of each warms the server and the client's connections */
  load_once (gh_fake_server_get_uri (server), variant, gh_dataset_get_org (dataset), max_requests, TRUE, &n_events);
  for (int i = 0; i < loads; i++)
    {
      guint n;

      a = load_once (gh_fake_server_get_uri (server), variant, gh_dataset_get_org (dataset), max_requests, TRUE,
                     &n_events);
      b = load_once (gh_fake_server_get_uri (server), variant, gh_dataset_get_org (dataset), max_requests, FALSE,
                     &n);
      g_array_append_val (with, a);
      g_array_append_val (without, b);
      printf ("  with events %.0f ms (%u events), without %.0f ms (%u)\n", a, n_events, b, n);
      fflush (stdout);
    }

  a = bench_median (with);
  b = bench_median (without);
  printf ("median: with events %.0f ms, without %.0f ms: %+.1f %%\n", a, b, (a - b) * 100 / b);

  gh_fake_server_stop (server);
  return 0;
}
