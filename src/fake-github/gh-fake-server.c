/* gh-fake-server.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-fake-server.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#ifdef __linux__
#include <sys/epoll.h>
#include <unistd.h>
#endif

#include <glib-unix.h>
#include <libsoup/soup.h>

#include "gh-fake-response-private.h"

#define RATE_LIMIT           5000
#define RATE_WINDOW_S        3600
#define DEFAULT_CHUNK_SIZE   16
#define DEFAULT_INTERVAL_MS  100
/* Server threads, where the system lets several sockets share a port */
#define N_WORKERS            4

/*
 * The server runs on threads of its own, each with its own GMainContext: a
 * blocking libsoup call made on the thread that runs a SoupServer would
 * wait for an answer that thread can never send. Everything about a
 * request (SoupServer, messages, timers, pending state) lives on the
 * thread that accepted its connection; the log, the counters and the
 * faults are shared with the other threads and the callers' under @lock.
 *
 * A request is answered by pausing its message and queueing it for the
 * time its answer is due, so a slow repository delays nobody else.
 *
 * A GMainContext polls and checks every source it has on each iteration,
 * so a source per request would make each iteration cost as much as the
 * requests waiting, and a client with a thousand at once would spend its
 * latency budget on the server's bookkeeping. So the waiting requests
 * share one timer (a queue ordered by due time, whose head sets the
 * source's ready time), and on Linux one epoll set watches all their
 * clients for going away. libsoup still has a source per connection, idle
 * keep-alive ones included, so the connections are spread over a few
 * threads (Worker), each listening on the same port (SO_REUSEPORT, where
 * the kernel hands each new connection to one of them).
 *
 * Between requests, keep-alive connections are watched too: libsoup 3.2
 * misses a client closing one while it waits for the next request (fixed
 * in 3.3), and would keep its socket open for good.
 */

typedef struct
{
  guint         id;
  GPatternSpec *spec;
  GhFakeFault  *fault;
  guint         matched;
} FaultEntry;

/* One server thread */
typedef struct
{
  GhFakeServer    *self;
  guint            index;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  gboolean         ready;         /* under self->lock */
  GError          *start_error;   /* under self->lock */

  /* Its thread only */
  SoupServer      *soup;
  GHashTable      *pending;
  guint64          next_serial;
  GSequence       *due;           /* Pending, by due time */
  GSource         *due_source;
  int              epoll_fd;      /* -1 without epoll */
  GSource         *epoll_source;
  GHashTable      *watched;       /* serial → Pending, the clients watched */
  GHashTable      *idle;          /* GSocket → its watch (NULL with epoll) */
} Worker;

typedef struct
{
  GhFakeServer      *self;
  Worker            *worker;    /* the thread it lives on */
  SoupServerMessage *msg;
  GhFakeRequest     *record;    /* a reference on the log's entry */
  GhFakeResponse    *response;
  GhFakeFault       *fault;     /* (nullable) */
  guint64            serial;    /* tells this request from later ones */
  gint64             due_us;    /* monotonic time the answer is due */
  GSequenceIter     *due_iter;  /* (nullable): its place in the queue */
  GSource           *timer;     /* TRICKLE: the next chunk */
  GSocket           *watched;   /* (nullable): the client's socket, while watched */
  GSource           *watch;     /* the watch's source without epoll */
  gsize              sent;      /* TRICKLE: body bytes handed to libsoup */
  gboolean           wrote_body;
} Pending;

struct _GhFakeServer
{
  GObject        parent_instance;

  GhDataset     *dataset;
  guint          port;

  /* Shared with callers' threads. */
  GMutex         lock;
  GCond          cond;
  double         latency_scale;
  GPtrArray     *faults;
  guint          next_fault_id;
  guint         *repo_fault_hits;
  GPtrArray     *log;
  guint          in_flight;
  guint          peak_in_flight;
  GhFakeRateLimit rate;
  GhFakePageCache *page_cache;   /* has a lock of its own */

  /* Written by start() and stop() only. */
  Worker        *workers;
  guint          n_workers;
  guint          bound_port;
  char          *uri;
  gint64         start_time;
};

G_DEFINE_FINAL_TYPE (GhFakeServer, gh_fake_server, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (GhFakeRequest, gh_fake_request, gh_fake_request_copy, gh_fake_request_free)

static void
request_clear (GhFakeRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->user_agent);
  g_free (request->accept);
  g_free (request->api_version);
  g_free (request->if_none_match);
  g_free (request->auth_scheme);
  g_free (request->fault);
}

static void
record_release (gpointer record)
{
  g_rc_box_release_full (record, (GDestroyNotify) request_clear);
}

/**
 * gh_fake_request_copy:
 * @request: a log entry
 *
 * Returns: (transfer full): a copy of @request
 */
GhFakeRequest *
gh_fake_request_copy (const GhFakeRequest *request)
{
  GhFakeRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_memdup2 (request, sizeof *request);
  copy->method = g_strdup (request->method);
  copy->path = g_strdup (request->path);
  copy->user_agent = g_strdup (request->user_agent);
  copy->accept = g_strdup (request->accept);
  copy->api_version = g_strdup (request->api_version);
  copy->if_none_match = g_strdup (request->if_none_match);
  copy->auth_scheme = g_strdup (request->auth_scheme);
  copy->fault = g_strdup (request->fault);

  return copy;
}

void
gh_fake_request_free (GhFakeRequest *request)
{
  if (request == NULL)
    return;

  request_clear (request);
  g_free (request);
}

static void
fault_entry_free (gpointer data)
{
  FaultEntry *entry = data;

  g_pattern_spec_free (entry->spec);
  gh_fake_fault_free (entry->fault);
  g_free (entry);
}

static gboolean
fault_applies (const GhFakeFault *fault,
               guint              matched)
{
  return matched > fault->skip && (fault->times == 0 || matched - fault->skip <= fault->times);
}

static gboolean
path_matches (GPatternSpec *spec,
              const char   *path_and_query)
{
  g_autofree char *path = NULL;
  const char *query = strchr (path_and_query, '?');

  if (g_pattern_spec_match_string (spec, path_and_query))
    return TRUE;
  if (query == NULL)
    return FALSE;

  path = g_strndup (path_and_query, query - path_and_query);
  return g_pattern_spec_match_string (spec, path);
}

/* Called with the lock held. The first fault that matches and whose
 * skip/times window is open wins; the dataset's fault for the repository
 * comes last. Every match counts, applied or not. */
static const GhFakeFault *
find_fault (GhFakeServer *self,
            const char   *path_and_query,
            int           repo_index)
{
  const GhFakeFault *fault;

  for (guint i = 0; i < self->faults->len; i++)
    {
      FaultEntry *entry = g_ptr_array_index (self->faults, i);

      if (path_matches (entry->spec, path_and_query) &&
          fault_applies (entry->fault, ++entry->matched))
        return entry->fault;
    }

  if (repo_index < 0)
    return NULL;

  fault = gh_dataset_get_repo_fault (self->dataset, repo_index);
  if (fault != NULL && fault_applies (fault, ++self->repo_fault_hits[repo_index]))
    return fault;

  return NULL;
}

static char *
auth_scheme (const char *authorization)
{
  const char *end = authorization;

  while (*end != '\0' && !g_ascii_isspace (*end))
    end++;

  return g_strndup (authorization, end - authorization);
}

static GhFakeRequest *
log_request (GhFakeServer      *self,
             SoupServerMessage *msg,
             const char        *path_and_query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  GhFakeRequest *record = g_rc_box_new0 (GhFakeRequest);

  record->time_us = g_get_monotonic_time () - self->start_time;
  record->end_time_us = -1;
  record->method = g_strdup (soup_server_message_get_method (msg));
  record->path = g_strdup (path_and_query);
  record->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  record->accept = g_strdup (soup_message_headers_get_one (headers, "Accept"));
  record->api_version = g_strdup (soup_message_headers_get_one (headers, "X-GitHub-Api-Version"));
  record->if_none_match = g_strdup (soup_message_headers_get_one (headers, "If-None-Match"));
  /* Only the scheme: the credentials must never reach a log. */
  record->has_authorization = authorization != NULL;
  record->auth_scheme = authorization ? auth_scheme (authorization) : NULL;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->log, g_rc_box_acquire (record));
  self->in_flight++;
  self->peak_in_flight = MAX (self->peak_in_flight, self->in_flight);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  return record;
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_assert (pending->timer == NULL && pending->watch == NULL);
  g_assert (pending->due_iter == NULL && pending->watched == NULL);

  g_object_unref (pending->msg);
  record_release (pending->record);
  _gh_fake_response_free (pending->response);
  gh_fake_fault_free (pending->fault);
  g_free (pending);
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static GSource *
add_timer (Worker      *worker,
           guint        delay_ms,
           GSourceFunc  callback,
           Pending     *pending)
{
  GSource *source = g_timeout_source_new (delay_ms);

  g_source_set_callback (source, callback, pending, NULL);
  g_source_set_static_name (source, "[gh-fake-server] delay");
  g_source_attach (source, worker->context);

  return source;
}

static guint
scaled (GhFakeServer *self,
        guint         ms)
{
  double scale;

  g_mutex_lock (&self->lock);
  scale = self->latency_scale;
  g_mutex_unlock (&self->lock);

  return (guint) MIN (ms * scale + 0.5, (double) G_MAXUINT);
}

/* The queue of answers waiting for their time */

static int
compare_due (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const Pending *pa = a;
  const Pending *pb = b;

  if (pa->due_us != pb->due_us)
    return pa->due_us < pb->due_us ? -1 : 1;

  /* Equal times keep the order of arrival */
  return pa->serial < pb->serial ? -1 : pa->serial > pb->serial;
}

static void
update_due_source (Worker *worker)
{
  GSequenceIter *first = g_sequence_get_begin_iter (worker->due);

  if (g_sequence_iter_is_end (first))
    g_source_set_ready_time (worker->due_source, -1);
  else
    g_source_set_ready_time (worker->due_source, ((Pending *) g_sequence_get (first))->due_us);
}

static void
enqueue (Pending  *pending,
         guint     delay_ms)
{
  Worker *worker = pending->worker;

  g_assert (pending->due_iter == NULL);

  pending->due_us = g_get_monotonic_time () + (gint64) delay_ms * G_TIME_SPAN_MILLISECOND;
  pending->due_iter = g_sequence_insert_sorted (worker->due, pending, compare_due, NULL);
  if (g_sequence_iter_is_begin (pending->due_iter))
    update_due_source (worker);
}

static void
unqueue (Pending *pending)
{
  if (pending->due_iter == NULL)
    return;

  /* The source's ready time may now be early: it then finds nothing due */
  g_sequence_remove (g_steal_pointer (&pending->due_iter));
}

static void deliver          (Pending  *pending);
static void complete         (Pending  *pending,
                              gboolean  client_gone);
static void close_connection (Pending  *pending);

static gboolean
due_cb (gpointer user_data)
{
  Worker *worker = user_data;
  gint64 now = g_get_monotonic_time ();

  for (;;)
    {
      GSequenceIter *first = g_sequence_get_begin_iter (worker->due);
      Pending *pending;

      if (g_sequence_iter_is_end (first))
        break;

      pending = g_sequence_get (first);
      if (pending->due_us > now)
        break;

      g_sequence_remove (g_steal_pointer (&pending->due_iter));
      deliver (pending);
    }

  update_due_source (worker);

  return G_SOURCE_CONTINUE;
}

static gboolean
due_source_dispatch (GSource     *source,
                     GSourceFunc  callback,
                     gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs due_source_funcs = {
  .dispatch = due_source_dispatch,
};

/* Watching for clients that go away. libsoup does not read from a
 * connection while the request on it is being answered, so a client that
 * gives up would go unnoticed until the answer is written. The socket
 * becoming readable with nothing to read means the client closed it. */

static void
unwatch_client (Pending *pending)
{
  Worker *worker = pending->worker;

  if (pending->watched == NULL)
    return;

  if (pending->watch != NULL)
    clear_source (&pending->watch);
#ifdef __linux__
  /* A closed socket has left the set by itself, and its number may
   * already be somebody else's */
  else if (!g_socket_is_closed (pending->watched))
    epoll_ctl (worker->epoll_fd, EPOLL_CTL_DEL, g_socket_get_fd (pending->watched), NULL);
#endif

  g_hash_table_remove (worker->watched, &pending->serial);
  g_clear_object (&pending->watched);
}

/* Called when the client's socket polls readable */
static void
check_client (Pending *pending)
{
  char byte;
  gssize n;

  n = recv (g_socket_get_fd (pending->watched), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return;

  if (n > 0 || pending->wrote_body)
    {
      /* A pipelined request, or an answer already complete: not ours. */
      unwatch_client (pending);
      return;
    }

  g_debug ("client went away during %s", pending->record->path);
  close_connection (pending);
  complete (pending, TRUE);
}

/* Keep-alive connections between requests. In the epoll set, they are
 * told from requests by a tag on the socket's address (requests have
 * serials, far below it). */
#define IDLE_TAG (G_GUINT64_CONSTANT (1) << 63)

static void
unwatch_idle (Worker  *worker,
              GSocket *socket)
{
  GSource *watch;

  if (!g_hash_table_lookup_extended (worker->idle, socket, NULL, (gpointer *) &watch))
    return;

#ifdef __linux__
  if (watch == NULL && !g_socket_is_closed (socket))
    epoll_ctl (worker->epoll_fd, EPOLL_CTL_DEL, g_socket_get_fd (socket), NULL);
#endif
  g_hash_table_remove (worker->idle, socket);
}

/* Called when an idle connection polls readable: the next request, or the
 * client gone. Closing the socket makes libsoup's read fail, and libsoup
 * lets go of the connection. */
static void
check_idle (Worker  *worker,
            GSocket *socket)
{
  g_autoptr(GSocket) kept = g_object_ref (socket);
  char byte;
  gssize n;

  n = recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return;

  unwatch_idle (worker, socket);
  if (n <= 0)
    {
      g_debug ("client closed a keep-alive connection");
      g_socket_close (socket, NULL);
    }
}

static gboolean
on_idle_socket_ready (GSocket      *socket,
                      GIOCondition  condition,
                      gpointer      user_data)
{
  Worker *worker = user_data;

  check_idle (worker, socket);

  return g_hash_table_contains (worker->idle, socket) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
watch_idle (Worker  *worker,
            GSocket *socket)
{
  GHashTableIter iter;
  GSocket *other;
  GSource *watch;

  /* Those libsoup closed itself (not keep-alive, or the client went while
   * a request was on) have left the epoll set with their descriptor */
  g_hash_table_iter_init (&iter, worker->idle);
  while (g_hash_table_iter_next (&iter, (gpointer *) &other, NULL))
    if (g_socket_is_closed (other))
      g_hash_table_iter_remove (&iter);

  if (g_socket_is_closed (socket) || g_hash_table_contains (worker->idle, socket))
    return;

#ifdef __linux__
  if (worker->epoll_fd >= 0)
    {
      struct epoll_event event = { .events = EPOLLIN | EPOLLRDHUP };

      event.data.u64 = IDLE_TAG | (guintptr) socket;
      if (epoll_ctl (worker->epoll_fd, EPOLL_CTL_ADD, g_socket_get_fd (socket), &event) == 0)
        {
          g_hash_table_insert (worker->idle, g_object_ref (socket), NULL);
          return;
        }
      g_debug ("Cannot watch a connection with epoll: %s", g_strerror (errno));
    }
#endif

  watch = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (watch, (GSourceFunc) G_CALLBACK (on_idle_socket_ready), worker, NULL);
  g_source_set_static_name (watch, "[gh-fake-server] idle connection");
  g_source_attach (watch, worker->context);
  g_hash_table_insert (worker->idle, g_object_ref (socket), watch);
}

static void
idle_watch_free (gpointer data)
{
  GSource *watch = data;

  if (watch == NULL)
    return;

  g_source_destroy (watch);
  g_source_unref (watch);
}

#ifdef __linux__
static gboolean
on_epoll_ready (int           fd,
                GIOCondition  condition,
                gpointer      user_data)
{
  Worker *worker = user_data;
  struct epoll_event events[64];
  int n;

  n = epoll_wait (fd, events, G_N_ELEMENTS (events), 0);
  for (int i = 0; i < n; i++)
    {
      GSocket *socket = (GSocket *) (guintptr) (events[i].data.u64 & ~IDLE_TAG);
      Pending *pending;

      /* Looked up: an earlier event of this batch may have ended it */
      if ((events[i].data.u64 & IDLE_TAG) != 0)
        {
          if (g_hash_table_contains (worker->idle, socket))
            check_idle (worker, socket);
          continue;
        }

      pending = g_hash_table_lookup (worker->watched, &events[i].data.u64);
      if (pending != NULL)
        check_client (pending);
    }

  return G_SOURCE_CONTINUE;
}
#endif

/* Without epoll: a source per watched client */
static gboolean
on_socket_ready (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  Worker *worker = pending->worker;
  guint64 serial = pending->serial;

  check_client (pending);

  /* Unless nothing was decided, the request is gone or no longer watched,
   * and this source has been destroyed */
  return g_hash_table_contains (worker->watched, &serial) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
watch_client (Pending *pending)
{
  Worker *worker = pending->worker;
  GSocket *socket = soup_server_message_get_socket (pending->msg);

  if (socket == NULL)
    return;

  /* The connection's next request: watched as that from now on */
  unwatch_idle (worker, socket);

  pending->watched = g_object_ref (socket);
  g_hash_table_insert (worker->watched, &pending->serial, pending);

#ifdef __linux__
  if (worker->epoll_fd >= 0)
    {
      struct epoll_event event = { .events = EPOLLIN | EPOLLRDHUP };

      event.data.u64 = pending->serial;
      if (epoll_ctl (worker->epoll_fd, EPOLL_CTL_ADD, g_socket_get_fd (socket), &event) == 0)
        return;
      g_debug ("Cannot watch a client with epoll: %s", g_strerror (errno));
    }
#endif

  pending->watch = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (pending->watch, (GSourceFunc) G_CALLBACK (on_socket_ready), pending, NULL);
  g_source_set_static_name (pending->watch, "[gh-fake-server] client watch");
  g_source_attach (pending->watch, worker->context);
}

/* Logs the status before any byte of the answer leaves, so that a client
 * that has its answer can find it in the log. */
static void
set_sent_status (Pending *pending,
                 guint    status)
{
  g_mutex_lock (&pending->self->lock);
  pending->record->status = status;
  g_mutex_unlock (&pending->self->lock);
}

/* The exchange is over, one way or another: update the log, forget the
 * message. */
static void
complete (Pending  *pending,
          gboolean  client_gone)
{
  GhFakeServer *self = pending->self;

  unqueue (pending);
  unwatch_client (pending);
  clear_source (&pending->timer);
  g_signal_handlers_disconnect_by_data (pending->msg, pending);

  g_mutex_lock (&self->lock);
  pending->record->client_gone = client_gone;
  pending->record->finished = TRUE;
  pending->record->end_time_us = g_get_monotonic_time () - self->start_time;
  self->in_flight--;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  g_hash_table_remove (pending->worker->pending, pending);
}

/* Takes the connection away from libsoup and closes it; the message will
 * not emit "finished". */
static void
close_connection (Pending *pending)
{
  g_autoptr(GIOStream) stream = NULL;

  g_signal_handlers_disconnect_by_data (pending->msg, pending);
  stream = soup_server_message_steal_connection (pending->msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/* Response head and the first @truncate_at body bytes, claiming the whole
 * length, then the connection closes. No "Connection: close": with it,
 * libsoup 3.2 takes the early end for the end of the body and reports no
 * error. Written synchronously on the stolen socket: at most one page, to a
 * client that is reading. */
static void
send_truncated (Pending *pending)
{
  GhFakeResponse *response = pending->response;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gsize length = response->body ? g_bytes_get_size (response->body) : 0;
  gsize cut = pending->fault->truncate_at ? MIN (pending->fault->truncate_at, length) : length / 2;

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", response->status,
                          soup_status_get_phrase (response->status));
  soup_message_headers_iter_init (&iter, response->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (head, "%s: %s\r\n", name, value);
  g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          length);
  if (cut > 0)
    g_string_append_len (head, g_bytes_get_data (response->body, NULL), cut);

  g_signal_handlers_disconnect_by_data (pending->msg, pending);
  stream = soup_server_message_steal_connection (pending->msg);
  if (stream != NULL)
    {
      g_output_stream_write_all (g_io_stream_get_output_stream (stream), head->str, head->len,
                                 NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
    }
}

static void
append_header (const char *name,
               const char *value,
               gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static void
set_head (Pending *pending)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (pending->msg);

  soup_server_message_set_status (pending->msg, pending->response->status, NULL);
  soup_message_headers_foreach (pending->response->headers, append_header, headers);
}

static gboolean
trickle_cb (gpointer user_data)
{
  Pending *pending = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (pending->msg);
  gsize length = g_bytes_get_size (pending->response->body);
  gsize size = pending->fault->chunk_size ? pending->fault->chunk_size : DEFAULT_CHUNK_SIZE;
  g_autoptr(GBytes) chunk = NULL;

  size = MIN (size, length - pending->sent);
  chunk = g_bytes_new_from_bytes (pending->response->body, pending->sent, size);
  soup_message_body_append_bytes (body, chunk);
  pending->sent += size;

  if (pending->sent == length)
    {
      soup_message_body_complete (body);
      clear_source (&pending->timer);
    }

  soup_server_message_unpause (pending->msg);

  return pending->timer != NULL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* The answer's time has come */
static void
deliver (Pending *pending)
{
  GhFakeResponse *response = pending->response;
  int kind = pending->fault != NULL ? (int) pending->fault->kind : -1;
  guint interval;

  if (kind == GH_FAKE_FAULT_DROP)
    {
      close_connection (pending);
      complete (pending, FALSE);
      return;
    }

  set_sent_status (pending, response->status);

  if (kind == GH_FAKE_FAULT_TRUNCATE)
    {
      send_truncated (pending);
      complete (pending, FALSE);
    }
  else if (kind == GH_FAKE_FAULT_TRICKLE &&
           response->body != NULL && g_bytes_get_size (response->body) > 0)
    {
      set_head (pending);
      soup_message_headers_set_content_length (
        soup_server_message_get_response_headers (pending->msg),
        g_bytes_get_size (response->body));
      interval = scaled (pending->self, pending->fault->interval_ms ? pending->fault->interval_ms
                                                                    : DEFAULT_INTERVAL_MS);
      pending->timer = add_timer (pending->worker, interval, trickle_cb, pending);
      trickle_cb (pending);
    }
  else
    {
      set_head (pending);
      if (response->body != NULL)
        soup_message_body_append_bytes (soup_server_message_get_response_body (pending->msg),
                                        response->body);
      soup_server_message_unpause (pending->msg);
    }
}

static void
on_wrote_body (SoupServerMessage *msg,
               Pending           *pending)
{
  pending->wrote_body = TRUE;
}

static void
on_finished (SoupServerMessage *msg,
             Pending           *pending)
{
  Worker *worker = pending->worker;
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GSocket) kept = socket != NULL ? g_object_ref (socket) : NULL;
  gboolean wrote_body = pending->wrote_body;

  /* libsoup ends a message without writing its body when the write fails,
   * i.e. when the client has gone. */
  complete (pending, !wrote_body);

  if (wrote_body && kept != NULL)
    watch_idle (worker, kept);
}

static char *
path_and_query (GUri *uri)
{
  const char *query = g_uri_get_query (uri);

  if (query == NULL)
    return g_strdup (g_uri_get_path (uri));

  return g_strconcat (g_uri_get_path (uri), "?", query, NULL);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Worker *worker = user_data;
  GhFakeServer *self = worker->self;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *base = _gh_fake_base_uri (uri);
  g_autofree char *full_path = path_and_query (uri);
  Pending *pending = g_new0 (Pending, 1);
  const GhFakeFault *fault;
  GhFakeRateLimit rate;
  guint delay_ms;

  pending->self = self;
  pending->worker = worker;
  pending->serial = ++worker->next_serial;
  pending->msg = g_object_ref (msg);
  pending->record = log_request (self, msg, full_path);
  pending->response = _gh_fake_response_new (self->dataset, self->page_cache,
                                             soup_server_message_get_method (msg),
                                             uri, soup_server_message_get_request_headers (msg));

  g_mutex_lock (&self->lock);
  fault = find_fault (self, full_path, pending->response->repo_index);
  if (fault != NULL)
    {
      pending->fault = gh_fake_fault_copy (fault);
      pending->record->fault = g_strdup (gh_fake_fault_kind_to_string (fault->kind));
    }
  /* A 304 does not count against GitHub's rate limit, nor does reading
   * it. When the window is used up a new one starts: a fake hour has
   * passed. */
  if (pending->response->status != SOUP_STATUS_NOT_MODIFIED && !pending->response->rate_limit)
    {
      if (self->rate.used >= self->rate.limit)
        {
          self->rate.used = 0;
          self->rate.reset = g_get_real_time () / G_USEC_PER_SEC + RATE_WINDOW_S;
        }
      self->rate.used++;
    }
  rate = self->rate;
  g_mutex_unlock (&self->lock);

  if (pending->response->rate_limit)
    _gh_fake_response_set_rate_limit_body (pending->response, &rate);

  if (pending->fault != NULL)
    _gh_fake_response_apply_fault (pending->response, pending->fault, base, &rate);
  _gh_fake_response_set_rate_limit (pending->response, &rate);

  delay_ms = scaled (self, pending->response->delay_ms);
  g_debug ("%s %s -> %u%s%s in %u ms", pending->record->method, full_path,
           pending->response->status, pending->fault ? " with fault " : "",
           pending->fault ? gh_fake_fault_kind_to_string (pending->fault->kind) : "", delay_ms);

  g_hash_table_add (worker->pending, pending);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (on_wrote_body), pending);
  g_signal_connect (msg, "finished", G_CALLBACK (on_finished), pending);
  soup_server_message_pause (msg);
  enqueue (pending, delay_ms);
  watch_client (pending);
}

static gboolean
quit_cb (gpointer user_data)
{
  Worker *worker = user_data;

  g_main_loop_quit (worker->loop);
  return G_SOURCE_REMOVE;
}

static void
shut_down (Worker *worker)
{
  g_autoptr(GList) pending = g_hash_table_get_values (worker->pending);

  /* Nobody will ever answer these now. */
  for (GList *l = pending; l != NULL; l = l->next)
    {
      close_connection (l->data);
      complete (l->data, FALSE);
    }

  soup_server_disconnect (worker->soup);
  g_clear_object (&worker->soup);

  while (g_main_context_iteration (worker->context, FALSE))
    ;
}

static char *
listening_uri (SoupServer *server,
               guint      *port)
{
  GSList *listeners = soup_server_get_listeners (server);
  g_autoptr(GSocketAddress) address = NULL;

  g_assert (listeners != NULL);
  *port = 0;
  address = g_socket_get_local_address (listeners->data, NULL);
  if (address != NULL)
    *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_slist_free (listeners);

  return g_strdup_printf ("http://127.0.0.1:%u/", *port);
}

/* Sockets that share a port let anybody of the same user join them on
 * it, so a port given by the caller is first checked to be free: a plain
 * bind fails while someone listens there. The kernel gives out no port
 * that is in use when asked for any (port 0). */
static gboolean
check_port_free (GSocketAddress  *address,
                 GError         **error)
{
  g_autoptr(GSocket) probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                           G_SOCKET_PROTOCOL_TCP, error);

  return probe != NULL && g_socket_bind (probe, address, TRUE, error);
}

/* Our own listening socket: soup_server_listen() keeps the kernel's
 * default backlog of 10 pending connections, and a client opening a
 * hundred at once then sees SYNs dropped and retried seconds later.
 * @share_port lets the other workers listen on the same port. */
static gboolean
listen_on (SoupServer      *server,
           GSocketAddress  *address,
           gboolean         share_port,
           GError         **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return FALSE;

  g_socket_set_listen_backlog (socket, SOMAXCONN);

  if (share_port)
    {
#ifdef SO_REUSEPORT
      struct sockaddr_storage native;

      /* By hand: g_socket_bind() turns SO_REUSEPORT off for TCP */
      if (!g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, 1, error) ||
          !g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, 1, error) ||
          !g_socket_address_to_native (address, &native, sizeof native, error))
        return FALSE;

      if (bind (g_socket_get_fd (socket), (struct sockaddr *) &native,
                g_socket_address_get_native_size (address)) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot listen on port %u: %s",
                       g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)),
                       g_strerror (saved_errno));
          return FALSE;
        }
#else
      g_assert_not_reached ();
#endif
    }
  else if (!g_socket_bind (socket, address, TRUE, error))
    {
      return FALSE;
    }

  return g_socket_listen (socket, error) &&
         soup_server_listen_socket (server, socket, 0, error);
}

/* On the worker's thread, before the first request */
static void
start_queue_and_watch (Worker *worker)
{
  worker->due = g_sequence_new (NULL);
  worker->due_source = g_source_new (&due_source_funcs, sizeof (GSource));
  g_source_set_callback (worker->due_source, due_cb, worker, NULL);
  g_source_set_static_name (worker->due_source, "[gh-fake-server] answers due");
  g_source_attach (worker->due_source, worker->context);

  worker->watched = g_hash_table_new (g_int64_hash, g_int64_equal);
  worker->idle = g_hash_table_new_full (NULL, NULL, g_object_unref, idle_watch_free);
  worker->epoll_fd = -1;
#ifdef __linux__
  worker->epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  if (worker->epoll_fd >= 0)
    {
      worker->epoll_source = g_unix_fd_source_new (worker->epoll_fd, G_IO_IN);
      g_source_set_callback (worker->epoll_source, G_SOURCE_FUNC (on_epoll_ready), worker, NULL);
      g_source_set_static_name (worker->epoll_source, "[gh-fake-server] client watch");
      g_source_attach (worker->epoll_source, worker->context);
    }
  else
    {
      g_debug ("No epoll set (%s); a source per client instead", g_strerror (errno));
    }
#endif
}

/* Once every request is complete */
static void
stop_queue_and_watch (Worker *worker)
{
  g_assert (g_sequence_is_empty (worker->due));
  g_assert (g_hash_table_size (worker->watched) == 0);

  if (worker->epoll_source != NULL)
    {
      g_source_destroy (worker->epoll_source);
      g_clear_pointer (&worker->epoll_source, g_source_unref);
    }
#ifdef __linux__
  if (worker->epoll_fd >= 0)
    close (worker->epoll_fd);
#endif
  worker->epoll_fd = -1;
  g_clear_pointer (&worker->watched, g_hash_table_unref);
  g_clear_pointer (&worker->idle, g_hash_table_unref);

  g_source_destroy (worker->due_source);
  g_clear_pointer (&worker->due_source, g_source_unref);
  g_clear_pointer (&worker->due, g_sequence_free);
}

static gpointer
server_thread (gpointer data)
{
  Worker *worker = data;
  GhFakeServer *self = worker->self;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  gboolean listening;

  g_main_context_push_thread_default (worker->context);

  worker->pending = g_hash_table_new_full (NULL, NULL, pending_free, NULL);
  start_queue_and_watch (worker);
  /* raw-paths keeps %2F inside a segment instead of splitting on it. */
  worker->soup = soup_server_new ("server-header", "fake-github ", "raw-paths", TRUE, NULL);
  soup_server_add_handler (worker->soup, NULL, handle_request, worker, NULL);
  /* soup_server_listen_local() and soup_server_get_uris() leak a socket
   * address per call in libsoup 3.2.3, hence the long way round. The
   * first worker picks the port, the others join it. */
  address = g_inet_socket_address_new_from_string ("127.0.0.1",
                                                   worker->index == 0 ? self->port : self->bound_port);
  listening = (worker->index > 0 || self->port == 0 || self->n_workers == 1 ||
               check_port_free (address, &error)) &&
              listen_on (worker->soup, address, self->n_workers > 1, &error);
  if (listening && worker->index == 0)
    {
      self->uri = listening_uri (worker->soup, &self->bound_port);
    }

  g_mutex_lock (&self->lock);
  worker->ready = TRUE;
  worker->start_error = g_steal_pointer (&error);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (listening)
    g_main_loop_run (worker->loop);

  shut_down (worker);
  stop_queue_and_watch (worker);
  g_clear_pointer (&worker->pending, g_hash_table_unref);
  g_main_context_pop_thread_default (worker->context);

  return NULL;
}

/* Starts a worker and waits until it listens, or has failed to */
static gboolean
start_worker (Worker   *worker,
              GError  **error)
{
  GhFakeServer *self = worker->self;
  g_autofree char *name = g_strdup_printf ("gh-fake-server-%u", worker->index);

  worker->context = g_main_context_new ();
  worker->loop = g_main_loop_new (worker->context, FALSE);
  worker->thread = g_thread_new (name, server_thread, worker);

  g_mutex_lock (&self->lock);
  while (!worker->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (worker->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&worker->start_error));
      return FALSE;
    }

  return TRUE;
}

static void
stop_worker (Worker *worker)
{
  GSource *source;

  if (worker->thread == NULL)
    return;

  /* g_main_loop_quit() before g_main_loop_run() has begun would be lost;
   * a source runs inside the loop whenever it starts. */
  source = g_idle_source_new ();
  g_source_set_callback (source, quit_cb, worker, NULL);
  g_source_attach (source, worker->context);
  g_source_unref (source);

  g_thread_join (g_steal_pointer (&worker->thread));
  g_clear_pointer (&worker->loop, g_main_loop_unref);
  g_clear_pointer (&worker->context, g_main_context_unref);
}

static void
gh_fake_server_dispose (GObject *object)
{
  gh_fake_server_stop (GH_FAKE_SERVER (object));

  G_OBJECT_CLASS (gh_fake_server_parent_class)->dispose (object);
}

static void
gh_fake_server_finalize (GObject *object)
{
  GhFakeServer *self = (GhFakeServer *) object;

  g_clear_object (&self->dataset);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->log);
  g_free (self->repo_fault_hits);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (gh_fake_server_parent_class)->finalize (object);
}

static void
gh_fake_server_class_init (GhFakeServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gh_fake_server_dispose;
  object_class->finalize = gh_fake_server_finalize;
}

static void
gh_fake_server_init (GhFakeServer *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->latency_scale = 1.0;
  self->faults = g_ptr_array_new_with_free_func (fault_entry_free);
  self->next_fault_id = 1;
  self->log = g_ptr_array_new_with_free_func (record_release);
  self->rate.limit = RATE_LIMIT;
}

/**
 * gh_fake_server_new:
 * @dataset: what to serve
 *
 * Returns: (transfer full): a new, stopped server
 */
GhFakeServer *
gh_fake_server_new (GhDataset *dataset)
{
  GhFakeServer *self;

  g_return_val_if_fail (GH_IS_DATASET (dataset), NULL);

  self = g_object_new (GH_TYPE_FAKE_SERVER, NULL);
  self->dataset = g_object_ref (dataset);
  self->repo_fault_hits = g_new0 (guint, gh_dataset_get_n_repos (dataset));

  return self;
}

/**
 * gh_fake_server_get_dataset:
 * @self: a server
 *
 * Returns: (transfer none): the dataset it serves
 */
GhDataset *
gh_fake_server_get_dataset (GhFakeServer *self)
{
  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), NULL);

  return self->dataset;
}

/**
 * gh_fake_server_set_port:
 * @self: a stopped server
 * @port: the port to listen on; 0 (the default) picks a free one
 */
void
gh_fake_server_set_port (GhFakeServer *self,
                         guint         port)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));
  g_return_if_fail (self->workers == NULL);
  g_return_if_fail (port <= G_MAXUINT16);

  self->port = port;
}

/**
 * gh_fake_server_set_latency_scale:
 * @self: a server
 * @scale: factor for every delay from the dataset and for trickle
 *   intervals; 0 answers at once. Takes effect for requests that arrive
 *   afterwards. Any thread.
 */
void
gh_fake_server_set_latency_scale (GhFakeServer *self,
                                  double        scale)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));
  g_return_if_fail (scale >= 0);

  g_mutex_lock (&self->lock);
  self->latency_scale = scale;
  g_mutex_unlock (&self->lock);
}

double
gh_fake_server_get_latency_scale (GhFakeServer *self)
{
  double scale;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  scale = self->latency_scale;
  g_mutex_unlock (&self->lock);

  return scale;
}

/**
 * gh_fake_server_start:
 * @self: a stopped server
 * @error: return location for an error
 *
 * Starts listening on 127.0.0.1, on the server's own threads, and returns
 * once it is ready to answer.
 *
 * Returns: whether it is listening
 */
gboolean
gh_fake_server_start (GhFakeServer  *self,
                      GError       **error)
{
  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), FALSE);
  g_return_val_if_fail (self->workers == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->start_time = g_get_monotonic_time ();
  self->rate.used = 0;
  self->rate.reset = g_get_real_time () / G_USEC_PER_SEC + RATE_WINDOW_S;
  self->page_cache = _gh_fake_page_cache_new ();

#ifdef SO_REUSEPORT
  self->n_workers = N_WORKERS;
#else
  self->n_workers = 1;
#endif
  self->workers = g_new0 (Worker, self->n_workers);
  for (guint i = 0; i < self->n_workers; i++)
    {
      self->workers[i].self = self;
      self->workers[i].index = i;
      self->workers[i].epoll_fd = -1;
    }

  for (guint i = 0; i < self->n_workers; i++)
    {
      if (!start_worker (&self->workers[i], error))
        {
          gh_fake_server_stop (self);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * gh_fake_server_stop:
 * @self: a server
 *
 * Closes every connection, drops unanswered requests and joins the
 * server's threads. The log survives. Does nothing if not started.
 */
void
gh_fake_server_stop (GhFakeServer *self)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));

  if (self->workers == NULL)
    return;

  for (guint i = 0; i < self->n_workers; i++)
    g_return_if_fail (self->workers[i].thread != g_thread_self ());

  for (guint i = 0; i < self->n_workers; i++)
    stop_worker (&self->workers[i]);

  g_clear_pointer (&self->workers, g_free);
  self->n_workers = 0;
  self->bound_port = 0;
  g_clear_pointer (&self->page_cache, _gh_fake_page_cache_free);
  g_clear_pointer (&self->uri, g_free);
}

/**
 * gh_fake_server_get_uri:
 * @self: a started server
 *
 * Returns: (nullable): the base URL with a trailing slash, e.g.
 *   "http://127.0.0.1:40123/", or %NULL when stopped
 */
const char *
gh_fake_server_get_uri (GhFakeServer *self)
{
  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), NULL);

  return self->uri;
}

/**
 * gh_fake_server_add_fault:
 * @self: a server
 * @path_pattern: a glob (`*`, `?`) matched against the request's path, and
 *   against its path and query; both %-encoded as sent, e.g.
 *   "/repos/kotlin/dokka/contributors" or "*page=2*"
 * @fault: the fault; copied
 *
 * Faults added here are tried in order before the dataset's own. Any
 * thread; applies to requests that arrive afterwards.
 *
 * Returns: an id for gh_fake_server_remove_fault()
 */
guint
gh_fake_server_add_fault (GhFakeServer      *self,
                          const char        *path_pattern,
                          const GhFakeFault *fault)
{
  FaultEntry *entry;
  guint id;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);
  g_return_val_if_fail (path_pattern != NULL, 0);
  g_return_val_if_fail (fault != NULL, 0);
  g_return_val_if_fail (fault->kind <= GH_FAKE_FAULT_LINK, 0);

  entry = g_new0 (FaultEntry, 1);
  entry->spec = g_pattern_spec_new (path_pattern);
  entry->fault = gh_fake_fault_copy (fault);

  g_mutex_lock (&self->lock);
  id = entry->id = self->next_fault_id++;
  g_ptr_array_add (self->faults, entry);
  g_mutex_unlock (&self->lock);

  return id;
}

void
gh_fake_server_remove_fault (GhFakeServer *self,
                             guint         fault_id)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->faults->len; i++)
    {
      FaultEntry *entry = g_ptr_array_index (self->faults, i);

      if (entry->id == fault_id)
        {
          g_ptr_array_remove_index (self->faults, i);
          break;
        }
    }
  g_mutex_unlock (&self->lock);
}

/**
 * gh_fake_server_clear_faults:
 * @self: a server
 *
 * Removes every added fault and restarts the skip/times counting of the
 * dataset's faults.
 */
void
gh_fake_server_clear_faults (GhFakeServer *self)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->faults, 0);
  memset (self->repo_fault_hits, 0, sizeof (guint) * gh_dataset_get_n_repos (self->dataset));
  g_mutex_unlock (&self->lock);
}

/**
 * gh_fake_server_get_log:
 * @self: a server
 *
 * Returns: (transfer full) (element-type GhFakeRequest): a snapshot of the
 *   request log, oldest first
 */
GPtrArray *
gh_fake_server_get_log (GhFakeServer *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  copy = g_ptr_array_new_full (self->log->len, (GDestroyNotify) gh_fake_request_free);
  for (guint i = 0; i < self->log->len; i++)
    g_ptr_array_add (copy, gh_fake_request_copy (g_ptr_array_index (self->log, i)));
  g_mutex_unlock (&self->lock);

  return copy;
}

/**
 * gh_fake_server_set_rate_limit:
 * @self: a started server
 * @limit: requests per window
 * @remaining: requests left in this window, at most @limit
 * @reset: when the window ends, in epoch seconds
 *
 * Sets the primary rate limit that GET /rate_limit and the x-ratelimit-*
 * headers report, as if @limit - @remaining requests had been made.
 * Starting the server resets it, so set it afterwards.
 */
void
gh_fake_server_set_rate_limit (GhFakeServer *self,
                               guint         limit,
                               guint         remaining,
                               gint64        reset)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));
  g_return_if_fail (limit > 0 && remaining <= limit);

  g_mutex_lock (&self->lock);
  self->rate.limit = limit;
  self->rate.used = limit - remaining;
  self->rate.reset = reset;
  g_mutex_unlock (&self->lock);
}

/**
 * gh_fake_server_clear_log:
 * @self: a server
 *
 * Empties the log and resets the peak of requests in flight to the
 * number in flight now.
 */
void
gh_fake_server_clear_log (GhFakeServer *self)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->log, 0);
  self->peak_in_flight = self->in_flight;
  g_mutex_unlock (&self->lock);
}

/**
 * gh_fake_server_get_n_requests:
 * @self: a server
 *
 * Returns: the number of requests logged
 */
guint
gh_fake_server_get_n_requests (GhFakeServer *self)
{
  guint n;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->log->len;
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * gh_fake_server_count_requests:
 * @self: a server
 * @path_pattern: a glob, matched as in gh_fake_server_add_fault()
 *
 * Returns: the number of logged requests that match
 */
guint
gh_fake_server_count_requests (GhFakeServer *self,
                               const char   *path_pattern)
{
  g_autoptr(GPatternSpec) spec = NULL;
  guint n = 0;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);
  g_return_val_if_fail (path_pattern != NULL, 0);

  spec = g_pattern_spec_new (path_pattern);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->log->len; i++)
    {
      GhFakeRequest *record = g_ptr_array_index (self->log, i);

      if (path_matches (spec, record->path))
        n++;
    }
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * gh_fake_server_get_in_flight:
 * @self: a server
 *
 * Returns: the number of requests received and not yet finished
 */
guint
gh_fake_server_get_in_flight (GhFakeServer *self)
{
  guint n;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->in_flight;
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * gh_fake_server_get_peak_in_flight:
 * @self: a server
 *
 * Returns: the largest number of requests that were in flight at once
 *   since the server was created or the log last cleared
 */
guint
gh_fake_server_get_peak_in_flight (GhFakeServer *self)
{
  guint n;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->peak_in_flight;
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * gh_fake_server_wait_for_requests:
 * @self: a server
 * @n_requests: how many log entries to wait for
 * @timeout_ms: how long to wait at most
 *
 * Blocks the calling thread, which must not be the one the client under
 * test needs to make progress.
 *
 * Returns: whether the log holds at least @n_requests entries
 */
gboolean
gh_fake_server_wait_for_requests (GhFakeServer *self,
                                  guint         n_requests,
                                  guint         timeout_ms)
{
  gint64 deadline;
  gboolean reached;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), FALSE);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&self->lock);
  while (self->log->len < n_requests &&
         g_cond_wait_until (&self->cond, &self->lock, deadline))
    ;
  reached = self->log->len >= n_requests;
  g_mutex_unlock (&self->lock);

  return reached;
}

/**
 * gh_fake_server_wait_idle:
 * @self: a server
 * @timeout_ms: how long to wait at most
 *
 * Blocks until no request is in flight, e.g. until the server has noticed
 * that a cancelled client went away.
 *
 * Returns: whether the server became idle in time
 */
gboolean
gh_fake_server_wait_idle (GhFakeServer *self,
                          guint         timeout_ms)
{
  gint64 deadline;
  gboolean idle;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), FALSE);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&self->lock);
  while (self->in_flight > 0 &&
         g_cond_wait_until (&self->cond, &self->lock, deadline))
    ;
  idle = self->in_flight == 0;
  g_mutex_unlock (&self->lock);

  return idle;
}
