/* contrib-headless-run.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Runs one variant the way the window does: a ContribLoader on the main
 * thread's GMainLoop, which receives every update there, "Clearing result"
 * and "Updating result with N rows" in the log as the app's table would
 * say, and the heartbeat watching how long the loop could not run. The
 * heartbeat starts before the loader, because BLOCKING does all its work
 * inside contrib_loader_start(), before the loop ever runs: that freeze is
 * the figure it must catch.
 *
 * A run does not end with the loader's final result: it waits for the work
 * the load left behind (NOT_CANCELLABLE's global coroutines keep loading
 * after a cancel, which is its lesson, and the log shows them do it), so
 * that nothing is still running when the next run starts or the program
 * exits.
 */

#include "config.h"

#include "contrib-headless-run.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include <coro.h>

#include "contrib-block-monitor.h"
#include "contrib-counting-service.h"
#include "contrib-heartbeat.h"
#include "contrib-loader.h"
#include "contrib-quota.h"

/* Fine enough to see a 16 ms block, coarse enough to cost nothing */
#define HEARTBEAT_PERIOD_MS 4
/* NOT_CANCELLABLE waits 3 s before each request, then the request's own
 * time; beyond this something is stuck, and exiting is better than hanging */
#define DRAIN_TIMEOUT_MS 60000
#define DRAIN_POLL_MS 5
#define SERVER_IDLE_TIMEOUT_MS 5000

typedef struct
{
  ContribLoader          *loader;
  ContribCountingService *counting;   /* the loader's */
  ContribHeartbeat       *heartbeat;
  ContribBlockMonitor    *monitor;
  GMainLoop              *loop;
  ContribRunResult       *result;
  gint64                  start_us;
  gboolean                keep_partial;
  gboolean                cancel_requested;
  gboolean                done;
} Run;

/* A reset time as the user's clock shows it: the time of day, with the
 * date when that is not today */
/* GET /rate_limit costs nothing, so a load against a real API reads it
 * first: without a token GitHub allows 60 requests an hour, fewer than
 * a large organization needs. FALSE when there is nothing to read (the
 * demo, an Enterprise Server without rate limits). */
static gboolean
read_quota (GhService   *service,
            GhRateLimit *quota)
{
  g_autoptr(GError) error = NULL;

  if (!GH_IS_CLIENT (service))
    return FALSE;

  if (!gh_client_get_rate_limit_sync (GH_CLIENT (service), quota, NULL, &error))
    {
      g_debug ("No rate limit to check before the load: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

/* As soon as the repository list is in, on whichever thread loads it */
static void
check_repos_against_quota (GhResponse *repos,
                           gpointer    user_data)
{
  g_autofree char *shortfall = contrib_quota_shortfall (repos, user_data);

  if (shortfall != NULL)
    /* Translators: a warning about the rate limit follows */
    fprintf (stderr, _("contributors: warning: %s\n"), shortfall);
}

static gint64
elapsed_ms (Run *run)
{
  return (g_get_monotonic_time () - run->start_us) / 1000;
}

static void
finish (Run *run)
{
  run->result->elapsed_ms = elapsed_ms (run);
  contrib_heartbeat_stop (run->heartbeat);
  contrib_block_monitor_stop (run->monitor);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

static void
on_update (ContribUpdate *update,
           const GError  *error,
           gpointer       user_data)
{
  Run *run = user_data;
  ContribRunResult *result = run->result;

  if (run->done)
    return;

  if (error != NULL)
    {
      if (run->cancel_requested && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          result->status = CONTRIB_RUN_CANCELED;
        }
      else
        {
          result->status = CONTRIB_RUN_FAILED;
          result->error = g_error_copy (error);
        }
      finish (run);
      return;
    }

  /* The app's table would not change: the log and the figures neither */
  if (!contrib_update_has_ranking (update))
    return;

  result->n_updates++;
  gh_log_info ("Updating result with %u rows", contrib_update_get_users (update)->len);

  /* A partial ranking is only ever shown after a cancel. Keeping each one
   * would make this thread free the one before, thousands of users on a
   * large organization, for nothing; the loader frees it on its own
   * thread otherwise. */
  if (run->keep_partial || contrib_update_is_completed (update))
    {
      g_clear_pointer (&result->update, contrib_update_unref);
      result->update = contrib_update_ref (update);
    }
  if (contrib_update_is_completed (update))
    {
      result->status = CONTRIB_RUN_COMPLETED;
      finish (run);
    }
}

static gboolean
cancel_cb (gpointer user_data)
{
  Run *run = user_data;

  run->cancel_requested = TRUE;
  run->result->cancel_ms = elapsed_ms (run);
  contrib_loader_cancel (run->loader);
  return G_SOURCE_REMOVE;
}

static gboolean
work_left (Run *run)
{
  return contrib_counting_service_get_in_flight (run->counting) > 0 ||
         coro_debug_get_n_live () > 0;
}

static gboolean
drain_poll_cb (gpointer user_data)
{
  Run *run = user_data;

  if (work_left (run))
    return G_SOURCE_CONTINUE;

  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
drain_timeout_cb (gpointer user_data)
{
  Run *run = user_data;

  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static GSource *
attach_timeout (guint       interval_ms,
                GSourceFunc func,
                Run        *run,
                const char *name)
{
  GSource *source = g_timeout_source_new (interval_ms);

  g_source_set_callback (source, func, run, NULL);
  g_source_set_static_name (source, name);
  g_source_attach (source, NULL);
  return source;
}

static void
destroy_source (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

/* Waits, on the main loop, for the requests and coroutines the load left
 * behind. */
static void
drain (Run *run)
{
  GSource *poll;
  GSource *timeout;

  if (!work_left (run))
    return;

  if (run->cancel_requested)
    fprintf (stderr, "contributors: %s\n",
             _("the load is over; waiting for the work the cancel did not stop"));

  poll = attach_timeout (DRAIN_POLL_MS, drain_poll_cb, run, "[contrib] drain poll");
  timeout = attach_timeout (DRAIN_TIMEOUT_MS, drain_timeout_cb, run, "[contrib] drain timeout");
  g_main_loop_run (run->loop);
  destroy_source (poll);
  destroy_source (timeout);

  if (work_left (run))
    {
      g_autofree char *message = g_strdup_printf (_("work still running after %d s; giving up "
                                                    "waiting for it"),
                                                  DRAIN_TIMEOUT_MS / 1000);

      fprintf (stderr, "contributors: %s\n", message);
    }
}

/**
 * contrib_headless_run:
 * @service: the service to load from
 * @variant: the variant to run
 * @org: the organization
 * @cancel_after_ms: cancel the load after this long, or -1
 * @server: (nullable): the embedded fake server, for its own figures; its
 *   request log is cleared first
 *
 * Runs @variant to the end on the thread-default main context, which must
 * be the default one (Main), and waits for the work it left behind.
 * Against a real API (no @server) it reads the rate limit first: with no
 * request left the run fails at once, saying when the limit resets, and
 * once the repository list is in it warns on stderr if the repositories
 * outnumber the requests left.
 *
 * Returns: (transfer full): what happened
 */
ContribRunResult *
contrib_headless_run (GhService      *service,
                      ContribVariant  variant,
                      const char     *org,
                      gint64          cancel_after_ms,
                      GhFakeServer   *server)
{
  ContribRunResult *result = g_new0 (ContribRunResult, 1);
  Run run = { 0 };
  GSource *cancel_source = NULL;
  GhRateLimit quota;
  gboolean have_quota;

  g_return_val_if_fail (GH_IS_SERVICE (service), NULL);
  g_return_val_if_fail (variant < CONTRIB_N_VARIANTS, NULL);
  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (server == NULL || GH_IS_FAKE_SERVER (server), NULL);

  result->variant = variant;
  result->cancel_ms = -1;

  if (server != NULL)
    gh_fake_server_clear_log (server);

  /* The demo's embedded server has no quota to speak of */
  have_quota = server == NULL && read_quota (service, &quota);
  if (have_quota && quota.remaining == 0)
    {
      result->status = CONTRIB_RUN_FAILED;
      result->error = contrib_quota_used_up_error (&quota, gh_client_has_token (GH_CLIENT (service)));
      return result;
    }

  run.result = result;
  run.keep_partial = cancel_after_ms >= 0;
  run.loader = contrib_loader_new (service, variant, org);
  run.counting = contrib_loader_get_counting_service (run.loader);
  if (have_quota)
    contrib_counting_service_set_repos_func (run.counting, check_repos_against_quota,
                                             g_memdup2 (&quota, sizeof quota), g_free);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.heartbeat = contrib_heartbeat_new (NULL, HEARTBEAT_PERIOD_MS);
  run.monitor = contrib_block_monitor_new (HEARTBEAT_PERIOD_MS);

  gh_log_info ("Clearing result");
  contrib_heartbeat_start (run.heartbeat);
  contrib_block_monitor_start (run.monitor);
  run.start_us = g_get_monotonic_time ();
  if (cancel_after_ms >= 0)
    cancel_source = attach_timeout ((guint) cancel_after_ms, cancel_cb, &run, "[contrib] cancel after");

  contrib_loader_start (run.loader, on_update, &run, NULL);
  if (!run.done)
    g_main_loop_run (run.loop);
  result->max_block_ms = contrib_heartbeat_get_max_block_ms (run.heartbeat);
  result->max_own_block_ms = contrib_block_monitor_get_max_block_ms (run.monitor);

  if (cancel_source != NULL)
    destroy_source (cancel_source);

  drain (&run);

  /* Each request is recorded before its call's outcome is handed back:
   * with the work done, all of them are in */
  result->requests = g_object_ref (contrib_loader_get_request_log (run.loader));
  gh_request_log_flush (result->requests);
  result->n_requests = contrib_counting_service_get_n_requests (run.counting);
  result->peak_in_flight = contrib_counting_service_get_peak_in_flight (run.counting);
  if (server != NULL)
    {
      /* Its log is complete once the last exchange is over */
      gh_fake_server_wait_idle (server, SERVER_IDLE_TIMEOUT_MS);
      result->has_server_figures = TRUE;
      result->server_requests = gh_fake_server_get_n_requests (server);
      result->server_peak_in_flight = gh_fake_server_get_peak_in_flight (server);
    }

  /* Nothing may call back into this stack frame from now on */
  contrib_loader_abandon (run.loader);
  g_object_unref (run.loader);
  contrib_heartbeat_free (run.heartbeat);
  contrib_block_monitor_free (run.monitor);
  g_main_loop_unref (run.loop);

  return result;
}

void
contrib_run_result_free (ContribRunResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->update, contrib_update_unref);
  g_clear_error (&result->error);
  g_clear_object (&result->requests);
  g_free (result);
}

/**
 * contrib_run_status_to_string:
 * @status: a status
 *
 * Returns: "completed", "canceled" (the tutorial's spelling) or "failed"
 */
const char *
contrib_run_status_to_string (ContribRunStatus status)
{
  switch (status)
    {
    case CONTRIB_RUN_COMPLETED:
      return "completed";

    case CONTRIB_RUN_CANCELED:
      return "canceled";

    case CONTRIB_RUN_FAILED:
      return "failed";

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * contrib_run_result_get_n_rows:
 * @result: a result
 *
 * Returns: the number of users in the latest ranking (the table's rows); 0
 *   without one
 */
guint
contrib_run_result_get_n_rows (ContribRunResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->update != NULL ? contrib_update_get_users (result->update)->len : 0;
}

static GHashTable *
totals_of (ContribUpdate *update)
{
  GHashTable *totals = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *users = contrib_update_get_users (update);

  for (guint i = 0; i < users->len; i++)
    {
      GhUser *user = g_ptr_array_index (users, i);

      g_hash_table_insert (totals, (gpointer) gh_user_get_login (user), user);
    }
  return totals;
}

static GHashTable *
failed_repos_of (ContribUpdate *update)
{
  GHashTable *repos = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *failures = contrib_update_get_failures (update);

  for (guint i = 0; i < failures->len; i++)
    {
      ContribFailure *failure = g_ptr_array_index (failures, i);

      g_hash_table_add (repos, failure->repo);
    }
  return repos;
}

static gboolean
is_ranked (GPtrArray *users)
{
  for (guint i = 1; i < users->len; i++)
    if (gh_user_get_contributions (g_ptr_array_index (users, i - 1)) <
        gh_user_get_contributions (g_ptr_array_index (users, i)))
      return FALSE;
  return TRUE;
}

/**
 * contrib_run_result_same_result:
 * @a: a result
 * @b: another
 *
 * Whether two completed runs found the same ranking: the same logins with
 * the same totals, in descending order of contributions, and the same
 * repositories failed. Users with equal totals may come in another order:
 * the tutorial breaks ties by first appearance, and the variants that
 * aggregate as results arrive (CALLBACKS, CHANNELS) see them arrive in
 * another order each time; PROGRESS re-ranks after every repository.
 *
 * Returns: whether they agree
 */
gboolean
contrib_run_result_same_result (ContribRunResult *a,
                                ContribRunResult *b)
{
  g_autoptr(GHashTable) totals = NULL;
  g_autoptr(GHashTable) failed_a = NULL;
  g_autoptr(GHashTable) failed_b = NULL;
  GPtrArray *users;
  GHashTableIter iter;
  gpointer repo;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->status != CONTRIB_RUN_COMPLETED || b->status != CONTRIB_RUN_COMPLETED)
    return FALSE;

  users = contrib_update_get_users (b->update);
  if (users->len != contrib_update_get_users (a->update)->len ||
      !is_ranked (users) || !is_ranked (contrib_update_get_users (a->update)))
    return FALSE;

  totals = totals_of (a->update);
  for (guint i = 0; i < users->len; i++)
    {
      GhUser *user = g_ptr_array_index (users, i);
      GhUser *other = g_hash_table_lookup (totals, gh_user_get_login (user));

      if (other == NULL || gh_user_get_contributions (other) != gh_user_get_contributions (user))
        return FALSE;
    }

  failed_a = failed_repos_of (a->update);
  failed_b = failed_repos_of (b->update);
  if (g_hash_table_size (failed_a) != g_hash_table_size (failed_b))
    return FALSE;
  g_hash_table_iter_init (&iter, failed_a);
  while (g_hash_table_iter_next (&iter, &repo, NULL))
    if (!g_hash_table_contains (failed_b, repo))
      return FALSE;

  return TRUE;
}
