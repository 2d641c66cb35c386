/* test-gui-screenshots.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The pictures the README shows, each taken of the real window in the
 * state it names, into the meson test log folder (data/screenshots/README.md
 * says how they get into the repository). Each also checks that the state
 * is what the picture claims.
 */

#include "config.h"

#include <string.h>

#include "contrib-compare-page.h"
#include "contrib-timeline-page.h"
#include "gui-test-utils.h"

static void
use_demo (GuiFixture *fixture,
          int         latency)
{
  gui_fixture_use_demo (fixture, latency);
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_CONCURRENT);
}

static void
test_gui_shot_empty (GuiFixture    *fixture,
                     gconstpointer  data)
{
  GtkStack *results;

  g_test_summary ("Before the first load the window explains itself");
  use_demo (fixture, 1);
  results = GTK_STACK (gui_find_by_id (GTK_WIDGET (fixture->window), "results_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (results), ==, "empty");
  gui_save_screenshot (GTK_WIDGET (fixture->window), "empty.png");
}

static gboolean
half_loaded (gpointer data)
{
  GuiFixture *fixture = data;
  GtkProgressBar *bar = GTK_PROGRESS_BAR (gui_find_by_id (GTK_WIDGET (fixture->window), "progress_bar"));

  return gtk_progress_bar_get_fraction (bar) >= 0.4;
}

static void
test_gui_shot_loading (GuiFixture    *fixture,
                       gconstpointer  data)
{
  g_test_summary ("A load in progress shows how far it has got");
  use_demo (fixture, 0);
  g_settings_set_string (fixture->settings, "variant", "CHANNELS");
  gui_fixture_reopen (fixture);
  gui_load (fixture);
  g_assert_true (gui_wait_until (half_loaded, fixture, 20000));
  g_assert_true (contrib_window_is_loading (fixture->window));
  gui_save_screenshot (GTK_WIDGET (fixture->window), "loading.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL));
  g_assert_true (gui_wait_for_load (fixture));
}

static void
test_gui_shot_finished (GuiFixture    *fixture,
                        gconstpointer  data)
{
  g_test_summary ("The offline demo loads in the window");
  use_demo (fixture, 1);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  /* The demo has one failing repository, on purpose. */
  g_assert_true (g_str_has_prefix (contrib_window_get_status (fixture->window), "Completed in"));
  g_assert_nonnull (strstr (contrib_window_get_status (fixture->window), "with 1 error"));
  g_assert_cmpuint (g_list_model_get_n_items (contrib_window_get_results (fixture->window)), >, 100);
  gui_save_screenshot (GTK_WIDGET (fixture->window), "window.png");
}

static void
test_gui_shot_error (GuiFixture    *fixture,
                     gconstpointer  data)
{
  g_test_summary ("A failed load says what happened and what to do");
  g_settings_set_string (fixture->settings, "organization", "jetbrains");
  gui_fixture_reopen (fixture);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_assert_nonnull (contrib_window_get_error (fixture->window));
  gui_save_screenshot (GTK_WIDGET (fixture->window), "error.png");
}

static void
test_gui_shot_dark (GuiFixture    *fixture,
                    gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_test_summary ("The window follows the dark style");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  use_demo (fixture, 1);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_assert_true (adw_style_manager_get_dark (style));
  gui_save_screenshot (GTK_WIDGET (fixture->window), "dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

typedef struct
{
  GuiFixture *fixture;
  guint       n;
} Wait;

/* The views take the whole width when the settings are put away */
static gboolean
flap_hidden (gpointer data)
{
  GuiFixture *fixture = data;
  AdwFlap *flap = ADW_FLAP (gui_find_by_id (GTK_WIDGET (fixture->window), "flap"));

  return adw_flap_get_reveal_progress (flap) == 0.0;
}

static void
hide_settings (GuiFixture *fixture)
{
  adw_flap_set_reveal_flap (ADW_FLAP (gui_find_by_id (GTK_WIDGET (fixture->window), "flap")), FALSE);
  g_assert_true (gui_wait_until (flap_hidden, fixture, 5000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static gboolean
n_bars_at_least (gpointer data)
{
  Wait *wait = data;
  GtkWidget *page = gui_find_widget (GTK_WIDGET (wait->fixture->window), CONTRIB_TYPE_TIMELINE_PAGE, NULL);

  return contrib_timeline_get_n_bars (contrib_timeline_page_get_timeline (CONTRIB_TIMELINE_PAGE (page))) >= wait->n;
}

static void
test_gui_shot_timeline (GuiFixture    *fixture,
                        gconstpointer  data)
{
  Wait wait = { fixture, 161 };

  g_test_summary ("The Timeline view draws each request of a load: CONCURRENT's eight at a time");
  use_demo (fixture, 1);
  gui_load (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", "timeline"));
  g_assert_true (gui_wait_for_load (fixture));
  g_assert_true (gui_wait_until (n_bars_at_least, &wait, 20000));
  hide_settings (fixture);
  gui_save_screenshot (GTK_WIDGET (fixture->window), "view-timeline.png");
}

static gboolean
repos_listed (gpointer data)
{
  GuiFixture *fixture = data;

  return strstr (contrib_window_get_status (fixture->window), " of 3 ") != NULL;
}

static void
test_gui_shot_timeline_cancel (GuiFixture    *fixture,
                               gconstpointer  data)
{
  Wait wait = { fixture, 4 };

  g_test_summary ("NOT_CANCELLABLE's requests go on after Cancel, and the timeline marks them");
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_NOT_CANCELLABLE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", "timeline"));
  gui_load (fixture);
  g_assert_true (gui_wait_until (repos_listed, fixture, 20000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL));
  g_assert_true (gui_wait_until (n_bars_at_least, &wait, 20000));
  hide_settings (fixture);
  gui_save_screenshot (GTK_WIDGET (fixture->window), "view-timeline-cancel.png");
}

static gboolean
compared (gpointer data)
{
  Wait *wait = data;
  GtkWidget *page = gui_find_widget (GTK_WIDGET (wait->fixture->window), CONTRIB_TYPE_COMPARE_PAGE, NULL);

  return g_list_model_get_n_items (contrib_compare_page_get_runs (CONTRIB_COMPARE_PAGE (page))) >= wait->n &&
         !contrib_window_is_loading (wait->fixture->window);
}

static void
test_gui_shot_compare (GuiFixture    *fixture,
                       gconstpointer  data)
{
  Wait wait = { fixture, 7 };

  g_test_summary ("Compare All on the tutorial's data, at a quarter of its latencies, against the ideal");
  gui_fixture_use_demo (fixture, 1);
  g_settings_set_enum (fixture->settings, "demo-dataset", 0);
  g_settings_set_string (fixture->settings, "organization", "org");
  gui_fixture_reopen (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", "compare"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.compare-all", NULL));
  g_assert_true (gui_wait_until (compared, &wait, 60000));
  hide_settings (fixture);
  gui_save_screenshot (GTK_WIDGET (fixture->window), "view-compare.png");
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/screenshots/empty", GuiFixture, NULL,
              gui_fixture_setup, test_gui_shot_empty, gui_fixture_teardown);
  g_test_add ("/gui/screenshots/loading", GuiFixture, NULL,
              gui_fixture_setup, test_gui_shot_loading, gui_fixture_teardown);
  g_test_add ("/gui/screenshots/finished", GuiFixture, NULL,
              gui_fixture_setup, test_gui_shot_finished, gui_fixture_teardown);
  g_test_add ("/gui/screenshots/error", GuiFixture, NULL,
              gui_fixture_setup, test_gui_shot_error, gui_fixture_teardown);
  g_test_add ("/gui/screenshots/dark", GuiFixture, NULL,
              gui_fixture_setup, test_gui_shot_dark, gui_fixture_teardown);
  g_test_add ("/gui/screenshots/timeline", GuiFixture, NULL,
              gui_fixture_setup, test_gui_shot_timeline, gui_fixture_teardown);
  g_test_add ("/gui/screenshots/timeline-cancel", GuiFixture, NULL,
              gui_fixture_setup, test_gui_shot_timeline_cancel, gui_fixture_teardown);
  g_test_add ("/gui/screenshots/compare", GuiFixture, NULL,
              gui_fixture_setup, test_gui_shot_compare, gui_fixture_teardown);

  return gui_test_run ();
}
