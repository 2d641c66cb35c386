/* contrib-block-monitor.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ContribBlockMonitor ContribBlockMonitor;

ContribBlockMonitor *contrib_block_monitor_new              (guint                period_ms);
void                 contrib_block_monitor_free             (ContribBlockMonitor *self);
void                 contrib_block_monitor_start            (ContribBlockMonitor *self);
void                 contrib_block_monitor_stop             (ContribBlockMonitor *self);
gint64               contrib_block_monitor_get_max_block_ms (ContribBlockMonitor *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContribBlockMonitor, contrib_block_monitor_free)

G_END_DECLS
