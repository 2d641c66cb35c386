/* aggregation.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>

G_BEGIN_DECLS

typedef struct _ContribAggregator ContribAggregator;

GPtrArray         *contrib_aggregate            (GPtrArray         *users);

ContribAggregator *contrib_aggregator_new       (void);
void               contrib_aggregator_free      (ContribAggregator *self);
void               contrib_aggregator_add       (ContribAggregator *self,
                                                 GPtrArray         *users);
GPtrArray         *contrib_aggregator_snapshot  (ContribAggregator *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContribAggregator, contrib_aggregator_free)

G_END_DECLS
