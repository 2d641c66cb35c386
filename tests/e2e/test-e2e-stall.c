/* test-e2e-stall.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The network work of a load does not run on the main loop: stalled on
 * purpose for 500 ms in the middle of a CONCURRENT load, as a window's
 * loop is while it does something long, the main loop holds up no
 * request. The server keeps receiving and answering them all that time,
 * wave after wave, where a client that needed the main loop could only
 * have let the wave already in flight finish.
 */

#include "config.h"

#include "e2e-utils.h"

#define N_REPOS 60
#define REPO_LATENCY_MS 50
#define MAX_REQUESTS 8
#define STALL_MS 500

typedef struct
{
  E2eServer *server;
  gboolean   stalled;
  guint      finished_before;
  guint      finished_after;
} Stall;

static guint
count_finished_contributors (E2eServer *server)
{
  g_autoptr(GPtrArray) log = gh_fake_server_get_log (server->server);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    {
      GhFakeRequest *request = g_ptr_array_index (log, i);

      n += e2e_is_contributors_request (request) && request->finished;
    }
  return n;
}

/* Polled on the main loop; never asks for a cancel. Once the first wave
 * is at the server, the loop stops for STALL_MS. */
static gboolean
stall_once (gpointer user_data)
{
  Stall *stall = user_data;

  if (stall->stalled || e2e_server_count_contributors (stall->server) < MAX_REQUESTS)
    return FALSE;

  stall->stalled = TRUE;
  stall->finished_before = count_finished_contributors (stall->server);
  g_usleep (STALL_MS * G_TIME_SPAN_MILLISECOND);
  stall->finished_after = count_finished_contributors (stall->server);
  return FALSE;
}

static GhDataset *
dataset_new (void)
{
  g_autoptr(GString) json = g_string_new ("{\"org\": \"stallcorp\", \"org_id\": 9, \"repos_latency_ms\": 10, \"repos\": [");
  g_autoptr(GError) error = NULL;
  GhDataset *dataset;

  for (guint r = 0; r < N_REPOS; r++)
    g_string_append_printf (json, "%s{\"name\": \"repo-%u\", \"latency_ms\": %u, \"contributors\": ["
                            "{\"login\": \"user-%u\", \"contributions\": 1}]}",
                            r > 0 ? ", " : "", r, REPO_LATENCY_MS, r);
  g_string_append (json, "]}");

  dataset = gh_dataset_new_from_data (json->str, json->len, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
test_stall_concurrent (void)
{
  g_autoptr(GhDataset) dataset = dataset_new ();
  g_autoptr(E2eServer) server = e2e_server_new (dataset, 1.0);
  g_autoptr(GhService) client = e2e_server_new_client (server, MAX_REQUESTS);
  g_autoptr(E2eOutcome) outcome = NULL;
  Stall stall = { server, FALSE, 0, 0 };

  outcome = e2e_run_loader (client, CONTRIB_VARIANT_CONCURRENT, "stallcorp", stall_once, &stall);
  g_assert_no_error (outcome->error);
  g_assert_true (stall.stalled);
  g_assert_cmpuint (contrib_update_get_users (outcome->update)->len, ==, N_REPOS);

  /* The stall lasts ten latencies: far more than the wave in flight ended */
  g_test_message ("%u contributors requests answered during the stall, %u before",
                  stall.finished_after - stall.finished_before, stall.finished_before);
  g_assert_cmpuint (stall.finished_after - stall.finished_before, >, 2 * MAX_REQUESTS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/e2e/stall/concurrent", test_stall_concurrent);

  return g_test_run ();
}
