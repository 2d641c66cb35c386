/* contrib-timeline-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "contrib-timeline-layout.h"
#include "contrib-timeline.h"

G_BEGIN_DECLS

/* The widget is split in three files: the state and its updates
 * (contrib-timeline.c), where things are and how they are drawn
 * (contrib-timeline-paint.c), and what a bar says (…-outcome.c). */

#define AXIS_HEIGHT    24.0
#define LANE_PITCH     16.0
#define BAR_HEIGHT     12.0
#define PAD_X          12.0
#define PAD_BOTTOM     8.0
#define MIN_BAR_WIDTH  1.0
#define MIN_TICK_GAP   90.0                      /* pixels between labelled ticks */
#define MIN_SPAN_US    (G_USEC_PER_SEC / 2)      /* the axis of an empty log */
#define MAX_SCALE      (200.0 / 1000.0)          /* pixels per µs: 200 per ms */

struct _ContribTimeline
{
  GtkWidget              parent_instance;

  GhRequestLog          *log;
  gulong                 events_added_id;
  ContribTimelineLayout *layout;
  ContribTimelineLanes   lanes;

  gboolean               running;
  guint                  tick_id;
  gint64                 now_us;             /* the log's clock at the last live redraw */
  gint64                 live_frame_us;      /* the frame time of that redraw */

  double                 scale;              /* pixels per µs */
  gboolean               fit;                /* the scale follows the width and span */
  double                 pointer_x;          /* -1 outside */

  GtkAdjustment         *hadjustment;
  GtkAdjustment         *vadjustment;
  guint                  hscroll_policy : 1;
  guint                  vscroll_policy : 1;

  gboolean               colors_valid;
  GdkRGBA                colors[CONTRIB_TIMELINE_N_OUTCOMES];
  GdkRGBA                foreground;

  char                  *summary;
  guint                  n_drawn;
};

/* contrib-timeline-paint.c */
void    _contrib_timeline_get_range     (ContribTimeline      *self,
                                         gint64               *from_us,
                                         gint64               *to_us);
double  _contrib_timeline_fit_scale     (ContribTimeline      *self);
double  _contrib_timeline_hvalue        (ContribTimeline      *self);
double  _contrib_timeline_vvalue        (ContribTimeline      *self);
double  _contrib_timeline_time_to_x     (ContribTimeline      *self,
                                         gint64                from_us,
                                         double                time_us);
double  _contrib_timeline_x_to_time     (ContribTimeline      *self,
                                         gint64                from_us,
                                         double                x);
double  _contrib_timeline_lane_top      (ContribTimeline      *self,
                                         guint                 lane);
guint   _contrib_timeline_hit_test      (ContribTimeline      *self,
                                         double                x,
                                         double                y);
void    _contrib_timeline_ensure_colors (ContribTimeline      *self);
void    _contrib_timeline_snapshot      (GtkWidget            *widget,
                                         GtkSnapshot          *snapshot);

/* contrib-timeline-outcome.c */
char   *_contrib_timeline_describe_event (const GhRequestEvent *event);
char   *_contrib_timeline_format_seconds (double                seconds,
                                          double                step_seconds);
gint64  _contrib_timeline_tick_step      (double                min_us);

G_END_DECLS
