/* gh-fake-server-answer.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-fake-server-private.h"

/*
 * Answering one request on its worker's thread: logging it, working out
 * its answer and fault, pausing it until the answer is due
 * (gh-fake-server-wait.c), then sending the answer, or the fault's
 * dropped, truncated or trickled version of it, and closing the log entry.
 */

#define DEFAULT_CHUNK_SIZE   16
#define DEFAULT_INTERVAL_MS  100

void
_gh_fake_pending_free (gpointer data)
{
  Pending *pending = data;

  g_assert (pending->timer == NULL && pending->watch == NULL);
  g_assert (pending->due_iter == NULL && pending->watched == NULL);

  g_object_unref (pending->msg);
  _gh_fake_server_record_release (pending->record);
  _gh_fake_response_free (pending->response);
  gh_fake_fault_free (pending->fault);
  g_free (pending);
}

void
_gh_fake_server_clear_source (GSource **source)
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
void
_gh_fake_pending_complete (Pending  *pending,
                           gboolean  client_gone)
{
  GhFakeServer *self = pending->self;

  _gh_fake_pending_unqueue (pending);
  _gh_fake_pending_unwatch_client (pending);
  _gh_fake_server_clear_source (&pending->timer);
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
void
_gh_fake_pending_close_connection (Pending *pending)
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
      _gh_fake_server_clear_source (&pending->timer);
    }

  soup_server_message_unpause (pending->msg);

  return pending->timer != NULL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* The answer's time has come */
void
_gh_fake_pending_deliver (Pending *pending)
{
  GhFakeResponse *response = pending->response;
  int kind = pending->fault != NULL ? (int) pending->fault->kind : -1;
  guint interval;

  if (kind == GH_FAKE_FAULT_DROP)
    {
      _gh_fake_pending_close_connection (pending);
      _gh_fake_pending_complete (pending, FALSE);
      return;
    }

  set_sent_status (pending, response->status);

  if (kind == GH_FAKE_FAULT_TRUNCATE)
    {
      send_truncated (pending);
      _gh_fake_pending_complete (pending, FALSE);
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
  _gh_fake_pending_complete (pending, !wrote_body);

  if (wrote_body && kept != NULL)
    _gh_fake_worker_watch_idle (worker, kept);
}

static char *
path_and_query (GUri *uri)
{
  const char *query = g_uri_get_query (uri);

  if (query == NULL)
    return g_strdup (g_uri_get_path (uri));

  return g_strconcat (g_uri_get_path (uri), "?", query, NULL);
}

/* Marks the connection the first time it carries a request */
static void
count_connection (GhFakeServer      *self,
                  SoupServerMessage *msg)
{
  GQuark counted = g_quark_from_static_string ("gh-fake-server-counted");
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket == NULL || g_object_get_qdata (G_OBJECT (socket), counted) != NULL)
    return;

  g_object_set_qdata (G_OBJECT (socket), counted, GINT_TO_POINTER (TRUE));
  g_atomic_int_inc (&self->n_connections);
}

void
_gh_fake_server_handle_request (SoupServer        *server,
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
  pending->record = _gh_fake_server_log_request (self, msg, full_path);
  count_connection (self, msg);
  pending->response = _gh_fake_response_new (self->dataset, self->page_cache,
                                             soup_server_message_get_method (msg),
                                             uri, soup_server_message_get_request_headers (msg));

  g_mutex_lock (&self->lock);
  fault = _gh_fake_server_find_fault (self, full_path, pending->response->repo_index);
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
  _gh_fake_pending_enqueue (pending, delay_ms);
  _gh_fake_pending_watch_client (pending);
}
