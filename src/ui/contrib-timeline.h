/* contrib-timeline.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * ContribTimelineLanes:
 * @CONTRIB_TIMELINE_LANES_PACKED: overlapping requests stack; as many lanes
 *   as requests were ever in flight at once
 * @CONTRIB_TIMELINE_LANES_BY_CALLER: one lane per coroutine, or per thread
 *   for requests made outside one
 */
typedef enum
{
  CONTRIB_TIMELINE_LANES_PACKED,
  CONTRIB_TIMELINE_LANES_BY_CALLER,
} ContribTimelineLanes;

/**
 * ContribTimelineOutcome:
 *
 * What a bar's colour says; %CONTRIB_TIMELINE_OUTCOME_AFTER_CANCEL wins
 * over how the request ended.
 */
typedef enum
{
  CONTRIB_TIMELINE_OUTCOME_OK,
  CONTRIB_TIMELINE_OUTCOME_EMPTY,
  CONTRIB_TIMELINE_OUTCOME_FAILED,
  CONTRIB_TIMELINE_OUTCOME_CANCELLED,
  CONTRIB_TIMELINE_OUTCOME_AFTER_CANCEL,
  CONTRIB_TIMELINE_N_OUTCOMES,
} ContribTimelineOutcome;

#define CONTRIB_TYPE_TIMELINE_LANES (contrib_timeline_lanes_get_type ())
GType contrib_timeline_lanes_get_type (void);

#define CONTRIB_TYPE_TIMELINE (contrib_timeline_get_type ())

G_DECLARE_FINAL_TYPE (ContribTimeline, contrib_timeline, CONTRIB, TIMELINE, GtkWidget)

GtkWidget             *contrib_timeline_new                (void);
void                   contrib_timeline_set_log            (ContribTimeline       *self,
                                                            GhRequestLog          *log);
GhRequestLog          *contrib_timeline_get_log            (ContribTimeline       *self);
void                   contrib_timeline_set_running        (ContribTimeline       *self,
                                                            gboolean               running);
gboolean               contrib_timeline_get_running        (ContribTimeline       *self);
void                   contrib_timeline_set_lanes          (ContribTimeline       *self,
                                                            ContribTimelineLanes   lanes);
ContribTimelineLanes   contrib_timeline_get_lanes          (ContribTimeline       *self);
guint                  contrib_timeline_get_n_lanes        (ContribTimeline       *self);
void                   contrib_timeline_set_zoom           (ContribTimeline       *self,
                                                            double                 pixels_per_second);
double                 contrib_timeline_get_zoom           (ContribTimeline       *self);
void                   contrib_timeline_zoom_at            (ContribTimeline       *self,
                                                            double                 factor,
                                                            double                 x);
void                   contrib_timeline_zoom_to_fit        (ContribTimeline       *self);
gboolean               contrib_timeline_get_fit            (ContribTimeline       *self);
void                   contrib_timeline_get_visible_range  (ContribTimeline       *self,
                                                            gint64                *from_us,
                                                            gint64                *to_us);
const GhRequestEvent  *contrib_timeline_get_event_at       (ContribTimeline       *self,
                                                            double                 x,
                                                            double                 y);
char                  *contrib_timeline_get_tooltip_at     (ContribTimeline       *self,
                                                            double                 x,
                                                            double                 y);
gboolean               contrib_timeline_get_event_point    (ContribTimeline       *self,
                                                            const GhRequestEvent  *event,
                                                            double                *x,
                                                            double                *y);
void                   contrib_timeline_get_bar_color      (ContribTimeline       *self,
                                                            const GhRequestEvent  *event,
                                                            GdkRGBA               *color);
void                   contrib_timeline_get_marker_color   (ContribTimeline       *self,
                                                            GdkRGBA               *color);
const char            *contrib_timeline_get_summary        (ContribTimeline       *self);
guint                  contrib_timeline_get_n_bars         (ContribTimeline       *self);
guint                  contrib_timeline_get_n_drawn        (ContribTimeline       *self);

ContribTimelineOutcome contrib_timeline_outcome_of         (const GhRequestEvent  *event);
const char            *contrib_timeline_outcome_get_label  (ContribTimelineOutcome outcome);
void                   contrib_timeline_lookup_color       (GtkWidget             *widget,
                                                            ContribTimelineOutcome outcome,
                                                            GdkRGBA               *color);

G_END_DECLS
