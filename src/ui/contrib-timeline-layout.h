/* contrib-timeline-layout.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>

#include "contrib-timeline.h"

G_BEGIN_DECLS

typedef struct _ContribTimelineLayout ContribTimelineLayout;

ContribTimelineLayout *contrib_timeline_layout_new              (void);
void                   contrib_timeline_layout_free             (ContribTimelineLayout  *self);
void                   contrib_timeline_layout_add              (ContribTimelineLayout  *self,
                                                                 const GhRequestEvent  **events,
                                                                 guint                   n_events);
guint                  contrib_timeline_layout_get_n_bars       (ContribTimelineLayout  *self);
const GhRequestEvent  *contrib_timeline_layout_get_event        (ContribTimelineLayout  *self,
                                                                 guint                   bar);
guint                  contrib_timeline_layout_get_lane         (ContribTimelineLayout  *self,
                                                                 ContribTimelineLanes    mode,
                                                                 guint                   bar);
guint                  contrib_timeline_layout_get_n_lanes      (ContribTimelineLayout  *self,
                                                                 ContribTimelineLanes    mode);
const guint           *contrib_timeline_layout_get_lane_bars    (ContribTimelineLayout  *self,
                                                                 ContribTimelineLanes    mode,
                                                                 guint                   lane,
                                                                 guint                  *n_bars);
guint                  contrib_timeline_layout_find_first       (ContribTimelineLayout  *self,
                                                                 ContribTimelineLanes    mode,
                                                                 guint                   lane,
                                                                 gint64                  from_us);
gint64                 contrib_timeline_layout_get_min_start_us (ContribTimelineLayout  *self);
gint64                 contrib_timeline_layout_get_max_end_us   (ContribTimelineLayout  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContribTimelineLayout, contrib_timeline_layout_free)

G_END_DECLS
