/* test-gh-cache.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Conditional requests against the fake server over real HTTP: a page
 * asked for again carries its ETag and comes back as a 304 without a body;
 * another token gets nothing of it; a corrupt file is ignored, never
 * trusted; clearing forgets; the cache stays bounded.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gh.h"
#include "gh-cache-private.h"
#include "gh-fake-github.h"

#define TOKEN_A "ghp_CacheTestTokenAAAAAAAAAAAAAAAAAAAAAA"
#define TOKEN_B "ghp_CacheTestTokenBBBBBBBBBBBBBBBBBBBBBB"

typedef struct
{
  GhFakeServer *server;
  char         *dir;
} Fixture;

/* "big" takes two pages, so its Link header must come back from the
 * cache too */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"org\": \"o\", \"org_id\": 7, \"repos\": [{\"name\": \"big\", "
                                          "\"contributors\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = NULL;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (json, "%s{\"login\": \"user-%u\", \"contributions\": %u}", i > 0 ? ", " : "",
                            i, 1000 - i);
  g_string_append (json, "]}]}");
  dataset = gh_dataset_new_from_data (json->str, json->len, &error);
  g_assert_no_error (error);

  fixture->server = gh_fake_server_new (dataset);
  g_assert_true (gh_fake_server_start (fixture->server, &error));
  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("contrib-cache-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_true (gh_page_cache_clear (fixture->dir, NULL));
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  gh_fake_server_stop (fixture->server);
  g_assert_finalize_object (fixture->server);
}

/* One load of big's contributors by a new client, as each load has */
static GhResponse *
load (Fixture      *fixture,
      const char   *token,
      GhRequestLog *log)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhClient) client = g_initable_new (GH_TYPE_CLIENT, NULL, &error,
                                               "api-url", gh_fake_server_get_uri (fixture->server),
                                               "cache-dir", fixture->dir, NULL);
  GhResponse *response;

  g_assert_no_error (error);
  if (token != NULL)
    g_assert_true (gh_client_set_token (client, token, NULL));
  if (log != NULL)
    gh_service_set_request_sink (GH_SERVICE (client), gh_request_log_get_sink (log));

  gh_fake_server_clear_log (fixture->server);
  response = gh_service_get_repo_contributors_sync (GH_SERVICE (client), "o", "big", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gh_response_get_n_items (response), ==, 150);
  g_assert_true (gh_fake_server_wait_idle (fixture->server, 5000));
  return response;
}

/* The statuses the server sent, and whether each request was conditional */
static char *
server_log (Fixture *fixture)
{
  g_autoptr(GPtrArray) requests = gh_fake_server_get_log (fixture->server);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < requests->len; i++)
    {
      GhFakeRequest *request = g_ptr_array_index (requests, i);

      g_string_append_printf (out, "%s%u%s", i > 0 ? " " : "", request->status,
                              request->if_none_match != NULL ? " if-none-match" : "");
    }
  return g_string_free (out, FALSE);
}

static guint
n_files (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_second_load (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GhResponse) first = load (fixture, TOKEN_A, NULL);
  g_autoptr(GhResponse) second = NULL;
  g_autoptr(GhRequestLog) log = gh_request_log_new ();
  g_autofree char *before = server_log (fixture);
  g_autofree char *after = NULL;
  const GhRequestEvent *event;

  g_assert_cmpstr (before, ==, "200 200");
  g_assert_cmpuint (n_files (fixture), ==, 2);

  /* Both pages are asked for only if they changed; neither did, so the
   * server sends no body and the pages, links included, come from disk */
  second = load (fixture, TOKEN_A, log);
  after = server_log (fixture);
  g_assert_cmpstr (after, ==, "304 if-none-match 304 if-none-match");
  for (guint i = 0; i < 150; i++)
    g_assert_true (gh_user_get_contributions (gh_response_get_item (first, i)) ==
                   gh_user_get_contributions (gh_response_get_item (second, i)));
  g_assert_cmpuint (gh_response_get_status (second), ==, 200);

  /* The timeline says so */
  gh_request_log_flush (log);
  g_assert_cmpuint (gh_request_log_get_n_events (log), ==, 2);
  event = gh_request_log_get_event (log, 1);
  g_assert_cmpuint (event->status, ==, 304);
  g_assert_cmpuint (event->n_bytes, ==, 0);
  g_assert_cmpuint (event->n_items, ==, 50);
  g_assert_cmpint (event->outcome, ==, GH_REQUEST_OK);
}

/* Nothing crosses from one token to another, or to no token */
static void
test_other_token (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GhResponse) first = load (fixture, TOKEN_A, NULL);
  g_autoptr(GhResponse) other = load (fixture, TOKEN_B, NULL);
  g_autofree char *other_log = server_log (fixture);
  g_autoptr(GhResponse) anonymous = load (fixture, NULL, NULL);
  g_autofree char *anonymous_log = server_log (fixture);
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_assert_cmpstr (other_log, ==, "200 200");
  g_assert_cmpstr (anonymous_log, ==, "200 200");

  /* Neither a name nor a file holds the token */
  g_assert_cmpuint (n_files (fixture), ==, 6);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_null (strstr (name, "ghp_"));
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_null (g_strstr_len (contents, length, TOKEN_A));
      g_assert_null (g_strstr_len (contents, length, TOKEN_B));
    }
}

/* A file that is not a whole page of that URL is ignored, and the page
 * asked for in full */
static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GhResponse) first = load (fixture, NULL, NULL);
  g_autoptr(GhResponse) second = NULL;
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  g_autofree char *after = NULL;
  const char *name;
  guint i = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      /* One cut short, one overwritten with garbage */
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (i++ == 0)
        g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
      else
        g_assert_true (g_file_set_contents (path, "{\"etag\": \"W/\\\"x\\\"\"}", -1, NULL));
    }

  g_test_expect_message ("Gh", G_LOG_LEVEL_MESSAGE, "Ignoring the cached page *");
  g_test_expect_message ("Gh", G_LOG_LEVEL_MESSAGE, "Ignoring the cached page *");
  second = load (fixture, NULL, NULL);
  g_test_assert_expected_messages ();
  after = server_log (fixture);
  g_assert_cmpstr (after, ==, "200 200");
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GhResponse) first = load (fixture, NULL, NULL);
  g_autoptr(GhResponse) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (gh_page_cache_clear (fixture->dir, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files (fixture), ==, 0);
  second = load (fixture, NULL, NULL);
  after = server_log (fixture);
  g_assert_cmpstr (after, ==, "200 200");

  /* A directory that is not there is empty */
  g_assert_true (gh_page_cache_clear ("/nonexistent/contrib-cache", NULL));
}

/* Beyond its bound the oldest pages go, down to three quarters of it */
static void
test_bounded (Fixture       *fixture,
              gconstpointer  data)
{
  GhCache *cache = _gh_cache_new (fixture->dir, 20000);
  guint8 body[2000] = { 0 };
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint64 total = 0;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1/page/%u", i);
      g_autofree char *key = _gh_cache_key (url, NULL);

      _gh_cache_store (cache, key, url, "\"etag\"", NULL, NULL, body, sizeof body);
    }

  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      GStatBuf buf;

      g_assert_cmpint (g_stat (path, &buf), ==, 0);
      total += buf.st_size;
    }
  g_assert_cmpuint (total, <=, 20000);
  g_assert_cmpuint (n_files (fixture), >, 0);

  /* The newest is there */
  {
    g_autofree char *key = _gh_cache_key ("http://127.0.0.1/page/29", NULL);
    GhCachedPage *page = _gh_cache_lookup (cache, key, "http://127.0.0.1/page/29");

    g_assert_nonnull (page);
    g_assert_cmpstr (page->etag, ==, "\"etag\"");
    g_assert_cmpuint (g_bytes_get_size (page->body), ==, sizeof body);
    _gh_cached_page_free (page);
  }
  _gh_cache_free (cache);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/github/cache/second-load", Fixture, NULL, fixture_set_up, test_second_load, fixture_tear_down);
  g_test_add ("/github/cache/other-token", Fixture, NULL, fixture_set_up, test_other_token, fixture_tear_down);
  g_test_add ("/github/cache/corrupt", Fixture, NULL, fixture_set_up, test_corrupt, fixture_tear_down);
  g_test_add ("/github/cache/clear", Fixture, NULL, fixture_set_up, test_clear, fixture_tear_down);
  g_test_add ("/github/cache/bounded", Fixture, NULL, fixture_set_up, test_bounded, fixture_tear_down);

  return g_test_run ();
}
