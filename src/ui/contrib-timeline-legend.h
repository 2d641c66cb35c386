/* contrib-timeline-legend.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_TIMELINE_LEGEND (contrib_timeline_legend_get_type ())

G_DECLARE_FINAL_TYPE (ContribTimelineLegend, contrib_timeline_legend,
                      CONTRIB, TIMELINE_LEGEND, GtkWidget)

GtkWidget *contrib_timeline_legend_new (void);

G_END_DECLS
