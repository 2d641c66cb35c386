/* test-gui-behaviour.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What the window does beyond a plain load: intermediate results, Cancel,
 * error pages, settings that survive, and the responsiveness figure.
 */

#include "config.h"

#include <string.h>

#include "contrib-ranking.h"
#include "gui-test-utils.h"

typedef struct
{
  GuiFixture *fixture;
  guint       n_changes_while_loading;
  guint       max_rows_while_loading;
} Progress;

static void
on_results_changed (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    gpointer    data)
{
  Progress *progress = data;

  if (contrib_window_is_loading (progress->fixture->window) && g_list_model_get_n_items (model) > 0)
    {
      progress->n_changes_while_loading++;
      progress->max_rows_while_loading = MAX (progress->max_rows_while_loading, g_list_model_get_n_items (model));
    }
}

static void
test_gui_progress_shows_intermediate_rows (GuiFixture    *fixture,
                                           gconstpointer  data)
{
  Progress progress = { fixture, 0, 0 };
  GListModel *results;

  g_test_summary ("PROGRESS and CHANNELS fill the table before the load completes");
  gui_fixture_use_variant (fixture, GPOINTER_TO_INT (data));
  results = contrib_window_get_results (fixture->window);
  g_signal_connect (results, "items-changed", G_CALLBACK (on_results_changed), &progress);

  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_signal_handlers_disconnect_by_func (results, on_results_changed, &progress);

  /* Two of the three updates come before completion. */
  g_assert_cmpuint (progress.n_changes_while_loading, >=, 2);
  g_assert_cmpuint (progress.max_rows_while_loading, >=, 2);
  g_assert_true (g_str_has_prefix (contrib_window_get_status (fixture->window), "Completed in"));
}

static gboolean
contributors_requested (gpointer data)
{
  GuiFixture *fixture = data;

  return gh_fake_server_count_requests (fixture->server, "*contributors*") >= 3;
}

static void
test_gui_cancel_concurrent (GuiFixture    *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) log = NULL;
  gint64 cancelled_at;

  g_test_summary ("Cancel during CONCURRENT stops the load and every request; Load comes back");
  gh_fake_server_set_latency_scale (fixture->server, 2.0);
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_CONCURRENT);

  gui_load (fixture);
  g_assert_true (gui_wait_until (contributors_requested, fixture, 20000));
  cancelled_at = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL));
  g_assert_true (gui_wait_for_load (fixture));

  g_assert_true (g_str_has_prefix (contrib_window_get_status (fixture->window), "Canceled after"));
  g_assert_true (gtk_widget_get_sensitive (gui_find_by_id (GTK_WIDGET (fixture->window), "load_button")));

  g_assert_true (gh_fake_server_wait_idle (fixture->server, 5000));
  log = gh_fake_server_get_log (fixture->server);
  for (guint i = 0; i < log->len; i++)
    {
      GhFakeRequest *request = g_ptr_array_index (log, i);

      if (strstr (request->path, "contributors") == NULL)
        continue;
      g_assert_cmpint (request->time_us, <, cancelled_at);
    }
}

static void
test_gui_error_page_not_found (GuiFixture    *fixture,
                           gconstpointer  data)
{
  const char *error;

  g_settings_set_string (fixture->settings, "organization", "no-such-org");
  gui_fixture_reopen (fixture);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  error = contrib_window_get_error (fixture->window);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "404"));
  g_assert_true (g_str_has_prefix (contrib_window_get_status (fixture->window), "Failed after"));
  /* A token would not help */
  g_assert_false (gtk_widget_get_visible (gui_find_by_id (GTK_WIDGET (fixture->window), "set_token_button")));

  /* The form stays usable: fix the name and load again. */
  g_settings_set_string (fixture->settings, "organization", "org");
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_assert_null (contrib_window_get_error (fixture->window));
}

static void
test_gui_error_page_bad_credentials (GuiFixture    *fixture,
                                 gconstpointer  data)
{
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_STATUS, .status = 401, .message = "Bad credentials" };
  GtkEditable *token_entry;
  const char *error;

  gh_fake_server_add_fault (fixture->server, "*orgs/*", &fault);
  token_entry = GTK_EDITABLE (gui_find_by_id (GTK_WIDGET (fixture->window), "token_row"));
  gtk_editable_set_text (token_entry, "ghp_wrong");
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  error = contrib_window_get_error (fixture->window);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "Bad credentials"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (token_entry)));

  /* The page offers the way out, and it leads to the token's field. */
  g_assert_true (gtk_widget_get_visible (gui_find_by_id (GTK_WIDGET (fixture->window), "set_token_button")));
  gtk_widget_grab_focus (gui_find_by_id (GTK_WIDGET (fixture->window), "load_button"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-token", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), GTK_WIDGET (token_entry)));
}

static void
test_gui_error_page_rate_limit (GuiFixture    *fixture,
                            gconstpointer  data)
{
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_RATE_LIMIT, .reset_in_s = 3600 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) reset = NULL;
  g_autofree char *reset_time = NULL;
  const char *error;

  g_test_summary ("A rate limit shows when it resets");
  gh_fake_server_add_fault (fixture->server, "*orgs/*", &fault);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  error = contrib_window_get_error (fixture->window);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "403"));
  /* Once, from the client's message: the window adds nothing. */
  g_assert_nonnull (strstr (error, "resets at "));
  g_assert_null (strstr (strstr (error, "resets at ") + 1, "resets at "));

  /* The time of day an hour from now, give or take the test's own run. */
  reset = g_date_time_add_seconds (now, 3600);
  reset_time = g_date_time_format (reset, "%H:");
  g_assert_nonnull (strstr (error, reset_time));
}

static void
test_gui_quota_used_up (GuiFixture    *fixture,
                        gconstpointer  data)
{
  const char *error;

  g_test_summary ("With no request left in the rate limit, the window says so before loading");
  gh_fake_server_set_rate_limit (fixture->server, 60, 0, g_get_real_time () / G_USEC_PER_SEC + 600);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  error = contrib_window_get_error (fixture->window);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "No requests are left in the rate limit until "));
  g_assert_nonnull (strstr (error, "An access token raises the limit."));
  g_assert_true (gtk_widget_get_visible (gui_find_by_id (GTK_WIDGET (fixture->window), "set_token_button")));
  g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, "*orgs*"), ==, 0);
}

static void
test_gui_quota_short (GuiFixture    *fixture,
                      gconstpointer  data)
{
  const char *warning;
  g_autofree char *text = NULL;

  g_test_summary ("Fewer requests left than repositories: the window warns, and loads");
  gh_fake_server_set_rate_limit (fixture->server, 60, 2, g_get_real_time () / G_USEC_PER_SEC + 600);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  warning = contrib_window_get_warning (fixture->window);
  g_assert_nonnull (warning);
  g_assert_true (g_str_has_prefix (warning, "3 repositories need at least 3 requests, but the rate limit has "));
  text = gui_results_text (fixture);
  g_assert_cmpstr (text, !=, "");
}

static void
test_gui_settings_survive (GuiFixture    *fixture,
                           gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkEditable *org;
  GtkDropDown *variant;
  GtkSpinButton *max_requests;

  org = GTK_EDITABLE (gui_find_by_id (root, "org_row"));
  gtk_editable_set_text (org, "octocat");
  variant = GTK_DROP_DOWN (gui_find_by_id (root, "variant_dropdown"));
  gtk_drop_down_set_selected (variant, CONTRIB_VARIANT_CHANNELS);
  /* Beyond GitHub's 100: the fake server and Enterprise servers take more */
  max_requests = GTK_SPIN_BUTTON (gui_find_by_id (root, "max_requests_spin"));
  gtk_spin_button_set_value (max_requests, 1200);

  gui_fixture_reopen (fixture);
  root = GTK_WIDGET (fixture->window);

  org = GTK_EDITABLE (gui_find_by_id (root, "org_row"));
  g_assert_cmpstr (gtk_editable_get_text (org), ==, "octocat");
  variant = GTK_DROP_DOWN (gui_find_by_id (root, "variant_dropdown"));
  g_assert_cmpuint (gtk_drop_down_get_selected (variant), ==, CONTRIB_VARIANT_CHANNELS);
  max_requests = GTK_SPIN_BUTTON (gui_find_by_id (root, "max_requests_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (max_requests), ==, 1200);
}

static void
test_gui_unknown_variant_falls_back (GuiFixture    *fixture,
                                     gconstpointer  data)
{
  GtkDropDown *variant;

  g_settings_set_string (fixture->settings, "variant", "RX_PROGRESS");
  gui_fixture_reopen (fixture);

  variant = GTK_DROP_DOWN (gui_find_by_id (GTK_WIDGET (fixture->window), "variant_dropdown"));
  g_assert_cmpuint (gtk_drop_down_get_selected (variant), ==, CONTRIB_VARIANT_CONCURRENT);
}

static gint64
requests_span_ms (GuiFixture *fixture)
{
  g_autoptr(GPtrArray) log = NULL;
  gint64 first = G_MAXINT64;
  gint64 last = 0;

  g_assert_true (gh_fake_server_wait_idle (fixture->server, 5000));
  log = gh_fake_server_get_log (fixture->server);
  for (guint i = 0; i < log->len; i++)
    {
      GhFakeRequest *request = g_ptr_array_index (log, i);

      /* Read before the load, while the window still answers */
      if (g_str_has_prefix (request->path, "/rate_limit"))
        continue;
      first = MIN (first, request->time_us);
      last = MAX (last, request->end_time_us);
    }
  return (last - first) / 1000;
}

static void
test_gui_blocking_freezes (GuiFixture    *fixture,
                           gconstpointer  data)
{
  gint64 span;

  g_test_summary ("BLOCKING's measured UI block is at least the load time");
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_BLOCKING);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  span = requests_span_ms (fixture);
  g_test_message ("BLOCKING: requests took %" G_GINT64_FORMAT " ms, UI blocked %" G_GINT64_FORMAT " ms",
                  span, contrib_window_get_blocked_ms (fixture->window));
  g_assert_cmpint (span, >, 400);
  g_assert_cmpint (contrib_window_get_blocked_ms (fixture->window), >=, span - 10);
}

static void
test_gui_suspend_stays_responsive (GuiFixture    *fixture,
                                   gconstpointer  data)
{
  gint64 span;

  g_test_summary ("SUSPEND keeps the main loop responsive: blocked for a small part of "
                  "the load, where BLOCKING is blocked for all of it");
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_SUSPEND);
  /* A new window's first load pays one-time costs on the main thread
   * (about 300 ms under ASan) that are not the variant's doing: the load
   * measured is the second */
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  gh_fake_server_clear_log (fixture->server);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  span = requests_span_ms (fixture);
  g_test_message ("SUSPEND: requests took %" G_GINT64_FORMAT " ms, UI blocked %" G_GINT64_FORMAT " ms",
                  span, contrib_window_get_blocked_ms (fixture->window));
  /* The same load as BLOCKING's above. A wall-clock bound in milliseconds
   * would also count the time a busy machine gave the main thread no CPU. */
  g_assert_cmpint (span, >, 400);
  g_assert_cmpint (contrib_window_get_blocked_ms (fixture->window), <, span / 4);
}

static gboolean
has_status_completed (gpointer data)
{
  GuiFixture *fixture = data;

  return g_str_has_prefix (contrib_window_get_status (fixture->window), "Completed in");
}

static void
test_gui_enter_loads (GuiFixture    *fixture,
                      gconstpointer  data)
{
  GtkWidget *org;
  g_autofree char *text = NULL;

  g_test_summary ("Enter in a field loads");
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_SUSPEND);
  org = gui_find_by_id (GTK_WIDGET (fixture->window), "org_row");
  g_signal_emit_by_name (gui_find_widget (org, GTK_TYPE_TEXT, NULL), "activate");
  /* The default button plays its press animation before it clicks. */
  g_assert_true (gui_wait_until (has_status_completed, fixture, 20000));
  text = gui_results_text (fixture);
  g_assert_cmpstr (text, ==, "user-2 100, user-3 60, user-1 50");
}

static gboolean
no_live_coroutines (gpointer data)
{
  return coro_debug_get_n_live () == 0;
}

static void
test_gui_close_while_loading (GuiFixture    *fixture,
                              gconstpointer  data)
{
  g_test_summary ("Closing the window during a load cancels it cleanly");
  gui_fixture_use_variant (fixture, GPOINTER_TO_INT (data));
  gui_load (fixture);
  g_assert_true (gui_wait_until (contributors_requested, fixture, 20000));

  /* A new window replaces the closed one; the old load must wind down. */
  gui_fixture_reopen (fixture);
  g_assert_true (gui_wait_until (no_live_coroutines, NULL, 10000));
  g_assert_false (contrib_window_is_loading (fixture->window));
}

static void
test_gui_accessible_labels (GuiFixture    *fixture,
                            gconstpointer  data)
{
  const char *rows[] = { "org_row", "endpoint_row", "custom_url_row", "dataset_row", "latency_row",
                         "token_row", "max_requests_row" };
  const struct { const char *id; const char *label; } inputs[] = {
    { "settings_button", "Connection settings" },
    { "max_requests_spin", "Requests at once" },
    { "progress_bar", "Repositories loaded" },
  };
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *ranking = gui_find_by_id (root, "ranking");

  g_test_summary ("Every input is labelled for assistive technologies");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gui_find_by_id (root, rows[i])));

      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gui_find_by_id (root, inputs[i].id)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, inputs[i].label);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gui_find_widget (ranking, GTK_TYPE_SEARCH_ENTRY, NULL)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Search logins");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gui_find_widget (ranking, GTK_TYPE_COLUMN_VIEW, NULL)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Contributors");
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (gui_find_by_id (root, "variant_dropdown")),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       gui_find_by_id (root, "variant_label"), NULL);
}

static void
on_profile_activated (ContribRanking *ranking,
                      const char     *url,
                      char          **opened)
{
  g_free (*opened);
  *opened = g_strdup (url);
  /* Tests open no browser. */
  g_signal_stop_emission_by_name (ranking, "profile-activated");
}

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_gui_ranking_rows (GuiFixture    *fixture,
                       gconstpointer  data)
{
  GtkWidget *ranking = gui_find_by_id (GTK_WIDGET (fixture->window), "ranking");
  GtkWidget *view = gui_find_widget (ranking, GTK_TYPE_COLUMN_VIEW, NULL);
  GListModel *rows = contrib_window_get_results (fixture->window);
  g_autofree char *opened = NULL;
  g_autofree char *copied = NULL;

  g_test_summary ("A row opens its contributor's profile, and its login can be copied");
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  /* The first row is the best ranked: user-2, with 100. Its page is the
   * one the server gave, which the fake server puts on github.com. */
  g_signal_connect (ranking, "profile-activated", G_CALLBACK (on_profile_activated), &opened);
  g_signal_emit_by_name (view, "activate", 0);
  g_assert_cmpstr (opened, ==, "https://github.com/user-2");

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), 2);
  g_assert_true (gtk_widget_activate_action (ranking, "ranking.copy-login", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (ranking), NULL, on_text_read, &copied);
  g_assert_true (gui_wait_until (is_set, &copied, 5000));
  g_assert_cmpstr (copied, ==, "user-1");
}

static gboolean
rows_are (gpointer data)
{
  GuiFixture *fixture = data;
  g_autofree char *text = gui_results_text (fixture);

  return g_str_equal (text, g_object_get_data (G_OBJECT (fixture->window), "expected-rows"));
}

static void
test_gui_ranking_search (GuiFixture    *fixture,
                         gconstpointer  data)
{
  GtkWidget *ranking = gui_find_by_id (GTK_WIDGET (fixture->window), "ranking");
  GtkWidget *entry = gui_find_widget (ranking, GTK_TYPE_SEARCH_ENTRY, NULL);

  g_test_summary ("Ctrl+F searches the logins; clearing the search shows every row again");
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry) ||
                 gtk_root_get_focus (GTK_ROOT (fixture->window)) == entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "USER-3");
  g_object_set_data (G_OBJECT (fixture->window), "expected-rows", (gpointer) "user-3 60");
  g_assert_true (gui_wait_until (rows_are, fixture, 5000));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_object_set_data (G_OBJECT (fixture->window), "expected-rows", (gpointer) "user-2 100, user-3 60, user-1 50");
  g_assert_true (gui_wait_until (rows_are, fixture, 5000));
}

static gboolean
label_shows (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  /* The ranking's cells */
  if (GTK_IS_INSCRIPTION (root) && gtk_inscription_get_text (GTK_INSCRIPTION (root)) != NULL &&
      strstr (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shows (child, text))
      return TRUE;
  return FALSE;
}

static void
test_gui_ranking_hostile (GuiFixture    *fixture,
                          gconstpointer  data)
{
  /* An escape sequence that would clear a terminal, and a right-to-left
   * override that would reverse what follows it. */
  const char *json =
    "{\"org\": \"org\", \"org_id\": 1, \"repos_latency_ms\": 10, \"repos\": ["
    "  {\"name\": \"repo-1\", \"latency_ms\": 10, \"contributors\": ["
    "    {\"login\": \"evil\\u001b[2J\", \"contributions\": 20},"
    "    {\"login\": \"\\u202ereversed\", \"contributions\": 10}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_data (json, -1, &error);
  g_autoptr(GhFakeServer) server = NULL;
  GtkWidget *ranking;

  g_test_summary ("Logins from the server show with their control characters escaped");
  g_assert_no_error (error);
  server = gh_fake_server_new (dataset);
  g_assert_true (gh_fake_server_start (server, &error));
  g_settings_set_string (fixture->settings, "custom-url", gh_fake_server_get_uri (server));
  gui_fixture_reopen (fixture);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  for (guint i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  ranking = gui_find_by_id (GTK_WIDGET (fixture->window), "ranking");
  g_assert_true (label_shows (ranking, "evil\\u{1b}[2J"));
  g_assert_true (label_shows (ranking, "\\u{202e}reversed"));
  g_assert_false (label_shows (ranking, "\033"));
  g_assert_false (label_shows (ranking, "\u202e"));
  gh_fake_server_stop (server);
}

static gboolean
hint_says_no_keyring (gpointer data)
{
  GuiFixture *fixture = data;
  GtkWidget *hint = gui_find_by_id (GTK_WIDGET (fixture->window), "server_hint");

  return g_str_has_prefix (gtk_label_get_label (GTK_LABEL (hint)), "No keyring is running");
}

static gboolean
token_filled (gpointer data)
{
  return gtk_editable_get_text (data)[0] != '\0';
}

static void
test_gui_no_keyring (GuiFixture    *fixture,
                     gconstpointer  data)
{
  GtkEditable *token;

  g_test_summary ("Without a Secret Service the window says so and keeps the token for the session");
  /* This program's private bus starts no services: there is no keyring. */
  g_settings_set_enum (fixture->settings, "endpoint", 1);
  gui_fixture_reopen (fixture);
  g_assert_true (gui_wait_until (hint_says_no_keyring, fixture, 10000));

  token = GTK_EDITABLE (gui_find_by_id (GTK_WIDGET (fixture->window), "token_row"));
  gtk_editable_set_text (token, "ghp_session_only");
  g_settings_set_enum (fixture->settings, "endpoint", 0);
  gui_fixture_reopen (fixture);
  g_settings_set_enum (fixture->settings, "endpoint", 1);
  gui_fixture_reopen (fixture);
  token = GTK_EDITABLE (gui_find_by_id (GTK_WIDGET (fixture->window), "token_row"));
  g_assert_true (gui_wait_until (token_filled, token, 10000));
  g_assert_cmpstr (gtk_editable_get_text (token), ==, "ghp_session_only");
  g_assert_true (hint_says_no_keyring (fixture));
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/progress/PROGRESS", GuiFixture, GINT_TO_POINTER (CONTRIB_VARIANT_PROGRESS),
              gui_fixture_setup, test_gui_progress_shows_intermediate_rows, gui_fixture_teardown);
  g_test_add ("/gui/progress/CHANNELS", GuiFixture, GINT_TO_POINTER (CONTRIB_VARIANT_CHANNELS),
              gui_fixture_setup, test_gui_progress_shows_intermediate_rows, gui_fixture_teardown);
  g_test_add ("/gui/cancel/concurrent", GuiFixture, NULL,
              gui_fixture_setup, test_gui_cancel_concurrent, gui_fixture_teardown);
  g_test_add ("/gui/error-page/not-found", GuiFixture, NULL,
              gui_fixture_setup, test_gui_error_page_not_found, gui_fixture_teardown);
  g_test_add ("/gui/error-page/bad-credentials", GuiFixture, NULL,
              gui_fixture_setup, test_gui_error_page_bad_credentials, gui_fixture_teardown);
  g_test_add ("/gui/error-page/rate-limit", GuiFixture, NULL,
              gui_fixture_setup, test_gui_error_page_rate_limit, gui_fixture_teardown);
  g_test_add ("/gui/ranking/rows", GuiFixture, NULL,
              gui_fixture_setup, test_gui_ranking_rows, gui_fixture_teardown);
  g_test_add ("/gui/ranking/search", GuiFixture, NULL,
              gui_fixture_setup, test_gui_ranking_search, gui_fixture_teardown);
  g_test_add ("/gui/ranking/hostile-logins", GuiFixture, NULL,
              gui_fixture_setup, test_gui_ranking_hostile, gui_fixture_teardown);
  g_test_add ("/gui/rate-limit/used-up", GuiFixture, NULL,
              gui_fixture_setup, test_gui_quota_used_up, gui_fixture_teardown);
  g_test_add ("/gui/rate-limit/short", GuiFixture, NULL,
              gui_fixture_setup, test_gui_quota_short, gui_fixture_teardown);
  g_test_add ("/gui/settings/survive", GuiFixture, NULL,
              gui_fixture_setup, test_gui_settings_survive, gui_fixture_teardown);
  g_test_add ("/gui/settings/unknown-variant", GuiFixture, NULL,
              gui_fixture_setup, test_gui_unknown_variant_falls_back, gui_fixture_teardown);
  g_test_add ("/gui/responsiveness/blocking", GuiFixture, NULL,
              gui_fixture_setup, test_gui_blocking_freezes, gui_fixture_teardown);
  g_test_add ("/gui/responsiveness/suspend", GuiFixture, NULL,
              gui_fixture_setup, test_gui_suspend_stays_responsive, gui_fixture_teardown);

  g_test_add ("/gui/keyboard/enter-loads", GuiFixture, NULL,
              gui_fixture_setup, test_gui_enter_loads, gui_fixture_teardown);
  g_test_add ("/gui/close-while-loading/CONCURRENT", GuiFixture, GINT_TO_POINTER (CONTRIB_VARIANT_CONCURRENT),
              gui_fixture_setup, test_gui_close_while_loading, gui_fixture_teardown);
  g_test_add ("/gui/close-while-loading/CHANNELS", GuiFixture, GINT_TO_POINTER (CONTRIB_VARIANT_CHANNELS),
              gui_fixture_setup, test_gui_close_while_loading, gui_fixture_teardown);
  g_test_add ("/gui/accessible-labels", GuiFixture, NULL,
              gui_fixture_setup, test_gui_accessible_labels, gui_fixture_teardown);

  g_test_add ("/gui/token/no-keyring", GuiFixture, NULL,
              gui_fixture_setup, test_gui_no_keyring, gui_fixture_teardown);

  return gui_test_run ();
}
