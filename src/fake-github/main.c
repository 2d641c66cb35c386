/* main.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

/* contributors-fake-github: serves a dataset over HTTP on 127.0.0.1 until
 * SIGINT or SIGTERM. The first line on stdout is the base URL, so that a
 * script or a test can start it on port 0 and read where it went. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>

#include "fd-limit.h"
#include "gh-fake-github.h"

#define EXIT_USAGE 2

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
usage_error (const char *message)
{
  g_autofree char *prgname = g_strdup (g_get_prgname ());

  g_printerr ("%s: %s\n", prgname, message);
  g_printerr ("Try “%s --help” for more information.\n", prgname);
  return EXIT_USAGE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = NULL;
  g_autoptr(GhFakeServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *dataset_name = NULL;
  int port = 0;
  double scale = 1.0;
  guint sigint_id, sigterm_id;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: any free port)", "PORT" },
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &dataset_name,
      "Dataset to serve: tutorial, demo, large, or a JSON file (default: demo)", "NAME|FILE" },
    { "latency-scale", 's', 0, G_OPTION_ARG_DOUBLE, &scale,
      "Multiply every delay by this factor (default: 1)", "FACTOR" },
    { NULL }
  };

  g_set_prgname ("contributors-fake-github");
  /* A connection for each request a client may have in flight */
  raise_fd_limit ();
  context = g_option_context_new ("- serve a fake GitHub REST API on 127.0.0.1");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);
  if (argc > 1)
    return usage_error ("unexpected arguments");
  if (port < 0 || port > G_MAXUINT16)
    return usage_error ("the port must be between 0 and 65535");
  if (!(scale >= 0 && scale <= 1000))
    return usage_error ("the latency scale must be between 0 and 1000");

  dataset = gh_dataset_new_from_name (dataset_name ? dataset_name : "demo", &error);
  if (dataset == NULL)
    return usage_error (error->message);

  server = gh_fake_server_new (dataset);
  gh_fake_server_set_port (server, port);
  gh_fake_server_set_latency_scale (server, scale);
  /* Nobody reads its log, and it may run for days */
  gh_fake_server_set_keep_log (server, FALSE);
  if (!gh_fake_server_start (server, &error))
    {
      g_printerr ("%s: cannot listen: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILURE;
    }

  /* Handlers first: whoever reads the URL may signal us at once, and the
   * server answers from its own thread before this one gets any further. */
  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);

  g_print ("%s\n", gh_fake_server_get_uri (server));
  fflush (stdout);

  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  gh_fake_server_stop (server);

  return EXIT_SUCCESS;
}
