/* cache-bench.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What the conditional-request cache (GhClient:cache-dir) costs and saves.
 * The `large` dataset (1,200 repositories, 1,283 pages) at its real
 * latencies from the fake GitHub in this process, loaded with CONCURRENT
 * through the real client in three ways, taking turns, in one run:
 *
 *   - none: no cache directory;
 *   - cold: an empty directory, so every page is answered 200 and written;
 *   - warm: a directory one load has filled, so every page is a 304.
 *
 * For each it prints the load's time and the process's CPU time (the
 * fake server's included, the same for all three), and for cold loads the
 * size of what was written. It asserts nothing.
 *
 *   cache-bench [--loads N] [--max-requests N]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include <gh-fake-github.h>
#include <tasks.h>

#include "bench-utils.h"

typedef enum
{
  CACHE_NONE,
  CACHE_COLD,
  CACHE_WARM,
  N_KINDS
} Kind;

static const char *kind_names[N_KINDS] = { "none", "cold", "warm" };

typedef struct
{
  double wall_ms;
  double cpu_ms;
} Cost;

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static void
on_update (ContribUpdate *update,
           const GError  *error,
           gpointer       user_data)
{
  if (error != NULL)
    g_error ("cache-bench: the load failed: %s", error->message);
  if (contrib_update_is_completed (update))
    *(gboolean *) user_data = TRUE;
}

/* One load to the end, with @cache_dir (or none) */
static Cost
load_once (GhFakeServer *server,
           const char   *org,
           guint         max_requests,
           const char   *cache_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhClient) client = NULL;
  g_autoptr(ContribLoader) loader = NULL;
  gboolean done = FALSE;
  gint64 start;
  double cpu_start;

  client = g_initable_new (GH_TYPE_CLIENT, NULL, &error, "api-url", gh_fake_server_get_uri (server),
                           "cache-dir", cache_dir, NULL);
  g_assert_no_error (error);
  gh_client_set_max_requests (client, max_requests);
  loader = contrib_loader_new (GH_SERVICE (client), CONTRIB_VARIANT_CONCURRENT, org);

  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  contrib_loader_start (loader, on_update, &done, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return (Cost) { (g_get_monotonic_time () - start) / 1000.0, cpu_ms () - cpu_start };
}

static guint64
dir_size (const char *path,
          guint      *n_files)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint64 size = 0;

  *n_files = 0;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0)
        {
          size += st.st_size;
          (*n_files)++;
        }
    }
  return size;
}

/* A page cache directory, emptied as the window's Clear does, then gone */
static void
remove_dir (const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!gh_page_cache_clear (path, &error))
    g_error ("cache-bench: %s", error->message);
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int loads = 5;
  int max_requests = 100;
  GOptionEntry entries[] = {
    { "loads", 0, 0, G_OPTION_ARG_INT, &loads, "Loads of each kind (default 5)", "N" },
    { "max-requests", 0, 0, G_OPTION_ARG_INT, &max_requests, "Requests in flight (default 100)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- what the page cache costs and saves");
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = NULL;
  g_autoptr(GhFakeServer) server = NULL;
  g_autofree char *root = NULL;
  g_autofree char *warm_dir = NULL;
  GArray *wall[N_KINDS];
  GArray *cpu[N_KINDS];
  const char *org;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || loads <= 0 || max_requests <= 0)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "--loads and --max-requests must be positive");
      return 2;
    }

  gh_log_set_writer (bench_quiet_log, NULL, NULL);
  dataset = gh_dataset_new_from_name ("large", &error);
  g_assert_no_error (error);
  org = gh_dataset_get_org (dataset);
  server = gh_fake_server_new (dataset);
  gh_fake_server_set_keep_log (server, FALSE);
  if (!gh_fake_server_start (server, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  root = g_dir_make_tmp ("cache-bench-XXXXXX", &error);
  g_assert_no_error (error);
  warm_dir = g_build_filename (root, "warm", NULL);

  printf ("CONCURRENT on large (%u repositories), %d in flight, %d loads of each kind, taking turns:\n",
          gh_dataset_get_n_repos (dataset), max_requests, loads);
  /* Warms the server and fills the warm directory */
  load_once (server, org, max_requests, warm_dir);

  for (Kind k = 0; k < N_KINDS; k++)
    {
      wall[k] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (int i = 0; i < loads; i++)
    for (Kind k = 0; k < N_KINDS; k++)
      {
        g_autofree char *cold_dir = g_strdup_printf ("%s/cold-%d", root, i);
        const char *dir = k == CACHE_NONE ? NULL : k == CACHE_COLD ? cold_dir : warm_dir;
        Cost cost = load_once (server, org, max_requests, dir);

        g_array_append_val (wall[k], cost.wall_ms);
        g_array_append_val (cpu[k], cost.cpu_ms);
        printf ("  %s: %.0f ms, CPU %.0f ms", kind_names[k], cost.wall_ms, cost.cpu_ms);
        if (k == CACHE_COLD)
          {
            guint n_files;
            guint64 size = dir_size (cold_dir, &n_files);

            printf (", wrote %u files, %.1f MiB", n_files, size / (1024.0 * 1024.0));
            remove_dir (cold_dir);
          }
        printf ("\n");
        fflush (stdout);
      }

  printf ("median:");
  for (Kind k = 0; k < N_KINDS; k++)
    printf (" %s %.0f ms (CPU %.0f ms)%s", kind_names[k], bench_median (wall[k]), bench_median (cpu[k]),
            k + 1 < N_KINDS ? "," : "\n");

  for (Kind k = 0; k < N_KINDS; k++)
    {
      g_array_unref (wall[k]);
      g_array_unref (cpu[k]);
    }
  remove_dir (warm_dir);
  g_rmdir (root);
  gh_fake_server_stop (server);
  return 0;
}
