/* contrib-timeline-paint.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Where things are on a timeline and how it is drawn: times to pixels and
 * back, the bar under a point, and the snapshot of the axis, the bars in
 * view and the Cancel mark.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "contrib-timeline-private.h"

/* --- geometry ------------------------------------------------------------ */

void
_contrib_timeline_get_range (ContribTimeline *self,
           gint64          *from_us,
           gint64          *to_us)
{
  gint64 origin = self->log != NULL ? gh_request_log_get_origin_us (self->log) : 0;
  gint64 from = MIN (origin, contrib_timeline_layout_get_min_start_us (self->layout));
  gint64 to = MAX (origin + MIN_SPAN_US, contrib_timeline_layout_get_max_end_us (self->layout));

  if (self->log != NULL)
    to = MAX (to, gh_request_log_get_cancelled_us (self->log));
  if (self->running)
    to = MAX (to, self->now_us);

  *from_us = from;
  *to_us = to;
}

double
_contrib_timeline_fit_scale (ContribTimeline *self)
{
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PAD_X, 1.0);
  gint64 from, to;

  _contrib_timeline_get_range (self, &from, &to);
  return MIN (width / (double) (to - from), MAX_SCALE);
}

double
_contrib_timeline_hvalue (ContribTimeline *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0.0;
}

double
_contrib_timeline_vvalue (ContribTimeline *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0.0;
}

double
_contrib_timeline_time_to_x (ContribTimeline *self,
           gint64           from_us,
           double           time_us)
{
  return PAD_X + (time_us - from_us) * self->scale - _contrib_timeline_hvalue (self);
}

double
_contrib_timeline_x_to_time (ContribTimeline *self,
           gint64           from_us,
           double           x)
{
  return from_us + (x + _contrib_timeline_hvalue (self) - PAD_X) / self->scale;
}

double
_contrib_timeline_lane_top (ContribTimeline *self,
          guint            lane)
{
  return AXIS_HEIGHT + lane * LANE_PITCH + (LANE_PITCH - BAR_HEIGHT) / 2 -
         _contrib_timeline_vvalue (self);
}

/* The bar under a point of the widget, or G_MAXUINT. Where bars of a lane
 * overlap (a thread's lane), the one drawn last, on top. */
guint
_contrib_timeline_hit_test (ContribTimeline *self,
          double           x,
          double           y)
{
  guint found = G_MAXUINT;
  guint lane, n_bars;
  const guint *bars;
  gint64 from, to;
  double time_us, slack_us, top;

  if (y < AXIS_HEIGHT || x < 0 || x >= gtk_widget_get_width (GTK_WIDGET (self)))
    return G_MAXUINT;
  lane = (guint) ((y - AXIS_HEIGHT + _contrib_timeline_vvalue (self)) / LANE_PITCH);
  if (lane >= contrib_timeline_layout_get_n_lanes (self->layout, self->lanes))
    return G_MAXUINT;
  /* In the gap between two lanes: no bar */
  top = _contrib_timeline_lane_top (self, lane);
  if (y < top || y >= top + BAR_HEIGHT)
    return G_MAXUINT;

  _contrib_timeline_get_range (self, &from, &to);
  time_us = _contrib_timeline_x_to_time (self, from, x);
  /* A bar is drawn at least MIN_BAR_WIDTH wide */
  slack_us = MIN_BAR_WIDTH / self->scale;
  bars = contrib_timeline_layout_get_lane_bars (self->layout, self->lanes, lane, &n_bars);
  for (guint i = contrib_timeline_layout_find_first (self->layout, self->lanes, lane,
                                                     (gint64) floor (time_us - slack_us));
       i < n_bars; i++)
    {
      const GhRequestEvent *event = contrib_timeline_layout_get_event (self->layout, bars[i]);

      if (event->start_us > time_us)
        break;
      if (MAX ((double) event->end_us, event->start_us + slack_us) >= time_us)
        found = bars[i];
    }
  return found;
}

/* --- drawing ------------------------------------------------------------- */

void
_contrib_timeline_ensure_colors (ContribTimeline *self)
{
  if (self->colors_valid)
    return;
  for (guint i = 0; i < CONTRIB_TIMELINE_N_OUTCOMES; i++)
    contrib_timeline_lookup_color (GTK_WIDGET (self), i, &self->colors[i]);
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &self->foreground);
  self->colors_valid = TRUE;
}

static void
append_label (GtkSnapshot   *snapshot,
              PangoLayout   *layout,
              const char    *text,
              double         x,
              double         y,
              const GdkRGBA *color)
{
  pango_layout_set_text (layout, text, -1);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_axis (ContribTimeline *self,
               GtkSnapshot     *snapshot,
               PangoLayout     *layout,
               gint64           from_us)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  gint64 origin = self->log != NULL ? gh_request_log_get_origin_us (self->log) : 0;
  gint64 step = _contrib_timeline_tick_step (MIN_TICK_GAP / self->scale);
  double first = _contrib_timeline_x_to_time (self, from_us, 0) - origin;
  GdkRGBA grid = self->foreground;
  GdkRGBA text = self->foreground;

  grid.alpha *= 0.12;
  text.alpha *= 0.7;
  gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (0, AXIS_HEIGHT - 1, width, 1));

  for (gint64 tick = (gint64) floor (first / step) * step;; tick += step)
    {
      double x = _contrib_timeline_time_to_x (self, from_us, origin + tick);
      g_autofree char *label = NULL;

      if (x > width)
        break;
      if (x < -MIN_TICK_GAP)
        continue;
      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (round (x), 4, 1, height - 4));
      label = _contrib_timeline_format_seconds (tick / (double) G_USEC_PER_SEC,
                                                step / (double) G_USEC_PER_SEC);
      append_label (snapshot, layout, label, round (x) + 4, 4, &text);
    }
}

static void
snapshot_bars (ContribTimeline *self,
               GtkSnapshot     *snapshot,
               gint64           from_us)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n_lanes = contrib_timeline_layout_get_n_lanes (self->layout, self->lanes);
  gint64 visible_from = (gint64) floor (_contrib_timeline_x_to_time (self, from_us,
                                                                     -MIN_BAR_WIDTH));
  gint64 visible_to = (gint64) ceil (_contrib_timeline_x_to_time (self, from_us, width));
  double top = _contrib_timeline_vvalue (self);
  guint first_lane = (guint) MAX (0.0, floor (top / LANE_PITCH));
  guint last_lane = (guint) MAX (0.0, ceil ((top + height - AXIS_HEIGHT) / LANE_PITCH));

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, AXIS_HEIGHT, width,
                                                         MAX (height - AXIS_HEIGHT, 0)));
  for (guint lane = first_lane; lane < MIN (last_lane + 1, n_lanes); lane++)
    {
      double y = _contrib_timeline_lane_top (self, lane);
      guint n_bars;
      const guint *bars = contrib_timeline_layout_get_lane_bars (self->layout, self->lanes,
                                                                 lane, &n_bars);
      guint first = contrib_timeline_layout_find_first (self->layout, self->lanes,
                                                        lane, visible_from);

      for (guint i = first; i < n_bars; i++)
        {
          const GhRequestEvent *event = contrib_timeline_layout_get_event (self->layout, bars[i]);
          double x0, x1;

          if (event->start_us > visible_to)
            break;
          if (event->end_us < visible_from)
            continue;
          /* Clamped, so that a bar far longer than the view stays in float range */
          x0 = MAX (_contrib_timeline_time_to_x (self, from_us, event->start_us), -2.0);
          x1 = MIN (_contrib_timeline_time_to_x (self, from_us, event->end_us), width + 2.0);
          /* A pixel of gap, so that one request right after another
           * shows as two */
          if (x1 - x0 > 3)
            x1 -= 1;
          gtk_snapshot_append_color (snapshot, &self->colors[contrib_timeline_outcome_of (event)],
                                     &GRAPHENE_RECT_INIT (x0, y, MAX (x1 - x0, MIN_BAR_WIDTH),
                                                          BAR_HEIGHT));
          self->n_drawn++;
        }
    }
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_cancel (ContribTimeline *self,
                 GtkSnapshot     *snapshot,
                 PangoLayout     *layout,
                 gint64           from_us)
{
  gint64 cancelled = self->log != NULL ? gh_request_log_get_cancelled_us (self->log) : -1;
  const GdkRGBA *color = &self->colors[CONTRIB_TIMELINE_OUTCOME_AFTER_CANCEL];
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  int label_width, label_height;
  double x;

  if (cancelled < 0)
    return;
  x = round (_contrib_timeline_time_to_x (self, from_us, cancelled));
  if (x < -2 || x > width + 2)
    return;
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x - 1, 0, 2, height));

  /* At the bottom, where lanes are fewest; on the side with room */
  /* Translators: the mark on the time line where the user pressed Cancel */
  pango_layout_set_text (layout, C_("timeline", "Cancel"), -1);
  pango_layout_get_pixel_size (layout, &label_width, &label_height);
  append_label (snapshot, layout, C_("timeline", "Cancel"),
                x + 4 + label_width <= width ? x + 4 : x - 4 - label_width,
                height - label_height - 4, color);
}

void
_contrib_timeline_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  ContribTimeline *self = CONTRIB_TIMELINE (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  gint64 from, to;

  _contrib_timeline_ensure_colors (self);
  _contrib_timeline_get_range (self, &from, &to);
  self->n_drawn = 0;

  snapshot_axis (self, snapshot, layout, from);
  snapshot_bars (self, snapshot, from);
  snapshot_cancel (self, snapshot, layout, from);

  /* Where the running load is: the requests still in flight end there */
  if (self->running)
    {
      GdkRGBA now = self->foreground;
      double x = round (_contrib_timeline_time_to_x (self, from, self->now_us));

      now.alpha *= 0.35;
      gtk_snapshot_append_color (snapshot, &now,
                                 &GRAPHENE_RECT_INIT (x, AXIS_HEIGHT, 1,
                                                      gtk_widget_get_height (widget) - AXIS_HEIGHT));
    }
}
