/* gh-client-rate-limit.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * GET /rate_limit: what a load may spend before it starts.
 */

#include "config.h"

#include "gh-client-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "gh-call-private.h"
#include "gh-error-private.h"
#include "gh-json-private.h"
#include "gh-runner-private.h"
#include "gh-text.h"
#include "gh-uri-private.h"

/**
 * gh_client_get_rate_limit_sync:
 * @self: a #GhClient
 * @rate_limit: (out caller-allocates): the core quota
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads `GET /rate_limit`, which does not count against the primary rate
 * limit, so that a load can say up front that it will need more requests
 * than remain. The request does not wait for a slot
 * (gh_client_set_max_requests()) and is not retried. Blocks the calling
 * thread; may be called from any thread.
 *
 * Returns: %TRUE with @rate_limit filled in. %FALSE with a #GH_ERROR (an
 * Enterprise Server with rate limits disabled answers 404), a transport
 * error or %G_IO_ERROR_CANCELLED.
 */
gboolean
gh_client_get_rate_limit_sync (GhClient      *self,
                               GhRateLimit   *rate_limit,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  SoupMessageHeaders *headers;
  SoupSession *session;
  guint status;
  GhRateLimit read = { 0 };

  g_return_val_if_fail (GH_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (rate_limit != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Relative, so that an Enterprise /api/v3/ prefix stays */
  uri = g_uri_parse_relative (_gh_client_get_api_uri (self), "rate_limit",
                              G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  g_assert (uri != NULL && _gh_uri_same_origin (uri, _gh_client_get_api_uri (self)));
  url = g_uri_to_string (uri);

  msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  /* A redirect would take the token elsewhere */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/vnd.github+json");
  soup_message_headers_replace (headers, "X-GitHub-Api-Version", GH_API_VERSION);

  token = _gh_client_dup_token (self);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      explicit_bzero (value, strlen (value));
      explicit_bzero (token, strlen (token));
    }

  g_debug ("GET %s", url);
  session = _gh_runner_take_sync_session (_gh_client_get_runner (self));
  body = soup_session_send_and_read (session, msg, cancellable, &local_error);
  _gh_runner_return_sync_session (_gh_client_get_runner (self), session);

  if (body == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&local_error, _("Could not load %s: "), url);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  status = soup_message_get_status (msg);
  if (status < 200 || status > 299)
    {
      g_autofree char *phrase = gh_text_sanitize (_gh_message_reason (msg), GH_TEXT_MAX_NAME_CHARS,
                                                  NULL);

      /* Translators: the HTTP status and its reason phrase ("Not Found"),
         which stay in English, then the URL */
      g_set_error (error, GH_ERROR, status == 404 ? GH_ERROR_NOT_FOUND : GH_ERROR_FAILED,
                   _("Could not read the rate limit: HTTP %u %s from %s"), status, phrase, url);
      return FALSE;
    }

  if (g_bytes_get_size (body) > GH_MAX_ERROR_BODY_BYTES ||
      !_gh_json_parse_rate_limit (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  &read.limit, &read.remaining, &read.reset, &reason))
    {
      g_autofree char *safe = gh_text_sanitize (reason != NULL ? reason : _("too large"),
                                                GH_MAX_QUOTED_CHARS, NULL);

      /* Translators: the URL, then why its answer could not be used */
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_RESPONSE,
                   _("Could not read the rate limit from %s: %s"), url, safe);
      return FALSE;
    }

  g_debug ("Rate limit: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " left, reset at %"
           G_GINT64_FORMAT, read.remaining, read.limit, read.reset);
  *rate_limit = read;
  return TRUE;
}

static void
get_rate_limit_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GhRateLimit rate_limit;
  GError *error = NULL;

  if (gh_client_get_rate_limit_sync (source_object, &rate_limit, cancellable, &error))
    g_task_return_pointer (task, g_memdup2 (&rate_limit, sizeof rate_limit), g_free);
  else
    g_task_return_error (task, error);
}

/**
 * gh_client_get_rate_limit_async:
 * @self: a #GhClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when done
 * @user_data: data for @callback
 *
 * The callback style of gh_client_get_rate_limit_sync(). The request runs
 * on a worker thread, so the caller's main loop (the window's) never waits.
 */
void
gh_client_get_rate_limit_async (GhClient            *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GH_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gh_client_get_rate_limit_async);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, get_rate_limit_thread);
}

/**
 * gh_client_get_rate_limit_finish:
 * @self: a #GhClient
 * @result: the #GAsyncResult given to the callback
 * @rate_limit: (out caller-allocates): the core quota
 * @error: return location for a #GError
 *
 * Returns: as gh_client_get_rate_limit_sync() does
 */
gboolean
gh_client_get_rate_limit_finish (GhClient      *self,
                                 GAsyncResult  *result,
                                 GhRateLimit   *rate_limit,
                                 GError       **error)
{
  g_autofree GhRateLimit *read = NULL;

  g_return_val_if_fail (GH_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gh_client_get_rate_limit_async,
                        FALSE);
  g_return_val_if_fail (rate_limit != NULL, FALSE);

  read = g_task_propagate_pointer (G_TASK (result), error);
  if (read == NULL)
    return FALSE;

  *rate_limit = *read;
  return TRUE;
}
