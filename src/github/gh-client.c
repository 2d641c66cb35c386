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

#include "coro.h"

#include "gh-error-private.h"
#include "gh-json-private.h"
#include "gh-limiter-private.h"
#include "gh-log.h"
#include "gh-service-private.h"
#include "gh-text.h"
#include "gh-uri-private.h"

/**
 * GhClient:
 *
 * The #GhService that talks to GitHub (or GitHub Enterprise, or the fake
 * server) over HTTP with libsoup 3.
 *
 * Threads: libsoup 3.2 sessions may send from any thread but are otherwise
 * bound to the thread and main context that use them. The callback style
 * (and so the suspend style, which awaits it) runs every request on the
 * client's I/O thread, where its sessions live: connecting, sending,
 * reading, retrying and following pages never touch the caller's context,
 * which is often the one that paints a window. Pages are parsed on parser
 * threads. Only the outcome goes back to the caller's context, in batches
 * (see Delivery). The blocking style borrows a session from a pool for the
 * duration of one request, so that no two threads ever share a blocking
 * session and the sync API, which needs no main context, never waits on
 * somebody else's loop.
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

#define USER_AGENT "Contributors/" PACKAGE_VERSION " (+GNOME) "
#define API_VERSION "2022-11-28"

/* Error bodies are only read for GitHub's `message` */
#define MAX_ERROR_BODY_BYTES (64 * 1024)
/* How much of GitHub's `message`, or of a link's target, an error quotes */
#define MAX_QUOTED_CHARS 300
/* The buffer for a body starts at its announced length, up to the first
 * size (a claim is not data: a server could announce the limit and send
 * nothing), or at the second without one, and doubles when full */
#define MAX_BODY_PREALLOC_BYTES (256 * 1024)
#define MIN_READ_BYTES (16 * 1024)
#define MAX_REDIRECTS 5
/* Blocking sessions kept for reuse (with their keep-alive connections) */
#define MAX_IDLE_SYNC_SESSIONS 8
/* While more of a context's calls are in flight, their outcomes reach it
 * at most once a frame */
#define DELIVERY_INTERVAL_US (16 * G_TIME_SPAN_MILLISECOND)
/* Threads parsing the callback style's pages at most */
#define MAX_PARSERS 2
/* Requests in flight on one libsoup session at most; see Lane */
#define LANE_MAX_REQUESTS 8

/*
 * One libsoup session of a main context. A context with many requests in
 * flight spreads them over several sessions, because the work libsoup 3.2
 * does per request grows with the session's queue and connections: every
 * run of its queue walks all queued messages, and each of those walks all
 * connections, reading from every idle one to see whether it is still open.
 * With a thousand requests in flight on one session that is a million
 * steps, each time a connection changes state; with lanes of a few, a few
 * thousand (8 did best with 1200 requests at once to the fake server).
 * GitHub's cloud gets a single lane: it speaks HTTP/2, where one
 * connection carries all requests of a session, and allows 100 at once.
 */
typedef struct
{
  SoupSession *session;
  guint        n_active;     /* pages in flight on it */
} Lane;

/* The I/O thread of a client's callback style: a main context of its own
 * with the sessions on it. The lanes and the sends are only touched on
 * that thread, so they need no lock.
 *
 * Pages are handed to libsoup a few per iteration. Starting a request is
 * cheap, but libsoup then connects and writes all the requests it was
 * given in one callback of its own, while answers wait to be read. The
 * next page of a call (or the same page, redirected) goes before any
 * call's first: a load waits for its longest chain of pages, and a chain
 * must not queue behind a thousand first pages at every step. */
typedef struct
{
  GMainContext   *context;
  GMainLoop      *loop;
  GThread        *thread;
  GPtrArray      *lanes;       /* Lane */
  GQueue          continuing;  /* Call, holding a slot, waiting to be sent */
  GQueue          starting;    /* the same, for a call's first page */
  GSource        *send_source;
} IoThread;

/* Where the outcomes of one context's callback-style calls wait for it.
 * Handing each back on its own would wake the context once per answer; a
 * burst is handed back in one dispatch instead, at most once a frame
 * while more of its calls are in flight, and at once for the last. */
typedef struct
{
  GSource   source;
  GhClient *client;            /* not a reference: each pending call's task holds one */
  GQueue    outcomes;          /* Outcome; under the client's mutex */
  guint     n_calls;           /* started here, not handed back yet; the same */
  gint64    last_dispatch_us;  /* the same */
} Delivery;

struct _GhClient
{
  GObject         parent_instance;

  /* Immutable after construction */
  char           *api_url;
  GUri           *api_uri;
  gboolean        loopback;
  guint           max_requests_cap;    /* what the origin allows */
  guint           lane_size;           /* requests per callback-style session */
  GhLimiter      *limiter;

  /* Everything below is protected by the mutex */
  GMutex          mutex;
  char           *token;
  guint           max_requests;        /* as set; the limiter has the effective one */
  guint           max_pages;
  guint           request_timeout_s;
  guint           retry_base_ms;
  GhHttpLogLevel  http_log_level;
  IoThread       *io;                  /* started with the first callback-style call */
  GPtrArray      *deliveries;          /* Delivery, one per context with calls */
  GThreadPool    *parsers;             /* the callback style's JSON, see call_parse_async() */
  GhPageObserver  parse_observer;      /* for tests */
  gpointer        parse_observer_data;
  GhPageObserver  send_observer;       /* for tests */
  gpointer        send_observer_data;
  int             parse_tickets;       /* atomic; orders the parsers' queue */
  GPtrArray      *idle_sync_sessions;
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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * One call: all pages of one endpoint. Shared by the blocking and the
 * callback style; only one page is ever in flight.
 */
typedef struct
{
  GhClient     *client;
  GType         item_type;
  GCancellable *cancellable;
  char         *token;
  guint         max_pages;
  guint         timeout_s;       /* each request's overall deadline */
  guint         retry_base_ms;

  char         *url;             /* the next request, NULL when done */
  guint         n_pages;
  guint         n_redirects;
  guint         n_retries;       /* of the page in progress */
  guint         retry_delay_ms;  /* before the next retry */
  GHashTable   *visited;         /* page URLs already fetched */

  GPtrArray    *items;
  int           anonymous_index;
  guint         status;
  char         *reason;
  gint64        rate_limit;
  gint64        rate_remaining;
  gint64        rate_reset;

  /* Callback style: the task to return, where to, and where it runs */
  GTask        *task;
  Delivery     *delivery;
  IoThread     *io;
  Lane         *lane;            /* the one the page in flight went to */

  /* The page in flight */
  SoupSession  *session;
  SoupMessage  *msg;
  GCancellable *request_cancellable; /* the caller's cancellable, or the deadline */
  gulong        forward_id;      /* forwards the caller's on the blocking style */
  GSource      *forward_source;  /* the same on the callback style's thread */
  GSource      *deadline;
  GInputStream *stream;
  GByteArray   *body;
  gsize         body_limit;
  gsize         body_capacity;   /* what body->data has room for */
  gboolean      body_too_large;
  gboolean      holding_slot;

  /* Callback style: waiting to retry */
  GSource      *retry_timer;
  GSource      *retry_cancel;

  GhPageObserver parse_observer;
  gpointer      parse_observer_data;
  GhPageObserver send_observer;
  gpointer      send_observer_data;

  /* Callback style: the page's parse, on a parser thread */
  gboolean      parse_urgent;
  guint         parse_ticket;
  gboolean      parse_ok;
  char         *parse_failure;   /* the reason when not */
} Call;

static void
call_free (Call *call)
{
  g_assert (!call->holding_slot);
  g_assert (call->stream == NULL);
  g_assert (call->lane == NULL);
  g_assert (call->deadline == NULL && call->forward_source == NULL);
  g_assert (call->retry_timer == NULL && call->retry_cancel == NULL);
  g_assert (call->task == NULL);

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
  g_clear_object (&call->cancellable);
  g_clear_object (&call->client);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static Call *
call_new (GhClient     *client,
          GType         item_type,
          const char   *relative,
          GCancellable *cancellable)
{
  Call *call = g_new0 (Call, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  call->client = g_object_ref (client);
  call->item_type = item_type;
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->items = g_ptr_array_new_with_free_func (g_object_unref);
  call->anonymous_index = -1;
  call->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  call->rate_limit = GH_RESPONSE_UNKNOWN;
  call->rate_remaining = GH_RESPONSE_UNKNOWN;
  call->rate_reset = GH_RESPONSE_UNKNOWN;

  g_mutex_lock (&client->mutex);
  call->token = g_strdup (client->token);
  call->max_pages = client->max_pages;
  call->timeout_s = client->request_timeout_s;
  call->retry_base_ms = client->retry_base_ms;
  call->parse_observer = client->parse_observer;
  call->parse_observer_data = client->parse_observer_data;
  call->send_observer = client->send_observer;
  call->send_observer_data = client->send_observer_data;
  g_mutex_unlock (&client->mutex);

  /* Relative to the API URL, so that an Enterprise /api/v3/ prefix stays.
   * The names in @relative are validated and escaped, so this cannot fail
   * or leave the origin. */
  uri = g_uri_parse_relative (client->api_uri, relative,
                              G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, &error);
  g_assert_no_error (error);
  g_assert (_gh_uri_same_origin (uri, client->api_uri));
  call->url = g_uri_to_string (uri);

  return call;
}

static GhResponse *
call_build_response (Call *call)
{
  GhResponse *response;

  response = gh_response_new (call->item_type, call->status, call->reason);
  for (guint i = 0; i < call->items->len; i++)
    gh_response_add_item (response, g_ptr_array_index (call->items, i));
  gh_response_set_rate_limit (response, call->rate_limit, call->rate_remaining, call->rate_reset);
  gh_response_set_n_pages (response, call->n_pages);

  return response;
}

static const char *
message_reason (SoupMessage *msg)
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

static gint64
header_int (SoupMessageHeaders *headers,
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
static gint64
header_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  gint64 seconds;

  if (value == NULL)
    return 0;

  seconds = header_int (headers, "Retry-After");
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
static GError *
http_error (Call *call)
{
  SoupMessage *msg = call->msg;
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  guint status = soup_message_get_status (msg);
  g_autofree char *reason = gh_text_sanitize (message_reason (msg), GH_TEXT_MAX_NAME_CHARS,
                                              call->token);
  g_autofree char *raw_message = NULL;
  g_autofree char *github_message = NULL;
  g_autofree char *quoted = NULL;
  gint64 remaining = header_int (headers, "x-ratelimit-remaining");
  gint64 reset = header_int (headers, "x-ratelimit-reset");
  gint64 retry_after = header_retry_after (headers);
  GError *error;
  GhError code;
  const char *what;
  g_autofree char *hint = NULL;

  /* A server may echo the request's Authorization header in its message;
   * redacted before the message is cut, which could leave part of it */
  if (call->body != NULL)
    raw_message = _gh_json_extract_message ((const char *) call->body->data, call->body->len);
  github_message = gh_text_sanitize (raw_message, MAX_QUOTED_CHARS, call->token);

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

static GError *
invalid_response_error (Call       *call,
                        const char *reason)
{
  guint status = call->msg != NULL ? soup_message_get_status (call->msg) : 0;
  GError *error;

  error = g_error_new (GH_ERROR, GH_ERROR_INVALID_RESPONSE,
                       /* Translators: the URL, then what was wrong with the answer */
                       _("Invalid response from %s: %s"), call->url, reason);
  _gh_error_set_details (error, call->url, status,
                         call->msg != NULL ? message_reason (call->msg) : NULL,
                         NULL, 0, 0);

  return error;
}

static GError *
cross_origin_error (Call       *call,
                    const char *what,
                    const char *target)
{
  GError *error;

  error = g_error_new (GH_ERROR, GH_ERROR_CROSS_ORIGIN,
                       /* Translators: a redirect or a next-page link; the URL it
                          came from; where it points to; the API URL */
                       _("Refusing to follow a %s from %s to %s: it leaves %s"),
                       _(what), call->url, target, call->client->api_url);
  _gh_error_set_details (error, call->url,
                         call->msg != NULL ? soup_message_get_status (call->msg) : 0,
                         call->msg != NULL ? message_reason (call->msg) : NULL,
                         NULL, 0, 0);

  return error;
}

static GError *
too_many_pages_error (Call       *call,
                      const char *next)
{
  GError *error;

  error = g_error_new (GH_ERROR, GH_ERROR_TOO_MANY_PAGES,
                       /* Translators: a number of pages, the last page's URL,
                        * then the next page's */
                       _("The list goes on after %u pages, the most the client loads: %s "
                         "links to a next page, %s"), call->n_pages, call->url, next);
  _gh_error_set_details (error, call->url, soup_message_get_status (call->msg),
                         message_reason (call->msg), NULL, 0, 0);

  return error;
}

/* Resolves a Link or Location target against the current URL and checks
 * that it stays on the API URL's origin */
static char *
call_resolve_target (Call        *call,
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
      g_autofree char *shown = gh_text_sanitize (target, MAX_QUOTED_CHARS, call->token);

      /* Translators: a redirect or a next-page link, then where it points to */
      reason = g_strdup_printf (_("the %s “%s” is not a valid URL"), _(what), shown);
      g_propagate_error (error, invalid_response_error (call, reason));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

      /* Translators: a redirect or a next-page link, then where it points to */
      reason = g_strdup_printf (_("the %s “%s” is not an http(s) URL"), _(what), shown);
      g_propagate_error (error, invalid_response_error (call, reason));
      return NULL;
    }

  /* Shown as sent: printed again, "%2f" would read as a path */
  host = g_uri_get_host (uri);
  if (!_gh_uri_is_valid_host (host))
    {
      g_autofree char *shown = gh_text_sanitize (target, MAX_QUOTED_CHARS, call->token);

      if (host == NULL || host[0] == '\0')
        /* Translators: a redirect or a next-page link, then where it points to */
        reason = g_strdup_printf (_("the %s “%s” has no host name"), _(what), shown);
      else
        /* Translators: a redirect or a next-page link, then where it points to */
        reason = g_strdup_printf (_("the %s “%s” has an invalid host name"), _(what), shown);
      g_propagate_error (error, invalid_response_error (call, reason));
      return NULL;
    }

  if (!_gh_uri_same_origin (uri, call->client->api_uri))
    {
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

      g_propagate_error (error, cross_origin_error (call, what, shown));
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
  GhClient *self = user_data;

  /* Redirects are handled by hand (SOUP_MESSAGE_NO_REDIRECT), so a restart
   * should never change the URI; if anything ever does, the token must not
   * go with it. */
  if (!_gh_uri_same_origin (soup_message_get_uri (msg), self->api_uri))
    soup_message_headers_remove (soup_message_get_request_headers (msg), "Authorization");
}

static void
call_begin_page (Call        *call,
                 SoupSession *session)
{
  SoupMessageHeaders *headers;

  g_assert (call->url != NULL);
  g_assert (call->msg == NULL && call->stream == NULL);

  g_set_object (&call->session, session);
  call->msg = soup_message_new (SOUP_METHOD_GET, call->url);
  g_assert (call->msg != NULL);
  soup_message_add_flags (call->msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect_object (call->msg, "restarted",
                           G_CALLBACK (on_message_restarted), call->client, 0);

  headers = soup_message_get_request_headers (call->msg);
  soup_message_headers_replace (headers, "Accept", "application/vnd.github+json");
  soup_message_headers_replace (headers, "X-GitHub-Api-Version", API_VERSION);

  /* Every URL of a call has been checked against the API URL's origin;
   * checked once more here because this is where the secret goes out */
  if (call->token != NULL &&
      _gh_uri_same_origin (soup_message_get_uri (call->msg), call->client->api_uri))
    {
      g_autofree char *value = g_strconcat ("Bearer ", call->token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      explicit_bzero (value, strlen (value));
    }

  g_hash_table_add (call->visited, g_strdup (call->url));

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
 * whose caller did not cancel has timed out; call_scrub_error() says so.
 */

static gpointer
run_deadlines (gpointer data)
{
  GMainContext *context = data;

  for (;;)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

/* The blocking style's timers: the thread that waits for a blocking
 * request runs no main loop, so they all run on one thread of their own,
 * for the life of the process, as GLib's own worker does. Cancelling
 * from another thread is what blocking GIO and libsoup calls support. */
static GMainContext *
blocking_deadline_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *new_context = g_main_context_new ();

      g_thread_unref (g_thread_new ("gh-deadlines", run_deadlines, new_context));
      g_once_init_leave (&context, new_context);
    }

  return context;
}

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

static gboolean
forward_cancelled_cb (GCancellable *cancellable,
                      gpointer      data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Starts the deadline of the request just begun; its timer runs on
 * @context, whose thread the cancellation then happens on. The caller's
 * cancellable is forwarded there too when @forward_on_context (the
 * callback style: an asynchronous libsoup request is only touched on its
 * own thread), or else at once, from whichever thread cancels (the
 * blocking style, whose calls support that). */
static void
call_arm_deadline (Call         *call,
                   GMainContext *context,
                   gboolean      forward_on_context)
{
  g_assert (call->deadline == NULL && call->forward_source == NULL);

  g_clear_object (&call->request_cancellable);
  call->request_cancellable = g_cancellable_new ();
  if (call->cancellable != NULL && forward_on_context)
    {
      if (g_cancellable_is_cancelled (call->cancellable))
        g_cancellable_cancel (call->request_cancellable);
      call->forward_source = g_cancellable_source_new (call->cancellable);
      g_source_set_callback (call->forward_source, G_SOURCE_FUNC (forward_cancelled_cb),
                             g_object_ref (call->request_cancellable), g_object_unref);
      g_source_set_static_name (call->forward_source, "[gh] request cancelled");
      g_source_attach (call->forward_source, context);
    }
  else if (call->cancellable != NULL)
    {
      call->forward_id = g_cancellable_connect (call->cancellable, G_CALLBACK (forward_cancel_cb),
                                                call->request_cancellable, NULL);
    }

  call->deadline = g_timeout_source_new (call->timeout_s * 1000);
  g_source_set_callback (call->deadline, deadline_passed_cb,
                         g_object_ref (call->request_cancellable), g_object_unref);
  g_source_set_static_name (call->deadline, "[gh] request deadline");
  g_source_attach (call->deadline, context);
}

/* The request is over. Its cancellable stays, for call_scrub_error() */
static void
call_disarm_deadline (Call *call)
{
  if (call->deadline == NULL)
    return;

  g_source_destroy (call->deadline);
  g_clear_pointer (&call->deadline, g_source_unref);
  if (call->forward_source != NULL)
    g_source_destroy (call->forward_source);
  g_clear_pointer (&call->forward_source, g_source_unref);
  if (call->forward_id != 0)
    g_cancellable_disconnect (call->cancellable, call->forward_id);
  call->forward_id = 0;
}

/*
 * The last look at an error before it leaves the client. A request that
 * the deadline cancelled fails as timed out. The message, and the details
 * that headless and the window show, are made safe: they may quote a
 * link, a reason phrase or libsoup's words, and even a URL could carry
 * the token if the server put it there. (The details are copies because
 * _gh_error_set_details() frees the old ones.)
 */
static void
call_scrub_error (Call   *call,
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
                                                          MAX_QUOTED_CHARS, call->token);

      _gh_error_set_details (error, url, gh_error_get_http_status (error), reason,
                             github_message, gh_error_get_rate_limit_reset (error),
                             gh_error_get_retry_after (error));
    }
}

/* Called once the status line and headers are in. Decides how much of the
 * body to read: all of a success (up to the cap), a little of an error
 * (for GitHub's message), nothing of a redirect. */
static gboolean
call_check_head (Call    *call,
                 GError **error)
{
  guint status = soup_message_get_status (call->msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->msg);
  g_autofree char *status_reason = gh_text_sanitize (message_reason (call->msg),
                                                     GH_TEXT_MAX_NAME_CHARS, call->token);

  g_debug ("GET %s -> %u %s", call->url, status, status_reason);

  if (is_redirect (status))
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

          g_propagate_error (error, invalid_response_error (call, reason));
          return FALSE;
        }
    }
  else
    {
      call->body_limit = MAX_ERROR_BODY_BYTES;
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
static void
call_close_stream (Call *call)
{
  if (call->stream == NULL)
    return;

  g_input_stream_close (call->stream, NULL, NULL);
  g_clear_object (&call->stream);
}

/* Accounts for @n freshly read bytes; FALSE once the limit is passed */
static gboolean
call_add_body_bytes (Call  *call,
                     gsize  n)
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
static guint8 *
call_prepare_read (Call  *call,
                   gsize *size)
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
static gboolean
call_handle_read_error (Call    *call,
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

      g_propagate_error (error, invalid_response_error (call, reason));
      g_error_free (read_error);
      return FALSE;
    }

  g_prefix_error (&read_error, _("Could not read the answer from %s: "), call->url);
  g_propagate_error (error, read_error);

  return FALSE;
}

static void
transport_error (Call    *call,
                 GError  *send_error,
                 GError **error)
{
  if (!g_error_matches (send_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (&send_error, _("Could not load %s: "), call->url);

  g_propagate_error (error, send_error);
}

static void
call_update_rate_limit (Call *call)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->msg);

  call->rate_limit = header_int (headers, "x-ratelimit-limit");
  call->rate_remaining = header_int (headers, "x-ratelimit-remaining");
  call->rate_reset = header_int (headers, "x-ratelimit-reset");
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
call_plan_retry (Call  *call,
                 guint  status)
{
  gint64 retry_after = header_retry_after (soup_message_get_response_headers (call->msg));
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

/* What a finished page asks for next */
typedef enum
{
  PAGE_FAILED,
  PAGE_RETRY,        /* the same URL again, after call->retry_delay_ms */
  PAGE_REDIRECTED,   /* call->url is the new location */
  PAGE_EMPTY,        /* 204: nothing to parse */
  PAGE_BODY,         /* call->body is the items to parse */
} PageOutcome;

/* The page's status, before its body is looked at */
static PageOutcome
call_check_page (Call    *call,
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
                             invalid_response_error (call, _("a redirect without a Location")));
          return PAGE_FAILED;
        }

      if (++call->n_redirects > MAX_REDIRECTS)
        {
          g_propagate_error (error, invalid_response_error (call, _("too many redirects")));
          return PAGE_FAILED;
        }

      /* Renamed repositories answer 301 with an id-based URL on the same
       * origin; anything else is refused rather than given the token */
      /* Translators: put into “the %s “%s” is not a valid URL” and the like */
      target = call_resolve_target (call, N_("redirect"), location, error);
      if (target == NULL)
        return PAGE_FAILED;

      g_debug ("Following a redirect from %s to %s", call->url, target);
      g_free (call->url);
      call->url = g_steal_pointer (&target);
      g_clear_object (&call->msg);
      return PAGE_REDIRECTED;
    }

  if (call_plan_retry (call, status))
    {
      g_clear_object (&call->msg);
      return PAGE_RETRY;
    }

  if (status < 200 || status > 299)
    {
      g_propagate_error (error, http_error (call));
      return PAGE_FAILED;
    }

  if (call->body_too_large)
    {
      g_autofree char *reason =
        g_strdup_printf (_("the body is larger than %d MiB"),
                         GH_CLIENT_MAX_BODY_BYTES / (1024 * 1024));

      g_propagate_error (error, invalid_response_error (call, reason));
      return PAGE_FAILED;
    }

  /* 204: the documented answer for an empty repository */
  return status == 204 ? PAGE_EMPTY : PAGE_BODY;
}

/* Touches only the body and the items, so that it may run on another
 * thread while the call waits; *reason is for invalid_response_error() */
static gboolean
call_parse_page (Call  *call,
                 char **reason)
{
  if (call->parse_observer != NULL)
    call->parse_observer (call->url, call->parse_observer_data);

  return _gh_json_parse_items (call->item_type, (const char *) call->body->data, call->body->len,
                               call->items, &call->anonymous_index, reason);
}

/* The page is in: counts it and follows its next-page link, if any */
static gboolean
call_advance_page (Call    *call,
                   GError **error)
{
  SoupMessage *msg = call->msg;
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autofree char *next = NULL;
  g_autofree char *target = NULL;

  call->n_pages++;
  call->n_redirects = 0;
  call->n_retries = 0;
  call->status = soup_message_get_status (msg);
  g_free (call->reason);
  call->reason = g_strdup (message_reason (msg));
  call_update_rate_limit (call);

  next = _gh_link_find_next (soup_message_headers_get_list (headers, "Link"));
  if (next != NULL)
    {
      /* Followed verbatim (GitHub switches to id-based URLs such as
       * /organizations/ID/repos), but only on the same origin */
      /* Translators: put into “the %s “%s” is not a valid URL” and the like */
      target = call_resolve_target (call, N_("next-page link"), next, error);
      if (target == NULL)
        return FALSE;

      if (g_hash_table_contains (call->visited, target))
        {
          g_autofree char *reason =
            g_strdup_printf (_("the next-page link points back to %s"), target);

          g_propagate_error (error, invalid_response_error (call, reason));
          return FALSE;
        }

      /* A list cut short would pass for the whole of it */
      if (call->n_pages >= call->max_pages)
        {
          g_propagate_error (error, too_many_pages_error (call, target));
          return FALSE;
        }
    }

  g_free (call->url);
  call->url = g_steal_pointer (&target);
  g_clear_object (&call->msg);

  return TRUE;
}

/*
 * The blocking style's wait before a retry. Its thread runs no main loop,
 * so it sleeps, but in a poll on the cancellable's descriptor: cancelling
 * wakes it at once.
 */
static gboolean
call_wait_retry_sync (Call    *call,
                      GError **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) call->retry_delay_ms * G_TIME_SPAN_MILLISECOND;
  GPollFD pollfd;
  gboolean have_fd = call->cancellable != NULL &&
                     g_cancellable_make_pollfd (call->cancellable, &pollfd);
  gboolean ok = TRUE;

  for (;;)
    {
      gint64 left_us = end - g_get_monotonic_time ();

      if (g_cancellable_set_error_if_cancelled (call->cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (left_us <= 0)
        break;

      if (have_fd)
        g_poll (&pollfd, 1, (int) MIN ((left_us + 999) / 1000, G_MAXINT));
      else if (call->cancellable != NULL)
        /* Out of descriptors: look at the cancellable now and then */
        g_usleep (MIN (left_us, 20 * G_TIME_SPAN_MILLISECOND));
      else
        g_usleep (left_us);
    }

  if (have_fd)
    g_cancellable_release_fd (call->cancellable);

  return ok;
}

/*
 * Interprets the page just read: collects its items and sets call->url to
 * the next request (a redirect target or the next page), or to NULL when
 * the call is complete. Blocking style only: it waits before a retry.
 */
static gboolean
call_finish_page (Call    *call,
                  GError **error)
{
  g_autofree char *reason = NULL;

  switch (call_check_page (call, error))
    {
    case PAGE_FAILED:
      return FALSE;
    case PAGE_RETRY:
      return call_wait_retry_sync (call, error);
    case PAGE_REDIRECTED:
      return TRUE;
    case PAGE_BODY:
      if (!call_parse_page (call, &reason))
        {
          g_propagate_error (error, invalid_response_error (call, reason));
          return FALSE;
        }
      G_GNUC_FALLTHROUGH;
    case PAGE_EMPTY:
      return call_advance_page (call, error);
    default:
      g_assert_not_reached ();
    }
}

/* Sessions */

static void
redacting_printer (SoupLogger         *logger,
                   SoupLoggerLogLevel  level,
                   char                direction,
                   const char         *data,
                   gpointer            user_data)
{
  static const char * const secret_headers[] = {
    "Authorization:", "Proxy-Authorization:", "Cookie:", "Set-Cookie:",
  };
  g_autofree char *shown = NULL;

  /* SoupLogger prints a Bearer token verbatim; the printer sees one line
   * at a time, so a header line can be replaced whole */
  for (guint i = 0; i < G_N_ELEMENTS (secret_headers); i++)
    {
      if (g_ascii_strncasecmp (data, secret_headers[i], strlen (secret_headers[i])) == 0)
        {
          g_debug ("HTTP %c %s [REDACTED]", direction, secret_headers[i]);
          return;
        }
    }

  /* Headers and bodies are the server's: no terminal sequences or fake
   * lines in the debug log either */
  shown = gh_text_sanitize (data, -1, NULL);
  g_debug ("HTTP %c %s", direction, shown);
}

static SoupSession *
new_session (GhClient       *self,
             GhHttpLogLevel  log_level)
{
  SoupSession *session;

  /* The connection limits are ours (the in-flight limiter), not libsoup's
   * default of 2 per host, which would silently cap HTTP/1.1 and not
   * apply at all to HTTP/2. They are construct-only, so they are the
   * highest limit the origin allows rather than the current setting: one
   * request holds at most one connection, so libsoup never opens more
   * than the limiter lets through, and a raised limit needs no new
   * session. A trailing space in the user agent makes libsoup append its
   * own. */
  session = g_object_new (SOUP_TYPE_SESSION,
                          "user-agent", USER_AGENT,
                          "max-conns", self->max_requests_cap,
                          "max-conns-per-host", self->max_requests_cap,
                          NULL);

  /* A proxy from the environment must not get loopback traffic (the fake
   * server, a tunnel): libsoup's default resolver would send it there */
  if (self->loopback)
    soup_session_set_proxy_resolver (session, NULL);

  /* Authorization is ours; the auth manager would only get in the way */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);

  if (log_level != GH_HTTP_LOG_NONE)
    {
      g_autoptr(SoupLogger) logger = NULL;
      SoupLoggerLogLevel soup_level;

      switch (log_level)
        {
        case GH_HTTP_LOG_MINIMAL:
          soup_level = SOUP_LOGGER_LOG_MINIMAL;
          break;

        case GH_HTTP_LOG_HEADERS:
          soup_level = SOUP_LOGGER_LOG_HEADERS;
          break;

        case GH_HTTP_LOG_BODY:
          soup_level = SOUP_LOGGER_LOG_BODY;
          break;

        case GH_HTTP_LOG_NONE:
        default:
          g_assert_not_reached ();
        }

      logger = soup_logger_new (soup_level);
      soup_logger_set_max_body_size (logger, 4096);
      soup_logger_set_printer (logger, redacting_printer, NULL, NULL);
      soup_session_add_feature (session, SOUP_SESSION_FEATURE (logger));
    }

  return session;
}

static SoupSession *
take_sync_session (GhClient *self)
{
  SoupSession *session = NULL;
  GhHttpLogLevel log_level;

  g_mutex_lock (&self->mutex);
  if (self->idle_sync_sessions->len > 0)
    session = g_ptr_array_steal_index (self->idle_sync_sessions,
                                       self->idle_sync_sessions->len - 1);
  log_level = self->http_log_level;
  g_mutex_unlock (&self->mutex);

  if (session == NULL)
    session = new_session (self, log_level);

  return session;
}

static void
return_sync_session (GhClient    *self,
                     SoupSession *session)
{
  g_mutex_lock (&self->mutex);
  if (self->idle_sync_sessions->len < MAX_IDLE_SYNC_SESSIONS)
    {
      g_ptr_array_add (self->idle_sync_sessions, session);
      session = NULL;
    }
  g_mutex_unlock (&self->mutex);

  g_clear_object (&session);
}

static void
lane_free (Lane *lane)
{
  g_assert (lane->n_active == 0);

  g_object_unref (lane->session);
  g_free (lane);
}

/* The first lane with room, so that a few requests keep to one session and
 * its keep-alive connections; a new one when all are full. On the I/O
 * thread, which the session is then bound to. */
static Lane *
io_thread_take_lane (IoThread *io,
                     GhClient *client)
{
  GhHttpLogLevel log_level;
  Lane *lane;

  for (guint i = 0; i < io->lanes->len; i++)
    {
      lane = g_ptr_array_index (io->lanes, i);
      if (lane->n_active < client->lane_size)
        {
          lane->n_active++;
          return lane;
        }
    }

  g_mutex_lock (&client->mutex);
  log_level = client->http_log_level;
  g_mutex_unlock (&client->mutex);

  lane = g_new0 (Lane, 1);
  lane->session = new_session (client, log_level);
  lane->n_active = 1;
  g_ptr_array_add (io->lanes, lane);

  return lane;
}

static gpointer
io_thread_run (gpointer data)
{
  IoThread *io = data;

  g_main_context_push_thread_default (io->context);
  g_main_loop_run (io->loop);

  /* No call is left (each holds the client), so nothing is queued; the
   * sessions go here, on the thread they belong to */
  g_assert (g_queue_is_empty (&io->continuing) && g_queue_is_empty (&io->starting));
  if (io->send_source != NULL)
    g_source_destroy (io->send_source);
  g_clear_pointer (&io->send_source, g_source_unref);
  g_ptr_array_unref (io->lanes);
  g_main_loop_unref (io->loop);
  g_main_context_pop_thread_default (io->context);
  g_main_context_unref (io->context);
  g_free (io);

  return NULL;
}

/* The client's I/O thread, started on first use */
static IoThread *
io_thread_get (GhClient *self)
{
  IoThread *io;

  g_mutex_lock (&self->mutex);
  if (self->io == NULL)
    {
      io = g_new0 (IoThread, 1);
      io->context = g_main_context_new ();
      io->loop = g_main_loop_new (io->context, FALSE);
      io->lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) lane_free);
      g_queue_init (&io->continuing);
      g_queue_init (&io->starting);
      io->thread = g_thread_new ("gh-io", io_thread_run, io);
      self->io = io;
    }
  io = self->io;
  g_mutex_unlock (&self->mutex);

  return io;
}

/* Ends the thread once its loop has stopped. Only the client's finalize
 * calls this, and no call is in flight then; should the last reference go
 * on the I/O thread itself, the thread is left to end on its own. */
static void
io_thread_stop (IoThread *io)
{
  GMainLoop *loop = g_main_loop_ref (io->loop);
  GThread *thread = io->thread;

  g_main_loop_quit (loop);
  g_main_loop_unref (loop);
  if (thread == g_thread_self ())
    g_thread_unref (thread);
  else
    g_thread_join (thread);
}

typedef struct
{
  GTask      *task;
  GhResponse *response;
  GError     *error;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->response, gh_response_unref);
  g_clear_error (&outcome->error);
  g_clear_object (&outcome->task);
  g_free (outcome);
}

static gboolean
delivery_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  Delivery *self = (Delivery *) source;
  GhClient *client = self->client;
  GQueue outcomes = G_QUEUE_INIT;
  gboolean idle;
  Outcome *outcome;

  g_source_set_ready_time (source, -1);

  g_mutex_lock (&client->mutex);
  outcomes = self->outcomes;
  g_queue_init (&self->outcomes);
  self->n_calls -= outcomes.length;
  self->last_dispatch_us = g_get_monotonic_time ();
  idle = self->n_calls == 0;
  if (idle)
    g_ptr_array_remove_fast (client->deliveries, self);   /* drops the list's reference */
  g_mutex_unlock (&client->mutex);

  /* Inside a dispatch of the tasks' own context, GTask runs each
   * callback at once: one wake-up for them all */
  while ((outcome = g_queue_pop_head (&outcomes)) != NULL)
    {
      if (outcome->error != NULL)
        g_task_return_error (outcome->task, g_steal_pointer (&outcome->error));
      else
        g_task_return_pointer (outcome->task, g_steal_pointer (&outcome->response),
                               (GDestroyNotify) gh_response_unref);
      outcome_free (outcome);
    }

  return idle ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

/* Outcomes still here went with a context that was destroyed */
static void
delivery_finalize (GSource *source)
{
  Delivery *self = (Delivery *) source;

  g_queue_clear_full (&self->outcomes, (GDestroyNotify) outcome_free);
}

static GSourceFuncs delivery_funcs = {
  .dispatch = delivery_dispatch,
  .finalize = delivery_finalize,
};

/* Counts a call started on @context, whose outcome then goes back there */
static Delivery *
delivery_acquire (GhClient     *self,
                  GMainContext *context)
{
  Delivery *delivery = NULL;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->deliveries->len && delivery == NULL; i++)
    {
      Delivery *candidate = g_ptr_array_index (self->deliveries, i);

      if (g_source_get_context (&candidate->source) == context)
        delivery = candidate;
    }
  if (delivery == NULL)
    {
      delivery = (Delivery *) g_source_new (&delivery_funcs, sizeof (Delivery));
      delivery->client = self;
      g_queue_init (&delivery->outcomes);
      g_source_set_priority (&delivery->source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (&delivery->source, "[gh] answers");
      g_source_attach (&delivery->source, context);
      g_ptr_array_add (self->deliveries, delivery);
    }
  delivery->n_calls++;
  g_mutex_unlock (&self->mutex);

  return delivery;
}

/* From the I/O thread: hands a call's outcome to its context */
static void
delivery_push (Delivery   *self,
               GTask      *task,
               GhResponse *response,
               GError     *error)
{
  GhClient *client = self->client;
  Outcome *outcome = g_new0 (Outcome, 1);
  gint64 ready_time = -2;   /* as it is */
  guint pending;

  outcome->task = task;
  outcome->response = response;
  outcome->error = error;

  g_mutex_lock (&client->mutex);
  g_queue_push_tail (&self->outcomes, outcome);
  pending = self->n_calls - self->outcomes.length;
  if (pending == 0)
    ready_time = 0;
  else if (self->outcomes.length == 1)
    ready_time = MAX (g_get_monotonic_time (), self->last_dispatch_us + DELIVERY_INTERVAL_US);
  g_source_ref (&self->source);
  g_mutex_unlock (&client->mutex);

  if (ready_time != -2)
    g_source_set_ready_time (&self->source, ready_time);
  g_source_unref (&self->source);
}

/* Blocking style */

static gboolean
call_fetch_page_sync (Call    *call,
                      GError **error)
{
  GhClient *self = call->client;
  SoupSession *session;
  GError *local_error = NULL;
  gboolean ok = TRUE;

  session = take_sync_session (self);
  call_begin_page (call, session);
  g_object_unref (session);
  call_arm_deadline (call, blocking_deadline_context (), FALSE);

  call->stream = soup_session_send (call->session, call->msg, call->request_cancellable,
                                    &local_error);
  if (call->stream == NULL)
    {
      transport_error (call, local_error, error);
      ok = FALSE;
    }
  else if (!call_check_head (call, error))
    {
      ok = FALSE;
    }
  else if (call->body_limit > 0)
    {
      for (;;)
        {
          gsize size;
          guint8 *buffer = call_prepare_read (call, &size);
          gssize n;

          n = g_input_stream_read (call->stream, buffer, size,
                                   call->request_cancellable, &local_error);
          if (n < 0)
            {
              ok = call_handle_read_error (call, local_error, error);
              break;
            }

          if (n == 0 || !call_add_body_bytes (call, n))
            break;
        }
    }

  call_disarm_deadline (call);
  call_close_stream (call);

  session = g_steal_pointer (&call->session);
  return_sync_session (self, session);

  return ok;
}

static GhResponse *
call_run_sync (Call    *call,
               GError **error)
{
  GError *local_error = NULL;

  while (call->url != NULL)
    {
      gboolean ok;

      if (!_gh_limiter_acquire (call->client->limiter, call->cancellable, &local_error))
        break;

      ok = call_fetch_page_sync (call, &local_error);
      _gh_limiter_release (call->client->limiter);

      if (!ok || !call_finish_page (call, &local_error))
        break;
    }

  if (local_error != NULL)
    {
      call_scrub_error (call, local_error);
      g_propagate_error (error, local_error);
      return NULL;
    }

  return call_build_response (call);
}

/* Callback style. A call's steps run on the client's I/O thread, one
 * after the other; whichever step is running owns the call. */

static void call_next_page_async (Call *call);

static void
call_leave_lane (Call *call)
{
  if (call->lane == NULL)
    return;

  g_assert (call->lane->n_active > 0);
  call->lane->n_active--;
  call->lane = NULL;
}

static void
call_stop_retry_wait (Call *call)
{
  if (call->retry_timer != NULL)
    g_source_destroy (call->retry_timer);
  g_clear_pointer (&call->retry_timer, g_source_unref);
  if (call->retry_cancel != NULL)
    g_source_destroy (call->retry_cancel);
  g_clear_pointer (&call->retry_cancel, g_source_unref);
}

/* The call is over: it is freed here, with its libsoup objects, on the
 * thread they belong to, and its outcome goes to the caller's context. The
 * client goes with the call's reference, while the task keeps its own
 * until the caller has the outcome, so the client is never released here
 * (its finalize waits for this thread). */
static void
call_return_async (Call       *call,
                   GhResponse *response,
                   GError     *error)
{
  GTask *task = g_steal_pointer (&call->task);
  Delivery *delivery = call->delivery;

  call_free (call);
  delivery_push (delivery, task, response, error);
}

static void
call_fail_async (Call   *call,
                 GError *error)
{
  call_stop_retry_wait (call);
  call_disarm_deadline (call);
  call_close_stream (call);
  call_leave_lane (call);
  if (call->holding_slot)
    {
      call->holding_slot = FALSE;
      _gh_limiter_release (call->client->limiter);
    }

  call_scrub_error (call, error);
  call_return_async (call, NULL, error);
}

/* The page is in the call's items: on to the next one, or done */
static void
call_page_parsed_async (Call *call)
{
  GError *error = NULL;

  if (!call_advance_page (call, &error))
    call_fail_async (call, error);
  else if (call->url != NULL)
    call_next_page_async (call);
  else
    call_return_async (call, call_build_response (call), NULL);
}

static gboolean
call_parsed_cb (gpointer data)
{
  Call *call = data;

  if (!call->parse_ok)
    {
      g_autofree char *reason = g_steal_pointer (&call->parse_failure);

      call_fail_async (call, invalid_response_error (call, reason));
    }
  else
    {
      call_page_parsed_async (call);
    }

  return G_SOURCE_REMOVE;
}

/* On a parser thread, while the call waits */
static void
parse_on_parser_thread (gpointer data,
                        gpointer user_data)
{
  Call *call = data;
  g_autoptr(GSource) source = g_idle_source_new ();

  call->parse_ok = call_parse_page (call, &call->parse_failure);

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, call_parsed_cb, call, NULL);
  g_source_set_static_name (source, "[gh] page parsed");
  g_source_attach (source, call->io->context);
}

/* A page with a next one is on a chain of pages, which a whole load may
 * wait for: it goes before the pages that end their call */
static int
compare_parses (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Call *call_a = a;
  const Call *call_b = b;

  if (call_a->parse_urgent != call_b->parse_urgent)
    return call_a->parse_urgent ? -1 : 1;
  return (int) (call_a->parse_ticket - call_b->parse_ticket);
}

/* Parsing is most of the work an answer makes: on the I/O thread it would
 * hold up every other request's next step for as long as a burst of
 * answers takes */
static void
call_parse_async (Call *call)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->msg);
  g_autofree char *next = _gh_link_find_next (soup_message_headers_get_list (headers, "Link"));

  call->parse_urgent = next != NULL;
  call->parse_ticket = (guint) g_atomic_int_add (&call->client->parse_tickets, 1);
  g_thread_pool_push (call->client->parsers, call, NULL);
}

static gboolean
retry_due_cb (gpointer data)
{
  Call *call = data;

  call_stop_retry_wait (call);
  call_next_page_async (call);

  return G_SOURCE_REMOVE;
}

static gboolean
retry_cancelled_cb (GCancellable *cancellable,
                    gpointer      data)
{
  Call *call = data;
  GError *error = NULL;

  call_stop_retry_wait (call);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  call_fail_async (call, error);

  return G_SOURCE_REMOVE;
}

/* The callback style's wait before a retry: a timer raced against the
 * cancellable. Whichever fires first takes the call on. */
static void
call_retry_async (Call *call)
{
  g_assert (call->retry_timer == NULL && call->retry_cancel == NULL);

  call->retry_timer = g_timeout_source_new (call->retry_delay_ms);
  g_source_set_callback (call->retry_timer, retry_due_cb, call, NULL);
  g_source_set_static_name (call->retry_timer, "[gh] retry backoff");
  g_source_attach (call->retry_timer, call->io->context);

  if (call->cancellable != NULL)
    {
      call->retry_cancel = g_cancellable_source_new (call->cancellable);
      g_source_set_callback (call->retry_cancel, G_SOURCE_FUNC (retry_cancelled_cb), call, NULL);
      g_source_set_static_name (call->retry_cancel, "[gh] retry cancelled");
      g_source_attach (call->retry_cancel, call->io->context);
    }
}

static void
call_page_done_async (Call *call)
{
  GError *error = NULL;

  call_disarm_deadline (call);
  call_close_stream (call);
  g_clear_object (&call->session);
  call_leave_lane (call);
  call->holding_slot = FALSE;
  _gh_limiter_release (call->client->limiter);

  switch (call_check_page (call, &error))
    {
    case PAGE_FAILED:
      call_fail_async (call, error);
      break;
    case PAGE_RETRY:
      call_retry_async (call);
      break;
    case PAGE_REDIRECTED:
      call_next_page_async (call);
      break;
    case PAGE_EMPTY:
      call_page_parsed_async (call);
      break;
    case PAGE_BODY:
      call_parse_async (call);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void call_read_async (Call *call);

/* Without waiting: each asynchronous read takes an iteration of the I/O
 * thread, which under load lasts milliseconds, so a body that has come in
 * is read at once. FALSE where the stream cannot tell. */
static gboolean
call_read_available (Call    *call,
                     gssize  *n,
                     GError **error)
{
  GPollableInputStream *pollable;
  gsize size;
  guint8 *buffer;

  if (!G_IS_POLLABLE_INPUT_STREAM (call->stream))
    return FALSE;
  pollable = G_POLLABLE_INPUT_STREAM (call->stream);
  if (!g_pollable_input_stream_can_poll (pollable))
    return FALSE;

  buffer = call_prepare_read (call, &size);
  *n = g_pollable_input_stream_read_nonblocking (pollable, buffer, size,
                                                 call->request_cancellable, error);
  return TRUE;
}

/* @n bytes (or @read_error) came from a read: reads on as far as the body
 * has come in, then waits for the rest or ends the page */
static void
call_read_on (Call   *call,
              gssize  n,
              GError *read_error)
{
  GError *error = NULL;

  while (n > 0 && call_add_body_bytes (call, n))
    if (!call_read_available (call, &n, &read_error))
      break;

  if (n < 0 && g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (read_error);
      call_read_async (call);
    }
  else if (n < 0)
    {
      if (!call_handle_read_error (call, read_error, &error))
        call_fail_async (call, error);
      else
        call_page_done_async (call);
    }
  else if (n == 0 || call->body_too_large)
    {
      call_page_done_async (call);
    }
  else
    {
      call_read_async (call);
    }
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError *read_error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &read_error);
  call_read_on (user_data, n, read_error);
}

static void
call_read_async (Call *call)
{
  gsize size;
  guint8 *buffer = call_prepare_read (call, &size);

  g_input_stream_read_async (call->stream, buffer, size, G_PRIORITY_DEFAULT,
                             call->request_cancellable, on_read, call);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;
  GError *send_error = NULL;
  GError *read_error = NULL;
  GError *error = NULL;
  gssize n;

  call->stream = soup_session_send_finish (SOUP_SESSION (source), result, &send_error);
  if (call->stream == NULL)
    {
      transport_error (call, send_error, &error);
      call_fail_async (call, error);
      return;
    }

  if (!call_check_head (call, &error))
    call_fail_async (call, error);
  else if (call->body_limit == 0)
    call_page_done_async (call);
  else if (call_read_available (call, &n, &read_error))
    call_read_on (call, n, read_error);
  else
    call_read_async (call);
}

static void
call_send_async (Call *call)
{
  if (call->send_observer != NULL)
    call->send_observer (call->url, call->send_observer_data);

  call->lane = io_thread_take_lane (call->io, call->client);
  call_begin_page (call, call->lane->session);
  call_arm_deadline (call, call->io->context, TRUE);
  soup_session_send_async (call->session, call->msg, G_PRIORITY_DEFAULT,
                           call->request_cancellable, on_sent, call);
}

static gboolean
send_queued_cb (gpointer user_data)
{
  IoThread *io = user_data;

  for (guint i = 0; i < GH_CLIENT_SENDS_PER_ITERATION; i++)
    {
      Call *call = g_queue_pop_head (&io->continuing);

      if (call == NULL)
        call = g_queue_pop_head (&io->starting);
      if (call == NULL)
        break;
      call_send_async (call);
    }

  if (!g_queue_is_empty (&io->continuing) || !g_queue_is_empty (&io->starting))
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&io->send_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
io_thread_queue_send (IoThread *io,
                      Call     *call)
{
  if (call->n_pages > 0 || call->n_redirects > 0)
    g_queue_push_tail (&io->continuing, call);
  else
    g_queue_push_tail (&io->starting, call);

  if (io->send_source != NULL)
    return;

  io->send_source = g_idle_source_new ();
  g_source_set_priority (io->send_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (io->send_source, send_queued_cb, io, NULL);
  g_source_set_static_name (io->send_source, "[gh] send pages");
  g_source_attach (io->send_source, io->context);
}

static void
on_slot_acquired (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Call *call = user_data;
  GError *error = NULL;

  if (!_gh_limiter_acquire_finish (call->client->limiter, result, &error))
    {
      call_fail_async (call, error);
      return;
    }

  call->holding_slot = TRUE;
  io_thread_queue_send (call->io, call);
}

static void
call_next_page_async (Call *call)
{
  _gh_limiter_acquire_async (call->client->limiter, call->cancellable, on_slot_acquired, call);
}

static gboolean
call_start_cb (gpointer data)
{
  call_next_page_async (data);
  return G_SOURCE_REMOVE;
}

static void
call_start_async (GhClient            *self,
                  Call                *call,
                  gpointer             source_tag,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  call->task = g_task_new (self, call->cancellable, callback, user_data);
  g_task_set_source_tag (call->task, source_tag);
  call->delivery = delivery_acquire (self, g_task_get_context (call->task));
  call->io = io_thread_get (self);

  g_main_context_invoke (call->io->context, call_start_cb, call);
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
  g_autoptr(Call) call = NULL;
  g_autofree char *path = NULL;

  if (!_gh_validate_name ("organization", org, error))
    return NULL;

  path = repos_path (org);
  call = call_new (self, GH_TYPE_REPO, path, cancellable);

  return call_run_sync (call, error);
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
  call_start_async (self, call_new (self, GH_TYPE_REPO, path, cancellable),
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
  g_autoptr(Call) call = NULL;
  g_autofree char *path = NULL;

  if (!_gh_validate_name ("owner", owner, error) ||
      !_gh_validate_name ("repository", repo, error))
    return NULL;

  path = contributors_path (owner, repo);
  call = call_new (self, GH_TYPE_USER, path, cancellable);

  return call_run_sync (call, error);
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
  call_start_async (self, call_new (self, GH_TYPE_USER, path, cancellable),
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
gh_client_service_iface_init (GhServiceInterface *iface)
{
  iface->get_org_repos_sync = gh_client_get_org_repos_sync;
  iface->get_org_repos_async = gh_client_get_org_repos_async;
  iface->get_org_repos_finish = gh_client_get_org_repos_finish;
  iface->get_repo_contributors_sync = gh_client_get_repo_contributors_sync;
  iface->get_repo_contributors_async = gh_client_get_repo_contributors_async;
  iface->get_repo_contributors_finish = gh_client_get_repo_contributors_finish;
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

      if (_gh_limiter_get_max (self->limiter) == effective)
        return;
      _gh_limiter_set_max (self->limiter, effective);
    }
}

/* GitHub's cloud, whose secondary rate limit allows no more than 100
 * concurrent requests: api.github.com, and the *.ghe.com hosts of GitHub
 * Enterprise Cloud with data residency (api.SUBDOMAIN.ghe.com). @host is
 * lower case, as _gh_uri_parse_api_url() leaves it. */
static gboolean
is_github_cloud_host (const char *host)
{
  g_autofree char *name = NULL;
  gsize length;

  if (host == NULL)
    return FALSE;

  name = g_strdup (host);
  length = strlen (name);

  /* A fully qualified name ("api.github.com.") is the same host */
  if (length > 0 && name[length - 1] == '.')
    name[length - 1] = '\0';

  return g_str_equal (name, "api.github.com") || g_str_has_suffix (name, ".ghe.com");
}

static guint
max_requests_for_uri (GUri *api_uri)
{
  if (is_github_cloud_host (g_uri_get_host (api_uri)))
    return GH_CLIENT_GITHUB_MAX_REQUESTS;

  return GH_CLIENT_MAX_REQUESTS_LIMIT;
}

/* GInitable */

static gboolean
gh_client_initable_init (GInitable     *initable,
                         GCancellable  *cancellable,
                         GError       **error)
{
  GhClient *self = GH_CLIENT (initable);
  const char *url = self->api_url != NULL ? self->api_url : GH_DEFAULT_API_URL;

  if (self->api_uri != NULL)
    return TRUE;

  self->api_uri = _gh_uri_parse_api_url (url, error);
  if (self->api_uri == NULL)
    return FALSE;

  g_free (self->api_url);
  self->api_url = g_uri_to_string (self->api_uri);
  self->loopback = _gh_uri_is_loopback_host (g_uri_get_host (self->api_uri));
  self->max_requests_cap = max_requests_for_uri (self->api_uri);
  if (is_github_cloud_host (g_uri_get_host (self->api_uri)))
    self->lane_size = GH_CLIENT_GITHUB_MAX_REQUESTS;

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
  g_thread_pool_free (self->parsers, FALSE, TRUE);
  if (self->io != NULL)
    io_thread_stop (g_steal_pointer (&self->io));
  g_clear_pointer (&self->deliveries, g_ptr_array_unref);
  g_clear_pointer (&self->idle_sync_sessions, g_ptr_array_unref);
  g_clear_pointer (&self->limiter, _gh_limiter_free);
  g_clear_pointer (&self->api_uri, g_uri_unref);
  g_clear_pointer (&self->api_url, g_free);
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
      gh_client_set_max_pages (self, g_value_get_uint (value));
      break;

    case PROP_REQUEST_TIMEOUT:
      gh_client_set_request_timeout (self, g_value_get_uint (value));
      break;

    case PROP_RETRY_BASE_MS:
      gh_client_set_retry_base_ms (self, g_value_get_uint (value));
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
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gh_client_init (GhClient *self)
{
  const char *debug = g_getenv ("GH_HTTP_DEBUG");
  guint64 level = 0;

  g_mutex_init (&self->mutex);
  self->limiter = _gh_limiter_new (GH_CLIENT_DEFAULT_MAX_REQUESTS);
  self->max_requests = GH_CLIENT_DEFAULT_MAX_REQUESTS;
  self->max_requests_cap = GH_CLIENT_MAX_REQUESTS_LIMIT;
  self->lane_size = LANE_MAX_REQUESTS;
  self->max_pages = GH_CLIENT_DEFAULT_MAX_PAGES;
  self->request_timeout_s = GH_CLIENT_DEFAULT_REQUEST_TIMEOUT;
  self->retry_base_ms = GH_CLIENT_DEFAULT_RETRY_BASE_MS;
  self->deliveries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  self->idle_sync_sessions = g_ptr_array_new_with_free_func (g_object_unref);

  /* Shared threads, none of them started until the first parse */
  self->parsers = g_thread_pool_new (parse_on_parser_thread, NULL, MAX_PARSERS, FALSE, NULL);
  g_thread_pool_set_sort_function (self->parsers, compare_parses, NULL);

  if (debug != NULL &&
      g_ascii_string_to_unsigned (debug, 10, 0, GH_HTTP_LOG_BODY, &level, NULL))
    self->http_log_level = level;
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

  return _gh_limiter_get_max (self->limiter);
}

/**
 * gh_client_set_max_pages:
 * @self: a #GhClient
 * @max_pages: at least 1
 *
 * Sets how many pages calls started afterwards follow at most. A call
 * whose list goes on after that many pages fails with
 * %GH_ERROR_TOO_MANY_PAGES rather than return part of it.
 */
void
gh_client_set_max_pages (GhClient *self,
                         guint     max_pages)
{
  gboolean changed;

  g_return_if_fail (GH_IS_CLIENT (self));
  g_return_if_fail (max_pages >= 1);

  g_mutex_lock (&self->mutex);
  changed = self->max_pages != max_pages;
  self->max_pages = max_pages;
  g_mutex_unlock (&self->mutex);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PAGES]);
}

guint
gh_client_get_max_pages (GhClient *self)
{
  guint max_pages;

  g_return_val_if_fail (GH_IS_CLIENT (self), 0);

  g_mutex_lock (&self->mutex);
  max_pages = self->max_pages;
  g_mutex_unlock (&self->mutex);

  return max_pages;
}

/**
 * gh_client_set_request_timeout:
 * @self: a #GhClient
 * @seconds: 1 to #GH_CLIENT_MAX_REQUEST_TIMEOUT
 *
 * Sets #GhClient:request-timeout for calls started afterwards.
 */
void
gh_client_set_request_timeout (GhClient *self,
                               guint     seconds)
{
  gboolean changed;

  g_return_if_fail (GH_IS_CLIENT (self));
  g_return_if_fail (seconds >= 1 && seconds <= GH_CLIENT_MAX_REQUEST_TIMEOUT);

  g_mutex_lock (&self->mutex);
  changed = self->request_timeout_s != seconds;
  self->request_timeout_s = seconds;
  g_mutex_unlock (&self->mutex);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_TIMEOUT]);
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
  guint seconds;

  g_return_val_if_fail (GH_IS_CLIENT (self), 0);

  g_mutex_lock (&self->mutex);
  seconds = self->request_timeout_s;
  g_mutex_unlock (&self->mutex);

  return seconds;
}

/**
 * gh_client_set_retry_base_ms:
 * @self: a #GhClient
 * @base_ms: 0 to #GH_CLIENT_MAX_RETRY_BASE_MS
 *
 * Sets #GhClient:retry-base-ms for calls started afterwards.
 */
void
gh_client_set_retry_base_ms (GhClient *self,
                             guint     base_ms)
{
  gboolean changed;

  g_return_if_fail (GH_IS_CLIENT (self));
  g_return_if_fail (base_ms <= GH_CLIENT_MAX_RETRY_BASE_MS);

  g_mutex_lock (&self->mutex);
  changed = self->retry_base_ms != base_ms;
  self->retry_base_ms = base_ms;
  g_mutex_unlock (&self->mutex);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_BASE_MS]);
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
  guint base_ms;

  g_return_val_if_fail (GH_IS_CLIENT (self), 0);

  g_mutex_lock (&self->mutex);
  base_ms = self->retry_base_ms;
  g_mutex_unlock (&self->mutex);

  return base_ms;
}

/**
 * gh_client_set_http_log_level:
 * @self: a #GhClient
 * @level: how much to log
 *
 * Sets how much HTTP traffic goes to the debug log. Applies to the HTTP
 * sessions the client creates afterwards, so call it before the first
 * request.
 */
void
gh_client_set_http_log_level (GhClient       *self,
                              GhHttpLogLevel  level)
{
  g_return_if_fail (GH_IS_CLIENT (self));
  g_return_if_fail (level <= GH_HTTP_LOG_BODY);

  g_mutex_lock (&self->mutex);
  self->http_log_level = level;
  g_mutex_unlock (&self->mutex);
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

  return _gh_limiter_get_in_flight (self->limiter);
}

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
  uri = g_uri_parse_relative (self->api_uri, "rate_limit",
                              G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  g_assert (uri != NULL && _gh_uri_same_origin (uri, self->api_uri));
  url = g_uri_to_string (uri);

  msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  /* A redirect would take the token elsewhere */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/vnd.github+json");
  soup_message_headers_replace (headers, "X-GitHub-Api-Version", API_VERSION);

  g_mutex_lock (&self->mutex);
  token = g_strdup (self->token);
  g_mutex_unlock (&self->mutex);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      explicit_bzero (value, strlen (value));
      explicit_bzero (token, strlen (token));
    }

  g_debug ("GET %s", url);
  session = take_sync_session (self);
  body = soup_session_send_and_read (session, msg, cancellable, &local_error);
  return_sync_session (self, session);

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
      g_autofree char *phrase = gh_text_sanitize (message_reason (msg), GH_TEXT_MAX_NAME_CHARS,
                                                  NULL);

      /* Translators: the HTTP status and its reason phrase ("Not Found"),
         which stay in English, then the URL */
      g_set_error (error, GH_ERROR, status == 404 ? GH_ERROR_NOT_FOUND : GH_ERROR_FAILED,
                   _("Could not read the rate limit: HTTP %u %s from %s"), status, phrase, url);
      return FALSE;
    }

  if (g_bytes_get_size (body) > MAX_ERROR_BODY_BYTES ||
      !_gh_json_parse_rate_limit (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  &read.limit, &read.remaining, &read.reset, &reason))
    {
      g_autofree char *safe = gh_text_sanitize (reason != NULL ? reason : _("too large"),
                                                MAX_QUOTED_CHARS, NULL);

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

/**
 * gh_api_url_for_host:
 * @host: (nullable): "github.com", a GitHub Enterprise Server host name, or
 *   a full API URL
 *
 * Returns: (transfer full): the API URL to give gh_client_new():
 *   #GH_DEFAULT_API_URL for %NULL, "", "github.com" and "api.github.com",
 *   `https://HOST/api/v3/` for other hosts, and @host itself when it
 *   already is a URL
 */
char *
gh_api_url_for_host (const char *host)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (host != NULL ? host : ""));

  if (trimmed[0] == '\0' ||
      g_ascii_strcasecmp (trimmed, "github.com") == 0 ||
      g_ascii_strcasecmp (trimmed, "api.github.com") == 0)
    return g_strdup (GH_DEFAULT_API_URL);

  if (strstr (trimmed, "://") != NULL)
    return g_steal_pointer (&trimmed);

  return g_strdup_printf ("https://%s/api/v3/", trimmed);
}

/**
 * gh_max_requests_for_api_url:
 * @api_url: an API URL, as gh_client_new() takes it
 *
 * Says how many requests a client of @api_url may have in flight at most,
 * whatever its #GhClient:max-requests: #GH_CLIENT_GITHUB_MAX_REQUESTS for
 * GitHub's cloud (api.github.com, and `*.ghe.com` hosts), whose secondary
 * rate limit allows no more than 100 concurrent requests, and
 * #GH_CLIENT_MAX_REQUESTS_LIMIT for any other server (GitHub Enterprise
 * Server, the fake server), whose limits are its administrator's.
 *
 * Returns: the highest effective in-flight limit, or 0 if @api_url is not
 *   a valid API URL
 */
guint
gh_max_requests_for_api_url (const char *api_url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (api_url != NULL, 0);

  uri = _gh_uri_parse_api_url (api_url, NULL);
  if (uri == NULL)
    return 0;

  return max_requests_for_uri (uri);
}

/* For tests: the outcomes that wait for @context to take them */
guint
_gh_client_get_n_waiting_outcomes (GhClient     *self,
                                   GMainContext *context)
{
  guint n = 0;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->deliveries->len; i++)
    {
      Delivery *delivery = g_ptr_array_index (self->deliveries, i);

      if (g_source_get_context (&delivery->source) == context)
        n = g_queue_get_length (&delivery->outcomes);
    }
  g_mutex_unlock (&self->mutex);

  return n;
}

/* For tests: @observer sees each page's URL just before its body is
 * parsed, on the thread that parses it */
void
_gh_client_set_parse_observer (GhClient        *self,
                               GhPageObserver  observer,
                               gpointer         user_data)
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
