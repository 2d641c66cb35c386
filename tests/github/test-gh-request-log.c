/* test-gh-request-log.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Request events: the log on its own (copies, after-cancel, peak, one
 * delivery a frame), then GhClient's against the fake server in each
 * calling style, one event for each request the server saw.
 */

#include "config.h"

#include <string.h>

#include "coro.h"
#include "gh.h"
#include "gh-fake-github.h"

/* --- the log --------------------------------------------------------------- */

static void
on_events_added (GhRequestLog *log,
                 guint         position,
                 guint         n_added,
                 gpointer      user_data)
{
  guint *n_emissions = user_data;

  g_assert_cmpuint (position + n_added, ==, gh_request_log_get_n_events (log));
  (*n_emissions)++;
}

static void
record (GhRequestLog     *log,
        gint64            start_ms,
        gint64            end_ms,
        GhRequestOutcome  outcome)
{
  char url[] = "https://api.example/orgs/o/repos";
  GhRequestEvent event = {
    .start_us = start_ms * 1000,
    .end_us = end_ms * 1000,
    .kind = GH_REQUEST_REPOS,
    .url = url,
    .subject = "o",
    .page = 1,
    .thread = "main",
    .outcome = outcome,
  };

  gh_request_sink_record (gh_request_log_get_sink (log), &event);
  /* the log keeps a copy */
  memset (url, 'x', sizeof url - 1);
}

static gint64 fake_now_us;

static gint64
fake_clock (void)
{
  return fake_now_us;
}

static void
test_log_record (void)
{
  g_autoptr(GhRequestLog) log = gh_request_log_new ();
  guint n_emissions = 0;

  fake_now_us = 0;
  gh_request_log_set_clock (log, fake_clock);
  g_signal_connect (log, "events-added", G_CALLBACK (on_events_added), &n_emissions);

  record (log, 0, 1000, GH_REQUEST_OK);
  record (log, 1000, 2000, GH_REQUEST_OK);
  g_assert_cmpuint (gh_request_log_get_n_events (log), ==, 0);   /* not before it is taken */
  fake_now_us = 1500 * 1000;
  gh_request_log_mark_cancelled (log);
  fake_now_us = 1600 * 1000;
  gh_request_log_mark_cancelled (log);   /* only the first counts */
  record (log, 1000, 1500, GH_REQUEST_CANCELLED);
  record (log, 1200, 3000, GH_REQUEST_OK);
  record (log, 1000, 1400, GH_REQUEST_FAILED);
  gh_request_log_flush (log);

  g_assert_cmpuint (n_emissions, ==, 1);
  g_assert_cmpuint (gh_request_log_get_n_events (log), ==, 5);
  g_assert_cmpint (gh_request_log_get_cancelled_us (log), ==, 1500 * 1000);
  g_assert_cmpstr (gh_request_log_get_event (log, 0)->url, ==, "https://api.example/orgs/o/repos");
  g_assert_cmpstr (gh_request_log_get_event (log, 0)->subject, ==, "o");
  g_assert_cmpstr (gh_request_log_get_event (log, 0)->thread, ==, "main");
  g_assert_null (gh_request_log_get_event (log, 0)->coroutine);

  /* Still running once cancelled, and not cancelled itself */
  g_assert_false (gh_request_log_get_event (log, 0)->after_cancel);
  g_assert_false (gh_request_log_get_event (log, 1)->after_cancel);   /* recorded before the cancel */
  g_assert_false (gh_request_log_get_event (log, 2)->after_cancel);   /* cancelled */
  g_assert_true (gh_request_log_get_event (log, 3)->after_cancel);
  g_assert_false (gh_request_log_get_event (log, 4)->after_cancel);   /* over before it */

  /* 1000-2000, 1000-1500, 1200-3000 and 1000-1400 overlap; 0-1000 ends
   * as they start */
  g_assert_cmpuint (gh_request_log_get_peak (log), ==, 4);
  g_assert_cmpint (gh_request_log_get_end_us (log), ==, 3000 * 1000);

  gh_request_log_flush (log);
  g_assert_cmpuint (n_emissions, ==, 1);   /* nothing new, no signal */
}

typedef struct
{
  GhRequestSink *sink;
  guint          n;
  gint64         started_us;
  gint64         ended_us;
} Recorder;

static gpointer
record_thread (gpointer data)
{
  Recorder *recorder = data;

  recorder->started_us = g_get_monotonic_time ();
  for (guint i = 0; i < recorder->n; i++)
    {
      GhRequestEvent event = {
        .start_us = gh_request_sink_now (recorder->sink),
        .kind = GH_REQUEST_CONTRIBUTORS,
        .url = "https://api.example/repos/o/r/contributors",
        .subject = "r",
        .page = 1,
        .thread = "worker",
        .outcome = GH_REQUEST_OK,
      };

      event.end_us = event.start_us + 1;
      gh_request_sink_record (recorder->sink, &event);
      g_usleep (500);
    }
  recorder->ended_us = g_get_monotonic_time ();
  return NULL;
}

/* Recorded on another thread while this one waits on its context: the
 * events come in batches, at most one a frame, none lost */
static void
test_log_once_a_frame (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GhRequestLog) log = NULL;
  Recorder recorder = { NULL, 300, 0, 0 };
  guint n_emissions = 0;
  GThread *thread;
  gint64 frames;

  g_main_context_push_thread_default (context);
  log = gh_request_log_new ();
  recorder.sink = gh_request_log_get_sink (log);
  g_signal_connect (log, "events-added", G_CALLBACK (on_events_added), &n_emissions);

  thread = g_thread_new ("recorder", record_thread, &recorder);
  while (gh_request_log_get_n_events (log) < recorder.n)
    g_main_context_iteration (context, TRUE);
  g_thread_join (thread);

  frames = (recorder.ended_us - recorder.started_us) / (16 * G_TIME_SPAN_MILLISECOND);
  g_test_message ("%u events in %" G_GINT64_FORMAT " ms: %u deliveries", recorder.n,
                  (recorder.ended_us - recorder.started_us) / 1000, n_emissions);
  g_assert_cmpuint (n_emissions, <=, 2 + frames);
  g_assert_cmpuint (n_emissions, <, recorder.n / 4);

  g_clear_object (&log);
  g_main_context_pop_thread_default (context);
}

/* --- the client -------------------------------------------------------------- */

typedef enum
{
  STYLE_BLOCKING,
  STYLE_CALLBACK,
  STYLE_SUSPEND,
} Style;

/* "big" takes two pages, "empty" answers 204 and "flaky" 502, which is
 * retried */
static GhDataset *
make_dataset (void)
{
  g_autoptr(GString) json = g_string_new ("{\"org\": \"o\", \"org_id\": 7, \"repos\": [{\"name\": \"big\", "
                                          "\"contributors\": [");
  g_autoptr(GError) error = NULL;
  GhDataset *dataset;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (json, "%s{\"login\": \"user-%u\", \"contributions\": %u}", i > 0 ? ", " : "",
                            i, 1000 - i);
  g_string_append (json, "]}, {\"name\": \"empty\", \"empty\": true},"
                         " {\"name\": \"flaky\", \"contributors\": [], \"fault\": {\"kind\": \"status\", \"status\": 502}}]}");
  dataset = gh_dataset_new_from_data (json->str, json->len, &error);
  g_assert_no_error (error);
  return dataset;
}

typedef struct
{
  GhService  *service;
  const char *repo;
} Args;

static gpointer
suspend_body (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  Args *args = data;

  if (args->repo == NULL)
    return gh_service_get_org_repos_suspend (args->service, "o", error);
  return gh_service_get_repo_contributors_suspend (args->service, "o", args->repo, error);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* @repo: NULL for the repository list */
static GhResponse *
fetch (GhService   *service,
       Style        style,
       const char  *repo,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  Args args = { service, repo };

  switch (style)
    {
    case STYLE_BLOCKING:
      return repo == NULL ? gh_service_get_org_repos_sync (service, "o", NULL, error)
                          : gh_service_get_repo_contributors_sync (service, "o", repo, NULL, error);
    case STYLE_CALLBACK:
      if (repo == NULL)
        gh_service_get_org_repos_async (service, "o", NULL, on_done, &result);
      else
        gh_service_get_repo_contributors_async (service, "o", repo, NULL, on_done, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      return repo == NULL ? gh_service_get_org_repos_finish (service, result, error)
                          : gh_service_get_repo_contributors_finish (service, result, error);
    case STYLE_SUSPEND:
    default:
      return coro_run_blocking (suspend_body, &args, error);
    }
}

static guint
count (GhRequestLog     *log,
       const char       *subject,
       GhRequestOutcome  outcome)
{
  guint n = 0;

  for (guint i = 0; i < gh_request_log_get_n_events (log); i++)
    {
      const GhRequestEvent *event = gh_request_log_get_event (log, i);

      n += g_strcmp0 (event->subject, subject) == 0 && event->outcome == outcome;
    }
  return n;
}

static const GhRequestEvent *
find (GhRequestLog *log,
      const char   *subject,
      guint         page)
{
  for (guint i = 0; i < gh_request_log_get_n_events (log); i++)
    {
      const GhRequestEvent *event = gh_request_log_get_event (log, i);

      if (g_strcmp0 (event->subject, subject) == 0 && event->page == page)
        return event;
    }
  g_assert_not_reached ();
}

static void
test_client_style (gconstpointer data)
{
  Style style = GPOINTER_TO_UINT (data);
  g_autoptr(GhDataset) dataset = make_dataset ();
  g_autoptr(GhFakeServer) server = gh_fake_server_new (dataset);
  g_autoptr(GhRequestLog) log = gh_request_log_new ();
  g_autoptr(GhClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *repos[] = { NULL, "big", "empty", "flaky" };
  const GhRequestEvent *event;

  g_assert_true (gh_fake_server_start (server, &error));
  client = g_initable_new (GH_TYPE_CLIENT, NULL, &error, "api-url", gh_fake_server_get_uri (server),
                           "retry-base-ms", 5, NULL);
  g_assert_no_error (error);
  gh_service_set_request_sink (GH_SERVICE (client), gh_request_log_get_sink (log));

  for (guint i = 0; i < G_N_ELEMENTS (repos); i++)
    {
      g_autoptr(GhResponse) response = fetch (GH_SERVICE (client), style, repos[i], &error);

      g_assert_true ((response == NULL) == (i == 3));
      g_clear_error (&error);
    }
  gh_fake_server_wait_idle (server, 5000);
  gh_request_log_flush (log);

  /* One event for each request the server saw, retries included */
  g_assert_cmpuint (gh_request_log_get_n_events (log), ==, gh_fake_server_get_n_requests (server));
  g_assert_cmpuint (count (log, "flaky", GH_REQUEST_FAILED), ==,
                    gh_fake_server_count_requests (server, "/repos/o/flaky/contributors"));
  g_assert_cmpuint (count (log, "flaky", GH_REQUEST_FAILED), >, 1);

  event = find (log, "o", 1);
  g_assert_cmpint (event->kind, ==, GH_REQUEST_REPOS);
  g_assert_cmpint (event->outcome, ==, GH_REQUEST_OK);
  g_assert_cmpuint (event->status, ==, 200);
  g_assert_cmpuint (event->n_items, ==, 3);
  g_assert_cmpuint (event->n_bytes, >, 0);
  g_assert_true (g_str_has_prefix (event->url, gh_fake_server_get_uri (server)));
  g_assert_cmpint (event->start_us, <=, event->end_us);

  event = find (log, "big", 1);
  g_assert_cmpint (event->kind, ==, GH_REQUEST_CONTRIBUTORS);
  g_assert_cmpuint (event->n_items, ==, 100);
  event = find (log, "big", 2);
  g_assert_cmpuint (event->n_items, ==, 50);
  g_assert_cmpint (event->outcome, ==, GH_REQUEST_OK);

  event = find (log, "empty", 1);
  g_assert_cmpuint (event->status, ==, 204);
  g_assert_cmpint (event->outcome, ==, GH_REQUEST_EMPTY);

  event = find (log, "flaky", 1);
  g_assert_cmpuint (event->status, ==, 502);
  g_assert_cmpint (event->outcome, ==, GH_REQUEST_FAILED);
  g_assert_cmpuint (event->error_domain, ==, 0);   /* retried: not the call's error */
  event = gh_request_log_get_event (log, gh_request_log_get_n_events (log) - 1);
  g_assert_cmpuint (event->error_domain, ==, GH_ERROR);   /* the last, the call's error */

  /* Who asked: this thread, and in the suspend style its coroutine */
  for (guint i = 0; i < gh_request_log_get_n_events (log); i++)
    {
      event = gh_request_log_get_event (log, i);
      g_assert_cmpstr (event->thread, ==, "main");
      g_assert_true ((event->coroutine != NULL) == (style == STYLE_SUSPEND));
      g_assert_false (event->after_cancel);
    }

  gh_fake_server_stop (server);
}

static void
test_client_cancelled (void)
{
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_name ("tutorial", NULL);
  g_autoptr(GhFakeServer) server = gh_fake_server_new (dataset);
  g_autoptr(GhRequestLog) log = gh_request_log_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GhResponse) response = NULL;
  g_autoptr(GhClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const GhRequestEvent *event;

  g_assert_true (gh_fake_server_start (server, &error));
  client = gh_client_new (gh_fake_server_get_uri (server), &error);
  g_assert_no_error (error);
  gh_service_set_request_sink (GH_SERVICE (client), gh_request_log_get_sink (log));

  gh_service_get_repo_contributors_async (GH_SERVICE (client), "org", "repo-1", cancellable, on_done, &result);
  g_assert_true (gh_fake_server_wait_for_requests (server, 1, 5000));
  gh_request_log_mark_cancelled (log);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  response = gh_service_get_repo_contributors_finish (GH_SERVICE (client), result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  gh_request_log_flush (log);
  g_assert_cmpuint (gh_request_log_get_n_events (log), ==, 1);
  event = gh_request_log_get_event (log, 0);
  g_assert_cmpint (event->outcome, ==, GH_REQUEST_CANCELLED);
  g_assert_cmpuint (event->error_domain, ==, G_IO_ERROR);
  g_assert_cmpint (event->error_code, ==, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (event->status, ==, 0);
  g_assert_false (event->after_cancel);

  gh_fake_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/github/request-log/record", test_log_record);
  g_test_add_func ("/github/request-log/once-a-frame", test_log_once_a_frame);
  g_test_add_data_func ("/github/request-log/client/blocking", GUINT_TO_POINTER (STYLE_BLOCKING),
                        test_client_style);
  g_test_add_data_func ("/github/request-log/client/callback", GUINT_TO_POINTER (STYLE_CALLBACK),
                        test_client_style);
  g_test_add_data_func ("/github/request-log/client/suspend", GUINT_TO_POINTER (STYLE_SUSPEND),
                        test_client_style);
  g_test_add_func ("/github/request-log/client/cancelled", test_client_cancelled);

  return g_test_run ();
}
