/* gh-error.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GH_ERROR (gh_error_quark ())

/**
 * GhError:
 * @GH_ERROR_FAILED: GitHub answered with an HTTP status that has no code of
 *   its own (e.g. 400, 410, 422, or a 3xx that cannot be followed)
 * @GH_ERROR_INVALID_NAME: an organization or repository name was refused
 *   before sending anything (empty, "." or "..", control characters, over
 *   100 bytes, not UTF-8)
 * @GH_ERROR_INVALID_URL: the API URL is not an absolute http(s) URL, or is
 *   plain http to a host that is not loopback
 * @GH_ERROR_INVALID_TOKEN: the access token contains characters that cannot
 *   go in an HTTP header
 * @GH_ERROR_BAD_CREDENTIALS: HTTP 401: the token was refused
 * @GH_ERROR_RATE_LIMITED: HTTP 403 or 429 from a primary or secondary rate
 *   limit; see gh_error_get_rate_limit_reset() and gh_error_get_retry_after()
 * @GH_ERROR_FORBIDDEN: any other HTTP 403
 * @GH_ERROR_NOT_FOUND: HTTP 404: no such organization or repository, or it
 *   is private and the token may not see it
 * @GH_ERROR_UNAVAILABLE_FOR_LEGAL_REASONS: HTTP 451: access blocked (DMCA,
 *   terms of service)
 * @GH_ERROR_SERVER_ERROR: HTTP 5xx
 * @GH_ERROR_INVALID_RESPONSE: the server's answer could not be used: not
 *   JSON, not an array, wrong field types, truncated, too large, nested too
 *   deeply, or a pagination loop
 * @GH_ERROR_CROSS_ORIGIN: a next-page link or a redirect pointed away from
 *   the API URL's origin (scheme, host and port), so it was not followed
 * @GH_ERROR_TOO_MANY_PAGES: the list goes on past the client's page cap
 *   (#GhClient:max-pages); what was loaded is not all of it
 *
 * Errors of the GitHub client. Transport failures keep their GIO (or TLS)
 * error, and cancellation is always %G_IO_ERROR_CANCELLED.
 *
 * GH_ERROR is an extended error domain: besides the message, every error
 * that comes from an HTTP answer carries the URL, the status and GitHub's
 * own `message`, which gh_error_get_url() and friends return.
 */
typedef enum
{
  GH_ERROR_FAILED,
  GH_ERROR_INVALID_NAME,
  GH_ERROR_INVALID_URL,
  GH_ERROR_INVALID_TOKEN,
  GH_ERROR_BAD_CREDENTIALS,
  GH_ERROR_RATE_LIMITED,
  GH_ERROR_FORBIDDEN,
  GH_ERROR_NOT_FOUND,
  GH_ERROR_UNAVAILABLE_FOR_LEGAL_REASONS,
  GH_ERROR_SERVER_ERROR,
  GH_ERROR_INVALID_RESPONSE,
  GH_ERROR_CROSS_ORIGIN,
  GH_ERROR_TOO_MANY_PAGES,
} GhError;

GQuark      gh_error_quark                 (void);

guint       gh_error_get_http_status       (const GError *error);
const char *gh_error_get_reason            (const GError *error);
const char *gh_error_get_url               (const GError *error);
const char *gh_error_get_github_message    (const GError *error);
gint64      gh_error_get_rate_limit_reset  (const GError *error);
gint64      gh_error_get_retry_after       (const GError *error);

G_END_DECLS
