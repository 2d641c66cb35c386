/* window-bench.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The real window (ContribWindow, in this process) during large loads, each
 * printed next to the headless runner's time for the same load. A
 * benchmark, not a test: it prints figures and the targets they are judged
 * against, and asserts nothing. Start it with bench/window-bench, which
 * gives it a display (Xvfb when there is none) and a private D-Bus session;
 * see --help for the options.
 *
 * For each variant and requests-at-once limit, one line:
 *
 *  - window: from activating win.load to the window's end of the load (what
 *    the user waits for), then the main loop's stalls (a heartbeat every
 *    4 ms at default priority; each beat's lateness, worst and 99th
 *    percentile), the frames painted per second (the frame clock's
 *    after-paint) between the first and the last ranking update shown,
 *    peak RSS (VmHWM, reset before each run) and CPU time (getrusage, the
 *    whole process: the loader's threads too);
 *  - headless: `contributors --headless --json` with the same variant,
 *    limit and server, run right after: its own elapsed time (start to
 *    final result, as it reports it) and its CPU time, then window time /
 *    headless time.
 *
 * --view=timeline shows the Timeline view during the loads, which draws
 * every request as it ends.
 *
 * The fake GitHub runs as contributors-fake-github in a process of its
 * own, so that the CPU and memory measured here are the window's only.
 *
 * Default: every variant but BLOCKING (which freezes the window by design).
 * The concurrent ones (CALLBACKS, CONCURRENT, NOT_CANCELLABLE, CHANNELS) load
 * at --scale, 1 by default, the latencies as measured. The sequential ones
 * (BACKGROUND, SUSPEND, PROGRESS) send 1,200 requests one after the other:
 * at scale 1 that is over two minutes a load, twice a line (window and
 * headless), so by default they run at --sequential-scale 0.05 (about 8 s a
 * load). A smaller scale only brings their updates closer together, which
 * is harder on the window, not easier. The whole default run takes about
 * four minutes on two cores.
 */

#include "config.h"

#include <glib/gstdio.h>

#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <gh-fake-github.h>
#include <tasks.h>

#include "contrib-application.h"
#include "contrib-window.h"
#include "fd-limit.h"

#define EXIT_USAGE 2
/* contributors --headless beats every 4 ms, the window every 5 */
#define HEARTBEAT_PERIOD_MS 4
/* After the window first draws, before the load: let startup work finish */
#define SETTLE_MS 500
/* When VmHWM cannot be reset: how often RSS is sampled instead */
#define RSS_SAMPLE_MS 20
#define DEFAULT_SEQUENTIAL_SCALE 0.05
#define DEFAULT_TIMEOUT_S 600

/* The targets: printed, never asserted */
#define TARGET_STALL_MAX_MS 33
#define TARGET_STALL_P99_MS 16
#define TARGET_FPS 30
#define TARGET_RATIO 1.10

typedef struct
{
  ContribVariant *variants;
  guint           n_variants;
  guint          *limits;
  guint           n_limits;
  char           *dataset;
  double          scale;
  double          sequential_scale;
  char           *contributors;
  char           *fake_github;
  char           *view;
  int             timeout_s;
} Options;

/* A contributors-fake-github process */
typedef struct
{
  double            scale;
  GSubprocess      *process;
  GDataInputStream *output;
  char             *url;
} Server;

/* ContribHeartbeat keeps the worst gap only; this one keeps every beat's
 * lateness, for the percentile. */
typedef struct
{
  gint64   period_us;
  gint64   last_beat;
  GSource *source;
  GArray  *late_us;       /* gint64 */
} Heartbeat;

/* What one window load saw, in the order it happened */
typedef struct
{
  GListModel *results;
  GArray     *paints;     /* gint64, monotonic µs of each after-paint */
  GArray     *updates;    /* gint64, of each change to a non-empty ranking */
  guint64     rss_max_kib;
} Watch;

typedef struct
{
  gboolean  ok;
  char     *failure;
  double    load_s;
  double    stall_max_ms;
  double    stall_p99_ms;
  double    fps;          /* < 0: the rows came in one update */
  guint     n_updates;
  guint     rows;
  guint64   rss_start_kib;
  guint64   rss_peak_kib;
  gboolean  rss_sampled;  /* peak sampled, not VmHWM */
  double    cpu_s;
} WindowRun;

typedef struct
{
  gboolean  ok;
  char     *failure;
  double    elapsed_s;
  double    cpu_s;
  guint     rows;
} HeadlessRun;

/* What the header says of the dataset; the dataset itself is not kept, so
 * that its memory is not the window's */
typedef struct
{
  char  *org;
  guint  n_repos;
  guint  n_logins;
} DatasetInfo;

/* How the targets fared, for the footer */
typedef struct
{
  guint n_runs;
  guint stall_max_met;
  guint stall_p99_met;
  guint n_fps;
  guint fps_met;
  guint ratio_met;
} Tally;

static ContribApplication *application;
static GSettings *settings;

/* --- helpers ------------------------------------------------------------------ */

/* As the tasks' file headers say; CALLBACKS sends every request at once */
static gboolean
is_sequential (ContribVariant variant)
{
  return variant == CONTRIB_VARIANT_BLOCKING || variant == CONTRIB_VARIANT_BACKGROUND ||
         variant == CONTRIB_VARIANT_SUSPEND || variant == CONTRIB_VARIANT_PROGRESS;
}

static double
scale_for (const Options  *options,
           ContribVariant  variant)
{
  return is_sequential (variant) ? options->sequential_scale : options->scale;
}

static double
cpu_seconds (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return 0;
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* A "Field:   1234 kB" line of /proc/self/status, in KiB; 0 if absent */
static guint64
read_status_kib (const char *field)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return 0;
  line = strstr (contents, field);
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* Sets VmHWM back to the current RSS (Linux 4.0 and later) */
static gboolean
reset_peak_rss (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = fputs ("5", file) >= 0;
  ok = fclose (file) == 0 && ok;
  return ok;
}

static char *
read_cpu_model (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &contents, NULL, NULL))
    return g_strdup ("unknown CPU");
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "model name"))
      {
        const char *colon = strchr (lines[i], ':');

        if (colon != NULL)
          return g_strstrip (g_strdup (colon + 1));
      }
  return g_strdup ("unknown CPU");
}

static double
load_average (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return -1;
  return g_ascii_strtod (contents, NULL);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Nearest rank; sorts @values */
static gint64
percentile (GArray *values,
            guint   percent)
{
  guint rank;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_gint64);
  rank = (values->len * percent + 99) / 100;
  return g_array_index (values, gint64, MAX (rank, 1) - 1);
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@done or @timeout_ms; FALSE on the timeout */
static gboolean
wait_for (const gboolean *done,
          guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, flag_cb, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static void
spin (guint ms)
{
  gboolean never = FALSE;

  wait_for (&never, ms);
}

/* --- the heartbeat ------------------------------------------------------------- */

static void
beat (Heartbeat *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 late = MAX (now - self->last_beat - self->period_us, 0);

  g_array_append_val (self->late_us, late);
  self->last_beat = now;
}

static gboolean
beat_cb (gpointer data)
{
  beat (data);
  return G_SOURCE_CONTINUE;
}

static void
heartbeat_start (Heartbeat *self)
{
  self->period_us = HEARTBEAT_PERIOD_MS * 1000;
  self->late_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->last_beat = g_get_monotonic_time ();
  self->source = g_timeout_source_new (HEARTBEAT_PERIOD_MS);
  g_source_set_priority (self->source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (self->source, "[window-bench] heartbeat");
  g_source_set_callback (self->source, beat_cb, self, NULL);
  g_source_attach (self->source, NULL);
}

/* Counts the gap up to now too: a stall that lasted to the end counts. */
static void
heartbeat_stop (Heartbeat *self)
{
  beat (self);
  g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
}

/* --- the fake GitHub ------------------------------------------------------------ */

static void
server_free (Server *server)
{
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
    }
  g_clear_object (&server->output);
  g_clear_object (&server->process);
  g_free (server->url);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

/* Its first line on stdout is its URL, once it listens. */
static Server *
server_start (const char  *fake_github,
              const char  *dataset,
              double       scale,
              GError     **error)
{
  g_autoptr(Server) server = g_new0 (Server, 1);
  char scale_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (scale_text, sizeof scale_text, scale);
  server->scale = scale;
  server->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, error, fake_github,
                                      "--dataset", dataset, "--latency-scale", scale_text, NULL);
  if (server->process == NULL)
    return NULL;
  server->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  server->url = g_data_input_stream_read_line_utf8 (server->output, NULL, NULL, error);
  if (server->url == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s exited before it listened",
                     fake_github);
      return NULL;
    }
  if (!g_str_has_prefix (server->url, "http://"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s said “%s”, not its URL",
                   fake_github, server->url);
      return NULL;
    }
  return g_steal_pointer (&server);
}

static Server *
server_for (GPtrArray      *servers,
            const Options  *options,
            double          scale,
            GError        **error)
{
  Server *server;

  for (guint i = 0; i < servers->len; i++)
    {
      server = g_ptr_array_index (servers, i);
      if (server->scale == scale)
        return server;
    }
  server = server_start (options->fake_github, options->dataset, scale, error);
  if (server != NULL)
    g_ptr_array_add (servers, server);
  return server;
}

/* Each load, the window's and the headless runner's, starts without kept
 * pages, as a first load does: otherwise it would be answered with 304s */
static void
forget_pages (void)
{
  g_autofree char *dir = contrib_page_cache_dir ();
  g_autoptr(GError) error = NULL;

  if (!gh_page_cache_clear (dir, &error))
    g_error ("window-bench: cannot empty the page cache: %s", error->message);
}

/* The private XDG_CACHE_HOME that set_up_environment() made, emptied */
static void
remove_cache_home (void)
{
  g_autofree char *pages = contrib_page_cache_dir ();
  g_autofree char *contributors = g_path_get_dirname (pages);

  forget_pages ();
  g_rmdir (pages);
  g_rmdir (contributors);
  g_rmdir (g_getenv ("XDG_CACHE_HOME"));
}

/* --- the headless runner ----------------------------------------------------------- */

typedef struct
{
  gboolean  done;
  char     *output;
  GError   *error;
} Communication;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Communication *communication = data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &communication->output,
                                        NULL, &communication->error);
  communication->done = TRUE;
}

/* A run's failure: the last one says why */
static void
set_failure (gboolean   *ok,
             char      **failure,
             const char *format,
             va_list     args) G_GNUC_PRINTF (3, 0);

static void
set_failure (gboolean   *ok,
             char      **failure,
             const char *format,
             va_list     args)
{
  *ok = FALSE;
  g_free (*failure);
  *failure = g_strdup_vprintf (format, args);
}

static void
headless_fail (HeadlessRun *run,
               const char  *format,
               ...) G_GNUC_PRINTF (2, 3);

static void
headless_fail (HeadlessRun *run,
               const char  *format,
               ...)
{
  va_list args;

  va_start (args, format);
  set_failure (&run->ok, &run->failure, format, args);
  va_end (args);
}

static void
read_report (HeadlessRun *run,
             const char  *output)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *report;
  const char *status;

  if (!json_parser_load_from_data (parser, output, -1, &error))
    {
      headless_fail (run, "headless: unreadable report: %s", error->message);
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      headless_fail (run, "headless: the report is not an object");
      return;
    }
  report = json_node_get_object (root);
  status = json_object_get_string_member_with_default (report, "status", "");
  run->elapsed_s = json_object_get_int_member_with_default (report, "elapsed_ms", 0) / 1000.0;
  run->rows = (guint) json_object_get_int_member_with_default (report, "rows", 0);
  if (!g_str_equal (status, "completed"))
    {
      const char *message = json_object_get_string_member_with_default (report, "error", NULL);

      headless_fail (run, "headless: %s: %s", status, message != NULL ? message : "no error given");
    }
}

static HeadlessRun
run_headless (const Options  *options,
              const Server   *server,
              const char     *org,
              ContribVariant  variant,
              guint           limit)
{
  HeadlessRun run = { .ok = TRUE };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  Communication communication = { 0 };
  double cpu_before = cpu_seconds (RUSAGE_CHILDREN);

  forget_pages ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, options->contributors, "--headless",
                              "--variant", contrib_variant_get_id (variant),
                              "--api-url", server->url, "--org", org,
                              "--max-requests", limit_text, "--json", NULL);
  if (process == NULL)
    {
      headless_fail (&run, "headless: %s", error->message);
      return run;
    }
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &communication);
  if (!wait_for (&communication.done, options->timeout_s * 1000))
    {
      g_subprocess_force_exit (process);
      wait_for (&communication.done, G_MAXUINT);
      headless_fail (&run, "headless: no result after %d s", options->timeout_s);
    }
  /* Reaped, so that its CPU time is in RUSAGE_CHILDREN */
  g_subprocess_wait (process, NULL, NULL);
  run.cpu_s = cpu_seconds (RUSAGE_CHILDREN) - cpu_before;

  if (run.ok)
    {
      if (communication.error != NULL)
        headless_fail (&run, "headless: %s", communication.error->message);
      else if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) > 1)
        headless_fail (&run, "headless: exited abnormally");
      else if (communication.output == NULL || communication.output[0] == '\0')
        headless_fail (&run, "headless: exit status %d, no report",
                       g_subprocess_get_exit_status (process));
      else
        read_report (&run, communication.output);
    }

  g_clear_error (&communication.error);
  g_free (communication.output);
  return run;
}

/* --- the window --------------------------------------------------------------------- */

static void
on_after_paint (GdkFrameClock *frame_clock,
                Watch         *watch)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (watch->paints, now);
}

/* Each ranking the window shows is one change of its rows; the clearing
 * at the start of a load leaves none and does not count. */
static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  gint64 now = g_get_monotonic_time ();

  if (g_list_model_get_n_items (model) > 0)
    g_array_append_val (watch->updates, now);
}

static gboolean
sample_rss_cb (gpointer data)
{
  Watch *watch = data;

  watch->rss_max_kib = MAX (watch->rss_max_kib, read_status_kib ("VmRSS:"));
  return G_SOURCE_CONTINUE;
}

/* Frames painted per second between the first and the last ranking update;
 * < 0 when there were not two updates to measure between. */
static double
frames_per_second (const Watch *watch)
{
  gint64 first, last;
  guint n_paints = 0;

  if (watch->updates->len < 2)
    return -1;
  first = g_array_index (watch->updates, gint64, 0);
  last = g_array_index (watch->updates, gint64, watch->updates->len - 1);
  if (last <= first)
    return -1;
  for (guint i = 0; i < watch->paints->len; i++)
    {
      gint64 paint = g_array_index (watch->paints, gint64, i);

      if (paint > first && paint <= last)
        n_paints++;
    }
  return n_paints / ((last - first) / (double) G_USEC_PER_SEC);
}

static void
window_fail (WindowRun  *run,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
window_fail (WindowRun  *run,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  set_failure (&run->ok, &run->failure, format, args);
  va_end (args);
}

static gboolean
load_is_over (ContribWindow *window,
              gint64         deadline)
{
  return !contrib_window_is_loading (window) || g_get_monotonic_time () >= deadline;
}

static ContribWindow *
open_window (const char     *url,
             const char     *org,
             ContribVariant  variant,
             guint           limit)
{
  ContribWindow *window;

  g_settings_set_enum (settings, "endpoint", 2);
  g_settings_set_string (settings, "custom-url", url);
  g_settings_set_string (settings, "organization", org);
  g_settings_set_string (settings, "variant", contrib_variant_get_id (variant));
  g_settings_set_uint (settings, "max-requests", limit);

  window = contrib_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* GTK 4.8 warns when a focused entry goes away with its window. */
static void
close_window (ContribWindow *window)
{
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static WindowRun
run_window (const Options  *options,
            const Server   *server,
            const char     *org,
            ContribVariant  variant,
            guint           limit)
{
  WindowRun run = { .ok = TRUE };
  ContribWindow *window = open_window (server->url, org, variant, limit);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  Watch watch = { 0 };
  Heartbeat heartbeat = { 0 };
  gint64 start, end, deadline;
  guint sample_id = 0;
  double cpu_before;
  const char *error;

  if (options->view != NULL &&
      !gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", options->view))
    window_fail (&run, "window: no win.view action");
  spin (SETTLE_MS);
  watch.results = contrib_window_get_results (window);
  watch.paints = g_array_new (FALSE, FALSE, sizeof (gint64));
  watch.updates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint), &watch);
  g_signal_connect (watch.results, "items-changed", G_CALLBACK (on_items_changed), &watch);

  /* What earlier runs freed goes back to the system, as in a fresh start */
  malloc_trim (0);
  run.rss_start_kib = read_status_kib ("VmRSS:");
  run.rss_sampled = !reset_peak_rss ();
  if (run.rss_sampled)
    {
      watch.rss_max_kib = run.rss_start_kib;
      sample_id = g_timeout_add (RSS_SAMPLE_MS, sample_rss_cb, &watch);
    }
  cpu_before = cpu_seconds (RUSAGE_SELF);

  forget_pages ();
  heartbeat_start (&heartbeat);
  start = g_get_monotonic_time ();
  deadline = start + (gint64) options->timeout_s * G_USEC_PER_SEC;
  if (!gtk_widget_activate_action (GTK_WIDGET (window), "win.load", NULL))
    window_fail (&run, "window: no win.load action");
  while (!load_is_over (window, deadline))
    g_main_context_iteration (NULL, TRUE);
  end = g_get_monotonic_time ();
  heartbeat_stop (&heartbeat);

  run.cpu_s = cpu_seconds (RUSAGE_SELF) - cpu_before;
  if (run.rss_sampled)
    {
      sample_rss_cb (&watch);
      g_source_remove (sample_id);
      run.rss_peak_kib = watch.rss_max_kib;
    }
  else
    run.rss_peak_kib = read_status_kib ("VmHWM:");
  g_signal_handlers_disconnect_by_data (frame_clock, &watch);
  g_signal_handlers_disconnect_by_data (watch.results, &watch);

  run.load_s = (end - start) / (double) G_USEC_PER_SEC;
  run.stall_max_ms = percentile (heartbeat.late_us, 100) / 1000.0;
  run.stall_p99_ms = percentile (heartbeat.late_us, 99) / 1000.0;
  run.fps = frames_per_second (&watch);
  run.n_updates = watch.updates->len;
  run.rows = g_list_model_get_n_items (watch.results);

  error = contrib_window_get_error (window);
  if (run.ok)
    {
      if (contrib_window_is_loading (window))
        window_fail (&run, "window: no result after %d s", options->timeout_s);
      else if (error != NULL)
        window_fail (&run, "window: %s", error);
      else if (!g_str_has_prefix (contrib_window_get_status (window), "Completed"))
        window_fail (&run, "window: %s", contrib_window_get_status (window));
    }

  g_array_unref (heartbeat.late_us);
  g_array_unref (watch.paints);
  g_array_unref (watch.updates);
  close_window (window);
  return run;
}

/* The first window pays for the theme, the fonts, the first connection:
 * a small load at no latency, before anything is measured. Says which
 * renderer the window got. */
static gboolean
warm_up (const Options  *options,
         char          **renderer,
         GError        **error)
{
  g_autoptr(Server) server = server_start (options->fake_github, "tutorial", 0, error);
  g_autoptr(GhDataset) tutorial = NULL;
  ContribWindow *window;
  gint64 deadline;

  if (server == NULL)
    return FALSE;
  tutorial = gh_dataset_new_from_name ("tutorial", error);
  if (tutorial == NULL)
    return FALSE;

  window = open_window (server->url, gh_dataset_get_org (tutorial), CONTRIB_VARIANT_CHANNELS, 8);
  *renderer = g_strdup (G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load", NULL);
  while (!load_is_over (window, deadline))
    g_main_context_iteration (NULL, TRUE);
  spin (SETTLE_MS);
  close_window (window);
  return TRUE;
}

/* --- output ------------------------------------------------------------------------ */

static void
print_header (const Options     *options,
              const DatasetInfo *dataset,
              const char        *renderer)
{
  g_autofree char *cpu = read_cpu_model ();
  GdkDisplay *display = gdk_display_get_default ();
  GListModel *monitors = gdk_display_get_monitors (display);
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry = { 0 };

  if (monitor != NULL)
    gdk_monitor_get_geometry (monitor, &geometry);

  printf ("window-bench: %u CPUs (%s), load average %.2f at the start\n",
          g_get_num_processors (), cpu, load_average ());
  printf ("window: GTK %u.%u.%u, libadwaita %u.%u.%u, %s (GSK_RENDERER=%s), display %s %d×%d, "
          "window %d×%d, GTK_A11Y=%s\n",
          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
          renderer, g_getenv ("GSK_RENDERER"), gdk_display_get_name (display),
          geometry.width, geometry.height,
          g_settings_get_int (settings, "window-width"),
          g_settings_get_int (settings, "window-height"),
          g_getenv ("GTK_A11Y") != NULL ? g_getenv ("GTK_A11Y") : "(default)");
  printf ("dataset %s: org %s, %u repositories, %u logins; fake GitHub in its own process; "
          "latency scale %g, sequential variants (BACKGROUND, SUSPEND, PROGRESS) %g\n",
          options->dataset, dataset->org, dataset->n_repos, dataset->n_logins, options->scale,
          options->sequential_scale);
  printf ("%-15s %5s %5s  window: this process | headless: contributors --headless, same load\n",
          "variant", "scale", "limit");
  fflush (stdout);
}

static void
print_run (ContribVariant     variant,
           double             scale,
           guint              limit,
           const WindowRun   *window,
           const HeadlessRun *headless)
{
  g_autofree char *fps = window->fps < 0 ? g_strdup ("-") : g_strdup_printf ("%.0f", window->fps);
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  double ratio = window->ok && headless->elapsed_s > 0 ? window->load_s / headless->elapsed_s : 0;

  if (window->ok)
    left = g_strdup_printf ("window %6.2f s  stall max %4.0f ms p99 %3.0f ms  fps %3s  "
                            "rss %s%4" G_GUINT64_FORMAT " MiB (%4" G_GUINT64_FORMAT ")  "
                            "cpu %5.1f s",
                            window->load_s, window->stall_max_ms, window->stall_p99_ms, fps,
                            window->rss_sampled ? "~" : "", window->rss_peak_kib / 1024,
                            window->rss_start_kib / 1024, window->cpu_s);
  else
    left = g_strdup_printf ("FAILED %s", window->failure);

  if (headless->ok)
    right = g_strdup_printf ("headless %6.2f s  cpu %4.1f s  ratio %.2f%s",
                             headless->elapsed_s, headless->cpu_s, ratio,
                             window->ok && window->rows != headless->rows ? "  ROWS DIFFER" : "");
  else
    right = g_strdup_printf ("FAILED %s", headless->failure);

  printf ("%-15s %5g %5u  %s | %s\n", contrib_variant_get_id (variant), scale, limit, left, right);
  fflush (stdout);
}

static void
tally_run (Tally             *tally,
           const WindowRun   *window,
           const HeadlessRun *headless)
{
  if (!window->ok || !headless->ok)
    return;
  tally->n_runs++;
  tally->stall_max_met += window->stall_max_ms <= TARGET_STALL_MAX_MS;
  tally->stall_p99_met += window->stall_p99_ms <= TARGET_STALL_P99_MS;
  if (window->fps >= 0)
    {
      tally->n_fps++;
      tally->fps_met += window->fps >= TARGET_FPS;
    }
  tally->ratio_met += headless->elapsed_s > 0 &&
                      window->load_s / headless->elapsed_s <= TARGET_RATIO;
}

static void
print_footer (const Tally *tally,
              guint        n_failed,
              double       seconds)
{
  printf ("targets (printed, not asserted), runs meeting them of %u:\n", tally->n_runs);
  printf ("  worst stall <= %d ms: %u; p99 stall <= %d ms: %u; >= %d fps while rows arrive: "
          "%u of %u with rows in steps; window time <= %.2f x headless: %u\n",
          TARGET_STALL_MAX_MS, tally->stall_max_met, TARGET_STALL_P99_MS, tally->stall_p99_met,
          TARGET_FPS, tally->fps_met, tally->n_fps, TARGET_RATIO, tally->ratio_met);
  printf ("window: win.load to the end of the load; stall: each %d ms beat's lateness; fps: "
          "frames painted between the first and the last ranking shown (- when the rows came "
          "at once); RSS: VmHWM reset before the run (~: sampled every %d ms), in brackets RSS "
          "at its start; CPU: this process, every thread. headless: its own elapsed_ms and "
          "the CPU of its process. %u failed; %.0f s in all.\n",
          HEARTBEAT_PERIOD_MS, RSS_SAMPLE_MS, n_failed, seconds);
  fflush (stdout);
}

/* --- options ------------------------------------------------------------------------ */

static const char summary[] =
  "Opens the real window under X (bench/window-bench starts Xvfb when there is no\n"
  "DISPLAY) and times large loads from a fake GitHub in its own process, each next\n"
  "to `contributors --headless` on the same load. Prints figures, asserts nothing.\n"
  "\n"
  "Defaults: every variant but BLOCKING, --max-requests 100,1200, the large dataset\n"
  "(1,200 repositories, ~21,000 logins). The concurrent variants load at --scale 1;\n"
  "the sequential ones (BACKGROUND, SUSPEND, PROGRESS) at --sequential-scale 0.05,\n"
  "since at 1 a load of theirs takes over two minutes, twice a line. Give\n"
  "--sequential-scale 1 to run them as measured. About four minutes in all on two\n"
  "cores.\n"
  "\n"
  "Run it as bench/window-bench [--builddir=DIR] [OPTION...], or\n"
  "`meson compile -C BUILDDIR window-bench` for the defaults. Peak RSS is VmHWM,\n"
  "reset before each run through /proc/self/clear_refs; where that cannot be\n"
  "written, RSS sampled every 20 ms (marked ~). Exit status: 0 when every load\n"
  "completed, whatever the figures; 1 when a load failed; 2 for a bad command line.";

static gboolean
parse_variants (Options     *options,
                const char  *text,
                GError     **error)
{
  g_auto(GStrv) ids = g_strsplit (text, ",", -1);
  g_autoptr(GArray) variants = g_array_new (FALSE, FALSE, sizeof (ContribVariant));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *id = g_ascii_strup (g_strstrip (ids[i]), -1);
      ContribVariant variant;

      if (id[0] == '\0')
        continue;
      if (!contrib_variant_from_id (id, &variant))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "unknown variant “%s”", id);
          return FALSE;
        }
      if (variant == CONTRIB_VARIANT_BLOCKING)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               "BLOCKING freezes the window by design: it is not measured");
          return FALSE;
        }
      g_array_append_val (variants, variant);
    }
  if (variants->len == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "no variant given");
      return FALSE;
    }
  options->n_variants = variants->len;
  options->variants = (ContribVariant *) (gpointer) g_array_free (g_steal_pointer (&variants),
                                                                  FALSE);
  return TRUE;
}

static gboolean
parse_limits (Options     *options,
              const char  *text,
              GError     **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);
  g_autoptr(GArray) limits = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; items[i] != NULL; i++)
    {
      guint64 value;
      guint limit;

      if (g_strstrip (items[i])[0] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (items[i], 10, 1, GH_CLIENT_MAX_REQUESTS_LIMIT, &value, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--max-requests: “%s” is not a number from 1 to %d", items[i],
                       GH_CLIENT_MAX_REQUESTS_LIMIT);
          return FALSE;
        }
      limit = (guint) value;
      g_array_append_val (limits, limit);
    }
  if (limits->len == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "no --max-requests given");
      return FALSE;
    }
  options->n_limits = limits->len;
  options->limits = (guint *) (gpointer) g_array_free (g_steal_pointer (&limits), FALSE);
  return TRUE;
}

static char *
default_variants (void)
{
  GString *text = g_string_new (NULL);

  for (ContribVariant variant = 0; variant < CONTRIB_N_VARIANTS; variant++)
    if (variant != CONTRIB_VARIANT_BLOCKING)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "",
                              contrib_variant_get_id (variant));
  return g_string_free (text, FALSE);
}

static gboolean
read_dataset_info (const char   *name,
                   DatasetInfo  *info,
                   GError      **error)
{
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_name (name, error);

  if (dataset == NULL)
    return FALSE;
  info->org = g_strdup (gh_dataset_get_org (dataset));
  info->n_repos = gh_dataset_get_n_repos (dataset);
  info->n_logins = gh_dataset_get_n_logins (dataset);
  return TRUE;
}

static int
usage_error (const char *message)
{
  fprintf (stderr, "window-bench: %s\nTry “bench/window-bench --help” for more information.\n",
           message);
  return EXIT_USAGE;
}

/* The loaders' tutorial-style log: a line a repository. The headless
 * runs' goes to /dev/null; so does the window's, which then pays the same
 * for it and cannot stall on a slow terminal. */
static void
discard_log (const char *line,
             gpointer    user_data)
{
}

/* Before GTK, GSettings or GIO read them */
static void
set_up_environment (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_home = g_dir_make_tmp ("window-bench-XXXXXX", &error);

  /* Never the user's page cache */
  if (cache_home == NULL)
    g_error ("window-bench: %s", error->message);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  /* Mesa, which GTK loads to probe GL, would keep its shaders there */
  g_setenv ("MESA_SHADER_CACHE_DISABLE", "true", TRUE);

  /* The gui tests' renderer unless told otherwise; never the user's settings */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "test", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_SCHEMA_DIR, TRUE);
  /* libsoup would send even 127.0.0.1 through a proxy in the environment */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  g_setenv ("NO_PROXY", "127.0.0.1,localhost", TRUE);
  g_unsetenv ("G_MESSAGES_DEBUG");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autofree char *variants_text = NULL;
  g_autofree char *limits_text = NULL;
  g_autofree char *renderer = NULL;
  Options options = {
    .scale = 1.0,
    .sequential_scale = DEFAULT_SEQUENTIAL_SCALE,
    .timeout_s = DEFAULT_TIMEOUT_S,
  };
  DatasetInfo dataset = { 0 };
  Tally tally = { 0 };
  guint n_failed = 0;
  gint64 started;
  GOptionEntry entries[] = {
    { "variants", 0, 0, G_OPTION_ARG_STRING, &variants_text,
      "Variants to run, comma-separated (default: all but BLOCKING)", "LIST" },
    { "max-requests", 0, 0, G_OPTION_ARG_STRING, &limits_text,
      "Requests at once, comma-separated, each run with every variant (default: 100,1200)",
      "LIST" },
    { "dataset", 0, 0, G_OPTION_ARG_FILENAME, &options.dataset,
      "Dataset the fake GitHub serves: tutorial, demo, large, or a JSON file (default: large)",
      "NAME|FILE" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options.scale,
      "Latency scale of the fake GitHub for the concurrent variants (default: 1)", "F" },
    { "sequential-scale", 0, 0, G_OPTION_ARG_DOUBLE, &options.sequential_scale,
      "Latency scale for BACKGROUND, SUSPEND and PROGRESS (default: 0.05)", "F" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options.timeout_s,
      "Give up on a load after this many seconds (default: 600)", "S" },
    { "contributors", 0, 0, G_OPTION_ARG_FILENAME, &options.contributors,
      "The contributors executable, for the headless runs (default: the build tree's)", "PATH" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &options.view,
      "The view shown during the loads: ranking, timeline or compare (default: ranking)", "NAME" },
    { "fake-github", 0, 0, G_OPTION_ARG_FILENAME, &options.fake_github,
      "The contributors-fake-github executable (default: the build tree's)", "PATH" },
    { NULL }
  };

  /* Only for the terminal's character set: the window's messages, which
   * the bench reads, stay untranslated */
  setlocale (LC_CTYPE, "");
  g_set_prgname ("window-bench");
  context = g_option_context_new ("- the real window during large loads");
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);
  if (argc > 1)
    return usage_error ("unexpected arguments");
  if (variants_text == NULL)
    variants_text = default_variants ();
  if (!parse_variants (&options, variants_text, &error) ||
      !parse_limits (&options, limits_text != NULL ? limits_text : "100,1200", &error))
    return usage_error (error->message);
  if (!(options.scale >= 0 && options.scale <= 1000) ||
      !(options.sequential_scale >= 0 && options.sequential_scale <= 1000))
    return usage_error ("the latency scales must be between 0 and 1000");
  if (options.timeout_s <= 0)
    return usage_error ("--timeout must be positive");
  if (options.dataset == NULL)
    options.dataset = g_strdup ("large");
  if (options.contributors == NULL)
    options.contributors = g_strdup (CONTRIBUTORS_EXE);
  if (options.fake_github == NULL)
    options.fake_github = g_strdup (FAKE_GITHUB_EXE);

  /* As contributors' main.c sets the app up */
  set_up_environment ();
  /* As contributors' main.c does */
  raise_fd_limit ();
  gh_log_set_writer (discard_log, NULL, NULL);

  if (!gtk_init_check ())
    {
      fprintf (stderr, "window-bench: cannot open a display; run it through bench/window-bench, "
               "which starts Xvfb\n");
      return EXIT_FAILURE;
    }
  /* GTK 4.8's cursor blink warns when Xvfb moves focus between the
   * windows opened and closed */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  if (!read_dataset_info (options.dataset, &dataset, &error))
    return usage_error (error->message);

  application = contrib_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    {
      fprintf (stderr, "window-bench: %s\n", error->message);
      return EXIT_FAILURE;
    }
  settings = g_settings_new (APP_ID);

  if (!warm_up (&options, &renderer, &error))
    {
      fprintf (stderr, "window-bench: warming up: %s\n", error->message);
      return EXIT_FAILURE;
    }
  print_header (&options, &dataset, renderer);

  started = g_get_monotonic_time ();
  servers = g_ptr_array_new_with_free_func ((GDestroyNotify) server_free);
  for (guint v = 0; v < options.n_variants; v++)
    {
      ContribVariant variant = options.variants[v];
      double scale = scale_for (&options, variant);
      Server *server = server_for (servers, &options, scale, &error);

      if (server == NULL)
        {
          fprintf (stderr, "window-bench: cannot start the fake GitHub: %s\n", error->message);
          return EXIT_FAILURE;
        }
      for (guint l = 0; l < options.n_limits; l++)
        {
          const char *org = dataset.org;
          WindowRun window = run_window (&options, server, org, variant, options.limits[l]);
          HeadlessRun headless = run_headless (&options, server, org, variant, options.limits[l]);

          print_run (variant, scale, options.limits[l], &window, &headless);
          tally_run (&tally, &window, &headless);
          n_failed += !window.ok || !headless.ok;
          g_free (window.failure);
          g_free (headless.failure);
        }
    }
  print_footer (&tally, n_failed, (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  g_clear_pointer (&servers, g_ptr_array_unref);
  g_clear_object (&settings);
  g_clear_object (&application);
  g_free (dataset.org);
  g_free (options.variants);
  g_free (options.limits);
  g_free (options.dataset);
  g_free (options.contributors);
  g_free (options.fake_github);
  g_free (options.view);
  remove_cache_home ();
  return n_failed > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
