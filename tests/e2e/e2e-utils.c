/* e2e-utils.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What the end-to-end tests share: the fake GitHub over real HTTP, a real
 * GhClient, and a ContribLoader run on this thread's main loop as the app
 * runs it, optionally cancelled part-way.
 */

#include "config.h"

#include "e2e-utils.h"

#include <string.h>

E2eServer *
e2e_server_new (GhDataset *dataset,
                double     latency_scale)
{
  E2eServer *self = g_new0 (E2eServer, 1);
  g_autoptr(GError) error = NULL;

  self->server = gh_fake_server_new (dataset);
  gh_fake_server_set_latency_scale (self->server, latency_scale);
  self->start_before_us = g_get_monotonic_time ();
  gh_fake_server_start (self->server, &error);
  self->start_after_us = g_get_monotonic_time ();
  g_assert_no_error (error);
  return self;
}

void
e2e_server_free (E2eServer *self)
{
  gh_fake_server_stop (self->server);
  g_assert_finalize_object (self->server);
  g_free (self);
}

GhService *
e2e_server_new_client (E2eServer *self,
                       guint      max_requests)
{
  g_autoptr(GError) error = NULL;
  GhClient *client = gh_client_new (gh_fake_server_get_uri (self->server), &error);

  g_assert_no_error (error);
  if (max_requests > 0)
    gh_client_set_max_requests (client, max_requests);
  return GH_SERVICE (client);
}

/* When a logged request arrived, on our clock, at the earliest and at the
 * latest */
gint64
e2e_server_earliest_arrival (E2eServer           *self,
                             const GhFakeRequest *request)
{
  return self->start_before_us + request->time_us;
}

gint64
e2e_server_latest_arrival (E2eServer           *self,
                           const GhFakeRequest *request)
{
  return self->start_after_us + request->time_us;
}

gboolean
e2e_is_contributors_request (const GhFakeRequest *request)
{
  /* First pages by name, later ones by the id-based next links */
  return (g_str_has_prefix (request->path, "/repos/") ||
          g_str_has_prefix (request->path, "/repositories/")) &&
         strstr (request->path, "/contributors") != NULL;
}

guint
e2e_server_count_contributors (E2eServer *self)
{
  return gh_fake_server_count_requests (self->server, "/repos/*/contributors") +
         gh_fake_server_count_requests (self->server, "/repositories/*/contributors");
}

typedef struct
{
  ContribLoader *loader;
  E2eOutcome    *outcome;
  E2eCancelWhen  cancel_when;
  gpointer       user_data;
  gboolean       done;
} Run;

static void
on_update (ContribUpdate *update,
           const GError  *error,
           gpointer       user_data)
{
  Run *run = user_data;

  g_assert_false (run->done);

  if (error != NULL)
    {
      run->outcome->error = g_error_copy (error);
      run->done = TRUE;
    }
  else if (contrib_update_has_ranking (update))
    {
      g_clear_pointer (&run->outcome->update, contrib_update_unref);
      run->outcome->update = contrib_update_ref (update);
      run->outcome->n_updates++;
      run->done = contrib_update_is_completed (update);
    }

  if (run->done)
    run->outcome->end_us = g_get_monotonic_time ();
}

static gboolean
poll_cancel (gpointer user_data)
{
  Run *run = user_data;

  if (run->done || !run->cancel_when (run->user_data))
    return G_SOURCE_CONTINUE;

  run->outcome->cancel_us = g_get_monotonic_time ();
  contrib_loader_cancel (run->loader);
  return G_SOURCE_REMOVE;
}

/**
 * e2e_run_loader:
 * @service: the client
 * @variant: what to run
 * @org: the organization
 * @cancel_when: (nullable): polled every millisecond until it says to cancel
 * @user_data: for @cancel_when
 *
 * Runs the loader on the default main context until its final result.
 */
E2eOutcome *
e2e_run_loader (GhService      *service,
                ContribVariant  variant,
                const char     *org,
                E2eCancelWhen   cancel_when,
                gpointer        user_data)
{
  E2eOutcome *outcome = g_new0 (E2eOutcome, 1);
  Run run = { NULL, outcome, cancel_when, user_data, FALSE };
  GSource *poll = NULL;

  outcome->cancel_us = -1;
  run.loader = contrib_loader_new (service, variant, org);

  if (cancel_when != NULL)
    {
      poll = g_timeout_source_new (1);
      g_source_set_callback (poll, poll_cancel, &run, NULL);
      g_source_attach (poll, NULL);
    }

  contrib_loader_start (run.loader, on_update, &run, NULL);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  if (poll != NULL)
    {
      g_source_destroy (poll);
      g_source_unref (poll);
    }

  g_assert_false (contrib_loader_is_running (run.loader));
  contrib_loader_abandon (run.loader);
  g_object_unref (run.loader);
  return outcome;
}

void
e2e_outcome_free (E2eOutcome *outcome)
{
  g_clear_pointer (&outcome->update, contrib_update_unref);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

/**
 * e2e_timeout_factor:
 *
 * Returns: how much longer to allow for things under valgrind
 */
guint
e2e_timeout_factor (void)
{
  return g_getenv ("CORO_UNDER_VALGRIND") != NULL ? 20 : 1;
}

/* Runs the main loop until @condition holds; fails the test after
 * @timeout_ms (times e2e_timeout_factor()) */
void
e2e_wait_until (gboolean (*condition) (gpointer user_data),
                gpointer   user_data,
                guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () +
                    (gint64) timeout_ms * e2e_timeout_factor () * G_TIME_SPAN_MILLISECOND;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("condition not met after %u ms", timeout_ms * e2e_timeout_factor ());
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
no_coroutines (gpointer user_data)
{
  return coro_debug_get_n_live () == 0;
}

/* Lets the coroutines a load left behind (NOT_CANCELLABLE's) end, so that
 * the next test starts clean and nothing leaks */
void
e2e_wait_no_coroutines (guint timeout_ms)
{
  e2e_wait_until (no_coroutines, NULL, timeout_ms);
}

/**
 * e2e_log_writer:
 * @line: a line of the tutorial's log
 * @user_data: unused
 *
 * A #GhLogWriter that shows the log with --verbose only: a load of the
 * demo dataset logs hundreds of lines.
 */
void
e2e_log_writer (const char *line,
                gpointer    user_data)
{
  if (g_test_verbose ())
    g_printerr ("%s\n", line);
}
