/* soup-accept-bench.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What a plain SoupServer keeps of each connection it accepts: a server
 * with one handler answers N connections, each with one request and
 * "Connection: close", and the bench prints how malloc's heap in use grew
 * per connection once a warm-up is past. None of this project's code runs
 * here, so soak-bench's heap growth per accepted connection can be set
 * against this figure. It asserts nothing.
 *
 *   soup-accept-bench [--connections N]
 */

#include "config.h"

#include <malloc.h>
#include <stdio.h>

#include <libsoup/soup.h>

#define N_WARMUP 200

typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  guint16       port;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
} Server;

static void
answer (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

/* The server runs on a thread of its own, as the fake GitHub's workers
 * do, while the main thread connects */
static gpointer
server_thread (gpointer data)
{
  Server *self = data;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, answer, NULL, NULL);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  if (socket == NULL ||
      !g_socket_bind (socket, address, TRUE, &error) ||
      !g_socket_listen (socket, &error) ||
      !soup_server_listen_socket (self->server, socket, 0, &error) ||
      (bound = g_socket_get_local_address (socket, &error)) == NULL)
    g_error ("soup-accept-bench: cannot listen: %s", error->message);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* One connection, one request, read to the server's close */
static void
request_once (GSocketClient *client,
              guint16        port)
{
  static const char request[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GInputStream *in;
  char buffer[512];
  gssize n;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  if (connection == NULL ||
      !g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  request, sizeof request - 1, NULL, NULL, &error))
    g_error ("soup-accept-bench: %s", error->message);

  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error)) > 0)
    ;
  if (n < 0)
    g_error ("soup-accept-bench: %s", error->message);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

int
main (int   argc,
      char *argv[])
{
  int connections = 10000;
  GOptionEntry entries[] = {
    { "connections", 0, 0, G_OPTION_ARG_INT, &connections, "Connections to measure (10000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  Server server = { 0 };
  GThread *thread;
  gsize before, after;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || connections <= 0)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "--connections must be positive");
      return 2;
    }

  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  g_mutex_init (&server.lock);
  g_cond_init (&server.cond);
  thread = g_thread_new ("soup-server", server_thread, &server);
  g_mutex_lock (&server.lock);
  while (!server.ready)
    g_cond_wait (&server.cond, &server.lock);
  g_mutex_unlock (&server.lock);

  for (int i = 0; i < N_WARMUP; i++)
    request_once (client, server.port);
  /* The server's side of the last connection ends a little after the
   * client has read the response */
  g_usleep (100 * G_TIME_SPAN_MILLISECOND);
  malloc_trim (0);
  before = heap_in_use ();

  for (int i = 0; i < connections; i++)
    request_once (client, server.port);
  g_usleep (100 * G_TIME_SPAN_MILLISECOND);
  malloc_trim (0);
  after = heap_in_use ();

  printf ("soup-accept-bench: libsoup %u.%u.%u, %d connections accepted after %d: "
          "heap %+ld KiB, %.0f bytes per connection\n",
          soup_get_major_version (), soup_get_minor_version (), soup_get_micro_version (),
          connections, N_WARMUP, ((long) after - (long) before) / 1024,
          ((double) after - (double) before) / connections);

  g_main_loop_quit (server.loop);
  g_thread_join (thread);
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);
  g_mutex_clear (&server.lock);
  g_cond_clear (&server.cond);
  return 0;
}
