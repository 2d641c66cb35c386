/* contrib-compare-chart.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_COMPARE_CHART (contrib_compare_chart_get_type ())

G_DECLARE_FINAL_TYPE (ContribCompareChart, contrib_compare_chart, CONTRIB, COMPARE_CHART, GtkWidget)

GtkWidget  *contrib_compare_chart_new             (void);
void        contrib_compare_chart_set_model       (ContribCompareChart *self,
                                                   GListModel          *model);
GListModel *contrib_compare_chart_get_model       (ContribCompareChart *self);
const char *contrib_compare_chart_get_description (ContribCompareChart *self);

G_END_DECLS
