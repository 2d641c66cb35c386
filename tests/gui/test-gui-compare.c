/* test-gui-compare.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The Compare view on its own, in a plain window: the table's rows and
 * cells, the chart's bars and what it tells a screen reader, the toolbar's
 * actions, and clearing. Pictures of it, light and dark, with the
 * tutorial's figures, go to CONTRIB_SCREENSHOT_DIR.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "contrib-compare-chart-private.h"
#include "contrib-compare-page.h"
#include "gui-test-utils.h"

typedef struct
{
  GtkWidget           *window;
  ContribComparePage  *page;
  ContribCompareChart *chart;
  GtkColumnView       *view;
} Page;

static void
page_open (Page *page)
{
  page->window = gtk_window_new ();
  page->page = CONTRIB_COMPARE_PAGE (contrib_compare_page_new ());
  gtk_window_set_child (GTK_WINDOW (page->window), GTK_WIDGET (page->page));
  gtk_window_set_default_size (GTK_WINDOW (page->window), 760, 560);
  gtk_window_present (GTK_WINDOW (page->window));
  page->chart = CONTRIB_COMPARE_CHART (gui_find_widget (GTK_WIDGET (page->page),
                                                        CONTRIB_TYPE_COMPARE_CHART, NULL));
  page->view = GTK_COLUMN_VIEW (gui_find_widget (GTK_WIDGET (page->page),
                                                 GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_nonnull (page->chart);
  g_assert_nonnull (page->view);
  gtk_test_widget_wait_for_draw (page->window);
}

static void
page_draw (Page *page)
{
  for (guint i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (page->window);
}

static void
page_close (Page *page)
{
  gtk_window_destroy (GTK_WINDOW (page->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
add_run (Page              *page,
         ContribVariant     variant,
         gint64             total_ms,
         ContribRunOutcome  outcome,
         gint64             ideal_ms)
{
  g_autoptr(ContribRun) run = NULL;

  run = contrib_run_new (variant, "org", "demo · tutorial", total_ms,
                         4, variant == CONTRIB_VARIANT_CONCURRENT ||
                            variant == CONTRIB_VARIANT_CHANNELS ? 3 : 1,
                         2, outcome, outcome == CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS ? 1 : 0,
                         outcome == CONTRIB_RUN_OUTCOME_FAILED ? "HTTP 500 from the server" : NULL,
                         ideal_ms);
  contrib_compare_page_add_run (page->page, run);
}

/* The tutorial's data at its own latencies: the sequential variants take
 * the sum, the concurrent ones the slowest repository */
static void
add_tutorial_runs (Page *page)
{
  add_run (page, CONTRIB_VARIANT_SUSPEND, 4000, CONTRIB_RUN_OUTCOME_COMPLETED, 2200);
  add_run (page, CONTRIB_VARIANT_CONCURRENT, 2200, CONTRIB_RUN_OUTCOME_COMPLETED, 2200);
  add_run (page, CONTRIB_VARIANT_PROGRESS, 4000, CONTRIB_RUN_OUTCOME_COMPLETED, 2200);
  add_run (page, CONTRIB_VARIANT_CHANNELS, 2200, CONTRIB_RUN_OUTCOME_COMPLETED, 2200);
}

static void
collect_by_css_name (GtkWidget  *root,
                     const char *css_name,
                     GPtrArray  *found)
{
  if (g_str_equal (gtk_widget_get_css_name (root), css_name))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_css_name (child, css_name, found);
}

static int
compare_y (gconstpointer a,
           gconstpointer b)
{
  GtkWidget *row_a = *(GtkWidget **) a;
  GtkWidget *row_b = *(GtkWidget **) b;
  graphene_point_t point_a, point_b;

  g_assert_true (gtk_widget_compute_point (row_a, gtk_widget_get_parent (row_a),
                                           &GRAPHENE_POINT_INIT (0, 0), &point_a));
  g_assert_true (gtk_widget_compute_point (row_b, gtk_widget_get_parent (row_b),
                                           &GRAPHENE_POINT_INIT (0, 0), &point_b));
  return point_a.y < point_b.y ? -1 : point_a.y > point_b.y;
}

/* The table as text, top row first: a row's cells joined by " | " */
static GPtrArray *
table_rows (Page *page)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) row_widgets = g_ptr_array_new ();

  collect_by_css_name (GTK_WIDGET (page->view), "row", row_widgets);
  g_ptr_array_sort (row_widgets, compare_y);
  for (guint i = 0; i < row_widgets->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (row_widgets, i);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      g_autoptr(GString) text = g_string_new (NULL);

      if (!gtk_widget_get_visible (row))
        continue;
      collect_by_css_name (row, "label", labels);
      for (guint j = 0; j < labels->len; j++)
        g_string_append_printf (text, "%s%s", j > 0 ? " | " : "",
                                gtk_label_get_label (g_ptr_array_index (labels, j)));
      g_ptr_array_add (rows, g_strdup (text->str));
    }
  return rows;
}

static void
assert_description (Page       *page,
                    const char *expected)
{
  g_assert_cmpstr (contrib_compare_chart_get_description (page->chart), ==, expected);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (page->chart),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
}

static const char *
visible_page (Page *page)
{
  GtkStack *stack = GTK_STACK (gui_find_by_id (GTK_WIDGET (page->page), "content_stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static void
test_compare_empty (void)
{
  Page page;
  GtkWidget *status;

  g_test_summary ("Before the first run the page says what will appear there");
  page_open (&page);

  g_assert_cmpstr (visible_page (&page), ==, "empty");
  status = gui_find_widget (GTK_WIDGET (page.page), ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Runs Yet");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==,
                   "Each load you finish or cancel is added here. "
                   "Compare All runs every variant in turn.");
  g_assert_cmpuint (_contrib_compare_chart_get_n_bars (page.chart), ==, 0);
  assert_description (&page, "No runs");
  /* Nothing to export or clear yet */
  g_assert_false (gtk_widget_get_sensitive (gui_find_by_id (GTK_WIDGET (page.page), "export_button")));
  g_assert_false (gtk_widget_get_sensitive (gui_find_by_id (GTK_WIDGET (page.page), "clear_button")));

  page_close (&page);
}

static void
test_compare_table (void)
{
  g_autoptr(GPtrArray) rows = NULL;
  Page page;

  g_test_summary ("Each run is a row of the table, in the order they came");
  page_open (&page);
  add_tutorial_runs (&page);
  add_run (&page, CONTRIB_VARIANT_CALLBACKS, 850, CONTRIB_RUN_OUTCOME_CANCELED, 2200);
  add_run (&page, CONTRIB_VARIANT_BACKGROUND, 3000, CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS, 2200);
  add_run (&page, CONTRIB_VARIANT_NOT_CANCELLABLE, 120, CONTRIB_RUN_OUTCOME_FAILED, 2200);
  page_draw (&page);

  g_assert_cmpstr (visible_page (&page), ==, "runs");
  g_assert_cmpuint (g_list_model_get_n_items (contrib_compare_page_get_runs (page.page)), ==, 7);
  rows = table_rows (&page);
  g_assert_cmpuint (rows->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==,
                   "SUSPEND | org | demo · tutorial | 4.0 s | 4 | 1 | 2 ms | Completed");
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==,
                   "CONCURRENT | org | demo · tutorial | 2.2 s | 4 | 3 | 2 ms | Completed");
  g_assert_cmpstr (g_ptr_array_index (rows, 4), ==,
                   "CALLBACKS | org | demo · tutorial | 850 ms | 4 | 1 | 2 ms | Canceled");
  g_assert_cmpstr (g_ptr_array_index (rows, 5), ==,
                   "BACKGROUND | org | demo · tutorial | 3.0 s | 4 | 1 | 2 ms | Completed with 1 error");
  g_assert_cmpstr (g_ptr_array_index (rows, 6), ==,
                   "NOT_CANCELLABLE | org | demo · tutorial | 120 ms | 4 | 1 | 2 ms | Failed");

  page_close (&page);
}

static void
test_compare_cells (void)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(ContribRun) run = NULL;
  GtkLabel *time_cell = NULL;
  GtkLabel *outcome_cell = NULL;
  Page page;

  g_test_summary ("Numbers line up; the server's text is shown escaped");
  page_open (&page);
  /* A hostile organization and message: control characters, a newline */
  run = contrib_run_new (CONTRIB_VARIANT_CHANNELS, "evil\x1b[31m\norg", "example.com", 2213,
                         4, 3, 2, CONTRIB_RUN_OUTCOME_FAILED, 0, "bad\nthing", 2200);
  contrib_compare_page_add_run (page.page, run);
  page_draw (&page);

  collect_by_css_name (GTK_WIDGET (page.view), "label", labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_str_equal (gtk_label_get_label (label), "2.2 s"))
        time_cell = label;
      else if (g_str_equal (gtk_label_get_label (label), "Failed"))
        outcome_cell = label;
      else if (g_str_has_prefix (gtk_label_get_label (label), "evil"))
        g_assert_cmpstr (gtk_label_get_label (label), ==, "evil\\u{1b}[31m\\u{a}org");
    }
  g_assert_nonnull (time_cell);
  g_assert_cmpfloat (gtk_label_get_xalign (time_cell), ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (time_cell), "numeric"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (time_cell)), ==, "Ideal: 2.2 s");
  g_assert_nonnull (outcome_cell);
  g_assert_cmpfloat (gtk_label_get_xalign (outcome_cell), ==, 0);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (outcome_cell)), ==, "bad\\u{a}thing");

  page_close (&page);
}

static void
test_compare_chart (void)
{
  static const char *order[] = { "SUSPEND", "CONCURRENT", "PROGRESS", "CHANNELS" };
  graphene_rect_t bars[G_N_ELEMENTS (order)];
  const char *label, *value;
  float ideal_x;
  Page page;

  g_test_summary ("One bar per run, as long as its time, with the shared ideal marked");
  page_open (&page);
  add_tutorial_runs (&page);
  page_draw (&page);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (page.chart), GTK_ACCESSIBLE_ROLE_IMG);
  assert_description (&page, "4 runs; fastest CONCURRENT 2.2 s; ideal 2.2 s");

  g_assert_cmpuint (_contrib_compare_chart_get_n_bars (page.chart), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_true (_contrib_compare_chart_get_bar (page.chart, i, &label, &value, &bars[i]));
      g_assert_cmpstr (label, ==, order[i]);
      g_assert_cmpstr (value, ==, i % 2 == 0 ? "4.0 s" : "2.2 s");
      g_assert_cmpfloat (bars[i].origin.x, ==, bars[0].origin.x);
      if (i > 0)
        g_assert_cmpfloat (bars[i].origin.y, >, bars[i - 1].origin.y);
    }
  g_assert_false (_contrib_compare_chart_get_bar (page.chart, 4, &label, &value, &bars[0]));
  /* Lengths in proportion to the times: 2.2 s is 55 % of 4.0 s */
  g_assert_cmpfloat_with_epsilon (bars[1].size.width / bars[0].size.width, 0.55, 0.01);
  g_assert_cmpfloat (bars[0].size.width, ==, bars[2].size.width);
  g_assert_cmpfloat (bars[0].origin.x + bars[0].size.width, <=,
                     gtk_widget_get_width (GTK_WIDGET (page.chart)));

  /* The runs share their ideal: one line, where a 2.2 s bar ends */
  g_assert_true (_contrib_compare_chart_get_ideal_line (page.chart, &label, &ideal_x));
  g_assert_cmpstr (label, ==, "ideal 2.2 s");
  g_assert_cmpfloat_with_epsilon (ideal_x, bars[1].origin.x + bars[1].size.width, 0.5);
  g_assert_false (_contrib_compare_chart_get_tick (page.chart, 0, &ideal_x));

  gui_save_screenshot (page.window, "compare.png");
  page_close (&page);
}

static void
test_compare_chart_dark (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  Page page;

  g_test_summary ("The chart follows the dark style");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  page_open (&page);
  add_tutorial_runs (&page);
  add_run (&page, CONTRIB_VARIANT_CALLBACKS, 850, CONTRIB_RUN_OUTCOME_CANCELED, 2200);
  add_run (&page, CONTRIB_VARIANT_BACKGROUND, 3000, CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS, 2200);
  page_draw (&page);
  g_assert_true (adw_style_manager_get_dark (style));
  assert_description (&page, "6 runs; fastest CONCURRENT 2.2 s; ideal 2.2 s");
  gui_save_screenshot (page.window, "compare-dark.png");
  page_close (&page);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_compare_chart_ideals_differ (void)
{
  const char *label;
  float x;
  Page page;

  g_test_summary ("Runs with different ideals get a tick each, none a shared line");
  page_open (&page);
  add_run (&page, CONTRIB_VARIANT_CONCURRENT, 2200, CONTRIB_RUN_OUTCOME_COMPLETED, 2200);
  add_run (&page, CONTRIB_VARIANT_CHANNELS, 1900, CONTRIB_RUN_OUTCOME_COMPLETED, 1616);
  /* A real server: no ideal known */
  add_run (&page, CONTRIB_VARIANT_SUSPEND, 9000, CONTRIB_RUN_OUTCOME_CANCELED, -1);
  page_draw (&page);

  g_assert_false (_contrib_compare_chart_get_ideal_line (page.chart, &label, &x));
  g_assert_true (_contrib_compare_chart_get_tick (page.chart, 0, &x));
  g_assert_true (_contrib_compare_chart_get_tick (page.chart, 1, &x));
  g_assert_false (_contrib_compare_chart_get_tick (page.chart, 2, &x));
  /* A cancelled run is not the fastest, however short */
  assert_description (&page, "3 runs; fastest CHANNELS 1.9 s");
  gui_save_screenshot (page.window, "compare-ticks.png");

  /* One ideal, but not every run's: a line through the unknown one would
   * claim it */
  contrib_compare_page_clear (page.page);
  add_run (&page, CONTRIB_VARIANT_CONCURRENT, 2200, CONTRIB_RUN_OUTCOME_COMPLETED, 2200);
  add_run (&page, CONTRIB_VARIANT_CHANNELS, 2300, CONTRIB_RUN_OUTCOME_COMPLETED, -1);
  page_draw (&page);
  g_assert_false (_contrib_compare_chart_get_ideal_line (page.chart, &label, &x));
  g_assert_true (_contrib_compare_chart_get_tick (page.chart, 0, &x));
  g_assert_false (_contrib_compare_chart_get_tick (page.chart, 1, &x));
  assert_description (&page, "2 runs; fastest CONCURRENT 2.2 s");

  /* No ideal known at all (a real server): no line, no tick */
  contrib_compare_page_clear (page.page);
  add_run (&page, CONTRIB_VARIANT_CONCURRENT, 2200, CONTRIB_RUN_OUTCOME_COMPLETED, -1);
  add_run (&page, CONTRIB_VARIANT_CHANNELS, 2300, CONTRIB_RUN_OUTCOME_COMPLETED, -1);
  page_draw (&page);
  g_assert_false (_contrib_compare_chart_get_ideal_line (page.chart, &label, &x));
  g_assert_false (_contrib_compare_chart_get_tick (page.chart, 0, &x));
  assert_description (&page, "2 runs; fastest CONCURRENT 2.2 s");

  page_close (&page);
}

static void
test_compare_clear (void)
{
  g_autoptr(GPtrArray) rows = NULL;
  Page page;

  g_test_summary ("Clear forgets every run: the table, the chart and the model");
  page_open (&page);
  add_tutorial_runs (&page);
  page_draw (&page);
  g_assert_true (gtk_widget_get_sensitive (gui_find_by_id (GTK_WIDGET (page.page), "export_button")));
  g_assert_true (gtk_widget_get_sensitive (gui_find_by_id (GTK_WIDGET (page.page), "clear_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page.page), "compare.clear", NULL));
  page_draw (&page);
  g_assert_cmpuint (g_list_model_get_n_items (contrib_compare_page_get_runs (page.page)), ==, 0);
  g_assert_cmpuint (_contrib_compare_chart_get_n_bars (page.chart), ==, 0);
  assert_description (&page, "No runs");
  g_assert_cmpstr (visible_page (&page), ==, "empty");
  g_assert_false (gtk_widget_get_sensitive (gui_find_by_id (GTK_WIDGET (page.page), "export_button")));
  g_assert_false (gtk_widget_get_sensitive (gui_find_by_id (GTK_WIDGET (page.page), "clear_button")));

  /* And it fills again */
  add_run (&page, CONTRIB_VARIANT_CHANNELS, 2200, CONTRIB_RUN_OUTCOME_COMPLETED, 2200);
  page_draw (&page);
  rows = table_rows (&page);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (_contrib_compare_chart_get_n_bars (page.chart), ==, 1);
  contrib_compare_page_clear (page.page);
  g_assert_cmpuint (_contrib_compare_chart_get_n_bars (page.chart), ==, 0);

  page_close (&page);
}

static void
assert_menu_item (GMenuModel *menu,
                  int         index,
                  const char *label,
                  const char *action,
                  const char *target)
{
  g_autofree char *item_label = NULL;
  g_autofree char *item_action = NULL;
  g_autofree char *item_target = NULL;

  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_LABEL, "s", &item_label));
  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_ACTION, "s", &item_action));
  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_TARGET, "s", &item_target));
  g_assert_cmpstr (item_label, ==, label);
  g_assert_cmpstr (item_action, ==, action);
  g_assert_cmpstr (item_target, ==, target);
}

static void
count_notify (guint *n_notifies)
{
  (*n_notifies)++;
}

static void
test_compare_toolbar (void)
{
  GtkWidget *compare_all, *check;
  GMenuModel *menu;
  g_autoptr(GMenuModel) section = NULL;
  guint n_notifies = 0;
  Page page;

  g_test_summary ("The toolbar's buttons name the window's actions");
  page_open (&page);

  compare_all = gui_find_widget (GTK_WIDGET (page.page), GTK_TYPE_BUTTON, "Compare _All");
  g_assert_nonnull (compare_all);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (compare_all)), ==,
                   "win.compare-all");

  check = gui_find_by_id (GTK_WIDGET (page.page), "include_blocking_check");
  g_assert_false (contrib_compare_page_get_include_blocking (page.page));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (check), "freezes"));
  g_signal_connect_swapped (page.page, "notify::include-blocking", G_CALLBACK (count_notify), &n_notifies);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_cmpuint (n_notifies, ==, 1);
  g_assert_true (contrib_compare_page_get_include_blocking (page.page));
  contrib_compare_page_set_include_blocking (page.page, FALSE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (gui_find_by_id (GTK_WIDGET (page.page),
                                                                          "export_button")));
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 2);
  assert_menu_item (section, 0, "Comparison as _CSV", "win.export-comparison", "csv");
  assert_menu_item (section, 1, "Comparison as _JSON", "win.export-comparison", "json");

  page_close (&page);
}

static void
test_compare_narrow (void)
{
  int minimum;
  Page page;

  g_test_summary ("The page fits the window's narrowest width, 360 pixels");
  page_open (&page);
  add_tutorial_runs (&page);
  page_draw (&page);

  gtk_widget_measure (GTK_WIDGET (page.page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 360);

  page_close (&page);
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/compare/empty", test_compare_empty);
  g_test_add_func ("/gui/compare/table", test_compare_table);
  g_test_add_func ("/gui/compare/cells", test_compare_cells);
  g_test_add_func ("/gui/compare/chart", test_compare_chart);
  g_test_add_func ("/gui/compare/chart-dark", test_compare_chart_dark);
  g_test_add_func ("/gui/compare/chart-ideals-differ", test_compare_chart_ideals_differ);
  g_test_add_func ("/gui/compare/clear", test_compare_clear);
  g_test_add_func ("/gui/compare/toolbar", test_compare_toolbar);
  g_test_add_func ("/gui/compare/narrow", test_compare_narrow);

  return gui_test_run ();
}
