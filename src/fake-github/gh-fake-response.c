/* gh-fake-response.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-fake-response-private.h"

#include <string.h>

#include <json-glib/json-glib.h>

#define DEFAULT_PER_PAGE 30
#define MAX_PER_PAGE     100
#define DOCS_URL         "https://docs.github.com/rest"
#define JSON_TYPE        "application/json; charset=utf-8"
#define API_VERSION      "2022-11-28"

static const char garbage_page[] =
  "<!DOCTYPE html>\n<html><head><title>Unicorn!</title></head>\n"
  "<body><h1>No server is currently available to service your request.</h1>\n"
  "<p>Sorry about that. Please try refreshing.</p></body></html>\n";

/* Pages kept at most by a cache, and their bytes: the large dataset's
 * pages of 100 are about 1300 and 8 MiB */
#define CACHE_MAX_PAGES 8192
#define CACHE_MAX_BYTES (64 * 1024 * 1024)

typedef struct
{
  GBytes *body;
  char   *etag;
} CachedPage;

struct _GhFakePageCache
{
  GMutex      lock;      /* the server's threads share it */
  GHashTable *pages;     /* key → CachedPage */
  gsize       n_bytes;
};

typedef struct
{
  const char      *base;
  GUri            *uri;
  GHashTable      *query;
  guint            page;
  guint            per_page;
  GhFakePageCache *cache;
} Request;

/* Everything GitHub lists but this app never reads is left out; what is
 * here is what a client can reasonably rely on (A.7 in the platform notes). */
static char *
escape (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

static char *
node_id (const char *prefix,
         gint64      id)
{
  g_autofree char *raw = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, id);

  return g_base64_encode ((const guchar *) raw, strlen (raw));
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_take_string (JsonBuilder *builder,
                 const char  *member,
                 char        *value)
{
  add_string (builder, member, value);
  g_free (value);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
add_account (JsonBuilder *builder,
             const char  *base,
             const char  *login,
             gint64       id,
             const char  *type)
{
  g_autofree char *escaped = escape (login);
  const char *kind = g_str_equal (type, "Organization") ? "012:Organization" : "04:User";

  add_string (builder, "login", login);
  add_int (builder, "id", id);
  add_take_string (builder, "node_id", node_id (kind, id));
  add_take_string (builder, "avatar_url",
                   g_strdup_printf ("https://avatars.githubusercontent.com/u/%" G_GINT64_FORMAT
                                    "?v=4", id));
  add_string (builder, "gravatar_id", "");
  add_take_string (builder, "url", g_strdup_printf ("%susers/%s", base, escaped));
  add_take_string (builder, "html_url", g_strdup_printf ("https://github.com/%s", escaped));
  add_string (builder, "type", type);
  add_bool (builder, "site_admin", FALSE);
}

static void
add_repo (JsonBuilder *builder,
          GhDataset   *dataset,
          const char  *base,
          guint        index)
{
  const char *org = gh_dataset_get_org (dataset);
  const char *name = gh_dataset_get_repo_name (dataset, index);
  gint64 id = gh_dataset_get_repo_id (dataset, index);
  g_autofree char *org_escaped = escape (org);
  g_autofree char *name_escaped = escape (name);

  json_builder_begin_object (builder);
  add_int (builder, "id", id);
  add_take_string (builder, "node_id", node_id ("010:Repository", id));
  add_string (builder, "name", name);
  add_take_string (builder, "full_name", g_strdup_printf ("%s/%s", org, name));
  add_bool (builder, "private", FALSE);
  json_builder_set_member_name (builder, "owner");
  json_builder_begin_object (builder);
  add_account (builder, base, org, gh_dataset_get_org_id (dataset), "Organization");
  json_builder_end_object (builder);
  add_take_string (builder, "html_url",
                   g_strdup_printf ("https://github.com/%s/%s", org_escaped, name_escaped));
  json_builder_set_member_name (builder, "description");
  json_builder_add_null_value (builder);
  add_bool (builder, "fork", FALSE);
  add_take_string (builder, "url",
                   g_strdup_printf ("%srepos/%s/%s", base, org_escaped, name_escaped));
  add_take_string (builder, "contributors_url",
                   g_strdup_printf ("%srepos/%s/%s/contributors", base, org_escaped, name_escaped));
  add_bool (builder, "archived", FALSE);
  add_bool (builder, "disabled", FALSE);
  add_string (builder, "visibility", "public");
  add_string (builder, "default_branch", "main");
  json_builder_end_object (builder);
}

static void
add_contributor (JsonBuilder                *builder,
                 const char                 *base,
                 const GhDatasetContributor *contributor)
{
  json_builder_begin_object (builder);
  add_account (builder, base, contributor->login, contributor->id,
               g_str_has_suffix (contributor->login, "[bot]") ? "Bot" : "User");
  add_int (builder, "contributions", contributor->contributions);
  json_builder_end_object (builder);
}

static GBytes *
builder_to_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static GBytes *
message_body (const char *message,
              const char *url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  add_string (builder, "message", message);
  if (url != NULL)
    add_string (builder, "url", url);
  add_string (builder, "documentation_url", DOCS_URL);
  json_builder_end_object (builder);

  return builder_to_bytes (builder);
}

static void
set_body (GhFakeResponse *response,
          GBytes         *body,
          const char     *content_type)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  response->body = body;
  soup_message_headers_remove (response->headers, "Content-Type");
  if (body != NULL)
    soup_message_headers_replace (response->headers, "Content-Type", content_type);
}

/* A fault's answer replaces the page, and with it the page's validators. */
static void
replace_page (GhFakeResponse *response,
              guint           status,
              GBytes         *body,
              const char     *content_type)
{
  response->status = status;
  set_body (response, body, content_type);
  soup_message_headers_remove (response->headers, "Link");
  soup_message_headers_remove (response->headers, "ETag");
  soup_message_headers_remove (response->headers, "Cache-Control");
}

static void
set_error (GhFakeResponse *response,
           guint           status,
           const char     *message)
{
  replace_page (response, status, message_body (message, NULL), JSON_TYPE);
}

static guint
query_uint (GHashTable *query,
            const char *name,
            guint       fallback)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;
  guint64 value;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &value, NULL))
    return fallback;

  return value;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The links keep every other query parameter, sorted so that the header
 * is the same from run to run, with page last as GitHub does. */
static char *
page_url (const Request *request,
          const char    *path,
          guint          page)
{
  g_autoptr(GString) url = g_string_new (request->base);
  g_autofree const char **keys = NULL;
  guint n_keys = 0;

  g_string_append (url, path);
  g_string_append_c (url, '?');

  if (request->query != NULL)
    keys = (const char **) g_hash_table_get_keys_as_array (request->query, &n_keys);
  if (keys != NULL)
    qsort (keys, n_keys, sizeof (char *), compare_strings);

  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (g_str_equal (keys[i], "page"))
        continue;

      key = escape (keys[i]);
      value = escape (g_hash_table_lookup (request->query, keys[i]));
      g_string_append_printf (url, "%s=%s&", key, value);
    }

  g_string_append_printf (url, "page=%u", page);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

static void
add_link (GString       *link,
          const Request *request,
          const char    *path,
          guint          page,
          const char    *rel)
{
  g_autofree char *url = page_url (request, path, page);

  if (link->len > 0)
    g_string_append (link, ", ");
  g_string_append_printf (link, "<%s>; rel=\"%s\"", url, rel);
}

/* GitHub's order: prev, next, last, first; the header is left out when
 * everything fits on the first page. */
static void
set_links (GhFakeResponse *response,
           const Request  *request,
           const char     *id_path,
           guint           n_items)
{
  g_autoptr(GString) link = g_string_new (NULL);
  guint last = MAX (1, (n_items + request->per_page - 1) / request->per_page);

  if (request->page > 1)
    add_link (link, request, id_path, MIN (request->page - 1, last), "prev");
  if (request->page < last)
    add_link (link, request, id_path, request->page + 1, "next");
  if (request->page != last)
    add_link (link, request, id_path, last, "last");
  if (request->page > 1)
    add_link (link, request, id_path, 1, "first");

  if (link->len > 0)
    soup_message_headers_replace (response->headers, "Link", link->str);
}

static void
page_range (const Request *request,
            guint          n_items,
            guint         *start,
            guint         *end)
{
  guint64 first = (guint64) (request->page - 1) * request->per_page;

  *start = MIN (first, n_items);
  *end = MIN (first + request->per_page, n_items);
}

static void
cached_page_free (gpointer data)
{
  CachedPage *page = data;

  g_bytes_unref (page->body);
  g_free (page->etag);
  g_free (page);
}

/**
 * _gh_fake_page_cache_new:
 *
 * A cache of JSON pages for _gh_fake_response_new(), which otherwise
 * builds and serialises every page it serves: with a client fetching a
 * thousand pages at once, that would be most of the server's time. Any
 * thread.
 *
 * Returns: (transfer full): an empty cache
 */
GhFakePageCache *
_gh_fake_page_cache_new (void)
{
  GhFakePageCache *cache = g_new0 (GhFakePageCache, 1);

  g_mutex_init (&cache->lock);
  cache->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_page_free);

  return cache;
}

void
_gh_fake_page_cache_free (GhFakePageCache *cache)
{
  if (cache == NULL)
    return;

  g_hash_table_unref (cache->pages);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

/* The page's body depends on nothing else: the dataset is immutable, and
 * the base URL goes into the items' URLs */
static char *
page_key (const Request *request,
          char           kind,
          int            index,
          guint          start,
          guint          end)
{
  return g_strdup_printf ("%c%d:%u-%u %s", kind, index, start, end, request->base);
}

static void
set_page (GhFakeResponse *response,
          GBytes         *body,
          const char     *etag)
{
  response->status = SOUP_STATUS_OK;
  set_body (response, g_bytes_ref (body), JSON_TYPE);
  soup_message_headers_replace (response->headers, "ETag", etag);
  soup_message_headers_replace (response->headers, "Cache-Control",
                                "private, max-age=60, s-maxage=60");
}

static gboolean
set_cached_page (GhFakeResponse *response,
                 const Request  *request,
                 const char     *key)
{
  CachedPage *page;

  if (request->cache == NULL)
    return FALSE;

  /* Entries stay until the cache goes: found, they can be used unlocked */
  g_mutex_lock (&request->cache->lock);
  page = g_hash_table_lookup (request->cache->pages, key);
  g_mutex_unlock (&request->cache->lock);
  if (page == NULL)
    return FALSE;

  set_page (response, page->body, page->etag);
  return TRUE;
}

static void
set_json_page (GhFakeResponse *response,
               const Request  *request,
               const char     *key,
               JsonBuilder    *builder)
{
  g_autoptr(GBytes) body = builder_to_bytes (builder);
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  g_autofree char *etag = g_strdup_printf ("W/\"%s\"", hash);
  GhFakePageCache *cache = request->cache;

  set_page (response, body, etag);

  if (cache == NULL)
    return;

  /* Full: the rest is built each time, as without a cache. Two threads
   * may build the same page at once; the first one's stays. */
  g_mutex_lock (&cache->lock);
  if (g_hash_table_size (cache->pages) < CACHE_MAX_PAGES &&
      cache->n_bytes + g_bytes_get_size (body) <= CACHE_MAX_BYTES &&
      !g_hash_table_contains (cache->pages, key))
    {
      CachedPage *page = g_new0 (CachedPage, 1);

      page->body = g_steal_pointer (&body);
      page->etag = g_steal_pointer (&etag);
      cache->n_bytes += g_bytes_get_size (page->body);
      g_hash_table_insert (cache->pages, g_strdup (key), page);
    }
  g_mutex_unlock (&cache->lock);
}

static void
serve_repos (GhFakeResponse *response,
             GhDataset      *dataset,
             const Request  *request)
{
  g_autofree char *id_path = NULL;
  g_autofree char *key = NULL;
  guint n_repos = gh_dataset_get_n_repos (dataset);
  guint start, end;

  page_range (request, n_repos, &start, &end);

  key = page_key (request, 'r', -1, start, end);
  if (!set_cached_page (response, request, key))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_array (builder);
      for (guint i = start; i < end; i++)
        add_repo (builder, dataset, request->base, i);
      json_builder_end_array (builder);

      set_json_page (response, request, key, builder);
    }

  id_path = g_strdup_printf ("organizations/%" G_GINT64_FORMAT "/repos",
                             gh_dataset_get_org_id (dataset));
  set_links (response, request, id_path, n_repos);
  response->delay_ms = gh_dataset_get_repos_latency_ms (dataset);
}

static void
serve_contributors (GhFakeResponse *response,
                    GhDataset      *dataset,
                    const Request  *request,
                    guint           index)
{
  g_autofree char *id_path = NULL;
  g_autofree char *key = NULL;
  const GhDatasetContributor *contributors;
  guint n_contributors, start, end;

  response->repo_index = index;
  response->delay_ms = gh_dataset_get_repo_latency_ms (dataset, index);

  /* GitHub answers an empty repository with 204 and no body. */
  if (gh_dataset_get_repo_empty (dataset, index))
    {
      response->status = SOUP_STATUS_NO_CONTENT;
      return;
    }

  contributors = gh_dataset_get_repo_contributors (dataset, index, &n_contributors);
  page_range (request, n_contributors, &start, &end);

  key = page_key (request, 'c', index, start, end);
  if (!set_cached_page (response, request, key))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_array (builder);
      for (guint i = start; i < end; i++)
        add_contributor (builder, request->base, &contributors[i]);
      json_builder_end_array (builder);

      set_json_page (response, request, key, builder);
    }

  id_path = g_strdup_printf ("repositories/%" G_GINT64_FORMAT "/contributors",
                             gh_dataset_get_repo_id (dataset, index));
  set_links (response, request, id_path, n_contributors);
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = value;
  return TRUE;
}

/* Paths arrive still %-encoded (the server uses raw-paths), so "a%2Fb" is
 * one segment; a trailing or doubled slash gives an empty segment, which
 * GitHub answers with 404 and so do we. */
static void
route (GhFakeResponse *response,
       GhDataset      *dataset,
       const Request  *request)
{
  g_auto(GStrv) raw = g_strsplit (g_uri_get_path (request->uri), "/", 0);
  g_auto(GStrv) segments = NULL;
  guint n = g_strv_length (raw);
  gint64 id;
  int index;

  if (n < 2 || *raw[0] != '\0')
    return;

  segments = g_new0 (char *, n);
  for (guint i = 1; i < n; i++)
    {
      segments[i - 1] = g_uri_unescape_string (raw[i], NULL);
      if (segments[i - 1] == NULL || *segments[i - 1] == '\0')
        return;
    }
  n--;

  if (n == 3 && g_str_equal (segments[0], "orgs") && g_str_equal (segments[2], "repos"))
    {
      if (g_ascii_strcasecmp (segments[1], gh_dataset_get_org (dataset)) == 0)
        serve_repos (response, dataset, request);
    }
  else if (n == 3 && g_str_equal (segments[0], "organizations") &&
           g_str_equal (segments[2], "repos"))
    {
      if (parse_id (segments[1], &id) && id == gh_dataset_get_org_id (dataset))
        serve_repos (response, dataset, request);
    }
  else if (n == 4 && g_str_equal (segments[0], "repos") &&
           g_str_equal (segments[3], "contributors"))
    {
      index = gh_dataset_find_repo (dataset, segments[2]);
      if (g_ascii_strcasecmp (segments[1], gh_dataset_get_org (dataset)) == 0 && index >= 0)
        serve_contributors (response, dataset, request, index);
    }
  else if (n == 1 && g_str_equal (segments[0], "rate_limit"))
    {
      /* Answered by _gh_fake_response_set_rate_limit_body(), which knows
       * the server's count */
      response->status = SOUP_STATUS_OK;
      response->rate_limit = TRUE;
    }
  else if (n == 3 && g_str_equal (segments[0], "repositories") &&
           g_str_equal (segments[2], "contributors"))
    {
      if (parse_id (segments[1], &id) &&
          (index = gh_dataset_find_repo_by_id (dataset, id)) >= 0)
        serve_contributors (response, dataset, request, index);
    }
}

/* If-None-Match uses the weak comparison: W/"x" matches "x". */
static gboolean
etag_matches (const char *if_none_match,
              const char *etag)
{
  g_autoptr(GSList) list = NULL;
  const char *ours;
  gboolean found = FALSE;

  if (if_none_match == NULL || etag == NULL)
    return FALSE;

  ours = g_str_has_prefix (etag, "W/") ? etag + 2 : etag;
  list = soup_header_parse_list (if_none_match);
  for (GSList *l = list; l != NULL && !found; l = l->next)
    {
      const char *theirs = l->data;

      if (g_str_has_prefix (theirs, "W/"))
        theirs += 2;
      found = g_str_equal (theirs, "*") || g_str_equal (theirs, ours);
    }

  g_slist_free_full (g_steal_pointer (&list), g_free);
  return found;
}

char *
_gh_fake_base_uri (GUri *request_uri)
{
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (request_uri), NULL,
                     g_uri_get_host (request_uri), g_uri_get_port (request_uri),
                     "/", NULL, NULL);
}

/**
 * _gh_fake_response_new:
 * @dataset: what to serve
 * @cache: (nullable): where to keep and find pages already built
 * @method: the request method
 * @request_uri: the request URI (path still %-encoded)
 * @request_headers: the request headers
 *
 * Answers GET (and HEAD) of orgs/{org}/repos, organizations/{id}/repos,
 * repos/{owner}/{repo}/contributors and repositories/{id}/contributors,
 * and marks rate_limit for _gh_fake_response_set_rate_limit_body();
 * everything else is GitHub's 404.
 */
GhFakeResponse *
_gh_fake_response_new (GhDataset             *dataset,
                       GhFakePageCache       *cache,
                       const char            *method,
                       GUri                  *request_uri,
                       SoupMessageHeaders    *request_headers)
{
  g_autofree char *base = _gh_fake_base_uri (request_uri);
  g_autoptr(GHashTable) query = NULL;
  GhFakeResponse *response;
  const char *version;
  Request request = { 0 };

  response = g_new0 (GhFakeResponse, 1);
  response->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  response->repo_index = -1;

  if (g_uri_get_query (request_uri) != NULL)
    query = g_uri_parse_params (g_uri_get_query (request_uri), -1, "&",
                                G_URI_PARAMS_WWW_FORM, NULL);

  request.base = base;
  request.uri = request_uri;
  request.query = query;
  request.page = query_uint (query, "page", 1);
  request.per_page = MIN (query_uint (query, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE);
  request.cache = cache;

  if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    route (response, dataset, &request);

  if (response->status == 0)
    set_error (response, SOUP_STATUS_NOT_FOUND, "Not Found");

  if (response->status == SOUP_STATUS_OK &&
      etag_matches (soup_message_headers_get_one (request_headers, "If-None-Match"),
                    soup_message_headers_get_one (response->headers, "ETag")))
    {
      response->status = SOUP_STATUS_NOT_MODIFIED;
      set_body (response, NULL, NULL);
    }

  version = soup_message_headers_get_one (request_headers, "X-GitHub-Api-Version");
  soup_message_headers_replace (response->headers, "X-GitHub-Api-Version-Selected",
                                version != NULL ? version : API_VERSION);
  soup_message_headers_replace (response->headers, "X-GitHub-Media-Type", "github.v3; format=json");
  soup_message_headers_replace (response->headers, "Vary",
                                "Accept, Authorization, Cookie, X-GitHub-OTP");

  return response;
}

static void
set_rate_header (SoupMessageHeaders *headers,
                 const char         *name,
                 gint64              value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  /* A fault's own value (remaining: 0) wins. */
  if (soup_message_headers_get_one (headers, name) == NULL)
    soup_message_headers_replace (headers, name, text);
}

/**
 * _gh_fake_response_set_rate_limit:
 * @response: a response
 * @rate: the primary rate-limit state
 *
 * Adds the x-ratelimit-* headers that are not set yet, so that a fault's
 * own values (remaining: 0) win.
 */
void
_gh_fake_response_set_rate_limit (GhFakeResponse        *response,
                                  const GhFakeRateLimit *rate)
{
  set_rate_header (response->headers, "x-ratelimit-limit", rate->limit);
  set_rate_header (response->headers, "x-ratelimit-remaining",
                   rate->limit - MIN (rate->used, rate->limit));
  set_rate_header (response->headers, "x-ratelimit-reset", rate->reset);
  set_rate_header (response->headers, "x-ratelimit-used", rate->used);
  if (soup_message_headers_get_one (response->headers, "x-ratelimit-resource") == NULL)
    soup_message_headers_replace (response->headers, "x-ratelimit-resource", "core");
}

static void
add_quota (JsonBuilder           *builder,
           const char            *name,
           const GhFakeRateLimit *rate)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_int (builder, "limit", rate->limit);
  add_int (builder, "remaining", rate->limit - MIN (rate->used, rate->limit));
  add_int (builder, "reset", rate->reset);
  add_int (builder, "used", rate->used);
  add_string (builder, "resource", "core");
  json_builder_end_object (builder);
}

/**
 * _gh_fake_response_set_rate_limit_body:
 * @response: the response to GET /rate_limit
 * @rate: the primary rate-limit state
 *
 * Answers GET /rate_limit as GitHub does, with the core quota both under
 * `resources` and as the deprecated `rate`.
 */
void
_gh_fake_response_set_rate_limit_body (GhFakeResponse        *response,
                                       const GhFakeRateLimit *rate)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_if_fail (response->rate_limit);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resources");
  json_builder_begin_object (builder);
  add_quota (builder, "core", rate);
  json_builder_end_object (builder);
  add_quota (builder, "rate", rate);
  json_builder_end_object (builder);

  set_body (response, builder_to_bytes (builder), JSON_TYPE);
}

static char *
expand_base (const char *text,
             const char *base)
{
  GString *result = g_string_new (text);

  g_string_replace (result, "{base}", base, 0);
  return g_string_free (result, FALSE);
}

static void
apply_rate_limit (GhFakeResponse        *response,
                  const GhFakeFault     *fault,
                  const GhFakeRateLimit *rate)
{
  gint64 reset = g_get_real_time () / G_USEC_PER_SEC + (fault->reset_in_s ? fault->reset_in_s : 60);
  const char *message;
  g_autofree char *text = NULL;

  if (fault->retry_after_s > 0)
    {
      text = g_strdup_printf ("%u", fault->retry_after_s);
      soup_message_headers_replace (response->headers, "retry-after", text);
      message = "You have exceeded a secondary rate limit. "
                "Please wait a few minutes before you try again.";
    }
  else
    {
      GhFakeRateLimit exhausted = { rate->limit, rate->limit, reset };

      _gh_fake_response_set_rate_limit (response, &exhausted);
      message = "API rate limit exceeded for 127.0.0.1.";
    }

  set_error (response, fault->status ? fault->status : SOUP_STATUS_FORBIDDEN,
             fault->message ? fault->message : message);
}

/**
 * _gh_fake_response_apply_fault:
 * @response: a response
 * @fault: the fault to inject
 * @base: the base URL the request was sent to, for `{base}`
 * @rate: the rate-limit state, for RATE_LIMIT
 *
 * Rewrites @response for the kinds that change what is sent. TRUNCATE, DROP
 * and TRICKLE change how it is sent, which is the server's business.
 */
void
_gh_fake_response_apply_fault (GhFakeResponse        *response,
                               const GhFakeFault     *fault,
                               const char            *base,
                               const GhFakeRateLimit *rate)
{
  g_autofree char *expanded = NULL;
  guint status;

  switch (fault->kind)
    {
    case GH_FAKE_FAULT_STATUS:
      status = fault->status ? fault->status : SOUP_STATUS_INTERNAL_SERVER_ERROR;
      set_error (response, status,
                 fault->message ? fault->message : soup_status_get_phrase (status));
      break;

    case GH_FAKE_FAULT_GARBAGE:
      replace_page (response, fault->status ? fault->status : SOUP_STATUS_OK,
                    fault->body ? g_bytes_new (fault->body, strlen (fault->body))
                                : g_bytes_new_static (garbage_page, sizeof garbage_page - 1),
                    fault->content_type ? fault->content_type : "text/html; charset=utf-8");
      break;

    case GH_FAKE_FAULT_RATE_LIMIT:
      apply_rate_limit (response, fault, rate);
      break;

    case GH_FAKE_FAULT_REDIRECT:
      expanded = expand_base (fault->location, base);
      replace_page (response, fault->status ? fault->status : SOUP_STATUS_MOVED_PERMANENTLY,
                    message_body ("Moved Permanently", expanded), JSON_TYPE);
      soup_message_headers_replace (response->headers, "Location", expanded);
      break;

    case GH_FAKE_FAULT_BODY:
      replace_page (response, fault->status ? fault->status : SOUP_STATUS_OK,
                    g_bytes_new (fault->body, strlen (fault->body)),
                    fault->content_type ? fault->content_type : JSON_TYPE);
      break;

    case GH_FAKE_FAULT_LINK:
      soup_message_headers_remove (response->headers, "Link");
      if (*fault->link != '\0')
        {
          expanded = expand_base (fault->link, base);
          soup_message_headers_replace (response->headers, "Link", expanded);
        }
      break;

    case GH_FAKE_FAULT_TRUNCATE:
    case GH_FAKE_FAULT_DROP:
    case GH_FAKE_FAULT_TRICKLE:
    default:
      break;
    }

  for (guint i = 0; fault->headers != NULL && fault->headers[i] != NULL; i++)
    {
      const char *colon = strchr (fault->headers[i], ':');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (colon == NULL)
        continue;

      name = g_strstrip (g_strndup (fault->headers[i], colon - fault->headers[i]));
      value = g_strstrip (g_strdup (colon + 1));
      soup_message_headers_replace (response->headers, name, value);
    }
}

void
_gh_fake_response_free (GhFakeResponse *response)
{
  if (response == NULL)
    return;

  soup_message_headers_unref (response->headers);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}
