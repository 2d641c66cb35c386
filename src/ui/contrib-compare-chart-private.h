/* contrib-compare-chart-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "contrib-compare-chart.h"

G_BEGIN_DECLS

/* What the chart draws, for the tests: they cannot read pixels back by
 * meaning. Rectangles are in the widget's coordinates at its current
 * width. */
guint    _contrib_compare_chart_get_n_bars          (ContribCompareChart  *self);
gboolean _contrib_compare_chart_get_bar             (ContribCompareChart  *self,
                                                     guint                 index,
                                                     const char          **label,
                                                     const char          **value,
                                                     graphene_rect_t      *rect);
gboolean _contrib_compare_chart_get_ideal_line      (ContribCompareChart  *self,
                                                     const char          **label,
                                                     float                *x);
gboolean _contrib_compare_chart_get_tick            (ContribCompareChart  *self,
                                                     guint                 index,
                                                     float                *x);

G_END_DECLS
