/* gh-client.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-client-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "gh-cache-private.h"
#include "gh-error-private.h"
#include "gh-json-private.h"
#include "gh-log.h"
#include "gh-runner-private.h"
#include "gh-service-private.h"
#include "gh-text.h"
#include "gh-uri-private.h"

/**
 * GhClient:
 *
 * The #GhService that talks to GitHub (or GitHub Enterprise, or the fake
 * server) over HTTP with libsoup 3.
 *
 * Threads: the blocking style runs on the calling thread; the callback
 * style (and so the suspend style, which awaits it) runs its requests on
 * a thread of the client's, and its callbacks on the caller's context
 * (gh-runner.c). What one call does with its pages is in gh-call.c.
 *
 * Requests in flight are limited per client (gh_client_set_max_requests()),
 * counting every style together, and never go beyond what the API URL's
 * origin allows (gh_max_requests_for_api_url()). libsoup's own connection
 * limits are set to that ceiling, so that over HTTP/1.1 (the fake server,
 * most GitHub Enterprise Servers) the client's limit is the one that
 * applies and libsoup's default of 2 per host never is; over HTTP/2 they
 * would not apply anyway. A blocking call must therefore not be
 * made on a thread whose main context has to run to finish callback-style
 * calls of the same client, or it may wait for a slot that never comes.
 *
 * Redirects are followed by the client itself, only within the API URL's
 * origin; so are next-page links. The token is sent only there.
 */


struct _GhClient
{
  GObject         parent_instance;

  /* Immutable after construction */
  char           *api_url;
  GUri           *api_uri;
  guint           max_requests_cap;    /* what the origin allows */
  guint           max_pages;
  guint           request_timeout_s;
  guint           retry_base_ms;
  GhHttpLogLevel  http_log_level;
  GhRunner       *runner;
  char           *cache_dir;
  GhCache        *cache;               /* pages for conditional requests, or NULL */

  /* Everything below is protected by the mutex */
  GMutex          mutex;
  char           *token;
  guint           max_requests;        /* as set; the limiter has the effective one */
  GhPageObserver  parse_observer;      /* for tests */
  gpointer        parse_observer_data;
  GhPageObserver  send_observer;       /* for tests */
  gpointer        send_observer_data;
  GhRequestSink  *request_sink;
};

static void gh_client_initable_iface_init (GInitableIface      *iface);
static void gh_client_service_iface_init  (GhServiceInterface  *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GhClient, gh_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      gh_client_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (GH_TYPE_SERVICE,
                                                      gh_client_service_iface_init))

enum {
  PROP_0,
  PROP_API_URL,
  PROP_MAX_REQUESTS,
  PROP_MAX_PAGES,
  PROP_REQUEST_TIMEOUT,
  PROP_RETRY_BASE_MS,
  PROP_HTTP_LOG_LEVEL,
  PROP_CACHE_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static GhCall *
call_new (GhClient     *self,
          GType         item_type,
          const char   *relative,
          const char   *subject,
          GCancellable *cancellable)
{
  GhCall *call = _gh_call_new (G_OBJECT (self), self->api_uri, self->runner,
                               item_type, relative, cancellable);

  call->max_pages = self->max_pages;
  call->timeout_s = self->request_timeout_s;
  call->retry_base_ms = self->retry_base_ms;
  call->cache = self->cache;
  g_mutex_lock (&self->mutex);
  call->token = g_strdup (self->token);
  call->parse_observer = self->parse_observer;
  call->parse_observer_data = self->parse_observer_data;
  call->send_observer = self->send_observer;
  call->send_observer_data = self->send_observer_data;
  _gh_call_set_request_info (call, self->request_sink,
                             item_type == GH_TYPE_REPO ? GH_REQUEST_REPOS : GH_REQUEST_CONTRIBUTORS,
                             subject);
  g_mutex_unlock (&self->mutex);

  return call;
}

/* GhService */

static char *
repos_path (const char *org)
{
  g_autofree char *escaped = _gh_escape_segment (org);

  return g_strdup_printf ("orgs/%s/repos?per_page=100", escaped);
}

static char *
contributors_path (const char *owner,
                   const char *repo)
{
  g_autofree char *escaped_owner = _gh_escape_segment (owner);
  g_autofree char *escaped_repo = _gh_escape_segment (repo);

  return g_strdup_printf ("repos/%s/%s/contributors?per_page=100", escaped_owner, escaped_repo);
}

static GhResponse *
gh_client_get_org_repos_sync (GhService     *service,
                              const char    *org,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GhClient *self = GH_CLIENT (service);
  g_autoptr(GhCall) call = NULL;
  g_autofree char *path = NULL;

  if (!_gh_validate_name ("organization", org, error))
    return NULL;

  path = repos_path (org);
  call = call_new (self, GH_TYPE_REPO, path, org, cancellable);

  return _gh_runner_run_sync (self->runner, call, error);
}

static void
gh_client_get_org_repos_async (GhService           *service,
                               const char          *org,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GhClient *self = GH_CLIENT (service);
  g_autofree char *path = NULL;
  GError *error = NULL;

  if (!_gh_validate_name ("organization", org, &error))
    {
      g_task_report_error (self, callback, user_data, gh_client_get_org_repos_async, error);
      return;
    }

  path = repos_path (org);
  _gh_runner_run_async (self->runner, call_new (self, GH_TYPE_REPO, path, org, cancellable),
                        gh_client_get_org_repos_async, callback, user_data);
}

static GhResponse *
gh_client_get_org_repos_finish (GhService     *service,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_assert (g_task_is_valid (result, service));
  g_assert (g_async_result_is_tagged (result, gh_client_get_org_repos_async));

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GhResponse *
gh_client_get_repo_contributors_sync (GhService     *service,
                                      const char    *owner,
                                      const char    *repo,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  GhClient *self = GH_CLIENT (service);
  g_autoptr(GhCall) call = NULL;
  g_autofree char *path = NULL;

  if (!_gh_validate_name ("owner", owner, error) ||
      !_gh_validate_name ("repository", repo, error))
    return NULL;

  path = contributors_path (owner, repo);
  call = call_new (self, GH_TYPE_USER, path, repo, cancellable);

  return _gh_runner_run_sync (self->runner, call, error);
}

static void
gh_client_get_repo_contributors_async (GhService           *service,
                                       const char          *owner,
                                       const char          *repo,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GhClient *self = GH_CLIENT (service);
  g_autofree char *path = NULL;
  GError *error = NULL;

  if (!_gh_validate_name ("owner", owner, &error) ||
      !_gh_validate_name ("repository", repo, &error))
    {
      g_task_report_error (self, callback, user_data,
                           gh_client_get_repo_contributors_async, error);
      return;
    }

  path = contributors_path (owner, repo);
  _gh_runner_run_async (self->runner, call_new (self, GH_TYPE_USER, path, repo, cancellable),
                        gh_client_get_repo_contributors_async, callback, user_data);
}

static GhResponse *
gh_client_get_repo_contributors_finish (GhService     *service,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_assert (g_task_is_valid (result, service));
  g_assert (g_async_result_is_tagged (result, gh_client_get_repo_contributors_async));

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gh_client_set_request_sink (GhService     *service,
                            GhRequestSink *sink)
{
  GhClient *self = GH_CLIENT (service);

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->request_sink, gh_request_sink_unref);
  self->request_sink = sink != NULL ? gh_request_sink_ref (sink) : NULL;
  g_mutex_unlock (&self->mutex);
}

static void
gh_client_service_iface_init (GhServiceInterface *iface)
{
  iface->get_org_repos_sync = gh_client_get_org_repos_sync;
  iface->get_org_repos_async = gh_client_get_org_repos_async;
  iface->get_org_repos_finish = gh_client_get_org_repos_finish;
  iface->get_repo_contributors_sync = gh_client_get_repo_contributors_sync;
  iface->get_repo_contributors_async = gh_client_get_repo_contributors_async;
  iface->get_repo_contributors_finish = gh_client_get_repo_contributors_finish;
  iface->set_request_sink = gh_client_set_request_sink;
  /* The suspend style is the default one, which awaits the callback style:
   * one throttle (the limiter), and one way for requests to run */
}

/* Sizes the limiter for the setting, within what the origin allows */
static void
apply_max_requests (GhClient *self)
{
  /* The limiter is resized outside the mutex (granting slots may run
   * callbacks), so a concurrent setter may get there in between; looping
   * until the limiter matches the latest setting makes the last one win */
  for (;;)
    {
      guint effective;

      g_mutex_lock (&self->mutex);
      effective = MIN (self->max_requests, self->max_requests_cap);
      g_mutex_unlock (&self->mutex);

      if (_gh_limiter_get_max (_gh_runner_get_limiter (self->runner)) == effective)
        return;
      _gh_limiter_set_max (_gh_runner_get_limiter (self->runner), effective);
    }
}

/* GInitable */

static gboolean
gh_client_initable_init (GInitable     *initable,
                         GCancellable  *cancellable,
                         GError       **error)
{
  GhClient *self = GH_CLIENT (initable);
  const char *url = self->api_url != NULL ? self->api_url : GH_DEFAULT_API_URL;
  const char *debug = g_getenv ("GH_HTTP_DEBUG");
  guint64 level = 0;

  if (self->api_uri != NULL)
    return TRUE;

  self->api_uri = _gh_uri_parse_api_url (url, error);
  if (self->api_uri == NULL)
    return FALSE;

  g_free (self->api_url);
  self->api_url = g_uri_to_string (self->api_uri);
  self->max_requests_cap = _gh_uri_max_requests (self->api_uri);
  if (self->http_log_level == GH_HTTP_LOG_NONE && debug != NULL &&
      g_ascii_string_to_unsigned (debug, 10, 0, GH_HTTP_LOG_BODY, &level, NULL))
    self->http_log_level = level;
  /* GitHub's cloud gets a single session: it speaks HTTP/2, where one
   * connection carries all requests of a session */
  _gh_runner_configure (self->runner, _gh_uri_is_loopback_host (g_uri_get_host (self->api_uri)),
                        self->max_requests_cap,
                        _gh_uri_is_github_cloud_host (g_uri_get_host (self->api_uri))
                          ? GH_CLIENT_GITHUB_MAX_REQUESTS : GH_RUNNER_LANE_SIZE,
                        self->http_log_level);

  /* The origin was not known when the properties were set */
  apply_max_requests (self);

  return TRUE;
}

static void
gh_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = gh_client_initable_init;
}

/* GObject */

static void
gh_client_finalize (GObject *object)
{
  GhClient *self = GH_CLIENT (object);

  /* No call is left: each holds the client */
  g_clear_pointer (&self->runner, _gh_runner_free);
  g_clear_pointer (&self->cache, _gh_cache_free);
  g_free (self->cache_dir);
  g_clear_pointer (&self->api_uri, g_uri_unref);
  g_clear_pointer (&self->api_url, g_free);
  g_clear_pointer (&self->request_sink, gh_request_sink_unref);
  if (self->token != NULL)
    {
      explicit_bzero (self->token, strlen (self->token));
      g_clear_pointer (&self->token, g_free);
    }
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (gh_client_parent_class)->finalize (object);
}

static void
gh_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GhClient *self = GH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_API_URL:
      g_value_set_string (value, self->api_url);
      break;

    case PROP_MAX_REQUESTS:
      g_value_set_uint (value, gh_client_get_max_requests (self));
      break;

    case PROP_MAX_PAGES:
      g_value_set_uint (value, gh_client_get_max_pages (self));
      break;

    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, gh_client_get_request_timeout (self));
      break;

    case PROP_RETRY_BASE_MS:
      g_value_set_uint (value, gh_client_get_retry_base_ms (self));
      break;

    case PROP_HTTP_LOG_LEVEL:
      g_value_set_uint (value, self->http_log_level);
      break;

    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gh_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GhClient *self = GH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_API_URL:
      g_assert (self->api_url == NULL);
      self->api_url = g_value_dup_string (value);
      break;

    case PROP_MAX_REQUESTS:
      gh_client_set_max_requests (self, g_value_get_uint (value));
      break;

    case PROP_MAX_PAGES:
      self->max_pages = g_value_get_uint (value);
      break;

    case PROP_REQUEST_TIMEOUT:
      self->request_timeout_s = g_value_get_uint (value);
      break;

    case PROP_RETRY_BASE_MS:
      self->retry_base_ms = g_value_get_uint (value);
      break;

    case PROP_HTTP_LOG_LEVEL:
      self->http_log_level = g_value_get_uint (value);
      break;

    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      if (self->cache_dir != NULL)
        self->cache = _gh_cache_new (self->cache_dir, GH_CLIENT_CACHE_MAX_BYTES);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gh_client_class_init (GhClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gh_client_finalize;
  object_class->get_property = gh_client_get_property;
  object_class->set_property = gh_client_set_property;

  /**
   * GhClient:api-url:
   *
   * The API's base URL: #GH_DEFAULT_API_URL for github.com (the default),
   * `https://HOST/api/v3/` for GitHub Enterprise Server. Plain http is
   * accepted for loopback hosts only.
   */
  properties[PROP_API_URL] =
    g_param_spec_string ("api-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GhClient:max-requests:
   *
   * How many requests may be in flight at once, all calling styles
   * together. Waiting requests are served in order. The limit that
   * applies is never above what the API URL's origin allows, see
   * gh_client_get_effective_max_requests().
   */
  properties[PROP_MAX_REQUESTS] =
    g_param_spec_uint ("max-requests", NULL, NULL,
                       1, GH_CLIENT_MAX_REQUESTS_LIMIT, GH_CLIENT_DEFAULT_MAX_REQUESTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GhClient:max-pages:
   *
   * How many pages one call follows at most. Reaching the cap is not an
   * error; see gh_response_get_has_more().
   */
  properties[PROP_MAX_PAGES] =
    g_param_spec_uint ("max-pages", NULL, NULL,
                       1, G_MAXUINT, GH_CLIENT_DEFAULT_MAX_PAGES,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GhClient:request-timeout:
   *
   * How many seconds one HTTP request (one page, one redirect) may take
   * at most, from sending it to the last byte of its answer, in every
   * calling style. A request that takes longer fails with
   * %G_IO_ERROR_TIMED_OUT, whose message names its URL and the timeout.
   * This is on top of libsoup's idle timeout, which a server that trickles
   * its answer resets with every byte.
   */
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL,
                       1, GH_CLIENT_MAX_REQUEST_TIMEOUT, GH_CLIENT_DEFAULT_REQUEST_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GhClient:retry-base-ms:
   *
   * The backoff before the first retry of a request that got 502, 503 or
   * 504, in milliseconds; it doubles for the second, and each wait is
   * jittered by ±50 %. A 403 or 429 with `Retry-After` waits exactly that
   * long instead. A request is retried #GH_CLIENT_MAX_RETRIES times at
   * most, in every calling style, and the caller's cancellable ends the
   * wait. Tests set a few milliseconds.
   */
  properties[PROP_RETRY_BASE_MS] =
    g_param_spec_uint ("retry-base-ms", NULL, NULL,
                       0, GH_CLIENT_MAX_RETRY_BASE_MS, GH_CLIENT_DEFAULT_RETRY_BASE_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GhClient:http-log-level:
   *
   * How much HTTP traffic goes to the debug log, a #GhHttpLogLevel. When
   * it is %GH_HTTP_LOG_NONE, the environment variable `GH_HTTP_DEBUG` may
   * set it (0 to 3). Secrets in headers never go there.
   */
  properties[PROP_HTTP_LOG_LEVEL] =
    g_param_spec_uint ("http-log-level", NULL, NULL,
                       GH_HTTP_LOG_NONE, GH_HTTP_LOG_BODY, GH_HTTP_LOG_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GhClient:cache-dir:
   *
   * Where pages are kept for conditional requests, or %NULL for none. A
   * page asked for again carries its ETag (or Last-Modified), and a 304
   * answer is the kept page: GitHub does not count an authorized 304
   * against the rate limit. Pages are kept per token (by a one-way hash
   * of it), at most #GH_CLIENT_CACHE_MAX_BYTES in all; gh_page_cache_clear()
   * forgets them.
   */
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gh_client_init (GhClient *self)
{
  g_mutex_init (&self->mutex);
  self->runner = _gh_runner_new ();
  self->max_requests = GH_CLIENT_DEFAULT_MAX_REQUESTS;
  self->max_requests_cap = GH_CLIENT_MAX_REQUESTS_LIMIT;
  self->max_pages = GH_CLIENT_DEFAULT_MAX_PAGES;
  self->request_timeout_s = GH_CLIENT_DEFAULT_REQUEST_TIMEOUT;
  self->retry_base_ms = GH_CLIENT_DEFAULT_RETRY_BASE_MS;
}

/**
 * gh_client_new:
 * @api_url: (nullable): the API's base URL; %NULL for #GH_DEFAULT_API_URL
 * @error: return location for a #GError
 *
 * Creates a client. Fails with %GH_ERROR_INVALID_URL unless @api_url is an
 * absolute https URL (or http to a loopback host) without credentials,
 * query or fragment.
 *
 * Returns: (transfer full): a new #GhClient, or %NULL on error
 */
GhClient *
gh_client_new (const char  *api_url,
               GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (GH_TYPE_CLIENT, NULL, error,
                         "api-url", api_url,
                         NULL);
}

/**
 * gh_client_get_api_url:
 * @self: a #GhClient
 *
 * Returns: the API URL, normalized to end with a slash
 */
const char *
gh_client_get_api_url (GhClient *self)
{
  g_return_val_if_fail (GH_IS_CLIENT (self), NULL);

  return self->api_url;
}

/**
 * gh_client_set_token:
 * @self: a #GhClient
 * @token: (nullable): a personal access token; %NULL or "" for anonymous
 *   requests
 * @error: return location for a #GError
 *
 * Sets the token sent as `Authorization: Bearer` to the API URL's origin
 * (and nowhere else) by calls started afterwards. Surrounding white space
 * is ignored; any other character outside printable ASCII fails with
 * %GH_ERROR_INVALID_TOKEN and leaves the previous token in place.
 *
 * Returns: whether the token was accepted
 */
gboolean
gh_client_set_token (GhClient    *self,
                     const char  *token,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  char *old;

  g_return_val_if_fail (GH_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (token != NULL)
    {
      trimmed = g_strstrip (g_strdup (token));

      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (*p < 0x21 || *p > 0x7e)
            {
              explicit_bzero (trimmed, strlen (trimmed));
              g_set_error_literal (error, GH_ERROR, GH_ERROR_INVALID_TOKEN,
                                   _("The access token contains a space or a character "
                                     "that is not printable ASCII; paste it again as "
                                     "GitHub shows it."));
              return FALSE;
            }
        }

      if (trimmed[0] == '\0')
        g_clear_pointer (&trimmed, g_free);
    }

  g_mutex_lock (&self->mutex);
  old = self->token;
  self->token = g_steal_pointer (&trimmed);
  g_mutex_unlock (&self->mutex);

  if (old != NULL)
    {
      explicit_bzero (old, strlen (old));
      g_free (old);
    }

  return TRUE;
}

/**
 * gh_client_has_token:
 * @self: a #GhClient
 *
 * Returns: whether requests carry a token
 */
gboolean
gh_client_has_token (GhClient *self)
{
  gboolean has_token;

  g_return_val_if_fail (GH_IS_CLIENT (self), FALSE);

  g_mutex_lock (&self->mutex);
  has_token = self->token != NULL;
  g_mutex_unlock (&self->mutex);

  return has_token;
}

/**
 * gh_client_set_max_requests:
 * @self: a #GhClient
 * @max_requests: 1 to #GH_CLIENT_MAX_REQUESTS_LIMIT
 *
 * Sets how many requests may be in flight at once. Takes effect at once:
 * raising it starts waiting requests; lowering it lets running ones
 * finish.
 *
 * The limit that applies is held to what the API URL's origin allows
 * (gh_max_requests_for_api_url()): setting 300 on a client of
 * api.github.com lets 100 requests run, while the setting itself, which
 * gh_client_get_max_requests() returns, stays 300.
 */
void
gh_client_set_max_requests (GhClient *self,
                            guint     max_requests)
{
  gboolean changed;

  g_return_if_fail (GH_IS_CLIENT (self));
  g_return_if_fail (max_requests >= 1 && max_requests <= GH_CLIENT_MAX_REQUESTS_LIMIT);

  g_mutex_lock (&self->mutex);
  changed = self->max_requests != max_requests;
  self->max_requests = max_requests;
  g_mutex_unlock (&self->mutex);

  apply_max_requests (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REQUESTS]);
}

/**
 * gh_client_get_max_requests:
 * @self: a #GhClient
 *
 * Returns: the in-flight limit as set, which may be above the one that
 *   applies; see gh_client_get_effective_max_requests()
 */
guint
gh_client_get_max_requests (GhClient *self)
{
  guint max_requests;

  g_return_val_if_fail (GH_IS_CLIENT (self), 0);

  g_mutex_lock (&self->mutex);
  max_requests = self->max_requests;
  g_mutex_unlock (&self->mutex);

  return max_requests;
}

/**
 * gh_client_get_effective_max_requests:
 * @self: a #GhClient
 *
 * Returns: how many requests may really be in flight at once: the setting,
 *   held to what the API URL's origin allows
 */
guint
gh_client_get_effective_max_requests (GhClient *self)
{
  g_return_val_if_fail (GH_IS_CLIENT (self), 0);

  return _gh_limiter_get_max (_gh_runner_get_limiter (self->runner));
}

/**
 * gh_client_get_max_pages:
 * @self: a #GhClient
 *
 * Returns: #GhClient:max-pages
 */
guint
gh_client_get_max_pages (GhClient *self)
{
  g_return_val_if_fail (GH_IS_CLIENT (self), 0);

  return self->max_pages;
}

/**
 * gh_client_get_request_timeout:
 * @self: a #GhClient
 *
 * Returns: #GhClient:request-timeout, in seconds
 */
guint
gh_client_get_request_timeout (GhClient *self)
{
  g_return_val_if_fail (GH_IS_CLIENT (self), 0);

  return self->request_timeout_s;
}

/**
 * gh_client_get_retry_base_ms:
 * @self: a #GhClient
 *
 * Returns: #GhClient:retry-base-ms
 */
guint
gh_client_get_retry_base_ms (GhClient *self)
{
  g_return_val_if_fail (GH_IS_CLIENT (self), 0);

  return self->retry_base_ms;
}

/**
 * gh_client_get_requests_in_flight:
 * @self: a #GhClient
 *
 * Returns: how many HTTP requests are in flight now (for diagnostics)
 */
guint
gh_client_get_requests_in_flight (GhClient *self)
{
  g_return_val_if_fail (GH_IS_CLIENT (self), 0);

  return _gh_limiter_get_in_flight (_gh_runner_get_limiter (self->runner));
}

/* The client's parts, for gh-client-rate-limit.c */

GUri *
_gh_client_get_api_uri (GhClient *self)
{
  return self->api_uri;
}

GhRunner *
_gh_client_get_runner (GhClient *self)
{
  return self->runner;
}

char *
_gh_client_dup_token (GhClient *self)
{
  char *token;

  g_mutex_lock (&self->mutex);
  token = g_strdup (self->token);
  g_mutex_unlock (&self->mutex);
  return token;
}

/* For tests: the outcomes that wait for @context to take them */
guint
_gh_client_get_n_waiting_outcomes (GhClient     *self,
                                   GMainContext *context)
{
  return _gh_runner_get_n_waiting_outcomes (self->runner, context);
}

/* For tests: @observer sees each page's URL just before its body is
 * parsed, on the thread that parses it */
void
_gh_client_set_parse_observer (GhClient       *self,
                               GhPageObserver  observer,
                               gpointer        user_data)
{
  g_mutex_lock (&self->mutex);
  self->parse_observer = observer;
  self->parse_observer_data = user_data;
  g_mutex_unlock (&self->mutex);
}

/* For tests: @observer sees each page's URL as the callback style hands
 * it to libsoup, on the call's context */
void
_gh_client_set_send_observer (GhClient       *self,
                              GhPageObserver  observer,
                              gpointer        user_data)
{
  g_mutex_lock (&self->mutex);
  self->send_observer = observer;
  self->send_observer_data = user_data;
  g_mutex_unlock (&self->mutex);
}
