/* test-headless-timeline.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * `--timeline`: the requests of a headless run as a Trace Event Format
 * file, as Perfetto reads it: one complete event per request, with what
 * the event knows, on the tutorial's data.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "headless-cli-utils.h"

static JsonNode *
parse_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* What --json says the server received */
static gint64
server_requests (Outcome *outcome)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *server;

  json_parser_load_from_data (parser, outcome->out, -1, &error);
  g_assert_no_error (error);
  server = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "server");
  return json_object_get_int_member (server, "requests");
}

/* The complete events, by repository ("org" for the list) */
static GHashTable *
requests_of (JsonObject *trace,
             gint64     *duration_sum_us)
{
  JsonArray *events = json_object_get_array_member (trace, "traceEvents");
  GHashTable *requests = g_hash_table_new (g_str_hash, g_str_equal);

  *duration_sum_us = 0;
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonObject *args;
      const char *subject;

      if (g_strcmp0 (json_object_get_string_member (event, "ph"), "X") != 0)
        continue;

      g_assert_cmpint (json_object_get_int_member (event, "pid"), ==, 1);
      g_assert_cmpint (json_object_get_int_member (event, "tid"), >, 0);
      g_assert_cmpint (json_object_get_int_member (event, "ts"), >=, 0);
      args = json_object_get_object_member (event, "args");
      for (const char * const *name = (const char * const[]) { "url", "kind", "page", "thread", "status", "items",
                                                               "bytes", "outcome", "after_cancel", NULL };
           *name != NULL; name++)
        if (!json_object_has_member (args, *name))
          g_error ("a request without “%s”", *name);

      subject = json_object_has_member (args, "repository") ? json_object_get_string_member (args, "repository")
                                                            : json_object_get_string_member (args, "organization");
      g_assert_nonnull (subject);
      g_hash_table_insert (requests, (gpointer) subject, event);
      *duration_sum_us += json_object_get_int_member (event, "dur");
    }
  return requests;
}

static gint64
duration_ms (GHashTable *requests,
             const char *subject)
{
  JsonObject *event = g_hash_table_lookup (requests, subject);

  g_assert_nonnull (event);
  return json_object_get_int_member (event, "dur") / 1000;
}

static const char *
arg (GHashTable *requests,
     const char *subject,
     const char *name)
{
  JsonObject *event = g_hash_table_lookup (requests, subject);

  return json_object_get_string_member (json_object_get_object_member (event, "args"), name);
}

/* CONCURRENT at a tenth of the tutorial's latencies: each request as long
 * as the server makes it, the three contributors requests at once, each in
 * a coroutine of its own */
static void
test_timeline_concurrent (void)
{
  g_autofree char *dir = g_dir_make_tmp ("contrib-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "trace.json", NULL);
  g_autoptr(Outcome) outcome = run ("--headless", "--variant", "CONCURRENT", "--dataset", "tutorial",
                                    "--latency-scale", "0.1", "--json", "--timeline", path);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) requests = NULL;
  JsonObject *trace;
  JsonObject *other;
  gint64 sum_us;

  g_assert_cmpint (outcome->status, ==, 0);
  root = parse_file (path);
  trace = json_node_get_object (root);
  requests = requests_of (trace, &sum_us);

  /* One event per request the server received */
  g_assert_cmpuint (g_hash_table_size (requests), ==, 4);
  g_assert_cmpint (server_requests (outcome), ==, 4);

  /* As long as the server's latency, and not much more on 127.0.0.1 */
  g_assert_cmpint (duration_ms (requests, "org"), >=, 100);
  g_assert_cmpint (duration_ms (requests, "repo-1"), >=, 100);
  g_assert_cmpint (duration_ms (requests, "repo-2"), >=, 120);
  g_assert_cmpint (duration_ms (requests, "repo-3"), >=, 80);

  /* The durations sum as the trace's own totals say */
  other = json_object_get_object_member (trace, "otherData");
  g_assert_cmpint (json_object_get_int_member (other, "requests"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (other, "request_time_us"), ==, sum_us);
  g_assert_cmpint (json_object_get_int_member (other, "peak_in_flight"), ==, 3);

  g_assert_cmpstr (arg (requests, "repo-2", "kind"), ==, "contributors");
  g_assert_cmpstr (arg (requests, "repo-2", "outcome"), ==, "ok");
  g_assert_cmpstr (arg (requests, "repo-2", "thread"), ==, "main");
  g_assert_nonnull (arg (requests, "repo-2", "coroutine"));
  g_assert_cmpint (json_object_get_int_member (g_hash_table_lookup (requests, "repo-1"), "tid"), !=,
                   json_object_get_int_member (g_hash_table_lookup (requests, "repo-2"), "tid"));

  g_unlink (path);
  g_rmdir (dir);
}

/* Cancelled at 1.5 s, once the list is in even under valgrind,
 * NOT_CANCELLABLE's requests go out at 3 s all the same, and are marked as
 * running after the cancel */
static void
test_timeline_not_cancellable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("contrib-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "trace.json", NULL);
  g_autoptr(Outcome) outcome = run ("--headless", "--variant", "NOT_CANCELLABLE", "--dataset", "tutorial",
                                    "--latency-scale", "0.01", "--cancel-after", "1500", "--timeline", path);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) requests = NULL;
  JsonArray *events;
  gboolean have_marker = FALSE;
  gint64 sum_us;

  g_assert_cmpint (outcome->status, ==, 1);
  root = parse_file (path);
  requests = requests_of (json_node_get_object (root), &sum_us);
  g_assert_cmpuint (g_hash_table_size (requests), ==, 4);
  for (const char * const *repo = (const char * const[]) { "repo-1", "repo-2", "repo-3", NULL }; *repo; repo++)
    g_assert_true (json_object_get_boolean_member (
      json_object_get_object_member (g_hash_table_lookup (requests, *repo), "args"), "after_cancel"));

  events = json_object_get_array_member (json_node_get_object (root), "traceEvents");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member (event, "name"), "Cancel") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (event, "ph"), ==, "i");
          g_assert_cmpint (json_object_get_int_member (event, "ts"), >=, 1500 * 1000);
          have_marker = TRUE;
        }
    }
  g_assert_true (have_marker);

  g_unlink (path);
  g_rmdir (dir);
}

/* --compare --timeline DIR: a file per variant, each with its requests */
static void
test_timeline_compare (void)
{
  g_autofree char *dir = g_dir_make_tmp ("contrib-timeline-XXXXXX", NULL);
  g_autofree char *subdir = g_build_filename (dir, "traces", NULL);
  g_autoptr(Outcome) outcome = run ("--headless", "--compare", "--dataset", "tutorial", "--latency-scale", "0.01",
                                    "--timeline", subdir);
  const char *variants[] = { "BLOCKING", "BACKGROUND", "CALLBACKS", "SUSPEND", "CONCURRENT",
                             "NOT_CANCELLABLE", "PROGRESS", "CHANNELS" };

  g_assert_cmpint (outcome->status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *name = g_strconcat (variants[i], ".json", NULL);
      g_autofree char *path = g_build_filename (subdir, name, NULL);
      g_autoptr(JsonNode) root = parse_file (path);
      g_autoptr(GHashTable) requests = NULL;
      gint64 sum_us;

      requests = requests_of (json_node_get_object (root), &sum_us);
      g_assert_cmpuint (g_hash_table_size (requests), ==, 4);
      g_unlink (path);
    }
  g_rmdir (subdir);
  g_rmdir (dir);
}

static void
test_timeline_unwritable (void)
{
  g_autoptr(Outcome) outcome = run ("--headless", "--variant", "SUSPEND", "--dataset", "tutorial",
                                    "--latency-scale", "0", "--timeline", "/nonexistent/dir/trace.json");

  g_assert_cmpint (outcome->status, ==, 1);
  assert_contains (outcome->err, "--timeline: ");
  assert_contains (outcome->err, "/nonexistent/dir/trace.json");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/headless/timeline/concurrent", test_timeline_concurrent);
  g_test_add_func ("/headless/timeline/not-cancellable", test_timeline_not_cancellable);
  g_test_add_func ("/headless/timeline/compare", test_timeline_compare);
  g_test_add_func ("/headless/timeline/unwritable", test_timeline_unwritable);

  return g_test_run ();
}
