/* contrib-timeline-page.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>
#include <gtk/gtk.h>

#include "contrib-timeline.h"

G_BEGIN_DECLS

#define CONTRIB_TYPE_TIMELINE_PAGE (contrib_timeline_page_get_type ())

G_DECLARE_FINAL_TYPE (ContribTimelinePage, contrib_timeline_page, CONTRIB, TIMELINE_PAGE, GtkWidget)

GtkWidget       *contrib_timeline_page_new          (void);
void             contrib_timeline_page_set_log      (ContribTimelinePage *self,
                                                     GhRequestLog        *log);
void             contrib_timeline_page_set_running  (ContribTimelinePage *self,
                                                     gboolean             running);
ContribTimeline *contrib_timeline_page_get_timeline (ContribTimelinePage *self);

G_END_DECLS
