/* test-gui-layout.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What a new user of the window ran into: a table that scrolled away from
 * the #1 contributor, a BLOCKING load that showed nothing and replayed the
 * clicks made during its freeze, a window too tall for a small screen, a
 * size forgotten on Ctrl+Q, and names that went to the server unchecked.
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <string.h>

#include "contrib-ranking.h"
#include "gui-test-utils.h"

static ContribRanking *
ranking (GuiFixture *fixture)
{
  return CONTRIB_RANKING (gui_find_by_id (GTK_WIDGET (fixture->window), "ranking"));
}

static void
test_gui_min_size (GuiFixture    *fixture,
                   gconstpointer  data)
{
  g_test_summary ("The window fits 360 × 600");
  gui_assert_fits (fixture, 360, 600);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 600);
  gui_save_screenshot (GTK_WIDGET (fixture->window), "window-narrow.png");
}

static graphene_rect_t
results_bounds (GuiFixture *fixture)
{
  GtkWidget *results = gui_find_by_id (GTK_WIDGET (fixture->window), "results_stack");
  graphene_rect_t bounds;

  for (guint i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_compute_bounds (results, GTK_WIDGET (fixture->window), &bounds));
  return bounds;
}

static gboolean
stop_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Once the view switcher's bar has slid in, which it does on a narrow
 * window as it first shows: the same place twice, 100 ms apart */
static graphene_rect_t
settled_results_bounds (GuiFixture *fixture)
{
  graphene_rect_t before = results_bounds (fixture);

  for (guint i = 0; i < 30; i++)
    {
      gboolean done = FALSE;
      graphene_rect_t now;

      g_timeout_add (100, stop_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      now = results_bounds (fixture);
      if (graphene_rect_equal (&now, &before))
        break;
      before = now;
    }
  return before;
}

static void
assert_same_place (graphene_rect_t *a,
                   graphene_rect_t  b)
{
  g_assert_cmpfloat (a->origin.y, ==, b.origin.y);
  g_assert_cmpfloat (a->size.height, ==, b.size.height);
}

static void
test_gui_nothing_jumps (GuiFixture    *fixture,
                        gconstpointer  data)
{
  GtkDropDown *variant = GTK_DROP_DOWN (gui_find_by_id (GTK_WIDGET (fixture->window), "variant_dropdown"));
  GhFakeFault fault = { .kind = GH_FAKE_FAULT_STATUS, .status = 500, .message = "Server Error" };
  graphene_rect_t first;

  g_test_summary ("The results keep their place when a description, a failure list or an error appears");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 600);
  first = settled_results_bounds (fixture);

  for (guint i = 0; i < CONTRIB_N_VARIANTS; i++)
    {
      gtk_drop_down_set_selected (variant, i);
      assert_same_place (&first, results_bounds (fixture));
    }

  gtk_drop_down_set_selected (variant, CONTRIB_VARIANT_CONCURRENT);
  gh_fake_server_add_fault (fixture->server, "*repo-2*", &fault);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_assert_true (gtk_widget_get_visible (gui_find_by_id (GTK_WIDGET (fixture->window), "failures_button")));
  assert_same_place (&first, results_bounds (fixture));

  gh_fake_server_clear_faults (fixture->server);
  gh_fake_server_add_fault (fixture->server, "*orgs*", &fault);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_assert_nonnull (contrib_window_get_error (fixture->window));
  assert_same_place (&first, results_bounds (fixture));
}

static gboolean
load_is_over (gpointer data)
{
  GuiFixture *fixture = data;

  return !contrib_window_is_loading (fixture->window);
}

typedef struct
{
  GuiFixture *fixture;
  guint       n_updates;
  guint       n_away;
} Watch;

/* Every update that reaches the table finds it at the top. */
static void
on_rows_changed (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Watch      *watch)
{
  watch->n_updates++;
  if (!contrib_ranking_is_at_top (ranking (watch->fixture)))
    watch->n_away++;
}

static void
test_gui_top_row (GuiFixture    *fixture,
                  gconstpointer  data)
{
  Watch watch = { fixture, 0, 0 };
  GListModel *rows;
  g_autoptr(GhUser) first = NULL;

  g_test_summary ("The ranking stays at its top row during and after an incremental load");
  gui_fixture_use_demo (fixture, 2);
  gui_fixture_use_variant (fixture, GPOINTER_TO_INT (data));
  rows = contrib_window_get_results (fixture->window);
  g_signal_connect_after (rows, "items-changed", G_CALLBACK (on_rows_changed), &watch);

  gui_load (fixture);
  /* PROGRESS loads 160 repositories one after another: give a sanitizer
   * build on a busy machine its time. */
  g_assert_true (gui_wait_until (load_is_over, fixture, 120000));
  /* Let the last update reach the view and the view lay itself out. */
  for (guint i = 0; i < 5; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_signal_handlers_disconnect_by_func (rows, on_rows_changed, &watch);

  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 100);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpuint (contrib_ranking_get_rank (ranking (fixture), first), ==, 1);
  g_assert_cmpuint (watch.n_updates, >, 0);
  g_assert_cmpuint (watch.n_away, ==, 0);
  g_assert_true (contrib_ranking_is_at_top (ranking (fixture)));
}

/* The first row of the results comes early in the alphabet */
static gboolean
first_login_sorted (gpointer data)
{
  GuiFixture *fixture = data;
  g_autoptr(GhUser) first = g_list_model_get_item (contrib_window_get_results (fixture->window), 0);

  return first != NULL && g_ascii_tolower (gh_user_get_login (first)[0]) <= 'b';
}

static void
test_gui_sort_goes_to_top (GuiFixture    *fixture,
                           gconstpointer  data)
{
  GtkColumnView *view;
  GtkColumnViewColumn *login;
  GtkAdjustment *scroll;
  g_autoptr(GhUser) first = NULL;

  g_test_summary ("Sorting by login shows the first login, not the middle of the list");
  gui_fixture_use_demo (fixture, 2);
  gui_fixture_reopen (fixture);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  for (guint i = 0; i < 5; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  view = GTK_COLUMN_VIEW (gui_find_widget (GTK_WIDGET (ranking (fixture)), GTK_TYPE_COLUMN_VIEW, NULL));
  scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_test_message ("scroll range %g, page %g, %s, %s", gtk_adjustment_get_upper (scroll), gtk_adjustment_get_page_size (scroll), contrib_window_get_status (fixture->window), contrib_window_get_error (fixture->window));
  gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll) / 2);
  g_assert_false (contrib_ranking_is_at_top (ranking (fixture)));

  login = g_list_model_get_item (gtk_column_view_get_columns (view), 1);
  gtk_column_view_sort_by_column (view, login, GTK_SORT_ASCENDING);
  g_object_unref (login);
  /* The sort runs a chunk per main-loop iteration, however many that
   * takes on a slow build */
  g_assert_true (gui_wait_until (first_login_sorted, fixture, 10000));
  for (guint i = 0; i < 5; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  g_assert_true (contrib_ranking_is_at_top (ranking (fixture)));
  first = g_list_model_get_item (contrib_window_get_results (fixture->window), 0);
  g_assert_cmpint (g_ascii_tolower (gh_user_get_login (first)[0]), <=, 'b');
}

static gboolean
busy_painted (GuiFixture *fixture)
{
  return contrib_window_is_loading (fixture->window) &&
         gh_fake_server_count_requests (fixture->server, "*orgs*") == 0 &&
         !gtk_widget_get_visible (gui_find_by_id (GTK_WIDGET (fixture->window), "load_button")) &&
         gtk_spinner_get_spinning (GTK_SPINNER (gui_find_by_id (GTK_WIDGET (fixture->window), "spinner")));
}

static void
on_after_paint (GdkFrameClock *clock,
                GuiFixture    *fixture)
{
  if (busy_painted (fixture))
    g_object_set_data (G_OBJECT (fixture->window), "busy-painted", GINT_TO_POINTER (TRUE));
}

static void
test_gui_blocking_paints_busy (GuiFixture    *fixture,
                               gconstpointer  data)
{
  GdkFrameClock *clock;

  g_test_summary ("BLOCKING paints its busy state before it freezes the window");
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_BLOCKING);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), fixture);

  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, fixture);

  g_assert_true (g_object_get_data (G_OBJECT (fixture->window), "busy-painted"));
  g_assert_true (g_str_has_prefix (contrib_window_get_status (fixture->window), "Completed in"));
}

typedef struct
{
  Window xid;
  int    x;
  int    y;
  guint  delay_ms;
} Click;

/* From another thread, while the window is frozen: the click lands in the
 * X server's queue for the window, as a person's would. */
static gpointer
click_later (gpointer data)
{
  Click *click = data;
  g_autofree char *window = g_strdup_printf ("%lu", (unsigned long) click->xid);
  g_autofree char *x = g_strdup_printf ("%d", click->x);
  g_autofree char *y = g_strdup_printf ("%d", click->y);
  const char *argv[] = { "xdotool", "mousemove", "--window", window, x, y, "click", "1", "key", "ctrl+f", NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_usleep (click->delay_ms * 1000);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error))
    g_error ("xdotool: %s", error->message);
  return GINT_TO_POINTER (status);
}

static gboolean
quiet_for_a_while (gpointer data)
{
  return FALSE;
}


static Click
click_on (GtkWidget *widget,
          guint      delay_ms)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  return (Click) {
    .xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
    .x = (int) (point.x + dx),
    .y = (int) (point.y + dy),
    .delay_ms = delay_ms,
  };
}

static void
test_gui_blocking_drops_input (GuiFixture    *fixture,
                               gconstpointer  data)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkToggleButton *toggle;
  GtkSearchBar *search_bar;
  gboolean revealed;
  Click click;
  GThread *thread;

  g_test_summary ("A click and a key made during BLOCKING's freeze are dropped, not replayed when it thaws");
  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }

  gh_fake_server_set_latency_scale (fixture->server, 1.0);
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_BLOCKING);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  /* The pane's button and Ctrl+F: what replayed input would do stays on
   * screen. */
  toggle = GTK_TOGGLE_BUTTON (gui_find_by_id (GTK_WIDGET (fixture->window), "settings_button"));
  search_bar = GTK_SEARCH_BAR (gui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_BAR, NULL));
  revealed = gtk_toggle_button_get_active (toggle);
  click = click_on (GTK_WIDGET (toggle), 800);

  thread = g_thread_new ("click", click_later, &click);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (thread)), ==, 0);
  g_assert_cmpint (contrib_window_get_blocked_ms (fixture->window), >, 1500);

  /* Whatever the freeze queued has been handled by now. */
  gui_wait_until (quiet_for_a_while, NULL, 1000);
  g_assert_cmpint (gtk_toggle_button_get_active (toggle), ==, revealed);
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  g_assert_true (gh_fake_server_wait_idle (fixture->server, 5000));
  g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, "*orgs*"), ==, 1);

  /* The same click on a thawed window works: it hit the button. */
  click.delay_ms = 0;
  g_assert_cmpint (GPOINTER_TO_INT (click_later (&click)), ==, 0);
  gui_wait_until (quiet_for_a_while, NULL, 500);
  g_assert_cmpint (gtk_toggle_button_get_active (toggle), !=, revealed);
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
}

static void
test_gui_quit_keeps_size (GuiFixture    *fixture,
                          gconstpointer  data)
{
  GApplication *application = g_application_get_default ();

  g_test_summary ("Ctrl+Q saves the window's size like closing it does");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 640, 610);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fixture->window);

  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 640);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 610);
  gui_fixture_reopen (fixture);
}

static void
assert_refused (GuiFixture *fixture,
                const char *org,
                const char *reason)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *label = gui_find_by_id (root, "org_error_label");

  gtk_editable_set_text (GTK_EDITABLE (gui_find_by_id (root, "org_row")), org);
  gui_load (fixture);

  g_assert_false (contrib_window_is_loading (fixture->window));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), reason));
  g_assert_true (gtk_widget_has_css_class (gui_find_by_id (root, "org_row"), "error"));
  /* Not a failed load: the results and status are as they were. */
  g_assert_null (contrib_window_get_error (fixture->window));
  g_assert_false (g_str_has_prefix (contrib_window_get_status (fixture->window), "Failed"));
}

static void
test_gui_invalid_org (GuiFixture    *fixture,
                      gconstpointer  data)
{
  g_test_summary ("A name GitHub could not have is refused next to its field and never sent");
  assert_refused (fixture, "../etc", "starts with a letter or a digit");
  assert_refused (fixture, "org/../etc", "only letters, digits, hyphens and underscores");
  assert_refused (fixture, "", "Enter the organization");
  assert_refused (fixture, "-org", "starts with a letter or a digit");
  assert_refused (fixture, "a-name-that-is-far-longer-than-github-allows", "at most 39");

  gui_wait_until (quiet_for_a_while, NULL, 300);
  g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, "*"), ==, 0);

  /* Fixing it clears the message, and the load goes ahead. */
  gtk_editable_set_text (GTK_EDITABLE (gui_find_by_id (GTK_WIDGET (fixture->window), "org_row")), "org");
  g_assert_false (gtk_widget_get_visible (gui_find_by_id (GTK_WIDGET (fixture->window), "org_error_label")));
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_assert_true (g_str_has_prefix (contrib_window_get_status (fixture->window), "Completed in"));
}

static void
test_gui_invalid_url (GuiFixture    *fixture,
                      gconstpointer  data)
{
  GtkWidget *label;

  g_test_summary ("A bad API URL is refused next to its field, not as a failed load");
  g_settings_set_string (fixture->settings, "custom-url", "ftp://example.com/");
  gui_fixture_reopen (fixture);
  gui_load (fixture);

  label = gui_find_by_id (GTK_WIDGET (fixture->window), "url_error_label");
  g_assert_false (contrib_window_is_loading (fixture->window));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_null (contrib_window_get_error (fixture->window));
}

static void
test_gui_demo_dataset (GuiFixture    *fixture,
                       gconstpointer  data)
{
  AdwComboRow *dataset;
  g_autofree char *text = NULL;

  g_test_summary ("The demo offers the tutorial's own data, and choosing it fills in its organization");
  gui_fixture_use_demo (fixture, 2);
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_CONCURRENT);
  dataset = ADW_COMBO_ROW (gui_find_by_id (GTK_WIDGET (fixture->window), "dataset_row"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dataset)));

  adw_combo_row_set_selected (dataset, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gui_find_by_id (GTK_WIDGET (fixture->window), "org_row"))),
                   ==, "org");
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  text = gui_results_text (fixture);
  g_assert_cmpstr (text, ==, "user-2 100, user-3 60, user-1 50");
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/layout/min-size", GuiFixture, NULL,
              gui_fixture_setup, test_gui_min_size, gui_fixture_teardown);
  g_test_add ("/gui/layout/nothing-jumps", GuiFixture, NULL,
              gui_fixture_setup, test_gui_nothing_jumps, gui_fixture_teardown);
  g_test_add ("/gui/ranking/top-row/CHANNELS", GuiFixture, GINT_TO_POINTER (CONTRIB_VARIANT_CHANNELS),
              gui_fixture_setup, test_gui_top_row, gui_fixture_teardown);
  g_test_add ("/gui/ranking/top-row/PROGRESS", GuiFixture, GINT_TO_POINTER (CONTRIB_VARIANT_PROGRESS),
              gui_fixture_setup, test_gui_top_row, gui_fixture_teardown);
  g_test_add ("/gui/ranking/sort-goes-to-top", GuiFixture, NULL,
              gui_fixture_setup, test_gui_sort_goes_to_top, gui_fixture_teardown);
  g_test_add ("/gui/blocking/paints-busy-first", GuiFixture, NULL,
              gui_fixture_setup, test_gui_blocking_paints_busy, gui_fixture_teardown);
  g_test_add ("/gui/blocking/drops-queued-click", GuiFixture, NULL,
              gui_fixture_setup, test_gui_blocking_drops_input, gui_fixture_teardown);
  g_test_add ("/gui/settings/quit-keeps-size", GuiFixture, NULL,
              gui_fixture_setup, test_gui_quit_keeps_size, gui_fixture_teardown);
  g_test_add ("/gui/validation/org", GuiFixture, NULL,
              gui_fixture_setup, test_gui_invalid_org, gui_fixture_teardown);
  g_test_add ("/gui/validation/url", GuiFixture, NULL,
              gui_fixture_setup, test_gui_invalid_url, gui_fixture_teardown);
  g_test_add ("/gui/demo/dataset", GuiFixture, NULL,
              gui_fixture_setup, test_gui_demo_dataset, gui_fixture_teardown);

  return gui_test_run ();
}
