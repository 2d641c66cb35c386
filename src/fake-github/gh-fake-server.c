/* gh-fake-server.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-fake-server-private.h"

#include <errno.h>
#include <sys/socket.h>

/*
 * The GhFakeServer object: its settings, starting and stopping it, and the
 * worker threads that listen and run the requests' main loops. How the
 * parts fit together is in gh-fake-server-private.h.
 */

#define RATE_LIMIT           5000
/* Server threads, where the system lets several sockets share a port */
#define N_WORKERS            4

G_DEFINE_FINAL_TYPE (GhFakeServer, gh_fake_server, G_TYPE_OBJECT)

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
      _gh_fake_pending_close_connection (l->data);
      _gh_fake_pending_complete (l->data, FALSE);
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

static gpointer
server_thread (gpointer data)
{
  Worker *worker = data;
  GhFakeServer *self = worker->self;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  gboolean listening;

  g_main_context_push_thread_default (worker->context);

  worker->pending = g_hash_table_new_full (NULL, NULL, _gh_fake_pending_free, NULL);
  _gh_fake_worker_start_queue_and_watch (worker);
  /* raw-paths keeps %2F inside a segment instead of splitting on it. */
  worker->soup = soup_server_new ("server-header", "fake-github ", "raw-paths", TRUE, NULL);
  soup_server_add_handler (worker->soup, NULL, _gh_fake_server_handle_request, worker, NULL);
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
  _gh_fake_worker_stop_queue_and_watch (worker);
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
  self->faults = g_ptr_array_new_with_free_func (_gh_fake_server_fault_entry_free);
  self->next_fault_id = 1;
  self->log = g_ptr_array_new_with_free_func (_gh_fake_server_record_release);
  self->keep_log = TRUE;
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
