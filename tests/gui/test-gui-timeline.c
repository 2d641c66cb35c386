/* test-gui-timeline.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The Timeline view's widget, fed a log by hand on a clock the tests move:
 * one bar per request, lanes as many as requests overlap (or callers),
 * the bar under a point and its tooltip, only the bars in view drawn,
 * zoom, the summary a screen reader gets, colours that tell outcomes apart
 * in both styles, and bars that come while the load runs.
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "contrib-timeline-page.h"
#include "contrib-timeline.h"
#include "gui-test-utils.h"

#define BASE_US (1000 * G_USEC_PER_SEC)
#define MS      1000

typedef struct
{
  GtkWidget       *window;
  ContribTimeline *timeline;
  GhRequestLog    *log;
} Fixture;

/* The log's clock; the origin is BASE_US */
static gint64 fake_now;

static gint64
fake_clock (void)
{
  return fake_now;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fake_now = BASE_US;
  fixture->log = gh_request_log_new ();
  gh_request_log_set_clock (fixture->log, fake_clock);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 400);
  fixture->timeline = CONTRIB_TIMELINE (contrib_timeline_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->timeline));
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* The timeline let go of it */
  g_assert_finalize_object (fixture->log);
}

static void
draw (Fixture *fixture)
{
  gtk_widget_queue_draw (GTK_WIDGET (fixture->timeline));
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
record_full (GhRequestLog     *log,
             gint64            start_ms,
             gint64            end_ms,
             GhRequestOutcome  outcome,
             guint             status,
             const char       *coroutine,
             guint64           coroutine_id,
             const char       *thread,
             const char       *url)
{
  GhRequestEvent event = {
    .start_us = BASE_US + start_ms * MS,
    .end_us = BASE_US + end_ms * MS,
    .kind = GH_REQUEST_CONTRIBUTORS,
    .url = url,
    .page = 1,
    .thread = thread,
    .coroutine = coroutine,
    .coroutine_id = coroutine_id,
    .status = status,
    .n_items = outcome == GH_REQUEST_OK ? 30 : 0,
    .outcome = outcome,
  };

  gh_request_sink_record (gh_request_log_get_sink (log), &event);
}

static void
record (GhRequestLog *log,
        gint64        start_ms,
        gint64        end_ms,
        guint64       coroutine_id)
{
  g_autofree char *url = g_strdup_printf ("https://api.github.com/repos/org/r%" G_GINT64_FORMAT "/contributors",
                                          start_ms);

  record_full (log, start_ms, end_ms, GH_REQUEST_OK, 200, coroutine_id != 0 ? "fetch" : NULL,
               coroutine_id, "main", url);
}

/* Three that overlap and one after them */
static void
record_four (GhRequestLog *log)
{
  record (log, 0, 300, 1);
  record (log, 100, 400, 2);
  record (log, 200, 500, 3);
  record (log, 600, 700, 1);
  gh_request_log_flush (log);
}

static void
test_timeline_bars (Fixture       *fixture,
                    gconstpointer  data)
{
  g_test_summary ("One bar per request, all drawn when the whole load fits");
  for (guint i = 0; i < 10; i++)
    record (fixture->log, i * 50, i * 50 + 120, i + 1);
  gh_request_log_flush (fixture->log);
  contrib_timeline_set_log (fixture->timeline, fixture->log);
  draw (fixture);

  g_assert_cmpuint (contrib_timeline_get_n_bars (fixture->timeline), ==, 10);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), ==, 10);
  g_assert_true (contrib_timeline_get_fit (fixture->timeline));

  contrib_timeline_set_log (fixture->timeline, NULL);
  draw (fixture);
  g_assert_cmpuint (contrib_timeline_get_n_bars (fixture->timeline), ==, 0);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), ==, 0);
}

static void
test_timeline_lanes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_test_summary ("Packed lanes are the peak overlap; by caller, one lane per coroutine or thread");
  record_four (fixture->log);
  contrib_timeline_set_log (fixture->timeline, fixture->log);
  g_assert_cmpuint (contrib_timeline_get_n_lanes (fixture->timeline), ==, 3);

  contrib_timeline_set_lanes (fixture->timeline, CONTRIB_TIMELINE_LANES_BY_CALLER);
  g_assert_cmpuint (contrib_timeline_get_n_lanes (fixture->timeline), ==, 3);

  /* Outside a coroutine, by thread: two more lanes, and none more packed */
  record_full (fixture->log, 800, 900, GH_REQUEST_OK, 200, NULL, 0, "main", "u");
  record_full (fixture->log, 850, 950, GH_REQUEST_OK, 200, NULL, 0, "worker-1", "u");
  record_full (fixture->log, 920, 990, GH_REQUEST_OK, 200, NULL, 0, "main", "u");
  gh_request_log_flush (fixture->log);
  g_assert_cmpuint (contrib_timeline_get_n_lanes (fixture->timeline), ==, 5);
  contrib_timeline_set_lanes (fixture->timeline, CONTRIB_TIMELINE_LANES_PACKED);
  g_assert_cmpuint (contrib_timeline_get_n_lanes (fixture->timeline), ==, 3);
}

/* Requests come when they end, in batches, so a new one often started
 * before bars already placed. */
static void
test_timeline_lanes_incremental (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GHashTable) by_y = g_hash_table_new_full (g_double_hash, g_double_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  GPtrArray *lane;
  guint n = 0;

  g_test_summary ("Batch after batch, packed lanes stay the peak overlap and never overlap inside");
  contrib_timeline_set_log (fixture->timeline, fixture->log);
  for (guint batch = 0; batch < 40; batch++)
    {
      guint n_batch = g_rand_int_range (rand, 1, 20);

      for (guint i = 0; i < n_batch; i++, n++)
        {
          gint64 start = batch * 40 + g_rand_int_range (rand, -120, 40);
          gint64 end = start + g_rand_int_range (rand, 0, 200);

          record (fixture->log, start, end, g_rand_int_range (rand, 1, 30));
        }
      gh_request_log_flush (fixture->log);
      g_assert_cmpuint (contrib_timeline_get_n_bars (fixture->timeline), ==, n);
      g_assert_cmpuint (contrib_timeline_get_n_lanes (fixture->timeline), ==,
                        gh_request_log_get_peak (fixture->log));
    }
  g_assert_cmpuint (gh_request_log_get_peak (fixture->log), >, 5);

  /* A lane is a row of the widget: the bars in one must not overlap */
  for (guint i = 0; i < n; i++)
    {
      const GhRequestEvent *event = gh_request_log_get_event (fixture->log, i);
      double x, y;

      g_assert_true (contrib_timeline_get_event_point (fixture->timeline, event, &x, &y));
      lane = g_hash_table_lookup (by_y, &y);
      if (lane == NULL)
        {
          lane = g_ptr_array_new ();
          g_hash_table_insert (by_y, g_memdup2 (&y, sizeof y), lane);
        }
      g_ptr_array_add (lane, (gpointer) event);
    }
  g_assert_cmpuint (g_hash_table_size (by_y), ==, gh_request_log_get_peak (fixture->log));
  g_hash_table_iter_init (&iter, by_y);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lane))
    for (guint i = 0; i < lane->len; i++)
      for (guint j = i + 1; j < lane->len; j++)
        {
          const GhRequestEvent *a = lane->pdata[i];
          const GhRequestEvent *b = lane->pdata[j];

          g_assert_true (a->end_us <= b->start_us || b->end_us <= a->start_us);
        }
}

static void
test_timeline_hit (Fixture       *fixture,
                   gconstpointer  data)
{
  const GhRequestEvent *event;
  g_autofree char *tooltip = NULL;
  double x, y, x_later, y_later;

  g_test_summary ("The bar under a point is its request, and the tooltip says what it was");
  record_full (fixture->log, 0, 300, GH_REQUEST_OK, 200, "fetch", 7, "main",
               "https://api.github.com/repos/org/<b>&amp;/contributors");
  record (fixture->log, 100, 400, 2);
  record (fixture->log, 200, 500, 3);
  record_full (fixture->log, 600, 700, GH_REQUEST_FAILED, 502, NULL, 0, "worker-2",
               "https://api.github.com/orgs/org/repos");
  gh_request_log_flush (fixture->log);
  contrib_timeline_set_log (fixture->timeline, fixture->log);
  draw (fixture);

  event = gh_request_log_get_event (fixture->log, 0);
  g_assert_true (contrib_timeline_get_event_point (fixture->timeline, event, &x, &y));
  g_assert_true (contrib_timeline_get_event_at (fixture->timeline, x, y) == event);
  tooltip = contrib_timeline_get_tooltip_at (fixture->timeline, x, y);
  /* The URL as it came, not read as markup */
  g_assert_nonnull (strstr (tooltip, "https://api.github.com/repos/org/<b>&amp;/contributors"));
  g_assert_nonnull (strstr (tooltip, "HTTP 200"));
  g_assert_nonnull (strstr (tooltip, "300 ms"));
  g_assert_nonnull (strstr (tooltip, "fetch#7"));
  g_assert_nonnull (strstr (tooltip, "main"));
  g_clear_pointer (&tooltip, g_free);

  event = gh_request_log_get_event (fixture->log, 3);
  g_assert_true (contrib_timeline_get_event_point (fixture->timeline, event, &x_later, &y_later));
  g_assert_true (contrib_timeline_get_event_at (fixture->timeline, x_later, y_later) == event);
  tooltip = contrib_timeline_get_tooltip_at (fixture->timeline, x_later, y_later);
  g_assert_nonnull (strstr (tooltip, "HTTP 502 · Failed"));
  g_assert_nonnull (strstr (tooltip, "100 ms"));
  g_assert_nonnull (strstr (tooltip, "worker-2"));
  g_assert_null (strstr (tooltip, "#"));

  /* Empty space: after the later bar in its lane, below the last lane,
   * on the axis, and between two lanes */
  g_assert_null (contrib_timeline_get_event_at (fixture->timeline, x_later + 100, y_later));
  g_assert_null (contrib_timeline_get_event_at (fixture->timeline, x, y + 3 * 16));
  g_assert_null (contrib_timeline_get_event_at (fixture->timeline, x, 5));
  g_assert_null (contrib_timeline_get_event_at (fixture->timeline, x, y + 8));
  g_assert_null (contrib_timeline_get_tooltip_at (fixture->timeline, x_later + 100, y_later));
}

static void
record_many (GhRequestLog *log,
             guint         n)
{
  /* One every 10 ms, 50 ms each: five at once, over 15 s */
  for (guint i = 0; i < n; i++)
    record (log, i * 10, i * 10 + 50, i % 40 + 1);
  gh_request_log_flush (log);
}

static guint
count_in_range (GhRequestLog *log,
                gint64        from_us,
                gint64        to_us)
{
  guint n = 0;

  for (guint i = 0; i < gh_request_log_get_n_events (log); i++)
    {
      const GhRequestEvent *event = gh_request_log_get_event (log, i);

      if (event->end_us - BASE_US >= from_us && event->start_us - BASE_US <= to_us)
        n++;
    }
  return n;
}

static void
test_timeline_culling (Fixture       *fixture,
                       gconstpointer  data)
{
  const GhRequestEvent *last;
  GtkAdjustment *vadjustment;
  gint64 from, to;
  guint expected;
  double x, y;

  g_test_summary ("Zoomed in on 1,500 requests, only the bars in view are drawn");
  record_many (fixture->log, 1500);
  contrib_timeline_set_log (fixture->timeline, fixture->log);
  draw (fixture);
  g_assert_cmpuint (contrib_timeline_get_n_bars (fixture->timeline), ==, 1500);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), ==, 1500);

  /* About a second across the widget, in the middle */
  contrib_timeline_set_zoom (fixture->timeline, 800);
  contrib_timeline_zoom_at (fixture->timeline, 1.0, -1);
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (fixture->timeline)), 5000);
  draw (fixture);
  contrib_timeline_get_visible_range (fixture->timeline, &from, &to);
  g_assert_cmpint (to - from, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (from, >, 5 * G_USEC_PER_SEC);
  expected = count_in_range (fixture->log, from, to);
  g_assert_cmpuint (expected, >, 0);
  /* Each side may take one more bar for the width a bar is drawn at least */
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), >=, expected);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), <=, expected + 10);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), <, 1500 / 5);

  /* By caller, 40 lanes, more than the height holds: those below are not
   * drawn until scrolled to, and then hit where they are drawn */
  contrib_timeline_zoom_to_fit (fixture->timeline);
  contrib_timeline_set_lanes (fixture->timeline, CONTRIB_TIMELINE_LANES_BY_CALLER);
  g_assert_cmpuint (contrib_timeline_get_n_lanes (fixture->timeline), ==, 40);
  draw (fixture);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), <, 1500 * 30 / 40);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), >, 1500 * 10 / 40);

  /* The last lane's: below the view for now */
  last = gh_request_log_get_event (fixture->log, 1479);
  g_assert_cmpuint (last->coroutine_id, ==, 40);
  g_assert_true (contrib_timeline_get_event_point (fixture->timeline, last, &x, &y));
  g_assert_cmpfloat (y, >, gtk_widget_get_height (GTK_WIDGET (fixture->timeline)));

  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->timeline));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  draw (fixture);
  g_assert_true (contrib_timeline_get_event_point (fixture->timeline, last, &x, &y));
  g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (fixture->timeline)));
  g_assert_true (contrib_timeline_get_event_at (fixture->timeline, x, y) == last);
}

typedef struct
{
  ContribTimeline *timeline;
  double           zoom;
} ZoomWait;

static gboolean
zoom_changed (gpointer data)
{
  ZoomWait *wait = data;

  return contrib_timeline_get_zoom (wait->timeline) != wait->zoom;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gpointer
run_xdotool (gpointer data)
{
  g_auto(GStrv) argv = data;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error))
    g_error ("xdotool: %s", error->message);
  return GINT_TO_POINTER (status);
}

/* xdotool over @widget: real X events, with Ctrl held or not. From a
 * thread, as this one's main loop must run to take them; join it before
 * the next, or its Ctrl release may come after the next one's wheel. */
static GThread *
scroll_on (GtkWidget *widget,
           gboolean   ctrl,
           int        button)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double dx, dy;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *click = g_strdup_printf ("%d", button);

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 4.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  x = g_strdup_printf ("%d", (int) (point.x + dx));
  y = g_strdup_printf ("%d", (int) (point.y + dy));

  g_strv_builder_add_many (builder, "xdotool", "mousemove", "--window", xid, x, y, NULL);
  if (ctrl)
    g_strv_builder_add_many (builder, "keydown", "ctrl", NULL);
  g_strv_builder_add_many (builder, "click", click, NULL);
  if (ctrl)
    g_strv_builder_add_many (builder, "keyup", "ctrl", NULL);
  return g_thread_new ("xdotool", run_xdotool, g_strv_builder_end (builder));
}

static void
test_timeline_zoom (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  gint64 from, to, zoomed_from, zoomed_to;
  double quarter_us, hvalue;
  GThread *thread;
  ZoomWait wait;

  g_test_summary ("Ctrl+scroll and the keys zoom around the pointer; plain scroll does not zoom");
  record_many (fixture->log, 300);
  contrib_timeline_set_log (fixture->timeline, fixture->log);
  draw (fixture);
  contrib_timeline_get_visible_range (fixture->timeline, &from, &to);

  /* Around a point: the time under it stays */
  quarter_us = from + (to - from) / 4.0;
  contrib_timeline_zoom_at (fixture->timeline, 4.0, gtk_widget_get_width (GTK_WIDGET (fixture->timeline)) / 4.0);
  draw (fixture);
  contrib_timeline_get_visible_range (fixture->timeline, &zoomed_from, &zoomed_to);
  g_assert_false (contrib_timeline_get_fit (fixture->timeline));
  g_assert_cmpfloat_with_epsilon ((double) (zoomed_to - zoomed_from), (to - from) / 4.0, (to - from) / 100.0);
  g_assert_cmpfloat_with_epsilon (zoomed_from + (zoomed_to - zoomed_from) / 4.0, quarter_us, 2 * MS);

  /* The keys, through the widget's actions */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.zoom-out", NULL));
  g_assert_cmpfloat (contrib_timeline_get_zoom (fixture->timeline), <, 4.0 * 800 / 3.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.zoom-to-fit", NULL));
  g_assert_true (contrib_timeline_get_fit (fixture->timeline));
  draw (fixture);
  contrib_timeline_get_visible_range (fixture->timeline, &zoomed_from, &zoomed_to);
  g_assert_cmpint (zoomed_to - zoomed_from, ==, to - from);

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }

  wait = (ZoomWait) { fixture->timeline, contrib_timeline_get_zoom (fixture->timeline) };
  thread = scroll_on (GTK_WIDGET (fixture->timeline), TRUE, 4);
  g_assert_true (gui_wait_until (zoom_changed, &wait, 10000));
  g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (thread)), ==, 0);
  draw (fixture);
  contrib_timeline_get_visible_range (fixture->timeline, &zoomed_from, &zoomed_to);
  g_assert_cmpint (zoomed_to - zoomed_from, <, (to - from) * 0.9);
  g_assert_false (contrib_timeline_get_fit (fixture->timeline));

  /* Without Ctrl, the wheel is the scrolled window's: it pans */
  wait.zoom = contrib_timeline_get_zoom (fixture->timeline);
  hvalue = gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (fixture->timeline)));
  /* Button 7: the wheel to the right */
  thread = scroll_on (GTK_WIDGET (fixture->timeline), FALSE, 7);
  gui_wait_until (never, NULL, 1000);
  g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (thread)), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (fixture->timeline))),
                     >, hvalue);
  g_assert_cmpfloat (contrib_timeline_get_zoom (fixture->timeline), ==, wait.zoom);
}

static void
test_timeline_accessible (Fixture       *fixture,
                          gconstpointer  data)
{
  g_test_summary ("A screen reader hears how many requests, how many at once, and how long");
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (fixture->timeline), GTK_ACCESSIBLE_ROLE_IMG));
  contrib_timeline_set_log (fixture->timeline, fixture->log);
  gtk_test_accessible_assert_property (fixture->timeline, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No requests yet");

  record (fixture->log, 0, 1400, 1);
  gh_request_log_flush (fixture->log);
  gtk_test_accessible_assert_property (fixture->timeline, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "1 request, at most 1 at once, 1.4 s");

  for (guint i = 0; i < 160; i++)
    record (fixture->log, i * 10, i * 10 + 75, i + 2);
  gh_request_log_flush (fixture->log);
  /* The last ends at 1,590 + 75 = 1,665 ms; eight short ones at once,
   * with the long one nine */
  gtk_test_accessible_assert_property (fixture->timeline, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "161 requests, at most 9 at once, 1.7 s");
  g_assert_cmpstr (contrib_timeline_get_summary (fixture->timeline), ==,
                   "161 requests, at most 9 at once, 1.7 s");
}

static gboolean
rgba_equal (const GdkRGBA *a,
            const GdkRGBA *b)
{
  return gdk_rgba_equal (a, b);
}

/* Colour rectangles of @color in a drawing: thin ones (a mark) and others */
static void
count_rects (GskRenderNode *node,
             const GdkRGBA *color,
             guint         *n_thin,
             guint         *n_wide)
{
  graphene_rect_t bounds;

  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_rects (gsk_container_node_get_child (node, i), color, n_thin, n_wide);
      break;

    case GSK_CLIP_NODE:
      count_rects (gsk_clip_node_get_child (node), color, n_thin, n_wide);
      break;

    case GSK_TRANSFORM_NODE:
      count_rects (gsk_transform_node_get_child (node), color, n_thin, n_wide);
      break;

    case GSK_COLOR_NODE:
      if (!gdk_rgba_equal (gsk_color_node_get_color (node), color))
        break;
      gsk_render_node_get_bounds (node, &bounds);
      if (bounds.size.width <= 2)
        (*n_thin)++;
      else
        (*n_wide)++;
      break;

    default:
      break;
    }
}

static void
count_drawn (ContribTimeline *timeline,
             const GdkRGBA   *color,
             guint           *n_thin,
             guint           *n_wide)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (timeline));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (timeline)),
                          gtk_widget_get_height (GTK_WIDGET (timeline)));
  node = gtk_snapshot_to_node (snapshot);
  *n_thin = *n_wide = 0;
  g_assert_nonnull (node);
  count_rects (node, color, n_thin, n_wide);
}

static void
test_timeline_colors (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GhRequestOutcome outcomes[] = { GH_REQUEST_OK, GH_REQUEST_EMPTY, GH_REQUEST_FAILED, GH_REQUEST_CANCELLED };
  GdkRGBA colors[G_N_ELEMENTS (outcomes) + 1];
  GdkRGBA marker, dark_ok;
  guint n_thin, n_wide;

  g_test_summary ("Each outcome, running after Cancel, and the Cancel mark have their own colour, "
                  "looked up again for the dark style");
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    record_full (fixture->log, i * 100, i * 100 + 80, outcomes[i], 200, "fetch", i + 1, "main", "u");
  gh_request_log_flush (fixture->log);
  /* Cancel at 500 ms; one that ends after it, not as cancelled */
  fake_now = BASE_US + 500 * MS;
  gh_request_log_mark_cancelled (fixture->log);
  record_full (fixture->log, 450, 900, GH_REQUEST_OK, 200, "fetch", 9, "main", "u");
  gh_request_log_flush (fixture->log);
  g_assert_true (gh_request_log_get_event (fixture->log, 4)->after_cancel);
  contrib_timeline_set_log (fixture->timeline, fixture->log);
  draw (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    contrib_timeline_get_bar_color (fixture->timeline, gh_request_log_get_event (fixture->log, i), &colors[i]);
  contrib_timeline_get_marker_color (fixture->timeline, &marker);
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      g_assert_cmpfloat (colors[i].alpha, >, 0.2);
      for (guint j = i + 1; j < G_N_ELEMENTS (colors); j++)
        g_assert_false (rgba_equal (&colors[i], &colors[j]));
    }
  g_assert_false (rgba_equal (&marker, &colors[0]));

  /* Drawn: the mark, and the bar that ran after it, in that colour; the
   * five bars, each in its own */
  count_drawn (fixture->timeline, &marker, &n_thin, &n_wide);
  g_assert_cmpuint (n_thin, ==, 1);
  g_assert_cmpuint (n_wide, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      count_drawn (fixture->timeline, &colors[i], &n_thin, &n_wide);
      g_assert_cmpuint (n_wide, ==, 1);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  draw (fixture);
  draw (fixture);
  contrib_timeline_get_bar_color (fixture->timeline, gh_request_log_get_event (fixture->log, 0), &dark_ok);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_false (rgba_equal (&dark_ok, &colors[0]));
}

typedef struct
{
  ContribTimeline *timeline;
  guint            n;
} BarsWait;

static gboolean
has_bars (gpointer data)
{
  BarsWait *wait = data;

  return contrib_timeline_get_n_bars (wait->timeline) == wait->n;
}

static gboolean
axis_reaches_4s (gpointer data)
{
  gint64 from, to;

  contrib_timeline_get_visible_range (data, &from, &to);
  return to >= 4 * G_USEC_PER_SEC;
}

static void
test_timeline_live (Fixture       *fixture,
                    gconstpointer  data)
{
  BarsWait wait = { fixture->timeline, 3 };
  gint64 from, to;

  g_test_summary ("While the load runs, the axis reaches now and new requests show a batch later");
  contrib_timeline_set_log (fixture->timeline, fixture->log);
  contrib_timeline_set_running (fixture->timeline, TRUE);
  draw (fixture);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), ==, 0);

  /* No flush: the log delivers them itself, once a frame */
  fake_now = BASE_US + 400 * MS;
  record (fixture->log, 0, 300, 1);
  record (fixture->log, 100, 350, 2);
  record (fixture->log, 120, 390, 3);
  g_assert_true (gui_wait_until (has_bars, &wait, 5000));
  draw (fixture);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), ==, 3);

  /* Now is 4 s in: the whole axis reaches it, at its next live redraw,
   * within a tenth of a second */
  fake_now = BASE_US + 4 * G_USEC_PER_SEC;
  g_assert_true (gui_wait_until (axis_reaches_4s, fixture->timeline, 1000));

  wait.n = 5;
  record (fixture->log, 3000, 3900, 4);
  record (fixture->log, 3100, 3800, 5);
  g_assert_true (gui_wait_until (has_bars, &wait, 5000));
  draw (fixture);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (fixture->timeline), ==, 5);

  /* Done: the axis ends with the last request */
  contrib_timeline_set_running (fixture->timeline, FALSE);
  fake_now = BASE_US + 10 * G_USEC_PER_SEC;
  draw (fixture);
  draw (fixture);
  contrib_timeline_get_visible_range (fixture->timeline, &from, &to);
  g_assert_cmpint (to, <, 4 * G_USEC_PER_SEC + 200 * MS);
}

/* What CONCURRENT makes of an organization: the repositories' pages one
 * after the other, then the contributors of each, eight at once, and a
 * Cancel near the end. */
static GhRequestLog *
concurrent_like_log (void)
{
  GhRequestLog *log = gh_request_log_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 slots[8] = { 0 };
  gint64 t = 0;

  fake_now = BASE_US;
  gh_request_log_set_clock (log, fake_clock);
  for (guint page = 1; page <= 2; page++)
    {
      g_autofree char *url = g_strdup_printf ("https://api.github.com/orgs/kotlin/repos?per_page=100&page=%u", page);
      gint64 end = t + g_rand_int_range (rand, 150, 260);

      record_full (log, t, end, GH_REQUEST_OK, 200, "load", 1, "main", url);
      t = end;
    }
  for (guint i = 0; i < 8; i++)
    slots[i] = t;

  fake_now = BASE_US + 1650 * MS;
  gh_request_log_mark_cancelled (log);
  for (guint repo = 0; repo < 60; repo++)
    {
      g_autofree char *url = g_strdup_printf ("https://api.github.com/repos/kotlin/repo-%u/contributors", repo);
      guint slot = repo % 8;
      gint64 start = slots[slot] + g_rand_int_range (rand, 0, 15);
      gint64 end = start + g_rand_int_range (rand, 60, 320);
      GhRequestOutcome outcome = GH_REQUEST_OK;
      guint status = 200;

      if (start >= 1650)
        break;
      if (repo % 11 == 5)
        {
          outcome = GH_REQUEST_EMPTY;
          status = 204;
        }
      if (repo == 23)
        {
          outcome = GH_REQUEST_FAILED;
          status = 502;
        }
      if (end > 1650 && repo % 3 != 0)
        {
          outcome = GH_REQUEST_CANCELLED;
          status = 0;
          end = 1650 + g_rand_int_range (rand, 1, 10);
        }
      record_full (log, start, end, outcome, status, "contributors", 2 + repo, "main", url);
      slots[slot] = end;
    }
  /* One that Cancel did not stop, as NOT_CANCELLABLE's */
  record_full (log, 1480, 1900, GH_REQUEST_OK, 200, "contributors", 99, "main",
               "https://api.github.com/repos/kotlin/repo-99/contributors");
  gh_request_log_flush (log);
  return log;
}

static void
test_timeline_page (gconstpointer data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *window = gtk_window_new ();
  ContribTimelinePage *page = CONTRIB_TIMELINE_PAGE (contrib_timeline_page_new ());
  ContribTimeline *timeline = contrib_timeline_page_get_timeline (page);
  g_autoptr(GhRequestLog) log = concurrent_like_log ();
  GtkStack *stack;
  GtkToggleButton *caller;

  g_test_summary ("The page: an empty state, then the time line with its lanes switch and legend");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 420);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  stack = GTK_STACK (gui_find_widget (GTK_WIDGET (page), GTK_TYPE_STACK, NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_nonnull (gui_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "No Requests Yet"));
  gui_save_screenshot (window, "timeline-empty.png");

  contrib_timeline_page_set_log (page, log);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "timeline");
  g_assert_true (contrib_timeline_get_log (timeline) == log);
  g_assert_nonnull (gui_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "After Cancel"));
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpuint (contrib_timeline_get_n_drawn (timeline), ==, gh_request_log_get_n_events (log));
  gui_save_screenshot (window, "timeline.png");

  caller = GTK_TOGGLE_BUTTON (gui_find_widget (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, "By Coroutine"));
  gtk_toggle_button_set_active (caller, TRUE);
  g_assert_cmpint (contrib_timeline_get_lanes (timeline), ==, CONTRIB_TIMELINE_LANES_BY_CALLER);
  g_assert_cmpuint (contrib_timeline_get_n_lanes (timeline), >, 8);

  contrib_timeline_zoom_at (timeline, 3, -1);
  g_assert_false (contrib_timeline_get_fit (timeline));
  g_signal_emit_by_name (gui_find_by_id (GTK_WIDGET (page), "zoom_fit_button"), "clicked");
  g_assert_true (contrib_timeline_get_fit (timeline));

  gtk_test_widget_wait_for_draw (window);
  gui_save_screenshot (window, "timeline-by-coroutine.png");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gui_find_widget (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON,
                                                                    "Packed")), TRUE);
  g_assert_cmpint (contrib_timeline_get_lanes (timeline), ==, CONTRIB_TIMELINE_LANES_PACKED);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_test_widget_wait_for_draw (window);
  gui_save_screenshot (window, "timeline-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/timeline/bars", Fixture, NULL, fixture_setup, test_timeline_bars, fixture_teardown);
  g_test_add ("/gui/timeline/lanes", Fixture, NULL, fixture_setup, test_timeline_lanes, fixture_teardown);
  g_test_add ("/gui/timeline/lanes-incremental", Fixture, NULL,
              fixture_setup, test_timeline_lanes_incremental, fixture_teardown);
  g_test_add ("/gui/timeline/hit", Fixture, NULL, fixture_setup, test_timeline_hit, fixture_teardown);
  g_test_add ("/gui/timeline/culling", Fixture, NULL, fixture_setup, test_timeline_culling, fixture_teardown);
  g_test_add ("/gui/timeline/zoom", Fixture, NULL, fixture_setup, test_timeline_zoom, fixture_teardown);
  g_test_add ("/gui/timeline/accessible", Fixture, NULL,
              fixture_setup, test_timeline_accessible, fixture_teardown);
  g_test_add ("/gui/timeline/colors", Fixture, NULL, fixture_setup, test_timeline_colors, fixture_teardown);
  g_test_add ("/gui/timeline/live", Fixture, NULL, fixture_setup, test_timeline_live, fixture_teardown);
  g_test_add_data_func ("/gui/timeline/page", NULL, test_timeline_page);

  return gui_test_run ();
}
