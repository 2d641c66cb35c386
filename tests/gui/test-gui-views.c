/* test-gui-views.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The Timeline and Compare views in the real window: a bar for each
 * request the server saw, a row for each load, Compare All and its
 * Cancel, and the exports.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "contrib-compare-page.h"
#include "contrib-timeline-page.h"
#include "gui-test-utils.h"

#define WAIT_MS 60000

static ContribTimeline *
timeline_of (GuiFixture *fixture)
{
  GtkWidget *page = gui_find_widget (GTK_WIDGET (fixture->window), CONTRIB_TYPE_TIMELINE_PAGE, NULL);

  g_assert_nonnull (page);
  return contrib_timeline_page_get_timeline (CONTRIB_TIMELINE_PAGE (page));
}

static GListModel *
runs_of (GuiFixture *fixture)
{
  GtkWidget *page = gui_find_widget (GTK_WIDGET (fixture->window), CONTRIB_TYPE_COMPARE_PAGE, NULL);

  g_assert_nonnull (page);
  return contrib_compare_page_get_runs (CONTRIB_COMPARE_PAGE (page));
}

typedef struct
{
  GuiFixture *fixture;
  guint       n;
} Wait;

/* Once the server has answered all it was sent, the log has them all a
 * frame later: every request of the load, which the rate limit read
 * before it is not */
static gboolean
bars_match_server (gpointer data)
{
  Wait *wait = data;
  GhFakeServer *server = wait->fixture->server;
  ContribTimeline *timeline = timeline_of (wait->fixture);

  return gh_fake_server_get_in_flight (server) == 0 &&
         contrib_timeline_get_n_bars (timeline) ==
           gh_fake_server_get_n_requests (server) - gh_fake_server_count_requests (server, "/rate_limit");
}

static void
test_timeline_concurrent (GuiFixture    *fixture,
                          gconstpointer  data)
{
  Wait wait = { fixture, 0 };
  GhRequestLog *log;

  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_CONCURRENT);
  gh_fake_server_clear_log (fixture->server);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_assert_true (gui_wait_until (bars_match_server, &wait, WAIT_MS));

  g_assert_cmpuint (contrib_timeline_get_n_bars (timeline_of (fixture)), ==, 4);
  log = contrib_timeline_get_log (timeline_of (fixture));
  g_assert_cmpuint (gh_request_log_get_peak (log), ==, 3);
}

/* The load has the list, and so NOT_CANCELLABLE has launched its
 * requests: the status counts the repositories */
static gboolean
repos_listed (gpointer data)
{
  GuiFixture *fixture = data;

  return strstr (contrib_window_get_status (fixture->window), " of 3 ") != NULL;
}

static gboolean
three_after_cancel (gpointer data)
{
  Wait *wait = data;
  GhRequestLog *log = contrib_timeline_get_log (timeline_of (wait->fixture));
  guint n = 0;

  for (guint i = 0; i < gh_request_log_get_n_events (log); i++)
    n += gh_request_log_get_event (log, i)->after_cancel;
  return n == 3 && bars_match_server (data);
}

/* NOT_CANCELLABLE's requests go on after Cancel, and the timeline shows
 * them as they end, marked */
static void
test_timeline_not_cancellable (GuiFixture    *fixture,
                               gconstpointer  data)
{
  Wait wait = { fixture, 0 };
  GhRequestLog *log;

  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_NOT_CANCELLABLE);
  gh_fake_server_clear_log (fixture->server);
  gui_load (fixture);
  g_assert_true (gui_wait_until (repos_listed, fixture, WAIT_MS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL));
  g_assert_true (gui_wait_for_load (fixture));

  g_assert_true (gui_wait_until (three_after_cancel, &wait, WAIT_MS));
  log = contrib_timeline_get_log (timeline_of (fixture));
  g_assert_cmpint (gh_request_log_get_cancelled_us (log), >, 0);
  g_assert_cmpuint (contrib_timeline_get_n_bars (timeline_of (fixture)), ==, 4);
}

/* Gives a load that should not start every chance to */
static void
settle (void)
{
  for (guint i = 0; i < 5; i++)
    {
      g_usleep (20 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

static gboolean
series_over (gpointer data)
{
  Wait *wait = data;

  return g_list_model_get_n_items (runs_of (wait->fixture)) >= wait->n &&
         !contrib_window_is_loading (wait->fixture->window);
}

static void
compare_all (GuiFixture *fixture,
             gboolean    blocking)
{
  GtkWidget *check = gui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_CHECK_BUTTON, NULL);

  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), blocking);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.compare-all", NULL));
}

/* Compare All: a row per variant, in the tutorial's order, each completed */
static void
test_compare_all (GuiFixture    *fixture,
                  gconstpointer  data)
{
  gboolean blocking = GPOINTER_TO_INT (data);
  Wait wait = { fixture, blocking ? 8 : 7 };
  GListModel *runs;

  gh_fake_server_set_latency_scale (fixture->server, 0.05);
  compare_all (fixture, blocking);
  g_assert_true (gui_wait_until (series_over, &wait, WAIT_MS));
  settle ();

  runs = runs_of (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, wait.n);
  for (guint i = 0; i < wait.n; i++)
    {
      g_autoptr(ContribRun) run = g_list_model_get_item (runs, i);
      ContribVariant expected = blocking ? i : i + 1;

      g_assert_cmpint (contrib_run_get_variant (run), ==, expected);
      g_assert_cmpint (contrib_run_get_outcome (run), ==, CONTRIB_RUN_OUTCOME_COMPLETED);
      g_assert_cmpuint (contrib_run_get_n_requests (run), ==, 4);
      g_assert_cmpstr (contrib_run_get_organization (run), ==, "org");
    }
}

static gboolean
second_load_started (gpointer data)
{
  GuiFixture *fixture = data;

  return g_list_model_get_n_items (runs_of (fixture)) == 1 && contrib_window_is_loading (fixture->window);
}

/* Cancel stops the series with the load it cancels */
static void
test_compare_all_cancel (GuiFixture    *fixture,
                         gconstpointer  data)
{
  g_autoptr(ContribRun) last = NULL;
  GListModel *runs;

  compare_all (fixture, FALSE);
  g_assert_true (gui_wait_until (second_load_started, fixture, WAIT_MS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL));
  g_assert_true (gui_wait_for_load (fixture));

  settle ();

  g_assert_false (contrib_window_is_loading (fixture->window));
  runs = runs_of (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 2);
  last = g_list_model_get_item (runs, 1);
  g_assert_cmpint (contrib_run_get_variant (last), ==, CONTRIB_VARIANT_CALLBACKS);
  g_assert_cmpint (contrib_run_get_outcome (last), ==, CONTRIB_RUN_OUTCOME_CANCELED);
}

static char *
export (GuiFixture        *fixture,
        ContribExportKind  kind)
{
  g_autofree char *dir = g_dir_make_tmp ("contrib-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "export", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (contrib_window_export (fixture->window, kind, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_unlink (path);
  g_rmdir (dir);
  return contents;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static guint
n_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += lines[i][0] != '\0';
  return n;
}

static void
test_exports (GuiFixture    *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/export.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *ranking = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *trace = NULL;
  g_autoptr(JsonNode) runs = NULL;
  g_autoptr(JsonNode) events = NULL;

  /* Nothing to export before a load */
  g_assert_false (contrib_window_export (fixture->window, CONTRIB_EXPORT_RANKING_CSV, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_CONCURRENT);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  ranking = export (fixture, CONTRIB_EXPORT_RANKING_CSV);
  g_assert_true (g_str_has_prefix (ranking, "rank,login,contributions"));
  g_assert_cmpuint (n_lines (ranking), ==, 4);
  g_assert_nonnull (strstr (ranking, "1,user-2,100"));

  csv = export (fixture, CONTRIB_EXPORT_COMPARISON_CSV);
  g_assert_cmpuint (n_lines (csv), ==, 2);
  g_assert_nonnull (strstr (csv, "CONCURRENT"));

  json = export (fixture, CONTRIB_EXPORT_COMPARISON_JSON);
  runs = parse_json (json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (runs) || JSON_NODE_HOLDS_OBJECT (runs));

  trace = export (fixture, CONTRIB_EXPORT_TIMELINE_TRACE);
  events = parse_json (trace);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (events),
                                                                          "traceEvents")), >=, 4);

  /* A place that cannot be written says why */
  g_assert_false (contrib_window_export (fixture->window, CONTRIB_EXPORT_RANKING_CSV, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/views/timeline/concurrent", GuiFixture, NULL, gui_fixture_setup, test_timeline_concurrent,
              gui_fixture_teardown);
  g_test_add ("/gui/views/timeline/not-cancellable", GuiFixture, NULL, gui_fixture_setup,
              test_timeline_not_cancellable, gui_fixture_teardown);
  g_test_add ("/gui/views/compare/all", GuiFixture, GINT_TO_POINTER (FALSE), gui_fixture_setup, test_compare_all,
              gui_fixture_teardown);
  g_test_add ("/gui/views/compare/all-with-blocking", GuiFixture, GINT_TO_POINTER (TRUE), gui_fixture_setup,
              test_compare_all, gui_fixture_teardown);
  g_test_add ("/gui/views/compare/cancel", GuiFixture, NULL, gui_fixture_setup, test_compare_all_cancel,
              gui_fixture_teardown);
  g_test_add ("/gui/views/exports", GuiFixture, NULL, gui_fixture_setup, test_exports, gui_fixture_teardown);

  return gui_test_run ();
}
