/* gh-fake-server-wait.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-fake-server-private.h"

#include <errno.h>
#include <sys/socket.h>
#ifdef __linux__
#include <sys/epoll.h>
#include <unistd.h>
#endif

#include <glib-unix.h>

/*
 * Where a worker's requests wait for their answer: one queue by due time
 * behind a single source, and one watch (an epoll set on Linux) for
 * clients that go away, whether a request of theirs is waiting or their
 * keep-alive connection is idle.
 */

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

void
_gh_fake_pending_enqueue (Pending  *pending,
                          guint     delay_ms)
{
  Worker *worker = pending->worker;

  g_assert (pending->due_iter == NULL);

  pending->due_us = g_get_monotonic_time () + (gint64) delay_ms * G_TIME_SPAN_MILLISECOND;
  pending->due_iter = g_sequence_insert_sorted (worker->due, pending, compare_due, NULL);
  if (g_sequence_iter_is_begin (pending->due_iter))
    update_due_source (worker);
}

void
_gh_fake_pending_unqueue (Pending *pending)
{
  if (pending->due_iter == NULL)
    return;

  /* The source's ready time may now be early: it then finds nothing due */
  g_sequence_remove (g_steal_pointer (&pending->due_iter));
}

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
      _gh_fake_pending_deliver (pending);
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

void
_gh_fake_pending_unwatch_client (Pending *pending)
{
  Worker *worker = pending->worker;

  if (pending->watched == NULL)
    return;

  if (pending->watch != NULL)
    _gh_fake_server_clear_source (&pending->watch);
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
      _gh_fake_pending_unwatch_client (pending);
      return;
    }

  g_debug ("client went away during %s", pending->record->path);
  _gh_fake_pending_close_connection (pending);
  _gh_fake_pending_complete (pending, TRUE);
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

void
_gh_fake_worker_watch_idle (Worker  *worker,
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

void
_gh_fake_pending_watch_client (Pending *pending)
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

/* On the worker's thread, before the first request */
void
_gh_fake_worker_start_queue_and_watch (Worker *worker)
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
void
_gh_fake_worker_stop_queue_and_watch (Worker *worker)
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
