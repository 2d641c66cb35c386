/* test-gh-client.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * GhClient against the fake GitHub server: real HTTP on 127.0.0.1, the
 * server on its own thread. Every case runs in each calling style, which
 * must agree on data and on errors.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "coro.h"
#include "gh.h"
#include "gh-client-private.h"
#include "gh-fake-github.h"

typedef enum
{
  STYLE_BLOCKING,
  STYLE_CALLBACK,
  STYLE_SUSPEND,
  N_STYLES
} Style;

static const char * const style_names[] = { "blocking", "callback", "suspend" };

#define TOKEN "ghp_Sup3rSecretT0kenValue0123456789"

typedef struct
{
  GMainContext *context;
  GhFakeServer *server;
  GhClient     *client;
  char         *base;
} Fixture;

/* Real-time bounds are stretched under valgrind, which runs 10-50x slower */
static gint64
scaled_ms (gint64 ms)
{
  return g_getenv ("CORO_UNDER_VALGRIND") != NULL ? ms * 20 : ms;
}

static GhFakeServer *
start_server (GhDataset *dataset,
              double     latency_scale)
{
  g_autoptr(GError) error = NULL;
  GhFakeServer *server = gh_fake_server_new (dataset);

  gh_fake_server_set_latency_scale (server, latency_scale);
  g_assert_true (gh_fake_server_start (server, &error));
  g_assert_no_error (error);

  return server;
}

/* The fixture's client, made anew with these settings, which only a new
 * client can change */
static void
fixture_replace_client (Fixture        *fixture,
                        guint           max_pages,
                        guint           request_timeout_s,
                        guint           retry_base_ms,
                        GhHttpLogLevel  log_level)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->client);
  fixture->client = g_initable_new (GH_TYPE_CLIENT, NULL, &error,
                                    "api-url", fixture->base,
                                    "max-pages", max_pages,
                                    "request-timeout", request_timeout_s,
                                    "retry-base-ms", retry_base_ms,
                                    "http-log-level", log_level,
                                    NULL);
  g_assert_no_error (error);
}

/* 502, 503 and 504 are retried; a second's backoff would only slow the
 * tests down */
#define TEST_RETRY_BASE_MS 5

static void
fixture_set_up_with_dataset (Fixture   *fixture,
                             GhDataset *dataset,
                             double     latency_scale)
{
  fixture->context = g_main_context_new ();
  g_main_context_push_thread_default (fixture->context);

  fixture->server = start_server (dataset, latency_scale);
  fixture->base = g_strdup (gh_fake_server_get_uri (fixture->server));
  fixture_replace_client (fixture, GH_CLIENT_DEFAULT_MAX_PAGES, GH_CLIENT_DEFAULT_REQUEST_TIMEOUT,
                          TEST_RETRY_BASE_MS, GH_HTTP_LOG_NONE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_name (data != NULL ? data : "tutorial", &error);

  g_assert_no_error (error);
  fixture_set_up_with_dataset (fixture, dataset, 0.0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  gh_fake_server_stop (fixture->server);
  g_assert_finalize_object (fixture->server);
  g_free (fixture->base);

  /* Let libsoup's last idle callbacks run before the context goes */
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_main_context_pop_thread_default (fixture->context);
  g_main_context_unref (fixture->context);
}

/* Calling the service in each style */

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static void
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
}

typedef struct
{
  GhService  *service;
  const char *org_or_owner;
  const char *repo;
} SuspendArgs;

static gpointer
suspend_body (CoroJob   *scope,
              gpointer   data,
              GError   **error)
{
  SuspendArgs *args = data;

  g_assert_true (coro_is_in_coroutine ());

  if (args->repo == NULL)
    return gh_service_get_org_repos_suspend (args->service, args->org_or_owner, error);

  return gh_service_get_repo_contributors_suspend (args->service, args->org_or_owner,
                                                   args->repo, error);
}

/* A coroutine on its own context, as runBlocking does it */
static GhResponse *
run_suspend (GhService   *service,
             const char  *org_or_owner,
             const char  *repo,
             GError     **error)
{
  SuspendArgs args = { service, org_or_owner, repo };

  return coro_run_blocking (suspend_body, &args, error);
}

static GhResponse *
fetch_repos (GhService     *service,
             Style          style,
             const char    *org,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  switch (style)
    {
    case STYLE_BLOCKING:
      return gh_service_get_org_repos_sync (service, org, cancellable, error);

    case STYLE_CALLBACK:
      gh_service_get_org_repos_async (service, org, cancellable, on_done, &result);
      wait_for_result (&result);
      return gh_service_get_org_repos_finish (service, result, error);

    case STYLE_SUSPEND:
      g_assert_null (cancellable);
      return run_suspend (service, org, NULL, error);

    case N_STYLES:
    default:
      g_assert_not_reached ();
    }
}

static GhResponse *
fetch_users (GhService     *service,
             Style          style,
             const char    *owner,
             const char    *repo,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  switch (style)
    {
    case STYLE_BLOCKING:
      return gh_service_get_repo_contributors_sync (service, owner, repo, cancellable, error);

    case STYLE_CALLBACK:
      gh_service_get_repo_contributors_async (service, owner, repo, cancellable, on_done, &result);
      wait_for_result (&result);
      return gh_service_get_repo_contributors_finish (service, result, error);

    case STYLE_SUSPEND:
      g_assert_null (cancellable);
      return run_suspend (service, owner, repo, error);

    case N_STYLES:
    default:
      g_assert_not_reached ();
    }
}

static char *
repos_url (Fixture    *fixture,
           const char *org)
{
  return g_strdup_printf ("%sorgs/%s/repos?per_page=100", fixture->base, org);
}

static char *
users_url (Fixture    *fixture,
           const char *owner,
           const char *repo)
{
  return g_strdup_printf ("%srepos/%s/%s/contributors?per_page=100", fixture->base, owner, repo);
}

static void
assert_mentions (const GError *error,
                 const char   *fragment)
{
  g_test_message ("error: %s", error->message);

  if (strstr (error->message, fragment) == NULL)
    g_error ("error “%s” does not mention “%s”", error->message, fragment);
}

/* The error of @style must be @code and name @url */
static void
assert_repos_error (Fixture    *fixture,
                    Style       style,
                    const char *org,
                    GhError     code,
                    const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhResponse) response = NULL;
  g_autofree char *url = repos_url (fixture, org);

  response = fetch_repos (GH_SERVICE (fixture->client), style, org, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, GH_ERROR, code);
  assert_mentions (error, url);
  if (fragment != NULL)
    assert_mentions (error, fragment);
  g_assert_cmpstr (gh_error_get_url (error), ==, url);
  g_assert_null (strstr (error->message, TOKEN));
}

static GError *
users_error (Fixture    *fixture,
             Style       style,
             const char *repo,
             GhError     code,
             const char *fragment)
{
  GError *error = NULL;
  g_autoptr(GhResponse) response = NULL;
  const char *owner = gh_dataset_get_org (gh_fake_server_get_dataset (fixture->server));
  g_autofree char *url = users_url (fixture, owner, repo);

  response = fetch_users (GH_SERVICE (fixture->client), style, owner, repo, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, GH_ERROR, code);
  assert_mentions (error, url);
  if (fragment != NULL)
    assert_mentions (error, fragment);
  g_assert_cmpstr (gh_error_get_url (error), ==, url);

  return error;
}

static void
assert_users_error (Fixture    *fixture,
                    Style       style,
                    const char *repo,
                    GhError     code,
                    const char *fragment)
{
  g_autoptr(GError) error = users_error (fixture, style, repo, code, fragment);
}

static void
add_fault (Fixture           *fixture,
           const char        *pattern,
           const GhFakeFault *fault)
{
  gh_fake_server_add_fault (fixture->server, pattern, fault);
}

/* Data: all styles agree */

static void
test_styles_tutorial (Fixture       *fixture,
                      gconstpointer  data)
{
  GhService *service = GH_SERVICE (fixture->client);
  g_autoptr(GhResponse) reference = NULL;
  const struct {
    const char *repo;
    const char *logins[2];
    gint64      contributions[2];
  } expected[] = {
    { "repo-1", { "user-1", "user-2" }, { 10, 20 } },
    { "repo-2", { "user-2", "user-1" }, { 30, 40 } },
    { "repo-3", { "user-2", "user-3" }, { 50, 60 } },
  };

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) repos = fetch_repos (service, style, "org", NULL, &error);

      g_test_message ("style %s", style_names[style]);
      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_status (repos), ==, 200);
      g_assert_cmpstr (gh_response_get_reason (repos), ==, "OK");
      g_assert_true (gh_response_get_item_type (repos) == GH_TYPE_REPO);
      g_assert_cmpuint (gh_response_get_n_items (repos), ==, 3);
      g_assert_cmpuint (gh_response_get_n_pages (repos), ==, 1);
      g_assert_cmpint (gh_response_get_rate_limit_limit (repos), >, 0);
      g_assert_cmpint (gh_response_get_rate_limit_remaining (repos), >=, 0);
      g_assert_cmpint (gh_response_get_rate_limit_reset (repos), >, 0);

      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          GhRepo *repo = gh_response_get_repo (repos, i);
          g_autoptr(GhResponse) users = NULL;

          g_assert_cmpstr (gh_repo_get_name (repo), ==, expected[i].repo);
          g_assert_cmpint (gh_repo_get_id (repo), >, 0);

          users = fetch_users (service, style, "org", gh_repo_get_name (repo), NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (gh_response_get_n_items (users), ==, 2);
          for (guint j = 0; j < 2; j++)
            {
              GhUser *user = gh_response_get_user (users, j);

              g_assert_cmpstr (gh_user_get_login (user), ==, expected[i].logins[j]);
              g_assert_cmpint (gh_user_get_contributions (user), ==, expected[i].contributions[j]);
            }
        }

      if (reference == NULL)
        reference = gh_response_ref (repos);
      else
        g_assert_true (gh_response_equal_items (reference, repos));
    }
}

/* The demo dataset: 160 repositories (two pages), one with 260
 * contributors (three pages), an empty one (204) and a failing one (500).
 * Every repository must come out the same in every style. */
static void
test_styles_demo (Fixture       *fixture,
                  gconstpointer  data)
{
  GhService *service = GH_SERVICE (fixture->client);
  GhDataset *dataset = gh_fake_server_get_dataset (fixture->server);
  const char *org = gh_dataset_get_org (dataset);
  g_autoptr(GhResponse) reference_repos = NULL;
  g_autoptr(GPtrArray) reference_users = g_ptr_array_new_with_free_func ((GDestroyNotify) gh_response_unref);
  g_autoptr(GPtrArray) reference_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) repos = fetch_repos (service, style, org, NULL, &error);
      guint n_failed = 0;
      guint n_empty = 0;

      g_test_message ("style %s", style_names[style]);
      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_n_items (repos), ==, gh_dataset_get_n_repos (dataset));
      g_assert_cmpuint (gh_response_get_n_pages (repos), ==, 2);

      for (guint i = 0; i < gh_response_get_n_items (repos); i++)
        {
          GhRepo *repo = gh_response_get_repo (repos, i);
          g_autoptr(GhResponse) users = NULL;
          guint n_expected;
          const GhDatasetContributor *expected;

          g_assert_cmpstr (gh_repo_get_name (repo), ==, gh_dataset_get_repo_name (dataset, i));
          g_assert_cmpint (gh_repo_get_id (repo), ==, gh_dataset_get_repo_id (dataset, i));

          users = fetch_users (service, style, org, gh_repo_get_name (repo), NULL, &error);
          expected = gh_dataset_get_repo_contributors (dataset, i, &n_expected);

          if (gh_dataset_get_repo_fault (dataset, i) != NULL)
            {
              g_assert_null (users);
              g_assert_error (error, GH_ERROR, GH_ERROR_SERVER_ERROR);
              if (style == 0)
                g_ptr_array_add (reference_errors, g_error_copy (error));
              else
                g_assert_cmpstr (error->message, ==,
                                 ((GError *) reference_errors->pdata[n_failed])->message);
              g_clear_error (&error);
              n_failed++;
              continue;
            }

          g_assert_no_error (error);
          g_assert_cmpuint (gh_response_get_n_items (users), ==, n_expected);
          for (guint j = 0; j < n_expected; j++)
            {
              GhUser *user = gh_response_get_user (users, j);

              g_assert_cmpstr (gh_user_get_login (user), ==, expected[j].login);
              g_assert_cmpint (gh_user_get_contributions (user), ==, expected[j].contributions);
            }

          if (gh_dataset_get_repo_empty (dataset, i))
            {
              g_assert_cmpuint (gh_response_get_status (users), ==, 204);
              n_empty++;
            }
          else
            {
              g_assert_cmpuint (gh_response_get_status (users), ==, 200);
              g_assert_cmpuint (gh_response_get_n_pages (users), ==, MAX (1, (n_expected + 99) / 100));
            }

          if (style == 0)
            g_ptr_array_add (reference_users, gh_response_ref (users));
          else
            g_assert_true (gh_response_equal_items (reference_users->pdata[i - n_failed], users));
        }

      g_assert_cmpuint (n_failed, ==, 1);
      g_assert_cmpuint (n_empty, ==, 1);

      if (reference_repos == NULL)
        reference_repos = gh_response_ref (repos);
      else
        g_assert_true (gh_response_equal_items (reference_repos, repos));
    }
}

/* Headers */

static void
test_headers (Fixture       *fixture,
              gconstpointer  data)
{
  for (Style style = 0; style < N_STYLES; style++)
    {
      for (guint with_token = 0; with_token < 2; with_token++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GhResponse) response = NULL;
          g_autoptr(GPtrArray) log = NULL;
          GhFakeRequest *request;

          g_assert_true (gh_client_set_token (fixture->client, with_token ? TOKEN : NULL, NULL));
          gh_fake_server_clear_log (fixture->server);

          response = fetch_users (GH_SERVICE (fixture->client), style, "org", "repo-1", NULL, &error);
          g_assert_no_error (error);

          log = gh_fake_server_get_log (fixture->server);
          g_assert_cmpuint (log->len, ==, 1);
          request = log->pdata[0];
          g_assert_cmpstr (request->method, ==, "GET");
          g_assert_cmpstr (request->path, ==, "/repos/org/repo-1/contributors?per_page=100");
          g_assert_true (g_str_has_prefix (request->user_agent, "Contributors/"));
          g_assert_nonnull (strstr (request->user_agent, "(+GNOME)"));
          g_assert_cmpstr (request->accept, ==, "application/vnd.github+json");
          g_assert_cmpstr (request->api_version, ==, "2022-11-28");
          g_assert_cmpint (request->has_authorization, ==, with_token);
          g_assert_cmpstr (request->auth_scheme, ==, with_token ? "Bearer" : NULL);
        }
    }
}

/* Names are escaped as one path segment */
static void
test_escaping (Fixture       *fixture,
               gconstpointer  data)
{
  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) response = NULL;
      g_autoptr(GPtrArray) log = NULL;

      gh_fake_server_clear_log (fixture->server);
      response = fetch_users (GH_SERVICE (fixture->client), style, "my org", "a/b?c#d%e", NULL, &error);
      g_assert_error (error, GH_ERROR, GH_ERROR_NOT_FOUND);

      log = gh_fake_server_get_log (fixture->server);
      g_assert_cmpuint (log->len, ==, 1);
      g_assert_cmpstr (((GhFakeRequest *) log->pdata[0])->path, ==,
                       "/repos/my%20org/a%2Fb%3Fc%23d%25e/contributors?per_page=100");
    }
}

/* Pagination */

static char *
dataset_json (const char *org,
              guint       n_repos,
              guint       repo_latency_ms,
              guint       n_contributors)
{
  GString *json = g_string_new (NULL);

  g_string_append_printf (json, "{\"org\": \"%s\", \"org_id\": 4242, \"repos\": [", org);
  for (guint i = 0; i < n_repos; i++)
    {
      g_string_append_printf (json, "%s{\"name\": \"repo-%u\", \"latency_ms\": %u, \"contributors\": [",
                              i > 0 ? ", " : "", i, repo_latency_ms);
      for (guint j = 0; j < n_contributors; j++)
        g_string_append_printf (json, "%s{\"login\": \"user-%u\", \"contributions\": %u}",
                                j > 0 ? ", " : "", j, 1000 - j);
      g_string_append (json, "]}");
    }
  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}

static GhDataset *
make_dataset (const char *org,
              guint       n_repos,
              guint       repo_latency_ms,
              guint       n_contributors)
{
  g_autofree char *json = dataset_json (org, n_repos, repo_latency_ms, n_contributors);
  g_autoptr(GError) error = NULL;
  GhDataset *dataset = gh_dataset_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  return dataset;
}

/* GitHub's next links are id-based (/organizations/ID/repos,
 * /repositories/ID/contributors) and carry per_page; they are followed
 * as given */
static void
test_pagination_id_based (Fixture       *fixture,
                          gconstpointer  data)
{
  GhDataset *dataset = gh_fake_server_get_dataset (fixture->server);
  g_autofree char *page2 = g_strdup_printf ("/organizations/%" G_GINT64_FORMAT
                                            "/repos?per_page=100&page=2",
                                            gh_dataset_get_org_id (dataset));

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) repos = NULL;
      g_autoptr(GhResponse) users = NULL;
      g_autoptr(GPtrArray) log = NULL;
      g_autofree char *users_page2 = g_strdup_printf ("/repositories/%" G_GINT64_FORMAT
                                                      "/contributors?per_page=100&page=2",
                                                      gh_dataset_get_repo_id (dataset, 0));
      g_autofree char *users_page3 = g_strdup_printf ("/repositories/%" G_GINT64_FORMAT
                                                      "/contributors?per_page=100&page=3",
                                                      gh_dataset_get_repo_id (dataset, 0));

      gh_fake_server_clear_log (fixture->server);
      repos = fetch_repos (GH_SERVICE (fixture->client), style, "acme", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_n_items (repos), ==, 250);
      g_assert_cmpuint (gh_response_get_n_pages (repos), ==, 3);
      for (guint i = 0; i < 250; i++)
        g_assert_cmpstr (gh_repo_get_name (gh_response_get_repo (repos, i)), ==,
                         gh_dataset_get_repo_name (dataset, i));

      users = fetch_users (GH_SERVICE (fixture->client), style, "acme", "repo-0", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_n_items (users), ==, 201);
      g_assert_cmpuint (gh_response_get_n_pages (users), ==, 3);
      g_assert_cmpstr (gh_user_get_login (gh_response_get_user (users, 200)), ==, "user-200");

      log = gh_fake_server_get_log (fixture->server);
      g_assert_cmpuint (log->len, ==, 6);
      g_assert_cmpstr (((GhFakeRequest *) log->pdata[0])->path, ==, "/orgs/acme/repos?per_page=100");
      g_assert_cmpstr (((GhFakeRequest *) log->pdata[1])->path, ==, page2);
      g_assert_cmpstr (((GhFakeRequest *) log->pdata[3])->path, ==,
                       "/repos/acme/repo-0/contributors?per_page=100");
      g_assert_cmpstr (((GhFakeRequest *) log->pdata[4])->path, ==, users_page2);
      g_assert_cmpstr (((GhFakeRequest *) log->pdata[5])->path, ==, users_page3);
    }
}

/* A list longer than the page cap fails for what it is, rather than pass
 * for the whole list with the pages after the cap missing */
static void
test_pagination_cap (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *page2 = g_strdup_printf ("%sorganizations/4242/repos?per_page=100&page=2",
                                            fixture->base);
  g_autofree char *page3 = g_strdup_printf ("%sorganizations/4242/repos?per_page=100&page=3",
                                            fixture->base);

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) repos = NULL;
      g_autoptr(GhResponse) users = NULL;

      fixture_replace_client (fixture, 2, GH_CLIENT_DEFAULT_REQUEST_TIMEOUT, TEST_RETRY_BASE_MS,
                              GH_HTTP_LOG_NONE);
      gh_fake_server_clear_log (fixture->server);
      repos = fetch_repos (GH_SERVICE (fixture->client), style, "acme", NULL, &error);
      g_assert_null (repos);
      g_assert_error (error, GH_ERROR, GH_ERROR_TOO_MANY_PAGES);
      assert_mentions (error, "The list goes on after 2 pages");
      assert_mentions (error, page3);
      g_assert_cmpstr (gh_error_get_url (error), ==, page2);
      g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, 2);
      g_clear_error (&error);

      /* Three pages exactly: all of them */
      fixture_replace_client (fixture, 3, GH_CLIENT_DEFAULT_REQUEST_TIMEOUT, TEST_RETRY_BASE_MS,
                              GH_HTTP_LOG_NONE);
      users = fetch_users (GH_SERVICE (fixture->client), style, "acme", "repo-0", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_n_pages (users), ==, 3);
      g_assert_cmpuint (gh_response_get_n_items (users), ==, 201);
    }
}

static GhFakeServer *
start_second_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_name ("tutorial", &error);

  g_assert_no_error (error);
  return start_server (dataset, 0.0);
}

static void
stop_second_server (GhFakeServer *server)
{
  gh_fake_server_stop (server);
  g_assert_finalize_object (server);
}

/* A next link to another origin is refused: the second server never hears
 * from the client, so it cannot see the token either */
static void
test_pagination_cross_origin (Fixture       *fixture,
                              gconstpointer  data)
{
  GhFakeServer *other = start_second_server ();
  g_autofree char *link = g_strdup_printf ("<%sorgs/org/repos?per_page=100&page=2>; rel=\"next\"",
                                           gh_fake_server_get_uri (other));

  g_assert_true (gh_client_set_token (fixture->client, TOKEN, NULL));
  add_fault (fixture, "/orgs/org/repos*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_LINK, .link = link });

  for (Style style = 0; style < N_STYLES; style++)
    assert_repos_error (fixture, style, "org", GH_ERROR_CROSS_ORIGIN, gh_fake_server_get_uri (other));

  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, N_STYLES);
  g_assert_cmpuint (gh_fake_server_get_n_requests (other), ==, 0);
  stop_second_server (other);
}

/* A next link that points back to a page already fetched would loop until
 * the page cap; it is an invalid response at once */
static void
test_pagination_loop (Fixture       *fixture,
                      gconstpointer  data)
{
  add_fault (fixture, "/orgs/org/repos*",
             &(GhFakeFault) { .kind = GH_FAKE_FAULT_LINK,
                              .link = "<{base}orgs/org/repos?per_page=100>; rel=\"next\"" });

  for (Style style = 0; style < N_STYLES; style++)
    assert_repos_error (fixture, style, "org", GH_ERROR_INVALID_RESPONSE, "points back");
}

/* A comma inside <...> is part of the URL, not a separator between links:
 * the second page is fetched */
static void
test_pagination_comma (Fixture       *fixture,
                       gconstpointer  data)
{
  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) repos = NULL;
      g_autoptr(GPtrArray) log = NULL;

      gh_fake_server_clear_faults (fixture->server);
      gh_fake_server_clear_log (fixture->server);
      add_fault (fixture, "/orgs/org/repos*",
                 &(GhFakeFault) { .kind = GH_FAKE_FAULT_LINK, .times = 1,
                                  .link = "<{base}orgs/org/repos?per_page=100&page=2&sort=a,b>; "
                                          "rel=\"next\", <{base}orgs/org/repos?page=9>; rel=\"last\"" });

      repos = fetch_repos (GH_SERVICE (fixture->client), style, "org", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_n_pages (repos), ==, 2);

      log = gh_fake_server_get_log (fixture->server);
      g_assert_cmpuint (log->len, ==, 2);
      g_assert_cmpstr (((GhFakeRequest *) log->pdata[1])->path, ==,
                       "/orgs/org/repos?per_page=100&page=2&sort=a,b");
    }
}

typedef struct
{
  const char *target;
  const char *message_part;
} BadTarget;

/* Link and Location targets without a usable host name: GUri gives
 * http:///x and // an empty host, http:x none, and decodes %2f to "/" */
static const BadTarget bad_host_targets[] = {
  { "http:///orgs/org/repos?page=2", "“http:///orgs/org/repos?page=2” has no host name" },
  { "http:x", "“http:x” has no host name" },
  { "//", "“//” has no host name" },
  { "http://%2f/x", "“http://%2f/x” has an invalid host name" },
};

static void
test_pagination_bad_host (Fixture       *fixture,
                          gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_host_targets); i++)
    {
      g_autofree char *link = g_strdup_printf ("<%s>; rel=\"next\"", bad_host_targets[i].target);

      gh_fake_server_clear_faults (fixture->server);
      add_fault (fixture, "/orgs/org/repos*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_LINK, .link = link });
      for (Style style = 0; style < N_STYLES; style++)
        assert_repos_error (fixture, style, "org", GH_ERROR_INVALID_RESPONSE,
                            bad_host_targets[i].message_part);
    }
}

/* Redirects */

/* A renamed repository answers 301 with an id-based URL on the same
 * origin: followed, with the token */
static void
test_redirect_same_origin (Fixture       *fixture,
                           gconstpointer  data)
{
  GhDataset *dataset = gh_fake_server_get_dataset (fixture->server);
  g_autofree char *location = g_strdup_printf ("{base}repositories/%" G_GINT64_FORMAT
                                               "/contributors?per_page=100",
                                               gh_dataset_get_repo_id (dataset, 0));

  g_assert_true (gh_client_set_token (fixture->client, TOKEN, NULL));
  add_fault (fixture, "/repos/org/old-name/contributors*",
             &(GhFakeFault) { .kind = GH_FAKE_FAULT_REDIRECT, .location = location });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) users = NULL;
      g_autoptr(GPtrArray) log = NULL;

      gh_fake_server_clear_log (fixture->server);
      users = fetch_users (GH_SERVICE (fixture->client), style, "org", "old-name", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_n_items (users), ==, 2);
      g_assert_cmpstr (gh_user_get_login (gh_response_get_user (users, 0)), ==, "user-1");

      log = gh_fake_server_get_log (fixture->server);
      g_assert_cmpuint (log->len, ==, 2);
      g_assert_cmpuint (((GhFakeRequest *) log->pdata[0])->status, ==, 301);
      g_assert_true (((GhFakeRequest *) log->pdata[1])->has_authorization);
      g_assert_cmpuint (((GhFakeRequest *) log->pdata[1])->status, ==, 200);
    }
}

static void
test_redirect_cross_origin (Fixture       *fixture,
                            gconstpointer  data)
{
  GhFakeServer *other = start_second_server ();
  g_autofree char *location = g_strdup_printf ("%srepos/org/repo-1/contributors?per_page=100",
                                               gh_fake_server_get_uri (other));

  g_assert_true (gh_client_set_token (fixture->client, TOKEN, NULL));
  add_fault (fixture, "/repos/org/repo-1/contributors*",
             &(GhFakeFault) { .kind = GH_FAKE_FAULT_REDIRECT, .location = location, .status = 307 });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = users_error (fixture, style, "repo-1", GH_ERROR_CROSS_ORIGIN, location);

      g_assert_cmpuint (gh_error_get_http_status (error), ==, 307);
    }

  g_assert_cmpuint (gh_fake_server_get_n_requests (other), ==, 0);
  stop_second_server (other);
}

static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  add_fault (fixture, "/repos/org/repo-1/contributors*",
             &(GhFakeFault) { .kind = GH_FAKE_FAULT_REDIRECT, .status = 302,
                              .location = "{base}repos/org/repo-1/contributors?per_page=100" });

  for (Style style = 0; style < N_STYLES; style++)
    assert_users_error (fixture, style, "repo-1", GH_ERROR_INVALID_RESPONSE, "too many redirects");
}

static void
test_redirect_bad_host (Fixture       *fixture,
                        gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_host_targets); i++)
    {
      gh_fake_server_clear_faults (fixture->server);
      add_fault (fixture, "/repos/org/repo-1/contributors*",
                 &(GhFakeFault) { .kind = GH_FAKE_FAULT_REDIRECT, .location = bad_host_targets[i].target });
      for (Style style = 0; style < N_STYLES; style++)
        assert_users_error (fixture, style, "repo-1", GH_ERROR_INVALID_RESPONSE,
                            bad_host_targets[i].message_part);
    }
}

/* Statuses */

static void
test_status_204 (Fixture       *fixture,
                 gconstpointer  data)
{
  GhDataset *dataset = gh_fake_server_get_dataset (fixture->server);
  const char *empty = NULL;

  for (guint i = 0; i < gh_dataset_get_n_repos (dataset); i++)
    if (gh_dataset_get_repo_empty (dataset, i))
      empty = gh_dataset_get_repo_name (dataset, i);
  g_assert_nonnull (empty);

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) users = NULL;

      users = fetch_users (GH_SERVICE (fixture->client), style, "kotlin", empty, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_status (users), ==, 204);
      g_assert_cmpstr (gh_response_get_reason (users), ==, "No Content");
      g_assert_cmpuint (gh_response_get_n_items (users), ==, 0);
    }
}

static void
test_status_401 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_assert_true (gh_client_set_token (fixture->client, TOKEN, NULL));
  add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 401,
                                                  .message = "Bad credentials" });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GhResponse) repos = NULL;
      g_autoptr(GError) error = NULL;

      assert_repos_error (fixture, style, "org", GH_ERROR_BAD_CREDENTIALS,
                          "HTTP 401 Unauthorized from");

      /* What happened and what to do, not GitHub's words twice */
      repos = fetch_repos (GH_SERVICE (fixture->client), style, "org", NULL, &error);
      g_assert_error (error, GH_ERROR, GH_ERROR_BAD_CREDENTIALS);
      g_assert_true (g_str_has_prefix (error->message, "The access token was refused: "));
      g_assert_true (g_str_has_suffix (error->message, ". Check the access token, or clear it "
                                                       "to load anonymously."));
    }
}

/* A server (or a proxy) that echoes the request's Authorization header in
 * its message, with terminal sequences around it; once where cutting the
 * message to length would have left part of the token */
static void
test_status_401_echo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) padded = g_string_new (NULL);
  const char *messages[2];

  g_string_append_printf (padded, "%0270d Bearer %s", 0, TOKEN);
  messages[0] = "Bad credentials for Bearer " TOKEN "\x1b[2J\r\a\u202e";
  messages[1] = padded->str;
  g_assert_true (gh_client_set_token (fixture->client, TOKEN, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      gh_fake_server_clear_faults (fixture->server);
      add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 401,
                                                      .message = messages[i] });

      for (Style style = 0; style < N_STYLES; style++)
        {
          g_autoptr(GhResponse) repos = NULL;
          g_autoptr(GError) error = NULL;
          const char *quoted;

          repos = fetch_repos (GH_SERVICE (fixture->client), style, "org", NULL, &error);
          g_assert_error (error, GH_ERROR, GH_ERROR_BAD_CREDENTIALS);
          quoted = gh_error_get_github_message (error);
          g_test_message ("%s: %s", style_names[style], error->message);

          /* Not even the part of it before a cut */
          g_assert_null (strstr (error->message, TOKEN + 4));
          g_assert_null (strstr (quoted, TOKEN + 4));
          g_assert_null (strstr (error->message, "Sup3r"));
          g_assert_null (strstr (quoted, "Sup3r"));
          g_assert_nonnull (strstr (error->message, "Bearer [REDA"));
          for (const char *p = error->message; *p != '\0'; p++)
            g_assert_false (g_ascii_iscntrl (*p));
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_null (strstr (error->message, "\u202e"));
          if (i == 0)
            g_assert_nonnull (strstr (quoted, GH_TEXT_REDACTED "\\u{1b}[2J\\u{d}\\u{7}\\u{202e}"));
        }
    }
}

static void
test_status_rate_limit_primary (Fixture       *fixture,
                                gconstpointer  data)
{
  add_fault (fixture, "/repos/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_RATE_LIMIT,
                                                   .reset_in_s = 120 });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = users_error (fixture, style, "repo-1", GH_ERROR_RATE_LIMITED,
                                             "The rate limit resets at ");
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      g_autoptr(GDateTime) reset = NULL;
      g_autofree char *reset_time = NULL;
      const char *first;

      g_assert_cmpuint (gh_error_get_http_status (error), ==, 403);
      g_assert_cmpint (gh_error_get_rate_limit_reset (error), >=, now + 100);
      g_assert_cmpint (gh_error_get_rate_limit_reset (error), <=, now + 120);
      g_assert_cmpint (gh_error_get_retry_after (error), ==, 0);
      g_assert_nonnull (gh_error_get_github_message (error));
      assert_mentions (error, "API rate limit exceeded");

      /* The reset once, as the local time of day, which the window shows
       * as it is; and the advice for anonymous requests */
      reset = g_date_time_new_from_unix_local (gh_error_get_rate_limit_reset (error));
      reset_time = g_date_time_format (reset, "%X");
      first = strstr (error->message, reset_time);
      g_assert_nonnull (first);
      g_assert_null (strstr (first + 1, reset_time));
      g_assert_null (strstr (error->message, "UTC"));
      g_assert_true (g_str_has_suffix (error->message, ". An access token raises the limit."));
    }
}

static void
test_status_rate_limit_secondary (Fixture       *fixture,
                                  gconstpointer  data)
{
  /* Longer than the client waits by itself (see /github/client/retry/) */
  add_fault (fixture, "/repos/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_RATE_LIMIT,
                                                   .retry_after_s = 90 });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = users_error (fixture, style, "repo-1", GH_ERROR_RATE_LIMITED,
                                             "Try again in 90 seconds.");

      g_assert_cmpint (gh_error_get_retry_after (error), ==, 90);
    }
}

static void
test_status_429 (Fixture       *fixture,
                 gconstpointer  data)
{
  add_fault (fixture, "/repos/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_RATE_LIMIT,
                                                   .status = 429 });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = users_error (fixture, style, "repo-1", GH_ERROR_RATE_LIMITED,
                                             "HTTP 429");

      g_assert_cmpint (gh_error_get_rate_limit_reset (error), >, 0);
    }
}

static void
test_status_403_forbidden (Fixture       *fixture,
                           gconstpointer  data)
{
  add_fault (fixture, "/repos/*", &(GhFakeFault) {
    .kind = GH_FAKE_FAULT_STATUS, .status = 403,
    .message = "The history or contributor list is too large to list contributors for this "
               "repository via the API." });

  for (Style style = 0; style < N_STYLES; style++)
    assert_users_error (fixture, style, "repo-1", GH_ERROR_FORBIDDEN,
                        "“The history or contributor list is too large");
}

static void
test_status_404 (Fixture       *fixture,
                 gconstpointer  data)
{
  for (Style style = 0; style < N_STYLES; style++)
    {
      assert_repos_error (fixture, style, "no-such-org", GH_ERROR_NOT_FOUND,
                          "No such organization or repository (or it is private)");
      assert_repos_error (fixture, style, "no-such-org", GH_ERROR_NOT_FOUND,
                          ". Check the name; for a private one, set an access token that "
                          "may see it.");
      assert_users_error (fixture, style, "no-such-repo", GH_ERROR_NOT_FOUND, "HTTP 404 Not Found");
    }
}

static void
test_status_451 (Fixture       *fixture,
                 gconstpointer  data)
{
  add_fault (fixture, "/repos/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 451,
                                                   .message = "Repository access blocked" });

  for (Style style = 0; style < N_STYLES; style++)
    assert_users_error (fixture, style, "repo-1", GH_ERROR_UNAVAILABLE_FOR_LEGAL_REASONS,
                        "“Repository access blocked”");
}

static void
test_status_5xx (Fixture       *fixture,
                 gconstpointer  data)
{
  add_fault (fixture, "/repos/org/repo-1/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS,
                                                              .status = 500 });
  /* A proxy's HTML page: no GitHub message to quote */
  add_fault (fixture, "/repos/org/repo-2/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_GARBAGE,
                                                              .status = 502 });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;

      assert_users_error (fixture, style, "repo-1", GH_ERROR_SERVER_ERROR,
                          "HTTP 500 Internal Server Error");
      error = users_error (fixture, style, "repo-2", GH_ERROR_SERVER_ERROR, "HTTP 502 Bad Gateway");
      g_assert_null (gh_error_get_github_message (error));
    }
}

static void
test_status_other (Fixture       *fixture,
                   gconstpointer  data)
{
  add_fault (fixture, "/repos/*", &(GhFakeFault) {
    .kind = GH_FAKE_FAULT_STATUS, .status = 422,
    .message = "In order to keep the API fast for everyone, pagination is limited for this resource." });

  for (Style style = 0; style < N_STYLES; style++)
    assert_users_error (fixture, style, "repo-1", GH_ERROR_FAILED, "pagination is limited");
}

static void
test_transport_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = repos_url (fixture, "org");

  gh_fake_server_stop (fixture->server);

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) repos = NULL;

      repos = fetch_repos (GH_SERVICE (fixture->client), style, "org", NULL, &error);
      g_assert_null (repos);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
      assert_mentions (error, url);
    }
}

static void
test_transport_dropped (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = repos_url (fixture, "org");

  add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_DROP });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) repos = NULL;

      repos = fetch_repos (GH_SERVICE (fixture->client), style, "org", NULL, &error);
      g_assert_null (repos);
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_IO_ERROR);
      assert_mentions (error, url);
    }
}

/* Bad server input */

static void
test_invalid_html (Fixture       *fixture,
                   gconstpointer  data)
{
  add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_GARBAGE });

  for (Style style = 0; style < N_STYLES; style++)
    assert_repos_error (fixture, style, "org", GH_ERROR_INVALID_RESPONSE,
                        "Invalid response from");
}

static void
test_invalid_not_array (Fixture       *fixture,
                        gconstpointer  data)
{
  add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_BODY,
                                                  .body = "{\"message\": \"hello\"}" });

  for (Style style = 0; style < N_STYLES; style++)
    assert_repos_error (fixture, style, "org", GH_ERROR_INVALID_RESPONSE,
                        "expected a JSON array, got an object");
}

static void
test_invalid_not_json (Fixture       *fixture,
                       gconstpointer  data)
{
  add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_BODY,
                                                  .body = "[{\"name\": tru}]" });

  for (Style style = 0; style < N_STYLES; style++)
    assert_repos_error (fixture, style, "org", GH_ERROR_INVALID_RESPONSE, "not valid JSON");
}

static void
test_invalid_empty_body (Fixture       *fixture,
                         gconstpointer  data)
{
  /* White space only: json-glib 1.6 calls that a success with no root */
  add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_BODY, .body = " \n" });

  for (Style style = 0; style < N_STYLES; style++)
    assert_repos_error (fixture, style, "org", GH_ERROR_INVALID_RESPONSE, "the body is empty");
}

static void
test_invalid_field_types (Fixture       *fixture,
                          gconstpointer  data)
{
  add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_BODY,
                                                  .body = "[{\"id\": 1, \"name\": 5}]" });
  add_fault (fixture, "/repos/*", &(GhFakeFault) {
    .kind = GH_FAKE_FAULT_BODY,
    .body = "[{\"login\": \"a\", \"contributions\": 1}, {\"login\": \"b\", \"contributions\": \"5\"}]" });

  for (Style style = 0; style < N_STYLES; style++)
    {
      assert_repos_error (fixture, style, "org", GH_ERROR_INVALID_RESPONSE,
                          "item 0: “name” is a number, not a string");
      assert_users_error (fixture, style, "repo-1", GH_ERROR_INVALID_RESPONSE,
                          "item 1: “contributions” is a string, not an integer");
    }
}

static void
test_invalid_truncated (Fixture       *fixture,
                        gconstpointer  data)
{
  add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_TRUNCATE });

  for (Style style = 0; style < N_STYLES; style++)
    assert_repos_error (fixture, style, "org", GH_ERROR_INVALID_RESPONSE, "truncated");
}

/* json-glib 1.6 would overflow its stack on 100 000 nested '[' */
static void
test_invalid_deep_nesting (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *body = g_strnfill (100000, '[');

  add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_BODY, .body = body });

  for (Style style = 0; style < N_STYLES; style++)
    assert_repos_error (fixture, style, "org", GH_ERROR_INVALID_RESPONSE,
                        "nested deeper than 64 levels");
}

/* The server announces more than the cap: refused before reading */
static void
test_invalid_too_large (Fixture       *fixture,
                        gconstpointer  data)
{
  gsize size = GH_CLIENT_MAX_BODY_BYTES + 1024;
  g_autofree char *body = g_malloc (size + 1);

  memset (body, ' ', size);
  body[0] = '[';
  body[size - 1] = ']';
  body[size] = '\0';
  add_fault (fixture, "/orgs/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_BODY, .body = body });

  for (Style style = 0; style < N_STYLES; style++)
    assert_repos_error (fixture, style, "org", GH_ERROR_INVALID_RESPONSE, "too large");
}

/* Contributors without a login are counted under one "(anonymous)" entry */
static void
test_invalid_anonymous (Fixture       *fixture,
                        gconstpointer  data)
{
  add_fault (fixture, "/repos/*", &(GhFakeFault) {
    .kind = GH_FAKE_FAULT_BODY,
    .body = "[{\"login\": \"user-1\", \"contributions\": 7},"
            " {\"type\": \"Anonymous\", \"email\": \"a@example.com\", \"contributions\": 5},"
            " {\"type\": \"Anonymous\", \"email\": \"b@example.com\", \"contributions\": 2}]" });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) users = NULL;

      users = fetch_users (GH_SERVICE (fixture->client), style, "org", "repo-1", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_n_items (users), ==, 2);
      g_assert_cmpstr (gh_user_get_login (gh_response_get_user (users, 1)), ==,
                       GH_USER_ANONYMOUS_LOGIN);
      g_assert_cmpint (gh_user_get_contributions (gh_response_get_user (users, 1)), ==, 7);
    }
}

/* Bad user input never reaches the server */
static void
test_invalid_names (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *too_long = g_strnfill (101, 'x');
  const char *names[] = { "", ".", "..", "a\nb", "a\x01", too_long };

  for (Style style = 0; style < N_STYLES; style++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GhResponse) response = NULL;

          response = fetch_repos (GH_SERVICE (fixture->client), style, names[i], NULL, &error);
          g_assert_null (response);
          g_assert_error (error, GH_ERROR, GH_ERROR_INVALID_NAME);
          assert_mentions (error, "organization name");
          g_clear_error (&error);

          response = fetch_users (GH_SERVICE (fixture->client), style, "org", names[i], NULL, &error);
          g_assert_null (response);
          g_assert_error (error, GH_ERROR, GH_ERROR_INVALID_NAME);
          assert_mentions (error, "repository name");
        }
    }

  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, 0);
}

/* Secrets in logs */

static GMutex capture_mutex;
static GPtrArray *captured;

static GLogWriterOutput
capturing_writer (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  g_mutex_lock (&capture_mutex);
  if (captured != NULL)
    {
      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE"))
          g_ptr_array_add (captured, g_strdup (fields[i].value));
    }
  g_mutex_unlock (&capture_mutex);

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
capture_tutorial_line (const char *line,
                       gpointer    user_data)
{
  g_mutex_lock (&capture_mutex);
  if (captured != NULL)
    g_ptr_array_add (captured, g_strdup (line));
  g_mutex_unlock (&capture_mutex);
}

static void
test_secrets_logs (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GhDataset *dataset = gh_fake_server_get_dataset (fixture->server);
  g_autofree char *location = g_strdup_printf ("{base}repositories/%" G_GINT64_FORMAT
                                               "/contributors?per_page=100",
                                               gh_dataset_get_repo_id (dataset, 1));
  guint n_redacted = 0;
  guint n_tutorial = 0;

  g_mutex_lock (&capture_mutex);
  captured = g_ptr_array_ref (lines);
  g_mutex_unlock (&capture_mutex);
  gh_log_set_writer (capture_tutorial_line, NULL, NULL);

  fixture_replace_client (fixture, GH_CLIENT_DEFAULT_MAX_PAGES, GH_CLIENT_DEFAULT_REQUEST_TIMEOUT,
                          TEST_RETRY_BASE_MS, GH_HTTP_LOG_BODY);
  g_assert_true (gh_client_set_token (fixture->client, TOKEN, NULL));
  add_fault (fixture, "/repos/org/repo-1/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS,
                                                              .status = 401 });
  add_fault (fixture, "/repos/org/renamed/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_REDIRECT,
                                                               .location = location });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) repos = fetch_repos (GH_SERVICE (fixture->client), style, "org", NULL, &error);
      g_autoptr(GhResponse) renamed = NULL;
      g_autoptr(GhResponse) refused = NULL;

      gh_log_repos ("org", repos, error);
      g_assert_no_error (error);

      renamed = fetch_users (GH_SERVICE (fixture->client), style, "org", "renamed", NULL, &error);
      gh_log_users ("renamed", renamed, error);
      g_assert_no_error (error);

      refused = fetch_users (GH_SERVICE (fixture->client), style, "org", "repo-1", NULL, &error);
      gh_log_users ("repo-1", refused, error);
      g_assert_error (error, GH_ERROR, GH_ERROR_BAD_CREDENTIALS);
      g_assert_null (strstr (error->message, TOKEN));
    }

  gh_log_set_writer (NULL, NULL, NULL);
  g_mutex_lock (&capture_mutex);
  g_clear_pointer (&captured, g_ptr_array_unref);
  g_mutex_unlock (&capture_mutex);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = lines->pdata[i];

      /* Not even a part of it */
      g_assert_null (strstr (line, TOKEN + 4));
      if (strstr (line, "Authorization: [REDACTED]") != NULL)
        n_redacted++;
      if (strstr (line, "Contributors - ") != NULL)
        n_tutorial++;
    }

  /* The test saw the traffic it claims to check: every request logged its
   * (redacted) Authorization header, and the tutorial lines came through */
  g_assert_cmpuint (n_redacted, ==, N_STYLES * 4);
  g_assert_cmpuint (n_tutorial, ==, N_STYLES * 3);
}

/* What the server sends reaches the debug log (the HTTP traffic, the
 * status lines) and the tutorial log as plain text: here a raw ESC and CR,
 * which json-glib takes in a string */
static void
test_hostile_logs (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  guint n_body = 0;

  g_mutex_lock (&capture_mutex);
  captured = g_ptr_array_ref (lines);
  g_mutex_unlock (&capture_mutex);
  gh_log_set_writer (capture_tutorial_line, NULL, NULL);

  fixture_replace_client (fixture, GH_CLIENT_DEFAULT_MAX_PAGES, GH_CLIENT_DEFAULT_REQUEST_TIMEOUT,
                          TEST_RETRY_BASE_MS, GH_HTTP_LOG_BODY);
  add_fault (fixture, "/repos/org/repo-1/*",
             &(GhFakeFault) { .kind = GH_FAKE_FAULT_BODY,
                              .body = "[{\"login\": \"x\x1b[2J\rfake\u202e\", \"contributions\": 1}]" });

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) users = NULL;

      users = fetch_users (GH_SERVICE (fixture->client), style, "org", "repo-1", NULL, &error);
      g_assert_no_error (error);
      gh_log_users ("repo-1\x1b[1m", users, error);
    }

  gh_log_set_writer (NULL, NULL, NULL);
  g_mutex_lock (&capture_mutex);
  g_clear_pointer (&captured, g_ptr_array_unref);
  g_mutex_unlock (&capture_mutex);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = lines->pdata[i];

      for (const char *p = line; *p != '\0'; p++)
        if (g_ascii_iscntrl (*p))
          g_error ("control character 0x%02x in log line “%s”", (guint) *p, line);
      g_assert_null (strstr (line, "\u202e"));
      if (strstr (line, "x\\u{1b}[2J\\u{d}fake\\u{202e}") != NULL)
        n_body++;
    }

  /* The bodies were logged, escaped */
  g_assert_cmpuint (n_body, ==, N_STYLES);
}

/* Cancellation */

static gboolean
request_arrived (Fixture *fixture)
{
  g_autoptr(GPtrArray) log = gh_fake_server_get_log (fixture->server);

  return log->len > 0;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the test's context (without sleeping more than a few ms at a
 * time) until the server has logged a request */
static void
iterate_until_request_arrives (Fixture *fixture)
{
  GSource *ticker = g_timeout_source_new (2);
  gint64 deadline = g_get_monotonic_time () + scaled_ms (5000) * 1000;

  g_source_set_callback (ticker, wake_up, NULL, NULL);
  g_source_attach (ticker, fixture->context);
  while (!request_arrived (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (fixture->context, TRUE);
    }
  g_source_destroy (ticker);
  g_source_unref (ticker);
}

/* The server noticed that the client went away: the connection was closed,
 * not left to finish in the background */
static void
assert_client_went_away (Fixture *fixture)
{
  g_autoptr(GPtrArray) log = NULL;
  GhFakeRequest *request;

  g_assert_true (gh_fake_server_wait_idle (fixture->server, scaled_ms (2000)));
  log = gh_fake_server_get_log (fixture->server);
  g_assert_cmpuint (log->len, ==, 1);
  request = log->pdata[0];
  g_assert_true (request->finished);
  g_assert_true (request->client_gone);
  g_assert_cmpuint (request->status, ==, 0);
}

static void
fixture_set_up_slow (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GhDataset) dataset = make_dataset ("acme", 1, 3000, 2);

  fixture_set_up_with_dataset (fixture, dataset, 1.0);
}

static void
test_cancel_callback (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GhResponse) users = NULL;
  gint64 cancelled_at;

  gh_service_get_repo_contributors_async (GH_SERVICE (fixture->client), "acme", "repo-0",
                                          cancellable, on_done, &result);
  iterate_until_request_arrives (fixture);
  g_assert_null (result);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  wait_for_result (&result);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, scaled_ms (100) * 1000);

  users = gh_service_get_repo_contributors_finish (GH_SERVICE (fixture->client), result, &error);
  g_assert_null (users);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  assert_client_went_away (fixture);
  g_assert_cmpuint (gh_client_get_requests_in_flight (fixture->client), ==, 0);
}

typedef struct
{
  GhClient     *client;
  GCancellable *cancellable;
  GhResponse   *response;
  GError       *error;
  gint64        finished_at;
} BlockingCall;

static gpointer
blocking_call_thread (gpointer data)
{
  BlockingCall *call = data;

  call->response = gh_service_get_repo_contributors_sync (GH_SERVICE (call->client), "acme",
                                                          "repo-0", call->cancellable,
                                                          &call->error);
  call->finished_at = g_get_monotonic_time ();
  return NULL;
}

static void
test_cancel_blocking (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BlockingCall call = { fixture->client, cancellable, NULL, NULL, 0 };
  GThread *thread;
  gint64 cancelled_at;

  thread = g_thread_new ("blocking-call", blocking_call_thread, &call);
  g_assert_true (gh_fake_server_wait_for_requests (fixture->server, 1, scaled_ms (5000)));

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);

  g_assert_cmpint (call.finished_at - cancelled_at, <, scaled_ms (100) * 1000);
  g_assert_null (call.response);
  g_assert_error (call.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&call.error);

  assert_client_went_away (fixture);
}

typedef struct
{
  GhFakeServer *server;
  GhClient     *client;
  GhResponse   *response;
  GError       *error;
  gint64        finished_at;
  gint64        cancelled_at;
} SuspendCancel;

static gpointer
suspend_users_child (CoroJob   *scope,
                     gpointer   data,
                     GError   **error)
{
  SuspendCancel *cancel = data;

  cancel->response = gh_service_get_repo_contributors_suspend (GH_SERVICE (cancel->client), "acme",
                                                               "repo-0", &cancel->error);
  cancel->finished_at = g_get_monotonic_time ();
  return NULL;
}

/* After a prompt cancellation, coro_await_async() has returned but the
 * HTTP request finishes tearing down on the coroutine's context; keep that
 * context running until it has (coro_run_blocking() would stop iterating
 * it as soon as the root is done; an application's main loop keeps
 * going) */
static gboolean
delay_until_idle (GhClient  *client,
                  GError   **error)
{
  gint64 deadline = g_get_monotonic_time () + scaled_ms (2000) * 1000;

  while (gh_client_get_requests_in_flight (client) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!coro_delay (2, error))
        return FALSE;
    }

  return TRUE;
}

/* Waits (as a coroutine) until the server has logged @n requests */
static gboolean
delay_until_requests (GhFakeServer  *server,
                      guint          n,
                      GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + scaled_ms (5000) * 1000;

  while (gh_fake_server_get_n_requests (server) < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!coro_delay (2, error))
        return FALSE;
    }

  return TRUE;
}

static gpointer
cancel_suspend_root (CoroJob   *scope,
                     gpointer   data,
                     GError   **error)
{
  SuspendCancel *cancel = data;
  g_autoptr(CoroJob) job = coro_launch (scope, suspend_users_child, cancel, NULL);

  if (!delay_until_requests (cancel->server, 1, error))
    return NULL;

  cancel->cancelled_at = g_get_monotonic_time ();
  coro_job_cancel (job);
  coro_job_join (job, NULL);

  delay_until_idle (cancel->client, error);
  return NULL;
}

/* Cancelling the coroutine cancels the request, promptly */
static void
test_cancel_suspend (Fixture       *fixture,
                     gconstpointer  data)
{
  SuspendCancel cancel = { fixture->server, fixture->client, NULL, NULL, 0, 0 };
  g_autoptr(GError) error = NULL;

  coro_run_blocking (cancel_suspend_root, &cancel, &error);
  g_assert_no_error (error);

  g_assert_null (cancel.response);
  g_assert_error (cancel.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancel.error);
  g_assert_cmpint (cancel.finished_at - cancel.cancelled_at, <, scaled_ms (100) * 1000);

  assert_client_went_away (fixture);
  g_assert_cmpuint (gh_client_get_requests_in_flight (fixture->client), ==, 0);
}

static gpointer
cancel_queued_suspend_root (CoroJob   *scope,
                            gpointer   data,
                            GError   **error)
{
  SuspendCancel *cancels = data;
  g_autoptr(CoroJob) first = coro_launch (scope, suspend_users_child, &cancels[0], NULL);
  g_autoptr(CoroJob) second = NULL;

  if (!delay_until_requests (cancels[0].server, 1, error))
    return NULL;

  /* The second waits on the coroutine semaphore: the limit is 1 */
  second = coro_launch (scope, suspend_users_child, &cancels[1], NULL);
  if (!coro_delay (20, error))
    return NULL;
  g_assert_cmpint (cancels[1].finished_at, ==, 0);

  cancels[1].cancelled_at = g_get_monotonic_time ();
  coro_job_cancel (second);
  coro_job_join (second, NULL);
  g_assert_cmpuint (gh_fake_server_get_n_requests (cancels[0].server), ==, 1);

  coro_job_cancel (first);
  coro_job_join (first, NULL);

  delay_until_idle (cancels[0].client, error);
  return NULL;
}

static void
test_cancel_suspend_queued (Fixture       *fixture,
                            gconstpointer  data)
{
  SuspendCancel cancels[2] = {
    { fixture->server, fixture->client, NULL, NULL, 0, 0 },
    { fixture->server, fixture->client, NULL, NULL, 0, 0 },
  };
  g_autoptr(GError) error = NULL;

  gh_client_set_max_requests (fixture->client, 1);
  coro_run_blocking (cancel_queued_suspend_root, cancels, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_null (cancels[i].response);
      g_assert_error (cancels[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&cancels[i].error);
    }
  g_assert_cmpint (cancels[1].finished_at - cancels[1].cancelled_at, <, scaled_ms (100) * 1000);

  assert_client_went_away (fixture);
  g_assert_cmpuint (gh_client_get_requests_in_flight (fixture->client), ==, 0);
}

/* A call still waiting for a slot leaves the queue at once */
static void
test_cancel_queued (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) first_cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) second_cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GhResponse) users = NULL;
  gint64 cancelled_at;

  gh_client_set_max_requests (fixture->client, 1);
  gh_service_get_repo_contributors_async (GH_SERVICE (fixture->client), "acme", "repo-0",
                                          first_cancellable, on_done, &first);
  gh_service_get_repo_contributors_async (GH_SERVICE (fixture->client), "acme", "repo-0",
                                          second_cancellable, on_done, &second);
  iterate_until_request_arrives (fixture);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (second_cancellable);
  wait_for_result (&second);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, scaled_ms (100) * 1000);
  users = gh_service_get_repo_contributors_finish (GH_SERVICE (fixture->client), second, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (first);
  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, 1);

  g_cancellable_cancel (first_cancellable);
  wait_for_result (&first);
  g_assert_cmpuint (gh_client_get_requests_in_flight (fixture->client), ==, 0);
  assert_client_went_away (fixture);
}

/* Threads */

typedef struct
{
  GhClient   *client;
  GPtrArray  *responses;
  GError     *error;
} WorkerLoad;

static gpointer
worker_load_thread (gpointer data)
{
  WorkerLoad *load = data;
  GhService *service = GH_SERVICE (load->client);
  g_autoptr(GhResponse) repos = gh_service_get_org_repos_sync (service, "org", NULL, &load->error);

  if (repos == NULL)
    return NULL;

  for (guint i = 0; i < gh_response_get_n_items (repos); i++)
    {
      GhResponse *users;

      users = gh_service_get_repo_contributors_sync (service, "org",
                                                     gh_repo_get_name (gh_response_get_repo (repos, i)),
                                                     NULL, &load->error);
      if (users == NULL)
        return NULL;
      g_ptr_array_add (load->responses, users);
    }

  return NULL;
}

/* The blocking style from worker threads (several at once, one shared
 * client) while the server runs on its own thread; the same data as the
 * callback style on this thread */
static void
test_threads_blocking_workers (Fixture       *fixture,
                               gconstpointer  data)
{
  WorkerLoad loads[4];
  GThread *threads[G_N_ELEMENTS (loads)];

  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    {
      loads[i] = (WorkerLoad) { fixture->client,
                                g_ptr_array_new_with_free_func ((GDestroyNotify) gh_response_unref),
                                NULL };
      threads[i] = g_thread_new ("loader", worker_load_thread, &loads[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (loads[i].error);
      g_assert_cmpuint (loads[i].responses->len, ==, 3);

      for (guint j = 0; j < 3; j++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *repo = g_strdup_printf ("repo-%u", j + 1);
          g_autoptr(GhResponse) users = fetch_users (GH_SERVICE (fixture->client), STYLE_CALLBACK,
                                                     "org", repo, NULL, &error);

          g_assert_no_error (error);
          g_assert_true (gh_response_equal_items (users, loads[i].responses->pdata[j]));
        }
      g_ptr_array_unref (loads[i].responses);
    }
}

typedef struct
{
  GhClient   *client;
  GThread    *callback_thread;
  GhResponse *response;
  GError     *error;
} ContextLoad;

static void
on_context_load_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ContextLoad *load = user_data;

  load->callback_thread = g_thread_self ();
  load->response = gh_service_get_org_repos_finish (GH_SERVICE (source), result, &load->error);
}

static gpointer
context_load_thread (gpointer data)
{
  ContextLoad *load = data;
  GMainContext *context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  gh_service_get_org_repos_async (GH_SERVICE (load->client), "org", NULL, on_context_load_done, load);
  while (load->callback_thread == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);

  return NULL;
}

typedef struct
{
  GMutex     lock;
  GPtrArray *threads;
} SeenThreads;

/* A page observer: which thread saw the page */
static void
record_thread (const char *url,
               gpointer    user_data)
{
  SeenThreads *seen = user_data;

  g_mutex_lock (&seen->lock);
  g_ptr_array_add (seen->threads, g_thread_self ());
  g_mutex_unlock (&seen->lock);
}

/* The callback style from threads with their own main contexts: each
 * callback runs on its caller's thread, and every request goes out on
 * one thread of the client's, none of the callers' */
static void
test_threads_callback_contexts (Fixture       *fixture,
                                gconstpointer  data)
{
  SeenThreads sent = { .threads = g_ptr_array_new () };
  GThread *callers[12];

  g_mutex_init (&sent.lock);
  _gh_client_set_send_observer (fixture->client, record_thread, &sent);

  for (guint i = 0; i < G_N_ELEMENTS (callers); i++)
    {
      ContextLoad load = { fixture->client, NULL, NULL, NULL };

      callers[i] = g_thread_new ("context-loader", context_load_thread, &load);
      g_thread_join (callers[i]);
      g_assert_true (load.callback_thread == callers[i]);
      g_assert_no_error (load.error);
      g_assert_cmpuint (gh_response_get_n_items (load.response), ==, 3);
      gh_response_unref (load.response);
    }

  _gh_client_set_send_observer (fixture->client, NULL, NULL);
  g_assert_cmpuint (sent.threads->len, ==, G_N_ELEMENTS (callers));
  for (guint i = 0; i < sent.threads->len; i++)
    {
      g_assert_true (sent.threads->pdata[i] == sent.threads->pdata[0]);
      g_assert_true (sent.threads->pdata[i] != g_thread_self ());
      for (guint j = 0; j < G_N_ELEMENTS (callers); j++)
        g_assert_true (sent.threads->pdata[i] != callers[j]);
    }
  g_ptr_array_unref (sent.threads);
  g_mutex_clear (&sent.lock);
}

/* The callback style parses its pages off the caller's thread, whose main
 * loop (the UI's) would otherwise stall through a burst of answers; the
 * blocking style has its caller's thread to itself */
static void
test_threads_parse_off_caller (Fixture       *fixture,
                               gconstpointer  data)
{
  SeenThreads seen = { .threads = g_ptr_array_new () };
  GhResponse *response;
  GError *error = NULL;

  g_mutex_init (&seen.lock);
  _gh_client_set_parse_observer (fixture->client, record_thread, &seen);

  response = fetch_users (GH_SERVICE (fixture->client), STYLE_CALLBACK, "acme", "repo-0", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gh_response_get_n_pages (response), ==, 3);
  gh_response_unref (response);

  g_assert_cmpuint (seen.threads->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (seen.threads->pdata[i] != g_thread_self ());

  response = fetch_users (GH_SERVICE (fixture->client), STYLE_BLOCKING, "acme", "repo-0", NULL, &error);
  g_assert_no_error (error);
  gh_response_unref (response);

  g_assert_cmpuint (seen.threads->len, ==, 6);
  for (guint i = 3; i < 6; i++)
    g_assert_true (seen.threads->pdata[i] == g_thread_self ());

  _gh_client_set_parse_observer (fixture->client, NULL, NULL);
  g_ptr_array_unref (seen.threads);
  g_mutex_clear (&seen.lock);
}

/* The in-flight limit */

#define N_SLOW_REPOS 20
#define LIMIT 4

/* Outcomes */

#define N_BURST 100

static void
fixture_set_up_burst (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GhDataset) dataset = make_dataset ("acme", N_BURST, 200, 3);

  fixture_set_up_with_dataset (fixture, dataset, 1.0);
  gh_client_set_max_requests (fixture->client, N_BURST);
}

static void
start_burst (Fixture       *fixture,
             GAsyncResult **results)
{
  for (guint i = 0; i < N_BURST; i++)
    {
      g_autofree char *repo = g_strdup_printf ("repo-%u", i);

      gh_service_get_repo_contributors_async (GH_SERVICE (fixture->client), "acme", repo,
                                              NULL, on_done, &results[i]);
    }
}

static guint
count_results (GAsyncResult **results)
{
  guint n = 0;

  for (guint i = 0; i < N_BURST; i++)
    n += results[i] != NULL;
  return n;
}

static void
finish_burst (Fixture       *fixture,
              GAsyncResult **results)
{
  for (guint i = 0; i < N_BURST; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) users = gh_service_get_repo_contributors_finish (GH_SERVICE (fixture->client),
                                                                             results[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_n_items (users), ==, 3);
      g_object_unref (results[i]);
    }
}

/* The callback style's requests are sent, answered, read and parsed with
 * the caller's main context stalled, as a window's is while it paints;
 * then the whole burst reaches the caller in one wake-up */
static void
test_outcomes_while_stalled (Fixture       *fixture,
                             gconstpointer  data)
{
  GAsyncResult *results[N_BURST] = { NULL, };
  GMainContext *context = g_main_context_get_thread_default ();
  gint64 deadline = g_get_monotonic_time () + scaled_ms (20000) * 1000;

  start_burst (fixture, results);

  /* Not one iteration of the caller's context from here */
  while (_gh_client_get_n_waiting_outcomes (fixture->client, context) < N_BURST)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (2000);
    }
  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, N_BURST);
  g_assert_cmpuint (count_results (results), ==, 0);

  g_assert_true (g_main_context_iteration (context, FALSE));
  g_assert_cmpuint (count_results (results), ==, N_BURST);
  g_assert_cmpuint (_gh_client_get_n_waiting_outcomes (fixture->client, context), ==, 0);

  finish_burst (fixture, results);
}

/* With the caller's context free to run, a burst still wakes it at most
 * once a frame, and the last outcome at once */
static void
test_outcomes_once_a_frame (Fixture       *fixture,
                            gconstpointer  data)
{
  GAsyncResult *results[N_BURST] = { NULL, };
  GMainContext *context = g_main_context_get_thread_default ();
  gint64 first = 0, last = 0;
  guint n_wake_ups = 0, n_done = 0;

  start_burst (fixture, results);

  while (n_done < N_BURST)
    {
      guint before = n_done;

      g_main_context_iteration (context, TRUE);
      n_done = count_results (results);
      if (n_done == before)
        continue;

      n_wake_ups++;
      last = g_get_monotonic_time ();
      if (first == 0)
        first = last;
    }

  /* One for the first answer, one for the last, one a frame between */
  g_assert_cmpint (n_wake_ups, <=, 2 + (last - first) / (16 * G_TIME_SPAN_MILLISECOND));

  finish_burst (fixture, results);
}

/* Deadlines */

static void
fixture_set_up_trickle (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GhDataset) dataset = make_dataset ("acme", 1, 0, 50);

  fixture_set_up_with_dataset (fixture, dataset, 1.0);
}

static void
iterate_until_server_idle (Fixture *fixture)
{
  GSource *ticker = g_timeout_source_new (2);
  gint64 deadline = g_get_monotonic_time () + scaled_ms (2000) * 1000;

  g_source_set_callback (ticker, wake_up, NULL, NULL);
  g_source_attach (ticker, fixture->context);
  while (gh_fake_server_get_in_flight (fixture->server) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (fixture->context, TRUE);
    }
  g_source_destroy (ticker);
  g_source_unref (ticker);
}

/* A server that sends a byte every 200 ms keeps libsoup's idle timeout
 * from ever firing: the 3 KiB page would take ten minutes. The request's
 * own deadline ends it, in every style, as a timeout rather than a
 * cancellation, and the client goes on working. */
static void
test_deadline_trickle (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *url = users_url (fixture, "acme", "repo-0");

  fixture_replace_client (fixture, GH_CLIENT_DEFAULT_MAX_PAGES, 1, TEST_RETRY_BASE_MS,
                          GH_HTTP_LOG_NONE);

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GhResponse) users = NULL;
      g_autoptr(GhResponse) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) again_error = NULL;
      gint64 started = g_get_monotonic_time ();
      gint64 elapsed_ms;

      add_fault (fixture, "/repos/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_TRICKLE,
                                                       .chunk_size = 1, .interval_ms = 200 });
      users = fetch_users (GH_SERVICE (fixture->client), style, "acme", "repo-0", NULL, &error);
      elapsed_ms = (g_get_monotonic_time () - started) / 1000;

      g_test_message ("%s: %s after %" G_GINT64_FORMAT " ms", style_names[style],
                      error != NULL ? error->message : "no error", elapsed_ms);
      g_assert_null (users);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      assert_mentions (error, url);
      assert_mentions (error, "after 1 second");
      g_assert_cmpint (elapsed_ms, >=, 900);
      g_assert_cmpint (elapsed_ms, <, scaled_ms (3000));

      /* The request is gone (the callback style closes its connection on
       * the caller's context; the suspend style's context is gone with
       * coro_run_blocking()), its slot free, and the next one loads */
      g_assert_cmpuint (gh_client_get_requests_in_flight (fixture->client), ==, 0);
      if (style != STYLE_SUSPEND)
        iterate_until_server_idle (fixture);
      gh_fake_server_clear_faults (fixture->server);
      again = fetch_users (GH_SERVICE (fixture->client), style, "acme", "repo-0", NULL,
                           &again_error);
      g_assert_no_error (again_error);
      g_assert_cmpuint (gh_response_get_n_items (again), ==, 50);
    }
}

static void
fixture_set_up_many_slow (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GhDataset) dataset = make_dataset ("acme", N_SLOW_REPOS, 150, 3);

  fixture_set_up_with_dataset (fixture, dataset, 1.0);
}

static void
test_limit_callback (Fixture       *fixture,
                     gconstpointer  data)
{
  GAsyncResult *results[N_SLOW_REPOS] = { NULL, };
  guint n_done = 0;

  gh_client_set_max_requests (fixture->client, LIMIT);

  for (guint i = 0; i < N_SLOW_REPOS; i++)
    {
      g_autofree char *repo = g_strdup_printf ("repo-%u", i);

      gh_service_get_repo_contributors_async (GH_SERVICE (fixture->client), "acme", repo, NULL,
                                              on_done, &results[i]);
    }

  while (n_done < N_SLOW_REPOS)
    {
      g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
      g_assert_cmpuint (gh_client_get_requests_in_flight (fixture->client), <=, LIMIT);

      n_done = 0;
      for (guint i = 0; i < N_SLOW_REPOS; i++)
        n_done += results[i] != NULL;
    }

  for (guint i = 0; i < N_SLOW_REPOS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) users = gh_service_get_repo_contributors_finish (GH_SERVICE (fixture->client),
                                                                             results[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_n_items (users), ==, 3);
      g_object_unref (results[i]);
    }

  /* Never more than the limit, and the limit (not libsoup's own per-host
   * cap of 2) is what held them back */
  g_assert_cmpuint (gh_fake_server_get_peak_in_flight (fixture->server), ==, LIMIT);
}

typedef struct
{
  GhClient *client;
  guint     first;
  guint     n_failures;
} LimitWorker;

static gpointer
limit_worker_thread (gpointer data)
{
  LimitWorker *worker = data;

  for (guint i = worker->first; i < N_SLOW_REPOS; i += 5)
    {
      g_autofree char *repo = g_strdup_printf ("repo-%u", i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) users = NULL;

      users = gh_service_get_repo_contributors_sync (GH_SERVICE (worker->client), "acme", repo,
                                                     NULL, &error);
      if (users == NULL || gh_response_get_n_items (users) != 3)
        worker->n_failures++;
    }

  return NULL;
}

static void
test_limit_blocking (Fixture       *fixture,
                     gconstpointer  data)
{
  LimitWorker workers[5];
  GThread *threads[G_N_ELEMENTS (workers)];

  gh_client_set_max_requests (fixture->client, LIMIT);

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      workers[i] = (LimitWorker) { fixture->client, i, 0 };
      threads[i] = g_thread_new ("limit-worker", limit_worker_thread, &workers[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].n_failures, ==, 0);
    }

  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, N_SLOW_REPOS);
  g_assert_cmpuint (gh_fake_server_get_peak_in_flight (fixture->server), ==, LIMIT);
}

typedef struct
{
  GhClient *client;
  guint     index;
  guint     n_failures;
} LimitCoroutine;

static gpointer
limit_coroutine (CoroJob   *scope,
                 gpointer   data,
                 GError   **error)
{
  LimitCoroutine *coroutine = data;
  g_autofree char *repo = g_strdup_printf ("repo-%u", coroutine->index);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GhResponse) users = NULL;

  users = gh_service_get_repo_contributors_suspend (GH_SERVICE (coroutine->client), "acme", repo,
                                                    &local_error);
  if (users == NULL || gh_response_get_n_items (users) != 3)
    coroutine->n_failures++;

  return NULL;
}

static gpointer
limit_suspend_root (CoroJob   *scope,
                    gpointer   data,
                    GError   **error)
{
  LimitCoroutine *coroutines = data;

  /* The scope waits for its children */
  for (guint i = 0; i < N_SLOW_REPOS; i++)
    coro_job_unref (coro_launch (scope, limit_coroutine, &coroutines[i], NULL));

  return NULL;
}

static void
test_limit_suspend (Fixture       *fixture,
                    gconstpointer  data)
{
  LimitCoroutine coroutines[N_SLOW_REPOS];
  g_autoptr(GError) error = NULL;

  gh_client_set_max_requests (fixture->client, LIMIT);

  for (guint i = 0; i < N_SLOW_REPOS; i++)
    coroutines[i] = (LimitCoroutine) { fixture->client, i, 0 };

  coro_run_blocking (limit_suspend_root, coroutines, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_SLOW_REPOS; i++)
    g_assert_cmpuint (coroutines[i].n_failures, ==, 0);

  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, N_SLOW_REPOS);
  g_assert_cmpuint (gh_fake_server_get_peak_in_flight (fixture->server), ==, LIMIT);
}

/* Above GitHub's 100: servers other than GitHub's cloud may take more
 * requests at once than api.github.com would. The answers never come in
 * time (a minute): each test waits until all requests are at the server
 * at once, however slow the build, then cancels them. */

#define N_MANY_REPOS 200
#define MANY_LIMIT 300
/* Calls of three pages each, on the paged fixture */
#define N_PAGED_CALLS 200

static void
fixture_set_up_many_at_once (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GhDataset) dataset = make_dataset ("acme", N_MANY_REPOS, 60000, 3);

  fixture_set_up_with_dataset (fixture, dataset, 1.0);
}

static void
start_many_callback (Fixture       *fixture,
                     GCancellable  *cancellable,
                     GAsyncResult **results)
{
  gh_client_set_max_requests (fixture->client, MANY_LIMIT);
  g_assert_cmpuint (gh_client_get_effective_max_requests (fixture->client), ==, MANY_LIMIT);

  for (guint i = 0; i < N_MANY_REPOS; i++)
    {
      g_autofree char *repo = g_strdup_printf ("repo-%u", i);

      gh_service_get_repo_contributors_async (GH_SERVICE (fixture->client), "acme", repo,
                                              cancellable, on_done, &results[i]);
    }
}

static void
wait_many_at_server (Fixture *fixture,
                     gint64   deadline)
{
  while (gh_fake_server_get_in_flight (fixture->server) < N_MANY_REPOS)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (g_main_context_get_thread_default (), FALSE);
      g_usleep (1000);
    }
}

static void
cancel_many_callback (Fixture       *fixture,
                      GCancellable  *cancellable,
                      GAsyncResult **results)
{
  guint n_done = 0;

  g_cancellable_cancel (cancellable);
  while (n_done < N_MANY_REPOS)
    {
      g_main_context_iteration (g_main_context_get_thread_default (), TRUE);

      n_done = 0;
      for (guint i = 0; i < N_MANY_REPOS; i++)
        n_done += results[i] != NULL;
    }

  for (guint i = 0; i < N_MANY_REPOS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) users = gh_service_get_repo_contributors_finish (GH_SERVICE (fixture->client),
                                                                             results[i], &error);

      g_assert_null (users);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_object_unref (results[i]);
    }

  g_assert_true (gh_fake_server_wait_idle (fixture->server, scaled_ms (5000)));
  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, N_MANY_REPOS);
}

static void
test_limit_above_github_callback (Fixture       *fixture,
                                  gconstpointer  data)
{
  GAsyncResult *results[N_MANY_REPOS] = { NULL, };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  start_many_callback (fixture, cancellable, results);

  /* Neither the client nor libsoup's connection limits hold them to
   * GitHub's 100 (nor does the server's accept queue) */
  wait_many_at_server (fixture, g_get_monotonic_time () + scaled_ms (10000) * 1000);
  g_assert_cmpuint (gh_client_get_requests_in_flight (fixture->client), ==, N_MANY_REPOS);

  cancel_many_callback (fixture, cancellable, results);
}

/* On the I/O thread, as each page goes to libsoup. A call's first page
 * takes 5 ms more, which makes 200 of them take a second: long enough for
 * another call's answer to be parsed while they wait to go out, even
 * under AddressSanitizer on a busy machine (2 ms was not, once). */
static void
record_send_slowly (const char *url,
                    gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (url));
  if (strstr (url, "&page=") == NULL)
    g_usleep (5000);
}

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean released;
} Gate;

/* On a parser thread: the first page of repo-0 waits for the gate */
static void
hold_first_parse (const char *url,
                  gpointer    user_data)
{
  Gate *gate = user_data;

  if (strstr (url, "/repo-0/") == NULL || strstr (url, "&page=") != NULL)
    return;

  g_mutex_lock (&gate->lock);
  while (!gate->released)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}

/* Continuing a call goes before starting one: a load waits for its
 * longest chain of pages, which must not queue behind every other
 * repository's first page at each step */
static void
test_next_pages_first (Fixture       *fixture,
                       gconstpointer  data)
{
  GAsyncResult *results[N_PAGED_CALLS] = { NULL, };
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  GMainContext *context = g_main_context_get_thread_default ();
  guint n_done = 0, first_next = G_MAXUINT, last_first = 0;
  Gate gate = { .released = FALSE };

  gh_client_set_max_requests (fixture->client, MANY_LIMIT);
  _gh_client_set_send_observer (fixture->client, record_send_slowly, sent);

  /* One call's first page is answered, and waits to be parsed, while the
   * others' first pages are queued; they then go out slowly enough (see
   * record_send_slowly()) for its next page to be queued among them */
  _gh_client_set_parse_observer (fixture->client, hold_first_parse, &gate);
  for (guint i = 0; i < N_PAGED_CALLS; i++)
    {
      g_autofree char *repo = g_strdup_printf ("repo-%u", i);

      gh_service_get_repo_contributors_async (GH_SERVICE (fixture->client), "acme", repo, NULL,
                                              on_done, &results[i]);
      /* Requests go out on the client's thread, not on this context */
      while (i == 0 && gh_fake_server_get_n_requests (fixture->server) == 0)
        g_usleep (1000);
    }
  g_mutex_lock (&gate.lock);
  gate.released = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);

  while (n_done < N_PAGED_CALLS)
    {
      g_main_context_iteration (context, TRUE);

      n_done = 0;
      for (guint i = 0; i < N_PAGED_CALLS; i++)
        n_done += results[i] != NULL;
    }

  for (guint i = 0; i < N_PAGED_CALLS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) users = gh_service_get_repo_contributors_finish (GH_SERVICE (fixture->client),
                                                                             results[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (gh_response_get_n_pages (users), ==, 3);
      g_object_unref (results[i]);
    }

  g_assert_cmpuint (sent->len, ==, 3 * N_PAGED_CALLS);
  for (guint i = 0; i < sent->len; i++)
    {
      if (strstr (sent->pdata[i], "&page=") == NULL)
        last_first = i;
      else
        first_next = MIN (first_next, i);
    }
  g_assert_cmpuint (first_next, <, last_first);

  _gh_client_set_send_observer (fixture->client, NULL, NULL);
  _gh_client_set_parse_observer (fixture->client, NULL, NULL);
}

typedef struct
{
  GhClient *client;
  guint     index;
  GError   *error;
} ManyChild;

static gpointer
many_child (CoroJob   *scope,
            gpointer   data,
            GError   **error)
{
  ManyChild *child = data;
  g_autofree char *repo = g_strdup_printf ("repo-%u", child->index);
  g_autoptr(GhResponse) users = NULL;

  users = gh_service_get_repo_contributors_suspend (GH_SERVICE (child->client), "acme", repo,
                                                    &child->error);
  g_assert_null (users);

  return NULL;
}

typedef struct
{
  GhFakeServer *server;
  GhClient     *client;
  ManyChild     children[N_MANY_REPOS];
} ManyAtOnce;

static gpointer
many_suspend_root (CoroJob   *scope,
                   gpointer   data,
                   GError   **error)
{
  ManyAtOnce *many = data;
  CoroJob *jobs[N_MANY_REPOS];
  gint64 deadline = g_get_monotonic_time () + scaled_ms (10000) * 1000;

  for (guint i = 0; i < N_MANY_REPOS; i++)
    jobs[i] = coro_launch (scope, many_child, &many->children[i], NULL);

  /* The coroutines' queue is sized like the limit too */
  while (gh_fake_server_get_in_flight (many->server) < N_MANY_REPOS)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!coro_delay (2, error))
        break;
    }

  for (guint i = 0; i < N_MANY_REPOS; i++)
    coro_job_cancel (jobs[i]);
  for (guint i = 0; i < N_MANY_REPOS; i++)
    {
      coro_job_join (jobs[i], NULL);
      coro_job_unref (jobs[i]);
    }

  delay_until_idle (many->client, error);
  return NULL;
}

static void
test_limit_above_github_suspend (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree ManyAtOnce *many = g_new0 (ManyAtOnce, 1);
  g_autoptr(GError) error = NULL;

  gh_client_set_max_requests (fixture->client, MANY_LIMIT);

  many->server = fixture->server;
  many->client = fixture->client;
  for (guint i = 0; i < N_MANY_REPOS; i++)
    many->children[i] = (ManyChild) { fixture->client, i, NULL };

  coro_run_blocking (many_suspend_root, many, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_MANY_REPOS; i++)
    {
      g_assert_error (many->children[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&many->children[i].error);
    }

  g_assert_true (gh_fake_server_wait_idle (fixture->server, scaled_ms (5000)));
  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, N_MANY_REPOS);
}

#define N_CYCLE_CALLS 8
#define N_CYCLE_CANCELLED 2

static guint
count_open_descriptors (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
iterate_for (Fixture *fixture,
             guint    ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (fixture->context, FALSE))
        ;
      g_usleep (1000);
    }
}

/* One load as the window makes it, with a client of its own: the list of
 * repositories comes in, the contributors are cancelled while the server
 * holds them back, and the client goes, closing its keep-alive
 * connections */
static void
load_and_cancel (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhClient) client = gh_client_new (fixture->base, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *results[N_CYCLE_CALLS] = { NULL, };
  gint64 deadline = g_get_monotonic_time () + scaled_ms (5000) * 1000;
  GSource *ticker = g_timeout_source_new (2);

  g_assert_no_error (error);

  /* At once, so that each has a connection of its own */
  for (guint i = 0; i < N_CYCLE_CALLS; i++)
    gh_service_get_org_repos_async (GH_SERVICE (client), "acme", NULL, on_done, &results[i]);
  for (guint i = 0; i < N_CYCLE_CALLS; i++)
    {
      g_autoptr(GhResponse) repos = NULL;

      wait_for_result (&results[i]);
      repos = gh_service_get_org_repos_finish (GH_SERVICE (client), results[i], &error);
      g_assert_no_error (error);
      g_clear_object (&results[i]);
    }

  for (guint i = 0; i < N_CYCLE_CANCELLED; i++)
    gh_service_get_repo_contributors_async (GH_SERVICE (client), "acme", "repo-0", cancellable,
                                            on_done, &results[i]);
  g_source_set_callback (ticker, wake_up, NULL, NULL);
  g_source_attach (ticker, fixture->context);
  while (gh_fake_server_get_in_flight (fixture->server) < N_CYCLE_CANCELLED)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (fixture->context, TRUE);
    }
  g_source_destroy (ticker);
  g_source_unref (ticker);

  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < N_CYCLE_CANCELLED; i++)
    {
      g_autoptr(GhResponse) users = NULL;

      wait_for_result (&results[i]);
      users = gh_service_get_repo_contributors_finish (GH_SERVICE (client), results[i], &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_clear_object (&results[i]);
    }

  g_assert_true (gh_fake_server_wait_idle (fixture->server, scaled_ms (2000)));
  /* Long enough for the server to wait for the next request on each
   * keep-alive connection, which is when libsoup 3.2 misses its end */
  iterate_for (fixture, 50);
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Closing what the clients gave up takes the server a moment */
static guint
settled_descriptors (Fixture *fixture,
                     guint    at_most)
{
  gint64 deadline = g_get_monotonic_time () + scaled_ms (2000) * 1000;
  guint n;

  while ((n = count_open_descriptors ()) > at_most && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (fixture->context, FALSE))
        ;
      g_usleep (5 * 1000);
    }

  return n;
}

/* The server must close the connections that clients abandon, those
 * waiting for an answer and the keep-alive ones: the window runs it in its
 * own process, for as many loads as its user makes */
static void
test_cancel_cycles (Fixture       *fixture,
                    gconstpointer  data)
{
  guint warm;
  guint after;

  g_test_summary ("A connection a client abandons costs the server no descriptor for good");

  /* The server's threads and the client's are all there by then */
  for (guint i = 0; i < 5; i++)
    load_and_cancel (fixture);
  iterate_for (fixture, 100);
  warm = count_open_descriptors ();

  for (guint i = 0; i < 40; i++)
    load_and_cancel (fixture);
  after = settled_descriptors (fixture, warm + 4);

  g_test_message ("%u descriptors open after 5 loads, %u after 45", warm, after);
  /* libsoup alone keeps every keep-alive connection the client closed:
   * three a load here, 120 in all */
  g_assert_cmpuint (after, <=, warm + 4);
}

/* Retries */

#define RETRY_PATH "/repos/org/repo-1/contributors"

/* Each style starts with a fresh @fault, since one with .times is used up */
static void
retry_style_set_up (Fixture           *fixture,
                    const GhFakeFault *fault)
{
  gh_fake_server_clear_faults (fixture->server);
  gh_fake_server_clear_log (fixture->server);
  add_fault (fixture, RETRY_PATH, fault);
}

static void
test_retry_then_ok (Fixture       *fixture,
                    gconstpointer  data)
{
  g_test_summary ("A 503 is retried twice at most: a third answer of 200 succeeds");

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) response = NULL;

      retry_style_set_up (fixture, &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 503,
                                                    .times = 2 });
      response = fetch_users (GH_SERVICE (fixture->client), style, "org", "repo-1", NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (response);
      g_assert_cmpuint (gh_response_get_n_items (response), >, 0);
      g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, RETRY_PATH), ==, 3);
    }
}

static void
test_retry_gives_up (Fixture       *fixture,
                     gconstpointer  data)
{
  for (Style style = 0; style < N_STYLES; style++)
    {
      retry_style_set_up (fixture, &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 502 });
      assert_users_error (fixture, style, "repo-1", GH_ERROR_SERVER_ERROR, "HTTP 502 Bad Gateway");
      g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, RETRY_PATH), ==, 3);

      retry_style_set_up (fixture, &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 504 });
      assert_users_error (fixture, style, "repo-1", GH_ERROR_SERVER_ERROR, "HTTP 504");
      g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, RETRY_PATH), ==, 3);
    }
}

static void
test_retry_not_500 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_test_summary ("A 500 is not retried, so the demo's failing repository still fails");

  for (Style style = 0; style < N_STYLES; style++)
    {
      retry_style_set_up (fixture, &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 500 });
      assert_users_error (fixture, style, "repo-1", GH_ERROR_SERVER_ERROR, "HTTP 500");
      g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, RETRY_PATH), ==, 1);

      /* Nor a primary rate limit, which has no Retry-After */
      retry_style_set_up (fixture, &(GhFakeFault) { .kind = GH_FAKE_FAULT_RATE_LIMIT,
                                                    .status = 429 });
      assert_users_error (fixture, style, "repo-1", GH_ERROR_RATE_LIMITED, "HTTP 429");
      g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, RETRY_PATH), ==, 1);
    }
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  g_test_summary ("A Retry-After of a second is waited out in full, then the request retried");

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) response = NULL;
      gint64 start;

      retry_style_set_up (fixture, &(GhFakeFault) { .kind = GH_FAKE_FAULT_RATE_LIMIT,
                                                    .status = 429, .retry_after_s = 1,
                                                    .times = 1 });
      start = g_get_monotonic_time ();
      response = fetch_users (GH_SERVICE (fixture->client), style, "org", "repo-1", NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (response);
      g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
      g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, RETRY_PATH), ==, 2);
    }
}

static void
test_retry_after_too_long (Fixture       *fixture,
                           gconstpointer  data)
{
  g_test_summary ("A Retry-After beyond a minute fails at once, saying when to try again");

  for (Style style = 0; style < N_STYLES; style++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start;

      retry_style_set_up (fixture, &(GhFakeFault) { .kind = GH_FAKE_FAULT_RATE_LIMIT,
                                                    .status = 403, .retry_after_s = 120 });
      start = g_get_monotonic_time ();
      error = users_error (fixture, style, "repo-1", GH_ERROR_RATE_LIMITED,
                           "Try again in 2 minutes.");
      g_assert_cmpint (g_get_monotonic_time () - start, <, scaled_ms (1000) * 1000);
      g_assert_cmpint (gh_error_get_retry_after (error), ==, 120);
      g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, RETRY_PATH), ==, 1);
    }
}

/* A backoff far longer than any test: only a cancellation ends it */
static void
fixture_set_up_retry_cancel (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GhDataset) dataset = make_dataset ("acme", 1, 0, 2);

  fixture_set_up_with_dataset (fixture, dataset, 0.0);
  fixture_replace_client (fixture, GH_CLIENT_DEFAULT_MAX_PAGES, GH_CLIENT_DEFAULT_REQUEST_TIMEOUT,
                          GH_CLIENT_MAX_RETRY_BASE_MS, GH_HTTP_LOG_NONE);
  add_fault (fixture, "/repos/*", &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 503 });
}

/* The first answer is in and handled: the call is waiting to retry */
static gboolean
waiting_to_retry (Fixture *fixture)
{
  return gh_fake_server_get_n_requests (fixture->server) == 1 &&
         gh_client_get_requests_in_flight (fixture->client) == 0;
}

static void
test_retry_cancel_blocking (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BlockingCall call = { fixture->client, cancellable, NULL, NULL, 0 };
  gint64 deadline = g_get_monotonic_time () + scaled_ms (5000) * 1000;
  GThread *thread;
  gint64 cancelled_at;

  thread = g_thread_new ("blocking-call", blocking_call_thread, &call);
  g_assert_true (gh_fake_server_wait_for_requests (fixture->server, 1, scaled_ms (5000)));
  while (!waiting_to_retry (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (2000);
    }
  g_usleep (20000);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);

  g_assert_cmpint (call.finished_at - cancelled_at, <, scaled_ms (100) * 1000);
  g_assert_null (call.response);
  g_assert_error (call.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&call.error);
  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, 1);
}

static void
test_retry_cancel_callback (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GhResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GSource *ticker = g_timeout_source_new (2);
  gint64 deadline = g_get_monotonic_time () + scaled_ms (5000) * 1000;
  gint64 cancelled_at;

  gh_service_get_repo_contributors_async (GH_SERVICE (fixture->client), "acme", "repo-0",
                                          cancellable, on_done, &result);
  g_source_set_callback (ticker, wake_up, NULL, NULL);
  g_source_attach (ticker, fixture->context);
  while (!waiting_to_retry (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (fixture->context, TRUE);
    }
  g_source_destroy (ticker);
  g_source_unref (ticker);
  g_assert_null (result);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  wait_for_result (&result);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, scaled_ms (100) * 1000);

  response = gh_service_get_repo_contributors_finish (GH_SERVICE (fixture->client), result,
                                                      &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, 1);
}

static gpointer
retry_cancel_suspend_root (CoroJob   *scope,
                           gpointer   data,
                           GError   **error)
{
  SuspendCancel *cancel = data;
  g_autoptr(CoroJob) job = coro_launch (scope, suspend_users_child, cancel, NULL);

  /* The request is answered once its slot is given back */
  if (!delay_until_requests (cancel->server, 1, error) ||
      !delay_until_idle (cancel->client, error) ||
      !coro_delay (20, error))
    return NULL;
  g_assert_null (cancel->error);

  cancel->cancelled_at = g_get_monotonic_time ();
  coro_job_cancel (job);
  coro_job_join (job, NULL);

  return NULL;
}

static void
test_retry_cancel_suspend (Fixture       *fixture,
                           gconstpointer  data)
{
  SuspendCancel cancel = { fixture->server, fixture->client, NULL, NULL, 0, 0 };
  g_autoptr(GError) error = NULL;

  coro_run_blocking (retry_cancel_suspend_root, &cancel, &error);
  g_assert_no_error (error);

  g_assert_null (cancel.response);
  g_assert_error (cancel.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancel.error);
  g_assert_cmpint (cancel.finished_at - cancel.cancelled_at, <, scaled_ms (100) * 1000);
  g_assert_cmpuint (gh_fake_server_get_n_requests (fixture->server), ==, 1);
}

/* Rate limit */

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 reset = g_get_real_time () / G_USEC_PER_SEC + 600;

  g_test_summary ("GET /rate_limit reads the core quota, which reading it does not use up");

  gh_fake_server_set_rate_limit (fixture->server, 60, 7, reset);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      GhRateLimit rate_limit = { 0 };

      g_assert_true (gh_client_get_rate_limit_sync (fixture->client, &rate_limit, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rate_limit.limit, ==, 60);
      g_assert_cmpint (rate_limit.remaining, ==, 7);
      g_assert_cmpint (rate_limit.reset, ==, reset);

      memset (&rate_limit, 0, sizeof rate_limit);
      gh_client_get_rate_limit_async (fixture->client, NULL, on_done, &result);
      wait_for_result (&result);
      g_assert_true (gh_client_get_rate_limit_finish (fixture->client, result, &rate_limit,
                                                      &error));
      g_assert_no_error (error);
      g_assert_cmpint (rate_limit.limit, ==, 60);
      g_assert_cmpint (rate_limit.remaining, ==, 7);
      g_assert_cmpint (rate_limit.reset, ==, reset);

      /* The worker thread lets go of the task (and the client) just
       * after the callback has been queued */
      g_object_add_weak_pointer (G_OBJECT (result), (gpointer *) &result);
      g_object_unref (result);
      while (g_atomic_pointer_get (&result) != NULL)
        g_usleep (1000);
    }

  g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, "/rate_limit"), ==, 4);
}

static void
test_rate_limit_error (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GhRateLimit rate_limit = { 0 };

  /* What an Enterprise Server with rate limits disabled answers */
  add_fault (fixture, "/rate_limit", &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 404,
                                                      .message = "Rate limiting is not enabled." });
  g_assert_false (gh_client_get_rate_limit_sync (fixture->client, &rate_limit, NULL, &error));
  g_assert_error (error, GH_ERROR, GH_ERROR_NOT_FOUND);
  assert_mentions (error, "rate_limit");
  g_clear_error (&error);

  gh_fake_server_clear_faults (fixture->server);
  add_fault (fixture, "/rate_limit", &(GhFakeFault) { .kind = GH_FAKE_FAULT_BODY,
                                                      .body = "{\"resources\": {}}" });
  g_assert_false (gh_client_get_rate_limit_sync (fixture->client, &rate_limit, NULL, &error));
  g_assert_error (error, GH_ERROR, GH_ERROR_INVALID_RESPONSE);
}

static void
fixture_set_up_paged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GhDataset) dataset = make_dataset ("acme", 250, 0, 201);

  fixture_set_up_with_dataset (fixture, dataset, 0.0);
}

#define ADD(path, setup, func) \
  g_test_add (path, Fixture, NULL, setup, func, fixture_tear_down)
#define ADD_DATA(path, dataset, func) \
  g_test_add (path, Fixture, dataset, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (capturing_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  /* When a client resets a connection the fake server has not looked at
   * yet (it stops reading a body, cancels, or drops a connection the
   * server answered with an error), libsoup 3.2 warns on the server's
   * thread that it "could not get remote address"; it happens in any test
   * here, now and then. That is the server's business, not the client's
   * under test: warnings are not fatal in this program, criticals are. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  ADD_DATA ("/github/client/styles/tutorial", NULL, test_styles_tutorial);
  ADD_DATA ("/github/client/styles/demo", "demo", test_styles_demo);
  ADD_DATA ("/github/client/headers", NULL, test_headers);
  ADD_DATA ("/github/client/escaping", NULL, test_escaping);

  ADD ("/github/client/pagination/id-based", fixture_set_up_paged, test_pagination_id_based);
  ADD ("/github/client/pagination/cap", fixture_set_up_paged, test_pagination_cap);
  ADD_DATA ("/github/client/pagination/cross-origin", NULL, test_pagination_cross_origin);
  ADD_DATA ("/github/client/pagination/loop", NULL, test_pagination_loop);
  ADD_DATA ("/github/client/pagination/bad-host", NULL, test_pagination_bad_host);
  ADD_DATA ("/github/client/pagination/comma", NULL, test_pagination_comma);

  ADD_DATA ("/github/client/redirect/same-origin", NULL, test_redirect_same_origin);
  ADD_DATA ("/github/client/redirect/cross-origin", NULL, test_redirect_cross_origin);
  ADD_DATA ("/github/client/redirect/loop", NULL, test_redirect_loop);
  ADD_DATA ("/github/client/redirect/bad-host", NULL, test_redirect_bad_host);

  ADD_DATA ("/github/client/status/204-empty", "demo", test_status_204);
  ADD_DATA ("/github/client/status/401-bad-credentials", NULL, test_status_401);
  ADD_DATA ("/github/client/status/401-echoes-token", NULL, test_status_401_echo);
  ADD_DATA ("/github/client/status/403-rate-limit", NULL, test_status_rate_limit_primary);
  ADD_DATA ("/github/client/status/403-secondary-rate-limit", NULL, test_status_rate_limit_secondary);
  ADD_DATA ("/github/client/status/429-rate-limit", NULL, test_status_429);
  ADD_DATA ("/github/client/status/403-forbidden", NULL, test_status_403_forbidden);
  ADD_DATA ("/github/client/status/404-not-found", NULL, test_status_404);
  ADD_DATA ("/github/client/status/451-legal", NULL, test_status_451);
  ADD_DATA ("/github/client/status/5xx-server-error", NULL, test_status_5xx);
  ADD_DATA ("/github/client/status/other", NULL, test_status_other);
  ADD_DATA ("/github/client/retry/then-ok", NULL, test_retry_then_ok);
  ADD_DATA ("/github/client/retry/gives-up", NULL, test_retry_gives_up);
  ADD_DATA ("/github/client/retry/not-500", NULL, test_retry_not_500);
  ADD_DATA ("/github/client/retry/retry-after", NULL, test_retry_after);
  ADD_DATA ("/github/client/retry/retry-after-too-long", NULL, test_retry_after_too_long);
  ADD ("/github/client/retry/cancel/blocking", fixture_set_up_retry_cancel,
       test_retry_cancel_blocking);
  ADD ("/github/client/retry/cancel/callback", fixture_set_up_retry_cancel,
       test_retry_cancel_callback);
  ADD ("/github/client/retry/cancel/suspend", fixture_set_up_retry_cancel,
       test_retry_cancel_suspend);
  ADD_DATA ("/github/client/rate-limit/read", NULL, test_rate_limit);
  ADD_DATA ("/github/client/rate-limit/error", NULL, test_rate_limit_error);
  ADD_DATA ("/github/client/transport/refused", NULL, test_transport_refused);
  ADD_DATA ("/github/client/transport/dropped", NULL, test_transport_dropped);

  ADD_DATA ("/github/client/invalid/html-page", NULL, test_invalid_html);
  ADD_DATA ("/github/client/invalid/not-array", NULL, test_invalid_not_array);
  ADD_DATA ("/github/client/invalid/not-json", NULL, test_invalid_not_json);
  ADD_DATA ("/github/client/invalid/empty-body", NULL, test_invalid_empty_body);
  ADD_DATA ("/github/client/invalid/field-types", NULL, test_invalid_field_types);
  ADD_DATA ("/github/client/invalid/truncated", NULL, test_invalid_truncated);
  ADD_DATA ("/github/client/invalid/deep-nesting", NULL, test_invalid_deep_nesting);
  ADD_DATA ("/github/client/invalid/too-large", NULL, test_invalid_too_large);
  ADD_DATA ("/github/client/invalid/anonymous", NULL, test_invalid_anonymous);
  ADD_DATA ("/github/client/invalid/names", NULL, test_invalid_names);

  ADD_DATA ("/github/client/secrets/logs", NULL, test_secrets_logs);
  ADD_DATA ("/github/client/hostile/logs", NULL, test_hostile_logs);

  ADD ("/github/client/cancel/callback", fixture_set_up_slow, test_cancel_callback);
  ADD ("/github/client/cancel/blocking", fixture_set_up_slow, test_cancel_blocking);
  ADD ("/github/client/cancel/queued", fixture_set_up_slow, test_cancel_queued);
  ADD ("/github/client/cancel/suspend", fixture_set_up_slow, test_cancel_suspend);
  ADD ("/github/client/cancel/suspend-queued", fixture_set_up_slow, test_cancel_suspend_queued);
  ADD ("/github/client/cancel/cycles", fixture_set_up_slow, test_cancel_cycles);

  ADD ("/github/client/deadline/trickle", fixture_set_up_trickle, test_deadline_trickle);

  ADD_DATA ("/github/client/threads/blocking-workers", NULL, test_threads_blocking_workers);
  ADD_DATA ("/github/client/threads/callback-contexts", NULL, test_threads_callback_contexts);
  ADD ("/github/client/threads/parse-off-caller", fixture_set_up_paged, test_threads_parse_off_caller);
  ADD ("/github/client/outcomes/while-stalled", fixture_set_up_burst, test_outcomes_while_stalled);
  ADD ("/github/client/outcomes/once-a-frame", fixture_set_up_burst, test_outcomes_once_a_frame);

  ADD ("/github/client/limit/callback", fixture_set_up_many_slow, test_limit_callback);
  ADD ("/github/client/limit/blocking", fixture_set_up_many_slow, test_limit_blocking);
  ADD ("/github/client/limit/suspend", fixture_set_up_many_slow, test_limit_suspend);
  ADD ("/github/client/limit/above-github/callback", fixture_set_up_many_at_once,
       test_limit_above_github_callback);
  ADD ("/github/client/limit/above-github/suspend", fixture_set_up_many_at_once,
       test_limit_above_github_suspend);
  ADD ("/github/client/limit/next-pages-first", fixture_set_up_paged, test_next_pages_first);

  return g_test_run ();
}
