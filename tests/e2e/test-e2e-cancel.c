/* test-e2e-cancel.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Cancelling a load part-way, end to end, seen from the server's request
 * log: for CONCURRENT and CHANNELS no contributors request may arrive
 * after the cancel (requests already on their way may land a moment
 * later, hence a grace period), and those in flight are abandoned rather
 * than waited for. NOT_CANCELLABLE's requests keep arriving after it: that
 * is its lesson.
 *
 * The dataset makes the difference large: 40 repositories of 300 ms each,
 * at most 8 requests in flight, so an uncancelled load sends requests for
 * another 1.2 s after the first wave. No timing is asserted beyond the
 * grace period.
 */

#include "config.h"

#include "e2e-utils.h"

#define N_REPOS 40
#define REPO_LATENCY_MS 300
#define MAX_REQUESTS 8
/* How late a request sent before the cancel may still arrive, or one in
 * flight may still end */
#define GRACE_MS 100

static GhDataset *
slow_dataset (guint repo_latency_ms)
{
  g_autoptr(GString) json = g_string_new ("{\"org\": \"slowcorp\", \"org_id\": 9, \"repos_latency_ms\": 50, \"repos\": [");
  g_autoptr(GError) error = NULL;
  GhDataset *dataset;

  for (guint r = 0; r < N_REPOS; r++)
    g_string_append_printf (json, "%s{\"name\": \"repo-%u\", \"latency_ms\": %u, \"contributors\": ["
                            "{\"login\": \"user-%u\", \"contributions\": %u}, "
                            "{\"login\": \"shared\", \"contributions\": 1}]}",
                            r > 0 ? ", " : "", r, repo_latency_ms, r, r + 1);
  g_string_append (json, "]}");

  dataset = gh_dataset_new_from_data (json->str, json->len, &error);
  g_assert_no_error (error);
  return dataset;
}

static gint64
grace_us (void)
{
  return (gint64) GRACE_MS * e2e_timeout_factor () * G_TIME_SPAN_MILLISECOND;
}

/* Cancel once the first wave of contributors requests is at the server */
static gboolean
first_wave_arrived (gpointer user_data)
{
  E2eServer *server = user_data;

  return e2e_server_count_contributors (server) >= MAX_REQUESTS;
}

static gboolean
server_idle (gpointer user_data)
{
  E2eServer *server = user_data;

  return gh_fake_server_get_in_flight (server->server) == 0;
}

static void
assert_stopped_at_cancel (E2eServer  *server,
                          E2eOutcome *outcome)
{
  g_autoptr(GPtrArray) log = gh_fake_server_get_log (server->server);
  guint n_before = 0;

  for (guint i = 0; i < log->len; i++)
    {
      GhFakeRequest *request = g_ptr_array_index (log, i);

      if (!e2e_is_contributors_request (request))
        continue;

      /* Started after the cancel, beyond any doubt about the clocks */
      if (e2e_server_earliest_arrival (server, request) > outcome->cancel_us + grace_us ())
        g_error ("%s arrived %" G_GINT64_FORMAT " ms after the cancel", request->path,
                 (e2e_server_earliest_arrival (server, request) - outcome->cancel_us) / 1000);
      n_before++;

      /* In flight at the cancel: abandoned, not waited out */
      g_assert_true (request->finished);
      if (request->end_time_us + server->start_before_us > outcome->cancel_us + grace_us ())
        g_error ("%s went on %" G_GINT64_FORMAT " ms after the cancel", request->path,
                 (request->end_time_us + server->start_before_us - outcome->cancel_us) / 1000);
    }

  /* Part-way: some went out, far from all */
  g_assert_cmpuint (n_before, >=, MAX_REQUESTS);
  g_assert_cmpuint (n_before, <, N_REPOS);
}

static void
run_cancelled (ContribVariant variant)
{
  g_autoptr(GhDataset) dataset = slow_dataset (REPO_LATENCY_MS);
  g_autoptr(E2eServer) server = e2e_server_new (dataset, 1.0);
  g_autoptr(GhService) client = e2e_server_new_client (server, MAX_REQUESTS);
  g_autoptr(E2eOutcome) outcome = NULL;

  outcome = e2e_run_loader (client, variant, "slowcorp", first_wave_arrived, server);
  g_assert_cmpint (outcome->cancel_us, >, 0);
  g_assert_error (outcome->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Anything that would still go out has had time to arrive: a second
   * wave, were it sent, would be at the server a moment after the first
   * ended */
  e2e_wait_until (server_idle, server, 2000);
  g_usleep (2 * GRACE_MS * 1000);
  e2e_wait_no_coroutines (2000);

  assert_stopped_at_cancel (server, outcome);
}

static void
test_cancel_concurrent (void)
{
  run_cancelled (CONTRIB_VARIANT_CONCURRENT);
}

static void
test_cancel_channels (void)
{
  run_cancelled (CONTRIB_VARIANT_CHANNELS);
}

/* The repositories are in, and the loader has seen them: it logs so before
 * it launches the per-repository coroutines, on Main, where this poll runs
 * too, so by the time the poll sees the line they are all launched */
static gint repos_logged;

static void
watch_log (const char *line,
           gpointer    user_data)
{
  if (g_str_has_suffix (line, "slowcorp: loaded " G_STRINGIFY (N_REPOS) " repos"))
    g_atomic_int_set (&repos_logged, TRUE);
  if (g_test_verbose ())
    g_printerr ("%s\n", line);
}

static gboolean
repos_loaded (gpointer user_data)
{
  return g_atomic_int_get (&repos_logged);
}

static gboolean
all_contributors_requested (gpointer user_data)
{
  E2eServer *server = user_data;

  return e2e_server_count_contributors (server) >= N_REPOS &&
         gh_fake_server_get_in_flight (server->server) == 0;
}

static void
test_cancel_not_cancellable (void)
{
  g_autoptr(GhDataset) dataset = slow_dataset (20);
  g_autoptr(E2eServer) server = e2e_server_new (dataset, 1.0);
  g_autoptr(GhService) client = e2e_server_new_client (server, MAX_REQUESTS);
  g_autoptr(E2eOutcome) outcome = NULL;
  g_autoptr(GPtrArray) log = NULL;
  guint n_after = 0;

  gh_log_set_writer (watch_log, NULL, NULL);
  outcome = e2e_run_loader (client, CONTRIB_VARIANT_NOT_CANCELLABLE, "slowcorp", repos_loaded, server);
  g_assert_error (outcome->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The load itself is over at once... */
  g_assert_cmpuint (e2e_server_count_contributors (server), ==, 0);

  /* ...but its global coroutines wait their 3 s and load every repository */
  e2e_wait_until (all_contributors_requested, server, 10000);
  e2e_wait_no_coroutines (5000);

  log = gh_fake_server_get_log (server->server);
  for (guint i = 0; i < log->len; i++)
    {
      GhFakeRequest *request = g_ptr_array_index (log, i);

      if (!e2e_is_contributors_request (request))
        continue;
      g_assert_cmpint (e2e_server_latest_arrival (server, request), >, outcome->cancel_us);
      g_assert_cmpuint (request->status, ==, 200);
      n_after++;
    }
  g_assert_cmpuint (n_after, ==, N_REPOS);
  gh_log_set_writer (e2e_log_writer, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directories it sets per test */
  g_test_init (&argc, &argv, NULL);
  gh_log_set_writer (e2e_log_writer, NULL, NULL);

  g_test_add_func ("/e2e/cancel/concurrent", test_cancel_concurrent);
  g_test_add_func ("/e2e/cancel/channels", test_cancel_channels);
  g_test_add_func ("/e2e/cancel/not-cancellable", test_cancel_not_cancellable);

  return g_test_run ();
}
