/* gh-error.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-error-private.h"

/* An extended domain rather than a plain G_DEFINE_QUARK one: a rate-limit
 * error is only actionable with its reset time, and the UI wants the URL and
 * status without parsing the message. The private part travels with the
 * GError through GTask, g_error_copy() and g_propagate_error(). */
typedef struct
{
  char   *url;
  guint   http_status;
  char   *reason;
  char   *github_message;
  gint64  rate_limit_reset;
  gint64  retry_after;
} GhErrorPrivate;

static void
gh_error_private_init (GhErrorPrivate *priv)
{
  priv->url = NULL;
  priv->http_status = 0;
  priv->reason = NULL;
  priv->github_message = NULL;
  priv->rate_limit_reset = 0;
  priv->retry_after = 0;
}

static void
gh_error_private_copy (const GhErrorPrivate *src,
                       GhErrorPrivate       *dest)
{
  dest->url = g_strdup (src->url);
  dest->http_status = src->http_status;
  dest->reason = g_strdup (src->reason);
  dest->github_message = g_strdup (src->github_message);
  dest->rate_limit_reset = src->rate_limit_reset;
  dest->retry_after = src->retry_after;
}

static void
gh_error_private_clear (GhErrorPrivate *priv)
{
  g_clear_pointer (&priv->url, g_free);
  g_clear_pointer (&priv->reason, g_free);
  g_clear_pointer (&priv->github_message, g_free);
}

G_DEFINE_EXTENDED_ERROR (GhError, gh_error)

static const GhErrorPrivate *
lookup_private (const GError *error)
{
  if (error == NULL || error->domain != GH_ERROR)
    return NULL;

  return gh_error_get_private (error);
}

void
_gh_error_set_details (GError     *error,
                       const char *url,
                       guint       http_status,
                       const char *reason,
                       const char *github_message,
                       gint64      rate_limit_reset,
                       gint64      retry_after)
{
  GhErrorPrivate *priv;

  g_assert (error != NULL && error->domain == GH_ERROR);

  priv = gh_error_get_private (error);
  g_free (priv->url);
  priv->url = g_strdup (url);
  priv->http_status = http_status;
  g_free (priv->reason);
  priv->reason = g_strdup (reason);
  g_free (priv->github_message);
  priv->github_message = g_strdup (github_message);
  priv->rate_limit_reset = rate_limit_reset;
  priv->retry_after = retry_after;
}

/**
 * gh_error_get_http_status:
 * @error: any error
 *
 * Returns: the HTTP status of the answer that caused @error, or 0 when
 *   @error is not a #GH_ERROR or did not come from an HTTP answer
 */
guint
gh_error_get_http_status (const GError *error)
{
  const GhErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->http_status : 0;
}

/**
 * gh_error_get_reason:
 * @error: any error
 *
 * Returns: (nullable): the HTTP reason phrase ("Not Found") of the answer
 *   that caused @error, or %NULL
 */
const char *
gh_error_get_reason (const GError *error)
{
  const GhErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->reason : NULL;
}

/**
 * gh_error_get_url:
 * @error: any error
 *
 * Returns: (nullable): the URL whose request failed, or %NULL
 */
const char *
gh_error_get_url (const GError *error)
{
  const GhErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->url : NULL;
}

/**
 * gh_error_get_github_message:
 * @error: any error
 *
 * Returns: (nullable): the `message` member of GitHub's JSON error body
 *   (control characters removed, shortened), or %NULL when there was none
 */
const char *
gh_error_get_github_message (const GError *error)
{
  const GhErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->github_message : NULL;
}

/**
 * gh_error_get_rate_limit_reset:
 * @error: any error
 *
 * For %GH_ERROR_RATE_LIMITED: when the quota is restored, from the
 * `x-ratelimit-reset` header.
 *
 * Returns: the reset time as seconds since the Unix epoch (UTC), or 0 when
 *   unknown
 */
gint64
gh_error_get_rate_limit_reset (const GError *error)
{
  const GhErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->rate_limit_reset : 0;
}

/**
 * gh_error_get_retry_after:
 * @error: any error
 *
 * For %GH_ERROR_RATE_LIMITED from a secondary limit: the `retry-after`
 * header.
 *
 * Returns: how many seconds to wait before trying again, or 0 when unknown
 */
gint64
gh_error_get_retry_after (const GError *error)
{
  const GhErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->retry_after : 0;
}
