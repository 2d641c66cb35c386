/* gh-runner.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-runner-private.h"

#include <string.h>

#include "gh-delivery-private.h"
#include "gh-limiter-private.h"
#include "gh-log.h"
#include "gh-text.h"
#include "gh-uri-private.h"

/*
 * Where a client's requests run, and how many at once.
 *
 * The blocking style (gh-runner-sync.c) runs a call on the caller's
 * thread, with a session borrowed from a pool for one request at a time,
 * so that no two threads ever share a blocking session and the sync API,
 * which needs no main context, never waits on somebody else's loop. Its
 * deadlines run on a thread of their own.
 *
 * The callback style (and so the suspend style, which awaits it) runs
 * every request on the client's I/O thread, where its sessions live:
 * connecting, sending, reading, retrying and following pages never touch
 * the caller's context, which is often the one that paints a window.
 * Pages are parsed on parser threads. Each call is freed on the I/O
 * thread, with its libsoup objects; only its outcome goes back to the
 * caller's context (gh-delivery.c).
 *
 * Both styles take a slot of the same limiter for each request.
 */

#define USER_AGENT "Contributors/" PACKAGE_VERSION " (+GNOME) "
/* Blocking sessions kept for reuse (with their keep-alive connections) */
#define MAX_IDLE_SYNC_SESSIONS 8
/* Threads parsing the callback style's pages at most */
#define MAX_PARSERS 2

/*
 * One libsoup session of the I/O thread. Many requests in flight are
 * spread over several sessions, because the work libsoup 3.2 does per
 * request grows with the session's queue and connections: every run of
 * its queue walks all queued messages, and each of those walks all
 * connections, reading from every idle one to see whether it is still
 * open. With a thousand requests in flight on one session that is a
 * million steps, each time a connection changes state; with lanes of a
 * few, a few thousand. GitHub's cloud gets a single lane: it speaks
 * HTTP/2, where one connection carries all requests of a session, and
 * allows 100 at once.
 */
struct _GhLane
{
  SoupSession *session;
  guint        n_active;     /* pages in flight on it */
};

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
struct _GhIoThread
{
  GMainContext   *context;
  GMainLoop      *loop;
  GThread        *thread;
  GPtrArray      *lanes;       /* GhLane */
  GQueue          continuing;  /* GhCall, holding a slot, waiting to be sent */
  GQueue          starting;    /* the same, for a call's first page */
  GSource        *send_source;
};

struct _GhRunner
{
  /* Set before the first request */
  gboolean        loopback;
  guint           max_conns;     /* what the origin allows */
  guint           lane_size;     /* requests per callback-style session */
  GhHttpLogLevel  log_level;

  GhLimiter      *limiter;
  GhDeliveries   *deliveries;
  GThreadPool    *parsers;       /* the callback style's JSON, see call_parse_async() */
  int             parse_tickets; /* atomic; orders the parsers' queue */

  GMutex          mutex;
  GhIoThread     *io;            /* started with the first callback-style call; under the mutex */
  GPtrArray      *idle_sync_sessions; /* the same */
};

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
new_session (GhRunner *self)
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
                          "max-conns", self->max_conns,
                          "max-conns-per-host", self->max_conns,
                          NULL);

  /* A proxy from the environment must not get loopback traffic (the fake
   * server, a tunnel): libsoup's default resolver would send it there */
  if (self->loopback)
    soup_session_set_proxy_resolver (session, NULL);

  /* Authorization is ours; the auth manager would only get in the way */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);

  if (self->log_level != GH_HTTP_LOG_NONE)
    {
      g_autoptr(SoupLogger) logger = NULL;
      SoupLoggerLogLevel soup_level;

      switch (self->log_level)
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

SoupSession *
_gh_runner_take_sync_session (GhRunner *self)
{
  SoupSession *session = NULL;

  g_mutex_lock (&self->mutex);
  if (self->idle_sync_sessions->len > 0)
    session = g_ptr_array_steal_index (self->idle_sync_sessions,
                                       self->idle_sync_sessions->len - 1);
  g_mutex_unlock (&self->mutex);

  if (session == NULL)
    session = new_session (self);

  return session;
}

void
_gh_runner_return_sync_session (GhRunner    *self,
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
lane_free (GhLane *lane)
{
  g_assert (lane->n_active == 0);

  g_object_unref (lane->session);
  g_free (lane);
}

/* The first lane with room, so that a few requests keep to one session and
 * its keep-alive connections; a new one when all are full. On the I/O
 * thread, which the session is then bound to. */
static GhLane *
io_thread_take_lane (GhIoThread *io,
                     GhRunner   *runner)
{
  GhLane *lane;

  for (guint i = 0; i < io->lanes->len; i++)
    {
      lane = g_ptr_array_index (io->lanes, i);
      if (lane->n_active < runner->lane_size)
        {
          lane->n_active++;
          return lane;
        }
    }

  lane = g_new0 (GhLane, 1);
  lane->session = new_session (runner);
  lane->n_active = 1;
  g_ptr_array_add (io->lanes, lane);

  return lane;
}

static gpointer
io_thread_run (gpointer data)
{
  GhIoThread *io = data;

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

/* The callback style's thread, started on first use */
static GhIoThread *
io_thread_get (GhRunner *self)
{
  GhIoThread *io;

  g_mutex_lock (&self->mutex);
  if (self->io == NULL)
    {
      io = g_new0 (GhIoThread, 1);
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
io_thread_stop (GhIoThread *io)
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


/* Callback style. A call's steps run on the client's I/O thread, one
 * after the other; whichever step is running owns the call. */

static void call_next_page_async (GhCall *call);

static void
call_leave_lane (GhCall *call)
{
  if (call->lane == NULL)
    return;

  g_assert (call->lane->n_active > 0);
  call->lane->n_active--;
  call->lane = NULL;
}

static void
call_stop_retry_wait (GhCall *call)
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
call_return_async (GhCall     *call,
                   GhResponse *response,
                   GError     *error)
{
  GTask *task = g_steal_pointer (&call->task);
  GhDelivery *delivery = call->delivery;

  if (call->io_forward_id != 0)
    g_cancellable_disconnect (call->cancellable, call->io_forward_id);
  call->io_forward_id = 0;
  _gh_call_free (call);
  _gh_delivery_push (delivery, task, response, error);
}

static void
call_fail_async (GhCall *call,
                 GError *error)
{
  call_stop_retry_wait (call);
  _gh_call_disarm_deadline (call);
  _gh_call_close_stream (call);
  call_leave_lane (call);
  if (call->holding_slot)
    {
      call->holding_slot = FALSE;
      _gh_limiter_release (call->runner->limiter);
    }

  _gh_call_scrub_error (call, error);
  _gh_call_record_request (call, error);
  call_return_async (call, NULL, error);
}

/* The page is in the call's items: on to the next one, or done */
static void
call_page_parsed_async (GhCall *call)
{
  GError *error = NULL;

  if (!_gh_call_advance_page (call, &error))
    call_fail_async (call, error);
  else if (call->url != NULL)
    call_next_page_async (call);
  else
    call_return_async (call, _gh_call_build_response (call), NULL);
}

static gboolean
call_parsed_cb (gpointer data)
{
  GhCall *call = data;

  if (!call->parse_ok)
    {
      g_autofree char *reason = g_steal_pointer (&call->parse_failure);

      call_fail_async (call, _gh_call_invalid_response_error (call, reason));
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
  GhCall *call = data;
  g_autoptr(GSource) source = g_idle_source_new ();

  call->parse_ok = _gh_call_parse_page (call, &call->parse_failure);

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
  const GhCall *call_a = a;
  const GhCall *call_b = b;

  if (call_a->parse_urgent != call_b->parse_urgent)
    return call_a->parse_urgent ? -1 : 1;
  return (int) (call_a->parse_ticket - call_b->parse_ticket);
}

/* Parsing is most of the work an answer makes: on the I/O thread it would
 * hold up every other request's next step for as long as a burst of
 * answers takes */
static void
call_parse_async (GhCall *call)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->msg);
  g_autofree char *next = _gh_link_find_next (soup_message_headers_get_list (headers, "Link"));

  call->parse_urgent = next != NULL;
  call->parse_ticket = (guint) g_atomic_int_add (&call->runner->parse_tickets, 1);
  g_thread_pool_push (call->runner->parsers, call, NULL);
}

static gboolean
retry_due_cb (gpointer data)
{
  GhCall *call = data;

  call_stop_retry_wait (call);
  call_next_page_async (call);

  return G_SOURCE_REMOVE;
}

static gboolean
retry_cancelled_cb (GCancellable *cancellable,
                    gpointer      data)
{
  GhCall *call = data;
  GError *error = NULL;

  call_stop_retry_wait (call);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  call_fail_async (call, error);

  return G_SOURCE_REMOVE;
}

/* The callback style's wait before a retry: a timer raced against the
 * cancellable. Whichever fires first takes the call on. */
static void
call_retry_async (GhCall *call)
{
  g_assert (call->retry_timer == NULL && call->retry_cancel == NULL);

  call->retry_timer = g_timeout_source_new (call->retry_delay_ms);
  g_source_set_callback (call->retry_timer, retry_due_cb, call, NULL);
  g_source_set_static_name (call->retry_timer, "[gh] retry backoff");
  g_source_attach (call->retry_timer, call->io->context);

  call->retry_cancel = g_cancellable_source_new (call->io_cancellable);
  g_source_set_callback (call->retry_cancel, G_SOURCE_FUNC (retry_cancelled_cb), call, NULL);
  g_source_set_static_name (call->retry_cancel, "[gh] retry cancelled");
  g_source_attach (call->retry_cancel, call->io->context);
}

static void
call_page_done_async (GhCall *call)
{
  GError *error = NULL;

  _gh_call_disarm_deadline (call);
  _gh_call_close_stream (call);
  g_clear_object (&call->session);
  call_leave_lane (call);
  call->holding_slot = FALSE;
  _gh_limiter_release (call->runner->limiter);

  switch (_gh_call_check_page (call, &error))
    {
    case GH_PAGE_FAILED:
      call_fail_async (call, error);
      break;
    case GH_PAGE_RETRY:
      call_retry_async (call);
      break;
    case GH_PAGE_REDIRECTED:
      call_next_page_async (call);
      break;
    case GH_PAGE_EMPTY:
      call_page_parsed_async (call);
      break;
    case GH_PAGE_BODY:
      call_parse_async (call);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void call_read_async (GhCall *call);

/* Without waiting: each asynchronous read takes an iteration of the I/O
 * thread, which under load lasts milliseconds, so a body that has come in
 * is read at once. FALSE where the stream cannot tell. */
static gboolean
call_read_available (GhCall  *call,
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

  buffer = _gh_call_prepare_read (call, &size);
  *n = g_pollable_input_stream_read_nonblocking (pollable, buffer, size,
                                                 call->request_cancellable, error);
  return TRUE;
}

/* @n bytes (or @read_error) came from a read: reads on as far as the body
 * has come in, then waits for the rest or ends the page */
static void
call_read_on (GhCall *call,
              gssize  n,
              GError *read_error)
{
  GError *error = NULL;

  while (n > 0 && _gh_call_add_body_bytes (call, n))
    if (!call_read_available (call, &n, &read_error))
      break;

  if (n < 0 && g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (read_error);
      call_read_async (call);
    }
  else if (n < 0)
    {
      if (!_gh_call_handle_read_error (call, read_error, &error))
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
call_read_async (GhCall *call)
{
  gsize size;
  guint8 *buffer = _gh_call_prepare_read (call, &size);

  g_input_stream_read_async (call->stream, buffer, size, G_PRIORITY_DEFAULT,
                             call->request_cancellable, on_read, call);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GhCall *call = user_data;
  GError *send_error = NULL;
  GError *read_error = NULL;
  GError *error = NULL;
  gssize n;

  call->stream = soup_session_send_finish (SOUP_SESSION (source), result, &send_error);
  if (call->stream == NULL)
    {
      _gh_call_transport_error (call, send_error, &error);
      call_fail_async (call, error);
      return;
    }

  if (!_gh_call_check_head (call, &error))
    call_fail_async (call, error);
  else if (call->body_limit == 0)
    call_page_done_async (call);
  else if (call_read_available (call, &n, &read_error))
    call_read_on (call, n, read_error);
  else
    call_read_async (call);
}

static void
call_send_async (GhCall *call)
{
  if (call->send_observer != NULL)
    call->send_observer (call->url, call->send_observer_data);

  call->lane = io_thread_take_lane (call->io, call->runner);
  _gh_call_begin_page (call, call->lane->session);
  _gh_call_arm_deadline (call, call->io->context, call->io_cancellable);
  soup_session_send_async (call->session, call->msg, G_PRIORITY_DEFAULT,
                           call->request_cancellable, on_sent, call);
}

static gboolean
send_queued_cb (gpointer user_data)
{
  GhIoThread *io = user_data;

  for (guint i = 0; i < GH_CLIENT_SENDS_PER_ITERATION; i++)
    {
      GhCall *call = g_queue_pop_head (&io->continuing);

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
io_thread_queue_send (GhIoThread *io,
                      GhCall     *call)
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
  GhCall *call = user_data;
  GError *error = NULL;

  if (!_gh_limiter_acquire_finish (call->runner->limiter, result, &error))
    {
      call_fail_async (call, error);
      return;
    }

  call->holding_slot = TRUE;
  io_thread_queue_send (call->io, call);
}

static void
call_next_page_async (GhCall *call)
{
  _gh_limiter_acquire_async (call->runner->limiter, call->io_cancellable, on_slot_acquired, call);
}

static gboolean
call_start_cb (gpointer data)
{
  call_next_page_async (data);
  return G_SOURCE_REMOVE;
}

static gboolean
cancel_on_io_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* From the thread that cancels. What waits on the I/O thread (a slot, a
 * request, a retry) watches a cancellable cancelled there, and only there:
 * GLib 2.74's cancellable sources can leak when their cancellable is
 * cancelled on one thread as they go on another. */
static void
forward_to_io_cb (GCancellable *cancellable,
                  gpointer      data)
{
  GhCall *call = data;

  g_main_context_invoke_full (call->io->context, G_PRIORITY_DEFAULT, cancel_on_io_cb,
                              g_object_ref (call->io_cancellable), g_object_unref);
}

/**
 * _gh_runner_run_async:
 * @self: a runner
 * @call: (transfer full): the call
 * @source_tag: for the task
 * @callback: called on the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Runs @call on the I/O thread; the task, whose source object is the
 * call's owner, returns its #GhResponse.
 */
void
_gh_runner_run_async (GhRunner            *self,
                      GhCall              *call,
                      gpointer             source_tag,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  call->task = g_task_new (call->owner, call->cancellable, callback, user_data);
  g_task_set_source_tag (call->task, source_tag);
  call->delivery = _gh_deliveries_acquire (self->deliveries, g_task_get_context (call->task));
  call->io = io_thread_get (self);
  call->io_cancellable = g_cancellable_new ();
  if (call->cancellable != NULL)
    call->io_forward_id = g_cancellable_connect (call->cancellable, G_CALLBACK (forward_to_io_cb),
                                                 call, NULL);

  g_main_context_invoke (call->io->context, call_start_cb, call);
}

/* The runner */

GhRunner *
_gh_runner_new (void)
{
  GhRunner *self = g_new0 (GhRunner, 1);

  g_mutex_init (&self->mutex);
  self->max_conns = GH_CLIENT_MAX_REQUESTS_LIMIT;
  self->lane_size = GH_RUNNER_LANE_SIZE;
  self->limiter = _gh_limiter_new (GH_CLIENT_DEFAULT_MAX_REQUESTS);
  self->deliveries = _gh_deliveries_new ();
  self->idle_sync_sessions = g_ptr_array_new_with_free_func (g_object_unref);
  /* Started with the first parse */
  self->parsers = g_thread_pool_new (parse_on_parser_thread, NULL, MAX_PARSERS, FALSE, NULL);
  g_thread_pool_set_sort_function (self->parsers, compare_parses, NULL);

  return self;
}

/* With no call in flight (each holds the runner's owner) */
void
_gh_runner_free (GhRunner *self)
{
  g_thread_pool_free (self->parsers, FALSE, TRUE);
  if (self->io != NULL)
    io_thread_stop (g_steal_pointer (&self->io));
  g_clear_pointer (&self->deliveries, _gh_deliveries_free);
  g_clear_pointer (&self->idle_sync_sessions, g_ptr_array_unref);
  g_clear_pointer (&self->limiter, _gh_limiter_free);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/* Before the first request: what the API URL's origin asks for. Sessions
 * with @loopback use no proxy; @max_conns is their connection limit, and
 * @lane_size how many requests share one on the I/O thread. */
void
_gh_runner_configure (GhRunner       *self,
                      gboolean        loopback,
                      guint           max_conns,
                      guint           lane_size,
                      GhHttpLogLevel  log_level)
{
  self->loopback = loopback;
  self->max_conns = max_conns;
  self->lane_size = lane_size;
  self->log_level = log_level;
}

GhLimiter *
_gh_runner_get_limiter (GhRunner *self)
{
  return self->limiter;
}

/* For tests: the outcomes that wait for @context to take them */
guint
_gh_runner_get_n_waiting_outcomes (GhRunner     *self,
                                   GMainContext *context)
{
  return _gh_deliveries_get_n_waiting (self->deliveries, context);
}
