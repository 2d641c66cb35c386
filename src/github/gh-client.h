/* gh-client.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

#include "gh-service.h"

G_BEGIN_DECLS

/**
 * GH_DEFAULT_API_URL:
 *
 * The API URL of github.com.
 */
#define GH_DEFAULT_API_URL "https://api.github.com/"

/**
 * GH_CLIENT_DEFAULT_MAX_REQUESTS:
 *
 * How many requests one client has in flight at most, unless told
 * otherwise. GitHub asks for few concurrent requests, and libsoup does not
 * limit them over HTTP/2.
 */
#define GH_CLIENT_DEFAULT_MAX_REQUESTS 8

/**
 * GH_CLIENT_MAX_REQUESTS_LIMIT:
 *
 * The highest in-flight limit a client accepts. Meant for servers that
 * allow it: GitHub Enterprise Server (where the administrator sets the
 * limits) and the fake server. Each request in flight holds a socket, so
 * a process that uses this many needs its soft `RLIMIT_NOFILE` raised.
 * Requests to GitHub's own cloud are held to
 * #GH_CLIENT_GITHUB_MAX_REQUESTS whatever the setting; see
 * gh_max_requests_for_api_url().
 */
#define GH_CLIENT_MAX_REQUESTS_LIMIT 4096

/**
 * GH_CLIENT_GITHUB_MAX_REQUESTS:
 *
 * The most requests a client has in flight to api.github.com (or to a
 * `*.ghe.com` host of GitHub Enterprise Cloud, such as api.acme.ghe.com):
 * GitHub's secondary rate limit allows no more than 100 concurrent
 * requests.
 */
#define GH_CLIENT_GITHUB_MAX_REQUESTS 100

/**
 * GH_CLIENT_DEFAULT_MAX_PAGES:
 *
 * How many pages of 100 items one call follows at most; a list with more
 * fails with %GH_ERROR_TOO_MANY_PAGES.
 */
#define GH_CLIENT_DEFAULT_MAX_PAGES 100

/**
 * GH_CLIENT_MAX_BODY_BYTES:
 *
 * The largest response body the client reads; a larger one is an invalid
 * response. A page of 100 real contributors is about 100 KiB.
 */
#define GH_CLIENT_MAX_BODY_BYTES (32 * 1024 * 1024)

/**
 * GH_CLIENT_CACHE_MAX_BYTES:
 *
 * The most a #GhClient:cache-dir keeps; the oldest pages go first.
 */
#define GH_CLIENT_CACHE_MAX_BYTES (64 * 1024 * 1024)

/**
 * GH_CLIENT_DEFAULT_REQUEST_TIMEOUT:
 *
 * How many seconds one request may take at most, from sending it to the
 * last byte of its answer, unless told otherwise; see
 * #GhClient:request-timeout.
 */
#define GH_CLIENT_DEFAULT_REQUEST_TIMEOUT 120

/**
 * GH_CLIENT_MAX_REQUEST_TIMEOUT:
 *
 * The longest request timeout a client accepts, in seconds: a day.
 */
#define GH_CLIENT_MAX_REQUEST_TIMEOUT (24 * 60 * 60)

/**
 * GH_CLIENT_MAX_RETRIES:
 *
 * How many times one request is retried at most after a 502, 503 or 504,
 * or after a 403 or 429 with `Retry-After`; see #GhClient:retry-base-ms.
 */
#define GH_CLIENT_MAX_RETRIES 2

/**
 * GH_CLIENT_MAX_RETRY_AFTER:
 *
 * The longest `Retry-After`, in seconds, that the client waits out by
 * itself; a longer one fails the request at once, the error saying when
 * to try again.
 */
#define GH_CLIENT_MAX_RETRY_AFTER 60

/**
 * GH_CLIENT_DEFAULT_RETRY_BASE_MS:
 *
 * The first retry's backoff before jitter, in milliseconds, unless told
 * otherwise; see #GhClient:retry-base-ms.
 */
#define GH_CLIENT_DEFAULT_RETRY_BASE_MS 1000

/**
 * GH_CLIENT_MAX_RETRY_BASE_MS:
 *
 * The longest retry base a client accepts, in milliseconds.
 */
#define GH_CLIENT_MAX_RETRY_BASE_MS 60000

/**
 * GhHttpLogLevel:
 * @GH_HTTP_LOG_NONE: no HTTP traffic in the debug log
 * @GH_HTTP_LOG_MINIMAL: request and status lines
 * @GH_HTTP_LOG_HEADERS: also the headers (Authorization is redacted)
 * @GH_HTTP_LOG_BODY: also the bodies
 *
 * How much HTTP traffic a client writes to the debug log (domain "Gh", see
 * `G_MESSAGES_DEBUG`). The environment variable `GH_HTTP_DEBUG` (0 to 3)
 * sets the level of new clients.
 */
typedef enum
{
  GH_HTTP_LOG_NONE,
  GH_HTTP_LOG_MINIMAL,
  GH_HTTP_LOG_HEADERS,
  GH_HTTP_LOG_BODY,
} GhHttpLogLevel;

/**
 * GhRateLimit:
 * @limit: requests allowed per window
 * @remaining: requests left in the current window
 * @reset: when the window ends, in UTC epoch seconds
 *
 * The primary (core, REST) rate limit, as `GET /rate_limit` reports it.
 */
typedef struct
{
  gint64 limit;
  gint64 remaining;
  gint64 reset;
} GhRateLimit;

#define GH_TYPE_CLIENT (gh_client_get_type ())

G_DECLARE_FINAL_TYPE (GhClient, gh_client, GH, CLIENT, GObject)

GhClient   *gh_client_new                        (const char      *api_url,
                                                  GError         **error);
const char *gh_client_get_api_url                (GhClient        *self);
gboolean    gh_client_set_token                  (GhClient        *self,
                                                  const char      *token,
                                                  GError         **error);
gboolean    gh_client_has_token                  (GhClient        *self);
void        gh_client_set_max_requests           (GhClient        *self,
                                                  guint            max_requests);
guint       gh_client_get_max_requests           (GhClient        *self);
guint       gh_client_get_effective_max_requests (GhClient        *self);
guint       gh_client_get_max_pages              (GhClient        *self);
guint       gh_client_get_request_timeout        (GhClient        *self);
guint       gh_client_get_retry_base_ms          (GhClient        *self);
guint       gh_client_get_requests_in_flight     (GhClient        *self);
gboolean    gh_client_get_rate_limit_sync        (GhClient        *self,
                                                  GhRateLimit     *rate_limit,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
void        gh_client_get_rate_limit_async       (GhClient        *self,
                                                  GCancellable    *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer         user_data);
gboolean    gh_client_get_rate_limit_finish      (GhClient        *self,
                                                  GAsyncResult    *result,
                                                  GhRateLimit     *rate_limit,
                                                  GError         **error);

gboolean    gh_page_cache_clear                  (const char      *dir,
                                                  GError         **error);

char       *gh_api_url_for_host                  (const char      *host);
guint       gh_max_requests_for_api_url          (const char      *api_url);

G_END_DECLS
