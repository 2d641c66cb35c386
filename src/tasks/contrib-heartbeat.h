/* contrib-heartbeat.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ContribHeartbeat ContribHeartbeat;

ContribHeartbeat *contrib_heartbeat_new              (GMainContext     *context,
                                                      guint             period_ms);
void              contrib_heartbeat_free             (ContribHeartbeat *self);
void              contrib_heartbeat_start            (ContribHeartbeat *self);
void              contrib_heartbeat_stop             (ContribHeartbeat *self);
gint64            contrib_heartbeat_get_max_block_ms (ContribHeartbeat *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContribHeartbeat, contrib_heartbeat_free)

G_END_DECLS
