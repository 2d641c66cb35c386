/* gh-call-error.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-call-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gh-error-private.h"
#include "gh-json-private.h"
#include "gh-text.h"

/* What a call's failures say: GitHub's answers as GH_ERROR, a transport
 * failure as it came, and every message made safe to show. */

const char *
_gh_message_reason (SoupMessage *msg)
{
  const char *reason = soup_message_get_reason_phrase (msg);
  guint status = soup_message_get_status (msg);

  /* HTTP/2 has no reason phrases, and libsoup 3.2 knows none for these two
   * (a SoupServer even sends "Unknown Error") */
  if (reason == NULL || reason[0] == '\0' || g_str_equal (reason, "Unknown Error"))
    {
      if (status == 429)
        return "Too Many Requests";
      if (status == 451)
        return "Unavailable For Legal Reasons";
      reason = soup_status_get_phrase (status);
    }

  return reason;
}

gint64
_gh_header_int (SoupMessageHeaders *headers,
                const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  gint64 number;

  if (value == NULL ||
      !g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &number, NULL))
    return GH_RESPONSE_UNKNOWN;

  return number;
}

/* `retry-after` is either seconds or an HTTP date */
gint64
_gh_header_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  gint64 seconds;

  if (value == NULL)
    return 0;

  seconds = _gh_header_int (headers, "Retry-After");
  if (seconds != GH_RESPONSE_UNKNOWN)
    return MAX (seconds, 1);

  date = soup_date_time_new_from_http_string (value);
  if (date != NULL)
    return MAX (g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC, 1);

  /* Unreadable, but it still says "wait": GitHub's advice is a minute */
  return 60;
}

/* The reset as the user's clock shows it, once: the time of day, with the
 * date when that is not today. NULL when out of range. */
static char *
format_reset (gint64 reset)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (reset);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year, month, day;
  int now_year, now_month, now_day;

  if (when == NULL)
    return NULL;

  g_date_time_get_ymd (when, &year, &month, &day);
  g_date_time_get_ymd (now, &now_year, &now_month, &now_day);
  if (year == now_year && month == now_month && day == now_day)
    return g_date_time_format (when, "%X");

  return g_date_time_format (when, "%x %X");
}

static gboolean
message_mentions_rate_limit (const char *github_message)
{
  g_autofree char *folded = NULL;

  if (github_message == NULL)
    return FALSE;

  folded = g_ascii_strdown (github_message, -1);
  return strstr (folded, "rate limit") != NULL;
}

/*
 * Turns a non-2xx answer into a GH_ERROR with an actionable message that
 * names the URL, the status and GitHub's own message.
 */
GError *
_gh_call_http_error (GhCall *call)
{
  SoupMessage *msg = call->msg;
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  guint status = soup_message_get_status (msg);
  g_autofree char *reason = gh_text_sanitize (_gh_message_reason (msg), GH_TEXT_MAX_NAME_CHARS,
                                              call->token);
  g_autofree char *raw_message = NULL;
  g_autofree char *github_message = NULL;
  g_autofree char *quoted = NULL;
  gint64 remaining = _gh_header_int (headers, "x-ratelimit-remaining");
  gint64 reset = _gh_header_int (headers, "x-ratelimit-reset");
  gint64 retry_after = _gh_header_retry_after (headers);
  GError *error;
  GhError code;
  const char *what;
  g_autofree char *hint = NULL;

  /* A server may echo the request's Authorization header in its message;
   * redacted before the message is cut, which could leave part of it */
  if (call->body != NULL)
    raw_message = _gh_json_extract_message ((const char *) call->body->data, call->body->len);
  github_message = gh_text_sanitize (raw_message, GH_MAX_QUOTED_CHARS, call->token);

  /* Translators: GitHub's own error message, quoted after the URL */
  quoted = github_message != NULL ? g_strdup_printf (_(": “%s”"), github_message)
                                  : g_strdup ("");

  if (status == 401 && call->token == NULL)
    {
      /* An Enterprise server that lets no one in anonymously */
      code = GH_ERROR_BAD_CREDENTIALS;
      what = _("The server wants an access token");
      hint = g_strdup (_("Set an access token."));
    }
  else if (status == 401)
    {
      code = GH_ERROR_BAD_CREDENTIALS;
      what = _("The access token was refused");
      hint = g_strdup (_("Check the access token, or clear it to load anonymously."));
    }
  else if ((status == 403 || status == 429) &&
           (remaining == 0 || retry_after > 0 || status == 429 ||
            message_mentions_rate_limit (github_message)))
    {
      /* The reset time is said here and nowhere else: the window and the
       * headless runner show this message as it is */
      g_autofree char *when = reset > 0 ? format_reset (reset) : NULL;

      code = GH_ERROR_RATE_LIMITED;
      what = _("Rate limit exceeded");
      if (retry_after > 0 && retry_after < 120)
        hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Try again in %d second.",
                                             "Try again in %d seconds.", retry_after),
                                (int) retry_after);
      else if (retry_after > 0)
        hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Try again in %d minute.",
                                             "Try again in %d minutes.", (retry_after + 59) / 60),
                                (int) MIN ((retry_after + 59) / 60, G_MAXINT));
      else if (when != NULL && call->token == NULL)
        /* Translators: %s is a time of day (with the date when not today) */
        hint = g_strdup_printf (_("The rate limit resets at %s. An access token raises the limit."),
                                when);
      else if (when != NULL)
        /* Translators: %s is a time of day (with the date when not today) */
        hint = g_strdup_printf (_("The rate limit resets at %s."), when);
      else
        hint = g_strdup (_("Wait a few minutes before trying again."));
    }
  else if (status == 403)
    {
      code = GH_ERROR_FORBIDDEN;
      what = _("Access forbidden");
      if (call->token != NULL)
        hint = g_strdup (_("Check that the access token has the permission, and the SSO "
                           "authorization, to read this."));
    }
  else if (status == 404)
    {
      code = GH_ERROR_NOT_FOUND;
      what = _("No such organization or repository (or it is private)");
      hint = g_strdup (_("Check the name; for a private one, set an access token that may see "
                         "it."));
    }
  else if (status == 451)
    {
      code = GH_ERROR_UNAVAILABLE_FOR_LEGAL_REASONS;
      what = _("Unavailable for legal reasons");
    }
  else if (status >= 500 && status <= 599)
    {
      code = GH_ERROR_SERVER_ERROR;
      what = _("GitHub server error");
      hint = g_strdup (_("Try again later."));
    }
  else
    {
      code = GH_ERROR_FAILED;
      what = _("Unexpected answer");
    }

  /* Translators: what went wrong; the HTTP status and its reason phrase
     ("Not Found"), which stay in English; the URL; then GitHub's own
     message and a piece of advice, each with its separator, or empty */
  error = g_error_new (GH_ERROR, code, _("%s: HTTP %u %s from %s%s%s%s"),
                       what, status, reason, call->url, quoted,
                       hint != NULL ? ". " : "", hint != NULL ? hint : "");
  _gh_error_set_details (error, call->url, status, reason, github_message,
                         reset > 0 ? reset : 0, retry_after);

  return error;
}

GError *
_gh_call_invalid_response_error (GhCall     *call,
                                 const char *reason)
{
  guint status = call->msg != NULL ? soup_message_get_status (call->msg) : 0;
  GError *error;

  error = g_error_new (GH_ERROR, GH_ERROR_INVALID_RESPONSE,
                       /* Translators: the URL, then what was wrong with the answer */
                       _("Invalid response from %s: %s"), call->url, reason);
  _gh_error_set_details (error, call->url, status,
                         call->msg != NULL ? _gh_message_reason (call->msg) : NULL,
                         NULL, 0, 0);

  return error;
}

GError *
_gh_call_cross_origin_error (GhCall     *call,
                             const char *what,
                             const char *target)
{
  g_autofree char *api_url = g_uri_to_string (call->api_uri);
  GError *error;

  error = g_error_new (GH_ERROR, GH_ERROR_CROSS_ORIGIN,
                       /* Translators: a redirect or a next-page link; the URL it
                          came from; where it points to; the API URL */
                       _("Refusing to follow a %s from %s to %s: it leaves %s"),
                       _(what), call->url, target, api_url);
  _gh_error_set_details (error, call->url,
                         call->msg != NULL ? soup_message_get_status (call->msg) : 0,
                         call->msg != NULL ? _gh_message_reason (call->msg) : NULL,
                         NULL, 0, 0);

  return error;
}

GError *
_gh_call_too_many_pages_error (GhCall     *call,
                               const char *next)
{
  GError *error;

  error = g_error_new (GH_ERROR, GH_ERROR_TOO_MANY_PAGES,
                       /* Translators: a number of pages, the last page's URL,
                        * then the next page's */
                       _("The list goes on after %u pages, the most the client loads: %s "
                         "links to a next page, %s"), call->n_pages, call->url, next);
  _gh_error_set_details (error, call->url, soup_message_get_status (call->msg),
                         _gh_message_reason (call->msg), NULL, 0, 0);

  return error;
}

void
_gh_call_transport_error (GhCall  *call,
                          GError  *send_error,
                          GError **error)
{
  if (!g_error_matches (send_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (&send_error, _("Could not load %s: "), call->url);

  g_propagate_error (error, send_error);
}

/*
 * The last look at an error before it leaves the client. A request that
 * the deadline cancelled fails as timed out. The message, and the details
 * that headless and the window show, are made safe: they may quote a
 * link, a reason phrase or libsoup's words, and even a URL could carry
 * the token if the server put it there. (The details are copies because
 * _gh_error_set_details() frees the old ones.)
 */
void
_gh_call_scrub_error (GhCall *call,
                      GError *error)
{
  char *message;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      call->request_cancellable != NULL &&
      g_cancellable_is_cancelled (call->request_cancellable) &&
      !g_cancellable_is_cancelled (call->cancellable))
    {
      error->code = G_IO_ERROR_TIMED_OUT;
      g_free (error->message);
      error->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     /* Translators: a URL, then a number
                                                        of seconds */
                                                     "Gave up on %s after %u second: the "
                                                     "server had not finished answering",
                                                     "Gave up on %s after %u seconds: the "
                                                     "server had not finished answering",
                                                     call->timeout_s),
                                        call->url, call->timeout_s);
    }

  message = gh_text_sanitize (error->message, -1, call->token);
  g_free (error->message);
  error->message = message;

  if (error->domain == GH_ERROR)
    {
      g_autofree char *url = gh_text_sanitize (gh_error_get_url (error), -1, call->token);
      g_autofree char *reason = gh_text_sanitize (gh_error_get_reason (error),
                                                  GH_TEXT_MAX_NAME_CHARS, call->token);
      g_autofree char *github_message = gh_text_sanitize (gh_error_get_github_message (error),
                                                          GH_MAX_QUOTED_CHARS, call->token);

      _gh_error_set_details (error, url, gh_error_get_http_status (error), reason,
                             github_message, gh_error_get_rate_limit_reset (error),
                             gh_error_get_retry_after (error));
    }
}
