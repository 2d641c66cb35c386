/* test-gh-fake-server.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "gh-fake-github.h"

/* One slow repository and a few fast ones, for the timing-order tests. */
static const char slow_dataset[] =
  "{\"org\": \"slow\", \"org_id\": 42, \"repos_latency_ms\": 0, \"repos\": ["
  "{\"name\": \"glacier\", \"latency_ms\": 20000,"
  " \"contributors\": [{\"login\": \"a\", \"contributions\": 1}]},"
  "{\"name\": \"snail\", \"latency_ms\": 400,"
  " \"contributors\": [{\"login\": \"b\", \"contributions\": 2}]}"
  "]}";

static const char faulty_dataset[] =
  "{\"org\": \"o\", \"org_id\": 3, \"repos\": [{\"name\": \"a\", "
  "\"contributors\": [{\"login\": \"u\", \"contributions\": 1}], "
  "\"fault\": {\"kind\": \"status\", \"status\": 429, \"message\": \"busy\", \"times\": 1}}]}";

typedef struct
{
  GhDataset    *dataset;
  GhFakeServer *server;
  SoupSession  *session;
} Fixture;

static SoupSession *
new_session (guint max_conns_per_host)
{
  /* No proxy: a proxy from the environment would see 127.0.0.1 too. */
  return soup_session_new_with_options ("proxy-resolver", NULL,
                                        "max-conns", 64,
                                        "max-conns-per-host", max_conns_per_host,
                                        "user-agent", "fake-github-test/1.0",
                                        NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *name = data != NULL ? data : "demo";
  g_autoptr(GError) error = NULL;

  if (name[0] == '{')
    f->dataset = gh_dataset_new_from_data (name, -1, &error);
  else
    f->dataset = gh_dataset_new_from_name (name, &error);
  g_assert_no_error (error);

  f->server = gh_fake_server_new (f->dataset);
  gh_fake_server_set_latency_scale (f->server, 0);
  gh_fake_server_start (f->server, &error);
  g_assert_no_error (error);

  f->session = new_session (8);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->session);
  gh_fake_server_stop (f->server);
  g_assert_finalize_object (f->server);
  g_assert_finalize_object (f->dataset);
}

static char *
make_url (Fixture    *f,
          const char *path)
{
  if (g_str_has_prefix (path, "http"))
    return g_strdup (path);

  return g_strconcat (gh_fake_server_get_uri (f->server), path, NULL);
}

static SoupMessage *
new_get (Fixture    *f,
         const char *path)
{
  g_autofree char *url = make_url (f, path);
  SoupMessage *msg = soup_message_new ("GET", url);

  g_assert_nonnull (msg);
  return msg;
}

static GBytes *
send_message (Fixture     *f,
              SoupMessage *msg,
              GError     **error)
{
  return soup_session_send_and_read (f->session, msg, NULL, error);
}

/* GET @path, expect @status, return the parsed JSON body (or NULL). */
static JsonNode *
get_json (Fixture      *f,
          const char   *path,
          guint         status,
          SoupMessage **out_msg)
{
  g_autoptr(SoupMessage) msg = new_get (f, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = send_message (f, msg, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);

  if (g_bytes_get_size (body) > 0)
    {
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  &error);
      g_assert_no_error (error);
      root = json_node_copy (json_parser_get_root (parser));
    }

  if (out_msg != NULL)
    *out_msg = g_steal_pointer (&msg);

  return root;
}

static const char *
header (SoupMessage *msg,
        const char  *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (msg), name);
}

/* The URL of the Link header's @rel, or NULL. */
static char *
link_url (SoupMessage *msg,
          const char  *rel)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *value = soup_message_headers_get_list (headers, "Link");
  GSList *items;
  char *found = NULL;

  if (value == NULL)
    return NULL;

  items = soup_header_parse_list (value);
  for (GSList *l = items; l != NULL && found == NULL; l = l->next)
    {
      const char *item = l->data;
      const char *close = strchr (item, '>');
      GHashTable *params;

      g_assert_true (item[0] == '<' && close != NULL);
      params = soup_header_parse_semi_param_list (close + 1);
      if (g_strcmp0 (g_hash_table_lookup (params, "rel"), rel) == 0)
        found = g_strndup (item + 1, close - item - 1);
      soup_header_free_param_list (params);
    }
  g_slist_free_full (items, g_free);

  return found;
}

static const char *
member_string (JsonNode   *item,
               const char *member)
{
  return json_object_get_string_member (json_node_get_object (item), member);
}

static GhFakeRequest *
log_entry (GhFakeServer *server,
           guint         index)
{
  g_autoptr(GPtrArray) log = gh_fake_server_get_log (server);

  g_assert_cmpuint (index, <, log->len);
  return gh_fake_request_copy (g_ptr_array_index (log, index));
}

static void
test_repos_pagination (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) msg2 = NULL;
  g_autoptr(JsonNode) page1 = get_json (f, "orgs/kotlin/repos?per_page=100", 200, &msg);
  g_autoptr(JsonNode) page2 = NULL;
  g_autofree char *next = link_url (msg, "next");
  g_autofree char *last = link_url (msg, "last");
  g_autofree char *expected = NULL;
  g_autofree char *prev = NULL;
  JsonArray *items1, *items2;
  guint n_repos = gh_dataset_get_n_repos (f->dataset);

  g_test_summary ("The demo's repository list takes two pages of 100, linked by id-based URLs");

  items1 = json_node_get_array (page1);
  g_assert_cmpuint (json_array_get_length (items1), ==, 100);

  expected = make_url (f, "organizations/1446536/repos?per_page=100&page=2");
  g_assert_cmpstr (next, ==, expected);
  g_assert_cmpstr (last, ==, expected);
  g_assert_null (link_url (msg, "prev"));

  page2 = get_json (f, next, 200, &msg2);
  items2 = json_node_get_array (page2);
  g_assert_cmpuint (json_array_get_length (items2), ==, n_repos - 100);
  g_assert_null (link_url (msg2, "next"));
  prev = link_url (msg2, "prev");
  g_assert_true (g_str_has_suffix (prev, "organizations/1446536/repos?per_page=100&page=1"));

  /* Dataset order, across both pages. */
  for (guint i = 0; i < n_repos; i++)
    {
      JsonNode *item = i < 100 ? json_array_get_element (items1, i)
                               : json_array_get_element (items2, i - 100);

      g_assert_cmpstr (member_string (item, "name"), ==, gh_dataset_get_repo_name (f->dataset, i));
    }
}

static void
test_repos_per_page (Fixture       *f,
                     gconstpointer  data)
{
  const struct { const char *query; guint n; const char *last; } cases[] = {
    { "", 30, "page=6" },
    { "?per_page=500", 100, "per_page=500&page=2" },
    { "?per_page=0", 30, "per_page=0&page=6" },
    { "?per_page=abc&page=6", 10, NULL },
    { "?page=7", 0, NULL },
  };

  g_test_summary ("per_page defaults to 30 and is capped at 100; pages past the end are empty");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("orgs/kotlin/repos", cases[i].query, NULL);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(JsonNode) page = get_json (f, path, 200, &msg);
      g_autofree char *last = link_url (msg, "last");

      g_test_message ("%s", path);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (page)), ==, cases[i].n);
      if (cases[i].last != NULL)
        g_assert_true (g_str_has_suffix (last, cases[i].last));
      else
        g_assert_null (link_url (msg, "next"));
    }
}

static void
test_repo_items (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) page = get_json (f, "orgs/KOTLIN/repos?per_page=5", 200, NULL);
  JsonNode *item = json_array_get_element (json_node_get_array (page), 0);
  JsonObject *object = json_node_get_object (item);
  JsonObject *owner = json_object_get_object_member (object, "owner");
  const char *name = gh_dataset_get_repo_name (f->dataset, 0);
  g_autofree char *full_name = g_strconcat ("kotlin/", name, NULL);
  g_autofree char *expected_url = NULL;
  g_autoptr(JsonNode) contributors = NULL;
  const GhDatasetContributor *users;
  guint n;

  g_test_summary ("Repository items look like GitHub's and point back at the server");

  g_assert_cmpint (json_object_get_int_member (object, "id"), ==,
                   gh_dataset_get_repo_id (f->dataset, 0));
  g_assert_nonnull (member_string (item, "node_id"));
  g_assert_cmpstr (member_string (item, "name"), ==, name);
  g_assert_cmpstr (member_string (item, "full_name"), ==, full_name);
  g_assert_false (json_object_get_boolean_member (object, "private"));
  g_assert_cmpstr (json_object_get_string_member (owner, "login"), ==, "kotlin");
  g_assert_cmpint (json_object_get_int_member (owner, "id"), ==, 1446536);
  g_assert_true (g_str_has_prefix (member_string (item, "html_url"), "https://github.com/kotlin/"));

  expected_url = g_strdup_printf ("%srepos/kotlin/%s/contributors",
                                  gh_fake_server_get_uri (f->server), name);
  g_assert_cmpstr (member_string (item, "contributors_url"), ==, expected_url);

  /* Follow it, as a client should. */
  contributors = get_json (f, member_string (item, "contributors_url"), 200, NULL);
  users = gh_dataset_get_repo_contributors (f->dataset, 0, &n);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (contributors)), ==, MIN (n, 30));
  for (guint i = 0; i < MIN (n, 30); i++)
    {
      JsonObject *user = json_array_get_object_element (json_node_get_array (contributors), i);

      g_assert_cmpstr (json_object_get_string_member (user, "login"), ==, users[i].login);
      g_assert_cmpint (json_object_get_int_member (user, "id"), ==, users[i].id);
      g_assert_cmpint (json_object_get_int_member (user, "contributions"), ==,
                       users[i].contributions);
      g_assert_cmpstr (json_object_get_string_member (user, "type"), ==, "User");
    }
}

static void
test_contributors_pagination (Fixture       *f,
                              gconstpointer  data)
{
  int index = gh_dataset_find_repo (f->dataset, "kotlin");
  const GhDatasetContributor *users;
  g_autofree char *url = make_url (f, "repos/kotlin/kotlin/contributors?per_page=100");
  guint n, seen = 0, pages = 0;

  g_test_summary ("A long contributor list is paged through id-based next links");

  g_assert_cmpint (index, >=, 0);
  users = gh_dataset_get_repo_contributors (f->dataset, index, &n);
  g_assert_cmpuint (n, >, 200);

  while (url != NULL)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(JsonNode) page = get_json (f, url, 200, &msg);
      JsonArray *items = json_node_get_array (page);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *user = json_array_get_object_element (items, i);

          g_assert_cmpstr (json_object_get_string_member (user, "login"), ==, users[seen].login);
          seen++;
        }

      g_free (url);
      url = link_url (msg, "next");
      if (url != NULL)
        g_assert_nonnull (strstr (url, "/repositories/"));
      pages++;
    }

  g_assert_cmpuint (seen, ==, n);
  g_assert_cmpuint (pages, ==, (n + 99) / 100);
}

static void
test_etag (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SoupMessage) first = NULL;
  g_autoptr(SoupMessage) again = new_get (f, "orgs/kotlin/repos");
  g_autoptr(SoupMessage) stale = new_get (f, "orgs/kotlin/repos");
  g_autoptr(JsonNode) page = get_json (f, "orgs/kotlin/repos", 200, &first);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *etag = header (first, "ETag");
  const char *used = header (first, "x-ratelimit-used");

  g_test_summary ("A matching If-None-Match gets an empty 304 that costs no rate limit");

  g_assert_nonnull (etag);
  soup_message_headers_replace (soup_message_get_request_headers (again), "If-None-Match", etag);
  body = send_message (f, again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (again), ==, 304);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
  g_assert_cmpstr (header (again, "ETag"), ==, etag);
  g_assert_cmpstr (header (again, "x-ratelimit-used"), ==, used);
  g_clear_pointer (&body, g_bytes_unref);

  soup_message_headers_replace (soup_message_get_request_headers (stale),
                                "If-None-Match", "\"other\"");
  body = send_message (f, stale, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (stale), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (body), >, 0);
  g_assert_cmpint (atoi (header (stale, "x-ratelimit-used")), ==, atoi (used) + 1);
}

static void
test_special_repos (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) empty = NULL;
  g_autoptr(JsonNode) failing = NULL;

  g_test_summary ("The demo's empty repository answers 204, its broken one 500");

  empty = get_json (f, "repos/kotlin/kotlin-playground/contributors", 204, &msg);
  failing = get_json (f, "repos/kotlin/kotlin-reflect-lite/contributors", 500, NULL);

  g_assert_null (empty);
  g_assert_null (header (msg, "Content-Type"));
  g_assert_cmpstr (member_string (failing, "message"), ==, "Server Error");
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  const char *paths[] = {
    "orgs/jetbrains/repos",
    "orgs/kotlin/repos/",
    "orgs/kotlin",
    "organizations/1/repos",
    "repos/kotlin/no-such-repo/contributors",
    "repos/jetbrains/dokka/contributors",
    "repositories/1/contributors",
    "repositories/abc/contributors",
    "repos/kotlin/dokka%2Fx/contributors",
    "",
  };

  g_test_summary ("Anything else gets GitHub's 404 JSON");

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(JsonNode) body = NULL;

      g_test_message ("%s", paths[i]);
      body = get_json (f, paths[i], 404, NULL);
      g_assert_cmpstr (member_string (body, "message"), ==, "Not Found");
      g_assert_nonnull (member_string (body, "documentation_url"));
    }
}

static void
test_rate_headers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SoupMessage) a = NULL;
  g_autoptr(SoupMessage) b = NULL;
  g_autoptr(JsonNode) page_a = get_json (f, "orgs/kotlin/repos", 200, &a);
  g_autoptr(JsonNode) page_b = get_json (f, "orgs/nobody/repos", 404, &b);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpstr (header (a, "x-ratelimit-limit"), ==, "5000");
  g_assert_cmpstr (header (a, "x-ratelimit-remaining"), ==, "4999");
  g_assert_cmpstr (header (a, "x-ratelimit-used"), ==, "1");
  g_assert_cmpstr (header (a, "x-ratelimit-resource"), ==, "core");
  g_assert_cmpint (g_ascii_strtoll (header (a, "x-ratelimit-reset"), NULL, 10), >, now);
  g_assert_cmpstr (header (b, "x-ratelimit-remaining"), ==, "4998");
}

/* Async requests on the test's main context, to see completion order. */
typedef struct
{
  GPtrArray *done;
  guint      pending;
} Batch;

static void
batch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Batch *batch = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_ptr_array_add (batch->done, g_strdup (g_object_get_data (G_OBJECT (msg), "name")));
  batch->pending--;
}

static void
batch_send (Batch       *batch,
            Fixture     *f,
            SoupSession *session,
            const char  *path,
            const char  *name)
{
  g_autoptr(SoupMessage) msg = new_get (f, path);

  g_object_set_data_full (G_OBJECT (msg), "name", g_strdup (name), g_free);
  batch->pending++;
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, batch_done_cb, batch);
}

static void
batch_wait (Batch *batch)
{
  while (batch->pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_latency_order (Fixture       *f,
                    gconstpointer  data)
{
  Batch batch = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GPtrArray) log = NULL;
  gint64 last_arrival = 0, first_end = G_MAXINT64;

  g_test_summary ("Each repository answers after its own latency; a slow one delays nobody");

  /* tutorial: repo-1 1000 ms, repo-2 1200 ms, repo-3 800 ms; halved. */
  gh_fake_server_set_latency_scale (f->server, 0.5);
  batch_send (&batch, f, f->session, "repos/org/repo-2/contributors", "repo-2");
  batch_send (&batch, f, f->session, "repos/org/repo-1/contributors", "repo-1");
  batch_send (&batch, f, f->session, "repos/org/repo-3/contributors", "repo-3");
  batch_wait (&batch);

  g_assert_cmpuint (batch.done->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (batch.done, 0), ==, "repo-3");
  g_assert_cmpstr (g_ptr_array_index (batch.done, 1), ==, "repo-1");
  g_assert_cmpstr (g_ptr_array_index (batch.done, 2), ==, "repo-2");

  /* All three were being answered at once. The server closes its side of
   * an exchange a moment after the client has the answer. */
  g_assert_true (gh_fake_server_wait_idle (f->server, 5000));
  log = gh_fake_server_get_log (f->server);
  for (guint i = 0; i < log->len; i++)
    {
      GhFakeRequest *request = g_ptr_array_index (log, i);

      g_assert_true (request->finished);
      last_arrival = MAX (last_arrival, request->time_us);
      first_end = MIN (first_end, request->end_time_us);
    }
  g_assert_cmpint (last_arrival, <, first_end);

  g_ptr_array_unref (batch.done);
}

static void
test_peak_in_flight (Fixture       *f,
                     gconstpointer  data)
{
  Batch batch = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(SoupSession) limited = new_session (4);

  g_test_summary ("The server counts how many requests it is answering at once");

  g_assert_cmpuint (gh_fake_server_get_peak_in_flight (f->server), ==, 0);

  /* snail: 400 ms, so all four connections are busy together. */
  gh_fake_server_set_latency_scale (f->server, 1);
  for (guint i = 0; i < 8; i++)
    batch_send (&batch, f, limited, "repos/slow/snail/contributors", "snail");
  batch_wait (&batch);

  g_assert_cmpuint (gh_fake_server_get_n_requests (f->server), ==, 8);
  g_assert_cmpuint (gh_fake_server_get_peak_in_flight (f->server), ==, 4);
  /* The server ends an exchange a moment after the client has its answer */
  g_assert_true (gh_fake_server_wait_idle (f->server, 5000));
  g_assert_cmpuint (gh_fake_server_get_in_flight (f->server), ==, 0);

  gh_fake_server_clear_log (f->server);
  g_assert_cmpuint (gh_fake_server_get_n_requests (f->server), ==, 0);
  g_assert_cmpuint (gh_fake_server_get_peak_in_flight (f->server), ==, 0);

  g_ptr_array_unref (batch.done);
}

static void
test_request_log (Fixture       *f,
                  gconstpointer  data)
{
  const char *token = "ghp_s3cr3tT0ken";
  g_autoptr(SoupMessage) msg = new_get (f, "orgs/kotlin/repos?per_page=2");
  g_autoptr(SoupMessage) anonymous = new_get (f, "repos/kotlin/dokka/contributors");
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) body2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GhFakeRequest) first = NULL;
  g_autoptr(GhFakeRequest) second = NULL;
  const char *fields[8];

  g_test_summary ("The log records who asked what, and never the token");

  soup_message_headers_replace (headers, "Accept", "application/vnd.github+json");
  soup_message_headers_replace (headers, "X-GitHub-Api-Version", "2022-11-28");
  soup_message_headers_replace (headers, "If-None-Match", "W/\"abc\"");
  soup_message_headers_replace (headers, "Authorization", authorization);
  body = send_message (f, msg, &error);
  g_assert_no_error (error);
  body2 = send_message (f, anonymous, &error);
  g_assert_no_error (error);

  g_assert_true (gh_fake_server_wait_for_requests (f->server, 2, 1000));
  g_assert_false (gh_fake_server_wait_for_requests (f->server, 3, 20));
  g_assert_true (gh_fake_server_wait_idle (f->server, 1000));
  g_assert_cmpuint (gh_fake_server_count_requests (f->server, "/orgs/*/repos"), ==, 1);
  g_assert_cmpuint (gh_fake_server_count_requests (f->server, "*per_page=2"), ==, 1);
  g_assert_cmpuint (gh_fake_server_count_requests (f->server, "/repos/*"), ==, 1);

  first = log_entry (f->server, 0);
  g_assert_cmpstr (first->method, ==, "GET");
  g_assert_cmpstr (first->path, ==, "/orgs/kotlin/repos?per_page=2");
  g_assert_cmpstr (first->user_agent, ==, "fake-github-test/1.0");
  g_assert_cmpstr (first->accept, ==, "application/vnd.github+json");
  g_assert_cmpstr (first->api_version, ==, "2022-11-28");
  g_assert_cmpstr (first->if_none_match, ==, "W/\"abc\"");
  g_assert_true (first->has_authorization);
  g_assert_cmpstr (first->auth_scheme, ==, "Bearer");
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_true (first->finished);
  g_assert_false (first->client_gone);
  g_assert_null (first->fault);
  g_assert_cmpint (first->end_time_us, >=, first->time_us);

  fields[0] = first->method;
  fields[1] = first->path;
  fields[2] = first->user_agent;
  fields[3] = first->accept;
  fields[4] = first->api_version;
  fields[5] = first->if_none_match;
  fields[6] = first->auth_scheme;
  fields[7] = first->fault;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_null (fields[i] ? strstr (fields[i], token) : NULL);

  second = log_entry (f->server, 1);
  g_assert_false (second->has_authorization);
  g_assert_null (second->auth_scheme);
  g_assert_null (second->accept);
  g_assert_cmpint (second->time_us, >=, first->time_us);
}

static void
test_keep_log (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) unlogged = NULL;
  g_autoptr(JsonNode) not_found = NULL;
  g_autoptr(JsonNode) logged = NULL;
  g_autoptr(JsonNode) later = NULL;
  g_autoptr(GPtrArray) log = NULL;

  g_test_summary ("A server told not to keep its log answers as usual, logs "
                  "nothing and still counts what is in flight");

  gh_fake_server_set_keep_log (f->server, FALSE);
  unlogged = get_json (f, "repos/kotlin/dokka/contributors", 200, NULL);
  not_found = get_json (f, "orgs/nobody/repos", 404, NULL);
  g_assert_true (gh_fake_server_wait_idle (f->server, 1000));

  g_assert_cmpuint (gh_fake_server_get_n_requests (f->server), ==, 0);
  g_assert_cmpuint (gh_fake_server_count_requests (f->server, "*"), ==, 0);
  g_assert_false (gh_fake_server_wait_for_requests (f->server, 1, 20));
  g_assert_cmpuint (gh_fake_server_get_in_flight (f->server), ==, 0);
  g_assert_cmpuint (gh_fake_server_get_peak_in_flight (f->server), ==, 1);

  gh_fake_server_set_keep_log (f->server, TRUE);
  logged = get_json (f, "orgs/kotlin/repos", 200, NULL);
  g_assert_true (gh_fake_server_wait_idle (f->server, 1000));

  /* Turning it off again keeps what is there */
  gh_fake_server_set_keep_log (f->server, FALSE);
  later = get_json (f, "repos/kotlin/dokka/contributors", 200, NULL);
  g_assert_true (gh_fake_server_wait_idle (f->server, 1000));

  log = gh_fake_server_get_log (f->server);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (((GhFakeRequest *) g_ptr_array_index (log, 0))->path, ==, "/orgs/kotlin/repos");
  g_assert_cmpuint (((GhFakeRequest *) g_ptr_array_index (log, 0))->status, ==, 200);
  g_assert_true (((GhFakeRequest *) g_ptr_array_index (log, 0))->finished);
}

static void
request_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  GError **error = g_object_get_data (G_OBJECT (msg), "error");
  gboolean *done = g_object_get_data (G_OBJECT (msg), "done");
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, error);
  *done = TRUE;
}

/* Sends an async request and waits until the server has it. */
static GCancellable *
send_async (Fixture     *f,
            const char  *path,
            GError     **out_error,
            gboolean    *done)
{
  g_autoptr(SoupMessage) msg = new_get (f, path);
  GCancellable *cancellable = g_cancellable_new ();
  guint before = gh_fake_server_get_n_requests (f->server);

  *done = FALSE;
  g_object_set_data (G_OBJECT (msg), "error", out_error);
  g_object_set_data (G_OBJECT (msg), "done", done);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    request_done_cb, NULL);

  while (!gh_fake_server_wait_for_requests (f->server, before + 1, 5))
    g_main_context_iteration (NULL, FALSE);

  return cancellable;
}

static void
wait_done (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_client_gone (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GhFakeRequest) request = NULL;
  gboolean done;

  g_test_summary ("A client that cancels while its answer is delayed is logged as gone");

  gh_fake_server_set_latency_scale (f->server, 1);
  cancellable = send_async (f, "repos/slow/glacier/contributors", &error, &done);
  g_assert_cmpuint (gh_fake_server_get_in_flight (f->server), ==, 1);
  g_cancellable_cancel (cancellable);
  wait_done (&done);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_true (gh_fake_server_wait_idle (f->server, 5000));
  request = log_entry (f->server, 0);
  g_assert_true (request->finished);
  g_assert_true (request->client_gone);
  g_assert_cmpuint (request->status, ==, 0);
}

static void
test_client_gone_trickle (Fixture       *f,
                          gconstpointer  data)
{
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_TRICKLE, .chunk_size = 4, .interval_ms = 50 };
  g_autoptr(SoupMessage) msg = new_get (f, "orgs/kotlin/repos");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GhFakeRequest) request = NULL;
  char buffer[64];
  gssize n;

  g_test_summary ("A client that stops reading a slow body is logged as gone");

  gh_fake_server_set_latency_scale (f->server, 1);
  gh_fake_server_add_fault (f->server, "/orgs/kotlin/repos", &fault);

  stream = soup_session_send (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >, 0);
  g_input_stream_close (stream, NULL, NULL);
  g_clear_object (&stream);
  g_clear_object (&msg);

  g_assert_true (gh_fake_server_wait_idle (f->server, 5000));
  request = log_entry (f->server, 0);
  g_assert_cmpstr (request->fault, ==, "trickle");
  g_assert_true (request->finished);
  g_assert_true (request->client_gone);
}

static void
test_stop_with_pending (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GhFakeRequest) request = NULL;
  gboolean done;

  g_test_summary ("Stopping the server drops unanswered requests");

  gh_fake_server_set_latency_scale (f->server, 1);
  cancellable = send_async (f, "repos/slow/glacier/contributors", &error, &done);
  gh_fake_server_stop (f->server);
  g_assert_null (gh_fake_server_get_uri (f->server));
  wait_done (&done);
  g_assert_nonnull (error);

  request = log_entry (f->server, 0);
  g_assert_true (request->finished);
  g_assert_cmpuint (request->status, ==, 0);
  g_assert_cmpuint (gh_fake_server_get_in_flight (f->server), ==, 0);

  /* Stopping twice is harmless. */
  gh_fake_server_stop (f->server);
}

static void
test_port_in_use (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GUri) uri = g_uri_parse (gh_fake_server_get_uri (f->server), G_URI_FLAGS_NONE, NULL);
  g_autoptr(GhFakeServer) other = gh_fake_server_new (f->dataset);
  g_autoptr(GError) error = NULL;

  gh_fake_server_set_port (other, g_uri_get_port (uri));
  g_assert_false (gh_fake_server_start (other, &error));
  g_assert_nonnull (error);
  g_assert_null (gh_fake_server_get_uri (other));
}

static GhFakeRequest *
last_entry (GhFakeServer *server)
{
  return log_entry (server, gh_fake_server_get_n_requests (server) - 1);
}

static void
test_fault_status (Fixture       *f,
                   gconstpointer  data)
{
  const char *headers[] = { "retry-after: 7", "X-Extra:  yes ", NULL };
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_STATUS, .status = 502, .message = "Bad Gateway",
                        .headers = headers };
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autoptr(GhFakeRequest) request = NULL;
  guint id;

  id = gh_fake_server_add_fault (f->server, "/repos/kotlin/dokka/*", &fault);
  body = get_json (f, "repos/kotlin/dokka/contributors", 502, &msg);
  g_assert_cmpstr (member_string (body, "message"), ==, "Bad Gateway");
  g_assert_cmpstr (header (msg, "retry-after"), ==, "7");
  g_assert_cmpstr (header (msg, "X-Extra"), ==, "yes");
  g_assert_null (header (msg, "ETag"));

  request = last_entry (f->server);
  g_assert_cmpstr (request->fault, ==, "status");
  g_assert_cmpuint (request->status, ==, 502);

  /* Other paths are untouched, and removing the fault heals this one. */
  other = get_json (f, "repos/kotlin/ts2kt/contributors", 200, NULL);
  gh_fake_server_remove_fault (f->server, id);
  g_clear_pointer (&body, json_node_unref);
  body = get_json (f, "repos/kotlin/dokka/contributors", 200, NULL);
}

static void
test_fault_skip_times (Fixture       *f,
                       gconstpointer  data)
{
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_STATUS, .status = 503, .skip = 1, .times = 2 };
  const guint expected[] = { 200, 503, 503, 200, 200 };

  g_test_summary ("skip lets N requests through first; times limits how many fail");

  gh_fake_server_add_fault (f->server, "/orgs/kotlin/repos", &fault);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(JsonNode) body = get_json (f, "orgs/kotlin/repos", expected[i], NULL);
    }

  /* clear_faults removes it for good. */
  gh_fake_server_clear_faults (f->server);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) body = get_json (f, "orgs/kotlin/repos", 200, NULL);
    }
}

static void
test_fault_garbage (Fixture       *f,
                    gconstpointer  data)
{
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_GARBAGE };
  g_autoptr(SoupMessage) msg = new_get (f, "orgs/kotlin/repos");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  gh_fake_server_add_fault (f->server, "/orgs/*", &fault);
  body = send_message (f, msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (g_str_has_prefix (header (msg, "Content-Type"), "text/html"));
  g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                              g_bytes_get_size (body), &error));
  g_assert_nonnull (error);
}

static void
test_fault_truncate (Fixture       *f,
                     gconstpointer  data)
{
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_TRUNCATE };
  g_autoptr(SoupMessage) msg = new_get (f, "orgs/kotlin/repos");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GhFakeRequest) request = NULL;

  g_test_summary ("A truncated body fails the client's read");

  gh_fake_server_add_fault (f->server, "/orgs/*", &fault);
  body = send_message (f, msg, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  g_assert_true (gh_fake_server_wait_idle (f->server, 5000));
  request = log_entry (f->server, 0);
  g_assert_cmpstr (request->fault, ==, "truncate");
  g_assert_cmpuint (request->status, ==, 200);
  g_assert_false (request->client_gone);
}

static void
test_fault_drop (Fixture       *f,
                 gconstpointer  data)
{
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_DROP };
  g_autoptr(SoupMessage) msg = new_get (f, "orgs/kotlin/repos");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GhFakeRequest) request = NULL;

  g_test_summary ("A dropped connection fails the request with no status");

  gh_fake_server_add_fault (f->server, "/orgs/*", &fault);
  body = send_message (f, msg, &error);
  g_assert_null (body);
  g_assert_nonnull (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_NONE);

  g_assert_true (gh_fake_server_wait_idle (f->server, 5000));
  request = log_entry (f->server, 0);
  g_assert_cmpstr (request->fault, ==, "drop");
  g_assert_cmpuint (request->status, ==, 0);
  g_assert_true (request->finished);
}

static void
test_fault_trickle (Fixture       *f,
                    gconstpointer  data)
{
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_TRICKLE, .chunk_size = 100, .interval_ms = 10 };
  g_autoptr(SoupMessage) plain = new_get (f, "orgs/kotlin/repos?per_page=3");
  g_autoptr(SoupMessage) msg = new_get (f, "orgs/kotlin/repos?per_page=3");
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint reads = 0;
  char buffer[4096];
  gssize n;

  g_test_summary ("A trickled body arrives whole, in pieces");

  expected = send_message (f, plain, &error);
  g_assert_no_error (error);

  gh_fake_server_set_latency_scale (f->server, 1);
  gh_fake_server_add_fault (f->server, "/orgs/*", &fault);
  stream = soup_session_send (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
    {
      g_byte_array_append (received, (guint8 *) buffer, n);
      reads++;
    }
  g_assert_no_error (error);

  g_assert_cmpmem (received->data, received->len,
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_assert_cmpuint (reads, >, 1);
}

static void
test_fault_rate_limit (Fixture       *f,
                       gconstpointer  data)
{
  GhFakeFault primary = { .kind = GH_FAKE_FAULT_RATE_LIMIT, .skip = 2, .reset_in_s = 120 };
  GhFakeFault secondary = { .kind = GH_FAKE_FAULT_RATE_LIMIT, .retry_after_s = 30 };
  g_autoptr(SoupMessage) limited = NULL;
  g_autoptr(SoupMessage) slowed = NULL;
  g_autoptr(JsonNode) body = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 reset;

  g_test_summary ("Rate limiting after N requests: 403, remaining 0, a reset time");

  gh_fake_server_add_fault (f->server, "/orgs/*", &primary);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) ok = get_json (f, "orgs/kotlin/repos", 200, NULL);
    }

  body = get_json (f, "orgs/kotlin/repos", 403, &limited);
  g_assert_nonnull (strstr (member_string (body, "message"), "rate limit"));
  g_assert_cmpstr (header (limited, "x-ratelimit-remaining"), ==, "0");
  g_assert_cmpstr (header (limited, "x-ratelimit-limit"), ==, "5000");
  reset = g_ascii_strtoll (header (limited, "x-ratelimit-reset"), NULL, 10);
  g_assert_cmpint (reset, >=, now + 119);
  g_assert_cmpint (reset, <=, now + 122);
  g_assert_null (header (limited, "retry-after"));

  gh_fake_server_add_fault (f->server, "/repos/*", &secondary);
  g_clear_pointer (&body, json_node_unref);
  body = get_json (f, "repos/kotlin/dokka/contributors", 403, &slowed);
  g_assert_cmpstr (header (slowed, "retry-after"), ==, "30");
  g_assert_nonnull (strstr (member_string (body, "message"), "secondary rate limit"));
}

static void
test_fault_redirect (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GhFakeServer) other = gh_fake_server_new (f->dataset);
  g_autoptr(SoupMessage) raw = new_get (f, "orgs/kotlin/repos");
  g_autoptr(SoupMessage) followed = new_get (f, "orgs/kotlin/repos");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GhFakeRequest) at_origin = NULL;
  g_autoptr(GhFakeRequest) elsewhere = NULL;
  g_autofree char *location = NULL;
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_REDIRECT };

  g_test_summary ("A redirect to another origin, for the client's token-leak test");

  gh_fake_server_start (other, &error);
  g_assert_no_error (error);
  location = g_strconcat (gh_fake_server_get_uri (other), "orgs/kotlin/repos", NULL);
  fault.location = location;
  gh_fake_server_add_fault (f->server, "/orgs/*", &fault);

  soup_message_add_flags (raw, SOUP_MESSAGE_NO_REDIRECT);
  body = send_message (f, raw, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (raw), ==, 301);
  g_assert_cmpstr (header (raw, "Location"), ==, location);
  g_clear_pointer (&body, g_bytes_unref);

  soup_message_headers_replace (soup_message_get_request_headers (followed),
                                "Authorization", "Bearer ghp_leakme");
  body = send_message (f, followed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (followed), ==, 200);

  at_origin = last_entry (f->server);
  g_assert_true (at_origin->has_authorization);
  g_assert_cmpuint (at_origin->status, ==, 301);
  g_assert_cmpstr (at_origin->fault, ==, "redirect");

  /* libsoup (Debian's CVE-2025-46421 fix) strips it across origins. */
  g_assert_cmpuint (gh_fake_server_get_n_requests (other), ==, 1);
  elsewhere = log_entry (other, 0);
  g_assert_false (elsewhere->has_authorization);

  gh_fake_server_stop (other);
}

static void
test_fault_body (Fixture       *f,
                 gconstpointer  data)
{
  const char *custom = "[{\"login\": 5, \"contributions\": \"many\"}]";
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_BODY, .body = custom };
  g_autoptr(SoupMessage) msg = new_get (f, "repos/kotlin/dokka/contributors");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  gh_fake_server_add_fault (f->server, "/repos/kotlin/dokka/contributors", &fault);
  body = send_message (f, msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), custom, strlen (custom));
  g_assert_true (g_str_has_prefix (header (msg, "Content-Type"), "application/json"));
}

static void
test_fault_link (Fixture       *f,
                 gconstpointer  data)
{
  GhFakeFault loop = { .kind = GH_FAKE_FAULT_LINK,
                       .link = "<{base}orgs/kotlin/repos?page=1>; rel=\"next\"" };
  GhFakeFault none = { .kind = GH_FAKE_FAULT_LINK, .link = "" };
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) msg2 = NULL;
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(JsonNode) page2 = NULL;
  g_autofree char *next = NULL;
  g_autofree char *expected = NULL;

  g_test_summary ("A custom Link header, e.g. one that loops back to itself");

  gh_fake_server_add_fault (f->server, "/orgs/*", &loop);
  page = get_json (f, "orgs/kotlin/repos?page=1", 200, &msg);
  next = link_url (msg, "next");
  expected = make_url (f, "orgs/kotlin/repos?page=1");
  g_assert_cmpstr (next, ==, expected);
  g_assert_null (link_url (msg, "last"));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (page)), ==, 30);

  gh_fake_server_clear_faults (f->server);
  gh_fake_server_add_fault (f->server, "/orgs/*", &none);
  page2 = get_json (f, "orgs/kotlin/repos", 200, &msg2);
  g_assert_null (header (msg2, "Link"));
}

static void
test_dataset_fault (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) first = get_json (f, "repos/o/a/contributors", 429, NULL);
  g_autoptr(JsonNode) second = get_json (f, "repos/o/a/contributors", 200, NULL);
  g_autoptr(JsonNode) again = NULL;

  g_test_summary ("A dataset entry's fault obeys skip and times like an added one");

  g_assert_cmpstr (member_string (first, "message"), ==, "busy");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (second)), ==, 1);

  gh_fake_server_clear_faults (f->server);
  again = get_json (f, "repos/o/a/contributors", 429, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/fake-github/server/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("repos-pagination", test_repos_pagination, "demo");
  ADD ("repos-per-page", test_repos_per_page, "demo");
  ADD ("repo-items", test_repo_items, "demo");
  ADD ("contributors-pagination", test_contributors_pagination, "demo");
  ADD ("etag", test_etag, "demo");
  ADD ("special-repos", test_special_repos, "demo");
  ADD ("not-found", test_not_found, "demo");
  ADD ("rate-headers", test_rate_headers, "demo");
  ADD ("latency-order", test_latency_order, "tutorial");
  ADD ("peak-in-flight", test_peak_in_flight, slow_dataset);
  ADD ("request-log", test_request_log, "demo");
  ADD ("keep-log", test_keep_log, "demo");
  ADD ("client-gone", test_client_gone, slow_dataset);
  ADD ("client-gone-trickle", test_client_gone_trickle, "demo");
  ADD ("stop-with-pending", test_stop_with_pending, slow_dataset);
  ADD ("port-in-use", test_port_in_use, "tutorial");
  ADD ("fault/status", test_fault_status, "demo");
  ADD ("fault/skip-times", test_fault_skip_times, "demo");
  ADD ("fault/garbage", test_fault_garbage, "demo");
  ADD ("fault/truncate", test_fault_truncate, "demo");
  ADD ("fault/drop", test_fault_drop, "demo");
  ADD ("fault/trickle", test_fault_trickle, "demo");
  ADD ("fault/rate-limit", test_fault_rate_limit, "demo");
  ADD ("fault/redirect", test_fault_redirect, "demo");
  ADD ("fault/body", test_fault_body, "demo");
  ADD ("fault/link", test_fault_link, "demo");
  ADD ("fault/dataset", test_dataset_fault, faulty_dataset);

#undef ADD

  return g_test_run ();
}
