/* gh-call.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-call-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "coro.h"
#include "gh-error-private.h"
#include "gh-json-private.h"
#include "gh-log.h"
#include "gh-text.h"
#include "gh-uri-private.h"

/*
 * One call: all pages of one endpoint, whichever style runs it
 * (gh-runner.c). A page is one request: its URL and headers, its
 * deadline, how much of its body to read, what its status means, its
 * items and its next-page link. Redirects and next pages are followed only
 * within the API URL's origin, the only place the token goes.
 */

/* The buffer for a body starts at its announced length, up to the first
 * size (a claim is not data: a server could announce the limit and send
 * nothing), or at the second without one, and doubles when full */
#define MAX_BODY_PREALLOC_BYTES (256 * 1024)
#define MIN_READ_BYTES (16 * 1024)
#define MAX_REDIRECTS 5

void
_gh_call_free (GhCall *call)
{
  g_assert (!call->holding_slot);
  g_assert (call->stream == NULL);
  g_assert (call->lane == NULL);
  g_assert (call->deadline == NULL && call->forward_id == 0);
  g_assert (call->retry_timer == NULL && call->retry_cancel == NULL);
  g_assert (call->io_forward_id == 0);
  g_assert (call->task == NULL);

  g_clear_pointer (&call->sink, gh_request_sink_unref);
  g_free (call->subject);
  g_free (call->cache_key);
  g_clear_pointer (&call->cached, _gh_cached_page_free);
  g_clear_object (&call->msg);
  g_clear_object (&call->session);
  g_clear_object (&call->request_cancellable);
  g_clear_pointer (&call->body, g_byte_array_unref);
  g_clear_pointer (&call->reason, g_free);
  g_clear_pointer (&call->parse_failure, g_free);
  g_clear_pointer (&call->items, g_ptr_array_unref);
  g_clear_pointer (&call->visited, g_hash_table_unref);
  g_clear_pointer (&call->url, g_free);
  if (call->token != NULL)
    {
      explicit_bzero (call->token, strlen (call->token));
      g_free (call->token);
    }
  g_clear_object (&call->io_cancellable);
  g_clear_object (&call->cancellable);
  g_clear_pointer (&call->api_uri, g_uri_unref);
  g_clear_object (&call->owner);
  g_free (call);
}

/**
 * _gh_call_new:
 * @owner: what runs the call (the client), kept until the call is freed
 * @api_uri: the API URL: @relative is resolved against it, and it is the
 *   only origin the call will follow links to or send the token to
 * @runner: where the call's requests run
 * @item_type: #GH_TYPE_REPO or #GH_TYPE_USER
 * @relative: the first page, relative to @api_uri, with its names
 *   validated and escaped
 * @cancellable: (nullable): the caller's
 *
 * The caller fills in the token and the settings.
 */
GhCall *
_gh_call_new (GObject      *owner,
              GUri         *api_uri,
              GhRunner     *runner,
              GType         item_type,
              const char   *relative,
              GCancellable *cancellable)
{
  GhCall *call = g_new0 (GhCall, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  call->owner = g_object_ref (owner);
  call->api_uri = g_uri_ref (api_uri);
  call->runner = runner;
  call->item_type = item_type;
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->items = g_ptr_array_new_with_free_func (g_object_unref);
  call->anonymous_index = -1;
  call->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  call->rate_limit = GH_RESPONSE_UNKNOWN;
  call->rate_remaining = GH_RESPONSE_UNKNOWN;
  call->rate_reset = GH_RESPONSE_UNKNOWN;

  /* Relative to the API URL, so that an Enterprise /api/v3/ prefix stays.
   * The names in @relative are validated and escaped, so this cannot fail
   * or leave the origin. */
  uri = g_uri_parse_relative (api_uri, relative,
                              G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, &error);
  g_assert_no_error (error);
  g_assert (_gh_uri_same_origin (uri, api_uri));
  call->url = g_uri_to_string (uri);

  return call;
}

/**
 * _gh_call_set_request_info:
 * @call: a call, on the thread that makes it
 * @sink: (nullable): where its requests are recorded
 * @kind: the endpoint
 * @subject: the organization or the repository
 *
 * Also takes who is asking: the calling thread and coroutine.
 */
void
_gh_call_set_request_info (GhCall        *call,
                           GhRequestSink *sink,
                           GhRequestKind  kind,
                           const char    *subject)
{
  if (sink == NULL)
    return;

  call->sink = gh_request_sink_ref (sink);
  call->kind = kind;
  call->subject = g_strdup (subject);
  call->caller_thread = coro_debug_get_thread_name ();
  call->caller_coroutine = coro_debug_get_coroutine (&call->caller_coroutine_id);
}

/**
 * _gh_call_record_request:
 * @call: a call
 * @error: (nullable): how the request failed, after _gh_call_scrub_error()
 *
 * Records the request in flight, if there is one and it was not recorded
 * yet: once it is answered (with its items, once parsed), retried or
 * redirected, or once it failed.
 */
void
_gh_call_record_request (GhCall       *call,
                         const GError *error)
{
  GhRequestEvent event = { 0, };

  if (!call->request_open)
    return;
  call->request_open = FALSE;
  if (call->sink == NULL)
    return;

  event.start_us = call->request_start_us;
  event.end_us = call->request_end_us != G_MININT64 ? call->request_end_us : gh_request_sink_now (call->sink);
  event.kind = call->kind;
  event.url = call->url;
  event.subject = call->subject;
  event.page = call->n_pages + 1;
  event.thread = call->caller_thread;
  event.coroutine = call->caller_coroutine;
  event.coroutine_id = call->caller_coroutine_id;
  event.status = call->msg != NULL ? soup_message_get_status (call->msg) : 0;
  event.n_items = call->items->len - call->request_first_item;
  /* A 304's page came from the cache, not over the network */
  event.n_bytes = call->body != NULL && !call->from_cache ? call->body->len : 0;
  if (error != NULL)
    {
      event.outcome = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? GH_REQUEST_CANCELLED
                                                                                : GH_REQUEST_FAILED;
      event.error_domain = error->domain;
      event.error_code = error->code;
    }
  else if (event.status >= 400)
    event.outcome = GH_REQUEST_FAILED;   /* answered, then retried */
  else
    event.outcome = event.n_items > 0 ? GH_REQUEST_OK : GH_REQUEST_EMPTY;

  gh_request_sink_record (call->sink, &event);
}

GhResponse *
_gh_call_build_response (GhCall *call)
{
  GhResponse *response;

  response = gh_response_new (call->item_type, call->status, call->reason);
  for (guint i = 0; i < call->items->len; i++)
    gh_response_add_item (response, g_ptr_array_index (call->items, i));
  gh_response_set_rate_limit (response, call->rate_limit, call->rate_remaining, call->rate_reset);
  gh_response_set_n_pages (response, call->n_pages);

  return response;
}

/* Resolves a Link or Location target against the current URL and checks
 * that it stays on the API URL's origin */
char *
_gh_call_resolve_target (GhCall      *call,
                         const char  *what,
                         const char  *target,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *reason = NULL;
  const char *scheme;
  const char *host;

  base = g_uri_parse (call->url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  g_assert (base != NULL);
  uri = g_uri_parse_relative (base, target, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE,
                              &local_error);

  if (uri == NULL)
    {
      g_autofree char *shown = gh_text_sanitize (target, GH_MAX_QUOTED_CHARS, call->token);

      /* Translators: a redirect or a next-page link, then where it points to */
      reason = g_strdup_printf (_("the %s “%s” is not a valid URL"), _(what), shown);
      g_propagate_error (error, _gh_call_invalid_response_error (call, reason));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

      /* Translators: a redirect or a next-page link, then where it points to */
      reason = g_strdup_printf (_("the %s “%s” is not an http(s) URL"), _(what), shown);
      g_propagate_error (error, _gh_call_invalid_response_error (call, reason));
      return NULL;
    }

  /* Shown as sent: printed again, "%2f" would read as a path */
  host = g_uri_get_host (uri);
  if (!_gh_uri_is_valid_host (host))
    {
      g_autofree char *shown = gh_text_sanitize (target, GH_MAX_QUOTED_CHARS, call->token);

      if (host == NULL || host[0] == '\0')
        /* Translators: a redirect or a next-page link, then where it points to */
        reason = g_strdup_printf (_("the %s “%s” has no host name"), _(what), shown);
      else
        /* Translators: a redirect or a next-page link, then where it points to */
        reason = g_strdup_printf (_("the %s “%s” has an invalid host name"), _(what), shown);
      g_propagate_error (error, _gh_call_invalid_response_error (call, reason));
      return NULL;
    }

  if (!_gh_uri_same_origin (uri, call->api_uri))
    {
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

      g_propagate_error (error, _gh_call_cross_origin_error (call, what, shown));
      return NULL;
    }

  /* Credentials in a link would turn into a Basic header of their own */
  return g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_FRAGMENT);
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static void
on_message_restarted (SoupMessage *msg,
                      gpointer     user_data)
{
  GUri *api_uri = user_data;

  /* Redirects are handled by hand (SOUP_MESSAGE_NO_REDIRECT), so a restart
   * should never change the URI; if anything ever does, the token must not
   * go with it. */
  if (!_gh_uri_same_origin (soup_message_get_uri (msg), api_uri))
    soup_message_headers_remove (soup_message_get_request_headers (msg), "Authorization");
}

void
_gh_call_begin_page (GhCall      *call,
                     SoupSession *session)
{
  SoupMessageHeaders *headers;

  g_assert (call->url != NULL);
  g_assert (call->msg == NULL && call->stream == NULL);

  g_set_object (&call->session, session);
  call->msg = soup_message_new (SOUP_METHOD_GET, call->url);
  g_assert (call->msg != NULL);
  soup_message_add_flags (call->msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect_data (call->msg, "restarted", G_CALLBACK (on_message_restarted),
                         g_uri_ref (call->api_uri), (GClosureNotify) g_uri_unref, 0);

  headers = soup_message_get_request_headers (call->msg);
  soup_message_headers_replace (headers, "Accept", "application/vnd.github+json");
  soup_message_headers_replace (headers, "X-GitHub-Api-Version", GH_API_VERSION);

  /* Every URL of a call has been checked against the API URL's origin;
   * checked once more here because this is where the secret goes out */
  if (call->token != NULL &&
      _gh_uri_same_origin (soup_message_get_uri (call->msg), call->api_uri))
    {
      g_autofree char *value = g_strconcat ("Bearer ", call->token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      explicit_bzero (value, strlen (value));
    }

  g_hash_table_add (call->visited, g_strdup (call->url));

  /* A page kept from before is asked for only if it changed */
  g_clear_pointer (&call->cached, _gh_cached_page_free);
  call->from_cache = FALSE;
  if (call->cache != NULL)
    {
      g_free (call->cache_key);
      call->cache_key = _gh_cache_key (call->url, call->token);
      call->cached = _gh_cache_lookup (call->cache, call->cache_key, call->url);
    }
  if (call->cached != NULL && call->cached->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", call->cached->etag);
  else if (call->cached != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", call->cached->last_modified);

  if (call->sink != NULL)
    {
      call->request_open = TRUE;
      call->request_start_us = gh_request_sink_now (call->sink);
      call->request_end_us = G_MININT64;
      call->request_first_item = call->items->len;
    }

  g_clear_pointer (&call->body, g_byte_array_unref);
  call->body_too_large = FALSE;
  call->body_limit = 0;

  g_debug ("GET %s", call->url);
}

/*
 * Each request's overall deadline. libsoup's own timeout is an idle one,
 * which a server that sends a byte now and then resets for ever; so every
 * request goes out with a cancellable of its own, cancelled by the
 * caller's or by a timer when the deadline passes. A cancelled request
 * whose caller did not cancel has timed out; _gh_call_scrub_error() says so.
 */

static gboolean
deadline_passed_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   gpointer      data)
{
  g_cancellable_cancel (data);
}

/* Starts the deadline of the request just begun; its timer runs on
 * @context, whose thread the cancellation then happens on. @cancellable
 * (the caller's, or the callback style's own on its I/O thread) cancels
 * the request from whichever thread it is cancelled on. */
void
_gh_call_arm_deadline (GhCall       *call,
                       GMainContext *context,
                       GCancellable *cancellable)
{
  g_assert (call->deadline == NULL && call->forward_from == NULL);

  g_clear_object (&call->request_cancellable);
  call->request_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      call->forward_from = cancellable;
      call->forward_id = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                                call->request_cancellable, NULL);
    }

  call->deadline = g_timeout_source_new (call->timeout_s * 1000);
  g_source_set_callback (call->deadline, deadline_passed_cb,
                         g_object_ref (call->request_cancellable), g_object_unref);
  g_source_set_static_name (call->deadline, "[gh] request deadline");
  g_source_attach (call->deadline, context);
}

/* The request is over. Its cancellable stays, for _gh_call_scrub_error() */
void
_gh_call_disarm_deadline (GhCall *call)
{
  if (call->deadline == NULL)
    return;

  g_source_destroy (call->deadline);
  g_clear_pointer (&call->deadline, g_source_unref);
  if (call->forward_id != 0)
    g_cancellable_disconnect (call->forward_from, call->forward_id);
  call->forward_id = 0;
  call->forward_from = NULL;
}

/* Called once the status line and headers are in. Decides how much of the
 * body to read: all of a success (up to the cap), a little of an error
 * (for GitHub's message), nothing of a redirect. */
gboolean
_gh_call_check_head (GhCall  *call,
                     GError **error)
{
  guint status = soup_message_get_status (call->msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->msg);
  g_autofree char *status_reason = gh_text_sanitize (_gh_message_reason (call->msg),
                                                     GH_TEXT_MAX_NAME_CHARS, call->token);

  g_debug ("GET %s -> %u %s", call->url, status, status_reason);

  if (is_redirect (status) || (status == SOUP_STATUS_NOT_MODIFIED && call->cached != NULL))
    {
      call->body_limit = 0;
      return TRUE;
    }

  if (status >= 200 && status <= 299)
    {
      goffset length = soup_message_headers_get_content_length (headers);

      call->body_limit = GH_CLIENT_MAX_BODY_BYTES;

      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          length > GH_CLIENT_MAX_BODY_BYTES)
        {
          g_autofree char *size = g_format_size_full (length, G_FORMAT_SIZE_IEC_UNITS);
          g_autofree char *limit = g_format_size_full (GH_CLIENT_MAX_BODY_BYTES,
                                                       G_FORMAT_SIZE_IEC_UNITS);
          /* Translators: two sizes, e.g. "12.0 MiB" */
          g_autofree char *reason = g_strdup_printf (_("the body is too large (%s; at most %s)"),
                                                     size, limit);

          g_propagate_error (error, _gh_call_invalid_response_error (call, reason));
          return FALSE;
        }
    }
  else
    {
      call->body_limit = GH_MAX_ERROR_BODY_BYTES;
    }

  /* A body of known length is read into a buffer of its size, with one
   * byte more for the read that finds the end: no copying as it grows,
   * which is most bodies, since GitHub and the fake server say how long
   * their pages are */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    call->body_capacity = MIN ((gsize) soup_message_headers_get_content_length (headers),
                               MIN (call->body_limit, MAX_BODY_PREALLOC_BYTES)) + 1;
  else
    call->body_capacity = MIN_READ_BYTES;
  call->body = g_byte_array_sized_new (call->body_capacity);

  return TRUE;
}

/* Stops reading: closing a libsoup body stream early does not drain it,
 * and the connection is dropped instead of reused */
void
_gh_call_close_stream (GhCall *call)
{
  /* The request ends as its answer is in; parsing it comes after */
  if (call->request_open && call->request_end_us == G_MININT64)
    call->request_end_us = gh_request_sink_now (call->sink);

  if (call->stream == NULL)
    return;

  g_input_stream_close (call->stream, NULL, NULL);
  g_clear_object (&call->stream);
}

/* Accounts for @n freshly read bytes; FALSE once the limit is passed */
gboolean
_gh_call_add_body_bytes (GhCall *call,
                         gsize   n)
{
  call->body->len += n;

  if (call->body->len > call->body_limit)
    {
      call->body_too_large = TRUE;
      return FALSE;
    }

  return TRUE;
}

/* Where the next read goes, and how much it may read */
guint8 *
_gh_call_prepare_read (GhCall *call,
                       gsize  *size)
{
  guint used = call->body->len;

  /* Up to one byte past the limit, which is how a body that is too
   * large shows */
  if (call->body_capacity == used)
    call->body_capacity = MIN (used + MAX (used, MIN_READ_BYTES), call->body_limit + 1);

  g_byte_array_set_size (call->body, call->body_capacity);
  call->body->len = used;
  *size = call->body_capacity - used;

  return call->body->data + used;
}

/* A failure while reading the body. The body of a success that breaks off
 * is an invalid response; that of an error answer is only a hint, so the
 * status still decides. Cancellation is always just that. */
gboolean
_gh_call_handle_read_error (GhCall  *call,
                            GError  *read_error,
                            GError **error)
{
  guint status = soup_message_get_status (call->msg);

  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }

  if (status < 200 || status > 299)
    {
      g_debug ("Ignoring a failure to read the error body of %s: %s",
               call->url, read_error->message);
      g_error_free (read_error);
      g_byte_array_set_size (call->body, 0);
      return TRUE;
    }

  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    {
      g_autofree char *size = g_format_size_full (call->body->len, G_FORMAT_SIZE_IEC_UNITS);
      /* Translators: a size ("512 bytes", "1.5 MiB"), then why */
      g_autofree char *reason = g_strdup_printf (_("the body was truncated after %s (%s)"),
                                                 size, read_error->message);

      g_propagate_error (error, _gh_call_invalid_response_error (call, reason));
      g_error_free (read_error);
      return FALSE;
    }

  g_prefix_error (&read_error, _("Could not read the answer from %s: "), call->url);
  g_propagate_error (error, read_error);

  return FALSE;
}

static void
call_update_rate_limit (GhCall *call)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->msg);

  call->rate_limit = _gh_header_int (headers, "x-ratelimit-limit");
  call->rate_remaining = _gh_header_int (headers, "x-ratelimit-remaining");
  call->rate_reset = _gh_header_int (headers, "x-ratelimit-reset");
}

/*
 * Whether the answer just read is worth another try, and after how long.
 * Gateways and a GitHub under load (502, 503, 504) often answer the next
 * time; so does a secondary rate limit once its Retry-After has passed.
 * A 500 is not retried: it is as a rule the request's own fault, and
 * the demo's failing repository must still fail. A Retry-After is waited
 * out exactly, never less; one longer than a minute is left to the user,
 * whom the error tells when to try again.
 */
static gboolean
call_plan_retry (GhCall *call,
                 guint   status)
{
  gint64 retry_after = _gh_header_retry_after (soup_message_get_response_headers (call->msg));
  guint delay_ms;

  if (status != 502 && status != 503 && status != 504 &&
      !((status == 403 || status == 429) && retry_after > 0))
    return FALSE;

  if (call->n_retries >= GH_CLIENT_MAX_RETRIES || retry_after > GH_CLIENT_MAX_RETRY_AFTER)
    return FALSE;

  if (retry_after > 0)
    {
      delay_ms = (guint) retry_after * 1000;
    }
  else
    {
      /* Exponential, with ±50 % jitter so that the requests of a load
       * that failed together do not come back together */
      double backoff = (double) call->retry_base_ms * (1u << call->n_retries);

      delay_ms = (guint) (backoff * g_random_double_range (0.5, 1.5));
    }

  call->n_retries++;
  call->retry_delay_ms = delay_ms;

  g_debug ("HTTP %u from %s: retry %u of %d in %u ms",
           status, call->url, call->n_retries, GH_CLIENT_MAX_RETRIES, delay_ms);
  gh_log_info ("Retrying %s in %u ms after HTTP %u (retry %u of %d)",
               call->url, delay_ms, status, call->n_retries, GH_CLIENT_MAX_RETRIES);

  return TRUE;
}

/* The page's status, before its body is looked at */
GhPageOutcome
_gh_call_check_page (GhCall  *call,
                     GError **error)
{
  SoupMessage *msg = call->msg;
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  guint status = soup_message_get_status (msg);
  g_autofree char *target = NULL;

  g_assert (call->stream == NULL);

  if (is_redirect (status))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");

      if (location == NULL)
        {
          g_propagate_error (error,
                             _gh_call_invalid_response_error (call, _("a redirect without a Location")));
          return GH_PAGE_FAILED;
        }

      if (++call->n_redirects > MAX_REDIRECTS)
        {
          g_propagate_error (error, _gh_call_invalid_response_error (call, _("too many redirects")));
          return GH_PAGE_FAILED;
        }

      /* Renamed repositories answer 301 with an id-based URL on the same
       * origin; anything else is refused rather than given the token */
      /* Translators: put into “the %s “%s” is not a valid URL” and the like */
      target = _gh_call_resolve_target (call, N_("redirect"), location, error);
      if (target == NULL)
        return GH_PAGE_FAILED;

      g_debug ("Following a redirect from %s to %s", call->url, target);
      _gh_call_record_request (call, NULL);
      g_free (call->url);
      call->url = g_steal_pointer (&target);
      g_clear_object (&call->msg);
      return GH_PAGE_REDIRECTED;
    }

  if (call_plan_retry (call, status))
    {
      _gh_call_record_request (call, NULL);
      g_clear_object (&call->msg);
      return GH_PAGE_RETRY;
    }

  /* Not modified: the page is the one kept */
  if (status == SOUP_STATUS_NOT_MODIFIED && call->cached != NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (call->cached->body, &size);

      g_debug ("GET %s -> 304: the cached page", call->url);
      g_clear_pointer (&call->body, g_byte_array_unref);
      call->body = g_byte_array_sized_new (size);
      g_byte_array_append (call->body, data, size);
      call->from_cache = TRUE;
      return GH_PAGE_BODY;
    }

  if (status < 200 || status > 299)
    {
      g_propagate_error (error, _gh_call_http_error (call));
      return GH_PAGE_FAILED;
    }

  if (call->body_too_large)
    {
      g_autofree char *reason =
        g_strdup_printf (_("the body is larger than %d MiB"),
                         GH_CLIENT_MAX_BODY_BYTES / (1024 * 1024));

      g_propagate_error (error, _gh_call_invalid_response_error (call, reason));
      return GH_PAGE_FAILED;
    }

  /* 204: the documented answer for an empty repository */
  return status == 204 ? GH_PAGE_EMPTY : GH_PAGE_BODY;
}

/* A page that parsed is kept for the next conditional request */
static void
keep_page (GhCall *call)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->msg);

  if (call->cache == NULL || call->from_cache || soup_message_get_status (call->msg) != SOUP_STATUS_OK)
    return;

  _gh_cache_store (call->cache, call->cache_key, call->url, soup_message_headers_get_one (headers, "ETag"),
                   soup_message_headers_get_one (headers, "Last-Modified"),
                   soup_message_headers_get_list (headers, "Link"), call->body->data, call->body->len);
}

/* Touches only the call's page, so that it may run on another thread while
 * the call waits, which keeps the cache's disk writes off the I/O thread
 * too; *reason is for _gh_call_invalid_response_error() */
gboolean
_gh_call_parse_page (GhCall  *call,
                     char   **reason)
{
  if (call->parse_observer != NULL)
    call->parse_observer (call->url, call->parse_observer_data);

  if (!_gh_json_parse_items (call->item_type, (const char *) call->body->data, call->body->len,
                             call->items, &call->anonymous_index, reason))
    return FALSE;

  keep_page (call);
  return TRUE;
}

/* The page is in: counts it and follows its next-page link, if any */
gboolean
_gh_call_advance_page (GhCall  *call,
                       GError **error)
{
  SoupMessage *msg = call->msg;
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autofree char *next = NULL;
  g_autofree char *target = NULL;
  const char *link;

  _gh_call_record_request (call, NULL);
  call->n_pages++;
  call->n_redirects = 0;
  call->n_retries = 0;
  call->status = call->from_cache ? SOUP_STATUS_OK : soup_message_get_status (msg);
  g_free (call->reason);
  call->reason = g_strdup (call->from_cache ? "OK" : _gh_message_reason (msg));
  call_update_rate_limit (call);

  link = call->from_cache ? call->cached->link : soup_message_headers_get_list (headers, "Link");
  next = _gh_link_find_next (link);
  if (next != NULL)
    {
      /* Followed verbatim (GitHub switches to id-based URLs such as
       * /organizations/ID/repos), but only on the same origin */
      /* Translators: put into “the %s “%s” is not a valid URL” and the like */
      target = _gh_call_resolve_target (call, N_("next-page link"), next, error);
      if (target == NULL)
        return FALSE;

      if (g_hash_table_contains (call->visited, target))
        {
          g_autofree char *reason =
            g_strdup_printf (_("the next-page link points back to %s"), target);

          g_propagate_error (error, _gh_call_invalid_response_error (call, reason));
          return FALSE;
        }

      /* A list cut short would pass for the whole of it */
      if (call->n_pages >= call->max_pages)
        {
          g_propagate_error (error, _gh_call_too_many_pages_error (call, target));
          return FALSE;
        }
    }

  g_free (call->url);
  call->url = g_steal_pointer (&target);
  g_clear_object (&call->msg);

  return TRUE;
}
